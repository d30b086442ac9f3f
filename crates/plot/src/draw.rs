//! Drawing with plotters on either backend. Each chart is a [`Chart`] that draws on any
//! `DrawingBackend`; [`render`] picks the backend from the file extension.

use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::font::{self, FAMILY};
use crate::words::phrases as ph;
use crate::{
    GroupedBars, LikertChart, ParetoChart, PlotError, ScatterChart, TrendChart, level_names,
};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Raster, for documents and slides.
    Png,
    /// Vector, for print and for tests that read the text.
    Svg,
}

impl Format {
    /// The format a path's extension asks for.
    pub fn of(path: &Path) -> Option<Format> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("png") => Some(Format::Png),
            Some("svg") => Some(Format::Svg),
            _ => None,
        }
    }
}

/// Series colours: distinct, print-safe.
pub const BAR_COLORS: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
];

const WIDTH: u32 = 1600;
/// Width of a chart inlined in a printed page: narrower than a file's, so that its text keeps a
/// readable size at the page's 16 cm.
const PAGE_WIDTH: u32 = 1100;
const LEGEND_LINE: u32 = 30;
/// Longest item name listed under a chart before it is shortened.
const NAME_CHARS: usize = 110;
/// Most bars a Pareto shows; the rest are summed into one.
const MAX_BARS: usize = 20;

type DrawResult = Result<(), String>;

pub(crate) trait Chart {
    fn height(&self) -> u32;
    fn plot<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult;
}

pub(crate) fn render<C: Chart>(path: &Path, chart: &C) -> Result<(), PlotError> {
    font::ensure();
    let draw_err = |detail: String| PlotError::Draw {
        path: path.to_owned(),
        detail,
    };
    let size = (WIDTH, chart.height());
    match Format::of(path) {
        Some(Format::Png) => {
            let root = BitMapBackend::new(path, size).into_drawing_area();
            chart.plot(&root).map_err(draw_err)?;
            root.present().map_err(|e| draw_err(e.to_string()))
        }
        Some(Format::Svg) => {
            let root = SVGBackend::new(path, size).into_drawing_area();
            chart.plot(&root).map_err(draw_err)?;
            root.present().map_err(|e| draw_err(e.to_string()))
        }
        None => Err(PlotError::Extension {
            path: path.to_owned(),
        }),
    }
}

/// Draws a chart as an SVG document held in memory, at the width of a printed page (for a page
/// that inlines it).
pub(crate) fn render_svg<C: Chart>(chart: &C) -> Result<String, PlotError> {
    font::ensure();
    let draw_err = |detail: String| PlotError::Draw {
        path: PathBuf::from("<svg>"),
        detail,
    };
    let mut out = String::new();
    {
        let root =
            SVGBackend::with_string(&mut out, (PAGE_WIDTH, chart.height())).into_drawing_area();
        chart.plot(&root).map_err(draw_err)?;
        root.present().map_err(|e| draw_err(e.to_string()))?;
    }
    Ok(out)
}

/// A number as the language writes it: "87,5" in Vietnamese, "87.5" in English.
pub(crate) use cchc_model::labels::fmt_number as fmt_num;

fn style(size: f64) -> TextStyle<'static> {
    (FAMILY, size).into_font().color(&BLACK)
}

fn bold(size: f64) -> TextStyle<'static> {
    (FAMILY, size, FontStyle::Bold).into_font().color(&BLACK)
}

/// The width of a bold character of the embedded sans, as a share of the font size (capitals
/// and Vietnamese letters with marks are wider than the average).
const BOLD_EM: f64 = 0.62;

/// A chart's title in bold at `size`, or smaller so that it fits the chart's width with a margin
/// on each side: a title is never clipped.
fn title_style(title: &str, size: f64) -> TextStyle<'static> {
    let room = f64::from(WIDTH) * 0.92;
    let chars = title.chars().count().max(1) as f64;
    bold(size.min(room / (chars * BOLD_EM)))
}

/// Category names short enough to stand under their bars (no key of codes below the chart).
const NAME_UNDER_BAR: usize = 24;

/// Label positions for values that may sit close together: each label at its value plus
/// `lift`, pushed up just enough to stand `gap` above the label below it (values in the chart's
/// units). In the order given.
fn spread_labels(values: &[f64], lift: f64, gap: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| values[*a].total_cmp(&values[*b]));
    let mut at = vec![0.0; values.len()];
    let mut below = f64::NEG_INFINITY;
    for i in order {
        let y = (values[i] + lift).max(below + gap);
        at[i] = y;
        below = y;
    }
    at
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= NAME_CHARS {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(NAME_CHARS - 1).collect();
        format!("{cut}…")
    }
}

fn e<T: std::fmt::Display>(err: T) -> String {
    err.to_string()
}

/// The code of category `i` when `x` is the centre `i + 0.5` of its slot, else nothing: category
/// charts ask for labels at every half step and print only the centres.
fn code_at_center(codes: &[String], x: f64) -> String {
    if (x - x.floor() - 0.5).abs() < 1e-6 {
        codes.get(x.floor() as usize).cloned().unwrap_or_default()
    } else {
        String::new()
    }
}

/// Lists "code — name" lines under a chart.
fn legend_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    lines: &[(String, String)],
) -> DrawResult {
    for (i, (code, name)) in lines.iter().enumerate() {
        let y = 8 + (i as u32 * LEGEND_LINE) as i32;
        area.draw(&Text::new(
            format!("{code}  {}", shorten(name)),
            (60, y),
            style(20.0),
        ))
        .map_err(e)?;
    }
    Ok(())
}

impl ParetoChart {
    /// Bars shown: the largest, then the rest summed into one.
    pub(crate) fn shown(&self) -> Vec<(String, String, f64, f64)> {
        let mut shown: Vec<(String, String, f64, f64)> = self
            .bars
            .iter()
            .take(MAX_BARS)
            .map(|b| {
                (
                    b.code.clone(),
                    b.name.clone(),
                    b.points_lost,
                    b.cumulative_share,
                )
            })
            .collect();
        if self.bars.len() > MAX_BARS {
            let rest = &self.bars[MAX_BARS..];
            let label = crate::words::others(rest.len(), self.lang);
            let lost = rest.iter().map(|b| b.points_lost).sum();
            let cum = rest.last().map(|b| b.cumulative_share).unwrap_or(1.0);
            shown.push(("…".to_owned(), label, lost, cum));
        }
        shown
    }
}

impl Chart for ParetoChart {
    fn height(&self) -> u32 {
        760 + self.shown().len() as u32 * LEGEND_LINE
    }

    fn plot<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult {
        root.fill(&WHITE).map_err(e)?;
        let shown = self.shown();
        let (top, bottom) = root.split_vertically(740);
        let n = shown.len();
        let max_lost = shown.iter().map(|s| s.2).fold(0.0, f64::max).max(0.01) * 1.15;
        let mut chart = ChartBuilder::on(&top)
            .caption(&self.title, title_style(&self.title, 32.0))
            .margin(24)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .right_y_label_area_size(90)
            .build_cartesian_2d(0f64..n as f64, 0f64..max_lost)
            .map_err(e)?
            .set_secondary_coord(0f64..n as f64, 0f64..1.05);
        let lang = self.lang;
        let codes: Vec<String> = shown.iter().map(|s| s.0.clone()).collect();
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n.max(1) * 2 + 1)
            .x_label_formatter(&|x| code_at_center(&codes, *x))
            .y_desc(lang.say(ph::POINTS_LOST))
            .y_label_formatter(&|y| fmt_num(*y, 2, lang))
            .label_style(style(20.0))
            .axis_desc_style(style(22.0))
            .light_line_style(WHITE)
            .draw()
            .map_err(e)?;
        chart
            .configure_secondary_axes()
            .y_desc(lang.say(ph::CUMULATIVE_SHARE))
            .y_label_formatter(&|y| format!("{:.0}", y * 100.0))
            .label_style(style(20.0))
            .axis_desc_style(style(22.0))
            .draw()
            .map_err(e)?;
        chart
            .draw_series(shown.iter().enumerate().map(|(i, s)| {
                Rectangle::new(
                    [(i as f64 + 0.15, 0.0), (i as f64 + 0.85, s.2)],
                    BAR_COLORS[0].filled(),
                )
            }))
            .map_err(e)?
            .label(lang.say(ph::POINTS_LOST))
            .legend(|(x, y)| Rectangle::new([(x, y - 8), (x + 20, y + 8)], BAR_COLORS[0].filled()));
        chart
            .draw_series(shown.iter().enumerate().map(|(i, s)| {
                Text::new(
                    fmt_num(s.2, 2, lang),
                    (i as f64 + 0.5, s.2 + max_lost * 0.02),
                    style(18.0).pos(plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Center,
                        plotters::style::text_anchor::VPos::Bottom,
                    )),
                )
            }))
            .map_err(e)?;
        let line: Vec<(f64, f64)> = shown
            .iter()
            .enumerate()
            .map(|(i, s)| (i as f64 + 0.5, s.3))
            .collect();
        chart
            .draw_secondary_series(LineSeries::new(line.clone(), BAR_COLORS[3].stroke_width(3)))
            .map_err(e)?
            .label(lang.say(ph::CUMULATIVE_SHARE_2))
            .legend(|(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], BAR_COLORS[3].stroke_width(3))
            });
        chart
            .draw_secondary_series(
                line.iter()
                    .map(|p| Circle::new(*p, 5, BAR_COLORS[3].filled())),
            )
            .map_err(e)?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::MiddleRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font(style(20.0))
            .draw()
            .map_err(e)?;
        let lines: Vec<(String, String)> =
            shown.iter().map(|s| (s.0.clone(), s.1.clone())).collect();
        legend_lines(&bottom, &lines)
    }
}

impl GroupedBars {
    /// Whether every category's name fits under its bars (else codes, with a key below).
    fn names_under_bars(&self) -> bool {
        self.categories
            .iter()
            .all(|(_, name)| name.chars().count() <= NAME_UNDER_BAR)
    }
}

impl Chart for GroupedBars {
    fn height(&self) -> u32 {
        if self.names_under_bars() {
            760
        } else {
            760 + self.categories.len() as u32 * LEGEND_LINE
        }
    }

    fn plot<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult {
        root.fill(&WHITE).map_err(e)?;
        let (top, bottom) = root.split_vertically(740);
        let n = self.categories.len();
        let named = self.names_under_bars();
        let codes: Vec<String> = self
            .categories
            .iter()
            .map(|(code, name)| if named { name.clone() } else { code.clone() })
            .collect();
        let mut chart = ChartBuilder::on(&top)
            .caption(&self.title, title_style(&self.title, 32.0))
            .margin(24)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d(0f64..n as f64, 0f64..128.0)
            .map_err(e)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(n.max(1) * 2 + 1)
            .x_label_formatter(&|x| code_at_center(&codes, *x))
            .y_desc(&self.y_label)
            .y_label_formatter(&|y| {
                if *y <= 100.0 {
                    format!("{y:.0}")
                } else {
                    String::new()
                }
            })
            .label_style(style(20.0))
            .axis_desc_style(style(22.0))
            .light_line_style(WHITE)
            .draw()
            .map_err(e)?;
        let k = self.series.len().max(1) as f64;
        let width = 0.8 / k;
        for (j, (label, values)) in self.series.iter().enumerate() {
            let color = BAR_COLORS[j % BAR_COLORS.len()];
            chart
                .draw_series(values.iter().enumerate().filter_map(|(i, v)| {
                    let v = (*v)? * 100.0;
                    let x0 = i as f64 + 0.1 + j as f64 * width;
                    Some(Rectangle::new(
                        [(x0, 0.0), (x0 + width * 0.92, v)],
                        color.filled(),
                    ))
                }))
                .map_err(e)?
                .label(label.as_str())
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 8), (x + 20, y + 8)], color.filled())
                });
        }
        if let Some((label, value, at)) = &self.target {
            let y = value * 100.0;
            let red = RGBColor(200, 30, 30);
            let x = *at as f64;
            chart
                .draw_series(LineSeries::new([(x, y), (x + 1.0, y)], red.stroke_width(3)))
                .map_err(e)?
                .label(label.as_str())
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], red.stroke_width(3)));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font(style(20.0))
            .draw()
            .map_err(e)?;
        if named {
            return Ok(());
        }
        legend_lines(&bottom, &self.categories)
    }
}

impl Chart for ScatterChart {
    fn height(&self) -> u32 {
        900
    }

    fn plot<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult {
        root.fill(&WHITE).map_err(e)?;
        let max_x = self.points.iter().map(|p| p.1).fold(10.0, f64::max) * 1.5;
        let max_y = self.points.iter().map(|p| p.2 * 100.0).fold(10.0, f64::max) * 1.15;
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, title_style(&self.title, 28.0))
            .margin(24)
            .x_label_area_size(60)
            .y_label_area_size(90)
            .build_cartesian_2d((1f64..max_x).log_scale(), 0f64..max_y)
            .map_err(e)?;
        let lang = self.lang;
        chart
            .configure_mesh()
            .x_desc(&self.x_label)
            .y_desc(&self.y_label)
            .x_label_formatter(&|x| fmt_num(*x, 0, lang))
            .y_label_formatter(&|y| format!("{y:.0}"))
            .label_style(style(20.0))
            .axis_desc_style(style(22.0))
            .light_line_style(WHITE)
            .draw()
            .map_err(e)?;
        let grey = RGBColor(150, 150, 150);
        let red = RGBColor(200, 30, 30);
        chart
            .draw_series(
                self.points
                    .iter()
                    .filter(|p| !p.3)
                    .map(|p| Circle::new((p.1, p.2 * 100.0), 7, grey.filled())),
            )
            .map_err(e)?
            .label(self.legend.1.as_str())
            .legend(move |(x, y)| Circle::new((x + 10, y), 7, grey.filled()));
        // A proposed procedure's code beside its point, unless it would cover a code already
        // written (many procedures sit at 0% late): codes placed left to right, first come.
        let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
        let mut labelled: Vec<bool> = Vec::new();
        let mut candidates: Vec<&(String, f64, f64, bool)> =
            self.points.iter().filter(|p| p.3).collect();
        candidates.sort_by(|a, b| a.1.total_cmp(&b.1));
        for p in &candidates {
            let (px, py) = chart.backend_coord(&(p.1, p.2 * 100.0));
            let w = (p.0.chars().count() as f64 * 16.0 * 0.6) as i32;
            let b = (px + 10, py - 22, px + 10 + w, py - 4);
            let free = placed
                .iter()
                .all(|q| b.2 < q.0 || b.0 > q.2 || b.3 < q.1 || b.1 > q.3);
            if free {
                placed.push(b);
            }
            labelled.push(free);
        }
        chart
            .draw_series(candidates.iter().zip(&labelled).map(|(p, shown)| {
                let point =
                    EmptyElement::at((p.1, p.2 * 100.0)) + Circle::new((0, 0), 9, red.filled());
                let code = if *shown { p.0.clone() } else { String::new() };
                point + Text::new(code, (10, -22), style(16.0))
            }))
            .map_err(e)?
            .label(self.legend.0.as_str())
            .legend(move |(x, y)| Circle::new((x + 10, y), 9, red.filled()));
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font(style(20.0))
            .draw()
            .map_err(e)?;
        Ok(())
    }
}

impl Chart for TrendChart {
    fn height(&self) -> u32 {
        900
    }

    fn plot<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult {
        root.fill(&WHITE).map_err(e)?;
        let lang = self.lang;
        let years: Vec<i32> = self
            .series
            .iter()
            .flat_map(|(_, p)| p.iter().map(|(y, _)| *y))
            .collect();
        let (y0, y1) = (
            years.iter().min().copied().unwrap_or(2020),
            years.iter().max().copied().unwrap_or(2021),
        );
        // Fractions are drawn as percentages up to 100; points between their own bounds.
        let scale = if self.percent { 100.0 } else { 1.0 };
        let values: Vec<f64> = self
            .series
            .iter()
            .flat_map(|(_, p)| p.iter().map(|(_, v)| v * scale))
            .collect();
        let (floor, ceiling) = if self.percent {
            let low = values.iter().copied().fold(100.0, f64::min);
            (((low - 5.0) / 5.0).floor().max(0.0) * 5.0, 100.0)
        } else {
            let low = values.iter().copied().fold(f64::INFINITY, f64::min);
            let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let pad = ((high - low) * 0.1).max(0.5);
            ((low - pad).floor().max(0.0), (high + pad).ceil())
        };
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, title_style(&self.title, 32.0))
            .margin(24)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d(f64::from(y0) - 0.4..f64::from(y1) + 0.4, floor..ceiling)
            .map_err(e)?;
        chart
            .configure_mesh()
            .x_labels((y1 - y0 + 1) as usize)
            .x_label_formatter(&|x| {
                if (x - x.round()).abs() < 1e-6 {
                    format!("{:.0}", x)
                } else {
                    String::new()
                }
            })
            .x_desc(lang.say(ph::YEAR))
            .y_desc(&self.y_label)
            .y_label_formatter(&|y| {
                if self.percent {
                    format!("{y:.0}")
                } else {
                    fmt_num(*y, 1, lang)
                }
            })
            .label_style(style(20.0))
            .axis_desc_style(style(22.0))
            .light_line_style(WHITE)
            .draw()
            .map_err(e)?;
        // Where units were reorganised: a dashed grey line across the plot, labelled at its top.
        for (x, label) in &self.breaks {
            let grey = RGBColor(110, 110, 110);
            let steps = 24;
            let dash = (ceiling - floor) / f64::from(steps * 2);
            chart
                .draw_series((0..steps).map(|k| {
                    let from = floor + f64::from(k * 2) * dash;
                    PathElement::new(vec![(*x, from), (*x, from + dash)], grey.stroke_width(2))
                }))
                .map_err(e)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    label.clone(),
                    (*x + 0.03, ceiling - (ceiling - floor) * 0.02),
                    style(18.0).color(&grey),
                )))
                .map_err(e)?;
        }
        // Each year's value labels spread apart so that close values do not print over each
        // other: (series, year) → the label's height.
        let span = ceiling - floor;
        let mut label_at: std::collections::HashMap<(usize, i32), f64> =
            std::collections::HashMap::new();
        for year in y0..=y1 {
            let at_year: Vec<(usize, f64)> = self
                .series
                .iter()
                .enumerate()
                .filter_map(|(j, (_, p))| {
                    p.iter()
                        .find(|(y, _)| *y == year)
                        .map(|(_, v)| (j, v * scale))
                })
                .collect();
            let values: Vec<f64> = at_year.iter().map(|(_, v)| *v).collect();
            let spread = spread_labels(&values, 0.006 * span, 0.032 * span);
            for ((j, _), y) in at_year.iter().zip(spread) {
                label_at.insert((*j, year), y);
            }
        }
        for (j, (unit, points)) in self.series.iter().enumerate() {
            let color = BAR_COLORS[j % BAR_COLORS.len()];
            // Missing years break the line: one segment per run of consecutive years.
            let mut segments: Vec<Vec<(f64, f64)>> = Vec::new();
            for (k, (y, v)) in points.iter().enumerate() {
                let point = (f64::from(*y), v * scale);
                match segments.last_mut() {
                    Some(seg) if k > 0 && points[k - 1].0 + 1 == *y => seg.push(point),
                    _ => segments.push(vec![point]),
                }
            }
            for (s, seg) in segments.iter().enumerate() {
                let drawn = chart
                    .draw_series(LineSeries::new(seg.clone(), color.stroke_width(3)))
                    .map_err(e)?;
                if s == 0 {
                    drawn.label(unit.as_str()).legend(move |(x, y)| {
                        PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(3))
                    });
                }
            }
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|(y, v)| Circle::new((f64::from(*y), v * scale), 6, color.filled())),
                )
                .map_err(e)?;
            chart
                .draw_series(points.iter().map(|(y, v)| {
                    let at = label_at.get(&(j, *y)).copied().unwrap_or(v * scale);
                    Text::new(
                        fmt_num(v * scale, 1, lang),
                        (f64::from(*y) + 0.05, at),
                        style(18.0).color(&color),
                    )
                }))
                .map_err(e)?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font(style(20.0))
            .draw()
            .map_err(e)
    }
}

/// Colours of the five levels: reds for dissatisfaction, grey for neutral, blues for satisfaction.
const LEVEL_COLORS: [RGBColor; 5] = [
    RGBColor(178, 24, 43),
    RGBColor(239, 138, 98),
    RGBColor(200, 200, 200),
    RGBColor(103, 169, 207),
    RGBColor(33, 102, 172),
];

impl LikertChart {
    /// Each bar's segments as (level index, start, end) in percent, neutral centred on zero.
    pub(crate) fn segments(&self) -> Vec<Vec<(usize, f64, f64)>> {
        self.bars
            .iter()
            .map(|(_, s)| {
                let pct = s.map(|x| x * 100.0);
                let mut left = -(pct[0] + pct[1] + pct[2] / 2.0);
                let mut out = Vec::with_capacity(5);
                for (level, width) in pct.iter().enumerate() {
                    out.push((level, left, left + width));
                    left += width;
                }
                out
            })
            .collect()
    }
}

impl Chart for LikertChart {
    fn height(&self) -> u32 {
        220 + self.bars.len() as u32 * 44
    }

    fn plot<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult {
        root.fill(&WHITE).map_err(e)?;
        let n = self.bars.len();
        let lang = self.lang;
        let labels: Vec<String> = self.bars.iter().map(|b| b.0.clone()).collect();
        let mut chart = ChartBuilder::on(root)
            .caption(&self.title, title_style(&self.title, 32.0))
            .margin(24)
            .x_label_area_size(50)
            .y_label_area_size(560)
            .build_cartesian_2d(-100f64..100f64, 0f64..n as f64)
            .map_err(e)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n.max(1) * 2 + 1)
            .y_label_formatter(&|y| {
                // Bars are drawn top to bottom: bar i sits at n − 1 − i.
                if (y - y.floor() - 0.5).abs() < 1e-6 {
                    let i = n as i64 - 1 - y.floor() as i64;
                    usize::try_from(i)
                        .ok()
                        .and_then(|i| labels.get(i))
                        .map(|l| shorten(l))
                        .unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .x_labels(11)
            .x_label_formatter(&|x| format!("{:.0}", x.abs()))
            .x_desc(lang.say(ph::SHARE_OF_ANSWERS))
            .label_style(style(18.0))
            .axis_desc_style(style(22.0))
            .light_line_style(WHITE)
            .draw()
            .map_err(e)?;
        let names = level_names(self.scale, lang);
        for level in 0..5 {
            let color = LEVEL_COLORS[level];
            let rects: Vec<Rectangle<(f64, f64)>> = self
                .segments()
                .iter()
                .enumerate()
                .filter_map(|(i, segs)| {
                    let (_, a, b) = segs[level];
                    let y = (n - 1 - i) as f64;
                    (b > a).then(|| Rectangle::new([(a, y + 0.15), (b, y + 0.85)], color.filled()))
                })
                .collect();
            chart
                .draw_series(rects)
                .map_err(e)?
                .label(names[level])
                .legend(move |(x, y)| {
                    Rectangle::new([(x, y - 8), (x + 20, y + 8)], color.filled())
                });
        }
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, 0.0), (0.0, n as f64)],
                BLACK.stroke_width(2),
            )))
            .map_err(e)?;
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font(style(18.0))
            .draw()
            .map_err(e)
    }
}

#[cfg(test)]
mod tests;
