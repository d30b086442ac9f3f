//! Legal time limits and the due dates they give on the calendar.
//!
//! - working days: the `n`-th working day after the day of receipt (the day of receipt is not
//!   counted); a fraction of a day is counted in working hours from the time of receipt;
//! - working hours: counted inside the working hours from the time of receipt;
//! - calendar days (Civil Code 2015 Art. 147–148): the first day is not counted, and a term that
//!   ends on a day off ends on the next working day;
//! - same day: due the day of receipt, or the next working day when received at or after the
//!   province's cut-off (15:00 by default) or on a day off.

use crate::day::{Day, Moment};
use crate::{Calendar, CalendarError};
use serde::Serialize;

/// The unit a legal time limit is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitUnit {
    WorkingDays,
    CalendarDays,
    WorkingHours,
    SameDay,
}

impl LimitUnit {
    /// The code stored in the registry's `legal_unit` column.
    pub fn code(self) -> &'static str {
        match self {
            LimitUnit::WorkingDays => "working_days",
            LimitUnit::CalendarDays => "calendar_days",
            LimitUnit::WorkingHours => "working_hours",
            LimitUnit::SameDay => "same_day",
        }
    }

    pub fn from_code(s: &str) -> Option<LimitUnit> {
        [
            LimitUnit::WorkingDays,
            LimitUnit::CalendarDays,
            LimitUnit::WorkingHours,
            LimitUnit::SameDay,
        ]
        .into_iter()
        .find(|u| u.code() == s)
    }
}

/// A legal time limit: an amount in its unit (`SameDay` carries 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Limit {
    pub amount: f64,
    pub unit: LimitUnit,
}

impl Limit {
    pub fn new(amount: f64, unit: LimitUnit) -> Limit {
        Limit { amount, unit }
    }

    /// The limit in working days, for comparing with processing times counted in working days:
    /// calendar days × 5/7, hours ÷ the working day's hours, same day = 1 (the day of receipt).
    pub fn working_days(self, hours_per_day: f64) -> f64 {
        match self.unit {
            LimitUnit::WorkingDays => self.amount,
            LimitUnit::CalendarDays => self.amount * 5.0 / 7.0,
            LimitUnit::WorkingHours => self.amount / hours_per_day,
            LimitUnit::SameDay => 1.0,
        }
    }
}

impl Calendar {
    /// The day a dossier received at `receipt` is due under `limit`.
    pub fn due(&self, receipt: Moment, limit: Limit) -> Result<Day, CalendarError> {
        let amount = limit.amount.max(0.0);
        match limit.unit {
            LimitUnit::SameDay => {
                if self.is_working_day(receipt.day)? && receipt.minute < self.hours.same_day_cutoff
                {
                    Ok(receipt.day)
                } else {
                    self.next_working_day(receipt.day)
                }
            }
            LimitUnit::WorkingDays if amount.fract() == 0.0 => {
                self.add_working_days(receipt.day, amount as u32)
            }
            LimitUnit::WorkingDays => {
                let minutes = amount * f64::from(self.hours.minutes_per_day());
                self.add_working_minutes(receipt, minutes.round() as u32)
            }
            LimitUnit::WorkingHours => {
                self.add_working_minutes(receipt, (amount * 60.0).round() as u32)
            }
            LimitUnit::CalendarDays => {
                let end = receipt.day.plus(amount.ceil() as i32);
                self.this_or_next_working_day(end)
            }
        }
    }

    /// The day on which `minutes` of working time, counted from `from`, run out.
    pub fn add_working_minutes(&self, from: Moment, minutes: u32) -> Result<Day, CalendarError> {
        let mut left = minutes;
        let mut day = from.day;
        let mut at = from.minute;
        loop {
            if self.is_working_day(day)? {
                for span in [self.hours.morning, self.hours.afternoon] {
                    let start = at.max(span.start);
                    if start < span.end {
                        let avail = u32::from(span.end - start);
                        if left <= avail {
                            return Ok(day);
                        }
                        left -= avail;
                    }
                }
            }
            day = day.plus(1);
            at = 0;
        }
    }

    /// A due date moved by a pause of the clock (a supplement request from `stopped` until the
    /// dossier came back on `resumed`): by the working days in between for limits in working
    /// days or hours, by the calendar days for limits in calendar days.
    pub fn extend(
        &self,
        due: Day,
        unit: LimitUnit,
        stopped: Day,
        resumed: Day,
    ) -> Result<Day, CalendarError> {
        if resumed <= stopped {
            return Ok(due);
        }
        match unit {
            LimitUnit::CalendarDays => {
                self.this_or_next_working_day(due.plus(resumed.0 - stopped.0))
            }
            _ => {
                let paused = self.working_days_between(stopped, resumed)?.max(0) as u32;
                self.add_working_days(due, paused)
            }
        }
    }
}
