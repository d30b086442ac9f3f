//! Satisfaction surveys: the index with its precision and change, the distribution of the levels,
//! grouped overall, by element, question, unit or a respondent attribute, and optionally weighted.

use std::collections::HashMap;
use std::path::PathBuf;

use cchc_analysis::stats::Adjust;
pub use cchc_analysis::survey::By;
use cchc_analysis::survey::{self, AnswerBatches};
use cchc_model::columns as c;
use cchc_model::text::{fold, slug};
use cchc_model::{Rows, TableKind, tables};
use cchc_store::Store;
use polars::prelude::*;

use crate::{Query, QueryError, Result, Scope, WeightProblem};

/// How respondents are weighted.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Weights {
    /// Every respondent counts once.
    #[default]
    None,
    /// By a numeric respondent attribute (`--weight COLUMN`).
    Attribute(String),
    /// By their unit's weight in a CSV with the columns `unit,weight` (`--weight-by unit=FILE`).
    ByUnit(String),
}

/// A request for the index.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexRequest {
    /// The grouping.
    pub by: By,
    /// The year and unit shown (changes still compare with the year before).
    pub scope: Scope,
    /// The weights.
    pub weights: Weights,
    /// How p-values are adjusted when several groups are tested (none for [`By::Overall`]).
    pub adjust: Adjust,
}

impl IndexRequest {
    /// Unweighted, every year and unit, Holm-adjusted when several groups are tested.
    pub fn plain(by: By) -> IndexRequest {
        IndexRequest {
            by,
            scope: Scope::all(),
            weights: Weights::None,
            adjust: Adjust::Holm,
        }
    }

    /// The adjustment the index applies: none when only one group is tested.
    pub fn adjustment(&self) -> Adjust {
        if self.by == By::Overall {
            Adjust::None
        } else {
            self.adjust
        }
    }
}

/// The stored answers: read part by part, one row group at a time, for the one-pass tally of
/// the survey analyses, or as one scan.
pub struct StoredAnswers<'a> {
    store: &'a Store,
    scan: LazyFrame,
    /// Units read as their successors' (the latest map), if any.
    relabel: Option<crate::map::Relabel>,
}

impl AnswerBatches for StoredAnswers<'_> {
    fn for_each_batch(
        &self,
        columns: &[&str],
        each: &mut dyn FnMut(i32, &str, Rows) -> PolarsResult<()>,
    ) -> PolarsResult<()> {
        let mut mapped = |year: i32, unit: &str, rows: Rows| {
            let unit = self
                .relabel
                .as_ref()
                .and_then(|r| r.renamed(unit))
                .unwrap_or(unit);
            each(year, unit, rows)
        };
        self.store
            .for_each_batch(TableKind::Survey.table_name(), columns, &mut mapped)
            .map_err(|e| polars_err!(ComputeError: "{e}"))
    }

    fn lazy(&self) -> PolarsResult<LazyFrame> {
        Ok(self.scan.clone())
    }
}

impl<'s> Query<'s> {
    /// The stored answers and respondents, or [`cchc_store::StoreError::NothingImported`].
    pub fn survey_tables(&self) -> Result<(StoredAnswers<'s>, Option<LazyFrame>)> {
        let scan = self.scan_imported(TableKind::Survey)?;
        let relabel = (self.map() == crate::UnitMap::Latest)
            .then(|| self.relabel(TableKind::Survey.table_name()))
            .filter(|r| !r.is_empty());
        Ok((
            StoredAnswers {
                store: self.store(),
                scan,
                relabel,
            },
            self.scan_table(tables::SURVEY_RESPONDENTS)?,
        ))
    }

    /// Reads a grouping as the analyst writes it: a fixed one, in English or Vietnamese, or the
    /// name of a respondent attribute matched without accents or case.
    pub fn survey_by(&self, by: &str) -> Result<By> {
        let key = fold(by);
        Ok(match key.as_str() {
            "overall" | "tong the" => By::Overall,
            "element" | "yeu to" => By::Element,
            "question" | "cau hoi" => By::Question,
            "unit" | "don vi" => By::Unit,
            _ => {
                let names = match self.scan_table(tables::SURVEY_RESPONDENTS)? {
                    Some(lf) => crate::scope::distinct_strings(
                        &lf.select([col(c::ATTRIBUTE)]).collect()?,
                        c::ATTRIBUTE,
                    )?,
                    None => Vec::new(),
                };
                match names.iter().find(|n| fold(n) == key || slug(n) == slug(by)) {
                    Some(name) => By::Attribute(name.clone()),
                    None => {
                        return Err(QueryError::SurveyBy {
                            asked: by.to_owned(),
                            attributes: names,
                        });
                    }
                }
            }
        })
    }

    /// The index table, the scope applied after the computation, its p-values adjusted for the
    /// groups it tests.
    pub fn survey_index(&self, request: &IndexRequest) -> Result<DataFrame> {
        let (answers, respondents) = self.survey_tables()?;
        let weights = match &request.weights {
            Weights::None => None,
            Weights::Attribute(column) => Some(attribute_weights(
                respondents.clone(),
                answers.scan.clone(),
                column,
            )?),
            Weights::ByUnit(spec) => Some(unit_weights(answers.scan.clone(), spec)?),
        };
        let out = survey::index(&answers, respondents, &request.by, weights)?;
        let scope = self.scope_on_map(&request.scope, &[TableKind::Survey.table_name()]);
        let shown = scope.apply(out.lazy())?.collect()?;
        let shown = survey::with_adjusted(shown, request.adjustment())?;
        let shown = self.with_province(shown, &[TableKind::Survey.table_name()])?;
        self.with_combined_from(shown, &[TableKind::Survey.table_name()])
    }

    /// The distribution of the levels, counted in one pass over every answer, then the scope
    /// kept.
    pub fn survey_distribution(&self, by: &By, scope: &Scope) -> Result<DataFrame> {
        let (answers, respondents) = self.survey_tables()?;
        let all = survey::distribution(&answers, respondents, by)?;
        let scope = self.scope_on_map(scope, &[TableKind::Survey.table_name()]);
        let shown = scope.apply(all.lazy())?.collect()?;
        self.with_province(shown, &[TableKind::Survey.table_name()])
    }
}

/// A weight as written ("1,5" or "1.5"), when it is a positive number.
fn positive_weight(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|w| *w > 0.0 && w.is_finite())
}

/// A respondent's weight from a numeric attribute: every respondent needs a positive number.
fn attribute_weights(
    respondents: Option<LazyFrame>,
    answers: LazyFrame,
    column: &str,
) -> Result<LazyFrame> {
    let key = fold(column);
    let values = match respondents {
        Some(lf) => lf
            .select([col(c::RESPONDENT), col(c::ATTRIBUTE), col(c::VALUE)])
            .collect()?,
        None => DataFrame::empty_with_schema(&cchc_model::schema::survey_respondents()),
    };
    let mut weights: HashMap<String, f64> = HashMap::new();
    let (ids, attrs, vals) = (
        values.column(c::RESPONDENT)?.str()?,
        values.column(c::ATTRIBUTE)?.str()?,
        values.column(c::VALUE)?.str()?,
    );
    for i in 0..values.height() {
        let (Some(id), Some(attr)) = (ids.get(i), attrs.get(i)) else {
            continue;
        };
        if fold(attr) != key {
            continue;
        }
        let text = vals.get(i).unwrap_or("");
        match positive_weight(text) {
            Some(w) => {
                weights.insert(id.to_owned(), w);
            }
            None => {
                return Err(QueryError::Weight(WeightProblem::NotPositive {
                    column: column.to_owned(),
                    respondent: id.to_owned(),
                    text: text.to_owned(),
                }));
            }
        }
    }
    let all = answers
        .select([col(c::RESPONDENT)])
        .unique(None, UniqueKeepStrategy::First)
        .collect()?;
    let mut ids_out = Vec::new();
    let mut w_out = Vec::new();
    for id in all.column(c::RESPONDENT)?.str()?.iter().flatten() {
        match weights.get(id) {
            Some(w) => {
                ids_out.push(id.to_owned());
                w_out.push(*w);
            }
            None => {
                return Err(QueryError::Weight(WeightProblem::Missing {
                    column: column.to_owned(),
                    respondent: id.to_owned(),
                }));
            }
        }
    }
    Ok(df!(c::RESPONDENT => ids_out, c::WEIGHT => w_out)?.lazy())
}

/// Each respondent's weight from their unit's weight in a CSV (`unit,weight`), units matched as
/// `--unit` matches.
fn unit_weights(answers: LazyFrame, spec: &str) -> Result<LazyFrame> {
    let Some(path) = spec.strip_prefix("unit=") else {
        return Err(QueryError::Weight(WeightProblem::Spec {
            spec: spec.to_owned(),
        }));
    };
    let text = std::fs::read_to_string(PathBuf::from(path)).map_err(|e| {
        QueryError::Weight(WeightProblem::Read {
            path: path.to_owned(),
            detail: e.to_string(),
        })
    })?;
    let mut table: Vec<(String, f64)> = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() {
            continue;
        }
        let (unit, weight) = line.rsplit_once(',').unwrap_or((line, ""));
        let unit = unit.trim().trim_matches('"').to_owned();
        match positive_weight(weight) {
            Some(w) => table.push((unit, w)),
            None => {
                return Err(QueryError::Weight(WeightProblem::LineNotPositive {
                    path: path.to_owned(),
                    line: n + 1,
                    unit,
                    text: weight.trim().to_owned(),
                }));
            }
        }
    }
    let pairs = answers
        .select([col(c::RESPONDENT), col(c::UNIT)])
        .unique(None, UniqueKeepStrategy::First)
        .collect()?;
    let (mut ids, mut ws) = (Vec::new(), Vec::new());
    let mut missing: Vec<String> = Vec::new();
    let (rs, us) = (
        pairs.column(c::RESPONDENT)?.str()?,
        pairs.column(c::UNIT)?.str()?,
    );
    for i in 0..pairs.height() {
        let (Some(r), Some(u)) = (rs.get(i), us.get(i)) else {
            continue;
        };
        match table.iter().find(|(name, _)| crate::unit_matches(name, u)) {
            Some((_, w)) => {
                ids.push(r.to_owned());
                ws.push(*w);
            }
            None if !missing.iter().any(|m| m == u) => missing.push(u.to_owned()),
            None => {}
        }
    }
    if !missing.is_empty() {
        return Err(QueryError::Weight(WeightProblem::UnitsMissing {
            path: path.to_owned(),
            units: missing,
        }));
    }
    Ok(df!(c::RESPONDENT => ids, c::WEIGHT => ws)?.lazy())
}
