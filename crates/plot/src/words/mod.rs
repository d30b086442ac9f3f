//! The charts' catalogue: titles, axis labels and legends, in Vietnamese and English. Phrases with
//! nothing to fill in are in [`phrases`]; labels with values are functions here.

pub mod phrases;

use cchc_model::{Lang, Scale};

/// One label in the language asked for.
fn say(lang: Lang, vi: String, en: String) -> String {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// A year in a legend: "Năm 2023", "2023".
pub fn year_label(year: i32, lang: Lang) -> String {
    say(lang, format!("Năm {year}"), format!("{year}"))
}

/// The Pareto's title.
pub fn pareto_title(unit: &str, year: i32, lang: Lang) -> String {
    say(
        lang,
        format!("Điểm bị mất theo tiêu chí — {unit}, năm {year}"),
        format!("Points lost by criterion — {unit}, {year}"),
    )
}

/// The Pareto's last bar, the criteria left out.
pub fn others(n: usize, lang: Lang) -> String {
    say(
        lang,
        format!("Còn lại ({n} mục)"),
        format!("Others ({n} items)"),
    )
}

/// The title of attainment by field.
pub fn fields_title(unit: &str, span: &str, lang: Lang) -> String {
    say(
        lang,
        format!("Tỷ lệ điểm đạt theo lĩnh vực — {unit}, {span}"),
        format!("Attainment by field — {unit}, {span}"),
    )
}

/// The title of the totals by unit (no maxima: a published index).
pub fn totals_title(span: &str, lang: Lang) -> String {
    say(
        lang,
        format!("Tổng điểm theo đơn vị, {span}"),
        format!("Total score by unit, {span}"),
    )
}

/// The title of the index by unit.
pub fn index_title(span: &str, lang: Lang) -> String {
    say(
        lang,
        format!("Chỉ số cải cách hành chính theo đơn vị, {span}"),
        format!("Administrative reform index by unit, {span}"),
    )
}

/// The label of a break line where units were reorganised (`day`: dd/mm/yyyy).
pub fn reorganised(day: &str, lang: Lang) -> String {
    say(
        lang,
        format!("Sắp xếp đơn vị {day}"),
        format!("Units reorganised {day}"),
    )
}

/// The title of a survey chart by element (`what` names the scale's dimension or index).
pub fn by_element(what: &str, unit: &str, span: &str, lang: Lang) -> String {
    say(
        lang,
        format!("{what} theo yếu tố — {unit}, {span}"),
        format!("{what} by element — {unit}, {span}"),
    )
}

/// The title of a survey chart by element and year.
pub fn by_element_and_year(what: &str, unit: &str, span: &str, lang: Lang) -> String {
    say(
        lang,
        format!("{what} theo yếu tố, so sánh các năm — {unit}, {span}"),
        format!("{what} by element and year — {unit}, {span}"),
    )
}

/// The title of the shares by channel.
pub fn channels_title(unit: &str, span: &str, lang: Lang) -> String {
    say(
        lang,
        format!("Tỷ lệ hồ sơ theo kênh tiếp nhận — {unit}, {span}"),
        format!("Dossiers by channel — {unit}, {span}"),
    )
}

/// The postal target's line (`pct` already written).
pub fn postal_target(pct: &str, lang: Lang) -> String {
    say(
        lang,
        format!("Mục tiêu BCCI {pct}%"),
        format!("Postal target {pct}%"),
    )
}

/// The title of the on-time rate by unit.
pub fn on_time_title(span: &str, lang: Lang) -> String {
    say(
        lang,
        format!("Tỷ lệ hồ sơ giải quyết đúng hạn theo đơn vị, {span}"),
        format!("Dossiers resolved on time by unit, {span}"),
    )
}

/// The axis of a procedure scatter: the time ratio or the late rate.
pub fn scatter_axis(time_ratio: bool, lang: Lang) -> &'static str {
    match (time_ratio, lang) {
        (true, Lang::Vi) => "Thời gian thực tế / thời hạn (%)",
        (true, Lang::En) => "Actual time / time limit (%)",
        (false, Lang::Vi) => "Tỷ lệ trễ hạn (%)",
        (false, Lang::En) => "Late rate (%)",
    }
}

/// The title of a procedure scatter (`what` its axis, in lower case without the unit).
pub fn scatter_title(what: &str, unit: &str, year: i32, without: usize, lang: Lang) -> String {
    say(
        lang,
        format!(
            "Số hồ sơ và {what} theo thủ tục — {unit}, {year} ({without} thủ tục không có số liệu)"
        ),
        format!("Dossiers and {what} by procedure — {unit}, {year} ({without} without figures)"),
    )
}

/// The five level names for legends, in the words of the answers' scale (`None`: several).
pub fn level_names(scale: Option<Scale>, lang: Lang) -> [&'static str; 5] {
    match (scale, lang) {
        (Some(Scale::Satisfaction), Lang::Vi) => [
            "Rất không hài lòng",
            "Không hài lòng",
            "Bình thường",
            "Hài lòng",
            "Rất hài lòng",
        ],
        (Some(Scale::Satisfaction), Lang::En) => [
            "Very dissatisfied",
            "Dissatisfied",
            "Neutral",
            "Satisfied",
            "Very satisfied",
        ],
        (Some(Scale::Agreement), Lang::Vi) => [
            "Hoàn toàn không đồng ý",
            "Không đồng ý",
            "Không ý kiến",
            "Đồng ý",
            "Hoàn toàn đồng ý",
        ],
        (Some(Scale::Agreement), Lang::En) => [
            "Strongly disagree",
            "Disagree",
            "Neutral",
            "Agree",
            "Strongly agree",
        ],
        (Some(Scale::Quality), Lang::Vi) => ["Rất kém", "Kém", "Trung bình", "Tốt", "Rất tốt"],
        (Some(Scale::Quality), Lang::En) => ["Very poor", "Poor", "Average", "Good", "Very good"],
        (Some(Scale::Numbers), _) => ["1", "2", "3", "4", "5"],
        (None, Lang::Vi) => ["Mức 1", "Mức 2", "Mức 3", "Mức 4", "Mức 5"],
        (None, Lang::En) => ["Level 1", "Level 2", "Level 3", "Level 4", "Level 5"],
    }
}

#[cfg(test)]
mod tests;
