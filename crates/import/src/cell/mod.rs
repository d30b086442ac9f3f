//! Cells and rows as every reader delivers them: a value per non-empty cell, rows in sheet order,
//! merged regions, and the display form of text (NFC, letters that PDF extraction and old fonts
//! mangle repaired, white space collapsed).
//!
//! Architecture invariant: the bottom layer of `import`. It knows no file format, no table and no
//! table kind; everything above it reads cells through these types.

pub(crate) mod legacy;

use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;

/// One cell's value, as read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// A real number (integers included).
    Number(f64),
    /// Text, in its display form (see [`clean`]), its line breaks kept as single `\n` between
    /// the cleaned lines (a list of agencies, one per line); shared, as a workbook repeats its
    /// shared strings in many cells. [`Value::as_text`] gives it on one line.
    Text(Arc<str>),
    /// A boolean cell.
    Bool(bool),
    /// A date or time cell, kept as text: a score that Excel turned into a date must not pass as a number.
    Date(String),
    /// An error cell such as `#DIV/0!`.
    Error(String),
}

impl Value {
    /// The value as text, for messages and lineage.
    pub(crate) fn as_text(&self) -> String {
        match self {
            Value::Number(x) => cchc_model::diag::fmt_num(*x),
            Value::Text(s) if s.contains('\n') => s.replace('\n', " "),
            Value::Text(s) => s.to_string(),
            Value::Date(s) | Value::Error(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
        }
    }

    /// The lines of a text cell (one item per line), each in its display form; a value of
    /// another type is one line.
    pub(crate) fn lines(&self) -> Vec<String> {
        match self {
            Value::Text(s) => s.split('\n').map(str::to_owned).collect(),
            other => vec![other.as_text()],
        }
    }
}

/// A row of a sheet: its zero-based index and its non-empty cells in column order.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Row {
    /// Zero-based row index.
    pub index: u32,
    /// Non-empty cells as (zero-based column, value), sorted by column.
    pub cells: Vec<(u32, Value)>,
}

impl Row {
    /// The value in column `col`, if the cell is not empty.
    pub(crate) fn get(&self, col: u32) -> Option<&Value> {
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| &self.cells[i].1)
    }

    /// The text of the row's cells joined with " | ", for rejections and inspection.
    pub(crate) fn text(&self) -> String {
        self.cells
            .iter()
            .map(|(_, v)| v.as_text())
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

/// A merged region, zero-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merge {
    /// First row.
    pub first_row: u32,
    /// First column.
    pub first_col: u32,
    /// Last row.
    pub last_row: u32,
    /// Last column.
    pub last_col: u32,
}

impl Merge {
    /// Whether the region covers the cell.
    pub(crate) fn contains(&self, row: u32, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }
}

pub(crate) use cchc_model::text::repair;

/// The display form of a text: NFC, `ƣ` repaired, white space collapsed and trimmed
/// ("  Điểm\n đạt  đƣợc " is "Điểm đạt được"). A mark that PDF extraction put on the wrong
/// letter stays there: only `fold` looks past it.
pub(crate) fn clean(s: &str) -> String {
    if is_clean(s) {
        return s.to_owned();
    }
    let repaired: String = s.chars().map(repair).collect();
    let mut out = String::with_capacity(repaired.len());
    for word in repaired.nfc().collect::<String>().split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    // A mark that PDF extraction moved after a space can leave a lone combining mark: NFC again.
    out.nfc().collect()
}

/// Whether `clean` would return the text unchanged: single spaces only between words, no
/// mangled letter, and NFC already (the quick check; "maybe" takes the slow path). Most cells are.
fn is_clean(s: &str) -> bool {
    let mut after_space = true; // a leading space is not clean
    for c in s.chars() {
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            if matches!(c, 'ƣ' | 'Ƣ') {
                return false;
            }
            after_space = false;
        }
    }
    !after_space
        && (s.is_ascii()
            || unicode_normalization::is_nfc_quick(s.chars())
                == unicode_normalization::IsNormalized::Yes)
}

/// A cell's text as a [`Value::Text`]: each line in its display form, blank lines dropped, the
/// lines joined by `\n`; `None` when nothing is left.
pub(crate) fn text_value(s: &str) -> Option<Value> {
    let cleaned = if s.contains(['\n', '\r']) {
        s.split(['\n', '\r'])
            .map(clean)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    } else if is_clean(s) {
        // Most cells: the text as it stands, copied once.
        return (!s.is_empty()).then(|| Value::Text(s.into()));
    } else {
        clean(s)
    };
    if cleaned.is_empty() {
        None
    } else {
        Some(Value::Text(cleaned.into()))
    }
}

/// An Excel date serial (days since 1899-12-30) as `dd/mm/yyyy`, the way Vietnamese sheets show
/// it, with `HH:MM:SS` when the serial has a time of day.
pub(crate) fn excel_date(serial: f64) -> String {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return serial.to_string();
    }
    let seconds = (serial * 86_400.0).round() as i64;
    let (days, secs) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = cchc_calendar::day::Day((days - 25_569) as i32).ymd();
    if secs == 0 {
        format!("{day:02}/{month:02}/{year:04}")
    } else {
        let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
        format!("{day:02}/{month:02}/{year:04} {h:02}:{m:02}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_dates_read_as_vietnamese_dates() {
        assert_eq!(excel_date(44931.0), "05/01/2023");
        assert_eq!(excel_date(25569.0), "01/01/1970");
        assert_eq!(excel_date(45351.0), "29/02/2024");
        assert_eq!(excel_date(45351.625), "29/02/2024 15:00:00");
    }

    #[test]
    fn rows_find_cells_by_column_and_join_their_text() {
        let row = Row {
            index: 3,
            cells: vec![(0, Value::Number(1.0)), (2, Value::Text("Tổng".into()))],
        };
        assert_eq!(row.get(2), Some(&Value::Text("Tổng".into())));
        assert_eq!(row.get(1), None);
        assert_eq!(row.text(), "1 | Tổng");
    }

    #[test]
    fn clean_keeps_accents_and_repairs_mangled_letters() {
        assert_eq!(clean("  Điểm\n đạt  đƣợc "), "Điểm đạt được");
        assert_eq!(clean("đaṭ"), "đaṭ");
        assert_eq!(clean("Chƣa  hoàn\nthành"), "Chưa hoàn thành");
        let nfd: String = "Sở Nội vụ".nfd().collect();
        assert_eq!(clean(&nfd), "Sở Nội vụ");
    }
}
