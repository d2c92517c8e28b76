//! `rppsplus_result`: the codes every fallible function returns, and their names.

use std::ffi::{CStr, c_char};

use rppsplus_core::ids::ParseError;
use rppsplus_core::nomenclature::{CodeError, NomenclatureError};

/// The result of a fallible function. C receives (and passes back) the value as a
/// `uint32_t`; the numbers are fixed and never reused (a removed code stays reserved).
///
/// - `0`: success.
/// - `1xx`: the call itself is wrong (a NULL pointer, a bad parameter, a buffer too small,
///   a caught panic).
/// - `2xx`: the input is not a valid identifier or code. The names of these codes are the
///   `ParseError::code()` and `CodeError::code()` strings of `rppsplus-core`, also used by
///   the CLI and Python.
/// - `3xx`: a conversion between identifiers is not possible.
/// - `4xx`: a nomenclature argument names nothing (`NomenclatureError::code()`).
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum rppsplus_result {
    /// Success: the outputs have been written.
    Ok = 0,
    /// A required pointer argument was NULL (or an output buffer was NULL with a non-zero
    /// capacity).
    NullParameter = 100,
    /// The input bytes are not valid UTF-8.
    InvalidUtf8 = 101,
    /// The output buffer is too small: `*out_len` holds the length needed (without the
    /// terminating NUL), the buffer holds an empty string when its capacity is not 0.
    InsufficientSize = 102,
    /// A numeric parameter (kind, mode, language) is not one of its values, or a length is
    /// larger than `PTRDIFF_MAX`.
    InvalidParameter = 103,
    /// A panic (an internal bug) was caught; the outputs were not written.
    Panic = 104,
    /// A reference date is not a calendar date written `YYYY-MM-DD` (10 bytes, e.g.
    /// `2026-11-23`; `2026-02-30` is not a date).
    InvalidDate = 105,
    /// The input has a character the identifier cannot contain.
    InvalidFormat = 200,
    /// The input has the wrong number of significant characters.
    InvalidLength = 201,
    /// The check digit (Luhn key) does not match.
    InvalidChecksum = 202,
    /// A part of the identifier breaks a rule of its kind (prefix, departement, range...).
    InvalidComponent = 203,
    /// A well-formed telephone number that is not a mobile.
    NotMobile = 204,
    /// A well-formed code that no table entry has (an INSEE commune or country; a postal
    /// code typed as a commune code).
    UnknownCode = 205,
    /// The code exists but the portal does not offer it for the field, or not yet at the
    /// reference date.
    CodeNotAllowed = 206,
    /// The code has ended at the reference date (the replacement codes, if the source
    /// names any, are written where the function says).
    CodeDeprecated = 207,
    /// The input is invalid for a reason this version of the C API has no dedicated code
    /// for (not produced by this version; the message functions give the detail).
    InvalidIdentifier = 299,
    /// The idNat is valid but not of the type the conversion needs (`8` for an RPPS
    /// number, `0` for an ADELI number).
    WrongIdnatType = 300,
    /// No nomenclature table (or portal field) has this name.
    UnknownTable = 400,
}

impl rppsplus_result {
    /// Every code, in numeric order.
    pub(crate) const ALL: [rppsplus_result; 18] = [
        Self::Ok,
        Self::NullParameter,
        Self::InvalidUtf8,
        Self::InsufficientSize,
        Self::InvalidParameter,
        Self::Panic,
        Self::InvalidDate,
        Self::InvalidFormat,
        Self::InvalidLength,
        Self::InvalidChecksum,
        Self::InvalidComponent,
        Self::NotMobile,
        Self::UnknownCode,
        Self::CodeNotAllowed,
        Self::CodeDeprecated,
        Self::InvalidIdentifier,
        Self::WrongIdnatType,
        Self::UnknownTable,
    ];

    /// The code for a `uint32_t` received from C, if it is one.
    pub fn from_u32(code: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|r| *r as u32 == code)
    }

    /// The stable snake_case name (for `2xx`, the core's `ParseError::code()`).
    pub fn name(self) -> &'static CStr {
        match self {
            Self::Ok => c"ok",
            Self::NullParameter => c"null_parameter",
            Self::InvalidUtf8 => c"invalid_utf8",
            Self::InsufficientSize => c"insufficient_size",
            Self::InvalidParameter => c"invalid_parameter",
            Self::Panic => c"panic",
            Self::InvalidDate => c"invalid_date",
            Self::InvalidFormat => c"invalid_format",
            Self::InvalidLength => c"invalid_length",
            Self::InvalidChecksum => c"invalid_checksum",
            Self::InvalidComponent => c"invalid_component",
            Self::NotMobile => c"not_mobile",
            Self::UnknownCode => c"unknown_code",
            Self::CodeNotAllowed => c"code_not_allowed",
            Self::CodeDeprecated => c"code_deprecated",
            Self::InvalidIdentifier => c"invalid_identifier",
            Self::WrongIdnatType => c"wrong_idnat_type",
            Self::UnknownTable => c"unknown_table",
        }
    }
}

/// The one place where core errors become result codes.
impl From<ParseError> for rppsplus_result {
    fn from(error: ParseError) -> Self {
        match error {
            ParseError::InvalidFormat { .. } | ParseError::Missing { .. } => Self::InvalidFormat,
            ParseError::InvalidLength { .. } => Self::InvalidLength,
            ParseError::InvalidChecksum { .. } => Self::InvalidChecksum,
            ParseError::InvalidComponent { .. } => Self::InvalidComponent,
            ParseError::NotMobile { .. } => Self::NotMobile,
            ParseError::UnknownCode { .. } => Self::UnknownCode,
            // `ParseError` is non-exhaustive: a variant added to the core after this
            // version still gets a code in the identifier range.
            _ => Self::InvalidIdentifier,
        }
    }
}

/// Why a code is refused for a field at a date.
impl From<CodeError> for rppsplus_result {
    fn from(error: CodeError) -> Self {
        match error {
            CodeError::Unknown => Self::UnknownCode,
            CodeError::NotAllowed { .. } => Self::CodeNotAllowed,
            CodeError::Deprecated { .. } => Self::CodeDeprecated,
        }
    }
}

/// A table or query argument that names nothing.
impl From<NomenclatureError> for rppsplus_result {
    fn from(error: NomenclatureError) -> Self {
        match error {
            NomenclatureError::UnknownTable => Self::UnknownTable,
            NomenclatureError::UnknownCode => Self::UnknownCode,
            // `NomenclatureError` is non-exhaustive; its variants are about the arguments.
            _ => Self::InvalidParameter,
        }
    }
}

/// `Ok(())` is [`rppsplus_result::Ok`], `Err(code)` is `code`.
impl From<Result<(), rppsplus_result>> for rppsplus_result {
    fn from(result: Result<(), rppsplus_result>) -> Self {
        result.err().unwrap_or(Self::Ok)
    }
}

/// The name of a result code: `"ok"`, `"null_parameter"`, `"invalid_checksum"`..., or
/// `"unknown"` for a value that is not an `rppsplus_result`.
///
/// Any integer is accepted. The returned string is static and NUL-terminated: never free
/// it. Never returns NULL (an empty string if an internal panic was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_result_name(code: u32) -> *const c_char {
    ffi_panic_boundary! {
        default = c"".as_ptr();
        rppsplus_result::from_u32(code).map_or(c"unknown", rppsplus_result::name).as_ptr()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use rppsplus_core::ids::{Component, IdKind};

    use super::*;

    #[test]
    fn values_and_names_are_unique_and_round_trip() {
        let mut values = HashSet::new();
        let mut names = HashSet::new();
        for r in rppsplus_result::ALL {
            assert!(values.insert(r as u32));
            assert!(names.insert(r.name()));
            assert_eq!(rppsplus_result::from_u32(r as u32), Some(r));
        }
        assert!(rppsplus_result::ALL.windows(2).all(|w| (w[0] as u32) < (w[1] as u32)));
    }

    #[test]
    fn identifier_codes_are_the_core_codes() {
        let kind = IdKind::Rpps;
        let errors = [
            ParseError::InvalidFormat { kind, position: 0 },
            ParseError::InvalidLength {
                kind,
                min: 11,
                max: 11,
                found: 3,
            },
            ParseError::InvalidChecksum { kind },
            ParseError::InvalidComponent {
                kind,
                component: Component::RppsPrefix,
            },
            ParseError::NotMobile { kind: IdKind::Phone },
        ];
        for e in errors {
            let r = rppsplus_result::from(e);
            assert_eq!(r.name().to_str(), Ok(e.code().as_str()), "{e:?}");
            assert!((200..300).contains(&(r as u32)));
        }
    }

    #[test]
    fn nomenclature_codes_are_the_core_codes() {
        let code = rppsplus_core::nomenclature::table("profession")
            .unwrap()
            .get("323")
            .unwrap();
        let errors = [
            CodeError::Unknown,
            CodeError::NotAllowed { code },
            CodeError::Deprecated { code, replaced_by: &[] },
        ];
        for e in errors {
            assert_eq!(rppsplus_result::from(e).name().to_str(), Ok(e.code().as_str()), "{e:?}");
        }
        for e in [NomenclatureError::UnknownTable, NomenclatureError::UnknownCode] {
            assert_eq!(rppsplus_result::from(e).name().to_str(), Ok(e.code()), "{e:?}");
        }
    }
}
