//! `rppsplus validate FILE...`: demandes in JSON (one, an array, or JSON Lines), CSV or a
//! workbook (.xlsx, .xlsm, .ods, .xls).

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use rppsplus_core::demande::{
    Actor, CsvItem, Finding, Options, Report, Severity, Stage, csv_reports, is_workbook, validate_json_document,
    workbook_reports,
};
use rppsplus_core::ids::Mode;
use serde::Serialize;

use crate::Format;
use crate::output::{self, Outcome};

/// Arguments of `rppsplus validate`.
#[derive(clap::Args)]
pub struct Args {
    /// JSON files (one demande, an array, or JSON Lines), CSV collection files or workbooks
    /// (.xlsx, .xlsm, .ods, .xls: known by their content); `-` is stdin.
    #[arg(required = true)]
    files: Vec<String>,
    /// The sheet of the workbooks to read (default: the first one).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The date at which codes must be in force (default: today, in UTC).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::date_arg)]
    reference_date: Option<NaiveDate>,
    /// `draft` (saving: confirmations not required) or `submit` (sending).
    #[arg(long, default_value = "submit", value_parser = crate::names_arg::<Stage>())]
    stage: Stage,
    /// Who sends the demandes.
    #[arg(long, default_value = "gestionnaire", value_parser = crate::names_arg::<Actor>())]
    actor: Actor,
    /// Accept ANS test identities, with a warning.
    #[arg(long)]
    test_mode: bool,
}

/// Where a report stands in its file: the file itself, a demande of a JSON document (its
/// index), or a demande of a collection file (its line and record number).
#[derive(Clone, Copy)]
enum Place {
    File,
    Index(usize),
    Row { line: usize, record: usize },
}

/// One report in JSON (docs/cli.md): `{"file","findings"}` for the file itself (no `valid`:
/// it is no demande), `{"file","index","valid","findings"}` for a demande of a JSON
/// document, `{"file","row","record","valid","findings"}` for a demande of a collection file.
#[derive(Serialize)]
struct Record<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    index: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid: Option<bool>,
    findings: &'a [Finding],
}

/// Counts and output of the reports of all files.
struct Sink<W: Write> {
    out: W,
    format: Format,
    first: bool,
    valid: usize,
    invalid: usize,
    /// Errors and warnings about the files themselves.
    file_errors: usize,
    file_warnings: usize,
}

impl<W: Write> Sink<W> {
    fn report(&mut self, file: &str, place: Place, report: &Report) -> io::Result<()> {
        match place {
            Place::File => {
                let errors = report.errors().count();
                self.file_errors += errors;
                self.file_warnings += report.findings().len() - errors;
            }
            _ if report.is_valid() => self.valid += 1,
            _ => self.invalid += 1,
        }
        match self.format {
            Format::Json => {
                self.out.write_all(if self.first { b"[\n" } else { b",\n" })?;
                let (index, row, record) = match place {
                    Place::File => (None, None, None),
                    Place::Index(i) => (Some(i), None, None),
                    Place::Row { line, record } => (None, Some(line), Some(record)),
                };
                let valid = (!matches!(place, Place::File)).then(|| report.is_valid());
                let findings = report.findings();
                let record = Record {
                    file,
                    index,
                    row,
                    record,
                    valid,
                    findings,
                };
                serde_json::to_writer(&mut self.out, &record)?;
            }
            Format::Text => write_text(&mut self.out, file, place, report)?,
        }
        self.first = false;
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        match self.format {
            Format::Json => self.out.write_all(if self.first { b"[]\n" } else { b"\n]\n" })?,
            Format::Text => {
                if self.file_errors + self.file_warnings > 0 {
                    writeln!(
                        self.out,
                        "fichier(s) : {} erreur(s), {} alerte(s)",
                        self.file_errors, self.file_warnings
                    )?;
                }
                writeln!(
                    self.out,
                    "{} demande(s) : {} valide(s), {} invalide(s)",
                    self.valid + self.invalid,
                    self.valid,
                    self.invalid
                )?;
            }
        }
        self.out.flush()
    }
}

fn write_text(out: &mut impl Write, file: &str, place: Place, report: &Report) -> io::Result<()> {
    match place {
        Place::File => writeln!(out, "{file} fichier :")?,
        Place::Index(i) => writeln!(out, "{file} #{i} : {}", verdict(report))?,
        Place::Row { line, .. } => writeln!(out, "{file} ligne {line} : {}", verdict(report))?,
    }
    for f in report.findings() {
        let severity = if f.severity == Severity::Error {
            "erreur"
        } else {
            "alerte"
        };
        let path = if f.path.is_root() { "(fichier)" } else { f.path.as_str() };
        writeln!(out, "  {severity:<6} {path:<36} {:<18} {}", f.code, f.message)?;
    }
    Ok(())
}

/// `valide` or `INVALIDE`.
fn verdict(report: &Report) -> &'static str {
    if report.is_valid() { "valide" } else { "INVALIDE" }
}

/// Whether a file holds JSON: its name, else its first significant byte (after a UTF-8 BOM).
fn is_json(name: &str, head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("json" | "jsonl" | "ndjson") => true,
        Some("csv" | "txt") => false,
        _ => matches!(head.iter().find(|b| !b.is_ascii_whitespace()), Some(b'{' | b'[')),
    }
}

fn open(name: &str) -> io::Result<Box<dyn Read + Send>> {
    if name == "-" {
        Ok(Box::new(io::stdin()))
    } else {
        Ok(Box::new(File::open(name)?))
    }
}

/// Validates every file. Exit 0 when all demandes are valid, 1 when some are not, 2 when a
/// file cannot be read.
pub fn run(args: &Args) -> ExitCode {
    let options = Options {
        reference_date: args.reference_date.unwrap_or_else(rppsplus_core::date::today),
        stage: args.stage,
        actor: args.actor,
        mode: if args.test_mode { Mode::Test } else { Mode::Strict },
    };
    let progress = io::stderr().is_terminal();
    let mut sink = Sink {
        out: io::BufWriter::new(io::stdout().lock()),
        format: args.format,
        first: true,
        valid: 0,
        invalid: 0,
        file_errors: 0,
        file_warnings: 0,
    };
    let mut unreadable = false;
    for name in &args.files {
        if let Err(e) = validate_file(name, args.sheet.as_deref(), &options, &mut sink, progress) {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return output::exit(Outcome::SomeInvalid);
            }
            eprintln!("rppsplus: {name}: {e}");
            unreadable = true;
        }
    }
    let invalid = sink.invalid + sink.file_errors > 0;
    if let Err(e) = sink.finish() {
        if e.kind() != io::ErrorKind::BrokenPipe {
            eprintln!("rppsplus: {e}");
        }
        return output::exit(Outcome::Unreadable);
    }
    output::exit(if unreadable {
        Outcome::Unreadable
    } else if invalid {
        Outcome::SomeInvalid
    } else {
        Outcome::AllValid
    })
}

/// The largest workbook read from stdin or a pipe (a workbook is read by seeking in it: a
/// stream is read into memory first).
const MAX_STDIN_WORKBOOK: u64 = 64 << 20;

fn validate_file<W: Write>(
    name: &str,
    sheet: Option<&str>,
    options: &Options,
    sink: &mut Sink<W>,
    progress: bool,
) -> io::Result<()> {
    let mut input = open(name)?;
    let mut head = vec![0u8; 4096];
    let n = read_up_to(&mut input, &mut head)?;
    head.truncate(n);
    if is_workbook(&head) {
        let regular = name != "-" && std::fs::metadata(name).is_ok_and(|m| m.is_file());
        let reports = if regular {
            workbook_reports(File::open(name)?, sheet, *options)
        } else {
            // Stdin or a pipe: read into memory first.
            let mut bytes = head;
            input.take(MAX_STDIN_WORKBOOK + 1 - n as u64).read_to_end(&mut bytes)?;
            if bytes.len() as u64 > MAX_STDIN_WORKBOOK {
                return Err(io::Error::other(format!(
                    "classeur lu d'un flux au-delà de {} Mo : donnez le chemin d'un fichier",
                    MAX_STDIN_WORKBOOK >> 20
                )));
            }
            workbook_reports(io::Cursor::new(bytes), sheet, *options)
        };
        for (count, item) in reports.enumerate() {
            let item = item?;
            sink.report(name, place(&item), item.report())?;
            if progress && count % 4096 == 0 {
                eprint!("\r{name}: {count} lignes");
            }
        }
        if progress {
            eprint!("\r\x1b[K");
        }
        return Ok(());
    }
    if is_json(name, &head) {
        let mut bytes = head;
        input.read_to_end(&mut bytes)?;
        let reports = validate_json_document(&bytes, options);
        if !reports.file.findings().is_empty() {
            sink.report(name, Place::File, &reports.file)?;
        }
        for (index, report) in &reports.demandes {
            sink.report(name, Place::Index(*index), report)?;
        }
        return Ok(());
    }
    let input = io::Cursor::new(head).chain(input);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut count = 0;
    // Rows are validated on every core, chunk by chunk (memory stays constant).
    csv_reports(input, *options).for_each_batch(threads, |batch| {
        for item in &batch {
            sink.report(name, place(item), item.report())?;
        }
        count += batch.len();
        if progress {
            eprint!("\r{name}: {count} lignes");
        }
        Ok(())
    })?;
    if progress {
        eprint!("\r\x1b[K");
    }
    Ok(())
}

/// Where an item of a collection file stands.
fn place(item: &CsvItem) -> Place {
    match *item {
        CsvItem::File(_) => Place::File,
        CsvItem::Demande { line, record, .. } => Place::Row { line, record },
    }
}

/// Reads until `buf` is full or the input ends; the number of bytes read.
fn read_up_to(input: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match input.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}
