//! The parse error shared by every identifier.

use std::fmt;

use super::IdKind;
use crate::FindingCode;
use crate::nomenclature::commune::PostalCodeOf;

/// Which part of an identifier is wrong, for [`ParseError::InvalidComponent`].
///
/// Each variant names a rule of SPEC.md §2; its messages never repeat the input, so an
/// error about a phone number or an email address can be logged safely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Component {
    /// An RPPS number of the production directory starts with `1` (test cards carry `99…`).
    RppsPrefix,
    /// The type prefix of an idNat is not one this library knows, or is deprecated.
    IdNatPrefix,
    /// The identifier after an idNat `/` (the local part) is empty or not printable ASCII.
    IdNatLocalPart,
    /// The first two characters of a FINESS number are not a département code.
    FinessDepartement,
    /// The first two characters of an ADELI number are not a département code.
    AdeliDepartement,
    /// An INSEE country code starts with `99`.
    CountryPrefix,
    /// The number is in no allocated mobile range of a French territory.
    PhoneRange,
    /// A French overseas mobile written with +33 instead of its own country code.
    PhoneCountryCode,
    /// The trunk prefix `0` written after a country code (`+33 06…`).
    PhoneTrunkPrefix,
    /// The domain of an email address is not `label.label…tld`.
    EmailDomain,
    /// The local part (before `@`) of an email address is empty or too long.
    EmailLocalPart,
    /// The 14 digits of a demande number are not a real date and time.
    DemandeTimestamp,
}

impl Component {
    /// The French explanation, without the input's value.
    pub fn message_fr(self) -> &'static str {
        match self {
            Self::RppsPrefix => "un numéro RPPS commence par 1 (les cartes de test commencent par 99)",
            Self::IdNatPrefix => "le type d'identifiant (premier caractère) est inconnu ou obsolète",
            Self::IdNatLocalPart => "l'identifiant local après « / » est vide ou contient des caractères interdits",
            Self::FinessDepartement => {
                "les deux premiers caractères ne sont pas un département FINESS (01–19, 2A, 2B, 21–95, 97)"
            }
            Self::AdeliDepartement => "les deux premiers caractères ne sont pas un département",
            Self::CountryPrefix => "un code pays INSEE commence par 99",
            Self::PhoneRange => "ce numéro n'appartient à aucune tranche de mobiles attribuée",
            Self::PhoneCountryCode => {
                "ce mobile d'outre-mer a son propre indicatif (+262, +590, +594 ou +596), pas +33"
            }
            Self::PhoneTrunkPrefix => "le 0 ne s'écrit pas après l'indicatif (+33 6…, pas +33 06…)",
            Self::EmailDomain => "le domaine de l'adresse est invalide",
            Self::EmailLocalPart => "la partie avant « @ » est vide ou trop longue",
            Self::DemandeTimestamp => "les 14 chiffres ne forment pas une date et heure réelles (AAAAMMJJhhmmss)",
        }
    }

    /// The English explanation, without the input's value.
    pub fn message_en(self) -> &'static str {
        match self {
            Self::RppsPrefix => "a production RPPS number starts with 1 (test cards start with 99)",
            Self::IdNatPrefix => "the identifier type (first character) is unknown or deprecated",
            Self::IdNatLocalPart => "the local identifier after '/' is empty or has forbidden characters",
            Self::FinessDepartement => {
                "the first two characters are not a FINESS département (01–19, 2A, 2B, 21–95, 97)"
            }
            Self::AdeliDepartement => "the first two characters are not a département",
            Self::CountryPrefix => "an INSEE country code starts with 99",
            Self::PhoneRange => "the number is in no allocated mobile range",
            Self::PhoneCountryCode => {
                "this overseas mobile has its own country code (+262, +590, +594 or +596), not +33"
            }
            Self::PhoneTrunkPrefix => "the trunk prefix 0 is not written after the country code (+33 6…, not +33 06…)",
            Self::EmailDomain => "the domain of the address is invalid",
            Self::EmailLocalPart => "the part before '@' is empty or too long",
            Self::DemandeTimestamp => "the 14 digits are not a real date and time (YYYYMMDDhhmmss)",
        }
    }
}

/// Why a string is not a valid identifier.
///
/// Parsing is fail-fast in the python-stdnum order: format, then length, then checksum,
/// then component, so the first error of a given input is stable. The error never carries
/// the input itself (phone numbers and email addresses are confidential).
///
/// ```
/// use rppsplus_core::ids::{ParseError, Rpps};
///
/// let err = "10107985319".parse::<Rpps>().unwrap_err();
/// assert_eq!(err.code(), "invalid_checksum");
/// assert!(matches!(err, ParseError::InvalidChecksum { .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// A character that the identifier cannot contain, at `position` (in characters,
    /// counted from 0 in the input as given; the messages, in French and English alike,
    /// count from 1 as people do).
    #[error("{}: invalid character at position {}", kind.label_en(), position + 1)]
    InvalidFormat {
        /// The kind of identifier being parsed.
        kind: IdKind,
        /// The position of the first offending character.
        position: usize,
    },
    /// The number of significant characters (separators removed) is wrong.
    #[error("{}: {found} characters, expected {}", kind.label_en(), Expected(*min, *max))]
    InvalidLength {
        /// The kind of identifier being parsed.
        kind: IdKind,
        /// The shortest accepted length.
        min: usize,
        /// The longest accepted length.
        max: usize,
        /// The length found, separators removed.
        found: usize,
    },
    /// The check digit (Luhn key) does not match.
    #[error("{}: the check digit does not match", kind.label_en())]
    InvalidChecksum {
        /// The kind of identifier being parsed.
        kind: IdKind,
    },
    /// A part of the identifier breaks a rule of its kind.
    #[error("{}: {}", kind.label_en(), component.message_en())]
    InvalidComponent {
        /// The kind of identifier being parsed.
        kind: IdKind,
        /// The part that is wrong.
        component: Component,
    },
    /// A well-formed code that no entry of its table has (INSEE communes and countries).
    /// For a commune code that is a postal code, `postal_code_of` names the communes it
    /// serves.
    #[error("{}: {}", kind.label_en(), unknown_en(*postal_code_of))]
    UnknownCode {
        /// The kind of identifier being parsed.
        kind: IdKind,
        /// The communes whose postal code the input is, when it is one.
        postal_code_of: Option<PostalCodeOf>,
    },
    /// A well-formed telephone number that is not a mobile (a landline, for instance).
    #[error("{}: this is a landline number, not a mobile", kind.label_en())]
    NotMobile {
        /// The kind of identifier being parsed (always [`IdKind::Phone`]).
        kind: IdKind,
    },
    /// A character the identifier must contain is missing (the `@` of an email address).
    /// Its code is `invalid_format`, as for a wrong character.
    #[error("{}: '{character}' is missing", kind.label_en())]
    Missing {
        /// The kind of identifier being parsed.
        kind: IdKind,
        /// The character that is missing.
        character: char,
    },
}

fn unknown_en(postal: Option<PostalCodeOf>) -> String {
    match postal {
        Some(of) => format!(
            "this is a postal code, not an INSEE commune code; it serves {}",
            of.describe()
        ),
        None => "no entry has this code".into(),
    }
}

struct Expected(usize, usize);

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == self.1 {
            write!(f, "{}", self.0)
        } else {
            write!(f, "{} to {}", self.0, self.1)
        }
    }
}

impl ParseError {
    /// The stable snake_case code of this error, shared by the C result names, the Python
    /// exception classes and the CLI output.
    ///
    /// ```
    /// use rppsplus_core::ids::Finess;
    /// assert_eq!("9A0000000".parse::<Finess>().unwrap_err().code(), "invalid_component");
    /// ```
    pub fn code(&self) -> FindingCode {
        match self {
            Self::InvalidFormat { .. } | Self::Missing { .. } => FindingCode::InvalidFormat,
            Self::InvalidLength { .. } => FindingCode::InvalidLength,
            Self::InvalidChecksum { .. } => FindingCode::InvalidChecksum,
            Self::InvalidComponent { .. } => FindingCode::InvalidComponent,
            Self::NotMobile { .. } => FindingCode::NotMobile,
            Self::UnknownCode { .. } => FindingCode::UnknownCode,
        }
    }

    /// The kind of identifier that failed to parse.
    pub fn kind(&self) -> IdKind {
        match *self {
            Self::InvalidFormat { kind, .. }
            | Self::InvalidLength { kind, .. }
            | Self::InvalidChecksum { kind }
            | Self::InvalidComponent { kind, .. }
            | Self::NotMobile { kind }
            | Self::UnknownCode { kind, .. }
            | Self::Missing { kind, .. } => kind,
        }
    }

    /// The message in French (the users' language); [`Display`](fmt::Display) gives English.
    ///
    /// ```
    /// use rppsplus_core::ids::Rpps;
    /// let err = "1010798531".parse::<Rpps>().unwrap_err();
    /// assert_eq!(err.message_fr(), "numéro RPPS : 10 caractères au lieu de 11");
    /// assert_eq!(err.to_string(), "RPPS number: 10 characters, expected 11");
    /// ```
    pub fn message_fr(&self) -> String {
        let kind = self.kind().label_fr();
        match *self {
            Self::InvalidFormat { position, .. } => {
                format!("{kind} : caractère non autorisé en position {}", position + 1)
            }
            Self::InvalidLength { found: 0, .. } => format!("{kind} : la valeur est vide"),
            Self::InvalidLength { min, max, found, .. } if min == max => {
                format!("{kind} : {found} caractères au lieu de {min}")
            }
            Self::InvalidLength { min, max, found, .. } => {
                format!("{kind} : {found} caractères au lieu de {min} à {max}")
            }
            Self::InvalidChecksum { .. } => format!("{kind} : la clé de contrôle est fausse"),
            Self::InvalidComponent { component, .. } => {
                format!("{kind} : {}", component.message_fr())
            }
            Self::NotMobile { .. } => {
                format!("{kind} : c'est un numéro de ligne fixe, pas un mobile")
            }
            Self::UnknownCode {
                postal_code_of: Some(of),
                ..
            } => format!(
                "{kind} : c'est un code postal, pas un code commune INSEE ; il dessert {}",
                of.describe()
            ),
            Self::UnknownCode { .. } => format!("{kind} : aucune entrée n'a ce code"),
            Self::Missing { character, .. } => format!("{kind} : il manque « {character} »"),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ids::{Email, Rpps};

    #[test]
    fn french_and_english_count_positions_alike_from_one() {
        let e = "1010798531A".parse::<Rpps>().unwrap_err();
        assert!(e.message_fr().ends_with("en position 11"), "{}", e.message_fr());
        assert!(e.to_string().ends_with("at position 11"), "{e}");
    }

    #[test]
    fn a_missing_at_names_no_position() {
        let e = "nathalie.dupont.example".parse::<Email>().unwrap_err();
        assert_eq!(e.code(), "invalid_format");
        assert_eq!(e.message_fr(), "adresse email : il manque « @ »");
        assert_eq!(e.to_string(), "email address: '@' is missing");
    }
}
