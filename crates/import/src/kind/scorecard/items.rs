//! One body row of a scorecard, read: its figures per year group, its code and name, and the
//! total rows that state figures to check.

use cchc_model::columns as c;
use cchc_model::{CellRef, RejectReason, Rejection, Warning, WarningKind};

use crate::cell::{Row, Value};
use crate::table::number::{Parsed, parse_vn_number};

/// The figures of one row in one year group.
#[derive(Debug, Clone, Default)]
pub(super) struct Figures {
    pub(super) max: Option<f64>,
    pub(super) self_score: Option<f64>,
    pub(super) appraised: Option<f64>,
    pub(super) achieved: Option<f64>,
    pub(super) reason: Option<String>,
    pub(super) remedy: Option<String>,
    pub(super) note: Option<String>,
}

impl Figures {
    pub(super) fn score(&self) -> Option<f64> {
        self.appraised.or(self.achieved).or(self.self_score)
    }

    pub(super) fn has_numbers(&self) -> bool {
        self.max.is_some()
            || self.self_score.is_some()
            || self.appraised.is_some()
            || self.achieved.is_some()
    }
}

/// A body row that describes an item, before the hierarchy is known.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub(super) row: u32,
    pub(super) token: Option<String>,
    pub(super) name: Option<String>,
    pub(super) year_cell: Option<i32>,
    pub(super) unit_cell: Option<String>,
    /// One entry per group (same order as `Mapping::groups`); `None` where the group is empty.
    pub(super) figures: Vec<Option<Figures>>,
    pub(super) text: String,
    // Resolved later.
    pub(super) code: String,
    pub(super) parent: Option<usize>,
    pub(super) level: i32,
    pub(super) is_leaf: bool,
}

/// A total row and what it states per group.
#[derive(Debug, Clone)]
pub(super) struct TotalRow {
    pub(super) row: u32,
    pub(super) items_before: usize,
    pub(super) figures: Vec<Option<Figures>>,
}

/// Reads a numeric cell: `Ok(None)` when empty or "-", a rejection when it is not a number.
pub(super) fn numeric(
    row: &Row,
    col: u32,
    field: &str,
    header: &str,
    sheet: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Option<f64>, Rejection> {
    let at = CellRef::new(sheet, row.index, col);
    let reject = |reason| Rejection {
        cell: at.clone(),
        reason,
        row_text: row.text(),
    };
    let Some(value) = row.get(col) else {
        return Ok(None);
    };
    let x = match value {
        Value::Number(x) => *x,
        Value::Text(s) => match parse_vn_number(s) {
            Some(Parsed::Number(x)) => x,
            Some(Parsed::AmbiguousThousands(x)) => {
                warnings.push(Warning {
                    cell: Some(at.clone()),
                    kind: WarningKind::AmbiguousThousands {
                        value: s.to_string(),
                    },
                });
                x
            }
            Some(Parsed::None) => return Ok(None),
            None => {
                return Err(reject(RejectReason::NotANumber {
                    column: header.to_owned(),
                    value: s.to_string(),
                }));
            }
        },
        other => {
            return Err(reject(RejectReason::NotANumber {
                column: header.to_owned(),
                value: other.as_text(),
            }));
        }
    };
    if !x.is_finite() {
        return Err(reject(RejectReason::NotANumber {
            column: header.to_owned(),
            value: value.as_text(),
        }));
    }
    if x < 0.0 && field != c::NOTE {
        return Err(reject(RejectReason::Negative {
            column: header.to_owned(),
            value: x,
        }));
    }
    Ok(Some(x))
}

pub(super) fn text_at(row: &Row, col: Option<u32>) -> Option<String> {
    col.and_then(|c| row.get(c))
        .map(Value::as_text)
        .filter(|s| !s.is_empty())
}
