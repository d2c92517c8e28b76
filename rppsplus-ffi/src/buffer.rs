//! Strings in and out: `(const char *input, size_t input_len)` and
//! `(char *out, size_t out_cap, size_t *out_len)`.

use std::ffi::c_char;
use std::{ptr, slice, str};

use crate::result::rppsplus_result;

/// Borrows `len` bytes at `input` as UTF-8.
///
/// Errors: NULL `input` -> `NullParameter`; `len > isize::MAX` (no valid buffer is that
/// long) -> `InvalidParameter`; bytes not UTF-8 -> `InvalidUtf8`.
///
/// # Safety
///
/// When not NULL, `input` must point to `len` readable bytes that stay unchanged while the
/// returned string is in use.
pub(crate) unsafe fn input_str<'a>(input: *const c_char, len: usize) -> Result<&'a str, rppsplus_result> {
    // SAFETY: forwarded to the caller.
    let bytes = unsafe { input_bytes(input, len) }?;
    str::from_utf8(bytes).map_err(|_| rppsplus_result::InvalidUtf8)
}

/// Borrows `len` bytes at `input`, whatever they hold (for the inputs the core reads as
/// bytes, such as JSON documents).
///
/// Errors: NULL `input` -> `NullParameter`; `len > isize::MAX` -> `InvalidParameter`.
///
/// # Safety
///
/// As [`input_str`].
pub(crate) unsafe fn input_bytes<'a>(input: *const c_char, len: usize) -> Result<&'a [u8], rppsplus_result> {
    if input.is_null() {
        return Err(rppsplus_result::NullParameter);
    }
    if isize::try_from(len).is_err() {
        return Err(rppsplus_result::InvalidParameter);
    }
    // SAFETY: non-NULL, `len` readable bytes (caller), `len <= isize::MAX` (checked above).
    Ok(unsafe { slice::from_raw_parts(input.cast::<u8>(), len) })
}

/// A caller's output buffer, checked for NULL.
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
            return Err(rppsplus_result::NullParameter);
        }
        Ok(Self { out, cap, out_len })
    }

    /// Writes `s` and its terminating NUL when `s.len() + 1 <= cap`; otherwise writes an
    /// empty string (when `cap > 0`) and returns `InsufficientSize`. `*out_len` = `s.len()`
    /// in both cases.
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
                if self.cap > 0 {
                    *self.out = 0;
                }
                Err(rppsplus_result::InsufficientSize)
            }
        }
    }
}
