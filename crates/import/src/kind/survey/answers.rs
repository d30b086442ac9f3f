//! Reading a survey's questions and answers: question codes from headers ("Câu 1.2. …"), answers
//! as levels 1–5 or the five labels, and the elements (yếu tố) questions belong to, from a
//! codebook sheet (Mã câu hỏi | Yếu tố) or the question number.

use std::collections::HashMap;
use std::ops::ControlFlow;

use cchc_model::Scale;

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

/// The code of a question header: "Câu 1.2. Nội dung" → "1.2"; "Câu 3: …" → "3".
pub(crate) fn question_code(header: &str) -> Option<String> {
    let key = fold(header);
    let rest = key.strip_prefix("cau")?.trim_start();
    leading_code(rest)
}

/// The number a text starts with ("1.2. …" → "1.2"), if any.
fn leading_code(text: &str) -> Option<String> {
    let code: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let code = code.trim_end_matches('.').to_owned();
    (!code.is_empty() && code.starts_with(|c: char| c.is_ascii_digit())).then_some(code)
}

/// The code of a question as form tools number it: "1. Anh/Chị …", "1.1 …", "2) …", "Q1",
/// "Q1.2. …". A bare number or a number not followed by text is not a question.
pub(crate) fn numbered_question(header: &str) -> Option<String> {
    let key = fold(header);
    if let Some(rest) = key.strip_prefix('q')
        && rest.starts_with(|c: char| c.is_ascii_digit())
    {
        return leading_code(rest);
    }
    let code = leading_code(&key)?;
    let tail = &key[code.len()..];
    let separated = tail.starts_with(['.', ')', ':', ' ']);
    let after = tail.trim_start_matches(['.', ')', ':', ' ']);
    (separated && after.chars().any(char::is_alphabetic)).then_some(code)
}

/// A header without its number ("1. Thủ tục được niêm yết" → "Thủ tục được niêm yết").
pub(crate) fn question_text(header: &str) -> String {
    let cleaned = clean(header);
    let body = cleaned
        .strip_prefix(['Q', 'q'])
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(&cleaned)
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ')' | ':' | ' '));
    if body.is_empty() {
        cleaned.clone()
    } else {
        body.to_owned()
    }
}

/// The neutral middle (level 3) every scale shares, folded: "Bình thường" beside "Đồng ý" is one
/// agreement scale.
const NEUTRAL: [&str; 5] = [
    "binh thuong",
    "phan van",
    "khong y kien",
    "trung lap",
    "trung binh",
];

/// The labels that tell a scale, folded, with their levels.
const SCALE_LABELS: [(Scale, &[(&str, i32)]); 3] = [
    (
        Scale::Satisfaction,
        &[
            ("rat khong hai long", 1),
            ("khong hai long", 2),
            ("hai long", 4),
            ("rat hai long", 5),
        ],
    ),
    (
        Scale::Agreement,
        &[
            ("hoan toan khong dong y", 1),
            ("rat khong dong y", 1),
            ("khong dong y", 2),
            ("dong y", 4),
            ("hoan toan dong y", 5),
            ("rat dong y", 5),
        ],
    ),
    (
        Scale::Quality,
        &[("rat kem", 1), ("kem", 2), ("tot", 4), ("rat tot", 5)],
    ),
];

/// One answer cell, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    /// A level from 1 (the most negative) to 5 (the most positive), and the scale its label
    /// belongs to (`None` for a number or the neutral middle, which fit every scale).
    Level(i32, Option<Scale>),
    /// Not answered.
    Blank,
    /// Neither 1–5 nor a label of a known scale.
    Invalid,
}

/// Reads an answer cell: a number 1–5, its text, or a label of one of the scales.
pub(crate) fn parse_answer(value: Option<&Value>) -> Answer {
    match value {
        None => Answer::Blank,
        Some(Value::Number(x)) if x.fract() == 0.0 && (1.0..=5.0).contains(x) => {
            Answer::Level(*x as i32, None)
        }
        Some(Value::Text(s)) => {
            let key = fold(s);
            let key = key.trim_end_matches('.');
            if let Ok(n) = key.parse::<i32>()
                && (1..=5).contains(&n)
            {
                return Answer::Level(n, None);
            }
            if NEUTRAL.contains(&key) {
                return Answer::Level(3, None);
            }
            SCALE_LABELS
                .iter()
                .find_map(|(scale, labels)| {
                    labels
                        .iter()
                        .find(|(label, _)| *label == key)
                        .map(|(_, level)| Answer::Level(*level, Some(*scale)))
                })
                .unwrap_or(Answer::Invalid)
        }
        Some(_) => Answer::Invalid,
    }
}

/// An answer read in a question of `scale`: a label of another scale is invalid, and so is any
/// label in a question of numbers.
pub(crate) fn in_scale(answer: Answer, scale: Scale) -> Answer {
    match answer {
        Answer::Level(_, Some(s)) if s != scale => Answer::Invalid,
        other => other,
    }
}

/// The scale of a column from its first non-blank values: the scale most of its labels belong
/// to (`None` when none is a label), and the share of the values that are answers on it
/// (numbers 1–5 and the neutral middle included).
pub(crate) fn scale_of<'a>(values: impl Iterator<Item = &'a Value>) -> (Option<Scale>, f64) {
    let answers: Vec<Answer> = values.map(|v| parse_answer(Some(v))).collect();
    let mut counts = [0usize; 3];
    for a in &answers {
        if let Answer::Level(_, Some(scale)) = a
            && let Some(i) = SCALE_LABELS.iter().position(|(s, _)| s == scale)
        {
            counts[i] += 1;
        }
    }
    let best = (0..3)
        .filter(|i| counts[*i] > 0)
        .max_by_key(|i| counts[*i])
        .map(|i| SCALE_LABELS[i].0);
    let fitting = answers
        .iter()
        .filter(|a| matches!(a, Answer::Level(_, s) if s.is_none() || *s == best))
        .count();
    let share = if answers.is_empty() {
        0.0
    } else {
        fitting as f64 / answers.len() as f64
    };
    (best, share)
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
        let sat = Some(Scale::Satisfaction);
        assert_eq!(
            parse_answer(Some(&Value::Number(4.0))),
            Answer::Level(4, None)
        );
        assert_eq!(
            parse_answer(Some(&text("Rất hài lòng"))),
            Answer::Level(5, sat)
        );
        assert_eq!(
            parse_answer(Some(&text("RAT  KHONG HAI LONG"))),
            Answer::Level(1, sat)
        );
        assert_eq!(
            parse_answer(Some(&text("bình thường"))),
            Answer::Level(3, None)
        );
        assert_eq!(parse_answer(Some(&text("2"))), Answer::Level(2, None));
        assert_eq!(parse_answer(None), Answer::Blank);
        for bad in ["6", "x", "?", "0", "Hài lòng lắm"] {
            assert_eq!(parse_answer(Some(&text(bad))), Answer::Invalid, "{bad}");
        }
        assert_eq!(parse_answer(Some(&Value::Number(4.5))), Answer::Invalid);
    }

    #[test]
    fn agreement_and_quality_scales_share_the_neutral_middle() {
        let text = |s: &str| Value::Text(s.into());
        let agree = Some(Scale::Agreement);
        assert_eq!(
            parse_answer(Some(&text("Hoàn toàn đồng ý"))),
            Answer::Level(5, agree)
        );
        assert_eq!(
            parse_answer(Some(&text("Không đồng ý"))),
            Answer::Level(2, agree)
        );
        assert_eq!(
            parse_answer(Some(&text("Phân vân"))),
            Answer::Level(3, None)
        );
        assert_eq!(
            parse_answer(Some(&text("Không ý kiến"))),
            Answer::Level(3, None)
        );
        assert_eq!(
            parse_answer(Some(&text("Rất tốt"))),
            Answer::Level(5, Some(Scale::Quality))
        );
        // "Bình thường" beside "Đồng ý" is one agreement scale; "Hài lòng" is not in it.
        let column = [
            text("Đồng ý"),
            text("Bình thường"),
            text("Hoàn toàn đồng ý"),
        ];
        assert_eq!(scale_of(column.iter()), (agree, 1.0));
        let hai_long = parse_answer(Some(&text("Hài lòng")));
        assert_eq!(in_scale(hai_long, Scale::Agreement), Answer::Invalid);
        assert_eq!(
            in_scale(parse_answer(Some(&text("Phân vân"))), Scale::Agreement),
            Answer::Level(3, None)
        );
        let prose = [text("Nhanh gọn"), text("Không có"), text("Tốt")];
        assert!(scale_of(prose.iter()).1 < 0.5);
    }

    #[test]
    fn form_tools_number_their_questions() {
        assert_eq!(
            numbered_question("1. Thủ tục được niêm yết công khai").as_deref(),
            Some("1")
        );
        assert_eq!(
            numbered_question("2.3 Công chức lịch sự").as_deref(),
            Some("2.3")
        );
        assert_eq!(numbered_question("Q4").as_deref(), Some("4"));
        assert_eq!(
            numbered_question("Q1.2. Thời gian chờ").as_deref(),
            Some("1.2")
        );
        assert_eq!(numbered_question("2023"), None);
        assert_eq!(numbered_question("Quận"), None);
        assert_eq!(numbered_question("Giới tính"), None);
        assert_eq!(
            question_text("1. Thủ tục được niêm yết"),
            "Thủ tục được niêm yết"
        );
        assert_eq!(question_text("Q4. Thời gian"), "Thời gian");
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
