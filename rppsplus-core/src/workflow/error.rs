//! The errors of the lifecycle: one enum, a stable snake_case code per variant, French and
//! English messages. No message and no `Debug` holds a confidential value (docs/domain.md
//! §7): they name events, actors, statuts, demande and RPPS numbers and situation ids (all
//! public), never an état civil or a contact.

use std::fmt;

use chrono::{DateTime, Utc};

use super::{Event, Status};
use crate::demande::{Actor, Report};
use crate::ids::{NumeroDemande, ParseError, Rpps};
use crate::names::{UnknownName, names};

names! {
    /// The stable code of a [`WorkflowError`]: the C result name and the Python exception
    /// class of each face come from this list. Codes are never renamed or reused.
    ///
    /// ```
    /// use rppsplus_core::workflow::ErrorCode;
    /// assert_eq!(ErrorCode::TransitionRefused.as_str(), "transition_refused");
    /// assert!(ErrorCode::NAMES.contains(&"journal_corrupt"));
    /// ```
    #[non_exhaustive]
    pub enum ErrorCode: "workflow error code" / "code d'erreur du cycle de vie" {
        /// [`WorkflowError::TransitionRefused`]
        TransitionRefused = "transition_refused",
        /// [`WorkflowError::GuardFailed`]
        GuardFailed = "guard_failed",
        /// [`WorkflowError::MotifRequired`]
        MotifRequired = "motif_required",
        /// [`WorkflowError::RppsRequired`]
        RppsRequired = "rpps_required",
        /// [`WorkflowError::InvalidRpps`]
        InvalidRpps = "invalid_rpps",
        /// [`WorkflowError::DemandeRequired`]
        DemandeRequired = "demande_required",
        /// [`WorkflowError::UnexpectedArgument`]
        UnexpectedArgument = "unexpected_argument",
        /// [`WorkflowError::WrongCreator`]
        WrongCreator = "wrong_creator",
        /// [`WorkflowError::PendingDemande`]
        PendingDemande = "pending_demande",
        /// [`WorkflowError::DemandeNotFound`]
        DemandeNotFound = "demande_not_found",
        /// [`WorkflowError::DossierNotFound`]
        DossierNotFound = "dossier_not_found",
        /// [`WorkflowError::DossierExists`]
        DossierExists = "dossier_exists",
        /// [`WorkflowError::DossierInconsistent`]
        DossierInconsistent = "dossier_inconsistent",
        /// [`WorkflowError::SituationNotFound`]
        SituationNotFound = "situation_not_found",
        /// [`WorkflowError::SituationClosed`]
        SituationClosed = "situation_closed",
        /// [`WorkflowError::DuplicateNumero`]
        DuplicateNumero = "duplicate_numero",
        /// [`WorkflowError::TimeBackwards`]
        TimeBackwards = "time_backwards",
        /// [`WorkflowError::InvalidTimestamp`]
        InvalidTimestamp = "invalid_timestamp",
        /// [`WorkflowError::UnknownEvent`]
        UnknownEvent = "unknown_event",
        /// [`WorkflowError::UnknownActor`]
        UnknownActor = "unknown_actor",
        /// [`WorkflowError::UnknownStatus`]
        UnknownStatus = "unknown_status",
        /// [`WorkflowError::StepMismatch`]
        StepMismatch = "step_mismatch",
        /// [`WorkflowError::HistoryEmpty`]
        HistoryEmpty = "history_empty",
        /// [`WorkflowError::HistoryInvalid`]
        HistoryInvalid = "history_invalid",
        /// [`WorkflowError::InvalidJson`]
        InvalidJson = "invalid_json",
        /// [`WorkflowError::JournalCorrupt`]
        JournalCorrupt = "journal_corrupt",
        /// [`WorkflowError::JournalIo`]
        JournalIo = "journal_io",
        /// [`WorkflowError::JournalLocked`]
        JournalLocked = "journal_locked",
        /// [`WorkflowError::ContentMismatch`]
        ContentMismatch = "content_mismatch",
    }
}

/// What makes a dossier inconsistent (docs/domain.md §5.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inconsistency {
    /// Two open situations with the same structure and profession.
    SameStructureAndProfession,
    /// Two situations with the same id.
    DuplicateId,
    /// A situation's date de fin before its date de prise de fonction.
    EndBeforeStart,
}

impl Inconsistency {
    fn fr(self) -> &'static str {
        match self {
            Self::SameStructureAndProfession => "une autre situation ouverte a la même structure et la même profession",
            Self::DuplicateId => "une autre situation a le même identifiant",
            Self::EndBeforeStart => "la date de fin précède la date de prise de fonction",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Self::SameStructureAndProfession => "another open situation has the same structure and profession",
            Self::DuplicateId => "another situation has the same id",
            Self::EndBeforeStart => "the end date is before the start date",
        }
    }
}

/// Why an event, an edit, a load or a journal was refused. A refused call changes nothing:
/// not the demande, not the registry, not the journal.
///
/// ```
/// use rppsplus_core::demande::Actor;
/// use rppsplus_core::workflow::{Command, Event, WorkflowError};
///
/// let e = Command::parse("valide", "gestionnaire", None, None).unwrap_err();
/// assert_eq!(e.code().as_str(), "unknown_event");
/// let e = Command::parse("accepter", "rpps", None, Some("10107985319")).unwrap_err();
/// assert_eq!(e.code().as_str(), "invalid_rpps");
/// assert!(e.to_string().starts_with("the RPPS number to assign is invalid: RPPS number: the check digit does not match"));
/// assert!(matches!(e, WorkflowError::InvalidRpps(_)));
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum WorkflowError {
    /// No row of the table lets `actor` send `event` from `status` (`None`: before creation,
    /// or a discarded demande). `allowed` lists what that actor may send from there.
    #[error("{event} by the {actor} is not possible from {}; allowed: {}", StatusOr(*.status, "no statut"), EventList(.allowed, "none"))]
    TransitionRefused {
        /// The event refused.
        event: Event,
        /// Who sent it.
        actor: Actor,
        /// The statut of the demande (`None`: not created yet, or discarded).
        status: Option<Status>,
        /// The events this actor may send from this statut.
        allowed: Vec<Event>,
    },
    /// A guard that checks the demande's content failed; `report` has every finding
    /// (validation at stage submit, who may create what, the fields an edit may not change).
    #[error("{event} refused: the demande has {} error(s)", .report.errors().count())]
    GuardFailed {
        /// The event refused.
        event: Event,
        /// The findings.
        report: Report,
    },
    /// `refuser`, `refuser_rpps` and `rejeter` need a non-blank motif.
    #[error("{event} requires a motif")]
    MotifRequired {
        /// The event refused.
        event: Event,
    },
    /// `accepter` of a primo enregistrement needs the RPPS number the RPPS assigns.
    #[error("accepting a primo enregistrement requires the RPPS number the RPPS assigns")]
    RppsRequired,
    /// The RPPS number given is not a valid one.
    #[error("the RPPS number to assign is invalid: {0}")]
    InvalidRpps(ParseError),
    /// `creer`, `envoyer` and `modifier` need the demande's content.
    #[error("{event} requires the demande's content")]
    DemandeRequired {
        /// The event refused.
        event: Event,
    },
    /// An argument the event does not take (`rpps` outside `accepter` of a primo,
    /// `demande` outside `creer`, `envoyer` and `modifier`).
    #[error("{event} takes no {argument}")]
    UnexpectedArgument {
        /// The event refused.
        event: Event,
        /// `rpps` or `demande`.
        argument: &'static str,
    },
    /// `refuser` applies to a demande the professionnel created, `annuler` to one the
    /// gestionnaire created.
    #[error("{event} applies only to a demande created by the {expected}")]
    WrongCreator {
        /// The event refused.
        event: Event,
        /// Who must have created the demande.
        expected: Actor,
    },
    /// This RPPS number already has a non-terminal demande.
    #[error("RPPS number {rpps} already has a pending demande, {pending}")]
    PendingDemande {
        /// The RPPS number.
        rpps: Rpps,
        /// The number of the pending demande.
        pending: NumeroDemande,
    },
    /// No demande has this number in the registry.
    #[error("no demande has number {numero}")]
    DemandeNotFound {
        /// The number asked for.
        numero: NumeroDemande,
    },
    /// No dossier has this RPPS number: the person is not registered.
    #[error("no dossier has RPPS number {rpps}: the person is not registered")]
    DossierNotFound {
        /// The RPPS number.
        rpps: Rpps,
    },
    /// A dossier already has this RPPS number.
    #[error("a dossier already has RPPS number {rpps}")]
    DossierExists {
        /// The RPPS number.
        rpps: Rpps,
    },
    /// The dossier would break a rule of docs/domain.md §5.5.
    #[error("the dossier would be inconsistent: situation {situation}: {}", .problem.en())]
    DossierInconsistent {
        /// The situation concerned.
        situation: String,
        /// What is wrong.
        problem: Inconsistency,
    },
    /// The dossier has no situation with this id.
    #[error("the dossier has no situation {id}")]
    SituationNotFound {
        /// The situation id of the demande.
        id: String,
    },
    /// The situation is closed already.
    #[error("situation {id} is already closed")]
    SituationClosed {
        /// The situation id.
        id: String,
    },
    /// The demande number is used already (a journal or history that repeats a creation).
    #[error("demande number {numero} is already used")]
    DuplicateNumero {
        /// The number.
        numero: NumeroDemande,
    },
    /// The event is dated before the demande's previous event.
    #[error("the event is dated {at}, before the demande's previous event ({previous})")]
    TimeBackwards {
        /// The previous event's time.
        previous: DateTime<Utc>,
        /// The refused event's time.
        at: DateTime<Utc>,
    },
    /// A timestamp that is not RFC 3339 (`2026-11-23T09:30:00Z`).
    #[error("not a timestamp written as RFC 3339 (e.g. 2026-11-23T09:30:00Z)")]
    InvalidTimestamp,
    /// An event name that is not one of [`Event::NAMES`].
    #[error("{0}")]
    UnknownEvent(UnknownName),
    /// An actor name that is not one of [`Actor::NAMES`].
    #[error("{0}")]
    UnknownActor(UnknownName),
    /// A statut name that is not one of [`Status::NAMES`].
    #[error("{0}")]
    UnknownStatus(UnknownName),
    /// A recorded step that is not what its event does from where the demande is.
    #[error(
        "the recorded step {} → {} is not what {event} does ({} → {})",
        StatusOr(*.recorded_from, "no statut"), StatusOr(*.recorded_to, "no statut"),
        StatusOr(*.from, "no statut"), StatusOr(*.to, "no statut")
    )]
    StepMismatch {
        /// The event.
        event: Event,
        /// The statut recorded before the event.
        recorded_from: Option<Status>,
        /// The statut recorded after the event.
        recorded_to: Option<Status>,
        /// The statut the demande was in.
        from: Option<Status>,
        /// The statut the event leads to.
        to: Option<Status>,
    },
    /// A history with no entry: it must start with the creation.
    #[error("the history is empty: it must start with the event that created the demande")]
    HistoryEmpty,
    /// Entry `index` (from 0) of a loaded history is refused for `cause`.
    #[error("history entry {index}: {cause}")]
    HistoryInvalid {
        /// The index of the bad entry, from 0.
        index: usize,
        /// Why.
        cause: Box<WorkflowError>,
    },
    /// Text that is not the JSON expected (the position only: the text is never repeated).
    #[error("invalid JSON at line {line} column {column}")]
    InvalidJson {
        /// The line, from 1.
        line: usize,
        /// The column, from 1.
        column: usize,
    },
    /// Line `line` (from 1) of a journal is refused for `cause`.
    #[error("journal line {line}: {cause}")]
    JournalCorrupt {
        /// The line, from 1.
        line: usize,
        /// Why.
        cause: Box<WorkflowError>,
    },
    /// Reading, writing or syncing the journal file failed. Once an append failed and the
    /// file could not be cut back, every later append is refused with that `truncate` error.
    #[error("journal: {operation} failed: {message}")]
    JournalIo {
        /// What was being done (`open`, `lock`, `read`, `append`, `sync`, `truncate`).
        operation: &'static str,
        /// The kind of I/O error.
        kind: std::io::ErrorKind,
        /// The operating system's message.
        message: String,
    },
    /// Another registry (in this process or another) has the journal open.
    #[error("the journal is open in another registry (one process at a time)")]
    JournalLocked,
    /// A loaded demande's `demande` is not the content its history leaves (the creation's,
    /// then each edit's).
    #[error("the demande's content is not the one its history leaves")]
    ContentMismatch,
}

impl WorkflowError {
    /// The stable code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::TransitionRefused { .. } => ErrorCode::TransitionRefused,
            Self::GuardFailed { .. } => ErrorCode::GuardFailed,
            Self::MotifRequired { .. } => ErrorCode::MotifRequired,
            Self::RppsRequired => ErrorCode::RppsRequired,
            Self::InvalidRpps(_) => ErrorCode::InvalidRpps,
            Self::DemandeRequired { .. } => ErrorCode::DemandeRequired,
            Self::UnexpectedArgument { .. } => ErrorCode::UnexpectedArgument,
            Self::WrongCreator { .. } => ErrorCode::WrongCreator,
            Self::PendingDemande { .. } => ErrorCode::PendingDemande,
            Self::DemandeNotFound { .. } => ErrorCode::DemandeNotFound,
            Self::DossierNotFound { .. } => ErrorCode::DossierNotFound,
            Self::DossierExists { .. } => ErrorCode::DossierExists,
            Self::DossierInconsistent { .. } => ErrorCode::DossierInconsistent,
            Self::SituationNotFound { .. } => ErrorCode::SituationNotFound,
            Self::SituationClosed { .. } => ErrorCode::SituationClosed,
            Self::DuplicateNumero { .. } => ErrorCode::DuplicateNumero,
            Self::TimeBackwards { .. } => ErrorCode::TimeBackwards,
            Self::InvalidTimestamp => ErrorCode::InvalidTimestamp,
            Self::UnknownEvent(_) => ErrorCode::UnknownEvent,
            Self::UnknownActor(_) => ErrorCode::UnknownActor,
            Self::UnknownStatus(_) => ErrorCode::UnknownStatus,
            Self::StepMismatch { .. } => ErrorCode::StepMismatch,
            Self::HistoryEmpty => ErrorCode::HistoryEmpty,
            Self::HistoryInvalid { .. } => ErrorCode::HistoryInvalid,
            Self::InvalidJson { .. } => ErrorCode::InvalidJson,
            Self::JournalCorrupt { .. } => ErrorCode::JournalCorrupt,
            Self::JournalIo { .. } => ErrorCode::JournalIo,
            Self::JournalLocked => ErrorCode::JournalLocked,
            Self::ContentMismatch => ErrorCode::ContentMismatch,
        }
    }

    /// The events the actor may send instead (a refused transition), else empty.
    pub fn allowed(&self) -> &[Event] {
        match self {
            Self::TransitionRefused { allowed, .. } => allowed,
            Self::HistoryInvalid { cause, .. } | Self::JournalCorrupt { cause, .. } => cause.allowed(),
            _ => &[],
        }
    }

    /// The report of a failed guard, else `None`.
    pub fn report(&self) -> Option<&Report> {
        match self {
            Self::GuardFailed { report, .. } => Some(report),
            Self::HistoryInvalid { cause, .. } | Self::JournalCorrupt { cause, .. } => cause.report(),
            _ => None,
        }
    }

    /// The underlying error of a bad history entry or journal line, else `self`.
    ///
    /// ```
    /// use rppsplus_core::workflow::Tracked;
    /// let e = Tracked::from_json(br#"{"numero": "P20261123093000", "demande": {},
    ///     "history": [{"event": "creer", "actor": "greffier", "from": null,
    ///                  "to": "en_cours_enregistrement", "at": "2026-11-23T09:30:00Z"}]}"#).unwrap_err();
    /// assert_eq!((e.code().as_str(), e.cause().code().as_str()), ("history_invalid", "unknown_actor"));
    /// ```
    pub fn cause(&self) -> &WorkflowError {
        match self {
            Self::HistoryInvalid { cause, .. } | Self::JournalCorrupt { cause, .. } => cause.cause(),
            _ => self,
        }
    }

    /// The message in French (the users' language); [`Display`](fmt::Display) gives English.
    ///
    /// ```
    /// use rppsplus_core::workflow::{Event, WorkflowError};
    /// let e = WorkflowError::MotifRequired { event: Event::Refuser };
    /// assert_eq!(e.message_fr(), "« refuser » exige un motif");
    /// ```
    pub fn message_fr(&self) -> String {
        match self {
            Self::TransitionRefused {
                event,
                actor,
                status,
                allowed,
            } => format!(
                "« {event} » par {} impossible depuis {} ; possibles : {}",
                ActorFr(*actor),
                StatusOr(*status, "aucun statut"),
                EventList(allowed, "aucun")
            ),
            Self::GuardFailed { event, report } => {
                format!(
                    "« {event} » refusé : la demande a {} erreur(s)",
                    report.errors().count()
                )
            }
            Self::MotifRequired { event } => format!("« {event} » exige un motif"),
            Self::RppsRequired => "accepter un primo enregistrement exige le numéro RPPS que le RPPS attribue".into(),
            Self::InvalidRpps(e) => format!("le numéro RPPS attribué est invalide : {}", e.message_fr()),
            Self::DemandeRequired { event } => format!("« {event} » exige le contenu de la demande"),
            Self::UnexpectedArgument { event, argument } => {
                format!("« {event} » ne prend pas d'argument « {argument} »")
            }
            Self::WrongCreator { event, expected } => format!(
                "« {event} » ne s'applique qu'à une demande créée par {}",
                ActorFr(*expected)
            ),
            Self::PendingDemande { rpps, pending } => {
                format!("le numéro RPPS {rpps} a déjà une demande en cours, {pending}")
            }
            Self::DemandeNotFound { numero } => format!("aucune demande n'a le numéro {numero}"),
            Self::DossierNotFound { rpps } => {
                format!("aucun dossier n'a le numéro RPPS {rpps} : la personne n'est pas enregistrée")
            }
            Self::DossierExists { rpps } => format!("un dossier a déjà le numéro RPPS {rpps}"),
            Self::DossierInconsistent { situation, problem } => {
                format!(
                    "le dossier serait incohérent : situation {situation} : {}",
                    problem.fr()
                )
            }
            Self::SituationNotFound { id } => format!("le dossier n'a pas de situation {id}"),
            Self::SituationClosed { id } => format!("la situation {id} est déjà fermée"),
            Self::DuplicateNumero { numero } => format!("le numéro de demande {numero} est déjà utilisé"),
            Self::TimeBackwards { previous, at } => {
                format!("l'événement est daté du {at}, avant l'événement précédent de la demande ({previous})")
            }
            Self::InvalidTimestamp => "pas un horodatage RFC 3339 (par exemple 2026-11-23T09:30:00Z)".into(),
            Self::UnknownEvent(e) | Self::UnknownActor(e) | Self::UnknownStatus(e) => e.message_fr(),
            Self::StepMismatch {
                event,
                recorded_from,
                recorded_to,
                from,
                to,
            } => format!(
                "le pas enregistré {} → {} n'est pas ce que fait « {event} » ({} → {})",
                StatusOr(*recorded_from, "aucun statut"),
                StatusOr(*recorded_to, "aucun statut"),
                StatusOr(*from, "aucun statut"),
                StatusOr(*to, "aucun statut")
            ),
            Self::HistoryEmpty => {
                "l'historique est vide : il doit commencer par l'événement qui a créé la demande".into()
            }
            Self::HistoryInvalid { index, cause } => {
                format!("entrée {index} de l'historique : {}", cause.message_fr())
            }
            Self::InvalidJson { line, column } => format!("JSON invalide, ligne {line} colonne {column}"),
            Self::JournalCorrupt { line, cause } => format!("ligne {line} du journal : {}", cause.message_fr()),
            Self::JournalIo { operation, message, .. } => {
                format!("journal : échec de l'opération {operation} : {message}")
            }
            Self::JournalLocked => "le journal est ouvert par un autre registre (un processus à la fois)".into(),
            Self::ContentMismatch => "le contenu de la demande n'est pas celui que laisse son historique".into(),
        }
    }

    /// The error of a JSON text that does not parse, with its position only.
    pub(crate) fn json(e: &serde_json::Error) -> Self {
        Self::InvalidJson {
            line: e.line(),
            column: e.column(),
        }
    }

    /// The error of a failed I/O operation on the journal.
    pub(crate) fn io(operation: &'static str, e: &std::io::Error) -> Self {
        Self::JournalIo {
            operation,
            kind: e.kind(),
            message: e.to_string(),
        }
    }
}

/// A statut's name, or what no statut means (`no statut`, `aucun statut`).
struct StatusOr(Option<Status>, &'static str);

impl fmt::Display for StatusOr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0.map_or(self.1, Status::as_str))
    }
}

/// The actor as a French phrase.
struct ActorFr(Actor);

impl fmt::Display for ActorFr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            Actor::Professionnel => "le professionnel",
            Actor::Gestionnaire => "le gestionnaire",
            Actor::Rpps => "le RPPS",
        })
    }
}

/// Events joined by `, `, or what none means (`none`, `aucun`).
struct EventList<'a>(&'a [Event], &'static str);

impl fmt::Display for EventList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str(self.1);
        }
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(e.as_str())?;
        }
        Ok(())
    }
}
