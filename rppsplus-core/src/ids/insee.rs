//! INSEE codes: communes (COG) and countries (99xxx).

use super::scan::{ascii, scan, significant_position};
use super::{Component, IdKind, ParseError, identifier_traits};
use chrono::NaiveDate;

use crate::nomenclature::commune::{self, Resolution, Unresolved};
use crate::nomenclature::{self, Code, CodeError};

/// An INSEE commune code: 5 digits, or `2A`/`2B` and 3 digits for Corsica.
///
/// This type checks the format; whether the commune exists is the nomenclature's
/// business. DOM communes are `971xx`–`976xx`, COM `975xx`, `977xx`, `978xx`, `984xx`,
/// `986xx`–`989xx`; Corsica's pre-1976 `20xxx` codes are well-formed.
///
/// ```
/// use rppsplus_core::ids::InseeCommuneCode;
/// assert_eq!("13203".parse::<InseeCommuneCode>()?.as_str(), "13203");
/// assert_eq!("2a004".parse::<InseeCommuneCode>()?.as_str(), "2A004");
/// assert!(!InseeCommuneCode::is_valid("2C004"));
/// # Ok::<(), rppsplus_core::ids::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InseeCommuneCode([u8; 5]);

impl InseeCommuneCode {
    /// Parses a commune code (`2a` is printed `2A`).
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let kind = IdKind::Commune;
        let mut d = scan::<5>(input, kind, 5, |b| {
            b.is_ascii_digit() || matches!(b, b'A' | b'B' | b'a' | b'b')
        })?
        .array();
        d[1] = d[1].to_ascii_uppercase();
        let bad = d
            .iter()
            .enumerate()
            .position(|(i, &b)| !(b.is_ascii_digit() || (i == 1 && d[0] == b'2')));
        if let Some(position) = bad {
            return Err(ParseError::InvalidFormat {
                kind,
                position: significant_position(input, position),
            });
        }
        Ok(Self(d))
    }

    /// The 5 characters.
    pub fn as_str(&self) -> &str {
        ascii(&self.0)
    }

    /// The département part: 3 characters overseas (`971`–`989`), else 2 (`13`, `2A`).
    pub fn departement(&self) -> &str {
        if self.0.starts_with(b"97") || self.0.starts_with(b"98") {
            ascii(&self.0[..3])
        } else {
            ascii(&self.0[..2])
        }
    }

    /// The commune of the embedded COG with this code: a current code, or an old code
    /// (`20004` → Ajaccio, `2A004`). A postal code (`75015`) is `unknown_code`, naming the
    /// communes it serves.
    ///
    /// ```
    /// use rppsplus_core::ids::InseeCommuneCode;
    /// let ajaccio = "20004".parse::<InseeCommuneCode>()?.resolve()?;
    /// assert_eq!((ajaccio.commune.code(), ajaccio.from_old_code), ("2A004", true));
    /// let err = "75015".parse::<InseeCommuneCode>()?.resolve().unwrap_err();
    /// assert_eq!(err.code(), "unknown_code");
    /// assert!(err.message_fr().contains("Paris 15e Arrondissement (75115)"));
    /// # Ok::<(), rppsplus_core::ids::ParseError>(())
    /// ```
    pub fn resolve(&self) -> Result<Resolution, ParseError> {
        commune::resolve(self.as_str()).map_err(|e| ParseError::UnknownCode {
            kind: IdKind::Commune,
            postal_code_of: match e {
                Unresolved::PostalCode(of) => Some(of),
                Unresolved::UnknownCode => None,
            },
        })
    }
}

identifier_traits!(InseeCommuneCode, kind = Commune, confidential = never);

/// An INSEE country code: `99` and 3 digits (France is `99100`; `99000`, its code until
/// 2016-09-01, is France too: docs/domain.md §3).
///
/// ```
/// use rppsplus_core::ids::InseeCountryCode;
/// let fr: InseeCountryCode = "99100".parse()?;
/// assert!(fr.is_france());
/// assert!("99000".parse::<InseeCountryCode>()?.is_france());
/// assert_eq!("13203".parse::<InseeCountryCode>().unwrap_err().code(), "invalid_component");
/// # Ok::<(), rppsplus_core::ids::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InseeCountryCode([u8; 5]);

impl InseeCountryCode {
    /// France.
    pub const FRANCE: Self = Self(*b"99100");

    /// France's code until 2016-09-01 ("République française", ended in TRE_R20 and
    /// replaced by [`InseeCountryCode::FRANCE`]).
    pub const FRANCE_BEFORE_2016: Self = Self(*b"99000");

    /// Parses a country code.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        let d = super::scan::digits::<5>(input, IdKind::Pays)?;
        if !d.starts_with(b"99") {
            return Err(ParseError::InvalidComponent {
                kind: IdKind::Pays,
                component: Component::CountryPrefix,
            });
        }
        Ok(Self(d))
    }

    /// The 5 digits.
    pub fn as_str(&self) -> &str {
        ascii(&self.0)
    }

    /// Whether this is France: `99100`, or `99000`, France's code until 2016-09-01 (a
    /// birth there follows the rules of a birth in France; [`InseeCountryCode::check`]
    /// reports the old code as `code_deprecated`, replaced by 99100).
    pub fn is_france(&self) -> bool {
        *self == Self::FRANCE || *self == Self::FRANCE_BEFORE_2016
    }

    /// Whether the portal's country list (JDV_J256-Pays, the field `pays`) accepts the
    /// code on `at`: an ended code is `code_deprecated`, with 99100 as replacement for
    /// 99000 and no replacement for the others (TRE_R20 names none).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use rppsplus_core::ids::InseeCountryCode;
    /// use rppsplus_core::nomenclature::CodeError;
    /// let at = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    /// assert!(InseeCountryCode::FRANCE.check(at).is_ok());
    /// let old = InseeCountryCode::FRANCE_BEFORE_2016.check(at).unwrap_err();
    /// assert!(matches!(old, CodeError::Deprecated { replaced_by: ["99100"], .. }));
    /// let rda = "99141".parse::<InseeCountryCode>()?.check(at).unwrap_err();
    /// assert!(matches!(rda, CodeError::Deprecated { replaced_by: [], .. }));
    /// # Ok::<(), rppsplus_core::ids::ParseError>(())
    /// ```
    pub fn check(&self, at: NaiveDate) -> Result<&'static Code, CodeError> {
        nomenclature::field("pays").map_or(Err(CodeError::Unknown), |pays| pays.check(self.as_str(), at))
    }

    /// The country in TRE_R20, ended codes included (they stay known for birth places; see
    /// [`InseeCountryCode::check`] for the portal's list at a date).
    ///
    /// ```
    /// use rppsplus_core::ids::InseeCountryCode;
    /// assert_eq!("99100".parse::<InseeCountryCode>()?.resolve()?.label(), "République française");
    /// assert_eq!("99999".parse::<InseeCountryCode>()?.resolve().unwrap_err().code(), "unknown_code");
    /// # Ok::<(), rppsplus_core::ids::ParseError>(())
    /// ```
    pub fn resolve(&self) -> Result<&'static Code, ParseError> {
        nomenclature::table("pays")
            .ok()
            .and_then(|t| t.get(self.as_str()))
            .ok_or(ParseError::UnknownCode {
                kind: IdKind::Pays,
                postal_code_of: None,
            })
    }
}

identifier_traits!(InseeCountryCode, kind = Pays, confidential = never);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn communes() {
        for ok in ["13203", "2A004", "2B033", "20004", "97101", "98735"] {
            assert!(InseeCommuneCode::is_valid(ok), "{ok}");
        }
        assert_eq!(InseeCommuneCode::parse("1A004").unwrap_err().code(), "invalid_format");
        assert_eq!(InseeCommuneCode::parse("2A0B4").unwrap_err().code(), "invalid_format");
        assert_eq!(InseeCommuneCode::parse("1320").unwrap_err().code(), "invalid_length");
        assert_eq!(InseeCommuneCode::parse("97101").unwrap().departement(), "971");
        assert_eq!(InseeCommuneCode::parse("2A004").unwrap().departement(), "2A");
    }

    #[test]
    fn countries() {
        assert!(InseeCountryCode::is_valid("99100"));
        assert!(InseeCountryCode::is_valid("99 350"));
        assert_eq!(InseeCountryCode::parse("9910").unwrap_err().code(), "invalid_length");
    }
}
