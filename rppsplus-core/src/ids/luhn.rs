//! A strict Luhn (mod 10) check over ASCII digits.
//!
//! Unlike the `luhn` crate, which skips non-digit characters, these functions take only
//! ASCII digits: callers check the format first, so `"7992-7398-713"` can never pass.

/// The doubled value of each digit, with its digits summed (`2·d` or `2·d − 9`).
const DOUBLED: [u8; 10] = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

/// The Luhn sum of `digits`, doubling every second digit from the right starting with the
/// rightmost when `double_last` is true.
fn sum(digits: &[u8], double_last: bool) -> u32 {
    let mut total = 0u32;
    let mut double = double_last;
    for &d in digits.iter().rev() {
        let v = d.wrapping_sub(b'0');
        debug_assert!(v < 10, "luhn input must be ASCII digits");
        total += u32::from(if double { DOUBLED[usize::from(v % 10)] } else { v % 10 });
        double = !double;
    }
    total
}

/// Whether the ASCII digits in `digits`, check digit last, pass the Luhn test.
///
/// Returns false for an empty slice or any byte that is not an ASCII digit.
///
/// ```
/// use rppsplus_core::ids::luhn;
/// assert!(luhn::is_valid(b"10107985318"));
/// assert!(!luhn::is_valid(b"10107985319"));
/// assert!(!luhn::is_valid(b"7992-7398-713"));
/// ```
pub fn is_valid(digits: &[u8]) -> bool {
    !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) && sum(digits, false) % 10 == 0
}

/// The check digit (as an ASCII byte) that completes the ASCII digits in `payload`, or
/// `None` when `payload` holds something other than ASCII digits.
///
/// ```
/// use rppsplus_core::ids::luhn;
/// assert_eq!(luhn::check_digit(b"1010798531"), Some(b'8'));
/// ```
pub fn check_digit(payload: &[u8]) -> Option<u8> {
    if !payload.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let s = sum(payload, true) % 10;
    Some(b'0' + ((10 - s) % 10) as u8)
}

/// The plain sum of the digit values, used by La Poste's SIRET rule.
pub(crate) fn digit_sum(digits: &[u8]) -> u32 {
    digits.iter().map(|d| u32::from(d - b'0')).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_values() {
        assert!(is_valid(b"0"));
        assert!(is_valid(b"79927398713"));
        assert!(!is_valid(b""));
        assert!(!is_valid(b"A0"));
        assert_eq!(check_digit(b"7992739871"), Some(b'3'));
        assert_eq!(check_digit(b"12a"), None);
    }

    proptest! {
        #[test]
        fn agrees_with_the_luhn_crate_on_digits(s in "[0-9]{1,30}") {
            prop_assert_eq!(is_valid(s.as_bytes()), luhn::valid(&s));
        }

        #[test]
        fn rejects_what_the_luhn_crate_skips(s in "[0-9]{0,10}[^0-9][0-9]{0,10}") {
            prop_assert!(!is_valid(s.as_bytes()));
        }

        #[test]
        fn check_digit_completes(s in "[0-9]{0,30}") {
            let mut v = s.into_bytes();
            let c = check_digit(&v).unwrap();
            v.push(c);
            prop_assert!(is_valid(&v));
        }
    }
}
