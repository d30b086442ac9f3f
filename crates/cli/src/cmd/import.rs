//! `cchc import [KIND] FILE...`: reads workbooks and stores their rows. Every file is read first;
//! if any cannot be read, nothing is stored.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use cchc_model::{Lang, TableKind};
use cchc_store::Store;

use crate::words::phrases as ph;
use crate::{Global, Outcome};

/// Arguments of `cchc import`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// [scorecard|survey|procedures|dossiers] rồi các tệp (optional kind, then files)
    #[arg(required = true, num_args = 1.., value_name = "[KIND] FILE")]
    pub inputs: Vec<String>,
    #[command(flatten)]
    pub read: super::ReadArgs,
    /// Trả mã 1 nếu có dòng bị loại hoặc cảnh báo (exit 1 when rows are rejected or warned about)
    #[arg(long)]
    pub strict: bool,
    /// Tệp tên đơn vị (TOML: [[unit]] name, aliases), lưu vào kho (units file with canonical
    /// names and aliases, kept in the store)
    #[arg(long, value_name = "units.toml")]
    pub units: Option<PathBuf>,
}

/// The units file: `[[unit]]` tables with a `name` and its `aliases`.
#[derive(serde::Deserialize)]
struct UnitsFile {
    #[serde(default)]
    unit: Vec<cchc_store::UnitName>,
}

/// Reads a units file, naming the file in the error.
fn read_units(path: &Path, lang: Lang) -> Result<Vec<cchc_store::UnitName>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        anyhow::anyhow!(
            "{}: {}",
            path.display(),
            lang.say(ph::CANNOT_READ_THE_UNITS_FILE)
        )
        .context(e)
    })?;
    let file: UnitsFile = toml::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}: {} ({})",
            path.display(),
            lang.say(ph::THE_UNITS_FILE_IS_MALFORMED_EACH),
            e.message()
        )
    })?;
    Ok(file.unit)
}

/// Splits `[KIND] FILE...` into the kind and the files.
pub fn kind_and_files(
    inputs: &[String],
    lang: cchc_model::Lang,
) -> Result<(Option<TableKind>, Vec<PathBuf>)> {
    let (kind, files) = match inputs.split_first() {
        Some((first, rest))
            if !Path::new(first).exists() && cchc_import::parse_kind(first).is_some() =>
        {
            (cchc_import::parse_kind(first), rest)
        }
        _ => (None, inputs),
    };
    if files.is_empty() {
        bail!("{}", crate::words::no_file(lang));
    }
    Ok((kind, files.iter().map(PathBuf::from).collect()))
}

/// Runs `cchc import`.
pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let (kind, files) = kind_and_files(&args.inputs, global.lang())?;
    let opts = args.read.options()?;
    let period = args.read.period()?;
    let mut store = Store::open_for_write(&global.store)?;
    if let Some(path) = &args.units {
        let names = read_units(path, global.lang())?;
        store.set_unit_names(names)?;
    }
    let read = crate::front::ingest::read_all(&files, kind, &opts, global, &store)?;
    let logs = read.iter().any(|(f, _, _)| f.kind == TableKind::Dossiers);
    let stored = crate::front::ingest::store_all(
        &mut store,
        read,
        args.read.province.as_deref(),
        period,
        global.lang(),
    )?;
    let problems = crate::front::ingest::print_stored(&stored, global)?;
    if logs {
        // The calendar the log's figures are computed on, for the engines that read the store.
        let mut table = cchc_query::calendar::calendar_table(&cchc_calendar::Calendar::vietnam())?;
        store.write_export(cchc_model::tables::CALENDAR, &mut table)?;
    }
    if logs && !global.quiet {
        let repeated = global.query(&store).repeated_dossier_codes()?;
        if repeated > 0 {
            eprintln!("{}", crate::words::repeated_codes(repeated, global.lang()));
        }
    }
    Ok(if args.strict && problems {
        Outcome::Problems
    } else {
        Outcome::Ok
    })
}
