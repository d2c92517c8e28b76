//! Cells of a collection file that hold a label instead of a code (docs/domain.md §4.6):
//! « Madame », « Educateur spécialisé », « France », « Marseille 3e Arrondissement (13203) »,
//! « 970405593 - SESSAD DI » (the portal's own displays). Each is resolved through the
//! nomenclatures to the one code it names; a label that names several codes is a finding
//! that lists them (for the état civil, without naming them: docs/domain.md §7).

use chrono::NaiveDate;

use super::messages::Msg;
use super::report::Finding;
use super::rules::Portal;
use crate::nomenclature::commune::{self, Commune};
use crate::nomenclature::{Code, fold};

/// What the text of a coded cell is.
pub(crate) enum Resolved<'a> {
    /// The code it names.
    Code(&'a str),
    /// Not a label of the field: judged as given.
    AsGiven,
    /// A label of several codes, or a code with another code's label: the finding.
    Refused(Finding),
}

/// The code of the label `text` of a portal field, at the reference date `at`, when `text`
/// is no code of it: a label, a short label or a display label; `CODE - label` or
/// `label (CODE)`, whose label must be the code's. Of several codes with the label, the one
/// the field offers at `at`, if only one.
pub(crate) fn code(field: Portal, path: &'static str, text: &str, at: NaiveDate) -> Resolved<'static> {
    let f = field.field();
    if let Some((code, label)) = code_and_label(text) {
        return match f.get(code) {
            Some(c) if f.labelled(label).iter().any(|l| l.code() == c.code()) => Resolved::Code(c.code()),
            Some(_) => Resolved::Refused(Msg::LabelNotTheCodes.at(path, &[])),
            None => Resolved::AsGiven,
        };
    }
    let candidates = f.labelled(text);
    let offered: Vec<&Code> = candidates
        .iter()
        .copied()
        .filter(|c| f.check(c.code(), at).is_ok())
        .collect();
    match (candidates.as_slice(), offered.as_slice()) {
        ([], _) => Resolved::AsGiven,
        ([one], _) | (_, [one]) => Resolved::Code(one.code()),
        (many, _) => Resolved::Refused(ambiguous(
            path,
            many.iter().map(|c| format!("{} ({})", c.code(), c.label())),
        )),
    }
}

/// The INSEE code of the birth commune named `text`: a name, `name (CODE)` (the portal's
/// display), or `name (DÉPARTEMENT)`.
pub(crate) fn commune(path: &'static str, text: &str) -> Resolved<'static> {
    // A code (`13203`, `2A004`) or a number (`1055`) is judged as given: no name search.
    if text.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return Resolved::AsGiven;
    }
    let (name, within) = match code_and_label(text) {
        Some((code, name)) => match commune::get(code) {
            Some(c) if same(c.name(), name) => return Resolved::Code(c.code()),
            Some(_) => return Resolved::Refused(Msg::LabelNotTheCodes.at(path, &[])),
            // `Saint-Denis (93)`: a département.
            None => (name, Some(code)),
        },
        None => (text, None),
    };
    let named: Vec<Commune> = commune::named(name)
        .into_iter()
        .filter(|c| within.is_none_or(|d| c.departement() == d))
        .collect();
    match named.as_slice() {
        [] => Resolved::AsGiven,
        [one] => Resolved::Code(one.code()),
        // The candidates would tell the birth place: not listed.
        _ => Resolved::Refused(Msg::LabelAmbiguousHidden.at(path, &[])),
    }
}

/// A FINESS or SIRET given as the portal shows an établissement (`970405593 - SESSAD DI`):
/// the number before ` - ` (the name cannot be checked: no table of établissements).
pub(crate) fn structure_number(text: &str) -> Resolved<'_> {
    if memchr::memchr(b'-', text.as_bytes()).is_none() {
        return Resolved::AsGiven;
    }
    match text.split_once(" - ") {
        Some((number, _)) => Resolved::Code(number.trim()),
        None => Resolved::AsGiven,
    }
}

/// The finding of a label that several codes have, listing them.
fn ambiguous(path: &'static str, codes: impl Iterator<Item = String>) -> Finding {
    let listed: Vec<String> = codes.collect();
    let (fr, en) = (listed.join(" ; "), listed.join("; "));
    if path.starts_with("etat_civil.") {
        return Msg::LabelAmbiguousHidden.at(path, &[]);
    }
    Msg::LabelAmbiguous.at_in(path, &[&fr], &[&en])
}

/// `CODE - label` or `label (CODE)`: the code and the label.
fn code_and_label(text: &str) -> Option<(&str, &str)> {
    if let Some((code, label)) = text.split_once(" - ") {
        return Some((code.trim(), label.trim()));
    }
    let inner = text.strip_suffix(')')?;
    let (label, code) = inner.rsplit_once('(')?;
    Some((code.trim(), label.trim()))
}

/// Whether two labels are the same, accents, case and punctuation ignored.
fn same(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn resolved(field: Portal, text: &str) -> Result<Option<&'static str>, String> {
        match code(field, "situation.profession", text, at()) {
            Resolved::Code(c) => Ok(Some(c)),
            Resolved::AsGiven => Ok(None),
            Resolved::Refused(f) => Err(f.message),
        }
    }

    #[test]
    fn labels_name_their_code() {
        assert_eq!(resolved(Portal::Profession, "Educateur spécialisé"), Ok(Some("326")));
        assert_eq!(
            resolved(Portal::Profession, "326 - Educateur spécialisé"),
            Ok(Some("326"))
        );
        assert_eq!(
            resolved(Portal::Role, "coordination et orientation"),
            Ok(Some("GENR08"))
        );
        assert_eq!(resolved(Portal::Civilite, "Madame"), Ok(Some("MME")));
        assert_eq!(resolved(Portal::Pays, "France"), Ok(Some("99100")));
        assert_eq!(resolved(Portal::ModeExercice, "Salarié"), Ok(Some("S")));
        assert_eq!(resolved(Portal::Profession, "Éducateur"), Ok(None));
        let mismatch = resolved(Portal::Profession, "326 - Infirmier").unwrap_err();
        assert!(mismatch.contains("ne porte pas ce libellé"), "{mismatch}");
    }

    #[test]
    fn communes_by_name_code_or_departement() {
        let commune = |text| match commune("etat_civil.commune_naissance", text) {
            Resolved::Code(c) => Ok(Some(c)),
            Resolved::AsGiven => Ok(None),
            Resolved::Refused(f) => Err(f.message),
        };
        assert_eq!(commune("Marseille 3e Arrondissement (13203)"), Ok(Some("13203")));
        assert_eq!(commune("MARSEILLE 3E ARRONDISSEMENT"), Ok(Some("13203")));
        assert_eq!(commune("Saint-Denis (93)"), Ok(Some("93066")));
        let ambiguous = commune("Saint-Denis").unwrap_err();
        assert!(
            !ambiguous.contains("93066"),
            "the candidates are not named: {ambiguous}"
        );
        assert!(commune("Lyon (13203)").is_err());
        assert_eq!(commune("Nulle-Part"), Ok(None));
        assert!(matches!(
            structure_number("970405593 - SESSAD DI"),
            Resolved::Code("970405593")
        ));
    }
}
