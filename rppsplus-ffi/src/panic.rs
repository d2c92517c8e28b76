//! The panic boundary every exported function runs inside.
//!
//! Since Rust 1.81 a panic unwinding out of an `extern "C"` function aborts the process; we
//! would rather hand the caller an error code, so each body runs under
//! [`std::panic::catch_unwind`]. (The crate must keep `panic = "unwind"` for this to work.)

/// Runs a function body, turning a panic into a value the caller can handle.
///
/// - `ffi_panic_boundary! { body }`: `body` evaluates to an
///   [`rppsplus_result`](crate::rppsplus_result); the macro yields it as `u32`, and a panic
///   yields `RPPSPLUS_RESULT_PANIC`.
/// - `ffi_panic_boundary! { default = value; body }`: for the functions that return
///   something else; a panic yields `value`.
macro_rules! ffi_panic_boundary {
    (default = $default:expr; $($body:tt)*) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| { $($body)* })) {
            Ok(value) => value,
            Err(_) => $default,
        }
    };
    ($($body:tt)*) => {
        (ffi_panic_boundary! {
            default = $crate::result::rppsplus_result::Panic;
            $($body)*
        }) as u32
    };
}

#[cfg(test)]
mod tests {
    use crate::result::rppsplus_result;

    fn boom(really: bool) -> rppsplus_result {
        if really {
            panic!("boom");
        }
        rppsplus_result::Ok
    }

    #[test]
    fn a_panic_becomes_the_panic_code() {
        let code: u32 = ffi_panic_boundary! { boom(true) };
        assert_eq!(code, rppsplus_result::Panic as u32);
        let code: u32 = ffi_panic_boundary! { boom(false) };
        assert_eq!(code, rppsplus_result::Ok as u32);
        let value: usize = ffi_panic_boundary! { default = 7; panic!("boom") };
        assert_eq!(value, 7);
    }
}
