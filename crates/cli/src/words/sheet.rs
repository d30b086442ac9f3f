//! What a sheet's import says beside its counts: the personal columns left out, the scales of
//! its questions, its notes, the columns converted from a legacy encoding, and its warnings and
//! rejections (the first ones, and a count of the rest).

use cchc_model::Lang;

use super::Words;

/// The line that says which columns were converted from a legacy encoding, if any.
pub fn sheet_conversions(report: &cchc_import::SheetReport, lang: Lang) -> Option<String> {
    super::conversions(&report.decoded, lang).map(|line| format!("  {line}"))
}

/// The lines that say how a survey sheet was read: the personal columns left out, the scales of
/// its questions, and its notes (each question its own element).
pub fn reading_notes(report: &cchc_import::SheetReport, lang: Lang) -> Vec<String> {
    use cchc_import::ColumnRole;
    let mut lines = Vec::new();
    let personal: Vec<String> = report
        .columns
        .iter()
        .filter_map(|m| match &m.field {
            Some(ColumnRole::Personal(kind)) => Some(format!(
                "{} ({})",
                cchc_model::column_letters(m.col),
                kind.words(lang)
            )),
            _ => None,
        })
        .collect();
    if !personal.is_empty() {
        lines.push(format!(
            "  {}: {}",
            lang.pick(
                "không lưu dữ liệu cá nhân (--keep-personal-data để giữ), cột",
                "personal data not stored (--keep-personal-data keeps it), columns"
            ),
            personal.join(", ")
        ));
    }
    let mut scales: Vec<(cchc_model::Scale, usize)> = Vec::new();
    for m in &report.columns {
        if let Some(ColumnRole::Question { scale, .. }) = &m.field {
            match scales.iter_mut().find(|(s, _)| s == scale) {
                Some((_, n)) => *n += 1,
                None => scales.push((*scale, 1)),
            }
        }
    }
    if !scales.is_empty() {
        let parts: Vec<String> = scales
            .iter()
            .map(|(scale, n)| {
                format!(
                    "{} ({n} {})",
                    scale.words(lang),
                    lang.pick("câu", "questions")
                )
            })
            .collect();
        lines.push(format!(
            "  {}: {}",
            lang.pick("thang trả lời", "answer scales"),
            parts.join(", ")
        ));
    }
    for note in &report.notes {
        lines.push(format!("  {}", note.words(lang)));
    }
    lines
}

/// The warning and rejection lines of one sheet, in the chosen language.
pub fn diagnostics(report: &cchc_import::SheetReport, lang: Lang) -> Vec<String> {
    let warnings = report
        .warnings
        .iter()
        .map(|w| format!("  {}: {}", lang.pick("cảnh báo", "warning"), w.words(lang)));
    let rejections = report.rejections.iter().map(|r| {
        format!(
            "  {}: {}: {}",
            lang.pick("bị loại", "rejected"),
            r.cell,
            r.reason.words(lang)
        )
    });
    // A large survey can hold thousands of invalid answers: show the first ones and a count of
    // the rest, saying which kind they are (only rejections can be listed again).
    const SHOWN: usize = 20;
    let mut lines: Vec<String> = warnings.chain(rejections).collect();
    if lines.len() > SHOWN {
        let hidden_warnings = report.warnings.len().saturating_sub(SHOWN);
        let hidden_rejections = lines.len() - SHOWN - hidden_warnings;
        lines.truncate(SHOWN);
        let mut parts = Vec::new();
        if hidden_warnings > 0 {
            parts.push(format!(
                "{hidden_warnings} {}",
                lang.pick("cảnh báo", "warnings")
            ));
        }
        if hidden_rejections > 0 {
            parts.push(format!(
                "{hidden_rejections} {}",
                lang.pick(
                    "dòng bị loại (xem: cchc rejects)",
                    "rejections (see: cchc rejects)"
                )
            ));
        }
        lines.push(format!(
            "  … {} {}",
            lang.pick("còn", "and"),
            parts.join(lang.pick(" và ", " and "))
        ));
    }
    lines
}

/// What `import` says when the store's logs repeat dossier codes across files.
pub fn repeated_codes(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "{n} mã hồ sơ có trong hơn một tệp của sổ theo dõi: khi phân tích, mỗi mã giữ một dòng, dòng có ngày muộn nhất"
        ),
        Lang::En => format!(
            "{n} dossier codes are in more than one file of the log: the analyses keep one row per code, the one with the latest date"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cchc_model::{CellRef, RejectReason, Rejection, Warning, WarningKind};

    fn report(warnings: usize, rejections: usize) -> cchc_import::SheetReport {
        cchc_import::SheetReport {
            sheet: "S".into(),
            warnings: (0..warnings)
                .map(|i| Warning {
                    cell: None,
                    kind: WarningKind::TotalMismatch {
                        column: "Điểm".into(),
                        stated: i as f64,
                        computed: 0.0,
                    },
                })
                .collect(),
            rejections: (0..rejections)
                .map(|i| Rejection {
                    cell: CellRef::new("S", i as u32, 1),
                    reason: RejectReason::NoName,
                    row_text: String::new(),
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn hidden_diagnostics_are_counted_by_kind() {
        let lines = diagnostics(&report(25, 10), Lang::Vi);
        assert_eq!(lines.len(), 21);
        assert_eq!(
            lines[20],
            "  … còn 5 cảnh báo và 10 dòng bị loại (xem: cchc rejects)"
        );
        let lines = diagnostics(&report(3, 30), Lang::En);
        assert_eq!(lines[20], "  … and 13 rejections (see: cchc rejects)");
        let lines = diagnostics(&report(40, 0), Lang::En);
        assert_eq!(lines[20], "  … and 20 warnings");
        assert_eq!(diagnostics(&report(5, 15), Lang::Vi).len(), 20);
    }
}
