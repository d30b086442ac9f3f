//! cchc's figures beside the office's, figure by figure.

use std::collections::BTreeMap;

use cchc_model::columns as c;
use polars::prelude::*;

use super::read::*;
use super::stats::*;

/// The log-derived yearly figures beside the office's, figure by figure, for every procedure,
/// unit and year either has (a side without the procedure shows null; a figure a side does not
/// report is left out): `log` is
/// [`as_procedures`]' frame, `office` the stored `procedures` table.
pub fn reconcile(log: &DataFrame, office: &DataFrame) -> PolarsResult<DataFrame> {
    type Key = (i32, String, String);
    /// Per (year, unit, procedure): its name and its figures.
    type Side = BTreeMap<Key, (Option<String>, Vec<Option<i64>>)>;
    let read = |df: &DataFrame| -> PolarsResult<Side> {
        let years: Vec<Option<i32>> = df
            .column(c::YEAR)?
            .cast(&DataType::Int32)?
            .i32()?
            .iter()
            .collect();
        let (units, codes, names) = (strs(df, c::UNIT)?, strs(df, c::CODE)?, strs(df, c::NAME)?);
        let figures: Vec<Vec<Option<i64>>> = FIGURES
            .iter()
            .map(|f| match df.column(f) {
                Ok(col) => Ok(col.cast(&DataType::Int64)?.i64()?.iter().collect()),
                Err(_) => Ok(vec![None; df.height()]),
            })
            .collect::<PolarsResult<_>>()?;
        let mut out = BTreeMap::new();
        for i in 0..df.height() {
            let (Some(y), Some(u), Some(code)) = (years[i], &units[i], &codes[i]) else {
                continue;
            };
            out.insert(
                (y, u.clone(), code.clone()),
                (names[i].clone(), figures.iter().map(|f| f[i]).collect()),
            );
        }
        Ok(out)
    };
    let (ours, theirs) = (read(log)?, read(office)?);
    let keys: std::collections::BTreeSet<&Key> = ours.keys().chain(theirs.keys()).collect();
    let (mut year, mut unit, mut code, mut name, mut figure) =
        (vec![], vec![], vec![], vec![], vec![]);
    let (mut from_log, mut from_office, mut diff) = (vec![], vec![], vec![]);
    for key in keys {
        let a = ours.get(key);
        let b = theirs.get(key);
        for (i, f) in FIGURES.iter().enumerate() {
            let x = a.and_then(|a| a.1[i]);
            let y = b.and_then(|b| b.1[i]);
            // A figure one side does not report (the office's form without carried-over
            // dossiers) is not compared; a procedure one side lacks is shown with the other's.
            let unreported = (a.is_some() && x.is_none()) || (b.is_some() && y.is_none());
            if unreported {
                continue;
            }
            year.push(key.0);
            unit.push(key.1.clone());
            code.push(key.2.clone());
            name.push(
                a.and_then(|a| a.0.clone())
                    .or_else(|| b.and_then(|b| b.0.clone())),
            );
            figure.push(*f);
            from_log.push(x);
            from_office.push(y);
            diff.push(x.zip(y).map(|(x, y)| x - y));
        }
    }
    DataFrame::new_infer_height(vec![
        Column::new(c::YEAR.into(), year),
        Column::new(c::UNIT.into(), unit),
        Column::new(c::CODE.into(), code),
        Column::new(c::NAME.into(), name),
        Column::new(c::FIGURE.into(), figure),
        Column::new(c::FROM_LOG.into(), from_log),
        Column::new(c::FROM_OFFICE.into(), from_office),
        Column::new(c::DIFFERENCE.into(), diff),
    ])
}
