//! The table model: code systems (TRE), value sets (JDV), codes and their validity.

use chrono::NaiveDate;

/// A calendar date as the generated tables store it (`yyyymmdd`), convertible to chrono.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date(u32);

impl Date {
    pub(crate) const fn ymd(y: u32, m: u32, d: u32) -> Self {
        Self(y * 10_000 + m * 100 + d)
    }

    fn naive(self) -> NaiveDate {
        NaiveDate::from_ymd_opt((self.0 / 10_000) as i32, self.0 / 100 % 100, self.0 % 100).unwrap_or_default()
    }
}

impl From<NaiveDate> for Date {
    /// The same day (dates before year 0 all come before every date of the tables).
    fn from(d: NaiveDate) -> Self {
        use chrono::Datelike;
        Self::ymd(u32::try_from(d.year()).unwrap_or(0), d.month(), d.day())
    }
}

/// The publication status of a code. Codes are deprecated, never deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// In force.
    Active,
    /// Ended: see [`Code::date_fin`] and [`Code::replaced_by`].
    Deprecated,
}

impl Status {
    /// `active` or `deprecated`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::Deprecated => "deprecated",
        }
    }
}

/// One code of a code system, with its labels and validity.
///
/// ```
/// use rppsplus_core::nomenclature;
/// let r85 = nomenclature::table("profession")?;
/// let code = r85.get("318").unwrap();
/// assert_eq!(code.label(), "Auxiliaire de vie sociale");
/// assert_eq!(code.replaced_by(), ["328"]);
/// assert_eq!(code.date_fin().map(|d| d.to_string()), Some("2025-12-22".into()));
/// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    pub(crate) code: &'static str,
    pub(crate) label: &'static str,
    pub(crate) short: Option<&'static str>,
    pub(crate) status: Status,
    pub(crate) date_valid: Option<Date>,
    pub(crate) date_fin: Option<Date>,
    pub(crate) replaced_by: &'static [&'static str],
}

impl Code {
    /// The code (`326`, `GENR08`, `MME`).
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The label.
    pub fn label(&self) -> &'static str {
        self.label
    }

    /// The short label, where the source gives one.
    pub fn short_label(&self) -> Option<&'static str> {
        self.short
    }

    /// The status in the current version of the table.
    pub fn status(&self) -> Status {
        self.status
    }

    /// The date the code came into force, where the source gives one.
    pub fn date_valid(&self) -> Option<NaiveDate> {
        self.date_valid.map(Date::naive)
    }

    /// The date the code ended, where it has.
    pub fn date_fin(&self) -> Option<NaiveDate> {
        self.date_fin.map(Date::naive)
    }

    /// The codes to use instead of this ended one, where the source names them.
    pub fn replaced_by(&self) -> &'static [&'static str] {
        self.replaced_by
    }

    /// Whether the code has ended on `at`: its `date_fin` is on or before `at`, or it is
    /// deprecated with no date.
    pub fn is_ended_at(&self, at: NaiveDate) -> bool {
        self.ended_on(at.into())
    }

    /// Whether the code is in force on `at` (started and not ended).
    pub fn is_valid_at(&self, at: NaiveDate) -> bool {
        self.valid_on(at.into())
    }

    /// [`Code::is_ended_at`] with the date as the tables store it.
    pub(crate) fn ended_on(&self, at: Date) -> bool {
        match self.date_fin {
            Some(fin) => fin <= at,
            None => self.status == Status::Deprecated,
        }
    }

    /// [`Code::is_valid_at`] with the date as the tables store it.
    pub(crate) fn valid_on(&self, at: Date) -> bool {
        !self.ended_on(at) && self.date_valid.is_none_or(|from| from <= at)
    }
}

/// A code system (a TRE table of the ANS NOS, or the INSEE country list).
#[derive(Debug)]
pub struct Table {
    pub(crate) name: &'static str,
    pub(crate) oid: &'static str,
    pub(crate) url: &'static str,
    pub(crate) version: &'static str,
    pub(crate) description: &'static str,
    pub(crate) partial: bool,
    pub(crate) codes: &'static [Code],
}

impl Table {
    /// The NOS name (`TRE_R85-RolePriseCharge`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The OID.
    pub fn oid(&self) -> &'static str {
        self.oid
    }

    /// The canonical URL.
    pub fn url(&self) -> &'static str {
        self.url
    }

    /// The version (`yyyymmddhhmmss` for NOS tables).
    pub fn version(&self) -> &'static str {
        self.version
    }

    /// What the table holds.
    pub fn description(&self) -> &'static str {
        self.description
    }

    /// Whether only part of the source table is embedded (TRE_R02: the codes of JDV_J126).
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// Every code, ended ones included, in the source's order.
    pub fn codes(&self) -> &'static [Code] {
        self.codes
    }
}

/// A value set (JDV): the subset of a code system that a field of the portal offers.
#[derive(Debug)]
pub struct ValueSet {
    pub(crate) name: &'static str,
    pub(crate) oid: &'static str,
    pub(crate) url: &'static str,
    pub(crate) version: &'static str,
    pub(crate) system: &'static str,
    pub(crate) codes: &'static [&'static str],
}

impl ValueSet {
    /// The NOS name (`JDV_J121-RolePriseCharge-ENREG`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The OID.
    pub fn oid(&self) -> &'static str {
        self.oid
    }

    /// The canonical URL.
    pub fn url(&self) -> &'static str {
        self.url
    }

    /// The version.
    pub fn version(&self) -> &'static str {
        self.version
    }

    /// The name of the code system the codes come from.
    pub fn system_name(&self) -> &'static str {
        self.system
    }

    /// The codes of the set.
    pub fn codes(&self) -> &'static [&'static str] {
        self.codes
    }
}
