//! The collection file's template (docs/domain.md section 4.6): `rppsplus_template_write`
//! writes it to a file. The template is the core's (`demande::sheet::write_template`).

use std::ffi::c_char;

use rppsplus_core::date;
use rppsplus_core::demande::sheet::{SheetFormat, write_template};

use crate::buffer::input_date;
use crate::csv::input_path;
use crate::names::{CNames, from_value};
use crate::result::{RPPSPLUS_RESULT_IO_ERROR, rppsplus_result};

/// The format of a spreadsheet: `typedef uint32_t rppsplus_sheet_format`, with the
/// `RPPSPLUS_SHEET_FORMAT_*` constants, whose values are the order of the core's
/// `SheetFormat::ALL` and whose names (`rppsplus_sheet_format_name`) are the core's.
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_sheet_format(pub u32);

/// An Excel workbook (`xlsx`): dropdowns, comments, a sheet of the codes.
pub const RPPSPLUS_SHEET_FORMAT_XLSX: rppsplus_sheet_format = rppsplus_sheet_format(0);
/// CSV as a French Excel reads it (`csv`): UTF-8 with a BOM, `;`, CRLF.
pub const RPPSPLUS_SHEET_FORMAT_CSV: rppsplus_sheet_format = rppsplus_sheet_format(1);

/// The core's names of the formats, with a NUL.
static SHEET_FORMAT_NAMES: CNames<{ SheetFormat::NAMES.len() }> = CNames::new(SheetFormat::NAMES);

/// The name of a format (`xlsx`, `csv`), or `"unknown"` for any other integer. Static and
/// NUL-terminated: never free it. Never returns NULL (an empty string if an internal panic
/// was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_sheet_format_name(format: rppsplus_sheet_format) -> *const c_char {
    ffi_panic_boundary! { default = c"".as_ptr(); SHEET_FORMAT_NAMES.of(format.0) }
}

/// Writes the empty collection file to `path` (`path_len` bytes, no NUL needed) in `format`:
/// XLSX (the portal's labels as headers, a comment on each, a dropdown on each coded column
/// of the values in force on `date`, dates as date cells, a sheet "Codes") or CSV (the
/// headers alone). `date` is `YYYY-MM-DD` (NULL with `date_len == 0`: today in UTC). An
/// existing file is replaced.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the file is written;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `path` NULL, or `date` NULL with `date_len > 0`;
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `format` is no `RPPSPLUS_SHEET_FORMAT_*`, or a
///   length above `PTRDIFF_MAX`;
/// - `RPPSPLUS_RESULT_INVALID_DATE`: `date` is not a `YYYY-MM-DD` date;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`: `date`, or a path on a system other than Unix;
/// - `RPPSPLUS_RESULT_IO_ERROR`: the file cannot be written;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `path` points to `path_len` readable bytes; `date` (when not NULL) to `date_len`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_template_write(
    path: *const c_char,
    path_len: usize,
    format: rppsplus_sheet_format,
    date: *const c_char,
    date_len: usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        let path = unsafe { input_path(path, path_len) }?;
        let format: SheetFormat = from_value(format.0)?;
        // SAFETY: the caller's contract.
        let at = unsafe { input_date(date, date_len) }?.unwrap_or_else(date::today);
        write_template(&path, format, at).map_err(|_| RPPSPLUS_RESULT_IO_ERROR)
    }
}
