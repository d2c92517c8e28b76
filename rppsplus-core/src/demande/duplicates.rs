//! The same person or RPPS number twice in one file (docs/domain.md §4.6): `duplicate` on
//! the later demande, naming the earlier one's line (CSV) or index (JSON).
//!
//! Validating a demande gives its report the demande's keys ([`Keys`]); a [`Duplicates`]
//! sees the reports of a file in file order and remembers the keys, not the demandes: two
//! small numbers and a position per demande, whatever its size.
//!
//! **The person** is the nom de naissance, the first prénom, the date of birth and the
//! place of birth, compared as the rules read them: names without case, accents and
//! separators (`Lefèvre`, `LEFEVRE` and `LE FEVRE` are one name; spaces, hyphens and
//! apostrophes are ignored, other letters are kept as they are); the date exactly; the
//! place as the commune's current INSEE code for a person born in France (`20004` is
//! `2A004`), else the country's code and the lieu de naissance compared as the names are.
//! Only a primo enregistrement carries an état civil, so only primos have this key.
//!
//! **Collisions.** The date and the place are kept exactly (the date in days, the
//! 5-character code packed in 27 bits); the names and the lieu are kept as a 64-bit
//! SipHash. Two different people are taken for one only if they share the date and place
//! of birth *and* their names collide in 64 bits: for a file of a million people, fewer
//! than 10⁻¹² false duplicates are expected — none in practice. **The RPPS number** is kept
//! exactly (its 11 digits as a number).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::Datelike;

use super::messages::Msg;
use super::model::Procedure;
use super::report::Report;
use super::view::View;
use crate::nomenclature::fold::base;

/// What identifies the person and the registration of a demande within a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Keys {
    /// The person (names hashed, date and place exact): primos only.
    person: Option<[u64; 2]>,
    /// The RPPS number.
    rpps: Option<u64>,
}

impl Keys {
    /// The keys of `d`; `commune` is the current code of its birth commune, as the rules
    /// resolved it.
    pub(crate) fn of(d: &View<'_>, procedure: Procedure, commune: Option<&str>) -> Keys {
        let person = (procedure == Procedure::PrimoEnregistrement)
            .then(|| person(d, commune))
            .flatten();
        let rpps = d.rpps.and_then(|r| r.as_str().parse().ok());
        Keys { person, rpps }
    }
}

/// The key of the person of `d`, when its names, date and place of birth are all given.
fn person(d: &View<'_>, commune: Option<&str>) -> Option<[u64; 2]> {
    let nom = d.nom_naissance?;
    let mut prenom = None;
    d.prenoms.each(|i, p| {
        if i == 0 && !p.is_empty() {
            prenom = Some(p);
        }
    });
    let prenom = prenom?;
    let born = d.date_naissance?;
    let pays = d.pays_naissance?;
    let (place, lieu) = if pays.is_france() {
        (commune?, None)
    } else {
        (pays.as_str(), Some(d.lieu_naissance?))
    };
    let mut names = Folded::default();
    names.push_str(nom);
    names.separate();
    names.push_str(prenom);
    names.separate();
    if let Some(lieu) = lieu {
        names.push_str(lieu);
    }
    // Days from 0001-01-01, a 32-bit pattern (dates before it wrap, and stay apart).
    let days = u64::from(born.num_days_from_ce() as u32);
    Some([names.finish(), days << 32 | pack(place)])
}

/// A 5-character INSEE code (digits and `A`/`B`) as a number, each character in base 37.
fn pack(code: &str) -> u64 {
    code.bytes().fold(0, |n, b| {
        let digit = match b {
            b'0'..=b'9' => b - b'0',
            b'A'..=b'Z' => b - b'A' + 10,
            _ => 36,
        };
        n * 37 + u64::from(digit)
    })
}

/// The folded names of a person, hashed: letters without case and accents, other
/// characters of names (spaces, hyphens, apostrophes) left out. Written through a small
/// buffer, so that the hasher gets few writes.
struct Folded {
    hasher: std::hash::DefaultHasher,
    buf: [u8; 64],
    len: usize,
}

impl Default for Folded {
    fn default() -> Self {
        Self {
            hasher: std::hash::DefaultHasher::new(),
            buf: [0; 64],
            len: 0,
        }
    }
}

impl Folded {
    fn push(&mut self, bytes: &[u8]) {
        if self.len + bytes.len() > self.buf.len() {
            self.hasher.write(&self.buf[..self.len]);
            self.len = 0;
        }
        self.buf[self.len..self.len + bytes.len()].copy_from_slice(bytes);
        self.len += bytes.len();
    }

    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_ascii_alphanumeric() {
                self.push(&[c.to_ascii_lowercase() as u8]);
            } else if let Some(b) = base(c) {
                self.push(b.as_bytes());
            } else if c.is_alphabetic() {
                for l in c.to_lowercase() {
                    self.push(l.encode_utf8(&mut [0; 4]).as_bytes());
                }
            }
        }
    }

    /// Ends a name (a byte no folded letter has).
    fn separate(&mut self) {
        self.push(&[0xff]);
    }

    fn finish(mut self) -> u64 {
        self.hasher.write(&self.buf[..self.len]);
        self.hasher.finish()
    }
}

/// The duplicates of one file: the keys of its demandes seen so far, each with the
/// position of the first demande that had it. Give it the reports in file order; the
/// later demande of two with the same key gets `duplicate` (an error), naming the earlier
/// one's position. The CSV reader and [`validate_json_document`](super::validate_json_document)
/// use one; a face that validates many demandes its own way gives it their reports.
///
/// ```
/// use rppsplus_core::demande::{Duplicates, Options, Stage, validate_json};
/// let fermeture = br#"{"procedure": "fermeture_situation", "rpps": "10107985318",
///                      "situation": {"id": "S1", "date_fin_fonction": "2026-01-31"}}"#;
/// let draft = Options { stage: Stage::Draft, ..Options::default() };
/// let mut duplicates = Duplicates::by_line();
/// let mut first = validate_json(fermeture, &draft);
/// duplicates.check(2, &mut first);
/// let mut again = validate_json(fermeture, &draft);
/// duplicates.check(3, &mut again);
/// assert!(first.is_valid());
/// let f = &again.findings()[0];
/// assert_eq!((f.path.as_str(), f.code.as_str()), ("rpps", "duplicate"));
/// assert!(f.message.contains("à la ligne 2"), "{}", f.message);
/// ```
#[derive(Debug, Default)]
pub struct Duplicates {
    people: HashMap<[u64; 2], usize, BuildHasherDefault<Mix>>,
    rpps: HashMap<u64, usize, BuildHasherDefault<Mix>>,
    /// Whether positions are lines (a CSV file), or indexes (a JSON document).
    lines: bool,
}

impl Duplicates {
    /// For a collection file: positions are line numbers.
    pub fn by_line() -> Self {
        Self {
            lines: true,
            ..Self::default()
        }
    }

    /// For a JSON document: positions are indexes (from 0).
    pub fn by_index() -> Self {
        Self::default()
    }

    /// Checks the demande of `report`, at `position`, against the demandes seen before,
    /// adding `duplicate` findings to `report`; then remembers its keys.
    pub fn check(&mut self, position: usize, report: &mut Report) {
        let keys = report.keys;
        if let Some(first) = keys.person.and_then(|k| earlier(self.people.entry(k), position)) {
            report.push(self.finding(Msg::DuplicatePerson, "etat_civil", first));
        }
        if let Some(first) = keys.rpps.and_then(|k| earlier(self.rpps.entry(k), position)) {
            report.push(self.finding(Msg::DuplicateRpps, "rpps", first));
        }
    }

    fn finding(&self, msg: Msg, path: &'static str, first: usize) -> super::Finding {
        let (fr, en) = if self.lines {
            (format!("à la ligne {first}"), format!("on line {first}"))
        } else {
            (
                format!("à l'index {first} du document"),
                format!("at index {first} of the document"),
            )
        };
        msg.at_in(path, &[&fr], &[&en])
    }
}

/// The position of the first demande with a key, or `None` when `position` is the first
/// (it is remembered).
fn earlier<K>(seen: Entry<'_, K, usize>, position: usize) -> Option<usize> {
    match seen {
        Entry::Occupied(first) => Some(*first.get()),
        Entry::Vacant(slot) => {
            slot.insert(position);
            None
        }
    }
}

/// A hasher for keys that are already hashes or plain numbers: one multiply-rotate per
/// word (the person keys are SipHash outputs; RPPS numbers are spread by the multiply).
#[derive(Default)]
struct Mix(u64);

impl Hasher for Mix {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(26) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(names: &[&str]) -> u64 {
        let mut f = Folded::default();
        for n in names {
            f.push_str(n);
            f.separate();
        }
        f.finish()
    }

    #[test]
    fn names_compare_without_case_accents_and_separators() {
        assert_eq!(folded(&["Lefèvre", "Élodie"]), folded(&["LEFEVRE", "elodie"]));
        assert_eq!(
            folded(&["LE FÈVRE", "Marie-Hélène"]),
            folded(&["Lefevre", "MARIE HELENE"])
        );
        assert_eq!(folded(&["D'ALMEIDA", "Zoé"]), folded(&["D’Almeida", "Zoe"]));
        assert_ne!(folded(&["MARTIN", "Léa"]), folded(&["MARTIN", "Léo"]));
        // The names stay apart: `AB` + `C` is not `A` + `BC`.
        assert_ne!(folded(&["AB", "C"]), folded(&["A", "BC"]));
        // Letters without a base letter are kept.
        assert_ne!(folded(&["ΑΛΦΑ", "Ω"]), folded(&["ΒΗΤΑ", "Ω"]));
        assert_eq!(folded(&["ΑΛΦΑ", "Ω"]), folded(&["αλφα", "ω"]));
        // Longer than the buffer.
        let long = "A".repeat(100);
        assert_eq!(folded(&[&long, &long]), folded(&[&long.to_lowercase(), &long]));
    }

    #[test]
    fn codes_pack_apart() {
        assert_ne!(pack("2A004"), pack("20004"));
        assert_ne!(pack("99350"), pack("13203"));
        assert!(pack("ZZZZZ") < 1 << 27);
    }
}
