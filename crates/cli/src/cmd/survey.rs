//! `cchc survey index|distribution [--by …]`: how satisfied people are, and whether it changed.

use anyhow::{Result, bail};
use cchc_analysis::survey::{self, By};
use cchc_model::columns as c;
use cchc_model::{Lang, TableKind};
use cchc_store::Store;
use clap::Subcommand;
use polars::prelude::*;

use crate::{Global, Outcome};

/// The survey analyses.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Chỉ số hài lòng, khoảng tin cậy 95%, so sánh năm trước (satisfaction index, 95% interval, change)
    Index(Args),
    /// Phân bố năm mức hài lòng (distribution of the five levels)
    Distribution(Args),
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

/// The stored answers and respondents, or an error telling the analyst to import first.
pub fn survey_tables(store: &Store, lang: Lang) -> Result<(LazyFrame, Option<LazyFrame>)> {
    let Some(answers) = store.scan(TableKind::Survey)? else {
        bail!(
            "{}",
            match lang {
                Lang::Vi => format!(
                    "kho {} chưa có phiếu khảo sát nào; hãy nhập trước: cchc import TỆP.xlsx",
                    store.root().display()
                ),
                Lang::En => format!(
                    "store {} holds no survey yet; import one first: cchc import FILE.xlsx",
                    store.root().display()
                ),
            }
        );
    };
    Ok((
        answers,
        store.scan_table(cchc_model::tables::SURVEY_RESPONDENTS)?,
    ))
}

/// Reads `--by`: a fixed grouping or an attribute name matched without accents or case.
pub fn parse_by(store: &Store, by: &str, lang: Lang) -> Result<By> {
    let key = cchc_import::fold(by);
    Ok(match key.as_str() {
        "overall" | "tong the" => By::Overall,
        "element" | "yeu to" => By::Element,
        "question" | "cau hoi" => By::Question,
        "unit" | "don vi" => By::Unit,
        _ => {
            let names = match store.scan_table(cchc_model::tables::SURVEY_RESPONDENTS)? {
                Some(lf) => super::distinct_strings(
                    &lf.select([col(c::ATTRIBUTE)]).collect()?,
                    c::ATTRIBUTE,
                )?,
                None => Vec::new(),
            };
            let slug = |s: &str| super::slug(s);
            match names
                .iter()
                .find(|n| cchc_import::fold(n) == key || slug(n) == slug(by))
            {
                Some(name) => By::Attribute(name.clone()),
                None => bail!(
                    "--by {by}: {} overall, element, question, unit, {}",
                    lang.pick("hãy chọn", "choose"),
                    names
                        .iter()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
    })
}

/// The index table with filters applied after the computation (changes need the year before).
pub fn index_table(
    store: &Store,
    by: &By,
    year: Option<i32>,
    unit: Option<&str>,
    lang: Lang,
) -> Result<DataFrame> {
    let (answers, respondents) = survey_tables(store, lang)?;
    let out = survey::index(answers, respondents, by)?;
    Ok(super::filter(out.lazy(), year, unit)?.collect()?)
}

/// Runs `cchc survey …`.
pub fn run(global: &Global, command: Command) -> Result<Outcome> {
    let store = Store::open(&global.store)?;
    let lang = global.lang();
    let frame = match command {
        Command::Index(a) => {
            let by = parse_by(&store, &a.by, lang)?;
            index_table(&store, &by, a.year, a.unit.as_deref(), lang)?
        }
        Command::Distribution(a) => {
            let by = parse_by(&store, &a.by, lang)?;
            let (answers, respondents) = survey_tables(&store, lang)?;
            let answers = super::filter(answers, a.year, a.unit.as_deref())?;
            survey::distribution(answers, respondents, &by)?
        }
    };
    super::print_frame(global, &frame)?;
    Ok(Outcome::Ok)
}
