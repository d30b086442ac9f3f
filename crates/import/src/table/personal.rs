//! Personal data in a table: columns whose header or content is an email address, a phone
//! number, a person's name, a citizen ID (CCCD 12 digits, CMND 9), a student or staff ID, a date
//! of birth or a street address. Such columns are not stored by default (`--keep-personal-data`
//! keeps them), and their values never reach a message: a refused row's text leaves them out.

use crate::cell::Value;
use crate::table::text::fold;

/// The kind of personal data a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonalKind {
    /// An email address.
    Email,
    /// A phone number.
    Phone,
    /// A person's full name.
    Name,
    /// A citizen ID (CCCD/CMND), a student or staff ID.
    IdNumber,
    /// A date of birth.
    BirthDate,
    /// A street address.
    Address,
}

impl PersonalKind {
    /// Every kind, in a fixed order.
    pub const ALL: [PersonalKind; 6] = [
        PersonalKind::Email,
        PersonalKind::Phone,
        PersonalKind::Name,
        PersonalKind::IdNumber,
        PersonalKind::BirthDate,
        PersonalKind::Address,
    ];
}

/// Folded headers that name personal data (a header starting with one of them, the longest
/// match winning).
const HEADERS: &[(&str, PersonalKind)] = &[
    ("email", PersonalKind::Email),
    ("e-mail", PersonalKind::Email),
    ("dia chi email", PersonalKind::Email),
    ("dia chi e-mail", PersonalKind::Email),
    ("thu dien tu", PersonalKind::Email),
    ("dia chi thu dien tu", PersonalKind::Email),
    ("so dien thoai", PersonalKind::Phone),
    ("dien thoai", PersonalKind::Phone),
    ("sdt", PersonalKind::Phone),
    ("so dt", PersonalKind::Phone),
    ("phone", PersonalKind::Phone),
    ("ho va ten", PersonalKind::Name),
    ("ho ten", PersonalKind::Name),
    ("ten nguoi", PersonalKind::Name),
    ("full name", PersonalKind::Name),
    ("your name", PersonalKind::Name),
    ("cccd", PersonalKind::IdNumber),
    ("cmnd", PersonalKind::IdNumber),
    ("so cccd", PersonalKind::IdNumber),
    ("so cmnd", PersonalKind::IdNumber),
    ("can cuoc", PersonalKind::IdNumber),
    ("so can cuoc", PersonalKind::IdNumber),
    ("chung minh nhan dan", PersonalKind::IdNumber),
    ("so dinh danh", PersonalKind::IdNumber),
    ("ma dinh danh", PersonalKind::IdNumber),
    ("ma so sinh vien", PersonalKind::IdNumber),
    ("ma sinh vien", PersonalKind::IdNumber),
    ("mssv", PersonalKind::IdNumber),
    ("ma hoc sinh", PersonalKind::IdNumber),
    ("ma nhan vien", PersonalKind::IdNumber),
    ("ma can bo", PersonalKind::IdNumber),
    ("ma so can bo", PersonalKind::IdNumber),
    ("ngay sinh", PersonalKind::BirthDate),
    ("ngay thang nam sinh", PersonalKind::BirthDate),
    ("ngay, thang, nam sinh", PersonalKind::BirthDate),
    ("date of birth", PersonalKind::BirthDate),
    ("dia chi", PersonalKind::Address),
    ("noi o", PersonalKind::Address),
    ("cho o", PersonalKind::Address),
    ("noi thuong tru", PersonalKind::Address),
    ("address", PersonalKind::Address),
];

/// The personal data a header names, if any ("Địa chỉ email" is an email, "Địa chỉ" an address).
pub(crate) fn by_header(header: &str) -> Option<PersonalKind> {
    let key = fold(header);
    // A numbered question ("3. Địa chỉ …") is not a header of this kind.
    let key = key.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    HEADERS
        .iter()
        .filter(|(h, _)| {
            key == *h
                || key
                    .strip_prefix(h)
                    .is_some_and(|rest| rest.starts_with(|c: char| !c.is_alphanumeric()))
        })
        .max_by_key(|(h, _)| h.len())
        .map(|(_, kind)| *kind)
}

fn is_email(s: &str) -> bool {
    let s = s.trim();
    let Some((user, domain)) = s.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && !user.contains(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains(char::is_whitespace)
}

/// The digits of a value written as a number or as text with separators (spaces, dots,
/// dashes), or `None` when other characters are in it.
fn digits(v: &Value) -> Option<String> {
    let text = match v {
        Value::Number(x) if x.fract() == 0.0 && *x >= 0.0 => format!("{x:.0}"),
        Value::Text(s) => s.to_string(),
        _ => return None,
    };
    let text = text.trim();
    let body = text.strip_prefix('+').unwrap_or(text);
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')'))
    {
        return None;
    }
    Some(body.chars().filter(char::is_ascii_digit).collect())
}

fn is_phone(v: &Value) -> bool {
    // Vietnamese numbers: 0 and 9 digits (mobile) or 10 (landline), or 84 and 9 digits. A phone
    // number stored as a number loses its leading 0: 9 digits starting 3, 5, 7, 8 or 9.
    let Some(d) = digits(v) else { return false };
    match (d.len(), d.as_bytes().first()) {
        (10, Some(b'0')) | (11, Some(b'0')) => true,
        (11, Some(b'8')) => d.starts_with("84"),
        (9, Some(b'3' | b'5' | b'7' | b'8' | b'9')) => matches!(v, Value::Number(_)),
        _ => false,
    }
}

fn is_id_number(v: &Value) -> bool {
    // CCCD: 12 digits; CMND: 9 digits (as text; a 9-digit number is more often a phone).
    let Some(d) = digits(v) else { return false };
    d.len() == 12 || (d.len() == 9 && matches!(v, Value::Text(_)) && !d.starts_with('0'))
}

/// The personal data a column's values are, when most of its non-blank sample values (at least
/// two) are emails, phone numbers or ID numbers.
pub(crate) fn by_content<'a>(values: impl Iterator<Item = &'a Value>) -> Option<PersonalKind> {
    let values: Vec<&Value> = values.collect();
    if values.len() < 2 {
        return None;
    }
    let share = |pred: &dyn Fn(&Value) -> bool| {
        values.iter().filter(|v| pred(v)).count() as f64 / values.len() as f64
    };
    const MOST: f64 = 0.8;
    if share(&|v| matches!(v, Value::Text(s) if is_email(s))) >= MOST {
        Some(PersonalKind::Email)
    } else if share(&is_id_number) >= MOST {
        Some(PersonalKind::IdNumber)
    } else if share(&is_phone) >= MOST {
        Some(PersonalKind::Phone)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn headers_name_personal_data() {
        assert_eq!(by_header("Địa chỉ email"), Some(PersonalKind::Email));
        assert_eq!(by_header("Email Address"), Some(PersonalKind::Email));
        assert_eq!(by_header("Họ và tên"), Some(PersonalKind::Name));
        assert_eq!(by_header("Số CCCD/CMND"), Some(PersonalKind::IdNumber));
        assert_eq!(by_header("Ngày sinh"), Some(PersonalKind::BirthDate));
        assert_eq!(by_header("Địa chỉ thường trú"), Some(PersonalKind::Address));
        assert_eq!(by_header("Số điện thoại"), Some(PersonalKind::Phone));
        assert_eq!(by_header("Giới tính"), None);
        assert_eq!(by_header("Tên thủ tục"), None);
        assert_eq!(by_header("Ý kiến khác"), None);
    }

    #[test]
    fn content_names_emails_phones_and_ids() {
        let emails = [text("a.b@gmail.com"), text("c@x.vn"), text("d@y.gov.vn")];
        assert_eq!(by_content(emails.iter()), Some(PersonalKind::Email));
        let phones = [
            text("0912 345 678"),
            text("+84 912345678"),
            Value::Number(912345679.0),
        ];
        assert_eq!(by_content(phones.iter()), Some(PersonalKind::Phone));
        let ids = [text("001203004567"), text("012345678901")];
        assert_eq!(by_content(ids.iter()), Some(PersonalKind::IdNumber));
        let answers = [text("Hài lòng"), Value::Number(4.0), Value::Number(5.0)];
        assert_eq!(by_content(answers.iter()), None);
        let years = [Value::Number(2023.0), Value::Number(2024.0)];
        assert_eq!(by_content(years.iter()), None);
    }
}
