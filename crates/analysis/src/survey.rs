//! Survey analyses (SIPAS style).
//!
//! Definitions: an answer is valid when it is 1–5; `satisfied` counts answers 4 or 5;
//! `index = satisfied / valid_answers`, per question, element, unit, attribute value or overall —
//! overall over all answers, not the mean of the elements. `respondents` counts respondents with at
//! least one valid answer in the group; groups under 30 of them are flagged `small_group`.
//! Respondents are the clusters of the precision: `se`, the logit-scale 95% interval, `deff` and
//! `effective_n` come from the linearised variance of the ratio over respondents (see
//! [`crate::stats`]). `delta` compares with the same unit and group the year before (empty when
//! that year is missing), tested as the difference of two independent clustered estimates
//! (`p_value`; `p_adjusted` for the number of groups tested, by [`with_adjusted`]).

use cchc_model::Scale;
use cchc_model::columns as c;
use polars::prelude::*;

pub use crate::group::{By, MIXED};
use crate::stats;
pub use crate::tally::AnswerBatches;
use crate::tally::Tally;

/// Fewer respondents than this make a group's index unreliable.
pub const SMALL_GROUP: u32 = 30;

/// Sort key of a group: elements and questions follow the question codes (element 1 first, as
/// the questionnaire numbers them); other groups sort by name.
const ORDER: &str = "group_order";

fn grouped(answers: LazyFrame, respondents: Option<LazyFrame>, by: &By) -> LazyFrame {
    let order = match by {
        By::Element | By::Question => col(c::QUESTION),
        _ => col(c::GROUP),
    };
    grouped_unordered(answers, respondents, by).with_column(order.alias(ORDER))
}

fn grouped_unordered(answers: LazyFrame, respondents: Option<LazyFrame>, by: &By) -> LazyFrame {
    let valid = answers.filter(col(c::STATUS).eq(lit("valid")));
    match by {
        By::Overall => valid.with_column(lit("overall").alias(c::GROUP)),
        By::Element => valid.with_column(col(c::ELEMENT).alias(c::GROUP)),
        By::Question => valid.with_column(col(c::QUESTION).alias(c::GROUP)),
        By::Unit => valid.with_column(col(c::UNIT).alias(c::GROUP)),
        By::Attribute(name) => {
            let values = respondents
                .unwrap_or_else(|| {
                    DataFrame::empty_with_schema(&cchc_model::schema::survey_respondents()).lazy()
                })
                .filter(col(c::ATTRIBUTE).eq(lit(name.as_str())))
                .select([col(c::RESPONDENT), col(c::VALUE).alias(c::GROUP)]);
            valid.join(
                values,
                [col(c::RESPONDENT)],
                [col(c::RESPONDENT)],
                JoinArgs::new(JoinType::Inner),
            )
        }
    }
}

/// The index per year, unit and group, with its clustered precision and year-over-year tests
/// (see [`stats`]). `weights`, when given, holds one `weight` per `respondent`: the index is then
/// the weighted ratio.
///
/// Output columns: year, unit, group, respondents, valid_answers, satisfied, index, se, ci_low,
/// ci_high, deff, effective_n, delta, p_value, significant, small_group, scale (the group's
/// answer scale, or [`MIXED`]): "satisfied" counts the answers at level 4 or 5 of whatever scale
/// — agreeing, good. `significant` is p_value < 0.05 here; [`with_adjusted`] adjusts it for the
/// number of groups tested.
pub fn index(
    answers: &dyn AnswerBatches,
    respondents: Option<LazyFrame>,
    by: &By,
    weights: Option<LazyFrame>,
) -> PolarsResult<DataFrame> {
    let counts = match tallied(answers, respondents.clone(), by, weights.clone())? {
        Some(counts) => counts,
        None => counts_lazy(answers.lazy()?, respondents, by, weights)?,
    };
    let counts = counts
        .select([
            c::YEAR,
            c::UNIT,
            c::GROUP,
            c::SCALE,
            c::RESPONDENTS,
            c::VALID_ANSWERS,
            c::SATISFIED,
            ORDER,
            "wy",
            "wx",
            "ss",
        ])?
        .lazy()
        .sort([c::UNIT, c::GROUP, c::YEAR], SortMultipleOptions::default())
        .collect()?;
    with_precision(counts)
}

/// Each respondent's weight, by respondent, for the tally.
type ByRespondent<T> = Option<crate::tally::Map<String, T>>;

/// Each respondent's value of the attribute grouped by (respondent, value), for the tally.
fn attribute_values(respondents: Option<LazyFrame>, by: &By) -> PolarsResult<Option<DataFrame>> {
    let By::Attribute(name) = by else {
        return Ok(None);
    };
    let respondents = respondents.unwrap_or_else(|| {
        DataFrame::empty_with_schema(&cchc_model::schema::survey_respondents()).lazy()
    });
    respondents
        .filter(col(c::ATTRIBUTE).eq(lit(name.as_str())))
        .select([col(c::RESPONDENT), col(c::VALUE)])
        .collect()
        .map(Some)
}

fn weight_values(weights: Option<LazyFrame>) -> PolarsResult<ByRespondent<f64>> {
    let Some(weights) = weights else {
        return Ok(None);
    };
    let w = weights
        .select([col(c::RESPONDENT), col(c::WEIGHT).cast(DataType::Float64)])
        .collect()?;
    let (who, weight) = (w.column(c::RESPONDENT)?.str()?, w.column(c::WEIGHT)?.f64()?);
    Ok(Some(
        who.iter()
            .zip(weight.iter())
            .filter_map(|(r, w)| Some((r?.to_owned(), w?)))
            .collect(),
    ))
}

/// The figures of every group in one pass over the answers ([`crate::tally`]), or `None` when the
/// answers are not kept together by respondent.
fn tallied(
    answers: &dyn AnswerBatches,
    respondents: Option<LazyFrame>,
    by: &By,
    weights: Option<LazyFrame>,
) -> PolarsResult<Option<DataFrame>> {
    tally(answers, true, respondents, by, weights)
}

/// [`tallied`], telling respondents apart or not (counting levels needs only answers).
fn tally(
    answers: &dyn AnswerBatches,
    per_respondent: bool,
    respondents: Option<LazyFrame>,
    by: &By,
    weights: Option<LazyFrame>,
) -> PolarsResult<Option<DataFrame>> {
    let mut tally = Tally::new(
        by,
        per_respondent,
        attribute_values(respondents, by)?,
        weight_values(weights)?,
    )?;
    let columns = tally.columns(by);
    let mut apart = false;
    answers.for_each_batch(&columns, &mut |year, unit, batch| {
        if !apart && tally.add(year, unit, &batch)?.is_err() {
            apart = true;
        }
        Ok(())
    })?;
    if apart {
        return Ok(None);
    }
    tally.finish(ORDER).map(Some)
}

/// The same figures computed by polars over the whole scan: for answers not kept together by
/// respondent (and the reference the tally is tested against).
fn counts_lazy(
    answers: LazyFrame,
    respondents: Option<LazyFrame>,
    by: &By,
    weights: Option<LazyFrame>,
) -> PolarsResult<DataFrame> {
    let answers = with_scale(answers)?;
    let keys = [col(c::YEAR), col(c::UNIT), col(c::GROUP)];
    let valid = grouped(answers, respondents, by);
    // One pass over the answers: per respondent and group, y (answers at 4–5), x (valid
    // answers), the respondent's scales; every group figure follows from these rows.
    let scale = col(c::SCALE).fill_null(lit(Scale::Satisfaction.as_str()));
    let per_respondent = valid
        .group_by([
            col(c::YEAR),
            col(c::UNIT),
            col(c::GROUP),
            col(c::RESPONDENT),
        ])
        .agg([
            col(c::ANSWER)
                .gt_eq(lit(4))
                .cast(DataType::Float64)
                .sum()
                .alias("y"),
            col(c::ANSWER).count().cast(DataType::Float64).alias("x"),
            col(ORDER).min(),
            scale.clone().first().alias("scale_first"),
            scale.n_unique().alias("scale_n"),
        ])
        .cache();
    let counts = per_respondent.clone().group_by(keys.clone()).agg([
        // One scale per group, or "mixed".
        when(
            col("scale_n")
                .max()
                .eq(lit(1u32))
                .and(col("scale_first").n_unique().eq(lit(1u32))),
        )
        .then(col("scale_first").first())
        .otherwise(lit(MIXED))
        .alias(c::SCALE),
        len().cast(DataType::UInt32).alias(c::RESPONDENTS),
        col("x")
            .sum()
            .cast(DataType::UInt32)
            .alias(c::VALID_ANSWERS),
        col("y").sum().cast(DataType::UInt32).alias(c::SATISFIED),
        col(ORDER).min(),
    ]);
    let per_respondent = per_respondent.select([
        col(c::YEAR),
        col(c::UNIT),
        col(c::GROUP),
        col(c::RESPONDENT),
        col("y"),
        col("x"),
    ]);
    let per_respondent = match weights {
        Some(w) => per_respondent.join(
            w.select([col(c::RESPONDENT), col(c::WEIGHT).cast(DataType::Float64)]),
            [col(c::RESPONDENT)],
            [col(c::RESPONDENT)],
            JoinArgs::new(JoinType::Left),
        ),
        None => per_respondent.with_column(lit(1.0).alias(c::WEIGHT)),
    };
    let ratio = per_respondent
        .clone()
        .group_by(keys.clone())
        .agg([
            (col(c::WEIGHT) * col("y")).sum().alias("wy"),
            (col(c::WEIGHT) * col("x")).sum().alias("wx"),
        ])
        .with_column((col("wy") / col("wx")).alias("r"));
    let residuals = per_respondent
        .join(
            ratio.clone(),
            keys.clone(),
            keys.clone(),
            JoinArgs::new(JoinType::Inner),
        )
        .group_by(keys.clone())
        .agg([(col(c::WEIGHT) * (col("y") - col("r") * col("x")))
            .pow(2)
            .sum()
            .alias("ss")]);
    counts
        .join(
            ratio,
            keys.clone(),
            keys.clone(),
            JoinArgs::new(JoinType::Left),
        )
        .join(residuals, keys.clone(), keys, JoinArgs::new(JoinType::Left))
        .collect()
}

/// The index, its precision and the change against the year before, from the figures of every
/// group (sorted by unit, group and year).
fn with_precision(counts: DataFrame) -> PolarsResult<DataFrame> {
    let years: Vec<Option<i32>> = counts.column(c::YEAR)?.i32()?.iter().collect();
    let units: Vec<Option<&str>> = counts.column(c::UNIT)?.str()?.iter().collect();
    let groups: Vec<Option<&str>> = counts.column(c::GROUP)?.str()?.iter().collect();
    let u32s = |name: &str| -> PolarsResult<Vec<u32>> {
        Ok(counts
            .column(name)?
            .u32()?
            .iter()
            .map(|v| v.unwrap_or(0))
            .collect())
    };
    let f64s = |name: &str| -> PolarsResult<Vec<f64>> {
        Ok(counts
            .column(name)?
            .f64()?
            .iter()
            .map(|v| v.unwrap_or(0.0))
            .collect())
    };
    let (resp, valid) = (u32s(c::RESPONDENTS)?, u32s(c::VALID_ANSWERS)?);
    let (wy, wx, ss) = (f64s("wy")?, f64s("wx")?, f64s("ss")?);
    let n = counts.height();
    let estimates: Vec<stats::Clustered> = (0..n)
        .map(|i| {
            stats::RatioTotals {
                weighted_y: wy[i],
                weighted_x: wx[i],
                respondents: resp[i],
                squared_residuals: ss[i],
            }
            .estimate(f64::from(valid[i]))
        })
        .collect();
    let (mut delta, mut p_value) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for i in 0..n {
        // The row of the same unit and group the year before, if any (rows are sorted by year).
        let prev = (0..n).find(|&j| {
            units[j] == units[i]
                && groups[j] == groups[i]
                && years[j].zip(years[i]).is_some_and(|(a, b)| a + 1 == b)
        });
        match (
            prev.and_then(|j| estimates[j].index.map(|r| (j, r))),
            estimates[i].index,
        ) {
            (Some((j, before)), Some(after)) => {
                let (d, _, p) = stats::change((before, estimates[j].se), (after, estimates[i].se));
                delta.push(Some(d));
                p_value.push(p);
            }
            _ => {
                delta.push(None);
                p_value.push(None);
            }
        }
    }
    let pick = |f: fn(&stats::Clustered) -> Option<f64>| -> Vec<Option<f64>> {
        estimates.iter().map(f).collect()
    };
    let significant: Vec<Option<bool>> = p_value.iter().map(|p| p.map(|p| p < 0.05)).collect();
    let small: Vec<bool> = resp.iter().map(|r| *r < SMALL_GROUP).collect();
    let mut out = counts.drop_many(["wy", "wx", "ss"]);
    out.with_column(Column::new(c::INDEX.into(), pick(|e| e.index)))?;
    out.with_column(Column::new(c::SE.into(), pick(|e| e.se)))?;
    out.with_column(Column::new(c::CI_LOW.into(), pick(|e| e.ci.map(|c| c.0))))?;
    out.with_column(Column::new(c::CI_HIGH.into(), pick(|e| e.ci.map(|c| c.1))))?;
    out.with_column(Column::new(c::DEFF.into(), pick(|e| e.deff)))?;
    out.with_column(Column::new(c::EFFECTIVE_N.into(), pick(|e| e.effective_n)))?;
    out.with_column(Column::new(c::DELTA.into(), delta))?;
    out.with_column(Column::new(c::P_VALUE.into(), p_value))?;
    out.with_column(Column::new(c::SIGNIFICANT.into(), significant))?;
    out.with_column(Column::new(c::SMALL_GROUP.into(), small))?;
    // The scale goes last: the columns before it keep their places.
    let scale = out.drop_in_place(c::SCALE)?;
    out.with_column(scale)?;
    out.lazy()
        .sort([c::YEAR, c::UNIT, ORDER], SortMultipleOptions::default())
        .drop(cols([ORDER]))
        .collect()
}

/// Adds `p_adjusted` after `p_value` — the p-values adjusted for the number of groups the
/// table tests — and bases `significant` on it.
pub fn with_adjusted(index: DataFrame, method: stats::Adjust) -> PolarsResult<DataFrame> {
    let p: Vec<Option<f64>> = index.column(c::P_VALUE)?.f64()?.iter().collect();
    let adjusted = stats::adjust(&p, method);
    let significant: Vec<Option<bool>> = adjusted.iter().map(|p| p.map(|p| p < 0.05)).collect();
    let mut out = index;
    out.with_column(Column::new(c::SIGNIFICANT.into(), significant))?;
    let names: Vec<PlSmallStr> = out.get_column_names().into_iter().cloned().collect();
    out.with_column(Column::new(c::P_ADJUSTED.into(), adjusted))?;
    let mut order: Vec<PlSmallStr> = Vec::with_capacity(names.len() + 1);
    for name in names {
        let after = name == c::P_VALUE;
        order.push(name);
        if after {
            order.push(c::P_ADJUSTED.into());
        }
    }
    out.select(order)
}

/// A group's answer scale, or [`MIXED`] (answers stored before scales were are satisfaction).
fn group_scale() -> Expr {
    let scale = col(c::SCALE).fill_null(lit(Scale::Satisfaction.as_str()));
    when(scale.clone().n_unique().eq(lit(1u32)))
        .then(scale.clone().first())
        .otherwise(lit(MIXED))
        .alias(c::SCALE)
}

/// Answers with a `scale` column (null when the store predates scales).
fn with_scale(mut answers: LazyFrame) -> PolarsResult<LazyFrame> {
    if answers.collect_schema()?.contains(c::SCALE) {
        Ok(answers)
    } else {
        Ok(answers.with_column(lit(NULL).cast(DataType::String).alias(c::SCALE)))
    }
}

/// How answers spread over the five levels, per year, unit and group.
///
/// Output columns: year, unit, group, valid_answers, scale, level_1 … level_5 (counts),
/// share_1 … share_5 (fractions of valid answers).
pub fn distribution(
    answers: &dyn AnswerBatches,
    respondents: Option<LazyFrame>,
    by: &By,
) -> PolarsResult<DataFrame> {
    let Some(counts) = tally(answers, false, respondents.clone(), by, None)? else {
        return distribution_lazy(answers.lazy()?, respondents, by);
    };
    let mut shares = Vec::new();
    for (level, share) in c::LEVELS.into_iter().zip(c::SHARES) {
        shares.push(
            (col(level).cast(DataType::Float64) / col(c::VALID_ANSWERS).cast(DataType::Float64))
                .alias(share),
        );
    }
    let mut columns = vec![
        col(c::YEAR),
        col(c::UNIT),
        col(c::GROUP),
        col(c::VALID_ANSWERS),
        col(c::SCALE),
    ];
    columns.extend(c::LEVELS.iter().map(|l| col(*l)));
    columns.push(col(ORDER));
    counts
        .lazy()
        .select(columns)
        .with_columns(shares)
        .sort([c::YEAR, c::UNIT, ORDER], SortMultipleOptions::default())
        .drop(cols([ORDER]))
        .collect()
}

/// [`distribution`] by polars over the whole scan, for answers not kept together by respondent.
fn distribution_lazy(
    answers: LazyFrame,
    respondents: Option<LazyFrame>,
    by: &By,
) -> PolarsResult<DataFrame> {
    let answers = with_scale(answers)?;
    let mut aggs = vec![
        col(c::ANSWER)
            .count()
            .cast(DataType::UInt32)
            .alias(c::VALID_ANSWERS),
        col(ORDER).min(),
        group_scale(),
    ];
    for (level, name) in (1..=5).zip(c::LEVELS) {
        aggs.push(
            col(c::ANSWER)
                .eq(lit(level))
                .cast(DataType::UInt32)
                .sum()
                .alias(name),
        );
    }
    let mut shares = Vec::new();
    for (level, share) in c::LEVELS.into_iter().zip(c::SHARES) {
        shares.push(
            (col(level).cast(DataType::Float64) / col(c::VALID_ANSWERS).cast(DataType::Float64))
                .alias(share),
        );
    }
    grouped(answers, respondents, by)
        .group_by([col(c::YEAR), col(c::UNIT), col(c::GROUP)])
        .agg(aggs)
        .with_columns(shares)
        .sort([c::YEAR, c::UNIT, ORDER], SortMultipleOptions::default())
        .drop(cols([ORDER]))
        .collect()
}

#[cfg(test)]
mod tests;
