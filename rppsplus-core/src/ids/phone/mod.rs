//! Mobile telephone numbers, normalised to E.164, with the French overseas territories'
//! own country codes.

#[rustfmt::skip]
mod patterns;

use super::format::grouped;
use super::scan::{ascii, scan};
use super::{Component, IdKind, ParseError, identifier_traits};
use patterns::{PLANS, Plan};

/// The French territories with their own numbering plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Territory {
    /// France métropolitaine (+33).
    Fr,
    /// La Réunion (+262).
    Re,
    /// Mayotte (+262).
    Yt,
    /// Guadeloupe (+590).
    Gp,
    /// Saint-Barthélemy (+590, same plan as Guadeloupe).
    Bl,
    /// Saint-Martin (+590, same plan as Guadeloupe).
    Mf,
    /// Guyane (+594).
    Gf,
    /// Martinique (+596).
    Mq,
    /// Saint-Pierre-et-Miquelon (+508).
    Pm,
    /// Wallis-et-Futuna (+681).
    Wf,
    /// Nouvelle-Calédonie (+687).
    Nc,
    /// Polynésie française (+689).
    Pf,
}

impl Territory {
    /// The ISO 3166 alpha-2 code (`FR`, `RE`…).
    pub fn iso_code(self) -> &'static str {
        match self {
            Self::Fr => "FR",
            Self::Re => "RE",
            Self::Yt => "YT",
            Self::Gp => "GP",
            Self::Bl => "BL",
            Self::Mf => "MF",
            Self::Gf => "GF",
            Self::Mq => "MQ",
            Self::Pm => "PM",
            Self::Wf => "WF",
            Self::Nc => "NC",
            Self::Pf => "PF",
        }
    }
}

impl Plan {
    /// Whether `nsn` (ASCII digits) is a mobile number of the plan.
    fn is_mobile(&self, nsn: &[u8]) -> bool {
        matches(self.mobile, nsn)
    }

    /// Whether `nsn` (ASCII digits) is a fixed-line number of the plan.
    fn is_fixed(&self, nsn: &[u8]) -> bool {
        matches(self.fixed, nsn)
    }
}

/// Whether `digits` (ASCII digits) is one of the digit-class sequences (one mask of allowed
/// digits per position).
fn matches(sequences: &[&[u16]], digits: &[u8]) -> bool {
    sequences.iter().any(|classes| {
        classes.len() == digits.len()
            && classes
                .iter()
                .zip(digits)
                .all(|(mask, d)| mask >> (d.wrapping_sub(b'0') & 15) & 1 == 1)
    })
}

/// The error of digits written with neither `+`, `00` nor `0` in front: a national number
/// without its trunk `0` (`612345678`, as a spreadsheet shows `06 12 34 56 78`), or an
/// international one without its `+` (`33612345678`); else a bad first character.
#[cold]
fn without_prefix(digits: &[u8]) -> ParseError {
    let kind = IdKind::Phone;
    let national = PLANS.iter().filter(|p| p.national_prefix);
    if national.clone().any(|p| p.is_mobile(digits) || p.is_fixed(digits)) {
        return ParseError::Missing { kind, character: '0' };
    }
    let calling = |p: &&Plan| {
        ascii(digits)
            .strip_prefix(p.calling_code)
            .is_some_and(|nsn| p.is_mobile(nsn.as_bytes()))
    };
    if PLANS.iter().any(|p| calling(&p)) {
        return ParseError::Missing { kind, character: '+' };
    }
    ParseError::InvalidFormat { kind, position: 0 }
}

/// The first digit of the first mobile range of the plans of `calling_code` (`6` for
/// `33`), for the examples of messages; `6` if there is none.
pub(crate) fn first_mobile_digit(calling_code: &str) -> char {
    let first = PLANS
        .iter()
        .find(|p| p.calling_code == calling_code)
        .and_then(|p| p.mobile.first()?.first().copied());
    first
        .and_then(|mask| (0..10).find(|d| mask >> d & 1 == 1))
        .and_then(|d| char::from_digit(d, 10))
        .unwrap_or('6')
}

/// The longest E.164 number: `+` and 15 digits.
const MAX: usize = 16;

/// A mobile telephone number in E.164 form (`+33612345678`).
///
/// French numbers are checked against the mobile ranges of each territory. A national
/// form (`06…`, `07…`) is given the country code of the territory its range belongs to:
/// `0692 12 34 56` is a Réunion mobile, `+262692123456`, not `+33…`. Landlines are
/// `not_mobile`. A foreign number (another country code) is accepted when it is
/// E.164-plausible, with [`Warning::ForeignNumber`](super::Warning::ForeignNumber) from
/// [`check`](super::check).
///
/// Contact data are confidential: `Debug` prints no value.
///
/// ```
/// use rppsplus_core::ids::{MobilePhone, Territory};
/// let m: MobilePhone = "06 12 34 56 78".parse()?;
/// assert_eq!(m.as_str(), "+33612345678");
/// let re: MobilePhone = "0692123456".parse()?;
/// assert_eq!((re.as_str(), re.territory()), ("+262692123456", Some(Territory::Re)));
/// assert_eq!("01 23 45 67 89".parse::<MobilePhone>().unwrap_err().code(), "not_mobile");
/// # Ok::<(), rppsplus_core::ids::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MobilePhone {
    buf: [u8; MAX],
    len: u8,
    territory: Option<TerritoryIndex>,
}

/// Index into [`PLANS`], kept small and `Ord` for the derives.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct TerritoryIndex(u8);

impl MobilePhone {
    /// Parses a mobile number in national (`06…`), international (`+33…`, `0033…`) form.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let kind = IdKind::Phone;
        // 17 = "00" + 15 digits, the longest accepted spelling.
        let s = scan::<17>(input, kind, 1, |b| b.is_ascii_digit() || b == b'+')?;
        let bytes = s.bytes();
        if let Some(i) = bytes.iter().skip(1).position(|&b| b == b'+') {
            return Err(ParseError::InvalidFormat {
                kind,
                position: super::scan::significant_position(input, i + 1),
            });
        }
        match bytes {
            [b'+', rest @ ..] => Self::international(rest, 1),
            [b'0', b'0', rest @ ..] => Self::international(rest, 2),
            [b'0', nsn @ ..] => Self::national(nsn),
            digits => Err(without_prefix(digits)),
        }
    }

    /// A national form: trunk `0` then a 9-digit NSN, whose territory is inferred.
    fn national(nsn: &[u8]) -> Result<Self, ParseError> {
        if nsn.len() != 9 {
            return Err(ParseError::InvalidLength {
                kind: IdKind::Phone,
                min: 10,
                max: 10,
                found: nsn.len() + 1,
            });
        }
        let national = || PLANS.iter().enumerate().filter(|(_, p)| p.national_prefix);
        if let Some((i, p)) = national().find(|(_, p)| p.is_mobile(nsn)) {
            return Ok(Self::build(p.calling_code, nsn, Some(i)));
        }
        if national().any(|(_, p)| p.is_fixed(nsn)) {
            return Err(ParseError::NotMobile { kind: IdKind::Phone });
        }
        Err(ParseError::InvalidComponent {
            kind: IdKind::Phone,
            component: Component::PhoneRange,
        })
    }

    /// An international form (after `+` or `00`, `prefix_len` characters).
    fn international(digits: &[u8], prefix_len: usize) -> Result<Self, ParseError> {
        let kind = IdKind::Phone;
        let text = ascii(digits);
        let plans = PLANS
            .iter()
            .enumerate()
            .filter(|(_, p)| text.starts_with(p.calling_code));
        let Some(code) = plans.clone().next().map(|(_, p)| p.calling_code) else {
            return Self::foreign(digits, prefix_len);
        };
        let nsn = &text[code.len()..];
        if nsn.starts_with('0') {
            return Err(ParseError::InvalidComponent {
                kind,
                component: Component::PhoneTrunkPrefix { calling_code: code },
            });
        }
        if let Some((i, _)) = plans.clone().find(|(_, p)| p.is_mobile(nsn.as_bytes())) {
            return Ok(Self::build(code, nsn.as_bytes(), Some(i)));
        }
        let overseas = PLANS
            .iter()
            .find(|p| p.national_prefix && p.calling_code != code && p.is_mobile(nsn.as_bytes()));
        if let Some(overseas) = overseas.filter(|_| code == "33") {
            return Err(ParseError::InvalidComponent {
                kind,
                component: Component::PhoneCountryCode {
                    calling_code: overseas.calling_code,
                },
            });
        }
        if plans.clone().any(|(_, p)| p.is_fixed(nsn.as_bytes())) {
            return Err(ParseError::NotMobile { kind });
        }
        let lengths = plans.clone().flat_map(|(_, p)| p.mobile_lengths.iter().copied());
        let (min, max) = lengths.fold((usize::MAX, 0), |(lo, hi), n| (lo.min(n), hi.max(n)));
        if !(min..=max).contains(&nsn.len()) {
            let extra = prefix_len + code.len();
            return Err(ParseError::InvalidLength {
                kind,
                min: min + extra,
                max: max + extra,
                found: nsn.len() + extra,
            });
        }
        Err(ParseError::InvalidComponent {
            kind,
            component: Component::PhoneRange,
        })
    }

    /// A foreign number: a plausible E.164 number (8 to 15 digits, no leading 0).
    fn foreign(digits: &[u8], prefix_len: usize) -> Result<Self, ParseError> {
        let kind = IdKind::Phone;
        if digits.first() == Some(&b'0') {
            return Err(ParseError::InvalidFormat {
                kind,
                position: prefix_len,
            });
        }
        if !(8..=15).contains(&digits.len()) {
            return Err(ParseError::InvalidLength {
                kind,
                min: 8 + prefix_len,
                max: 15 + prefix_len,
                found: digits.len() + prefix_len,
            });
        }
        Ok(Self::build("", digits, None))
    }

    fn build(code: &str, nsn: &[u8], territory: Option<usize>) -> Self {
        let mut buf = [0u8; MAX];
        buf[0] = b'+';
        let mut len = 1;
        for &b in code.as_bytes().iter().chain(nsn) {
            buf[len] = b;
            len += 1;
        }
        let territory = territory.and_then(|i| u8::try_from(i).ok()).map(TerritoryIndex);
        Self {
            buf,
            len: len as u8,
            territory,
        }
    }

    /// The number in E.164 form (`+33612345678`).
    pub fn as_str(&self) -> &str {
        ascii(&self.buf[..usize::from(self.len)])
    }

    /// The French territory whose mobile range holds the number; `None` for a foreign
    /// number.
    pub fn territory(&self) -> Option<Territory> {
        self.territory
            .and_then(|TerritoryIndex(i)| PLANS.get(usize::from(i)))
            .map(|p| p.territory)
    }

    /// Whether the number belongs to no French territory.
    pub fn is_foreign(&self) -> bool {
        self.territory.is_none()
    }

    /// The display form: the national form `0X XX XX XX XX` for a number of the French
    /// numbering plan (metropolitan France and the territories whose 9-digit numbers are
    /// dialled with a trunk `0` from anywhere in it: La Réunion, Mayotte, Guadeloupe,
    /// Saint-Barthélemy, Saint-Martin, Guyane, Martinique), else E.164 (the other
    /// territories, foreign numbers). It parses back to the same number. Confidential like
    /// the number (docs/domain.md §7).
    ///
    /// ```
    /// use rppsplus_core::ids::MobilePhone;
    /// assert_eq!("+262692123456".parse::<MobilePhone>()?.format(), "06 92 12 34 56");
    /// assert_eq!("+44 7700 900123".parse::<MobilePhone>()?.format(), "+447700900123");
    /// # Ok::<(), rppsplus_core::ids::ParseError>(())
    /// ```
    pub fn format(&self) -> String {
        let plan = self.territory.and_then(|TerritoryIndex(i)| PLANS.get(usize::from(i)));
        let national = plan
            .filter(|p| p.national_prefix)
            .map(|p| &self.as_str()[1 + p.calling_code.len()..]);
        match national {
            Some(nsn) if nsn.len() == 9 => grouped(&format!("0{nsn}"), &[2, 2, 2, 2]),
            _ => self.as_str().to_owned(),
        }
    }
}

identifier_traits!(MobilePhone, kind = Phone, confidential = always, format = own);

#[cfg(test)]
mod tests {
    use super::*;

    fn e164(s: &str) -> String {
        MobilePhone::parse(s)
            .map(|m| m.to_string())
            .unwrap_or_else(|e| e.code().as_str().into())
    }

    #[test]
    fn shared_vectors() {
        for (national, expected) in [
            ("0612345678", "+33612345678"),
            ("0692123456", "+262692123456"),
            ("0639012345", "+262639012345"),
            ("0690001234", "+590690001234"),
            ("0694201234", "+594694201234"),
            ("0696201234", "+596696201234"),
            ("0709212345", "+262709212345"),
        ] {
            assert_eq!(e164(national), expected, "{national}");
            assert_eq!(e164(expected), expected, "{expected}");
        }
    }

    #[test]
    fn territories_in_international_form() {
        for ok in [
            "+508551234",
            "+681821234",
            "+687751234",
            "+68987123456",
            "+33730494959",
            "0033 6 12 34 56 78",
        ] {
            assert!(MobilePhone::is_valid(ok), "{ok}");
        }
        assert_eq!(
            MobilePhone::parse("+687751234").unwrap().territory(),
            Some(Territory::Nc)
        );
        assert_eq!(
            MobilePhone::parse("0639012345").unwrap().territory(),
            Some(Territory::Yt)
        );
    }

    #[test]
    fn errors() {
        assert_eq!(e164("+33712345678"), "invalid_component");
        assert_eq!(e164("+33692123456"), "invalid_component");
        assert_eq!(
            MobilePhone::parse("+33692123456").unwrap_err(),
            ParseError::InvalidComponent {
                kind: IdKind::Phone,
                component: Component::PhoneCountryCode { calling_code: "262" }
            }
        );
        assert_eq!(e164("+330612345678"), "invalid_component");
        assert_eq!(e164("0123456789"), "not_mobile");
        assert_eq!(e164("+33123456789"), "not_mobile");
        assert_eq!(e164("+262262161234"), "not_mobile");
        assert_eq!(e164("061234567"), "invalid_length");
        assert_eq!(e164("+3361234567"), "invalid_length");
        assert_eq!(e164("612345678"), "invalid_format");
        assert_eq!(e164("912345678"), "invalid_format");
        assert_eq!(e164("+33+612345678"), "invalid_format");
        assert_eq!(e164("06 12 34 56 7a"), "invalid_format");
        assert_eq!(e164(""), "invalid_length");
    }

    #[test]
    fn foreign_numbers() {
        let m = MobilePhone::parse("+44 7700 900123").unwrap();
        assert!(m.is_foreign());
        assert_eq!(m.as_str(), "+447700900123");
        assert_eq!(e164("+4477"), "invalid_length");
        assert_eq!(e164("+0447700900123"), "invalid_format");
    }

    proptest::proptest! {
        /// The digit-class sequences match what the source's regular expressions match.
        #[test]
        fn sequences_match_as_the_source_patterns(digits in "[0-9]{5,10}", plan in 0..PLANS.len()) {
            let plan = &PLANS[plan];
            let regex = |p: &str| regex::Regex::new(&format!("^(?:{p})$")).unwrap();
            proptest::prop_assert_eq!(plan.is_mobile(digits.as_bytes()), regex(plan.mobile_regex).is_match(&digits));
            proptest::prop_assert_eq!(plan.is_fixed(digits.as_bytes()), regex(plan.fixed_regex).is_match(&digits));
        }
    }

    /// Every sequence's own numbers match the source pattern (random numbers rarely fall
    /// in a narrow range).
    #[test]
    fn numbers_drawn_from_each_sequence_match_the_source() {
        let mut seed = 2026u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        for plan in PLANS {
            for (sequences, pattern) in [(plan.mobile, plan.mobile_regex), (plan.fixed, plan.fixed_regex)] {
                let regex = regex::Regex::new(&format!("^(?:{pattern})$")).unwrap();
                for classes in sequences {
                    for _ in 0..50 {
                        let digits: String = classes
                            .iter()
                            .map(|&mask| {
                                let allowed: Vec<u32> = (0..10).filter(|d| mask >> d & 1 == 1).collect();
                                char::from_digit(allowed[next() as usize % allowed.len()], 10).unwrap()
                            })
                            .collect();
                        assert!(regex.is_match(&digits), "{digits} for {pattern}");
                    }
                }
            }
        }
    }

    #[test]
    fn debug_is_redacted() {
        let m = MobilePhone::parse("0612345678").unwrap();
        assert_eq!(format!("{m:?}"), "MobilePhone(<redacted>)");
    }
}
