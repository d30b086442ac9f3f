//! The phrases of this crate for people, each in Vietnamese and English: labels, headings and
//! short sentences with nothing to fill in. Sentences with values are functions beside this
//! module.

use cchc_model::Phrase;

/// the points lost on a criterion
pub const THE_POINTS_LOST_ON_A_CRITERION: Phrase = Phrase {
    vi: "Điểm bị mất của mỗi tiêu chí là điểm tối đa trừ điểm thẩm định; các tiêu chí xếp từ mất nhiều đến ít, đường lũy kế cho biết bao nhiêu tiêu chí gây ra phần lớn số điểm bị mất.",
    en: "The points lost on a criterion are its maximum minus the appraised score; criteria are ranked from the largest loss, and the cumulative line shows how few of them make most of the loss.",
};
/// "Total score"
pub const TOTAL_SCORE: Phrase = Phrase {
    vi: "Tổng điểm đạt",
    en: "Total score",
};
/// "of"
pub const OF: Phrase = Phrase {
    vi: "trên",
    en: "of",
};
/// "Points lost"
pub const POINTS_LOST: Phrase = Phrase {
    vi: "Điểm bị mất",
    en: "Points lost",
};
/// "Lost"
pub const LOST: Phrase = Phrase {
    vi: "Điểm mất",
    en: "Lost",
};
/// "Procedures"
pub const PROCEDURES: Phrase = Phrase {
    vi: "TTHC",
    en: "Procedures",
};
/// "On time"
pub const ON_TIME: Phrase = Phrase {
    vi: "Đúng hạn",
    en: "On time",
};
/// "Channels"
pub const CHANNELS: Phrase = Phrase {
    vi: "Kênh",
    en: "Channels",
};
/// "Late"
pub const LATE: Phrase = Phrase {
    vi: "Trễ hạn",
    en: "Late",
};
/// "Procedures proposed for simplification"
pub const PROCEDURES_PROPOSED_FOR_SIMPLIFICATION: Phrase = Phrase {
    vi: "Thủ tục đề xuất đơn giản hoá",
    en: "Procedures proposed for simplification",
};
/// "Simplify"
pub const SIMPLIFY: Phrase = Phrase {
    vi: "Đơn giản hoá",
    en: "Simplify",
};
/// "Administrative procedures"
pub const ADMINISTRATIVE_PROCEDURES: Phrase = Phrase {
    vi: "Thủ tục hành chính",
    en: "Administrative procedures",
};
/// "Procedures proposed for simplification, reasons and estimated saving (VND a year)"
pub const PROCEDURES_PROPOSED_FOR_SIMPLIFICATION_REASONS_AND: Phrase = Phrase {
    vi: "Thủ tục đề xuất đơn giản hoá, lý do và chi phí tiết kiệm ước tính (đồng/năm)",
    en: "Procedures proposed for simplification, reasons and estimated saving (VND a year)",
};
/// the satisfaction index is the share
pub const THE_SATISFACTION_INDEX_IS_THE_SHARE: Phrase = Phrase {
    vi: "Chỉ số hài lòng là tỷ lệ câu trả lời hài lòng hoặc rất hài lòng (mức 4–5) trên số câu trả lời hợp lệ. Khoảng tin cậy 95% coi mỗi người trả lời là một cụm; thay đổi so với năm trước được kiểm định và hiệu chỉnh cho nhiều so sánh.",
    en: "The satisfaction index is the share of satisfied or very satisfied answers (levels 4–5) among valid answers. The 95% interval treats each respondent as a cluster; changes against the year before are tested and adjusted for multiple comparisons.",
};
/// "Levels"
pub const LEVELS: Phrase = Phrase {
    vi: "Mức độ",
    en: "Levels",
};
/// "Elements"
pub const ELEMENTS: Phrase = Phrase {
    vi: "Yếu tố",
    en: "Elements",
};
/// "Satisf."
pub const SATISF: Phrase = Phrase {
    vi: "Hài lòng",
    en: "Satisf.",
};
/// p adjusted holm adjustment over every
pub const P_ADJUSTED_HOLM_ADJUSTMENT_OVER_EVERY: Phrase = Phrase {
    vi: "p_adjusted: hiệu chỉnh Holm cho mọi kiểm định của chỉ số theo yếu tố (mọi đơn vị, mọi năm có năm trước để so sánh); thay đổi có ý nghĩa khi p_adjusted < 0,05.",
    en: "p_adjusted: Holm adjustment over every test of the index by element (every unit, every year with a year before); a change is significant when p_adjusted < 0.05.",
};
/// "Satisfaction of citizens and organisations"
pub const SATISFACTION_OF_CITIZENS_AND_ORGANISATIONS: Phrase = Phrase {
    vi: "Sự hài lòng của người dân, tổ chức",
    en: "Satisfaction of citizens and organisations",
};
/// "Sources"
pub const SOURCES: Phrase = Phrase {
    vi: "Nguồn số liệu",
    en: "Sources",
};
/// "Sources"
pub const SOURCES_2: Phrase = Phrase {
    vi: "Nguồn",
    en: "Sources",
};
/// "Imported files"
pub const IMPORTED_FILES: Phrase = Phrase {
    vi: "Các tệp đã nhập",
    en: "Imported files",
};
/// "scorecard"
pub const SCORECARD: Phrase = Phrase {
    vi: "bảng điểm",
    en: "scorecard",
};
/// "survey"
pub const SURVEY: Phrase = Phrase {
    vi: "khảo sát",
    en: "survey",
};
/// "procedures"
pub const PROCEDURES_2: Phrase = Phrase {
    vi: "thủ tục",
    en: "procedures",
};
/// estimated saving estimated compliance cost hours
pub const ESTIMATED_SAVING_ESTIMATED_COMPLIANCE_COST_HOURS: Phrase = Phrase {
    vi: "estimated_saving = chi phí tuân thủ ước tính (giờ làm việc × tiền lương giờ × số hồ sơ) trước − sau đề xuất, theo mô hình chi phí chuẩn",
    en: "estimated_saving = estimated compliance cost (hours × hourly wage × dossiers) before − after the proposal, by the standard cost model",
};
/// "Definitions"
pub const DEFINITIONS: Phrase = Phrase {
    vi: "Định nghĩa các chỉ số",
    en: "Definitions",
};
/// "PAR index"
pub const PAR_INDEX: Phrase = Phrase {
    vi: "Chỉ số CCHC",
    en: "PAR index",
};
/// "95% CI:"
pub const N_95_CI: Phrase = Phrase {
    vi: "KTC 95%:",
    en: "95% CI:",
};
/// "points against"
pub const POINTS_AGAINST: Phrase = Phrase {
    vi: "điểm % so với năm",
    en: "points against",
};
/// "Satisfaction index"
pub const SATISFACTION_INDEX: Phrase = Phrase {
    vi: "Chỉ số hài lòng",
    en: "Satisfaction index",
};
/// "met"
pub const MET: Phrase = Phrase {
    vi: "đạt",
    en: "met",
};
/// "not met"
pub const NOT_MET: Phrase = Phrase {
    vi: "chưa đạt",
    en: "not met",
};
/// "Resolved on time"
pub const RESOLVED_ON_TIME: Phrase = Phrase {
    vi: "Hồ sơ giải quyết đúng hạn",
    en: "Resolved on time",
};
/// "target"
pub const TARGET: Phrase = Phrase {
    vi: "mục tiêu",
    en: "target",
};
/// "Online dossiers"
pub const ONLINE_DOSSIERS: Phrase = Phrase {
    vi: "Hồ sơ trực tuyến",
    en: "Online dossiers",
};
/// "Public postal"
pub const PUBLIC_POSTAL: Phrase = Phrase {
    vi: "Hồ sơ qua bưu chính công ích",
    en: "Public postal",
};
/// "Summary"
pub const SUMMARY: Phrase = Phrase {
    vi: "Tóm tắt",
    en: "Summary",
};
/// "Predecessors" (a sheet's name: at most 31 characters)
pub const PREDECESSORS: Phrase = Phrase {
    vi: "Đơn vị trước",
    en: "Predecessors",
};
/// "Trend"
pub const TREND: Phrase = Phrase {
    vi: "Xu hướng",
    en: "Trend",
};
/// "Totals"
pub const TOTALS: Phrase = Phrase {
    vi: "Tổng điểm",
    en: "Totals",
};
/// ranks by attainment total maximum among
pub const RANKS_BY_ATTAINMENT_TOTAL_MAXIMUM_AMONG: Phrase = Phrase {
    vi: "Thứ hạng theo tỷ lệ điểm đạt (tổng điểm / điểm tối đa) trong các đơn vị có bảng điểm cùng năm; chỉ cộng các tiêu chí lá.",
    en: "Ranks by attainment (total / maximum) among the units scored the same year; only leaf criteria are summed.",
};
/// "Trends over the years"
pub const TRENDS_OVER_THE_YEARS: Phrase = Phrase {
    vi: "Xu hướng qua các năm",
    en: "Trends over the years",
};
/// "PEOPLE'S COMMITTEE OF ……………"
pub const PEOPLE_S_COMMITTEE_OF: Phrase = Phrase {
    vi: "UBND TỈNH/THÀNH PHỐ ……………",
    en: "PEOPLE'S COMMITTEE OF ……………",
};
/// "No. …/KH-……"
pub const NO_KH: Phrase = Phrase {
    vi: "Số: …/KH-……",
    en: "No. …/KH-……",
};
/// "SOCIALIST REPUBLIC OF VIET NAM"
pub const SOCIALIST_REPUBLIC_OF_VIET_NAM: Phrase = Phrase {
    vi: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    en: "SOCIALIST REPUBLIC OF VIET NAM",
};
/// "Independence - Freedom - Happiness"
pub const INDEPENDENCE_FREEDOM_HAPPINESS: Phrase = Phrase {
    vi: "Độc lập - Tự do - Hạnh phúc",
    en: "Independence - Freedom - Happiness",
};
/// "……………, date ……………"
pub const DATE: Phrase = Phrase {
    vi: "……………, ngày … tháng … năm ……",
    en: "……………, date ……………",
};
/// "No."
pub const NO: Phrase = Phrase {
    vi: "STT",
    en: "No.",
};
/// "CRITERION"
pub const CRITERION: Phrase = Phrase {
    vi: "TÊN TIÊU CHÍ",
    en: "CRITERION",
};
/// "YEAR"
pub const YEAR: Phrase = Phrase {
    vi: "NĂM",
    en: "YEAR",
};
/// "Maximum"
pub const MAXIMUM: Phrase = Phrase {
    vi: "Điểm chuẩn",
    en: "Maximum",
};
/// "Score"
pub const SCORE: Phrase = Phrase {
    vi: "Điểm đạt được",
    en: "Score",
};
/// "Reason"
pub const REASON: Phrase = Phrase {
    vi: "Lý do",
    en: "Reason",
};
/// "Total"
pub const TOTAL: Phrase = Phrase {
    vi: "Tổng",
    en: "Total",
};
/// "the units"
pub const THE_UNITS: Phrase = Phrase {
    vi: "các cơ quan, đơn vị",
    en: "the units",
};
/// "PLAN"
pub const PLAN: Phrase = Phrase {
    vi: "KẾ HOẠCH",
    en: "PLAN",
};
/// "I. PURPOSE AND REQUIREMENTS"
pub const I_PURPOSE_AND_REQUIREMENTS: Phrase = Phrase {
    vi: "I. MỤC ĐÍCH, YÊU CẦU",
    en: "I. PURPOSE AND REQUIREMENTS",
};
/// "1. Purpose"
pub const N_1_PURPOSE: Phrase = Phrase {
    vi: "1. Mục đích",
    en: "1. Purpose",
};
/// "2. Requirements"
pub const N_2_REQUIREMENTS: Phrase = Phrase {
    vi: "2. Yêu cầu",
    en: "2. Requirements",
};
/// "II. TASKS AND MEASURES"
pub const II_TASKS_AND_MEASURES: Phrase = Phrase {
    vi: "II. NỘI DUNG, NHIỆM VỤ, GIẢI PHÁP",
    en: "II. TASKS AND MEASURES",
};
/// "Measure"
pub const MEASURE: Phrase = Phrase {
    vi: "Giải pháp",
    en: "Measure",
};
/// "III. IMPLEMENTATION"
pub const III_IMPLEMENTATION: Phrase = Phrase {
    vi: "III. TỔ CHỨC THỰC HIỆN",
    en: "III. IMPLEMENTATION",
};
/// "To:"
pub const TO: Phrase = Phrase {
    vi: "Nơi nhận:",
    en: "To:",
};
/// "- Archive."
pub const ARCHIVE: Phrase = Phrase {
    vi: "- Lưu: VT.",
    en: "- Archive.",
};
/// "HEAD OF THE AGENCY"
pub const HEAD_OF_THE_AGENCY: Phrase = Phrase {
    vi: "THỦ TRƯỞNG CƠ QUAN",
    en: "HEAD OF THE AGENCY",
};
/// "(Signature and name)"
pub const SIGNATURE_AND_NAME: Phrase = Phrase {
    vi: "(Ký, ghi rõ họ tên)",
    en: "(Signature and name)",
};
/// "APPENDIX"
pub const APPENDIX: Phrase = Phrase {
    vi: "PHỤ LỤC",
    en: "APPENDIX",
};
/// "(Attached to Plan No. …/KH-…… of ……)"
pub const ATTACHED_TO_PLAN_NO_KH_OF: Phrase = Phrase {
    vi: "(Kèm theo Kế hoạch số …/KH-…… ngày … tháng … năm ……)",
    en: "(Attached to Plan No. …/KH-…… of ……)",
};
/// "APPENDIX II"
pub const APPENDIX_II: Phrase = Phrase {
    vi: "PHỤ LỤC II",
    en: "APPENDIX II",
};
/// "Administrative procedures proposed for simplification"
pub const ADMINISTRATIVE_PROCEDURES_PROPOSED_FOR_SIMPLIFICATION: Phrase = Phrase {
    vi: "Thủ tục hành chính đề xuất đơn giản hoá",
    en: "Administrative procedures proposed for simplification",
};
/// "en"
pub const EN: Phrase = Phrase { vi: "vi", en: "en" };
/// "Contents"
pub const CONTENTS: Phrase = Phrase {
    vi: "Nội dung",
    en: "Contents",
};
/// "Sections left out for want of data:"
pub const SECTIONS_LEFT_OUT_FOR_WANT_OF: Phrase = Phrase {
    vi: "Các phần không có số liệu để lập:",
    en: "Sections left out for want of data:",
};
/// "Notes"
pub const NOTES: Phrase = Phrase {
    vi: "Ghi chú",
    en: "Notes",
};
/// "Sections left out for want of data"
pub const SECTIONS_LEFT_OUT_FOR_WANT_OF_2: Phrase = Phrase {
    vi: "Các phần không có số liệu để lập",
    en: "Sections left out for want of data",
};
/// "Postal target"
pub const POSTAL_TARGET: Phrase = Phrase {
    vi: "Mục tiêu BCCI",
    en: "Postal target",
};
/// "Element, year"
pub const ELEMENT_YEAR: Phrase = Phrase {
    vi: "Yếu tố, năm",
    en: "Element, year",
};
/// "Element"
pub const ELEMENT: Phrase = Phrase {
    vi: "Yếu tố",
    en: "Element",
};
/// "File"
pub const FILE: Phrase = Phrase {
    vi: "Tệp",
    en: "File",
};
/// "Warnings"
pub const WARNINGS: Phrase = Phrase {
    vi: "Cảnh báo",
    en: "Warnings",
};
/// "Maximum"
pub const MAXIMUM_2: Phrase = Phrase {
    vi: "Điểm tối đa",
    en: "Maximum",
};
/// "Change (points)"
pub const CHANGE_POINTS: Phrase = Phrase {
    vi: "Thay đổi (điểm)",
    en: "Change (points)",
};
/// "Satisfaction"
pub const SATISFACTION: Phrase = Phrase {
    vi: "Chỉ số hài lòng",
    en: "Satisfaction",
};

/// Every phrase above, for the test that reads each in both languages.
#[cfg(test)]
pub const ALL: &[Phrase] = &[
    PREDECESSORS,
    THE_POINTS_LOST_ON_A_CRITERION,
    TOTAL_SCORE,
    OF,
    POINTS_LOST,
    LOST,
    PROCEDURES,
    ON_TIME,
    CHANNELS,
    LATE,
    PROCEDURES_PROPOSED_FOR_SIMPLIFICATION,
    SIMPLIFY,
    ADMINISTRATIVE_PROCEDURES,
    PROCEDURES_PROPOSED_FOR_SIMPLIFICATION_REASONS_AND,
    THE_SATISFACTION_INDEX_IS_THE_SHARE,
    LEVELS,
    ELEMENTS,
    SATISF,
    P_ADJUSTED_HOLM_ADJUSTMENT_OVER_EVERY,
    SATISFACTION_OF_CITIZENS_AND_ORGANISATIONS,
    SOURCES,
    SOURCES_2,
    IMPORTED_FILES,
    SCORECARD,
    SURVEY,
    PROCEDURES_2,
    ESTIMATED_SAVING_ESTIMATED_COMPLIANCE_COST_HOURS,
    DEFINITIONS,
    PAR_INDEX,
    N_95_CI,
    POINTS_AGAINST,
    SATISFACTION_INDEX,
    MET,
    NOT_MET,
    RESOLVED_ON_TIME,
    TARGET,
    ONLINE_DOSSIERS,
    PUBLIC_POSTAL,
    SUMMARY,
    TREND,
    TOTALS,
    RANKS_BY_ATTAINMENT_TOTAL_MAXIMUM_AMONG,
    TRENDS_OVER_THE_YEARS,
    PEOPLE_S_COMMITTEE_OF,
    NO_KH,
    SOCIALIST_REPUBLIC_OF_VIET_NAM,
    INDEPENDENCE_FREEDOM_HAPPINESS,
    DATE,
    NO,
    CRITERION,
    YEAR,
    MAXIMUM,
    SCORE,
    REASON,
    TOTAL,
    THE_UNITS,
    PLAN,
    I_PURPOSE_AND_REQUIREMENTS,
    N_1_PURPOSE,
    N_2_REQUIREMENTS,
    II_TASKS_AND_MEASURES,
    MEASURE,
    III_IMPLEMENTATION,
    TO,
    ARCHIVE,
    HEAD_OF_THE_AGENCY,
    SIGNATURE_AND_NAME,
    APPENDIX,
    ATTACHED_TO_PLAN_NO_KH_OF,
    APPENDIX_II,
    ADMINISTRATIVE_PROCEDURES_PROPOSED_FOR_SIMPLIFICATION,
    EN,
    CONTENTS,
    SECTIONS_LEFT_OUT_FOR_WANT_OF,
    NOTES,
    SECTIONS_LEFT_OUT_FOR_WANT_OF_2,
    POSTAL_TARGET,
    ELEMENT_YEAR,
    ELEMENT,
    FILE,
    WARNINGS,
    MAXIMUM_2,
    CHANGE_POINTS,
    SATISFACTION,
];
