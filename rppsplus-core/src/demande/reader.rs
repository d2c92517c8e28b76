//! Collect-all reading of a demande: a wrong type or a bad value in one field is a finding
//! at its path, and every other field is still read and checked. The reader walks a
//! [`Node`]: a JSON value, or a CSV row (`csv.rs`), so both inputs share every finding.

use chrono::NaiveDate;
use serde_json::Value;

use super::messages::about;
use super::model::{Confirmations, Contact, Demande, EtatCivil, Situation, Structure};
use super::report::{Finding, Report, Severity};
use super::rules::{parse_finding, test_identity};
use crate::ids::{
    Email, Finess, InseeCommuneCode, InseeCountryCode, MobilePhone, Mode, NumeroDemande, ParseError, Rpps, Siret,
};

/// The French and English names of a value's type, for `invalid_format` messages.
pub(crate) type TypeName = (&'static str, &'static str);

pub(crate) const OBJECT: TypeName = ("un objet", "an object");
pub(crate) const STRING: TypeName = ("une chaîne", "a string");
pub(crate) const BOOLEAN: TypeName = ("un booléen", "a boolean");
pub(crate) const ARRAY: TypeName = ("une liste", "an array");

/// A place in a demande being read: the document, an object in it, or a value.
pub(crate) trait Node<'a>: Copy {
    /// The member `key` of an object, `None` when absent or empty (JSON `null`, empty cell).
    fn member(self, key: &str) -> Option<Self>;
    /// The text of a string value, or the type the value has.
    fn text(self) -> Result<&'a str, TypeName>;
    /// Whether dates may also be written `JJ/MM/AAAA` (as a French spreadsheet writes them).
    const FRENCH_DATES: bool = false;
    /// A boolean value, or the type the value has.
    fn boolean(self) -> Result<bool, TypeName>;
    /// Checks that the value is an object, calling `unknown` for each key not in `known`.
    fn object(self, known: &[&str], unknown: &mut dyn FnMut(&str)) -> Result<(), TypeName>;
    /// The items of a list (a lone string is a one-item list), or the type the value has.
    fn items(self) -> Result<Vec<Self>, TypeName>;
}

fn type_name(v: &Value) -> TypeName {
    match v {
        Value::Null => ("null", "null"),
        Value::Bool(_) => BOOLEAN,
        Value::Number(_) => ("un nombre", "a number"),
        Value::String(_) => STRING,
        Value::Array(_) => ARRAY,
        Value::Object(_) => OBJECT,
    }
}

impl<'a> Node<'a> for &'a Value {
    fn member(self, key: &str) -> Option<Self> {
        self.get(key).filter(|v| !v.is_null())
    }

    fn text(self) -> Result<&'a str, TypeName> {
        self.as_str().ok_or(type_name(self))
    }

    fn boolean(self) -> Result<bool, TypeName> {
        self.as_bool().ok_or(type_name(self))
    }

    fn object(self, known: &[&str], unknown: &mut dyn FnMut(&str)) -> Result<(), TypeName> {
        let map = self.as_object().ok_or(type_name(self))?;
        map.keys()
            .filter(|k| !known.contains(&k.as_str()))
            .for_each(|k| unknown(k));
        Ok(())
    }

    fn items(self) -> Result<Vec<Self>, TypeName> {
        match self {
            Value::Array(items) => Ok(items.iter().collect()),
            Value::String(_) => Ok(vec![self]),
            other => Err(type_name(other)),
        }
    }
}

/// Reads the fields of a [`Node`] into a [`Demande`], reporting type errors, bad values
/// and unknown fields; a field in error is left out of the demande.
pub(crate) struct Reader<'r> {
    report: &'r mut Report,
    mode: Mode,
}

impl<'r> Reader<'r> {
    pub(crate) fn new(report: &'r mut Report, mode: Mode) -> Self {
        Self { report, mode }
    }

    fn wrong_type(&mut self, path: &str, got: TypeName, (expected_fr, expected_en): TypeName) {
        let (got_fr, got_en) = got;
        self.report.push(about(
            path,
            "invalid_format",
            Severity::Error,
            &format!("{expected_fr} attendu, {got_fr} reçu"),
            &format!("{expected_en} expected, {got_en} found"),
        ));
    }

    /// Whether `v` is an object, reporting its type otherwise and its unknown keys.
    fn object<'a, N: Node<'a>>(&mut self, v: N, path: &str, known: &[&str]) -> Option<N> {
        let mut unknown = Vec::new();
        if let Err(got) = v.object(known, &mut |key| unknown.push(key.to_owned())) {
            self.wrong_type(path, got, OBJECT);
            return None;
        }
        for key in unknown {
            let at = if path.is_empty() { key } else { format!("{path}.{key}") };
            self.report.push(unknown_field(&at));
        }
        Some(v)
    }

    /// A string member (trimmed; an empty string is absent).
    fn string<'a, N: Node<'a>>(&mut self, map: N, key: &str, path: &str) -> Option<&'a str> {
        match map.member(key)?.text() {
            Ok(s) => Some(s.trim()).filter(|s| !s.is_empty()),
            Err(got) => {
                self.wrong_type(path, got, STRING);
                None
            }
        }
    }

    /// A string member parsed by `parse` (an identifier).
    fn parsed<'a, N: Node<'a>, T>(
        &mut self,
        map: N,
        key: &str,
        path: &str,
        parse: impl Fn(&str) -> Result<T, ParseError>,
    ) -> Option<T> {
        let s = self.string(map, key, path)?;
        match parse(s) {
            Ok(v) => Some(v),
            Err(e) => {
                self.report.push(parse_finding(path, &e));
                None
            }
        }
    }

    /// A date member: exactly `YYYY-MM-DD`, a real date (the CSV reader converts `JJ/MM/AAAA`).
    fn date<'a, N: Node<'a>>(&mut self, map: N, key: &str, path: &str) -> Option<NaiveDate> {
        let text = match map.member(key)?.text() {
            Ok(t) => t,
            Err(got) => {
                self.wrong_type(path, got, STRING);
                return None;
            }
        };
        let s = text.trim();
        if s.is_empty() {
            return None;
        }
        let b = s.as_bytes();
        // The ranges of the year, month and day, and where the separators are.
        let french = N::FRENCH_DATES && b.len() == 10 && b[2] == b'/' && b[5] == b'/';
        let ((year, month, day), separators, separator) = if french {
            ((6..10, 3..5, 0..2), [2, 5], b'/')
        } else {
            ((0..4, 5..7, 8..10), [4, 7], b'-')
        };
        let well_formed = b.len() == 10
            && b.iter().enumerate().all(|(i, &c)| {
                if separators.contains(&i) {
                    c == separator
                } else {
                    c.is_ascii_digit()
                }
            });
        // Digits checked above: the fields parse; chrono only checks the calendar.
        let field = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
        let parsed = well_formed
            .then(|| NaiveDate::from_ymd_opt(field(year) as i32, field(month), field(day)))
            .flatten();
        match parsed {
            Some(d) => Some(d),
            None => {
                self.report.push(about(
                    path,
                    "invalid_format",
                    Severity::Error,
                    "date réelle attendue, au format AAAA-MM-JJ",
                    "a real date expected, as YYYY-MM-DD",
                ));
                None
            }
        }
    }

    fn boolean<'a, N: Node<'a>>(&mut self, map: N, key: &str, path: &str) -> Option<bool> {
        match map.member(key)?.boolean() {
            Ok(b) => Some(b),
            Err(got) => {
                self.wrong_type(path, got, BOOLEAN);
                None
            }
        }
    }

    /// A closed list of names (`procedure`, `source`).
    fn name<'a, N: Node<'a>, T: std::str::FromStr>(
        &mut self,
        map: N,
        key: &str,
        path: &str,
        all: impl Fn() -> Vec<&'static str>,
    ) -> Option<T> {
        let s = self.string(map, key, path)?;
        let parsed = s.parse().ok();
        if parsed.is_none() {
            let list = all().join(", ");
            self.report.push(about(
                path,
                "unknown_code",
                Severity::Error,
                &format!("valeur inconnue (attendu : {list})"),
                &format!("unknown value (expected: {list})"),
            ));
        }
        parsed
    }

    /// Reads a whole demande.
    pub(crate) fn demande<'a, N: Node<'a>>(&mut self, v: N) -> Demande {
        let known = [
            "procedure",
            "numero",
            "rpps",
            "etat_civil",
            "contact",
            "situation",
            "confirmations",
        ];
        let Some(m) = self.object(v, "", &known) else {
            return Demande::default();
        };
        let mode = self.mode;
        let rpps = self.parsed(m, "rpps", "rpps", |s| Rpps::parse_with(s, Mode::Test));
        let rpps = match rpps {
            Some(r) if r.is_test() && mode == Mode::Strict => {
                self.report.push(test_identity("rpps", mode));
                None
            }
            other => other,
        };
        Demande {
            procedure: self.name(m, "procedure", "procedure", || {
                super::Procedure::ALL.iter().map(|p| p.as_str()).collect()
            }),
            numero: self.parsed(m, "numero", "numero", NumeroDemande::parse),
            rpps,
            etat_civil: m.member("etat_civil").and_then(|v| self.etat_civil(v)),
            contact: m.member("contact").and_then(|v| self.contact(v)),
            situation: m.member("situation").and_then(|v| self.situation(v)),
            confirmations: m.member("confirmations").and_then(|v| self.confirmations(v)),
        }
    }

    fn etat_civil<'a, N: Node<'a>>(&mut self, v: N) -> Option<EtatCivil> {
        let known = [
            "civilite",
            "sexe",
            "nom_naissance",
            "nom_usage",
            "prenoms",
            "date_naissance",
            "pays_naissance",
            "commune_naissance",
            "lieu_naissance",
            "source",
        ];
        let m = self.object(v, "etat_civil", &known)?;
        Some(EtatCivil {
            civilite: self.string(m, "civilite", "etat_civil.civilite").map(str::to_owned),
            sexe: self.string(m, "sexe", "etat_civil.sexe").map(str::to_owned),
            nom_naissance: self
                .string(m, "nom_naissance", "etat_civil.nom_naissance")
                .map(str::to_owned),
            nom_usage: self.string(m, "nom_usage", "etat_civil.nom_usage").map(str::to_owned),
            prenoms: self.prenoms(m),
            date_naissance: self.date(m, "date_naissance", "etat_civil.date_naissance"),
            pays_naissance: self.parsed(
                m,
                "pays_naissance",
                "etat_civil.pays_naissance",
                InseeCountryCode::parse,
            ),
            commune_naissance: self.parsed(
                m,
                "commune_naissance",
                "etat_civil.commune_naissance",
                InseeCommuneCode::parse,
            ),
            lieu_naissance: self
                .string(m, "lieu_naissance", "etat_civil.lieu_naissance")
                .map(str::to_owned),
            source: self.name(m, "source", "etat_civil.source", || {
                super::Source::ALL.iter().map(|s| s.as_str()).collect()
            }),
        })
    }

    /// The prénoms: a list of strings (a lone string is a one-item list).
    fn prenoms<'a, N: Node<'a>>(&mut self, m: N) -> Vec<String> {
        let Some(list) = m.member("prenoms") else {
            return Vec::new();
        };
        let items = match list.items() {
            Ok(items) => items,
            Err(got) => {
                self.wrong_type("etat_civil.prenoms", got, ARRAY);
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            match item.text() {
                Ok(s) => out.push(s.trim().to_owned()),
                Err(got) => self.wrong_type(&format!("etat_civil.prenoms[{i}]"), got, STRING),
            }
        }
        out
    }

    fn contact<'a, N: Node<'a>>(&mut self, v: N) -> Option<Contact> {
        let m = self.object(v, "contact", &["email", "telephone_mobile"])?;
        Some(Contact {
            email: self.parsed(m, "email", "contact.email", Email::parse),
            telephone_mobile: self.parsed(m, "telephone_mobile", "contact.telephone_mobile", MobilePhone::parse),
        })
    }

    fn situation<'a, N: Node<'a>>(&mut self, v: N) -> Option<Situation> {
        let known = [
            "id",
            "nom_exercice",
            "prenom_exercice",
            "structure",
            "profession",
            "role",
            "mode_exercice",
            "date_prise_fonction",
            "date_fin_fonction",
            "motif_fin",
        ];
        let m = self.object(v, "situation", &known)?;
        let text = |r: &mut Self, k: &str, path: &str| r.string(m, k, path).map(str::to_owned);
        Some(Situation {
            id: text(self, "id", "situation.id"),
            nom_exercice: text(self, "nom_exercice", "situation.nom_exercice"),
            prenom_exercice: text(self, "prenom_exercice", "situation.prenom_exercice"),
            structure: m.member("structure").and_then(|v| self.structure(v)),
            profession: text(self, "profession", "situation.profession"),
            role: text(self, "role", "situation.role"),
            mode_exercice: text(self, "mode_exercice", "situation.mode_exercice"),
            date_prise_fonction: self.date(m, "date_prise_fonction", "situation.date_prise_fonction"),
            date_fin_fonction: self.date(m, "date_fin_fonction", "situation.date_fin_fonction"),
            motif_fin: text(self, "motif_fin", "situation.motif_fin"),
        })
    }

    fn structure<'a, N: Node<'a>>(&mut self, v: N) -> Option<Structure> {
        let m = self.object(v, "situation.structure", &["finess", "siret"])?;
        Some(Structure {
            finess: self.parsed(m, "finess", "situation.structure.finess", Finess::parse),
            siret: self.parsed(m, "siret", "situation.structure.siret", Siret::parse),
        })
    }

    fn confirmations<'a, N: Node<'a>>(&mut self, v: N) -> Option<Confirmations> {
        let m = self.object(v, "confirmations", &["cgu_acceptees", "rencontre_en_personne"])?;
        Some(Confirmations {
            cgu_acceptees: self.boolean(m, "cgu_acceptees", "confirmations.cgu_acceptees"),
            rencontre_en_personne: self.boolean(m, "rencontre_en_personne", "confirmations.rencontre_en_personne"),
        })
    }
}

/// `unknown_field` at `path` (cut to 80 characters: the key is the user's).
fn unknown_field(path: &str) -> Finding {
    let path: String = path.chars().take(80).collect();
    let path = path.as_str();
    super::messages::finding(
        path,
        "unknown_field",
        Severity::Error,
        format!("champ inconnu « {path} » (faute de frappe ?)"),
        format!("unknown field '{path}' (a typo?)"),
    )
}
