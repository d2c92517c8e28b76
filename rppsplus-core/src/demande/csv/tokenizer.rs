//! The CSV state machine: where records end and what their fields are, in bytes whose lines
//! end with LF or CRLF (`source.rs` made them so). It knows nothing of files, chunks, threads
//! or findings: the reader (`chunks.rs`, `mod.rs`) drives it, and what a cell means is read
//! above it (`row.rs`).
//!
//! The quoting is the csv crate's: a `"` opens a quoted field only at the start of a field
//! (elsewhere it is text: `O"Brien`), `""` in a quoted field is one `"`, and a quoted field
//! may hold delimiters and line feeds. A CR right before a record's LF is part of the line
//! end. Every line that starts a record is a record, an empty one included: a blank row of
//! a spreadsheet counts as a row.

use std::ops::Range;

/// Where a field stands.
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
#[derive(Debug, PartialEq)]
pub(super) struct Scan {
    /// The length of the leading whole records (up to and with the line feed that ends the
    /// last of them, or the last asked for); `None` when no record ends.
    pub(super) records_end: Option<usize>,
    /// Where the quoted field still open at the end started, if one is.
    pub(super) open_quote: Option<usize>,
}

/// Where the records of `bytes` end, following the quoting from the start of a record: after
/// the last whole record, or after the `max_records`-th.
pub(super) fn scan(bytes: &[u8], delimiter: u8, max_records: usize) -> Scan {
    // Without a quote up to it, every line feed ends a record: only the bytes up to the
    // end found are looked at for a quote.
    let plain_end = memchr::memchr_iter(b'\n', bytes)
        .nth(max_records.saturating_sub(1))
        .or_else(|| memchr::memrchr(b'\n', bytes))
        .map(|i| i + 1);
    if memchr::memchr(b'"', &bytes[..plain_end.unwrap_or(bytes.len())]).is_none() {
        return Scan {
            records_end: plain_end,
            open_quote: None,
        };
    }
    let mut state = Quoting::FieldStart;
    let (mut records_end, mut open_quote, mut records) = (None, None, 0);
    for (i, &b) in bytes.iter().enumerate() {
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
                records += 1;
                if records == max_records {
                    break;
                }
                Quoting::FieldStart
            }
            (_, b) if b == delimiter => Quoting::FieldStart,
            _ => Quoting::Unquoted,
        };
    }
    Scan {
        records_end,
        open_quote: open_quote.filter(|_| state == Quoting::Quoted),
    }
}

/// One record: its bytes, and the range of each field in them.
#[derive(Clone, Copy)]
pub(super) struct Record<'r> {
    pub(super) bytes: &'r [u8],
    pub(super) fields: &'r [Range<usize>],
}

impl Record<'_> {
    /// Whether every field is blank (a blank row of a spreadsheet: no demande).
    pub(super) fn is_blank(self) -> bool {
        self.fields
            .iter()
            .all(|f| self.bytes[f.clone()].trim_ascii().is_empty())
    }
}

/// What is done with each record, given how many lines of the bytes come before it.
pub(super) type EachRecord<'e> = dyn FnMut(usize, Record<'_>) + 'e;

/// Every record of `bytes` (whole records; the last may lack its line feed), empty lines
/// included, in order: `each(lines_before, record)`.
pub(super) fn records(bytes: &[u8], delimiter: u8, each: &mut EachRecord<'_>) {
    if memchr::memchr(b'"', bytes).is_none() {
        plain_records(bytes, delimiter, each);
    } else {
        quoted_records(bytes, delimiter, each);
    }
}

/// The records of bytes without a quote: one per line, fields split at the delimiter.
fn plain_records(bytes: &[u8], delimiter: u8, each: &mut EachRecord<'_>) {
    let mut fields = Vec::new();
    let mut start = 0;
    for (n, end) in memchr::memchr_iter(b'\n', bytes).map(Some).chain([None]).enumerate() {
        let end = match end {
            Some(end) => end,
            // The last line, when the bytes do not end with a line feed.
            None if start < bytes.len() => bytes.len(),
            None => break,
        };
        let line = &bytes[start..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        start = end + 1;
        fields.clear();
        let mut from = 0;
        for at in memchr::memchr_iter(delimiter, line).chain(std::iter::once(line.len())) {
            fields.push(from..at);
            from = at + 1;
        }
        each(
            n,
            Record {
                bytes: line,
                fields: &fields,
            },
        );
    }
}

/// The records of any bytes, quotes followed: a quoted field's text is written out without
/// its quotes, `""` as one `"`.
fn quoted_records(bytes: &[u8], delimiter: u8, each: &mut EachRecord<'_>) {
    let mut text = Vec::new();
    let mut fields = Vec::new();
    let mut field_start = 0;
    let mut state = Quoting::FieldStart;
    // Lines before the current record, and before the current byte.
    let (mut record_line, mut line) = (0, 0);
    let mut in_record = false;
    for (i, &b) in bytes.iter().enumerate() {
        in_record = true;
        state = match (state, b) {
            (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
            (Quoting::Quoted, b) => {
                line += usize::from(b == b'\n');
                text.push(b);
                Quoting::Quoted
            }
            (Quoting::QuoteInQuoted, b'"') => {
                text.push(b'"');
                Quoting::Quoted
            }
            (Quoting::FieldStart, b'"') => Quoting::Quoted,
            (_, b'\n') => {
                emit(each, record_line, &text, &mut fields, field_start);
                text.clear();
                fields.clear();
                field_start = 0;
                line += 1;
                record_line = line;
                in_record = false;
                Quoting::FieldStart
            }
            // The CR of a CRLF.
            (state, b'\r') if bytes.get(i + 1) == Some(&b'\n') => state,
            (_, b) if b == delimiter => {
                fields.push(field_start..text.len());
                field_start = text.len();
                Quoting::FieldStart
            }
            (_, b) => {
                text.push(b);
                Quoting::Unquoted
            }
        };
    }
    if in_record {
        emit(each, record_line, &text, &mut fields, field_start);
    }
}

/// Ends the last field of a record of `text` (from `field_start`) and hands the record out.
fn emit(each: &mut EachRecord<'_>, line: usize, text: &[u8], fields: &mut Vec<Range<usize>>, field_start: usize) {
    fields.push(field_start..text.len());
    each(line, Record { bytes: text, fields });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(lines before, fields)` of each record of `bytes`.
    fn all(bytes: &[u8], read: fn(&[u8], u8, &mut EachRecord<'_>)) -> Vec<(usize, Vec<String>)> {
        let mut out = Vec::new();
        read(bytes, b';', &mut |line, r: Record<'_>| {
            let fields = r
                .fields
                .iter()
                .map(|f| String::from_utf8_lossy(&r.bytes[f.clone()]).into_owned());
            out.push((line, fields.collect()));
        });
        out
    }

    #[test]
    fn plain_lines_are_read_as_quoted_ones_are() {
        for file in [
            "a;b;c\nd;e\n\nf\n  \n;;\ng;h;i;j",
            "a;b\r\n\r\nc\r\n",
            "\n\na;b\n",
            "é;ü\n",
            "",
            "x",
        ] {
            assert_eq!(
                all(file.as_bytes(), plain_records),
                all(file.as_bytes(), quoted_records),
                "{file:?}"
            );
        }
        let lines: Vec<usize> = all(b"a\n\nb\r\n", plain_records).iter().map(|r| r.0).collect();
        assert_eq!(lines, [0, 1, 2]);
    }

    #[test]
    fn quoted_fields_hold_delimiters_quotes_and_line_feeds() {
        let file = b"a;\"b;\"\"c\"\"\r\nd\"\r\nO\"Brien;\"x\"y\n\"\"\n\"last";
        assert_eq!(
            all(file, quoted_records),
            [
                (0, vec!["a".to_owned(), "b;\"c\"\r\nd".to_owned()]),
                (2, vec!["O\"Brien".to_owned(), "xy".to_owned()]),
                (3, vec![String::new()]),
                (4, vec!["last".to_owned()]),
            ]
        );
    }

    #[test]
    fn records_end_outside_quotes() {
        let end = |b: &[u8], max| scan(b, b';', max).records_end;
        assert_eq!(end(b"O\"Brien;x\ny\"", 100), Some(10));
        assert_eq!(end(b"\"open\nstill open", 100), None);
        assert_eq!(end(b"x\"\ny", 100), Some(3));
        assert_eq!(end(b"a\nb\n", 1), Some(2));
        assert_eq!(end(b"a\nb\nc\n", 2), Some(4));
        assert_eq!(end(b"\"a\nb\";c\nd\n", 1), Some(8));
        assert_eq!(end(b"\"a\nb\";c\nd\n\"e\"\n", 2), Some(10));
        assert_eq!(end(b"\"a\nb\";c\nd\n", 100), Some(10));
        assert_eq!(scan(b"a\n;\"b\nc", b';', 100).open_quote, Some(3));
        assert_eq!(scan(b"a\n;\"b\"\nc", b';', 100).open_quote, None);
    }
}
