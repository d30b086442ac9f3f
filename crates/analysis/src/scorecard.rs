//! Scorecard analyses. Only leaves are summed: parents' subtotals are never added in, so nothing is
//! counted twice.
//!
//! Definitions: `attainment = score / max_score`; `points_lost = max_score − score`;
//! `share_of_loss = points_lost / Σ points_lost` within a unit and year; `cumulative_share` runs in
//! rank order (Pareto); `rank` orders by points lost, largest first, ties in table order. Trends:
//! `delta` and `pct_change` compare with the year before, and are empty (never zero) when that year
//! is missing; `rank` orders units by attainment within a year; `rank_change` is last year's rank
//! minus this year's (positive: moved up).

use cchc_model::columns as c;
use polars::prelude::*;

/// The level at which points lost are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Level {
    /// Items without children (tiêu chí thành phần, or the criteria of a flat list).
    #[default]
    Leaf,
    /// Top-level fields (lĩnh vực), summed from their leaves.
    Field,
}

/// Removes float representation noise from sums and differences of points (4.890000000000001 →
/// 4.89): nine decimals are far finer than any score a table states.
fn points(e: Expr) -> Expr {
    e.round(9, RoundMode::HalfToEven)
}

/// The sum of the maxima, null when one is unknown (a published index without maxima): a
/// missing maximum is never counted as zero.
fn max_sum() -> Expr {
    when(col(c::MAX_SCORE).null_count().gt(lit(0)))
        .then(lit(NULL).cast(DataType::Float64))
        .otherwise(points(col(c::MAX_SCORE).sum()))
}

fn group_keys() -> [Expr; 2] {
    [col(c::YEAR), col(c::UNIT)]
}

fn ratio(num: Expr, den: Expr) -> Expr {
    when(den.clone().gt(lit(0.0)))
        .then(num / den)
        .otherwise(lit(NULL).cast(DataType::Float64))
}

/// Leaves summed to their top-level field, named after the field's own row.
///
/// Output: year, unit, code, criterion, max_score, score, self_score, row (of the field's first leaf).
pub fn field_totals(scorecard: LazyFrame) -> LazyFrame {
    let names = scorecard.clone().filter(col(c::LEVEL).eq(lit(1))).select([
        col(c::YEAR),
        col(c::UNIT),
        col(c::CODE),
        col(c::CRITERION).alias("field_name"),
    ]);
    scorecard
        .filter(col(c::IS_LEAF))
        .group_by_stable([col(c::YEAR), col(c::UNIT), col(c::FIELD_CODE)])
        .agg([
            max_sum().alias(c::MAX_SCORE),
            points(col(c::SCORE).sum()),
            points(col(c::SELF_SCORE).sum()),
            col(c::ROW).min(),
            col(c::CRITERION).first().alias("leaf_name"),
            col(c::CODE).count().alias("leaves"),
        ])
        .join(
            names,
            [col(c::YEAR), col(c::UNIT), col(c::FIELD_CODE)],
            [col(c::YEAR), col(c::UNIT), col(c::CODE)],
            JoinArgs::new(JoinType::Left),
        )
        .select([
            col(c::YEAR),
            col(c::UNIT),
            col(c::FIELD_CODE).alias(c::CODE),
            coalesce(&[col("field_name"), col("leaf_name")]).alias(c::CRITERION),
            col(c::MAX_SCORE),
            col(c::SCORE),
            col(c::SELF_SCORE),
            col(c::ROW),
        ])
}

/// Where points were lost, ranked per unit and year (a Pareto table).
///
/// Output columns: year, unit, code, criterion, max_score, score, attainment, points_lost,
/// share_of_loss, cumulative_share, rank, self_score, self_minus_appraised.
pub fn gaps(scorecard: LazyFrame, level: Level) -> PolarsResult<LazyFrame> {
    let items = match level {
        Level::Leaf => scorecard.filter(col(c::IS_LEAF)),
        Level::Field => field_totals(scorecard),
    };
    let by = group_keys();
    Ok(items
        .with_columns([
            points(col(c::MAX_SCORE) - col(c::SCORE)).alias(c::POINTS_LOST),
            ratio(col(c::SCORE), col(c::MAX_SCORE)).alias(c::ATTAINMENT),
        ])
        .sort_by_exprs(
            [col(c::YEAR), col(c::UNIT), col(c::POINTS_LOST), col(c::ROW)],
            SortMultipleOptions::default().with_order_descending_multi([false, false, true, false]),
        )
        .with_columns([
            ratio(
                col(c::POINTS_LOST),
                col(c::POINTS_LOST).sum().over(by.clone())?,
            )
            .alias(c::SHARE_OF_LOSS),
            // No rank where nothing is known of the points lost (no maximum).
            when(col(c::POINTS_LOST).is_null())
                .then(lit(NULL).cast(DataType::Int32))
                .otherwise(
                    col(c::POINTS_LOST)
                        .cum_count(false)
                        .over(by.clone())?
                        .cast(DataType::Int32),
                )
                .alias(c::RANK),
        ])
        .with_column(
            col(c::SHARE_OF_LOSS)
                .cum_sum(false)
                .over(by)?
                .alias(c::CUMULATIVE_SHARE),
        )
        .select([
            col(c::YEAR),
            col(c::UNIT),
            col(c::CODE),
            col(c::CRITERION),
            col(c::MAX_SCORE),
            col(c::SCORE),
            col(c::ATTAINMENT),
            col(c::POINTS_LOST),
            col(c::SHARE_OF_LOSS),
            col(c::CUMULATIVE_SHARE),
            col(c::RANK),
            col(c::SELF_SCORE),
            points(col(c::SELF_SCORE) - col(c::SCORE)).alias(c::SELF_MINUS_APPRAISED),
        ]))
}

/// Totals per unit and year, with change against the year before and rank among units — among
/// the units of the same province and peer group when the rows carry them (a province ranks its
/// departments and its districts or communes apart).
///
/// Output columns: unit, year, max_total, score_total, attainment, delta, pct_change, rank,
/// rank_change, self_total, self_minus_appraised, then province and peer_group where the rows
/// carry them (the ranking's block).
pub fn trend(mut scorecard: LazyFrame) -> PolarsResult<LazyFrame> {
    let schema = scorecard.collect_schema()?;
    let blocks: Vec<&str> = [c::PROVINCE, c::PEER_GROUP]
        .into_iter()
        .filter(|name| schema.contains(name))
        .collect();
    let mut keys = vec![col(c::UNIT), col(c::YEAR)];
    let mut within = vec![col(c::YEAR)];
    for name in &blocks {
        keys.push(col(*name));
        within.push(col(*name));
    }
    let totals = scorecard
        .filter(col(c::IS_LEAF))
        .group_by(keys)
        .agg([
            max_sum().alias(c::MAX_TOTAL),
            points(col(c::SCORE).sum()).alias(c::SCORE_TOTAL),
            points(col(c::SELF_SCORE).sum()).alias(c::SELF_TOTAL),
            col(c::SELF_SCORE).count().alias("self_count"),
        ])
        .with_column(ratio(col(c::SCORE_TOTAL), col(c::MAX_TOTAL)).alias(c::ATTAINMENT))
        .with_column(
            // Ranked by attainment; by the total where maxima are unknown (a published index).
            when(col(c::MAX_TOTAL).is_null())
                .then(col(c::SCORE_TOTAL))
                .otherwise(col(c::ATTAINMENT))
                .rank(
                    RankOptions {
                        method: RankMethod::Min,
                        descending: true,
                    },
                    None,
                )
                .over(within)?
                .cast(DataType::Int32)
                .alias(c::RANK),
        );
    let previous = totals.clone().select([
        col(c::UNIT),
        (col(c::YEAR) + lit(1)).alias(c::YEAR),
        col(c::SCORE_TOTAL).alias("prev_score"),
        col(c::RANK).alias("prev_rank"),
    ]);
    Ok(totals
        .join(
            previous,
            [col(c::UNIT), col(c::YEAR)],
            [col(c::UNIT), col(c::YEAR)],
            JoinArgs::new(JoinType::Left),
        )
        .with_columns([
            points(col(c::SCORE_TOTAL) - col("prev_score")).alias(c::DELTA),
            ratio(col(c::SCORE_TOTAL) - col("prev_score"), col("prev_score")).alias(c::PCT_CHANGE),
            (col("prev_rank") - col(c::RANK)).alias(c::RANK_CHANGE),
            when(col("self_count").gt(lit(0)))
                .then(col(c::SELF_TOTAL))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias(c::SELF_TOTAL),
        ])
        .with_column(
            points(col(c::SELF_TOTAL) - col(c::SCORE_TOTAL)).alias(c::SELF_MINUS_APPRAISED),
        )
        .sort([c::UNIT, c::YEAR], SortMultipleOptions::default())
        .select(
            [col(c::UNIT), col(c::YEAR)]
                .into_iter()
                .chain([
                    col(c::MAX_TOTAL),
                    col(c::SCORE_TOTAL),
                    col(c::ATTAINMENT),
                    col(c::DELTA),
                    col(c::PCT_CHANGE),
                    col(c::RANK),
                    col(c::RANK_CHANGE),
                    col(c::SELF_TOTAL),
                    col(c::SELF_MINUS_APPRAISED),
                ])
                .chain(blocks.iter().map(|name| col(*name)))
                .collect::<Vec<_>>(),
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two units; unit A has a parent "1" over leaves 1.1 and 1.2 in 2021 and 2023 (2022 missing),
    /// unit B one leaf a year.
    fn rows() -> LazyFrame {
        df!(
            c::YEAR => [2021, 2021, 2021, 2023, 2023, 2023, 2021, 2022, 2023],
            c::UNIT => ["A", "A", "A", "A", "A", "A", "B", "B", "B"],
            c::CODE => ["1", "1.1", "1.2", "1", "1.1", "1.2", "1", "1", "1"],
            c::FIELD_CODE => ["1", "1", "1", "1", "1", "1", "1", "1", "1"],
            c::LEVEL => [1, 2, 2, 1, 2, 2, 1, 1, 1],
            c::CRITERION => ["Lĩnh vực", "Kế hoạch", "Kiểm tra", "Lĩnh vực", "Kế hoạch", "Kiểm tra", "Chung", "Chung", "Chung"],
            c::MAX_SCORE => [10.0, 4.0, 6.0, 10.0, 4.0, 6.0, 10.0, 10.0, 10.0],
            c::SCORE => [7.0, 3.0, 4.0, 9.0, 4.0, 5.0, 8.0, 9.0, 8.5],
            c::SELF_SCORE => [None, Some(3.5), Some(4.0), None, None, None, None, None, None],
            c::IS_LEAF => [false, true, true, false, true, true, true, true, true],
            c::ROW => [5, 6, 7, 5, 6, 7, 5, 5, 5],
        )
        .expect("frame")
        .lazy()
    }

    fn col_f64(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
        df.column(name)
            .expect(name)
            .f64()
            .expect("f64")
            .iter()
            .collect()
    }

    fn col_i32(df: &DataFrame, name: &str) -> Vec<Option<i32>> {
        df.column(name)
            .expect(name)
            .i32()
            .expect("i32")
            .iter()
            .collect()
    }

    #[test]
    fn gaps_rank_leaves_by_points_lost_with_pareto_shares() {
        let g = gaps(rows().filter(col(c::UNIT).eq(lit("A"))), Level::Leaf)
            .expect("plan")
            .collect()
            .expect("gaps");
        // 2021: 1.2 lost 2, 1.1 lost 1 → shares 2/3, 1/3; the parent is not a row.
        let y2021 = g
            .clone()
            .lazy()
            .filter(col(c::YEAR).eq(lit(2021)))
            .collect()
            .expect("2021");
        let codes: Vec<Option<&str>> = y2021
            .column(c::CODE)
            .expect("code")
            .str()
            .expect("str")
            .iter()
            .collect();
        assert_eq!(codes, [Some("1.2"), Some("1.1")]);
        assert_eq!(col_f64(&y2021, c::POINTS_LOST), [Some(2.0), Some(1.0)]);
        assert_eq!(col_i32(&y2021, c::RANK), [Some(1), Some(2)]);
        let share = col_f64(&y2021, c::SHARE_OF_LOSS);
        assert!((share[0].expect("share") - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(col_f64(&y2021, c::CUMULATIVE_SHARE)[1], Some(1.0));
        assert_eq!(
            col_f64(&y2021, c::ATTAINMENT),
            [Some(4.0 / 6.0), Some(0.75)]
        );
        assert_eq!(
            col_f64(&y2021, c::SELF_MINUS_APPRAISED),
            [Some(0.0), Some(0.5)]
        );
    }

    #[test]
    fn a_year_without_loss_has_no_share_rather_than_a_division_by_zero() {
        let perfect = rows().with_column(col(c::MAX_SCORE).alias(c::SCORE));
        let g = gaps(perfect, Level::Leaf)
            .expect("plan")
            .collect()
            .expect("gaps");
        assert!(col_f64(&g, c::SHARE_OF_LOSS).iter().all(Option::is_none));
    }

    #[test]
    fn field_level_sums_leaves_and_takes_the_field_name() {
        let g = gaps(rows().filter(col(c::UNIT).eq(lit("A"))), Level::Field)
            .expect("plan")
            .collect()
            .expect("gaps");
        assert_eq!(g.height(), 2);
        assert_eq!(col_f64(&g, c::MAX_SCORE), [Some(10.0), Some(10.0)]);
        assert_eq!(col_f64(&g, c::SCORE), [Some(7.0), Some(9.0)]);
        let names: Vec<Option<&str>> = g
            .column(c::CRITERION)
            .expect("name")
            .str()
            .expect("str")
            .iter()
            .collect();
        assert_eq!(names, [Some("Lĩnh vực"), Some("Lĩnh vực")]);
    }

    #[test]
    fn trend_leaves_gaps_for_missing_years_and_ranks_units() {
        let t = trend(rows()).expect("plan").collect().expect("trend");
        let units: Vec<Option<&str>> = t
            .column(c::UNIT)
            .expect("unit")
            .str()
            .expect("str")
            .iter()
            .collect();
        assert_eq!(
            units,
            [Some("A"), Some("A"), Some("B"), Some("B"), Some("B")]
        );
        assert_eq!(
            col_i32(&t, c::YEAR),
            [Some(2021), Some(2023), Some(2021), Some(2022), Some(2023)]
        );
        // Totals from leaves only: 7 and 9, never 14 and 18.
        assert_eq!(
            col_f64(&t, c::SCORE_TOTAL),
            [Some(7.0), Some(9.0), Some(8.0), Some(9.0), Some(8.5)]
        );
        // A has no 2022: its 2023 change is unknown, not 2 and not 9.
        assert_eq!(
            col_f64(&t, c::DELTA),
            [None, None, None, Some(1.0), Some(-0.5)]
        );
        assert_eq!(col_f64(&t, c::PCT_CHANGE)[3], Some(1.0 / 8.0));
        // 2021: B (80%) first, A (70%) second; 2023: A 90% first, B 85% second.
        assert_eq!(
            col_i32(&t, c::RANK),
            [Some(2), Some(1), Some(1), Some(1), Some(2)]
        );
        assert_eq!(
            col_i32(&t, c::RANK_CHANGE),
            [None, None, None, Some(0), Some(-1)]
        );
        assert_eq!(
            col_f64(&t, "self_total"),
            [Some(7.5), None, None, None, None]
        );
    }
}
