//! Closed sets of names (procedures, actors, stages, severities, finding codes…): each is an
//! enum whose variants have one stable snake_case name, declared once with [`names!`] and
//! read by every face (C, Python, the CLI) from here.
//!
//! ```
//! use rppsplus_core::demande::Stage;
//! use rppsplus_core::names::UnknownName;
//!
//! assert_eq!("draft".parse::<Stage>(), Ok(Stage::Draft));
//! assert_eq!(Stage::Submit.as_str(), "submit");
//! assert_eq!(Stage::NAMES, ["draft", "submit"]);
//! let e: UnknownName = "Draft".parse::<Stage>().unwrap_err();
//! assert_eq!(e.to_string(), "unknown stage (expected one of: draft, submit)");
//! ```

use std::fmt;

/// A name that is not one of its set: which set (`what`, in English and French) and the
/// names it has. The message lists them; it never repeats the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} (expected one of: {})", Joined(names))]
pub struct UnknownName {
    /// What the set is, in English (`stage`, `actor`).
    pub what: &'static str,
    /// What the set is, in French (`étape`, `acteur`).
    pub what_fr: &'static str,
    /// Every name of the set.
    pub names: &'static [&'static str],
}

impl UnknownName {
    /// The stable code: `unknown_code`, as for any value outside its list.
    pub fn code(&self) -> crate::FindingCode {
        crate::FindingCode::UnknownCode
    }

    /// The French message (the English one is [`Display`](fmt::Display)).
    pub fn message_fr(&self) -> String {
        format!("{} inconnu(e) (attendu : {})", self.what_fr, Joined(self.names))
    }
}

/// A closed set of names declared with [`names!`]: what the faces need to take one by name
/// (a CLI's possible values, a Python `Literal`, a C enum's names).
pub trait Named: Copy + std::str::FromStr<Err = UnknownName> + 'static {
    /// Every name, in declaration order.
    const NAMES: &'static [&'static str];

    /// The stable name of this value.
    fn name(self) -> &'static str;
}

/// The names joined by `, `.
struct Joined(&'static [&'static str]);

impl fmt::Display for Joined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, name) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(name)?;
        }
        Ok(())
    }
}

/// Declares a closed set of names: an enum with `ALL`, `NAMES`, `as_str()`, `FromStr`
/// (error [`UnknownName`]), `Display` (the name) and serde as the name.
///
/// `what = ("stage", "étape")` names the set in English and French for the error message.
macro_rules! names {
    (
        $(#[$doc:meta])*
        $vis:vis enum $name:ident : $what:literal / $what_fr:literal {
            $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// Every name, in the order of [`Self::ALL`].
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The stable name.
            pub const fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::names::UnknownName;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL.iter().copied().find(|v| v.as_str() == s).ok_or($crate::names::UnknownName {
                    what: $what,
                    what_fr: $what_fr,
                    names: Self::NAMES,
                })
            }
        }

        impl $crate::names::Named for $name {
            const NAMES: &'static [&'static str] = Self::NAMES;

            fn name(self) -> &'static str {
                self.as_str()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
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
pub(crate) use names;
