//! Bulk input: the CSV collection files HR teams fill before keying demandes into the
//! portal (SPEC.md §4). Streaming: one record in memory at a time.
//!
//! The header names the JSON paths flattened with `.`; `;` or `,` is sniffed from the
//! header; UTF-8 (with or without BOM) or Windows-1252 (a French Excel export, decoded
//! with an `encoding_converted` notice); CRLF; quoted fields; cells trimmed; an empty
//! cell is an absent value; `etat_civil.prenoms` holds the prénoms separated by `,`;
//! booleans read `true`/`false`, `oui`/`non`, `1`/`0`; dates `YYYY-MM-DD` or `JJ/MM/AAAA`.
//! Each row is read by the same reader as JSON input (a row is a [`Node`]), so the rules
//! and messages are those of JSON input.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::LazyLock;

use super::messages::finding;
use super::reader::{Node, OBJECT, STRING, TypeName};
use super::report::{Report, Severity};
use super::{Options, validate_node};

/// Every column a collection file may have.
pub const COLUMNS: &[&str] = &[
    "procedure",
    "numero",
    "rpps",
    "etat_civil.civilite",
    "etat_civil.sexe",
    "etat_civil.nom_naissance",
    "etat_civil.nom_usage",
    "etat_civil.prenoms",
    "etat_civil.date_naissance",
    "etat_civil.pays_naissance",
    "etat_civil.commune_naissance",
    "etat_civil.lieu_naissance",
    "etat_civil.source",
    "contact.email",
    "contact.telephone_mobile",
    "situation.id",
    "situation.nom_exercice",
    "situation.prenom_exercice",
    "situation.structure.finess",
    "situation.structure.siret",
    "situation.profession",
    "situation.role",
    "situation.mode_exercice",
    "situation.date_prise_fonction",
    "situation.date_fin_fonction",
    "situation.motif_fin",
    "confirmations.cgu_acceptees",
    "confirmations.rencontre_en_personne",
];

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
fn text<'a>(bytes: &'a [u8], cp1252_file: &mut bool) -> Cow<'a, str> {
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
            .find(|(k, _)| k.len() == key.len() && *k == key)?;
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

    /// `JJ/MM/AAAA`, as a French spreadsheet writes dates, is read as `YYYY-MM-DD`.
    fn date_text(self) -> Result<Cow<'a, str>, TypeName> {
        let s = self.text()?;
        let b = s.as_bytes();
        if b.len() == 10 && b[2] == b'/' && b[5] == b'/' {
            return Ok(Cow::Owned(format!("{}-{}-{}", &s[6..10], &s[3..5], &s[..2])));
        }
        Ok(Cow::Borrowed(s))
    }

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

/// The reports of a CSV collection file, one per data row, with the line number of the
/// row (the header is line 1). Unknown columns come as a report for line 1, first; the
/// Windows-1252 notice (`encoding_converted`, a warning, given once) is in the report of the
/// first line that needed decoding (line 1 when the header did).
///
/// ```
/// use rppsplus_core::demande::{Options, csv_reports};
/// let file = "procedure;rpps;situation.id;situation.date_fin_fonction\r\n\
///             fermeture_situation;10107985318;S1;2026-01-31\r\n\
///             fermeture_situation;10107985319;S2;\r\n";
/// let reports: Vec<_> = csv_reports(file.as_bytes(), Options::default()).collect::<Result<_, _>>()?;
/// assert_eq!(reports.len(), 2);
/// assert!(reports[0].1.is_valid());
/// assert_eq!(reports[1].0, 3); // line 3
/// let codes: Vec<&str> = reports[1].1.findings().iter().map(|f| f.code).collect();
/// assert_eq!(codes, ["invalid_checksum", "required"]);
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn csv_reports<R: Read>(input: R, options: Options) -> CsvReports<R> {
    CsvReports {
        state: State::Start(Some(input)),
        options,
        columns: Vec::new(),
        cp1252: false,
        notice_given: false,
        pool: Vec::new(),
    }
}

/// A reader that notes the byte offsets of the line feeds it passes on, so that a record's
/// line number can be told from its byte offset (the csv crate's own line numbers are off
/// after CRLF and blank lines). Only the offsets not yet claimed are kept: memory stays
/// bounded by the csv crate's read-ahead.
struct Lines<R> {
    inner: R,
    offset: u64,
    feeds: VecDeque<u64>,
    /// Line feeds already claimed.
    passed: usize,
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let offset = self.offset;
        self.feeds
            .extend(memchr::memchr_iter(b'\n', &buf[..n]).map(|i| offset + i as u64));
        self.offset += n as u64;
        Ok(n)
    }
}

impl<R> Lines<R> {
    /// The line (1-based) of a record whose parsing started at byte `start` (the csv crate
    /// starts a record right after the previous terminator's first byte): the line feeds
    /// up to `start + 1`, and those of blank lines following them, come before it.
    fn line_of(&mut self, start: u64) -> usize {
        let mut limit = start + 1;
        while let Some(feed) = self.feeds.front().copied().filter(|&f| f <= limit) {
            self.feeds.pop_front();
            self.passed += 1;
            limit = limit.max(feed + 2);
        }
        self.passed + 1
    }
}

type Source<R> = Lines<io::Chain<io::Cursor<Vec<u8>>, BufReader<R>>>;

enum State<R: Read> {
    Start(Option<R>),
    Rows(Box<csv::Reader<Source<R>>>),
    Done,
}

/// The iterator of [`csv_reports`]: `(line, report)` or the I/O error that stopped it.
pub struct CsvReports<R: Read> {
    state: State<R>,
    options: Options,
    /// The column of each field: its position in [`COLUMNS`], or `None` for an unknown column.
    columns: Vec<Option<usize>>,
    /// Whether the file turned out to be Windows-1252 (a cell that is not UTF-8).
    cp1252: bool,
    /// Whether the `encoding_converted` notice was given.
    notice_given: bool,
    /// Record buffers for [`CsvReports::next_batch`].
    pool: Vec<csv::ByteRecord>,
}

impl<R: Read> CsvReports<R> {
    /// Adds the `encoding_converted` notice to `report` the first time the file is known
    /// to be Windows-1252.
    fn notice(&mut self, report: &mut Report) {
        if self.cp1252 && !self.notice_given {
            self.notice_given = true;
            report.push(encoding_notice());
        }
    }

    /// Reads and checks the header; returns the header's report if it has findings (unknown
    /// columns, the encoding notice, or an empty file).
    fn start(&mut self, input: R) -> io::Result<Option<(usize, Report)>> {
        let mut input = BufReader::new(input);
        let mut first = Vec::new();
        input.read_until(b'\n', &mut first)?;
        let header = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&first).to_vec();
        let delimiter =
            if header.iter().filter(|&&b| b == b';').count() >= header.iter().filter(|&&b| b == b',').count() {
                b';'
            } else {
                b','
            };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(Lines {
                inner: io::Cursor::new(header).chain(input),
                offset: 0,
                feeds: VecDeque::new(),
                passed: 0,
            });
        let mut record = csv::ByteRecord::new();
        let mut report = Report::default();
        if !reader.read_byte_record(&mut record).map_err(io::Error::other)? {
            report.push(finding(
                "",
                "invalid_csv",
                Severity::Error,
                "fichier vide : la première ligne doit nommer les colonnes".into(),
                "empty file: the first line must name the columns".into(),
            ));
        } else {
            for (i, name) in record.iter().enumerate() {
                let name = text(name.trim_ascii(), &mut self.cp1252);
                let column = COLUMNS.iter().position(|c| *c == name.as_ref());
                if column.is_none() {
                    let shown: String = name.chars().take(80).collect();
                    report.push(finding(
                        "",
                        "invalid_csv",
                        Severity::Error,
                        format!("ligne 1, colonne {} : colonne inconnue « {shown} » (ignorée)", i + 1),
                        format!("line 1, column {}: unknown column '{shown}' (ignored)", i + 1),
                    ));
                }
                self.columns.push(column);
            }
        }
        self.notice(&mut report);
        self.state = State::Rows(Box::new(reader));
        Ok((!report.findings().is_empty()).then_some((1, report)))
    }

    /// Reads the next non-blank data record into `record`; its line, or `None` at the end.
    fn read_row(&mut self, record: &mut csv::ByteRecord) -> io::Result<Option<usize>> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Rows(mut reader) => {
                    let read = reader.read_byte_record(record).map_err(io::Error::other);
                    let line = record.position().map(|p| reader.get_mut().line_of(p.byte()));
                    self.state = State::Rows(reader);
                    match read? {
                        false => return Ok(None),
                        true if record.iter().all(|cell| cell.trim_ascii().is_empty()) => {}
                        true => return Ok(Some(line.unwrap_or(0))),
                    }
                }
                other => {
                    self.state = other;
                    return Ok(None);
                }
            }
        }
    }

    /// Up to `max` reports (the header's first, if it has findings), the data rows being
    /// validated on `threads` threads; an empty batch at the end of the file. The order, the
    /// line numbers and the encoding notice are those of the iterator.
    ///
    /// ```
    /// use rppsplus_core::demande::{Options, csv_reports};
    /// let file = "procedure;rpps;situation.id;situation.date_fin_fonction\n\
    ///             fermeture_situation;10107985318;S1;2026-01-31\n".repeat(3);
    /// let one_by_one: Vec<_> = csv_reports(file.as_bytes(), Options::default()).collect::<Result<_, _>>()?;
    /// let mut reports = csv_reports(file.as_bytes(), Options::default());
    /// let mut batched = Vec::new();
    /// loop {
    ///     let batch = reports.next_batch(2, 2)?;
    ///     if batch.is_empty() { break }
    ///     batched.extend(batch);
    /// }
    /// assert_eq!(batched, one_by_one);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn next_batch(&mut self, max: usize, threads: usize) -> io::Result<Vec<(usize, Report)>> {
        if matches!(self.state, State::Start(_)) {
            return self.next().transpose().map(|header| header.into_iter().collect());
        }
        // Records are reused from batch to batch (no allocation per row once warm).
        let mut rows: Vec<(usize, csv::ByteRecord, bool)> = Vec::with_capacity(max.max(1));
        let mut cp1252 = self.cp1252;
        while rows.len() < max.max(1) {
            let mut record = self.pool.pop().unwrap_or_default();
            let Some(line) = self.read_row(&mut record)? else {
                self.pool.push(record);
                break;
            };
            let start = cp1252;
            cp1252 = cp1252
                || (!record.as_slice().is_ascii()
                    && self.known_cells(&record).any(|cell| std::str::from_utf8(cell).is_err()));
            rows.push((line, record, start));
        }
        let (columns, options) = (&self.columns, &self.options);
        let validate = |chunk: &[(usize, csv::ByteRecord, bool)]| -> Vec<(usize, Report, bool)> {
            chunk
                .iter()
                .map(|(line, record, cp1252)| {
                    let (report, after) = validate_record(columns, options, record, *line, *cp1252);
                    (*line, report, after)
                })
                .collect()
        };
        let size = rows.len().div_ceil(threads.max(1)).max(1);
        let done: Vec<(usize, Report, bool)> = std::thread::scope(|scope| {
            let workers: Vec<_> = rows
                .chunks(size)
                .map(|chunk| scope.spawn(move || validate(chunk)))
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                .collect()
        });
        self.pool.extend(rows.into_iter().map(|(_, record, _)| record));
        Ok(done
            .into_iter()
            .map(|(line, mut report, after)| {
                self.cp1252 = after;
                self.notice(&mut report);
                (line, report)
            })
            .collect())
    }

    /// The cells of the known columns of `record`, not empty.
    fn known_cells<'r>(&'r self, record: &'r csv::ByteRecord) -> impl Iterator<Item = &'r [u8]> {
        record
            .iter()
            .zip(&self.columns)
            .filter(|(c, col)| col.is_some() && !c.trim_ascii().is_empty())
            .map(|(c, _)| c)
    }
}

/// The report of one data record, given the file's encoding state when it starts; also the
/// state after it. Pure: rows are validated on several threads by
/// [`CsvReports::next_batch`].
fn validate_record(
    columns: &[Option<usize>],
    options: &Options,
    record: &csv::ByteRecord,
    line: usize,
    mut cp1252: bool,
) -> (Report, bool) {
    let mut cells: Vec<Option<Cow<'_, str>>> = vec![None; COLUMNS.len()];
    // A UTF-8 record is checked once; its cells are slices of it (delimiters are ASCII).
    let whole = if cp1252 {
        None
    } else {
        std::str::from_utf8(record.as_slice()).ok()
    };
    for (k, (cell, column)) in record.iter().zip(columns).enumerate() {
        let Some(i) = column else { continue };
        let text = match (whole, record.range(k)) {
            (Some(all), Some(range)) => Cow::Borrowed(all[range].trim_ascii()),
            _ => text(cell.trim_ascii(), &mut cp1252),
        };
        if !text.is_empty() {
            cells[*i] = Some(text);
        }
    }
    let mut report = validate_node(CsvNode::Object(&cells, 0), options);
    if record.len() != columns.len() {
        report.push(finding(
            "",
            "invalid_csv",
            Severity::Error,
            format!("ligne {line} : {} cellules au lieu de {}", record.len(), columns.len()),
            format!("line {line}: {} cells instead of {}", record.len(), columns.len()),
        ));
    }
    (report, cp1252)
}

/// The notice of a file decoded from Windows-1252.
fn encoding_notice() -> super::Finding {
    finding(
        "",
        "encoding_converted",
        Severity::Warning,
        "le fichier n'est pas en UTF-8 : il a été lu en Windows-1252 (export Excel)".into(),
        "the file is not UTF-8: it was read as Windows-1252 (an Excel export)".into(),
    )
}

impl<R: Read> Iterator for CsvReports<R> {
    type Item = io::Result<(usize, Report)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Start(input) => match self.start(input?) {
                    Err(e) => return Some(Err(e)),
                    Ok(Some(header)) => return Some(Ok(header)),
                    Ok(None) => {}
                },
                state @ State::Rows(..) => {
                    self.state = state;
                    let mut record = csv::ByteRecord::new();
                    let line = match self.read_row(&mut record) {
                        Err(e) => return Some(Err(e)),
                        Ok(None) => return None,
                        Ok(Some(line)) => line,
                    };
                    let (mut report, after) = validate_record(&self.columns, &self.options, &record, line, self.cp1252);
                    self.cp1252 = after;
                    self.notice(&mut report);
                    return Some(Ok((line, report)));
                }
            }
        }
    }
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
    fn windows_1252_is_decoded_with_a_notice() {
        assert_eq!(cp1252(b"Val\xe9rie \x8c"), "Valérie Œ");
        let file = b"procedure;etat_civil.nom_naissance\r\nprimo_enregistrement;L\xc9ON\r\n";
        let reports: Vec<_> = csv_reports(&file[..], Options::default()).map(Result::unwrap).collect();
        let codes: Vec<&str> = reports[0].1.findings().iter().map(|f| f.code).collect();
        assert!(codes.contains(&"encoding_converted"), "{codes:?}");
        assert!(!codes.contains(&"invalid_format"), "LÉON decodes to letters: {codes:?}");
    }

    #[test]
    fn structure_errors_do_not_stop_the_file() {
        let file =
            "procedure,rpps,colonne_inconnue\nfermeture_situation,10107985318\n\"fermeture_situation\",10107985318,x\n";
        let reports: Vec<_> = csv_reports(file.as_bytes(), Options::default())
            .map(Result::unwrap)
            .collect();
        assert_eq!(reports.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(reports[0].1.findings()[0].code, "invalid_csv");
        assert!(reports[1].1.findings().iter().any(|f| f.code == "invalid_csv"));
        assert!(!reports[2].1.findings().iter().any(|f| f.code == "invalid_csv"));
    }

    #[test]
    fn line_numbers_with_crlf_blank_lines_and_quoted_newlines() {
        for eol in ["\n", "\r\n"] {
            let file = [
                "procedure;situation.id",
                "fermeture_situation;\"A",
                "B\"",
                "",
                "fermeture_situation;C",
                "",
                "",
                "x;D",
            ]
            .join(eol);
            let lines: Vec<usize> = csv_reports(file.as_bytes(), Options::default())
                .map(|r| r.unwrap().0)
                .collect();
            assert_eq!(lines, [2, 5, 8], "{eol:?}");
        }
    }

    #[test]
    fn empty_and_header_only_files() {
        let empty: Vec<_> = csv_reports(&b""[..], Options::default()).map(Result::unwrap).collect();
        assert_eq!(empty.len(), 1);
        assert_eq!((empty[0].0, empty[0].1.findings()[0].code), (1, "invalid_csv"));
        assert_eq!(
            csv_reports(&b"\xEF\xBB\xBFprocedure\n"[..], Options::default()).count(),
            0
        );
    }

    #[test]
    fn blank_cells_are_absent() {
        let file = "procedure;rpps;etat_civil.nom_naissance;situation.id;situation.date_fin_fonction\n\
                    fermeture_situation ; 10107985318 ;   ; S1 ; 2026-01-31 \n";
        let reports: Vec<_> = csv_reports(file.as_bytes(), Options::default())
            .map(Result::unwrap)
            .collect();
        assert!(reports[0].1.is_valid(), "{:?}", reports[0].1.findings());
    }

    #[test]
    fn french_dates_are_read_in_csv_only() {
        let file =
            "procedure;rpps;situation.id;situation.date_fin_fonction\nfermeture_situation;10107985318;S1;31/01/2026\n";
        let reports: Vec<_> = csv_reports(file.as_bytes(), Options::default())
            .map(Result::unwrap)
            .collect();
        assert!(reports[0].1.is_valid(), "{:?}", reports[0].1.findings());
        let json = br#"{"procedure": "fermeture_situation", "rpps": "10107985318", "situation": {"id": "S1", "date_fin_fonction": "31/01/2026"}}"#;
        assert_eq!(
            super::super::validate_json(json, &Options::default()).findings()[0].code,
            "invalid_format"
        );
    }
}
