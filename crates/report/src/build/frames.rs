//! Reading the result frames: columns as vectors, rows of a year and unit, cells.

use cchc_model::columns as c;
use polars::prelude::*;

use crate::model::*;

use super::writer::*;

pub(super) use cchc_model::frame::{floats, ints, texts as strs};

pub(super) fn of(df: &DataFrame, year: Option<i32>, unit: Option<&str>) -> PolarsResult<DataFrame> {
    let mut lf = df.clone().lazy();
    if let Some(y) = year {
        lf = lf.filter(col(c::YEAR).eq(lit(y)));
    }
    if let Some(u) = unit {
        lf = lf.filter(col(c::UNIT).eq(lit(u.to_owned())));
    }
    lf.collect()
}

pub(super) fn units_of(df: &DataFrame, order: &[String]) -> PolarsResult<Vec<String>> {
    let present = strs(df, c::UNIT)?;
    Ok(order
        .iter()
        .filter(|u| present.contains(u))
        .cloned()
        .collect())
}

pub(super) fn cell(x: Option<f64>) -> Cell {
    x.filter(|v| v.is_finite()).map_or(Cell::Empty, Cell::Num)
}

pub(super) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// An input the report can use for the year: `None`, with the reason added to `missing`, when
/// the store lacks it or has none of the year; `part` is the part of the report it feeds.
pub(super) fn usable<'a, T>(
    w: &W,
    input: Option<&'a T>,
    has_year: impl Fn(&T) -> PolarsResult<bool>,
    year: i32,
    part: crate::words::Part,
    missing: &mut Vec<String>,
) -> PolarsResult<Option<&'a T>> {
    let why = match input {
        Some(t) if has_year(t)? => return Ok(Some(t)),
        Some(_) => crate::words::missing(part, true, year, w.lang),
        None => crate::words::missing(part, false, year, w.lang),
    };
    missing.push(why);
    Ok(None)
}

/// The row of a unit in a frame of the year, if any.
pub(super) fn row_of(df: &DataFrame, year: i32, unit: &str) -> PolarsResult<Option<DataFrame>> {
    let one = of(df, Some(year), Some(unit))?;
    Ok((one.height() > 0).then_some(one))
}

pub(super) fn first_value(df: &DataFrame, name: &str) -> Option<f64> {
    floats(df, name)
        .ok()
        .and_then(|v| v.first().copied().flatten())
}
