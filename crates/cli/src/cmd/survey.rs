//! `cchc survey index|distribution [--by …]`: how satisfied people are, and whether it changed.

use anyhow::{Result, bail};
use cchc_analysis::stats;
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

/// What an index is computed with: its weights, and how its p-values are adjusted.
pub struct IndexSpec {
    pub weights: Option<LazyFrame>,
    pub adjust: stats::Adjust,
}

impl IndexSpec {
    /// Unweighted, Holm-adjusted when several groups are tested.
    pub fn plain() -> IndexSpec {
        IndexSpec {
            weights: None,
            adjust: stats::Adjust::Holm,
        }
    }
}

/// A weight as written ("1,5" or "1.5"), when it is a positive number.
fn positive_weight(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|w| *w > 0.0 && w.is_finite())
}

/// A respondent's weight from a numeric attribute: every respondent needs a positive number.
fn attribute_weights(
    respondents: Option<LazyFrame>,
    answers: LazyFrame,
    column: &str,
    lang: Lang,
) -> Result<LazyFrame> {
    let key = cchc_import::fold(column);
    let values = match respondents {
        Some(lf) => lf
            .select([col(c::RESPONDENT), col(c::ATTRIBUTE), col(c::VALUE)])
            .collect()?,
        None => DataFrame::empty_with_schema(&cchc_model::schema::survey_respondents()),
    };
    let mut weights: std::collections::HashMap<String, f64> = std::collections::HashMap::new();
    let (ids, attrs, vals) = (
        values.column(c::RESPONDENT)?.str()?,
        values.column(c::ATTRIBUTE)?.str()?,
        values.column(c::VALUE)?.str()?,
    );
    for i in 0..values.height() {
        let (Some(id), Some(attr)) = (ids.get(i), attrs.get(i)) else {
            continue;
        };
        if cchc_import::fold(attr) != key {
            continue;
        }
        let text = vals.get(i).unwrap_or("");
        match positive_weight(text) {
            Some(w) => {
                weights.insert(id.to_owned(), w);
            }
            None => bail!(
                "{}",
                match lang {
                    Lang::Vi => format!(
                        "--weight \"{column}\": người trả lời {id} có trọng số \"{text}\"; trọng số phải là số dương"
                    ),
                    Lang::En => format!(
                        "--weight \"{column}\": respondent {id} has the weight \"{text}\"; a weight must be a positive number"
                    ),
                }
            ),
        }
    }
    let all = answers
        .select([col(c::RESPONDENT)])
        .unique(None, UniqueKeepStrategy::First)
        .collect()?;
    let mut ids_out = Vec::new();
    let mut w_out = Vec::new();
    for id in all.column(c::RESPONDENT)?.str()?.iter().flatten() {
        match weights.get(id) {
            Some(w) => {
                ids_out.push(id.to_owned());
                w_out.push(*w);
            }
            None => bail!(
                "{}",
                match lang {
                    Lang::Vi => format!(
                        "--weight \"{column}\": người trả lời {id} không có trọng số (ô trống hoặc thiếu cột)"
                    ),
                    Lang::En => format!(
                        "--weight \"{column}\": respondent {id} has no weight (a blank cell or no such column)"
                    ),
                }
            ),
        }
    }
    Ok(df!(c::RESPONDENT => ids_out, c::WEIGHT => w_out)?.lazy())
}

/// Each respondent's weight from their unit's weight in a CSV (`unit,weight`), units matched as
/// `--unit` matches.
fn unit_weights(answers: LazyFrame, spec: &str, lang: Lang) -> Result<LazyFrame> {
    let Some(path) = spec.strip_prefix("unit=") else {
        bail!("--weight-by {spec}: unit=FILE.csv");
    };
    let text = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
    let mut table: Vec<(String, f64)> = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let line = line.trim_start_matches('\u{feff}');
        if line.trim().is_empty() {
            continue;
        }
        let (unit, weight) = line.rsplit_once(',').unwrap_or((line, ""));
        let unit = unit.trim().trim_matches('"').to_owned();
        match positive_weight(weight) {
            Some(w) => table.push((unit, w)),
            None => bail!(
                "{}",
                match lang {
                    Lang::Vi => format!(
                        "{path}, dòng {}: đơn vị \"{unit}\" có trọng số \"{}\"; trọng số phải là số dương",
                        n + 1,
                        weight.trim()
                    ),
                    Lang::En => format!(
                        "{path}, line {}: unit \"{unit}\" has the weight \"{}\"; a weight must be a positive number",
                        n + 1,
                        weight.trim()
                    ),
                }
            ),
        }
    }
    let pairs = answers
        .select([col(c::RESPONDENT), col(c::UNIT)])
        .unique(None, UniqueKeepStrategy::First)
        .collect()?;
    let (mut ids, mut ws) = (Vec::new(), Vec::new());
    let mut missing: Vec<String> = Vec::new();
    let (rs, us) = (
        pairs.column(c::RESPONDENT)?.str()?,
        pairs.column(c::UNIT)?.str()?,
    );
    for i in 0..pairs.height() {
        let (Some(r), Some(u)) = (rs.get(i), us.get(i)) else {
            continue;
        };
        match table.iter().find(|(name, _)| super::unit_matches(name, u)) {
            Some((_, w)) => {
                ids.push(r.to_owned());
                ws.push(*w);
            }
            None if !missing.iter().any(|m| m == u) => missing.push(u.to_owned()),
            None => {}
        }
    }
    if !missing.is_empty() {
        let names = missing
            .iter()
            .map(|m| format!("\"{m}\""))
            .collect::<Vec<_>>()
            .join(", ");
        bail!(
            "{}",
            match lang {
                Lang::Vi => format!("{path}: không có trọng số cho đơn vị {names}"),
                Lang::En => format!("{path}: no weight for the units {names}"),
            }
        );
    }
    Ok(df!(c::RESPONDENT => ids, c::WEIGHT => ws)?.lazy())
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

/// The stored answers: read part by part, one row group at a time, for the one-pass tally of
/// the survey analyses, or as one scan.
pub struct StoredAnswers<'a> {
    store: &'a Store,
    /// Every answer, as one lazy scan.
    pub scan: LazyFrame,
}

impl survey::AnswerBatches for StoredAnswers<'_> {
    fn for_each_batch(
        &self,
        columns: &[&str],
        each: &mut dyn FnMut(i32, &str, cchc_model::Rows) -> PolarsResult<()>,
    ) -> PolarsResult<()> {
        self.store
            .for_each_batch(TableKind::Survey.table_name(), columns, each)
            .map_err(|e| polars_err!(ComputeError: "{e}"))
    }

    fn lazy(&self) -> PolarsResult<LazyFrame> {
        Ok(self.scan.clone())
    }
}

/// The stored answers and respondents, or an error telling the analyst to import first.
pub fn survey_tables(store: &Store) -> Result<(StoredAnswers<'_>, Option<LazyFrame>)> {
    let answers = store.scan_imported(TableKind::Survey)?;
    Ok((
        StoredAnswers {
            store,
            scan: answers,
        },
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

/// The index table with filters applied after the computation (changes need the year before),
/// its p-values adjusted for the groups it tests (none for `--by overall`).
pub fn index_table(
    store: &Store,
    by: &By,
    year: Option<i32>,
    unit: Option<&str>,
    spec: IndexSpec,
) -> Result<DataFrame> {
    let (answers, respondents) = survey_tables(store)?;
    let out = survey::index(&answers, respondents, by, spec.weights)?;
    let shown = super::filter(out.lazy(), year, unit)?.collect()?;
    let method = if *by == By::Overall {
        stats::Adjust::None
    } else {
        spec.adjust
    };
    Ok(survey::with_adjusted(shown, method)?)
}

/// The footnote of an index table: how its p-values were adjusted and how many tests it holds.
fn adjustment_note(frame: &DataFrame, by: &By, adjust: stats::Adjust, lang: Lang) -> String {
    let tests = frame
        .column(c::P_VALUE)
        .ok()
        .and_then(|col| col.f64().ok().map(|p| p.iter().flatten().count()))
        .unwrap_or(0);
    let method = match (by, adjust) {
        (By::Overall, _) | (_, stats::Adjust::None) => None,
        (_, stats::Adjust::Holm) => Some("Holm"),
        (_, stats::Adjust::Bh) => Some("Benjamini–Hochberg"),
    };
    let adjusted = match (method, lang) {
        (Some(m), Lang::Vi) => format!("p_adjusted: hiệu chỉnh {m} cho {tests} kiểm định"),
        (Some(m), Lang::En) => format!("p_adjusted: {m} adjustment over {tests} tests"),
        (None, Lang::Vi) => format!("p_adjusted = p_value, không hiệu chỉnh ({tests} kiểm định)"),
        (None, Lang::En) => format!("p_adjusted = p_value, no adjustment ({tests} tests)"),
    };
    match lang {
        Lang::Vi => format!(
            "{adjusted}; có ý nghĩa khi p_adjusted < 0,05. Sai số chuẩn và khoảng tin cậy 95% coi mỗi người trả lời là một cụm."
        ),
        Lang::En => format!(
            "{adjusted}; significant when p_adjusted < 0.05. The SE and the 95% interval treat each respondent as a cluster."
        ),
    }
}

/// Runs `cchc survey …`.
pub fn run(global: &Global, command: Command) -> Result<Outcome> {
    let store = Store::open(&global.store)?;
    let lang = global.lang();
    let frame = match command {
        Command::Index(a) => {
            let by = parse_by(&store, &a.common.by, lang)?;
            let (answers, respondents) = survey_tables(&store)?;
            let weights = match (&a.weight, &a.weight_by) {
                (Some(column), _) => {
                    Some(attribute_weights(respondents, answers.scan, column, lang)?)
                }
                (None, Some(spec)) => Some(unit_weights(answers.scan, spec, lang)?),
                (None, None) => None,
            };
            let spec = IndexSpec {
                weights,
                adjust: a.adjust.method(),
            };
            let frame = index_table(&store, &by, a.common.year, a.common.unit.as_deref(), spec)?;
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
                eprintln!("{}", adjustment_note(&frame, &by, a.adjust.method(), lang));
            }
            return Ok(Outcome::Ok);
        }
        Command::Distribution(a) => {
            let by = parse_by(&store, &a.by, lang)?;
            let (answers, respondents) = survey_tables(&store)?;
            // Counted in one pass over every answer, then the year and unit asked for kept.
            let all = survey::distribution(&answers, respondents, &by)?;
            super::filter(all.lazy(), a.year, a.unit.as_deref())?.collect()?
        }
    };
    super::print_frame(global, &frame)?;
    Ok(Outcome::Ok)
}
