//! Writing result frames as a table (for people), CSV or JSON (for programs).
//!
//! CSV and JSON keep the data as it is: snake_case column names, ratios as fractions, numbers as
//! numbers. The table is for reading: headers in the chosen language, ratios as percentages,
//! Vietnamese decimal commas.

use std::io::{self, Write};

use anyhow::Result;
use cchc_model::Lang;
use cchc_model::Scale;
use cchc_model::columns as c;
use clap::ValueEnum;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use polars::prelude::*;

/// Output formats of `--format`.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Bảng dễ đọc (a table to read)
    Table,
    /// CSV, UTF-8
    Csv,
    /// JSON: an array of objects
    Json,
}

pub use cchc_model::labels::{RATIOS, fmt_money, fmt_number, fmt_p, label};

/// Columns holding amounts of money, shown with grouped thousands in tables.
const MONEY: &[&str] = &[c::COST_BEFORE, c::ESTIMATED_SAVING];

/// Whether an error is a closed pipe on stdout (`cchc … | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    })
}

fn display(value: &AnyValue<'_>, name: &str, lang: Lang, ratio_delta: bool) -> String {
    let ratio = RATIOS.contains(&name) || (ratio_delta && name == "delta");
    match value {
        AnyValue::Null => String::new(),
        AnyValue::Float64(x) if ratio => format!("{}%", fmt_number(x * 100.0, 1, lang)),
        AnyValue::Float64(x) if MONEY.contains(&name) => fmt_money(*x, lang),
        AnyValue::Boolean(b) => crate::words::yes_no(*b, lang).to_owned(),
        AnyValue::Float64(x) if name == c::P_VALUE || name == c::P_ADJUSTED => fmt_p(*x, lang),
        AnyValue::Float64(x) if name == c::EFFECTIVE_N => fmt_number(*x, 0, lang),
        AnyValue::Float64(x) => {
            let s = fmt_number(*x, 2, lang);
            let sep = if lang == Lang::Vi { ',' } else { '.' };
            if s.contains(sep) {
                s.trim_end_matches('0').trim_end_matches(sep).to_owned()
            } else {
                s
            }
        }
        AnyValue::String(s) => (*s).to_owned(),
        AnyValue::StringOwned(s) => s.to_string(),
        other => other.to_string(),
    }
}

fn json_value(value: &AnyValue<'_>) -> serde_json::Value {
    match value {
        AnyValue::Null => serde_json::Value::Null,
        AnyValue::Boolean(b) => (*b).into(),
        AnyValue::Int32(i) => (*i).into(),
        AnyValue::Int64(i) => (*i).into(),
        AnyValue::UInt32(i) => (*i).into(),
        AnyValue::UInt64(i) => (*i).into(),
        AnyValue::Float64(x) => serde_json::Number::from_f64(*x)
            .map(serde_json::Value::Number)
            .unwrap_or_default(),
        AnyValue::Float32(x) => serde_json::Number::from_f64(f64::from(*x))
            .map(serde_json::Value::Number)
            .unwrap_or_default(),
        AnyValue::String(s) => (*s).into(),
        AnyValue::StringOwned(s) => s.as_str().into(),
        other => other.to_string().into(),
    }
}

/// A cell of JSON text in a table: a list of names joined by "; ", an object's `unit` (and
/// `province`) for each of a list of objects.
fn json_cell(text: &str) -> String {
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str::<serde_json::Value>(text)
    else {
        return text.to_owned();
    };
    items
        .iter()
        .map(|item| match item {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Object(o) => {
                let unit = o.get(c::UNIT).and_then(|u| u.as_str()).unwrap_or_default();
                match o.get(c::PROVINCE).and_then(|p| p.as_str()) {
                    Some(p) => format!("{unit} ({p})"),
                    None => unit.to_owned(),
                }
            }
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn csv_field(value: &AnyValue<'_>) -> String {
    let text = match value {
        AnyValue::Null => return String::new(),
        AnyValue::String(s) => (*s).to_owned(),
        AnyValue::StringOwned(s) => s.to_string(),
        AnyValue::Float64(x) => format!("{x}"),
        other => other.to_string(),
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The columns of `scorecard gaps` people read (the table, the demo, the web page); CSV and JSON
/// keep every column.
pub const GAPS_SHOWN: [&str; 8] = [
    c::CODE,
    c::CRITERION,
    c::MAX_SCORE,
    c::SCORE,
    c::POINTS_LOST,
    c::SHARE_OF_LOSS,
    c::CUMULATIVE_SHARE,
    c::RANK,
];

/// The columns of `procedures simplify` people read, after the unit (and its province): the
/// proposal and reasons in words.
pub const PROPOSALS_SHOWN: [&str; 7] = [
    c::RANK,
    c::CODE,
    c::NAME,
    c::PROPOSAL,
    c::REASONS,
    c::RECEIVED,
    c::ESTIMATED_SAVING,
];

/// A frame's column names.
fn names(df: &DataFrame) -> Vec<String> {
    df.get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect()
}

/// The rows of a frame as JSON objects: numbers as numbers, nulls as null, a column of JSON text
/// (`combined_from`, `predecessors`) as the JSON it holds. `--format json` and `cchc serve`'s
/// API write these.
pub fn json_rows(df: &DataFrame) -> Vec<serde_json::Value> {
    let names = names(df);
    let columns = df.columns();
    (0..df.height())
        .map(|i| {
            let mut obj = serde_json::Map::new();
            for (name, column) in names.iter().zip(columns) {
                let mut v = column.get(i).map(|v| json_value(&v)).unwrap_or_default();
                if c::JSON_COLUMNS.contains(&name.as_str())
                    && let serde_json::Value::String(text) = &v
                    && let Ok(parsed) = serde_json::from_str(text)
                {
                    v = parsed;
                }
                obj.insert(name.clone(), v);
            }
            serde_json::Value::Object(obj)
        })
        .collect()
}

/// A frame as people read it: headers in the language, each cell as text (ratios in percent,
/// decimal commas in Vietnamese) and whether it is a number (aligned right). The terminal's
/// table and `cchc serve`'s pages show these.
pub struct Shown {
    /// Column headers.
    pub headers: Vec<String>,
    /// Rows of (text, is a number).
    pub rows: Vec<Vec<(String, bool)>>,
}

/// [`Shown`] of a frame.
pub fn shown(df: &DataFrame, lang: Lang) -> Shown {
    let names = names(df);
    let columns = df.columns();
    // A survey's delta is a change of a fraction: shown, like the index, in percent.
    let ratio_delta = names.iter().any(|n| n == "index");
    let scale = frame_scale(df);
    let headers = names
        .iter()
        .map(|n| scale_label(n, scale, lang).unwrap_or_else(|| label(n, lang)))
        .collect();
    let rows = (0..df.height())
        .map(|i| {
            columns
                .iter()
                .zip(&names)
                .map(|(c, name)| {
                    let v = c.get(i).unwrap_or(AnyValue::Null);
                    let text = match (&v, name.as_str()) {
                        (AnyValue::String(s), c::SCALE) => crate::words::scale_cell(Some(s), lang),
                        (AnyValue::StringOwned(s), c::SCALE) => {
                            crate::words::scale_cell(Some(s), lang)
                        }
                        (AnyValue::String(s), name) if c::JSON_COLUMNS.contains(&name) => {
                            json_cell(s)
                        }
                        (AnyValue::StringOwned(s), name) if c::JSON_COLUMNS.contains(&name) => {
                            json_cell(s)
                        }
                        (AnyValue::String(s), c::PEER_GROUP) => {
                            crate::words::peer_group_cell(s, lang).to_owned()
                        }
                        (AnyValue::StringOwned(s), c::PEER_GROUP) => {
                            crate::words::peer_group_cell(s, lang).to_owned()
                        }
                        _ => display(&v, name, lang, ratio_delta),
                    };
                    let number = !matches!(v, AnyValue::String(_) | AnyValue::StringOwned(_));
                    (text, number)
                })
                .collect()
        })
        .collect();
    Shown { headers, rows }
}

/// Writes a frame to `out` in the chosen format.
pub fn write_frame(
    out: &mut dyn Write,
    df: &DataFrame,
    format: OutputFormat,
    lang: Lang,
) -> Result<()> {
    match format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &json_rows(df))?;
            writeln!(out)?;
        }
        OutputFormat::Csv => {
            let names: Vec<String> = df
                .get_column_names()
                .iter()
                .map(|n| n.to_string())
                .collect();
            writeln!(out, "{}", names.join(","))?;
            let columns = df.columns();
            for i in 0..df.height() {
                let fields: Vec<String> = columns
                    .iter()
                    .map(|c| c.get(i).map(|v| csv_field(&v)).unwrap_or_default())
                    .collect();
                writeln!(out, "{}", fields.join(","))?;
            }
        }
        OutputFormat::Table => {
            let shown = shown(df, lang);
            let mut table = Table::new();
            table
                .load_preset(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic);
            table.set_width(160);
            table.set_header(shown.headers.iter().map(Cell::new));
            for row in shown.rows {
                table.add_row(row.into_iter().map(|(text, number)| {
                    let cell = Cell::new(text);
                    if number {
                        cell.set_alignment(CellAlignment::Right)
                    } else {
                        cell
                    }
                }));
            }
            writeln!(out, "{table}")?;
        }
    }
    Ok(())
}

/// The one answer scale of a survey result (`Some(None)` when its groups mix scales), or
/// `None` when the frame has no scale column.
fn frame_scale(df: &DataFrame) -> Option<Option<Scale>> {
    let column = df.column(c::SCALE).ok()?.str().ok()?.clone();
    Some(cchc_model::scale::shared(column.iter().flatten()).flatten())
}

/// The header of a survey's "satisfied" and "index" columns in the words of its scale: an
/// agreement index is never called satisfaction.
fn scale_label(name: &str, scale: Option<Option<Scale>>, lang: Lang) -> Option<String> {
    let scale = scale?;
    let words = cchc_model::labels::scale_words(scale, lang);
    match name {
        c::SATISFIED => Some(words.positive.to_owned()),
        c::INDEX => Some(words.index.to_owned()),
        _ => None,
    }
}

/// Writes a frame as CSV to a file.
pub fn write_csv_file(path: &std::path::Path, df: &DataFrame) -> Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    write_frame(&mut file, df, OutputFormat::Csv, Lang::En)?;
    file.flush()?;
    Ok(())
}

/// A unit as JSON: `units show --format json` and `cchc serve`'s `/api/units/show`.
pub fn unit_json(v: &cchc_query::units::UnitView) -> serde_json::Value {
    use serde_json::{Value, json};
    let related = |list: &[cchc_query::units::Related]| -> Value {
        list.iter()
            .map(|r| {
                json!({
                    "unit": r.unit,
                    "key": r.key,
                    "province": r.province,
                    "code": r.code,
                    "date": r.date.iso(),
                    "edge": r.edge,
                    "depth": r.depth,
                })
            })
            .collect()
    };
    json!({
        "unit": v.unit,
        "key": v.key,
        "kind": v.kind,
        "peer_group": v.peer_group,
        "province": v.province,
        "code": v.code,
        "valid_from": v.valid_from.map(cchc_calendar::Day::iso),
        "valid_to": v.valid_to.map(cchc_calendar::Day::iso),
        "predecessors": related(&v.predecessors),
        "successors": related(&v.successors),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame() -> DataFrame {
        df!(
            "criterion" => ["Sự hài lòng, \"khảo sát\"", "Kế hoạch"],
            "points_lost" => [4.89, 2.0],
            "attainment" => [Some(0.854), None],
            "rank" => [1i32, 2],
        )
        .expect("frame")
    }

    #[test]
    fn json_keeps_numbers_as_numbers_and_nulls_as_null() {
        let mut out = Vec::new();
        write_frame(&mut out, &frame(), OutputFormat::Json, Lang::Vi).expect("written");
        let v: serde_json::Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(v[0]["points_lost"], serde_json::json!(4.89));
        assert_eq!(v[0]["rank"], serde_json::json!(1));
        assert_eq!(v[1]["attainment"], serde_json::Value::Null);
    }

    #[test]
    fn csv_quotes_commas_and_quotes() {
        let mut out = Vec::new();
        write_frame(&mut out, &frame(), OutputFormat::Csv, Lang::Vi).expect("written");
        let text = String::from_utf8(out).expect("utf8");
        assert_eq!(
            text.lines().next(),
            Some("criterion,points_lost,attainment,rank")
        );
        assert_eq!(
            text.lines().nth(1),
            Some("\"Sự hài lòng, \"\"khảo sát\"\"\",4.89,0.854,1")
        );
    }

    #[test]
    fn tables_show_percentages_and_decimal_commas_in_vietnamese() {
        let mut out = Vec::new();
        write_frame(&mut out, &frame(), OutputFormat::Table, Lang::Vi).expect("written");
        let text = String::from_utf8(out).expect("utf8");
        assert!(text.contains("85,4%"), "{text}");
        assert!(text.contains("4,89"), "{text}");
        assert!(text.contains("Điểm mất"), "{text}");
        let mut out = Vec::new();
        write_frame(&mut out, &frame(), OutputFormat::Table, Lang::En).expect("written");
        assert!(String::from_utf8(out).expect("utf8").contains("85.4%"));
    }
}
