//! A table of demandes (docs/domain.md §4.6): one demande per row, one field per column,
//! each column named by the JSON path of its field flattened with `.`
//! (`etat_civil.nom_naissance`) or by the label of the portal's form (« Nom de naissance »:
//! `headers.rs`). A collection file's rows (`csv/`), a data frame's rows (an Arrow table
//! given to the Python face) and one row given with its column names (a flat mapping with
//! dotted keys) are all read here into the fields of a demande, with a spreadsheet's
//! conventions: cells trimmed, an empty cell absent, `etat_civil.prenoms` separated by `,`
//! (or one prénom per column), dates `JJ/MM/AAAA` too, booleans `oui`/`non` and `1`/`0`. The
//! rules and messages are then those of JSON input.

use std::borrow::Cow;

use super::duplicates::Duplicates;
use super::fields::{Fields, Raw, Shape};
use super::headers::{Place, place};
use super::messages::{Label, Msg};
use super::report::{Finding, Path, Report, Segment};
use super::schema::{COLUMNS, Col, Obj};
use super::{Keyed, Options, validate_fields};

/// Rows per thread below which [`Columns::validate_rows`] starts no more threads: a row takes
/// a few microseconds, a thread some tens.
const ROWS_PER_THREAD: usize = 256;

/// What a column of a table is, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// The column of a field (or of one prénom).
    Field(Place),
    /// A column named but ignored, unknown or repeated: reported once for the table.
    Ignored,
    /// A column without a name (an empty header cell, or past the header's last cell): a
    /// value in it is reported on its row.
    Unnamed,
}

/// The columns of a table of demandes, by name: the field each one fills.
///
/// A name is a field's JSON path or its label in the portal's form, in any case, with or
/// without accents and the form's `*` ([`HEADERS`](super::HEADERS)). A column whose name is
/// no field's is ignored, and so is a second column of the same field (the first counts):
/// both are reported once for the table by [`Columns::findings`] (`invalid_csv`).
///
/// ```
/// use rppsplus_core::demande::{Columns, Options};
/// let columns = Columns::new([
///     "procedure", "Numéro RPPS", "situation.id", "situation.date_fin_fonction", "remarque",
///     "confirmations.cgu_acceptees", "confirmations.rencontre_en_personne",
/// ]);
/// assert!(columns.findings()[0].message_en.contains("column 5 of the header, 'remarque', is unknown"));
/// let row = ["fermeture_situation", " 10107985318 ", "S1", "31/01/2026", "à rappeler", "oui", "1"];
/// let report = columns.validate_row(|i| row.get(i).copied(), &Options::default());
/// assert!(report.is_valid(), "{:?}", report.findings());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    slots: Vec<Slot>,
    /// The columns up to the last one with a name: in a file, empty cells past them are
    /// Excel's extra `;`, not missing cells.
    named: usize,
    /// Whether a column holds one prénom of several ([`MORE_PRENOMS`](super::MORE_PRENOMS)).
    prenom_parts: bool,
    /// The findings about the columns: an unknown name, a field named twice.
    findings: Report,
}

impl Columns {
    /// The columns named `names`, in table order (trimmed here). A column without a name is
    /// ignored silently: a file reports a value under it on its row.
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Self {
        let mut findings = Report::of_file();
        let mut columns = Self::read(names, &mut findings);
        columns.findings = findings;
        columns
    }

    /// The columns named `names`, whose findings go to `file` (kept up to
    /// [`MAX_FINDINGS`](super::MAX_FINDINGS), as any report's: a header of 400 000 unknown
    /// columns is not 400 000 findings).
    pub(super) fn read<S: AsRef<str>>(names: impl IntoIterator<Item = S>, file: &mut Report) -> Self {
        let mut columns = Self {
            slots: Vec::new(),
            named: 0,
            prenom_parts: false,
            findings: Report::of_file(),
        };
        let label = Label::file();
        for (i, name) in names.into_iter().enumerate() {
            let name = name.as_ref().trim();
            let position = (i + 1).to_string();
            // The name is the user's: cut to 80 characters.
            let shown: String = name.chars().take(80).collect();
            let slot = match place(name) {
                _ if name.is_empty() => Slot::Unnamed,
                None => {
                    let args = [position.as_str(), shown.as_str()];
                    file.push(Msg::UnknownColumn.labelled(Path::ROOT, &label, &args, &args));
                    Slot::Ignored
                }
                Some(p) => match columns.slots.iter().position(|s| *s == Slot::Field(p)) {
                    Some(earlier) => {
                        let earlier = (earlier + 1).to_string();
                        let args = [position.as_str(), shown.as_str(), earlier.as_str()];
                        file.push(Msg::RepeatedColumn.labelled(Path::ROOT, &label, &args, &args));
                        Slot::Ignored
                    }
                    None => Slot::Field(p),
                },
            };
            if !name.is_empty() {
                columns.named = i + 1;
            }
            columns.prenom_parts |= matches!(slot, Slot::Field(p) if p.part > 0);
            columns.slots.push(slot);
        }
        columns
    }

    /// The number of columns.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether there is no column.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The findings about the columns themselves, which belong to the table and not to a
    /// demande: an `invalid_csv` error per unknown or repeated column.
    pub fn findings(&self) -> &[Finding] {
        self.findings.findings()
    }

    /// The column that holds the field a finding's `path` names, if the table has one: the
    /// field's column (for `etat_civil.prenoms[i]`, the column of that prénom when each has
    /// its own); for an object (`situation.structure`), the first column of a field under it.
    /// `None` for the whole demande and a field without a column.
    ///
    /// ```
    /// use rppsplus_core::demande::{Columns, Path};
    /// let columns = Columns::new(["Prénom", "Deuxième prénom", "procedure", "FINESS géographique"]);
    /// assert_eq!(columns.column_of(&Path::from("etat_civil.prenoms").index(1)), Some(1));
    /// assert_eq!(columns.column_of(&Path::from("etat_civil.prenoms").index(0)), Some(0));
    /// assert_eq!(columns.column_of(&Path::from("situation.structure")), Some(3));
    /// assert_eq!(columns.column_of(&Path::from("rpps")), None);
    /// assert_eq!(columns.column_of(&Path::ROOT), None);
    /// ```
    pub fn column_of(&self, path: &Path) -> Option<usize> {
        let field = path.field();
        if field.is_empty() {
            return None;
        }
        let part = match path.segments().last() {
            Some(Segment::Index(i)) if self.prenom_parts => u8::try_from(*i).ok(),
            _ => None,
        };
        let at = |wanted: &dyn Fn(Place) -> bool| {
            (self.slots.iter()).position(|s| matches!(s, Slot::Field(p) if wanted(*p)))
        };
        if let Some(field) = COLUMNS.iter().position(|c| *c == field) {
            return part
                .and_then(|part| at(&|p| p.field == field && p.part == part))
                .or_else(|| at(&|p| p.field == field));
        }
        let under = format!("{field}.");
        at(&|p| COLUMNS[p.field].starts_with(&under))
    }

    /// The columns up to the last one with a name.
    pub(super) fn named(&self) -> usize {
        self.named
    }

    /// The JSON path of the field column `column` fills; `None` for a column ignored or
    /// without a name.
    #[cfg(feature = "xlsx")]
    pub(super) fn path_of(&self, column: usize) -> Option<&'static str> {
        match self.slots.get(column)? {
            Slot::Field(place) => super::COLUMNS.get(place.field).copied(),
            Slot::Ignored | Slot::Unnamed => None,
        }
    }

    /// The fields of one row of `cells` cells, whose `cell(i)` is the text of column `i`
    /// (`None`: no cell, or a null one), and the first column without a name that holds a
    /// value. Texts are trimmed; an empty one is absent. An object is given when one of its
    /// fields is.
    // Inlined into each caller: a collection file's cells are its hot loop (not inlined, the
    // fields are copied out of the call: 1 % more instructions a CSV row).
    #[inline(always)]
    pub(super) fn fields<'a>(
        &self,
        cells: usize,
        mut cell: impl FnMut(usize) -> Option<Cow<'a, str>>,
    ) -> (Fields<'a>, Option<usize>) {
        let mut fields = Fields::new(true);
        // The prénoms given one per column, when the header has such columns.
        let mut prenoms: [Option<Cow<'a, str>>; 3] = Default::default();
        let mut unnamed_value = None;
        for i in 0..cells {
            let place = match self.slots.get(i).copied().unwrap_or(Slot::Unnamed) {
                Slot::Field(place) => place,
                Slot::Ignored => continue,
                Slot::Unnamed => {
                    if unnamed_value.is_none() && cell(i).is_some_and(|t| !t.trim_ascii().is_empty()) {
                        unnamed_value = Some(i);
                    }
                    continue;
                }
            };
            let Some(text) = cell(i).and_then(trimmed) else {
                continue;
            };
            if self.prenom_parts && place.field == Col::Prenoms as usize {
                prenoms[usize::from(place.part)] = Some(text);
                continue;
            }
            fields.leaves[place.field] = match text {
                Cow::Borrowed(text) => Raw::Text(text),
                Cow::Owned(text) => fields.own(text),
            };
        }
        if let Some(last) = prenoms.iter().rposition(Option::is_some) {
            // Each in its place: `Jean,,Marie` keeps Marie third.
            let joined: Vec<&str> = prenoms[..=last]
                .iter()
                .map(|p| p.as_deref().unwrap_or_default())
                .collect();
            fields.leaves[Col::Prenoms as usize] = fields.own(joined.join(","));
        }
        for o in Obj::ALL {
            if o == Obj::Root || fields.leaves[o.columns()].iter().any(|l| !matches!(l, Raw::Absent)) {
                fields.objects[o as usize] = Shape::Object;
            }
        }
        (fields, unnamed_value)
    }

    /// The report of one row, whose `cell(i)` is the text of column `i` (`None`: no cell, or
    /// a null one). The findings of the columns ([`Columns::findings`]) are not repeated in it.
    pub fn validate_row<'a>(&self, mut cell: impl FnMut(usize) -> Option<&'a str>, options: &Options) -> Report {
        let (fields, _) = self.fields(self.len(), |i| cell(i).map(Cow::Borrowed));
        validate_fields(&fields, options, Keyed::No)
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
            rows.map(|row| {
                let (fields, _) = self.fields(self.len(), |i| cell(row, i).map(Cow::Borrowed));
                validate_fields(&fields, options, Keyed::Yes)
            })
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

/// A cell's text trimmed, `None` when nothing is left: an empty cell is absent.
#[inline]
fn trimmed(text: Cow<'_, str>) -> Option<Cow<'_, str>> {
    match text {
        Cow::Borrowed(text) => Some(text.trim_ascii()).filter(|t| !t.is_empty()).map(Cow::Borrowed),
        Cow::Owned(text) => match text.trim_ascii() {
            "" => None,
            kept if kept.len() == text.len() => Some(Cow::Owned(text)),
            kept => Some(Cow::Owned(kept.to_owned())),
        },
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
    row_report(row, options, Keyed::No)
}

/// [`validate_row`], its keys computed when `keyed` (for the duplicates of a collection).
pub(super) fn row_report<'a>(
    row: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
    options: &Options,
    keyed: Keyed,
) -> Report {
    let (names, cells): (Vec<&str>, Vec<Option<&str>>) = row.into_iter().unzip();
    let columns = Columns::new(names);
    let (fields, _) = columns.fields(columns.len(), |i| cells.get(i).copied().flatten().map(Cow::Borrowed));
    let report = validate_fields(&fields, options, keyed);
    // Pushed one by one: the report keeps at most `MAX_FINDINGS`, as every report.
    let mut out = Report::default();
    for finding in columns.findings().iter().chain(report.findings()) {
        out.push(finding.clone());
    }
    out.keys = report.keys;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_trimmed_and_empty_ones_absent() {
        let columns = Columns::new(["rpps", "rpps", "etat_civil.nom_naissance"]);
        let cells = [Some(Cow::Borrowed(" 10107985318\t")), Some(Cow::Borrowed("  ")), None];
        let (fields, _) = columns.fields(3, |i| cells[i].clone());
        assert_eq!(fields.leaves[2], Raw::Text("10107985318"));
        assert!(fields.leaves[3..13].iter().all(|l| *l == Raw::Absent));
        assert_eq!(fields.shape(Obj::EtatCivil), Shape::Absent);
        let (owned, _) = columns.fields(3, |i| (i == 2).then(|| Cow::Owned(" Dupont ".to_owned())));
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
                let (fields, _) = columns.fields(3, |i| cell(row, i).map(Cow::Borrowed));
                let mut report = validate_fields(&fields, &options, Keyed::Yes);
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
    fn a_rows_report_keeps_at_most_max_findings() {
        // 150 unknown columns (capped among the columns' findings) and the row's own findings.
        let names: Vec<String> = (0..150).map(|i| format!("x.{i}")).collect();
        let row = names
            .iter()
            .map(|n| (n.as_str(), Some("1")))
            .chain([("procedure", Some("ajout_situation"))]);
        let report = validate_row(row, &Options::default());
        assert_eq!(report.findings().len(), crate::demande::MAX_FINDINGS + 1);
        assert_eq!(report.findings().last().unwrap().code, "too_many_findings");
    }

    #[test]
    fn unknown_columns_are_the_tables_findings() {
        let columns = Columns::new(["procedure", "nom"]);
        let findings = columns.findings();
        assert_eq!((findings.len(), findings[0].code.as_str()), (1, "invalid_csv"));
        assert!(findings[0].message.contains("« nom »"), "{}", findings[0].message);
        assert_eq!((columns.len(), columns.is_empty()), (2, false));
    }

    #[test]
    fn unknown_and_repeated_columns_are_the_files_findings() {
        let columns = Columns::new(["rpps", "Remarque", "", "Numéro RPPS", "procedure", "", ""]);
        let found: Vec<(&str, &str)> = columns
            .findings()
            .iter()
            .map(|f| (f.code.as_str(), f.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "invalid_csv",
                    "Le fichier : la colonne 2 de l'en-tête, « Remarque », est inconnue et ignorée ; corrigez son nom : les colonnes sont les chemins JSON des champs (etat_civil.nom_naissance…) ou les libellés du formulaire du portail (Nom de naissance…)."
                ),
                (
                    "invalid_csv",
                    "Le fichier : la colonne 4 de l'en-tête, « Numéro RPPS », nomme le même champ que la colonne 1 et est ignorée ; retirez l'une des deux colonnes."
                ),
            ]
        );
        let field = |field| Slot::Field(Place { field, part: 0 });
        let slots: Vec<Slot> = (0..8)
            .map(|i| columns.slots.get(i).copied().unwrap_or(Slot::Unnamed))
            .collect();
        assert_eq!(
            slots,
            [
                field(2),
                Slot::Ignored,
                Slot::Unnamed,
                Slot::Ignored,
                field(0),
                Slot::Unnamed,
                Slot::Unnamed,
                Slot::Unnamed
            ]
        );
        assert_eq!((columns.named, columns.prenom_parts), (5, false));
    }
}
