//! One data row of a collection file, read into the fields of a demande by its columns
//! (`table.rs`), the text of its cells decoded from UTF-8 or Windows-1252.

use std::borrow::Cow;
use std::ops::Range;

use super::super::messages::{Label, Msg, count};
use super::super::report::{Path, Report};
use super::super::table::Columns;
use super::super::{Keyed, Options, validate_fields};

/// The characters of Windows-1252 bytes 0x80–0x9F (the rest of the high half is Latin-1).
const CP1252_80: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Decodes Windows-1252 bytes.
fn cp1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_80[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// The text of a cell: UTF-8 until a cell is not, then Windows-1252 for every cell of the
/// file from there on (`cp1252` is set; the encoding is the file's, not the cell's).
pub(super) fn text<'a>(bytes: &'a [u8], cp1252_file: &mut bool) -> Cow<'a, str> {
    if !*cp1252_file {
        match std::str::from_utf8(bytes) {
            Ok(s) => return Cow::Borrowed(s),
            Err(_) => *cp1252_file = true,
        }
    }
    if bytes.is_ascii() {
        Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default())
    } else {
        Cow::Owned(cp1252(bytes))
    }
}

/// One record of the file: bytes, and the range of each field in them.
#[derive(Clone, Copy)]
pub(super) struct Record<'r> {
    pub(super) bytes: &'r [u8],
    pub(super) fields: &'r [Range<usize>],
}

impl Record<'_> {
    /// Whether every field is blank (a blank line of the spreadsheet: no demande).
    pub(super) fn is_blank(self) -> bool {
        self.fields
            .iter()
            .all(|f| self.bytes[f.clone()].trim_ascii().is_empty())
    }
}

/// The report of one data record, given the file's encoding state when it starts; also the
/// state after it. Pure: chunks of rows are validated on several threads.
pub(super) fn validate_record(
    columns: &Columns,
    options: &Options,
    record: Record<'_>,
    line: usize,
    mut cp1252: bool,
) -> (Report, bool) {
    // A UTF-8 record is checked once; its cells are slices of it (delimiters are ASCII).
    let whole = if cp1252 {
        None
    } else {
        std::str::from_utf8(record.bytes).ok()
    };
    let fields = columns.fields(|i| {
        let range = record.fields.get(i)?.clone();
        Some(match whole {
            // A cell may end inside a character that the next one completes: not UTF-8 alone.
            Some(all) if all.is_char_boundary(range.start) && all.is_char_boundary(range.end) => {
                Cow::Borrowed(&all[range])
            }
            _ => text(record.bytes[range].trim_ascii(), &mut cp1252),
        })
    });
    let mut report = validate_fields(&fields, options, Keyed::Yes);
    let cells = record.fields.len();
    if cells != columns.len() {
        let (line, expected) = (line.to_string(), columns.len().to_string());
        let (fr, en) = count(cells, "cellule", "cell");
        report.push(Msg::CellCount.labelled(
            Path::ROOT,
            &Label::file(),
            &[&line, &fr, &expected],
            &[&line, &en, &expected],
        ));
    }
    (report, cp1252)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_bytes_are_decoded() {
        assert_eq!(cp1252(b"Val\xe9rie \x8c"), "Valérie Œ");
    }
}
