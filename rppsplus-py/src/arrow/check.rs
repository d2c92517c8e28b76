//! `rppsplus.arrow.check(kind, column)`: a column of identifiers checked into an Arrow struct
//! array `{valid, canonical, code, message}`.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

use arrow_array::builder::StringBuilder;
use arrow_array::{Array, ArrayRef, BooleanArray, StringArray, StructArray};
use arrow_buffer::{BooleanBufferBuilder, NullBuffer, NullBufferBuilder, OffsetBuffer};
use arrow_schema::{ArrowError, DataType, Field, Fields};
use arrow_select::concat::concat;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rppsplus_core::ids::{self as core, IdKind, Mode, ParseError};
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

/// The result of a run of rows being built, row after row. Most values are valid: the
/// columns of the errors are written at the end, from the rows that have one.
struct Builders {
    valid: BooleanBufferBuilder,
    canonical: StringBuilder,
    nulls: NullBufferBuilder,
    /// The invalid values: row (in the run) and error.
    errors: Vec<(usize, ParseError)>,
}

impl Builders {
    /// For `rows` rows, most of them valid identifiers of about 16 bytes.
    fn with_capacity(rows: usize) -> Self {
        Self {
            valid: BooleanBufferBuilder::new(rows),
            canonical: StringBuilder::with_capacity(rows, rows * 16),
            nulls: NullBufferBuilder::new(rows),
            errors: Vec::new(),
        }
    }

    /// Adds the row of one value (the core's verdict; a null stays null).
    fn push(&mut self, kind: IdKind, mode: Mode, value: Option<&str>) {
        let Some(text) = value else {
            self.valid.append(false);
            self.canonical.append_null();
            self.nulls.append_null();
            return;
        };
        self.nulls.append_non_null();
        match core::check(kind, text, mode).result() {
            Ok(canonical) => {
                self.valid.append(true);
                self.canonical.append_value(canonical);
            }
            Err(e) => {
                self.errors.push((self.valid.len(), e));
                self.valid.append(false);
                self.canonical.append_null();
            }
        }
    }

    fn finish(mut self) -> Result<StructArray, ArrowError> {
        let rows = self.valid.len();
        let nulls = self.nulls.finish();
        let columns: Vec<ArrayRef> = vec![
            Arc::new(BooleanArray::new(self.valid.finish(), nulls.clone())),
            Arc::new(self.canonical.finish()),
            Arc::new(sparse(rows, &self.errors, |e| e.code().as_str().into())?),
            Arc::new(sparse(rows, &self.errors, |e| e.message_fr().into())?),
        ];
        StructArray::try_new(FIELDS.clone(), columns, nulls)
    }
}

/// A column of `rows` rows, null but at the rows of `errors` (in order), which hold `text`.
fn sparse(
    rows: usize,
    errors: &[(usize, ParseError)],
    text: impl Fn(&ParseError) -> Cow<'static, str>,
) -> Result<StringArray, ArrowError> {
    let mut offsets: Vec<i32> = Vec::with_capacity(rows + 1);
    let mut values = String::new();
    let mut present = BooleanBufferBuilder::new(rows);
    present.append_n(rows, false);
    offsets.push(0);
    let too_long = || ArrowError::ComputeError("over 2 GiB of messages".into());
    for (row, e) in errors {
        // The null rows before this one end where the last text ended.
        let end = offsets.last().copied().unwrap_or_default();
        offsets.resize(row + 1, end);
        values.push_str(&text(e));
        offsets.push(i32::try_from(values.len()).map_err(|_| too_long())?);
        present.set_bit(*row, true);
    }
    let end = offsets.last().copied().unwrap_or_default();
    offsets.resize(rows + 1, end);
    StringArray::try_new(
        OffsetBuffer::new(offsets.into()),
        values.into_bytes().into(),
        Some(NullBuffer::new(present.finish())),
    )
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
        let runs = in_runs(rows.len(), threads(), ROWS_PER_THREAD, run)
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        concat(&runs.iter().map(|r| r as &dyn Array).collect::<Vec<_>>())
    });
    let result = result.map_err(|e| PyValueError::new_err(e.to_string()))?;
    let field = Field::new("", DataType::Struct(FIELDS.clone()), true);
    Ok(ArrowResult::new(result, Arc::new(field)))
}
