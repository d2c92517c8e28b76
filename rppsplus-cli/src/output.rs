//! The output shapes and exit codes of the CLI contract.

use std::io::{self, Write};
use std::process::ExitCode;

use rppsplus_core::ids::Check;
use serde::Serialize;

use crate::Format;

/// How a command ended, mapped to the contract's exit codes.
pub enum Outcome {
    /// Exit 0.
    AllValid,
    /// Exit 1.
    SomeInvalid,
    /// Exit 2 (clap uses 2 for usage errors too).
    Unreadable,
}

/// The process exit code of `outcome`.
pub fn exit(outcome: Outcome) -> ExitCode {
    ExitCode::from(match outcome {
        Outcome::AllValid => 0,
        Outcome::SomeInvalid => 1,
        Outcome::Unreadable => 2,
    })
}

/// One `check` record in JSON.
#[derive(Serialize)]
struct CheckRecord<'a> {
    input: &'a str,
    valid: bool,
    canonical: Option<&'a str>,
    code: Option<&'static str>,
    message: Option<String>,
    message_en: Option<String>,
    warning: Option<&'static str>,
    /// With `--display` only: the display form of a valid value.
    #[serde(skip_serializing_if = "Option::is_none")]
    display: Option<&'a str>,
}

/// Writes the line of one checked value; `display`, its display form (`--display`), replaces
/// the canonical form in text and is added in JSON.
pub fn write_check(
    out: &mut impl Write,
    format: Format,
    input: &str,
    result: &Check,
    display: Option<&str>,
) -> io::Result<()> {
    match format {
        // The text lines keep the contract's exact shape; a warning goes to stderr.
        Format::Text => match result.result() {
            Ok(canonical) => {
                if let Some(w) = result.warning() {
                    eprintln!("rppsplus: {input}: {} ({})", w.code(), w.message_fr());
                }
                writeln!(out, "{input}\tok\t{}", display.unwrap_or(canonical))
            }
            Err(e) => writeln!(out, "{input}\terror\t{}\t{}", e.code(), e.message_fr()),
        },
        Format::Json => {
            let error = result.error();
            let record = CheckRecord {
                input,
                valid: result.is_valid(),
                canonical: result.canonical(),
                code: error.map(|e| e.code().as_str()),
                message: error.map(|e| e.message_fr()),
                message_en: error.map(|e| e.to_string()),
                warning: result.warning().map(|w| w.code().as_str()),
                display,
            };
            serde_json::to_writer(&mut *out, &record)?;
            writeln!(out)
        }
    }
}
