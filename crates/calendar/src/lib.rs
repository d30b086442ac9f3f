//! Vietnam's working-day calendar: which days a public office works, and when a dossier is due.
//!
//! The days off are a dated table committed with the crate (`data/ngay-nghi.csv`, 2020–2027):
//! every holiday of the Labour Code, the days given in place of holidays on a weekend, the yearly
//! swaps of the civil service with their make-up Saturdays, each with the law and the decision
//! behind it. A year the table does not cover is an error, never a guess. Lunar dates (Tết, Giỗ
//! Tổ) are computed by [`lunar`] and checked against the table by the tests. Working hours and the
//! same-day cut-off come from `data/gio-lam-viec.toml` or a province's own file.

pub mod day;
pub mod due;
pub mod lunar;
mod table;

pub use day::{Day, Moment, Weekday};
pub use due::{Limit, LimitUnit};
pub use table::{DayKind, Entry};

use serde::Deserialize;
use std::collections::HashMap;

/// The dated table of days off, as committed.
pub const TABLE_CSV: &str = include_str!("../data/ngay-nghi.csv");
/// The working hours of provinces, as committed.
pub const HOURS_TOML: &str = include_str!("../data/gio-lam-viec.toml");

/// Why a calendar cannot answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("the calendar covers {first}–{last}; {year} is not in it")]
    NotCovered { year: i32, first: i32, last: i32 },
    #[error("calendar table line {line}: {problem}")]
    Table { line: usize, problem: String },
    #[error("working hours: {0}")]
    Hours(String),
}

/// A span of working time in a day, in minutes from midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: u16,
    pub end: u16,
}

/// A province's working hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hours {
    pub morning: Span,
    pub afternoon: Span,
    /// Same-day procedures received at or after this minute are due the next working day.
    pub same_day_cutoff: u16,
    pub pending_days_off: bool,
    /// The province these hours are for, `None` for the default.
    pub province: Option<String>,
}

impl Hours {
    /// Working minutes in a day.
    pub fn minutes_per_day(&self) -> u32 {
        u32::from(self.morning.end - self.morning.start)
            + u32::from(self.afternoon.end - self.afternoon.start)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct HoursFile {
    default: Option<HoursSection>,
    #[serde(default)]
    province: HashMap<String, HoursSection>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct HoursSection {
    morning: Option<String>,
    afternoon: Option<String>,
    same_day_cutoff: Option<String>,
    pending_days_off: Option<bool>,
    #[allow(dead_code)]
    decision: Option<String>,
}

fn clock(s: &str) -> Result<u16, CalendarError> {
    let bad = || CalendarError::Hours(format!("\"{s}\" is not a time of day (HH:MM)"));
    let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
    let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

fn span(s: &str) -> Result<Span, CalendarError> {
    let (a, b) = s.split_once('-').ok_or_else(|| {
        CalendarError::Hours(format!("\"{s}\" is not a span of hours (HH:MM-HH:MM)"))
    })?;
    let (start, end) = (clock(a)?, clock(b)?);
    if start >= end {
        return Err(CalendarError::Hours(format!(
            "\"{s}\" ends before it starts"
        )));
    }
    Ok(Span { start, end })
}

impl Hours {
    /// The hours of `province` (its section over the default) from a TOML text shaped like
    /// `data/gio-lam-viec.toml`; the built-in default fills what the text leaves out.
    pub fn from_toml(text: &str, province: Option<&str>) -> Result<Hours, CalendarError> {
        let builtin: HoursFile =
            toml::from_str(HOURS_TOML).map_err(|e| CalendarError::Hours(e.to_string()))?;
        let file: HoursFile =
            toml::from_str(text).map_err(|e| CalendarError::Hours(e.to_string()))?;
        let mut merged = builtin.default.unwrap_or_default();
        let layers = [
            file.default.clone(),
            province.and_then(|p| {
                file.province
                    .iter()
                    .find(|(k, _)| k.to_lowercase() == p.to_lowercase())
                    .map(|(_, v)| v.clone())
            }),
        ];
        for layer in layers.into_iter().flatten() {
            merged.morning = layer.morning.or(merged.morning);
            merged.afternoon = layer.afternoon.or(merged.afternoon);
            merged.same_day_cutoff = layer.same_day_cutoff.or(merged.same_day_cutoff);
            merged.pending_days_off = layer.pending_days_off.or(merged.pending_days_off);
        }
        let need = |v: Option<String>, key: &str| {
            v.ok_or_else(|| CalendarError::Hours(format!("`{key}` is missing")))
        };
        let morning = span(&need(merged.morning, "morning")?)?;
        let afternoon = span(&need(merged.afternoon, "afternoon")?)?;
        if afternoon.start < morning.end {
            return Err(CalendarError::Hours(
                "the afternoon starts before the morning ends".into(),
            ));
        }
        Ok(Hours {
            morning,
            afternoon,
            same_day_cutoff: clock(&need(merged.same_day_cutoff, "same_day_cutoff")?)?,
            pending_days_off: merged.pending_days_off.unwrap_or(true),
            province: province.map(str::to_owned),
        })
    }
}

impl Default for Hours {
    fn default() -> Hours {
        Hours::from_toml("", None).expect("the built-in hours parse")
    }
}

/// The calendar in use: the table of days off and a province's hours.
#[derive(Debug, Clone)]
pub struct Calendar {
    entries: Vec<Entry>,
    /// Day number → index into `entries`.
    by_day: HashMap<Day, usize>,
    first_year: i32,
    last_year: i32,
    /// 1 January of the first year.
    base: Day,
    /// Per day from `base`: working days up to and including it.
    cumulative: Vec<u32>,
    /// The working days of the covered years, in order.
    working: Vec<Day>,
    pub hours: Hours,
}

impl Calendar {
    /// The committed table with the default hours.
    pub fn vietnam() -> Calendar {
        Calendar::with_hours(Hours::default()).expect("the committed calendar table parses")
    }

    /// The committed table with a province's hours.
    pub fn with_hours(hours: Hours) -> Result<Calendar, CalendarError> {
        Calendar::from_table(TABLE_CSV, hours)
    }

    /// A table shaped like `data/ngay-nghi.csv` with a province's hours.
    pub fn from_table(csv: &str, hours: Hours) -> Result<Calendar, CalendarError> {
        let entries = table::parse(csv)?;
        let first_year = entries.iter().map(|e| e.date.year()).min().unwrap_or(0);
        let last_year = entries.iter().map(|e| e.date.year()).max().unwrap_or(0);
        let by_day: HashMap<Day, usize> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.date, i))
            .collect();
        let base = Day::from_ymd(first_year, 1, 1).ok_or_else(|| CalendarError::Table {
            line: 0,
            problem: "no dates".into(),
        })?;
        let end = Day::from_ymd(last_year, 12, 31).unwrap_or(base);
        let mut cumulative = Vec::with_capacity((end.0 - base.0 + 1) as usize);
        let mut working = Vec::new();
        for n in base.0..=end.0 {
            let day = Day(n);
            let works = match by_day.get(&day).map(|&i| entries[i].kind) {
                Some(DayKind::Makeup) => true,
                Some(DayKind::Pending) => !hours.pending_days_off && !day.is_weekend(),
                Some(_) => false,
                None => !day.is_weekend(),
            };
            if works {
                working.push(day);
            }
            cumulative.push(working.len() as u32);
        }
        Ok(Calendar {
            entries,
            by_day,
            first_year,
            last_year,
            base,
            cumulative,
            working,
            hours,
        })
    }

    /// The years the table covers.
    pub fn years(&self) -> (i32, i32) {
        (self.first_year, self.last_year)
    }

    /// The table's entries, in date order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, day: Day) -> Option<&Entry> {
        self.by_day.get(&day).map(|&i| &self.entries[i])
    }

    fn not_covered(&self, year: i32) -> CalendarError {
        CalendarError::NotCovered {
            year,
            first: self.first_year,
            last: self.last_year,
        }
    }

    /// Working days up to and including `day`.
    fn rank(&self, day: Day) -> Result<u32, CalendarError> {
        let i = day.0 - self.base.0;
        if i < 0 || i as usize >= self.cumulative.len() {
            return Err(self.not_covered(day.year()));
        }
        Ok(self.cumulative[i as usize])
    }

    /// Whether public offices work on `day`.
    pub fn is_working_day(&self, day: Day) -> Result<bool, CalendarError> {
        let rank = self.rank(day)?;
        let before = if day == self.base {
            0
        } else {
            self.rank(day.plus(-1))?
        };
        Ok(rank > before)
    }

    /// The `n`-th working day after `day` (the day itself not counted); `day` for n = 0.
    pub fn add_working_days(&self, day: Day, n: u32) -> Result<Day, CalendarError> {
        if n == 0 {
            self.rank(day)?;
            return Ok(day);
        }
        let at = self.rank(day)? + n - 1;
        self.working
            .get(at as usize)
            .copied()
            .ok_or_else(|| self.not_covered(self.last_year + 1))
    }

    /// The first working day after `day`.
    pub fn next_working_day(&self, day: Day) -> Result<Day, CalendarError> {
        self.add_working_days(day, 1)
    }

    /// `day` when it is a working day, else the next one.
    pub fn this_or_next_working_day(&self, day: Day) -> Result<Day, CalendarError> {
        if self.is_working_day(day)? {
            Ok(day)
        } else {
            self.next_working_day(day)
        }
    }

    /// Working days in (from, to]; negative when `to` is before `from`.
    pub fn working_days_between(&self, from: Day, to: Day) -> Result<i32, CalendarError> {
        Ok(self.rank(to)? as i32 - self.rank(from)? as i32)
    }
}

#[cfg(test)]
mod tests;
