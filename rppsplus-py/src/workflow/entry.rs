//! `HistoryEntry`: one event of a demande's history (the core's `Entry`).

use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use rppsplus_core::demande::Actor;
use rppsplus_core::ids::Rpps;
use rppsplus_core::workflow::{Entry, Event, Status};

use super::py_json;
use crate::dates;
use crate::errors::PyRppsErr;
use crate::names::{Name, name};

/// One event of a demande's history: ``event``, ``actor``, the statut before (``from_``;
/// ``None`` for the creation) and after (``to``; ``None`` once discarded by ``annuler``),
/// ``at`` (an aware ``datetime`` in UTC), the ``motif`` given and the ``rpps`` number
/// ``accepter`` assigned to a primo enregistrement.
///
/// ``to_dict()`` gives the JSON's shape (``{"event", "actor", "from", "to", "at", "motif"?,
/// "rpps"?}``, ``at`` as RFC 3339 text). Compares by value and pickles; the constructor
/// rebuilds an entry from its fields (it checks their names, not that the step is a row of
/// the table: a demande's history is checked when it is loaded).
#[pyclass(frozen, eq, module = "rppsplus._rppsplus")]
#[derive(PartialEq)]
pub(crate) struct HistoryEntry(pub(super) Entry);

impl HistoryEntry {
    /// `at` as the history's JSON writes it (RFC 3339 in UTC, the fraction of a second it
    /// has): what rebuilds the entry without losing the nanoseconds a `datetime` cannot hold.
    fn at_text(&self) -> String {
        self.0.at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    }
}

#[pymethods]
impl HistoryEntry {
    #[new]
    #[pyo3(signature = (event, actor, from_, to, at, motif = None, rpps = None))]
    fn new(
        event: Name<Event>,
        actor: Name<Actor>,
        from_: Option<Name<Status>>,
        to: Option<Name<Status>>,
        at: &Bound<'_, PyAny>,
        motif: Option<String>,
        rpps: Option<&str>,
    ) -> PyResult<Self> {
        Ok(Self(Entry {
            event: event.0,
            actor: actor.0,
            from: from_.map(|s| s.0),
            to: to.map(|s| s.0),
            at: dates::utc_datetime(at, "HistoryEntry() argument 'at'")?,
            motif,
            rpps: rpps.map(Rpps::parse).transpose().map_err(PyRppsErr)?,
        }))
    }

    /// The arguments that rebuild the entry (``pickle``, ``copy``; ``at`` as RFC 3339 text,
    /// to the nanosecond).
    fn __getnewargs__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(
            py,
            [
                self.event(py).into_any(),
                self.actor(py).into_any(),
                self.from_(py).into_pyobject(py)?,
                self.to(py).into_pyobject(py)?,
                PyString::new(py, &self.at_text()).into_any(),
                self.0.motif.as_deref().into_pyobject(py)?,
                self.rpps().into_pyobject(py)?,
            ],
        )
    }

    /// The event (one of ``EVENTS``).
    #[getter]
    fn event<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        name(py, self.0.event)
    }

    /// Who sent it (one of ``ACTORS``).
    #[getter]
    fn actor<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        name(py, self.0.actor)
    }

    /// The statut before (one of ``STATUSES``); ``None`` for the event that created the
    /// demande.
    #[getter]
    fn from_<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.0.from.map(|s| name(py, s))
    }

    /// The statut after; ``None`` once ``annuler`` discarded the demande.
    #[getter]
    fn to<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.0.to.map(|s| name(py, s))
    }

    /// When it was applied: an aware ``datetime`` in UTC (to the microsecond; ``to_dict()``
    /// and the JSON keep the clock's full precision).
    #[getter]
    fn at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dates::py_utc_datetime(py, self.0.at)
    }

    /// The motif given with the event, if any.
    #[getter]
    fn motif(&self) -> Option<&str> {
        self.0.motif.as_deref()
    }

    /// The RPPS number ``accepter`` assigned to a primo enregistrement, if any.
    #[getter]
    fn rpps(&self) -> Option<&str> {
        self.0.rpps.as_ref().map(Rpps::as_str)
    }

    /// The entry as its JSON's ``dict``: ``{"event", "actor", "from", "to", "at", "motif"?,
    /// "rpps"?}`` (``at`` RFC 3339 text in UTC).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_json(py, serde_json::to_string(&self.0))
    }

    fn __repr__(&self) -> String {
        let or_none = |s: Option<Status>| s.map_or_else(|| "None".to_owned(), |s| format!("'{s}'"));
        format!(
            "HistoryEntry(event='{}', actor='{}', from_={}, to={}, at='{}')",
            self.0.event,
            self.0.actor,
            or_none(self.0.from),
            or_none(self.0.to),
            self.at_text()
        )
    }
}
