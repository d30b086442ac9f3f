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
mod scan;
mod units;
mod write;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use cchc_model::columns as c;
use cchc_model::{Rejection, RowCounts, Rows, TableKind};
use polars::prelude::*;

pub use manifest::{Manifest, Part, SourceEntry, UnitName};
pub use scan::StoredUnit;
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
    /// The province of the source's units, when known: its rows replace only rows of the same
    /// units of the same province.
    pub province: Option<String>,
    /// Each unit as written in the source, with who the register says it is.
    pub units: std::collections::BTreeMap<String, UnitId>,
    /// The days the source covers when not whole years (first, last; ISO 8601).
    pub period: Option<[String; 2]>,
}

/// Who a unit written in a source is, in the register of units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitId {
    /// Its register key.
    pub key: String,
    /// Its code, where it has one.
    pub code: Option<String>,
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
        let mut parts = pending.finish(&id)?;
        for part in &mut parts {
            part.province.clone_from(&batch.province);
            if let Some(id) = batch.units.get(&part.unit) {
                part.unit_key = Some(id.key.clone());
                part.unit_code.clone_from(&id.code);
            }
            part.period.clone_from(&batch.period);
        }
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
                        && units::same_province(new.province.as_deref(), old.province.as_deref())
                        && units::same_key(new.unit_key.as_deref(), old.unit_key.as_deref())
                        && units::periods_overlap(new.period.as_ref(), old.period.as_ref())
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
