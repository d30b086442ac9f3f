//! Section II: the points lost, per unit.

use cchc_model::columns as c;
use cchc_plot::ParetoChart;
use polars::prelude::*;

use crate::ReportError;
use crate::model::*;

use super::charts::*;
use super::frames::*;
use super::inputs::*;
use super::writer::*;
use crate::words::phrases as ph;

pub(super) fn points_lost(
    w: &W,
    inputs: &Inputs,
    gaps: &DataFrame,
    sheets: &mut Sheets,
) -> Result<Section, ReportError> {
    let year = inputs.year;
    let mut blocks = vec![Block::Paragraph(
        w.say(ph::THE_POINTS_LOST_ON_A_CRITERION).to_owned(),
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
                label: w.say(ph::TOTAL_SCORE).to_owned(),
                value: w.num(total, 2),
                detail: format!("{} {}", w.say(ph::OF), w.trimmed(total_max)),
            },
            Figure {
                label: w.say(ph::POINTS_LOST).to_owned(),
                value: w.num(lost, 2),
                detail: crate::words::criteria_lost(
                    chart.bars.iter().filter(|b| b.points_lost > 0.0).count(),
                    w.lang,
                ),
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
        let sheet = sheets.name(&format!("{} {}", w.say(ph::LOST), short_unit(&unit)));
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
        title: w.say(ph::POINTS_LOST).to_owned(),
        blocks,
    })
}
