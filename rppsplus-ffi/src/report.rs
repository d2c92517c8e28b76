//! Demandes (docs/domain.md section 4): validation of JSON into collect-all reports.
//!
//! `rppsplus_validate_json` (one demande) and `rppsplus_validate_json_document` (one
//! demande, an array or JSON Lines) return opaque reports (`rppsplus_report`,
//! `rppsplus_reports`), read with accessors returning `rppsplus_str` views, as the
//! `rppsplus_entries` of the nomenclatures.
//!
//! Everything here converts: the reading of JSON, the rules, the codes, the messages and
//! the defaults are the core's (`rppsplus_core::demande`).

use std::ffi::c_char;
use std::ptr;

use rppsplus_core::demande::{self, Finding, Options, Report, Severity};

use crate::buffer::{input_bytes, rppsplus_str, write_json};
use crate::handle::{Castable, HandleOut, OwnershipBox, free_box, to_const_ptr, try_from};
use crate::names::{CNames, to_value};
use crate::options::{ValidateOptions, rppsplus_validate_options};
use crate::result::{rppsplus_lang, rppsplus_result};

/// How serious a finding is: `typedef uint32_t rppsplus_severity`, with the
/// `RPPSPLUS_SEVERITY_*` constants, whose values are the order of the core's
/// `Severity::ALL` and whose names (`rppsplus_severity_name`) are the core's.
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_severity(pub u32);

/// The demande cannot be sent (`error`).
pub const RPPSPLUS_SEVERITY_ERROR: rppsplus_severity = rppsplus_severity(0);
/// Worth a look; the demande can still be sent (`warning`).
pub const RPPSPLUS_SEVERITY_WARNING: rppsplus_severity = rppsplus_severity(1);
/// No such finding: a NULL report or an index out of range (`unknown`).
pub const RPPSPLUS_SEVERITY_NONE: rppsplus_severity = rppsplus_severity(255);

/// The core's names of the severities, with a NUL.
static SEVERITY_NAMES: CNames<{ Severity::NAMES.len() }> = CNames::new(Severity::NAMES);

/// The report of one demande: whether it is valid and every finding (path, code, severity,
/// messages), in a deterministic order.
///
/// - Owner: a report from `rppsplus_validate_json` belongs to the caller, who frees it once
///   with `rppsplus_report_free` (freeing NULL does nothing); a `Box` handle. A report from
///   `rppsplus_reports_report_at` is borrowed from its list: never free it; it is valid
///   until the list is freed.
/// - Threads: immutable; the accessors (which take a `const rppsplus_report *`) may run on
///   one report from several threads at once; `rppsplus_report_free` needs it exclusively.
/// - The views (`rppsplus_str`) the accessors return borrow from the report: valid until it
///   (or its list) is freed.
pub struct rppsplus_report {
    _private: [u8; 0],
}

impl Castable for rppsplus_report {
    type Ownership = OwnershipBox;
    type RustType = Report;
}

/// The reports of a JSON document (`rppsplus_validate_json_document`), one per demande,
/// each with the index of its demande.
///
/// - Owner: the caller, who frees it once with `rppsplus_reports_free`, which also frees
///   the reports it holds (freeing NULL does nothing); a `Box` handle.
/// - Threads: immutable; the accessors may run from several threads at once; `_free` needs
///   it exclusively.
pub struct rppsplus_reports {
    _private: [u8; 0],
}

impl Castable for rppsplus_reports {
    type Ownership = OwnershipBox;
    type RustType = Vec<(usize, Report)>;
}

/// The bytes and the options of a validation call.
///
/// # Safety
///
/// `json` points to `json_len` readable bytes; `options` is NULL or live options, not
/// modified during the call.
unsafe fn read_json<'a>(
    json: *const c_char,
    json_len: usize,
    options: *const rppsplus_validate_options,
) -> Result<(&'a [u8], Options), rppsplus_result> {
    // SAFETY: forwarded to the caller.
    let bytes = unsafe { input_bytes(json, json_len) }?;
    // NULL options are the defaults.
    // SAFETY: forwarded to the caller.
    let options = unsafe { try_from(options) }.map_or_else(|| ValidateOptions::default().core(), ValidateOptions::core);
    Ok((bytes, options))
}

/// Validates one demande given as JSON text (docs/domain.md section 4) and writes a new report to
/// `*report_out`, which the caller frees with `rppsplus_report_free`.
///
/// The content never makes the call fail: `json` is read as bytes, and text that is not
/// JSON (invalid UTF-8, a syntax error, nesting deeper than 128 levels, an empty input)
/// gives a report with one `invalid_json` finding; wrong types, bad values and unknown
/// fields are findings at their paths, and every rule still runs on the rest
/// (collect-all). A document holding several demandes (an array, JSON Lines) is one wrong
/// value here: use `rppsplus_validate_json_document`.
///
/// `options` may be NULL: the defaults (today in UTC, submit, gestionnaire, strict). The
/// function does not keep it.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*report_out` is a new report, whether the demande is valid or
///   not (see `rppsplus_report_is_valid`);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `json` or `report_out` NULL (even with `json_len`
///   0);
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `json_len` above `PTRDIFF_MAX`;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// On error `*report_out` is unchanged and there is nothing to free.
///
/// # Safety
///
/// `json` points to `json_len` readable bytes; `options` is NULL or an options object not
/// yet freed and not modified during the call; `report_out` points to a writable
/// `rppsplus_report *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_validate_json(
    json: *const c_char,
    json_len: usize,
    options: *const rppsplus_validate_options,
    report_out: *mut *mut rppsplus_report,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let report_out = HandleOut::new(report_out)?;
        // SAFETY: the caller's contract.
        let (bytes, options) = unsafe { read_json(json, json_len, options) }?;
        // SAFETY: `report_out` is writable (the caller's contract).
        unsafe { report_out.set(demande::validate_json(bytes, &options)) };
        Ok(())
    }
}

/// Validates a JSON document of demandes: one demande (an object), an array of demandes,
/// or JSON Lines (one demande per line), and writes a new list of reports to
/// `*reports_out`, which the caller frees with `rppsplus_reports_free`.
///
/// Each report comes with the index of its demande (`rppsplus_reports_index_at`: the
/// position in the array, or the line number - 1 for JSON Lines, blank lines skipped). As
/// for `rppsplus_validate_json`, the content never makes the call fail: a document that is
/// not JSON gives one report with an `invalid_json` finding (per line for JSON Lines), an
/// empty array an empty list. `options` may be NULL (the defaults).
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*reports_out` is a new list;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `json` or `reports_out` NULL (even with `json_len`
///   0);
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `json_len` above `PTRDIFF_MAX`;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// On error `*reports_out` is unchanged and there is nothing to free.
///
/// # Safety
///
/// As `rppsplus_validate_json`; `reports_out` points to a writable `rppsplus_reports *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_validate_json_document(
    json: *const c_char,
    json_len: usize,
    options: *const rppsplus_validate_options,
    reports_out: *mut *mut rppsplus_reports,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let reports_out = HandleOut::new(reports_out)?;
        // SAFETY: the caller's contract.
        let (bytes, options) = unsafe { read_json(json, json_len, options) }?;
        // SAFETY: `reports_out` is writable (the caller's contract).
        unsafe { reports_out.set(demande::validate_json_document(bytes, &options)) };
        Ok(())
    }
}

/// Whether the demande has no error (warnings allowed): the core's `Report::is_valid`;
/// false for NULL.
///
/// # Safety
///
/// `report` is NULL or a report not yet freed (nor its list).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_report_is_valid(report: *const rppsplus_report) -> bool {
    ffi_panic_boundary! {
        default = false;
        try_ref_from_ptr!(report, or false).is_valid()
    }
}

/// The number of findings of a report (errors and warnings); 0 for NULL.
///
/// # Safety
///
/// As `rppsplus_report_is_valid`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_report_len(report: *const rppsplus_report) -> usize {
    ffi_panic_boundary! {
        default = 0;
        try_ref_from_ptr!(report, or 0).findings().len()
    }
}

/// A view of one text of finding `index`, or [`rppsplus_str::NONE`].
///
/// # Safety
///
/// `report` is NULL or a live report; the view must not outlive it.
unsafe fn text(
    report: *const rppsplus_report,
    index: usize,
    field: impl FnOnce(&Finding) -> Option<&str>,
) -> rppsplus_str {
    ffi_panic_boundary! {
        default = rppsplus_str::NONE;
        let report = try_ref_from_ptr!(report, or rppsplus_str::NONE);
        report.findings().get(index).and_then(field).map_or(rppsplus_str::NONE, rppsplus_str::of)
    }
}

/// The stable code of finding `index`, the core's finding code: `required`,
/// `invalid_format`, `invalid_checksum`, `code_deprecated`, `unknown_field`,
/// `invalid_json`... (docs/domain.md section 4.5; the codes the CLI and Python report).
///
/// Like every `rppsplus_report_*_at` text accessor: returns a view (not NUL-terminated)
/// valid until the report is freed; `data` is NULL (and `len` 0) when `report` is NULL or
/// `index >= rppsplus_report_len(report)`, never otherwise.
///
/// # Safety
///
/// As `rppsplus_report_is_valid`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_report_code_at(report: *const rppsplus_report, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(report, index, |f| Some(f.code.as_str())) }
}

/// The path of finding `index`, with the JSON names (`contact.email`,
/// `etat_civil.prenoms[1]`); an empty text for the whole document (`invalid_json`). A path
/// may hold any character of an unknown key of the input (NUL included). As
/// `rppsplus_report_code_at`.
///
/// # Safety
///
/// As `rppsplus_report_is_valid`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_report_path_at(report: *const rppsplus_report, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(report, index, |f| Some(f.path.as_str())) }
}

/// The message of finding `index` in `lang` (`RPPSPLUS_LANG_FR`, the users' language, or
/// `RPPSPLUS_LANG_EN`), UTF-8, the core's. Messages never repeat the values of the etat
/// civil or the contact. As `rppsplus_report_code_at`; `data` is also NULL when `lang` is
/// not an `rppsplus_lang`.
///
/// # Safety
///
/// As `rppsplus_report_is_valid`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_report_message_at(
    report: *const rppsplus_report,
    index: usize,
    lang: rppsplus_lang,
) -> rppsplus_str {
    let lang = lang.checked().ok();
    // SAFETY: the caller's contract.
    unsafe {
        text(report, index, |f| {
            Some(lang?.pick(f.message.as_str(), f.message_en.as_str()))
        })
    }
}

/// The severity of finding `index`: `RPPSPLUS_SEVERITY_ERROR` or
/// `RPPSPLUS_SEVERITY_WARNING`; `RPPSPLUS_SEVERITY_NONE` for a NULL report or an index out
/// of range.
///
/// # Safety
///
/// As `rppsplus_report_is_valid`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_report_severity_at(
    report: *const rppsplus_report,
    index: usize,
) -> rppsplus_severity {
    ffi_panic_boundary! {
        default = RPPSPLUS_SEVERITY_NONE;
        let report = try_ref_from_ptr!(report, or RPPSPLUS_SEVERITY_NONE);
        report
            .findings()
            .get(index)
            .map_or(RPPSPLUS_SEVERITY_NONE, |f| rppsplus_severity(to_value(f.severity)))
    }
}

/// Writes the report as JSON (UTF-8), the form the CLI and Python give:
/// `{"valid":false,"findings":[{"path":"contact.email","code":"required","severity":"error","message":"...","message_en":"..."}]}`.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the JSON and a NUL are in `out`, `*out_len` is its length in
///   bytes;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: only `*out_len` is written, the length needed;
///   retry with `*out_len + 1` bytes;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `report` or `out_len` NULL, or `out` NULL with
///   `out_cap > 0`;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `report` is NULL or a report not yet freed; `out` (unless NULL) points to `out_cap`
/// writable bytes and `out_len` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_report_to_json(
    report: *const rppsplus_report,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe { write_json(report, out, out_cap, out_len, serde_json::to_string) }
    }
}

/// Frees a report from `rppsplus_validate_json`, and the texts its views point to. NULL
/// does nothing. Never pass a report borrowed from a list (`rppsplus_reports_report_at`):
/// free the list instead. Freeing a report twice, or using it (or one of its views)
/// afterwards, is undefined behaviour; no other call on it may run at the same time.
///
/// # Safety
///
/// `report` is NULL or a report from `rppsplus_validate_json` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_report_free(report: *mut rppsplus_report) {
    ffi_panic_boundary! {
        default = ();
        // SAFETY: the caller's contract.
        unsafe { free_box(report) }
    }
}

/// The number of reports of a list (one per demande of the document); 0 for NULL.
///
/// # Safety
///
/// `reports` is NULL or a list from `rppsplus_validate_json_document` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_reports_len(reports: *const rppsplus_reports) -> usize {
    ffi_panic_boundary! {
        default = 0;
        try_ref_from_ptr!(reports, or 0).len()
    }
}

/// The index of the demande of report `index` in the document (0-based: the position in
/// the array, or the line number - 1 for JSON Lines); `SIZE_MAX` for a NULL list or an
/// index out of range.
///
/// # Safety
///
/// As `rppsplus_reports_len`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_reports_index_at(reports: *const rppsplus_reports, index: usize) -> usize {
    ffi_panic_boundary! {
        default = usize::MAX;
        try_ref_from_ptr!(reports, or usize::MAX).get(index).map_or(usize::MAX, |(i, _)| *i)
    }
}

/// Report `index` of the list, borrowed: read it with the `rppsplus_report_*` accessors,
/// never free it; it is valid until the list is freed. NULL for a NULL list or an index
/// out of range.
///
/// # Safety
///
/// As `rppsplus_reports_len`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_reports_report_at(
    reports: *const rppsplus_reports,
    index: usize,
) -> *const rppsplus_report {
    ffi_panic_boundary! {
        default = ptr::null();
        let reports = try_ref_from_ptr!(reports, or ptr::null());
        reports.get(index).map_or(ptr::null(), |(_, report)| to_const_ptr(report))
    }
}

/// Frees a list from `rppsplus_validate_json_document` with its reports (and their views).
/// NULL does nothing. Freeing a list twice, or using it (or a report or view from it)
/// afterwards, is undefined behaviour; no other call on it may run at the same time.
///
/// # Safety
///
/// `reports` is NULL or a list from `rppsplus_validate_json_document` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_reports_free(reports: *mut rppsplus_reports) {
    ffi_panic_boundary! {
        default = ();
        // SAFETY: the caller's contract.
        unsafe { free_box(reports) }
    }
}

/// The name of an `rppsplus_severity` value, the core's (`"error"`, `"warning"`), or
/// `"unknown"` for any other integer (`RPPSPLUS_SEVERITY_NONE` included). Static and
/// NUL-terminated: never free it. Never returns NULL (an empty string if an internal panic
/// was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_severity_name(severity: rppsplus_severity) -> *const c_char {
    ffi_panic_boundary! { default = c"".as_ptr(); SEVERITY_NAMES.of(severity.0) }
}
