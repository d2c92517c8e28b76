//! Identifier validation: one `rppsplus_<kind>_validate` per kind, the generic
//! `rppsplus_check`, `rppsplus_check_message` and `rppsplus_format` (display forms), and the
//! values they take and give (`rppsplus_kind`, `rppsplus_mode`, `rppsplus_warning`).

use std::ffi::c_char;

use rppsplus_core::FindingCode;
use rppsplus_core::ids::{self, IdKind, Mode, Warning};

use crate::buffer::{OptionalOut, Output, input_str};
use crate::names::{CNames, UNKNOWN, finding_code, from_value};
use crate::result::{
    RPPSPLUS_RESULT_INVALID_PARAMETER, RPPSPLUS_RESULT_NULL_PARAMETER, rppsplus_lang, rppsplus_result,
};

/// A kind of identifier: `typedef uint32_t rppsplus_kind`, with the `RPPSPLUS_KIND_*`
/// constants, whose values are the order of the core's `IdKind::ALL` and whose names
/// (`rppsplus_kind_name`) are the core's. Any other value gives
/// `RPPSPLUS_RESULT_INVALID_PARAMETER`.
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_kind(pub u32);

/// RPPS number (`rpps`).
pub const RPPSPLUS_KIND_RPPS: rppsplus_kind = rppsplus_kind(0);
/// A person's national identifier, idNat_PS (`idnat`).
pub const RPPSPLUS_KIND_IDNAT: rppsplus_kind = rppsplus_kind(1);
/// A structure's national identifier, idNat_Struct (`idnat-structure`).
pub const RPPSPLUS_KIND_IDNAT_STRUCTURE: rppsplus_kind = rppsplus_kind(2);
/// ADELI number (`adeli`).
pub const RPPSPLUS_KIND_ADELI: rppsplus_kind = rppsplus_kind(3);
/// FINESS number (`finess`).
pub const RPPSPLUS_KIND_FINESS: rppsplus_kind = rppsplus_kind(4);
/// SIREN number (`siren`).
pub const RPPSPLUS_KIND_SIREN: rppsplus_kind = rppsplus_kind(5);
/// SIRET number (`siret`).
pub const RPPSPLUS_KIND_SIRET: rppsplus_kind = rppsplus_kind(6);
/// RPPS-rang (cabinet) identifier (`rpps-rang`).
pub const RPPSPLUS_KIND_RPPS_RANG: rppsplus_kind = rppsplus_kind(7);
/// INSEE commune code (`commune`).
pub const RPPSPLUS_KIND_COMMUNE: rppsplus_kind = rppsplus_kind(8);
/// INSEE country code (`pays`).
pub const RPPSPLUS_KIND_PAYS: rppsplus_kind = rppsplus_kind(9);
/// Mobile phone number (`phone`).
pub const RPPSPLUS_KIND_PHONE: rppsplus_kind = rppsplus_kind(10);
/// Email address (`email`).
pub const RPPSPLUS_KIND_EMAIL: rppsplus_kind = rppsplus_kind(11);
/// Demande (registration request) number (`numero`).
pub const RPPSPLUS_KIND_NUMERO: rppsplus_kind = rppsplus_kind(12);

/// Whether test identities are accepted: `typedef uint32_t rppsplus_mode`, with the
/// `RPPSPLUS_MODE_*` constants; any other value gives `RPPSPLUS_RESULT_INVALID_PARAMETER`.
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_mode(pub u32);

/// Production identifiers only: an RPPS number starts with `1`.
pub const RPPSPLUS_MODE_STRICT: rppsplus_mode = rppsplus_mode(0);
/// ANS test identities (RPPS numbers starting with `99`...) are accepted too, with the
/// warning `RPPSPLUS_WARNING_TEST_IDENTIFIER`.
pub const RPPSPLUS_MODE_TEST: rppsplus_mode = rppsplus_mode(1);

/// A non-blocking remark on a valid identifier: `typedef uint32_t rppsplus_warning`, with
/// the `RPPSPLUS_WARNING_*` constants, written by `rppsplus_check` and the
/// `rppsplus_<kind>_validate` functions. The names (`rppsplus_warning_name`) are the core's
/// finding codes.
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_warning(pub u32);

/// No remark (`none`).
pub const RPPSPLUS_WARNING_NONE: rppsplus_warning = rppsplus_warning(0);
/// An ANS test identity, accepted in `RPPSPLUS_MODE_TEST` only (`test_identifier`).
pub const RPPSPLUS_WARNING_TEST_IDENTIFIER: rppsplus_warning = rppsplus_warning(1);
/// A foreign phone number: only its international form was checked (`foreign_number`).
pub const RPPSPLUS_WARNING_FOREIGN_NUMBER: rppsplus_warning = rppsplus_warning(2);
/// An old commune code, resolved to the current one, the canonical output (`old_code`).
pub const RPPSPLUS_WARNING_OLD_CODE: rppsplus_warning = rppsplus_warning(3);
/// A commune code that is also the postal code of other communes (`also_postal_code`).
pub const RPPSPLUS_WARNING_ALSO_POSTAL_CODE: rppsplus_warning = rppsplus_warning(4);
/// A remark this version of the C API has no value for (`unknown`; not produced by this
/// version; `rppsplus_check_message` gives its text).
pub const RPPSPLUS_WARNING_UNKNOWN: rppsplus_warning = rppsplus_warning(255);

/// The warnings with a value, and the core's finding code each one is.
const WARNINGS: [(rppsplus_warning, FindingCode); 4] = [
    (RPPSPLUS_WARNING_TEST_IDENTIFIER, FindingCode::TestIdentifier),
    (RPPSPLUS_WARNING_FOREIGN_NUMBER, FindingCode::ForeignNumber),
    (RPPSPLUS_WARNING_OLD_CODE, FindingCode::OldCode),
    (RPPSPLUS_WARNING_ALSO_POSTAL_CODE, FindingCode::AlsoPostalCode),
];

impl rppsplus_mode {
    /// The core's mode; `INVALID_PARAMETER` for any other value.
    pub(crate) fn core(self) -> Result<Mode, rppsplus_result> {
        match self {
            RPPSPLUS_MODE_STRICT => Ok(Mode::Strict),
            RPPSPLUS_MODE_TEST => Ok(Mode::Test),
            _ => Err(RPPSPLUS_RESULT_INVALID_PARAMETER),
        }
    }
}

impl rppsplus_warning {
    /// The value of the core's warning, by its finding code.
    fn of(warning: Option<Warning>) -> Self {
        warning.map_or(RPPSPLUS_WARNING_NONE, |w| {
            WARNINGS
                .iter()
                .find(|(_, code)| *code == w.code())
                .map_or(RPPSPLUS_WARNING_UNKNOWN, |(value, _)| *value)
        })
    }
}

/// The core's names of the kinds, with a NUL.
static KIND_NAMES: CNames<{ IdKind::NAMES.len() }> = CNames::new(IdKind::NAMES);

/// The input of every identifier function, once its outputs' pointers are checked: `input`
/// NULL-checked first, then `values` (the kind, mode, language..., read from their
/// integers by the caller: an error there is reported only now), then the UTF-8 of `input`.
///
/// # Safety
///
/// The contract of [`input_str`].
unsafe fn identifier_input<'a, T>(
    input: *const c_char,
    input_len: usize,
    values: Result<T, rppsplus_result>,
) -> Result<(T, &'a str), rppsplus_result> {
    if input.is_null() {
        return Err(RPPSPLUS_RESULT_NULL_PARAMETER);
    }
    let values = values?;
    // SAFETY: forwarded to the caller.
    Ok((values, unsafe { input_str(input, input_len) }?))
}

/// The body of every `rppsplus_<kind>_validate` and of `rppsplus_check`: the pointers
/// first, then `kind` and `mode` (an error there is reported only now), then the input, then
/// the core's `check`; every output on success only (and `*out_len` on `INSUFFICIENT_SIZE`).
///
/// # Safety
///
/// The contracts of [`input_str`], [`Output::new`] and [`OptionalOut::new`].
#[allow(clippy::too_many_arguments)]
unsafe fn validate(
    kind: Result<IdKind, rppsplus_result>,
    mode: Result<Mode, rppsplus_result>,
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> Result<(), rppsplus_result> {
    // SAFETY: forwarded to the caller.
    let (output, warning_out) = unsafe { (Output::new(out, out_cap, out_len)?, OptionalOut::new(warning_out)) };
    // SAFETY: forwarded to the caller.
    let ((kind, mode), s) = unsafe { identifier_input(input, input_len, kind.and_then(|k| Ok((k, mode?)))) }?;
    let check = ids::check(kind, s, mode);
    output.write(check.result()?)?;
    warning_out.set(rppsplus_warning::of(check.warning()));
    Ok(())
}

/// Validates an RPPS number (11 digits, Luhn key, starting with `1`: strict mode) and writes
/// its canonical form (the 11 digits).
///
/// Like every `rppsplus_<kind>_validate` function (one per `rppsplus_kind`, strict mode):
/// `input` points to `input_len` bytes of UTF-8 (no NUL terminator needed; a NUL byte is an
/// invalid character); spaces, dots and dashes are accepted as separators. On success `out`
/// receives the canonical form and a NUL, `*out_len` its length without the NUL, and
/// `*warning_out` (unless `warning_out` is NULL) an `rppsplus_warning`: the same answer as
/// `rppsplus_check` with this kind in `RPPSPLUS_MODE_STRICT`. Pass `out = NULL, out_cap = 0`
/// to ask only for validity and length (the result is then `INSUFFICIENT_SIZE` for a valid
/// input).
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: valid; `out`, `*out_len` and `*warning_out` are written;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: valid, but `out_cap` < canonical length + 1: only
///   `*out_len` is written, the length needed; retry with `*out_len + 1` bytes;
/// - an identifier error, nothing written (each kind's function lists its own; for an RPPS
///   number `RPPSPLUS_RESULT_INVALID_FORMAT`, `RPPSPLUS_RESULT_INVALID_LENGTH`,
///   `RPPSPLUS_RESULT_INVALID_CHECKSUM`, `RPPSPLUS_RESULT_INVALID_COMPONENT`);
///   `RPPSPLUS_RESULT_INVALID_IDENTIFIER` is reserved for a core error this version has no
///   code for; `rppsplus_check_message` explains each;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `input` or `out_len` NULL (even with `input_len`
///   0), or `out` NULL with `out_cap > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (`input_len` >
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `input` points to `input_len` readable bytes, `out` (unless NULL) to `out_cap` writable
/// bytes, `out_len` to a writable `size_t`, `warning_out` (unless NULL) to a writable
/// `rppsplus_warning`; outputs do not overlap `input`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_rpps_validate(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> rppsplus_result {
    // SAFETY: the caller's contract, documented above.
    ffi_panic_boundary! { unsafe { validate(Ok(IdKind::Rpps), Ok(Mode::Strict), input, input_len, out, out_cap, out_len, warning_out) } }
}

/// Validates a person's national identifier, idNat_PS (TRE_G08: `8`+RPPS, `0`+ADELI,
/// `3`+FINESS`/`local...; an RPPS part in strict mode) and writes its canonical form.
///
/// Results: those of `rppsplus_rpps_validate` (arguments and outputs alike); the identifier
/// errors of this kind are `RPPSPLUS_RESULT_INVALID_FORMAT`,
/// `RPPSPLUS_RESULT_INVALID_LENGTH`, `RPPSPLUS_RESULT_INVALID_CHECKSUM`,
/// `RPPSPLUS_RESULT_INVALID_COMPONENT`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_idnat_validate(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> rppsplus_result {
    // SAFETY: the caller's contract, documented above.
    ffi_panic_boundary! { unsafe { validate(Ok(IdKind::IdNat), Ok(Mode::Strict), input, input_len, out, out_cap, out_len, warning_out) } }
}

/// Validates a structure's national identifier, idNat_Struct (TRE_G07: `1`+FINESS,
/// `2`+SIREN, `3`+SIRET, `4`+RPPS-rang, `0`+ADELI-rang) and writes its canonical form.
///
/// Results: those of `rppsplus_rpps_validate` (arguments and outputs alike); the identifier
/// errors of this kind are `RPPSPLUS_RESULT_INVALID_FORMAT`,
/// `RPPSPLUS_RESULT_INVALID_LENGTH`, `RPPSPLUS_RESULT_INVALID_CHECKSUM`,
/// `RPPSPLUS_RESULT_INVALID_COMPONENT`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_idnat_structure_validate(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> rppsplus_result {
    // SAFETY: the caller's contract, documented above.
    ffi_panic_boundary! { unsafe { validate(Ok(IdKind::IdNatStructure), Ok(Mode::Strict), input, input_len, out, out_cap, out_len, warning_out) } }
}

/// Validates an ADELI number (9 characters starting with a departement) and writes its
/// canonical form.
///
/// Results: those of `rppsplus_rpps_validate` (arguments and outputs alike); the identifier
/// errors of this kind are `RPPSPLUS_RESULT_INVALID_FORMAT`,
/// `RPPSPLUS_RESULT_INVALID_LENGTH`, `RPPSPLUS_RESULT_INVALID_COMPONENT`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_adeli_validate(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> rppsplus_result {
    // SAFETY: the caller's contract, documented above.
    ffi_panic_boundary! { unsafe { validate(Ok(IdKind::Adeli), Ok(Mode::Strict), input, input_len, out, out_cap, out_len, warning_out) } }
}

/// Validates a FINESS number (9 characters: departement, digits, Luhn key) and writes its
/// canonical form.
///
/// Results: those of `rppsplus_rpps_validate` (arguments and outputs alike); the identifier
/// errors of this kind are `RPPSPLUS_RESULT_INVALID_FORMAT`,
/// `RPPSPLUS_RESULT_INVALID_LENGTH`, `RPPSPLUS_RESULT_INVALID_CHECKSUM`,
/// `RPPSPLUS_RESULT_INVALID_COMPONENT`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_finess_validate(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> rppsplus_result {
    // SAFETY: the caller's contract, documented above.
    ffi_panic_boundary! { unsafe { validate(Ok(IdKind::Finess), Ok(Mode::Strict), input, input_len, out, out_cap, out_len, warning_out) } }
}

/// Validates a SIREN number (9 digits, Luhn key) and writes its canonical form.
///
/// Results: those of `rppsplus_rpps_validate` (arguments and outputs alike); the identifier
/// errors of this kind are `RPPSPLUS_RESULT_INVALID_FORMAT`,
/// `RPPSPLUS_RESULT_INVALID_LENGTH`, `RPPSPLUS_RESULT_INVALID_CHECKSUM`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_siren_validate(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> rppsplus_result {
    // SAFETY: the caller's contract, documented above.
    ffi_panic_boundary! { unsafe { validate(Ok(IdKind::Siren), Ok(Mode::Strict), input, input_len, out, out_cap, out_len, warning_out) } }
}

/// Validates a SIRET number (14 digits: SIREN + establishment, Luhn key) and writes its
/// canonical form.
///
/// Results: those of `rppsplus_rpps_validate` (arguments and outputs alike); the identifier
/// errors of this kind are `RPPSPLUS_RESULT_INVALID_FORMAT`,
/// `RPPSPLUS_RESULT_INVALID_LENGTH`, `RPPSPLUS_RESULT_INVALID_CHECKSUM`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_siret_validate(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> rppsplus_result {
    // SAFETY: the caller's contract, documented above.
    ffi_panic_boundary! { unsafe { validate(Ok(IdKind::Siret), Ok(Mode::Strict), input, input_len, out, out_cap, out_len, warning_out) } }
}

/// Validates an RPPS-rang (cabinet) identifier (14 digits: an RPPS number and its rang;
/// strict mode) and writes its canonical form.
///
/// Results: those of `rppsplus_rpps_validate` (arguments and outputs alike); the identifier
/// errors of this kind are `RPPSPLUS_RESULT_INVALID_FORMAT`,
/// `RPPSPLUS_RESULT_INVALID_LENGTH`, `RPPSPLUS_RESULT_INVALID_CHECKSUM`,
/// `RPPSPLUS_RESULT_INVALID_COMPONENT`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_rpps_rang_validate(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> rppsplus_result {
    // SAFETY: the caller's contract, documented above.
    ffi_panic_boundary! { unsafe { validate(Ok(IdKind::RppsRang), Ok(Mode::Strict), input, input_len, out, out_cap, out_len, warning_out) } }
}

/// Validates an INSEE commune code (5 characters, `2A`/`2B` for Corsica; the commune must
/// exist) and writes its canonical form: the current code (an old code such as `20004`
/// gives `2A004`, with the warning `RPPSPLUS_WARNING_OLD_CODE`).
///
/// Results: those of `rppsplus_rpps_validate` (arguments and outputs alike); the identifier
/// errors of this kind are `RPPSPLUS_RESULT_INVALID_FORMAT`,
/// `RPPSPLUS_RESULT_INVALID_LENGTH`, `RPPSPLUS_RESULT_UNKNOWN_CODE`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_commune_validate(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> rppsplus_result {
    // SAFETY: the caller's contract, documented above.
    ffi_panic_boundary! { unsafe { validate(Ok(IdKind::Commune), Ok(Mode::Strict), input, input_len, out, out_cap, out_len, warning_out) } }
}

/// Validates an INSEE country code (5 digits starting with `99`; the country must exist)
/// and writes its canonical form.
///
/// Results: those of `rppsplus_rpps_validate` (arguments and outputs alike); the identifier
/// errors of this kind are `RPPSPLUS_RESULT_INVALID_FORMAT`,
/// `RPPSPLUS_RESULT_INVALID_LENGTH`, `RPPSPLUS_RESULT_INVALID_COMPONENT`,
/// `RPPSPLUS_RESULT_UNKNOWN_CODE`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_pays_validate(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> rppsplus_result {
    // SAFETY: the caller's contract, documented above.
    ffi_panic_boundary! { unsafe { validate(Ok(IdKind::Pays), Ok(Mode::Strict), input, input_len, out, out_cap, out_len, warning_out) } }
}

/// Validates a mobile phone number (French mobile ranges, including overseas; foreign
/// numbers in international form, with the warning `RPPSPLUS_WARNING_FOREIGN_NUMBER`) and
/// writes its canonical E.164 form (`+33612345678`).
///
/// Results: those of `rppsplus_rpps_validate` (arguments and outputs alike); the identifier
/// errors of this kind are `RPPSPLUS_RESULT_INVALID_FORMAT`,
/// `RPPSPLUS_RESULT_INVALID_LENGTH`, `RPPSPLUS_RESULT_INVALID_COMPONENT`,
/// `RPPSPLUS_RESULT_NOT_MOBILE`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_phone_validate(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> rppsplus_result {
    // SAFETY: the caller's contract, documented above.
    ffi_panic_boundary! { unsafe { validate(Ok(IdKind::Phone), Ok(Mode::Strict), input, input_len, out, out_cap, out_len, warning_out) } }
}

/// Validates an email address and writes its canonical form.
///
/// Results: those of `rppsplus_rpps_validate` (arguments and outputs alike); the identifier
/// errors of this kind are `RPPSPLUS_RESULT_INVALID_FORMAT`,
/// `RPPSPLUS_RESULT_INVALID_LENGTH`, `RPPSPLUS_RESULT_INVALID_COMPONENT`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_email_validate(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> rppsplus_result {
    // SAFETY: the caller's contract, documented above.
    ffi_panic_boundary! { unsafe { validate(Ok(IdKind::Email), Ok(Mode::Strict), input, input_len, out, out_cap, out_len, warning_out) } }
}

/// Validates a demande (registration request) number and writes its canonical form.
///
/// Results: those of `rppsplus_rpps_validate` (arguments and outputs alike); the identifier
/// errors of this kind are `RPPSPLUS_RESULT_INVALID_FORMAT`,
/// `RPPSPLUS_RESULT_INVALID_LENGTH`, `RPPSPLUS_RESULT_INVALID_COMPONENT`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_numero_validate(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> rppsplus_result {
    // SAFETY: the caller's contract, documented above.
    ffi_panic_boundary! { unsafe { validate(Ok(IdKind::Numero), Ok(Mode::Strict), input, input_len, out, out_cap, out_len, warning_out) } }
}

/// Validates `input` as an identifier of `kind` (an `rppsplus_kind`) in `mode`
/// (`RPPSPLUS_MODE_STRICT` or `RPPSPLUS_MODE_TEST`): the core's `check`, the one meaning of
/// "valid" on every face. Outputs like `rppsplus_rpps_validate`: the canonical form, and the
/// warning to `*warning_out` (which may be NULL).
///
/// Results: those of `rppsplus_rpps_validate`, and `RPPSPLUS_RESULT_INVALID_PARAMETER` when
/// `kind` is not an `rppsplus_kind` or `mode` not an `rppsplus_mode` (checked after the
/// pointers, before the input).
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn rppsplus_check(
    kind: rppsplus_kind,
    mode: rppsplus_mode,
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut rppsplus_warning,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let (kind, mode) = (from_value::<IdKind>(kind.0), mode.core());
        // SAFETY: the caller's contract.
        unsafe { validate(kind, mode, input, input_len, out, out_cap, out_len, warning_out) }
    }
}

/// Whether `input` is a valid identifier of `kind` (an `rppsplus_kind`): what the core's
/// `check` accepts in strict mode, the one meaning of `is_valid` on every face (the Rust
/// `is_valid` functions, Python's `is_valid`). For commune and country codes the code must
/// exist. False, never an error, for anything else: an invalid input, invalid UTF-8, a
/// NULL `input`, a `kind` that is not an `rppsplus_kind`, a length above `PTRDIFF_MAX`, a
/// caught panic. Use `rppsplus_check` to learn why.
///
/// # Safety
///
/// `input` (unless NULL) points to `input_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_is_valid(kind: rppsplus_kind, input: *const c_char, input_len: usize) -> bool {
    ffi_panic_boundary! {
        default = false;
        // SAFETY: the caller's contract.
        match (from_value::<IdKind>(kind.0), unsafe { input_str(input, input_len) }) {
            (Ok(kind), Ok(s)) => ids::check(kind, s, Mode::Strict).is_valid(),
            _ => false,
        }
    }
}

/// Writes the message explaining the outcome of `rppsplus_check` for the same `kind`,
/// `mode` and input, in `lang` (`RPPSPLUS_LANG_FR` or `RPPSPLUS_LANG_EN`), UTF-8: the
/// core's error message when the input is invalid (an RPPS number with a wrong key, in
/// English: `"RPPS number: the check digit does not match"`; a position counts from 1 in
/// both languages), the warning's message when it is valid with a warning, an empty string
/// when it is valid without one. Messages never repeat the input.
///
/// The result describes this call, not the input's validity.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the message and a NUL are in `out`, `*out_len` is its length
///   (whether or not the input is valid);
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: only `*out_len` is written, the length needed;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `input` or `out_len` NULL, or `out` NULL with
///   `out_cap > 0`;
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `kind`, `mode` or `lang` not one of its values,
///   or `input_len` > `PTRDIFF_MAX`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`: the input could not be checked at all (no message);
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `input` points to `input_len` readable bytes, `out` (unless NULL) to `out_cap` writable
/// bytes, `out_len` to a writable `size_t`; `out` does not overlap `input`.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn rppsplus_check_message(
    kind: rppsplus_kind,
    mode: rppsplus_mode,
    lang: rppsplus_lang,
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        let output = unsafe { Output::new(out, out_cap, out_len) }?;
        let values = from_value::<IdKind>(kind.0).and_then(|k| Ok((k, mode.core()?, lang.checked()?)));
        // SAFETY: the caller's contract.
        let ((kind, mode, lang), s) = unsafe { identifier_input(input, input_len, values) }?;
        let check = ids::check(kind, s, mode);
        match (check.error(), check.warning()) {
            (Some(error), _) => output.write(&lang.pick(error.message_fr(), error.to_string())),
            (None, Some(warning)) => output.write(&lang.pick(warning.message_fr(), warning.message_en())),
            (None, None) => output.write(""),
        }
    }
}

/// Writes the display form of `input` as an identifier of `kind` in `mode` (the core's
/// `ids::format`, python-stdnum's `format`): how a valid identifier is shown to people. A
/// SIREN in groups of 3 (`732 829 320`), a SIRET as its SIREN's groups then the NIC
/// (`732 829 320 00074`), a mobile of the French numbering plan in national form
/// (`06 92 12 34 56`, for `+262692123456` too), any other phone number in E.164, every
/// other kind its canonical form (docs/domain.md section 2.1). The display form is for a
/// screen or a letter; store and exchange the canonical form (`rppsplus_check`). It parses
/// back to the same value, and may be as confidential as the value (a phone number, an
/// email address).
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the display form and a NUL are in `out`, `*out_len` is its
///   length;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: valid, but `out_cap` < length + 1: only
///   `*out_len` is written, the length needed;
/// - an identifier error of the kind, nothing written, as `rppsplus_check` gives it
///   (`RPPSPLUS_RESULT_INVALID_FORMAT`, `RPPSPLUS_RESULT_INVALID_LENGTH`,
///   `RPPSPLUS_RESULT_INVALID_CHECKSUM`, `RPPSPLUS_RESULT_INVALID_COMPONENT`,
///   `RPPSPLUS_RESULT_NOT_MOBILE`, `RPPSPLUS_RESULT_UNKNOWN_CODE`; the per-kind
///   validators list each kind's);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `input` or `out_len` NULL, or `out` NULL with
///   `out_cap > 0`;
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `kind` or `mode` not one of its values (checked
///   after the pointers, before the input), or `input_len` > `PTRDIFF_MAX`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `input` points to `input_len` readable bytes, `out` (unless NULL) to `out_cap` writable
/// bytes, `out_len` to a writable `size_t`; `out` does not overlap `input`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_format(
    kind: rppsplus_kind,
    mode: rppsplus_mode,
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        let output = unsafe { Output::new(out, out_cap, out_len) }?;
        let values = from_value::<IdKind>(kind.0).and_then(|k| Ok((k, mode.core()?)));
        // SAFETY: the caller's contract.
        let ((kind, mode), s) = unsafe { identifier_input(input, input_len, values) }?;
        output.write(&ids::format(kind, s, mode)?)
    }
}

/// The name of an `rppsplus_kind` value, the core's, as the CLI and Python take it
/// (`"rpps"`, `"idnat-structure"`, `"rpps-rang"`...), or `"unknown"` for any other integer.
///
/// The string is static and NUL-terminated: never free it. Never returns NULL (an empty
/// string if an internal panic was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_kind_name(kind: rppsplus_kind) -> *const c_char {
    ffi_panic_boundary! { default = c"".as_ptr(); KIND_NAMES.of(kind.0) }
}

/// The name of an `rppsplus_warning` value: `"none"`, the core's finding code
/// (`"test_identifier"`, `"foreign_number"`, `"old_code"`, `"also_postal_code"`), or
/// `"unknown"` for any other integer.
///
/// The string is static and NUL-terminated: never free it. Never returns NULL (an empty
/// string if an internal panic was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_warning_name(warning: rppsplus_warning) -> *const c_char {
    ffi_panic_boundary! {
        default = c"".as_ptr();
        if warning == RPPSPLUS_WARNING_NONE {
            return c"none".as_ptr();
        }
        WARNINGS
            .iter()
            .find(|(value, _)| *value == warning)
            .map_or(UNKNOWN, |(_, code)| finding_code(*code))
            .as_ptr()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_are_the_core_warnings() {
        let postal = match ids::check(IdKind::Commune, "13003", Mode::Strict).warning() {
            Some(w @ Warning::AlsoPostalCode(_)) => w,
            other => panic!("13003 warns also_postal_code, got {other:?}"),
        };
        for w in [
            Warning::TestIdentifier,
            Warning::ForeignNumber,
            Warning::OldCode,
            postal,
        ] {
            let value = rppsplus_warning::of(Some(w));
            assert_ne!(value, RPPSPLUS_WARNING_UNKNOWN, "{w:?}");
            let name = crate::names::finding_code(w.code());
            assert!(WARNINGS.contains(&(value, w.code())), "{name:?}");
        }
        assert_eq!(rppsplus_warning::of(None), RPPSPLUS_WARNING_NONE);
    }

    #[test]
    fn modes() {
        assert_eq!(RPPSPLUS_MODE_STRICT.core(), Ok(Mode::Strict));
        assert_eq!(RPPSPLUS_MODE_TEST.core(), Ok(Mode::Test));
        assert_eq!(rppsplus_mode(2).core(), Err(RPPSPLUS_RESULT_INVALID_PARAMETER));
    }
}
