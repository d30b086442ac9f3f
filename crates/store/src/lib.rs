//! The embedded store: plain Parquet files any engine can read, and a manifest that says where
//! every row came from.
//!
//! Layout of a store directory (default `./cchc-data`):
//!
//! ```text
//! manifest.json                                   sources, counts, parts (written last)
//! scorecard/year=2021/part-<sha12>-<n>.parquet     one file per source, year and unit
//! rejects/part-<sha12>.parquet                     refused rows of one source, with reasons
//! .lock                                           held by the one writer
//! ```
//!
//! Writes are atomic: each file is written under a temporary name and renamed into place, and the
//! manifest is replaced last, so a reader sees the old state or the new one, never half. Only files
//! named in the manifest are read. Importing the same bytes twice adds nothing (sha256); a newer
//! source that brings the same unit and year of the same table replaces the older rows, except in
//! a table whose files add up (`cchc_model::tables::accumulates`: the dossier logs).
//!
//! Architecture invariant: `store` knows nothing of Excel, analyses or charts; it receives canonical
//! frames and diagnostics from `model` and hands back lazy frames.
//!
//! # How it works
//!
//! A directory of Parquet files (`scorecard/year=2021/part-<sha12>-<n>.parquet`, one per source, table,
//! year and unit — a survey writes `survey_answers` and `survey_respondents`, procedures write
//! `procedures` and `procedure_registry` (so a registry file and a statistics file of the same unit
//! and year do not replace each other);
//! `rejects/part-<sha12>.parquet`: each refused row with its cell, reason code and the reason as
//! data — JSON of `model::RejectReason`; rejects of older versions carried the reason in words,
//! `reason_vi` / `reason_en`, and are still read) and `manifest.json`. Each source's entry also keeps its
//! count of warnings. Files are written under temporary
//! names (`.tmp-….partial`, which no `*.parquet` glob matches) and renamed; the manifest is replaced last; only files it names are read. A `.lock` file keeps
//! writers apart (stale locks of dead processes are taken over). Same sha256 → nothing added; a newer
//! source with the same table, unit and year replaces the older part (not in the dossier logs,
//! whose files add up: `model::tables::accumulates`); `Store::remove` takes a source
//! out (manifest first, then its files). Rows arrive in batches: `Store::begin` gives a `Pending`
//! whose `write` queues each batch (`model::Rows`) to a writer thread (at most one batch waits), which
//! splits it by year and unit (`part::split`; a batch of one part needs no row list, runs are
//! expanded only for a part picked out of a mixed batch) and appends it
//! as a row group to that part's temporary file; an error of the writer comes back at the next
//! `write` or at `Store::commit`. `part::encode` encodes the columns in parallel (rayon): plain
//! columns through polars' own Parquet encoders, `Coded` columns as dictionary pages written directly
//! from their codes (renumbered to the values the part uses), with the file's schema saying `String`,
//! so every reader sees ordinary text — this uses polars' `polars-parquet` and `polars-arrow` crates
//! (same versions, no extra features). `Store::commit` closes and renames the parts and writes the
//! manifest; dropping a `Pending` stops its writer and removes its files. `Store::add` is the same
//! path for a frame held whole.
//!
//! Units (`units`): a scan reads every stored spelling of a unit under one name — matched by
//! `model::text::fold`, shown in the spelling most of its rows carry among those not in capitals
//! (from the manifest's part row counts, so no data is read to decide), replaced in the scan's
//! `unit` column by a `when/then` chain; the analyst's units file (`--units`, kept in the manifest's
//! `units`) joins aliases no folding finds. Replacement of a unit's year uses the same key. Parts
//! written before a column existed (the registry's `issuer`, `agencies`) are read with that column
//! null: scans union their files diagonally.
//!
//! Reading: `scan` / `scan_table` give lazy scans of a table; `for_each_batch` reads its parts one
//! row group at a time as `model::Rows` (only the columns asked for that a part has, units under
//! their shown names, the next row group read on a thread of its own) for analyses that take one
//! pass. `read.rs` decodes with polars-parquet directly: a text column whose pages are all
//! dictionary-encoded and hold no null comes back `Coded` (the row group's dictionary and a key per
//! row, as the importer handed it over), so no string is made per row; anything else is decoded by
//! polars into a plain column.
//!
//! The year of a part is its folder's (`year=2024/`), not a column of its file: every engine's
//! hive-partitioned read sees it once (`tests/e2e/engines.rs` reads the store with DuckDB, polars,
//! pyarrow, DataFusion and Spark). `views/metrics.sql` restates the metrics in portable SQL over base
//! views each engine's file in `views/` creates; an end-to-end test runs them in DuckDB, DataFusion
//! and Spark and compares them with the analysis crate's results.

mod legacy;
mod manifest;
mod part;
mod read;
mod units;
mod write;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use cchc_model::columns as c;
use cchc_model::{Rejection, RowCounts, Rows, TableKind};
use polars::prelude::*;

pub use manifest::{Manifest, Part, SourceEntry, UnitName};
pub use write::Pending;

/// What can go wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file of the store could not be read or written.
    #[error("store {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The manifest is not valid JSON of the expected shape.
    #[error("store manifest {}: {detail}", path.display())]
    Manifest { path: PathBuf, detail: String },
    /// Another process is writing.
    #[error("store {} is locked by another cchc process (pid {pid}); wait for it or remove {}", path.display(), path.join(".lock").display())]
    Locked { path: PathBuf, pid: String },
    /// A key names more than one source.
    #[error("\"{key}\" matches several sources ({}); give more of the sha256", candidates.join(", "))]
    Ambiguous {
        key: String,
        candidates: Vec<String>,
    },
    /// A Parquet file could not be written or read.
    #[error("store {}: {detail}", path.display())]
    Parquet { path: PathBuf, detail: String },
    /// Nothing of a kind has been imported into the store yet.
    #[error("store {} holds no {kind:?} yet", path.display())]
    NothingImported { path: PathBuf, kind: TableKind },
}

/// A source to add with its rows held whole ([`Store::add`]).
pub struct Batch<'a> {
    /// The source's identity and diagnostics.
    pub source: Source<'a>,
    /// Canonical rows of the kind's main table (with `year` and `unit` columns).
    pub frame: DataFrame,
    /// Further tables of the same source, by name (a survey's `survey_respondents`).
    pub extra: Vec<(String, DataFrame)>,
}

/// A source's identity and diagnostics, for [`Store::commit`] (its rows went through a
/// [`Pending`]).
pub struct Source<'a> {
    /// The kind of table.
    pub kind: TableKind,
    /// sha256 of the file's bytes, hex.
    pub sha256: &'a str,
    /// The path as given.
    pub path: &'a Path,
    /// Sheets read.
    pub sheets: Vec<String>,
    /// The tally of the import contract.
    pub counts: RowCounts,
    /// Refused rows.
    pub rejections: Vec<Rejection>,
    /// Warnings raised while reading (rows imported with a remark).
    pub warnings: u64,
}

/// What adding a batch did.
#[derive(Debug, Clone, PartialEq)]
pub enum Added {
    /// The same bytes were imported before: nothing changed.
    AlreadyImported {
        /// When the earlier import happened.
        imported_at: String,
    },
    /// The rows were stored; earlier rows of the same unit and year were replaced.
    Stored {
        /// Parts written.
        parts: Vec<Part>,
        /// (file name, year, unit) of replaced parts.
        replaced: Vec<(String, i32, String)>,
    },
}

/// An open store.
pub struct Store {
    root: PathBuf,
    manifest: Manifest,
    lock: Option<PathBuf>,
}

impl Store {
    /// Opens a store for reading; a missing directory is an empty store.
    pub fn open(root: &Path) -> Result<Store, StoreError> {
        let manifest = Manifest::load(&root.join("manifest.json"))?;
        Ok(Store {
            root: root.to_owned(),
            manifest,
            lock: None,
        })
    }

    /// Opens a store for writing, creating it if needed and taking the writer lock.
    pub fn open_for_write(root: &Path) -> Result<Store, StoreError> {
        fs::create_dir_all(root).map_err(|source| StoreError::Io {
            path: root.to_owned(),
            source,
        })?;
        let lock = root.join(".lock");
        take_lock(root, &lock)?;
        // Read the manifest only once the lock is held, so no other writer changes it under us.
        match Manifest::load(&root.join("manifest.json")) {
            Ok(manifest) => Ok(Store {
                root: root.to_owned(),
                manifest,
                lock: Some(lock),
            }),
            Err(e) => {
                let _ = fs::remove_file(&lock);
                Err(e)
            }
        }
    }

    /// The store's directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The sources imported so far.
    pub fn sources(&self) -> &[SourceEntry] {
        &self.manifest.sources
    }

    /// Starts writing a source's rows in batches ([`Pending::write`]); nothing is visible until
    /// [`Store::commit`]. Dropping the `Pending` removes what it wrote.
    pub fn begin(&self) -> Pending {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        Pending::start(
            self.root.clone(),
            format!(
                "{}-{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::Relaxed)
            ),
        )
    }

    /// Adds a source's rows. Requires [`Store::open_for_write`].
    pub fn add(&mut self, batch: Batch<'_>) -> Result<Added, StoreError> {
        let source = batch.source;
        if let Some(existing) = self.already_imported(source.kind, source.sha256) {
            return Ok(existing);
        }
        let mut pending = self.begin();
        pending.write(source.kind.table_name(), Rows::from(batch.frame))?;
        for (name, frame) in batch.extra {
            pending.write(&name, Rows::from(frame))?;
        }
        self.commit(pending, source)
    }

    fn already_imported(&self, kind: TableKind, sha256: &str) -> Option<Added> {
        self.manifest
            .sources
            .iter()
            .find(|s| s.sha256 == sha256 && s.kind == kind)
            .map(|existing| Added::AlreadyImported {
                imported_at: existing.imported_at.clone(),
            })
    }

    /// Makes a source's written rows part of the store: its parts renamed into place, its
    /// rejected rows written, the manifest replaced. The same bytes imported before add nothing
    /// (what `pending` wrote is removed). Requires [`Store::open_for_write`].
    pub fn commit(&mut self, pending: Pending, batch: Source<'_>) -> Result<Added, StoreError> {
        if let Some(existing) = self.already_imported(batch.kind, batch.sha256) {
            return Ok(existing); // `pending` is dropped: its files are removed
        }
        let id: String = batch.sha256.chars().take(12).collect();
        let parts = pending.finish(&id)?;
        let rejects_file = if batch.rejections.is_empty() {
            None
        } else {
            let rel = format!("rejects/part-{id}.parquet");
            let mut frame = rejects_frame(batch.kind, batch.sha256, batch.path, &batch.rejections)
                .map_err(|e| self.parquet_err(e))?;
            self.write_parquet(&rel, &mut frame)?;
            Some(rel)
        };

        // Newer rows of the same table, unit and year replace older ones (except in a table
        // whose files add up: a dossier log split across files).
        let mut replaced = Vec::new();
        let mut dropped_files = Vec::new();
        for source in &mut self.manifest.sources {
            source.parts.retain(|old| {
                let clash = parts.iter().any(|new| {
                    new.table == old.table
                        && !cchc_model::tables::accumulates(&new.table)
                        && new.year == old.year
                        && units::same_unit(&new.unit, &old.unit, &self.manifest.units)
                });
                if clash {
                    replaced.push((source.file_name.clone(), old.year, old.unit.clone()));
                    dropped_files.push(old.file.clone());
                }
                !clash
            });
        }
        replaced.sort_by(|a, b| (&a.0, a.1, &a.2).cmp(&(&b.0, b.1, &b.2)));
        replaced.dedup();
        let emptied: Vec<SourceEntry> = self
            .manifest
            .sources
            .iter()
            .filter(|s| {
                s.parts.is_empty()
                    && !replaced.is_empty()
                    && replaced.iter().any(|r| r.0 == s.file_name)
            })
            .cloned()
            .collect();
        for gone in &emptied {
            if let Some(rejects) = &gone.rejects_file {
                dropped_files.push(rejects.clone());
            }
        }
        self.manifest
            .sources
            .retain(|s| !emptied.iter().any(|g| g.sha256 == s.sha256));
        self.manifest.sources.push(SourceEntry {
            sha256: batch.sha256.to_owned(),
            path: batch.path.display().to_string(),
            file_name: batch
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            kind: batch.kind,
            sheets: batch.sheets,
            imported_at: manifest::now_utc(),
            counts: batch.counts,
            warnings: batch.warnings,
            parts: parts.clone(),
            rejects_file,
        });
        self.manifest.save(&self.root.join("manifest.json"))?;
        for rel in dropped_files {
            // The manifest no longer names them: a failed removal leaves an unread orphan, not wrong data.
            let _ = fs::remove_file(self.root.join(rel));
        }
        Ok(Added::Stored { parts, replaced })
    }

    /// Removes one source: its parts, its rejected rows and its manifest entry. `key` is a file
    /// name, a path as imported, or a prefix of at least 8 characters of the sha256. Requires
    /// [`Store::open_for_write`]. Returns the removed entry, or `None` when nothing matched.
    pub fn remove(&mut self, key: &str) -> Result<Option<SourceEntry>, StoreError> {
        let matches: Vec<usize> = self
            .manifest
            .sources
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.file_name == key || s.path == key || (key.len() >= 8 && s.sha256.starts_with(key))
            })
            .map(|(i, _)| i)
            .collect();
        let index = match matches.as_slice() {
            [] => return Ok(None),
            [one] => *one,
            _ => {
                let candidates = matches
                    .iter()
                    .map(|&i| self.manifest.sources[i].sha256.chars().take(12).collect())
                    .collect();
                return Err(StoreError::Ambiguous {
                    key: key.to_owned(),
                    candidates,
                });
            }
        };
        let removed = self.manifest.sources.remove(index);
        self.manifest.save(&self.root.join("manifest.json"))?;
        for rel in removed
            .parts
            .iter()
            .map(|p| &p.file)
            .chain(removed.rejects_file.iter())
        {
            // The manifest no longer names them: a failed removal leaves an unread orphan.
            let _ = fs::remove_file(self.root.join(rel));
        }
        Ok(Some(removed))
    }

    /// How many stored parts hold dossier dates as text (written before date-times were
    /// timestamps, to the minute): they are read as timestamps of that precision; importing
    /// their logs again keeps the seconds.
    pub fn text_date_parts(&self) -> Result<usize, StoreError> {
        let mut n = 0;
        for part in self.manifest.sources.iter().flat_map(|s| s.parts.iter()) {
            if part.table != cchc_model::tables::DOSSIERS {
                continue;
            }
            let schema = self
                .scan_file(&self.root.join(&part.file))?
                .collect_schema()
                .map_err(|e| self.parquet_err(e))?;
            n += usize::from(legacy::has_text_dates(&schema));
        }
        Ok(n)
    }

    /// A lazy scan over the main table of a kind; [`StoreError::NothingImported`] when nothing
    /// of the kind has been imported (what every analysis of the kind needs first).
    pub fn scan_imported(&self, kind: TableKind) -> Result<LazyFrame, StoreError> {
        self.scan(kind)?.ok_or_else(|| StoreError::NothingImported {
            path: self.root.clone(),
            kind,
        })
    }

    /// A lazy scan over the main table of a kind, or `None` when it is empty.
    pub fn scan(&self, kind: TableKind) -> Result<Option<LazyFrame>, StoreError> {
        self.scan_table(kind.table_name())
    }

    /// A lazy scan over every stored part of a table, or `None` when the table is empty.
    ///
    /// Units are read under one name each: "SỞ Y TẾ" and "Sở Y tế" are one unit (see
    /// [`Store::unit_renames`]).
    pub fn scan_table(&self, table: &str) -> Result<Option<LazyFrame>, StoreError> {
        let parts: Vec<&Part> = self
            .manifest
            .sources
            .iter()
            .flat_map(|s| s.parts.iter())
            .filter(|p| p.table == table)
            .collect();
        let Some(lf) = self.scan_parts(&parts)? else {
            return Ok(None);
        };
        let renames = self.unit_renames();
        if renames.is_empty() {
            return Ok(Some(lf));
        }
        let mut unit = col(c::UNIT);
        for (spelling, name) in renames.iter().rev() {
            unit = when(col(c::UNIT).eq(lit(spelling.clone())))
                .then(lit(name.clone()))
                .otherwise(unit);
        }
        Ok(Some(lf.with_column(unit.alias(c::UNIT))))
    }

    /// Reads every part of a table one row group at a time: calls `each(year, unit, batch)` in
    /// the parts' order, a batch holding the `columns` asked for that its part has (older parts
    /// lack later columns), its unit under its shown name. Text held in a row group's dictionary
    /// comes still coded ([`cchc_model::Coded`]: the dictionary and a key per row). Memory
    /// follows a row group, not the table.
    pub fn for_each_batch(
        &self,
        table: &str,
        columns: &[&str],
        each: &mut dyn FnMut(i32, &str, Rows) -> PolarsResult<()>,
    ) -> Result<(), StoreError> {
        let renames = self.unit_renames();
        let parts: Vec<(i32, String, PathBuf)> = self
            .manifest
            .sources
            .iter()
            .flat_map(|s| s.parts.iter())
            .filter(|p| p.table == table)
            .map(|p| {
                let unit = renames.get(&p.unit).unwrap_or(&p.unit).clone();
                (p.year, unit, self.root.join(&p.file))
            })
            .collect();
        // The next row group is read on a thread of its own while `each` takes this one.
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Result<(usize, Rows), StoreError>>(1);
            let parts = &parts;
            scope.spawn(move || {
                for (i, (_, _, path)) in parts.iter().enumerate() {
                    let sent = read::read_row_groups(path, columns, &mut |batch| {
                        tx.send(Ok((i, batch))).is_ok()
                    });
                    match sent {
                        Ok(true) => {}
                        Ok(false) => return, // the reader stopped
                        Err(e) => {
                            let _ = tx.send(Err(e));
                            return;
                        }
                    }
                }
            });
            for message in rx {
                let (i, batch) = message?;
                let (year, unit, path) = &parts[i];
                each(*year, unit, batch).map_err(|e| StoreError::Parquet {
                    path: path.clone(),
                    detail: e.to_string(),
                })?;
            }
            Ok(())
        })
    }

    /// Every stored spelling of a unit that is shown under another name, with that name.
    pub fn unit_renames(&self) -> std::collections::BTreeMap<String, String> {
        units::renames(
            self.manifest.sources.iter().flat_map(|s| s.parts.iter()),
            &self.manifest.units,
        )
    }

    /// The analyst's units file, as kept in the store.
    pub fn unit_names(&self) -> &[UnitName] {
        &self.manifest.units
    }

    /// Keeps the analyst's units (canonical names with aliases) in the store; later scans read
    /// every alias under its name.
    pub fn set_unit_names(&mut self, names: Vec<UnitName>) -> Result<(), StoreError> {
        self.manifest.units = names;
        self.manifest.save(&self.root.join("manifest.json"))
    }

    /// Every refused row kept in the store, or `None` when there are none.
    ///
    /// Columns: `kind`, `source_sha256`, `source_file`, `cell`, `reason_code`, `rejection` (the
    /// reason with its figures, as JSON), `row_text`, and for files written before reasons were
    /// stored as data, `reason_vi` / `reason_en` (their words then; null in newer files, whose
    /// `rejection` is null in turn in older ones).
    pub fn rejects(&self) -> Result<Option<LazyFrame>, StoreError> {
        const COLUMNS: [&str; 9] = [
            c::KIND,
            c::SOURCE_SHA256,
            c::SOURCE_FILE,
            c::CELL,
            c::REASON_CODE,
            c::REJECTION,
            c::LEGACY_REASON_VI,
            c::LEGACY_REASON_EN,
            c::ROW_TEXT,
        ];
        let files: Vec<PathBuf> = self
            .manifest
            .sources
            .iter()
            .filter_map(|s| s.rejects_file.as_ref())
            .map(|f| self.root.join(f))
            .collect();
        let mut frames = Vec::with_capacity(files.len());
        for file in &files {
            let mut lf = self.scan_file(file)?;
            let schema = lf.collect_schema().map_err(|e| self.parquet_err(e))?;
            let columns: Vec<Expr> = COLUMNS
                .iter()
                .map(|name| match schema.get(name) {
                    Some(_) => col(*name),
                    None => lit(NULL).cast(DataType::String).alias(*name),
                })
                .collect();
            frames.push(lf.select(columns));
        }
        self.union(frames)
    }

    /// The parts of a table, each with its year: from its folder for parts written without the
    /// column (the layout since the store became hive-partitioned in the path only), from the
    /// file for older parts, which carry it.
    fn scan_parts(&self, parts: &[&Part]) -> Result<Option<LazyFrame>, StoreError> {
        let mut frames = Vec::with_capacity(parts.len());
        for part in parts {
            let mut lf = self.scan_file(&self.root.join(&part.file))?;
            let mut schema = lf.collect_schema().map_err(|e| self.parquet_err(e))?;
            if legacy::has_text_dates(&schema) {
                let df = lf
                    .collect()
                    .and_then(legacy::dates_from_text)
                    .map_err(|e| self.parquet_err(e))?;
                schema = df.schema().clone();
                lf = df.lazy();
            }
            if !schema.contains(c::YEAR) {
                let mut columns = vec![lit(part.year).cast(DataType::Int32).alias(c::YEAR)];
                columns.extend(schema.iter_names().map(|n| col(n.clone())));
                lf = lf.select(columns);
            }
            frames.push(lf);
        }
        self.union(frames)
    }

    /// A lazy scan of one Parquet file of the store (its folder names are not read as columns).
    fn scan_file(&self, file: &Path) -> Result<LazyFrame, StoreError> {
        let mut args = ScanArgsParquet::default();
        args.hive_options.enabled = Some(false);
        let path = PlRefPath::new(file.to_string_lossy().as_ref());
        LazyFrame::scan_parquet(path, args).map_err(|e| self.parquet_err(e))
    }

    /// The frames one after the other, `None` when there are none. Diagonal: a part written
    /// before a column was added (the registry's issuer and agencies) reads as null in that
    /// column instead of failing the scan.
    fn union(&self, frames: Vec<LazyFrame>) -> Result<Option<LazyFrame>, StoreError> {
        if frames.is_empty() {
            return Ok(None);
        }
        let union = UnionArgs {
            diagonal: true,
            ..UnionArgs::default()
        };
        concat(frames, union)
            .map(Some)
            .map_err(|e| self.parquet_err(e))
    }

    /// Writes a table for other engines to join beside the store's own ones, replacing the one
    /// of the same name: `exports/NAME.parquet` (not in the manifest: it is no imported data).
    /// `name` is the program's, never a user's.
    pub fn write_export(
        &mut self,
        name: &str,
        frame: &mut DataFrame,
    ) -> Result<PathBuf, StoreError> {
        let rel = format!("exports/{name}.parquet");
        self.write_parquet(&rel, frame)?;
        Ok(self.root.join(rel))
    }

    fn parquet_err(&self, e: PolarsError) -> StoreError {
        StoreError::Parquet {
            path: self.root.clone(),
            detail: e.to_string(),
        }
    }

    fn write_parquet(&self, rel: &str, frame: &mut DataFrame) -> Result<(), StoreError> {
        let target = self.root.join(rel);
        let dir = target.parent().unwrap_or(&self.root).to_owned();
        fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
            path: dir.clone(),
            source,
        })?;
        let tmp = dir.join(format!(
            ".tmp-{}-{}.partial",
            std::process::id(),
            target
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ));
        let file = fs::File::create(&tmp).map_err(|source| StoreError::Io {
            path: tmp.clone(),
            source,
        })?;
        ParquetWriter::new(file)
            .finish(frame)
            .map_err(|e| self.parquet_err(e))?;
        fs::rename(&tmp, &target).map_err(|source| StoreError::Io {
            path: target.clone(),
            source,
        })
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        if let Some(lock) = &self.lock {
            let _ = fs::remove_file(lock);
        }
    }
}

fn take_lock(root: &Path, lock: &Path) -> Result<(), StoreError> {
    for _ in 0..2 {
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(lock)
        {
            Ok(mut f) => {
                let _ = write!(f, "{}", std::process::id());
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let pid = fs::read_to_string(lock)
                    .unwrap_or_default()
                    .trim()
                    .to_owned();
                // A lock left by a process that no longer runs is stale: take it over.
                let alive = !pid.is_empty() && Path::new("/proc").join(&pid).exists();
                if alive || !Path::new("/proc/self").exists() {
                    return Err(StoreError::Locked {
                        path: root.to_owned(),
                        pid,
                    });
                }
                let _ = fs::remove_file(lock);
            }
            Err(source) => {
                return Err(StoreError::Io {
                    path: lock.to_owned(),
                    source,
                });
            }
        }
    }
    Err(StoreError::Locked {
        path: root.to_owned(),
        pid: String::new(),
    })
}

fn rejects_frame(
    kind: TableKind,
    sha256: &str,
    path: &Path,
    rejections: &[Rejection],
) -> PolarsResult<DataFrame> {
    let n = rejections.len();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // The serde tag of a `RejectReason` is its code.
    const TAG: &str = "reason";
    let code = |r: &Rejection| {
        serde_json::to_value(&r.reason)
            .ok()
            .and_then(|v| v.get(TAG).and_then(|x| x.as_str()).map(str::to_owned))
            .unwrap_or_default()
    };
    DataFrame::new(
        n,
        vec![
            Column::new(c::KIND.into(), vec![kind.as_str(); n]),
            Column::new(c::SOURCE_SHA256.into(), vec![sha256; n]),
            Column::new(c::SOURCE_FILE.into(), vec![file_name.as_str(); n]),
            Column::new(
                c::CELL.into(),
                rejections
                    .iter()
                    .map(|r| r.cell.to_string())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                c::REASON_CODE.into(),
                rejections.iter().map(code).collect::<Vec<_>>(),
            ),
            Column::new(
                c::REJECTION.into(),
                rejections
                    .iter()
                    .map(|r| serde_json::to_string(&r.reason).unwrap_or_default())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                c::ROW_TEXT.into(),
                rejections
                    .iter()
                    .map(|r| r.row_text.clone())
                    .collect::<Vec<_>>(),
            ),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::Parts;

    #[test]
    fn parts_being_written_are_not_parquet_files_until_finished() {
        let dir = tempfile::tempdir().expect("tmp");
        let mut parts = Parts {
            root: dir.path().to_owned(),
            tag: "t".into(),
            writers: Vec::new(),
        };
        let frame = df!["year" => [2024i32], "unit" => ["Sở A"], "value" => [1i32]].expect("frame");
        parts.write("t", &Rows::from(frame)).expect("write");
        let files = |dir: &Path| -> Vec<String> {
            fs::read_dir(dir.join("t/year=2024"))
                .expect("dir")
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        };
        let writing = files(dir.path());
        assert_eq!(writing.len(), 1);
        assert!(writing[0].ends_with(".partial"), "{writing:?}");
        let done = parts.finish("abc").expect("finish");
        assert_eq!(done[0].file, "t/year=2024/part-abc-0.parquet");
        assert_eq!(files(dir.path()), ["part-abc-0.parquet"]);
    }
}
