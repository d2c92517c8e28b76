//! Validation throughput: a valid primo enregistrement from a parsed struct and from JSON
//! text, and the rows of a collection file on one core. Run:
//! `cargo bench -p rppsplus-core --bench demande`. Figures go in BENCHMARKS.md.
#![allow(missing_docs)] // criterion_group! generates undocumented items

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rppsplus_core::demande::{Demande, Options, csv_reports, validate, validate_json};

/// The demande of docs/domain.md §4.1.
const PRIMO: &str = r#"{
  "procedure": "primo_enregistrement", "numero": "P20220905011141", "rpps": null,
  "etat_civil": {"civilite": "MME", "sexe": "F", "nom_naissance": "DUPONT", "nom_usage": null,
    "prenoms": ["Nathalie"], "date_naissance": "1999-05-05", "pays_naissance": "99100",
    "commune_naissance": "13203", "lieu_naissance": null, "source": "saisie"},
  "contact": {"email": "nathalie.dupont@example.org", "telephone_mobile": "+33730494959"},
  "situation": {"id": null, "nom_exercice": "DUPONT", "prenom_exercice": "Nathalie",
    "structure": {"finess": "970405593"}, "profession": "326", "role": "GENR08", "mode_exercice": "S",
    "date_prise_fonction": "2022-05-02", "date_fin_fonction": null, "motif_fin": null},
  "confirmations": {"cgu_acceptees": true, "rencontre_en_personne": true}
}"#;

fn demandes(c: &mut Criterion) {
    let options = Options {
        reference_date: NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"),
        ..Options::default()
    };
    let parsed: Demande = serde_json::from_str(PRIMO).expect("the docs example parses");
    assert!(validate(&parsed, &options).is_valid());
    let mut group = c.benchmark_group("primo");
    group.throughput(Throughput::Elements(1));
    group.bench_function("validate (parsed struct)", |b| {
        b.iter(|| validate(black_box(&parsed), &options))
    });
    group.bench_function("validate_json (text)", |b| {
        b.iter(|| validate_json(black_box(PRIMO.as_bytes()), &options))
    });
    group.bench_function("serde_json::from_str::<Demande> (fail-fast typed parse)", |b| {
        b.iter(|| serde_json::from_str::<Demande>(black_box(PRIMO)))
    });
    group.finish();
}

/// The sample collection (49 demandes, valid and invalid, Windows-1252 as Excel writes it),
/// its rows repeated to 14 700 (the repeats are duplicates of the first ones), read and validated by the iterator (one core); the count
/// also has the header's report (its encoding notice).
fn collection(c: &mut Criterion) {
    let options = Options {
        reference_date: NaiveDate::from_ymd_opt(2026, 11, 22).expect("date"),
        ..Options::default()
    };
    let sample = include_bytes!("../../examples/data/demandes.csv");
    let header_end = sample.iter().position(|&b| b == b'\n').expect("a header") + 1;
    let mut file = sample.to_vec();
    for _ in 1..300 {
        file.extend_from_slice(&sample[header_end..]);
    }
    let rows = csv_reports(&file[..], options).count() as u64;
    let mut group = c.benchmark_group("collection");
    group.throughput(Throughput::Elements(rows));
    group.bench_function("csv_reports (rows, one core)", |b| {
        b.iter(|| csv_reports(black_box(&file[..]), options).count())
    });
    group.finish();
}

criterion_group!(benches, demandes, collection);
criterion_main!(benches);
