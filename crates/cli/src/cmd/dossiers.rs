//! `cchc dossiers stats|audit|list`: what dossier logs say — the period statistics computed on
//! Vietnam's working-day calendar, the audit of what a log should not show, and each dossier's
//! legal due date and verdicts.

use anyhow::{Result, bail};
use cchc_analysis::dossiers::{self, Options, Period, VerdictOf};
use cchc_calendar::Day;
use cchc_model::TableKind;
use cchc_model::columns as c;
use cchc_store::Store;
use clap::Subcommand;
use polars::prelude::*;

use crate::cmd::{calendar, filter, print_frame};
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

/// The stored log (filtered) and the registry, or an error saying what to import.
fn inputs(global: &Global, args: &CommonArgs) -> Result<(DataFrame, Option<DataFrame>)> {
    let store = Store::open(&global.store)?;
    let lang = global.lang();
    let log = store.scan_imported(TableKind::Dossiers)?;
    if let Some(note) = crate::words::text_dates(store.text_date_parts()?, lang) {
        eprintln!("{note}");
    }
    let log = filter(log, args.year, args.unit.as_deref())?
        .select(dossiers::COLUMNS.map(col))
        .collect()?;
    if log.height() == 0 {
        bail!(
            "{}",
            lang.pick(
                "không có hồ sơ nào khớp --year/--unit",
                "no dossier matches --year/--unit",
            )
        );
    }
    let registry = match store.scan_table(cchc_model::tables::PROCEDURE_REGISTRY)? {
        Some(r) => Some(r.collect()?),
        None => None,
    };
    Ok((log, registry))
}

/// An audit flag in words.
fn flag_words(code: &str, lang: cchc_model::Lang) -> &'static str {
    match code {
        "overdue_reset" => lang.pick(
            "Thời điểm có kết quả trùng giờ hẹn trả, như nhiều hồ sơ khác của đơn vị (nghi ghi đè khi quá hạn)",
            "Completion time equals the due time, as in many of the unit's dossiers (an overdue reset?)",
        ),
        "due_later_than_legal" => lang.pick(
            "Ngày hẹn trả muộn hơn hạn theo quy định, không có gia hạn",
            "Written due date later than the legal one, without an extension",
        ),
        "withdrawn_with_result" => lang.pick(
            "Đã rút hoặc dừng xử lý nhưng có ngày có kết quả",
            "Withdrawn or stopped, yet with a result",
        ),
        "result_before_receipt" => lang.pick(
            "Có kết quả trước ngày tiếp nhận",
            "Result dated before the receipt",
        ),
        "code_date_mismatch" => lang.pick(
            "Ngày trong mã hồ sơ khác ngày tiếp nhận",
            "The date in the dossier code differs from the receipt date",
        ),
        _ => "",
    }
}

/// Runs `cchc dossiers …`.
pub fn run(global: &Global, command: Command) -> Result<Outcome> {
    let lang = global.lang();
    match command {
        Command::Stats(args) => {
            let period = match args.period {
                PeriodArg::Year => Period::Year,
                PeriodArg::Quarter => Period::Quarter,
                PeriodArg::Month => Period::Month,
            };
            let verdict = match args.verdict.as_str() {
                "cchc" => VerdictOf::Cchc,
                "office" => VerdictOf::Office,
                other => bail!(
                    "{}",
                    lang.pick(
                        &format!("--verdict \"{other}\": chọn cchc hoặc office"),
                        &format!("--verdict \"{other}\": choose cchc or office"),
                    )
                ),
            };
            let as_of = match &args.as_of {
                None => None,
                Some(s) => Some(Day::parse_iso(s).ok_or_else(|| {
                    anyhow::anyhow!(
                        "{}",
                        lang.pick(
                            &format!("--as-of \"{s}\" không phải ngày yyyy-mm-dd"),
                            &format!("--as-of \"{s}\" is not a yyyy-mm-dd date"),
                        )
                    )
                })?),
            };
            let cal = calendar::load(
                args.common.hours.as_deref(),
                args.common.province.as_deref(),
            )?;
            let (log, registry) = inputs(global, &args.common)?;
            let opts = Options {
                period,
                as_of,
                verdict,
            };
            let (stats, repeats) = dossiers::statistics(&log, registry.as_ref(), &cal, &opts)?;
            print_frame(global, &stats)?;
            if !global.quiet {
                let no_limit = stats.column(c::LEGAL_DAYS)?.null_count();
                eprintln!(
                    "{}",
                    lang.pick(
                        &format!(
                            "Theo đánh giá của {}: hạn tính trên lịch ngày làm việc (cchc calendar). {repeats} dòng trùng mã giữa các tệp: giữ dòng có ngày muộn nhất. {no_limit} nhóm không có thời hạn trong danh mục thủ tục (nhập danh mục để tính hạn).",
                            args.verdict
                        ),
                        &format!(
                            "Verdict of {}: due dates on the working-day calendar (cchc calendar). {repeats} rows repeated a code across files: the latest kept. {no_limit} groups have no time limit in the registry (import it to compute due dates).",
                            args.verdict
                        ),
                    )
                );
            }
        }
        Command::Audit(args) => {
            let cal = calendar::load(args.hours.as_deref(), args.province.as_deref())?;
            let (log, registry) = inputs(global, &args)?;
            let mut audit = dossiers::audit(&log, registry.as_ref(), &cal)?;
            // People read the reason in words; CSV and JSON keep the code.
            if global.format == crate::output::OutputFormat::Table {
                let words: Vec<&str> = audit
                    .column(c::REASON_CODE)?
                    .str()?
                    .iter()
                    .map(|code| flag_words(code.unwrap_or_default(), lang))
                    .collect();
                audit.insert_column(3, Column::new(c::REASON.into(), words))?;
                audit = audit.drop(c::REASON_CODE)?;
            }
            print_frame(global, &audit)?;
            if !global.quiet {
                eprintln!(
                    "{}",
                    lang.pick(
                        &format!(
                            "{} hồ sơ bị đánh dấu trên {} hồ sơ.",
                            audit.height(),
                            log.height()
                        ),
                        &format!("{} flags over {} dossiers.", audit.height(), log.height()),
                    )
                );
            }
        }
        Command::Reconcile(args) => {
            let cal = calendar::load(
                args.common.hours.as_deref(),
                args.common.province.as_deref(),
            )?;
            let (log, registry) = inputs(global, &args.common)?;
            let opts = Options {
                period: Period::Year,
                as_of: None,
                verdict: VerdictOf::Cchc,
            };
            let (yearly, _) = dossiers::statistics(&log, registry.as_ref(), &cal, &opts)?;
            let from_log = dossiers::as_procedures(&yearly)?;
            let store = Store::open(&global.store)?;
            let Some(office) = store.scan(TableKind::Procedures)? else {
                bail!(
                    "{}",
                    lang.pick(
                        "kho chưa có báo cáo thống kê thủ tục của đơn vị để đối chiếu: hãy nhập (cchc import procedures TỆP)",
                        "the store holds no office report of procedure statistics to compare with: import one (cchc import procedures FILE)",
                    )
                );
            };
            let office =
                filter(office, args.common.year, args.common.unit.as_deref())?.collect()?;
            let mut table = dossiers::reconcile(&from_log, &office)?;
            let differ = table
                .column(c::DIFFERENCE)?
                .i64()?
                .iter()
                .filter(|d| d.is_none_or(|d| d != 0))
                .count();
            let compared = table.height();
            if args.differences {
                let mask = table
                    .column(c::DIFFERENCE)?
                    .i64()?
                    .not_equal(0)
                    .fill_null_with_values(true)?;
                table = table.filter(&mask)?;
            }
            print_frame(global, &table)?;
            if !global.quiet {
                eprintln!(
                    "{}",
                    lang.pick(
                        &format!("{differ} chỉ tiêu chênh lệch hoặc chỉ có ở một nguồn, trên {compared} chỉ tiêu đối chiếu."),
                        &format!("{differ} figures differ or exist on one side only, of {compared} compared."),
                    )
                );
            }
        }
        Command::List(args) => {
            let cal = calendar::load(args.hours.as_deref(), args.province.as_deref())?;
            let (log, registry) = inputs(global, &args)?;
            print_frame(global, &dossiers::judged(&log, registry.as_ref(), &cal)?)?;
        }
    }
    Ok(Outcome::Ok)
}
