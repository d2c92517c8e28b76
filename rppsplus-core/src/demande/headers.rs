//! The headers of a collection file (docs/domain.md §4.6): each column of the file is named
//! by the JSON path of its field (`etat_civil.nom_naissance`) or by the label of the
//! portal's form (« Nom de naissance »), in any case, with or without accents, and with the
//! form's `*` of a mandatory field. [`HEADERS`] is the one table of those names: the reader
//! of a table of demandes reads headers with it, and the collection file's template writes
//! its labels.

use std::sync::LazyLock;

use super::schema::{COLUMNS, Col};
use crate::fnv::FnvMap;
use crate::nomenclature::fold;

/// The headers of one field's column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The field's JSON path, flattened with `.` (`etat_civil.nom_naissance`).
    pub path: &'static str,
    /// The label of the field in the portal's form (the ANS gestionnaire guide's screens):
    /// the header a template writes (`Nom de naissance`).
    pub label: &'static str,
    /// Other headers read as this field's (`Prénom`, `Email`).
    pub aliases: &'static [&'static str],
}

const fn header(path: &'static str, label: &'static str, aliases: &'static [&'static str]) -> Header {
    Header { path, label, aliases }
}

/// The headers of every field, in the order of [`COLUMNS`] (a test checks it). The labels
/// are the portal form's (docs/domain.md §4.1, third column); the aliases are what HR files
/// commonly write for the same field. No two fields share a name once folded (accents,
/// case and punctuation ignored: a test checks it).
///
/// ```
/// use rppsplus_core::demande::{COLUMNS, HEADERS};
/// assert_eq!(HEADERS.len(), COLUMNS.len());
/// let naissance = HEADERS.iter().find(|h| h.path == "etat_civil.commune_naissance").unwrap();
/// assert_eq!(naissance.label, "Commune de naissance");
/// ```
pub const HEADERS: [Header; 28] = [
    header("procedure", "Procédure", &["Procédures", "Type de demande"]),
    header(
        "numero",
        "Numéro de la demande",
        &["Numéro de demande", "N° de demande"],
    ),
    header("rpps", "Numéro RPPS", &["RPPS", "N° RPPS"]),
    header("etat_civil.civilite", "Civilité", &[]),
    header("etat_civil.sexe", "Sexe", &[]),
    header("etat_civil.nom_naissance", "Nom de naissance", &[]),
    header("etat_civil.nom_usage", "Nom d'usage", &[]),
    header("etat_civil.prenoms", "Prénoms", &["Prénom"]),
    header("etat_civil.date_naissance", "Date de naissance", &[]),
    header("etat_civil.pays_naissance", "Pays de naissance", &[]),
    header("etat_civil.commune_naissance", "Commune de naissance", &[]),
    header(
        "etat_civil.lieu_naissance",
        "Lieu de naissance",
        &["Lieu de naissance à l'étranger"],
    ),
    header("etat_civil.source", "Source de l'état civil", &[]),
    header(
        "contact.email",
        "Adresse email",
        &["Email", "E-mail", "Adresse e-mail", "Adresse mail", "Courriel"],
    ),
    header(
        "contact.telephone_mobile",
        "Téléphone mobile",
        &["Mobile", "Téléphone portable"],
    ),
    header(
        "situation.id",
        "Situation d'exercice",
        &["Identifiant de la situation", "N° de situation"],
    ),
    header("situation.nom_exercice", "Nom d'exercice", &[]),
    header("situation.prenom_exercice", "Prénom d'exercice", &[]),
    header(
        "situation.structure.finess",
        "FINESS géographique",
        &["Établissement", "FINESS", "N° FINESS"],
    ),
    header("situation.structure.siret", "SIRET", &["N° SIRET"]),
    header("situation.profession", "Profession", &[]),
    header("situation.role", "Rôle", &[]),
    header("situation.mode_exercice", "Mode d'exercice", &[]),
    header("situation.date_prise_fonction", "Date de prise de fonction", &[]),
    header("situation.date_fin_fonction", "Date de fin de fonction", &[]),
    header("situation.motif_fin", "Motif de fin", &["Motif de fin de fonction"]),
    header("confirmations.cgu_acceptees", "CGU acceptées", &["Acceptation des CGU"]),
    header(
        "confirmations.rencontre_en_personne",
        "Rencontre en personne",
        &["Professionnel rencontré en personne"],
    ),
];

/// The second and third prénoms as the portal's form has them, each in its own column
/// (« Deuxième prénom », « Troisième prénom »): read as the 2nd and 3rd of `etat_civil.prenoms`.
pub const MORE_PRENOMS: [&str; 2] = ["Deuxième prénom", "Troisième prénom"];

/// What a column fills: a field (its position in [`COLUMNS`]), and for the prénoms the
/// position of the prénom (0 for a column of all the prénoms, separated by `,`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Place {
    pub(crate) field: usize,
    pub(crate) part: u8,
}

/// Every name of every column, folded, with the place it names.
static NAMES: LazyLock<FnvMap<String, Place>> = LazyLock::new(|| {
    let mut names = FnvMap::default();
    for (field, h) in HEADERS.iter().enumerate() {
        for name in [h.path, h.label].iter().chain(h.aliases) {
            names.insert(fold(name), Place { field, part: 0 });
        }
    }
    for (i, name) in MORE_PRENOMS.iter().enumerate() {
        let place = Place {
            field: Col::Prenoms as usize,
            part: i as u8 + 1,
        };
        names.insert(fold(name), place);
    }
    names
});

/// The place a header names, if any: a JSON path or a label, folded (`ETAT_CIVIL.PRENOMS`,
/// `Nom de naissance *`, `date de naissance`).
pub(crate) fn place(name: &str) -> Option<Place> {
    // Most headers are JSON paths, as written.
    if let Some(field) = COLUMNS.iter().position(|c| *c == name) {
        return Some(Place { field, part: 0 });
    }
    NAMES.get(&fold(name)).copied()
}

/// docs/domain.md §4.6's table of the headers, in Markdown.
#[cfg(test)]
fn headers_table() -> String {
    let mut out = String::from("| field | label (the template's header) | also read |\n|---|---|---|\n");
    for h in HEADERS {
        let mut also: Vec<String> = h.aliases.iter().map(|a| format!("« {a} »")).collect();
        if h.path == "etat_civil.prenoms" {
            also.extend(MORE_PRENOMS.iter().map(|p| format!("« {p} » (one prénom)")));
        }
        let also = if also.is_empty() {
            "—".to_owned()
        } else {
            also.join(", ")
        };
        out.push_str(&format!("| `{}` | « {} » | {also} |\n", h.path, h.label));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// docs/domain.md §4.6 shows the headers as the reader reads them.
    /// `RPPSPLUS_BLESS=1 cargo test -p rppsplus-core --lib headers` rewrites it.
    #[test]
    fn the_docs_show_the_headers() {
        crate::demande::generated_in_docs("headers.rs", "headers", &[("headers", headers_table())]);
    }

    #[test]
    fn headers_follow_the_columns_and_no_name_is_shared() {
        let paths: Vec<&str> = HEADERS.iter().map(|h| h.path).collect();
        assert_eq!(paths, COLUMNS);
        let mut seen = std::collections::HashMap::new();
        for (field, h) in HEADERS.iter().enumerate() {
            for name in [h.path, h.label].iter().chain(h.aliases) {
                if let Some(other) = seen.insert(fold(name), field) {
                    assert_eq!(other, field, "{name} names two fields");
                }
            }
        }
        for name in MORE_PRENOMS {
            assert!(!seen.contains_key(&fold(name)), "{name}");
        }
    }

    #[test]
    fn any_case_accents_and_the_forms_star() {
        let at = |name| place(name).map(|p| (COLUMNS[p.field], p.part));
        assert_eq!(at("etat_civil.nom_naissance"), Some(("etat_civil.nom_naissance", 0)));
        assert_eq!(at("ETAT_CIVIL.NOM_NAISSANCE"), Some(("etat_civil.nom_naissance", 0)));
        assert_eq!(at("Nom de naissance *"), Some(("etat_civil.nom_naissance", 0)));
        assert_eq!(at("date de naissance"), Some(("etat_civil.date_naissance", 0)));
        assert_eq!(at("FINESS GÉOGRAPHIQUE"), Some(("situation.structure.finess", 0)));
        assert_eq!(at("Role"), Some(("situation.role", 0)));
        assert_eq!(at("Troisième prénom"), Some(("etat_civil.prenoms", 2)));
        assert_eq!(at("remarque"), None);
        assert_eq!(at(""), None);
    }
}
