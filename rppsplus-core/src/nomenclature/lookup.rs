//! `lookup`: one entry point over every table and the communes, as the CLI, C and Python
//! offer it: the exact code first, else a label search.

use chrono::NaiveDate;

use super::commune::{self, Commune, Unresolved};
use super::{Code, NomenclatureError, Status, Table, portal_value_set, table};

/// The name `lookup` and [`label`] take for the INSEE communes (not a code system).
pub const COMMUNE_TABLE: &str = "commune";

/// The label of `code` in `table`, or the name of a commune for [`COMMUNE_TABLE`]; `None`
/// when the table has no such code.
///
/// ```
/// use rppsplus_core::nomenclature::label;
/// assert_eq!(label("profession", "326")?, Some("Educateur spécialisé"));
/// assert_eq!(label("commune", "13203")?, Some("Marseille 3e Arrondissement"));
/// assert_eq!(label("role", "GENR00")?, None);
/// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
/// ```
pub fn label(table_name: &str, code: &str) -> Result<Option<&'static str>, NomenclatureError> {
    if table_name == COMMUNE_TABLE {
        return Ok(commune::get(code).map(Commune::name));
    }
    Ok(table(table_name)?.get(code).map(Code::label))
}

/// One result of [`lookup`]: a code of a table, or a commune.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The code.
    pub code: &'static str,
    /// The label (a commune's name).
    pub label: &'static str,
    /// The status at the reference date: `Deprecated` when the code has ended by then.
    pub status: Status,
    /// The date the code ended, if it has.
    pub date_fin: Option<NaiveDate>,
    /// What to use instead of an ended code.
    pub replaced_by: &'static [&'static str],
    /// Whether the portal offers the code for its field at the reference date (`None`
    /// when the field takes the whole table, and for communes).
    pub offered: Option<bool>,
    /// The commune, for the commune table.
    pub commune: Option<Commune>,
}

impl Entry {
    fn of_code(code: &'static Code, at: NaiveDate, alias: &str) -> Self {
        let offered = portal_value_set(alias).map(|v| v.check(code.code, at).is_ok());
        Self {
            code: code.code,
            label: code.label,
            status: if code.is_ended_at(at) {
                Status::Deprecated
            } else {
                Status::Active
            },
            date_fin: code.date_fin(),
            replaced_by: code.replaced_by,
            offered,
            commune: None,
        }
    }

    fn of_commune(c: Commune) -> Self {
        Self {
            code: c.code(),
            label: c.name(),
            status: Status::Active,
            date_fin: None,
            replaced_by: &[],
            offered: None,
            commune: Some(c),
        }
    }
}

/// What [`lookup`] found, and how.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lookup {
    /// The entries, best first.
    pub entries: Vec<Entry>,
    /// True when the query was a postal code typed as a commune code: the entries are the
    /// communes it serves.
    pub postal_code: bool,
}

/// Looks `query` up in `table` (an alias such as `profession`, `commune`, `pays`, or a NOS
/// name): the entry with that exact code first, else the best `limit` label matches. The
/// status of each entry is taken at `at`.
///
/// ```
/// use chrono::NaiveDate;
/// use rppsplus_core::nomenclature::{lookup, Status};
///
/// let at = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
/// let found = lookup("profession", "326", at, 10)?;
/// assert_eq!(found.entries[0].label, "Educateur spécialisé");
/// let old = &lookup("profession", "323", at, 10)?.entries[0];
/// assert_eq!((old.status, old.replaced_by), (Status::Deprecated, &["328"][..]));
/// assert_eq!(lookup("commune", "marseille 3", at, 10)?.entries[0].code, "13203");
/// assert!(lookup("commune", "75015", at, 10)?.postal_code);
/// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
/// ```
pub fn lookup(table_name: &str, query: &str, at: NaiveDate, limit: usize) -> Result<Lookup, NomenclatureError> {
    let query = query.trim();
    if limit == 0 {
        // Still an error for an unknown table.
        return if table_name == COMMUNE_TABLE {
            Ok(Lookup::default())
        } else {
            table(table_name).map(|_| Lookup::default())
        };
    }
    if table_name == COMMUNE_TABLE {
        return Ok(communes(query, limit));
    }
    let t: &'static Table = table(table_name)?;
    let alias = super::alias_of(t);
    let exact = t.get(query).or_else(|| t.get(&query.to_ascii_uppercase()));
    let codes = match exact {
        Some(code) => vec![code],
        None => t.search(query, limit),
    };
    let entries = codes
        .into_iter()
        .take(limit)
        .map(|c| Entry::of_code(c, at, alias))
        .collect();
    Ok(Lookup {
        entries,
        postal_code: false,
    })
}

fn communes(query: &str, limit: usize) -> Lookup {
    if let Ok(code) = query.parse::<crate::ids::InseeCommuneCode>() {
        match commune::resolve(code.as_str()) {
            Ok(r) => {
                return Lookup {
                    entries: vec![Entry::of_commune(r.commune)],
                    postal_code: false,
                };
            }
            Err(Unresolved::PostalCode(of)) => {
                let entries = of.communes().into_iter().take(limit).map(Entry::of_commune).collect();
                return Lookup {
                    entries,
                    postal_code: true,
                };
            }
            Err(Unresolved::UnknownCode) => {}
        }
    }
    let entries = commune::search(query, limit)
        .into_iter()
        .map(Entry::of_commune)
        .collect();
    Lookup {
        entries,
        postal_code: false,
    }
}
