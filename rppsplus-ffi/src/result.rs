//! `rppsplus_result`: the code every fallible function returns, its name and its message,
//! and `rppsplus_lang`, the language of messages.

use std::borrow::Cow;
use std::ffi::{CStr, c_char};

use rppsplus_core::FindingCode;
use rppsplus_core::cpx::{CardError, CardErrorCode};
use rppsplus_core::date::DateError;
use rppsplus_core::ids::ParseError;
use rppsplus_core::nomenclature::{CodeError, NomenclatureError};

use crate::buffer::Output;
use crate::names::{CNames, UNKNOWN, finding_code};

/// The result of a fallible function: `typedef uint32_t rppsplus_result`, the same type in
/// C and C++, with the `RPPSPLUS_RESULT_*` constants. The numbers are fixed and never reused
/// (a removed code stays reserved); any integer may be passed to `rppsplus_result_name` and
/// `rppsplus_result_message`.
///
/// - `0`: success.
/// - `1xx`: the call itself is wrong (a NULL pointer, a bad parameter, a buffer too small,
///   a caught panic, a reference date that is not a date, a library of another version).
/// - `2xx`: the input is not a valid identifier or code. The names of these codes are the
///   core's finding codes (`FindingCode::as_str()`), which the CLI and Python report too.
/// - `3xx`: a conversion between identifiers is not possible.
/// - `4xx`: a nomenclature argument names nothing.
/// - `5xx`: a CPx card operation failed. `500 + i` is the core's `CardErrorCode::ALL[i]`,
///   whose name it has (`service_absent`, `no_card`, `wrong_pin`...).
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_result(pub u32);

/// Success: the outputs have been written.
pub const RPPSPLUS_RESULT_OK: rppsplus_result = rppsplus_result(0);
/// A required pointer argument was NULL (or an output buffer was NULL with a non-zero
/// capacity).
pub const RPPSPLUS_RESULT_NULL_PARAMETER: rppsplus_result = rppsplus_result(100);
/// The input bytes are not valid UTF-8.
pub const RPPSPLUS_RESULT_INVALID_UTF8: rppsplus_result = rppsplus_result(101);
/// The output buffer is too small: `*out_len` holds the length needed (without the
/// terminating NUL); the buffer is not touched.
pub const RPPSPLUS_RESULT_INSUFFICIENT_SIZE: rppsplus_result = rppsplus_result(102);
/// A value passed as `uint32_t` (kind, mode, language, stage, actor, result code) is not
/// one of its constants, or a length is larger than `PTRDIFF_MAX`.
pub const RPPSPLUS_RESULT_INVALID_PARAMETER: rppsplus_result = rppsplus_result(103);
/// A panic (an internal bug) was caught; the outputs were not written.
pub const RPPSPLUS_RESULT_PANIC: rppsplus_result = rppsplus_result(104);
/// A reference date is not a calendar date written `YYYY-MM-DD` (10 bytes, e.g.
/// `2026-11-23`; `2026-02-30` and `2026-1-5` are not).
pub const RPPSPLUS_RESULT_INVALID_DATE: rppsplus_result = rppsplus_result(105);
/// The library cannot serve a program compiled against the header version given to
/// `rppsplus_check_version` (before 1.0, any other version).
pub const RPPSPLUS_RESULT_VERSION_MISMATCH: rppsplus_result = rppsplus_result(106);
/// The input has a character the identifier cannot contain, or lacks one it must contain
/// (the `@` of an email address).
pub const RPPSPLUS_RESULT_INVALID_FORMAT: rppsplus_result = rppsplus_result(200);
/// The input has the wrong number of significant characters.
pub const RPPSPLUS_RESULT_INVALID_LENGTH: rppsplus_result = rppsplus_result(201);
/// The check digit (Luhn key) does not match.
pub const RPPSPLUS_RESULT_INVALID_CHECKSUM: rppsplus_result = rppsplus_result(202);
/// A part of the identifier breaks a rule of its kind (prefix, departement, range...).
pub const RPPSPLUS_RESULT_INVALID_COMPONENT: rppsplus_result = rppsplus_result(203);
/// A well-formed telephone number that is not a mobile.
pub const RPPSPLUS_RESULT_NOT_MOBILE: rppsplus_result = rppsplus_result(204);
/// A well-formed code that no table entry has (an INSEE commune or country; a postal code
/// typed as a commune code).
pub const RPPSPLUS_RESULT_UNKNOWN_CODE: rppsplus_result = rppsplus_result(205);
/// The code exists but the portal does not offer it for the field, or not yet at the
/// reference date.
pub const RPPSPLUS_RESULT_CODE_NOT_ALLOWED: rppsplus_result = rppsplus_result(206);
/// The code has ended at the reference date (`rppsplus_nomenclature_replaced_by` gives the
/// codes to use instead).
pub const RPPSPLUS_RESULT_CODE_DEPRECATED: rppsplus_result = rppsplus_result(207);
/// The input is invalid for a reason this version of the C API has no dedicated code for
/// (not produced by this version; the message functions give the detail).
pub const RPPSPLUS_RESULT_INVALID_IDENTIFIER: rppsplus_result = rppsplus_result(299);
/// The idNat is valid but not of the type the conversion needs (`8` for an RPPS number,
/// `0` for an ADELI number).
pub const RPPSPLUS_RESULT_WRONG_IDNAT_TYPE: rppsplus_result = rppsplus_result(300);
/// No nomenclature table, value set or portal field has this name.
pub const RPPSPLUS_RESULT_UNKNOWN_TABLE: rppsplus_result = rppsplus_result(400);
/// No PC/SC library on this machine, or no PC/SC service running (pcscd on Linux).
pub const RPPSPLUS_RESULT_SERVICE_ABSENT: rppsplus_result = rppsplus_result(500);
/// The PC/SC service knows no reader.
pub const RPPSPLUS_RESULT_NO_READER: rppsplus_result = rppsplus_result(501);
/// No reader has the name given.
pub const RPPSPLUS_RESULT_UNKNOWN_READER: rppsplus_result = rppsplus_result(502);
/// The reader is empty (or, when no reader is named, no reader holds a card).
pub const RPPSPLUS_RESULT_NO_CARD: rppsplus_result = rppsplus_result(503);
/// The card is not a CPx card.
pub const RPPSPLUS_RESULT_NOT_CPX: rppsplus_result = rppsplus_result(504);
/// The card was removed (or reset by another application) during the call.
pub const RPPSPLUS_RESULT_CARD_REMOVED: rppsplus_result = rppsplus_result(505);
/// The PIN is not 4 to 8 digits, or outside the card's bounds: nothing was sent.
pub const RPPSPLUS_RESULT_INVALID_PIN: rppsplus_result = rppsplus_result(506);
/// The card refused the PIN (the tries left go to `tries_left_out`).
pub const RPPSPLUS_RESULT_WRONG_PIN: rppsplus_result = rppsplus_result(507);
/// The PIN is blocked: no try left.
pub const RPPSPLUS_RESULT_PIN_BLOCKED: rppsplus_result = rppsplus_result(508);
/// The reader or the PC/SC service failed.
pub const RPPSPLUS_RESULT_TRANSPORT_FAILURE: rppsplus_result = rppsplus_result(509);
/// The card answered a status word the step does not expect.
pub const RPPSPLUS_RESULT_CARD_STATUS: rppsplus_result = rppsplus_result(510);
/// The card's data does not have the expected structure.
pub const RPPSPLUS_RESULT_MALFORMED_DATA: rppsplus_result = rppsplus_result(511);
/// An object the library needs is not on the card.
pub const RPPSPLUS_RESULT_MISSING_OBJECT: rppsplus_result = rppsplus_result(512);

/// The first card result: `CARD_RESULTS + i` is `CardErrorCode::ALL[i]`.
const CARD_RESULTS: u32 = 500;

/// The core's card error codes, with a NUL.
static CARD_ERROR_CODES: CNames<{ CardErrorCode::NAMES.len() }> = CNames::new(CardErrorCode::NAMES);

/// Where the name and the messages of a code come from.
#[derive(Clone, Copy)]
enum Meaning {
    /// A code of the C API itself: its name, French and English messages.
    Call(&'static CStr, &'static str, &'static str),
    /// A finding code of the core: name and messages are the core's.
    Finding(FindingCode),
    /// The core's [`DateError`].
    Date,
    /// The core's [`NomenclatureError::UnknownTable`].
    Table,
    /// A card error code of the core (`5xx`): name and messages are the core's.
    Card(CardErrorCode),
}

/// Every code, in numeric order, with its meaning.
const RESULTS: [(rppsplus_result, Meaning); 19] = [
    (RPPSPLUS_RESULT_OK, Meaning::Call(c"ok", "succès", "success")),
    (
        RPPSPLUS_RESULT_NULL_PARAMETER,
        Meaning::Call(
            c"null_parameter",
            "un pointeur obligatoire est NULL",
            "a required pointer is NULL",
        ),
    ),
    (
        RPPSPLUS_RESULT_INVALID_UTF8,
        Meaning::Call(
            c"invalid_utf8",
            "le texte n'est pas de l'UTF-8 valide",
            "the text is not valid UTF-8",
        ),
    ),
    (
        RPPSPLUS_RESULT_INSUFFICIENT_SIZE,
        Meaning::Call(
            c"insufficient_size",
            "le tampon de sortie est trop petit",
            "the output buffer is too small",
        ),
    ),
    (
        RPPSPLUS_RESULT_INVALID_PARAMETER,
        Meaning::Call(
            c"invalid_parameter",
            "un paramètre n'a pas une valeur permise",
            "a parameter is not one of its values",
        ),
    ),
    (
        RPPSPLUS_RESULT_PANIC,
        Meaning::Call(
            c"panic",
            "erreur interne de la bibliothèque",
            "internal error of the library",
        ),
    ),
    (RPPSPLUS_RESULT_INVALID_DATE, Meaning::Date),
    (
        RPPSPLUS_RESULT_VERSION_MISMATCH,
        Meaning::Call(
            c"version_mismatch",
            "la bibliothèque n'est pas d'une version qui convient à l'en-tête avec lequel le programme a été compilé",
            "the library is not a version that serves the header the program was compiled with",
        ),
    ),
    (
        RPPSPLUS_RESULT_INVALID_FORMAT,
        Meaning::Finding(FindingCode::InvalidFormat),
    ),
    (
        RPPSPLUS_RESULT_INVALID_LENGTH,
        Meaning::Finding(FindingCode::InvalidLength),
    ),
    (
        RPPSPLUS_RESULT_INVALID_CHECKSUM,
        Meaning::Finding(FindingCode::InvalidChecksum),
    ),
    (
        RPPSPLUS_RESULT_INVALID_COMPONENT,
        Meaning::Finding(FindingCode::InvalidComponent),
    ),
    (RPPSPLUS_RESULT_NOT_MOBILE, Meaning::Finding(FindingCode::NotMobile)),
    (RPPSPLUS_RESULT_UNKNOWN_CODE, Meaning::Finding(FindingCode::UnknownCode)),
    (
        RPPSPLUS_RESULT_CODE_NOT_ALLOWED,
        Meaning::Finding(FindingCode::CodeNotAllowed),
    ),
    (
        RPPSPLUS_RESULT_CODE_DEPRECATED,
        Meaning::Finding(FindingCode::CodeDeprecated),
    ),
    (
        RPPSPLUS_RESULT_INVALID_IDENTIFIER,
        Meaning::Call(c"invalid_identifier", "identifiant invalide", "invalid identifier"),
    ),
    (
        RPPSPLUS_RESULT_WRONG_IDNAT_TYPE,
        Meaning::Call(
            c"wrong_idnat_type",
            "l'idNat n'est pas du type que la conversion demande",
            "the idNat is not of the type the conversion needs",
        ),
    ),
    (RPPSPLUS_RESULT_UNKNOWN_TABLE, Meaning::Table),
];

impl rppsplus_result {
    /// The meaning of a code, if it is one.
    fn meaning(self) -> Option<Meaning> {
        let card = self
            .0
            .checked_sub(CARD_RESULTS)
            .and_then(|i| CardErrorCode::ALL.get(usize::try_from(i).ok()?));
        match card {
            Some(code) => Some(Meaning::Card(*code)),
            None => RESULTS.iter().find(|(r, _)| *r == self).map(|(_, m)| *m),
        }
    }

    /// The code whose name is the core's finding code `code`; `INVALID_IDENTIFIER` for a code
    /// the C API has no value for.
    fn of_finding(code: FindingCode) -> Self {
        RESULTS
            .iter()
            .find(|(_, m)| matches!(m, Meaning::Finding(c) if *c == code))
            .map_or(RPPSPLUS_RESULT_INVALID_IDENTIFIER, |(r, _)| *r)
    }

    /// The stable snake_case name (for `2xx`, the core's finding code).
    fn name(self) -> Option<&'static CStr> {
        Some(match self.meaning()? {
            Meaning::Call(name, ..) => name,
            Meaning::Finding(code) => finding_code(code),
            Meaning::Date => c"invalid_date",
            Meaning::Table => c"unknown_table",
            Meaning::Card(code) => CARD_ERROR_CODES.get(CardErrorCode::ALL.iter().position(|c| *c == code)?)?,
        })
    }

    /// The message in `lang`: the core's where the core has one.
    fn message(self, lang: rppsplus_lang) -> Option<Cow<'static, str>> {
        Some(match self.meaning()? {
            Meaning::Call(_, fr, en) => lang.pick(fr, en).into(),
            Meaning::Finding(code) => lang.pick(code.message_fr(), code.message_en()).into(),
            Meaning::Date => lang.pick(DateError.message_fr().into(), DateError.to_string().into()),
            Meaning::Table => {
                let table = NomenclatureError::UnknownTable;
                lang.pick(table.message_fr().into(), table.to_string().into())
            }
            Meaning::Card(code) => lang.pick(code.message_fr(), code.message_en()).into(),
        })
    }
}

/// The one place where core errors become result codes: by the error's finding code.
impl From<ParseError> for rppsplus_result {
    fn from(error: ParseError) -> Self {
        Self::of_finding(error.code())
    }
}

/// Why a code is refused for a field at a date.
impl From<CodeError> for rppsplus_result {
    fn from(error: CodeError) -> Self {
        Self::of_finding(error.code())
    }
}

/// A reference date that is not a date.
impl From<DateError> for rppsplus_result {
    fn from(_: DateError) -> Self {
        RPPSPLUS_RESULT_INVALID_DATE
    }
}

/// A table or query argument that names nothing.
impl From<NomenclatureError> for rppsplus_result {
    fn from(error: NomenclatureError) -> Self {
        match error {
            NomenclatureError::UnknownTable => RPPSPLUS_RESULT_UNKNOWN_TABLE,
            NomenclatureError::UnknownCode => RPPSPLUS_RESULT_UNKNOWN_CODE,
            // `NomenclatureError` is non-exhaustive; its variants are about the arguments.
            _ => RPPSPLUS_RESULT_INVALID_PARAMETER,
        }
    }
}

/// A card error: the `5xx` code of the same name (the details, such as the tries left of a
/// wrong PIN, go to the function's outputs).
impl From<CardError> for rppsplus_result {
    fn from(error: CardError) -> Self {
        let index = CardErrorCode::ALL.iter().position(|c| *c == error.code());
        // A set has a few codes: `500 + index` fits in 32 bits.
        index
            .and_then(|i| u32::try_from(i).ok())
            .map_or(RPPSPLUS_RESULT_PANIC, |i| Self(CARD_RESULTS + i))
    }
}

/// The language of messages: `typedef uint32_t rppsplus_lang`, with the `RPPSPLUS_LANG_*`
/// constants; any other value gives `RPPSPLUS_RESULT_INVALID_PARAMETER` (or a NULL view).
#[repr(transparent)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct rppsplus_lang(pub u32);

/// French, the users' language.
pub const RPPSPLUS_LANG_FR: rppsplus_lang = rppsplus_lang(0);
/// English.
pub const RPPSPLUS_LANG_EN: rppsplus_lang = rppsplus_lang(1);

impl rppsplus_lang {
    /// `INVALID_PARAMETER` unless one of the constants.
    pub(crate) fn checked(self) -> Result<Self, rppsplus_result> {
        match self {
            RPPSPLUS_LANG_FR | RPPSPLUS_LANG_EN => Ok(self),
            _ => Err(RPPSPLUS_RESULT_INVALID_PARAMETER),
        }
    }

    /// `fr` or `en` after [`rppsplus_lang::checked`].
    pub(crate) fn pick<T>(self, fr: T, en: T) -> T {
        if self == RPPSPLUS_LANG_FR { fr } else { en }
    }
}

/// The name of a result code: `"ok"`, `"null_parameter"`, `"invalid_checksum"`..., or
/// `"unknown"` for a value that is not an `rppsplus_result`. The names of the `2xx` codes
/// are the core's finding codes, as the CLI and Python print them.
///
/// Any integer is accepted. The returned string is static and NUL-terminated: never free
/// it. Never returns NULL (an empty string if an internal panic was caught).
#[unsafe(no_mangle)]
pub extern "C" fn rppsplus_result_name(code: rppsplus_result) -> *const c_char {
    ffi_panic_boundary! {
        default = c"".as_ptr();
        code.name().unwrap_or(UNKNOWN).as_ptr()
    }
}

/// Writes what a result code means, in `lang` (`RPPSPLUS_LANG_FR` or `RPPSPLUS_LANG_EN`),
/// UTF-8, for any code: `RPPSPLUS_RESULT_INVALID_CHECKSUM` in English gives `"the check
/// digit does not match"`. The messages of the `2xx` codes, of
/// `RPPSPLUS_RESULT_INVALID_DATE` and of `RPPSPLUS_RESULT_UNKNOWN_TABLE` are the core's; a
/// code's message never names a value. For the message about one input (which kind, which
/// position), use `rppsplus_check_message`.
///
/// Results:
/// - `RPPSPLUS_RESULT_OK`: the message and a NUL are in `out`, `*out_len` is its length;
/// - `RPPSPLUS_RESULT_INSUFFICIENT_SIZE`: only `*out_len` is written, the length needed;
/// - `RPPSPLUS_RESULT_INVALID_PARAMETER`: `code` is not an `rppsplus_result`, or `lang` not
///   an `rppsplus_lang`;
/// - `RPPSPLUS_RESULT_NULL_PARAMETER`: `out_len` NULL, or `out` NULL with `out_cap > 0`;
/// - `RPPSPLUS_RESULT_PANIC`.
///
/// # Safety
///
/// `out` (unless NULL) points to `out_cap` writable bytes, `out_len` to a writable `size_t`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn rppsplus_result_message(
    code: rppsplus_result,
    lang: rppsplus_lang,
    out: *mut c_char,
    out_cap: usize,
    out_len: *mut usize,
) -> rppsplus_result {
    ffi_panic_boundary! {
        // SAFETY: the caller's contract.
        let output = unsafe { Output::new(out, out_cap, out_len) }?;
        let lang = lang.checked()?;
        output.write(&code.message(lang).ok_or(RPPSPLUS_RESULT_INVALID_PARAMETER)?)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use rppsplus_core::ids::{Component, IdKind};

    use super::*;

    #[test]
    fn values_and_names_are_unique_and_ordered() {
        let mut values = HashSet::new();
        let mut names = HashSet::new();
        for (r, _) in RESULTS {
            assert!(values.insert(r.0));
            assert!(names.insert(r.name()));
            assert!(r.message(RPPSPLUS_LANG_FR).is_some() && r.message(RPPSPLUS_LANG_EN).is_some());
        }
        assert!(RESULTS.windows(2).all(|w| w[0].0.0 < w[1].0.0));
        assert_eq!(rppsplus_result(7000).name(), None);
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
            ParseError::Missing {
                kind: IdKind::Email,
                character: '@',
            },
        ];
        for e in errors {
            let r = rppsplus_result::from(e);
            assert_eq!(r.name().map(CStr::to_str), Some(Ok(e.code().as_str())), "{e:?}");
            assert_eq!(r.message(RPPSPLUS_LANG_EN).as_deref(), Some(e.code().message_en()));
            assert!((200..300).contains(&r.0));
        }
        // A finding code the C API has no value for.
        assert_eq!(
            rppsplus_result::of_finding(FindingCode::Required),
            RPPSPLUS_RESULT_INVALID_IDENTIFIER
        );
    }

    #[test]
    fn card_codes_are_the_core_codes_in_the_core_order() {
        for (i, code) in CardErrorCode::ALL.iter().enumerate() {
            let r = rppsplus_result(500 + u32::try_from(i).unwrap());
            assert_eq!(r.name().map(CStr::to_str), Some(Ok(code.as_str())));
            assert_eq!(r.message(RPPSPLUS_LANG_FR).as_deref(), Some(code.message_fr()));
            assert_eq!(r.message(RPPSPLUS_LANG_EN).as_deref(), Some(code.message_en()));
        }
        let past = 500 + u32::try_from(CardErrorCode::ALL.len()).unwrap();
        assert_eq!(rppsplus_result(past).name(), None);
        assert_eq!(rppsplus_result(499).name(), None);
        for e in [
            CardError::ServiceAbsent,
            CardError::WrongPin { tries_left: 2 },
            CardError::MissingObject {
                object: rppsplus_core::cpx::CardObject::Cdf,
            },
        ] {
            assert_eq!(
                rppsplus_result::from(e).name().map(CStr::to_str),
                Some(Ok(e.code().as_str()))
            );
        }
    }

    #[test]
    fn nomenclature_and_date_codes_are_the_core_codes() {
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
            let name = rppsplus_result::from(e).name().map(CStr::to_str);
            assert_eq!(name, Some(Ok(e.code().as_str())), "{e:?}");
        }
        for e in [NomenclatureError::UnknownTable, NomenclatureError::UnknownCode] {
            assert_eq!(rppsplus_result::from(e).name().map(CStr::to_str), Some(Ok(e.code())));
        }
        let table = rppsplus_result::from(NomenclatureError::UnknownTable);
        assert_eq!(
            table.message(RPPSPLUS_LANG_EN),
            Some(NomenclatureError::UnknownTable.to_string().into())
        );
        let date = rppsplus_result::from(DateError);
        assert_eq!(date.name().map(CStr::to_str), Some(Ok(DateError.code())));
        assert_eq!(date.message(RPPSPLUS_LANG_EN), Some(DateError.to_string().into()));
        assert_eq!(date.message(RPPSPLUS_LANG_FR), Some(DateError.message_fr().into()));
    }
}
