//! The batch `check(kind, values)` and its `CheckResult`.
//!
//! The values are read in chunks: for each chunk, the `str` items are read as Rust `&str`
//! while attached, the core checks them with the GIL released (`py.detach`), then one small
//! `CheckResult` per value is built. A result keeps the input `str` object and the core's
//! outcome as Rust data: the Python strings of the messages are only built when a getter
//! asks for them, and a value that is already canonical shares the input object.

use std::borrow::Cow;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use rppsplus_core::ids::{self as core, IdKind, Mode, ParseError, Warning};

use crate::args::{mode, not_str, type_name};
use crate::errors;
use crate::names::{Name, name};

/// Values per chunk: big enough to amortize a GIL release, small enough for the buffers to
/// stay in cache and be reused from one chunk to the next.
const CHUNK: usize = 1024;

/// The core's verdict on one value, stored compactly: 16 bytes, so that a `CheckResult`
/// object is 64 bytes. Memory is most of the cost of building a million results (fresh
/// pages to fault in), so the rare cases are boxed.
#[derive(PartialEq)]
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

/// The outcome of checking one value with ``check()`` (or ``CheckResult(kind, value)``,
/// which checks one).
///
/// ``input`` is the value as given; ``canonical`` its canonical form when ``valid``;
/// otherwise ``code`` (stable, e.g. ``invalid_checksum``), ``message`` (French) and
/// ``message_en``. ``warning`` is a remark on a valid value (``test_identifier``,
/// ``foreign_number``, ``old_code``, ``also_postal_code``). The ``repr()`` of a confidential
/// value (a phone number, an email address, an MSSanté idNat) hides the values. Results
/// compare equal when their kind, input, mode and outcome are; they pickle (the value is
/// checked again when unpickled).
#[pyclass(frozen, module = "rppsplus._rppsplus")]
pub(crate) struct CheckResult {
    kind: IdKind,
    mode: Mode,
    /// What the core said of the value (docs/domain.md §7).
    confidential: bool,
    input: Py<PyString>,
    outcome: Outcome,
}

const _: () = assert!(size_of::<Outcome>() == 16);
const _: () = assert!(size_of::<CheckResult>() == 32);

/// What a `CheckResult` keeps of the core's `check` of `text`: the outcome, and whether the
/// value is confidential. No Python here: made detached.
fn verdict(kind: IdKind, text: &str, mode: Mode) -> (Outcome, bool) {
    let check = core::check(kind, text, mode);
    let confidential = check.is_confidential();
    (Outcome::new(check, text), confidential)
}

impl CheckResult {
    /// The result of checking `input` (whose text gave `verdict`).
    fn new(kind: IdKind, mode: Mode, input: Bound<'_, PyString>, (outcome, confidential): (Outcome, bool)) -> Self {
        Self {
            kind,
            mode,
            confidential,
            input: input.unbind(),
            outcome,
        }
    }
}

#[pymethods]
impl CheckResult {
    /// Checks one value, as ``check(kind, [value], test_mode=test_mode)[0]``.
    #[new]
    #[pyo3(signature = (kind, value, /, *, test_mode = false))]
    fn py_new(kind: Name<IdKind>, value: &Bound<'_, PyAny>, test_mode: bool) -> PyResult<Self> {
        let input = value
            .cast::<PyString>()
            .map_err(|_| not_str(value, "CheckResult() argument 'value'"))?;
        let mode = mode(test_mode);
        let verdict = verdict(kind.0, &input.to_string_lossy(), mode);
        Ok(Self::new(kind.0, mode, input.clone(), verdict))
    }

    /// The identifier kind checked (``"rpps"``, ``"siret"``…).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        name(py, self.kind)
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
        self.outcome.error().map(|e| name(py, e.code()))
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
        self.outcome.warning().map(|w| name(py, w.code()))
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
        let input = if self.confidential {
            "<redacted>".to_owned()
        } else {
            self.input.bind(py).repr()?.to_string()
        };
        let tail = match (self.outcome.error(), self.outcome.warning()) {
            (Some(e), _) => format!("valid=False, code='{}'", e.code()),
            (None, _) if self.confidential => "valid=True".to_owned(),
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

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let Ok(other) = other.cast::<CheckResult>() else {
            return Ok(py.NotImplemented());
        };
        let other = other.get();
        let equal = self.kind == other.kind
            && self.mode == other.mode
            && self.outcome == other.outcome
            && PyAnyMethods::eq(self.input.bind(py).as_any(), other.input.bind(py))?;
        match op {
            CompareOp::Eq => Ok(equal.into_pyobject(py)?.to_owned().into_any().unbind()),
            CompareOp::Ne => Ok((!equal).into_pyobject(py)?.to_owned().into_any().unbind()),
            _ => Ok(py.NotImplemented()),
        }
    }

    /// The arguments that check the value again (``pickle``, ``copy``).
    fn __getnewargs_ex__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyDict>)> {
        let kwargs = PyDict::new(py);
        kwargs.set_item("test_mode", self.mode == Mode::Test)?;
        let args = PyTuple::new(
            py,
            [name(py, self.kind).into_any(), self.input.bind(py).clone().into_any()],
        )?;
        Ok((args, kwargs))
    }
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
    kind: Name<IdKind>,
    values: &Bound<'py, PyAny>,
    test_mode: bool,
) -> PyResult<Bound<'py, PyList>> {
    let kind = kind.0;
    let mode = mode(test_mode);
    if values.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "check() argument 'values' must be an iterable of str, not a str",
        ));
    }
    let mut iter = values.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "check() argument 'values' must be an iterable of str, not {}",
            type_name(values)
        ))
    })?;
    let mut results: Vec<Bound<'py, CheckResult>> = Vec::with_capacity(values.len().unwrap_or(0));
    let mut items: Vec<Bound<'py, PyString>> = Vec::with_capacity(CHUNK);
    loop {
        // Ctrl-C is seen between chunks: `KeyboardInterrupt` stops the call.
        py.check_signals()?;
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
        let verdicts: Vec<(Outcome, bool)> = py.detach(|| texts.iter().map(|t| verdict(kind, t, mode)).collect());
        drop(texts);
        for (input, verdict) in items.drain(..).zip(verdicts) {
            let result = Bound::new(py, CheckResult::new(kind, mode, input, verdict))?;
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
