//! The words of the unit register: a unit with its predecessors and successors, and why a name
//! does not resolve to one unit.

use cchc_model::Lang;
use cchc_query::units::{Related, UnitNote, UnitView};
use cchc_units::{Register, Unresolved};

use super::Words;

fn say(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A peer group in a table's cell: the block's members.
pub fn peer_group_cell(code: &str, lang: Lang) -> &'static str {
    let (vi, en) = match code {
        "departments" => ("sở, ban, ngành", "departments"),
        "districts" => ("huyện", "districts"),
        "communes" => ("xã, phường", "communes"),
        "provinces" => ("tỉnh", "provinces"),
        _ => ("bộ, ngành", "ministries"),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A peer group in words.
fn peer_group(code: &str, lang: Lang) -> &'static str {
    let (vi, en) = match code {
        "departments" => ("khối sở, ban, ngành", "departments"),
        "districts" => ("khối huyện", "districts"),
        "communes" => ("khối xã, phường", "communes"),
        "provinces" => ("khối tỉnh", "provinces"),
        _ => ("khối bộ, ngành", "ministries"),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

fn edge(code: &str, lang: Lang) -> &'static str {
    match (code, lang) {
        ("full", Lang::Vi) => "toàn bộ",
        ("full", Lang::En) => "whole",
        (_, Lang::Vi) => "một phần",
        (_, Lang::En) => "in part",
    }
}

/// A province's name, with its last day when it has ended (old Đồng Nai).
fn province(name: Option<&str>, until: Option<cchc_calendar::Day>, lang: Lang) -> String {
    match (name, until) {
        (Some(p), Some(d)) => say(
            lang,
            format!(" — \"{p}\" (tỉnh đến {d})"),
            format!(" — \"{p}\" (the province until {d})"),
        ),
        (Some(p), None) => format!(" — \"{p}\""),
        (None, _) => String::new(),
    }
}

fn related_line(r: &Related, lang: Lang) -> String {
    let indent = "  ".repeat(r.depth);
    let province = province(r.province.as_deref(), r.province_until, lang);
    let code = r
        .code
        .as_deref()
        .map(|c| format!(" [{c}]"))
        .unwrap_or_default();
    format!(
        "{indent}{} \"{}\"{province}{code} ({})",
        r.date,
        r.unit,
        edge(r.edge, lang)
    )
}

/// `cchc units show` in lines.
pub fn unit_lines(v: &UnitView, lang: Lang) -> Vec<String> {
    let province = province(v.province.as_deref(), v.province_until, lang);
    let from = v.valid_from.map(|d| d.to_string());
    let to = v.valid_to.map(|d| d.to_string());
    let validity = match (from, to, lang) {
        (Some(f), Some(t), Lang::Vi) => format!("hiệu lực {f}–{t}"),
        (Some(f), Some(t), Lang::En) => format!("valid {f}–{t}"),
        (Some(f), None, Lang::Vi) => format!("hiệu lực từ {f}"),
        (Some(f), None, Lang::En) => format!("valid from {f}"),
        (None, Some(t), Lang::Vi) => format!("hiệu lực đến {t}"),
        (None, Some(t), Lang::En) => format!("valid to {t}"),
        (None, None, Lang::Vi) => "còn hiệu lực".to_owned(),
        (None, None, Lang::En) => "valid".to_owned(),
    };
    let code = v
        .code
        .as_deref()
        .map(|c| say(lang, format!("; mã {c}"), format!("; code {c}")))
        .unwrap_or_default();
    let mut lines = vec![
        format!(
            "\"{}\"{province} ({}; {validity}{code})",
            v.unit,
            peer_group(v.peer_group, lang)
        ),
        say(lang, format!("khoá: {}", v.key), format!("key: {}", v.key)),
    ];
    for (list, vi, en) in [
        (&v.predecessors, "Đơn vị trước", "Predecessors"),
        (&v.successors, "Đơn vị sau", "Successors"),
    ] {
        if list.is_empty() {
            lines.push(say(lang, format!("{vi}: không có"), format!("{en}: none")));
        } else {
            lines.push(say(lang, format!("{vi}:"), format!("{en}:")));
            lines.extend(list.iter().map(|r| related_line(r, lang)));
        }
    }
    lines
}

/// A key of the register described for people: the unit's name and its province.
fn described(key: &str) -> String {
    let r = Register::get();
    match r.unit(key) {
        Some(u) => {
            let province = u
                .province
                .as_deref()
                .and_then(|p| r.unit(p))
                .map(|p| format!(", \"{}\"", p.name))
                .unwrap_or_default();
            let code = u
                .code
                .as_deref()
                .map(|c| format!(" {c}"))
                .unwrap_or_default();
            let district = u
                .district
                .as_deref()
                .and_then(|d| r.unit(d))
                .map(|d| format!(", \"{}\"", d.name))
                .unwrap_or_default();
            format!("\"{}\"{code}{district}{province} ({key})", u.name)
        }
        None => key.to_owned(),
    }
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Words for Unresolved {
    fn words(&self, lang: Lang) -> String {
        match self {
            Unresolved::Province { asked, valid } => say(
                lang,
                format!(
                    "không có tỉnh \"{asked}\" vào thời điểm này; có {} tỉnh: {}",
                    valid.len(),
                    quoted(valid)
                ),
                format!(
                    "no province \"{asked}\" at that time; there are {} provinces: {}",
                    valid.len(),
                    quoted(valid)
                ),
            ),
            Unresolved::Unknown { asked, nearest } if nearest.is_empty() => say(
                lang,
                format!("danh mục không có đơn vị \"{asked}\""),
                format!("the register has no unit \"{asked}\""),
            ),
            Unresolved::Unknown { asked, nearest } => say(
                lang,
                format!(
                    "danh mục không có đơn vị \"{asked}\"; gần nhất: {}",
                    quoted(nearest)
                ),
                format!(
                    "the register has no unit \"{asked}\"; the nearest: {}",
                    quoted(nearest)
                ),
            ),
            Unresolved::Ambiguous { asked, candidates } => {
                let list = candidates
                    .iter()
                    .map(|k| described(k))
                    .collect::<Vec<_>>()
                    .join("; ");
                // The way to tell them apart in a file: the district after the name.
                let r = Register::get();
                let example = candidates
                    .first()
                    .and_then(|k| r.unit(k))
                    .and_then(|u| u.district.as_deref())
                    .and_then(|d| r.unit(d))
                    .map(|d| {
                        // "Huyện Tân Phú" after a name: "…, huyện Tân Phú".
                        let mut chars = d.name.chars();
                        let first: String = chars
                            .next()
                            .into_iter()
                            .flat_map(char::to_lowercase)
                            .collect();
                        format!(" (\"{asked}, {first}{}\")", chars.as_str())
                    })
                    .unwrap_or_default();
                say(
                    lang,
                    format!(
                        "\"{asked}\" là nhiều đơn vị: {list}; hãy ghi rõ huyện sau tên{example}, tỉnh, mã hoặc ngày (--as-of)"
                    ),
                    format!(
                        "\"{asked}\" names several units: {list}; write the district after the name{example}, or give the province, code or day (--as-of)"
                    ),
                )
            }
        }
    }
}

impl Words for UnitNote {
    fn words(&self, lang: Lang) -> String {
        match self {
            UnitNote::Unknown { unit, nearest } if nearest.is_empty() => say(
                lang,
                format!(
                    "cảnh báo: danh mục đơn vị không có \"{unit}\" trong tỉnh này; số liệu được giữ như đã ghi"
                ),
                format!(
                    "warning: the register of units has no \"{unit}\" in this province; its figures are kept as written"
                ),
            ),
            UnitNote::Unknown { unit, nearest } => say(
                lang,
                format!(
                    "cảnh báo: danh mục đơn vị không có \"{unit}\" trong tỉnh này (gần nhất: {}); số liệu được giữ như đã ghi — nếu là một trong các đơn vị đó, hãy thêm tên vào tệp --units",
                    quoted(nearest)
                ),
                format!(
                    "warning: the register of units has no \"{unit}\" in this province (nearest: {}); its figures are kept as written — if it is one of those, add the name to a --units file",
                    quoted(nearest)
                ),
            ),
            UnitNote::Ended {
                unit,
                until,
                successors,
            } => say(
                lang,
                format!(
                    "cảnh báo: \"{unit}\" đã kết thúc ngày {until}, trước kỳ của tệp; đơn vị kế tục: {}; số liệu được giữ cho \"{unit}\"",
                    quoted(successors)
                ),
                format!(
                    "warning: \"{unit}\" ended on {until}, before the file's period; its successors: {}; the figures are kept for \"{unit}\"",
                    quoted(successors)
                ),
            ),
        }
    }
}

impl Words for cchc_query::MapNotice {
    fn words(&self, lang: Lang) -> String {
        match self {
            cchc_query::MapNotice::Divided { unit, into } => say(
                lang,
                format!(
                    "lưu ý: \"{unit}\" đã được chia cho {}; số liệu của đơn vị này giữ như đã báo cáo, không chia theo ước đoán (xem --map reported)",
                    quoted(into)
                ),
                format!(
                    "note: \"{unit}\" was divided among {}; its figures are kept as reported, never split by a guess (see --map reported)",
                    quoted(into)
                ),
            ),
            cchc_query::MapNotice::Ended { unit } => say(
                lang,
                format!(
                    "lưu ý: \"{unit}\" đã kết thúc, không có đơn vị kế tục trong danh mục; số liệu giữ như đã báo cáo"
                ),
                format!(
                    "note: \"{unit}\" ended with no successor in the register; its figures are kept as reported"
                ),
            ),
        }
    }
}
