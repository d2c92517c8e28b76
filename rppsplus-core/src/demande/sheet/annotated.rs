//! The annotated report of a validated file (docs/domain.md §4.6): its rows as they came,
//! each cell a finding points at highlighted (errors red, warnings yellow) with the
//! messages as its comment, a « Constats » column, and a summary sheet (the counts per code
//! and per field, a chart of the most frequent findings, the findings about the file).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path as FilePath, PathBuf};

use rust_xlsxwriter::{Chart, ChartType, Color, Format, Note, Workbook, Worksheet};

use super::template::header_format;
use super::{SheetError, SheetFormat};
use crate::demande::{COLUMNS, Columns, Finding, Path, Report, Severity, Tally};

/// The columns before the file's own: the record number and the findings.
const LEADING: [&str; 2] = ["Ligne", "Constats"];
/// The summary sheet, first in the workbook.
const SUMMARY: &str = "Synthèse";
/// The sheet of the rows.
const ROWS: &str = "Demandes";
/// The codes the chart shows, the most frequent first.
const CHARTED: usize = 10;

/// The most cells of an XLSX report that get a comment: rust_xlsxwriter keeps each comment
/// in memory until the end (about 13 KB each, its drawing included), so past this many the
/// cells are still highlighted and every message is in « Constats », and the summary says
/// so. Memory stays under 100 MB whatever the file.
pub const MAX_COMMENTS: usize = 2_000;

/// Excel's columns in a sheet: the cells of a row past the last one (a file of more than 16 382
/// columns) are left out of the XLSX report, which the CSV report keeps.
const XLSX_COLUMNS: usize = 16_384;

/// Writes the annotated report of one file, row after row, then its summary
/// ([`AnnotatedReport::finish`]). XLSX rows go to a temporary file as they come
/// (rust_xlsxwriter's constant-memory mode): memory holds the comments of the cells with a
/// finding, not the rows. CSV: the leading « Ligne » and « Constats » columns, then the
/// file's, UTF-8 with a BOM and `;`; the findings about the file are rows of their own.
///
/// ```
/// use rppsplus_core::demande::sheet::{AnnotatedReport, SheetFormat};
/// use rppsplus_core::demande::{Options, csv_cells, csv_reports};
/// let file = "procedure;rpps\nfermeture_situation;10107985319\n";
/// let out = std::env::temp_dir().join(format!("rppsplus-doc-{}.csv", std::process::id()));
/// let mut cells = csv_cells(file.as_bytes())?;
/// let mut report = AnnotatedReport::create(&out, SheetFormat::Csv, cells.header(), false)?;
/// for item in csv_reports(file.as_bytes(), Options::default()) {
///     let item = item?;
///     let row = cells.next().transpose()?.unwrap();
///     report.row(row.record, &row.cells, item.report())?;
/// }
/// let tally = report.finish()?;
/// assert_eq!(tally.line(), "1 demandes, 0 valides, 1 invalides");
/// let written = std::fs::read_to_string(&out)?;
/// assert!(written.starts_with("\u{feff}Ligne;Constats;procedure;rpps\r\n1;\"invalid_checksum : "));
/// # std::fs::remove_file(out)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct AnnotatedReport {
    out: Out,
    columns: Columns,
    header: Vec<String>,
    only_invalid: bool,
    tally: Tally,
    file_findings: Vec<Finding>,
}

enum Out {
    Csv(BufWriter<File>),
    Xlsx(Box<Xlsx>),
}

/// The workbook being written, and its formats.
struct Xlsx {
    workbook: Workbook,
    path: PathBuf,
    /// The next row of the sheet of rows.
    row: u32,
    error: Format,
    warning: Format,
    bold: Format,
    /// The cells with a finding so far (commented up to [`MAX_COMMENTS`]).
    comments: usize,
}

impl AnnotatedReport {
    /// Starts the report of a file whose header is `header` (its cells as read) at `path`.
    /// With `only_invalid`, the rows without an error are counted, not written.
    pub fn create(
        path: &FilePath,
        format: SheetFormat,
        header: &[String],
        only_invalid: bool,
    ) -> Result<Self, SheetError> {
        let leading = LEADING.iter().copied();
        let out = match format {
            SheetFormat::Csv => {
                let mut out = BufWriter::new(File::create(path)?);
                out.write_all("\u{feff}".as_bytes())?;
                csv_line(&mut out, leading.chain(header.iter().map(String::as_str)))?;
                Out::Csv(out)
            }
            SheetFormat::Xlsx => {
                // Fails now rather than after the rows if the file cannot be made.
                File::create(path)?;
                let mut workbook = Workbook::new();
                workbook.add_worksheet().set_name(SUMMARY)?;
                let bold = header_format();
                let sheet = workbook.add_worksheet_with_constant_memory();
                sheet.set_name(ROWS)?;
                sheet.set_column_width(1, 60)?;
                let names = leading.chain(header.iter().map(String::as_str)).take(XLSX_COLUMNS);
                for (c, name) in names.enumerate() {
                    sheet.write_string_with_format(0, c as u16, &*cell_text(name), &bold)?;
                    if c > 1 {
                        sheet.set_column_width(c as u16, (name.chars().count() as f64 + 2.0).clamp(12.0, 40.0))?;
                    }
                }
                sheet.set_freeze_panes(1, 2)?;
                // Printed, each row on one page's width.
                sheet.set_landscape().set_print_fit_to_pages(1, 0);
                Out::Xlsx(Box::new(Xlsx {
                    workbook,
                    path: path.to_owned(),
                    row: 1,
                    error: Format::new().set_background_color(Color::RGB(0xFFC7CE)),
                    warning: Format::new().set_background_color(Color::RGB(0xFFEB9C)),
                    bold,
                    comments: 0,
                }))
            }
        };
        Ok(Self {
            out,
            columns: Columns::new(header),
            header: header.to_vec(),
            only_invalid,
            tally: Tally::default(),
            file_findings: Vec::new(),
        })
    }

    /// The findings about the file itself: on the summary (a row of their own in CSV).
    pub fn file(&mut self, report: &Report) -> Result<(), SheetError> {
        self.tally.file(report);
        if let Out::Csv(out) = &mut self.out {
            csv_line(out, ["fichier", &constats(report.findings())])?;
        }
        self.file_findings.extend(report.findings().iter().cloned());
        Ok(())
    }

    /// The row of record number `record`, its cells as read and its report (written
    /// unless it is valid and only invalid rows are wanted).
    pub fn row(&mut self, record: usize, cells: &[String], report: &Report) -> Result<(), SheetError> {
        self.tally.demande(report);
        if self.only_invalid && report.is_valid() {
            return Ok(());
        }
        let record = record.to_string();
        let constats = constats(report.findings());
        match &mut self.out {
            Out::Csv(out) => {
                let leading = [record.as_str(), constats.as_str()].into_iter();
                csv_line(out, leading.chain(cells.iter().map(String::as_str)))?;
            }
            Out::Xlsx(x) => {
                // Per column with a finding: the worst severity and the messages.
                let mut marks: BTreeMap<usize, (Severity, Vec<&str>)> = BTreeMap::new();
                for f in report.findings() {
                    if let Some(c) = self.columns.column_of(&f.path) {
                        let mark = marks.entry(c).or_insert((Severity::Warning, Vec::new()));
                        if f.severity == Severity::Error {
                            mark.0 = Severity::Error;
                        }
                        mark.1.push(&f.message);
                    }
                }
                let row = x.row;
                x.row += 1;
                let (error, warning) = (x.error.clone(), x.warning.clone());
                let comments = &mut x.comments;
                let sheet = x.workbook.worksheet_from_index(1)?;
                sheet.write_number(row, 0, record.parse::<f64>().unwrap_or_default())?;
                sheet.write_string(row, 1, &*cell_text(&constats))?;
                let mut marks = marks.into_iter().peekable();
                for (c, cell) in cells.iter().take(XLSX_COLUMNS - 2).enumerate() {
                    if marks.peek().is_some_and(|(m, _)| *m < c) {
                        // A column past the cells of the row (a cell missing): blank, marked.
                        mark_missing(sheet, row, &mut marks, c, (&error, &warning), comments)?;
                    }
                    let at = (row, c as u16 + 2);
                    match marks.next_if(|(m, _)| *m == c) {
                        Some((_, (severity, messages))) => {
                            let format = if severity == Severity::Error { &error } else { &warning };
                            sheet.write_string_with_format(at.0, at.1, &*cell_text(cell), format)?;
                            comment(sheet, at, &messages, comments)?;
                        }
                        None if cell.is_empty() => {}
                        None => {
                            sheet.write_string(at.0, at.1, &*cell_text(cell))?;
                        }
                    }
                }
                mark_missing(sheet, row, &mut marks, usize::MAX, (&error, &warning), comments)?;
            }
        }
        Ok(())
    }

    /// Writes the summary and closes the file; the counts of the run.
    pub fn finish(self) -> Result<Tally, SheetError> {
        match self.out {
            Out::Csv(mut out) => out.flush()?,
            Out::Xlsx(mut x) => {
                let sheet = x.workbook.worksheet_from_index(0)?;
                summary(
                    sheet,
                    &self.tally,
                    &self.columns,
                    &self.header,
                    &self.file_findings,
                    &x.bold,
                )?;
                if x.comments > MAX_COMMENTS {
                    let text = format!(
                        "Commentaires sur les {MAX_COMMENTS} premières cellules marquées ; \
                         tous les constats sont dans la colonne « Constats »."
                    );
                    sheet.write_string(6, 0, text)?;
                }
                x.workbook.save(&x.path)?;
            }
        }
        Ok(self.tally)
    }
}

/// Writes blank highlighted cells for the marked columns before `before` (no cell in the
/// row for them).
fn mark_missing<'m>(
    sheet: &mut Worksheet,
    row: u32,
    marks: &mut std::iter::Peekable<impl Iterator<Item = (usize, (Severity, Vec<&'m str>))>>,
    before: usize,
    (error, warning): (&Format, &Format),
    comments: &mut usize,
) -> Result<(), SheetError> {
    while let Some((c, (severity, messages))) = marks.next_if(|(m, _)| *m < before) {
        let format = if severity == Severity::Error { error } else { warning };
        // A field's column past Excel's last: its messages are in « Constats » only.
        let Some(col) = u16::try_from(c + 2).ok().filter(|&col| usize::from(col) < XLSX_COLUMNS) else {
            continue;
        };
        sheet.write_blank(row, col, format)?;
        comment(sheet, (row, col), &messages, comments)?;
    }
    Ok(())
}

/// The comment of a cell: its findings' messages, one per line (none past
/// [`MAX_COMMENTS`]).
fn comment(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    messages: &[&str],
    comments: &mut usize,
) -> Result<(), SheetError> {
    *comments += 1;
    if *comments > MAX_COMMENTS {
        return Ok(());
    }
    let note = Note::new(messages.join("\n"))
        .add_author_prefix(false)
        .set_width(360)
        .set_height(40 + 40 * messages.len().min(6) as u32);
    sheet.insert_note(row, col, &note)?;
    Ok(())
}

/// The « Constats » of a row: `code : message`, one per line.
fn constats(findings: &[Finding]) -> String {
    let lines: Vec<String> = findings.iter().map(|f| format!("{} : {}", f.code, f.message)).collect();
    lines.join("\n")
}

/// The most characters a cell of an Excel workbook holds.
const MAX_CELL_CHARS: usize = 32_767;

/// `text` as a workbook cell holds it: a longer one (a CSV cell may be 1 MB) is cut, and says
/// so at its end, rather than failing the whole report.
fn cell_text(text: &str) -> Cow<'_, str> {
    const CUT: &str = " […] (coupé : une cellule Excel contient au plus 32 767 caractères)";
    match text.char_indices().nth(MAX_CELL_CHARS) {
        None => Cow::Borrowed(text),
        Some(_) => {
            let keep = MAX_CELL_CHARS - CUT.chars().count();
            let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
            Cow::Owned(format!("{}{CUT}", &text[..end]))
        }
    }
}

/// The summary sheet: the counts, the findings per code (with the chart of the most
/// frequent) and per field (with the file's column), and the findings about the file.
fn summary(
    sheet: &mut Worksheet,
    tally: &Tally,
    columns: &Columns,
    header: &[String],
    file_findings: &[Finding],
    bold: &Format,
) -> Result<(), SheetError> {
    sheet.write_string_with_format(0, 0, "Synthèse de la validation", bold)?;
    // Printed: the tables and the chart on one page's width.
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    let counts = [
        ("Demandes", tally.demandes),
        ("Valides", tally.valid),
        ("Invalides", tally.invalid()),
        ("Constats sur le fichier", tally.file_findings),
    ];
    for (i, (name, n)) in counts.into_iter().enumerate() {
        sheet.write_string(2 + i as u32, 0, name)?;
        sheet.write_number(2 + i as u32, 1, n as f64)?;
    }
    const TABLES: u32 = 7;
    for (c, name) in ["Code", "Constats", "Signification", "", "Champ", "Colonne", "Constats"]
        .into_iter()
        .enumerate()
    {
        if !name.is_empty() {
            sheet.write_string_with_format(TABLES, c as u16, name, bold)?;
        }
    }
    let by_code = tally.by_code();
    for (i, (code, n)) in by_code.iter().enumerate() {
        let row = TABLES + 1 + i as u32;
        sheet.write_string(row, 0, code.as_str())?;
        sheet.write_number(row, 1, *n as f64)?;
        sheet.write_string(row, 2, code.message_fr())?;
    }
    let by_field = tally.by_field();
    for (i, (field, n)) in by_field.iter().enumerate() {
        let row = TABLES + 1 + i as u32;
        let column = (COLUMNS.iter().find(|c| **c == field.as_str()))
            .and_then(|c| columns.column_of(&Path::from(*c)))
            .and_then(|c| header.get(c))
            .map_or("", String::as_str);
        sheet.write_string(row, 4, if field.is_empty() { "(la demande)" } else { field })?;
        sheet.write_string(row, 5, column)?;
        sheet.write_number(row, 6, *n as f64)?;
    }
    for (c, width) in [(0, 26.0), (1, 10.0), (2, 48.0), (4, 36.0), (5, 28.0), (6, 10.0)] {
        sheet.set_column_width(c, width)?;
    }
    if !by_code.is_empty() {
        let last = TABLES + by_code.len().min(CHARTED) as u32;
        let mut chart = Chart::new(ChartType::Bar);
        chart
            .add_series()
            .set_categories((SUMMARY, TABLES + 1, 0, last, 0))
            .set_values((SUMMARY, TABLES + 1, 1, last, 1))
            .set_name("Constats");
        chart.title().set_name("Constats les plus fréquents");
        chart.y_axis().set_reverse();
        chart.legend().set_hidden();
        sheet.insert_chart(0, 8, &chart)?;
    }
    let mut row = TABLES + 2 + by_code.len().max(by_field.len()) as u32;
    if !file_findings.is_empty() {
        sheet.write_string_with_format(row, 0, "Constats sur le fichier", bold)?;
        for f in file_findings {
            row += 1;
            sheet.write_string(row, 0, f.code.as_str())?;
            sheet.write_string(row, 2, &*cell_text(&f.message))?;
        }
    }
    Ok(())
}

/// Writes one CSV line: cells separated by `;`, quoted when they hold `;`, `"` or a line
/// break, ended by CRLF (what a French Excel reads).
pub(super) fn csv_line<'a>(out: &mut impl Write, cells: impl IntoIterator<Item = &'a str>) -> io::Result<()> {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b";")?;
        }
        if cell.contains([';', '"', '\n', '\r']) {
            write!(out, "\"{}\"", cell.replace('"', "\"\""))?;
        } else {
            out.write_all(cell.as_bytes())?;
        }
    }
    out.write_all(b"\r\n")
}
