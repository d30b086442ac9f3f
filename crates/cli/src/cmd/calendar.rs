//! `cchc calendar`: the working-day calendar in use — the year's days off, swaps and make-up
//! days with the law and decision behind each, and the working hours.

use anyhow::Result;
use cchc_calendar::{Day, DayKind, Weekday, lunar};
use cchc_model::Lang;
use cchc_model::columns as c;
use polars::prelude::*;

use crate::cmd::print_frame;
use crate::words::phrases as ph;
use crate::{Global, Outcome};

/// Arguments of `cchc calendar`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Năm (year); mặc định: mọi năm lịch có (default: every year the calendar covers)
    #[arg(long)]
    pub year: Option<i32>,
    /// Giờ làm việc của tỉnh, TOML như crates/calendar/data/gio-lam-viec.toml
    /// (a province's working hours)
    #[arg(long)]
    pub hours: Option<std::path::PathBuf>,
    /// Tỉnh có giờ làm việc riêng trong tệp --hours (the province's section in --hours)
    #[arg(long)]
    pub province: Option<String>,
    /// Ghi lịch (mọi ngày của các năm lịch có) vào kho, exports/calendar.parquet, cho DuckDB hay
    /// Spark (write the calendar, every day of its years, into the store for other engines)
    #[arg(long)]
    pub into_store: bool,
}

pub fn weekday_name(day: Day, lang: Lang) -> &'static str {
    match day.weekday() {
        Weekday::Mon => lang.say(ph::MONDAY),
        Weekday::Tue => lang.say(ph::TUESDAY),
        Weekday::Wed => lang.say(ph::WEDNESDAY),
        Weekday::Thu => lang.say(ph::THURSDAY),
        Weekday::Fri => lang.say(ph::FRIDAY),
        Weekday::Sat => lang.say(ph::SATURDAY),
        Weekday::Sun => lang.say(ph::SUNDAY),
    }
}

fn kind_name(kind: DayKind, lang: Lang) -> &'static str {
    match kind {
        DayKind::Holiday => lang.say(ph::HOLIDAY),
        DayKind::Observed => lang.say(ph::OBSERVED),
        DayKind::SwapOff => lang.say(ph::SWAPPED_OFF),
        DayKind::Makeup => lang.say(ph::MAKE_UP_WORKING_DAY),
        DayKind::Pending => lang.say(ph::PENDING),
    }
}

/// Runs `cchc calendar`.
pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let lang = global.lang();
    let cal = cchc_query::dossiers::calendar(args.hours.as_deref(), args.province.as_deref())?;
    if args.into_store {
        let mut store = cchc_store::Store::open_for_write(&global.store)?;
        let mut table = cchc_query::calendar::calendar_table(&cal)?;
        let path = store.write_export(cchc_model::tables::CALENDAR, &mut table)?;
        if !global.quiet {
            eprintln!("{}", crate::words::wrote(&path, lang));
        }
        return Ok(Outcome::Ok);
    }
    let (first, last) = cal.years();
    let years: Vec<i32> = match args.year {
        Some(y) if y < first || y > last => {
            anyhow::bail!(cchc_calendar::CalendarError::NotCovered {
                year: y,
                first,
                last
            })
        }
        Some(y) => vec![y],
        None => (first..=last).collect(),
    };
    let entries: Vec<_> = cal
        .entries()
        .iter()
        .filter(|e| years.contains(&e.date.year()))
        .collect();
    let json = global.format == crate::output::OutputFormat::Json;
    let mut working = Vec::new();
    for e in &entries {
        working.push(cal.is_working_day(e.date)?);
    }
    let lunar_dates: Vec<String> = entries
        .iter()
        .map(|e| {
            let l = lunar::to_lunar(e.date);
            format!(
                "{:02}/{:02}{}",
                l.day,
                l.month,
                if l.leap { "n" } else { "" }
            )
        })
        .collect();
    let df = DataFrame::new_infer_height(vec![
        Column::new(
            c::DATE.into(),
            entries
                .iter()
                .map(|e| {
                    if json {
                        e.date.iso()
                    } else {
                        e.date.to_string()
                    }
                })
                .collect::<Vec<_>>(),
        ),
        Column::new(
            c::WEEKDAY.into(),
            entries
                .iter()
                .map(|e| weekday_name(e.date, lang))
                .collect::<Vec<_>>(),
        ),
        Column::new(c::LUNAR_DATE.into(), lunar_dates),
        Column::new(
            c::DAY_KIND.into(),
            entries
                .iter()
                .map(|e| {
                    if json {
                        e.kind.code()
                    } else {
                        kind_name(e.kind, lang)
                    }
                })
                .collect::<Vec<_>>(),
        ),
        Column::new(
            c::DAY_NAME.into(),
            entries.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(c::WORKING_DAY.into(), working),
        Column::new(
            c::BASIS.into(),
            entries.iter().map(|e| e.basis.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            c::DECISION.into(),
            entries
                .iter()
                .map(|e| e.decision.as_str())
                .collect::<Vec<_>>(),
        ),
    ])?;
    print_frame(global, &df)?;
    if !global.quiet {
        let h = &cal.hours;
        for y in &years {
            let from = Day::from_ymd(*y, 1, 1).expect("1 January");
            let to = Day::from_ymd(*y, 12, 31).expect("31 December");
            let n = cal.working_days_between(from, to)? + i32::from(cal.is_working_day(from)?);
            eprintln!("{}", crate::words::working_days(*y, n, lang));
        }

        eprintln!("{}", crate::words::working_hours(h, (first, last), lang));
    }
    Ok(Outcome::Ok)
}
