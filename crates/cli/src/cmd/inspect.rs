//! `cchc inspect FILE`: what cchc sees in a workbook, and why, without touching the store.

use std::path::PathBuf;

use anyhow::Result;
use cchc_import::{Quantity, SheetReport};
use cchc_model::{Lang, StructureKind, column_letters};

use crate::words::{Words, origin};
use crate::{Global, Outcome};

/// Arguments of `cchc inspect`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Bảng tính cần xem (.xlsx, .xls, .ods)
    pub file: PathBuf,
    #[command(flatten)]
    pub read: super::ReadArgs,
}

/// Runs `cchc inspect`.
pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let lang = global.lang();
    let opts = args.read.options()?;
    let inspection = cchc_import::inspect(&args.file, &opts)?;
    let src = &inspection.source;
    out!(
        "{}: {} ({:?}, sha256 {})",
        lang.pick("Tệp", "File"),
        src.path.display(),
        src.format,
        &src.sha256[..12]
    );
    out!(
        "{}: {}",
        lang.pick("Các trang", "Sheets"),
        inspection
            .sheet_names
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let kind = match inspection.kind {
        Some(k) => format!(
            "{} ({})",
            k.words(lang),
            lang.pick("nhận ra từ tiêu đề cột", "told from the headers")
        ),
        None => lang.pick("không nhận ra", "not recognised").to_owned(),
    };
    out!("{}: {kind}", lang.pick("Loại bảng", "Kind"));
    match inspection.result {
        Ok(imported) => {
            for repair in &imported.repairs {
                out!(
                    "{}: {}",
                    lang.pick("Cảnh báo", "Warning"),
                    repair.words(lang)
                );
            }
            for report in &imported.sheets {
                print_sheet(report, lang)?;
            }
            let counts = imported.counts();
            out!(
                "{}: {} = {} + {} + {}",
                lang.pick("Tổng số dòng", "All rows"),
                counts.read,
                counts.imported,
                counts.structure,
                counts.rejected
            );
            Ok(Outcome::Ok)
        }
        Err(e) => {
            // Inspect never gives up: it says why the import would fail, then what it saw.
            out!(
                "{}: {}",
                lang.pick("Không nhập được", "Would not import"),
                e.words(lang)
            );
            for sketch in &inspection.sketches {
                print_sketch(sketch, lang)?;
            }
            if let Some(kind) = inspection.likely.filter(|_| inspection.kind.is_none()) {
                out!();
                out!(
                    "{}: cchc import {} {}",
                    lang.pick("Loại gần nhất", "Most likely kind"),
                    kind.as_str(),
                    src.path.display()
                );
            }
            Ok(Outcome::Ok)
        }
    }
}

/// Prints what a sheet looks like when no kind reads it: title lines, header, each column's
/// header and first values, and what each kind misses.
fn print_sketch(sketch: &cchc_import::SheetSketch, lang: Lang) -> Result<()> {
    out!();
    out!("{} \"{}\":", lang.pick("Trang", "Sheet"), sketch.sheet);
    for line in &sketch.title_lines {
        out!(
            "  {}: \"{line}\"",
            lang.pick("Dòng tiêu đề bảng", "Title line")
        );
    }
    if sketch.header_rows.is_empty() {
        out!(
            "  {}",
            lang.pick("không thấy dòng tiêu đề cột nào", "no header row found")
        );
        return Ok(());
    }
    out!(
        "  {}: {}",
        lang.pick("Dòng tiêu đề cột", "Header rows"),
        rows_text(&sketch.header_rows)
    );
    out!("  {}:", lang.pick("Cột", "Columns"));
    for column in &sketch.columns {
        let samples: Vec<String> = match column.personal {
            Some(kind) => vec![format!(
                "({}: {})",
                lang.pick(
                    "dữ liệu cá nhân, không hiển thị",
                    "personal data, not shown"
                ),
                kind.words(lang)
            )],
            None => column.samples.iter().map(|s| format!("\"{s}\"")).collect(),
        };
        out!(
            "    {:<4} {:<50} {}",
            column_letters(column.col),
            format!("\"{}\"", column.header),
            samples.join(", ")
        );
    }
    for fit in &sketch.fits {
        let found = if fit.found.is_empty() {
            "—".to_owned()
        } else {
            fit.found.join(", ")
        };
        let missing = fit
            .missing
            .iter()
            .map(|need| need.join(lang.pick(" hoặc ", " or ")))
            .collect::<Vec<_>>()
            .join("; ");
        let missing = if missing.is_empty() {
            lang.pick("đủ các cột cần thiết", "nothing missing")
                .to_owned()
        } else {
            format!("{} {missing}", lang.pick("thiếu", "missing"))
        };
        out!(
            "  {}: {} {found}; {missing}",
            fit.kind.words(lang),
            lang.pick("có", "found"),
        );
    }
    Ok(())
}

fn rows_text(rows: &[u32]) -> String {
    match (rows.first(), rows.last()) {
        (Some(a), Some(b)) if a != b => format!("{}–{}", a + 1, b + 1),
        (Some(a), _) => (a + 1).to_string(),
        _ => "—".to_owned(),
    }
}

/// Prints everything detected in one sheet.
pub fn print_sheet(report: &SheetReport, lang: Lang) -> Result<()> {
    out!();
    out!("{} \"{}\":", lang.pick("Trang", "Sheet"), report.sheet);
    if let Some(why) = &report.skipped {
        out!("  {}: {}", lang.pick("bỏ qua", "skipped"), why.words(lang));
        return Ok(());
    }
    if let Some(layout) = &report.layout {
        out!(
            "  {}: {}",
            lang.pick("Dòng tiêu đề bảng", "Title rows"),
            rows_text(&layout.title_rows)
        );
        out!(
            "  {}: {}",
            lang.pick("Dòng tiêu đề cột", "Header rows"),
            rows_text(&layout.header_rows)
        );
        if let Some(r) = layout.column_number_row {
            out!(
                "  {}: {}",
                lang.pick("Dòng đánh số cột", "Column-number row"),
                r + 1
            );
        }
    }
    out!("  {}:", lang.pick("Cột", "Columns"));
    for m in &report.columns {
        let field = match (&m.field, m.year) {
            (Some(f), Some(y)) => format!("{} ({y})", f.words(lang)),
            (Some(f), None) => f.words(lang),
            (None, _) => lang.pick("(không dùng)", "(not used)").to_owned(),
        };
        out!(
            "    {:<4} {:<50} → {field}",
            column_letters(m.col),
            format!("\"{}\"", m.header)
        );
    }
    let years: Vec<String> = report
        .years
        .iter()
        .map(|y| format!("{} ({})", y.value, origin(&y.source, Quantity::Year, lang)))
        .collect();
    let years = if years.is_empty() {
        let by_timestamp = report
            .columns
            .iter()
            .any(|m| m.field == Some(cchc_import::ColumnRole::Timestamp));
        let by_receipt = report.columns.iter().any(|m| {
            m.field
                == Some(cchc_import::ColumnRole::Field(
                    cchc_model::columns::RECEIVED_AT,
                ))
        });
        if by_timestamp {
            lang.pick(
                "theo cột thời điểm gửi phiếu",
                "from the time each form was sent",
            )
            .to_owned()
        } else if by_receipt {
            lang.pick(
                "theo ngày tiếp nhận của từng hồ sơ",
                "from each dossier's receipt date",
            )
            .to_owned()
        } else {
            lang.pick("theo cột Năm", "from the year column").to_owned()
        }
    } else {
        years.join(", ")
    };
    out!("  {}: {years}", lang.pick("Năm", "Year"));
    let unit = match &report.unit {
        Some(u) => format!(
            "\"{}\" ({})",
            u.value,
            origin(&u.source, Quantity::Unit, lang)
        ),
        None => lang
            .pick("theo cột Đơn vị", "from the unit column")
            .to_owned(),
    };
    out!("  {}: {unit}", lang.pick("Đơn vị", "Unit"));
    if let Some(p) = &report.publisher {
        out!(
            "  {}: \"{p}\" ({})",
            lang.pick("Cơ quan công bố", "Publisher"),
            lang.pick("tiêu đề bảng; không phải đơn vị", "the title; not a unit")
        );
    }
    let structure: Vec<String> = StructureKind::ALL
        .iter()
        .filter_map(|k| {
            report
                .structure
                .get(k)
                .map(|n| format!("{} {n}", k.words(lang)))
        })
        .collect();
    let c = &report.counts;
    out!(
        "  {}: {} = {} {} + {} {} ({}) + {} {}",
        lang.pick("Dòng", "Rows"),
        c.read,
        c.imported,
        lang.pick("nhập", "imported"),
        c.structure,
        lang.pick("cấu trúc", "structure"),
        structure.join(", "),
        c.rejected,
        lang.pick("bị loại", "rejected")
    );
    for line in crate::words::reading_notes(report, lang) {
        out!("{line}");
    }
    if let Some(line) = crate::words::sheet_conversions(report, lang) {
        out!("{line}");
    }
    for line in crate::words::diagnostics(report, lang) {
        out!("{line}");
    }
    Ok(())
}
