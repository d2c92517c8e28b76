//! `Registry`: demandes by number and dossiers by RPPS number (the core's `Registry`), in
//! memory or on a journal file, shared between threads.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::prelude::*;
use rppsplus_core::ids::{NumeroDemande, Rpps};
use rppsplus_core::workflow::journal::Durability;
use rppsplus_core::workflow::{Dossier, Event, Registry as CoreRegistry};

use super::{Demande, Sent, py_json};
use crate::demande::convert::Input;
use crate::errors::{PyRppsErr, PyWorkflowErr};
use crate::names::Name;

/// The registry (docs/lifecycle.md): demandes by number, dossiers by RPPS number, at most one
/// pending demande per RPPS number. ``Registry()`` is in memory; ``Registry.open(path)``
/// keeps it in a journal file (JSON Lines, each event ``fsync``ed before the call returns;
/// ``durability="flush"`` and ``sync()`` for batches), rebuilt by replaying it: a journal
/// cut by a crash reopens to its complete lines (``torn_tail`` says what was cut), one
/// edited by hand raises ``JournalCorrupt`` and is left as it is.
///
/// Safe to share between threads: each call holds the registry's lock for its whole check,
/// journal write and commit, with the GIL released. A refused call changes nothing, journal
/// included. ``creer()`` and ``envoyer()`` create a demande and return it as a ``Demande`` of
/// the registry, whose event methods apply here. Not picklable (it owns its journal).
#[pyclass(frozen, module = "rppsplus._rppsplus")]
pub(crate) struct Registry(Arc<CoreRegistry>);

impl Registry {
    /// Creates a demande here by `event` (`creer`, `envoyer`).
    fn create(&self, py: Python<'_>, event: Event, sent: &Sent<'_, '_>, method: &str) -> PyResult<Demande> {
        let (command, at) = sent.command(event, None, method)?;
        let registry = &self.0;
        let numero = py
            .detach(|| match at {
                Some(at) => registry.create_at(command, at),
                None => registry.create(command),
            })
            .map_err(PyWorkflowErr)?;
        Ok(Demande::bound(Arc::clone(registry), numero))
    }
}

pymethods_with_events! {
impl Registry {
    /// A new registry in memory, empty.
    #[new]
    fn new() -> Self {
        Self(Arc::new(CoreRegistry::in_memory()))
    }

    /// The registry kept in the journal at ``path`` (``str`` or ``os.PathLike``; created when
    /// it does not exist), rebuilt by replaying it. ``durability``: ``"fsync"`` (each event
    /// on disk before the call returns) or ``"flush"`` (until ``sync()``). Raises
    /// ``JournalCorrupt`` (``line``, ``cause``) or ``WorkflowError`` (``journal_io``;
    /// ``journal_locked`` while another registry, in this process or another, holds the
    /// journal: a registry holds it until it and every ``Demande`` of it are gone).
    #[staticmethod]
    #[pyo3(signature = (path, *, durability = Name(Durability::Fsync)))]
    fn open(py: Python<'_>, path: PathBuf, durability: Name<Durability>) -> PyResult<Self> {
        let registry = py
            .detach(|| CoreRegistry::open_with(&path, durability.0))
            .map_err(PyWorkflowErr)?;
        Ok(Self(Arc::new(registry)))
    }

    /// The demande with this number, or ``None``. Raises the identifier's error
    /// (``InvalidFormat``…) for a text that is not a demande number.
    fn demande(&self, numero: &str) -> PyResult<Option<Demande>> {
        let numero = NumeroDemande::parse(numero).map_err(PyRppsErr)?;
        let found = self.0.demande(numero).is_some();
        Ok(found.then(|| Demande::bound(Arc::clone(&self.0), numero)))
    }

    /// Every demande, by number.
    fn demandes(&self) -> Vec<Demande> {
        let all = self.0.demandes();
        all.iter()
            .map(|t| Demande::bound(Arc::clone(&self.0), t.numero()))
            .collect()
    }

    /// The pending (non-terminal) demande of this RPPS number, or ``None``. Raises the
    /// identifier's error for a text that is not an RPPS number.
    fn pending(&self, rpps: &str) -> PyResult<Option<Demande>> {
        let rpps = Rpps::parse(rpps).map_err(PyRppsErr)?;
        Ok(self
            .0
            .pending(rpps)
            .map(|numero| Demande::bound(Arc::clone(&self.0), numero)))
    }

    /// The dossier of this RPPS number, or ``None``, as a ``dict``: ``{"rpps",
    /// "etat_civil", "contact", "nom_exercice", "prenom_exercice", "situations"}`` — état
    /// civil and contact included. Raises the identifier's error for a text that is not an
    /// RPPS number.
    fn dossier<'py>(&self, py: Python<'py>, rpps: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        let rpps = Rpps::parse(rpps).map_err(PyRppsErr)?;
        self.0
            .dossier(rpps)
            .map(|d| py_json(py, serde_json::to_string(&d)))
            .transpose()
    }

    /// The public view of the dossier of this RPPS number (docs/domain.md §7: no état civil,
    /// no contact), or ``None``.
    fn public_dossier<'py>(&self, py: Python<'py>, rpps: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        let rpps = Rpps::parse(rpps).map_err(PyRppsErr)?;
        self.0
            .dossier(rpps)
            .map(|d| py_json(py, serde_json::to_string(&d.public_view())))
            .transpose()
    }

    /// Imports the dossier of a person registered before the registry existed (a ``dict``,
    /// or JSON ``str`` or ``bytes``: ``{"rpps", "etat_civil", "contact", "nom_exercice",
    /// "prenom_exercice", "situations"}``), so that demandes may concern them. Raises
    /// ``WorkflowError`` (``invalid_json``, ``dossier_inconsistent``, ``dossier_exists``).
    fn import_dossier(&self, py: Python<'_>, dossier: &Bound<'_, PyAny>) -> PyResult<()> {
        let what = "Registry.import_dossier() argument 'dossier'";
        let input = Input::read(dossier, what)?;
        let json = input.json(what)?;
        let registry = &self.0;
        py.detach(|| Dossier::from_json(&json).and_then(|d| registry.import_dossier(d)))
            .map_err(|e| PyWorkflowErr(e).into())
    }

    /// ``fsync``s the journal: with ``durability="flush"``, the events applied so far are on
    /// disk once this returns (a batch: several events, one sync, then acknowledge them).
    /// Nothing to do in memory.
    fn sync(&self, py: Python<'_>) -> PyResult<()> {
        let registry = &self.0;
        py.detach(|| registry.sync()).map_err(|e| PyWorkflowErr(e).into())
    }

    /// The torn tail cut off when the journal was opened, as ``(line, bytes)`` (the line it
    /// would have been, from 1, and its size), or ``None``.
    #[getter]
    fn torn_tail(&self) -> Option<(usize, usize)> {
        self.0.torn_tail().map(|t| (t.line, t.bytes))
    }
}

creations {
    /// ``creer``: creates a demande here (see ``Demande.creer``), numbered uniquely in the
    /// registry. A demande for a registered person needs their dossier here
    /// (``dossier_not_found``) and no other pending demande (``PendingDemande``).
    fn creer = Creer;
    /// ``envoyer``: a registered professional's update sent straight to the RPPS, here (see
    /// ``Demande.envoyer``).
    fn envoyer = Envoyer;
}
}
