//! `cchc report [--year Y] [--unit U]... [--out DIR] [--formats html,xlsx,docx]`: the year's
//! analysis as a printable HTML page, an Excel workbook with native charts and a Word draft of the
//! next year's plan. This module only gathers the result frames (the same functions as the other
//! commands) and hands them to the `report` crate, which builds the one document and renders it.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use cchc_analysis::procedures as proc;
use cchc_analysis::scorecard::Level;
use cchc_analysis::survey::By;
use cchc_model::columns as c;
use cchc_model::{Lang, TableKind};
use cchc_report::{Format, Inputs, SourceLine};
use cchc_store::Store;
use polars::prelude::*;

use crate::{Global, Outcome};

/// `--formats` values.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatArg {
    /// Trang HTML in được (printable HTML page)
    Html,
    /// Sổ tính Excel có biểu đồ (Excel workbook with charts)
    Xlsx,
    /// Bản thảo kế hoạch Word (Word draft of the plan)
    Docx,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Html => Format::Html,
            FormatArg::Xlsx => Format::Xlsx,
            FormatArg::Docx => Format::Docx,
        }
    }
}

/// Arguments of `cchc report`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Năm báo cáo (year; default: the latest year in the store)
    #[arg(long)]
    pub year: Option<i32>,
    /// Đơn vị, có thể lặp lại (unit, repeatable; default: every unit in the store)
    #[arg(long)]
    pub unit: Vec<String>,
    /// Thư mục kết quả (output directory)
    #[arg(long, default_value = "cchc-report")]
    pub out: PathBuf,
    /// Định dạng (formats), ví dụ html,xlsx,docx
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [FormatArg::Html, FormatArg::Xlsx, FormatArg::Docx])]
    pub formats: Vec<FormatArg>,
}

/// Runs `cchc report`.
pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let store = Store::open(&global.store)?;
    let formats: Vec<Format> = args.formats.iter().map(|f| (*f).into()).collect();
    let written = write(&store, global, args.year, &args.unit, &args.out, &formats)?;
    for path in written {
        out!("{}", path.display());
    }
    Ok(Outcome::Ok)
}

/// The (year, unit) pairs of a table, as the store's scans name the units.
fn years_and_units(lf: Option<LazyFrame>) -> Result<Vec<(i32, String)>> {
    let Some(lf) = lf else {
        return Ok(Vec::new());
    };
    let df = lf
        .select([col(c::YEAR), col(c::UNIT)])
        .unique(None, UniqueKeepStrategy::First)
        .collect()?;
    let years = df.column(c::YEAR)?.cast(&DataType::Int32)?;
    let units = df.column(c::UNIT)?.str()?.clone();
    Ok(years
        .i32()?
        .iter()
        .zip(units.iter())
        .filter_map(|(y, u)| Some((y?, u?.to_owned())))
        .collect())
}

/// Keeps the rows of these units (exact names, as the store shows them).
fn keep_units(df: DataFrame, units: &[String]) -> Result<DataFrame> {
    let any = units
        .iter()
        .fold(lit(false), |any, u| any.or(col(c::UNIT).eq(lit(u.clone()))));
    Ok(df.lazy().filter(any).collect()?)
}

/// Builds the report of the store and writes it in each format into `out`; returns the paths.
pub fn write(
    store: &Store,
    global: &Global,
    year: Option<i32>,
    wanted: &[String],
    out: &Path,
    formats: &[Format],
) -> Result<Vec<PathBuf>> {
    let lang = global.lang();
    if store.sources().is_empty() {
        bail!(
            "{}",
            match lang {
                Lang::Vi => format!(
                    "kho {} trống; hãy nhập số liệu trước: cchc import TỆP.xlsx",
                    store.root().display()
                ),
                Lang::En => format!(
                    "store {} is empty; import some data first: cchc import FILE.xlsx",
                    store.root().display()
                ),
            }
        );
    }
    let scorecard = store.scan(TableKind::Scorecard)?;
    let survey = store.scan(TableKind::Survey)?;
    let (stats, from_logs) = super::procedures::stats_frame(store)?;
    let mut present = years_and_units(scorecard.clone())?;
    present.extend(years_and_units(survey.clone())?);
    present.extend(years_and_units(stats.clone())?);
    let mut all_units: Vec<String> = Vec::new();
    for (_, u) in &present {
        if !all_units.contains(u) {
            all_units.push(u.clone());
        }
    }
    all_units.sort();
    let units: Vec<String> = if wanted.is_empty() {
        all_units.clone()
    } else {
        let mut chosen = Vec::new();
        for w in wanted {
            match all_units.iter().find(|u| super::unit_matches(w, u)) {
                Some(u) if !chosen.contains(u) => chosen.push(u.clone()),
                Some(_) => {}
                None => bail!(
                    "{}",
                    match lang {
                        Lang::Vi => format!(
                            "--unit \"{w}\": kho không có đơn vị này; các đơn vị trong kho: {}",
                            quoted(&all_units)
                        ),
                        Lang::En => format!(
                            "--unit \"{w}\": no such unit in the store; its units: {}",
                            quoted(&all_units)
                        ),
                    }
                ),
            }
        }
        chosen
    };
    let mut years: Vec<i32> = present
        .iter()
        .filter(|(_, u)| units.contains(u))
        .map(|(y, _)| *y)
        .collect();
    years.sort_unstable();
    years.dedup();
    let year = match year {
        Some(y) if years.contains(&y) => y,
        Some(y) => bail!(
            "{}",
            match lang {
                Lang::Vi => format!(
                    "--year {y}: không có số liệu năm {y} (bảng điểm, phiếu khảo sát hay thống kê hồ sơ) cho đơn vị đã chọn; các năm có số liệu: {}",
                    list(&years)
                ),
                Lang::En => format!(
                    "--year {y}: no scorecard, survey or dossier statistics of {y} for the units chosen; years with data: {}",
                    list(&years)
                ),
            }
        ),
        None => match years.last() {
            Some(y) => *y,
            None => bail!(
                "{}",
                lang.pick(
                    "kho chỉ có danh mục thủ tục, chưa có số liệu năm nào để báo cáo",
                    "the store holds only procedure registries, no year's figures to report"
                )
            ),
        },
    };

    // Steps: scorecards, surveys, procedures, the document, then each format.
    let bar = crate::progress::bar(
        4 + formats.len() as u64,
        global.quiet,
        lang.pick("Lập báo cáo", "Report"),
    );
    bar.set_message(lang.pick("bảng điểm", "scorecards"));
    let scorecards = match scorecard {
        Some(_) => Some(cchc_report::Scorecards {
            gaps: keep_units(
                super::scorecard::gaps(store, None, None, Level::Leaf)?,
                &units,
            )?,
            trend: keep_units(super::scorecard::trend(store, None, None)?, &units)?,
            notes: keep_units(
                super::scorecard_rows(store)?
                    .filter(col(c::YEAR).eq(lit(year)))
                    .select([col(c::UNIT), col(c::CODE), col(c::REASON), col(c::REMEDY)])
                    .collect()?,
                &units,
            )?,
        }),
        None => None,
    };
    bar.inc(1);
    bar.set_message(lang.pick("phiếu khảo sát", "surveys"));
    let surveys = match survey {
        Some(_) => {
            let plain = super::survey::IndexSpec::plain;
            let (answers, respondents) = super::survey::survey_tables(store)?;
            Some(cchc_report::Surveys {
                overall: keep_units(
                    super::survey::index_table(store, &By::Overall, None, None, plain())?,
                    &units,
                )?,
                elements: keep_units(
                    super::survey::index_table(store, &By::Element, None, None, plain())?,
                    &units,
                )?,
                distribution: keep_units(
                    cchc_analysis::survey::distribution(&answers, respondents, &By::Element)?,
                    &units,
                )?,
            })
        }
        None => None,
    };
    bar.inc(1);
    bar.set_message(lang.pick("thủ tục hành chính", "procedures"));
    let procedures = match stats {
        Some(stats) => {
            let procs: Vec<proc::Procedure> =
                super::procedures::load_with(store, Some(stats), &from_logs, lang)?
                    .into_iter()
                    .filter(|p| units.contains(&p.unit))
                    .collect();
            let of_year = super::procedures::select(procs.clone(), Some(year), None, false);
            let proposals = proc::simplify(&of_year, &proc::Rules::default());
            let frame = proc::simplify_frame(&proposals)?;
            Some(cchc_report::Procedures {
                by_unit: proc::rollup(&procs, proc::Level::Unit)?,
                stats: proc::stats(&procs)?,
                proposals: crate::words::with_reasons_in_words(frame, &proposals, lang)?,
                summaries: proposals
                    .iter()
                    .map(|p| crate::words::summary(p, lang))
                    .collect(),
                definitions: crate::words::procedure_definitions(lang),
                from_logs: from_logs
                    .iter()
                    .filter(|(y, u)| *y == year && units.contains(u))
                    .map(|(y, u)| format!("{u} {y}"))
                    .collect(),
            })
        }
        None => None,
    };
    let renames = store.unit_renames();
    let sources = store
        .sources()
        .iter()
        .map(|s| {
            let mut years: Vec<i32> = s.parts.iter().map(|p| p.year).collect();
            years.sort_unstable();
            years.dedup();
            let mut units: Vec<String> = Vec::new();
            for p in &s.parts {
                let u = renames.get(&p.unit).unwrap_or(&p.unit);
                if !units.contains(u) {
                    units.push(u.clone());
                }
            }
            SourceLine {
                file: s.file_name.clone(),
                kind: serde_json::to_value(s.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                years,
                units,
                sha256: s.sha256.clone(),
                read: s.counts.read,
                imported: s.counts.imported,
                structure: s.counts.structure,
                rejected: s.counts.rejected,
                warnings: s.warnings,
            }
        })
        .collect();
    let inputs = Inputs {
        lang,
        year,
        units: units.clone(),
        chosen: !wanted.is_empty(),
        scorecards,
        surveys,
        procedures,
        sources,
    };
    bar.inc(1);
    bar.set_message(lang.pick("biểu đồ, bảng", "charts, tables"));
    let doc = cchc_report::build(&inputs)?;
    bar.inc(1);
    std::fs::create_dir_all(out)?;
    let suffix = match units.as_slice() {
        [one] if !wanted.is_empty() => Some(super::slug(one).replace('_', "-")),
        _ => None,
    };
    let mut written = Vec::new();
    for format in formats {
        let path = out.join(format.file_name(year, suffix.as_deref()));
        bar.set_message(path.display().to_string());
        format.write(&doc, &path)?;
        bar.inc(1);
        written.push(path);
    }
    bar.finish_and_clear();
    Ok(written)
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

fn list(years: &[i32]) -> String {
    years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
