//! The demande (docs/domain.md §4): the model, collect-all validation into a [`Report`] of
//! [`Finding`]s with stable codes, and the JSON and CSV readers.
//!
//! How a demande is validated: every input (JSON text, a `serde_json::Value`, a CSV row) is
//! read into the same raw fields (`fields.rs`, by the places of `schema.rs`; JSON in its
//! plain shape by `plain_json.rs`, the rest by serde_json), which one
//! reader (`reader.rs`) types and checks into a flat view borrowed from the input
//! (`view.rs`); the rules (`rules.rs`) check that view. A typed [`Demande`] becomes a view
//! directly. No JSON value is built, and text is borrowed from the input: a string is
//! copied only when it holds JSON escapes or is decoded from Windows-1252.
//!
//! ```
//! use chrono::NaiveDate;
//! use rppsplus_core::demande::{Options, Stage, validate_json};
//!
//! let json = br#"{
//!   "procedure": "primo_enregistrement",
//!   "etat_civil": {"civilite": "MME", "sexe": "F", "nom_naissance": "DUPONT", "prenoms": ["Nathalie"],
//!                  "date_naissance": 19990505, "pays_naissance": "99100", "commune_naissance": "13203",
//!                  "source": "saisie"},
//!   "contact": {"email": "nathalie.dupont@example.org", "telephone_mobile": "+33730494959"},
//!   "situation": {"nom_exercice": "DUPONT", "prenom_exercice": "Nathalie", "structure": {"finess": "970405593"},
//!                 "profession": "326", "role": "GENR08", "date_prise_fonction": "2022-05-02"}
//! }"#;
//! let options = Options { reference_date: NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(), stage: Stage::Draft, ..Options::default() };
//! let report = validate_json(json, &options);
//! // The wrong type is a finding at its path; the other fields are still checked.
//! assert_eq!(report.findings().len(), 1);
//! let finding = &report.findings()[0];
//! assert_eq!((finding.path.to_string(), finding.code.as_str()), ("etat_civil.date_naissance".into(), "invalid_format"));
//! ```

mod batch;
mod csv;
mod duplicates;
mod fields;
mod headers;
mod labels;
pub(crate) mod messages;
mod model;
pub(crate) mod plain_json;
mod reader;
mod report;
mod rules;
mod schema;
mod scope;
#[cfg(feature = "xlsx")]
pub mod sheet;
mod table;
mod tally;
mod view;
#[cfg(feature = "xlsx")]
mod workbook;

use chrono::NaiveDate;

pub use crate::FindingCode;
pub use batch::{Batch, Row, validate_batches};
pub use csv::{CsvCells, CsvItem, CsvReports, CsvRow, MAX_RECORD_BYTES, csv_cells, csv_reports};
pub use duplicates::Duplicates;
pub use headers::{HEADERS, Header, MORE_PRENOMS};
pub use model::{Confirmations, Contact, Demande, EtatCivil, Procedure, PublicView, Situation, Source, Structure};
pub use report::{Finding, MAX_FINDINGS, Path, Report, Segment, Severity};
pub use schema::COLUMNS;
pub use scope::{ETAT_CIVIL_REQUIRED, FIELDS_BY_PROCEDURE, FieldRule, Presence, SENDERS, Sending, sending};
pub use table::{Columns, validate_row};
pub use tally::Tally;
#[cfg(feature = "xlsx")]
pub use workbook::{
    CollectionReports, MAX_PART_BYTES, MAX_SHEET_CELLS, WorkbookReports, collection_reports, is_workbook,
    workbook_reports,
};

use crate::ids::Mode;
use crate::names::names;
use fields::Fields;

names! {
    /// When a demande is validated: saved as a draft, or sent.
    pub enum Stage: "stage" / "étape" {
        /// Saving: the confirmations are not required yet.
        Draft = "draft",
        /// Sending: the confirmations are required.
        Submit = "submit",
    }
}

impl Default for Stage {
    /// [`Stage::Submit`].
    fn default() -> Self {
        Self::Submit
    }
}

names! {
    /// The actors of the RPPS+ domain (docs/domain.md §1, §5): who sends a demande, and who
    /// moves it through its lifecycle.
    pub enum Actor: "actor" / "acteur" {
        /// The professional (FranceConnect for a pre-registration, e-CPS later).
        Professionnel = "professionnel",
        /// The gestionnaire RPPS+ of the autorité d'enregistrement (CPx card).
        Gestionnaire = "gestionnaire",
        /// The RPPS itself: accepts, refuses or rejects what is sent to it, and assigns the
        /// RPPS number. It never sends a demande.
        Rpps = "rpps",
    }
}

impl Default for Actor {
    /// [`Actor::Gestionnaire`].
    fn default() -> Self {
        Self::Gestionnaire
    }
}

/// How to validate: the reference date of code validity, the stage, the actor, and whether
/// test identities are accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The date at which codes must be in force (default: today, UTC).
    pub reference_date: NaiveDate,
    /// Draft or submit (default: submit).
    pub stage: Stage,
    /// Gestionnaire or professionnel (default: gestionnaire).
    pub actor: Actor,
    /// Strict or test identities (default: strict).
    pub mode: Mode,
}

impl Default for Options {
    /// Today's date (UTC), stage submit, actor gestionnaire, strict mode.
    fn default() -> Self {
        Self {
            reference_date: crate::date::today(),
            stage: Stage::default(),
            actor: Actor::default(),
            mode: Mode::default(),
        }
    }
}

/// Validates a typed demande: every rule, every finding.
///
/// ```
/// use rppsplus_core::demande::{Demande, Options, Procedure, Stage, validate};
/// let d = Demande { procedure: Some(Procedure::FermetureSituation), ..Demande::default() };
/// let draft = Options { stage: Stage::Draft, ..Options::default() };
/// let report = validate(&d, &draft);
/// let paths: Vec<String> = report.findings().iter().map(|f| f.path.to_string()).collect();
/// assert_eq!(paths, ["rpps", "situation.id", "situation.date_fin_fonction"]);
/// ```
pub fn validate(demande: &Demande, options: &Options) -> Report {
    typed_report(demande, options, Keyed::No)
}

/// Whether a validation gives its report the keys of the demande, for the duplicates of
/// a file ([`Duplicates`]): only the paths that check duplicates pay for them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keyed {
    /// A demande on its own.
    No,
    /// A demande of a file.
    Yes,
}

/// [`validate`], with the keys or not.
pub(crate) fn typed_report(demande: &Demande, options: &Options, keyed: Keyed) -> Report {
    let mut report = Report::default();
    checked(&view::View::from(demande), options, keyed, &mut report);
    report
}

/// Validates one demande given as JSON text: invalid JSON is one `invalid_json` finding;
/// otherwise wrong types, bad values and unknown fields are findings at their paths and
/// every rule still runs on the rest.
pub fn validate_json(json: &[u8], options: &Options) -> Report {
    json_report(json, options, Keyed::No, 0)
}

/// [`validate_json`], with the keys or not; the text starts `lines_before` lines into its
/// file (a line of JSON Lines), for the line of an `invalid_json`.
pub(crate) fn json_report(json: &[u8], options: &Options, keyed: Keyed, lines_before: usize) -> Report {
    let text = std::str::from_utf8(json).ok();
    if let Some(fields) = text.and_then(plain_json::demande) {
        return validate_fields(&fields, options, keyed);
    }
    match parse_json(json, text, std::marker::PhantomData::<Fields<'_>>) {
        Ok(fields) => validate_fields(&fields, options, keyed),
        Err(e) => invalid_json(&e, lines_before),
    }
}

/// Validates one demande given as a parsed JSON value (see [`validate_json`]).
pub fn validate_value(value: &serde_json::Value, options: &Options) -> Report {
    value_report(value, options, Keyed::No)
}

/// [`validate_value`], with the keys or not.
pub(crate) fn value_report(value: &serde_json::Value, options: &Options, keyed: Keyed) -> Report {
    match Fields::from_value(value) {
        Ok(fields) => validate_fields(&fields, options, keyed),
        Err(e) => invalid_json(&e, 0),
    }
}

/// Types and checks the fields of one demande (from any input), then runs the rules.
fn validate_fields(fields: &Fields<'_>, options: &Options, keyed: Keyed) -> Report {
    let mut report = Report::default();
    let view = reader::Reader::new(&mut report, options, fields).read();
    checked(&view, options, keyed, &mut report);
    report
}

/// Runs the rules on `view`, and gives the report its keys when asked.
fn checked(view: &view::View<'_>, options: &Options, keyed: Keyed, report: &mut Report) {
    let commune = rules::check(view, options, report);
    if keyed == Keyed::Yes {
        report.keys = duplicates::Keys::of(view, commune);
    }
}

/// The reports of a JSON document of demandes ([`validate_json_document`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentReports {
    /// The findings about the document itself, which is no demande: a text that is not
    /// JSON (one `invalid_json` at its line and column). Empty otherwise.
    pub file: Report,
    /// Each demande's report with its index: its position in the array (0 for a lone
    /// object), or its line number − 1 for JSON Lines.
    pub demandes: Vec<(usize, Report)>,
}

/// Validates a JSON document of demandes: one demande (an object), an array of demandes,
/// or JSON Lines (one demande per line: lines that each start with `{`, blank lines
/// skipped). A UTF-8 BOM is dropped. Each report comes with the index of its demande
/// ([`DocumentReports::demandes`]). A text that is not JSON is one `invalid_json` about the
/// document, not a demande; in JSON Lines a bad line is one `invalid_json` for that line's
/// demande, its message giving the line in the file. The same person or RPPS number in two
/// demandes is `duplicate` on the later one ([`Duplicates`]).
///
/// ```
/// use rppsplus_core::demande::{Options, validate_json_document};
/// let reports = validate_json_document(b"[{\"procedure\": \"x\"}, 12]", &Options::default());
/// assert_eq!(reports.demandes.len(), 2);
/// assert_eq!(reports.demandes[1].1.findings()[0].code, "invalid_format");
/// // JSON Lines: a bad line is that line's demande.
/// let lines = validate_json_document(b"{\"procedure\": \n{\"procedure\": \"x\"}\n", &Options::default());
/// assert!(lines.file.findings().is_empty());
/// let bad = &lines.demandes[0].1.findings()[0];
/// assert_eq!((bad.code.as_str(), bad.message_en.as_str()), ("invalid_json", "The JSON text: invalid at line 1, column 14; fix the syntax there."));
/// // Not JSON at all: the document's finding, and no demande.
/// let broken = validate_json_document(b"[{\"procedure\": \"x\"},", &Options::default());
/// assert_eq!((broken.file.findings()[0].code.as_str(), broken.demandes.len()), ("invalid_json", 0));
/// ```
pub fn validate_json_document(json: &[u8], options: &Options) -> DocumentReports {
    let json = json.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(json);
    let mut reports = document_reports(json, options);
    let mut duplicates = Duplicates::by_index();
    for (index, report) in &mut reports.demandes {
        duplicates.check(*index, report);
    }
    reports
}

/// The reports of the demandes of a JSON document, each on its own.
fn document_reports(json: &[u8], options: &Options) -> DocumentReports {
    let validate = |i, fields: &Fields<'_>| (i, validate_fields(fields, options, Keyed::Yes));
    let mut demandes = Vec::new();
    let text = std::str::from_utf8(json).ok();
    if let Some(text) = text {
        if plain_json::document(text, |i, f| demandes.push(validate(i, f))).is_some() {
            return DocumentReports {
                demandes,
                ..DocumentReports::default()
            };
        }
        // Not plain: read again by serde_json, from the start.
        demandes.clear();
    }
    let each = |i, f: &Fields<'_>| demandes.push(validate(i, f));
    match parse_json(json, text, fields::Document(each)) {
        Ok(()) => DocumentReports {
            demandes,
            ..DocumentReports::default()
        },
        Err(whole) => {
            let lines: Vec<(usize, &[u8])> = json
                .split(|&b| b == b'\n')
                .enumerate()
                .filter(|(_, l)| l.iter().any(|b| !b.is_ascii_whitespace()))
                .collect();
            // JSON Lines when every line starts an object of its own; otherwise this is one
            // document with a syntax error, reported where it is.
            let json_lines = lines.len() > 1 && lines.iter().all(|(_, l)| l.trim_ascii_start().starts_with(b"{"));
            if !json_lines {
                return DocumentReports {
                    file: invalid_json(&whole, 0),
                    demandes: Vec::new(),
                };
            }
            let demandes = lines
                .into_iter()
                .map(|(i, line)| (i, json_report(line, options, Keyed::Yes, i)))
                .collect();
            DocumentReports {
                demandes,
                ..DocumentReports::default()
            }
        }
    }
}

/// Parses JSON with serde_json: as `str` when `text` is `json` checked as UTF-8 (serde_json
/// reading bytes checks each string on its own, which costs more), else as bytes, for the
/// position of the error.
fn parse_json<'a, S: serde::de::DeserializeSeed<'a>>(
    json: &'a [u8],
    text: Option<&'a str>,
    seed: S,
) -> serde_json::Result<S::Value> {
    match text {
        Some(text) => whole(serde_json::Deserializer::from_str(text), seed),
        None => whole(serde_json::Deserializer::from_slice(json), seed),
    }
}

/// The value `seed` reads from all of the text (trailing characters are an error).
fn whole<'a, R: serde_json::de::Read<'a>, S: serde::de::DeserializeSeed<'a>>(
    mut text: serde_json::Deserializer<R>,
    seed: S,
) -> serde_json::Result<S::Value> {
    let value = seed.deserialize(&mut text)?;
    text.end()?;
    Ok(value)
}

/// The report of a text that is not JSON, with the line and column of the error; the text
/// starts `lines_before` lines into its file (a line of JSON Lines).
pub(crate) fn invalid_json(e: &serde_json::Error, lines_before: usize) -> Report {
    let mut report = Report::default();
    let (line, column) = ((e.line() + lines_before).to_string(), e.column().to_string());
    let label = messages::Label::json();
    report.push(messages::Msg::InvalidJson.labelled(Path::ROOT, &label, &[&line, &column], &[&line, &column]));
    report
}

/// Checks that docs/domain.md shows each table of `tables` between `<!-- begin NAME
/// (generated from rppsplus-core/src/demande/SOURCE) -->` and `<!-- end NAME -->`; with
/// `RPPSPLUS_BLESS=1`, rewrites them (`cargo test -p rppsplus-core --lib FILTER`).
#[cfg(test)]
pub(crate) fn generated_in_docs(source: &str, filter: &str, tables: &[(&str, String)]) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/domain.md");
    let mut doc = std::fs::read_to_string(path).expect("docs/domain.md");
    let bless = std::env::var_os("RPPSPLUS_BLESS").is_some_and(|v| v == "1");
    for (name, table) in tables {
        let begin = format!("<!-- begin {name} (generated from rppsplus-core/src/demande/{source}) -->\n");
        let end = format!("<!-- end {name} -->");
        let from = doc
            .find(&begin)
            .unwrap_or_else(|| panic!("docs/domain.md has no {name} table"))
            + begin.len();
        let to = from
            + doc[from..]
                .find(&end)
                .unwrap_or_else(|| panic!("docs/domain.md: {name} is not ended"));
        if bless {
            doc.replace_range(from..to, table);
        } else {
            assert_eq!(
                &doc[from..to],
                table,
                "docs/domain.md's {name} table is stale: RPPSPLUS_BLESS=1 cargo test -p rppsplus-core --lib {filter}"
            );
        }
    }
    if bless {
        std::fs::write(path, doc).expect("docs/domain.md written");
    }
}
