//! The annotated report of a file fed from the file itself: its rows as they came, read
//! again beside its reports and joined to them by record number (a collection file, CSV or
//! a workbook) or index (a JSON document).

use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use super::{AnnotatedReport, SheetError, SheetFormat, json_cells};
use crate::demande::{
    COLUMNS, CsvCells, CsvItem, CsvRow, Options, Report, Tally, WorkbookReports, csv_cells, is_workbook,
    workbook_reports,
};

/// Where the rows come from.
enum Rows<R: Read> {
    /// A collection file read a second time, as `csv_reports` reads it.
    Csv(Box<std::iter::Peekable<CsvCells<R>>>),
    /// The demandes of a JSON document, flattened to the columns, with their index.
    Json(std::vec::IntoIter<(usize, Vec<String>)>),
    /// A workbook's sheet read a second time, as `workbook_reports` reads it (the cells of
    /// each row as text beside its record number).
    Workbook(Box<WorkbookReports>, Option<usize>),
}

/// An [`AnnotatedReport`] of one file, whose rows it reads itself: give it the file's
/// reports in order ([`Annotated::item`] for a collection file's, [`Annotated::demande`] for
/// a JSON document's), then [`Annotated::finish`].
///
/// ```
/// use rppsplus_core::demande::sheet::{Annotated, SheetFormat};
/// use rppsplus_core::demande::{Options, csv_reports};
/// let file = "procedure;rpps\nfermeture_situation;10107985319\n";
/// let out = std::env::temp_dir().join(format!("rppsplus-doc-annotated-{}.xlsx", std::process::id()));
/// let mut report = Annotated::csv(&out, SheetFormat::Xlsx, file.as_bytes(), false)?;
/// for item in csv_reports(file.as_bytes(), Options::default()) {
///     report.item(&item?)?;
/// }
/// assert_eq!(report.finish()?.invalid(), 1);
/// # std::fs::remove_file(out)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Annotated<R: Read> {
    report: AnnotatedReport,
    rows: Rows<R>,
}

impl<R: Read> Annotated<R> {
    /// The report `out` of a collection file, whose rows are read again from `input` (the
    /// same bytes as the reports were made from).
    pub fn csv(out: &Path, format: SheetFormat, input: R, only_invalid: bool) -> Result<Self, SheetError> {
        let cells = csv_cells(input)?;
        let report = AnnotatedReport::create(out, format, cells.header(), only_invalid)?;
        Ok(Self {
            report,
            rows: Rows::Csv(Box::new(cells.peekable())),
        })
    }

    /// The report `out` of a collection file, CSV or a workbook by its first bytes (as
    /// [`collection_reports`](crate::demande::collection_reports) reads it), whose rows are
    /// read again from `input`; `sheet` is a workbook's.
    pub fn collection(
        out: &Path,
        format: SheetFormat,
        mut input: R,
        sheet: Option<&str>,
        only_invalid: bool,
    ) -> Result<Self, SheetError>
    where
        R: Seek + Send + 'static,
    {
        let mut head = Vec::with_capacity(8);
        (&mut input).take(8).read_to_end(&mut head)?;
        input.seek(SeekFrom::Start(0))?;
        if is_workbook(&head) {
            Self::workbook(out, format, input, sheet, only_invalid)
        } else {
            Self::csv(out, format, input, only_invalid)
        }
    }

    /// The report `out` of a collection workbook's `sheet` (the first by default), whose rows
    /// are read again from `input` (the same bytes as the reports were made from).
    pub fn workbook<RS>(
        out: &Path,
        format: SheetFormat,
        input: RS,
        sheet: Option<&str>,
        only_invalid: bool,
    ) -> Result<Self, SheetError>
    where
        RS: Read + Seek + Send + 'static,
    {
        let mut rows = Box::new(workbook_reports(input, sheet, Options::default()));
        // The header is known once the first item is read: its record, when a demande, is
        // the one whose cells the reader holds.
        let last = match rows.next().transpose()? {
            Some(CsvItem::Demande { record, .. }) => Some(record),
            _ => None,
        };
        let report = AnnotatedReport::create(out, format, rows.header(), only_invalid)?;
        Ok(Self {
            report,
            rows: Rows::Workbook(rows, last),
        })
    }

    /// The report `out` of a JSON document: its demandes' fields under the columns' paths
    /// ([`json_cells`]).
    pub fn json(out: &Path, format: SheetFormat, json: &[u8], only_invalid: bool) -> Result<Self, SheetError> {
        let header: Vec<String> = COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        let report = AnnotatedReport::create(out, format, &header, only_invalid)?;
        Ok(Self {
            report,
            rows: Rows::Json(json_cells(json).into_iter()),
        })
    }

    /// An item of the collection file, in file order.
    pub fn item(&mut self, item: &CsvItem) -> Result<(), SheetError> {
        match item {
            CsvItem::File(report) => self.file(report),
            CsvItem::Demande { record, report, .. } => self.demande(*record, report),
        }
    }

    /// The findings about the file.
    pub fn file(&mut self, report: &Report) -> Result<(), SheetError> {
        self.report.file(report)
    }

    /// The demande at `key` (a collection file's record number, a JSON document's index)
    /// and its report, in file order; its row is the one read with that key (none: empty
    /// cells). A JSON demande's row is numbered from 1 (its index + 1).
    pub fn demande(&mut self, key: usize, report: &Report) -> Result<(), SheetError> {
        let (shown, cells) = match &mut self.rows {
            Rows::Csv(rows) => {
                let cells = loop {
                    let upto = |row: &io::Result<CsvRow>| row.as_ref().map_or(true, |row| row.record <= key);
                    match rows.next_if(upto).transpose()? {
                        Some(row) if row.record == key => break row.cells,
                        Some(_) => {}
                        // The end, or a row past `key` (this demande's was not read again): that
                        // row is left for its own demande.
                        None => break Vec::new(),
                    }
                };
                (key, cells)
            }
            Rows::Workbook(rows, last) => {
                // `last`: the record of the demande whose cells the reader holds.
                let cells = loop {
                    match *last {
                        Some(record) if record == key => break rows.cells().to_vec(),
                        Some(record) if record > key => break Vec::new(),
                        _ => {}
                    }
                    match rows.next().transpose()? {
                        Some(CsvItem::Demande { record, .. }) => *last = Some(record),
                        Some(CsvItem::File(_)) => {}
                        None => break Vec::new(),
                    }
                };
                (key, cells)
            }
            Rows::Json(rows) => {
                let cells = rows.find(|(i, _)| *i >= key).map(|(_, c)| c).unwrap_or_default();
                (key + 1, cells)
            }
        };
        self.report.row(shown, &cells, report)
    }

    /// Writes the summary and closes the report; the counts of the run.
    pub fn finish(self) -> Result<Tally, SheetError> {
        self.report.finish()
    }
}
