//! What the report is built from: the analyses' result frames and the store's sources.

use cchc_model::Lang;
use polars::prelude::*;

pub use cchc_query::report::{Scorecards, SourceLine, Surveys};

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
