//! The holder's PIN: checked before anything is sent, zeroized, never printed.

use std::fmt;
use std::str::FromStr;

use zeroize::Zeroizing;

use super::CardError;
use super::pkcs15::{PinEntry, PinType};

/// A PIN of 4 to 8 digits.
///
/// Its bytes are wiped when it is dropped (`zeroize`), it has no `Display` and its `Debug`
/// prints `Pin(<redacted>)`. It is not `Clone`: [`Cpx::verify_pin`](super::Cpx::verify_pin)
/// takes it by value, sends it once and drops it.
///
/// ```
/// use rppsplus_core::cpx::{CardError, Pin};
/// let pin: Pin = "1234".parse()?;
/// assert_eq!(format!("{pin:?}"), "Pin(<redacted>)");
/// assert_eq!("12a4".parse::<Pin>().unwrap_err(), CardError::InvalidPin);
/// assert_eq!(Pin::new(b"123").unwrap_err().code().as_str(), "invalid_pin");
/// # Ok::<(), CardError>(())
/// ```
pub struct Pin {
    digits: Zeroizing<[u8; 8]>,
    len: usize,
}

impl Pin {
    /// A PIN from its ASCII digits; [`CardError::InvalidPin`] unless 4 to 8 digits.
    pub fn new(digits: &[u8]) -> Result<Self, CardError> {
        if !(4..=8).contains(&digits.len()) || !digits.iter().all(u8::is_ascii_digit) {
            return Err(CardError::InvalidPin);
        }
        let mut pin = Self {
            digits: Zeroizing::new([0; 8]),
            len: digits.len(),
        };
        pin.digits[..digits.len()].copy_from_slice(digits);
        Ok(pin)
    }

    fn digits(&self) -> &[u8] {
        &self.digits[..self.len]
    }

    /// The VERIFY data for the PIN object `entry` (format, padding, bounds of its AODF
    /// entry); [`CardError::InvalidPin`] when the length is outside the card's bounds.
    pub(crate) fn block(&self, entry: &PinEntry) -> Result<Zeroizing<Vec<u8>>, CardError> {
        let n = self.len as u32;
        if n < entry.min_length || entry.max_length.is_some_and(|max| n > max) {
            return Err(CardError::InvalidPin);
        }
        let values = self.digits().iter().map(|d| d - b'0');
        let mut block = Zeroizing::new(Vec::with_capacity(16));
        match entry.pin_type {
            PinType::Ascii => block.extend_from_slice(self.digits()),
            PinType::HalfNibbleBcd => block.extend(values.map(|d| 0xF0 | d)),
            PinType::Bcd => pack(&mut block, values),
            PinType::Iso9564 => {
                block.push(0x20 | self.len as u8);
                pack(&mut block, values);
                block.resize(8, 0xFF);
            }
        }
        if let Some(pad) = entry.pad {
            let stored = entry.stored_length as usize;
            if block.len() > stored {
                return Err(CardError::InvalidPin);
            }
            block.resize(stored, pad);
        }
        Ok(block)
    }
}

/// Packs digits two per byte, the last odd one followed by `F`.
fn pack(out: &mut Vec<u8>, mut digits: impl Iterator<Item = u8>) {
    while let Some(high) = digits.next() {
        out.push(high << 4 | digits.next().unwrap_or(0x0F));
    }
}

impl FromStr for Pin {
    type Err = CardError;

    fn from_str(s: &str) -> Result<Self, CardError> {
        Self::new(s.as_bytes())
    }
}

impl TryFrom<&[u8]> for Pin {
    type Error = CardError;

    fn try_from(digits: &[u8]) -> Result<Self, CardError> {
        Self::new(digits)
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(pin_type: PinType, pad: Option<u8>) -> PinEntry {
        PinEntry {
            auth_id: vec![1],
            pin_type,
            min_length: 4,
            stored_length: 8,
            max_length: Some(8),
            reference: 1,
            pad,
            path: None,
            administrative: false,
        }
    }

    #[test]
    fn lengths_and_characters() {
        for bad in ["", "123", "123456789", "12 34", "１２３４", "12.4"] {
            assert_eq!(bad.parse::<Pin>().unwrap_err(), CardError::InvalidPin, "{bad}");
        }
        for good in ["1234", "00000000"] {
            assert!(good.parse::<Pin>().is_ok());
        }
    }

    #[test]
    fn blocks_for_each_pin_type() {
        let pin: Pin = "12345".parse().unwrap();
        let block = |t, pad| pin.block(&entry(t, pad)).unwrap().to_vec();
        assert_eq!(block(PinType::Ascii, Some(0xFF)), b"12345\xFF\xFF\xFF");
        assert_eq!(block(PinType::Ascii, None), b"12345");
        assert_eq!(block(PinType::Bcd, None), [0x12, 0x34, 0x5F]);
        assert_eq!(
            block(PinType::HalfNibbleBcd, Some(0x00)),
            [0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0, 0, 0]
        );
        assert_eq!(
            block(PinType::Iso9564, None),
            [0x25, 0x12, 0x34, 0x5F, 0xFF, 0xFF, 0xFF, 0xFF]
        );
    }

    #[test]
    fn the_cards_bounds_apply_before_sending() {
        let pin: Pin = "1234".parse().unwrap();
        let mut e = entry(PinType::Ascii, Some(0xFF));
        e.min_length = 6;
        assert_eq!(pin.block(&e).unwrap_err(), CardError::InvalidPin);
        let long: Pin = "12345678".parse().unwrap();
        let mut e = entry(PinType::Ascii, Some(0xFF));
        e.max_length = Some(6);
        assert_eq!(long.block(&e).unwrap_err(), CardError::InvalidPin);
        let mut e = entry(PinType::Ascii, Some(0xFF));
        e.stored_length = 4;
        assert_eq!(long.block(&e).unwrap_err(), CardError::InvalidPin);
    }
}
