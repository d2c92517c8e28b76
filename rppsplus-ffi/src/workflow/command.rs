//! `rppsplus_command`: what an actor asks of a demande (the core's `Command`), built by C
//! with setters, as `rppsplus_validate_options` is.

use std::ffi::c_char;

use rppsplus_core::demande::Actor;
use rppsplus_core::workflow::{Command, Event, WorkflowError, parse_timestamp};

use super::{At, rppsplus_event};
use crate::buffer::{input_bytes, input_str};
use crate::handle::{Castable, HandleOut, OwnershipBox, free_box};
use crate::names::from_value;
use crate::options::rppsplus_actor;
use crate::result::rppsplus_result;

/// An event sent by an actor, with what it carries: a motif, the RPPS number `accepter`
/// assigns to a primo enregistrement, the demande's content (`creer`, `envoyer`,
/// `modifier`) and the time of the event.
///
/// - Owner: the caller of `rppsplus_command_new`, who frees it once with
///   `rppsplus_command_free` (freeing NULL does nothing); a `Box` handle.
/// - The setters keep what they are given as it is; the core reads it when the command is
///   used (`rppsplus_demande_create`, `rppsplus_demande_apply`, `rppsplus_registry_create`,
///   `rppsplus_registry_apply`), which refuse a bad RPPS number (`INVALID_RPPS`), a content
///   that is not a demande's JSON (`INVALID_JSON`) or a time that is not RFC 3339
///   (`INVALID_TIMESTAMP`) with the detail in their `rppsplus_workflow_error`.
/// - Threads: the setters take a non-`const` pointer and need the command exclusively; the
///   functions that use it take a `const rppsplus_command *` and only read it: one command
///   may be used several times, from several threads at once, while no setter or `_free`
///   runs. They do not keep it.
pub struct rppsplus_command {
    _private: [u8; 0],
}

impl Castable for rppsplus_command {
    type Ownership = OwnershipBox;
    type RustType = CommandSpec;
}

/// What an `rppsplus_command` points to: the event and actor, and the texts the setters
/// were given. No `Debug`: the demande's JSON holds an état civil and a contact.
pub(crate) struct CommandSpec {
    event: Event,
    actor: Actor,
    motif: Option<String>,
    rpps: Option<String>,
    demande: Option<Vec<u8>>,
    at: Option<String>,
}

impl CommandSpec {
    /// The core's command and its time (`None`: the system clock's), or why the core
    /// refuses what was set.
    pub(crate) fn command(&self) -> Result<(Command, At), WorkflowError> {
        let mut command = Command::parse(
            self.event.as_str(),
            self.actor.as_str(),
            self.motif.as_deref(),
            self.rpps.as_deref(),
        )?;
        if let Some(json) = &self.demande {
            command = command.with_demande_json(json)?;
        }
        let at = self.at.as_deref().map(parse_timestamp).transpose()?;
        Ok((command, at))
    }
}

/// A text argument that may be absent: NULL with a length of 0 is `None`.
///
/// # Safety
///
/// As `input_str`.
unsafe fn optional_text(text: *const c_char, len: usize) -> Result<Option<String>, rppsplus_result> {
    if text.is_null() && len == 0 {
        return Ok(None);
    }
    // SAFETY: forwarded to the caller.
    unsafe { input_str(text, len) }.map(|t| Some(t.to_owned()))
}

/// Writes a new command to `*command_out`: `event` sent by `actor`, with nothing more (no
/// motif, no RPPS number, no content, the system clock's time), which the caller frees
/// with `rppsplus_command_free`.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*command_out` is a new command;
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `event` is not an `rppsplus_event` or `actor` not an
///   `rppsplus_actor`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `command_out` NULL;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// On error `*command_out` is unchanged and there is nothing to free.
///
/// # Safety
///
/// `command_out` points to a writable `rppsplus_command *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_command_new(
    event: rppsplus_event,
    actor: rppsplus_actor,
    command_out: *mut *mut rppsplus_command,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let command_out = HandleOut::new(command_out)?;
        let spec = CommandSpec {
            event: from_value(event.0)?,
            actor: from_value(actor.0)?,
            motif: None,
            rpps: None,
            demande: None,
            at: None,
        };
        // SAFETY: `command_out` is writable (the caller's contract).
        unsafe { command_out.set(spec) };
        Ok(())
    }
}

/// Sets the motif (UTF-8; required by `refuser`, `refuser_rpps` and `rejeter`, recorded
/// with any event); NULL with 0 removes it. A motif may hold anything; it is recorded in
/// the history as given.
///
/// Results (on error the command is unchanged):
/// - `RPPSPLUS_RESULT_OK`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `command` NULL, or `motif` NULL with `motif_len > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `command` is NULL or a command not yet freed, used by no other thread during the call;
/// `motif` (when not NULL) points to `motif_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_command_set_motif(
    command: *mut rppsplus_command,
    motif: *const c_char,
    motif_len: usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let spec = try_mut_from_ptr!(command);
        // SAFETY: the caller's contract.
        spec.motif = unsafe { optional_text(motif, motif_len) }?;
        Ok(())
    }
}

/// Sets the RPPS number the RPPS assigns (`accepter` of a primo enregistrement; UTF-8, as
/// `rppsplus_rpps_validate` reads it, separators allowed); NULL with 0 removes it. It is
/// checked when the command is used: a wrong key gives `RPPSPLUS_RESULT_INVALID_RPPS`.
///
/// Results (on error the command is unchanged):
/// - `RPPSPLUS_RESULT_OK`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `command` NULL, or `rpps` NULL with `rpps_len > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// As `rppsplus_command_set_motif`, for `rpps`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_command_set_rpps(
    command: *mut rppsplus_command,
    rpps: *const c_char,
    rpps_len: usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let spec = try_mut_from_ptr!(command);
        // SAFETY: the caller's contract.
        spec.rpps = unsafe { optional_text(rpps, rpps_len) }?;
        Ok(())
    }
}

/// Sets the demande's content, its JSON (docs/domain.md section 4): what `creer` and
/// `envoyer` create and what `modifier` puts in place of the demande's. The bytes are
/// copied; NULL with 0 removes the content. They are read when the command is used: text
/// that is not a demande's JSON gives `RPPSPLUS_RESULT_INVALID_JSON` (the position only;
/// the content is never repeated).
///
/// Results (on error the command is unchanged):
/// - `RPPSPLUS_RESULT_OK`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `command` NULL, or `json` NULL with `json_len > 0`;
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: a length above `PTRDIFF_MAX`;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// As `rppsplus_command_set_motif`, for `json`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_command_set_demande(
    command: *mut rppsplus_command,
    json: *const c_char,
    json_len: usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let spec = try_mut_from_ptr!(command);
        spec.demande = if json.is_null() && json_len == 0 {
            None
        } else {
            // SAFETY: the caller's contract.
            Some(unsafe { input_bytes(json, json_len) }?.to_vec())
        };
        Ok(())
    }
}

/// Sets the time of the event, RFC 3339 (`2026-11-23T09:30:00Z`,
/// `2026-11-23T10:30:00+01:00`; kept in UTC); NULL with 0 is the system clock's time (the
/// default). An explicit time before the demande's previous event gives
/// `RPPSPLUS_RESULT_TIME_BACKWARDS`, a text that is not RFC 3339
/// `RPPSPLUS_RESULT_INVALID_TIMESTAMP`, when the command is used; the clock's time is never
/// before the previous event's. A demande created at a given time is numbered after it (`P`
/// + the UTC time to the second).
///
/// Results (on error the command is unchanged):
/// - `RPPSPLUS_RESULT_OK`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `command` NULL, or `at` NULL with `at_len > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// As `rppsplus_command_set_motif`, for `at`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_command_set_at(
    command: *mut rppsplus_command,
    at: *const c_char,
    at_len: usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let spec = try_mut_from_ptr!(command);
        // SAFETY: the caller's contract.
        spec.at = unsafe { optional_text(at, at_len) }?;
        Ok(())
    }
}

/// Frees a command. NULL does nothing. Freeing it twice, or using it afterwards, is
/// undefined behaviour; no other call on it may run at the same time.
///
/// # Safety
///
/// `command` is NULL or a command from `rppsplus_command_new` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_command_free(command: *mut rppsplus_command) {
    ffi_panic_boundary! {
        default = ();
        // SAFETY: the caller's contract.
        unsafe { free_box(command) }
    }
}
