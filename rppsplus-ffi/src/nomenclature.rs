//! Nomenclatures (ANS NOS tables, INSEE countries and communes): the label of a code, the
//! validity of a code for a portal field at a date, lookups and the lists of the codes
//! offered at a date (an opaque list of entries, `rppsplus_entries`), and the metadata of a
//! table or value set with the version in force at a date (`rppsplus_meta`).
//!
//! Everything here converts: the tables, the validity rules and the search are the core's
//! (`rppsplus_core::nomenclature`).

use std::borrow::Cow;
use std::ffi::c_char;

use rppsplus_core::date;
use rppsplus_core::nomenclature::commune::Commune;
use rppsplus_core::nomenclature::{self, Entry};

use crate::buffer::{Output, input_date, input_str, rppsplus_str};
use crate::handle::{Castable, HandleOut, OwnershipBox, free_box};
use crate::result::{RPPSPLUS_RESULT_NULL_PARAMETER, RPPSPLUS_RESULT_UNKNOWN_CODE, rppsplus_result};

/// Whether the portal offers a code for its field at the reference date:
/// `typedef uint32_t rppsplus_offered`, with the `RPPSPLUS_OFFERED_*` constants, returned by
/// `rppsplus_entries_offered_at`.
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_offered(pub u32);

/// The question does not apply: the field takes the whole table (`sexe`, a NOS table
/// name...), the entry is a commune, or there is no such entry.
pub const RPPSPLUS_OFFERED_NOT_APPLICABLE: rppsplus_offered = rppsplus_offered(0);
/// The portal does not offer the code at the reference date (not in its value set, not yet
/// in force, or ended).
pub const RPPSPLUS_OFFERED_NO: rppsplus_offered = rppsplus_offered(1);
/// The portal offers the code at the reference date.
pub const RPPSPLUS_OFFERED_YES: rppsplus_offered = rppsplus_offered(2);

impl rppsplus_offered {
    fn of(offered: Option<bool>) -> Self {
        match offered {
            None => RPPSPLUS_OFFERED_NOT_APPLICABLE,
            Some(false) => RPPSPLUS_OFFERED_NO,
            Some(true) => RPPSPLUS_OFFERED_YES,
        }
    }
}

/// The result of `rppsplus_lookup` (best first) or `rppsplus_nomenclature_list` (in the
/// source's order): an immutable list of entries, codes of a table or communes.
///
/// - Owner: the caller of `rppsplus_lookup` or `rppsplus_nomenclature_list`, who frees it
///   once with
///   `rppsplus_entries_free` (freeing NULL does nothing). A `Box` handle.
/// - Threads: the accessors take a `const rppsplus_entries *` and never modify the list:
///   they may be called from several threads at once. `rppsplus_entries_free` needs the list
///   exclusively: no other call on it may run during or after it.
/// - The views (`rppsplus_str`) the accessors return borrow from the list: they are valid
///   until it is freed.
pub struct rppsplus_entries {
    _private: [u8; 0],
}

impl Castable for rppsplus_entries {
    type Ownership = OwnershipBox;
    type RustType = Entries;
}

/// What an `rppsplus_entries` pointer points to.
pub(crate) struct Entries {
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

impl Entries {
    fn new(entries: Vec<Entry>, postal_code: bool) -> Self {
        Self {
            items: entries.into_iter().map(Item::new).collect(),
            postal_code,
        }
    }
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

/// Fails with `NULL_PARAMETER` when any pointer is NULL (checked before any input is read,
/// so a NULL is reported whatever the other arguments hold).
fn non_null(pointers: &[*const c_char]) -> Result<(), rppsplus_result> {
    match pointers.iter().any(|p| p.is_null()) {
        true => Err(RPPSPLUS_RESULT_NULL_PARAMETER),
        false => Ok(()),
    }
}

/// The `(table, code)` pair of the label and replacement functions: pointers, then UTF-8.
///
/// # Safety
///
/// The contract of [`input_str`].
unsafe fn table_and_code<'a>(
    table: *const c_char,
    table_len: usize,
    code: *const c_char,
    code_len: usize,
) -> Result<(&'a str, &'a str), rppsplus_result> {
    non_null(&[table, code])?;
    // SAFETY: forwarded to the caller.
    unsafe { Ok((input_str(table, table_len)?, input_str(code, code_len)?)) }
}

/// The body of the `(table, code) -> text` functions: the output's pointers, then the
/// inputs, then `text` written to the output.
///
/// # Safety
///
/// The contracts of [`input_str`] and [`Output::new`].
#[allow(clippy::too_many_arguments)]
unsafe fn table_text(
    table: *const c_char,
    table_len: usize,
    code: *const c_char,
    code_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    text: impl FnOnce(&str, &str) -> Result<Cow<'static, str>, rppsplus_result>,
) -> Result<(), rppsplus_result> {
    // SAFETY: forwarded to the caller.
    let output = unsafe { Output::new(out, out_cap, out_len) }?;
    // SAFETY: forwarded to the caller.
    let (table, code) = unsafe { table_and_code(table, table_len, code, code_len) }?;
    output.write(&text(table, code)?)
}

/// Writes the label of a code of a nomenclature table (`profession`, `326` ->
/// `Educateur sp\xc3\xa9cialis\xc3\xa9` in UTF-8), or the name of a commune
/// (`commune`, `13203` -> `Marseille 3e Arrondissement`).
///
/// `table` names a field, a value set or a table, as every nomenclature function takes it:
/// a portal field alias such as `profession` or `pays` (the aliases are the core's one list:
/// docs/domain.md section 3.2, and at run time the message of
/// `RPPSPLUS_RESULT_UNKNOWN_TABLE` from `rppsplus_result_message` names every one), the
/// NOS name or code of a table (`TRE_R85-RolePriseCharge`, `TRE_R85`) or of a value set
/// (`JDV_J121-RolePriseCharge-ENREG`, `JDV_J121`), or `commune`. `code` is the exact code
/// as the table spells it (no trimming or case folding; a commune's current INSEE code):
/// ended codes still have their label. Use `rppsplus_lookup` for a forgiving search.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the label (UTF-8) and a NUL are in `out`, `*out_len` is its
///   length in bytes;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: only `*out_len` is written, the length needed;
/// - `RPPSPLUS_RESULT_UNKNOWN_TABLE`, `RPPSPLUS_RESULT_UNKNOWN_CODE`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `table`, `code` or `out_len` NULL, or `out` NULL with
///   `out_cap > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `table` and `code` point to `table_len` and `code_len` readable bytes; `out` (unless
/// NULL) to `out_cap` writable bytes; `out_len` to a writable `size_t`; outputs do not
/// overlap inputs.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_nomenclature_label(
    table: *const c_char,
    table_len: usize,
    code: *const c_char,
    code_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe {
            table_text(table, table_len, code, code_len, out, out_cap, out_len, |table, code| {
                Ok(nomenclature::label(table, code)?.ok_or(RPPSPLUS_RESULT_UNKNOWN_CODE)?.into())
            })
        }
    }
}

/// Writes the codes to use instead of a code of a nomenclature table, comma-separated
/// (`profession`, `323` -> `328`; `350` -> `371,372`), as the source names them: an empty
/// string for a code in force, or an ended code whose source names none. Use it after
/// `rppsplus_nomenclature_check` gave `RPPSPLUS_RESULT_CODE_DEPRECATED`.
///
/// `table` and `code` are as for `rppsplus_nomenclature_check` (an alias, a value set's or a
/// table's NOS name or code; communes have no replacements: `commune` gives
/// `RPPSPLUS_RESULT_UNKNOWN_TABLE`).
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the codes (possibly none) and a NUL are in `out`, `*out_len` is
///   their length;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: only `*out_len` is written, the length needed;
/// - `RPPSPLUS_RESULT_UNKNOWN_TABLE`, `RPPSPLUS_RESULT_UNKNOWN_CODE`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`, `RPPSPLUS_RESULT_INVALID_UTF8`,
///   `RPPSPLUS_RESULT_INVALID_PARAMETER`, `RPPSPLUS_RESULT_PANIC` as for
///   `rppsplus_nomenclature_label`.
///
/// # Safety
///
/// As `rppsplus_nomenclature_label`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_nomenclature_replaced_by(
    table: *const c_char,
    table_len: usize,
    code: *const c_char,
    code_len: usize,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        unsafe {
            table_text(table, table_len, code, code_len, out, out_cap, out_len, |table, code| {
                let code = nomenclature::field(table)?.table().get(code).ok_or(RPPSPLUS_RESULT_UNKNOWN_CODE)?;
                Ok(code.replaced_by().join(",").into())
            })
        }
    }
}

/// Whether `code` may be entered for a portal `field` on a date: the rule of the portal's
/// value set for the field, with the validity dates of the code (the core's
/// `nomenclature::field(..).check(..)`).
///
/// `field` is named as for `rppsplus_nomenclature_label`: a portal field alias is checked
/// against the value set the portal offers for it (`profession`: JDV_J121), or against its
/// whole table when the portal offers all of it (`sexe`); a value set's NOS name or code
/// (`JDV_J121`) against that set; a table's (`TRE_R85`) against the whole table. Communes
/// have no validity dates: check a commune code with `rppsplus_commune_validate` (`commune`
/// here gives `RPPSPLUS_RESULT_UNKNOWN_TABLE`). `code` is the exact code.
///
/// `date` is the reference date, `YYYY-MM-DD` (exactly 10 bytes, e.g. `2026-11-23`, years
/// `0000` to `9999`; the core's one date parser). `date == NULL` with `date_len == 0` means
/// today's date in UTC, the default of the CLI's `rppsplus lookup`: convenient, but the
/// answer then changes over time (and around midnight in France); pass the date for
/// reproducible results.
///
/// Results (nothing is written: the result is the answer):
/// - `RPPSPLUS_RESULT_OK`: the code is accepted;
/// - `RPPSPLUS_RESULT_CODE_DEPRECATED`: the code has ended on `date`
///   (`rppsplus_nomenclature_replaced_by` gives the codes to use instead);
/// - `RPPSPLUS_RESULT_CODE_NOT_ALLOWED`: the code exists but the portal does not offer it
///   for this field, or not yet on `date`;
/// - `RPPSPLUS_RESULT_UNKNOWN_CODE`, `RPPSPLUS_RESULT_UNKNOWN_TABLE`;
/// - `RPPSPLUS_RESULT_INVALID_DATE`: `date` is not such a date (`2026-02-30`, `2026-1-5`,
///   an empty string);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `field` or `code` NULL, or `date` NULL with
///   `date_len > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `field`, `code` and `date` (when not NULL) point to `field_len`, `code_len` and
/// `date_len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_nomenclature_check(
    field: *const c_char,
    field_len: usize,
    code: *const c_char,
    code_len: usize,
    date: *const c_char,
    date_len: usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // Every pointer before any text: a NULL is reported whatever the texts hold.
        non_null(&[field, code])?;
        // SAFETY: the caller's contract.
        let at = unsafe { input_date(date, date_len) }?.unwrap_or_else(date::today);
        // SAFETY: the caller's contract.
        let (field, code) = unsafe { table_and_code(field, field_len, code, code_len) }?;
        nomenclature::field(field)?.check(code, at)?;
        Ok(())
    }
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
/// serves, with `rppsplus_entries_is_postal_code()` true. `date` is the reference date for
/// the status of each entry, as for `rppsplus_nomenclature_check` (NULL with `date_len ==
/// 0` = today in UTC). `limit` is the most entries to return (0 gives an empty list for the
/// tables' label searches).
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*entries_out` is a new list;
/// - `RPPSPLUS_RESULT_UNKNOWN_TABLE`, `RPPSPLUS_RESULT_INVALID_DATE`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `table`, `query` or `entries_out` NULL, or `date`
///   NULL with `date_len > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// On any error `*entries_out` is left unchanged and nothing needs freeing.
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
) -> rppsplus_result {
    ffi_panic_boundary! {
        // Every pointer before any text: a NULL is reported whatever the texts hold.
        let entries_out = HandleOut::new(entries_out)?;
        non_null(&[table, query])?;
        // SAFETY: the caller's contract.
        let at = unsafe { input_date(date, date_len) }?.unwrap_or_else(date::today);
        // SAFETY: the caller's contract.
        let (table, query) = unsafe { table_and_code(table, table_len, query, query_len) }?;
        let found = nomenclature::lookup(table, query, at, limit)?;
        // SAFETY: `entries_out` is writable (the caller's contract).
        unsafe { entries_out.set(Entries::new(found.entries, found.postal_code)) };
        Ok(())
    }
}

/// Lists every code a field, value set or table offers on `date`, in the source's order,
/// for a form's list (a dropdown): the CLI's `rppsplus lookup TABLE` without a query, the
/// core's `nomenclature::list`. On success `*entries_out` receives a new list that the
/// caller frees with `rppsplus_entries_free`; read it with the `rppsplus_entries_*_at`
/// accessors (code, label, short label, display label, status, date_fin, replaced_by).
///
/// `name` is as for `rppsplus_nomenclature_label`: a portal field alias gives the codes its
/// value set offers on `date` (`profession`: JDV_J121 as it stood that day, each code in
/// force itself), or the codes of its table in force on `date` when the portal offers the
/// whole table (`sexe`); a value set's NOS name or code (`JDV_J121`) that set's codes, a
/// table's (`TRE_R85`) its codes in force; `commune` every commune (37 590 entries, in code
/// order). `date` is as for `rppsplus_nomenclature_check` (NULL with `date_len == 0` = today
/// in UTC; pass it, and record `rppsplus_nomenclature_meta`'s version in force, for a list
/// you must be able to reproduce).
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*entries_out` is a new list (possibly empty: a value set's
///   version may offer no code in force);
/// - `RPPSPLUS_RESULT_UNKNOWN_TABLE`: `name` names nothing;
/// - `RPPSPLUS_RESULT_INVALID_DATE`: `date` is not a `YYYY-MM-DD` date;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `name` or `entries_out` NULL, or `date` NULL with
///   `date_len > 0`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`; `RPPSPLUS_RESULT_INVALID_PARAMETER` (a length above
///   `PTRDIFF_MAX`); `RPPSPLUS_RESULT_PANIC`.
///
/// On any error `*entries_out` is left unchanged and nothing needs freeing.
///
/// # Safety
///
/// `name` and `date` (when not NULL) point to `name_len` and `date_len` readable bytes;
/// `entries_out` to a writable `rppsplus_entries *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_nomenclature_list(
    name: *const c_char,
    name_len: usize,
    date: *const c_char,
    date_len: usize,
    entries_out: *mut *mut rppsplus_entries,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // Every pointer before any text: a NULL is reported whatever the texts hold.
        let entries_out = HandleOut::new(entries_out)?;
        non_null(&[name])?;
        // SAFETY: the caller's contract.
        let at = unsafe { input_date(date, date_len) }?.unwrap_or_else(date::today);
        // SAFETY: the caller's contract.
        let name = unsafe { input_str(name, name_len) }?;
        let entries = nomenclature::list(name, at)?;
        // SAFETY: `entries_out` is writable (the caller's contract).
        unsafe { entries_out.set(Entries::new(entries, false)) };
        Ok(())
    }
}

/// The number of entries of a list; 0 for NULL.
///
/// # Safety
///
/// `entries` is NULL or a list from `rppsplus_lookup` or `rppsplus_nomenclature_list` not
/// yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_len(entries: *const rppsplus_entries) -> usize {
    ffi_panic_boundary! {
        default = 0;
        try_ref_from_ptr!(entries, or 0).items.len()
    }
}

/// Whether the query of `rppsplus_lookup` was a postal code typed as a commune code (the
/// entries are then the communes it serves, e.g. `75015` -> Paris 15e Arrondissement,
/// `75115`); false otherwise, and for NULL.
///
/// # Safety
///
/// `entries` is NULL or a list from `rppsplus_lookup` or `rppsplus_nomenclature_list` not
/// yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_is_postal_code(entries: *const rppsplus_entries) -> bool {
    ffi_panic_boundary! {
        default = false;
        try_ref_from_ptr!(entries, or false).postal_code
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
        let list = try_ref_from_ptr!(entries, or rppsplus_str::NONE);
        list.items.get(index).map_or(rppsplus_str::NONE, |item| rppsplus_str::of(field(item)))
    }
}

/// The code of entry `index` (`326`, `99100`, a commune's INSEE code `13203`).
///
/// Like every `rppsplus_entries_*_at` text accessor: returns a view valid until the list is
/// freed; `data` is NULL (and `len` 0) when `entries` is NULL or `index >=
/// rppsplus_entries_len(entries)`, never otherwise.
///
/// # Safety
///
/// `entries` is NULL or a list from `rppsplus_lookup` or `rppsplus_nomenclature_list` not
/// yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_code_at(entries: *const rppsplus_entries, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| i.entry.code) }
}

/// The label of entry `index` (a commune's official name). As `rppsplus_entries_code_at`.
///
/// # Safety
///
/// As `rppsplus_entries_code_at`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_label_at(entries: *const rppsplus_entries, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| i.entry.label) }
}

/// The short label of entry `index`, where the code system gives one (TRE_R22's `GENR08`:
/// `Activit\xc3\xa9 de coordination et d'orientation` in UTF-8), else an empty text. As
/// `rppsplus_entries_code_at`.
///
/// # Safety
///
/// As `rppsplus_entries_code_at`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_short_label_at(
    entries: *const rppsplus_entries,
    index: usize,
) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| i.entry.short_label.unwrap_or_default()) }
}

/// The display label of entry `index`: the value set's own label for the code where it
/// differs from the code system's (JDV_J256's `France` for 99100, whose label is
/// `R\xc3\xa9publique fran\xc3\xa7aise`), else an empty text. A form's list shows the
/// display label when it is not empty, the label otherwise. As `rppsplus_entries_code_at`.
///
/// # Safety
///
/// As `rppsplus_entries_code_at`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_display_at(entries: *const rppsplus_entries, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| i.entry.display.unwrap_or_default()) }
}

/// The status of entry `index` at the reference date, the core's name: `active`, or
/// `deprecated` when the code has ended by then (communes are always `active`). As
/// `rppsplus_entries_code_at`.
///
/// # Safety
///
/// As `rppsplus_entries_code_at`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_status_at(entries: *const rppsplus_entries, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| i.entry.status.as_str()) }
}

/// The date the code of entry `index` ended, `YYYY-MM-DD`, or an empty text when it has not
/// (it may be after the reference date: see `rppsplus_entries_status_at`). As
/// `rppsplus_entries_code_at`.
///
/// # Safety
///
/// As `rppsplus_entries_code_at`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_date_fin_at(entries: *const rppsplus_entries, index: usize) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| &i.date_fin) }
}

/// The codes to use instead of the ended code of entry `index`, comma-separated (`328`,
/// `371,372`), or an empty text. As `rppsplus_entries_code_at`.
///
/// # Safety
///
/// As `rppsplus_entries_code_at`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_replaced_by_at(
    entries: *const rppsplus_entries,
    index: usize,
) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| &i.replaced_by) }
}

/// For a commune, its COG type, the core's name: `commune-actuelle`, `commune-deleguee`,
/// `commune-associee` or `arrondissement-municipal`; an empty text for the codes of other
/// tables. As `rppsplus_entries_code_at`.
///
/// # Safety
///
/// As `rppsplus_entries_code_at`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_commune_type_at(
    entries: *const rppsplus_entries,
    index: usize,
) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| i.commune().map_or("", |c| c.kind().as_str())) }
}

/// For a commune, its departement code (`13`, `2A`, `971`); an empty text for the codes of
/// other tables. As `rppsplus_entries_code_at`.
///
/// # Safety
///
/// As `rppsplus_entries_code_at`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_departement_at(
    entries: *const rppsplus_entries,
    index: usize,
) -> rppsplus_str {
    // SAFETY: the caller's contract.
    unsafe { text(entries, index, |i| i.commune().map_or("", Commune::departement)) }
}

/// Whether the portal offers the code of entry `index` for its field at the reference date:
/// `RPPSPLUS_OFFERED_YES` or `_NO`; `RPPSPLUS_OFFERED_NOT_APPLICABLE` for communes, tables
/// without a value set, a NULL list or an index out of range.
///
/// # Safety
///
/// As `rppsplus_entries_code_at`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_offered_at(
    entries: *const rppsplus_entries,
    index: usize,
) -> rppsplus_offered {
    ffi_panic_boundary! {
        default = RPPSPLUS_OFFERED_NOT_APPLICABLE;
        let list = try_ref_from_ptr!(entries, or RPPSPLUS_OFFERED_NOT_APPLICABLE);
        list.items.get(index).map_or(RPPSPLUS_OFFERED_NOT_APPLICABLE, |i| rppsplus_offered::of(i.entry.offered))
    }
}

/// Frees a list from `rppsplus_lookup` or `rppsplus_nomenclature_list`, and the texts its
/// views point to. NULL does nothing. Freeing a list twice, or using it (or one of its
/// views) afterwards, is undefined behaviour; no other call on the list may run at the same
/// time.
///
/// # Safety
///
/// `entries` is NULL or a list from `rppsplus_lookup` or `rppsplus_nomenclature_list` not
/// yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_entries_free(entries: *mut rppsplus_entries) {
    ffi_panic_boundary! {
        default = ();
        // SAFETY: the caller's contract.
        unsafe { free_box(entries) }
    }
}
