//! The French and English wording of findings: field labels and message templates.

use super::report::{Finding, Path, Severity};
use crate::FindingCode;

/// The French and English labels of a field, by its path (prénoms share one label).
pub(crate) fn label(path: &Path) -> (&'static str, &'static str) {
    match path.field().as_str() {
        "procedure" => ("La procédure", "The procedure"),
        "numero" => ("Le numéro de demande", "The demande number"),
        "rpps" => ("Le numéro RPPS", "The RPPS number"),
        "etat_civil" => ("L'état civil", "The civil status"),
        "etat_civil.civilite" => ("La civilité", "The civility"),
        "etat_civil.sexe" => ("Le sexe", "The sex"),
        "etat_civil.nom_naissance" => ("Le nom de naissance", "The birth name"),
        "etat_civil.nom_usage" => ("Le nom d'usage", "The used name"),
        "etat_civil.prenoms" => ("Le prénom", "The first name"),
        "etat_civil.date_naissance" => ("La date de naissance", "The date of birth"),
        "etat_civil.pays_naissance" => ("Le pays de naissance", "The country of birth"),
        "etat_civil.commune_naissance" => ("La commune de naissance", "The commune of birth"),
        "etat_civil.lieu_naissance" => ("Le lieu de naissance", "The place of birth"),
        "etat_civil.source" => ("La source de l'état civil", "The source of the civil status"),
        "contact" => ("Les coordonnées", "The contact details"),
        "contact.email" => ("L'adresse email", "The email address"),
        "contact.telephone_mobile" => ("Le téléphone mobile", "The mobile phone"),
        "situation" => ("La situation d'exercice", "The practice situation"),
        "situation.id" => ("L'identifiant de la situation", "The situation identifier"),
        "situation.nom_exercice" => ("Le nom d'exercice", "The practice surname"),
        "situation.prenom_exercice" => ("Le prénom d'exercice", "The practice first name"),
        "situation.structure" => ("La structure (FINESS ou SIRET)", "The structure (FINESS or SIRET)"),
        "situation.structure.finess" => ("Le FINESS de la structure", "The structure's FINESS"),
        "situation.structure.siret" => ("Le SIRET de la structure", "The structure's SIRET"),
        "situation.profession" => ("La profession", "The profession"),
        "situation.role" => ("Le rôle", "The role"),
        "situation.mode_exercice" => ("Le mode d'exercice", "The practice mode"),
        "situation.date_prise_fonction" => ("La date de prise de fonction", "The start date"),
        "situation.date_fin_fonction" => ("La date de fin de fonction", "The end date"),
        "situation.motif_fin" => ("Le motif de fin", "The end reason"),
        "confirmations" => ("Les confirmations", "The confirmations"),
        "confirmations.cgu_acceptees" => ("L'acceptation des CGU", "The acceptance of the terms of use"),
        "confirmations.rencontre_en_personne" => (
            "La confirmation de la rencontre en personne",
            "The confirmation of the in-person meeting",
        ),
        _ => ("Ce champ", "This field"),
    }
}

/// A finding at `path` with the given messages.
pub(crate) fn finding(path: impl Into<Path>, code: FindingCode, severity: Severity, fr: String, en: String) -> Finding {
    Finding {
        path: path.into(),
        code,
        severity,
        message: fr,
        message_en: en,
    }
}

/// `required`: the field must be given.
pub(crate) fn required(path: impl Into<Path>) -> Finding {
    let path = path.into();
    let (fr, en) = label(&path);
    finding(
        path,
        FindingCode::Required,
        Severity::Error,
        format!("{fr} est obligatoire."),
        format!("{en} is required."),
    )
}

/// `not_applicable`: the field must be absent for this procedure or case.
pub(crate) fn not_applicable(path: impl Into<Path>, why_fr: &str, why_en: &str) -> Finding {
    let path = path.into();
    let (fr, en) = label(&path);
    finding(
        path,
        FindingCode::NotApplicable,
        Severity::Error,
        format!("{fr} ne doit pas être renseigné : {why_fr}."),
        format!("{en} must be absent: {why_en}."),
    )
}

/// An error or warning with its own wording, prefixed by the field's label.
pub(crate) fn about(path: impl Into<Path>, code: FindingCode, severity: Severity, fr: &str, en: &str) -> Finding {
    let path = path.into();
    let (lfr, len) = label(&path);
    finding(path, code, severity, format!("{lfr} : {fr}."), format!("{len}: {en}."))
}
