//! Values as a data frame's cells hold them (pandas, Polars, NumPy), read without importing
//! any of these libraries (duck typing):
//!
//! - **missing**: `None`, a float NaN (`numpy.float64` is a `float`), `pandas.NA` and
//!   `pandas.NaT` (recognised by their class names in the `pandas` package);
//! - a **NumPy scalar** (an object with `dtype` and `item()`: `numpy.int64`, `numpy.bool_`…) is
//!   read as its `item()`, the Python value;
//! - an **integer** (`int`, not `bool`) is written in decimal;
//! - a **date** is written `YYYY-MM-DD`, and so is a naive `datetime` at midnight (a
//!   `pandas.Timestamp` of a date column): see [`dates::iso_text`].
//!
//! [`identifier`] reads a value of `check()`, [`cell`] a cell of a row of demandes.

use std::borrow::Cow;

use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString};

use crate::args::type_name;
use crate::dates;

/// Whether `value` is a missing value: `None`, a float NaN, `pandas.NA` or `pandas.NaT`.
pub(crate) fn is_missing(value: &Bound<'_, PyAny>) -> bool {
    if value.is_none() {
        return true;
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    let class = value.get_type();
    let named = |names: &[&str]| class.name().is_ok_and(|n| names.iter().any(|name| n == *name));
    named(&["NAType", "NaTType"])
        && class
            .module()
            .is_ok_and(|m| m.to_str().is_ok_and(|m| m == "pandas" || m.starts_with("pandas.")))
}

/// The Python value of a NumPy scalar (`value.item()`), else `value` itself.
pub(crate) fn native<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = value.py();
    let numpy = !value.is_instance_of::<PyString>()
        && !value.is_instance_of::<PyInt>()
        && !value.is_instance_of::<PyFloat>()
        && value.hasattr(intern!(py, "dtype"))?
        && value.hasattr(intern!(py, "item"))?;
    if numpy {
        value.call_method0(intern!(py, "item"))
    } else {
        Ok(value.clone())
    }
}

/// The decimal text of an integer that is not a `bool`.
fn integer<'py>(value: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyString>>> {
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        return value.str().map(Some);
    }
    Ok(None)
}

/// An identifier value of `check()`: a `str` (the same object), an integer (its decimal
/// text), `None` when missing; another type is a `TypeError` naming `what` (never the value).
pub(crate) fn identifier<'py>(
    value: &Bound<'py, PyAny>,
    what: impl FnOnce() -> String,
) -> PyResult<Option<Bound<'py, PyString>>> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Some(s.clone()));
    }
    if is_missing(value) {
        return Ok(None);
    }
    let value = native(value)?;
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Some(s.clone()));
    }
    if is_missing(&value) {
        return Ok(None);
    }
    integer(&value)?.map(Some).ok_or_else(|| {
        PyTypeError::new_err(format!(
            "{} must be str, int or a missing value (None, NaN), not {}",
            what(),
            type_name(&value)
        ))
    })
}

/// The text of a cell of a row of demandes, as a collection file would hold it (`None` when
/// missing): a `str` as it is, a `bool` `true`/`false`, an integer in decimal, a float as
/// Python writes it (`1.5`, which the core refuses where a code is expected), a date
/// `YYYY-MM-DD` (see [`dates::iso_text`]). Another type is a `TypeError` naming `what`.
pub(crate) fn cell<'a>(value: &'a Bound<'_, PyAny>, what: impl FnOnce() -> String) -> PyResult<Option<Cow<'a, str>>> {
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Some(s.to_string_lossy()));
    }
    if is_missing(value) {
        return Ok(None);
    }
    let value = native(value)?;
    if is_missing(&value) {
        return Ok(None);
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Some(Cow::Owned(s.to_string_lossy().into_owned())));
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Some(Cow::Borrowed(if b.is_true() { "true" } else { "false" })));
    }
    if let Some(text) = integer(&value)? {
        return Ok(Some(Cow::Owned(text.to_string_lossy().into_owned())));
    }
    if value.is_instance_of::<PyFloat>() {
        return Ok(Some(Cow::Owned(value.str()?.to_string_lossy().into_owned())));
    }
    if let Some(text) = dates::iso_text(&value)? {
        return Ok(Some(Cow::Owned(text)));
    }
    Err(PyTypeError::new_err(format!(
        "{} must be str, int, float, bool, datetime.date or a missing value (None, NaN), not {}",
        what(),
        type_name(&value)
    )))
}
