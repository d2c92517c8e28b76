//! Typed codes for the small closed tables the rules branch on: the civilité and the sexe
//! (docs/domain.md §4.4: the portal takes M or F; civilité and sexe should agree). The other
//! coded fields (profession, rôle, mode d'exercice, motif de fin) are only checked against
//! their value sets at a date, which change over time: they stay codes.

use super::{Code, NomenclatureError, table};

/// Declares a closed set of codes of one table: an enum with `code()`, `entry()` (the
/// table's code, with its label), `FromStr` and serde as the code.
macro_rules! closed_codes {
    ($(#[$doc:meta])* $name:ident in $table:literal { $($(#[$vdoc:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The code in its table.
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }

            /// The table's entry for this code (label, validity).
            pub fn entry(self) -> &'static Code {
                table($table).ok().and_then(|t| t.get(self.code())).expect(concat!("embedded table ", $table))
            }
        }

        impl std::str::FromStr for $name {
            type Err = NomenclatureError;
            fn from_str(s: &str) -> Result<Self, NomenclatureError> {
                match s {
                    $($code => Ok(Self::$variant),)+
                    _ => Err(NomenclatureError::UnknownCode),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

closed_codes! {
    /// Civilité offered by the portal (TRE_R81, JDV_J113).
    ///
    /// ```
    /// use rppsplus_core::nomenclature::Civilite;
    /// let c: Civilite = "MME".parse()?;
    /// assert_eq!(c.entry().label(), "Madame");
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    Civilite in "TRE_R81-Civilite" {
        /// Monsieur.
        M = "M",
        /// Madame.
        Mme = "MME",
    }
}

closed_codes! {
    /// Sexe (TRE_R249, every code). The portal expects M or F; O, UN and the ended U exist in
    /// the table.
    Sexe in "TRE_R249-Sexe" {
        /// Masculin.
        M = "M",
        /// Féminin.
        F = "F",
        /// Autre sexe (ni masculin, ni féminin).
        O = "O",
        /// Inconnu.
        Un = "UN",
        /// Inconnu (ended on 2023-12-15, replaced by UN).
        U = "U",
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    /// Every code the portal's field accepts, at any date, is a value of its enum (the
    /// rules branch on the enum after checking the code: none may be missing).
    #[test]
    fn every_code_of_the_fields_is_a_value() {
        let dates = [(1990, 1, 1), (2020, 6, 1), (2024, 1, 1), (2026, 11, 22), (2040, 1, 1)];
        for (name, parses) in [
            ("civilite", (|c| c.parse::<Civilite>().is_ok()) as fn(&str) -> bool),
            ("sexe", |c| c.parse::<Sexe>().is_ok()),
        ] {
            let field = super::super::field(name).expect("a portal field");
            for code in field.table().codes() {
                for (y, m, d) in dates {
                    let at = NaiveDate::from_ymd_opt(y, m, d).expect("a date");
                    if field.check(code.code(), at).is_ok() {
                        assert!(parses(code.code()), "{name} {} at {at}", code.code());
                    }
                }
            }
        }
        for s in Sexe::ALL {
            let _ = s.entry();
        }
        for c in Civilite::ALL {
            assert!(
                super::super::portal_value_set("civilite")
                    .unwrap()
                    .latest()
                    .contains(c.code())
            );
        }
        assert_eq!(serde_json::to_string(&Sexe::F).unwrap(), "\"F\"");
        assert!(serde_json::from_str::<Sexe>("\"X\"").is_err());
    }
}
