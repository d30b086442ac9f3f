//! `cchc scorecard gaps|trend`: where points were lost, and how totals move from year to year.

use anyhow::Result;
use cchc_analysis::scorecard::{self, Level};
use cchc_model::columns as c;
use cchc_store::Store;
use clap::{Subcommand, ValueEnum};
use polars::prelude::*;

use crate::{Global, Outcome};

/// The scorecard analyses.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Điểm bị mất theo tiêu chí, xếp hạng Pareto (points lost, Pareto ranking)
    Gaps(GapsArgs),
    /// Tổng điểm theo năm và đơn vị, tăng giảm và thứ hạng (totals by year and unit, change, rank)
    Trend(TrendArgs),
}

/// The level of `--level`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LevelArg {
    /// Tiêu chí không có mục con (items without children)
    #[default]
    Leaf,
    /// Lĩnh vực (top-level fields)
    Field,
}

impl From<LevelArg> for Level {
    fn from(l: LevelArg) -> Level {
        match l {
            LevelArg::Leaf => Level::Leaf,
            LevelArg::Field => Level::Field,
        }
    }
}

/// Arguments of `cchc scorecard gaps`.
#[derive(clap::Args, Debug)]
pub struct GapsArgs {
    /// Năm (year)
    #[arg(long)]
    pub year: Option<i32>,
    /// Đơn vị (unit)
    #[arg(long)]
    pub unit: Option<String>,
    /// Mức tổng hợp (level)
    #[arg(long, value_enum, default_value_t = LevelArg::Leaf)]
    pub level: LevelArg,
}

/// Arguments of `cchc scorecard trend`.
#[derive(clap::Args, Debug)]
pub struct TrendArgs {
    /// Chỉ năm này (only this year; changes still compare with the year before)
    #[arg(long)]
    pub year: Option<i32>,
    /// Chỉ đơn vị này (only this unit; ranks are still among all units)
    #[arg(long)]
    pub unit: Option<String>,
}

/// The gaps table of the stored scorecards.
pub fn gaps(
    store: &Store,
    year: Option<i32>,
    unit: Option<&str>,
    level: Level,
) -> Result<DataFrame> {
    let rows = super::filter(super::scorecard_rows(store)?, year, unit)?;
    Ok(scorecard::gaps(rows, level)?.collect()?)
}

/// The trend table of the stored scorecards (filters applied after the computation).
pub fn trend(store: &Store, year: Option<i32>, unit: Option<&str>) -> Result<DataFrame> {
    let rows = super::scorecard_rows(store)?;
    Ok(super::filter(scorecard::trend(rows)?, year, unit)?.collect()?)
}

/// Runs `cchc scorecard …`.
pub fn run(global: &Global, command: Command) -> Result<Outcome> {
    let store = Store::open(&global.store)?;
    let frame = match command {
        Command::Gaps(a) => {
            let df = gaps(&store, a.year, a.unit.as_deref(), a.level.into())?;
            // Lineage and self-assessment columns are for CSV and JSON; the table stays readable.
            if global.format == crate::output::OutputFormat::Table {
                df.select([
                    c::YEAR,
                    c::UNIT,
                    c::CODE,
                    c::CRITERION,
                    c::MAX_SCORE,
                    c::SCORE,
                    c::ATTAINMENT,
                    c::POINTS_LOST,
                    c::SHARE_OF_LOSS,
                    c::CUMULATIVE_SHARE,
                    c::RANK,
                ])?
            } else {
                df
            }
        }
        Command::Trend(a) => trend(&store, a.year, a.unit.as_deref())?,
    };
    super::print_frame(global, &frame)?;
    Ok(Outcome::Ok)
}
