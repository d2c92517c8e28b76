//! Nomenclatures (ANS NOS tables, INSEE countries and communes): the label of a code, the
//! validity of a code for a portal field at a date, and lookups returning an opaque list
//! of entries (`rppsplus_entries`).
//!
//! Everything here converts: the tables, the validity rules and the search are the core's
//! (`rppsplus_core::nomenclature`).

use std::ffi::c_char;
use std::ptr;

use chrono::NaiveDate;
use rppsplus_core::nomenclature::commune::Commune;
use rppsplus_core::nomenclature::{self, Code, CodeError, Entry};

use crate::buffer::{Output, input_str};
use crate::result::rppsplus_result;

/// A borrowed view of UTF-8 text: `len` bytes at `data`, **not** NUL-terminated (print it
/// with `printf("%.*s", (int)s.len, s.data)`).
///
/// A view returned by an `rppsplus_entries_*` (or `rppsplus_report_*`) accessor is valid
/// until the list (or report) it comes from is freed with `rppsplus_entries_free` (or
/// `rppsplus_report_free`, `rppsplus_reports_free`); never free `data` itself. `data` is
/// never NULL for an entry of the list or a finding of the report (an empty text points to
/// a static empty string); it is NULL, with `len` 0, only when the handle is NULL or the
/// index is out of range (or, for a message, the language is not an `rppsplus_lang`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct rppsplus_str {
    /// The first byte (not NUL-terminated), or NULL for "no such entry".
    pub data: *const c_char,
    /// The length in bytes.
    pub len: usize,
}

impl rppsplus_str {
    /// No entry: NULL list or index out of range.
    pub(crate) const NONE: Self = Self {
        data: ptr::null(),
        len: 0,
    };

    /// A view of `s`; an empty `s` points to a static empty string (never dangling).
    pub(crate) fn of(s: &str) -> Self {
        if s.is_empty() {
            return Self {
                data: c"".as_ptr(),
                len: 0,
            };
        }
        Self {
            data: s.as_ptr().cast(),
            len: s.len(),
        }
    }
}

/// Whether the portal offers a code for its field at the reference date, returned by
/// `rppsplus_entries_offered` (as `uint32_t`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum rppsplus_offered {
    /// The question does not apply: the field takes the whole table (`sexe`, `categorie`,
    /// `motif-fin`, a NOS table name...), the entry is a commune, or there is no such
    /// entry.
    NotApplicable = 0,
    /// The portal does not offer the code at the reference date (not in its value set,
    /// not yet in force, or ended).
    No = 1,
    /// The portal offers the code at the reference date.
    Yes = 2,
}

impl rppsplus_offered {
    fn from_core(offered: Option<bool>) -> Self {
        match offered {
            None => Self::NotApplicable,
            Some(false) => Self::No,
            Some(true) => Self::Yes,
        }
    }
}

/// The result of `rppsplus_lookup`: an immutable list of entries (codes of a table, or
/// communes), best first.
///
/// - Owner: the caller of `rppsplus_lookup`, who frees it once with
///   `rppsplus_entries_free` (freeing NULL does nothing).
/// - The accessors take a `const rppsplus_entries *` and never modify the list: they may be
///   called from several threads at once. Only `rppsplus_entries_free` needs exclusive
///   access: no other call on the list may run during or after it.
/// - The views (`rppsplus_str`) the accessors return borrow from the list: they are valid
///   until it is freed.
pub struct rppsplus_entries {
    _private: [u8; 0],
}

/// What an `rppsplus_entries` pointer points to (Box ownership, as rustls-ffi's
/// `Castable` with `OwnershipBox`).
struct Entries {
    items: Vec<Item>,
    postal_code: bool,
}

/// One entry, with the texts the core does not hold as `&'static str` formatted once, so
/// their views live as long as the list.
struct Item {
    entry: Entry,
    /// `YYYY-MM-DD`, or empty.
    date_fin: String,
    /// The replacement codes, comma-separated, or empty.
    replaced_by: String,
}

impl Item {
    fn new(entry: Entry) -> Self {
        Self {
            entry,
            date_fin: entry.date_fin.map(|d| d.to_string()).unwrap_or_default(),
            replaced_by: entry.replaced_by.join(","),
        }
    }

    fn commune(&self) -> Option<Commune> {
        self.entry.commune
    }
}

impl Entries {
    fn into_raw(self) -> *mut rppsplus_entries {
        Box::into_raw(Box::new(self)).cast()
    }

    /// # Safety
    ///
    /// `entries` is NULL or a live pointer from [`Entries::into_raw`].
    unsafe fn from_ptr<'a>(entries: *const rppsplus_entries) -> Option<&'a Self> {
        // SAFETY: the caller's contract; the list is never mutated after creation.
        unsafe { entries.cast::<Self>().as_ref() }
    }
}

/// The reference date: `date == NULL` with `date_len == 0` is today's date in UTC (the CLI's
/// default for `rppsplus lookup --at`), else `YYYY-MM-DD`.
///
/// # Safety
///
/// The contract of [`input_str`].
unsafe fn reference_date(date: *const c_char, date_len: usize) -> Result<NaiveDate, rppsplus_result> {
    if date.is_null() && date_len == 0 {
        return Ok(chrono::Utc::now().date_naive());
    }
    // SAFETY: forwarded to the caller.
    let s = unsafe { input_str(date, date_len) }?;
    parse_date(s)
}

/// `YYYY-MM-DD` exactly (four-digit year, two-digit month and day), a real calendar date.
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, rppsplus_result> {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape {
        return Err(rppsplus_result::InvalidDate);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| rppsplus_result::InvalidDate)
}

/// Fails with `NullParameter` when any pointer is NULL (checked before any input is read,
/// so a NULL is reported whatever the other arguments hold).
fn non_null(pointers: &[*const c_char]) -> Result<(), rppsplus_result> {
    match pointers.iter().any(|p| p.is_null()) {
        true => Err(rppsplus_result::NullParameter),
        false => Ok(()),
    }
}

/// # Safety
///
/// The contracts of [`input_str`] and [`Output::new`].
unsafe fn label(
    table: *const c_char,
    table_len: usize,
    code: *const c_char,
    code_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> Result<(), rppsplus_result> {
    // SAFETY: forwarded to the caller.
    let output = unsafe { Output::new(out, out_cap, out_len) }?;
    non_null(&[table, code])?;
    // SAFETY: forwarded to the caller.
    let (table, code) = unsafe { (input_str(table, table_len)?, input_str(code, code_len)?) };
    output.write(nomenclature::label(table, code)?.ok_or(rppsplus_result::UnknownCode)?)
}

/// Writes the label of a code of a nomenclature table (`profession`, `326` ->
/// `Educateur sp\xc3\xa9cialis\xc3\xa9` in UTF-8), or the name of a commune
/// (`commune`, `13203` -> `Marseille 3e Arrondissement`).
///
/// `table` is a portal field alias (`profession`, `role`, `profession-rpps`, `civilite`,
/// `sexe`, `mode-exercice`, `categorie`, `motif-fin`, `statut-etat-civil`, `secteur`,
/// `type-carte`, `pays`), a NOS name (`TRE_R85-RolePriseCharge`) or code (`TRE_R85`), or
/// `commune`. `code` is the exact code as the table spells it (no trimming or case
/// folding; a commune's current INSEE code): ended codes still have their label. Use
/// `rppsplus_lookup` for a forgiving search.
///
/// Results: `RPPSPLUS_RESULT_OK` (the label, UTF-8, and a NUL are written to `out`,
/// `*out_len` is its length in bytes), `RPPSPLUS_RESULT_UNKNOWN_TABLE`,
/// `RPPSPLUS_RESULT_UNKNOWN_CODE`, `RPPSPLUS_RESULT_INSUFFICIENT_SIZE` (`*out_len` = the
/// length needed), `RPPSPLUS_RESULT_NULL_PARAMETER` (`table`, `code`, `out_len` NULL, or
/// `out` NULL with `out_cap > 0`), `RPPSPLUS_RESULT_INVALID_UTF8`,
/// `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above `PTRDIFF_MAX`).
///
/// # Safety
///
/// `table` and `code` point to `table_len` and `code_len` readable bytes; `out` to
/// `out_cap` writable bytes; `out_len` to a writable `size_t`; outputs do not overlap
/// inputs.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_nomenclature_label(
    table: *const c_char,
    table_len: usize,
    code: *const c_char,
    code_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> u32 {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe { label(table, table_len, code, code_len, out, out_cap, out_len) }.into()
    }
}

/// The core check for a field (`nomenclature::field`): its portal value set, a value set
/// by NOS name, else the whole table.
fn check_field(field: &str, code: &str, at: NaiveDate) -> Result<Result<&'static Code, CodeError>, rppsplus_result> {
    Ok(nomenclature::field(field)?.check(code, at))
}

/// # Safety
///
/// The contracts of [`input_str`] and [`Output::new`] (when `replaced_by_len` is not NULL).
#[allow(clippy::too_many_arguments)]
unsafe fn check(
    field: *const c_char,
    field_len: usize,
    code: *const c_char,
    code_len: usize,
    date: *const c_char,
    date_len: usize,
    replaced_by: *mut c_char,
    replaced_by_cap: usize,
    replaced_by_len: *mut usize,
) -> Result<(), rppsplus_result> {
    let output = match replaced_by_len.is_null() {
        true => None,
        // SAFETY: forwarded to the caller.
        false => Some(unsafe { Output::new(replaced_by, replaced_by_cap, replaced_by_len) }?),
    };
    non_null(&[field, code])?;
    if date.is_null() && date_len != 0 {
        return Err(rppsplus_result::NullParameter);
    }
    // SAFETY: forwarded to the caller.
    let (field, code) = unsafe { (input_str(field, field_len)?, input_str(code, code_len)?) };
    // SAFETY: forwarded to the caller.
    let at = unsafe { reference_date(date, date_len) }?;
    match check_field(field, code, at)? {
        Ok(_) => {
            if let Some(output) = output {
                // An empty string: `*replaced_by_len` = 0, and a NUL when the capacity is
                // not 0 (with a capacity of 0 nothing is written, which is not an error).
                let _ = output.write("");
            }
            Ok(())
        }
        Err(error @ CodeError::Deprecated { replaced_by, .. }) => {
            if let Some(output) = output {
                output.write(&replaced_by.join(","))?;
            }
            Err(error.into())
        }
        Err(error) => Err(error.into()),
    }
}

/// Whether `code` may be entered for a portal `field` on a date: the rule of the portal's
/// value set for the field, with the validity dates of the code.
///
/// `field` is a portal field alias (`profession`, `role`, `profession-rpps`, `civilite`,
/// `mode-exercice`, `statut-etat-civil`, `secteur`, `pays`: checked against the value set
/// the portal offers; `sexe`, `categorie`, `motif-fin`, `type-carte`: the whole table), a
/// value set's NOS name or code (`JDV_J121`), or a table's NOS name or code (`TRE_R85`:
/// the whole table). Communes have no validity dates: check a commune code with
/// `rppsplus_commune_validate` (`commune` here gives `RPPSPLUS_RESULT_UNKNOWN_TABLE`).
/// `code` is the exact code.
///
/// `date` is the reference date, `YYYY-MM-DD` (exactly 10 bytes, e.g. `2026-11-23`, years
/// `0000` to `9999`). `date == NULL` with `date_len == 0` means today's date in UTC, the
/// default of the CLI's `rppsplus lookup`: convenient, but the answer then changes over
/// time (and around midnight in France); pass the date explicitly for reproducible
/// results. A NULL `date` with `date_len > 0` gives `RPPSPLUS_RESULT_NULL_PARAMETER`; a
/// string that is not such a date (`2026-02-30`, `2026-1-5`, an empty string) gives
/// `RPPSPLUS_RESULT_INVALID_DATE`.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the code is accepted (`replaced_by` receives an empty string);
/// - `RPPSPLUS_RESULT_CODE_DEPRECATED`: the code has ended on `date`; `replaced_by`
///   receives the codes to use instead, comma-separated (`328`; `371,372`), or an empty
///   string when the source names none. This is the one error that writes an output;
/// - `RPPSPLUS_RESULT_CODE_NOT_ALLOWED`: the code exists but the portal does not offer it
///   for this field, or not yet on `date`;
/// - `RPPSPLUS_RESULT_UNKNOWN_CODE`, `RPPSPLUS_RESULT_UNKNOWN_TABLE`,
///   `RPPSPLUS_RESULT_INVALID_DATE`;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: the code is deprecated but the replacements do
///   not fit: `*replaced_by_len` is their length; retry with `*replaced_by_len + 1` bytes;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`, `RPPSPLUS_RESULT_INVALID_UTF8`,
///   `RPPSPLUS_RESULT_INVALID_PARAMETER` as everywhere.
///
/// `replaced_by_len` may be NULL when the replacements are not wanted: `replaced_by` and
/// `replaced_by_cap` are then ignored and nothing is written. Otherwise `replaced_by` may
/// be NULL only with `replaced_by_cap == 0`.
///
/// # Safety
///
/// `field`, `code` and `date` (when not NULL) point to `field_len`, `code_len` and
/// `date_len` readable bytes; when `replaced_by_len` is not NULL it points to a writable
/// `size_t` and `replaced_by` to `replaced_by_cap` writable bytes; outputs do not overlap
/// inputs.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn rppsplus_nomenclature_check(
    field: *const c_char,
    field_len: usize,
    code: *const c_char,
    code_len: usize,
    date: *const c_char,
    date_len: usize,
    replaced_by: *mut c_char,
    replaced_by_cap: usize,
    replaced_by_len: *mut usize,
) -> u32 {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe {
            check(field, field_len, code, code_len, date, date_len, replaced_by, replaced_by_cap, replaced_by_len)
        }
        .into()
    }
}

/// # Safety
///
/// As [`rppsplus_lookup`].
#[allow(clippy::too_many_arguments)]
unsafe fn lookup(
    table: *const c_char,
    table_len: usize,
    query: *const c_char,
    query_len: usize,
    date: *const c_char,
    date_len: usize,
    limit: usize,
    entries_out: *mut *mut rppsplus_entries,
) -> Result<(), rppsplus_result> {
    if entries_out.is_null() || (date.is_null() && date_len != 0) {
        return Err(rppsplus_result::NullParameter);
    }
    non_null(&[table, query])?;
    // SAFETY: forwarded to the caller.
    let (table, query) = unsafe { (input_str(table, table_len)?, input_str(query, query_len)?) };
    // SAFETY: forwarded to the caller.
    let at = unsafe { reference_date(date, date_len) }?;
    let found = nomenclature::lookup(table, query, at, limit)?;
    let entries = Entries {
        items: found.entries.into_iter().map(Item::new).collect(),
        postal_code: found.postal_code,
    };
    // SAFETY: `entries_out` is not NULL and writable (the caller's contract).
    unsafe { entries_out.write(entries.into_raw()) };
    Ok(())
}

/// Looks `query` up in a table: the entry with that exact code first, else the best
/// `limit` label matches (accents, case and punctuation ignored; for communes, an
/// autocomplete over names, larger populations first). On success `*entries_out` receives
/// a new list, possibly empty (nothing found), that the caller frees with
/// `rppsplus_entries_free`.
///
/// `table` is as for `rppsplus_nomenclature_label` (an alias such as `profession`, `pays`,
/// `commune`, or a NOS name). For `commune`, a commune code finds its commune (an old code
/// such as `20004` finds `2A004` Ajaccio), and a postal code (`75015`) finds the communes it
/// serves, with `rppsplus_entries_postal_code()` set to 1. `date` is the reference date for
/// the status of each entry, as for `rppsplus_nomenclature_check` (NULL with `date_len ==
/// 0` = today in UTC). `limit` is the most entries to return (0 gives an empty list for the
/// tables' label searches).
///
/// Results: `RPPSPLUS_RESULT_OK`, `RPPSPLUS_RESULT_UNKNOWN_TABLE`,
/// `RPPSPLUS_RESULT_INVALID_DATE`, `RPPSPLUS_RESULT_NULL_PARAMETER` (`table`, `query`,
/// `entries_out`, or `date` with `date_len > 0`), `RPPSPLUS_RESULT_INVALID_UTF8`,
/// `RPPSPLUS_RESULT_INVALID_PARAMETER`. On any error `*entries_out` is left unchanged and
/// nothing needs freeing.
///
/// # Safety
///
/// `table`, `query` and `date` (when not NULL) point to `table_len`, `query_len` and
/// `date_len` readable bytes; `entries_out` to a writable `rppsplus_entries *`.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn rppsplus_lookup(
    table: *const c_char,
    table_len: usize,
    query: *const c_char,
    query_len: usize,
    date: *const c_char,
    date_len: usize,
    limit: usize,
    entries_out: *mut *mut rppsplus_entries,
) -> u32 {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe { lookup(table, table_len, query, query_len, date, date_len, limit, entries_out) }.into()
    }
}

/// The number of entries of a list; 0 for NULL.
///
/// # Safety
///
/// `entries` is NULL or a list from `rppsplus_lookup` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_len(entries: *const rppsplus_entries) -> usize {
    ffi_panic_boundary! {
        default = 0;
        // SAFETY: the caller's contract.
        unsafe { Entries::from_ptr(entries) }.map_or(0, |e| e.items.len())
    }
}

/// 1 when the query of `rppsplus_lookup` was a postal code typed as a commune code (the
/// entries are then the communes it serves, e.g. `75015` -> Paris 15e Arrondissement,
/// `75115`); 0 otherwise, and for NULL.
///
/// # Safety
///
/// `entries` is NULL or a list from `rppsplus_lookup` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_postal_code(entries: *const rppsplus_entries) -> u32 {
    ffi_panic_boundary! {
        default = 0;
        // SAFETY: the caller's contract.
        unsafe { Entries::from_ptr(entries) }.map_or(0, |e| u32::from(e.postal_code))
    }
}

/// A view of one text of entry `index`, or [`rppsplus_str::NONE`].
///
/// # Safety
///
/// `entries` is NULL or a live list; the view must not outlive it.
unsafe fn text(entries: *const rppsplus_entries, index: usize, field: impl FnOnce(&Item) -> &str) -> rppsplus_str {
    ffi_panic_boundary! {
        default = rppsplus_str::NONE;
        // SAFETY: the caller's contract.
        unsafe { Entries::from_ptr(entries) }
            .and_then(|e| e.items.get(index))
            .map_or(rppsplus_str::NONE, |item| rppsplus_str::of(field(item)))
    }
}

/// The code of entry `index` (`326`, `99100`, a commune's INSEE code `13203`).
///
/// Like every `rppsplus_entries_*` text accessor: returns a view valid until the list is
/// freed; `data` is NULL (and `len` 0) when `entries` is NULL or `index >=
/// rppsplus_entries_len(entries)`, never otherwise.
///
/// # Safety
///
/// `entries` is NULL or a list from `rppsplus_lookup` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_code(entries: *const rppsplus_entries, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| i.entry.code) }
}

/// The label of entry `index` (a commune's official name). As `rppsplus_entries_code`.
///
/// # Safety
///
/// As `rppsplus_entries_code`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_label(entries: *const rppsplus_entries, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| i.entry.label) }
}

/// The status of entry `index` at the reference date: `active`, or `deprecated` when the
/// code has ended by then (communes are always `active`). As `rppsplus_entries_code`.
///
/// # Safety
///
/// As `rppsplus_entries_code`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_status(entries: *const rppsplus_entries, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| i.entry.status.as_str()) }
}

/// The date the code of entry `index` ended, `YYYY-MM-DD`, or an empty text when it has not
/// (it may be after the reference date: see `rppsplus_entries_status`). As
/// `rppsplus_entries_code`.
///
/// # Safety
///
/// As `rppsplus_entries_code`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_date_fin(entries: *const rppsplus_entries, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| &i.date_fin) }
}

/// The codes to use instead of the ended code of entry `index`, comma-separated (`328`,
/// `371,372`), or an empty text. As `rppsplus_entries_code`.
///
/// # Safety
///
/// As `rppsplus_entries_code`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_replaced_by(entries: *const rppsplus_entries, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| &i.replaced_by) }
}

/// For a commune, its COG type: `commune-actuelle`, `commune-deleguee`,
/// `commune-associee` or `arrondissement-municipal`; an empty text for the codes of other
/// tables. As `rppsplus_entries_code`.
///
/// # Safety
///
/// As `rppsplus_entries_code`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_commune_type(entries: *const rppsplus_entries, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| i.commune().map_or("", |c| c.kind().as_str())) }
}

/// For a commune, its departement code (`13`, `2A`, `971`); an empty text for the codes of
/// other tables. As `rppsplus_entries_code`.
///
/// # Safety
///
/// As `rppsplus_entries_code`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_departement(entries: *const rppsplus_entries, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| i.commune().map_or("", Commune::departement)) }
}

/// Whether the portal offers the code of entry `index` for its field at the reference date:
/// an `rppsplus_offered` value as `uint32_t` (`RPPSPLUS_OFFERED_NOT_APPLICABLE` for
/// communes, tables without a value set, a NULL list or an index out of range).
///
/// # Safety
///
/// As `rppsplus_entries_code`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_offered(entries: *const rppsplus_entries, index: usize) -> u32 {
    ffi_panic_boundary! {
        default = rppsplus_offered::NotApplicable as u32;
        // SAFETY: the caller's contract.
        let item = unsafe { Entries::from_ptr(entries) }.and_then(|e| e.items.get(index));
        item.map_or(rppsplus_offered::NotApplicable, |i| rppsplus_offered::from_core(i.entry.offered)) as u32
    }
}

/// Frees a list from `rppsplus_lookup`, and the texts its views point to. NULL does
/// nothing. Freeing a list twice, or using it (or one of its views) afterwards, is
/// undefined behaviour; no other call on the list may run at the same time.
///
/// # Safety
///
/// `entries` is NULL or a list from `rppsplus_lookup` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_free(entries: *mut rppsplus_entries) {
    ffi_panic_boundary! {
        default = ();
        if !entries.is_null() {
            // SAFETY: a pointer from `Entries::into_raw` not yet freed (the caller's
            // contract): the Box is rebuilt and dropped once.
            drop(unsafe { Box::from_raw(entries.cast::<Entries>()) });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert_eq!(
            parse_date("2026-11-23"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())
        );
        assert_eq!(parse_date("0000-01-01"), Ok(NaiveDate::from_ymd_opt(0, 1, 1).unwrap()));
        assert_eq!(
            parse_date("9999-12-31"),
            Ok(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap())
        );
        for bad in [
            "",
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2026-1-05",
            "2026-11-23 ",
            " 2026-11-23",
            "+2026-11-23",
            "2026/11/23",
            "20261123",
            "2026-11-2x",
            "１２３４-11-23",
        ] {
            assert_eq!(parse_date(bad), Err(rppsplus_result::InvalidDate), "{bad:?}");
        }
    }

    #[test]
    fn empty_views_are_never_dangling() {
        let v = rppsplus_str::of("");
        assert!(!v.data.is_null());
        assert_eq!(v.len, 0);
        assert!(rppsplus_str::NONE.data.is_null());
    }
}
