//! A collection file cut into chunks of whole records, so that chunks can be parsed and
//! validated apart (on several threads) with the line numbers of the file.
//!
//! A chunk ends after a line feed that ends a record: outside a quoted field. When a chunk
//! holds no `"` at all, that is its last line feed; otherwise the quoting is followed from
//! the chunk's start the way the csv crate reads it (a quote opens a field only at its
//! start, `""` inside quotes is a quote).
//!
//! A quote still open at the end of the file, or after [`MAX_QUOTED`] bytes, is taken as
//! never closed: the line it opens on is handed out alone as a broken chunk, and reading
//! goes on from the next line, so that one stray `"` does not swallow the rest of the file.

use std::io::{self, Read};

/// The longest quoted field read as such: a quote open for longer was never closed.
pub(super) const MAX_QUOTED: usize = 1 << 20;

/// Whole records of the file, starting on line `first_line` (1-based).
pub(super) struct Chunk {
    pub(super) bytes: Vec<u8>,
    pub(super) first_line: usize,
    /// Whether this is the line of a quote never closed (alone in its chunk).
    pub(super) unclosed_quote: bool,
}

/// The chunks of a stream, in order. Memory: one chunk, or one record when a record is
/// longer than a chunk.
pub(super) struct Chunks<R> {
    input: R,
    /// Bytes read and not yet handed out: the start of the next chunk.
    carry: Vec<u8>,
    /// The line the next chunk starts on.
    line: usize,
    delimiter: u8,
    eof: bool,
}

impl<R: Read> Chunks<R> {
    /// The chunks of `input`, whose first byte is on line `line`.
    pub(super) fn new(input: R, delimiter: u8, line: usize) -> Self {
        Self {
            input,
            carry: Vec::new(),
            line,
            delimiter,
            eof: false,
        }
    }

    /// The next chunk of about `size` bytes (more when one record is longer), `None` at the
    /// end of the input.
    pub(super) fn next_chunk(&mut self, size: usize) -> io::Result<Option<Chunk>> {
        let mut want = size.max(1);
        loop {
            self.fill(want)?;
            if self.eof && self.carry.is_empty() {
                return Ok(None);
            }
            let scan = scan(&self.carry, self.delimiter);
            match (scan.records_end, scan.open_quote) {
                // Whole records first, whatever follows them.
                (Some(end), _) if !self.eof || scan.open_quote.is_some() => return Ok(Some(self.take(end, false))),
                (_, None) if self.eof => return Ok(Some(self.take(self.carry.len(), false))),
                (_, Some(quote)) if self.eof || self.carry.len() - quote > MAX_QUOTED => {
                    let line_end =
                        memchr::memchr(b'\n', &self.carry[quote..]).map_or(self.carry.len(), |i| quote + i + 1);
                    return Ok(Some(self.take(line_end, true)));
                }
                // No record ends in what was read: read on.
                _ => want = self.carry.len().max(want) * 2,
            }
        }
    }

    /// Hands out the first `len` bytes read.
    fn take(&mut self, len: usize, unclosed_quote: bool) -> Chunk {
        let rest = self.carry[len..].to_vec();
        let mut bytes = std::mem::replace(&mut self.carry, rest);
        bytes.truncate(len);
        let first_line = self.line;
        self.line += bytes.iter().filter(|&&b| b == b'\n').count();
        Chunk {
            bytes,
            first_line,
            unclosed_quote,
        }
    }

    /// Reads until `carry` holds `want` bytes or the input ends.
    fn fill(&mut self, want: usize) -> io::Result<()> {
        while !self.eof && self.carry.len() < want {
            let missing = (want - self.carry.len()) as u64;
            match (&mut self.input).take(missing).read_to_end(&mut self.carry) {
                Ok(0) => self.eof = true,
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// Where a field stands, as the csv crate's reader sees it.
#[derive(Clone, Copy, PartialEq)]
enum Quoting {
    /// At the start of a field (a `"` opens a quoted field).
    FieldStart,
    /// In an unquoted field (a `"` is text).
    Unquoted,
    /// In a quoted field.
    Quoted,
    /// Just after a `"` in a quoted field: closed, unless another `"` follows.
    QuoteInQuoted,
}

/// Where the records of some bytes stand.
struct Scan {
    /// The length of the leading whole records (up to and with the last line feed that ends
    /// a record), `None` when no record ends.
    records_end: Option<usize>,
    /// Where the quoted field still open at the end (or after [`MAX_QUOTED`] bytes) started,
    /// if one is.
    open_quote: Option<usize>,
}

fn scan(bytes: &[u8], delimiter: u8) -> Scan {
    if memchr::memchr(b'"', bytes).is_none() {
        return Scan {
            records_end: memchr::memrchr(b'\n', bytes).map(|i| i + 1),
            open_quote: None,
        };
    }
    let mut state = Quoting::FieldStart;
    let (mut records_end, mut open_quote) = (None, None);
    for (i, &b) in bytes.iter().enumerate() {
        // Past this length a quoted field is taken as never closed, whatever follows.
        if state == Quoting::Quoted && open_quote.is_some_and(|q| i - q > MAX_QUOTED) {
            break;
        }
        state = match (state, b) {
            (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
            (Quoting::Quoted, _) => Quoting::Quoted,
            (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
            (Quoting::FieldStart, b'"') => {
                open_quote = Some(i);
                Quoting::Quoted
            }
            (_, b'\n') => {
                records_end = Some(i + 1);
                Quoting::FieldStart
            }
            (_, b'\r') => Quoting::FieldStart,
            (_, b) if b == delimiter => Quoting::FieldStart,
            _ => Quoting::Unquoted,
        };
    }
    Scan {
        records_end,
        open_quote: open_quote.filter(|_| state == Quoting::Quoted),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(file: &[u8], size: usize) -> Vec<(String, usize)> {
        let mut chunks = Chunks::new(file, b';', 2);
        std::iter::from_fn(|| chunks.next_chunk(size).unwrap())
            .map(|c| (String::from_utf8(c.bytes).unwrap(), c.first_line))
            .collect()
    }

    fn records_end(bytes: &[u8]) -> Option<usize> {
        scan(bytes, b';').records_end
    }

    #[test]
    fn chunks_end_after_whole_records() {
        let file = b"a;b\nc;\"d\ne\"\r\nf;\"g\"\"\nh\"\n\"i\";j";
        assert_eq!(chunks(file, 1000), [(String::from_utf8(file.to_vec()).unwrap(), 2)]);
        assert_eq!(
            chunks(file, 1),
            [
                ("a;b\n".to_owned(), 2),
                ("c;\"d\ne\"\r\n".to_owned(), 3),
                ("f;\"g\"\"\nh\"\n".to_owned(), 5),
                ("\"i\";j".to_owned(), 7)
            ]
        );
    }

    #[test]
    fn a_quote_inside_an_unquoted_field_is_text() {
        assert_eq!(records_end(b"O\"Brien;x\ny\""), Some(10));
        assert_eq!(records_end(b"\"open\nstill open"), None);
        assert_eq!(records_end(b"x\"\ny"), Some(3));
    }

    #[test]
    fn a_quote_never_closed_breaks_its_line_only() {
        let file = b"a;b\nc;\"d\ne;f\ng\n";
        let mut chunks = Chunks::new(&file[..], b';', 2);
        let all: Vec<Chunk> = std::iter::from_fn(|| chunks.next_chunk(1000).unwrap()).collect();
        let shown: Vec<(&[u8], usize, bool)> = all
            .iter()
            .map(|c| (&c.bytes[..], c.first_line, c.unclosed_quote))
            .collect();
        assert_eq!(
            shown,
            [
                (&b"a;b\n"[..], 2, false),
                (&b"c;\"d\n"[..], 3, true),
                (&b"e;f\ng\n"[..], 4, false)
            ]
        );
    }

    #[test]
    fn a_quote_open_too_long_is_not_waited_for() {
        let mut file = b"x;\"y\n".to_vec();
        file.extend(b"z;z\n".repeat(MAX_QUOTED / 4 + 10));
        let mut chunks = Chunks::new(&file[..], b';', 2);
        let first = chunks.next_chunk(1 << 10).unwrap().unwrap();
        assert_eq!((&first.bytes[..], first.unclosed_quote), (&b"x;\"y\n"[..], true));
        assert_eq!(chunks.next_chunk(1 << 10).unwrap().unwrap().first_line, 3);
    }

    #[test]
    fn an_empty_input_has_no_chunk() {
        assert!(chunks(b"", 10).is_empty());
    }
}
