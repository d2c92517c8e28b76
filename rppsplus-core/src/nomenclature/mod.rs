//! The ANS NOS tables and the INSEE COG the portal's fields use (SPEC.md §3), embedded
//! and versioned, with lookups, validity at a reference date and label search.
//!
//! ```
//! use chrono::NaiveDate;
//! use rppsplus_core::nomenclature::{self, CodeError};
//!
//! let r85 = nomenclature::table("profession")?;
//! assert_eq!(r85.get("326").map(|c| c.label()), Some("Educateur spécialisé"));
//!
//! let j121 = nomenclature::portal_value_set("profession").unwrap();
//! let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
//! assert!(j121.check("326", today).is_ok());
//! match j121.check("323", today) {
//!     Err(CodeError::Deprecated { replaced_by, .. }) => assert_eq!(replaced_by, ["328"]),
//!     other => panic!("{other:?}"),
//! }
//! assert!(matches!(j121.check("300", today), Err(CodeError::NotAllowed { .. })));
//! # Ok::<(), nomenclature::NomenclatureError>(())
//! ```

pub mod commune;
mod enums;
mod fold;
mod generated;
mod lookup;
mod model;

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::fnv::FnvMap;

use chrono::NaiveDate;

pub use enums::{Civilite, ModeExercice, Role, Sexe};
pub use fold::fold;
pub use lookup::{COMMUNE_TABLE, Entry, Lookup, label, lookup};
use model::Date;
pub use model::{Code, Status, Table, ValueSet};

use generated::nos::{TABLES, VALUE_SETS};

/// The versions of the embedded sources, for reports and `--version` outputs.
pub fn sources() -> impl Iterator<Item = (&'static str, &'static str)> {
    TABLES
        .iter()
        .map(|t| (t.name, t.version))
        .chain(std::iter::once(("COG", generated::communes::SOURCE)))
}

/// Errors of table and query arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NomenclatureError {
    /// No table has this name or alias.
    #[error(
        "unknown table (expected an alias: profession, role, civilite, sexe, mode-exercice, categorie, motif-fin, \
         statut-etat-civil, secteur, type-carte, pays, commune; or a NOS name such as TRE_R85-RolePriseCharge)"
    )]
    UnknownTable,
    /// The table has no such code (or not among the typed values).
    #[error("unknown code")]
    UnknownCode,
}

impl NomenclatureError {
    /// The stable code (`unknown_table`, `unknown_code`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownTable => "unknown_table",
            Self::UnknownCode => "unknown_code",
        }
    }

    /// The French message ([`Display`](std::fmt::Display) gives English).
    pub fn message_fr(&self) -> &'static str {
        match self {
            Self::UnknownTable => {
                "table inconnue (attendu : profession, role, civilite, sexe, mode-exercice, categorie, motif-fin, \
                 statut-etat-civil, secteur, type-carte, pays, commune, ou un nom NOS tel que TRE_R85-RolePriseCharge)"
            }
            Self::UnknownCode => "code inconnu",
        }
    }
}

/// The portal fields' names for the tables (the CLI's `lookup TABLE`), with the table and
/// the value set the portal offers.
const ALIASES: &[(&str, &str, Option<&str>)] = &[
    (
        "profession",
        "TRE_R85-RolePriseCharge",
        Some("JDV_J121-RolePriseCharge-ENREG"),
    ),
    ("role", "TRE_R22-GenreActivite", Some("JDV_J116-GenreActivite-ENREG")),
    (
        "profession-rpps",
        "TRE_R291-AutreProfession",
        Some("JDV_J122-Profession-ENREG"),
    ),
    ("civilite", "TRE_R81-Civilite", Some("JDV_J113-Civilite-ENREG")),
    ("sexe", "TRE_R249-Sexe", None),
    (
        "mode-exercice",
        "TRE_R23-ModeExercice",
        Some("JDV_J117-ModeExercice-ENREG"),
    ),
    ("categorie", "TRE_R09-CategorieProfessionnelle", None),
    ("motif-fin", "TRE_R25-MotifFinActivite", None),
    (
        "statut-etat-civil",
        "TRE_R31-StatutEtatCivil",
        Some("JDV_J111-StatutEtatCivil-ENREG"),
    ),
    (
        "secteur",
        "TRE_R02-SecteurActivite",
        Some("JDV_J126-SecteurActivite-ENREG"),
    ),
    ("type-carte", "TRE_R87-TypeCarte", None),
    ("pays", "TRE_R20-Pays", Some("JDV_J256-Pays")),
];

/// The portal field alias of a table (`profession` for TRE_R85), or its NOS name.
fn alias_of(t: &Table) -> &'static str {
    ALIASES
        .iter()
        .find(|(_, full, _)| *full == t.name)
        .map_or(t.name, |(alias, ..)| alias)
}

/// The aliases `table` and `lookup` take besides NOS names (`commune` is `lookup`'s only).
pub fn aliases() -> impl Iterator<Item = &'static str> {
    ALIASES.iter().map(|(alias, ..)| *alias)
}

/// Every embedded code system.
pub fn tables() -> &'static [Table] {
    TABLES
}

/// Every embedded value set.
pub fn value_sets() -> &'static [ValueSet] {
    VALUE_SETS
}

/// Whether `name` designates `full`: the full NOS name or its code (`TRE_R85`), any case.
fn names(full: &str, name: &str) -> bool {
    full.eq_ignore_ascii_case(name)
        || full
            .split('-')
            .next()
            .is_some_and(|short| short.eq_ignore_ascii_case(name))
}

/// A code system by alias (`profession`), NOS name (`TRE_R85-RolePriseCharge`) or NOS code
/// (`TRE_R85`). The communes are not a code system: see [`commune`].
pub fn table(name: &str) -> Result<&'static Table, NomenclatureError> {
    if let Some(field) = ALIAS_FIELDS.get(name) {
        return Ok(field.table());
    }
    let name = ALIASES
        .iter()
        .find(|(alias, ..)| *alias == name)
        .map_or(name, |(_, full, _)| full);
    TABLES
        .iter()
        .find(|t| names(t.name, name))
        .ok_or(NomenclatureError::UnknownTable)
}

/// A value set by NOS name (`JDV_J121-RolePriseCharge-ENREG`) or code (`JDV_J121`), or the
/// portal's value set of a field alias (`profession`).
pub fn value_set(name: &str) -> Result<&'static ValueSet, NomenclatureError> {
    portal_value_set(name)
        .or_else(|| VALUE_SETS.iter().find(|v| names(v.name, name)))
        .ok_or(NomenclatureError::UnknownTable)
}

/// The fields of the portal's aliases, resolved once (validation asks for them per demande).
static ALIAS_FIELDS: LazyLock<FnvMap<&'static str, Field>> = LazyLock::new(|| {
    ALIASES
        .iter()
        .filter_map(|(alias, table_name, set)| {
            let set = set.and_then(|s| VALUE_SETS.iter().find(|v| v.name == s));
            let table = TABLES.iter().find(|t| t.name == *table_name)?;
            Some((*alias, set.map_or(Field::Table(table), Field::ValueSet)))
        })
        .collect()
});

/// What a field accepts: a value set, or a whole table when the portal offers all of it.
#[derive(Debug, Clone, Copy)]
pub enum Field {
    /// The codes of a value set (`profession` → JDV_J121).
    ValueSet(&'static ValueSet),
    /// Every code of a table (`sexe`, `categorie`, `motif-fin`, or a NOS table name).
    Table(&'static Table),
}

/// The field `name`: a portal field alias (its value set, or its whole table when the
/// portal offers all of it), a value set name (`JDV_J121`), or a table name (`TRE_R85`).
///
/// ```
/// use chrono::NaiveDate;
/// use rppsplus_core::nomenclature::field;
/// let at = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
/// assert!(field("profession")?.check("326", at).is_ok());
/// assert_eq!(field("profession")?.check("300", at).unwrap_err().code(), "code_not_allowed");
/// assert!(field("TRE_R85")?.check("300", at).is_ok());
/// assert_eq!(field("sexe")?.check("U", at).unwrap_err().code(), "code_deprecated");
/// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
/// ```
pub fn field(name: &str) -> Result<Field, NomenclatureError> {
    if let Some(field) = ALIAS_FIELDS.get(name) {
        return Ok(*field);
    }
    match value_set(name) {
        Ok(set) => Ok(Field::ValueSet(set)),
        Err(_) => table(name).map(Field::Table),
    }
}

impl Field {
    /// Whether `code` may be entered on `at` ([`ValueSet::check`], [`check_in_table`]).
    pub fn check(&self, code: &str, at: NaiveDate) -> Result<&'static Code, CodeError> {
        match self {
            Self::ValueSet(set) => set.check(code, at),
            Self::Table(table) => check_in_table(table, code, at),
        }
    }

    /// The code system the field's codes come from.
    pub fn table(&self) -> &'static Table {
        match self {
            Self::ValueSet(set) => set.system(),
            Self::Table(table) => table,
        }
    }
}

/// The value set the portal offers for a field alias (`profession` → JDV_J121); `None`
/// when the portal takes the whole table (`sexe`, `categorie`, `motif-fin`).
pub fn portal_value_set(alias: &str) -> Option<&'static ValueSet> {
    let (.., set) = ALIASES.iter().find(|(a, ..)| *a == alias)?;
    VALUE_SETS.iter().find(|v| Some(v.name) == *set)
}

/// The code system of each value set, by value-set position.
static SYSTEMS: LazyLock<Vec<&'static Table>> = LazyLock::new(|| {
    VALUE_SETS
        .iter()
        .map(|v| TABLES.iter().find(|t| t.name == v.system).unwrap_or(&TABLES[0]))
        .collect()
});

/// Per table, the position of each code: O(1) lookups.
static CODE_INDEX: LazyLock<Vec<FnvMap<&'static str, usize>>> = LazyLock::new(|| {
    TABLES
        .iter()
        .map(|t| t.codes.iter().enumerate().map(|(i, c)| (c.code, i)).collect())
        .collect()
});

/// Per value set of `VALUE_SETS`, every code of its system with whether the set offers it:
/// a check is one lookup.
static SET_CODES: LazyLock<Vec<FnvMap<&'static str, (&'static Code, bool)>>> = LazyLock::new(|| {
    VALUE_SETS
        .iter()
        .map(|v| {
            let offered: HashSet<&str> = v.codes.iter().copied().collect();
            (v.system().codes.iter())
                .map(|c| (c.code, (c, offered.contains(c.code))))
                .collect()
        })
        .collect()
});

/// The position of `item` in the static slice `all` (every table and value set is one of
/// the generated statics), or `usize::MAX`.
fn position_in<T>(all: &'static [T], item: &T) -> usize {
    let size = std::mem::size_of::<T>().max(1);
    let i = (item as *const T as usize).wrapping_sub(all.as_ptr() as usize) / size;
    match all.get(i) {
        Some(at) if std::ptr::eq(at, item) => i,
        _ => usize::MAX,
    }
}

impl Table {
    fn position(&self) -> usize {
        position_in(TABLES, self)
    }

    /// The code `code`, ended or not (O(1), no allocation).
    pub fn get(&self, code: &str) -> Option<&'static Code> {
        let i = *CODE_INDEX.get(self.position())?.get(code)?;
        self.codes.get(i)
    }

    /// Codes whose code or label matches `query`: the exact code first, then labels equal
    /// to, starting with, or with words starting with the query's words (accents, case and
    /// punctuation ignored), in the table's order within each group.
    ///
    /// ```
    /// let r85 = rppsplus_core::nomenclature::table("profession")?;
    /// let hits = r85.search("educateur spe", 5);
    /// assert_eq!(hits[0].code(), "326");
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    pub fn search(&self, query: &str, limit: usize) -> Vec<&'static Code> {
        if query.len() > commune::MAX_QUERY {
            return Vec::new();
        }
        let q = fold(query);
        if q.is_empty() {
            return Vec::new();
        }
        let words: Vec<&str> = q.split(' ').collect();
        let class = |c: &Code| {
            let label = fold(c.label);
            if c.code.eq_ignore_ascii_case(query.trim()) {
                Some(0)
            } else if label == q {
                Some(1)
            } else if label.starts_with(&q) {
                Some(2)
            } else if words.iter().all(|w| label.split(' ').any(|lw| lw.starts_with(w))) {
                Some(3)
            } else {
                None
            }
        };
        let mut hits: Vec<(u8, usize, &'static Code)> = self
            .codes
            .iter()
            .enumerate()
            .filter_map(|(i, c)| class(c).map(|k| (k, i, c)))
            .collect();
        hits.sort_by_key(|&(k, i, _)| (k, i));
        hits.into_iter().take(limit).map(|(.., c)| c).collect()
    }
}

/// Why a code is not accepted for a field at a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeError {
    /// The code system has no such code.
    Unknown,
    /// The code exists but the portal does not offer it (or not yet at that date).
    NotAllowed {
        /// The code, which still resolves to its label.
        code: &'static Code,
    },
    /// The code has ended at the reference date.
    Deprecated {
        /// The ended code.
        code: &'static Code,
        /// What to pick instead, where the source says.
        replaced_by: &'static [&'static str],
    },
}

impl CodeError {
    /// The stable code: `unknown_code`, `code_not_allowed` or `code_deprecated`.
    pub fn code(&self) -> crate::FindingCode {
        match self {
            Self::Unknown => crate::FindingCode::UnknownCode,
            Self::NotAllowed { .. } => crate::FindingCode::CodeNotAllowed,
            Self::Deprecated { .. } => crate::FindingCode::CodeDeprecated,
        }
    }

    /// The French message.
    pub fn message_fr(&self) -> String {
        match self {
            Self::Unknown => "code inconnu".into(),
            Self::NotAllowed { code } => format!(
                "le code {} ({}) n'est pas proposé par le portail",
                code.code, code.label
            ),
            Self::Deprecated { code, replaced_by: [] } => {
                format!("le code {} ({}) est obsolète", code.code, code.label)
            }
            Self::Deprecated { code, replaced_by } => {
                format!(
                    "le code {} ({}) est obsolète : utiliser {}",
                    code.code,
                    code.label,
                    replaced_by.join(" ou ")
                )
            }
        }
    }

    /// The English message.
    pub fn message_en(&self) -> String {
        match self {
            Self::Unknown => "unknown code".into(),
            Self::NotAllowed { code } => format!("code {} ({}) is not offered by the portal", code.code, code.label),
            Self::Deprecated { code, replaced_by: [] } => format!("code {} ({}) is deprecated", code.code, code.label),
            Self::Deprecated { code, replaced_by } => {
                format!(
                    "code {} ({}) is deprecated: use {}",
                    code.code,
                    code.label,
                    replaced_by.join(" or ")
                )
            }
        }
    }
}

impl ValueSet {
    /// The code system of the set.
    pub fn system(&self) -> &'static Table {
        SYSTEMS.get(self.position()).copied().unwrap_or(&TABLES[0])
    }

    fn position(&self) -> usize {
        position_in(VALUE_SETS, self)
    }

    /// The code `code` of the system, and whether the set offers it.
    fn lookup(&self, code: &str) -> Option<(&'static Code, bool)> {
        SET_CODES.get(self.position())?.get(code).copied()
    }

    /// Whether `code` is in the set (O(1)).
    ///
    /// ```
    /// let j121 = rppsplus_core::nomenclature::value_set("profession")?;
    /// assert!(j121.contains("326"));
    /// assert!(!j121.contains("999"));
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    pub fn contains(&self, code: &str) -> bool {
        self.lookup(code).is_some_and(|(_, offered)| offered)
    }

    /// Whether `code` may be entered for this field on `at`: unknown to the code system,
    /// ended on `at` (`code_deprecated`, with the replacement, whether or not the set
    /// still lists it), or not offered by the set or not yet in force (`code_not_allowed`).
    pub fn check(&self, code: &str, at: NaiveDate) -> Result<&'static Code, CodeError> {
        let (found, offered) = self.lookup(code).ok_or(CodeError::Unknown)?;
        checked_on(found, offered, at)
    }
}

/// [`ValueSet::check`] for a field of a whole table (no value set): unknown or ended codes
/// are refused, codes not yet in force are not allowed.
pub fn check_in_table(table: &'static Table, code: &str, at: NaiveDate) -> Result<&'static Code, CodeError> {
    let found = table.get(code).ok_or(CodeError::Unknown)?;
    checked_on(found, true, at)
}

/// A code found, ended on `at` (`code_deprecated`), not offered or not yet in force
/// (`code_not_allowed`), or accepted.
fn checked_on(found: &'static Code, offered: bool, at: NaiveDate) -> Result<&'static Code, CodeError> {
    let at = Date::from(at);
    if found.ended_on(at) {
        return Err(CodeError::Deprecated {
            code: found,
            replaced_by: found.replaced_by,
        });
    }
    if !offered || !found.valid_on(at) {
        return Err(CodeError::NotAllowed { code: found });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_code_of_a_value_set_is_in_its_system() {
        for set in VALUE_SETS {
            for code in set.codes {
                assert!(set.system().get(code).is_some(), "{} {code}", set.name);
                assert!(set.contains(code), "{} {code}", set.name);
            }
            assert_eq!(
                position_in(VALUE_SETS, set),
                VALUE_SETS.iter().position(|v| std::ptr::eq(v, set)).unwrap()
            );
        }
        let elsewhere = ValueSet {
            name: "JDV_X",
            oid: "",
            url: "",
            version: "",
            system: "TRE_R85-RolePriseCharge",
            codes: &[],
        };
        assert_eq!(position_in(VALUE_SETS, &elsewhere), usize::MAX);
    }

    #[test]
    fn every_table_of_the_spec_is_there() {
        for alias in [
            "profession",
            "role",
            "civilite",
            "sexe",
            "mode-exercice",
            "categorie",
            "motif-fin",
            "pays",
        ] {
            assert!(table(alias).is_ok(), "{alias}");
        }
        assert_eq!(table("TRE_R85").unwrap().codes().len(), 80);
        assert_eq!(value_set("JDV_J121").unwrap().codes().len(), 60);
        assert_eq!(table("pays").unwrap().codes().len(), 239);
        assert_eq!(
            table("pays")
                .unwrap()
                .codes()
                .iter()
                .filter(|c| c.status() == Status::Deprecated)
                .count(),
            23
        );
        assert_eq!(table("no-such-table").unwrap_err(), NomenclatureError::UnknownTable);
        assert_eq!(table("").unwrap_err(), NomenclatureError::UnknownTable);
    }

    #[test]
    fn validity_at_a_date() {
        let j121 = portal_value_set("profession").unwrap();
        let before = day(2025, 1, 1);
        let after = day(2026, 11, 23);
        assert!(j121.check("318", after).is_err());
        assert_eq!(j121.check("318", after).unwrap_err().code(), "code_deprecated");
        assert_eq!(
            j121.check("350", after),
            Err(CodeError::Deprecated {
                code: table("TRE_R85").unwrap().get("350").unwrap(),
                replaced_by: &["371", "372"]
            })
        );
        assert_eq!(j121.check("371", before).unwrap_err().code(), "code_not_allowed");
        assert!(j121.check("371", after).is_ok());
        assert_eq!(j121.check("999", after), Err(CodeError::Unknown));
        assert_eq!(j121.check("300", after).unwrap_err().code(), "code_not_allowed");
        let sexe = table("sexe").unwrap();
        assert_eq!(check_in_table(sexe, "U", after).unwrap_err().code(), "code_deprecated");
        assert!(check_in_table(sexe, "U", day(2000, 1, 1)).is_ok());
        assert!(check_in_table(sexe, "F", NaiveDate::MIN).is_ok());
        assert!(check_in_table(sexe, "F", day(9999, 12, 31)).is_ok());
    }

    #[test]
    fn search_labels() {
        let pays = table("pays").unwrap();
        assert_eq!(pays.search("99100", 3)[0].code(), "99100");
        assert!(pays.search("allemagne", 3).iter().any(|c| c.code() == "99109"));
        assert!(pays.search("", 3).is_empty());
    }
}
