//! ADELI numbers (the legacy directory, migrating to RPPS).

use super::scan::{ascii, scan, significant_position};
use super::{Component, IdKind, ParseError, identifier_traits};

/// An ADELI number: 9 characters, a 2-character département (`01`–`99`, `2A`, `2B`), a
/// 2-digit profession code and 5 digits.
///
/// ADELI has no reliable check key, so no checksum is ever enforced.
///
/// ```
/// use rppsplus_core::ids::Adeli;
/// let adeli: Adeli = "34 91 02665".parse()?;
/// assert_eq!(adeli.departement(), "34");
/// assert_eq!(adeli.profession(), "91");
/// # Ok::<(), rppsplus_core::ids::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Adeli([u8; 9]);

impl Adeli {
    /// Parses an ADELI number (`2a` is printed `2A`).
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let kind = IdKind::Adeli;
        let mut d = scan::<9>(input, kind, 9, |b| {
            b.is_ascii_digit() || matches!(b, b'A' | b'B' | b'a' | b'b')
        })?
        .array();
        d[1] = d[1].to_ascii_uppercase();
        if let Some(i) = d.iter().enumerate().position(|(i, b)| !b.is_ascii_digit() && i != 1) {
            return Err(ParseError::InvalidFormat {
                kind,
                position: significant_position(input, i),
            });
        }
        let dept_ok = match &d[..2] {
            [b'2', b'A' | b'B'] => true,
            [a, b] => a.is_ascii_digit() && b.is_ascii_digit() && &d[..2] != b"00",
            _ => false,
        };
        if !dept_ok {
            return Err(ParseError::InvalidComponent {
                kind,
                component: Component::AdeliDepartement,
            });
        }
        Ok(Self(d))
    }

    /// The 9 characters.
    pub fn as_str(&self) -> &str {
        ascii(&self.0)
    }

    /// The département code (first two characters).
    pub fn departement(&self) -> &str {
        ascii(&self.0[..2])
    }

    /// The profession code (characters 3 and 4).
    pub fn profession(&self) -> &str {
        ascii(&self.0[2..4])
    }
}

identifier_traits!(Adeli, kind = Adeli, confidential = never);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_only() {
        assert!(Adeli::is_valid("349102665"));
        assert!(Adeli::is_valid("012807590"));
        assert!(Adeli::is_valid("349102660"), "no checksum on ADELI");
        assert_eq!(Adeli::parse("2a9102665").unwrap().as_str(), "2A9102665");
        assert_eq!(Adeli::parse("3A9102665").unwrap_err().code(), "invalid_component");
        assert_eq!(Adeli::parse("2A91A2665").unwrap_err().code(), "invalid_format");
        assert_eq!(Adeli::parse("009102665").unwrap_err().code(), "invalid_component");
    }
}
