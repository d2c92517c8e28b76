//! The machine of one demande (docs/domain.md §5.3): one test per row of the transition
//! table and per guard (each fails when its row or guard is gone), refusals that change
//! nothing, histories loaded and refused, and messages that keep confidential values out.

mod common;

use common::*;
use rppsplus_core::demande::{Actor, Procedure};
use rppsplus_core::workflow::{Command, ErrorCode, Event, Guard, Status, TRANSITIONS, Tracked, WorkflowError};

use Actor::{Gestionnaire as G, Professionnel as P, Rpps as R};
use Event::*;
use Status::*;

/// The row (`event`, `actor`, `from`) exists, and applying it to `t` reaches its `to`.
fn row(t: &mut Tracked, command: Command, to: Option<Status>) {
    let from = t.status();
    assert!(
        TRANSITIONS
            .iter()
            .any(|r| (r.event, r.actor, r.from, r.to) == (command.event, command.actor, from, to)),
        "row {} {} {from:?} → {to:?}",
        command.event,
        command.actor
    );
    let at = at(t.history().len() as i64);
    let entry = t.apply_at(command, at).expect("the row applies").clone();
    assert_eq!((entry.from, entry.to, entry.at), (from, to, at));
    assert_eq!(t.status(), to);
}

/// A creation row: `command` creates a demande in `to`.
fn creation(command: Command, to: Status) {
    let (event, actor) = (command.event, command.actor);
    assert!(
        TRANSITIONS
            .iter()
            .any(|r| (r.event, r.actor, r.from, r.to) == (event, actor, None, Some(to)))
    );
    let t = Tracked::create_at(command, "P20261123093000".parse().unwrap(), at(0)).expect("created");
    assert_eq!(t.status(), Some(to));
    assert_eq!(t.history()[0].from, None);
    assert_eq!(t.created_by(), actor);
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

#[test]
fn every_row_has_its_test() {
    // 21 rows, 21 `row_` tests above: a new row needs its own test.
    assert_eq!(TRANSITIONS.len(), 21);
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
    let mut d = primo_fc();
    d.confirmations = None;
    let mut t = tracked(P, d, &[]);
    let e = refused(&mut t, cmd(Soumettre, P), ErrorCode::GuardFailed);
    assert_eq!(findings(&e), [("confirmations.cgu_acceptees".into(), "required")]);
}

#[test]
fn guard_validation_on_valider_asks_the_meeting_of_the_gestionnaire() {
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

#[test]
fn every_guard_has_its_test() {
    // One `guard_` test (or more) per guard above.
    assert_eq!(Guard::ALL.len(), 8);
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

#[test]
fn every_error_code_has_its_own_messages() {
    let mut seen = std::collections::HashSet::new();
    for code in ErrorCode::ALL {
        for message in [code.message_fr(), code.message_en()] {
            assert!(!message.is_empty(), "{code}");
            assert!(seen.insert(message), "{code}: {message} is another code's");
        }
    }
}

#[test]
fn the_sender_of_an_event_is_the_tables() {
    use rppsplus_core::workflow::sender;
    // Every event of one actor is that actor's, from any statut.
    for event in Event::ALL {
        let actors: std::collections::BTreeSet<Actor> = TRANSITIONS
            .iter()
            .filter(|t| t.event == *event)
            .map(|t| t.actor)
            .collect();
        if let [only] = actors.iter().copied().collect::<Vec<_>>()[..] {
            for from in Status::ALL.iter().copied().map(Some).chain([None]) {
                assert_eq!(sender(*event, from), only, "{event} from {from:?}");
            }
        }
    }
    // Otherwise the actor of the row from the statut, else the default actor.
    for t in TRANSITIONS.iter().filter(|t| matches!(t.event, Modifier)) {
        assert_eq!(sender(t.event, t.from), t.actor);
    }
    assert_eq!(sender(Modifier, Some(ValideeRpps)), Actor::default());
    assert_eq!(sender(Creer, None), Actor::default());
}
