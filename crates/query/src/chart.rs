//! What a chart draws: the kind asked for, its unit and year chosen from the store (the one asked
//! for, the only one, or the latest year), and the frame it is drawn from.

use cchc_analysis::procedures as proc;
use cchc_analysis::survey::{self, By};
use cchc_model::columns as c;
use polars::prelude::*;

use crate::procedures::Covered;
use crate::scope::{choose_unit, choose_year, distinct_strings, distinct_years, filter};
use crate::scorecard::Level;
use crate::{Query, Result, Scope};

/// The charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Points lost by one unit in one year, Pareto-ordered.
    Pareto,
    /// Attainment by field, years side by side.
    FieldYears,
    /// Score totals by year, a line per unit.
    Trend,
    /// The five levels by element and year, diverging bars.
    Likert,
    /// The index of each element over the years.
    ElementTrend,
    /// The index by element, years side by side.
    ElementYears,
    /// Dossiers × late rate by procedure, the proposed ones marked.
    ProcedureLate,
    /// Dossiers × time used / time limit by procedure, the proposed ones marked.
    ProcedureTime,
    /// Shares of dossiers by channel over the years, with the postal target.
    Channels,
    /// On-time rate over the years, a line per unit.
    OnTime,
}

/// A request for a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRequest {
    /// The chart.
    pub kind: ChartKind,
    /// The year and unit asked for (else the only unit, the latest year).
    pub scope: Scope,
    /// The level of a Pareto.
    pub level: Level,
}

/// A chart's frame, with the unit and year it is of.
#[derive(Debug, Clone)]
pub enum ChartData {
    /// `scorecard gaps` of every unit and year; the chart draws `unit` in `year`.
    Pareto {
        gaps: DataFrame,
        unit: String,
        year: i32,
    },
    /// Field totals of every unit; the chart draws `unit`.
    FieldYears { fields: DataFrame, unit: String },
    /// `scorecard trend` of the units in scope.
    Trend { trend: DataFrame },
    /// The distribution by element; the chart draws `unit`.
    Likert {
        distribution: DataFrame,
        unit: String,
    },
    /// The index by element; the chart draws `unit`.
    ElementTrend { index: DataFrame, unit: String },
    /// The index by element; the chart draws `unit`.
    ElementYears { index: DataFrame, unit: String },
    /// `procedures stats` of one unit and year; `rate` is the column drawn against volume,
    /// `proposed` the codes of the procedures proposed for simplification.
    Procedures {
        stats: DataFrame,
        unit: String,
        year: i32,
        rate: &'static str,
        proposed: Vec<String>,
    },
    /// The roll-up by unit; the chart draws `unit` against `target`.
    Channels {
        by_unit: DataFrame,
        unit: String,
        target: f64,
    },
    /// The roll-up by unit, of the units in scope.
    OnTime { by_unit: DataFrame },
}

/// A chart's frame, and where its figures come from.
#[derive(Debug, Clone)]
pub struct Chart {
    /// What is drawn.
    pub data: ChartData,
    /// The (year, unit) whose procedure figures cchc computed from a dossier log.
    pub from_logs: Covered,
}

impl Query<'_> {
    /// The frame of a chart.
    pub fn chart(&self, request: &ChartRequest) -> Result<Chart> {
        let mut from_logs = Covered::new();
        let data = self.chart_data(request, &mut from_logs)?;
        Ok(Chart { data, from_logs })
    }

    fn chart_data(&self, request: &ChartRequest, from_logs: &mut Covered) -> Result<ChartData> {
        let Scope { year, unit } = &request.scope;
        let unit = unit.as_deref();
        match request.kind {
            ChartKind::Pareto => {
                let gaps = cchc_analysis::scorecard::gaps(self.scorecard_rows()?, request.level)?
                    .collect()?;
                let unit = choose_unit(unit, &distinct_strings(&gaps, c::UNIT)?)?;
                let of_unit = filter(gaps.clone().lazy(), None, Some(&unit))?.collect()?;
                let year = choose_year(*year, &distinct_years(&of_unit)?)?;
                Ok(ChartData::Pareto { gaps, unit, year })
            }
            ChartKind::FieldYears => {
                let fields = self.field_totals()?;
                let unit = choose_unit(unit, &distinct_strings(&fields, c::UNIT)?)?;
                Ok(ChartData::FieldYears { fields, unit })
            }
            ChartKind::Trend => Ok(ChartData::Trend {
                trend: self.trend(&Scope::of(None, unit))?,
            }),
            ChartKind::Likert => {
                let (answers, respondents) = self.survey_tables()?;
                let distribution = survey::distribution(&answers, respondents, &By::Element)?;
                let unit = choose_unit(unit, &distinct_strings(&distribution, c::UNIT)?)?;
                Ok(ChartData::Likert { distribution, unit })
            }
            ChartKind::ElementTrend | ChartKind::ElementYears => {
                let (answers, respondents) = self.survey_tables()?;
                let index = survey::index(&answers, respondents, &By::Element, None)?;
                let unit = choose_unit(unit, &distinct_strings(&index, c::UNIT)?)?;
                Ok(if request.kind == ChartKind::ElementTrend {
                    ChartData::ElementTrend { index, unit }
                } else {
                    ChartData::ElementYears { index, unit }
                })
            }
            ChartKind::OnTime => {
                let all = self.procedures()?;
                from_logs.clone_from(&all.from_logs);
                let by_unit = proc::rollup(&all.list, proc::Level::Unit)?;
                Ok(ChartData::OnTime {
                    by_unit: filter(by_unit.lazy(), None, unit)?.collect()?,
                })
            }
            ChartKind::Channels => {
                let all = self.procedures()?;
                from_logs.clone_from(&all.from_logs);
                let unit = choose_unit(unit, &units_of(&all.list))?;
                Ok(ChartData::Channels {
                    by_unit: proc::rollup(&all.list, proc::Level::Unit)?,
                    unit,
                    target: proc::POSTAL_TARGET,
                })
            }
            ChartKind::ProcedureLate | ChartKind::ProcedureTime => {
                let all = self.procedures()?;
                from_logs.clone_from(&all.from_logs);
                let unit = choose_unit(unit, &units_of(&all.list))?;
                let mut years: Vec<i32> = all
                    .list
                    .iter()
                    .filter(|p| p.unit == unit && p.has_stats)
                    .map(|p| p.year)
                    .collect();
                years.sort_unstable();
                years.dedup();
                let year = choose_year(*year, &years)?;
                let one = all.select(&Scope::of(Some(year), Some(&unit)), false);
                let proposed = proc::simplify(&one, &proc::Rules::default())
                    .iter()
                    .flat_map(|pr| pr.candidates.iter().map(|c| c.procedure.code.clone()))
                    .collect();
                let rate = if request.kind == ChartKind::ProcedureTime {
                    c::TIME_RATIO
                } else {
                    c::LATE_RATE
                };
                Ok(ChartData::Procedures {
                    stats: proc::stats(&one)?,
                    unit,
                    year,
                    rate,
                    proposed,
                })
            }
        }
    }
}

/// The units of some procedures, sorted.
fn units_of(procs: &[proc::Procedure]) -> Vec<String> {
    let mut u: Vec<String> = procs.iter().map(|p| p.unit.clone()).collect();
    u.sort();
    u.dedup();
    u
}
