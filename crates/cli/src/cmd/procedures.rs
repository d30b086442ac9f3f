//! `cchc procedures stats|simplify|rules`: service ratios of dossier statistics, and which
//! procedures to simplify.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use cchc_analysis::procedures::{self, Level, Procedure, Proposal, Rules};
use cchc_model::{Lang, TableKind};
use cchc_store::Store;
use clap::Subcommand;
use polars::prelude::*;

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
    #[arg(long, default_value_t = 0.2)]
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

/// The columns `procedures stats` shows as a table (PRODUCT.md's key columns).
const TABLE_COLUMNS: [&str; 17] = [
    "year",
    "unit",
    "field",
    "code",
    "name",
    "procedures",
    "received",
    "online_share",
    "postal_share",
    "postal_target_met",
    "online_target_met",
    "on_time_rate",
    "late_rate",
    "pending_overdue",
    "legal_days",
    "actual_days",
    "time_ratio",
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

/// The stored procedures, registry and statistics joined, or an error telling the analyst to
/// import first.
pub fn load(store: &Store, lang: Lang) -> Result<Vec<Procedure>> {
    let stats = store.scan(TableKind::Procedures)?;
    let registry = store.scan_table("procedure_registry")?;
    if stats.is_none() && registry.is_none() {
        bail!(
            "{}",
            match lang {
                Lang::Vi => format!(
                    "kho {} chưa có thống kê thủ tục hành chính nào; hãy nhập trước: cchc import procedures TỆP.xlsx",
                    store.root().display()
                ),
                Lang::En => format!(
                    "store {} holds no procedure statistics yet; import some first: cchc import procedures FILE.xlsx",
                    store.root().display()
                ),
            }
        );
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

/// The procedures of one unit (when asked) and one year (when asked, else each unit's latest year
/// with statistics).
pub fn select(
    procs: Vec<Procedure>,
    year: Option<i32>,
    unit: Option<&str>,
    latest: bool,
) -> Vec<Procedure> {
    let fold = cchc_import::fold;
    let procs: Vec<Procedure> = procs
        .into_iter()
        .filter(|p| unit.is_none_or(|u| fold(u) == fold(&p.unit)))
        .filter(|p| year.is_none_or(|y| p.year == y))
        .collect();
    if year.is_some() || !latest {
        return procs;
    }
    let mut last: std::collections::HashMap<String, i32> = std::collections::HashMap::new();
    for p in procs.iter().filter(|p| p.has_stats) {
        let y = last.entry(p.unit.clone()).or_insert(p.year);
        *y = (*y).max(p.year);
    }
    procs
        .into_iter()
        .filter(|p| last.get(&p.unit).is_none_or(|y| *y == p.year))
        .collect()
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

/// The summary line of a proposal: how many procedures, the share, the target.
pub fn summary(p: &Proposal, lang: Lang) -> String {
    let pct = |x: f64| crate::output::fmt_number(x * 100.0, 1, lang);
    let money = crate::output::fmt_money(p.total_saving(), lang);
    let (proposed, share, target, procedures) = (
        p.candidates.len(),
        pct(p.share()),
        pct(p.target_share),
        p.procedures,
    );
    let needed = p.needed();
    let verdict = match (p.target_met(), lang) {
        (true, Lang::Vi) => "ĐẠT".to_owned(),
        (true, Lang::En) => "MET".to_owned(),
        (false, Lang::Vi) => format!("CHƯA ĐẠT, cần thêm {}", needed - proposed),
        (false, Lang::En) => format!("NOT MET, {} more needed", needed - proposed),
    };
    let (unit, year) = (&p.unit, p.year);
    match lang {
        Lang::Vi => format!(
            "{unit} năm {year}: đề xuất {proposed}/{procedures} thủ tục ({share}%), mục tiêu {target}% ({needed} thủ tục): {verdict}; tiết kiệm ước tính {money} đồng/năm"
        ),
        Lang::En => format!(
            "{unit} {year}: {proposed} of {procedures} procedures proposed ({share}%), target {target}% ({needed} procedures): {verdict}; estimated saving {money} VND a year"
        ),
    }
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
            let mut frame = procedures::rollup(&procs, level)?;
            let targets = [
                ("postal_share", Some(a.postal_target), "postal_target_met"),
                ("online_share", a.online_target, "online_target_met"),
            ];
            for (share, target, flag) in targets {
                let Some(target) = target else { continue };
                if !(0.0..=1.0).contains(&target) {
                    bail!("{flag}: {target}: 0–1 (0.2 = 20%)");
                }
                let met = frame
                    .column(share)?
                    .f64()?
                    .iter()
                    .map(|s| s.map(|s| s + 1e-12 >= target))
                    .collect::<Vec<_>>();
                frame.with_column(Column::new(flag.into(), met))?;
            }
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
            if !global.quiet && global.format == crate::output::OutputFormat::Table {
                eprintln!("{}:", lang.pick("Định nghĩa", "Definitions"));
                for line in procedures::definitions(lang) {
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
            let mut frame = procedures::simplify_frame(&proposals, lang)?;
            if global.format == crate::output::OutputFormat::Table {
                frame = frame.select([
                    "unit",
                    "rank",
                    "code",
                    "name",
                    "proposal",
                    "reasons",
                    "received",
                    "estimated_saving",
                ])?;
            }
            super::print_frame(global, &frame)?;
            if !global.quiet {
                for p in &proposals {
                    eprintln!("{}", summary(p, lang));
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
