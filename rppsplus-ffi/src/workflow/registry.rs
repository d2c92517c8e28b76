//! `rppsplus_registry`: demandes by number and dossiers by RPPS number (the core's
//! `Registry`), in memory or on a journal file, shared between threads.

use std::ffi::c_char;

use rppsplus_core::ids::{NumeroDemande, Rpps};
use rppsplus_core::workflow::journal::Durability;
use rppsplus_core::workflow::{Dossier, Registry};

use super::{ErrorOut, rppsplus_command, rppsplus_demande, rppsplus_durability, rppsplus_workflow_error};
use crate::buffer::{Output, input_bytes, input_str};
use crate::handle::{Castable, HandleOut, OwnershipArc, SharedOut, free_arc};
use crate::names::from_value;
use crate::result::{RPPSPLUS_RESULT_DEMANDE_NOT_FOUND, RPPSPLUS_RESULT_DOSSIER_NOT_FOUND, rppsplus_result};

/// The registry (docs/lifecycle.md, "The registry"): demandes by number, dossiers by RPPS
/// number, at most one pending demande per RPPS number; in memory
/// (`rppsplus_registry_in_memory`) or durable on a journal file (`rppsplus_registry_open`),
/// an append-only JSON Lines log replayed at opening.
///
/// - Owner: the caller of `rppsplus_registry_in_memory` or `rppsplus_registry_open`, who
///   frees it once with `rppsplus_registry_free` (freeing NULL does nothing); an `Arc`
///   handle, always `const`.
/// - Threads: every function takes a `const rppsplus_registry *` and may run on one registry
///   from any number of threads at once: each call holds the registry's lock for its whole
///   check, journal write and commit, so no update is lost and at most one demande per RPPS
///   number is ever pending. Only `rppsplus_registry_free` needs it exclusively (no other
///   call on it may run or start).
/// - A refused call changes nothing: not the registry, not the journal.
/// - A journal is held by one registry at a time (an advisory lock, on Unix: another
///   `rppsplus_registry_open` of it, in this process or another, gives
///   `RPPSPLUS_RESULT_JOURNAL_LOCKED`) until `rppsplus_registry_free`. The journal holds the demandes' content, etat civil and contact included: keep it as the
///   program keeps its own database.
pub struct rppsplus_registry {
    _private: [u8; 0],
}

impl Castable for rppsplus_registry {
    type Ownership = OwnershipArc;
    type RustType = Registry;
}

/// A demande number argument: its identifier error (`2xx`) when it is not one.
///
/// # Safety
///
/// As `input_str`.
unsafe fn input_numero(numero: *const c_char, len: usize) -> Result<NumeroDemande, rppsplus_result> {
    // SAFETY: forwarded to the caller.
    Ok(NumeroDemande::parse(unsafe { input_str(numero, len) }?)?)
}

/// An RPPS number argument: its identifier error (`2xx`) when it is not one.
///
/// # Safety
///
/// As `input_str`.
unsafe fn input_rpps(rpps: *const c_char, len: usize) -> Result<Rpps, rppsplus_result> {
    // SAFETY: forwarded to the caller.
    Ok(Rpps::parse(unsafe { input_str(rpps, len) }?)?)
}

/// Writes a new registry in memory, empty, to `*registry_out`, which the caller frees with
/// `rppsplus_registry_free`.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*registry_out` is a new registry;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `registry_out` NULL;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `registry_out` points to a writable `const rppsplus_registry *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_registry_in_memory(registry_out: *mut *const rppsplus_registry) -> rppsplus_result {
    ffi_panic_boundary! {
        let registry_out = SharedOut::new(registry_out)?;
        // SAFETY: `registry_out` is writable (the caller's contract).
        unsafe { registry_out.set(Registry::in_memory()) };
        Ok(())
    }
}

/// Opens the registry kept in the journal at `path` (UTF-8; created when it does not exist),
/// rebuilt by replaying it, and writes it to `*registry_out`, which the caller frees with
/// `rppsplus_registry_free`. Each event applied afterwards is appended as one line, written
/// and, with `RPPSPLUS_DURABILITY_FSYNC`, `fsync`ed before the call returns; with
/// `RPPSPLUS_DURABILITY_FLUSH`, `rppsplus_registry_sync` makes a batch durable.
///
/// A journal cut by a crash reopens to every complete line: the torn tail is cut off and
/// reported (`rppsplus_registry_torn_tail_line`, `_bytes`). A complete line that does not
/// replay (a journal edited by hand) refuses the journal and leaves the file as it is.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*registry_out` is a new registry;
/// - a `6xx` result, its detail in `*error_out` (unless NULL):
///   `RPPSPLUS_RESULT_JOURNAL_CORRUPT` (the line, `rppsplus_workflow_error_line`, and its
///   cause, `rppsplus_workflow_error_cause`), `RPPSPLUS_RESULT_JOURNAL_LOCKED` (another
///   registry has it open), `RPPSPLUS_RESULT_JOURNAL_IO` (the file could not be opened, read
///   or cut: the operating system's message);
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `durability` is not an `rppsplus_durability`, or a
///   length above `PTRDIFF_MAX`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `path` or `registry_out` NULL;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`: `path` is not UTF-8;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// On error `*registry_out` is unchanged and there is nothing to free (but the
/// `*error_out` of a `6xx` result).
///
/// # Safety
///
/// `path` points to `path_len` readable bytes; `registry_out` points to a writable `const
/// rppsplus_registry *`; `error_out` is NULL or points to a writable
/// `rppsplus_workflow_error *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_registry_open(
    path: *const c_char,
    path_len: usize,
    durability: rppsplus_durability,
    registry_out: *mut *const rppsplus_registry,
    error_out: *mut *mut rppsplus_workflow_error,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let registry_out = SharedOut::new(registry_out)?;
        // SAFETY: the caller's contract.
        let error_out = unsafe { ErrorOut::new(error_out) };
        // SAFETY: the caller's contract.
        let path = unsafe { input_str(path, path_len) }?;
        let durability: Durability = from_value(durability.0)?;
        let registry = Registry::open_with(path, durability).map_err(|e| error_out.fail(e))?;
        // SAFETY: `registry_out` is writable (the caller's contract).
        unsafe { registry_out.set(registry) };
        Ok(())
    }
}

/// The line (from 1) the torn tail cut off at opening would have been; 0 when the journal
/// had none, for a registry in memory and for NULL.
///
/// # Safety
///
/// `registry` is NULL or a registry not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_registry_torn_tail_line(registry: *const rppsplus_registry) -> usize {
    ffi_panic_boundary! {
        default = 0;
        try_ref_from_ptr!(registry, or 0).torn_tail().map_or(0, |t| t.line)
    }
}

/// How many bytes the torn tail cut off at opening had; 0 when the journal had none, for a
/// registry in memory and for NULL.
///
/// # Safety
///
/// As `rppsplus_registry_torn_tail_line`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_registry_torn_tail_bytes(registry: *const rppsplus_registry) -> usize {
    ffi_panic_boundary! {
        default = 0;
        try_ref_from_ptr!(registry, or 0).torn_tail().map_or(0, |t| t.bytes)
    }
}

/// Creates a demande by `command` (`creer` or `envoyer`, carrying the content) and writes
/// its number (`P` + the creation time in UTC, 15 bytes; unique in the registry: a second
/// taken gives the next free one) to `out`. Beyond the table's guards, a demande for a
/// registered person (any procedure but the primo enregistrement) needs an RPPS number with
/// a dossier here and no other pending demande.
///
/// `out` is checked first: with `out_cap` below 16 the result is
/// `RPPSPLUS_RESULT_INSUFFICIENT_SIZE` (`*out_len` = 15) and nothing is created.
///
/// Results (on error the registry and its journal are exactly as before):
/// - `RPPSPLUS_RESULT_OK`: the number and a NUL are in `out`, `*out_len` is 15;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: only `*out_len` is written, 15;
/// - a `6xx` result, its detail in `*error_out` (unless NULL):
///   `RPPSPLUS_RESULT_TRANSITION_REFUSED`, `RPPSPLUS_RESULT_GUARD_FAILED`,
///   `RPPSPLUS_RESULT_PENDING_DEMANDE` (the pending one: `rppsplus_workflow_error_numero`),
///   `RPPSPLUS_RESULT_DOSSIER_NOT_FOUND`, `RPPSPLUS_RESULT_DEMANDE_REQUIRED`,
///   `RPPSPLUS_RESULT_UNEXPECTED_ARGUMENT`, `RPPSPLUS_RESULT_INVALID_RPPS`,
///   `RPPSPLUS_RESULT_INVALID_JSON`, `RPPSPLUS_RESULT_INVALID_TIMESTAMP`,
///   `RPPSPLUS_RESULT_JOURNAL_IO` (the line could not be written: the file is cut back);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `registry`, `command` or `out_len` NULL, or `out` NULL
///   with `out_cap > 0`;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `registry` is NULL or a registry not yet freed; `command` is NULL or a command not yet
/// freed, not modified during the call; `out` (unless NULL) points to `out_cap` writable
/// bytes and `out_len` to a writable `size_t`; `error_out` is NULL or points to a writable
/// `rppsplus_workflow_error *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_registry_create(
    registry: *const rppsplus_registry,
    command: *const rppsplus_command,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    error_out: *mut *mut rppsplus_workflow_error,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        let output = unsafe { Output::new(out, out_cap, out_len) }?;
        let registry = try_ref_from_ptr!(registry);
        let spec = try_ref_from_ptr!(command);
        // SAFETY: the caller's contract.
        let error_out = unsafe { ErrorOut::new(error_out) };
        output.reserve(NumeroDemande::LEN)?;
        let created = spec.command().and_then(|(command, at)| match at {
            Some(at) => registry.create_at(command, at),
            None => registry.create(command),
        });
        output.write(created.map_err(|e| error_out.fail(e))?.as_str())
    }
}

/// Applies `command` to demande `numero` (`numero_len` bytes, UTF-8): one row of the
/// transition table, its guards checked before anything changes, at the command's time or
/// the system clock's (never before the demande's previous event). `accepter` also creates
/// or updates the person's dossier, or is refused when the dossier cannot take the demande.
///
/// Results (on error the registry and its journal are exactly as before):
/// - `RPPSPLUS_RESULT_OK`;
/// - a `6xx` result, its detail in `*error_out` (unless NULL): those of
///   `rppsplus_demande_apply`, and `RPPSPLUS_RESULT_DEMANDE_NOT_FOUND`,
///   `RPPSPLUS_RESULT_DOSSIER_NOT_FOUND`, `RPPSPLUS_RESULT_DOSSIER_EXISTS`,
///   `RPPSPLUS_RESULT_DOSSIER_INCONSISTENT`, `RPPSPLUS_RESULT_SITUATION_NOT_FOUND`,
///   `RPPSPLUS_RESULT_SITUATION_CLOSED`, `RPPSPLUS_RESULT_JOURNAL_IO`;
/// - a `2xx` result: `numero` is not a demande number (`RPPSPLUS_RESULT_INVALID_FORMAT`,
///   `RPPSPLUS_RESULT_INVALID_LENGTH`, `RPPSPLUS_RESULT_INVALID_COMPONENT`, as
///   `rppsplus_numero_validate` says);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `registry`, `numero` or `command` NULL;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `registry` and `command` as for `rppsplus_registry_create`; `numero` points to
/// `numero_len` readable bytes; `error_out` is NULL or points to a writable
/// `rppsplus_workflow_error *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_registry_apply(
    registry: *const rppsplus_registry,
    numero: *const c_char,
    numero_len: usize,
    command: *const rppsplus_command,
    error_out: *mut *mut rppsplus_workflow_error,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let registry = try_ref_from_ptr!(registry);
        let spec = try_ref_from_ptr!(command);
        // SAFETY: the caller's contract.
        let error_out = unsafe { ErrorOut::new(error_out) };
        // SAFETY: the caller's contract.
        let numero = unsafe { input_numero(numero, numero_len) }?;
        let applied = spec.command().and_then(|(command, at)| match at {
            Some(at) => registry.apply_at(numero, command, at),
            None => registry.apply(numero, command),
        });
        applied.map(drop).map_err(|e| error_out.fail(e))
    }
}

/// Imports the dossier of a person registered before the registry existed, from its JSON
/// (`{"rpps", "etat_civil", "contact", "nom_exercice", "prenom_exercice", "situations"}`,
/// docs/lifecycle.md), so that demandes may concern them.
///
/// Results (on error the registry and its journal are exactly as before):
/// - `RPPSPLUS_RESULT_OK`;
/// - a `6xx` result, its detail in `*error_out` (unless NULL): `RPPSPLUS_RESULT_INVALID_JSON`
///   (not a dossier's JSON: a missing situation list, a bad RPPS number...),
///   `RPPSPLUS_RESULT_DOSSIER_INCONSISTENT`, `RPPSPLUS_RESULT_DOSSIER_EXISTS`,
///   `RPPSPLUS_RESULT_JOURNAL_IO`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `registry` or `json` NULL (even with `json_len` 0);
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `json_len` above `PTRDIFF_MAX`;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `registry` is NULL or a registry not yet freed; `json` points to `json_len` readable
/// bytes; `error_out` is NULL or points to a writable `rppsplus_workflow_error *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_registry_import_dossier(
    registry: *const rppsplus_registry,
    json: *const c_char,
    json_len: usize,
    error_out: *mut *mut rppsplus_workflow_error,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let registry = try_ref_from_ptr!(registry);
        // SAFETY: the caller's contract.
        let error_out = unsafe { ErrorOut::new(error_out) };
        // SAFETY: the caller's contract.
        let bytes = unsafe { input_bytes(json, json_len) }?;
        let imported = Dossier::from_json(bytes).and_then(|dossier| registry.import_dossier(dossier));
        imported.map_err(|e| error_out.fail(e))
    }
}

/// `fsync`s the journal: with `RPPSPLUS_DURABILITY_FLUSH`, the events applied so far are on
/// disk once this returns (a batch: several events, one sync, then acknowledge them).
/// Nothing to do in memory or with `RPPSPLUS_DURABILITY_FSYNC`, whose appends are synced
/// already.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`;
/// - `RPPSPLUS_RESULT_JOURNAL_IO`, its detail in `*error_out` (unless NULL);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `registry` NULL;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `registry` is NULL or a registry not yet freed; `error_out` is NULL or points to a
/// writable `rppsplus_workflow_error *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_registry_sync(
    registry: *const rppsplus_registry,
    error_out: *mut *mut rppsplus_workflow_error,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let registry = try_ref_from_ptr!(registry);
        // SAFETY: the caller's contract.
        let error_out = unsafe { ErrorOut::new(error_out) };
        registry.sync().map_err(|e| error_out.fail(e))
    }
}

/// Writes a copy of demande `numero` (`numero_len` bytes, UTF-8) as it is now to
/// `*demande_out`, which the caller frees with `rppsplus_demande_free`: read its statut,
/// history and JSON with the `rppsplus_demande_*` accessors. The copy does not follow the
/// registry (apply events with `rppsplus_registry_apply`).
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*demande_out` is a new demande;
/// - `RPPSPLUS_RESULT_DEMANDE_NOT_FOUND`: no demande has this number;
/// - a `2xx` result: `numero` is not a demande number (as `rppsplus_numero_validate` says:
///   `RPPSPLUS_RESULT_INVALID_FORMAT`, `RPPSPLUS_RESULT_INVALID_LENGTH`,
///   `RPPSPLUS_RESULT_INVALID_COMPONENT`);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `registry`, `numero` or `demande_out` NULL;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `registry` is NULL or a registry not yet freed; `numero` points to `numero_len` readable
/// bytes; `demande_out` points to a writable `rppsplus_demande *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_registry_demande(
    registry: *const rppsplus_registry,
    numero: *const c_char,
    numero_len: usize,
    demande_out: *mut *mut rppsplus_demande,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let demande_out = HandleOut::new(demande_out)?;
        let registry = try_ref_from_ptr!(registry);
        // SAFETY: the caller's contract.
        let numero = unsafe { input_numero(numero, numero_len) }?;
        let tracked = registry.demande(numero).ok_or(RPPSPLUS_RESULT_DEMANDE_NOT_FOUND)?;
        // SAFETY: `demande_out` is writable (the caller's contract).
        unsafe { demande_out.set(tracked) };
        Ok(())
    }
}

/// The dossier of `rpps`, written by `json`, to `output`.
///
/// # Safety
///
/// The contracts of `rppsplus_registry_dossier_to_json`.
unsafe fn write_dossier(
    registry: *const rppsplus_registry,
    rpps: *const c_char,
    rpps_len: usize,
    output: (*mut c_char, usize, *mut usize),
    json: impl FnOnce(&Dossier) -> serde_json::Result<String>,
) -> Result<(), rppsplus_result> {
    // SAFETY: forwarded to the caller.
    let output = unsafe { Output::new(output.0, output.1, output.2) }?;
    let registry = try_ref_from_ptr!(registry);
    // SAFETY: forwarded to the caller.
    let rpps = unsafe { input_rpps(rpps, rpps_len) }?;
    let dossier = registry.dossier(rpps).ok_or(RPPSPLUS_RESULT_DOSSIER_NOT_FOUND)?;
    // A dossier always serializes (the core's type): an error here is a bug, caught by the
    // panic boundary.
    output.write(&json(&dossier).expect("a dossier serializes to JSON"))
}

/// Writes the dossier of the person with RPPS number `rpps` (`rpps_len` bytes, UTF-8) as
/// JSON: `{"rpps", "etat_civil", "contact", "nom_exercice", "prenom_exercice",
/// "situations": [{"id", "structure", "profession", "role", "mode_exercice",
/// "date_prise_fonction", "date_fin_fonction", "motif_fin"}]}`. It holds the etat civil and
/// the contact (confidential: `rppsplus_registry_public_dossier_to_json` leaves them out).
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the JSON and a NUL are in `out`, `*out_len` is its length;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: only `*out_len` is written, the length needed;
/// - `RPPSPLUS_RESULT_DOSSIER_NOT_FOUND`: the person is not registered here;
/// - a `2xx` result: `rpps` is not an RPPS number (as `rppsplus_rpps_validate` says:
///   `RPPSPLUS_RESULT_INVALID_FORMAT`, `RPPSPLUS_RESULT_INVALID_LENGTH`,
///   `RPPSPLUS_RESULT_INVALID_CHECKSUM`, `RPPSPLUS_RESULT_INVALID_COMPONENT`);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `registry`, `rpps` or `out_len` NULL, or `out` NULL
///   with `out_cap > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `registry` is NULL or a registry not yet freed; `rpps` points to `rpps_len` readable
/// bytes; `out` (unless NULL) points to `out_cap` writable bytes and `out_len` to a
/// writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_registry_dossier_to_json(
    registry: *const rppsplus_registry,
    rpps: *const c_char,
    rpps_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe { write_dossier(registry, rpps, rpps_len, (out, out_cap, out_len), serde_json::to_string) }
    }
}

/// Writes the public view of the dossier of `rpps` as JSON (docs/domain.md section 7: what
/// the Annuaire Sante publishes, as `rppsplus workflow run` prints it): `{"rpps",
/// "nom_exercice", "prenom_exercice", "situations"}`, no etat civil, no contact.
///
/// Results: as `rppsplus_registry_dossier_to_json`:
/// - `RPPSPLUS_RESULT_OK`; `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`;
///   `RPPSPLUS_RESULT_DOSSIER_NOT_FOUND`; a `2xx` result for an `rpps` that is not an RPPS
///   number; `RPPSPLUS_RESULT_NULL_PARAMETER`; `RPPSPLUS_RESULT_INVALID_UTF8`;
///   `RPPSPLUS_RESULT_INVALID_PARAMETER`; `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// As `rppsplus_registry_dossier_to_json`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_registry_public_dossier_to_json(
    registry: *const rppsplus_registry,
    rpps: *const c_char,
    rpps_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe {
            write_dossier(registry, rpps, rpps_len, (out, out_cap, out_len), |d| {
                serde_json::to_string(&d.public_view())
            })
        }
    }
}

/// Writes the number of the pending (non-terminal) demande of `rpps` (`rpps_len` bytes,
/// UTF-8), or an empty text when it has none.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the number (15 bytes, or none) and a NUL are in `out`,
///   `*out_len` is its length;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: only `*out_len` is written, the length needed;
/// - a `2xx` result: `rpps` is not an RPPS number (as `rppsplus_rpps_validate` says:
///   `RPPSPLUS_RESULT_INVALID_FORMAT`, `RPPSPLUS_RESULT_INVALID_LENGTH`,
///   `RPPSPLUS_RESULT_INVALID_CHECKSUM`, `RPPSPLUS_RESULT_INVALID_COMPONENT`);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `registry`, `rpps` or `out_len` NULL, or `out` NULL
///   with `out_cap > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// As `rppsplus_registry_dossier_to_json`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_registry_pending(
    registry: *const rppsplus_registry,
    rpps: *const c_char,
    rpps_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        let output = unsafe { Output::new(out, out_cap, out_len) }?;
        let registry = try_ref_from_ptr!(registry);
        // SAFETY: the caller's contract.
        let rpps = unsafe { input_rpps(rpps, rpps_len) }?;
        output.write(registry.pending(rpps).as_ref().map_or("", NumeroDemande::as_str))
    }
}

/// Frees the registry (and closes its journal, whose lines are all written already). NULL
/// does nothing. Freeing it twice, or using it afterwards, is undefined behaviour; no other
/// call on it may run at the same time: stop the threads that use it first.
///
/// # Safety
///
/// `registry` is NULL or a registry not yet freed, used by no other thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_registry_free(registry: *const rppsplus_registry) {
    ffi_panic_boundary! {
        default = ();
        // SAFETY: the caller's contract.
        unsafe { free_arc(registry) }
    }
}
