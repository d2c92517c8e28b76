//! Typed codes for the small closed tables the rules branch on.

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
    /// Sexe (TRE_R249). The portal expects M or F; O and UN exist in the table.
    Sexe in "TRE_R249-Sexe" {
        /// Masculin.
        M = "M",
        /// Féminin.
        F = "F",
        /// Autre sexe (ni masculin, ni féminin).
        O = "O",
        /// Inconnu.
        Un = "UN",
    }
}

closed_codes! {
    /// Mode d'exercice offered by the portal (TRE_R23, JDV_J117); absent means salarié.
    ModeExercice in "TRE_R23-ModeExercice" {
        /// Salarié.
        S = "S",
        /// Libéral, indépendant, artisan, commerçant.
        L = "L",
        /// Bénévole.
        B = "B",
        /// Indirect (since 2026-02-02).
        I = "I",
    }
}

closed_codes! {
    /// The rôle (genre d'activité, TRE_R22) offered by the portal (JDV_J116).
    ///
    /// ```
    /// use rppsplus_core::nomenclature::Role;
    /// assert_eq!("GENR08".parse::<Role>()?.entry().label(), "Coordination et orientation");
    /// assert!("GENR02".parse::<Role>().is_err()); // exists in TRE_R22, not offered by ENREG
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    Role in "TRE_R22-GenreActivite" {
        /// Activité de soin et de pharmacie.
        Genr01 = "GENR01",
        /// Coordination et orientation.
        Genr08 = "GENR08",
        /// Administratif ou appui à l'organisation de l'accompagnement social/médico-social.
        Genr09 = "GENR09",
        /// Accompagnement social/médico-social à la vie sociale, professionnelle, éducative.
        Genr10 = "GENR10",
        /// Accompagnement social/médico-social au soin.
        Genr11 = "GENR11",
        /// Encadrement et organisation de l'accompagnement social/médico-social.
        Genr12 = "GENR12",
        /// Activité médico-administrative.
        Genr13 = "GENR13",
        /// Autre activité.
        Genr99 = "GENR99",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_is_in_its_table_and_value_set() {
        for r in Role::ALL {
            assert!(
                super::super::portal_value_set("role")
                    .unwrap()
                    .latest()
                    .contains(r.code())
            );
            let _ = r.entry();
        }
        for c in Civilite::ALL {
            assert!(
                super::super::portal_value_set("civilite")
                    .unwrap()
                    .latest()
                    .contains(c.code())
            );
        }
        for m in ModeExercice::ALL {
            assert!(
                super::super::portal_value_set("mode-exercice")
                    .unwrap()
                    .latest()
                    .contains(m.code())
            );
        }
        for s in Sexe::ALL {
            let _ = s.entry();
        }
        assert_eq!(serde_json::to_string(&Sexe::F).unwrap(), "\"F\"");
        assert!(serde_json::from_str::<Sexe>("\"X\"").is_err());
    }
}
