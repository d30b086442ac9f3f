//! Section I: the year in key figures, per unit.

use cchc_analysis::procedures::{POSTAL_TARGET, meets_target};
use cchc_model::columns as c;
use cchc_model::labels::label;

use crate::ReportError;
use crate::model::*;

use super::frames::*;
use super::inputs::*;
use super::writer::*;
use crate::words::phrases as ph;

pub(super) fn summary(
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
    blocks.push(Block::Paragraph(crate::words::summary_opening(
        year,
        inputs.units.len(),
        files,
        w.lang,
    )));
    for m in missing {
        blocks.push(Block::Note(m.clone()));
    }
    let mut columns = vec![w.col(c::UNIT, Kind::Text, 30.0)];
    if scorecards.is_some() {
        columns.push(w.named(ph::PAR_INDEX, Kind::Num(2), 11.0));
        columns.push(w.named(ph::MAXIMUM_2, Kind::Num(2), 10.0));
        columns.push(w.col(c::RANK, Kind::Int, 8.0));
        columns.push(w.named(ph::CHANGE_POINTS, Kind::Num(2), 11.0));
    }
    if surveys.is_some() {
        columns.push(w.named(ph::SATISFACTION, Kind::Pct, 11.0));
        columns.push(w.col(c::CI_LOW, Kind::Pct, 9.0));
        columns.push(w.col(c::CI_HIGH, Kind::Pct, 9.0));
    }
    if procedures.is_some() {
        columns.push(w.col(c::ON_TIME_RATE, Kind::Pct, 10.0));
        columns.push(w.col(c::ONLINE_SHARE, Kind::Pct, 10.0));
        columns.push(w.col(c::POSTAL_SHARE, Kind::Pct, 10.0));
    }
    let mut rows = Vec::new();
    for unit in &inputs.units {
        let mut figures = Vec::new();
        let mut row = vec![text(unit)];
        if let Some(s) = scorecards {
            let now = row_of(&s.trend, year, unit)?;
            match &now {
                Some(t) => {
                    let (total, max, rank) = (
                        first_value(t, c::SCORE_TOTAL),
                        first_value(t, c::MAX_TOTAL),
                        first_value(t, c::RANK),
                    );
                    let mut detail = Vec::new();
                    if let Some(r) = rank {
                        let ranked = peers(&s.trend, year, t)?;
                        detail.push(crate::words::rank_of(r as i64, ranked, w.lang));
                    }
                    if let Some(d) = first_value(t, c::DELTA) {
                        let moved = first_value(t, c::RANK_CHANGE).map(|r| r as i64);
                        detail.push(crate::words::change(
                            &w.signed(d, 2),
                            moved,
                            year - 1,
                            w.lang,
                        ));
                    }
                    figures.push(Figure {
                        label: w.say(ph::PAR_INDEX).to_owned(),
                        value: match (total, max) {
                            (Some(t), Some(m)) => format!("{} / {}", w.num(t, 2), w.trimmed(m)),
                            (Some(t), None) => w.num(t, 2),
                            _ => "—".to_owned(),
                        },
                        detail: detail.join("; "),
                    });
                    row.extend([
                        cell(total),
                        cell(max),
                        cell(rank),
                        cell(first_value(t, c::DELTA)),
                    ]);
                }
                None => {
                    figures.push(Figure {
                        label: w.say(ph::PAR_INDEX).to_owned(),
                        value: "—".to_owned(),
                        detail: crate::words::no_scorecard(year, w.lang),
                    });
                    row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]);
                }
            }
        }
        if let Some(s) = surveys {
            match row_of(&s.overall, year, unit)? {
                Some(t) => {
                    let (index, low, high) = (
                        first_value(&t, c::INDEX),
                        first_value(&t, c::CI_LOW),
                        first_value(&t, c::CI_HIGH),
                    );
                    let mut detail = Vec::new();
                    if let (Some(l), Some(h)) = (low, high) {
                        detail.push(format!("{} {}–{}", w.say(ph::N_95_CI), w.pct(l), w.pct(h)));
                    }
                    if let Some(d) = first_value(&t, c::DELTA) {
                        let p = first_value(&t, c::P_VALUE);
                        detail.push(format!(
                            "{} {} {} {}{}",
                            w.signed(d * 100.0, 1),
                            w.say(ph::POINTS_AGAINST),
                            year - 1,
                            p.map(|p| format!("(p = {}", cchc_model::labels::fmt_p(p, w.lang)))
                                .unwrap_or_default(),
                            if p.is_some() { ")" } else { "" }
                        ));
                    }
                    let respondents = first_value(&t, c::RESPONDENTS).unwrap_or(0.0) as i64;
                    detail.push(crate::words::respondents(respondents, w.lang));
                    figures.push(Figure {
                        label: w.say(ph::SATISFACTION_INDEX).to_owned(),
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
                    let on_time = first_value(&t, c::ON_TIME_RATE);
                    let online = first_value(&t, c::ONLINE_SHARE);
                    let postal = first_value(&t, c::POSTAL_SHARE);
                    let verdict = |met: bool| {
                        if met {
                            w.say(ph::MET)
                        } else {
                            w.say(ph::NOT_MET)
                        }
                    };
                    if let Some(r) = on_time {
                        figures.push(Figure {
                            label: w.say(ph::RESOLVED_ON_TIME).to_owned(),
                            value: w.pct(r),
                            detail: format!("{} 100%: {}", w.say(ph::TARGET), verdict(r >= 1.0)),
                        });
                    }
                    if let Some(r) = online {
                        figures.push(Figure {
                            label: w.say(ph::ONLINE_DOSSIERS).to_owned(),
                            value: w.pct(r),
                            detail: String::new(),
                        });
                    }
                    if let Some(r) = postal {
                        figures.push(Figure {
                            label: w.say(ph::PUBLIC_POSTAL).to_owned(),
                            value: w.pct(r),
                            detail: format!(
                                "{} ≥ {}: {}",
                                w.say(ph::TARGET),
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
            blocks.push(Block::Note(crate::words::no_figures(year, w.lang)));
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
        sheet: sheets.name(w.say(ph::SUMMARY)),
        title: crate::words::key_figures(year, w.lang),
        columns,
        rows,
        highlights,
    }));
    Ok(Section {
        kind: SectionKind::Summary,
        title: w.say(ph::SUMMARY).to_owned(),
        blocks,
    })
}

/// How many units a unit's rank is out of: the units of the year in its block (its province and
/// peer group, where the trend carries them).
fn peers(
    trend: &polars::prelude::DataFrame,
    year: i32,
    row: &polars::prelude::DataFrame,
) -> polars::prelude::PolarsResult<usize> {
    use polars::prelude::*;
    let mut same = col(c::YEAR).eq(lit(year));
    for name in [c::PROVINCE, c::PEER_GROUP] {
        if trend.column(name).is_ok() {
            same = match row.column(name)?.str()?.get(0) {
                Some(v) => same.and(col(name).eq(lit(v.to_owned()))),
                None => same.and(col(name).is_null()),
            };
        }
    }
    Ok(trend.clone().lazy().filter(same).collect()?.height())
}
