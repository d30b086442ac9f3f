//! `cchc demo [--out DIR]`: imports the bundled `datasets/` into a fresh store and writes every
//! table and chart — the first thing to run.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use cchc_analysis::scorecard::Level;
use cchc_import::ImportOptions;
use cchc_model::Lang;
use cchc_store::Store;
use polars::prelude::*;

use super::chart::{ChartKind, draw};
use crate::output::write_csv_file;
use crate::{Global, Outcome};

/// Arguments of `cchc demo`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Thư mục kết quả (output directory; its store/ is rebuilt)
    #[arg(long, default_value = "cchc-out")]
    pub out: PathBuf,
    /// Thư mục bộ dữ liệu (datasets directory; default: ./datasets, else the one in the source tree)
    #[arg(long)]
    pub datasets: Option<PathBuf>,
}

fn datasets_dir(asked: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(dir) = asked {
        return Ok(dir);
    }
    let here = PathBuf::from("datasets");
    if here.is_dir() {
        return Ok(here);
    }
    let built_in = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../datasets");
    if built_in.is_dir() {
        return Ok(built_in);
    }
    bail!(
        "datasets/ not found; pass --datasets DIR / không thấy thư mục datasets/, hãy dùng --datasets"
    )
}

/// Runs `cchc demo`.
pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let lang = global.lang();
    let datasets = datasets_dir(args.datasets)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&datasets)
        .with_context(|| datasets.display().to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("xlsx" | "xls" | "ods")
            )
        })
        .collect();
    files.sort();

    let store_dir = args.out.join("store");
    if store_dir.join("manifest.json").exists() {
        std::fs::remove_dir_all(&store_dir).with_context(|| store_dir.display().to_string())?;
    }
    let tables = args.out.join("tables");
    let charts = args.out.join("charts");
    std::fs::create_dir_all(&tables)?;
    std::fs::create_dir_all(&charts)?;

    println!(
        "== {} {} ==",
        lang.pick("Nhập dữ liệu từ", "Importing"),
        datasets.display()
    );
    let imported = super::import::read_all(&files, None, &ImportOptions::default())?;
    {
        let mut store = Store::open_for_write(&store_dir)?;
        super::import::store_all(&mut store, imported, global)?;
    }
    let store = Store::open(&store_dir)?;
    let mut written = Vec::new();

    let seed_unit = "Sở Kế hoạch và Đầu tư";
    let seed = super::scorecard::gaps(&store, lang, Some(2021), Some(seed_unit), Level::Leaf)?;
    println!();
    println!(
        "== {} ==",
        lang.pick(
            "Phụ lục KH 925/KH-SKHĐT: điểm bị mất năm 2021",
            "Plan 925 appendix: points lost in 2021"
        )
    );
    super::print_frame(
        &Global {
            format: crate::output::OutputFormat::Table,
            ..global.clone()
        },
        &seed.select([
            "code",
            "criterion",
            "max_score",
            "score",
            "points_lost",
            "share_of_loss",
            "cumulative_share",
            "rank",
        ])?,
    )?;

    let trend = super::scorecard::trend(&store, lang, None, None)?;
    println!();
    println!(
        "== {} ==",
        lang.pick(
            "Xu hướng tổng điểm theo đơn vị",
            "Score totals by unit and year"
        )
    );
    super::print_frame(
        &Global {
            format: crate::output::OutputFormat::Table,
            ..global.clone()
        },
        &trend,
    )?;

    let mut save_table = |name: &str, df: &DataFrame| -> Result<()> {
        let path = tables.join(name);
        write_csv_file(&path, df)?;
        written.push(path);
        Ok(())
    };
    save_table(
        "scorecard_gaps.csv",
        &super::scorecard::gaps(&store, lang, None, None, Level::Leaf)?,
    )?;
    save_table(
        "scorecard_gaps_by_field.csv",
        &super::scorecard::gaps(&store, lang, None, None, Level::Field)?,
    )?;
    save_table("scorecard_trend.csv", &trend)?;

    let units = super::distinct_strings(&trend, "unit")?;
    let mut charts_written = Vec::new();
    for ext in ["png", "svg"] {
        let mut chart = |kind: ChartKind,
                         name: String,
                         year: Option<i32>,
                         unit: Option<&str>,
                         level: Level|
         -> Result<()> {
            let path = charts.join(format!("{name}.{ext}"));
            draw(&store, kind, &path, year, unit, level, lang)?;
            charts_written.push(path);
            Ok(())
        };
        chart(
            ChartKind::Pareto,
            "pareto_kh925_2021".to_owned(),
            Some(2021),
            Some(seed_unit),
            Level::Leaf,
        )?;
        chart(
            ChartKind::Trend,
            "trend_units".to_owned(),
            None,
            None,
            Level::Leaf,
        )?;
        for unit in units.iter().filter(|u| u.as_str() != seed_unit) {
            let slug = super::slug(unit);
            chart(
                ChartKind::Pareto,
                format!("pareto_fields_{slug}"),
                None,
                Some(unit),
                Level::Field,
            )?;
            chart(
                ChartKind::FieldYears,
                format!("field_years_{slug}"),
                None,
                Some(unit),
                Level::Leaf,
            )?;
        }
    }
    written.extend(charts_written);
    println!();
    println!("== {} ==", lang.pick("Đã ghi", "Written"));
    for path in &written {
        println!("{}", path.display());
    }
    if lang == Lang::Vi {
        println!(
            "Kho dữ liệu: {} (xem thêm: cchc --store {} scorecard gaps)",
            store_dir.display(),
            store_dir.display()
        );
    } else {
        println!(
            "Store: {} (try: cchc --store {} scorecard gaps)",
            store_dir.display(),
            store_dir.display()
        );
    }
    Ok(Outcome::Ok)
}
