//! The same person or RPPS number twice in one file (docs/domain.md §4.6): `duplicate` on
//! the later demande, naming the earlier one's line (CSV) or index (JSON).
//!
//! Validating a demande of a file gives its report the demande's keys ([`Keys`]; a
//! demande validated on its own skips them); a [`Duplicates`] sees the reports of a file
//! in file order and remembers the keys, not the demandes: two small numbers and a
//! position per demande, whatever its size.
//!
//! **The person** is the nom de naissance, the first prénom, the date of birth and the
//! place of birth, compared as the rules read them: names without case, accents and
//! separators (`Lefèvre`, `LEFEVRE` and `LE FEVRE` are one name; spaces, hyphens and
//! apostrophes are ignored, other letters are kept as they are); the date exactly; the
//! place as the commune's current INSEE code for a person born in France (`20004` is
//! `2A004`), else the country's code and the lieu de naissance compared as the names are.
//! Only a primo enregistrement carries an état civil, so only primos have this key.
//!
//! **Collisions.** A person is kept as one 64-bit hash of the folded names, the date (in
//! days) and the place (the commune's entry in the embedded COG, or the country's code and
//! the folded lieu). Two different people of a file of `n` are taken for one with a
//! probability under n²/2⁶⁵: 3·10⁻⁸ for a million people, 3·10⁻⁶ for ten million —
//! negligible, and it saves half the memory of exact keys (12 bytes per person with its
//! position: 27 MB of table for a million). **The RPPS number** is kept exactly (its 11 digits as
//! a number).

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, Hasher};

use chrono::Datelike;

use super::messages::Msg;
use super::model::{Demande, Procedure};
use super::report::Report;
use super::view::View;
use super::{Keyed, Options};
use crate::nomenclature::commune::Commune;
use crate::nomenclature::fold::base;

/// What identifies the person and the registration of a demande within a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Keys {
    /// The person: primos only.
    person: Option<u64>,
    /// The RPPS number.
    rpps: Option<u64>,
}

impl Keys {
    /// The keys of `d`; `commune` is its birth commune, as the rules resolved it.
    pub(crate) fn of(d: &View<'_>, commune: Option<Commune>) -> Keys {
        let person = (d.procedure == Some(Procedure::PrimoEnregistrement))
            .then(|| person(d, commune))
            .flatten();
        let rpps = d.rpps.and_then(|r| r.as_str().parse().ok());
        Keys { person, rpps }
    }
}

/// The key of the person of `d`, when its names, date and place of birth are all given.
fn person(d: &View<'_>, commune: Option<Commune>) -> Option<u64> {
    let nom = d.nom_naissance?;
    let prenom = d.prenoms.first().filter(|p| !p.is_empty())?;
    let born = d.date_naissance?;
    let pays = d.pays_naissance?;
    // The commune's entry in the COG (above 2²⁷, apart from the packed country codes).
    let (place, lieu) = if pays.is_france() {
        ((1 << 27) | commune?.index() as u64, None)
    } else {
        (pack(pays.as_str()), Some(d.lieu_naissance?))
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
    Some(mum(names.finish() ^ K0, (days << 32 | place) ^ K1))
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
/// characters of names (spaces, hyphens, apostrophes) left out. The bytes are mixed 8 at a
/// time by a 64×64→128-bit multiply folded to 64 bits (wyhash's mixing): fast, and well
/// spread for text that nobody crafts to collide (see the module's docs).
#[derive(Default, Clone, Copy)]
struct Folded {
    hash: u64,
    /// The bytes not mixed yet, the first in the low byte.
    word: u64,
    /// How many bytes `word` has. (No folded byte is 0: `word`'s zero bytes are padding.)
    len: u32,
}

/// Multiplies and folds: the mixing step.
fn mum(a: u64, b: u64) -> u64 {
    let r = u128::from(a) * u128::from(b);
    (r as u64) ^ ((r >> 64) as u64)
}

const K0: u64 = 0xa076_1d64_78bd_642f;
const K1: u64 = 0xe703_7ed1_a0b4_28db;
const K2: u64 = 0x8ebc_6af0_9c88_c6e3;

impl Folded {
    #[inline]
    fn byte(&mut self, b: u8) {
        self.word |= u64::from(b) << (8 * self.len);
        self.len += 1;
        if self.len == 8 {
            self.hash = mum(self.hash ^ self.word ^ K0, K1);
            (self.word, self.len) = (0, 0);
        }
    }

    fn push_str(&mut self, s: &str) {
        // The state in a local: kept in registers.
        let mut f = *self;
        if s.is_ascii() {
            for b in s.bytes().filter(u8::is_ascii_alphanumeric) {
                // Lower case: `A`–`Z` get bit 5; digits have it already.
                f.byte(b | 0x20);
            }
        } else {
            for c in s.chars() {
                if c.is_ascii_alphanumeric() {
                    f.byte(c as u8 | 0x20);
                } else if let Some(b) = base(c) {
                    b.bytes().for_each(|b| f.byte(b));
                } else if c.is_alphabetic() {
                    for l in c.to_lowercase() {
                        l.encode_utf8(&mut [0; 4]).bytes().for_each(|b| f.byte(b));
                    }
                }
            }
        }
        *self = f;
    }

    /// Ends a name (a byte no folded letter has).
    fn separate(&mut self) {
        self.byte(0xff);
    }

    fn finish(self) -> u64 {
        mum(mum(self.hash ^ self.word ^ K0, K1), K2)
    }
}

/// The duplicates of one file: the keys of its demandes seen so far, each with the
/// position of the first demande that had it. Give it the demandes in file order; the
/// later demande of two with the same key gets `duplicate` (an error), naming the earlier
/// one's position. The CSV reader and [`validate_json_document`](super::validate_json_document)
/// use one; a face that validates the demandes of a file one by one validates them
/// through one.
///
/// ```
/// use rppsplus_core::demande::{Duplicates, Options, Stage};
/// let fermeture = br#"{"procedure": "fermeture_situation", "rpps": "10107985318",
///                      "situation": {"id": "S1", "date_fin_fonction": "2026-01-31"}}"#;
/// let draft = Options { stage: Stage::Draft, ..Options::default() };
/// let mut file = Duplicates::by_line();
/// let first = file.validate_json(2, fermeture, &draft);
/// let again = file.validate_json(3, fermeture, &draft);
/// assert!(first.is_valid());
/// let f = &again.findings()[0];
/// assert_eq!((f.path.as_str(), f.code.as_str()), ("rpps", "duplicate"));
/// assert!(f.message.contains("à la ligne 2"), "{}", f.message);
/// ```
#[derive(Debug, Default)]
pub struct Duplicates {
    people: HashMap<Key, u32, BuildHasherDefault<Mix>>,
    rpps: HashMap<Key, u32, BuildHasherDefault<Mix>>,
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

    /// [`validate`](super::validate) of the demande at `position`, with its duplicates.
    pub fn validate(&mut self, position: usize, demande: &Demande, options: &Options) -> Report {
        self.checked(position, super::typed_report(demande, options, Keyed::Yes))
    }

    /// [`validate_json`](super::validate_json) of the demande at `position`, with its
    /// duplicates.
    pub fn validate_json(&mut self, position: usize, json: &[u8], options: &Options) -> Report {
        self.checked(position, super::json_report(json, options, Keyed::Yes))
    }

    /// [`validate_value`](super::validate_value) of the demande at `position`, with its
    /// duplicates.
    pub fn validate_value(&mut self, position: usize, value: &serde_json::Value, options: &Options) -> Report {
        self.checked(position, super::value_report(value, options, Keyed::Yes))
    }

    fn checked(&mut self, position: usize, mut report: Report) -> Report {
        self.check(position, &mut report);
        report
    }

    /// Checks the demande of `report` (validated with its keys, maybe on another thread),
    /// at `position`, against the demandes seen before, adding `duplicate` findings to
    /// `report`; then remembers its keys.
    pub(crate) fn check(&mut self, position: usize, report: &mut Report) {
        let keys = report.keys;
        if let Some(first) = keys.person.and_then(|k| earlier(self.people.entry(split(k)), position)) {
            report.push(self.finding(Msg::DuplicatePerson, "etat_civil", first));
        }
        if let Some(first) = keys.rpps.and_then(|k| earlier(self.rpps.entry(split(k)), position)) {
            report.push(self.finding(Msg::DuplicateRpps, "rpps", first));
        }
    }

    fn finding(&self, msg: Msg, path: &'static str, first: u32) -> super::Finding {
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

/// A key as stored: two halves, so that an entry with its position takes 12 bytes, not the
/// 16 of a `u64` and a `u32` aligned on 8.
type Key = [u32; 2];

/// The halves of a key.
fn split(key: u64) -> Key {
    [key as u32, (key >> 32) as u32]
}

/// The position of the first demande with a key, or `None` when `position` is the first
/// (it is remembered, in 32 bits: no file has 4 billion lines).
fn earlier(seen: Entry<'_, Key, u32>, position: usize) -> Option<u32> {
    match seen {
        Entry::Occupied(first) => Some(*first.get()),
        Entry::Vacant(slot) => {
            slot.insert(u32::try_from(position).unwrap_or(u32::MAX));
            None
        }
    }
}

/// A hasher for keys that are already hashes or plain numbers: one multiply-rotate per
/// word (the person keys are hashes; RPPS numbers are spread by the multiply).
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
        // The multiply spreads low bits upwards; bring high bits down for the table's index.
        self.0 ^ (self.0 >> 29)
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
        // ASCII and other text fold alike, across words.
        assert_eq!(
            folded(&["Éloïse-Marie Dupont-Lefèvre", "Zoé"]),
            folded(&["eloise marie dupont lefevre", "ZOE"])
        );
        let long = "A".repeat(100);
        assert_eq!(folded(&[&long, &long]), folded(&[&long.to_lowercase(), &long]));
    }

    #[test]
    fn codes_pack_apart() {
        assert_ne!(pack("2A004"), pack("20004"));
        assert_ne!(pack("2A004"), pack("2B004"));
        assert_ne!(pack("99350"), pack("13203"));
        assert!(pack("ZZZZZ") < 1 << 27);
    }
}
