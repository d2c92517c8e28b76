//! # rppsplus-core
//!
//! The domain library of the French **RPPS+** registration portal (ANS, application ENREG):
//! its identifiers, its nomenclatures, its registration requests (demandes) and their
//! rules, offline and deterministic. The C ABI (`rppsplus-ffi`), the Python package
//! (`rppsplus-py`) and the `rppsplus` command only convert to and from this crate: every
//! rule and every name lives here once.
//!
//! ```
//! use rppsplus_core::demande::{Options, validate_json};
//! use rppsplus_core::ids::{IdNatPp, Rpps};
//!
//! // An identifier: parse = validate, a typed error otherwise.
//! let rpps: Rpps = "101 0798 5318".parse()?;
//! assert_eq!(IdNatPp::from(rpps).as_str(), "810107985318");
//!
//! // A demande: every finding, with its path, stable code and messages.
//! let report = validate_json(br#"{"procedure": "modification_informations",
//!     "rpps": "10107985318", "contact": {"email": "nathalie@example"}}"#, &Options::default());
//! let finding = &report.findings()[0];
//! assert_eq!((finding.path.to_string(), finding.code.as_str()), ("contact.email".into(), "invalid_component"));
//! # Ok::<(), rppsplus_core::ids::ParseError>(())
//! ```
//!
//! ## Where each rule lives
//!
//! | what | module | docs |
//! |---|---|---|
//! | identifiers (RPPS, idNat, ADELI, FINESS, SIREN/SIRET, INSEE codes, phone, email, demande number): parsing, canonical forms, keys, confidentiality | [`ids`] | docs/domain.md §2, §7 |
//! | the ANS NOS tables and value sets, INSEE countries and communes: labels, validity at a date, search | [`nomenclature`] | docs/domain.md §3, docs/data.md |
//! | the demande: model, fields by procedure, cross-field rules, findings, JSON and CSV readers, many demandes on every core (`validate_batches`, `CsvReports::for_each_batch`) | [`demande`] | docs/domain.md §4 |
//! | the stable codes of findings and errors | [`FindingCode`] | docs/domain.md §4 |
//! | the closed sets of names (procedures, actors, stages, severities, kinds) | [`names`] | |
//! | reference dates: the one parser and the one "today" (UTC) | [`date`] | |
//! | many items on several threads, in runs of consecutive items (rows of a table, columns of identifiers) | [`runs`] | |
//! | CPx cards: APDUs, PKCS#15 discovery, the holder, the PIN, a simulator, the PC/SC backend | [`cpx`] | docs/cards.md, docs/domain.md §6 |
//! | the lifecycle: statuts, events, the transition table, history, dossiers, the registry and its journal | [`workflow`] | docs/domain.md §5, docs/lifecycle.md |
//!
//! Everything is offline and deterministic. The crate opens no socket, and one file: the journal
//! of a [`workflow::Registry`], at the path its caller gives; with the `pcsc` feature,
//! `cpx::pcsc` also talks to the platform's smart card service.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod cpx;
pub mod date;
pub mod demande;
mod finding_code;
mod fnv;
pub mod ids;
pub mod names;
pub mod nomenclature;
pub mod runs;
pub mod workflow;

pub use finding_code::FindingCode;
