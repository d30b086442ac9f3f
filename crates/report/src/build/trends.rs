//! Section III: the scores over the years, totals and ranks.

use cchc_model::columns as c;
use cchc_plot::TrendChart;
use polars::prelude::*;

use crate::ReportError;
use crate::model::*;

use super::charts::*;
use super::frames::*;
use super::inputs::*;
use super::writer::*;
use crate::words::phrases as ph;

pub(super) fn trends(
    w: &W,
    inputs: &Inputs,
    s: &Scorecards,
    sheets: &mut Sheets,
) -> Result<Section, ReportError> {
    let year = inputs.year;
    let upto = s
        .trend
        .clone()
        .lazy()
        .filter(col(c::YEAR).lt_eq(lit(year)))
        .collect()?;
    let mut blocks = Vec::new();
    let chart = chart_of(TrendChart::from_trend(&upto, w.lang), TrendChart::svg)?
        // A line needs two years: one point is no trend.
        .filter(|(chart, _)| chart.series.iter().any(|(_, points)| points.len() > 1));
    if chart.is_none() {
        blocks.push(Block::Note(crate::words::no_trend(year, w.lang)));
    }
    if let Some((chart, svg)) = chart {
        let sheet = sheets.name(w.say(ph::TREND));
        blocks.extend(trend_blocks(w, &chart, svg, sheet));
    }
    let now = of(&upto, Some(year), None)?;
    let cols: [(&str, Kind, f64); 8] = [
        (c::SCORE_TOTAL, Kind::Num(2), 11.0),
        (c::MAX_TOTAL, Kind::Num(2), 10.0),
        (c::ATTAINMENT, Kind::Pct, 10.0),
        (c::DELTA, Kind::Num(2), 10.0),
        (c::PCT_CHANGE, Kind::Pct, 10.0),
        (c::RANK, Kind::Int, 8.0),
        (c::RANK_CHANGE, Kind::Int, 9.0),
        (c::SELF_MINUS_APPRAISED, Kind::Num(2), 12.0),
    ];
    let (columns, rows) = labelled(w, &now, (c::UNIT, w.col(c::UNIT, Kind::Text, 30.0)), &cols)?;
    blocks.push(Block::Table(Table {
        sheet: sheets.name(&format!("{} {year}", w.say(ph::TOTALS))),
        title: crate::words::totals(year, w.lang),
        columns,
        rows,
        highlights: Vec::new(),
    }));
    blocks.push(Block::Note(
        w.say(ph::RANKS_BY_ATTAINMENT_TOTAL_MAXIMUM_AMONG)
            .to_owned(),
    ));
    Ok(Section {
        kind: SectionKind::Trends,
        title: w.say(ph::TRENDS_OVER_THE_YEARS).to_owned(),
        blocks,
    })
}
