//! `cchc views duckdb|datafusion|spark [--out FILE]`: the SQL that makes, in that engine, a view
//! of each table the store holds and the metrics of `views/metrics.sql` that can be made from
//! them (the query layer writes it: [`cchc_query::views`]).

use std::path::PathBuf;

use anyhow::Result;
use cchc_query::views::{Engine, store_script};
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
    let engine = match args.engine {
        EngineArg::Duckdb => Engine::DuckDb,
        EngineArg::Datafusion => Engine::DataFusion,
        EngineArg::Spark => Engine::Spark,
    };
    let sql = store_script(engine, &store)?;
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
