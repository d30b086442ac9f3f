//! `cchc demo [--out DIR]`: imports the bundled `datasets/` into a fresh store and writes every
//! table and chart — the first thing to run.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use cchc_analysis::scorecard::Level;
use cchc_analysis::survey::By;
use cchc_import::ImportOptions;
use cchc_model::Lang;
use cchc_model::columns as c;
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

/// One chart the demo draws, in both formats.
struct ChartJob<'a> {
    kind: ChartKind,
    name: String,
    year: Option<i32>,
    unit: Option<&'a str>,
    level: Level,
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

    out!(
        "== {} {} ==",
        lang.pick("Nhập dữ liệu từ", "Importing"),
        datasets.display()
    );
    {
        let mut store = Store::open_for_write(&store_dir)?;
        let read =
            super::import::read_all(&files, None, &ImportOptions::default(), global, &store)?;
        super::import::store_all(&mut store, read, global)?;
    }
    let store = Store::open(&store_dir)?;
    let mut written = Vec::new();

    let seed_unit = "Sở Kế hoạch và Đầu tư";
    let seed = super::scorecard::gaps(&store, Some(2021), Some(seed_unit), Level::Leaf)?;
    out!();
    out!(
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
            c::CODE,
            c::CRITERION,
            c::MAX_SCORE,
            c::SCORE,
            c::POINTS_LOST,
            c::SHARE_OF_LOSS,
            c::CUMULATIVE_SHARE,
            c::RANK,
        ])?,
    )?;

    // The appendix lists only the seven criteria the department fell short on (max 39.5), not a
    // whole scorecard: its total is not comparable with full 100-point scorecards.
    let synthetic = super::scorecard_rows(&store)?.filter(col(c::UNIT).neq(lit(seed_unit)));
    let trend = cchc_analysis::scorecard::trend(synthetic)?.collect()?;
    out!();
    out!(
        "== {} ==",
        lang.pick(
            "Xu hướng tổng điểm theo đơn vị (bộ dữ liệu tổng hợp)",
            "Score totals by unit and year (synthetic datasets)"
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
        &super::scorecard::gaps(&store, None, None, Level::Leaf)?,
    )?;
    save_table(
        "scorecard_gaps_by_field.csv",
        &super::scorecard::gaps(&store, None, None, Level::Field)?,
    )?;
    save_table("scorecard_trend.csv", &trend)?;

    // Satisfaction surveys: the overall index per unit and year, then by element.
    let overall = super::survey::index_table(
        &store,
        &By::Overall,
        None,
        None,
        super::survey::IndexSpec::plain(),
    )?;
    out!();
    out!(
        "== {} ==",
        lang.pick(
            "Chỉ số hài lòng chung theo đơn vị (khảo sát tổng hợp)",
            "Overall satisfaction index by unit (synthetic surveys)"
        )
    );
    let table_global = Global {
        format: crate::output::OutputFormat::Table,
        ..global.clone()
    };
    super::print_frame(&table_global, &overall)?;
    let by_element = super::survey::index_table(
        &store,
        &By::Element,
        None,
        None,
        super::survey::IndexSpec::plain(),
    )?;
    save_table("survey_index_overall.csv", &overall)?;
    save_table("survey_index_by_element.csv", &by_element)?;
    save_table(
        "survey_index_by_question.csv",
        &super::survey::index_table(
            &store,
            &By::Question,
            None,
            None,
            super::survey::IndexSpec::plain(),
        )?,
    )?;
    let (answers, respondents) = super::survey::survey_tables(&store)?;
    save_table(
        "survey_distribution_by_element.csv",
        &cchc_analysis::survey::distribution(&answers, respondents, &By::Element)?,
    )?;
    let survey_units = super::distinct_strings(&overall, c::UNIT)?;

    // Procedures: service ratios, and the proposal of procedures to simplify (latest year).
    use cchc_analysis::procedures as proc;
    let procs = super::procedures::load(&store, lang)?;
    let latest = super::procedures::select(procs.clone(), None, None, true);
    let rules = proc::Rules::default();
    let proposals = proc::simplify(&latest, &rules);
    let by_unit = proc::rollup(&procs, proc::Level::Unit)?;
    out!();
    out!(
        "== {} ==",
        lang.pick(
            "Thủ tục hành chính: tỷ lệ theo đơn vị và năm (dữ liệu mô phỏng)",
            "Procedures: ratios by unit and year (synthetic data)"
        )
    );
    super::print_frame(
        &table_global,
        &by_unit.select([
            c::YEAR,
            c::UNIT,
            c::PROCEDURES,
            c::RECEIVED,
            c::ONLINE_SHARE,
            c::POSTAL_SHARE,
            c::ON_TIME_RATE,
            c::LATE_RATE,
            c::TIME_RATIO,
        ])?,
    )?;
    out!();
    out!(
        "== {} ==",
        lang.pick(
            "Đề xuất đơn giản hoá thủ tục hành chính (năm gần nhất)",
            "Procedures proposed for simplification (latest year)"
        )
    );
    let proposal_frame = proc::simplify_frame(&proposals)?;
    super::print_frame(
        &table_global,
        &crate::words::with_reasons_in_words(proposal_frame.clone(), &proposals, lang)?.select(
            [
                c::UNIT,
                c::RANK,
                c::CODE,
                c::NAME,
                c::PROPOSAL,
                c::ESTIMATED_SAVING,
            ],
        )?,
    )?;
    for p in &proposals {
        out!("{}", crate::words::summary(p, lang));
    }
    save_table("procedures_stats.csv", &proc::stats(&procs)?)?;
    save_table(
        "procedures_stats_by_field.csv",
        &proc::rollup(&procs, proc::Level::Field)?,
    )?;
    save_table("procedures_stats_by_unit.csv", &by_unit)?;
    save_table("procedures_simplify.csv", &proposal_frame)?;
    let appendix = tables.join("procedures_simplify_appendix.xlsx");
    crate::export::write_proposal(&appendix, &proposals, lang)?;
    written.push(appendix);
    let procedure_units = super::distinct_strings(&by_unit, c::UNIT)?;

    let units = super::distinct_strings(&trend, c::UNIT)?;
    let mut jobs = vec![ChartJob {
        kind: ChartKind::Pareto,
        name: "pareto_kh925_2021".to_owned(),
        year: Some(2021),
        unit: Some(seed_unit),
        level: Level::Leaf,
    }];
    for unit in &units {
        let slug = super::slug(unit);
        let unit = Some(unit.as_str());
        let name = format!("pareto_fields_{slug}");
        jobs.push(ChartJob {
            kind: ChartKind::Pareto,
            name,
            year: None,
            unit,
            level: Level::Field,
        });
        let name = format!("field_years_{slug}");
        jobs.push(ChartJob {
            kind: ChartKind::FieldYears,
            name,
            year: None,
            unit,
            level: Level::Leaf,
        });
    }
    let mut charts_written = Vec::new();
    for ext in ["png", "svg"] {
        for job in &jobs {
            let path = charts.join(format!("{}.{ext}", job.name));
            draw(&store, job.kind, &path, job.year, job.unit, job.level, lang)?;
            charts_written.push(path);
        }
        let path = charts.join(format!("trend_units.{ext}"));
        cchc_plot::TrendChart::from_trend(&trend, lang)?.draw(&path)?;
        charts_written.push(path);
    }
    for ext in ["png", "svg"] {
        for unit in &survey_units {
            let slug = super::slug(unit);
            for (kind, name) in [
                (ChartKind::Likert, "survey_likert"),
                (ChartKind::ElementTrend, "survey_element_trend"),
                (ChartKind::ElementYears, "survey_element_years"),
            ] {
                let path = charts.join(format!("{name}_{slug}.{ext}"));
                draw(&store, kind, &path, None, Some(unit), Level::Leaf, lang)?;
                charts_written.push(path);
            }
        }
    }
    for ext in ["png", "svg"] {
        for unit in &procedure_units {
            let slug = super::slug(unit);
            for (kind, name) in [
                (ChartKind::ProcedureLate, "procedures_late"),
                (ChartKind::ProcedureTime, "procedures_time"),
                (ChartKind::Channels, "procedures_channels"),
            ] {
                let path = charts.join(format!("{name}_{slug}.{ext}"));
                draw(&store, kind, &path, None, Some(unit), Level::Leaf, lang)?;
                charts_written.push(path);
            }
        }
        let path = charts.join(format!("procedures_on_time.{ext}"));
        draw(
            &store,
            ChartKind::OnTime,
            &path,
            None,
            None,
            Level::Leaf,
            lang,
        )?;
        charts_written.push(path);
    }
    written.extend(charts_written);

    // The report: the latest year of every unit, and the seed unit's 2021 with its plan for 2022.
    let report_dir = args.out.join("report");
    let all = cchc_report::Format::ALL;
    written.extend(super::report::write(
        &store,
        global,
        None,
        &[],
        &report_dir,
        &all,
    )?);
    written.extend(super::report::write(
        &store,
        global,
        Some(2021),
        &[seed_unit.to_owned()],
        &report_dir,
        &all,
    )?);
    out!();
    out!("== {} ==", lang.pick("Đã ghi", "Written"));
    for path in &written {
        out!("{}", path.display());
    }
    if lang == Lang::Vi {
        out!(
            "Kho dữ liệu: {} (xem thêm: cchc --store {} scorecard gaps)",
            store_dir.display(),
            store_dir.display()
        );
    } else {
        out!(
            "Store: {} (try: cchc --store {} scorecard gaps)",
            store_dir.display(),
            store_dir.display()
        );
    }
    Ok(Outcome::Ok)
}
