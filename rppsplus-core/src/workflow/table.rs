//! The transition table (docs/domain.md §5.3) as data: one row per (event, actor, from),
//! with the guards the row runs. The machine, the docs, the CLI table and the diagram all
//! read [`TRANSITIONS`]; nothing restates it.

use serde::Serialize;

use super::{Event, Status};
use crate::demande::Actor;
use crate::names::names;

names! {
    /// A condition a row of the table puts on its event, checked before anything changes.
    ///
    /// ```
    /// use rppsplus_core::workflow::Guard;
    /// assert_eq!(Guard::Motif.description_en(), "a motif is required");
    /// ```
    pub enum Guard: "guard" / "garde" {
        /// `creer` by the professionnel: a primo enregistrement whose `etat_civil.source` is
        /// `franceconnect`.
        PrimoFranceConnect = "primo_franceconnect",
        /// The demande passes validation at stage `submit` for the acting actor, at the date of
        /// the event (the whole report is returned otherwise).
        Validation = "validation",
        /// A non-blank motif is given.
        Motif = "motif",
        /// The demande was created by the professionnel.
        CreatedByProfessionnel = "created_by_professionnel",
        /// The demande was created by the gestionnaire.
        CreatedByGestionnaire = "created_by_gestionnaire",
        /// `envoyer`: `modification_informations` or `modification_nom_prenom_exercice`, for a
        /// registered person (an RPPS number; in a registry, a dossier).
        Registered = "registered",
        /// `accepter` of a primo enregistrement carries the valid RPPS number the RPPS assigns
        /// (and only then).
        AssignedRpps = "assigned_rpps",
        /// `modifier`: the new content keeps the procedure, the number, the RPPS number, the
        /// source of the état civil and every field FranceConnect certified.
        Edit = "edit",
    }
}

impl Guard {
    /// What the guard asks, in French.
    pub const fn description_fr(self) -> &'static str {
        match self {
            Self::PrimoFranceConnect => "primo enregistrement avec un état civil FranceConnect",
            Self::Validation => "la validation à l'étape submit passe",
            Self::Motif => "un motif est obligatoire",
            Self::CreatedByProfessionnel => "demande créée par le professionnel",
            Self::CreatedByGestionnaire => "demande créée par le gestionnaire",
            Self::Registered => {
                "modification d'informations ou du nom et prénom d'exercice, pour une personne enregistrée"
            }
            Self::AssignedRpps => "primo : le numéro RPPS attribué, valide",
            Self::Edit => "les champs certifiés par FranceConnect, la procédure et les numéros restent",
        }
    }

    /// What the guard asks, in English.
    pub const fn description_en(self) -> &'static str {
        match self {
            Self::PrimoFranceConnect => "a primo enregistrement with a FranceConnect état civil",
            Self::Validation => "validation at stage submit passes",
            Self::Motif => "a motif is required",
            Self::CreatedByProfessionnel => "a demande created by the professionnel",
            Self::CreatedByGestionnaire => "a demande created by the gestionnaire",
            Self::Registered => {
                "modification_informations or modification_nom_prenom_exercice, for a registered person"
            }
            Self::AssignedRpps => "primo: the valid RPPS number assigned",
            Self::Edit => "the FranceConnect fields, the procedure and the numbers stay",
        }
    }
}

/// One row of the transition table: `actor` may send `event` to a demande in statut `from`
/// (none: the event creates it), which then is in `to` (none: the demande is discarded), if
/// every guard passes. Serialises as the CLI's row, `{"event","actor","from","to"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// The event.
    pub event: Event,
    /// Who sends it.
    pub actor: Actor,
    /// The statut it leaves; `None` for the events that create a demande.
    pub from: Option<Status>,
    /// The statut it reaches; `None` when the demande is discarded (`annuler`).
    pub to: Option<Status>,
    /// What the row checks, in order.
    pub guards: &'static [Guard],
}

impl Serialize for Transition {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut row = s.serialize_struct("Transition", 4)?;
        row.serialize_field("event", &self.event)?;
        row.serialize_field("actor", &self.actor)?;
        row.serialize_field("from", &self.from)?;
        row.serialize_field("to", &self.to)?;
        row.end()
    }
}

const fn row(
    event: Event,
    actor: Actor,
    from: Option<Status>,
    to: Option<Status>,
    guards: &'static [Guard],
) -> Transition {
    Transition {
        event,
        actor,
        from,
        to,
        guards,
    }
}

use Actor::{Gestionnaire as G, Professionnel as P, Rpps as R};
use Event::*;
use Status::*;

/// The transition table of docs/domain.md §5.3, one row per (event, actor, from). Editing
/// (`modifier`) is allowed to the actor holding the demande and leaves the statut as it is.
///
/// ```
/// use rppsplus_core::demande::Actor;
/// use rppsplus_core::workflow::{Event, Status, TRANSITIONS};
///
/// let row = TRANSITIONS
///     .iter()
///     .find(|t| t.event == Event::Valider && t.from == Some(Status::EnCoursEnregistrement))
///     .unwrap();
/// assert_eq!((row.actor, row.to), (Actor::Gestionnaire, Some(Status::EnvoyeeRpps)));
/// assert_eq!(
///     serde_json::to_string(row).unwrap(),
///     r#"{"event":"valider","actor":"gestionnaire","from":"en_cours_enregistrement","to":"envoyee_rpps"}"#
/// );
/// ```
pub const TRANSITIONS: &[Transition] = &[
    row(Creer, P, None, Some(SaisieProfessionnel), &[Guard::PrimoFranceConnect]),
    row(Creer, G, None, Some(EnCoursEnregistrement), &[]),
    row(
        Envoyer,
        P,
        None,
        Some(EnvoyeeRppsParProfessionnel),
        &[Guard::Registered, Guard::Validation],
    ),
    row(
        Soumettre,
        P,
        Some(SaisieProfessionnel),
        Some(EnCoursInstruction),
        &[Guard::Validation],
    ),
    row(
        Abandonner,
        P,
        Some(SaisieProfessionnel),
        Some(AbandonneeProfessionnel),
        &[],
    ),
    row(
        Abandonner,
        P,
        Some(EnCoursInstruction),
        Some(AbandonneeProfessionnel),
        &[],
    ),
    row(
        PrendreEnCharge,
        G,
        Some(EnCoursInstruction),
        Some(EnCoursEnregistrement),
        &[],
    ),
    row(
        Valider,
        G,
        Some(EnCoursInstruction),
        Some(EnvoyeeRpps),
        &[Guard::Validation],
    ),
    row(
        Valider,
        G,
        Some(EnCoursEnregistrement),
        Some(EnvoyeeRpps),
        &[Guard::Validation],
    ),
    row(
        Refuser,
        G,
        Some(EnCoursInstruction),
        Some(RefuseeAe),
        &[Guard::CreatedByProfessionnel, Guard::Motif],
    ),
    row(
        Refuser,
        G,
        Some(EnCoursEnregistrement),
        Some(RefuseeAe),
        &[Guard::CreatedByProfessionnel, Guard::Motif],
    ),
    row(
        Annuler,
        G,
        Some(EnCoursEnregistrement),
        None,
        &[Guard::CreatedByGestionnaire],
    ),
    row(
        Accepter,
        R,
        Some(EnvoyeeRpps),
        Some(ValideeRpps),
        &[Guard::AssignedRpps],
    ),
    row(
        Accepter,
        R,
        Some(EnvoyeeRppsParProfessionnel),
        Some(ValideeRpps),
        &[Guard::AssignedRpps],
    ),
    row(RefuserRpps, R, Some(EnvoyeeRpps), Some(RefuseeRpps), &[Guard::Motif]),
    row(
        RefuserRpps,
        R,
        Some(EnvoyeeRppsParProfessionnel),
        Some(RefuseeRpps),
        &[Guard::Motif],
    ),
    row(Rejeter, R, Some(EnvoyeeRpps), Some(RejetTechnique), &[Guard::Motif]),
    row(
        Rejeter,
        R,
        Some(EnvoyeeRppsParProfessionnel),
        Some(RejetTechnique),
        &[Guard::Motif],
    ),
    row(
        Modifier,
        P,
        Some(SaisieProfessionnel),
        Some(SaisieProfessionnel),
        &[Guard::Edit],
    ),
    row(
        Modifier,
        G,
        Some(EnCoursEnregistrement),
        Some(EnCoursEnregistrement),
        &[Guard::Edit],
    ),
    row(
        Modifier,
        G,
        Some(EnCoursInstruction),
        Some(EnCoursInstruction),
        &[Guard::Edit],
    ),
];

/// The row for `event` sent by `actor` from `from` (`None`: creating a demande), if any.
///
/// ```
/// use rppsplus_core::demande::Actor;
/// use rppsplus_core::workflow::{Event, Status, transition};
///
/// assert!(transition(Event::Creer, Actor::Gestionnaire, None).is_some());
/// assert!(transition(Event::Valider, Actor::Professionnel, Some(Status::EnCoursInstruction)).is_none());
/// ```
pub fn transition(event: Event, actor: Actor, from: Option<Status>) -> Option<&'static Transition> {
    TRANSITIONS
        .iter()
        .find(|t| t.event == event && t.actor == actor && t.from == from)
}

/// The events `actor` may send from `from` (`None`: the events that create a demande), in
/// the table's order, each once.
///
/// ```
/// use rppsplus_core::demande::Actor;
/// use rppsplus_core::workflow::{Event, Status, allowed_events};
///
/// assert_eq!(allowed_events(Actor::Professionnel, None), [Event::Creer, Event::Envoyer]);
/// assert_eq!(
///     allowed_events(Actor::Rpps, Some(Status::EnvoyeeRpps)),
///     [Event::Accepter, Event::RefuserRpps, Event::Rejeter]
/// );
/// assert!(allowed_events(Actor::Gestionnaire, Some(Status::ValideeRpps)).is_empty());
/// ```
pub fn allowed_events(actor: Actor, from: Option<Status>) -> Vec<Event> {
    events_where(actor, from, |_| true)
}

/// The events of the rows of `actor` from `from` that `keep` keeps, in the table's order,
/// each once.
pub(crate) fn events_where(actor: Actor, from: Option<Status>, keep: impl Fn(&Transition) -> bool) -> Vec<Event> {
    let mut events = Vec::new();
    for t in TRANSITIONS
        .iter()
        .filter(|t| t.actor == actor && t.from == from && keep(t))
    {
        if !events.contains(&t.event) {
            events.push(t.event);
        }
    }
    events
}
