//! `rppsplus validate FILE...`: demandes in JSON (one, an array, or JSON Lines), CSV or a
//! workbook (.xlsx, .xlsm, .ods, .xls).

use std::fs::File;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;
use rppsplus_core::demande::sheet::SheetFormat;
use rppsplus_core::demande::{
    Actor, CsvItem, Finding, Options, Report, Severity, Stage, Tally, csv_reports, is_workbook, validate_json_document,
    workbook_reports,
};
use rppsplus_core::ids::Mode;
use serde::Serialize;

use crate::Format;
use crate::output::{self, Outcome};
use crate::report::Annotator;

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
    /// Leave the valid demandes out of the output (and of the report); they are still counted.
    #[arg(long)]
    only_invalid: bool,
    /// Also write the annotated report of the file (one FILE): its rows as they came, each
    /// finding highlighted on its cell with its message as a comment, a « Constats » column and
    /// a summary sheet (XLSX), or the rows with the findings columns (CSV).
    #[arg(long, value_name = "OUT.xlsx|OUT.csv")]
    report: Option<std::path::PathBuf>,
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
    /// Whether the valid demandes are left out of the output.
    only_invalid: bool,
    /// The counts of the demandes and of the findings per code.
    tally: Tally,
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
                self.tally.file(report);
            }
            _ => {
                self.tally.demande(report);
                if self.only_invalid && report.is_valid() {
                    return Ok(());
                }
            }
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
            Format::Json => {
                self.out.write_all(if self.first { b"[]\n" } else { b"\n]\n" })?;
                eprintln!("{}", self.tally.line());
            }
            Format::Text => {
                let by_code = self.tally.by_code();
                if !by_code.is_empty() {
                    writeln!(self.out, "constats par code :")?;
                    for (code, n) in by_code {
                        writeln!(self.out, "  {:<24} {n}", code.as_str())?;
                    }
                }
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
                    self.tally.demandes,
                    self.tally.valid,
                    self.tally.invalid()
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
        only_invalid: args.only_invalid,
        tally: Tally::default(),
        file_errors: 0,
        file_warnings: 0,
    };
    let report = match args.report.as_deref().map(|out| (out, SheetFormat::of_report(out))) {
        None => None,
        Some((out, Err(e))) => {
            eprintln!("rppsplus: --report {} : {}", out.display(), e.message_fr());
            return output::exit(Outcome::Unreadable);
        }
        Some(_) if args.files.len() > 1 => {
            eprintln!("rppsplus: --report : un seul FILE à la fois");
            return output::exit(Outcome::Unreadable);
        }
        Some((out, Ok(format))) => Some((out, format)),
    };
    let mut unreadable = false;
    for name in &args.files {
        if let Err(e) = validate_file(name, args.sheet.as_deref(), &options, &mut sink, progress, report) {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return output::exit(Outcome::SomeInvalid);
            }
            eprintln!("rppsplus: {name}: {e}");
            unreadable = true;
        }
    }
    let invalid = sink.tally.invalid() + sink.file_errors > 0;
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

/// Validates the file `name` (a workbook's `sheet`), and writes its annotated report to
/// `out` (in its format) if given.
fn validate_file<W: Write>(
    name: &str,
    sheet: Option<&str>,
    options: &Options,
    sink: &mut Sink<W>,
    progress: bool,
    out: Option<(&Path, SheetFormat)>,
) -> io::Result<()> {
    // A report reads the rows a second time: a stream (stdin, a pipe, `<(…)`) is copied to a
    // temporary file first, which both readers open (memory does not grow with it).
    let mut spool = match out {
        Some(_) if !is_regular(name) => Some(Spool::of(open(name)?)?),
        _ => None,
    };
    // The file once more, for another reader.
    let reopen = |spool: &mut Option<Spool>| match spool {
        Some(spool) => spool.open(),
        None => File::open(name),
    };
    let mut input: Box<dyn Read + Send> = match &mut spool {
        Some(spool) => Box::new(spool.open()?),
        None => open(name)?,
    };
    let mut head = vec![0u8; 4096];
    let n = read_up_to(&mut input, &mut head)?;
    head.truncate(n);
    if is_workbook(&head) {
        // A workbook is read by seeking: a stream is copied to a temporary file first.
        if spool.is_none() && !is_regular(name) {
            spool = Some(Spool::of(io::Cursor::new(head).chain(input))?);
        }
        let mut annotator = match out {
            Some((out, format)) => Some(Annotator::collection(
                out,
                format,
                reopen(&mut spool)?,
                sheet,
                sink.only_invalid,
            )?),
            None => None,
        };
        for (count, item) in workbook_reports(reopen(&mut spool)?, sheet, *options).enumerate() {
            let item = item?;
            sink.report(name, place(&item), item.report())?;
            if let Some(a) = &mut annotator {
                a.item(&item)?;
            }
            if progress && count % 4096 == 0 {
                eprint!("\r{name}: {count} lignes");
            }
        }
        if progress {
            eprint!("\r\x1b[K");
        }
        return annotator.map_or(Ok(()), Annotator::finish);
    }
    if is_json(name, &head) {
        let mut bytes = head;
        input.read_to_end(&mut bytes)?;
        let reports = validate_json_document(&bytes, options);
        let mut annotator = out
            .map(|(out, format)| Annotator::json(out, format, &bytes, sink.only_invalid))
            .transpose()?;
        if !reports.file.findings().is_empty() {
            sink.report(name, Place::File, &reports.file)?;
            if let Some(a) = &mut annotator {
                a.file(&reports.file)?;
            }
        }
        for (index, report) in &reports.demandes {
            sink.report(name, Place::Index(*index), report)?;
            if let Some(a) = &mut annotator {
                a.demande(*index, report)?;
            }
        }
        return annotator.map_or(Ok(()), Annotator::finish);
    }
    let mut annotator = match out {
        None => None,
        Some((out, format)) => Some(Annotator::collection(
            out,
            format,
            reopen(&mut spool)?,
            sheet,
            sink.only_invalid,
        )?),
    };
    let input = io::Cursor::new(head).chain(input);
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let mut count = 0;
    // Rows are validated on every core, chunk by chunk (memory stays constant).
    csv_reports(input, *options).for_each_batch(threads, |batch| {
        for item in &batch {
            sink.report(name, place(item), item.report())?;
            if let Some(a) = &mut annotator {
                a.item(item)?;
            }
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
    annotator.map_or(Ok(()), Annotator::finish)
}

/// Where an item of a collection file stands.
fn place(item: &CsvItem) -> Place {
    match *item {
        CsvItem::File(_) => Place::File,
        CsvItem::Demande { line, record, .. } => Place::Row { line, record },
    }
}

/// Whether `name` is a regular file (not stdin, a pipe or a device), which can be read twice.
fn is_regular(name: &str) -> bool {
    name != "-" && std::fs::metadata(name).is_ok_and(|m| m.is_file())
}

/// A stream copied to a temporary file readable by this user only (it holds état civil and
/// contacts), for what reads it twice or by seeking: a report, a workbook. The handles that
/// read it are opened before anything is written, and on Unix its name is removed at once:
/// nothing is left behind, even when Ctrl-C ends the process (elsewhere the name is removed
/// when the spool is dropped).
struct Spool {
    /// Handles on the copy, each with its own position, taken by [`Spool::open`].
    readers: Vec<File>,
    #[cfg(not(unix))]
    path: std::path::PathBuf,
}

impl Spool {
    /// The readers a validation may take: the first bytes, the rows, the rows again.
    const READERS: usize = 3;

    /// Copies `input` to a new file of the temporary directory.
    fn of(mut input: impl Read) -> io::Result<Self> {
        static COUNT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("rppsplus-{}-{n}.spool", std::process::id()));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path)?;
        let readers = (0..Self::READERS).map(|_| File::open(&path)).collect::<io::Result<_>>();
        if cfg!(unix) || readers.is_err() {
            std::fs::remove_file(&path)?;
        }
        let spool = Self {
            readers: readers?,
            #[cfg(not(unix))]
            path,
        };
        io::copy(&mut input, &mut file)?;
        Ok(spool)
    }

    /// A reader of the copy, from its start.
    fn open(&mut self) -> io::Result<File> {
        self.readers
            .pop()
            .ok_or_else(|| io::Error::other("spool: no reader left"))
    }
}

#[cfg(not(unix))]
impl Drop for Spool {
    fn drop(&mut self) {
        self.readers.clear();
        let _ = std::fs::remove_file(&self.path);
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
