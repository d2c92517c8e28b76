//! The scanner shared by the identifier parsers: separators out, allowed bytes into a
//! fixed buffer, no allocation whatever the input's size.

use super::{IdKind, ParseError};

/// Whether `c` is a separator users type inside identifiers.
pub(crate) fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\t' | '.' | '-' | '\u{a0}' | '\u{202f}')
}

/// The significant characters of an input, at most `N` of them, all ASCII.
#[derive(Clone, Copy)]
pub(crate) struct Scanned<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> Scanned<N> {
    /// The significant bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// The whole buffer (valid when the length is exactly `N`).
    pub(crate) fn array(&self) -> [u8; N] {
        self.buf
    }
}

/// The position, in characters, of byte offset `byte` of `input`.
fn char_position(input: &str, byte: usize) -> usize {
    input.get(..byte).map_or(byte, |s| s.chars().count())
}

/// The position, in characters of `input`, of its `n`-th significant (non-separator)
/// character: maps a position in a scanned buffer back to the input as given.
pub(crate) fn significant_position(input: &str, n: usize) -> usize {
    input
        .chars()
        .enumerate()
        .filter(|&(_, c)| !is_separator(c))
        .nth(n)
        .map_or(n, |(i, _)| i)
}

/// Scans `input`: separators are skipped, every other character must be an ASCII byte for
/// which `allowed` holds (else `invalid_format` at its position), and the count of
/// significant characters must lie in `min..=N` (else `invalid_length`). The fast path (an
/// input of exactly `N` allowed bytes) does no other work.
pub(crate) fn scan<const N: usize>(
    input: &str,
    kind: IdKind,
    min: usize,
    allowed: impl Fn(u8) -> bool,
) -> Result<Scanned<N>, ParseError> {
    let bytes = input.as_bytes();
    let mut out = Scanned { buf: [0; N], len: 0 };
    if bytes.len() == N && bytes.iter().all(|&b| allowed(b)) {
        out.buf.copy_from_slice(bytes);
        out.len = N;
        return Ok(out);
    }
    for (i, c) in input.char_indices() {
        if is_separator(c) {
            continue;
        }
        if !c.is_ascii() || !allowed(c as u8) {
            return Err(ParseError::InvalidFormat {
                kind,
                position: char_position(input, i),
            });
        }
        if out.len < N {
            out.buf[out.len] = c as u8;
        }
        out.len += 1;
    }
    if out.len < min || out.len > N {
        return Err(ParseError::InvalidLength {
            kind,
            min,
            max: N,
            found: out.len,
        });
    }
    Ok(out)
}

/// [`scan`] for identifiers of exactly `N` ASCII digits.
pub(crate) fn digits<const N: usize>(input: &str, kind: IdKind) -> Result<[u8; N], ParseError> {
    scan::<N>(input, kind, N, |b| b.is_ascii_digit()).map(|s| s.array())
}

/// [`digits`] and whether they pass the Luhn test, in one pass over the input when it is
/// exactly `N` ASCII digits (the hot path of RPPS, SIREN and SIRET parsing).
#[inline(always)] // with `Rpps::parse_with`'s
pub(crate) fn keyed_digits<const N: usize>(input: &str, kind: IdKind) -> Result<([u8; N], bool), ParseError> {
    if let Ok(d) = <[u8; N]>::try_from(input.as_bytes()) {
        // Doubled digit with its digits summed, indexed by the low nibble (a digit's value).
        const DOUBLED: [u8; 16] = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9, 0, 0, 0, 0, 0, 0];
        let mut sum = 0u32;
        let mut non_digit = false;
        for (i, &b) in d.iter().enumerate() {
            let v = b.wrapping_sub(b'0');
            non_digit |= v > 9;
            let v = v & 15;
            sum += u32::from(if (N - 1 - i) % 2 == 1 {
                DOUBLED[usize::from(v)]
            } else {
                v
            });
        }
        if !non_digit {
            return Ok((d, sum % 10 == 0));
        }
    }
    let d = digits::<N>(input, kind)?;
    Ok((d, super::luhn::is_valid(&d)))
}

/// The canonical text of a fixed-size identifier buffer (always ASCII by construction).
pub(crate) fn ascii(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_char_positions_and_lengths() {
        let e = digits::<3>("1 é2", IdKind::Rpps).unwrap_err();
        assert_eq!(
            e,
            ParseError::InvalidFormat {
                kind: IdKind::Rpps,
                position: 2
            }
        );
        let e = digits::<3>("12 345", IdKind::Rpps).unwrap_err();
        assert_eq!(
            e,
            ParseError::InvalidLength {
                kind: IdKind::Rpps,
                min: 3,
                max: 3,
                found: 5
            }
        );
        assert_eq!(digits::<3>("1.2-3", IdKind::Rpps).unwrap(), *b"123");
    }

    #[test]
    fn keyed_digits_agree_with_the_slow_path() {
        assert_eq!(
            keyed_digits::<11>("10107985318", IdKind::Rpps),
            Ok((*b"10107985318", true))
        );
        assert_eq!(
            keyed_digits::<11>("10107985319", IdKind::Rpps),
            Ok((*b"10107985319", false))
        );
        assert_eq!(
            keyed_digits::<11>("101 0798531", IdKind::Rpps).unwrap_err().code(),
            "invalid_length"
        );
        assert_eq!(
            keyed_digits::<11>("1010798531/", IdKind::Rpps).unwrap_err().code(),
            "invalid_format"
        );
        assert_eq!(
            keyed_digits::<11>("101 07985318", IdKind::Rpps),
            Ok((*b"10107985318", true))
        );
    }

    #[test]
    fn huge_input_is_counted_not_stored() {
        let big = "1".repeat(10_000_000);
        let e = digits::<11>(&big, IdKind::Rpps).unwrap_err();
        assert_eq!(
            e,
            ParseError::InvalidLength {
                kind: IdKind::Rpps,
                min: 11,
                max: 11,
                found: 10_000_000
            }
        );
    }
}
