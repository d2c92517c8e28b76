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

/// A date as a spreadsheet writes it (docs/domain.md §4.6), from bytes: `YYYY-MM-DD` or the
/// French `JJ/MM/AAAA`, the day and month unpadded too (`3/9/1980`, as Excel shows a date
/// typed that way), either one followed by a time of day (`01/12/2026 00:00`,
/// `2026-12-01 00:00:00`, `2026-12-01T00:00:00`: a date cell Excel or a program exported as
/// a date-time). The time must be a real one; the date is what the cell means.
///
/// ```
/// # use chrono::NaiveDate;
/// # use rppsplus_core::date::spreadsheet;
/// let d = NaiveDate::from_ymd_opt(1980, 9, 3);
/// assert_eq!(spreadsheet(b"3/9/1980"), d);
/// assert_eq!(spreadsheet(b"03/09/1980 00:00"), d);
/// assert_eq!(spreadsheet(b"1980-09-03T00:00:00"), d);
/// assert_eq!(spreadsheet(b"9/3/80"), None); // a two-digit year is not guessed
/// assert_eq!(spreadsheet(b"03/09/1980 25:00"), None);
/// ```
pub fn spreadsheet(b: &[u8]) -> Option<NaiveDate> {
    // The padded forms first: most cells.
    if let &[d0, d1, b'/', m0, m1, b'/', y0, y1, y2, y3] = b {
        return ymd([y0, y1, y2, y3], [m0, m1], [d0, d1]);
    }
    if b.len() == 10 {
        return iso(b);
    }
    // The date, then nothing or a time after one separator.
    let split = b.iter().position(|&c| c == b' ' || c == b'T').unwrap_or(b.len());
    let (date, time) = b.split_at(split);
    if let Some(time) = time.get(1..) {
        if !is_time(time) || (time.len() != 5 && time.len() != 8) || (b[split] == b'T' && date.len() != 10) {
            return None;
        }
    }
    if let Some(d) = iso(date) {
        return Some(d);
    }
    // D/M/YYYY with one or two digits for the day and the month.
    let mut parts = date.split(|&c| c == b'/');
    let (Some(d), Some(m), Some(y), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return None;
    };
    let pad = |p: &[u8]| match *p {
        [a] => Some([b'0', a]),
        [a, b] => Some([a, b]),
        _ => None,
    };
    let y: [u8; 4] = y.try_into().ok()?;
    ymd(y, pad(m)?, pad(d)?)
}

/// `HH:MM` or `HH:MM:SS`, a real time of day.
fn is_time(b: &[u8]) -> bool {
    let two =
        |p: &[u8], max: u8| matches!(*p, [a @ b'0'..=b'9', c @ b'0'..=b'9'] if (a - b'0') * 10 + (c - b'0') <= max);
    match b {
        [h0, h1, b':', m0, m1] => two(&[*h0, *h1], 23) && two(&[*m0, *m1], 59),
        [h0, h1, b':', m0, m1, b':', s0, s1] => two(&[*h0, *h1], 23) && two(&[*m0, *m1], 59) && two(&[*s0, *s1], 59),
        _ => false,
    }
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
    }

    #[test]
    fn spreadsheet_dates() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        for (text, date) in [
            ("05/05/1999", d(1999, 5, 5)),
            ("5/5/1999", d(1999, 5, 5)),
            ("1999-05-05", d(1999, 5, 5)),
            ("01/12/2026 00:00", d(2026, 12, 1)),
            ("1/12/2026 00:00:00", d(2026, 12, 1)),
            ("2026-12-01 00:00", d(2026, 12, 1)),
            ("2026-12-01T23:59:59", d(2026, 12, 1)),
            ("2026-12-01T00:00", d(2026, 12, 1)),
            ("29/02/2024", d(2024, 2, 29)),
        ] {
            assert_eq!(spreadsheet(text.as_bytes()), date, "{text}");
        }
        for bad in [
            "29/02/2023",
            "5/5/99",
            "005/5/1999",
            "5//1999",
            "5/5/1999/1",
            "5/5/1999 ",
            "5/5/1999 0:00",
            "5/5/1999 24:00",
            "5/5/1999T00:00:00",
            "2026-12-01 00:60",
            "1999-5-5",
            "",
            " 5/5/1999",
            "+5/5/1999",
        ] {
            assert_eq!(spreadsheet(bad.as_bytes()), None, "{bad}");
        }
    }

    #[test]
    fn today_is_utc() {
        let before = chrono::Utc::now().date_naive();
        let today = today();
        let after = chrono::Utc::now().date_naive();
        assert!(before <= today && today <= after);
    }
}
