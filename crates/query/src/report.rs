//! What the year's report is made of: the year and units chosen, the scorecards, surveys and
//! procedures of those units, and the files they came from.

use cchc_analysis::procedures::{self as proc, Proposal};
use cchc_model::TableKind;
use cchc_model::columns as c;
use polars::prelude::*;

use crate::procedures::Covered;
use crate::scope::keep_units;
use crate::scorecard::Level;
use crate::survey::{By, IndexRequest};
use crate::{Query, QueryError, Result, Scope};

/// One imported file, as the store's manifest lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLine {
    /// File name.
    pub file: String,
    /// Kind of table (its name in the store).
    pub kind: String,
    /// Years its rows belong to.
    pub years: Vec<i32>,
    /// Units its rows belong to.
    pub units: Vec<String>,
    /// sha256 of its bytes.
    pub sha256: String,
    /// Rows read, imported, recognised as structure, rejected.
    pub read: u64,
    /// Rows imported.
    pub imported: u64,
    /// Rows recognised as structure.
    pub structure: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Warnings raised.
    pub warnings: u64,
}

/// The scorecards of the report's units.
#[derive(Debug, Clone)]
pub struct Scorecards {
    /// `scorecard gaps` at leaf level, every year.
    pub gaps: DataFrame,
    /// `scorecard trend`, every year (ranks among every unit of the store).
    pub trend: DataFrame,
    /// The stored leaf rows of the year with their reasons and remedies (unit, code, reason,
    /// remedy), for the plan's appendix.
    pub notes: DataFrame,
}

/// The surveys of the report's units.
#[derive(Debug, Clone)]
pub struct Surveys {
    /// `survey index --by overall`, every year.
    pub overall: DataFrame,
    /// `survey index --by element`, every year, p-values adjusted.
    pub elements: DataFrame,
    /// `survey distribution --by element`, every year.
    pub distribution: DataFrame,
}

/// The procedures of the report's units.
#[derive(Debug, Clone)]
pub struct Procedures {
    /// `procedures stats --by unit`, every year.
    pub by_unit: DataFrame,
    /// `procedures stats` per procedure, every year.
    pub stats: DataFrame,
    /// `procedures simplify` for the year.
    pub proposals: Vec<Proposal>,
    /// The (year, unit) of the report whose figures cchc computed from a dossier log.
    pub from_logs: Covered,
}

/// A request for the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportRequest {
    /// The year (default: the latest with figures for the units).
    pub year: Option<i32>,
    /// The units, as the analyst types them (none: every unit of the store).
    pub units: Vec<String>,
}

/// A step of gathering the report, for a front end's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The scorecards are read.
    Scorecards,
    /// The surveys are read.
    Surveys,
    /// The procedures are read.
    Procedures,
}

/// What the report is made of.
#[derive(Debug, Clone)]
pub struct ReportData {
    /// The year reported on.
    pub year: i32,
    /// The units reported on, as the store names them.
    pub units: Vec<String>,
    /// Whether the units were chosen (else: every unit of the store).
    pub chosen: bool,
    /// The scorecards, if any were imported.
    pub scorecards: Option<Scorecards>,
    /// The surveys, if any were imported.
    pub surveys: Option<Surveys>,
    /// The procedures, if any statistics were imported.
    pub procedures: Option<Procedures>,
    /// The files imported.
    pub sources: Vec<SourceLine>,
}

/// The (year, unit) pairs of a table.
fn years_and_units(lf: Option<LazyFrame>) -> Result<Vec<(i32, String)>> {
    let Some(lf) = lf else {
        return Ok(Vec::new());
    };
    let df = lf
        .select([col(c::YEAR), col(c::UNIT)])
        .unique(None, UniqueKeepStrategy::First)
        .collect()?;
    let years = df.column(c::YEAR)?.cast(&DataType::Int32)?;
    let units = df.column(c::UNIT)?.str()?.clone();
    Ok(years
        .i32()?
        .iter()
        .zip(units.iter())
        .filter_map(|(y, u)| Some((y?, u?.to_owned())))
        .collect())
}

impl Query<'_> {
    /// Gathers the report: `step` is told as each part starts.
    pub fn report(
        &self,
        request: &ReportRequest,
        step: &mut dyn FnMut(Step),
    ) -> Result<ReportData> {
        let store = self.store();
        if store.sources().is_empty() {
            return Err(QueryError::EmptyStore(store.root().to_owned()));
        }
        let scorecard = self.scan(TableKind::Scorecard)?;
        let survey = self.scan(TableKind::Survey)?;
        let (stats, from_logs) = self.procedure_stats_frame()?;
        let mut present = years_and_units(scorecard.clone())?;
        present.extend(years_and_units(survey.clone())?);
        present.extend(years_and_units(stats.clone())?);
        let mut all_units: Vec<String> = Vec::new();
        for (_, u) in &present {
            if !all_units.contains(u) {
                all_units.push(u.clone());
            }
        }
        all_units.sort();
        let units: Vec<String> = if request.units.is_empty() {
            all_units.clone()
        } else {
            let mut chosen = Vec::new();
            for w in &request.units {
                match all_units.iter().find(|u| crate::unit_matches(w, u)) {
                    Some(u) if !chosen.contains(u) => chosen.push(u.clone()),
                    Some(_) => {}
                    None => {
                        return Err(QueryError::ReportUnit {
                            asked: w.clone(),
                            units: all_units,
                        });
                    }
                }
            }
            chosen
        };
        let mut years: Vec<i32> = present
            .iter()
            .filter(|(_, u)| units.contains(u))
            .map(|(y, _)| *y)
            .collect();
        years.sort_unstable();
        years.dedup();
        let year = match request.year {
            Some(y) if years.contains(&y) => y,
            Some(y) => return Err(QueryError::ReportYear { year: y, years }),
            None => *years.last().ok_or(QueryError::RegistryOnly)?,
        };

        step(Step::Scorecards);
        let scorecards = match scorecard {
            Some(_) => Some(Scorecards {
                gaps: keep_units(self.gaps(&Scope::all(), Level::Leaf)?, &units)?,
                trend: keep_units(self.trend(&Scope::all())?, &units)?,
                notes: keep_units(self.scorecard_notes(year)?, &units)?,
            }),
            None => None,
        };
        step(Step::Surveys);
        let surveys = match survey {
            Some(_) => Some(Surveys {
                overall: keep_units(
                    self.survey_index(&IndexRequest::plain(By::Overall))?,
                    &units,
                )?,
                elements: keep_units(
                    self.survey_index(&IndexRequest::plain(By::Element))?,
                    &units,
                )?,
                distribution: keep_units(
                    self.survey_distribution(&By::Element, &Scope::all())?,
                    &units,
                )?,
            }),
            None => None,
        };
        step(Step::Procedures);
        let procedures = match stats {
            Some(stats) => {
                let all = self.procedures_with(Some(stats), from_logs)?;
                let procs: Vec<proc::Procedure> = all
                    .list
                    .iter()
                    .filter(|p| units.contains(&p.unit))
                    .cloned()
                    .collect();
                let of_year = proc::select(procs.clone(), Some(year), |_| true, false);
                Some(Procedures {
                    by_unit: proc::rollup(&procs, proc::Level::Unit)?,
                    stats: proc::stats(&procs)?,
                    proposals: proc::simplify(&of_year, &proc::Rules::default()),
                    from_logs: all
                        .from_logs
                        .into_iter()
                        .filter(|(y, u)| *y == year && units.contains(u))
                        .collect(),
                })
            }
            None => None,
        };
        Ok(ReportData {
            year,
            chosen: !request.units.is_empty(),
            units,
            scorecards,
            surveys,
            procedures,
            sources: self.sources(),
        })
    }

    /// The files imported into the store, their years, units (as renamed) and counts.
    pub fn sources(&self) -> Vec<SourceLine> {
        let store = self.store();
        let renames = store.unit_renames();
        store
            .sources()
            .iter()
            .map(|s| {
                let mut years: Vec<i32> = s.parts.iter().map(|p| p.year).collect();
                years.sort_unstable();
                years.dedup();
                let mut units: Vec<String> = Vec::new();
                for p in &s.parts {
                    let u = renames.get(&p.unit).unwrap_or(&p.unit);
                    if !units.contains(u) {
                        units.push(u.clone());
                    }
                }
                SourceLine {
                    file: s.file_name.clone(),
                    kind: serde_json::to_value(s.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    years,
                    units,
                    sha256: s.sha256.clone(),
                    read: s.counts.read,
                    imported: s.counts.imported,
                    structure: s.counts.structure,
                    rejected: s.counts.rejected,
                    warnings: s.warnings,
                }
            })
            .collect()
    }
}
