//! The panic boundary every exported function runs inside.
//!
//! Since Rust 1.81 a panic unwinding out of an `extern "C"` function aborts the process; we
//! would rather hand the caller an error code, so each body runs under
//! [`std::panic::catch_unwind`]. (The crate must keep `panic = "unwind"` for this to work.)

/// Runs a function body, turning a panic into a value the caller can handle.
///
/// - `ffi_panic_boundary! { body }`: `body` is a block of type
///   `Result<(), rppsplus_result>` (`?` and `return Err(..)` work in it); the macro yields
///   `RPPSPLUS_RESULT_OK` for `Ok(())`, the code for `Err(code)`, and `RPPSPLUS_RESULT_PANIC`
///   for a panic.
/// - `ffi_panic_boundary! { default = value; body }`: for the functions that return
///   something else (a length, a view, a static name); a panic yields `value`, and so may
///   an early `return` in `body`.
macro_rules! ffi_panic_boundary {
    (default = $default:expr; $($body:tt)*) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| { $($body)* })) {
            Ok(value) => value,
            Err(_) => $default,
        }
    };
    ($($body:tt)*) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(
            || -> ::std::result::Result<(), $crate::result::rppsplus_result> { $($body)* },
        )) {
            Ok(Ok(())) => $crate::result::RPPSPLUS_RESULT_OK,
            Ok(Err(code)) => code,
            Err(_) => $crate::result::RPPSPLUS_RESULT_PANIC,
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::result::{RPPSPLUS_RESULT_INVALID_UTF8, RPPSPLUS_RESULT_OK, RPPSPLUS_RESULT_PANIC, rppsplus_result};

    fn boom(really: bool) -> Result<(), rppsplus_result> {
        if really {
            panic!("boom");
        }
        Err(RPPSPLUS_RESULT_INVALID_UTF8)
    }

    #[test]
    fn a_panic_becomes_the_panic_code() {
        let code = ffi_panic_boundary! { boom(true) };
        assert_eq!(code, RPPSPLUS_RESULT_PANIC);
        let code = ffi_panic_boundary! { boom(false) };
        assert_eq!(code, RPPSPLUS_RESULT_INVALID_UTF8);
        let code = ffi_panic_boundary! { Ok(()) };
        assert_eq!(code, RPPSPLUS_RESULT_OK);
        let value: usize = ffi_panic_boundary! { default = 7; panic!("boom") };
        assert_eq!(value, 7);
    }
}
