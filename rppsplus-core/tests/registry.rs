//! The registry (docs/domain.md §5.4, §5.5): numbers, the one pending demande per RPPS
//! number, the dossier each accepted procedure updates, the journal (reopened, cut at every
//! byte, edited by hand), refusals that change nothing, and threads.

mod common;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use common::*;
use rppsplus_core::demande::{Actor, Demande};
use rppsplus_core::ids::{NumeroDemande, Rpps};
use rppsplus_core::workflow::journal::{Durability, TornTail};
use rppsplus_core::workflow::{Clock, Command, Dossier, ErrorCode, Event, Registry, Status, WorkflowError};

use Actor::{Gestionnaire as G, Professionnel as P, Rpps as R};
use Event::*;

/// A new journal path in the temporary directory.
fn journal_path(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rppsplus-registry-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.jsonl"));
    let _ = std::fs::remove_file(&path);
    path
}

/// Creates a demande by `actor` and applies `events`, each a minute later, from `minute`.
fn play(registry: &Registry, actor: Actor, demande: Demande, events: &[Command], minute: i64) -> NumeroDemande {
    let event = if actor == P && demande.procedure != Some("primo_enregistrement".parse().unwrap()) {
        Envoyer
    } else {
        Creer
    };
    let numero = registry
        .create_at(Command::new(event, actor).with_demande(demande), at(minute))
        .expect("created");
    for (i, c) in events.iter().enumerate() {
        registry
            .apply_at(numero, c.clone(), at(minute + 1 + i as i64))
            .expect("each step applies");
    }
    numero
}

/// A registry where `rpps(1)` was registered by an accepted primo (its situation id is the
/// primo's number, returned).
fn registered() -> (Registry, String) {
    let registry = Registry::in_memory();
    let numero = play(
        &registry,
        G,
        primo(),
        &[cmd(Valider, G), cmd(Accepter, R).with_rpps(rpps(1))],
        0,
    );
    (registry, numero.to_string())
}

/// The state of a registry, to compare before and after.
fn state(r: &Registry) -> (Vec<rppsplus_core::workflow::Tracked>, Vec<Dossier>) {
    (r.demandes(), r.dossiers())
}

/// `f` is refused with `code`; the registry (and its journal, if `path`) is as before.
fn refused(r: &Registry, path: Option<&PathBuf>, code: ErrorCode, f: impl FnOnce(&Registry) -> WorkflowError) {
    let before = (state(r), path.map(|p| std::fs::read(p).unwrap()));
    let e = f(r);
    assert_eq!(e.code(), code, "{e}");
    assert_eq!(
        (state(r), path.map(|p| std::fs::read(p).unwrap())),
        before,
        "a refusal changes nothing"
    );
}

#[test]
fn numbers_are_unique_within_a_second() {
    let registry = Registry::in_memory();
    let numbers: Vec<NumeroDemande> = (0..100)
        .map(|_| registry.create_at(Command::creer(G, primo()), at(0)).unwrap())
        .collect();
    assert_eq!(numbers[0].as_str(), "P20261123093000");
    assert_eq!(
        numbers[99].as_str(),
        "P20261123092821",
        "the latest free seconds before"
    );
    assert!(numbers.windows(2).all(|w| w[0] > w[1]));
    // A free second is its own; a taken one goes below every number of the burst.
    let next = registry.create_at(Command::creer(G, primo()), at(1)).unwrap();
    assert_eq!(next.as_str(), "P20261123093100");
    let again = registry.create_at(Command::creer(G, primo()), at(0)).unwrap();
    assert_eq!(again.as_str(), "P20261123092820");
    assert_eq!(registry.demande(next).unwrap().demande().numero, Some(next));
    // A creation dated inside the burst's seconds goes below them too.
    let below = registry.create_at(Command::creer(G, primo()), at(-1)).unwrap();
    assert_eq!(below.as_str(), "P20261123092819");
}

#[test]
fn a_number_passes_its_own_validation() {
    // Two creations in the last second of a day: the second's number is not tomorrow's,
    // so `valider` at that very instant validates it.
    let registry = Registry::in_memory();
    let last_second = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 23, 23, 59, 59).unwrap();
    let first = registry.create_at(Command::creer(G, primo()), last_second).unwrap();
    let second = registry.create_at(Command::creer(G, primo()), last_second).unwrap();
    assert_eq!(
        (first.as_str(), second.as_str()),
        ("P20261123235959", "P20261123235958")
    );
    registry
        .apply_at(second, cmd(Valider, G), last_second)
        .expect("the number is not after the event");
}

#[test]
fn a_primo_carries_no_rpps_number() {
    let registry = Registry::in_memory();
    registry.import_dossier(dossier(rpps(2))).unwrap();
    let pending = play(
        &registry,
        G,
        for_person("modification_informations", rpps(2), None),
        &[],
        0,
    );
    // A primo naming the person's number would take the place of their pending demande.
    for (actor, demande) in [(G, primo()), (P, primo_fc())] {
        let mut primo = demande;
        primo.rpps = Some(rpps(2));
        refused(&registry, None, ErrorCode::GuardFailed, |r| {
            let e = r.create_at(Command::creer(actor, primo), at(1)).unwrap_err();
            let findings: Vec<_> = e
                .report()
                .unwrap()
                .findings()
                .iter()
                .map(|f| (f.path.to_string(), f.code.as_str()))
                .collect();
            assert_eq!(findings, [("rpps".to_owned(), "not_applicable")]);
            e
        });
    }
    assert_eq!(registry.pending(rpps(2)), Some(pending));
    refused(&registry, None, ErrorCode::PendingDemande, |r| {
        r.create_at(
            Command::creer(G, for_person("modification_informations", rpps(2), None)),
            at(2),
        )
        .unwrap_err()
    });
    // Nor may an edit give it one.
    let primo_numero = play(&registry, G, primo(), &[], 3);
    refused(&registry, None, ErrorCode::GuardFailed, |r| {
        let mut edited = primo();
        edited.rpps = Some(rpps(2));
        r.apply_at(primo_numero, Command::modifier(G, edited), at(4))
            .unwrap_err()
    });
}

#[test]
fn one_pending_demande_per_rpps_number() {
    let (registry, _) = registered();
    let first = play(
        &registry,
        G,
        for_person("modification_informations", rpps(1), None),
        &[],
        10,
    );
    assert_eq!(registry.pending(rpps(1)), Some(first));
    refused(&registry, None, ErrorCode::PendingDemande, |r| {
        let e = r
            .create_at(Command::creer(G, for_person("ajout_situation", rpps(1), None)), at(11))
            .unwrap_err();
        assert_eq!(
            e,
            WorkflowError::PendingDemande {
                rpps: rpps(1),
                pending: first
            }
        );
        assert!(
            e.message_fr().contains(first.as_str()),
            "the message names the pending demande"
        );
        e
    });
    refused(&registry, None, ErrorCode::PendingDemande, |r| {
        r.create_at(
            cmd(Envoyer, P).with_demande(for_person("modification_informations", rpps(1), None)),
            at(11),
        )
        .unwrap_err()
    });
    registry.apply_at(first, cmd(Annuler, G), at(12)).unwrap();
    assert_eq!(registry.pending(rpps(1)), None);
    let second = play(
        &registry,
        P,
        for_person("modification_informations", rpps(1), None),
        &[],
        13,
    );
    assert_eq!(registry.pending(rpps(1)), Some(second));
}

#[test]
fn a_demande_for_a_person_needs_their_dossier() {
    let registry = Registry::in_memory();
    refused(&registry, None, ErrorCode::DossierNotFound, |r| {
        r.create_at(Command::creer(G, for_person("ajout_situation", rpps(2), None)), at(0))
            .unwrap_err()
    });
    refused(&registry, None, ErrorCode::GuardFailed, |r| {
        let mut no_rpps = for_person("ajout_situation", rpps(2), None);
        no_rpps.rpps = None;
        r.create_at(Command::creer(G, no_rpps), at(0)).unwrap_err()
    });
    registry.import_dossier(dossier(rpps(2))).unwrap();
    play(&registry, G, for_person("ajout_situation", rpps(2), None), &[], 1);
    refused(&registry, None, ErrorCode::DossierExists, |r| {
        r.import_dossier(dossier(rpps(2))).unwrap_err()
    });
}

#[test]
fn an_accepted_primo_creates_the_dossier() {
    let (registry, situation) = registered();
    let d = registry.dossier(rpps(1)).unwrap();
    assert_eq!(d.rpps, rpps(1));
    assert_eq!(d.etat_civil, primo().etat_civil.unwrap());
    assert_eq!(
        (d.nom_exercice.as_deref(), d.prenom_exercice.as_deref()),
        (Some("DUPONT"), Some("Nathalie"))
    );
    assert_eq!(d.situations.len(), 1);
    assert_eq!(d.situations[0].id, situation);
    assert!(d.situations[0].is_open());
    let public = serde_json::to_string(&d.public_view()).unwrap();
    for secret in CONFIDENTIAL {
        assert!(!public.contains(secret), "{secret} in the public view");
    }
    // The same RPPS number cannot be assigned twice.
    let other = play(&registry, G, primo(), &[cmd(Valider, G)], 10);
    refused(&registry, None, ErrorCode::DossierExists, |r| {
        r.apply_at(other, cmd(Accepter, R).with_rpps(rpps(1)), at(20))
            .unwrap_err()
    });
}

/// Accepts `demande` (sent by the gestionnaire) in `registry`.
fn accept(registry: &Registry, demande: Demande, minute: i64) -> Result<NumeroDemande, WorkflowError> {
    let numero = play(registry, G, demande, &[cmd(Valider, G)], minute);
    registry
        .apply_at(numero, cmd(Accepter, R), at(minute + 5))
        .map(|_| numero)
}

#[test]
fn each_accepted_procedure_updates_the_dossier() {
    let (registry, first) = registered();
    let etat_civil = registry.dossier(rpps(1)).unwrap().etat_civil;

    let added = accept(&registry, for_person("ajout_situation", rpps(1), None), 10).unwrap();
    let d = registry.dossier(rpps(1)).unwrap();
    assert_eq!(d.situations.len(), 2, "two open situations, different professions");
    assert_eq!(d.situations[1].id, added.as_str());
    assert_eq!(
        d.contact.email.as_ref().map(|e| e.as_str()),
        Some("jeanne.durand@example.org")
    );

    accept(&registry, for_person("fermeture_situation", rpps(1), Some(&first)), 20).unwrap();
    let closed = registry.dossier(rpps(1)).unwrap();
    let s = closed.situation(&first).unwrap();
    assert_eq!(
        (s.date_fin_fonction.map(|d| d.to_string()), s.motif_fin.as_deref()),
        (Some("2026-11-01".into()), Some("CHA"))
    );

    accept(
        &registry,
        for_person("annulation_situation", rpps(1), Some(added.as_str())),
        30,
    )
    .unwrap();
    assert!(registry.dossier(rpps(1)).unwrap().situation(added.as_str()).is_none());

    accept(
        &registry,
        for_person("modification_nom_prenom_exercice", rpps(1), None),
        40,
    )
    .unwrap();
    let d = registry.dossier(rpps(1)).unwrap();
    assert_eq!(
        (d.nom_exercice.as_deref(), d.prenom_exercice.as_deref()),
        (Some("DURAND"), Some("Nathalie"))
    );

    let mut mobile = for_person("modification_informations", rpps(1), None);
    mobile.contact.as_mut().unwrap().email = None;
    mobile.contact.as_mut().unwrap().telephone_mobile = Some("0692123456".parse().unwrap());
    accept(&registry, mobile, 50).unwrap();
    let d = registry.dossier(rpps(1)).unwrap();
    assert_eq!(
        d.contact.email.as_ref().map(|e| e.as_str()),
        Some("jeanne.durand@example.org"),
        "kept"
    );
    assert_eq!(
        d.contact.telephone_mobile.map(|m| m.to_string()),
        Some("+262692123456".into())
    );
    assert_eq!(d.etat_civil, etat_civil, "the état civil never changes");
    assert_eq!(d.rpps, rpps(1));
}

#[test]
fn a_dossier_refuses_what_it_cannot_take_before_anything_changes() {
    let (registry, first) = registered();
    // A second open situation at the same structure with the same profession.
    let mut same = for_person("ajout_situation", rpps(1), None);
    same.situation.as_mut().unwrap().profession = Some("326".into());
    let numero = play(&registry, G, same, &[cmd(Valider, G)], 10);
    refused(&registry, None, ErrorCode::DossierInconsistent, |r| {
        r.apply_at(numero, cmd(Accepter, R), at(20)).unwrap_err()
    });
    registry
        .apply_at(numero, cmd(RefuserRpps, R).with_motif("doublon"), at(21))
        .unwrap();

    let unknown = play(
        &registry,
        G,
        for_person("fermeture_situation", rpps(1), Some("S9")),
        &[cmd(Valider, G)],
        30,
    );
    refused(&registry, None, ErrorCode::SituationNotFound, |r| {
        let e = r.apply_at(unknown, cmd(Accepter, R), at(40)).unwrap_err();
        assert_eq!(e, WorkflowError::SituationNotFound { id: "S9".into() });
        e
    });
    registry
        .apply_at(unknown, cmd(Rejeter, R).with_motif("situation inconnue"), at(41))
        .unwrap();

    accept(&registry, for_person("fermeture_situation", rpps(1), Some(&first)), 50).unwrap();
    let again = play(
        &registry,
        G,
        for_person("fermeture_situation", rpps(1), Some(&first)),
        &[cmd(Valider, G)],
        60,
    );
    refused(&registry, None, ErrorCode::SituationClosed, |r| {
        r.apply_at(again, cmd(Accepter, R), at(70)).unwrap_err()
    });
}

#[test]
fn a_dossier_json_with_a_missing_situation() {
    // The key is missing: not a dossier.
    let e = Dossier::from_json(br#"{"rpps": "10107985318", "etat_civil": {}, "contact": {}}"#).unwrap_err();
    assert_eq!(e.code(), ErrorCode::InvalidJson);
    // The situation a demande names is missing from the dossier loaded.
    let registry = Registry::in_memory();
    let mut d = dossier(rpps(3));
    d.situations.clear();
    registry
        .import_dossier(Dossier::from_json(d.to_json().as_bytes()).unwrap())
        .unwrap();
    let closing = play(
        &registry,
        G,
        for_person("fermeture_situation", rpps(3), Some("S1")),
        &[cmd(Valider, G)],
        0,
    );
    refused(&registry, None, ErrorCode::SituationNotFound, |r| {
        r.apply_at(closing, cmd(Accepter, R), at(9)).unwrap_err()
    });
    // Ids repeated, a date de fin before its start.
    let mut twice = dossier(rpps(3));
    twice.situations.push(twice.situations[0].clone());
    twice.situations[1].date_fin_fonction = Some("2023-01-01".parse().unwrap());
    assert_eq!(
        Dossier::from_json(twice.to_json().as_bytes()).unwrap_err().code(),
        ErrorCode::DossierInconsistent
    );
    twice.situations[1].id = "S2".into();
    twice.situations[1].date_fin_fonction = Some("2020-01-01".parse().unwrap());
    let e = Dossier::from_json(twice.to_json().as_bytes()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the dossier would be inconsistent: situation S2: the end date is before the start date"
    );
}

#[test]
fn unknown_demandes_and_refusals_change_nothing() {
    let (registry, _) = registered();
    refused(&registry, None, ErrorCode::DemandeNotFound, |r| {
        r.apply_at("P20990101000000".parse().unwrap(), cmd(Valider, G), at(1))
            .unwrap_err()
    });
    let numero = play(&registry, G, primo(), &[], 10);
    refused(&registry, None, ErrorCode::TransitionRefused, |r| {
        r.apply_at(numero, cmd(Soumettre, P), at(11)).unwrap_err()
    });
    refused(&registry, None, ErrorCode::TimeBackwards, |r| {
        r.apply_at(numero, cmd(Valider, G), at(1)).unwrap_err()
    });
}

// --- the journal -------------------------------------------------------------------------

/// A journal with every kind of line: an import, creations, edits, refusals left out,
/// accepted procedures, a discarded demande.
fn busy_journal(path: &PathBuf) -> Registry {
    let registry = Registry::open_with(path, Durability::Flush).unwrap();
    registry.import_dossier(dossier(rpps(2))).unwrap();
    let primo_numero = play(
        &registry,
        G,
        primo(),
        &[cmd(Valider, G), cmd(Accepter, R).with_rpps(rpps(1))],
        0,
    );
    let mut edited = primo_fc();
    edited.situation.as_mut().unwrap().role = Some("GENR09".into());
    play(
        &registry,
        P,
        primo_fc(),
        &[Command::modifier(P, edited), cmd(Soumettre, P), cmd(Abandonner, P)],
        10,
    );
    let _ = registry.apply_at(primo_numero, cmd(Valider, G), at(20)).unwrap_err();
    play(
        &registry,
        G,
        for_person("ajout_situation", rpps(2), None),
        &[cmd(Annuler, G)],
        30,
    );
    play(
        &registry,
        P,
        for_person("modification_informations", rpps(2), None),
        &[cmd(Accepter, R)],
        40,
    );
    registry
}

#[test]
fn a_reopened_journal_is_the_same_registry() {
    let path = journal_path("reopen");
    let registry = busy_journal(&path);
    let expected = state(&registry);
    drop(registry);
    let reopened = Registry::open(&path).unwrap();
    assert_eq!(reopened.torn_tail(), None);
    assert_eq!(state(&reopened), expected);
    assert_eq!(
        state(&Registry::replay(&std::fs::read(&path).unwrap()).unwrap()),
        expected
    );
    // It goes on where it stopped: numbers and pending demandes included.
    assert_eq!(reopened.pending(rpps(2)), None);
    let n = reopened.create_at(Command::creer(G, primo()), at(0)).unwrap();
    assert!(expected.0.iter().all(|t| t.numero() != n));
    assert_eq!(n.as_str(), "P20261123092959", "09:30:00 is the journal's");
}

#[test]
fn a_journal_cut_at_any_byte_reopens_to_its_complete_lines() {
    let path = journal_path("full");
    drop(busy_journal(&path));
    let full = std::fs::read(&path).unwrap();
    let ends: Vec<usize> = full
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
        .collect();
    // The registry after each number of complete lines.
    let states: Vec<_> = (0..=ends.len())
        .map(|n| state(&Registry::replay(&full[..if n == 0 { 0 } else { ends[n - 1] }]).unwrap()))
        .collect();
    for len in 0..=full.len() {
        // A new file each time (rewriting one would make ext4 flush it at every step).
        let cut = journal_path(&format!("cut-{len}"));
        std::fs::write(&cut, &full[..len]).unwrap();
        let registry = Registry::open_with(&cut, Durability::Flush).unwrap();
        let complete = ends.iter().filter(|&&e| e <= len).count();
        let kept = if complete == 0 { 0 } else { ends[complete - 1] };
        let torn = (len > kept).then_some(TornTail {
            line: complete + 1,
            bytes: len - kept,
        });
        assert_eq!(registry.torn_tail(), torn, "cut at {len}");
        assert_eq!(state(&registry), states[complete], "cut at {len}");
        assert_eq!(std::fs::read(&cut).unwrap(), &full[..kept], "the torn tail is cut off");
        std::fs::remove_file(&cut).unwrap();
    }
}

#[test]
fn a_torn_tail_is_cut_before_the_next_append() {
    let path = journal_path("torn");
    drop(busy_journal(&path));
    let mut bytes = std::fs::read(&path).unwrap();
    let complete = bytes.len();
    bytes.extend_from_slice(br#"{"numero":"P2026112309"#);
    std::fs::write(&path, &bytes).unwrap();
    let registry = Registry::open(&path).unwrap();
    assert_eq!(registry.torn_tail().map(|t| t.bytes), Some(22));
    registry.create_at(Command::creer(G, primo()), at(90)).unwrap();
    drop(registry);
    let reopened = Registry::open(&path).unwrap();
    assert_eq!(reopened.torn_tail(), None);
    assert!(std::fs::read(&path).unwrap().len() > complete);
}

/// The journal of [`busy_journal`] with its lines changed by `edit`, opened.
fn open_edited(name: &str, edit: impl FnOnce(&mut Vec<String>)) -> WorkflowError {
    let path = journal_path(name);
    drop(busy_journal(&path));
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    edit(&mut lines);
    let edited = lines.join("\n") + "\n";
    std::fs::write(&path, &edited).unwrap();
    let e = Registry::open(&path).err().expect("refused");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        edited,
        "a refused journal is left as it is"
    );
    e
}

fn at_line(e: &WorkflowError) -> (usize, ErrorCode) {
    match e {
        WorkflowError::JournalCorrupt { line, cause } => (*line, cause.code()),
        other => panic!("not a journal error: {other}"),
    }
}

#[test]
fn journals_edited_by_hand_are_refused_with_their_line() {
    let e = open_edited("reordered", |l| l.swap(2, 3));
    assert_eq!(at_line(&e), (3, ErrorCode::TransitionRefused));
    let e = open_edited("step", |l| {
        *l = vec![l[0].clone(), l[1].replace("en_cours_enregistrement", "envoyee_rpps")]
    });
    assert_eq!(at_line(&e), (2, ErrorCode::StepMismatch));
    let e = open_edited("event", |l| l[2] = l[2].replace("\"valider\"", "\"valide\""));
    assert_eq!(at_line(&e), (3, ErrorCode::UnknownEvent));
    let e = open_edited("actor", |l| l[2] = l[2].replace("\"gestionnaire\"", "\"directeur\""));
    assert_eq!(at_line(&e), (3, ErrorCode::UnknownActor));
    let e = open_edited("rpps", |l| l[3] = l[3].replace(rpps(1).as_str(), "10000000010"));
    assert_eq!(at_line(&e), (4, ErrorCode::InvalidRpps));
    let e = open_edited("duplicated", |l| l.insert(2, l[1].clone()));
    assert_eq!(at_line(&e), (3, ErrorCode::DuplicateNumero));
    let e = open_edited("missing", |l| {
        l.remove(1);
    });
    assert_eq!(at_line(&e), (2, ErrorCode::DemandeNotFound));
    let e = open_edited("time", |l| l[2] = l[2].replace("09:31:00Z", "09:29:00Z"));
    assert_eq!(at_line(&e), (3, ErrorCode::TimeBackwards));
    let e = open_edited("json", |l| l[4].truncate(10));
    assert_eq!(at_line(&e), (5, ErrorCode::InvalidJson));
    let e = open_edited("blank", |l| l.insert(1, String::new()));
    assert_eq!(at_line(&e), (2, ErrorCode::InvalidJson));
    let e = open_edited("fc", |l| {
        let i = l.iter().position(|x| x.contains("\"modifier\"")).unwrap();
        l[i] = l[i].replace("\"MARTIN\"", "\"MARTINEZ\"");
    });
    assert_eq!(
        e.cause().code(),
        ErrorCode::GuardFailed,
        "an edit of a FranceConnect field"
    );
    for text in [e.to_string(), e.message_fr(), format!("{e:?}")] {
        assert!(!text.contains("MARTIN"), "{text}");
    }
}

#[test]
fn a_refused_call_leaves_the_journal_as_before() {
    let path = journal_path("refusals");
    let registry = busy_journal(&path);
    let numero = play(&registry, G, primo(), &[], 60);
    refused(&registry, Some(&path), ErrorCode::TransitionRefused, |r| {
        r.apply_at(numero, cmd(Accepter, R), at(61)).unwrap_err()
    });
    refused(&registry, Some(&path), ErrorCode::GuardFailed, |r| {
        let mut fc = primo();
        fc.procedure = None;
        r.apply_at(numero, Command::modifier(G, fc), at(61)).unwrap_err()
    });
    play(&registry, G, for_person("ajout_situation", rpps(2), None), &[], 61);
    refused(&registry, Some(&path), ErrorCode::PendingDemande, |r| {
        r.create_at(Command::creer(G, for_person("ajout_situation", rpps(2), None)), at(62))
            .unwrap_err()
    });
}

#[test]
fn a_journal_with_a_demande_naming_no_situation() {
    // Validation requires the id of the situation a fermeture closes; a replay does not
    // validate, and a journal edited by hand may lack it: `accepter` is refused for that.
    let path = journal_path("no-situation-id");
    let registry = Registry::open(&path).unwrap();
    registry.import_dossier(dossier(rpps(3))).unwrap();
    let closing = for_person("fermeture_situation", rpps(3), Some("S1"));
    accept(&registry, closing, 0).unwrap();
    drop(registry);
    let mut lines: Vec<String> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    // Line 1 imports the dossier, line 2 creates the demande.
    assert!(lines[1].contains(r#""id":"S1""#));
    lines[1] = lines[1].replace(r#""id":"S1""#, r#""id":null"#);
    let edited = lines.join("\n") + "\n";
    let e = Registry::replay(edited.as_bytes()).err().expect("refused");
    assert_eq!(at_line(&e), (4, ErrorCode::GuardFailed), "the line of accepter");
    let finding = &e.report().unwrap().findings()[0];
    assert_eq!(
        (finding.path.to_string(), finding.code.as_str()),
        ("situation.id".into(), "required")
    );
}

#[test]
fn a_journal_opens_in_one_registry_at_a_time() {
    let path = journal_path("locked");
    let registry = Registry::open(&path).unwrap();
    let e = Registry::open_with(&path, Durability::Flush).err().expect("locked");
    assert_eq!(e, WorkflowError::JournalLocked);
    assert_eq!(e.code().as_str(), "journal_locked");
    assert_eq!(
        (e.to_string().as_str(), e.message_fr().as_str()),
        (
            "the journal is open in another registry (one process at a time)",
            "le journal est ouvert par un autre registre (un processus à la fois)"
        )
    );
    registry.create_at(Command::creer(G, primo()), at(0)).unwrap();
    drop(registry);
    let reopened = Registry::open(&path).expect("the lock goes with the registry");
    assert_eq!(reopened.demandes().len(), 1);
}

#[test]
fn an_unwritable_journal_is_a_typed_error() {
    let dir = journal_path("dir");
    std::fs::create_dir_all(&dir).unwrap();
    let e = Registry::open(&dir).err().expect("a directory is no journal");
    assert_eq!(e.code(), ErrorCode::JournalIo);
    std::fs::remove_dir(&dir).unwrap();
}

// --- threads -----------------------------------------------------------------------------

struct Fixed(DateTime<Utc>);

impl Clock for Fixed {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

#[test]
fn threads_share_a_registry_without_losing_an_update() {
    let path = journal_path("threads");
    let registry = Arc::new(
        Registry::open_with(&path, Durability::Flush)
            .unwrap()
            .with_clock(Fixed(at(0))),
    );
    let people: Vec<Rpps> = (10..14).map(rpps).collect();
    for &p in &people {
        registry.import_dossier(dossier(p)).unwrap();
    }
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let registry = Arc::clone(&registry);
            let people = people.clone();
            std::thread::spawn(move || {
                let mut applied = 0;
                for i in 0..50 {
                    let person = people[(t + i) % people.len()];
                    let demande = for_person("modification_informations", person, None);
                    let Ok(numero) = registry.create(Command::creer(G, demande)) else {
                        continue; // another thread's demande is pending
                    };
                    applied += 1;
                    for c in [cmd(Valider, G), cmd(Accepter, R)] {
                        if registry.apply(numero, c).is_ok() {
                            applied += 1;
                        }
                    }
                }
                applied
            })
        })
        .collect();
    let applied: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    let demandes = registry.demandes();
    assert_eq!(
        demandes.iter().map(|t| t.history().len()).sum::<usize>(),
        applied,
        "no update lost"
    );
    assert!(demandes.len() >= 4);
    for &p in &people {
        let pending = demandes
            .iter()
            .filter(|t| t.rpps() == Some(p) && !t.is_terminal())
            .count();
        assert!(pending <= 1);
    }
    assert!(demandes.iter().all(|t| t.status() == Some(Status::ValideeRpps)));
    let mut numbers: Vec<_> = demandes.iter().map(|t| t.numero()).collect();
    numbers.dedup();
    assert_eq!(numbers.len(), demandes.len(), "numbers unique");
    drop(registry);
    assert_eq!(
        state(&Registry::open(&path).unwrap()).0,
        demandes,
        "the journal has every update, in order"
    );
}
