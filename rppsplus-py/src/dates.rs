//! Dates and times between Python and the core: every argument that takes a date
//! (`reference_date=`, `at=`, `Code.is_valid_at()`) is read by [`date`] or
//! [`date_or_today`], every argument that takes a point in time (the lifecycle's `at=`) by
//! [`utc_datetime`], and every date or time handed to Python is made here.
//!
//! A date argument is a `datetime.date` or an ISO `str` read by the core's one parser
//! (`rppsplus_core::date::parse`: `YYYY-MM-DD` exactly, no spaces, no sign, no time). A
//! `datetime.datetime` is a `datetime.date` for Python and its type checkers, so it is one
//! here too: its own year, month and day, with no time-zone conversion (pass `.date()` of
//! the datetime you mean, or the date itself, when the day depends on a time zone). An
//! optional date left `None` is the core's `date::today()`: today in UTC.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Timelike, Utc};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{IntoPyDict, PyString, PyType};
use rppsplus_core::date;
use rppsplus_core::workflow::parse_timestamp;

use crate::args::type_name;
use crate::errors::PyWorkflowErr;

/// `datetime.date`, imported once.
static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `datetime.datetime`, imported once.
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `datetime.timezone.utc`, imported once.
static UTC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

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

/// `datetime.timezone.utc`.
fn utc(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    UTC.get_or_try_init(py, || {
        let timezone = py.import("datetime")?.getattr(intern!(py, "timezone"))?;
        Ok(timezone.getattr(intern!(py, "utc"))?.unbind())
    })
    .map(|utc| utc.bind(py))
}

/// A point in time (the lifecycle's `at=`): an aware `datetime.datetime`, in any time zone
/// (kept in UTC, to the microsecond), or an RFC 3339 `str` read by the core
/// (`2026-11-23T09:30:00Z`; another text is the core's `invalid_timestamp`). A naive
/// datetime is a `ValueError`: its time zone is unknown. `TypeError` for another type.
pub(crate) fn utc_datetime(value: &Bound<'_, PyAny>, what: &str) -> PyResult<DateTime<Utc>> {
    let py = value.py();
    if let Ok(text) = value.cast::<PyString>() {
        return parse_timestamp(&text.to_string_lossy()).map_err(|e| PyWorkflowErr(e).into());
    }
    if !value.is_instance(DATETIME.import(py, "datetime", "datetime")?)? {
        return Err(PyTypeError::new_err(format!(
            "{what} must be datetime.datetime (aware) or an RFC 3339 str, not {}",
            type_name(value)
        )));
    }
    if value.call_method0(intern!(py, "utcoffset"))?.is_none() {
        return Err(PyValueError::new_err(format!(
            "{what} must be an aware datetime (tzinfo set, e.g. datetime.timezone.utc)"
        )));
    }
    // In UTC, written as RFC 3339 (`+00:00`), read by the core's one parser.
    let text = value
        .call_method1(intern!(py, "astimezone"), (utc(py)?,))?
        .call_method0(intern!(py, "isoformat"))?;
    parse_timestamp(&text.cast::<PyString>()?.to_string_lossy()).map_err(|e| PyWorkflowErr(e).into())
}

/// An aware `datetime.datetime` in UTC (sub-microseconds dropped: Python keeps none; a leap
/// second is the second before it).
pub(crate) fn py_utc_datetime(py: Python<'_>, at: DateTime<Utc>) -> PyResult<Bound<'_, PyAny>> {
    let microsecond = (at.nanosecond() % 1_000_000_000) / 1000;
    let fields = [
        (intern!(py, "microsecond"), microsecond.into_pyobject(py)?.into_any()),
        (intern!(py, "tzinfo"), utc(py)?.clone()),
    ];
    py_datetime(py, at.naive_utc())?.call_method(intern!(py, "replace"), (), Some(&fields.into_py_dict(py)?))
}
