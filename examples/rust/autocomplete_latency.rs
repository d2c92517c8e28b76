//! Latency of the commune autocomplete over 10 000 realistic prefixes (p50, p99, max), the
//! first-use (lazy initialisation) time, and the same queries through a naive linear scan:
//! `cargo run --release -p rppsplus-core --example autocomplete_latency`.

use std::time::{Duration, Instant};

use rppsplus_core::nomenclature::{commune, fold};

/// A deterministic pseudo-random sequence (no dependency, same queries on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % bound
    }
}

/// What users type: the first 2 to 12 characters of a commune's name, accents and case as
/// the name has them, with `st` for `saint` one time in four.
fn queries(n: usize) -> Vec<String> {
    let all: Vec<_> = commune::all().collect();
    let mut rng = Lcg(42);
    (0..n)
        .map(|_| {
            let name = all[rng.next(all.len())].name();
            let chars: Vec<char> = name.chars().collect();
            let len = 2 + rng.next(11);
            let prefix: String = chars.iter().take(len).collect();
            if rng.next(4) == 0 {
                prefix.replacen("Saint", "st", 1)
            } else {
                prefix
            }
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let start = Instant::now();
    let first = commune::search("marseille 3", 10);
    let first_use = start.elapsed();
    assert_eq!(first[0].code(), "13203");

    let qs = queries(10_000);
    let mut timed: Vec<(Duration, &String)> = qs
        .iter()
        .map(|q| {
            let t = Instant::now();
            let hits = commune::search(q, 10);
            let elapsed = t.elapsed();
            assert!(!hits.is_empty() || fold(q).is_empty(), "no hit for {q:?}");
            (elapsed, q)
        })
        .collect();
    timed.sort();
    if std::env::var_os("SLOWEST").is_some() {
        for (t, q) in timed.iter().rev().take(15) {
            println!("{t:?}\t{q:?}");
        }
    }
    let times: Vec<Duration> = timed.iter().map(|(t, _)| *t).collect();
    let naive_sample = &qs[..200];
    let t = Instant::now();
    for q in naive_sample {
        std::hint::black_box(commune::naive_search(q, 10));
    }
    let naive_mean = t.elapsed() / naive_sample.len() as u32;
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    println!("first use (lazy initialisation + first query): {first_use:?}");
    println!(
        "indexed search, {} queries: mean {mean:?}, p50 {:?}, p99 {:?}, max {:?}",
        times.len(),
        percentile(&times, 0.50),
        percentile(&times, 0.99),
        times[times.len() - 1]
    );
    println!(
        "naive linear scan, first {} queries: mean {naive_mean:?}",
        naive_sample.len()
    );
    println!(
        "ratio naive/indexed (means): {:.0}x",
        naive_mean.as_secs_f64() / mean.as_secs_f64()
    );
}
