//! `validate_csv`: a collection file read and validated by the core, off the GIL, on every
//! core; one `(line, Report)` per data row.

use std::fs::File;
use std::path::PathBuf;

use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};
use rppsplus_core::demande::{self as core, Actor, CsvItem, Stage};

use super::options;
use super::report::Report;
use crate::names::Name;

/// The `OSError` of an I/O error on `path`: `OSError(errno, strerror, filename)`, which
/// Python turns into its subclass (`FileNotFoundError`, `PermissionError`…).
fn os_error(e: &std::io::Error, path: &std::path::Path) -> PyErr {
    match e.raw_os_error() {
        Some(errno) => {
            let message = e.to_string();
            let message = message.split(" (os error").next().unwrap_or_default().to_owned();
            PyOSError::new_err((errno, message, path.as_os_str().to_os_string()))
        }
        None => PyOSError::new_err(e.to_string()),
    }
}

/// Takes a `(line, Report)` tuple out of the cycle collector's lists, as its `Report` is
/// (see [`crate::check::untrack`]): an `int` and a `Report` hold no Python object, so the tuple can never
/// be part of a reference cycle. A hundred thousand tracked tuples made the collections that
/// their allocations trigger take a tenth of `validate_csv`'s time.
fn untrack_row(row: &Bound<'_, PyTuple>) {
    // SAFETY: a tuple is a GC-enabled type, the object is live and the GIL is held;
    // untracking is idempotent and the tuple's deallocation handles an untracked tuple.
    unsafe { pyo3::ffi::PyObject_GC_UnTrack(row.as_ptr().cast()) }
}

/// Validates a CSV collection file (docs/domain.md §4.6: ``;`` or ``,``, UTF-8 or
/// Windows-1252, header of JSON paths) and returns ``(line, report)`` for each data row
/// (the header is line 1; file-level findings such as ``encoding_converted`` come first as
/// a report for line 1). The keywords are ``validate()``'s. The file is read and validated
/// by the core with the GIL released, on every core; a missing or unreadable file raises
/// ``OSError`` (``FileNotFoundError``…).
#[pyfunction]
#[pyo3(signature = (
    path, *, reference_date = None, stage = Name(Stage::default()), actor = Name(Actor::default()),
    test_mode = false
))]
pub(crate) fn validate_csv<'py>(
    py: Python<'py>,
    path: PathBuf,
    reference_date: Option<&Bound<'py, PyAny>>,
    stage: Name<Stage>,
    actor: Name<Actor>,
    test_mode: bool,
) -> PyResult<Bound<'py, PyList>> {
    let options = options("validate_csv()", reference_date, stage, actor, test_mode)?;
    let mut rows: Vec<Py<PyTuple>> = Vec::new();
    let mut failure: Option<PyErr> = None;
    let read = py.detach(|| -> std::io::Result<()> {
        let threads = super::threads();
        core::csv_reports(File::open(&path)?, options).for_each_batch(threads, |batch| {
            // The Python objects are made while the next chunks are being validated.
            Python::attach(|py| -> PyResult<()> {
                rows.reserve(batch.len());
                for item in batch {
                    let CsvItem::Demande { line, report, .. } = item else {
                        continue;
                    };
                    let report = Report::new_bound(py, report)?.into_any();
                    let row = PyTuple::new(py, [line.into_pyobject(py)?.into_any(), report])?;
                    untrack_row(&row);
                    rows.push(row.unbind());
                }
                Ok(())
            })
            .map_err(|e| {
                failure = Some(e);
                std::io::Error::other("stopped by a Python error")
            })
        })
    });
    if let Some(e) = failure {
        return Err(e);
    }
    read.map_err(|e| os_error(&e, &path))?;
    PyList::new(py, rows)
}
