//! The ten statuts of a demande and the events that move it (docs/domain.md §5.1, §5.3).

use crate::names::names;

names! {
    /// The statut of a demande, with the portal's exact labels (docs/domain.md §5.1, from the
    /// ANS gestionnaire guide §4, « Statut des demandes »). Five are terminal: nothing moves a
    /// demande out of them.
    ///
    /// ```
    /// use rppsplus_core::workflow::Status;
    ///
    /// assert_eq!(Status::ValideeRpps.label(), "Enregistrement RPPS validé");
    /// assert!(Status::ValideeRpps.is_terminal());
    /// assert!(!Status::EnvoyeeRpps.is_terminal());
    /// assert_eq!("en_cours_instruction".parse::<Status>(), Ok(Status::EnCoursInstruction));
    /// assert_eq!(Status::ALL.iter().filter(|s| s.is_terminal()).count(), 5);
    /// ```
    pub enum Status: "statut" / "statut" {
        /// Saisie par le professionnel: the professional pre-registers through FranceConnect.
        SaisieProfessionnel = "saisie_professionnel",
        /// En cours d'enregistrement: the gestionnaire keys the demande.
        EnCoursEnregistrement = "en_cours_enregistrement",
        /// En cours d'instruction: sent by the professional, for the gestionnaire to process.
        EnCoursInstruction = "en_cours_instruction",
        /// Envoyée au RPPS: validated by the gestionnaire.
        EnvoyeeRpps = "envoyee_rpps",
        /// Envoyée au RPPS par le professionnel: a registered professional's own update (e-CPS).
        EnvoyeeRppsParProfessionnel = "envoyee_rpps_par_professionnel",
        /// Abandonnée par le professionnel (terminal).
        AbandonneeProfessionnel = "abandonnee_professionnel",
        /// Refusée par l'autorité d'enregistrement (terminal).
        RefuseeAe = "refusee_ae",
        /// Enregistrement RPPS validé (terminal).
        ValideeRpps = "validee_rpps",
        /// Refusé par le RPPS (terminal).
        RefuseeRpps = "refusee_rpps",
        /// Rejet technique (terminal).
        RejetTechnique = "rejet_technique",
    }
}

impl Status {
    /// The portal's label (docs/domain.md §5.1).
    pub const fn label(self) -> &'static str {
        match self {
            Self::SaisieProfessionnel => "Saisie par le professionnel",
            Self::EnCoursEnregistrement => "En cours d'enregistrement",
            Self::EnCoursInstruction => "En cours d'instruction",
            Self::EnvoyeeRpps => "Envoyée au RPPS",
            Self::EnvoyeeRppsParProfessionnel => "Envoyée au RPPS par le professionnel",
            Self::AbandonneeProfessionnel => "Abandonnée par le professionnel",
            Self::RefuseeAe => "Refusée par l'autorité d'enregistrement",
            Self::ValideeRpps => "Enregistrement RPPS validé",
            Self::RefuseeRpps => "Refusé par le RPPS",
            Self::RejetTechnique => "Rejet technique",
        }
    }

    /// Whether no event leaves this statut.
    pub const fn is_terminal(self) -> bool {
        matches!(
            self,
            Self::AbandonneeProfessionnel
                | Self::RefuseeAe
                | Self::ValideeRpps
                | Self::RefuseeRpps
                | Self::RejetTechnique
        )
    }
}

names! {
    /// What happens to a demande (docs/domain.md §5.3): each event, sent by an actor, moves it
    /// along one row of [`TRANSITIONS`](super::TRANSITIONS). `creer` and `envoyer` create a
    /// demande; `modifier` edits its content and leaves its statut as it is.
    ///
    /// ```
    /// use rppsplus_core::workflow::Event;
    ///
    /// assert_eq!("refuser_rpps".parse::<Event>(), Ok(Event::RefuserRpps));
    /// assert!(Event::Envoyer.is_creation());
    /// assert_eq!("valide".parse::<Event>().unwrap_err().code(), "unknown_code");
    /// ```
    pub enum Event: "event" / "événement" {
        /// Creates a demande (the professionnel through FranceConnect, or the gestionnaire).
        Creer = "creer",
        /// The professionnel sends a pre-registration to the gestionnaire.
        Soumettre = "soumettre",
        /// The professionnel gives up a pre-registration.
        Abandonner = "abandonner",
        /// The gestionnaire takes a pre-registration in hand.
        PrendreEnCharge = "prendre_en_charge",
        /// The gestionnaire validates and sends to the RPPS.
        Valider = "valider",
        /// The gestionnaire refuses a professional's demande (with a motif).
        Refuser = "refuser",
        /// The gestionnaire discards a demande it created (« annuler la demande »).
        Annuler = "annuler",
        /// A registered professional sends an update straight to the RPPS (e-CPS).
        Envoyer = "envoyer",
        /// The RPPS accepts (and assigns the RPPS number of a primo enregistrement).
        Accepter = "accepter",
        /// The RPPS refuses (with a motif).
        RefuserRpps = "refuser_rpps",
        /// The RPPS rejects technically (with a motif).
        Rejeter = "rejeter",
        /// The actor holding the demande edits its content; the statut stays.
        Modifier = "modifier",
    }
}

impl Event {
    /// Whether this event creates a demande (`creer`, `envoyer`): the rows of the table whose
    /// `from` is empty.
    pub fn is_creation(self) -> bool {
        super::TRANSITIONS.iter().any(|t| t.event == self && t.from.is_none())
    }
}
