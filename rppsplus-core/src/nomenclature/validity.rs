//! Whether a code may be entered for a field at a reference date (docs/domain.md §3): the
//! code lookups, the value sets judged by their own versions, and [`CodeError`].

use std::sync::LazyLock;

use chrono::NaiveDate;

use super::generated::nos::{TABLES, VALUE_SETS};
use super::model::{Code, Date, Field, Meta, Table, ValueSet, VersionAt};
use crate::fnv::FnvMap;

/// Per table, the position of each code: O(1) lookups.
static CODE_INDEX: LazyLock<Vec<FnvMap<&'static str, usize>>> = LazyLock::new(|| {
    TABLES
        .iter()
        .map(|t| t.codes.iter().enumerate().map(|(i, c)| (c.code, i)).collect())
        .collect()
});

/// A code as a value set sees it: the code and the versions of the set holding it (bit
/// `i` for the `i`-th version, oldest first).
#[derive(Clone, Copy)]
struct Member {
    code: &'static Code,
    versions: u32,
}

/// Per value set of `VALUE_SETS`, every code of its system and of its outside codes, with
/// the versions holding it: a check at a date is one lookup and a bit test.
static SET_MEMBERS: LazyLock<Vec<FnvMap<&'static str, Member>>> = LazyLock::new(|| {
    VALUE_SETS
        .iter()
        .map(|v| {
            let mut members: FnvMap<&str, Member> = (v.system.codes.iter().chain(v.outside))
                .map(|c| (c.code, Member { code: c, versions: 0 }))
                .collect();
            for (i, version) in v.versions().enumerate() {
                for c in version.codes {
                    if let Some(m) = members.get_mut(c.code) {
                        m.versions |= 1 << i;
                    }
                }
            }
            members
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
    /// The code `code`, ended or not (O(1), no allocation).
    pub fn get(&self, code: &str) -> Option<&'static Code> {
        let i = *CODE_INDEX.get(position_in(TABLES, self))?.get(code)?;
        self.codes.get(i)
    }
}

impl ValueSet {
    /// The code `code` of the set's code system (or one the set takes from outside it),
    /// member or not.
    fn member(&self, code: &str) -> Option<Member> {
        SET_MEMBERS.get(position_in(VALUE_SETS, self))?.get(code).copied()
    }

    /// The code `code` of the set's code system, or of the codes the set takes from
    /// outside it (`01` for JDV_J256), whether or not a version of the set holds it.
    ///
    /// ```
    /// let pays = rppsplus_core::nomenclature::value_set("JDV_J256")?;
    /// assert_eq!(pays.get("01").map(|c| c.label()), Some("Non renseigné"));
    /// assert_eq!(pays.get("99000").map(|c| c.replaced_by()), Some(&["99100"][..]));
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    pub fn get(&self, code: &str) -> Option<&'static Code> {
        self.member(code).map(|m| m.code)
    }

    /// Whether `code` may be entered for this field on `at`, judged by the version of the
    /// set in force on `at` ([`ValueSet::members_at`]): unknown to the code system; ended
    /// in its code system on `at` (`code_deprecated`, with the replacement, whether or not
    /// that version still lists it); not a member of that version or not yet in force
    /// (`code_not_allowed`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let j121 = rppsplus_core::nomenclature::value_set("profession")?;
    /// let at = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(j121.check("371", at(2025, 4, 24)).unwrap_err().code(), "code_not_allowed");
    /// assert!(j121.check("371", at(2025, 4, 25)).is_ok());
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    pub fn check(&self, code: &str, at: NaiveDate) -> Result<&'static Code, CodeError> {
        let m = self.member(code).ok_or(CodeError::Unknown)?;
        let on = Date::from(at);
        checked_on(m.code, (m.versions >> self.index_on(on)) & 1 == 1, on)
    }
}

/// [`ValueSet::check`] for a field of a whole table (no value set): unknown or ended codes
/// are refused, codes not yet in force are not allowed.
pub fn check_in_table(table: &'static Table, code: &str, at: NaiveDate) -> Result<&'static Code, CodeError> {
    let found = table.get(code).ok_or(CodeError::Unknown)?;
    checked_on(found, true, at.into())
}

/// A code found, ended on `at` (`code_deprecated`), not offered or not yet in force
/// (`code_not_allowed`), or accepted.
fn checked_on(found: &'static Code, offered: bool, at: Date) -> Result<&'static Code, CodeError> {
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
            Self::ValueSet(set) => set.system,
            Self::Table(table) => table,
        }
    }

    /// The value set's or the table's name, OID, URL, version and description.
    pub fn meta(&self) -> &'static Meta {
        match self {
            Self::ValueSet(set) => &set.meta,
            Self::Table(table) => &table.meta,
        }
    }

    /// The code `code`, whether or not the field offers it ([`ValueSet::get`],
    /// [`Table::get`]).
    pub fn get(&self, code: &str) -> Option<&'static Code> {
        match self {
            Self::ValueSet(set) => set.get(code),
            Self::Table(table) => table.get(code),
        }
    }

    /// The codes the field offers on `at`, in the source's order: a value set's
    /// ([`ValueSet::offered_at`]), or a table's codes in force ([`Table::in_force_at`]).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let sexe = rppsplus_core::nomenclature::field("sexe")?;
    /// let codes: Vec<_> = sexe.codes_at(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()).iter().map(|c| c.code()).collect();
    /// assert_eq!(codes, ["UN", "F", "M", "O"]); // the source's order
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    pub fn codes_at(&self, at: NaiveDate) -> Vec<&'static Code> {
        match self {
            Self::ValueSet(set) => set.offered_at(at).collect(),
            Self::Table(table) => table.in_force_at(at).collect(),
        }
    }

    /// Which version of the value set or table was in force on `at`.
    pub fn version_at(&self, at: NaiveDate) -> VersionAt {
        match self {
            Self::ValueSet(set) => set.version_at(at),
            Self::Table(table) => table.version_at(at),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_in_the_statics() {
        for (i, set) in VALUE_SETS.iter().enumerate() {
            assert_eq!(position_in(VALUE_SETS, set), i);
        }
        for (i, table) in TABLES.iter().enumerate() {
            assert_eq!(position_in(TABLES, table), i);
        }
        let elsewhere = Table {
            meta: Meta {
                name: "TRE_X",
                oid: "",
                url: "",
                version: "",
                date: Date::ymd(2026, 1, 1),
                description: "",
            },
            partial: false,
            codes: &[],
        };
        assert_eq!(position_in(TABLES, &elsewhere), usize::MAX);
        assert!(elsewhere.get("326").is_none());
    }

    #[test]
    fn the_versions_fit_the_bit_set() {
        assert!(VALUE_SETS.iter().all(|v| v.versions().count() <= 32));
    }
}
