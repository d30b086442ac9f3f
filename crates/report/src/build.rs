//! From the analyses' result frames to the [`Document`]: which sections can be filled, their key
//! figures, tables and charts, and the plan of the next year.
//!
//! The frames are those the command line computes for its own commands (`scorecard gaps`,
//! `scorecard trend`, `survey index`, `survey distribution`, `procedures stats`, `procedures
//! simplify`), already limited to the report's units; the year is chosen here. A table kind the
//! store lacks, or lacks for the year, leaves its sections out and says so in `missing`: never an
//! empty chart.

use cchc_analysis::procedures::{POSTAL_TARGET, meets_target};
use cchc_model::Lang;
use cchc_model::columns as c;
use cchc_model::labels::{fmt_number, label};
use cchc_plot::{GroupedBars, LikertChart, ParetoChart, ScatterChart, TrendChart};
use polars::prelude::*;

use crate::ReportError;
use crate::model::*;

/// One imported file, as the store's manifest lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLine {
    /// File name.
    pub file: String,
    /// Kind of table (its name in the store).
    pub kind: String,
    /// Years its rows belong to.
    pub years: Vec<i32>,
    /// Units its rows belong to.
    pub units: Vec<String>,
    /// sha256 of its bytes.
    pub sha256: String,
    /// Rows read, imported, recognised as structure, rejected.
    pub read: u64,
    /// Rows imported.
    pub imported: u64,
    /// Rows recognised as structure.
    pub structure: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Warnings raised.
    pub warnings: u64,
}

/// The scorecards of the report's units.
#[derive(Debug, Clone)]
pub struct Scorecards {
    /// `scorecard gaps` at leaf level, every year.
    pub gaps: DataFrame,
    /// `scorecard trend`, every year (ranks among every unit of the store).
    pub trend: DataFrame,
    /// The stored leaf rows of the year with their reasons and remedies (unit, code, reason,
    /// remedy), for the plan's appendix.
    pub notes: DataFrame,
}

/// The surveys of the report's units.
#[derive(Debug, Clone)]
pub struct Surveys {
    /// `survey index --by overall`, every year.
    pub overall: DataFrame,
    /// `survey index --by element`, every year, p-values adjusted.
    pub elements: DataFrame,
    /// `survey distribution --by element`, every year.
    pub distribution: DataFrame,
}

/// The procedures of the report's units.
#[derive(Debug, Clone)]
pub struct Procedures {
    /// `procedures stats --by unit`, every year.
    pub by_unit: DataFrame,
    /// `procedures stats` per procedure, every year.
    pub stats: DataFrame,
    /// `procedures simplify` for the year, with the proposals and reasons in words.
    pub proposals: DataFrame,
    /// The summary line of each unit's proposal (share of procedures against the target).
    pub summaries: Vec<String>,
    /// The definitions of the rates.
    pub definitions: Vec<String>,
    /// The units and years whose figures cchc computed from a dossier log ("Sở Tư pháp 2025").
    pub from_logs: Vec<String>,
}

/// What the report is made from.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// Language.
    pub lang: Lang,
    /// The year reported on.
    pub year: i32,
    /// The units reported on.
    pub units: Vec<String>,
    /// Whether the units were chosen (else: every unit of the store).
    pub chosen: bool,
    /// Scorecards, when the store holds any.
    pub scorecards: Option<Scorecards>,
    /// Surveys, when the store holds any.
    pub surveys: Option<Surveys>,
    /// Procedures, when the store holds any statistics.
    pub procedures: Option<Procedures>,
    /// Every imported file.
    pub sources: Vec<SourceLine>,
}

// ---- reading frames ---------------------------------------------------------------------------

fn strs(df: &DataFrame, name: &str) -> PolarsResult<Vec<String>> {
    Ok(df
        .column(name)?
        .cast(&DataType::String)?
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default().to_owned())
        .collect())
}

fn floats(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    Ok(df
        .column(name)?
        .cast(&DataType::Float64)?
        .f64()?
        .iter()
        .collect())
}

fn ints(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<i64>>> {
    Ok(df
        .column(name)?
        .cast(&DataType::Int64)?
        .i64()?
        .iter()
        .collect())
}

fn of(df: &DataFrame, year: Option<i32>, unit: Option<&str>) -> PolarsResult<DataFrame> {
    let mut lf = df.clone().lazy();
    if let Some(y) = year {
        lf = lf.filter(col(c::YEAR).eq(lit(y)));
    }
    if let Some(u) = unit {
        lf = lf.filter(col(c::UNIT).eq(lit(u.to_owned())));
    }
    lf.collect()
}

fn units_of(df: &DataFrame, order: &[String]) -> PolarsResult<Vec<String>> {
    let present = strs(df, c::UNIT)?;
    Ok(order
        .iter()
        .filter(|u| present.contains(u))
        .cloned()
        .collect())
}

fn cell(x: Option<f64>) -> Cell {
    x.filter(|v| v.is_finite()).map_or(Cell::Empty, Cell::Num)
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

// ---- words ---------------------------------------------------------------------------------

struct W {
    lang: Lang,
}

impl W {
    fn pick<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(vi, en)
    }
    fn num(&self, x: f64, decimals: usize) -> String {
        fmt_number(x, decimals, self.lang)
    }
    /// A maximum as scorecards write it: "100", "39,5".
    fn trimmed(&self, x: f64) -> String {
        match self.lang {
            Lang::Vi => cchc_model::diag::fmt_num_vi(x),
            Lang::En => cchc_model::diag::fmt_num(x),
        }
    }
    fn pct(&self, x: f64) -> String {
        format!("{}%", self.num(x * 100.0, 1))
    }
    fn signed(&self, x: f64, decimals: usize) -> String {
        let s = self.num(x.abs(), decimals);
        if x > 0.0 {
            format!("+{s}")
        } else if x < 0.0 {
            format!("−{s}")
        } else {
            s
        }
    }
    fn col(&self, name: &str, kind: Kind, width: f64) -> Col {
        Col {
            header: label(name, self.lang),
            kind,
            width,
        }
    }
    fn named(&self, vi: &str, en: &str, kind: Kind, width: f64) -> Col {
        Col {
            header: self.pick(vi, en).to_owned(),
            kind,
            width,
        }
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the workbook
/// (`taken`, compared without case).
pub fn sheet_name(base: &str, taken: &[String]) -> String {
    let clean: String = base
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'').to_owned();
    let mut name: String = clean.chars().take(31).collect();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        let suffix = format!(" ({n})");
        name = clean
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    name
}

/// The short form of a unit for a sheet name: its initials after the kind of office ("Sở Tư
/// pháp" → "Sở TP", "UBND huyện Long Thành" → "UBND huyện LT").
fn short_unit(unit: &str) -> String {
    let words: Vec<&str> = unit.split_whitespace().collect();
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    let head = if words.len() > 2 && lower(words[1]) {
        2
    } else {
        1
    };
    let (kind, name) = words.split_at(head.min(words.len()));
    let initials: String = name
        .iter()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    if initials.is_empty() {
        kind.join(" ")
    } else {
        format!("{} {initials}", kind.join(" "))
    }
}

/// Hands out unique sheet names.
struct Sheets(Vec<String>);

impl Sheets {
    fn name(&mut self, base: &str) -> String {
        let name = sheet_name(base, &self.0);
        self.0.push(name.clone());
        name
    }
}

// ---- the document -----------------------------------------------------------------------------

/// Builds the document from the inputs.
pub fn build(inputs: &Inputs) -> Result<Document, ReportError> {
    let w = W { lang: inputs.lang };
    let year = inputs.year;
    let mut sheets = Sheets(Vec::new());
    let mut sections = Vec::new();
    let mut missing = Vec::new();

    let scorecards = match usable(
        &w,
        inputs.scorecards.as_ref(),
        |s| Ok(of(&s.gaps, Some(year), None)?.height() > 0),
        year,
        ("Điểm bị mất và xu hướng", "bảng điểm Chỉ số CCHC"),
        ("Points lost and trends", "PAR index scorecard"),
        &mut missing,
    )? {
        Some(s) => Some((s, of(&s.gaps, Some(year), None)?)),
        None => None,
    };
    let surveys = usable(
        &w,
        inputs.surveys.as_ref(),
        |s| Ok(of(&s.overall, Some(year), None)?.height() > 0),
        year,
        ("Sự hài lòng", "phiếu khảo sát"),
        ("Satisfaction", "survey"),
        &mut missing,
    )?;
    let procedures = usable(
        &w,
        inputs.procedures.as_ref(),
        |p| Ok(of(&p.by_unit, Some(year), None)?.height() > 0),
        year,
        ("Thủ tục hành chính", "thống kê hồ sơ"),
        ("Procedures", "dossier statistics"),
        &mut missing,
    )?;

    sections.push(summary(
        &w,
        inputs,
        scorecards.as_ref().map(|(s, _)| *s),
        surveys,
        procedures,
        &missing,
        &mut sheets,
    )?);
    if let Some((s, gaps)) = &scorecards {
        sections.push(points_lost(&w, inputs, gaps, &mut sheets)?);
        sections.push(trends(&w, inputs, s, &mut sheets)?);
    }
    if let Some(s) = surveys {
        sections.push(satisfaction(&w, inputs, s, &mut sheets)?);
    }
    if let Some(p) = procedures {
        sections.push(procedures_section(&w, inputs, p, &mut sheets)?);
    }
    sections.push(sources(&w, inputs, &mut sheets));
    sections.push(definitions(&w, procedures));

    let plan = plan(&w, inputs, scorecards.as_ref(), procedures)?;
    let title = match w.lang {
        Lang::Vi => format!("Báo cáo kết quả cải cách hành chính năm {year}"),
        Lang::En => format!("Administrative reform report, {year}"),
    };
    let subtitle = if inputs.chosen {
        inputs.units.join("; ")
    } else {
        match w.lang {
            Lang::Vi => format!("{} đơn vị: {}", inputs.units.len(), inputs.units.join("; ")),
            Lang::En => format!("{} units: {}", inputs.units.len(), inputs.units.join("; ")),
        }
    };
    Ok(Document {
        lang: w.lang,
        year,
        units: inputs.units.clone(),
        title,
        subtitle,
        sections,
        missing,
        plan,
    })
}

/// An input the report can use for the year: `None`, with the reason added to `missing`, when
/// the store lacks it or has none of the year. `vi` and `en` name the section and what it needs.
fn usable<'a, T>(
    w: &W,
    input: Option<&'a T>,
    has_year: impl Fn(&T) -> PolarsResult<bool>,
    year: i32,
    vi: (&str, &str),
    en: (&str, &str),
    missing: &mut Vec<String>,
) -> PolarsResult<Option<&'a T>> {
    let why = match input {
        Some(t) if has_year(t)? => return Ok(Some(t)),
        Some(_) => match w.lang {
            Lang::Vi => format!("{}: không có {} năm {year}.", vi.0, vi.1),
            Lang::En => format!("{}: no {} for {year}.", en.0, en.1),
        },
        None => match w.lang {
            Lang::Vi => format!("{}: kho chưa có {}.", vi.0, vi.1),
            Lang::En => format!("{}: the store holds no {}.", en.0, en.1),
        },
    };
    missing.push(why);
    Ok(None)
}

/// The row of a unit in a frame of the year, if any.
fn row_of(df: &DataFrame, year: i32, unit: &str) -> PolarsResult<Option<DataFrame>> {
    let one = of(df, Some(year), Some(unit))?;
    Ok((one.height() > 0).then_some(one))
}

fn first(df: &DataFrame, name: &str) -> Option<f64> {
    floats(df, name)
        .ok()
        .and_then(|v| v.first().copied().flatten())
}

fn summary(
    w: &W,
    inputs: &Inputs,
    scorecards: Option<&Scorecards>,
    surveys: Option<&Surveys>,
    procedures: Option<&Procedures>,
    missing: &[String],
    sheets: &mut Sheets,
) -> Result<Section, ReportError> {
    let year = inputs.year;
    let mut blocks = Vec::new();
    let files = inputs.sources.len();
    blocks.push(Block::Paragraph(match w.lang {
        Lang::Vi => format!(
            "Báo cáo tổng hợp kết quả cải cách hành chính năm {year} của {} đơn vị, lập từ {files} tệp số liệu đã nhập (danh sách ở mục Nguồn số liệu). Mỗi tỷ lệ được tính với mẫu số ghi ở mục Định nghĩa.",
            inputs.units.len()
        ),
        Lang::En => format!(
            "The administrative reform results of {year} for {} units, from {files} imported files (listed under Sources). Every rate is computed with the denominator given under Definitions.",
            inputs.units.len()
        ),
    }));
    for m in missing {
        blocks.push(Block::Note(m.clone()));
    }
    let mut columns = vec![w.col(c::UNIT, Kind::Text, 30.0)];
    if scorecards.is_some() {
        columns.push(w.named("Chỉ số CCHC", "PAR index", Kind::Num(2), 11.0));
        columns.push(w.named("Điểm tối đa", "Maximum", Kind::Num(2), 10.0));
        columns.push(w.col(c::RANK, Kind::Int, 8.0));
        columns.push(w.named("Thay đổi (điểm)", "Change (points)", Kind::Num(2), 11.0));
    }
    if surveys.is_some() {
        columns.push(w.named("Chỉ số hài lòng", "Satisfaction", Kind::Pct, 11.0));
        columns.push(w.col(c::CI_LOW, Kind::Pct, 9.0));
        columns.push(w.col(c::CI_HIGH, Kind::Pct, 9.0));
    }
    if procedures.is_some() {
        columns.push(w.col(c::ON_TIME_RATE, Kind::Pct, 10.0));
        columns.push(w.col(c::ONLINE_SHARE, Kind::Pct, 10.0));
        columns.push(w.col(c::POSTAL_SHARE, Kind::Pct, 10.0));
    }
    let mut rows = Vec::new();
    // Units scored in the year, of which a rank is out.
    let ranked = match scorecards {
        Some(s) => of(&s.trend, Some(year), None)?.height(),
        None => 0,
    };
    for unit in &inputs.units {
        let mut figures = Vec::new();
        let mut row = vec![text(unit)];
        if let Some(s) = scorecards {
            let now = row_of(&s.trend, year, unit)?;
            match &now {
                Some(t) => {
                    let (total, max, rank) = (
                        first(t, c::SCORE_TOTAL),
                        first(t, c::MAX_TOTAL),
                        first(t, c::RANK),
                    );
                    let mut detail = Vec::new();
                    if let Some(r) = rank {
                        detail.push(match w.lang {
                            Lang::Vi => format!("hạng {}/{ranked}", r as i64),
                            Lang::En => format!("rank {} of {ranked}", r as i64),
                        });
                    }
                    if let Some(d) = first(t, c::DELTA) {
                        let moved = first(t, c::RANK_CHANGE).map(|r| r as i64);
                        detail.push(match (w.lang, moved) {
                            (Lang::Vi, Some(m)) => format!(
                                "{} điểm, {} bậc so với năm {}",
                                w.signed(d, 2),
                                if m > 0 {
                                    format!("tăng {m}")
                                } else if m < 0 {
                                    format!("giảm {}", -m)
                                } else {
                                    "giữ".to_owned()
                                },
                                year - 1
                            ),
                            (Lang::Vi, None) => {
                                format!("{} điểm so với năm {}", w.signed(d, 2), year - 1)
                            }
                            (Lang::En, Some(m)) => format!(
                                "{} points, rank {} against {}",
                                w.signed(d, 2),
                                if m == 0 {
                                    "unchanged".to_owned()
                                } else {
                                    format!("{m:+}")
                                },
                                year - 1
                            ),
                            (Lang::En, None) => {
                                format!("{} points against {}", w.signed(d, 2), year - 1)
                            }
                        });
                    }
                    figures.push(Figure {
                        label: w.pick("Chỉ số CCHC", "PAR index").to_owned(),
                        value: match (total, max) {
                            (Some(t), Some(m)) => format!("{} / {}", w.num(t, 2), w.trimmed(m)),
                            (Some(t), None) => w.num(t, 2),
                            _ => "—".to_owned(),
                        },
                        detail: detail.join("; "),
                    });
                    row.extend([cell(total), cell(max), cell(rank), cell(first(t, c::DELTA))]);
                }
                None => {
                    figures.push(Figure {
                        label: w.pick("Chỉ số CCHC", "PAR index").to_owned(),
                        value: "—".to_owned(),
                        detail: match w.lang {
                            Lang::Vi => format!("không có bảng điểm năm {year}"),
                            Lang::En => format!("no scorecard for {year}"),
                        },
                    });
                    row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
                }
            }
        }
        if let Some(s) = surveys {
            match row_of(&s.overall, year, unit)? {
                Some(t) => {
                    let (index, low, high) = (
                        first(&t, c::INDEX),
                        first(&t, c::CI_LOW),
                        first(&t, c::CI_HIGH),
                    );
                    let mut detail = Vec::new();
                    if let (Some(l), Some(h)) = (low, high) {
                        detail.push(format!(
                            "{} {}–{}",
                            w.pick("KTC 95%:", "95% CI:"),
                            w.pct(l),
                            w.pct(h)
                        ));
                    }
                    if let Some(d) = first(&t, c::DELTA) {
                        let p = first(&t, c::P_VALUE);
                        detail.push(format!(
                            "{} {} {} {}{}",
                            w.signed(d * 100.0, 1),
                            w.pick("điểm % so với năm", "points against"),
                            year - 1,
                            p.map(|p| format!("(p = {}", cchc_model::labels::fmt_p(p, w.lang)))
                                .unwrap_or_default(),
                            if p.is_some() { ")" } else { "" }
                        ));
                    }
                    let respondents = first(&t, c::RESPONDENTS).unwrap_or(0.0) as i64;
                    detail.push(match w.lang {
                        Lang::Vi => format!("{respondents} người trả lời"),
                        Lang::En => format!("{respondents} respondents"),
                    });
                    figures.push(Figure {
                        label: w.pick("Chỉ số hài lòng", "Satisfaction index").to_owned(),
                        value: index.map(|i| w.pct(i)).unwrap_or_else(|| "—".to_owned()),
                        detail: detail.join("; "),
                    });
                    row.extend([cell(index), cell(low), cell(high)]);
                }
                None => row.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
            }
        }
        if let Some(p) = procedures {
            match row_of(&p.by_unit, year, unit)? {
                Some(t) => {
                    let on_time = first(&t, c::ON_TIME_RATE);
                    let online = first(&t, c::ONLINE_SHARE);
                    let postal = first(&t, c::POSTAL_SHARE);
                    let verdict = |met: bool| {
                        if met {
                            w.pick("đạt", "met")
                        } else {
                            w.pick("chưa đạt", "not met")
                        }
                    };
                    if let Some(r) = on_time {
                        figures.push(Figure {
                            label: w
                                .pick("Hồ sơ giải quyết đúng hạn", "Resolved on time")
                                .to_owned(),
                            value: w.pct(r),
                            detail: format!(
                                "{} 100%: {}",
                                w.pick("mục tiêu", "target"),
                                verdict(r >= 1.0)
                            ),
                        });
                    }
                    if let Some(r) = online {
                        figures.push(Figure {
                            label: w.pick("Hồ sơ trực tuyến", "Online dossiers").to_owned(),
                            value: w.pct(r),
                            detail: String::new(),
                        });
                    }
                    if let Some(r) = postal {
                        figures.push(Figure {
                            label: w
                                .pick("Hồ sơ qua bưu chính công ích", "Public postal")
                                .to_owned(),
                            value: w.pct(r),
                            detail: format!(
                                "{} ≥ {}: {}",
                                w.pick("mục tiêu", "target"),
                                w.pct(POSTAL_TARGET),
                                verdict(meets_target(r, POSTAL_TARGET))
                            ),
                        });
                    }
                    row.extend([cell(on_time), cell(online), cell(postal)]);
                }
                None => row.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
            }
        }
        blocks.push(Block::Heading(unit.clone()));
        if figures.iter().all(|f| f.value == "—") && figures.len() <= 1 {
            blocks.push(Block::Note(match w.lang {
                Lang::Vi => format!("Không có số liệu năm {year}."),
                Lang::En => format!("No figures for {year}."),
            }));
        }
        blocks.push(Block::Figures(figures));
        rows.push(row);
    }
    let mut highlights = Vec::new();
    if let Some(i) = columns
        .iter()
        .position(|col| col.header == label(c::ON_TIME_RATE, w.lang))
    {
        highlights.push(Highlight::Below {
            col: i,
            threshold: 1.0,
        });
    }
    if let Some(i) = columns
        .iter()
        .position(|col| col.header == label(c::POSTAL_SHARE, w.lang))
    {
        highlights.push(Highlight::Below {
            col: i,
            threshold: POSTAL_TARGET,
        });
    }
    blocks.push(Block::Table(Table {
        sheet: sheets.name(w.pick("Tóm tắt", "Summary")),
        title: match w.lang {
            Lang::Vi => format!("Các chỉ số chính năm {year}"),
            Lang::En => format!("Key figures, {year}"),
        },
        columns,
        rows,
        highlights,
    }));
    Ok(Section {
        kind: SectionKind::Summary,
        title: w.pick("Tóm tắt", "Summary").to_owned(),
        blocks,
    })
}

/// A trend chart and the table it is drawn from, in that order: the years down the first
/// column, a column per series; the workbook draws its lines from the table's sheet.
fn trend_blocks(w: &W, chart: &TrendChart, svg: String, sheet: String) -> [Block; 2] {
    let years: Vec<i32> = {
        let mut y: Vec<i32> = chart
            .series
            .iter()
            .flat_map(|(_, p)| p.iter().map(|(y, _)| *y))
            .collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    let mut columns = vec![w.col(c::YEAR, Kind::Text, 8.0)];
    for (name, _) in &chart.series {
        columns.push(Col {
            header: name.clone(),
            kind: if chart.percent {
                Kind::Pct
            } else {
                Kind::Num(2)
            },
            width: 16.0,
        });
    }
    let rows = years
        .iter()
        .map(|y| {
            let mut row = vec![text(y.to_string())];
            for (_, points) in &chart.series {
                row.push(cell(points.iter().find(|(py, _)| py == y).map(|(_, v)| *v)));
            }
            row
        })
        .collect();
    [
        Block::Chart(Chart {
            title: chart.title.clone(),
            svg,
            native: Some(Native {
                kind: NativeKind::Lines,
                sheet: sheet.clone(),
                categories: 0,
                series: (1..=chart.series.len()).collect(),
                percent: chart.percent,
            }),
        }),
        Block::Table(Table {
            sheet,
            title: chart.title.clone(),
            columns,
            rows,
            highlights: Vec::new(),
        }),
    ]
}

fn chart_of<T>(
    built: Result<T, cchc_plot::PlotError>,
    svg: impl Fn(&T) -> Result<String, cchc_plot::PlotError>,
) -> Result<Option<(T, String)>, ReportError> {
    match built {
        Ok(chart) => {
            let drawn = svg(&chart)?;
            Ok(Some((chart, drawn)))
        }
        Err(cchc_plot::PlotError::NoData { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn points_lost(
    w: &W,
    inputs: &Inputs,
    gaps: &DataFrame,
    sheets: &mut Sheets,
) -> Result<Section, ReportError> {
    let year = inputs.year;
    let mut blocks = vec![Block::Paragraph(
        w.pick(
            "Điểm bị mất của mỗi tiêu chí là điểm tối đa trừ điểm thẩm định; các tiêu chí xếp từ mất nhiều đến ít, đường lũy kế cho biết bao nhiêu tiêu chí gây ra phần lớn số điểm bị mất.",
            "The points lost on a criterion are its maximum minus the appraised score; criteria are ranked from the largest loss, and the cumulative line shows how few of them make most of the loss.",
        )
        .to_owned(),
    )];
    for unit in units_of(gaps, &inputs.units)? {
        let Some((chart, svg)) = chart_of(
            ParetoChart::from_gaps(gaps, &unit, year, w.lang),
            ParetoChart::svg,
        )?
        else {
            continue;
        };
        let one = of(gaps, Some(year), Some(&unit))?;
        let total_max: f64 = floats(&one, c::MAX_SCORE)?.into_iter().flatten().sum();
        let total: f64 = floats(&one, c::SCORE)?.into_iter().flatten().sum();
        let lost: f64 = chart.bars.iter().map(|b| b.points_lost).sum();
        blocks.push(Block::Heading(unit.clone()));
        blocks.push(Block::Figures(vec![
            Figure {
                label: w.pick("Tổng điểm đạt", "Total score").to_owned(),
                value: w.num(total, 2),
                detail: format!("{} {}", w.pick("trên", "of"), w.trimmed(total_max)),
            },
            Figure {
                label: w.pick("Điểm bị mất", "Points lost").to_owned(),
                value: w.num(lost, 2),
                detail: match w.lang {
                    Lang::Vi => format!(
                        "{} tiêu chí mất điểm",
                        chart.bars.iter().filter(|b| b.points_lost > 0.0).count()
                    ),
                    Lang::En => format!(
                        "{} criteria lost points",
                        chart.bars.iter().filter(|b| b.points_lost > 0.0).count()
                    ),
                },
            },
        ]));
        let codes = strs(&one, c::CODE)?;
        let names = strs(&one, c::CRITERION)?;
        let max = floats(&one, c::MAX_SCORE)?;
        let score = floats(&one, c::SCORE)?;
        let lost_col = floats(&one, c::POINTS_LOST)?;
        let share = floats(&one, c::SHARE_OF_LOSS)?;
        let cum = floats(&one, c::CUMULATIVE_SHARE)?;
        let ranks = floats(&one, c::RANK)?;
        let mut order: Vec<usize> = (0..one.height())
            .filter(|&i| lost_col[i].unwrap_or(0.0) > 0.0)
            .collect();
        order.sort_by(|&a, &b| {
            ranks[a]
                .unwrap_or(f64::MAX)
                .total_cmp(&ranks[b].unwrap_or(f64::MAX))
        });
        let rows: Vec<Vec<Cell>> = order
            .iter()
            .map(|&i| {
                vec![
                    text(&codes[i]),
                    text(&names[i]),
                    cell(max[i]),
                    cell(score[i]),
                    cell(lost_col[i]),
                    cell(share[i]),
                    cell(cum[i]),
                ]
            })
            .collect();
        let sheet = sheets.name(&format!(
            "{} {}",
            w.pick("Điểm mất", "Lost"),
            short_unit(&unit)
        ));
        let table = Table {
            sheet: sheet.clone(),
            title: chart.title.clone(),
            columns: vec![
                w.col(c::CODE, Kind::Text, 8.0),
                w.col(c::CRITERION, Kind::Text, 60.0),
                w.col(c::MAX_SCORE, Kind::Num(2), 10.0),
                w.col(c::SCORE, Kind::Num(2), 10.0),
                w.col(c::POINTS_LOST, Kind::Num(2), 10.0),
                w.col(c::SHARE_OF_LOSS, Kind::Pct, 10.0),
                w.col(c::CUMULATIVE_SHARE, Kind::Pct, 10.0),
            ],
            rows,
            highlights: vec![Highlight::Bars { col: 4 }],
        };
        blocks.push(Block::Chart(Chart {
            title: chart.title.clone(),
            svg,
            native: Some(Native {
                kind: NativeKind::ColumnsWithLine,
                sheet,
                categories: 0,
                series: vec![4, 6],
                percent: false,
            }),
        }));
        blocks.push(Block::Table(table));
    }
    Ok(Section {
        kind: SectionKind::PointsLost,
        title: w.pick("Điểm bị mất", "Points lost").to_owned(),
        blocks,
    })
}

/// The columns and rows of a table with a text label per row (a column of `frame`) and the
/// numeric columns `cols` (name, kind, width) beside it.
fn labelled(
    w: &W,
    frame: &DataFrame,
    label: (&str, Col),
    cols: &[(&str, Kind, f64)],
) -> PolarsResult<(Vec<Col>, Vec<Vec<Cell>>)> {
    let labels = strs(frame, label.0)?;
    let values: Vec<Vec<Option<f64>>> = cols
        .iter()
        .map(|(n, _, _)| floats(frame, n))
        .collect::<PolarsResult<_>>()?;
    let rows = (0..frame.height())
        .map(|i| {
            let mut row = vec![text(&labels[i])];
            row.extend(values.iter().map(|v| cell(v[i])));
            row
        })
        .collect();
    let mut columns = vec![label.1];
    columns.extend(cols.iter().map(|(n, k, wd)| w.col(n, *k, *wd)));
    Ok((columns, rows))
}

fn trends(
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
        blocks.push(Block::Note(match w.lang {
            Lang::Vi => {
                format!("Chỉ có bảng điểm của một năm đến năm {year}: chưa có xu hướng để vẽ.")
            }
            Lang::En => format!("Scorecards of a single year up to {year}: no trend to draw yet."),
        }));
    }
    if let Some((chart, svg)) = chart {
        let sheet = sheets.name(w.pick("Xu hướng", "Trend"));
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
        sheet: sheets.name(&format!("{} {year}", w.pick("Tổng điểm", "Totals"))),
        title: match w.lang {
            Lang::Vi => format!(
                "Tổng điểm năm {year}, thay đổi so với năm {} và thứ hạng",
                year - 1
            ),
            Lang::En => format!("Totals of {year}, change against {} and rank", year - 1),
        },
        columns,
        rows,
        highlights: Vec::new(),
    }));
    blocks.push(Block::Note(
        w.pick(
            "Thứ hạng theo tỷ lệ điểm đạt (tổng điểm / điểm tối đa) trong các đơn vị có bảng điểm cùng năm; chỉ cộng các tiêu chí lá.",
            "Ranks by attainment (total / maximum) among the units scored the same year; only leaf criteria are summed.",
        )
        .to_owned(),
    ));
    Ok(Section {
        kind: SectionKind::Trends,
        title: w
            .pick("Xu hướng qua các năm", "Trends over the years")
            .to_owned(),
        blocks,
    })
}

fn satisfaction(
    w: &W,
    inputs: &Inputs,
    s: &Surveys,
    sheets: &mut Sheets,
) -> Result<Section, ReportError> {
    let year = inputs.year;
    let mut blocks = vec![Block::Paragraph(
        w.pick(
            "Chỉ số hài lòng là tỷ lệ câu trả lời hài lòng hoặc rất hài lòng (mức 4–5) trên số câu trả lời hợp lệ. Khoảng tin cậy 95% coi mỗi người trả lời là một cụm; thay đổi so với năm trước được kiểm định và hiệu chỉnh cho nhiều so sánh.",
            "The satisfaction index is the share of satisfied or very satisfied answers (levels 4–5) among valid answers. The 95% interval treats each respondent as a cluster; changes against the year before are tested and adjusted for multiple comparisons.",
        )
        .to_owned(),
    )];
    let upto = |df: &DataFrame| -> PolarsResult<DataFrame> {
        df.clone()
            .lazy()
            .filter(col(c::YEAR).lt_eq(lit(year)))
            .collect()
    };
    let distribution = upto(&s.distribution)?;
    let elements = upto(&s.elements)?;
    for unit in units_of(&of(&s.overall, Some(year), None)?, &inputs.units)? {
        blocks.push(Block::Heading(unit.clone()));
        if let Some((chart, svg)) = chart_of(
            LikertChart::from_distribution(&distribution, &unit, w.lang),
            LikertChart::svg,
        )? {
            let names = cchc_plot::level_names(chart.scale, w.lang);
            let mut columns = vec![w.named("Yếu tố, năm", "Element, year", Kind::Text, 40.0)];
            columns.extend(names.iter().map(|n| Col {
                header: (*n).to_owned(),
                kind: Kind::Pct,
                width: 12.0,
            }));
            let rows = chart
                .bars
                .iter()
                .map(|(label, shares)| {
                    let mut row = vec![text(label)];
                    row.extend(shares.iter().map(|s| Cell::Num(*s)));
                    row
                })
                .collect();
            let sheet = sheets.name(&format!(
                "{} {}",
                w.pick("Mức độ", "Levels"),
                short_unit(&unit)
            ));
            blocks.push(Block::Chart(Chart {
                title: chart.title.clone(),
                svg,
                native: Some(Native {
                    kind: NativeKind::StackedBars,
                    sheet: sheet.clone(),
                    categories: 0,
                    series: (1..=5).collect(),
                    percent: true,
                }),
            }));
            blocks.push(Block::Table(Table {
                sheet,
                title: chart.title,
                columns,
                rows,
                highlights: Vec::new(),
            }));
        }
        if let Some((chart, svg)) = chart_of(
            TrendChart::survey_elements(&elements, &unit, w.lang),
            TrendChart::svg,
        )? {
            let sheet = sheets.name(&format!(
                "{} {}",
                w.pick("Yếu tố", "Elements"),
                short_unit(&unit)
            ));
            blocks.extend(trend_blocks(w, &chart, svg, sheet));
        }
        let now = of(&elements, Some(year), Some(&unit))?;
        if now.height() > 0 {
            let cols: [(&str, Kind, f64); 7] = [
                (c::RESPONDENTS, Kind::Int, 10.0),
                (c::VALID_ANSWERS, Kind::Int, 10.0),
                (c::INDEX, Kind::Pct, 9.0),
                (c::CI_LOW, Kind::Pct, 9.0),
                (c::CI_HIGH, Kind::Pct, 9.0),
                (c::DELTA, Kind::Pct, 9.0),
                (c::P_ADJUSTED, Kind::Num(4), 10.0),
            ];
            let element = w.named("Yếu tố", "Element", Kind::Text, 34.0);
            let (columns, rows) = labelled(w, &now, (c::GROUP, element), &cols)?;
            blocks.push(Block::Table(Table {
                sheet: sheets.name(&format!(
                    "{} {}",
                    w.pick("Hài lòng", "Satisf."),
                    short_unit(&unit)
                )),
                title: match w.lang {
                    Lang::Vi => format!(
                        "Chỉ số hài lòng theo yếu tố năm {year}, khoảng tin cậy 95% — {unit}"
                    ),
                    Lang::En => {
                        format!("Satisfaction by element, {year}, with 95% intervals — {unit}")
                    }
                },
                columns,
                rows,
                highlights: Vec::new(),
            }));
        }
    }
    blocks.push(Block::Note(
        w.pick(
            "p_adjusted: hiệu chỉnh Holm cho mọi kiểm định của chỉ số theo yếu tố (mọi đơn vị, mọi năm có năm trước để so sánh); thay đổi có ý nghĩa khi p_adjusted < 0,05.",
            "p_adjusted: Holm adjustment over every test of the index by element (every unit, every year with a year before); a change is significant when p_adjusted < 0.05.",
        )
        .to_owned(),
    ));
    Ok(Section {
        kind: SectionKind::Satisfaction,
        title: w
            .pick(
                "Sự hài lòng của người dân, tổ chức",
                "Satisfaction of citizens and organisations",
            )
            .to_owned(),
        blocks,
    })
}

fn procedures_section(
    w: &W,
    inputs: &Inputs,
    p: &Procedures,
    sheets: &mut Sheets,
) -> Result<Section, ReportError> {
    let year = inputs.year;
    let mut blocks = Vec::new();
    let now = of(&p.by_unit, Some(year), None)?;
    let cols: [(&str, Kind, f64); 9] = [
        (c::PROCEDURES, Kind::Int, 9.0),
        (c::RECEIVED, Kind::Int, 10.0),
        (c::ONLINE_SHARE, Kind::Pct, 10.0),
        (c::DIRECT_SHARE, Kind::Pct, 10.0),
        (c::POSTAL_SHARE, Kind::Pct, 10.0),
        (c::RESOLVED, Kind::Int, 10.0),
        (c::ON_TIME_RATE, Kind::Pct, 10.0),
        (c::LATE_RATE, Kind::Pct, 9.0),
        (c::TIME_RATIO, Kind::Pct, 10.0),
    ];
    let (columns, rows) = labelled(w, &now, (c::UNIT, w.col(c::UNIT, Kind::Text, 28.0)), &cols)?;
    if !p.from_logs.is_empty() {
        let list = p.from_logs.join(", ");
        blocks.push(Block::Note(match w.lang {
            Lang::Vi => format!(
                "Số liệu của {list} do cchc tính từ sổ theo dõi hồ sơ (đúng hạn theo lịch ngày làm việc), không lấy từ báo cáo của đơn vị; đối chiếu hai nguồn: cchc dossiers reconcile."
            ),
            Lang::En => format!(
                "The figures of {list} are computed by cchc from the dossier log (on time on the working-day calendar), not taken from the office's report; compare the two: cchc dossiers reconcile."
            ),
        }));
    }
    blocks.push(Block::Paragraph(match w.lang {
        Lang::Vi => format!(
            "Mục tiêu: 100% hồ sơ giải quyết đúng hạn; ít nhất {} hồ sơ qua dịch vụ bưu chính công ích; tăng tỷ lệ hồ sơ trực tuyến. Ô tô màu là chỉ tiêu chưa đạt.",
            w.pct(POSTAL_TARGET)
        ),
        Lang::En => format!(
            "Targets: 100% of dossiers resolved on time; at least {} through the public postal service; more dossiers online. Shaded cells miss their target.",
            w.pct(POSTAL_TARGET)
        ),
    }));
    blocks.push(Block::Table(Table {
        sheet: sheets.name(&format!("{} {year}", w.pick("TTHC", "Procedures"))),
        title: match w.lang {
            Lang::Vi => format!("Tình hình tiếp nhận, giải quyết hồ sơ năm {year}"),
            Lang::En => format!("Dossiers received and resolved, {year}"),
        },
        columns,
        rows,
        highlights: vec![
            Highlight::Below {
                col: 5,
                threshold: POSTAL_TARGET,
            },
            Highlight::Below {
                col: 7,
                threshold: 1.0,
            },
            Highlight::Above {
                col: 8,
                threshold: 0.0,
            },
        ],
    }));
    let upto = p
        .by_unit
        .clone()
        .lazy()
        .filter(col(c::YEAR).lt_eq(lit(year)))
        .collect()?;
    if let Some((chart, svg)) = chart_of(TrendChart::on_time(&upto, w.lang), TrendChart::svg)? {
        let sheet = sheets.name(w.pick("Đúng hạn", "On time"));
        blocks.extend(trend_blocks(w, &chart, svg, sheet));
    }
    let proposals = &p.proposals;
    let candidates = strs(proposals, c::CODE)?;
    for unit in units_of(&now, &inputs.units)? {
        blocks.push(Block::Heading(unit.clone()));
        if let Some((chart, svg)) = chart_of(
            GroupedBars::channel_shares(&upto, &unit, POSTAL_TARGET, w.lang),
            GroupedBars::svg,
        )? {
            let one = of(&upto, None, Some(&unit))?;
            let years = ints(&one, c::YEAR)?;
            let shares: Vec<Vec<Option<f64>>> = [c::ONLINE_SHARE, c::DIRECT_SHARE, c::POSTAL_SHARE]
                .iter()
                .map(|n| floats(&one, n))
                .collect::<PolarsResult<_>>()?;
            let mut columns = vec![w.col(c::YEAR, Kind::Text, 8.0)];
            columns.extend(
                [c::ONLINE_SHARE, c::DIRECT_SHARE, c::POSTAL_SHARE]
                    .iter()
                    .map(|n| w.col(n, Kind::Pct, 14.0)),
            );
            columns.push(w.named("Mục tiêu BCCI", "Postal target", Kind::Pct, 14.0));
            let rows = (0..one.height())
                .map(|i| {
                    let mut row = vec![text(years[i].map(|y| y.to_string()).unwrap_or_default())];
                    row.extend(shares.iter().map(|s| cell(s[i])));
                    row.push(Cell::Num(POSTAL_TARGET));
                    row
                })
                .collect();
            let sheet = sheets.name(&format!(
                "{} {}",
                w.pick("Kênh", "Channels"),
                short_unit(&unit)
            ));
            blocks.push(Block::Chart(Chart {
                title: chart.title.clone(),
                svg,
                native: Some(Native {
                    kind: NativeKind::ColumnsWithTarget,
                    sheet: sheet.clone(),
                    categories: 0,
                    series: vec![1, 2, 3, 4],
                    percent: true,
                }),
            }));
            blocks.push(Block::Table(Table {
                sheet,
                title: chart.title,
                columns,
                rows,
                highlights: Vec::new(),
            }));
        }
        let mine: Vec<String> = {
            let units = strs(proposals, c::UNIT)?;
            candidates
                .iter()
                .zip(&units)
                .filter(|(_, u)| **u == unit)
                .map(|(c, _)| c.clone())
                .collect()
        };
        if let Some((scatter, svg)) = chart_of(
            ScatterChart::procedures(&p.stats, &unit, year, c::LATE_RATE, &mine, w.lang),
            ScatterChart::svg,
        )? {
            let title = match w.lang {
                Lang::Vi => {
                    format!("Số hồ sơ và tỷ lệ trễ hạn của từng thủ tục — {unit}, năm {year}")
                }
                Lang::En => format!("Dossiers and late rate of each procedure — {unit}, {year}"),
            };
            // The workbook's scatter: received across, the late rate of the proposed procedures
            // and of the others in two columns (a procedure's rate in one of them).
            let sheet = sheets.name(&format!(
                "{} {}",
                w.pick("Trễ hạn", "Late"),
                short_unit(&unit)
            ));
            let columns = vec![
                w.col(c::CODE, Kind::Text, 12.0),
                w.col(c::RECEIVED, Kind::Int, 12.0),
                Col {
                    header: scatter.legend.0.clone(),
                    kind: Kind::Pct,
                    width: 16.0,
                },
                Col {
                    header: scatter.legend.1.clone(),
                    kind: Kind::Pct,
                    width: 16.0,
                },
            ];
            let rows = scatter
                .points
                .iter()
                .map(|(code, received, rate, candidate)| {
                    vec![
                        text(code),
                        Cell::Num(*received),
                        cell(candidate.then_some(*rate)),
                        cell((!candidate).then_some(*rate)),
                    ]
                })
                .collect();
            blocks.push(Block::Chart(Chart {
                title: title.clone(),
                svg,
                native: Some(Native {
                    kind: NativeKind::Scatter,
                    sheet: sheet.clone(),
                    categories: 1,
                    series: vec![2, 3],
                    percent: true,
                }),
            }));
            blocks.push(Block::Data(Table {
                sheet,
                title,
                columns,
                rows,
                highlights: Vec::new(),
            }));
        }
    }
    if proposals.height() > 0 {
        blocks.push(Block::Heading(
            w.pick(
                "Thủ tục đề xuất đơn giản hoá",
                "Procedures proposed for simplification",
            )
            .to_owned(),
        ));
        blocks.push(Block::Table(proposal_table(
            w,
            proposals,
            sheets.name(w.pick("Đơn giản hoá", "Simplify")),
        )?));
    }
    for line in &p.summaries {
        blocks.push(Block::Paragraph(line.clone()));
    }
    Ok(Section {
        kind: SectionKind::Procedures,
        title: w
            .pick("Thủ tục hành chính", "Administrative procedures")
            .to_owned(),
        blocks,
    })
}

fn proposal_table(w: &W, proposals: &DataFrame, sheet: String) -> Result<Table, ReportError> {
    let units = strs(proposals, c::UNIT)?;
    let codes = strs(proposals, c::CODE)?;
    let names = strs(proposals, c::NAME)?;
    let what = strs(proposals, c::PROPOSAL)?;
    let why = strs(proposals, c::REASONS)?;
    let rank = floats(proposals, c::RANK)?;
    let saving = floats(proposals, c::ESTIMATED_SAVING)?;
    let rows = (0..proposals.height())
        .map(|i| {
            vec![
                text(&units[i]),
                cell(rank[i]),
                text(&codes[i]),
                text(&names[i]),
                text(&why[i]),
                text(&what[i]),
                cell(saving[i]),
            ]
        })
        .collect();
    Ok(Table {
        sheet,
        title: w
            .pick(
                "Thủ tục đề xuất đơn giản hoá, lý do và chi phí tiết kiệm ước tính (đồng/năm)",
                "Procedures proposed for simplification, reasons and estimated saving (VND a year)",
            )
            .to_owned(),
        columns: vec![
            w.col(c::UNIT, Kind::Text, 20.0),
            w.col(c::RANK, Kind::Int, 6.0),
            w.col(c::CODE, Kind::Text, 11.0),
            w.col(c::NAME, Kind::Text, 36.0),
            w.col(c::REASONS, Kind::Text, 34.0),
            w.col(c::PROPOSAL, Kind::Text, 30.0),
            w.col(c::ESTIMATED_SAVING, Kind::Money, 14.0),
        ],
        rows,
        highlights: Vec::new(),
    })
}

fn sources(w: &W, inputs: &Inputs, sheets: &mut Sheets) -> Section {
    let warnings: u64 = inputs.sources.iter().map(|s| s.warnings).sum();
    let rejected: u64 = inputs.sources.iter().map(|s| s.rejected).sum();
    let rows = inputs
        .sources
        .iter()
        .map(|s| {
            vec![
                text(&s.file),
                text(kind_words(&s.kind, w)),
                text(
                    s.years
                        .iter()
                        .map(i32::to_string)
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                text(s.units.join("; ")),
                text(&s.sha256),
                Cell::Num(s.read as f64),
                Cell::Num(s.imported as f64),
                Cell::Num(s.structure as f64),
                Cell::Num(s.rejected as f64),
                Cell::Num(s.warnings as f64),
            ]
        })
        .collect();
    Section {
        kind: SectionKind::Sources,
        title: w.pick("Nguồn số liệu", "Sources").to_owned(),
        blocks: vec![
            Block::Paragraph(match w.lang {
                Lang::Vi => format!(
                    "{} tệp đã nhập; mỗi dòng của tệp được nhập, nhận là cấu trúc (tiêu đề, dòng tổng, chữ ký…) hoặc bị loại kèm lý do và địa chỉ ô (cchc rejects). Tổng số dòng bị loại: {rejected}; số cảnh báo: {warnings}.",
                    inputs.sources.len()
                ),
                Lang::En => format!(
                    "{} files imported; every row of a file was imported, recognised as structure (titles, totals, signatures…) or rejected with a reason and its cell (cchc rejects). Rows rejected: {rejected}; warnings: {warnings}.",
                    inputs.sources.len()
                ),
            }),
            Block::Table(Table {
                sheet: sheets.name(w.pick("Nguồn", "Sources")),
                title: w.pick("Các tệp đã nhập", "Imported files").to_owned(),
                columns: vec![
                    w.named("Tệp", "File", Kind::Text, 26.0),
                    w.col(c::KIND, Kind::Text, 10.0),
                    w.col(c::YEARS, Kind::Text, 9.0),
                    w.col(c::UNITS, Kind::Text, 18.0),
                    w.col(c::SHA256, Kind::Text, 34.0),
                    w.col(c::ROWS_READ, Kind::Int, 8.0),
                    w.col(c::IMPORTED, Kind::Int, 8.0),
                    w.col(c::STRUCTURE, Kind::Int, 8.0),
                    w.col(c::REJECTED, Kind::Int, 8.0),
                    w.named("Cảnh báo", "Warnings", Kind::Int, 8.0),
                ],
                rows,
                highlights: vec![Highlight::Above {
                    col: 8,
                    threshold: 0.0,
                }],
            }),
        ],
    }
}

/// A table kind in words ("scorecard" → "bảng điểm").
fn kind_words<'a>(kind: &'a str, w: &W) -> &'a str {
    match kind {
        "scorecard" => w.pick("bảng điểm", "scorecard"),
        "survey" => w.pick("khảo sát", "survey"),
        "procedures" => w.pick("thủ tục", "procedures"),
        other => other,
    }
}

fn definitions(w: &W, procedures: Option<&Procedures>) -> Section {
    let mut lines: Vec<String> = [
        ("points_lost = max_score (điểm tối đa) − score (điểm thẩm định), cho mỗi tiêu chí lá", "points_lost = max_score − score (appraised), per leaf criterion"),
        ("share_of_loss = points_lost / tổng điểm bị mất của đơn vị trong năm; cumulative_share: cộng dồn theo thứ hạng", "share_of_loss = points_lost / the unit's points lost in the year; cumulative_share: summed down the ranks"),
        ("attainment = score_total / max_total (chỉ cộng các tiêu chí lá)", "attainment = score_total / max_total (leaf criteria only)"),
        ("delta = score_total − score_total năm trước; rank: theo attainment trong các đơn vị cùng năm", "delta = score_total − the year before's; rank: by attainment among the units of the year"),
        ("index = câu trả lời mức 4–5 / valid_answers (câu trả lời hợp lệ, không tính “không ý kiến”)", "index = answers at levels 4–5 / valid_answers (not counting “no opinion”)"),
        ("se, ci_low, ci_high: sai số chuẩn tỷ số với mỗi người trả lời là một cụm; khoảng tin cậy 95% trên thang logit", "se, ci_low, ci_high: ratio standard error with respondents as clusters; 95% interval on the logit scale"),
        ("deff = phương sai theo cụm / phương sai nếu các câu trả lời độc lập; effective_n = valid_answers / deff", "deff = clustered variance / variance if answers were independent; effective_n = valid_answers / deff"),
    ]
    .iter()
    .map(|(vi, en)| w.pick(vi, en).to_owned())
    .collect();
    if let Some(p) = procedures {
        lines.extend(p.definitions.iter().cloned());
        lines.push(
            w.pick(
                "estimated_saving = chi phí tuân thủ ước tính (giờ làm việc × tiền lương giờ × số hồ sơ) trước − sau đề xuất, theo mô hình chi phí chuẩn",
                "estimated_saving = estimated compliance cost (hours × hourly wage × dossiers) before − after the proposal, by the standard cost model",
            )
            .to_owned(),
        );
    }
    Section {
        kind: SectionKind::Definitions,
        title: w.pick("Định nghĩa các chỉ số", "Definitions").to_owned(),
        blocks: lines.into_iter().map(Block::Paragraph).collect(),
    }
}

fn plan(
    w: &W,
    inputs: &Inputs,
    scorecards: Option<&(&Scorecards, DataFrame)>,
    procedures: Option<&Procedures>,
) -> Result<Plan, ReportError> {
    let mut tasks = Vec::new();
    if let Some((s, gaps)) = scorecards {
        let notes = &s.notes;
        let (n_units, n_codes, n_reason, n_remedy) = (
            strs(notes, c::UNIT)?,
            strs(notes, c::CODE)?,
            strs(notes, c::REASON)?,
            strs(notes, c::REMEDY)?,
        );
        let units = strs(gaps, c::UNIT)?;
        let codes = strs(gaps, c::CODE)?;
        let names = strs(gaps, c::CRITERION)?;
        let max = floats(gaps, c::MAX_SCORE)?;
        let score = floats(gaps, c::SCORE)?;
        let lost = floats(gaps, c::POINTS_LOST)?;
        for i in 0..gaps.height() {
            let Some(l) = lost[i].filter(|l| *l > 0.0) else {
                continue;
            };
            let note =
                (0..notes.height()).find(|&j| n_units[j] == units[i] && n_codes[j] == codes[i]);
            tasks.push(Task {
                unit: units[i].clone(),
                code: codes[i].clone(),
                criterion: names[i].clone(),
                max_score: max[i].unwrap_or(0.0),
                score: score[i].unwrap_or(0.0),
                points_lost: l,
                reason: note.map(|j| n_reason[j].clone()).unwrap_or_default(),
                remedy: note.map(|j| n_remedy[j].clone()).unwrap_or_default(),
            });
        }
        // Largest loss first; units in the report's order when losses tie.
        let order = |u: &str| {
            inputs
                .units
                .iter()
                .position(|x| x == u)
                .unwrap_or(usize::MAX)
        };
        tasks.sort_by(|a, b| {
            b.points_lost
                .total_cmp(&a.points_lost)
                .then(order(&a.unit).cmp(&order(&b.unit)))
        });
    }
    let procedures = match procedures {
        Some(p) if p.proposals.height() > 0 => {
            Some(proposal_table(w, &p.proposals, String::new())?)
        }
        _ => None,
    };
    Ok(Plan {
        year: inputs.year + 1,
        tasks,
        procedures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let a = sheet_name("2024 Sở Kế hoạch và Đầu tư tỉnh Đồng Nai", &[]);
        assert_eq!(a.chars().count(), 31);
        let b = sheet_name(
            "2024 Sở Kế hoạch và Đầu tư tỉnh Đồng Nai",
            std::slice::from_ref(&a),
        );
        assert_ne!(a, b);
        assert!(b.ends_with(" (2)") && b.chars().count() <= 31);
        assert_eq!(sheet_name("2024 A/B", &[]), "2024 A B");
    }

    #[test]
    fn units_are_shortened_to_their_initials_for_sheet_names() {
        assert_eq!(short_unit("Sở Tư pháp"), "Sở TP");
        assert_eq!(short_unit("Sở Kế hoạch và Đầu tư"), "Sở KHVĐT");
        assert_eq!(short_unit("UBND huyện Long Thành"), "UBND huyện LT");
        assert_eq!(short_unit("Sở"), "Sở");
    }
}
