//! The corpus of collection files as HR teams have them (`tests/collection/`, written by
//! `make_collection.py` from one source of truth): each Excel export flavour and the files
//! with problems of their own give the findings `expected.json` lists, about the file and
//! about each demande (line, record). pytest reads the same expectations
//! (`rppsplus-py/tests/test_collection.py`). The workbook twins (`.xlsx`, `.ods`, `.xls`) are
//! read with the feature `xlsx`.

use std::path::{Path, PathBuf};

use rppsplus_core::demande::{CsvItem, Options, Report, Stage, csv_reports};
use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/collection")
}

fn expected() -> Value {
    let text = std::fs::read_to_string(corpus().join("expected.json")).expect("tests/collection/expected.json");
    serde_json::from_str(&text).expect("JSON")
}

fn options(expected: &Value) -> Options {
    let o = &expected["options"];
    Options {
        reference_date: rppsplus_core::date::parse(o["reference_date"].as_str().unwrap()).unwrap(),
        stage: o["stage"].as_str().unwrap().parse::<Stage>().unwrap(),
        ..Options::default()
    }
}

/// What a file gives: the codes of the findings about it, and each demande's line, record
/// and sorted `(path, code)`.
type Found = (Vec<String>, Vec<(u64, u64, Vec<(String, String)>)>);

fn found(items: &[CsvItem]) -> Found {
    fn codes(r: &Report) -> impl Iterator<Item = (String, String)> + '_ {
        r.findings()
            .iter()
            .map(|f| (f.path.to_string(), f.code.as_str().to_owned()))
    }
    let mut file = Vec::new();
    let mut demandes = Vec::new();
    for item in items {
        match item {
            CsvItem::File(report) => file.extend(codes(report).map(|(_, code)| code)),
            CsvItem::Demande { line, record, report } => {
                let mut findings: Vec<_> = codes(report).collect();
                findings.sort();
                demandes.push((*line as u64, *record as u64, findings));
            }
        }
    }
    (file, demandes)
}

fn wanted(file: &Value) -> Found {
    let strings = |v: &Value| v.as_str().unwrap().to_owned();
    let codes = file["file"].as_array().unwrap().iter().map(strings).collect();
    let demandes = (file["demandes"].as_array().unwrap().iter())
        .map(|d| {
            let findings = (d[2].as_array().unwrap().iter())
                .map(|f| (strings(&f[0]), strings(&f[1])))
                .collect();
            (d[0].as_u64().unwrap(), d[1].as_u64().unwrap(), findings)
        })
        .collect();
    (codes, demandes)
}

#[test]
fn every_file_gives_its_expected_findings() {
    let expected = expected();
    let options = options(&expected);
    let files = expected["files"].as_object().unwrap();
    assert!(files.len() >= 7, "the corpus: {:?}", files.keys());
    for (name, want) in files {
        if is_workbook(name) {
            #[cfg(feature = "xlsx")]
            assert_eq!(found(&workbook(name, options)), wanted(want), "{name}");
            continue;
        }
        let bytes = std::fs::read(corpus().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let items: Vec<CsvItem> = csv_reports(&bytes[..], options).map(Result::unwrap).collect();
        assert_eq!(found(&items), wanted(want), "{name}");
        // On threads, in batches: the same.
        let mut batched = Vec::new();
        csv_reports(&bytes[..], options)
            .for_each_batch(2, |batch| {
                batched.extend(batch);
                Ok(())
            })
            .unwrap();
        assert_eq!(batched, items, "{name} on threads");
    }
}

/// Whether the corpus file `name` is a workbook.
fn is_workbook(name: &str) -> bool {
    [".xlsx", ".ods", ".xls"].iter().any(|ext| name.ends_with(ext))
}

/// The items of the corpus workbook `name`.
#[cfg(feature = "xlsx")]
fn workbook(name: &str, options: Options) -> Vec<CsvItem> {
    let file = std::fs::File::open(corpus().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    rppsplus_core::demande::workbook_reports(file, None, options)
        .map(Result::unwrap)
        .collect()
}

/// The workbook twins give the CSV's items, messages included: typed cells (dates, numbers,
/// booleans) read as what the CSV export holds.
#[cfg(feature = "xlsx")]
#[test]
fn every_workbook_is_its_csv_twin() {
    let expected = expected();
    let options = options(&expected);
    let bytes = std::fs::read(corpus().join("excel-csv-utf8.csv")).unwrap();
    let csv: Vec<CsvItem> = csv_reports(&bytes[..], options).map(Result::unwrap).collect();
    // The workbooks expected to give what the CSV gives.
    let files = expected["files"].as_object().unwrap();
    let twins: Vec<&String> = (files.keys())
        .filter(|name| is_workbook(name) && files[*name] == files["excel-csv-utf8.csv"])
        .collect();
    assert_eq!(twins, ["excel-97.xls", "excel.xlsx", "libreoffice.ods"]);
    for name in twins {
        assert_eq!(workbook(name, options), csv, "{name}");
    }
}

#[test]
fn every_flavour_is_the_same_spreadsheet() {
    let expected = expected();
    let options = options(&expected);
    let flavours = [
        "excel-csv-utf8.csv",
        "excel-csv-windows1252.csv",
        "excel-csv-macintosh.csv",
        "excel-texte-unicode.txt",
    ];
    let reports = |name: &str| -> Vec<CsvItem> {
        let bytes = std::fs::read(corpus().join(name)).unwrap();
        csv_reports(&bytes[..], options)
            .map(Result::unwrap)
            .filter(|item| item.line().is_some())
            .collect()
    };
    // The messages too: the accents decoded alike, whatever the encoding.
    let utf8 = reports(flavours[0]);
    for name in &flavours[1..] {
        assert_eq!(reports(name), utf8, "{name}");
    }
}
