//! Every identifier of the RPPS+ domain (SPEC.md §2), each a newtype valid by construction.
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
mod idnat;
mod insee;
pub mod luhn;
mod numero;
mod phone;
mod rpps;
mod scan;
mod siren_siret;

use std::fmt;

pub use adeli::Adeli;
pub use check::{Check, Warning, check, check_many};
pub use email::Email;
pub use error::{Component, ParseError};
pub use finess::Finess;
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

/// The kinds of identifier, with the names the CLI, C and Python use for them.
///
/// ```
/// use rppsplus_core::ids::IdKind;
/// assert_eq!("rpps-rang".parse::<IdKind>(), Ok(IdKind::RppsRang));
/// assert_eq!(IdKind::Finess.name(), "finess");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum IdKind {
    /// [`Rpps`]
    Rpps,
    /// [`IdNatPp`]
    IdNat,
    /// [`IdNatStructure`]
    IdNatStructure,
    /// [`Adeli`]
    Adeli,
    /// [`Finess`]
    Finess,
    /// [`Siren`]
    Siren,
    /// [`Siret`]
    Siret,
    /// [`RppsRang`]
    RppsRang,
    /// [`InseeCommuneCode`]
    Commune,
    /// [`InseeCountryCode`]
    Pays,
    /// [`MobilePhone`]
    Phone,
    /// [`Email`]
    Email,
    /// [`NumeroDemande`]
    Numero,
}

impl IdKind {
    /// Every kind, in a stable order (the order of the C `rppsplus_kind` values).
    pub const ALL: [IdKind; 13] = [
        Self::Rpps,
        Self::IdNat,
        Self::IdNatStructure,
        Self::Adeli,
        Self::Finess,
        Self::Siren,
        Self::Siret,
        Self::RppsRang,
        Self::Commune,
        Self::Pays,
        Self::Phone,
        Self::Email,
        Self::Numero,
    ];

    /// The stable name (`rpps`, `idnat`, `rpps-rang`…), as the CLI takes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Rpps => "rpps",
            Self::IdNat => "idnat",
            Self::IdNatStructure => "idnat-structure",
            Self::Adeli => "adeli",
            Self::Finess => "finess",
            Self::Siren => "siren",
            Self::Siret => "siret",
            Self::RppsRang => "rpps-rang",
            Self::Commune => "commune",
            Self::Pays => "pays",
            Self::Phone => "phone",
            Self::Email => "email",
            Self::Numero => "numero",
        }
    }

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

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_en())
    }
}

/// The error of [`IdKind::from_str`](std::str::FromStr): the name is not a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown identifier kind (expected one of: rpps, idnat, idnat-structure, adeli, finess, siren, siret, rpps-rang, commune, pays, phone, email, numero)"
)]
pub struct UnknownKind;

impl std::str::FromStr for IdKind {
    type Err = UnknownKind;

    fn from_str(s: &str) -> Result<Self, UnknownKind> {
        Self::ALL.into_iter().find(|k| k.name() == s).ok_or(UnknownKind)
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
/// `parse` and `as_str`: `FromStr`, `TryFrom<&str>`, `Display`, serde as a string, and an
/// `is_valid` shortcut. `debug` chooses between a transparent and a redacted `Debug`.
macro_rules! identifier_traits {
    ($ty:ident, debug = $debug:ident) => {
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

        impl $ty {
            /// Whether `input` parses as this identifier (strict mode).
            pub fn is_valid(input: &str) -> bool {
                Self::parse(input).is_ok()
            }
        }

        identifier_traits!(@debug $ty, $debug);
    };
    (@debug $ty:ident, transparent) => {
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_tuple(stringify!($ty)).field(&self.as_str()).finish()
            }
        }
    };
    (@debug $ty:ident, custom) => {};
    (@debug $ty:ident, redacted) => {
        /// Confidential (SPEC.md §7): `Debug` never prints the value.
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(concat!(stringify!($ty), "(<redacted>)"))
            }
        }
    };
}
use identifier_traits;
