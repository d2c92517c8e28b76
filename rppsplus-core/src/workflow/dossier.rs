//! The dossier of a registered person (docs/domain.md §5.5): created by an accepted primo
//! enregistrement, updated by each accepted procedure. Every change is computed on a copy
//! and checked before it replaces the dossier, so a refused one changes nothing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Event, Inconsistency, WorkflowError};
use crate::demande::messages::Msg;
use crate::demande::{Contact, Demande, EtatCivil, Procedure, Report, Situation, Structure};
use crate::ids::{NumeroDemande, Rpps};

/// The record of a registered person: the RPPS number (never changes), the état civil (never
/// modified after registration), the contact, the nom and prénom d'exercice, and the
/// situations d'exercice. The état civil and the contact are confidential: their `Debug`
/// prints no value, and [`public_view`](Self::public_view) leaves them out.
///
/// JSON: `{"rpps", "etat_civil", "contact", "nom_exercice", "prenom_exercice",
/// "situations": [{"id", "structure", "profession", "role", "mode_exercice",
/// "date_prise_fonction", "date_fin_fonction", "motif_fin"}]}`.
///
/// ```
/// use rppsplus_core::workflow::Dossier;
///
/// let d = Dossier::from_json(br#"{"rpps": "10107985318", "etat_civil": {"nom_naissance": "DUPONT"},
///     "contact": {}, "nom_exercice": "DUPONT", "prenom_exercice": "Nathalie",
///     "situations": [{"id": "S1", "structure": {"finess": "970405593"}, "profession": "326",
///                     "role": "GENR08", "date_prise_fonction": "2022-05-02"}]}"#)?;
/// assert!(d.situation("S1").is_some_and(|s| s.is_open()));
/// let public = serde_json::to_string(&d.public_view()).unwrap();
/// assert!(public.contains("970405593") && !public.contains("etat_civil") && !public.contains("contact"));
///
/// // Two open situations at the same structure with the same profession are inconsistent.
/// let twice = br#"{"rpps": "10107985318", "etat_civil": {}, "contact": {}, "situations": [
///     {"id": "S1", "structure": {"finess": "970405593"}, "profession": "326"},
///     {"id": "S2", "structure": {"finess": "970405593"}, "profession": "326"}]}"#;
/// assert_eq!(Dossier::from_json(twice).unwrap_err().code().as_str(), "dossier_inconsistent");
/// # Ok::<(), rppsplus_core::workflow::WorkflowError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dossier {
    /// The RPPS number.
    pub rpps: Rpps,
    /// The état civil (confidential).
    pub etat_civil: EtatCivil,
    /// The contact details (confidential).
    pub contact: Contact,
    /// Nom d'exercice.
    #[serde(default)]
    pub nom_exercice: Option<String>,
    /// Prénom d'exercice.
    #[serde(default)]
    pub prenom_exercice: Option<String>,
    /// The situations d'exercice, open and closed, in the order they were added.
    pub situations: Vec<DossierSituation>,
}

/// A situation d'exercice of a dossier (public). Its `id` is the number of the demande that
/// added it (a primo enregistrement or an ajout de situation), so ids are unique in a
/// registry and never reused; an imported dossier keeps the ids it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DossierSituation {
    /// The situation's id, which demandes of annulation and fermeture name.
    pub id: String,
    /// The structure.
    #[serde(default)]
    pub structure: Option<Structure>,
    /// Profession code (TRE_R85).
    #[serde(default)]
    pub profession: Option<String>,
    /// Rôle code (TRE_R22).
    #[serde(default)]
    pub role: Option<String>,
    /// Mode d'exercice code (TRE_R23); absent means `S`.
    #[serde(default)]
    pub mode_exercice: Option<String>,
    /// Date de prise de fonction.
    #[serde(default)]
    pub date_prise_fonction: Option<NaiveDate>,
    /// Date de fin de fonction: the situation is open while it is empty.
    #[serde(default)]
    pub date_fin_fonction: Option<NaiveDate>,
    /// Motif de fin (TRE_R25).
    #[serde(default)]
    pub motif_fin: Option<String>,
}

impl DossierSituation {
    /// Whether the situation is open (no date de fin).
    pub fn is_open(&self) -> bool {
        self.date_fin_fonction.is_none()
    }

    /// The situation a demande opens, with the demande's number as its id.
    fn opened(numero: NumeroDemande, s: &Situation) -> Self {
        Self {
            id: numero.as_str().to_owned(),
            structure: s.structure.clone(),
            profession: s.profession.clone(),
            role: s.role.clone(),
            mode_exercice: s.mode_exercice.clone(),
            date_prise_fonction: s.date_prise_fonction,
            date_fin_fonction: None,
            motif_fin: None,
        }
    }
}

/// The public part of a dossier (docs/domain.md §7): what the Annuaire Santé publishes, the
/// RPPS number, the names d'exercice and the situations; no état civil, no contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PublicDossier<'a> {
    /// The RPPS number.
    pub rpps: Rpps,
    /// Nom d'exercice.
    pub nom_exercice: Option<&'a str>,
    /// Prénom d'exercice.
    pub prenom_exercice: Option<&'a str>,
    /// The situations d'exercice.
    pub situations: &'a [DossierSituation],
}

/// Whether `s` may stand beside the `earlier` situation: another id, and not both open with
/// the same structure and profession.
fn pair(earlier: &DossierSituation, s: &DossierSituation) -> Result<(), WorkflowError> {
    let problem = if earlier.id == s.id {
        Inconsistency::DuplicateId
    } else if s.structure.is_some()
        && earlier.structure == s.structure
        && earlier.profession == s.profession
        && s.is_open()
        && earlier.is_open()
    {
        Inconsistency::SameStructureAndProfession
    } else {
        return Ok(());
    };
    Err(WorkflowError::DossierInconsistent {
        situation: s.id.clone(),
        problem,
    })
}

impl Dossier {
    /// Reads a dossier from JSON and checks it (`invalid_json`, `dossier_inconsistent`).
    pub fn from_json(json: &[u8]) -> Result<Self, WorkflowError> {
        let dossier: Self = serde_json::from_slice(json).map_err(|e| WorkflowError::json(&e))?;
        dossier.check()?;
        Ok(dossier)
    }

    /// The dossier as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a dossier's JSON writes strings only: it cannot fail")
    }

    /// The public view: no état civil, no contact.
    pub fn public_view(&self) -> PublicDossier<'_> {
        PublicDossier {
            rpps: self.rpps,
            nom_exercice: self.nom_exercice.as_deref(),
            prenom_exercice: self.prenom_exercice.as_deref(),
            situations: &self.situations,
        }
    }

    /// The situation with this id.
    pub fn situation(&self, id: &str) -> Option<&DossierSituation> {
        self.situations.iter().find(|s| s.id == id)
    }

    /// Checks the rules of docs/domain.md §5.5: situation ids unique, a date de fin not
    /// before its date de prise de fonction, no two open situations with the same structure
    /// and profession.
    pub fn check(&self) -> Result<(), WorkflowError> {
        for (i, s) in self.situations.iter().enumerate() {
            if let (Some(start), Some(end)) = (s.date_prise_fonction, s.date_fin_fonction) {
                if end < start {
                    return Err(WorkflowError::DossierInconsistent {
                        situation: s.id.clone(),
                        problem: Inconsistency::EndBeforeStart,
                    });
                }
            }
            self.situations[..i].iter().try_for_each(|earlier| pair(earlier, s))?;
        }
        Ok(())
    }

    /// The dossier an accepted primo enregistrement creates, with the RPPS number assigned.
    pub(crate) fn register(rpps: Rpps, demande: &Demande, numero: NumeroDemande) -> Result<Self, WorkflowError> {
        let situation = demande.situation.as_ref();
        let dossier = Self {
            rpps,
            etat_civil: demande.etat_civil.clone().unwrap_or_default(),
            contact: demande.contact.clone().unwrap_or_default(),
            nom_exercice: situation.and_then(|s| s.nom_exercice.clone()),
            prenom_exercice: situation.and_then(|s| s.prenom_exercice.clone()),
            situations: situation
                .map(|s| DossierSituation::opened(numero, s))
                .into_iter()
                .collect(),
        };
        dossier.check()?;
        Ok(dossier)
    }

    /// Checks that the accepted demande `numero` (any procedure but the primo
    /// enregistrement, which [`register`](Self::register) handles) can update this dossier;
    /// changes nothing. [`apply`](Self::apply) then updates it.
    pub(crate) fn check_accept(&self, demande: &Demande, numero: NumeroDemande) -> Result<(), WorkflowError> {
        let situation = demande.situation.as_ref();
        match demande.procedure {
            Some(Procedure::PrimoEnregistrement) => Err(WorkflowError::DossierExists { rpps: self.rpps }),
            Some(Procedure::AjoutSituation) => match situation {
                Some(s) => self.check_added(&DossierSituation::opened(numero, s)),
                None => Ok(()),
            },
            Some(Procedure::AnnulationSituation) => self.position(situation).map(drop),
            Some(Procedure::FermetureSituation) => {
                let closed = &self.situations[self.position(situation)?];
                if !closed.is_open() {
                    return Err(WorkflowError::SituationClosed { id: closed.id.clone() });
                }
                let end = situation.and_then(|s| s.date_fin_fonction);
                match (closed.date_prise_fonction, end) {
                    (Some(start), Some(end)) if end < start => Err(WorkflowError::DossierInconsistent {
                        situation: closed.id.clone(),
                        problem: Inconsistency::EndBeforeStart,
                    }),
                    _ => Ok(()),
                }
            }
            Some(Procedure::ModificationInformations | Procedure::ModificationNomPrenomExercice) | None => Ok(()),
        }
    }

    /// Updates the dossier with the accepted demande `numero`, once
    /// [`check_accept`](Self::check_accept) passed.
    pub(crate) fn apply(&mut self, demande: &Demande, numero: NumeroDemande) {
        let situation = demande.situation.as_ref();
        match demande.procedure {
            Some(Procedure::AjoutSituation) => {
                self.situations
                    .extend(situation.map(|s| DossierSituation::opened(numero, s)));
                self.update_contact(demande.contact.as_ref());
            }
            Some(Procedure::AnnulationSituation) => {
                if let Ok(i) = self.position(situation) {
                    self.situations.remove(i);
                }
                self.update_contact(demande.contact.as_ref());
            }
            Some(Procedure::FermetureSituation) => {
                if let Ok(i) = self.position(situation) {
                    self.situations[i].date_fin_fonction = situation.and_then(|s| s.date_fin_fonction);
                    self.situations[i].motif_fin = situation.and_then(|s| s.motif_fin.clone());
                }
            }
            Some(Procedure::ModificationInformations) => self.update_contact(demande.contact.as_ref()),
            Some(Procedure::ModificationNomPrenomExercice) => {
                if let Some(nom) = situation.and_then(|s| s.nom_exercice.clone()) {
                    self.nom_exercice = Some(nom);
                }
                if let Some(prenom) = situation.and_then(|s| s.prenom_exercice.clone()) {
                    self.prenom_exercice = Some(prenom);
                }
            }
            Some(Procedure::PrimoEnregistrement) | None => {}
        }
    }

    /// The index of the situation the demande names; a demande that names none is refused
    /// as validation refuses it (`guard_failed`, `required` on `situation.id`): only a
    /// journal edited by hand, whose replay does not validate, brings one to `accepter`.
    fn position(&self, situation: Option<&Situation>) -> Result<usize, WorkflowError> {
        let Some(id) = situation.and_then(|s| s.id.as_deref()) else {
            let mut report = Report::default();
            report.push(Msg::Required.at("situation.id", &[]));
            return Err(WorkflowError::GuardFailed {
                event: Event::Accepter,
                report,
            });
        };
        self.situations
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| WorkflowError::SituationNotFound { id: id.to_owned() })
    }

    /// Whether `added` may join the situations: a new id, and no open situation with its
    /// structure and profession.
    fn check_added(&self, added: &DossierSituation) -> Result<(), WorkflowError> {
        self.situations.iter().try_for_each(|s| pair(s, added))
    }

    /// Replaces the contact fields the demande gives.
    fn update_contact(&mut self, contact: Option<&Contact>) {
        let Some(c) = contact else { return };
        if let Some(email) = &c.email {
            self.contact.email = Some(email.clone());
        }
        if let Some(mobile) = &c.telephone_mobile {
            self.contact.telephone_mobile = Some(*mobile);
        }
    }
}
