//! Writing a source's rows: each table's rows of one year and unit to a part file under a
//! temporary name, on a writer thread of its own, until the source is committed.

use std::fs;
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;

use cchc_model::Rows;
use cchc_model::columns as c;
use polars::prelude::*;

use crate::StoreError;
use crate::manifest::Part;
use crate::part;

/// One part being written: a table's rows of one year and unit.
pub(crate) struct PartWriter {
    pub(crate) table: String,
    pub(crate) year: i32,
    pub(crate) unit: String,
    pub(crate) dir: PathBuf,
    pub(crate) tmp: PathBuf,
    pub(crate) writer: Option<polars::io::parquet::write::BatchedWriter<fs::File>>,
    pub(crate) rows: u64,
}

/// The part files of one source being written, under temporary names until they are finished.
/// Dropped unfinished, they are removed.
pub(crate) struct Parts {
    pub(crate) root: PathBuf,
    pub(crate) tag: String,
    pub(crate) writers: Vec<PartWriter>,
}

/// Rows of one source being written in batches, partitioned by table, year and unit, under
/// temporary names until [`Store::commit`](crate::Store::commit). Memory follows a batch, not
/// the source: a batch is encoded on a writer thread while the importer reads the next one (at
/// most one batch waits).
pub struct Pending {
    pub(crate) root: PathBuf,
    pub(crate) batches: Option<mpsc::SyncSender<(String, Rows)>>,
    pub(crate) writer: Option<thread::JoinHandle<Result<Parts, StoreError>>>,
}

impl Pending {
    pub(crate) fn start(root: PathBuf, tag: String) -> Pending {
        let (batches, received) = mpsc::sync_channel::<(String, Rows)>(1);
        let mut parts = Parts {
            root: root.clone(),
            tag,
            writers: Vec::new(),
        };
        let writer = thread::spawn(move || {
            for (table, rows) in received {
                parts.write(&table, &rows)?; // on error `parts` is dropped: its files go
            }
            Ok(parts)
        });
        Pending {
            root,
            batches: Some(batches),
            writer: Some(writer),
        }
    }

    /// Appends rows of `table` (with `year` and `unit` columns), as a row group of each of
    /// their parts. Returns once the batch is queued; an error of an earlier batch is returned
    /// here or by [`Store::commit`](crate::Store::commit).
    pub fn write(&mut self, table: &str, rows: Rows) -> Result<(), StoreError> {
        let sent = match &self.batches {
            Some(batches) => batches.send((table.to_owned(), rows)).is_ok(),
            None => false,
        };
        if sent {
            Ok(())
        } else {
            // The writer stopped: its error says why (it cannot stop without one while this
            // `Pending` holds its queue).
            let root = self.root.clone();
            Err(self.join().err().unwrap_or_else(|| StoreError::Parquet {
                path: root,
                detail: "the Parquet writer stopped before the rows were written".into(),
            }))
        }
    }

    /// Waits for every queued batch to be written; the parts written.
    pub(crate) fn join(&mut self) -> Result<Parts, StoreError> {
        self.batches = None;
        match self.writer.take().map(thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(StoreError::Parquet {
                path: self.root.clone(),
                detail: "the Parquet writer thread stopped unexpectedly".into(),
            }),
            None => Err(StoreError::Parquet {
                path: self.root.clone(),
                detail: "the rows of this source were already written or refused".into(),
            }),
        }
    }

    /// Closes every part and renames it to its final name; returns the parts.
    pub(crate) fn finish(mut self, id: &str) -> Result<Vec<Part>, StoreError> {
        self.join()?.finish(id)
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        // Not committed: the writer stops and its temporary files go with its `Parts`.
        let _ = self.join();
    }
}

impl Parts {
    pub(crate) fn err(&self, e: PolarsError) -> StoreError {
        StoreError::Parquet {
            path: self.root.clone(),
            detail: e.to_string(),
        }
    }

    pub(crate) fn write(&mut self, table: &str, rows: &Rows) -> Result<(), StoreError> {
        // The year is in the part's folder (`year=2024`), not in its file: every engine's
        // hive-partitioned read (DataFusion refuses a column named twice) finds it there.
        let mut schema = rows.schema();
        schema.shift_remove(c::YEAR);
        for ((year, unit), idx) in part::split(rows).map_err(|e| self.err(e))? {
            let n = self.writers.len();
            let at = match self
                .writers
                .iter()
                .position(|w| w.table == table && w.year == year && w.unit == unit)
            {
                Some(i) => i,
                None => {
                    let dir = self.root.join(format!("{table}/year={year}"));
                    fs::create_dir_all(&dir).map_err(|source| StoreError::Io {
                        path: dir.clone(),
                        source,
                    })?;
                    // Not `.parquet` until renamed: a glob over the store (views/) never reads a part
                    // being written.
                    let tmp = dir.join(format!(".tmp-{}-{n}.partial", self.tag));
                    let file = fs::File::create(&tmp).map_err(|source| StoreError::Io {
                        path: tmp.clone(),
                        source,
                    })?;
                    let writer = ParquetWriter::new(file)
                        .batched(&schema)
                        .map_err(|e| self.err(e))?;
                    self.writers.push(PartWriter {
                        table: table.to_owned(),
                        year,
                        unit,
                        dir,
                        tmp,
                        writer: Some(writer),
                        rows: 0,
                    });
                    n
                }
            };
            let w = &mut self.writers[at];
            let height = idx.as_ref().map_or(rows.height(), Vec::len);
            if let Some(writer) = w.writer.as_mut() {
                let parquet_err = |e: PolarsError| StoreError::Parquet {
                    path: w.tmp.clone(),
                    detail: e.to_string(),
                };
                let fields = writer.parquet_schema().fields().to_vec();
                let chunks = part::encode(rows, idx.as_deref(), &fields, Some(c::YEAR))
                    .map_err(parquet_err)?;
                writer
                    .write_row_group(height as u64, &chunks)
                    .map_err(parquet_err)?;
            }
            w.rows += height as u64;
        }
        Ok(())
    }

    /// Closes every part and renames it to its final name; returns the parts.
    pub(crate) fn finish(mut self, id: &str) -> Result<Vec<Part>, StoreError> {
        let mut parts = Vec::new();
        for (n, w) in self.writers.iter_mut().enumerate() {
            if let Some(writer) = w.writer.take() {
                writer.finish().map_err(|e| StoreError::Parquet {
                    path: w.tmp.clone(),
                    detail: e.to_string(),
                })?;
            }
            // A part of another source whose sha256 begins with the same 12 characters keeps
            // its file: this one takes the next free name (a rename would replace it).
            let mut name = format!("part-{id}-{n}.parquet");
            let mut k = 0;
            while w.dir.join(&name).exists() {
                k += 1;
                name = format!("part-{id}-{n}-{k}.parquet");
            }
            let target = w.dir.join(&name);
            fs::rename(&w.tmp, &target).map_err(|source| StoreError::Io {
                path: target.clone(),
                source,
            })?;
            parts.push(Part {
                table: w.table.clone(),
                year: w.year,
                unit: w.unit.clone(),
                province: None,
                unit_key: None,
                unit_code: None,
                period: None,
                rows: w.rows,
                file: format!("{}/year={}/{name}", w.table, w.year),
            });
        }
        self.writers.clear();
        Ok(parts)
    }
}

impl Drop for Parts {
    fn drop(&mut self) {
        // Parts not finished: their temporary files go.
        for w in &mut self.writers {
            drop(w.writer.take());
            let _ = fs::remove_file(&w.tmp);
        }
    }
}
