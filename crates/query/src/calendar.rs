//! The working-day calendar as a table, for the engines that read the store: one row per day of
//! the years the calendar covers — the date, whether offices work, the working day's number (so
//! a due date or a count of working days is a join), what the day is and the law behind it, and
//! the working hours in use.

use cchc_calendar::{Calendar, Day};
use cchc_model::columns as c;
use polars::prelude::*;

use crate::Result;

/// `HH:MM` of minutes from midnight.
fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Every day of the years `cal` covers, in order.
pub fn calendar_table(cal: &Calendar) -> Result<DataFrame> {
    let (first, last) = cal.years();
    let start = Day::from_ymd(first, 1, 1).expect("1 January");
    let end = Day::from_ymd(last, 12, 31).expect("31 December");
    let (mut dates, mut numbers) = (Vec::new(), Vec::new());
    let (mut years, mut weekdays) = (Vec::new(), Vec::new());
    let (mut working, mut ordinals, mut kinds) = (Vec::new(), Vec::new(), Vec::new());
    let (mut names, mut bases, mut decisions) = (Vec::new(), Vec::new(), Vec::new());
    let mut ordinal = 0i32;
    let mut day = start;
    while day <= end {
        let works = cal.is_working_day(day)?;
        if works {
            ordinal += 1;
        }
        let entry = cal.entry(day);
        dates.push(midnight(day));
        numbers.push(day.0);
        years.push(day.year());
        weekdays.push(day.weekday() as i32 + 1);
        working.push(works);
        ordinals.push(ordinal);
        kinds.push(match (entry, works) {
            (Some(e), _) => e.kind.code(),
            (None, true) => "working",
            (None, false) => "weekend",
        });
        names.push(entry.map(|e| e.name.clone()));
        bases.push(entry.map(|e| e.basis.clone()));
        decisions.push(entry.map(|e| e.decision.clone()));
        day = day.plus(1);
    }
    let n = dates.len();
    let h = &cal.hours;
    let repeat = |value: String| vec![value; n];
    let date = Column::new(c::DATE.into(), dates)
        .cast(&DataType::Datetime(TimeUnit::Milliseconds, None))?;
    Ok(DataFrame::new(
        n,
        vec![
            date,
            Column::new(c::DAY_NUMBER.into(), numbers),
            Column::new(c::YEAR.into(), years),
            Column::new(c::WEEKDAY.into(), weekdays),
            Column::new(c::WORKING_DAY.into(), working),
            Column::new(c::WORKING_ORDINAL.into(), ordinals),
            Column::new(c::DAY_KIND.into(), kinds),
            Column::new(c::DAY_NAME.into(), names),
            Column::new(c::BASIS.into(), bases),
            Column::new(c::DECISION.into(), decisions),
            Column::new(c::PROVINCE.into(), vec![h.province.clone(); n]),
            Column::new(c::MORNING_START.into(), repeat(clock(h.morning.start))),
            Column::new(c::MORNING_END.into(), repeat(clock(h.morning.end))),
            Column::new(c::AFTERNOON_START.into(), repeat(clock(h.afternoon.start))),
            Column::new(c::AFTERNOON_END.into(), repeat(clock(h.afternoon.end))),
            Column::new(c::SAME_DAY_CUTOFF.into(), repeat(clock(h.same_day_cutoff))),
        ],
    )?)
}

/// Milliseconds from 1970-01-01 to a day's midnight (a `Day` counts days from 1970-01-01).
fn midnight(day: Day) -> i64 {
    i64::from(day.0) * 86_400_000
}

#[cfg(test)]
mod tests {
    use super::*;
    use cchc_calendar::DayKind;

    fn epoch_ms(y: i32, m: u32, d: u32) -> i64 {
        midnight(Day::from_ymd(y, m, d).unwrap())
    }

    #[test]
    fn midnights_are_counted_from_1970() {
        assert_eq!(epoch_ms(1970, 1, 1), 0);
        assert_eq!(epoch_ms(2025, 1, 1), 1_735_689_600_000);
        assert_eq!(epoch_ms(2024, 2, 29), 1_709_164_800_000);
    }

    #[test]
    fn every_day_is_a_row_and_ordinals_count_working_days() {
        let cal = Calendar::vietnam();
        let table = calendar_table(&cal).unwrap();
        let (first, last) = cal.years();
        let days: i64 = (first..=last)
            .map(|y| {
                if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) {
                    366
                } else {
                    365
                }
            })
            .sum();
        assert_eq!(table.height() as i64, days);
        // Tết 2025 (29/1) is a day off with its law; the ordinal does not move over it.
        let dates = table
            .column(c::DATE)
            .unwrap()
            .cast(&DataType::Int64)
            .unwrap();
        let dates = dates.i64().unwrap();
        let tet = epoch_ms(2025, 1, 29);
        let i = dates.iter().position(|d| d == Some(tet)).unwrap();
        let working = table.column(c::WORKING_DAY).unwrap().bool().unwrap();
        let ordinals = table.column(c::WORKING_ORDINAL).unwrap().i32().unwrap();
        assert_eq!(working.get(i), Some(false));
        assert_eq!(ordinals.get(i), ordinals.get(i - 1));
        let kind = table.column(c::DAY_KIND).unwrap().str().unwrap();
        assert_eq!(kind.get(i), Some(DayKind::Holiday.code()));
        // The ordinals of 2025 count its working days.
        let from = Day::from_ymd(2025, 1, 1).unwrap();
        let to = Day::from_ymd(2025, 12, 31).unwrap();
        let n = cal.working_days_between(from, to).unwrap()
            + i32::from(cal.is_working_day(from).unwrap());
        let at = |d: Day| {
            let (y, m, dd) = d.ymd();
            let ms = epoch_ms(y, m, dd);
            ordinals
                .get(dates.iter().position(|x| x == Some(ms)).unwrap())
                .unwrap()
        };
        assert_eq!(at(to) - at(from.plus(-1)), n);
    }
}
