//! The machine of one demande (docs/domain.md §5.3): one test per row of the transition
//! table and per guard, each named in a table that a meta-test runs to check that every row
//! and every guard has its test (each fails when its row or guard is gone), refusals that
//! change nothing, histories loaded and refused, and messages that keep confidential values
//! out.

mod common;

use std::cell::RefCell;

use common::*;
use rppsplus_core::demande::{Actor, Procedure};
use rppsplus_core::workflow::{
    Command, ErrorCode, Event, Guard, Status, TRANSITIONS, Tracked, WorkflowError, transition,
};

use Actor::{Gestionnaire as G, Professionnel as P, Rpps as R};
use Event::*;
use Status::*;

thread_local! {
    /// The rows of [`TRANSITIONS`] (their indexes) that [`row`] and [`creation`] applied,
    /// and the guards [`guarded`] was told a test checks, in this thread.
    static COVERED: RefCell<(Vec<usize>, Vec<Guard>)> = const { RefCell::new((Vec::new(), Vec::new())) };
}

/// The rows applied and the guards checked by `test`, run in this thread.
fn coverage_of(test: fn()) -> (Vec<usize>, Vec<Guard>) {
    COVERED.with_borrow_mut(|c| *c = Default::default());
    test();
    COVERED.take()
}

/// The index in [`TRANSITIONS`] of the row applied: (`event`, `actor`, `from`) → `to`.
fn applied_row(command: &Command, from: Option<Status>, to: Option<Status>) -> usize {
    let index = TRANSITIONS
        .iter()
        .position(|r| (r.event, r.actor, r.from, r.to) == (command.event, command.actor, from, to))
        .unwrap_or_else(|| panic!("row {} {} {from:?} → {to:?}", command.event, command.actor));
    COVERED.with_borrow_mut(|c| c.0.push(index));
    index
}

/// The row (`event`, `actor`, `from`) exists, and applying it to `t` reaches its `to`.
fn row(t: &mut Tracked, command: Command, to: Option<Status>) {
    let from = t.status();
    applied_row(&command, from, to);
    let at = at(t.history().len() as i64);
    let entry = t.apply_at(command, at).expect("the row applies").clone();
    assert_eq!((entry.from, entry.to, entry.at), (from, to, at));
    assert_eq!(t.status(), to);
}

/// A creation row: `command` creates a demande in `to`.
fn creation(command: Command, to: Status) {
    let actor = command.actor;
    applied_row(&command, None, Some(to));
    let t = Tracked::create_at(command, "P20261123093000".parse().unwrap(), at(0)).expect("created");
    assert_eq!(t.status(), Some(to));
    assert_eq!(t.history()[0].from, None);
    assert_eq!(t.created_by(), actor);
}

/// The row (`event`, `actor`, `from`) runs `guard`, which the calling test checks.
fn guarded(guard: Guard, event: Event, actor: Actor, from: Option<Status>) {
    let row = transition(event, actor, from).unwrap_or_else(|| panic!("row {event} {actor} {from:?}"));
    assert!(row.guards.contains(&guard), "row {event} {actor} {from:?} runs {guard}");
    COVERED.with_borrow_mut(|c| c.1.push(guard));
}

fn pre_registered() -> Tracked {
    tracked(P, primo_fc(), &[])
}

fn submitted() -> Tracked {
    tracked(P, primo_fc(), &[cmd(Soumettre, P)])
}

fn keyed() -> Tracked {
    tracked(G, primo(), &[])
}

fn sent() -> Tracked {
    tracked(G, primo(), &[cmd(Valider, G)])
}

fn sent_by_professional() -> Tracked {
    tracked(P, for_person("modification_informations", rpps(1), None), &[])
}

#[test]
fn row_creer_professionnel() {
    creation(Command::creer(P, primo_fc()), SaisieProfessionnel);
}

#[test]
fn row_creer_gestionnaire() {
    creation(Command::creer(G, primo()), EnCoursEnregistrement);
}

#[test]
fn row_envoyer_professionnel() {
    let command = cmd(Envoyer, P).with_demande(for_person("modification_informations", rpps(1), None));
    creation(command, EnvoyeeRppsParProfessionnel);
}

#[test]
fn row_soumettre() {
    row(&mut pre_registered(), cmd(Soumettre, P), Some(EnCoursInstruction));
}

#[test]
fn row_abandonner_from_saisie() {
    row(&mut pre_registered(), cmd(Abandonner, P), Some(AbandonneeProfessionnel));
}

#[test]
fn row_abandonner_from_instruction() {
    row(&mut submitted(), cmd(Abandonner, P), Some(AbandonneeProfessionnel));
}

#[test]
fn row_prendre_en_charge() {
    row(&mut submitted(), cmd(PrendreEnCharge, G), Some(EnCoursEnregistrement));
}

#[test]
fn row_valider_from_instruction() {
    row(&mut submitted(), cmd(Valider, G), Some(EnvoyeeRpps));
}

#[test]
fn row_valider_from_enregistrement() {
    row(&mut keyed(), cmd(Valider, G), Some(EnvoyeeRpps));
}

#[test]
fn row_refuser_from_instruction() {
    row(
        &mut submitted(),
        cmd(Refuser, G).with_motif("pièce manquante"),
        Some(RefuseeAe),
    );
}

#[test]
fn row_refuser_from_enregistrement() {
    let mut t = tracked(P, primo_fc(), &[cmd(Soumettre, P), cmd(PrendreEnCharge, G)]);
    row(&mut t, cmd(Refuser, G).with_motif("pièce manquante"), Some(RefuseeAe));
}

#[test]
fn row_annuler() {
    let mut t = keyed();
    row(&mut t, cmd(Annuler, G), None);
    assert!(t.is_discarded() && t.is_terminal() && t.label().is_none());
    assert!(Actor::ALL.iter().all(|&a| t.allowed(a).is_empty()));
}

#[test]
fn row_accepter_from_envoyee_rpps() {
    let mut t = sent();
    row(&mut t, cmd(Accepter, R).with_rpps(rpps(7)), Some(ValideeRpps));
    assert_eq!(t.history()[2].rpps, Some(rpps(7)));
    assert_eq!(t.rpps(), Some(rpps(7)));
}

#[test]
fn row_accepter_from_envoyee_par_professionnel() {
    row(&mut sent_by_professional(), cmd(Accepter, R), Some(ValideeRpps));
}

#[test]
fn row_refuser_rpps_from_envoyee_rpps() {
    row(
        &mut sent(),
        cmd(RefuserRpps, R).with_motif("doublon"),
        Some(RefuseeRpps),
    );
}

#[test]
fn row_refuser_rpps_from_envoyee_par_professionnel() {
    row(
        &mut sent_by_professional(),
        cmd(RefuserRpps, R).with_motif("doublon"),
        Some(RefuseeRpps),
    );
}

#[test]
fn row_rejeter_from_envoyee_rpps() {
    row(
        &mut sent(),
        cmd(Rejeter, R).with_motif("flux illisible"),
        Some(RejetTechnique),
    );
}

#[test]
fn row_rejeter_from_envoyee_par_professionnel() {
    row(
        &mut sent_by_professional(),
        cmd(Rejeter, R).with_motif("flux illisible"),
        Some(RejetTechnique),
    );
}

#[test]
fn row_modifier_by_professionnel_in_saisie() {
    let mut t = pre_registered();
    let mut edited = primo_fc();
    edited.contact.as_mut().unwrap().email = Some("jeanne.m@example.org".parse().unwrap());
    row(&mut t, Command::modifier(P, edited.clone()), Some(SaisieProfessionnel));
    assert_eq!(t.demande().contact, edited.contact);
    assert_eq!(t.demande().numero, Some(t.numero()));
}

#[test]
fn row_modifier_by_gestionnaire_in_enregistrement() {
    let mut edited = primo();
    edited.etat_civil.as_mut().unwrap().nom_usage = Some("DURAND".into());
    let mut t = keyed();
    row(
        &mut t,
        Command::modifier(G, edited.clone()),
        Some(EnCoursEnregistrement),
    );
    assert_eq!(
        t.demande().etat_civil,
        edited.etat_civil,
        "a typed état civil may be corrected"
    );
}

#[test]
fn row_modifier_by_gestionnaire_in_instruction() {
    let mut edited = primo_fc();
    edited.situation.as_mut().unwrap().role = Some("GENR09".into());
    row(&mut submitted(), Command::modifier(G, edited), Some(EnCoursInstruction));
}

/// A row of the table as a test names it: (event, actor, from).
type RowKey = (Event, Actor, Option<Status>);

/// The test of each row, with the row it names.
const ROW_TESTS: &[(fn(), RowKey)] = &[
    (row_creer_professionnel, (Creer, P, None)),
    (row_creer_gestionnaire, (Creer, G, None)),
    (row_envoyer_professionnel, (Envoyer, P, None)),
    (row_soumettre, (Soumettre, P, Some(SaisieProfessionnel))),
    (row_abandonner_from_saisie, (Abandonner, P, Some(SaisieProfessionnel))),
    (
        row_abandonner_from_instruction,
        (Abandonner, P, Some(EnCoursInstruction)),
    ),
    (row_prendre_en_charge, (PrendreEnCharge, G, Some(EnCoursInstruction))),
    (row_valider_from_instruction, (Valider, G, Some(EnCoursInstruction))),
    (
        row_valider_from_enregistrement,
        (Valider, G, Some(EnCoursEnregistrement)),
    ),
    (row_refuser_from_instruction, (Refuser, G, Some(EnCoursInstruction))),
    (
        row_refuser_from_enregistrement,
        (Refuser, G, Some(EnCoursEnregistrement)),
    ),
    (row_annuler, (Annuler, G, Some(EnCoursEnregistrement))),
    (row_accepter_from_envoyee_rpps, (Accepter, R, Some(EnvoyeeRpps))),
    (
        row_accepter_from_envoyee_par_professionnel,
        (Accepter, R, Some(EnvoyeeRppsParProfessionnel)),
    ),
    (row_refuser_rpps_from_envoyee_rpps, (RefuserRpps, R, Some(EnvoyeeRpps))),
    (
        row_refuser_rpps_from_envoyee_par_professionnel,
        (RefuserRpps, R, Some(EnvoyeeRppsParProfessionnel)),
    ),
    (row_rejeter_from_envoyee_rpps, (Rejeter, R, Some(EnvoyeeRpps))),
    (
        row_rejeter_from_envoyee_par_professionnel,
        (Rejeter, R, Some(EnvoyeeRppsParProfessionnel)),
    ),
    (
        row_modifier_by_professionnel_in_saisie,
        (Modifier, P, Some(SaisieProfessionnel)),
    ),
    (
        row_modifier_by_gestionnaire_in_enregistrement,
        (Modifier, G, Some(EnCoursEnregistrement)),
    ),
    (
        row_modifier_by_gestionnaire_in_instruction,
        (Modifier, G, Some(EnCoursInstruction)),
    ),
];

#[test]
fn every_row_has_its_test() {
    // Each test applies the row it names, and no other; every row is named exactly once.
    let mut tests_of_row = vec![0; TRANSITIONS.len()];
    for &(test, (event, actor, from)) in ROW_TESTS {
        let named = TRANSITIONS
            .iter()
            .position(|r| (r.event, r.actor, r.from) == (event, actor, from))
            .unwrap_or_else(|| panic!("no row {event} {actor} {from:?} in the table"));
        assert_eq!(
            coverage_of(test).0,
            [named],
            "the test of {event} {actor} {from:?} applies that row"
        );
        tests_of_row[named] += 1;
    }
    for (row, tests) in TRANSITIONS.iter().zip(tests_of_row) {
        assert_eq!(
            tests, 1,
            "row {} {} {:?}: {tests} tests",
            row.event, row.actor, row.from
        );
    }
}

/// `command` is refused with `code`, and `t` is exactly as before.
fn refused(t: &mut Tracked, command: Command, code: ErrorCode) -> WorkflowError {
    let before = t.clone();
    let e = t.apply_at(command, at(30)).unwrap_err();
    assert_eq!(e.code(), code, "{e}");
    assert_eq!(*t, before, "a refused event changes nothing");
    e
}

/// The paths of the findings of a failed guard, with their codes.
fn findings(e: &WorkflowError) -> Vec<(String, &'static str)> {
    let report = e.report().expect("a guard's report");
    report
        .findings()
        .iter()
        .map(|f| (f.path.to_string(), f.code.as_str()))
        .collect()
}

#[test]
fn guard_primo_franceconnect() {
    guarded(Guard::PrimoFranceConnect, Creer, P, None);
    let create = |d| Tracked::create_at(Command::creer(P, d), "P20261123093000".parse().unwrap(), at(0));
    let e = create(primo()).unwrap_err();
    assert_eq!(findings(&e), [("etat_civil.source".into(), "not_allowed_for_actor")]);
    let mut not_primo = primo_fc();
    not_primo.procedure = Some(Procedure::AjoutSituation);
    let e = create(not_primo).unwrap_err();
    assert_eq!(findings(&e), [("procedure".into(), "not_allowed_for_actor")]);
}

#[test]
fn guard_validation_on_soumettre() {
    guarded(Guard::Validation, Soumettre, P, Some(SaisieProfessionnel));
    let mut d = primo_fc();
    d.confirmations = None;
    let mut t = tracked(P, d, &[]);
    let e = refused(&mut t, cmd(Soumettre, P), ErrorCode::GuardFailed);
    assert_eq!(findings(&e), [("confirmations.cgu_acceptees".into(), "required")]);
}

#[test]
fn guard_validation_on_valider_asks_the_meeting_of_the_gestionnaire() {
    guarded(Guard::Validation, Valider, G, Some(EnCoursEnregistrement));
    let mut d = primo();
    d.confirmations.as_mut().unwrap().rencontre_en_personne = None;
    let e = refused(&mut tracked(G, d.clone(), &[]), cmd(Valider, G), ErrorCode::GuardFailed);
    assert_eq!(
        findings(&e),
        [("confirmations.rencontre_en_personne".into(), "required")]
    );
    // The same content is valid for the professionnel: the guard validates for the actor.
    let mut fc = d;
    fc.etat_civil.as_mut().unwrap().source = Some("franceconnect".parse().unwrap());
    tracked(P, fc, &[cmd(Soumettre, P)]);
}

#[test]
fn guard_validation_returns_the_whole_report() {
    guarded(Guard::Validation, Valider, G, Some(EnCoursEnregistrement));
    let mut d = primo();
    d.contact = None;
    d.situation.as_mut().unwrap().profession = Some("999".into());
    let e = refused(&mut tracked(G, d, &[]), cmd(Valider, G), ErrorCode::GuardFailed);
    assert_eq!(
        findings(&e),
        [
            ("contact.email".into(), "required"),
            ("contact.telephone_mobile".into(), "required"),
            ("situation.profession".into(), "unknown_code"),
        ]
    );
}

#[test]
fn guard_validation_on_envoyer() {
    guarded(Guard::Validation, Envoyer, P, None);
    let mut d = for_person("modification_informations", rpps(1), None);
    d.contact = None;
    let e = Tracked::create_at(
        cmd(Envoyer, P).with_demande(d),
        "P20261123093000".parse().unwrap(),
        at(0),
    )
    .unwrap_err();
    assert_eq!(findings(&e), [("contact".into(), "required")]);
}

#[test]
fn guard_motif() {
    for (mut t, event, actor) in [
        (submitted(), Refuser, G),
        (sent(), RefuserRpps, R),
        (sent(), Rejeter, R),
    ] {
        guarded(Guard::Motif, event, actor, t.status());
        let e = refused(&mut t, cmd(event, actor), ErrorCode::MotifRequired);
        assert_eq!(e, WorkflowError::MotifRequired { event });
        refused(&mut t, cmd(event, actor).with_motif(" \t"), ErrorCode::MotifRequired);
        t.apply_at(cmd(event, actor).with_motif("motif"), at(31))
            .expect("with a motif");
        assert_eq!(t.history().last().unwrap().motif.as_deref(), Some("motif"));
    }
}

#[test]
fn guard_created_by_professionnel() {
    guarded(Guard::CreatedByProfessionnel, Refuser, G, Some(EnCoursEnregistrement));
    let e = refused(&mut keyed(), cmd(Refuser, G).with_motif("x"), ErrorCode::WrongCreator);
    assert_eq!(
        e,
        WorkflowError::WrongCreator {
            event: Refuser,
            expected: P
        }
    );
}

#[test]
fn guard_created_by_gestionnaire() {
    guarded(Guard::CreatedByGestionnaire, Annuler, G, Some(EnCoursEnregistrement));
    let mut t = tracked(P, primo_fc(), &[cmd(Soumettre, P), cmd(PrendreEnCharge, G)]);
    let e = refused(&mut t, cmd(Annuler, G), ErrorCode::WrongCreator);
    assert_eq!(
        e,
        WorkflowError::WrongCreator {
            event: Annuler,
            expected: G
        }
    );
    assert_eq!(t.allowed(G), [Valider, Refuser, Modifier]);
}

#[test]
fn guard_registered() {
    guarded(Guard::Registered, Envoyer, P, None);
    let send = |d| {
        Tracked::create_at(
            cmd(Envoyer, P).with_demande(d),
            "P20261123093000".parse().unwrap(),
            at(0),
        )
    };
    let e = send(for_person("fermeture_situation", rpps(1), Some("S1"))).unwrap_err();
    assert_eq!(findings(&e), [("procedure".into(), "not_allowed_for_actor")]);
    let mut anonymous = for_person("modification_nom_prenom_exercice", rpps(1), None);
    anonymous.rpps = None;
    let e = send(anonymous).unwrap_err();
    assert_eq!(findings(&e)[0], ("rpps".into(), "required"));
    send(for_person("modification_nom_prenom_exercice", rpps(1), None)).expect("the other procedure");
}

#[test]
fn guard_assigned_rpps() {
    guarded(Guard::AssignedRpps, Accepter, R, Some(EnvoyeeRpps));
    guarded(Guard::AssignedRpps, Accepter, R, Some(EnvoyeeRppsParProfessionnel));
    refused(&mut sent(), cmd(Accepter, R), ErrorCode::RppsRequired);
    let e = refused(
        &mut sent_by_professional(),
        cmd(Accepter, R).with_rpps(rpps(2)),
        ErrorCode::UnexpectedArgument,
    );
    assert_eq!(
        e,
        WorkflowError::UnexpectedArgument {
            event: Accepter,
            argument: "rpps"
        }
    );
}

#[test]
fn guard_edit_keeps_what_franceconnect_certified() {
    guarded(Guard::Edit, Modifier, G, Some(EnCoursInstruction));
    guarded(Guard::Edit, Modifier, P, Some(SaisieProfessionnel));
    let mut t = submitted();
    let mut edited = primo_fc();
    edited.etat_civil.as_mut().unwrap().nom_naissance = Some("MARTINE".into());
    edited.etat_civil.as_mut().unwrap().prenoms = vec!["Jeanne".into(), "Marie".into()];
    let e = refused(&mut t, Command::modifier(G, edited), ErrorCode::GuardFailed);
    assert_eq!(
        findings(&e),
        [
            ("etat_civil.nom_naissance".into(), "not_modifiable"),
            ("etat_civil.prenoms".into(), "not_modifiable")
        ]
    );
    // The professionnel cannot either.
    let mut mine = pre_registered();
    let mut edited = primo_fc();
    edited.etat_civil.as_mut().unwrap().date_naissance = None;
    let e = refused(&mut mine, Command::modifier(P, edited), ErrorCode::GuardFailed);
    assert_eq!(findings(&e), [("etat_civil.date_naissance".into(), "not_modifiable")]);
}

#[test]
fn guard_edit_keeps_the_procedure_numbers_and_source() {
    guarded(Guard::Edit, Modifier, G, Some(EnCoursEnregistrement));
    let mut t = keyed();
    let mut edited = primo();
    edited.procedure = Some(Procedure::AjoutSituation);
    edited.numero = Some("P20261123093005".parse().unwrap());
    edited.rpps = Some(rpps(1));
    edited.etat_civil.as_mut().unwrap().source = Some("franceconnect".parse().unwrap());
    let e = refused(&mut t, Command::modifier(G, edited), ErrorCode::GuardFailed);
    let paths: Vec<String> = findings(&e).into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, ["procedure", "numero", "rpps", "etat_civil.source"]);
}

/// The tests of each guard, with the guard each names.
const GUARD_TESTS: &[(fn(), Guard)] = &[
    (guard_primo_franceconnect, Guard::PrimoFranceConnect),
    (guard_validation_on_soumettre, Guard::Validation),
    (
        guard_validation_on_valider_asks_the_meeting_of_the_gestionnaire,
        Guard::Validation,
    ),
    (guard_validation_returns_the_whole_report, Guard::Validation),
    (guard_validation_on_envoyer, Guard::Validation),
    (guard_motif, Guard::Motif),
    (guard_created_by_professionnel, Guard::CreatedByProfessionnel),
    (guard_created_by_gestionnaire, Guard::CreatedByGestionnaire),
    (guard_registered, Guard::Registered),
    (guard_assigned_rpps, Guard::AssignedRpps),
    (guard_edit_keeps_what_franceconnect_certified, Guard::Edit),
    (guard_edit_keeps_the_procedure_numbers_and_source, Guard::Edit),
];

#[test]
fn every_guard_has_its_test() {
    // Each test checks the guard it names on rows that run it; every guard has a test.
    for &(test, guard) in GUARD_TESTS {
        let checked = coverage_of(test).1;
        assert!(
            !checked.is_empty() && checked.iter().all(|&g| g == guard),
            "the test of {guard} checks {checked:?}"
        );
    }
    for guard in Guard::ALL {
        assert!(GUARD_TESTS.iter().any(|&(_, g)| g == *guard), "{guard} has no test");
    }
}

#[test]
fn an_illegal_event_names_what_is_allowed() {
    let mut t = sent();
    let e = refused(&mut t, cmd(Valider, G), ErrorCode::TransitionRefused);
    assert_eq!(
        e,
        WorkflowError::TransitionRefused {
            event: Valider,
            actor: G,
            status: Some(EnvoyeeRpps),
            allowed: vec![],
        }
    );
    let e = refused(&mut t, cmd(Soumettre, R), ErrorCode::TransitionRefused);
    assert_eq!(e.allowed(), [Accepter, RefuserRpps, Rejeter]);
    assert_eq!(
        e.to_string(),
        "soumettre by the rpps is not possible from envoyee_rpps; allowed: accepter, refuser_rpps, rejeter"
    );
    assert_eq!(
        e.message_fr(),
        "« soumettre » par le RPPS impossible depuis envoyee_rpps ; possibles : accepter, refuser_rpps, rejeter"
    );
    // A creation event on a demande that exists.
    let e = refused(&mut t, Command::creer(G, primo()), ErrorCode::TransitionRefused);
    assert!(e.allowed().is_empty());
}

#[test]
fn events_on_terminal_demandes_are_refused() {
    let mut done = tracked(G, primo(), &[cmd(Valider, G), cmd(Accepter, R).with_rpps(rpps(3))]);
    assert!(done.is_terminal());
    for actor in Actor::ALL {
        for event in Event::ALL {
            let e = refused(&mut done, cmd(*event, *actor), ErrorCode::TransitionRefused);
            assert!(e.allowed().is_empty());
        }
    }
}

#[test]
fn arguments_an_event_does_not_take() {
    let e = refused(
        &mut keyed(),
        cmd(Valider, G).with_demande(primo()),
        ErrorCode::UnexpectedArgument,
    );
    assert_eq!(
        e,
        WorkflowError::UnexpectedArgument {
            event: Valider,
            argument: "demande"
        }
    );
    refused(
        &mut keyed(),
        cmd(Annuler, G).with_rpps(rpps(1)),
        ErrorCode::UnexpectedArgument,
    );
    refused(&mut keyed(), cmd(Modifier, G), ErrorCode::DemandeRequired);
    let e = Tracked::create_at(cmd(Creer, G), "P20261123093000".parse().unwrap(), at(0)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::DemandeRequired);
}

#[test]
fn time_never_goes_backwards() {
    let mut t = keyed();
    let e = t.apply_at(cmd(Valider, G), at(-1)).unwrap_err();
    assert_eq!(
        e,
        WorkflowError::TimeBackwards {
            previous: at(0),
            at: at(-1)
        }
    );
    // A clock set back dates the event as the previous one.
    struct Behind;
    impl rppsplus_core::workflow::Clock for Behind {
        fn now(&self) -> chrono::DateTime<chrono::Utc> {
            at(-60)
        }
    }
    assert_eq!(t.apply(cmd(Valider, G), &Behind).unwrap().at, at(0));
}

#[test]
fn unknown_names_are_typed_errors() {
    let e = Command::parse("valide", "gestionnaire", None, None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownEvent);
    assert!(e.message_fr().contains("creer, soumettre"), "{}", e.message_fr());
    let e = Command::parse("valider", "admin", None, None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownActor);
    assert_eq!(
        e.to_string(),
        "unknown actor (expected one of: professionnel, gestionnaire, rpps)"
    );
    let e = Command::parse("accepter", "rpps", None, Some("10107985319")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidRpps);
    let e = Command::parse("accepter", "rpps", None, Some("99700075122")).unwrap_err();
    assert_eq!(
        e.code(),
        ErrorCode::InvalidRpps,
        "a test identity is refused in strict mode"
    );
}

// --- histories: serialise, load, replay; and refused on load --------------------------------

fn full_history() -> Tracked {
    tracked(
        P,
        primo_fc(),
        &[
            cmd(Soumettre, P),
            Command::modifier(G, primo_fc()),
            cmd(PrendreEnCharge, G),
            cmd(Valider, G),
            cmd(Accepter, R).with_rpps(rpps(5)).with_motif("ok"),
        ],
    )
}

#[test]
fn serialise_load_replay_is_the_identity() {
    let t = full_history();
    let json = t.to_json();
    assert_eq!(Tracked::from_json(json.as_bytes()).unwrap(), t);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["history"][5]["rpps"], rpps(5).as_str());
    assert_eq!(value["history"][0]["at"], "2026-11-23T09:30:00Z");
    // The creation and the edit keep the content they brought; the other entries none.
    let brought: Vec<bool> = (0..6).map(|i| value["history"][i].get("demande").is_some()).collect();
    assert_eq!(brought, [true, false, true, false, false, false]);
    assert_eq!(value["history"][2]["demande"], value["demande"]);
}

#[test]
fn a_loaded_history_replays_its_edits() {
    // The creation's content, then an edit of the contact: each in its entry.
    let mut edited = primo_fc();
    edited.contact.as_mut().unwrap().email = Some("jeanne.m@example.org".parse().unwrap());
    let t = tracked(P, primo_fc(), &[Command::modifier(P, edited), cmd(Soumettre, P)]);
    let json: serde_json::Value = serde_json::from_str(&t.to_json()).unwrap();
    assert_eq!(
        json["history"][0]["demande"]["contact"]["email"],
        "jeanne.martin@example.org"
    );
    assert_eq!(
        json["history"][1]["demande"]["contact"]["email"],
        "jeanne.m@example.org"
    );
    assert_eq!(Tracked::from_json(json.to_string().as_bytes()).unwrap(), t);
    let load = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut forged = json.clone();
        edit(&mut forged);
        Tracked::from_json(forged.to_string().as_bytes())
    };
    // A FranceConnect field changed by hand in the edit (and the content beside the
    // history): the edit is checked as it was when applied, and refused.
    let e = load(&|j| {
        j["history"][1]["demande"]["etat_civil"]["nom_naissance"] = "MARTINEZ".into();
        j["demande"]["etat_civil"]["nom_naissance"] = "MARTINEZ".into();
    })
    .unwrap_err();
    assert_eq!(at_index(&e), (1, ErrorCode::GuardFailed));
    let finding = &e.report().unwrap().findings()[0];
    assert_eq!(
        (finding.path.to_string(), finding.code.as_str()),
        ("etat_civil.nom_naissance".into(), "not_modifiable")
    );
    // Changed beside the history only: not the content the history leaves.
    let e = load(&|j| j["demande"]["etat_civil"]["nom_naissance"] = "MARTINEZ".into()).unwrap_err();
    assert_eq!(e, WorkflowError::ContentMismatch);
    // A creation or an edit without its content.
    for i in [0, 1] {
        let e = load(&|j| drop(j["history"][i].as_object_mut().unwrap().remove("demande"))).unwrap_err();
        assert_eq!(at_index(&e), (i, ErrorCode::DemandeRequired));
    }
    // Content on an entry that takes none.
    let e = load(&|j| j["history"][2]["demande"] = j["demande"].clone()).unwrap_err();
    assert_eq!(at_index(&e), (2, ErrorCode::UnexpectedArgument));
}

#[test]
fn the_number_accepter_assigns_is_the_persons() {
    // A primo carrying a number of its own (the registry refuses it at creation; a demande
    // loaded by itself may have one): the number `accepter` assigned wins.
    let mut value: serde_json::Value = serde_json::from_str(&full_history().to_json()).unwrap();
    value["demande"]["rpps"] = rpps(9).as_str().into();
    for i in [0, 2] {
        value["history"][i]["demande"]["rpps"] = rpps(9).as_str().into();
    }
    let t = Tracked::from_json(value.to_string().as_bytes()).unwrap();
    assert_eq!((t.demande().rpps, t.rpps()), (Some(rpps(9)), Some(rpps(5))));
}

/// The history JSON of [`full_history`], changed by `edit`, loaded.
fn load_edited(edit: impl FnOnce(&mut Vec<serde_json::Value>)) -> WorkflowError {
    let mut value: serde_json::Value = serde_json::from_str(&full_history().to_json()).unwrap();
    edit(value["history"].as_array_mut().unwrap());
    Tracked::from_json(value.to_string().as_bytes()).unwrap_err()
}

fn at_index(e: &WorkflowError) -> (usize, ErrorCode) {
    match e {
        WorkflowError::HistoryInvalid { index, cause } => (*index, cause.code()),
        other => panic!("not a history error: {other}"),
    }
}

#[test]
fn histories_refused_on_load_name_their_bad_entry() {
    let e = load_edited(|h| h.swap(2, 3));
    assert_eq!(at_index(&e), (3, ErrorCode::TimeBackwards), "reordered");
    let e = load_edited(|h| {
        h.swap(3, 4);
        h[3]["at"] = "2026-11-23T09:33:00Z".into();
        h[4]["at"] = "2026-11-23T09:34:00Z".into();
    });
    assert_eq!(
        at_index(&e),
        (3, ErrorCode::StepMismatch),
        "reordered, times kept in order"
    );
    let e = load_edited(|h| h[4]["event"] = "valide".into());
    assert_eq!(at_index(&e), (4, ErrorCode::UnknownEvent));
    let e = load_edited(|h| h[1]["actor"] = "admin".into());
    assert_eq!(at_index(&e), (1, ErrorCode::UnknownActor));
    let e = load_edited(|h| h[1]["to"] = "validee".into());
    assert_eq!(at_index(&e), (1, ErrorCode::UnknownStatus));
    let e = load_edited(|h| h[3]["at"] = "2026-11-23T09:00:00Z".into());
    assert_eq!(at_index(&e), (3, ErrorCode::TimeBackwards));
    let e = load_edited(|h| h[3]["at"] = "hier".into());
    assert_eq!(at_index(&e), (3, ErrorCode::InvalidTimestamp));
    let e = load_edited(|h| h[4]["to"] = "validee_rpps".into());
    assert_eq!(at_index(&e), (4, ErrorCode::StepMismatch), "an impossible step");
    let e = load_edited(|h| {
        h.remove(1);
    });
    assert_eq!(at_index(&e), (1, ErrorCode::TransitionRefused), "a step missing");
    let e = load_edited(|h| {
        h.remove(0);
    });
    assert_eq!(at_index(&e), (0, ErrorCode::TransitionRefused), "no creation first");
    let e = load_edited(|h| h[5].as_object_mut().unwrap().remove("rpps").map(drop).unwrap());
    assert_eq!(at_index(&e), (5, ErrorCode::RppsRequired));
    let e = load_edited(|h| h[5]["rpps"] = "10107985319".into());
    assert_eq!(at_index(&e), (5, ErrorCode::InvalidRpps));
    let e = load_edited(|h| h.truncate(0));
    assert_eq!(e, WorkflowError::HistoryEmpty);
    let e = load_edited(|h| h[2]["motif"] = 3.into());
    assert_eq!(e.code(), ErrorCode::InvalidJson);
}

#[test]
fn truncated_history_json_is_invalid_json() {
    let json = full_history().to_json();
    for cut in [1, json.len() / 2, json.len() - 1] {
        let e = Tracked::from_json(&json.as_bytes()[..cut]).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidJson, "cut at {cut}");
    }
}

#[test]
fn messages_and_debug_keep_confidential_values_out() {
    let mut errors = vec![
        Tracked::create_at(Command::creer(P, primo()), "P20261123093000".parse().unwrap(), at(0)).unwrap_err(),
        load_edited(|h| h[1]["actor"] = "MARTIN".into()),
        Tracked::from_json(
            br#"{"numero": "P20261123093000", "demande": {"etat_civil": {"nom_naissance": 1999}}, "history": []}"#,
        )
        .unwrap_err(),
    ];
    let mut t = submitted();
    let mut edited = primo_fc();
    edited.etat_civil.as_mut().unwrap().nom_naissance = Some("MARTINEZ".into());
    errors.push(t.apply_at(Command::modifier(G, edited), at(9)).unwrap_err());
    let mut incomplete = primo();
    incomplete.etat_civil.as_mut().unwrap().prenoms.push("Jeanne2".into());
    errors.push(
        tracked(G, incomplete, &[])
            .apply_at(cmd(Valider, G), at(9))
            .unwrap_err(),
    );
    for e in &errors {
        for text in [e.to_string(), e.message_fr(), format!("{e:?}")] {
            for secret in CONFIDENTIAL {
                assert!(!text.contains(secret), "{secret} in {text}");
            }
        }
    }
    let debug = format!("{:?}", full_history());
    for secret in CONFIDENTIAL {
        assert!(!debug.contains(secret), "{secret} in the Debug of a demande");
    }
}
