//! Reading the cells of a procedure row: codes (`1.001234`, provincial `….H35`), section labels
//! ("I. Lĩnh vực Đầu tư"), counts ("-" = 0, blank = unknown), time limits ("15 ngày làm việc",
//! "Trong ngày", "04 giờ"), fees ("50.000 đồng", "Không") and online levels.

use cchc_calendar::{Limit, LimitUnit};
use cchc_model::{CellRef, Warning, WarningKind};

use super::fields::Mapping;
use crate::cell::{Row, Value, clean};
use crate::table::number::{Parsed, parse_vn_number};
use crate::table::text::fold;

/// Whether a text is a procedure code: the national `1.001234`, optionally extended by a
/// provincial system (`1.001234.000.00.00.H35`).
pub(crate) fn is_procedure_code(code: &str) -> bool {
    let mut parts = code.split('.');
    let head = parts.next().unwrap_or("");
    let body = parts.next().unwrap_or("");
    head.len() == 1
        && head.chars().all(|c| c.is_ascii_digit())
        && body.len() == 6
        && body.chars().all(|c| c.is_ascii_digit())
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A code cell as text. A code typed as a number (1.00123 for `1.001230`) gets its six decimals
/// back: Excel drops trailing zeros of numbers, never of codes.
pub(super) fn code_text(v: &Value) -> String {
    match v {
        Value::Number(x) if (1.0..10.0).contains(x) => format!("{x:.6}"),
        other => clean(&other.as_text()).trim().to_owned(),
    }
}

/// Whether a row label opens a section: "I", "II.", "I. Lĩnh vực Đầu tư", "Lĩnh vực Xây dựng".
pub(super) fn is_section_label(label: &str) -> bool {
    let key = fold(label);
    if key.starts_with("linh vuc") || key.starts_with("nhom ") {
        return true;
    }
    let first: String = key
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    !first.is_empty()
        && first.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l'))
        && key[first.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
}

/// The field name a section row gives: "I. Lĩnh vực Đầu tư" → "Đầu tư".
pub(super) fn section_field(label: &str) -> Option<String> {
    let text = clean(label);
    let text = text.trim();
    // Drop a leading roman or arabic numbering ("I.", "II -", "1)").
    let key = fold(text);
    let numbering: usize = key
        .chars()
        .take_while(|c| matches!(c, 'i' | 'v' | 'x' | 'l') || c.is_ascii_digit())
        .count();
    let rest_key = &key[numbering..];
    let mut skip = numbering;
    if numbering > 0
        && !rest_key.is_empty()
        && !rest_key.starts_with(|c: char| !c.is_alphanumeric())
    {
        skip = 0; // "Lĩnh vực …" starts with "l", "Xây dựng" with "x": not a numbering.
    }
    let after: String = text.chars().skip(skip).collect();
    let after = after.trim_start_matches(|c: char| !c.is_alphanumeric());
    let after_key = fold(after);
    let name = if after_key.starts_with("linh vuc") {
        let n = "linh vuc".chars().count();
        after.chars().skip(n).collect::<String>()
    } else {
        after.to_owned()
    };
    let name = name
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .to_owned();
    (!name.is_empty()).then_some(name)
}

/// A cell that must hold a count: `Ok(None)` when blank, `Ok(Some(0))` for "-".
pub(super) fn count_cell(v: Option<&Value>) -> Result<Option<i64>, String> {
    let Some(v) = v else { return Ok(None) };
    let x = match v {
        Value::Number(x) => *x,
        Value::Text(s) => match parse_vn_number(s) {
            Some(Parsed::Number(x)) | Some(Parsed::AmbiguousThousands(x)) => x,
            Some(Parsed::None) if s.trim().is_empty() => return Ok(None),
            Some(Parsed::None) => return Ok(Some(0)),
            None => return Err(s.to_string()),
        },
        other => return Err(other.as_text()),
    };
    if x.is_finite() && x >= 0.0 && x.fract() == 0.0 && x < 1e15 {
        Ok(Some(x as i64))
    } else {
        Err(v.as_text())
    }
}

/// A time in working days: a number, "15 ngày", "03 ngày làm việc", "Trong ngày" (1), "04 giờ" (0.5):
/// a [`limit_cell`] with its unit dropped.
pub(super) fn days_cell(v: Option<&Value>) -> Result<Option<f64>, String> {
    Ok(limit_cell(v)?.map(|l| match l.unit {
        LimitUnit::SameDay => 1.0,
        LimitUnit::WorkingHours => l.amount / 8.0,
        LimitUnit::WorkingDays | LimitUnit::CalendarDays => l.amount,
    }))
}

/// A legal time limit with its unit, as registries write it: "15 ngày làm việc" (working days),
/// "10 ngày" (calendar days: the law says "làm việc" when it means working days), "04 giờ làm
/// việc" (working hours), "Trong ngày" (same day); a bare number is in working days. The number
/// is the first one in the text ("05 ngày làm việc kể từ ngày nhận đủ hồ sơ").
pub(super) fn limit_cell(v: Option<&Value>) -> Result<Option<Limit>, String> {
    let Some(v) = v else { return Ok(None) };
    match v {
        Value::Number(x) if x.is_finite() && *x >= 0.0 => {
            Ok(Some(Limit::new(*x, LimitUnit::WorkingDays)))
        }
        Value::Text(s) => {
            match parse_vn_number(s) {
                Some(Parsed::Number(x)) | Some(Parsed::AmbiguousThousands(x)) if x >= 0.0 => {
                    return Ok(Some(Limit::new(x, LimitUnit::WorkingDays)));
                }
                Some(Parsed::None) => return Ok(None),
                _ => {}
            }
            let key = fold(s);
            if key.starts_with("trong ngay") || key.starts_with("ngay trong ngay") {
                return Ok(Some(Limit::new(0.0, LimitUnit::SameDay)));
            }
            if key.starts_with("ngay lam viec") {
                return Ok(Some(Limit::new(1.0, LimitUnit::WorkingDays)));
            }
            if key.starts_with("khong quy dinh") {
                return Ok(None);
            }
            let digits: String = key
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                .collect();
            let rest = key[digits.len()..].trim_start();
            let amount = match parse_vn_number(&digits) {
                Some(Parsed::Number(x)) | Some(Parsed::AmbiguousThousands(x)) => x,
                _ => return Err(s.to_string()),
            };
            let unit = if let Some(after) = rest.strip_prefix("ngay") {
                if after.trim_start().starts_with("lam viec") {
                    LimitUnit::WorkingDays
                } else {
                    LimitUnit::CalendarDays
                }
            } else if rest.starts_with("gio") {
                LimitUnit::WorkingHours
            } else {
                return Err(s.to_string());
            };
            Ok(Some(Limit::new(amount, unit)))
        }
        other => Err(other.as_text()),
    }
}

/// A fee in VND: a number, "50.000 đồng", "Không", "Miễn phí"; `Err` for text that states a rule
/// rather than an amount.
pub(super) fn fee_cell(v: Option<&Value>) -> Result<Option<f64>, String> {
    let Some(v) = v else { return Ok(None) };
    match v {
        Value::Number(x) if x.is_finite() && *x >= 0.0 => Ok(Some(*x)),
        Value::Text(s) => {
            let key = fold(s);
            if matches!(
                key.as_str(),
                "khong" | "khong co" | "khong thu" | "mien phi" | "mien" | "0" | "-"
            ) {
                return Ok(Some(0.0));
            }
            let digits: String = key
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                .collect();
            let rest = key[digits.len()..].trim_start();
            match parse_vn_number(&digits) {
                Some(Parsed::Number(x)) | Some(Parsed::AmbiguousThousands(x))
                    if rest.is_empty()
                        || rest.starts_with("dong")
                        || rest.starts_with("d/")
                        || rest == "d"
                        || rest.starts_with("vnd") =>
                {
                    Ok(Some(x))
                }
                _ => Err(s.to_string()),
            }
        }
        other => Err(other.as_text()),
    }
}

/// The online level: `full` (toàn trình, mức 4), `partial` (một phần, mức 3), `none` (mức 1–2).
pub(crate) fn online_level(v: Option<&Value>) -> Result<Option<&'static str>, String> {
    let Some(v) = v else { return Ok(None) };
    let key = fold(&v.as_text());
    let key = key.trim();
    let level = key
        .strip_prefix("muc do")
        .or_else(|| key.strip_prefix("muc"))
        .unwrap_or(key)
        .trim();
    Ok(Some(match level {
        "" => return Ok(None),
        "toan trinh" | "dvc toan trinh" | "truc tuyen toan trinh" | "4" => "full",
        "mot phan" | "dvc mot phan" | "truc tuyen mot phan" | "3" => "partial",
        "1" | "2" | "khong" | "-" | "khong co" | "chua" => "none",
        _ => return Err(v.as_text()),
    }))
}

/// An optional attribute's cell read with `parse`; a cell it cannot read is left unknown with a
/// `NotRead` warning naming the cell.
pub(super) fn optional<T>(
    mapping: &Mapping,
    row: &Row,
    sheet: &str,
    field: &str,
    parse: impl Fn(Option<&Value>) -> Result<Option<T>, String>,
    warnings: &mut Vec<Warning>,
) -> Option<T> {
    let col = mapping.get(field)?;
    match parse(row.get(col)) {
        Ok(v) => v,
        Err(value) => {
            warnings.push(Warning {
                cell: Some(CellRef::new(sheet, row.index, col)),
                kind: WarningKind::NotRead {
                    column: mapping.header(col),
                    value,
                },
            });
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn procedure_codes_are_national_or_provincial_extensions() {
        assert!(is_procedure_code("1.001234"));
        assert!(is_procedure_code("2.002180.000.00.00.H35"));
        assert!(!is_procedure_code("1.00123"));
        assert!(!is_procedure_code("12.001234"));
        assert!(!is_procedure_code("I"));
        assert!(!is_procedure_code("1.001234."));
        assert_eq!(code_text(&Value::Number(1.00123)), "1.001230");
    }

    #[test]
    fn sections_give_their_field() {
        assert!(is_section_label("I"));
        assert!(is_section_label("II. Lĩnh vực Đầu tư"));
        assert!(is_section_label("Lĩnh vực Xây dựng"));
        assert!(!is_section_label("Xây dựng"));
        assert!(!is_section_label("Cấp giấy phép"));
        assert_eq!(
            section_field("I. Lĩnh vực Đầu tư").as_deref(),
            Some("Đầu tư")
        );
        assert_eq!(section_field("II - Xây dựng").as_deref(), Some("Xây dựng"));
        assert_eq!(
            section_field("Lĩnh vực Lao động").as_deref(),
            Some("Lao động")
        );
        assert_eq!(section_field("III"), None);
    }

    #[test]
    fn counts_days_fees_and_levels_read_the_way_offices_write_them() {
        assert_eq!(count_cell(Some(&text("1.234"))), Ok(Some(1234)));
        assert_eq!(count_cell(Some(&text("-"))), Ok(Some(0)));
        assert_eq!(count_cell(None), Ok(None));
        assert_eq!(
            count_cell(Some(&Value::Number(12.5))),
            Err("12.5".to_owned())
        );
        assert!(count_cell(Some(&text("nhiều"))).is_err());
        assert_eq!(days_cell(Some(&text("15 ngày làm việc"))), Ok(Some(15.0)));
        assert_eq!(days_cell(Some(&text("Trong ngày"))), Ok(Some(1.0)));
        assert_eq!(days_cell(Some(&text("04 giờ"))), Ok(Some(0.5)));
        assert_eq!(days_cell(Some(&text("2,5"))), Ok(Some(2.5)));
        let limit = |s: &str| limit_cell(Some(&text(s))).map(|l| l.map(|l| (l.amount, l.unit)));
        use LimitUnit::*;
        assert_eq!(limit("15 ngày làm việc"), Ok(Some((15.0, WorkingDays))));
        assert_eq!(limit("15 ngày"), Ok(Some((15.0, CalendarDays))));
        assert_eq!(
            limit("10 ngày kể từ ngày nhận đủ hồ sơ hợp lệ"),
            Ok(Some((10.0, CalendarDays)))
        );
        assert_eq!(limit("04 giờ làm việc"), Ok(Some((4.0, WorkingHours))));
        assert_eq!(limit("Trong ngày"), Ok(Some((0.0, SameDay))));
        assert_eq!(limit("Trong ngày làm việc"), Ok(Some((0.0, SameDay))));
        assert_eq!(limit("2,5"), Ok(Some((2.5, WorkingDays))));
        assert_eq!(
            limit_cell(Some(&Value::Number(7.0)))
                .unwrap()
                .map(|l| l.unit),
            Some(WorkingDays)
        );
        assert!(limit("theo quy định").is_err());
        assert!(days_cell(Some(&text("theo quy định"))).is_err());
        assert_eq!(fee_cell(Some(&text("50.000 đồng"))), Ok(Some(50000.0)));
        assert_eq!(fee_cell(Some(&text("Không"))), Ok(Some(0.0)));
        assert!(fee_cell(Some(&text("Theo Thông tư 85/2019"))).is_err());
        assert_eq!(online_level(Some(&text("Toàn trình"))), Ok(Some("full")));
        assert_eq!(online_level(Some(&text("Mức độ 3"))), Ok(Some("partial")));
        assert_eq!(online_level(Some(&Value::Number(2.0))), Ok(Some("none")));
    }
}
