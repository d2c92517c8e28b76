//! The collection file's template (docs/domain.md §4.6): the empty file an HR team fills,
//! one column per field under the portal's labels.

use std::io::Write;

use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, Format, FormatBorder, Formula, Note, Workbook, Worksheet,
};

use super::kinds::{self, Kind, List};
use super::{SheetError, SheetFormat};
use crate::demande::COLUMNS;

/// The name of the template's sheet of demandes.
pub(super) const DEMANDES: &str = "Demandes";
/// The name of the sheet of the dropdowns' values.
const CODES: &str = "Codes";
/// The last row of a sheet (Excel's limit), to which dropdowns and formats apply.
const LAST_ROW: u32 = 1_048_575;

/// The empty collection file in `format`, its dropdowns fed from the value sets in force on
/// `at`: headers only in CSV (UTF-8 with a BOM, `;`, CRLF: what a French Excel opens as
/// is); in XLSX, a sheet « Demandes » (the headers, frozen, each with its explanation as a
/// comment; a dropdown on each coded column; dates as date cells, other cells as text so
/// that Excel keeps leading zeros) and a sheet « Codes » holding code and label of every
/// list. A row filled from the dropdowns validates as the CSV twin of the same data.
///
/// ```
/// use chrono::NaiveDate;
/// use rppsplus_core::demande::sheet::{SheetFormat, template};
/// let csv = template(SheetFormat::Csv, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap())?;
/// let text = String::from_utf8(csv).unwrap();
/// assert_eq!(text.trim_end().split(';').count(), rppsplus_core::demande::COLUMNS.len());
/// # Ok::<(), rppsplus_core::demande::sheet::SheetError>(())
/// ```
pub fn template(format: SheetFormat, at: NaiveDate) -> Result<Vec<u8>, SheetError> {
    let headers: Vec<String> = (0..COLUMNS.len()).map(kinds::header).collect();
    match format {
        SheetFormat::Csv => {
            let mut out = "\u{feff}".as_bytes().to_vec();
            super::annotated::csv_line(&mut out, headers.iter().map(String::as_str))?;
            Ok(out)
        }
        SheetFormat::Xlsx => xlsx(&headers, at),
    }
}

/// Writes [`template`] to the file `path`.
pub fn write_template(path: &std::path::Path, format: SheetFormat, at: NaiveDate) -> Result<(), SheetError> {
    let bytes = template(format, at)?;
    let mut file = std::fs::File::create(path)?;
    file.write_all(&bytes)?;
    Ok(file.sync_all()?)
}

/// The header's format: bold, on a light fill, wrapped, with a border.
pub(super) fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border_bottom(FormatBorder::Thin)
}

fn xlsx(headers: &[String], at: NaiveDate) -> Result<Vec<u8>, SheetError> {
    let mut workbook = Workbook::new();
    let bold = header_format();
    let text = Format::new().set_num_format("@");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let mut lists: Vec<List> = Vec::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(DEMANDES)?;
    for (col, header) in headers.iter().enumerate() {
        let c = col as u16;
        let kind = kinds::kind(col);
        sheet.set_column_width(c, (header.chars().count() as f64 + 4.0).max(14.0))?;
        sheet.set_column_format(c, if kind == Kind::Date { &date } else { &text })?;
        sheet.write_string_with_format(0, c, header, &bold)?;
        let note = Note::new(kinds::explanation(col, kind))
            .add_author_prefix(false)
            .set_width(360)
            .set_height(140);
        sheet.insert_note(0, c, &note)?;
        if let Some(list) = kinds::dropdown(kind, header, at) {
            // Two columns holding yes/no share one list.
            let i = match lists.iter().position(|l| l.choices == list.choices) {
                Some(i) => i,
                None => {
                    lists.push(list);
                    lists.len() - 1
                }
            };
            dropdown(sheet, c, i, &lists[i])?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_row_height(0, 32)?;
    // Printed, the columns on one page's width.
    sheet.set_landscape().set_print_fit_to_pages(1, 0);
    codes(workbook.add_worksheet(), &lists, &bold)?;
    Ok(workbook.save_to_buffer()?)
}

/// The first column on « Codes » of the list at `i`: three columns (value, code, label)
/// and a blank one per list.
fn codes_column(i: usize) -> u16 {
    (i * 4) as u16
}

/// The dropdown of column `c`, from the values of the list at `i` on « Codes ». A value
/// typed that is not in the list is warned about, not refused: a code alone is read too.
fn dropdown(sheet: &mut Worksheet, c: u16, i: usize, list: &List) -> Result<(), SheetError> {
    let column = rust_xlsxwriter::utility::column_number_to_name(codes_column(i));
    let range = format!("={CODES}!${column}$3:${column}${}", list.choices.len() + 2);
    let validation = DataValidation::new()
        .allow_list_formula(Formula::new(range))
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_title("Valeur hors liste")?
        .set_error_message("Cette valeur n'est pas dans la liste de la feuille « Codes ».")?;
    sheet.add_data_validation(1, c, LAST_ROW, c, &validation)?;
    Ok(())
}

/// The « Codes » sheet: each list's title, then value, code and label of each value.
fn codes(sheet: &mut Worksheet, lists: &[List], bold: &Format) -> Result<(), SheetError> {
    sheet.set_name(CODES)?;
    for (i, list) in lists.iter().enumerate() {
        let c = codes_column(i);
        sheet.write_string_with_format(0, c, &list.title, bold)?;
        for (k, title) in ["Valeur", "Code", "Libellé"].into_iter().enumerate() {
            sheet.write_string_with_format(1, c + k as u16, title, bold)?;
        }
        for (row, choice) in list.choices.iter().enumerate() {
            let row = row as u32 + 2;
            sheet.write_string(row, c, &choice.value)?;
            sheet.write_string(row, c + 1, choice.code)?;
            sheet.write_string(row, c + 2, choice.label)?;
        }
        sheet.set_column_width(c, 36)?;
        sheet.set_column_width(c + 1, 16)?;
        sheet.set_column_width(c + 2, 30)?;
    }
    sheet.set_freeze_panes(2, 0)?;
    Ok(())
}
