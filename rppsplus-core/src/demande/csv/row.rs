//! One data row of a collection file, read as a [`Node`] by the demande reader: cells by
//! column, objects by the dotted paths of the header, text decoded from UTF-8 or
//! Windows-1252.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use super::super::messages::finding;
use super::super::reader::{Node, OBJECT, STRING, TypeName};
use super::super::report::{Report, Severity};
use super::super::{Options, validate_node};
use super::COLUMNS;

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

/// The objects of a demande, with the range of [`COLUMNS`] under each (a test checks it).
const OBJECTS: &[(&str, std::ops::Range<usize>)] = &[
    ("", 0..28),
    ("etat_civil", 3..13),
    ("contact", 13..15),
    ("situation", 15..26),
    ("situation.structure", 18..20),
    ("confirmations", 26..28),
];

/// A place in one CSV row, for the reader: an object (the demande, `etat_civil`,
/// `situation.structure`…, as an index in [`OBJECTS`]) or a cell's text.
#[derive(Clone, Copy)]
enum CsvNode<'a> {
    /// The known columns' cells (by position in [`COLUMNS`]; `None` when empty), and the object.
    Object(&'a [Option<Cow<'a, str>>], usize),
    /// The text of a cell, or of one prénom of the prénoms cell.
    Cell(&'a str),
}

/// `column` without `prefix.` (`column` itself at the top), if it is under `prefix`.
fn under<'c>(column: &'c str, prefix: &str) -> Option<&'c str> {
    if prefix.is_empty() {
        Some(column)
    } else {
        column.strip_prefix(prefix)?.strip_prefix('.')
    }
}

/// What a key of an object designates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Member {
    /// A column (position in [`COLUMNS`]).
    Column(usize),
    /// A nested object (position in [`OBJECTS`]).
    Object(usize),
}

/// Per object of [`OBJECTS`], its direct members by key: the reader's lookups without
/// path strings per row.
static MEMBERS: LazyLock<Vec<Vec<(&'static str, Member)>>> = LazyLock::new(|| {
    // The object holding `path` directly, and the key of `path` in it.
    let parent = |path: &'static str| {
        OBJECTS
            .iter()
            .enumerate()
            .filter(|(_, (prefix, _))| *prefix != path)
            .find_map(|(o, (prefix, _))| {
                under(path, prefix)
                    .filter(|rest| !rest.contains('.'))
                    .map(|rest| (o, rest))
            })
    };
    let mut members = vec![Vec::new(); OBJECTS.len()];
    for (i, column) in COLUMNS.iter().enumerate() {
        if let Some((o, key)) = parent(column) {
            members[o].push((key, Member::Column(i)));
        }
    }
    for (i, (prefix, _)) in OBJECTS.iter().enumerate() {
        if let Some((o, key)) = parent(prefix) {
            members[o].push((key, Member::Object(i)));
        }
    }
    members
});

impl<'a> Node<'a> for CsvNode<'a> {
    fn member(self, key: &str) -> Option<Self> {
        let Self::Object(cells, object) = self else { return None };
        let (_, member) = MEMBERS[object]
            .iter()
            .find(|(k, _)| k.len() == key.len() && k.as_bytes().first() == key.as_bytes().first() && *k == key)?;
        match *member {
            Member::Column(i) => cells[i].as_deref().map(Self::Cell),
            // A nested object: present when one of its columns has a cell.
            Member::Object(o) => OBJECTS[o]
                .1
                .clone()
                .any(|i| cells[i].is_some())
                .then_some(Self::Object(cells, o)),
        }
    }

    fn text(self) -> Result<&'a str, TypeName> {
        match self {
            Self::Cell(s) => Ok(s),
            Self::Object(..) => Err(OBJECT),
        }
    }

    const FRENCH_DATES: bool = true;

    /// `true`/`false`, `oui`/`non`, `1`/`0`, any case.
    fn boolean(self) -> Result<bool, TypeName> {
        let s = self.text()?.trim();
        ["true", "oui", "1"]
            .iter()
            .any(|t| s.eq_ignore_ascii_case(t))
            .then_some(true)
            .or_else(|| {
                ["false", "non", "0"]
                    .iter()
                    .any(|f| s.eq_ignore_ascii_case(f))
                    .then_some(false)
            })
            .ok_or(STRING)
    }

    /// Unknown columns are reported once, from the header.
    fn object(self, _known: &[&str], _unknown: &mut dyn FnMut(&str)) -> Result<(), TypeName> {
        match self {
            Self::Object(..) => Ok(()),
            Self::Cell(_) => Err(STRING),
        }
    }

    /// The prénoms cell holds the prénoms separated by `,`.
    fn items(self) -> Result<Vec<Self>, TypeName> {
        match self {
            Self::Cell(s) => Ok(s.split(',').map(|p| Self::Cell(p.trim())).collect()),
            Self::Object(..) => Err(OBJECT),
        }
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
    columns: &[Option<usize>],
    options: &Options,
    record: Record<'_>,
    line: usize,
    mut cp1252: bool,
) -> (Report, bool) {
    let mut cells: [Option<Cow<'_, str>>; COLUMNS.len()] = [const { None }; COLUMNS.len()];
    // A UTF-8 record is checked once; its cells are slices of it (delimiters are ASCII).
    let whole = if cp1252 {
        None
    } else {
        std::str::from_utf8(record.bytes).ok()
    };
    for (column, range) in columns.iter().zip(record.fields) {
        let (Some(i), range) = (column, range.clone()) else {
            continue;
        };
        let text = match whole {
            // A cell may end inside a character that the next one completes: not UTF-8 alone.
            Some(all) if all.is_char_boundary(range.start) && all.is_char_boundary(range.end) => {
                Cow::Borrowed(all[range].trim_ascii())
            }
            _ => text(record.bytes[range].trim_ascii(), &mut cp1252),
        };
        if !text.is_empty() {
            cells[*i] = Some(text);
        }
    }
    let mut report = validate_node(CsvNode::Object(&cells, 0), options);
    let cells = record.fields.len();
    if cells != columns.len() {
        report.push(finding(
            "",
            "invalid_csv",
            Severity::Error,
            format!("ligne {line} : {cells} cellules au lieu de {}", columns.len()),
            format!("line {line}: {cells} cells instead of {}", columns.len()),
        ));
    }
    (report, cp1252)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_of_each_object() {
        let keys = |o: usize| MEMBERS[o].iter().map(|(k, _)| *k).collect::<Vec<_>>();
        assert_eq!(
            keys(0),
            [
                "procedure",
                "numero",
                "rpps",
                "etat_civil",
                "contact",
                "situation",
                "confirmations"
            ]
        );
        assert_eq!(keys(4), ["finess", "siret"]);
        assert!(MEMBERS[3].contains(&("structure", Member::Object(4))));
        assert!(MEMBERS[3].contains(&("profession", Member::Column(20))));
        assert_eq!(
            MEMBERS.iter().map(Vec::len).sum::<usize>(),
            COLUMNS.len() + OBJECTS.len() - 1
        );
    }

    #[test]
    fn objects_cover_their_columns() {
        for (prefix, range) in OBJECTS {
            let under_prefix: Vec<usize> = (0..COLUMNS.len())
                .filter(|&i| under(COLUMNS[i], prefix).is_some())
                .collect();
            assert_eq!(under_prefix, range.clone().collect::<Vec<_>>(), "{prefix}");
        }
    }

    #[test]
    fn windows_1252_bytes_are_decoded() {
        assert_eq!(cp1252(b"Val\xe9rie \x8c"), "Valérie Œ");
    }
}
