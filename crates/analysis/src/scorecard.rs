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
            col(c::MAX_SCORE).sum(),
            col(c::SCORE).sum(),
            col(c::SELF_SCORE).sum(),
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
            (col(c::MAX_SCORE) - col(c::SCORE)).alias(c::POINTS_LOST),
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
            col(c::POINTS_LOST)
                .cum_count(false)
                .over(by.clone())?
                .cast(DataType::Int32)
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
            (col(c::SELF_SCORE) - col(c::SCORE)).alias(c::SELF_MINUS_APPRAISED),
        ]))
}

/// Totals per unit and year, with change against the year before and rank among units.
///
/// Output columns: unit, year, max_total, score_total, attainment, delta, pct_change, rank,
/// rank_change, self_total, self_minus_appraised.
pub fn trend(scorecard: LazyFrame) -> PolarsResult<LazyFrame> {
    let totals = scorecard
        .filter(col(c::IS_LEAF))
        .group_by([col(c::UNIT), col(c::YEAR)])
        .agg([
            col(c::MAX_SCORE).sum().alias(c::MAX_TOTAL),
            col(c::SCORE).sum().alias(c::SCORE_TOTAL),
            col(c::SELF_SCORE).sum().alias("self_total"),
            col(c::SELF_SCORE).count().alias("self_count"),
        ])
        .with_column(ratio(col(c::SCORE_TOTAL), col(c::MAX_TOTAL)).alias(c::ATTAINMENT))
        .with_column(
            col(c::ATTAINMENT)
                .rank(
                    RankOptions {
                        method: RankMethod::Min,
                        descending: true,
                    },
                    None,
                )
                .over([col(c::YEAR)])?
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
            (col(c::SCORE_TOTAL) - col("prev_score")).alias(c::DELTA),
            ratio(col(c::SCORE_TOTAL) - col("prev_score"), col("prev_score")).alias(c::PCT_CHANGE),
            (col("prev_rank") - col(c::RANK)).alias(c::RANK_CHANGE),
            when(col("self_count").gt(lit(0)))
                .then(col("self_total"))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("self_total"),
        ])
        .with_column((col("self_total") - col(c::SCORE_TOTAL)).alias(c::SELF_MINUS_APPRAISED))
        .sort([c::UNIT, c::YEAR], SortMultipleOptions::default())
        .select([
            col(c::UNIT),
            col(c::YEAR),
            col(c::MAX_TOTAL),
            col(c::SCORE_TOTAL),
            col(c::ATTAINMENT),
            col(c::DELTA),
            col(c::PCT_CHANGE),
            col(c::RANK),
            col(c::RANK_CHANGE),
            col("self_total"),
            col(c::SELF_MINUS_APPRAISED),
        ]))
}
