//! Python input to the core's: a demande given as a `dict` (converted to a JSON value), a
//! row (a flat `dict`), a `str` or `bytes` of JSON text; one at a time ([`Input`]) or into
//! the core's batches ([`fill`]).
//!
//! A `dict` with a dotted key (`"etat_civil.nom_naissance"`) is a **row** of a data frame
//! (`df.to_dict("records")`, `df.iloc[i].to_dict()`) with the collection file's columns
//! (docs/domain.md §4.6): its values are read as cells (`cells::cell`: a missing value such
//! as `None` or NaN is an empty cell, a number or a date is written as text) and the core
//! reads the row as it reads a CSV row, with the same findings.
//!
//! Conversion of a `dict` to JSON, faithful so that a wrong type becomes a finding of the
//! core at its path: `dict` (keys must be `str`) → object, `list`/`tuple` → array, `str` →
//! string, `bool` → boolean, `int` → number, finite `float` → number, `None` → null, a NumPy
//! scalar as its `item()`. A `datetime.date` becomes its ISO string `YYYY-MM-DD` (the format
//! of the interchange format), and so does a naive `datetime.datetime` at midnight (a
//! `pandas.Timestamp` of a date column); another `datetime` becomes its `isoformat()` (which
//! the core refuses as `invalid_format`). Anything else (a non-`str` key, `bytes`, `set`, `Decimal`, an object)
//! raises `TypeError`, and what JSON cannot hold (NaN, infinities, an `int` beyond the range
//! of a float, nesting deeper than 128 — the limit of the core's JSON parser, which also
//! stops cycles) raises `ValueError`; both name the place, e.g.
//! `demande['etat_civil']['date_naissance']`, never the value.
//!
//! A batch's JSON values are reused from batch to batch: each `dict` is converted into the
//! value an earlier demande left (its maps, keys and strings), with the same result as a
//! fresh value and fewer allocations.

use std::borrow::Cow;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyIterator, PyList, PyString, PyTuple};
use rppsplus_core::demande::{self as core, Batch, Options};
use serde_json::{Map, Number, Value};

use crate::args::type_name;
use crate::{cells, dates};

/// The nesting limit of the core's JSON parser (serde_json), applied to Python input too.
const MAX_DEPTH: usize = 128;

/// One demande read from Python, ready to be validated without the GIL.
pub(crate) enum Input<'a> {
    /// A `dict`, converted.
    Value(Value),
    /// A row: column names and cells.
    Row(Vec<(String, Option<String>)>),
    /// A `str` of JSON (borrowed from the `str` object unless it had lone surrogates).
    Text(Cow<'a, str>),
    /// `bytes` of JSON (borrowed).
    Bytes(&'a [u8]),
}

impl Input<'_> {
    /// Reads `demande` (`dict`, `str` or `bytes`); `what` names it in errors.
    pub(crate) fn read<'a>(demande: &'a Bound<'_, PyAny>, what: &str) -> PyResult<Input<'a>> {
        if let Ok(dict) = demande.cast::<PyDict>() {
            let mut place = Place::new(what, None);
            if is_row(dict) {
                let mut row = Vec::with_capacity(dict.len());
                row_cells(dict, &mut place, |name, cell| {
                    row.push((name.to_owned(), cell.map(str::to_owned)));
                })?;
                return Ok(Input::Row(row));
            }
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

    /// The JSON text of the demande (a `dict` written compactly), as the lifecycle reads
    /// it: its errors' positions are in that text. A row (a `dict` with dotted keys) is a
    /// `ValueError` naming `what`: the lifecycle keeps a demande as its JSON objects.
    pub(crate) fn json(&self, what: &str) -> PyResult<Cow<'_, [u8]>> {
        Ok(match self {
            // A JSON value always serializes: its keys are strings.
            Input::Value(v) => Cow::Owned(serde_json::to_vec(v).unwrap_or_default()),
            Input::Row(_) => {
                return Err(PyValueError::new_err(format!(
                    "{what} is a row (a dict with dotted keys, which validate() takes): the lifecycle keeps a demande as JSON objects ({{\"etat_civil\": {{\"nom_naissance\": ...}}}})"
                )));
            }
            Input::Text(t) => Cow::Borrowed(t.as_bytes()),
            Input::Bytes(b) => Cow::Borrowed(b),
        })
    }

    /// The core's report (no Python here: called detached).
    pub(super) fn validate(&self, options: &Options) -> core::Report {
        match self {
            Input::Value(v) => core::validate_value(v, options),
            Input::Row(row) => core::validate_row(row.iter().map(|(n, c)| (n.as_str(), c.as_deref())), options),
            Input::Text(t) => core::validate_json(t.as_bytes(), options),
            Input::Bytes(b) => core::validate_json(b, options),
        }
    }
}

/// Reads the next demandes of `iter` into `batch` until it is full, the first being
/// `demandes[base]`: a `dict` converted into the JSON value the batch's slot holds (a row
/// into its row), a `str` or `bytes` as JSON text. An item of another type is a `TypeError`
/// naming its index.
pub(super) fn fill<'py>(batch: &mut Batch, iter: &Bound<'py, PyIterator>, base: usize) -> PyResult<()> {
    let mut place = Place::new("demandes", None);
    for item in iter.clone() {
        let item = item?;
        let index = base + batch.len();
        if let Ok(dict) = item.cast::<PyDict>() {
            place.index = Some(index);
            place.parts.clear();
            if is_row(dict) {
                let row = batch.push_row();
                row_cells(dict, &mut place, |name, cell| row.push(name, cell))?;
            } else {
                dict_into(dict, batch.push_value(), &mut place)?;
            }
        } else if let Ok(s) = item.cast::<PyString>() {
            batch.push_json(s.to_string_lossy().as_bytes());
        } else if let Ok(b) = item.cast::<PyBytes>() {
            batch.push_json(b.as_bytes());
        } else {
            return Err(not_a_demande(&item, &format!("demandes[{index}]")));
        }
        if batch.is_full() {
            break;
        }
    }
    Ok(())
}

/// The `TypeError` of a demande that is not a `dict`, `str` or `bytes`.
pub(super) fn not_a_demande(demande: &Bound<'_, PyAny>, what: &str) -> PyErr {
    PyTypeError::new_err(format!("{what} must be dict, str or bytes, not {}", type_name(demande)))
}

/// Whether `dict` is a row: one of its keys is a `str` holding a `.`, and no other key holds a
/// `dict` (a demande's JSON objects with one dotted key is a demande, whose unknown key is a
/// finding; a `dict` or a `list` under a dotted key is a row's bad cell).
fn is_row(dict: &Bound<'_, PyDict>) -> bool {
    let dotted = |k: &Bound<'_, PyAny>| k.cast::<PyString>().is_ok_and(|k| k.to_string_lossy().contains('.'));
    dict.keys().iter().any(|k| dotted(&k)) && !dict.iter().any(|(k, v)| !dotted(&k) && v.is_instance_of::<PyDict>())
}

/// Gives each cell of a row to `push` with its column name, in order. A key that is not a
/// `str` or a value that is no cell is a `TypeError` naming the place.
fn row_cells<'py>(
    dict: &Bound<'py, PyDict>,
    place: &mut Place<'_, 'py>,
    mut push: impl FnMut(&str, Option<&str>),
) -> PyResult<()> {
    for (key, value) in dict.iter() {
        let key = place.str_key(key)?;
        place.parts.push(Part::Key(key.clone()));
        let cell = cells::cell(&value, || place.render())?;
        push(&key.to_string_lossy(), cell.as_deref());
        place.parts.pop();
    }
    Ok(())
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

impl<'a, 'py> Place<'a, 'py> {
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

    /// A key of the `dict` here, which must be a `str` (else a `TypeError` naming the place).
    fn str_key(&self, key: Bound<'py, PyAny>) -> PyResult<Bound<'py, PyString>> {
        key.cast_into::<PyString>().map_err(|e| {
            PyTypeError::new_err(format!(
                "{}: keys must be str, not {}",
                self.render(),
                type_name(e.into_inner().as_any())
            ))
        })
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
        let key = place.str_key(key)?;
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
    if let Some(iso) = dates::iso_text(obj)? {
        return Ok(Value::String(iso));
    }
    let native = cells::native(obj)?;
    if !native.is(obj) {
        // A NumPy scalar, as its Python value.
        return scalar(&native, place);
    }
    Err(PyTypeError::new_err(format!(
        "{}: {} is not JSON-serializable (dict, list, tuple, str, int, float, bool, None or datetime.date)",
        place.render(),
        type_name(obj)
    )))
}
