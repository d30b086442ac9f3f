//! Which procedures to simplify: each rule gives a reason with its figures ([`Reason`]), the
//! standard cost model an estimated saving; candidates are ranked by saving per unit and year
//! against the plan's target share. Also the selection of the periods a proposal is made for:
//! each unit's latest year with statistics.

use std::collections::{BTreeMap, HashMap};

use super::Procedure;
use super::rules::{CostModel, Rules};

/// Why a procedure is proposed.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// No dossier in the period: abolish or merge.
    NoDossiers { received: i64, year: i32 },
    /// Actual time far below the legal limit: cut the limit. With a dossier log, the measure is
    /// the time within which 90% of dossiers were resolved (`p90_days`), not the mean.
    TimeSlack {
        actual_days: f64,
        legal_days: f64,
        proposed_days: f64,
        p90_days: Option<f64>,
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

    /// What the reason proposes in figures: the time limit (working days) or the number of
    /// dossier components to cut to, where it names one.
    pub fn proposed_days(&self) -> Option<f64> {
        match self {
            Reason::TimeSlack { proposed_days, .. } => Some(*proposed_days),
            _ => None,
        }
    }

    /// The number of dossier components the reason proposes, where it names one.
    pub fn proposed_components(&self) -> Option<i64> {
        match self {
            Reason::ManyComponents { proposed, .. } => Some(*proposed),
            _ => None,
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
        && let (Some(actual), Some(legal), Some(res)) = (p.actual_days, p.legal_days, resolved)
        && legal > 0.0
        && p.p90_days.unwrap_or(actual) / legal <= r.time_slack.max_time_ratio
        && res >= r.time_slack.min_resolved
    {
        let measure = p.p90_days.unwrap_or(actual);
        let proposed = (measure * (1.0 + r.time_slack.headroom)).ceil().max(1.0);
        if proposed < legal {
            saving += received.unwrap_or(0) as f64
                * (legal - proposed)
                * m.hours_per_waiting_day
                * m.income_per_hour;
            reasons.push(Reason::TimeSlack {
                actual_days: actual,
                legal_days: legal,
                proposed_days: proposed,
                p90_days: p.p90_days,
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

/// Each unit's latest year with statistics, among `procs`: the year a proposal is made for when
/// none is asked.
pub fn latest_years(procs: &[Procedure]) -> HashMap<String, i32> {
    let mut last: HashMap<String, i32> = HashMap::new();
    for p in procs.iter().filter(|p| p.has_stats) {
        let y = last.entry(p.unit.clone()).or_insert(p.year);
        *y = (*y).max(p.year);
    }
    last
}

/// The procedures of the units `unit_matches` accepts and of one year (when asked; else, with
/// `latest`, each unit's latest year with statistics, else every year).
pub fn select(
    procs: Vec<Procedure>,
    year: Option<i32>,
    unit_matches: impl Fn(&str) -> bool,
    latest: bool,
) -> Vec<Procedure> {
    let procs: Vec<Procedure> = procs
        .into_iter()
        .filter(|p| unit_matches(&p.unit))
        .filter(|p| year.is_none_or(|y| p.year == y))
        .collect();
    if year.is_some() || !latest {
        return procs;
    }
    let last = latest_years(&procs);
    procs
        .into_iter()
        .filter(|p| last.get(&p.unit).is_none_or(|y| *y == p.year))
        .collect()
}
