//! The notes under the analyses' tables: how a survey's p-values were adjusted; what a dossier
//! log's statistics, audit and reconciliation found; an audit flag in words.

use cchc_analysis::stats::Adjust;
use cchc_model::Lang;

/// The footnote of an index table: how its p-values were adjusted and how many tests it holds.
pub fn adjustment_note(adjust: Adjust, tests: usize, lang: Lang) -> String {
    let method = match adjust {
        Adjust::None => None,
        Adjust::Holm => Some("Holm"),
        Adjust::Bh => Some("Benjamini–Hochberg"),
    };
    let adjusted = match (method, lang) {
        (Some(m), Lang::Vi) => format!("p_adjusted: hiệu chỉnh {m} cho {tests} kiểm định"),
        (Some(m), Lang::En) => format!("p_adjusted: {m} adjustment over {tests} tests"),
        (None, Lang::Vi) => format!("p_adjusted = p_value, không hiệu chỉnh ({tests} kiểm định)"),
        (None, Lang::En) => format!("p_adjusted = p_value, no adjustment ({tests} tests)"),
    };
    match lang {
        Lang::Vi => format!(
            "{adjusted}; có ý nghĩa khi p_adjusted < 0,05. Sai số chuẩn và khoảng tin cậy 95% coi mỗi người trả lời là một cụm."
        ),
        Lang::En => format!(
            "{adjusted}; significant when p_adjusted < 0.05. The SE and the 95% interval treat each respondent as a cluster."
        ),
    }
}

/// The note under `dossiers stats`.
pub fn dossier_stats_note(verdict: &str, repeats: usize, no_limit: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "Theo đánh giá của {verdict}: hạn tính trên lịch ngày làm việc (cchc calendar). {repeats} dòng trùng mã giữa các tệp: giữ dòng có ngày muộn nhất. {no_limit} nhóm không có thời hạn trong danh mục thủ tục (nhập danh mục để tính hạn)."
        ),
        Lang::En => format!(
            "Verdict of {verdict}: due dates on the working-day calendar (cchc calendar). {repeats} rows repeated a code across files: the latest kept. {no_limit} groups have no time limit in the registry (import it to compute due dates)."
        ),
    }
}

/// The note under `dossiers audit`.
pub fn audit_note(flags: usize, dossiers: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{flags} hồ sơ bị đánh dấu trên {dossiers} hồ sơ."),
        Lang::En => format!("{flags} flags over {dossiers} dossiers."),
    }
}

/// The note under `dossiers reconcile`.
pub fn reconcile_note(differ: usize, compared: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "{differ} chỉ tiêu chênh lệch hoặc chỉ có ở một nguồn, trên {compared} chỉ tiêu đối chiếu."
        ),
        Lang::En => {
            format!("{differ} figures differ or exist on one side only, of {compared} compared.")
        }
    }
}

/// An audit flag in words.
pub fn audit_flag(code: &str, lang: Lang) -> &'static str {
    let (vi, en) = match code {
        "overdue_reset" => (
            "Thời điểm có kết quả trùng giờ hẹn trả, như nhiều hồ sơ khác của đơn vị (nghi ghi đè khi quá hạn)",
            "Completion time equals the due time, as in many of the unit's dossiers (an overdue reset?)",
        ),
        "due_later_than_legal" => (
            "Ngày hẹn trả muộn hơn hạn theo quy định, không có gia hạn",
            "Written due date later than the legal one, without an extension",
        ),
        "withdrawn_with_result" => (
            "Đã rút hoặc dừng xử lý nhưng có ngày có kết quả",
            "Withdrawn or stopped, yet with a result",
        ),
        "result_before_receipt" => (
            "Có kết quả trước ngày tiếp nhận",
            "Result dated before the receipt",
        ),
        "code_date_mismatch" => (
            "Ngày trong mã hồ sơ khác ngày tiếp nhận",
            "The date in the dossier code differs from the receipt date",
        ),
        _ => ("", ""),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}
