//! The identifier value classes, the `is_valid_<kind>` helpers, `format` and `compact`.
//!
//! Each class wraps one core newtype: the constructor parses (raising the exception
//! hierarchy of [`crate::errors`]), `str()` is the canonical form, `format()` the display
//! form, instances are frozen, hashable, ordered, compare equal by value and pickle. Every
//! rule lives in `rppsplus-core`, confidentiality included; this module only converts.

use std::fmt;

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
use rppsplus_core::ids::{self as core, IdKind, Mode};

use crate::args::{mode, text};
use crate::dates;
use crate::errors::PyRppsErr;
use crate::names::Name;
use crate::nomenclature::{Code, CommuneResolution};

/// `Name('value')`, or `Name(<redacted>)` when the core says the value is confidential
/// (docs/domain.md §7).
fn repr(py: Python<'_>, name: &str, value: &str, confidential: bool) -> PyResult<String> {
    if confidential {
        return Ok(format!("{name}(<redacted>)"));
    }
    Ok(format!("{name}({})", PyString::new(py, value).repr()?))
}

/// The arguments that rebuild a value (`__getnewargs_ex__`, for `pickle` and `copy`): its
/// canonical form, and `test_mode=True` when strict parsing refuses it.
fn new_args<'py>(py: Python<'py>, canonical: &str, test: bool) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyDict>)> {
    let kwargs = PyDict::new(py);
    if test {
        kwargs.set_item(intern!(py, "test_mode"), true)?;
    }
    Ok((PyTuple::new(py, [canonical])?, kwargs))
}

/// Defines a frozen value class around a core newtype: the struct, its `Display` (the
/// canonical form, used for `__str__`), `__repr__` (redacted when the core says the value is
/// confidential), `format()` (the core's display form), `__getnewargs_ex__` (pickling: the
/// canonical form, with `test_mode=True` for a test identity when the class takes
/// `test_mode`), and the given extra methods (which must include the `#[new]` constructor).
macro_rules! value_class {
    (
        $(#[$meta:meta])*
        $name:ident($core:ty) $(, $test_mode:ident)?;
        $($methods:tt)*
    ) => {
        $(#[$meta])*
        #[pyclass(frozen, eq, ord, hash, str, module = "rppsplus._rppsplus")]
        #[derive(PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub(crate) struct $name(pub(crate) $core);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0.as_str())
            }
        }

        #[pymethods]
        impl $name {
            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                repr(py, stringify!($name), self.0.as_str(), self.0.is_confidential())
            }

            /// The display form (python-stdnum's ``format``): a SIREN, a SIRET grouped by
            /// 3 digits, a French mobile in national form (``06 92 12 34 56``), any other
            /// value its canonical form; see ``rppsplus.format()``.
            fn format(&self) -> String {
                self.0.format()
            }

            fn __getnewargs_ex__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyDict>)> {
                let test = value_class!(@test self.0, $core $(, $test_mode)?);
                new_args(py, self.0.as_str(), test)
            }

            $($methods)*
        }
    };
    // Whether a value of a class that takes `test_mode` is one that strict parsing refuses.
    (@test $value:expr, $core:ty, test_mode) => {
        <$core>::parse($value.as_str()).is_err()
    };
    (@test $value:expr, $core:ty) => {
        false
    };
}

/// Parses `value` with the core type's `parse`, or `parse_with` when a mode is given.
macro_rules! parse {
    ($core:ty, $name:literal, $value:expr) => {
        Ok(Self(
            <$core>::parse(&text($value, concat!($name, "() argument"))?).map_err(PyRppsErr)?,
        ))
    };
    ($core:ty, $name:literal, $value:expr, $test_mode:expr) => {
        Ok(Self(
            <$core>::parse_with(&text($value, concat!($name, "() argument"))?, mode($test_mode)).map_err(PyRppsErr)?,
        ))
    };
}

value_class! {
    /// An RPPS number: 11 digits with a Luhn key (``Rpps("101 0798 5318")``).
    ///
    /// Separators (spaces, dots, dashes) are accepted; ``str()`` gives the 11 digits.
    /// ANS test identities (not starting with ``1``) need ``test_mode=True``.
    /// Raises ``InvalidFormat``, ``InvalidLength``, ``InvalidChecksum`` or
    /// ``InvalidComponent`` (all ``RppsplusError``, a ``ValueError``).
    Rpps(core::Rpps), test_mode;

    #[new]
    #[pyo3(signature = (value, /, *, test_mode = false))]
    fn new(value: &Bound<'_, PyAny>, test_mode: bool) -> PyResult<Self> {
        parse!(core::Rpps, "Rpps", value, test_mode)
    }

    /// Builds the RPPS number whose first 10 digits are ``sequence``, computing its key.
    #[staticmethod]
    fn from_sequence(sequence: &Bound<'_, PyAny>) -> PyResult<Self> {
        let sequence = text(sequence, "Rpps.from_sequence() argument")?;
        Ok(Self(core::Rpps::from_sequence(&sequence).map_err(PyRppsErr)?))
    }

    /// Whether this is an ANS test identity (it does not start with ``1``).
    #[getter]
    fn is_test(&self) -> bool {
        self.0.is_test()
    }

    /// The person's idNat: ``8`` + the RPPS number.
    fn to_idnat(&self) -> IdNat {
        IdNat(core::IdNatPp::from(self.0))
    }
}

value_class! {
    /// A person's national identifier (idNat, TRE_G08): a type prefix and an identifier,
    /// e.g. ``IdNat("810107985318")`` (``8`` + RPPS) or ``IdNat("0349102665")`` (``0`` + ADELI).
    ///
    /// An MSSanté idNat (``10`` + an email address) is confidential (docs/domain.md §7):
    /// its ``repr()`` never shows it; ``str()`` does.
    IdNat(core::IdNatPp), test_mode;

    #[new]
    #[pyo3(signature = (value, /, *, test_mode = false))]
    fn new(value: &Bound<'_, PyAny>, test_mode: bool) -> PyResult<Self> {
        parse!(core::IdNatPp, "IdNat", value, test_mode)
    }

    /// The idNat of an RPPS number (``8`` + RPPS).
    #[staticmethod]
    fn from_rpps(rpps: &Bound<'_, Rpps>) -> Self {
        Self(core::IdNatPp::from(rpps.get().0))
    }

    /// The idNat of an ADELI number (``0`` + ADELI).
    #[staticmethod]
    fn from_adeli(adeli: &Bound<'_, Adeli>) -> Self {
        Self(core::IdNatPp::from(adeli.get().0))
    }

    /// The type: the TRE_G08 code, which is the prefix (``"8"``, ``"0"``, ``"3"``, ``"10"``…).
    #[getter]
    fn id_type(&self) -> &'static str {
        self.0.id_type().code()
    }

    /// The identifier after the type prefix.
    #[getter]
    fn identifier(&self) -> &str {
        self.0.identifier()
    }

    /// The local identifier after ``/`` of the composite types (``1``, ``3``–``6``), else ``None``.
    #[getter]
    fn local_id(&self) -> Option<&str> {
        self.0.local_id()
    }

    /// The RPPS number of an ``8`` idNat, else ``None``.
    fn rpps(&self) -> Option<Rpps> {
        self.0.rpps().map(Rpps)
    }

    /// The ADELI number of a ``0`` idNat, else ``None``.
    fn adeli(&self) -> Option<Adeli> {
        self.0.adeli().map(Adeli)
    }
}

value_class! {
    /// A structure's national identifier (TRE_G07): a prefix and a FINESS (``1``), SIREN
    /// (``2``), SIRET (``3``), ADELI-rang (``0``) or RPPS-rang (``4``).
    IdNatStructure(core::IdNatStructure), test_mode;

    #[new]
    #[pyo3(signature = (value, /, *, test_mode = false))]
    fn new(value: &Bound<'_, PyAny>, test_mode: bool) -> PyResult<Self> {
        parse!(core::IdNatStructure, "IdNatStructure", value, test_mode)
    }

    /// The idNat of a FINESS structure (``1`` + FINESS).
    #[staticmethod]
    fn from_finess(finess: &Bound<'_, Finess>) -> Self {
        Self(core::IdNatStructure::from(finess.get().0))
    }

    /// The idNat of a SIRET establishment (``3`` + SIRET).
    #[staticmethod]
    fn from_siret(siret: &Bound<'_, Siret>) -> Self {
        Self(core::IdNatStructure::from(siret.get().0))
    }

    /// The type: the TRE_G07 code, which is the prefix (``"0"`` to ``"4"``).
    #[getter]
    fn id_type(&self) -> &'static str {
        self.0.id_type().code()
    }

    /// The identifier after the prefix (a FINESS, SIREN, SIRET…).
    #[getter]
    fn identifier(&self) -> &str {
        self.0.identifier()
    }

    /// The RPPS-rang of a ``4`` idNat, else ``None``.
    fn rpps_rang(&self) -> Option<RppsRang> {
        self.0.rpps_rang().map(RppsRang)
    }
}

value_class! {
    /// An ADELI number: 9 characters (département, profession code, 5 digits); no checksum.
    Adeli(core::Adeli);

    #[new]
    #[pyo3(signature = (value, /))]
    fn new(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        parse!(core::Adeli, "Adeli", value)
    }

    /// The département code (first two characters).
    #[getter]
    fn departement(&self) -> &str {
        self.0.departement()
    }

    /// The profession code (characters 3 and 4).
    #[getter]
    fn profession(&self) -> &str {
        self.0.profession()
    }
}

value_class! {
    /// A FINESS number: a département (``01``–``95``, ``2A``, ``2B``, ``97``) and 7 digits,
    /// with a Luhn key (except Corsica).
    Finess(core::Finess);

    #[new]
    #[pyo3(signature = (value, /))]
    fn new(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        parse!(core::Finess, "Finess", value)
    }

    /// The département part (``"13"``, ``"2A"``, ``"97"``).
    #[getter]
    fn departement(&self) -> &str {
        self.0.departement()
    }
}

value_class! {
    /// A SIREN number: 9 digits with a Luhn key.
    Siren(core::Siren);

    #[new]
    #[pyo3(signature = (value, /))]
    fn new(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        parse!(core::Siren, "Siren", value)
    }
}

value_class! {
    /// A SIRET number: the SIREN and a 5-digit establishment number (NIC), 14 digits.
    Siret(core::Siret);

    #[new]
    #[pyo3(signature = (value, /))]
    fn new(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        parse!(core::Siret, "Siret", value)
    }

    /// The SIREN of the legal entity (the first 9 digits).
    #[getter]
    fn siren(&self) -> Siren {
        Siren(self.0.siren())
    }

    /// The 5-digit establishment number.
    #[getter]
    fn nic(&self) -> &str {
        self.0.nic()
    }
}

value_class! {
    /// An RPPS-rang (a cabinet of an RPPS professional): RPPS, 2-digit rang and a Luhn key.
    RppsRang(core::RppsRang), test_mode;

    #[new]
    #[pyo3(signature = (value, /, *, test_mode = false))]
    fn new(value: &Bound<'_, PyAny>, test_mode: bool) -> PyResult<Self> {
        parse!(core::RppsRang, "RppsRang", value, test_mode)
    }

    /// The RPPS number of the professional.
    #[getter]
    fn rpps(&self) -> Rpps {
        Rpps(self.0.rpps())
    }

    /// The two-digit rang of the cabinet.
    #[getter]
    fn rang(&self) -> &str {
        self.0.rang()
    }
}

value_class! {
    /// An INSEE commune code: 5 digits, or ``2A``/``2B`` and 3 digits (format only).
    InseeCommune(core::InseeCommuneCode);

    #[new]
    #[pyo3(signature = (value, /))]
    fn new(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        parse!(core::InseeCommuneCode, "InseeCommune", value)
    }

    /// The département: 3 characters overseas (``"971"``), else 2 (``"13"``, ``"2A"``).
    #[getter]
    fn departement(&self) -> &str {
        self.0.departement()
    }

    /// The commune of the embedded COG with this code: a current code, or an old one
    /// (``20004`` → Ajaccio, ``from_old_code=True``). A postal code (``75015``) or a code
    /// no commune has raises ``UnknownCode``; the message names the communes a postal
    /// code serves.
    fn resolve(&self) -> PyResult<CommuneResolution> {
        Ok(CommuneResolution(self.0.resolve().map_err(PyRppsErr)?))
    }
}

value_class! {
    /// An INSEE country code: ``99`` and 3 digits (France is ``99100``).
    InseeCountry(core::InseeCountryCode);

    #[new]
    #[pyo3(signature = (value, /))]
    fn new(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        parse!(core::InseeCountryCode, "InseeCountry", value)
    }

    /// France (``99100``).
    #[classattr]
    #[pyo3(name = "FRANCE")]
    fn france() -> Self {
        Self(core::InseeCountryCode::FRANCE)
    }

    /// Whether this is France.
    #[getter]
    fn is_france(&self) -> bool {
        self.0.is_france()
    }

    /// The country in TRE_R20 (a ``rppsplus.nomenclature.Code``), ended codes included;
    /// a code no country has raises ``UnknownCode``.
    fn resolve(&self) -> PyResult<Code> {
        Ok(Code(self.0.resolve().map_err(PyRppsErr)?))
    }
}

value_class! {
    /// A mobile telephone number, normalised to E.164 (``+33612345678``).
    ///
    /// Confidential (docs/domain.md §7): ``repr()`` never shows the number; ``str()`` does.
    /// A landline raises ``NotMobile``.
    MobilePhone(core::MobilePhone);

    #[new]
    #[pyo3(signature = (value, /))]
    fn new(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        parse!(core::MobilePhone, "MobilePhone", value)
    }

    /// The ISO 3166 code of the French territory of the number (``"FR"``, ``"RE"``…),
    /// ``None`` for a foreign number.
    #[getter]
    fn territory(&self) -> Option<&'static str> {
        self.0.territory().map(core::Territory::iso_code)
    }

    /// Whether the number belongs to no French territory.
    #[getter]
    fn is_foreign(&self) -> bool {
        self.0.is_foreign()
    }
}

value_class! {
    /// An email address (pragmatic syntax); the domain is lowercased.
    ///
    /// Confidential (docs/domain.md §7): ``repr()`` never shows the address; ``str()`` does.
    Email(core::Email);

    #[new]
    #[pyo3(signature = (value, /))]
    fn new(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        parse!(core::Email, "Email", value)
    }

    /// The domain (after ``@``), lowercased.
    #[getter]
    fn domain(&self) -> &str {
        self.0.domain()
    }
}

value_class! {
    /// A demande number: ``P`` and the creation time ``YYYYMMDDhhmmss``.
    NumeroDemande(core::NumeroDemande);

    #[new]
    #[pyo3(signature = (value, /))]
    fn new(value: &Bound<'_, PyAny>) -> PyResult<Self> {
        parse!(core::NumeroDemande, "NumeroDemande", value)
    }

    /// The number of a demande created at ``at``, a naive ``datetime.datetime``
    /// (sub-seconds are dropped). An aware datetime raises ``ValueError``.
    #[staticmethod]
    fn from_datetime(at: &Bound<'_, PyAny>) -> PyResult<Self> {
        let at = dates::naive_datetime(at, "NumeroDemande.from_datetime() argument")?;
        Ok(Self(core::NumeroDemande::from_datetime(at)))
    }

    /// The creation time the number encodes, a naive ``datetime.datetime``.
    #[getter]
    fn created_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        dates::py_datetime(py, self.0.created_at())
    }
}

/// Defines `is_valid_<kind>(value, /[, *, test_mode=False]) -> bool`: whether the core's
/// `check` accepts the value (the meaning of `is_valid` on every face and in the core).
macro_rules! is_valid {
    ($(#[$meta:meta])* $fn:ident, $kind:expr, test_mode) => {
        $(#[$meta])*
        #[pyfunction]
        #[pyo3(signature = (value, /, *, test_mode = false))]
        pub(crate) fn $fn(value: &Bound<'_, PyAny>, test_mode: bool) -> PyResult<bool> {
            let value = text(value, concat!(stringify!($fn), "() argument"))?;
            Ok(core::check($kind, &value, mode(test_mode)).is_valid())
        }
    };
    ($(#[$meta:meta])* $fn:ident, $kind:expr) => {
        $(#[$meta])*
        #[pyfunction]
        #[pyo3(signature = (value, /))]
        pub(crate) fn $fn(value: &Bound<'_, PyAny>) -> PyResult<bool> {
            let value = text(value, concat!(stringify!($fn), "() argument"))?;
            Ok(core::check($kind, &value, Mode::Strict).is_valid())
        }
    };
}

is_valid!(
    /// Whether ``value`` is a valid RPPS number (``test_mode`` accepts test identities).
    is_valid_rpps, IdKind::Rpps, test_mode
);
is_valid!(
    /// Whether ``value`` is a valid person idNat (``test_mode`` accepts a test RPPS part).
    is_valid_idnat, IdKind::IdNat, test_mode
);
is_valid!(
    /// Whether ``value`` is a valid structure idNat (``test_mode`` accepts a test RPPS part).
    is_valid_idnat_structure, IdKind::IdNatStructure, test_mode
);
is_valid!(
    /// Whether ``value`` is a valid RPPS-rang (``test_mode`` accepts a test RPPS part).
    is_valid_rpps_rang, IdKind::RppsRang, test_mode
);
is_valid!(
    /// Whether ``value`` is a valid ADELI number.
    is_valid_adeli, IdKind::Adeli
);
is_valid!(
    /// Whether ``value`` is a valid FINESS number.
    is_valid_finess, IdKind::Finess
);
is_valid!(
    /// Whether ``value`` is a valid SIREN number.
    is_valid_siren, IdKind::Siren
);
is_valid!(
    /// Whether ``value`` is a valid SIRET number.
    is_valid_siret, IdKind::Siret
);
is_valid!(
    /// Whether ``value`` is an INSEE commune code of the COG: a current code or an old one
    /// (``20004``); a well-formed code that no commune has, such as a postal code
    /// (``75015``), is not.
    is_valid_commune, IdKind::Commune
);
is_valid!(
    /// Whether ``value`` is an INSEE country code of TRE_R20 (``99100``; ended codes
    /// included).
    is_valid_pays, IdKind::Pays
);
is_valid!(
    /// Whether ``value`` is a valid mobile telephone number.
    is_valid_phone, IdKind::Phone
);
is_valid!(
    /// Whether ``value`` is a valid email address.
    is_valid_email, IdKind::Email
);
is_valid!(
    /// Whether ``value`` is a valid demande number.
    is_valid_numero, IdKind::Numero
);

/// The display form of ``value`` as an identifier of ``kind`` (python-stdnum's ``format``),
/// for people; store and exchange the canonical form (``str()`` of a value, ``canonical`` of
/// a ``CheckResult``).
///
/// ``siren``: ``732 829 320``; ``siret``: ``732 829 320 00074``; ``phone``: the national form
/// ``06 92 12 34 56`` for a number of the French numbering plan (metropolitan France and the
/// DROM), else E.164; every other kind: the canonical form (no customary grouping). An
/// invalid value raises its ``RppsplusError`` as the value classes do; an unknown ``kind``
/// raises ``ValueError``.
#[pyfunction(name = "format")]
#[pyo3(signature = (kind, value, /, *, test_mode = false))]
pub(crate) fn format_value(kind: Name<IdKind>, value: &Bound<'_, PyAny>, test_mode: bool) -> PyResult<String> {
    let value = text(value, "format() argument 'value'")?;
    Ok(core::format(kind.0, &value, mode(test_mode)).map_err(PyRppsErr)?)
}

/// ``value`` without the separators users type inside identifiers: spaces (no-break spaces
/// included), tabs, dots and dashes (python-stdnum's ``compact``). Nothing is checked: the
/// value classes, ``check()`` and ``format()`` compact their input themselves.
#[pyfunction(name = "compact")]
#[pyo3(signature = (value, /))]
pub(crate) fn compact_value(value: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(core::compact(&text(value, "compact() argument")?))
}
