//! Procedures: the offices' dossier statistics joined with the registry — or, for a unit and year
//! a dossier log covers, the figures cchc computes from the log —, their service ratios rolled up,
//! and the proposal of procedures to simplify.

use std::collections::BTreeMap;
use std::path::Path;

use cchc_analysis::dossiers::{self, Options, Period, VerdictOf};
pub use cchc_analysis::procedures::Level;
use cchc_analysis::procedures::{self as proc, Procedure, Proposal, Rules};
use cchc_model::columns as c;
use cchc_model::text::fold;
use cchc_model::{TableKind, schema, tables};
use cchc_store::StoreError;
use polars::prelude::*;

use crate::{Query, QueryError, Result, Scope};

/// The tables procedures' figures are read from.
const PROCEDURE_TABLES: [&str; 2] = [tables::PROCEDURES, tables::DOSSIERS];

/// The (year, unit) whose procedure figures come from dossier logs.
pub type Covered = Vec<(i32, String)>;

/// The procedures of the store, and where their figures come from.
#[derive(Debug, Clone)]
pub struct Procedures {
    /// Each procedure of each unit and year: registry and statistics joined.
    pub list: Vec<Procedure>,
    /// The (year, unit) whose figures cchc computed from a dossier log (the office's report of
    /// them left aside; it stays in the store). A front end says so.
    pub from_logs: Covered,
}

impl Procedures {
    /// The procedures of the scope's unit (matched as the analyst types it) and year (when asked;
    /// else, with `latest`, each unit's latest year with statistics).
    pub fn select(&self, scope: &Scope, latest: bool) -> Vec<Procedure> {
        proc::select(
            self.list.clone(),
            scope.year,
            |u| {
                scope
                    .unit
                    .as_deref()
                    .is_none_or(|wanted| crate::unit_matches(wanted, u))
            },
            latest,
        )
    }

    /// Whether the store holds a registry only (the portal's list: no dossier counts).
    pub fn registry_only(procs: &[Procedure]) -> bool {
        !procs.is_empty() && procs.iter().all(|p| !p.has_stats)
    }
}

/// A request for `procedures stats`.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsRequest {
    /// The roll-up level.
    pub level: Level,
    /// The year and unit.
    pub scope: Scope,
    /// The postal-share target.
    pub postal_target: f64,
    /// The online-share target, when there is one.
    pub online_target: Option<f64>,
}

/// The roll-up of `procedures stats`.
#[derive(Debug, Clone)]
pub struct Stats {
    /// One row per procedure, field, unit or year, with the target flags.
    pub frame: DataFrame,
    /// The procedures rolled up.
    pub procedures: Vec<Procedure>,
    /// Where their figures come from.
    pub from_logs: Covered,
}

/// A request for `procedures simplify`.
#[derive(Debug, Clone, PartialEq)]
pub struct SimplifyRequest {
    /// The year (default: each unit's latest) and unit.
    pub scope: Scope,
    /// The rules.
    pub rules: Rules,
}

/// The proposal of procedures to simplify.
#[derive(Debug, Clone)]
pub struct Simplified {
    /// One proposal per unit.
    pub proposals: Vec<Proposal>,
    /// The proposals as rows, a candidate a row, with each unit's province and, on the latest
    /// map, the units it combines.
    pub frame: DataFrame,
    /// Where the figures come from.
    pub from_logs: Covered,
}

/// Reads a roll-up level as the analyst writes it, in English or Vietnamese.
pub fn level(by: &str) -> Result<Level> {
    Ok(match fold(by).as_str() {
        "procedure" | "thu tuc" => Level::Procedure,
        "field" | "linh vuc" => Level::Field,
        "unit" | "don vi" => Level::Unit,
        "year" | "nam" => Level::Year,
        _ => {
            return Err(QueryError::ProcedureBy {
                asked: by.to_owned(),
            });
        }
    })
}

/// A share a flag gives, when it is within 0–1.
pub fn share(flag: &'static str, value: f64) -> Result<f64> {
    if (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(QueryError::Share { flag, value })
    }
}

/// The rules: the defaults, a rules file over them, and a target share over both.
pub fn rules(path: Option<&Path>, target: Option<f64>) -> Result<Rules> {
    let mut rules = match path {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| QueryError::File {
                path: p.to_owned(),
                detail: e.to_string(),
            })?;
            Rules::parse(&text).map_err(|problem| QueryError::Rules {
                path: p.to_owned(),
                problem,
            })?
        }
        None => Rules::default(),
    };
    if let Some(t) = target {
        rules.target_share = share("--target", t)?;
    }
    Ok(rules)
}

/// The offices' reports of one procedure of one unit and year from several files — the two
/// halves of 2025, or predecessors read as their successor under the latest map — as one row:
/// counts added, actual days weighted by dossiers resolved, name, field and lineage from the
/// first file. Rows of a procedure reported by one file are left as they are.
///
/// Pending and carried-over dossiers are counts on a day, not flows: pending ones are taken from
/// the reports whose period ends last, carried-over ones from those whose period begins first
/// (each added across the units reporting that day), so the dossiers pending at 30/6/2025 in a
/// first-half report, which the second half carries over, are not counted twice. `periods`
/// gives the first and last day (ISO) of each source's period by source and year; a source
/// without one covers its whole year.
fn combine_reports(mut lf: LazyFrame, periods: &DataFrame) -> Result<LazyFrame> {
    let schema = lf.collect_schema()?;
    if !schema.contains(c::SOURCE_SHA256) || !schema.contains(c::CODE) {
        return Ok(lf);
    }
    let lf = if periods.height() > 0 {
        lf.join(
            periods.clone().lazy(),
            [col(c::SOURCE_SHA256), col(c::YEAR)],
            [col(c::SOURCE_SHA256), col(c::YEAR)],
            JoinArgs::new(JoinType::Left),
        )
    } else {
        lf.with_columns([
            lit(NULL).cast(DataType::String).alias(PERIOD_START),
            lit(NULL).cast(DataType::String).alias(PERIOD_END),
        ])
    };
    // The whole year begins before and ends after any half of it.
    let start = col(PERIOD_START).fill_null(lit("0000"));
    let end = col(PERIOD_END).fill_null(lit("9999"));
    let key = [c::YEAR, c::UNIT, c::CODE];
    let sources = col(c::SOURCE_SHA256)
        .n_unique()
        .over(key.map(col))?
        .alias("__sources");
    let lf = lf.with_column(sources);
    let single = lf
        .clone()
        .filter(col("__sources").lt_eq(lit(1)))
        .drop(cols(["__sources", PERIOD_START, PERIOD_END]));
    let counts: Vec<&str> = schema::PROCEDURE_COUNTS
        .iter()
        .copied()
        .filter(|n| schema.contains(n))
        .collect();
    let mut aggs: Vec<Expr> = Vec::new();
    for name in schema.iter_names() {
        let name = name.as_str();
        if key.contains(&name) {
            continue;
        }
        if name == PERIOD_START || name == PERIOD_END {
            continue;
        }
        let day = if PENDING_COUNTS.contains(&name) {
            Some(end.clone().eq(end.clone().max()))
        } else if name == c::CARRIED_OVER {
            Some(start.clone().eq(start.clone().min()))
        } else {
            None
        };
        if let Some(day) = day.filter(|_| counts.contains(&name)) {
            aggs.push(
                when(col(name).filter(day.clone()).count().gt(lit(0)))
                    .then(col(name).filter(day).sum())
                    .otherwise(lit(NULL))
                    .cast(DataType::Int64)
                    .alias(name),
            );
        } else if counts.contains(&name) {
            // Null when every report leaves it blank, else the sum of those that give it.
            aggs.push(
                when(col(name).count().gt(lit(0)))
                    .then(col(name).sum())
                    .otherwise(lit(NULL))
                    .cast(DataType::Int64)
                    .alias(name),
            );
        } else if name == c::ACTUAL_DAYS && schema.contains(c::RESOLVED) {
            let weight = col(c::RESOLVED).cast(DataType::Float64);
            let both = col(c::ACTUAL_DAYS)
                .is_not_null()
                .and(weight.clone().is_not_null());
            let weights = weight.clone().filter(both.clone()).sum();
            aggs.push(
                when(weights.clone().gt(lit(0.0)))
                    .then((col(c::ACTUAL_DAYS) * weight).filter(both).sum() / weights)
                    .otherwise(lit(NULL).cast(DataType::Float64))
                    .alias(name),
            );
        } else {
            aggs.push(col(name).first().alias(name));
        }
    }
    let combined = lf
        .filter(col("__sources").gt(lit(1)))
        .group_by_stable(key.map(col))
        .agg(aggs);
    let union = UnionArgs {
        diagonal: true,
        ..UnionArgs::default()
    };
    Ok(concat([single, combined], union)?)
}

/// The columns [`combine_reports`] joins: the first and last day of a source's period in a year.
const PERIOD_START: &str = "__period_start";
const PERIOD_END: &str = "__period_end";

/// The counts taken on the period's last day.
const PENDING_COUNTS: [&str; 3] = [c::PENDING, c::PENDING_IN_TIME, c::PENDING_OVERDUE];

impl Query<'_> {
    /// The first and last day of each source's period by year, for the parts of `table` that
    /// cover less than their year (`source_sha256`, `year`, [`PERIOD_START`], [`PERIOD_END`]).
    fn periods(&self, table: &str) -> Result<DataFrame> {
        let mut periods: BTreeMap<(String, i32), (String, String)> = BTreeMap::new();
        for source in self.store().sources() {
            for part in source.parts.iter().filter(|p| p.table == table) {
                if let Some([first, last]) = &part.period {
                    let (start, end) = periods
                        .entry((source.sha256.clone(), part.year))
                        .or_insert_with(|| (first.clone(), last.clone()));
                    if first < start {
                        start.clone_from(first);
                    }
                    if last > end {
                        end.clone_from(last);
                    }
                }
            }
        }
        let (keys, days): (Vec<_>, Vec<_>) = periods.into_iter().unzip();
        let (shas, years): (Vec<String>, Vec<i32>) = keys.into_iter().unzip();
        let (firsts, lasts): (Vec<String>, Vec<String>) = days.into_iter().unzip();
        Ok(DataFrame::new(
            shas.len(),
            vec![
                Column::new(c::SOURCE_SHA256.into(), shas),
                Column::new(c::YEAR.into(), years),
                Column::new(PERIOD_START.into(), firsts),
                Column::new(PERIOD_END.into(), lasts),
            ],
        )?)
    }

    /// The dossier statistics of procedures: the offices' reports and, where the store holds
    /// dossier logs, the yearly figures computed from them (on the default calendar). For a unit
    /// and year a log covers, the log's figures are read and the office's report of it is left
    /// aside; `origin` says which is which. Also the (year, unit) read from logs.
    pub fn procedure_stats_frame(&self) -> Result<(Option<LazyFrame>, Covered)> {
        let periods = self.periods(TableKind::Procedures.table_name())?;
        let office = self
            .scan(TableKind::Procedures)?
            .map(|lf| combine_reports(lf, &periods))
            .transpose()?
            .map(|lf| lf.with_column(lit("office").alias(c::ORIGIN)));
        let Some(log) = self.scan(TableKind::Dossiers)? else {
            return Ok((office, Vec::new()));
        };
        let registry = match self.scan_table(tables::PROCEDURE_REGISTRY)? {
            Some(r) => Some(r.collect()?),
            None => None,
        };
        let opts = Options {
            period: Period::Year,
            as_of: None,
            verdict: VerdictOf::Cchc,
        };
        let cal = cchc_calendar::Calendar::vietnam();
        let (yearly, _) = dossiers::statistics(
            &log.select(dossiers::COLUMNS.map(col)).collect()?,
            registry.as_ref(),
            &cal,
            &opts,
        )?;
        let from_log = dossiers::as_procedures(&yearly)?;
        let years: Vec<Option<i32>> = from_log.column(c::YEAR)?.i32()?.iter().collect();
        let units: Vec<Option<&str>> = from_log.column(c::UNIT)?.str()?.iter().collect();
        let mut covered: Covered = years
            .iter()
            .zip(&units)
            .filter_map(|(y, u)| Some(((*y)?, (*u)?.to_owned())))
            .collect();
        covered.sort();
        covered.dedup();
        let office = office.map(|lf| {
            covered.iter().fold(lf, |lf, (y, u)| {
                lf.filter(
                    (col(c::YEAR)
                        .eq(lit(*y))
                        .and(col(c::UNIT).eq(lit(u.clone()))))
                    .not(),
                )
            })
        });
        let union = UnionArgs {
            diagonal: true,
            ..UnionArgs::default()
        };
        let frames: Vec<LazyFrame> = office.into_iter().chain([from_log.lazy()]).collect();
        Ok((Some(concat(frames, union)?), covered))
    }

    /// The stored procedures, registry and statistics joined, or
    /// [`StoreError::NothingImported`].
    pub fn procedures(&self) -> Result<Procedures> {
        let (stats, from_logs) = self.procedure_stats_frame()?;
        self.procedures_with(stats, from_logs)
    }

    /// [`Query::procedures`] with the statistics [`Query::procedure_stats_frame`] already gave
    /// (they are computed from the dossier logs once).
    pub fn procedures_with(
        &self,
        stats: Option<LazyFrame>,
        from_logs: Covered,
    ) -> Result<Procedures> {
        let registry = self.scan_table(tables::PROCEDURE_REGISTRY)?;
        if stats.is_none() && registry.is_none() {
            return Err(StoreError::NothingImported {
                path: self.store().root().to_owned(),
                kind: TableKind::Procedures,
            }
            .into());
        }
        let empty = |schema: Schema| DataFrame::empty_with_schema(&schema);
        let stats = match stats {
            Some(lf) => lf.collect()?,
            None => empty(schema::procedures()),
        };
        let registry = match registry {
            Some(lf) => lf.collect()?,
            None => empty(schema::procedure_registry()),
        };
        Ok(Procedures {
            list: proc::join(&stats, &registry)?,
            from_logs,
        })
    }

    /// `procedures stats`: the service ratios rolled up, with the target flags.
    pub fn procedure_stats(&self, request: &StatsRequest) -> Result<Stats> {
        let all = self.procedures()?;
        share("--postal-target", request.postal_target)?;
        if let Some(t) = request.online_target {
            share("--online-target", t)?;
        }
        let scope = self.scope_on_map(&request.scope, &PROCEDURE_TABLES);
        let procedures = all.select(&scope, false);
        let frame = proc::rollup(&procedures, request.level)?;
        let frame = proc::with_target_flags(frame, request.postal_target, request.online_target)?;
        let frame = self.with_province(frame, &PROCEDURE_TABLES)?;
        let frame = self.with_combined_from(frame, &PROCEDURE_TABLES)?;
        Ok(Stats {
            frame,
            procedures,
            from_logs: all.from_logs,
        })
    }

    /// `procedures simplify`: the proposal of each unit.
    pub fn simplify(&self, request: &SimplifyRequest) -> Result<Simplified> {
        let all = self.procedures()?;
        let procs = all.select(&self.scope_on_map(&request.scope, &PROCEDURE_TABLES), true);
        let proposals = proc::simplify(&procs, &request.rules);
        let frame = proc::simplify_frame(&proposals)?;
        let frame = self.with_province(frame, &PROCEDURE_TABLES)?;
        let frame = self.with_combined_from(frame, &PROCEDURE_TABLES)?;
        Ok(Simplified {
            proposals,
            frame,
            from_logs: all.from_logs,
        })
    }
}
