//! Dates as the library reads and defaults them: one parser and one "today", used by every
//! face (the CLI's `--reference-date` and `--at`, the C options, Python's `reference_date`
//! and `at`).
//!
//! "Today" is the current date in **UTC**: a reference date never depends on the machine's
//! time zone, so the same call gives the same answer on a server in Paris and in Nouméa (at
//! 00:30 in Paris, on 1 January, UTC is still 31 December: pass the date explicitly when the
//! local day matters).
//!
//! ```
//! use rppsplus_core::date;
//!
//! let d = date::parse("2026-11-23")?;
//! assert_eq!(d.to_string(), "2026-11-23");
//! assert!(date::parse("2026-1-5").is_err());     // unpadded
//! assert!(date::parse(" 2026-01-05").is_err());  // spaces are not trimmed
//! assert!(date::parse("+2026-11-23").is_err());  // no sign
//! assert!(date::parse("2026-02-30").is_err());   // not a calendar date
//! # Ok::<(), date::DateError>(())
//! ```

use chrono::NaiveDate;

/// A text that is not a calendar date written `YYYY-MM-DD`. The message names the expected
/// form; it never repeats the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a calendar date written YYYY-MM-DD (e.g. 2026-11-23)")]
pub struct DateError;

impl DateError {
    /// The stable code, `invalid_date` (C: `RPPSPLUS_RESULT_INVALID_DATE`).
    pub fn code(&self) -> &'static str {
        "invalid_date"
    }

    /// The French message (the English one is [`Display`](std::fmt::Display)).
    pub fn message_fr(&self) -> &'static str {
        "pas une date du calendrier écrite AAAA-MM-JJ (par exemple 2026-11-23)"
    }
}

/// Today in UTC: the default reference date everywhere.
pub fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// Parses exactly `YYYY-MM-DD` (ten ASCII characters, a real calendar date): no spaces, no
/// sign, no unpadded month or day, no time.
pub fn parse(text: &str) -> Result<NaiveDate, DateError> {
    iso(text.as_bytes()).ok_or(DateError)
}

/// `YYYY-MM-DD` as a real date, from bytes.
pub(crate) fn iso(b: &[u8]) -> Option<NaiveDate> {
    let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = b else {
        return None;
    };
    ymd([y0, y1, y2, y3], [m0, m1], [d0, d1])
}

/// `JJ/MM/AAAA` (the French form spreadsheets write) as a real date, from bytes.
pub(crate) fn french(b: &[u8]) -> Option<NaiveDate> {
    let &[d0, d1, b'/', m0, m1, b'/', y0, y1, y2, y3] = b else {
        return None;
    };
    ymd([y0, y1, y2, y3], [m0, m1], [d0, d1])
}

/// The date of the given ASCII digits, if they are digits and a real date.
fn ymd(y: [u8; 4], m: [u8; 2], d: [u8; 2]) -> Option<NaiveDate> {
    let number = |digits: &[u8]| {
        digits
            .iter()
            .try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    NaiveDate::from_ymd_opt(i32::try_from(number(&y)?).ok()?, number(&m)?, number(&d)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_padded_iso_dates() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse("1999-05-05").ok(), d(1999, 5, 5));
        assert_eq!(parse("0001-01-01").ok(), d(1, 1, 1));
        assert_eq!(french(b"05/05/1999"), d(1999, 5, 5));
        for bad in [
            "1999-02-30",
            "1999-5-05",
            "1999/05/05",
            "05-05-1999",
            "1999-05-0x",
            "+999-05-05",
            "1999-05-050",
            " 1999-05-05",
            "1999-05-05 ",
            "1999-05-05T00:00",
            "",
            "１９９９-05-05",
        ] {
            assert_eq!(parse(bad), Err(DateError), "{bad}");
        }
        assert_eq!(french(b"1999-05-05"), None);
    }

    #[test]
    fn today_is_utc() {
        let before = chrono::Utc::now().date_naive();
        let today = today();
        let after = chrono::Utc::now().date_naive();
        assert!(before <= today && today <= after);
    }
}
