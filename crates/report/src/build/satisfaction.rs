//! Section IV: the satisfaction of citizens and organisations.

use cchc_model::Lang;
use cchc_model::columns as c;
use cchc_plot::{LikertChart, TrendChart};
use polars::prelude::*;

use crate::ReportError;
use crate::model::*;

use super::charts::*;
use super::frames::*;
use super::inputs::*;
use super::words::*;

pub(super) fn satisfaction(
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
