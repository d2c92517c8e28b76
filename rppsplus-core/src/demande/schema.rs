//! The places of a demande (docs/domain.md §4.1): its 28 fields, which are also the columns of a
//! collection file, and the 6 objects that hold them. Every input is read into these
//! places (`fields.rs`), so that JSON and CSV share one reader.

use std::ops::Range;
use std::sync::LazyLock;

/// Declares the fields: [`COLUMNS`] (their JSON paths, in file order) and [`Col`] (their
/// positions in it).
macro_rules! fields {
    ($($(#[$doc:meta])* $name:ident = $path:literal),+ $(,)?) => {
        /// Every column a collection file may have: the JSON paths of the fields of a
        /// demande, flattened with `.`.
        pub const COLUMNS: &[&str] = &[$($path),+];

        /// A field of a demande: its position in [`COLUMNS`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum Col {
            $($(#[$doc])* $name),+
        }
    };
}

fields! {
    /// `procedure`
    Procedure = "procedure",
    /// `numero`
    Numero = "numero",
    /// `rpps`
    Rpps = "rpps",
    /// `etat_civil.civilite`
    Civilite = "etat_civil.civilite",
    /// `etat_civil.sexe`
    Sexe = "etat_civil.sexe",
    /// `etat_civil.nom_naissance`
    NomNaissance = "etat_civil.nom_naissance",
    /// `etat_civil.nom_usage`
    NomUsage = "etat_civil.nom_usage",
    /// `etat_civil.prenoms`: a list in JSON, a cell of prénoms separated by `,` in CSV.
    Prenoms = "etat_civil.prenoms",
    /// `etat_civil.date_naissance`
    DateNaissance = "etat_civil.date_naissance",
    /// `etat_civil.pays_naissance`
    PaysNaissance = "etat_civil.pays_naissance",
    /// `etat_civil.commune_naissance`
    CommuneNaissance = "etat_civil.commune_naissance",
    /// `etat_civil.lieu_naissance`
    LieuNaissance = "etat_civil.lieu_naissance",
    /// `etat_civil.source`
    Source = "etat_civil.source",
    /// `contact.email`
    Email = "contact.email",
    /// `contact.telephone_mobile`
    TelephoneMobile = "contact.telephone_mobile",
    /// `situation.id`
    SituationId = "situation.id",
    /// `situation.nom_exercice`
    NomExercice = "situation.nom_exercice",
    /// `situation.prenom_exercice`
    PrenomExercice = "situation.prenom_exercice",
    /// `situation.structure.finess`
    Finess = "situation.structure.finess",
    /// `situation.structure.siret`
    Siret = "situation.structure.siret",
    /// `situation.profession`
    Profession = "situation.profession",
    /// `situation.role`
    Role = "situation.role",
    /// `situation.mode_exercice`
    ModeExercice = "situation.mode_exercice",
    /// `situation.date_prise_fonction`
    DatePriseFonction = "situation.date_prise_fonction",
    /// `situation.date_fin_fonction`
    DateFinFonction = "situation.date_fin_fonction",
    /// `situation.motif_fin`
    MotifFin = "situation.motif_fin",
    /// `confirmations.cgu_acceptees`
    CguAcceptees = "confirmations.cgu_acceptees",
    /// `confirmations.rencontre_en_personne`
    RencontreEnPersonne = "confirmations.rencontre_en_personne",
}

impl Col {
    /// The JSON path (`etat_civil.civilite`).
    pub(crate) fn path(self) -> &'static str {
        COLUMNS[self as usize]
    }
}

/// An object of a demande: its position in [`OBJECTS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Obj {
    /// The demande itself.
    Root,
    /// `etat_civil`
    EtatCivil,
    /// `contact`
    Contact,
    /// `situation`
    Situation,
    /// `situation.structure`
    Structure,
    /// `confirmations`
    Confirmations,
}

/// The objects, by [`Obj`]: the JSON path and the range of [`COLUMNS`] under each (a test
/// checks them against the paths).
pub(crate) const OBJECTS: [(&str, Range<usize>); 6] = [
    ("", 0..28),
    ("etat_civil", 3..13),
    ("contact", 13..15),
    ("situation", 15..26),
    ("situation.structure", 18..20),
    ("confirmations", 26..28),
];

impl Obj {
    /// Every object, in [`OBJECTS`] order.
    pub(crate) const ALL: [Obj; 6] = [
        Obj::Root,
        Obj::EtatCivil,
        Obj::Contact,
        Obj::Situation,
        Obj::Structure,
        Obj::Confirmations,
    ];

    /// The JSON path (empty for the demande).
    pub(crate) fn path(self) -> &'static str {
        OBJECTS[self as usize].0
    }

    /// The positions in [`COLUMNS`] of the fields under this object (nested ones included).
    pub(crate) fn columns(self) -> Range<usize> {
        OBJECTS[self as usize].1.clone()
    }

    /// Whether `other` is this object or one nested in it.
    pub(crate) fn holds(self, other: Obj) -> bool {
        let (mine, theirs) = (self.columns(), other.columns());
        mine.start <= theirs.start && theirs.end <= mine.end
    }
}

/// What a key of an object designates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Member {
    /// A field (position in [`COLUMNS`]).
    Field(usize),
    /// A nested object.
    Object(Obj),
}

/// `path` without `prefix.` (`path` itself at the top), if it is under `prefix`.
fn under<'c>(path: &'c str, prefix: &str) -> Option<&'c str> {
    if prefix.is_empty() {
        Some(path)
    } else {
        path.strip_prefix(prefix)?.strip_prefix('.')
    }
}

/// Per object, its direct members by key, derived from the paths.
static MEMBERS: LazyLock<[Vec<(&'static str, Member)>; 6]> = LazyLock::new(|| {
    // The object holding `path` directly, and the key of `path` in it.
    let parent = |path: &'static str| {
        Obj::ALL.iter().filter(|o| o.path() != path).find_map(|&o| {
            under(path, o.path())
                .filter(|rest| !rest.contains('.'))
                .map(|rest| (o, rest))
        })
    };
    let mut members: [Vec<_>; 6] = Default::default();
    for (i, column) in COLUMNS.iter().enumerate() {
        if let Some((o, key)) = parent(column) {
            members[o as usize].push((key, Member::Field(i)));
        }
    }
    for o in Obj::ALL {
        if let Some((parent, key)) = parent(o.path()) {
            members[parent as usize].push((key, Member::Object(o)));
        }
    }
    members
});

/// The slot of a key in [`SLOTS`]: no two keys of an object share one (a test checks it).
fn slot(key: &[u8]) -> usize {
    let first = usize::from(key.first().copied().unwrap_or(0));
    key.len().wrapping_mul(3).wrapping_add(5 * first) % 32
}

/// Per object, the position in [`MEMBERS`] of the key of each slot.
static SLOTS: LazyLock<[[Option<u8>; 32]; 6]> = LazyLock::new(|| {
    let mut slots = [[None; 32]; 6];
    for (o, members) in MEMBERS.iter().enumerate() {
        for (i, (key, _)) in members.iter().enumerate() {
            slots[o][slot(key.as_bytes())].get_or_insert(i as u8);
        }
    }
    slots
});

/// The member `key` of `object`, if it has one: found by its slot, checked by one
/// comparison (a key missing from its slot is looked for in order, so a collision would
/// cost time, never a wrong answer).
pub(crate) fn member(object: Obj, key: &str) -> Option<Member> {
    let members = &MEMBERS[object as usize];
    if let Some(i) = SLOTS[object as usize][slot(key.as_bytes())] {
        let (k, m) = members[usize::from(i)];
        if k == key {
            return Some(m);
        }
    }
    members.iter().find(|(k, _)| *k == key).map(|&(_, m)| m)
}

/// The keys of `object`, in order.
#[cfg(test)]
fn keys(object: Obj) -> Vec<&'static str> {
    MEMBERS[object as usize].iter().map(|(k, _)| *k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_of_each_object() {
        assert_eq!(
            keys(Obj::Root),
            [
                "procedure",
                "numero",
                "rpps",
                "etat_civil",
                "contact",
                "situation",
                "confirmations"
            ]
        );
        assert_eq!(keys(Obj::Structure), ["finess", "siret"]);
        assert_eq!(
            member(Obj::Situation, "structure"),
            Some(Member::Object(Obj::Structure))
        );
        assert_eq!(
            member(Obj::Situation, "profession"),
            Some(Member::Field(Col::Profession as usize))
        );
        assert_eq!(member(Obj::Situation, "finess"), None);
        assert_eq!(
            MEMBERS.iter().map(Vec::len).sum::<usize>(),
            COLUMNS.len() + OBJECTS.len() - 1
        );
    }

    #[test]
    fn every_key_has_its_own_slot() {
        for o in Obj::ALL {
            let mut slots: Vec<usize> = keys(o).iter().map(|k| slot(k.as_bytes())).collect();
            slots.sort_unstable();
            slots.dedup();
            assert_eq!(slots.len(), keys(o).len(), "{o:?}");
            for key in keys(o) {
                assert!(member(o, key).is_some(), "{key}");
            }
        }
        assert_eq!(member(Obj::Root, "procedur"), None);
        assert_eq!(member(Obj::Root, ""), None);
    }

    #[test]
    fn objects_cover_their_columns() {
        for o in Obj::ALL {
            let under_prefix: Vec<usize> = (0..COLUMNS.len())
                .filter(|&i| under(COLUMNS[i], o.path()).is_some())
                .collect();
            assert_eq!(under_prefix, o.columns().collect::<Vec<_>>(), "{o:?}");
        }
        assert!(Obj::Situation.holds(Obj::Structure) && !Obj::Structure.holds(Obj::Situation));
    }

    #[test]
    fn col_names_its_path() {
        assert_eq!(Col::RencontreEnPersonne as usize, COLUMNS.len() - 1);
        assert_eq!(Col::Finess.path(), "situation.structure.finess");
    }
}
