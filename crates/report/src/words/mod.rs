//! The report's catalogue: every heading, label and sentence of the document, in Vietnamese and
//! English. Phrases with nothing to fill in are in [`phrases`]; sentences with values are
//! functions here, one per sentence.

pub mod phrases;

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
