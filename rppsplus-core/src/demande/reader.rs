//! Collect-all reading of a demande: a wrong type or a bad value in one field is a finding
//! at its path, and every other field is still read and checked. The reader types the
//! [`Fields`] of any input (JSON text or value, CSV row) into the [`View`] the rules read,
//! so that every input gets the same findings, in the same order.

use chrono::NaiveDate;

use super::fields::{Fields, Kind, Raw, Shape};
use super::messages::{self, Msg};
use super::report::{Finding, Path, Report};
use super::rules::{parse_finding, test_identity};
use super::schema::{COLUMNS, Col, Obj};
use super::view::{Prenoms, View};
use super::{Procedure, Source};
use crate::ids::{
    Component, Email, Finess, InseeCommuneCode, InseeCountryCode, MobilePhone, Mode, NumeroDemande, ParseError, Rpps,
    Siret,
};

/// Reads the [`Fields`] of one demande, reporting type errors, bad values and unknown
/// fields into `report`; a field in error is absent from the view.
pub(crate) struct Reader<'r, 'f, 'a> {
    report: &'r mut Report,
    mode: Mode,
    fields: &'f Fields<'a>,
    /// The fields and objects given so far, valid or not ([`View::given`]): a text of
    /// white space only is not given, nor is an empty list of prénoms.
    given: u64,
}

impl<'r, 'f, 'a> Reader<'r, 'f, 'a> {
    pub(crate) fn new(report: &'r mut Report, mode: Mode, fields: &'f Fields<'a>) -> Self {
        Self {
            report,
            mode,
            fields,
            given: 0,
        }
    }

    /// Notes that the field `col` is given.
    fn mark(&mut self, col: Col) {
        self.given |= 1 << col as usize;
    }

    fn wrong_type(&mut self, path: impl Into<Path>, got: Kind, expected: Kind) {
        let ((got_fr, got_en), (expected_fr, expected_en)) = (got.names(), expected.names());
        self.report
            .push(Msg::WrongType.at_in(path, &[expected_fr, got_fr], &[expected_en, got_en]));
    }

    /// Whether `object` is given as an object, reporting its type otherwise and its
    /// unknown keys: sorted and once each, whatever their order and repetitions in the
    /// input (as a JSON object's keys are, a map of them).
    fn object(&mut self, object: Obj) -> bool {
        if object != Obj::Root && self.fields.shape(object) != Shape::Absent {
            self.given |= 1 << (COLUMNS.len() + object as usize);
        }
        match self.fields.shape(object) {
            Shape::Object => {}
            // A demande that is `null`.
            Shape::Absent if object == Obj::Root => {
                self.wrong_type("", Kind::Null, Kind::Object);
                return false;
            }
            Shape::Absent => return false,
            Shape::Other(kind) => {
                self.wrong_type(object.path(), kind, Kind::Object);
                return false;
            }
        }
        let mut unknown: Vec<&str> = (self.fields.unknown.iter())
            .filter(|(o, _)| *o == object)
            .map(|(_, key)| key.as_ref())
            .collect();
        unknown.sort_unstable();
        unknown.dedup();
        for key in unknown {
            self.report.push(unknown_field(Path::from(object.path()), key));
        }
        true
    }

    /// A text field, trimmed (an empty text is absent).
    fn text(&mut self, col: Col) -> Option<&'f str> {
        let fields = self.fields;
        let got = match fields.leaf(col) {
            Raw::Absent => return None,
            raw @ (Raw::Text(_) | Raw::Owned(_)) => {
                let text = fields.text(&raw).map(trim).filter(|s| !s.is_empty());
                if text.is_some() {
                    self.mark(col);
                }
                return text;
            }
            Raw::Bool(_) => Kind::Boolean,
            Raw::List { .. } => Kind::Array,
            Raw::Other(kind) => kind,
        };
        self.mark(col);
        self.wrong_type(col.path(), got, Kind::String);
        None
    }

    /// A text field parsed by `parse` (an identifier).
    fn parsed<T>(&mut self, col: Col, parse: impl Fn(&str) -> Result<T, ParseError>) -> Option<T> {
        let s = self.text(col)?;
        parse(s)
            .map_err(|e| self.report.push(parse_finding(col.path(), &e)))
            .ok()
    }

    /// The RPPS number; the idNat of one (`8` and the number) says which number to give.
    fn rpps(&mut self) -> Option<Rpps> {
        let s = self.text(Col::Rpps)?;
        match Rpps::parse_with(s, Mode::Test) {
            Ok(r) => Some(r),
            Err(ParseError::InvalidComponent {
                component: Component::RppsIdNat(number),
                ..
            }) => {
                // An RPPS number is public: the message may give it.
                self.report
                    .push(Msg::RppsIdNat.at(Col::Rpps.path(), &[number.as_str()]));
                None
            }
            Err(e) => {
                self.report.push(parse_finding(Col::Rpps.path(), &e));
                None
            }
        }
    }

    /// A date: exactly `YYYY-MM-DD`, a real date (or `JJ/MM/AAAA` in a spreadsheet).
    fn date(&mut self, col: Col) -> Option<NaiveDate> {
        let s = self.text(col)?;
        let spreadsheet = self.fields.spreadsheet;
        let date = parse_date(s.as_bytes(), spreadsheet);
        if date.is_none() {
            let (fr, en) = if spreadsheet {
                ("AAAA-MM-JJ ou JJ/MM/AAAA", "YYYY-MM-DD or DD/MM/YYYY")
            } else {
                ("AAAA-MM-JJ", "YYYY-MM-DD")
            };
            self.report.push(Msg::BadDate.at_in(col.path(), &[fr], &[en]));
        }
        date
    }

    /// A boolean (in a spreadsheet, `true`/`false`, `oui`/`non`, `1`/`0`, any case).
    fn boolean(&mut self, col: Col) -> Option<bool> {
        let fields = self.fields;
        if fields.leaf(col) != Raw::Absent {
            self.mark(col);
        }
        let got = match fields.leaf(col) {
            Raw::Absent => return None,
            Raw::Bool(b) => return Some(b),
            raw @ (Raw::Text(_) | Raw::Owned(_)) => {
                match fields
                    .text(&raw)
                    .filter(|_| fields.spreadsheet)
                    .and_then(|s| spreadsheet_boolean(trim(s)))
                {
                    Some(b) => return Some(b),
                    None => Kind::String,
                }
            }
            Raw::List { .. } => Kind::Array,
            Raw::Other(kind) => kind,
        };
        self.wrong_type(col.path(), got, Kind::Boolean);
        None
    }

    /// One of a closed list of names (`procedure`, `source`).
    fn name<T: std::str::FromStr + Copy>(&mut self, col: Col, all: &[T], name: fn(T) -> &'static str) -> Option<T> {
        let s = self.text(col)?;
        let parsed = s.parse().ok();
        if parsed.is_none() {
            let list = all.iter().map(|&v| name(v)).collect::<Vec<_>>().join(", ");
            self.report.push(Msg::UnknownName.at(col.path(), &[&list]));
        }
        parsed
    }

    /// The prénoms: a list of strings (a lone string is a one-item list; a spreadsheet
    /// cell holds them separated by `,`).
    fn prenoms(&mut self) -> Prenoms<'f> {
        let (path, fields) = (Col::Prenoms.path(), self.fields);
        let got = match fields.leaf(Col::Prenoms) {
            Raw::Absent => return Prenoms::None,
            raw @ (Raw::Text(_) | Raw::Owned(_)) => {
                let text = fields.text(&raw).unwrap_or_default();
                if !trim(text).is_empty() {
                    self.mark(Col::Prenoms);
                }
                return if fields.spreadsheet {
                    Prenoms::Cell(text)
                } else {
                    Prenoms::One(text)
                };
            }
            Raw::List { from, to } => {
                if from < to {
                    self.mark(Col::Prenoms);
                }
                let items = fields.list(from, to);
                for (i, item) in items.iter().enumerate() {
                    // The other items are text (the fields keep no list, boolean or
                    // absent item: those are of the wrong type).
                    if let Raw::Other(kind) = item {
                        self.wrong_type(Path::from(path).index(i), *kind, Kind::String);
                    }
                }
                return Prenoms::Items {
                    items,
                    owned: &fields.owned,
                };
            }
            Raw::Bool(_) => Kind::Boolean,
            Raw::Other(kind) => kind,
        };
        self.mark(Col::Prenoms);
        self.wrong_type(path, got, Kind::Array);
        Prenoms::None
    }

    /// Reads the whole demande, in the order of its fields.
    pub(crate) fn read(mut self) -> View<'f> {
        if !self.object(Obj::Root) {
            return View::default();
        }
        let rpps = match self.rpps() {
            Some(r) if r.is_test() && self.mode == Mode::Strict => {
                self.report.push(test_identity("rpps", self.mode));
                None
            }
            other => other,
        };
        let procedure = self.name(Col::Procedure, Procedure::ALL, Procedure::as_str);
        let numero = self.parsed(Col::Numero, NumeroDemande::parse);
        let mut v = View {
            procedure,
            numero,
            rpps,
            ..View::default()
        };
        if self.object(Obj::EtatCivil) {
            v.etat_civil = true;
            v.civilite = self.text(Col::Civilite);
            v.sexe = self.text(Col::Sexe);
            v.nom_naissance = self.text(Col::NomNaissance);
            v.nom_usage = self.text(Col::NomUsage);
            v.prenoms = self.prenoms();
            v.date_naissance = self.date(Col::DateNaissance);
            v.pays_naissance = self.parsed(Col::PaysNaissance, InseeCountryCode::parse);
            v.commune_naissance = self.parsed(Col::CommuneNaissance, InseeCommuneCode::parse);
            v.lieu_naissance = self.text(Col::LieuNaissance);
            v.source = self.name(Col::Source, Source::ALL, Source::as_str);
        }
        if self.object(Obj::Contact) {
            v.email_given = self.parsed(Col::Email, Email::validate).is_some();
            v.telephone_mobile = self.parsed(Col::TelephoneMobile, MobilePhone::parse);
        }
        if self.object(Obj::Situation) {
            v.situation_id = self.text(Col::SituationId);
            v.nom_exercice = self.text(Col::NomExercice);
            v.prenom_exercice = self.text(Col::PrenomExercice);
            if self.object(Obj::Structure) {
                v.structure = true;
                v.finess = self.parsed(Col::Finess, Finess::parse);
                v.siret = self.parsed(Col::Siret, Siret::parse);
            }
            v.profession = self.text(Col::Profession);
            v.role = self.text(Col::Role);
            v.mode_exercice = self.text(Col::ModeExercice);
            v.date_prise_fonction = self.date(Col::DatePriseFonction);
            v.date_fin_fonction = self.date(Col::DateFinFonction);
            v.motif_fin = self.text(Col::MotifFin);
        }
        if self.object(Obj::Confirmations) {
            v.cgu_acceptees = self.boolean(Col::CguAcceptees);
            v.rencontre_en_personne = self.boolean(Col::RencontreEnPersonne);
        }
        v.given = self.given;
        v
    }
}

/// `s` without the white space around it (Unicode's, as `str::trim`), checked quickly at
/// both ends first: most values have none.
pub(crate) fn trim(s: &str) -> &str {
    // An ASCII byte that `str::trim` keeps (it also takes the vertical tab, U+000B, which
    // is not ASCII white space for `u8::is_ascii_whitespace`).
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && !char::from(b).is_whitespace());
    if plain(s.as_bytes().first()) && plain(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

/// `true`/`false`, `oui`/`non`, `1`/`0`, any case.
fn spreadsheet_boolean(s: &str) -> Option<bool> {
    let is = |words: [&str; 3]| words.iter().any(|w| s.eq_ignore_ascii_case(w));
    if is(["true", "oui", "1"]) {
        Some(true)
    } else if is(["false", "non", "0"]) {
        Some(false)
    } else {
        None
    }
}

/// `YYYY-MM-DD` (or, when `french`, also `JJ/MM/AAAA`) as a real date.
fn parse_date(b: &[u8], french: bool) -> Option<NaiveDate> {
    crate::date::iso(b).or_else(|| french.then(|| crate::date::french(b)).flatten())
}

/// `unknown_field`: the member `key` of the object at `parent` (the key is the user's: it is
/// cut to 80 characters).
fn unknown_field(parent: Path, key: &str) -> Finding {
    let key: String = key.chars().take(80).collect();
    let path = parent.key(key);
    let label = messages::unknown_field(&path);
    Msg::UnknownField.labelled(path, &label, &[], &[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date(b"1999-05-05", false), d(1999, 5, 5));
        assert_eq!(parse_date(b"05/05/1999", false), None);
        assert_eq!(parse_date(b"05/05/1999", true), d(1999, 5, 5));
        assert_eq!(parse_date(b"1999-05-05", true), d(1999, 5, 5));
        for bad in [
            "1999-02-30",
            "1999-5-05",
            "1999/05/05",
            "05-05-1999",
            "1999-05-0x",
            "+999-05-05",
            "1999-05-050",
        ] {
            assert_eq!(parse_date(bad.as_bytes(), true), None, "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn trim_is_str_trim(s in "[ \t\n\u{b}\u{c}\r\u{1c}\u{85}\u{a0}\u{3000}ab]{0,6}") {
            proptest::prop_assert_eq!(trim(&s), s.trim());
        }
    }

    #[test]
    fn spreadsheet_booleans() {
        assert_eq!(spreadsheet_boolean("OUI"), Some(true));
        assert_eq!(spreadsheet_boolean("Non"), Some(false));
        assert_eq!(spreadsheet_boolean("0"), Some(false));
        assert_eq!(spreadsheet_boolean("yes"), None);
    }
}
