//! How a survey's header columns are read: questions by their header ("Câu 1.2", "1. …", "Q1")
//! or, failing that, by their content (most values are labels of one five-level scale), each
//! with its element and scale; the unit, year and form-number columns; a form tool's timestamp;
//! personal data, left out unless the analyst keeps it; every other column an attribute.

use cchc_model::Scale;
use cchc_model::columns as c;

use super::answers::{
    Codebook, element_of, numbered_question, question_code, question_text, scale_of,
};
use super::{FIELDS, RESPONDENT_NO, TIMESTAMP};
use crate::cell::{Row, Value, clean, excel_date};
use crate::error::ImportError;
use crate::table::driver::SheetCtx;
use crate::table::layout::{self, HeaderColumn, TableLayout};
use crate::table::personal;
use crate::table::text::years_in;
use crate::table::{ColumnMapping, ColumnRole, SheetNote};

/// A question column: its code, element and scale.
#[derive(Debug, Clone)]
pub(super) struct QuestionColumn {
    pub(super) col: u32,
    pub(super) code: String,
    pub(super) element: String,
    pub(super) scale: Scale,
}

/// The columns of a survey sheet, read.
#[derive(Debug, Default)]
pub(super) struct Plan {
    pub(super) questions: Vec<QuestionColumn>,
    pub(super) attribute_cols: Vec<(u32, String)>,
    pub(super) unit_col: Option<(u32, String)>,
    pub(super) year_col: Option<(u32, String)>,
    pub(super) timestamp_col: Option<(u32, String)>,
    /// Personal columns left out: never stored, never in a message.
    pub(super) hidden: Vec<u32>,
    pub(super) columns: Vec<ColumnMapping>,
    pub(super) notes: Vec<SheetNote>,
}

/// Share of a column's first values that must be answers of one scale for a column without a
/// question number to be read as a question.
const BY_CONTENT: f64 = 0.8;
/// Fewest values a column needs before its content can make it a question.
const MIN_SAMPLES: usize = 3;

/// How a question was found.
enum Found {
    /// "Câu 1.2": the SIPAS form; its number names its element.
    Sipas(String),
    /// "1. …", "Q1": a form tool's number.
    Numbered(String),
    /// Its content: most values are labels of one scale.
    Content,
}

/// The values under a column among the sample rows.
fn samples<'a>(rows: &'a [Row], col: u32) -> impl Iterator<Item = &'a Value> + 'a {
    rows.iter().filter_map(move |r| r.get(col))
}

/// The scale of a question from its values: the labels' scale, else numbers when every value
/// is a number, else (no values yet, or the SIPAS form) satisfaction.
fn question_scale(found: &Found, values: &[&Value]) -> Scale {
    let (best, _) = scale_of(values.iter().copied());
    match best {
        Some(scale) => scale,
        None if matches!(found, Found::Sipas(_)) || values.is_empty() => Scale::Satisfaction,
        None => Scale::Numbers,
    }
}

fn push_unique(
    slot: &mut Option<(u32, String)>,
    field: &str,
    col: u32,
    label: &str,
    ctx: &SheetCtx<'_>,
) -> Result<(), ImportError> {
    if let Some((first, _)) = slot {
        return Err(ImportError::AmbiguousColumn {
            path: ctx.path.to_owned(),
            sheet: ctx.sheet.to_owned(),
            field: field.to_owned(),
            first: cchc_model::column_letters(*first),
            second: cchc_model::column_letters(col),
        });
    }
    *slot = Some((col, label.to_owned()));
    Ok(())
}

/// Reads a survey sheet's header columns.
pub(super) fn plan(
    table: &TableLayout,
    ctx: &SheetCtx<'_>,
    book: Option<&Codebook>,
) -> Result<Plan, ImportError> {
    let mut plan = Plan::default();
    let mut found: Vec<(usize, Found, Scale)> = Vec::new();
    for header in &table.columns {
        let label = header.label();
        let leaf = header.path.last().cloned().unwrap_or_default();
        let values: Vec<&Value> = samples(ctx.samples, header.col).collect();
        let role = read_column(header, &leaf, &values, ctx, &mut plan, &mut found)?;
        plan.columns.push(ColumnMapping {
            col: header.col,
            header: label,
            field: role,
            year: None,
        });
    }
    // Codes for the questions found by content: after the highest number of the others.
    let mut next = found
        .iter()
        .filter_map(|(_, f, _)| match f {
            Found::Sipas(code) | Found::Numbered(code) => code.split('.').next()?.parse().ok(),
            Found::Content => None,
        })
        .max()
        .unwrap_or(0u32);
    let mut own_elements = false;
    for (at, how, scale) in found {
        let mapping = &mut plan.columns[at];
        let text = question_text(
            table
                .columns
                .iter()
                .find(|h| h.col == mapping.col)
                .and_then(|h| h.path.last())
                .map_or("", String::as_str),
        );
        // A form tool's question: its element from the codebook, else its first number
        // ("2.1" → "Yếu tố 2"), else the question itself.
        let mut form_element =
            |code: &str| match (book.and_then(|b| b.get(code)), code.split_once('.')) {
                (Some(e), _) => e.clone(),
                (None, Some((group, _))) => format!("Yếu tố {group}"),
                (None, None) => {
                    own_elements = true;
                    text.clone()
                }
            };
        let (code, element) = match how {
            Found::Sipas(code) => {
                let element = element_of(&code, book);
                (code, element)
            }
            Found::Numbered(code) => {
                let element = form_element(&code);
                (code, element)
            }
            Found::Content => {
                next += 1;
                let code = next.to_string();
                let element = form_element(&code);
                (code, element)
            }
        };
        plan.questions.push(QuestionColumn {
            col: mapping.col,
            code: code.clone(),
            element: element.clone(),
            scale,
        });
        mapping.field = Some(ColumnRole::Question {
            code,
            element,
            scale,
        });
    }
    plan.questions.sort_by_key(|q| q.col);
    if own_elements {
        plan.notes.push(SheetNote::QuestionsAsElements);
    }
    Ok(plan)
}

/// Reads one header column; a question is left for [`plan`] to number (its index in `found`).
fn read_column(
    header: &HeaderColumn,
    leaf: &str,
    values: &[&Value],
    ctx: &SheetCtx<'_>,
    plan: &mut Plan,
    found: &mut Vec<(usize, Found, Scale)>,
) -> Result<Option<ColumnRole>, ImportError> {
    let at = plan.columns.len();
    let col = header.col;
    let label = header.label();
    if let Some(code) = question_code(leaf) {
        let how = Found::Sipas(code);
        let scale = question_scale(&how, values);
        found.push((at, how, scale));
        return Ok(None);
    }
    let personal =
        personal::by_header(leaf).or_else(|| personal::by_content(values.iter().copied()));
    if let Some(kind) = personal {
        if ctx.opts.keep_personal_data {
            plan.attribute_cols.push((col, clean(leaf)));
            return Ok(Some(ColumnRole::Attribute(clean(leaf))));
        }
        plan.hidden.push(col);
        return Ok(Some(ColumnRole::Personal(kind)));
    }
    match layout::best_field(&header.leaf_key(), FIELDS).map(|f| f.field) {
        Some(c::UNIT) => {
            push_unique(&mut plan.unit_col, c::UNIT, col, &label, ctx)?;
            return Ok(Some(ColumnRole::Field(c::UNIT)));
        }
        Some(c::YEAR) => {
            push_unique(&mut plan.year_col, c::YEAR, col, &label, ctx)?;
            return Ok(Some(ColumnRole::Field(c::YEAR)));
        }
        // The form number: the respondent is keyed by sheet and row instead.
        Some(RESPONDENT_NO) => return Ok(Some(ColumnRole::Field(RESPONDENT_NO))),
        Some(TIMESTAMP) => {
            push_unique(&mut plan.timestamp_col, TIMESTAMP, col, &label, ctx)?;
            return Ok(Some(ColumnRole::Timestamp));
        }
        _ => {}
    }
    let (best, share) = scale_of(values.iter().copied());
    if let Some(code) = numbered_question(leaf) {
        // A numbered column of prose ("5. Ý kiến khác") is an attribute.
        if values.is_empty() || share >= 0.5 {
            let how = Found::Numbered(code);
            let scale = question_scale(&how, values);
            found.push((at, how, scale));
            return Ok(None);
        }
    } else if values.len() >= MIN_SAMPLES && best.is_some() && share >= BY_CONTENT {
        let scale = question_scale(&Found::Content, values);
        found.push((at, Found::Content, scale));
        return Ok(None);
    }
    plan.attribute_cols.push((col, clean(leaf)));
    Ok(Some(ColumnRole::Attribute(clean(leaf))))
}

/// The year of a form tool's timestamp: a real date (an Excel serial), or a text date-time in
/// any of the forms tools write ("21/07/2024 19:08:55", "2024-07-21T19:08:55",
/// "Chủ Nhật, 21-07-2024 , 19:08:55").
pub(super) fn timestamp_year(v: &Value) -> Option<i32> {
    let text = match v {
        Value::Number(serial) => excel_date(*serial),
        other => other.as_text(),
    };
    match years_in(&text).as_slice() {
        [year, ..] => Some(*year),
        [] => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_give_their_year_in_every_form() {
        let text = |s: &str| Value::Text(s.into());
        assert_eq!(timestamp_year(&text("21/07/2024 19:08:55")), Some(2024));
        assert_eq!(timestamp_year(&text("2023-11-02T08:00:00Z")), Some(2023));
        assert_eq!(
            timestamp_year(&text("Chủ Nhật, 21-07-2024 , 19:08:55")),
            Some(2024)
        );
        assert_eq!(timestamp_year(&Value::Number(45494.8)), Some(2024));
        assert_eq!(
            timestamp_year(&Value::Date("2022-05-01".into())),
            Some(2022)
        );
        assert_eq!(timestamp_year(&text("hôm qua")), None);
    }
}
