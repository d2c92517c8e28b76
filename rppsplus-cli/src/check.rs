//! `rppsplus check KIND [VALUE...]`.

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use rppsplus_core::ids::{IdKind, Mode, check, format};

use crate::output::{self, Outcome};
use crate::{Format, parse_kind};

/// Arguments of `rppsplus check`.
#[derive(clap::Args)]
pub struct Args {
    /// rpps, idnat, idnat-structure, adeli, finess, siren, siret, rpps-rang, commune, pays, phone, email, numero.
    #[arg(value_parser = parse_kind)]
    kind: IdKind,
    /// Values to check; when none is given, one value per line is read from stdin.
    values: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Accept ANS test identities (RPPS numbers not starting with 1), with a warning (on stderr
    /// in text output, in the `warning` key in JSON).
    #[arg(long)]
    test_mode: bool,
    /// Print the display form of valid values (SIRET `732 829 320 00074`, a French mobile
    /// `06 92 12 34 56`) instead of the canonical form in text output; add it as `display`
    /// in JSON.
    #[arg(long)]
    display: bool,
}

/// Checks every value, prints one line each, and returns the exit code of the contract.
pub fn run(args: &Args) -> ExitCode {
    let mode = if args.test_mode { Mode::Test } else { Mode::Strict };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut all_valid = true;
    let mut emit = |value: &str| -> io::Result<()> {
        let result = check(args.kind, value, mode);
        all_valid &= result.is_valid();
        let display = args.display.then(|| format(args.kind, value, mode).ok()).flatten();
        output::write_check(&mut out, args.format, value, &result, display.as_deref())
    };
    let written = if args.values.is_empty() {
        for_each_stdin_line(&mut emit)
    } else {
        args.values.iter().try_for_each(|v| emit(v))
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => output::exit(if all_valid {
            Outcome::AllValid
        } else {
            Outcome::SomeInvalid
        }),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(1),
        Err(e) => {
            eprintln!("rppsplus: {e}");
            output::exit(Outcome::Unreadable)
        }
    }
}

/// Calls `f` on each line of stdin (without its line ending; empty lines skipped). Bytes
/// that are not UTF-8 become U+FFFD, which every identifier refuses as `invalid_format`.
fn for_each_stdin_line(f: &mut impl FnMut(&str) -> io::Result<()>) -> io::Result<()> {
    let mut stdin = io::stdin().lock();
    let mut line = Vec::new();
    loop {
        line.clear();
        if stdin.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&line);
        let value = text.trim_end_matches(['\n', '\r']);
        if !value.is_empty() {
            f(value)?;
        }
    }
}
