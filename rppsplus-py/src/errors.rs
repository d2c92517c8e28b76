//! The Python exception hierarchy and the conversion of the core's [`ParseError`].
//!
//! ```text
//! ValueError
//! └── RppsplusError
//!     ├── InvalidFormat
//!     │   └── InvalidLength
//!     ├── InvalidChecksum
//!     ├── InvalidComponent
//!     │   ├── NotMobile
//!     │   └── UnknownCode
//!     ├── UnknownTable
//!     ├── CodeNotAllowed
//!     ├── CodeDeprecated
//!     ├── ValidationError
//!     └── CardError
//!         ├── ServiceAbsent
//!         ├── InvalidPin
//!         ├── WrongPin
//!         └── PinBlocked
//! ```
//!
//! The classes mirror python-stdnum's taxonomy (`InvalidLength` is an `InvalidFormat`).
//! Every instance carries the core's stable code, the kind of identifier, the French message
//! (also its `str()`) and the English one. No message of an identifier error ever contains
//! the input value; the nomenclature errors (`kind == "nomenclature"`) name the table code
//! and its label as the core does (public codes, not personal data). The class of an error
//! is chosen by matching the core's enums, never its code strings.
//!
//! The exceptions pickle (`multiprocessing`, `copy`) as any Python exception does: their
//! class by name from `rppsplus`, their message and their attributes.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple, PyType};
use rppsplus_core::FindingCode;
use rppsplus_core::cpx::CardError as CoreCardError;
use rppsplus_core::ids::{IdKind, ParseError};
use rppsplus_core::nomenclature::{CodeError, NomenclatureError};

use crate::names::name;

create_exception!(
    rppsplus,
    RppsplusError,
    PyValueError,
    "Base class of the errors of rppsplus: an invalid identifier, a nomenclature argument or\n\
     code, a demande with errors (``ValidationError``).\n\n\
     Attributes: ``code`` (stable snake_case code: one of ``FINDING_CODES``, or\n\
     ``unknown_table``), ``kind`` (an identifier kind of ``KINDS``, ``nomenclature`` or\n\
     ``demande``), ``message`` (French, also ``str(exc)``), ``message_en`` (English) and\n\
     ``position`` (0-based character position for ``invalid_format``, else ``None``).\n\
     Exceptions pickle with their attributes."
);
create_exception!(
    rppsplus,
    InvalidFormat,
    RppsplusError,
    "The value contains a character the identifier cannot contain (code ``invalid_format``)."
);
create_exception!(
    rppsplus,
    InvalidLength,
    InvalidFormat,
    "The value has the wrong number of significant characters (code ``invalid_length``)."
);
create_exception!(
    rppsplus,
    InvalidChecksum,
    RppsplusError,
    "The check digit does not match (code ``invalid_checksum``)."
);
create_exception!(
    rppsplus,
    InvalidComponent,
    RppsplusError,
    "A part of the identifier breaks a rule of its kind (code ``invalid_component``)."
);
create_exception!(
    rppsplus,
    UnknownCode,
    InvalidComponent,
    "A well-formed code that no entry of its table has, e.g. an INSEE commune code that does\n\
     not exist (code ``unknown_code``)."
);
create_exception!(
    rppsplus,
    NotMobile,
    InvalidComponent,
    "A well-formed telephone number that is not a mobile (code ``not_mobile``)."
);

/// A core parse error on its way to Python (local newtype: the orphan rule forbids
/// `impl From<ParseError> for PyErr` here).
pub(crate) struct PyRppsErr(pub(crate) ParseError);

impl From<ParseError> for PyRppsErr {
    fn from(e: ParseError) -> Self {
        Self(e)
    }
}

impl From<PyRppsErr> for PyErr {
    fn from(PyRppsErr(e): PyRppsErr) -> Self {
        // Only ever called from code that holds the GIL (attached), so this is cheap.
        Python::attach(|py| exception(py, e).unwrap_or_else(|failed| failed))
    }
}

/// The exception class of an error.
fn class<'py>(py: Python<'py>, e: &ParseError) -> Bound<'py, PyType> {
    match e {
        ParseError::InvalidFormat { .. } | ParseError::Missing { .. } => py.get_type::<InvalidFormat>(),
        ParseError::InvalidLength { .. } => py.get_type::<InvalidLength>(),
        ParseError::InvalidChecksum { .. } => py.get_type::<InvalidChecksum>(),
        ParseError::InvalidComponent { .. } => py.get_type::<InvalidComponent>(),
        ParseError::NotMobile { .. } => py.get_type::<NotMobile>(),
        ParseError::UnknownCode { .. } => py.get_type::<UnknownCode>(),
        // A variant added to the core's non-exhaustive enum maps to the base class.
        _ => py.get_type::<RppsplusError>(),
    }
}

/// Builds the exception instance with its attributes.
fn exception(py: Python<'_>, e: ParseError) -> PyResult<PyErr> {
    let exc = class(py, &e).call1((e.message_fr(),))?;
    exc.setattr(intern!(py, "code"), name(py, e.code()))?;
    exc.setattr(intern!(py, "kind"), name(py, e.kind()))?;
    exc.setattr(intern!(py, "message"), e.message_fr())?;
    exc.setattr(intern!(py, "message_en"), e.to_string())?;
    let position = match e {
        ParseError::InvalidFormat { position, .. } => Some(position),
        _ => None,
    };
    exc.setattr(intern!(py, "position"), position)?;
    Ok(PyErr::from_value(exc))
}

create_exception!(
    rppsplus,
    UnknownTable,
    RppsplusError,
    "No nomenclature table or value set has this name (code ``unknown_table``)."
);
create_exception!(
    rppsplus,
    CodeNotAllowed,
    RppsplusError,
    "A code of the table that the portal does not offer for the field, or not yet at the\n\
     reference date (code ``code_not_allowed``)."
);
create_exception!(
    rppsplus,
    CodeDeprecated,
    RppsplusError,
    "A code that has ended at the reference date (code ``code_deprecated``);\n\
     ``replaced_by`` names the codes to use instead, where the source says."
);

/// The `kind` of the exceptions raised by the nomenclature functions.
const NOMENCLATURE: &str = "nomenclature";

/// Sets the attributes every `RppsplusError` carries.
fn fill(exc: &Bound<'_, PyAny>, code: Bound<'_, PyString>, kind: &str, fr: &str, en: &str) -> PyResult<()> {
    let py = exc.py();
    exc.setattr(intern!(py, "code"), code)?;
    exc.setattr(intern!(py, "kind"), kind)?;
    exc.setattr(intern!(py, "message"), fr)?;
    exc.setattr(intern!(py, "message_en"), en)?;
    exc.setattr(intern!(py, "position"), py.None())?;
    Ok(())
}

/// A core nomenclature argument error on its way to Python (`UnknownTable`, `UnknownCode`).
pub(crate) struct PyNomenclatureErr(pub(crate) NomenclatureError);

impl From<NomenclatureError> for PyNomenclatureErr {
    fn from(e: NomenclatureError) -> Self {
        Self(e)
    }
}

impl From<PyNomenclatureErr> for PyErr {
    fn from(PyNomenclatureErr(e): PyNomenclatureErr) -> Self {
        Python::attach(|py| {
            let build = || -> PyResult<PyErr> {
                let class = match e {
                    NomenclatureError::UnknownTable => py.get_type::<UnknownTable>(),
                    NomenclatureError::UnknownCode => py.get_type::<UnknownCode>(),
                    _ => py.get_type::<RppsplusError>(),
                };
                let (message, message_en) = (e.message_fr(), e.to_string());
                let exc = class.call1((message,))?;
                fill(&exc, PyString::intern(py, e.code()), NOMENCLATURE, message, &message_en)?;
                Ok(PyErr::from_value(exc))
            };
            build().unwrap_or_else(|failed| failed)
        })
    }
}

/// A core verdict against a code for a field on its way to Python (`UnknownCode`,
/// `CodeNotAllowed`, `CodeDeprecated` with `replaced_by`).
pub(crate) struct PyCodeErr(pub(crate) CodeError);

impl From<PyCodeErr> for PyErr {
    fn from(PyCodeErr(e): PyCodeErr) -> Self {
        Python::attach(|py| {
            let build = || -> PyResult<PyErr> {
                let class = match e {
                    CodeError::Unknown => py.get_type::<UnknownCode>(),
                    CodeError::NotAllowed { .. } => py.get_type::<CodeNotAllowed>(),
                    CodeError::Deprecated { .. } => py.get_type::<CodeDeprecated>(),
                };
                let fr = e.message_fr();
                let exc = class.call1((fr.as_str(),))?;
                fill(&exc, name(py, e.code()), NOMENCLATURE, &fr, &e.message_en())?;
                if let CodeError::Deprecated { replaced_by, .. } = e {
                    exc.setattr(intern!(py, "replaced_by"), PyTuple::new(py, replaced_by)?)?;
                }
                Ok(PyErr::from_value(exc))
            };
            build().unwrap_or_else(|failed| failed)
        })
    }
}

create_exception!(
    rppsplus,
    ValidationError,
    RppsplusError,
    "A demande with errors, raised by ``Report.raise_for_errors()``: ``report`` is the\n\
     ``Report``, ``errors()`` its errors in the pydantic-core shape, ``error_count()`` their\n\
     number; ``code`` is the code of the first error and ``kind`` is ``demande``."
);

/// The `RppsplusError` of a missing value checked as `kind` (code `required`, with the core's
/// messages of the code).
pub(crate) fn missing(py: Python<'_>, kind: IdKind) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let code = FindingCode::Required;
        let exc = py.get_type::<RppsplusError>().call1((code.message_fr(),))?;
        fill(
            &exc,
            name(py, code),
            kind.as_str(),
            code.message_fr(),
            code.message_en(),
        )?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|failed| failed)
}

create_exception!(
    rppsplus,
    CardError,
    RppsplusError,
    "A CPx card operation failed (``rppsplus.cpx``): ``code`` is one of ``CARD_ERROR_CODES``\n\
     (``no_reader``, ``no_card``, ``not_cpx``, ``card_removed``…), ``kind`` is ``card``.\n\
     The subclasses are the errors a program handles apart: ``ServiceAbsent``,\n\
     ``InvalidPin``, ``WrongPin``, ``PinBlocked``. No message holds a PIN or holder data."
);
create_exception!(
    rppsplus,
    ServiceAbsent,
    CardError,
    "No PC/SC library on this machine, or no PC/SC service running (pcscd on Linux)\n\
     (code ``service_absent``)."
);
create_exception!(
    rppsplus,
    InvalidPin,
    CardError,
    "The PIN is not 4 to 8 digits, or outside the card's bounds: nothing was sent to the card\n\
     (code ``invalid_pin``)."
);
create_exception!(
    rppsplus,
    WrongPin,
    CardError,
    "The card refused the PIN (code ``wrong_pin``); ``tries_left`` tries remain."
);
create_exception!(
    rppsplus,
    PinBlocked,
    CardError,
    "The PIN is blocked: no try left (code ``pin_blocked``; ``tries_left`` is 0)."
);

/// The `kind` of the exceptions raised by the card functions.
const CARD: &str = "card";

/// A core card error on its way to Python.
pub(crate) struct PyCardErr(pub(crate) CoreCardError);

impl From<CoreCardError> for PyCardErr {
    fn from(e: CoreCardError) -> Self {
        Self(e)
    }
}

impl From<PyCardErr> for PyErr {
    fn from(PyCardErr(e): PyCardErr) -> Self {
        Python::attach(|py| {
            let build = || -> PyResult<PyErr> {
                let (class, tries_left) = match e {
                    CoreCardError::ServiceAbsent => (py.get_type::<ServiceAbsent>(), None),
                    CoreCardError::InvalidPin => (py.get_type::<InvalidPin>(), None),
                    CoreCardError::WrongPin { tries_left } => (py.get_type::<WrongPin>(), Some(tries_left)),
                    CoreCardError::PinBlocked => (py.get_type::<PinBlocked>(), Some(0)),
                    _ => (py.get_type::<CardError>(), None),
                };
                let fr = e.message_fr();
                let exc = class.call1((fr.as_str(),))?;
                fill(&exc, name(py, e.code()), CARD, &fr, &e.to_string())?;
                if let Some(tries_left) = tries_left {
                    exc.setattr(intern!(py, "tries_left"), tries_left)?;
                }
                Ok(PyErr::from_value(exc))
            };
            build().unwrap_or_else(|failed| failed)
        })
    }
}
