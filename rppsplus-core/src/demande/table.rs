//! A table of demandes (docs/domain.md §4.6): one demande per row, one field per column,
//! the columns named by the JSON paths flattened with `.` (`etat_civil.nom_naissance`).
//! A collection file's rows (`csv/`), a data frame's rows (an Arrow table given to the
//! Python face) and one row given with its column names (a flat mapping with dotted keys)
//! are all read here into the fields of a demande, with a spreadsheet's conventions: cells
//! trimmed, an empty cell absent, `etat_civil.prenoms` separated by `,`, dates `JJ/MM/AAAA`
//! too, booleans `oui`/`non` and `1`/`0`. The rules and messages are then those of JSON input.

use std::borrow::Cow;

use super::duplicates::Duplicates;
use super::fields::{Fields, Raw, Shape};
use super::messages::{Label, Msg};
use super::report::{Finding, Path, Report};
use super::schema::{COLUMNS, Obj};
use super::{Keyed, Options, validate_fields};

/// Rows per thread below which [`Columns::validate_rows`] starts no more threads: a row takes
/// a few microseconds, a thread some tens.
const ROWS_PER_THREAD: usize = 256;

/// The columns of a table of demandes, by name: the field each one fills.
///
/// A column whose name is no field of the demande is ignored, and reported once for the
/// table by [`Columns::findings`] (`invalid_csv`). When two columns have the same name, a
/// row's last non-empty cell of the two counts.
///
/// ```
/// use rppsplus_core::demande::{Columns, Options};
/// let columns = Columns::new([
///     "procedure", "rpps", "situation.id", "situation.date_fin_fonction", "remarque",
///     "confirmations.cgu_acceptees", "confirmations.rencontre_en_personne",
/// ]);
/// assert!(columns.findings()[0].message_en.contains("column 5 of the header, 'remarque', is unknown"));
/// let row = ["fermeture_situation", " 10107985318 ", "S1", "31/01/2026", "à rappeler", "oui", "1"];
/// let report = columns.validate_row(|i| row.get(i).copied(), &Options::default());
/// assert!(report.is_valid(), "{:?}", report.findings());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// The field of each column: its position in [`COLUMNS`], or `None` for an unknown column.
    places: Vec<Option<usize>>,
    /// The unknown columns: position (from 0) and name (cut to 80 characters: it is the user's).
    unknown: Vec<(usize, String)>,
}

impl Columns {
    /// The columns named `names`, in table order.
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Self {
        let mut columns = Self {
            places: Vec::new(),
            unknown: Vec::new(),
        };
        for (i, name) in names.into_iter().enumerate() {
            let name = name.as_ref();
            let place = COLUMNS.iter().position(|c| *c == name);
            if place.is_none() {
                columns.unknown.push((i, name.chars().take(80).collect()));
            }
            columns.places.push(place);
        }
        columns
    }

    /// The number of columns.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether there is no column.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The findings about the columns themselves, which belong to the table and not to a
    /// demande: an `invalid_csv` error per unknown column.
    pub fn findings(&self) -> Vec<Finding> {
        let unknown = |(i, name): &(usize, String)| {
            let position = (i + 1).to_string();
            let args = [position.as_str(), name.as_str()];
            Msg::UnknownColumn.labelled(Path::ROOT, &Label::file(), &args, &args)
        };
        self.unknown.iter().map(unknown).collect()
    }

    /// The fields of one row, whose `cell(i)` is the text of column `i` (`None`: no cell, or
    /// a null one). Texts are trimmed; an empty one is absent and leaves what an earlier
    /// column of the same name gave. An object is given when one of its fields is.
    pub(super) fn fields<'a>(&self, mut cell: impl FnMut(usize) -> Option<Cow<'a, str>>) -> Fields<'a> {
        let mut fields = Fields::new(true);
        for (i, place) in self.places.iter().enumerate() {
            let (Some(place), Some(text)) = (*place, cell(i)) else {
                continue;
            };
            let raw = match text {
                Cow::Borrowed(text) => match text.trim_ascii() {
                    "" => continue,
                    text => Raw::Text(text),
                },
                Cow::Owned(text) => match text.trim_ascii() {
                    "" => continue,
                    trimmed if trimmed.len() == text.len() => fields.own(text),
                    trimmed => fields.own(trimmed.to_owned()),
                },
            };
            fields.leaves[place] = raw;
        }
        for o in Obj::ALL {
            if o == Obj::Root || fields.leaves[o.columns()].iter().any(|l| !matches!(l, Raw::Absent)) {
                fields.objects[o as usize] = Shape::Object;
            }
        }
        fields
    }

    /// The report of one row, whose `cell(i)` is the text of column `i` (`None`: no cell, or
    /// a null one). The findings of the columns ([`Columns::findings`]) are not repeated in it.
    pub fn validate_row<'a>(&self, mut cell: impl FnMut(usize) -> Option<&'a str>, options: &Options) -> Report {
        validate_fields(&self.fields(|i| cell(i).map(Cow::Borrowed)), options, Keyed::No)
    }

    /// The reports of the rows `0..rows` of a table, in order, whose `cell(row, i)` is the
    /// text of column `i` (see [`Columns::validate_row`]), with their duplicates: the same
    /// person or RPPS number as a row that `duplicates` saw before is `duplicate` (the rows are
    /// at the positions `first..first + rows`, so that a table read in batches is checked
    /// whole). The rows are shared out among up to `threads` threads (none is started for a
    /// few hundred rows).
    ///
    /// ```
    /// use rppsplus_core::demande::{Columns, Duplicates, Options};
    /// let columns = Columns::new(["procedure", "rpps"]);
    /// let rpps = ["10107985318", "10107985319", "10107985300"];
    /// let cell = |row: usize, i: usize| Some(if i == 0 { "fermeture_situation" } else { rpps[row % 3] });
    /// let mut duplicates = Duplicates::by_index();
    /// let reports = columns.validate_rows(0, 1000, cell, &Options::default(), 2, &mut duplicates);
    /// assert_eq!(reports.len(), 1000);
    /// assert!(reports[1].findings().iter().any(|f| f.code == "invalid_checksum"));
    /// assert!(!reports[0].findings().iter().any(|f| f.code == "duplicate"));
    /// assert!(reports[3].findings().iter().any(|f| f.code == "duplicate"));
    /// ```
    pub fn validate_rows<'a, F>(
        &self,
        first: usize,
        rows: usize,
        cell: F,
        options: &Options,
        threads: usize,
        duplicates: &mut Duplicates,
    ) -> Vec<Report>
    where
        F: Fn(usize, usize) -> Option<&'a str> + Sync,
    {
        let run = |rows: std::ops::Range<usize>| {
            rows.map(|row| validate_fields(&self.fields(|i| cell(row, i).map(Cow::Borrowed)), options, Keyed::Yes))
                .collect::<Vec<_>>()
        };
        let mut reports: Vec<Report> = crate::runs::in_runs(rows, threads, ROWS_PER_THREAD, run)
            .into_iter()
            .flatten()
            .collect();
        for (row, report) in reports.iter_mut().enumerate() {
            duplicates.check(first + row, report);
        }
        reports
    }
}

/// Validates one demande given as a row with its column names (a data frame's row, a flat
/// mapping with dotted keys), as a collection file's row is (docs/domain.md §4.6): a `None`
/// cell is absent. The findings about the columns (an unknown name) come first.
///
/// ```
/// use rppsplus_core::demande::{Options, validate_row};
/// let row = [
///     ("procedure", Some("fermeture_situation")),
///     ("rpps", Some("10107985318")),
///     ("situation.id", Some("S1")),
///     ("situation.date_fin_fonction", None),
///     ("confirmations.cgu_acceptees", Some("oui")),
///     ("confirmations.rencontre_en_personne", Some("oui")),
/// ];
/// let report = validate_row(row, &Options::default());
/// let found: Vec<(String, &str)> = report.findings().iter().map(|f| (f.path.to_string(), f.code.as_str())).collect();
/// assert_eq!(found, [("situation.date_fin_fonction".to_owned(), "required")]);
/// ```
pub fn validate_row<'a>(row: impl IntoIterator<Item = (&'a str, Option<&'a str>)>, options: &Options) -> Report {
    let (names, cells): (Vec<&str>, Vec<Option<&str>>) = row.into_iter().unzip();
    let columns = Columns::new(names);
    let report = columns.validate_row(|i| cells.get(i).copied().flatten(), options);
    columns
        .findings()
        .into_iter()
        .chain(report.findings().iter().cloned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_trimmed_and_empty_ones_absent() {
        let columns = Columns::new(["rpps", "rpps", "etat_civil.nom_naissance"]);
        let cells = [Some(Cow::Borrowed(" 10107985318\t")), Some(Cow::Borrowed("  ")), None];
        let fields = columns.fields(|i| cells[i].clone());
        assert_eq!(fields.leaves[2], Raw::Text("10107985318"));
        assert!(fields.leaves[3..13].iter().all(|l| *l == Raw::Absent));
        assert_eq!(fields.shape(Obj::EtatCivil), Shape::Absent);
        let owned = columns.fields(|i| (i == 2).then(|| Cow::Owned(" Dupont ".to_owned())));
        assert_eq!(owned.owned, ["Dupont"]);
        assert_eq!(owned.shape(Obj::EtatCivil), Shape::Object);
    }

    #[test]
    fn rows_on_threads_are_the_rows_one_by_one() {
        let columns = Columns::new(["procedure", "rpps", "situation.id"]);
        let cell = |row: usize, i: usize| match i {
            0 => Some("fermeture_situation"),
            1 => Some(if row % 3 == 0 { "10107985319" } else { "10107985318" }),
            _ => (row % 5 != 0).then_some("S1"),
        };
        let options = Options::default();
        let mut duplicates = Duplicates::by_index();
        let alone: Vec<Report> = (0..1001)
            .map(|row| {
                let mut report = validate_fields(
                    &columns.fields(|i| cell(row, i).map(Cow::Borrowed)),
                    &options,
                    Keyed::Yes,
                );
                duplicates.check(row, &mut report);
                report
            })
            .collect();
        assert!(alone[2].findings().iter().any(|f| f.code == "duplicate"));
        for threads in [1, 2, 3, 8] {
            let mut duplicates = Duplicates::by_index();
            assert_eq!(
                columns.validate_rows(0, 1001, cell, &options, threads, &mut duplicates),
                alone,
                "{threads}"
            );
        }
        let mut duplicates = Duplicates::by_index();
        assert!(
            columns
                .validate_rows(0, 0, cell, &options, 4, &mut duplicates)
                .is_empty()
        );
        // A table in two batches is checked whole.
        let mut duplicates = Duplicates::by_index();
        let mut batched = columns.validate_rows(0, 600, cell, &options, 2, &mut duplicates);
        batched.extend(columns.validate_rows(600, 401, |row, i| cell(600 + row, i), &options, 2, &mut duplicates));
        assert_eq!(batched, alone);
    }

    #[test]
    fn unknown_columns_are_the_tables_findings() {
        let columns = Columns::new(["procedure", "nom"]);
        let findings = columns.findings();
        assert_eq!((findings.len(), findings[0].code.as_str()), (1, "invalid_csv"));
        assert!(findings[0].message.contains("« nom »"), "{}", findings[0].message);
        assert_eq!((columns.len(), columns.is_empty()), (2, false));
    }
}
