//! Findings and reports: collect-all validation results with stable codes.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use super::duplicates::Keys;
use crate::FindingCode;
use crate::names::names;

names! {
    /// How serious a finding is.
    pub enum Severity: "severity" / "gravité" {
        /// The demande cannot be sent.
        Error = "error",
        /// Worth a look; the demande can be sent.
        Warning = "warning",
    }
}

/// Where a finding is: the segments from the root of the demande, with the JSON names
/// (`etat_civil`, `prenoms`, `1`), and the JSON path they print as,
/// `etat_civil.prenoms[1]`. The empty path is the whole demande (or the whole file).
///
/// ```
/// use rppsplus_core::demande::{Path, Segment};
/// let path = Path::from("etat_civil.prenoms").index(1);
/// assert_eq!(path.as_str(), "etat_civil.prenoms[1]");
/// assert_eq!(path.segments()[2], Segment::Index(1));
/// assert_eq!(path, "etat_civil.prenoms[1]");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Path {
    segments: Vec<Segment>,
    text: String,
}

/// One step of a [`Path`]: the key of an object member, or the index of an array item.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// An object member (a field name, or an unknown key as the input spells it).
    Key(Cow<'static, str>),
    /// An array item, from 0.
    Index(usize),
}

impl Path {
    /// The empty path: the whole demande, or the whole file.
    pub const ROOT: Path = Path {
        segments: Vec::new(),
        text: String::new(),
    };

    /// The steps from the root.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The JSON path (`etat_civil.prenoms[1]`; empty for the root).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether this is the whole demande (or file).
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }

    /// This path followed by the member `key` (taken as one key, dots included).
    pub fn key(mut self, key: impl Into<Cow<'static, str>>) -> Self {
        let key = key.into();
        if !self.text.is_empty() {
            self.text.push('.');
        }
        self.text.push_str(&key);
        self.segments.push(Segment::Key(key));
        self
    }

    /// This path followed by the array item `index`.
    pub fn index(mut self, index: usize) -> Self {
        use fmt::Write;
        let _ = write!(self.text, "[{index}]");
        self.segments.push(Segment::Index(index));
        self
    }

    /// Whether `self` is `other` or lies below it.
    pub fn starts_with(&self, other: &Path) -> bool {
        self.segments.starts_with(&other.segments)
    }

    /// The path's keys joined by `.`, without the indexes (`etat_civil.prenoms`): the field.
    pub fn field(&self) -> String {
        let keys = self.segments.iter().filter_map(|s| match s {
            Segment::Key(k) => Some(k.as_ref()),
            Segment::Index(_) => None,
        });
        keys.collect::<Vec<_>>().join(".")
    }
}

/// A JSON path of this library's own fields (`etat_civil.nom_naissance`,
/// `etat_civil.prenoms[0]`): one key per `.`-separated part, `[n]` an index. Keys of user
/// input go through [`Path::key`].
impl From<&'static str> for Path {
    fn from(path: &'static str) -> Self {
        let mut segments = Vec::new();
        for part in path.split('.').filter(|p| !p.is_empty()) {
            let mut pieces = part.split('[');
            if let Some(key) = pieces.next().filter(|k| !k.is_empty()) {
                segments.push(Segment::Key(Cow::Borrowed(key)));
            }
            for index in pieces {
                let n = index.trim_end_matches(']').parse().unwrap_or_default();
                segments.push(Segment::Index(n));
            }
        }
        Path {
            segments,
            text: path.to_owned(),
        }
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Compares with the printed JSON path.
impl PartialEq<str> for Path {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for Path {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl Serialize for Path {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// One problem found in a demande: where (`path`, with the JSON names, e.g.
/// `etat_civil.prenoms[1]`), what (a stable `code`), how bad, and the messages in French and
/// English. Messages never contain the values of the état civil or the contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Where: the field (the root path for the whole document).
    pub path: Path,
    /// The stable code (`required`, `invalid_checksum`, `code_deprecated`…).
    pub code: FindingCode,
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
#[derive(Clone, Default)]
pub struct Report {
    findings: Vec<Finding>,
    /// The keys of the demande, for the duplicates of a file (not shown, not compared).
    pub(crate) keys: Keys,
}

/// Two reports are equal when their findings are.
impl PartialEq for Report {
    fn eq(&self, other: &Self) -> bool {
        self.findings == other.findings
    }
}

impl Eq for Report {}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Report").field("findings", &self.findings).finish()
    }
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
    pub(crate) fn has_finding_at(&self, path: impl Into<Path>) -> bool {
        let path = path.into();
        self.findings.iter().any(|f| f.path.starts_with(&path))
    }
}

/// A report of the given findings, in their order: a report read back from where it was kept
/// (the Python face unpickles reports this way).
///
/// ```
/// use rppsplus_core::demande::{Options, Report, validate_json};
/// let report = validate_json(br#"{"procedure": "primo_enregistrement"}"#, &Options::default());
/// let again: Report = report.findings().iter().cloned().collect();
/// assert_eq!(again, report);
/// ```
impl FromIterator<Finding> for Report {
    fn from_iter<I: IntoIterator<Item = Finding>>(findings: I) -> Self {
        Self {
            findings: findings.into_iter().collect(),
            keys: Keys::default(),
        }
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
