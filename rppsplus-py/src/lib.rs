//! Python bindings of `rppsplus-core`: the native module `rppsplus._rppsplus`.
//!
//! This crate only converts between Python and the core: every rule lives in
//! `rppsplus-core`. The public Python API is the `rppsplus` package
//! (`python/rppsplus/__init__.py`), typed by the hand-written `_rppsplus.pyi`.
//!
//! ## Conventions (copy them for a new class or function)
//!
//! | what | how | where |
//! |---|---|---|
//! | a `str` argument | `args::text(value, "f() argument 'x'")`: `TypeError` naming the argument, never the value | `args.rs` |
//! | a date argument | `dates::date` (required) or `dates::date_or_today` (`None` = the core's UTC today): `datetime.date` or the core's ISO parser | `dates.rs` |
//! | a name of a closed set of the core (`kind`, `stage`, `actor`…) | a `names::Name<T>` parameter (the core's `FromStr`; default `Name(T::default())`); the returned `str` is `names::name(py, value)`; a new set gets its tuple in `names::exported!` and its `Literal` alias in the stub, listed in `tests/test_stub.py` | `names.rs` |
//! | an error | the core's error → an exception class chosen by matching the core's enum, with `code`, `kind`, `message`, `message_en`, `position` | `errors.rs` |
//! | confidential values | `repr()` asks the core (`is_confidential()`); messages come from the core, which never repeats a value | `ids.rs`, `check.rs` |
//! | a value class | `#[pyclass(frozen, …, module = "rppsplus._rppsplus")]`; pickles by `__getnewargs__`/`__getnewargs_ex__` (the arguments of its constructor) and compares by value | `ids.rs`, `demande/report.rs` |
//! | a value from a data frame (a value of `check()`, a cell of a row) | `cells::identifier` / `cells::cell`: missing values (`None`, NaN, `pandas.NA`/`NaT`), NumPy scalars as their `item()`, integers in decimal, dates by `dates::iso_text`; pandas and NumPy are never imported | `cells.rs` |
//! | work on many items | the core does it (threads included: `validate_batches`, `Columns::validate_rows`, `runs::in_runs`) with the GIL released (`py.detach`); Python objects are made while attached, and only when asked for (`CheckResults`) | `check.rs`, `demande/`, `arrow/` |
//! | Arrow data | in and out through the Arrow PyCapsule interface with pyo3-arrow's import and export functions (not its classes); text read in place once checked (`arrow::Texts`); a result is an `ArrowResult` | `arrow/` |
//! | documentation | a Rust doc comment on every Python-visible item; `scripts/sync_stub_docstrings.py` copies it into the stub, where `tests/test_stub.py` checks it | `_rppsplus.pyi` |

mod args;
mod arrow;
mod cells;
mod check;
mod cpx;
mod dates;
mod demande;
mod errors;
mod ids;
mod names;
mod nomenclature;

use pyo3::prelude::*;

/// Validation of the identifiers of the French RPPS+ registration portal (native module).
#[pymodule(gil_used = false)]
pub mod _rppsplus {
    use pyo3::prelude::*;

    #[pymodule_export]
    use crate::errors::{
        CodeDeprecated, CodeNotAllowed, InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength, NotMobile,
        RppsplusError, UnknownCode, UnknownTable, ValidationError,
    };

    #[pymodule_export]
    use crate::errors::{CardError, InvalidPin, PinBlocked, ServiceAbsent, WrongPin};

    #[pymodule_export]
    use crate::cpx::{
        Card, Holder, PinStatus, Reader, SimCard, VirtualCard, cpx_pin_status, cpx_read, cpx_readers, cpx_verify_pin,
        cpx_wait_for_card,
    };

    #[pymodule_export]
    use crate::demande::{Finding, Report, validate, validate_csv, validate_many};

    #[pymodule_export]
    use crate::ids::{
        Adeli, Email, Finess, IdNat, IdNatStructure, InseeCommune, InseeCountry, MobilePhone, NumeroDemande, Rpps,
        RppsRang, Siren, Siret,
    };

    #[pymodule_export]
    use crate::ids::{compact_value, format_value};

    #[pymodule_export]
    use crate::ids::{
        is_valid_adeli, is_valid_commune, is_valid_email, is_valid_finess, is_valid_idnat, is_valid_idnat_structure,
        is_valid_numero, is_valid_pays, is_valid_phone, is_valid_rpps, is_valid_rpps_rang, is_valid_siren,
        is_valid_siret,
    };

    #[pymodule_export]
    use crate::check::{CheckResult, CheckResults, check};

    #[pymodule_export]
    use crate::arrow::{ArrowResult, arrow_check, arrow_validate};

    #[pymodule_export]
    use crate::nomenclature::{
        Code, Commune, CommuneResolution, Communes, Entry, LookupResult, Meta, SetVersion, Table, ValueSet, VersionAt,
        communes, nomenclature_aliases, nomenclature_check, nomenclature_field, nomenclature_get, nomenclature_list,
        nomenclature_lookup, nomenclature_search, nomenclature_table, nomenclature_tables, nomenclature_value_set,
        nomenclature_value_sets, resolve_commune,
    };

    /// Adds `__version__` (the crate's version) and the core's lists of names: `KINDS`,
    /// `FINDING_CODES`, `STAGES`, `ACTORS`, `SEVERITIES`, `GENERATIONS`, `CARD_TYPES`,
    /// `CARD_ERROR_CODES`.
    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        crate::names::add_all(m)
    }
}
