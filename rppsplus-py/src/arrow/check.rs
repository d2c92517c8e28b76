//! `rppsplus.arrow.check(kind, column)`: a column of identifiers checked into an Arrow struct
//! array `{valid, canonical, code, message}`.
//!
//! The rows are checked in runs, one per core, each run writing its outcomes straight into
//! Arrow's layout (bits, offsets and bytes); the runs' columns are then joined, the first
//! run's buffers kept and the others appended to them. Built with arrow-rs's builders and
//! joined by its `concat` kernel, the columns took 40 ns a value beside the core's 30; written
//! this way, a thread does a value (the core's check included) in 25 ns (BENCHMARKS.md).

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use arrow_array::{ArrayRef, BooleanArray, StringArray, StructArray};
use arrow_buffer::{BooleanBuffer, BooleanBufferBuilder, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{ArrowError, DataType, Field, Fields};
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

/// The rows a run's columns have room for at first: memory reserved for a column of 16 M
/// identifiers is 320 MB (bytes and offsets); a longer one grows as it is written.
const RESERVED_ROWS: usize = 16 << 20;

/// The distinct errors whose French message a run keeps once built: a column's invalid
/// values mostly share a few errors (a wrong key, a digit missing).
const KEPT_MESSAGES: usize = 32;

/// The fields of the result.
static FIELDS: LazyLock<Fields> = LazyLock::new(|| {
    Fields::from(vec![
        Field::new("valid", DataType::Boolean, true),
        Field::new("canonical", DataType::Utf8, true),
        Field::new("code", DataType::Utf8, true),
        Field::new("message", DataType::Utf8, true),
    ])
});

fn too_long() -> ArrowError {
    ArrowError::ComputeError("a column of over 2 GiB of text".into())
}

/// A column of texts of a run of rows, as Arrow lays a string column out: the texts one
/// after the other in `values`, and where each row's text starts and ends (`offsets`, from
/// 0; a row without a text is empty).
struct TextColumn {
    offsets: Vec<i32>,
    values: Vec<u8>,
}

impl TextColumn {
    fn with_capacity(rows: usize, bytes: usize) -> Self {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Self {
            offsets,
            values: Vec::with_capacity(bytes),
        }
    }

    /// Adds a row holding `text`.
    #[inline]
    fn push(&mut self, text: &str) -> Result<(), ArrowError> {
        self.values.extend_from_slice(text.as_bytes());
        let end = i32::try_from(self.values.len()).map_err(|_| too_long())?;
        self.offsets.push(end);
        Ok(())
    }

    /// Adds a row without a text.
    #[inline]
    fn skip(&mut self) {
        let end = self.offsets.last().copied().unwrap_or_default();
        self.offsets.push(end);
    }

    /// The columns of consecutive runs as one string column, null where `nulls` says (no null
    /// buffer when it says none).
    fn join(runs: impl IntoIterator<Item = TextColumn>, nulls: BooleanBuffer) -> Result<StringArray, ArrowError> {
        let mut runs = runs.into_iter();
        let Self {
            mut offsets,
            mut values,
        } = runs.next().unwrap_or_else(|| Self::with_capacity(0, 0));
        for run in runs {
            let base = i32::try_from(values.len()).map_err(|_| too_long())?;
            i32::try_from(values.len() + run.values.len()).map_err(|_| too_long())?;
            offsets.extend(run.offsets[1..].iter().map(|end| end + base));
            values.extend_from_slice(&run.values);
        }
        // A row too many or too few in a run (a broken invariant of `Run::push`) is an error,
        // not an array whose offsets and validity disagree.
        let last = offsets.last().and_then(|end| usize::try_from(*end).ok());
        if offsets.len() != nulls.len() + 1 || last != Some(values.len()) {
            return Err(ArrowError::ComputeError("the runs' columns disagree".into()));
        }
        let offsets = OffsetBuffer::new(ScalarBuffer::from(offsets));
        let nulls = Some(NullBuffer::new(nulls)).filter(|n| n.null_count() > 0);
        // SAFETY: every row was written by `push` (a whole `&str`) or `skip` (an empty row),
        // so `values` is UTF-8 and the offsets, from 0 and in order, end where a `&str` ended;
        // their count and the last one were checked above. `try_new` would check it all again
        // (a UTF-8 pass over the column: 5 of the 8 ms of joining two runs of 500 000 rows).
        Ok(unsafe { StringArray::new_unchecked(offsets, values.into(), nulls) })
    }
}

/// The outcomes of a run of rows, written row after row.
struct Run {
    /// Whether each row is a valid identifier (false for a null).
    valid: BooleanBufferBuilder,
    /// Whether each row holds a value.
    present: BooleanBufferBuilder,
    canonical: TextColumn,
    code: TextColumn,
    message: TextColumn,
    /// The French messages built so far, by error.
    messages: Vec<(ParseError, String)>,
}

impl Run {
    /// For `rows` rows, most of them valid identifiers of at most 16 bytes, in columns with
    /// room for `room` rows (the first run's columns take the other runs' in), up to
    /// [`RESERVED_ROWS`] rows (the columns grow beyond).
    fn with_capacity(rows: usize, room: usize) -> Self {
        let room = room.min(RESERVED_ROWS);
        Self {
            valid: BooleanBufferBuilder::new(rows),
            present: BooleanBufferBuilder::new(rows),
            canonical: TextColumn::with_capacity(room, room * 16),
            code: TextColumn::with_capacity(room, 0),
            message: TextColumn::with_capacity(room, 0),
            messages: Vec::new(),
        }
    }

    /// Adds the row of one value (the core's verdict; a null stays null).
    #[inline]
    fn push(&mut self, kind: IdKind, mode: Mode, value: Option<&str>) -> Result<(), ArrowError> {
        self.present.append(value.is_some());
        let Some(text) = value else {
            self.valid.append(false);
            self.canonical.skip();
            self.code.skip();
            self.message.skip();
            return Ok(());
        };
        match core::check_with(kind, text, mode, |canonical| self.canonical.push(canonical)) {
            Ok(written) => {
                self.valid.append(true);
                self.code.skip();
                self.message.skip();
                written
            }
            Err(e) => {
                self.valid.append(false);
                self.canonical.skip();
                self.code.push(e.code().as_str())?;
                self.push_message(e)
            }
        }
    }

    /// Adds the French message of `error`, built once for the errors met often.
    fn push_message(&mut self, error: ParseError) -> Result<(), ArrowError> {
        if let Some((_, message)) = self.messages.iter().find(|(e, _)| *e == error) {
            return self.message.push(message);
        }
        let message = error.message_fr();
        self.message.push(&message)?;
        if self.messages.len() < KEPT_MESSAGES {
            self.messages.push((error, message));
        }
        Ok(())
    }
}

/// The runs' outcomes as the result's struct array.
fn join(runs: Vec<Run>) -> Result<StructArray, ArrowError> {
    let rows = runs.iter().map(|r| r.valid.len()).sum();
    let (mut valid, mut present) = (BooleanBufferBuilder::new(rows), BooleanBufferBuilder::new(rows));
    let (mut canonical, mut code, mut message) = (Vec::new(), Vec::new(), Vec::new());
    for mut run in runs {
        valid.append_buffer(&run.valid.finish());
        present.append_buffer(&run.present.finish());
        canonical.push(run.canonical);
        code.push(run.code);
        message.push(run.message);
    }
    let (valid, present): (BooleanBuffer, BooleanBuffer) = (valid.finish(), present.finish());
    let invalid = &present & &!&valid;
    let nulls = Some(NullBuffer::new(present)).filter(|n| n.null_count() > 0);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(BooleanArray::new(valid.clone(), nulls.clone())),
        Arc::new(TextColumn::join(canonical, valid)?),
        Arc::new(TextColumn::join(code, invalid.clone())?),
        Arc::new(TextColumn::join(message, invalid)?),
    ];
    StructArray::try_new(FIELDS.clone(), columns, nulls)
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
            let room = if range.start == 0 { rows.len() } else { range.len() };
            let mut run = Run::with_capacity(range.len(), room);
            let mut written = Ok(());
            rows.each(range, |value| {
                if written.is_ok() {
                    written = run.push(kind, mode, value);
                }
            });
            written.map(|()| run)
        };
        let runs = in_runs(rows.len(), threads(), ROWS_PER_THREAD, run);
        join(runs.into_iter().collect::<Result<_, _>>()?)
    });
    let result = result.map_err(|e| PyValueError::new_err(e.to_string()))?;
    let field = Field::new("", DataType::Struct(FIELDS.clone()), true);
    Ok(ArrowResult::new(Arc::new(result), Arc::new(field)))
}

#[cfg(test)]
mod tests {
    use arrow_array::Array;
    use arrow_array::cast::AsArray;

    use super::*;

    /// Runs of rows joined give the core's verdict on every row, in a well-formed array
    /// (what `new_unchecked` takes on trust is checked here).
    #[test]
    fn runs_join_into_the_core_verdicts() {
        let mut values: Vec<Option<String>> = ["10107985318", "101 0798 5318", "10107985319", "", "1010798531"]
            .iter()
            .map(|v| Some(v.to_string()))
            .collect();
        values.push(None);
        // More distinct errors than a run keeps messages for.
        values.extend((0..2 * KEPT_MESSAGES).map(|i| Some(format!("{}X", "1".repeat(i)))));
        let bounds = [0, 3, 3, values.len() / 2, values.len()];
        let runs = bounds
            .windows(2)
            .map(|w| {
                let room = if w[0] == 0 { values.len() } else { w[1] - w[0] };
                let mut run = Run::with_capacity(w[1] - w[0], room);
                for value in &values[w[0]..w[1]] {
                    run.push(IdKind::Rpps, Mode::Strict, value.as_deref()).unwrap();
                }
                run
            })
            .collect();
        let joined = join(runs).unwrap();
        joined.to_data().validate_full().unwrap();
        let (valid, canonical) = (joined.column(0).as_boolean(), joined.column(1).as_string::<i32>());
        let (code, message) = (joined.column(2).as_string::<i32>(), joined.column(3).as_string::<i32>());
        assert_eq!(joined.len(), values.len());
        for (i, value) in values.iter().enumerate() {
            let Some(value) = value else {
                assert!(joined.is_null(i) && valid.is_null(i) && canonical.is_null(i) && code.is_null(i));
                continue;
            };
            let check = core::check(IdKind::Rpps, value, Mode::Strict);
            assert_eq!(valid.value(i), check.is_valid(), "{value}");
            assert_eq!(canonical.is_valid(i).then(|| canonical.value(i)), check.canonical());
            let error = check.error();
            assert_eq!(
                code.is_valid(i).then(|| code.value(i)),
                error.map(|e| e.code().as_str())
            );
            assert_eq!(
                message.is_valid(i).then(|| message.value(i).to_owned()),
                error.map(|e| e.message_fr())
            );
        }
    }
}
