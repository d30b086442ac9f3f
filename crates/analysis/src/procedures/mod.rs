//! Procedure analyses: service ratios of dossier statistics, and which procedures to simplify.
//!
//! By concern, a file each: the procedure and its rates (here), the join of statistics and
//! registry (`join.rs`), roll-ups and the service targets (`rollup.rs`), the rules with their TOML
//! (`rules.rs`), the assessment and the ranked proposal (`simplify.rs`) and the result frames
//! (`frames.rs`). Results carry numbers and reason codes; the command line puts them in words.
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

mod frames;
mod join;
mod rollup;
mod rules;
mod simplify;

pub use frames::simplify_frame;
pub use join::join;
pub use rollup::{
    Level, ONLINE_TARGET_DEFAULT, POSTAL_TARGET, meets_target, rollup, stats, with_target_flags,
};
pub use rules::{CostModel, DEFAULT_RULES_TOML, RuleSet, Rules, RulesError};
pub use simplify::{
    Candidate, Proposal, Reason, annual_cost, assess, latest_years, select, simplify,
};

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
    /// The 90th percentile of processing time in working days, when the figures come from a
    /// dossier log.
    pub p90_days: Option<f64>,
    /// Where the figures come from: `office` (its report) or `log` (computed from a dossier
    /// log); `None` for statistics read before origins were recorded.
    pub origin: Option<String>,
}

pub(crate) fn sum_some(values: &[Option<i64>]) -> Option<i64> {
    values
        .iter()
        .any(Option::is_some)
        .then(|| values.iter().flatten().sum())
}

pub(crate) fn ratio(num: Option<i64>, den: Option<i64>) -> Option<f64> {
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

#[cfg(test)]
mod tests;
