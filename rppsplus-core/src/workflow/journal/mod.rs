//! The journal FORMAT: JSON Lines, one applied event (or imported dossier) per line, and the
//! replay that folds complete lines into a registry's state. Pure: no file here (the file,
//! its appends, `fsync` and torn tail are in `file.rs`).
//!
//! A line is `{"numero", "entry", "demande"?}` — `entry` is the history entry of
//! [`Entry`]'s JSON, `demande` the content a creation or an edit brought — or
//! `{"dossier"}`, a dossier imported with [`Registry::import_dossier`](super::Registry::import_dossier).
//! A line is complete when it ends with `\n`; what follows the last `\n` is a torn tail (a
//! write cut short by a crash).
//!
//! The journal holds the demandes' content, état civil and contact included: keep the file
//! as the DUI keeps its own database.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use rppsplus_core::demande::Actor;
//! use rppsplus_core::workflow::journal::{Record, decode, encode};
//! use rppsplus_core::workflow::{Entry, Event, Status};
//!
//! let entry = Entry {
//!     event: Event::Valider, actor: Actor::Gestionnaire,
//!     from: Some(Status::EnCoursEnregistrement), to: Some(Status::EnvoyeeRpps),
//!     at: Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap(), motif: None, rpps: None,
//! };
//! let record = Record::Event { numero: "P20261123093000".parse()?, entry, demande: None };
//! let mut line = Vec::new();
//! encode(&record, &mut line);
//! assert_eq!(line, br#"{"numero":"P20261123093000","entry":{"event":"valider","actor":"gestionnaire","from":"en_cours_enregistrement","to":"envoyee_rpps","at":"2026-11-23T09:30:00Z"}}
//! "#);
//! assert_eq!(decode(&line)?, record);
//! let bad = br#"{"numero":"P20261123093000","entry":{"event":"valide","actor":"gestionnaire","from":null,"to":null,"at":"2026-11-23T09:30:00Z"}}"#;
//! assert_eq!(decode(bad).unwrap_err().code().as_str(), "unknown_event");
//! assert_eq!(decode(b"{\"numero\":").unwrap_err().code().as_str(), "invalid_json");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod fast;
pub(crate) mod file;

use serde::{Deserialize, Serialize};

use super::tracked::RawEntry;
use super::{Dossier, Entry, WorkflowError};
use crate::demande::Demande;
use crate::ids::NumeroDemande;

pub use file::Durability;

/// One line of a journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// An event applied to demande `numero`, with the content a creation or an edit brought.
    Event {
        /// The demande.
        numero: NumeroDemande,
        /// The history entry appended.
        entry: Entry,
        /// The content (`creer`, `envoyer`, `modifier`).
        demande: Option<Box<Demande>>,
    },
    /// A dossier imported into the registry.
    Dossier(Box<Dossier>),
}

/// The bytes after a journal's last complete line: a write a crash cut short. Opening the
/// journal reports it and cuts it off; the lines before it are all kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TornTail {
    /// The line it would have been, from 1.
    pub line: usize,
    /// How many bytes it had.
    pub bytes: usize,
}

/// What a line holds, borrowed for writing.
#[derive(Serialize)]
struct LineOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    numero: Option<NumeroDemande>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entry: Option<&'a Entry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    demande: Option<&'a Demande>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dossier: Option<&'a Dossier>,
}

/// What a line holds, as read: names are checked afterwards, so that a bad one is its own
/// typed error.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LineIn<'a> {
    #[serde(default)]
    numero: Option<NumeroDemande>,
    #[serde(default, borrow)]
    entry: Option<RawEntry<'a>>,
    #[serde(default)]
    demande: Option<Box<Demande>>,
    #[serde(default)]
    dossier: Option<Box<Dossier>>,
}

/// Appends the line of `record`, `\n` included, to `out`.
pub fn encode(record: &Record, out: &mut Vec<u8>) {
    match record {
        Record::Event { numero, entry, demande } => encode_event(*numero, entry, demande.as_deref(), out),
        Record::Dossier(dossier) => encode_dossier(dossier, out),
    }
}

/// Appends the line of an event.
pub(crate) fn encode_event(numero: NumeroDemande, entry: &Entry, demande: Option<&Demande>, out: &mut Vec<u8>) {
    write(
        &LineOut {
            numero: Some(numero),
            entry: Some(entry),
            demande,
            dossier: None,
        },
        out,
    );
}

/// Appends the line of an imported dossier.
pub(crate) fn encode_dossier(dossier: &Dossier, out: &mut Vec<u8>) {
    write(
        &LineOut {
            numero: None,
            entry: None,
            demande: None,
            dossier: Some(dossier),
        },
        out,
    );
}

fn write(line: &LineOut<'_>, out: &mut Vec<u8>) {
    serde_json::to_writer(&mut *out, line).expect("a journal line writes strings only to a Vec: it cannot fail");
    out.push(b'\n');
}

/// Reads one line (with or without its `\n`): `invalid_json` for text that is not a
/// record, `unknown_event`, `unknown_actor`, `unknown_status`, `invalid_timestamp`,
/// `invalid_rpps` for a bad value in its entry. Whether the record can be applied is
/// the replay's business.
pub fn decode(line: &[u8]) -> Result<Record, WorkflowError> {
    match std::str::from_utf8(line) {
        Ok(text) => decode_str(text),
        // serde_json finds where the text stops being UTF-8.
        Err(_) => record(serde_json::from_slice(line)),
    }
}

/// [`decode`] of text: the shape the encoder writes is read by a reader of its own, faster
/// than serde_json; any other is read by serde_json.
pub(crate) fn decode_str(line: &str) -> Result<Record, WorkflowError> {
    match fast::decode(line) {
        Some(record) => Ok(record),
        None => record(serde_json::from_str(line)),
    }
}

/// The record a line read holds.
fn record(line: serde_json::Result<LineIn<'_>>) -> Result<Record, WorkflowError> {
    let line = line.map_err(|e| WorkflowError::json(&e))?;
    match line {
        LineIn {
            numero: Some(numero),
            entry: Some(entry),
            demande,
            dossier: None,
        } => match entry.typed()? {
            // The content is beside the entry, not in it.
            (_, Some(_)) => Err(WorkflowError::InvalidJson { line: 1, column: 1 }),
            (entry, None) => Ok(Record::Event { numero, entry, demande }),
        },
        LineIn {
            numero: None,
            entry: None,
            demande: None,
            dossier: Some(dossier),
        } => Ok(Record::Dossier(dossier)),
        _ => Err(WorkflowError::InvalidJson { line: 1, column: 1 }),
    }
}

/// Splits journal text into its complete lines (each ending with `\n`) and what follows the
/// last `\n`.
pub(crate) fn split(journal: &[u8]) -> (&[u8], &[u8]) {
    journal.split_at(journal.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1))
}

/// The lines of journal text made of complete lines, each with its `\n` (found by
/// `memchr`, faster than a `char` search).
pub(crate) fn text_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes()).map(move |end| {
        let line = &text[start..=end];
        start = end + 1;
        line
    })
}
