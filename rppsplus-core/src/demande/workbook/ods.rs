//! What an `.ods`'s sheets take once read whole (calamine reads every sheet of its content
//! into a dense table: a cell a slot, from the first row with a value to the last, from the
//! first column to the widest row's last value), counted from the content's XML before it is
//! read: a row or a cell repeated (`table:number-rows-repeated`,
//! `table:number-columns-repeated`) counts as many times, an empty one (self-closing, without
//! a value type: LibreOffice writes the rest of a sheet so) does not widen the table.

use std::io::{self, BufRead, BufReader, Read};

/// The longest tag read (a tag of a sheet's content is some hundred bytes).
const MAX_TAG: usize = 64 << 10;

/// The size of an `.ods`'s content: its bytes, the bytes of its text (outside the tags: the
/// cells' values), and the cells its sheets take once read; `None` for the cells when a tag
/// is too long to be read.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Size {
    pub(super) bytes: u64,
    pub(super) text: u64,
    pub(super) cells: Option<u64>,
}

/// The size of the content `xml`, read up to `max_bytes` and one more.
pub(super) fn size(xml: impl Read, max_bytes: u64) -> io::Result<Size> {
    let mut reader = BufReader::with_capacity(64 << 10, xml.take(max_bytes + 1));
    let mut count = Count::default();
    let mut tag: Option<Vec<u8>> = None;
    let (mut bytes, mut text) = (0u64, 0u64);
    let mut too_long = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let n = buf.len();
        bytes += n as u64;
        let mut rest = buf;
        while !rest.is_empty() {
            match tag.as_mut() {
                Some(open) => {
                    let end = memchr::memchr(b'>', rest);
                    let part = &rest[..end.unwrap_or(rest.len())];
                    if open.len() + part.len() > MAX_TAG {
                        too_long = true;
                    } else {
                        open.extend_from_slice(part);
                    }
                    let Some(end) = end else { break };
                    count.tag(open);
                    tag = None;
                    rest = &rest[end + 1..];
                }
                None => {
                    let start = memchr::memchr(b'<', rest);
                    text += start.unwrap_or(rest.len()) as u64;
                    let Some(start) = start else { break };
                    tag = Some(Vec::new());
                    rest = &rest[start + 1..];
                }
            }
        }
        reader.consume(n);
    }
    Ok(Size {
        bytes,
        text,
        cells: (!too_long).then_some(count.cells),
    })
}

/// The cells counted so far, and where the sheet and the row being read stand.
#[derive(Default)]
struct Count {
    /// The cells of the sheets read.
    cells: u64,
    /// The rows of the sheet so far; the first with a value, the end of the last with one;
    /// its widest row, up to its last value.
    rows: u64,
    first: Option<u64>,
    end: u64,
    width: u64,
    /// The row being read: how many times it repeats, the columns so far, the end of its
    /// last value.
    repeat: u64,
    column: u64,
    last: u64,
}

impl Count {
    /// Counts the tag `tag` (what is between `<` and `>`).
    fn tag(&mut self, tag: &[u8]) {
        let (closing, body) = match tag.strip_prefix(b"/") {
            Some(body) => (true, body),
            None => (false, tag),
        };
        let empty = body.ends_with(b"/");
        let name_end = body
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'/')
            .unwrap_or(body.len());
        match (closing, &body[..name_end]) {
            (false, b"table:table") => {
                (self.rows, self.first, self.end, self.width) = (0, None, 0, 0);
            }
            (true, b"table:table") => {
                let rows = self.end.saturating_sub(self.first.unwrap_or(self.end));
                self.cells = self.cells.saturating_add(rows.saturating_mul(self.width));
            }
            (false, b"table:table-row") => {
                (self.repeat, self.column, self.last) = (repeat(body, b"table:number-rows-repeated"), 0, 0);
                if empty {
                    self.end_row();
                }
            }
            (true, b"table:table-row") => self.end_row(),
            (false, b"table:table-cell" | b"table:covered-table-cell") => {
                self.column = (self.column).saturating_add(repeat(body, b"table:number-columns-repeated"));
                let valued = !empty || memchr::memmem::find(body, b"office:value-type").is_some();
                if valued {
                    self.last = self.column;
                }
            }
            _ => {}
        }
    }

    /// The row read ends.
    fn end_row(&mut self) {
        if self.last > 0 {
            self.first.get_or_insert(self.rows);
            self.end = self.rows.saturating_add(self.repeat);
            self.width = self.width.max(self.last);
        }
        self.rows = self.rows.saturating_add(self.repeat);
    }
}

/// The number of times a tag repeats by its attribute `name` (1 without it).
fn repeat(tag: &[u8], name: &[u8]) -> u64 {
    let Some(at) = memchr::memmem::find(tag, name) else {
        return 1;
    };
    let value = tag[at + name.len()..]
        .iter()
        .skip_while(|b| matches!(b, b'=' | b'"' | b'\'') || b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit());
    value
        .fold(0u64, |n, d| n.saturating_mul(10).saturating_add(u64::from(d - b'0')))
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(xml: &str) -> Option<u64> {
        size(xml.as_bytes(), u64::MAX - 1).unwrap().cells
    }

    #[test]
    fn the_rows_with_values_times_the_widest() {
        let cell = r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
        let sheet = format!(
            r#"<table:table table:name="A"><table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>
            <table:table-row>{cell}{cell}</table:table-row><table:table-row>{cell}<table:table-cell table:number-columns-repeated="4"/>{cell}</table:table-row>
            <table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>"#
        );
        // Rows 4 and 5, 6 columns wide; the empty rows around are not read.
        assert_eq!(cells(&sheet), Some(12));
        // Every sheet is read.
        assert_eq!(cells(&sheet.repeat(2)), Some(24));
        // A row of values repeated: every time.
        let repeated = format!(
            r#"<table:table><table:table-row table:number-rows-repeated="1000000">{cell}<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row></table:table>"#
        );
        assert_eq!(cells(&repeated), Some(16_385_000_000));
        let no_sheet = "<office:document-content/>";
        assert_eq!(
            size(no_sheet.as_bytes(), 100).unwrap(),
            Size {
                bytes: 26,
                text: 0,
                cells: Some(0)
            }
        );
        assert_eq!(size(&b"<a>text</a> "[..], 100).unwrap().text, 5);
    }

    #[test]
    fn a_tag_too_long_and_a_content_too_large() {
        let long = format!("<table:table {}>", "a".repeat(MAX_TAG + 1));
        assert_eq!(cells(&long), None);
        // Read up to the limit and one more byte.
        assert_eq!(size(&[b' '; 1000][..], 10).unwrap().bytes, 11);
        assert_eq!(
            repeat(
                b"table:table-row table:number-rows-repeated=\"12\"",
                b"table:number-rows-repeated"
            ),
            12
        );
        assert_eq!(
            repeat(
                b"table:table-row table:number-rows-repeated=\"0\"",
                b"table:number-rows-repeated"
            ),
            1
        );
        assert_eq!(repeat(b"table:table-row", b"table:number-rows-repeated"), 1);
    }
}
