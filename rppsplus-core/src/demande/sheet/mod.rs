//! The spreadsheets rppsplus writes (docs/domain.md §4.6), feature `xlsx`: the collection
//! file's template (the portal's labels as headers, a dropdown on each coded column fed
//! from the value sets at a date, dates as date cells, explanations as header comments;
//! or its CSV twin) and the annotated report of a validated file (its rows as they came,
//! each cell with a finding highlighted and commented, a « Constats » column, a summary
//! sheet with the counts and a chart).
//!
//! ```
//! use chrono::NaiveDate;
//! use rppsplus_core::demande::sheet::{SheetFormat, template};
//! let at = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
//! let csv = template(SheetFormat::Csv, at)?;
//! assert!(csv.starts_with("\u{feff}Procédure *;Numéro de la demande;".as_bytes()));
//! let xlsx = template(SheetFormat::Xlsx, at)?;
//! assert!(xlsx.starts_with(b"PK"));
//! # Ok::<(), rppsplus_core::demande::sheet::SheetError>(())
//! ```

mod annotated;
mod json;
mod kinds;
mod rows;
mod template;

pub use annotated::{AnnotatedReport, MAX_COMMENTS};
pub use json::json_cells;
pub use rows::Annotated;
pub use template::{template, write_template};

use crate::names::names;

names! {
    /// The format of a spreadsheet rppsplus writes.
    pub enum SheetFormat: "spreadsheet format" / "format de tableur" {
        /// An Excel workbook (`.xlsx`): dropdowns, comments, highlighted cells, a chart.
        Xlsx = "xlsx",
        /// CSV as a French Excel reads it: UTF-8 with a BOM, `;`, CRLF.
        Csv = "csv",
    }
}

impl SheetFormat {
    /// The format a file name's extension names (`.xlsx`, `.csv`, any case); `None` for any
    /// other.
    ///
    /// ```
    /// use rppsplus_core::demande::sheet::SheetFormat;
    /// assert_eq!(SheetFormat::of_path("rapport.XLSX".as_ref()), Some(SheetFormat::Xlsx));
    /// assert_eq!(SheetFormat::of_path("rapport.ods".as_ref()), None);
    /// ```
    pub fn of_path(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL.iter().copied().find(|f| f.as_str() == ext)
    }

    /// The format of a template written to `path`: its extension's, else an Excel workbook.
    ///
    /// ```
    /// use rppsplus_core::demande::sheet::SheetFormat;
    /// assert_eq!(SheetFormat::of_template("recueil.csv".as_ref()), SheetFormat::Csv);
    /// assert_eq!(SheetFormat::of_template("recueil".as_ref()), SheetFormat::Xlsx);
    /// ```
    pub fn of_template(path: &std::path::Path) -> Self {
        Self::of_path(path).unwrap_or(Self::Xlsx)
    }

    /// The format of an annotated report written to `path`: its extension's, which must name
    /// one (`unknown_format` otherwise: a report is read by a person, who opens it by its name).
    ///
    /// ```
    /// use rppsplus_core::demande::sheet::{SheetFormat, SheetError};
    /// assert_eq!(SheetFormat::of_report("rapport.xlsx".as_ref())?, SheetFormat::Xlsx);
    /// let e = SheetFormat::of_report("rapport.ods".as_ref()).unwrap_err();
    /// assert_eq!((e.code(), e.message_fr().as_str()), ("unknown_format", "le rapport est un fichier .xlsx ou .csv"));
    /// # Ok::<(), SheetError>(())
    /// ```
    pub fn of_report(path: &std::path::Path) -> Result<Self, SheetError> {
        Self::of_path(path).ok_or(SheetError::UnknownFormat)
    }

    /// `.xlsx ou .csv`: the extensions of the formats, for the messages.
    fn extensions(conjunction: &str) -> String {
        let names: Vec<String> = Self::NAMES.iter().map(|n| format!(".{n}")).collect();
        match names.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} {conjunction} {last}", rest.join(", ")),
            None => String::new(),
        }
    }
}

/// Why a spreadsheet could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SheetError {
    /// The file could not be written (`io_error`).
    #[error("cannot write the file: {0}")]
    Io(#[from] std::io::Error),
    /// The workbook could not be built (`xlsx_error`): a limit of the format.
    #[error("cannot write the workbook: {0}")]
    Xlsx(String),
    /// A report's file name names no format rppsplus writes (`unknown_format`).
    #[error("the report is a {} file", SheetFormat::extensions("or"))]
    UnknownFormat,
}

impl SheetError {
    /// The stable code: `io_error`, `xlsx_error` or `unknown_format`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Io(_) => "io_error",
            Self::Xlsx(_) => "xlsx_error",
            Self::UnknownFormat => "unknown_format",
        }
    }

    /// The French message ([`Display`](std::fmt::Display) gives English).
    ///
    /// ```
    /// use rppsplus_core::demande::sheet::SheetError;
    /// let e = SheetError::from(std::io::Error::other("disque plein"));
    /// assert_eq!((e.code(), e.message_fr().as_str()), ("io_error", "impossible d'écrire le fichier : disque plein"));
    /// ```
    pub fn message_fr(&self) -> String {
        match self {
            Self::Io(e) => format!("impossible d'écrire le fichier : {e}"),
            Self::Xlsx(e) => format!("impossible d'écrire le classeur : {e}"),
            Self::UnknownFormat => format!("le rapport est un fichier {}", SheetFormat::extensions("ou")),
        }
    }
}

impl From<rust_xlsxwriter::XlsxError> for SheetError {
    fn from(e: rust_xlsxwriter::XlsxError) -> Self {
        match e {
            rust_xlsxwriter::XlsxError::IoError(e) => Self::Io(e),
            other => Self::Xlsx(other.to_string()),
        }
    }
}
