//! Survey analyses (SIPAS style).
//!
//! Definitions: an answer is valid when it is 1–5; `satisfied` counts answers 4 or 5;
//! `index = satisfied / valid_answers`, per question, element, unit, attribute value or overall —
//! overall over all answers, not the mean of the elements. `respondents` counts respondents with at
//! least one valid answer in the group; groups under 30 of them are flagged `small_group`. The 95%
//! interval is Wilson's. `delta` compares with the same unit and group the year before (empty when
//! that year is missing), with the pooled two-proportion z-test's two-sided `p_value` and
//! `significant` at 5%. The test treats answers as independent, as published indexes do; answers of
//! one respondent are correlated, so p-values of element and overall groups are optimistic.

use cchc_model::Scale;
use cchc_model::columns as c;
use polars::prelude::*;

use crate::stats;

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

/// The satisfaction index per year, unit and group, with intervals and year-over-year tests.
///
/// Output columns: year, unit, group, respondents, valid_answers, satisfied, index, ci_low,
/// ci_high, delta, p_value, significant, small_group, scale (the group's answer scale, or
/// [`MIXED`]): "satisfied" counts the answers at level 4 or 5 of whatever scale — agreeing, good.
pub fn index(
    answers: LazyFrame,
    respondents: Option<LazyFrame>,
    by: &By,
) -> PolarsResult<DataFrame> {
    let answers = with_scale(answers)?;
    let counts = grouped(answers, respondents, by)
        .group_by([col(c::YEAR), col(c::UNIT), col(c::GROUP)])
        .agg([
            group_scale(),
            col(c::RESPONDENT)
                .n_unique()
                .cast(DataType::UInt32)
                .alias(c::RESPONDENTS),
            col(c::ANSWER)
                .count()
                .cast(DataType::UInt32)
                .alias(c::VALID_ANSWERS),
            col(c::ANSWER)
                .gt_eq(lit(4))
                .cast(DataType::UInt32)
                .sum()
                .alias(c::SATISFIED),
            col(ORDER).min(),
        ])
        .sort([c::UNIT, c::GROUP, c::YEAR], SortMultipleOptions::default())
        .collect()?;
    let years: Vec<Option<i32>> = counts.column(c::YEAR)?.i32()?.iter().collect();
    let units: Vec<Option<&str>> = counts.column(c::UNIT)?.str()?.iter().collect();
    let groups: Vec<Option<&str>> = counts.column(c::GROUP)?.str()?.iter().collect();
    let resp: Vec<u32> = counts
        .column(c::RESPONDENTS)?
        .u32()?
        .iter()
        .map(|v| v.unwrap_or(0))
        .collect();
    let valid: Vec<u32> = counts
        .column(c::VALID_ANSWERS)?
        .u32()?
        .iter()
        .map(|v| v.unwrap_or(0))
        .collect();
    let sat: Vec<u32> = counts
        .column(c::SATISFIED)?
        .u32()?
        .iter()
        .map(|v| v.unwrap_or(0))
        .collect();
    let n = counts.height();
    let mut idx = Vec::with_capacity(n);
    let (mut lo, mut hi) = (Vec::with_capacity(n), Vec::with_capacity(n));
    let (mut delta, mut p_value, mut significant) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for i in 0..n {
        let (x, m) = (f64::from(sat[i]), f64::from(valid[i]));
        idx.push((m > 0.0).then(|| x / m));
        let interval = stats::wilson(x, m);
        lo.push(interval.map(|w| w.0));
        hi.push(interval.map(|w| w.1));
        // The row of the same unit and group the year before, if any (rows are sorted by year).
        let prev = (0..n).find(|&j| {
            units[j] == units[i]
                && groups[j] == groups[i]
                && years[j].zip(years[i]).is_some_and(|(a, b)| a + 1 == b)
        });
        match prev {
            Some(j) if valid[j] > 0 && m > 0.0 => {
                let (x0, m0) = (f64::from(sat[j]), f64::from(valid[j]));
                delta.push(Some(x / m - x0 / m0));
                let p = stats::two_proportion_p(x0, m0, x, m);
                p_value.push(p);
                significant.push(p.map(|p| p < 0.05));
            }
            _ => {
                delta.push(None);
                p_value.push(None);
                significant.push(None);
            }
        }
    }
    let small: Vec<bool> = resp.iter().map(|r| *r < SMALL_GROUP).collect();
    let mut out = counts;
    out.with_column(Column::new(c::INDEX.into(), idx))?;
    out.with_column(Column::new(c::CI_LOW.into(), lo))?;
    out.with_column(Column::new(c::CI_HIGH.into(), hi))?;
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
        let out = index(answers(), None, &By::Overall).expect("index");
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
        let p = f(&out, c::P_VALUE)[1].expect("p");
        let expected = stats::two_proportion_p(2.0, 4.0, 2.0, 2.0).expect("p");
        assert!((p - expected).abs() < 1e-12);
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
        let out = index(answers(), None, &By::Element).expect("index");
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
        let out = index(answers(), Some(attrs), &By::Attribute("Giới tính".into())).expect("index");
        assert_eq!(out.height(), 3, "2022 Nam, 2022 Nữ, 2023 Nữ");
        assert_eq!(f(&out, c::INDEX), [Some(0.5), Some(0.5), Some(1.0)]);
    }

    #[test]
    fn distribution_counts_each_level() {
        let out = distribution(answers(), None, &By::Overall).expect("dist");
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
}
