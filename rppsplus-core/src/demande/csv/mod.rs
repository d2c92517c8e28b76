//! Bulk input: the CSV collection files HR teams fill before keying demandes into the
//! portal (docs/domain.md §4.6), read as what Excel wrote means. Streaming: the file is read
//! in chunks of whole records, validated one after the other or on several threads; memory
//! does not grow with the file.
//!
//! Four layers, each knowing only its own concern:
//! - `source.rs`: the bytes — a UTF-8 BOM dropped, UTF-16 (Excel's « Texte Unicode »)
//!   decoded, a lone CR (Excel for Mac) read as a line end, a file that is no text refused;
//! - `tokenizer.rs`: the CSV state machine — where records end, what their fields are;
//! - `chunks.rs` and this module: the reading — chunks, line and record numbers, threads,
//!   limits ([`MAX_RECORD_BYTES`], [`MAX_FINDINGS`](super::MAX_FINDINGS)), the header (a
//!   `sep=;` line, the delimiter `;`, `,` or tab sniffed, the columns: `../table.rs`),
//!   the findings about the file itself, in order;
//! - `row.rs`: what a cell means — text decoded from UTF-8, or else Windows-1252 (a French
//!   Excel export) or Mac Roman (a Mac's, whose lines end with CR alone), with an
//!   `encoding_converted` notice naming it; read into the same fields as JSON input, so that
//!   the rules and messages are those of JSON input.

mod cells;
mod chunks;
mod row;
mod source;
mod tokenizer;

use std::collections::{BTreeMap, VecDeque};
use std::io::{self, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

pub use cells::{CsvCells, CsvRow, csv_cells};
pub use chunks::MAX_RECORD_BYTES;
use chunks::{Broken, Chunk, Chunks};
use row::Legacy;
use source::{Sniffed, Source};

use super::Options;
use super::duplicates::Duplicates;
use super::messages::{Label, Msg};
use super::report::{Finding, Path, Report};
use super::table::Columns;

/// Bytes per chunk: the unit of work handed to a thread.
const CHUNK: usize = 1 << 20;
/// Bytes per chunk when reading one item at a time (less read ahead of the caller).
const SERIAL_CHUNK: usize = 64 << 10;

/// One item of a collection file, in file order ([`csv_reports`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvItem {
    /// Findings about the file itself, not about a demande: its encoding, its columns (an
    /// unknown or repeated one), a limit reached, a file that is empty or no text. The
    /// header's come first, before any demande; a later one comes where it was found (the
    /// notice of a file that is not UTF-8, before the first demande that needed decoding).
    /// Each finding is
    /// given once.
    File(Report),
    /// A demande, one per row that is not blank.
    Demande {
        /// The physical line where its row starts (the header is line 1, or line 2 after a
        /// `sep=;` line).
        line: usize,
        /// Its record number: its row in a spreadsheet after the header, from 1 (blank rows
        /// count, a cell's line breaks do not).
        record: usize,
        /// Its report.
        report: Report,
    },
}

impl CsvItem {
    /// The report: the file's findings, or the demande's.
    pub fn report(&self) -> &Report {
        match self {
            Self::File(report) | Self::Demande { report, .. } => report,
        }
    }

    /// The line where the demande starts; `None` for the findings about the file.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::File(_) => None,
            Self::Demande { line, .. } => Some(*line),
        }
    }

    /// The record number of the demande; `None` for the findings about the file.
    pub fn record(&self) -> Option<usize> {
        match self {
            Self::File(_) => None,
            Self::Demande { record, .. } => Some(*record),
        }
    }
}

/// The items of a CSV collection file ([`CsvItem`]): the findings about the file itself,
/// and a report per demande with its line and record number. The same person or RPPS
/// number as an earlier row is `duplicate` ([`Duplicates`]). The file is read in chunks of
/// whole records: memory holds a chunk, and the keys of the rows read ([`Duplicates`]),
/// never the rows; a record longer than [`MAX_RECORD_BYTES`] is skipped and reported, and a
/// report keeps at most [`MAX_FINDINGS`](super::MAX_FINDINGS) findings.
///
/// ```
/// use rppsplus_core::demande::{CsvItem, Options, csv_reports};
/// let file = "procedure;rpps;situation.id;situation.date_fin_fonction;confirmations.cgu_acceptees;confirmations.rencontre_en_personne;remarque\r\n\
///             fermeture_situation;10107985318;S1;2026-01-31;oui;oui;\r\n\
///             fermeture_situation;10107985319;S2;;oui;oui;\r\n\
///             \r\n\
///             fermeture_situation;10107985318;S3;31/1/2026;VRAI;VRAI;à rappeler\r\n";
/// let items: Vec<CsvItem> = csv_reports(file.as_bytes(), Options::default()).collect::<Result<_, _>>()?;
/// // The unknown column is the file's, not a demande's.
/// let CsvItem::File(columns) = &items[0] else { panic!() };
/// assert_eq!(columns.findings()[0].code, "invalid_csv");
/// let demandes: Vec<(usize, usize, Vec<&str>)> = items[1..]
///     .iter()
///     .map(|item| match item {
///         CsvItem::Demande { line, record, report } => {
///             (*line, *record, report.findings().iter().map(|f| f.code.as_str()).collect())
///         }
///         CsvItem::File(_) => panic!("one item about the file"),
///     })
///     .collect();
/// assert_eq!(
///     demandes,
///     [
///         (2, 1, vec![]),
///         (3, 2, vec!["invalid_checksum", "required"]),
///         // Line 4 is a blank row; line 5 closes another situation of line 2's person.
///         (5, 4, vec!["duplicate"]),
///     ]
/// );
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn csv_reports<R: Read>(input: R, options: Options) -> CsvReports<R> {
    CsvReports {
        state: State::Start(input),
        options,
        order: InOrder::default(),
        ready: VecDeque::new(),
    }
}

enum State<R> {
    Start(R),
    Rows(Box<(Layout, Chunks<Source<R>>)>),
    Done,
}

/// What the header and the start of the file tell about the data rows.
struct Layout {
    columns: Columns,
    delimiter: u8,
    encoding: Legacy,
}

/// The report of one data record: its line, its position among the chunk's records (from
/// 0), and whether the file is known not to be UTF-8 after it.
struct RowReport {
    line: usize,
    record: usize,
    report: Report,
    legacy_after: bool,
}

/// The reports of a chunk's records, and how many records it has (blank ones included).
struct ChunkReports {
    rows: Vec<RowReport>,
    records: usize,
}

/// What is known of the file as read so far, in file order: its encoding, its records, and
/// the keys of its demandes for the duplicates.
struct InOrder {
    /// The encoding of the file if it is not UTF-8.
    encoding: Legacy,
    /// Whether the file turned out not to be UTF-8 (a cell that is not).
    legacy: bool,
    /// Whether the `encoding_converted` notice was given.
    notice_given: bool,
    /// The records read before the current chunk.
    records: usize,
    /// The keys of the rows so far.
    duplicates: Duplicates,
}

impl Default for InOrder {
    fn default() -> Self {
        Self {
            encoding: Legacy::Windows1252,
            legacy: false,
            notice_given: false,
            records: 0,
            duplicates: Duplicates::by_line(),
        }
    }
}

impl InOrder {
    /// The `encoding_converted` notice, the first time the file is known to be
    /// not UTF-8.
    fn notice(&mut self) -> Option<Finding> {
        let (fr, en) = self.encoding.names();
        (self.legacy && !std::mem::replace(&mut self.notice_given, true))
            .then(|| Msg::EncodingConverted.labelled(Path::ROOT, &Label::file(), &[fr], &[en]))
    }

    /// The items of the next chunk, validated from the encoding state at its start, with
    /// their record numbers, duplicates and the encoding notice; the state moves on to its
    /// end.
    fn settle(&mut self, chunk: ChunkReports, items: &mut Vec<CsvItem>) {
        for row in chunk.rows {
            let RowReport {
                line,
                record,
                mut report,
                legacy_after,
            } = row;
            self.legacy = legacy_after;
            if let Some(notice) = self.notice() {
                let mut file = Report::of_file();
                file.push(notice);
                items.push(CsvItem::File(file));
            }
            self.duplicates.check(line, &mut report);
            items.push(CsvItem::Demande {
                line,
                record: self.records + record + 1,
                report,
            });
        }
        self.records += chunk.records;
    }
}

/// The iterator of [`csv_reports`]: each [`CsvItem`], or the I/O error that stopped it.
pub struct CsvReports<R> {
    state: State<R>,
    options: Options,
    order: InOrder,
    /// Items read and not yet handed out.
    ready: VecDeque<CsvItem>,
}

impl<R: Read> CsvReports<R> {
    /// Reads the start of the file and its header; the findings about the file go to
    /// `ready`. Leaves the state `Done` when there are no rows to read (an empty file, no
    /// text, a header too long).
    fn start(&mut self, input: R) -> io::Result<()> {
        let (mut chunks, encoding) = open(input)?;
        let mut file = Report::of_file();
        let layout = match encoding {
            None => {
                file.push(Msg::NotText.labelled(Path::ROOT, &Label::file(), &[], &[]));
                None
            }
            Some(encoding) => {
                self.order.encoding = encoding;
                match read_header(&mut chunks, encoding, &mut self.order.legacy, &mut file)? {
                    Some(names) => Some(Layout {
                        columns: Columns::read(&names, &mut file),
                        delimiter: chunks.delimiter,
                        encoding,
                    }),
                    None => None,
                }
            }
        };
        if let Some(notice) = self.order.notice() {
            file.push(notice);
        }
        if !file.findings().is_empty() {
            self.ready.push_back(CsvItem::File(file));
        }
        if let Some(layout) = layout {
            self.state = State::Rows(Box::new((layout, chunks)));
        }
        Ok(())
    }
}

/// The chunks of a collection file, and the encoding of its bytes when they are not UTF-8
/// (`None`: the file is no text).
fn open<R: Read>(input: R) -> io::Result<(Chunks<Source<R>>, Option<Legacy>)> {
    let (source, sniffed) = Source::open(input)?;
    let encoding = match sniffed {
        Sniffed::Binary => None,
        Sniffed::Bytes { cr_only } => Some(Legacy::of_line_ends(cr_only)),
        Sniffed::Utf16 { .. } => Some(Legacy::Windows1252),
    };
    Ok((Chunks::new(source), encoding))
}

/// The names of the header (after blank lines and a `sep=` line), the delimiter set on
/// `chunks`; `None` when there is no header to read (its findings go to `file`). `legacy`
/// turns true when a name is not UTF-8.
fn read_header<R: Read>(
    chunks: &mut Chunks<Source<R>>,
    encoding: Legacy,
    legacy: &mut bool,
    file: &mut Report,
) -> io::Result<Option<Vec<String>>> {
    let label = Label::file();
    let message = |msg: Msg, args: &[&str]| msg.labelled(Path::ROOT, &label, args, args);
    let mut delimiter = None;
    loop {
        let Some(line) = chunks.peek_line()? else {
            file.push(message(Msg::EmptyFile, &[]));
            return Ok(None);
        };
        if let Some(d) = sep_line(line) {
            delimiter = Some(d);
        } else if !line.trim_ascii().is_empty() {
            chunks.delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(line));
            break;
        }
        chunks.skip_line()?;
    }
    let Some(header) = chunks.next_record()? else {
        file.push(message(Msg::EmptyFile, &[]));
        return Ok(None);
    };
    let line = header.first_line.to_string();
    match header.broken {
        Some(Broken::TooLong) => {
            file.push(message(Msg::RecordTooLong, &[&line, &MAX_RECORD_BYTES.to_string()]));
            return Ok(None);
        }
        // Read whole in a chunk that ended past it: too long all the same.
        _ if header.bytes.len() > MAX_RECORD_BYTES => {
            file.push(message(Msg::RecordTooLong, &[&line, &MAX_RECORD_BYTES.to_string()]));
            return Ok(None);
        }
        Some(Broken::UnclosedQuote) => file.push(message(Msg::UnclosedQuote, &[&line])),
        None => {}
    }
    let mut names = Vec::new();
    tokenizer::records(&header.bytes, chunks.delimiter, &mut |_, record| {
        names = (record.fields.iter())
            .map(|f| row::text(record.bytes[f.clone()].trim_ascii(), encoding, legacy).into_owned())
            .collect();
    });
    Ok(Some(names))
}

/// The delimiter of a `sep=;` line (Excel writes one and honours it), if `line` is one.
fn sep_line(line: &[u8]) -> Option<u8> {
    match line {
        [s, e, p, b'=', d, rest @ ..]
            if [s, e, p].map(u8::to_ascii_lowercase) == [b's', b'e', b'p'] && rest.iter().all(|b| b == d) =>
        {
            Some(*d)
        }
        _ => None,
    }
}

/// The delimiter of a file whose header is `line`: the most frequent of `;`, `,` and tab
/// (`;` on a tie: a French Excel's).
fn sniff_delimiter(line: &[u8]) -> u8 {
    let count = |d: u8| memchr::memchr_iter(d, line).count();
    [b';', b',', b'\t']
        .into_iter()
        .rev()
        .max_by_key(|&d| count(d))
        .unwrap_or(b';')
}

impl<R: Read + Send> CsvReports<R> {
    /// Validates the rest of the file on `threads` threads (chunks of whole records, read
    /// ahead of the validation; memory stays bounded), and calls `each` with the items in
    /// file order, batch after batch, on the calling thread. The items, their order, the
    /// line and record numbers and the findings about the file are those of the iterator.
    /// Stops at the first error, of reading or of `each`.
    ///
    /// ```
    /// use rppsplus_core::demande::{Options, csv_reports};
    /// let file = "procedure;rpps;situation.id;situation.date_fin_fonction;confirmations.cgu_acceptees\n\
    ///             fermeture_situation;10107985318;S1;2026-01-31;oui\n".repeat(3);
    /// let one_by_one: Vec<_> = csv_reports(file.as_bytes(), Options::default()).collect::<Result<_, _>>()?;
    /// let mut batched = Vec::new();
    /// csv_reports(file.as_bytes(), Options::default()).for_each_batch(2, |batch| {
    ///     batched.extend(batch);
    ///     Ok(())
    /// })?;
    /// assert_eq!(batched, one_by_one);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn for_each_batch<F>(self, threads: usize, each: F) -> io::Result<()>
    where
        F: FnMut(Vec<CsvItem>) -> io::Result<()>,
    {
        self.for_each_chunk(threads, CHUNK, each)
    }

    fn for_each_chunk<F>(mut self, threads: usize, size: usize, mut each: F) -> io::Result<()>
    where
        F: FnMut(Vec<CsvItem>) -> io::Result<()>,
    {
        if let State::Start(input) = std::mem::replace(&mut self.state, State::Done) {
            self.start(input)?;
        }
        if !self.ready.is_empty() {
            each(self.ready.drain(..).collect())?;
        }
        let State::Rows(rows) = std::mem::replace(&mut self.state, State::Done) else {
            return Ok(());
        };
        let (layout, mut chunks) = *rows;
        let (layout, options, mut order) = (&layout, &self.options, self.order);
        // Chunks are validated ahead from the encoding known when they are handed out; a
        // chunk validated as UTF-8 that turns out to follow the first cell that is not UTF-8 is
        // validated again, in order (once per file at most, for the chunks then in flight).
        let legacy_seen = AtomicBool::new(order.legacy);
        let threads = threads.max(1);
        std::thread::scope(|scope| {
            let (jobs, queue) = mpsc::sync_channel::<(usize, Chunk, bool)>(threads);
            let queue = Arc::new(Mutex::new(queue));
            let (results, done) = mpsc::sync_channel(threads * 2);
            let legacy_seen = &legacy_seen;
            let reader = scope.spawn(move || -> io::Result<()> {
                for seq in 0.. {
                    let Some(chunk) = chunks.next_chunk(size)? else { break };
                    if jobs.send((seq, chunk, legacy_seen.load(Ordering::Relaxed))).is_err() {
                        break;
                    }
                }
                Ok(())
            });
            for _ in 0..threads {
                let (queue, results) = (Arc::clone(&queue), results.clone());
                scope.spawn(move || {
                    loop {
                        let job = queue.lock().map_err(|_| ()).and_then(|q| q.recv().map_err(|_| ()));
                        let Ok((seq, chunk, legacy)) = job else { break };
                        let reports = validate_chunk(layout, options, &chunk, legacy);
                        if reports.rows.last().is_some_and(|row| row.legacy_after) {
                            legacy_seen.store(true, Ordering::Relaxed);
                        }
                        if results.send((seq, chunk, legacy, reports)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop((queue, results));
            let mut pending = BTreeMap::new();
            let mut next = 0;
            for (seq, chunk, legacy, reports) in done.iter() {
                pending.insert(seq, (chunk, legacy, reports));
                while let Some((chunk, legacy, reports)) = pending.remove(&next) {
                    next += 1;
                    let reports = if legacy == order.legacy {
                        reports
                    } else {
                        validate_chunk(layout, options, &chunk, order.legacy)
                    };
                    let mut items = Vec::with_capacity(reports.rows.len());
                    order.settle(reports, &mut items);
                    // Dropping `done` on an error stops the workers, then the reader.
                    each(items)?;
                }
            }
            reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }
}

/// The reports of the data records of `chunk`, with each record's line and position and
/// the encoding state after it, given the state at the chunk's start. Pure: chunks are
/// validated on several threads.
fn validate_chunk(layout: &Layout, options: &Options, chunk: &Chunk, mut legacy: bool) -> ChunkReports {
    let mut rows = Vec::new();
    let label = Label::file();
    let at_line = |msg: Msg, args: &[&str]| msg.labelled(Path::ROOT, &label, args, args);
    let line = chunk.first_line.to_string();
    if chunk.broken == Some(Broken::TooLong) {
        let mut report = Report::default();
        report.push(at_line(Msg::RecordTooLong, &[&line, &MAX_RECORD_BYTES.to_string()]));
        rows.push(RowReport {
            line: chunk.first_line,
            record: 0,
            report,
            legacy_after: legacy,
        });
        return ChunkReports { rows, records: 1 };
    }
    let mut records = 0;
    tokenizer::records(&chunk.bytes, layout.delimiter, &mut |lines_before, record| {
        records += 1;
        if !record.is_blank() {
            let line = chunk.first_line + lines_before;
            // A record longer than the limit is not read, wherever the chunks end.
            let (report, after) = if record.bytes.len() > MAX_RECORD_BYTES {
                let mut report = Report::default();
                report.push(at_line(
                    Msg::RecordTooLong,
                    &[&line.to_string(), &MAX_RECORD_BYTES.to_string()],
                ));
                (report, legacy)
            } else {
                row::validate_record(&layout.columns, layout.encoding, options, record, line, legacy)
            };
            legacy = after;
            rows.push(RowReport {
                line,
                record: records - 1,
                report,
                legacy_after: after,
            });
        }
    });
    if chunk.broken == Some(Broken::UnclosedQuote) {
        let finding = at_line(Msg::UnclosedQuote, &[&line]);
        match rows.first_mut() {
            Some(row) => row.report.push(finding),
            None => {
                let mut report = Report::default();
                report.push(finding);
                rows.push(RowReport {
                    line: chunk.first_line,
                    record: 0,
                    report,
                    legacy_after: legacy,
                });
                records = records.max(1);
            }
        }
    }
    ChunkReports { rows, records }
}

impl<R: Read> Iterator for CsvReports<R> {
    type Item = io::Result<CsvItem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(ready) = self.ready.pop_front() {
                return Some(Ok(ready));
            }
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Start(input) => {
                    if let Err(e) = self.start(input) {
                        return Some(Err(e));
                    }
                }
                State::Rows(mut rows) => match rows.1.next_chunk(SERIAL_CHUNK) {
                    Err(e) => return Some(Err(e)),
                    Ok(None) => {}
                    Ok(Some(chunk)) => {
                        let reports = validate_chunk(&rows.0, &self.options, &chunk, self.order.legacy);
                        let mut items = Vec::with_capacity(reports.rows.len());
                        self.order.settle(reports, &mut items);
                        self.ready.extend(items);
                        self.state = State::Rows(rows);
                    }
                },
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A reader that gives at most `step` bytes a call (the tests of how input is cut).
    pub(in crate::demande::csv) struct Trickle<'a>(
        pub(in crate::demande::csv) &'a [u8],
        pub(in crate::demande::csv) usize,
    );

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.1).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// Options of a draft: the confirmations are not required yet.
    fn draft() -> Options {
        Options {
            stage: super::super::Stage::Draft,
            ..Options::default()
        }
    }

    fn items(file: &[u8], options: Options) -> Vec<CsvItem> {
        csv_reports(file, options).map(Result::unwrap).collect()
    }

    /// The codes of each item: `(0, 0, codes)` for the file's, `(line, record, codes)` for a
    /// demande's.
    fn codes(items: &[CsvItem]) -> Vec<(usize, usize, Vec<&str>)> {
        let codes = |r: &Report| r.findings().iter().map(|f| f.code.as_str()).collect();
        items
            .iter()
            .map(|item| match item {
                CsvItem::File(r) => (0, 0, codes(r)),
                CsvItem::Demande { line, record, report } => (*line, *record, codes(report)),
            })
            .collect()
    }

    #[test]
    fn windows_1252_is_decoded_with_a_notice_about_the_file() {
        let file =
            b"procedure;etat_civil.nom_naissance\r\nprimo_enregistrement;LEON\r\nprimo_enregistrement;L\xc9ON\r\n";
        let all = items(&file[..], Options::default());
        let found = codes(&all);
        assert_eq!(found[0].0, 2);
        assert_eq!(found[1], (0, 0, vec!["encoding_converted"]));
        assert_eq!(found[2].0, 3);
        assert!(
            !found[2].2.contains(&"invalid_format"),
            "LÉON decodes to letters: {found:?}"
        );
        // Known from the header: the notice comes first.
        let header = b"procedure;Civilit\xe9\nprimo_enregistrement;MME\n";
        assert_eq!(
            codes(&items(&header[..], draft()))[0],
            (0, 0, vec!["encoding_converted"])
        );
    }

    /// Every item of `file` by the iterator, and by threads for several chunk sizes.
    fn same_items_however_cut(file: &[u8]) {
        let one_by_one = items(file, Options::default());
        for size in [1, 2, 3, 5, 17, 64, 200, 1000, 4096, CHUNK] {
            for threads in [1, 2, 3] {
                let mut batched = Vec::new();
                csv_reports(file, Options::default())
                    .for_each_chunk(threads, size, |batch| {
                        batched.extend(batch);
                        Ok(())
                    })
                    .unwrap();
                assert_eq!(batched, one_by_one, "chunks of {size} bytes on {threads} threads");
            }
        }
    }

    #[test]
    fn a_macs_file_is_read_in_mac_roman() {
        // Excel for Mac's « CSV Macintosh »: CR line ends, é as 0x8E.
        let file = b"procedure;etat_civil.nom_naissance\rprimo_enregistrement;L\x8eON\r";
        let found = items(&file[..], draft());
        let CsvItem::File(notice) = &found[0] else {
            panic!("{found:?}")
        };
        assert_eq!(
            notice.findings()[0].message,
            "Le fichier : pas en UTF-8, lu en Mac Roman (export Excel pour Mac) ; vérifiez les accents, ou enregistrez-le en UTF-8."
        );
        let CsvItem::Demande { report, .. } = &found[1] else {
            panic!("{found:?}")
        };
        assert!(!report.has_finding_at("etat_civil.nom_naissance"), "{report:?}");
    }

    #[test]
    fn chunks_and_threads_change_nothing() {
        same_items_however_cut(include_bytes!("../../../../examples/data/demandes.csv"));
        let utf8 = "procedure;etat_civil.nom_naissance;situation.id\r\nfermeture_situation;ÉLODIE;\"A\r\n\"\"B\"\"\"\r\n\r\nx;;\n"
            .repeat(40);
        same_items_however_cut(utf8.as_bytes());
        // Windows-1252 from the 30th row on: chunks validated ahead as UTF-8 are redone.
        let mut mixed = utf8.into_bytes();
        mixed.extend_from_slice(&b"fermeture_situation;L\xc9ON;S\n".repeat(30));
        mixed.extend_from_slice(b"fermeture_situation;\xc3\xa9;S\n");
        same_items_however_cut(&mixed);
        // Mac line ends, a long record and a quote never closed.
        let mut mac = b"procedure;situation.id\rx;\"a\r\rb\"\r\r".repeat(30);
        mac.extend_from_slice(
            &[
                b"x;".as_slice(),
                &vec![b'y'; MAX_RECORD_BYTES + 1],
                b"\rx;\"open\rx;z\r",
            ]
            .concat(),
        );
        same_items_however_cut(&mac);
    }

    #[test]
    fn a_quote_never_closed_is_reported_and_the_rest_is_read() {
        let file = "procedure;rpps;situation.id;situation.date_fin_fonction\n\
                    fermeture_situation;10107985318;\"S1;2026-01-31\n\
                    fermeture_situation;10107985326;S2;2026-01-31\n\
                    fermeture_situation;10107985334;S3;2026-01-31\n";
        let found = items(file.as_bytes(), draft());
        let valid: Vec<(usize, bool)> = found
            .iter()
            .map(|item| match item {
                CsvItem::Demande { line, report, .. } => (*line, report.is_valid()),
                CsvItem::File(_) => panic!("{item:?}"),
            })
            .collect();
        assert_eq!(valid, [(2, false), (3, true), (4, true)]);
        let CsvItem::Demande { report, .. } = &found[0] else {
            unreachable!()
        };
        let broken = report.findings().iter().map(|f| f.message_en.as_str());
        assert!(
            broken
                .clone()
                .any(|m| m.starts_with("The file: at line 2, a quote is never closed")),
            "{:?}",
            broken.collect::<Vec<_>>()
        );
        same_items_however_cut(file.as_bytes());
    }

    #[test]
    fn a_record_too_long_is_reported_and_skipped() {
        let file = [
            &b"procedure;situation.id\nfermeture_situation;"[..],
            &vec![b'x'; MAX_RECORD_BYTES + 10],
            b"\nfermeture_situation;S\n",
        ]
        .concat();
        let all = items(&file, draft());
        let found = codes(&all);
        assert_eq!(found[0], (2, 1, vec!["invalid_csv"]));
        assert_eq!((found[1].0, found[1].1), (3, 2));
        // The header itself: the file has no rows to read.
        let header = [vec![b'a'; MAX_RECORD_BYTES + 10], b"\nx\n".to_vec()].concat();
        assert_eq!(codes(&items(&header, draft())), [(0, 0, vec!["invalid_csv"])]);
    }

    #[test]
    fn a_cell_ending_inside_a_character_is_not_utf8() {
        // The record's bytes together are UTF-8 (E9 80 80 is U+9000); its cells are not.
        let file = b"procedure;etat_civil.nom_naissance;etat_civil.nom_usage\nx;L\xe9;\x80\x80ON\n";
        let all = items(&file[..], Options::default());
        assert_eq!(codes(&all)[0], (0, 0, vec!["encoding_converted"]));
    }

    #[test]
    fn lines_and_records_whatever_the_line_ends() {
        for eol in ["\n", "\r\n", "\r"] {
            let file = ["procedure", "x", "y", "zz", "", "w"].join(eol);
            let at: Vec<(usize, usize)> = codes(&items(file.as_bytes(), Options::default()))
                .into_iter()
                .map(|(line, record, _)| (line, record))
                .collect();
            assert_eq!(at, [(2, 1), (3, 2), (4, 3), (6, 5)], "{eol:?}");
            let file = [
                "procedure;situation.id",
                "fermeture_situation;\"A",
                "B\"",
                ";",
                "fermeture_situation;C",
                "",
                "",
                "x;D",
            ]
            .join(eol);
            let at: Vec<(usize, usize)> = codes(&items(file.as_bytes(), Options::default()))
                .into_iter()
                .map(|(line, record, _)| (line, record))
                .collect();
            assert_eq!(at, [(2, 1), (5, 3), (8, 6)], "{eol:?}");
        }
    }

    #[test]
    fn the_columns_are_the_files_and_cell_counts_the_rows() {
        let file =
            "procedure,rpps,colonne_inconnue\nfermeture_situation,10107985318\n\"fermeture_situation\",10107985318,x\n";
        let all = items(file.as_bytes(), Options::default());
        let found = codes(&all);
        assert_eq!(found[0], (0, 0, vec!["invalid_csv"]));
        assert!(found[1].2.contains(&"invalid_csv"));
        assert!(!found[2].2.contains(&"invalid_csv"));
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn excels_extra_delimiters_and_unnamed_columns() {
        let file =
            "procedure;situation.id;;\nfermeture_situation;S;;\nfermeture_situation;S\nfermeture_situation;S;;;x\n";
        let all = items(file.as_bytes(), draft());
        let found = codes(&all);
        let invalid_csv: Vec<bool> = found.iter().map(|(.., c)| c.contains(&"invalid_csv")).collect();
        assert_eq!(invalid_csv, [false, false, true]);
    }

    #[test]
    fn a_repeated_column_is_reported_and_the_first_kept() {
        let file = "procedure;rpps;RPPS;situation.id;situation.date_fin_fonction\n\
                    fermeture_situation;10107985318;10107985319;S1;2026-01-31\n";
        let found = items(file.as_bytes(), draft());
        let CsvItem::File(columns) = &found[0] else {
            panic!("{found:?}")
        };
        assert_eq!(
            columns.findings()[0].message_en,
            "The file: column 3 of the header, 'RPPS', names the same field as column 2 and is ignored; remove one of the two columns."
        );
        let CsvItem::Demande { report, .. } = &found[1] else {
            panic!("{found:?}")
        };
        assert!(report.is_valid(), "{:?}", report.findings());
    }

    #[test]
    fn empty_blank_and_header_only_files() {
        for file in [&b""[..], b"\n\n", b"sep=;\r\n"] {
            assert_eq!(
                codes(&items(file, Options::default())),
                [(0, 0, vec!["invalid_csv"])],
                "{file:?}"
            );
        }
        assert!(items(&b"\xEF\xBB\xBFprocedure\n"[..], Options::default()).is_empty());
        // Blank lines before the header, then a sep line.
        let file = b"\r\nsep=,\r\nprocedure,situation.id\r\nfermeture_situation,S\r\n";
        assert_eq!(
            codes(&items(&file[..], draft())),
            [(4, 1, vec!["required", "required"])]
        );
    }

    #[test]
    fn a_file_that_is_no_text_is_one_finding() {
        let found = items(
            &b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"[..],
            Options::default(),
        );
        let CsvItem::File(report) = &found[0] else {
            panic!("{found:?}")
        };
        assert_eq!(found.len(), 1);
        assert!(
            report.findings()[0].message.contains("pas un fichier texte"),
            "{report:?}"
        );
    }

    #[test]
    fn separators_sniffed_or_given() {
        assert_eq!(sniff_delimiter(b"a\tb\tc;d"), b'\t');
        assert_eq!(sniff_delimiter(b"a,b;c"), b';');
        assert_eq!(sniff_delimiter(b"a,b,c;d"), b',');
        assert_eq!(sniff_delimiter(b"procedure"), b';');
        assert_eq!(sep_line(b"sep=;"), Some(b';'));
        assert_eq!(sep_line(b"SEP=,,,"), Some(b','));
        assert_eq!(sep_line(b"sep=\t"), Some(b'\t'));
        assert_eq!(sep_line(b"sep=;,"), None);
        assert_eq!(sep_line(b"separateur"), None);
    }

    #[test]
    fn blank_cells_are_absent() {
        let file = "procedure;rpps;etat_civil.nom_naissance;situation.id;situation.date_fin_fonction\n\
                    fermeture_situation ; 10107985318 ;   ; S1 ; 2026-01-31 \n";
        assert_eq!(codes(&items(file.as_bytes(), draft())), [(2, 1, vec![])]);
    }

    #[test]
    fn spreadsheet_dates_are_read_in_csv_only() {
        let file = "procedure;rpps;situation.id;situation.date_fin_fonction\n\
                    fermeture_situation;10107985318;S1;31/01/2026\n\
                    fermeture_situation;10107985326;S2;1/2/2026 00:00\n";
        assert_eq!(
            codes(&items(file.as_bytes(), draft())),
            [(2, 1, vec![]), (3, 2, vec![])]
        );
        let json = br#"{"procedure": "fermeture_situation", "rpps": "10107985318", "situation": {"id": "S1", "date_fin_fonction": "31/01/2026"}}"#;
        assert_eq!(
            super::super::validate_json(json, &Options::default()).findings()[0].code,
            "invalid_format"
        );
    }

    #[test]
    fn prenoms_in_columns_of_their_own() {
        let file = "procedure;Prénom;Deuxième prénom;Troisième prénom\n\
                    primo_enregistrement;Jean;;Marie\n";
        let found = items(file.as_bytes(), draft());
        let CsvItem::Demande { report, .. } = &found[0] else {
            panic!("{found:?}")
        };
        // The empty second prénom is reported at its place, the third is read.
        let paths: Vec<&str> = report
            .findings()
            .iter()
            .filter(|f| f.path.as_str().starts_with("etat_civil.prenoms"))
            .map(|f| f.path.as_str())
            .collect();
        assert_eq!(paths, ["etat_civil.prenoms[1]"]);
    }
}
