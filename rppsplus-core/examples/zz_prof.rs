#![allow(missing_docs)]
use chrono::NaiveDate;
use rppsplus_core::demande::{Demande, Options, validate, validate_json};
const PRIMO: &str = include_str!("/tmp/primo.json");
fn main() {
    let what = std::env::args().nth(1).unwrap_or_default();
    let n: usize = std::env::args().nth(2).map_or(100_000, |s| s.parse().unwrap());
    let options = Options {
        reference_date: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        ..Options::default()
    };
    let parsed: Demande = serde_json::from_str(PRIMO).unwrap();
    let t = std::time::Instant::now();
    let mut valid = 0;
    for _ in 0..n {
        let ok = match what.as_str() {
            "json" => validate_json(std::hint::black_box(PRIMO.as_bytes()), &options).is_valid(),
            "typed" => validate(std::hint::black_box(&parsed), &options).is_valid(),
            "serde" => serde_json::from_str::<Demande>(std::hint::black_box(PRIMO)).is_ok(),
            "value" => serde_json::from_str::<serde_json::Value>(std::hint::black_box(PRIMO)).is_ok(),
            "ignored" => serde_json::from_str::<serde::de::IgnoredAny>(std::hint::black_box(PRIMO)).is_ok(),
            _ => panic!("json|typed|serde|value|ignored"),
        };
        valid += ok as usize;
    }
    let e = t.elapsed();
    eprintln!("{what}: {valid}/{n} in {:?} = {:.0}/s", e, n as f64 / e.as_secs_f64());
}
