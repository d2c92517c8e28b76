//! The cells of a collection file as text, record by record, read as [`csv_reports`]
//! reads them (the same bytes, delimiter, encoding and record numbers): what an annotated
//! report shows of each row (docs/domain.md §4.6).
//!
//! [`csv_reports`]: super::csv_reports

use std::collections::VecDeque;
use std::io::{self, Read};

use super::chunks::{Broken, Chunks};
use super::row::{self, Legacy};
use super::source::Source;
use super::{MAX_RECORD_BYTES, SERIAL_CHUNK, open, read_header, tokenizer};
use crate::demande::report::Report;

/// One row of a collection file as it came ([`csv_cells`]). Its `Debug` shows the record
/// and the number of cells, never the cells (an état civil, a contact).
#[derive(Clone, PartialEq, Eq)]
pub struct CsvRow {
    /// Its record number, as [`CsvItem::Demande`](super::CsvItem::Demande) gives it.
    pub record: usize,
    /// Its cells as text, decoded as the file is (empty for a row too long to be read).
    pub cells: Vec<String>,
}

impl std::fmt::Debug for CsvRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CsvRow")
            .field("record", &self.record)
            .field("cells", &self.cells.len())
            .finish()
    }
}

/// The iterator of [`csv_cells`].
pub struct CsvCells<R> {
    header: Vec<String>,
    chunks: Option<Chunks<Source<R>>>,
    encoding: Legacy,
    legacy: bool,
    /// The records read before the current chunk.
    records: usize,
    ready: VecDeque<CsvRow>,
}

/// The header and the rows that are not blank of a CSV collection file, as text: for each
/// demande of [`csv_reports`](super::csv_reports), the row it was read from (joined by the
/// record number). Memory holds one chunk of the file.
///
/// ```
/// use rppsplus_core::demande::csv_cells;
/// let file = "sep=;\nprocedure;Nom de naissance\nfermeture_situation;\"DUPONT; Jean\"\n\n;x\n";
/// let cells = csv_cells(file.as_bytes())?;
/// assert_eq!(cells.header(), ["procedure", "Nom de naissance"]);
/// let rows: Vec<_> = cells.map(|r| r.map(|r| (r.record, r.cells))).collect::<Result<_, _>>()?;
/// assert_eq!(rows[0], (1, vec!["fermeture_situation".to_owned(), "DUPONT; Jean".to_owned()]));
/// assert_eq!(rows[1], (3, vec!["".to_owned(), "x".to_owned()]));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn csv_cells<R: Read>(input: R) -> io::Result<CsvCells<R>> {
    let (mut chunks, encoding) = open(input)?;
    let mut cells = CsvCells {
        header: Vec::new(),
        chunks: None,
        encoding: encoding.unwrap_or(Legacy::Windows1252),
        legacy: false,
        records: 0,
        ready: VecDeque::new(),
    };
    if encoding.is_some() {
        // The findings about the file are csv_reports' to give.
        let mut ignored = Report::of_file();
        if let Some(names) = read_header(&mut chunks, cells.encoding, &mut cells.legacy, &mut ignored)? {
            cells.header = names;
            cells.chunks = Some(chunks);
        }
    }
    Ok(cells)
}

impl<R> CsvCells<R> {
    /// The header's cells (none for a file without a header).
    pub fn header(&self) -> &[String] {
        &self.header
    }
}

impl<R: Read> Iterator for CsvCells<R> {
    type Item = io::Result<CsvRow>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(row) = self.ready.pop_front() {
                return Some(Ok(row));
            }
            let chunk = match self.chunks.as_mut()?.next_chunk(SERIAL_CHUNK) {
                Err(e) => return Some(Err(e)),
                Ok(None) => {
                    self.chunks = None;
                    return None;
                }
                Ok(Some(chunk)) => chunk,
            };
            let first = self.records;
            if chunk.broken == Some(Broken::TooLong) {
                self.records += 1;
                self.ready.push_back(CsvRow {
                    record: first + 1,
                    cells: Vec::new(),
                });
                continue;
            }
            let (encoding, legacy, ready) = (self.encoding, &mut self.legacy, &mut self.ready);
            let mut records = 0;
            tokenizer::records(&chunk.bytes, chunks_delimiter(&self.chunks), &mut |_, record| {
                records += 1;
                if record.is_blank() {
                    return;
                }
                let cells = if record.bytes.len() > MAX_RECORD_BYTES {
                    Vec::new()
                } else {
                    (record.fields.iter())
                        .map(|f| row::text(&record.bytes[f.clone()], encoding, legacy).into_owned())
                        .collect()
                };
                ready.push_back(CsvRow {
                    record: first + records,
                    cells,
                });
            });
            if chunk.broken == Some(Broken::UnclosedQuote) && records == 0 {
                records = 1;
                ready.push_back(CsvRow {
                    record: first + 1,
                    cells: Vec::new(),
                });
            }
            self.records += records;
        }
    }
}

/// The delimiter the header set.
fn chunks_delimiter<R>(chunks: &Option<Chunks<Source<R>>>) -> u8 {
    chunks.as_ref().map_or(b';', |c| c.delimiter)
}

#[cfg(test)]
mod tests {
    use super::super::csv_reports;
    use super::*;
    use crate::demande::Options;

    #[test]
    fn a_rows_debug_shows_no_cell() {
        let row = CsvRow {
            record: 3,
            cells: vec!["DUPONT".into(), "nathalie@example.org".into()],
        };
        assert_eq!(format!("{row:?}"), "CsvRow { record: 3, cells: 2 }");
    }

    /// Every demande of `file` has its row, by record number.
    fn rows_follow_the_reports(file: &[u8]) {
        let records: Vec<usize> = csv_reports(file, Options::default())
            .filter_map(|item| item.unwrap().record())
            .collect();
        let rows: Vec<usize> = csv_cells(file).unwrap().map(|r| r.unwrap().record).collect();
        assert_eq!(rows, records);
    }

    #[test]
    fn the_rows_are_the_demandes() {
        rows_follow_the_reports(include_bytes!("../../../../examples/data/demandes.csv"));
        rows_follow_the_reports(b"procedure;situation.id\rx;\"a\r\rb\"\r\r\rx;\"open\rx;z\r");
        let mut long = b"procedure;situation.id\nx;y\n".to_vec();
        long.extend_from_slice(&[b"x;".as_slice(), &vec![b'y'; MAX_RECORD_BYTES + 1], b"\nx;z\n"].concat());
        rows_follow_the_reports(&long);
        // Windows-1252, decoded.
        let file = b"procedure;etat_civil.nom_naissance\r\nprimo_enregistrement;L\xc9ON\r\n";
        let rows: Vec<CsvRow> = csv_cells(&file[..]).unwrap().map(Result::unwrap).collect();
        assert_eq!(rows[0].cells, ["primo_enregistrement", "LÉON"]);
        rows_follow_the_reports(file);
    }

    #[test]
    fn no_text_no_rows() {
        let mut cells = csv_cells(&b"\x00\x01\x02PK"[..]).unwrap();
        assert!(cells.header().is_empty());
        assert!(cells.next().is_none());
        assert!(csv_cells(&b""[..]).unwrap().next().is_none());
    }
}
