//! The bytes of a collection file as the rest of the reader takes them: what Excel wrote,
//! read as it means (docs/domain.md §4.6). A UTF-8 BOM is dropped; UTF-16 (Excel's « Texte
//! Unicode »: a BOM, little- or big-endian; or none, recognised by the zero bytes of ASCII
//! text) becomes UTF-8. A file with other zero bytes is no text (a workbook, an image): it is
//! refused before anything is read as rows. (A carriage return alone, Excel for Mac's line
//! end, is made a line feed as the chunks are read: `chunks.rs`.)
//!
//! Windows-1252 is not decoded here: it is told from UTF-8 cell by cell (`row.rs`), the
//! way a file shows it.

use std::io::{self, Read};

/// How many bytes of the start are looked at to tell the encoding.
const SNIFF: usize = 8 << 10;

/// What the start of a file says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sniffed {
    /// UTF-8 (or a legacy encoding), its BOM dropped if it had one.
    Bytes {
        /// Whether its lines end with CR alone (a Mac's file: its legacy encoding is Mac
        /// Roman).
        cr_only: bool,
    },
    /// UTF-16, decoded to UTF-8.
    Utf16 {
        /// Big-endian (else little-endian).
        big_endian: bool,
    },
    /// Zero bytes that are not UTF-16: no text.
    Binary,
}

/// The text of a file, as bytes: UTF-8 or a legacy encoding.
pub(super) struct Source<R> {
    input: Decoded<R>,
}

/// The input, decoded from UTF-16 or not.
enum Decoded<R> {
    Bytes(Replay<R>),
    Utf16(Utf16<Replay<R>>),
}

/// The bytes read to sniff the start, then the rest of the input.
type Replay<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

impl<R: Read> Source<R> {
    /// Reads the start of `input` and tells what it is; the source gives the text from its
    /// first character (after a BOM). For [`Sniffed::Binary`] it gives nothing.
    pub(super) fn open(mut input: R) -> io::Result<(Self, Sniffed)> {
        let mut head = Vec::with_capacity(SNIFF);
        (&mut input).take(SNIFF as u64).read_to_end(&mut head)?;
        let sniffed = sniff(&head);
        let skip = match (sniffed, head.as_slice()) {
            (Sniffed::Bytes { .. }, [0xEF, 0xBB, 0xBF, ..]) => 3,
            (Sniffed::Utf16 { .. }, [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]) => 2,
            _ => 0,
        };
        if sniffed == Sniffed::Binary {
            head.clear();
        }
        let mut replay = io::Cursor::new(head);
        replay.set_position(skip);
        let replay = replay.chain(input);
        let input = match sniffed {
            Sniffed::Utf16 { big_endian } => Decoded::Utf16(Utf16::new(replay, big_endian)),
            // A binary input is not read on: its replay is empty, and the reader stops.
            Sniffed::Bytes { .. } | Sniffed::Binary => Decoded::Bytes(replay),
        };
        Ok((Self { input }, sniffed))
    }
}

/// What `head`, the first bytes of a file, says it is.
fn sniff(head: &[u8]) -> Sniffed {
    let bytes = || Sniffed::Bytes {
        cr_only: memchr::memchr(b'\r', head).is_some() && memchr::memchr(b'\n', head).is_none(),
    };
    match head {
        [0xFF, 0xFE, ..] => return Sniffed::Utf16 { big_endian: false },
        [0xFE, 0xFF, ..] => return Sniffed::Utf16 { big_endian: true },
        [0xEF, 0xBB, 0xBF, ..] => return bytes(),
        _ => {}
    }
    if memchr::memchr(0, head).is_none() {
        return bytes();
    }
    // Latin text in UTF-16 has a zero byte in most pairs: the second (LE) or the first
    // (BE); the other byte is rarely zero (U+0100, U+DE00…).
    let pairs = head.len() / 2;
    let zeros = |at: usize| head.chunks_exact(2).filter(|p| p[at] == 0).count();
    let (first, second) = (zeros(0), zeros(1));
    if second * 2 > pairs && first * 8 < pairs {
        Sniffed::Utf16 { big_endian: false }
    } else if first * 2 > pairs && second * 8 < pairs {
        Sniffed::Utf16 { big_endian: true }
    } else {
        Sniffed::Binary
    }
}

impl<R: Read> Read for Source<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &mut self.input {
            Decoded::Bytes(input) => input.read(buf),
            Decoded::Utf16(input) => input.read(buf),
        }
    }
}

/// UTF-16 read as UTF-8: pairs of bytes into code units, surrogate pairs into one
/// character, an unpaired surrogate into U+FFFD (the cell then holds a character no field
/// accepts, and is reported).
struct Utf16<R> {
    input: R,
    big_endian: bool,
    /// Bytes read and not decoded yet (an odd byte, a high surrogate waiting for its pair).
    raw: Vec<u8>,
    /// Decoded text not handed out yet, from `out_at`.
    out: Vec<u8>,
    out_at: usize,
    eof: bool,
}

impl<R: Read> Utf16<R> {
    fn new(input: R, big_endian: bool) -> Self {
        Self {
            input,
            big_endian,
            raw: Vec::new(),
            out: Vec::new(),
            out_at: 0,
            eof: false,
        }
    }

    /// Reads and decodes the next block into `out`.
    fn decode_more(&mut self) -> io::Result<()> {
        let mut block = [0u8; 16 << 10];
        let n = loop {
            match self.input.read(&mut block) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                other => break other?,
            }
        };
        self.eof = n == 0;
        self.raw.extend_from_slice(&block[..n]);
        let unit = |p: &[u8]| {
            if self.big_endian {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        };
        let mut units: Vec<u16> = self.raw.chunks_exact(2).map(unit).collect();
        let mut used = units.len() * 2;
        // A high surrogate at the end waits for its low half (unless the input has ended).
        if !self.eof && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
            units.pop();
            used -= 2;
        }
        self.raw.drain(..used);
        if self.eof {
            // An odd byte at the end is half a character.
            if !self.raw.is_empty() {
                units.push(0xFFFD);
            }
            self.raw.clear();
        }
        self.out.drain(..self.out_at);
        self.out_at = 0;
        let mut utf8 = [0u8; 4];
        for c in char::decode_utf16(units) {
            let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
            self.out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
        }
        Ok(())
    }
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_at == self.out.len() && !self.eof {
            self.decode_more()?;
        }
        let n = buf.len().min(self.out.len() - self.out_at);
        buf[..n].copy_from_slice(&self.out[self.out_at..self.out_at + n]);
        self.out_at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demande::csv::tests::Trickle;

    /// The text a source gives of `bytes`, read `step` bytes at a time, and what it sniffed.
    fn text(bytes: &[u8], step: usize) -> (Vec<u8>, Sniffed) {
        let (mut source, sniffed) = Source::open(Trickle(bytes, step)).unwrap();
        let mut out = Vec::new();
        let mut buf = vec![0; step];
        loop {
            let n = source.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        (out, sniffed)
    }

    fn utf16(s: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if big_endian { &[0xFE, 0xFF] } else { &[0xFF, 0xFE] });
        }
        for u in s.encode_utf16() {
            out.extend_from_slice(&if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
        }
        out
    }

    #[test]
    fn boms_and_utf16_are_read_as_utf8() {
        let s = "Prénom\tNom\r\nÉlodie\t😀\r";
        for step in [1, 3, 7, 1000] {
            assert_eq!(
                text(&[&b"\xEF\xBB\xBF"[..], s.as_bytes()].concat(), step),
                (s.as_bytes().to_vec(), Sniffed::Bytes { cr_only: false })
            );
            for big_endian in [false, true] {
                for bom in [true, false] {
                    let (got, sniffed) = text(&utf16(s, big_endian, bom), step);
                    assert_eq!(String::from_utf8(got).unwrap(), s);
                    assert_eq!(sniffed, Sniffed::Utf16 { big_endian });
                }
            }
        }
        // An unpaired surrogate, and an odd byte at the end.
        let mut broken = utf16("a", false, true);
        broken.extend_from_slice(&[0x00, 0xD8, b'b', 0, b'c']);
        assert_eq!(text(&broken, 5).0, "a\u{FFFD}b\u{FFFD}".as_bytes());
    }

    #[test]
    fn zero_bytes_that_are_not_utf16_are_no_text() {
        assert_eq!(sniff(b"PK\x03\x04\x14\x00\x06\x00"), Sniffed::Binary);
        assert_eq!(sniff(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00"), Sniffed::Binary);
        assert_eq!(sniff(b"a;b\n\x00"), Sniffed::Binary);
        assert_eq!(
            text(b"a\x00b\x00c\x00\x00\x00\x00\x00\x00", 4),
            (Vec::new(), Sniffed::Binary)
        );
        assert_eq!(sniff("é;ü".as_bytes()), Sniffed::Bytes { cr_only: false });
        assert_eq!(sniff(b"a\rb\r"), Sniffed::Bytes { cr_only: true });
        assert_eq!(sniff(b"a\r\nb\r"), Sniffed::Bytes { cr_only: false });
    }
}
