//! A collection file cut into chunks of whole records, so that chunks can be parsed and
//! validated apart (on several threads) with the line numbers of the file. The tokenizer
//! (`tokenizer.rs`) says where records end; this reader decides what to read, how much to
//! keep, and what to do with a record that never ends.
//!
//! Lines end with LF or CRLF for the tokenizer: a carriage return alone (Excel for Mac's line
//! end) is made a line feed as the bytes are read, once the byte after it is known.
//!
//! Memory is bounded whatever the file: a record longer than [`MAX_RECORD_BYTES`] is not
//! kept. A quote still open at the end of the file, or over more than that, was never
//! closed: the line it opens on is handed out alone as a broken chunk, and reading goes on
//! from the next line, so that one stray `"` does not swallow the rest of the file. Any
//! other record that long (a line of 50 MB) is skipped up to the end of its line and handed
//! out as an empty broken chunk.

use std::io::{self, Read};

use super::tokenizer;

/// The longest record (a row of the file, in bytes) that is read: a longer one is reported
/// and skipped, and a quoted field open for longer was never closed (docs/domain.md §4.6).
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// The most records a chunk holds: the reports of a chunk's rows are kept together (a
/// million lines of one byte in a chunk of 1 MiB would make a million reports at once).
const MAX_CHUNK_RECORDS: usize = 512;

/// Why a chunk holds no proper record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Broken {
    /// The line of a quote never closed, alone in its chunk.
    UnclosedQuote,
    /// A record longer than [`MAX_RECORD_BYTES`], skipped: the chunk is empty.
    TooLong,
}

/// Whole records of the file, starting on line `first_line` (1-based).
pub(super) struct Chunk {
    pub(super) bytes: Vec<u8>,
    pub(super) first_line: usize,
    pub(super) broken: Option<Broken>,
}

/// The chunks of a stream, in order. Memory: one chunk, or one record up to
/// [`MAX_RECORD_BYTES`] when a record is longer than a chunk.
pub(super) struct Chunks<R> {
    input: R,
    /// The buffer the input is read into (its bytes all initialised once: reading into it
    /// clears nothing); `carry[start..filled]` are read and not handed out yet: the start
    /// of the next chunk.
    carry: Vec<u8>,
    start: usize,
    filled: usize,
    /// Where the carriage returns of `carry` are still to be looked at (a CR at the end
    /// waits for the byte after it).
    unchecked: usize,
    /// The line the next chunk starts on.
    line: usize,
    /// The delimiter of the file, once known (the quoting depends on it).
    pub(super) delimiter: u8,
    eof: bool,
}

impl<R: Read> Chunks<R> {
    /// The chunks of `input`, whose first byte is on line 1; the delimiter is set once known.
    pub(super) fn new(input: R) -> Self {
        Self {
            input,
            carry: Vec::new(),
            start: 0,
            filled: 0,
            unchecked: 0,
            line: 1,
            delimiter: b';',
            eof: false,
        }
    }

    /// The bytes read and not handed out yet.
    fn pending(&self) -> &[u8] {
        &self.carry[self.start..self.filled]
    }

    /// The next line, without its line end (at most [`MAX_RECORD_BYTES`] of it), left to be
    /// read: to tell the delimiter before the header is read. `None` at the end of the input.
    pub(super) fn peek_line(&mut self) -> io::Result<Option<&[u8]>> {
        let mut want = 4096;
        loop {
            self.fill(want)?;
            let len = self.pending().len();
            let end = memchr::memchr(b'\n', self.pending());
            if end.is_some() || self.eof || len >= MAX_RECORD_BYTES {
                if len == 0 {
                    return Ok(None);
                }
                let line = &self.pending()[..end.unwrap_or(len).min(MAX_RECORD_BYTES)];
                return Ok(Some(line.strip_suffix(b"\r").unwrap_or(line)));
            }
            want = len * 2;
        }
    }

    /// Drops the next line (its line end included).
    pub(super) fn skip_line(&mut self) -> io::Result<()> {
        loop {
            if let Some(end) = memchr::memchr(b'\n', self.pending()) {
                self.start += end + 1;
                break;
            }
            // A CR at the end is kept: the byte after it tells whether it ends the line.
            let keep = usize::from(!self.eof && self.pending().last() == Some(&b'\r'));
            self.start = self.filled - keep;
            if self.eof {
                break;
            }
            self.fill(64 << 10)?;
            if self.pending().is_empty() {
                break;
            }
        }
        self.line += 1;
        Ok(())
    }

    /// The next record alone (the header), `None` at the end of the input.
    pub(super) fn next_record(&mut self) -> io::Result<Option<Chunk>> {
        self.next(1, 1)
    }

    /// The next chunk of about `size` bytes of whole records (more when one record is
    /// longer; fewer past [`MAX_CHUNK_RECORDS`] records), `None` at the end of the input.
    pub(super) fn next_chunk(&mut self, size: usize) -> io::Result<Option<Chunk>> {
        self.next(size, MAX_CHUNK_RECORDS)
    }

    fn next(&mut self, size: usize, max_records: usize) -> io::Result<Option<Chunk>> {
        let mut want = size.max(1);
        // Chunks are taken from what was read until a quarter of `size` is left: then that
        // rest moves to the start of the buffer and more is read (each byte moves little).
        let mut read_more = self.pending().len() < want.div_ceil(4);
        loop {
            if read_more {
                self.fill(want)?;
            }
            read_more = true;
            let pending = self.pending();
            let len = pending.len();
            if self.eof && len == 0 {
                return Ok(None);
            }
            let scan = tokenizer::scan(pending, self.delimiter, max_records);
            match (scan.records_end, scan.open_quote) {
                // Whole records first, whatever follows them.
                (Some(end), _) => return Ok(Some(self.take(end, None))),
                (_, None) if self.eof && len <= MAX_RECORD_BYTES => return Ok(Some(self.take(len, None))),
                (_, Some(quote)) if self.eof || len - quote > MAX_RECORD_BYTES => {
                    let line_end = memchr::memchr(b'\n', &pending[quote..]).map_or(len, |i| quote + i + 1);
                    if line_end <= MAX_RECORD_BYTES {
                        return Ok(Some(self.take(line_end, Some(Broken::UnclosedQuote))));
                    }
                    return self.too_long().map(Some);
                }
                _ if len > MAX_RECORD_BYTES => return self.too_long().map(Some),
                // No record ends in what was read: read on.
                _ => want = (len * 2).max(want),
            }
        }
    }

    /// Skips the record that starts the bytes pending, longer than [`MAX_RECORD_BYTES`], up
    /// to the end of its first line.
    fn too_long(&mut self) -> io::Result<Chunk> {
        let first_line = self.line;
        self.skip_line()?;
        Ok(Chunk {
            bytes: Vec::new(),
            first_line,
            broken: Some(Broken::TooLong),
        })
    }

    /// Hands out the next `len` bytes read (a copy: the chunk goes to another thread).
    fn take(&mut self, len: usize, broken: Option<Broken>) -> Chunk {
        let bytes = self.pending()[..len].to_vec();
        self.start += len;
        let first_line = self.line;
        self.line += memchr::memchr_iter(b'\n', &bytes).count();
        Chunk {
            bytes,
            first_line,
            broken,
        }
    }

    /// Reads until `want` bytes are pending or the input ends; the bytes handed out are
    /// dropped first.
    fn fill(&mut self, want: usize) -> io::Result<()> {
        if self.start > 0 {
            self.carry.copy_within(self.start..self.filled, 0);
            self.filled -= self.start;
            self.unchecked = self.unchecked.saturating_sub(self.start);
            self.start = 0;
        }
        if self.carry.len() < want {
            self.carry.resize(want, 0);
        }
        while !self.eof && self.filled < want {
            match self.input.read(&mut self.carry[self.filled..want]) {
                Ok(0) => self.eof = true,
                Ok(n) => self.filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        self.unchecked = lone_cr_to_lf(&mut self.carry[..self.filled], self.unchecked, self.eof);
        Ok(())
    }
}

/// Makes every carriage return of `bytes[from..]` not followed by a line feed a line feed;
/// returns where to look next time: the last byte, when it is a CR that more bytes may follow
/// (unless `eof`), else the end.
fn lone_cr_to_lf(bytes: &mut [u8], from: usize, eof: bool) -> usize {
    let mut at = from;
    while let Some(i) = memchr::memchr(b'\r', &bytes[at..]) {
        let cr = at + i;
        match bytes.get(cr + 1) {
            Some(b'\n') => {}
            Some(_) => bytes[cr] = b'\n',
            None if eof => bytes[cr] = b'\n',
            None => return cr,
        }
        at = cr + 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::demande::csv::tests::Trickle;

    /// Every chunk of `file` as `(text, first line, broken)`.
    fn chunks(file: &[u8], size: usize) -> Vec<(String, usize, Option<Broken>)> {
        let mut chunks = Chunks::new(file);
        std::iter::from_fn(|| chunks.next_chunk(size).unwrap())
            .map(|c| (String::from_utf8(c.bytes).unwrap(), c.first_line, c.broken))
            .collect()
    }

    #[test]
    fn chunks_end_after_whole_records() {
        let file = b"a;b\nc;\"d\ne\"\r\nf;\"g\"\"\nh\"\n\"i\";j";
        // The whole records, then the last line, which has no line end.
        assert_eq!(
            chunks(file, 1000),
            [
                (String::from_utf8(file[..23].to_vec()).unwrap(), 1, None),
                ("\"i\";j".to_owned(), 6, None)
            ]
        );
        let one_by_one: Vec<(String, usize)> = chunks(file, 1).into_iter().map(|(t, l, _)| (t, l)).collect();
        assert_eq!(
            one_by_one,
            [
                ("a;b\n".to_owned(), 1),
                ("c;\"d\ne\"\r\n".to_owned(), 2),
                ("f;\"g\"\"\nh\"\n".to_owned(), 4),
                ("\"i\";j".to_owned(), 6)
            ]
        );
    }

    #[test]
    fn a_quote_never_closed_breaks_its_line_only() {
        let file = b"a;b\nc;\"d\ne;f\ng\n";
        assert_eq!(
            chunks(file, 1000),
            [
                ("a;b\n".to_owned(), 1, None),
                ("c;\"d\n".to_owned(), 2, Some(Broken::UnclosedQuote)),
                ("e;f\ng\n".to_owned(), 3, None)
            ]
        );
    }

    #[test]
    fn a_quote_open_too_long_is_not_waited_for() {
        let mut file = b"x;\"y\n".to_vec();
        file.extend(b"z;z\n".repeat(MAX_RECORD_BYTES / 4 + 10));
        let mut chunks = Chunks::new(&file[..]);
        let first = chunks.next_chunk(1 << 10).unwrap().unwrap();
        assert_eq!(
            (&first.bytes[..], first.broken),
            (&b"x;\"y\n"[..], Some(Broken::UnclosedQuote))
        );
        assert_eq!(chunks.next_chunk(1 << 10).unwrap().unwrap().first_line, 2);
    }

    #[test]
    fn a_record_too_long_is_skipped_to_its_line_end() {
        for line in [
            vec![b'x'; 3 * MAX_RECORD_BYTES],
            [&b"\""[..], &vec![b'y'; 3 * MAX_RECORD_BYTES]].concat(),
        ] {
            let file = [&b"a\n"[..], &line, b"\nb\n"].concat();
            let got: Vec<(usize, Option<Broken>, usize)> = {
                let mut chunks = Chunks::new(&file[..]);
                std::iter::from_fn(|| chunks.next_chunk(1 << 10).unwrap())
                    .map(|c| (c.first_line, c.broken, c.bytes.len()))
                    .collect()
            };
            assert_eq!(got, [(1, None, 2), (2, Some(Broken::TooLong), 0), (3, None, 2)]);
        }
    }

    #[test]
    fn the_first_record_alone_and_lines_peeked() {
        let mut chunks = Chunks::new(&b"sep=;\r\n\"a\nb\";c\nd\ne"[..]);
        assert_eq!(chunks.peek_line().unwrap(), Some(&b"sep=;"[..]));
        chunks.skip_line().unwrap();
        let header = chunks.next_record().unwrap().unwrap();
        assert_eq!((&header.bytes[..], header.first_line), (&b"\"a\nb\";c\n"[..], 2));
        let rest = chunks.next_chunk(100).unwrap().unwrap();
        assert_eq!((&rest.bytes[..], rest.first_line), (&b"d\n"[..], 4));
        assert_eq!(chunks.next_chunk(100).unwrap().unwrap().bytes, b"e");
        assert!(chunks.peek_line().unwrap().is_none());
    }

    #[test]
    fn a_chunk_holds_a_bounded_number_of_records() {
        let file = b"x\n".repeat(2 * MAX_CHUNK_RECORDS + 1);
        let sizes: Vec<usize> = chunks(&file, 1 << 20).iter().map(|c| c.0.len()).collect();
        assert_eq!(sizes, [2 * MAX_CHUNK_RECORDS, 2 * MAX_CHUNK_RECORDS, 2]);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_however_the_input_is_cut() {
        for (input, want) in [
            (&b"a\rb\r\nc\n\rd\r"[..], &b"a\nb\r\nc\n\nd\n"[..]),
            (b"\r\r\n\r", b"\n\r\n\n"),
            (b"\"x\ry\"\r", b"\"x\ny\"\n"),
            (b"x", b"x"),
        ] {
            for step in [1, 2, 3, 64] {
                for size in [1, 2, 5, 1000] {
                    let mut chunks = Chunks::new(Trickle(input, step));
                    let text: Vec<u8> = std::iter::from_fn(|| chunks.next_chunk(size).unwrap())
                        .flat_map(|c| c.bytes)
                        .collect();
                    assert_eq!(text, want, "{input:?} by {step}, chunks of {size}");
                }
            }
        }
    }

    #[test]
    fn a_line_skipped_ends_at_a_lone_carriage_return() {
        // A 3 MiB record ended by a CR, read in pieces of every size around the CR: the
        // next line is kept.
        let file = [&vec![b'x'; 3 * MAX_RECORD_BYTES][..], b"\rnext\r"].concat();
        for step in [4096, 65535, 65536, 65537, 3 * MAX_RECORD_BYTES + 1] {
            let mut chunks = Chunks::new(Trickle(&file, step));
            let got: Vec<(usize, Option<Broken>, Vec<u8>)> = std::iter::from_fn(|| chunks.next_chunk(1 << 10).unwrap())
                .map(|c| (c.first_line, c.broken, c.bytes))
                .collect();
            assert_eq!(
                got,
                [(1, Some(Broken::TooLong), vec![]), (2, None, b"next\n".to_vec())],
                "{step}"
            );
        }
    }

    #[test]
    fn an_empty_input_has_no_chunk() {
        assert!(chunks(b"", 10).is_empty());
    }
}
