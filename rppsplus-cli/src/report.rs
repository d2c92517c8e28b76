//! `rppsplus validate FILE --report OUT.xlsx|OUT.csv`: the annotated report of a file
//! (docs/cli.md), written by the core (`demande::sheet::Annotated`).

use std::fs::File;
use std::io;
use std::path::Path;

use rppsplus_core::demande::sheet::{self, SheetError, SheetFormat};
use rppsplus_core::demande::{CsvItem, Report};

/// The annotated report of the file being validated.
pub struct Annotator(sheet::Annotated<File>);

/// A writer's error as an I/O error, with the core's French message.
fn io_error(e: SheetError) -> io::Error {
    match e {
        SheetError::Io(e) => e,
        other => io::Error::other(other.message_fr()),
    }
}

impl Annotator {
    /// The report `out` (in `format`) of a collection file, CSV or a workbook's `sheet`,
    /// whose rows are read again from `input`.
    pub fn collection(
        out: &Path,
        format: SheetFormat,
        input: File,
        sheet: Option<&str>,
        only_invalid: bool,
    ) -> io::Result<Self> {
        sheet::Annotated::collection(out, format, input, sheet, only_invalid)
            .map(Self)
            .map_err(io_error)
    }

    /// The report `out` of a JSON document.
    pub fn json(out: &Path, format: SheetFormat, json: &[u8], only_invalid: bool) -> io::Result<Self> {
        sheet::Annotated::json(out, format, json, only_invalid)
            .map(Self)
            .map_err(io_error)
    }

    /// An item of the collection file.
    pub fn item(&mut self, item: &CsvItem) -> io::Result<()> {
        self.0.item(item).map_err(io_error)
    }

    /// The findings about the JSON document.
    pub fn file(&mut self, report: &Report) -> io::Result<()> {
        self.0.file(report).map_err(io_error)
    }

    /// The demande at `index` of the JSON document.
    pub fn demande(&mut self, index: usize, report: &Report) -> io::Result<()> {
        self.0.demande(index, report).map_err(io_error)
    }

    /// Writes the summary and closes the report.
    pub fn finish(self) -> io::Result<()> {
        self.0.finish().map(drop).map_err(io_error)
    }
}
