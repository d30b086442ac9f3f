//! Reading a survey's questions and answers: question codes from headers ("Câu 1.2. …"), answers
//! as levels 1–5 or the five labels, and the elements (yếu tố) questions belong to, from a
//! codebook sheet (Mã câu hỏi | Yếu tố) or the question number.

use std::collections::HashMap;
use std::ops::ControlFlow;

use crate::cell::{Value, clean};
use crate::error::ImportError;
use crate::table::layout;
use crate::table::text::fold;
use crate::workbook::Workbook;

/// The five SIPAS elements (yếu tố), in the order of the question numbers.
pub(crate) const SIPAS_ELEMENTS: [&str; 5] = [
    "Tiếp cận dịch vụ",
    "Thủ tục hành chính",
    "Công chức trực tiếp giải quyết",
    "Kết quả dịch vụ",
    "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
];

/// Folded answer labels and their levels.
pub(super) const LABELS: [(&str, i32); 5] = [
    ("rat khong hai long", 1),
    ("khong hai long", 2),
    ("binh thuong", 3),
    ("hai long", 4),
    ("rat hai long", 5),
];

/// The code of a question header: "Câu 1.2. Nội dung" → "1.2"; "Câu 3: …" → "3".
pub(crate) fn question_code(header: &str) -> Option<String> {
    let key = fold(header);
    let rest = key.strip_prefix("cau")?.trim_start();
    let code: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let code = code.trim_end_matches('.').to_owned();
    (!code.is_empty() && code.starts_with(|c: char| c.is_ascii_digit())).then_some(code)
}

/// One answer cell, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    /// A level from 1 (rất không hài lòng) to 5 (rất hài lòng).
    Level(i32),
    /// Not answered.
    Blank,
    /// Neither 1–5 nor one of the five labels.
    Invalid,
}

/// Reads an answer cell: a number 1–5, its text, or one of the five labels.
pub(crate) fn parse_answer(value: Option<&Value>) -> Answer {
    match value {
        None => Answer::Blank,
        Some(Value::Number(x)) if x.fract() == 0.0 && (1.0..=5.0).contains(x) => {
            Answer::Level(*x as i32)
        }
        Some(Value::Text(s)) => {
            let key = fold(s);
            let key = key.trim_end_matches('.');
            if let Ok(n) = key.parse::<i32>()
                && (1..=5).contains(&n)
            {
                return Answer::Level(n);
            }
            LABELS
                .iter()
                .find(|(label, _)| *label == key)
                .map_or(Answer::Invalid, |(_, level)| Answer::Level(*level))
        }
        Some(_) => Answer::Invalid,
    }
}

/// The codebook: question code → element name.
pub(crate) type Codebook = HashMap<String, String>;

/// Reads a codebook sheet (Mã câu hỏi | Yếu tố | …) if the workbook has one.
pub(super) fn read_codebook(wb: &mut Workbook) -> Result<Option<(String, Codebook)>, ImportError> {
    for sheet in wb.sheet_names().to_vec() {
        let mut rows = Vec::new();
        wb.rows(&sheet, |row| {
            rows.push(row);
            if rows.len() > 2000 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })?;
        let Some(header_pos) = rows.iter().take(layout::HEAD_ROWS).position(|r| {
            let keys: Vec<String> = r.cells.iter().map(|(_, v)| fold(&v.as_text())).collect();
            keys.iter()
                .any(|k| k.starts_with("ma cau hoi") || k == "ma cau")
                && keys.iter().any(|k| k.starts_with("yeu to"))
        }) else {
            continue;
        };
        let header = &rows[header_pos];
        let col_of = |pred: &dyn Fn(&str) -> bool| {
            header
                .cells
                .iter()
                .find(|(_, v)| pred(&fold(&v.as_text())))
                .map(|(c, _)| *c)
        };
        let (Some(code_col), Some(element_col)) = (
            col_of(&|k| k.starts_with("ma cau")),
            col_of(&|k| k.starts_with("yeu to")),
        ) else {
            continue;
        };
        let mut book = Codebook::new();
        for row in &rows[header_pos + 1..] {
            let (Some(code), Some(element)) = (row.get(code_col), row.get(element_col)) else {
                continue;
            };
            let code_text = code.as_text();
            let code =
                question_code(&code_text).or_else(|| question_code(&format!("cau {code_text}")));
            if let Some(code) = code {
                book.insert(code, clean(&element.as_text()));
            }
        }
        if !book.is_empty() {
            return Ok(Some((sheet, book)));
        }
    }
    Ok(None)
}

/// The element of a question: from the codebook, else its first number → a SIPAS element.
pub(super) fn element_of(code: &str, book: Option<&Codebook>) -> String {
    if let Some(e) = book.and_then(|b| b.get(code)) {
        return e.clone();
    }
    let first: usize = code
        .split('.')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    match SIPAS_ELEMENTS.get(first.wrapping_sub(1)) {
        Some(name) => (*name).to_owned(),
        None => format!("Yếu tố {first}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_codes_come_from_headers() {
        assert_eq!(
            question_code("Câu 1.2. Nơi ngồi chờ").as_deref(),
            Some("1.2")
        );
        assert_eq!(question_code("CÂU 3: Thái độ").as_deref(), Some("3"));
        assert_eq!(question_code("Câu hỏi khác"), None);
        assert_eq!(question_code("Giới tính"), None);
    }

    #[test]
    fn answers_are_levels_or_labels_in_any_case_and_accent() {
        let text = |s: &str| Value::Text(s.into());
        assert_eq!(parse_answer(Some(&Value::Number(4.0))), Answer::Level(4));
        assert_eq!(parse_answer(Some(&text("Rất hài lòng"))), Answer::Level(5));
        assert_eq!(
            parse_answer(Some(&text("RAT  KHONG HAI LONG"))),
            Answer::Level(1)
        );
        assert_eq!(parse_answer(Some(&text("bình thường"))), Answer::Level(3));
        assert_eq!(parse_answer(Some(&text("2"))), Answer::Level(2));
        assert_eq!(parse_answer(None), Answer::Blank);
        for bad in ["6", "x", "?", "0", "Hài lòng lắm"] {
            assert_eq!(parse_answer(Some(&text(bad))), Answer::Invalid, "{bad}");
        }
        assert_eq!(parse_answer(Some(&Value::Number(4.5))), Answer::Invalid);
    }

    #[test]
    fn elements_come_from_the_codebook_or_the_question_number() {
        let mut book = Codebook::new();
        book.insert("1.1".into(), "Tiếp cận".into());
        assert_eq!(element_of("1.1", Some(&book)), "Tiếp cận");
        assert_eq!(
            element_of("3.2", Some(&book)),
            "Công chức trực tiếp giải quyết"
        );
        assert_eq!(element_of("7.1", None), "Yếu tố 7");
    }
}
