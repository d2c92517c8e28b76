//! SIREN and SIRET numbers (INSEE Sirene).

use super::format::grouped;
use super::scan::{ascii, keyed_digits};
use super::{IdKind, ParseError, identifier_traits, luhn};

/// A SIREN number: 9 digits with a Luhn key (a legal entity).
///
/// ```
/// use rppsplus_core::ids::Siren;
/// assert!(Siren::is_valid("732 829 320"));
/// assert_eq!("732829321".parse::<Siren>().unwrap_err().code(), "invalid_checksum");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Siren([u8; 9]);

impl Siren {
    /// Parses a SIREN number.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let (d, keyed) = keyed_digits::<9>(input, IdKind::Siren)?;
        if !keyed {
            return Err(ParseError::InvalidChecksum { kind: IdKind::Siren });
        }
        Ok(Self(d))
    }

    /// The 9 digits.
    pub fn as_str(&self) -> &str {
        ascii(&self.0)
    }

    /// The display form: the digits in groups of 3 (python-stdnum's `fr.siren.format`).
    ///
    /// ```
    /// use rppsplus_core::ids::Siren;
    /// assert_eq!("732829320".parse::<Siren>()?.format(), "732 829 320");
    /// # Ok::<(), rppsplus_core::ids::ParseError>(())
    /// ```
    pub fn format(&self) -> String {
        grouped(self.as_str(), &[3, 3])
    }
}

identifier_traits!(Siren, kind = Siren, confidential = never, format = own);

/// The SIREN of La Poste, whose establishments' SIRET numbers follow their own rule.
const LA_POSTE: &[u8; 9] = b"356000000";
/// La Poste's head office, the one La Poste SIRET checked with Luhn.
const LA_POSTE_HEAD_OFFICE: &[u8; 14] = b"35600000000048";

/// A SIRET number: the SIREN (9 digits) and a 5-digit establishment number, with a Luhn
/// key over the 14 digits — except La Poste's establishments (SIREN 356000000), whose
/// digits sum to a multiple of 5 (only the head office, 35600000000048, follows Luhn).
///
/// ```
/// use rppsplus_core::ids::Siret;
/// let siret: Siret = "73282932000074".parse()?;
/// assert_eq!(siret.siren().as_str(), "732829320");
/// assert!(Siret::is_valid("35600000000001")); // La Poste rule
/// # Ok::<(), rppsplus_core::ids::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Siret([u8; 14]);

impl Siret {
    /// Parses a SIRET number.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let (d, keyed) = keyed_digits::<14>(input, IdKind::Siret)?;
        let key_ok = if &d[..9] == LA_POSTE {
            &d == LA_POSTE_HEAD_OFFICE || luhn::digit_sum(&d) % 5 == 0
        } else {
            keyed && luhn::is_valid(&d[..9])
        };
        if !key_ok {
            return Err(ParseError::InvalidChecksum { kind: IdKind::Siret });
        }
        Ok(Self(d))
    }

    /// The 14 digits.
    pub fn as_str(&self) -> &str {
        ascii(&self.0)
    }

    /// The SIREN of the legal entity (the first 9 digits).
    pub fn siren(&self) -> Siren {
        let mut d = [0u8; 9];
        d.copy_from_slice(&self.0[..9]);
        Siren(d)
    }

    /// The 5-digit establishment number (NIC).
    pub fn nic(&self) -> &str {
        ascii(&self.0[9..])
    }

    /// The display form: the SIREN in groups of 3, then the NIC (python-stdnum's
    /// `fr.siret.format`).
    ///
    /// ```
    /// use rppsplus_core::ids::Siret;
    /// assert_eq!("73282932000074".parse::<Siret>()?.format(), "732 829 320 00074");
    /// # Ok::<(), rppsplus_core::ids::ParseError>(())
    /// ```
    pub fn format(&self) -> String {
        grouped(self.as_str(), &[3, 3, 3])
    }
}

identifier_traits!(Siret, kind = Siret, confidential = never, format = own);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors() {
        assert!(Siren::is_valid("732829320"));
        assert!(Siren::is_valid("356000000"));
        assert!(Siret::is_valid("73282932000074"));
        assert!(!Siret::is_valid("73282932000079"));
        assert!(Siret::is_valid("35600000000048"));
        assert!(Siret::is_valid("35600000000001"));
        assert!(!Siret::is_valid("35600000000055"));
        assert_eq!(Siret::parse("73282932000074").unwrap().nic(), "00074");
    }

    #[test]
    fn siret_needs_a_valid_siren() {
        // 14 digits passing Luhn whose first 9 do not: 000000001 + 00000 + key
        let mut v = b"0000000010000".to_vec();
        v.push(luhn::check_digit(&v).unwrap());
        let s = std::str::from_utf8(&v).unwrap();
        assert!(luhn::is_valid(s.as_bytes()));
        assert_eq!(Siret::parse(s).unwrap_err().code(), "invalid_checksum");
    }
}
