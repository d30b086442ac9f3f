//! The sentences of the Word draft of the next year's plan, in the shape of the seed plan
//! (925/KH-SKHĐT). `blank` is where the analyst fills in a value.

use cchc_model::Lang;

use super::say;

/// The appendix's last column header.
pub fn remedy_header(year: i32, lang: Lang) -> String {
    say(
        lang,
        format!("GIẢI PHÁP KHẮC PHỤC TRONG NĂM {}", year + 1),
        format!("REMEDY IN {}", year + 1),
    )
}

/// The plan's subtitle.
pub fn subtitle(next: i32, lang: Lang) -> String {
    say(
        lang,
        format!(
            "Thực hiện các nhiệm vụ, giải pháp nâng cao hiệu quả công tác cải cách hành chính năm {next}"
        ),
        format!("Tasks and measures to improve administrative reform in {next}"),
    )
}

/// The decision the plan is based on.
pub fn under_decision(year: i32, blank: &str, lang: Lang) -> String {
    say(
        lang,
        format!(
            "Căn cứ Quyết định số {blank} ngày {blank} phê duyệt và công bố Chỉ số cải cách hành chính năm {year};"
        ),
        format!(
            "Under Decision No. {blank} of {blank} approving and publishing the administrative reform index of {year};"
        ),
    )
}

/// Who issues the plan.
pub fn issued_by(who: &str, next: i32, lang: Lang) -> String {
    say(
        lang,
        format!(
            "{who} ban hành Kế hoạch thực hiện các nhiệm vụ, giải pháp nâng cao hiệu quả công tác cải cách hành chính năm {next}, với những nội dung chính như sau:"
        ),
        format!(
            "{who} issues this plan of tasks and measures to improve administrative reform in {next}, as follows:"
        ),
    )
}

/// I.1, the purpose.
pub fn purpose(year: i32, next: i32, lang: Lang) -> String {
    say(
        lang,
        format!(
            "Triển khai các nhiệm vụ, giải pháp để khắc phục những tồn tại, hạn chế, qua đó duy trì và nâng cao Chỉ số cải cách hành chính năm {next}, phấn đấu điểm số năm {next} cao hơn năm {year}."
        ),
        format!(
            "Carry out the tasks and measures that remedy the shortcomings, so that the administrative reform index of {next} is higher than that of {year}."
        ),
    )
}

/// I.2, the requirements.
pub fn requirements(year: i32, lang: Lang) -> String {
    say(
        lang,
        format!(
            "Tập trung khắc phục những tiêu chí, tiêu chí thành phần bị mất điểm trong năm {year} (theo Phụ lục gửi kèm); mỗi nhiệm vụ có đơn vị chủ trì, thời hạn hoàn thành và kết quả cụ thể."
        ),
        format!(
            "Remedy the criteria that lost points in {year} (see the appendix); each task has a responsible office, a deadline and a concrete result."
        ),
    )
}

/// II when no criterion lost points.
pub fn no_task(year: i32, lang: Lang) -> String {
    say(
        lang,
        format!("Không có tiêu chí bị mất điểm trong số liệu năm {year} của kho."),
        format!("No criterion lost points in the store's figures for {year}."),
    )
}

/// A task's heading: its number, the criterion (and unit, when the plan has several), the points
/// lost and the score of the maximum, as the seed writes numbers.
pub struct Task<'a> {
    pub number: usize,
    pub code: &'a str,
    pub criterion: &'a str,
    /// " — unit", or nothing.
    pub unit: &'a str,
    pub lost: String,
    pub score: String,
    pub max: String,
}

/// A task's heading.
pub fn task_heading(t: &Task<'_>, lang: Lang) -> String {
    let Task {
        number,
        code,
        criterion,
        unit,
        lost,
        score,
        max,
    } = t;
    say(
        lang,
        format!(
            "{number}. Tiêu chí {code}: {criterion}{unit} (mất {lost} điểm, đạt {score}/{max})"
        ),
        format!(
            "{number}. Criterion {code}: {criterion}{unit} ({lost} points lost, {score} of {max})"
        ),
    )
}

/// Who carries a task out, and when.
pub fn task_owner(blank: &str, lang: Lang) -> String {
    say(
        lang,
        format!(
            "- Đơn vị chủ trì: {blank}; đơn vị phối hợp: {blank}; thời hạn hoàn thành: {blank}."
        ),
        format!("- Responsible office: {blank}; in cooperation with: {blank}; deadline: {blank}."),
    )
}

/// The task of simplifying procedures: its heading.
pub fn simplify_heading(number: usize, lang: Lang) -> String {
    say(
        lang,
        format!("{number}. Đơn giản hoá thủ tục hành chính"),
        format!("{number}. Simplify administrative procedures"),
    )
}

/// The task of simplifying procedures.
pub fn simplify_task(procedures: usize, blank: &str, lang: Lang) -> String {
    say(
        lang,
        format!(
            "Rà soát, đề xuất đơn giản hoá {procedures} thủ tục hành chính theo Phụ lục II (lý do và chi phí tiết kiệm ước tính); đơn vị chủ trì: {blank}; thời hạn: {blank}."
        ),
        format!(
            "Review and propose the simplification of {procedures} procedures listed in Appendix II (reasons and estimated savings); responsible office: {blank}; deadline: {blank}."
        ),
    )
}

/// III, the implementation.
pub fn implementation(blank: &str, lang: Lang) -> String {
    say(
        lang,
        format!(
            "Các phòng, đơn vị được giao nhiệm vụ tổ chức thực hiện, báo cáo kết quả về {blank} trước ngày {blank} để tổng hợp. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, kịp thời báo cáo để xem xét, giải quyết."
        ),
        format!(
            "The offices given a task carry it out and report to {blank} before {blank}. Difficulties are reported at once for a decision."
        ),
    )
}

/// The appendix's title.
pub fn appendix_title(year: i32, next: i32, lang: Lang) -> String {
    say(
        lang,
        format!("Các tiêu chí bị mất điểm năm {year} và giải pháp khắc phục trong năm {next}"),
        format!("Criteria that lost points in {year} and their remedies in {next}"),
    )
}
