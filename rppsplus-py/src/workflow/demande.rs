//! `Demande`: one demande in its lifecycle, on its own (the core's `Tracked`) or one of a
//! registry's (its number in a shared `Registry`), with one method per event.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple};
use rppsplus_core::demande::Actor;
use rppsplus_core::ids::NumeroDemande;
use rppsplus_core::workflow::{Clock, Dossier, Event, Registry as CoreRegistry, SystemClock, Tracked, WorkflowError};

use super::{HistoryEntry, Sent, py_json};
use crate::args::type_name;
use crate::errors::PyWorkflowErr;
use crate::names::{Name, name};

/// Where a `Demande` lives.
enum Source {
    /// On its own.
    Own(Mutex<Tracked>),
    /// In a registry, by its number.
    Bound {
        registry: Arc<CoreRegistry>,
        numero: NumeroDemande,
    },
}

/// A demande in its lifecycle (docs/lifecycle.md): its number, its content and its history,
/// from which its ``status`` follows. One method per event of ``EVENTS``: ``creer()`` and
/// ``envoyer()`` create one on its own (``Registry.creer()`` and ``Registry.envoyer()`` in a
/// registry); ``soumettre()``, ``abandonner()``, ``prendre_en_charge()``, ``valider()``,
/// ``refuser(motif=…)``, ``annuler()``, ``accepter(rpps=…)``, ``refuser_rpps(motif=…)``,
/// ``rejeter(motif=…)`` and ``modifier(demande)`` move it and return the ``HistoryEntry``
/// appended; ``apply(event, …)`` sends any event by name.
///
/// Every event method takes the same arguments, and the core refuses what an event does not
/// carry (``unexpected_argument``): the new content ``demande`` (``modifier``; a ``dict``, or
/// JSON ``str`` or ``bytes``), ``rpps=`` (``accepter``), ``actor=`` (by default the actor the
/// transition table gives the event from the demande's statut: ``modifier`` is the holder's;
/// else the gestionnaire), ``motif=`` (recorded with any event) and ``at=`` (an aware
/// ``datetime`` or RFC 3339 ``str``: the time of the event; by default the system clock's).
/// A refused event raises a ``WorkflowError`` (``TransitionRefused`` with ``allowed``,
/// ``GuardFailed`` with the ``Report``…) and changes nothing.
///
/// A registry's demande (from ``Registry.creer()``, ``Registry.demande()``) reads and moves
/// the registry's: its events are applied there, journal included, and it sees the events
/// other threads apply. A demande on its own pickles (as its JSON); a registry's does not.
/// Its content, état civil and contact included, is the program's data: no ``repr`` shows
/// it.
#[pyclass(frozen, module = "rppsplus._rppsplus")]
pub(crate) struct Demande(Source);

impl Demande {
    /// A registry's demande.
    pub(crate) fn bound(registry: Arc<CoreRegistry>, numero: NumeroDemande) -> Self {
        Self(Source::Bound { registry, numero })
    }

    /// Creates a demande on its own by `event` (`creer`, `envoyer`).
    fn created(py: Python<'_>, event: Event, sent: &Sent<'_, '_>, method: &str) -> PyResult<Self> {
        let (command, at) = sent.command(event, None, method)?;
        let clock: &dyn Clock = at.as_ref().map_or(&SystemClock, |at| at);
        let tracked = py.detach(|| Tracked::create(command, clock)).map_err(PyWorkflowErr)?;
        Ok(Self(Source::Own(Mutex::new(tracked))))
    }

    /// `f` of the demande as it is now.
    fn read<R>(&self, f: impl FnOnce(&Tracked) -> R) -> PyResult<R> {
        match &self.0 {
            Source::Own(tracked) => Ok(f(&lock(tracked))),
            Source::Bound { registry, numero } => registry
                .with_demande(*numero, f)
                .ok_or_else(|| PyWorkflowErr(WorkflowError::DemandeNotFound { numero: *numero }).into()),
        }
    }

    /// Sends `event` (the event methods), detached; the entry appended.
    fn send(&self, py: Python<'_>, event: Event, sent: &Sent<'_, '_>, method: &str) -> PyResult<HistoryEntry> {
        let from = self.read(Tracked::status)?;
        let (command, at) = sent.command(event, from, method)?;
        let applied = py.detach(|| match &self.0 {
            Source::Own(tracked) => {
                let mut tracked = lock(tracked);
                match at {
                    Some(at) => tracked.apply_at(command, at).cloned(),
                    None => tracked.apply(command, &SystemClock).cloned(),
                }
            }
            Source::Bound { registry, numero } => match at {
                Some(at) => registry.apply_at(*numero, command, at),
                None => registry.apply(*numero, command),
            },
        });
        applied.map(HistoryEntry).map_err(|e| PyWorkflowErr(e).into())
    }

    /// The person's dossier: a registry's, by the demande's RPPS number.
    fn person(&self) -> PyResult<Option<Dossier>> {
        match &self.0 {
            Source::Own(_) => Ok(None),
            Source::Bound { registry, .. } => Ok(self.read(Tracked::rpps)?.and_then(|rpps| registry.dossier(rpps))),
        }
    }
}

/// The demande behind a lock that a panic never leaves inconsistent (the core changes a
/// demande only once its change is checked).
fn lock(tracked: &Mutex<Tracked>) -> MutexGuard<'_, Tracked> {
    tracked.lock().unwrap_or_else(PoisonError::into_inner)
}

pymethods_with_events! {
impl Demande {
    /// Loads a demande on its own from its JSON (``to_json()``'s: ``{"numero", "demande",
    /// "history"}``, ``str`` or ``bytes``), replaying its history through the machine.
    /// Raises ``HistoryInvalid`` (``index``, ``cause``) for an impossible history,
    /// ``WorkflowError`` (``invalid_json``, ``history_empty``) otherwise.
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &Bound<'_, PyAny>) -> PyResult<Self> {
        // A `str` with lone surrogates is read lossily (the core refuses it as JSON): its
        // `UnicodeEncodeError` would carry the whole text, état civil included.
        let text;
        let bytes: &[u8] = if let Ok(s) = json.cast::<PyString>() {
            text = s.to_string_lossy();
            text.as_bytes()
        } else if let Ok(b) = json.cast::<PyBytes>() {
            b.as_bytes()
        } else {
            return Err(PyTypeError::new_err(format!(
                "Demande.from_json() argument 'json' must be str or bytes, not {}",
                type_name(json)
            )));
        };
        let tracked = py.detach(|| Tracked::from_json(bytes)).map_err(PyWorkflowErr)?;
        Ok(Self(Source::Own(Mutex::new(tracked))))
    }

    /// Sends ``event`` (one of ``EVENTS``; not a creation) by name, with what it carries:
    /// the event methods call this.
    #[pyo3(signature = (event, demande = None, /, *, actor = None, motif = None, rpps = None, at = None))]
    #[allow(clippy::too_many_arguments, reason = "a Python signature of keyword arguments")]
    fn apply(
        &self,
        py: Python<'_>,
        event: Name<Event>,
        demande: Option<&Bound<'_, PyAny>>,
        actor: Option<Name<Actor>>,
        motif: Option<&Bound<'_, PyAny>>,
        rpps: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<HistoryEntry> {
        let sent = Sent {
            actor: actor.map(|a| a.0),
            motif,
            rpps,
            demande,
            at,
        };
        self.send(py, event.0, &sent, "Demande.apply")
    }

    /// The demande number (``P`` + the creation time in UTC).
    #[getter]
    fn numero(&self) -> PyResult<String> {
        self.read(|t| t.numero().as_str().to_owned())
    }

    /// The statut (one of ``STATUSES``); ``None`` once discarded by ``annuler``.
    #[getter]
    fn status<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyString>>> {
        Ok(self.read(Tracked::status)?.map(|s| name(py, s)))
    }

    /// The portal's label of the statut (French); ``None`` once discarded.
    #[getter]
    fn label(&self) -> PyResult<Option<&'static str>> {
        self.read(Tracked::label)
    }

    /// Whether no event may follow: a terminal statut, or discarded.
    #[getter]
    fn is_terminal(&self) -> PyResult<bool> {
        self.read(Tracked::is_terminal)
    }

    /// Whether ``annuler`` discarded the demande.
    #[getter]
    fn is_discarded(&self) -> PyResult<bool> {
        self.read(Tracked::is_discarded)
    }

    /// Who created the demande (one of ``ACTORS``).
    #[getter]
    fn created_by<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyString>> {
        Ok(name(py, self.read(Tracked::created_by)?))
    }

    /// The person's RPPS number: the demande's, or the one ``accepter`` assigned.
    #[getter]
    fn rpps(&self) -> PyResult<Option<String>> {
        self.read(|t| t.rpps().map(|r| r.as_str().to_owned()))
    }

    /// Every event applied, oldest first (never empty).
    #[getter]
    fn history(&self) -> PyResult<Vec<HistoryEntry>> {
        self.read(|t| t.history().iter().cloned().map(HistoryEntry).collect())
    }

    /// The content, as a ``dict`` of the demande's JSON (docs/domain.md §4), its ``numero``
    /// the demande's.
    #[getter]
    fn content<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py_json(py, self.read(|t| serde_json::to_string(t.demande()))?)
    }

    /// The events ``actor`` may send now, in the table's order (none on a terminal or
    /// discarded demande): the table's from the statut, but those reserved to demandes the
    /// other actor created.
    fn allowed<'py>(&self, py: Python<'py>, actor: Name<Actor>) -> PyResult<Bound<'py, PyTuple>> {
        let events = self.read(|t| t.allowed(actor.0))?;
        PyTuple::new(py, events.into_iter().map(|e| name(py, e)))
    }

    /// The person's dossier (a registry's demande whose person is registered; else
    /// ``None``), as a ``dict``: ``{"rpps", "etat_civil", "contact", "nom_exercice",
    /// "prenom_exercice", "situations"}`` — état civil and contact included.
    #[getter]
    fn dossier<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.person()?
            .map(|d| py_json(py, serde_json::to_string(&d)))
            .transpose()
    }

    /// The public view of the person's dossier (docs/domain.md §7: no état civil, no
    /// contact), as ``rppsplus workflow run`` prints it; ``None`` as ``dossier``.
    #[getter]
    fn public_dossier<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.person()?
            .map(|d| py_json(py, serde_json::to_string(&d.public_view())))
            .transpose()
    }

    /// The demande as JSON: ``{"numero", "demande", "history"}``, which ``from_json()`` loads.
    fn to_json(&self) -> PyResult<String> {
        self.read(Tracked::to_json)
    }

    /// A demande on its own pickles as its JSON; a registry's does not (it is the registry's).
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        if let Source::Bound { .. } = slf.get().0 {
            return Err(PyTypeError::new_err(
                "a registry's Demande cannot be pickled: pickle the numero, or Demande.from_json(d.to_json())",
            ));
        }
        let from_json = slf.get_type().getattr("from_json")?;
        let args = PyTuple::new(py, [slf.get().to_json()?])?;
        PyTuple::new(py, [from_json, args.into_any()])
    }

    fn __repr__(&self) -> PyResult<String> {
        self.read(|t| {
            let status = t.status().map_or_else(|| "None".to_owned(), |s| format!("'{s}'"));
            format!("Demande('{}', status={status})", t.numero())
        })
    }
}

moves {
    /// ``soumettre``: the professionnel sends the pre-registration to the gestionnaire
    /// (validated first).
    fn soumettre = Soumettre;
    /// ``abandonner``: the professionnel gives the pre-registration up.
    fn abandonner = Abandonner;
    /// ``prendre_en_charge``: the gestionnaire takes the pre-registration in hand.
    fn prendre_en_charge = PrendreEnCharge;
    /// ``valider``: the gestionnaire validates and sends to the RPPS (validated first: a
    /// failure raises ``GuardFailed`` with the whole ``Report``).
    fn valider = Valider;
    /// ``refuser``: the gestionnaire refuses a professional's demande; ``motif`` required.
    fn refuser = Refuser;
    /// ``annuler``: the gestionnaire discards a demande it created (``status`` becomes
    /// ``None``).
    fn annuler = Annuler;
    /// ``accepter``: the RPPS accepts; ``rpps`` is the RPPS number it assigns to a primo
    /// enregistrement (and only then). In a registry, the dossier is created or updated.
    fn accepter = Accepter;
    /// ``refuser_rpps``: the RPPS refuses; ``motif`` required.
    fn refuser_rpps = RefuserRpps;
    /// ``rejeter``: the RPPS rejects technically; ``motif`` required.
    fn rejeter = Rejeter;
    /// ``modifier``: the actor holding the demande (by default) replaces its content with
    /// ``demande``; the statut stays. Fields FranceConnect certified, the procedure and the
    /// numbers may not change (``GuardFailed``, ``not_modifiable``).
    fn modifier = Modifier;
}

statics {
    /// ``creer``: creates a demande on its own from ``demande`` (a ``dict``, or JSON ``str``
    /// or ``bytes``, docs/domain.md §4), numbered ``P`` + the creation time in UTC. The
    /// professionnel creates a primo enregistrement through FranceConnect; the gestionnaire
    /// (the default actor) any demande.
    fn creer = Creer;
    /// ``envoyer``: a registered professional sends an update (``modification_informations``
    /// or ``modification_nom_prenom_exercice``) straight to the RPPS; validated first.
    fn envoyer = Envoyer;
}
}
