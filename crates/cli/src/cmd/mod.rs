//! One module per command, each with its `Args` and `run`; shared helpers below.

pub mod calendar;
pub mod chart;
pub mod demo;
pub mod dossiers;
pub mod import;
pub mod inspect;
pub mod procedures;
pub mod rejects;
pub mod report;
pub mod scorecard;
pub mod store;
pub mod survey;

use std::io::Write;

use anyhow::Result;
use cchc_model::columns as c;
use cchc_model::{Lang, TableKind};
use cchc_store::Store;
use polars::prelude::*;

use crate::Global;
use crate::output::write_frame;

/// How to read workbooks: the flags `import` and `inspect` share.
#[derive(clap::Args, Debug, Clone)]
pub struct ReadArgs {
    /// Năm của số liệu (year of the data)
    #[arg(long)]
    pub year: Option<i32>,
    /// Đơn vị (unit)
    #[arg(long)]
    pub unit: Option<String>,
    /// Chỉ đọc trang này (only this sheet)
    #[arg(long)]
    pub sheet: Option<String>,
    /// Tệp cấu hình ánh xạ cột, TOML (mapping profile)
    #[arg(long)]
    pub profile: Option<std::path::PathBuf>,
    /// Bảng mã câu hỏi (Mã câu hỏi | Yếu tố | Nội dung) cho phiếu khảo sát không kèm bảng mã
    /// (codebook workbook for surveys without a codebook sheet)
    #[arg(long)]
    pub codebook: Option<std::path::PathBuf>,
    /// Bảng mã của chữ trong bảng tính: auto (theo phông chữ và nội dung), unicode, tcvn3, vni
    /// (text encoding: auto by font and content, or forced)
    #[arg(long, value_enum, default_value = "auto")]
    pub encoding: EncodingArg,
    /// Giữ các cột dữ liệu cá nhân (họ tên, email, số điện thoại, số định danh…) như thuộc tính
    /// (keep personal columns as attributes; by default they are not stored)
    #[arg(long)]
    pub keep_personal_data: bool,
}

/// `--encoding`.
#[derive(clap::ValueEnum, Debug, Clone, Copy)]
pub enum EncodingArg {
    /// Theo phông chữ và nội dung (by font and content)
    Auto,
    /// Không chuyển mã (no conversion)
    Unicode,
    /// TCVN3 (ABC, phông .Vn…)
    Tcvn3,
    /// VNI (phông VNI-…)
    Vni,
}

impl ReadArgs {
    /// The importer's options, with the profile read.
    pub fn options(&self) -> Result<cchc_import::ImportOptions> {
        Ok(cchc_import::ImportOptions {
            year: self.year,
            unit: self.unit.clone(),
            sheet: self.sheet.clone(),
            profile: self
                .profile
                .as_deref()
                .map(cchc_import::Profile::load)
                .transpose()?,
            codebook: self.codebook.clone(),
            encoding: match self.encoding {
                EncodingArg::Auto => cchc_import::Encoding::Auto,
                EncodingArg::Unicode => cchc_import::Encoding::Unicode,
                EncodingArg::Tcvn3 => cchc_import::Encoding::Tcvn3,
                EncodingArg::Vni => cchc_import::Encoding::Vni,
            },
            keep_personal_data: self.keep_personal_data,
            ..cchc_import::ImportOptions::default()
        })
    }
}

/// The stored scorecard rows, or an error telling the analyst to import first.
pub fn scorecard_rows(store: &Store) -> Result<LazyFrame> {
    Ok(store.scan_imported(TableKind::Scorecard)?)
}

/// Whether a unit named on the command line (`--unit`) is this stored unit: accents, case and
/// spaces folded, the same way in every command ("so tu phap" is "Sở Tư pháp").
pub fn unit_matches(wanted: &str, unit: &str) -> bool {
    cchc_import::fold(wanted) == cchc_import::fold(unit)
}

/// Keeps the rows of one year and one unit (matched by [`unit_matches`]), when asked.
pub fn filter(lf: LazyFrame, year: Option<i32>, unit: Option<&str>) -> Result<LazyFrame> {
    let mut lf = lf;
    if let Some(y) = year {
        lf = lf.filter(col(c::YEAR).eq(lit(y)));
    }
    if let Some(wanted) = unit {
        let units = lf
            .clone()
            .select([col(c::UNIT)])
            .unique(None, UniqueKeepStrategy::First)
            .collect()?;
        let same = units
            .column(c::UNIT)?
            .str()?
            .iter()
            .flatten()
            .filter(|u| unit_matches(wanted, u))
            .fold(lit(false), |any, u| {
                any.or(col(c::UNIT).eq(lit(u.to_owned())))
            });
        lf = lf.filter(same);
    }
    Ok(lf)
}

/// Writes a result frame to stdout in the chosen format.
pub fn print_frame(global: &Global, df: &DataFrame) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    write_frame(&mut out, df, global.format, global.lang())?;
    out.flush()?;
    Ok(())
}

/// The distinct values of a string column, in order of first appearance.
pub fn distinct_strings(df: &DataFrame, name: &str) -> Result<Vec<String>> {
    let mut seen: Vec<String> = Vec::new();
    for v in df.column(name)?.str()?.iter().flatten() {
        if !seen.iter().any(|s| s == v) {
            seen.push(v.to_owned());
        }
    }
    Ok(seen)
}

/// The distinct values of a year column, sorted.
pub fn distinct_years(df: &DataFrame) -> Result<Vec<i32>> {
    let mut years: Vec<i32> = df.column(c::YEAR)?.i32()?.iter().flatten().collect();
    years.sort_unstable();
    years.dedup();
    Ok(years)
}

/// The line that says which columns were converted from a legacy encoding, if any.
pub fn conversions(report: &cchc_import::SheetReport, lang: Lang) -> Option<String> {
    crate::words::conversions(&report.decoded, lang).map(|line| format!("  {line}"))
}

/// The lines that say how a survey sheet was read: the personal columns left out, the scales of
/// its questions, and its notes (each question its own element).
pub fn reading_notes(report: &cchc_import::SheetReport, lang: Lang) -> Vec<String> {
    use crate::words::Words;
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
    use crate::words::Words;
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

/// A file-name-safe slug of a unit name: "Sở Tư pháp" → "so_tu_phap".
pub fn slug(name: &str) -> String {
    let folded = cchc_import::fold(name);
    let mut out = String::new();
    for ch in folded.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_owned()
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
