//! Demandes (SPEC.md section 4): validation of JSON into collect-all reports.
//!
//! - `rppsplus_validate_options`: an opaque, mutable builder of the validation options
//!   (reference date, stage, actor, mode); NULL means the defaults.
//! - `rppsplus_validate_json` (one demande) and `rppsplus_validate_json_document` (one
//!   demande, an array or JSON Lines) return opaque reports (`rppsplus_report`,
//!   `rppsplus_reports`), read with accessors returning `rppsplus_str` views, as the
//!   `rppsplus_entries` of the nomenclatures.
//!
//! Everything here converts: the reading of JSON, the rules, the codes, the messages and
//! the defaults are the core's (`rppsplus_core::demande`).

use std::ffi::c_char;
use std::ptr;

use chrono::NaiveDate;
use rppsplus_core::demande::{self, Actor, Finding, Options, Report, Severity, Stage};
use rppsplus_core::ids::Mode;

use crate::buffer::{Output, input_bytes, input_str};
use crate::ids::{rppsplus_lang, rppsplus_mode};
use crate::nomenclature::{parse_date, rppsplus_str};
use crate::result::rppsplus_result;

/// When a demande is validated (passed as `uint32_t` to
/// `rppsplus_validate_options_set_stage`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum rppsplus_stage {
    /// Saving a draft: the confirmations are not required yet.
    Draft = 0,
    /// Sending the demande: the confirmations are required (the default).
    Submit = 1,
}

impl rppsplus_stage {
    fn core(stage: u32) -> Result<Stage, rppsplus_result> {
        match stage {
            0 => Ok(Stage::Draft),
            1 => Ok(Stage::Submit),
            _ => Err(rppsplus_result::InvalidParameter),
        }
    }
}

/// Who sends the demande (passed as `uint32_t` to `rppsplus_validate_options_set_actor`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum rppsplus_actor {
    /// The gestionnaire RPPS+ of the registration authority (CPx card; the default).
    Gestionnaire = 0,
    /// The professional (FranceConnect, e-CPS).
    Professionnel = 1,
}

impl rppsplus_actor {
    fn core(actor: u32) -> Result<Actor, rppsplus_result> {
        match actor {
            0 => Ok(Actor::Gestionnaire),
            1 => Ok(Actor::Professionnel),
            _ => Err(rppsplus_result::InvalidParameter),
        }
    }
}

/// How serious a finding is, returned by `rppsplus_report_severity_at` (as `uint32_t`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum rppsplus_severity {
    /// No such finding: NULL report or index out of range.
    None = 0,
    /// The demande cannot be sent.
    Error = 1,
    /// Worth a look; the demande can still be sent.
    Warning = 2,
}

impl rppsplus_severity {
    fn from_core(severity: Severity) -> Self {
        match severity {
            Severity::Error => Self::Error,
            Severity::Warning => Self::Warning,
        }
    }
}

/// The options of a validation: a mutable builder.
///
/// - Owner: the caller of `rppsplus_validate_options_new`, who frees it once with
///   `rppsplus_validate_options_free` (freeing NULL does nothing).
/// - A new object holds the defaults of the core: reference date today (UTC, taken at
///   each validation), stage submit, actor gestionnaire, strict mode. The setters change
///   one option each; passing NULL options to a validation function uses the defaults.
/// - The setters take a non-const pointer and need exclusive access; the validation
///   functions take a `const rppsplus_validate_options *` and only read it: one options
///   object may serve validations on several threads at once, as long as no setter or
///   `_free` runs at the same time.
/// - The validation functions do not keep the pointer: the options may be changed or
///   freed as soon as they return.
pub struct rppsplus_validate_options {
    _private: [u8; 0],
}

/// What an `rppsplus_validate_options` pointer points to (a `Box`).
#[derive(Debug, Clone, Copy)]
struct ValidateOptions {
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
    /// The core options; `None` for the date is today (`Options::default()`).
    fn core(&self) -> Options {
        let today = Options::default();
        Options {
            reference_date: self.reference_date.unwrap_or(today.reference_date),
            stage: self.stage,
            actor: self.actor,
            mode: self.mode,
        }
    }

    /// # Safety
    ///
    /// `options` is NULL or a live pointer from `rppsplus_validate_options_new`, not
    /// modified during the returned borrow.
    unsafe fn from_ptr<'a>(options: *const rppsplus_validate_options) -> Option<&'a Self> {
        // SAFETY: the caller's contract.
        unsafe { options.cast::<Self>().as_ref() }
    }

    /// # Safety
    ///
    /// `options` is NULL or a live pointer from `rppsplus_validate_options_new`, used by
    /// no one else during the returned borrow.
    unsafe fn from_mut<'a>(options: *mut rppsplus_validate_options) -> Result<&'a mut Self, rppsplus_result> {
        // SAFETY: the caller's contract.
        unsafe { options.cast::<Self>().as_mut() }.ok_or(rppsplus_result::NullParameter)
    }

    /// The options of a validation call: the defaults for NULL.
    ///
    /// # Safety
    ///
    /// As [`ValidateOptions::from_ptr`].
    unsafe fn resolve(options: *const rppsplus_validate_options) -> Options {
        // SAFETY: forwarded to the caller.
        unsafe { Self::from_ptr(options) }.copied().unwrap_or_default().core()
    }
}

/// A new options object holding the defaults (today in UTC, stage submit, actor
/// gestionnaire, strict mode), to free with `rppsplus_validate_options_free`.
///
/// Returns NULL only if an internal panic was caught.
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_validate_options_new() -> *mut rppsplus_validate_options {
    ffi_panic_boundary! {
        default = ptr::null_mut();
        Box::into_raw(Box::new(ValidateOptions::default())).cast()
    }
}

/// Sets the reference date of the validations: the date at which codes must be in force
/// and against which birth and start dates are checked. `date` is `YYYY-MM-DD` (exactly 10
/// bytes, years `0000` to `9999`), as for `rppsplus_nomenclature_check`; `date == NULL`
/// with `date_len == 0` means today in UTC, taken at each validation (the default).
///
/// Results: `RPPSPLUS_RESULT_OK`, `RPPSPLUS_RESULT_INVALID_DATE` (not such a date:
/// `2026-02-30`, `2026-1-5`, an empty string), `RPPSPLUS_RESULT_NULL_PARAMETER` (`options`
/// NULL, or `date` NULL with `date_len > 0`), `RPPSPLUS_RESULT_INVALID_UTF8`,
/// `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above `PTRDIFF_MAX`). On error the
/// options are unchanged.
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
) -> u32 {
    ffi_panic_boundary! {
        let set = || -> Result<(), rppsplus_result> {
            // SAFETY: the caller's contract.
            let options = unsafe { ValidateOptions::from_mut(options) }?;
            let at = match (date.is_null(), date_len) {
                (true, 0) => None,
                (true, _) => return Err(rppsplus_result::NullParameter),
                // SAFETY: the caller's contract.
                (false, _) => Some(parse_date(unsafe { input_str(date, date_len) }?)?),
            };
            options.reference_date = at;
            Ok(())
        };
        set().into()
    }
}

/// # Safety
///
/// As [`ValidateOptions::from_mut`].
unsafe fn set(
    options: *mut rppsplus_validate_options,
    change: impl FnOnce(&mut ValidateOptions) -> Result<(), rppsplus_result>,
) -> u32 {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe { ValidateOptions::from_mut(options) }.and_then(change).into()
    }
}

/// Sets the stage: `RPPSPLUS_STAGE_DRAFT` (saving: the confirmations are not required) or
/// `RPPSPLUS_STAGE_SUBMIT` (sending; the default).
///
/// Results: `RPPSPLUS_RESULT_OK`, `RPPSPLUS_RESULT_INVALID_PARAMETER` (not an
/// `rppsplus_stage`; the options are unchanged), `RPPSPLUS_RESULT_NULL_PARAMETER`.
///
/// # Safety
///
/// `options` is NULL or an options object not yet freed, used by no other thread during
/// the call.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_validate_options_set_stage(
    options: *mut rppsplus_validate_options,
    stage: u32,
) -> u32 {
    // SAFETY: the caller's contract.
    unsafe {
        set(options, |o| {
            o.stage = rppsplus_stage::core(stage)?;
            Ok(())
        })
    }
}

/// Sets the actor: `RPPSPLUS_ACTOR_GESTIONNAIRE` (the default) or
/// `RPPSPLUS_ACTOR_PROFESSIONNEL`.
///
/// Results: `RPPSPLUS_RESULT_OK`, `RPPSPLUS_RESULT_INVALID_PARAMETER` (not an
/// `rppsplus_actor`; the options are unchanged), `RPPSPLUS_RESULT_NULL_PARAMETER`.
///
/// # Safety
///
/// As `rppsplus_validate_options_set_stage`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_validate_options_set_actor(
    options: *mut rppsplus_validate_options,
    actor: u32,
) -> u32 {
    // SAFETY: the caller's contract.
    unsafe {
        set(options, |o| {
            o.actor = rppsplus_actor::core(actor)?;
            Ok(())
        })
    }
}

/// Sets the mode of the identifiers: `RPPSPLUS_MODE_STRICT` (production identifiers only;
/// the default) or `RPPSPLUS_MODE_TEST` (ANS test identities accepted, with a
/// `test_identifier` warning).
///
/// Results: `RPPSPLUS_RESULT_OK`, `RPPSPLUS_RESULT_INVALID_PARAMETER` (not an
/// `rppsplus_mode`; the options are unchanged), `RPPSPLUS_RESULT_NULL_PARAMETER`.
///
/// # Safety
///
/// As `rppsplus_validate_options_set_stage`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_validate_options_set_mode(options: *mut rppsplus_validate_options, mode: u32) -> u32 {
    // SAFETY: the caller's contract.
    unsafe {
        set(options, |o| {
            o.mode = rppsplus_mode::core(mode)?;
            Ok(())
        })
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
        if !options.is_null() {
            // SAFETY: a pointer from `Box::into_raw` not yet freed (the caller's contract).
            drop(unsafe { Box::from_raw(options.cast::<ValidateOptions>()) });
        }
    }
}

/// The report of one demande: whether it is valid and every finding (path, code,
/// severity, messages), in a deterministic order.
///
/// - Owner: a report from `rppsplus_validate_json` belongs to the caller, who frees it
///   once with `rppsplus_report_free` (freeing NULL does nothing). A report from
///   `rppsplus_reports_report_at` is borrowed from its list: never free it; it is valid
///   until the list is freed.
/// - Immutable: the accessors (which take a `const rppsplus_report *`) may run on one
///   report from several threads at once; `rppsplus_report_free` needs it exclusively.
/// - The views (`rppsplus_str`) the accessors return borrow from the report: valid until
///   it (or its list) is freed.
pub struct rppsplus_report {
    _private: [u8; 0],
}

/// The reports of a JSON document (`rppsplus_validate_json_document`), one per demande,
/// each with the index of its demande.
///
/// - Owner: the caller, who frees it once with `rppsplus_reports_free` (which also frees
///   the reports it holds; freeing NULL does nothing).
/// - Immutable: the accessors may run from several threads at once; `_free` needs it
///   exclusively.
pub struct rppsplus_reports {
    _private: [u8; 0],
}

/// What an `rppsplus_report` pointer points to: the core's report (in a `Box` of its own,
/// or inside a [`Reports`]).
///
/// # Safety
///
/// `report` is NULL or a live report (never mutated once created).
unsafe fn report_ref<'a>(report: *const rppsplus_report) -> Option<&'a Report> {
    // SAFETY: the caller's contract.
    unsafe { report.cast::<Report>().as_ref() }
}

/// What an `rppsplus_reports` pointer points to (a `Box`).
type Reports = Vec<(usize, Report)>;

/// # Safety
///
/// `reports` is NULL or a live list (never mutated once created).
unsafe fn reports_ref<'a>(reports: *const rppsplus_reports) -> Option<&'a Reports> {
    // SAFETY: the caller's contract.
    unsafe { reports.cast::<Reports>().as_ref() }
}

/// # Safety
///
/// `json` points to `json_len` readable bytes; `options` is NULL or live options.
unsafe fn read_json<'a>(
    json: *const c_char,
    json_len: usize,
    options: *const rppsplus_validate_options,
) -> Result<(&'a [u8], Options), rppsplus_result> {
    // SAFETY: forwarded to the caller.
    let bytes = unsafe { input_bytes(json, json_len) }?;
    // SAFETY: forwarded to the caller.
    Ok((bytes, unsafe { ValidateOptions::resolve(options) }))
}

/// Validates one demande given as JSON text (SPEC.md section 4) and writes a new report
/// to `*report_out`, which the caller frees with `rppsplus_report_free`.
///
/// The content never makes the call fail: `json` is read as bytes, and text that is not
/// JSON (invalid UTF-8, a syntax error, an empty input) gives a report with one
/// `invalid_json` finding; wrong types, bad values and unknown fields are findings at
/// their paths, and every rule still runs on the rest (collect-all). A document holding
/// several demandes (an array, JSON Lines) is one wrong value here: use
/// `rppsplus_validate_json_document`.
///
/// `options` may be NULL: the defaults (today in UTC, submit, gestionnaire, strict). The
/// function does not keep it.
///
/// Results: `RPPSPLUS_RESULT_OK` (whether the demande is valid or not: see
/// `rppsplus_report_valid`), `RPPSPLUS_RESULT_NULL_PARAMETER` (`json` or `report_out`
/// NULL, even with `json_len` 0), `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
/// `PTRDIFF_MAX`). On error `*report_out` is unchanged and there is nothing to free.
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
) -> u32 {
    ffi_panic_boundary! {
        let run = || -> Result<(), rppsplus_result> {
            if report_out.is_null() {
                return Err(rppsplus_result::NullParameter);
            }
            // SAFETY: the caller's contract.
            let (bytes, options) = unsafe { read_json(json, json_len, options) }?;
            let report = Box::new(demande::validate_json(bytes, &options));
            // SAFETY: `report_out` is not NULL and writable (the caller's contract).
            unsafe { report_out.write(Box::into_raw(report).cast()) };
            Ok(())
        };
        run().into()
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
/// Results and safety: as `rppsplus_validate_json`, with `reports_out` for `report_out`.
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
) -> u32 {
    ffi_panic_boundary! {
        let run = || -> Result<(), rppsplus_result> {
            if reports_out.is_null() {
                return Err(rppsplus_result::NullParameter);
            }
            // SAFETY: the caller's contract.
            let (bytes, options) = unsafe { read_json(json, json_len, options) }?;
            let reports: Box<Reports> = Box::new(demande::validate_json_document(bytes, &options));
            // SAFETY: `reports_out` is not NULL and writable (the caller's contract).
            unsafe { reports_out.write(Box::into_raw(reports).cast()) };
            Ok(())
        };
        run().into()
    }
}

/// Whether the demande has no error (warnings allowed); false for NULL.
///
/// # Safety
///
/// `report` is NULL or a report not yet freed (nor its list).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_report_valid(report: *const rppsplus_report) -> bool {
    ffi_panic_boundary! {
        default = false;
        // SAFETY: the caller's contract.
        unsafe { report_ref(report) }.is_some_and(Report::is_valid)
    }
}

/// The number of findings of a report (errors and warnings); 0 for NULL.
///
/// # Safety
///
/// As `rppsplus_report_valid`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_report_len(report: *const rppsplus_report) -> usize {
    ffi_panic_boundary! {
        default = 0;
        // SAFETY: the caller's contract.
        unsafe { report_ref(report) }.map_or(0, |r| r.findings().len())
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
        // SAFETY: the caller's contract.
        unsafe { report_ref(report) }
            .and_then(|r| r.findings().get(index))
            .and_then(field)
            .map_or(rppsplus_str::NONE, rppsplus_str::of)
    }
}

/// The stable code of finding `index`: `required`, `invalid_format`, `invalid_checksum`,
/// `code_deprecated`, `unknown_field`, `invalid_json`... (SPEC.md section 4; the codes the
/// CLI and Python report).
///
/// Like every `rppsplus_report_*` text accessor: returns a view (not NUL-terminated) valid
/// until the report is freed; `data` is NULL (and `len` 0) when `report` is NULL or `index
/// >= rppsplus_report_len(report)`, never otherwise.
///
/// # Safety
///
/// As `rppsplus_report_valid`.
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
/// As `rppsplus_report_valid`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_report_path_at(report: *const rppsplus_report, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(report, index, |f| Some(f.path.as_str())) }
}

/// The message of finding `index` in `lang` (`RPPSPLUS_LANG_FR`, the users' language, or
/// `RPPSPLUS_LANG_EN`), UTF-8. Messages never repeat the values of the etat civil or the
/// contact. As `rppsplus_report_code_at`; `data` is also NULL when `lang` is not an
/// `rppsplus_lang`.
///
/// # Safety
///
/// As `rppsplus_report_valid`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_report_message_at(
    report: *const rppsplus_report,
    index: usize,
    lang: u32,
) -> rppsplus_str {
    let lang = rppsplus_lang::from_u32(lang).ok();
    // SAFETY: the caller's contract.
    unsafe {
        text(report, index, |f| match lang? {
            rppsplus_lang::Fr => Some(&f.message),
            rppsplus_lang::En => Some(&f.message_en),
        })
    }
}

/// The severity of finding `index`: an `rppsplus_severity` as `uint32_t`
/// (`RPPSPLUS_SEVERITY_ERROR` or `RPPSPLUS_SEVERITY_WARNING`; `RPPSPLUS_SEVERITY_NONE`
/// for a NULL report or an index out of range).
///
/// # Safety
///
/// As `rppsplus_report_valid`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_report_severity_at(report: *const rppsplus_report, index: usize) -> u32 {
    ffi_panic_boundary! {
        default = rppsplus_severity::None as u32;
        // SAFETY: the caller's contract.
        unsafe { report_ref(report) }
            .and_then(|r| r.findings().get(index))
            .map_or(rppsplus_severity::None, |f| rppsplus_severity::from_core(f.severity)) as u32
    }
}

/// Writes the report as JSON (UTF-8), the form the CLI and Python give:
/// `{"valid":false,"findings":[{"path":"contact.email","code":"required","severity":"error","message":"...","message_en":"..."}]}`.
///
/// Results: `RPPSPLUS_RESULT_OK` (the JSON and a NUL are written to `buf`, `*out_len` is
/// its length in bytes), `RPPSPLUS_RESULT_INSUFFICIENT_SIZE` (`*out_len` = the length
/// needed, `buf` holds an empty string when `cap > 0`: retry with `*out_len + 1` bytes),
/// `RPPSPLUS_RESULT_NULL_PARAMETER` (`report` or `out_len` NULL, or `buf` NULL with `cap >
/// 0`).
///
/// # Safety
///
/// `report` is NULL or a report not yet freed; `buf` points to `cap` writable bytes and
/// `out_len` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_report_to_json(
    report: *const rppsplus_report,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
) -> u32 {
    ffi_panic_boundary! {
        let run = || -> Result<(), rppsplus_result> {
            // SAFETY: the caller's contract.
            let output = unsafe { Output::new(buf, cap, out_len) }?;
            // SAFETY: the caller's contract.
            let report = unsafe { report_ref(report) }.ok_or(rppsplus_result::NullParameter)?;
            // A `Report` always serializes (string keys, no custom failure): an error
            // here is a bug, caught by the panic boundary.
            let json = serde_json::to_string(report).expect("a report serializes to JSON");
            output.write(&json)
        };
        run().into()
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
        if !report.is_null() {
            // SAFETY: a pointer from `Box::into_raw` not yet freed (the caller's contract).
            drop(unsafe { Box::from_raw(report.cast::<Report>()) });
        }
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
        // SAFETY: the caller's contract.
        unsafe { reports_ref(reports) }.map_or(0, Vec::len)
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
        // SAFETY: the caller's contract.
        unsafe { reports_ref(reports) }.and_then(|r| r.get(index)).map_or(usize::MAX, |(i, _)| *i)
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
        // SAFETY: the caller's contract.
        unsafe { reports_ref(reports) }
            .and_then(|r| r.get(index))
            .map_or(ptr::null(), |(_, report)| ptr::from_ref(report).cast())
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
        if !reports.is_null() {
            // SAFETY: a pointer from `Box::into_raw` not yet freed (the caller's contract).
            drop(unsafe { Box::from_raw(reports.cast::<Reports>()) });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_core_defaults() {
        let core = Options::default();
        let ours = ValidateOptions::default().core();
        assert_eq!((ours.stage, ours.actor, ours.mode), (core.stage, core.actor, core.mode));
        // SAFETY: NULL options are the defaults.
        let resolved = unsafe { ValidateOptions::resolve(ptr::null()) };
        assert_eq!(
            (resolved.stage, resolved.actor, resolved.mode),
            (core.stage, core.actor, core.mode)
        );
    }

    #[test]
    fn enum_values_map_to_the_core() {
        assert_eq!(rppsplus_stage::core(rppsplus_stage::Draft as u32), Ok(Stage::Draft));
        assert_eq!(rppsplus_stage::core(rppsplus_stage::Submit as u32), Ok(Stage::Submit));
        assert_eq!(rppsplus_stage::core(2), Err(rppsplus_result::InvalidParameter));
        assert_eq!(
            rppsplus_actor::core(rppsplus_actor::Gestionnaire as u32),
            Ok(Actor::Gestionnaire)
        );
        assert_eq!(
            rppsplus_actor::core(rppsplus_actor::Professionnel as u32),
            Ok(Actor::Professionnel)
        );
        assert_eq!(rppsplus_actor::core(u32::MAX), Err(rppsplus_result::InvalidParameter));
    }
}
