//! `template` and the annotated reports (`CsvReports.to_xlsx`/`.to_csv`, `write_report`):
//! the spreadsheets the core writes (docs/domain.md §4.6, `demande::sheet`), with the GIL
//! released.

use std::fs::File;
use std::path::{Path, PathBuf};

use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use rppsplus_core::demande::sheet::{self as core, Annotated, AnnotatedReport, SheetError, SheetFormat};
use rppsplus_core::demande::{self as demande};

use super::csv::CsvRow;
use super::report::Report;
use crate::dates;
use crate::names::Name;

/// The Python error of a writer's error: ``OSError`` (with its errno) for the file,
/// ``ValueError`` for a limit of the format; the core's French message.
fn error(e: SheetError, path: &Path) -> PyErr {
    match e {
        SheetError::Io(e) => super::csv::os_error(&e, path),
        other => PyValueError::new_err(other.message_fr()),
    }
}

/// Writes the empty collection file to ``path`` (docs/domain.md §4.6): ``format="xlsx"``
/// (the portal's labels as headers, a comment on each, a dropdown on each coded column of
/// the values in force at ``at``, dates as date cells, a sheet « Codes ») or ``"csv"`` (the
/// headers, UTF-8 with a BOM, ``;``); ``None`` is the extension's (``.csv``, ``.xlsx``),
/// else ``"xlsx"``. ``at`` is a ``datetime.date`` or ``"YYYY-MM-DD"``; ``None`` is today in
/// UTC. Raises ``OSError`` when the file cannot be written.
#[pyfunction]
#[pyo3(signature = (path, format = None, at = None))]
pub(crate) fn template(
    py: Python<'_>,
    path: PathBuf,
    format: Option<Name<SheetFormat>>,
    at: Option<&Bound<'_, PyAny>>,
) -> PyResult<()> {
    let at = dates::date_or_today(at, "template() argument 'at'")?;
    let format = format.map_or_else(|| SheetFormat::of_template(&path), |f| f.0);
    py.detach(|| core::write_template(&path, format, at))
        .map_err(|e| error(e, &path))
}

/// The annotated report of a collection file `source` (a workbook's `sheet`) whose items were validated: `items`,
/// the file's findings and each demande's record number and report, in file order.
pub(crate) fn write_collection(
    py: Python<'_>,
    source: &Path,
    sheet: Option<&str>,
    out: &Path,
    format: SheetFormat,
    only_invalid: bool,
    items: Vec<demande::CsvItem>,
) -> PyResult<()> {
    let source_file = File::open(source).map_err(|e| super::csv::os_error(&e, source))?;
    py.detach(|| -> Result<(), SheetError> {
        let mut annotated = Annotated::collection(out, format, source_file, sheet, only_invalid)?;
        for item in &items {
            annotated.item(item)?;
        }
        annotated.finish().map(drop)
    })
    .map_err(|e| error(e, out))
}

/// Writes the annotated report of ``reports`` to ``path`` (``.xlsx`` or ``.csv``, by its
/// extension): what ``validate_csv()`` returns (its rows read again from its file, as
/// ``CsvReports.to_xlsx()`` does), or a sequence of ``Report`` (from ``validate()`` or
/// ``validate_many()``: rows numbered from 1) or of ``CsvRow``, without the file's cells:
/// each row's number and findings, and the summary. With ``only_invalid``, the valid
/// demandes are counted, not written. Raises ``OSError`` when the file cannot be written,
/// ``ValueError`` for another extension.
#[pyfunction]
#[pyo3(signature = (reports, path, *, only_invalid = false))]
pub(crate) fn write_report(
    py: Python<'_>,
    reports: &Bound<'_, PyAny>,
    path: PathBuf,
    only_invalid: bool,
) -> PyResult<()> {
    let format = SheetFormat::of_report(&path).map_err(|e| error(e, &path))?;
    if let Ok(csv) = reports.cast::<super::csv::CsvReports>() {
        return csv.get().write(py, &path, format, only_invalid);
    }
    let mut rows: Vec<(usize, demande::Report, bool)> = Vec::new();
    for (i, item) in reports.try_iter()?.enumerate() {
        let item = item?;
        if let Ok(report) = item.cast::<Report>() {
            rows.push((i + 1, report.get().core().clone(), false));
        } else if let Ok(row) = item.cast::<CsvRow>() {
            let (record, report) = row.get().parts();
            rows.push((
                record.unwrap_or(0),
                report.bind(py).get().core().clone(),
                record.is_none(),
            ));
        } else {
            return Err(PyTypeError::new_err(format!(
                "write_report() takes Report or CsvRow items, not {}",
                item.get_type().name()?
            )));
        }
    }
    py.detach(|| -> Result<(), SheetError> {
        let mut annotated = AnnotatedReport::create(&path, format, &[], only_invalid)?;
        for (record, report, is_file) in &rows {
            if *is_file {
                annotated.file(report)?;
            } else {
                annotated.row(*record, &[], report)?;
            }
        }
        annotated.finish().map(drop)
    })
    .map_err(|e| error(e, &path))
}

/// The `OSError` of a report built by hand, without the file it was read from.
pub(crate) fn no_source() -> PyErr {
    PyOSError::new_err("these CsvReports were not read from a file: write_report() writes their findings alone")
}
