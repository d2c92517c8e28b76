//! The sample collection (`examples/data/demandes.json` and its CSV twin): the reports are
//! snapshotted, and the CSV gives the same findings as the JSON.

use chrono::NaiveDate;
use rppsplus_core::demande::{Options, csv_reports, validate_json_document};

fn options() -> Options {
    Options {
        reference_date: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
        ..Options::default()
    }
}

const JSON: &[u8] = include_bytes!("../../examples/data/demandes.json");
const CSV: &[u8] = include_bytes!("../../examples/data/demandes.csv");

#[test]
fn json_sample_reports() {
    let reports = validate_json_document(JSON, &options());
    assert_eq!(reports.len(), 49);
    assert_eq!(reports.iter().filter(|(_, r)| r.is_valid()).count(), 24);
    let shown: Vec<serde_json::Value> = reports
        .iter()
        .map(|(i, r)| serde_json::json!({"index": i, "report": r}))
        .collect();
    insta::assert_json_snapshot!("demandes_json", shown);
}

#[test]
fn csv_twin_gives_the_same_findings() {
    let json = validate_json_document(JSON, &options());
    let csv: Vec<_> = csv_reports(CSV, options())
        .collect::<Result<_, _>>()
        .expect("the sample reads");
    assert_eq!(csv.len(), json.len());
    for ((line, from_csv), (index, from_json)) in csv.iter().zip(&json) {
        assert_eq!(*line, index + 2, "the header is line 1");
        let codes = |r: &rppsplus_core::demande::Report| {
            r.findings()
                .iter()
                .filter(|f| f.code != "encoding_converted")
                .map(|f| (f.path.clone(), f.code))
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(from_csv), codes(from_json), "line {line}");
    }
    let notices = csv
        .iter()
        .flat_map(|(_, r)| r.findings())
        .filter(|f| f.code == "encoding_converted")
        .count();
    assert_eq!(notices, 1, "the Windows-1252 notice is given once");
}

#[test]
fn batches_on_threads_equal_the_iterator() {
    let one_by_one: Vec<_> = csv_reports(CSV, options())
        .collect::<Result<_, _>>()
        .expect("the sample reads");
    for threads in [1, 2, 3] {
        let mut batched = Vec::new();
        csv_reports(CSV, options())
            .for_each_batch(threads, |batch| {
                batched.extend(batch);
                Ok(())
            })
            .expect("the sample reads");
        assert_eq!(batched, one_by_one, "threads {threads}");
    }
}

#[test]
fn single_rows_then_batches() {
    let one_by_one: Vec<_> = csv_reports(CSV, options())
        .collect::<Result<_, _>>()
        .expect("the sample reads");
    let mut reports = csv_reports(CSV, options());
    let mut mixed: Vec<_> = reports.by_ref().take(3).map(|r| r.expect("reads")).collect();
    reports
        .for_each_batch(2, |batch| {
            mixed.extend(batch);
            Ok(())
        })
        .expect("reads");
    assert_eq!(mixed, one_by_one);
}

#[test]
fn an_error_of_the_caller_stops_the_threads() {
    let big = CSV.repeat(2000);
    let mut calls = 0;
    let stopped = csv_reports(&big[..], options()).for_each_batch(2, |_| {
        calls += 1;
        Err(std::io::Error::other("enough"))
    });
    assert_eq!(stopped.map_err(|e| e.to_string()), Err("enough".to_owned()));
    assert_eq!(calls, 1);
}
