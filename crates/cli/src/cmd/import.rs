//! `cchc import [KIND] FILE...`: reads workbooks and stores their rows. Every file is read first;
//! if any cannot be read, nothing is stored.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use cchc_import::{ImportOptions, Imported};
use cchc_model::{Lang, TableKind};
use cchc_store::{Added, Pending, Source, Store};

use crate::words::Words;
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
            lang.pick("không đọc được tệp đơn vị", "cannot read the units file")
        )
        .context(e)
    })?;
    let file: UnitsFile = toml::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}: {} ({})",
            path.display(),
            lang.pick(
                "tệp đơn vị sai dạng; mỗi đơn vị là [[unit]] với name = \"…\" và aliases = [\"…\"]",
                "the units file is malformed; each unit is [[unit]] with name = \"…\" and aliases = [\"…\"]"
            ),
            e.message()
        )
    })?;
    Ok(file.unit)
}

/// Splits `[KIND] FILE...` into the kind and the files.
pub fn kind_and_files(inputs: &[String]) -> Result<(Option<TableKind>, Vec<PathBuf>)> {
    let (kind, files) = match inputs.split_first() {
        Some((first, rest))
            if !Path::new(first).exists() && cchc_import::parse_kind(first).is_some() =>
        {
            (cchc_import::parse_kind(first), rest)
        }
        _ => (None, inputs),
    };
    if files.is_empty() {
        bail!("no file to import / chưa có tệp nào để nhập");
    }
    Ok((kind, files.iter().map(PathBuf::from).collect()))
}

/// Runs `cchc import`.
pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let (kind, files) = kind_and_files(&args.inputs)?;
    let opts = args.read.options()?;
    let mut store = Store::open_for_write(&global.store)?;
    if let Some(path) = &args.units {
        let names = read_units(path, global.lang())?;
        store.set_unit_names(names)?;
    }
    let read = read_all(&files, kind, &opts, global, &store)?;
    let logs = read.iter().any(|(f, _)| f.kind == TableKind::Dossiers);
    let problems = store_all(&mut store, read, global)?;
    if logs {
        say_repeated_codes(&store, global)?;
    }
    Ok(if args.strict && problems {
        Outcome::Problems
    } else {
        Outcome::Ok
    })
}

/// Says how many dossier codes the store's logs hold in more than one file: the analyses keep
/// each once, the row with the latest date.
fn say_repeated_codes(store: &Store, global: &Global) -> Result<()> {
    use cchc_model::columns as c;
    use polars::prelude::*;
    let Some(log) = store.scan(TableKind::Dossiers)? else {
        return Ok(());
    };
    // The importer refuses a code repeated within one file, so a code met twice in the store is
    // in two files. Codes by key (`code_key`, as the importer and the analyses keep them), each
    // with how often it was met (up to two): no copy of the codes is kept.
    let df = log.select([col(c::DOSSIER_CODE)]).collect()?;
    let mut met: std::collections::HashMap<u128, u8> =
        std::collections::HashMap::with_capacity(df.height());
    let mut repeated = 0usize;
    for code in df.column(c::DOSSIER_CODE)?.str()?.iter().flatten() {
        let n = met.entry(cchc_model::text::code_key(code)).or_insert(0);
        *n = n.saturating_add(1);
        if *n == 2 {
            repeated += 1;
        }
    }
    if repeated > 0 && !global.quiet {
        let n = repeated;
        let lang = global.lang();
        eprintln!(
            "{}",
            lang.pick(
                &format!(
                    "{n} mã hồ sơ có trong hơn một tệp của sổ theo dõi: khi phân tích, mỗi mã giữ một dòng, dòng có ngày muộn nhất"
                ),
                &format!(
                    "{n} dossier codes are in more than one file of the log: the analyses keep one row per code, the one with the latest date"
                ),
            )
        );
    }
    Ok(())
}

/// A file read, its rows written to the store but not yet committed.
pub type Read = (Imported, Pending);

/// Reads every file, several at a time (one per core), writing rows to the store in batches as
/// they are read; the first file in the given order that cannot be read stops everything before
/// anything is committed (what was written is removed).
pub fn read_all(
    files: &[PathBuf],
    kind: Option<TableKind>,
    opts: &ImportOptions,
    global: &Global,
    store: &Store,
) -> Result<Vec<Read>> {
    use rayon::prelude::*;
    let bar = crate::progress::bar(
        files.len() as u64,
        global.quiet,
        global.lang().pick("Đọc tệp", "Reading"),
    );
    let lang = global.lang();
    let results: Vec<Result<Read, cchc_import::ImportError>> = files
        .par_iter()
        .map(|f| {
            bar.set_message(
                f.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
            let mut pending = store.begin();
            let mut sink = |table: &str, rows: cchc_model::Rows| {
                pending.write(table, rows).map_err(|e| e.words(lang))
            };
            let result = cchc_import::import_file_into(f, kind, opts, &mut sink);
            bar.inc(1);
            result.map(|imported| (imported, pending))
        })
        .collect();
    bar.finish_and_clear();
    results
        .into_iter()
        .map(|r| r.map_err(anyhow::Error::from))
        .collect()
}

/// Commits what was read and reports it; returns whether any row was rejected or warned about.
pub fn store_all(store: &mut Store, read: Vec<Read>, global: &Global) -> Result<bool> {
    let lang = global.lang();
    let mut problems = false;
    for (file, pending) in read {
        report(&file, global)?;
        problems |= file.rejections().next().is_some() || file.warnings().next().is_some();
        let source = Source {
            kind: file.kind,
            sha256: &file.source.sha256,
            path: &file.source.path,
            sheets: file
                .sheets
                .iter()
                .filter(|s| s.skipped.is_none())
                .map(|s| s.sheet.clone())
                .collect(),
            counts: file.counts(),
            rejections: file.rejections().cloned().collect(),
            warnings: file.warnings().count() as u64,
        };
        match store.commit(pending, source)? {
            Added::AlreadyImported { imported_at } => out!(
                "  → {} ({imported_at})",
                lang.pick(
                    "đã nhập tệp này trước đó, không thêm gì",
                    "already imported, nothing added"
                )
            ),
            Added::Stored { parts, replaced } => {
                let rows: u64 = parts.iter().map(|p| p.rows).sum();
                out!(
                    "  → {} {rows} {}",
                    lang.pick("đã lưu", "stored"),
                    lang.pick("dòng", "rows")
                );
                for (file_name, year, unit) in replaced {
                    out!(
                        "  → {} \"{unit}\" {year} {} {file_name}",
                        lang.pick("thay thế số liệu", "replaced the rows of"),
                        lang.pick("từ tệp", "from")
                    );
                }
            }
        }
    }
    Ok(problems)
}

/// Prints the import contract's counts per sheet, then warnings and rejections on stderr.
fn report(file: &Imported, global: &Global) -> Result<()> {
    let lang = global.lang();
    for repair in &file.repairs {
        eprintln!(
            "{} › {}: {}",
            file.source.file_name,
            lang.pick("cảnh báo", "warning"),
            repair.words(lang)
        );
    }
    for sheet in &file.sheets {
        let name = &file.source.file_name;
        if let Some(why) = &sheet.skipped {
            out!(
                "{name} › \"{}\": {} ({})",
                sheet.sheet,
                lang.pick("bỏ qua", "skipped"),
                why.words(lang)
            );
            continue;
        }
        let c = &sheet.counts;
        let years: Vec<String> = sheet.years.iter().map(|y| y.value.to_string()).collect();
        let unit = sheet
            .unit
            .as_ref()
            .map(|u| u.value.clone())
            .unwrap_or_default();
        out!(
            "{name} › \"{}\": {} {} = {} {} + {} {} + {} {}{}{}{}",
            sheet.sheet,
            c.read,
            lang.pick("dòng", "rows"),
            c.imported,
            lang.pick("nhập", "imported"),
            c.structure,
            lang.pick("cấu trúc", "structure"),
            c.rejected,
            lang.pick("bị loại", "rejected"),
            if years.is_empty() {
                String::new()
            } else {
                format!(" · {} {}", lang.pick("năm", "year"), years.join(", "))
            },
            match (&sheet.publisher, unit.is_empty()) {
                (_, false) => format!(" · \"{unit}\""),
                (Some(p), true) =>
                    format!(" · {} \"{p}\"", lang.pick("công bố bởi", "published by")),
                (None, true) => String::new(),
            },
            match sheet
                .rejections
                .iter()
                .filter(|r| r.reason.is_cell_only())
                .count()
            {
                0 => String::new(),
                n => format!(
                    " · {n} {}",
                    lang.pick("câu trả lời không hợp lệ", "invalid answers")
                ),
            },
        );
        if global.quiet {
            continue;
        }
        for line in super::reading_notes(sheet, lang) {
            out!("{line}");
        }
        if let Some(line) = super::conversions(sheet, lang) {
            out!("{line}");
        }
        for line in super::diagnostics(sheet, lang) {
            eprintln!("{line}");
        }
    }
    if !global.quiet && file.rejections().next().is_some() {
        eprintln!(
            "  {}",
            match lang {
                Lang::Vi => "(xem lại các dòng bị loại: cchc rejects)",
                Lang::En => "(list rejected rows again: cchc rejects)",
            }
        );
    }
    Ok(())
}
