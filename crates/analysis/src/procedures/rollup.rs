//! Service ratios per procedure and rolled up per field, unit or year (counts added, then
//! divided: never a mean of rates), and the service targets they are held against.

use std::collections::BTreeMap;

use cchc_model::columns as c;
use polars::prelude::*;

use super::{Procedure, ratio, sum_some};

/// The postal target: at least this share of dossiers through the public postal service (BCCI).
pub const POSTAL_TARGET: f64 = 0.2;
/// The online target a department commonly sets (none is checked unless asked for).
pub const ONLINE_TARGET_DEFAULT: f64 = 0.3;

/// Whether a share reaches its target (a share computed as exactly the target counts, whatever
/// the rounding of its division).
pub fn meets_target(share: f64, target: f64) -> bool {
    share + 1e-12 >= target
}

/// Adds `postal_target_met` (always) and `online_target_met` (when an online target is given)
/// to a frame of shares; null where the share is unknown.
pub fn with_target_flags(
    mut frame: DataFrame,
    postal_target: f64,
    online_target: Option<f64>,
) -> PolarsResult<DataFrame> {
    let targets = [
        (c::POSTAL_SHARE, Some(postal_target), c::POSTAL_TARGET_MET),
        (c::ONLINE_SHARE, online_target, c::ONLINE_TARGET_MET),
    ];
    for (share, target, flag) in targets {
        let Some(target) = target else { continue };
        let met = frame
            .column(share)?
            .f64()?
            .iter()
            .map(|s| s.map(|s| meets_target(s, target)))
            .collect::<Vec<_>>();
        frame.with_column(Column::new(flag.into(), met))?;
    }
    Ok(frame)
}

/// How statistics are rolled up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// One row per procedure.
    Procedure,
    /// Per field (lĩnh vực), unit and year.
    Field,
    /// Per unit and year.
    Unit,
    /// Per year, all units together.
    Year,
}

/// Service ratios per procedure: the `procedures stats` table.
pub fn stats(procs: &[Procedure]) -> PolarsResult<DataFrame> {
    let p: Vec<&Procedure> = procs.iter().filter(|p| p.has_stats).collect();
    macro_rules! col {
        ($name:expr, $f:expr) => {
            Column::new($name.into(), p.iter().map(|x| $f(x)).collect::<Vec<_>>())
        };
    }
    DataFrame::new_infer_height(vec![
        col!(c::YEAR, |x: &&Procedure| x.year),
        col!(c::UNIT, |x: &&Procedure| x.unit.clone()),
        col!(c::CODE, |x: &&Procedure| x.code.clone()),
        col!(c::NAME, |x: &&Procedure| x.name.clone()),
        col!(c::FIELD, |x: &&Procedure| x.field.clone()),
        col!(c::RECEIVED, |x: &&Procedure| x.received_total()),
        col!(c::ONLINE_SHARE, |x: &&Procedure| x.online_share()),
        col!(c::DIRECT_SHARE, |x: &&Procedure| x.direct_share()),
        col!(c::POSTAL_SHARE, |x: &&Procedure| x.postal_share()),
        col!(c::RESOLVED, |x: &&Procedure| x.resolved_total()),
        col!(c::ON_TIME_RATE, |x: &&Procedure| x.on_time_rate()),
        col!(c::LATE_RATE, |x: &&Procedure| x.late_rate()),
        col!(c::PENDING_OVERDUE, |x: &&Procedure| x.pending_overdue),
        col!(c::NEED_TO_HANDLE, |x: &&Procedure| x.need_to_handle()),
        col!(c::LATE_OR_OVERDUE_RATE, |x: &&Procedure| x
            .late_or_overdue_rate()),
        col!(c::LEGAL_DAYS, |x: &&Procedure| x.legal_days),
        col!(c::ACTUAL_DAYS, |x: &&Procedure| x.actual_days),
        col!(c::TIME_RATIO, |x: &&Procedure| x.time_ratio()),
        col!(c::ONLINE_LEVEL, |x: &&Procedure| x.online_level.clone()),
        col!(c::P90_DAYS, |x: &&Procedure| x.p90_days),
        col!(c::ORIGIN, |x: &&Procedure| x.origin.clone()),
    ])
}

/// Roll-up accumulator.
#[derive(Debug, Default, Clone)]
struct Acc {
    procedures: i64,
    with_dossiers: i64,
    received: Option<i64>,
    online: Option<i64>,
    direct: Option<i64>,
    postal: Option<i64>,
    resolved: Option<i64>,
    in_time: Option<i64>,
    late: Option<i64>,
    overdue: Option<i64>,
    need: Option<i64>,
    weighted_legal: f64,
    weighted_actual: f64,
    weight_legal: f64,
    weight_actual: f64,
    weight_both: f64,
    both_legal: f64,
    both_actual: f64,
    online_capable: i64,
    online_used: i64,
    level_known: i64,
    level_full: i64,
}

fn add(acc: &mut Option<i64>, v: Option<i64>) {
    if let Some(v) = v {
        *acc = Some(acc.unwrap_or(0) + v);
    }
}

impl Acc {
    fn push(&mut self, p: &Procedure) {
        self.procedures += 1;
        let received = p.received_total();
        if received.is_some_and(|r| r > 0) {
            self.with_dossiers += 1;
        }
        add(&mut self.received, received);
        add(&mut self.online, p.received_online);
        add(&mut self.direct, p.received_direct);
        add(&mut self.postal, p.received_postal);
        let resolved = p.resolved_total();
        add(&mut self.resolved, resolved);
        add(&mut self.in_time, p.in_time());
        add(&mut self.late, p.resolved_late);
        add(&mut self.overdue, p.pending_overdue);
        add(&mut self.need, p.need_to_handle());
        let w = resolved.unwrap_or(0) as f64;
        if let Some(l) = p.legal_days {
            self.weighted_legal += w * l;
            self.weight_legal += w;
        }
        if let Some(a) = p.actual_days {
            self.weighted_actual += w * a;
            self.weight_actual += w;
        }
        if let (Some(l), Some(a)) = (p.legal_days, p.actual_days) {
            self.both_legal += w * l;
            self.both_actual += w * a;
            self.weight_both += w;
        }
        if p.online_capable() {
            self.online_capable += 1;
            if p.received_online.is_some_and(|n| n > 0) {
                self.online_used += 1;
            }
        }
        if p.online_level.is_some() {
            self.level_known += 1;
            if p.online_level.as_deref() == Some("full") {
                self.level_full += 1;
            }
        }
    }
}

fn mean(sum: f64, weight: f64) -> Option<f64> {
    (weight > 0.0).then(|| sum / weight)
}

/// Service ratios rolled up per field, unit or year (counts added, then divided).
pub fn rollup(procs: &[Procedure], level: Level) -> PolarsResult<DataFrame> {
    if level == Level::Procedure {
        return stats(procs);
    }
    let mut groups: BTreeMap<(i32, String, String), Acc> = BTreeMap::new();
    for p in procs.iter().filter(|p| p.has_stats) {
        let key = match level {
            Level::Field => (p.year, p.unit.clone(), p.field.clone().unwrap_or_default()),
            Level::Unit => (p.year, p.unit.clone(), String::new()),
            _ => (p.year, String::new(), String::new()),
        };
        groups.entry(key).or_default().push(p);
    }
    let rows: Vec<(&(i32, String, String), &Acc)> = groups.iter().collect();
    macro_rules! col {
        ($name:expr, $f:expr) => {
            Column::new(
                $name.into(),
                rows.iter().map(|(k, a)| $f(k, a)).collect::<Vec<_>>(),
            )
        };
    }
    type K = (i32, String, String);
    let mut cols = vec![col!(c::YEAR, |k: &&K, _a: &&Acc| k.0)];
    if level != Level::Year {
        cols.push(col!(c::UNIT, |k: &&K, _a: &&Acc| k.1.clone()));
    }
    if level == Level::Field {
        cols.push(col!(c::FIELD, |k: &&K, _a: &&Acc| (!k.2.is_empty())
            .then(|| k.2.clone())));
    }
    cols.extend([
        col!(c::PROCEDURES, |_k: &&K, a: &&Acc| a.procedures),
        col!(c::PROCEDURES_WITH_DOSSIERS, |_k: &&K, a: &&Acc| a
            .with_dossiers),
        col!(c::RECEIVED, |_k: &&K, a: &&Acc| a.received),
        col!(c::ONLINE_SHARE, |_k: &&K, a: &&Acc| ratio(
            a.online, a.received
        )),
        col!(c::DIRECT_SHARE, |_k: &&K, a: &&Acc| ratio(
            a.direct, a.received
        )),
        col!(c::POSTAL_SHARE, |_k: &&K, a: &&Acc| ratio(
            a.postal, a.received
        )),
        col!(c::RESOLVED, |_k: &&K, a: &&Acc| a.resolved),
        col!(c::ON_TIME_RATE, |_k: &&K, a: &&Acc| ratio(
            a.in_time, a.resolved
        )),
        col!(c::LATE_RATE, |_k: &&K, a: &&Acc| ratio(a.late, a.resolved)),
        col!(c::PENDING_OVERDUE, |_k: &&K, a: &&Acc| a.overdue),
        col!(c::NEED_TO_HANDLE, |_k: &&K, a: &&Acc| a.need),
        col!(c::LATE_OR_OVERDUE_RATE, |_k: &&K, a: &&Acc| ratio(
            sum_some(&[a.late, a.overdue]),
            a.need
        )),
        col!(c::LEGAL_DAYS, |_k: &&K, a: &&Acc| mean(
            a.weighted_legal,
            a.weight_legal
        )),
        col!(c::ACTUAL_DAYS, |_k: &&K, a: &&Acc| mean(
            a.weighted_actual,
            a.weight_actual
        )),
        col!(c::TIME_RATIO, |_k: &&K, a: &&Acc| (a.weight_both > 0.0
            && a.both_legal > 0.0)
            .then(|| a.both_actual / a.both_legal)),
        col!(c::ONLINE_UPTAKE, |_k: &&K, a: &&Acc| ratio(
            Some(a.online_used),
            Some(a.online_capable)
        )),
        col!(c::FULL_ONLINE_PROCEDURES, |_k: &&K, a: &&Acc| ratio(
            Some(a.level_full),
            Some(a.level_known)
        )),
    ]);
    DataFrame::new_infer_height(cols)
}
