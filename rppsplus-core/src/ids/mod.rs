//! Every identifier of the RPPS+ domain (docs/domain.md §2), each a newtype valid by construction.
//!
//! Each type parses with [`FromStr`](std::str::FromStr) / `TryFrom<&str>` (or `parse_with`
//! where a [`Mode`] matters), prints its canonical form with `Display` and `as_str()`, and
//! (de)serializes as that string. Inputs may carry spaces, dots or dashes as separators
//! (see [`compact`]); nothing else is repaired.
//!
//! ```
//! use rppsplus_core::ids::{Finess, ParseError, Siret};
//!
//! let siret: Siret = "732 829 320 00074".parse()?;
//! assert_eq!(siret.siren().as_str(), "732829320");
//! assert_eq!("2A0000001".parse::<Finess>().map(|f| f.to_string()), Ok("2A0000001".into()));
//! # Ok::<(), ParseError>(())
//! ```

mod adeli;
mod check;
mod email;
mod error;
mod finess;
mod format;
mod idnat;
mod insee;
pub mod luhn;
mod numero;
mod phone;
mod rpps;
mod scan;
mod siren_siret;

pub use adeli::Adeli;
pub use check::{Check, Warning, check, check_many, check_with};
pub use email::Email;
pub use error::{Component, ParseError};
pub use finess::Finess;
pub use format::format;
pub use idnat::{IdNatPp, IdNatPpType, IdNatStructure, IdNatStructureType};
pub use insee::{InseeCommuneCode, InseeCountryCode};
pub use numero::NumeroDemande;
pub use phone::{MobilePhone, Territory};
pub use rpps::{Rpps, RppsRang};
pub use siren_siret::{Siren, Siret};

/// Whether ANS test identities (RPPS numbers not starting with `1`, such as the `99…` of
/// test CPS cards) are accepted.
///
/// ```
/// use rppsplus_core::ids::{Mode, Rpps};
/// assert!("99700075122".parse::<Rpps>().is_err());
/// assert!(Rpps::parse_with("99700075122", Mode::Test)?.is_test());
/// # Ok::<(), rppsplus_core::ids::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// Production numbers only: an RPPS starts with `1`.
    #[default]
    Strict,
    /// Test identities are accepted too, with a [`Warning::TestIdentifier`].
    Test,
}

crate::names::names! {
    /// The kinds of identifier, with the names the CLI, C and Python use for them.
    ///
    /// ```
    /// use rppsplus_core::ids::IdKind;
    /// assert_eq!("rpps-rang".parse::<IdKind>(), Ok(IdKind::RppsRang));
    /// assert_eq!(IdKind::Finess.as_str(), "finess");
    /// assert_eq!(IdKind::Finess.label_en(), "FINESS number");
    /// ```
    #[non_exhaustive]
    pub enum IdKind: "identifier kind" / "type d'identifiant" {
        /// [`Rpps`]
        Rpps = "rpps",
        /// [`IdNatPp`]
        IdNat = "idnat",
        /// [`IdNatStructure`]
        IdNatStructure = "idnat-structure",
        /// [`Adeli`]
        Adeli = "adeli",
        /// [`Finess`]
        Finess = "finess",
        /// [`Siren`]
        Siren = "siren",
        /// [`Siret`]
        Siret = "siret",
        /// [`RppsRang`]
        RppsRang = "rpps-rang",
        /// [`InseeCommuneCode`]
        Commune = "commune",
        /// [`InseeCountryCode`]
        Pays = "pays",
        /// [`MobilePhone`]
        Phone = "phone",
        /// [`Email`]
        Email = "email",
        /// [`NumeroDemande`]
        Numero = "numero",
    }
}

impl IdKind {
    /// The French label used in messages (`numéro RPPS`).
    pub fn label_fr(self) -> &'static str {
        match self {
            Self::Rpps => "numéro RPPS",
            Self::IdNat => "identifiant national (idNat)",
            Self::IdNatStructure => "identifiant national de structure",
            Self::Adeli => "numéro ADELI",
            Self::Finess => "numéro FINESS",
            Self::Siren => "numéro SIREN",
            Self::Siret => "numéro SIRET",
            Self::RppsRang => "identifiant RPPS-rang",
            Self::Commune => "code commune INSEE",
            Self::Pays => "code pays INSEE",
            Self::Phone => "téléphone mobile",
            Self::Email => "adresse email",
            Self::Numero => "numéro de demande",
        }
    }

    /// The English label used in messages (`RPPS number`).
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Rpps => "RPPS number",
            Self::IdNat => "national identifier (idNat)",
            Self::IdNatStructure => "structure national identifier",
            Self::Adeli => "ADELI number",
            Self::Finess => "FINESS number",
            Self::Siren => "SIREN number",
            Self::Siret => "SIRET number",
            Self::RppsRang => "RPPS-rang identifier",
            Self::Commune => "INSEE commune code",
            Self::Pays => "INSEE country code",
            Self::Phone => "mobile phone",
            Self::Email => "email address",
            Self::Numero => "demande number",
        }
    }
}

/// Removes the separators that users type inside identifiers: spaces (including the
/// no-break spaces of spreadsheets), tabs, dots and dashes.
///
/// ```
/// assert_eq!(rppsplus_core::ids::compact(" 101.079-853 18 "), "10107985318");
/// ```
pub fn compact(input: &str) -> String {
    input.chars().filter(|&c| !scan::is_separator(c)).collect()
}

/// Implements the string-like traits every identifier shares, on top of the type's
/// `parse` and `as_str`: `FromStr`, `TryFrom<&str>`, `Display`, serde as a string,
/// `is_valid` (whether [`check`] accepts the input: one meaning on every face), `KIND`, and
/// the confidentiality of its values (docs/domain.md §7): `confidential = never` or `always`
/// generates `is_confidential`, `by_value` lets the type write it; `Debug` prints
/// `<redacted>` for a confidential value. The display form `format()` is the canonical form
/// unless `format = own` says that the type writes it (see [`format`]).
macro_rules! identifier_traits {
    ($ty:ident, kind = $kind:ident, confidential = $confidential:ident $(, format = $format:ident)?) => {
        impl std::str::FromStr for $ty {
            type Err = $crate::ids::ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = $crate::ids::ParseError;
            fn try_from(s: &str) -> Result<Self, Self::Error> {
                Self::parse(s)
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Self::parse(&s).map_err(serde::de::Error::custom)
            }
        }

        /// Confidential values (docs/domain.md §7) print `<redacted>`.
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                if self.is_confidential() {
                    f.write_str(concat!(stringify!($ty), "(<redacted>)"))
                } else {
                    f.debug_tuple(stringify!($ty)).field(&self.as_str()).finish()
                }
            }
        }

        impl $ty {
            /// The kind of identifier this type is.
            pub const KIND: $crate::ids::IdKind = $crate::ids::IdKind::$kind;

            /// Whether [`check`](crate::ids::check) accepts `input` as this kind in strict
            /// mode: the same answer as `is_valid` in C and Python (for commune and country
            /// codes, the code must also exist).
            pub fn is_valid(input: &str) -> bool {
                $crate::ids::check(Self::KIND, input, $crate::ids::Mode::Strict).is_valid()
            }
        }

        identifier_traits!(@confidential $ty, $confidential);
        identifier_traits!(@format $ty $(, $format)?);
    };
    (@format $ty:ident, own) => {};
    (@format $ty:ident) => {
        impl $ty {
            /// The display form (python-stdnum's `format`): the canonical form, as this kind
            /// has no customary grouping (see [`format`](crate::ids::format)).
            pub fn format(&self) -> String {
                self.as_str().to_owned()
            }
        }
    };
    (@confidential $ty:ident, by_value) => {};
    (@confidential $ty:ident, $always:ident) => {
        impl $ty {
            /// Whether this value is confidential (docs/domain.md §7): faces never print it
            /// in a `repr`, a log or an error.
            pub fn is_confidential(&self) -> bool {
                identifier_traits!(@is $always)
            }
        }
    };
    (@is never) => { false };
    (@is always) => { true };
}
use identifier_traits;
