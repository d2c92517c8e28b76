//! The demande (docs/domain.md §4): serde with exactly the JSON names, unknown fields refused.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::names::names;

use crate::ids::{Email, Finess, InseeCommuneCode, InseeCountryCode, MobilePhone, NumeroDemande, Rpps, Siret};
use crate::nomenclature::{Civilite, Sexe};

names! {
    /// The six procedures of the portal.
    pub enum Procedure: "procedure" / "procédure" {
        /// Primo enregistrement.
        PrimoEnregistrement = "primo_enregistrement",
        /// Ajout de situation d'exercice et modifications d'informations.
        AjoutSituation = "ajout_situation",
        /// Annulation de situation d'exercice et modifications d'informations.
        AnnulationSituation = "annulation_situation",
        /// Modification d'informations.
        ModificationInformations = "modification_informations",
        /// Fermeture de situation d'exercice.
        FermetureSituation = "fermeture_situation",
        /// Modification du nom et prénom d'exercice.
        ModificationNomPrenomExercice = "modification_nom_prenom_exercice",
    }
}

impl Procedure {
    /// The portal's label (docs/domain.md §5.2).
    pub fn label(self) -> &'static str {
        match self {
            Self::PrimoEnregistrement => "Primo enregistrement",
            Self::AjoutSituation => "Ajout de situation d'exercice et modifications d'informations",
            Self::AnnulationSituation => "Annulation de situation d'exercice et modifications d'informations",
            Self::ModificationInformations => "Modification d'informations",
            Self::FermetureSituation => "Fermeture de situation d'exercice",
            Self::ModificationNomPrenomExercice => "Modification du nom et prénom d'exercice",
        }
    }
}

names! {
    /// Where the état civil comes from.
    pub enum Source: "source of the état civil" / "source de l'état civil" {
        /// Typed by the gestionnaire.
        Saisie = "saisie",
        /// Certified by FranceConnect: read-only for the gestionnaire.
        FranceConnect = "franceconnect",
    }
}

/// A registration request, as the portal's JSON interchange format has it. Every field is
/// optional here: which are required depends on the procedure, and [`validate`](super::validate)
/// reports what is missing.
///
/// Deserializing this type directly is fail-fast, and serde's error messages may quote the
/// offending value (a name, an email address): to read untrusted input, use
/// [`validate_json`](super::validate_json), whose findings never repeat values.
///
/// ```
/// use rppsplus_core::demande::{Demande, Procedure};
/// let d: Demande = serde_json::from_str(r#"{"procedure": "fermeture_situation", "rpps": "10107985318"}"#)?;
/// assert_eq!(d.procedure, Some(Procedure::FermetureSituation));
/// assert!(serde_json::from_str::<Demande>(r#"{"procedur": "x"}"#).is_err()); // unknown field
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demande {
    /// The procedure.
    pub procedure: Option<Procedure>,
    /// The demande number, assigned at creation.
    pub numero: Option<NumeroDemande>,
    /// The RPPS number of a registered person (absent for a primo enregistrement).
    pub rpps: Option<Rpps>,
    /// The état civil (confidential).
    pub etat_civil: Option<EtatCivil>,
    /// The contact details (confidential).
    pub contact: Option<Contact>,
    /// The situation d'exercice (public).
    pub situation: Option<Situation>,
    /// The confirmations required to send the demande.
    pub confirmations: Option<Confirmations>,
}

/// The état civil. Confidential: `Debug` prints which fields are present, never their values.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EtatCivil {
    /// Civilité (TRE_R81, JDV_J113: `M`, `MME`).
    pub civilite: Option<Civilite>,
    /// Sexe (TRE_R249: `M`, `F`; the portal takes no other).
    pub sexe: Option<Sexe>,
    /// Nom de naissance.
    pub nom_naissance: Option<String>,
    /// Nom d'usage.
    pub nom_usage: Option<String>,
    /// Prénoms: 1 to 3, the first mandatory.
    #[serde(default)]
    pub prenoms: Vec<String>,
    /// Date de naissance.
    pub date_naissance: Option<NaiveDate>,
    /// Pays de naissance (INSEE, `99100` for France).
    pub pays_naissance: Option<InseeCountryCode>,
    /// Commune de naissance (INSEE COG), when born in France.
    pub commune_naissance: Option<InseeCommuneCode>,
    /// Lieu de naissance (free text), when born abroad.
    pub lieu_naissance: Option<String>,
    /// Whether the gestionnaire typed it or FranceConnect certified it.
    pub source: Option<Source>,
}

impl fmt::Debug for EtatCivil {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let present = |o: bool| if o { "<redacted>" } else { "None" };
        f.debug_struct("EtatCivil")
            .field("civilite", &format_args!("{}", present(self.civilite.is_some())))
            .field("sexe", &format_args!("{}", present(self.sexe.is_some())))
            .field(
                "nom_naissance",
                &format_args!("{}", present(self.nom_naissance.is_some())),
            )
            .field("nom_usage", &format_args!("{}", present(self.nom_usage.is_some())))
            .field("prenoms", &format_args!("[{} redacted]", self.prenoms.len()))
            .field(
                "date_naissance",
                &format_args!("{}", present(self.date_naissance.is_some())),
            )
            .field(
                "pays_naissance",
                &format_args!("{}", present(self.pays_naissance.is_some())),
            )
            .field(
                "commune_naissance",
                &format_args!("{}", present(self.commune_naissance.is_some())),
            )
            .field(
                "lieu_naissance",
                &format_args!("{}", present(self.lieu_naissance.is_some())),
            )
            .field("source", &self.source)
            .finish()
    }
}

/// The contact details. Confidential: `Debug` of [`Email`] and [`MobilePhone`] print no value.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Adresse email.
    pub email: Option<Email>,
    /// Téléphone mobile, E.164.
    pub telephone_mobile: Option<MobilePhone>,
}

/// The structure of a situation: its FINESS géographique, or its SIRET when it has none.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Structure {
    /// FINESS géographique.
    pub finess: Option<Finess>,
    /// SIRET, only for a structure without FINESS.
    pub siret: Option<Siret>,
}

/// A situation d'exercice (public: published in the Annuaire Santé).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Situation {
    /// The identifier of an existing situation (annulation, fermeture).
    pub id: Option<String>,
    /// Nom d'exercice.
    pub nom_exercice: Option<String>,
    /// Prénom d'exercice.
    pub prenom_exercice: Option<String>,
    /// The structure.
    pub structure: Option<Structure>,
    /// Profession code (TRE_R85, JDV_J121).
    pub profession: Option<String>,
    /// Rôle code (TRE_R22 GENR, JDV_J116).
    pub role: Option<String>,
    /// Mode d'exercice code (TRE_R23, JDV_J117); absent means `S`, salarié.
    pub mode_exercice: Option<String>,
    /// Date de prise de fonction.
    pub date_prise_fonction: Option<NaiveDate>,
    /// Date de fin de fonction.
    pub date_fin_fonction: Option<NaiveDate>,
    /// Motif de fin (TRE_R25).
    pub motif_fin: Option<String>,
}

/// The confirmations of the sender.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confirmations {
    /// The CGU are accepted.
    pub cgu_acceptees: Option<bool>,
    /// The gestionnaire met the professional in person.
    pub rencontre_en_personne: Option<bool>,
}

/// The public part of a demande (docs/domain.md §7): what the Annuaire Santé publishes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicView<'a> {
    /// The procedure.
    pub procedure: Option<Procedure>,
    /// The RPPS number.
    pub rpps: Option<Rpps>,
    /// The situation d'exercice.
    pub situation: Option<&'a Situation>,
}

impl Demande {
    /// The public view: the situation data, never the état civil or the contact.
    ///
    /// ```
    /// use rppsplus_core::demande::Demande;
    /// let d: Demande = serde_json::from_str(r#"{"etat_civil": {"nom_naissance": "DUPONT"}}"#).unwrap();
    /// assert!(!serde_json::to_string(&d.public_view()).unwrap().contains("DUPONT"));
    /// ```
    pub fn public_view(&self) -> PublicView<'_> {
        PublicView {
            procedure: self.procedure,
            rpps: self.rpps,
            situation: self.situation.as_ref(),
        }
    }
}
