//! Runs the built `rppsplus` binary, for the CLI contract tests.
#![allow(dead_code)] // each test file uses part of these

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// `rppsplus ARGS` with `stdin` on its standard input.
pub fn rppsplus(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rppsplus"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let written = child.stdin.take().expect("stdin is piped").write_all(stdin);
    // A command refused for its arguments may exit before reading its input.
    if let Err(e) = written {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "stdin is writable");
    }
    child.wait_with_output().expect("the binary ends")
}

/// The standard output, as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}
