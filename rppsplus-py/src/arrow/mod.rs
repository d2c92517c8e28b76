//! The Arrow face, `rppsplus.arrow`: `check(kind, column)` (`check.rs`) and
//! `validate(table)` (`validate.rs`), for data engines that hold millions of values in
//! columns.
//!
//! Input and output go through the Arrow PyCapsule interface (`__arrow_c_array__`,
//! `__arrow_c_stream__`) with pyo3-arrow's import and export functions over arrow-rs's C data
//! interface: any producer (pyarrow, Polars, pandas, DuckDB) is read without copying its
//! values into Python objects, and the results are `ArrowResult` objects (`result.rs`) that
//! any consumer takes (`pyarrow.array(result)`, `polars.Series(result)`). pyo3-arrow's own
//! Python classes are not used: they would bring arrow-rs's compute kernels into the wheel. The cells are read in place from the
//! Arrow buffers, once arrow-rs has validated them (offsets and UTF-8): a malformed array is
//! a `ValueError`, never undefined behaviour. The core checks with the GIL released.

mod check;
mod result;
mod validate;

use std::ops::Range;
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::make_array;
use arrow_array::temporal_conversions::as_datetime;
use arrow_array::types::{
    ArrowTimestampType, Date32Type, Date64Type, Float32Type, Float64Type, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType,
};
use arrow_array::{
    Array, ArrayAccessor, ArrayRef, GenericStringArray, LargeStringArray, OffsetSizeTrait, PrimitiveArray, StringArray,
    StringViewArray,
};
use arrow_buffer::NullBuffer;
use arrow_data::{ByteView, MAX_INLINE_VIEW_LEN};
use arrow_schema::{DataType, TimeUnit};
use chrono::NaiveTime;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3_arrow::input::{AnyArray, AnyRecordBatch};

pub(crate) use check::arrow_check;
pub(crate) use result::ArrowResult;
pub(crate) use validate::arrow_validate;

use crate::args::type_name;

/// A column of text cells, read in place.
enum Texts {
    Utf8(StringArray),
    Large(LargeStringArray),
    View(StringViewArray),
}

impl Texts {
    /// The text of row `i` (`None` when null).
    fn get(&self, i: usize) -> Option<&'_ str> {
        match self {
            Texts::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            Texts::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Texts::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }

    /// Calls `f` with the text of each row of `range` (`None` when null), in order.
    fn each<'a>(&'a self, range: Range<usize>, f: &mut impl FnMut(Option<&'a str>)) {
        fn rows<'a, A: ArrayAccessor<Item = &'a str>>(a: A, range: Range<usize>, f: &mut impl FnMut(Option<&'a str>)) {
            for i in range {
                f(a.is_valid(i).then(|| a.value(i)));
            }
        }
        match self {
            Texts::Utf8(a) => rows(a, range, f),
            Texts::Large(a) => rows(a, range, f),
            Texts::View(a) => rows(a, range, f),
        }
    }

    fn len(&self) -> usize {
        match self {
            Texts::Utf8(a) => a.len(),
            Texts::Large(a) => a.len(),
            Texts::View(a) => a.len(),
        }
    }

    /// The strings of a string array, validated (offsets in bounds, UTF-8); `None` for
    /// another type.
    fn strings(array: &ArrayRef) -> PyResult<Option<Self>> {
        let malformed = |e: String| PyValueError::new_err(format!("a malformed Arrow array: {e}"));
        let texts = match array.data_type() {
            DataType::Utf8 => Texts::Utf8(checked(array.as_string::<i32>()).map_err(malformed)?),
            DataType::LargeUtf8 => Texts::Large(checked(array.as_string::<i64>()).map_err(malformed)?),
            DataType::Utf8View => Texts::View(checked_views(array.as_string_view()).map_err(malformed)?),
            _ => return Ok(None),
        };
        Ok(Some(texts))
    }

    /// `array` written as text by arrow-rs's cast kernels.
    fn cast(array: &ArrayRef) -> PyResult<Self> {
        let cast = arrow_cast::cast(array, &DataType::LargeUtf8).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Texts::Large(cast.as_string::<i64>().clone()))
    }
}

/// The rows of a column given in chunks, by index from 0.
struct Rows<'a> {
    chunks: &'a [Texts],
    /// The index of the first row of each chunk, and the number of rows after the last.
    starts: Vec<usize>,
}

impl<'a> Rows<'a> {
    fn new(chunks: &'a [Texts]) -> Self {
        let mut starts = vec![0];
        for chunk in chunks {
            starts.push(starts[starts.len() - 1] + chunk.len());
        }
        Self { chunks, starts }
    }

    fn len(&self) -> usize {
        self.starts[self.starts.len() - 1]
    }

    /// Calls `f` with the value of each row of `range`, in order (`None` when null).
    fn each(&self, range: Range<usize>, mut f: impl FnMut(Option<&'a str>)) {
        for (chunk, start) in self.chunks.iter().zip(&self.starts) {
            let (from, to) = (range.start.max(*start), range.end.min(start + chunk.len()));
            if from < to {
                chunk.each(from - start..to - start, &mut f);
            }
        }
    }
}

/// `array` once what its accessors take on trust is checked: the C data interface imports
/// data as it is, and arrow-rs's string accessors slice without checks. The offsets must be
/// in bounds and in order, and the values UTF-8 cut at character boundaries: the values are
/// checked as one text, which costs much less than arrow-rs's `validate_full` (a call per
/// value).
fn checked<O: OffsetSizeTrait>(array: &GenericStringArray<O>) -> Result<GenericStringArray<O>, String> {
    let offsets = array.value_offsets();
    let at = |o: &O| o.to_usize().ok_or("a negative offset");
    let (first, last) = match (offsets.first(), offsets.last()) {
        (Some(first), Some(last)) => (at(first)?, at(last)?),
        _ => return Err("no offsets".into()),
    };
    let values = array.value_data().get(first..last).ok_or("offsets beyond the values")?;
    // Identifiers are ASCII, checked faster than UTF-8, and cut anywhere at a character.
    let text = match values.is_ascii() {
        true => None,
        false => Some(std::str::from_utf8(values).map_err(|e| e.to_string())?),
    };
    let mut previous = first;
    for offset in offsets {
        let offset = at(offset)?;
        if offset < previous || text.is_some_and(|t| !t.is_char_boundary(offset - first)) {
            return Err("offsets out of order or inside a character".into());
        }
        previous = offset;
    }
    Ok(array.clone())
}

/// `array` once what its accessors take on trust is checked (see [`checked`]): the view of
/// each value names bytes that exist (in the view itself, or in a buffer) and are UTF-8.
fn checked_views(array: &StringViewArray) -> Result<StringViewArray, String> {
    let buffers = array.data_buffers();
    for (i, view) in array.views().iter().enumerate() {
        if array.is_null(i) {
            continue;
        }
        let view_bytes = view.to_le_bytes();
        let view = ByteView::from(*view);
        let length = view.length as usize;
        let bytes = if length <= MAX_INLINE_VIEW_LEN as usize {
            &view_bytes[4..4 + length]
        } else {
            let buffer = buffers
                .get(view.buffer_index as usize)
                .ok_or("a view of a missing buffer")?;
            let start = view.offset as usize;
            buffer.get(start..start + length).ok_or("a view beyond its buffer")?
        };
        if !bytes.is_ascii() {
            std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        }
    }
    Ok(array.clone())
}

/// The identifiers of a column: strings as they are, integers in decimal (a column of
/// RPPS numbers read as numbers), dictionary-encoded strings (categoricals); `what` names
/// the argument in the `TypeError` of another type.
fn identifiers(array: &ArrayRef, what: &str) -> PyResult<Texts> {
    if let Some(texts) = Texts::strings(array)? {
        return Ok(texts);
    }
    match array.data_type() {
        DataType::Dictionary(_, values) if is_text(values) => Texts::cast(array),
        t if t.is_integer() || *t == DataType::Null => Texts::cast(array),
        t => Err(PyTypeError::new_err(format!(
            "{what} must hold strings or integers, not {t}"
        ))),
    }
}

/// The cells of a column of demandes, written as a collection file holds them: strings as
/// they are; integers and decimals in decimal; booleans `true`/`false`; floats as arrow-rs
/// writes them, NaN being a null (missing) cell; dates `YYYY-MM-DD`, and so is a timestamp
/// without time zone at midnight (another one is `YYYY-MM-DDTHH:MM:SS`, which the core reads
/// as its date where a date is expected, as a spreadsheet's date-time). `what` names the column in the `TypeError` of another type
/// (a list, a struct, bytes).
fn cells(array: &ArrayRef, what: &str) -> PyResult<Texts> {
    if let Some(texts) = Texts::strings(array)? {
        return Ok(texts);
    }
    let t = array.data_type();
    match t {
        DataType::Float32 => Texts::cast(&without_nan(array.as_primitive::<Float32Type>(), f32::is_nan)),
        DataType::Float64 => Texts::cast(&without_nan(array.as_primitive::<Float64Type>(), f64::is_nan)),
        DataType::Date32 => Ok(dates(array.as_primitive::<Date32Type>())),
        DataType::Date64 => Ok(dates(array.as_primitive::<Date64Type>())),
        DataType::Timestamp(unit, None) => Ok(match unit {
            TimeUnit::Second => timestamps(array.as_primitive::<TimestampSecondType>()),
            TimeUnit::Millisecond => timestamps(array.as_primitive::<TimestampMillisecondType>()),
            TimeUnit::Microsecond => timestamps(array.as_primitive::<TimestampMicrosecondType>()),
            TimeUnit::Nanosecond => timestamps(array.as_primitive::<TimestampNanosecondType>()),
        }),
        DataType::Dictionary(_, values) if !values.is_nested() => Texts::cast(array),
        t if t.is_nested() || matches!(t, DataType::Binary | DataType::LargeBinary | DataType::BinaryView) => Err(
            PyTypeError::new_err(format!("{what} must hold strings, numbers, booleans or dates, not {t}")),
        ),
        _ => Texts::cast(array),
    }
}

/// Whether a dictionary's values are strings.
fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// A float array whose NaN values are nulls.
fn without_nan<T: arrow_array::ArrowPrimitiveType>(
    array: &PrimitiveArray<T>,
    is_nan: fn(T::Native) -> bool,
) -> ArrayRef {
    Arc::new(array.unary_opt::<_, T>(|v| (!is_nan(v)).then_some(v)))
}

/// Dates as `YYYY-MM-DD`.
fn dates<T: arrow_array::ArrowPrimitiveType>(array: &PrimitiveArray<T>) -> Texts
where
    T::Native: Into<i64>,
{
    let text = |v: T::Native| as_datetime::<T>(v.into()).map(|d| d.date().format("%Y-%m-%d").to_string());
    Texts::Large(array.iter().map(|v| v.and_then(text)).collect())
}

/// Timestamps without time zone: `YYYY-MM-DD` at midnight, else `YYYY-MM-DDTHH:MM:SS[.f]`.
fn timestamps<T: ArrowTimestampType>(array: &PrimitiveArray<T>) -> Texts {
    let text = |v: i64| {
        let at = as_datetime::<T>(v)?;
        let format = if at.time() == NaiveTime::MIN {
            "%Y-%m-%d"
        } else {
            "%Y-%m-%dT%H:%M:%S%.f"
        };
        Some(at.format(format).to_string())
    };
    Texts::Large(array.iter().map(|v| v.and_then(text)).collect())
}

/// The `TypeError` of an argument that speaks no Arrow PyCapsule interface.
fn not_arrow(value: &Bound<'_, PyAny>, what: &str, shape: &str) -> PyErr {
    PyTypeError::new_err(format!(
        "{what} must be an Arrow {shape} (an object with __arrow_c_array__ or __arrow_c_stream__: \
         pyarrow, Polars, pandas, DuckDB), not {}",
        type_name(value)
    ))
}

/// Whether `value` speaks the Arrow PyCapsule interface.
fn is_arrow(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = value.py();
    Ok(value.hasattr(intern!(py, "__arrow_c_array__"))? || value.hasattr(intern!(py, "__arrow_c_stream__"))?)
}

/// The chunks of an Arrow array or stream (read while attached: a producer may need the GIL).
fn column_chunks(column: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<ArrayRef>> {
    if !is_arrow(column)? {
        return Err(not_arrow(column, what, "array"));
    }
    let reader = column.extract::<AnyArray>()?.into_reader()?;
    let chunks = reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    // A table of one column (a DuckDB query result) is that column.
    chunks
        .into_iter()
        .map(|chunk| {
            let mut columns = Vec::with_capacity(1);
            flat_columns(chunk, &mut columns)?;
            match <[ArrayRef; 1]>::try_from(columns) {
                Ok([column]) => Ok(column),
                Err(columns) => Err(PyTypeError::new_err(format!(
                    "{what} must be one column, not a table of {} columns",
                    columns.len()
                ))),
            }
        })
        .collect()
}

/// A table read for validation: its column names and, batch after batch, its columns.
struct Table {
    names: Vec<String>,
    /// The columns of each batch, in the order of `names`.
    batches: Vec<(usize, Vec<ArrayRef>)>,
}

/// An Arrow table, record batch or stream of them (read while attached), its struct columns
/// flattened: the field `nom_naissance` of a struct column `etat_civil` is the column
/// `etat_civil.nom_naissance`, as `pyarrow.Table.flatten()` names it (a null struct gives
/// null cells). A nested Parquet dataset thus has the collection file's columns.
fn read_table(table: &Bound<'_, PyAny>, what: &str) -> PyResult<Table> {
    if !is_arrow(table)? {
        return Err(not_arrow(table, what, "table"));
    }
    let reader = table.extract::<AnyRecordBatch>()?.into_reader()?;
    let mut names = Vec::new();
    for field in reader.schema().fields() {
        flat_names(field.name(), field.data_type(), &mut names);
    }
    let mut batches = Vec::new();
    for batch in reader {
        let batch = batch.map_err(|e| PyValueError::new_err(e.to_string()))?;
        let mut columns = Vec::with_capacity(names.len());
        for column in batch.columns() {
            flat_columns(column.clone(), &mut columns)?;
        }
        batches.push((batch.num_rows(), columns));
    }
    Ok(Table { names, batches })
}

/// The names of a column, flattened.
fn flat_names(name: &str, t: &DataType, out: &mut Vec<String>) {
    match t {
        DataType::Struct(fields) => {
            for field in fields {
                flat_names(&format!("{name}.{}", field.name()), field.data_type(), out);
            }
        }
        _ => out.push(name.to_owned()),
    }
}

/// The arrays of a column, flattened (in the order of [`flat_names`]).
fn flat_columns(array: ArrayRef, out: &mut Vec<ArrayRef>) -> PyResult<()> {
    let DataType::Struct(_) = array.data_type() else {
        out.push(array);
        return Ok(());
    };
    let parent = array.as_struct();
    for child in parent.columns() {
        let nulls = NullBuffer::union(parent.nulls(), child.nulls());
        let child = match nulls {
            Some(nulls) if child.nulls() != Some(&nulls) => {
                let data = child.to_data().into_builder().nulls(Some(nulls)).build();
                make_array(data.map_err(|e| PyValueError::new_err(e.to_string()))?)
            }
            _ => child.clone(),
        };
        flat_columns(child, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use arrow_buffer::{Buffer, OffsetBuffer, ScalarBuffer};

    use super::*;

    /// A string array as a producer may hand it over, malformed or not.
    fn imported(offsets: Vec<i32>, values: &[u8]) -> StringArray {
        // SAFETY: the array may break arrow-rs's invariants on purpose, as data imported
        // through the C data interface may: only `checked` reads it, which reads the offsets
        // and the bytes, never a value.
        unsafe {
            StringArray::new_unchecked(
                OffsetBuffer::new_unchecked(ScalarBuffer::from(offsets)),
                Buffer::from(values),
                None,
            )
        }
    }

    #[test]
    fn malformed_string_views_are_refused() {
        let long = "a string longer than twelve bytes";
        let good = StringViewArray::from(vec![Some("10107985318"), None, Some(long), Some("é")]);
        assert!(checked_views(&good).is_ok());
        let views = good.views().clone();
        let bad_buffer = |buffers: Vec<Buffer>| {
            // SAFETY: as in `imported`: only `checked_views` reads it, view by view.
            unsafe { StringViewArray::new_unchecked(views.clone(), buffers, None) }
        };
        assert!(checked_views(&bad_buffer(vec![])).is_err(), "a missing buffer");
        assert!(
            checked_views(&bad_buffer(vec![Buffer::from(&b"short"[..])])).is_err(),
            "beyond its buffer"
        );
        let not_utf8 = Buffer::from(vec![0xffu8; long.len()]);
        assert!(checked_views(&bad_buffer(vec![not_utf8])).is_err(), "not UTF-8");
    }

    #[test]
    fn malformed_string_arrays_are_refused() {
        assert!(checked(&imported(vec![0, 2, 4], b"abcd")).is_ok());
        assert!(checked(&imported(vec![1, 3, 4], "aéb".as_bytes())).is_ok());
        assert!(checked(&imported(vec![0, 2, 9], b"abcd")).is_err(), "beyond the values");
        assert!(checked(&imported(vec![0, 3, 2], b"abcd")).is_err(), "out of order");
        assert!(
            checked(&imported(vec![0, 1, 2], "é".as_bytes())).is_err(),
            "inside a character"
        );
        assert!(checked(&imported(vec![0, 2], &[0xff, 0xfe])).is_err(), "not UTF-8");
        assert!(checked(&imported(vec![-1, 2], b"ab")).is_err(), "negative");
    }
}
