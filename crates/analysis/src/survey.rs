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

use crate::stats;
pub use crate::tally::AnswerBatches;
use crate::tally::Tally;

/// How answers are grouped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum By {
    /// One group per unit and year.
    Overall,
    /// One group per element (yếu tố).
    Element,
    /// One group per question.
    Question,
    /// Units side by side (the group is the unit).
    Unit,
    /// One group per value of a respondent attribute ("Giới tính").
    Attribute(String),
}

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

/// The `scale` value of a group whose answers are on more than one scale.
pub const MIXED: &str = "mixed";

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
mod tests {
    use super::*;

    /// Unit A: 2022 two respondents × 2 questions; 2023 one respondent. Unit B absent in 2022.
    fn answers() -> LazyFrame {
        df!(
            c::YEAR => [2022, 2022, 2022, 2022, 2022, 2023, 2023, 2023],
            c::UNIT => ["A", "A", "A", "A", "A", "A", "A", "B"],
            c::RESPONDENT => ["r1", "r1", "r2", "r2", "r2", "r3", "r3", "r4"],
            c::QUESTION => ["1.1", "2.1", "1.1", "2.1", "2.2", "1.1", "2.1", "1.1"],
            c::ELEMENT => ["E1", "E2", "E1", "E2", "E2", "E1", "E2", "E1"],
            c::ANSWER => [Some(5), Some(2), Some(4), None, Some(3), Some(4), Some(4), Some(1)],
            c::STATUS => ["valid", "valid", "valid", "invalid", "valid", "valid", "valid", "valid"],
        )
        .expect("frame")
        .lazy()
    }

    fn f(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
        df.column(name)
            .expect(name)
            .f64()
            .expect("f64")
            .iter()
            .collect()
    }

    #[test]
    fn overall_pools_answers_instead_of_averaging_elements() {
        let out = index(&answers(), None, &By::Overall, None).expect("index");
        // A 2022: valid 5,2,4,3 → satisfied 2 of 4 (the invalid answer is not counted).
        assert_eq!(
            out.column(c::VALID_ANSWERS)
                .expect("v")
                .u32()
                .expect("u32")
                .get(0),
            Some(4)
        );
        assert_eq!(f(&out, c::INDEX)[0], Some(0.5));
        // Element means would be E1 = 1.0 and E2 = 0.0, averaging 0.5 by chance; 2023 differs:
        assert_eq!(f(&out, c::INDEX)[1], Some(1.0));
        assert_eq!(f(&out, c::DELTA)[1], Some(0.5));
        assert_eq!(f(&out, c::DELTA)[2], None, "B has no 2022");
        // 2023 has one respondent: no SE, so no test (never a p-value from one person).
        assert_eq!(f(&out, c::P_VALUE)[1], None);
        assert_eq!(f(&out, c::SE)[1], None);
        // 2022, two respondents: r1 (y 1, x 2), r2 (y 1, x 2): residuals 0 → no variance.
        assert_eq!(f(&out, c::SE)[0], None);
        let small: Vec<Option<bool>> = out
            .column(c::SMALL_GROUP)
            .expect("s")
            .bool()
            .expect("b")
            .iter()
            .collect();
        assert!(small.iter().all(|s| *s == Some(true)));
    }

    #[test]
    fn elements_and_attributes_group_answers() {
        let out = index(&answers(), None, &By::Element, None).expect("index");
        let groups: Vec<Option<&str>> = out
            .column(c::GROUP)
            .expect("g")
            .str()
            .expect("s")
            .iter()
            .collect();
        assert_eq!(groups[..2], [Some("E1"), Some("E2")]);
        assert_eq!(f(&out, c::INDEX)[..2], [Some(1.0), Some(0.0)]);
        let attrs = df!(
            c::RESPONDENT => ["r1", "r2", "r3"],
            c::ATTRIBUTE => ["Giới tính", "Giới tính", "Giới tính"],
            c::VALUE => ["Nam", "Nữ", "Nữ"],
        )
        .expect("attrs")
        .lazy();
        let out = index(
            &answers(),
            Some(attrs),
            &By::Attribute("Giới tính".into()),
            None,
        )
        .expect("index");
        assert_eq!(out.height(), 3, "2022 Nam, 2022 Nữ, 2023 Nữ");
        assert_eq!(f(&out, c::INDEX), [Some(0.5), Some(0.5), Some(1.0)]);
    }

    #[test]
    fn the_clustered_se_and_the_change_follow_the_formulas() {
        // Unit A, 2022: r1 (y 2, x 2), r2 (y 0, x 2), r3 (y 1, x 2): R = 3/6.
        // Residuals 1, −1, 0: Σ² = 2; V = 3/2 · 2 / 36 = 1/12.
        // 2023: r4 (y 2, x 2), r5 (y 2, x 2), r6 (y 1, x 2): R = 5/6; residuals 1/3, 1/3, −2/3:
        // Σ² = 2/3; V = 3/2 · (2/3) / 36 = 1/36.
        let frame = df!(
            c::YEAR => [2022, 2022, 2022, 2022, 2022, 2022, 2023, 2023, 2023, 2023, 2023, 2023],
            c::UNIT => ["A"; 12],
            c::RESPONDENT => ["r1", "r1", "r2", "r2", "r3", "r3", "r4", "r4", "r5", "r5", "r6", "r6"],
            c::QUESTION => ["1", "2", "1", "2", "1", "2", "1", "2", "1", "2", "1", "2"],
            c::ELEMENT => ["E"; 12],
            c::ANSWER => [5, 4, 1, 2, 4, 3, 5, 5, 4, 4, 4, 2],
            c::STATUS => ["valid"; 12],
        )
        .expect("frame")
        .lazy();
        let out = index(&frame, None, &By::Overall, None).expect("index");
        let se = f(&out, c::SE);
        assert!((se[0].expect("se") - (1.0_f64 / 12.0).sqrt()).abs() < 1e-12);
        assert!((se[1].expect("se") - (1.0_f64 / 36.0).sqrt()).abs() < 1e-12);
        // deff 2022: (1/12) / (0.25/6) = 2.
        assert!((f(&out, c::DEFF)[0].expect("deff") - 2.0).abs() < 1e-12);
        assert!((f(&out, c::EFFECTIVE_N)[0].expect("n") - 3.0).abs() < 1e-12);
        // The change: 5/6 − 1/2 = 1/3, SE = √(1/12 + 1/36) = √(1/9) = 1/3, z = 1.
        let p = f(&out, c::P_VALUE)[1].expect("p");
        assert!((p - stats::two_sided_p(1.0)).abs() < 1e-12);
        // Weighted: r1 counts twice. R = (2·2 + 0 + 1) / (2·2 + 2 + 2) = 5/8.
        let weights = df!(
            c::RESPONDENT => ["r1", "r2", "r3", "r4", "r5", "r6"],
            c::WEIGHT => [2.0, 1.0, 1.0, 1.0, 1.0, 1.0],
        )
        .expect("w")
        .lazy();
        let weighted = index(
            &df!(
                c::YEAR => [2022, 2022, 2022, 2022, 2022, 2022],
                c::UNIT => ["A"; 6],
                c::RESPONDENT => ["r1", "r1", "r2", "r2", "r3", "r3"],
                c::QUESTION => ["1", "2", "1", "2", "1", "2"],
                c::ELEMENT => ["E"; 6],
                c::ANSWER => [5, 4, 1, 2, 4, 3],
                c::STATUS => ["valid"; 6],
            )
            .expect("frame")
            .lazy(),
            None,
            &By::Overall,
            Some(weights),
        )
        .expect("weighted");
        assert_eq!(f(&weighted, c::INDEX)[0], Some(0.625));
        // Residuals w(y − R x): 2(2 − 1.25) = 1.5; (0 − 1.25) = −1.25; (1 − 1.25) = −0.25.
        // Σ² = 2.25 + 1.5625 + 0.0625 = 3.875; V = 3/2 · 3.875 / 64.
        let want = (1.5 * 3.875 / 64.0_f64).sqrt();
        assert!((f(&weighted, c::SE)[0].expect("se") - want).abs() < 1e-12);
    }

    #[test]
    fn distribution_counts_each_level() {
        let out = distribution(&answers(), None, &By::Overall).expect("dist");
        let row0: Vec<u32> = (1..=5)
            .map(|l| {
                out.column(&format!("level_{l}"))
                    .expect("l")
                    .u32()
                    .expect("u32")
                    .get(0)
                    .unwrap_or(99)
            })
            .collect();
        assert_eq!(row0, [0, 1, 1, 1, 1]);
        assert_eq!(f(&out, "share_5")[0], Some(0.25));
    }

    /// A survey of two years and three units, respondents answering eight questions of three
    /// elements on two scales, some answers invalid or missing, an attribute and weights:
    /// deterministic, big enough for every figure to differ from group to group.
    fn generated() -> (LazyFrame, LazyFrame, LazyFrame) {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let (mut year, mut unit, mut who, mut question, mut element) =
            (vec![], vec![], vec![], vec![], vec![]);
        let (mut answer, mut status, mut scale) = (vec![], vec![], vec![]);
        let (mut r_who, mut r_attr, mut r_value, mut w_who, mut w_weight) =
            (vec![], vec![], vec![], vec![], vec![]);
        for r in 0..600 {
            let (y, u) = (2023 + (r % 2) as i32, ["A", "B", "C"][r % 3]);
            let id = format!("s{}:{r}", r % 4);
            let level = 1 + next(5) as i32;
            for q in 0..8 {
                year.push(y);
                unit.push(u);
                who.push(id.clone());
                question.push(format!("{}.{}", 1 + q / 3, 1 + q % 3));
                element.push(["E1", "E2", "E3"][q / 3]);
                scale.push(if q == 7 && r % 5 == 0 {
                    "agreement"
                } else {
                    "satisfaction"
                });
                let roll = next(20);
                let a = (level + next(3) as i32 - 1).clamp(1, 5);
                answer.push(if roll == 0 { None } else { Some(a) });
                status.push(if roll == 0 { "invalid" } else { "valid" });
            }
            r_who.push(id.clone());
            r_attr.push("Giới tính");
            r_value.push(["Nam", "Nữ"][next(2) as usize]);
            if r % 7 != 0 {
                w_who.push(id);
                w_weight.push(0.5 + next(4) as f64);
            }
        }
        let answers = df!(
            c::YEAR => year, c::UNIT => unit, c::RESPONDENT => who, c::QUESTION => question,
            c::ELEMENT => element, c::SCALE => scale, c::ANSWER => answer, c::STATUS => status,
        )
        .expect("answers");
        let respondents = df!(c::RESPONDENT => r_who, c::ATTRIBUTE => r_attr, c::VALUE => r_value)
            .expect("respondents");
        let weights = df!(c::RESPONDENT => w_who, c::WEIGHT => w_weight).expect("weights");
        (answers.lazy(), respondents.lazy(), weights.lazy())
    }

    /// Two frames equal, floats to a relative 1e-12.
    fn assert_same(a: &DataFrame, b: &DataFrame, what: &str) {
        assert_eq!(a.get_column_names(), b.get_column_names(), "{what}");
        assert_eq!(a.height(), b.height(), "{what}");
        for (x, y) in a.columns().iter().zip(b.columns()) {
            if x.dtype() == &DataType::Float64 {
                for (p, q) in x.f64().expect("f").iter().zip(y.f64().expect("f").iter()) {
                    match (p, q) {
                        (Some(p), Some(q)) => assert!(
                            (p - q).abs() <= 1e-12 * p.abs().max(q.abs()).max(1e-300),
                            "{what} {}: {p} vs {q}",
                            x.name()
                        ),
                        (p, q) => assert_eq!(p, q, "{what} {}", x.name()),
                    }
                }
            } else {
                assert_eq!(x, y, "{what} {}", x.name());
            }
        }
    }

    #[test]
    fn the_one_pass_tally_gives_the_figures_polars_gives() {
        let (answers, respondents, weights) = generated();
        for by in [
            By::Overall,
            By::Element,
            By::Question,
            By::Unit,
            By::Attribute("Giới tính".into()),
        ] {
            for w in [None, Some(weights.clone())] {
                let fast = tallied(&answers, Some(respondents.clone()), &by, w.clone())
                    .expect("tally")
                    .expect("kept together");
                let reference =
                    counts_lazy(answers.clone(), Some(respondents.clone()), &by, w.clone())
                        .expect("polars");
                let sort = |df: DataFrame| {
                    df.lazy()
                        .select([
                            col(c::YEAR),
                            col(c::UNIT),
                            col(c::GROUP),
                            col(c::SCALE),
                            col(c::RESPONDENTS),
                            col(c::VALID_ANSWERS),
                            col(c::SATISFIED),
                            col(ORDER),
                            col("wy"),
                            col("wx"),
                            col("ss"),
                        ])
                        .sort([c::YEAR, c::UNIT, c::GROUP], SortMultipleOptions::default())
                        .collect()
                        .expect("sorted")
                };
                assert_same(
                    &sort(fast),
                    &sort(reference),
                    &format!("{by:?}, weights {}", w.is_some()),
                );
            }
            let fast = distribution(&answers, Some(respondents.clone()), &by).expect("tally");
            let reference =
                distribution_lazy(answers.clone(), Some(respondents.clone()), &by).expect("polars");
            assert_same(&fast, &reference, &format!("distribution {by:?}"));
        }
    }

    /// Answers handed over as the store hands them: in slices of 7 rows (a respondent's answers
    /// cut between two), text coded, each value listed twice and rows taking either copy.
    struct CodedSlices(LazyFrame);

    impl AnswerBatches for CodedSlices {
        fn for_each_batch(
            &self,
            columns: &[&str],
            each: &mut dyn FnMut(i32, &str, cchc_model::Rows) -> PolarsResult<()>,
        ) -> PolarsResult<()> {
            use cchc_model::{Coded, Rows, RowsColumn};
            self.0.for_each_batch(columns, &mut |year, unit, rows| {
                let frame = rows.into_frame()?;
                for start in (0..frame.height()).step_by(7) {
                    let slice = frame.slice(start as i64, 7);
                    let mut out = Vec::new();
                    for column in slice.columns() {
                        let coded = match column.dtype() {
                            DataType::String if column.null_count() == 0 => {
                                let mut values: Vec<String> = Vec::new();
                                let codes = column
                                    .str()?
                                    .iter()
                                    .flatten()
                                    .enumerate()
                                    .map(|(i, v)| {
                                        let at = match values.iter().position(|x| x == v) {
                                            Some(at) => at,
                                            None => {
                                                values.push(v.to_owned());
                                                values.push(v.to_owned());
                                                values.len() - 2
                                            }
                                        };
                                        (at + i % 2) as u32
                                    })
                                    .collect();
                                RowsColumn::Coded(Coded {
                                    name: column.name().clone(),
                                    values,
                                    codes,
                                    runs: Vec::new(),
                                })
                            }
                            _ => RowsColumn::Plain(column.clone()),
                        };
                        out.push(coded);
                    }
                    each(year, unit, Rows::new(out)?)?;
                }
                Ok(())
            })
        }

        fn lazy(&self) -> PolarsResult<LazyFrame> {
            Ok(self.0.clone())
        }
    }

    #[test]
    fn coded_batches_cut_anywhere_give_the_figures_plain_ones_give() {
        let (answers, respondents, weights) = generated();
        let coded = CodedSlices(answers.clone());
        for by in [
            By::Overall,
            By::Element,
            By::Question,
            By::Attribute("Giới tính".into()),
        ] {
            // The tally itself, not the fallback a respondent met twice would take.
            let once = |a: &dyn AnswerBatches, per_respondent: bool| {
                let (people, w) = match per_respondent {
                    true => (Some(respondents.clone()), Some(weights.clone())),
                    false => (None, None),
                };
                tally(a, per_respondent, people, &by, w)
                    .expect("tally")
                    .expect("kept together")
            };
            for per_respondent in [true, false] {
                assert_same(
                    &once(&coded, per_respondent),
                    &once(&answers, per_respondent),
                    &format!("{by:?}, per respondent {per_respondent}"),
                );
            }
        }
    }

    #[test]
    fn attribute_values_are_found_in_any_order() {
        // In the answers' order the next respondent is the next row; reversed, the map by id
        // finds them: the figures are the same either way, and polars'.
        let (answers, respondents, _) = generated();
        let reversed = respondents
            .clone()
            .with_row_index("i", None)
            .sort(
                ["i"],
                SortMultipleOptions::default().with_order_descending(true),
            )
            .drop(cols(["i"]));
        let by = By::Attribute("Giới tính".into());
        let in_order = index(&answers, Some(respondents.clone()), &by, None).expect("in order");
        let shuffled = index(&answers, Some(reversed), &by, None).expect("reversed");
        assert_same(&in_order, &shuffled, "attribute order");
        let reference = counts_lazy(answers.clone(), Some(respondents), &by, None).expect("polars");
        assert_eq!(
            in_order
                .column(c::RESPONDENTS)
                .expect("n")
                .u32()
                .expect("u32")
                .sum(),
            reference
                .column(c::RESPONDENTS)
                .expect("n")
                .u32()
                .expect("u32")
                .sum()
        );
    }

    #[test]
    fn answers_not_kept_together_by_respondent_are_counted_by_polars() {
        let (answers, _, _) = generated();
        // Every respondent's answers scattered: the tally refuses, and the figures are polars'.
        let shuffled = answers
            .clone()
            .sort([c::QUESTION], SortMultipleOptions::default());
        assert!(
            tallied(&shuffled, None, &By::Overall, None)
                .expect("tally")
                .is_none()
        );
        let a = index(&shuffled, None, &By::Element, None).expect("index");
        let b = index(&answers, None, &By::Element, None).expect("index");
        assert_same(&a, &b, "index");
    }
}
