//! Lunar dates of the Vietnamese calendar: Hồ Ngọc Đức's algorithm (new moons and the sun's
//! longitude after Meeus, months counted from the one holding the winter solstice), at UTC+7.
//! Tết is the first day of the first month; Giỗ Tổ Hùng Vương the tenth of the third.

use crate::day::Day;
use std::f64::consts::PI;

/// Vietnam's time zone, hours east of UTC (the algorithm's answers depend on it: China's calendar
/// at UTC+8 differs in some years).
const TIME_ZONE: f64 = 7.0;
/// Julian day number of 1970-01-01.
const JD_EPOCH: i64 = 2_440_588;

/// A lunar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LunarDate {
    pub day: u32,
    pub month: u32,
    pub year: i32,
    pub leap: bool,
}

fn jd(day: Day) -> i64 {
    i64::from(day.0) + JD_EPOCH
}

fn new_moon(k: f64) -> f64 {
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let mut c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - delta_t
}

fn sun_longitude(jdn: f64) -> f64 {
    let t = (jdn - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    let l = (l0 + dl) * dr;
    l - 2.0 * PI * (l / (2.0 * PI)).floor()
}

/// The sun's longitude at the start of a day, in twelfths of the circle (0–11).
fn sun_sector(day_number: i64) -> i64 {
    (sun_longitude(day_number as f64 - 0.5 - TIME_ZONE / 24.0) / PI * 6.0).floor() as i64
}

fn new_moon_day(k: i64) -> i64 {
    (new_moon(k as f64) + 0.5 + TIME_ZONE / 24.0).floor() as i64
}

/// The first day of the lunar month that holds the winter solstice of `year`.
fn lunar_month_11(year: i32) -> i64 {
    let off = jd(Day::from_ymd(year, 12, 31).expect("31 December exists")) - 2_415_021;
    let k = (off as f64 / 29.530_588_853).floor() as i64;
    let nm = new_moon_day(k);
    if sun_sector(nm) >= 9 {
        new_moon_day(k - 1)
    } else {
        nm
    }
}

fn leap_month_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853 + 0.5).floor() as i64;
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i));
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

/// The lunar date of a solar day.
pub fn to_lunar(day: Day) -> LunarDate {
    let day_number = jd(day);
    let year = day.year();
    let k = ((day_number as f64 - 2_415_021.076_998_695) / 29.530_588_853).floor() as i64;
    let mut month_start = new_moon_day(k + 1);
    if month_start > day_number {
        month_start = new_moon_day(k);
    }
    let mut a11 = lunar_month_11(year);
    let mut b11 = a11;
    let mut lunar_year;
    if a11 >= month_start {
        lunar_year = year;
        a11 = lunar_month_11(year - 1);
    } else {
        lunar_year = year + 1;
        b11 = lunar_month_11(year + 1);
    }
    let lunar_day = (day_number - month_start + 1) as u32;
    let diff = (month_start - a11) / 29;
    let mut leap = false;
    let mut month = diff + 11;
    if b11 - a11 > 365 {
        let leap_diff = leap_month_offset(a11);
        if diff >= leap_diff {
            month = diff + 10;
            leap = diff == leap_diff;
        }
    }
    if month > 12 {
        month -= 12;
    }
    if month >= 11 && diff < 4 {
        lunar_year -= 1;
    }
    LunarDate {
        day: lunar_day,
        month: month as u32,
        year: lunar_year,
        leap,
    }
}

/// The solar day of a lunar date (not leap), `None` when the month has no such day.
pub fn from_lunar(lunar_day: u32, lunar_month: u32, lunar_year: i32) -> Option<Day> {
    let (a11, b11) = if lunar_month < 11 {
        (lunar_month_11(lunar_year - 1), lunar_month_11(lunar_year))
    } else {
        (lunar_month_11(lunar_year), lunar_month_11(lunar_year + 1))
    };
    let k = (0.5 + (a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853).floor() as i64;
    let mut off = i64::from(lunar_month) - 11;
    if off < 0 {
        off += 12;
    }
    if b11 - a11 > 365 && off >= leap_month_offset(a11) {
        off += 1;
    }
    let month_start = new_moon_day(k + off);
    let day = Day((month_start + i64::from(lunar_day) - 1 - JD_EPOCH) as i32);
    (to_lunar(day).day == lunar_day).then_some(day)
}

/// The first day of the lunar year that starts in solar `year` (Tết Nguyên đán).
pub fn tet(year: i32) -> Day {
    from_lunar(1, 1, year).expect("every lunar month has a first day")
}

/// Giỗ Tổ Hùng Vương, the tenth day of the third lunar month of `year`.
pub fn hung_kings(year: i32) -> Day {
    from_lunar(10, 3, year).expect("every lunar month has a tenth day")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Day {
        Day::from_ymd(y, m, dd).unwrap()
    }

    #[test]
    fn tet_and_hung_kings_day_match_the_published_dates() {
        // DOMAIN.md: Tết 2023–2027 on 22/1, 10/2, 29/1, 17/2, 6/2.
        let tets = [
            (2023, 1, 22),
            (2024, 2, 10),
            (2025, 1, 29),
            (2026, 2, 17),
            (2027, 2, 6),
        ];
        for (y, m, dd) in tets {
            assert_eq!(tet(y), d(y, m, dd), "Tết {y}");
        }
        // 1985: Vietnam's calendar (UTC+7) put Tết a month before China's (UTC+8).
        assert_eq!(tet(1985), d(1985, 1, 21));
        assert_eq!(hung_kings(2026), d(2026, 4, 26));
        assert_eq!(hung_kings(2024), d(2024, 4, 18));
        let l = to_lunar(d(2026, 2, 16));
        assert_eq!((l.day, l.month, l.year), (29, 12, 2025));
        // 2023 had a leap second month.
        let leap = to_lunar(d(2023, 4, 1));
        assert_eq!((leap.month, leap.leap), (2, true));
    }
}
