//! `rppsplus`: the command-line face of rppsplus (the CLI contract: docs/cli.md).
//!
//! ```text
//! rppsplus check rpps 10107985318          # 10107985318<TAB>ok<TAB>10107985318
//! rppsplus check phone --format json < numbers.txt
//! rppsplus lookup commune "marseille 3"      # 13203<TAB>Marseille 3e Arrondissement<TAB>…
//! rppsplus lookup JDV_J121 --at 2025-01-01   # every profession the portal then offered
//! rppsplus template recueil.xlsx            # the collection file, with its dropdowns
//! rppsplus workflow table --format json     # [{"event":"creer","actor":"professionnel",…}]
//! rppsplus card read --format json           # the CPx card in the first reader holding one
//! ```

mod card;
mod check;
mod lookup;
mod output;
mod report;
mod template;
mod validate;
mod workflow;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use rppsplus_core::ids::IdKind;
use rppsplus_core::names::Named;

/// Validate the identifiers of the French RPPS+ domain, offline.
#[derive(Parser)]
#[command(name = "rppsplus", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check identifiers given as arguments, or one per line on stdin.
    ///
    /// Text output: `VALUE<TAB>ok<TAB>CANONICAL` (a warning goes to stderr) or
    /// `VALUE<TAB>error<TAB>CODE<TAB>MESSAGE`. Exit 0 when all are valid, 1 when any is not.
    Check(check::Args),
    /// Look a code or a label up in a nomenclature (NOS tables and value sets, INSEE countries
    /// and communes), or list every code of one.
    ///
    /// The exact code first, else a search of labels, short labels and display labels (accents,
    /// case and punctuation ignored). Without QUERY: every code offered at `--at` (a value set,
    /// in the version then in force) or in force (a table), in the source's order. Text output:
    /// `CODE<TAB>LABEL<TAB>STATUS[...]`; JSON: a list of objects with code, label, status,
    /// date_fin and replaced_by (short_label, display and offered where they apply). Exit 0
    /// when found, 1 when not, 2 for an unknown table.
    Lookup(lookup::Args),
    /// Validate demandes: JSON (one demande, an array, or JSON Lines), CSV collection files or
    /// workbooks (.xlsx, .xlsm, .ods, .xls; `--sheet NAME`, else the first sheet).
    ///
    /// Every finding of every demande, with its path, stable code and message. Exit 0 when all
    /// demandes are valid, 1 when some are not, 2 when a file cannot be read.
    Validate(validate::Args),
    /// Write the empty collection file: the portal's headers, a dropdown on each coded
    /// column (XLSX), or the headers alone (CSV).
    ///
    /// The dropdowns offer the value sets in force at `--at`; a sheet « Codes » holds code and
    /// label of each list. Exit 0 when written, 2 when OUT cannot be written.
    Template(template::Args),
    /// The lifecycle of a demande: the transition table, and scenarios played on it.
    Workflow(workflow::Args),
    /// CPx cards through PC/SC: list the readers, read a card (holder without PIN; the
    /// situations with it), show the PIN status.
    ///
    /// Exit 0 on success, 1 on a card error (its code and message on stderr), 2 on usage errors.
    Card(card::Args),
}

/// Output format shared by the subcommands.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Tab-separated lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// Parses a kind name with the core's list, so that clap reports unknown kinds as usage errors.
fn parse_kind(s: &str) -> Result<IdKind, String> {
    s.parse().map_err(|e: rppsplus_core::names::UnknownName| e.to_string())
}

/// Parses a date with the core's one parser (`YYYY-MM-DD` exactly), for `--reference-date`
/// and `--at`.
fn date_arg(s: &str) -> Result<chrono::NaiveDate, rppsplus_core::date::DateError> {
    rppsplus_core::date::parse(s)
}

/// A value parser for a closed set of the core's names (`--stage`, `--actor`): its possible
/// values, shown by `--help`, are the core's `NAMES`.
fn names_arg<T: Named + Clone + Send + Sync>() -> impl clap::builder::TypedValueParser<Value = T> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(T::NAMES).try_map(|s| s.parse::<T>())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Lookup(args) => lookup::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Template(args) => template::run(&args),
        Command::Workflow(args) => workflow::run(&args),
        Command::Card(args) => card::run(&args),
    }
}
