//! The core's closed sets of names as Python sees them.
//!
//! - The module's tuples `KINDS`, `FINDING_CODES`, `STAGES`, `ACTORS`, `SEVERITIES`,
//!   `GENERATIONS`, `CARD_TYPES`, `CARD_ERROR_CODES`, `EVENTS`, `STATUSES`,
//!   `WORKFLOW_ERROR_CODES`, `DURABILITIES`: the
//!   core's `NAMES`, as interned `str`, built at module init. The `Literal` types of the
//!   stub (`_rppsplus.pyi`) are tested against them.
//! - [`name`]: the `str` of a core value (`FindingCode::Required` → `"required"`), the same
//!   object as in its tuple: no string is written here, and none is matched.
//! - [`Name`]: a keyword argument (`stage="draft"`, `kind="rpps"`) parsed with the core's
//!   `FromStr`; an unknown name is a `ValueError` with the core's message, which lists the
//!   names.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyTuple};
use rppsplus_core::FindingCode;
use rppsplus_core::cpx::{CardErrorCode, CardType, Generation};
use rppsplus_core::demande::sheet::SheetFormat;
use rppsplus_core::demande::{Actor, Severity, Stage};
use rppsplus_core::ids::IdKind;
use rppsplus_core::names::{Named, UnknownName};
use rppsplus_core::workflow::journal::Durability;
use rppsplus_core::workflow::{ErrorCode, Event, Status};

use crate::args::not_str;

/// The names of one closed set as a tuple of interned `str`, made once.
pub(crate) struct Names {
    names: &'static [&'static str],
    tuple: PyOnceLock<Py<PyTuple>>,
}

impl Names {
    const fn new(names: &'static [&'static str]) -> Self {
        Self {
            names,
            tuple: PyOnceLock::new(),
        }
    }

    /// The tuple of the names, in the core's order.
    pub(crate) fn tuple<'py>(&self, py: Python<'py>) -> PyResult<&Bound<'py, PyTuple>> {
        let tuple = self.tuple.get_or_try_init(py, || {
            PyTuple::new(py, self.names.iter().map(|n| PyString::intern(py, n))).map(Bound::unbind)
        })?;
        Ok(tuple.bind(py))
    }

    /// The `str` of `name`, taken from the tuple.
    fn get<'py>(&self, py: Python<'py>, name: &str) -> Bound<'py, PyString> {
        let item = self.names.iter().position(|n| *n == name).and_then(|i| {
            let tuple = self.tuple(py).ok()?;
            tuple.get_item(i).ok()?.cast_into::<PyString>().ok()
        });
        item.unwrap_or_else(|| PyString::new(py, name))
    }
}

/// A closed set of the core whose names Python sees, with its tuple.
pub(crate) trait Exported: Named {
    /// The module attribute (`"KINDS"`) and its tuple.
    const TABLE: (&'static str, &'static Names);
}

/// Declares the exported sets: their statics and their [`Exported`] implementations.
macro_rules! exported {
    ($($static:ident: $ty:ty),+ $(,)?) => {
        $(
            static $static: Names = Names::new(<$ty>::NAMES);

            impl Exported for $ty {
                const TABLE: (&'static str, &'static Names) = (stringify!($static), &$static);
            }
        )+

        /// Adds every tuple to the module (`KINDS`, `FINDING_CODES`…).
        pub(crate) fn add_all(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $(m.add(stringify!($static), $static.tuple(m.py())?)?;)+
            Ok(())
        }
    };
}

exported! {
    KINDS: IdKind,
    FINDING_CODES: FindingCode,
    STAGES: Stage,
    ACTORS: Actor,
    SEVERITIES: Severity,
    GENERATIONS: Generation,
    CARD_TYPES: CardType,
    CARD_ERROR_CODES: CardErrorCode,
    EVENTS: Event,
    STATUSES: Status,
    WORKFLOW_ERROR_CODES: ErrorCode,
    DURABILITIES: Durability,
    SHEET_FORMATS: SheetFormat,
}

/// The `str` of a core value: `name(py, Severity::Error)` is `"error"`.
pub(crate) fn name<T: Exported>(py: Python<'_>, value: T) -> Bound<'_, PyString> {
    T::TABLE.1.get(py, value.name())
}

/// A keyword argument naming a value of a closed set of the core (`stage`, `actor`, `kind`),
/// parsed with its `FromStr`: a non-`str` is a `TypeError`, an unknown name a `ValueError`
/// with the core's message (`unknown stage (expected one of: draft, submit)`).
pub(crate) struct Name<T>(pub(crate) T);

impl<'py, T: Named> FromPyObject<'_, 'py> for Name<T> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'_, 'py, PyAny>) -> PyResult<Self> {
        let text = obj.cast::<PyString>().map_err(|_| not_str(&obj, "the argument"))?;
        text.to_string_lossy()
            .parse()
            .map(Name)
            .map_err(|e: UnknownName| PyValueError::new_err(e.to_string()))
    }
}
