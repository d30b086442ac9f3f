//! What the report is built from: the analyses' result frames and the store's sources.

use cchc_model::Lang;
use polars::prelude::*;

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
    /// `procedures simplify` for the year, with the proposals and reasons in words.
    pub proposals: DataFrame,
    /// The summary line of each unit's proposal (share of procedures against the target).
    pub summaries: Vec<String>,
    /// The definitions of the rates.
    pub definitions: Vec<String>,
    /// The units and years whose figures cchc computed from a dossier log ("Sở Tư pháp 2025").
    pub from_logs: Vec<String>,
}

/// What the report is made from.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// Language.
    pub lang: Lang,
    /// The year reported on.
    pub year: i32,
    /// The units reported on.
    pub units: Vec<String>,
    /// Whether the units were chosen (else: every unit of the store).
    pub chosen: bool,
    /// Scorecards, when the store holds any.
    pub scorecards: Option<Scorecards>,
    /// Surveys, when the store holds any.
    pub surveys: Option<Surveys>,
    /// Procedures, when the store holds any statistics.
    pub procedures: Option<Procedures>,
    /// Every imported file.
    pub sources: Vec<SourceLine>,
}
