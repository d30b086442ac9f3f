//! The phrases of this crate for people, each in Vietnamese and English: labels, headings and
//! short sentences with nothing to fill in. Sentences with values are functions beside this
//! module.

use cchc_model::Phrase;

/// "Points lost"
pub const POINTS_LOST: Phrase = Phrase {
    vi: "Điểm bị mất",
    en: "Points lost",
};
/// "Cumulative share (%)"
pub const CUMULATIVE_SHARE: Phrase = Phrase {
    vi: "Tỷ lệ cộng dồn (%)",
    en: "Cumulative share (%)",
};
/// "Cumulative share"
pub const CUMULATIVE_SHARE_2: Phrase = Phrase {
    vi: "Tỷ lệ cộng dồn",
    en: "Cumulative share",
};
/// "Year"
pub const YEAR: Phrase = Phrase {
    vi: "Năm",
    en: "Year",
};
/// "Share of answers (%)"
pub const SHARE_OF_ANSWERS: Phrase = Phrase {
    vi: "Tỷ lệ câu trả lời (%)",
    en: "Share of answers (%)",
};
/// "Attainment (%)"
pub const ATTAINMENT: Phrase = Phrase {
    vi: "Tỷ lệ điểm đạt (%)",
    en: "Attainment (%)",
};
/// "trend"
pub const TREND: Phrase = Phrase {
    vi: "xu hướng",
    en: "trend",
};
/// "Total score"
pub const TOTAL_SCORE: Phrase = Phrase {
    vi: "Tổng điểm",
    en: "Total score",
};
/// "Online"
pub const ONLINE: Phrase = Phrase {
    vi: "Trực tuyến",
    en: "Online",
};
/// "In person"
pub const IN_PERSON: Phrase = Phrase {
    vi: "Trực tiếp",
    en: "In person",
};
/// "Public postal service"
pub const PUBLIC_POSTAL_SERVICE: Phrase = Phrase {
    vi: "Bưu chính công ích",
    en: "Public postal service",
};
/// "Share of dossiers (%)"
pub const SHARE_OF_DOSSIERS: Phrase = Phrase {
    vi: "Tỷ lệ hồ sơ (%)",
    en: "Share of dossiers (%)",
};
/// "on-time rate"
pub const ON_TIME_RATE: Phrase = Phrase {
    vi: "tỷ lệ đúng hạn",
    en: "on-time rate",
};
/// "On time / resolved (%)"
pub const ON_TIME_RESOLVED: Phrase = Phrase {
    vi: "Đúng hạn / đã giải quyết (%)",
    en: "On time / resolved (%)",
};
/// "Dossiers received (log scale)"
pub const DOSSIERS_RECEIVED_LOG_SCALE: Phrase = Phrase {
    vi: "Số hồ sơ tiếp nhận (thang log)",
    en: "Dossiers received (log scale)",
};
/// "Proposed for simplification"
pub const PROPOSED_FOR_SIMPLIFICATION: Phrase = Phrase {
    vi: "Đề xuất đơn giản hoá",
    en: "Proposed for simplification",
};
/// "Other procedures"
pub const OTHER_PROCEDURES: Phrase = Phrase {
    vi: "Thủ tục khác",
    en: "Other procedures",
};

/// Every phrase above, for the test that reads each in both languages.
#[cfg(test)]
pub const ALL: &[Phrase] = &[
    POINTS_LOST,
    CUMULATIVE_SHARE,
    CUMULATIVE_SHARE_2,
    YEAR,
    SHARE_OF_ANSWERS,
    ATTAINMENT,
    TREND,
    TOTAL_SCORE,
    ONLINE,
    IN_PERSON,
    PUBLIC_POSTAL_SERVICE,
    SHARE_OF_DOSSIERS,
    ON_TIME_RATE,
    ON_TIME_RESOLVED,
    DOSSIERS_RECEIVED_LOG_SCALE,
    PROPOSED_FOR_SIMPLIFICATION,
    OTHER_PROCEDURES,
];
