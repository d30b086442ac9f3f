//! The period statistics (Biểu 06a) and their yearly procedure figures.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use cchc_calendar::{Calendar, Day};
use cchc_model::columns as c;
use polars::prelude::*;

use super::judge::*;
use super::read::*;
use super::types::*;

/// The period statistics of a log, per unit, field, procedure and period, in the official shape,
/// with processing-time distributions; and how many rows were repeats of a code.
#[derive(Default, Clone)]
pub(super) struct Tally {
    pub(super) received: i64,
    pub(super) online: i64,
    pub(super) direct: i64,
    pub(super) postal: i64,
    pub(super) carried_over: i64,
    pub(super) resolved: i64,
    pub(super) early: i64,
    pub(super) on_time: i64,
    pub(super) late: i64,
    pub(super) unknown: i64,
    pub(super) pending_in_time: i64,
    pub(super) pending_overdue: i64,
    pub(super) days: Vec<i32>,
    pub(super) over_limit: i64,
    pub(super) limit_days: Option<f64>,
}

/// The statistics table and the number of rows dropped as repeats of a code.
pub fn statistics(
    log: &DataFrame,
    registry: Option<&DataFrame>,
    cal: &Calendar,
    opts: &Options,
) -> Result<(DataFrame, usize), DossierError> {
    let limits = match registry {
        Some(r) => limits(r)?,
        None => HashMap::new(),
    };
    let (all, repeats, _) = dossiers(log)?;
    let mut groups: BTreeMap<StatsKey, Tally> = BTreeMap::new();
    // The periods the log spans, from its first receipt to its last date (or as_of).
    let first = all.iter().map(|d| d.received.day).min();
    let last = all
        .iter()
        .map(|d| {
            d.result
                .map_or(d.received.day, |r| r.day.max(d.received.day))
        })
        .max();
    let (Some(first), Some(mut last)) = (first, last) else {
        return Ok((empty_stats()?, repeats));
    };
    if let Some(a) = opts.as_of {
        last = last.min(a).max(first);
    }
    let mut periods: Vec<(Day, Day)> = Vec::new();
    let mut p = opts.period.bounds(first);
    loop {
        periods.push(p);
        if p.1 >= last {
            break;
        }
        p = opts.period.bounds(p.1.plus(1));
    }
    for d in &all {
        let limit = d.procedure.as_deref().and_then(|p| limits.get(p)).copied();
        let j = judge(d, limit, cal)?;
        let due = match opts.verdict {
            VerdictOf::Cchc => j.due_legal,
            VerdictOf::Office => j.due_office,
        };
        let key_of = |period: usize| -> StatsKey {
            (
                d.unit.clone(),
                d.field.clone(),
                d.procedure.clone(),
                d.name.clone(),
                period,
            )
        };
        // From the period the dossier was received in (a counted result is never before it).
        let from = periods.partition_point(|p| p.1 < d.received.day);
        for (period, &(start, end)) in periods.iter().enumerate().skip(from) {
            let t = groups.entry(key_of(period)).or_default();
            t.limit_days = j.limit_days;
            if d.received.day >= start {
                t.received += 1;
                match d.channel.as_deref() {
                    Some("online") => t.online += 1,
                    Some("direct") => t.direct += 1,
                    Some("postal") => t.postal += 1,
                    _ => {}
                }
            } else if j.counted {
                t.carried_over += 1;
            }
            if !j.counted {
                continue;
            }
            let judged_at = opts.as_of.map_or(end, |a| a.min(end));
            match j.result {
                Some(r) if r <= end => {
                    t.resolved += 1;
                    match verdict_at(&j, due) {
                        Verdict::Early => t.early += 1,
                        Verdict::OnTime => t.on_time += 1,
                        Verdict::Late => t.late += 1,
                        _ => t.unknown += 1,
                    }
                    if let Some(w) = j.working_days {
                        t.days.push(w);
                        if j.limit_days.is_some_and(|l| f64::from(w) > l) {
                            t.over_limit += 1;
                        }
                    }
                    break;
                }
                _ => {
                    if opts.as_of.is_some_and(|a| a < d.received.day) {
                        continue;
                    }
                    match due {
                        Some(due) if due >= judged_at => t.pending_in_time += 1,
                        Some(_) => t.pending_overdue += 1,
                        None => t.unknown += 1,
                    }
                }
            }
        }
    }
    let labels: Vec<String> = periods.iter().map(|p| opts.period.of(p.0)).collect();
    Ok((stats_frame(groups, &labels, opts)?, repeats))
}

pub(super) fn quantile(sorted: &[i32], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    // Linear interpolation between closest ranks (type 7, as R, numpy, DuckDB's quantile_cont).
    let h = (sorted.len() - 1) as f64 * q;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    Some(f64::from(sorted[lo]) + (h - lo as f64) * f64::from(sorted[hi] - sorted[lo]))
}

pub(super) fn empty_stats() -> PolarsResult<DataFrame> {
    stats_frame(
        BTreeMap::new(),
        &[],
        &Options {
            period: Period::Year,
            as_of: None,
            verdict: VerdictOf::Cchc,
        },
    )
}

/// Unit, field, procedure, name and the period's index.
pub(super) type StatsKey = (
    Arc<str>,
    Option<Arc<str>>,
    Option<Arc<str>>,
    Option<Arc<str>>,
    usize,
);

pub(super) fn stats_frame(
    groups: BTreeMap<StatsKey, Tally>,
    labels: &[String],
    opts: &Options,
) -> PolarsResult<DataFrame> {
    let n = groups.len();
    let mut unit = Vec::with_capacity(n);
    let mut field = Vec::with_capacity(n);
    let mut code = Vec::with_capacity(n);
    let mut name = Vec::with_capacity(n);
    let mut period = Vec::with_capacity(n);
    let mut ints: [Vec<i64>; 11] = Default::default();
    let (mut mean, mut median, mut p90, mut max, mut over, mut limit) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    let owned = |s: Option<Arc<str>>| s.as_deref().map(str::to_owned);
    for ((u, f, cd, nm, p), mut t) in groups {
        unit.push(u.to_string());
        field.push(owned(f));
        code.push(owned(cd));
        name.push(owned(nm));
        period.push(labels[p].clone());
        for (slot, v) in ints.iter_mut().zip([
            t.received,
            t.online,
            t.direct,
            t.postal,
            t.carried_over,
            t.resolved,
            t.early,
            t.on_time,
            t.late,
            t.pending_in_time,
            t.pending_overdue,
        ]) {
            slot.push(v);
        }
        t.days.sort_unstable();
        mean.push(
            (!t.days.is_empty())
                .then(|| t.days.iter().map(|&d| f64::from(d)).sum::<f64>() / t.days.len() as f64),
        );
        median.push(quantile(&t.days, 0.5));
        p90.push(quantile(&t.days, 0.9));
        max.push(t.days.last().map(|&d| f64::from(d)));
        over.push((!t.days.is_empty()).then(|| t.over_limit as f64 / t.days.len() as f64));
        limit.push(t.limit_days);
    }
    let source = match opts.verdict {
        VerdictOf::Cchc => "cchc",
        VerdictOf::Office => "office",
    };
    let mut cols = vec![
        Column::new(c::UNIT.into(), unit),
        Column::new(c::FIELD.into(), field),
        Column::new(c::CODE.into(), code),
        Column::new(c::NAME.into(), name),
        Column::new(c::PERIOD.into(), period),
    ];
    for (name, values) in FIGURES.into_iter().zip(ints) {
        cols.push(Column::new(name.into(), values));
    }
    let height = cols[0].len();
    cols.extend([
        Column::new(c::LEGAL_DAYS.into(), limit),
        Column::new(c::ACTUAL_DAYS.into(), mean),
        Column::new(c::MEDIAN_DAYS.into(), median),
        Column::new(c::P90_DAYS.into(), p90),
        Column::new(c::MAX_DAYS.into(), max),
        Column::new(c::OVER_LIMIT_SHARE.into(), over),
        Column::new(c::VERDICT_SOURCE.into(), vec![source; height]),
    ]);
    DataFrame::new_infer_height(cols)
}

/// The figures the official period table shares with the office's report, in its order.
pub const FIGURES: [&str; 11] = cchc_model::schema::DOSSIER_FIGURES;

/// Yearly statistics of [`statistics`] in the shape of the `procedures` table (its year from the
/// period, `pending` = in time + overdue, `actual_days` the mean working days), with `p90_days`
/// and `origin` = `log`.
pub fn as_procedures(stats: &DataFrame) -> PolarsResult<DataFrame> {
    stats
        .clone()
        .lazy()
        .select([
            col(c::PERIOD).cast(DataType::Int32).alias(c::YEAR),
            col(c::UNIT),
            col(c::CODE),
            col(c::NAME),
            col(c::FIELD),
            col(c::RECEIVED),
            col(c::RECEIVED_ONLINE),
            col(c::RECEIVED_DIRECT),
            col(c::RECEIVED_POSTAL),
            col(c::CARRIED_OVER),
            col(c::RESOLVED),
            col(c::RESOLVED_EARLY),
            col(c::RESOLVED_ON_TIME),
            col(c::RESOLVED_LATE),
            (col(c::PENDING_IN_TIME) + col(c::PENDING_OVERDUE)).alias(c::PENDING),
            col(c::PENDING_IN_TIME),
            col(c::PENDING_OVERDUE),
            col(c::ACTUAL_DAYS),
            col(c::P90_DAYS),
            lit("log").alias(c::ORIGIN),
        ])
        .filter(col(c::CODE).is_not_null())
        .collect()
}
