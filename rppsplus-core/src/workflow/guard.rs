//! The guards of the transition table (docs/domain.md §5.3): each checks one condition of a
//! row before anything changes. Guards on the demande's content return a [`Report`] of
//! findings, as validation does; the others have their own error.

use chrono::{DateTime, Utc};

use super::{Command, Guard, Tracked, WorkflowError};
use crate::demande::messages::Msg;
use crate::demande::{Actor, Demande, EtatCivil, Options, Procedure, Report, Source, Stage, validate};
use crate::ids::Mode;

/// What the guards are checked against.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Checks {
    /// A live event: every guard.
    Live,
    /// A recorded event (a loaded history, a journal): every guard but validation, which ran
    /// when the event was applied, against the nomenclatures and the date of then.
    Replay,
}

/// The facts one event is checked against.
pub(super) struct Context<'a> {
    /// The demande, once created.
    pub current: Option<&'a Tracked>,
    /// The event and its arguments.
    pub command: &'a Command,
    /// The content the event concerns: the new content (creation, edit) or the demande's.
    pub content: &'a Demande,
    /// When.
    pub at: DateTime<Utc>,
    /// Live or replayed.
    pub checks: Checks,
}

/// Checks `guard`.
pub(super) fn check(guard: Guard, cx: &Context<'_>) -> Result<(), WorkflowError> {
    let event = cx.command.event;
    let failed = |report: Report| {
        if report.findings().is_empty() {
            Ok(())
        } else {
            Err(WorkflowError::GuardFailed { event, report })
        }
    };
    match guard {
        Guard::PrimoFranceConnect => {
            let mut report = Report::default();
            if cx.content.procedure != Some(Procedure::PrimoEnregistrement) {
                report.push(Msg::CreatedByProfessionnel.at("procedure", &[]));
            }
            if cx.content.etat_civil.as_ref().and_then(|e| e.source) != Some(Source::FranceConnect) {
                report.push(Msg::NotThroughFranceConnect.at("etat_civil.source", &[]));
            }
            failed(report)
        }
        Guard::Validation if cx.checks == Checks::Replay => Ok(()),
        Guard::Validation => {
            let options = Options {
                reference_date: cx.at.date_naive(),
                stage: Stage::Submit,
                actor: cx.command.actor,
                mode: Mode::Strict,
            };
            let report = validate(cx.content, &options);
            if report.is_valid() {
                Ok(())
            } else {
                Err(WorkflowError::GuardFailed { event, report })
            }
        }
        Guard::Motif => match cx.command.motif.as_deref() {
            Some(m) if !m.trim().is_empty() => Ok(()),
            _ => Err(WorkflowError::MotifRequired { event }),
        },
        Guard::CreatedByProfessionnel => created_by(cx, Actor::Professionnel),
        Guard::CreatedByGestionnaire => created_by(cx, Actor::Gestionnaire),
        Guard::Registered => {
            let mut report = Report::default();
            if !matches!(
                cx.content.procedure,
                Some(Procedure::ModificationInformations | Procedure::ModificationNomPrenomExercice)
            ) {
                report.push(Msg::SentByProfessionnel.at("procedure", &[]));
            }
            if cx.content.rpps.is_none() {
                report.push(Msg::Required.at("rpps", &[]));
            }
            failed(report)
        }
        Guard::AssignedRpps => {
            let primo = cx.content.procedure == Some(Procedure::PrimoEnregistrement);
            match (primo, cx.command.rpps.is_some()) {
                (true, false) => Err(WorkflowError::RppsRequired),
                (false, true) => Err(WorkflowError::UnexpectedArgument {
                    event,
                    argument: "rpps",
                }),
                _ => Ok(()),
            }
        }
        Guard::Edit => match (cx.current, cx.command.demande.as_ref()) {
            (Some(current), Some(new)) => failed(edit_report(current, new)),
            _ => Ok(()),
        },
    }
}

/// The demande was created by `expected`.
fn created_by(cx: &Context<'_>, expected: Actor) -> Result<(), WorkflowError> {
    match cx.current {
        Some(t) if t.created_by() == expected => Ok(()),
        _ => Err(WorkflowError::WrongCreator {
            event: cx.command.event,
            expected,
        }),
    }
}

/// The fields an edit may not change (docs/domain.md §5.3): the procedure, the numbers,
/// the source of the état civil, and every état civil field FranceConnect certified.
fn edit_report(current: &Tracked, new: &Demande) -> Report {
    let old = current.demande();
    let mut report = Report::default();
    let mut refuse = |changed: bool, path: &'static str, why: Msg| {
        if changed {
            report.push(why.at(path, &[]));
        }
    };
    let set = Msg::SetAtCreation;
    refuse(new.procedure != old.procedure, "procedure", set);
    refuse(new.numero.is_some_and(|n| n != current.numero()), "numero", set);
    refuse(new.rpps != old.rpps, "rpps", set);
    let none = EtatCivil::default();
    let (a, b) = (
        old.etat_civil.as_ref().unwrap_or(&none),
        new.etat_civil.as_ref().unwrap_or(&none),
    );
    refuse(a.source != b.source, "etat_civil.source", set);
    if a.source == Some(Source::FranceConnect) {
        for (changed, path) in [
            (a.civilite != b.civilite, "etat_civil.civilite"),
            (a.sexe != b.sexe, "etat_civil.sexe"),
            (a.nom_naissance != b.nom_naissance, "etat_civil.nom_naissance"),
            (a.nom_usage != b.nom_usage, "etat_civil.nom_usage"),
            (a.prenoms != b.prenoms, "etat_civil.prenoms"),
            (a.date_naissance != b.date_naissance, "etat_civil.date_naissance"),
            (a.pays_naissance != b.pays_naissance, "etat_civil.pays_naissance"),
            (
                a.commune_naissance != b.commune_naissance,
                "etat_civil.commune_naissance",
            ),
            (a.lieu_naissance != b.lieu_naissance, "etat_civil.lieu_naissance"),
        ] {
            refuse(changed, path, Msg::CertifiedByFranceConnect);
        }
    }
    report
}
