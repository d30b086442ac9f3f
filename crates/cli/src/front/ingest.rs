//! Reading workbooks into the store and saying what was read: the steps `import` and `demo`
//! share.

use std::collections::BTreeSet;
use std::path::PathBuf;

use anyhow::Result;
use cchc_import::{ImportOptions, Imported};
use cchc_model::TableKind;
use cchc_store::{Added, Pending, Source, Store};

use cchc_calendar::Day;
use cchc_query::units::FileUnits;

use crate::Global;
use crate::words::Words;
use crate::words::phrases as ph;

/// A file read, its rows written to the store but not yet committed, and the units and years
/// its rows name.
pub type Read = (Imported, Pending, Written);

/// The units (as written) and the years of the rows a file gave.
#[derive(Debug, Default)]
pub struct Written {
    units: BTreeSet<String>,
    years: BTreeSet<i32>,
}

/// Notes the units and years of a batch of rows.
fn units_of(rows: &cchc_model::Rows, written: &mut Written) {
    use cchc_model::RowsColumn;
    if let Some(RowsColumn::Plain(column) | RowsColumn::Runs { column, .. }) =
        rows.column(cchc_model::columns::YEAR)
        && let Ok(years) = column.i32()
    {
        // Runs of one year are the rule: a set insertion per run, not per row.
        let mut last = None;
        for year in years.iter().flatten() {
            if last != Some(year) {
                written.years.insert(year);
                last = Some(year);
            }
        }
    }
    let into = &mut written.units;
    match rows.column(cchc_model::columns::UNIT) {
        Some(RowsColumn::Coded(coded)) => {
            for value in &coded.values {
                if !into.contains(value) {
                    into.insert(value.clone());
                }
            }
        }
        Some(RowsColumn::Plain(column) | RowsColumn::Runs { column, .. }) => {
            if let Ok(values) = column.str() {
                for value in values.iter().flatten() {
                    if !into.contains(value) {
                        into.insert(value.to_owned());
                    }
                }
            }
        }
        None => {}
    }
}

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
        global.lang().say(ph::READING),
    );
    let results: Vec<Result<Read, cchc_import::ImportError>> = files
        .par_iter()
        .map(|f| {
            bar.set_message(
                f.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
            let mut pending = store.begin();
            let mut units = Written::default();
            let mut sink = |table: &str, rows: cchc_model::Rows| {
                units_of(&rows, &mut units);
                pending
                    .write(table, rows)
                    .map_err(|e| Box::new(e) as cchc_import::SinkError)
            };
            let result = cchc_import::import_file_into(f, kind, opts, &mut sink);
            bar.inc(1);
            result.map(|imported| (imported, pending, units))
        })
        .collect();
    bar.finish_and_clear();
    results
        .into_iter()
        .map(|r| r.map_err(anyhow::Error::from))
        .collect()
}

/// The province of a file's sheets: the one the analyst gave (an error, before anything is
/// stored, when no province of the sheets' years has that name), else the one their titles name
/// when the register knows it as a province. `import` and `inspect` read it so.
pub fn sheets_province(
    sheets: &[cchc_import::SheetReport],
    asked: Option<&str>,
) -> Result<Option<String>> {
    let years: Vec<i32> = sheets
        .iter()
        .flat_map(|s| s.years.iter().map(|y| y.value))
        .collect();
    let titled: Vec<String> = sheets.iter().filter_map(|s| s.province.clone()).collect();
    Ok(cchc_query::units::file_province(asked, &titled, &years)?)
}

/// The province of each file read ([`sheets_province`]).
fn provinces(read: &[Read], asked: Option<&str>) -> Result<Vec<Option<String>>> {
    read.iter()
        .map(|(file, _, _)| sheets_province(&file.sheets, asked))
        .collect()
}

/// A file's units identified, and the period it states (its own or `--period`).
type Identities = (FileUnits, Option<(Day, Day)>);

/// Who each file's units are: with the file's province, over its period (the analyst's
/// `--period`, else a half-year its title names, else its years), in the register of units.
/// An error names the file; nothing is stored then.
fn identities(
    read: &[Read],
    provinces: &[Option<String>],
    period: Option<(Day, Day)>,
    store: &Store,
) -> Result<Vec<Identities>> {
    read.iter()
        .zip(provinces)
        .map(|((file, _, written), province)| {
            // The years the sheets name, else those of the rows (a dossier log's dates).
            let mut years: Vec<i32> = file
                .sheets
                .iter()
                .flat_map(|s| s.years.iter().map(|y| y.value))
                .collect();
            if years.is_empty() {
                years = written.years.iter().copied().collect();
            }
            let titled = file.sheets.iter().find_map(|s| s.period);
            let covered = cchc_query::units::file_period(period, titled, &years);
            let stated = period.or(titled);
            let (Some(province), Some(covered)) = (province, covered) else {
                return Ok((FileUnits::default(), stated));
            };
            let names: Vec<String> = written.units.iter().cloned().collect();
            let ids =
                cchc_query::units::identify_units(province, &names, covered, store.unit_names())
                    .map_err(|e| cchc_query::QueryError::InFile {
                        file: file.source.file_name.clone(),
                        problem: Box::new(e),
                    })?;
            Ok((ids, stated))
        })
        .collect()
}

/// A file committed to the store: what was read, the province of its units, what the register
/// said of its units, and what the store did with it.
pub struct StoredFile {
    /// The file as read: its sheets, counts, rejections and warnings.
    pub file: Imported,
    /// The province of its units.
    pub province: Option<String>,
    /// What the register of units said of its units, in words.
    pub notes: Vec<String>,
    /// Stored, or already imported.
    pub added: Added,
}

impl StoredFile {
    /// Whether any row was rejected or warned about.
    pub fn has_problems(&self) -> bool {
        self.file.rejections().next().is_some() || self.file.warnings().next().is_some()
    }
}

/// Commits what was read, file by file. `province` and `period` are the analyst's `--province`
/// and `--period`.
pub fn store_all(
    store: &mut Store,
    read: Vec<Read>,
    province: Option<&str>,
    period: Option<(Day, Day)>,
    lang: cchc_model::Lang,
) -> Result<Vec<StoredFile>> {
    let provinces = provinces(&read, province)?;
    let identities = identities(&read, &provinces, period, store)?;
    let mut stored = Vec::with_capacity(read.len());
    for (((file, pending, _), province), (units, period)) in
        read.into_iter().zip(provinces).zip(identities)
    {
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
            province: province.clone(),
            units: units.ids,
            period: period.map(|(from, to)| [from.iso(), to.iso()]),
        };
        let added = store.commit(pending, source)?;
        stored.push(StoredFile {
            notes: units.notes.iter().map(|n| n.words(lang)).collect(),
            file,
            province,
            added,
        });
    }
    Ok(stored)
}

/// Prints what [`store_all`] did: each file's counts per sheet, the register's notes and
/// rejections on stderr, and what was stored; returns whether any row was rejected or warned
/// about.
pub fn print_stored(stored: &[StoredFile], global: &Global) -> Result<bool> {
    let lang = global.lang();
    let mut problems = false;
    for s in stored {
        report(&s.file, s.province.as_deref(), global)?;
        for note in &s.notes {
            eprintln!("{} › {note}", s.file.source.file_name);
        }
        problems |= s.has_problems();
        match &s.added {
            Added::AlreadyImported { imported_at } => out!(
                "  → {} ({imported_at})",
                lang.say(ph::ALREADY_IMPORTED_NOTHING_ADDED)
            ),
            Added::Stored { parts, replaced } => {
                let rows: u64 = parts.iter().map(|p| p.rows).sum();
                out!(
                    "  → {} {rows} {}",
                    lang.say(ph::STORED),
                    lang.say(ph::ROWS_2)
                );
                for (file_name, year, unit) in replaced {
                    out!(
                        "  → {} \"{unit}\" {year} {} {file_name}",
                        lang.say(ph::REPLACED_THE_ROWS_OF),
                        lang.say(ph::FROM)
                    );
                }
            }
        }
    }
    Ok(problems)
}

/// Prints the import contract's counts per sheet, then warnings and rejections on stderr.
fn report(file: &Imported, province: Option<&str>, global: &Global) -> Result<()> {
    let lang = global.lang();
    for repair in &file.repairs {
        eprintln!(
            "{} › {}: {}",
            file.source.file_name,
            lang.say(ph::WARNING_2),
            repair.words(lang)
        );
    }
    for sheet in &file.sheets {
        let name = &file.source.file_name;
        if let Some(why) = &sheet.skipped {
            out!(
                "{name} › \"{}\": {} ({})",
                sheet.sheet,
                lang.say(ph::SKIPPED),
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
            lang.say(ph::ROWS_2),
            c.imported,
            lang.say(ph::IMPORTED),
            c.structure,
            lang.say(ph::STRUCTURE),
            c.rejected,
            lang.say(ph::REJECTED),
            if years.is_empty() {
                String::new()
            } else {
                format!(" · {} {}", lang.say(ph::YEAR_2), years.join(", "))
            } + &sheet
                .period
                .map(|(from, to)| format!(" · {} {from}–{to}", lang.say(ph::PERIOD_OF_DATA)))
                .unwrap_or_default(),
            match (&sheet.publisher, unit.is_empty()) {
                (_, false) => format!(" · \"{unit}\""),
                (Some(p), true) => format!(" · {} \"{p}\"", lang.say(ph::PUBLISHED_BY)),
                (None, true) => String::new(),
            } + &province
                .map(|p| format!(" · {} \"{p}\"", lang.say(ph::PROVINCE)))
                .unwrap_or_default(),
            match sheet
                .rejections
                .iter()
                .filter(|r| r.reason.is_cell_only())
                .count()
            {
                0 => String::new(),
                n => format!(" · {n} {}", lang.say(ph::INVALID_ANSWERS)),
            },
        );
        if global.quiet {
            continue;
        }
        for line in crate::words::reading_notes(sheet, lang) {
            out!("{line}");
        }
        if let Some(line) = crate::words::sheet_conversions(sheet, lang) {
            out!("{line}");
        }
        for line in crate::words::diagnostics(sheet, lang) {
            eprintln!("{line}");
        }
    }
    if !global.quiet && file.rejections().next().is_some() {
        eprintln!("  {}", crate::words::rejects_hint(lang));
    }
    Ok(())
}
