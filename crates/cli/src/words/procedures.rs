//! The words of the procedure analyses: what each reason proposes and why, the rate
//! definitions under a table, the summary line of a proposal, and the simplification frame with
//! its proposals and reasons in words for people.

use cchc_analysis::procedures::{Proposal, Reason};
use cchc_model::Lang;
use cchc_model::columns as c;
use cchc_model::diag::{fmt_num, fmt_num_vi};
use polars::prelude::{Column, DataFrame, PolarsResult};

use super::Words;

/// The proposal this reason leads to.
pub fn proposal(reason: &Reason, lang: Lang) -> String {
    let n = |x: f64| fmt_days(x, lang);
    match (reason, lang) {
        (Reason::NoDossiers { .. }, Lang::Vi) => "Bãi bỏ hoặc gộp vào thủ tục khác".to_owned(),
        (Reason::NoDossiers { .. }, Lang::En) => "Abolish or merge into another".to_owned(),
        (
            Reason::TimeSlack {
                legal_days,
                proposed_days,
                ..
            },
            Lang::Vi,
        ) => format!(
            "Rút ngắn thời hạn giải quyết từ {} xuống {} ngày",
            n(*legal_days),
            n(*proposed_days)
        ),
        (
            Reason::TimeSlack {
                legal_days,
                proposed_days,
                ..
            },
            Lang::En,
        ) => format!(
            "Cut the time limit from {} to {} days",
            n(*legal_days),
            n(*proposed_days)
        ),
        (Reason::Late { .. }, Lang::Vi) => "Rà soát, cải tiến quy trình giải quyết".to_owned(),
        (Reason::Late { .. }, Lang::En) => "Review and improve the process".to_owned(),
        (Reason::LowOnline { .. }, Lang::Vi) => "Đẩy mạnh tiếp nhận trực tuyến".to_owned(),
        (Reason::LowOnline { .. }, Lang::En) => "Move dossiers online".to_owned(),
        (
            Reason::ManyComponents {
                components,
                proposed,
            },
            Lang::Vi,
        ) => format!("Cắt giảm thành phần hồ sơ từ {components} xuống {proposed}"),
        (
            Reason::ManyComponents {
                components,
                proposed,
            },
            Lang::En,
        ) => format!("Cut dossier components from {components} to {proposed}"),
    }
}

fn fmt_days(x: f64, lang: Lang) -> String {
    match lang {
        Lang::Vi => fmt_num_vi((x * 10.0).round() / 10.0),
        Lang::En => fmt_num((x * 10.0).round() / 10.0),
    }
}

fn pct(x: f64, lang: Lang) -> String {
    let s = format!("{:.1}%", x * 100.0);
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
    }
}

impl Words for Reason {
    fn words(&self, lang: Lang) -> String {
        let d = |x: f64| fmt_days(x, lang);
        match (self, lang) {
            (Reason::NoDossiers { received, year }, Lang::Vi) => {
                format!("Năm {year} có {received} hồ sơ")
            }
            (Reason::NoDossiers { received, year }, Lang::En) => {
                format!("{received} dossiers in {year}")
            }
            (
                Reason::TimeSlack {
                    actual_days,
                    legal_days,
                    p90_days: Some(p90),
                    ..
                },
                Lang::Vi,
            ) => format!(
                "90% hồ sơ giải quyết trong {} ngày làm việc (trung bình {}), bằng {} thời hạn {} ngày (theo sổ theo dõi hồ sơ)",
                d(*p90),
                d(*actual_days),
                pct(p90 / legal_days, lang),
                d(*legal_days)
            ),
            (
                Reason::TimeSlack {
                    actual_days,
                    legal_days,
                    p90_days: Some(p90),
                    ..
                },
                Lang::En,
            ) => format!(
                "90% of dossiers resolved within {} working days (mean {}), {} of the {}-day limit (from the dossier log)",
                d(*p90),
                d(*actual_days),
                pct(p90 / legal_days, lang),
                d(*legal_days)
            ),
            (
                Reason::TimeSlack {
                    actual_days,
                    legal_days,
                    ..
                },
                Lang::Vi,
            ) => format!(
                "Thời gian thực tế {} ngày, bằng {} thời hạn {} ngày",
                d(*actual_days),
                pct(actual_days / legal_days, lang),
                d(*legal_days)
            ),
            (
                Reason::TimeSlack {
                    actual_days,
                    legal_days,
                    ..
                },
                Lang::En,
            ) => format!(
                "Actual time {} days, {} of the {}-day limit",
                d(*actual_days),
                pct(actual_days / legal_days, lang),
                d(*legal_days)
            ),
            (Reason::Late { late, resolved }, Lang::Vi) => format!(
                "Trễ hạn {late}/{resolved} hồ sơ ({})",
                pct(*late as f64 / *resolved as f64, lang)
            ),
            (Reason::Late { late, resolved }, Lang::En) => format!(
                "{late} of {resolved} dossiers late ({})",
                pct(*late as f64 / *resolved as f64, lang)
            ),
            (
                Reason::LowOnline {
                    online_share,
                    target,
                    level,
                },
                Lang::Vi,
            ) => format!(
                "Có DVC trực tuyến {} nhưng hồ sơ trực tuyến chỉ đạt {} (mục tiêu {})",
                if level == "full" {
                    "toàn trình"
                } else {
                    "một phần"
                },
                pct(*online_share, lang),
                pct(*target, lang)
            ),
            (
                Reason::LowOnline {
                    online_share,
                    target,
                    level,
                },
                Lang::En,
            ) => format!(
                "Offered online ({}) but only {} of dossiers come online (target {})",
                if level == "full" { "fully" } else { "partly" },
                pct(*online_share, lang),
                pct(*target, lang)
            ),
            (Reason::ManyComponents { components, .. }, Lang::Vi) => {
                format!("Hồ sơ gồm {components} thành phần")
            }
            (Reason::ManyComponents { components, .. }, Lang::En) => {
                format!("The dossier has {components} components")
            }
        }
    }
}

/// The rate definitions, for a footnote under a table.
pub fn procedure_definitions(lang: Lang) -> Vec<String> {
    let lines: [(&str, &str); 6] = [
        (
            "online_share, direct_share, postal_share = hồ sơ theo kênh / received (tổng hồ sơ tiếp nhận)",
            "online_share, direct_share, postal_share = dossiers by channel / received",
        ),
        (
            "on_time_rate = (trước hạn + đúng hạn) / resolved (hồ sơ đã giải quyết)",
            "on_time_rate = (early + on time) / resolved",
        ),
        (
            "late_rate = trễ hạn / resolved",
            "late_rate = late / resolved",
        ),
        (
            "late_or_overdue_rate = (trễ hạn + đang giải quyết quá hạn) / need_to_handle (tiếp nhận + tồn kỳ trước)",
            "late_or_overdue_rate = (late + pending overdue) / need_to_handle (received + carried over)",
        ),
        (
            "time_ratio = actual_days (thời gian thực tế bình quân) / legal_days (thời hạn theo quy định)",
            "time_ratio = actual_days / legal_days",
        ),
        (
            "online_uptake = TTHC trực tuyến có phát sinh hồ sơ trực tuyến / TTHC trực tuyến",
            "online_uptake = online procedures with an online dossier / online procedures",
        ),
    ];
    lines
        .iter()
        .map(|(vi, en)| lang.pick(vi, en).to_owned())
        .collect()
}

/// The summary line of a proposal: how many procedures, the share, the target.
pub fn summary(p: &Proposal, lang: Lang) -> String {
    let pct = |x: f64| cchc_model::labels::fmt_number(x * 100.0, 1, lang);
    let money = cchc_model::labels::fmt_money(p.total_saving(), lang);
    let (proposed, share, target, procedures) = (
        p.candidates.len(),
        pct(p.share()),
        pct(p.target_share),
        p.procedures,
    );
    let needed = p.needed();
    let verdict = match (p.target_met(), lang) {
        (true, Lang::Vi) => "ĐẠT".to_owned(),
        (true, Lang::En) => "MET".to_owned(),
        (false, Lang::Vi) => format!("CHƯA ĐẠT, cần thêm {}", needed - proposed),
        (false, Lang::En) => format!("NOT MET, {} more needed", needed - proposed),
    };
    let (unit, year) = (&p.unit, p.year);
    match lang {
        Lang::Vi => format!(
            "\"{unit}\" năm {year}: đề xuất {proposed}/{procedures} thủ tục ({share}%), mục tiêu {target}% ({needed} thủ tục): {verdict}; tiết kiệm ước tính {money} đồng/năm"
        ),
        Lang::En => format!(
            "\"{unit}\" {year}: {proposed} of {procedures} procedures proposed ({share}%), target {target}% ({needed} procedures): {verdict}; estimated saving {money} VND a year"
        ),
    }
}

/// The simplification frame with the proposals and reasons of each candidate in words, for a
/// table or a workbook that people read (the frame's rows are the proposals' candidates, in order).
pub fn with_reasons_in_words(
    mut frame: DataFrame,
    proposals: &[Proposal],
    lang: Lang,
) -> PolarsResult<DataFrame> {
    let candidates = proposals.iter().flat_map(|p| &p.candidates);
    let (mut proposal_words, mut reason_words) = (Vec::new(), Vec::new());
    for cand in candidates {
        let join = |f: &dyn Fn(&Reason) -> String| {
            cand.reasons.iter().map(f).collect::<Vec<_>>().join("; ")
        };
        proposal_words.push(join(&|r| proposal(r, lang)));
        reason_words.push(join(&|r| r.words(lang)));
    }
    frame.with_column(Column::new(c::PROPOSAL.into(), proposal_words))?;
    frame.with_column(Column::new(c::REASONS.into(), reason_words))?;
    Ok(frame)
}

/// Which units and years take their procedure figures from dossier logs, when any do.
pub fn from_logs(covered: &[(i32, String)], lang: Lang) -> Option<String> {
    if covered.is_empty() {
        return None;
    }
    let list = covered
        .iter()
        .map(|(y, u)| format!("\"{u}\" {y}"))
        .collect::<Vec<_>>()
        .join(", ");
    Some(match lang {
        Lang::Vi => format!(
            "Số liệu thủ tục của {list}: tính từ sổ theo dõi hồ sơ (cột origin = log), không dùng báo cáo của đơn vị; so sánh hai nguồn: cchc dossiers reconcile"
        ),
        Lang::En => format!(
            "Procedure figures of {list}: computed from the dossier log (origin = log), not the office's report; compare the two: cchc dossiers reconcile"
        ),
    })
}

/// A registry alone (the portal's list) has nothing to roll up.
pub fn registry_only(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => {
            "kho chỉ có danh mục thủ tục (không có số hồ sơ): hãy nhập bảng thống kê hồ sơ để có tỷ lệ"
        }
        Lang::En => {
            "the store holds a procedure registry only (no dossier counts): import dossier statistics for the rates"
        }
    }
}

/// The footnote of `procedures stats`: the definitions, and the targets the flags test.
pub fn stats_definitions(
    postal_target: f64,
    online_target: Option<f64>,
    lang: Lang,
) -> Vec<String> {
    let mut lines = vec![format!(
        "{}:",
        match lang {
            Lang::Vi => "Định nghĩa",
            Lang::En => "Definitions",
        }
    )];
    lines.extend(
        procedure_definitions(lang)
            .into_iter()
            .map(|l| format!("  {l}")),
    );
    lines.push(format!(
        "  postal_target_met = postal_share ≥ {}%",
        cchc_model::labels::fmt_number(postal_target * 100.0, 0, lang)
    ));
    if let Some(t) = online_target {
        lines.push(format!(
            "  online_target_met = online_share ≥ {}%",
            cchc_model::labels::fmt_number(t * 100.0, 0, lang)
        ));
    }
    lines
}

/// Where the proposal's appendix was written.
pub fn proposal_written(path: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("Đã ghi phụ lục đề xuất: {}", path.display()),
        Lang::En => format!("Proposal written: {}", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_slack_proposes_the_new_limit_in_either_language() {
        let reason = Reason::TimeSlack {
            actual_days: 4.2,
            legal_days: 15.0,
            proposed_days: 6.0,
            p90_days: None,
        };
        assert!(proposal(&reason, Lang::Vi).contains("từ 15 xuống 6 ngày"));
        assert!(proposal(&reason, Lang::En).contains("from 15 to 6 days"));
        assert!(
            reason.words(Lang::Vi).contains("4,2"),
            "{}",
            reason.words(Lang::Vi)
        );
    }
}
