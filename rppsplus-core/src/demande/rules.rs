//! The rules of SPEC.md §4 over a typed demande: mandatory and must-be-absent fields per
//! procedure, nomenclature membership at the reference date, cross-field rules and the
//! confirmations at stage submit. Each rule adds findings; none stops the others.

use std::sync::LazyLock;

use chrono::{Datelike, Months, NaiveDate};

use super::messages::{about, not_applicable, required};
use super::model::Procedure;
use super::report::{Finding, Path, Report, Severity};
use super::view::View;
use super::{Actor, Options, Stage};
use crate::FindingCode;
use crate::ids::{Mode, ParseError};
use crate::nomenclature::{self, CodeError, Field};

/// Runs every rule on `d`. Fields already reported by the reader (`report` has a finding
/// at their path) are not reported again as missing.
pub(crate) fn check(d: &View<'_>, o: &Options, report: &mut Report) {
    let Some(procedure) = d.procedure else {
        if !report.has_finding_at("procedure") {
            report.push(required("procedure"));
        }
        return;
    };
    let need = |present: bool, path: &'static str, report: &mut Report| {
        if !present && !report.has_finding_at(path) {
            report.push(required(path));
        }
    };
    let absent = |present: bool, path: &'static str, report: &mut Report| {
        if present {
            report.push(not_applicable(
                path,
                "pas pour cette procédure",
                "not for this procedure",
            ));
        }
    };
    let primo = procedure == Procedure::PrimoEnregistrement;
    if primo {
        absent(d.rpps.is_some(), "rpps", report);
    } else {
        need(d.rpps.is_some(), "rpps", report);
        absent(d.etat_civil, "etat_civil", report);
    }
    match procedure {
        Procedure::PrimoEnregistrement => {
            if d.etat_civil {
                etat_civil_required(d, report);
            } else {
                need(false, "etat_civil", report);
            }
            need(d.email_given, "contact.email", report);
            need(d.telephone_mobile.is_some(), "contact.telephone_mobile", report);
            full_situation(d, report);
        }
        Procedure::AjoutSituation => full_situation(d, report),
        Procedure::AnnulationSituation => need(d.situation_id.is_some(), "situation.id", report),
        Procedure::ModificationInformations => {
            need(d.email_given || d.telephone_mobile.is_some(), "contact", report);
        }
        Procedure::FermetureSituation => {
            need(d.situation_id.is_some(), "situation.id", report);
            need(d.date_fin_fonction.is_some(), "situation.date_fin_fonction", report);
            let why = (
                "une fermeture ne modifie que la date et le motif de fin",
                "a closing only sets the end date and reason",
            );
            for (present, path, _) in situation_fields(d) {
                if present {
                    report.push(not_applicable(path, why.0, why.1));
                }
            }
        }
        Procedure::ModificationNomPrenomExercice => {
            need(
                d.nom_exercice.is_some() || d.prenom_exercice.is_some(),
                "situation.nom_exercice",
                report,
            );
        }
    }
    identifiers(d, o, report);
    etat_civil_rules(d, o, report);
    situation_rules(d, o, report);
    if primo && o.stage == Stage::Submit {
        confirmations(d, o, report);
    }
}

fn etat_civil_required(d: &View<'_>, report: &mut Report) {
    let mut need = |present: bool, path: &'static str| {
        if !present && !report.has_finding_at(path) {
            report.push(required(path));
        }
    };
    need(d.civilite.is_some(), "etat_civil.civilite");
    need(d.sexe.is_some(), "etat_civil.sexe");
    need(d.nom_naissance.is_some(), "etat_civil.nom_naissance");
    need(d.prenoms.count() > 0, "etat_civil.prenoms[0]");
    need(d.date_naissance.is_some(), "etat_civil.date_naissance");
    need(d.pays_naissance.is_some(), "etat_civil.pays_naissance");
}

/// The fields that describe a situation (all but its id and its end), whether each is
/// given, and whether a full situation requires it (000_e01a67b7fc8c4691.txt §3.4:
/// `mode_exercice` is optional, absent meaning salarié).
fn situation_fields(d: &View<'_>) -> [(bool, &'static str, bool); 7] {
    [
        (d.nom_exercice.is_some(), "situation.nom_exercice", true),
        (d.prenom_exercice.is_some(), "situation.prenom_exercice", true),
        (d.structure, "situation.structure", true),
        (d.profession.is_some(), "situation.profession", true),
        (d.role.is_some(), "situation.role", true),
        (d.mode_exercice.is_some(), "situation.mode_exercice", false),
        (d.date_prise_fonction.is_some(), "situation.date_prise_fonction", true),
    ]
}

/// The fields a full situation requires.
fn full_situation(d: &View<'_>, report: &mut Report) {
    for (present, path, needed) in situation_fields(d) {
        if needed && !present && !report.has_finding_at(path) {
            report.push(required(path));
        }
    }
}

/// Warnings and mode rules on identifiers already parsed.
fn identifiers(d: &View<'_>, o: &Options, report: &mut Report) {
    if d.rpps.is_some_and(|r| r.is_test()) {
        report.push(test_identity("rpps", o.mode));
    }
    if d.telephone_mobile.is_some_and(|m| m.is_foreign()) {
        report.push(about(
            "contact.telephone_mobile",
            FindingCode::ForeignNumber,
            Severity::Warning,
            "numéro étranger, seule sa forme internationale a été vérifiée",
            "foreign number, only its international form was checked",
        ));
    }
}

/// A test RPPS: an error in strict mode, a warning in test mode.
pub(crate) fn test_identity(path: &'static str, mode: Mode) -> super::report::Finding {
    match mode {
        Mode::Strict => about(
            path,
            FindingCode::InvalidComponent,
            Severity::Error,
            "identifiant de test (un numéro RPPS commence par 1)",
            "test identity (an RPPS number starts with 1)",
        ),
        Mode::Test => about(
            path,
            FindingCode::TestIdentifier,
            Severity::Warning,
            "identifiant de test, accepté en mode test",
            "test identity, accepted in test mode",
        ),
    }
}

/// A code checked against its field at the reference date.
/// The coded fields of the portal, resolved once.
struct Portal {
    civilite: Option<Field>,
    sexe: Option<Field>,
    profession: Option<Field>,
    role: Option<Field>,
    mode_exercice: Option<Field>,
    motif_fin: Option<Field>,
}

static PORTAL: LazyLock<Portal> = LazyLock::new(|| {
    let field = |name| nomenclature::field(name).ok();
    Portal {
        civilite: field("civilite"),
        sexe: field("sexe"),
        profession: field("profession"),
        role: field("role"),
        mode_exercice: field("mode-exercice"),
        motif_fin: field("motif-fin"),
    }
});

fn code(field: Option<Field>, path: &'static str, value: Option<&str>, at: NaiveDate, report: &mut Report) {
    let (Some(value), Some(f)) = (value, field) else { return };
    if let Err(e) = f.check(value, at) {
        report.push(code_finding(path, &e));
    }
}

/// The finding of a code refused by its field.
pub(crate) fn code_finding(path: &'static str, e: &CodeError) -> super::report::Finding {
    let (fr, en) = (e.message_fr(), e.message_en());
    about(path, e.code(), Severity::Error, &fr, &en)
}

fn etat_civil_rules(ec: &View<'_>, o: &Options, report: &mut Report) {
    let at = o.reference_date;
    code(PORTAL.civilite, "etat_civil.civilite", ec.civilite, at, report);
    match ec.sexe {
        Some(s @ ("O" | "UN")) if PORTAL.sexe.is_some_and(|f| f.check(s, at).is_ok()) => {
            report.push(about(
                "etat_civil.sexe",
                FindingCode::CodeNotAllowed,
                Severity::Warning,
                "le portail attend M ou F",
                "the portal expects M or F",
            ));
        }
        other => code(PORTAL.sexe, "etat_civil.sexe", other, at, report),
    }
    if let (Some(c), Some(s)) = (ec.civilite, ec.sexe) {
        if matches!((c, s), ("M", "F") | ("MME", "M")) {
            report.push(about(
                "etat_civil.sexe",
                FindingCode::Inconsistent,
                Severity::Warning,
                "la civilité et le sexe ne correspondent pas",
                "the civility and the sex do not match",
            ));
        }
    }
    name("etat_civil.nom_naissance", ec.nom_naissance, report);
    name("etat_civil.nom_usage", ec.nom_usage, report);
    if ec.prenoms.count() > 3 {
        report.push(about(
            "etat_civil.prenoms",
            FindingCode::InvalidLength,
            Severity::Error,
            "trois prénoms au plus",
            "three first names at most",
        ));
    }
    ec.prenoms.each(|i, p| {
        if let Some(finding) = name_finding(p, || Path::from("etat_civil.prenoms").index(i)) {
            report.push(finding);
        }
    });
    if let Some(born) = ec.date_naissance {
        if born > at {
            report.push(about(
                "etat_civil.date_naissance",
                FindingCode::OutOfRange,
                Severity::Error,
                "la date est dans le futur",
                "the date is in the future",
            ));
        } else if born.year() < 1900 {
            report.push(about(
                "etat_civil.date_naissance",
                FindingCode::OutOfRange,
                Severity::Error,
                "la date est antérieure à 1900",
                "the date is before 1900",
            ));
        }
    }
    birth_place(ec, report);
}

/// Born in France: commune required, lieu absent; born abroad: the opposite.
fn birth_place(ec: &View<'_>, report: &mut Report) {
    let Some(pays) = ec.pays_naissance else { return };
    if let Err(e) = pays.resolve() {
        report.push(parse_finding("etat_civil.pays_naissance", &e));
        return;
    }
    if pays.is_france() {
        match ec.commune_naissance {
            None if !report.has_finding_at("etat_civil.commune_naissance") => {
                report.push(required("etat_civil.commune_naissance"));
            }
            None => {}
            Some(code) => match code.resolve() {
                Err(e) => report.push(parse_finding("etat_civil.commune_naissance", &e)),
                Ok(r) if r.from_old_code => report.push(about(
                    "etat_civil.commune_naissance",
                    FindingCode::OldCode,
                    Severity::Warning,
                    "ancien code commune, remplacé par le code actuel",
                    "old commune code, replaced by the current code",
                )),
                Ok(r) if !r.also_postal_code_of.is_empty() => report.push(about(
                    "etat_civil.commune_naissance",
                    FindingCode::AlsoPostalCode,
                    Severity::Warning,
                    "ce code est aussi un code postal : vérifiez qu'il s'agit bien du code commune INSEE",
                    "this code is also a postal code: check it is the INSEE commune code",
                )),
                Ok(_) => {}
            },
        }
        if ec.lieu_naissance.is_some() {
            report.push(not_applicable(
                "etat_civil.lieu_naissance",
                "né en France, la commune suffit",
                "born in France, the commune is enough",
            ));
        }
    } else {
        if ec.commune_naissance.is_some() {
            report.push(not_applicable(
                "etat_civil.commune_naissance",
                "né à l'étranger, indiquer le lieu de naissance",
                "born abroad, give the place of birth",
            ));
        }
        if ec.lieu_naissance.is_none() && !report.has_finding_at("etat_civil.lieu_naissance") {
            report.push(required("etat_civil.lieu_naissance"));
        }
    }
}

/// The finding of an identifier or code refused when parsed; the message never repeats
/// the value (a postal code typed as a birth commune does not name the communes it serves:
/// that would tell the birth place).
pub(crate) fn parse_finding(path: &'static str, e: &ParseError) -> super::report::Finding {
    match e {
        ParseError::UnknownCode {
            postal_code_of: Some(_),
            ..
        } => about(
            path,
            e.code(),
            Severity::Error,
            "c'est un code postal, pas un code commune INSEE",
            "this is a postal code, not an INSEE commune code",
        ),
        _ => super::messages::finding(path, e.code(), Severity::Error, e.message_fr(), e.to_string()),
    }
}

/// Names: letters (accents included), spaces, hyphens and apostrophes, 1 to 100 characters.
fn name(path: &'static str, value: Option<&str>, report: &mut Report) {
    if let Some(finding) = value.and_then(|v| name_finding(v, || Path::from(path))) {
        report.push(finding);
    }
}

/// The finding of a name that breaks [`name`]'s rule, at the path made by `path` (only
/// then: a valid name costs no path string).
fn name_finding(v: &str, path: impl FnOnce() -> Path) -> Option<Finding> {
    let count = v.chars().count();
    let (code, fr, en) = if count == 0 || count > 100 {
        (
            FindingCode::InvalidLength,
            "de 1 à 100 caractères",
            "1 to 100 characters",
        )
    } else if !v.chars().all(|c| letter(c) || matches!(c, ' ' | '-' | '\'' | '’')) {
        (
            FindingCode::InvalidFormat,
            "lettres, espaces, tirets et apostrophes uniquement",
            "letters, spaces, hyphens and apostrophes only",
        )
    } else {
        return None;
    };
    Some(about(path(), code, Severity::Error, fr, en))
}

/// Whether `c` is a letter: Latin-1's accented letters (`é`, `ï`, `Ç`) answered at once,
/// Unicode's table for the rest.
fn letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{d7}' | '\u{f7}' => false,
        '\u{c0}'..='\u{ff}' => true,
        _ => c.is_alphabetic(),
    }
}

fn situation_rules(s: &View<'_>, o: &Options, report: &mut Report) {
    let at = o.reference_date;
    name("situation.nom_exercice", s.nom_exercice, report);
    name("situation.prenom_exercice", s.prenom_exercice, report);
    code(PORTAL.profession, "situation.profession", s.profession, at, report);
    code(PORTAL.role, "situation.role", s.role, at, report);
    code(
        PORTAL.mode_exercice,
        "situation.mode_exercice",
        s.mode_exercice,
        at,
        report,
    );
    code(PORTAL.motif_fin, "situation.motif_fin", s.motif_fin, at, report);
    if s.structure {
        match (s.finess.is_some(), s.siret.is_some()) {
            (true, true) => report.push(about(
                "situation.structure",
                FindingCode::Inconsistent,
                Severity::Error,
                "un FINESS ou un SIRET, pas les deux (le SIRET seulement sans FINESS)",
                "a FINESS or a SIRET, not both (SIRET only without a FINESS)",
            )),
            (false, false) if !report.has_finding_at("situation.structure") => {
                report.push(required("situation.structure"))
            }
            _ => {}
        }
    }
    if let (Some(start), Some(end)) = (s.date_prise_fonction, s.date_fin_fonction) {
        if end < start {
            report.push(about(
                "situation.date_fin_fonction",
                FindingCode::Inconsistent,
                Severity::Error,
                "elle précède la date de prise de fonction",
                "it is before the start date",
            ));
        }
    }
    let Some(start) = s.date_prise_fonction else { return };
    if at.checked_add_months(Months::new(6)).is_some_and(|limit| start > limit) {
        report.push(about(
            "situation.date_prise_fonction",
            FindingCode::OutOfRange,
            Severity::Warning,
            "plus de 6 mois après la date de référence",
            "more than 6 months after the reference date",
        ));
    }
    let Some(born) = s.date_naissance else {
        return;
    };
    if start <= born {
        report.push(about(
            "situation.date_prise_fonction",
            FindingCode::Inconsistent,
            Severity::Error,
            "elle précède la date de naissance",
            "it is before the date of birth",
        ));
    } else if let Some(age) = start.years_since(born) {
        if !(16..=80).contains(&age) {
            report.push(about(
                "situation.date_prise_fonction",
                FindingCode::OutOfRange,
                Severity::Warning,
                "la personne aurait moins de 16 ans ou plus de 80 ans",
                "the person would be under 16 or over 80",
            ));
        }
    }
}

/// At stage submit: the CGU accepted, and for a gestionnaire the in-person meeting.
fn confirmations(d: &View<'_>, o: &Options, report: &mut Report) {
    let mut must_be_true = |value: Option<bool>, path: &'static str| {
        if value != Some(true) && !report.has_finding_at(path) {
            report.push(about(
                path,
                FindingCode::Required,
                Severity::Error,
                "à confirmer pour envoyer la demande",
                "must be confirmed to send the demande",
            ));
        }
    };
    must_be_true(d.cgu_acceptees, "confirmations.cgu_acceptees");
    if o.actor == Actor::Gestionnaire {
        must_be_true(d.rencontre_en_personne, "confirmations.rencontre_en_personne");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_are_unicode_letters() {
        for c in '\u{0}'..='\u{3ff}' {
            assert_eq!(letter(c), c.is_alphabetic(), "{c:?}");
        }
    }
}
