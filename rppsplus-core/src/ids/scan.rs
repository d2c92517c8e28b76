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
