//! The options of a demande validation: `rppsplus_validate_options`, an opaque mutable
//! builder (reference date, stage, actor, mode), and the values C passes for the stage
//! (`rppsplus_stage`) and the actor (`rppsplus_actor`).

use std::ffi::c_char;

use chrono::NaiveDate;
use rppsplus_core::date;
use rppsplus_core::demande::{Actor, Options, Stage};
use rppsplus_core::ids::Mode;

use crate::buffer::input_date;
use crate::handle::{Castable, OwnershipBox, free_box, to_boxed_mut_ptr};
use crate::ids::rppsplus_mode;
use crate::names::{CNames, from_value};
use crate::result::rppsplus_result;

/// When a demande is validated: `typedef uint32_t rppsplus_stage`, with the
/// `RPPSPLUS_STAGE_*` constants, whose values are the order of the core's `Stage::ALL` and
/// whose names (`rppsplus_stage_name`) are the core's.
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_stage(pub u32);

/// Saving a draft: the confirmations are not required yet (`draft`).
pub const RPPSPLUS_STAGE_DRAFT: rppsplus_stage = rppsplus_stage(0);
/// Sending the demande: the confirmations are required (`submit`; the default).
pub const RPPSPLUS_STAGE_SUBMIT: rppsplus_stage = rppsplus_stage(1);

/// An actor of the RPPS+ domain: `typedef uint32_t rppsplus_actor`, with the
/// `RPPSPLUS_ACTOR_*` constants, whose values are the order of the core's `Actor::ALL` and
/// whose names (`rppsplus_actor_name`) are the core's.
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_actor(pub u32);

/// The professional (FranceConnect, e-CPS) (`professionnel`).
pub const RPPSPLUS_ACTOR_PROFESSIONNEL: rppsplus_actor = rppsplus_actor(0);
/// The gestionnaire RPPS+ of the registration authority (CPx card) (`gestionnaire`; the
/// default).
pub const RPPSPLUS_ACTOR_GESTIONNAIRE: rppsplus_actor = rppsplus_actor(1);
/// The RPPS itself, which never sends a demande (`rpps`): the core's rules say what a
/// demande sent as `rpps` gives.
pub const RPPSPLUS_ACTOR_RPPS: rppsplus_actor = rppsplus_actor(2);

/// The core's names of the stages and actors, with a NUL.
static STAGE_NAMES: CNames<{ Stage::NAMES.len() }> = CNames::new(Stage::NAMES);
static ACTOR_NAMES: CNames<{ Actor::NAMES.len() }> = CNames::new(Actor::NAMES);

/// The options of a validation: a mutable builder.
///
/// - Owner: the caller of `rppsplus_validate_options_new`, who frees it once with
///   `rppsplus_validate_options_free` (freeing NULL does nothing). A `Box` handle.
/// - A new object holds the core's defaults: reference date today (UTC, taken at each
///   validation), stage submit, actor gestionnaire, strict mode. Each setter changes one
///   option, and nothing when it fails. NULL options in a validation call are the defaults.
/// - Threads: the setters take a non-`const` pointer and need the object exclusively; the
///   validation functions take a `const rppsplus_validate_options *` and only read it: one
///   options object may serve validations on several threads at once, as long as no setter
///   or `_free` runs at the same time.
/// - The validation functions do not keep the pointer: the options may be changed or freed
///   as soon as they return.
pub struct rppsplus_validate_options {
    _private: [u8; 0],
}

impl Castable for rppsplus_validate_options {
    type Ownership = OwnershipBox;
    type RustType = ValidateOptions;
}

/// What an `rppsplus_validate_options` pointer points to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ValidateOptions {
    /// `None`: today in UTC, taken when a validation runs.
    reference_date: Option<NaiveDate>,
    stage: Stage,
    actor: Actor,
    mode: Mode,
}

impl Default for ValidateOptions {
    /// The core's defaults, but the reference date, which is taken at each validation.
    fn default() -> Self {
        let core = Options::default();
        Self {
            reference_date: None,
            stage: core.stage,
            actor: core.actor,
            mode: core.mode,
        }
    }
}

impl ValidateOptions {
    /// The core options: the reference date, or today in UTC.
    pub(crate) fn core(&self) -> Options {
        Options {
            reference_date: self.reference_date.unwrap_or_else(date::today),
            stage: self.stage,
            actor: self.actor,
            mode: self.mode,
        }
    }
}

/// A new options object holding the defaults (today in UTC, stage submit, actor
/// gestionnaire, strict mode), to free with `rppsplus_validate_options_free`.
///
/// Returns NULL only if an internal panic was caught.
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_validate_options_new() -> *mut rppsplus_validate_options {
    ffi_panic_boundary! {
        default = std::ptr::null_mut();
        to_boxed_mut_ptr(ValidateOptions::default())
    }
}

/// Sets the reference date of the validations: the date at which codes must be in force
/// and against which birth and start dates are checked. `date` is `YYYY-MM-DD` (exactly 10
/// bytes, years `0000` to `9999`; the core's one date parser), as for
/// `rppsplus_nomenclature_check`; `date == NULL` with `date_len == 0` means today in UTC,
/// taken at each validation (the default).
///
/// Results (on error the options are unchanged):
/// - `RPPSPLUS_RESULT_OK`;
/// - `RPPSPLUS_RESULT_INVALID_DATE`: not such a date (`2026-02-30`, `2026-1-5`, an empty
///   string);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `options` NULL, or `date` NULL with `date_len > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `options` is NULL or an options object not yet freed, used by no other thread during
/// the call; `date` (when not NULL) points to `date_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_validate_options_set_reference_date(
    options: *mut rppsplus_validate_options,
    date: *const c_char,
    date_len: usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let options = try_mut_from_ptr!(options);
        // SAFETY: the caller's contract.
        options.reference_date = unsafe { input_date(date, date_len) }?;
        Ok(())
    }
}

/// Sets the stage: `RPPSPLUS_STAGE_DRAFT` (saving: the confirmations are not required) or
/// `RPPSPLUS_STAGE_SUBMIT` (sending; the default).
///
/// Results (on error the options are unchanged):
/// - `RPPSPLUS_RESULT_OK`;
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `stage` is not an `rppsplus_stage`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `options` NULL;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `options` is NULL or an options object not yet freed, used by no other thread during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_validate_options_set_stage(
    options: *mut rppsplus_validate_options,
    stage: rppsplus_stage,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let options = try_mut_from_ptr!(options);
        options.stage = from_value(stage.0)?;
        Ok(())
    }
}

/// Sets the actor who sends the demande: `RPPSPLUS_ACTOR_GESTIONNAIRE` (the default),
/// `RPPSPLUS_ACTOR_PROFESSIONNEL` or `RPPSPLUS_ACTOR_RPPS`.
///
/// Results (on error the options are unchanged):
/// - `RPPSPLUS_RESULT_OK`;
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `actor` is not an `rppsplus_actor`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `options` NULL;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// As `rppsplus_validate_options_set_stage`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_validate_options_set_actor(
    options: *mut rppsplus_validate_options,
    actor: rppsplus_actor,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let options = try_mut_from_ptr!(options);
        options.actor = from_value(actor.0)?;
        Ok(())
    }
}

/// Sets the mode of the identifiers: `RPPSPLUS_MODE_STRICT` (production identifiers only;
/// the default) or `RPPSPLUS_MODE_TEST` (ANS test identities accepted, with a
/// `test_identifier` warning).
///
/// Results (on error the options are unchanged):
/// - `RPPSPLUS_RESULT_OK`;
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `mode` is not an `rppsplus_mode`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `options` NULL;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// As `rppsplus_validate_options_set_stage`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_validate_options_set_mode(
    options: *mut rppsplus_validate_options,
    mode: rppsplus_mode,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let options = try_mut_from_ptr!(options);
        options.mode = mode.core()?;
        Ok(())
    }
}

/// Frees an options object. NULL does nothing. Freeing it twice, or using it afterwards,
/// is undefined behaviour; no other call on it may run at the same time.
///
/// # Safety
///
/// `options` is NULL or an options object from `rppsplus_validate_options_new` not yet
/// freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_validate_options_free(options: *mut rppsplus_validate_options) {
    ffi_panic_boundary! {
        default = ();
        // SAFETY: the caller's contract.
        unsafe { free_box(options) }
    }
}

/// The name of an `rppsplus_stage` value, the core's (`"draft"`, `"submit"`), or
/// `"unknown"` for any other integer. Static and NUL-terminated: never free it. Never
/// returns NULL (an empty string if an internal panic was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_stage_name(stage: rppsplus_stage) -> *const c_char {
    ffi_panic_boundary! { default = c"".as_ptr(); STAGE_NAMES.of(stage.0) }
}

/// The name of an `rppsplus_actor` value, the core's (`"professionnel"`, `"gestionnaire"`,
/// `"rpps"`), or `"unknown"` for any other integer. Static and NUL-terminated: never free
/// it. Never returns NULL (an empty string if an internal panic was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_actor_name(actor: rppsplus_actor) -> *const c_char {
    ffi_panic_boundary! { default = c"".as_ptr(); ACTOR_NAMES.of(actor.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_core_defaults() {
        let core = Options::default();
        let ours = ValidateOptions::default().core();
        assert_eq!((ours.stage, ours.actor, ours.mode), (core.stage, core.actor, core.mode));
    }
}
