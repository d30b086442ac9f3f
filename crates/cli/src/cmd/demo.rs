//! `cchc demo [--out DIR]`: imports the bundled `datasets/` into a fresh store and writes every
//! table and chart — the first thing to run.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use cchc_analysis::procedures as proc;
use cchc_import::ImportOptions;
use cchc_model::columns as c;
use cchc_model::text::slug;
use cchc_query::chart::{ChartData, ChartKind, ChartRequest};
use cchc_query::report::ReportRequest;
use cchc_query::scope::distinct_strings;
use cchc_query::scorecard::Level;
use cchc_query::survey::{By, IndexRequest};
use cchc_query::{Query, Scope};
use cchc_store::Store;
use polars::prelude::*;

use crate::front::{ingest, publish};
use crate::output::{OutputFormat, write_csv_file};
use crate::words::{self, Heading};
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

fn datasets_dir(asked: Option<PathBuf>, lang: cchc_model::Lang) -> Result<PathBuf> {
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
    bail!("{}", words::datasets_missing(lang))
}

/// The seed's unit: the department whose plan's appendix is the canonical input.
const SEED_UNIT: &str = "Sở Kế hoạch và Đầu tư";

/// The province of the bundled datasets: the seed's, as the project takes it (its procedure
/// reports name it; the seed's appendix names none).
const DEMO_PROVINCE: &str = "Đồng Nai";

/// The unit that continues the seed's from 2025 (Sở Kế hoạch và Đầu tư went into Sở Tài chính on
/// 1/3/2025, and that into the new province's on 1/7/2025).
const SUCCESSOR: &str = "Sở Tài chính";

/// The last year every bundled unit reported.
const LAST_FULL_YEAR: i32 = 2024;

/// The folders the demo writes.
struct Folders {
    store: PathBuf,
    tables: PathBuf,
    charts: PathBuf,
    report: PathBuf,
}

impl Folders {
    /// The folders under `out`, the store emptied.
    fn create(out: &Path) -> Result<Folders> {
        let folders = Folders {
            store: out.join("store"),
            tables: out.join("tables"),
            charts: out.join("charts"),
            report: out.join("report"),
        };
        if folders.store.join("manifest.json").exists() {
            std::fs::remove_dir_all(&folders.store)
                .with_context(|| folders.store.display().to_string())?;
        }
        std::fs::create_dir_all(&folders.tables)?;
        std::fs::create_dir_all(&folders.charts)?;
        Ok(folders)
    }
}

/// The workbooks of the datasets folder, by name.
fn workbooks(datasets: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(datasets)
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
    Ok(files)
}

/// What the demo writes and shows, step by step.
struct Demo<'a> {
    global: &'a Global,
    query: Query<'a>,
    folders: &'a Folders,
    written: Vec<PathBuf>,
}

impl Demo<'_> {
    /// Prints a heading and a table.
    fn show(&self, heading: Heading<'_>, frame: &DataFrame) -> Result<()> {
        out!();
        out!("== {} ==", words::demo_heading(heading, self.global.lang()));
        let table = Global {
            format: OutputFormat::Table,
            ..self.global.clone()
        };
        super::print_frame(&table, frame)
    }

    /// Saves a table as CSV.
    fn save(&mut self, name: &str, frame: &DataFrame) -> Result<()> {
        let path = self.folders.tables.join(name);
        write_csv_file(&path, frame)?;
        self.written.push(path);
        Ok(())
    }

    /// The seed's points lost, the trend of the synthetic scorecards; their tables. Returns the
    /// trend.
    fn scorecards(&mut self) -> Result<DataFrame> {
        let q = self.query;
        let seed = q.gaps(&Scope::of(Some(2021), Some(SEED_UNIT)), Level::Leaf)?;
        self.show(Heading::SeedGaps, &seed.select(crate::output::GAPS_SHOWN)?)?;
        // The appendix lists only the seven criteria the department fell short on (max 39.5),
        // not a whole scorecard: its total is not comparable with full 100-point scorecards.
        let trend = q.trend_without(SEED_UNIT)?;
        self.show(Heading::Trend, &trend)?;
        self.save("scorecard_gaps.csv", &q.gaps(&Scope::all(), Level::Leaf)?)?;
        self.save(
            "scorecard_gaps_by_field.csv",
            &q.gaps(&Scope::all(), Level::Field)?,
        )?;
        self.save("scorecard_trend.csv", &trend)?;
        Ok(trend)
    }

    /// The satisfaction index overall, by element and question, the distribution; returns the
    /// units surveyed.
    fn surveys(&mut self) -> Result<Vec<String>> {
        let q = self.query;
        let overall = q.survey_index(&IndexRequest::plain(By::Overall))?;
        self.show(Heading::Satisfaction, &overall)?;
        let by_element = q.survey_index(&IndexRequest::plain(By::Element))?;
        self.save("survey_index_overall.csv", &overall)?;
        self.save("survey_index_by_element.csv", &by_element)?;
        self.save(
            "survey_index_by_question.csv",
            &q.survey_index(&IndexRequest::plain(By::Question))?,
        )?;
        self.save(
            "survey_distribution_by_element.csv",
            &q.survey_distribution(&By::Element, &Scope::all())?,
        )?;
        Ok(distinct_strings(&overall, c::UNIT)?)
    }

    /// The procedures' ratios and the proposal of the latest year, with its appendix; returns
    /// the units with procedures.
    fn procedures(&mut self) -> Result<Vec<String>> {
        let lang = self.global.lang();
        let procs = self.query.procedures()?;
        if let Some(line) = words::from_logs(&procs.from_logs, lang) {
            eprintln!("{line}");
        }
        let latest = procs.select(&Scope::all(), true);
        let proposals = proc::simplify(&latest, &proc::Rules::default());
        let by_unit = proc::rollup(&procs.list, proc::Level::Unit)?;
        self.show(
            Heading::Procedures,
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
        let proposal_frame = proc::simplify_frame(&proposals)?;
        self.show(
            Heading::Proposals,
            &words::with_reasons_in_words(proposal_frame.clone(), &proposals, lang)?.select([
                c::UNIT,
                c::RANK,
                c::CODE,
                c::NAME,
                c::PROPOSAL,
                c::ESTIMATED_SAVING,
            ])?,
        )?;
        for p in &proposals {
            out!("{}", words::summary(p, lang));
        }
        self.save("procedures_stats.csv", &proc::stats(&procs.list)?)?;
        self.save(
            "procedures_stats_by_field.csv",
            &proc::rollup(&procs.list, proc::Level::Field)?,
        )?;
        self.save("procedures_stats_by_unit.csv", &by_unit)?;
        self.save("procedures_simplify.csv", &proposal_frame)?;
        let appendix = self
            .folders
            .tables
            .join("procedures_simplify_appendix.xlsx");
        crate::export::write_proposal(&appendix, &proposals, lang)?;
        self.written.push(appendix);
        Ok(distinct_strings(&by_unit, c::UNIT)?)
    }

    /// Draws charts, each in PNG then SVG: `charts` are (file name, chart), in order.
    fn draw(&mut self, charts: &[(String, ChartData)]) -> Result<()> {
        for ext in ["png", "svg"] {
            for (name, data) in charts {
                let path = self.folders.charts.join(format!("{name}.{ext}"));
                crate::front::charts::draw(data, &path, self.global.lang())?;
                self.written.push(path);
            }
        }
        Ok(())
    }

    /// A chart of the store.
    fn chart(&self, kind: ChartKind, scope: Scope, level: Level) -> Result<ChartData> {
        Ok(self.query.chart(&ChartRequest { kind, scope, level })?.data)
    }

    /// Every chart: scorecards, surveys, procedures.
    fn charts(
        &mut self,
        trend: DataFrame,
        surveyed: &[String],
        with_procedures: &[String],
    ) -> Result<()> {
        let mut scorecards = vec![(
            "pareto_kh925_2021".to_owned(),
            self.chart(
                ChartKind::Pareto,
                Scope::of(Some(2021), Some(SEED_UNIT)),
                Level::Leaf,
            )?,
        )];
        for unit in distinct_strings(&trend, c::UNIT)? {
            let name = slug(&unit);
            let scope = Scope::of(None, Some(&unit));
            scorecards.push((
                format!("pareto_fields_{name}"),
                self.chart(ChartKind::Pareto, scope.clone(), Level::Field)?,
            ));
            scorecards.push((
                format!("field_years_{name}"),
                self.chart(ChartKind::FieldYears, scope, Level::Leaf)?,
            ));
        }
        scorecards.push(("trend_units".to_owned(), ChartData::Trend { trend }));
        // The seed's unit has no comparable total of its own in the units' chart; its successor's
        // chart shows it as a predecessor, up to the break of 1/3/2025.
        scorecards.push((
            format!("trend_{}", slug(SUCCESSOR)),
            self.chart(
                ChartKind::Trend,
                Scope::of(None, Some(SUCCESSOR)),
                Level::Leaf,
            )?,
        ));
        self.draw(&scorecards)?;
        let mut surveys = Vec::new();
        for unit in surveyed {
            for (kind, name) in [
                (ChartKind::Likert, "survey_likert"),
                (ChartKind::ElementTrend, "survey_element_trend"),
                (ChartKind::ElementYears, "survey_element_years"),
            ] {
                let data = self.chart(kind, Scope::of(None, Some(unit)), Level::Leaf)?;
                surveys.push((format!("{name}_{}", slug(unit)), data));
            }
        }
        self.draw(&surveys)?;
        let mut procedures = Vec::new();
        for unit in with_procedures {
            for (kind, name) in [
                (ChartKind::ProcedureLate, "procedures_late"),
                (ChartKind::ProcedureTime, "procedures_time"),
                (ChartKind::Channels, "procedures_channels"),
            ] {
                let data = self.chart(kind, Scope::of(None, Some(unit)), Level::Leaf)?;
                procedures.push((format!("{name}_{}", slug(unit)), data));
            }
        }
        procedures.push((
            "procedures_on_time".to_owned(),
            self.chart(ChartKind::OnTime, Scope::all(), Level::Leaf)?,
        ));
        self.draw(&procedures)
    }

    /// The reports: the last year every unit reported, the seed unit's 2021 with its plan for
    /// 2022, and its successor's 2025, whose trend goes back to the seed's 2021.
    fn reports(&mut self) -> Result<()> {
        for request in [
            ReportRequest {
                year: Some(LAST_FULL_YEAR),
                units: Vec::new(),
            },
            ReportRequest {
                year: Some(2021),
                units: vec![SEED_UNIT.to_owned()],
            },
            ReportRequest {
                year: Some(2025),
                units: vec![SUCCESSOR.to_owned()],
            },
        ] {
            let written = publish::write(
                &self.query,
                self.global,
                &request,
                &self.folders.report,
                &cchc_report::Format::ALL,
            )?;
            self.written.extend(written);
        }
        Ok(())
    }
}

/// Runs `cchc demo`.
pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let lang = global.lang();
    let datasets = datasets_dir(args.datasets, lang)?;
    let files = workbooks(&datasets)?;
    let folders = Folders::create(&args.out)?;
    out!(
        "== {} ==",
        words::demo_heading(Heading::Importing(&datasets), lang)
    );
    {
        let mut store = Store::open_for_write(&folders.store)?;
        let read = ingest::read_all(&files, None, &ImportOptions::default(), global, &store)?;
        let stored = ingest::store_all(&mut store, read, Some(DEMO_PROVINCE), None, lang)?;
        ingest::print_stored(&stored, global)?;
    }
    let store = Store::open(&folders.store)?;
    let mut demo = Demo {
        global,
        query: global.query(&store),
        folders: &folders,
        written: Vec::new(),
    };
    let trend = demo.scorecards()?;
    let surveyed = demo.surveys()?;
    let with_procedures = demo.procedures()?;
    demo.charts(trend, &surveyed, &with_procedures)?;
    demo.reports()?;
    out!();
    out!("== {} ==", words::demo_heading(Heading::Written, lang));
    for path in &demo.written {
        out!("{}", path.display());
    }
    out!("{}", words::demo_store(&folders.store, lang));
    Ok(Outcome::Ok)
}
