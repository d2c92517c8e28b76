//! `rppsplus_demande`: one demande in its lifecycle (the core's `Tracked`): created by a
//! command, moved by commands, read (statut, label, the events allowed, history), written
//! and loaded as JSON.

use std::ffi::c_char;

use rppsplus_core::workflow::{SystemClock, Tracked};

use super::{ErrorOut, rppsplus_command, rppsplus_event, rppsplus_status, rppsplus_workflow_error, write_events};
use crate::buffer::{ValuesOutput, input_bytes, rppsplus_str, write_json};
use crate::handle::{Castable, HandleOut, OwnershipBox, free_box};
use crate::names::from_value;
use crate::options::rppsplus_actor;
use crate::result::rppsplus_result;

/// A demande in its lifecycle (docs/lifecycle.md): its number, its content and the history
/// of every event applied, from which its statut follows. On its own: a registry's
/// demandes are read with `rppsplus_registry_demande`, which gives a copy.
///
/// - Owner: the caller of `rppsplus_demande_create`, `rppsplus_demande_from_json` or
///   `rppsplus_registry_demande`, who frees it once with `rppsplus_demande_free` (freeing
///   NULL does nothing); a `Box` handle.
/// - Threads: `rppsplus_demande_apply` takes a non-`const` pointer and needs the demande
///   exclusively; the accessors take a `const rppsplus_demande *` and may run from several
///   threads at once while no `_apply` or `_free` runs.
/// - The views the accessors return borrow from the demande: valid until it is freed or an
///   event is applied to it.
/// - Its JSON holds the content, etat civil and contact included (docs/domain.md section
///   7): keep it as the program keeps its own data.
pub struct rppsplus_demande {
    _private: [u8; 0],
}

impl Castable for rppsplus_demande {
    type Ownership = OwnershipBox;
    type RustType = Tracked;
}

/// Creates a demande by `command` (`creer` or `envoyer`, carrying the content) and writes
/// it to `*demande_out`, which the caller frees with `rppsplus_demande_free`. It is numbered
/// `P` + the time of the event in UTC (the command's, or the system clock's); a registry
/// numbers its demandes uniquely (`rppsplus_registry_create`).
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*demande_out` is a new demande;
/// - a `6xx` result, its detail in `*error_out` (unless NULL):
///   `RPPSPLUS_RESULT_TRANSITION_REFUSED` (not a creation event for that actor),
///   `RPPSPLUS_RESULT_GUARD_FAILED` (a primo through FranceConnect for the professionnel;
///   validation for `envoyer`), `RPPSPLUS_RESULT_DEMANDE_REQUIRED`,
///   `RPPSPLUS_RESULT_UNEXPECTED_ARGUMENT`, `RPPSPLUS_RESULT_INVALID_RPPS`,
///   `RPPSPLUS_RESULT_INVALID_JSON`, `RPPSPLUS_RESULT_INVALID_TIMESTAMP`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `command` or `demande_out` NULL;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// On error `*demande_out` is unchanged and there is nothing to free (but the
/// `*error_out` of a `6xx` result).
///
/// # Safety
///
/// `command` is NULL or a command not yet freed, not modified during the call;
/// `demande_out` points to a writable `rppsplus_demande *`; `error_out` is NULL or points to
/// a writable `rppsplus_workflow_error *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_demande_create(
    command: *const rppsplus_command,
    demande_out: *mut *mut rppsplus_demande,
    error_out: *mut *mut rppsplus_workflow_error,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let demande_out = HandleOut::new(demande_out)?;
        // SAFETY: the caller's contract.
        let error_out = unsafe { ErrorOut::new(error_out) };
        let spec = try_ref_from_ptr!(command);
        let created = spec.command().and_then(|(command, at)| match at {
            Some(at) => Tracked::create(command, &at),
            None => Tracked::create(command, &SystemClock),
        });
        let tracked = created.map_err(|e| error_out.fail(e))?;
        // SAFETY: `demande_out` is writable (the caller's contract).
        unsafe { demande_out.set(tracked) };
        Ok(())
    }
}

/// Loads a demande from its JSON (`rppsplus_demande_to_json`'s: `{"numero", "demande",
/// "history"}`), replaying its history through the machine, and writes it to
/// `*demande_out`, which the caller frees with `rppsplus_demande_free`.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*demande_out` is a new demande;
/// - a `6xx` result, its detail in `*error_out` (unless NULL): `RPPSPLUS_RESULT_INVALID_JSON`
///   (not this JSON: the line and column only), `RPPSPLUS_RESULT_HISTORY_EMPTY`,
///   `RPPSPLUS_RESULT_HISTORY_INVALID` (the bad entry's index,
///   `rppsplus_workflow_error_index`, and its cause, `rppsplus_workflow_error_cause`:
///   an impossible step, an unknown name, a time going backwards...),
///   `RPPSPLUS_RESULT_CONTENT_MISMATCH` (the content is not the one the history leaves);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `json` or `demande_out` NULL (even with `json_len`
///   0);
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `json_len` above `PTRDIFF_MAX`;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// On error `*demande_out` is unchanged and there is nothing to free (but the
/// `*error_out` of a `6xx` result).
///
/// # Safety
///
/// `json` points to `json_len` readable bytes; `demande_out` and `error_out` as for
/// `rppsplus_demande_create`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_demande_from_json(
    json: *const c_char,
    json_len: usize,
    demande_out: *mut *mut rppsplus_demande,
    error_out: *mut *mut rppsplus_workflow_error,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let demande_out = HandleOut::new(demande_out)?;
        // SAFETY: the caller's contract.
        let error_out = unsafe { ErrorOut::new(error_out) };
        // SAFETY: the caller's contract.
        let bytes = unsafe { input_bytes(json, json_len) }?;
        let tracked = Tracked::from_json(bytes).map_err(|e| error_out.fail(e))?;
        // SAFETY: `demande_out` is writable (the caller's contract).
        unsafe { demande_out.set(tracked) };
        Ok(())
    }
}

/// Applies `command` to the demande: one row of the transition table, its guards checked
/// before anything changes; the history gets one entry. At the command's time (an explicit
/// time before the previous event's is `RPPSPLUS_RESULT_TIME_BACKWARDS`) or the system
/// clock's (never before the previous event's).
///
/// Results (on error the demande is exactly as before):
/// - `RPPSPLUS_RESULT_OK`;
/// - a `6xx` result, its detail in `*error_out` (unless NULL):
///   `RPPSPLUS_RESULT_TRANSITION_REFUSED` (the events allowed:
///   `rppsplus_workflow_error_allowed`), `RPPSPLUS_RESULT_GUARD_FAILED` (the report:
///   `rppsplus_workflow_error_report`), `RPPSPLUS_RESULT_MOTIF_REQUIRED`,
///   `RPPSPLUS_RESULT_RPPS_REQUIRED`, `RPPSPLUS_RESULT_INVALID_RPPS`,
///   `RPPSPLUS_RESULT_DEMANDE_REQUIRED`, `RPPSPLUS_RESULT_UNEXPECTED_ARGUMENT`,
///   `RPPSPLUS_RESULT_WRONG_CREATOR`, `RPPSPLUS_RESULT_TIME_BACKWARDS`,
///   `RPPSPLUS_RESULT_INVALID_TIMESTAMP`, `RPPSPLUS_RESULT_INVALID_JSON`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `demande` or `command` NULL;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `demande` is NULL or a demande not yet freed, used by no other thread during the call;
/// `command` is NULL or a command not yet freed, not modified during the call; `error_out`
/// is NULL or points to a writable `rppsplus_workflow_error *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_demande_apply(
    demande: *mut rppsplus_demande,
    command: *const rppsplus_command,
    error_out: *mut *mut rppsplus_workflow_error,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let tracked = try_mut_from_ptr!(demande);
        let spec = try_ref_from_ptr!(command);
        // SAFETY: the caller's contract.
        let error_out = unsafe { ErrorOut::new(error_out) };
        let applied = spec.command().and_then(|(command, at)| match at {
            Some(at) => tracked.apply_at(command, at).map(drop),
            None => tracked.apply(command, &SystemClock).map(drop),
        });
        applied.map_err(|e| error_out.fail(e))
    }
}

/// The demande number (`P` + the creation time in UTC, 15 bytes): a view (not
/// NUL-terminated) valid until the demande is freed; a NULL view for NULL.
///
/// # Safety
///
/// `demande` is NULL or a demande not yet freed, not modified during the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_demande_numero(demande: *const rppsplus_demande) -> rppsplus_str {
    ffi_panic_boundary! {
        default = rppsplus_str::NONE;
        // The content's number is the demande's, kept where the view may borrow it.
        let numero = try_ref_from_ptr!(demande, or rppsplus_str::NONE).demande().numero.as_ref();
        numero.map_or(rppsplus_str::NONE, |n| rppsplus_str::of(n.as_str()))
    }
}

/// The statut (`RPPSPLUS_STATUS_*`); `RPPSPLUS_STATUS_NONE` once discarded (`annuler`) and
/// for NULL. Its name: `rppsplus_status_name`; its label: `rppsplus_status_label`.
///
/// # Safety
///
/// As `rppsplus_demande_numero`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_demande_status(demande: *const rppsplus_demande) -> rppsplus_status {
    ffi_panic_boundary! {
        default = super::RPPSPLUS_STATUS_NONE;
        rppsplus_status::of(try_ref_from_ptr!(demande, or super::RPPSPLUS_STATUS_NONE).status())
    }
}

/// The portal's label of the statut (UTF-8, French, the core's): a static view; a NULL view
/// once discarded and for NULL.
///
/// # Safety
///
/// As `rppsplus_demande_numero`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_demande_label(demande: *const rppsplus_demande) -> rppsplus_str {
    ffi_panic_boundary! {
        default = rppsplus_str::NONE;
        try_ref_from_ptr!(demande, or rppsplus_str::NONE).label().map_or(rppsplus_str::NONE, rppsplus_str::of)
    }
}

/// Whether no event may follow: a terminal statut, or discarded; false for NULL.
///
/// # Safety
///
/// As `rppsplus_demande_numero`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_demande_is_terminal(demande: *const rppsplus_demande) -> bool {
    ffi_panic_boundary! {
        default = false;
        try_ref_from_ptr!(demande, or false).is_terminal()
    }
}

/// Whether `annuler` discarded the demande; false for NULL.
///
/// # Safety
///
/// As `rppsplus_demande_numero`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_demande_is_discarded(demande: *const rppsplus_demande) -> bool {
    ffi_panic_boundary! {
        default = false;
        try_ref_from_ptr!(demande, or false).is_discarded()
    }
}

/// Writes the events `actor` may send now, in the table's order, to `events_out`
/// (`*events_len` of them; none on a terminal or discarded demande): the rows of the table
/// from the statut, but those reserved to demandes the other actor created.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*events_len` events are in `events_out`;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: only `*events_len` is written, the count needed
///   (at most one per `rppsplus_event`);
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `actor` is not an `rppsplus_actor`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `demande` or `events_len` NULL, or `events_out` NULL
///   with `events_cap > 0`;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `demande` as for `rppsplus_demande_numero`; `events_out` (unless NULL) points to
/// `events_cap` writable `rppsplus_event`, `events_len` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_demande_allowed(
    demande: *const rppsplus_demande,
    actor: rppsplus_actor,
    events_out: *mut rppsplus_event,
    events_cap: usize,
    events_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        let output = unsafe { ValuesOutput::new(events_out, events_cap, events_len) }?;
        let tracked = try_ref_from_ptr!(demande);
        write_events(&output, &tracked.allowed(from_value(actor.0)?))
    }
}

/// Writes the history as JSON, oldest first: `[{"event", "actor", "from", "to", "at",
/// "motif"?, "rpps"?}]` (`from` null for the creation, `to` null after `annuler`; `at` RFC
/// 3339 in UTC), as the CLI's `workflow run` prints it.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the JSON and a NUL are in `out`, `*out_len` is its length;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: only `*out_len` is written, the length needed;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `demande` or `out_len` NULL, or `out` NULL with
///   `out_cap > 0`;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `demande` as for `rppsplus_demande_numero`; `out` (unless NULL) points to `out_cap`
/// writable bytes and `out_len` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_demande_history_to_json(
    demande: *const rppsplus_demande,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe { write_json(demande, out, out_cap, out_len, |t| serde_json::to_string(t.history())) }
    }
}

/// Writes the demande as JSON, `{"numero", "demande", "history"}` (the content with its
/// etat civil and contact, and the history), which `rppsplus_demande_from_json` loads
/// back.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the JSON and a NUL are in `out`, `*out_len` is its length;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: only `*out_len` is written, the length needed;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `demande` or `out_len` NULL, or `out` NULL with
///   `out_cap > 0`;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// As `rppsplus_demande_history_to_json`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_demande_to_json(
    demande: *const rppsplus_demande,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe { write_json(demande, out, out_cap, out_len, serde_json::to_string) }
    }
}

/// Frees a demande and the texts its views point to. NULL does nothing. Freeing it twice,
/// or using it (or one of its views) afterwards, is undefined behaviour; no other call on it
/// may run at the same time.
///
/// # Safety
///
/// `demande` is NULL or a demande not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_demande_free(demande: *mut rppsplus_demande) {
    ffi_panic_boundary! {
        default = ();
        // SAFETY: the caller's contract.
        unsafe { free_box(demande) }
    }
}
