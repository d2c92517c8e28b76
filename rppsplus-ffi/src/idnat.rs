//! Conversions between a person's idNat and the RPPS or ADELI number it carries.

use std::ffi::c_char;
use std::fmt::Display;

use rppsplus_core::ids::{Adeli, IdNatPp, Rpps};

use crate::buffer::{Output, input_str};
use crate::result::{RPPSPLUS_RESULT_WRONG_IDNAT_TYPE, rppsplus_result};

/// Parses `input` with `parse`, converts with `convert` and writes the result.
///
/// # Safety
///
/// The contracts of [`input_str`] and [`Output::new`].
unsafe fn convert<T, U: Display>(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    parse: impl FnOnce(&str) -> Result<T, rppsplus_result>,
    convert: impl FnOnce(T) -> Result<U, rppsplus_result>,
) -> Result<(), rppsplus_result> {
    // SAFETY: forwarded to the caller.
    let output = unsafe { Output::new(out, out_cap, out_len) }?;
    // SAFETY: forwarded to the caller.
    let s = unsafe { input_str(input, input_len) }?;
    output.write(&convert(parse(s)?)?.to_string())
}

fn idnat(s: &str) -> Result<IdNatPp, rppsplus_result> {
    Ok(IdNatPp::parse(s)?)
}

/// Writes the idNat of an RPPS number: `8` + the RPPS number (`10107985318` ->
/// `810107985318`).
///
/// The input is validated as by `rppsplus_rpps_validate` (strict mode).
///
/// Results: those of `rppsplus_rpps_validate` (buffers and outputs alike; there is no
/// warning to report): the identifier errors of an RPPS number are
/// `RPPSPLUS_RESULT_INVALID_FORMAT`, `RPPSPLUS_RESULT_INVALID_LENGTH`,
/// `RPPSPLUS_RESULT_INVALID_CHECKSUM`, `RPPSPLUS_RESULT_INVALID_COMPONENT`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_idnat_from_rpps(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe {
            convert(input, input_len, out, out_cap, out_len, |s| Ok(Rpps::parse(s)?), |r| Ok(IdNatPp::from(r)))
        }
    }
}

/// Writes the RPPS number carried by a person's idNat of type `8` (`810107985318` ->
/// `10107985318`).
///
/// The input is validated as by `rppsplus_idnat_validate` (strict mode).
///
/// Results: those of `rppsplus_rpps_validate` (buffers and outputs alike): the identifier
/// errors of an idNat, `RPPSPLUS_RESULT_INVALID_FORMAT`, `RPPSPLUS_RESULT_INVALID_LENGTH`,
/// `RPPSPLUS_RESULT_INVALID_CHECKSUM`, `RPPSPLUS_RESULT_INVALID_COMPONENT`, and
/// `RPPSPLUS_RESULT_WRONG_IDNAT_TYPE` for a valid idNat of another type.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_idnat_to_rpps(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe {
            convert(input, input_len, out, out_cap, out_len, idnat, |id| {
                id.rpps().ok_or(RPPSPLUS_RESULT_WRONG_IDNAT_TYPE)
            })
        }
    }
}

/// Writes the idNat of an ADELI number: `0` + the ADELI number (`349102665` ->
/// `0349102665`).
///
/// The input is validated as by `rppsplus_adeli_validate`.
///
/// Results: those of `rppsplus_rpps_validate` (buffers and outputs alike): the identifier
/// errors of an ADELI number are `RPPSPLUS_RESULT_INVALID_FORMAT`,
/// `RPPSPLUS_RESULT_INVALID_LENGTH`, `RPPSPLUS_RESULT_INVALID_COMPONENT`.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_idnat_from_adeli(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe {
            convert(input, input_len, out, out_cap, out_len, |s| Ok(Adeli::parse(s)?), |a| Ok(IdNatPp::from(a)))
        }
    }
}

/// Writes the ADELI number carried by a person's idNat of type `0` (`0349102665` ->
/// `349102665`).
///
/// The input is validated as by `rppsplus_idnat_validate`.
///
/// Results: those of `rppsplus_rpps_validate` (buffers and outputs alike): the identifier
/// errors of an idNat, `RPPSPLUS_RESULT_INVALID_FORMAT`, `RPPSPLUS_RESULT_INVALID_LENGTH`,
/// `RPPSPLUS_RESULT_INVALID_CHECKSUM`, `RPPSPLUS_RESULT_INVALID_COMPONENT`, and
/// `RPPSPLUS_RESULT_WRONG_IDNAT_TYPE` for a valid idNat of another type.
///
/// # Safety
///
/// As `rppsplus_rpps_validate`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_idnat_to_adeli(
    input: *const c_char,
    input_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe {
            convert(input, input_len, out, out_cap, out_len, idnat, |id| {
                id.adeli().ok_or(RPPSPLUS_RESULT_WRONG_IDNAT_TYPE)
            })
        }
    }
}
