//! `ArrowResult`: what `rppsplus.arrow` returns, an Arrow struct array handed over through
//! the Arrow PyCapsule interface.

use arrow_array::{Array, ArrayRef};
use arrow_schema::FieldRef;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyTuple};
use pyo3_arrow::ffi::{ArrayIterator, to_array_pycapsules, to_schema_pycapsule, to_stream_pycapsule};

/// The result of ``rppsplus.arrow.check()`` or ``rppsplus.arrow.validate()``: an Arrow
/// struct array (a table of columns), which any Arrow library takes without a copy through the
/// Arrow PyCapsule interface: ``pyarrow.array(result)`` (a ``StructArray``),
/// ``pyarrow.table(result)``, ``polars.Series(result)``, ``polars.DataFrame(result)``,
/// ``duckdb.sql("select * from result")``. It is exported as an array
/// (``__arrow_c_array__``) and as a stream of one array (``__arrow_c_stream__``);
/// ``len(result)`` is its number of rows.
#[pyclass(frozen, module = "rppsplus._rppsplus")]
pub(crate) struct ArrowResult {
    array: ArrayRef,
    field: FieldRef,
}

impl ArrowResult {
    /// The result `array` (a struct array) described by `field`.
    pub(super) fn new(array: ArrayRef, field: FieldRef) -> Self {
        Self { array, field }
    }
}

#[pymethods]
impl ArrowResult {
    /// The Arrow schema of the array, as a PyCapsule (``arrow_schema``).
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyCapsule>> {
        Ok(to_schema_pycapsule(py, self.field.as_ref())?)
    }

    /// The schema and the array as PyCapsules (``arrow_schema``, ``arrow_array``), cast to
    /// ``requested_schema`` when arrow-rs can.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_array__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        Ok(to_array_pycapsules(
            py,
            self.field.clone(),
            &self.array,
            requested_schema,
        )?)
    }

    /// A stream of the one array as a PyCapsule (``arrow_array_stream``).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyCapsule>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let chunks = ArrayIterator::new([Ok(self.array.clone())], self.field.clone());
        Ok(to_stream_pycapsule(py, Box::new(chunks), requested_schema)?)
    }

    fn __len__(&self) -> usize {
        self.array.len()
    }

    fn __repr__(&self) -> String {
        format!("ArrowResult({}, len={})", self.field.data_type(), self.array.len())
    }
}
