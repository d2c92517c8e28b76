//! `rppsplus_workflow_error`: the detail of a refusal of the lifecycle (the core's
//! `WorkflowError`), handed out through an optional `error_out` pointer.
//!
//! Why an out-handle and not "the last error" of a handle: the library keeps no mutable
//! state beside the caller's handles (rustls-ffi's model: results are codes, details are
//! objects the caller owns), a registry is shared between threads (a "last error" on it
//! would be another thread's), and a refusal carries structured data (the events allowed,
//! a whole report) that a code cannot.

use std::ptr;

use rppsplus_core::workflow::WorkflowError;

use super::{rppsplus_event, write_events};
use crate::buffer::{ValuesOutput, rppsplus_str};
use crate::handle::{Castable, OwnershipBox, free_box, to_boxed_mut_ptr, to_const_ptr};
use crate::report::rppsplus_report;
use crate::result::{RPPSPLUS_RESULT_NULL_PARAMETER, RPPSPLUS_RESULT_PANIC, rppsplus_lang, rppsplus_result};

/// Why the lifecycle refused a call: its `6xx` result, its messages, the events the actor
/// may send instead (a refused transition), the report of a failed guard, the index of a
/// bad history entry, the line of a bad journal line, the demande number it names.
///
/// - Made by the lifecycle functions that take a `rppsplus_workflow_error **error_out`
///   (which may be NULL: no detail wanted): written there only when they return a `6xx`
///   result, never on success or another result.
/// - Owner: the caller, who frees it once with `rppsplus_workflow_error_free` (freeing
///   NULL does nothing); a `Box` handle.
/// - Threads: immutable; the accessors may run from several threads at once; `_free`
///   needs it exclusively.
/// - The views it gives (messages, its report) borrow from it: valid until it is freed.
/// - Its messages never hold an etat civil or contact value (docs/domain.md section 7).
pub struct rppsplus_workflow_error {
    _private: [u8; 0],
}

impl Castable for rppsplus_workflow_error {
    type Ownership = OwnershipBox;
    type RustType = ErrorValue;
}

/// What an `rppsplus_workflow_error` points to: the core's error and its messages, made
/// once so that their views live as long as the handle.
pub(crate) struct ErrorValue {
    error: WorkflowError,
    fr: String,
    en: String,
}

/// Where a lifecycle function writes the detail of its refusal: an `error_out` pointer the
/// caller may leave NULL.
pub(crate) struct ErrorOut(*mut *mut rppsplus_workflow_error);

impl ErrorOut {
    /// # Safety
    ///
    /// `out` is NULL or points to a writable `rppsplus_workflow_error *` for as long as this
    /// value is used.
    pub(crate) unsafe fn new(out: *mut *mut rppsplus_workflow_error) -> Self {
        Self(out)
    }

    /// The `6xx` result of `error`, whose detail goes to `*error_out` (unless NULL).
    pub(crate) fn fail(&self, error: WorkflowError) -> rppsplus_result {
        let result = rppsplus_result::from(&error);
        if !self.0.is_null() {
            let value = ErrorValue {
                fr: error.message_fr(),
                en: error.to_string(),
                error,
            };
            // SAFETY: not NULL, writable (`new`'s contract).
            unsafe { self.0.write(to_boxed_mut_ptr(value)) };
        }
        result
    }
}

/// The result of the error: the `6xx` one the call returned.
///
/// Results:
/// - a `6xx` result (`RPPSPLUS_RESULT_TRANSITION_REFUSED`, `RPPSPLUS_RESULT_GUARD_FAILED`...);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `error` NULL;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `error` is NULL or an error not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_workflow_error_result(error: *const rppsplus_workflow_error) -> rppsplus_result {
    ffi_panic_boundary! {
        default = RPPSPLUS_RESULT_PANIC;
        rppsplus_result::from(&try_ref_from_ptr!(error, or RPPSPLUS_RESULT_NULL_PARAMETER).error)
    }
}

/// The result of the underlying error: for `RPPSPLUS_RESULT_HISTORY_INVALID` (a bad
/// history entry) and `RPPSPLUS_RESULT_JOURNAL_CORRUPT` (a bad journal line), why the entry
/// or the line is refused; for any other error, its own result.
///
/// Results:
/// - a `6xx` result (`RPPSPLUS_RESULT_UNKNOWN_EVENT`, `RPPSPLUS_RESULT_STEP_MISMATCH`...);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `error` NULL;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// As `rppsplus_workflow_error_result`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_workflow_error_cause(error: *const rppsplus_workflow_error) -> rppsplus_result {
    ffi_panic_boundary! {
        default = RPPSPLUS_RESULT_PANIC;
        rppsplus_result::from(try_ref_from_ptr!(error, or RPPSPLUS_RESULT_NULL_PARAMETER).error.cause())
    }
}

/// The message of the error in `lang` (`RPPSPLUS_LANG_FR` or `RPPSPLUS_LANG_EN`), UTF-8,
/// the core's: it names events, actors, statuts, demande and RPPS numbers and situation
/// ids, never an etat civil or contact value. A view (not NUL-terminated) valid until the
/// error is freed; a NULL view for a NULL error or a `lang` that is not an
/// `rppsplus_lang`.
///
/// # Safety
///
/// As `rppsplus_workflow_error_result`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_workflow_error_message(
    error: *const rppsplus_workflow_error,
    lang: rppsplus_lang,
) -> rppsplus_str {
    ffi_panic_boundary! {
        default = rppsplus_str::NONE;
        let value = try_ref_from_ptr!(error, or rppsplus_str::NONE);
        lang.checked().map_or(rppsplus_str::NONE, |lang| rppsplus_str::of(lang.pick(&value.fr, &value.en)))
    }
}

/// Writes the events the actor may send from where the demande is, in the table's order,
/// to `events_out` (`*events_len` of them): those of a refused transition (empty for any
/// other error, and on a terminal or discarded demande).
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*events_len` events are in `events_out`;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: only `*events_len` is written, the count needed
///   (at most one per event);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `error` or `events_len` NULL, or `events_out` NULL
///   with `events_cap > 0`;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `error` is NULL or an error not yet freed; `events_out` (unless NULL) points to
/// `events_cap` writable `rppsplus_event`, `events_len` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_workflow_error_allowed(
    error: *const rppsplus_workflow_error,
    events_out: *mut rppsplus_event,
    events_cap: usize,
    events_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        let output = unsafe { ValuesOutput::new(events_out, events_cap, events_len) }?;
        write_events(&output, try_ref_from_ptr!(error).error.allowed())
    }
}

/// The report of a failed guard (`RPPSPLUS_RESULT_GUARD_FAILED`, or a history entry or
/// journal line refused for one), **borrowed** from the error: read it with the
/// `rppsplus_report_*` accessors, never free it; it is valid until the error is freed.
/// NULL for a NULL error or an error without report.
///
/// # Safety
///
/// As `rppsplus_workflow_error_result`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_workflow_error_report(
    error: *const rppsplus_workflow_error,
) -> *const rppsplus_report {
    ffi_panic_boundary! {
        default = ptr::null();
        let value = try_ref_from_ptr!(error, or ptr::null());
        value.error.report().map_or(ptr::null(), to_const_ptr)
    }
}

/// The index (from 0) of the bad entry of a history (`RPPSPLUS_RESULT_HISTORY_INVALID`);
/// `SIZE_MAX` for any other error or NULL.
///
/// # Safety
///
/// As `rppsplus_workflow_error_result`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_workflow_error_index(error: *const rppsplus_workflow_error) -> usize {
    ffi_panic_boundary! {
        default = usize::MAX;
        match try_ref_from_ptr!(error, or usize::MAX).error {
            WorkflowError::HistoryInvalid { index, .. } => index,
            _ => usize::MAX,
        }
    }
}

/// The line (from 1) of the bad journal line (`RPPSPLUS_RESULT_JOURNAL_CORRUPT`); 0 for
/// any other error or NULL.
///
/// # Safety
///
/// As `rppsplus_workflow_error_result`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_workflow_error_line(error: *const rppsplus_workflow_error) -> usize {
    ffi_panic_boundary! {
        default = 0;
        match try_ref_from_ptr!(error, or 0).error {
            WorkflowError::JournalCorrupt { line, .. } => line,
            _ => 0,
        }
    }
}

/// The demande number the error names (the underlying one of a bad entry or line): the
/// pending demande of `RPPSPLUS_RESULT_PENDING_DEMANDE`, the number of
/// `RPPSPLUS_RESULT_DEMANDE_NOT_FOUND` and `RPPSPLUS_RESULT_DUPLICATE_NUMERO`. A view (not
/// NUL-terminated, 15 bytes) valid until the error is freed; a NULL view for any other
/// error or NULL.
///
/// # Safety
///
/// As `rppsplus_workflow_error_result`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_workflow_error_numero(error: *const rppsplus_workflow_error) -> rppsplus_str {
    ffi_panic_boundary! {
        default = rppsplus_str::NONE;
        match try_ref_from_ptr!(error, or rppsplus_str::NONE).error.cause() {
            WorkflowError::PendingDemande { pending: numero, .. }
            | WorkflowError::DemandeNotFound { numero }
            | WorkflowError::DuplicateNumero { numero } => rppsplus_str::of(numero.as_str()),
            _ => rppsplus_str::NONE,
        }
    }
}

/// Frees an error and the texts and report its views point to. NULL does nothing. Freeing
/// it twice, or using it (or a view or its report) afterwards, is undefined behaviour; no
/// other call on it may run at the same time.
///
/// # Safety
///
/// `error` is NULL or an error not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_workflow_error_free(error: *mut rppsplus_workflow_error) {
    ffi_panic_boundary! {
        default = ();
        // SAFETY: the caller's contract.
        unsafe { free_box(error) }
    }
}
