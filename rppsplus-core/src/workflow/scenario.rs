//! Scenarios: a demande and the events sent to it, played on an in-memory registry
//! (`rppsplus workflow run`, docs/cli.md). The outcome has the CLI's JSON shape.

use serde::{Deserialize, Serialize};

use super::{
    Command, Dossier, Entry, ErrorCode, Event, Registry, Status, Tracked, WorkflowError, allowed_events,
    parse_timestamp,
};
use crate::demande::{Actor, Demande, Report};
use crate::ids::NumeroDemande;

/// A scenario: `{"demande": {...}, "dossier"?: {...}, "events": [{"event", "actor",
/// "motif"?, "rpps"?, "at"?, "demande"?}]}`. The first event creates the demande from
/// `demande` (`creer` or `envoyer`); `dossier` is the registered person's dossier, for the
/// procedures that need one; an event's `demande` is the new content of a `modifier`; its
/// `at` (RFC 3339) dates it, else the system clock does: give `at` for runs that are the
/// same every time.
///
/// ```
/// use rppsplus_core::workflow::Scenario;
///
/// let run = Scenario::from_json(br#"{"demande": {"procedure": "fermeture_situation", "rpps": "10107985318"},
///   "events": [{"event": "creer", "actor": "gestionnaire", "at": "2026-11-23T09:30:00Z"}]}"#)?.run();
/// // No dossier has that RPPS number in the scenario's registry.
/// let error = run.error.as_ref().unwrap();
/// assert_eq!((error.code.as_str(), error.event_index), ("dossier_not_found", 0));
/// assert_eq!(run.status, None);
/// # Ok::<(), rppsplus_core::workflow::WorkflowError>(())
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    demande: Demande,
    #[serde(default)]
    dossier: Option<Dossier>,
    events: Vec<ScenarioEvent>,
}

/// One event of a scenario, its names not yet checked (a bad one is the run's error).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioEvent {
    event: String,
    actor: String,
    #[serde(default)]
    motif: Option<String>,
    #[serde(default)]
    rpps: Option<String>,
    #[serde(default)]
    at: Option<String>,
    #[serde(default)]
    demande: Option<Demande>,
}

/// What a scenario did: the demande's statut, label, number and history, the public view of
/// the person's dossier, and the first refused event, if any (the run stops there).
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    /// The statut reached (`None`: not created, or discarded).
    pub status: Option<Status>,
    /// Its label.
    pub label: Option<&'static str>,
    /// The demande number (`None`: not created).
    pub numero: Option<NumeroDemande>,
    /// The history.
    pub history: Vec<Entry>,
    /// The person's dossier (written as its public view: no état civil, no contact).
    #[serde(serialize_with = "public")]
    pub dossier: Option<Dossier>,
    /// The refused event.
    pub error: Option<RunError>,
}

/// The event a scenario stopped at.
#[derive(Debug, Clone, Serialize)]
pub struct RunError {
    /// The error's code.
    pub code: ErrorCode,
    /// The French message.
    pub message: String,
    /// The English message.
    pub message_en: String,
    /// The events the actor may send from the statut reached.
    pub allowed: Vec<Event>,
    /// The index of the refused event, from 0.
    pub event_index: usize,
    /// The findings of a failed guard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
}

impl Run {
    /// Whether every event was applied.
    pub fn is_ok(&self) -> bool {
        self.error.is_none()
    }
}

fn public<S: serde::Serializer>(dossier: &Option<Dossier>, s: S) -> Result<S::Ok, S::Error> {
    dossier.as_ref().map(Dossier::public_view).serialize(s)
}

impl Scenario {
    /// Reads a scenario (`invalid_json` with the position when it is not one; a `dossier`
    /// is checked, `dossier_inconsistent`).
    pub fn from_json(json: &[u8]) -> Result<Self, WorkflowError> {
        let scenario: Self = serde_json::from_slice(json).map_err(|e| WorkflowError::json(&e))?;
        if let Some(dossier) = &scenario.dossier {
            dossier.check()?;
        }
        Ok(scenario)
    }

    /// Plays the scenario on a new in-memory registry, stopping at the first refused event.
    pub fn run(self) -> Run {
        let registry = Registry::in_memory();
        let rpps = self.demande.rpps;
        let mut numero = None;
        let mut error = None;
        let imported = self.dossier.map_or(Ok(()), |d| registry.import_dossier(d));
        let mut demande = Some(self.demande);
        for (index, e) in self.events.into_iter().enumerate() {
            let applied = imported.clone().and_then(|()| {
                let mut command = Command::parse(&e.event, &e.actor, e.motif.as_deref(), e.rpps.as_deref())?;
                command.demande = e.demande.map(Box::new);
                let at = e.at.as_deref().map(parse_timestamp).transpose()?;
                match numero {
                    None => {
                        if command.demande.is_none() {
                            command.demande = demande.take().map(Box::new);
                        }
                        let created = match at {
                            Some(at) => registry.create_at(command, at),
                            None => registry.create(command),
                        };
                        numero = Some(created?);
                        Ok(())
                    }
                    Some(n) => match at {
                        Some(at) => registry.apply_at(n, command, at).map(drop),
                        None => registry.apply(n, command).map(drop),
                    },
                }
            });
            if let Err(err) = applied {
                error = Some((index, err, e.actor.parse::<Actor>().ok()));
                break;
            }
        }
        let tracked = numero.and_then(|n| registry.demande(n));
        // What the actor of the refused event may send from where the demande is.
        let allowed_for = |actor: Option<Actor>| match (actor, &tracked) {
            (Some(actor), Some(t)) => t.allowed(actor),
            (Some(actor), None) => allowed_events(actor, None),
            (None, _) => Vec::new(),
        };
        let error = error.map(|(event_index, e, actor)| RunError {
            code: e.code(),
            message: e.message_fr(),
            message_en: e.to_string(),
            allowed: allowed_for(actor),
            event_index,
            report: e.report().cloned(),
        });
        Run {
            status: tracked.as_ref().and_then(Tracked::status),
            label: tracked.as_ref().and_then(Tracked::label),
            numero,
            dossier: tracked
                .as_ref()
                .and_then(Tracked::rpps)
                .or(rpps)
                .and_then(|r| registry.dossier(r)),
            history: tracked.map(|t| t.history().to_vec()).unwrap_or_default(),
            error,
        }
    }
}
