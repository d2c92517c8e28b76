//! What each procedure carries and who may send it (docs/domain.md §4.2, §4.3): two tables
//! as data. The rules read them, and the tables of the docs are written from them (a test
//! fails when docs/domain.md is stale).
//!
//! ```
//! use rppsplus_core::demande::{Actor, FIELDS_BY_PROCEDURE, Presence, Procedure, Sending, sending};
//!
//! let rpps = FIELDS_BY_PROCEDURE.iter().find(|row| row.paths == ["rpps"]).unwrap();
//! assert_eq!(rpps.presence(Procedure::PrimoEnregistrement), Presence::Absent);
//! assert_eq!(rpps.presence(Procedure::FermetureSituation), Presence::Required);
//! assert_eq!(sending(Actor::Professionnel, Procedure::FermetureSituation), Sending::No);
//! assert_eq!(sending(Actor::Professionnel, Procedure::PrimoEnregistrement), Sending::ThroughFranceConnect);
//! ```

use super::model::Procedure;
use super::schema::{COLUMNS, OBJECTS};
use super::{Actor, Stage};

/// What a procedure does with a field (docs/domain.md §4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// R: the field must be given (`required` when it is not).
    Required,
    /// One R at least: one field of the row must be given (`required` at their parent
    /// when none is).
    OneRequired,
    /// M: the field may be given.
    Optional,
    /// —: the field must be absent (`not_applicable` when it is given).
    Absent,
}

impl Presence {
    /// The cell of the docs' table: `R`, `one R`, `M`, `—`.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Required => "R",
            Self::OneRequired => "one R",
            Self::Optional => "M",
            Self::Absent => "—",
        }
    }
}

/// One row of [`FIELDS_BY_PROCEDURE`]: fields, and what each procedure does with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldRule {
    /// The JSON paths of the fields (or objects) of the row.
    pub paths: &'static [&'static str],
    /// What each procedure does with them, in [`Procedure::ALL`] order.
    pub by_procedure: [Presence; 6],
    /// When the row applies: at every stage, or only to send ([`Stage::Submit`]).
    pub stage: Option<Stage>,
    /// A note for the docs (`absent = S`).
    pub note: &'static str,
}

impl FieldRule {
    /// What `procedure` does with the fields of this row.
    pub fn presence(&self, procedure: Procedure) -> Presence {
        self.by_procedure[procedure as usize]
    }
}

use Presence::{Absent as A, OneRequired as O, Optional as M, Required as R};

/// The fields each procedure requires, may carry and must not carry (docs/domain.md §4.2,
/// from the ANS gestionnaire guide §3–§5 and the e-santé Occitanie deck). `numero` may be
/// carried by every procedure; the état civil's own fields are [`ETAT_CIVIL_REQUIRED`].
pub const FIELDS_BY_PROCEDURE: &[FieldRule] = &[
    FieldRule {
        paths: &["rpps"],
        by_procedure: [A, R, R, R, R, R],
        stage: None,
        note: "",
    },
    FieldRule {
        paths: &["etat_civil"],
        by_procedure: [R, A, A, A, A, A],
        stage: None,
        note: "its fields: below",
    },
    FieldRule {
        paths: &["contact.email", "contact.telephone_mobile"],
        by_procedure: [R, M, M, O, A, A],
        stage: None,
        note: "",
    },
    FieldRule {
        paths: &["situation.id"],
        by_procedure: [A, A, R, A, R, A],
        stage: None,
        note: "",
    },
    FieldRule {
        paths: &["situation.nom_exercice", "situation.prenom_exercice"],
        by_procedure: [R, R, M, A, M, O],
        stage: None,
        note: "",
    },
    FieldRule {
        paths: &[
            "situation.structure",
            "situation.profession",
            "situation.role",
            "situation.date_prise_fonction",
        ],
        by_procedure: [R, R, M, A, M, A],
        stage: None,
        note: "",
    },
    FieldRule {
        paths: &["situation.mode_exercice"],
        by_procedure: [M, M, M, A, M, A],
        stage: None,
        note: "absent = S",
    },
    FieldRule {
        paths: &["situation.date_fin_fonction"],
        by_procedure: [A, A, A, A, R, A],
        stage: None,
        note: "",
    },
    FieldRule {
        paths: &["situation.motif_fin"],
        by_procedure: [A, A, A, A, M, A],
        stage: None,
        note: "",
    },
    FieldRule {
        paths: &["confirmations"],
        by_procedure: [R, R, R, R, R, R],
        stage: Some(Stage::Submit),
        note: "at stage submit, §4.3",
    },
];

/// The fields of the état civil of a primo enregistrement that are always required
/// (docs/domain.md §4.2; the birth place depends on the country: §4.4).
pub const ETAT_CIVIL_REQUIRED: &[&str] = &[
    "etat_civil.civilite",
    "etat_civil.sexe",
    "etat_civil.nom_naissance",
    "etat_civil.prenoms[0]",
    "etat_civil.date_naissance",
    "etat_civil.pays_naissance",
];

/// Whether an actor may send a procedure (docs/domain.md §4.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sending {
    /// Yes.
    Yes,
    /// Only a pre-registration through FranceConnect (`etat_civil.source` =
    /// `franceconnect`): the professional's primo enregistrement.
    ThroughFranceConnect,
    /// No (`not_allowed_for_actor`).
    No,
}

impl Sending {
    /// The cell of the docs' table.
    pub fn text(self) -> &'static str {
        match self {
            Self::Yes => "yes",
            Self::ThroughFranceConnect => "only through FranceConnect (`etat_civil.source` = `franceconnect`)",
            Self::No => "no",
        }
    }
}

/// Who may send each procedure, by actor in [`Actor::ALL`] order (professionnel,
/// gestionnaire, RPPS), in [`Procedure::ALL`] order (docs/domain.md §4.3, from the FAQ du
/// Portail RPPS+ and the ANS gestionnaire guide §4–§5). The RPPS sends nothing.
pub const SENDERS: [[Sending; 3]; 6] = {
    use Sending::{No, ThroughFranceConnect, Yes};
    [
        [ThroughFranceConnect, Yes, No], // primo_enregistrement
        [No, Yes, No],                   // ajout_situation
        [No, Yes, No],                   // annulation_situation
        [Yes, Yes, No],                  // modification_informations
        [No, Yes, No],                   // fermeture_situation
        [Yes, Yes, No],                  // modification_nom_prenom_exercice
    ]
};

/// Whether `actor` may send `procedure` ([`SENDERS`]).
pub fn sending(actor: Actor, procedure: Procedure) -> Sending {
    SENDERS[procedure as usize][actor as usize]
}

/// Whether two texts are equal, at compile time.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Whether `path` is `column[0]`, the first item of a list, at compile time.
const fn first_item(column: &str, path: &str) -> bool {
    let (c, p) = (column.as_bytes(), path.as_bytes());
    if p.len() != c.len() + 3 || p[c.len()] != b'[' || p[c.len() + 1] != b'0' || p[c.len() + 2] != b']' {
        return false;
    }
    let mut i = 0;
    while i < c.len() {
        if c[i] != p[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The bit of a field (its position in [`COLUMNS`]; `etat_civil.prenoms[0]` is the
/// prénoms' bit) or of an object (after the columns, in [`OBJECTS`] order) in the fields
/// given of a demande. A path that is neither does not compile: the tables above are
/// checked when the crate is built.
pub(crate) const fn bit(path: &str) -> u64 {
    let mut i = 0;
    while i < COLUMNS.len() {
        if same(COLUMNS[i], path) || first_item(COLUMNS[i], path) {
            return 1 << i;
        }
        i += 1;
    }
    let mut o = 1; // 0 is the demande itself.
    while o < OBJECTS.len() {
        if same(OBJECTS[o].0, path) {
            return 1 << (COLUMNS.len() + o);
        }
        o += 1;
    }
    panic!("a path of the procedure tables is no field of the demande")
}

/// The most paths of a row of [`FIELDS_BY_PROCEDURE`].
const ROW: usize = 4;

/// The bits of the paths of each row of [`FIELDS_BY_PROCEDURE`], computed when the crate
/// is built.
pub(crate) const ROW_BITS: [[u64; ROW]; FIELDS_BY_PROCEDURE.len()] = {
    let mut bits = [[0; ROW]; FIELDS_BY_PROCEDURE.len()];
    let mut r = 0;
    while r < FIELDS_BY_PROCEDURE.len() {
        let paths = FIELDS_BY_PROCEDURE[r].paths;
        assert!(paths.len() <= ROW, "a row of the procedure tables has too many paths");
        let mut k = 0;
        while k < paths.len() {
            bits[r][k] = bit(paths[k]);
            k += 1;
        }
        r += 1;
    }
    bits
};

/// Per procedure, in [`Procedure::ALL`] order, the bits of its rows (at every stage) whose
/// fields it requires, must not carry, and of which it requires one: a demande whose
/// fields given match these needs no closer look. Computed when the crate is built.
pub(crate) const MASKS: [Masks; 6] = {
    let mut masks = [Masks {
        required: 0,
        absent: 0,
        one_of: 0,
    }; 6];
    let mut p = 0;
    while p < masks.len() {
        let mut r = 0;
        while r < FIELDS_BY_PROCEDURE.len() {
            let row = &FIELDS_BY_PROCEDURE[r];
            let mut bits = 0;
            let mut k = 0;
            while k < ROW {
                bits |= ROW_BITS[r][k];
                k += 1;
            }
            if row.stage.is_none() {
                match row.by_procedure[p] {
                    Presence::Required => masks[p].required |= bits,
                    Presence::Absent => masks[p].absent |= bits,
                    Presence::OneRequired => {
                        assert!(masks[p].one_of == 0, "one group of which one is required per procedure");
                        masks[p].one_of = bits;
                    }
                    Presence::Optional => {}
                }
            }
            r += 1;
        }
        p += 1;
    }
    masks
};

/// The bits of one procedure's rows ([`MASKS`]).
#[derive(Clone, Copy)]
pub(crate) struct Masks {
    /// Fields it requires.
    pub(crate) required: u64,
    /// Fields it must not carry.
    pub(crate) absent: u64,
    /// Fields of which it requires one (0: none).
    pub(crate) one_of: u64,
}

impl Masks {
    /// Whether fields `given` satisfy these rows: nothing to report.
    pub(crate) fn satisfied_by(self, given: u64) -> bool {
        self.required & !given == 0 && self.absent & given == 0 && (self.one_of == 0 || self.one_of & given != 0)
    }
}

/// The bits of [`ETAT_CIVIL_REQUIRED`], computed when the crate is built.
pub(crate) const ETAT_CIVIL_BITS: [u64; ETAT_CIVIL_REQUIRED.len()] = {
    let mut bits = [0; ETAT_CIVIL_REQUIRED.len()];
    let mut k = 0;
    while k < bits.len() {
        bits[k] = bit(ETAT_CIVIL_REQUIRED[k]);
        k += 1;
    }
    bits
};

/// docs/domain.md §4.2's table, in Markdown.
#[cfg(test)]
fn fields_table() -> String {
    let mut out = String::from("| field |");
    for p in Procedure::ALL {
        out.push_str(&format!(" `{}` |", p.as_str()));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(Procedure::ALL.len()));
    for row in FIELDS_BY_PROCEDURE {
        let paths: Vec<String> = row.paths.iter().map(|p| format!("`{p}`")).collect();
        out.push_str(&format!("\n| {}", paths.join(", ")));
        if !row.note.is_empty() {
            out.push_str(&format!(" ({})", row.note));
        }
        out.push_str(" |");
        for p in Procedure::ALL {
            out.push_str(&format!(" {} |", row.presence(*p).symbol()));
        }
    }
    out.push('\n');
    out
}

/// docs/domain.md §4.3's table, in Markdown.
#[cfg(test)]
fn senders_table() -> String {
    let mut out = String::from("| procedure |");
    for a in Actor::ALL {
        out.push_str(&format!(" {} |", a.as_str()));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(Actor::ALL.len()));
    for p in Procedure::ALL {
        out.push_str(&format!("\n| `{}` |", p.as_str()));
        for a in Actor::ALL {
            out.push_str(&format!(" {} |", sending(*a, *p).text()));
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Where the text between `<!-- begin NAME … -->` and `<!-- end NAME -->` is in `doc`.
    fn section(doc: &str, name: &str) -> Option<std::ops::Range<usize>> {
        let begin = format!("<!-- begin {name} (generated from rppsplus-core/src/demande/scope.rs) -->\n");
        let end = format!("<!-- end {name} -->");
        let from = doc.find(&begin)? + begin.len();
        let to = from + doc[from..].find(&end)?;
        Some(from..to)
    }

    /// docs/domain.md §4.2 and §4.3 show the tables as the rules read them.
    /// `RPPSPLUS_BLESS=1 cargo test -p rppsplus-core --lib scope` rewrites them.
    #[test]
    fn the_docs_show_these_tables() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/domain.md");
        let mut doc = std::fs::read_to_string(path).expect("docs/domain.md");
        let bless = std::env::var_os("RPPSPLUS_BLESS").is_some_and(|v| v == "1");
        for (name, table) in [("fields-by-procedure", fields_table()), ("senders", senders_table())] {
            let shown = section(&doc, name).unwrap_or_else(|| panic!("docs/domain.md has no {name} table"));
            if bless {
                doc.replace_range(shown, &table);
            } else {
                assert_eq!(
                    &doc[shown], table,
                    "docs/domain.md's {name} table is stale: RPPSPLUS_BLESS=1 cargo test -p rppsplus-core --lib scope"
                );
            }
        }
        if bless {
            std::fs::write(path, doc).expect("docs/domain.md written");
        }
    }

    #[test]
    fn paths_have_their_bits() {
        assert_eq!(bit("procedure"), 1);
        assert_eq!(bit("etat_civil"), 1 << (COLUMNS.len() + 1));
        assert_eq!(ROW_BITS[0], [bit("rpps"), 0, 0, 0]);
        assert_eq!(ETAT_CIVIL_BITS.len(), ETAT_CIVIL_REQUIRED.len());
    }

    #[test]
    fn the_rpps_sends_nothing() {
        for p in Procedure::ALL {
            assert_eq!(sending(Actor::Rpps, *p), Sending::No);
            assert_eq!(sending(Actor::Gestionnaire, *p), Sending::Yes);
        }
    }
}
