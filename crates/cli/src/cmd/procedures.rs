//! `cchc procedures stats|simplify|rules`: service ratios of dossier statistics, and which
//! procedures to simplify.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use cchc_analysis::procedures::{self, Level, Procedure, Rules};
use cchc_model::columns as c;
use cchc_model::{Lang, TableKind};
use cchc_store::Store;
use clap::Subcommand;
use polars::prelude::*;

use crate::words;
use crate::{Global, Outcome};

/// The procedure analyses.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Tỷ lệ theo kênh, đúng hạn, trễ hạn, thời gian giải quyết
    /// (channel shares, on-time and late rates, processing time)
    Stats(StatsArgs),
    /// Đề xuất thủ tục cần đơn giản hoá, có lý do và chi phí tiết kiệm
    /// (procedures to simplify, with reasons and estimated savings)
    Simplify(SimplifyArgs),
    /// In bộ quy tắc và mô hình chi phí mặc định, TOML (print the default rules and cost model)
    Rules,
}

/// Arguments of `cchc procedures stats`.
#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    /// Cấp tổng hợp: procedure, field, unit, year (roll-up level)
    #[arg(long, default_value = "procedure")]
    pub by: String,
    /// Chỉ năm này (only this year)
    #[arg(long)]
    pub year: Option<i32>,
    /// Chỉ đơn vị này (only this unit)
    #[arg(long)]
    pub unit: Option<String>,
    /// Mục tiêu tỷ lệ hồ sơ qua bưu chính công ích (postal-share target)
    #[arg(long, default_value_t = procedures::POSTAL_TARGET)]
    pub postal_target: f64,
    /// Mục tiêu tỷ lệ hồ sơ trực tuyến, nếu có, ví dụ 0.3 (online-share target, when there is one)
    #[arg(long)]
    pub online_target: Option<f64>,
}

/// Arguments of `cchc procedures simplify`.
#[derive(clap::Args, Debug)]
pub struct SimplifyArgs {
    /// Tỷ lệ thủ tục cần đề xuất, 0–1 (target share of procedures; default from the rules: 0.2)
    #[arg(long)]
    pub target: Option<f64>,
    /// Tệp quy tắc TOML (rules file; see `cchc procedures rules`)
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Năm số liệu (year of the statistics; default: the latest)
    #[arg(long)]
    pub year: Option<i32>,
    /// Chỉ đơn vị này (only this unit)
    #[arg(long)]
    pub unit: Option<String>,
    /// Xuất phụ lục đề xuất ra tệp .xlsx (write the proposal as an .xlsx appendix)
    #[arg(long, value_name = "FILE.xlsx")]
    pub export: Option<PathBuf>,
}

/// The columns `procedures stats` shows as a table (the key columns).
const TABLE_COLUMNS: [&str; 17] = [
    c::YEAR,
    c::UNIT,
    c::FIELD,
    c::CODE,
    c::NAME,
    c::PROCEDURES,
    c::RECEIVED,
    c::ONLINE_SHARE,
    c::POSTAL_SHARE,
    c::POSTAL_TARGET_MET,
    c::ONLINE_TARGET_MET,
    c::ON_TIME_RATE,
    c::LATE_RATE,
    c::PENDING_OVERDUE,
    c::LEGAL_DAYS,
    c::ACTUAL_DAYS,
    c::TIME_RATIO,
];

/// Reads `--by`.
fn parse_level(by: &str) -> Result<Level> {
    Ok(match cchc_import::fold(by).as_str() {
        "procedure" | "thu tuc" => Level::Procedure,
        "field" | "linh vuc" => Level::Field,
        "unit" | "don vi" => Level::Unit,
        "year" | "nam" => Level::Year,
        _ => bail!("--by {by}: procedure, field, unit, year"),
    })
}

/// The (year, unit) whose procedure figures come from dossier logs.
pub type Covered = Vec<(i32, String)>;

/// The dossier statistics of procedures: the offices' reports and, where the store holds dossier
/// logs, the yearly figures cchc computes from them (on the default calendar). For a unit and year
/// a log covers, the log's figures are read and the office's report of it is left aside (it stays
/// in the store: `cchc dossiers reconcile` sets the two side by side); `origin` says which is
/// which. Also the (year, unit) read from logs.
pub fn stats_frame(store: &Store) -> Result<(Option<LazyFrame>, Covered)> {
    let office = store
        .scan(TableKind::Procedures)?
        .map(|lf| lf.with_column(lit("office").alias(c::ORIGIN)));
    let Some(log) = store.scan(TableKind::Dossiers)? else {
        return Ok((office, Vec::new()));
    };
    let registry = match store.scan_table(cchc_model::tables::PROCEDURE_REGISTRY)? {
        Some(r) => Some(r.collect()?),
        None => None,
    };
    let opts = cchc_analysis::dossiers::Options {
        period: cchc_analysis::dossiers::Period::Year,
        as_of: None,
        verdict: cchc_analysis::dossiers::VerdictOf::Cchc,
    };
    let cal = cchc_calendar::Calendar::vietnam();
    let (yearly, _) = cchc_analysis::dossiers::statistics(
        &log.select(cchc_analysis::dossiers::COLUMNS.map(col))
            .collect()?,
        registry.as_ref(),
        &cal,
        &opts,
    )?;
    let from_log = cchc_analysis::dossiers::as_procedures(&yearly)?;
    let years: Vec<Option<i32>> = from_log.column(c::YEAR)?.i32()?.iter().collect();
    let units: Vec<Option<&str>> = from_log.column(c::UNIT)?.str()?.iter().collect();
    let mut covered: Vec<(i32, String)> = years
        .iter()
        .zip(&units)
        .filter_map(|(y, u)| Some(((*y)?, (*u)?.to_owned())))
        .collect();
    covered.sort();
    covered.dedup();
    let office = office.map(|lf| {
        covered.iter().fold(lf, |lf, (y, u)| {
            lf.filter(
                (col(c::YEAR)
                    .eq(lit(*y))
                    .and(col(c::UNIT).eq(lit(u.clone()))))
                .not(),
            )
        })
    });
    let union = UnionArgs {
        diagonal: true,
        ..UnionArgs::default()
    };
    let frames: Vec<LazyFrame> = office.into_iter().chain([from_log.lazy()]).collect();
    Ok((Some(concat(frames, union)?), covered))
}

/// Says on stderr which units and years take their figures from dossier logs.
pub fn say_origin(covered: &[(i32, String)], lang: Lang) {
    if covered.is_empty() {
        return;
    }
    let list = covered
        .iter()
        .map(|(y, u)| format!("{u} {y}"))
        .collect::<Vec<_>>()
        .join(", ");
    eprintln!(
        "{}",
        lang.pick(
            &format!(
                "Số liệu thủ tục của {list}: tính từ sổ theo dõi hồ sơ (cột origin = log), không dùng báo cáo của đơn vị; so sánh hai nguồn: cchc dossiers reconcile"
            ),
            &format!(
                "Procedure figures of {list}: computed from the dossier log (origin = log), not the office's report; compare the two: cchc dossiers reconcile"
            ),
        )
    );
}

/// The stored procedures, registry and statistics joined, or an error telling the analyst to
/// import first.
pub fn load(store: &Store, lang: Lang) -> Result<Vec<Procedure>> {
    let (stats, covered) = stats_frame(store)?;
    load_with(store, stats, &covered, lang)
}

/// [`load`] with the statistics [`stats_frame`] already gave (they are computed from the
/// dossier logs once).
pub fn load_with(
    store: &Store,
    stats: Option<LazyFrame>,
    covered: &Covered,
    lang: Lang,
) -> Result<Vec<Procedure>> {
    say_origin(covered, lang);
    let registry = store.scan_table(cchc_model::tables::PROCEDURE_REGISTRY)?;
    if stats.is_none() && registry.is_none() {
        return Err(cchc_store::StoreError::NothingImported {
            path: store.root().to_owned(),
            kind: TableKind::Procedures,
        }
        .into());
    }
    let empty = |schema: Schema| DataFrame::empty_with_schema(&schema);
    let stats = match stats {
        Some(lf) => lf.collect()?,
        None => empty(cchc_model::schema::procedures()),
    };
    let registry = match registry {
        Some(lf) => lf.collect()?,
        None => empty(cchc_model::schema::procedure_registry()),
    };
    Ok(procedures::join(&stats, &registry)?)
}

/// The procedures of one unit (when asked, matched by [`super::unit_matches`]) and one year
/// (when asked; else, with `latest`, each unit's latest year with statistics).
pub fn select(
    procs: Vec<Procedure>,
    year: Option<i32>,
    unit: Option<&str>,
    latest: bool,
) -> Vec<Procedure> {
    procedures::select(
        procs,
        year,
        |u| unit.is_none_or(|wanted| super::unit_matches(wanted, u)),
        latest,
    )
}

/// The rules: the defaults, a `--rules` file over them, and `--target` over both.
pub fn rules(path: Option<&std::path::Path>, target: Option<f64>) -> Result<Rules> {
    let mut rules = match path {
        Some(p) => {
            let text = std::fs::read_to_string(p).with_context(|| format!("{}", p.display()))?;
            Rules::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?
        }
        None => Rules::default(),
    };
    if let Some(t) = target {
        if !(0.0..=1.0).contains(&t) {
            bail!("--target {t}: 0–1 (0.2 = 20%)");
        }
        rules.target_share = t;
    }
    Ok(rules)
}

/// Runs `cchc procedures …`.
pub fn run(global: &Global, command: Command) -> Result<Outcome> {
    let lang = global.lang();
    match command {
        Command::Rules => {
            out!("{}", procedures::DEFAULT_RULES_TOML.trim_end());
            Ok(Outcome::Ok)
        }
        Command::Stats(a) => {
            let store = Store::open(&global.store)?;
            let level = parse_level(&a.by)?;
            let procs = select(load(&store, lang)?, a.year, a.unit.as_deref(), false);
            let targets = [
                ("--postal-target", Some(a.postal_target)),
                ("--online-target", a.online_target),
            ];
            for (flag, target) in targets {
                if let Some(t) = target
                    && !(0.0..=1.0).contains(&t)
                {
                    bail!("{flag} {t}: 0–1 (0.2 = 20%)");
                }
            }
            let frame = procedures::rollup(&procs, level)?;
            let mut frame = procedures::with_target_flags(frame, a.postal_target, a.online_target)?;
            // A table for people shows the key columns; CSV and JSON keep them all.
            if global.format == crate::output::OutputFormat::Table {
                let keep: Vec<&str> = TABLE_COLUMNS
                    .iter()
                    .copied()
                    .filter(|n| frame.column(n).is_ok())
                    .collect();
                frame = frame.select(keep)?;
            }
            super::print_frame(global, &frame)?;
            if !global.quiet && !procs.is_empty() && procs.iter().all(|p| !p.has_stats) {
                // A registry alone (the portal's list) has nothing to roll up: say so.
                eprintln!(
                    "{}",
                    lang.pick(
                        "kho chỉ có danh mục thủ tục (không có số hồ sơ): hãy nhập bảng thống kê hồ sơ để có tỷ lệ",
                        "the store holds a procedure registry only (no dossier counts): import dossier statistics for the rates"
                    )
                );
            }
            if !global.quiet && global.format == crate::output::OutputFormat::Table {
                eprintln!("{}:", lang.pick("Định nghĩa", "Definitions"));
                for line in words::procedure_definitions(lang) {
                    eprintln!("  {line}");
                }
                eprintln!(
                    "  postal_target_met = postal_share ≥ {}%",
                    crate::output::fmt_number(a.postal_target * 100.0, 0, lang)
                );
                if let Some(t) = a.online_target {
                    eprintln!(
                        "  online_target_met = online_share ≥ {}%",
                        crate::output::fmt_number(t * 100.0, 0, lang)
                    );
                }
            }
            Ok(Outcome::Ok)
        }
        Command::Simplify(a) => {
            let store = Store::open(&global.store)?;
            let rules = rules(a.rules.as_deref(), a.target)?;
            let procs = select(load(&store, lang)?, a.year, a.unit.as_deref(), true);
            let proposals = procedures::simplify(&procs, &rules);
            let mut frame = procedures::simplify_frame(&proposals)?;
            // People read the proposals and reasons in words; CSV and JSON keep the codes.
            if global.format == crate::output::OutputFormat::Table {
                frame = words::with_reasons_in_words(frame, &proposals, lang)?.select([
                    c::UNIT,
                    c::RANK,
                    c::CODE,
                    c::NAME,
                    c::PROPOSAL,
                    c::REASONS,
                    c::RECEIVED,
                    c::ESTIMATED_SAVING,
                ])?;
            }
            super::print_frame(global, &frame)?;
            if !global.quiet {
                for p in &proposals {
                    eprintln!("{}", words::summary(p, lang));
                }
            }
            if let Some(path) = &a.export {
                crate::export::write_proposal(path, &proposals, lang)?;
                if !global.quiet {
                    eprintln!(
                        "{} {}",
                        lang.pick("Đã ghi phụ lục đề xuất:", "Proposal written:"),
                        path.display()
                    );
                }
            }
            Ok(Outcome::Ok)
        }
    }
}
