//! `cchc chart KIND --out FILE.png|FILE.svg`: the charts of the stored data.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use cchc_analysis::scorecard::{self, Level};
use cchc_model::Lang;
use cchc_model::columns as c;
use cchc_plot::{GroupedBars, ParetoChart, TrendChart};
use cchc_store::Store;
use clap::ValueEnum;
use polars::prelude::IntoLazy;

use super::scorecard::LevelArg;
use crate::{Global, Outcome};

/// The charts.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Pareto điểm bị mất của một đơn vị, một năm (points lost, one unit and year)
    Pareto,
    /// Tỷ lệ đạt theo lĩnh vực, so sánh các năm (attainment by field, years side by side)
    FieldYears,
    /// Xu hướng chỉ số theo năm, mỗi đơn vị một đường (index trend, a line per unit)
    Trend,
    /// Thanh xếp chồng năm mức hài lòng theo yếu tố và năm (diverging Likert bars by element and year)
    Likert,
    /// Chỉ số hài lòng từng yếu tố qua các năm (satisfaction index of each element over the years)
    ElementTrend,
    /// Chỉ số hài lòng theo yếu tố, so sánh các năm (satisfaction by element, years side by side)
    ElementYears,
    /// Số hồ sơ × tỷ lệ trễ hạn theo thủ tục, tô đậm thủ tục đề xuất (volume × late rate)
    ProcedureLate,
    /// Số hồ sơ × thời gian thực tế / thời hạn theo thủ tục (volume × time ratio)
    ProcedureTime,
    /// Tỷ lệ hồ sơ theo kênh qua các năm, có đường mục tiêu BCCI (channel shares by year)
    Channels,
    /// Tỷ lệ giải quyết đúng hạn qua các năm, mỗi đơn vị một đường (on-time rate trend)
    OnTime,
}

/// Arguments of `cchc chart`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Loại biểu đồ (chart kind)
    #[arg(value_enum)]
    pub kind: ChartKind,
    /// Tệp kết quả .png hoặc .svg (output file)
    #[arg(long)]
    pub out: PathBuf,
    /// Năm (year)
    #[arg(long)]
    pub year: Option<i32>,
    /// Đơn vị (unit)
    #[arg(long)]
    pub unit: Option<String>,
    /// Mức tổng hợp cho Pareto (level for the Pareto)
    #[arg(long, value_enum, default_value_t = LevelArg::Leaf)]
    pub level: LevelArg,
}

/// Picks the one value asked for, or the only one there is; otherwise says which there are.
fn choose<T: Clone + PartialEq + std::fmt::Display>(
    asked: Option<T>,
    available: &[T],
    what: (&str, &str),
    lang: Lang,
) -> Result<T> {
    choose_by(asked, available, what, lang, |a, b| a == b)
}

/// A unit from the store: the one asked for (matched by [`super::unit_matches`]), else the only
/// one; an error listing them otherwise.
fn choose_unit(asked: Option<&str>, available: &[String], lang: Lang) -> Result<String> {
    choose_by(
        asked.map(str::to_owned),
        available,
        ("Đơn vị", "Unit"),
        lang,
        |asked, stored| super::unit_matches(asked, stored),
    )
}

fn choose_by<T: Clone + std::fmt::Display>(
    asked: Option<T>,
    available: &[T],
    what: (&str, &str),
    lang: Lang,
    same: impl Fn(&T, &T) -> bool,
) -> Result<T> {
    let list = available
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    match asked {
        Some(v) if available.iter().any(|a| same(&v, a)) => {
            Ok(available.iter().find(|a| same(&v, a)).cloned().unwrap_or(v))
        }
        Some(v) => bail!(
            "{} {v}: {} {list}",
            lang.pick(what.0, what.1),
            lang.pick("không có trong kho; có", "is not in the store; there are")
        ),
        None => match available {
            [one] => Ok(one.clone()),
            [] => bail!(
                "{}",
                lang.pick("kho chưa có dữ liệu", "the store holds no data")
            ),
            _ => bail!(
                "{} --{}: {list}",
                lang.pick("hãy chọn", "choose one with"),
                what.1.to_lowercase()
            ),
        },
    }
}

/// Draws one chart from the store.
pub fn draw(
    store: &Store,
    kind: ChartKind,
    out: &Path,
    year: Option<i32>,
    unit: Option<&str>,
    level: Level,
    lang: Lang,
) -> Result<()> {
    let survey_chart = matches!(
        kind,
        ChartKind::Likert | ChartKind::ElementTrend | ChartKind::ElementYears
    );
    if survey_chart {
        return draw_survey(store, kind, out, unit, lang);
    }
    if matches!(
        kind,
        ChartKind::ProcedureLate
            | ChartKind::ProcedureTime
            | ChartKind::Channels
            | ChartKind::OnTime
    ) {
        return draw_procedures(store, kind, out, year, unit, lang);
    }
    let rows = super::scorecard_rows(store)?;
    match kind {
        // Drawn from the survey and procedure tables above.
        ChartKind::Likert
        | ChartKind::ElementTrend
        | ChartKind::ElementYears
        | ChartKind::ProcedureLate
        | ChartKind::ProcedureTime
        | ChartKind::Channels
        | ChartKind::OnTime => {}
        ChartKind::Pareto => {
            let all = scorecard::gaps(rows, level)?.collect()?;
            let unit = choose_unit(unit, &super::distinct_strings(&all, c::UNIT)?, lang)?;
            let of_unit = super::filter(all.clone().lazy(), None, Some(&unit))?.collect()?;
            let years = super::distinct_years(&of_unit)?;
            // Without --year, the latest year of the unit.
            let year = match year {
                Some(y) => choose(Some(y), &years, ("Năm", "Year"), lang)?,
                None => *years.last().ok_or_else(|| {
                    anyhow::anyhow!("{}", lang.pick("không có năm nào", "no year"))
                })?,
            };
            ParetoChart::from_gaps(&all, &unit, year, lang)?.draw(out)?;
        }
        ChartKind::FieldYears => {
            let fields = scorecard::field_totals(rows).collect()?;
            let unit = choose_unit(unit, &super::distinct_strings(&fields, c::UNIT)?, lang)?;
            GroupedBars::field_years(&fields, &unit, lang)?.draw(out)?;
        }
        ChartKind::Trend => {
            let trend = super::filter(scorecard::trend(rows)?, None, unit)?.collect()?;
            TrendChart::from_trend(&trend, lang)?.draw(out)?;
        }
    }
    Ok(())
}

fn draw_procedures(
    store: &Store,
    kind: ChartKind,
    out: &Path,
    year: Option<i32>,
    unit: Option<&str>,
    lang: Lang,
) -> Result<()> {
    use cchc_analysis::procedures as p;
    let all = super::procedures::load(store, lang)?;
    let units: Vec<String> = {
        let mut u: Vec<String> = all.iter().map(|p| p.unit.clone()).collect();
        u.sort();
        u.dedup();
        u
    };
    match kind {
        ChartKind::OnTime => {
            let rollup = p::rollup(&all, p::Level::Unit)?;
            let rollup = super::filter(rollup.lazy(), None, unit)?.collect()?;
            TrendChart::on_time(&rollup, lang)?.draw(out)?;
        }
        ChartKind::Channels => {
            let unit = choose_unit(unit, &units, lang)?;
            let rollup = p::rollup(&all, p::Level::Unit)?;
            GroupedBars::channel_shares(&rollup, &unit, p::POSTAL_TARGET, lang)?.draw(out)?;
        }
        _ => {
            let unit = choose_unit(unit, &units, lang)?;
            let mut years: Vec<i32> = all
                .iter()
                .filter(|p| p.unit == unit && p.has_stats)
                .map(|p| p.year)
                .collect();
            years.sort_unstable();
            years.dedup();
            let year = match year {
                Some(y) => choose(Some(y), &years, ("Năm", "Year"), lang)?,
                None => *years.last().ok_or_else(|| {
                    anyhow::anyhow!("{}", lang.pick("không có năm nào", "no year"))
                })?,
            };
            let one = super::procedures::select(all, Some(year), Some(&unit), false);
            let proposals = p::simplify(&one, &p::Rules::default());
            let codes: Vec<String> = proposals
                .iter()
                .flat_map(|pr| pr.candidates.iter().map(|c| c.procedure.code.clone()))
                .collect();
            let stats = p::stats(&one)?;
            let rate = if kind == ChartKind::ProcedureTime {
                c::TIME_RATIO
            } else {
                c::LATE_RATE
            };
            cchc_plot::ScatterChart::procedures(&stats, &unit, year, rate, &codes, lang)?
                .draw(out)?;
        }
    }
    Ok(())
}

fn draw_survey(
    store: &Store,
    kind: ChartKind,
    out: &Path,
    unit: Option<&str>,
    lang: Lang,
) -> Result<()> {
    let (answers, respondents) = super::survey::survey_tables(store)?;
    let by = cchc_analysis::survey::By::Element;
    if kind == ChartKind::Likert {
        let dist = cchc_analysis::survey::distribution(&answers, respondents, &by)?;
        let unit = choose_unit(unit, &super::distinct_strings(&dist, c::UNIT)?, lang)?;
        cchc_plot::LikertChart::from_distribution(&dist, &unit, lang)?.draw(out)?;
        return Ok(());
    }
    let index = cchc_analysis::survey::index(&answers, respondents, &by, None)?;
    let unit = choose_unit(unit, &super::distinct_strings(&index, c::UNIT)?, lang)?;
    if kind == ChartKind::ElementTrend {
        TrendChart::survey_elements(&index, &unit, lang)?.draw(out)?;
    } else {
        GroupedBars::survey_element_years(&index, &unit, lang)?.draw(out)?;
    }
    Ok(())
}

/// Runs `cchc chart`.
pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let store = Store::open(&global.store)?;
    draw(
        &store,
        args.kind,
        &args.out,
        args.year,
        args.unit.as_deref(),
        args.level.into(),
        global.lang(),
    )?;
    if !global.quiet {
        eprintln!(
            "{} {}",
            global.lang().pick("đã ghi", "wrote"),
            args.out.display()
        );
    }
    Ok(Outcome::Ok)
}
