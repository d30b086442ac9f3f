//! Charts an analyst would put in a report, drawn with plotters as PNG or SVG.
//!
//! Each chart is built in two steps: a plain data struct taken from an analysis frame
//! ([`ParetoChart::from_gaps`], [`GroupedBars::field_years`], [`TrendChart::from_trend`]), which
//! tests can check series by series, then drawn to a file whose extension picks the format
//! ([`ParetoChart::draw`], …). Labels are Vietnamese by default and English on request; text is
//! drawn with the embedded DejaVu Sans (covers Vietnamese), so no system font is needed.
//!
//! Architecture invariant: `plot` knows nothing of Excel, the store or the command line; it reads
//! result frames by the column names of `cchc_model::columns` and writes one file per chart.

mod draw;
mod font;
mod words;

use std::path::{Path, PathBuf};

use cchc_model::Lang;
use cchc_model::Scale;
use cchc_model::columns as c;
use cchc_model::frame::{floats, texts as strs, years};
use cchc_model::labels::scale_words;
use polars::prelude::*;

use crate::words::phrases as ph;
pub use draw::{BAR_COLORS, Format};
pub use words::level_names;

/// What can go wrong while charting.
#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    /// The output file's extension is neither .png nor .svg.
    #[error("{}: charts are written as .png or .svg", path.display())]
    Extension { path: PathBuf },
    /// There is nothing to draw for the selection.
    #[error("no data to chart: {what}")]
    NoData { what: String },
    /// The result frame lacks a column or has an unexpected type.
    #[error("chart input: {0}")]
    Frame(#[from] PolarsError),
    /// Drawing or writing failed.
    #[error("{}: cannot draw the chart: {detail}", path.display())]
    Draw { path: PathBuf, detail: String },
}

/// One bar of a Pareto chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ParetoBar {
    /// Item code, printed under the bar.
    pub code: String,
    /// Item name, listed under the chart.
    pub name: String,
    /// Points lost.
    pub points_lost: f64,
    /// Cumulative share of all points lost, 0–1.
    pub cumulative_share: f64,
}

/// Pareto of points lost: bars largest first, the cumulative share as a line.
#[derive(Debug, Clone, PartialEq)]
pub struct ParetoChart {
    /// Title naming the unit and the year.
    pub title: String,
    /// Bars in rank order.
    pub bars: Vec<ParetoBar>,
    /// Label language.
    pub lang: Lang,
}

/// Bars grouped by category, one bar per series (year).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupedBars {
    /// Title naming the unit and the years.
    pub title: String,
    /// Category codes and names (x axis).
    pub categories: Vec<(String, String)>,
    /// One series per year: its label and a value per category (a gap where missing).
    pub series: Vec<(String, Vec<Option<f64>>)>,
    /// Y axis label.
    pub y_label: String,
    /// A target drawn as a horizontal line over one category: its label, value (a fraction)
    /// and the category's index.
    pub target: Option<(String, f64, usize)>,
    /// Label language.
    pub lang: Lang,
}

/// Lines over years, one per unit.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendChart {
    /// Title naming the years.
    pub title: String,
    /// One series per unit: its name and (year, value) points; missing years are gaps.
    pub series: Vec<(String, Vec<(i32, f64)>)>,
    /// Y axis label.
    pub y_label: String,
    /// Whether the values are fractions shown as percentages (0–100); otherwise points.
    pub percent: bool,
    /// Where units were reorganised: a dashed line at that position on the year axis (between
    /// the predecessors' last year and the successor's first), with its label.
    pub breaks: Vec<(f64, String)>,
    /// Label language.
    pub lang: Lang,
}

/// The rows of one unit, sorted; an error naming the unit when there are none.
fn of_unit(df: &DataFrame, unit: &str, sort_by: &[&str]) -> Result<DataFrame, PlotError> {
    let one = df
        .clone()
        .lazy()
        .filter(col(c::UNIT).eq(lit(unit)))
        .sort(
            sort_by.iter().copied(),
            SortMultipleOptions::default().with_maintain_order(true),
        )
        .collect()?;
    if one.height() == 0 {
        return Err(PlotError::NoData {
            what: unit.to_owned(),
        });
    }
    Ok(one)
}

/// One value of a grouped bar chart: ((category code, name), year, value).
type Point = ((String, String), i32, Option<f64>);

/// Categories in order of first appearance, the sorted years, and one series per year with a
/// value per category (a gap where a category has none that year).
type Pivoted = (
    Vec<(String, String)>,
    Vec<i32>,
    Vec<(String, Vec<Option<f64>>)>,
);

fn pivot(points: &[Point], lang: Lang) -> Pivoted {
    let mut categories: Vec<(String, String)> = Vec::new();
    for (category, _, _) in points {
        if !categories.iter().any(|c| c.0 == category.0) {
            categories.push(category.clone());
        }
    }
    let mut years: Vec<i32> = points.iter().map(|p| p.1).collect();
    years.sort_unstable();
    years.dedup();
    let series = years
        .iter()
        .map(|y| {
            let values = categories
                .iter()
                .map(|(code, _)| {
                    points
                        .iter()
                        .find(|p| p.1 == *y && p.0.0 == *code)
                        .and_then(|p| p.2)
                })
                .collect();
            (crate::words::year_label(*y, lang), values)
        })
        .collect();
    (categories, years, series)
}

/// One line per unit of `value` over the years (points sorted by year, missing values left out),
/// and the span of the years in the frame.
type UnitSeries = (Vec<(String, Vec<(i32, f64)>)>, String);

fn unit_series(df: &DataFrame, value: &str) -> Result<UnitSeries, PlotError> {
    let units = strs(df, c::UNIT)?;
    let years = years(df, c::YEAR)?;
    let values = floats(df, value)?;
    let mut series: Vec<(String, Vec<(i32, f64)>)> = Vec::new();
    for i in 0..df.height() {
        let (Some(y), Some(v)) = (years[i], values[i]) else {
            continue;
        };
        match series.iter_mut().find(|(u, _)| *u == units[i]) {
            Some((_, points)) => points.push((y, v)),
            None => series.push((units[i].clone(), vec![(y, v)])),
        }
    }
    for (_, points) in &mut series {
        points.sort_by_key(|(y, _)| *y);
    }
    let all: Vec<i32> = years.iter().flatten().copied().collect();
    Ok((series, year_span(&all)))
}

/// Under the latest unit map a trend's rows may carry `predecessors` (JSON: each predecessor's
/// unit and own attainment in a year before its successor began): each predecessor becomes a
/// series of its own (unless the trend already has it), and each successor a break line before
/// its first own year, labelled with the day the predecessors' work moved.
fn predecessor_series(
    df: &DataFrame,
    series: &mut Vec<(String, Vec<(i32, f64)>)>,
    lang: Lang,
) -> Result<Vec<(f64, String)>, PlotError> {
    if !df.schema().contains(c::PREDECESSORS) {
        return Ok(Vec::new());
    }
    let units = strs(df, c::UNIT)?;
    let years = years(df, c::YEAR)?;
    let texts = strs(df, c::PREDECESSORS)?;
    let own: Vec<String> = series.iter().map(|(u, _)| u.clone()).collect();
    let mut breaks: Vec<(f64, String)> = Vec::new();
    for i in 0..df.height() {
        let (Some(year), text) = (years[i], &texts[i]) else {
            continue;
        };
        let Ok(serde_json::Value::Array(items)) = serde_json::from_str(text) else {
            continue;
        };
        for item in &items {
            let unit = item[c::UNIT].as_str().unwrap_or_default();
            if let Some(v) = item[c::ATTAINMENT].as_f64()
                && !own.iter().any(|u| u == unit)
            {
                match series.iter_mut().find(|(u, _)| u == unit) {
                    Some((_, points)) => points.push((year, v)),
                    None => series.push((unit.to_owned(), vec![(year, v)])),
                }
            }
            // The successor's first own year: the break comes before it.
            let first = series
                .iter()
                .find(|(u, _)| *u == units[i])
                .and_then(|(_, p)| p.iter().map(|(y, _)| *y).filter(|y| *y > year).min());
            if let (Some(first), Some(day)) = (first, item[c::CHANGED].as_str()) {
                let x = f64::from(first) - 0.5;
                let label = crate::words::reorganised(&day_month_year(day), lang);
                if !breaks.iter().any(|(at, _)| (*at - x).abs() < 1e-9) {
                    breaks.push((x, label));
                }
            }
        }
    }
    for (_, points) in series.iter_mut() {
        points.sort_by_key(|(y, _)| *y);
        points.dedup_by_key(|(y, _)| *y);
    }
    Ok(breaks)
}

/// "2025-03-01" as "01/03/2025".
fn day_month_year(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => format!("{d}/{m}/{y}"),
        _ => iso.to_owned(),
    }
}

/// "2021–2024", or "2021" for one year.
pub fn year_span(years: &[i32]) -> String {
    match (years.iter().min(), years.iter().max()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

impl ParetoChart {
    /// Builds the chart from a `scorecard gaps` frame for one unit and year.
    pub fn from_gaps(
        gaps: &DataFrame,
        unit: &str,
        year: i32,
        lang: Lang,
    ) -> Result<ParetoChart, PlotError> {
        let one = of_unit(gaps, unit, &[c::YEAR, c::RANK])?
            .lazy()
            .filter(col(c::YEAR).eq(lit(year)))
            .collect()?;
        if one.height() == 0 {
            return Err(PlotError::NoData {
                what: format!("{unit}, {year}"),
            });
        }
        let codes = strs(&one, c::CODE)?;
        let names = strs(&one, c::CRITERION)?;
        let lost = floats(&one, c::POINTS_LOST)?;
        let cum = floats(&one, c::CUMULATIVE_SHARE)?;
        let bars = (0..one.height())
            .map(|i| ParetoBar {
                code: codes[i].clone(),
                name: names[i].clone(),
                points_lost: lost[i].unwrap_or(0.0),
                cumulative_share: cum[i].unwrap_or(0.0),
            })
            .collect();
        let title = crate::words::pareto_title(unit, year, lang);
        Ok(ParetoChart { title, bars, lang })
    }

    /// Draws the chart; the extension of `path` picks PNG or SVG.
    pub fn draw(&self, path: &Path) -> Result<(), PlotError> {
        draw::render(path, self)
    }

    /// Draws the chart as an SVG document in memory.
    pub fn svg(&self) -> Result<String, PlotError> {
        draw::render_svg(self)
    }
}

impl GroupedBars {
    /// Attainment by field and year for one unit, from a `field_totals` frame.
    pub fn field_years(
        fields: &DataFrame,
        unit: &str,
        lang: Lang,
    ) -> Result<GroupedBars, PlotError> {
        let one = of_unit(fields, unit, &[c::YEAR, c::ROW])?;
        let years = years(&one, c::YEAR)?;
        let codes = strs(&one, c::CODE)?;
        let names = strs(&one, c::CRITERION)?;
        let max = floats(&one, c::MAX_SCORE)?;
        let score = floats(&one, c::SCORE)?;
        let points: Vec<Point> = (0..one.height())
            .filter_map(|i| {
                let value = match (score[i], max[i]) {
                    (Some(s), Some(m)) if m > 0.0 => Some(s / m),
                    _ => None,
                };
                Some(((codes[i].clone(), names[i].clone()), years[i]?, value))
            })
            .collect();
        let (categories, distinct_years, series) = pivot(&points, lang);
        let span = year_span(&distinct_years);
        let title = crate::words::fields_title(unit, &span, lang);
        let y_label = lang.say(ph::ATTAINMENT).to_owned();
        Ok(GroupedBars {
            title,
            categories,
            series,
            y_label,
            target: None,
            lang,
        })
    }

    /// Draws the chart; the extension of `path` picks PNG or SVG.
    pub fn draw(&self, path: &Path) -> Result<(), PlotError> {
        draw::render(path, self)
    }

    /// Draws the chart as an SVG document in memory.
    pub fn svg(&self) -> Result<String, PlotError> {
        draw::render_svg(self)
    }
}

impl TrendChart {
    /// Attainment of each unit over the years, from a `scorecard trend` frame.
    pub fn from_trend(trend: &DataFrame, lang: Lang) -> Result<TrendChart, PlotError> {
        if trend.height() == 0 {
            return Err(PlotError::NoData {
                what: lang.say(ph::TREND).to_owned(),
            });
        }
        let (mut series, span) = unit_series(trend, c::ATTAINMENT)?;
        let breaks = predecessor_series(trend, &mut series, lang)?;
        if series.is_empty() {
            // No maxima (a published index such as PAPI): the totals themselves.
            let (series, span) = unit_series(trend, c::SCORE_TOTAL)?;
            let title = crate::words::totals_title(&span, lang);
            return Ok(TrendChart {
                title,
                series,
                y_label: lang.say(ph::TOTAL_SCORE).to_owned(),
                percent: false,
                breaks: Vec::new(),
                lang,
            });
        }
        let title = crate::words::index_title(&span, lang);
        let y_label = lang.say(ph::ATTAINMENT).to_owned();
        Ok(TrendChart {
            title,
            series,
            y_label,
            percent: true,
            breaks,
            lang,
        })
    }

    /// Draws the chart; the extension of `path` picks PNG or SVG.
    pub fn draw(&self, path: &Path) -> Result<(), PlotError> {
        draw::render(path, self)
    }

    /// Draws the chart as an SVG document in memory.
    pub fn svg(&self) -> Result<String, PlotError> {
        draw::render_svg(self)
    }
}

/// Diverging stacked bars of the five answer levels: the negative levels to the left of zero,
/// the positive ones to the right, the neutral level split across the middle.
#[derive(Debug, Clone, PartialEq)]
pub struct LikertChart {
    /// Title naming the unit and the years.
    pub title: String,
    /// The answers' scale (its level names in the legend); `None` when the bars mix scales.
    pub scale: Option<Scale>,
    /// One bar per (element, year): its label and the shares of levels 1–5 (fractions).
    pub bars: Vec<(String, [f64; 5])>,
    /// Label language.
    pub lang: Lang,
}

/// The one scale of a survey frame's rows (`None` when they mix scales); satisfaction for a
/// frame without the column.
fn frame_scale(df: &DataFrame) -> Option<Scale> {
    let Ok(column) = df.column(c::SCALE) else {
        return Some(Scale::Satisfaction);
    };
    let Ok(values) = column.str() else {
        return Some(Scale::Satisfaction);
    };
    cchc_model::scale::shared(values.iter().flatten()).unwrap_or(Some(Scale::Satisfaction))
}

impl LikertChart {
    /// Builds the chart from a `survey distribution --by element` frame for one unit.
    pub fn from_distribution(
        dist: &DataFrame,
        unit: &str,
        lang: Lang,
    ) -> Result<LikertChart, PlotError> {
        // The analysis orders groups (elements by question number); keep that order, element by
        // element, years within each.
        let one = of_unit(dist, unit, &[])?;
        let order: Vec<String> = {
            let mut seen: Vec<String> = Vec::new();
            for g in strs(&one, c::GROUP)? {
                if !seen.contains(&g) {
                    seen.push(g);
                }
            }
            seen
        };
        let rank = |g: &String| order.iter().position(|o| o == g).unwrap_or(order.len());
        let groups = strs(&one, c::GROUP)?;
        let years = years(&one, c::YEAR)?;
        let shares: Vec<Vec<Option<f64>>> = (1..=5)
            .map(|l| floats(&one, &format!("share_{l}")))
            .collect::<PolarsResult<_>>()?;
        let mut rows: Vec<usize> = (0..one.height()).collect();
        rows.sort_by_key(|&i| (rank(&groups[i]), years[i]));
        let bars = rows
            .into_iter()
            .map(|i| {
                let label = format!(
                    "{} — {}",
                    groups[i],
                    years[i].map(|y| y.to_string()).unwrap_or_default()
                );
                let s = [0, 1, 2, 3, 4].map(|l| shares[l][i].unwrap_or(0.0));
                (label, s)
            })
            .collect();
        let all_years: Vec<i32> = years.iter().flatten().copied().collect();
        let span = year_span(&all_years);
        let scale = frame_scale(&one);
        let what = scale_words(scale, lang).dimension;
        let title = crate::words::by_element(what, unit, &span, lang);
        Ok(LikertChart {
            title,
            scale,
            bars,
            lang,
        })
    }

    /// Draws the chart; the extension of `path` picks PNG or SVG.
    pub fn draw(&self, path: &Path) -> Result<(), PlotError> {
        draw::render(path, self)
    }

    /// Draws the chart as an SVG document in memory.
    pub fn svg(&self) -> Result<String, PlotError> {
        draw::render_svg(self)
    }
}

/// One row of a survey index for a chart: (group, year, index).
type IndexRow = (String, i32, f64);

/// The rows of a `survey index` frame for one unit, and their scale.
fn index_rows(index: &DataFrame, unit: &str) -> Result<(Vec<IndexRow>, Option<Scale>), PlotError> {
    let one = of_unit(index, unit, &[])?;
    let scale = frame_scale(&one);
    let groups = strs(&one, c::GROUP)?;
    let years = years(&one, c::YEAR)?;
    let values = floats(&one, c::INDEX)?;
    let rows = (0..one.height())
        .filter_map(|i| Some((groups[i].clone(), years[i]?, values[i]?)))
        .collect();
    Ok((rows, scale))
}

impl TrendChart {
    /// The satisfaction index of each element over the years for one unit, from a
    /// `survey index --by element` frame.
    pub fn survey_elements(
        index: &DataFrame,
        unit: &str,
        lang: Lang,
    ) -> Result<TrendChart, PlotError> {
        let (rows, scale) = index_rows(index, unit)?;
        let words = scale_words(scale, lang);
        let (name, y_label) = (words.index, words.share);
        let mut series: Vec<(String, Vec<(i32, f64)>)> = Vec::new();
        for (group, year, value) in &rows {
            match series.iter_mut().find(|(g, _)| g == group) {
                Some((_, points)) => points.push((*year, *value)),
                None => series.push((group.clone(), vec![(*year, *value)])),
            }
        }
        for (_, points) in &mut series {
            points.sort_by_key(|(y, _)| *y);
        }
        let years: Vec<i32> = rows.iter().map(|r| r.1).collect();
        let span = year_span(&years);
        let title = crate::words::by_element(name, unit, &span, lang);
        let y_label = y_label.to_owned();
        Ok(TrendChart {
            title,
            series,
            y_label,
            percent: true,
            breaks: Vec::new(),
            lang,
        })
    }
}

impl GroupedBars {
    /// The satisfaction index by element, years side by side, for one unit, from a
    /// `survey index --by element` frame. Elements are numbered in the order they appear.
    pub fn survey_element_years(
        index: &DataFrame,
        unit: &str,
        lang: Lang,
    ) -> Result<GroupedBars, PlotError> {
        let (rows, scale) = index_rows(index, unit)?;
        let words = scale_words(scale, lang);
        let (name, y_label) = (words.index, words.share);
        // Elements are numbered in the order the analysis gives them (questionnaire order).
        let mut names: Vec<String> = Vec::new();
        for (group, _, _) in &rows {
            if !names.contains(group) {
                names.push(group.clone());
            }
        }
        let number = |g: &String| {
            names
                .iter()
                .position(|n| n == g)
                .map_or(0, |i| i + 1)
                .to_string()
        };
        let points: Vec<Point> = rows
            .iter()
            .map(|(g, y, v)| ((number(g), g.clone()), *y, Some(*v)))
            .collect();
        let (categories, years, series) = pivot(&points, lang);
        let span = year_span(&years);
        let title = crate::words::by_element_and_year(name, unit, &span, lang);
        let y_label = y_label.to_owned();
        Ok(GroupedBars {
            title,
            categories,
            series,
            y_label,
            target: None,
            lang,
        })
    }
}

impl GroupedBars {
    /// Dossier channel shares by year for one unit, from a `procedures stats --by unit` frame,
    /// with the postal-share target as a line.
    pub fn channel_shares(
        rollup: &DataFrame,
        unit: &str,
        postal_target: f64,
        lang: Lang,
    ) -> Result<GroupedBars, PlotError> {
        let one = of_unit(rollup, unit, &[c::YEAR])?;
        let years = years(&one, c::YEAR)?;
        let channels = [
            (c::ONLINE_SHARE, lang.say(ph::ONLINE)),
            (c::DIRECT_SHARE, lang.say(ph::IN_PERSON)),
            (c::POSTAL_SHARE, lang.say(ph::PUBLIC_POSTAL_SERVICE)),
        ];
        let mut points: Vec<Point> = Vec::new();
        for (k, (column, name)) in channels.iter().enumerate() {
            let values = floats(&one, column)?;
            for i in 0..one.height() {
                if let Some(y) = years[i] {
                    points.push((((k + 1).to_string(), (*name).to_owned()), y, values[i]));
                }
            }
        }
        let (categories, distinct_years, series) = pivot(&points, lang);
        let span = year_span(&distinct_years);
        let title = crate::words::channels_title(unit, &span, lang);
        let pct = draw::fmt_num(postal_target * 100.0, 0, lang);
        Ok(GroupedBars {
            title,
            categories,
            series,
            y_label: lang.say(ph::SHARE_OF_DOSSIERS).to_owned(),
            target: Some((crate::words::postal_target(&pct, lang), postal_target, 2)),
            lang,
        })
    }
}

impl TrendChart {
    /// The on-time rate of each unit over the years, from a `procedures stats --by unit` frame.
    pub fn on_time(rollup: &DataFrame, lang: Lang) -> Result<TrendChart, PlotError> {
        let (series, span) = unit_series(rollup, c::ON_TIME_RATE)?;
        if series.is_empty() {
            return Err(PlotError::NoData {
                what: lang.say(ph::ON_TIME_RATE).to_owned(),
            });
        }
        Ok(TrendChart {
            title: crate::words::on_time_title(&span, lang),
            series,
            y_label: lang.say(ph::ON_TIME_RESOLVED).to_owned(),
            percent: true,
            breaks: Vec::new(),
            lang,
        })
    }
}

/// Procedures as points: dossiers received (log scale) against a rate, candidates for
/// simplification highlighted and labelled with their codes.
#[derive(Debug, Clone, PartialEq)]
pub struct ScatterChart {
    /// Title naming the unit and year.
    pub title: String,
    /// (code, dossiers received, rate as a fraction, candidate?).
    pub points: Vec<(String, f64, f64, bool)>,
    /// X axis label.
    pub x_label: String,
    /// Y axis label.
    pub y_label: String,
    /// Legend labels: (candidates, others).
    pub legend: (String, String),
    /// Label language.
    pub lang: Lang,
}

impl ScatterChart {
    /// Volume against `rate` ("late_rate" or "time_ratio") for one unit and year, from a
    /// `procedures stats` frame; `candidates` are the codes proposed for simplification.
    /// Procedures without dossiers have no point on a log scale: the subtitle counts them.
    pub fn procedures(
        stats: &DataFrame,
        unit: &str,
        year: i32,
        rate: &str,
        candidates: &[String],
        lang: Lang,
    ) -> Result<ScatterChart, PlotError> {
        let one = of_unit(stats, unit, &[c::CODE])?
            .lazy()
            .filter(col(c::YEAR).eq(lit(year)))
            .collect()?;
        let codes = strs(&one, c::CODE)?;
        let received = floats(&one, c::RECEIVED)?;
        let values = floats(&one, rate)?;
        let mut points = Vec::new();
        let mut without = 0;
        for i in 0..one.height() {
            match (received[i], values[i]) {
                (Some(n), Some(v)) if n >= 1.0 => {
                    points.push((codes[i].clone(), n, v, candidates.contains(&codes[i])))
                }
                _ => without += 1,
            }
        }
        if points.is_empty() {
            return Err(PlotError::NoData {
                what: format!("{unit} {year}"),
            });
        }
        let what = crate::words::scatter_axis(rate == c::TIME_RATIO, lang);
        let title = crate::words::scatter_title(
            &what.trim_end_matches(" (%)").to_lowercase(),
            unit,
            year,
            without,
            lang,
        );
        Ok(ScatterChart {
            title,
            points,
            x_label: lang.say(ph::DOSSIERS_RECEIVED_LOG_SCALE).to_owned(),
            y_label: what.to_owned(),
            legend: (
                lang.say(ph::PROPOSED_FOR_SIMPLIFICATION).to_owned(),
                lang.say(ph::OTHER_PROCEDURES).to_owned(),
            ),
            lang,
        })
    }

    /// Draws the chart; the extension of `path` picks PNG or SVG.
    pub fn draw(&self, path: &Path) -> Result<(), PlotError> {
        draw::render(path, self)
    }

    /// Draws the chart as an SVG document in memory.
    pub fn svg(&self) -> Result<String, PlotError> {
        draw::render_svg(self)
    }
}

#[cfg(test)]
mod tests;
