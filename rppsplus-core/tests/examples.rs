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
    assert_eq!(reports.len(), 34);
    assert_eq!(reports.iter().filter(|(_, r)| r.is_valid()).count(), 20);
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
fn batches_on_two_threads_equal_the_iterator() {
    let one_by_one: Vec<_> = csv_reports(CSV, options())
        .collect::<Result<_, _>>()
        .expect("the sample reads");
    for (max, threads) in [(1, 1), (5, 2), (7, 3), (1000, 2)] {
        let mut reports = csv_reports(CSV, options());
        let mut batched = Vec::new();
        loop {
            let batch = reports.next_batch(max, threads).expect("the sample reads");
            if batch.is_empty() {
                break;
            }
            batched.extend(batch);
        }
        assert_eq!(batched, one_by_one, "max {max}, threads {threads}");
    }
}

#[test]
fn batches_and_single_rows_mix() {
    let one_by_one: Vec<_> = csv_reports(CSV, options())
        .collect::<Result<_, _>>()
        .expect("the sample reads");
    let mut reports = csv_reports(CSV, options());
    let mut mixed = reports.next_batch(10, 2).expect("reads");
    mixed.extend(reports.next_batch(4, 2).expect("reads"));
    mixed.extend(reports.by_ref().take(3).map(|r| r.expect("reads")));
    mixed.extend(reports.next_batch(1000, 2).expect("reads"));
    mixed.extend(reports.map(|r| r.expect("reads")));
    assert_eq!(mixed, one_by_one);
}
