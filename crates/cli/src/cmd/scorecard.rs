//! `cchc scorecard gaps|trend`: where points were lost, and how totals move from year to year.

use anyhow::Result;
use cchc_model::columns as c;
use cchc_query::Scope;
use cchc_store::Store;
use clap::Subcommand;

use super::LevelArg;
use crate::{Global, Outcome};

/// The scorecard analyses.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Điểm bị mất theo tiêu chí, xếp hạng Pareto (points lost, Pareto ranking)
    Gaps(GapsArgs),
    /// Tổng điểm theo năm và đơn vị, tăng giảm và thứ hạng (totals by year and unit, change, rank)
    Trend(TrendArgs),
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

/// Runs `cchc scorecard …`.
pub fn run(global: &Global, command: Command) -> Result<Outcome> {
    let store = Store::open(&global.store)?;
    let query = global.query(&store);
    let frame = match command {
        Command::Gaps(a) => {
            let df = query.gaps(&Scope::of(a.year, a.unit.as_deref()), a.level.into())?;
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
        Command::Trend(a) => query.trend(&Scope::of(a.year, a.unit.as_deref()))?,
    };
    super::print_frame(global, &frame)?;
    Ok(Outcome::Ok)
}
