//! A collection file cut into chunks of whole records, so that chunks can be parsed and
//! validated apart (on several threads) with the line numbers of the file.
//!
//! A chunk ends after a line feed that ends a record: outside a quoted field. When a chunk
//! holds no `"` at all, that is its last line feed; otherwise the quoting is followed from
//! the chunk's start the way the csv crate reads it (a quote opens a field only at its
//! start, `""` inside quotes is a quote).

use std::io::{self, Read};

/// Whole records of the file, starting on line `first_line` (1-based).
pub(super) struct Chunk {
    pub(super) bytes: Vec<u8>,
    pub(super) first_line: usize,
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
            let cut = if self.eof {
                Some(self.carry.len())
            } else {
                records_end(&self.carry, self.delimiter)
            };
            match cut {
                Some(0) if self.eof => return Ok(None),
                Some(cut) if cut > 0 => {
                    let rest = self.carry[cut..].to_vec();
                    let mut bytes = std::mem::replace(&mut self.carry, rest);
                    bytes.truncate(cut);
                    let first_line = self.line;
                    self.line += bytes.iter().filter(|&&b| b == b'\n').count();
                    return Ok(Some(Chunk { bytes, first_line }));
                }
                // No record ends in what was read: read on.
                _ => want = self.carry.len().max(want) * 2,
            }
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

/// The length of the leading whole records of `bytes` (up to and with the last line feed
/// that ends a record), `None` when no record ends in it.
fn records_end(bytes: &[u8], delimiter: u8) -> Option<usize> {
    if memchr::memchr(b'"', bytes).is_none() {
        return memchr::memrchr(b'\n', bytes).map(|i| i + 1);
    }
    let mut state = Quoting::FieldStart;
    let mut end = None;
    for (i, &b) in bytes.iter().enumerate() {
        state = match (state, b) {
            (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
            (Quoting::Quoted, _) => Quoting::Quoted,
            (Quoting::QuoteInQuoted, b'"') | (Quoting::FieldStart, b'"') => Quoting::Quoted,
            (_, b'\n') => {
                end = Some(i + 1);
                Quoting::FieldStart
            }
            (_, b'\r') => Quoting::FieldStart,
            (_, b) if b == delimiter => Quoting::FieldStart,
            _ => Quoting::Unquoted,
        };
    }
    end
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
        assert_eq!(records_end(b"O\"Brien;x\ny\"", b';'), Some(10));
        assert_eq!(records_end(b"\"open\nstill open", b';'), None);
        assert_eq!(records_end(b"x\"\ny", b';'), Some(3));
    }

    #[test]
    fn an_empty_input_has_no_chunk() {
        assert!(chunks(b"", 10).is_empty());
    }
}
