//! Arguments read from Python: `str` arguments, the `test_mode` keyword, and the type names
//! that argument errors give (never the value: it may be confidential).

use std::borrow::Cow;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyString;
use rppsplus_core::ids::Mode;

/// The `str` of a Python argument, or a `TypeError` naming `what` (never the value).
///
/// A `str` with lone surrogates (not valid UTF-8) is converted lossily: the replacement
/// characters are then refused by the core as `invalid_format`, with a typed error.
pub(crate) fn text<'a>(value: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Cow<'a, str>> {
    match value.cast::<PyString>() {
        Ok(s) => Ok(s.to_string_lossy()),
        Err(_) => Err(not_str(value, what)),
    }
}

/// The `TypeError` for a non-`str` argument.
pub(crate) fn not_str(value: &Bound<'_, PyAny>, what: &str) -> PyErr {
    PyTypeError::new_err(format!("{what} must be str, not {}", type_name(value)))
}

/// The type name of a Python value, for error messages.
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |n| n.to_string())
}

/// The core mode of the `test_mode` keyword.
pub(crate) fn mode(test_mode: bool) -> Mode {
    if test_mode { Mode::Test } else { Mode::Strict }
}
