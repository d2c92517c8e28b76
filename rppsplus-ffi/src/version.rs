//! The library version, from `CARGO_PKG_VERSION`, and the ABI check a program runs at start
//! (`rppsplus_check_version`; the promise is written in `README.md`, "ABI stability").

use std::ffi::{CStr, c_char};

use crate::result::{RPPSPLUS_RESULT_VERSION_MISMATCH, rppsplus_result};

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

/// Whether a library of version `library` serves a program compiled against the header of
/// version `header` (both `major << 16 | minor << 8 | patch`): before 1.0, only the same
/// version; from 1.0 on, the same major version and a library at least as new as the header
/// (functions are only added within a major version).
const fn serves(library: u32, header: u32) -> bool {
    let major = library >> 16;
    if major == 0 {
        library == header
    } else {
        header >> 16 == major && header <= library
    }
}

/// Checks that this library can serve a program compiled against the header of version
/// `header_version`. Call it once at start with the header's macro, before any other
/// function, and refuse to go on when it fails:
///
/// ```c
/// if (rppsplus_check_version(RPPSPLUS_VERSION_NUMBER) != RPPSPLUS_RESULT_OK) {
///   fprintf(stderr, "librppsplus %s cannot serve a program built for %d.%d.%d\n", rppsplus_version(),
///           RPPSPLUS_VERSION_MAJOR, RPPSPLUS_VERSION_MINOR, RPPSPLUS_VERSION_PATCH);
///   return 2;
/// }
/// ```
///
/// The rule (rppsplus-ffi/README.md, "ABI stability"): before 1.0 the library serves only the exact version
/// its header came from; from 1.0 on, a program built against any header of the same major
/// version that is not newer than the library. A shared library replaced by another version
/// (the same SONAME `librppsplus.so.0` on Linux, any `rppsplus.dll` on Windows) is caught here
/// instead of misbehaving later.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the library serves the program;
/// - `RPPSPLUS_RESULT_VERSION_MISMATCH`: it does not (`rppsplus_version()` says which it is);
/// - `RPPSPLUS_RESULT_PANIC`.
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_check_version(header_version: u32) -> rppsplus_result {
    ffi_panic_boundary! {
        if serves(VERSION_NUMBER, header_version) { Ok(()) } else { Err(RPPSPLUS_RESULT_VERSION_MISMATCH) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::result::RPPSPLUS_RESULT_OK;

    const fn v(major: u32, minor: u32, patch: u32) -> u32 {
        (major << 16) | (minor << 8) | patch
    }

    #[test]
    fn before_1_0_only_the_exact_version_serves() {
        assert!(serves(v(0, 1, 0), v(0, 1, 0)));
        for header in [v(0, 0, 9), v(0, 1, 1), v(0, 2, 0), v(1, 1, 0), 0] {
            assert!(!serves(v(0, 1, 0), header), "{header:#x}");
        }
    }

    #[test]
    fn from_1_0_an_older_header_of_the_same_major_is_served() {
        let library = v(1, 4, 2);
        for header in [v(1, 0, 0), v(1, 3, 9), v(1, 4, 0), v(1, 4, 2)] {
            assert!(serves(library, header), "{header:#x}");
        }
        for header in [v(1, 4, 3), v(1, 5, 0), v(0, 9, 0), v(2, 0, 0)] {
            assert!(!serves(library, header), "{header:#x}");
        }
    }

    #[test]
    fn this_library_serves_its_own_header_only() {
        assert_eq!(rppsplus_check_version(VERSION_NUMBER), RPPSPLUS_RESULT_OK);
        assert_eq!(
            rppsplus_check_version(VERSION_NUMBER + 1),
            RPPSPLUS_RESULT_VERSION_MISMATCH
        );
        assert_eq!(rppsplus_check_version(u32::MAX), RPPSPLUS_RESULT_VERSION_MISMATCH);
    }

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
