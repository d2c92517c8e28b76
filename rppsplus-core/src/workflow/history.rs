//! The history of a demande (docs/domain.md §5.4) and the clock that dates it.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use super::{Event, Status, WorkflowError};
use crate::demande::Actor;
use crate::ids::Rpps;

/// One applied event: what, who, the statut before and after (`None` before creation and
/// after `annuler`), when (UTC), the motif given, and the RPPS number assigned by `accepter`
/// of a primo enregistrement.
///
/// ```
/// use rppsplus_core::workflow::Entry;
/// let json = r#"{"event":"valider","actor":"gestionnaire","from":"en_cours_enregistrement","to":"envoyee_rpps","at":"2026-11-23T09:30:00Z"}"#;
/// let entry: Entry = serde_json::from_str(json)?;
/// assert_eq!(serde_json::to_string(&entry)?, json);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The event.
    pub event: Event,
    /// Who sent it.
    pub actor: Actor,
    /// The statut before (`None`: the event created the demande).
    pub from: Option<Status>,
    /// The statut after (`None`: the demande was discarded).
    pub to: Option<Status>,
    /// When it was applied (UTC), written as RFC 3339 with the fraction of a second it has.
    #[serde(with = "timestamp")]
    pub at: DateTime<Utc>,
    /// The motif given with the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motif: Option<String>,
    /// The RPPS number assigned (`accepter` of a primo enregistrement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rpps: Option<Rpps>,
}

/// Where the time of an event comes from. The system clock by default; tests and replays
/// inject their own so that histories are deterministic.
///
/// ```
/// use chrono::{DateTime, TimeZone, Utc};
/// use rppsplus_core::workflow::Clock;
///
/// struct Fixed(DateTime<Utc>);
/// impl Clock for Fixed {
///     fn now(&self) -> DateTime<Utc> { self.0 }
/// }
/// let clock = Fixed(Utc.with_ymd_and_hms(2026, 11, 23, 9, 30, 0).unwrap());
/// assert_eq!(clock.now().to_rfc3339(), "2026-11-23T09:30:00+00:00");
/// ```
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> DateTime<Utc>;
}

/// The operating system's clock, in UTC.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Parses an RFC 3339 timestamp (`2026-11-23T09:30:00Z`, `2026-11-23T10:30:00+01:00`) into
/// UTC.
///
/// ```
/// use rppsplus_core::workflow::parse_timestamp;
/// assert_eq!(parse_timestamp("2026-11-23T10:30:00+01:00")?.to_rfc3339(), "2026-11-23T09:30:00+00:00");
/// assert_eq!(parse_timestamp("2026-11-23").unwrap_err().code().as_str(), "invalid_timestamp");
/// # Ok::<(), rppsplus_core::workflow::WorkflowError>(())
/// ```
pub fn parse_timestamp(text: &str) -> Result<DateTime<Utc>, WorkflowError> {
    timestamp::parse(text).ok_or(WorkflowError::InvalidTimestamp)
}

/// Timestamps as history and journals write them: RFC 3339 in UTC, `Z`, with the fraction
/// of a second the time has (none, milli-, micro- or nanoseconds).
pub(crate) mod timestamp {
    use super::*;

    /// The text of `at`.
    pub(crate) fn format(at: &DateTime<Utc>) -> String {
        at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }

    /// `text` as a UTC time, if it is RFC 3339.
    pub(crate) fn parse(text: &str) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
    }

    pub(crate) fn serialize<S: serde::Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format(at))
    }

    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse(&text).ok_or_else(|| serde::de::Error::custom(WorkflowError::InvalidTimestamp))
    }
}
