//! Dossier logs: each dossier's legal due date on Vietnam's working-day calendar, cchc's verdict
//! beside the office's, the period statistics in the official shape (Biểu 06a: received by
//! channel and carried over; resolved early, on time, late; pending in time, overdue), processing
//! time distributions, and the audit of what a log should not show.
//!
//! The rules (see `cchc_calendar::due` for the due date):
//! - a supplement request stops the clock: the due date moves by the working days between the
//!   request and the supplement (when the log has both dates);
//! - verdicts compare calendar dates: a result dated before the due date is early, on it on
//!   time, after it late; a dossier without a result is pending in time or overdue at the end of
//!   the period, or at `as_of` when that is earlier;
//! - the office's verdict applies the same rule to the due date it wrote (or its extension);
//! - withdrawn, stopped and refused dossiers are received but never resolved; a result dated
//!   before the receipt is kept as received and left out of resolved and of processing times;
//! - the same dossier code in two files keeps the row with the latest date (counted).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use cchc_calendar::{Calendar, CalendarError, Day, Limit, LimitUnit, Moment};
use cchc_model::columns as c;
use cchc_model::stamp::{self, Precision, Stamp};
use polars::prelude::*;

/// How statistics are grouped in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Year,
    Quarter,
    Month,
}

impl Period {
    /// The period of a day: `2024`, `2024-Q1`, `2024-03`.
    pub fn of(self, day: Day) -> String {
        let (y, m, _) = day.ymd();
        match self {
            Period::Year => format!("{y}"),
            Period::Quarter => format!("{y}-Q{}", (m - 1) / 3 + 1),
            Period::Month => format!("{y}-{m:02}"),
        }
    }

    /// The first and last day of the period holding `day`.
    fn bounds(self, day: Day) -> (Day, Day) {
        let (y, m, _) = day.ymd();
        let (m0, m1) = match self {
            Period::Year => (1, 12),
            Period::Quarter => {
                let q = (m - 1) / 3;
                (q * 3 + 1, q * 3 + 3)
            }
            Period::Month => (m, m),
        };
        let first = Day::from_ymd(y, m0, 1).expect("a first day");
        let last =
            Day::from_ymd(y, m1, cchc_calendar::day::days_in_month(y, m1)).expect("a last day");
        (first, last)
    }
}

/// Which verdict the statistics follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictOf {
    Cchc,
    Office,
}

/// Options of the analyses.
#[derive(Debug, Clone)]
pub struct Options {
    pub period: Period,
    /// Pending dossiers are judged at the end of each period or at this day, whichever is first.
    pub as_of: Option<Day>,
    pub verdict: VerdictOf,
}

/// A verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Early,
    OnTime,
    Late,
    /// No result yet: judged at a date.
    Pending,
    /// Received but never to be resolved (withdrawn, stopped, refused) or with a result dated
    /// before its receipt.
    NotCounted,
    /// No legal limit known for its procedure (cchc), or no written due date (office).
    Unknown,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Early => "early",
            Verdict::OnTime => "on_time",
            Verdict::Late => "late",
            Verdict::Pending => "pending",
            Verdict::NotCounted => "not_counted",
            Verdict::Unknown => "unknown",
        }
    }
}

/// Why a dossier is flagged by the audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Flag {
    /// Its completion time equals its written due time, as in many of its unit's dossiers (an
    /// "overdue reset" that overwrote the completion with the due time).
    OverdueReset,
    /// The written due date is later than the legal one, without an extension.
    DueLaterThanLegal,
    /// Withdrawn or stopped, yet carrying a result.
    WithdrawnWithResult,
    /// A result dated before the receipt.
    ResultBeforeReceipt,
    /// The date its code embeds differs from its receipt date.
    CodeDateMismatch,
}

impl Flag {
    pub fn code(self) -> &'static str {
        match self {
            Flag::OverdueReset => "overdue_reset",
            Flag::DueLaterThanLegal => "due_later_than_legal",
            Flag::WithdrawnWithResult => "withdrawn_with_result",
            Flag::ResultBeforeReceipt => "result_before_receipt",
            Flag::CodeDateMismatch => "code_date_mismatch",
        }
    }
}

/// Errors of the analyses.
#[derive(Debug, thiserror::Error)]
pub enum DossierError {
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error(transparent)]
    Polars(#[from] PolarsError),
}

/// A dossier as the analyses read it.
#[derive(Debug, Clone)]
struct Dossier {
    unit: Arc<str>,
    code: Box<str>,
    procedure: Option<Arc<str>>,
    name: Option<Arc<str>>,
    field: Option<Arc<str>>,
    channel: Option<Arc<str>>,
    status: Option<Arc<str>>,
    received: Moment,
    due_written: Option<Moment>,
    extended_to: Option<Moment>,
    result: Option<Moment>,
    supplement: Option<(Day, Day)>,
    /// The latest date the row holds: which of two rows of one code wins.
    status_at: Moment,
    /// The row of the frame it was read from (its dates as written are there).
    row: usize,
}

/// The stored columns the analyses read (the lineage is left in the store).
pub const COLUMNS: [&str; 16] = [
    c::UNIT,
    c::DOSSIER_CODE,
    c::CODE,
    c::NAME,
    c::FIELD,
    c::CHANNEL,
    c::DOSSIER_STATUS,
    c::SUBMITTED_AT,
    c::RECEIVED_AT,
    c::DUE_WRITTEN,
    c::EXTENDED_TO,
    c::RESOLVED_AT,
    c::RETURNED_AT,
    c::SUPPLEMENT_FROM,
    c::SUPPLEMENT_TO,
    c::DATE_PRECISION,
];

/// A stored stamp as the calendar's moment (to the minute: due times are counted in working
/// minutes; the seconds matter only where two stamps are compared as written).
fn moment(s: Stamp) -> Moment {
    Moment::new(Day(s.days() as i32), s.minute_of_day())
}

/// The stamps of every date column of a log, column by column (`None` where empty or absent):
/// timestamps with their packed precisions ([`cchc_model::stamp`]).
fn stamps(df: &DataFrame) -> PolarsResult<Vec<Vec<Option<Stamp>>>> {
    let height = df.height();
    let bits: Vec<u16> = match df.column(c::DATE_PRECISION) {
        Ok(col) => col.i32()?.iter().map(|b| b.unwrap_or(0) as u16).collect(),
        Err(_) => vec![0; height],
    };
    c::DOSSIER_DATES
        .iter()
        .enumerate()
        .map(|(k, name)| match df.column(name) {
            Ok(col) => {
                let ms = col.datetime()?.physical().clone();
                Ok(ms
                    .iter()
                    .zip(&bits)
                    .map(|(ms, bits)| {
                        Some(Stamp {
                            millis: ms?,
                            precision: stamp::unpack(*bits, k)?,
                        })
                    })
                    .collect())
            }
            Err(_) => Ok(vec![None; height]),
        })
        .collect()
}

/// The date a dossier code embeds (`<unit>-<yyMMdd>-<sequence>`), if it does.
pub fn code_date(code: &str) -> Option<Day> {
    let mut parts = code.rsplit('-');
    parts.next()?;
    let date = parts.next()?;
    if date.len() != 6 || !date.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Day::from_ymd(
        2000 + date[0..2].parse::<i32>().ok()?,
        date[2..4].parse().ok()?,
        date[4..6].parse().ok()?,
    )
}

fn strs(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<String>>> {
    match df.column(name) {
        Ok(col) => Ok(col.str()?.iter().map(|s| s.map(str::to_owned)).collect()),
        Err(_) => Ok(vec![None; df.height()]),
    }
}

/// The dossiers of a stored log, one per code (the row with the latest date wins), and how many
/// rows were dropped as repeats of a code from another file.
/// The dossiers, the rows dropped as repeats, and the (code, unit) whose completion equals the
/// written due time to the minute.
type Read = (Vec<Dossier>, usize, Vec<(String, String)>);

/// The text of a column row by row, without a string per row (nulls when the column is absent).
fn texts<'a>(
    df: &'a DataFrame,
    name: &str,
) -> PolarsResult<Box<dyn Iterator<Item = Option<&'a str>> + 'a>> {
    match df.column(name) {
        Ok(col) => Ok(Box::new(col.str()?.iter())),
        Err(_) => Ok(Box::new(std::iter::repeat_n(None, df.height()))),
    }
}

/// One shared copy of each distinct value of a low-cardinality column (units, procedures,
/// statuses), so a million dossiers hold pointers, not strings.
#[derive(Default)]
struct Interner(HashMap<Box<str>, Arc<str>>);

impl Interner {
    fn get(&mut self, s: Option<&str>) -> Option<Arc<str>> {
        let s = s?;
        if let Some(v) = self.0.get(s) {
            return Some(v.clone());
        }
        let v: Arc<str> = Arc::from(s);
        self.0.insert(s.into(), v.clone());
        Some(v)
    }
}

fn dossiers(df: &DataFrame) -> PolarsResult<Read> {
    let mut unit = texts(df, c::UNIT)?;
    let mut code = texts(df, c::DOSSIER_CODE)?;
    let mut procedure = texts(df, c::CODE)?;
    let mut name = texts(df, c::NAME)?;
    let mut field = texts(df, c::FIELD)?;
    let mut channel = texts(df, c::CHANNEL)?;
    let mut status = texts(df, c::DOSSIER_STATUS)?;
    let dates = stamps(df)?;
    let column = |name: &str| {
        let k = c::DOSSIER_DATES.iter().position(|d| *d == name);
        k.map_or(&[][..], |k| dates[k].as_slice())
    };
    let [
        received,
        due,
        extended,
        resolved,
        returned,
        sup_from,
        sup_to,
    ] = [
        c::RECEIVED_AT,
        c::DUE_WRITTEN,
        c::EXTENDED_TO,
        c::RESOLVED_AT,
        c::RETURNED_AT,
        c::SUPPLEMENT_FROM,
        c::SUPPLEMENT_TO,
    ]
    .map(column);
    let mut shared = [(); 6].map(|()| Interner::default());
    // Codes as keys (`code_key`): no second copy of every code in memory.
    let mut by_code: HashMap<u128, usize, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(df.height(), foldhash::fast::RandomState::default());
    let mut out: Vec<Dossier> = Vec::with_capacity(df.height());
    let mut exact_resets: Vec<(String, String)> = Vec::new();
    let mut repeats = 0;
    for row in 0..df.height() {
        let (u, cd, pr, nm, fl, ch, st) = (
            unit.next().flatten(),
            code.next().flatten(),
            procedure.next().flatten(),
            name.next().flatten(),
            field.next().flatten(),
            channel.next().flatten(),
            status.next().flatten(),
        );
        let (rc, du, ex, rs, rt, sf, stt) = (
            received[row],
            due[row],
            extended[row],
            resolved[row],
            returned[row],
            sup_from[row],
            sup_to[row],
        );
        let (Some(code), Some(received)) = (cd, rc.map(moment)) else {
            continue;
        };
        let m = |v: Option<Stamp>| v.map(moment);
        let result = m(rs).or_else(|| m(rt));
        let supplement = match (m(sf), m(stt)) {
            (Some(a), Some(b)) => Some((a.day, b.day)),
            _ => None,
        };
        let status_at = [
            m(rt),
            m(rs),
            m(ex),
            supplement.map(|s| Moment::new(s.1, 0)),
            Some(received),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(received);
        // The result written as the due time itself, as written: to the same precision, at a
        // time of day (a reset overwrites the result with the due time).
        if let (Some(r), Some(d)) = (rs, du)
            && r.precision != Precision::Day
            && r == d
        {
            exact_resets.push((code.to_owned(), u.unwrap_or_default().to_owned()));
        }
        let [su, sp, sn, sf_, sc, ss] = &mut shared;
        let d = Dossier {
            unit: su.get(u).unwrap_or_else(|| Arc::from("")),
            code: code.into(),
            procedure: sp.get(pr),
            name: sn.get(nm),
            field: sf_.get(fl),
            channel: sc.get(ch),
            status: ss.get(st),
            received,
            due_written: m(du),
            extended_to: m(ex),
            result,
            supplement,
            status_at,
            row,
        };
        let k = cchc_model::text::code_key(code);
        match by_code.get(&k) {
            Some(&at) => {
                repeats += 1;
                if d.status_at > out[at].status_at {
                    out[at] = d;
                }
            }
            None => {
                by_code.insert(k, out.len());
                out.push(d);
            }
        }
    }
    Ok((out, repeats, exact_resets))
}

/// The legal limits of procedures, by code, from the registry frame (the latest year's when a
/// code has several): `legal_amount` in `legal_unit`, or `legal_days` as working days for
/// registries stored before units were.
pub fn limits(registry: &DataFrame) -> PolarsResult<HashMap<String, Limit>> {
    let codes = strs(registry, c::CODE)?;
    let units = strs(registry, c::LEGAL_UNIT)?;
    let f64s = |name: &str| -> PolarsResult<Vec<Option<f64>>> {
        match registry.column(name) {
            Ok(col) => Ok(col.cast(&DataType::Float64)?.f64()?.iter().collect()),
            Err(_) => Ok(vec![None; registry.height()]),
        }
    };
    let (amounts, days) = (f64s(c::LEGAL_AMOUNT)?, f64s(c::LEGAL_DAYS)?);
    let years: Vec<Option<i32>> = registry.column(c::YEAR)?.i32()?.iter().collect();
    let mut out: HashMap<String, (i32, Limit)> = HashMap::new();
    for i in 0..registry.height() {
        let Some(code) = &codes[i] else { continue };
        let limit = match (
            amounts[i],
            units[i].as_deref().and_then(LimitUnit::from_code),
        ) {
            (Some(a), Some(u)) => Limit::new(a, u),
            _ => match days[i] {
                Some(d) => Limit::new(d, LimitUnit::WorkingDays),
                None => continue,
            },
        };
        let year = years[i].unwrap_or(0);
        if out.get(code).is_none_or(|(y, _)| year >= *y) {
            out.insert(code.clone(), (year, limit));
        }
    }
    Ok(out.into_iter().map(|(k, (_, l))| (k, l)).collect())
}

/// A dossier judged.
struct Judged {
    due_legal: Option<Day>,
    due_office: Option<Day>,
    /// The result's day when it counts (not before receipt, not withdrawn).
    result: Option<Day>,
    counted: bool,
    working_days: Option<i32>,
    limit_days: Option<f64>,
}

fn judge(d: &Dossier, limit: Option<Limit>, cal: &Calendar) -> Result<Judged, CalendarError> {
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

fn verdict_at(j: &Judged, due: Option<Day>) -> Verdict {
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

/// The period statistics of a log, per unit, field, procedure and period, in the official shape,
/// with processing-time distributions; and how many rows were repeats of a code.
#[derive(Default, Clone)]
struct Tally {
    received: i64,
    online: i64,
    direct: i64,
    postal: i64,
    carried_over: i64,
    resolved: i64,
    early: i64,
    on_time: i64,
    late: i64,
    unknown: i64,
    pending_in_time: i64,
    pending_overdue: i64,
    days: Vec<i32>,
    over_limit: i64,
    limit_days: Option<f64>,
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
        for (period, p) in periods.iter().enumerate() {
            let (start, end) = *p;
            if d.received.day > end {
                break;
            }
            let resolved_before = j.result.is_some_and(|r| r < start);
            if resolved_before {
                continue;
            }
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

fn quantile(sorted: &[i32], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    // Linear interpolation between closest ranks (type 7, as R, numpy, DuckDB's quantile_cont).
    let h = (sorted.len() - 1) as f64 * q;
    let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
    Some(f64::from(sorted[lo]) + (h - lo as f64) * f64::from(sorted[hi] - sorted[lo]))
}

fn empty_stats() -> PolarsResult<DataFrame> {
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
type StatsKey = (
    Arc<str>,
    Option<Arc<str>>,
    Option<Arc<str>>,
    Option<Arc<str>>,
    usize,
);

fn stats_frame(
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
    for (name, values) in [
        c::RECEIVED,
        c::RECEIVED_ONLINE,
        c::RECEIVED_DIRECT,
        c::RECEIVED_POSTAL,
        c::CARRIED_OVER,
        c::RESOLVED,
        c::RESOLVED_EARLY,
        c::RESOLVED_ON_TIME,
        c::RESOLVED_LATE,
        c::PENDING_IN_TIME,
        c::PENDING_OVERDUE,
    ]
    .into_iter()
    .zip(ints)
    {
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
pub const FIGURES: [&str; 11] = [
    c::RECEIVED,
    c::RECEIVED_ONLINE,
    c::RECEIVED_DIRECT,
    c::RECEIVED_POSTAL,
    c::CARRIED_OVER,
    c::RESOLVED,
    c::RESOLVED_EARLY,
    c::RESOLVED_ON_TIME,
    c::RESOLVED_LATE,
    c::PENDING_IN_TIME,
    c::PENDING_OVERDUE,
];

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
    let dates = stamps(log)?;
    let written = |name: &str, row: usize| {
        let k = c::DOSSIER_DATES.iter().position(|d| *d == name)?;
        dates[k][row].map(Stamp::iso)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A stamp from `yyyy-mm-dd[ HH:MM[:SS]]`, at the precision written.
    fn stamp_of(s: &str) -> Option<Stamp> {
        if s.len() == 19 {
            let base = Stamp::parse_stored_text(&s[..16])?;
            let secs: i64 = s[17..].parse().ok()?;
            return Some(Stamp {
                millis: base.millis + secs * 1000,
                precision: Precision::Second,
            });
        }
        Stamp::parse_stored_text(s)
    }

    fn log(rows: &[[&str; 8]]) -> DataFrame {
        // unit, dossier code, procedure, status, received, due written, resolved, channel
        let col = |i: usize, name: &str| {
            Column::new(
                name.into(),
                rows.iter()
                    .map(|r| (!r[i].is_empty()).then(|| r[i].to_owned()))
                    .collect::<Vec<_>>(),
            )
        };
        let mut precision = vec![0i32; rows.len()];
        let mut dates = |i: usize, name: &str| {
            let k = c::DOSSIER_DATES.iter().position(|d| *d == name).unwrap();
            let stamps: Vec<Option<Stamp>> = rows.iter().map(|r| stamp_of(r[i])).collect();
            for (bits, s) in precision.iter_mut().zip(&stamps) {
                *bits |= i32::from(s.map_or(0, |s| s.precision.code())) << (2 * k);
            }
            Int64Chunked::from_iter_options(name.into(), stamps.iter().map(|s| s.map(|s| s.millis)))
                .into_datetime(TimeUnit::Milliseconds, None)
                .into_series()
                .into_column()
        };
        let received = dates(4, c::RECEIVED_AT);
        let due = dates(5, c::DUE_WRITTEN);
        let resolved = dates(6, c::RESOLVED_AT);
        DataFrame::new_infer_height(vec![
            col(0, c::UNIT),
            col(1, c::DOSSIER_CODE),
            col(2, c::CODE),
            col(3, c::DOSSIER_STATUS),
            received,
            due,
            resolved,
            col(7, c::CHANNEL),
            Column::new(c::DATE_PRECISION.into(), precision),
        ])
        .unwrap()
    }

    fn registry() -> DataFrame {
        df!(
            c::YEAR => [2026i32, 2026],
            c::CODE => ["1.000001", "1.000002"],
            c::LEGAL_AMOUNT => [3.0, 0.0],
            c::LEGAL_UNIT => ["working_days", "same_day"]
        )
        .unwrap()
    }

    #[test]
    fn verdicts_compare_dates_on_the_calendar_and_the_audit_spares_the_legal_case() {
        let cal = Calendar::vietnam();
        let l = log(&[
            // Thu 5/3/2026 + 3 working days = Tue 10/3: resolved Mon 9/3 → early.
            [
                "S",
                "X-260305-0001",
                "1.000001",
                "returned",
                "2026-03-05 09:00",
                "2026-03-10",
                "2026-03-09 10:00",
                "online",
            ],
            // Resolved on the due date → on time.
            [
                "S",
                "X-260305-0002",
                "1.000001",
                "returned",
                "2026-03-05 09:00",
                "2026-03-10",
                "2026-03-10 16:00",
                "direct",
            ],
            // Resolved after → late; its code says 6/3 (a mismatch).
            [
                "S",
                "X-260306-0003",
                "1.000001",
                "returned",
                "2026-03-05 09:00",
                "2026-03-10",
                "2026-03-11 08:00",
                "postal",
            ],
            // Same day, received at 15:30 on Friday 6/3: due Monday 9/3, written so: not flagged.
            [
                "S",
                "X-260306-0004",
                "1.000002",
                "returned",
                "2026-03-06 15:30",
                "2026-03-09",
                "2026-03-09 09:00",
                "direct",
            ],
            // Written due date later than the legal one (Tue 10/3) without an extension.
            [
                "S",
                "X-260305-0005",
                "1.000001",
                "processing",
                "2026-03-05 09:00",
                "2026-03-13",
                "",
                "online",
            ],
            // Withdrawn with a result.
            [
                "S",
                "X-260305-0006",
                "1.000001",
                "withdrawn",
                "2026-03-05 09:00",
                "2026-03-10",
                "2026-03-09",
                "online",
            ],
        ]);
        let judged = judged(&l, Some(&registry()), &cal).unwrap();
        let texts = |df: &DataFrame, name: &str| -> Vec<String> {
            strs(df, name)
                .unwrap()
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect()
        };
        let verdicts = texts(&judged, c::VERDICT);
        assert_eq!(
            verdicts,
            [
                "early",
                "on_time",
                "late",
                "on_time",
                "pending",
                "not_counted"
            ]
        );
        let audit = audit(&l, Some(&registry()), &cal).unwrap();
        let flags: Vec<(String, String)> = texts(&audit, c::DOSSIER_CODE)
            .into_iter()
            .zip(texts(&audit, c::REASON_CODE))
            .collect();
        let flags: Vec<(&str, &str)> = flags
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(
            flags,
            [
                ("X-260305-0005", "due_later_than_legal"),
                ("X-260305-0006", "withdrawn_with_result"),
                ("X-260306-0003", "code_date_mismatch"),
            ]
        );
        let opts = Options {
            period: Period::Year,
            as_of: None,
            verdict: VerdictOf::Cchc,
        };
        let (stats, repeats) = statistics(&l, Some(&registry()), &cal, &opts).unwrap();
        assert_eq!(repeats, 0);
        let sum = |name: &str| stats.column(name).unwrap().i64().unwrap().sum().unwrap();
        assert_eq!(sum(c::RECEIVED), 6);
        assert_eq!(sum(c::RESOLVED), 4);
        assert_eq!(
            (
                sum(c::RESOLVED_EARLY),
                sum(c::RESOLVED_ON_TIME),
                sum(c::RESOLVED_LATE)
            ),
            (1, 2, 1)
        );
        assert_eq!(sum(c::PENDING_OVERDUE), 1, "judged at the end of 2026");
        assert_eq!(
            (
                sum(c::RECEIVED_ONLINE),
                sum(c::RECEIVED_DIRECT),
                sum(c::RECEIVED_POSTAL)
            ),
            (3, 2, 1)
        );
    }

    /// A result overwritten with the due time is the same stamp as written; a result seconds
    /// after the due time, or written to another precision, is not.
    #[test]
    fn an_overdue_reset_is_an_exact_stamp_not_one_that_agrees_to_the_minute() {
        let cal = Calendar::vietnam();
        let row = |n: usize, due: &'static str, resolved: &'static str| -> [String; 8] {
            [
                "T".into(),
                format!("X-260305-{n:04}"),
                "1.000001".into(),
                "returned".into(),
                "2026-03-05 09:00:00".into(),
                due.into(),
                resolved.into(),
                "online".into(),
            ]
        };
        let mut rows: Vec<[String; 8]> = (1..=5)
            .map(|n| row(n, "2026-03-10 11:28:00", "2026-03-10 11:28:00"))
            .collect();
        // Resolved 40 seconds after the due time: to the minute they agree, as written they do not.
        rows.push(row(6, "2026-03-10 11:28:00", "2026-03-10 11:28:40"));
        rows.push(row(7, "2026-03-10 16:59:00", "2026-03-10 16:59:59"));
        // Due written to the minute, result to the second at :00: not the same writing.
        rows.push(row(8, "2026-03-10 11:28", "2026-03-10 11:28:00"));
        let refs: Vec<[&str; 8]> = rows
            .iter()
            .map(|r| r.each_ref().map(String::as_str))
            .collect();
        let audit = audit(&log(&refs), Some(&registry()), &cal).unwrap();
        let texts = |name: &str| -> Vec<String> {
            audit
                .column(name)
                .unwrap()
                .str()
                .unwrap()
                .iter()
                .map(|s| s.unwrap_or_default().to_owned())
                .collect()
        };
        let resets: Vec<String> = texts(c::DOSSIER_CODE)
            .into_iter()
            .zip(texts(c::REASON_CODE))
            .filter(|(_, r)| r == "overdue_reset")
            .map(|(code, _)| code)
            .collect();
        assert_eq!(
            resets,
            (1..=5)
                .map(|n| format!("X-260305-{n:04}"))
                .collect::<Vec<_>>()
        );
        // The audit shows the dates as written, seconds included.
        assert!(
            texts(c::RESOLVED_AT)
                .iter()
                .all(|t| t == "2026-03-10 11:28:00")
        );
        assert!(
            texts(c::RECEIVED_AT)
                .iter()
                .all(|t| t == "2026-03-05 09:00:00")
        );
        // The seconds decide no verdict: all eight are on time, judged by the day.
        let opts = Options {
            period: Period::Year,
            as_of: None,
            verdict: VerdictOf::Office,
        };
        let (stats, _) = statistics(&log(&refs), Some(&registry()), &cal, &opts).unwrap();
        let sum = |name: &str| stats.column(name).unwrap().i64().unwrap().sum().unwrap();
        assert_eq!(sum(c::RESOLVED_ON_TIME), 8);
    }
}
