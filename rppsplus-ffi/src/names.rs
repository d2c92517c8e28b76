//! The core's names as C reads them, and the values of the core's closed sets as C passes
//! them.
//!
//! - A value of a closed set of the core (an identifier kind, a stage, an actor, a
//!   severity: the `names!` sets of `rppsplus_core::names`) crosses the ABI as its index in
//!   the core's `ALL` order: [`from_value`] and [`to_value`] are the one mapping, so no list
//!   of values is written here.
//! - The names C prints (`rppsplus_kind_name`, `rppsplus_result_name`...) are the core's
//!   `as_str()`, copied with a NUL at compile time by [`CNames::new`]: static, never freed,
//!   no table built at run time.

use std::ffi::{CStr, c_char};

use rppsplus_core::FindingCode;
use rppsplus_core::names::Named;

use crate::result::{RPPSPLUS_RESULT_INVALID_PARAMETER, rppsplus_result};

/// The name of a value that is not one of its set.
pub(crate) const UNKNOWN: &CStr = c"unknown";

/// The longest name, with its NUL, that [`CNames`] holds.
const NAME_CAP: usize = 32;

/// NUL-terminated copies of a set's names, made at compile time.
pub(crate) struct CNames<const N: usize>([[u8; NAME_CAP]; N]);

impl<const N: usize> CNames<N> {
    /// Copies `names` (exactly `N`, each shorter than 32 bytes, no NUL): checked at compile
    /// time.
    pub(crate) const fn new(names: &[&str]) -> Self {
        assert!(names.len() == N, "CNames::new: wrong count");
        let mut out = [[0u8; NAME_CAP]; N];
        let mut i = 0;
        while i < N {
            let bytes = names[i].as_bytes();
            assert!(bytes.len() < NAME_CAP, "CNames::new: name too long");
            let mut j = 0;
            while j < bytes.len() {
                assert!(bytes[j] != 0, "CNames::new: NUL in a name");
                out[i][j] = bytes[j];
                j += 1;
            }
            i += 1;
        }
        Self(out)
    }

    /// Name `index`.
    pub(crate) fn get(&'static self, index: usize) -> Option<&'static CStr> {
        self.0.get(index).and_then(|name| CStr::from_bytes_until_nul(name).ok())
    }

    /// The name of a `uint32_t` from C (its index), or `"unknown"`, as a C string.
    pub(crate) fn of(&'static self, value: u32) -> *const c_char {
        usize::try_from(value)
            .ok()
            .and_then(|i| self.get(i))
            .unwrap_or(UNKNOWN)
            .as_ptr()
    }
}

/// The finding codes of the core, with a NUL.
static FINDING_CODES: CNames<{ FindingCode::NAMES.len() }> = CNames::new(FindingCode::NAMES);

/// The name of a finding code (`"invalid_checksum"`), NUL-terminated.
pub(crate) fn finding_code(code: FindingCode) -> &'static CStr {
    FindingCode::ALL
        .iter()
        .position(|c| *c == code)
        .and_then(|i| FINDING_CODES.get(i))
        .unwrap_or(UNKNOWN)
}

/// The value of the set `T` that C passes as `value`: its index in the core's `ALL`.
/// `INVALID_PARAMETER` for any other integer.
pub(crate) fn from_value<T: Named>(value: u32) -> Result<T, rppsplus_result> {
    usize::try_from(value)
        .ok()
        .and_then(|i| T::NAMES.get(i))
        .and_then(|name| name.parse().ok())
        .ok_or(RPPSPLUS_RESULT_INVALID_PARAMETER)
}

/// The `uint32_t` C receives for `value`: its index in the core's `ALL`.
pub(crate) fn to_value<T: Named>(value: T) -> u32 {
    let index = T::NAMES.iter().position(|name| *name == value.name());
    // A set has a few names: its indexes fit in 32 bits.
    index.and_then(|i| u32::try_from(i).ok()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use rppsplus_core::demande::{Actor, Severity, Stage};
    use rppsplus_core::ids::IdKind;

    use super::*;

    fn round_trip<T: Named + PartialEq + std::fmt::Debug>(all: &[T]) {
        for (i, value) in all.iter().enumerate() {
            let v = u32::try_from(i).unwrap();
            assert_eq!(to_value(*value), v);
            assert_eq!(from_value::<T>(v), Ok(*value));
        }
        let past = u32::try_from(all.len()).unwrap();
        assert_eq!(from_value::<T>(past), Err(RPPSPLUS_RESULT_INVALID_PARAMETER));
        assert_eq!(from_value::<T>(u32::MAX), Err(RPPSPLUS_RESULT_INVALID_PARAMETER));
    }

    #[test]
    fn values_are_the_index_in_the_core_order() {
        round_trip(IdKind::ALL);
        round_trip(Stage::ALL);
        round_trip(Actor::ALL);
        round_trip(Severity::ALL);
    }

    #[test]
    fn names_are_the_core_names() {
        static KINDS: CNames<{ IdKind::NAMES.len() }> = CNames::new(IdKind::NAMES);
        for (i, kind) in IdKind::ALL.iter().enumerate() {
            assert_eq!(KINDS.get(i).and_then(|c| c.to_str().ok()), Some(kind.as_str()));
        }
        assert_eq!(KINDS.get(IdKind::ALL.len()), None);
        for code in FindingCode::ALL {
            assert_eq!(finding_code(*code).to_str(), Ok(code.as_str()));
        }
    }
}
