//! Bulk input: the CSV collection files HR teams fill before keying demandes into the
//! portal (docs/domain.md §4.6). Streaming: the file is read in chunks of whole records (`chunks.rs`),
//! validated one after the other or on several threads; memory does not grow with the file.
//!
//! The header names the JSON paths flattened with `.`; `;` or `,` is sniffed from the
//! header; UTF-8 (with or without BOM) or Windows-1252 (a French Excel export, decoded
//! with an `encoding_converted` notice); CRLF; quoted fields; cells trimmed; an empty
//! cell is an absent value; `etat_civil.prenoms` holds the prénoms separated by `,`;
//! booleans read `true`/`false`, `oui`/`non`, `1`/`0`; dates `YYYY-MM-DD` or `JJ/MM/AAAA`.
//! Each row is read into the same fields as JSON input (`row.rs`, `../table.rs`), so the
//! rules and messages are those of JSON input.

mod chunks;
mod row;

use std::collections::{BTreeMap, VecDeque};
use std::io::{self, BufRead, BufReader, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use chunks::{Chunk, Chunks};
use row::Record;

use super::Options;
use super::duplicates::Duplicates;
use super::messages::{Label, Msg};
use super::report::{Path, Report};
use super::table::Columns;

/// Bytes per chunk: the unit of work handed to a thread.
const CHUNK: usize = 1 << 20;
/// Bytes per chunk when reading one report at a time (less read ahead of the caller).
const SERIAL_CHUNK: usize = 64 << 10;

/// The reports of a CSV collection file, one per data row, with the line number of the
/// row (the header is line 1). Unknown columns come as a report for line 1, first; the
/// Windows-1252 notice (`encoding_converted`, a warning, given once) is in the report of the
/// first line that needed decoding (line 1 when the header did); the same person or RPPS
/// number as an earlier row is `duplicate` ([`Duplicates`]). The file is read in chunks of
/// whole records: memory holds a chunk, and the keys of the rows read ([`Duplicates`]),
/// never the rows.
///
/// ```
/// use rppsplus_core::demande::{Options, csv_reports};
/// let file = "procedure;rpps;situation.id;situation.date_fin_fonction;confirmations.cgu_acceptees;confirmations.rencontre_en_personne\r\n\
///             fermeture_situation;10107985318;S1;2026-01-31;oui;oui\r\n\
///             fermeture_situation;10107985319;S2;;oui;oui\r\n\
///             fermeture_situation;10107985318;S3;2026-01-31;oui;oui\r\n";
/// let reports: Vec<_> = csv_reports(file.as_bytes(), Options::default()).collect::<Result<_, _>>()?;
/// assert_eq!(reports.len(), 3);
/// assert!(reports[0].1.is_valid());
/// assert_eq!(reports[1].0, 3); // line 3
/// let codes: Vec<&str> = reports[1].1.findings().iter().map(|f| f.code.as_str()).collect();
/// assert_eq!(codes, ["invalid_checksum", "required"]);
/// // Line 4 closes another situation of the person of line 2: one demande per RPPS number.
/// assert_eq!(reports[2].1.findings()[0].code, "duplicate");
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn csv_reports<R: Read>(input: R, options: Options) -> CsvReports<R> {
    CsvReports {
        state: State::Start(input),
        options,
        encoding: InOrder::default(),
        ready: VecDeque::new(),
    }
}

enum State<R> {
    Start(R),
    Rows(Layout, Chunks<BufReader<R>>),
    Done,
}

/// What the header tells about the data rows.
struct Layout {
    /// The field of each column.
    columns: Columns,
    delimiter: u8,
}

/// What is known of the file as read so far, in file order: its encoding, and the keys of
/// its demandes for the duplicates.
struct InOrder {
    /// Whether the file turned out to be Windows-1252 (a cell that is not UTF-8).
    cp1252: bool,
    /// Whether the `encoding_converted` notice was given.
    notice_given: bool,
    /// The keys of the rows so far.
    duplicates: Duplicates,
}

impl Default for InOrder {
    fn default() -> Self {
        Self {
            cp1252: false,
            notice_given: false,
            duplicates: Duplicates::by_line(),
        }
    }
}

impl InOrder {
    /// Adds the `encoding_converted` notice to `report` the first time the file is known
    /// to be Windows-1252.
    fn notice(&mut self, report: &mut Report) {
        if self.cp1252 && !self.notice_given {
            self.notice_given = true;
            report.push(encoding_notice());
        }
    }

    /// The reports of the next chunk, validated from the encoding state at its start,
    /// with their duplicates; the state moves on to its end.
    fn settle(&mut self, rows: Vec<(usize, Report, bool)>) -> impl Iterator<Item = (usize, Report)> + '_ {
        rows.into_iter().map(|(line, mut report, after)| {
            self.cp1252 = after;
            self.duplicates.check(line, &mut report);
            self.notice(&mut report);
            (line, report)
        })
    }
}

/// The iterator of [`csv_reports`]: `(line, report)` or the I/O error that stopped it.
pub struct CsvReports<R> {
    state: State<R>,
    options: Options,
    encoding: InOrder,
    /// Reports of the current chunk not yet handed out.
    ready: VecDeque<(usize, Report)>,
}

impl<R: Read> CsvReports<R> {
    /// Reads and checks the header; returns the header's report if it has findings (unknown
    /// columns, the encoding notice, or an empty file).
    fn start(&mut self, input: R) -> io::Result<Option<(usize, Report)>> {
        let mut input = BufReader::new(input);
        let mut first = Vec::new();
        input.read_until(b'\n', &mut first)?;
        let header = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&first);
        let count = |c: u8| header.iter().filter(|&&b| b == c).count();
        let delimiter = if count(b';') >= count(b',') { b';' } else { b',' };
        let mut record = csv::ByteRecord::new();
        let mut report = Report::default();
        let read = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(header)
            .read_byte_record(&mut record)
            .map_err(io::Error::other)?;
        let file = Label::file();
        if !read {
            report.push(Msg::EmptyFile.labelled(Path::ROOT, &file, &[], &[]));
        }
        let names: Vec<_> = record
            .iter()
            .map(|name| row::text(name.trim_ascii(), &mut self.encoding.cp1252))
            .collect();
        let columns = Columns::new(names);
        for unknown in columns.findings() {
            report.push(unknown);
        }
        self.encoding.notice(&mut report);
        self.state = State::Rows(Layout { columns, delimiter }, Chunks::new(input, delimiter, 2));
        Ok((!report.findings().is_empty()).then_some((1, report)))
    }
}

impl<R: Read + Send> CsvReports<R> {
    /// Validates the rest of the file on `threads` threads (chunks of whole records, read
    /// ahead of the validation; memory stays bounded), and calls `each` with the reports in
    /// file order, batch after batch, on the calling thread. The reports, their order, the
    /// line numbers and the encoding notice are those of the iterator. Stops at the first
    /// error, of reading or of `each`.
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
        F: FnMut(Vec<(usize, Report)>) -> io::Result<()>,
    {
        self.for_each_chunk(threads, CHUNK, each)
    }

    fn for_each_chunk<F>(mut self, threads: usize, size: usize, mut each: F) -> io::Result<()>
    where
        F: FnMut(Vec<(usize, Report)>) -> io::Result<()>,
    {
        if let State::Start(input) = std::mem::replace(&mut self.state, State::Done) {
            let header = self.start(input)?;
            self.ready.extend(header);
        }
        if !self.ready.is_empty() {
            each(self.ready.drain(..).collect())?;
        }
        let State::Rows(layout, mut chunks) = std::mem::replace(&mut self.state, State::Done) else {
            return Ok(());
        };
        let (layout, options, mut encoding) = (&layout, &self.options, self.encoding);
        // Chunks are validated ahead from the encoding known when they are handed out; a
        // chunk validated as UTF-8 that turns out to follow the first Windows-1252 cell is
        // validated again, in order (once per file at most, for the chunks then in flight).
        let cp1252_seen = AtomicBool::new(encoding.cp1252);
        let threads = threads.max(1);
        std::thread::scope(|scope| {
            let (jobs, queue) = mpsc::sync_channel::<(usize, Chunk, bool)>(threads);
            let queue = Arc::new(Mutex::new(queue));
            let (results, done) = mpsc::sync_channel(threads * 2);
            let cp1252_seen = &cp1252_seen;
            let reader = scope.spawn(move || -> io::Result<()> {
                for seq in 0.. {
                    let Some(chunk) = chunks.next_chunk(size)? else { break };
                    if jobs.send((seq, chunk, cp1252_seen.load(Ordering::Relaxed))).is_err() {
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
                        let Ok((seq, chunk, cp1252)) = job else { break };
                        let rows = validate_chunk(layout, options, &chunk, cp1252);
                        if rows.last().is_some_and(|row| row.2) {
                            cp1252_seen.store(true, Ordering::Relaxed);
                        }
                        if results.send((seq, chunk, cp1252, rows)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop((queue, results));
            let mut pending = BTreeMap::new();
            let mut next = 0;
            for (seq, chunk, cp1252, rows) in done.iter() {
                pending.insert(seq, (chunk, cp1252, rows));
                while let Some((chunk, cp1252, rows)) = pending.remove(&next) {
                    next += 1;
                    let rows = if cp1252 == encoding.cp1252 {
                        rows
                    } else {
                        validate_chunk(layout, options, &chunk, encoding.cp1252)
                    };
                    // Dropping `done` on an error stops the workers, then the reader.
                    each(encoding.settle(rows).collect())?;
                }
            }
            reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }
}

/// The reports of the data records of `chunk`, with each record's line and the encoding
/// state after it, given the state at the chunk's start. Pure: chunks are validated on
/// several threads.
fn validate_chunk(layout: &Layout, options: &Options, chunk: &Chunk, mut cp1252: bool) -> Vec<(usize, Report, bool)> {
    let mut rows = Vec::new();
    let mut validate = |line, record: Record<'_>| {
        if !record.is_blank() {
            let (report, after) = row::validate_record(&layout.columns, options, record, line, cp1252);
            cp1252 = after;
            rows.push((line, report, after));
        }
    };
    if is_plain(&chunk.bytes) {
        plain_records(chunk, layout.delimiter, &mut validate);
    } else {
        quoted_records(chunk, layout.delimiter, &mut validate);
    }
    if chunk.unclosed_quote {
        let line = chunk.first_line;
        let at = [line.to_string()];
        let at = [at[0].as_str()];
        let finding = Msg::UnclosedQuote.labelled(Path::ROOT, &Label::file(), &at, &at);
        match rows.first_mut() {
            Some((_, report, _)) => report.push(finding),
            None => {
                let mut report = Report::default();
                report.push(finding);
                rows.push((line, report, cp1252));
            }
        }
    }
    rows
}

/// What is done with each record of a chunk, given its line.
type EachRecord<'e> = dyn FnMut(usize, Record<'_>) + 'e;

/// Whether the csv crate would read `bytes` as lines split at the delimiter: no quote, and
/// no carriage return but before a line feed.
fn is_plain(bytes: &[u8]) -> bool {
    memchr::memchr(b'"', bytes).is_none() && memchr::memchr_iter(b'\r', bytes).all(|i| bytes.get(i + 1) == Some(&b'\n'))
}

/// The records of a plain chunk ([`is_plain`]), read straight from its bytes: one per line
/// that is not empty.
fn plain_records(chunk: &Chunk, delimiter: u8, each: &mut EachRecord<'_>) {
    let mut fields = Vec::new();
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', &chunk.bytes).chain(std::iter::once(chunk.bytes.len()));
    for (n, end) in ends.enumerate() {
        let line = &chunk.bytes[start..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        start = end + 1;
        if line.is_empty() {
            continue;
        }
        fields.clear();
        let mut from = 0;
        for at in memchr::memchr_iter(delimiter, line).chain(std::iter::once(line.len())) {
            fields.push(from..at);
            from = at + 1;
        }
        each(
            chunk.first_line + n,
            Record {
                bytes: line,
                fields: &fields,
            },
        );
    }
}

/// The records of any chunk, read by the csv crate (quoted fields, line feeds in quotes).
fn quoted_records(chunk: &Chunk, delimiter: u8, each: &mut EachRecord<'_>) {
    let bytes = &chunk.bytes[..];
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut fields = Vec::new();
    // Lines are counted up to each record's first byte, from the last one.
    let (mut at, mut line) = (0, chunk.first_line);
    // An in-memory reader has no I/O error, and byte records no UTF-8 one.
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        // A record's position is at or before its first byte: after the previous
        // record's line feed or carriage return, before blank lines.
        let start = record.position().map_or(at, |p| p.byte() as usize).max(at);
        let first = bytes[start..]
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .map_or(bytes.len(), |i| start + i);
        line += memchr::memchr_iter(b'\n', &bytes[at..first]).count();
        at = first;
        fields.clear();
        fields.extend((0..record.len()).filter_map(|k| record.range(k)));
        each(
            line,
            Record {
                bytes: record.as_slice(),
                fields: &fields,
            },
        );
    }
}

/// The notice of a file decoded from Windows-1252.
fn encoding_notice() -> super::Finding {
    Msg::EncodingConverted.labelled(Path::ROOT, &Label::file(), &[], &[])
}

impl<R: Read> Iterator for CsvReports<R> {
    type Item = io::Result<(usize, Report)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(ready) = self.ready.pop_front() {
                return Some(Ok(ready));
            }
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Start(input) => match self.start(input) {
                    Err(e) => return Some(Err(e)),
                    Ok(header) => self.ready.extend(header),
                },
                State::Rows(layout, mut chunks) => match chunks.next_chunk(SERIAL_CHUNK) {
                    Err(e) => return Some(Err(e)),
                    Ok(None) => {}
                    Ok(Some(chunk)) => {
                        let rows = validate_chunk(&layout, &self.options, &chunk, self.encoding.cp1252);
                        self.ready.extend(self.encoding.settle(rows));
                        self.state = State::Rows(layout, chunks);
                    }
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Options of a draft: the confirmations are not required yet.
    fn draft() -> Options {
        Options {
            stage: super::super::Stage::Draft,
            ..Options::default()
        }
    }

    #[test]
    fn windows_1252_is_decoded_with_a_notice() {
        let file = b"procedure;etat_civil.nom_naissance\r\nprimo_enregistrement;L\xc9ON\r\n";
        let reports: Vec<_> = csv_reports(&file[..], Options::default()).map(Result::unwrap).collect();
        let codes: Vec<&str> = reports[0].1.findings().iter().map(|f| f.code.as_str()).collect();
        assert!(codes.contains(&"encoding_converted"), "{codes:?}");
        assert!(!codes.contains(&"invalid_format"), "LÉON decodes to letters: {codes:?}");
    }

    /// Every report of `file` by the iterator, and by threads for several chunk sizes.
    fn same_reports_however_cut(file: &[u8]) {
        let one_by_one: Vec<_> = csv_reports(file, Options::default()).map(Result::unwrap).collect();
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
    fn chunks_and_threads_change_nothing() {
        same_reports_however_cut(include_bytes!("../../../../examples/data/demandes.csv"));
        let utf8 = "procedure;etat_civil.nom_naissance;situation.id\r\nfermeture_situation;ÉLODIE;\"A\r\n\"\"B\"\"\"\r\n\r\nx;;\n"
            .repeat(40);
        same_reports_however_cut(utf8.as_bytes());
        // Windows-1252 from the 30th row on: chunks validated ahead as UTF-8 are redone.
        let mut mixed = utf8.into_bytes();
        mixed.extend_from_slice(&b"fermeture_situation;L\xc9ON;S\n".repeat(30));
        mixed.extend_from_slice(b"fermeture_situation;\xc3\xa9;S\n");
        same_reports_however_cut(&mixed);
    }

    /// `(line, fields)` of each record of `bytes` by `read`.
    fn records(bytes: &[u8], read: fn(&Chunk, u8, &mut EachRecord<'_>)) -> Vec<(usize, Vec<Vec<u8>>)> {
        let chunk = Chunk {
            bytes: bytes.to_vec(),
            first_line: 7,
            unclosed_quote: false,
        };
        let mut out = Vec::new();
        read(&chunk, b';', &mut |line, r: Record<'_>| {
            out.push((line, r.fields.iter().map(|f| r.bytes[f.clone()].to_vec()).collect()));
        });
        out
    }

    #[test]
    fn plain_lines_are_read_as_the_csv_crate_reads_them() {
        for file in [
            "a;b;c\nd;e\n\nf\n  \n;;\ng;h;i;j",
            "a;b\r\n\r\nc\r\n",
            "x\ny\nzz\n\n\nw\n",
            "\n\na;b\n",
            "é;ü\n",
            "",
        ] {
            assert!(is_plain(file.as_bytes()), "{file:?}");
            assert_eq!(
                records(file.as_bytes(), plain_records),
                records(file.as_bytes(), quoted_records),
                "{file:?}"
            );
        }
        assert!(!is_plain(b"a\rb\n"));
        assert!(!is_plain(b"a;\"b\"\n"));
    }

    #[test]
    fn a_quote_never_closed_is_reported_and_the_rest_is_read() {
        let file = "procedure;rpps;situation.id;situation.date_fin_fonction\n\
                    fermeture_situation;10107985318;\"S1;2026-01-31\n\
                    fermeture_situation;10107985326;S2;2026-01-31\n\
                    fermeture_situation;10107985334;S3;2026-01-31\n";
        let reports: Vec<_> = csv_reports(file.as_bytes(), draft()).map(Result::unwrap).collect();
        let lines: Vec<(usize, bool)> = reports.iter().map(|(l, r)| (*l, r.is_valid())).collect();
        assert_eq!(lines, [(2, false), (3, true), (4, true)]);
        let broken = reports[0].1.findings().iter().map(|f| f.message_en.as_str());
        assert!(
            broken
                .clone()
                .any(|m| m.starts_with("The file: at line 2, a quote is never closed")),
            "{:?}",
            broken.collect::<Vec<_>>()
        );
        same_reports_however_cut(file.as_bytes());
    }

    #[test]
    fn a_cell_ending_inside_a_character_is_not_utf8() {
        // The record's bytes together are UTF-8 (E9 80 80 is U+9000); its cells are not.
        let file = b"procedure;etat_civil.nom_naissance;etat_civil.nom_usage\nx;L\xe9;\x80\x80ON\n";
        let reports: Vec<_> = csv_reports(&file[..], Options::default()).map(Result::unwrap).collect();
        let codes: Vec<&str> = reports[0].1.findings().iter().map(|f| f.code.as_str()).collect();
        assert!(codes.contains(&"encoding_converted"), "{codes:?}");
    }

    #[test]
    fn one_character_rows_have_their_line() {
        for eol in ["\n", "\r\n"] {
            let file = ["procedure", "x", "y", "zz", "", "w"].join(eol);
            let lines: Vec<usize> = csv_reports(file.as_bytes(), Options::default())
                .map(|r| r.unwrap().0)
                .collect();
            assert_eq!(lines, [2, 3, 4, 6], "{eol:?}");
        }
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
        assert_eq!((empty[0].0, empty[0].1.findings()[0].code.as_str()), (1, "invalid_csv"));
        assert_eq!(
            csv_reports(&b"\xEF\xBB\xBFprocedure\n"[..], Options::default()).count(),
            0
        );
    }

    #[test]
    fn an_empty_cell_leaves_an_earlier_column_of_the_same_name() {
        let file = "procedure;procedure;rpps;situation.id;situation.date_fin_fonction\n\
                    fermeture_situation;;10107985318;S1;2026-01-31\n";
        let reports: Vec<_> = csv_reports(file.as_bytes(), draft()).map(Result::unwrap).collect();
        assert!(reports[0].1.is_valid(), "{:?}", reports[0].1.findings());
    }

    #[test]
    fn blank_cells_are_absent() {
        let file = "procedure;rpps;etat_civil.nom_naissance;situation.id;situation.date_fin_fonction\n\
                    fermeture_situation ; 10107985318 ;   ; S1 ; 2026-01-31 \n";
        let reports: Vec<_> = csv_reports(file.as_bytes(), draft()).map(Result::unwrap).collect();
        assert!(reports[0].1.is_valid(), "{:?}", reports[0].1.findings());
    }

    #[test]
    fn french_dates_are_read_in_csv_only() {
        let file =
            "procedure;rpps;situation.id;situation.date_fin_fonction\nfermeture_situation;10107985318;S1;31/01/2026\n";
        let reports: Vec<_> = csv_reports(file.as_bytes(), draft()).map(Result::unwrap).collect();
        assert!(reports[0].1.is_valid(), "{:?}", reports[0].1.findings());
        let json = br#"{"procedure": "fermeture_situation", "rpps": "10107985318", "situation": {"id": "S1", "date_fin_fonction": "31/01/2026"}}"#;
        assert_eq!(
            super::super::validate_json(json, &Options::default()).findings()[0].code,
            "invalid_format"
        );
    }
}
