//! The report's catalogue: every heading, label and sentence of the document, in Vietnamese and
//! English. Phrases with nothing to fill in are in [`phrases`]; sentences with values are
//! functions here, one per sentence.

pub mod phrases;
pub mod plan;

use cchc_model::Phrase;

/// The definitions of the scorecard and survey figures, for the report's last section.
pub const DEFINITIONS: [Phrase; 7] = [
    Phrase {
        vi: "points_lost = max_score (điểm tối đa) − score (điểm thẩm định), cho mỗi tiêu chí lá",
        en: "points_lost = max_score − score (appraised), per leaf criterion",
    },
    Phrase {
        vi: "share_of_loss = points_lost / tổng điểm bị mất của đơn vị trong năm; cumulative_share: cộng dồn theo thứ hạng",
        en: "share_of_loss = points_lost / the unit's points lost in the year; cumulative_share: summed down the ranks",
    },
    Phrase {
        vi: "attainment = score_total / max_total (chỉ cộng các tiêu chí lá)",
        en: "attainment = score_total / max_total (leaf criteria only)",
    },
    Phrase {
        vi: "delta = score_total − score_total năm trước; rank: theo attainment trong các đơn vị cùng năm",
        en: "delta = score_total − the year before's; rank: by attainment among the units of the year",
    },
    Phrase {
        vi: "index = câu trả lời mức 4–5 / valid_answers (câu trả lời hợp lệ, không tính “không ý kiến”)",
        en: "index = answers at levels 4–5 / valid_answers (not counting “no opinion”)",
    },
    Phrase {
        vi: "se, ci_low, ci_high: sai số chuẩn tỷ số với mỗi người trả lời là một cụm; khoảng tin cậy 95% trên thang logit",
        en: "se, ci_low, ci_high: ratio standard error with respondents as clusters; 95% interval on the logit scale",
    },
    Phrase {
        vi: "deff = phương sai theo cụm / phương sai nếu các câu trả lời độc lập; effective_n = valid_answers / deff",
        en: "deff = clustered variance / variance if answers were independent; effective_n = valid_answers / deff",
    },
];

use cchc_model::Lang;

/// One sentence in the language asked for.
fn say(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The parts of the report an input feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Points lost and trends, from scorecards.
    Scorecards,
    /// Satisfaction, from surveys.
    Surveys,
    /// Procedures, from dossier statistics.
    Procedures,
}

/// Why a part of the report is left out: the store has no input for it (`stored` false) or none
/// of the year.
pub fn missing(part: Part, stored: bool, year: i32, lang: Lang) -> String {
    let ((vi_part, vi_input), (en_part, en_input)) = match part {
        Part::Scorecards => (
            ("Điểm bị mất và xu hướng", "bảng điểm Chỉ số CCHC"),
            ("Points lost and trends", "PAR index scorecard"),
        ),
        Part::Surveys => (
            ("Sự hài lòng", "phiếu khảo sát"),
            ("Satisfaction", "survey"),
        ),
        Part::Procedures => (
            ("Thủ tục hành chính", "thống kê hồ sơ"),
            ("Procedures", "dossier statistics"),
        ),
    };
    if stored {
        say(
            lang,
            format!("{vi_part}: không có {vi_input} năm {year}."),
            format!("{en_part}: no {en_input} for {year}."),
        )
    } else {
        say(
            lang,
            format!("{vi_part}: kho chưa có {vi_input}."),
            format!("{en_part}: the store holds no {en_input}."),
        )
    }
}

/// The report's title.
pub fn title(year: i32, lang: Lang) -> String {
    say(
        lang,
        format!("Báo cáo kết quả cải cách hành chính năm {year}"),
        format!("Administrative reform report, {year}"),
    )
}

/// The report's subtitle when it covers every unit of the store.
pub fn every_unit(units: &[String], lang: Lang) -> String {
    let (n, list) = (units.len(), units.join("; "));
    say(
        lang,
        format!("{n} đơn vị: {list}"),
        format!("{n} units: {list}"),
    )
}

/// The summary's opening paragraph.
pub fn summary_opening(year: i32, units: usize, files: usize, lang: Lang) -> String {
    say(
        lang,
        format!(
            "Báo cáo tổng hợp kết quả cải cách hành chính năm {year} của {units} đơn vị, lập từ {files} tệp số liệu đã nhập (danh sách ở mục Nguồn số liệu). Mỗi tỷ lệ được tính với mẫu số ghi ở mục Định nghĩa."
        ),
        format!(
            "The administrative reform results of {year} for {units} units, from {files} imported files (listed under Sources). Every rate is computed with the denominator given under Definitions."
        ),
    )
}

/// A unit's rank among the units ranked.
pub fn rank_of(rank: i64, ranked: usize, lang: Lang) -> String {
    say(
        lang,
        format!("hạng {rank}/{ranked}"),
        format!("rank {rank} of {ranked}"),
    )
}

/// A total's change against the year before (`delta` already signed), and the rank's move.
pub fn change(delta: &str, moved: Option<i64>, before: i32, lang: Lang) -> String {
    match (lang, moved) {
        (Lang::Vi, Some(m)) => format!(
            "{delta} điểm, {} bậc so với năm {before}",
            if m > 0 {
                format!("tăng {m}")
            } else if m < 0 {
                format!("giảm {}", -m)
            } else {
                "giữ".to_owned()
            }
        ),
        (Lang::Vi, None) => format!("{delta} điểm so với năm {before}"),
        (Lang::En, Some(m)) => format!(
            "{delta} points, rank {} against {before}",
            if m == 0 {
                "unchanged".to_owned()
            } else {
                format!("{m:+}")
            }
        ),
        (Lang::En, None) => format!("{delta} points against {before}"),
    }
}

/// A unit without a scorecard of the year.
pub fn no_scorecard(year: i32, lang: Lang) -> String {
    say(
        lang,
        format!("không có bảng điểm năm {year}"),
        format!("no scorecard for {year}"),
    )
}

/// How many people answered.
pub fn respondents(n: i64, lang: Lang) -> String {
    say(
        lang,
        format!("{n} người trả lời"),
        format!("{n} respondents"),
    )
}

/// A unit without figures of the year.
pub fn no_figures(year: i32, lang: Lang) -> String {
    say(
        lang,
        format!("Không có số liệu năm {year}."),
        format!("No figures for {year}."),
    )
}

/// The summary table's title.
pub fn key_figures(year: i32, lang: Lang) -> String {
    say(
        lang,
        format!("Các chỉ số chính năm {year}"),
        format!("Key figures, {year}"),
    )
}

/// Which units' figures cchc computed from dossier logs.
pub fn from_logs(list: &str, lang: Lang) -> String {
    say(
        lang,
        format!(
            "Số liệu của {list} do cchc tính từ sổ theo dõi hồ sơ (đúng hạn theo lịch ngày làm việc), không lấy từ báo cáo của đơn vị; đối chiếu hai nguồn: cchc dossiers reconcile."
        ),
        format!(
            "The figures of {list} are computed by cchc from the dossier log (on time on the working-day calendar), not taken from the office's report; compare the two: cchc dossiers reconcile."
        ),
    )
}

/// The procedures' targets (`postal` as a percentage).
pub fn procedure_targets(postal: &str, lang: Lang) -> String {
    say(
        lang,
        format!(
            "Mục tiêu: 100% hồ sơ giải quyết đúng hạn; ít nhất {postal} hồ sơ qua dịch vụ bưu chính công ích; tăng tỷ lệ hồ sơ trực tuyến. Ô tô màu là chỉ tiêu chưa đạt."
        ),
        format!(
            "Targets: 100% of dossiers resolved on time; at least {postal} through the public postal service; more dossiers online. Shaded cells miss their target."
        ),
    )
}

/// The procedures table's title.
pub fn dossiers_of_year(year: i32, lang: Lang) -> String {
    say(
        lang,
        format!("Tình hình tiếp nhận, giải quyết hồ sơ năm {year}"),
        format!("Dossiers received and resolved, {year}"),
    )
}

/// The title of a unit's chart of procedures.
pub fn late_chart(unit: &str, year: i32, lang: Lang) -> String {
    say(
        lang,
        format!("Số hồ sơ và tỷ lệ trễ hạn của từng thủ tục — {unit}, năm {year}"),
        format!("Dossiers and late rate of each procedure — {unit}, {year}"),
    )
}

/// When the scorecards hold a single year.
pub fn no_trend(year: i32, lang: Lang) -> String {
    say(
        lang,
        format!("Chỉ có bảng điểm của một năm đến năm {year}: chưa có xu hướng để vẽ."),
        format!("Scorecards of a single year up to {year}: no trend to draw yet."),
    )
}

/// The title of the table of a unit's predecessors' own scores.
pub fn predecessors_title(unit: &str, lang: Lang) -> String {
    say(
        lang,
        format!("Các đơn vị trước sắp xếp của {unit}: điểm của chính các đơn vị đó"),
        format!("The units {unit} continues: their own scores"),
    )
}

/// How a unit's series goes back across the reorganisation (`from`: each predecessor with its
/// province, `day` the first day its work was the successor's, dd/mm/yyyy).
pub fn predecessors_story(unit: &str, from: &[(String, String)], lang: Lang) -> String {
    let list = |word: &str| {
        from.iter()
            .map(|(name, day)| format!("{name} ({word} {day})"))
            .collect::<Vec<_>>()
            .join("; ")
    };
    say(
        lang,
        format!(
            "{unit} tiếp nối công việc của: {}. Các năm trước đó là điểm của chính các đơn vị này, đường của chúng dừng ở vạch sắp xếp đơn vị; điểm không được cộng gộp hay lấy trung bình.",
            list("từ")
        ),
        format!(
            "{unit} continues the work of: {}. Earlier years are those units' own scores, their lines ending at the reorganisation line; scores are never added or averaged.",
            list("from")
        ),
    )
}

/// The totals table's title.
pub fn totals(year: i32, lang: Lang) -> String {
    say(
        lang,
        format!(
            "Tổng điểm năm {year}, thay đổi so với năm {} và thứ hạng",
            year - 1
        ),
        format!("Totals of {year}, change against {} and rank", year - 1),
    )
}

/// The title of a unit's satisfaction by element.
pub fn satisfaction_by_element(unit: &str, year: i32, lang: Lang) -> String {
    say(
        lang,
        format!("Chỉ số hài lòng theo yếu tố năm {year}, khoảng tin cậy 95% — {unit}"),
        format!("Satisfaction by element, {year}, with 95% intervals — {unit}"),
    )
}

/// How many criteria lost points.
pub fn criteria_lost(n: usize, lang: Lang) -> String {
    say(
        lang,
        format!("{n} tiêu chí mất điểm"),
        format!("{n} criteria lost points"),
    )
}

/// The sources' opening paragraph.
pub fn sources_opening(files: usize, rejected: u64, warnings: u64, lang: Lang) -> String {
    say(
        lang,
        format!(
            "{files} tệp đã nhập; mỗi dòng của tệp được nhập, nhận là cấu trúc (tiêu đề, dòng tổng, chữ ký…) hoặc bị loại kèm lý do và địa chỉ ô (cchc rejects). Tổng số dòng bị loại: {rejected}; số cảnh báo: {warnings}."
        ),
        format!(
            "{files} files imported; every row of a file was imported, recognised as structure (titles, totals, signatures…) or rejected with a reason and its cell (cchc rejects). Rows rejected: {rejected}; warnings: {warnings}."
        ),
    )
}

/// Where the workbook puts a table.
pub fn see_sheet(title: &str, sheet: &str, lang: Lang) -> String {
    say(
        lang,
        format!("{title}: xem trang tính \"{sheet}\"."),
        format!("{title}: see the sheet \"{sheet}\"."),
    )
}

/// The workbook's printed footer (Excel's codes: centred, font, page of pages).
pub fn page_footer(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "&C&\"Times New Roman\"&11Trang &P/&N",
        Lang::En => "&C&\"Times New Roman\"&11Page &P of &N",
    }
}

#[cfg(test)]
mod tests;
