//! Memory stays bounded whatever the file (docs/domain.md §4.6): `rppsplus validate -` reads
//! pathological collection files (CSV and workbooks), generated on the fly into its standard input (nothing
//! written to disk), and its peak resident memory stays under 100 MB. Its reports stream to
//! its standard output, which the test reads and counts.
//!
//! One test in this file: the peak is the children's (`getrusage(RUSAGE_CHILDREN)`), and
//! this binary starts no other child.

use std::io::{self, BufRead, BufReader, Write};
use std::process::{Command, Stdio};

/// The bound of docs/domain.md §4.6.
const LIMIT_KB: i64 = 100 * 1024;

/// The largest resident set of the children waited for so far, in KB.
fn children_peak_kb() -> i64 {
    // SAFETY: `getrusage` writes the struct it is given; zeroed is a valid `rusage`.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: a valid pointer to a `rusage`.
    assert_eq!(unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) }, 0);
    usage.ru_maxrss
}

/// Runs `rppsplus validate - --format json` on what `write` generates, and returns the
/// number of output lines (one per JSON object).
fn validate(write: impl FnOnce(&mut dyn Write) -> io::Result<()> + Send) -> usize {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rppsplus"))
        .args(["validate", "-", "--format", "json", "--reference-date", "2026-11-22"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let mut stdin = io::BufWriter::with_capacity(64 << 10, child.stdin.take().expect("piped"));
    let stdout = child.stdout.take().expect("piped");
    let lines = std::thread::scope(|scope| {
        scope.spawn(move || {
            // The command may stop reading early (a file that is no text): a broken pipe.
            let written = write(&mut stdin).and_then(|()| stdin.flush());
            if let Err(e) = written {
                assert_eq!(e.kind(), io::ErrorKind::BrokenPipe, "{e}");
            }
        });
        BufReader::new(stdout).split(b'\n').count()
    });
    let status = child.wait().expect("the binary ends");
    assert!(matches!(status.code(), Some(0 | 1)), "{status}");
    lines
}

/// What writes a generated file.
type Generate = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()> + Send>;

/// `n` times `line`, written a block at a time.
fn repeat(out: &mut dyn Write, line: &[u8], n: usize) -> io::Result<()> {
    let per_block = (64 << 10) / line.len().max(1) + 1;
    let block = line.repeat(per_block);
    let mut left = n;
    while left >= per_block {
        out.write_all(&block)?;
        left -= per_block;
    }
    out.write_all(&line.repeat(left))
}

/// A part's content: pieces of bytes, each with how many times it is written.
type Pieces<'a> = &'a [(&'a [u8], usize)];

/// A ZIP archive of `parts` (deflated), as a workbook is: each part's pieces, each piece
/// written as many times as it says (the archive is made in this process, whose peak the
/// child inherits: a large part is never held whole).
fn workbook(parts: &[(&str, Pieces<'_>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    for (name, pieces) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("a part");
        for (bytes, times) in *pieces {
            (0..*times).for_each(|_| zip.write_all(bytes).expect("written in memory"));
        }
    }
    zip.finish().expect("an archive").into_inner()
}

/// The collection workbook of the corpus with its sheet replaced by `rows` rows, each with
/// the value `x` in column A and `1` in column XFD, after a header `procedure`.
fn wide_rows(rows: usize) -> Vec<u8> {
    let corpus = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/collection/excel.xlsx")).unwrap();
    let mut sheet = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>procedure</t></is></c></row>"#
    ));
    for r in 2..rows + 2 {
        sheet.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>x</t></is></c><c r="XFD{r}"><v>1</v></c></row>"#
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let mut zip = zip::ZipArchive::new(io::Cursor::new(corpus)).unwrap();
    let mut out = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let name = part.name().to_owned();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            out.write_all(sheet.as_bytes()).unwrap();
        } else {
            io::copy(&mut part, &mut out).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn pathological_files_stay_under_100_mb() {
    const ROW: &[u8] = b"fermeture_situation;10107985318;S1;2026-01-31\n";
    const HEADER: &[u8] = b"procedure;rpps;situation.id;situation.date_fin_fonction\n";
    let cases: Vec<(&str, Generate, usize)> = vec![
        // A million short lines: a demande each, every report streamed.
        (
            "a million short lines",
            Box::new(|out| {
                out.write_all(b"procedure\n")?;
                repeat(out, b"x\n", 1_000_000)
            }),
            1_000_000,
        ),
        // A quote opened at the start of the first row and never closed: its line alone is
        // broken, the rest of the file is read.
        (
            "a quote never closed at the start",
            Box::new(|out| {
                out.write_all(HEADER)?;
                out.write_all(b"\"")?;
                repeat(out, ROW, 300_000)
            }),
            300_000,
        ),
        // A line of 50 MB: reported and skipped, not kept.
        (
            "a line of 50 MB",
            Box::new(|out| {
                out.write_all(HEADER)?;
                out.write_all(b"fermeture_situation;")?;
                repeat(out, &[b'x'; 1 << 16], 800)?;
                out.write_all(b"\n")?;
                out.write_all(ROW)
            }),
            2,
        ),
        // A million columns in the header: over the longest record read; then 400 000
        // unknown columns, reported up to the cap, and rows as wide.
        ("a million columns", Box::new(|out| repeat(out, b"c;", 1_000_000)), 1),
        (
            "400 000 unknown columns",
            Box::new(|out| {
                repeat(out, b"c;", 400_000)?;
                out.write_all(b"\n")?;
                for _ in 0..50 {
                    repeat(out, b"1;", 400_000)?;
                    out.write_all(b"\n")?;
                }
                Ok(())
            }),
            51,
        ),
        // Bytes that are no text: refused at once.
        (
            "a binary file",
            Box::new(|out| {
                let mut x: u32 = 2_463_534_242;
                let block: Vec<u8> = (0..1 << 16)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 17;
                        x ^= x << 5;
                        (x >> 24) as u8
                    })
                    .collect();
                (0..300).try_for_each(|_| out.write_all(&block))
            }),
            1,
        ),
        // Workbooks whose few kilobytes are huge once read: shared strings of 40 MB, an
        // .ods row of a thousand values repeated a million times. Refused, not read.
        (
            "shared strings of 40 MB in a small .xlsx",
            Box::new(|out| {
                let strings: &[(&[u8], usize)] =
                    &[(b"<sst><si><t>", 1), (&[b'X'; 1 << 16], 640), (b"</t></si></sst>", 1)];
                out.write_all(&workbook(&[
                    ("xl/workbook.xml", &[(b"<workbook/>", 1)]),
                    ("xl/sharedStrings.xml", strings),
                ]))
            }),
            1,
        ),
        (
            "an .ods of a billion cells",
            Box::new(|out| {
                let content = concat!(
                    r#"<office:document-content><office:body><office:spreadsheet><table:table>"#,
                    r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="1000"/></table:table-row>"#,
                    r#"</table:table></office:spreadsheet></office:body></office:document-content>"#
                );
                out.write_all(&workbook(&[
                    ("mimetype", &[(b"application/vnd.oasis.opendocument.spreadsheet", 1)]),
                    ("content.xml", &[(content.as_bytes(), 1)]),
                ]))
            }),
            1,
        ),
        // A small .xlsx whose 20 000 rows each hold a cell in the last column (XFD): 16 384
        // cells a row once read, counted in the batches' memory.
        (
            "20 000 rows reaching column XFD",
            Box::new(|out| out.write_all(&wide_rows(20_000))),
            20_000,
        ),
    ];
    for (name, write, objects) in cases {
        let lines = validate(write);
        // `[`, `]`, and one line per JSON object.
        assert_eq!(lines, objects + 2, "{name}: the reports");
        let peak = children_peak_kb();
        assert!(peak < LIMIT_KB, "{name}: peak RSS {peak} KB");
        eprintln!("{name}: peak RSS so far {} MB", peak / 1024);
    }
}
