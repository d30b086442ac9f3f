//! The words of `cchc serve`'s pages: headings, navigation, forms and the sentences the pages
//! say, each in Vietnamese and English.

use cchc_model::{Lang, Phrase};

macro_rules! phrases {
    ($($(#[$doc:meta])* $name:ident = ($vi:expr, $en:expr);)*) => {
        $($(#[$doc])* pub const $name: Phrase = Phrase { vi: $vi, en: $en };)*
        /// Every phrase of the pages, for the test that reads each in both languages.
        #[cfg(test)]
        pub const ALL: &[Phrase] = &[$($name),*];
    };
}

phrases! {
    /// The app's name in the title bar.
    APP = ("Phân tích cải cách hành chính", "Administrative reform analysis");
    /// Navigation: the overview.
    NAV_OVERVIEW = ("Tổng quan", "Overview");
    /// Navigation: the import page.
    NAV_IMPORT = ("Nhập tệp", "Import");
    /// Navigation: scorecards.
    NAV_SCORECARDS = ("Chỉ số CCHC", "PAR index");
    /// Navigation: surveys.
    NAV_SURVEYS = ("Sự hài lòng", "Satisfaction");
    /// Navigation: procedures.
    NAV_PROCEDURES = ("Thủ tục hành chính", "Procedures");
    /// Navigation: dossier logs.
    NAV_DOSSIERS = ("Sổ theo dõi hồ sơ", "Dossier logs");
    /// Navigation: units.
    NAV_UNITS = ("Đơn vị", "Units");
    /// Navigation: the report.
    NAV_REPORT = ("Báo cáo", "Report");
    /// The unit map's label.
    MAP = ("Bản đồ đơn vị", "Unit map");
    /// The latest map.
    MAP_LATEST = ("mới nhất", "latest");
    /// As reported.
    MAP_REPORTED = ("như tệp ghi", "as reported");
    /// The store is empty.
    STORE_EMPTY = (
        "Kho chưa có dữ liệu. Hãy nhập các bảng tính của năm ở trang Nhập tệp.",
        "The store holds nothing yet. Import the year's workbooks on the Import page."
    );
    /// What the store holds, heading.
    HOLDS = ("Kho đang có", "What the store holds");
    /// Sources, heading.
    SOURCES = ("Các tệp đã nhập", "Files imported");
    /// What to do next, heading.
    NEXT = ("Làm gì tiếp", "What next");
    /// Next: import more.
    NEXT_IMPORT = ("Nhập thêm bảng tính", "Import more workbooks");
    /// Next: the report.
    NEXT_REPORT = ("Lập báo cáo năm", "Write the year's report");
    /// Column: kind of table.
    COL_KIND = ("Loại bảng", "Kind");
    /// Column: units.
    COL_UNITS = ("Đơn vị", "Units");
    /// Column: years.
    COL_YEARS = ("Năm", "Years");
    /// Column: file.
    COL_FILE = ("Tệp", "File");
    /// Column: rows read.
    COL_READ = ("Dòng đọc", "Rows read");
    /// Column: imported.
    COL_IMPORTED = ("Nhập", "Imported");
    /// Column: structure.
    COL_STRUCTURE = ("Cấu trúc", "Structure");
    /// Column: rejected.
    COL_REJECTED = ("Bị loại", "Rejected");
    /// Column: imported at.
    COL_IMPORTED_AT = ("Thời điểm nhập", "Imported at");
    /// Column: sheet.
    COL_SHEET = ("Trang", "Sheet");
    /// Column: cell.
    COL_CELL = ("Ô", "Cell");
    /// Column: reason.
    COL_REASON = ("Lý do", "Reason");
    /// Column: the row's text.
    COL_ROW = ("Nội dung dòng", "The row");
    /// Column: a column's letter.
    COL_COLUMN = ("Cột", "Column");
    /// Column: a column's header.
    COL_HEADER = ("Tiêu đề cột", "Header");
    /// Column: the field a column is read as.
    COL_FIELD = ("Đọc là", "Read as");
    /// Column: province.
    COL_PROVINCE = ("Tỉnh", "Province");
    /// Column: period.
    COL_PERIOD = ("Kỳ", "Period");
    /// The import form's heading.
    IMPORT_HEADING = ("Nhập bảng tính vào kho", "Import workbooks into the store");
    /// The import form's explanation.
    IMPORT_HELP = (
        "Chọn một hay nhiều tệp .xlsx, .xls, .xlsb, .ods hoặc .csv. cchc đọc hết các tệp trước; nếu một tệp không đọc được thì không tệp nào được lưu.",
        "Choose one or more .xlsx, .xls, .xlsb, .ods or .csv files. cchc reads every file first; if one cannot be read, none is stored."
    );
    /// The file input's label.
    FILES = ("Tệp", "Files");
    /// The kind's label.
    KIND_LABEL = ("Loại bảng", "Kind of table");
    /// The kind told from the headers.
    KIND_AUTO = ("tự nhận ra từ tiêu đề cột", "told from the headers");
    /// The province's label.
    PROVINCE_LABEL = ("Tỉnh (nếu tiêu đề không ghi)", "Province (when the title names none)");
    /// The year's label on the import form.
    YEAR_LABEL = ("Năm (nếu tệp không ghi)", "Year (when the file names none)");
    /// The unit's label on the import form.
    UNIT_LABEL = ("Đơn vị (nếu tệp không ghi)", "Unit (when the file names none)");
    /// The period's label on the import form.
    PERIOD_LABEL = ("Kỳ, TỪ..ĐẾN (nếu không trọn năm)", "Period, FROM..TO (when not a whole year)");
    /// The import button.
    IMPORT_BUTTON = ("Nhập vào kho", "Import");
    /// The inspect button.
    INSPECT_BUTTON = ("Chỉ xem, không lưu", "Inspect only, store nothing");
    /// The upload limit.
    UPLOAD_LIMIT = ("Giới hạn mỗi lần tải lên", "Upload limit");
    /// The upload under way.
    SENDING = ("Đang gửi tệp", "Sending the files");
    /// The files sent, being read.
    READING = (
        "Đã gửi xong; cchc đang đọc và kiểm tra từng dòng…",
        "Sent; cchc is reading and checking every row…"
    );
    /// The upload failed.
    SEND_FAILED = (
        "Không gửi được tệp; không có gì được lưu. Hãy thử lại.",
        "The files could not be sent; nothing was stored. Try again."
    );
    /// The result of an import, heading.
    IMPORT_RESULT = ("Kết quả nhập", "What was imported");
    /// The result of an inspection, heading.
    INSPECT_RESULT = ("Kết quả xem trước (không lưu gì)", "Inspection (nothing stored)");
    /// A file stored.
    STORED = ("đã lưu", "stored");
    /// A file already imported.
    ALREADY = ("đã nhập trước đây, không thêm gì", "already imported, nothing added");
    /// Rejected rows, heading.
    REJECTED_ROWS = ("Các dòng bị loại", "Rejected rows");
    /// Warnings, heading.
    WARNINGS = ("Cảnh báo", "Warnings");
    /// Nothing stored after an error.
    NOTHING_STORED = (
        "Không có gì được lưu; kho giữ nguyên.",
        "Nothing was stored; the store is as it was."
    );
    /// No file was chosen.
    NO_FILE_CHOSEN = ("Chưa chọn tệp nào.", "No file was chosen.");
    /// The year's label.
    YEAR = ("Năm", "Year");
    /// The unit's label.
    UNIT = ("Đơn vị", "Unit");
    /// Every year or unit.
    EVERY = ("tất cả", "all");
    /// The show button.
    SHOW = ("Xem", "Show");
    /// Points lost, heading.
    GAPS = ("Điểm bị mất theo tiêu chí", "Points lost by criterion");
    /// The trend, heading.
    TREND = ("Tổng điểm qua các năm", "Totals over the years");
    /// The satisfaction index, heading.
    INDEX = ("Chỉ số theo yếu tố", "Index by element");
    /// The index overall, heading.
    INDEX_OVERALL = ("Chỉ số chung", "Index overall");
    /// Procedure statistics, heading.
    PROCEDURE_STATS = ("Thống kê theo đơn vị", "Statistics by unit");
    /// Proposals, heading.
    PROPOSALS = ("Thủ tục đề xuất đơn giản hoá", "Procedures proposed for simplification");
    /// Dossier statistics, heading.
    DOSSIER_STATS = ("Thống kê từ sổ theo dõi", "Statistics from the logs");
    /// Nothing of this kind.
    NOTHING_OF_KIND = (
        "Kho chưa có dữ liệu loại này.",
        "The store holds nothing of this kind."
    );
    /// The units search.
    UNITS_HEADING = ("Tra cứu đơn vị", "Look up a unit");
    /// The name's label.
    NAME = ("Tên", "Name");
    /// The day's label.
    AS_OF = ("Vào ngày (yyyy-mm-dd)", "On the day (yyyy-mm-dd)");
    /// Units of the store, heading.
    STORED_UNITS = ("Đơn vị trong kho", "Units in the store");
    /// The report's heading.
    REPORT_HEADING = ("Báo cáo năm", "The year's report");
    /// The report's explanation.
    REPORT_HELP = (
        "Lập trang HTML in được, sổ tính Excel có biểu đồ và bản thảo kế hoạch Word từ số liệu trong kho.",
        "Write the printable HTML page, the Excel workbook with charts and the Word draft of the plan from the store."
    );
    /// The report button.
    REPORT_BUTTON = ("Lập báo cáo", "Write the report");
    /// The downloads, heading.
    DOWNLOADS = ("Tải về", "Downloads");
    /// An error page's heading.
    ERROR = ("Có lỗi", "Something went wrong");
    /// Back to the overview.
    BACK = ("Về trang tổng quan", "Back to the overview");
    /// Back to the import form.
    TRY_AGAIN = ("Chọn tệp khác", "Choose other files");
    /// The page was not found.
    NOT_FOUND = ("Không có trang này.", "There is no such page.");
    /// A request from another host.
    WRONG_HOST = (
        "Yêu cầu gửi tới một tên máy khác với địa chỉ cchc đang chạy; cchc từ chối để tránh bị trang khác lợi dụng.",
        "The request names another host than the address cchc serves; cchc refuses it so that no other page can use it."
    );
    /// A missing or wrong access token.
    NEED_TOKEN = (
        "Cần mã truy cập: mở địa chỉ cchc serve đã in (có ?token=…).",
        "An access token is needed: open the address cchc serve printed (with ?token=…)."
    );
    /// A state-changing request without the page's token.
    BAD_CSRF = (
        "Yêu cầu không mang mã của trang; không có gì thay đổi. Hãy mở lại trang rồi gửi lại.",
        "The request does not carry the page's token; nothing was changed. Open the page again and resend."
    );
    /// An upload over the limit.
    TOO_LARGE = (
        "Tệp tải lên vượt giới hạn; không có gì được lưu. Tăng giới hạn bằng cchc serve --max-upload-mb.",
        "The upload is over the limit; nothing was stored. Raise it with cchc serve --max-upload-mb."
    );
    /// The unknown download.
    NO_DOWNLOAD = ("Không có tệp này để tải.", "There is no such file to download.");
    /// The year's report was written.
    REPORT_WRITTEN = ("Đã lập báo cáo", "The report was written");
}

/// The switch to the other language, named in that language (as every bilingual site does, so
/// that a reader of either finds it): not a phrase of this language.
pub fn other_language(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "English",
        Lang::En => "Tiếng Việt",
    }
}

/// "cchc serve: http://…" — the line the server prints when it listens.
pub fn listening(url: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("cchc đang phục vụ tại {url} (Ctrl+C để dừng)"),
        Lang::En => format!("cchc is serving at {url} (Ctrl+C to stop)"),
    }
}

/// The refusal to listen beyond this machine without a token.
pub fn needs_token(host: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "--host \"{host}\" mở cchc cho máy khác trong mạng: hãy đặt --token MÃ để mọi yêu cầu phải mang mã đó (hoặc bỏ --host để chỉ máy này dùng)"
        ),
        Lang::En => format!(
            "--host \"{host}\" opens cchc to other machines on the network: give --token TOKEN so that every request must carry it (or leave --host out to serve this machine only)"
        ),
    }
}

/// The address could not be listened on (the port taken, the host not this machine's).
pub fn cannot_listen(host: &str, port: u16, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "không mở được cổng {port} trên \"{host}\" ({why}); hãy chọn cổng khác bằng --port, hoặc --port 0 để cchc tự chọn"
        ),
        Lang::En => format!(
            "cannot listen on port {port} of \"{host}\" ({why}); choose another with --port, or --port 0 to let cchc pick one"
        ),
    }
}

/// The browser could not be opened.
pub fn no_browser(url: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("không mở được trình duyệt; hãy mở {url}"),
        Lang::En => format!("the browser could not be opened; open {url}"),
    }
}

/// "Đạt 30,44 trên tối đa 39,5 điểm; mất 9,06 điểm" — the headline of a unit's year.
pub fn score_headline(unit: &str, year: i32, score: f64, max: f64, lang: Lang) -> String {
    let n = |x: f64| cchc_model::labels::fmt_number(x, 2, lang);
    let trim = |s: String| {
        let sep = if lang == Lang::Vi { ',' } else { '.' };
        if s.contains(sep) {
            s.trim_end_matches('0').trim_end_matches(sep).to_owned()
        } else {
            s
        }
    };
    let (score_s, max_s, lost_s) = (trim(n(score)), trim(n(max)), trim(n(max - score)));
    match lang {
        Lang::Vi => format!(
            "\"{unit}\" năm {year}: {score_s} điểm đạt trên tối đa {max_s}; {lost_s} điểm bị mất"
        ),
        Lang::En => format!(
            "\"{unit}\" in {year}: {score_s} points achieved of a maximum of {max_s}; {lost_s} points lost"
        ),
    }
}

/// The summary of one file imported through the page.
pub fn file_counts(read: u64, imported: u64, structure: u64, rejected: u64, lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            format!("{read} dòng đọc = {imported} nhập + {structure} cấu trúc + {rejected} bị loại")
        }
        Lang::En => format!(
            "{read} rows read = {imported} imported + {structure} structure + {rejected} rejected"
        ),
    }
}
