//! Text and values in and out: `(const char *input, size_t input_len)`, reference dates,
//! `(char *out, size_t out_cap, size_t *out_len)`, optional value outputs (`warning_out`) and
//! the `rppsplus_str` views of the accessors.

use std::ffi::c_char;
use std::{ptr, slice, str};

use chrono::NaiveDate;
use rppsplus_core::date;

use crate::handle::{Castable, try_from};
use crate::result::{
    RPPSPLUS_RESULT_INSUFFICIENT_SIZE, RPPSPLUS_RESULT_INVALID_PARAMETER, RPPSPLUS_RESULT_INVALID_UTF8,
    RPPSPLUS_RESULT_NULL_PARAMETER, rppsplus_result,
};

/// Borrows `len` bytes at `input` as UTF-8.
///
/// Errors: NULL `input` -> `NULL_PARAMETER`; `len > PTRDIFF_MAX` (no valid buffer is that
/// long) -> `INVALID_PARAMETER`; bytes not UTF-8 -> `INVALID_UTF8`.
///
/// # Safety
///
/// When not NULL, `input` must point to `len` readable bytes that stay unchanged while the
/// returned string is in use.
pub(crate) unsafe fn input_str<'a>(input: *const c_char, len: usize) -> Result<&'a str, rppsplus_result> {
    // SAFETY: forwarded to the caller.
    let bytes = unsafe { input_bytes(input, len) }?;
    str::from_utf8(bytes).map_err(|_| RPPSPLUS_RESULT_INVALID_UTF8)
}

/// Borrows `len` bytes at `input`, whatever they hold (for the inputs the core reads as
/// bytes, such as JSON documents).
///
/// Errors: NULL `input` -> `NULL_PARAMETER`; `len > PTRDIFF_MAX` -> `INVALID_PARAMETER`.
///
/// # Safety
///
/// As [`input_str`].
pub(crate) unsafe fn input_bytes<'a>(input: *const c_char, len: usize) -> Result<&'a [u8], rppsplus_result> {
    if input.is_null() {
        return Err(RPPSPLUS_RESULT_NULL_PARAMETER);
    }
    if isize::try_from(len).is_err() {
        return Err(RPPSPLUS_RESULT_INVALID_PARAMETER);
    }
    // SAFETY: non-NULL, `len` readable bytes (caller), `len <= isize::MAX` (checked above).
    Ok(unsafe { slice::from_raw_parts(input.cast::<u8>(), len) })
}

/// A reference date: `date == NULL` with `date_len == 0` is `None` ("today in UTC", which
/// the caller takes with [`date::today`] when it needs it), else `YYYY-MM-DD` read by the
/// core's one date parser ([`date::parse`]).
///
/// Errors: NULL `date` with `date_len > 0` -> `NULL_PARAMETER`; not such a date ->
/// `INVALID_DATE`; and those of [`input_str`].
///
/// # Safety
///
/// As [`input_str`].
pub(crate) unsafe fn input_date(date: *const c_char, date_len: usize) -> Result<Option<NaiveDate>, rppsplus_result> {
    if date.is_null() && date_len == 0 {
        return Ok(None);
    }
    // SAFETY: forwarded to the caller.
    let text = unsafe { input_str(date, date_len) }?;
    Ok(Some(date::parse(text)?))
}

/// A caller's text output `(char *out, size_t out_cap, size_t *out_len)`, checked for NULL
/// before any input is read.
pub(crate) struct Output {
    out: *mut c_char,
    cap: usize,
    out_len: *mut usize,
}

impl Output {
    /// Checks the pointers: `out_len` must not be NULL, `out` may be NULL only when
    /// `cap == 0` (then a write only reports the length).
    ///
    /// # Safety
    ///
    /// When not NULL, `out` must point to `cap` writable bytes and `out_len` to a writable
    /// `size_t`, neither overlapping the input, for as long as this value is used.
    pub(crate) unsafe fn new(out: *mut c_char, cap: usize, out_len: *mut usize) -> Result<Self, rppsplus_result> {
        if out_len.is_null() || (out.is_null() && cap != 0) {
            return Err(RPPSPLUS_RESULT_NULL_PARAMETER);
        }
        Ok(Self { out, cap, out_len })
    }

    /// Writes `s`, its terminating NUL and `*out_len = s.len()` when `s.len() + 1 <= cap`.
    /// Otherwise writes only `*out_len = s.len()` (the length needed; the buffer is not
    /// touched) and returns `INSUFFICIENT_SIZE`.
    pub(crate) fn write(&self, s: &str) -> Result<(), rppsplus_result> {
        // SAFETY: `Output::new`'s contract: `out_len` is writable, `out` has `cap` writable
        // bytes (or is NULL with `cap == 0`, when nothing is written through it), and the
        // regions do not overlap `s`, which the core produced.
        unsafe {
            *self.out_len = s.len();
            if s.len() < self.cap {
                ptr::copy_nonoverlapping(s.as_ptr(), self.out.cast::<u8>(), s.len());
                *self.out.add(s.len()) = 0;
                Ok(())
            } else {
                Err(RPPSPLUS_RESULT_INSUFFICIENT_SIZE)
            }
        }
    }
}

/// The body of every `_to_json` function: checks the output's pointers, then the handle
/// (`NULL_PARAMETER` for NULL), then writes the JSON `json` makes of it (`serde_json` of a
/// core type: compact, UTF-8, the core's serialization, as the CLI and Python give it).
///
/// # Safety
///
/// `handle` is NULL or a live handle of type `C`; the contract of [`Output::new`].
pub(crate) unsafe fn write_json<C: Castable>(
    handle: *const C,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
    json: impl FnOnce(&C::RustType) -> serde_json::Result<String>,
) -> Result<(), rppsplus_result> {
    // SAFETY: forwarded to the caller.
    let output = unsafe { Output::new(out, out_cap, out_len) }?;
    // SAFETY: forwarded to the caller.
    let handle = unsafe { try_from(handle) }.ok_or(RPPSPLUS_RESULT_NULL_PARAMETER)?;
    // The core's types always serialize (string keys, no custom failure): an error here is a
    // bug, caught by the panic boundary.
    output.write(&json(handle).expect("the core's types serialize to JSON"))
}

/// An output the caller may decline by passing NULL (`rppsplus_warning *warning_out`).
pub(crate) struct OptionalOut<T>(*mut T);

impl<T> OptionalOut<T> {
    /// # Safety
    ///
    /// `out` is NULL or points to a writable `T` for as long as this value is used.
    pub(crate) unsafe fn new(out: *mut T) -> Self {
        Self(out)
    }

    /// Writes `value` unless the pointer is NULL.
    pub(crate) fn set(self, value: T) {
        if !self.0.is_null() {
            // SAFETY: not NULL, writable (`OptionalOut::new`'s contract).
            unsafe { self.0.write(value) };
        }
    }
}

/// A borrowed view of UTF-8 text: `len` bytes at `data`, **not** NUL-terminated (print it
/// with `printf("%.*s", (int)s.len, s.data)`).
///
/// A view returned by an accessor (`rppsplus_entries_*_at`, `rppsplus_report_*_at`) borrows
/// from the handle it was read from: it is valid until that handle is freed; never free
/// `data` itself. `data` is never NULL for an entry of a list or a finding of a report (an
/// empty text points to a static empty string); it is NULL, with `len` 0, only when the
/// accessor has nothing to return (a NULL handle, an index out of range, a `lang` that is
/// not an `rppsplus_lang`).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct rppsplus_str {
    /// The first byte (not NUL-terminated), or NULL for "nothing".
    pub data: *const c_char,
    /// The length in bytes.
    pub len: usize,
}

impl rppsplus_str {
    /// Nothing: a NULL handle, an index out of range.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::result::RPPSPLUS_RESULT_INVALID_DATE;

    /// `input_date` on a Rust string.
    fn date_of(text: &str) -> Result<Option<NaiveDate>, rppsplus_result> {
        // SAFETY: a live string of `text.len()` bytes.
        unsafe { input_date(text.as_ptr().cast(), text.len()) }
    }

    #[test]
    fn dates_are_the_cores() {
        assert_eq!(date_of("2026-11-23"), Ok(NaiveDate::from_ymd_opt(2026, 11, 23)));
        assert_eq!(date_of("0000-01-01"), Ok(NaiveDate::from_ymd_opt(0, 1, 1)));
        for bad in [
            "",
            "2026-1-5",
            "2026-02-30",
            " 2026-11-23",
            "+2026-11-23",
            "2026-11-23 ",
        ] {
            assert_eq!(date_of(bad), Err(RPPSPLUS_RESULT_INVALID_DATE), "{bad:?}");
        }
        // SAFETY: NULL with length 0 is "today"; NULL with a length is refused unread.
        unsafe {
            assert_eq!(input_date(ptr::null(), 0), Ok(None));
            assert_eq!(input_date(ptr::null(), 10), Err(RPPSPLUS_RESULT_NULL_PARAMETER));
        }
    }

    #[test]
    fn too_small_writes_only_the_length() {
        let mut buf = [b'x' as c_char; 4];
        let mut len = 0;
        // SAFETY: a 4-byte buffer and a writable length.
        let output = unsafe { Output::new(buf.as_mut_ptr(), buf.len(), &mut len) }.unwrap();
        assert_eq!(output.write("1234"), Err(RPPSPLUS_RESULT_INSUFFICIENT_SIZE));
        assert_eq!((len, buf), (4, [b'x' as c_char; 4]));
        assert_eq!(output.write("123"), Ok(()));
        assert_eq!((len, buf[3]), (3, 0));
    }

    #[test]
    fn empty_views_are_never_dangling() {
        let v = rppsplus_str::of("");
        assert!(!v.data.is_null());
        assert_eq!(v.len, 0);
        assert!(rppsplus_str::NONE.data.is_null());
    }
}
