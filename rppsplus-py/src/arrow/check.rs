//! `rppsplus.arrow.check(kind, column)`: a column of identifiers checked into an Arrow struct
//! array `{valid, canonical, code, message}`.

use std::sync::{Arc, LazyLock};

use arrow_array::builder::{BooleanBuilder, StringBuilder};
use std::ops::Range;

use arrow_array::{Array, ArrayRef, StructArray};
use arrow_buffer::NullBufferBuilder;
use arrow_schema::{DataType, Field, Fields};
use arrow_select::concat::concat;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rppsplus_core::ids::{self as core, IdKind, Mode};
use rppsplus_core::runs::in_runs;

use super::{ArrowResult, Rows, Texts, column_chunks, identifiers};
use crate::args::mode;
use crate::demande::threads;
use crate::names::Name;

/// Rows per thread below which no more threads are started: a value takes tens of
/// nanoseconds, a thread tens of microseconds.
const ROWS_PER_THREAD: usize = 16 * 1024;

/// The fields of the result.
static FIELDS: LazyLock<Fields> = LazyLock::new(|| {
    Fields::from(vec![
        Field::new("valid", DataType::Boolean, true),
        Field::new("canonical", DataType::Utf8, true),
        Field::new("code", DataType::Utf8, true),
        Field::new("message", DataType::Utf8, true),
    ])
});

/// The result being built, row after row.
struct Builders {
    valid: BooleanBuilder,
    canonical: StringBuilder,
    code: StringBuilder,
    message: StringBuilder,
    nulls: NullBufferBuilder,
}

impl Builders {
    /// For `rows` rows, most of them valid identifiers of about 16 bytes.
    fn with_capacity(rows: usize) -> Self {
        Self {
            valid: BooleanBuilder::with_capacity(rows),
            canonical: StringBuilder::with_capacity(rows, rows * 16),
            code: StringBuilder::with_capacity(rows, 0),
            message: StringBuilder::with_capacity(rows, 0),
            nulls: NullBufferBuilder::new(rows),
        }
    }

    /// Adds the row of one value (the core's verdict; a null stays null).
    fn push(&mut self, kind: IdKind, mode: Mode, value: Option<&str>) {
        let Some(text) = value else {
            self.valid.append_null();
            self.canonical.append_null();
            self.code.append_null();
            self.message.append_null();
            self.nulls.append_null();
            return;
        };
        self.nulls.append_non_null();
        match core::check(kind, text, mode).result() {
            Ok(canonical) => {
                self.valid.append_value(true);
                self.canonical.append_value(canonical);
                self.code.append_null();
                self.message.append_null();
            }
            Err(e) => {
                self.valid.append_value(false);
                self.canonical.append_null();
                self.code.append_value(e.code().as_str());
                self.message.append_value(e.message_fr());
            }
        }
    }

    fn finish(mut self) -> StructArray {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.valid.finish()),
            Arc::new(self.canonical.finish()),
            Arc::new(self.code.finish()),
            Arc::new(self.message.finish()),
        ];
        StructArray::new(FIELDS.clone(), columns, self.nulls.finish())
    }
}

/// Checks every value of an Arrow column as an identifier of ``kind`` and returns an Arrow
/// struct array of the same length: ``valid`` (bool), ``canonical`` (the canonical form of a
/// valid value), ``code`` and ``message`` (the stable error code and the French message of
/// an invalid one). A null value gives a null row.
///
/// ``column`` is any Arrow array or chunked array, given through the Arrow PyCapsule
/// interface (``__arrow_c_array__`` or ``__arrow_c_stream__``): a pyarrow ``Array`` or
/// ``ChunkedArray``, a Polars ``Series``, a pandas ``Series``, a DuckDB query result of one
/// column. Its values are read in place, never as Python objects: strings (``string``,
/// ``large_string``, ``string_view``), dictionary-encoded strings, or integers (in decimal).
/// The result is one ``ArrowResult`` array: ``pyarrow.array(result)``,
/// ``polars.Series(result)``. Another argument, or values of another type, raise
/// ``TypeError``; an unknown kind ``ValueError``. The checks run with the GIL released, on
/// every core.
#[pyfunction]
#[pyo3(signature = (kind, column, *, test_mode = false))]
pub(crate) fn arrow_check(
    py: Python<'_>,
    kind: Name<IdKind>,
    column: &Bound<'_, PyAny>,
    test_mode: bool,
) -> PyResult<ArrowResult> {
    let what = "arrow.check() argument 'column'";
    let texts = column_chunks(column, what)?
        .iter()
        .map(|chunk| identifiers(chunk, what))
        .collect::<PyResult<Vec<Texts>>>()?;
    let (kind, mode) = (kind.0, mode(test_mode));
    let rows = Rows::new(&texts);
    let result = py.detach(|| {
        // Runs of rows on every core, each into columns of its own, joined in order.
        let run = |range: Range<usize>| {
            let mut builders = Builders::with_capacity(range.len());
            rows.each(range, |value| builders.push(kind, mode, value));
            builders.finish()
        };
        let runs = in_runs(rows.len(), threads(), ROWS_PER_THREAD, run);
        let runs: Vec<&dyn Array> = runs.iter().map(|r| r as &dyn Array).collect();
        concat(&runs)
    });
    let result = result.map_err(|e| PyValueError::new_err(e.to_string()))?;
    let field = Field::new("", DataType::Struct(FIELDS.clone()), true);
    Ok(ArrowResult::new(result, Arc::new(field)))
}
