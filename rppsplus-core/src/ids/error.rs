//! The parse error shared by every identifier.

use std::borrow::Cow;
use std::fmt;

use super::IdKind;
use super::phone::first_mobile_digit;
use crate::FindingCode;
use crate::nomenclature::commune::PostalCodeOf;

/// Which part of an identifier is wrong, for [`ParseError::InvalidComponent`].
///
/// Each variant names a rule of docs/domain.md §2; its messages never repeat the input, so
/// an error about a phone number or an email address can be logged safely.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Component {
    /// An RPPS number of the production directory starts with `1` (test cards carry `99…`).
    RppsPrefix,
    /// Twelve digits starting with `8` given as an RPPS number: the idNat of a person with an
    /// RPPS number (`8` + the 11 digits), as the portal's lists and Pro Santé Connect show it.
    /// It carries that RPPS number (public data: the Annuaire Santé publishes it), which the
    /// messages give.
    RppsIdNat(super::Rpps),
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
    PhoneCountryCode {
        /// The territory's own calling code (`262`).
        calling_code: &'static str,
    },
    /// The trunk prefix `0` written after a country code (`+33 06…`, `+262 0692…`).
    PhoneTrunkPrefix {
        /// The calling code written (`33`, `262`).
        calling_code: &'static str,
    },
    /// The domain of an email address is not `label.label…tld`.
    EmailDomain,
    /// The local part (before `@`) of an email address is empty or too long.
    EmailLocalPart,
    /// The 14 digits of a demande number are not a real date and time.
    DemandeTimestamp,
}

impl Component {
    /// What is wrong, in French, without the input's value.
    pub fn problem_fr(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Self::RppsPrefix => "un numéro RPPS de production commence par 1 (les cartes de test commencent par 99)",
            Self::RppsIdNat(_) => {
                "c'est l'identifiant national (idNat) de Pro Santé Connect, soit un 8 suivi du numéro RPPS"
            }
            Self::IdNatPrefix => "le type d'identifiant (premier caractère) est inconnu ou obsolète",
            Self::IdNatLocalPart => "l'identifiant local après « / » est vide ou contient des caractères interdits",
            Self::FinessDepartement => {
                "les deux premiers caractères ne sont pas un département FINESS (01–19, 2A, 2B, 21–95, 97)"
            }
            Self::AdeliDepartement => "les deux premiers caractères ne sont pas un département",
            Self::CountryPrefix => "un code pays INSEE commence par 99",
            Self::PhoneRange => "ce numéro n'appartient à aucune tranche de mobiles attribuée",
            Self::PhoneCountryCode { calling_code } => {
                return Cow::Owned(format!(
                    "ce mobile d'outre-mer a son propre indicatif, +{calling_code}, pas +33"
                ));
            }
            Self::PhoneTrunkPrefix { .. } => "le 0 ne s'écrit pas après l'indicatif",
            Self::EmailDomain => "le domaine de l'adresse est invalide",
            Self::EmailLocalPart => "la partie avant « @ » est vide ou trop longue",
            Self::DemandeTimestamp => "les 14 chiffres ne forment pas une date et heure réelles (AAAAMMJJhhmmss)",
        })
    }

    /// What is wrong, in English, without the input's value.
    pub fn problem_en(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Self::RppsPrefix => "a production RPPS number starts with 1 (test cards start with 99)",
            Self::RppsIdNat(_) => {
                "this is the national identifier (idNat) of Pro Santé Connect, an 8 followed by the RPPS number"
            }
            Self::IdNatPrefix => "the identifier type (first character) is unknown or deprecated",
            Self::IdNatLocalPart => "the local identifier after '/' is empty or has forbidden characters",
            Self::FinessDepartement => {
                "the first two characters are not a FINESS département (01–19, 2A, 2B, 21–95, 97)"
            }
            Self::AdeliDepartement => "the first two characters are not a département",
            Self::CountryPrefix => "an INSEE country code starts with 99",
            Self::PhoneRange => "the number is in no allocated mobile range",
            Self::PhoneCountryCode { calling_code } => {
                return Cow::Owned(format!(
                    "this overseas mobile has its own country code, +{calling_code}, not +33"
                ));
            }
            Self::PhoneTrunkPrefix { .. } => "the trunk prefix 0 is not written after the country code",
            Self::EmailDomain => "the domain of the address is invalid",
            Self::EmailLocalPart => "the part before '@' is empty or too long",
            Self::DemandeTimestamp => "the 14 digits are not a real date and time (YYYYMMDDhhmmss)",
        })
    }

    /// What to do, in French.
    pub fn remedy_fr(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Self::RppsPrefix | Self::PhoneRange => "vérifiez le numéro",
            Self::RppsIdNat(rpps) => return Cow::Owned(format!("indiquez le numéro RPPS {rpps}, sans le 8")),
            Self::IdNatPrefix => "vérifiez le premier caractère (8 devant un numéro RPPS, 0 devant un ADELI…)",
            Self::IdNatLocalPart => "corrigez la partie après « / »",
            Self::FinessDepartement | Self::AdeliDepartement => "vérifiez le numéro : il commence par un département",
            Self::CountryPrefix => "indiquez un code pays (99100 pour la France), pas un code commune",
            Self::PhoneCountryCode { calling_code } => {
                return Cow::Owned(format!("remplacez +33 par +{calling_code}"));
            }
            Self::PhoneTrunkPrefix { calling_code } => {
                let d = first_mobile_digit(calling_code);
                return Cow::Owned(format!("retirez-le (+{calling_code} {d}…, pas +{calling_code} 0{d}…)"));
            }
            Self::EmailDomain => "corrigez la partie après « @ » (exemple.fr)",
            Self::EmailLocalPart => "corrigez la partie avant « @ »",
            Self::DemandeTimestamp => "vérifiez le numéro de demande",
        })
    }

    /// What to do, in English.
    pub fn remedy_en(self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Self::RppsPrefix | Self::PhoneRange => "check the number",
            Self::RppsIdNat(rpps) => return Cow::Owned(format!("give the RPPS number {rpps}, without the 8")),
            Self::IdNatPrefix => "check the first character (8 before an RPPS number, 0 before an ADELI…)",
            Self::IdNatLocalPart => "correct the part after '/'",
            Self::FinessDepartement | Self::AdeliDepartement => "check the number: it starts with a département",
            Self::CountryPrefix => "give a country code (99100 for France), not a commune code",
            Self::PhoneCountryCode { calling_code } => {
                return Cow::Owned(format!("replace +33 with +{calling_code}"));
            }
            Self::PhoneTrunkPrefix { calling_code } => {
                let d = first_mobile_digit(calling_code);
                return Cow::Owned(format!("remove it (+{calling_code} {d}…, not +{calling_code} 0{d}…)"));
            }
            Self::EmailDomain => "correct the part after '@' (example.org)",
            Self::EmailLocalPart => "correct the part before '@'",
            Self::DemandeTimestamp => "check the demande number",
        })
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseError {
    /// A character that the identifier cannot contain, at `position` (in characters,
    /// counted from 0 in the input as given; the messages, in French and English alike,
    /// count from 1 as people do).
    InvalidFormat {
        /// The kind of identifier being parsed.
        kind: IdKind,
        /// The position of the first offending character.
        position: usize,
    },
    /// The number of significant characters (separators removed) is wrong.
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
    InvalidChecksum {
        /// The kind of identifier being parsed.
        kind: IdKind,
    },
    /// A part of the identifier breaks a rule of its kind.
    InvalidComponent {
        /// The kind of identifier being parsed.
        kind: IdKind,
        /// The part that is wrong.
        component: Component,
    },
    /// A well-formed code that no entry of its table has (INSEE communes and countries).
    /// For a commune code that is a postal code, `postal_code_of` names the communes it
    /// serves.
    UnknownCode {
        /// The kind of identifier being parsed.
        kind: IdKind,
        /// The communes whose postal code the input is, when it is one.
        postal_code_of: Option<PostalCodeOf>,
    },
    /// A well-formed telephone number that is not a mobile (a landline, for instance).
    NotMobile {
        /// The kind of identifier being parsed (always [`IdKind::Phone`]).
        kind: IdKind,
    },
    /// A character the identifier must contain is missing (the `@` of an email address).
    /// Its code is `invalid_format`, as for a wrong character.
    Missing {
        /// The kind of identifier being parsed.
        kind: IdKind,
        /// The character that is missing.
        character: char,
    },
}

/// `1 caractère`, `11 caractères`.
fn characters_fr(n: usize) -> String {
    if n < 2 {
        format!("{n} caractère")
    } else {
        format!("{n} caractères")
    }
}

/// `1 character`, `11 characters`.
fn characters_en(n: usize) -> String {
    if n == 1 {
        format!("{n} character")
    } else {
        format!("{n} characters")
    }
}

/// `11`, `10 à 12`.
struct Expected(usize, usize, &'static str);

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == self.1 {
            write!(f, "{}", self.0)
        } else {
            write!(f, "{} {} {}", self.0, self.2, self.1)
        }
    }
}

/// The English message: `{kind}: {problem}; {remedy}`.
impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}; {}",
            self.kind().label_en(),
            self.problem_en(),
            self.remedy_en()
        )
    }
}

impl std::error::Error for ParseError {}

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

    /// The message in French (the users' language), in the shape of every message of the
    /// library: what (the kind), what is wrong, what to do — `{kind} : {problem} ; {remedy}`.
    /// [`Display`](fmt::Display) gives English. Neither repeats the input.
    ///
    /// ```
    /// use rppsplus_core::ids::Rpps;
    /// let err = "1010798531".parse::<Rpps>().unwrap_err();
    /// assert_eq!(
    ///     err.message_fr(),
    ///     "numéro RPPS : 10 caractères au lieu de 11 ; vérifiez qu'aucun caractère ne manque ni n'est en trop"
    /// );
    /// assert_eq!(
    ///     err.to_string(),
    ///     "RPPS number: 10 characters instead of 11; check that no character is missing or extra"
    /// );
    /// ```
    pub fn message_fr(&self) -> String {
        format!(
            "{} : {} ; {}",
            self.kind().label_fr(),
            self.problem_fr(),
            self.remedy_fr()
        )
    }

    /// What is wrong, in French, without the kind and without the input
    /// (`10 caractères au lieu de 11`).
    pub fn problem_fr(&self) -> Cow<'static, str> {
        Cow::Owned(match *self {
            Self::InvalidFormat { position, .. } => format!("caractère non autorisé en position {}", position + 1),
            Self::InvalidLength { found: 0, .. } => return "la valeur est vide".into(),
            Self::InvalidLength { min, max, found, .. } => {
                format!("{} au lieu de {}", characters_fr(found), Expected(min, max, "à"))
            }
            Self::InvalidChecksum { .. } => return "la clé de contrôle est fausse".into(),
            Self::InvalidComponent { component, .. } => return component.problem_fr(),
            Self::NotMobile { .. } => return "c'est un numéro de ligne fixe, pas un mobile".into(),
            Self::UnknownCode {
                postal_code_of: Some(of),
                ..
            } => format!(
                "c'est un code postal (celui de {}), pas un code commune INSEE",
                of.describe()
            ),
            Self::UnknownCode { .. } => return "aucune entrée n'a ce code".into(),
            Self::Missing {
                kind: IdKind::Phone,
                character: '0',
            } => return "il manque le 0 initial (ou l'indicatif pays)".into(),
            Self::Missing {
                kind: IdKind::Phone,
                character: '+',
            } => return "il manque le + devant l'indicatif pays".into(),
            Self::Missing { character, .. } => format!("il manque « {character} »"),
        })
    }

    /// What is wrong, in English, without the kind and without the input
    /// (`10 characters instead of 11`).
    pub fn problem_en(&self) -> Cow<'static, str> {
        Cow::Owned(match *self {
            Self::InvalidFormat { position, .. } => format!("invalid character at position {}", position + 1),
            Self::InvalidLength { found: 0, .. } => return "the value is empty".into(),
            Self::InvalidLength { min, max, found, .. } => {
                format!("{} instead of {}", characters_en(found), Expected(min, max, "to"))
            }
            Self::InvalidChecksum { .. } => return "the check digit does not match".into(),
            Self::InvalidComponent { component, .. } => return component.problem_en(),
            Self::NotMobile { .. } => return "this is a landline number, not a mobile".into(),
            Self::UnknownCode {
                postal_code_of: Some(of),
                ..
            } => format!(
                "this is a postal code (that of {}), not an INSEE commune code",
                of.describe()
            ),
            Self::UnknownCode { .. } => return "no entry has this code".into(),
            Self::Missing {
                kind: IdKind::Phone,
                character: '0',
            } => return "the leading 0 (or the country code) is missing".into(),
            Self::Missing {
                kind: IdKind::Phone,
                character: '+',
            } => return "the + before the country code is missing".into(),
            Self::Missing { character, .. } => format!("'{character}' is missing"),
        })
    }

    /// What to do, in French (`vérifiez qu'aucun caractère ne manque ni n'est en trop`).
    pub fn remedy_fr(&self) -> Cow<'static, str> {
        Cow::Borrowed(match *self {
            Self::InvalidFormat { .. } => "retirez ou corrigez ce caractère",
            Self::InvalidLength { found: 0, .. } => "renseignez la valeur",
            Self::InvalidLength { .. } => "vérifiez qu'aucun caractère ne manque ni n'est en trop",
            Self::InvalidChecksum { .. } => "vérifiez les chiffres : l'un d'eux est sans doute mal recopié",
            Self::InvalidComponent { component, .. } => return component.remedy_fr(),
            Self::NotMobile { .. } => "indiquez un numéro de mobile",
            Self::UnknownCode {
                postal_code_of: Some(_),
                ..
            } => "indiquez le code INSEE de la commune",
            Self::UnknownCode { .. } => "vérifiez le code dans sa liste",
            Self::Missing {
                kind: IdKind::Phone,
                character: '0',
            } => "écrivez le numéro avec son 0 (06…, 07…) ou avec l'indicatif de son territoire (+33, +262…)",
            Self::Missing {
                kind: IdKind::Phone, ..
            } => "ajoutez le + (ou 00) devant l'indicatif",
            Self::Missing { .. } => "écrivez l'adresse entière, nom@domaine",
        })
    }

    /// What to do, in English (`check that no character is missing or extra`).
    pub fn remedy_en(&self) -> Cow<'static, str> {
        Cow::Borrowed(match *self {
            Self::InvalidFormat { .. } => "remove or correct that character",
            Self::InvalidLength { found: 0, .. } => "fill in the value",
            Self::InvalidLength { .. } => "check that no character is missing or extra",
            Self::InvalidChecksum { .. } => "check the digits: one of them is probably mistyped",
            Self::InvalidComponent { component, .. } => return component.remedy_en(),
            Self::NotMobile { .. } => "give a mobile number",
            Self::UnknownCode {
                postal_code_of: Some(_),
                ..
            } => "give the INSEE code of the commune",
            Self::UnknownCode { .. } => "check the code against its list",
            Self::Missing {
                kind: IdKind::Phone,
                character: '0',
            } => "write the number with its 0 (06…, 07…) or with its territory's country code (+33, +262…)",
            Self::Missing {
                kind: IdKind::Phone, ..
            } => "add the + (or 00) before the country code",
            Self::Missing { .. } => "write the whole address, name@domain",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{Email, MobilePhone, Rpps};

    #[test]
    fn french_and_english_count_positions_alike_from_one() {
        let e = "1010798531A".parse::<Rpps>().unwrap_err();
        assert!(e.problem_fr().ends_with("en position 11"), "{}", e.message_fr());
        assert!(e.problem_en().ends_with("at position 11"), "{e}");
    }

    #[test]
    fn a_missing_at_names_no_position() {
        let e = "nathalie.dupont.example".parse::<Email>().unwrap_err();
        assert_eq!(e.code(), "invalid_format");
        assert_eq!(
            e.message_fr(),
            "adresse email : il manque « @ » ; écrivez l'adresse entière, nom@domaine"
        );
        assert_eq!(
            e.to_string(),
            "email address: '@' is missing; write the whole address, name@domain"
        );
    }

    #[test]
    fn an_idnat_given_as_an_rpps_number_says_so() {
        let e = "810107985318".parse::<Rpps>().unwrap_err();
        assert_eq!(e.code(), "invalid_component");
        assert!(
            e.message_fr().contains("identifiant national (idNat)"),
            "{}",
            e.message_fr()
        );
        assert!(
            e.message_fr()
                .ends_with("indiquez le numéro RPPS 10107985318, sans le 8"),
            "{}",
            e.message_fr()
        );
        assert!(
            e.to_string()
                .ends_with("give the RPPS number 10107985318, without the 8"),
            "{e}"
        );
        // Twelve digits that are no idNat stay a wrong length.
        assert_eq!("810107985310".parse::<Rpps>().unwrap_err().code(), "invalid_length");
        assert_eq!("710107985318".parse::<Rpps>().unwrap_err().code(), "invalid_length");
    }

    #[test]
    fn a_mobile_without_its_leading_zero_says_so() {
        for input in ["612345678", "730494959", "692 12 34 56"] {
            let e = MobilePhone::parse(input).unwrap_err();
            assert_eq!(
                e,
                ParseError::Missing {
                    kind: IdKind::Phone,
                    character: '0'
                },
                "{input}"
            );
            assert!(e.message_fr().contains("il manque le 0 initial"), "{}", e.message_fr());
        }
        let e = MobilePhone::parse("33612345678").unwrap_err();
        assert!(e.message_fr().contains("il manque le +"), "{}", e.message_fr());
        // Neither a national number nor a calling code: a bad character, as before.
        assert_eq!(
            MobilePhone::parse("912345678").unwrap_err(),
            ParseError::InvalidFormat {
                kind: IdKind::Phone,
                position: 0
            }
        );
    }

    #[test]
    fn a_trunk_zero_after_a_country_code_gives_that_territory_s_example() {
        let e = MobilePhone::parse("+262 0692 12 34 56").unwrap_err();
        assert_eq!(e.remedy_fr(), "retirez-le (+262 6…, pas +262 06…)");
        assert_eq!(e.remedy_en(), "remove it (+262 6…, not +262 06…)");
        let e = MobilePhone::parse("+33 06 12 34 56 78").unwrap_err();
        assert_eq!(e.remedy_fr(), "retirez-le (+33 6…, pas +33 06…)");
        let e = MobilePhone::parse("+33 692 12 34 56").unwrap_err();
        assert_eq!(e.remedy_fr(), "remplacez +33 par +262");
    }

    #[test]
    fn lengths_agree_in_number() {
        let e = "1".parse::<Rpps>().unwrap_err();
        assert_eq!(e.problem_fr(), "1 caractère au lieu de 11");
        assert_eq!(e.problem_en(), "1 character instead of 11");
    }

    /// One error of every variant and component.
    fn every_error() -> Vec<ParseError> {
        let kind = IdKind::Rpps;
        let components = [
            Component::RppsPrefix,
            Component::RppsIdNat("10107985318".parse().expect("a valid RPPS number")),
            Component::IdNatPrefix,
            Component::IdNatLocalPart,
            Component::FinessDepartement,
            Component::AdeliDepartement,
            Component::CountryPrefix,
            Component::PhoneRange,
            Component::PhoneCountryCode { calling_code: "262" },
            Component::PhoneTrunkPrefix { calling_code: "33" },
            Component::EmailDomain,
            Component::EmailLocalPart,
            Component::DemandeTimestamp,
        ];
        let postal = crate::nomenclature::commune::resolve("75015")
            .err()
            .and_then(|e| match e {
                crate::nomenclature::commune::Unresolved::PostalCode(of) => Some(of),
                _ => None,
            });
        let mut all = vec![
            ParseError::InvalidFormat { kind, position: 3 },
            ParseError::InvalidLength {
                kind,
                min: 11,
                max: 11,
                found: 0,
            },
            ParseError::InvalidLength {
                kind,
                min: 11,
                max: 11,
                found: 1,
            },
            ParseError::InvalidLength {
                kind,
                min: 8,
                max: 15,
                found: 20,
            },
            ParseError::InvalidChecksum { kind },
            ParseError::NotMobile { kind: IdKind::Phone },
            ParseError::UnknownCode {
                kind: IdKind::Commune,
                postal_code_of: postal,
            },
            ParseError::UnknownCode {
                kind: IdKind::Pays,
                postal_code_of: None,
            },
            ParseError::Missing {
                kind: IdKind::Email,
                character: '@',
            },
            ParseError::Missing {
                kind: IdKind::Phone,
                character: '0',
            },
            ParseError::Missing {
                kind: IdKind::Phone,
                character: '+',
            },
        ];
        all.extend(components.map(|component| ParseError::InvalidComponent { kind, component }));
        all
    }

    /// Every message has the library's one shape: the kind, what is wrong, what to do; in
    /// French (`kind : problem ; remedy`) and English (`kind: problem; remedy`).
    #[test]
    fn every_message_has_one_shape() {
        for e in every_error() {
            for (problem, remedy) in [(e.problem_fr(), e.remedy_fr()), (e.problem_en(), e.remedy_en())] {
                for part in [&problem, &remedy] {
                    assert!(!part.is_empty() && part.trim() == part.as_ref(), "{e:?}: {part:?}");
                    assert!(!part.ends_with(['.', ';', ':', '…']), "{e:?}: {part:?}");
                    assert!(!part.starts_with(char::is_uppercase), "{e:?}: {part:?}");
                }
                assert!(
                    !problem.contains(';') && !remedy.contains(';'),
                    "{e:?}: {problem} / {remedy}"
                );
            }
            assert_eq!(
                e.message_fr(),
                format!("{} : {} ; {}", e.kind().label_fr(), e.problem_fr(), e.remedy_fr())
            );
            assert_eq!(
                e.to_string(),
                format!("{}: {}; {}", e.kind().label_en(), e.problem_en(), e.remedy_en())
            );
        }
    }
}
