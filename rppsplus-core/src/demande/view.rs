//! What the rules read of a demande: each field typed, in one flat record, borrowed from
//! where it comes from (a typed [`Demande`], or the fields of a JSON or CSV input once the
//! reader has checked them). Nothing is copied into it.

use chrono::NaiveDate;

use super::fields::Raw;
use super::model::{Demande, Procedure, Source};
use super::reader::trim;
use super::scope::bit;
use crate::ids::{Finess, InseeCommuneCode, InseeCountryCode, MobilePhone, NumeroDemande, Rpps, Siret};

/// A demande for the rules. Identifiers are parsed; a field the reader found in error is
/// absent here (its finding is in the report already).
#[derive(Default)]
pub(crate) struct View<'a> {
    /// Which fields and objects are given, valid or not: the bit of each
    /// ([`bit`](super::scope::bit)); a text of white space only is not given.
    pub(crate) given: u64,
    pub(crate) procedure: Option<Procedure>,
    pub(crate) numero: Option<NumeroDemande>,
    pub(crate) rpps: Option<Rpps>,
    /// Whether the état civil is given (an object).
    pub(crate) etat_civil: bool,
    /// Whether the structure is given (an object).
    pub(crate) structure: bool,
    pub(crate) civilite: Option<&'a str>,
    pub(crate) sexe: Option<&'a str>,
    pub(crate) nom_naissance: Option<&'a str>,
    pub(crate) nom_usage: Option<&'a str>,
    pub(crate) prenoms: Prenoms<'a>,
    pub(crate) date_naissance: Option<NaiveDate>,
    pub(crate) pays_naissance: Option<InseeCountryCode>,
    pub(crate) commune_naissance: Option<InseeCommuneCode>,
    pub(crate) lieu_naissance: Option<&'a str>,
    pub(crate) source: Option<Source>,
    /// Whether a valid email address is given.
    pub(crate) email_given: bool,
    pub(crate) telephone_mobile: Option<MobilePhone>,
    pub(crate) situation_id: Option<&'a str>,
    pub(crate) nom_exercice: Option<&'a str>,
    pub(crate) prenom_exercice: Option<&'a str>,
    pub(crate) finess: Option<Finess>,
    pub(crate) siret: Option<Siret>,
    pub(crate) profession: Option<&'a str>,
    pub(crate) role: Option<&'a str>,
    pub(crate) mode_exercice: Option<&'a str>,
    pub(crate) date_prise_fonction: Option<NaiveDate>,
    pub(crate) date_fin_fonction: Option<NaiveDate>,
    pub(crate) motif_fin: Option<&'a str>,
    pub(crate) cgu_acceptees: Option<bool>,
    pub(crate) rencontre_en_personne: Option<bool>,
}

/// The prénoms, as the input holds them; [`Prenoms::each`] gives each one with its index in
/// the input (trimmed, but for a typed demande's, which are taken as they are).
#[derive(Default, Clone, Copy)]
#[cfg_attr(test, derive(Debug))] // It holds input values: no `Debug` outside tests (docs/domain.md §7).
pub(crate) enum Prenoms<'a> {
    /// None given.
    #[default]
    None,
    /// A typed demande's.
    Typed(&'a [String]),
    /// A JSON array: its strings (its other items were reported by the reader), with the
    /// texts of its [`Raw::Owned`] items.
    Items { items: &'a [Raw<'a>], owned: &'a [String] },
    /// One JSON string: one prénom.
    One(&'a str),
    /// A spreadsheet cell: prénoms separated by `,`.
    Cell(&'a str),
}

impl View<'_> {
    /// Whether the field or object of `bit` is given.
    pub(crate) fn has(&self, bit: u64) -> bool {
        self.given & bit != 0
    }
}

impl<'a> Prenoms<'a> {
    /// Calls `f` with the index and the trimmed text of each prénom, in order.
    pub(crate) fn each(self, mut f: impl FnMut(usize, &'a str)) {
        match self {
            Prenoms::None => {}
            Prenoms::Typed(all) => all.iter().enumerate().for_each(|(i, p)| f(i, p)),
            Prenoms::Items { items, owned } => {
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Raw::Text(p) => f(i, trim(p)),
                        Raw::Owned(k) => f(i, trim(&owned[*k])),
                        _ => {}
                    }
                }
            }
            Prenoms::One(p) => f(0, trim(p)),
            Prenoms::Cell(cell) => cell.split(',').enumerate().for_each(|(i, p)| f(i, trim(p))),
        }
    }

    /// The first prénom (trimmed), if it is given as text.
    pub(crate) fn first(self) -> Option<&'a str> {
        let first = match self {
            Prenoms::None => None,
            Prenoms::Typed(all) => return all.first().map(String::as_str),
            Prenoms::Items { items, owned } => match items.first() {
                Some(Raw::Text(p)) => Some(*p),
                Some(Raw::Owned(k)) => Some(owned[*k].as_str()),
                _ => None,
            },
            Prenoms::One(p) => Some(p),
            Prenoms::Cell(cell) => Some(cell.bytes().position(|b| b == b',').map_or(cell, |end| &cell[..end])),
        };
        first.map(trim)
    }

    /// How many prénoms are given.
    pub(crate) fn count(self) -> usize {
        match self {
            Prenoms::Cell(cell) => 1 + cell.bytes().filter(|&b| b == b',').count(),
            other => {
                let mut n = 0;
                other.each(|_, _| n += 1);
                n
            }
        }
    }
}

/// The bits of the fields whose condition holds (the bits are computed when the crate is
/// built).
macro_rules! given {
    ($($path:literal => $on:expr,)+) => {
        0 $(| if $on { const { bit($path) } } else { 0 })+
    };
}

impl<'a> From<&'a Demande> for View<'a> {
    fn from(d: &'a Demande) -> Self {
        let ec = d.etat_civil.as_ref();
        let contact = d.contact.as_ref();
        let s = d.situation.as_ref();
        let st = s.and_then(|s| s.structure.as_ref());
        let c = d.confirmations.as_ref();
        let etat_civil = ec.map_or(0, |e| {
            given! {
                "etat_civil" => true,
                "etat_civil.civilite" => e.civilite.is_some(),
                "etat_civil.sexe" => e.sexe.is_some(),
                "etat_civil.nom_naissance" => e.nom_naissance.is_some(),
                "etat_civil.nom_usage" => e.nom_usage.is_some(),
                "etat_civil.prenoms" => !e.prenoms.is_empty(),
                "etat_civil.date_naissance" => e.date_naissance.is_some(),
                "etat_civil.pays_naissance" => e.pays_naissance.is_some(),
                "etat_civil.commune_naissance" => e.commune_naissance.is_some(),
                "etat_civil.lieu_naissance" => e.lieu_naissance.is_some(),
                "etat_civil.source" => e.source.is_some(),
            }
        });
        let contact_bits = contact.map_or(0, |c| {
            given! {
                "contact" => true,
                "contact.email" => c.email.is_some(),
                "contact.telephone_mobile" => c.telephone_mobile.is_some(),
            }
        });
        let situation = s.map_or(0, |s| {
            given! {
                "situation" => true,
                "situation.id" => s.id.is_some(),
                "situation.nom_exercice" => s.nom_exercice.is_some(),
                "situation.prenom_exercice" => s.prenom_exercice.is_some(),
                "situation.profession" => s.profession.is_some(),
                "situation.role" => s.role.is_some(),
                "situation.mode_exercice" => s.mode_exercice.is_some(),
                "situation.date_prise_fonction" => s.date_prise_fonction.is_some(),
                "situation.date_fin_fonction" => s.date_fin_fonction.is_some(),
                "situation.motif_fin" => s.motif_fin.is_some(),
            }
        });
        let structure = st.map_or(0, |st| {
            given! {
                "situation.structure" => true,
                "situation.structure.finess" => st.finess.is_some(),
                "situation.structure.siret" => st.siret.is_some(),
            }
        });
        let confirmations = c.map_or(0, |c| {
            given! {
                "confirmations" => true,
                "confirmations.cgu_acceptees" => c.cgu_acceptees.is_some(),
                "confirmations.rencontre_en_personne" => c.rencontre_en_personne.is_some(),
            }
        });
        let top = given! {
            "procedure" => d.procedure.is_some(),
            "numero" => d.numero.is_some(),
            "rpps" => d.rpps.is_some(),
        };
        let given = top | etat_civil | contact_bits | situation | structure | confirmations;
        View {
            given,
            procedure: d.procedure,
            numero: d.numero,
            rpps: d.rpps,
            etat_civil: ec.is_some(),
            structure: st.is_some(),
            civilite: ec.and_then(|e| e.civilite).map(|c| c.code()),
            sexe: ec.and_then(|e| e.sexe).map(|s| s.code()),
            nom_naissance: ec.and_then(|e| e.nom_naissance.as_deref()),
            nom_usage: ec.and_then(|e| e.nom_usage.as_deref()),
            prenoms: ec.map_or(Prenoms::None, |e| Prenoms::Typed(&e.prenoms)),
            date_naissance: ec.and_then(|e| e.date_naissance),
            pays_naissance: ec.and_then(|e| e.pays_naissance),
            commune_naissance: ec.and_then(|e| e.commune_naissance),
            lieu_naissance: ec.and_then(|e| e.lieu_naissance.as_deref()),
            source: ec.and_then(|e| e.source),
            email_given: contact.is_some_and(|c| c.email.is_some()),
            telephone_mobile: contact.and_then(|c| c.telephone_mobile),
            situation_id: s.and_then(|s| s.id.as_deref()),
            nom_exercice: s.and_then(|s| s.nom_exercice.as_deref()),
            prenom_exercice: s.and_then(|s| s.prenom_exercice.as_deref()),
            finess: st.and_then(|st| st.finess),
            siret: st.and_then(|st| st.siret),
            profession: s.and_then(|s| s.profession.as_deref()),
            role: s.and_then(|s| s.role.as_deref()),
            mode_exercice: s.and_then(|s| s.mode_exercice.as_deref()),
            date_prise_fonction: s.and_then(|s| s.date_prise_fonction),
            date_fin_fonction: s.and_then(|s| s.date_fin_fonction),
            motif_fin: s.and_then(|s| s.motif_fin.as_deref()),
            cgu_acceptees: c.and_then(|c| c.cgu_acceptees),
            rencontre_en_personne: c.and_then(|c| c.rencontre_en_personne),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demande::fields::Kind;

    fn all(p: Prenoms<'_>) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        p.each(|i, s| out.push((i, s)));
        out
    }

    #[test]
    fn prenoms_keep_their_index() {
        let items = [Raw::Text(" A "), Raw::Other(Kind::Number), Raw::Owned(0)];
        let owned = ["B".to_owned()];
        let list = Prenoms::Items {
            items: &items,
            owned: &owned,
        };
        assert_eq!(all(list), [(0, "A"), (2, "B")]);
        assert_eq!(all(Prenoms::Cell("A , B,")), [(0, "A"), (1, "B"), (2, "")]);
        assert_eq!(all(Prenoms::One("A, B")), [(0, "A, B")]);
        assert_eq!(list.count(), 2);
        assert_eq!(list.first(), Some("A"));
        assert_eq!(Prenoms::Cell(" A , B").first(), Some("A"));
        let second = [Raw::Other(Kind::Number), Raw::Text("B")];
        let no_first = Prenoms::Items {
            items: &second,
            owned: &[],
        };
        assert_eq!(no_first.first(), None);
        assert_eq!(Prenoms::Cell("A , B,").count(), 3);
        assert_eq!(Prenoms::Cell("A").count(), 1);
    }
}
