//! FINESS numbers (établissements sanitaires et sociaux).

use super::scan::{ascii, scan, significant_position};
use super::{Component, IdKind, ParseError, identifier_traits, luhn};

/// A FINESS number (juridique or géographique: the number cannot tell them apart): a
/// 2-character département then 7 digits, with a Luhn key over the 9 digits when all are
/// digits.
///
/// The département is `01`–`19`, `2A`, `2B`, `21`–`95`, or `97` for every overseas
/// département. `9A`–`9F` are the overseas département codes of FINESS *flows*, never the
/// start of a number, and are refused.
///
/// ```
/// use rppsplus_core::ids::Finess;
/// assert!(Finess::is_valid("970405593"));
/// assert!(Finess::is_valid("2A0000001")); // Corsica: format only
/// assert_eq!("9A0405593".parse::<Finess>().unwrap_err().code(), "invalid_component");
/// assert_eq!("970405594".parse::<Finess>().unwrap_err().code(), "invalid_checksum");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Finess([u8; 9]);

impl Finess {
    /// Parses a FINESS number (`2a`/`2b` are printed `2A`/`2B`).
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let kind = IdKind::Finess;
        let mut d = scan::<9>(input, kind, 9, |b| b.is_ascii_alphanumeric())?.array();
        d[1] = d[1].to_ascii_uppercase();
        if let Some(i) = d.iter().enumerate().position(|(i, b)| !b.is_ascii_digit() && i != 1) {
            return Err(ParseError::InvalidFormat {
                kind,
                position: significant_position(input, i),
            });
        }
        let corsica = matches!(&d[..2], [b'2', b'A' | b'B']);
        if !corsica && !d[1].is_ascii_digit() {
            // 9A–9F and any other letter
            return Err(ParseError::InvalidComponent {
                kind,
                component: Component::FinessDepartement,
            });
        }
        if !corsica
            && !matches!(
                &d[..2],
                [b'0', b'1'..=b'9'] | [b'1', _] | [b'2', b'1'..=b'9'] | [b'3'..=b'8', _] | [b'9', b'0'..=b'5' | b'7']
            )
        {
            return Err(ParseError::InvalidComponent {
                kind,
                component: Component::FinessDepartement,
            });
        }
        if !corsica && !luhn::is_valid(&d) {
            return Err(ParseError::InvalidChecksum { kind });
        }
        Ok(Self(d))
    }

    /// The 9 characters.
    pub fn as_str(&self) -> &str {
        ascii(&self.0)
    }

    /// The département part (`13`, `2A`, `97`).
    pub fn departement(&self) -> &str {
        ascii(&self.0[..2])
    }
}

identifier_traits!(Finess, kind = Finess, confidential = never);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors() {
        for ok in [
            "970405593",
            "970406831",
            "970100012",
            "010780914",
            "060016219",
            "590064036",
            "010000602",
            "580008803",
        ] {
            assert!(Finess::is_valid(ok), "{ok}");
        }
        assert_eq!(Finess::parse("754567860").unwrap_err().code(), "invalid_checksum");
    }

    #[test]
    fn departements() {
        let component = |s: &str| Finess::parse(s).unwrap_err().code();
        for bad in [
            "000000000",
            "200000000",
            "960000000",
            "980000000",
            "990000000",
            "9F0000000",
            "2C0000000",
        ] {
            assert_eq!(component(bad), "invalid_component", "{bad}");
        }
        assert_eq!(Finess::parse("2b0000001").unwrap().as_str(), "2B0000001");
        assert_eq!(component("A20000000"), "invalid_format");
        assert_eq!(
            Finess::parse("97 04 05 59X").unwrap_err(),
            ParseError::InvalidFormat {
                kind: IdKind::Finess,
                position: 11
            }
        );
    }
}
