//! `rppsplus lookup TABLE [QUERY]` (docs/cli.md).

use std::io::{self, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use rppsplus_core::nomenclature::{COMMUNE_TABLE, Entry, Lookup, aliases, list, lookup};
use serde::Serialize;

use crate::Format;
use crate::output::{self, Outcome};

/// Arguments of `rppsplus lookup`.
#[derive(clap::Args)]
pub struct Args {
    #[arg(help = table_help())]
    table: String,
    /// A code (exact match first) or words of a label, short label or display label (accents,
    /// case and punctuation ignored). Without it: every code offered at `--at` (a value set) or in
    /// force (a table), in the source's order.
    query: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Reference date for the status of codes and the version of value sets (default: today, in
    /// UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::date_arg)]
    at: Option<NaiveDate>,
    /// The most entries a search prints (a list without QUERY prints every code).
    #[arg(long, default_value_t = 10)]
    limit: usize,
}

/// The help of TABLE: every name of the core's one table of aliases.
fn table_help() -> String {
    let names: Vec<&str> = aliases().chain([COMMUNE_TABLE]).collect();
    format!(
        "{}, or the NOS name or code of a table or value set (TRE_R85-RolePriseCharge, JDV_J121)",
        names.join(", ")
    )
}

/// One entry in JSON.
#[derive(Serialize)]
struct Record<'a> {
    code: &'a str,
    label: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display: Option<&'a str>,
    status: &'a str,
    date_fin: Option<String>,
    replaced_by: &'a [&'a str],
    #[serde(skip_serializing_if = "Option::is_none")]
    offered: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    r#type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    departement: Option<&'a str>,
}

impl<'a> From<&'a Entry> for Record<'a> {
    fn from(e: &'a Entry) -> Self {
        Record {
            code: e.code,
            label: e.label,
            short_label: e.short_label,
            display: e.display,
            status: e.status.as_str(),
            date_fin: e.date_fin.map(|d| d.to_string()),
            replaced_by: e.replaced_by,
            offered: e.offered,
            r#type: e.commune.map(|c| c.kind().as_str()),
            departement: e.commune.map(|c| c.departement()),
        }
    }
}

/// Looks the query up (or lists the table without one) and prints the entries. Exit 0 when
/// something was found, 1 when nothing was, 2 for an unknown table.
pub fn run(args: &Args) -> ExitCode {
    let at = args.at.unwrap_or_else(rppsplus_core::date::today);
    let found = match &args.query {
        Some(query) => lookup(&args.table, query, at, args.limit),
        None => list(&args.table, at).map(|entries| Lookup {
            entries,
            postal_code: false,
        }),
    };
    let found = match found {
        Ok(found) => found,
        Err(e) => {
            eprintln!("rppsplus: {e}");
            return output::exit(Outcome::Unreadable);
        }
    };
    if found.postal_code {
        eprintln!("rppsplus: c'est un code postal, pas un code commune INSEE ; communes desservies :");
    }
    let mut out = io::stdout().lock();
    let written = match args.format {
        Format::Json => {
            let records: Vec<Record> = found.entries.iter().map(Record::from).collect();
            serde_json::to_writer(&mut out, &records)
                .map_err(io::Error::from)
                .and_then(|()| writeln!(out))
        }
        Format::Text => found.entries.iter().try_for_each(|e| write_text(&mut out, e)),
    };
    match written {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("rppsplus: {e}");
            output::exit(Outcome::Unreadable)
        }
        _ if found.entries.is_empty() => output::exit(Outcome::SomeInvalid),
        _ => output::exit(Outcome::AllValid),
    }
}

fn write_text(out: &mut impl Write, e: &Entry) -> io::Result<()> {
    write!(out, "{}\t{}\t{}", e.code, e.label, e.status.as_str())?;
    if let Some(c) = e.commune {
        write!(out, "\t{}\t{}", c.kind().as_str(), c.departement())?;
    }
    if !e.replaced_by.is_empty() {
        write!(out, "\t→ {}", e.replaced_by.join(", "))?;
    }
    if e.offered == Some(false) {
        write!(out, "\t(non proposé par le portail)")?;
    }
    writeln!(out)
}
