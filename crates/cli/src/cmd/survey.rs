//! `cchc survey index|distribution [--by …]`: how satisfied people are, and whether it changed.

use anyhow::Result;
use cchc_analysis::stats;
use cchc_model::columns as c;
use cchc_query::Scope;
use cchc_query::survey::{IndexRequest, Weights};
use cchc_store::Store;
use clap::Subcommand;

use crate::{Global, Outcome};

/// The survey analyses.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Chỉ số hài lòng, khoảng tin cậy 95%, so sánh năm trước (satisfaction index, 95% interval, change)
    Index(IndexArgs),
    /// Phân bố năm mức hài lòng (distribution of the five levels)
    Distribution(Args),
}

/// Arguments of `cchc survey index`.
#[derive(clap::Args, Debug)]
pub struct IndexArgs {
    #[command(flatten)]
    pub common: Args,
    /// Hiệu chỉnh giá trị p khi kiểm định nhiều nhóm: holm, bh, none (multiple-comparison
    /// adjustment when several groups are tested)
    #[arg(long, value_enum, default_value = "holm")]
    pub adjust: AdjustArg,
    /// Trọng số theo một cột thuộc tính là số của người trả lời (weight by a numeric respondent
    /// attribute)
    #[arg(long, value_name = "COLUMN", conflicts_with = "weight_by")]
    pub weight: Option<String>,
    /// Trọng số theo đơn vị: unit=TỆP.csv với các cột unit,weight (weight by unit from a CSV
    /// with columns unit,weight)
    #[arg(long, value_name = "unit=FILE.csv")]
    pub weight_by: Option<String>,
}

/// `--adjust`.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdjustArg {
    /// Holm (kiểm soát sai lầm loại I của cả họ kiểm định; family-wise)
    Holm,
    /// Benjamini–Hochberg (tỷ lệ phát hiện sai; false discovery rate)
    Bh,
    /// Không hiệu chỉnh (none)
    None,
}

impl AdjustArg {
    fn method(self) -> stats::Adjust {
        match self {
            AdjustArg::Holm => stats::Adjust::Holm,
            AdjustArg::Bh => stats::Adjust::Bh,
            AdjustArg::None => stats::Adjust::None,
        }
    }
}

/// Arguments of `cchc survey index|distribution`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Nhóm theo: overall, element, question, unit hoặc tên một cột thuộc tính như "Giới tính"
    /// (group by overall, element, question, unit or a respondent attribute)
    #[arg(long, default_value = "overall")]
    pub by: String,
    /// Chỉ năm này (only this year; changes still compare with the year before)
    #[arg(long)]
    pub year: Option<i32>,
    /// Chỉ đơn vị này (only this unit)
    #[arg(long)]
    pub unit: Option<String>,
}

/// Runs `cchc survey …`.
pub fn run(global: &Global, command: Command) -> Result<Outcome> {
    let store = Store::open(&global.store)?;
    let query = global.query(&store);
    let lang = global.lang();
    let frame = match command {
        Command::Index(a) => {
            let request = IndexRequest {
                by: query.survey_by(&a.common.by)?,
                scope: Scope::of(a.common.year, a.common.unit.as_deref()),
                weights: match (a.weight, a.weight_by) {
                    (Some(column), _) => Weights::Attribute(column),
                    (None, Some(spec)) => Weights::ByUnit(spec),
                    (None, None) => Weights::None,
                },
                adjust: a.adjust.method(),
            };
            let frame = query.survey_index(&request)?;
            if !global.quiet {
                for notice in query.map_notices(cchc_model::TableKind::Survey.table_name()) {
                    eprintln!("{}", crate::words::Words::words(&notice, global.lang()));
                }
            }
            let table = global.format == crate::output::OutputFormat::Table;
            // A table whose rows share one scale names it in its headers: the column can go.
            let uniform = frame
                .column(c::SCALE)
                .ok()
                .and_then(|s| s.n_unique().ok())
                .is_some_and(|n| n <= 1);
            let shown = if table && uniform {
                frame.drop(c::SCALE)?
            } else {
                frame.clone()
            };
            super::print_frame(global, &shown)?;
            if !global.quiet && table {
                let tests = frame
                    .column(c::P_VALUE)
                    .ok()
                    .and_then(|col| col.f64().ok().map(|p| p.iter().flatten().count()))
                    .unwrap_or(0);
                eprintln!(
                    "{}",
                    crate::words::adjustment_note(request.adjustment(), tests, lang)
                );
            }
            return Ok(Outcome::Ok);
        }
        Command::Distribution(a) => {
            let by = query.survey_by(&a.by)?;
            query.survey_distribution(&by, &Scope::of(a.year, a.unit.as_deref()))?
        }
    };
    super::print_frame(global, &frame)?;
    Ok(Outcome::Ok)
}
