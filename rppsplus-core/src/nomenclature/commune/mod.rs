//! The INSEE COG communes: lookup by code (current or old), postal-code detection and an
//! autocomplete search over names.

mod blob;
mod rank;

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use super::fold;
use super::generated::communes::BLOB;
use blob::{Blob, NONE, partition};
use rank::RangeMax;

/// The kind of a COG entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommuneKind {
    /// A current commune (`commune-actuelle`), DOM and COM included.
    Commune,
    /// A commune déléguée of a commune nouvelle.
    Deleguee,
    /// A commune associée.
    Associee,
    /// A municipal arrondissement of Paris, Lyon or Marseille.
    ArrondissementMunicipal,
}

impl CommuneKind {
    /// The COG type name (`commune-actuelle`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Commune => "commune-actuelle",
            Self::Deleguee => "commune-deleguee",
            Self::Associee => "commune-associee",
            Self::ArrondissementMunicipal => "arrondissement-municipal",
        }
    }
}

struct Index {
    blob: Blob,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| Index {
    blob: Blob::parse(BLOB),
});

/// The codes of the records, of the postal-code index and of the old-code index, as
/// numbers ([`blob::code_key`]), in their (sorted) orders: searched without reading the
/// blob's scattered records. Built at the first lookup by code (the name search never
/// needs them).
struct Codes {
    records: Vec<u64>,
    postal: Vec<u64>,
    old: Vec<u64>,
}

static CODES: LazyLock<Codes> = LazyLock::new(|| {
    let blob = &INDEX.blob;
    Codes {
        records: blob.record_keys(),
        postal: Blob::index_keys(blob.postal_index),
        old: Blob::index_keys(blob.old_index),
    }
});

/// The name search's trees, built at the first search (validation never needs them).
struct Search {
    /// Over the word-start index: the population, for names with a word starting with the query.
    words: RangeMax,
    /// Over the word-start index: the population + 1 for first words, 0 for later words,
    /// so that names starting with the query come first.
    firsts: RangeMax,
}

static SEARCH: LazyLock<Search> = LazyLock::new(|| {
    let blob = &INDEX.blob;
    let population = |i: usize| blob.population(blob.word_record(i));
    let words = RangeMax::new((0..blob.word_count()).map(population).collect());
    let firsts = RangeMax::new(
        (0..blob.word_count())
            .map(|i| {
                if blob.is_first_word(i) {
                    population(i).saturating_add(1)
                } else {
                    0
                }
            })
            .collect(),
    );
    Search { words, firsts }
});

/// The positions in the sorted `keys` of the entries whose code is `code`.
fn code_range(keys: &[u64], code: &str) -> Range<usize> {
    let Some(key) = blob::code_key(code.as_bytes()) else {
        return 0..0;
    };
    let lo = keys.partition_point(|&k| k < key);
    // A code has a few entries at most: walk them rather than search again.
    lo..lo + keys[lo..].iter().take_while(|&&k| k == key).count()
}

/// One entry of the commune table: a cheap copyable handle to embedded data.
///
/// ```
/// use rppsplus_core::nomenclature::commune::{self, CommuneKind};
/// let m3 = commune::get("13203").unwrap();
/// assert_eq!(m3.name(), "Marseille 3e Arrondissement");
/// assert_eq!(m3.kind(), CommuneKind::ArrondissementMunicipal);
/// assert_eq!(m3.parent().map(|p| p.name()), Some("Marseille"));
/// assert_eq!(m3.departement(), "13");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Commune(u16);

impl Commune {
    /// The position of the entry in the embedded COG: one per commune, for keys.
    pub(crate) fn index(self) -> usize {
        usize::from(self.0)
    }

    fn at(i: usize) -> Self {
        Self(i as u16)
    }

    /// The INSEE code.
    pub fn code(self) -> &'static str {
        INDEX.blob.code(self.index())
    }

    /// The official name.
    pub fn name(self) -> &'static str {
        INDEX.blob.name(self.index())
    }

    /// The kind of entry.
    pub fn kind(self) -> CommuneKind {
        match INDEX.blob.record(self.index())[5] {
            0 => CommuneKind::Commune,
            1 => CommuneKind::Deleguee,
            2 => CommuneKind::Associee,
            _ => CommuneKind::ArrondissementMunicipal,
        }
    }

    /// The département code: 3 characters overseas (`971`…`989`), else 2 (`13`, `2A`).
    pub fn departement(self) -> &'static str {
        let code = self.code();
        if code.starts_with("97") || code.starts_with("98") {
            &code[..3]
        } else {
            &code[..2]
        }
    }

    /// The commune an arrondissement, a commune déléguée or associée belongs to.
    pub fn parent(self) -> Option<Commune> {
        let p = blob::u16_at(INDEX.blob.record(self.index()), 6);
        (p != NONE).then_some(Self(p))
    }

    /// The codes this commune had before (Corsica's `20xxx` before 1976, merged communes…).
    pub fn old_codes(self) -> impl Iterator<Item = &'static str> {
        INDEX.blob.list(self.index(), 22, INDEX.blob.old_lists)
    }

    /// The postal codes of the commune (not commune codes: never type them as one).
    pub fn postal_codes(self) -> impl Iterator<Item = &'static str> {
        INDEX.blob.list(self.index(), 20, INDEX.blob.postal_lists)
    }

    /// The municipal population (0 where the COG gives none: communes déléguées).
    pub fn population(self) -> u32 {
        INDEX.blob.population(self.index())
    }
}

impl fmt::Debug for Commune {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Commune({} {})", self.code(), self.name())
    }
}

/// The entry of a current INSEE code (the commune itself when a commune déléguée shares
/// its code). `None` for an unknown code, an old code or a postal code: see [`resolve`].
pub fn get(code: &str) -> Option<Commune> {
    code_range(&CODES.records, code).next().map(Commune::at)
}

/// Every entry, in code order.
pub fn all() -> impl ExactSizeIterator<Item = Commune> {
    (0..INDEX.blob.len()).map(Commune::at)
}

/// The communes whose postal codes include `code`, as an index range (cheap to copy).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PostalCodeOf(u32, u32);

impl PostalCodeOf {
    const NONE: Self = Self(0, 0);

    fn of(code: &str) -> Self {
        let r = code_range(&CODES.postal, code);
        Self(r.start as u32, r.end as u32)
    }

    fn range(self) -> Range<usize> {
        self.0 as usize..self.1 as usize
    }

    /// The communes served, largest population first; a commune with arrondissements is
    /// replaced by the arrondissements the code serves (`13003`: Marseille 3e, not Marseille).
    pub fn communes(&self) -> Vec<Commune> {
        let all: Vec<Commune> = self
            .range()
            .map(|i| Commune::at(Blob::code_ref(INDEX.blob.postal_index, i)))
            .collect();
        let mut v: Vec<Commune> = all
            .iter()
            .copied()
            .filter(|c| !all.iter().any(|o| o.parent() == Some(*c)))
            .collect();
        v.sort_by_key(|c| (std::cmp::Reverse(c.population()), c.code()));
        v
    }

    /// Whether no commune has this postal code.
    pub fn is_empty(&self) -> bool {
        self.range().is_empty()
    }

    /// `Marseille 3e Arrondissement (13203)`, `Paris 15e Arrondissement (75115)`: the
    /// communes served, for messages.
    pub fn describe(&self) -> String {
        let names: Vec<String> = self
            .communes()
            .iter()
            .map(|c| format!("{} ({})", c.name(), c.code()))
            .collect();
        names.join(", ")
    }
}

/// How a code was resolved by [`resolve`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolution {
    /// The current entry.
    pub commune: Commune,
    /// True when the input was an old code of the commune (`20004` → `2A004`).
    pub from_old_code: bool,
    /// Other communes whose postal code the input also is (`13003` is Alleins, and the
    /// postal code of Marseille 3e): worth a warning.
    pub also_postal_code_of: PostalCodeOf,
}

/// Why [`resolve`] found no commune.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolved {
    /// The input is a postal code, not a commune code (`75015` → Paris 15e = `75115`).
    PostalCode(PostalCodeOf),
    /// No commune has or had this code.
    UnknownCode,
}

/// Resolves a well-formed commune code: a current code; else a postal code is refused,
/// naming the communes it serves (users type postal codes far more often than the old
/// codes some of them collide with, such as the Seine's pre-1968 `75015`, Bry-sur-Marne);
/// else an old code resolves to the current commune.
///
/// ```
/// use rppsplus_core::nomenclature::commune::{resolve, Unresolved};
/// assert_eq!(resolve("20004").unwrap().commune.code(), "2A004");
/// let alleins = resolve("13003").unwrap();
/// assert_eq!(alleins.also_postal_code_of.communes()[0].code(), "13203");
/// match resolve("75015") {
///     Err(Unresolved::PostalCode(of)) => assert_eq!(of.communes()[0].code(), "75115"),
///     other => panic!("{other:?}"),
/// }
/// ```
pub fn resolve(code: &str) -> Result<Resolution, Unresolved> {
    let postal = PostalCodeOf::of(code);
    let also = |c: Commune| {
        if postal.communes().iter().all(|o| *o == c) {
            PostalCodeOf::NONE
        } else {
            postal
        }
    };
    if let Some(c) = get(code) {
        return Ok(Resolution {
            commune: c,
            from_old_code: false,
            also_postal_code_of: also(c),
        });
    }
    if !postal.is_empty() {
        return Err(Unresolved::PostalCode(postal));
    }
    let old = code_range(&CODES.old, code);
    if let Some(i) = old.clone().next() {
        let c = Commune::at(Blob::code_ref(INDEX.blob.old_index, i));
        let c = c.parent().filter(|_| c.kind() != CommuneKind::Commune).unwrap_or(c);
        return Ok(Resolution {
            commune: c,
            from_old_code: true,
            also_postal_code_of: PostalCodeOf::NONE,
        });
    }
    Err(Unresolved::UnknownCode)
}

/// The longest query [`search`] takes, in bytes; longer ones find nothing.
pub const MAX_QUERY: usize = 200;

/// Search by name for an autocomplete: accent-, case- and punctuation-insensitive; exact
/// names first, then names starting with the query, then names with a word starting with
/// the query (`etienne` finds Saint-Étienne; `st` also means `saint`, `ste` `sainte`);
/// larger populations first within each group.
///
/// ```
/// use rppsplus_core::nomenclature::commune::search;
/// assert_eq!(search("marseille 3", 1)[0].code(), "13203");
/// assert_eq!(search("st etienne", 1)[0].name(), "Saint-Étienne");
/// assert_eq!(search("etienne", 1)[0].name(), "Saint-Étienne");
/// assert_eq!(search("AJACCIO", 1)[0].code(), "2A004");
/// ```
pub fn search(query: &str, limit: usize) -> Vec<Commune> {
    if query.len() > MAX_QUERY || limit == 0 {
        return Vec::new();
    }
    let q = fold(query);
    if q.is_empty() {
        return Vec::new();
    }
    let (idx, blob) = (&*SEARCH, &INDEX.blob);
    let mut found: Vec<Commune> = Vec::with_capacity(limit.min(64));
    let mut add = |positions: &mut dyn Iterator<Item = usize>| {
        for pos in positions {
            if found.len() == limit {
                return;
            }
            let c = Commune::at(blob.word_record(pos));
            if !found.contains(&c) {
                found.push(c);
            }
        }
    };
    for q in variants(q) {
        let q = q.as_bytes();
        let range = prefix_range(blob.word_count(), q, |i| blob.suffix(i));
        let exact = range.start..range.start + partition(range.len(), |i| blob.suffix(range.start + i) == q);
        let first_word = |pos: &usize| blob.is_first_word(*pos);
        // 1. the name itself, 2. names starting with the query, 3. a later word of the name.
        add(&mut idx.firsts.descending(exact).take_while(first_word));
        add(&mut idx.firsts.descending(range.clone()).take_while(first_word));
        add(&mut idx.words.descending(range));
    }
    found
}

/// The query, and the same with `st`/`ste` spelled out `saint`/`sainte` when it has them
/// (spelled out first).
fn variants(q: String) -> Vec<String> {
    if !q.split(' ').any(|w| w == "st" || w == "ste") {
        return vec![q];
    }
    let expanded: Vec<&str> = q
        .split(' ')
        .map(|w| {
            if w == "st" {
                "saint"
            } else if w == "ste" {
                "sainte"
            } else {
                w
            }
        })
        .collect();
    vec![expanded.join(" "), q]
}

/// The range of a sorted index of `n` strings whose strings start with `prefix`.
fn prefix_range(n: usize, prefix: &[u8], key: impl Fn(usize) -> &'static [u8]) -> Range<usize> {
    let start = partition(n, |i| key(i) < prefix);
    start..start + partition(n - start, |i| key(start + i).starts_with(prefix))
}

/// [`search`] by a plain scan of every (already folded) name, without the `st` spelling:
/// the baseline of the autocomplete benchmark, and a cross-check in tests.
#[doc(hidden)]
pub fn naive_search(query: &str, limit: usize) -> Vec<Commune> {
    let q = fold(query);
    if q.is_empty() {
        return Vec::new();
    }
    let later_word = format!(" {q}");
    let mut hits: Vec<(u8, std::cmp::Reverse<u32>, Commune)> = all()
        .filter_map(|c| {
            let name = INDEX.blob.folded(c.index());
            let class = if name == q {
                0
            } else if name.starts_with(q.as_str()) {
                1
            } else if name.contains(later_word.as_str()) {
                2
            } else {
                return None;
            };
            Some((class, std::cmp::Reverse(c.population()), c))
        })
        .collect();
    hits.sort_by_key(|&(class, pop, c)| (class, pop, c.0));
    hits.into_iter().take(limit).map(|(_, _, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_folds_like_rust() {
        for c in all() {
            assert_eq!(fold(c.name()), INDEX.blob.folded(c.index()), "{:?}", c);
        }
        assert_eq!(all().len(), 37_590);
    }

    #[test]
    fn lookups() {
        assert_eq!(get("2A004").map(|c| c.name()), Some("Ajaccio"));
        assert_eq!(get("75056").map(|c| c.kind()), Some(CommuneKind::Commune));
        assert_eq!(get("97502").map(|c| c.departement()), Some("975"));
        assert!(get("99999").is_none());
        assert!(get("").is_none());
        assert_eq!(get("2A004").unwrap().old_codes().collect::<Vec<_>>(), ["20004"]);
        assert!(get("2A004").unwrap().postal_codes().any(|p| p == "20000"));
        assert_eq!(resolve("99999"), Err(Unresolved::UnknownCode));
        assert!(resolve("13203").unwrap().also_postal_code_of.is_empty());
    }

    #[test]
    fn search_ranks_and_agrees_with_the_naive_scan() {
        for q in [
            "marseille",
            "saint e",
            "st etienne",
            "paris 1",
            "lyon",
            "ajac",
            "bourg",
            "la",
            "l hay",
            "y",
        ] {
            let fast: Vec<_> = search(q, 10).iter().map(|c| c.code()).collect();
            assert!(!fast.is_empty(), "{q}");
            if !q.contains("st ") {
                let naive: Vec<_> = naive_search(q, 10).iter().map(|c| c.code()).collect();
                assert_eq!(fast, naive, "{q}");
            }
        }
        assert_eq!(search("Marseille", 1)[0].code(), "13055");
        assert!(search("", 10).is_empty());
        assert!(search("\u{0}\u{7}", 10).is_empty());
        assert!(search(&"a".repeat(10_000_000), 10).is_empty());
        assert!(search("zzzzzz", 10).is_empty());
    }
}
