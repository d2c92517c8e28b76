//! Hot paths of identifier parsing, with the `luhn` crate as the comparison baseline.
//!
//! Run: `cargo bench -p rppsplus-core --bench ids`. Figures go in BENCHMARKS.md.

#![allow(missing_docs)] // criterion_group! generates undocumented items

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rppsplus_core::ids::{IdKind, Mode, Rpps, check, check_with, luhn as strict_luhn};

/// 1024 RPPS-shaped strings: valid numbers built from sequential payloads, one in eight
/// with its key broken (a realistic error rate for typed data).
fn rpps_inputs() -> Vec<String> {
    (0..1024u64)
        .map(|i| {
            let payload = format!("1{:09}", 10_798_531 + i * 7919);
            let key = strict_luhn::check_digit(payload.as_bytes()).expect("digits");
            let key = if i % 8 == 0 { b'0' + (key - b'0' + 1) % 10 } else { key };
            format!("{payload}{}", key as char)
        })
        .collect()
}

fn rpps(c: &mut Criterion) {
    let inputs = rpps_inputs();
    let mut group = c.benchmark_group("rpps_1024");
    group.throughput(Throughput::Elements(inputs.len() as u64));
    group.bench_function("rppsplus Rpps::parse", |b| {
        b.iter(|| inputs.iter().filter(|s| Rpps::parse(black_box(s)).is_ok()).count())
    });
    group.bench_function("luhn crate valid()", |b| {
        b.iter(|| inputs.iter().filter(|s| luhn::valid(black_box(s))).count())
    });
    group.bench_function("rppsplus check(rpps)", |b| {
        b.iter(|| {
            inputs
                .iter()
                .filter(|s| check(IdKind::Rpps, black_box(s), Mode::Strict).is_valid())
                .count()
        })
    });
    // The Arrow face's path: the canonical form written into a buffer, not kept.
    group.bench_function("rppsplus check_with(rpps) into a buffer", |b| {
        let mut column = Vec::with_capacity(inputs.len() * 11);
        b.iter(|| {
            column.clear();
            inputs
                .iter()
                .filter(|s| {
                    check_with(IdKind::Rpps, black_box(s), Mode::Strict, |c| {
                        column.extend_from_slice(c.as_bytes())
                    })
                    .is_ok()
                })
                .count()
        })
    });
    group.finish();
}

fn other_kinds(c: &mut Criterion) {
    let samples = [
        (IdKind::IdNat, "810107985318"),
        (IdKind::Finess, "970405593"),
        (IdKind::Siret, "73282932000074"),
        (IdKind::Phone, "06 12 34 56 78"),
        (IdKind::Email, "nathalie.dupont@example.org"),
        (IdKind::Numero, "P20220905011141"),
    ];
    let mut group = c.benchmark_group("check");
    for (kind, value) in samples {
        group.bench_with_input(BenchmarkId::from_parameter(kind.as_str()), value, |b, v| {
            b.iter(|| check(kind, black_box(v), Mode::Strict))
        });
    }
    group.finish();
}

criterion_group!(benches, rpps, other_kinds);
criterion_main!(benches);
