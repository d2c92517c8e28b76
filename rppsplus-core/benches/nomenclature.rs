//! Nomenclature hot paths: NOS code lookup, value-set check (at today's version and at an
//! earlier one), the list of a value set at a date, commune code lookup and the commune
//! autocomplete against a naive linear scan of the same data.
//!
//! Run: `cargo bench -p rppsplus-core --bench nomenclature`. The p99 of the autocomplete
//! and the first-use time come from `cargo run --release -p rppsplus-core --example
//! autocomplete_latency`. Figures go in BENCHMARKS.md.
#![allow(missing_docs)] // criterion_group! generates undocumented items

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use rppsplus_core::nomenclature::{self, commune};

fn codes(c: &mut Criterion) {
    let r85 = nomenclature::table("TRE_R85-RolePriseCharge").expect("embedded");
    let j121 = nomenclature::portal_value_set("profession").expect("embedded");
    let at = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let earlier = NaiveDate::from_ymd_opt(2022, 9, 5).expect("date");
    let mut group = c.benchmark_group("nos");
    group.bench_function("Table::get(326)", |b| b.iter(|| r85.get(black_box("326"))));
    group.bench_function("ValueSet::check(326)", |b| b.iter(|| j121.check(black_box("326"), at)));
    group.bench_function("ValueSet::check(323, 2022-09-05)", |b| {
        b.iter(|| j121.check(black_box("323"), black_box(earlier)))
    });
    group.bench_function("list(profession)", |b| {
        b.iter(|| nomenclature::list(black_box("profession"), at).map(|l| l.len()))
    });
    group.bench_function("commune::get(13203)", |b| b.iter(|| commune::get(black_box("13203"))));
    group.bench_function("commune::resolve(20004)", |b| {
        b.iter(|| commune::resolve(black_box("20004")))
    });
    group.finish();
}

fn autocomplete(c: &mut Criterion) {
    let queries = [
        "mar",
        "marseille 3",
        "st etienne",
        "saint",
        "bou",
        "l hay les",
        "ajaccio",
        "y",
    ];
    let mut group = c.benchmark_group("commune_search_10");
    group.bench_function("indexed search", |b| {
        b.iter(|| {
            queries
                .iter()
                .map(|q| commune::search(black_box(q), 10).len())
                .sum::<usize>()
        })
    });
    group.sample_size(10);
    group.bench_function("naive linear scan", |b| {
        b.iter(|| {
            queries
                .iter()
                .map(|q| commune::naive_search(black_box(q), 10).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, codes, autocomplete);
criterion_main!(benches);
