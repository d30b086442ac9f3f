//! The words of the canonical columns (table headers in Vietnamese and English), which of them
//! hold fractions, and numbers as people write them: the command line's tables and the report
//! share them.

use crate::Lang;
use crate::Scale;
use crate::columns as c;

/// Columns holding fractions, shown as percentages in tables.
pub const RATIOS: &[&str] = &[
    c::ATTAINMENT,
    c::SHARE_OF_LOSS,
    c::CUMULATIVE_SHARE,
    c::PCT_CHANGE,
    c::INDEX,
    c::CI_LOW,
    c::CI_HIGH,
    c::SE,
    c::SHARES[0],
    c::SHARES[1],
    c::SHARES[2],
    c::SHARES[3],
    c::SHARES[4],
    c::ONLINE_SHARE,
    c::DIRECT_SHARE,
    c::POSTAL_SHARE,
    c::ON_TIME_RATE,
    c::LATE_RATE,
    c::LATE_OR_OVERDUE_RATE,
    c::TIME_RATIO,
    c::ONLINE_UPTAKE,
    c::FULL_ONLINE_PROCEDURES,
    c::CUMULATIVE_SHARE_OF_PROCEDURES,
];

/// Column headers for tables: (name, Vietnamese, English).
pub const LABELS: &[(&str, &str, &str)] = &[
    (c::YEAR, "Năm", "Year"),
    (c::UNIT, "Đơn vị", "Unit"),
    (c::UNIT_KEY, "Khoá đơn vị", "Unit key"),
    (c::PROVINCE, "Tỉnh", "Province"),
    (c::PROVINCE_KEY, "Khoá tỉnh", "Province key"),
    (c::PEER_GROUP, "Khối xếp hạng", "Peer group"),
    (c::REPORTED_UNIT, "Đơn vị theo báo cáo", "Unit as reported"),
    (c::COMBINED_FROM, "Gộp từ", "Combined from"),
    (c::PREDECESSORS, "Đơn vị trước", "Predecessors"),
    (c::VALID_FROM, "Hiệu lực từ", "Valid from"),
    (c::VALID_TO, "Hiệu lực đến", "Valid to"),
    (c::DISTRICT, "Huyện", "District"),
    (c::POPULATION, "Dân số", "Population"),
    (c::FROM_KEY, "Đơn vị trước", "From"),
    (c::TO_KEY, "Đơn vị sau", "To"),
    (c::EDGE, "Loại chuyển đổi", "Edge"),
    (c::CODE, "Mã", "Code"),
    (c::CRITERION, "Tiêu chí", "Criterion"),
    (c::MAX_SCORE, "Điểm tối đa", "Max"),
    (c::SCORE, "Điểm đạt", "Score"),
    (c::ATTAINMENT, "Tỷ lệ đạt", "Attainment"),
    (c::POINTS_LOST, "Điểm mất", "Points lost"),
    (c::SHARE_OF_LOSS, "Tỷ trọng mất", "Share of loss"),
    (c::CUMULATIVE_SHARE, "Cộng dồn", "Cumulative"),
    (c::RANK, "Hạng", "Rank"),
    (c::SELF_SCORE, "Tự đánh giá", "Self-assessed"),
    (c::SELF_MINUS_APPRAISED, "Tự ĐG − đạt", "Self − score"),
    (c::MAX_TOTAL, "Tổng điểm tối đa", "Max total"),
    (c::SCORE_TOTAL, "Tổng điểm đạt", "Score total"),
    (c::DELTA, "Tăng/giảm", "Change"),
    (c::PCT_CHANGE, "% thay đổi", "% change"),
    (c::RANK_CHANGE, "Thay đổi hạng", "Rank change"),
    (c::SELF_TOTAL, "Tổng tự ĐG", "Self total"),
    (c::GROUP, "Nhóm", "Group"),
    (c::RESPONDENTS, "Số người trả lời", "Respondents"),
    (c::VALID_ANSWERS, "Câu trả lời hợp lệ", "Valid answers"),
    (c::SATISFIED, "Hài lòng", "Satisfied"),
    (c::INDEX, "Chỉ số hài lòng", "Index"),
    (c::SCALE, "Thang đo", "Scale"),
    (c::CI_LOW, "Cận dưới 95%", "CI low"),
    (c::CI_HIGH, "Cận trên 95%", "CI high"),
    (c::P_VALUE, "Giá trị p", "p-value"),
    (c::P_ADJUSTED, "p hiệu chỉnh", "Adjusted p"),
    (c::SE, "Sai số chuẩn", "SE"),
    (c::DEFF, "Hệ số thiết kế", "Design effect"),
    (c::EFFECTIVE_N, "Cỡ mẫu hiệu dụng", "Effective n"),
    (c::SIGNIFICANT, "Có ý nghĩa", "Significant"),
    (c::SMALL_GROUP, "Nhóm nhỏ (<30)", "Small group"),
    (c::KIND, "Loại", "Kind"),
    (c::YEARS, "Các năm", "Years"),
    (c::UNITS, "Đơn vị", "Units"),
    (c::ROWS_READ, "Dòng đọc", "Rows read"),
    (c::IMPORTED, "Nhập", "Imported"),
    (c::STRUCTURE, "Cấu trúc", "Structure"),
    (c::REJECTED, "Bị loại", "Rejected"),
    (c::IMPORTED_AT, "Thời điểm nhập", "Imported at"),
    (c::DATE, "Ngày", "Date"),
    (c::DOSSIER_CODE, "Mã hồ sơ", "Dossier"),
    (
        c::RECEIVED_ONLINE,
        "Tiếp nhận trực tuyến",
        "Received online",
    ),
    (
        c::RECEIVED_DIRECT,
        "Tiếp nhận trực tiếp",
        "Received in person",
    ),
    (c::RECEIVED_POSTAL, "Tiếp nhận qua BCCI", "Received by post"),
    (c::CARRIED_OVER, "Kỳ trước chuyển qua", "Carried over"),
    (c::RESOLVED_EARLY, "Giải quyết trước hạn", "Resolved early"),
    (
        c::RESOLVED_ON_TIME,
        "Giải quyết đúng hạn",
        "Resolved on time",
    ),
    (c::RESOLVED_LATE, "Giải quyết trễ hạn", "Resolved late"),
    (c::PENDING_IN_TIME, "Đang GQ trong hạn", "Pending in time"),
    (c::CHANNEL, "Kênh", "Channel"),
    (c::DOSSIER_STATUS, "Trạng thái hồ sơ", "Dossier status"),
    (c::SUBMITTED_AT, "Ngày nộp", "Submitted"),
    (c::RECEIVED_AT, "Ngày tiếp nhận", "Received"),
    (c::DUE_WRITTEN, "Ngày hẹn trả", "Due (written)"),
    (c::EXTENDED_TO, "Ngày gia hạn", "Extended to"),
    (c::RESOLVED_AT, "Ngày có kết quả", "Resolved"),
    (c::RETURNED_AT, "Ngày trả kết quả", "Returned"),
    (c::SUPPLEMENT_FROM, "Yêu cầu bổ sung", "Supplement asked"),
    (c::SUPPLEMENT_TO, "Nhận bổ sung", "Supplement in"),
    (c::DUE_LEGAL, "Hạn theo quy định", "Legal due date"),
    (c::VERDICT, "Đánh giá (cchc)", "Verdict (cchc)"),
    (c::OFFICE_VERDICT, "Đánh giá (đơn vị)", "Verdict (office)"),
    (c::WORKING_DAYS, "Số ngày làm việc", "Working days"),
    (c::PERIOD, "Kỳ", "Period"),
    (c::MEDIAN_DAYS, "Trung vị (ngày LV)", "Median (wd)"),
    (c::P90_DAYS, "P90 (ngày LV)", "P90 (wd)"),
    (c::MAX_DAYS, "Lâu nhất (ngày LV)", "Max (wd)"),
    (c::OVER_LIMIT_SHARE, "Vượt thời hạn", "Over the limit"),
    (c::VERDICT_SOURCE, "Theo đánh giá của", "Verdict of"),
    (c::ORIGIN, "Nguồn số liệu", "Source of figures"),
    (c::FIGURE, "Chỉ tiêu", "Figure"),
    (c::FROM_LOG, "Theo sổ theo dõi", "From the log"),
    (c::FROM_OFFICE, "Theo báo cáo", "Reported"),
    (c::DIFFERENCE, "Chênh lệch", "Difference"),
    (c::WEEKDAY, "Thứ", "Weekday"),
    (c::DAY_KIND, "Loại ngày", "Kind of day"),
    (c::DAY_NAME, "Tên ngày", "Day"),
    (c::BASIS, "Căn cứ", "Basis"),
    (c::DECISION, "Văn bản quyết định", "Decision"),
    (c::WORKING_DAY, "Ngày làm việc", "Working day"),
    (c::LUNAR_DATE, "Âm lịch", "Lunar date"),
    (c::SOURCE_FILE, "Tệp nguồn", "Source file"),
    (c::CELL, "Ô", "Cell"),
    (c::REASON_CODE, "Mã lý do", "Reason code"),
    (c::REASON, "Lý do", "Reason"),
    (c::LEGACY_REASON_VI, "Lý do", "Reason"),
    (c::LEGACY_REASON_EN, "Lý do (EN)", "Reason"),
    (c::ROW_TEXT, "Nội dung dòng", "Row"),
    (c::NAME, "Tên thủ tục", "Procedure"),
    (c::FIELD, "Lĩnh vực", "Field"),
    (c::PROCEDURES, "Số TTHC", "Procedures"),
    (
        c::PROCEDURES_WITH_DOSSIERS,
        "TTHC có hồ sơ",
        "With dossiers",
    ),
    (c::RECEIVED, "Tiếp nhận", "Received"),
    (c::ONLINE_SHARE, "Trực tuyến", "Online"),
    (c::DIRECT_SHARE, "Trực tiếp", "In person"),
    (c::POSTAL_SHARE, "BCCI", "Postal"),
    (c::POSTAL_TARGET_MET, "Đạt BCCI", "Postal target"),
    (c::ONLINE_TARGET_MET, "Đạt trực tuyến", "Online target"),
    (c::RESOLVED, "Đã giải quyết", "Resolved"),
    (c::ON_TIME_RATE, "Đúng hạn", "On time"),
    (c::LATE_RATE, "Trễ hạn", "Late"),
    (c::PENDING_OVERDUE, "Quá hạn đang GQ", "Overdue pending"),
    (c::NEED_TO_HANDLE, "Phải giải quyết", "To handle"),
    (c::LATE_OR_OVERDUE_RATE, "Trễ + quá hạn", "Late or overdue"),
    (c::LEGAL_DAYS, "Thời hạn (ngày)", "Limit (days)"),
    (c::LEGAL_AMOUNT, "Thời hạn", "Limit"),
    (c::LEGAL_UNIT, "Đơn vị thời hạn", "Limit unit"),
    (c::ACTUAL_DAYS, "Thực tế (ngày)", "Actual (days)"),
    (c::TIME_RATIO, "Thực tế / thời hạn", "Actual / limit"),
    (c::ONLINE_LEVEL, "Mức DVC", "Online level"),
    (c::ONLINE_UPTAKE, "TTHC trực tuyến có HS", "Online uptake"),
    (c::FULL_ONLINE_PROCEDURES, "TTHC toàn trình", "Fully online"),
    (c::PROPOSAL, "Đề xuất", "Proposal"),
    (c::REASON_CODES, "Mã lý do", "Reason codes"),
    (c::REASONS, "Lý do", "Reasons"),
    (
        c::COST_BEFORE,
        "Chi phí hiện nay (đ/năm)",
        "Cost now (VND/yr)",
    ),
    (c::ESTIMATED_SAVING, "Tiết kiệm (đ/năm)", "Saving (VND/yr)"),
    (
        c::CUMULATIVE_SHARE_OF_PROCEDURES,
        "Cộng dồn % TTHC",
        "Cumulative % of procedures",
    ),
];

/// The header of a column in the chosen language (its name when it has none).
pub fn label(name: &str, lang: Lang) -> String {
    LABELS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, vi, en)| lang.pick(vi, en).to_owned())
        .unwrap_or_else(|| name.to_owned())
}

/// A number as scorecards write it, with no trailing zeros: "100", "39,5" ("39.5" in English).
pub fn fmt_trimmed(x: f64, lang: Lang) -> String {
    match lang {
        Lang::Vi => crate::diag::fmt_num_vi(x),
        Lang::En => crate::diag::fmt_num(x),
    }
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

/// A p-value for people: four decimals, or two significant digits in scientific notation below
/// 0.0001 (a p of 1e-40 is never shown as 0).
pub fn fmt_p(p: f64, lang: Lang) -> String {
    if p >= 1e-4 || p == 0.0 {
        return fmt_number(p, 4, lang);
    }
    let s = format!("{p:.1e}");
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

/// What a survey's figures are called in the words of its scale (an agreement index is never
/// called satisfaction): the answers' dimension (a chart's axis), the positive answers (levels
/// 4–5), the index, and the share of positive answers in percent (a chart's axis). `None` is a
/// group whose answers are on more than one scale. One set for the tables, the charts and the
/// report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleWords {
    pub dimension: &'static str,
    pub positive: &'static str,
    pub index: &'static str,
    pub share: &'static str,
}

/// The [`ScaleWords`] of a scale in a language.
pub fn scale_words(scale: Option<Scale>, lang: Lang) -> ScaleWords {
    let w = |dimension, positive, index, share| ScaleWords {
        dimension,
        positive,
        index,
        share,
    };
    match (scale, lang) {
        (Some(Scale::Satisfaction), Lang::Vi) => w(
            "Mức độ hài lòng",
            "Hài lòng",
            "Chỉ số hài lòng",
            "Tỷ lệ hài lòng (%)",
        ),
        (Some(Scale::Satisfaction), Lang::En) => w(
            "Satisfaction",
            "Satisfied",
            "Satisfaction index",
            "Satisfied (%)",
        ),
        (Some(Scale::Agreement), Lang::Vi) => w(
            "Mức độ đồng ý",
            "Đồng ý",
            "Chỉ số đồng ý",
            "Tỷ lệ đồng ý (%)",
        ),
        (Some(Scale::Agreement), Lang::En) => {
            w("Agreement", "Agree", "Agreement index", "Agree (%)")
        }
        (Some(Scale::Quality), Lang::Vi) => w(
            "Đánh giá chất lượng",
            "Tốt",
            "Chỉ số chất lượng",
            "Tỷ lệ tốt (%)",
        ),
        (Some(Scale::Quality), Lang::En) => {
            w("Quality rating", "Good", "Quality index", "Good (%)")
        }
        (Some(Scale::Numbers), Lang::Vi) => w(
            "Mức đánh giá",
            "Mức 4–5",
            "Chỉ số (mức 4–5)",
            "Tỷ lệ mức 4–5 (%)",
        ),
        (Some(Scale::Numbers), Lang::En) => w(
            "Rating",
            "Levels 4–5",
            "Index (levels 4–5)",
            "Levels 4–5 (%)",
        ),
        (None, Lang::Vi) => w(
            "Mức đánh giá",
            "Mức tích cực (4–5)",
            "Chỉ số (tỷ lệ mức 4–5)",
            "Tỷ lệ mức 4–5 (%)",
        ),
        (None, Lang::En) => w(
            "Rating",
            "Positive (4–5)",
            "Index (share at 4–5)",
            "Levels 4–5 (%)",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scale_has_its_words_in_both_languages_and_mixed_groups_one_name() {
        let scales = [
            Some(Scale::Satisfaction),
            Some(Scale::Agreement),
            Some(Scale::Quality),
            Some(Scale::Numbers),
            None,
        ];
        for scale in scales {
            let (vi, en) = (scale_words(scale, Lang::Vi), scale_words(scale, Lang::En));
            for (v, e) in [
                (vi.dimension, en.dimension),
                (vi.positive, en.positive),
                (vi.index, en.index),
                (vi.share, en.share),
            ] {
                assert!(
                    !v.is_empty() && !e.is_empty() && v != e,
                    "{scale:?}: {v} / {e}"
                );
            }
        }
        // A group on several scales is named the same in a table's header and a chart's legend
        // (they once said "share at 4–5" and "levels 4–5").
        assert_eq!(scale_words(None, Lang::En).index, "Index (share at 4–5)");
        assert_eq!(scale_words(None, Lang::Vi).index, "Chỉ số (tỷ lệ mức 4–5)");
        // An agreement index is never called satisfaction.
        assert!(
            !scale_words(Some(Scale::Agreement), Lang::Vi)
                .index
                .contains("hài lòng")
        );
    }
}
