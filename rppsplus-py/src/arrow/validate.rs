//! `rppsplus.arrow.validate(table)`: the demandes of an Arrow table with the collection
//! file's columns, validated as its rows are (the core's column reading), into an Arrow
//! table of findings.

use std::sync::{Arc, LazyLock};

use arrow_array::builder::{Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, StructArray};
use arrow_schema::{DataType, Field, Fields};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rppsplus_core::demande::{Actor, Columns, Duplicates, Finding, Stage};

use super::{ArrowResult, Texts, cells, read_table};
use crate::demande::{options, threads};
use crate::names::Name;

/// The columns of the findings table.
static FIELDS: LazyLock<Fields> = LazyLock::new(|| {
    let text = |name| Field::new(name, DataType::Utf8, false);
    Fields::from(vec![
        Field::new("row", DataType::Int64, true),
        text("path"),
        text("code"),
        text("severity"),
        text("message"),
        text("message_en"),
    ])
});

/// The findings table being built.
#[derive(Default)]
struct Findings {
    row: Int64Builder,
    path: StringBuilder,
    code: StringBuilder,
    severity: StringBuilder,
    message: StringBuilder,
    message_en: StringBuilder,
}

impl Findings {
    /// Adds a finding of row `row` (`None`: of the table itself).
    fn push(&mut self, row: Option<usize>, f: &Finding) {
        self.row
            .append_option(row.map(|r| i64::try_from(r).unwrap_or(i64::MAX)));
        self.path.append_value(f.path.as_str());
        self.code.append_value(f.code.as_str());
        self.severity.append_value(f.severity.as_str());
        self.message.append_value(&f.message);
        self.message_en.append_value(&f.message_en);
    }

    fn finish(mut self) -> PyResult<ArrowResult> {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.row.finish()),
            Arc::new(self.path.finish()),
            Arc::new(self.code.finish()),
            Arc::new(self.severity.finish()),
            Arc::new(self.message.finish()),
            Arc::new(self.message_en.finish()),
        ];
        let table =
            StructArray::try_new(FIELDS.clone(), columns, None).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let field = Field::new("", DataType::Struct(FIELDS.clone()), false);
        Ok(ArrowResult::new(Arc::new(table), Arc::new(field)))
    }
}

/// Validates the demandes of an Arrow table, one per row, and returns their findings as an
/// Arrow table (an ``ArrowResult``: ``pyarrow.table(result)``, ``polars.DataFrame(result)``):
/// ``row`` (the row's index from 0; null for a finding about the table itself), ``path``,
/// ``code``, ``severity``, ``message`` (French) and ``message_en``, in row order. A row
/// without findings has none; a valid demande may have warnings.
///
/// The columns are the collection file's (docs/domain.md §4.6): the JSON paths flattened with
/// ``.`` (``etat_civil.nom_naissance``), or struct columns that hold them (a nested Parquet
/// dataset: the field ``nom_naissance`` of the struct ``etat_civil``); an unknown column is an
/// ``invalid_csv`` finding of the table and is ignored. Rows are read as the CSV's: a null or
/// empty cell is absent, ``etat_civil.prenoms`` separated by ``,``, dates ``YYYY-MM-DD`` or
/// ``JJ/MM/AAAA``; the same person or RPPS number as an earlier row is ``duplicate`` (naming
/// that row's index). Columns of other types are written as text first: integers and
/// decimals in decimal, booleans ``true``/``false``, dates and timestamps at midnight
/// ``YYYY-MM-DD``, float NaN as null.
///
/// ``table`` is any Arrow table or record batch through the Arrow PyCapsule interface: a
/// pyarrow ``Table``, a Polars or pandas ``DataFrame``, a DuckDB query result. The keywords
/// are ``validate()``'s. Validation runs with the GIL released, on every core.
#[pyfunction]
#[pyo3(signature = (
    table, *, reference_date = None, stage = Name(Stage::default()), actor = Name(Actor::default()),
    test_mode = false
))]
pub(crate) fn arrow_validate(
    py: Python<'_>,
    table: &Bound<'_, PyAny>,
    reference_date: Option<&Bound<'_, PyAny>>,
    stage: Name<Stage>,
    actor: Name<Actor>,
    test_mode: bool,
) -> PyResult<ArrowResult> {
    let options = options("arrow.validate()", reference_date, stage, actor, test_mode)?;
    let table = read_table(table, "arrow.validate() argument 'table'")?;
    let columns = Columns::new(&table.names);
    let mut findings = Findings::default();
    for f in columns.findings() {
        findings.push(None, f);
    }
    // The same person or RPPS number in two rows of the table, batches apart or not.
    let mut duplicates = Duplicates::by_index();
    let mut first_row = 0;
    for (rows, arrays) in &table.batches {
        // Only the known columns are read (an unknown one is ignored, whatever its type).
        let texts = arrays
            .iter()
            .zip(&table.names)
            .map(|(array, name)| {
                let known = Columns::new([name]).findings().is_empty();
                known
                    .then(|| cells(array, &format!("arrow.validate(): column {name:?}")))
                    .transpose()
            })
            .collect::<PyResult<Vec<Option<Texts>>>>()?;
        let cell = |row: usize, i: usize| texts[i].as_ref()?.get(row);
        let reports = py.detach(|| columns.validate_rows(first_row, *rows, cell, &options, threads(), &mut duplicates));
        for (row, report) in reports.iter().enumerate() {
            for f in report.findings() {
                findings.push(Some(first_row + row), f);
            }
        }
        first_row += rows;
    }
    findings.finish()
}
