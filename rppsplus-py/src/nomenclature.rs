//! The nomenclatures (ANS NOS tables, value sets, INSEE communes) for the Python package
//! module `rppsplus.nomenclature`.
//!
//! The native functions are named `nomenclature_<name>` in `rppsplus._rppsplus` (`check` is
//! already the batch identifier check there); `python/rppsplus/nomenclature.py` re-exports
//! them under their short names. Every object wraps `'static` data of the core (frozen,
//! `Sync`); every rule (dispatch of names, search, ranking, validity at a date) is the
//! core's. The name `commune`, which is not a code system of the core but which
//! `nomenclature::lookup` takes, is routed to `nomenclature::commune` as the core and the C
//! face do.

use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};
use rppsplus_core::ids::InseeCommuneCode;
use rppsplus_core::nomenclature::commune::{self, Resolution};
use rppsplus_core::nomenclature::{self as core};

use crate::args::text;
use crate::dates;
use crate::errors::{PyCodeErr, PyNomenclatureErr, PyRppsErr};

// --- argument and value conversions ------------------------------------------------------

/// A `datetime.date` value.
fn py_date(py: Python<'_>, date: Option<NaiveDate>) -> PyResult<Option<Bound<'_, PyAny>>> {
    date.map(|d| dates::py_date(py, d)).transpose()
}

/// The `limit` keyword (an `int`; pyo3 raises `TypeError` for anything else and
/// `OverflowError` beyond the platform's size): negative is a `ValueError`.
fn limit_arg(limit: isize, what: &str) -> PyResult<usize> {
    usize::try_from(limit).map_err(|_| PyValueError::new_err(format!("{what} 'limit' must be >= 0")))
}

/// A tuple of `str`.
fn strings<'py>(py: Python<'py>, items: impl IntoIterator<Item = &'static str>) -> PyResult<Bound<'py, PyTuple>> {
    PyTuple::new(py, items.into_iter().collect::<Vec<_>>())
}

/// The Python `repr` of a string (quotes and escapes as Python prints them).
fn quoted(py: Python<'_>, s: &str) -> PyResult<String> {
    Ok(PyString::new(py, s).repr()?.to_string())
}

/// Identity of `'static` core data: equal when the same entry of the same table.
macro_rules! by_address {
    ($name:ident) => {
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                std::ptr::eq(self.0, other.0)
            }
        }
        impl Eq for $name {}
        impl Hash for $name {
            fn hash<H: Hasher>(&self, state: &mut H) {
                std::ptr::hash(self.0, state);
            }
        }
    };
}

// --- Code ------------------------------------------------------------------------------

/// One code of a nomenclature table, ended or not: ``code``, ``label``, ``short_label``,
/// ``status`` (``"active"`` or ``"deprecated"`` in the current version of the table),
/// ``date_valid`` and ``date_fin`` (``datetime.date`` or ``None``) and ``replaced_by``.
/// Two ``Code`` objects are equal when they are the same entry of the same table.
#[pyclass(frozen, eq, hash, module = "rppsplus._rppsplus")]
pub(crate) struct Code(pub(crate) &'static core::Code);

by_address!(Code);

#[pymethods]
impl Code {
    /// The code (``"326"``, ``"MME"``, ``"99100"``).
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code()
    }

    /// The label.
    #[getter]
    fn label(&self) -> &'static str {
        self.0.label()
    }

    /// The short label, where the source gives one.
    #[getter]
    fn short_label(&self) -> Option<&'static str> {
        self.0.short_label()
    }

    /// ``"active"`` or ``"deprecated"``: the status in the current version of the table.
    #[getter]
    fn status(&self) -> &'static str {
        self.0.status().as_str()
    }

    /// The date the code came into force, where the source gives one.
    #[getter]
    fn date_valid<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        py_date(py, self.0.date_valid())
    }

    /// The date the code ended, where it has.
    #[getter]
    fn date_fin<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        py_date(py, self.0.date_fin())
    }

    /// The codes to use instead of this ended one, where the source names them.
    #[getter]
    fn replaced_by<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        strings(py, self.0.replaced_by().iter().copied())
    }

    /// Whether the code is in force on ``at`` (started and not ended): a ``datetime.date``
    /// or an ISO date ``"YYYY-MM-DD"``.
    fn is_valid_at(&self, at: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.is_valid_at(dates::date(at, "Code.is_valid_at() argument")?))
    }

    /// Whether the code has ended on ``at`` (a ``datetime.date`` or ``"YYYY-MM-DD"``).
    fn is_ended_at(&self, at: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.is_ended_at(dates::date(at, "Code.is_ended_at() argument")?))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Code({}, {})",
            quoted(py, self.0.code())?,
            quoted(py, self.0.label())?
        ))
    }
}

// --- Commune ---------------------------------------------------------------------------

/// An entry of the INSEE COG: a commune, a commune déléguée or associée, or a municipal
/// arrondissement.
#[pyclass(frozen, eq, hash, module = "rppsplus._rppsplus")]
#[derive(PartialEq, Eq, Hash)]
pub(crate) struct Commune(pub(crate) commune::Commune);

#[pymethods]
impl Commune {
    /// The current INSEE code.
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code()
    }

    /// The official name.
    #[getter]
    fn name(&self) -> &'static str {
        self.0.name()
    }

    /// ``"commune-actuelle"``, ``"commune-deleguee"``, ``"commune-associee"`` or
    /// ``"arrondissement-municipal"``.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind().as_str()
    }

    /// The département code (``"13"``, ``"2A"``, ``"971"``).
    #[getter]
    fn departement(&self) -> &'static str {
        self.0.departement()
    }

    /// The commune an arrondissement, a commune déléguée or associée belongs to.
    #[getter]
    fn parent(&self) -> Option<Commune> {
        self.0.parent().map(Commune)
    }

    /// The codes the commune had before (``("20004",)`` for Ajaccio).
    #[getter]
    fn old_codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        strings(py, self.0.old_codes())
    }

    /// The postal codes of the commune (not commune codes).
    #[getter]
    fn postal_codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        strings(py, self.0.postal_codes())
    }

    /// The municipal population (0 where the COG gives none).
    #[getter]
    fn population(&self) -> u32 {
        self.0.population()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Commune({}, {})",
            quoted(py, self.0.code())?,
            quoted(py, self.0.name())?
        ))
    }
}

/// How ``resolve_commune()`` (or ``InseeCommune.resolve()``) resolved a code: the current
/// ``commune``; ``from_old_code`` when the input was an old code of it (``20004`` →
/// ``2A004``); ``also_postal_code_of``, the other communes whose postal code the input also
/// is (``13003`` is Alleins and the postal code of Marseille 3e), worth a warning.
#[pyclass(frozen, eq, module = "rppsplus._rppsplus")]
#[derive(PartialEq)]
pub(crate) struct CommuneResolution(pub(crate) Resolution);

#[pymethods]
impl CommuneResolution {
    /// The current entry.
    #[getter]
    fn commune(&self) -> Commune {
        Commune(self.0.commune)
    }

    /// Whether the input was an old code of the commune.
    #[getter(from_old_code)]
    fn is_from_old_code(&self) -> bool {
        self.0.from_old_code
    }

    /// The other communes whose postal code the input also is, largest first.
    #[getter]
    fn also_postal_code_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.0.also_postal_code_of.communes().into_iter().map(Commune))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "CommuneResolution(commune={}, from_old_code={})",
            Commune(self.0.commune).__repr__(py)?,
            if self.0.from_old_code { "True" } else { "False" }
        ))
    }
}

/// Resolves a commune code: a current code, or an old one (``20004`` → Ajaccio). A postal
/// code (``75015``) or a code no commune has raises ``UnknownCode`` (whose message names the
/// communes a postal code serves); a malformed code ``InvalidFormat``/``InvalidLength``.
#[pyfunction]
pub(crate) fn resolve_commune(code: &Bound<'_, PyAny>) -> PyResult<CommuneResolution> {
    let code = text(code, "resolve_commune() argument")?;
    let code = InseeCommuneCode::parse(&code).map_err(PyRppsErr)?;
    Ok(CommuneResolution(code.resolve().map_err(PyRppsErr)?))
}

// --- iteration -------------------------------------------------------------------------

/// What an iterator walks.
enum Source {
    /// A table's codes.
    Codes(&'static [core::Code]),
    /// A value set version's members.
    Members(&'static [&'static core::Code]),
    /// Collected when the iterator is made: 2 bytes an entry.
    Communes(Vec<commune::Commune>),
}

/// An iterator over the codes of a ``Table`` or ``ValueSet`` or the entries of ``Communes``
/// (frozen: the position is atomic, so that it is safe to share between threads).
#[pyclass(frozen, module = "rppsplus._rppsplus")]
pub(crate) struct EntryIterator {
    source: Source,
    next: AtomicUsize,
}

impl EntryIterator {
    fn new(source: Source) -> Self {
        Self {
            source,
            next: AtomicUsize::new(0),
        }
    }
}

#[pymethods]
impl EntryIterator {
    fn __iter__(slf: Bound<'_, Self>) -> Bound<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        match &self.source {
            Source::Codes(codes) => codes
                .get(i)
                .map(|c| Ok(Bound::new(py, Code(c))?.into_any()))
                .transpose(),
            Source::Members(codes) => codes
                .get(i)
                .map(|c| Ok(Bound::new(py, Code(c))?.into_any()))
                .transpose(),
            Source::Communes(all) => all
                .get(i)
                .map(|c| Ok(Bound::new(py, Commune(*c))?.into_any()))
                .transpose(),
        }
    }
}

// --- Meta, VersionAt, SetVersion ------------------------------------------------------

/// What a table and a value set both carry (the core's ``Meta``): ``name`` (the NOS name,
/// ``"JDV_J121-RolePriseCharge-ENREG"``), ``short_name`` (the NOS code, ``"JDV_J121"``),
/// ``oid``, ``url``, ``version`` (the embedded version, the latest known,
/// ``"20260505120000"``), ``version_date`` (its ``datetime.date``) and ``description``.
/// Read it as ``Table.meta`` or ``ValueSet.meta``.
#[pyclass(frozen, eq, hash, module = "rppsplus._rppsplus")]
pub(crate) struct Meta(&'static core::Meta);

by_address!(Meta);

#[pymethods]
impl Meta {
    /// The NOS name (``"TRE_R85-RolePriseCharge"``, ``"JDV_J121-RolePriseCharge-ENREG"``).
    #[getter]
    fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The NOS code, the name up to its first ``-`` (``"TRE_R85"``, ``"JDV_J121"``).
    #[getter]
    fn short_name(&self) -> &'static str {
        self.0.short_name()
    }

    /// The OID.
    #[getter]
    fn oid(&self) -> &'static str {
        self.0.oid()
    }

    /// The canonical URL.
    #[getter]
    fn url(&self) -> &'static str {
        self.0.url()
    }

    /// The embedded version (``yyyymmddhhmmss``), the latest known.
    #[getter]
    fn version(&self) -> &'static str {
        self.0.version()
    }

    /// The date of the embedded version.
    #[getter]
    fn version_date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dates::py_date(py, self.0.version_date())
    }

    /// What the table or value set holds.
    #[getter]
    fn description(&self) -> &'static str {
        self.0.description()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Meta({}, version={})",
            quoted(py, self.0.name())?,
            quoted(py, self.0.version())?
        ))
    }
}

/// Which version of a table or value set was in force at a date (the core's
/// ``VersionAt``), from ``version_at()``: ``name`` (the NOS name), ``version``, ``date`` (from
/// which it was in force) and ``earliest_stands_in`` (the date asked is before every version
/// known: the earliest known stands in for the one then in force, which the sources do not
/// give). Equal when every field is.
#[pyclass(frozen, eq, module = "rppsplus._rppsplus")]
#[derive(PartialEq)]
pub(crate) struct VersionAt(core::VersionAt);

#[pymethods]
impl VersionAt {
    /// The NOS name of the table or value set.
    #[getter]
    fn name(&self) -> &'static str {
        self.0.name
    }

    /// The version id (``"20241025120000"``).
    #[getter]
    fn version(&self) -> &'static str {
        self.0.version
    }

    /// The date from which the version was in force.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dates::py_date(py, self.0.date)
    }

    /// Whether the earliest known version stands in for an earlier one the sources do not
    /// give.
    #[getter]
    fn earliest_stands_in(&self) -> bool {
        self.0.earliest_stands_in
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "VersionAt({}, version={}, date={}, earliest_stands_in={})",
            quoted(py, self.0.name)?,
            quoted(py, self.0.version)?,
            self.0.date,
            if self.0.earliest_stands_in { "True" } else { "False" }
        ))
    }
}

/// One version of a value set (the core's ``SetVersion``): ``version``, ``date`` (from which
/// it is in force) and its members, ``codes`` (``Code`` objects, in the source's order);
/// ``len()``, ``in`` (a code ``str``) and iteration give the members.
#[pyclass(frozen, eq, hash, module = "rppsplus._rppsplus")]
pub(crate) struct SetVersion(&'static core::SetVersion);

by_address!(SetVersion);

#[pymethods]
impl SetVersion {
    /// The version id (``"20250425120000"``).
    #[getter]
    fn version(&self) -> &'static str {
        self.0.version()
    }

    /// The date from which the version is in force.
    #[getter]
    fn date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dates::py_date(py, self.0.date())
    }

    /// The members, in the source's order.
    #[getter]
    fn codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.0.codes().iter().map(|c| Code(c)))
    }

    fn __len__(&self) -> usize {
        self.0.codes().len()
    }

    fn __iter__(&self) -> EntryIterator {
        EntryIterator::new(Source::Members(self.0.codes()))
    }

    fn __contains__(&self, code: &Bound<'_, PyAny>) -> bool {
        code.cast::<PyString>()
            .is_ok_and(|s| self.0.contains(&s.to_string_lossy()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "SetVersion({}, {} codes)",
            quoted(py, self.0.version())?,
            self.0.codes().len()
        ))
    }
}

/// A list of ``Code`` objects.
fn code_list<'py>(
    py: Python<'py>,
    codes: impl IntoIterator<Item = &'static core::Code>,
) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, codes.into_iter().map(Code))
}

// --- Table, ValueSet, Communes ---------------------------------------------------------

/// A nomenclature code system (a TRE table of the ANS NOS, or the INSEE country list):
/// a read-only mapping of its codes, ended ones included, in the source's order. Its name,
/// OID, URL and version are ``meta``; the codes a form offers at a date are
/// ``rppsplus.nomenclature.list()``.
#[pyclass(frozen, eq, hash, module = "rppsplus._rppsplus")]
pub(crate) struct Table(pub(crate) &'static core::Table);

by_address!(Table);

#[pymethods]
impl Table {
    /// Name, short name, OID, URL, version and its date, description.
    #[getter]
    fn meta(&self) -> Meta {
        Meta(self.0.meta())
    }

    /// Whether only part of the source table is embedded.
    #[getter]
    fn partial(&self) -> bool {
        self.0.is_partial()
    }

    /// The code ``code`` (exact spelling), ended or not, else ``None``.
    fn get(&self, code: &Bound<'_, PyAny>) -> PyResult<Option<Code>> {
        let code = text(code, "Table.get() argument")?;
        Ok(self.0.get(&code).map(Code))
    }

    /// The codes whose code, label or short label matches ``query`` (accents, case and
    /// punctuation ignored), best first; ``[]`` for an empty or over-long query or
    /// ``limit=0``.
    #[pyo3(signature = (query, limit = 10))]
    fn search<'py>(&self, py: Python<'py>, query: &Bound<'py, PyAny>, limit: isize) -> PyResult<Bound<'py, PyList>> {
        let query = text(query, "Table.search() argument 'query'")?;
        let limit = limit_arg(limit, "Table.search() argument")?;
        code_list(py, self.0.search(&query, limit))
    }

    /// The codes in force on ``at`` (a ``datetime.date`` or ``"YYYY-MM-DD"``: started and not
    /// ended), in the source's order.
    fn in_force_at<'py>(&self, py: Python<'py>, at: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let at = dates::date(at, "Table.in_force_at() argument")?;
        code_list(py, self.0.in_force_at(at))
    }

    /// The version in force on ``at`` (a ``datetime.date`` or ``"YYYY-MM-DD"``): only the
    /// embedded version of a table is known, with ``earliest_stands_in`` when ``at`` is before
    /// its date.
    fn version_at(&self, at: &Bound<'_, PyAny>) -> PyResult<VersionAt> {
        let at = dates::date(at, "Table.version_at() argument")?;
        Ok(VersionAt(self.0.version_at(at)))
    }

    fn __len__(&self) -> usize {
        self.0.codes().len()
    }

    fn __iter__(&self) -> EntryIterator {
        EntryIterator::new(Source::Codes(self.0.codes()))
    }

    fn __contains__(&self, code: &Bound<'_, PyAny>) -> bool {
        code.cast::<PyString>()
            .is_ok_and(|s| self.0.get(&s.to_string_lossy()).is_some())
    }

    fn __getitem__(&self, code: &Bound<'_, PyAny>) -> PyResult<Code> {
        let text = text(code, "Table key")?;
        self.0
            .get(&text)
            .map(Code)
            .ok_or_else(|| PyKeyError::new_err(code.clone().unbind()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("Table({})", quoted(py, self.0.meta().name())?))
    }
}

/// A value set (JDV): the codes of a code system that a field of the portal offers, with
/// every version of it the sources give. ``len()``, ``in`` and iteration are the members of
/// the latest version (``latest``); at a date, the set offers the members of the version
/// then in force (``members_at``) that are in force themselves (``offered_at``, what
/// ``rppsplus.nomenclature.list()`` gives for a form).
#[pyclass(frozen, eq, hash, module = "rppsplus._rppsplus")]
pub(crate) struct ValueSet(pub(crate) &'static core::ValueSet);

by_address!(ValueSet);

#[pymethods]
impl ValueSet {
    /// Name, short name, OID, URL, version (the latest known) and its date, description.
    #[getter]
    fn meta(&self) -> Meta {
        Meta(self.0.meta())
    }

    /// The code system the codes come from.
    #[getter]
    fn system(&self) -> Table {
        Table(self.0.system())
    }

    /// Every version known, oldest first (the last is ``latest``).
    #[getter]
    fn versions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.0.versions().map(SetVersion).collect::<Vec<_>>())
    }

    /// The latest version known (the embedded one).
    #[getter]
    fn latest(&self) -> SetVersion {
        SetVersion(self.0.latest())
    }

    /// The version in force on ``at`` (a ``datetime.date`` or ``"YYYY-MM-DD"``): the latest
    /// dated on or before ``at``, or the earliest known before every version.
    fn members_at(&self, at: &Bound<'_, PyAny>) -> PyResult<SetVersion> {
        let at = dates::date(at, "ValueSet.members_at() argument")?;
        Ok(SetVersion(self.0.members_at(at)))
    }

    /// The codes the set offers on ``at`` (a ``datetime.date`` or ``"YYYY-MM-DD"``), in the
    /// source's order: the members of the version then in force that are in force themselves.
    fn offered_at<'py>(&self, py: Python<'py>, at: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
        let at = dates::date(at, "ValueSet.offered_at() argument")?;
        code_list(py, self.0.offered_at(at))
    }

    /// Which version was in force on ``at`` (a ``datetime.date`` or ``"YYYY-MM-DD"``), and
    /// whether the earliest known stands in for it.
    fn version_at(&self, at: &Bound<'_, PyAny>) -> PyResult<VersionAt> {
        let at = dates::date(at, "ValueSet.version_at() argument")?;
        Ok(VersionAt(self.0.version_at(at)))
    }

    /// The set's display label for ``code`` (a ``Code`` or a code ``str``) where it differs
    /// from the code system's label (JDV_J256: ``"France"`` for ``"99100"``), else ``None``.
    fn display(&self, code: &Bound<'_, PyAny>) -> PyResult<Option<&'static str>> {
        if let Ok(code) = code.cast::<Code>() {
            return Ok(self.0.display(code.get().0));
        }
        let code = text(code, "ValueSet.display() argument")?;
        Ok(self.0.get(&code).and_then(|c| self.0.display(c)))
    }

    /// The code ``code`` (exact spelling) of the set's code system, or one the set takes
    /// from outside it (``"01"`` of JDV_J256), member or not, else ``None``.
    fn get(&self, code: &Bound<'_, PyAny>) -> PyResult<Option<Code>> {
        let code = text(code, "ValueSet.get() argument")?;
        Ok(self.0.get(&code).map(Code))
    }

    /// ``Table.search`` over the codes of the set's system and those it takes from outside
    /// it, also matching the set's display labels (``"France"`` finds ``"99100"``).
    #[pyo3(signature = (query, limit = 10))]
    fn search<'py>(&self, py: Python<'py>, query: &Bound<'py, PyAny>, limit: isize) -> PyResult<Bound<'py, PyList>> {
        let query = text(query, "ValueSet.search() argument 'query'")?;
        let limit = limit_arg(limit, "ValueSet.search() argument")?;
        code_list(py, self.0.search(&query, limit))
    }

    /// The code if it may be entered for the field on ``at`` (a ``datetime.date``, an ISO
    /// date ``"YYYY-MM-DD"``, or ``None`` for today in UTC); else raises ``UnknownCode``,
    /// ``CodeDeprecated`` (with ``replaced_by``) or ``CodeNotAllowed``.
    #[pyo3(signature = (code, at = None))]
    fn check(&self, code: &Bound<'_, PyAny>, at: Option<&Bound<'_, PyAny>>) -> PyResult<Code> {
        let code = text(code, "ValueSet.check() argument 'code'")?;
        let at = dates::date_or_today(at, "ValueSet.check() argument 'at'")?;
        Ok(Code(self.0.check(&code, at).map_err(PyCodeErr)?))
    }

    fn __len__(&self) -> usize {
        self.0.latest().codes().len()
    }

    fn __iter__(&self) -> EntryIterator {
        EntryIterator::new(Source::Members(self.0.latest().codes()))
    }

    fn __contains__(&self, code: &Bound<'_, PyAny>) -> bool {
        code.cast::<PyString>()
            .is_ok_and(|s| self.0.latest().contains(&s.to_string_lossy()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("ValueSet({})", quoted(py, self.0.meta().name())?))
    }
}

/// The INSEE communes (COG) as a read-only mapping of current codes to ``Commune``, in
/// code order, with the autocomplete ``search``. Get it with ``communes()``.
#[pyclass(frozen, module = "rppsplus._rppsplus")]
pub(crate) struct Communes;

#[pymethods]
impl Communes {
    /// The entry of a current INSEE code, else ``None`` (see ``resolve`` for old codes).
    fn get(&self, code: &Bound<'_, PyAny>) -> PyResult<Option<Commune>> {
        let code = text(code, "Communes.get() argument")?;
        Ok(commune::get(&code).map(Commune))
    }

    /// Autocomplete by name: accent-, case- and punctuation-insensitive, best first.
    #[pyo3(signature = (query, limit = 10))]
    fn search<'py>(&self, py: Python<'py>, query: &Bound<'py, PyAny>, limit: isize) -> PyResult<Bound<'py, PyList>> {
        search_communes(py, query, limit, "Communes.search() argument")
    }

    /// ``resolve_commune(code)``.
    fn resolve(&self, code: &Bound<'_, PyAny>) -> PyResult<CommuneResolution> {
        resolve_commune(code)
    }

    fn __len__(&self) -> usize {
        commune::all().len()
    }

    fn __iter__(&self) -> EntryIterator {
        EntryIterator::new(Source::Communes(commune::all().collect()))
    }

    fn __contains__(&self, code: &Bound<'_, PyAny>) -> bool {
        code.cast::<PyString>()
            .is_ok_and(|s| commune::get(&s.to_string_lossy()).is_some())
    }

    fn __getitem__(&self, code: &Bound<'_, PyAny>) -> PyResult<Commune> {
        let text = text(code, "Communes key")?;
        commune::get(&text)
            .map(Commune)
            .ok_or_else(|| PyKeyError::new_err(code.clone().unbind()))
    }

    fn __repr__(&self) -> String {
        format!("Communes({} entries)", commune::all().len())
    }
}

fn search_communes<'py>(
    py: Python<'py>,
    query: &Bound<'py, PyAny>,
    limit: isize,
    what: &str,
) -> PyResult<Bound<'py, PyList>> {
    let query = text(query, &format!("{what} 'query'"))?;
    let limit = limit_arg(limit, what)?;
    PyList::new(py, commune::search(&query, limit).into_iter().map(Commune))
}

// --- lookup and list -------------------------------------------------------------------

/// One entry of ``list()`` or ``lookup()`` (the core's ``Entry``): ``code``, ``label`` (a
/// commune's name), ``short_label``, ``display`` (the value set's own label where it differs
/// from ``label``: what a form shows), ``status`` at the reference date, ``date_fin``,
/// ``replaced_by``, ``offered`` (whether the portal offers the code for its field at that
/// date; ``None`` for whole-table fields and communes) and ``commune`` (for the commune
/// table).
#[pyclass(frozen, eq, module = "rppsplus._rppsplus")]
#[derive(PartialEq)]
pub(crate) struct Entry(core::Entry);

#[pymethods]
impl Entry {
    /// The code.
    #[getter]
    fn code(&self) -> &'static str {
        self.0.code
    }

    /// The label (a commune's name).
    #[getter]
    fn label(&self) -> &'static str {
        self.0.label
    }

    /// The short label, where the code system gives one.
    #[getter]
    fn short_label(&self) -> Option<&'static str> {
        self.0.short_label
    }

    /// The value set's display label where it differs from ``label`` (``"France"`` for
    /// ``"99100"`` in ``"pays"``): a form shows ``display or label``.
    #[getter]
    fn display(&self) -> Option<&'static str> {
        self.0.display
    }

    /// ``"active"``, or ``"deprecated"`` when the code has ended by the reference date.
    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.as_str()
    }

    /// The date the code ended, if it has.
    #[getter]
    fn date_fin<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        py_date(py, self.0.date_fin)
    }

    /// What to use instead of an ended code.
    #[getter]
    fn replaced_by<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        strings(py, self.0.replaced_by.iter().copied())
    }

    /// Whether the portal offers the code for its field at the reference date.
    #[getter]
    fn offered(&self) -> Option<bool> {
        self.0.offered
    }

    /// The commune, for the commune table.
    #[getter]
    fn commune(&self) -> Option<Commune> {
        self.0.commune.map(Commune)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Entry(code={}, label={}, status='{}')",
            quoted(py, self.0.code)?,
            quoted(py, self.0.label)?,
            self.0.status.as_str()
        ))
    }
}

/// What ``lookup()`` found: ``entries``, best first, and ``postal_code``, true when the
/// query was a postal code typed as a commune code (the entries are the communes it
/// serves).
#[pyclass(frozen, eq, module = "rppsplus._rppsplus")]
#[derive(PartialEq)]
pub(crate) struct LookupResult(core::Lookup);

#[pymethods]
impl LookupResult {
    /// The entries, best first.
    #[getter]
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.0.entries.iter().copied().map(Entry))
    }

    /// Whether the query was a postal code typed as a commune code.
    #[getter]
    fn postal_code(&self) -> bool {
        self.0.postal_code
    }

    fn __len__(&self) -> usize {
        self.0.entries.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "LookupResult({} entries, postal_code={})",
            self.0.entries.len(),
            if self.0.postal_code { "True" } else { "False" }
        )
    }
}

// --- module functions ------------------------------------------------------------------

/// The code ``code`` of ``table`` (an alias such as ``"profession"``, the NOS name or code
/// of a table or value set), ended or not, or the ``Commune`` of a current INSEE code for
/// ``"commune"``; ``None`` when absent. An unknown table raises ``UnknownTable``.
#[pyfunction]
pub(crate) fn nomenclature_get(
    py: Python<'_>,
    table: &Bound<'_, PyAny>,
    code: &Bound<'_, PyAny>,
) -> PyResult<Option<Py<PyAny>>> {
    let table = text(table, "get() argument 'table'")?;
    let code = text(code, "get() argument 'code'")?;
    if table == core::COMMUNE_TABLE {
        return commune::get(&code)
            .map(|c| Ok(Bound::new(py, Commune(c))?.into_any().unbind()))
            .transpose();
    }
    let field = core::field(&table).map_err(PyNomenclatureErr)?;
    field
        .get(&code)
        .map(|c| Ok(Bound::new(py, Code(c))?.into_any().unbind()))
        .transpose()
}

/// Label search in ``table``, best first: ``Code`` objects whose code, label, short label
/// or display label (``"pays"``: ``"France"``) matches, or ``Commune`` objects for
/// ``"commune"`` (the autocomplete). ``[]`` for an empty or over-long query, or
/// ``limit=0``; a negative ``limit`` raises ``ValueError``.
#[pyfunction]
#[pyo3(signature = (table, query, *, limit = 10))]
pub(crate) fn nomenclature_search<'py>(
    py: Python<'py>,
    table: &Bound<'py, PyAny>,
    query: &Bound<'py, PyAny>,
    limit: isize,
) -> PyResult<Bound<'py, PyList>> {
    let name = text(table, "search() argument 'table'")?;
    if name == core::COMMUNE_TABLE {
        return search_communes(py, query, limit, "search() argument");
    }
    let field = core::field(&name).map_err(PyNomenclatureErr)?;
    let query = text(query, "search() argument 'query'")?;
    let limit = limit_arg(limit, "search() argument")?;
    code_list(py, field.search(&query, limit))
}

/// Looks ``query`` up in ``table`` as the CLI's ``rppsplus lookup``: the entry with that
/// exact code first, else the best ``limit`` label matches, with their status at ``at`` (a
/// ``datetime.date``, an ISO date ``"YYYY-MM-DD"``, or ``None`` for today in UTC). For
/// ``"commune"``, a postal code gives the communes it serves (``postal_code=True``).
#[pyfunction]
#[pyo3(signature = (table, query, *, at = None, limit = 10))]
pub(crate) fn nomenclature_lookup(
    table: &Bound<'_, PyAny>,
    query: &Bound<'_, PyAny>,
    at: Option<&Bound<'_, PyAny>>,
    limit: isize,
) -> PyResult<LookupResult> {
    let table = text(table, "lookup() argument 'table'")?;
    let query = text(query, "lookup() argument 'query'")?;
    let at = dates::date_or_today(at, "lookup() argument 'at'")?;
    let limit = limit_arg(limit, "lookup() argument")?;
    let found = core::lookup(&table, &query, at, limit).map_err(PyNomenclatureErr)?;
    Ok(LookupResult(found))
}

/// Every code ``name`` offers on ``at`` (a ``datetime.date``, an ISO date ``"YYYY-MM-DD"``,
/// or ``None`` for today in UTC), in the source's order, for a form's list: the CLI's
/// ``rppsplus lookup TABLE`` without a query. A portal field alias gives the codes its value
/// set offers then (``"profession"``: JDV_J121 as it stood that day, each code in force), or
/// its table's codes in force when the portal offers the whole table (``"sexe"``); a value
/// set's NOS name or code (``"JDV_J121"``) that set's, a table's (``"TRE_R85"``) its codes in
/// force; ``"commune"`` every commune. Show ``entry.display or entry.label``. An unknown
/// name raises ``UnknownTable``.
#[pyfunction]
#[pyo3(signature = (name, *, at = None))]
pub(crate) fn nomenclature_list<'py>(
    py: Python<'py>,
    name: &Bound<'py, PyAny>,
    at: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let name = text(name, "list() argument 'name'")?;
    let at = dates::date_or_today(at, "list() argument 'at'")?;
    let entries = core::list(&name, at).map_err(PyNomenclatureErr)?;
    PyList::new(py, entries.into_iter().map(Entry))
}

/// What the field ``name`` accepts: the ``ValueSet`` the portal offers for a field alias
/// (``"profession"``: JDV_J121), or its ``Table`` when the portal offers the whole table
/// (``"sexe"``); the value set or table a NOS name or code names (``"JDV_J121"``,
/// ``"TRE_R85"``). Both have ``meta`` and ``version_at()``. An unknown name raises
/// ``UnknownTable``.
#[pyfunction]
pub(crate) fn nomenclature_field(py: Python<'_>, name: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let name = text(name, "field() argument")?;
    Ok(match core::field(&name).map_err(PyNomenclatureErr)? {
        core::Field::ValueSet(set) => Bound::new(py, ValueSet(set))?.into_any().unbind(),
        core::Field::Table(table) => Bound::new(py, Table(table))?.into_any().unbind(),
    })
}

/// The code if it may be entered for ``field`` on ``at`` (a ``datetime.date``, an ISO date
/// ``"YYYY-MM-DD"``, or ``None`` for today in UTC): checked
/// against the value set the portal offers for the field (an alias such as
/// ``"profession"``, or a value set name such as ``"JDV_J121"``), else against the whole
/// table (``"sexe"``, ``"TRE_R85"``). Raises ``UnknownCode``, ``CodeDeprecated`` (with
/// ``replaced_by``), ``CodeNotAllowed`` or ``UnknownTable``.
#[pyfunction]
#[pyo3(signature = (field, code, *, at = None))]
pub(crate) fn nomenclature_check(
    field: &Bound<'_, PyAny>,
    code: &Bound<'_, PyAny>,
    at: Option<&Bound<'_, PyAny>>,
) -> PyResult<Code> {
    let field = text(field, "check() argument 'field'")?;
    let code = text(code, "check() argument 'code'")?;
    let at = dates::date_or_today(at, "check() argument 'at'")?;
    let field = core::field(&field).map_err(PyNomenclatureErr)?;
    Ok(Code(field.check(&code, at).map_err(PyCodeErr)?))
}

/// The code system ``name``: an alias (``"profession"``), a NOS name
/// (``"TRE_R85-RolePriseCharge"``) or code (``"TRE_R85"``). The communes are not a code
/// system: see ``communes()``. An unknown name raises ``UnknownTable``.
#[pyfunction]
pub(crate) fn nomenclature_table(name: &Bound<'_, PyAny>) -> PyResult<Table> {
    let name = text(name, "table() argument")?;
    Ok(Table(core::table(&name).map_err(PyNomenclatureErr)?))
}

/// Every embedded code system.
#[pyfunction]
pub(crate) fn nomenclature_tables(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    PyList::new(py, core::tables().iter().map(Table))
}

/// The value set ``name``: a NOS name (``"JDV_J121-RolePriseCharge-ENREG"``) or code
/// (``"JDV_J121"``), or a portal field alias (``"profession"``) whose field has one.
/// An unknown name raises ``UnknownTable``.
#[pyfunction]
pub(crate) fn nomenclature_value_set(name: &Bound<'_, PyAny>) -> PyResult<ValueSet> {
    let name = text(name, "value_set() argument")?;
    Ok(ValueSet(core::value_set(&name).map_err(PyNomenclatureErr)?))
}

/// Every embedded value set.
#[pyfunction]
pub(crate) fn nomenclature_value_sets(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    PyList::new(py, core::value_sets().iter().map(ValueSet))
}

/// The portal field aliases every function taking a table name accepts besides NOS names,
/// the core's one list (``"commune"`` is the name of ``communes()`` for ``get``, ``search``,
/// ``lookup`` and ``list``).
#[pyfunction]
pub(crate) fn nomenclature_aliases(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    strings(py, core::aliases())
}

/// The INSEE communes (COG): ``len(communes()) == 37590``.
#[pyfunction]
pub(crate) fn communes() -> Communes {
    Communes
}
