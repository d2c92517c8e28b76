//! Findings and reports: collect-all validation results with stable codes.

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The demande cannot be sent.
    Error,
    /// Worth a look; the demande can be sent.
    Warning,
}

/// One problem found in a demande: where (`path`, with the JSON names, e.g.
/// `etat_civil.prenoms[1]`), what (a stable `code`), how bad, and the messages in French and
/// English. Messages never contain the values of the état civil or the contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The JSON path of the field (empty for the whole document).
    pub path: String,
    /// The stable code (`required`, `invalid_checksum`, `code_deprecated`…).
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// The French message.
    pub message: String,
    /// The English message.
    pub message_en: String,
}

/// The result of validating one demande: every finding, in a deterministic order.
///
/// ```
/// use rppsplus_core::demande::{Options, validate_json};
/// let report = validate_json(br#"{"procedure": "primo_enregistrement"}"#, &Options::default());
/// assert!(!report.is_valid());
/// assert!(report.findings().iter().any(|f| f.path == "contact.email" && f.code == "required"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Report {
    findings: Vec<Finding>,
}

impl Report {
    /// Whether the demande has no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.findings.iter().all(|f| f.severity != Severity::Error)
    }

    /// Every finding.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity == Severity::Error)
    }

    pub(crate) fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Whether a finding is already reported at `path` or below it.
    pub(crate) fn has_finding_at(&self, path: &str) -> bool {
        self.findings.iter().any(|f| {
            f.path == path
                || (f.path.starts_with(path) && matches!(f.path.as_bytes().get(path.len()), Some(b'.' | b'[')))
        })
    }
}

impl Serialize for Report {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Report", 2)?;
        st.serialize_field("valid", &self.is_valid())?;
        st.serialize_field("findings", &self.findings)?;
        st.end()
    }
}
