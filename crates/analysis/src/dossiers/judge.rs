//! Each dossier's legal due date and both verdicts.

use std::collections::HashMap;

use cchc_calendar::{Calendar, CalendarError, Day, Limit};
use cchc_model::columns as c;
use polars::prelude::*;

use super::read::*;
use super::types::*;

/// A dossier judged.
pub(super) struct Judged {
    pub(super) due_legal: Option<Day>,
    pub(super) due_office: Option<Day>,
    /// The result's day when it counts (not before receipt, not withdrawn).
    pub(super) result: Option<Day>,
    pub(super) counted: bool,
    pub(super) working_days: Option<i32>,
    pub(super) limit_days: Option<f64>,
}

pub(super) fn judge(
    d: &Dossier,
    limit: Option<Limit>,
    cal: &Calendar,
) -> Result<Judged, CalendarError> {
    let mut due_legal = match limit {
        Some(l) => Some(cal.due(d.received, l)?),
        None => None,
    };
    if let (Some(due), Some((from, to)), Some(l)) = (due_legal, d.supplement, limit) {
        due_legal = Some(cal.extend(due, l.unit, from, to)?);
    }
    let due_office = d.extended_to.or(d.due_written).map(|m| m.day);
    let withdrawn = matches!(
        d.status.as_deref(),
        Some("withdrawn" | "stopped" | "refused")
    );
    let result = d.result.map(|m| m.day).filter(|r| *r >= d.received.day);
    let before_receipt = d.result.is_some() && result.is_none();
    let counted = !(withdrawn || before_receipt);
    let working_days = match (counted, result) {
        (true, Some(r)) => Some(cal.working_days_between(d.received.day, r)?),
        _ => None,
    };
    let hours = f64::from(cal.hours.minutes_per_day()) / 60.0;
    Ok(Judged {
        due_legal,
        due_office,
        result: if counted { result } else { None },
        counted,
        working_days,
        limit_days: limit.map(|l| l.working_days(hours)),
    })
}

pub(super) fn verdict_at(j: &Judged, due: Option<Day>) -> Verdict {
    if !j.counted {
        return Verdict::NotCounted;
    }
    match (j.result, due) {
        (None, _) => Verdict::Pending,
        (Some(_), None) => Verdict::Unknown,
        (Some(r), Some(due)) if r < due => Verdict::Early,
        (Some(r), Some(due)) if r == due => Verdict::OnTime,
        (Some(_), Some(_)) => Verdict::Late,
    }
}

/// One dossier per row with its legal due date, both verdicts and its processing time.
pub fn judged(
    log: &DataFrame,
    registry: Option<&DataFrame>,
    cal: &Calendar,
) -> Result<DataFrame, DossierError> {
    let limits = match registry {
        Some(r) => limits(r)?,
        None => HashMap::new(),
    };
    let (all, _, _) = dossiers(log)?;
    let mut unit = Vec::with_capacity(all.len());
    let mut code = Vec::with_capacity(all.len());
    let mut procedure = Vec::with_capacity(all.len());
    let mut received = Vec::with_capacity(all.len());
    let mut due = Vec::with_capacity(all.len());
    let (mut verdicts, mut office, mut days) = (Vec::new(), Vec::new(), Vec::new());
    for d in &all {
        let limit = d.procedure.as_deref().and_then(|p| limits.get(p)).copied();
        let j = judge(d, limit, cal)?;
        unit.push(d.unit.to_string());
        code.push(d.code.to_string());
        procedure.push(d.procedure.as_deref().map(str::to_owned));
        received.push(d.received.day.iso());
        due.push(j.due_legal.map(Day::iso));
        verdicts.push(verdict_at(&j, j.due_legal).code());
        office.push(verdict_at(&j, j.due_office).code());
        days.push(j.working_days);
    }
    Ok(DataFrame::new_infer_height(vec![
        Column::new(c::UNIT.into(), unit),
        Column::new(c::DOSSIER_CODE.into(), code),
        Column::new(c::CODE.into(), procedure),
        Column::new(c::RECEIVED_AT.into(), received),
        Column::new(c::DUE_LEGAL.into(), due),
        Column::new(c::VERDICT.into(), verdicts),
        Column::new(c::OFFICE_VERDICT.into(), office),
        Column::new(c::WORKING_DAYS.into(), days),
    ])?)
}
