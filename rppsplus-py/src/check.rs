//! The batch `check(kind, values)` and its `CheckResult`.
//!
//! The values are read in chunks: for each chunk, the `str` items are read as Rust `&str`
//! while attached, the core checks them with the GIL released (`py.detach`), then one small
//! `CheckResult` per value is built. A result keeps the input `str` object and the core's
//! outcome as Rust data: the Python strings of the messages are only built when a getter
//! asks for them, and a value that is already canonical shares the input object.

use std::borrow::Cow;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use rppsplus_core::ids::{self as core, IdKind, ParseError, Warning};

use crate::errors;
use crate::ids::{mode, not_str, text};

/// Values per chunk: big enough to amortize a GIL release, small enough for the buffers to
/// stay in cache and be reused from one chunk to the next.
const CHUNK: usize = 1024;

/// The core's verdict on one value, stored compactly: 16 bytes, so that a `CheckResult`
/// object is 64 bytes. Memory is most of the cost of building a million results (fresh
/// pages to fault in), so the rare cases are boxed.
enum Outcome {
    /// Valid, and the input already is the canonical form (the common case).
    Valid(Option<Warning>),
    /// Valid, with a canonical form different from the input.
    Canonical(Box<(String, Option<Warning>)>),
    /// Invalid, and why.
    Invalid(Box<ParseError>),
}

impl Outcome {
    /// Converts a core `Check` of `input`.
    fn new(check: core::Check, input: &str) -> Self {
        let warning = check.warning();
        match check.result() {
            Ok(canonical) if canonical == input => Self::Valid(warning),
            Ok(canonical) => Self::Canonical(Box::new((canonical.to_owned(), warning))),
            Err(e) => Self::Invalid(Box::new(e)),
        }
    }

    fn error(&self) -> Option<ParseError> {
        match self {
            Self::Invalid(e) => Some(**e),
            _ => None,
        }
    }

    fn warning(&self) -> Option<Warning> {
        match self {
            Self::Valid(warning) => *warning,
            Self::Canonical(c) => c.1,
            Self::Invalid(_) => None,
        }
    }

    /// The canonical form when it differs from the input.
    fn other_canonical(&self) -> Option<&str> {
        match self {
            Self::Canonical(c) => Some(&c.0),
            _ => None,
        }
    }
}

/// The outcome of checking one value with ``check()``.
///
/// ``input`` is the value as given; ``canonical`` its canonical form when ``valid``;
/// otherwise ``code`` (stable, e.g. ``invalid_checksum``), ``message`` (French) and
/// ``message_en``. ``warning`` is a remark on a valid value (``test_identifier``,
/// ``foreign_number``). The ``repr()`` of a phone or email result hides the values.
#[pyclass(frozen, module = "rppsplus._rppsplus")]
pub(crate) struct CheckResult {
    kind: IdKind,
    input: Py<PyString>,
    outcome: Outcome,
}

const _: () = assert!(size_of::<Outcome>() == 16);

/// The code of a warning as an interned Python string.
fn warning_code<'py>(py: Python<'py>, w: Warning) -> Bound<'py, PyString> {
    match w.code().as_str() {
        "test_identifier" => intern!(py, "test_identifier").clone(),
        "foreign_number" => intern!(py, "foreign_number").clone(),
        other => PyString::intern(py, other),
    }
}

#[pymethods]
impl CheckResult {
    /// The identifier kind checked (``"rpps"``, ``"siret"``…).
    #[getter]
    fn kind(&self) -> &'static str {
        self.kind.as_str()
    }

    /// The value as given (the same ``str`` object).
    #[getter]
    fn input(&self, py: Python<'_>) -> Py<PyString> {
        self.input.clone_ref(py)
    }

    /// Whether the value is valid.
    #[getter]
    fn valid(&self) -> bool {
        !matches!(self.outcome, Outcome::Invalid(_))
    }

    /// The canonical form of a valid value, else ``None``.
    #[getter]
    fn canonical<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        match &self.outcome {
            Outcome::Valid(_) => Some(self.input.bind(py).clone()),
            Outcome::Canonical(c) => Some(PyString::new(py, &c.0)),
            Outcome::Invalid(_) => None,
        }
    }

    /// The stable error code of an invalid value (``invalid_format``, ``invalid_length``,
    /// ``invalid_checksum``, ``invalid_component``, ``not_mobile``), else ``None``.
    #[getter]
    fn code<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.outcome.error().map(|e| errors::code(py, &e))
    }

    /// The French message of an invalid value, else ``None``. Never contains the value.
    #[getter]
    fn message(&self) -> Option<String> {
        self.outcome.error().map(|e| e.message_fr())
    }

    /// The English message of an invalid value, else ``None``. Never contains the value.
    #[getter]
    fn message_en(&self) -> Option<String> {
        self.outcome.error().map(|e| e.to_string())
    }

    /// The code of a remark on a valid value (``test_identifier``, ``foreign_number``),
    /// else ``None``.
    #[getter]
    fn warning<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.outcome.warning().map(|w| warning_code(py, w))
    }

    /// The French message of the warning, else ``None``.
    #[getter]
    fn warning_message(&self) -> Option<String> {
        self.outcome.warning().map(|w| w.message_fr().to_string())
    }

    /// Raises the exception of an invalid value (``InvalidChecksum``…); does nothing for a
    /// valid one.
    fn raise_for_error(&self) -> PyResult<()> {
        match self.outcome.error() {
            Some(e) => Err(errors::PyRppsErr(e).into()),
            None => Ok(()),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let kind = self.kind.as_str();
        // The core says which values are confidential (checked again: a repr is rare, and
        // the result object stays small).
        let confidential = core::check(self.kind, &self.input.bind(py).to_cow()?, core::Mode::Strict).is_confidential();
        let input = if confidential {
            "<redacted>".to_owned()
        } else {
            self.input.bind(py).repr()?.to_string()
        };
        let tail = match (self.outcome.error(), self.outcome.warning()) {
            (Some(e), _) => format!("valid=False, code='{}'", e.code()),
            (None, _) if confidential => "valid=True".to_owned(),
            (None, warning) => {
                let canonical = match self.outcome.other_canonical() {
                    Some(c) => PyString::new(py, c).repr()?.to_string(),
                    None => input.clone(),
                };
                match warning {
                    Some(w) => format!("valid=True, canonical={canonical}, warning='{}'", w.code()),
                    None => format!("valid=True, canonical={canonical}"),
                }
            }
        };
        Ok(format!("CheckResult(kind='{kind}', input={input}, {tail})"))
    }
}

/// The kind named `kind`, or a `ValueError` listing the kinds.
pub(crate) fn parse_kind(kind: &Bound<'_, PyAny>) -> PyResult<IdKind> {
    let name = text(kind, "check() argument 'kind'")?;
    name.parse().map_err(|_: rppsplus_core::names::UnknownName| {
        let names = IdKind::NAMES;
        let given = kind.repr().map_or_else(|_| "?".to_owned(), |r| r.to_string());
        PyValueError::new_err(format!(
            "unknown identifier kind {given}; expected one of: {}",
            names.join(", ")
        ))
    })
}

/// Checks every value as an identifier of ``kind`` and returns one ``CheckResult`` per
/// value, in order. Invalid values do not raise: read ``valid``/``code`` on the results.
///
/// ``kind`` is one of ``KINDS`` (``"rpps"``, ``"idnat"``, ``"siret"``…); ``values`` any
/// iterable of ``str`` but a ``str`` itself. An unknown kind raises ``ValueError``, a
/// non-``str`` value ``TypeError`` naming its index. The checks run with the GIL released.
#[pyfunction]
#[pyo3(signature = (kind, values, *, test_mode = false))]
pub(crate) fn check<'py>(
    py: Python<'py>,
    kind: &Bound<'py, PyAny>,
    values: &Bound<'py, PyAny>,
    test_mode: bool,
) -> PyResult<Bound<'py, PyList>> {
    let kind = parse_kind(kind)?;
    let mode = mode(test_mode);
    if values.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "check() argument 'values' must be an iterable of str, not a str",
        ));
    }
    let mut iter = values.try_iter().map_err(|_| {
        let ty = values
            .get_type()
            .name()
            .map_or_else(|_| "object".to_owned(), |n| n.to_string());
        PyTypeError::new_err(format!(
            "check() argument 'values' must be an iterable of str, not {ty}"
        ))
    })?;
    let mut results: Vec<Bound<'py, CheckResult>> = Vec::with_capacity(values.len().unwrap_or(0));
    let mut items: Vec<Bound<'py, PyString>> = Vec::with_capacity(CHUNK);
    loop {
        items.clear();
        for item in iter.by_ref().take(CHUNK) {
            let index = results.len() + items.len();
            let item = item?
                .cast_into::<PyString>()
                .map_err(|e| not_str(e.into_inner().as_any(), &format!("check() values[{index}]")))?;
            items.push(item);
        }
        if items.is_empty() {
            break;
        }
        // `&str`s into the UTF-8 data of the `str` objects, which `items` keeps alive and
        // which are immutable; only a `str` with lone surrogates is copied (lossily, so
        // that the core refuses it as `invalid_format`). Nothing of Python is touched while
        // detached.
        let texts: Vec<Cow<'_, str>> = items.iter().map(|s| s.to_string_lossy()).collect();
        let outcomes: Vec<Outcome> = py.detach(|| {
            texts
                .iter()
                .map(|t| Outcome::new(core::check(kind, t, mode), t))
                .collect()
        });
        drop(texts);
        for (input, outcome) in items.drain(..).zip(outcomes) {
            let result = Bound::new(
                py,
                CheckResult {
                    kind,
                    input: input.unbind(),
                    outcome,
                },
            )?;
            untrack(&result);
            results.push(result);
        }
    }
    PyList::new(py, results)
}

/// Takes a new `CheckResult` (or another object of a class that holds no Python object,
/// such as `Report`) out of the cycle collector's lists.
///
/// pyo3 makes every class GC-tracked, and a million tracked objects make each collection
/// that the allocations trigger walk them all: most of the time of a large `check()` went
/// there. A `CheckResult` only refers to a `str` (and its type, a heap type kept alive by
/// the instance's reference count), so it can never be part of a reference cycle and the
/// collector has nothing to find in it; CPython does the same for its own atomic objects.
pub(crate) fn untrack<T: pyo3::PyClass>(result: &Bound<'_, T>) {
    // SAFETY: the pointer is a live object of a GC-enabled type (every pyo3 class is), the
    // GIL is held, and untracking is idempotent; pyo3's `tp_dealloc` untracks again safely.
    unsafe { pyo3::ffi::PyObject_GC_UnTrack(result.as_ptr().cast()) }
}
