//! What can go wrong in a query, as data: the front ends say it in the analyst's language.

use std::path::PathBuf;

use cchc_store::StoreError;
use polars::prelude::PolarsError;

/// A value the analyst chooses with a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// `--unit`.
    Unit,
    /// `--year`.
    Year,
}

/// Why weights cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum WeightProblem {
    /// `--weight COLUMN`: a respondent's value is not a positive number.
    NotPositive {
        column: String,
        respondent: String,
        text: String,
    },
    /// `--weight COLUMN`: a respondent has no value.
    Missing { column: String, respondent: String },
    /// `--weight-by` is not `unit=FILE.csv`.
    Spec { spec: String },
    /// The weights file cannot be read.
    Read { path: String, detail: String },
    /// A line of the weights file has a weight that is not a positive number.
    LineNotPositive {
        path: String,
        line: usize,
        unit: String,
        text: String,
    },
    /// Units of the answers with no weight in the file.
    UnitsMissing { path: String, units: Vec<String> },
}

/// A query that cannot be answered.
#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    /// The store cannot be read (or holds nothing of the kind asked for).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A computation failed.
    #[error(transparent)]
    Polars(#[from] PolarsError),
    /// A dossier analysis failed (its calendar does not cover a year, …).
    #[error(transparent)]
    Dossiers(#[from] cchc_analysis::dossiers::DossierError),
    /// The calendar asked for cannot be built.
    #[error(transparent)]
    Calendar(#[from] cchc_calendar::CalendarError),
    /// A value asked for is not in the store.
    #[error("{what:?} {asked} is not in the store; there are {available:?}")]
    NotInStore {
        what: Choice,
        asked: String,
        available: Vec<String>,
    },
    /// Several values are possible and none was asked for.
    #[error("choose one {what:?}: {available:?}")]
    ChooseOne {
        what: Choice,
        available: Vec<String>,
    },
    /// The data asked for holds no rows at all.
    #[error("the store holds no data")]
    NoData,
    /// The data asked for holds no year.
    #[error("no year")]
    NoYear,
    /// A survey grouping that is neither fixed nor a respondent attribute.
    #[error("--by {asked}: overall, element, question, unit, {attributes:?}")]
    SurveyBy {
        asked: String,
        attributes: Vec<String>,
    },
    /// A procedure roll-up level that does not exist.
    #[error("--by {asked}: procedure, field, unit, year")]
    ProcedureBy { asked: String },
    /// A share outside 0–1.
    #[error("{flag} {value}: 0–1 (0.2 = 20%)")]
    Share { flag: &'static str, value: f64 },
    /// Weights that cannot be used.
    #[error("weights: {0:?}")]
    Weight(WeightProblem),
    /// A rules file that cannot be read or used.
    #[error("{path}: {problem}")]
    Rules {
        path: PathBuf,
        problem: cchc_analysis::procedures::RulesError,
    },
    /// A file the request names cannot be read.
    #[error("{path}: {detail}")]
    File { path: PathBuf, detail: String },
    /// The working-hours file cannot be used.
    #[error("{path}: {source}")]
    Hours {
        path: PathBuf,
        source: cchc_calendar::CalendarError,
    },
    /// `--verdict` is neither `cchc` nor `office`.
    #[error("--verdict {0}: cchc or office")]
    Verdict(String),
    /// `--as-of` is not a `yyyy-mm-dd` date.
    #[error("--as-of {0}: yyyy-mm-dd")]
    AsOf(String),
    /// No office report of procedure statistics to reconcile a log with.
    #[error("no office report of procedure statistics")]
    NoOfficeReport,
    /// No dossier matches `--year` / `--unit`.
    #[error("no dossier matches --year/--unit")]
    NoDossier,
    /// A unit or province the register cannot name as one unit.
    #[error("{0}")]
    Unit(cchc_units::Unresolved),
    /// A problem of one file's units: the file's name and the problem.
    #[error("{file}: {problem}")]
    InFile {
        file: String,
        problem: Box<QueryError>,
    },
    /// `--period` is not `FROM..TO`.
    #[error("--period {0:?} is not FROM..TO")]
    Period(String),
    /// `--province` names one province and the file's title another.
    #[error("--province {given}, the title {written}")]
    ProvinceConflict { given: String, written: String },
    /// The store is empty: nothing to report.
    #[error("store {0} is empty")]
    EmptyStore(PathBuf),
    /// `--unit` of a report names no unit of the store.
    #[error("--unit {asked}: no such unit; {units:?}")]
    ReportUnit { asked: String, units: Vec<String> },
    /// `--year` of a report has no figures for the units chosen.
    #[error("--year {year}: no figures; {years:?}")]
    ReportYear { year: i32, years: Vec<i32> },
    /// The store holds registries only: no year's figures.
    #[error("the store holds only procedure registries")]
    RegistryOnly,
}
