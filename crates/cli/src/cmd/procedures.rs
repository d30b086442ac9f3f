//! `cchc procedures stats|simplify|rules`: service ratios of dossier statistics, and which
//! procedures to simplify.

use std::path::PathBuf;

use anyhow::Result;
use cchc_analysis::procedures;
use cchc_model::columns as c;
use cchc_query::Scope;
use cchc_query::procedures::{Procedures, SimplifyRequest, StatsRequest, level, rules};
use cchc_store::Store;
use clap::Subcommand;

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

/// Runs `cchc procedures …`.
pub fn run(global: &Global, command: Command) -> Result<Outcome> {
    let lang = global.lang();
    let table = global.format == crate::output::OutputFormat::Table;
    match command {
        Command::Rules => {
            out!("{}", procedures::DEFAULT_RULES_TOML.trim_end());
            Ok(Outcome::Ok)
        }
        Command::Stats(a) => {
            let store = Store::open(&global.store)?;
            let request = StatsRequest {
                level: level(&a.by)?,
                scope: Scope::of(a.year, a.unit.as_deref()),
                postal_target: a.postal_target,
                online_target: a.online_target,
            };
            let query = global.query(&store);
            let stats = query.procedure_stats(&request)?;
            if let Some(line) = words::from_logs(&stats.from_logs, lang) {
                eprintln!("{line}");
            }
            if !global.quiet {
                for notice in query.map_notices(cchc_model::tables::PROCEDURES) {
                    eprintln!("{}", crate::words::Words::words(&notice, lang));
                }
            }
            let mut frame = stats.frame;
            // A table for people shows the key columns; CSV and JSON keep them all.
            if table {
                let keep: Vec<&str> = TABLE_COLUMNS
                    .iter()
                    .copied()
                    .filter(|n| frame.column(n).is_ok())
                    .collect();
                frame = frame.select(keep)?;
            }
            super::print_frame(global, &frame)?;
            if !global.quiet && Procedures::registry_only(&stats.procedures) {
                eprintln!("{}", words::registry_only(lang));
            }
            if !global.quiet && table {
                for line in words::stats_definitions(a.postal_target, a.online_target, lang) {
                    eprintln!("{line}");
                }
            }
            Ok(Outcome::Ok)
        }
        Command::Simplify(a) => {
            let store = Store::open(&global.store)?;
            let request = SimplifyRequest {
                rules: rules(a.rules.as_deref(), a.target)?,
                scope: Scope::of(a.year, a.unit.as_deref()),
            };
            let simplified = global.query(&store).simplify(&request)?;
            if let Some(line) = words::from_logs(&simplified.from_logs, lang) {
                eprintln!("{line}");
            }
            let proposals = simplified.proposals;
            let mut frame = simplified.frame;
            // People read the proposals and reasons in words; CSV and JSON keep the codes.
            if table {
                let mut shown = vec![c::UNIT];
                if frame.schema().contains(c::PROVINCE) {
                    shown.push(c::PROVINCE);
                }
                shown.extend(crate::output::PROPOSALS_SHOWN);
                frame = words::with_reasons_in_words(frame, &proposals, lang)?.select(shown)?;
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
                    eprintln!("{}", words::proposal_written(path, lang));
                }
            }
            Ok(Outcome::Ok)
        }
    }
}
