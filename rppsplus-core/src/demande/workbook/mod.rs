//! Collection workbooks (docs/domain.md §4.6): the `.xlsx`, `.xlsm`, `.ods` or `.xls` file an
//! HR team filled, read sheet by sheet into the same items as its CSV twin ([`CsvItem`]):
//! the findings about the file apart, then a report per demande with its row in the sheet.
//!
//! Typed cells are read as what they mean, then as a CSV cell would be: a date cell as
//! `YYYY-MM-DD` (a date-time at midnight as its date), a number as its decimal text (an
//! integer without `.0`, never in scientific notation: a phone typed as the number
//! `612345678` still gets the hint of a leading zero lost), a boolean as `oui`/`non`, an
//! empty cell as absent, a formula's error (`#N/A`) as a finding on its row.
//!
//! Memory is bounded: an `.xlsx` sheet is streamed cell by cell (calamine's cell reader) on a
//! thread of its own, rows handed over in small batches; what a reader loads whole is
//! measured first and refused with a finding: an `.xlsx`'s shared strings, styles and
//! workbook part, an `.xls` file over [`MAX_PART_BYTES`], an `.ods` whose sheets would take
//! over [`MAX_SHEET_CELLS`] cells or whose text is over [`MAX_PART_BYTES`] (`ods.rs`); a row
//! over [`MAX_RECORD_BYTES`] or past Excel's last column is reported and not read, as a CSV
//! record is.

use rust_xlsxwriter::utility::column_number_to_name;
use std::io::{self, Read, Seek, SeekFrom};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Mutex, PoisonError};

use calamine::{CellErrorType, Data, DataRef, ExcelDateTime, Ods, Reader, Xls, Xlsx, XlsxError};

mod ods;
mod xls;

use super::duplicates::Duplicates;
use super::messages::{Label, Msg};
use super::report::{Finding, Path, Report};
use super::table::Columns;
use super::{CsvItem, Keyed, MAX_RECORD_BYTES, Options, validate_fields};

/// The largest part of a workbook read whole, uncompressed (the shared strings of an `.xlsx`,
/// the text of an `.ods`'s content, an `.xls` file): 32 MB, about 70 MB in memory once read
/// (an `.xlsx` of some 300 000 rows of distinct names and emails).
pub const MAX_PART_BYTES: u64 = 32 << 20;
/// The largest content of an `.ods`, uncompressed: its XML is streamed (its cells and text
/// are what is kept: [`MAX_SHEET_CELLS`], [`MAX_PART_BYTES`]); this bounds the time it takes.
const MAX_ODS_CONTENT: u64 = 512 << 20;
/// Cells of the sheets of an `.ods` read whole (rows × columns): calamine keeps a value and a
/// formula per cell, about 120 bytes at its peak, so 60 MB; some 17 000 rows of 28 columns. An
/// `.xls` may take twice as many slots (its values' and formulas' tables and the cells it
/// reserves, about 40 bytes each: `xls.rs`).
pub const MAX_SHEET_CELLS: u64 = 500_000;
/// Columns in a sheet row (Excel's last is XFD, the 16 384th).
const MAX_COLUMNS: u32 = 16_384;
/// Parts in a ZIP workbook (an `.xlsx` has a few dozen).
const MAX_PARTS: usize = 10_000;
/// Text bytes of the rows handed over at once by the reading thread.
const BATCH_BYTES: usize = 256 << 10;
/// Rows handed over at once by the reading thread.
const BATCH_ROWS: usize = 256;

/// Whether a file starting with `head` is a workbook: a ZIP archive (`.xlsx`, `.xlsm`,
/// `.ods`) or an OLE compound file (`.xls`), by its magic number, whatever its name.
///
/// ```
/// use rppsplus_core::demande::is_workbook;
/// assert!(is_workbook(b"PK\x03\x04\x14\x00\x06\x00"));
/// assert!(is_workbook(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00"));
/// assert!(!is_workbook(b"procedure;rpps\r\n"));
/// ```
pub fn is_workbook(head: &[u8]) -> bool {
    Kind::of(head).is_some()
}

/// The items of a collection file, CSV or a workbook ([`collection_reports`]).
pub enum CollectionReports<R> {
    /// A CSV file, read on from its first bytes.
    Csv(super::CsvReports<io::Chain<io::Cursor<Vec<u8>>, R>>),
    /// A workbook.
    Workbook(WorkbookReports),
}

/// The items of the collection file `input` ([`CsvItem`]): a workbook by its first bytes
/// ([`is_workbook`], read with [`workbook_reports`] from its `sheet`), else CSV
/// ([`csv_reports`](super::csv_reports), from those bytes on: `input` is sought in only
/// when it is a workbook, so that a pipe of CSV is read).
///
/// ```
/// use rppsplus_core::demande::{CollectionReports, Options, collection_reports};
/// let csv = std::io::Cursor::new(b"procedure;rpps\nfermeture_situation;10107985318\n".to_vec());
/// let items = collection_reports(csv, None, Options::default())?;
/// assert!(matches!(items, CollectionReports::Csv(_)));
/// assert_eq!(items.count(), 1);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn collection_reports<R>(mut input: R, sheet: Option<&str>, options: Options) -> io::Result<CollectionReports<R>>
where
    R: Read + Seek + Send + 'static,
{
    let mut head = Vec::with_capacity(8);
    // An error of reading (a directory) is the CSV reader's, at its first item.
    let _ = (&mut input).take(8).read_to_end(&mut head);
    if is_workbook(&head) {
        input.seek(SeekFrom::Start(0))?;
        return Ok(CollectionReports::Workbook(workbook_reports(input, sheet, options)));
    }
    let input = io::Cursor::new(head).chain(input);
    Ok(CollectionReports::Csv(super::csv_reports(input, options)))
}

impl<R: Read> Iterator for CollectionReports<R> {
    type Item = io::Result<CsvItem>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Self::Csv(items) => items.next(),
            Self::Workbook(items) => items.next(),
        }
    }
}

/// The kinds of workbook, by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Zip,
    Ole,
}

impl Kind {
    fn of(head: &[u8]) -> Option<Self> {
        if head.starts_with(b"PK\x03\x04") {
            Some(Self::Zip)
        } else if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            Some(Self::Ole)
        } else {
            None
        }
    }
}

/// The items of a collection workbook ([`CsvItem`], as [`csv_reports`](super::csv_reports)
/// gives a CSV file's): the findings about the file first (a workbook that cannot be read, a
/// `sheet` it does not have, unknown or repeated columns), then a report per row that is not
/// blank, whose `line` is its row number in the sheet and `record` its row after the header
/// (from 1). The header is the sheet's first row that is not blank; `sheet` names the sheet
/// (the first one by default). The same person or RPPS number as an earlier row is
/// `duplicate`. An I/O error of `input` ends the items with that error.
///
/// The cells of the last demande given, as text, are [`WorkbookReports::cells`], and the
/// header's [`WorkbookReports::header`] (to write an annotated copy of the rows).
///
/// ```
/// use rppsplus_core::demande::{CsvItem, Options, workbook_reports};
/// // Not a workbook: one finding about the file.
/// let items: Vec<CsvItem> = workbook_reports(std::io::Cursor::new(b"PK\x03\x04 damaged".to_vec()), None, Options::default())
///     .collect::<Result<_, _>>()?;
/// assert_eq!(items.len(), 1);
/// assert!(items[0].report().findings()[0].message_en.contains("no readable workbook"));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn workbook_reports<RS>(input: RS, sheet: Option<&str>, options: Options) -> WorkbookReports
where
    RS: Read + Seek + Send + 'static,
{
    let (sender, events) = sync_channel(2);
    let sheet = sheet.map(str::to_owned);
    std::thread::spawn(move || {
        let mut rows = Rows::new(&sender);
        let read = catch_unwind(AssertUnwindSafe(|| read(input, sheet.as_deref(), &mut rows)));
        let end = match read {
            Ok(Ok(())) => Event::End,
            Ok(Err(Failure::Gone)) => return,
            Ok(Err(Failure::Io(e))) => Event::Failed(e),
            Ok(Err(Failure::File(finding))) => Event::File(finding),
            // A reader's bug on a damaged file: the file cannot be read.
            Err(_) => Event::File(file_finding(Msg::NotWorkbook, &[])),
        };
        // A batch in progress is handed over before how the reading ended.
        if rows.flush().is_ok() {
            let _ = sender.send(end);
        }
    });
    WorkbookReports {
        events: Mutex::new(events),
        options,
        batch: Vec::new().into_iter(),
        columns: None,
        header: Vec::new(),
        header_row: 0,
        cells: Vec::new(),
        duplicates: Duplicates::by_line(),
        done: false,
    }
}

/// One row of a sheet: its number (from 1), its cells as text (`None`: empty), the columns
/// holding a formula's error, or `None` when it is too long to be read. No `Debug`: the cells
/// are an état civil and a contact.
struct SheetRow {
    number: usize,
    cells: Option<Vec<Option<String>>>,
    errors: Vec<usize>,
}

/// What the reading thread hands over, in order.
enum Event {
    Rows(Vec<SheetRow>),
    /// A finding about the file that ends the reading.
    File(Finding),
    /// An I/O error of the input that ends the reading.
    Failed(io::Error),
    /// The reading is over.
    End,
}

/// Why the reading thread stopped early.
enum Failure {
    /// The items are no longer wanted.
    Gone,
    Io(io::Error),
    File(Finding),
}

/// A finding about the file.
fn file_finding(msg: Msg, args: &[&str]) -> Finding {
    msg.labelled(Path::ROOT, &Label::file(), args, args)
}

/// The report of one finding about the file.
fn one(finding: Finding) -> Report {
    let mut report = Report::of_file();
    report.push(finding);
    report
}

impl From<XlsxError> for Failure {
    fn from(e: XlsxError) -> Self {
        match e {
            XlsxError::Io(e) => Self::Io(e),
            _ => Self::File(file_finding(Msg::NotWorkbook, &[])),
        }
    }
}

/// Reads the sheet of `input` into `rows`.
fn read<RS: Read + Seek>(mut input: RS, sheet: Option<&str>, rows: &mut Rows<'_>) -> Result<(), Failure> {
    let mut head = [0u8; 8];
    let n = input.read(&mut head).map_err(Failure::Io)?;
    input.seek(SeekFrom::Start(0)).map_err(Failure::Io)?;
    let not_workbook = || Failure::File(file_finding(Msg::NotWorkbook, &[]));
    match Kind::of(&head[..n]).ok_or_else(not_workbook)? {
        Kind::Ole => {
            let size = input.seek(SeekFrom::End(0)).map_err(Failure::Io)?;
            if size > MAX_PART_BYTES {
                return Err(too_large("Workbook", MAX_PART_BYTES));
            }
            let slots = xls::slots(&mut input, MAX_PART_BYTES).ok_or_else(not_workbook)?;
            if slots > 2 * MAX_SHEET_CELLS {
                let max = (2 * MAX_SHEET_CELLS).to_string();
                return Err(Failure::File(file_finding(Msg::WorkbookTooManyCells, &[&max])));
            }
            input.seek(SeekFrom::Start(0)).map_err(Failure::Io)?;
            let mut xls: Xls<RS> = Xls::new(input).map_err(|_| not_workbook())?;
            let name = chosen(&xls.sheet_names(), sheet)?;
            let range = xls.worksheet_range(&name).map_err(|_| not_workbook())?;
            read_range(&range, rows)
        }
        Kind::Zip => {
            let (input, ods) = measure(input)?;
            if ods {
                let mut ods: Ods<RS> = Ods::new(input).map_err(|_| not_workbook())?;
                let name = chosen(&ods.sheet_names(), sheet)?;
                let range = ods.worksheet_range(&name).map_err(|_| not_workbook())?;
                read_range(&range, rows)
            } else {
                let mut xlsx: Xlsx<RS> = Xlsx::new(input)?;
                let name = chosen(&xlsx.sheet_names(), sheet)?;
                let mut cells = xlsx.worksheet_cells_reader(&name)?;
                while let Some(cell) = cells.next_cell()? {
                    let (row, column) = cell.get_position();
                    rows.put(row, column, Value::from(cell.get_value()))?;
                }
                rows.end_row()
            }
        }
    }
}

/// A workbook refused for the size of its part `part`, over `max` bytes.
fn too_large(part: &str, max: u64) -> Failure {
    let megabytes = (max >> 20).to_string();
    Failure::File(file_finding(Msg::WorkbookTooLarge, &[part, &megabytes]))
}

/// Measures the parts of a ZIP workbook that its reader loads whole; whether it is an
/// `.ods` (else an `.xlsx`), and the input again.
fn measure<RS: Read + Seek>(input: RS) -> Result<(RS, bool), Failure> {
    let not_workbook = || Failure::File(file_finding(Msg::NotWorkbook, &[]));
    let mut zip = zip::ZipArchive::new(input).map_err(|_| not_workbook())?;
    if zip.len() > MAX_PARTS {
        return Err(not_workbook());
    }
    let has = |zip: &zip::ZipArchive<RS>, name: &str| zip.file_names().any(|n| n == name);
    let ods = has(&zip, "content.xml") && has(&zip, "mimetype");
    if !ods && !has(&zip, "xl/workbook.xml") {
        return Err(not_workbook());
    }
    if ods {
        let content = zip.by_name("content.xml").map_err(|_| not_workbook())?;
        let size = ods::size(content, MAX_ODS_CONTENT).map_err(|_| not_workbook())?;
        match size.cells {
            _ if size.bytes > MAX_ODS_CONTENT => return Err(too_large("content.xml", MAX_ODS_CONTENT)),
            // Its text is kept once read.
            _ if size.text > MAX_PART_BYTES => return Err(too_large("content.xml", MAX_PART_BYTES)),
            None => return Err(too_large("content.xml", MAX_ODS_CONTENT)),
            Some(cells) if cells > MAX_SHEET_CELLS => {
                let max = MAX_SHEET_CELLS.to_string();
                return Err(Failure::File(file_finding(Msg::WorkbookTooManyCells, &[&max])));
            }
            Some(_) => {}
        }
    }
    let whole: &[&str] = if ods {
        &[]
    } else {
        &["xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"]
    };
    for &name in whole {
        let Ok(part) = zip.by_name(name) else { continue };
        let size = io::copy(&mut part.take(MAX_PART_BYTES + 1), &mut io::sink()).map_err(|_| not_workbook())?;
        if size > MAX_PART_BYTES {
            return Err(too_large(name, MAX_PART_BYTES));
        }
    }
    let mut input = zip.into_inner();
    input.seek(SeekFrom::Start(0)).map_err(Failure::Io)?;
    Ok((input, ods))
}

/// The sheet to read: `sheet`, else the first one.
fn chosen(names: &[String], sheet: Option<&str>) -> Result<String, Failure> {
    match sheet {
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Failure::File(file_finding(Msg::EmptyFile, &[]))),
        Some(sheet) if names.iter().any(|n| n == sheet) => Ok(sheet.to_owned()),
        Some(sheet) => {
            let shown = |name: &str| name.chars().take(80).collect::<String>();
            let list: Vec<String> = names.iter().take(20).map(|n| format!("« {} »", shown(n))).collect();
            let list_en: Vec<String> = names.iter().take(20).map(|n| format!("'{}'", shown(n))).collect();
            let sheet = shown(sheet);
            Err(Failure::File(Msg::SheetNotFound.labelled(
                Path::ROOT,
                &Label::file(),
                &[&sheet, &list.join(", ")],
                &[&sheet, &list_en.join(", ")],
            )))
        }
    }
}

/// The used cells of a sheet read whole (`.ods`, `.xls`), into `rows`.
fn read_range(range: &calamine::Range<Data>, rows: &mut Rows<'_>) -> Result<(), Failure> {
    let (top, left) = range.start().unwrap_or_default();
    for (row, column, value) in range.used_cells() {
        let at = |start: u32, offset: usize| start.saturating_add(u32::try_from(offset).unwrap_or(u32::MAX));
        rows.put(at(top, row), at(left, column), Value::from(value))?;
    }
    rows.end_row()
}

/// A cell's value, whichever reader gave it.
enum Value<'a> {
    Empty,
    Text(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    Date(ExcelDateTime),
    Iso(&'a str),
    Error(&'a CellErrorType),
}

impl<'a> From<&'a DataRef<'_>> for Value<'a> {
    fn from(value: &'a DataRef<'_>) -> Self {
        match value {
            DataRef::Empty => Self::Empty,
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) if s.is_empty() => Self::Empty,
            DataRef::String(s) => Self::Text(s),
            DataRef::SharedString(s) => Self::Text(s),
            DataRef::Int(i) => Self::Int(*i),
            DataRef::Float(f) => Self::Float(*f),
            DataRef::Bool(b) => Self::Bool(*b),
            DataRef::DateTime(d) => Self::Date(*d),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Self::Iso(s),
            DataRef::Error(e) => Self::Error(e),
        }
    }
}

impl<'a> From<&'a Data> for Value<'a> {
    fn from(value: &'a Data) -> Self {
        match value {
            Data::Empty => Self::Empty,
            Data::String(s) => Self::Text(s),
            Data::Int(i) => Self::Int(*i),
            Data::Float(f) => Self::Float(*f),
            Data::Bool(b) => Self::Bool(*b),
            Data::DateTime(d) => Self::Date(*d),
            Data::DateTimeIso(s) | Data::DurationIso(s) => Self::Iso(s),
            Data::Error(e) => Self::Error(e),
        }
    }
}

impl Value<'_> {
    /// The text of the cell as a CSV export would hold it (`None`: empty), and whether it is
    /// a formula's error.
    fn text(&self) -> (Option<String>, bool) {
        let text = match self {
            Self::Empty => return (None, false),
            Self::Error(e) => return (Some(e.to_string()), true),
            Self::Text(s) => (*s).to_owned(),
            Self::Int(i) => i.to_string(),
            // Rust writes a float in full decimal, an integer one without `.0`.
            Self::Float(f) => f.to_string(),
            Self::Bool(b) => (if *b { "oui" } else { "non" }).to_owned(),
            Self::Date(d) if d.is_duration() => d.as_f64().to_string(),
            Self::Date(d) => {
                let (y, mo, day, h, mi, s, ms) = d.to_ymd_hms_milli();
                if (h, mi, s, ms) == (0, 0, 0, 0) {
                    format!("{y:04}-{mo:02}-{day:02}")
                } else {
                    format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}")
                }
            }
            // An `.ods` date: `2026-01-31`, or `2026-01-31T00:00:00` for a date-time.
            Self::Iso(s) => match s.split_once('T') {
                Some((date, time)) if time.bytes().all(|b| matches!(b, b'0' | b':' | b'.')) => date.to_owned(),
                _ => (*s).to_owned(),
            },
        };
        (Some(text), false)
    }
}

/// The rows of a sheet as its cells come, row after row, handed over in batches.
struct Rows<'a> {
    sender: &'a SyncSender<Event>,
    batch: Vec<SheetRow>,
    batch_bytes: usize,
    /// The row being read, its text bytes so far.
    row: Option<(SheetRow, usize)>,
    /// The number the file gives the row being read, and its last column read.
    given: usize,
    column: usize,
    /// The number of the last row ended: a row the file numbers out of order (a crafted file:
    /// spreadsheets write them in order) is read as the next one, so numbers only grow.
    last: usize,
}

impl<'a> Rows<'a> {
    fn new(sender: &'a SyncSender<Event>) -> Self {
        Self {
            sender,
            batch: Vec::new(),
            batch_bytes: 0,
            row: None,
            given: 0,
            column: 0,
            last: 0,
        }
    }

    /// Adds the cell of `row`, `column` (from 0, in reading order).
    fn put(&mut self, row: u32, column: u32, value: Value<'_>) -> Result<(), Failure> {
        let given = usize::try_from(row).unwrap_or(usize::MAX).saturating_add(1);
        let column = usize::try_from(column).unwrap_or(usize::MAX);
        // Another number, or a column not after the last one (the same number given twice).
        if self.row.is_some() && (given != self.given || column <= self.column) {
            self.end_row()?;
        }
        if self.row.is_none() {
            self.given = given;
        }
        self.column = column;
        let number = given.max(self.last.saturating_add(1));
        let (current, bytes) = self.row.get_or_insert_with(|| {
            let row = SheetRow {
                number,
                cells: Some(Vec::new()),
                errors: Vec::new(),
            };
            (row, 0)
        });
        let (text, error) = value.text();
        let Some(text) = text else { return Ok(()) };
        let Some(cells) = current.cells.as_mut() else {
            return Ok(());
        };
        // The row's memory: its text, and the empty cells before this one (a row of one cell
        // in column XFD holds 16 384 of them), so that the batches stay small.
        *bytes += text.len() + column.saturating_sub(cells.len()) * std::mem::size_of::<Option<String>>();
        if *bytes > MAX_RECORD_BYTES || column >= MAX_COLUMNS as usize {
            current.cells = None;
            return Ok(());
        }
        if cells.len() <= column {
            cells.resize(column + 1, None);
        }
        cells[column] = Some(text);
        if error {
            current.errors.push(column);
        }
        Ok(())
    }

    /// Ends the row being read: kept unless it is blank, the batch handed over when full.
    fn end_row(&mut self) -> Result<(), Failure> {
        let Some((row, bytes)) = self.row.take() else {
            return Ok(());
        };
        self.last = row.number;
        let blank = row
            .cells
            .as_ref()
            .is_some_and(|cells| cells.iter().flatten().all(|c| c.trim_ascii().is_empty()));
        if !blank {
            self.batch.push(row);
            self.batch_bytes += bytes.min(MAX_RECORD_BYTES);
        }
        if self.batch.len() >= BATCH_ROWS || self.batch_bytes >= BATCH_BYTES {
            self.flush()?;
        }
        Ok(())
    }

    /// Hands the batch over.
    fn flush(&mut self) -> Result<(), Failure> {
        self.batch_bytes = 0;
        if self.batch.is_empty() {
            return Ok(());
        }
        let batch = std::mem::take(&mut self.batch);
        self.sender.send(Event::Rows(batch)).map_err(|_| Failure::Gone)
    }
}

/// The iterator of [`workbook_reports`]: each [`CsvItem`], or the I/O error that stopped it.
pub struct WorkbookReports {
    /// In a mutex only to be `Sync` (a handle of the C face), never locked: read through
    /// `&mut self`.
    events: Mutex<Receiver<Event>>,
    options: Options,
    batch: std::vec::IntoIter<SheetRow>,
    columns: Option<Columns>,
    header: Vec<String>,
    header_row: usize,
    cells: Vec<String>,
    duplicates: Duplicates,
    done: bool,
}

impl WorkbookReports {
    /// The header's cells as read (empty before the first item, or when the sheet has none).
    pub fn header(&self) -> &[String] {
        &self.header
    }

    /// The cells of the last demande given, as text, as read (an empty cell is `""`, a
    /// formula's error its code, `#N/A`), as many as the header's at least; empty after the
    /// findings about the file and for a row too long to be read.
    pub fn cells(&self) -> &[String] {
        &self.cells
    }

    /// The item of a row: the findings about the header for the first one, a demande for
    /// the others.
    fn row(&mut self, row: SheetRow) -> Option<CsvItem> {
        self.cells.clear();
        // Each row as wide as the header at least.
        let width = self.header.len();
        let as_text = |cells: &[Option<String>]| -> Vec<String> {
            let mut text: Vec<String> = cells.iter().map(|c| c.clone().unwrap_or_default()).collect();
            text.resize(text.len().max(width), String::new());
            text
        };
        let Some(columns) = &self.columns else {
            let Some(cells) = &row.cells else {
                let (line, limit) = (row.number.to_string(), MAX_RECORD_BYTES.to_string());
                self.done = true;
                return Some(CsvItem::File(one(file_finding(Msg::RecordTooLong, &[&line, &limit]))));
            };
            self.header = as_text(cells);
            self.header_row = row.number;
            let mut file = Report::of_file();
            self.columns = Some(Columns::read(&self.header, &mut file));
            return (!file.findings().is_empty()).then_some(CsvItem::File(file));
        };
        let line = row.number;
        let mut report = match &row.cells {
            None => {
                let (at, limit) = (line.to_string(), MAX_RECORD_BYTES.to_string());
                one(file_finding(Msg::RecordTooLong, &[&at, &limit]))
            }
            Some(cells) => {
                let read = |i: usize| {
                    let text = cells.get(i)?.as_deref()?;
                    (!row.errors.contains(&i)).then_some(std::borrow::Cow::Borrowed(text))
                };
                let (fields, unnamed_value) = columns.fields(cells.len(), read);
                let mut report = validate_fields(&fields, &self.options, Keyed::Yes);
                for &column in &row.errors {
                    let Some(path) = columns.path_of(column) else { continue };
                    // A column is within a sheet's 16 384 (`MAX_COLUMNS`): its letters, `D`, `XFD`.
                    let letters = column_number_to_name(u16::try_from(column).unwrap_or(u16::MAX));
                    let cell = format!("{letters}{line}");
                    let error = cells[column].as_deref().unwrap_or_default();
                    report.push(Msg::CellError.at(path, &[&cell, error]));
                }
                if let Some(i) = unnamed_value {
                    let (at, column) = (line.to_string(), (i + 1).to_string());
                    report.push(file_finding(Msg::UnnamedColumnValue, &[&at, &column]));
                }
                self.cells = as_text(cells);
                report
            }
        };
        self.duplicates.check(line, &mut report);
        Some(CsvItem::Demande {
            line,
            // Rows come in growing numbers (`Rows`), after the header's.
            record: line.saturating_sub(self.header_row),
            report,
        })
    }
}

impl Iterator for WorkbookReports {
    type Item = io::Result<CsvItem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            if let Some(row) = self.batch.next() {
                if let Some(item) = self.row(row) {
                    return Some(Ok(item));
                }
                continue;
            }
            let events = self.events.get_mut().unwrap_or_else(PoisonError::into_inner);
            let event = events.recv().unwrap_or(Event::End);
            match event {
                Event::Rows(rows) => self.batch = rows.into_iter(),
                Event::File(finding) => {
                    self.done = true;
                    self.cells.clear();
                    return Some(Ok(CsvItem::File(one(finding))));
                }
                Event::Failed(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
                Event::End => {
                    self.done = true;
                    if self.columns.is_none() {
                        return Some(Ok(CsvItem::File(one(file_finding(Msg::EmptyFile, &[])))));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use super::*;

    /// The corpus's `.xlsx` (`tests/collection/`, written by `make_collection.py`).
    const EXCEL: &[u8] = include_bytes!("../../../../tests/collection/excel.xlsx");

    /// The corpus's `.xlsx` with the parts `replaced`.
    fn excel_with(replaced: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipArchive::new(Cursor::new(EXCEL)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            let name = part.name().to_owned();
            out.start_file(name.as_str(), stored).unwrap();
            match replaced.iter().find(|(n, _)| *n == name) {
                Some((_, bytes)) => out.write_all(bytes).unwrap(),
                None => {
                    io::copy(&mut part, &mut out).unwrap();
                }
            }
        }
        out.finish().unwrap().into_inner()
    }

    /// A sheet of `rows` (XML `<row>` elements).
    fn sheet(rows: &str) -> Vec<u8> {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
        )
        .into_bytes()
    }

    fn items(file: Vec<u8>, sheet: Option<&str>) -> Vec<CsvItem> {
        workbook_reports(Cursor::new(file), sheet, Options::default())
            .map(Result::unwrap)
            .collect()
    }

    /// The file's findings' English messages, and each demande's line, record and codes.
    type Found = (Vec<String>, Vec<(usize, usize, Vec<String>)>);

    /// What `items` give ([`Found`]).
    fn found(items: &[CsvItem]) -> Found {
        let mut file = Vec::new();
        let mut demandes = Vec::new();
        for item in items {
            match item {
                CsvItem::File(r) => file.extend(r.findings().iter().map(|f| f.message_en.clone())),
                CsvItem::Demande { line, record, report } => {
                    let codes = report.findings().iter().map(|f| f.code.as_str().to_owned()).collect();
                    demandes.push((*line, *record, codes));
                }
            }
        }
        (file, demandes)
    }

    #[test]
    fn typed_cells_read_as_a_csv_export_holds_them() {
        let text = |v: Value<'_>| v.text();
        let date = |serial: f64| Value::Date(ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, false));
        assert_eq!(text(Value::Float(612_345_678.0)), (Some("612345678".into()), false));
        assert_eq!(text(Value::Float(7.328_29e13)), (Some("73282900000000".into()), false));
        assert_eq!(text(Value::Float(0.5)), (Some("0.5".into()), false));
        assert_eq!(text(Value::Int(1055)), (Some("1055".into()), false));
        assert_eq!(text(Value::Bool(true)), (Some("oui".into()), false));
        assert_eq!(text(Value::Bool(false)), (Some("non".into()), false));
        assert_eq!(text(date(36_285.0)), (Some("1999-05-05".into()), false));
        assert_eq!(text(date(36_285.75)), (Some("1999-05-05 18:00:00".into()), false));
        assert_eq!(
            text(Value::Iso("2022-05-02T00:00:00")),
            (Some("2022-05-02".into()), false)
        );
        assert_eq!(
            text(Value::Iso("2022-05-02T08:30:00")),
            (Some("2022-05-02T08:30:00".into()), false)
        );
        assert_eq!(text(Value::Error(&CellErrorType::NA)), (Some("#N/A".into()), true));
        assert_eq!(text(Value::Empty), (None, false));
        assert_eq!(Value::from(&DataRef::String(String::new())).text(), (None, false));
    }

    #[test]
    fn a_formula_error_is_a_finding_on_its_row() {
        let rows = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>procedure</t></is></c><c r="B1" t="inlineStr"><is><t>rpps</t></is></c><c r="C1" t="inlineStr"><is><t>situation.id</t></is></c><c r="D1" t="inlineStr"><is><t>Date de fin de fonction</t></is></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><t>fermeture_situation</t></is></c><c r="B3"><v>10107985318</v></c><c r="C3" t="inlineStr"><is><t>S1</t></is></c><c r="D3" t="e"><v>#N/A</v></c></row>"#;
        let file = excel_with(&[("xl/worksheets/sheet1.xml", &sheet(rows))]);
        let mut reports = workbook_reports(Cursor::new(file), None, Options::default());
        let CsvItem::Demande { line, record, report } = reports.next().unwrap().unwrap() else {
            panic!("one demande")
        };
        assert_eq!((line, record), (3, 2));
        let at: Vec<(&str, &str)> = report
            .findings()
            .iter()
            .map(|f| (f.path.as_str(), f.code.as_str()))
            .collect();
        assert!(
            at.contains(&("situation.date_fin_fonction", "invalid_format")),
            "{at:?}"
        );
        assert!(at.contains(&("situation.date_fin_fonction", "required")), "{at:?}");
        let error = report.findings().iter().find(|f| f.code == "invalid_format").unwrap();
        assert_eq!(
            error.message_en,
            "The end date: cell D3 is #N/A, a formula's error, and is read as empty; correct the formula, or type the value in."
        );
        assert_eq!(reports.cells(), ["fermeture_situation", "10107985318", "S1", "#N/A"]);
        assert_eq!(
            reports.header(),
            ["procedure", "rpps", "situation.id", "Date de fin de fonction"]
        );
        assert!(reports.next().is_none());
    }

    #[test]
    fn a_sheet_is_chosen_by_name_or_the_first() {
        let first = items(EXCEL.to_vec(), None);
        assert_eq!(found(&first).1.len(), 7);
        assert_eq!(items(EXCEL.to_vec(), Some("Demandes")), first);
        assert_eq!(
            found(&items(EXCEL.to_vec(), Some("Feuil2"))),
            (
                vec![
                    "The file: it has no sheet 'Feuil2' (its sheets: 'Demandes'); give the name of one of its sheets."
                        .to_owned()
                ],
                vec![]
            )
        );
    }

    #[test]
    fn what_is_no_workbook_is_one_finding() {
        let no_workbook = "The file: this is no readable workbook (.xlsx, .xlsm, .ods or .xls): it is damaged, protected by a password or of another format; open it in the spreadsheet program and save it again as .xlsx or 'CSV UTF-8'.";
        // Damaged, text, a ZIP of something else, an OLE file that is no workbook.
        let mut other = zip::ZipWriter::new(Cursor::new(Vec::new()));
        other
            .start_file("word/document.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        let other = other.finish().unwrap().into_inner();
        let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        ole.resize(4096, 0);
        let truncated = EXCEL[..EXCEL.len() / 2].to_vec();
        let sheet_broken = excel_with(&[("xl/worksheets/sheet1.xml", b"<worksheet><sheetData><row><c")]);
        for file in [
            b"PK\x03\x04 damaged".to_vec(),
            b"procedure;rpps\n".to_vec(),
            other,
            ole,
            truncated,
            sheet_broken,
        ] {
            assert_eq!(found(&items(file, None)), (vec![no_workbook.to_owned()], vec![]));
        }
    }

    #[test]
    fn an_empty_sheet_and_blank_rows() {
        let empty = excel_with(&[("xl/worksheets/sheet1.xml", &sheet(""))]);
        assert_eq!(
            found(&items(empty, None)).0,
            ["The file: empty; name the columns on the first line."]
        );
        // Blank rows before the header and between rows; the header's row starts the records.
        let rows = r#"<row r="2"><c r="A2" t="inlineStr"><is><t> </t></is></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><t>procedure</t></is></c></row>
            <row r="4"><c r="A4" t="inlineStr"><is><t>x</t></is></c></row>
            <row r="6"><c r="A6" t="inlineStr"><is><t>x</t></is></c></row>"#;
        // The (line, record) of each row read from a sheet of `rows`.
        let lines = |rows: &str| -> Vec<(usize, usize)> {
            let workbook = excel_with(&[("xl/worksheets/sheet1.xml", &sheet(rows))]);
            found(&items(workbook, None))
                .1
                .into_iter()
                .map(|(line, record, _)| (line, record))
                .collect()
        };
        assert_eq!(lines(rows), [(4, 1), (6, 3)]);
        // Rows numbered out of order or twice (a crafted file): each read, after the previous.
        let rows = r#"<row r="5"><c r="A5" t="inlineStr"><is><t>procedure</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>
            <row r="7"><c r="A7" t="inlineStr"><is><t>y</t></is></c></row>
            <row r="7"><c r="A7" t="inlineStr"><is><t>z</t></is></c></row>"#;
        assert_eq!(lines(rows), [(6, 1), (7, 2), (8, 3)]);
    }

    #[test]
    fn parts_read_whole_are_measured_first() {
        let strings = vec![b' '; usize::try_from(MAX_PART_BYTES).unwrap() + 1];
        let file = excel_with(&[("xl/sharedStrings.xml", &strings)]);
        assert_eq!(
            found(&items(file, None)).0,
            [
                "The file: its part 'xl/sharedStrings.xml' is over 32 MB uncompressed, and it is not read; save it as 'CSV UTF-8', which is read whatever its size."
            ]
        );
    }

    #[test]
    fn an_ods_too_large_once_read_is_not_read() {
        let ods = |rows: &str| {
            let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
            let options = zip::write::SimpleFileOptions::default();
            out.start_file("mimetype", options).unwrap();
            out.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
                .unwrap();
            out.start_file("META-INF/manifest.xml", options).unwrap();
            out.write_all(
                br#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#,
            )
            .unwrap();
            out.start_file("content.xml", options).unwrap();
            write!(
                out,
                r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Feuille1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
            )
            .unwrap();
            out.finish().unwrap().into_inner()
        };
        let row = |repeat: u32, cell: &str| {
            format!(r#"<table:table-row table:number-rows-repeated="{repeat}">{cell}</table:table-row>"#)
        };
        let procedure = r#"<table:table-cell office:value-type="string"><text:p>procedure</text:p></table:table-cell>"#;
        let wide =
            r#"<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000"/>"#;
        // A few bytes that would be 2 million cells: refused before calamine reads them.
        let found_findings = found(&items(ods(&(row(1, procedure) + &row(2000, wide))), None)).0;
        assert_eq!(
            found_findings,
            [
                "The file: its sheets take over 500000 cells (rows × columns) once read, and it is not read; save it as .xlsx or 'CSV UTF-8', which are read whatever their size."
            ]
        );
        // The empty rest of a sheet, as LibreOffice writes it, is not read.
        let empty_rest = row(1_048_000, r#"<table:table-cell table:number-columns-repeated="1024"/>"#);
        let x = r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
        let file = ods(&(row(1, procedure) + &row(3, x) + &empty_rest));
        let all = found(&items(file, None));
        let lines: Vec<usize> = all.1.iter().map(|d| d.0).collect();
        assert!(all.0.is_empty(), "{all:?}");
        assert_eq!(lines, [2, 3, 4]);
    }

    #[test]
    fn a_row_too_long_is_reported_and_not_read() {
        let long = "y".repeat(MAX_RECORD_BYTES / 2 + 1);
        let rows = format!(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>procedure</t></is></c></row>
            <row r="2"><c r="A2" t="inlineStr"><is><t>{long}</t></is></c><c r="B2" t="inlineStr"><is><t>{long}</t></is></c></row>
            <row r="3"><c r="A3" t="inlineStr"><is><t>x</t></is></c><c r="XFE3"><v>1</v></c></row>
            <row r="4"><c r="A4" t="inlineStr"><is><t>x</t></is></c></row>"#
        );
        let file = excel_with(&[("xl/worksheets/sheet1.xml", &sheet(&rows))]);
        let mut reports = workbook_reports(Cursor::new(file), None, Options::default());
        for line in [2, 3] {
            let item = reports.next().unwrap().unwrap();
            assert_eq!(item.line(), Some(line));
            assert_eq!(
                item.report().findings()[0].message_en,
                format!(
                    "The file: line {line} is over 1048576 bytes and is not read; check it: a spreadsheet row is much shorter."
                )
            );
            assert!(reports.cells().is_empty());
        }
        assert_eq!(reports.next().unwrap().unwrap().line(), Some(4));
        assert_eq!(reports.cells(), ["x"]);
    }
}
