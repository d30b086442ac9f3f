//! The words of the commands' steps: the demo's headings, the report's progress, what was
//! written.

use std::path::Path;

use cchc_model::Lang;
use cchc_query::report::Step;

/// A heading of the demo's output.
#[derive(Debug, Clone, Copy)]
pub enum Heading<'a> {
    /// Importing the datasets of this folder.
    Importing(&'a Path),
    /// The seed's points lost.
    SeedGaps,
    /// The synthetic scorecards' totals.
    Trend,
    /// The synthetic surveys' index.
    Satisfaction,
    /// The procedures' ratios.
    Procedures,
    /// The proposal of procedures to simplify.
    Proposals,
    /// The files written.
    Written,
}

/// A heading of the demo's output.
pub fn demo_heading(heading: Heading<'_>, lang: Lang) -> String {
    let (vi, en) = match heading {
        Heading::Importing(dir) => {
            return match lang {
                Lang::Vi => format!("Nhập dữ liệu từ {}", dir.display()),
                Lang::En => format!("Importing {}", dir.display()),
            };
        }
        Heading::SeedGaps => (
            "Phụ lục KH 925/KH-SKHĐT: điểm bị mất năm 2021",
            "Plan 925 appendix: points lost in 2021",
        ),
        Heading::Trend => (
            "Xu hướng tổng điểm theo đơn vị (bộ dữ liệu tổng hợp)",
            "Score totals by unit and year (synthetic datasets)",
        ),
        Heading::Satisfaction => (
            "Chỉ số hài lòng chung theo đơn vị (khảo sát tổng hợp)",
            "Overall satisfaction index by unit (synthetic surveys)",
        ),
        Heading::Procedures => (
            "Thủ tục hành chính: tỷ lệ theo đơn vị và năm (dữ liệu mô phỏng)",
            "Procedures: ratios by unit and year (synthetic data)",
        ),
        Heading::Proposals => (
            "Đề xuất đơn giản hoá thủ tục hành chính (năm gần nhất)",
            "Procedures proposed for simplification (latest year)",
        ),
        Heading::Written => ("Đã ghi", "Written"),
    };
    match lang {
        Lang::Vi => vi.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// The demo's last line: where its store is, and a command to try on it.
pub fn demo_store(store: &Path, lang: Lang) -> String {
    let store = store.display();
    match lang {
        Lang::Vi => format!("Kho dữ liệu: {store} (xem thêm: cchc --store {store} scorecard gaps)"),
        Lang::En => format!("Store: {store} (try: cchc --store {store} scorecard gaps)"),
    }
}

/// A file written.
pub fn wrote(path: &Path, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("đã ghi {}", path.display()),
        Lang::En => format!("wrote {}", path.display()),
    }
}

/// The report's progress: its title (no step) or the part being read.
pub fn report_progress(step: Option<Step>, lang: Lang) -> &'static str {
    let (vi, en) = match step {
        None => ("Lập báo cáo", "Report"),
        Some(Step::Scorecards) => ("bảng điểm", "scorecards"),
        Some(Step::Surveys) => ("phiếu khảo sát", "surveys"),
        Some(Step::Procedures) => ("thủ tục hành chính", "procedures"),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// The report's progress while its document is built.
pub fn report_progress_document(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "biểu đồ, bảng",
        Lang::En => "charts, tables",
    }
}

/// `cchc demo` finds no datasets folder.
pub fn datasets_missing(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "không thấy thư mục datasets/; hãy dùng --datasets THƯ_MỤC",
        Lang::En => "datasets/ not found; pass --datasets DIR",
    }
}

/// `cchc import` names a kind but no file.
pub fn no_file(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "chưa có tệp nào để nhập",
        Lang::En => "no file to import",
    }
}
