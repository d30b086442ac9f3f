//! The words of tables and files for people: a yes or no, a scale's short name in a cell, the
//! proposal appendix's titles and headers, a stored rejection's reason, the calendar's notes.

use cchc_model::{Lang, RejectReason, Scale};

use super::Words;

/// A boolean in a table.
pub fn yes_no(b: bool, lang: Lang) -> &'static str {
    match (b, lang) {
        (true, Lang::Vi) => "có",
        (false, Lang::Vi) => "không",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    }
}

/// A stored scale name in a table cell: short words ("đồng ý"; "nhiều thang" for mixed).
pub fn scale_cell(name: Option<&str>, lang: Lang) -> String {
    let (vi, en) = match Scale::parse(name) {
        Some(Scale::Satisfaction) => ("hài lòng", "satisfaction"),
        Some(Scale::Agreement) => ("đồng ý", "agreement"),
        Some(Scale::Quality) => ("chất lượng", "quality"),
        Some(Scale::Numbers) => ("số 1–5", "numbers 1–5"),
        None => ("nhiều thang", "mixed"),
    };
    lang.pick(vi, en).to_owned()
}

/// The title lines of a unit's proposal appendix.
pub fn appendix_title(unit: &str, year: i32, lang: Lang) -> [String; 3] {
    match lang {
        Lang::Vi => [
            "PHỤ LỤC".to_owned(),
            "DANH MỤC THỦ TỤC HÀNH CHÍNH ĐỀ XUẤT ĐƠN GIẢN HOÁ".to_owned(),
            format!("(Đơn vị: {unit}; số liệu năm {year})"),
        ],
        Lang::En => [
            "APPENDIX".to_owned(),
            "ADMINISTRATIVE PROCEDURES PROPOSED FOR SIMPLIFICATION".to_owned(),
            format!("(Unit: {unit}; figures of {year})"),
        ],
    }
}

/// The appendix's column headers: before the band, the band over the figures, the figures,
/// after the band.
pub fn appendix_headers(
    lang: Lang,
    year: i32,
) -> (
    Vec<&'static str>,
    String,
    Vec<&'static str>,
    Vec<&'static str>,
) {
    let before = match lang {
        Lang::Vi => vec!["STT", "Mã TTHC", "Tên thủ tục hành chính", "Lĩnh vực"],
        Lang::En => vec!["No.", "Code", "Procedure", "Field"],
    };
    let band = match lang {
        Lang::Vi => format!("SỐ LIỆU NĂM {year}"),
        Lang::En => format!("FIGURES {year}"),
    };
    let figures = match lang {
        Lang::Vi => vec![
            "Số hồ sơ tiếp nhận",
            "Tỷ lệ trễ hạn",
            "Thời hạn giải quyết (ngày)",
            "Thời gian thực tế bình quân (ngày)",
            "Số thành phần hồ sơ",
        ],
        Lang::En => vec![
            "Dossiers received",
            "Late rate",
            "Legal time limit (days)",
            "Average actual time (days)",
            "Dossier components",
        ],
    };
    let after = match lang {
        Lang::Vi => vec![
            "Lý do đề xuất",
            "Phương án đơn giản hoá",
            "Chi phí tuân thủ hiện nay (đồng/năm)",
            "Chi phí tiết kiệm ước tính (đồng/năm)",
        ],
        Lang::En => vec![
            "Reasons",
            "Proposal",
            "Compliance cost now (VND a year)",
            "Estimated saving (VND a year)",
        ],
    };
    (before, band, figures, after)
}

/// A stored reason in words: from its data, or the words stored with it by older versions.
pub fn reason_words(
    rejection: Option<&str>,
    vi: Option<&str>,
    en: Option<&str>,
    lang: Lang,
) -> String {
    if let Some(reason) = rejection.and_then(|json| serde_json::from_str::<RejectReason>(json).ok())
    {
        return reason.words(lang);
    }
    let legacy = match lang {
        Lang::Vi => vi,
        Lang::En => en,
    };
    legacy.unwrap_or_default().to_owned()
}

/// A source `cchc store` does not know.
pub fn no_source(source: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("không có nguồn nào là \"{source}\"; xem: \"cchc store list\""),
        Lang::En => format!("no source \"{source}\"; see: \"cchc store list\""),
    }
}

/// Where to see rejected rows again.
pub fn rejects_hint(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "(xem lại các dòng bị loại: cchc rejects)",
        Lang::En => "(list rejected rows again: cchc rejects)",
    }
}

/// How many working days a year has.
pub fn working_days(year: i32, n: i32, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Năm {year}: {n} ngày làm việc."),
        Lang::En => format!("{year}: {n} working days."),
    }
}

fn clock(m: u16) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// The working hours of a calendar (a province's, quoted, or the default), and the years it
/// covers.
pub fn working_hours(h: &cchc_calendar::Hours, (first, last): (i32, i32), lang: Lang) -> String {
    let province = match &h.province {
        Some(p) => format!("\"{p}\""),
        None => lang.say(super::phrases::DEFAULT).to_owned(),
    };
    let (m0, m1, a0, a1, cutoff) = (
        clock(h.morning.start),
        clock(h.morning.end),
        clock(h.afternoon.start),
        clock(h.afternoon.end),
        clock(h.same_day_cutoff),
    );
    match lang {
        Lang::Vi => format!(
            "Giờ làm việc ({province}): {m0}–{m1}, {a0}–{a1}; thủ tục trong ngày nhận sau {cutoff} hẹn trả ngày làm việc kế tiếp. Lịch có các năm {first}–{last}."
        ),
        Lang::En => format!(
            "Working hours ({province}): {m0}–{m1}, {a0}–{a1}; same-day procedures received after {cutoff} are due the next working day. The calendar covers {first}–{last}."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_reasons_are_put_in_words_and_older_ones_keep_theirs() {
        let json = r#"{"reason":"not_a_number","column":"Điểm","value":"x"}"#;
        let vi = reason_words(Some(json), None, None, Lang::Vi);
        assert!(
            vi.contains("không phải là số") && vi.contains("\"x\""),
            "{vi}"
        );
        let en = reason_words(Some(json), None, None, Lang::En);
        assert!(en.contains("not a number"), "{en}");
        assert_eq!(reason_words(None, Some("cũ"), Some("old"), Lang::En), "old");
    }
}
