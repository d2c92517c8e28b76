//! The lifecycle of a demande (docs/domain.md §5; the guide: docs/lifecycle.md): its ten
//! statuts, the events that move it and who may send them, as one table of data
//! ([`TRANSITIONS`]) from which the machine, the docs, the CLI table and the diagram come;
//! the history of each demande, from which its statut follows; the dossier accepted
//! demandes build; and the registry that keeps demandes and dossiers, in memory or durable
//! on a journal file.
//!
//! | piece | what |
//! |---|---|
//! | [`Status`], [`Event`], [`Guard`], [`TRANSITIONS`] | the names and the table |
//! | [`Command`] | an event sent by an actor, with its motif, RPPS number or content |
//! | [`Tracked`] | one demande: number, content, history; [`Tracked::apply`] moves it |
//! | [`Entry`], [`Clock`] | the history and the injected clock |
//! | [`Dossier`] | a registered person's record, and its public view |
//! | [`Registry`] | demandes and dossiers, thread-safe, one pending demande per RPPS number, on a journal |
//! | [`journal`] | the journal's line format and its replay |
//! | [`WorkflowError`], [`ErrorCode`] | every refusal, with a stable code and French and English messages |
//! | [`Scenario`] | a demande and its events, played as `rppsplus workflow run` does |
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use rppsplus_core::demande::{Actor, Demande, Procedure};
//! use rppsplus_core::workflow::{Command, Event, Registry, Status};
//!
//! let registry = Registry::in_memory();
//! let at = Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap();
//! let draft = Demande { procedure: Some(Procedure::PrimoEnregistrement), ..Demande::default() };
//! let numero = registry.create_at(Command::creer(Actor::Gestionnaire, draft), at)?;
//!
//! // The RPPS cannot act on a demande still being keyed.
//! let e = registry.apply_at(numero, Command::new(Event::Accepter, Actor::Rpps), at).unwrap_err();
//! assert_eq!(e.code().as_str(), "transition_refused");
//! assert!(e.allowed().is_empty());
//! assert_eq!(registry.demande(numero).unwrap().status(), Some(Status::EnCoursEnregistrement));
//! # Ok::<(), rppsplus_core::workflow::WorkflowError>(())
//! ```

mod command;
mod dossier;
mod error;
mod guard;
mod history;
pub mod journal;
mod registry;
mod render;
mod scenario;
mod status;
mod table;
mod tracked;

pub use command::Command;
pub use dossier::{Dossier, DossierSituation, PublicDossier};
pub use error::{ErrorCode, Inconsistency, WorkflowError};
pub use history::{Clock, Entry, SystemClock, parse_timestamp};
pub use registry::Registry;
pub use render::{table_dot, table_text};
pub use scenario::{Run, RunError, Scenario};
pub use status::{Event, Status};
pub use table::{Guard, TRANSITIONS, Transition, allowed_events, transition};
pub use tracked::Tracked;
