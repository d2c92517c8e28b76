//! The stable codes of every finding and identifier error (docs/domain.md §4): one list,
//! which the C result names, the Python `Literal` of codes and the CLI output all come from.

use crate::names::names;

names! {
    /// The stable code of a finding, of a [`ParseError`](crate::ids::ParseError), a
    /// [`Warning`](crate::ids::Warning) or a [`CodeError`](crate::nomenclature::CodeError).
    /// Codes are stable forever: new ones may be added, none is renamed or reused.
    ///
    /// ```
    /// use rppsplus_core::FindingCode;
    /// use rppsplus_core::ids::Rpps;
    ///
    /// let code = "10107985319".parse::<Rpps>().unwrap_err().code();
    /// assert_eq!(code, FindingCode::InvalidChecksum);
    /// assert_eq!(code.as_str(), "invalid_checksum");
    /// assert_eq!("required".parse::<FindingCode>(), Ok(FindingCode::Required));
    /// ```
    #[non_exhaustive]
    pub enum FindingCode: "finding code" / "code de constat" {
        /// A mandatory field is missing (`contact.email` of a primo).
        Required = "required",
        /// A character or a shape the field cannot have (`1010798531A` as an RPPS; a date
        /// written `5/13/2020`; a number where text is expected).
        InvalidFormat = "invalid_format",
        /// The wrong number of characters or items (`1010798531`: 10 digits; four prénoms).
        InvalidLength = "invalid_length",
        /// The check digit does not match (`10107985319`).
        InvalidChecksum = "invalid_checksum",
        /// A part of an identifier breaks a rule of its kind (`9A0405593`: `9A` is no FINESS
        /// département).
        InvalidComponent = "invalid_component",
        /// A telephone number that is not a mobile (`01 23 45 67 89`).
        NotMobile = "not_mobile",
        /// A well-formed code that no table has (`75015` as a commune: a postal code).
        UnknownCode = "unknown_code",
        /// A code of the table that the portal does not offer for the field at the date
        /// (profession `300`).
        CodeNotAllowed = "code_not_allowed",
        /// A code ended at the reference date, with its replacement where the source names one
        /// (profession `323` → `328` from 2025-12-22).
        CodeDeprecated = "code_deprecated",
        /// A date or a number outside what is plausible (born in the future).
        OutOfRange = "out_of_range",
        /// Fields that contradict each other (a date de fin before the prise de fonction).
        Inconsistent = "inconsistent",
        /// A field that may not be changed (an état civil certified by FranceConnect).
        NotModifiable = "not_modifiable",
        /// A field that must be absent for this procedure or case.
        NotApplicable = "not_applicable",
        /// A field the demande format does not have (a typo: `etat_civil.nom_naisance`).
        UnknownField = "unknown_field",
        /// An ANS test identity (an RPPS starting with `99`), a warning in test mode.
        TestIdentifier = "test_identifier",
        /// Text that is not JSON.
        InvalidJson = "invalid_json",
        /// A collection file's structure: cell count, quotes, unknown or repeated columns.
        InvalidCsv = "invalid_csv",
        /// A warning: the file was not UTF-8 and was decoded (Windows-1252, as Excel writes).
        EncodingConverted = "encoding_converted",
        /// This actor may not send this procedure (a professionnel closing a situation).
        NotAllowedForActor = "not_allowed_for_actor",
        /// The same person or RPPS number already appears in an earlier demande of the file.
        Duplicate = "duplicate",
        /// A warning: a foreign phone number, of which only the international form is checked.
        ForeignNumber = "foreign_number",
        /// A warning: a former commune code (`20004` for Ajaccio, now `2A004`).
        OldCode = "old_code",
        /// A warning: a commune code that is also a postal code (`13003`).
        AlsoPostalCode = "also_postal_code",
        /// A report holds at most [`MAX_FINDINGS`](crate::demande::MAX_FINDINGS) findings:
        /// this one says that more were found and not kept (an error when one of them was).
        TooManyFindings = "too_many_findings",
    }
}

impl FindingCode {
    /// What the code means, in French, without any value or field: the message of a code
    /// met without its context (the C face's `rppsplus_result_message`). Findings and errors
    /// carry their own, more precise messages.
    ///
    /// ```
    /// use rppsplus_core::FindingCode;
    /// assert_eq!(FindingCode::InvalidChecksum.message_fr(), "la clé de contrôle est fausse");
    /// ```
    pub fn message_fr(self) -> &'static str {
        self.messages().0
    }

    /// What the code means, in English, without any value or field.
    ///
    /// ```
    /// use rppsplus_core::FindingCode;
    /// assert_eq!(FindingCode::InvalidChecksum.message_en(), "the check digit does not match");
    /// ```
    pub fn message_en(self) -> &'static str {
        self.messages().1
    }

    /// The French and English meanings.
    fn messages(self) -> (&'static str, &'static str) {
        match self {
            Self::Required => ("la valeur est obligatoire", "the value is required"),
            Self::InvalidFormat => (
                "caractère ou forme non autorisés",
                "a character or shape that is not allowed",
            ),
            Self::InvalidLength => ("le nombre de caractères est faux", "the wrong number of characters"),
            Self::InvalidChecksum => ("la clé de contrôle est fausse", "the check digit does not match"),
            Self::InvalidComponent => (
                "une partie de l'identifiant enfreint une règle de son type",
                "a part of the identifier breaks a rule of its kind",
            ),
            Self::NotMobile => ("ce n'est pas un numéro de mobile", "not a mobile number"),
            Self::UnknownCode => ("aucune entrée n'a ce code", "no entry has this code"),
            Self::CodeNotAllowed => (
                "le code n'est pas proposé par le portail pour ce champ à cette date",
                "the portal does not offer this code for the field at this date",
            ),
            Self::CodeDeprecated => ("le code est obsolète à cette date", "the code has ended at this date"),
            Self::OutOfRange => (
                "la valeur est hors des limites plausibles",
                "the value is out of the plausible range",
            ),
            Self::Inconsistent => ("des champs se contredisent", "fields contradict each other"),
            Self::NotModifiable => ("ce champ ne peut pas être modifié", "this field may not be changed"),
            Self::NotApplicable => (
                "ce champ doit être absent pour cette procédure",
                "this field must be absent for this procedure",
            ),
            Self::UnknownField => ("ce champ n'existe pas", "no such field"),
            Self::TestIdentifier => (
                "identifiant de test (accepté en mode test uniquement)",
                "test identifier (accepted in test mode only)",
            ),
            Self::InvalidJson => ("ce n'est pas du JSON valide", "not valid JSON"),
            Self::InvalidCsv => ("structure CSV invalide", "invalid CSV structure"),
            Self::EncodingConverted => (
                "le fichier n'était pas en UTF-8 et a été converti",
                "the file was not UTF-8 and was converted",
            ),
            Self::NotAllowedForActor => (
                "cet acteur ne peut pas envoyer cette procédure",
                "this actor may not send this procedure",
            ),
            Self::Duplicate => ("doublon d'une demande précédente", "duplicate of an earlier demande"),
            Self::ForeignNumber => (
                "numéro étranger : seule sa forme internationale a été vérifiée",
                "foreign number: only its international form was checked",
            ),
            Self::OldCode => (
                "ancien code commune, remplacé par le code actuel",
                "old commune code, replaced by the current code",
            ),
            Self::AlsoPostalCode => (
                "ce code commune est aussi un code postal",
                "this commune code is also a postal code",
            ),
            Self::TooManyFindings => (
                "trop de constats : les suivants n'ont pas été gardés",
                "too many findings: the next ones were not kept",
            ),
        }
    }
}

impl PartialEq<str> for FindingCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for FindingCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<FindingCode> for &str {
    fn eq(&self, other: &FindingCode) -> bool {
        *self == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for code in FindingCode::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "{name} twice");
            assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{name}");
            assert_eq!(name.parse::<FindingCode>(), Ok(*code));
            assert!(!code.message_fr().is_empty() && !code.message_en().is_empty(), "{name}");
        }
    }
}
