//! `validate_csv` and `iter_csv`: a collection file (CSV, or a workbook known by its
//! content) read and validated by the core, off the GIL, on every core; each demande as a
//! `CsvRow`, and the findings about the file itself (docs/domain.md §4.6), which are no
//! demande.

use std::collections::VecDeque;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::types::{PyList, PyTuple};
use rppsplus_core::demande::sheet::SheetFormat;
use rppsplus_core::demande::{self as core, Actor, CsvItem, Stage};

use super::options;
use super::report::Report;
use crate::check::untrack;
use crate::names::Name;

/// The `OSError` of an I/O error on `path`: `OSError(errno, strerror, filename)`, which
/// Python turns into its subclass (`FileNotFoundError`, `PermissionError`…).
pub(crate) fn os_error(e: &io::Error, path: &Path) -> PyErr {
    match e.raw_os_error() {
        Some(errno) => {
            let message = e.to_string();
            let message = message.split(" (os error").next().unwrap_or_default().to_owned();
            PyOSError::new_err((errno, message, path.as_os_str().to_os_string()))
        }
        None => PyOSError::new_err(e.to_string()),
    }
}

/// Items of a workbook handed over at once (a CSV file's come by chunks of the core's).
const WORKBOOK_BATCH: usize = 512;

/// Reads the collection file `file` (a workbook by its content, whose sheet is `sheet`, else
/// CSV) and calls `each` with its items in file order, batch after batch.
fn each_batch(
    file: File,
    sheet: Option<&str>,
    options: core::Options,
    mut each: impl FnMut(Vec<CsvItem>) -> io::Result<()>,
) -> io::Result<()> {
    let workbook = match core::collection_reports(file, sheet, options)? {
        core::CollectionReports::Csv(items) => return items.for_each_batch(super::threads(), each),
        core::CollectionReports::Workbook(items) => items,
    };
    let mut batch = Vec::with_capacity(WORKBOOK_BATCH);
    for item in workbook {
        batch.push(item?);
        if batch.len() == WORKBOOK_BATCH {
            each(std::mem::replace(&mut batch, Vec::with_capacity(WORKBOOK_BATCH)))?;
        }
    }
    if batch.is_empty() { Ok(()) } else { each(batch) }
}

/// One item of a collection file: a demande's row, or (from ``iter_csv()`` only) the
/// findings about the file itself.
///
/// ``line`` is the physical line where the row starts (the header is line 1), ``record`` its
/// row in the spreadsheet after the header, from 1 (blank rows count), ``report`` its
/// ``Report``. For the findings about the file, ``is_file`` is true and ``line`` and
/// ``record`` are ``None``. A row unpacks as ``(line, report)``: ``for line, report in
/// validate_csv(path)`` reads the demandes. Compares by value and pickles.
#[pyclass(frozen, module = "rppsplus._rppsplus")]
pub(crate) struct CsvRow {
    line: Option<usize>,
    record: Option<usize>,
    report: Py<Report>,
}

impl CsvRow {
    /// The row of a core item, out of the cycle collector (it holds only a `Report`).
    fn of_item(py: Python<'_>, item: CsvItem) -> PyResult<Bound<'_, CsvRow>> {
        let (line, record) = (item.line(), item.record());
        let report = match item {
            CsvItem::File(report) | CsvItem::Demande { report, .. } => report,
        };
        let report = Report::new_bound(py, report)?.unbind();
        let row = Bound::new(py, CsvRow { line, record, report })?;
        untrack(&row);
        Ok(row)
    }

    /// The record number (``None`` for the file's findings) and the report.
    pub(crate) fn parts(&self) -> (Option<usize>, &Py<Report>) {
        (self.record, &self.report)
    }

    /// `(line, report)`.
    fn pair<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            [self.line.into_pyobject(py)?, self.report.bind(py).clone().into_any()],
        )
    }
}

#[pymethods]
impl CsvRow {
    #[new]
    #[pyo3(signature = (line, record, report))]
    fn py_new(line: Option<usize>, record: Option<usize>, report: Py<Report>) -> Self {
        Self { line, record, report }
    }

    /// The arguments that rebuild the row (``pickle``, ``copy``).
    fn __getnewargs__<'py>(&self, py: Python<'py>) -> (Option<usize>, Option<usize>, Py<Report>) {
        (self.line, self.record, self.report.clone_ref(py))
    }

    /// The physical line where the demande's row starts; ``None`` for the file's findings.
    #[getter]
    fn line(&self) -> Option<usize> {
        self.line
    }

    /// The demande's row in the spreadsheet after the header, from 1; ``None`` for the
    /// file's findings.
    #[getter]
    fn record(&self) -> Option<usize> {
        self.record
    }

    /// The demande's ``Report``, or the findings about the file.
    #[getter]
    fn report(&self, py: Python<'_>) -> Py<Report> {
        self.report.clone_ref(py)
    }

    /// Whether these are the findings about the file itself, not a demande's.
    #[getter]
    fn is_file(&self) -> bool {
        self.line.is_none()
    }

    fn __len__(&self) -> usize {
        2
    }

    fn __getitem__<'py>(&self, py: Python<'py>, index: isize) -> PyResult<Bound<'py, PyAny>> {
        self.pair(py)?.as_any().get_item(index)
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.pair(py)?.try_iter()?.into_any())
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let Ok(other) = other.cast::<CsvRow>() else {
            return Ok(py.NotImplemented());
        };
        let other = other.get();
        let same = (self.line, self.record) == (other.line, other.record) && self.report.get() == other.report.get();
        match op {
            CompareOp::Eq => Ok(same.into_pyobject(py)?.to_owned().into_any().unbind()),
            CompareOp::Ne => Ok((!same).into_pyobject(py)?.to_owned().into_any().unbind()),
            _ => Ok(py.NotImplemented()),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let report = self.report.bind(py).repr()?;
        Ok(match (self.line, self.record) {
            (Some(line), Some(record)) => format!("CsvRow(line={line}, record={record}, report={report})"),
            _ => format!("CsvRow(file, report={report})"),
        })
    }
}

/// What ``validate_csv()`` returns: the demandes of a collection file, a sequence of
/// ``CsvRow`` (``len()``, indexes, slices, iteration), and ``file``, the ``Report`` of the
/// findings about the file itself (its encoding, its columns, a limit reached), which is no
/// demande: an empty report when there are none. Compares by value and pickles.
#[pyclass(frozen, sequence, module = "rppsplus._rppsplus")]
pub(crate) struct CsvReports {
    rows: Py<PyList>,
    file: Py<Report>,
    /// The file the rows were read from, for the annotated report.
    source: Option<PathBuf>,
    /// The sheet read, when the file is a workbook.
    sheet: Option<String>,
}

#[pymethods]
impl CsvReports {
    #[new]
    #[pyo3(signature = (rows, file, source = None, sheet = None))]
    fn py_new(
        rows: &Bound<'_, PyAny>,
        file: Py<Report>,
        source: Option<PathBuf>,
        sheet: Option<String>,
    ) -> PyResult<Self> {
        let list = PyList::empty(rows.py());
        for row in rows.try_iter()? {
            list.append(row?.cast_into::<CsvRow>()?)?;
        }
        Ok(Self {
            rows: list.unbind(),
            file,
            source,
            sheet,
        })
    }

    /// The arguments that rebuild it (``pickle``, ``copy``): the rows, the file's report,
    /// the file's path and the sheet read.
    #[allow(clippy::type_complexity)]
    fn __getnewargs__<'py>(
        &self,
        py: Python<'py>,
    ) -> PyResult<(Bound<'py, PyList>, Py<Report>, Option<PathBuf>, Option<String>)> {
        Ok((
            PyList::new(py, self.rows.bind(py).iter())?,
            self.file.clone_ref(py),
            self.source.clone(),
            self.sheet.clone(),
        ))
    }

    /// The file the demandes were read from (``None`` for reports built by hand).
    #[getter]
    fn source(&self) -> Option<PathBuf> {
        self.source.clone()
    }

    /// Writes the annotated report of the file to ``path`` as XLSX (docs/domain.md §4.6):
    /// its rows as they came (the file read again), each cell a finding points at
    /// highlighted with its messages as a comment, a « Constats » column, and a summary
    /// sheet (counts per code and per field, a chart of the most frequent findings, the
    /// findings about the file). With ``only_invalid``, the valid demandes are counted, not
    /// written. Raises ``OSError`` when a file cannot be read or written.
    #[pyo3(signature = (path, *, only_invalid = false))]
    fn to_xlsx(&self, py: Python<'_>, path: PathBuf, only_invalid: bool) -> PyResult<()> {
        self.write(py, &path, SheetFormat::Xlsx, only_invalid)
    }

    /// Writes the annotated report of the file to ``path`` as CSV (UTF-8 with a BOM, ``;``):
    /// ``Ligne`` and ``Constats`` columns, then the file's rows as they came; the findings
    /// about the file as rows of their own. ``only_invalid`` and the errors as
    /// ``to_xlsx()``'s.
    #[pyo3(signature = (path, *, only_invalid = false))]
    fn to_csv(&self, py: Python<'_>, path: PathBuf, only_invalid: bool) -> PyResult<()> {
        self.write(py, &path, SheetFormat::Csv, only_invalid)
    }

    /// The findings about the file itself (no demande), as a ``Report``.
    #[getter]
    fn file(&self, py: Python<'_>) -> Py<Report> {
        self.file.clone_ref(py)
    }

    fn __len__(&self, py: Python<'_>) -> usize {
        self.rows.bind(py).len()
    }

    fn __getitem__<'py>(&self, index: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        self.rows.bind(index.py()).as_any().get_item(index)
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.rows.bind(py).try_iter()?.into_any())
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let Ok(other) = other.cast::<CsvReports>() else {
            return Ok(py.NotImplemented());
        };
        let other = other.get();
        let same = self.file.get() == other.file.get() && self.rows.bind(py).eq(other.rows.bind(py))?;
        match op {
            CompareOp::Eq => Ok(same.into_pyobject(py)?.to_owned().into_any().unbind()),
            CompareOp::Ne => Ok((!same).into_pyobject(py)?.to_owned().into_any().unbind()),
            _ => Ok(py.NotImplemented()),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "CsvReports(demandes={}, file={})",
            self.rows.bind(py).len(),
            self.file.bind(py).repr()?
        ))
    }
}

impl CsvReports {
    /// The annotated report in `format`: the file's findings first, then each demande.
    pub(crate) fn write(&self, py: Python<'_>, out: &Path, format: SheetFormat, only_invalid: bool) -> PyResult<()> {
        let source = self.source.as_deref().ok_or_else(super::sheet::no_source)?;
        // The findings about the file, if any (none: no « fichier » row).
        let file = self.file.get().core();
        let mut items: Vec<CsvItem> = (!file.findings().is_empty())
            .then(|| CsvItem::File(file.clone()))
            .into_iter()
            .collect();
        for row in self.rows.bind(py).iter() {
            let row = row.cast_into::<CsvRow>()?;
            let (record, report) = row.get().parts();
            let report = report.get().core().clone();
            items.push(match record {
                Some(record) => CsvItem::Demande {
                    line: 0,
                    record,
                    report,
                },
                None => CsvItem::File(report),
            });
        }
        super::sheet::write_collection(py, source, self.sheet.as_deref(), out, format, only_invalid, items)
    }
}

/// Validates a collection file (docs/domain.md §4.6: what Excel writes, read as it means) and
/// returns its ``CsvReports``: a ``CsvRow`` per demande, and ``file``, the findings about the
/// file itself. The file is CSV, or a workbook (``.xlsx``, ``.xlsm``, ``.ods``, ``.xls``,
/// known by its content, whatever its name: typed cells read as its CSV export holds them;
/// ``line`` is a row's number in the sheet) whose ``sheet`` is read (the first one by
/// default). The other keywords are ``validate()``'s. The file is read and
/// validated by the core with the GIL released, on every core; Ctrl-C stops it
/// (``KeyboardInterrupt``); a missing or unreadable file raises ``OSError``
/// (``FileNotFoundError``…). Every report is kept: for a file of millions of rows, read
/// ``iter_csv()``.
#[pyfunction]
#[pyo3(signature = (
    path, *, sheet = None, reference_date = None, stage = Name(Stage::default()), actor = Name(Actor::default()),
    test_mode = false
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn validate_csv<'py>(
    py: Python<'py>,
    path: PathBuf,
    sheet: Option<String>,
    reference_date: Option<&Bound<'py, PyAny>>,
    stage: Name<Stage>,
    actor: Name<Actor>,
    test_mode: bool,
) -> PyResult<CsvReports> {
    let options = options("validate_csv()", reference_date, stage, actor, test_mode)?;
    let mut rows: Vec<Py<CsvRow>> = Vec::new();
    let mut file: Vec<core::Finding> = Vec::new();
    let mut failure: Option<PyErr> = None;
    let read = py.detach(|| -> io::Result<()> {
        each_batch(File::open(&path)?, sheet.as_deref(), options, |batch| {
            // The Python objects are made while the next chunks are being validated.
            Python::attach(|py| -> PyResult<()> {
                py.check_signals()?;
                rows.reserve(batch.len());
                for item in batch {
                    match item {
                        CsvItem::File(report) => file.extend(report.findings().iter().cloned()),
                        demande => rows.push(CsvRow::of_item(py, demande)?.unbind()),
                    }
                }
                Ok(())
            })
            .map_err(|e| {
                failure = Some(e);
                io::Error::other("stopped by a Python error")
            })
        })
    });
    if let Some(e) = failure {
        return Err(e);
    }
    read.map_err(|e| os_error(&e, &path))?;
    Ok(CsvReports {
        rows: PyList::new(py, rows)?.unbind(),
        file: Report::new_bound(py, file.into_iter().collect())?.unbind(),
        source: Some(path),
        sheet,
    })
}

/// The items of a collection file as the core makes them, batch after batch, from a
/// thread that validates them on every core.
type Batches = Receiver<io::Result<Vec<CsvItem>>>;

/// The iterator of ``iter_csv()``: ``CsvRow`` items, in file order.
#[pyclass(module = "rppsplus._rppsplus")]
pub(crate) struct CsvIter {
    batches: Mutex<Batches>,
    ready: VecDeque<CsvItem>,
    path: PathBuf,
    done: bool,
}

#[pymethods]
impl CsvIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, CsvRow>>> {
        while self.ready.is_empty() && !self.done {
            // Waits for the next batch with the GIL released, a little at a time, so that
            // Ctrl-C is seen.
            let next = py.detach(|| {
                let batches = self.batches.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                batches.recv_timeout(Duration::from_millis(50))
            });
            match next {
                Ok(Ok(batch)) => self.ready.extend(batch),
                Ok(Err(e)) => {
                    self.done = true;
                    return Err(os_error(&e, &self.path));
                }
                Err(RecvTimeoutError::Timeout) => py.check_signals()?,
                Err(RecvTimeoutError::Disconnected) => self.done = true,
            }
        }
        self.ready.pop_front().map(|item| CsvRow::of_item(py, item)).transpose()
    }
}

/// Iterates over a collection file, CSV or a workbook (as ``validate_csv()`` reads it) and yields a
/// ``CsvRow`` per item, in file order, as the core makes them: the findings about the file
/// itself (``row.is_file``: the header's first, a later one where it is found) and each
/// demande. Memory stays bounded whatever the file: a few chunks of rows are validated
/// ahead, on every core, with the GIL released. A missing file raises ``OSError`` at once;
/// ``break`` (or dropping the iterator) stops the reading.
///
/// ``for line, report in iter_csv(path)`` reads the items as pairs, ``line`` ``None`` for
/// the file's findings.
#[pyfunction]
#[pyo3(signature = (
    path, *, sheet = None, reference_date = None, stage = Name(Stage::default()), actor = Name(Actor::default()),
    test_mode = false
))]
pub(crate) fn iter_csv(
    path: PathBuf,
    sheet: Option<String>,
    reference_date: Option<&Bound<'_, PyAny>>,
    stage: Name<Stage>,
    actor: Name<Actor>,
    test_mode: bool,
) -> PyResult<CsvIter> {
    let options = options("iter_csv()", reference_date, stage, actor, test_mode)?;
    let file = File::open(&path).map_err(|e| os_error(&e, &path))?;
    // Two batches wait at most: memory stays bounded; a dropped iterator stops the thread
    // at its next batch.
    let (sender, batches) = mpsc::sync_channel(2);
    std::thread::spawn(move || {
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            each_batch(file, sheet.as_deref(), options, |batch| {
                sender
                    .send(Ok(batch))
                    .map_err(|_| io::Error::other("the iterator was dropped"))
            })
        }))
        // A panic of the reader is an error of the iteration, not its end: nothing is lost
        // silently.
        .unwrap_or_else(|_| {
            Err(io::Error::other(
                "erreur interne de rppsplus (internal error) pendant la lecture",
            ))
        });
        if let Err(e) = read {
            // Nobody listens any more when the iterator was dropped.
            let _ = sender.send(Err(e));
        }
    });
    Ok(CsvIter {
        batches: Mutex::new(batches),
        ready: VecDeque::new(),
        path,
        done: false,
    })
}
