//! Section V: administrative procedures, channels, on time, and what to simplify.

use cchc_analysis::procedures::POSTAL_TARGET;
use cchc_model::columns as c;
use cchc_plot::{GroupedBars, ScatterChart, TrendChart};
use polars::prelude::*;

use crate::ReportError;
use crate::model::*;

use super::charts::*;
use super::frames::*;
use super::inputs::*;
use super::writer::*;
use crate::words::phrases as ph;

pub(super) fn procedures_section(
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
        blocks.push(Block::Note(crate::words::from_logs(&list, w.lang)));
    }
    blocks.push(Block::Paragraph(crate::words::procedure_targets(
        &w.pct(POSTAL_TARGET),
        w.lang,
    )));
    blocks.push(Block::Table(Table {
        sheet: sheets.name(&format!("{} {year}", w.say(ph::PROCEDURES))),
        title: crate::words::dossiers_of_year(year, w.lang),
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
        let sheet = sheets.name(w.say(ph::ON_TIME));
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
            columns.push(w.named(ph::POSTAL_TARGET, Kind::Pct, 14.0));
            let rows = (0..one.height())
                .map(|i| {
                    let mut row = vec![text(years[i].map(|y| y.to_string()).unwrap_or_default())];
                    row.extend(shares.iter().map(|s| cell(s[i])));
                    row.push(Cell::Num(POSTAL_TARGET));
                    row
                })
                .collect();
            let sheet = sheets.name(&format!("{} {}", w.say(ph::CHANNELS), short_unit(&unit)));
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
            let title = crate::words::late_chart(&unit, year, w.lang);
            // The workbook's scatter: received across, the late rate of the proposed procedures
            // and of the others in two columns (a procedure's rate in one of them).
            let sheet = sheets.name(&format!("{} {}", w.say(ph::LATE), short_unit(&unit)));
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
            w.say(ph::PROCEDURES_PROPOSED_FOR_SIMPLIFICATION).to_owned(),
        ));
        blocks.push(Block::Table(proposal_table(
            w,
            proposals,
            sheets.name(w.say(ph::SIMPLIFY)),
        )?));
    }
    for line in &p.summaries {
        blocks.push(Block::Paragraph(line.clone()));
    }
    Ok(Section {
        kind: SectionKind::Procedures,
        title: w.say(ph::ADMINISTRATIVE_PROCEDURES).to_owned(),
        blocks,
    })
}

pub(super) fn proposal_table(
    w: &W,
    proposals: &DataFrame,
    sheet: String,
) -> Result<Table, ReportError> {
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
            .say(ph::PROCEDURES_PROPOSED_FOR_SIMPLIFICATION_REASONS_AND)
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
