//! The errors of card access: one enum, stable snake_case codes, French and English messages.

use std::fmt;

use crate::names::names;

/// What a card error is about: a file, an object or a field the library reads.
///
/// ```
/// use rppsplus_core::cpx::CardObject;
/// assert_eq!(CardObject::Certificate.as_str(), "certificate");
/// assert_eq!(CardObject::Certificate.label_fr(), "le certificat d'authentification");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CardObject {
    /// The answer of the card to a command (fewer than two bytes, or a response too long).
    Response,
    /// EF.SN.ICC, the chip serial number and the issuer number (docs/domain.md §6).
    SerialNumber,
    /// EF.DIR, the list of applications.
    Directory,
    /// The CPx PKCS#15 application (its AID or its path).
    Application,
    /// The PKCS#15 object directory (ODF).
    Odf,
    /// A PKCS#15 certificate directory (CDF).
    Cdf,
    /// A PKCS#15 data object directory (DODF).
    Dodf,
    /// A PKCS#15 authentication object directory (AODF): the PIN's reference and format.
    Aodf,
    /// The authentication certificate.
    Certificate,
    /// The certificate subject's `CN` (the idNat).
    SubjectIdNat,
    /// The certificate subject's `SN` (the nom).
    SubjectSurname,
    /// The certificate subject's `GN` (the prénom).
    SubjectGivenName,
    /// The certificate subject's `title` (the profession).
    SubjectTitle,
    /// The PIN try counter.
    PinCounter,
    /// A PIN-protected data object (a situation).
    DataObject,
}

impl CardObject {
    /// The stable snake_case name.
    pub fn as_str(self) -> &'static str {
        self.texts().0
    }

    /// The French name, with its article.
    pub fn label_fr(self) -> &'static str {
        self.texts().1
    }

    /// The English name, with its article.
    pub fn label_en(self) -> &'static str {
        self.texts().2
    }

    fn texts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::Response => ("response", "la réponse de la carte", "the card's response"),
            Self::SerialNumber => (
                "serial_number",
                "le numéro de série (EF.SN.ICC)",
                "the serial number (EF.SN.ICC)",
            ),
            Self::Directory => (
                "directory",
                "la liste des applications (EF.DIR)",
                "the application list (EF.DIR)",
            ),
            Self::Application => (
                "application",
                "l'application PKCS#15 CPx",
                "the CPx PKCS#15 application",
            ),
            Self::Odf => (
                "odf",
                "le répertoire des objets PKCS#15 (ODF)",
                "the PKCS#15 object directory (ODF)",
            ),
            Self::Cdf => (
                "cdf",
                "le répertoire des certificats (CDF)",
                "the certificate directory (CDF)",
            ),
            Self::Dodf => (
                "dodf",
                "le répertoire des données (DODF)",
                "the data object directory (DODF)",
            ),
            Self::Aodf => (
                "aodf",
                "le répertoire des codes porteur (AODF)",
                "the authentication object directory (AODF)",
            ),
            Self::Certificate => (
                "certificate",
                "le certificat d'authentification",
                "the authentication certificate",
            ),
            Self::SubjectIdNat => (
                "subject_id_nat",
                "l'identifiant national (CN) du certificat",
                "the certificate's national identifier (CN)",
            ),
            Self::SubjectSurname => (
                "subject_surname",
                "le nom (SN) du certificat",
                "the certificate's surname (SN)",
            ),
            Self::SubjectGivenName => (
                "subject_given_name",
                "le prénom (GN) du certificat",
                "the certificate's given name (GN)",
            ),
            Self::SubjectTitle => (
                "subject_title",
                "la profession (title) du certificat",
                "the certificate's profession (title)",
            ),
            Self::PinCounter => (
                "pin_counter",
                "le compteur d'essais du code porteur",
                "the PIN try counter",
            ),
            Self::DataObject => ("data_object", "un objet de données protégé", "a protected data object"),
        }
    }
}

impl fmt::Display for CardObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_en())
    }
}

names! {
    /// The stable code of a [`CardError`]: one per variant, in the order of the variants. The
    /// C result codes (`5xx`, in this order), the Python `CARD_ERROR_CODES` and the CLI's
    /// messages come from this one list. Codes are stable: new ones may be added, none is
    /// renamed or reused.
    ///
    /// ```
    /// use rppsplus_core::cpx::CardErrorCode;
    /// assert_eq!(CardErrorCode::WrongPin.as_str(), "wrong_pin");
    /// assert_eq!(CardErrorCode::WrongPin.message_en(), "wrong PIN");
    /// assert_eq!("no_card".parse::<CardErrorCode>(), Ok(CardErrorCode::NoCard));
    /// ```
    #[non_exhaustive]
    pub enum CardErrorCode: "card error code" / "code d'erreur carte" {
        /// [`CardError::ServiceAbsent`].
        ServiceAbsent = "service_absent",
        /// [`CardError::NoReader`].
        NoReader = "no_reader",
        /// [`CardError::UnknownReader`].
        UnknownReader = "unknown_reader",
        /// [`CardError::NoCard`].
        NoCard = "no_card",
        /// [`CardError::NotCpx`].
        NotCpx = "not_cpx",
        /// [`CardError::CardRemoved`].
        CardRemoved = "card_removed",
        /// [`CardError::InvalidPin`].
        InvalidPin = "invalid_pin",
        /// [`CardError::WrongPin`].
        WrongPin = "wrong_pin",
        /// [`CardError::PinBlocked`].
        PinBlocked = "pin_blocked",
        /// [`CardError::Transport`].
        TransportFailure = "transport_failure",
        /// [`CardError::CardStatus`].
        CardStatus = "card_status",
        /// [`CardError::MalformedData`].
        MalformedData = "malformed_data",
        /// [`CardError::MissingObject`].
        MissingObject = "missing_object",
    }
}

impl CardErrorCode {
    /// What the code means in French, without the details of one error (the tries left, the
    /// status word): [`CardError::message_fr`] gives those.
    pub fn message_fr(self) -> &'static str {
        self.messages().0
    }

    /// What the code means in English, without the details of one error.
    pub fn message_en(self) -> &'static str {
        self.messages().1
    }

    fn messages(self) -> (&'static str, &'static str) {
        match self {
            Self::ServiceAbsent => (
                "le service carte à puce PC/SC est absent",
                "the PC/SC smart card service is absent",
            ),
            Self::NoReader => ("aucun lecteur de carte", "no smart card reader"),
            Self::UnknownReader => ("aucun lecteur ne porte ce nom", "no smart card reader has this name"),
            Self::NoCard => ("aucune carte dans le lecteur", "no card in the reader"),
            Self::NotCpx => ("la carte n'est pas une carte CPx", "the card is not a CPx card"),
            Self::CardRemoved => (
                "la carte a été retirée pendant l'opération",
                "the card was removed during the operation",
            ),
            Self::InvalidPin => (
                "le code porteur doit compter 4 à 8 chiffres",
                "the PIN must be 4 to 8 digits",
            ),
            Self::WrongPin => ("code porteur faux", "wrong PIN"),
            Self::PinBlocked => ("le code porteur est bloqué", "the PIN is blocked"),
            Self::TransportFailure => (
                "échec de la communication avec le lecteur ou le service PC/SC",
                "transport failure (reader or PC/SC service)",
            ),
            Self::CardStatus => ("statut inattendu de la carte", "unexpected card status"),
            Self::MalformedData => ("données de la carte mal formées", "malformed card data"),
            Self::MissingObject => ("un objet manque sur la carte", "an object is missing on the card"),
        }
    }
}

/// Why a card operation failed.
///
/// Every variant has a stable snake_case [`code`](CardError::code) (the C result names, the
/// Python exception classes and the CLI use it), an English [`Display`](fmt::Display) and a
/// French [`message_fr`](CardError::message_fr). No variant carries a PIN or holder data.
///
/// ```
/// use rppsplus_core::cpx::CardError;
/// let err = CardError::WrongPin { tries_left: 2 };
/// assert_eq!(err.code().as_str(), "wrong_pin");
/// assert_eq!(err.to_string(), "wrong PIN: 2 tries left");
/// assert_eq!(err.message_fr(), "code porteur faux : il reste 2 essais");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum CardError {
    /// No PC/SC library on this machine, or no PC/SC service running (pcscd on Linux).
    #[error("the PC/SC smart card service is absent (pcsc-lite / pcscd, or the platform's smart card service)")]
    ServiceAbsent,
    /// The PC/SC service knows no reader.
    #[error("no smart card reader")]
    NoReader,
    /// No reader has the name asked for.
    #[error("no smart card reader has this name")]
    UnknownReader,
    /// The reader is empty.
    #[error("no card in the reader")]
    NoCard,
    /// The card is not a CPx (its ATR, issuer number or applications are not those of a CPx).
    #[error("the card is not a CPx card")]
    NotCpx,
    /// The card was removed (or reset by another application) during the call.
    #[error("the card was removed during the operation")]
    CardRemoved,
    /// The PIN is not 4 to 8 digits (or out of the card's length bounds): nothing was sent.
    #[error("the PIN must be 4 to 8 digits; nothing was sent to the card")]
    InvalidPin,
    /// The card refused the PIN.
    #[error("wrong PIN: {tries_left} {} left", if *tries_left == 1 { "try" } else { "tries" })]
    WrongPin {
        /// The tries left before the PIN blocks.
        tries_left: u8,
    },
    /// The PIN is blocked (no try left); only the issuer can unblock it.
    #[error("the PIN is blocked")]
    PinBlocked,
    /// The reader or the PC/SC service failed (`code` is the PC/SC status, 0 when none).
    #[error("transport failure (PC/SC status {code:#010X})")]
    Transport {
        /// The PC/SC status code (`SCARD_E_…`, `SCARD_W_…`), 0 when there is none.
        code: u32,
    },
    /// The card answered a status word this step does not expect.
    #[error("unexpected card status {sw:04X} reading {object}")]
    CardStatus {
        /// What was being read.
        object: CardObject,
        /// The status word (SW1 SW2).
        sw: u16,
    },
    /// The card's data does not have the expected structure.
    #[error("malformed data: {object}")]
    MalformedData {
        /// What is malformed.
        object: CardObject,
    },
    /// An object the library needs is not on the card (or a path points to nothing).
    #[error("missing on the card: {object}")]
    MissingObject {
        /// What is missing.
        object: CardObject,
    },
}

impl CardError {
    /// The stable code (a value of [`CardErrorCode`], whose name is snake_case).
    ///
    /// ```
    /// use rppsplus_core::cpx::{CardError, CardErrorCode};
    /// assert_eq!(CardError::ServiceAbsent.code(), CardErrorCode::ServiceAbsent);
    /// assert_eq!(CardError::ServiceAbsent.code().as_str(), "service_absent");
    /// ```
    pub fn code(&self) -> CardErrorCode {
        match self {
            Self::ServiceAbsent => CardErrorCode::ServiceAbsent,
            Self::NoReader => CardErrorCode::NoReader,
            Self::UnknownReader => CardErrorCode::UnknownReader,
            Self::NoCard => CardErrorCode::NoCard,
            Self::NotCpx => CardErrorCode::NotCpx,
            Self::CardRemoved => CardErrorCode::CardRemoved,
            Self::InvalidPin => CardErrorCode::InvalidPin,
            Self::WrongPin { .. } => CardErrorCode::WrongPin,
            Self::PinBlocked => CardErrorCode::PinBlocked,
            Self::Transport { .. } => CardErrorCode::TransportFailure,
            Self::CardStatus { .. } => CardErrorCode::CardStatus,
            Self::MalformedData { .. } => CardErrorCode::MalformedData,
            Self::MissingObject { .. } => CardErrorCode::MissingObject,
        }
    }

    /// The message in French; [`Display`](fmt::Display) gives English.
    ///
    /// ```
    /// use rppsplus_core::cpx::CardError;
    /// assert_eq!(CardError::NoCard.message_fr(), "aucune carte dans le lecteur");
    /// ```
    pub fn message_fr(&self) -> String {
        match *self {
            Self::ServiceAbsent => {
                "le service carte à puce PC/SC est absent (pcsc-lite / pcscd, ou le service de la plateforme)".into()
            }
            Self::NoReader => "aucun lecteur de carte".into(),
            Self::UnknownReader => "aucun lecteur ne porte ce nom".into(),
            Self::NoCard => "aucune carte dans le lecteur".into(),
            Self::NotCpx => "la carte n'est pas une carte CPx".into(),
            Self::CardRemoved => "la carte a été retirée pendant l'opération".into(),
            Self::InvalidPin => "le code porteur doit compter 4 à 8 chiffres ; rien n'a été envoyé à la carte".into(),
            Self::WrongPin { tries_left: 1 } => "code porteur faux : il reste 1 essai".into(),
            Self::WrongPin { tries_left } => format!("code porteur faux : il reste {tries_left} essais"),
            Self::PinBlocked => "le code porteur est bloqué".into(),
            Self::Transport { code } => format!("échec de la communication (statut PC/SC {code:#010X})"),
            Self::CardStatus { object, sw } => {
                format!("statut inattendu {sw:04X} de la carte en lisant {}", object.label_fr())
            }
            Self::MalformedData { object } => format!("données mal formées : {}", object.label_fr()),
            Self::MissingObject { object } => format!("absent de la carte : {}", object.label_fr()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_messages_never_empty() {
        let all = [
            CardError::ServiceAbsent,
            CardError::NoReader,
            CardError::UnknownReader,
            CardError::NoCard,
            CardError::NotCpx,
            CardError::CardRemoved,
            CardError::InvalidPin,
            CardError::WrongPin { tries_left: 1 },
            CardError::PinBlocked,
            CardError::Transport { code: 0x8010_0013 },
            CardError::CardStatus {
                object: CardObject::Odf,
                sw: 0x6A82,
            },
            CardError::MalformedData {
                object: CardObject::Certificate,
            },
            CardError::MissingObject {
                object: CardObject::SubjectGivenName,
            },
        ];
        let codes: Vec<_> = all.iter().map(CardError::code).collect();
        assert_eq!(codes, CardErrorCode::ALL);
        for e in all {
            assert!(!e.message_fr().is_empty() && !e.to_string().is_empty());
            assert!(!e.code().message_fr().is_empty() && !e.code().message_en().is_empty());
        }
        assert_eq!(
            CardError::WrongPin { tries_left: 1 }.to_string(),
            "wrong PIN: 1 try left"
        );
        assert_eq!(
            CardError::Transport { code: 0x8010_0013 }.to_string(),
            "transport failure (PC/SC status 0x80100013)"
        );
    }
}
