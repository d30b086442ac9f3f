//! Sections VI and VII: the sources imported and the definitions of the figures.

use cchc_model::Lang;
use cchc_model::columns as c;

use crate::model::*;

use super::frames::*;
use super::inputs::*;
use super::words::*;

pub(super) fn sources(w: &W, inputs: &Inputs, sheets: &mut Sheets) -> Section {
    let warnings: u64 = inputs.sources.iter().map(|s| s.warnings).sum();
    let rejected: u64 = inputs.sources.iter().map(|s| s.rejected).sum();
    let rows = inputs
        .sources
        .iter()
        .map(|s| {
            vec![
                text(&s.file),
                text(kind_words(&s.kind, w)),
                text(
                    s.years
                        .iter()
                        .map(i32::to_string)
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                text(s.units.join("; ")),
                text(&s.sha256),
                Cell::Num(s.read as f64),
                Cell::Num(s.imported as f64),
                Cell::Num(s.structure as f64),
                Cell::Num(s.rejected as f64),
                Cell::Num(s.warnings as f64),
            ]
        })
        .collect();
    Section {
        kind: SectionKind::Sources,
        title: w.pick("Nguồn số liệu", "Sources").to_owned(),
        blocks: vec![
            Block::Paragraph(match w.lang {
                Lang::Vi => format!(
                    "{} tệp đã nhập; mỗi dòng của tệp được nhập, nhận là cấu trúc (tiêu đề, dòng tổng, chữ ký…) hoặc bị loại kèm lý do và địa chỉ ô (cchc rejects). Tổng số dòng bị loại: {rejected}; số cảnh báo: {warnings}.",
                    inputs.sources.len()
                ),
                Lang::En => format!(
                    "{} files imported; every row of a file was imported, recognised as structure (titles, totals, signatures…) or rejected with a reason and its cell (cchc rejects). Rows rejected: {rejected}; warnings: {warnings}.",
                    inputs.sources.len()
                ),
            }),
            Block::Table(Table {
                sheet: sheets.name(w.pick("Nguồn", "Sources")),
                title: w.pick("Các tệp đã nhập", "Imported files").to_owned(),
                columns: vec![
                    w.named("Tệp", "File", Kind::Text, 26.0),
                    w.col(c::KIND, Kind::Text, 10.0),
                    w.col(c::YEARS, Kind::Text, 9.0),
                    w.col(c::UNITS, Kind::Text, 18.0),
                    w.col(c::SHA256, Kind::Text, 34.0),
                    w.col(c::ROWS_READ, Kind::Int, 8.0),
                    w.col(c::IMPORTED, Kind::Int, 8.0),
                    w.col(c::STRUCTURE, Kind::Int, 8.0),
                    w.col(c::REJECTED, Kind::Int, 8.0),
                    w.named("Cảnh báo", "Warnings", Kind::Int, 8.0),
                ],
                rows,
                highlights: vec![Highlight::Above {
                    col: 8,
                    threshold: 0.0,
                }],
            }),
        ],
    }
}

/// A table kind in words ("scorecard" → "bảng điểm").
pub(super) fn kind_words<'a>(kind: &'a str, w: &W) -> &'a str {
    match kind {
        "scorecard" => w.pick("bảng điểm", "scorecard"),
        "survey" => w.pick("khảo sát", "survey"),
        "procedures" => w.pick("thủ tục", "procedures"),
        other => other,
    }
}

pub(super) fn definitions(w: &W, procedures: Option<&Procedures>) -> Section {
    let mut lines: Vec<String> = [
        ("points_lost = max_score (điểm tối đa) − score (điểm thẩm định), cho mỗi tiêu chí lá", "points_lost = max_score − score (appraised), per leaf criterion"),
        ("share_of_loss = points_lost / tổng điểm bị mất của đơn vị trong năm; cumulative_share: cộng dồn theo thứ hạng", "share_of_loss = points_lost / the unit's points lost in the year; cumulative_share: summed down the ranks"),
        ("attainment = score_total / max_total (chỉ cộng các tiêu chí lá)", "attainment = score_total / max_total (leaf criteria only)"),
        ("delta = score_total − score_total năm trước; rank: theo attainment trong các đơn vị cùng năm", "delta = score_total − the year before's; rank: by attainment among the units of the year"),
        ("index = câu trả lời mức 4–5 / valid_answers (câu trả lời hợp lệ, không tính “không ý kiến”)", "index = answers at levels 4–5 / valid_answers (not counting “no opinion”)"),
        ("se, ci_low, ci_high: sai số chuẩn tỷ số với mỗi người trả lời là một cụm; khoảng tin cậy 95% trên thang logit", "se, ci_low, ci_high: ratio standard error with respondents as clusters; 95% interval on the logit scale"),
        ("deff = phương sai theo cụm / phương sai nếu các câu trả lời độc lập; effective_n = valid_answers / deff", "deff = clustered variance / variance if answers were independent; effective_n = valid_answers / deff"),
    ]
    .iter()
    .map(|(vi, en)| w.pick(vi, en).to_owned())
    .collect();
    if let Some(p) = procedures {
        lines.extend(p.definitions.iter().cloned());
        lines.push(
            w.pick(
                "estimated_saving = chi phí tuân thủ ước tính (giờ làm việc × tiền lương giờ × số hồ sơ) trước − sau đề xuất, theo mô hình chi phí chuẩn",
                "estimated_saving = estimated compliance cost (hours × hourly wage × dossiers) before − after the proposal, by the standard cost model",
            )
            .to_owned(),
        );
    }
    Section {
        kind: SectionKind::Definitions,
        title: w.pick("Định nghĩa các chỉ số", "Definitions").to_owned(),
        blocks: lines.into_iter().map(Block::Paragraph).collect(),
    }
}
