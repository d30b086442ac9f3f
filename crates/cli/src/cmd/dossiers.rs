//! `cchc dossiers stats|audit|list`: what dossier logs say — the period statistics computed on
//! Vietnam's working-day calendar, the audit of what a log should not show, and each dossier's
//! legal due date and verdicts.

use anyhow::Result;
use cchc_analysis::dossiers::{Options, Period};
use cchc_model::columns as c;
use cchc_query::dossiers::{CalendarChoice, Log, LogRequest, as_of, verdict};
use cchc_query::{Query, Scope};
use cchc_store::Store;
use clap::Subcommand;
use polars::prelude::*;

use super::print_frame;
use crate::words;
use crate::{Global, Outcome};

/// The dossier-log analyses.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Thống kê theo kỳ (Biểu 06a): tiếp nhận theo kênh, tồn kỳ trước, giải quyết trước hạn /
    /// đúng hạn / trễ hạn, đang giải quyết trong hạn / quá hạn, thời gian xử lý
    /// (period statistics from the log, with processing-time distributions)
    Stats(StatsArgs),
    /// Các hồ sơ đáng ngờ, có mã lý do và các ngày liên quan (flagged dossiers, with reasons)
    Audit(CommonArgs),
    /// Đối chiếu số liệu tính từ sổ theo dõi với báo cáo của đơn vị, từng chỉ tiêu
    /// (the log-derived figures beside the office's report, figure by figure)
    Reconcile(ReconcileArgs),
    /// Từng hồ sơ: hạn theo quy định, đánh giá của cchc và của đơn vị, số ngày làm việc
    /// (each dossier with its legal due date and both verdicts)
    List(CommonArgs),
}

/// The flags every dossier command takes.
#[derive(clap::Args, Debug)]
pub struct CommonArgs {
    /// Chỉ năm tiếp nhận này (only dossiers received this year)
    #[arg(long)]
    pub year: Option<i32>,
    /// Chỉ đơn vị này (only this unit)
    #[arg(long)]
    pub unit: Option<String>,
    /// Giờ làm việc của tỉnh, TOML (a province's working hours)
    #[arg(long)]
    pub hours: Option<std::path::PathBuf>,
    /// Tỉnh trong tệp --hours (the province's section in --hours)
    #[arg(long)]
    pub province: Option<String>,
}

/// Arguments of `cchc dossiers reconcile`.
#[derive(clap::Args, Debug)]
pub struct ReconcileArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Chỉ các chỉ tiêu chênh lệch (only the figures that differ)
    #[arg(long)]
    pub differences: bool,
}

/// Arguments of `cchc dossiers stats`.
#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    #[command(flatten)]
    pub common: CommonArgs,
    /// Kỳ: năm, quý hoặc tháng (period)
    #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
    pub period: PeriodArg,
    /// Xét hồ sơ đang giải quyết tại ngày này, yyyy-mm-dd; mặc định: cuối mỗi kỳ
    /// (judge pending dossiers at this date; default: the end of each period)
    #[arg(long)]
    pub as_of: Option<String>,
    /// Theo đánh giá của: cchc (hạn tính theo quy định) hoặc office (ngày hẹn trả đơn vị ghi)
    /// (whose verdict: cchc's legal due date, or the office's written one)
    #[arg(long, default_value = "cchc")]
    pub verdict: String,
}

/// `--period`.
#[derive(clap::ValueEnum, Debug, Clone, Copy)]
pub enum PeriodArg {
    /// Năm (year)
    Year,
    /// Quý (quarter)
    Quarter,
    /// Tháng (month)
    Month,
}

impl CommonArgs {
    /// The request these flags make.
    fn request(&self) -> LogRequest {
        LogRequest {
            scope: Scope::of(self.year, self.unit.as_deref()),
            calendar: CalendarChoice {
                hours: self.hours.clone(),
                province: self.province.clone(),
            },
        }
    }
}

/// The stored log the flags ask for, saying once when older parts keep dates to the minute.
fn log(global: &Global, query: &Query<'_>, args: &CommonArgs) -> Result<Log> {
    let log = query.dossier_log(&args.request())?;
    if let Some(note) = crate::words::text_dates(log.text_date_parts, global.lang()) {
        eprintln!("{note}");
    }
    Ok(log)
}

/// Runs `cchc dossiers …`.
pub fn run(global: &Global, command: Command) -> Result<Outcome> {
    let lang = global.lang();
    let store = Store::open(&global.store)?;
    let query = global.query(&store);
    let table = global.format == crate::output::OutputFormat::Table;
    match command {
        Command::Stats(args) => {
            let options = Options {
                period: match args.period {
                    PeriodArg::Year => Period::Year,
                    PeriodArg::Quarter => Period::Quarter,
                    PeriodArg::Month => Period::Month,
                },
                as_of: args.as_of.as_deref().map(as_of).transpose()?,
                verdict: verdict(&args.verdict)?,
            };
            let stats = query.dossier_statistics(&log(global, &query, &args.common)?, &options)?;
            print_frame(global, &stats.frame)?;
            if !global.quiet {
                eprintln!(
                    "{}",
                    words::dossier_stats_note(
                        &args.verdict,
                        stats.repeats,
                        stats.without_limit,
                        lang
                    )
                );
            }
        }
        Command::Audit(args) => {
            let audit = log(global, &query, &args)?.audit()?;
            let mut frame = audit.frame;
            // People read the reason in words; CSV and JSON keep the code.
            if table {
                let reasons: Vec<&str> = frame
                    .column(c::REASON_CODE)?
                    .str()?
                    .iter()
                    .map(|code| words::audit_flag(code.unwrap_or_default(), lang))
                    .collect();
                frame.insert_column(3, Column::new(c::REASON.into(), reasons))?;
                frame = frame.drop(c::REASON_CODE)?;
            }
            print_frame(global, &frame)?;
            if !global.quiet {
                eprintln!(
                    "{}",
                    words::audit_note(frame.height(), audit.dossiers, lang)
                );
            }
        }
        Command::Reconcile(args) => {
            let log = log(global, &query, &args.common)?;
            let scope = args.common.request().scope;
            let reconciled = log.reconcile(&query, &scope, args.differences)?;
            print_frame(global, &reconciled.frame)?;
            if !global.quiet {
                eprintln!(
                    "{}",
                    words::reconcile_note(reconciled.differ, reconciled.compared, lang)
                );
            }
        }
        Command::List(args) => {
            print_frame(global, &log(global, &query, &args)?.judged()?)?;
        }
    }
    Ok(Outcome::Ok)
}
