//! What a log should not show: the audit.

use std::collections::HashMap;

use cchc_calendar::{Calendar, Day};
use cchc_model::columns as c;
use cchc_model::stamp::Stamp;
use polars::prelude::*;

use super::judge::*;
use super::read::*;
use super::types::*;

/// The audit: one row per flagged dossier and reason, with the dates involved.
pub fn audit(
    log: &DataFrame,
    registry: Option<&DataFrame>,
    cal: &Calendar,
) -> Result<DataFrame, DossierError> {
    /// Exact completion-equals-due coincidences a unit must show before they are called a reset.
    const RESET_MIN: usize = 5;
    let limits = match registry {
        Some(r) => limits(r)?,
        None => HashMap::new(),
    };
    let (all, _, exact) = dossiers(log)?;
    let mut per_unit: HashMap<&str, usize> = HashMap::new();
    for (_, unit) in &exact {
        *per_unit.entry(unit.as_str()).or_default() += 1;
    }
    let resets: std::collections::HashSet<&str> = exact
        .iter()
        .filter(|(_, u)| per_unit[u.as_str()] >= RESET_MIN)
        .map(|(code, _)| code.as_str())
        .collect();
    struct Flagged {
        unit: String,
        code: String,
        flag: Flag,
        due_legal: Option<Day>,
        /// The row of the log whose dates are shown, as written.
        row: usize,
    }
    let dates = Stamps::of(log)?;
    let written = |name: &str, row: usize| {
        let k = c::DOSSIER_DATES.iter().position(|d| *d == name)?;
        dates.at(k, row).map(Stamp::iso)
    };
    let mut flagged: Vec<Flagged> = Vec::new();
    for d in &all {
        let limit = d.procedure.as_deref().and_then(|p| limits.get(p)).copied();
        let j = judge(d, limit, cal)?;
        let mut flag = |flag: Flag| {
            flagged.push(Flagged {
                unit: d.unit.to_string(),
                code: d.code.to_string(),
                flag,
                due_legal: j.due_legal,
                row: d.row,
            });
        };
        if resets.contains(&*d.code) {
            flag(Flag::OverdueReset);
        }
        if let (Some(written), Some(legal)) = (d.due_written, j.due_legal)
            && d.extended_to.is_none()
            && written.day > legal
        {
            flag(Flag::DueLaterThanLegal);
        }
        if matches!(d.status.as_deref(), Some("withdrawn" | "stopped")) && d.result.is_some() {
            flag(Flag::WithdrawnWithResult);
        }
        if d.result.is_some_and(|r| r.day < d.received.day) {
            flag(Flag::ResultBeforeReceipt);
        }
        if code_date(&d.code).is_some_and(|embedded| embedded != d.received.day) {
            flag(Flag::CodeDateMismatch);
        }
    }
    flagged.sort_by(|a, b| (&a.unit, a.flag, &a.code).cmp(&(&b.unit, b.flag, &b.code)));
    let shown = |name: &str| -> Vec<Option<String>> {
        flagged.iter().map(|f| written(name, f.row)).collect()
    };
    // The result shown is the one the verdicts read: when processing ended, else when it was
    // handed over.
    let result: Vec<Option<String>> = flagged
        .iter()
        .map(|f| written(c::RESOLVED_AT, f.row).or_else(|| written(c::RETURNED_AT, f.row)))
        .collect();
    Ok(DataFrame::new_infer_height(vec![
        Column::new(
            c::UNIT.into(),
            flagged.iter().map(|f| f.unit.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            c::DOSSIER_CODE.into(),
            flagged.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            c::REASON_CODE.into(),
            flagged.iter().map(|f| f.flag.code()).collect::<Vec<_>>(),
        ),
        Column::new(c::RECEIVED_AT.into(), shown(c::RECEIVED_AT)),
        Column::new(c::DUE_WRITTEN.into(), shown(c::DUE_WRITTEN)),
        Column::new(c::EXTENDED_TO.into(), shown(c::EXTENDED_TO)),
        Column::new(
            c::DUE_LEGAL.into(),
            flagged
                .iter()
                .map(|f| f.due_legal.map(Day::iso))
                .collect::<Vec<_>>(),
        ),
        Column::new(c::RESOLVED_AT.into(), result),
    ])?)
}
