//! Canonical column names, in snake_case, shared by the store, the analyses and the CLI output.

/// Year of the data (năm), e.g. 2021.
pub const YEAR: &str = "year";
/// The unit assessed (đơn vị): a department (sở) or district (huyện).
pub const UNIT: &str = "unit";
/// Item code as printed in the table: `1`, `1.1`, `1.1.1`, `I`, `a`.
pub const CODE: &str = "code";
/// Code of the enclosing item, null at the top level.
pub const PARENT_CODE: &str = "parent_code";
/// Code of the item's top-level ancestor (its lĩnh vực), the item's own code at the top level.
pub const FIELD_CODE: &str = "field_code";
/// Depth in the hierarchy: 1 for a field (lĩnh vực) or a flat list item.
pub const LEVEL: &str = "level";
/// Name of the criterion (tên tiêu chí).
pub const CRITERION: &str = "criterion";
/// Maximum score (điểm tối đa, điểm chuẩn).
pub const MAX_SCORE: &str = "max_score";
/// Self-assessed score (điểm tự đánh giá).
pub const SELF_SCORE: &str = "self_score";
/// Appraised score (điểm thẩm định), the one that counts when present.
pub const APPRAISED_SCORE: &str = "appraised_score";
/// The score that counts: appraised, else achieved (điểm đạt được), else self-assessed.
pub const SCORE: &str = "score";
/// True for items without children: only leaves are summed.
pub const IS_LEAF: &str = "is_leaf";
/// Reason for lost points (lý do).
pub const REASON: &str = "reason";
/// Remedy planned (giải pháp khắc phục).
pub const REMEDY: &str = "remedy";
/// Free-text note (ghi chú).
pub const NOTE: &str = "note";
/// Content hash (sha256, hex) of the source file: the lineage key.
pub const SOURCE_SHA256: &str = "source_sha256";
/// File name of the source workbook.
pub const SOURCE_FILE: &str = "source_file";
/// Sheet of the source row.
pub const SHEET: &str = "sheet";
/// One-based row number of the source row, as Excel shows it.
pub const ROW: &str = "row";

/// Derived: `score / max_score`, a fraction.
pub const ATTAINMENT: &str = "attainment";
/// Derived: `max_score − score`.
pub const POINTS_LOST: &str = "points_lost";
/// Derived: an item's share of all points lost.
pub const SHARE_OF_LOSS: &str = "share_of_loss";
/// Derived: running share of loss in rank order (Pareto).
pub const CUMULATIVE_SHARE: &str = "cumulative_share";
/// Derived: rank (1 = most).
pub const RANK: &str = "rank";
/// Derived: total maximum of a unit and year.
pub const MAX_TOTAL: &str = "max_total";
/// Derived: total score of a unit and year.
pub const SCORE_TOTAL: &str = "score_total";
/// Derived: change against the previous year present.
pub const DELTA: &str = "delta";
/// Derived: relative change against the previous year present, a fraction.
pub const PCT_CHANGE: &str = "pct_change";
/// Derived: change of rank against the previous year (positive = moved up).
pub const RANK_CHANGE: &str = "rank_change";
/// Derived: self-assessed minus appraised.
pub const SELF_MINUS_APPRAISED: &str = "self_minus_appraised";
