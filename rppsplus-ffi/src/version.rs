//! The library version, from `CARGO_PKG_VERSION`.

use std::ffi::{CStr, c_char};

/// `CARGO_PKG_VERSION`, NUL-terminated.
const VERSION: &CStr = match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
    Ok(v) => v,
    Err(_) => panic!("the package version contains a NUL byte"),
};

/// Parses a decimal version component at compile time.
const fn component(s: &str) -> u32 {
    let bytes = s.as_bytes();
    assert!(!bytes.is_empty(), "empty version component");
    let mut value = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        assert!(bytes[i].is_ascii_digit(), "non-numeric version component");
        value = value * 10 + (bytes[i] - b'0') as u32;
        i += 1;
    }
    value
}

/// `major << 16 | minor << 8 | patch`, the value of the header's `RPPSPLUS_VERSION_NUMBER`.
pub const VERSION_NUMBER: u32 = {
    let major = component(env!("CARGO_PKG_VERSION_MAJOR"));
    let minor = component(env!("CARGO_PKG_VERSION_MINOR"));
    let patch = component(env!("CARGO_PKG_VERSION_PATCH"));
    assert!(minor < 256 && patch < 256, "minor and patch must fit in 8 bits");
    (major << 16) | (minor << 8) | patch
};

/// The version of the library, e.g. `"0.1.0"`: a static NUL-terminated string, never
/// freed by the caller. Compare it (or `rppsplus_version_number()`) with the header's
/// `RPPSPLUS_VERSION_*` macros to detect a header/library mismatch. Never returns NULL (an
/// empty string if an internal panic was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_version() -> *const c_char {
    ffi_panic_boundary! { default = c"".as_ptr(); VERSION.as_ptr() }
}

/// The version of the library as `major << 16 | minor << 8 | patch`, the value of the
/// header's `RPPSPLUS_VERSION_NUMBER` for the same version. Returns 0 if an internal panic
/// was caught.
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_version_number() -> u32 {
    ffi_panic_boundary! { default = 0; VERSION_NUMBER }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_matches_cargo() {
        assert_eq!(VERSION.to_str(), Ok(env!("CARGO_PKG_VERSION")));
        let expected = format!(
            "{}.{}.{}",
            VERSION_NUMBER >> 16,
            (VERSION_NUMBER >> 8) & 0xff,
            VERSION_NUMBER & 0xff
        );
        assert!(env!("CARGO_PKG_VERSION").starts_with(&expected));
    }
}
