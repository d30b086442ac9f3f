//! `cchc inspect FILE`: what cchc sees in a workbook, and why, without touching the store.

use std::path::PathBuf;

use anyhow::Result;
use cchc_import::{Quantity, SheetReport};
use cchc_model::{Lang, StructureKind, column_letters};

use crate::words::phrases as ph;
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
    let asked_period = args.read.period()?;
    let inspection = cchc_import::inspect(&args.file, &opts)?;
    // A province no register knows is refused before anything is shown, as `import` refuses it.
    let identity = match &inspection.result {
        Ok(imported) => Some(Identity::of(&imported.sheets, &args.read, asked_period)?),
        Err(_) => None,
    };
    let src = &inspection.source;
    out!(
        "{}: {} ({:?}, sha256 {})",
        lang.say(ph::FILE),
        src.path.display(),
        src.format,
        &src.sha256[..12]
    );
    out!(
        "{}: {}",
        lang.say(ph::SHEETS),
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
            lang.say(ph::TOLD_FROM_THE_HEADERS)
        ),
        None => lang.say(ph::NOT_RECOGNISED).to_owned(),
    };
    out!("{}: {kind}", lang.say(ph::KIND));
    match inspection.result {
        Ok(imported) => {
            for repair in &imported.repairs {
                out!("{}: {}", lang.say(ph::WARNING), repair.words(lang));
            }
            let identity = identity.expect("identified with the sheets read");
            for report in &imported.sheets {
                print_sheet(report, &identity, lang)?;
            }
            let counts = imported.counts();
            out!(
                "{}: {} = {} + {} + {}",
                lang.say(ph::ALL_ROWS),
                counts.read,
                counts.imported,
                counts.structure,
                counts.rejected
            );
            Ok(Outcome::Ok)
        }
        Err(e) => {
            // Inspect never gives up: it says why the import would fail, then what it saw.
            out!("{}: {}", lang.say(ph::WOULD_NOT_IMPORT), e.words(lang));
            for sketch in &inspection.sketches {
                print_sketch(sketch, lang)?;
            }
            if let Some(kind) = inspection.likely.filter(|_| inspection.kind.is_none()) {
                out!();
                out!(
                    "{}: cchc import {} {}",
                    lang.say(ph::MOST_LIKELY_KIND),
                    kind.as_str(),
                    src.path.display()
                );
            }
            Ok(Outcome::Ok)
        }
    }
}

/// The province and period of a file's units, as `import` would store them: the analyst's
/// `--province` and `--period`, else what the titles name.
struct Identity {
    /// The province by the register's name, and whether the analyst gave it.
    province: Option<(String, bool)>,
    /// The analyst's `--period`.
    period: Option<(cchc_calendar::Day, cchc_calendar::Day)>,
}

impl Identity {
    fn of(
        sheets: &[SheetReport],
        read: &super::ReadArgs,
        period: Option<(cchc_calendar::Day, cchc_calendar::Day)>,
    ) -> Result<Identity> {
        let province = crate::front::ingest::sheets_province(sheets, read.province.as_deref())?
            .map(|p| (p, read.province.is_some()));
        Ok(Identity { province, period })
    }

    /// The sheet's province and period lines.
    fn print(&self, report: &SheetReport, lang: Lang) -> Result<()> {
        if let Some((province, given)) = &self.province {
            let from = if *given {
                "--province".to_owned()
            } else {
                origin(&cchc_import::Origin::Title, Quantity::Unit, lang)
            };
            out!(
                "  {}: \"{province}\" ({from})",
                lang.say(ph::PROVINCE_LABEL)
            );
        }
        let period = match (self.period, report.period) {
            (Some((a, b)), _) => format!("{a}–{b} (--period)"),
            (None, Some((a, b))) => format!(
                "{a}–{b} ({})",
                origin(&cchc_import::Origin::Title, Quantity::Unit, lang)
            ),
            (None, None) => lang.say(ph::WHOLE_YEAR).to_owned(),
        };
        out!("  {}: {period}", lang.say(ph::PERIOD_LABEL));
        Ok(())
    }
}

/// Prints what a sheet looks like when no kind reads it: title lines, header, each column's
/// header and first values, and what each kind misses.
fn print_sketch(sketch: &cchc_import::SheetSketch, lang: Lang) -> Result<()> {
    out!();
    out!("{} \"{}\":", lang.say(ph::SHEET), sketch.sheet);
    for line in &sketch.title_lines {
        out!("  {}: \"{line}\"", lang.say(ph::TITLE_LINE));
    }
    if sketch.header_rows.is_empty() {
        out!("  {}", lang.say(ph::NO_HEADER_ROW_FOUND));
        return Ok(());
    }
    out!(
        "  {}: {}",
        lang.say(ph::HEADER_ROWS),
        rows_text(&sketch.header_rows)
    );
    out!("  {}:", lang.say(ph::COLUMNS));
    for column in &sketch.columns {
        let samples: Vec<String> = match column.personal {
            Some(kind) => vec![format!(
                "({}: {})",
                lang.say(ph::PERSONAL_DATA_NOT_SHOWN),
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
            .map(|need| need.join(lang.say(ph::OR)))
            .collect::<Vec<_>>()
            .join("; ");
        let missing = if missing.is_empty() {
            lang.say(ph::NOTHING_MISSING).to_owned()
        } else {
            format!("{} {missing}", lang.say(ph::MISSING))
        };
        out!(
            "  {}: {} {found}; {missing}",
            fit.kind.words(lang),
            lang.say(ph::FOUND),
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
fn print_sheet(report: &SheetReport, identity: &Identity, lang: Lang) -> Result<()> {
    out!();
    out!("{} \"{}\":", lang.say(ph::SHEET), report.sheet);
    if let Some(why) = &report.skipped {
        out!("  {}: {}", lang.say(ph::SKIPPED), why.words(lang));
        return Ok(());
    }
    if let Some(layout) = &report.layout {
        out!(
            "  {}: {}",
            lang.say(ph::TITLE_ROWS),
            rows_text(&layout.title_rows)
        );
        out!(
            "  {}: {}",
            lang.say(ph::HEADER_ROWS),
            rows_text(&layout.header_rows)
        );
        if let Some(r) = layout.column_number_row {
            out!("  {}: {}", lang.say(ph::COLUMN_NUMBER_ROW), r + 1);
        }
    }
    out!("  {}:", lang.say(ph::COLUMNS));
    for m in &report.columns {
        let field = match (&m.field, m.year) {
            (Some(f), Some(y)) => format!("{} ({y})", f.words(lang)),
            (Some(f), None) => f.words(lang),
            (None, _) => lang.say(ph::NOT_USED).to_owned(),
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
            lang.say(ph::FROM_THE_TIME_EACH_FORM_WAS).to_owned()
        } else if by_receipt {
            lang.say(ph::FROM_EACH_DOSSIER_S_RECEIPT_DATE).to_owned()
        } else {
            lang.say(ph::FROM_THE_YEAR_COLUMN).to_owned()
        }
    } else {
        years.join(", ")
    };
    out!("  {}: {years}", lang.say(ph::YEAR));
    let unit = match &report.unit {
        Some(u) => format!(
            "\"{}\" ({})",
            u.value,
            origin(&u.source, Quantity::Unit, lang)
        ),
        None => lang.say(ph::FROM_THE_UNIT_COLUMN).to_owned(),
    };
    out!("  {}: {unit}", lang.say(ph::UNIT));
    identity.print(report, lang)?;
    if let Some(p) = &report.publisher {
        out!(
            "  {}: \"{p}\" ({})",
            lang.say(ph::PUBLISHER),
            lang.say(ph::THE_TITLE_NOT_A_UNIT)
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
        lang.say(ph::ROWS),
        c.read,
        c.imported,
        lang.say(ph::IMPORTED),
        c.structure,
        lang.say(ph::STRUCTURE),
        structure.join(", "),
        c.rejected,
        lang.say(ph::REJECTED)
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
