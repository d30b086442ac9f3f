//! `cchc chart KIND --out FILE.png|FILE.svg`: the charts of the stored data.

use std::path::PathBuf;

use anyhow::Result;
use cchc_query::Scope;
use cchc_query::chart::{ChartKind, ChartRequest};
use cchc_store::Store;
use clap::ValueEnum;

use super::LevelArg;
use crate::words;
use crate::{Global, Outcome};

/// The charts.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartArg {
    /// Pareto điểm bị mất của một đơn vị, một năm (points lost, one unit and year)
    Pareto,
    /// Tỷ lệ đạt theo lĩnh vực, so sánh các năm (attainment by field, years side by side)
    FieldYears,
    /// Xu hướng chỉ số theo năm, mỗi đơn vị một đường (index trend, a line per unit)
    Trend,
    /// Thanh xếp chồng năm mức hài lòng theo yếu tố và năm (diverging Likert bars by element and year)
    Likert,
    /// Chỉ số hài lòng từng yếu tố qua các năm (satisfaction index of each element over the years)
    ElementTrend,
    /// Chỉ số hài lòng theo yếu tố, so sánh các năm (satisfaction by element, years side by side)
    ElementYears,
    /// Số hồ sơ × tỷ lệ trễ hạn theo thủ tục, tô đậm thủ tục đề xuất (volume × late rate)
    ProcedureLate,
    /// Số hồ sơ × thời gian thực tế / thời hạn theo thủ tục (volume × time ratio)
    ProcedureTime,
    /// Tỷ lệ hồ sơ theo kênh qua các năm, có đường mục tiêu BCCI (channel shares by year)
    Channels,
    /// Tỷ lệ giải quyết đúng hạn qua các năm, mỗi đơn vị một đường (on-time rate trend)
    OnTime,
}

/// Arguments of `cchc chart`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Loại biểu đồ (chart kind)
    #[arg(value_enum)]
    pub kind: ChartArg,
    /// Tệp kết quả .png hoặc .svg (output file)
    #[arg(long)]
    pub out: PathBuf,
    /// Năm (year)
    #[arg(long)]
    pub year: Option<i32>,
    /// Đơn vị (unit)
    #[arg(long)]
    pub unit: Option<String>,
    /// Mức tổng hợp cho Pareto (level for the Pareto)
    #[arg(long, value_enum, default_value_t = LevelArg::Leaf)]
    pub level: LevelArg,
}

impl From<ChartArg> for ChartKind {
    fn from(kind: ChartArg) -> ChartKind {
        match kind {
            ChartArg::Pareto => ChartKind::Pareto,
            ChartArg::FieldYears => ChartKind::FieldYears,
            ChartArg::Trend => ChartKind::Trend,
            ChartArg::Likert => ChartKind::Likert,
            ChartArg::ElementTrend => ChartKind::ElementTrend,
            ChartArg::ElementYears => ChartKind::ElementYears,
            ChartArg::ProcedureLate => ChartKind::ProcedureLate,
            ChartArg::ProcedureTime => ChartKind::ProcedureTime,
            ChartArg::Channels => ChartKind::Channels,
            ChartArg::OnTime => ChartKind::OnTime,
        }
    }
}

/// Runs `cchc chart`.
pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let lang = global.lang();
    let store = Store::open(&global.store)?;
    let chart = global.query(&store).chart(&ChartRequest {
        kind: args.kind.into(),
        scope: Scope::of(args.year, args.unit.as_deref()),
        level: args.level.into(),
    })?;
    if let Some(line) = words::from_logs(&chart.from_logs, lang) {
        eprintln!("{line}");
    }
    crate::front::charts::draw(&chart.data, &args.out, lang)?;
    if !global.quiet {
        eprintln!("{}", words::wrote(&args.out, lang));
    }
    Ok(Outcome::Ok)
}
