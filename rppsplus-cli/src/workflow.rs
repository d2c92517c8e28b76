//! `rppsplus workflow table|run`: the lifecycle of a demande (docs/cli.md). The table and the
//! scenarios are the core's; this module prints them.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Subcommand, ValueEnum};
use rppsplus_core::workflow::{Scenario, TRANSITIONS, table_dot, table_text};

use crate::output::{self, Outcome};

/// Arguments of `rppsplus workflow`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Workflow,
}

#[derive(Subcommand)]
enum Workflow {
    /// Print the transition table: one row per (event, actor, from statut).
    ///
    /// JSON: `[{"event","actor","from","to"}]`, `from` null for the events that create a
    /// demande, `to` null for `annuler` (the demande is discarded). `dot`: a Graphviz drawing.
    Table {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: TableFormat,
    },
    /// Play a scenario: `{"demande": {...}, "dossier"?: {...}, "events": [{"event", "actor",
    /// "motif"?, "rpps"?, "at"?, "demande"?}]}`.
    ///
    /// Prints `{"status","label","numero","history","dossier","error"}` and stops at the first
    /// refused event. Exit 0 when every event was applied, 1 when one was refused, 2 when the
    /// scenario cannot be read.
    Run {
        /// The scenario (JSON); `-` is stdin.
        scenario: PathBuf,
    },
}

/// The formats of `workflow table`.
#[derive(Clone, Copy, ValueEnum)]
enum TableFormat {
    /// Aligned columns.
    Text,
    /// A JSON array of rows.
    Json,
    /// Graphviz DOT.
    Dot,
}

/// Runs `rppsplus workflow`.
pub fn run(args: &Args) -> ExitCode {
    let (text, outcome) = match &args.command {
        Workflow::Table { format } => {
            let text = match format {
                TableFormat::Text => table_text(),
                TableFormat::Json => json_line(&TRANSITIONS),
                TableFormat::Dot => table_dot(),
            };
            (text, Outcome::AllValid)
        }
        Workflow::Run { scenario } => match read(scenario) {
            Ok(s) => {
                let run = s.run();
                let outcome = if run.is_ok() {
                    Outcome::AllValid
                } else {
                    Outcome::SomeInvalid
                };
                (json_line(&run), outcome)
            }
            Err(message) => {
                eprintln!("rppsplus: {}: {message}", scenario.display());
                return output::exit(Outcome::Unreadable);
            }
        },
    };
    match io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("rppsplus: {e}");
            output::exit(Outcome::Unreadable)
        }
        _ => output::exit(outcome),
    }
}

/// The scenario at `path`, or why it cannot be read (in French, as text output is).
fn read(path: &PathBuf) -> Result<Scenario, String> {
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut io::stdin(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    };
    let bytes = bytes.map_err(|e| e.to_string())?;
    Scenario::from_json(&bytes).map_err(|e| format!("{} ({})", e.message_fr(), e.code()))
}

/// `value` as one line of JSON.
fn json_line(value: &impl serde::Serialize) -> String {
    let mut line = serde_json::to_string(value).unwrap_or_default();
    line.push('\n');
    line
}
