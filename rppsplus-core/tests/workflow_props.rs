//! Properties of the lifecycle: random event sequences never leave the table, never lose
//! history, refusals change nothing, and serialise → load → replay (of a demande, of a
//! registry's journal) is the identity.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use proptest::prelude::*;
use rppsplus_core::demande::{Actor, Demande};
use rppsplus_core::workflow::journal::Durability;
use rppsplus_core::workflow::{Command, Event, Registry, TRANSITIONS, Tracked};

/// One random command: event (any, or — `allowed` — one the actor may send now, so that
/// sequences go deep), actor, motif (none, blank, given), RPPS number (none, one of three),
/// content (none, an allowed edit, an edit of a FranceConnect field).
#[derive(Debug, Clone)]
struct Op {
    allowed: bool,
    event: usize,
    actor: usize,
    motif: u8,
    rpps: u8,
    content: u8,
    minutes: i64,
}

fn op() -> impl Strategy<Value = Op> {
    (
        any::<bool>(),
        0..Event::ALL.len(),
        0..Actor::ALL.len(),
        0..3u8,
        0..4u8,
        0..3u8,
        0..3i64,
    )
        .prop_map(|(allowed, event, actor, motif, rpps, content, minutes)| Op {
            allowed,
            event,
            actor,
            motif,
            rpps,
            content,
            minutes,
        })
}

/// The content a creation starts from: 0 a typed primo, 1 a FranceConnect primo, 2 a
/// professional's update.
fn start(kind: u8) -> (Actor, Demande) {
    match kind {
        0 => (Actor::Gestionnaire, primo()),
        1 => (Actor::Professionnel, primo_fc()),
        _ => (
            Actor::Professionnel,
            for_person("modification_informations", rpps(1), None),
        ),
    }
}

fn command(op: &Op, base: &Demande, now: Option<&Tracked>) -> Command {
    let actor = Actor::ALL[op.actor];
    let allowed = now.map(|t| t.allowed(actor)).unwrap_or_default();
    let event = if op.allowed && !allowed.is_empty() {
        allowed[op.event % allowed.len()]
    } else {
        Event::ALL[op.event]
    };
    // An allowed event mostly comes with the arguments it takes.
    let fitting = op.allowed && !allowed.is_empty();
    let mut c = Command::new(event, actor);
    c.motif = [None, Some(" ".to_owned()), Some("motif".to_owned())][usize::from(op.motif)].clone();
    c.rpps = (op.rpps > 0 && (!fitting || event == Event::Accepter)).then(|| rpps(u32::from(op.rpps)));
    let content = if fitting && event != Event::Modifier {
        0
    } else {
        op.content
    };
    c.demande = match content {
        0 => None,
        1 => {
            let mut d = base.clone();
            d.situation.get_or_insert_default().role = Some("GENR09".into());
            Some(Box::new(d))
        }
        _ => {
            let mut d = base.clone();
            d.etat_civil.get_or_insert_default().nom_usage = Some("DURAND".into());
            Some(Box::new(d))
        }
    };
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_sequences_stay_in_the_table(kind in 0..3u8, ops in proptest::collection::vec(op(), 0..40)) {
        let (actor, demande) = start(kind);
        let event = if kind == 2 { Event::Envoyer } else { Event::Creer };
        let mut t = Tracked::create_at(
            Command::new(event, actor).with_demande(demande.clone()),
            "P20261123093000".parse().unwrap(),
            at(0),
        ).unwrap();
        let mut minute = 0;
        for op in &ops {
            minute += op.minutes;
            let before = t.clone();
            match t.apply_at(command(op, &demande, Some(&before)), at(minute)) {
                Ok(entry) => {
                    let entry = entry.clone();
                    prop_assert_eq!(entry.from, before.status());
                    prop_assert!(!before.is_discarded());
                    prop_assert!(TRANSITIONS.iter().any(|r| (r.event, r.actor, r.from, r.to)
                        == (entry.event, entry.actor, entry.from, entry.to)));
                    prop_assert_eq!(&t.history()[..before.history().len()], before.history());
                    prop_assert_eq!(t.history().len(), before.history().len() + 1);
                    prop_assert_eq!(t.status(), entry.to);
                }
                Err(_) => prop_assert_eq!(&t, &before),
            }
            for pair in t.history().windows(2) {
                prop_assert_eq!(pair[0].to, pair[1].from);
                prop_assert!(pair[0].at <= pair[1].at);
            }
        }
        prop_assert_eq!(Tracked::from_json(t.to_json().as_bytes()).unwrap(), t);
    }
}

/// A new journal path for each case.
fn journal_path() -> std::path::PathBuf {
    static CASE: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!("rppsplus-props-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{}.jsonl", CASE.fetch_add(1, Ordering::Relaxed)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_registry_is_the_fold_of_its_journal(
        creations in proptest::collection::vec((0..3u8, 1..4u8), 1..6),
        ops in proptest::collection::vec((0..6usize, op()), 0..60),
    ) {
        let path = journal_path();
        let registry = Registry::open_with(&path, Durability::Flush).unwrap();
        for p in 1..4 {
            registry.import_dossier(dossier(rpps(p))).unwrap();
        }
        let mut numbers = Vec::new();
        for (kind, person) in &creations {
            let (actor, mut demande) = start(*kind);
            if *kind == 2 {
                demande.rpps = Some(rpps(u32::from(*person)));
            }
            let event = if *kind == 2 { Event::Envoyer } else { Event::Creer };
            if let Ok(n) = registry.create_at(Command::new(event, actor).with_demande(demande), at(0)) {
                numbers.push((n, start(*kind).1));
            }
        }
        let mut minute = 0;
        for (which, op) in &ops {
            minute += op.minutes;
            if let Some((numero, base)) = numbers.get(which % numbers.len().max(1)) {
                let now = registry.demande(*numero);
                let _ = registry.apply_at(*numero, command(op, base, now.as_ref()), at(minute));
            }
        }
        let demandes = registry.demandes();
        for p in 1..4 {
            let pending = demandes.iter().filter(|t| t.rpps() == Some(rpps(p)) && !t.is_terminal()).count();
            prop_assert!(pending <= 1);
        }
        let journal = std::fs::read(&path).unwrap();
        let replayed = Registry::replay(&journal).unwrap();
        prop_assert_eq!(replayed.demandes(), demandes);
        prop_assert_eq!(replayed.dossiers(), registry.dossiers());
        std::fs::remove_file(&path).unwrap();
    }
}
