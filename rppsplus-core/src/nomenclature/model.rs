//! The table model (docs/domain.md §3): code systems (TRE), value sets (JDV) and their
//! versions over time, codes and their validity, and the portal's fields.

use chrono::NaiveDate;

/// A calendar date as the generated tables store it (`yyyymmdd`), convertible to chrono.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date(u32);

impl Date {
    pub(crate) const fn ymd(y: u32, m: u32, d: u32) -> Self {
        Self(y * 10_000 + m * 100 + d)
    }

    pub(crate) fn naive(self) -> NaiveDate {
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

/// What a code system and a value set both carry: NOS name, OID, canonical URL, the
/// embedded version and its date, and a description.
///
/// ```
/// use rppsplus_core::nomenclature::{table, value_set};
/// let j121 = value_set("JDV_J121")?.meta();
/// assert_eq!((j121.short_name(), j121.oid()), ("JDV_J121", "1.2.250.1.213.1.6.1.200"));
/// assert_eq!(j121.version(), "20260505120000");
/// assert_eq!(j121.version_date().to_string(), "2026-05-05");
/// assert_eq!(table("profession")?.meta().name(), "TRE_R85-RolePriseCharge");
/// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
pub struct Meta {
    pub(crate) name: &'static str,
    pub(crate) oid: &'static str,
    pub(crate) url: &'static str,
    pub(crate) version: &'static str,
    pub(crate) date: Date,
    pub(crate) description: &'static str,
}

impl Meta {
    /// The NOS name (`TRE_R85-RolePriseCharge`, `JDV_J121-RolePriseCharge-ENREG`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The NOS code, the name up to its first `-` (`TRE_R85`, `JDV_J121`).
    pub fn short_name(&self) -> &'static str {
        self.name.split('-').next().unwrap_or(self.name)
    }

    /// The OID.
    pub fn oid(&self) -> &'static str {
        self.oid
    }

    /// The canonical URL.
    pub fn url(&self) -> &'static str {
        self.url
    }

    /// The embedded version (`yyyymmddhhmmss`): the latest one known.
    pub fn version(&self) -> &'static str {
        self.version
    }

    /// The date of the embedded version (the date of its id).
    pub fn version_date(&self) -> NaiveDate {
        self.date.naive()
    }

    /// What the table or value set holds.
    pub fn description(&self) -> &'static str {
        self.description
    }

    /// Whether `name` designates this: the full NOS name or its code, any case.
    pub(crate) fn is_named(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name) || self.short_name().eq_ignore_ascii_case(name)
    }
}

/// Which version of a table or value set was in force at a date, as far as the embedded
/// data know ([`Table::version_at`], [`ValueSet::version_at`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionAt {
    /// The NOS name of the table or value set.
    pub name: &'static str,
    /// The version id (`20250425120000`).
    pub version: &'static str,
    /// The version's date, from which it is in force.
    pub date: NaiveDate,
    /// True when the date asked is before every version known: the earliest known
    /// version stands in for the one then in force, which the sources do not give.
    pub earliest_stands_in: bool,
}

/// A code system (a TRE table of the ANS NOS, or the INSEE country list).
///
/// Only one version of each table is embedded (its codes carry their own validity
/// dates); [`Table::version_at`] says so.
#[derive(Debug)]
pub struct Table {
    pub(crate) meta: Meta,
    pub(crate) partial: bool,
    pub(crate) codes: &'static [Code],
}

impl Table {
    /// Name, OID, URL, version and description.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// Whether only part of the source table is embedded (TRE_R02: the codes of JDV_J126).
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// Every code, ended ones included, in the source's order.
    pub fn codes(&self) -> &'static [Code] {
        self.codes
    }

    /// The codes in force on `at` (started and not ended), in the source's order.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let civilite = rppsplus_core::nomenclature::table("TRE_R81")?;
    /// let at = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
    /// let codes = |y| civilite.in_force_at(at(y)).map(|c| c.code()).collect::<Vec<_>>();
    /// assert_eq!(codes(2010), ["M", "MLLE", "MME"]);
    /// assert_eq!(codes(2026), ["M", "MME"]);
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    pub fn in_force_at(&self, at: NaiveDate) -> impl Iterator<Item = &'static Code> + use<> {
        let at = Date::from(at);
        self.codes.iter().filter(move |c| c.valid_on(at))
    }

    /// The version in force on `at`. Only the embedded version of a table is known (no
    /// history of tables is embedded): it is returned for every date, with
    /// `earliest_stands_in` set when `at` is before its date.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let r85 = rppsplus_core::nomenclature::table("TRE_R85")?;
    /// let v = r85.version_at(NaiveDate::from_ymd_opt(2022, 9, 5).unwrap());
    /// assert_eq!((v.version, v.earliest_stands_in), ("20260505120000", true));
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    pub fn version_at(&self, at: NaiveDate) -> VersionAt {
        VersionAt {
            name: self.meta.name,
            version: self.meta.version,
            date: self.meta.date.naive(),
            earliest_stands_in: Date::from(at) < self.meta.date,
        }
    }
}

/// One version of a value set: its id, its date and its members.
#[derive(Debug, PartialEq, Eq)]
pub struct SetVersion {
    pub(crate) version: &'static str,
    pub(crate) date: Date,
    pub(crate) codes: &'static [&'static Code],
}

impl SetVersion {
    /// The version id (`20250425120000`).
    pub fn version(&self) -> &'static str {
        self.version
    }

    /// The version's date, from which it is in force (the date of its id).
    pub fn date(&self) -> NaiveDate {
        self.date.naive()
    }

    /// The members, in the source's order.
    pub fn codes(&self) -> &'static [&'static Code] {
        self.codes
    }

    /// Whether `code` is a member of this version.
    pub fn contains(&self, code: &str) -> bool {
        self.codes.iter().any(|c| c.code == code)
    }
}

/// A value set (JDV): the codes of a code system that a field of the portal offers, with
/// every version of it the sources give (JDV_J121, J116, J117 and J113 carry their
/// history; the others one version).
///
/// At a date D the set offers the members of its latest version dated on or before D;
/// before its earliest known version, that earliest version stands in.
#[derive(Debug)]
pub struct ValueSet {
    pub(crate) meta: Meta,
    pub(crate) system: &'static Table,
    /// The versions before `latest`, oldest first.
    pub(crate) earlier: &'static [SetVersion],
    pub(crate) latest: SetVersion,
    /// Members taken from another code system (JDV_J256's `01` "Non renseigné").
    pub(crate) outside: &'static [Code],
    /// The set's own display labels, where they differ from the code system's label.
    pub(crate) displays: &'static [(&'static Code, &'static str)],
}

impl ValueSet {
    /// Name, OID, URL, version (the latest known) and description.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// The code system of the set.
    pub fn system(&self) -> &'static Table {
        self.system
    }

    /// Every version known, oldest first (the last is [`ValueSet::latest`]).
    pub fn versions(&self) -> impl Iterator<Item = &SetVersion> {
        self.earlier.iter().chain(std::iter::once(&self.latest))
    }

    /// The latest version known (the embedded one).
    pub fn latest(&self) -> &SetVersion {
        &self.latest
    }

    /// The position in [`ValueSet::versions`] of the version in force on `at`.
    pub(crate) fn index_on(&self, at: Date) -> usize {
        if self.latest.date <= at {
            return self.earlier.len();
        }
        self.earlier.iter().rposition(|v| v.date <= at).unwrap_or(0)
    }

    /// The version in force on `at`: the latest dated on or before `at`, or the earliest
    /// known when `at` is before every version known.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let j121 = rppsplus_core::nomenclature::value_set("JDV_J121")?;
    /// let v = j121.members_at(NaiveDate::from_ymd_opt(2025, 4, 24).unwrap());
    /// assert_eq!(v.version(), "20241025120000");
    /// assert!(v.contains("369") && !v.contains("371"));
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    pub fn members_at(&self, at: NaiveDate) -> &SetVersion {
        self.earlier.get(self.index_on(at.into())).unwrap_or(&self.latest)
    }

    /// Which version was in force on `at` ([`ValueSet::members_at`]), and whether the
    /// earliest version known stands in for it.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let j117 = rppsplus_core::nomenclature::value_set("mode-exercice")?;
    /// let v = j117.version_at(NaiveDate::from_ymd_opt(2026, 2, 2).unwrap());
    /// assert_eq!((v.version, v.earliest_stands_in), ("20260202120000", false));
    /// let v = j117.version_at(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
    /// assert_eq!((v.version, v.earliest_stands_in), ("20210827120000", true));
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    pub fn version_at(&self, at: NaiveDate) -> VersionAt {
        let v = self.members_at(at);
        VersionAt {
            name: self.meta.name,
            version: v.version,
            date: v.date.naive(),
            earliest_stands_in: Date::from(at) < v.date,
        }
    }

    /// The codes the set offers on `at`, in the source's order: the members of the version
    /// then in force that are in force themselves (a code ended in its code system is
    /// `code_deprecated` even while a version still lists it).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// let j117 = rppsplus_core::nomenclature::value_set("mode-exercice")?;
    /// let at = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    /// let codes = |at| j117.offered_at(at).map(|c| c.code()).collect::<Vec<_>>();
    /// assert_eq!(codes(at(2, 1)), ["S", "L", "B"]);
    /// assert_eq!(codes(at(2, 2)), ["S", "L", "B", "I"]);
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    pub fn offered_at(&self, at: NaiveDate) -> impl Iterator<Item = &'static Code> + use<> {
        let on = Date::from(at);
        let codes = self.members_at(at).codes;
        codes.iter().copied().filter(move |c| c.valid_on(on))
    }

    /// The codes the set takes from another code system than [`ValueSet::system`]
    /// (JDV_J256-Pays: `01` "Non renseigné", from TRE_R302-ContexteCodeComplementaire).
    pub fn outside_codes(&self) -> &'static [Code] {
        self.outside
    }

    /// The set's display label for `code` where it differs from the code system's label
    /// (JDV_J256: `France` for 99100, "République française" in TRE_R20).
    ///
    /// ```
    /// let pays = rppsplus_core::nomenclature::value_set("pays")?;
    /// let france = pays.get("99100").unwrap();
    /// assert_eq!((france.label(), pays.display(france)), ("République française", Some("France")));
    /// # Ok::<(), rppsplus_core::nomenclature::NomenclatureError>(())
    /// ```
    pub fn display(&self, code: &Code) -> Option<&'static str> {
        self.displays
            .iter()
            .find(|(c, _)| std::ptr::eq(*c, code))
            .map(|(_, display)| *display)
    }
}

/// What a field accepts: a value set, or a whole table when the portal offers all of it.
#[derive(Debug, Clone, Copy)]
pub enum Field {
    /// The codes of a value set (`profession` → JDV_J121).
    ValueSet(&'static ValueSet),
    /// Every code of a table (`sexe`, `categorie`, `motif-fin`, or a NOS table name).
    Table(&'static Table),
}

/// A portal field's name (`profession`) and what it accepts.
#[derive(Debug)]
pub(crate) struct Alias {
    pub(crate) name: &'static str,
    pub(crate) field: Field,
}
