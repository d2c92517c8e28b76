//! Identifier validation: one `rppsplus_<kind>_validate` per kind, the generic
//! `rppsplus_check` and `rppsplus_check_message`, and the enums they take.

use std::ffi::{CStr, c_char};

use rppsplus_core::ids::{self, Check, IdKind, Mode, ParseError, Warning};

use crate::buffer::{Output, input_str};
use crate::result::rppsplus_result;

/// The kinds of identifier `rppsplus_check` takes (passed as `uint32_t`). The values are
/// the order of the core's `IdKind::ALL`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum rppsplus_kind {
    /// RPPS number (`rpps`).
    Rpps = 0,
    /// A person's national identifier, idNat_PS (`idnat`).
    Idnat = 1,
    /// A structure's national identifier, idNat_Struct (`idnat-structure`).
    IdnatStructure = 2,
    /// ADELI number (`adeli`).
    Adeli = 3,
    /// FINESS number (`finess`).
    Finess = 4,
    /// SIREN number (`siren`).
    Siren = 5,
    /// SIRET number (`siret`).
    Siret = 6,
    /// RPPS-rang (cabinet) identifier (`rpps-rang`).
    RppsRang = 7,
    /// INSEE commune code (`commune`).
    Commune = 8,
    /// INSEE country code (`pays`).
    Pays = 9,
    /// Mobile phone number (`phone`).
    Phone = 10,
    /// Email address (`email`).
    Email = 11,
    /// Demande (registration request) number (`numero`).
    Numero = 12,
}

/// Whether test identities are accepted (passed as `uint32_t`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum rppsplus_mode {
    /// Production identifiers only: an RPPS number starts with `1`.
    Strict = 0,
    /// ANS test identities (RPPS numbers starting with `99`...) are accepted too, with the
    /// warning `RPPSPLUS_WARNING_TEST_IDENTIFIER`.
    Test = 1,
}

/// A non-blocking remark on a valid identifier, written by `rppsplus_check` (as
/// `uint32_t`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum rppsplus_warning {
    /// No remark.
    None = 0,
    /// An ANS test identity, accepted in `RPPSPLUS_MODE_TEST` only.
    TestIdentifier = 1,
    /// A foreign phone number: only its international form was checked.
    ForeignNumber = 2,
    /// An old commune code, resolved to the current one (the canonical output).
    OldCode = 3,
    /// A commune code that is also the postal code of other communes.
    AlsoPostalCode = 4,
    /// A remark this version of the C API has no dedicated value for (not produced by
    /// this version; `rppsplus_check_message` gives its text).
    Unknown = 255,
}

/// The language of messages (passed as `uint32_t`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum rppsplus_lang {
    /// French, the users' language.
    Fr = 0,
    /// English.
    En = 1,
}

impl rppsplus_kind {
    /// Every kind, in value order.
    pub(crate) const ALL: [rppsplus_kind; 13] = [
        Self::Rpps,
        Self::Idnat,
        Self::IdnatStructure,
        Self::Adeli,
        Self::Finess,
        Self::Siren,
        Self::Siret,
        Self::RppsRang,
        Self::Commune,
        Self::Pays,
        Self::Phone,
        Self::Email,
        Self::Numero,
    ];

    /// The core kind of a `uint32_t` from C: its index in `IdKind::ALL`.
    fn core(kind: u32) -> Result<IdKind, rppsplus_result> {
        usize::try_from(kind)
            .ok()
            .and_then(|i| IdKind::ALL.get(i).copied())
            .ok_or(rppsplus_result::InvalidParameter)
    }

    /// The core name, NUL-terminated (`IdKind::name()`; checked by the tests).
    fn name(self) -> &'static CStr {
        match self {
            Self::Rpps => c"rpps",
            Self::Idnat => c"idnat",
            Self::IdnatStructure => c"idnat-structure",
            Self::Adeli => c"adeli",
            Self::Finess => c"finess",
            Self::Siren => c"siren",
            Self::Siret => c"siret",
            Self::RppsRang => c"rpps-rang",
            Self::Commune => c"commune",
            Self::Pays => c"pays",
            Self::Phone => c"phone",
            Self::Email => c"email",
            Self::Numero => c"numero",
        }
    }
}

impl rppsplus_mode {
    pub(crate) fn core(mode: u32) -> Result<Mode, rppsplus_result> {
        match mode {
            0 => Ok(Mode::Strict),
            1 => Ok(Mode::Test),
            _ => Err(rppsplus_result::InvalidParameter),
        }
    }
}

impl rppsplus_warning {
    /// Every value but `Unknown`, in value order.
    const ALL: [rppsplus_warning; 5] = [
        Self::None,
        Self::TestIdentifier,
        Self::ForeignNumber,
        Self::OldCode,
        Self::AlsoPostalCode,
    ];

    fn from_core(warning: Option<Warning>) -> Self {
        match warning {
            None => Self::None,
            Some(Warning::TestIdentifier) => Self::TestIdentifier,
            Some(Warning::ForeignNumber) => Self::ForeignNumber,
            Some(Warning::OldCode) => Self::OldCode,
            Some(Warning::AlsoPostalCode(_)) => Self::AlsoPostalCode,
            // `Warning` is non-exhaustive.
            Some(_) => Self::Unknown,
        }
    }

    /// The core code, NUL-terminated (`Warning::code()`; checked by the tests).
    fn name(self) -> &'static CStr {
        match self {
            Self::None => c"none",
            Self::TestIdentifier => c"test_identifier",
            Self::ForeignNumber => c"foreign_number",
            Self::OldCode => c"old_code",
            Self::AlsoPostalCode => c"also_postal_code",
            Self::Unknown => c"unknown",
        }
    }
}

impl rppsplus_lang {
    pub(crate) fn from_u32(lang: u32) -> Result<Self, rppsplus_result> {
        match lang {
            0 => Ok(Self::Fr),
            1 => Ok(Self::En),
            _ => Err(rppsplus_result::InvalidParameter),
        }
    }

    /// The core's message for an error.
    fn error_message(self, error: &ParseError) -> String {
        match self {
            Self::Fr => error.message_fr(),
            Self::En => error.to_string(),
        }
    }

    /// The core's message for a warning.
    fn warning_message(self, warning: Warning) -> String {
        match self {
            Self::Fr => warning.message_fr(),
            Self::En => warning.message_en(),
        }
    }
}

/// The body of every `rppsplus_<kind>_validate`.
///
/// # Safety
///
/// The contracts of [`input_str`] and [`Output::new`].
unsafe fn validate(
    kind: IdKind,
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> Result<(), rppsplus_result> {
    // SAFETY: forwarded to the caller.
    let output = unsafe { Output::new(out, out_cap, out_len) }?;
    // SAFETY: forwarded to the caller.
    let s = unsafe { input_str(input, input_len) }?;
    output.write(ids::check(kind, s, Mode::Strict).result()?)
}

/// Checks the parameters of `rppsplus_check` and runs the core's `check`.
///
/// # Safety
///
/// The contract of [`input_str`].
unsafe fn run_check(kind: u32, mode: u32, input: *const c_char, input_len: usize) -> Result<Check, rppsplus_result> {
    let kind = rppsplus_kind::core(kind)?;
    let mode = rppsplus_mode::core(mode)?;
    // SAFETY: forwarded to the caller.
    let s = unsafe { input_str(input, input_len) }?;
    Ok(ids::check(kind, s, mode))
}

/// Validates an RPPS number (11 digits, Luhn key, starting with `1`: strict mode) and
/// writes its canonical form (the 11 digits).
///
/// Like every `rppsplus_<kind>_validate` function: `input` points to `input_len` bytes of
/// UTF-8 (no NUL terminator needed; a NUL byte is an invalid character); spaces, dots and
/// dashes are accepted as separators. On `RPPSPLUS_RESULT_OK`, `out` receives the canonical
/// form and a NUL, `*out_len` its length without the NUL. When `out_cap` is too small
/// (canonical length + 1 > `out_cap`), the result is `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`,
/// `*out_len` is the length needed and `out` holds an empty string if `out_cap > 0`; pass
/// `out = NULL, out_cap = 0` to ask only for validity and length. On any other result
/// nothing is written. `input` and `out_len` must not be NULL; `out` must not overlap
/// `input`.
///
/// Returns `RPPSPLUS_RESULT_OK`, `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`, an identifier error
/// (`RPPSPLUS_RESULT_INVALID_FORMAT`, `_INVALID_LENGTH`, `_INVALID_CHECKSUM`,
/// `_INVALID_COMPONENT`, `_NOT_MOBILE`), `RPPSPLUS_RESULT_NULL_PARAMETER`,
/// `RPPSPLUS_RESULT_INVALID_UTF8`, `RPPSPLUS_RESULT_INVALID_PARAMETER` (`input_len` >
/// `PTRDIFF_MAX`) or `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `input` must point to `input_len` readable bytes, `out` (unless NULL) to `out_cap`
/// writable bytes, `out_len` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_rpps_validate(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> u32 {
    // SAFETY: the caller's contract, documented above.
    ffi_panic_boundary! { unsafe { validate(IdKind::Rpps, input, input_len, out, out_cap, out_len) }.into() }
}

/// Validates a person's national identifier, idNat_PS (TRE_G08: `8`+RPPS, `0`+ADELI,
/// `3`+FINESS`/`local...; an RPPS part in strict mode) and writes its canonical form.
/// Arguments, outputs and results as `rppsplus_rpps_validate`.
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
) -> u32 {
    // SAFETY: the caller's contract.
    ffi_panic_boundary! { unsafe { validate(IdKind::IdNat, input, input_len, out, out_cap, out_len) }.into() }
}

/// Validates a structure's national identifier, idNat_Struct (TRE_G07: `1`+FINESS,
/// `2`+SIREN, `3`+SIRET, `4`+RPPS-rang, `0`+ADELI-rang) and writes its canonical form.
/// Arguments, outputs and results as `rppsplus_rpps_validate`.
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
) -> u32 {
    // SAFETY: the caller's contract.
    ffi_panic_boundary! { unsafe { validate(IdKind::IdNatStructure, input, input_len, out, out_cap, out_len) }.into() }
}

/// Validates an ADELI number (9 characters starting with a departement) and writes its
/// canonical form. Arguments, outputs and results as `rppsplus_rpps_validate`.
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
) -> u32 {
    // SAFETY: the caller's contract.
    ffi_panic_boundary! { unsafe { validate(IdKind::Adeli, input, input_len, out, out_cap, out_len) }.into() }
}

/// Validates a FINESS number (9 characters: departement, digits, Luhn key) and writes its
/// canonical form. Arguments, outputs and results as `rppsplus_rpps_validate`.
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
) -> u32 {
    // SAFETY: the caller's contract.
    ffi_panic_boundary! { unsafe { validate(IdKind::Finess, input, input_len, out, out_cap, out_len) }.into() }
}

/// Validates a SIREN number (9 digits, Luhn key) and writes its canonical form.
/// Arguments, outputs and results as `rppsplus_rpps_validate`.
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
) -> u32 {
    // SAFETY: the caller's contract.
    ffi_panic_boundary! { unsafe { validate(IdKind::Siren, input, input_len, out, out_cap, out_len) }.into() }
}

/// Validates a SIRET number (14 digits: SIREN + establishment, Luhn key) and writes its
/// canonical form. Arguments, outputs and results as `rppsplus_rpps_validate`.
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
) -> u32 {
    // SAFETY: the caller's contract.
    ffi_panic_boundary! { unsafe { validate(IdKind::Siret, input, input_len, out, out_cap, out_len) }.into() }
}

/// Validates an RPPS-rang (cabinet) identifier (14 digits: an RPPS number and its rang;
/// strict mode) and writes its canonical form. Arguments, outputs and results as
/// `rppsplus_rpps_validate`.
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
) -> u32 {
    // SAFETY: the caller's contract.
    ffi_panic_boundary! { unsafe { validate(IdKind::RppsRang, input, input_len, out, out_cap, out_len) }.into() }
}

/// Validates an INSEE commune code (5 characters, `2A`/`2B` for Corsica) and writes its
/// canonical form (upper case). Arguments, outputs and results as
/// `rppsplus_rpps_validate`.
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
) -> u32 {
    // SAFETY: the caller's contract.
    ffi_panic_boundary! { unsafe { validate(IdKind::Commune, input, input_len, out, out_cap, out_len) }.into() }
}

/// Validates an INSEE country code (5 digits starting with `99`) and writes its canonical
/// form. Arguments, outputs and results as `rppsplus_rpps_validate`.
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
) -> u32 {
    // SAFETY: the caller's contract.
    ffi_panic_boundary! { unsafe { validate(IdKind::Pays, input, input_len, out, out_cap, out_len) }.into() }
}

/// Validates a mobile phone number (French mobile ranges, including overseas; foreign
/// numbers in international form) and writes its canonical E.164 form (`+33612345678`).
/// Use `rppsplus_check` to learn whether it is a foreign number. Arguments, outputs and
/// results as `rppsplus_rpps_validate`.
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
) -> u32 {
    // SAFETY: the caller's contract.
    ffi_panic_boundary! { unsafe { validate(IdKind::Phone, input, input_len, out, out_cap, out_len) }.into() }
}

/// Validates an email address and writes its canonical form. Arguments, outputs and
/// results as `rppsplus_rpps_validate`.
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
) -> u32 {
    // SAFETY: the caller's contract.
    ffi_panic_boundary! { unsafe { validate(IdKind::Email, input, input_len, out, out_cap, out_len) }.into() }
}

/// Validates a demande (registration request) number and writes its canonical form.
/// Arguments, outputs and results as `rppsplus_rpps_validate`.
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
) -> u32 {
    // SAFETY: the caller's contract.
    ffi_panic_boundary! { unsafe { validate(IdKind::Numero, input, input_len, out, out_cap, out_len) }.into() }
}

/// Validates `input` as an identifier of `kind` (an `rppsplus_kind` value) in `mode`
/// (`RPPSPLUS_MODE_STRICT` or `RPPSPLUS_MODE_TEST`), writes its canonical form like
/// `rppsplus_rpps_validate`, and its warning (an `rppsplus_warning` value) to
/// `*warning_out`.
///
/// `warning_out` may be NULL (the warning is then not reported); when not NULL it is
/// written on `RPPSPLUS_RESULT_OK` and on `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`, like
/// `*out_len`. An unknown `kind` or `mode` gives `RPPSPLUS_RESULT_INVALID_PARAMETER`. Other
/// arguments and results as `rppsplus_rpps_validate`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`; `warning_out`, unless NULL, must point to a writable
/// `uint32_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_check(
    kind: u32,
    mode: u32,
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    warning_out: *mut u32,
) -> u32 {
    ffi_panic_boundary! {
        let run = || -> Result<(), rppsplus_result> {
            // SAFETY: the caller's contract.
            let output = unsafe { Output::new(out, out_cap, out_len) }?;
            // SAFETY: the caller's contract.
            let check = unsafe { run_check(kind, mode, input, input_len) }?;
            let warning = rppsplus_warning::from_core(check.warning());
            let written = output.write(check.result()?);
            if !warning_out.is_null() {
                // SAFETY: not NULL, writable (caller).
                unsafe { *warning_out = warning as u32 };
            }
            written
        };
        run().into()
    }
}

/// Writes the message explaining the outcome of `rppsplus_check` for the same `kind`,
/// `mode` and input, in `lang` (`RPPSPLUS_LANG_FR` or `RPPSPLUS_LANG_EN`): the core's
/// error message when the input is invalid (for an RPPS number with a wrong key, in
/// English: `"RPPS number: the check digit does not match"`), the warning's message when
/// it is valid with a warning, an empty string when it is valid without one. Messages
/// never repeat the input.
///
/// The message (UTF-8) goes to `buf` with the conventions of `rppsplus_rpps_validate`'s
/// `out`, `out_cap` and `out_len`. The result describes this call, not the input's
/// validity: `RPPSPLUS_RESULT_OK` when the message was written whether or not the input is
/// valid, `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`, `RPPSPLUS_RESULT_NULL_PARAMETER`,
/// `RPPSPLUS_RESULT_INVALID_PARAMETER` (unknown kind, mode or lang),
/// `RPPSPLUS_RESULT_INVALID_UTF8` (the input could not be checked at all: no message) or
/// `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `input` must point to `input_len` readable bytes, `buf` (unless NULL) to `cap` writable
/// bytes, `out_len` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_check_message(
    kind: u32,
    mode: u32,
    lang: u32,
    input: *const c_char,
    input_len: usize,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
) -> u32 {
    ffi_panic_boundary! {
        let run = || -> Result<(), rppsplus_result> {
            // SAFETY: the caller's contract.
            let output = unsafe { Output::new(buf, cap, out_len) }?;
            let lang = rppsplus_lang::from_u32(lang)?;
            // SAFETY: the caller's contract.
            let check = unsafe { run_check(kind, mode, input, input_len) }?;
            match (check.error(), check.warning()) {
                (Some(error), _) => output.write(&lang.error_message(&error)),
                (None, Some(warning)) => output.write(&lang.warning_message(warning)),
                (None, None) => output.write(""),
            }
        };
        run().into()
    }
}

/// The name of an `rppsplus_kind` value, as the CLI and Python take it (`"rpps"`,
/// `"idnat-structure"`, `"rpps-rang"`...), or `"unknown"` for any other integer.
///
/// The string is static and NUL-terminated: never free it. Never returns NULL (an empty
/// string if an internal panic was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_kind_name(kind: u32) -> *const c_char {
    ffi_panic_boundary! {
        default = c"".as_ptr();
        usize::try_from(kind)
            .ok()
            .and_then(|i| rppsplus_kind::ALL.get(i))
            .map_or(c"unknown", |k| k.name())
            .as_ptr()
    }
}

/// The code of an `rppsplus_warning` value: `"none"`, `"test_identifier"`,
/// `"foreign_number"`, `"old_code"`, `"also_postal_code"`, or `"unknown"` for any other
/// integer.
///
/// The string is static and NUL-terminated: never free it. Never returns NULL (an empty
/// string if an internal panic was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_warning_name(warning: u32) -> *const c_char {
    ffi_panic_boundary! {
        default = c"".as_ptr();
        rppsplus_warning::ALL
            .into_iter()
            .find(|w| *w as u32 == warning)
            .map_or(c"unknown", rppsplus_warning::name)
            .as_ptr()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_mirror_the_core_order_and_names() {
        assert_eq!(rppsplus_kind::ALL.len(), IdKind::ALL.len());
        for (i, (k, core)) in rppsplus_kind::ALL.iter().zip(IdKind::ALL).enumerate() {
            assert_eq!(*k as usize, i);
            assert_eq!(rppsplus_kind::core(*k as u32), Ok(*core));
            assert_eq!(k.name().to_str(), Ok(core.as_str()));
        }
        assert_eq!(rppsplus_kind::core(13), Err(rppsplus_result::InvalidParameter));
        assert_eq!(rppsplus_kind::core(u32::MAX), Err(rppsplus_result::InvalidParameter));
    }

    #[test]
    fn warnings_mirror_the_core_codes() {
        let postal = match rppsplus_core::ids::check(IdKind::Commune, "13003", Mode::Strict).warning() {
            Some(w @ Warning::AlsoPostalCode(_)) => w,
            other => panic!("13003 warns also_postal_code, got {other:?}"),
        };
        for w in [
            Warning::TestIdentifier,
            Warning::ForeignNumber,
            Warning::OldCode,
            postal,
        ] {
            let ffi = rppsplus_warning::from_core(Some(w));
            assert_eq!(ffi.name().to_str(), Ok(w.code().as_str()));
        }
        assert_eq!(rppsplus_warning::from_core(None), rppsplus_warning::None);
    }

    #[test]
    fn modes() {
        assert_eq!(rppsplus_mode::core(rppsplus_mode::Strict as u32), Ok(Mode::Strict));
        assert_eq!(rppsplus_mode::core(rppsplus_mode::Test as u32), Ok(Mode::Test));
        assert_eq!(rppsplus_mode::core(2), Err(rppsplus_result::InvalidParameter));
    }
}
