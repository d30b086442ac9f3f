//! `cchc store list|remove`: what the store holds, and taking a wrong import back out.

use anyhow::{Result, bail};
use cchc_model::columns as c;
use cchc_store::Store;
use clap::Subcommand;
use polars::prelude::*;

use crate::words::phrases as ph;
use crate::{Global, Outcome};

/// The store commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Liệt kê các tệp đã nhập (list imported sources)
    List,
    /// Gỡ một tệp đã nhập cùng mọi dòng của nó (remove an imported source and all its rows)
    Remove {
        /// Tên tệp, đường dẫn như lúc nhập, hoặc ít nhất 8 ký tự đầu của sha256
        /// (file name, path as imported, or a sha256 prefix of 8 or more characters)
        source: String,
    },
}

/// Runs `cchc store …`.
pub fn run(global: &Global, command: Command) -> Result<Outcome> {
    let lang = global.lang();
    match command {
        Command::List => {
            let store = Store::open(&global.store)?;
            let sources = store.sources();
            let years = |s: &cchc_store::SourceEntry| {
                let mut y: Vec<i32> = s.parts.iter().map(|p| p.year).collect();
                y.sort_unstable();
                y.dedup();
                y.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            // Each unit under the one name the store reads it by ("SỞ Y TẾ" is "Sở Y tế").
            let renames = store.unit_renames();
            let units = |s: &cchc_store::SourceEntry| {
                let mut u: Vec<&str> = s
                    .parts
                    .iter()
                    .map(|p| renames.get(&p.unit).unwrap_or(&p.unit).as_str())
                    .collect();
                u.sort_unstable();
                u.dedup();
                u.join("; ")
            };
            let province =
                |s: &cchc_store::SourceEntry| s.parts.iter().find_map(|p| p.province.clone());
            // The days a source covers when not whole years.
            let period = |s: &cchc_store::SourceEntry| {
                s.parts
                    .iter()
                    .find_map(|p| p.period.as_ref())
                    .map(|[from, to]| format!("{from}..{to}"))
            };
            let frame = df!(
                c::SOURCE_FILE => sources.iter().map(|s| s.file_name.clone()).collect::<Vec<_>>(),
                c::KIND => sources.iter().map(|s| s.kind.as_str()).collect::<Vec<_>>(),
                c::YEARS => sources.iter().map(years).collect::<Vec<_>>(),
                c::UNITS => sources.iter().map(units).collect::<Vec<_>>(),
                c::PROVINCE => sources.iter().map(province).collect::<Vec<_>>(),
                c::PERIOD => sources.iter().map(period).collect::<Vec<_>>(),
                c::ROWS_READ => sources.iter().map(|s| s.counts.read).collect::<Vec<_>>(),
                c::IMPORTED => sources.iter().map(|s| s.counts.imported).collect::<Vec<_>>(),
                c::STRUCTURE => sources.iter().map(|s| s.counts.structure).collect::<Vec<_>>(),
                c::REJECTED => sources.iter().map(|s| s.counts.rejected).collect::<Vec<_>>(),
                c::SHA256 => sources.iter().map(|s| s.sha256.chars().take(12).collect::<String>()).collect::<Vec<_>>(),
                c::IMPORTED_AT => sources.iter().map(|s| s.imported_at.clone()).collect::<Vec<_>>(),
            )?;
            super::print_frame(global, &frame)?;
        }
        Command::Remove { source } => {
            let mut store = Store::open_for_write(&global.store)?;
            match store.remove(&source)? {
                Some(removed) => {
                    let rows: u64 = removed.parts.iter().map(|p| p.rows).sum();
                    out!(
                        "{} {} ({} {rows} {})",
                        lang.say(ph::REMOVED),
                        removed.file_name,
                        lang.say(ph::DELETED),
                        lang.say(ph::ROWS_2)
                    );
                }
                None => bail!("{}", crate::words::no_source(&source, lang)),
            }
        }
    }
    Ok(Outcome::Ok)
}
