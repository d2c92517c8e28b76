//! The core's own rate of checking identifiers, for the benchmarks of the faces that call it
//! (`benches/python/bench_check.py` runs this on its values, in the same run):
//!
//! ```text
//! cargo run --release -p rppsplus-core --example check_rate -- VALUES_FILE [KIND] [REPEAT]
//! ```
//!
//! Reads one value per line, checks every value with `ids::check` (the entry point of the C,
//! Python and Arrow faces) and reads its outcome (the canonical form or the error, as every
//! face does), REPEAT times (default 5), and prints the best time.

use std::hint::black_box;
use std::time::{Duration, Instant};

use rppsplus_core::ids::{IdKind, Mode, check};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: check_rate VALUES_FILE [KIND] [REPEAT]")?;
    let kind: IdKind = args.next().as_deref().unwrap_or("rpps").parse()?;
    let repeat: u32 = args.next().as_deref().unwrap_or("5").parse()?;
    let text = std::fs::read_to_string(path)?;
    let values: Vec<&str> = text.lines().collect();
    let mut best = Duration::MAX;
    let mut valid = 0;
    for _ in 0..repeat {
        let start = Instant::now();
        valid = values
            .iter()
            .filter(|v| black_box(check(kind, black_box(v), Mode::Strict).result()).is_ok())
            .count();
        best = best.min(start.elapsed());
    }
    let ns = best.as_secs_f64() * 1e9 / values.len().max(1) as f64;
    println!(
        "core ids::check({kind}): {} values, {valid} valid, best of {repeat}: {:.1} ms ({ns:.1} ns/value)",
        values.len(),
        best.as_secs_f64() * 1e3,
        kind = kind.as_str(),
    );
    Ok(())
}
