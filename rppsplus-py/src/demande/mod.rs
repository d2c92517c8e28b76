//! The demande (docs/domain.md §4): `validate`, `validate_many`, `validate_csv`, `iter_csv`,
//! `template` and `write_report`, and the `Report`, `Finding`, `CsvRow` and `CsvReports`
//! classes.
//!
//! Every rule is the core's (`rppsplus_core::demande`), threads included: this module
//! converts the Python input to the core's (`convert.rs`), the keywords to core `Options`
//! (here), and the core's reports to Python (`report.rs`). The functions are in
//! `validation.rs` and `csv.rs`. The validation runs with the GIL released: the input is first
//! read into owned Rust data (or `&str`/`&[u8]` borrowed from immutable `str`/`bytes` objects
//! kept alive).

pub(crate) mod convert;
mod csv;
mod report;
mod sheet;
mod validation;

use std::sync::LazyLock;

use pyo3::prelude::*;
use rppsplus_core::demande::{Actor, Options, Stage};

pub(crate) use csv::{CsvIter, CsvReports, CsvRow, iter_csv, validate_csv};
pub(crate) use report::{Finding, Report};
pub(crate) use sheet::{template, write_report};
pub(crate) use validation::{validate, validate_many};

use crate::args::mode;
use crate::dates;
use crate::names::Name;

/// The core options of the keywords every function of this module takes: `reference_date`
/// (see [`dates::date_or_today`]), `stage` and `actor` (parsed by the core), `test_mode`.
pub(crate) fn options(
    what: &str,
    reference_date: Option<&Bound<'_, PyAny>>,
    stage: Name<Stage>,
    actor: Name<Actor>,
    test_mode: bool,
) -> PyResult<Options> {
    Ok(Options {
        reference_date: dates::date_or_today(reference_date, &format!("{what} argument 'reference_date'"))?,
        stage: stage.0,
        actor: actor.0,
        mode: mode(test_mode),
    })
}

/// The threads that validate a collection: one per core available to the process, read once
/// (reading it takes system calls that made a `validate_many` of one demande cost 32 µs
/// instead of 5 µs).
pub(crate) fn threads() -> usize {
    static THREADS: LazyLock<usize> = LazyLock::new(|| std::thread::available_parallelism().map_or(1, usize::from));
    *THREADS
}
