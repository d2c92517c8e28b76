//! The lifecycle of a demande (`rppsplus.workflow`, docs/lifecycle.md): `Demande` (one per
//! event method), `Registry` (in memory or on a journal), `HistoryEntry`.
//!
//! Everything is the core's (`rppsplus_core::workflow`): the table, the guards, the
//! history, the dossier, the journal, the names and the errors. This module reads the
//! arguments (`Sent`), runs the core with the GIL released and hands its answers to Python.

/// The `#[pymethods]` of a class with its event methods, one per event of the lists that
/// follow the other methods (pyo3 takes one `#[pymethods]` block per class, so they go in
/// together). `tests/test_workflow.py` holds the names against the core's `EVENTS`.
///
/// - `moves { doc fn name = Event; }`: methods sending the event to the demande
///   (`self.send`), `(demande=None, /, *, actor=None, motif=None, rpps=None, at=None)`: every
///   event takes the same arguments, and the core refuses what an event does not carry;
/// - `statics { … }`: static methods creating a demande on its own (`Self::created`),
///   `(demande, /, *, actor=None, motif=None, at=None)`;
/// - `creations { … }`: methods creating a demande in the registry (`self.create`), as
///   `statics`.
macro_rules! pymethods_with_events {
    (
        impl $ty:ident { $($methods:tt)* }
        $(moves { $( $(#[doc = $mdoc:literal])+ fn $move:ident = $mevent:ident; )+ })?
        $(statics { $( $(#[doc = $sdoc:literal])+ fn $static:ident = $sevent:ident; )+ })?
        $(creations { $( $(#[doc = $cdoc:literal])+ fn $create:ident = $cevent:ident; )+ })?
    ) => {
        #[pymethods]
        impl $ty {
            $($methods)*

            $($(
                $(#[doc = $mdoc])+
                #[pyo3(signature = (demande = None, /, *, actor = None, motif = None, rpps = None, at = None))]
                fn $move(
                    &self,
                    py: Python<'_>,
                    demande: Option<&Bound<'_, PyAny>>,
                    actor: Option<$crate::names::Name<rppsplus_core::demande::Actor>>,
                    motif: Option<&Bound<'_, PyAny>>,
                    rpps: Option<&Bound<'_, PyAny>>,
                    at: Option<&Bound<'_, PyAny>>,
                ) -> PyResult<$crate::workflow::HistoryEntry> {
                    let sent = $crate::workflow::Sent { actor: actor.map(|a| a.0), motif, rpps, demande, at };
                    let event = rppsplus_core::workflow::Event::$mevent;
                    self.send(py, event, &sent, concat!(stringify!($ty), ".", stringify!($move)))
                }
            )+)?

            $($(
                $(#[doc = $sdoc])+
                #[staticmethod]
                #[pyo3(signature = (demande, /, *, actor = None, motif = None, at = None))]
                fn $static(
                    py: Python<'_>,
                    demande: &Bound<'_, PyAny>,
                    actor: Option<$crate::names::Name<rppsplus_core::demande::Actor>>,
                    motif: Option<&Bound<'_, PyAny>>,
                    at: Option<&Bound<'_, PyAny>>,
                ) -> PyResult<Self> {
                    let sent = $crate::workflow::Sent {
                        actor: actor.map(|a| a.0), motif, rpps: None, demande: Some(demande), at,
                    };
                    let event = rppsplus_core::workflow::Event::$sevent;
                    Self::created(py, event, &sent, concat!(stringify!($ty), ".", stringify!($static)))
                }
            )+)?

            $($(
                $(#[doc = $cdoc])+
                #[pyo3(signature = (demande, /, *, actor = None, motif = None, at = None))]
                fn $create(
                    &self,
                    py: Python<'_>,
                    demande: &Bound<'_, PyAny>,
                    actor: Option<$crate::names::Name<rppsplus_core::demande::Actor>>,
                    motif: Option<&Bound<'_, PyAny>>,
                    at: Option<&Bound<'_, PyAny>>,
                ) -> PyResult<$crate::workflow::Demande> {
                    let sent = $crate::workflow::Sent {
                        actor: actor.map(|a| a.0), motif, rpps: None, demande: Some(demande), at,
                    };
                    let event = rppsplus_core::workflow::Event::$cevent;
                    self.create(py, event, &sent, concat!(stringify!($ty), ".", stringify!($create)))
                }
            )+)?
        }
    };
}

mod demande;
mod entry;
mod registry;

use chrono::{DateTime, Utc};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use rppsplus_core::demande::Actor;
use rppsplus_core::workflow::{Command, Event, Status, sender};

pub(crate) use demande::Demande;
pub(crate) use entry::HistoryEntry;
pub(crate) use registry::Registry;

use crate::args::text;
use crate::dates;
use crate::demande::convert::Input;
use crate::errors::PyWorkflowErr;

/// What an event method was given (`None`: not given).
struct Sent<'a, 'py> {
    actor: Option<Actor>,
    motif: Option<&'a Bound<'py, PyAny>>,
    rpps: Option<&'a Bound<'py, PyAny>>,
    demande: Option<&'a Bound<'py, PyAny>>,
    at: Option<&'a Bound<'py, PyAny>>,
}

impl Sent<'_, '_> {
    /// The core's command of `event` sent to a demande in `from` (`None`: creating one), and
    /// its time (`None`: the clock's). The actor not given is the one the table gives
    /// (`workflow::sender`); `method` names the method in argument errors.
    fn command(&self, event: Event, from: Option<Status>, method: &str) -> PyResult<(Command, Option<DateTime<Utc>>)> {
        let what = |argument: &str| format!("{method}() argument '{argument}'");
        let motif = self.motif.map(|m| text(m, &what("motif"))).transpose()?;
        let rpps = self.rpps.map(|r| text(r, &what("rpps"))).transpose()?;
        let actor = self.actor.unwrap_or_else(|| sender(event, from));
        let mut command =
            Command::parse(event.as_str(), actor.as_str(), motif.as_deref(), rpps.as_deref()).map_err(PyWorkflowErr)?;
        if let Some(demande) = self.demande {
            let what = what("demande");
            let input = Input::read(demande, &what)?;
            command = command.with_demande_json(&input.json(&what)?).map_err(PyWorkflowErr)?;
        }
        let at = self.at.map(|at| dates::utc_datetime(at, &what("at"))).transpose()?;
        Ok((command, at))
    }
}

/// A core value's JSON (`serde_json::to_string` of it) as Python's `json.loads` reads it: a
/// `dict` of the documented shape.
fn py_json(py: Python<'_>, json: serde_json::Result<String>) -> PyResult<Bound<'_, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let loads = LOADS.get_or_try_init(py, || Ok::<_, PyErr>(py.import("json")?.getattr("loads")?.unbind()))?;
    // The core's types always serialize (string keys, no custom failure).
    loads.bind(py).call1((json.unwrap_or_default(),))
}
