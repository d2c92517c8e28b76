//! The counts of a validation run (docs/domain.md §4.6): demandes, valid and invalid ones,
//! and the findings per code and per field, for the end of a command's output and the
//! summary of an annotated report.

use std::collections::BTreeMap;

use super::report::Report;
use crate::FindingCode;

/// The counts of the reports of a run: [`Tally::demande`] for each demande's, [`Tally::file`]
/// for the findings about a file (no demande).
///
/// ```
/// use rppsplus_core::demande::{Options, Tally, validate_json};
/// let mut tally = Tally::default();
/// tally.demande(&validate_json(br#"{"procedure": "fermeture_situation", "rpps": "10107985319"}"#, &Options::default()));
/// assert_eq!(tally.line(), "1 demandes, 0 valides, 1 invalides");
/// assert_eq!(tally.by_code()[0].0.as_str(), "required");
/// assert!(tally.by_field().iter().any(|(field, n)| field == "rpps" && *n == 1));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// The demandes counted.
    pub demandes: usize,
    /// Those without an error.
    pub valid: usize,
    /// The findings about the files themselves.
    pub file_findings: usize,
    codes: BTreeMap<FindingCode, usize>,
    fields: BTreeMap<String, usize>,
}

impl Tally {
    /// Counts a demande's report.
    pub fn demande(&mut self, report: &Report) {
        self.demandes += 1;
        self.valid += usize::from(report.is_valid());
        for f in report.findings() {
            *self.codes.entry(f.code).or_default() += 1;
            *self.fields.entry(f.path.field()).or_default() += 1;
        }
    }

    /// Counts the findings about a file.
    pub fn file(&mut self, report: &Report) {
        self.file_findings += report.findings().len();
        for f in report.findings() {
            *self.codes.entry(f.code).or_default() += 1;
        }
    }

    /// The demandes with an error.
    pub fn invalid(&self) -> usize {
        self.demandes - self.valid
    }

    /// The findings per code, the most frequent first (then in [`FindingCode`] order).
    pub fn by_code(&self) -> Vec<(FindingCode, usize)> {
        most_first(self.codes.iter().map(|(c, n)| (*c, *n)))
    }

    /// The findings of the demandes per field (its JSON path without indexes, empty for
    /// the whole demande), the most frequent first (then by field).
    pub fn by_field(&self) -> Vec<(String, usize)> {
        most_first(self.fields.iter().map(|(f, n)| (f.clone(), *n)))
    }

    /// The run in one line: `N demandes, V valides, I invalides`.
    pub fn line(&self) -> String {
        format!(
            "{} demandes, {} valides, {} invalides",
            self.demandes,
            self.valid,
            self.invalid()
        )
    }
}

/// `counts` (in key order) sorted by count, the highest first; stable, so ties keep key order.
fn most_first<K>(counts: impl Iterator<Item = (K, usize)>) -> Vec<(K, usize)> {
    let mut all: Vec<(K, usize)> = counts.collect();
    all.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    all
}
