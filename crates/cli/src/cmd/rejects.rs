//! `cchc rejects`: the rows refused at import, with their cell and reason.

use anyhow::Result;
use cchc_model::Lang;
use cchc_store::Store;
use polars::prelude::*;

use crate::{Global, Outcome};

/// Arguments of `cchc rejects`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Chỉ các dòng của tệp này (only rows from this file name)
    #[arg(long)]
    pub file: Option<String>,
}

/// Runs `cchc rejects`.
pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let store = Store::open(&global.store)?;
    let reason = match global.lang() {
        Lang::Vi => "reason_vi",
        Lang::En => "reason_en",
    };
    let columns = [
        col("kind"),
        col("source_file"),
        col("cell"),
        col("reason_code"),
        col(reason),
        col("row_text"),
    ];
    let frame = match store.rejects()? {
        Some(lf) => {
            let lf = match &args.file {
                Some(f) => lf.filter(col("source_file").eq(lit(f.as_str()))),
                None => lf,
            };
            lf.select(columns).collect()?
        }
        None => DataFrame::empty_with_schema(&Schema::from_iter([
            Field::new("kind".into(), DataType::String),
            Field::new("source_file".into(), DataType::String),
            Field::new("cell".into(), DataType::String),
            Field::new("reason_code".into(), DataType::String),
            Field::new(reason.into(), DataType::String),
            Field::new("row_text".into(), DataType::String),
        ])),
    };
    super::print_frame(global, &frame)?;
    Ok(Outcome::Ok)
}
