//! What each column of the collection file holds, for the template: free text, a date,
//! yes or no, or one value of a list (a procedure, a source, a code of the value set the
//! rules check the field against: `rules.rs`, `Portal`), its header and the explanation of
//! its header's comment, from the tables the rules read (docs/domain.md §4.2, §4.6).

use chrono::NaiveDate;

use crate::demande::rules::Portal;
use crate::demande::schema::Col;
use crate::demande::scope::{ETAT_CIVIL_REQUIRED, FIELDS_BY_PROCEDURE, Presence};
use crate::demande::{HEADERS, Procedure, Source, Stage};
use crate::nomenclature::Field;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Free text (typed as text in the template: Excel keeps leading zeros).
    Text,
    /// A date (`JJ/MM/AAAA`).
    Date,
    /// Yes or no.
    Boolean,
    /// A procedure, by its portal label.
    Procedure,
    /// The source of the état civil, by name.
    Source,
    /// A code of a portal field, as `CODE - label`.
    Coded(Portal),
}

/// The kind of the column of the field at `col` in [`COLUMNS`](crate::demande::COLUMNS).
pub(super) fn kind(col: usize) -> Kind {
    if let Some(p) = Portal::ALL.into_iter().find(|p| p.col() as usize == col) {
        return Kind::Coded(p);
    }
    const DATES: [Col; 3] = [Col::DateNaissance, Col::DatePriseFonction, Col::DateFinFonction];
    const BOOLEANS: [Col; 2] = [Col::CguAcceptees, Col::RencontreEnPersonne];
    match col {
        _ if DATES.iter().any(|c| *c as usize == col) => Kind::Date,
        _ if BOOLEANS.iter().any(|c| *c as usize == col) => Kind::Boolean,
        _ if col == Col::Procedure as usize => Kind::Procedure,
        _ if col == Col::Source as usize => Kind::Source,
        _ => Kind::Text,
    }
}

/// One value of a dropdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Choice {
    /// What the dropdown writes in the cell (`326 - Educateur spécialisé`).
    pub(super) value: String,
    /// The code (`326`).
    pub(super) code: &'static str,
    /// Its label.
    pub(super) label: &'static str,
}

/// A dropdown's values and its title on the « Codes » sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct List {
    /// The list's title: the header, and the value set's name and version.
    pub(super) title: String,
    /// The values, in the source's order.
    pub(super) choices: Vec<Choice>,
}

/// The dropdown of a column of `kind` at `at`; `None` for free text and dates.
pub(super) fn dropdown(kind: Kind, header: &str, at: NaiveDate) -> Option<List> {
    let same = |name: &'static str, label: &'static str| Choice {
        value: name.to_owned(),
        code: name,
        label,
    };
    let (title, choices) = match kind {
        Kind::Text | Kind::Date => return None,
        // One list for every yes/no column.
        Kind::Boolean => ("Oui ou non".to_owned(), vec![same("oui", "Oui"), same("non", "Non")]),
        Kind::Procedure => {
            let choices = (Procedure::ALL.iter())
                .map(|p| Choice {
                    value: p.label().to_owned(),
                    code: p.as_str(),
                    label: p.label(),
                })
                .collect();
            (header.to_owned(), choices)
        }
        Kind::Source => {
            let choices = Source::ALL.iter().map(|s| same(s.as_str(), s.as_str())).collect();
            (header.to_owned(), choices)
        }
        Kind::Coded(p) => {
            let field = p.field();
            let meta = field.meta();
            let display = |code| match field {
                Field::ValueSet(set) => set.display(code),
                Field::Table(_) => None,
            };
            let choices = (field.codes_at(at).into_iter())
                .map(|c| {
                    let label = display(c).unwrap_or(c.label());
                    Choice {
                        value: format!("{} - {label}", c.code()),
                        code: c.code(),
                        label,
                    }
                })
                .collect();
            let title = format!("{header} ({} {}, au {at})", meta.name(), meta.version());
            (title, choices)
        }
    };
    Some(List { title, choices })
}

/// What each procedure does with the field at `col`: the rows of [`FIELDS_BY_PROCEDURE`]
/// that name it or an object holding it, the état civil's own required fields, and a field
/// no row names (`numero`) may be carried by every procedure.
fn presence(col: usize, procedure: Procedure) -> Presence {
    let path = HEADERS[col].path;
    if col == Col::Procedure as usize {
        return Presence::Required;
    }
    let holds = |p: &str| path == p || path.strip_prefix(p).is_some_and(|rest| rest.starts_with('.'));
    let Some(row) = FIELDS_BY_PROCEDURE.iter().find(|r| r.paths.iter().any(|p| holds(p))) else {
        return Presence::Optional;
    };
    match row.presence(procedure) {
        Presence::Required if row.paths == ["etat_civil"] => {
            if ETAT_CIVIL_REQUIRED.iter().any(|r| r.split('[').next() == Some(path)) {
                Presence::Required
            } else {
                Presence::Optional
            }
        }
        presence => presence,
    }
}

/// Whether every procedure requires the field at `col` (when sending: the template is for
/// demandes to send): its header is marked `*`, as the portal's form marks one.
fn always_required(col: usize) -> bool {
    let stage_ok = |p: &str| {
        let holds = |r: &str| p == r || p.starts_with(&format!("{r}."));
        (FIELDS_BY_PROCEDURE.iter().find(|r| r.paths.iter().any(|r| holds(r))))
            .is_none_or(|r| r.stage.is_none_or(|s| s == Stage::Submit))
    };
    stage_ok(HEADERS[col].path) && Procedure::ALL.iter().all(|p| presence(col, *p) == Presence::Required)
}

/// The template's header of the column at `col`: the portal's label, with ` *` when
/// always required.
pub(super) fn header(col: usize) -> String {
    let label = HEADERS[col].label;
    if always_required(col) {
        format!("{label} *")
    } else {
        label.to_owned()
    }
}

/// The comment of the header at `col`: the field's JSON path, what each procedure does
/// with it, and what the cell holds.
pub(super) fn explanation(col: usize, kind: Kind) -> String {
    let procedures = |wanted: &dyn Fn(Presence) -> bool| {
        let labels: Vec<&str> = (Procedure::ALL.iter())
            .filter(|p| wanted(presence(col, **p)))
            .map(|p| p.label())
            .collect();
        labels.join(" ; ")
    };
    let mut text = format!("Champ {}.", HEADERS[col].path);
    for (title, wanted) in [
        (
            "Obligatoire",
            &(|p| p == Presence::Required) as &dyn Fn(Presence) -> bool,
        ),
        ("Au moins un des champs liés", &|p| p == Presence::OneRequired),
        ("Facultatif", &|p| p == Presence::Optional),
        ("À laisser vide", &|p| p == Presence::Absent),
    ] {
        let listed = procedures(wanted);
        if !listed.is_empty() {
            text.push_str(&format!("\n{title} : {listed}."));
        }
    }
    text.push('\n');
    text.push_str(match kind {
        Kind::Text => "Texte.",
        Kind::Date => "Date (JJ/MM/AAAA).",
        Kind::Boolean => "oui ou non (liste).",
        Kind::Procedure | Kind::Source | Kind::Coded(_) => "Une valeur de la liste (feuille « Codes »).",
    });
    text
}

/// The codes offered at `at` of every list, as `nomenclature::list` gives them: checked
/// against the dropdowns in the tests.
#[cfg(test)]
pub(super) fn listed(alias: &str, at: NaiveDate) -> Vec<&'static str> {
    crate::nomenclature::list(alias, at)
        .map(|l| l.iter().map(|e| e.code).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demande::COLUMNS;

    #[test]
    fn the_kinds_and_headers_of_the_columns() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let kinds: Vec<Kind> = (0..COLUMNS.len()).map(kind).collect();
        assert_eq!(kinds.iter().filter(|k| matches!(k, Kind::Coded(_))).count(), 7);
        assert_eq!(kinds[Col::DateFinFonction as usize], Kind::Date);
        let profession = dropdown(kinds[Col::Profession as usize], "Profession", at).unwrap();
        let codes: Vec<&str> = profession.choices.iter().map(|c| c.code).collect();
        assert_eq!(codes, listed("profession", at));
        assert!(
            profession
                .choices
                .iter()
                .any(|c| c.value == "326 - Educateur spécialisé")
        );
        let pays = dropdown(kinds[Col::PaysNaissance as usize], "Pays", at).unwrap();
        assert!(pays.choices.iter().any(|c| c.value == "99100 - France"));
        let headers: Vec<String> = (0..COLUMNS.len()).filter(|c| always_required(*c)).map(header).collect();
        assert_eq!(headers, ["Procédure *", "CGU acceptées *", "Rencontre en personne *"]);
        let rpps = explanation(Col::Rpps as usize, Kind::Text);
        assert!(rpps.contains("À laisser vide : Primo enregistrement."), "{rpps}");
        let nom_usage = explanation(Col::NomUsage as usize, Kind::Text);
        assert!(nom_usage.contains("Facultatif : Primo enregistrement."), "{nom_usage}");
        assert!(!nom_usage.contains("Obligatoire"), "{nom_usage}");
    }
}
