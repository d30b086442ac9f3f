//! Date-times as the store keeps them: a Parquet timestamp (milliseconds of local wall-clock time
//! from 1970-01-01 00:00, no time zone: Vietnam's offices write local time) and the precision the
//! source wrote it to — a date alone, to the minute, or to the second. Two stamps are the same
//! moment only when both are written to the same precision and agree to it: `11:28` is not
//! `11:28:00` by accident, and `11:28:40` is not `11:28`.
//!
//! A table with date-times stores the precision of each of its date columns in one column,
//! [`crate::columns::DATE_PRECISION`]: two bits per date column, in the order of the table's list
//! of date columns ([`crate::columns::DOSSIER_DATES`] for dossier logs), `0` where the cell is
//! empty (see [`Precision::code`]). A date alone is stored at midnight with the precision
//! [`Precision::Day`].

use cchc_calendar::day::{Day, days_in_month};

/// How finely a source wrote a date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// A date without a time of day (`07/02/2025`).
    Day,
    /// Hours and minutes (`07/02/2025 11:28`).
    Minute,
    /// Hours, minutes and seconds (`07/02/2025 11:28:40`), or an Excel date-time serial.
    Second,
}

impl Precision {
    /// The two-bit code of [`crate::columns::DATE_PRECISION`]: 1 day, 2 minute, 3 second.
    pub fn code(self) -> u16 {
        match self {
            Precision::Day => 1,
            Precision::Minute => 2,
            Precision::Second => 3,
        }
    }

    fn from_code(code: u16) -> Option<Precision> {
        match code {
            1 => Some(Precision::Day),
            2 => Some(Precision::Minute),
            3 => Some(Precision::Second),
            _ => None,
        }
    }
}

/// A date-time as stored: local milliseconds and the precision written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp {
    /// Milliseconds from 1970-01-01 00:00 local time.
    pub millis: i64,
    pub precision: Precision,
}

const MS_PER_DAY: i64 = 86_400_000;

impl Stamp {
    /// A stamp from a civil date and, when written, seconds from midnight; `None` for a date that
    /// does not exist or a time past the day.
    pub fn new(y: i32, m: u32, d: u32, time: Option<(u32, Precision)>) -> Option<Stamp> {
        if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
            return None;
        }
        let day = i64::from(Day::from_ymd(y, m, d)?.0);
        let (secs, precision) = match time {
            None => (0, Precision::Day),
            Some((s, _)) if s >= 86_400 => return None,
            Some((s, p)) => (s, p),
        };
        Some(Stamp {
            millis: day * MS_PER_DAY + i64::from(secs) * 1000,
            precision,
        })
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        self.day().year()
    }

    /// The calendar day.
    pub fn day(self) -> Day {
        Day(self.days() as i32)
    }

    /// Days from 1970-01-01.
    pub fn days(self) -> i64 {
        self.millis.div_euclid(MS_PER_DAY)
    }

    /// Seconds from midnight.
    pub fn seconds_of_day(self) -> u32 {
        (self.millis.rem_euclid(MS_PER_DAY) / 1000) as u32
    }

    /// Minutes from midnight (seconds dropped).
    pub fn minute_of_day(self) -> u16 {
        (self.seconds_of_day() / 60) as u16
    }

    /// The date and time as written: `yyyy-mm-dd`, `yyyy-mm-dd HH:MM` or `yyyy-mm-dd HH:MM:SS`.
    pub fn iso(self) -> String {
        let (y, m, d) = self.day().ymd();
        let s = self.seconds_of_day();
        match self.precision {
            Precision::Day => format!("{y:04}-{m:02}-{d:02}"),
            Precision::Minute => format!("{y:04}-{m:02}-{d:02} {:02}:{:02}", s / 3600, s / 60 % 60),
            Precision::Second => format!(
                "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
                s / 3600,
                s / 60 % 60,
                s % 60
            ),
        }
    }

    /// A date-time in the text form stores written before date-times were timestamps
    /// (`yyyy-mm-dd` or `yyyy-mm-dd HH:MM`).
    pub fn parse_stored_text(s: &str) -> Option<Stamp> {
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
        if s.len() != 10 && s.len() != 16 {
            return None;
        }
        let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let time = if s.len() == 16 {
            let (h, mi) = (num(11..13)?, num(14..16)?);
            if h > 23 || mi > 59 {
                return None;
            }
            Some((h * 3600 + mi * 60, Precision::Minute))
        } else {
            None
        };
        Stamp::new(y as i32, m, d, time)
    }
}

/// The precisions of a row's date columns packed into the [`crate::columns::DATE_PRECISION`]
/// value: two bits per column, column `k` at bits `2k..2k+2`.
pub fn pack(precisions: impl IntoIterator<Item = Option<Precision>>) -> u16 {
    precisions
        .into_iter()
        .take(8)
        .enumerate()
        .fold(0, |bits, (k, p)| {
            bits | (p.map_or(0, Precision::code) << (2 * k))
        })
}

/// The precision of date column `k` in a packed value.
pub fn unpack(bits: u16, k: usize) -> Option<Precision> {
    Precision::from_code((bits >> (2 * k)) & 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_keep_what_was_written_and_no_more() {
        let s = Stamp::new(
            2025,
            2,
            7,
            Some((11 * 3600 + 28 * 60 + 40, Precision::Second)),
        )
        .expect("valid");
        assert_eq!(s.iso(), "2025-02-07 11:28:40");
        assert_eq!(s.day(), Day::from_ymd(2025, 2, 7).expect("a date"));
        assert_eq!(s.day().ymd(), (2025, 2, 7));
        let minute =
            Stamp::new(2025, 2, 7, Some((11 * 3600 + 28 * 60, Precision::Minute))).expect("valid");
        assert_eq!(minute.iso(), "2025-02-07 11:28");
        let zero =
            Stamp::new(2025, 2, 7, Some((11 * 3600 + 28 * 60, Precision::Second))).expect("valid");
        assert_eq!(zero.iso(), "2025-02-07 11:28:00");
        // Same instant, different precision: not the same stamp.
        assert_eq!(minute.millis, zero.millis);
        assert_ne!(minute, zero);
        assert_eq!(Stamp::new(2024, 2, 30, None), None);
        assert_eq!(
            Stamp::new(2024, 2, 29, None).map(Stamp::iso).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            Stamp::new(2024, 1, 1, Some((86_400, Precision::Second))),
            None
        );
        for (text, back) in [
            ("2024-03-05 14:30", "2024-03-05 14:30"),
            ("2024-03-05", "2024-03-05"),
        ] {
            assert_eq!(
                Stamp::parse_stored_text(text).map(Stamp::iso).as_deref(),
                Some(back)
            );
        }
        assert_eq!(Stamp::parse_stored_text("2024-13-05"), None);
    }

    #[test]
    fn precisions_pack_two_bits_per_column() {
        let p = [
            Some(Precision::Second),
            None,
            Some(Precision::Day),
            Some(Precision::Minute),
        ];
        let bits = pack(p);
        assert_eq!(bits, 0b10_01_00_11);
        for (k, want) in p.iter().enumerate() {
            assert_eq!(unpack(bits, k), *want);
        }
        assert_eq!(unpack(bits, 7), None);
    }
}
