//! Dates and times between Python and the core: every argument that takes a date
//! (`reference_date=`, `at=`, `Code.is_valid_at()`) is read by [`date`] or
//! [`date_or_today`], and every date or time handed to Python is made here.
//!
//! A date argument is a `datetime.date` or an ISO `str` read by the core's one parser
//! (`rppsplus_core::date::parse`: `YYYY-MM-DD` exactly, no spaces, no sign, no time). A
//! `datetime.datetime` is a `datetime.date` for Python and its type checkers, so it is one
//! here too: its own year, month and day, with no time-zone conversion (pass `.date()` of
//! the datetime you mean, or the date itself, when the day depends on a time zone). An
//! optional date left `None` is the core's `date::today()`: today in UTC.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyType};
use rppsplus_core::date;

use crate::args::type_name;

/// `datetime.date`, imported once.
static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `datetime.datetime`, imported once.
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A date argument: a `datetime.date` (or `datetime.datetime`) or an ISO `YYYY-MM-DD` `str`.
/// `what` names the argument in the errors: `TypeError` for another type, `ValueError` for
/// a `str` that the core's parser refuses.
pub(crate) fn date(value: &Bound<'_, PyAny>, what: &str) -> PyResult<NaiveDate> {
    read(value, what).unwrap_or_else(|| {
        Err(PyTypeError::new_err(format!(
            "{what} must be datetime.date or an ISO date str (YYYY-MM-DD), not {}",
            type_name(value)
        )))
    })
}

/// An optional date argument (see [`date`]): `None` is today in UTC.
pub(crate) fn date_or_today(value: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<NaiveDate> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(date::today());
    };
    read(value, what).unwrap_or_else(|| {
        Err(PyTypeError::new_err(format!(
            "{what} must be datetime.date, an ISO date str (YYYY-MM-DD) or None, not {}",
            type_name(value)
        )))
    })
}

/// The date of a `str` or a `datetime.date`; `None` for another type.
fn read(value: &Bound<'_, PyAny>, what: &str) -> Option<PyResult<NaiveDate>> {
    if let Ok(text) = value.cast::<PyString>() {
        let parsed = date::parse(&text.to_string_lossy());
        return Some(parsed.map_err(|e| PyValueError::new_err(format!("{what}: {e}"))));
    }
    match is_date(value) {
        Ok(true) => Some(fields(value, what)),
        Ok(false) => None,
        Err(e) => Some(Err(e)),
    }
}

/// The year, month and day of a `datetime.date`.
fn fields(value: &Bound<'_, PyAny>, what: &str) -> PyResult<NaiveDate> {
    let py = value.py();
    let part = |name: &Bound<'_, PyString>| value.getattr(name)?.extract::<u32>();
    let year = value.getattr(intern!(py, "year"))?.extract::<i32>()?;
    let (month, day) = (part(intern!(py, "month"))?, part(intern!(py, "day"))?);
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| PyValueError::new_err(format!("{what}: unsupported date")))
}

/// The ISO text of a date value, as the interchange format writes a date: a `datetime.date`
/// is `YYYY-MM-DD`, and so is a naive `datetime.datetime` at midnight (the day of a data
/// frame's date column, such as a `pandas.Timestamp`); another `datetime` is its
/// `isoformat()`, with its time, which the core refuses where a date is expected. `None`
/// for a value that is no date.
pub(crate) fn iso_text(value: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if !is_date(value)? {
        return Ok(None);
    }
    let py = value.py();
    if value.is_instance(DATETIME.import(py, "datetime", "datetime")?)? {
        let zero = |name: &Bound<'_, PyString>| value.getattr(name)?.extract::<u32>().map(|n| n == 0);
        let midnight = value.getattr(intern!(py, "tzinfo"))?.is_none()
            && zero(intern!(py, "hour"))?
            && zero(intern!(py, "minute"))?
            && zero(intern!(py, "second"))?
            && zero(intern!(py, "microsecond"))?;
        if !midnight {
            let iso = value.call_method0(intern!(py, "isoformat"))?;
            return Ok(Some(iso.cast::<PyString>()?.to_string_lossy().into_owned()));
        }
    }
    Ok(Some(fields(value, "a date")?.format("%Y-%m-%d").to_string()))
}

/// Whether `value` is a `datetime.date` (a `datetime.datetime` is one).
pub(crate) fn is_date(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    value.is_instance(DATE.import(value.py(), "datetime", "date")?)
}

/// A `datetime.date`.
pub(crate) fn py_date(py: Python<'_>, date: NaiveDate) -> PyResult<Bound<'_, PyAny>> {
    DATE.import(py, "datetime", "date")?
        .call1((date.year(), date.month(), date.day()))
}

/// A naive `datetime.datetime` argument (sub-seconds dropped): `TypeError` for another type,
/// `ValueError` for an aware one.
pub(crate) fn naive_datetime(value: &Bound<'_, PyAny>, what: &str) -> PyResult<NaiveDateTime> {
    let py = value.py();
    if !value.is_instance(DATETIME.import(py, "datetime", "datetime")?)? {
        return Err(PyTypeError::new_err(format!(
            "{what} must be datetime.datetime, not {}",
            type_name(value)
        )));
    }
    if !value.getattr(intern!(py, "tzinfo"))?.is_none() {
        return Err(PyValueError::new_err(format!(
            "{what} must be a naive datetime (tzinfo=None)"
        )));
    }
    let part = |name: &Bound<'_, PyString>| value.getattr(name)?.extract::<u32>();
    let time = (
        part(intern!(py, "hour"))?,
        part(intern!(py, "minute"))?,
        part(intern!(py, "second"))?,
    );
    fields(value, what)?
        .and_hms_opt(time.0, time.1, time.2)
        .ok_or_else(|| PyValueError::new_err(format!("{what}: unsupported datetime")))
}

/// A naive `datetime.datetime`.
pub(crate) fn py_datetime(py: Python<'_>, at: NaiveDateTime) -> PyResult<Bound<'_, PyAny>> {
    DATETIME.import(py, "datetime", "datetime")?.call1((
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
    ))
}
