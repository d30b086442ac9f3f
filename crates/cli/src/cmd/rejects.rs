//! `cchc rejects`: the rows refused at import, with their cell and reason in words.

use anyhow::Result;
use cchc_model::columns as c;

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

/// The columns listed: the reason's code, and the reason in words as `reason`.
const LISTED: [&str; 6] = [
    c::KIND,
    c::SOURCE_FILE,
    c::CELL,
    c::REASON_CODE,
    c::REASON,
    c::ROW_TEXT,
];

/// Runs `cchc rejects`.
pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let store = Store::open(&global.store)?;
    let lang = global.lang();
    let frame = match store.rejects()? {
        Some(lf) => {
            let lf = match &args.file {
                Some(f) => lf.filter(col(c::SOURCE_FILE).eq(lit(f.as_str()))),
                None => lf,
            };
            let mut df = lf.collect()?;
            let strs = |name: &str| -> Result<Vec<Option<String>>> {
                Ok(df
                    .column(name)?
                    .str()?
                    .iter()
                    .map(|s| s.map(str::to_owned))
                    .collect())
            };
            let (rejection, vi, en) = (
                strs(c::REJECTION)?,
                strs(c::LEGACY_REASON_VI)?,
                strs(c::LEGACY_REASON_EN)?,
            );
            let words: Vec<String> = (0..df.height())
                .map(|i| {
                    crate::words::reason_words(
                        rejection[i].as_deref(),
                        vi[i].as_deref(),
                        en[i].as_deref(),
                        lang,
                    )
                })
                .collect();
            df.with_column(Column::new(c::REASON.into(), words))?;
            df.select(LISTED)?
        }
        None => DataFrame::empty_with_schema(&Schema::from_iter(
            LISTED.map(|name| Field::new(name.into(), DataType::String)),
        )),
    };
    super::print_frame(global, &frame)?;
    Ok(Outcome::Ok)
}
