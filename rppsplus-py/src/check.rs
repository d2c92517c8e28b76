//! The batch `check(kind, values)`, its `CheckResults` and their `CheckResult`s.
//!
//! The values are read in chunks: for each chunk, the `str` items are read as Rust `&str`
//! while attached (an integer or a missing value is read by `cells::identifier`), the core
//! checks them with the GIL released (`py.detach`), and each verdict is kept as Rust data
//! beside its input `str` in one `CheckResults` object. A `CheckResult` object is only built
//! when one is asked for (indexing, iterating), and the Python strings of its messages only
//! when a getter asks for them; a value that is already canonical shares the input object.

use std::borrow::Cow;

use pyo3::exceptions::{PyIndexError, PyTypeError};
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::types::{PyDict, PyInt, PyList, PySlice, PyString, PyTuple};
use rppsplus_core::FindingCode;
use rppsplus_core::ids::{self as core, IdKind, Mode, ParseError, Warning};

use crate::args::{mode, type_name};
use crate::cells;
use crate::errors;
use crate::names::{Name, name};

/// Values per chunk: big enough to amortize a GIL release, small enough for the buffers to
/// stay in cache and be reused from one chunk to the next.
const CHUNK: usize = 1024;

/// The core's verdict on one value, stored compactly (16 bytes): the rare cases are boxed.
#[derive(Clone, PartialEq)]
enum Outcome {
    /// Valid, and the input already is the canonical form (the common case).
    Valid(Option<Warning>),
    /// Valid, with a canonical form different from the input.
    Canonical(Box<(String, Option<Warning>)>),
    /// Invalid, and why.
    Invalid(Box<ParseError>),
    /// No value (`None`, NaN, `pandas.NA`): invalid, with the code `required`.
    Missing,
}

const _: () = assert!(size_of::<Outcome>() == 16);

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

    fn is_valid(&self) -> bool {
        matches!(self, Self::Valid(_) | Self::Canonical(_))
    }

    /// The code of an invalid or missing value.
    fn code(&self) -> Option<FindingCode> {
        match self {
            Self::Invalid(e) => Some(e.code()),
            Self::Missing => Some(FindingCode::Required),
            _ => None,
        }
    }

    /// The French and English messages of an invalid or missing value.
    fn messages(&self) -> Option<(String, String)> {
        match self {
            Self::Invalid(e) => Some((e.message_fr(), e.to_string())),
            Self::Missing => {
                let code = FindingCode::Required;
                Some((code.message_fr().to_owned(), code.message_en().to_owned()))
            }
            _ => None,
        }
    }

    fn warning(&self) -> Option<Warning> {
        match self {
            Self::Valid(warning) => *warning,
            Self::Canonical(c) => c.1,
            _ => None,
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

/// One value checked: its input and the core's verdict.
struct Entry {
    /// The text checked (`None` for a missing value).
    input: Option<Py<PyString>>,
    outcome: Outcome,
    /// What the core said of the value (docs/domain.md §7).
    confidential: bool,
}

impl Entry {
    /// The entry of `input` checked as `kind` (no Python here: made detached).
    fn check(kind: IdKind, mode: Mode, input: Option<&str>) -> (Outcome, bool) {
        match input {
            Some(text) => {
                let check = core::check(kind, text, mode);
                let confidential = check.is_confidential();
                (Outcome::new(check, text), confidential)
            }
            None => (Outcome::Missing, false),
        }
    }

    fn clone_ref(&self, py: Python<'_>) -> Self {
        Self {
            input: self.input.as_ref().map(|s| s.clone_ref(py)),
            outcome: self.outcome.clone(),
            confidential: self.confidential,
        }
    }

    /// The canonical form of a valid value.
    fn canonical<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        match &self.outcome {
            Outcome::Valid(_) => self.input.as_ref().map(|s| s.bind(py).clone()),
            Outcome::Canonical(c) => Some(PyString::new(py, &c.0)),
            _ => None,
        }
    }

    /// Whether both have the same input and outcome.
    fn equals(&self, py: Python<'_>, other: &Entry) -> PyResult<bool> {
        if self.outcome != other.outcome {
            return Ok(false);
        }
        match (&self.input, &other.input) {
            (Some(a), Some(b)) => PyAnyMethods::eq(a.bind(py).as_any(), b.bind(py)),
            (a, b) => Ok(a.is_none() && b.is_none()),
        }
    }
}

/// The outcome of checking one value with ``check()`` (or ``CheckResult(kind, value)``,
/// which checks one).
///
/// ``input`` is the text checked (the ``str`` given, the decimal text of an integer, or
/// ``None`` for a missing value); ``canonical`` its canonical form when ``valid``;
/// otherwise ``code`` (stable, e.g. ``invalid_checksum``; ``required`` for a missing value),
/// ``message`` (French) and ``message_en``. ``warning`` is a remark on a valid value
/// (``test_identifier``, ``foreign_number``, ``old_code``, ``also_postal_code``). The
/// ``repr()`` of a confidential value (a phone number, an email address, an MSSanté idNat)
/// hides the values. Results compare equal when their kind, input, mode and outcome are;
/// they pickle (the value is checked again when unpickled).
#[pyclass(frozen, module = "rppsplus._rppsplus")]
pub(crate) struct CheckResult {
    kind: IdKind,
    mode: Mode,
    entry: Entry,
}

impl CheckResult {
    fn equals(&self, py: Python<'_>, kind: IdKind, mode: Mode, entry: &Entry) -> PyResult<bool> {
        Ok(self.kind == kind && self.mode == mode && self.entry.equals(py, entry)?)
    }
}

#[pymethods]
impl CheckResult {
    /// Checks one value, as ``check(kind, [value], test_mode=test_mode)[0]``.
    #[new]
    #[pyo3(signature = (kind, value, /, *, test_mode = false))]
    fn py_new(kind: Name<IdKind>, value: &Bound<'_, PyAny>, test_mode: bool) -> PyResult<Self> {
        let input = cells::identifier(value, || "CheckResult() argument 'value'".to_owned())?;
        let (kind, mode) = (kind.0, mode(test_mode));
        let (outcome, confidential) = Entry::check(kind, mode, input.as_ref().map(|s| s.to_string_lossy()).as_deref());
        let input = input.map(Bound::unbind);
        Ok(Self {
            kind,
            mode,
            entry: Entry {
                input,
                outcome,
                confidential,
            },
        })
    }

    /// The identifier kind checked (``"rpps"``, ``"siret"``…).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        name(py, self.kind)
    }

    /// The text checked: the ``str`` given (the same object), the decimal text of an
    /// integer, ``None`` for a missing value.
    #[getter]
    fn input(&self, py: Python<'_>) -> Option<Py<PyString>> {
        self.entry.input.as_ref().map(|s| s.clone_ref(py))
    }

    /// Whether the value is valid.
    #[getter]
    fn valid(&self) -> bool {
        self.entry.outcome.is_valid()
    }

    /// The canonical form of a valid value, else ``None``.
    #[getter]
    fn canonical<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.entry.canonical(py)
    }

    /// The stable error code of an invalid value (``invalid_format``, ``invalid_length``,
    /// ``invalid_checksum``, ``invalid_component``, ``not_mobile``…; ``required`` for a
    /// missing value), else ``None``.
    #[getter]
    fn code<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.entry.outcome.code().map(|c| name(py, c))
    }

    /// The French message of an invalid value, else ``None``. Never contains the value.
    #[getter]
    fn message(&self) -> Option<String> {
        self.entry.outcome.messages().map(|m| m.0)
    }

    /// The English message of an invalid value, else ``None``. Never contains the value.
    #[getter]
    fn message_en(&self) -> Option<String> {
        self.entry.outcome.messages().map(|m| m.1)
    }

    /// The code of a remark on a valid value (``test_identifier``, ``foreign_number``),
    /// else ``None``.
    #[getter]
    fn warning<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.entry.outcome.warning().map(|w| name(py, w.code()))
    }

    /// The French message of the warning, else ``None``.
    #[getter]
    fn warning_message(&self) -> Option<String> {
        self.entry.outcome.warning().map(|w| w.message_fr().to_string())
    }

    /// Raises the exception of an invalid value (``InvalidChecksum``…; a ``RppsplusError``
    /// with the code ``required`` for a missing value); does nothing for a valid one.
    fn raise_for_error(&self, py: Python<'_>) -> PyResult<()> {
        match &self.entry.outcome {
            Outcome::Invalid(e) => Err(errors::PyRppsErr(**e).into()),
            Outcome::Missing => Err(errors::missing(py, self.kind)),
            _ => Ok(()),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let kind = self.kind.as_str();
        let entry = &self.entry;
        let input = match &entry.input {
            _ if entry.confidential => "<redacted>".to_owned(),
            Some(input) => input.bind(py).repr()?.to_string(),
            None => "None".to_owned(),
        };
        let tail = match (entry.outcome.code(), entry.outcome.warning()) {
            (Some(code), _) => format!("valid=False, code='{code}'"),
            (None, _) if entry.confidential => "valid=True".to_owned(),
            (None, warning) => {
                let canonical = match entry.outcome.other_canonical() {
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
        let equal = self.equals(py, other.kind, other.mode, &other.entry)?;
        compared(py, op, Some(equal))
    }

    /// The arguments that check the value again (``pickle``, ``copy``).
    fn __getnewargs_ex__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyDict>)> {
        newargs(py, self.kind, self.mode, self.input(py).into_pyobject(py)?.into_any())
    }
}

/// The result of a rich comparison for `==` and `!=` (`None`: not comparable).
fn compared(py: Python<'_>, op: CompareOp, equal: Option<bool>) -> PyResult<Py<PyAny>> {
    let answer = match (op, equal) {
        (CompareOp::Eq, Some(equal)) => equal,
        (CompareOp::Ne, Some(equal)) => !equal,
        _ => return Ok(py.NotImplemented()),
    };
    Ok(answer.into_pyobject(py)?.to_owned().into_any().unbind())
}

/// `((kind, values), {"test_mode": …})`: the arguments of a constructor that checks again.
fn newargs<'py>(
    py: Python<'py>,
    kind: IdKind,
    mode: Mode,
    values: Bound<'py, PyAny>,
) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyDict>)> {
    let kwargs = PyDict::new(py);
    kwargs.set_item("test_mode", mode == Mode::Test)?;
    Ok((PyTuple::new(py, [name(py, kind).into_any(), values])?, kwargs))
}

/// The results of ``check(kind, values)``: a sequence of ``CheckResult``, one per value, in
/// order, built when asked for (indexing, iterating), with the columns ``valid``,
/// ``canonical`` and ``codes`` as lists.
///
/// It behaves as the list of results it stands for: ``len()``, indexing (negative indexes
/// too), slicing (a ``CheckResults``), iterating, and ``==`` with another ``CheckResults`` or
/// with a list of ``CheckResult``. ``CheckResults(kind, values)`` is ``check(kind,
/// values)``; results pickle (the values are checked again when unpickled).
#[pyclass(frozen, sequence, module = "rppsplus._rppsplus")]
pub(crate) struct CheckResults {
    kind: IdKind,
    mode: Mode,
    entries: Vec<Entry>,
}

impl CheckResults {
    /// Checks every item of `values`; `what` names the function in errors.
    fn read(py: Python<'_>, kind: IdKind, mode: Mode, values: &Bound<'_, PyAny>, what: &str) -> PyResult<Self> {
        if values.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(format!(
                "{what} argument 'values' must be an iterable of str, not a str"
            )));
        }
        let mut iter = values.try_iter().map_err(|_| {
            PyTypeError::new_err(format!(
                "{what} argument 'values' must be an iterable of str, not {}",
                type_name(values)
            ))
        })?;
        // `__len__` is a hint (`range(10**18)` has one): at most a chunk is reserved ahead.
        let mut entries: Vec<Entry> = Vec::with_capacity(values.len().unwrap_or(0).min(CHUNK));
        let mut items: Vec<Option<Bound<'_, PyString>>> = Vec::with_capacity(CHUNK);
        loop {
            // Ctrl-C is seen between chunks: `KeyboardInterrupt` stops the call.
            py.check_signals()?;
            items.clear();
            for item in iter.by_ref().take(CHUNK) {
                let item = match item?.cast_into::<PyString>() {
                    Ok(s) => Some(s),
                    Err(e) => {
                        let index = entries.len() + items.len();
                        cells::identifier(&e.into_inner(), || format!("{what} values[{index}]"))?
                    }
                };
                items.push(item);
            }
            if items.is_empty() {
                break;
            }
            // `&str`s into the UTF-8 data of the `str` objects, which `items` keeps alive and
            // which are immutable; only a `str` with lone surrogates is copied (lossily, so
            // that the core refuses it as `invalid_format`). Nothing of Python is touched while
            // detached.
            let texts: Vec<Option<Cow<'_, str>>> =
                items.iter().map(|s| s.as_ref().map(|s| s.to_string_lossy())).collect();
            let verdicts: Vec<(Outcome, bool)> =
                py.detach(|| texts.iter().map(|t| Entry::check(kind, mode, t.as_deref())).collect());
            drop(texts);
            let checked = items.drain(..).zip(verdicts);
            entries.extend(checked.map(|(input, (outcome, confidential))| Entry {
                input: input.map(Bound::unbind),
                outcome,
                confidential,
            }));
        }
        Ok(Self { kind, mode, entries })
    }

    /// The `CheckResult` of entry `i`, out of the cycle collector.
    fn result<'py>(&self, py: Python<'py>, i: usize) -> PyResult<Bound<'py, CheckResult>> {
        let result = CheckResult {
            kind: self.kind,
            mode: self.mode,
            entry: self.entries[i].clone_ref(py),
        };
        let result = Bound::new(py, result)?;
        untrack(&result);
        Ok(result)
    }

    /// Whether `other` (a `CheckResults` or a list of `CheckResult`) holds the same results;
    /// `None` when it is neither.
    fn equals(&self, other: &Bound<'_, PyAny>) -> PyResult<Option<bool>> {
        let py = other.py();
        if let Ok(other) = other.cast::<CheckResults>() {
            let other = other.get();
            if (self.kind, self.mode, self.entries.len()) != (other.kind, other.mode, other.entries.len()) {
                return Ok(Some(false));
            }
            for (a, b) in self.entries.iter().zip(&other.entries) {
                if !a.equals(py, b)? {
                    return Ok(Some(false));
                }
            }
            return Ok(Some(true));
        }
        let Ok(list) = other.cast::<PyList>() else {
            return Ok(None);
        };
        if list.len() != self.entries.len() {
            return Ok(Some(false));
        }
        for (entry, item) in self.entries.iter().zip(list.iter()) {
            let Ok(result) = item.cast::<CheckResult>() else {
                return Ok(Some(false));
            };
            if !result.get().equals(py, self.kind, self.mode, entry)? {
                return Ok(Some(false));
            }
        }
        Ok(Some(true))
    }
}

#[pymethods]
impl CheckResults {
    /// Checks every value, as ``check(kind, values, test_mode=test_mode)``.
    #[new]
    #[pyo3(signature = (kind, values, /, *, test_mode = false))]
    fn py_new(py: Python<'_>, kind: Name<IdKind>, values: &Bound<'_, PyAny>, test_mode: bool) -> PyResult<Self> {
        Self::read(py, kind.0, mode(test_mode), values, "CheckResults()")
    }

    /// The identifier kind checked (``"rpps"``, ``"siret"``…).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        name(py, self.kind)
    }

    /// Whether each value is valid, in order (a new list).
    #[getter]
    fn valid<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.entries.iter().map(|e| e.outcome.is_valid()))
    }

    /// The canonical form of each value, ``None`` where it is invalid or missing, in order
    /// (a new list).
    #[getter]
    fn canonical<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.entries.iter().map(|e| e.canonical(py)))
    }

    /// The error code of each value (``None`` where it is valid; ``required`` where it is
    /// missing), in order (a new list).
    #[getter]
    fn codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.entries.iter().map(|e| e.outcome.code().map(|c| name(py, c))))
    }

    fn __len__(&self) -> usize {
        self.entries.len()
    }

    fn __getitem__<'py>(&self, index: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = index.py();
        let len = self.entries.len();
        if let Ok(slice) = index.cast::<PySlice>() {
            let range = slice.indices(isize::try_from(len).unwrap_or(isize::MAX))?;
            let picked = (0..range.slicelength).map(|k| {
                // In bounds: `indices` clamps the slice to the sequence.
                let i = range.start + range.step * k as isize;
                self.entries[i as usize].clone_ref(py)
            });
            let results = CheckResults {
                kind: self.kind,
                mode: self.mode,
                entries: picked.collect(),
            };
            return Ok(Bound::new(py, results)?.into_any());
        }
        let at = match index.extract::<isize>() {
            Ok(i) if i < 0 => i.checked_add_unsigned(len),
            Ok(i) => Some(i),
            // An integer beyond `isize` is out of range, as for a list.
            Err(_) if index.is_instance_of::<PyInt>() => None,
            Err(_) => {
                return Err(PyTypeError::new_err(format!(
                    "CheckResults indices must be integers or slices, not {}",
                    type_name(index)
                )));
            }
        };
        match at.and_then(|i| usize::try_from(i).ok()).filter(|&i| i < len) {
            Some(i) => Ok(self.result(py, i)?.into_any()),
            None => Err(PyIndexError::new_err("CheckResults index out of range")),
        }
    }

    fn __iter__(slf: Bound<'_, Self>) -> CheckResultsIterator {
        CheckResultsIterator {
            results: slf.unbind(),
            next: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        compared(other.py(), op, self.equals(other)?)
    }

    fn __repr__(&self) -> String {
        let valid = self.entries.iter().filter(|e| e.outcome.is_valid()).count();
        format!(
            "CheckResults(kind='{}', len={}, valid={valid})",
            self.kind.as_str(),
            self.entries.len()
        )
    }

    /// The arguments that check the values again (``pickle``, ``copy``).
    fn __getnewargs_ex__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyDict>)> {
        let inputs = self.entries.iter().map(|e| e.input.as_ref().map(|s| s.clone_ref(py)));
        newargs(py, self.kind, self.mode, PyList::new(py, inputs)?.into_any())
    }
}

/// The iterator of a `CheckResults`: builds each `CheckResult` when it is reached.
#[pyclass(frozen, module = "rppsplus._rppsplus")]
pub(crate) struct CheckResultsIterator {
    results: Py<CheckResults>,
    next: std::sync::atomic::AtomicUsize,
}

#[pymethods]
impl CheckResultsIterator {
    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, CheckResult>>> {
        let results = self.results.get();
        let i = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if i >= results.entries.len() {
            // Stays exhausted (a concurrent `next()` may have gone further).
            self.next
                .store(results.entries.len(), std::sync::atomic::Ordering::Relaxed);
            return Ok(None);
        }
        results.result(py, i).map(Some)
    }
}

/// Checks every value as an identifier of ``kind`` and returns their ``CheckResults`` (a
/// sequence of ``CheckResult``, one per value, in order). Invalid values do not raise: read
/// ``valid``/``code`` on the results, or the columns ``valid``, ``canonical``, ``codes``.
///
/// ``kind`` is one of ``KINDS`` (``"rpps"``, ``"idnat"``, ``"siret"``…); ``values`` any
/// iterable but a ``str`` itself, of ``str``, integers (``int``, NumPy integers: their
/// decimal text) and missing values (``None``, NaN, ``pandas.NA``: a result with the code
/// ``required``) — a column of a data frame. An unknown kind raises ``ValueError``, a value
/// of another type ``TypeError`` naming its index. The checks run with the GIL released.
#[pyfunction]
#[pyo3(signature = (kind, values, *, test_mode = false))]
pub(crate) fn check<'py>(
    py: Python<'py>,
    kind: Name<IdKind>,
    values: &Bound<'py, PyAny>,
    test_mode: bool,
) -> PyResult<Bound<'py, CheckResults>> {
    Bound::new(py, CheckResults::read(py, kind.0, mode(test_mode), values, "check()")?)
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
