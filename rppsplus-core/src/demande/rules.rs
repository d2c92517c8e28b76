//! The rules of docs/domain.md §4 over a typed demande: who may send it (§4.3), what its
//! procedure requires and must not carry (§4.2, both read from the tables of `scope.rs`),
//! nomenclature membership at the reference date, the cross-field and plausibility rules
//! (§4.4) and the confirmations at stage submit. Each rule adds findings; none stops the
//! others. The messages are the templates of `messages.rs`.

use std::sync::LazyLock;

use chrono::{Datelike, Months, NaiveDate};

use super::labels::{self, Resolved};
use super::messages::{Msg, label};
use super::model::{Procedure, Source};
use super::report::{Finding, Path, Report};
use super::schema::Col;
use super::scope::{
    ETAT_CIVIL_BITS, ETAT_CIVIL_REQUIRED, FIELDS_BY_PROCEDURE, MASKS, Presence, ROW_BITS, Sending, bit, sending,
};
use super::view::View;
use super::{Actor, Options};
use crate::ids::{Mode, ParseError};
use crate::nomenclature::commune::{self, Commune, CommuneKind};
use crate::nomenclature::{self, Civilite, Code, CodeError, Field, Sexe};

/// Runs every rule on `d`; the birth commune, as resolved (for the keys of the demande).
/// Fields already reported by the reader (`report` has a finding at their path) are not
/// reported again as missing.
pub(crate) fn check(d: &View<'_>, o: &Options, report: &mut Report) -> Option<Commune> {
    let Some(procedure) = d.procedure else {
        if !report.has_finding_at("procedure") {
            report.push(Msg::Required.at("procedure", &[]));
        }
        return None;
    };
    sender(d, procedure, o, report);
    scope(d, procedure, report);
    identifiers(d, o, report);
    let commune = etat_civil_rules(d, o, report);
    situation_rules(d, o, report);
    let confirmations_row = FIELDS_BY_PROCEDURE.iter().find(|row| row.stage.is_some());
    if confirmations_row.is_some_and(|row| row.stage == Some(o.stage) && row.presence(procedure) == Presence::Required)
    {
        confirmations(d, o, report);
    }
    commune
}

/// Who may send what (docs/domain.md §4.3).
fn sender(d: &View<'_>, procedure: Procedure, o: &Options, report: &mut Report) {
    match sending(o.actor, procedure) {
        Sending::Yes => {}
        Sending::No if o.actor == Actor::Rpps => report.push(Msg::NotForRpps.at("procedure", &[])),
        Sending::No => report.push(Msg::NotForProfessionnel.at("procedure", &[procedure.label()])),
        Sending::ThroughFranceConnect => {
            const SOURCE: &str = "etat_civil.source";
            if d.source != Some(Source::FranceConnect) && !report.has_finding_at(SOURCE) {
                report.push(Msg::NotThroughFranceConnect.at(SOURCE, &[]));
            }
        }
    }
}

/// What the procedure requires and must not carry (docs/domain.md §4.2), row by row of
/// [`FIELDS_BY_PROCEDURE`]; the rows of a stage (the confirmations) are checked at the end.
fn scope(d: &View<'_>, procedure: Procedure, report: &mut Report) {
    const ETAT_CIVIL: u64 = bit("etat_civil");
    let masks = MASKS[procedure as usize];
    let etat_civil_complete = || ETAT_CIVIL_BITS.iter().all(|&bit| d.has(bit));
    if masks.satisfied_by(d.given) && (masks.required & ETAT_CIVIL == 0 || etat_civil_complete()) {
        return; // Every demande that is complete, the rows need not be read one by one.
    }
    let name = [procedure.label()];
    for (row, bits) in FIELDS_BY_PROCEDURE.iter().zip(&ROW_BITS) {
        if row.stage.is_some() {
            continue;
        }
        let fields = row.paths.iter().copied().zip(bits.iter().copied());
        match row.presence(procedure) {
            Presence::Required => {
                for (path, bit) in fields {
                    if !d.has(bit) && !report.has_finding_at(path) {
                        report.push(Msg::RequiredForProcedure.at(path, &name));
                    } else if bit == ETAT_CIVIL && d.etat_civil {
                        etat_civil_required(d, &name, report);
                    }
                }
            }
            Presence::OneRequired => {
                let parent = row.paths[0].rsplit_once('.').map_or(row.paths[0], |(p, _)| p);
                if !fields.clone().any(|(_, bit)| d.has(bit)) && !report.has_finding_at(parent) {
                    let (a, b) = (label(&Path::from(row.paths[0])), label(&Path::from(row.paths[1])));
                    let ((a_fr, a_en), (b_fr, b_en)) = (a.bare(), b.bare());
                    report.push(Msg::RequiredOneOf.at_in(parent, &[a_fr, b_fr, name[0]], &[a_en, b_en, name[0]]));
                }
            }
            Presence::Optional => {}
            Presence::Absent => {
                for (path, bit) in fields {
                    if d.has(bit) {
                        report.push(Msg::NotApplicableForProcedure.at(path, &name));
                    }
                }
            }
        }
    }
}

/// The fields of the état civil a primo enregistrement requires.
fn etat_civil_required(d: &View<'_>, name: &[&str; 1], report: &mut Report) {
    for (path, bit) in ETAT_CIVIL_REQUIRED.iter().copied().zip(ETAT_CIVIL_BITS) {
        if !d.has(bit) && !report.has_finding_at(path) {
            report.push(Msg::RequiredForProcedure.at(path, name));
        }
    }
}

/// Warnings and mode rules on identifiers already parsed; the demande number's date.
fn identifiers(d: &View<'_>, o: &Options, report: &mut Report) {
    if d.rpps.is_some_and(|r| r.is_test()) {
        report.push(test_identity("rpps", o.mode));
    }
    if d.telephone_mobile.is_some_and(|m| m.is_foreign()) {
        report.push(Msg::ForeignNumber.at("contact.telephone_mobile", &[]));
    }
    // The number's day and the reference date, as `YYYYMMDD` numbers.
    let at = o.reference_date;
    let reference = at.year().unsigned_abs() * 10_000 + at.month() * 100 + at.day();
    if let Some(n) = d.numero.filter(|n| n.day_number() > reference) {
        report.push(Msg::NumeroAfterReference.at("numero", &[&n.created_at().date().to_string()]));
    }
}

/// A test RPPS: an error in strict mode, a warning in test mode.
pub(crate) fn test_identity(path: &'static str, mode: Mode) -> Finding {
    match mode {
        Mode::Strict => Msg::TestIdentity.at(path, &[]),
        Mode::Test => Msg::TestIdentityAccepted.at(path, &[]),
    }
}

/// The coded fields of the portal the rules check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Portal {
    Civilite,
    Sexe,
    Profession,
    Role,
    ModeExercice,
    MotifFin,
    Pays,
}

impl Portal {
    /// Every field, in declaration order.
    pub(crate) const ALL: [Portal; 7] = [
        Portal::Civilite,
        Portal::Sexe,
        Portal::Profession,
        Portal::Role,
        Portal::ModeExercice,
        Portal::MotifFin,
        Portal::Pays,
    ];

    /// The column of the field: the value set of [`Portal::field`] is the one its cells
    /// are checked against (and the collection file's template offers).
    pub(crate) fn col(self) -> Col {
        match self {
            Portal::Civilite => Col::Civilite,
            Portal::Sexe => Col::Sexe,
            Portal::Profession => Col::Profession,
            Portal::Role => Col::Role,
            Portal::ModeExercice => Col::ModeExercice,
            Portal::MotifFin => Col::MotifFin,
            Portal::Pays => Col::PaysNaissance,
        }
    }

    /// The nomenclature's alias of the field.
    fn alias(self) -> &'static str {
        match self {
            Portal::Civilite => "civilite",
            Portal::Sexe => "sexe",
            Portal::Profession => "profession",
            Portal::Role => "role",
            Portal::ModeExercice => "mode-exercice",
            Portal::MotifFin => "motif-fin",
            Portal::Pays => "pays",
        }
    }

    /// The field, resolved once. The embedded nomenclature has every alias (a test checks
    /// it): a misspelt alias stops every validation at once rather than skip a rule.
    pub(crate) fn field(self) -> Field {
        static FIELDS: LazyLock<[Field; 7]> = LazyLock::new(|| {
            Portal::ALL.map(|p| {
                nomenclature::field(p.alias())
                    .unwrap_or_else(|_| panic!("the embedded nomenclature has no field {}", p.alias()))
            })
        });
        FIELDS[self as usize]
    }
}

/// Checks the code `value` of `field` at the reference date, reporting it at its column when
/// refused; the code when accepted. In a spreadsheet, a value no code has may be a label,
/// read as its code ([`labels::code`]: `Madame`, `Educateur spécialisé`).
fn code<'a>(
    field: Portal,
    (value, spreadsheet): (Option<&'a str>, bool),
    at: NaiveDate,
    report: &mut Report,
) -> Option<&'a str> {
    let value = value?;
    let path = field.col().path();
    match field.field().check(value, at) {
        Ok(_) => Some(value),
        Err(CodeError::Unknown) if spreadsheet => match labels::code(field, path, value, at) {
            Resolved::Code(code) => self::code(field, (Some(code), false), at, report),
            Resolved::Refused(finding) => {
                report.push(finding);
                None
            }
            Resolved::AsGiven => {
                report.push(code_finding(path, &CodeError::Unknown, at, field.field()));
                None
            }
        },
        Err(e) => {
            report.push(code_finding(path, &e, at, field.field()));
            None
        }
    }
}

/// The finding of a code refused by its field at `at`. A code of the état civil is not
/// named (docs/domain.md §7).
pub(crate) fn code_finding(path: &'static str, e: &CodeError, at: NaiveDate, field: Field) -> Finding {
    let hidden = path.starts_with("etat_civil.");
    let named = |c: &Code| {
        if hidden {
            ("ce code".to_owned(), "this code".to_owned())
        } else {
            (
                format!("le code {} ({})", c.code(), c.label()),
                format!("code {} ({})", c.code(), c.label()),
            )
        }
    };
    let at = at.to_string();
    match e {
        CodeError::Unknown => Msg::CodeUnknown.at(path, &[field.table().meta().name]),
        CodeError::NotAllowed { code } => {
            let (fr, en) = named(code);
            Msg::CodeNotAllowed.at_in(path, &[&fr, &at], &[&en, &at])
        }
        CodeError::Deprecated { code, replaced_by: [] } => {
            let (fr, en) = named(code);
            Msg::CodeEnded.at_in(path, &[&fr, &at], &[&en, &at])
        }
        CodeError::Deprecated { code, replaced_by } => {
            let (fr, en) = named(code);
            let table = field.table();
            let with_label = |c: &&str| {
                table
                    .get(c)
                    .map_or_else(|| (*c).to_owned(), |r| format!("{c} ({})", r.label()))
            };
            let instead: Vec<String> = replaced_by.iter().map(with_label).collect();
            let (instead_fr, instead_en) = (instead.join(" ou "), instead.join(" or "));
            Msg::CodeReplaced.at_in(path, &[&fr, &at, &instead_fr], &[&en, &at, &instead_en])
        }
    }
}

/// The rules of the état civil; the birth commune, resolved to its current entry.
fn etat_civil_rules(ec: &View<'_>, o: &Options, report: &mut Report) -> Option<Commune> {
    let at = o.reference_date;
    // A code the field accepts is a value of its enum (the nomenclature's tests check it).
    let civilite =
        code(Portal::Civilite, (ec.civilite, ec.spreadsheet), at, report).and_then(|c| c.parse::<Civilite>().ok());
    let sexe = code(Portal::Sexe, (ec.sexe, ec.spreadsheet), at, report).and_then(|c| c.parse::<Sexe>().ok());
    if matches!(sexe, Some(Sexe::O | Sexe::Un | Sexe::U)) {
        report.push(Msg::SexeNotOffered.at("etat_civil.sexe", &[]));
    }
    if matches!(
        (civilite, sexe),
        (Some(Civilite::M), Some(Sexe::F)) | (Some(Civilite::Mme), Some(Sexe::M))
    ) {
        report.push(Msg::SexeCivilite.at("etat_civil.sexe", &[]));
    }
    name("etat_civil.nom_naissance", ec.nom_naissance, report);
    name("etat_civil.nom_usage", ec.nom_usage, report);
    if ec.prenoms.count() > 3 {
        report.push(Msg::TooManyPrenoms.at("etat_civil.prenoms", &[]));
    }
    ec.prenoms.each(|i, p| {
        if let Some(msg) = name_problem(p) {
            report.push(msg.at(Path::from("etat_civil.prenoms").index(i), &[]));
        }
    });
    if let Some(born) = ec.date_naissance {
        const PATH: &str = "etat_civil.date_naissance";
        if born > at {
            report.push(Msg::BornInFuture.at(PATH, &[]));
        } else if born.year() < 1900 {
            report.push(Msg::BornBefore1900.at(PATH, &[]));
        } else if at.years_since(born).is_some_and(|age| age > 100) {
            report.push(Msg::Over100.at(PATH, &[]));
        }
    }
    birth_place(ec, at, report)
}

/// The country in the portal's list at `at` (JDV_J256: 99000, France before 2016, is
/// `code_deprecated` and still France); born in France: commune required, lieu absent; born
/// abroad: the opposite, and the lieu's characters. The birth commune, resolved, if it is one.
fn birth_place(ec: &View<'_>, at: NaiveDate, report: &mut Report) -> Option<Commune> {
    const COMMUNE: &str = "etat_civil.commune_naissance";
    const LIEU: &str = "etat_civil.lieu_naissance";
    let pays = ec.pays_naissance?;
    let countries = Portal::Pays.field();
    if let Err(e) = countries.check(pays.as_str(), at) {
        report.push(code_finding(Portal::Pays.col().path(), &e, at, countries));
        if e == CodeError::Unknown {
            return None;
        }
    }
    if pays.is_france() {
        if ec.has(const { bit(LIEU) }) {
            report.push(Msg::NotApplicableBornInFrance.at(LIEU, &[]));
        }
        let Some(code) = ec.commune_naissance else {
            if !ec.has(const { bit(COMMUNE) }) && !report.has_finding_at(COMMUNE) {
                report.push(Msg::RequiredBornInFrance.at(COMMUNE, &[]));
            }
            return None;
        };
        let r = code
            .resolve()
            .map_err(|e| report.push(parse_finding(COMMUNE, &e)))
            .ok()?;
        if r.from_old_code {
            report.push(Msg::OldCommuneCode.at(COMMUNE, &[r.commune.code()]));
        }
        if let Some((first, last)) = arrondissements(r.commune) {
            report.push(Msg::WholeCity.at(COMMUNE, &[first.code(), last.code()]));
        }
        if !r.also_postal_code_of.is_empty() {
            report.push(Msg::AlsoPostalCode.at(COMMUNE, &[]));
        }
        Some(r.commune)
    } else {
        if ec.has(const { bit(COMMUNE) }) {
            report.push(Msg::NotApplicableBornAbroad.at(COMMUNE, &[]));
        }
        match ec.lieu_naissance {
            None if !report.has_finding_at(LIEU) => report.push(Msg::RequiredBornAbroad.at(LIEU, &[])),
            None => {}
            Some(lieu) => {
                if let Some(msg) = place_problem(lieu) {
                    report.push(msg.at(LIEU, &[]));
                }
            }
        }
        None
    }
}

/// The first and last municipal arrondissements of a city that has them (Paris, Marseille,
/// Lyon), from the commune data.
fn arrondissements(city: Commune) -> Option<(Commune, Commune)> {
    static CITIES: LazyLock<Vec<(Commune, Commune, Commune)>> = LazyLock::new(|| {
        let mut cities: Vec<(Commune, Commune, Commune)> = Vec::new();
        let arrondissements = commune::all().filter(|c| c.kind() == CommuneKind::ArrondissementMunicipal);
        for a in arrondissements {
            let Some(city) = a.parent() else { continue };
            match cities.iter_mut().find(|(c, ..)| *c == city) {
                Some((_, first, last)) => {
                    if a.code() < first.code() {
                        *first = a;
                    }
                    if a.code() > last.code() {
                        *last = a;
                    }
                }
                None => cities.push((city, a, a)),
            }
        }
        cities
    });
    CITIES
        .iter()
        .find(|(c, ..)| *c == city)
        .map(|&(_, first, last)| (first, last))
}

/// The finding of an identifier or code refused when parsed, at `path`, with the field's
/// label; the message never repeats the value (a postal code typed as a birth commune does
/// not name the communes it serves: that would tell the birth place).
pub(crate) fn parse_finding(path: &'static str, e: &ParseError) -> Finding {
    match e {
        ParseError::UnknownCode {
            postal_code_of: Some(_),
            ..
        } => Msg::PostalCode.at(path, &[]),
        _ => {
            let (problem_fr, remedy_fr, problem_en, remedy_en) =
                (e.problem_fr(), e.remedy_fr(), e.problem_en(), e.remedy_en());
            Msg::Identifier
                .at_in(path, &[&problem_fr, &remedy_fr], &[&problem_en, &remedy_en])
                .with_code(e.code())
        }
    }
}

/// Names: letters (accents included), spaces, hyphens and apostrophes, 1 to 100 characters.
fn name(path: &'static str, value: Option<&str>, report: &mut Report) {
    if let Some(msg) = value.and_then(name_problem) {
        report.push(msg.at(path, &[]));
    }
}

/// What breaks [`name`]'s rule in `v`, if anything.
fn name_problem(v: &str) -> Option<Msg> {
    let count = v.chars().count();
    if count == 0 || count > 100 {
        Some(Msg::NameLength)
    } else if !v.chars().all(|c| letter(c) || matches!(c, ' ' | '-' | '\'' | '’')) {
        Some(Msg::NameCharacters)
    } else {
        None
    }
}

/// What breaks the rule of a place of birth abroad in `v` (docs/domain.md §4.4): 1 to 100
/// characters of letters, digits, spaces and `-'(),.`.
fn place_problem(v: &str) -> Option<Msg> {
    let allowed =
        |c: char| letter(c) || c.is_ascii_digit() || matches!(c, ' ' | '-' | '\'' | '’' | '(' | ')' | ',' | '.');
    if v.chars().count() > 100 {
        Some(Msg::PlaceLength)
    } else if !v.chars().all(allowed) {
        Some(Msg::PlaceCharacters)
    } else {
        None
    }
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
    let spreadsheet = s.spreadsheet;
    code(Portal::Profession, (s.profession, spreadsheet), at, report);
    code(Portal::Role, (s.role, spreadsheet), at, report);
    let mode = (s.mode_exercice, spreadsheet);
    code(Portal::ModeExercice, mode, at, report);
    code(Portal::MotifFin, (s.motif_fin, spreadsheet), at, report);
    if s.structure {
        match (s.finess.is_some(), s.siret.is_some()) {
            (true, true) => report.push(Msg::StructureBoth.at("situation.structure", &[])),
            (false, false) if !report.has_finding_at("situation.structure") => {
                report.push(Msg::StructureNeither.at("situation.structure", &[]));
            }
            _ => {}
        }
    }
    if let (Some(start), Some(end)) = (s.date_prise_fonction, s.date_fin_fonction) {
        if end < start {
            report.push(Msg::EndBeforeStart.at("situation.date_fin_fonction", &[]));
        }
    }
    const MOTIF: &str = "situation.motif_fin";
    if s.has(const { bit(MOTIF) })
        && !s.has(const { bit("situation.date_fin_fonction") })
        && !report.has_finding_at(MOTIF)
    {
        report.push(Msg::MotifWithoutEnd.at(MOTIF, &[]));
    }
    let Some(start) = s.date_prise_fonction else { return };
    const START: &str = "situation.date_prise_fonction";
    if at.checked_add_months(Months::new(6)).is_some_and(|limit| start > limit) {
        report.push(Msg::StartLate.at(START, &[]));
    }
    let Some(born) = s.date_naissance else {
        return;
    };
    if start <= born {
        report.push(Msg::StartBeforeBirth.at(START, &[]));
    } else if let Some(age) = start.years_since(born) {
        if age < 16 {
            report.push(Msg::AgeAtStart.at_in(START, &["moins de 16 ans"], &["under 16"]));
        } else if age > 80 {
            report.push(Msg::AgeAtStart.at_in(START, &["plus de 80 ans"], &["over 80"]));
        }
    }
}

/// At stage submit: the CGU accepted, and for a gestionnaire the in-person meeting
/// (docs/domain.md §4.3).
fn confirmations(d: &View<'_>, o: &Options, report: &mut Report) {
    let mut must_be_true = |value: Option<bool>, path: &'static str| {
        if value != Some(true) && !report.has_finding_at(path) {
            report.push(Msg::NotConfirmed.at(path, &[]));
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

    #[test]
    fn every_portal_field_resolves() {
        for p in Portal::ALL {
            assert!(nomenclature::field(p.alias()).is_ok(), "{}", p.alias());
            let _ = p.field();
        }
    }

    #[test]
    fn paris_marseille_and_lyon_have_arrondissements() {
        let span = |code| arrondissements(commune::get(code).unwrap()).map(|(a, b)| (a.code(), b.code()));
        assert_eq!(span("75056"), Some(("75101", "75120")));
        assert_eq!(span("13055"), Some(("13201", "13216")));
        assert_eq!(span("69123"), Some(("69381", "69389")));
        assert_eq!(span("13203"), None);
        assert_eq!(span("2A004"), None);
    }

    #[test]
    fn places_of_birth_abroad() {
        assert_eq!(place_problem("Casablanca"), None);
        assert_eq!(place_problem("Saint-Louis (Sénégal), quartier N'Dar 2."), None);
        assert_eq!(place_problem("Alger; Algérie"), Some(Msg::PlaceCharacters));
        assert_eq!(place_problem(&"a".repeat(101)), Some(Msg::PlaceLength));
    }
}
