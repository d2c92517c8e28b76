//! Command and response APDUs (ISO 7816-4 short APDUs) and status words.

use std::fmt;

use zeroize::Zeroizing;

use super::{CardError, CardObject};

/// The most bytes one READ BINARY asks a CPx for (0xE7, docs/domain.md §6).
pub const MAX_READ: usize = 0xE7;

/// A status word (SW1 SW2).
///
/// ```
/// use rppsplus_core::cpx::Sw;
/// assert_eq!(Sw(0x6110).more_data(), Some(0x10));
/// assert_eq!(Sw(0x6100).more_data(), Some(256));
/// assert_eq!(Sw(0x63C2).pin_tries_left(), Some(2));
/// assert!(Sw::OK.is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sw(pub u16);

impl Sw {
    /// `90 00`: success.
    pub const OK: Sw = Sw(0x9000);
    /// `62 82`: end of file reached before Le bytes.
    pub const END_OF_FILE: Sw = Sw(0x6282);
    /// `67 00`: wrong length.
    pub const WRONG_LENGTH: Sw = Sw(0x6700);
    /// `69 82`: security status not satisfied (the PIN is needed).
    pub const SECURITY_NOT_SATISFIED: Sw = Sw(0x6982);
    /// `69 83`: authentication method blocked (the PIN is blocked).
    pub const AUTH_BLOCKED: Sw = Sw(0x6983);
    /// `6A 81`: function not supported.
    pub const FUNCTION_NOT_SUPPORTED: Sw = Sw(0x6A81);
    /// `6A 82`: file or application not found.
    pub const FILE_NOT_FOUND: Sw = Sw(0x6A82);
    /// `6A 86`: incorrect P1 P2.
    pub const WRONG_P1P2: Sw = Sw(0x6A86);
    /// `6A 88`: referenced data not found.
    pub const REFERENCE_NOT_FOUND: Sw = Sw(0x6A88);
    /// `6B 00`: wrong parameters (offset outside the file).
    pub const WRONG_OFFSET: Sw = Sw(0x6B00);
    /// `6D 00`: instruction not supported.
    pub const INS_NOT_SUPPORTED: Sw = Sw(0x6D00);
    /// `6E 00`: class not supported.
    pub const CLA_NOT_SUPPORTED: Sw = Sw(0x6E00);
    /// `98 04`: wrong PIN (CPS2ter volet).
    pub const CPS2TER_WRONG_PIN: Sw = Sw(0x9804);
    /// `98 40`: PIN locked (CPS2ter volet).
    pub const CPS2TER_PIN_LOCKED: Sw = Sw(0x9840);
    /// `94 04`: file not found (CPS2ter volet).
    pub const CPS2TER_FILE_NOT_FOUND: Sw = Sw(0x9404);

    /// SW1.
    pub fn sw1(self) -> u8 {
        (self.0 >> 8) as u8
    }

    /// SW2.
    pub fn sw2(self) -> u8 {
        self.0 as u8
    }

    /// `90 00`.
    pub fn is_ok(self) -> bool {
        self == Self::OK
    }

    /// `61 xx` (T=0): `xx` bytes wait for GET RESPONSE (`00` means 256).
    pub fn more_data(self) -> Option<usize> {
        (self.sw1() == 0x61).then(|| le_count(self.sw2()))
    }

    /// `9F xx` (CPS2ter volet, CLA A0): `xx` bytes wait for GET RESPONSE with CLA A0.
    pub fn cps2ter_more_data(self) -> Option<usize> {
        (self.sw1() == 0x9F).then(|| le_count(self.sw2()))
    }

    /// `6C xx` (T=0): wrong Le, the card has exactly `xx` bytes (`00` means 256).
    pub fn exact_length(self) -> Option<usize> {
        (self.sw1() == 0x6C).then(|| le_count(self.sw2()))
    }

    /// `63 Cx`: the PIN was wrong (or not given) and `x` tries are left.
    pub fn pin_tries_left(self) -> Option<u8> {
        (self.0 & 0xFFF0 == 0x63C0).then_some(self.sw2() & 0x0F)
    }

    /// Whether the status says "this selection mode or command is not supported here", the
    /// answers after which another way of selecting is worth a try.
    pub fn is_unsupported(self) -> bool {
        matches!(
            self,
            Self::WRONG_P1P2 | Self::FUNCTION_NOT_SUPPORTED | Self::WRONG_OFFSET | Self::INS_NOT_SUPPORTED
        ) || self.0 == 0x6A87
    }
}

impl fmt::Display for Sw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04X}", self.0)
    }
}

fn le_count(b: u8) -> usize {
    if b == 0 { 256 } else { usize::from(b) }
}

/// The most data bytes of a short command APDU.
pub(crate) const MAX_DATA: usize = 255;

/// The largest Le of a short command APDU (written `00`).
const MAX_LE: usize = 256;

/// The largest READ BINARY offset (15 bits: bit 8 of P1 would name a short EF identifier).
const MAX_OFFSET: u16 = 0x7FFF;

/// A command APDU (short form: at most 255 data bytes, Le at most 256).
///
/// A command is never cut to fit: data or an Le beyond the short-APDU bounds is refused
/// ([`CardError::MalformedData`] about the [`CardObject::Command`]), so that a command the card
/// gets is always the one asked for.
///
/// A command built with [`Command::verify`] is *sensitive*: its data (the PIN block) is
/// zeroized when the command is dropped, `Debug` prints `<redacted>` instead, and it is never
/// sent twice (no resend on `6C xx`).
///
/// ```
/// use rppsplus_core::cpx::Command;
/// assert_eq!(Command::read_binary(0x00E7, 0xE7)?.to_bytes().as_slice(), [0x00, 0xB0, 0x00, 0xE7, 0xE7]);
/// assert_eq!(Command::select_aid(&[0xA0, 0x01])?.to_bytes().as_slice(), [0x00, 0xA4, 0x04, 0x0C, 0x02, 0xA0, 0x01]);
/// assert!(Command::new(0x00, 0xD6, 0x00, 0x00, &[0; 256], None).is_err());
/// # Ok::<(), rppsplus_core::cpx::CardError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Command {
    header: [u8; 4],
    data: Zeroizing<Vec<u8>>,
    le: Option<u16>,
    sensitive: bool,
}

fn too_long() -> CardError {
    CardError::MalformedData {
        object: CardObject::Command,
    }
}

/// `le` when it fits a short APDU.
fn short_le(le: usize) -> Result<u16, CardError> {
    u16::try_from(le)
        .ok()
        .filter(|n| usize::from(*n) <= MAX_LE)
        .ok_or_else(too_long)
}

impl Command {
    /// A command; [`CardError::MalformedData`] (about the [`CardObject::Command`]) when `data`
    /// is longer than 255 bytes or `le` above 256: nothing is cut.
    pub fn new(cla: u8, ins: u8, p1: u8, p2: u8, data: &[u8], le: Option<u16>) -> Result<Self, CardError> {
        if data.len() > MAX_DATA {
            return Err(too_long());
        }
        Ok(Self {
            header: [cla, ins, p1, p2],
            data: Zeroizing::new(data.to_vec()),
            le: le.map(|n| short_le(n.into())).transpose()?,
            sensitive: false,
        })
    }

    /// A command within the short-APDU bounds by construction (fixed data of a builder).
    fn fixed<const N: usize>(cla: u8, ins: u8, p1: u8, p2: u8, data: [u8; N]) -> Self {
        const { assert!(N <= MAX_DATA) };
        Self {
            header: [cla, ins, p1, p2],
            data: Zeroizing::new(data.to_vec()),
            le: None,
            sensitive: false,
        }
    }

    /// SELECT by DF name (AID), no answer data (`00 A4 04 0C`); an AID is at most 16 bytes
    /// (ISO 7816-4), longer ones are refused.
    pub fn select_aid(aid: &[u8]) -> Result<Self, CardError> {
        if aid.len() > 16 {
            return Err(too_long());
        }
        Self::new(0x00, 0xA4, 0x04, 0x0C, aid, None)
    }

    /// SELECT the file `fid` of the current DF, or the MF for `3F00` (`00 A4 00 0C`).
    pub fn select_fid(fid: [u8; 2]) -> Self {
        Self::fixed(0x00, 0xA4, 0x00, 0x0C, fid)
    }

    /// SELECT the EF `fid` under the current DF (`00 A4 02 0C`).
    pub fn select_child_ef(fid: [u8; 2]) -> Self {
        Self::fixed(0x00, 0xA4, 0x02, 0x0C, fid)
    }

    /// SELECT by path from the MF, the path given without `3F00` (`00 A4 08 0C`).
    pub fn select_path_from_mf(path: &[u8]) -> Result<Self, CardError> {
        Self::new(0x00, 0xA4, 0x08, 0x0C, path, None)
    }

    /// SELECT by path from the current DF (`00 A4 09 0C`).
    pub fn select_path_from_current(path: &[u8]) -> Result<Self, CardError> {
        Self::new(0x00, 0xA4, 0x09, 0x0C, path, None)
    }

    /// READ BINARY at `offset` (at most 0x7FFF), `le` bytes (at most 256; a CPx takes
    /// [`MAX_READ`]); a larger offset or Le is refused.
    pub fn read_binary(offset: u16, le: u16) -> Result<Self, CardError> {
        if offset > MAX_OFFSET {
            return Err(too_long());
        }
        let [p1, p2] = offset.to_be_bytes();
        Self::new(0x00, 0xB0, p1, p2, &[], Some(le))
    }

    /// GET RESPONSE of `le` bytes (at most 256) with the class `cla` (`00`, or `A0` after a
    /// CPS2ter `9F xx`).
    pub fn get_response(cla: u8, le: usize) -> Result<Self, CardError> {
        Self::new(cla, 0xC0, 0x00, 0x00, &[], Some(short_le(le)?))
    }

    /// VERIFY the PIN `reference` with `block` (sensitive: zeroized, never printed, never
    /// resent).
    pub fn verify(reference: u8, block: &[u8]) -> Result<Self, CardError> {
        Ok(Self {
            sensitive: true,
            ..Self::new(0x00, 0x20, 0x00, reference, block, None)?
        })
    }

    /// VERIFY without data: asks for the PIN state (`63 Cx`, `69 83` or `90 00`).
    pub fn verify_status(reference: u8) -> Self {
        Self::fixed(0x00, 0x20, 0x00, reference, [])
    }

    /// GET DATA of the PIN counter of the CPS3 (IAS-ECC SDO CHV `reference`, from the MF):
    /// `00 CB 3F FF 0A 4D 08 70 06 BF 81 ref 02 A0 80 00`.
    pub fn get_pin_counter(reference: u8) -> Self {
        let data = [0x4D, 0x08, 0x70, 0x06, 0xBF, 0x81, reference & 0x7F, 0x02, 0xA0, 0x80];
        Self {
            le: Some(MAX_LE as u16),
            ..Self::fixed(0x00, 0xCB, 0x3F, 0xFF, data)
        }
    }

    /// The class byte.
    pub fn cla(&self) -> u8 {
        self.header[0]
    }

    /// The instruction byte.
    pub fn ins(&self) -> u8 {
        self.header[1]
    }

    /// Whether the command may be sent again with another Le after a `6C xx` (T=0): it asks
    /// for answer data (an Le) and is not sensitive (a PIN is never sent twice).
    pub fn may_resend(&self) -> bool {
        self.le.is_some() && !self.sensitive
    }

    /// The same command with another Le (at most 256: the answer to `6C xx`).
    pub fn with_le(&self, le: usize) -> Result<Self, CardError> {
        Ok(Self {
            le: Some(short_le(le)?),
            ..self.clone()
        })
    }

    /// The bytes sent to the card (zeroized when dropped).
    pub fn to_bytes(&self) -> Zeroizing<Vec<u8>> {
        let mut out = Zeroizing::new(Vec::with_capacity(6 + self.data.len()));
        out.extend_from_slice(&self.header);
        if !self.data.is_empty() {
            out.push(self.data.len() as u8);
            out.extend_from_slice(&self.data);
        }
        if let Some(le) = self.le {
            out.push(le as u8); // 256 is written 00
        }
        out
    }
}

impl fmt::Debug for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [cla, ins, p1, p2] = self.header;
        write!(f, "Command({cla:02X} {ins:02X} {p1:02X} {p2:02X}")?;
        if self.sensitive {
            write!(f, " {:02X} <redacted>", self.data.len())?;
        } else if !self.data.is_empty() {
            write!(f, " {:02X} ", self.data.len())?;
            self.data.iter().try_for_each(|b| write!(f, "{b:02X}"))?;
        }
        if let Some(le) = self.le {
            write!(f, " Le={le}")?;
        }
        f.write_str(")")
    }
}

/// A response APDU: data then the status word.
///
/// ```
/// use rppsplus_core::cpx::{Response, Sw};
/// let r = Response::from_bytes(&[0x01, 0x02, 0x90, 0x00])?;
/// assert_eq!((r.data.as_slice(), r.sw), (&[1u8, 2][..], Sw::OK));
/// assert!(Response::from_bytes(&[0x90]).is_err());
/// # Ok::<(), rppsplus_core::cpx::CardError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The data bytes.
    pub data: Vec<u8>,
    /// The status word.
    pub sw: Sw,
}

impl Response {
    /// Splits a response: at least the two status bytes, at most 256 data bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CardError> {
        let malformed = CardError::MalformedData {
            object: CardObject::Response,
        };
        let split = bytes.len().checked_sub(2).ok_or(malformed)?;
        if split > 256 {
            return Err(malformed);
        }
        let (data, sw) = bytes.split_at(split);
        Ok(Self {
            data: data.to_vec(),
            sw: Sw(u16::from_be_bytes([sw[0], sw[1]])),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_the_four_cases() -> Result<(), CardError> {
        assert_eq!(
            Command::new(0, 0xA4, 0, 0x0C, &[], None)?.to_bytes().as_slice(),
            [0, 0xA4, 0, 0x0C]
        );
        assert_eq!(
            Command::read_binary(0x1234, 256)?.to_bytes().as_slice(),
            [0, 0xB0, 0x12, 0x34, 0]
        );
        assert_eq!(
            Command::select_child_ef([0x50, 0x31]).to_bytes().as_slice(),
            [0, 0xA4, 0x02, 0x0C, 2, 0x50, 0x31]
        );
        assert_eq!(
            Command::get_pin_counter(0x81).to_bytes().as_slice(),
            [
                0, 0xCB, 0x3F, 0xFF, 0x0A, 0x4D, 0x08, 0x70, 0x06, 0xBF, 0x81, 0x01, 0x02, 0xA0, 0x80, 0x00
            ]
        );
        assert_eq!(
            Command::get_response(0xA0, 0x14)?.to_bytes().as_slice(),
            [0xA0, 0xC0, 0, 0, 0x14]
        );
        assert_eq!(
            Command::new(0, 1, 2, 3, &[7; 255], Some(256))?.to_bytes().len(),
            4 + 1 + 255 + 1
        );
        Ok(())
    }

    #[test]
    fn nothing_is_cut_to_fit() {
        let refused = Err(CardError::MalformedData {
            object: CardObject::Command,
        });
        assert_eq!(Command::new(0, 1, 2, 3, &[7; 256], None), refused);
        assert_eq!(Command::new(0, 1, 2, 3, &[], Some(257)), refused);
        assert_eq!(Command::verify(0x01, &[0x31; 300]), refused);
        assert_eq!(Command::select_aid(&[0xA0; 17]), refused);
        assert_eq!(Command::select_path_from_mf(&[0x3F; 256]), refused);
        assert_eq!(Command::select_path_from_current(&[0x3F; 256]), refused);
        // Offsets are 15 bits: bit 8 of P1 would mean a short EF identifier.
        assert_eq!(Command::read_binary(0x8000, 1), refused);
        assert_eq!(Command::read_binary(0, 257), refused);
        assert_eq!(Command::get_response(0, 257), refused);
        assert_eq!(Command::read_binary(0, 1).and_then(|c| c.with_le(257)), refused);
    }

    proptest::proptest! {
        /// Any data and Le: refused beyond the short-APDU bounds, else encoded whole.
        #[test]
        fn commands_are_encoded_whole_or_refused(
            data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
            le in proptest::option::of(0u16..600),
        ) {
            match Command::new(0x00, 0xD6, 0x00, 0x00, &data, le) {
                Ok(c) => {
                    proptest::prop_assert!(data.len() <= MAX_DATA && le.is_none_or(|n| n <= 256));
                    let bytes = c.to_bytes();
                    let body = if data.is_empty() { 4 } else { 5 + data.len() };
                    proptest::prop_assert_eq!(bytes.len(), body + usize::from(le.is_some()));
                    if !data.is_empty() {
                        proptest::prop_assert_eq!(usize::from(bytes[4]), data.len());
                        proptest::prop_assert_eq!(&bytes[5..body], &data[..]);
                    }
                }
                Err(e) => {
                    proptest::prop_assert!(data.len() > MAX_DATA || le.is_some_and(|n| n > 256));
                    proptest::prop_assert_eq!(e, CardError::MalformedData { object: CardObject::Command });
                }
            }
        }
    }

    #[test]
    fn a_verify_command_never_prints_its_pin() -> Result<(), CardError> {
        let c = Command::verify(0x01, b"1234\xFF\xFF\xFF\xFF")?;
        let shown = format!("{c:?}");
        assert_eq!(shown, "Command(00 20 00 01 08 <redacted>)");
        assert!(!shown.contains("31") && !shown.contains("1234"));
        assert_eq!(
            format!("{:?}", Command::read_binary(3, 4)?),
            "Command(00 B0 00 03 Le=4)"
        );
        assert_eq!(
            format!("{:?}", Command::select_aid(&[0xAB])?),
            "Command(00 A4 04 0C 01 AB)"
        );
        Ok(())
    }

    #[test]
    fn only_plain_commands_with_an_le_may_be_resent() -> Result<(), CardError> {
        assert!(Command::read_binary(0, 4)?.may_resend());
        assert!(Command::get_pin_counter(1).may_resend());
        assert!(!Command::select_fid([0x3F, 0x00]).may_resend());
        assert!(!Command::verify_status(1).may_resend());
        assert!(!Command::verify(1, b"1234")?.may_resend());
        Ok(())
    }

    #[test]
    fn status_words() {
        assert_eq!(Sw(0x6C05).exact_length(), Some(5));
        assert_eq!(Sw(0x9F1A).cps2ter_more_data(), Some(0x1A));
        assert_eq!(Sw(0x9000).more_data(), None);
        assert_eq!(Sw(0x63C0).pin_tries_left(), Some(0));
        assert_eq!(Sw(0x6300).pin_tries_left(), None);
        assert!(Sw::WRONG_P1P2.is_unsupported() && !Sw::FILE_NOT_FOUND.is_unsupported());
        assert_eq!((Sw(0x6A82).sw1(), Sw(0x6A82).sw2()), (0x6A, 0x82));
        assert_eq!(Sw(0x6A82).to_string(), "6A82");
    }

    #[test]
    fn responses_are_bounded() {
        assert!(Response::from_bytes(&[]).is_err());
        assert!(Response::from_bytes(&[0u8; 259]).is_err());
        assert_eq!(Response::from_bytes(&[0u8; 258]).map(|r| r.data.len()), Ok(256));
    }
}
