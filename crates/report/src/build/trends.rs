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
        // A line needs two years: one point is no trend (unless predecessors go before it).
        .filter(|(chart, _)| {
            chart.series.iter().any(|(_, points)| points.len() > 1) || !chart.breaks.is_empty()
        });
    if chart.is_none() {
        blocks.push(Block::Note(crate::words::no_trend(year, w.lang)));
    }
    if let Some((chart, svg)) = chart {
        let sheet = sheets.name(w.say(ph::TREND));
        blocks.extend(trend_blocks(w, &chart, svg, sheet));
    }
    blocks.extend(predecessor_blocks(w, &upto, sheets)?);
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

/// Under the latest unit map, the rows of a unit's years before it began carry its
/// predecessors' own scores (`predecessors`, JSON): the story in a sentence, then a table of
/// them. Nothing when no row carries any.
fn predecessor_blocks(
    w: &W,
    upto: &DataFrame,
    sheets: &mut Sheets,
) -> Result<Vec<Block>, ReportError> {
    if !upto.schema().contains(c::PREDECESSORS) {
        return Ok(Vec::new());
    }
    let units = strs(upto, c::UNIT)?;
    let years = ints(upto, c::YEAR)?;
    let texts = strs(upto, c::PREDECESSORS)?;
    let mut blocks = Vec::new();
    let mut successors: Vec<&str> = Vec::new();
    for u in &units {
        if !successors.contains(&u.as_str()) {
            successors.push(u);
        }
    }
    for successor in successors {
        let (mut label, mut score, mut max, mut attainment) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut from: Vec<(String, String)> = Vec::new();
        for i in (0..upto.height()).filter(|&i| units[i] == successor) {
            let Ok(serde_json::Value::Array(items)) = serde_json::from_str(&texts[i]) else {
                continue;
            };
            for item in &items {
                let name = item[c::UNIT].as_str().unwrap_or_default();
                let named = match item[c::PROVINCE].as_str() {
                    Some(p) => format!("{name} ({p})"),
                    None => name.to_owned(),
                };
                if let Some(day) = item[c::CHANGED].as_str()
                    && !from.iter().any(|(n, _)| *n == named)
                {
                    let d: Vec<&str> = day.split('-').collect();
                    let day = match d.as_slice() {
                        [y, m, dd] => format!("{dd}/{m}/{y}"),
                        _ => day.to_owned(),
                    };
                    from.push((named.clone(), day));
                }
                label.push(match years[i] {
                    Some(y) => format!("{y} — {named}"),
                    None => named,
                });
                score.push(item[c::SCORE_TOTAL].as_f64());
                max.push(item[c::MAX_TOTAL].as_f64());
                attainment.push(item[c::ATTAINMENT].as_f64());
            }
        }
        if label.is_empty() {
            continue;
        }
        blocks.push(Block::Note(crate::words::predecessors_story(
            successor, &from, w.lang,
        )));
        let frame = DataFrame::new_infer_height(vec![
            Column::new(c::PREDECESSORS.into(), label),
            Column::new(c::SCORE_TOTAL.into(), score),
            Column::new(c::MAX_TOTAL.into(), max),
            Column::new(c::ATTAINMENT.into(), attainment),
        ])?;
        let cols: [(&str, Kind, f64); 3] = [
            (c::SCORE_TOTAL, Kind::Num(2), 11.0),
            (c::MAX_TOTAL, Kind::Num(2), 10.0),
            (c::ATTAINMENT, Kind::Pct, 10.0),
        ];
        let (columns, rows) = labelled(
            w,
            &frame,
            (c::PREDECESSORS, w.col(c::PREDECESSORS, Kind::Text, 44.0)),
            &cols,
        )?;
        blocks.push(Block::Table(Table {
            sheet: sheets.name(w.say(ph::PREDECESSORS)),
            title: crate::words::predecessors_title(successor, w.lang),
            columns,
            rows,
            highlights: Vec::new(),
        }));
    }
    Ok(blocks)
}
