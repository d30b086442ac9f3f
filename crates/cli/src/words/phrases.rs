//! The phrases of this crate for people, each in Vietnamese and English: labels, headings and
//! short sentences with nothing to fill in. Sentences with values are functions beside this
//! module.

use cchc_model::Phrase;

/// "Monday"
pub const MONDAY: Phrase = Phrase {
    vi: "Thứ Hai",
    en: "Monday",
};
/// "Tuesday"
pub const TUESDAY: Phrase = Phrase {
    vi: "Thứ Ba",
    en: "Tuesday",
};
/// "Wednesday"
pub const WEDNESDAY: Phrase = Phrase {
    vi: "Thứ Tư",
    en: "Wednesday",
};
/// "Thursday"
pub const THURSDAY: Phrase = Phrase {
    vi: "Thứ Năm",
    en: "Thursday",
};
/// "Friday"
pub const FRIDAY: Phrase = Phrase {
    vi: "Thứ Sáu",
    en: "Friday",
};
/// "Saturday"
pub const SATURDAY: Phrase = Phrase {
    vi: "Thứ Bảy",
    en: "Saturday",
};
/// "Sunday"
pub const SUNDAY: Phrase = Phrase {
    vi: "Chủ nhật",
    en: "Sunday",
};
/// "Holiday"
pub const HOLIDAY: Phrase = Phrase {
    vi: "Ngày lễ, Tết",
    en: "Holiday",
};
/// "Observed"
pub const OBSERVED: Phrase = Phrase {
    vi: "Nghỉ bù",
    en: "Observed",
};
/// "Swapped off"
pub const SWAPPED_OFF: Phrase = Phrase {
    vi: "Nghỉ hoán đổi",
    en: "Swapped off",
};
/// "Make-up working day"
pub const MAKE_UP_WORKING_DAY: Phrase = Phrase {
    vi: "Làm bù",
    en: "Make-up working day",
};
/// "Pending"
pub const PENDING: Phrase = Phrase {
    vi: "Chưa quyết định",
    en: "Pending",
};
/// "default"
pub const DEFAULT: Phrase = Phrase {
    vi: "mặc định",
    en: "default",
};
/// "cannot read the units file"
pub const CANNOT_READ_THE_UNITS_FILE: Phrase = Phrase {
    vi: "không đọc được tệp đơn vị",
    en: "cannot read the units file",
};
/// the units file is malformed each
pub const THE_UNITS_FILE_IS_MALFORMED_EACH: Phrase = Phrase {
    vi: "tệp đơn vị sai dạng; mỗi đơn vị là \"[[unit]]\" với \"name = …\" và \"aliases = […]\"",
    en: "the units file is malformed; each unit is \"[[unit]]\" with \"name = …\" and \"aliases = […]\"",
};
/// "File"
pub const FILE: Phrase = Phrase {
    vi: "Tệp",
    en: "File",
};
/// "Sheets"
pub const SHEETS: Phrase = Phrase {
    vi: "Các trang",
    en: "Sheets",
};
/// "told from the headers"
pub const TOLD_FROM_THE_HEADERS: Phrase = Phrase {
    vi: "nhận ra từ tiêu đề cột",
    en: "told from the headers",
};
/// "not recognised"
pub const NOT_RECOGNISED: Phrase = Phrase {
    vi: "không nhận ra",
    en: "not recognised",
};
/// "Kind"
pub const KIND: Phrase = Phrase {
    vi: "Loại bảng",
    en: "Kind",
};
/// "Warning"
pub const WARNING: Phrase = Phrase {
    vi: "Cảnh báo",
    en: "Warning",
};
/// "All rows"
pub const ALL_ROWS: Phrase = Phrase {
    vi: "Tổng số dòng",
    en: "All rows",
};
/// "Would not import"
pub const WOULD_NOT_IMPORT: Phrase = Phrase {
    vi: "Không nhập được",
    en: "Would not import",
};
/// "Most likely kind"
pub const MOST_LIKELY_KIND: Phrase = Phrase {
    vi: "Loại gần nhất",
    en: "Most likely kind",
};
/// "Sheet"
pub const SHEET: Phrase = Phrase {
    vi: "Trang",
    en: "Sheet",
};
/// "Title line"
pub const TITLE_LINE: Phrase = Phrase {
    vi: "Dòng tiêu đề bảng",
    en: "Title line",
};
/// "no header row found"
pub const NO_HEADER_ROW_FOUND: Phrase = Phrase {
    vi: "không thấy dòng tiêu đề cột nào",
    en: "no header row found",
};
/// "Header rows"
pub const HEADER_ROWS: Phrase = Phrase {
    vi: "Dòng tiêu đề cột",
    en: "Header rows",
};
/// "Columns"
pub const COLUMNS: Phrase = Phrase {
    vi: "Cột",
    en: "Columns",
};
/// "personal data, not shown"
pub const PERSONAL_DATA_NOT_SHOWN: Phrase = Phrase {
    vi: "dữ liệu cá nhân, không hiển thị",
    en: "personal data, not shown",
};
/// " or "
pub const OR: Phrase = Phrase {
    vi: " hoặc ",
    en: " or ",
};
/// "nothing missing"
pub const NOTHING_MISSING: Phrase = Phrase {
    vi: "đủ các cột cần thiết",
    en: "nothing missing",
};
/// "missing"
pub const MISSING: Phrase = Phrase {
    vi: "thiếu",
    en: "missing",
};
/// "found"
pub const FOUND: Phrase = Phrase {
    vi: "có",
    en: "found",
};
/// "skipped"
pub const SKIPPED: Phrase = Phrase {
    vi: "bỏ qua",
    en: "skipped",
};
/// "Title rows"
pub const TITLE_ROWS: Phrase = Phrase {
    vi: "Dòng tiêu đề bảng",
    en: "Title rows",
};
/// "Column-number row"
pub const COLUMN_NUMBER_ROW: Phrase = Phrase {
    vi: "Dòng đánh số cột",
    en: "Column-number row",
};
/// "(not used)"
pub const NOT_USED: Phrase = Phrase {
    vi: "(không dùng)",
    en: "(not used)",
};
/// "from the time each form was sent"
pub const FROM_THE_TIME_EACH_FORM_WAS: Phrase = Phrase {
    vi: "theo cột thời điểm gửi phiếu",
    en: "from the time each form was sent",
};
/// "from each dossier's receipt date"
pub const FROM_EACH_DOSSIER_S_RECEIPT_DATE: Phrase = Phrase {
    vi: "theo ngày tiếp nhận của từng hồ sơ",
    en: "from each dossier's receipt date",
};
/// "from the year column"
pub const FROM_THE_YEAR_COLUMN: Phrase = Phrase {
    vi: "theo cột Năm",
    en: "from the year column",
};
/// "Year"
pub const YEAR: Phrase = Phrase {
    vi: "Năm",
    en: "Year",
};
/// "from the unit column"
pub const FROM_THE_UNIT_COLUMN: Phrase = Phrase {
    vi: "theo cột Đơn vị",
    en: "from the unit column",
};
/// "Unit"
pub const UNIT: Phrase = Phrase {
    vi: "Đơn vị",
    en: "Unit",
};
/// "Publisher"
pub const PUBLISHER: Phrase = Phrase {
    vi: "Cơ quan công bố",
    en: "Publisher",
};
/// "the title; not a unit"
pub const THE_TITLE_NOT_A_UNIT: Phrase = Phrase {
    vi: "tiêu đề bảng; không phải đơn vị",
    en: "the title; not a unit",
};
/// "Rows"
pub const ROWS: Phrase = Phrase {
    vi: "Dòng",
    en: "Rows",
};
/// "imported"
pub const IMPORTED: Phrase = Phrase {
    vi: "nhập",
    en: "imported",
};
/// "structure"
pub const STRUCTURE: Phrase = Phrase {
    vi: "cấu trúc",
    en: "structure",
};
/// "rejected"
pub const REJECTED: Phrase = Phrase {
    vi: "bị loại",
    en: "rejected",
};
/// "removed"
pub const REMOVED: Phrase = Phrase {
    vi: "đã gỡ",
    en: "removed",
};
/// "deleted"
pub const DELETED: Phrase = Phrase {
    vi: "xoá",
    en: "deleted",
};
/// "rows"
pub const ROWS_2: Phrase = Phrase {
    vi: "dòng",
    en: "rows",
};
/// "Total"
pub const TOTAL: Phrase = Phrase {
    vi: "Tổng cộng",
    en: "Total",
};
/// costs follow the standard cost model
pub const COSTS_FOLLOW_THE_STANDARD_COST_MODEL: Phrase = Phrase {
    vi: "Chi phí tính theo mô hình chi phí chuẩn (Thông tư 02/2017/TT-VPCP) với các giả định của tệp quy tắc (\"cchc procedures rules\").",
    en: "Costs follow the standard cost model (Circular 02/2017/TT-VPCP) with the assumptions of the rules file (\"cchc procedures rules\").",
};
/// "No procedure is proposed."
pub const NO_PROCEDURE_IS_PROPOSED: Phrase = Phrase {
    vi: "Không có thủ tục nào được đề xuất.",
    en: "No procedure is proposed.",
};
/// "Reading"
pub const READING: Phrase = Phrase {
    vi: "Đọc tệp",
    en: "Reading",
};
/// "already imported, nothing added"
pub const ALREADY_IMPORTED_NOTHING_ADDED: Phrase = Phrase {
    vi: "đã nhập tệp này trước đó, không thêm gì",
    en: "already imported, nothing added",
};
/// "stored"
pub const STORED: Phrase = Phrase {
    vi: "đã lưu",
    en: "stored",
};
/// "replaced the rows of"
pub const REPLACED_THE_ROWS_OF: Phrase = Phrase {
    vi: "thay thế số liệu",
    en: "replaced the rows of",
};
/// "from"
pub const FROM: Phrase = Phrase {
    vi: "từ tệp",
    en: "from",
};
/// "warning"
pub const WARNING_2: Phrase = Phrase {
    vi: "cảnh báo",
    en: "warning",
};
/// "year"
pub const YEAR_2: Phrase = Phrase {
    vi: "năm",
    en: "year",
};
/// "period" (of a half-year report)
pub const PERIOD_OF_DATA: Phrase = Phrase {
    vi: "kỳ",
    en: "period",
};
/// "published by"
pub const PUBLISHED_BY: Phrase = Phrase {
    vi: "công bố bởi",
    en: "published by",
};
/// "invalid answers"
pub const INVALID_ANSWERS: Phrase = Phrase {
    vi: "câu trả lời không hợp lệ",
    en: "invalid answers",
};
/// "error"
pub const ERROR: Phrase = Phrase {
    vi: "lỗi",
    en: "error",
};

/// "province" (the province of a file's units, in the import's report)
pub const PROVINCE: Phrase = Phrase {
    vi: "tỉnh",
    en: "province",
};

/// "Province" (a label in `inspect`)
pub const PROVINCE_LABEL: Phrase = Phrase {
    vi: "Tỉnh",
    en: "Province",
};
/// "Period" (a label in `inspect`)
pub const PERIOD_LABEL: Phrase = Phrase {
    vi: "Kỳ",
    en: "Period",
};
/// "the whole year"
pub const WHOLE_YEAR: Phrase = Phrase {
    vi: "cả năm",
    en: "the whole year",
};

/// Every phrase above, for the test that reads each in both languages.
#[cfg(test)]
pub const ALL: &[Phrase] = &[
    PROVINCE,
    PROVINCE_LABEL,
    PERIOD_LABEL,
    WHOLE_YEAR,
    MONDAY,
    TUESDAY,
    WEDNESDAY,
    THURSDAY,
    FRIDAY,
    SATURDAY,
    SUNDAY,
    HOLIDAY,
    OBSERVED,
    SWAPPED_OFF,
    MAKE_UP_WORKING_DAY,
    PENDING,
    DEFAULT,
    CANNOT_READ_THE_UNITS_FILE,
    THE_UNITS_FILE_IS_MALFORMED_EACH,
    FILE,
    SHEETS,
    TOLD_FROM_THE_HEADERS,
    NOT_RECOGNISED,
    KIND,
    WARNING,
    ALL_ROWS,
    WOULD_NOT_IMPORT,
    MOST_LIKELY_KIND,
    SHEET,
    TITLE_LINE,
    NO_HEADER_ROW_FOUND,
    HEADER_ROWS,
    COLUMNS,
    PERSONAL_DATA_NOT_SHOWN,
    OR,
    NOTHING_MISSING,
    MISSING,
    FOUND,
    SKIPPED,
    TITLE_ROWS,
    COLUMN_NUMBER_ROW,
    NOT_USED,
    FROM_THE_TIME_EACH_FORM_WAS,
    FROM_EACH_DOSSIER_S_RECEIPT_DATE,
    FROM_THE_YEAR_COLUMN,
    YEAR,
    FROM_THE_UNIT_COLUMN,
    UNIT,
    PUBLISHER,
    THE_TITLE_NOT_A_UNIT,
    ROWS,
    IMPORTED,
    STRUCTURE,
    REJECTED,
    REMOVED,
    DELETED,
    ROWS_2,
    TOTAL,
    COSTS_FOLLOW_THE_STANDARD_COST_MODEL,
    NO_PROCEDURE_IS_PROPOSED,
    READING,
    ALREADY_IMPORTED_NOTHING_ADDED,
    STORED,
    REPLACED_THE_ROWS_OF,
    FROM,
    WARNING_2,
    YEAR_2,
    PERIOD_OF_DATA,
    PUBLISHED_BY,
    INVALID_ANSWERS,
    ERROR,
];
