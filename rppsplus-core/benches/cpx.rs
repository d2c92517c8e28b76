//! Reading a CPx card's holder through the whole stack from the simulator (synthetic card),
//! with the certificate parsing alone as the baseline.
//!
//! Run: `cargo bench -p rppsplus-core --bench cpx`. Figures go in BENCHMARKS.md.

#![allow(missing_docs)] // criterion_group! generates undocumented items

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rppsplus_core::cpx::{Cpx, Holder, SimCard};

fn holder(c: &mut Criterion) {
    let mut group = c.benchmark_group("cpx_holder");
    group.bench_function("baseline: Holder::from_certificate (DER parse only)", |b| {
        b.iter(|| Holder::from_certificate(black_box(SimCard::CPS_CERTIFICATE)).is_ok())
    });
    let mut card = Cpx::new(SimCard::cps3());
    group.bench_function("Cpx::holder (13 APDUs, CPS3 simulator)", |b| {
        b.iter(|| card.holder().is_ok())
    });
    let mut card = Cpx::new(SimCard::cps3());
    group.bench_function("Cpx::read (15 APDUs, CPS3 simulator)", |b| {
        b.iter(|| card.read().is_ok())
    });
    group.finish();
}

criterion_group!(benches, holder);
criterion_main!(benches);
