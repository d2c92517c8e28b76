//! The metadata of a table or value set, and which version of it was in force at a date
//! (`rppsplus_meta`): what a form records about the list it showed (docs/domain.md §3).
//!
//! One handle carries the core's `Meta` (name, short name, OID, URL, embedded version and
//! its date, description) and its `VersionAt` for the date asked: a form reads both
//! together, both name the same table or value set, and one `_free` releases them.

use std::ffi::c_char;

use rppsplus_core::date;
use rppsplus_core::nomenclature::{self, Meta, VersionAt};

use crate::buffer::{input_date, input_str, rppsplus_str};
use crate::handle::{Castable, HandleOut, OwnershipBox, free_box};
use crate::result::{RPPSPLUS_RESULT_NULL_PARAMETER, rppsplus_result};

/// The metadata of a table or value set and the version of it in force at a date, made by
/// `rppsplus_nomenclature_meta`.
///
/// - Owner: the caller of `rppsplus_nomenclature_meta`, who frees it once with
///   `rppsplus_meta_free` (freeing NULL does nothing). A `Box` handle.
/// - Threads: the accessors take a `const rppsplus_meta *` and never modify it: they may be
///   called from several threads at once. `rppsplus_meta_free` needs it exclusively.
/// - The views (`rppsplus_str`) the accessors return are valid until it is freed.
pub struct rppsplus_meta {
    _private: [u8; 0],
}

impl Castable for rppsplus_meta {
    type Ownership = OwnershipBox;
    type RustType = MetaAt;
}

/// What an `rppsplus_meta` pointer points to: the core's values, with their dates formatted
/// once so that their views live as long as the handle.
pub(crate) struct MetaAt {
    meta: &'static Meta,
    /// `YYYY-MM-DD`.
    version_date: String,
    in_force: VersionAt,
    /// `YYYY-MM-DD`.
    in_force_date: String,
}

impl MetaAt {
    fn new(meta: &'static Meta, in_force: VersionAt) -> Self {
        Self {
            meta,
            version_date: meta.version_date().to_string(),
            in_force,
            in_force_date: in_force.date.to_string(),
        }
    }
}

/// Reads the metadata of the table or value set `name`, and which version of it was in
/// force on `date` (the core's `nomenclature::field(name)`, its `meta()` and
/// `version_at(date)`). On success `*meta_out` receives a new handle that the caller frees
/// with `rppsplus_meta_free`.
///
/// `name` is as for `rppsplus_nomenclature_label`: a portal field alias gives the value set
/// the portal offers for it (`profession`: JDV_J121-RolePriseCharge-ENREG), or its table when
/// the portal offers the whole table (`sexe`: TRE_R249-Sexe); a NOS name or code gives that
/// value set or table. `commune` is not a table (`RPPSPLUS_RESULT_UNKNOWN_TABLE`). `date` is
/// as for `rppsplus_nomenclature_check` (NULL with `date_len == 0` = today in UTC). Record
/// the name and the version in force beside a list from `rppsplus_nomenclature_list` at the
/// same date to say which version a form used.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*meta_out` is a new handle;
/// - `RPPSPLUS_RESULT_UNKNOWN_TABLE`: `name` names no table or value set;
/// - `RPPSPLUS_RESULT_INVALID_DATE`: `date` is not a `YYYY-MM-DD` date;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `name` or `meta_out` NULL, or `date` NULL with
///   `date_len > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// On any error `*meta_out` is left unchanged and nothing needs freeing.
///
/// # Safety
///
/// `name` and `date` (when not NULL) point to `name_len` and `date_len` readable bytes;
/// `meta_out` to a writable `rppsplus_meta *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_nomenclature_meta(
    name: *const c_char,
    name_len: usize,
    date: *const c_char,
    date_len: usize,
    meta_out: *mut *mut rppsplus_meta,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // Every pointer before any text: a NULL is reported whatever the texts hold.
        let meta_out = HandleOut::new(meta_out)?;
        if name.is_null() {
            return Err(RPPSPLUS_RESULT_NULL_PARAMETER);
        }
        // SAFETY: the caller's contract.
        let at = unsafe { input_date(date, date_len) }?.unwrap_or_else(date::today);
        // SAFETY: the caller's contract.
        let field = nomenclature::field(unsafe { input_str(name, name_len) }?)?;
        // SAFETY: `meta_out` is writable (the caller's contract).
        unsafe { meta_out.set(MetaAt::new(field.meta(), field.version_at(at))) };
        Ok(())
    }
}

/// A view of one text of the handle, or [`rppsplus_str::NONE`] for NULL.
///
/// # Safety
///
/// `meta` is NULL or a live handle; the view must not outlive it.
unsafe fn text(meta: *const rppsplus_meta, field: impl FnOnce(&MetaAt) -> &str) -> rppsplus_str {
    ffi_panic_boundary! {
        default = rppsplus_str::NONE;
        rppsplus_str::of(field(try_ref_from_ptr!(meta, or rppsplus_str::NONE)))
    }
}

/// The NOS name of the table or value set (`JDV_J121-RolePriseCharge-ENREG`).
///
/// Like every `rppsplus_meta_*` text accessor: returns a view valid until the handle is
/// freed; `data` is NULL (and `len` 0) when `meta` is NULL, never otherwise.
///
/// # Safety
///
/// `meta` is NULL or a handle from `rppsplus_nomenclature_meta` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_meta_name(meta: *const rppsplus_meta) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(meta, |m| m.meta.name()) }
}

/// The NOS code, the name up to its first `-` (`JDV_J121`, `TRE_R85`). As
/// `rppsplus_meta_name`.
///
/// # Safety
///
/// As `rppsplus_meta_name`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_meta_short_name(meta: *const rppsplus_meta) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(meta, |m| m.meta.short_name()) }
}

/// The OID (`1.2.250.1.213.1.6.1.200`). As `rppsplus_meta_name`.
///
/// # Safety
///
/// As `rppsplus_meta_name`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_meta_oid(meta: *const rppsplus_meta) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(meta, |m| m.meta.oid()) }
}

/// The canonical URL. As `rppsplus_meta_name`.
///
/// # Safety
///
/// As `rppsplus_meta_name`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_meta_url(meta: *const rppsplus_meta) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(meta, |m| m.meta.url()) }
}

/// The embedded version, the latest known (`yyyymmddhhmmss`, `20260505120000`); the version
/// in force at the handle's date is `rppsplus_meta_version_in_force`. As
/// `rppsplus_meta_name`.
///
/// # Safety
///
/// As `rppsplus_meta_name`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_meta_version(meta: *const rppsplus_meta) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(meta, |m| m.meta.version()) }
}

/// The date of the embedded version, `YYYY-MM-DD` (`2026-05-05`). As `rppsplus_meta_name`.
///
/// # Safety
///
/// As `rppsplus_meta_name`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_meta_version_date(meta: *const rppsplus_meta) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(meta, |m| &m.version_date) }
}

/// What the table or value set holds (UTF-8). As `rppsplus_meta_name`.
///
/// # Safety
///
/// As `rppsplus_meta_name`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_meta_description(meta: *const rppsplus_meta) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(meta, |m| m.meta.description()) }
}

/// The version in force at the date given to `rppsplus_nomenclature_meta`: for a value set,
/// its latest version dated on or before that date (JDV_J121 on 2025-04-24:
/// `20241025120000`); for a table, the embedded version (only one is embedded). As
/// `rppsplus_meta_name`.
///
/// # Safety
///
/// As `rppsplus_meta_name`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_meta_version_in_force(meta: *const rppsplus_meta) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(meta, |m| m.in_force.version) }
}

/// The date from which the version in force was in force, `YYYY-MM-DD`. As
/// `rppsplus_meta_name`.
///
/// # Safety
///
/// As `rppsplus_meta_name`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_meta_version_in_force_date(meta: *const rppsplus_meta) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(meta, |m| &m.in_force_date) }
}

/// Whether the date given to `rppsplus_nomenclature_meta` is before every version known, so
/// that the earliest known version stands in for the one then in force, which the sources
/// do not give (JDV_J117 on 2020-01-01; any table before its embedded version's date). False
/// for NULL.
///
/// # Safety
///
/// As `rppsplus_meta_name`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_meta_is_earliest_stand_in(meta: *const rppsplus_meta) -> bool {
    ffi_panic_boundary! {
        default = false;
        try_ref_from_ptr!(meta, or false).in_force.earliest_stands_in
    }
}

/// Frees a handle from `rppsplus_nomenclature_meta`. NULL does nothing. Freeing it twice, or
/// using it (or one of its views) afterwards, is undefined behaviour; no other call on it
/// may run at the same time.
///
/// # Safety
///
/// `meta` is NULL or a handle from `rppsplus_nomenclature_meta` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_meta_free(meta: *mut rppsplus_meta) {
    ffi_panic_boundary! {
        default = ();
        // SAFETY: the caller's contract.
        unsafe { free_box(meta) }
    }
}
