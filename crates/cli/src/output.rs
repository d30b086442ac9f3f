//! Writing result frames as a table (for people), CSV or JSON (for programs).
//!
//! CSV and JSON keep the data as it is: snake_case column names, ratios as fractions, numbers as
//! numbers. The table is for reading: headers in the chosen language, ratios as percentages,
//! Vietnamese decimal commas.

use std::io::{self, Write};

use anyhow::Result;
use cchc_model::Lang;
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

/// Columns holding fractions, shown as percentages in tables.
const RATIOS: &[&str] = &[
    "attainment",
    "share_of_loss",
    "cumulative_share",
    "pct_change",
    "index",
    "ci_low",
    "ci_high",
    "share_1",
    "share_2",
    "share_3",
    "share_4",
    "share_5",
    "online_share",
    "direct_share",
    "postal_share",
    "on_time_rate",
    "late_rate",
    "late_or_overdue_rate",
    "time_ratio",
    "online_uptake",
    "full_online_procedures",
    "cumulative_share_of_procedures",
];

/// Column headers for tables: (name, Vietnamese, English).
const LABELS: &[(&str, &str, &str)] = &[
    ("year", "Năm", "Year"),
    ("unit", "Đơn vị", "Unit"),
    ("code", "Mã", "Code"),
    ("criterion", "Tiêu chí", "Criterion"),
    ("max_score", "Điểm tối đa", "Max"),
    ("score", "Điểm đạt", "Score"),
    ("attainment", "Tỷ lệ đạt", "Attainment"),
    ("points_lost", "Điểm mất", "Points lost"),
    ("share_of_loss", "Tỷ trọng mất", "Share of loss"),
    ("cumulative_share", "Cộng dồn", "Cumulative"),
    ("rank", "Hạng", "Rank"),
    ("self_score", "Tự đánh giá", "Self-assessed"),
    ("self_minus_appraised", "Tự ĐG − đạt", "Self − score"),
    ("max_total", "Tổng điểm tối đa", "Max total"),
    ("score_total", "Tổng điểm đạt", "Score total"),
    ("delta", "Tăng/giảm", "Change"),
    ("pct_change", "% thay đổi", "% change"),
    ("rank_change", "Thay đổi hạng", "Rank change"),
    ("self_total", "Tổng tự ĐG", "Self total"),
    ("group", "Nhóm", "Group"),
    ("respondents", "Số người trả lời", "Respondents"),
    ("valid_answers", "Câu trả lời hợp lệ", "Valid answers"),
    ("satisfied", "Hài lòng", "Satisfied"),
    ("index", "Chỉ số hài lòng", "Index"),
    ("ci_low", "Cận dưới 95%", "CI low"),
    ("ci_high", "Cận trên 95%", "CI high"),
    ("p_value", "Giá trị p", "p-value"),
    ("significant", "Có ý nghĩa", "Significant"),
    ("small_group", "Nhóm nhỏ (<30)", "Small group"),
    ("kind", "Loại", "Kind"),
    ("years", "Các năm", "Years"),
    ("units", "Đơn vị", "Units"),
    ("rows_read", "Dòng đọc", "Rows read"),
    ("imported", "Nhập", "Imported"),
    ("structure", "Cấu trúc", "Structure"),
    ("rejected", "Bị loại", "Rejected"),
    ("imported_at", "Thời điểm nhập", "Imported at"),
    ("source_file", "Tệp nguồn", "Source file"),
    ("cell", "Ô", "Cell"),
    ("reason_code", "Mã lý do", "Reason code"),
    ("reason_vi", "Lý do", "Reason"),
    ("reason_en", "Lý do (EN)", "Reason"),
    ("row_text", "Nội dung dòng", "Row"),
    ("name", "Tên thủ tục", "Procedure"),
    ("field", "Lĩnh vực", "Field"),
    ("procedures", "Số TTHC", "Procedures"),
    ("procedures_with_dossiers", "TTHC có hồ sơ", "With dossiers"),
    ("received", "Tiếp nhận", "Received"),
    ("online_share", "Trực tuyến", "Online"),
    ("direct_share", "Trực tiếp", "In person"),
    ("postal_share", "BCCI", "Postal"),
    ("postal_target_met", "Đạt BCCI", "Postal target"),
    ("online_target_met", "Đạt trực tuyến", "Online target"),
    ("resolved", "Đã giải quyết", "Resolved"),
    ("on_time_rate", "Đúng hạn", "On time"),
    ("late_rate", "Trễ hạn", "Late"),
    ("pending_overdue", "Quá hạn đang GQ", "Overdue pending"),
    ("need_to_handle", "Phải giải quyết", "To handle"),
    ("late_or_overdue_rate", "Trễ + quá hạn", "Late or overdue"),
    ("legal_days", "Thời hạn (ngày)", "Limit (days)"),
    ("actual_days", "Thực tế (ngày)", "Actual (days)"),
    ("time_ratio", "Thực tế / thời hạn", "Actual / limit"),
    ("online_level", "Mức DVC", "Online level"),
    ("online_uptake", "TTHC trực tuyến có HS", "Online uptake"),
    ("full_online_procedures", "TTHC toàn trình", "Fully online"),
    ("proposal", "Đề xuất", "Proposal"),
    ("reason_codes", "Mã lý do", "Reason codes"),
    ("reasons", "Lý do", "Reasons"),
    (
        "cost_before",
        "Chi phí hiện nay (đ/năm)",
        "Cost now (VND/yr)",
    ),
    ("estimated_saving", "Tiết kiệm (đ/năm)", "Saving (VND/yr)"),
    (
        "cumulative_share_of_procedures",
        "Cộng dồn % TTHC",
        "Cumulative % of procedures",
    ),
];

/// Columns holding amounts of money, shown with grouped thousands in tables.
const MONEY: &[&str] = &["cost_before", "estimated_saving"];

fn label(name: &str, lang: Lang) -> String {
    LABELS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, vi, en)| lang.pick(vi, en).to_owned())
        .unwrap_or_else(|| name.to_owned())
}

/// Whether an error is a closed pipe on stdout (`cchc … | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(io::ErrorKind::BrokenPipe))
    })
}

/// A number for people: fixed decimals, a decimal comma in Vietnamese.
pub fn fmt_number(x: f64, decimals: usize, lang: Lang) -> String {
    let s = format!("{x:.decimals$}");
    if lang == Lang::Vi {
        s.replace('.', ",")
    } else {
        s
    }
}

/// An amount of money for people, in whole units with grouped thousands: "1.234.567" in
/// Vietnamese, "1,234,567" in English.
pub fn fmt_money(x: f64, lang: Lang) -> String {
    let digits = format!("{:.0}", x.abs());
    let sep = if lang == Lang::Vi { '.' } else { ',' };
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    if x < 0.0 && digits != "0" {
        out.insert(0, '-');
    }
    out
}

fn display(value: &AnyValue<'_>, name: &str, lang: Lang, ratio_delta: bool) -> String {
    let ratio = RATIOS.contains(&name) || (ratio_delta && name == "delta");
    match value {
        AnyValue::Null => String::new(),
        AnyValue::Float64(x) if ratio => format!("{}%", fmt_number(x * 100.0, 1, lang)),
        AnyValue::Float64(x) if MONEY.contains(&name) => fmt_money(*x, lang),
        AnyValue::Boolean(b) => match (b, lang) {
            (true, Lang::Vi) => "có".to_owned(),
            (false, Lang::Vi) => "không".to_owned(),
            (true, Lang::En) => "yes".to_owned(),
            (false, Lang::En) => "no".to_owned(),
        },
        AnyValue::Float64(x) if name == "p_value" => fmt_number(*x, 4, lang),
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

/// Writes a frame to `out` in the chosen format.
pub fn write_frame(
    out: &mut dyn Write,
    df: &DataFrame,
    format: OutputFormat,
    lang: Lang,
) -> Result<()> {
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    let columns = df.columns();
    match format {
        OutputFormat::Json => {
            let rows: Vec<serde_json::Value> = (0..df.height())
                .map(|i| {
                    let mut obj = serde_json::Map::new();
                    for (name, column) in names.iter().zip(columns) {
                        let v = column.get(i).map(|v| json_value(&v)).unwrap_or_default();
                        obj.insert(name.clone(), v);
                    }
                    serde_json::Value::Object(obj)
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)?;
        }
        OutputFormat::Csv => {
            writeln!(out, "{}", names.join(","))?;
            for i in 0..df.height() {
                let fields: Vec<String> = columns
                    .iter()
                    .map(|c| c.get(i).map(|v| csv_field(&v)).unwrap_or_default())
                    .collect();
                writeln!(out, "{}", fields.join(","))?;
            }
        }
        OutputFormat::Table => {
            // A survey's delta is a change of a fraction: shown, like the index, in percent.
            let ratio_delta = names.iter().any(|n| n == "index");
            let mut table = Table::new();
            table
                .load_preset(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic);
            table.set_width(160);
            table.set_header(names.iter().map(|n| Cell::new(label(n, lang))));
            for i in 0..df.height() {
                table.add_row(columns.iter().zip(&names).map(|(c, name)| {
                    let v = c.get(i).unwrap_or(AnyValue::Null);
                    let cell = Cell::new(display(&v, name, lang, ratio_delta));
                    if matches!(v, AnyValue::String(_) | AnyValue::StringOwned(_)) {
                        cell
                    } else {
                        cell.set_alignment(CellAlignment::Right)
                    }
                }));
            }
            writeln!(out, "{table}")?;
        }
    }
    Ok(())
}

/// Writes a frame as CSV to a file.
pub fn write_csv_file(path: &std::path::Path, df: &DataFrame) -> Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    write_frame(&mut file, df, OutputFormat::Csv, Lang::En)?;
    file.flush()?;
    Ok(())
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
