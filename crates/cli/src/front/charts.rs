//! Draws a chart the query layer describes, to a PNG or SVG file.

use std::path::Path;

use anyhow::Result;
use cchc_model::Lang;
use cchc_plot::{GroupedBars, LikertChart, ParetoChart, ScatterChart, TrendChart};
use cchc_query::chart::ChartData;

/// Draws `data` to `out` (`.png` or `.svg`).
pub fn draw(data: &ChartData, out: &Path, lang: Lang) -> Result<()> {
    match data {
        ChartData::Pareto { gaps, unit, year } => {
            ParetoChart::from_gaps(gaps, unit, *year, lang)?.draw(out)?
        }
        ChartData::FieldYears { fields, unit } => {
            GroupedBars::field_years(fields, unit, lang)?.draw(out)?
        }
        ChartData::Trend { trend } => TrendChart::from_trend(trend, lang)?.draw(out)?,
        ChartData::Likert { distribution, unit } => {
            LikertChart::from_distribution(distribution, unit, lang)?.draw(out)?
        }
        ChartData::ElementTrend { index, unit } => {
            TrendChart::survey_elements(index, unit, lang)?.draw(out)?
        }
        ChartData::ElementYears { index, unit } => {
            GroupedBars::survey_element_years(index, unit, lang)?.draw(out)?
        }
        ChartData::Procedures {
            stats,
            unit,
            year,
            rate,
            proposed,
        } => ScatterChart::procedures(stats, unit, *year, rate, proposed, lang)?.draw(out)?,
        ChartData::Channels {
            by_unit,
            unit,
            target,
        } => GroupedBars::channel_shares(by_unit, unit, *target, lang)?.draw(out)?,
        ChartData::OnTime { by_unit } => TrendChart::on_time(by_unit, lang)?.draw(out)?,
    }
    Ok(())
}
