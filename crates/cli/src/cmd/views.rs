//! `cchc views duckdb|datafusion|spark [--out FILE]`: the SQL that makes, in that engine, a view
//! of each table the store holds and the metrics of `views/metrics.sql` that can be made from
//! them (the query layer writes it: [`cchc_query::views`]).

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::Result;
use cchc_query::views::{Engine, script};
use cchc_store::Store;

use crate::{Global, Outcome};

/// `ENGINE`.
#[derive(clap::ValueEnum, Debug, Clone, Copy)]
pub enum EngineArg {
    /// DuckDB
    Duckdb,
    /// Apache DataFusion
    Datafusion,
    /// Spark SQL
    Spark,
}

/// Arguments of `cchc views`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Công cụ truy vấn (the engine)
    #[arg(value_enum)]
    pub engine: EngineArg,
    /// Ghi ra tệp thay vì in ra (write to a file instead of stdout)
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Runs `cchc views`.
pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let store = Store::open(&global.store)?;
    let mut tables: BTreeSet<String> = store
        .sources()
        .iter()
        .flat_map(|s| s.parts.iter().map(|p| p.table.clone()))
        .collect();
    // The exports written beside the tables: the calendar, the unit register and its edges.
    for export in [
        cchc_model::tables::CALENDAR,
        cchc_model::tables::UNIT_REGISTER,
        cchc_model::tables::UNIT_EDGES,
    ] {
        if store
            .root()
            .join("exports")
            .join(format!("{export}.parquet"))
            .exists()
        {
            tables.insert(export.to_owned());
        }
    }
    let root = std::path::absolute(store.root())?;
    let engine = match args.engine {
        EngineArg::Duckdb => Engine::DuckDb,
        EngineArg::Datafusion => Engine::DataFusion,
        EngineArg::Spark => Engine::Spark,
    };
    let sql = script(engine, &root, &tables);
    match &args.out {
        Some(path) => {
            std::fs::write(path, sql)?;
            if !global.quiet {
                eprintln!("{}", crate::words::wrote(path, global.lang()));
            }
        }
        None => out!("{}", sql.trim_end()),
    }
    Ok(Outcome::Ok)
}
