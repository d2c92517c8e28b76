//! `rppsplus template --format xlsx|csv OUT [--at YYYY-MM-DD]`: the empty collection file
//! (docs/cli.md), written by the core (`demande::sheet::template`).

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use rppsplus_core::demande::sheet::{SheetFormat, write_template};

use crate::output::{self, Outcome};

/// Arguments of `rppsplus template`.
#[derive(clap::Args)]
pub struct Args {
    /// The file to write.
    out: PathBuf,
    /// `xlsx` (dropdowns, comments, a sheet of the codes) or `csv` (the headers); by default
    /// the extension of OUT's, else xlsx.
    #[arg(long, value_parser = crate::names_arg::<SheetFormat>())]
    format: Option<SheetFormat>,
    /// The date of the value sets the dropdowns offer (default: today, in UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::date_arg)]
    at: Option<NaiveDate>,
}

/// Writes the template. Exit 0 when written, 2 when OUT cannot be written.
pub fn run(args: &Args) -> ExitCode {
    let format = args.format.unwrap_or_else(|| SheetFormat::of_template(&args.out));
    let at = args.at.unwrap_or_else(rppsplus_core::date::today);
    match write_template(&args.out, format, at) {
        Ok(()) => output::exit(Outcome::AllValid),
        Err(e) => {
            eprintln!("rppsplus: {} : {} ({})", args.out.display(), e.message_fr(), e.code());
            output::exit(Outcome::Unreadable)
        }
    }
}
