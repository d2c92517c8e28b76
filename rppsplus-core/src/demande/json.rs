//! Collect-all reading of a demande from JSON: a wrong type or a bad value in one field is
//! a finding at its path, and every other field is still read and checked.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::messages::about;
use super::model::{Confirmations, Contact, Demande, EtatCivil, Situation, Structure};
use super::report::{Finding, Report, Severity};
use super::rules::{parse_finding, test_identity};
use crate::ids::{
    Email, Finess, InseeCommuneCode, InseeCountryCode, MobilePhone, Mode, NumeroDemande, ParseError, Rpps, Siret,
};

/// Reads the fields of a JSON value into a [`Demande`], reporting type errors, bad values
/// and unknown fields; a field in error is left out of the demande.
pub(crate) struct Reader<'r> {
    report: &'r mut Report,
    mode: Mode,
}

/// The JSON type names, for messages.
fn type_name(v: &Value) -> (&'static str, &'static str) {
    match v {
        Value::Null => ("null", "null"),
        Value::Bool(_) => ("un booléen", "a boolean"),
        Value::Number(_) => ("un nombre", "a number"),
        Value::String(_) => ("une chaîne", "a string"),
        Value::Array(_) => ("une liste", "an array"),
        Value::Object(_) => ("un objet", "an object"),
    }
}

impl<'r> Reader<'r> {
    pub(crate) fn new(report: &'r mut Report, mode: Mode) -> Self {
        Self { report, mode }
    }

    fn wrong_type(&mut self, path: &str, v: &Value, expected_fr: &str, expected_en: &str) {
        let (got_fr, got_en) = type_name(v);
        self.report.push(about(
            path,
            "invalid_format",
            Severity::Error,
            &format!("{expected_fr} attendu, {got_fr} reçu"),
            &format!("{expected_en} expected, {got_en} found"),
        ));
    }

    /// The object at `path` with its keys checked against `known` (`unknown_field`).
    fn object<'v>(&mut self, v: &'v Value, path: &str, known: &[&str]) -> Option<&'v Map<String, Value>> {
        let Value::Object(map) = v else {
            self.wrong_type(path, v, "un objet", "an object");
            return None;
        };
        for key in map.keys().filter(|k| !known.contains(&k.as_str())) {
            let at = if path.is_empty() {
                key.clone()
            } else {
                format!("{path}.{key}")
            };
            self.report.push(unknown_field(&at));
        }
        Some(map)
    }

    /// A member, `None` when absent or null.
    fn member<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
        map.get(key).filter(|v| !v.is_null())
    }

    /// A string member (trimmed; an empty string is absent).
    fn string<'v>(&mut self, map: &'v Map<String, Value>, key: &str, path: &str) -> Option<&'v str> {
        match Self::member(map, key)? {
            Value::String(s) => Some(s.trim()).filter(|s| !s.is_empty()),
            v => {
                self.wrong_type(path, v, "une chaîne", "a string");
                None
            }
        }
    }

    /// A string member parsed by `parse` (an identifier).
    fn parsed<T>(
        &mut self,
        map: &Map<String, Value>,
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
    fn date(&mut self, map: &Map<String, Value>, key: &str, path: &str) -> Option<NaiveDate> {
        let s = self.string(map, key, path)?;
        let iso = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        let parsed = if iso {
            s.parse::<NaiveDate>().map_err(|_| ())
        } else {
            Err(())
        };
        match parsed {
            Ok(d) => Some(d),
            Err(_) => {
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

    fn boolean(&mut self, map: &Map<String, Value>, key: &str, path: &str) -> Option<bool> {
        match Self::member(map, key)? {
            Value::Bool(b) => Some(*b),
            v => {
                self.wrong_type(path, v, "un booléen", "a boolean");
                None
            }
        }
    }

    /// A closed list of names (`procedure`, `source`).
    fn name<T: std::str::FromStr>(
        &mut self,
        map: &Map<String, Value>,
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
    pub(crate) fn demande(&mut self, v: &Value) -> Demande {
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
            etat_civil: Self::member(m, "etat_civil").and_then(|v| self.etat_civil(v)),
            contact: Self::member(m, "contact").and_then(|v| self.contact(v)),
            situation: Self::member(m, "situation").and_then(|v| self.situation(v)),
            confirmations: Self::member(m, "confirmations").and_then(|v| self.confirmations(v)),
        }
    }

    fn etat_civil(&mut self, v: &Value) -> Option<EtatCivil> {
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

    /// The prénoms: a list of strings (a single string is taken as a one-item list).
    fn prenoms(&mut self, m: &Map<String, Value>) -> Vec<String> {
        match Self::member(m, "prenoms") {
            None => Vec::new(),
            Some(Value::String(s)) => vec![s.trim().to_owned()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect(),
            Some(Value::Array(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Value::String(s) => out.push(s.trim().to_owned()),
                        other => self.wrong_type(&format!("etat_civil.prenoms[{i}]"), other, "une chaîne", "a string"),
                    }
                }
                out
            }
            Some(other) => {
                self.wrong_type("etat_civil.prenoms", other, "une liste", "an array");
                Vec::new()
            }
        }
    }

    fn contact(&mut self, v: &Value) -> Option<Contact> {
        let m = self.object(v, "contact", &["email", "telephone_mobile"])?;
        Some(Contact {
            email: self.parsed(m, "email", "contact.email", Email::parse),
            telephone_mobile: self.parsed(m, "telephone_mobile", "contact.telephone_mobile", MobilePhone::parse),
        })
    }

    fn situation(&mut self, v: &Value) -> Option<Situation> {
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
            structure: Self::member(m, "structure").and_then(|v| self.structure(v)),
            profession: text(self, "profession", "situation.profession"),
            role: text(self, "role", "situation.role"),
            mode_exercice: text(self, "mode_exercice", "situation.mode_exercice"),
            date_prise_fonction: self.date(m, "date_prise_fonction", "situation.date_prise_fonction"),
            date_fin_fonction: self.date(m, "date_fin_fonction", "situation.date_fin_fonction"),
            motif_fin: text(self, "motif_fin", "situation.motif_fin"),
        })
    }

    fn structure(&mut self, v: &Value) -> Option<Structure> {
        let m = self.object(v, "situation.structure", &["finess", "siret"])?;
        Some(Structure {
            finess: self.parsed(m, "finess", "situation.structure.finess", Finess::parse),
            siret: self.parsed(m, "siret", "situation.structure.siret", Siret::parse),
        })
    }

    fn confirmations(&mut self, v: &Value) -> Option<Confirmations> {
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
