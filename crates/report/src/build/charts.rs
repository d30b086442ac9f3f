//! A chart and the table the workbook draws it from.

use cchc_model::columns as c;
use cchc_plot::TrendChart;
use polars::prelude::*;

use crate::ReportError;
use crate::model::*;

use super::frames::*;
use super::writer::*;

/// A trend chart and the table it is drawn from, in that order: the years down the first
/// column, a column per series; the workbook draws its lines from the table's sheet.
pub(super) fn trend_blocks(w: &W, chart: &TrendChart, svg: String, sheet: String) -> [Block; 2] {
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

pub(super) fn chart_of<T>(
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

/// The columns and rows of a table with a text label per row (a column of `frame`) and the
/// numeric columns `cols` (name, kind, width) beside it.
pub(super) fn labelled(
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
