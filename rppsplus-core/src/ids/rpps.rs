//! RPPS numbers and RPPS-rang (cabinet) identifiers.

use super::scan::{ascii, digits, keyed_digits};
use super::{Component, IdKind, Mode, ParseError, identifier_traits, luhn};

/// `error`, or [`Component::RppsIdNat`] when `input` is `8` and an RPPS number (the digits
/// of an idNat, 12 in all).
#[cold]
fn idnat_of_rpps(input: &str, error: ParseError) -> ParseError {
    let twelve = matches!(error, ParseError::InvalidLength { found: 12, .. });
    let rpps = || {
        let d = digits::<12>(input, IdKind::Rpps).ok().filter(|d| d[0] == b'8')?;
        let number: [u8; 11] = d[1..].try_into().ok()?;
        Rpps::from_digits(number, Mode::Test, IdKind::Rpps).ok()
    };
    match rpps().filter(|_| twelve) {
        Some(rpps) => ParseError::InvalidComponent {
            kind: IdKind::Rpps,
            component: Component::RppsIdNat(rpps),
        },
        None => error,
    }
}

/// An RPPS number: 10 digits and a Luhn key, 11 digits in all.
///
/// Production numbers start with `1`; ANS test cards carry numbers starting with `99`,
/// accepted only in [`Mode::Test`].
///
/// ```
/// use rppsplus_core::ids::Rpps;
///
/// let rpps: Rpps = "10107985318".parse()?;
/// assert_eq!(rpps.to_string(), "10107985318");
/// assert_eq!("10107985319".parse::<Rpps>().unwrap_err().code(), "invalid_checksum");
/// assert!(!Rpps::is_valid("1010798531"));
/// # Ok::<(), rppsplus_core::ids::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rpps([u8; 11]);

impl Rpps {
    /// Parses a production RPPS number (strict mode).
    #[inline]
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        Self::parse_with(input, Mode::Strict)
    }

    /// Parses an RPPS number; [`Mode::Test`] also accepts numbers not starting with `1`.
    ///
    /// Twelve digits starting with `8` whose last eleven are an RPPS number are the idNat of
    /// that person (as the portal's lists show it): `invalid_component`
    /// ([`Component::RppsIdNat`]), which says to remove the `8`.
    ///
    /// ```
    /// use rppsplus_core::ids::{Component, ParseError, Rpps};
    /// let e = "810107985318".parse::<Rpps>().unwrap_err();
    /// assert!(matches!(e, ParseError::InvalidComponent { component: Component::RppsIdNat(_), .. }));
    /// assert!(e.message_fr().contains("indiquez le numéro RPPS 10107985318"));
    /// ```
    // Always inlined: where a crate calls it twice (`parse` and `check_with`), LLVM kept one
    // out-of-line copy returning through memory, 5.4 → 9 ns (benches/ids.rs).
    #[inline(always)]
    pub fn parse_with(input: &str, mode: Mode) -> Result<Self, ParseError> {
        let (d, keyed) = keyed_digits::<11>(input, IdKind::Rpps).map_err(|e| idnat_of_rpps(input, e))?;
        Self::from_keyed_digits(d, keyed, mode, IdKind::Rpps)
    }

    /// Checks the key and the prefix of 11 ASCII digits, reporting errors as `kind`.
    pub(crate) fn from_digits(d: [u8; 11], mode: Mode, kind: IdKind) -> Result<Self, ParseError> {
        Self::from_keyed_digits(d, luhn::is_valid(&d), mode, kind)
    }

    /// [`Rpps::from_digits`] when the Luhn test was already run (`keyed`).
    #[inline]
    fn from_keyed_digits(d: [u8; 11], keyed: bool, mode: Mode, kind: IdKind) -> Result<Self, ParseError> {
        if !keyed {
            return Err(ParseError::InvalidChecksum { kind });
        }
        if mode == Mode::Strict && d[0] != b'1' {
            return Err(ParseError::InvalidComponent {
                kind,
                component: Component::RppsPrefix,
            });
        }
        Ok(Self(d))
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        ascii(&self.0)
    }

    /// Whether this is a test identity (it does not start with `1`); only
    /// [`Mode::Test`] builds one.
    pub fn is_test(&self) -> bool {
        self.0[0] != b'1'
    }

    /// Builds the RPPS number whose first 10 digits are `sequence`, computing its key.
    ///
    /// ```
    /// use rppsplus_core::ids::Rpps;
    /// assert_eq!(Rpps::from_sequence("1010798531")?.as_str(), "10107985318");
    /// # Ok::<(), rppsplus_core::ids::ParseError>(())
    /// ```
    pub fn from_sequence(sequence: &str) -> Result<Self, ParseError> {
        let s = digits::<10>(sequence, IdKind::Rpps)?;
        let mut d = [0u8; 11];
        d[..10].copy_from_slice(&s);
        d[10] = luhn::check_digit(&s).unwrap_or(b'0');
        Self::from_digits(d, Mode::Test, IdKind::Rpps)
    }
}

identifier_traits!(Rpps, kind = Rpps, confidential = never);

/// An RPPS-rang identifier (a cabinet of an RPPS professional): the 11-digit RPPS, a
/// 2-digit rang and a Luhn key over the 13 preceding digits, 14 digits in all.
///
/// ```
/// use rppsplus_core::ids::RppsRang;
///
/// let rang: RppsRang = "10003879623017".parse()?;
/// assert_eq!(rang.rpps().as_str(), "10003879623");
/// assert_eq!(rang.rang(), "01");
/// # Ok::<(), rppsplus_core::ids::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RppsRang([u8; 14]);

impl RppsRang {
    /// Parses an RPPS-rang whose RPPS part is a production number.
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        Self::parse_with(input, Mode::Strict)
    }

    /// Parses an RPPS-rang; [`Mode::Test`] accepts a test RPPS part.
    pub fn parse_with(input: &str, mode: Mode) -> Result<Self, ParseError> {
        let (d, keyed) = keyed_digits::<14>(input, IdKind::RppsRang)?;
        if !keyed {
            return Err(ParseError::InvalidChecksum { kind: IdKind::RppsRang });
        }
        let mut rpps = [0u8; 11];
        rpps.copy_from_slice(&d[..11]);
        Rpps::from_digits(rpps, mode, IdKind::RppsRang)?;
        Ok(Self(d))
    }

    /// The 14 digits.
    pub fn as_str(&self) -> &str {
        ascii(&self.0)
    }

    /// The RPPS number of the professional.
    pub fn rpps(&self) -> Rpps {
        let mut d = [0u8; 11];
        d.copy_from_slice(&self.0[..11]);
        Rpps(d)
    }

    /// The two-digit rang of the cabinet.
    pub fn rang(&self) -> &str {
        ascii(&self.0[11..13])
    }
}

identifier_traits!(RppsRang, kind = RppsRang, confidential = never);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_and_vectors() {
        for ok in [
            "10107985318",
            "10107985300",
            "10002813839",
            "10003879623",
            "10000005479",
            "10000001916",
        ] {
            assert!(Rpps::is_valid(ok), "{ok}");
        }
        for bad in ["10005678901", "10102727017", "10003461033", "10000001111"] {
            assert_eq!(Rpps::parse(bad).unwrap_err().code(), "invalid_checksum", "{bad}");
        }
    }

    #[test]
    fn test_mode() {
        let e = Rpps::parse("99700075122").unwrap_err();
        assert_eq!(
            e,
            ParseError::InvalidComponent {
                kind: IdKind::Rpps,
                component: Component::RppsPrefix
            }
        );
        let r = Rpps::parse_with("99700075122", Mode::Test).unwrap();
        assert!(r.is_test());
        assert!(!Rpps::parse("10107985318").unwrap().is_test());
    }

    #[test]
    fn separators_and_bad_input() {
        assert_eq!(Rpps::parse("101 079 853 18").unwrap().as_str(), "10107985318");
        assert_eq!(Rpps::parse("").unwrap_err().code(), "invalid_length");
        assert_eq!(Rpps::parse("   ").unwrap_err().code(), "invalid_length");
        assert_eq!(Rpps::parse("١٠١٠٧٩٨٥٣١٨").unwrap_err().code(), "invalid_format");
        assert_eq!(Rpps::parse("1010798531\0").unwrap_err().code(), "invalid_format");
        assert_eq!(Rpps::parse("101079853181").unwrap_err().code(), "invalid_length");
    }

    #[test]
    fn rang() {
        let r = RppsRang::parse("10003879623017").unwrap();
        assert_eq!(r.rpps().as_str(), "10003879623");
        assert_eq!(
            RppsRang::parse("10003879623018").unwrap_err().code(),
            "invalid_checksum"
        );
    }

    #[test]
    fn serde_round_trip() {
        let r: Rpps = serde_json::from_str("\"10107985318\"").unwrap();
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"10107985318\"");
        assert!(serde_json::from_str::<Rpps>("\"10107985319\"").is_err());
    }
}
