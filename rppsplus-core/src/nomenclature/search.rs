//! Label search in a table, a value set or a field (docs/domain.md §3): the exact code
//! first, then labels, short labels and the value set's display labels equal to, starting
//! with, or with words starting with the query's words (accents, case and punctuation
//! ignored).

use super::commune::MAX_QUERY;
use super::fold::fold;
use super::model::{Code, Field, Table, ValueSet};

/// The codes of `candidates` (each with the display label a value set gives it) that
/// match `query`, best first, in the candidates' order within each rank.
fn search_codes(
    candidates: impl Iterator<Item = (&'static Code, Option<&'static str>)>,
    query: &str,
    limit: usize,
) -> Vec<&'static Code> {
    if query.len() > MAX_QUERY {
        return Vec::new();
    }
    let q = fold(query);
    if q.is_empty() {
        return Vec::new();
    }
    let words: Vec<&str> = q.split(' ').collect();
    let rank_of_label = |label: &str| {
        let label = fold(label);
        if label == q {
            Some(1)
        } else if label.starts_with(&q) {
            Some(2)
        } else if words.iter().all(|w| label.split(' ').any(|lw| lw.starts_with(w))) {
            Some(3)
        } else {
            None
        }
    };
    let rank = |c: &Code, display: Option<&str>| {
        if c.code.eq_ignore_ascii_case(query.trim()) {
            return Some(0);
        }
        [Some(c.label), c.short, display]
            .into_iter()
            .flatten()
            .filter_map(rank_of_label)
            .min()
    };
    let mut hits: Vec<(u8, usize, &'static Code)> = candidates
        .enumerate()
        .filter_map(|(i, (c, display))| rank(c, display).map(|r| (r, i, c)))
        .collect();
    hits.sort_by_key(|&(r, i, _)| (r, i));
    hits.into_iter().take(limit).map(|(.., c)| c).collect()
}

impl Table {
    /// Codes whose code, label or short label matches `query`: the exact code first, then
    /// labels equal to, starting with, or with words starting with the query's words
    /// (accents, case and punctuation ignored), in the table's order within each group.
    ///
    /// ```
    /// let r85 = rppsplus_core::nomenclature::table("profession")?;
    /// assert_eq!(r85.search("educateur spe", 5)[0].code(), "326");
    /// let r22 = rppsplus_core::nomenclature::table("role")?;
    /// assert_eq!(r22.search("activité de coordination", 5)[0].code(), "GENR08");
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    pub fn search(&self, query: &str, limit: usize) -> Vec<&'static Code> {
        search_codes(self.codes.iter().map(|c| (c, None)), query, limit)
    }
}

impl ValueSet {
    /// [`Table::search`] over the codes of the set's system and the codes it takes from
    /// outside it, members or not, also matching the set's display labels.
    ///
    /// ```
    /// let pays = rppsplus_core::nomenclature::value_set("pays")?;
    /// assert_eq!(pays.search("france", 5)[0].code(), "99100");
    /// assert_eq!(pays.search("non renseigne", 5)[0].code(), "01");
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    pub fn search(&self, query: &str, limit: usize) -> Vec<&'static Code> {
        let candidates = (self.system.codes.iter().chain(self.outside)).map(|c| (c, self.display(c)));
        search_codes(candidates, query, limit)
    }
}

impl Field {
    /// [`ValueSet::search`] or [`Table::search`].
    pub fn search(&self, query: &str, limit: usize) -> Vec<&'static Code> {
        match self {
            Self::ValueSet(set) => set.search(query, limit),
            Self::Table(table) => table.search(query, limit),
        }
    }

    /// The codes whose label, short label or display label is `label` (accents, case and
    /// punctuation ignored), ended or not, in the source's order: what a cell that holds a
    /// label instead of a code means (docs/domain.md §4.6). Several codes may share a label.
    ///
    /// ```
    /// use rppsplus_core::nomenclature::field;
    /// let codes = |name, label| field(name).map(|f| f.labelled(label).iter().map(|c| c.code()).collect::<Vec<_>>());
    /// assert_eq!(codes("profession", "EDUCATEUR SPECIALISE")?, ["326"]);
    /// assert_eq!(codes("pays", "France")?, ["99100"]);
    /// assert_eq!(codes("civilite", "madame")?, ["MME"]);
    /// assert!(codes("profession", "educateur")?.is_empty());
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    pub fn labelled(&self, label: &str) -> Vec<&'static Code> {
        let folded = fold(label);
        if folded.is_empty() || label.len() > MAX_QUERY {
            return Vec::new();
        }
        let candidates: Box<dyn Iterator<Item = (&'static Code, Option<&'static str>)>> = match *self {
            Self::ValueSet(set) => Box::new(
                set.system
                    .codes
                    .iter()
                    .chain(set.outside)
                    .map(move |c| (c, set.display(c))),
            ),
            Self::Table(table) => Box::new(table.codes.iter().map(|c| (c, None))),
        };
        candidates
            .filter(|(c, display)| {
                [Some(c.label), c.short, *display]
                    .into_iter()
                    .flatten()
                    .any(|l| fold(l) == folded)
            })
            .map(|(c, _)| c)
            .collect()
    }
}
