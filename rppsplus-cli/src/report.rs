//! `rppsplus validate FILE --report OUT.xlsx|OUT.csv`: the annotated report of a file
//! (docs/cli.md), written by the core (`demande::sheet::AnnotatedReport`) from the file's
//! rows as they came beside their reports.

use std::io::{self, Read};
use std::path::Path;

use rppsplus_core::demande::sheet::{AnnotatedReport, SheetError, SheetFormat, json_cells};
use rppsplus_core::demande::{COLUMNS, CsvCells, Report, csv_cells};

/// The rows of the file being validated, as text, in file order.
enum Rows {
    /// A collection file read a second time, as `csv_reports` reads it.
    Csv(Box<CsvCells<Box<dyn Read + Send>>>),
    /// The demandes of a JSON document, flattened to the columns, with their index.
    Json(std::vec::IntoIter<(usize, Vec<String>)>),
}

/// The annotated report of one file being validated.
pub struct Annotator {
    report: AnnotatedReport,
    rows: Rows,
}

/// A writer's error as an I/O error, with the core's French message.
fn io_error(e: SheetError) -> io::Error {
    match e {
        SheetError::Io(e) => e,
        other => io::Error::other(other.message_fr()),
    }
}

/// The format of the report `out`: its extension, `.xlsx` or `.csv`.
pub fn format_of(out: &Path) -> Result<SheetFormat, String> {
    SheetFormat::of_path(out)
        .ok_or_else(|| format!("--report {} : le rapport est un fichier .xlsx ou .csv", out.display()))
}

impl Annotator {
    /// The report `out` of a collection file, whose rows are read again from `input`.
    pub fn csv(out: &Path, input: Box<dyn Read + Send>, only_invalid: bool) -> io::Result<Self> {
        let cells = csv_cells(input)?;
        let format = format_of(out).map_err(io::Error::other)?;
        let report = AnnotatedReport::create(out, format, cells.header(), only_invalid).map_err(io_error)?;
        Ok(Self {
            report,
            rows: Rows::Csv(Box::new(cells)),
        })
    }

    /// The report `out` of a JSON document: its demandes' fields under the columns' paths.
    pub fn json(out: &Path, json: &[u8], only_invalid: bool) -> io::Result<Self> {
        let header: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        let format = format_of(out).map_err(io::Error::other)?;
        let report = AnnotatedReport::create(out, format, &header, only_invalid).map_err(io_error)?;
        Ok(Self {
            report,
            rows: Rows::Json(json_cells(json).into_iter()),
        })
    }

    /// The findings about the file.
    pub fn file(&mut self, report: &Report) -> io::Result<()> {
        self.report.file(report).map_err(io_error)
    }

    /// The demande at `key` (a collection file's record number, a JSON document's index) and
    /// its report; its row is the next one read with that key.
    pub fn demande(&mut self, key: usize, report: &Report) -> io::Result<()> {
        let cells = match &mut self.rows {
            Rows::Csv(rows) => loop {
                match rows.next().transpose()? {
                    Some(row) if row.record < key => {}
                    Some(row) if row.record == key => break row.cells,
                    _ => break Vec::new(),
                }
            },
            Rows::Json(rows) => rows.find(|(i, _)| *i >= key).map(|(_, c)| c).unwrap_or_default(),
        };
        let shown = match self.rows {
            Rows::Csv(_) => key,
            // JSON indexes count from 0, rows from 1.
            Rows::Json(_) => key + 1,
        };
        self.report.row(shown, &cells, report).map_err(io_error)
    }

    /// Writes the summary and closes the report.
    pub fn finish(self) -> io::Result<()> {
        self.report.finish().map(drop).map_err(io_error)
    }
}
