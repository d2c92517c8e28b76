//! One entry point over every kind: the batch check behind the CLI, C and Python.

use arrayvec::ArrayString;

use crate::FindingCode;
use crate::nomenclature::commune::PostalCodeOf;

use super::{
    Adeli, Email, Finess, IdKind, IdNatPp, IdNatStructure, InseeCommuneCode, InseeCountryCode, MobilePhone, Mode,
    NumeroDemande, ParseError, Rpps, RppsRang, Siren, Siret,
};

/// A non-blocking remark on a valid identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Warning {
    /// An ANS test identity (an RPPS not starting with `1`), accepted in [`Mode::Test`].
    TestIdentifier,
    /// A phone number of a foreign country: only its E.164 plausibility was checked.
    ForeignNumber,
    /// An old commune code (`20004`), resolved to the current one (`2A004`).
    OldCode,
    /// A commune code that is also the postal code of other communes (`13003`: Alleins,
    /// and the postal code of Marseille 3e): the user may have typed a postal code.
    AlsoPostalCode(PostalCodeOf),
}

impl Warning {
    /// The stable snake_case code.
    pub fn code(self) -> FindingCode {
        match self {
            Self::TestIdentifier => FindingCode::TestIdentifier,
            Self::ForeignNumber => FindingCode::ForeignNumber,
            Self::OldCode => FindingCode::OldCode,
            Self::AlsoPostalCode(_) => FindingCode::AlsoPostalCode,
        }
    }

    /// The French message.
    pub fn message_fr(self) -> String {
        match self {
            Self::TestIdentifier => "identifiant de test (accepté en mode test uniquement)".into(),
            Self::ForeignNumber => "numéro étranger : seule sa forme internationale a été vérifiée".into(),
            Self::OldCode => "ancien code commune, remplacé par le code actuel".into(),
            Self::AlsoPostalCode(of) => {
                format!(
                    "ce code commune est aussi le code postal de {} : vérifiez qu'il ne s'agit pas d'un code postal",
                    of.describe()
                )
            }
        }
    }

    /// The English message.
    pub fn message_en(self) -> String {
        match self {
            Self::TestIdentifier => "test identifier (accepted in test mode only)".into(),
            Self::ForeignNumber => "foreign number: only its international form was checked".into(),
            Self::OldCode => "old commune code, replaced by the current code".into(),
            Self::AlsoPostalCode(of) => {
                format!(
                    "this commune code is also the postal code of {}: check it is not a postal code",
                    of.describe()
                )
            }
        }
    }
}

/// The outcome of checking one value: its canonical form, or why it is invalid.
///
/// ```
/// use rppsplus_core::ids::{check, IdKind, Mode};
///
/// let ok = check(IdKind::Rpps, "101 0798 5318", Mode::Strict);
/// assert_eq!(ok.canonical(), Some("10107985318"));
/// let bad = check(IdKind::Rpps, "10107985319", Mode::Strict);
/// assert_eq!(bad.error().map(|e| e.code().as_str()), Some("invalid_checksum"));
/// let test = check(IdKind::Rpps, "99700075122", Mode::Test);
/// assert_eq!(test.warning().map(|w| w.code().as_str()), Some("test_identifier"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Check {
    outcome: Result<Canonical, ParseError>,
    warning: Option<Warning>,
    confidential: bool,
}

impl Check {
    /// Whether the value is valid.
    pub fn is_valid(&self) -> bool {
        self.outcome.is_ok()
    }

    /// The canonical form of a valid value.
    pub fn canonical(&self) -> Option<&str> {
        self.outcome.as_ref().ok().map(Canonical::as_str)
    }

    /// Why the value is invalid.
    pub fn error(&self) -> Option<ParseError> {
        self.outcome.as_ref().err().copied()
    }

    /// A remark on a valid value.
    pub fn warning(&self) -> Option<Warning> {
        self.warning
    }

    /// Whether the value is confidential (docs/domain.md §7): a phone number, an email
    /// address, an MSSanté idNat. Faces print `<redacted>` instead of such a value, the
    /// input included (an invalid value of these kinds counts as confidential too).
    ///
    /// ```
    /// use rppsplus_core::ids::{check, IdKind, Mode};
    /// assert!(check(IdKind::IdNat, "10nathalie@mssante.example.fr", Mode::Strict).is_confidential());
    /// assert!(!check(IdKind::IdNat, "810107985318", Mode::Strict).is_confidential());
    /// assert!(check(IdKind::Phone, "not a phone", Mode::Strict).is_confidential());
    /// ```
    pub fn is_confidential(&self) -> bool {
        self.confidential
    }

    /// The canonical form, or why the value is invalid.
    pub fn result(&self) -> Result<&str, ParseError> {
        self.outcome.as_ref().map(Canonical::as_str).map_err(|e| *e)
    }
}

/// The canonical form is not printed: it may be a phone number or an email address
/// (confidential, docs/domain.md §7).
impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Check")
            .field("valid", &self.is_valid())
            .field(
                "canonical",
                &format_args!("{}", if self.is_valid() { "<redacted>" } else { "None" }),
            )
            .field("error", &self.error())
            .field("warning", &self.warning.map(Warning::code))
            .finish()
    }
}

/// A canonical form, kept inline when short (every identifier but long email addresses and
/// composite idNat), so that checking a valid value allocates nothing. An `ArrayString`
/// gives its text back without a UTF-8 pass: `str::from_utf8` took half the instructions
/// of checking an RPPS number.
#[derive(Clone, PartialEq, Eq)]
enum Canonical {
    Inline(ArrayString<INLINE>),
    Heap(Box<str>),
}

const INLINE: usize = 30;

impl Canonical {
    fn new(s: &str) -> Self {
        ArrayString::from(s).map_or_else(|_| Self::Heap(s.into()), Self::Inline)
    }

    fn as_str(&self) -> &str {
        match self {
            Self::Inline(s) => s.as_str(),
            Self::Heap(s) => s,
        }
    }
}

/// The canonical form of an identifier of `digits` digits parsed from `input`: `input`
/// itself when it is as long (nothing but the digits, the common case), which spares a
/// UTF-8 pass over them, else `canonical()`.
#[inline]
fn as_given<'a>(input: &'a str, digits: usize, canonical: impl FnOnce() -> &'a str) -> &'a str {
    if input.len() == digits { input } else { canonical() }
}

/// The test-identifier warning when `is_test`.
fn test_warning(is_test: bool) -> Option<Warning> {
    is_test.then_some(Warning::TestIdentifier)
}

/// Parses `input` as an identifier of `kind` and hands its canonical form, warning and
/// confidentiality to `ok`.
#[inline]
fn run<R>(
    kind: IdKind,
    input: &str,
    mode: Mode,
    ok: impl FnOnce(&str, Option<Warning>, bool) -> R,
) -> Result<R, ParseError> {
    Ok(match kind {
        IdKind::Rpps => {
            let v = Rpps::parse_with(input, mode)?;
            ok(as_given(input, 11, || v.as_str()), test_warning(v.is_test()), false)
        }
        IdKind::IdNat => {
            let v = IdNatPp::parse_with(input, mode)?;
            let warning = test_warning(v.rpps().is_some_and(|r| r.is_test()));
            ok(v.as_str(), warning, v.is_confidential())
        }
        IdKind::IdNatStructure => {
            let v = IdNatStructure::parse_with(input, mode)?;
            ok(
                v.as_str(),
                test_warning(v.rpps_rang().is_some_and(|r| r.rpps().is_test())),
                false,
            )
        }
        IdKind::RppsRang => {
            let v = RppsRang::parse_with(input, mode)?;
            ok(v.as_str(), test_warning(v.rpps().is_test()), false)
        }
        IdKind::Adeli => ok(Adeli::parse(input)?.as_str(), None, false),
        IdKind::Finess => ok(Finess::parse(input)?.as_str(), None, false),
        IdKind::Siren => ok(Siren::parse(input)?.as_str(), None, false),
        IdKind::Siret => ok(Siret::parse(input)?.as_str(), None, false),
        IdKind::Commune => {
            let r = InseeCommuneCode::parse(input)?.resolve()?;
            let warning = if r.from_old_code {
                Some(Warning::OldCode)
            } else {
                (!r.also_postal_code_of.is_empty()).then_some(Warning::AlsoPostalCode(r.also_postal_code_of))
            };
            ok(r.commune.code(), warning, false)
        }
        IdKind::Pays => {
            let code = InseeCountryCode::parse(input)?;
            code.resolve()?;
            ok(code.as_str(), None, false)
        }
        IdKind::Phone => {
            let v = MobilePhone::parse(input)?;
            ok(v.as_str(), v.is_foreign().then_some(Warning::ForeignNumber), true)
        }
        IdKind::Email => ok(Email::parse(input)?.as_str(), None, true),
        IdKind::Numero => ok(NumeroDemande::parse(input)?.as_str(), None, false),
    })
}

/// Checks one value as an identifier of `kind`.
pub fn check(kind: IdKind, input: &str, mode: Mode) -> Check {
    let valid = |canonical: &str, warning, confidential| Check {
        outcome: Ok(Canonical::new(canonical)),
        warning,
        confidential,
    };
    run(kind, input, mode, valid).unwrap_or_else(|e| Check {
        outcome: Err(e),
        warning: None,
        // An invalid value of a kind that may be confidential is treated as confidential.
        confidential: matches!(kind, IdKind::Phone | IdKind::Email | IdKind::IdNat),
    })
}

/// Checks one value as an identifier of `kind` and hands the canonical form of a valid one
/// to `valid`, borrowed: for the faces that write it straight into buffers of their own (the
/// Arrow columns of the Python face), without the copy a [`Check`] keeps. `valid` is called
/// once when the value is valid (its result is returned in `Ok`), never when it is not. The
/// warning of a valid value is not given (use [`check`] for it).
///
/// ```
/// use rppsplus_core::ids::{check_with, IdKind, Mode};
///
/// let mut column = String::new();
/// check_with(IdKind::Rpps, "101 0798 5318", Mode::Strict, |canonical| column.push_str(canonical))?;
/// assert_eq!(column, "10107985318");
/// let bad = check_with(IdKind::Rpps, "10107985319", Mode::Strict, |_| ());
/// assert_eq!(bad.map_err(|e| e.code().as_str()), Err("invalid_checksum"));
/// # Ok::<(), rppsplus_core::ids::ParseError>(())
/// ```
pub fn check_with<R>(kind: IdKind, input: &str, mode: Mode, valid: impl FnOnce(&str) -> R) -> Result<R, ParseError> {
    run(kind, input, mode, |canonical, _, _| valid(canonical))
}

/// Checks many values as identifiers of `kind`, in order.
///
/// ```
/// use rppsplus_core::ids::{check_many, IdKind, Mode};
/// let results = check_many(IdKind::Finess, &["970405593", "9A0405593"], Mode::Strict);
/// assert_eq!(results.iter().filter(|c| c.is_valid()).count(), 1);
/// ```
pub fn check_many<S: AsRef<str>>(kind: IdKind, inputs: &[S], mode: Mode) -> Vec<Check> {
    inputs.iter().map(|s| check(kind, s.as_ref(), mode)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// `check_with` hands over the canonical form `check` keeps, for every kind, on
        /// inputs of digits, separators and the other characters identifiers hold.
        #[test]
        fn check_with_agrees_with_check(input in "[0-9 .\\-+@a-zA-Z/]{0,16}", test in any::<bool>()) {
            let mode = if test { Mode::Test } else { Mode::Strict };
            for &kind in IdKind::ALL {
                let kept = check(kind, &input, mode);
                let handed = check_with(kind, &input, mode, str::to_owned);
                prop_assert_eq!(handed.as_deref().map_err(|e| *e), kept.result(), "{:?}", kind);
            }
        }

        /// An RPPS number is its digits whatever separators the input has (the canonical
        /// form is the input itself only when it is nothing but the digits).
        #[test]
        fn rpps_canonical_is_the_digits(digits in "1[0-9]{9}", separators in "[ .\\-\t\u{a0}\u{202f}]{0,3}") {
            let key = super::super::luhn::check_digit(digits.as_bytes()).map(char::from).unwrap_or('0');
            let number = format!("{digits}{key}");
            let typed = format!("{}{separators}{}", &number[..4], &number[4..]);
            let checked = check(IdKind::Rpps, &typed, Mode::Strict);
            prop_assert_eq!(checked.canonical(), Some(number.as_str()));
        }

        /// The canonical form `check` gives an RPPS number is the parsed number's, on inputs
        /// of eleven or so characters among digits, letters and every separator.
        #[test]
        fn rpps_check_gives_the_parsed_number(input in "[0-9 .\\-\t\u{a0}\u{202f}a8]{9,13}", test in any::<bool>()) {
            let mode = if test { Mode::Test } else { Mode::Strict };
            let parsed = Rpps::parse_with(&input, mode);
            let checked = check(IdKind::Rpps, &input, mode);
            prop_assert_eq!(checked.result(), parsed.as_ref().map(Rpps::as_str).map_err(|e| *e));
        }
    }
}
