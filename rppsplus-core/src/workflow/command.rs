//! What an actor asks of a demande: an event with its arguments.

use super::{Event, WorkflowError};
use crate::demande::{Actor, Demande};
use crate::ids::Rpps;

/// An event sent by an actor, with what it carries: a motif (required by `refuser`,
/// `refuser_rpps` and `rejeter`, recorded with any event), the RPPS number assigned
/// (`accepter` of a primo enregistrement) and the demande's content (`creer`, `envoyer`,
/// and `modifier`, whose content replaces the demande's).
///
/// ```
/// use rppsplus_core::demande::{Actor, Demande, Procedure};
/// use rppsplus_core::workflow::{Command, Event};
///
/// let refuse = Command::new(Event::Refuser, Actor::Gestionnaire).with_motif("pièce manquante");
/// assert_eq!(refuse.motif.as_deref(), Some("pièce manquante"));
/// let create = Command::creer(Actor::Gestionnaire, Demande {
///     procedure: Some(Procedure::PrimoEnregistrement),
///     ..Demande::default()
/// });
/// assert_eq!(create.event, Event::Creer);
/// let parsed = Command::parse("accepter", "rpps", None, Some("10107985318"))?;
/// assert_eq!(parsed.rpps.map(|r| r.to_string()).as_deref(), Some("10107985318"));
/// # Ok::<(), rppsplus_core::workflow::WorkflowError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    /// The event.
    pub event: Event,
    /// Who sends it.
    pub actor: Actor,
    /// The motif.
    pub motif: Option<String>,
    /// The RPPS number assigned (`accepter` of a primo enregistrement).
    pub rpps: Option<Rpps>,
    /// The demande's content (`creer`, `envoyer`, `modifier`), boxed: it is large, and a
    /// command moves it into the demande.
    pub demande: Option<Box<Demande>>,
}

impl Command {
    /// `event` sent by `actor`, with nothing more.
    pub fn new(event: Event, actor: Actor) -> Self {
        Self {
            event,
            actor,
            motif: None,
            rpps: None,
            demande: None,
        }
    }

    /// `creer` by `actor` with the demande's content.
    pub fn creer(actor: Actor, demande: Demande) -> Self {
        Self::new(Event::Creer, actor).with_demande(demande)
    }

    /// `modifier` by `actor`: `demande` is the new content.
    pub fn modifier(actor: Actor, demande: Demande) -> Self {
        Self::new(Event::Modifier, actor).with_demande(demande)
    }

    /// This command with a motif.
    pub fn with_motif(mut self, motif: impl Into<String>) -> Self {
        self.motif = Some(motif.into());
        self
    }

    /// This command with the RPPS number assigned.
    pub fn with_rpps(mut self, rpps: Rpps) -> Self {
        self.rpps = Some(rpps);
        self
    }

    /// This command with the demande's content.
    pub fn with_demande(mut self, demande: Demande) -> Self {
        self.demande = Some(Box::new(demande));
        self
    }

    /// A command from names, as the CLI, C and Python receive them: `unknown_event`,
    /// `unknown_actor` and `invalid_rpps` (a wrong key, in strict mode) are typed errors.
    pub fn parse(event: &str, actor: &str, motif: Option<&str>, rpps: Option<&str>) -> Result<Self, WorkflowError> {
        let event = event.parse().map_err(WorkflowError::UnknownEvent)?;
        let actor = actor.parse().map_err(WorkflowError::UnknownActor)?;
        let rpps = rpps.map(Rpps::parse).transpose().map_err(WorkflowError::InvalidRpps)?;
        Ok(Self {
            event,
            actor,
            motif: motif.map(str::to_owned),
            rpps,
            demande: None,
        })
    }
}
