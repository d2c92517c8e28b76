//! `lookup` and `list`: one entry point over every field, value set, table and the
//! communes, as the CLI, C and Python offer it: the exact code first, else a label search;
//! or every code offered at a date, for a form's list.

use chrono::NaiveDate;

use super::commune::{self, Commune, Unresolved};
use super::{Code, Field, NomenclatureError, Status, field, portal_set_of};

/// The name `lookup` and [`label`] take for the INSEE communes (not a code system).
pub const COMMUNE_TABLE: &str = "commune";

/// The label of `code` in the field, value set or table `table_name` ([`field`]), or the
/// name of a commune for [`COMMUNE_TABLE`]; `None` when there is no such code.
///
/// ```
/// use rppsplus_core::nomenclature::label;
/// assert_eq!(label("profession", "326")?, Some("Educateur spécialisé"));
/// assert_eq!(label("JDV_J121", "326")?, Some("Educateur spécialisé"));
/// assert_eq!(label("commune", "13203")?, Some("Marseille 3e Arrondissement"));
/// assert_eq!(label("pays", "01")?, Some("Non renseigné"));
/// assert_eq!(label("role", "GENR00")?, None);
/// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
/// ```
pub fn label(table_name: &str, code: &str) -> Result<Option<&'static str>, NomenclatureError> {
    if table_name == COMMUNE_TABLE {
        return Ok(commune::get(code).map(Commune::name));
    }
    Ok(field(table_name)?.get(code).map(Code::label))
}

/// One result of [`lookup`]: a code of a table, or a commune.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The code.
    pub code: &'static str,
    /// The label in the code system (a commune's name).
    pub label: &'static str,
    /// The short label, where the code system gives one.
    pub short_label: Option<&'static str>,
    /// The value set's display label, where it differs from `label` (JDV_J256: `France`
    /// for 99100): what the portal's list shows.
    pub display: Option<&'static str>,
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
    /// `code` as `field` sees it on `at`: offered or not by the field's value set (or, for a
    /// table, by the value set a portal field takes from it), and that set's display label.
    fn of_code(code: &'static Code, at: NaiveDate, field: Field) -> Self {
        let set = match field {
            Field::ValueSet(set) => Some(set),
            Field::Table(table) => portal_set_of(table),
        };
        Self {
            code: code.code,
            label: code.label,
            short_label: code.short,
            display: set.and_then(|v| v.display(code)),
            status: if code.is_ended_at(at) {
                Status::Deprecated
            } else {
                Status::Active
            },
            date_fin: code.date_fin(),
            replaced_by: code.replaced_by,
            offered: set.map(|v| v.check(code.code, at).is_ok()),
            commune: None,
        }
    }

    fn of_commune(c: Commune) -> Self {
        Self {
            code: c.code(),
            label: c.name(),
            short_label: None,
            display: None,
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

/// Looks `query` up in `table` (an alias such as `profession`, `commune`, `pays`, or the
/// NOS name of a value set or table, [`field`]): the entry with that exact code first, else
/// the best `limit` matches of labels, short labels and display labels. The status of each
/// entry, and whether the portal offers it, are taken at `at`. An empty query finds
/// nothing: [`list`] gives every code.
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
            field(table_name).map(|_| Lookup::default())
        };
    }
    if table_name == COMMUNE_TABLE {
        return Ok(communes(query, limit));
    }
    let f = field(table_name)?;
    let exact = f.get(query).or_else(|| f.get(&query.to_ascii_uppercase()));
    let codes = match exact {
        Some(code) => vec![code],
        None => f.search(query, limit),
    };
    let entries = codes
        .into_iter()
        .take(limit)
        .map(|c| Entry::of_code(c, at, f))
        .collect();
    Ok(Lookup {
        entries,
        postal_code: false,
    })
}

/// Every code the field, value set or table `table_name` ([`field`]) offers on `at`, in
/// the source's order, for a form's list: a value set's codes offered then
/// ([`ValueSet::offered_at`](super::ValueSet::offered_at)), a table's codes in force
/// ([`Table::in_force_at`](super::Table::in_force_at)); every commune for
/// [`COMMUNE_TABLE`].
///
/// ```
/// use chrono::NaiveDate;
/// use rppsplus_core::nomenclature::list;
/// let at = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let codes = |name, at| list(name, at).map(|l| l.iter().map(|e| e.code).collect::<Vec<_>>());
/// assert_eq!(codes("civilite", at(2026, 11, 23))?, ["M", "MME"]);
/// assert_eq!(codes("JDV_J117", at(2026, 1, 1))?, ["S", "L", "B"]);
/// let pays = list("pays", at(2026, 11, 23))?;
/// assert_eq!((pays.len(), pays[0].label, pays[0].display), (217, "République française", Some("France")));
/// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
/// ```
pub fn list(table_name: &str, at: NaiveDate) -> Result<Vec<Entry>, NomenclatureError> {
    if table_name == COMMUNE_TABLE {
        return Ok(commune::all().map(Entry::of_commune).collect());
    }
    let f = field(table_name)?;
    Ok(f.codes_at(at).into_iter().map(|c| Entry::of_code(c, at, f)).collect())
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
