//! The ANS NOS tables and the INSEE COG the portal's fields use (docs/domain.md §3),
//! embedded and versioned (docs/data.md), with lookups, validity at a reference date,
//! the codes offered at a date, and label search.
//!
//! A name designates a field of the portal (an alias: [`aliases`]), a value set (its NOS
//! name `JDV_J121-RolePriseCharge-ENREG` or code `JDV_J121`) or a table (`TRE_R85`):
//! [`field`], [`table`], [`value_set`], [`lookup`], [`list`] and [`label`] all take them.
//!
//! ```
//! use chrono::NaiveDate;
//! use rppsplus_core::nomenclature::{self, CodeError};
//!
//! let r85 = nomenclature::table("profession")?;
//! assert_eq!(r85.get("326").map(|c| c.label()), Some("Educateur spécialisé"));
//!
//! let j121 = nomenclature::value_set("JDV_J121")?;
//! let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
//! assert!(j121.check("326", today).is_ok());
//! match j121.check("323", today) {
//!     Err(CodeError::Deprecated { replaced_by, .. }) => assert_eq!(replaced_by, ["328"]),
//!     other => panic!("{other:?}"),
//! }
//! assert!(matches!(j121.check("300", today), Err(CodeError::NotAllowed { .. })));
//!
//! // The value set is judged at the date: 323 was offered in 2022.
//! assert!(j121.check("323", NaiveDate::from_ymd_opt(2022, 9, 5).unwrap()).is_ok());
//! // Every code offered at a date, in the source's order, for a form's list.
//! assert_eq!(nomenclature::list("profession", today)?.len(), 60);
//! # Ok::<(), nomenclature::NomenclatureError>(())
//! ```

pub mod commune;
mod enums;
pub(crate) mod fold;
mod generated;
mod lookup;
mod model;
mod search;
mod validity;

use std::sync::LazyLock;

pub use enums::{Civilite, Sexe};
pub use fold::fold;
pub use lookup::{COMMUNE_TABLE, Entry, Lookup, label, list, lookup};
use model::Alias;
pub use model::{Code, Field, Meta, SetVersion, Status, Table, ValueSet, VersionAt};
pub use validity::{CodeError, check_in_table};

use generated::nos::{ALIASES, TABLES, VALUE_SETS};

/// The versions of the embedded sources (every table and value set, then the COG), for
/// reports and `--version` outputs.
pub fn sources() -> impl Iterator<Item = (&'static str, &'static str)> {
    (TABLES.iter().map(Table::meta))
        .chain(VALUE_SETS.iter().map(ValueSet::meta))
        .map(|m| (m.name, m.version))
        .chain(std::iter::once(("COG", generated::communes::SOURCE)))
}

/// Errors of table and query arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum NomenclatureError {
    /// No field, value set or table has this name.
    UnknownTable,
    /// The table has no such code (or not among the typed values).
    UnknownCode,
}

/// The messages of [`NomenclatureError::UnknownTable`] (French, English), naming every
/// alias of the one table of aliases.
static UNKNOWN_TABLE: LazyLock<(String, String)> = LazyLock::new(|| {
    let names: Vec<&str> = aliases().chain([COMMUNE_TABLE]).collect();
    let names = names.join(", ");
    (
        format!(
            "table inconnue (attendu : {names}, ou un nom NOS de table ou de jeu de valeurs tel que \
             TRE_R85-RolePriseCharge ou JDV_J121)"
        ),
        format!(
            "unknown table (expected one of {names}, or the NOS name of a table or value set such as \
             TRE_R85-RolePriseCharge or JDV_J121)"
        ),
    )
});

impl NomenclatureError {
    /// The stable code (`unknown_table`, `unknown_code`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownTable => "unknown_table",
            Self::UnknownCode => "unknown_code",
        }
    }

    /// The French message ([`Display`](std::fmt::Display) gives English). The unknown
    /// table's message names every alias.
    ///
    /// ```
    /// use rppsplus_core::nomenclature::{aliases, table};
    /// let e = table("professions").unwrap_err();
    /// assert!(aliases().all(|a| e.message_fr().contains(a) && e.to_string().contains(a)));
    /// ```
    pub fn message_fr(&self) -> &'static str {
        match self {
            Self::UnknownTable => &UNKNOWN_TABLE.0,
            Self::UnknownCode => "code inconnu",
        }
    }

    fn message_en(&self) -> &'static str {
        match self {
            Self::UnknownTable => &UNKNOWN_TABLE.1,
            Self::UnknownCode => "unknown code",
        }
    }
}

impl std::fmt::Display for NomenclatureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message_en())
    }
}

impl std::error::Error for NomenclatureError {}

/// The names of the portal's fields (`profession`, `role`, ..., `pays`) that every function
/// taking a table name accepts besides NOS names; [`lookup`], [`list`] and [`label`] also
/// take [`COMMUNE_TABLE`]. The one list every face shows.
pub fn aliases() -> impl Iterator<Item = &'static str> {
    ALIASES.iter().map(|a| a.name)
}

/// Every embedded code system.
pub fn tables() -> &'static [Table] {
    TABLES
}

/// Every embedded value set.
pub fn value_sets() -> &'static [ValueSet] {
    VALUE_SETS
}

/// The field `name`: a portal field alias (its value set, or its whole table when the
/// portal offers all of it), a value set's NOS name or code (`JDV_J121`), or a table's
/// (`TRE_R85`: the whole table). The communes are not a field: see [`commune`].
///
/// ```
/// use chrono::NaiveDate;
/// use rppsplus_core::nomenclature::field;
/// let at = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
/// assert!(field("profession")?.check("326", at).is_ok());
/// assert_eq!(field("profession")?.check("300", at).unwrap_err().code(), "code_not_allowed");
/// assert!(field("JDV_J121")?.check("326", at).is_ok());
/// assert!(field("TRE_R85")?.check("300", at).is_ok());
/// assert_eq!(field("sexe")?.check("U", at).unwrap_err().code(), "code_deprecated");
/// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
/// ```
pub fn field(name: &str) -> Result<Field, NomenclatureError> {
    (ALIASES.iter().find(|a| a.name == name).map(|a| a.field))
        .or_else(|| VALUE_SETS.iter().find(|v| v.meta.is_named(name)).map(Field::ValueSet))
        .or_else(|| TABLES.iter().find(|t| t.meta.is_named(name)).map(Field::Table))
        .ok_or(NomenclatureError::UnknownTable)
}

/// The code system of the field `name` ([`field`]): `profession`, `JDV_J121`, `TRE_R85`
/// and `TRE_R85-RolePriseCharge` all give TRE_R85.
pub fn table(name: &str) -> Result<&'static Table, NomenclatureError> {
    field(name).map(|f| f.table())
}

/// The value set of the field `name` ([`field`]): a value set's NOS name or code
/// (`JDV_J121`), or a portal field alias whose field has one (`profession`).
pub fn value_set(name: &str) -> Result<&'static ValueSet, NomenclatureError> {
    match field(name)? {
        Field::ValueSet(set) => Ok(set),
        Field::Table(_) => Err(NomenclatureError::UnknownTable),
    }
}

/// The value set the portal offers for a field alias (`profession` → JDV_J121); `None`
/// when the portal takes the whole table (`sexe`, `categorie`, `motif-fin`) or for a name
/// that is not an alias.
pub fn portal_value_set(alias: &str) -> Option<&'static ValueSet> {
    match ALIASES.iter().find(|a| a.name == alias)?.field {
        Field::ValueSet(set) => Some(set),
        Field::Table(_) => None,
    }
}

/// The value set a portal field offers from `table` (JDV_J121 for TRE_R85), if any.
pub(crate) fn portal_set_of(table: &Table) -> Option<&'static ValueSet> {
    ALIASES.iter().find_map(|Alias { field, .. }| match field {
        Field::ValueSet(set) if std::ptr::eq(set.system, table) => Some(*set),
        _ => None,
    })
}

#[cfg(test)]
mod tests;
