//! The records a scorecard import emits, gathered into the `scorecard` frame.

use cchc_model::columns as c;
use polars::prelude::{Column, DataFrame};

/// One output record.
#[derive(Debug, Clone)]
pub(super) struct Record {
    pub(super) year: i32,
    pub(super) unit: String,
    /// The block of a results table the unit was ranked in (a peer group's code), when a
    /// heading named it.
    pub(super) peer_group: Option<String>,
    pub(super) code: String,
    pub(super) parent_code: Option<String>,
    pub(super) field_code: String,
    pub(super) level: i32,
    pub(super) criterion: String,
    pub(super) max_score: Option<f64>,
    pub(super) self_score: Option<f64>,
    pub(super) appraised_score: Option<f64>,
    pub(super) score: Option<f64>,
    pub(super) is_leaf: bool,
    pub(super) reason: Option<String>,
    pub(super) remedy: Option<String>,
    pub(super) note: Option<String>,
    pub(super) source_sha256: String,
    pub(super) source_file: String,
    pub(super) sheet: String,
    pub(super) row: i32,
}

#[derive(Default)]
pub(super) struct Records(Vec<Record>);

impl Records {
    pub(super) fn push(&mut self, r: Record) {
        self.0.push(r);
    }

    pub(super) fn into_frame(self) -> polars::prelude::PolarsResult<DataFrame> {
        let r = &self.0;
        macro_rules! col {
            ($name:expr, $field:ident) => {
                Column::new(
                    $name.into(),
                    r.iter().map(|x| x.$field.clone()).collect::<Vec<_>>(),
                )
            };
        }
        let blocks = r.iter().any(|x| x.peer_group.is_some());
        let mut columns = vec![
            col!(c::YEAR, year),
            col!(c::UNIT, unit),
            col!(c::CODE, code),
            col!(c::PARENT_CODE, parent_code),
            col!(c::FIELD_CODE, field_code),
            col!(c::LEVEL, level),
            col!(c::CRITERION, criterion),
            col!(c::MAX_SCORE, max_score),
            col!(c::SELF_SCORE, self_score),
            col!(c::APPRAISED_SCORE, appraised_score),
            col!(c::SCORE, score),
            col!(c::IS_LEAF, is_leaf),
            col!(c::REASON, reason),
            col!(c::REMEDY, remedy),
            col!(c::NOTE, note),
            col!(c::SOURCE_SHA256, source_sha256),
            col!(c::SOURCE_FILE, source_file),
            col!(c::SHEET, sheet),
            col!(c::ROW, row),
        ];
        // Only results tables read in blocks say their units' peer group.
        if blocks {
            columns.insert(2, col!(c::PEER_GROUP, peer_group));
        }
        DataFrame::new_infer_height(columns)
    }
}
