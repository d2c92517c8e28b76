//! Demande numbers: `P` and the creation time.

use chrono::{NaiveDateTime, Timelike};

use super::scan::{ascii, scan, significant_position};
use super::{Component, IdKind, ParseError, identifier_traits};

/// A demande number: `P` followed by the creation time `YYYYMMDDhhmmss` (15 characters),
/// which must be a real date and time.
///
/// ```
/// use chrono::NaiveDate;
/// use rppsplus_core::ids::NumeroDemande;
///
/// let n: NumeroDemande = "P20220905011141".parse()?;
/// assert_eq!(n.created_at().to_string(), "2022-09-05 01:11:41");
/// let at = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(9, 30, 0).unwrap();
/// assert_eq!(NumeroDemande::from_datetime(at).as_str(), "P20261123093000");
/// assert_eq!("P20221305011141".parse::<NumeroDemande>().unwrap_err().code(), "invalid_component");
/// # Ok::<(), rppsplus_core::ids::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NumeroDemande([u8; 15]);

const FORMAT: &str = "%Y%m%d%H%M%S";

impl NumeroDemande {
    /// Parses a demande number.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let kind = IdKind::Numero;
        let d = scan::<15>(input, kind, 15, |b| b.is_ascii_digit() || b == b'P')?.array();
        if let Some(position) = d.iter().enumerate().position(|(i, &b)| (i == 0) != (b == b'P')) {
            return Err(ParseError::InvalidFormat {
                kind,
                position: significant_position(input, position),
            });
        }
        if timestamp(&d).is_none() {
            return Err(ParseError::InvalidComponent {
                kind,
                component: Component::DemandeTimestamp,
            });
        }
        Ok(Self(d))
    }

    /// The number assigned to a demande created at `at` (seconds are kept, sub-seconds
    /// dropped). Years outside 0000–9999 cannot be written in 14 digits and are clamped.
    pub fn from_datetime(at: NaiveDateTime) -> Self {
        let at = at.with_nanosecond(0).unwrap_or(at);
        let text = at.format(FORMAT).to_string();
        let mut d = [b'0'; 15];
        d[0] = b'P';
        if text.len() == 14 {
            d[1..].copy_from_slice(text.as_bytes());
        } else {
            d[1..].copy_from_slice(if text.starts_with('-') {
                b"00000101000000"
            } else {
                b"99991231235959"
            });
        }
        Self(d)
    }

    /// The 15 characters.
    pub fn as_str(&self) -> &str {
        ascii(&self.0)
    }

    /// The creation day as the number `YYYYMMDD` (compared without building a date).
    pub(crate) fn day_number(&self) -> u32 {
        self.0[1..9].iter().fold(0, |n, b| n * 10 + u32::from(b - b'0'))
    }

    /// The creation time the number encodes.
    pub fn created_at(&self) -> NaiveDateTime {
        timestamp(&self.0).unwrap_or_default()
    }
}

identifier_traits!(NumeroDemande, kind = Numero, confidential = never);

/// The date and time of `P` + 14 ASCII digits, if real (no leap second, which chrono would
/// accept).
fn timestamp(d: &[u8; 15]) -> Option<NaiveDateTime> {
    let n = |i: usize, len: usize| d[i..i + len].iter().fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'));
    let date = chrono::NaiveDate::from_ymd_opt(n(1, 4) as i32, n(5, 2), n(7, 2))?;
    let time = chrono::NaiveTime::from_hms_opt(n(9, 2), n(11, 2), n(13, 2))?;
    Some(date.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_generate() {
        assert!(NumeroDemande::is_valid("P20220905011141"));
        assert_eq!(
            NumeroDemande::parse("20220905011141").unwrap_err().code(),
            "invalid_length"
        );
        assert_eq!(
            NumeroDemande::parse("X20220905011141").unwrap_err().code(),
            "invalid_format"
        );
        assert_eq!(
            NumeroDemande::parse("P2022090501114P").unwrap_err().code(),
            "invalid_format"
        );
        assert_eq!(
            NumeroDemande::parse("P20230229011141").unwrap_err().code(),
            "invalid_component"
        );
        assert_eq!(
            NumeroDemande::parse("P20220905241141").unwrap_err().code(),
            "invalid_component"
        );
        let n = NumeroDemande::parse("P20220905011141").unwrap();
        assert_eq!(NumeroDemande::from_datetime(n.created_at()), n);
    }
}
