//! The Python exception hierarchy and the conversion of the core's [`ParseError`].
//!
//! ```text
//! ValueError                     OSError
//! └── RppsplusError              └── CardError
//!     ├── InvalidFormat              ├── ServiceAbsent
//!     │   └── InvalidLength          ├── InvalidPin (also a ValueError)
//!     ├── InvalidChecksum            ├── WrongPin
//!     ├── InvalidComponent           └── PinBlocked
//!     │   ├── NotMobile
//!     │   └── UnknownCode
//!     ├── UnknownTable
//!     ├── CodeNotAllowed
//!     ├── CodeDeprecated
//!     ├── ValidationError
//!     └── WorkflowError
//!         ├── TransitionRefused
//!         ├── GuardFailed
//!         ├── PendingDemande
//!         ├── HistoryInvalid
//!         └── JournalCorrupt
//! ```
//!
//! The classes mirror python-stdnum's taxonomy (`InvalidLength` is an `InvalidFormat`): a
//! value the caller gave is wrong, a `ValueError`. A card error is about the reader, the card
//! or the PC/SC service, not about an argument: an `OSError`, as Python's own device and
//! connection failures are, so that an `except ValueError` around input handling never
//! swallows "no card in the reader". The one card error about an argument, `InvalidPin` (not
//! 4 to 8 digits, nothing sent), is a `ValueError` too. `CardError` is therefore not an
//! `RppsplusError` (a class cannot be a `ValueError` for some subclasses only);
//! `except (RppsplusError, CardError)` catches both families. `InvalidPin` has two bases,
//! which pyo3's `create_exception!` cannot declare: it is made at module initialisation by
//! `type()` (a `ValueError` adds no field to the instance layout of an `OSError`, so CPython
//! accepts both bases).
//! Every instance carries the core's stable code, the kind of identifier, the French message
//! (also its `str()`) and the English one. No message of an identifier error ever contains
//! the input value; the nomenclature errors (`kind == "nomenclature"`) name the table code
//! and its label as the core does (public codes, not personal data). The class of an error
//! is chosen by matching the core's enums, never its code strings.
//!
//! The exceptions pickle (`multiprocessing`, `copy`) as any Python exception does: their
//! class by name from `rppsplus`, their message and their attributes.

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyString, PyTuple, PyType};
use rppsplus_core::FindingCode;
use rppsplus_core::cpx::CardError as CoreCardError;
use rppsplus_core::ids::{IdKind, ParseError};
use rppsplus_core::nomenclature::{CodeError, NomenclatureError};
use rppsplus_core::workflow::WorkflowError as CoreWorkflowError;

use crate::demande::Report;
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

/// Sets the attributes every `RppsplusError` and `CardError` carries: `code`, `kind`,
/// `message`, `message_en`.
fn fill(exc: &Bound<'_, PyAny>, code: Bound<'_, PyString>, kind: &str, fr: &str, en: &str) -> PyResult<()> {
    let py = exc.py();
    exc.setattr(intern!(py, "code"), code)?;
    exc.setattr(intern!(py, "kind"), kind)?;
    exc.setattr(intern!(py, "message"), fr)?;
    exc.setattr(intern!(py, "message_en"), en)?;
    Ok(())
}

/// [`fill`], plus the `position` of an `RppsplusError` (none here).
fn fill_value_error(exc: &Bound<'_, PyAny>, code: Bound<'_, PyString>, kind: &str, fr: &str, en: &str) -> PyResult<()> {
    fill(exc, code, kind, fr, en)?;
    exc.setattr(intern!(exc.py(), "position"), exc.py().None())
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
                fill_value_error(&exc, PyString::intern(py, e.code()), NOMENCLATURE, message, &message_en)?;
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
                fill_value_error(&exc, name(py, e.code()), NOMENCLATURE, &fr, &e.message_en())?;
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
        fill_value_error(
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
    PyOSError,
    "A CPx card operation failed (``rppsplus.cpx``): the reader, the card or the PC/SC\n\
     service, hence an ``OSError`` (not an ``RppsplusError``, whose errors are about a value).\n\
     ``code`` is one of ``CARD_ERROR_CODES`` (``no_reader``, ``no_card``, ``not_cpx``,\n\
     ``card_removed``…), ``kind`` is ``card``, ``message`` the French message (also\n\
     ``str(exc)``), ``message_en`` the English one. The subclasses are the errors a program\n\
     handles apart: ``ServiceAbsent``, ``InvalidPin`` (also a ``ValueError``), ``WrongPin``,\n\
     ``PinBlocked``. No message holds a PIN or holder data."
);
create_exception!(
    rppsplus,
    ServiceAbsent,
    CardError,
    "No PC/SC library on this machine, or no PC/SC service running (pcscd on Linux)\n\
     (code ``service_absent``)."
);
/// The docstring of `InvalidPin`.
const INVALID_PIN_DOC: &str = "The PIN is not 4 to 8 digits, or outside the card's bounds: nothing was sent to the card\n\
     (code ``invalid_pin``). A ``CardError`` and a ``ValueError``: the argument is wrong.";

/// The class `InvalidPin(CardError, ValueError)`, made once by `type()` (`create_exception!`
/// takes one base).
pub(crate) fn invalid_pin(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    static INVALID_PIN: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let class = INVALID_PIN.get_or_try_init(py, || -> PyResult<Py<PyType>> {
        let bases = PyTuple::new(py, [py.get_type::<CardError>(), py.get_type::<PyValueError>()])?;
        let namespace = PyDict::new(py);
        namespace.set_item(intern!(py, "__module__"), "rppsplus")?;
        namespace.set_item(intern!(py, "__doc__"), INVALID_PIN_DOC)?;
        let class = py.get_type::<PyType>().call1(("InvalidPin", bases, namespace))?;
        Ok(class.cast_into::<PyType>()?.unbind())
    })?;
    Ok(class.bind(py))
}
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
                    CoreCardError::InvalidPin => (invalid_pin(py)?.clone(), None),
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

create_exception!(
    rppsplus,
    WorkflowError,
    RppsplusError,
    "The lifecycle refused a call (``rppsplus.workflow``): ``code`` is one of\n\
     ``WORKFLOW_ERROR_CODES``, ``kind`` is ``workflow``; ``allowed`` the events the actor may\n\
     send instead (a tuple, empty but for a refused transition), ``report`` the ``Report``\n\
     of a failed guard (else ``None``), ``cause`` the code of the underlying error of a bad\n\
     history entry or journal line (else ``code``). A refused call changes nothing. The\n\
     subclasses are the errors a program handles apart; no message holds an état civil or\n\
     contact value."
);
create_exception!(
    rppsplus,
    TransitionRefused,
    WorkflowError,
    "No row of the transition table lets the actor send the event from the demande's statut\n\
     (code ``transition_refused``); ``allowed`` lists what that actor may send."
);
create_exception!(
    rppsplus,
    GuardFailed,
    WorkflowError,
    "A guard on the demande's content failed (code ``guard_failed``): ``report`` is the whole\n\
     ``Report`` (validation at stage submit, who may create what, the fields an edit may not\n\
     change)."
);
create_exception!(
    rppsplus,
    PendingDemande,
    WorkflowError,
    "The RPPS number already has a non-terminal demande (code ``pending_demande``):\n\
     ``pending`` is its number."
);
create_exception!(
    rppsplus,
    HistoryInvalid,
    WorkflowError,
    "A loaded history has a bad entry (code ``history_invalid``): ``index`` (from 0), and\n\
     ``cause`` the code of why."
);
create_exception!(
    rppsplus,
    JournalCorrupt,
    WorkflowError,
    "A complete journal line does not replay (code ``journal_corrupt``): ``line`` (from 1),\n\
     and ``cause`` the code of why; the file is left as it is."
);

/// The `kind` of the exceptions raised by the lifecycle.
const WORKFLOW: &str = "workflow";

/// A core lifecycle error on its way to Python.
pub(crate) struct PyWorkflowErr(pub(crate) CoreWorkflowError);

impl From<CoreWorkflowError> for PyWorkflowErr {
    fn from(e: CoreWorkflowError) -> Self {
        Self(e)
    }
}

impl From<PyWorkflowErr> for PyErr {
    fn from(PyWorkflowErr(e): PyWorkflowErr) -> Self {
        Python::attach(|py| {
            let build = || -> PyResult<PyErr> {
                let class = match &e {
                    CoreWorkflowError::TransitionRefused { .. } => py.get_type::<TransitionRefused>(),
                    CoreWorkflowError::GuardFailed { .. } => py.get_type::<GuardFailed>(),
                    CoreWorkflowError::PendingDemande { .. } => py.get_type::<PendingDemande>(),
                    CoreWorkflowError::HistoryInvalid { .. } => py.get_type::<HistoryInvalid>(),
                    CoreWorkflowError::JournalCorrupt { .. } => py.get_type::<JournalCorrupt>(),
                    _ => py.get_type::<WorkflowError>(),
                };
                let fr = e.message_fr();
                let exc = class.call1((fr.as_str(),))?;
                fill_value_error(&exc, name(py, e.code()), WORKFLOW, &fr, &e.to_string())?;
                let allowed = e.allowed().iter().map(|event| name(py, *event));
                exc.setattr(intern!(py, "allowed"), PyTuple::new(py, allowed)?)?;
                let report = e.report().map(|r| Report::new_bound(py, r.clone())).transpose()?;
                exc.setattr(intern!(py, "report"), report)?;
                exc.setattr(intern!(py, "cause"), name(py, e.cause().code()))?;
                match &e {
                    CoreWorkflowError::PendingDemande { pending, .. } => {
                        exc.setattr(intern!(py, "pending"), pending.as_str())?;
                    }
                    CoreWorkflowError::HistoryInvalid { index, .. } => exc.setattr(intern!(py, "index"), index)?,
                    CoreWorkflowError::JournalCorrupt { line, .. } => exc.setattr(intern!(py, "line"), line)?,
                    _ => {}
                }
                Ok(PyErr::from_value(exc))
            };
            build().unwrap_or_else(|failed| failed)
        })
    }
}
