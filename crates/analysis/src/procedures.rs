//! Procedure analyses: service ratios of dossier statistics, and which procedures to simplify.
//!
//! Definitions (every rate names its denominator; a zero or unknown denominator gives null, never 0):
//! - `received` = the stated total, else the sum of the channels stated;
//!   `online_share`, `direct_share`, `postal_share` = channel / `received`.
//! - `resolved` = the stated total, else early + on time + late;
//!   `on_time_rate` = (early + on time) / `resolved`; `late_rate` = late / `resolved`.
//! - `need_to_handle` = `received` + `carried_over` (the one-stop portals' denominator);
//!   `late_or_overdue_rate` = (late + pending overdue) / `need_to_handle`.
//! - `time_ratio` = `actual_days` / `legal_days`.
//! - Roll-ups (per field, unit, year) add counts, then divide: never a mean of rates. Their
//!   `legal_days`, `actual_days` and `time_ratio` weigh each procedure by its resolved dossiers.
//!   `online_uptake` = procedures offered online that received at least one online dossier /
//!   procedures offered online (a 766-style rate); `full_online_procedures` = procedures at level
//!   toàn trình / procedures whose level is known.
//!
//! The registry (legal time limit, fee, online level, components) is joined to the statistics on
//! unit and code, from the registry of the same year or else the latest earlier one (else the
//! earliest later one): registries change rarely and are often filed once.

use std::collections::{BTreeMap, HashMap};

use cchc_model::columns as c;
use cchc_model::{Lang, Localized};
use polars::prelude::*;
use serde::Deserialize;

/// One procedure in one period, registry and statistics joined.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Procedure {
    pub year: i32,
    pub unit: String,
    pub code: String,
    pub name: Option<String>,
    pub field: Option<String>,
    pub legal_days: Option<f64>,
    pub fee: Option<f64>,
    pub online_level: Option<String>,
    pub components: Option<i64>,
    /// Whether the period has dossier statistics for the procedure (a registry row alone has none).
    pub has_stats: bool,
    pub received: Option<i64>,
    pub received_online: Option<i64>,
    pub received_direct: Option<i64>,
    pub received_postal: Option<i64>,
    pub carried_over: Option<i64>,
    pub resolved: Option<i64>,
    pub resolved_early: Option<i64>,
    pub resolved_on_time: Option<i64>,
    pub resolved_late: Option<i64>,
    pub pending: Option<i64>,
    pub pending_in_time: Option<i64>,
    pub pending_overdue: Option<i64>,
    pub actual_days: Option<f64>,
}

fn sum_some(values: &[Option<i64>]) -> Option<i64> {
    values
        .iter()
        .any(Option::is_some)
        .then(|| values.iter().flatten().sum())
}

fn ratio(num: Option<i64>, den: Option<i64>) -> Option<f64> {
    match (num, den) {
        (Some(n), Some(d)) if d > 0 => Some(n as f64 / d as f64),
        _ => None,
    }
}

impl Procedure {
    /// Dossiers received: the stated total, else the channels stated.
    pub fn received_total(&self) -> Option<i64> {
        self.received.or_else(|| {
            sum_some(&[
                self.received_online,
                self.received_direct,
                self.received_postal,
            ])
        })
    }

    /// Dossiers resolved: the stated total, else early + on time + late.
    pub fn resolved_total(&self) -> Option<i64> {
        self.resolved.or_else(|| {
            sum_some(&[
                self.resolved_early,
                self.resolved_on_time,
                self.resolved_late,
            ])
        })
    }

    /// Early + on time.
    pub fn in_time(&self) -> Option<i64> {
        sum_some(&[self.resolved_early, self.resolved_on_time])
    }

    /// `received` + `carried_over`.
    pub fn need_to_handle(&self) -> Option<i64> {
        self.received_total()
            .map(|r| r + self.carried_over.unwrap_or(0))
    }

    pub fn online_share(&self) -> Option<f64> {
        ratio(self.received_online, self.received_total())
    }

    pub fn direct_share(&self) -> Option<f64> {
        ratio(self.received_direct, self.received_total())
    }

    pub fn postal_share(&self) -> Option<f64> {
        ratio(self.received_postal, self.received_total())
    }

    pub fn on_time_rate(&self) -> Option<f64> {
        ratio(self.in_time(), self.resolved_total())
    }

    pub fn late_rate(&self) -> Option<f64> {
        ratio(self.resolved_late, self.resolved_total())
    }

    pub fn late_or_overdue_rate(&self) -> Option<f64> {
        let late = sum_some(&[self.resolved_late, self.pending_overdue]);
        ratio(late, self.need_to_handle())
    }

    pub fn time_ratio(&self) -> Option<f64> {
        match (self.actual_days, self.legal_days) {
            (Some(a), Some(l)) if l > 0.0 => Some(a / l),
            _ => None,
        }
    }

    /// Whether the procedure is offered online (toàn trình or một phần).
    pub fn online_capable(&self) -> bool {
        matches!(self.online_level.as_deref(), Some("full" | "partial"))
    }
}

fn strs(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<String>>> {
    match df.column(name) {
        Ok(col) => Ok(col.str()?.iter().map(|v| v.map(str::to_owned)).collect()),
        Err(_) => Ok(vec![None; df.height()]),
    }
}

fn ints(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<i64>>> {
    match df.column(name) {
        Ok(col) => Ok(col.cast(&DataType::Int64)?.i64()?.iter().collect()),
        Err(_) => Ok(vec![None; df.height()]),
    }
}

fn floats(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    match df.column(name) {
        Ok(col) => Ok(col.cast(&DataType::Float64)?.f64()?.iter().collect()),
        Err(_) => Ok(vec![None; df.height()]),
    }
}

/// A registry entry as read from the `procedure_registry` frame.
#[derive(Debug, Clone)]
struct Entry {
    year: i32,
    name: Option<String>,
    field: Option<String>,
    legal_days: Option<f64>,
    fee: Option<f64>,
    online_level: Option<String>,
    components: Option<i64>,
}

/// The registry entry for a period: same year, else the latest earlier, else the earliest later.
fn entry_for(entries: &[Entry], year: i32) -> Option<&Entry> {
    entries
        .iter()
        .filter(|e| e.year <= year)
        .max_by_key(|e| e.year)
        .or_else(|| entries.iter().min_by_key(|e| e.year))
}

/// Joins the statistics (`procedures` table) with the registry (`procedure_registry`): one
/// [`Procedure`] per unit, code and year of the statistics, plus one per registry entry of a year
/// for which that unit has statistics but not for that code (no statistics: `has_stats` false),
/// and one per registry entry of a unit and year without any statistics.
pub fn join(stats: &DataFrame, registry: &DataFrame) -> PolarsResult<Vec<Procedure>> {
    let mut book: HashMap<(String, String), Vec<Entry>> = HashMap::new();
    {
        let years = ints(registry, c::YEAR)?;
        let units = strs(registry, c::UNIT)?;
        let codes = strs(registry, c::CODE)?;
        let names = strs(registry, c::NAME)?;
        let fields = strs(registry, c::FIELD)?;
        let legal = floats(registry, c::LEGAL_DAYS)?;
        let fee = floats(registry, c::FEE)?;
        let level = strs(registry, c::ONLINE_LEVEL)?;
        let comps = ints(registry, c::COMPONENTS)?;
        for i in 0..registry.height() {
            let (Some(year), Some(unit), Some(code)) = (years[i], &units[i], &codes[i]) else {
                continue;
            };
            book.entry((unit.clone(), code.clone()))
                .or_default()
                .push(Entry {
                    year: year as i32,
                    name: names[i].clone(),
                    field: fields[i].clone(),
                    legal_days: legal[i],
                    fee: fee[i],
                    online_level: level[i].clone(),
                    components: comps[i],
                });
        }
    }
    let mut out = Vec::new();
    let mut with_stats: BTreeMap<(String, i32), Vec<String>> = BTreeMap::new();
    let years = ints(stats, c::YEAR)?;
    let units = strs(stats, c::UNIT)?;
    let codes = strs(stats, c::CODE)?;
    let names = strs(stats, c::NAME)?;
    let fields = strs(stats, c::FIELD)?;
    let counts: Vec<Vec<Option<i64>>> = cchc_model::schema::PROCEDURE_COUNTS
        .iter()
        .map(|n| ints(stats, n))
        .collect::<PolarsResult<_>>()?;
    let actual = floats(stats, c::ACTUAL_DAYS)?;
    for i in 0..stats.height() {
        let (Some(year), Some(unit), Some(code)) = (years[i], &units[i], &codes[i]) else {
            continue;
        };
        let year = year as i32;
        let entry = book
            .get(&(unit.clone(), code.clone()))
            .and_then(|e| entry_for(e, year));
        let n = |k: usize| counts[k][i];
        out.push(Procedure {
            year,
            unit: unit.clone(),
            code: code.clone(),
            name: names[i]
                .clone()
                .or_else(|| entry.and_then(|e| e.name.clone())),
            field: fields[i]
                .clone()
                .or_else(|| entry.and_then(|e| e.field.clone())),
            legal_days: entry.and_then(|e| e.legal_days),
            fee: entry.and_then(|e| e.fee),
            online_level: entry.and_then(|e| e.online_level.clone()),
            components: entry.and_then(|e| e.components),
            has_stats: true,
            received: n(0),
            received_online: n(1),
            received_direct: n(2),
            received_postal: n(3),
            carried_over: n(4),
            resolved: n(5),
            resolved_early: n(6),
            resolved_on_time: n(7),
            resolved_late: n(8),
            pending: n(9),
            pending_in_time: n(10),
            pending_overdue: n(11),
            actual_days: actual[i],
        });
        with_stats
            .entry((unit.clone(), year))
            .or_default()
            .push(code.clone());
    }
    // Registry procedures without statistics: in every year the unit has statistics, and in the
    // registry's own years when the unit has none at all.
    let mut registry_only: Vec<Procedure> = Vec::new();
    for ((unit, code), entries) in &book {
        let stat_years: Vec<i32> = with_stats
            .keys()
            .filter(|(u, _)| u == unit)
            .map(|(_, y)| *y)
            .collect();
        let years: Vec<i32> = if stat_years.is_empty() {
            let mut ys: Vec<i32> = entries.iter().map(|e| e.year).collect();
            ys.sort_unstable();
            ys.dedup();
            ys
        } else {
            stat_years
        };
        for year in years {
            if with_stats
                .get(&(unit.clone(), year))
                .is_some_and(|codes| codes.contains(code))
            {
                continue;
            }
            let Some(e) = entry_for(entries, year) else {
                continue;
            };
            registry_only.push(Procedure {
                year,
                unit: unit.clone(),
                code: code.clone(),
                name: e.name.clone(),
                field: e.field.clone(),
                legal_days: e.legal_days,
                fee: e.fee,
                online_level: e.online_level.clone(),
                components: e.components,
                ..Procedure::default()
            });
        }
    }
    out.extend(registry_only);
    out.sort_by(|a, b| (a.year, &a.unit, &a.code).cmp(&(b.year, &b.unit, &b.code)));
    Ok(out)
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
        col!("online_share", |x: &&Procedure| x.online_share()),
        col!("direct_share", |x: &&Procedure| x.direct_share()),
        col!("postal_share", |x: &&Procedure| x.postal_share()),
        col!(c::RESOLVED, |x: &&Procedure| x.resolved_total()),
        col!("on_time_rate", |x: &&Procedure| x.on_time_rate()),
        col!("late_rate", |x: &&Procedure| x.late_rate()),
        col!(c::PENDING_OVERDUE, |x: &&Procedure| x.pending_overdue),
        col!("need_to_handle", |x: &&Procedure| x.need_to_handle()),
        col!("late_or_overdue_rate", |x: &&Procedure| x
            .late_or_overdue_rate()),
        col!(c::LEGAL_DAYS, |x: &&Procedure| x.legal_days),
        col!(c::ACTUAL_DAYS, |x: &&Procedure| x.actual_days),
        col!("time_ratio", |x: &&Procedure| x.time_ratio()),
        col!(c::ONLINE_LEVEL, |x: &&Procedure| x.online_level.clone()),
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
        col!("procedures", |_k: &&K, a: &&Acc| a.procedures),
        col!("procedures_with_dossiers", |_k: &&K, a: &&Acc| a
            .with_dossiers),
        col!(c::RECEIVED, |_k: &&K, a: &&Acc| a.received),
        col!("online_share", |_k: &&K, a: &&Acc| ratio(
            a.online, a.received
        )),
        col!("direct_share", |_k: &&K, a: &&Acc| ratio(
            a.direct, a.received
        )),
        col!("postal_share", |_k: &&K, a: &&Acc| ratio(
            a.postal, a.received
        )),
        col!(c::RESOLVED, |_k: &&K, a: &&Acc| a.resolved),
        col!("on_time_rate", |_k: &&K, a: &&Acc| ratio(
            a.in_time, a.resolved
        )),
        col!("late_rate", |_k: &&K, a: &&Acc| ratio(a.late, a.resolved)),
        col!(c::PENDING_OVERDUE, |_k: &&K, a: &&Acc| a.overdue),
        col!("need_to_handle", |_k: &&K, a: &&Acc| a.need),
        col!("late_or_overdue_rate", |_k: &&K, a: &&Acc| ratio(
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
        col!("time_ratio", |_k: &&K, a: &&Acc| (a.weight_both > 0.0
            && a.both_legal > 0.0)
            .then(|| a.both_actual / a.both_legal)),
        col!("online_uptake", |_k: &&K, a: &&Acc| ratio(
            Some(a.online_used),
            Some(a.online_capable)
        )),
        col!("full_online_procedures", |_k: &&K, a: &&Acc| ratio(
            Some(a.level_full),
            Some(a.level_known)
        )),
    ]);
    DataFrame::new_infer_height(cols)
}

/// The rate definitions, for a footnote under a table.
pub fn definitions(lang: Lang) -> Vec<String> {
    let lines: [(&str, &str); 6] = [
        (
            "online_share, direct_share, postal_share = hồ sơ theo kênh / received (tổng hồ sơ tiếp nhận)",
            "online_share, direct_share, postal_share = dossiers by channel / received",
        ),
        (
            "on_time_rate = (trước hạn + đúng hạn) / resolved (hồ sơ đã giải quyết)",
            "on_time_rate = (early + on time) / resolved",
        ),
        (
            "late_rate = trễ hạn / resolved",
            "late_rate = late / resolved",
        ),
        (
            "late_or_overdue_rate = (trễ hạn + đang giải quyết quá hạn) / need_to_handle (tiếp nhận + tồn kỳ trước)",
            "late_or_overdue_rate = (late + pending overdue) / need_to_handle (received + carried over)",
        ),
        (
            "time_ratio = actual_days (thời gian thực tế bình quân) / legal_days (thời hạn theo quy định)",
            "time_ratio = actual_days / legal_days",
        ),
        (
            "online_uptake = TTHC trực tuyến có phát sinh hồ sơ trực tuyến / TTHC trực tuyến",
            "online_uptake = online procedures with an online dossier / online procedures",
        ),
    ];
    lines
        .iter()
        .map(|(vi, en)| lang.pick(vi, en).to_owned())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Simplification candidates.

/// The default rules, documented: the text of `simplify_rules.toml`.
pub const DEFAULT_RULES_TOML: &str = include_str!("simplify_rules.toml");

/// Thresholds of the simplification rules and inputs of the cost model.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    /// Share of the department's procedures the plan must propose.
    pub target_share: f64,
    pub rules: RuleSet,
    pub cost: CostModel,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSet {
    pub no_dossiers: NoDossiers,
    pub time_slack: TimeSlack,
    pub late: Late,
    pub low_online: LowOnline,
    pub many_components: ManyComponents,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoDossiers {
    pub enabled: bool,
    pub max_received: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeSlack {
    pub enabled: bool,
    pub max_time_ratio: f64,
    pub min_resolved: i64,
    pub headroom: f64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Late {
    pub enabled: bool,
    pub min_late_rate: f64,
    pub min_resolved: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LowOnline {
    pub enabled: bool,
    pub max_online_share: f64,
    pub min_received: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManyComponents {
    pub enabled: bool,
    pub min_components: i64,
    pub cut_share: f64,
}

/// Inputs of the standard cost model.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostModel {
    pub income_per_hour: f64,
    pub hours_per_component: f64,
    pub cost_per_component: f64,
    pub visits_in_person: f64,
    pub hours_per_visit: f64,
    pub travel_cost_per_visit: f64,
    pub hours_per_waiting_day: f64,
    pub late_followup_hours: f64,
}

/// Merges TOML tables: keys of `over` replace those of `base`, recursively.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

impl Default for Rules {
    fn default() -> Self {
        Rules::parse("").expect("the bundled simplify_rules.toml parses")
    }
}

impl Rules {
    /// Reads rules from TOML text; keys left out keep the defaults of [`DEFAULT_RULES_TOML`].
    pub fn parse(text: &str) -> Result<Rules, String> {
        let mut base: toml::Table =
            toml::from_str(DEFAULT_RULES_TOML).map_err(|e| e.to_string())?;
        let over: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        merge(&mut base, over);
        let rules: Rules = toml::Value::Table(base)
            .try_into()
            .map_err(|e: toml::de::Error| e.to_string())?;
        if !(0.0..=1.0).contains(&rules.target_share) {
            return Err(format!(
                "target_share must be between 0 and 1, not {}",
                rules.target_share
            ));
        }
        Ok(rules)
    }
}

/// Why a procedure is proposed.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// No dossier in the period: abolish or merge.
    NoDossiers { received: i64, year: i32 },
    /// Actual time far below the legal limit: cut the limit.
    TimeSlack {
        actual_days: f64,
        legal_days: f64,
        proposed_days: f64,
    },
    /// Too many late dossiers: review the process.
    Late { late: i64, resolved: i64 },
    /// Offered online, little used: move online.
    LowOnline {
        online_share: f64,
        target: f64,
        level: String,
    },
    /// Many dossier components: cut some.
    ManyComponents { components: i64, proposed: i64 },
}

impl Reason {
    /// The reason code.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::NoDossiers { .. } => "no_dossiers",
            Reason::TimeSlack { .. } => "time_slack",
            Reason::Late { .. } => "late",
            Reason::LowOnline { .. } => "low_online",
            Reason::ManyComponents { .. } => "many_components",
        }
    }

    /// The proposal this reason leads to.
    pub fn proposal(&self, lang: Lang) -> String {
        let n = |x: f64| fmt_days(x, lang);
        match (self, lang) {
            (Reason::NoDossiers { .. }, Lang::Vi) => "Bãi bỏ hoặc gộp vào thủ tục khác".to_owned(),
            (Reason::NoDossiers { .. }, Lang::En) => "Abolish or merge into another".to_owned(),
            (
                Reason::TimeSlack {
                    legal_days,
                    proposed_days,
                    ..
                },
                Lang::Vi,
            ) => format!(
                "Rút ngắn thời hạn giải quyết từ {} xuống {} ngày",
                n(*legal_days),
                n(*proposed_days)
            ),
            (
                Reason::TimeSlack {
                    legal_days,
                    proposed_days,
                    ..
                },
                Lang::En,
            ) => format!(
                "Cut the time limit from {} to {} days",
                n(*legal_days),
                n(*proposed_days)
            ),
            (Reason::Late { .. }, Lang::Vi) => "Rà soát, cải tiến quy trình giải quyết".to_owned(),
            (Reason::Late { .. }, Lang::En) => "Review and improve the process".to_owned(),
            (Reason::LowOnline { .. }, Lang::Vi) => "Đẩy mạnh tiếp nhận trực tuyến".to_owned(),
            (Reason::LowOnline { .. }, Lang::En) => "Move dossiers online".to_owned(),
            (
                Reason::ManyComponents {
                    components,
                    proposed,
                },
                Lang::Vi,
            ) => format!("Cắt giảm thành phần hồ sơ từ {components} xuống {proposed}"),
            (
                Reason::ManyComponents {
                    components,
                    proposed,
                },
                Lang::En,
            ) => format!("Cut dossier components from {components} to {proposed}"),
        }
    }
}

fn fmt_days(x: f64, lang: Lang) -> String {
    match lang {
        Lang::Vi => cchc_model::diag::fmt_num_vi((x * 10.0).round() / 10.0),
        Lang::En => cchc_model::diag::fmt_num((x * 10.0).round() / 10.0),
    }
}

fn pct(x: f64, lang: Lang) -> String {
    let s = format!("{:.1}%", x * 100.0);
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
    }
}

impl Localized for Reason {
    fn message(&self, lang: Lang) -> String {
        let d = |x: f64| fmt_days(x, lang);
        match (self, lang) {
            (Reason::NoDossiers { received, year }, Lang::Vi) => {
                format!("Năm {year} có {received} hồ sơ")
            }
            (Reason::NoDossiers { received, year }, Lang::En) => {
                format!("{received} dossiers in {year}")
            }
            (
                Reason::TimeSlack {
                    actual_days,
                    legal_days,
                    ..
                },
                Lang::Vi,
            ) => format!(
                "Thời gian thực tế {} ngày, bằng {} thời hạn {} ngày",
                d(*actual_days),
                pct(actual_days / legal_days, lang),
                d(*legal_days)
            ),
            (
                Reason::TimeSlack {
                    actual_days,
                    legal_days,
                    ..
                },
                Lang::En,
            ) => format!(
                "Actual time {} days, {} of the {}-day limit",
                d(*actual_days),
                pct(actual_days / legal_days, lang),
                d(*legal_days)
            ),
            (Reason::Late { late, resolved }, Lang::Vi) => format!(
                "Trễ hạn {late}/{resolved} hồ sơ ({})",
                pct(*late as f64 / *resolved as f64, lang)
            ),
            (Reason::Late { late, resolved }, Lang::En) => format!(
                "{late} of {resolved} dossiers late ({})",
                pct(*late as f64 / *resolved as f64, lang)
            ),
            (
                Reason::LowOnline {
                    online_share,
                    target,
                    level,
                },
                Lang::Vi,
            ) => format!(
                "Có DVC trực tuyến {} nhưng hồ sơ trực tuyến chỉ đạt {} (mục tiêu {})",
                if level == "full" {
                    "toàn trình"
                } else {
                    "một phần"
                },
                pct(*online_share, lang),
                pct(*target, lang)
            ),
            (
                Reason::LowOnline {
                    online_share,
                    target,
                    level,
                },
                Lang::En,
            ) => format!(
                "Offered online ({}) but only {} of dossiers come online (target {})",
                if level == "full" { "fully" } else { "partly" },
                pct(*online_share, lang),
                pct(*target, lang)
            ),
            (Reason::ManyComponents { components, .. }, Lang::Vi) => {
                format!("Hồ sơ gồm {components} thành phần")
            }
            (Reason::ManyComponents { components, .. }, Lang::En) => {
                format!("The dossier has {components} components")
            }
        }
    }
}

/// A procedure proposed for simplification.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub procedure: Procedure,
    pub reasons: Vec<Reason>,
    /// Annual compliance cost now, VND (standard cost model), when volume is known.
    pub cost_before: Option<f64>,
    /// Estimated annual saving, VND.
    pub estimated_saving: f64,
    /// Rank within the unit and year (1 = largest saving).
    pub rank: usize,
}

/// The proposal for one unit and year.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub year: i32,
    pub unit: String,
    /// Procedures of the unit in the period (registry and statistics together).
    pub procedures: usize,
    pub candidates: Vec<Candidate>,
    pub target_share: f64,
}

impl Proposal {
    /// Share of the unit's procedures proposed.
    pub fn share(&self) -> f64 {
        if self.procedures == 0 {
            0.0
        } else {
            self.candidates.len() as f64 / self.procedures as f64
        }
    }

    /// How many procedures the target asks for.
    pub fn needed(&self) -> usize {
        // A small epsilon keeps 0.2 × 100 at 20, not 21 from float error.
        (self.target_share * self.procedures as f64 - 1e-9)
            .ceil()
            .max(0.0) as usize
    }

    /// Whether the proposal reaches the target share.
    pub fn target_met(&self) -> bool {
        self.candidates.len() >= self.needed()
    }

    /// Total estimated annual saving, VND.
    pub fn total_saving(&self) -> f64 {
        self.candidates.iter().map(|c| c.estimated_saving).sum()
    }
}

/// The annual compliance cost of a procedure, VND, by the standard cost model; `None` without
/// volume.
pub fn annual_cost(p: &Procedure, m: &CostModel) -> Option<f64> {
    let received = p.received_total()? as f64;
    let components = p.components.unwrap_or(0) as f64;
    // Online and postal dossiers need no trip; without channel figures every dossier is taken as
    // filed in person.
    let in_person = p.direct_share().unwrap_or(1.0);
    let visits = m.visits_in_person * in_person;
    let hours = components * m.hours_per_component
        + visits * m.hours_per_visit
        + p.legal_days.unwrap_or(0.0) * m.hours_per_waiting_day;
    let per_execution = hours * m.income_per_hour
        + p.fee.unwrap_or(0.0)
        + components * m.cost_per_component
        + visits * m.travel_cost_per_visit;
    Some(per_execution * received)
}

/// Applies the rules to one procedure: its reasons and the estimated annual saving.
pub fn assess(p: &Procedure, rules: &Rules) -> (Vec<Reason>, f64) {
    let r = &rules.rules;
    let m = &rules.cost;
    let mut reasons = Vec::new();
    let mut saving = 0.0;
    let received = p.received_total();
    let resolved = p.resolved_total();
    if r.no_dossiers.enabled
        && p.has_stats
        && let Some(n) = received
        && n <= r.no_dossiers.max_received
        && p.carried_over.unwrap_or(0) == 0
    {
        reasons.push(Reason::NoDossiers {
            received: n,
            year: p.year,
        });
    }
    if r.time_slack.enabled
        && let (Some(ratio), Some(actual), Some(legal), Some(res)) =
            (p.time_ratio(), p.actual_days, p.legal_days, resolved)
        && ratio <= r.time_slack.max_time_ratio
        && res >= r.time_slack.min_resolved
    {
        let proposed = (actual * (1.0 + r.time_slack.headroom)).ceil().max(1.0);
        if proposed < legal {
            saving += received.unwrap_or(0) as f64
                * (legal - proposed)
                * m.hours_per_waiting_day
                * m.income_per_hour;
            reasons.push(Reason::TimeSlack {
                actual_days: actual,
                legal_days: legal,
                proposed_days: proposed,
            });
        }
    }
    if r.late.enabled
        && let (Some(late), Some(res)) = (p.resolved_late, resolved)
        && res >= r.late.min_resolved
        && res > 0
        && late as f64 / res as f64 >= r.late.min_late_rate
    {
        saving += late as f64 * m.late_followup_hours * m.income_per_hour;
        reasons.push(Reason::Late {
            late,
            resolved: res,
        });
    }
    if r.low_online.enabled
        && p.online_capable()
        && let (Some(share), Some(n)) = (p.online_share(), received)
        && n >= r.low_online.min_received
        && share < r.low_online.max_online_share
    {
        let shifted = ((r.low_online.max_online_share - share) * n as f64)
            .min(p.received_direct.unwrap_or(n) as f64);
        saving += shifted
            * m.visits_in_person
            * (m.hours_per_visit * m.income_per_hour + m.travel_cost_per_visit);
        reasons.push(Reason::LowOnline {
            online_share: share,
            target: r.low_online.max_online_share,
            level: p.online_level.clone().unwrap_or_default(),
        });
    }
    if r.many_components.enabled
        && let Some(k) = p.components
        && k >= r.many_components.min_components
    {
        let cut = ((k as f64 * r.many_components.cut_share).round() as i64).clamp(1, k);
        saving += received.unwrap_or(0) as f64
            * cut as f64
            * (m.hours_per_component * m.income_per_hour + m.cost_per_component);
        reasons.push(Reason::ManyComponents {
            components: k,
            proposed: k - cut,
        });
    }
    (reasons, saving)
}

/// Proposes procedures to simplify, per unit and year, ranked by estimated saving (ties: more
/// dossiers first, then code).
pub fn simplify(procs: &[Procedure], rules: &Rules) -> Vec<Proposal> {
    let mut by_unit: BTreeMap<(i32, String), Vec<&Procedure>> = BTreeMap::new();
    for p in procs {
        by_unit.entry((p.year, p.unit.clone())).or_default().push(p);
    }
    by_unit
        .into_iter()
        .map(|((year, unit), ps)| {
            let mut candidates: Vec<Candidate> = ps
                .iter()
                .filter_map(|p| {
                    let (reasons, saving) = assess(p, rules);
                    (!reasons.is_empty()).then(|| Candidate {
                        procedure: (*p).clone(),
                        reasons,
                        cost_before: annual_cost(p, &rules.cost),
                        estimated_saving: saving.round(),
                        rank: 0,
                    })
                })
                .collect();
            candidates.sort_by(|a, b| {
                b.estimated_saving
                    .total_cmp(&a.estimated_saving)
                    .then(
                        b.procedure
                            .received_total()
                            .cmp(&a.procedure.received_total()),
                    )
                    .then(a.procedure.code.cmp(&b.procedure.code))
            });
            for (i, c) in candidates.iter_mut().enumerate() {
                c.rank = i + 1;
            }
            Proposal {
                year,
                unit,
                procedures: ps.len(),
                candidates,
                target_share: rules.target_share,
            }
        })
        .collect()
}

/// The `procedures simplify` table of several proposals.
pub fn simplify_frame(proposals: &[Proposal], lang: Lang) -> PolarsResult<DataFrame> {
    let rows: Vec<(&Proposal, &Candidate)> = proposals
        .iter()
        .flat_map(|p| p.candidates.iter().map(move |c| (p, c)))
        .collect();
    macro_rules! col {
        ($name:expr, $f:expr) => {
            Column::new(
                $name.into(),
                rows.iter().map(|(p, c)| $f(p, c)).collect::<Vec<_>>(),
            )
        };
    }
    type P = Proposal;
    type C = Candidate;
    DataFrame::new_infer_height(vec![
        col!(c::YEAR, |p: &&P, _c: &&C| p.year),
        col!(c::UNIT, |p: &&P, _c: &&C| p.unit.clone()),
        col!(c::RANK, |_p: &&P, c: &&C| c.rank as u32),
        col!(c::CODE, |_p: &&P, c: &&C| c.procedure.code.clone()),
        col!(c::NAME, |_p: &&P, c: &&C| c.procedure.name.clone()),
        col!(c::FIELD, |_p: &&P, c: &&C| c.procedure.field.clone()),
        col!("proposal", |_p: &&P, c: &&C| c
            .reasons
            .iter()
            .map(|r| r.proposal(lang))
            .collect::<Vec<_>>()
            .join("; ")),
        col!("reason_codes", |_p: &&P, c: &&C| c
            .reasons
            .iter()
            .map(Reason::code)
            .collect::<Vec<_>>()
            .join(";")),
        col!("reasons", |_p: &&P, c: &&C| c
            .reasons
            .iter()
            .map(|r| r.message(lang))
            .collect::<Vec<_>>()
            .join("; ")),
        col!(c::RECEIVED, |_p: &&P, c: &&C| c.procedure.received_total()),
        col!("late_rate", |_p: &&P, c: &&C| c.procedure.late_rate()),
        col!(c::LEGAL_DAYS, |_p: &&P, c: &&C| c.procedure.legal_days),
        col!(c::ACTUAL_DAYS, |_p: &&P, c: &&C| c.procedure.actual_days),
        col!("cost_before", |_p: &&P, c: &&C| c.cost_before),
        col!("estimated_saving", |_p: &&P, c: &&C| c.estimated_saving),
        col!("cumulative_share_of_procedures", |p: &&P, c: &&C| c.rank
            as f64
            / p.procedures.max(1) as f64),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Procedure {
        Procedure {
            year: 2024,
            unit: "Sở A".into(),
            code: "1.000001".into(),
            name: Some("Thủ tục".into()),
            has_stats: true,
            ..Procedure::default()
        }
    }

    /// Rules with every rule off and a cost model with round inputs.
    fn only(enable: &str) -> Rules {
        let mut text = String::new();
        for rule in [
            "no_dossiers",
            "time_slack",
            "late",
            "low_online",
            "many_components",
        ] {
            text += &format!("[rules.{rule}]\nenabled = {}\n", rule == enable);
        }
        text += "[cost]\nincome_per_hour = 10000\nhours_per_component = 1.0\ncost_per_component = 1000\nvisits_in_person = 2\nhours_per_visit = 1.5\ntravel_cost_per_visit = 5000\nhours_per_waiting_day = 0.5\nlate_followup_hours = 3.0\n";
        Rules::parse(&text).unwrap()
    }

    #[test]
    fn rates_name_their_denominators_and_never_divide_by_zero() {
        let p = Procedure {
            received: Some(200),
            received_online: Some(90),
            received_direct: Some(80),
            received_postal: Some(30),
            carried_over: Some(10),
            resolved_early: Some(100),
            resolved_on_time: Some(70),
            resolved_late: Some(20),
            pending_overdue: Some(5),
            legal_days: Some(10.0),
            actual_days: Some(4.0),
            ..base()
        };
        assert_eq!(p.online_share(), Some(0.45));
        assert_eq!(p.direct_share(), Some(0.4));
        assert_eq!(p.postal_share(), Some(0.15));
        // No stated total resolved: early + on time + late = 190.
        assert_eq!(p.resolved_total(), Some(190));
        assert_eq!(p.on_time_rate(), Some(170.0 / 190.0));
        assert_eq!(p.late_rate(), Some(20.0 / 190.0));
        assert_eq!(p.need_to_handle(), Some(210));
        assert_eq!(p.late_or_overdue_rate(), Some(25.0 / 210.0));
        assert_eq!(p.time_ratio(), Some(0.4));
        let none = Procedure {
            received: Some(0),
            ..base()
        };
        assert_eq!(none.online_share(), None);
        assert_eq!(none.on_time_rate(), None);
        assert_eq!(none.time_ratio(), None);
        // Without a stated total, the channels stated make the received total.
        let channels = Procedure {
            received_online: Some(3),
            received_direct: Some(4),
            ..base()
        };
        assert_eq!(channels.received_total(), Some(7));
    }

    #[test]
    fn rollups_add_counts_before_dividing() {
        let a = Procedure {
            field: Some("F".into()),
            received: Some(100),
            received_online: Some(10),
            received_postal: Some(30),
            resolved: Some(100),
            resolved_early: Some(50),
            resolved_on_time: Some(40),
            resolved_late: Some(10),
            legal_days: Some(10.0),
            actual_days: Some(5.0),
            online_level: Some("full".into()),
            ..base()
        };
        let b = Procedure {
            code: "1.000002".into(),
            field: Some("F".into()),
            received: Some(300),
            received_online: Some(0),
            received_postal: Some(30),
            resolved: Some(300),
            resolved_early: Some(300),
            resolved_on_time: Some(0),
            resolved_late: Some(0),
            legal_days: Some(20.0),
            actual_days: Some(2.0),
            online_level: Some("partial".into()),
            ..base()
        };
        let df = rollup(&[a, b], Level::Field).unwrap();
        let get = |name: &str| df.column(name).unwrap().f64().unwrap().get(0).unwrap();
        assert_eq!(get("online_share"), 10.0 / 400.0);
        assert_eq!(get("postal_share"), 60.0 / 400.0);
        // (90 + 300) / 400, not the mean of 0.9 and 1.0.
        assert_eq!(get("on_time_rate"), 390.0 / 400.0);
        assert_eq!(get("late_rate"), 10.0 / 400.0);
        // Weighted by resolved: (100×5 + 300×2) / (100×10 + 300×20).
        assert_eq!(get("time_ratio"), 1100.0 / 7000.0);
        assert_eq!(get("legal_days"), 7000.0 / 400.0);
        // One of two online procedures received an online dossier; one of two is toàn trình.
        assert_eq!(get("online_uptake"), 0.5);
        assert_eq!(get("full_online_procedures"), 0.5);
        let n = df.column("procedures").unwrap().i64().unwrap().get(0);
        assert_eq!(n, Some(2));
    }

    #[test]
    fn no_dossiers_proposes_abolition_only_when_zero_is_stated() {
        let rules = only("no_dossiers");
        let zero = Procedure {
            received: Some(0),
            ..base()
        };
        let (reasons, saving) = assess(&zero, &rules);
        assert_eq!(reasons.len(), 1);
        assert_eq!(reasons[0].code(), "no_dossiers");
        assert_eq!(saving, 0.0);
        // Unknown volume is not zero volume; a dossier carried over is still work.
        assert!(assess(&base(), &rules).0.is_empty());
        let carried = Procedure {
            received: Some(0),
            carried_over: Some(1),
            ..base()
        };
        assert!(assess(&carried, &rules).0.is_empty());
        let registry_only = Procedure {
            has_stats: false,
            ..zero.clone()
        };
        assert!(assess(&registry_only, &rules).0.is_empty());
    }

    #[test]
    fn time_slack_proposes_a_shorter_limit_and_prices_the_days_saved() {
        let rules = only("time_slack");
        let p = Procedure {
            received: Some(100),
            resolved: Some(100),
            legal_days: Some(15.0),
            actual_days: Some(4.2),
            ..base()
        };
        let (reasons, saving) = assess(&p, &rules);
        // ceil(4.2 × 1.2) = 6 days; 100 dossiers × 9 days × 0.5 h × 10,000 VND.
        assert_eq!(
            reasons,
            vec![Reason::TimeSlack {
                actual_days: 4.2,
                legal_days: 15.0,
                proposed_days: 6.0
            }]
        );
        assert_eq!(saving, 4_500_000.0);
        assert!(reasons[0].proposal(Lang::Vi).contains("từ 15 xuống 6 ngày"));
        // Above the 50% threshold, or with too few dossiers: no proposal.
        let slow = Procedure {
            actual_days: Some(8.0),
            ..p.clone()
        };
        assert!(assess(&slow, &rules).0.is_empty());
        let rare = Procedure {
            resolved: Some(9),
            ..p
        };
        assert!(assess(&rare, &rules).0.is_empty());
    }

    #[test]
    fn late_and_low_online_and_many_components_follow_their_thresholds() {
        let late = only("late");
        let p = Procedure {
            received: Some(100),
            resolved: Some(100),
            resolved_late: Some(5),
            ..base()
        };
        let (reasons, saving) = assess(&p, &late);
        assert_eq!(reasons[0].code(), "late");
        assert_eq!(saving, 5.0 * 3.0 * 10000.0);
        let fewer = Procedure {
            resolved_late: Some(4),
            ..p.clone()
        };
        assert!(assess(&fewer, &late).0.is_empty());

        let online = only("low_online");
        let q = Procedure {
            received: Some(100),
            received_online: Some(10),
            received_direct: Some(90),
            online_level: Some("partial".into()),
            ..base()
        };
        let (reasons, saving) = assess(&q, &online);
        assert_eq!(reasons[0].code(), "low_online");
        // 20 dossiers move online (30% − 10%), each saving 2 trips × (1.5 h × 10,000 + 5,000).
        assert!((saving - 20.0 * 2.0 * 20000.0).abs() < 1e-6, "{saving}");
        let not_online = Procedure {
            online_level: Some("none".into()),
            ..q.clone()
        };
        assert!(assess(&not_online, &online).0.is_empty());

        let comps = only("many_components");
        let r = Procedure {
            received: Some(10),
            components: Some(10),
            ..base()
        };
        let (reasons, saving) = assess(&r, &comps);
        assert_eq!(
            reasons,
            vec![Reason::ManyComponents {
                components: 10,
                proposed: 7
            }]
        );
        // 10 dossiers × 3 components × (1 h × 10,000 + 1,000).
        assert_eq!(saving, 330_000.0);
        let few = Procedure {
            components: Some(7),
            ..r
        };
        assert!(assess(&few, &comps).0.is_empty());
    }

    #[test]
    fn proposals_rank_by_saving_and_say_whether_the_target_is_met() {
        let rules = only("late");
        let mk = |code: &str, late: i64| Procedure {
            code: code.into(),
            received: Some(100),
            resolved: Some(100),
            resolved_late: Some(late),
            ..base()
        };
        let procs = vec![
            mk("1.000001", 6),
            mk("1.000002", 20),
            mk("1.000003", 0),
            mk("1.000004", 0),
            mk("1.000005", 0),
            mk("1.000006", 0),
            mk("1.000007", 0),
            mk("1.000008", 0),
            mk("1.000009", 0),
            mk("1.000010", 0),
        ];
        let props = simplify(&procs, &rules);
        assert_eq!(props.len(), 1);
        let p = &props[0];
        assert_eq!(p.procedures, 10);
        let codes: Vec<&str> = p
            .candidates
            .iter()
            .map(|c| c.procedure.code.as_str())
            .collect();
        assert_eq!(codes, ["1.000002", "1.000001"]);
        assert_eq!(p.needed(), 2);
        assert!(p.target_met());
        let stricter = Proposal {
            target_share: 0.3,
            ..p.clone()
        };
        assert_eq!(stricter.needed(), 3);
        assert!(!stricter.target_met());
        let df = simplify_frame(&props, Lang::En).unwrap();
        let cum = df
            .column("cumulative_share_of_procedures")
            .unwrap()
            .f64()
            .unwrap();
        assert_eq!(cum.get(1), Some(0.2));
    }

    #[test]
    fn rules_files_override_only_what_they_name_and_refuse_unknown_keys() {
        let r = Rules::parse("target_share = 0.25\n[rules.late]\nmin_late_rate = 0.1\n").unwrap();
        assert_eq!(r.target_share, 0.25);
        assert_eq!(r.rules.late.min_late_rate, 0.1);
        assert_eq!(
            r.rules.late.min_resolved,
            Rules::default().rules.late.min_resolved
        );
        assert!(Rules::parse("[rules.late]\nmin_late_rat = 0.1\n").is_err());
        assert!(Rules::parse("target_share = 2\n").is_err());
    }

    #[test]
    fn the_registry_of_the_same_or_an_earlier_year_is_joined() {
        let stats = df![
            c::YEAR => [2023i32, 2024],
            c::UNIT => ["Sở A", "Sở A"],
            c::CODE => ["1.000001", "1.000001"],
            c::RECEIVED => [Some(5i64), Some(0)],
        ]
        .unwrap();
        let registry = df![
            c::YEAR => [2022i32, 2024, 2024],
            c::UNIT => ["Sở A", "Sở A", "Sở A"],
            c::CODE => ["1.000001", "1.000001", "1.000002"],
            c::LEGAL_DAYS => [Some(10.0), Some(7.0), Some(3.0)],
        ]
        .unwrap();
        let procs = join(&stats, &registry).unwrap();
        let find = |year: i32, code: &str| {
            procs
                .iter()
                .find(|p| p.year == year && p.code == code)
                .cloned()
        };
        assert_eq!(find(2023, "1.000001").unwrap().legal_days, Some(10.0));
        assert_eq!(find(2024, "1.000001").unwrap().legal_days, Some(7.0));
        // A registry procedure without statistics in a year with statistics: known, not zero.
        let quiet = find(2024, "1.000002").unwrap();
        assert!(!quiet.has_stats);
        assert_eq!(quiet.received, None);
        assert_eq!(procs.len(), 4);
    }
}
