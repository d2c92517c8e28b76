//! National identifiers (idNat) of persons (TRE_G08) and structures (TRE_G07).

use super::scan::{ascii, scan, significant_position};
use super::{
    Adeli, Component, Email, Finess, IdKind, Mode, ParseError, Rpps, RppsRang, Siren, Siret, identifier_traits,
};

/// The type of a person's national identifier: its TRE_G08 prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum IdNatPpType {
    /// `0` + ADELI number (10 characters).
    Adeli,
    /// `1` + ADELI-rang (cabinet) `/` local identifier.
    AdeliRangLocal,
    /// `3` + FINESS `/` local identifier of an employee.
    FinessLocal,
    /// `4` + SIREN `/` local identifier.
    SirenLocal,
    /// `5` + SIRET `/` local identifier.
    SiretLocal,
    /// `6` + RPPS-rang (cabinet) `/` local identifier.
    RppsRangLocal,
    /// `8` + RPPS number (12 characters): the idNat of every RPPS+ professional.
    Rpps,
    /// `10` + MSSanté address (people with no other national identifier).
    MsSante,
    /// `30` + ROR operational situation identifier.
    Ror,
}

impl IdNatPpType {
    /// The TRE_G08 code, which is the prefix of the identifier.
    pub fn code(self) -> &'static str {
        match self {
            Self::Adeli => "0",
            Self::AdeliRangLocal => "1",
            Self::FinessLocal => "3",
            Self::SirenLocal => "4",
            Self::SiretLocal => "5",
            Self::RppsRangLocal => "6",
            Self::Rpps => "8",
            Self::MsSante => "10",
            Self::Ror => "30",
        }
    }

    fn from_prefix(c: u8) -> Option<Self> {
        Some(match c {
            b'1' => Self::AdeliRangLocal,
            b'3' => Self::FinessLocal,
            b'4' => Self::SirenLocal,
            b'5' => Self::SiretLocal,
            b'6' => Self::RppsRangLocal,
            _ => return None,
        })
    }
}

/// A person's national identifier (idNat_PS, `PS_IdNat`): a TRE_G08 type prefix and an
/// identifier, as PSC and CPx card certificates carry it.
///
/// Only the identifier part is checked: `810107985318` is valid because `10107985318` is a
/// valid RPPS, though the 12-character string fails Luhn. Deprecated types (`2` DRASS,
/// `9` student number) are refused.
///
/// ```
/// use rppsplus_core::ids::{IdNatPp, IdNatPpType, Rpps};
///
/// let id: IdNatPp = "810107985318".parse()?;
/// assert_eq!(id.id_type(), IdNatPpType::Rpps);
/// assert_eq!(id.rpps().map(|r| r.to_string()), Some("10107985318".into()));
/// let rpps: Rpps = "10107985318".parse()?;
/// assert_eq!(IdNatPp::from(rpps), id);
/// # Ok::<(), rppsplus_core::ids::ParseError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNatPp {
    id_type: IdNatPpType,
    text: Box<str>,
}

/// The longest local identifier after `/`.
const MAX_LOCAL: usize = 64;

fn local_part(local: &str) -> Result<&str, ParseError> {
    let ok = !local.is_empty() && local.len() <= MAX_LOCAL && local.bytes().all(|b| b.is_ascii_graphic() && b != b'/');
    if ok {
        Ok(local)
    } else {
        Err(component(IdKind::IdNat, Component::IdNatLocalPart))
    }
}

fn component(kind: IdKind, component: Component) -> ParseError {
    ParseError::InvalidComponent { kind, component }
}

/// Checks an ADELI-rang: 9-character ADELI and a 2-digit rang.
fn adeli_rang(s: &str) -> Result<String, ParseError> {
    let kind = IdKind::IdNat;
    let d = scan::<11>(s, kind, 11, |b| b.is_ascii_alphanumeric())?;
    let text = ascii(d.bytes());
    let adeli = Adeli::parse(&text[..9])?;
    if let Some(i) = text[9..].bytes().position(|b| !b.is_ascii_digit()) {
        return Err(ParseError::InvalidFormat { kind, position: 9 + i });
    }
    Ok(format!("{adeli}{}", &text[9..]))
}

impl IdNatPp {
    /// Parses a person's idNat (strict mode for an RPPS part).
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        Self::parse_with(input, Mode::Strict)
    }

    /// Parses a person's idNat; [`Mode::Test`] accepts a test RPPS part (`899…`).
    pub fn parse_with(input: &str, mode: Mode) -> Result<Self, ParseError> {
        let kind = IdKind::IdNat;
        let s = input.trim();
        if s.contains('@') {
            let email = s.strip_prefix("10").ok_or(component(kind, Component::IdNatPrefix))?;
            let email = Email::parse(email)?;
            return Ok(Self {
                id_type: IdNatPpType::MsSante,
                text: format!("10{email}").into(),
            });
        }
        if let Some((head, local)) = s.split_once('/') {
            let (prefix, structure) = head.split_at(head.char_indices().nth(1).map_or(head.len(), |(i, _)| i));
            let id_type = prefix
                .bytes()
                .next()
                .and_then(IdNatPpType::from_prefix)
                .ok_or(component(kind, Component::IdNatPrefix))?;
            let local = local_part(local.trim())?;
            let structure = match id_type {
                IdNatPpType::AdeliRangLocal => adeli_rang(structure)?,
                IdNatPpType::FinessLocal => Finess::parse(structure)?.to_string(),
                IdNatPpType::SirenLocal => Siren::parse(structure)?.to_string(),
                IdNatPpType::SiretLocal => Siret::parse(structure)?.to_string(),
                _ => RppsRang::parse_with(structure, mode)?.to_string(),
            };
            return Ok(Self {
                id_type,
                text: format!("{}{structure}/{local}", id_type.code()).into(),
            });
        }
        let d = scan::<64>(s, kind, 1, |b| b.is_ascii_alphanumeric())?;
        let bytes = d.bytes();
        match bytes {
            [b'8', rest @ ..] => {
                let digits: [u8; 11] = rest.try_into().map_err(|_| ParseError::InvalidLength {
                    kind,
                    min: 12,
                    max: 12,
                    found: bytes.len(),
                })?;
                if let Some(i) = digits.iter().position(|b| !b.is_ascii_digit()) {
                    return Err(ParseError::InvalidFormat {
                        kind,
                        position: significant_position(input, i + 1),
                    });
                }
                Ok(Rpps::from_digits(digits, mode, kind)?.into())
            }
            [b'0', rest @ ..] => {
                if rest.len() != 9 {
                    return Err(ParseError::InvalidLength {
                        kind,
                        min: 10,
                        max: 10,
                        found: bytes.len(),
                    });
                }
                Ok(Adeli::parse(ascii(rest))?.into())
            }
            [b'3', b'0', rest @ ..] if !rest.is_empty() => Ok(Self {
                id_type: IdNatPpType::Ror,
                text: format!("30{}", ascii(rest)).into(),
            }),
            [p, ..] if IdNatPpType::from_prefix(*p).is_some() => Err(component(kind, Component::IdNatLocalPart)),
            _ => Err(component(kind, Component::IdNatPrefix)),
        }
    }

    /// The canonical idNat.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The type (TRE_G08 prefix).
    pub fn id_type(&self) -> IdNatPpType {
        self.id_type
    }

    /// The identifier after the type prefix.
    pub fn identifier(&self) -> &str {
        &self.text[self.id_type.code().len()..]
    }

    /// The RPPS number of an `8` idNat.
    pub fn rpps(&self) -> Option<Rpps> {
        let digits: [u8; 11] = self.identifier().as_bytes().try_into().ok()?;
        (self.id_type == IdNatPpType::Rpps)
            .then_some(())
            .and(Rpps::from_digits(digits, Mode::Test, IdKind::IdNat).ok())
    }

    /// The ADELI number of a `0` idNat.
    pub fn adeli(&self) -> Option<Adeli> {
        (self.id_type == IdNatPpType::Adeli)
            .then(|| Adeli::parse(self.identifier()).ok())
            .flatten()
    }

    /// The local identifier after `/` of the composite types (`1`, `3`–`6`).
    pub fn local_id(&self) -> Option<&str> {
        self.text.split_once('/').map(|(_, local)| local)
    }
}

impl From<Rpps> for IdNatPp {
    /// `8` + RPPS.
    fn from(rpps: Rpps) -> Self {
        Self {
            id_type: IdNatPpType::Rpps,
            text: format!("8{rpps}").into(),
        }
    }
}

impl From<Adeli> for IdNatPp {
    /// `0` + ADELI.
    fn from(adeli: Adeli) -> Self {
        Self {
            id_type: IdNatPpType::Adeli,
            text: format!("0{adeli}").into(),
        }
    }
}

identifier_traits!(IdNatPp, kind = IdNat, confidential = by_value);

impl IdNatPp {
    /// Whether this value is confidential (docs/domain.md §7): an MSSanté idNat (`10` + an
    /// email address) is contact data; the other types are public identifiers.
    ///
    /// ```
    /// use rppsplus_core::ids::IdNatPp;
    /// let mssante: IdNatPp = "10nathalie@mssante.example.fr".parse()?;
    /// assert!(mssante.is_confidential());
    /// assert_eq!(format!("{mssante:?}"), "IdNatPp(<redacted>)");
    /// assert!(!"810107985318".parse::<IdNatPp>()?.is_confidential());
    /// # Ok::<(), rppsplus_core::ids::ParseError>(())
    /// ```
    pub fn is_confidential(&self) -> bool {
        self.id_type == IdNatPpType::MsSante
    }
}

/// The type of a structure's national identifier: its TRE_G07 prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum IdNatStructureType {
    /// `0` + ADELI-rang (11 characters).
    AdeliRang,
    /// `1` + FINESS (EJ or EG).
    Finess,
    /// `2` + SIREN.
    Siren,
    /// `3` + SIRET.
    Siret,
    /// `4` + RPPS-rang (14 digits).
    RppsRang,
}

impl IdNatStructureType {
    /// The TRE_G07 code, which is the prefix of the identifier.
    pub fn code(self) -> &'static str {
        match self {
            Self::AdeliRang => "0",
            Self::Finess => "1",
            Self::Siren => "2",
            Self::Siret => "3",
            Self::RppsRang => "4",
        }
    }
}

/// A structure's national identifier (idNat_Struct): a TRE_G07 prefix and a FINESS,
/// SIREN, SIRET, ADELI-rang or RPPS-rang. The deprecated prefixes `5` and `6` are refused.
///
/// ```
/// use rppsplus_core::ids::{IdNatStructure, IdNatStructureType};
/// let s: IdNatStructure = "1010780914".parse()?;
/// assert_eq!(s.id_type(), IdNatStructureType::Finess);
/// assert_eq!(s.identifier(), "010780914");
/// assert!(IdNatStructure::is_valid("410003879623017"));
/// # Ok::<(), rppsplus_core::ids::ParseError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdNatStructure {
    id_type: IdNatStructureType,
    buf: [u8; 15],
    len: u8,
}

impl IdNatStructure {
    /// Parses a structure idNat (strict mode for an RPPS-rang part).
    pub fn parse(input: &str) -> Result<Self, ParseError> {
        Self::parse_with(input, Mode::Strict)
    }

    /// Parses a structure idNat; [`Mode::Test`] accepts a test RPPS in an RPPS-rang.
    pub fn parse_with(input: &str, mode: Mode) -> Result<Self, ParseError> {
        let kind = IdKind::IdNatStructure;
        let d = scan::<15>(input, kind, 1, |b| b.is_ascii_alphanumeric())?;
        let (prefix, rest) = d.bytes().split_at(1);
        let rest = ascii(rest);
        let (id_type, canonical) = match prefix {
            b"0" => (IdNatStructureType::AdeliRang, adeli_rang(rest)?),
            b"1" => (IdNatStructureType::Finess, Finess::parse(rest)?.to_string()),
            b"2" => (IdNatStructureType::Siren, Siren::parse(rest)?.to_string()),
            b"3" => (IdNatStructureType::Siret, Siret::parse(rest)?.to_string()),
            b"4" => (
                IdNatStructureType::RppsRang,
                RppsRang::parse_with(rest, mode)?.to_string(),
            ),
            _ => return Err(component(kind, Component::IdNatPrefix)),
        };
        Ok(Self::build(id_type, &canonical))
    }

    /// Assembles the prefix of `id_type` and the canonical identifier (≤ 14 characters).
    fn build(id_type: IdNatStructureType, identifier: &str) -> Self {
        let mut buf = [0u8; 15];
        let text = id_type.code().bytes().chain(identifier.bytes());
        let mut len = 0;
        for (slot, b) in buf.iter_mut().zip(text) {
            *slot = b;
            len += 1;
        }
        Self { id_type, buf, len }
    }

    /// The canonical idNat.
    pub fn as_str(&self) -> &str {
        ascii(&self.buf[..usize::from(self.len)])
    }

    /// The type (TRE_G07 prefix).
    pub fn id_type(&self) -> IdNatStructureType {
        self.id_type
    }

    /// The identifier after the prefix (a FINESS, SIREN, SIRET…).
    pub fn identifier(&self) -> &str {
        &self.as_str()[1..]
    }

    /// The RPPS-rang of a `4` idNat.
    pub fn rpps_rang(&self) -> Option<RppsRang> {
        (self.id_type == IdNatStructureType::RppsRang)
            .then(|| RppsRang::parse_with(self.identifier(), Mode::Test).ok())?
    }
}

impl From<Finess> for IdNatStructure {
    /// `1` + FINESS.
    fn from(f: Finess) -> Self {
        Self::build(IdNatStructureType::Finess, f.as_str())
    }
}

impl From<Siret> for IdNatStructure {
    /// `3` + SIRET.
    fn from(s: Siret) -> Self {
        Self::build(IdNatStructureType::Siret, s.as_str())
    }
}

identifier_traits!(IdNatStructure, kind = IdNatStructure, confidential = never);

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> &'static str {
        IdNatPp::parse(s).map_or_else(|e| e.code().as_str(), |_| "ok")
    }

    #[test]
    fn person() {
        assert_eq!(code("810107985318"), "ok");
        assert_eq!(code("8 10107985318"), "ok");
        assert_eq!(code("810000005479"), "ok");
        assert_eq!(code("810107985319"), "invalid_checksum");
        assert_eq!(code("899700075122"), "invalid_component");
        assert!(
            IdNatPp::parse_with("899700075122", Mode::Test)
                .unwrap()
                .rpps()
                .unwrap()
                .is_test()
        );
        assert_eq!(code("8101079853"), "invalid_length");
        assert_eq!(code("0349102665"), "ok");
        assert_eq!(
            IdNatPp::parse("0349102665").unwrap().adeli().unwrap().as_str(),
            "349102665"
        );
        assert_eq!(code("3970405593/EMP-0042"), "ok");
        assert_eq!(
            IdNatPp::parse("3970405593/EMP-0042").unwrap().local_id(),
            Some("EMP-0042")
        );
        assert_eq!(code("3970405593/"), "invalid_component");
        assert_eq!(code("3970405593"), "invalid_component");
        assert_eq!(code("610003879623017/1"), "ok");
        assert_eq!(code("112345678901/00001"), "ok");
        assert_eq!(code("10nathalie@mssante.example.fr"), "ok");
        let mss = IdNatPp::parse("10nathalie@mssante.example.fr").unwrap();
        assert_eq!(format!("{mss:?}"), "IdNatPp(<redacted>)");
        assert_eq!(
            format!("{:?}", IdNatPp::parse("810107985318").unwrap()),
            "IdNatPp(\"810107985318\")"
        );
        assert_eq!(code("2123456"), "invalid_component");
        assert_eq!(code("9123456"), "invalid_component");
        assert_eq!(code("30ABC123"), "ok");
        assert_eq!(code(""), "invalid_length");
    }

    #[test]
    fn conversions() {
        let rpps = Rpps::parse("10107985318").unwrap();
        let id = IdNatPp::from(rpps);
        assert_eq!(id.as_str(), "810107985318");
        assert_eq!(id.rpps(), Some(rpps));
        let adeli = Adeli::parse("349102665").unwrap();
        assert_eq!(IdNatPp::from(adeli).as_str(), "0349102665");
    }

    #[test]
    fn structure() {
        for ok in [
            "1010780914",
            "2732829320",
            "373282932000074",
            "410003879623017",
            "012345678901",
        ] {
            assert!(IdNatStructure::is_valid(ok), "{ok}");
        }
        assert_eq!(
            IdNatStructure::parse("5010780914").unwrap_err().code(),
            "invalid_component"
        );
        assert_eq!(
            IdNatStructure::parse("1754567860").unwrap_err().code(),
            "invalid_checksum"
        );
        let f = Finess::parse("970405593").unwrap();
        assert_eq!(IdNatStructure::from(f).as_str(), "1970405593");
    }
}
