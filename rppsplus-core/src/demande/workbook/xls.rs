//! What an `.xls`'s sheets take once read whole, counted before calamine reads them: it
//! makes of each sheet a dense table of its values and one of its formulas (from the first
//! used row and column to the last), after reserving the cells its DIMENSIONS record
//! announces. A few kilobytes can name the last cell of a sheet (IV65536): 16 million slots.
//! The Workbook stream is found in the compound file (MS-CFB: its sectors chained by the
//! FAT, a small stream in the mini stream) and its cell records read (MS-XLS: BOF, EOF,
//! DIMENSIONS, the cells of values and of formulas).

use std::io::{Read, Seek, SeekFrom};

/// The end of a chain of sectors.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// The little-endian `u16` at `at`, 0 past the end.
fn u16_at(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2).map_or(0, |s| u16::from_le_bytes([s[0], s[1]]))
}

/// The little-endian `u32` at `at`, 0 past the end.
fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

/// The slots the sheets of the `.xls` `input` (at most `max_bytes` long) take once read: for
/// each sheet its values' and its formulas' dense tables, and the largest reservation;
/// `None` when it is no compound file with a Workbook stream.
pub(super) fn slots<R: Read + Seek>(input: &mut R, max_bytes: u64) -> Option<u64> {
    let len = input.seek(SeekFrom::End(0)).ok()?;
    if len > max_bytes {
        return None;
    }
    input.seek(SeekFrom::Start(0)).ok()?;
    let mut file = Vec::new();
    input.take(max_bytes).read_to_end(&mut file).ok()?;
    let stream = workbook_stream(&file)?;
    Some(cells(&stream))
}

/// The bytes of the Workbook (or Book) stream of the compound file `file`.
fn workbook_stream(file: &[u8]) -> Option<Vec<u8>> {
    let shift = u16_at(file, 0x1E);
    let mini_shift = u16_at(file, 0x20);
    if !(shift == 9 || shift == 12) || mini_shift != 6 {
        return None;
    }
    let size = 1usize << shift;
    let sectors = file.len() / size;
    let sector = |id: u32| file.get((id as usize + 1) * size..(id as usize + 2) * size);
    // The FAT's sectors: 109 in the header, then the DIFAT chain (the last entry of each of
    // its sectors is the next one).
    let mut fat_ids: Vec<u32> = (0..109).map(|i| u32_at(file, 0x4C + 4 * i)).collect();
    let mut difat = u32_at(file, 0x44);
    for _ in 0..sectors {
        if difat >= END_OF_CHAIN {
            break;
        }
        let s = sector(difat)?;
        fat_ids.extend((0..size / 4 - 1).map(|i| u32_at(s, 4 * i)));
        difat = u32_at(s, size - 4);
    }
    let fat_count = (u32_at(file, 0x2C) as usize).min(fat_ids.len());
    let fat: Vec<u32> = fat_ids[..fat_count]
        .iter()
        .filter_map(|&id| sector(id))
        .flat_map(|s| (0..size / 4).map(move |i| u32_at(s, 4 * i)))
        .collect();
    let directory = chain(u32_at(file, 0x30), &fat, size, &sector)?;
    let entry = |name: &str| {
        directory.chunks_exact(128).find(|e| {
            let len = usize::from(u16_at(e, 64)).min(64);
            let utf16: Vec<u16> = (0..len.saturating_sub(2) / 2).map(|i| u16_at(e, 2 * i)).collect();
            e[66] == 2 && String::from_utf16_lossy(&utf16) == name
        })
    };
    let found = entry("Workbook").or_else(|| entry("Book"))?;
    let (start, length) = (u32_at(found, 116), u32_at(found, 120) as usize);
    let mut stream = if length < u32_at(file, 0x38) as usize {
        // A small stream, in the mini stream (the root entry's), by the mini FAT.
        let root = directory.get(..128)?;
        let mini_stream = chain(u32_at(root, 116), &fat, size, &sector)?;
        let mini_fat_bytes = chain(u32_at(file, 0x3C), &fat, size, &sector)?;
        let mini_fat: Vec<u32> = (0..mini_fat_bytes.len() / 4)
            .map(|i| u32_at(&mini_fat_bytes, 4 * i))
            .collect();
        let mini = |id: u32| mini_stream.get(id as usize * 64..(id as usize + 1) * 64);
        chain(start, &mini_fat, 64, &mini)?
    } else {
        chain(start, &fat, size, &sector)?
    };
    stream.truncate(length);
    Some(stream)
}

/// The sectors of the chain from `start` in `table` (each `unit` bytes, `read(id)`), read
/// whole; at most as many as the table has (a loop ends there).
fn chain<'a>(start: u32, table: &[u32], unit: usize, read: &dyn Fn(u32) -> Option<&'a [u8]>) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut id = start;
    for _ in 0..=table.len() {
        if id >= END_OF_CHAIN {
            return Some(out);
        }
        out.extend_from_slice(read(id)?.get(..unit)?);
        id = *table.get(id as usize)?;
    }
    None
}

/// Where a sheet's cells stand: the first and last row and column used, if any.
#[derive(Default, Clone, Copy)]
struct Bounds(Option<(u64, u64, u64, u64)>);

impl Bounds {
    fn add(&mut self, row: u64, first: u64, last: u64) {
        let (r0, r1, c0, c1) = self.0.unwrap_or((row, row, first, last));
        self.0 = Some((r0.min(row), r1.max(row), c0.min(first), c1.max(last)));
    }

    /// The cells of the dense table.
    fn cells(self) -> u64 {
        self.0.map_or(0, |(r0, r1, c0, c1)| (r1 - r0 + 1) * (c1 - c0 + 1))
    }
}

/// The slots of the sheets of the Workbook `stream`.
fn cells(stream: &[u8]) -> u64 {
    let (mut values, mut formulas) = (Bounds::default(), Bounds::default());
    let (mut total, mut reserved) = (0u64, 0u64);
    let mut at = 0;
    while at + 4 <= stream.len() {
        let (kind, len) = (u16_at(stream, at), usize::from(u16_at(stream, at + 2)));
        let body = stream.get(at + 4..at + 4 + len).unwrap_or(&stream[at + 4..]);
        at += 4 + len;
        let (row, column) = (u64::from(u16_at(body, 0)), u64::from(u16_at(body, 2)));
        match kind {
            // BOF: a sheet (or the globals) starts.
            0x0809 => (values, formulas) = (Bounds::default(), Bounds::default()),
            // EOF: its tables.
            0x000A => total = total.saturating_add(values.cells()).saturating_add(formulas.cells()),
            // DIMENSIONS: rows first..last+1, columns first..last+1 (BIFF8).
            0x0200 => {
                let rows = u64::from(u32_at(body, 4)).saturating_sub(u64::from(u32_at(body, 0)));
                let columns = u64::from(u16_at(body, 10)).saturating_sub(u64::from(u16_at(body, 8)));
                reserved = reserved.max(rows.saturating_add(1).saturating_mul(columns.saturating_add(1)));
            }
            // A value: NUMBER, LABEL, BOOLERR, RK, LABELSST, RSTRING.
            0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x00D6 => values.add(row, column, column),
            // MULRK: a row's run of values, its last column at its end.
            0x00BD if body.len() >= 6 => values.add(row, column, u64::from(u16_at(body, body.len() - 2))),
            // FORMULA: a value and a formula.
            0x0006 => {
                values.add(row, column, column);
                formulas.add(row, column, column);
            }
            _ => {}
        }
    }
    total.saturating_add(reserved)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record of the Workbook stream.
    fn record(kind: u16, body: &[u8]) -> Vec<u8> {
        [&kind.to_le_bytes()[..], &(body.len() as u16).to_le_bytes(), body].concat()
    }

    fn cell(kind: u16, row: u16, column: u16) -> Vec<u8> {
        record(kind, &[&row.to_le_bytes()[..], &column.to_le_bytes(), &[0; 6]].concat())
    }

    #[test]
    fn the_dense_tables_of_each_sheet() {
        let bof = record(0x0809, &[0; 16]);
        let eof = record(0x000A, &[]);
        // A1 and IV65536: the whole sheet, in a few bytes.
        let far = [bof.clone(), cell(0x0203, 0, 0), cell(0x0203, 65_535, 255), eof.clone()].concat();
        assert_eq!(cells(&far), 65_536 * 256);
        // Two sheets, a formula, a MULRK of columns 2 to 4, a DIMENSIONS of 10 × 5.
        let dimensions = record(
            0x0200,
            &[
                &0u32.to_le_bytes()[..],
                &10u32.to_le_bytes(),
                &0u16.to_le_bytes(),
                &5u16.to_le_bytes(),
                &[0, 0],
            ]
            .concat(),
        );
        let mulrk = record(
            0x00BD,
            &[
                &3u16.to_le_bytes()[..],
                &2u16.to_le_bytes(),
                &[0; 18],
                &4u16.to_le_bytes(),
            ]
            .concat(),
        );
        let sheets = [
            bof.clone(),
            dimensions,
            cell(0x00FD, 1, 1),
            mulrk,
            cell(0x0006, 2, 0),
            eof.clone(),
            bof,
            cell(0x027E, 0, 0),
            eof,
        ]
        .concat();
        // Values rows 1–3 × columns 0–4 (15), a formula (1), the second sheet (1), and the
        // reservation (11 × 6).
        assert_eq!(cells(&sheets), 15 + 1 + 1 + 66);
        // Cut short: counted as far as it goes.
        assert_eq!(cells(&sheets[..7]), 0);
    }

    #[test]
    fn the_workbook_stream_of_a_compound_file() {
        let corpus = include_bytes!("../../../../tests/collection/excel-97.xls");
        let stream = workbook_stream(corpus).expect("a Workbook stream");
        assert_eq!(u16_at(&stream, 0), 0x0809);
        // The corpus's sheet: 9 rows of 23 columns.
        let counted = cells(&stream);
        assert!((9 * 23..=3 * 9 * 23).contains(&counted), "{counted}");
        assert_eq!(workbook_stream(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 short"), None);
        assert_eq!(slots(&mut std::io::Cursor::new(corpus), 100), None);
    }
}
