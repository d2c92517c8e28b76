//! The demande (SPEC.md §4): `validate`, `validate_many`, `validate_csv`, and the `Report`
//! and `Finding` classes.
//!
//! Every rule is the core's (`rppsplus_core::demande`); this module converts the Python
//! input to JSON data, the keywords to core `Options`, and the core's `Report` to Python.
//!
//! Conversion of a `dict` to JSON (`to_value`), faithful so that a wrong type becomes a
//! finding of the core at its path: `dict` (keys must be `str`) → object, `list`/`tuple`
//! → array, `str` → string, `bool` → boolean, `int` → number, finite `float` → number,
//! `None` → null. A `datetime.date` becomes its ISO string `YYYY-MM-DD` (the format of
//! the interchange format) and a `datetime.datetime` its `isoformat()` (which the core
//! refuses as `invalid_format`). Anything else (a non-`str` key, `bytes`, `set`,
//! `Decimal`, an object) raises `TypeError`, and what JSON cannot hold (NaN, infinities,
//! an `int` beyond the range of a float, nesting deeper than 128 — the limit of the core's
//! JSON parser, which also stops cycles) raises `ValueError`; both name the place, e.g.
//! `demande['etat_civil']['date_naissance']`, never the value.
//!
//! The validation itself runs with the GIL released: the input is first read into owned
//! Rust data (or `&str`/`&[u8]` borrowed from immutable `str`/`bytes` objects kept alive).
//! `validate_many` reads the demandes in chunks into JSON values that it reuses from chunk
//! to chunk (same result as fresh values, fewer allocations), and past one chunk has
//! worker threads validate them while this thread, holding the GIL, reads the next ones.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs::File;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::mpsc::{self, TrySendError};
use std::sync::{Mutex, PoisonError};

use chrono::NaiveDate;
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyIterator, PyList, PyString, PyTuple, PyType};
use rppsplus_core::demande::{self as core, Actor, Options, Severity, Stage};
use serde_json::{Map, Number, Value};

use crate::check::untrack;
use crate::errors::ValidationError;
use crate::ids::mode;

/// Demandes converted per chunk in `validate_many`: bounds the memory of the converted
/// JSON values whatever the number of demandes. Small, so that the values reused from chunk
/// to chunk stay in the CPU caches (1024 cost a third more CPU time).
const CHUNK: usize = 128;

/// The nesting limit of the core's JSON parser (serde_json), applied to Python input too.
const MAX_DEPTH: usize = 128;

// --- options -----------------------------------------------------------------------------

static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The type name of a Python value, for error messages (never the value).
fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "object".to_owned(), |n| n.to_string())
}

/// `reference_date`: a `datetime.date` (a `datetime`'s date), an ISO `YYYY-MM-DD` `str`, or
/// `None` for today's date in UTC.
fn reference_date(value: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<NaiveDate> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(chrono::Utc::now().date_naive());
    };
    let py = value.py();
    if let Ok(s) = value.cast::<PyString>() {
        let s = s.to_string_lossy();
        return s
            .parse::<NaiveDate>()
            .map_err(|_| PyValueError::new_err(format!("{what} 'reference_date' must be an ISO date YYYY-MM-DD")));
    }
    if !value.is_instance(DATE.import(py, "datetime", "date")?)? {
        return Err(PyTypeError::new_err(format!(
            "{what} 'reference_date' must be datetime.date, str or None, not {}",
            type_name(value)
        )));
    }
    let part = |name: &Bound<'_, PyString>| value.getattr(name)?.extract::<u32>();
    let year = value.getattr(intern!(py, "year"))?.extract::<i32>()?;
    let (month, day) = (part(intern!(py, "month"))?, part(intern!(py, "day"))?);
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| PyValueError::new_err(format!("{what} 'reference_date': unsupported date")))
}

/// The core options of the keywords; a bad `stage` or `actor` is a `ValueError`.
fn options(
    what: &str,
    reference: Option<&Bound<'_, PyAny>>,
    stage: &str,
    actor: &str,
    test_mode: bool,
) -> PyResult<Options> {
    let stage = match stage {
        "draft" => Stage::Draft,
        "submit" => Stage::Submit,
        _ => {
            return Err(PyValueError::new_err(format!(
                "{what} 'stage' must be 'draft' or 'submit', not {stage:?}"
            )));
        }
    };
    let actor = match actor {
        "gestionnaire" => Actor::Gestionnaire,
        "professionnel" => Actor::Professionnel,
        _ => {
            return Err(PyValueError::new_err(format!(
                "{what} 'actor' must be 'gestionnaire' or 'professionnel', not {actor:?}"
            )));
        }
    };
    Ok(Options {
        reference_date: reference_date(reference, what)?,
        stage,
        actor,
        mode: mode(test_mode),
    })
}

// --- input -------------------------------------------------------------------------------

/// One demande read from Python, ready to be validated without the GIL.
enum Input<'a> {
    /// A `dict`, converted.
    Value(Value),
    /// A `str` of JSON (borrowed from the `str` object unless it had lone surrogates).
    Text(Cow<'a, str>),
    /// `bytes` of JSON (borrowed).
    Bytes(&'a [u8]),
}

impl Input<'_> {
    /// Reads `demande` (`dict`, `str` or `bytes`); `what` names it in errors.
    fn read<'a>(demande: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Input<'a>> {
        if let Ok(dict) = demande.cast::<PyDict>() {
            let mut place = Place::new(what, None);
            return Ok(Input::Value(dict_value(dict, &mut place)?));
        }
        if let Ok(s) = demande.cast::<PyString>() {
            return Ok(Input::Text(s.to_string_lossy()));
        }
        if let Ok(b) = demande.cast::<PyBytes>() {
            return Ok(Input::Bytes(b.as_bytes()));
        }
        Err(not_a_demande(demande, what))
    }

    /// The core's report (no Python here: called detached).
    fn validate(&self, options: &Options) -> core::Report {
        match self {
            Input::Value(v) => core::validate_value(v, options),
            Input::Text(t) => core::validate_json(t.as_bytes(), options),
            Input::Bytes(b) => core::validate_json(b, options),
        }
    }
}

/// One demande of a [`Chunk`], owned: a worker thread validates it.
enum Slot {
    /// A `dict`, converted.
    Value(Value),
    /// JSON text: `bytes`, or a `str` as UTF-8.
    Json(Vec<u8>),
}

/// Demandes of `validate_many` read from Python, to be validated together without the GIL.
/// A validated chunk is filled again in place: its slots keep their allocations (the maps,
/// keys and strings of the JSON values), which the next demandes, often of the same shape,
/// reuse.
#[derive(Default)]
struct Chunk {
    /// The index of the first demande in the iterable.
    base: usize,
    /// The demandes: the first `len` (the others are left from an earlier use).
    slots: Vec<Slot>,
    /// The number of demandes.
    len: usize,
}

impl Chunk {
    /// Reads the next demandes of `iter` (at most `CHUNK`), the first being `demandes[base]`;
    /// returns how many.
    fn fill<'py>(&mut self, iter: &mut Bound<'py, PyIterator>, base: usize) -> PyResult<usize> {
        self.base = base;
        self.len = 0;
        let mut place = Place::new("demandes", None);
        while self.len < CHUNK {
            let Some(item) = iter.next() else { break };
            let item = item?;
            let index = base + self.len;
            if self.slots.len() == self.len {
                self.slots.push(Slot::Json(Vec::new()));
            }
            let slot = &mut self.slots[self.len];
            if let Ok(dict) = item.cast::<PyDict>() {
                place.index = Some(index);
                place.parts.clear();
                match slot {
                    Slot::Value(value) => dict_into(dict, value, &mut place)?,
                    Slot::Json(_) => *slot = Slot::Value(dict_value(dict, &mut place)?),
                }
            } else if let Ok(s) = item.cast::<PyString>() {
                json_into(slot, s.to_string_lossy().as_bytes());
            } else if let Ok(b) = item.cast::<PyBytes>() {
                json_into(slot, b.as_bytes());
            } else {
                return Err(not_a_demande(&item, &format!("demandes[{index}]")));
            }
            self.len += 1;
        }
        Ok(self.len)
    }

    /// The core's reports (no Python here: called detached or on a worker thread).
    fn validate(&self, options: &Options) -> Vec<core::Report> {
        self.slots[..self.len]
            .iter()
            .map(|slot| match slot {
                Slot::Value(v) => core::validate_value(v, options),
                Slot::Json(json) => core::validate_json(json, options),
            })
            .collect()
    }
}

/// Copies JSON text into `slot`, reusing its buffer.
fn json_into(slot: &mut Slot, json: &[u8]) {
    match slot {
        Slot::Json(buf) => {
            buf.clear();
            buf.extend_from_slice(json);
        }
        Slot::Value(_) => *slot = Slot::Json(json.to_vec()),
    }
}

/// The `TypeError` of a demande that is not a `dict`, `str` or `bytes`.
fn not_a_demande(demande: &Bound<'_, PyAny>, what: &str) -> PyErr {
    PyTypeError::new_err(format!("{what} must be dict, str or bytes, not {}", type_name(demande)))
}

/// Where the conversion is, for its error messages: rendered only on error.
struct Place<'a, 'py> {
    /// The name of the argument (`demande`, `demandes`).
    root: &'a str,
    /// The index of the demande in `validate_many`'s iterable (`demandes[3]`).
    index: Option<usize>,
    /// The keys and indexes below it.
    parts: Vec<Part<'py>>,
}

/// A key or an index of a [`Place`].
enum Part<'py> {
    Key(Bound<'py, PyString>),
    Index(usize),
}

impl<'a> Place<'a, '_> {
    fn new(root: &'a str, index: Option<usize>) -> Self {
        Self {
            root,
            index,
            parts: Vec::new(),
        }
    }

    /// `demande['etat_civil']['prenoms'][1]` (keys quoted by Python's `repr`, cut to 80
    /// characters like the core's paths: they are the user's).
    fn render(&self) -> String {
        let mut out = self.root.to_owned();
        if let Some(i) = self.index {
            out.push_str(&format!("[{i}]"));
        }
        for part in &self.parts {
            match part {
                Part::Key(k) => {
                    let key: String = k.to_string_lossy().chars().take(80).collect();
                    let quoted = PyString::new(k.py(), &key)
                        .repr()
                        .map_or_else(|_| "'?'".to_owned(), |r| r.to_string());
                    out.push_str(&format!("[{quoted}]"));
                }
                Part::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// The `ValueError` of input nested too deep (or a cycle).
    fn check_depth(&self) -> PyResult<()> {
        if self.parts.len() >= MAX_DEPTH {
            return Err(PyValueError::new_err(format!(
                "{}: nested deeper than {MAX_DEPTH} levels (or a reference cycle)",
                self.render()
            )));
        }
        Ok(())
    }
}

/// A `dict` as a JSON object.
fn dict_value<'py>(dict: &Bound<'py, PyDict>, place: &mut Place<'_, 'py>) -> PyResult<Value> {
    let mut value = Value::Null;
    dict_into(dict, &mut value, place)?;
    Ok(value)
}

/// Converts `dict` into `slot` as a JSON object, reusing what `slot` holds (`validate_many`
/// converts each demande into the value of an earlier one: its map, key and string
/// allocations). The result is the same as converting into `Value::Null`: the keys of the
/// map are exactly those of `dict`.
fn dict_into<'py>(dict: &Bound<'py, PyDict>, slot: &mut Value, place: &mut Place<'_, 'py>) -> PyResult<()> {
    place.check_depth()?;
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    let Value::Object(map) = slot else {
        unreachable!("made an object above")
    };
    let before = map.len();
    // Keys of the earlier value found again. Distinct: two keys of `dict` read as the same
    // text only when lone surrogates are replaced (`lossy`), and then the map is rebuilt.
    let mut found = 0;
    // Which of them, by rank in the map (a small map, scanned by `member_mut`).
    let mut kept: u32 = 0;
    let mut lossy = false;
    // New keys, inserted after the scan so that the ranks hold.
    let mut added: Vec<(String, Value)> = Vec::new();
    for (key, item) in dict.iter() {
        let key = key.cast_into::<PyString>().map_err(|e| {
            PyTypeError::new_err(format!(
                "{}: keys must be str, not {}",
                place.render(),
                type_name(e.into_inner().as_any())
            ))
        })?;
        place.parts.push(Part::Key(key.clone()));
        let name = key.to_string_lossy();
        lossy |= matches!(name, Cow::Owned(_));
        match member_mut(map, &name).filter(|_| !lossy) {
            Some((rank, value)) => {
                found += 1;
                kept |= rank.map_or(0, |r| 1 << r);
                value_into(&item, value, place)?;
            }
            None => {
                let mut value = Value::Null;
                value_into(&item, &mut value, place)?;
                added.push((name.into_owned(), value));
            }
        }
        place.parts.pop();
    }
    if lossy && before > 0 {
        // Rare (lone surrogates in keys): converted again into an empty map, in order.
        map.clear();
        return dict_into(dict, slot, place);
    }
    if found < before {
        // Keys of the earlier value that `dict` lacks.
        if before <= SCANNED {
            let mut rank = 0;
            map.retain(|_, _| {
                rank += 1;
                kept & (1 << (rank - 1)) != 0
            });
        } else {
            map.retain(|name, _| {
                dict.iter()
                    .any(|(k, _)| k.cast::<PyString>().ok().and_then(|k| k.to_str().ok()) == Some(name.as_str()))
            });
        }
    }
    // In order: with lone surrogates, the last of the keys read as the same text wins.
    map.extend(added);
    Ok(())
}

/// The size up to which [`member_mut`] scans a map.
const SCANNED: usize = 16;

/// The value of `name` in `map`, with its rank when `map` is small. A demande's objects are
/// small: a scan comparing lengths first costs less than the ordered search of the B-tree (a
/// string comparison per step).
fn member_mut<'m>(map: &'m mut Map<String, Value>, name: &str) -> Option<(Option<usize>, &'m mut Value)> {
    if map.len() > SCANNED {
        return map.get_mut(name).map(|value| (None, value));
    }
    map.iter_mut()
        .enumerate()
        .find(|(_, (key, _))| key.as_str() == name)
        .map(|(rank, (_, value))| (Some(rank), value))
}

/// Converts the items of a sequence into `slot` as a JSON array, reusing what it holds.
fn array_into<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    len: usize,
    slot: &mut Value,
    place: &mut Place<'_, 'py>,
) -> PyResult<()> {
    place.check_depth()?;
    if !slot.is_array() {
        *slot = Value::Array(Vec::with_capacity(len));
    }
    let Value::Array(out) = slot else {
        unreachable!("made an array above")
    };
    out.truncate(len);
    let mut count = 0;
    for (i, item) in items.enumerate() {
        place.parts.push(Part::Index(i));
        if let Some(value) = out.get_mut(i) {
            value_into(&item, value, place)?;
        } else {
            let mut value = Value::Null;
            value_into(&item, &mut value, place)?;
            out.push(value);
        }
        place.parts.pop();
        count = i + 1;
    }
    out.truncate(count);
    Ok(())
}

/// An ISO string of a `date` or `datetime` (`isoformat()`).
fn iso(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    let iso = obj.call_method0(intern!(obj.py(), "isoformat"))?;
    Ok(Value::String(iso.cast::<PyString>()?.to_string_lossy().into_owned()))
}

/// Converts a Python value into `slot` as JSON (see the module documentation), reusing the
/// allocations of the strings, objects and arrays it holds: the result is the same as
/// converting into `Value::Null`.
fn value_into<'py>(obj: &Bound<'py, PyAny>, slot: &mut Value, place: &mut Place<'_, 'py>) -> PyResult<()> {
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_string_lossy();
        match slot {
            Value::String(out) => {
                out.clear();
                out.push_str(&text);
            }
            _ => *slot = Value::String(text.into_owned()),
        }
        return Ok(());
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        return dict_into(d, slot, place);
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return array_into(l.iter(), l.len(), slot, place);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return array_into(t.iter(), t.len(), slot, place);
    }
    *slot = scalar(obj, place)?;
    Ok(())
}

/// A Python value that is not a `str`, `dict`, `list` or `tuple` as JSON.
fn scalar<'py>(obj: &Bound<'py, PyAny>, place: &Place<'_, 'py>) -> PyResult<Value> {
    let py = obj.py();
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(i) = obj.cast::<PyInt>() {
        if let Ok(n) = i.extract::<i64>() {
            return Ok(Value::Number(n.into()));
        }
        if let Ok(n) = i.extract::<u64>() {
            return Ok(Value::Number(n.into()));
        }
        // As the core's JSON parser reads an integer beyond 64 bits: a float.
        let n = i.extract::<f64>().ok().and_then(Number::from_f64);
        return n
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err(format!("{}: int out of the range of JSON numbers", place.render())));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value()).map(Value::Number).ok_or_else(|| {
            let shown = f.repr().map_or_else(|_| "?".to_owned(), |r| r.to_string());
            PyValueError::new_err(format!("{}: float {shown} is not a JSON number", place.render()))
        });
    }
    // `datetime` before `date`: a `datetime` is a `date`.
    if obj.is_instance(DATETIME.import(py, "datetime", "datetime")?)?
        || obj.is_instance(DATE.import(py, "datetime", "date")?)?
    {
        return iso(obj);
    }
    Err(PyTypeError::new_err(format!(
        "{}: {} is not JSON-serializable (dict, list, tuple, str, int, float, bool, None or datetime.date)",
        place.render(),
        type_name(obj)
    )))
}

// --- Finding and Report ------------------------------------------------------------------

/// The severity as text (`"error"`, `"warning"`), as the core serializes it.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// One finding of a report: ``path`` (JSON path, e.g. ``etat_civil.prenoms[1]``, ``""``
/// for the whole document), ``code`` (stable, e.g. ``required``), ``severity``
/// (``"error"`` or ``"warning"``), ``message`` (French) and ``message_en``.
#[pyclass(frozen, eq, module = "rppsplus._rppsplus")]
#[derive(PartialEq)]
pub(crate) struct Finding(core::Finding);

#[pymethods]
impl Finding {
    /// The JSON path of the field (``""`` for the whole document).
    #[getter]
    fn path(&self) -> &str {
        self.0.path.as_str()
    }

    /// The stable code (``required``, ``invalid_format``, ``code_deprecated``…).
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code.as_str()
    }

    /// ``"error"`` or ``"warning"``.
    #[getter]
    fn severity(&self) -> &'static str {
        severity(self.0.severity)
    }

    /// The French message (never contains the values of the état civil or the contact).
    #[getter]
    fn message(&self) -> &str {
        &self.0.message
    }

    /// The English message.
    #[getter]
    fn message_en(&self) -> &str {
        &self.0.message_en
    }

    /// The location as a tuple, as ``errors()`` gives it.
    #[getter]
    fn loc<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        loc(py, &self.0.path)
    }

    /// ``{"path", "code", "severity", "message", "message_en"}``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        finding_dict(py, &self.0)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Finding(path={}, code='{}', severity='{}')",
            PyString::new(py, self.0.path.as_str()).repr()?,
            self.0.code,
            severity(self.0.severity)
        ))
    }
}

/// The path `a.b[1]` as the tuple `("a", "b", 1)` (pydantic's `loc`), from the core's
/// segments (never parsed from the text: a user's key may hold `.` or `[`); the root is `()`.
fn loc<'py>(py: Python<'py>, path: &core::Path) -> PyResult<Bound<'py, PyTuple>> {
    let parts = path.segments().iter().map(|segment| match segment {
        core::Segment::Key(key) => PyString::new(py, key).into_any(),
        core::Segment::Index(i) => i.into_pyobject(py).map(Bound::into_any).unwrap_or_else(|e| match e {}),
    });
    PyTuple::new(py, parts)
}

/// A finding as a `dict`.
fn finding_dict<'py>(py: Python<'py>, f: &core::Finding) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "path"), f.path.as_str())?;
    d.set_item(intern!(py, "code"), f.code.as_str())?;
    d.set_item(intern!(py, "severity"), severity(f.severity))?;
    d.set_item(intern!(py, "message"), &f.message)?;
    d.set_item(intern!(py, "message_en"), &f.message_en)?;
    Ok(d)
}

/// The result of validating one demande: ``valid`` (no error; warnings allowed) and every
/// ``findings``, in the core's deterministic order.
///
/// ``len(report)`` is the number of findings and iterating gives them. ``bool(report)``
/// raises ``TypeError``: a ``Report`` with findings may be valid (warnings) and an invalid
/// one is not empty, so write ``report.valid`` or ``len(report)``.
#[pyclass(frozen, eq, module = "rppsplus._rppsplus")]
#[derive(PartialEq)]
pub(crate) struct Report(core::Report);

impl Report {
    /// A new `Report` object, out of the cycle collector (it holds no Python object).
    fn new_bound(py: Python<'_>, report: core::Report) -> PyResult<Bound<'_, Report>> {
        let obj = Bound::new(py, Report(report))?;
        untrack(&obj);
        Ok(obj)
    }
}

#[pymethods]
impl Report {
    /// Whether the demande has no error (warnings allowed).
    #[getter]
    fn valid(&self) -> bool {
        self.0.is_valid()
    }

    /// Every finding (errors and warnings), in order.
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let findings = self.0.findings().iter().map(|f| Finding(f.clone()));
        PyList::new(py, findings)
    }

    /// The errors in the pydantic-core shape, in order: ``{"type": code, "loc": path as a
    /// tuple (e.g. ``("etat_civil", "prenoms", 1)``), "msg": French message, "msg_en":
    /// English message, "severity": "error"}``. Warnings are left out.
    fn errors<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for f in self.0.errors() {
            let d = PyDict::new(py);
            d.set_item(intern!(py, "type"), f.code.as_str())?;
            d.set_item(intern!(py, "loc"), loc(py, &f.path)?)?;
            d.set_item(intern!(py, "msg"), &f.message)?;
            d.set_item(intern!(py, "msg_en"), &f.message_en)?;
            d.set_item(intern!(py, "severity"), severity(f.severity))?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// The number of errors (warnings not counted).
    fn error_count(&self) -> usize {
        self.0.errors().count()
    }

    /// The report as JSON text, as the CLI and the C face write it:
    /// ``{"valid": …, "findings": [{"path", "code", "severity", "message", "message_en"}…]}``.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.0).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// ``{"valid": bool, "findings": [dict…]}``, the shape of ``to_json()``.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item(intern!(py, "valid"), self.0.is_valid())?;
        let findings = PyList::empty(py);
        for f in self.0.findings() {
            findings.append(finding_dict(py, f)?)?;
        }
        d.set_item(intern!(py, "findings"), findings)?;
        Ok(d)
    }

    /// Raises ``ValidationError`` (a ``RppsplusError``) carrying this report when it has
    /// errors; does nothing for a valid one.
    fn raise_for_errors(slf: &Bound<'_, Self>) -> PyResult<()> {
        let report = &slf.get().0;
        let Some(first) = report.errors().next() else {
            return Ok(());
        };
        let py = slf.py();
        let count = report.errors().count();
        let fr = format!("{count} erreur(s) ; la première : {} ({})", first.message, first.path);
        let en = format!("{count} error(s); the first: {} ({})", first.message_en, first.path);
        let exc = py.get_type::<ValidationError>().call1((fr.as_str(),))?;
        exc.setattr(intern!(py, "code"), first.code.as_str())?;
        exc.setattr(intern!(py, "kind"), "demande")?;
        exc.setattr(intern!(py, "message"), fr)?;
        exc.setattr(intern!(py, "message_en"), en)?;
        exc.setattr(intern!(py, "position"), py.None())?;
        exc.setattr(intern!(py, "report"), slf)?;
        exc.setattr(intern!(py, "errors"), slf.getattr(intern!(py, "errors"))?)?;
        exc.setattr(intern!(py, "error_count"), slf.getattr(intern!(py, "error_count"))?)?;
        Err(PyErr::from_value(exc))
    }

    fn __len__(&self) -> usize {
        self.0.findings().len()
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.findings(py)?.try_iter()?.into_any())
    }

    fn __bool__(&self) -> PyResult<bool> {
        Err(PyTypeError::new_err(
            "the truth value of a Report is ambiguous: use report.valid or len(report)",
        ))
    }

    fn __repr__(&self) -> String {
        let errors = self.0.errors().count();
        let warnings = self.0.findings().len() - errors;
        format!(
            "Report(valid={}, errors={errors}, warnings={warnings})",
            if self.0.is_valid() { "True" } else { "False" }
        )
    }
}

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

// --- functions ---------------------------------------------------------------------------

/// Validates one demande (SPEC.md §4) and returns its ``Report``; an invalid demande does
/// not raise (see ``Report.raise_for_errors()``).
///
/// ``demande`` is a ``dict`` (converted to JSON faithfully: a wrong type is a finding at its
/// path; a ``datetime.date`` is written ``YYYY-MM-DD``), or JSON text as ``str`` or
/// ``bytes`` (invalid JSON or UTF-8 is an ``invalid_json`` finding). ``reference_date``
/// (``datetime.date``, ``"YYYY-MM-DD"`` or ``None`` for today in UTC) is the date at which
/// codes must be in force; ``stage`` ``"draft"`` or ``"submit"``; ``actor``
/// ``"gestionnaire"`` or ``"professionnel"``; ``test_mode`` accepts test identities.
#[pyfunction]
#[pyo3(signature = (demande, *, reference_date = None, stage = "submit", actor = "gestionnaire", test_mode = false))]
pub(crate) fn validate(
    py: Python<'_>,
    demande: &Bound<'_, PyAny>,
    reference_date: Option<&Bound<'_, PyAny>>,
    stage: &str,
    actor: &str,
    test_mode: bool,
) -> PyResult<Py<Report>> {
    let options = options("validate()", reference_date, stage, actor, test_mode)?;
    let input = Input::read(demande, "demande")?;
    let report = py.detach(|| input.validate(&options));
    Ok(Report::new_bound(py, report)?.unbind())
}

/// Validates every demande of an iterable (each a ``dict``, ``str`` or ``bytes``, as for
/// ``validate()``) and returns their reports, in order. The demandes are converted in
/// chunks and validated with the GIL released; past a chunk (128 demandes), on worker
/// threads (as many as the validation needs, up to the number of cores) while the next
/// chunks are converted. An item of another type raises ``TypeError`` naming its index.
#[pyfunction]
#[pyo3(signature = (demandes, *, reference_date = None, stage = "submit", actor = "gestionnaire", test_mode = false))]
pub(crate) fn validate_many<'py>(
    py: Python<'py>,
    demandes: &Bound<'py, PyAny>,
    reference_date: Option<&Bound<'py, PyAny>>,
    stage: &str,
    actor: &str,
    test_mode: bool,
) -> PyResult<Bound<'py, PyList>> {
    let options = options("validate_many()", reference_date, stage, actor, test_mode)?;
    if demandes.is_instance_of::<PyString>()
        || demandes.is_instance_of::<PyBytes>()
        || demandes.is_instance_of::<PyDict>()
    {
        return Err(PyTypeError::new_err(format!(
            "validate_many() argument 'demandes' must be an iterable of demandes, not a {} (use validate())",
            type_name(demandes)
        )));
    }
    let mut iter = demandes.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "validate_many() argument 'demandes' must be an iterable, not {}",
            type_name(demandes)
        ))
    })?;
    let mut reports: Vec<Bound<'py, Report>> = Vec::with_capacity(demandes.len().unwrap_or(0));
    let mut chunk = Chunk::default();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if chunk.fill(&mut iter, 0)? == CHUNK && threads > 1 {
        validate_chunks(py, &mut iter, chunk, threads, &options, &mut reports)?;
    } else {
        // One chunk, or one core: converted and validated in turn, the chunk reused.
        while chunk.len > 0 {
            let done = py.detach(|| chunk.validate(&options));
            for report in done {
                reports.push(Report::new_bound(py, report)?);
            }
            chunk.fill(&mut iter, reports.len())?;
        }
    }
    PyList::new(py, reports)
}

/// The chunks of `validate_many` validated by worker threads (up to `threads`) while this
/// thread (holding the GIL) converts the next ones; the reports are appended to `reports`
/// in order.
fn validate_chunks<'py>(
    py: Python<'py>,
    iter: &mut Bound<'py, PyIterator>,
    first: Chunk,
    threads: usize,
    options: &Options,
    reports: &mut Vec<Bound<'py, Report>>,
) -> PyResult<()> {
    // One chunk waits for a worker at most: bounds the memory, and a full queue is the sign
    // that the workers fall behind, when one more is started.
    let (work_tx, work_rx) = mpsc::sync_channel::<Chunk>(1);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<Validated>();
    let done_rx = Mutex::new(done_rx);
    std::thread::scope(|scope| {
        let mut workers = Vec::new();
        let mut more = || {
            if workers.len() == threads {
                return;
            }
            let done_tx = done_tx.clone();
            let work_rx = &work_rx;
            workers.push(scope.spawn(move || {
                loop {
                    // The lock is held while waiting for a chunk, not while validating it.
                    let next = work_rx.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    let Ok(chunk) = next else { break };
                    // A panic goes to the calling thread, which raises it.
                    let done = std::panic::catch_unwind(AssertUnwindSafe(|| chunk.validate(options)));
                    if done_tx.send((chunk, done)).is_err() {
                        break;
                    }
                }
            }));
        };
        more();
        let result = feed(py, iter, first, work_tx, &done_rx, &mut more, reports);
        // `feed` dropped the sender: the workers end once the queue is empty.
        py.detach(|| {
            for worker in workers {
                // No panic here: the workers catch them.
                let _ = worker.join();
            }
        });
        result
    })
}

/// A chunk validated by a worker, with its reports (or the panic of the core).
type Validated = (Chunk, std::thread::Result<Vec<core::Report>>);

/// Sends `first` and the next chunks of `iter` to the workers (calling `more` to start one
/// more when they fall behind) and turns their reports into `Report` objects, in order.
/// Validated chunks are reused for the next demandes.
fn feed<'py>(
    py: Python<'py>,
    iter: &mut Bound<'py, PyIterator>,
    first: Chunk,
    work: mpsc::SyncSender<Chunk>,
    done: &Mutex<mpsc::Receiver<Validated>>,
    more: &mut dyn FnMut(),
    reports: &mut Vec<Bound<'py, Report>>,
) -> PyResult<()> {
    let gone = || PyRuntimeError::new_err("validate_many(): the worker threads stopped");
    let mut spare: Vec<Chunk> = Vec::new();
    // The reports of validated chunks, by the index of their first demande.
    let mut ready: BTreeMap<usize, Vec<core::Report>> = BTreeMap::new();
    let mut in_flight = 0;
    let mut read = first.len;
    let mut chunk = first;
    let take = |(chunk, done): Validated, spare: &mut Vec<Chunk>, ready: &mut BTreeMap<_, _>| {
        let done = done.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        ready.insert(chunk.base, done);
        spare.push(chunk);
    };
    loop {
        in_flight += 1;
        match work.try_send(chunk) {
            Ok(()) => {}
            Err(TrySendError::Full(chunk)) => {
                more();
                // Wait with the GIL released.
                py.detach(|| work.send(chunk)).map_err(|_| gone())?;
            }
            Err(TrySendError::Disconnected(_)) => return Err(gone()),
        }
        loop {
            let next = done.lock().unwrap_or_else(PoisonError::into_inner).try_recv();
            let Ok(next) = next else { break };
            in_flight -= 1;
            take(next, &mut spare, &mut ready);
        }
        emit(py, &mut ready, reports)?;
        chunk = spare.pop().unwrap_or_default();
        if chunk.fill(iter, read)? == 0 {
            break;
        }
        read += chunk.len;
    }
    drop(work);
    while in_flight > 0 {
        let next = py.detach(|| done.lock().unwrap_or_else(PoisonError::into_inner).recv());
        in_flight -= 1;
        take(next.map_err(|_| gone())?, &mut spare, &mut ready);
        emit(py, &mut ready, reports)?;
    }
    Ok(())
}

/// Appends the reports of the chunks of `ready` that come next, as `Report` objects.
fn emit<'py>(
    py: Python<'py>,
    ready: &mut BTreeMap<usize, Vec<core::Report>>,
    reports: &mut Vec<Bound<'py, Report>>,
) -> PyResult<()> {
    while let Some(done) = ready.remove(&reports.len()) {
        for report in done {
            reports.push(Report::new_bound(py, report)?);
        }
    }
    Ok(())
}

/// Takes a `(line, Report)` tuple out of the cycle collector's lists, as its `Report` is
/// (see [`untrack`]): an `int` and a `Report` hold no Python object, so the tuple can never
/// be part of a reference cycle. A hundred thousand tracked tuples made the collections that
/// their allocations trigger take a tenth of `validate_csv`'s time.
fn untrack_row(row: &Bound<'_, PyTuple>) {
    // SAFETY: a tuple is a GC-enabled type, the object is live and the GIL is held;
    // untracking is idempotent and the tuple's deallocation handles an untracked tuple.
    unsafe { pyo3::ffi::PyObject_GC_UnTrack(row.as_ptr().cast()) }
}

/// Validates a CSV collection file (SPEC.md §4 bulk format: ``;`` or ``,``, UTF-8 or
/// Windows-1252, header of JSON paths) and returns ``(line, report)`` for each data row
/// (the header is line 1; file-level findings such as ``encoding_converted`` come first as
/// a report for line 1). The file is read and validated in Rust with the GIL released; a
/// missing or unreadable file raises ``OSError`` (``FileNotFoundError``…).
#[pyfunction]
#[pyo3(signature = (path, *, reference_date = None, stage = "submit", actor = "gestionnaire", test_mode = false))]
pub(crate) fn validate_csv<'py>(
    py: Python<'py>,
    path: PathBuf,
    reference_date: Option<&Bound<'py, PyAny>>,
    stage: &str,
    actor: &str,
    test_mode: bool,
) -> PyResult<Bound<'py, PyList>> {
    let options = options("validate_csv()", reference_date, stage, actor, test_mode)?;
    let mut rows: Vec<Py<PyTuple>> = Vec::new();
    let mut failure: Option<PyErr> = None;
    let read = py.detach(|| -> std::io::Result<()> {
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        core::csv_reports(File::open(&path)?, options).for_each_batch(threads, |batch| {
            // The Python objects are made while the next chunks are being validated.
            Python::attach(|py| -> PyResult<()> {
                rows.reserve(batch.len());
                for (line, report) in batch {
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
