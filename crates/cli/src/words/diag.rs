//! The words of import diagnostics: structure rows, rejection reasons, warnings, table kinds.

use cchc_model::diag::{fmt_num, fmt_num_vi};
use cchc_model::{Lang, PartsOf, RejectReason, StructureKind, TableKind, Warning, WarningKind};

use super::Words;

impl Words for StructureKind {
    fn words(&self, lang: Lang) -> String {
        let (vi, en) = match self {
            StructureKind::Title => ("dòng tiêu đề", "title"),
            StructureKind::Header => ("dòng tiêu đề cột", "header"),
            StructureKind::ColumnNumbers => ("dòng số thứ tự cột", "column numbers"),
            StructureKind::Section => ("dòng nhóm/mục", "section"),
            StructureKind::Total => ("dòng tổng", "total"),
            StructureKind::Blank => ("dòng trống", "blank"),
            StructureKind::Signature => ("phần ký tên/ghi chú", "signature or notes"),
        };
        lang.pick(vi, en).to_owned()
    }
}

impl Words for RejectReason {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (RejectReason::NotANumber { column, value }, Lang::Vi) => {
                format!("cột \"{column}\" có giá trị \"{value}\" không phải là số")
            }
            (RejectReason::NotANumber { column, value }, Lang::En) => {
                format!("column \"{column}\" holds \"{value}\", which is not a number")
            }
            (RejectReason::NotADate { column, value }, Lang::Vi) => {
                format!("cột \"{column}\" có giá trị \"{value}\" không phải là ngày tháng")
            }
            (RejectReason::NotADate { column, value }, Lang::En) => {
                format!("column \"{column}\" holds \"{value}\", which is not a date")
            }
            (RejectReason::Missing { column }, Lang::Vi) => {
                format!("thiếu giá trị ở cột \"{column}\"")
            }
            (RejectReason::Missing { column }, Lang::En) => {
                format!("no value in column \"{column}\"")
            }
            (RejectReason::Negative { column, value }, Lang::Vi) => {
                format!("cột \"{column}\" có giá trị âm {}", fmt_num_vi(*value))
            }
            (RejectReason::Negative { column, value }, Lang::En) => {
                format!("column \"{column}\" holds a negative value {value}")
            }
            (RejectReason::NoName, Lang::Vi) => {
                "dòng có số liệu nhưng không có tên tiêu chí".to_owned()
            }
            (RejectReason::NoName, Lang::En) => {
                "the row has figures but no criterion name".to_owned()
            }
            (
                RejectReason::InvalidAnswer {
                    question,
                    value,
                    scale,
                },
                Lang::Vi,
            ) => format!(
                "câu {question}: câu trả lời \"{value}\" không hợp lệ (cần 1–5 hoặc một trong năm mức của {})",
                scale.unwrap_or(cchc_model::Scale::Satisfaction).words(lang)
            ),
            (
                RejectReason::InvalidAnswer {
                    question,
                    value,
                    scale,
                },
                Lang::En,
            ) => format!(
                "question {question}: the answer \"{value}\" is not valid (1–5 or one of the five levels of the {})",
                scale.unwrap_or(cchc_model::Scale::Satisfaction).words(lang)
            ),
            (RejectReason::InvalidCode { column, value }, Lang::Vi) => {
                format!("cột \"{column}\": mã thủ tục \"{value}\" không đúng dạng (ví dụ 1.001234)")
            }
            (RejectReason::InvalidCode { column, value }, Lang::En) => format!(
                "column \"{column}\": the procedure code \"{value}\" is not of the form 1.001234"
            ),
            (RejectReason::NotACount { column, value }, Lang::Vi) => {
                format!("cột \"{column}\" có giá trị \"{value}\" không phải là số nguyên")
            }
            (RejectReason::NotACount { column, value }, Lang::En) => {
                format!("column \"{column}\" holds \"{value}\", which is not a whole number")
            }
            (RejectReason::DuplicateCode { code, first }, Lang::Vi) => {
                format!("mã \"{code}\" bị trùng với dòng {first}")
            }
            (RejectReason::DuplicateCode { code, first }, Lang::En) => {
                format!("code \"{code}\" repeats the row at {first}")
            }
        }
    }
}

impl Words for PartsOf {
    fn words(&self, lang: Lang) -> String {
        let (vi, en) = match self {
            PartsOf::Channels => ("các kênh tiếp nhận", "the channels"),
            PartsOf::Resolution => ("trước hạn + đúng hạn + trễ hạn", "early + on time + late"),
            PartsOf::Pending => ("trong hạn + quá hạn", "in time + overdue"),
        };
        lang.pick(vi, en).to_owned()
    }
}

impl Words for Warning {
    fn words(&self, lang: Lang) -> String {
        let at = match &self.cell {
            Some(cell) => format!("{cell}: "),
            None => String::new(),
        };
        let body = match (&self.kind, lang) {
            (
                WarningKind::TotalMismatch {
                    column,
                    stated,
                    computed,
                },
                Lang::Vi,
            ) => format!(
                "dòng tổng ghi {} ở cột \"{column}\" nhưng cộng các dòng được {}",
                fmt_num_vi(*stated),
                fmt_num_vi(*computed)
            ),
            (
                WarningKind::TotalMismatch {
                    column,
                    stated,
                    computed,
                },
                Lang::En,
            ) => format!(
                "the total row states {} in \"{column}\" but its rows add up to {}",
                fmt_num(*stated),
                fmt_num(*computed)
            ),
            (
                WarningKind::ParentMismatch {
                    code,
                    column,
                    stated,
                    children,
                },
                Lang::Vi,
            ) => format!(
                "mục {code} ghi {} ở cột \"{column}\" nhưng các mục con cộng lại được {}",
                fmt_num_vi(*stated),
                fmt_num_vi(*children)
            ),
            (
                WarningKind::ParentMismatch {
                    code,
                    column,
                    stated,
                    children,
                },
                Lang::En,
            ) => format!(
                "item {code} states {} in \"{column}\" but its children add up to {}",
                fmt_num(*stated),
                fmt_num(*children)
            ),
            (
                WarningKind::ScoreAboveMax {
                    code,
                    score,
                    max_score,
                },
                Lang::Vi,
            ) => format!(
                "mục {code} có điểm {} cao hơn điểm tối đa {}",
                fmt_num_vi(*score),
                fmt_num_vi(*max_score)
            ),
            (
                WarningKind::ScoreAboveMax {
                    code,
                    score,
                    max_score,
                },
                Lang::En,
            ) => format!(
                "item {code} scores {} above its maximum {}",
                fmt_num(*score),
                fmt_num(*max_score)
            ),
            (
                WarningKind::RankMismatch {
                    unit,
                    stated,
                    computed,
                },
                Lang::Vi,
            ) => format!(
                "\"{unit}\" ghi hạng {} nhưng theo tổng điểm là hạng {}",
                fmt_num_vi(*stated),
                fmt_num_vi(*computed)
            ),
            (
                WarningKind::RankMismatch {
                    unit,
                    stated,
                    computed,
                },
                Lang::En,
            ) => format!(
                "\"{unit}\" is ranked {} but its total places it {}",
                fmt_num(*stated),
                fmt_num(*computed)
            ),
            (WarningKind::StrayCell { gap }, Lang::Vi) => format!(
                "ô nằm cách phần còn lại của trang {} dòng trống; đã đọc như một dòng bình thường (nếu là ô sót, hãy xoá nó: Ctrl+End trong Excel tìm ra nó)",
                fmt_num_vi(*gap as f64)
            ),
            (WarningKind::StrayCell { gap }, Lang::En) => format!(
                "a cell {} empty rows below the rest of the sheet; read as an ordinary row (if it is stray, delete it: Ctrl+End in Excel finds it)",
                fmt_num(*gap as f64)
            ),
            (WarningKind::SelfScoreUsed, Lang::Vi) => {
                "không có cột điểm thẩm định hay điểm đạt được; dùng điểm tự đánh giá".to_owned()
            }
            (WarningKind::SelfScoreUsed, Lang::En) => {
                "no appraised or achieved score column; the self-assessed score is used".to_owned()
            }
            (WarningKind::AmbiguousThousands { value }, Lang::Vi) => {
                format!("\"{value}\" được đọc là số có dấu chấm phân cách hàng nghìn")
            }
            (WarningKind::AmbiguousThousands { value }, Lang::En) => {
                format!("\"{value}\" was read with a dot as thousands separator")
            }
            (
                WarningKind::PartsMismatch {
                    code,
                    column,
                    stated,
                    parts,
                    parts_of,
                },
                Lang::Vi,
            ) => format!(
                "thủ tục {code}: cột \"{column}\" ghi {} nhưng {} cộng lại được {}",
                fmt_num_vi(*stated),
                parts_of.words(lang),
                fmt_num_vi(*parts)
            ),
            (
                WarningKind::PartsMismatch {
                    code,
                    column,
                    stated,
                    parts,
                    parts_of,
                },
                Lang::En,
            ) => format!(
                "procedure {code}: \"{column}\" states {} but {} add up to {}",
                fmt_num(*stated),
                parts_of.words(lang),
                fmt_num(*parts)
            ),
            (WarningKind::NotRead { column, value }, Lang::Vi) => {
                format!("cột \"{column}\": không đọc được \"{value}\", để trống")
            }
            (WarningKind::NotRead { column, value }, Lang::En) => {
                format!("column \"{column}\": could not read \"{value}\"; left unknown")
            }
        };
        format!("{at}{body}")
    }
}

impl Words for TableKind {
    fn words(&self, lang: Lang) -> String {
        let (vi, en) = match self {
            TableKind::Scorecard => ("bảng điểm Chỉ số CCHC", "PAR index scorecard"),
            TableKind::Survey => ("phiếu khảo sát sự hài lòng", "satisfaction survey"),
            TableKind::Procedures => ("thống kê thủ tục hành chính", "procedure statistics"),
            TableKind::Dossiers => ("sổ theo dõi hồ sơ", "dossier log"),
        };
        lang.pick(vi, en).to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cchc_model::CellRef;

    #[test]
    fn warnings_name_the_cell_and_both_numbers() {
        let w = Warning {
            cell: Some(CellRef::new("Phụ lục", 19, 2)),
            kind: WarningKind::TotalMismatch {
                column: "Điểm chuẩn".into(),
                stated: 40.0,
                computed: 39.5,
            },
        };
        let vi = w.words(Lang::Vi);
        assert!(vi.starts_with("'Phụ lục'!C20: "), "{vi}");
        assert!(vi.contains("40") && vi.contains("39,5"), "{vi}");
        assert!(w.words(Lang::En).contains("add up to 39.5"));
    }
}
