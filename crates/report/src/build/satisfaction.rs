//! Section IV: the satisfaction of citizens and organisations.

use cchc_model::columns as c;
use cchc_plot::{LikertChart, TrendChart};
use polars::prelude::*;

use crate::ReportError;
use crate::model::*;

use super::charts::*;
use super::frames::*;
use super::inputs::*;
use super::writer::*;
use crate::words::phrases as ph;

pub(super) fn satisfaction(
    w: &W,
    inputs: &Inputs,
    s: &Surveys,
    sheets: &mut Sheets,
) -> Result<Section, ReportError> {
    let year = inputs.year;
    let mut blocks = vec![Block::Paragraph(
        w.say(ph::THE_SATISFACTION_INDEX_IS_THE_SHARE).to_owned(),
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
            let mut columns = vec![w.named(ph::ELEMENT_YEAR, Kind::Text, 40.0)];
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
            let sheet = sheets.name(&format!("{} {}", w.say(ph::LEVELS), short_unit(&unit)));
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
            let sheet = sheets.name(&format!("{} {}", w.say(ph::ELEMENTS), short_unit(&unit)));
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
            let element = w.named(ph::ELEMENT, Kind::Text, 34.0);
            let (columns, rows) = labelled(w, &now, (c::GROUP, element), &cols)?;
            blocks.push(Block::Table(Table {
                sheet: sheets.name(&format!("{} {}", w.say(ph::SATISF), short_unit(&unit))),
                title: crate::words::satisfaction_by_element(&unit, year, w.lang),
                columns,
                rows,
                highlights: Vec::new(),
            }));
        }
    }
    blocks.push(Block::Note(
        w.say(ph::P_ADJUSTED_HOLM_ADJUSTMENT_OVER_EVERY).to_owned(),
    ));
    Ok(Section {
        kind: SectionKind::Satisfaction,
        title: w
            .say(ph::SATISFACTION_OF_CITIZENS_AND_ORGANISATIONS)
            .to_owned(),
        blocks,
    })
}
