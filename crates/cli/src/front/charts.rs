//! Draws a chart the query layer describes, to a PNG or SVG file or as SVG text.

use std::path::Path;

use anyhow::Result;
use cchc_model::Lang;
use cchc_plot::{GroupedBars, LikertChart, ParetoChart, PlotError, ScatterChart, TrendChart};
use cchc_query::chart::ChartData;

/// A chart made ready to draw.
enum Drawn {
    Pareto(ParetoChart),
    Bars(GroupedBars),
    Trend(TrendChart),
    Likert(LikertChart),
    Scatter(ScatterChart),
}

impl Drawn {
    fn of(data: &ChartData, lang: Lang) -> Result<Drawn> {
        Ok(match data {
            ChartData::Pareto { gaps, unit, year } => {
                Drawn::Pareto(ParetoChart::from_gaps(gaps, unit, *year, lang)?)
            }
            ChartData::FieldYears { fields, unit } => {
                Drawn::Bars(GroupedBars::field_years(fields, unit, lang)?)
            }
            ChartData::Trend { trend } => Drawn::Trend(TrendChart::from_trend(trend, lang)?),
            ChartData::Likert { distribution, unit } => {
                Drawn::Likert(LikertChart::from_distribution(distribution, unit, lang)?)
            }
            ChartData::ElementTrend { index, unit } => {
                Drawn::Trend(TrendChart::survey_elements(index, unit, lang)?)
            }
            ChartData::ElementYears { index, unit } => {
                Drawn::Bars(GroupedBars::survey_element_years(index, unit, lang)?)
            }
            ChartData::Procedures {
                stats,
                unit,
                year,
                rate,
                proposed,
            } => Drawn::Scatter(ScatterChart::procedures(
                stats, unit, *year, rate, proposed, lang,
            )?),
            ChartData::Channels {
                by_unit,
                unit,
                target,
            } => Drawn::Bars(GroupedBars::channel_shares(by_unit, unit, *target, lang)?),
            ChartData::OnTime { by_unit } => Drawn::Trend(TrendChart::on_time(by_unit, lang)?),
        })
    }

    fn draw(&self, out: &Path) -> Result<(), PlotError> {
        match self {
            Drawn::Pareto(c) => c.draw(out),
            Drawn::Bars(c) => c.draw(out),
            Drawn::Trend(c) => c.draw(out),
            Drawn::Likert(c) => c.draw(out),
            Drawn::Scatter(c) => c.draw(out),
        }
    }

    fn svg(&self) -> Result<String, PlotError> {
        match self {
            Drawn::Pareto(c) => c.svg(),
            Drawn::Bars(c) => c.svg(),
            Drawn::Trend(c) => c.svg(),
            Drawn::Likert(c) => c.svg(),
            Drawn::Scatter(c) => c.svg(),
        }
    }
}

/// Draws `data` to `out` (`.png` or `.svg`).
pub fn draw(data: &ChartData, out: &Path, lang: Lang) -> Result<()> {
    Ok(Drawn::of(data, lang)?.draw(out)?)
}

/// `data` as SVG text, for a page.
pub fn svg(data: &ChartData, lang: Lang) -> Result<String> {
    Ok(Drawn::of(data, lang)?.svg()?)
}
