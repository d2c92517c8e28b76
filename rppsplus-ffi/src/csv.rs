//! Collection files (docs/domain.md section 4.6) item by item: `rppsplus_csv_open` opens a
//! CSV file or a workbook, `rppsplus_csv_next` gives its items one after the other (the findings about the
//! file itself, then each demande with its line and record number), in bounded memory,
//! `rppsplus_csv_free` closes it.
//!
//! Everything here converts: the reading, the rules and the findings are the core's
//! (`rppsplus_core::demande::collection_reports`).

use std::ffi::c_char;
use std::fs::File;
use std::path::PathBuf;
use std::ptr::{self, NonNull};

use rppsplus_core::demande::{self, CollectionReports, CsvItem};

use crate::buffer::{OptionalOut, input_bytes};
use crate::handle::{Castable, HandleOut, OwnershipBox, free_box, to_const_ptr, try_from};
use crate::options::{ValidateOptions, rppsplus_validate_options};
use crate::report::rppsplus_report;
use crate::result::{RPPSPLUS_RESULT_IO_ERROR, RPPSPLUS_RESULT_NULL_PARAMETER, rppsplus_result};

/// An open collection file, read item by item (`rppsplus_csv_next`).
///
/// - Owner: the caller, who frees it once with `rppsplus_csv_free` (freeing NULL does
///   nothing); a `Box` handle. The report of the last item read is borrowed from it.
/// - Threads: `rppsplus_csv_next` and `rppsplus_csv_free` need it exclusively (one thread
///   at a time); different files may be read on different threads at once.
/// - Memory: a chunk of the file at a time, whatever its size (docs/domain.md section 4.6).
pub struct rppsplus_csv {
    _private: [u8; 0],
}

/// The reader of a file and its last item.
pub(crate) struct CsvFile {
    items: CollectionReports<File>,
    current: Option<CsvItem>,
}

impl Castable for rppsplus_csv {
    type Ownership = OwnershipBox;
    type RustType = CsvFile;
}

/// The path of `len` bytes at `path`: any bytes on Unix, UTF-8 elsewhere.
///
/// # Safety
///
/// As `input_bytes`.
pub(crate) unsafe fn input_path(path: *const c_char, len: usize) -> Result<PathBuf, rppsplus_result> {
    // SAFETY: forwarded to the caller.
    let bytes = unsafe { input_bytes(path, len) }?;
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Ok(PathBuf::from(std::ffi::OsStr::from_bytes(bytes)))
    }
    #[cfg(not(unix))]
    {
        let text = std::str::from_utf8(bytes).map_err(|_| crate::result::RPPSPLUS_RESULT_INVALID_UTF8)?;
        Ok(PathBuf::from(text))
    }
}

/// Opens the CSV collection file at `path` (`path_len` bytes, no NUL needed) for reading item
/// by item with `rppsplus_csv_next`, and writes the new reader to `*csv_out`, which the
/// caller frees with `rppsplus_csv_free`. The file is read as the CLI and Python read it:
/// what Excel writes, read as it means (docs/domain.md section 4.6); a workbook (`.xlsx`,
/// `.xlsm`, `.ods`, `.xls`, known by its content) is read from its first sheet, its typed
/// cells as its CSV export holds them, each demande's line being its row in the sheet.
///
/// `options` may be NULL (the defaults); the reader copies them, and does not keep the
/// pointer.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: `*csv_out` is a new reader;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `path` or `csv_out` NULL;
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `path_len` above `PTRDIFF_MAX`;
/// - `RPPSPLUS_RESULT_INVALID_UTF8`: a path that is not UTF-8, on a system other than Unix;
/// - `RPPSPLUS_RESULT_IO_ERROR`: the file cannot be opened or read;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// On error `*csv_out` is unchanged and there is nothing to free.
///
/// # Safety
///
/// `path` points to `path_len` readable bytes; `options` is NULL or an options object not
/// yet freed and not modified during the call; `csv_out` points to a writable
/// `rppsplus_csv *`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_csv_open(
    path: *const c_char,
    path_len: usize,
    options: *const rppsplus_validate_options,
    csv_out: *mut *mut rppsplus_csv,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let csv_out = HandleOut::new(csv_out)?;
        // SAFETY: the caller's contract.
        let path = unsafe { input_path(path, path_len) }?;
        // SAFETY: the caller's contract.
        let options = unsafe { try_from(options) }.map_or_else(|| ValidateOptions::default().core(), ValidateOptions::core);
        let file = File::open(path).map_err(|_| RPPSPLUS_RESULT_IO_ERROR)?;
        let items = demande::collection_reports(file, None, options).map_err(|_| RPPSPLUS_RESULT_IO_ERROR)?;
        // SAFETY: `csv_out` is writable (the caller's contract).
        unsafe { csv_out.set(CsvFile { items, current: None }) };
        Ok(())
    }
}

/// Reads the next item of the file: `*report_out` is its report, borrowed from the reader
/// (never free it; valid until the next `rppsplus_csv_next` or `rppsplus_csv_free` on this
/// reader); `*line_out` the physical line where the demande's row starts and `*record_out`
/// its row in the spreadsheet after the header, from 1; both are 0 for the findings about the
/// file itself, which are no demande (its columns, its encoding, a limit reached: the
/// header's come first, a later one where it is found). At the end of the file,
/// `*report_out` is NULL and both numbers are 0. `line_out` and `record_out` may be NULL.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the outputs are written (`*report_out` NULL at the end);
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `csv` or `report_out` NULL;
/// - `RPPSPLUS_RESULT_IO_ERROR`: reading the file failed; the reader then gives the end;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `csv` is NULL or a reader not yet freed, used by no other thread during the call;
/// `report_out` points to a writable `const rppsplus_report *`; `line_out` and `record_out`
/// are NULL or point to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_csv_next(
    csv: *mut rppsplus_csv,
    report_out: *mut *const rppsplus_report,
    line_out: *mut usize,
    record_out: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        let report_out = NonNull::new(report_out).ok_or(RPPSPLUS_RESULT_NULL_PARAMETER)?;
        let csv = try_mut_from_ptr!(csv);
        // SAFETY: NULL or writable (the caller's contract).
        let (line_out, record_out) = unsafe { (OptionalOut::new(line_out), OptionalOut::new(record_out)) };
        csv.current = csv.items.next().transpose().map_err(|_| RPPSPLUS_RESULT_IO_ERROR)?;
        let (report, line, record) = match &csv.current {
            Some(item) => (to_const_ptr::<rppsplus_report>(item.report()), item.line(), item.record()),
            None => (ptr::null(), None, None),
        };
        // SAFETY: writable (the caller's contract).
        unsafe { report_out.as_ptr().write(report) };
        line_out.set(line.unwrap_or(0));
        record_out.set(record.unwrap_or(0));
        Ok(())
    }
}

/// Closes a reader from `rppsplus_csv_open` (the report of its last item goes with it). NULL
/// does nothing. Freeing a reader twice, or using it or a report from it afterwards, is
/// undefined behaviour.
///
/// # Safety
///
/// `csv` is NULL or a reader from `rppsplus_csv_open` not yet freed, used by no other thread.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_csv_free(csv: *mut rppsplus_csv) {
    ffi_panic_boundary! {
        default = ();
        // SAFETY: the caller's contract.
        unsafe { free_box(csv) }
    }
}
