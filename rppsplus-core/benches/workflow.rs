//! The lifecycle: applying a transition (validation excluded; validation itself as the
//! baseline), replaying a journal from a warm file (serde_json reading the same lines into
//! `Value`s as the baseline), and appending to a journal with and without `fsync`. Run:
//! `cargo bench -p rppsplus-core --bench workflow`. Figures go in BENCHMARKS.md.
#![allow(missing_docs)] // criterion_group! generates undocumented items

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use rppsplus_core::demande::{Actor, Demande, Options, validate};
use rppsplus_core::ids::Rpps;
use rppsplus_core::workflow::journal::Durability;
use rppsplus_core::workflow::{Command, Event, Registry, Tracked};

const PRIMO: &str = r#"{
  "procedure": "primo_enregistrement",
  "etat_civil": {"civilite": "MME", "sexe": "F", "nom_naissance": "DUPONT", "prenoms": ["Nathalie"],
    "date_naissance": "1999-05-05", "pays_naissance": "99100", "commune_naissance": "13203", "source": "saisie"},
  "contact": {"email": "nathalie.dupont@example.org", "telephone_mobile": "+33730494959"},
  "situation": {"nom_exercice": "DUPONT", "prenom_exercice": "Nathalie", "structure": {"finess": "970405593"},
    "profession": "326", "role": "GENR08", "date_prise_fonction": "2022-05-02"},
  "confirmations": {"cgu_acceptees": true, "rencontre_en_personne": true}
}"#;

fn primo() -> Demande {
    serde_json::from_str(PRIMO).expect("the demande parses")
}

fn at(seconds: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap() + TimeDelta::seconds(seconds)
}

fn rpps(n: u64) -> Rpps {
    Rpps::from_sequence(&(1_000_000_000 + n).to_string()).expect("a valid RPPS")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rppsplus-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    path
}

fn transitions(c: &mut Criterion) {
    let sent = {
        let mut t = Tracked::create_at(
            Command::creer(Actor::Gestionnaire, primo()),
            "P20261123093000".parse().unwrap(),
            at(0),
        )
        .expect("created");
        t.apply_at(Command::new(Event::Valider, Actor::Gestionnaire), at(1))
            .expect("valid");
        t
    };
    let options = Options {
        reference_date: at(0).date_naive(),
        ..Options::default()
    };
    let mut group = c.benchmark_group("transition");
    group.throughput(Throughput::Elements(1));
    group.bench_function("Tracked::apply_at accepter (assigns the RPPS number)", |b| {
        b.iter_batched(
            || sent.clone(),
            |mut t| {
                t.apply_at(Command::new(Event::Accepter, Actor::Rpps).with_rpps(rpps(1)), at(2))
                    .map(drop)
                    .expect("applies");
                t
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("Tracked::apply_at refused (names the allowed events)", |b| {
        let mut t = sent.clone();
        b.iter(|| {
            t.apply_at(black_box(Command::new(Event::Soumettre, Actor::Rpps)), at(2))
                .is_err()
        })
    });
    group.bench_function("Registry::apply_at abandonner (in memory, 10 000 demandes)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            let mut left = iters;
            while left > 0 {
                let n = left.min(10_000);
                let registry = Registry::in_memory();
                let mut fc = primo();
                fc.etat_civil.as_mut().unwrap().source = Some("franceconnect".parse().unwrap());
                let numbers: Vec<_> = (0..n)
                    .map(|_| {
                        registry
                            .create_at(Command::creer(Actor::Professionnel, fc.clone()), at(0))
                            .unwrap()
                    })
                    .collect();
                let start = Instant::now();
                for numero in numbers {
                    registry
                        .apply_at(numero, Command::new(Event::Abandonner, Actor::Professionnel), at(1))
                        .expect("applies");
                }
                total += start.elapsed();
                left -= n;
            }
            total
        })
    });
    group.bench_function("baseline: validate (the guard of soumettre and valider)", |b| {
        let d = primo();
        b.iter(|| validate(black_box(&d), &options))
    });
    group.finish();
}

/// A journal of `people` primo enregistrements by the gestionnaire (created, validated,
/// accepted), each followed by a professional's update sent and accepted: five events a
/// person, two with content.
fn journal(people: u64) -> PathBuf {
    let path = scratch("replay.jsonl");
    let registry = Registry::open_with(&path, Durability::Flush).expect("a journal");
    let update: Demande = serde_json::from_str(
        r#"{"procedure": "modification_informations", "rpps": "10107985318",
            "contact": {"email": "n.dupont@example.org"}, "confirmations": {"cgu_acceptees": true}}"#,
    )
    .unwrap();
    for i in 0..people {
        let s = i as i64 * 10;
        let n = registry
            .create_at(Command::creer(Actor::Gestionnaire, primo()), at(s))
            .unwrap();
        registry
            .apply_at(n, Command::new(Event::Valider, Actor::Gestionnaire), at(s + 1))
            .unwrap();
        registry
            .apply_at(
                n,
                Command::new(Event::Accepter, Actor::Rpps).with_rpps(rpps(i)),
                at(s + 2),
            )
            .unwrap();
        let mut mine = update.clone();
        mine.rpps = Some(rpps(i));
        let u = registry
            .create_at(
                Command::new(Event::Envoyer, Actor::Professionnel).with_demande(mine),
                at(s + 3),
            )
            .unwrap();
        registry
            .apply_at(u, Command::new(Event::Accepter, Actor::Rpps), at(s + 4))
            .unwrap();
    }
    path
}

fn replay(c: &mut Criterion) {
    let people = 20_000;
    let path = journal(people);
    let bytes = std::fs::read(&path).unwrap();
    let events = bytes.iter().filter(|&&b| b == b'\n').count() as u64;
    assert_eq!(events, people * 5);
    let mut group = c.benchmark_group("replay");
    group.throughput(Throughput::Elements(events));
    group.sample_size(10);
    group.bench_function("Registry::open (warm file, 100 000 events)", |b| {
        b.iter_with_large_drop(|| Registry::open_with(&path, Durability::Flush).expect("replays"))
    });
    group.bench_function("Registry::replay (bytes in memory)", |b| {
        b.iter_with_large_drop(|| Registry::replay(black_box(&bytes)).expect("replays"))
    });
    group.bench_function("baseline: serde_json::Value of each line", |b| {
        b.iter(|| {
            bytes
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .map(|l| serde_json::from_slice::<serde_json::Value>(l).expect("JSON"))
                .filter(serde_json::Value::is_object)
                .count()
        })
    });
    group.finish();
}

fn append(c: &mut Criterion) {
    let mut group = c.benchmark_group("append");
    group.throughput(Throughput::Elements(1));
    // (name, durability, events per sync: 0 for none)
    for (name, durability, batch) in [
        ("fsync each", Durability::Fsync, 1),
        ("batches of 100, one sync each", Durability::Flush, 100),
        ("no fsync", Durability::Flush, 0),
    ] {
        if durability == Durability::Fsync {
            group.sample_size(10).measurement_time(Duration::from_secs(10));
        }
        group.bench_function(format!("Registry::create_at, journal {name}"), |b| {
            b.iter_custom(|iters| {
                let path = scratch("append.jsonl");
                let registry = Registry::open_with(&path, durability).expect("a journal");
                let demande = primo();
                let start = Instant::now();
                for i in 1..=iters {
                    registry
                        .create_at(Command::creer(Actor::Gestionnaire, demande.clone()), at(0))
                        .expect("created");
                    if batch > 1 && (i % batch == 0 || i == iters) {
                        registry.sync().expect("synced");
                    }
                }
                start.elapsed()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, transitions, replay, append);
criterion_main!(benches);
