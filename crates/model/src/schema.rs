//! Canonical polars schemas of the stored tables.

use polars::prelude::{DataType, Field, Schema};

use crate::columns as c;

/// The `scorecard` table: one row per item, year and unit, with lineage.
pub fn scorecard() -> Schema {
    Schema::from_iter(
        [
            Field::new(c::YEAR.into(), DataType::Int32),
            Field::new(c::UNIT.into(), DataType::String),
            Field::new(c::CODE.into(), DataType::String),
            Field::new(c::PARENT_CODE.into(), DataType::String),
            Field::new(c::FIELD_CODE.into(), DataType::String),
            Field::new(c::LEVEL.into(), DataType::Int32),
            Field::new(c::CRITERION.into(), DataType::String),
            Field::new(c::MAX_SCORE.into(), DataType::Float64),
            Field::new(c::SELF_SCORE.into(), DataType::Float64),
            Field::new(c::APPRAISED_SCORE.into(), DataType::Float64),
            Field::new(c::SCORE.into(), DataType::Float64),
            Field::new(c::IS_LEAF.into(), DataType::Boolean),
            Field::new(c::REASON.into(), DataType::String),
            Field::new(c::REMEDY.into(), DataType::String),
            Field::new(c::NOTE.into(), DataType::String),
        ]
        .into_iter()
        .chain(lineage()),
    )
}

/// The `survey_answers` table: one row per respondent and question, with lineage.
pub fn survey_answers() -> Schema {
    Schema::from_iter(
        [
            Field::new(c::YEAR.into(), DataType::Int32),
            Field::new(c::UNIT.into(), DataType::String),
            Field::new(c::RESPONDENT.into(), DataType::String),
            Field::new(c::QUESTION.into(), DataType::String),
            Field::new(c::ELEMENT.into(), DataType::String),
            Field::new(c::SCALE.into(), DataType::String),
            Field::new(c::ANSWER.into(), DataType::Int32),
            Field::new(c::STATUS.into(), DataType::String),
        ]
        .into_iter()
        .chain(lineage()),
    )
}

/// The `survey_respondents` table: one row per respondent and attribute ("Giới tính" = "Nữ").
pub fn survey_respondents() -> Schema {
    Schema::from_iter([
        Field::new(c::YEAR.into(), DataType::Int32),
        Field::new(c::UNIT.into(), DataType::String),
        Field::new(c::RESPONDENT.into(), DataType::String),
        Field::new(c::ATTRIBUTE.into(), DataType::String),
        Field::new(c::VALUE.into(), DataType::String),
    ])
}

fn lineage() -> [Field; 4] {
    [
        Field::new(c::SOURCE_SHA256.into(), DataType::String),
        Field::new(c::SOURCE_FILE.into(), DataType::String),
        Field::new(c::SHEET.into(), DataType::String),
        Field::new(c::ROW.into(), DataType::Int32),
    ]
}

/// What identifies a procedure's row in both procedure tables, with its name and field.
fn procedure_key() -> [Field; 5] {
    [
        Field::new(c::YEAR.into(), DataType::Int32),
        Field::new(c::UNIT.into(), DataType::String),
        Field::new(c::CODE.into(), DataType::String),
        Field::new(c::NAME.into(), DataType::String),
        Field::new(c::FIELD.into(), DataType::String),
    ]
}

/// The `procedure_registry` table: what a procedure is (one row per procedure, year and unit).
pub fn procedure_registry() -> Schema {
    Schema::from_iter(
        procedure_key()
            .into_iter()
            .chain([
                Field::new(c::LEGAL_DAYS.into(), DataType::Float64),
                Field::new(c::LEGAL_AMOUNT.into(), DataType::Float64),
                Field::new(c::LEGAL_UNIT.into(), DataType::String),
                Field::new(c::FEE.into(), DataType::Float64),
                Field::new(c::ONLINE_LEVEL.into(), DataType::String),
                Field::new(c::COMPONENTS.into(), DataType::Int64),
                Field::new(c::ISSUER.into(), DataType::String),
                Field::new(
                    c::AGENCIES.into(),
                    DataType::List(Box::new(DataType::String)),
                ),
            ])
            .chain(lineage()),
    )
}

/// The dossier figures of the official period table (Biểu 06a), in its order: what cchc computes
/// from a dossier log and an office reports (the counts below but `pending`, its two parts'
/// sum).
pub const DOSSIER_FIGURES: [&str; 11] = [
    c::RECEIVED,
    c::RECEIVED_ONLINE,
    c::RECEIVED_DIRECT,
    c::RECEIVED_POSTAL,
    c::CARRIED_OVER,
    c::RESOLVED,
    c::RESOLVED_EARLY,
    c::RESOLVED_ON_TIME,
    c::RESOLVED_LATE,
    c::PENDING_IN_TIME,
    c::PENDING_OVERDUE,
];

/// The dossier counts of a procedure (the `procedures` table, one row per procedure, year and
/// unit): null where the table has no such column or leaves the cell blank, 0 for "-":
/// the figures of [`DOSSIER_FIGURES`] with `pending` before its two parts.
pub const PROCEDURE_COUNTS: [&str; 12] = {
    let f = DOSSIER_FIGURES;
    [
        f[0],
        f[1],
        f[2],
        f[3],
        f[4],
        f[5],
        f[6],
        f[7],
        f[8],
        c::PENDING,
        f[9],
        f[10],
    ]
};

/// The `procedures` table: dossier statistics of a period (one row per procedure, year and unit).
pub fn procedures() -> Schema {
    Schema::from_iter(
        procedure_key()
            .into_iter()
            .chain(
                PROCEDURE_COUNTS
                    .iter()
                    .map(|n| Field::new((*n).into(), DataType::Int64)),
            )
            .chain([Field::new(c::ACTUAL_DAYS.into(), DataType::Float64)])
            .chain(lineage()),
    )
}

/// The `rejects` table: every refused row with its address and reason, kept so it can be listed.
pub fn rejects() -> Schema {
    Schema::from_iter([
        Field::new(c::KIND.into(), DataType::String),
        Field::new(c::YEAR.into(), DataType::Int32),
        Field::new(c::SOURCE_SHA256.into(), DataType::String),
        Field::new(c::SOURCE_FILE.into(), DataType::String),
        Field::new(c::CELL.into(), DataType::String),
        Field::new(c::REASON_CODE.into(), DataType::String),
        Field::new(c::REJECTION.into(), DataType::String),
        Field::new(c::ROW_TEXT.into(), DataType::String),
    ])
}
