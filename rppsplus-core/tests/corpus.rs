//! The shared identifier corpus (`tests/corpus/identifiers.jsonl`), run through the Rust
//! API. The C and Python suites run the same file.

use rppsplus_core::ids::{IdKind, Mode, check};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    kind: String,
    input: String,
    mode: String,
    valid: bool,
    canonical: Option<String>,
    code: Option<String>,
    warning: Option<String>,
    origin: String,
}

#[test]
fn corpus_matches_the_rust_api() {
    let text = include_str!("../../tests/corpus/identifiers.jsonl");
    let mut count = 0;
    for line in text.lines() {
        let case: Case = serde_json::from_str(line).expect("corpus line is JSON");
        let kind: IdKind = case.kind.parse().expect("corpus kind is known");
        let mode = if case.mode == "test" { Mode::Test } else { Mode::Strict };
        let got = check(kind, &case.input, mode);
        let what = format!("{} {:?} ({})", case.kind, case.input, case.origin);
        assert_eq!(got.is_valid(), case.valid, "{what}: {got:?}");
        assert_eq!(got.canonical(), case.canonical.as_deref(), "{what}");
        assert_eq!(got.error().map(|e| e.code().as_str()), case.code.as_deref(), "{what}");
        assert_eq!(
            got.warning().map(|w| w.code().as_str()),
            case.warning.as_deref(),
            "{what}"
        );
        count += 1;
    }
    assert!(count > 100, "the corpus lost cases: {count}");
}
