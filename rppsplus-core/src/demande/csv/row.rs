//! What a cell of a collection file means: one data row read into the [`Fields`] of a
//! demande, each cell in the field its column names (`../table.rs`), its text decoded from
//! UTF-8 or Windows-1252; an object is given when one of its cells is.

use std::borrow::Cow;

use super::super::messages::{Label, Msg, count};
use super::super::report::{Path, Report};
use super::super::table::Columns;
use super::super::{Keyed, Options, validate_fields};
use super::tokenizer::Record;

/// The single-byte encoding a collection file that is not UTF-8 is read in: Windows-1252,
/// the default of a French Excel's « CSV (séparateur : point-virgule) », or Mac Roman when
/// its lines end with CR alone (Excel for Mac's « CSV Macintosh »: read as Windows-1252,
/// its `é` would be `Ž`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Legacy {
    Windows1252,
    MacRoman,
}

/// The characters of Windows-1252 bytes 0x80–0x9F (the rest of the high half is Latin-1).
const CP1252_80: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// The characters of Mac Roman bytes 0x80–0xFF.
const MAC_ROMAN_80: [char; 128] = [
    'Ä', 'Å', 'Ç', 'É', 'Ñ', 'Ö', 'Ü', 'á', 'à', 'â', 'ä', 'ã', 'å', 'ç', 'é', 'è', 'ê', 'ë', 'í', 'ì', 'î', 'ï', 'ñ',
    'ó', 'ò', 'ô', 'ö', 'õ', 'ú', 'ù', 'û', 'ü', '†', '°', '¢', '£', '§', '•', '¶', 'ß', '®', '©', '™', '´', '¨', '≠',
    'Æ', 'Ø', '∞', '±', '≤', '≥', '¥', 'µ', '∂', '∑', '∏', 'π', '∫', 'ª', 'º', 'Ω', 'æ', 'ø', '¿', '¡', '¬', '√', 'ƒ',
    '≈', '∆', '«', '»', '…', '\u{a0}', 'À', 'Ã', 'Õ', 'Œ', 'œ', '–', '—', '“', '”', '‘', '’', '÷', '◊', 'ÿ', 'Ÿ', '⁄',
    '€', '‹', '›', 'ﬁ', 'ﬂ', '‡', '·', '‚', '„', '‰', 'Â', 'Ê', 'Á', 'Ë', 'È', 'Í', 'Î', 'Ï', 'Ì', 'Ó', 'Ô',
    '\u{f8ff}', 'Ò', 'Ú', 'Û', 'Ù', 'ı', 'ˆ', '˜', '¯', '˘', '˙', '˚', '¸', '˝', '˛', 'ˇ',
];

impl Legacy {
    /// The encoding of a file whose lines end with CR alone (`mac`), or not.
    pub(super) fn of_line_ends(mac: bool) -> Self {
        if mac { Self::MacRoman } else { Self::Windows1252 }
    }

    /// Decodes bytes of this encoding.
    fn decode(self, bytes: &[u8]) -> String {
        bytes
            .iter()
            .map(|&b| match (self, b) {
                (_, 0..0x80) => char::from(b),
                (Self::Windows1252, 0x80..=0x9F) => CP1252_80[usize::from(b - 0x80)],
                (Self::Windows1252, _) => char::from(b),
                (Self::MacRoman, _) => MAC_ROMAN_80[usize::from(b - 0x80)],
            })
            .collect()
    }

    /// How the `encoding_converted` notice names the encoding, in French and English.
    pub(super) fn names(self) -> (&'static str, &'static str) {
        match self {
            Self::Windows1252 => ("Windows-1252 (export Excel)", "Windows-1252 (an Excel export)"),
            Self::MacRoman => (
                "Mac Roman (export Excel pour Mac)",
                "Mac Roman (an Excel for Mac export)",
            ),
        }
    }
}

/// The text of a cell: UTF-8 until a cell is not, then the file's legacy `encoding` for every
/// cell from there on (`legacy` is set; the encoding is the file's, not the cell's).
pub(super) fn text<'a>(bytes: &'a [u8], encoding: Legacy, legacy: &mut bool) -> Cow<'a, str> {
    if !*legacy {
        match std::str::from_utf8(bytes) {
            Ok(s) => return Cow::Borrowed(s),
            Err(_) => *legacy = true,
        }
    }
    if bytes.is_ascii() {
        Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default())
    } else {
        Cow::Owned(encoding.decode(bytes))
    }
}

/// The report of one data record, given the file's encoding state when it starts; also the
/// state after it. Pure: chunks of rows are validated on several threads.
pub(super) fn validate_record(
    columns: &Columns,
    encoding: Legacy,
    options: &Options,
    record: Record<'_>,
    line: usize,
    mut legacy: bool,
) -> (Report, bool) {
    // A UTF-8 record is checked once; its cells are slices of it (delimiters are ASCII).
    let whole = if legacy {
        None
    } else {
        std::str::from_utf8(record.bytes).ok()
    };
    let (fields, unnamed_value) = columns.fields(record.fields.len(), |i| {
        let range = record.fields[i].clone();
        Some(match whole {
            // A cell may end inside a character that the next one completes: not UTF-8 alone.
            Some(all) if all.is_char_boundary(range.start) && all.is_char_boundary(range.end) => {
                Cow::Borrowed(all[range].trim_ascii())
            }
            _ => text(record.bytes[range].trim_ascii(), encoding, &mut legacy),
        })
    });
    let mut report = validate_fields(&fields, options, Keyed::Yes);
    let cells = record.fields.len();
    let line = line.to_string();
    if cells < columns.named() {
        let expected = columns.named().to_string();
        let (fr, en) = count(cells, "cellule", "cell");
        report.push(Msg::CellCount.labelled(
            Path::ROOT,
            &Label::file(),
            &[&line, &fr, &expected],
            &[&line, &en, &expected],
        ));
    }
    if let Some(i) = unnamed_value {
        let column = (i + 1).to_string();
        report.push(Msg::UnnamedColumnValue.labelled(Path::ROOT, &Label::file(), &[&line, &column], &[&line, &column]));
    }
    (report, legacy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_and_mac_roman_bytes_are_decoded() {
        assert_eq!(Legacy::Windows1252.decode(b"Val\xe9rie \x8c"), "Valérie Œ");
        assert_eq!(
            Legacy::MacRoman.decode(b"Val\x8erie \xce \x8d\xca\xf0"),
            "Valérie Œ ç\u{a0}\u{f8ff}"
        );
    }
}
