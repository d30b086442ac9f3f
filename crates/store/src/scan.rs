//! Reading the store: the scans of a table over its parts (each part's year, province and unit
//! as shown), the parts read one row group at a time, the rejected rows, and the units' shown
//! names.

use std::path::{Path, PathBuf};

use cchc_model::columns as c;
use cchc_model::{Rows, TableKind};
use polars::prelude::*;

use crate::manifest::{Part, UnitName};
use crate::{Store, StoreError, legacy, read, units};

/// A stored part's unit as scans read it ([`Store::stored_units`]).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredUnit {
    /// The name shown (qualified where needed).
    pub unit: String,
    /// The year.
    pub year: i32,
    /// The province, when known.
    pub province: Option<String>,
    /// The register key, when the import identified the unit.
    pub key: Option<String>,
    /// Rows of the part.
    pub rows: u64,
}

impl Store {
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
        let shown = self.shown_units();
        let parts: Vec<(i32, String, PathBuf)> = self
            .manifest
            .sources
            .iter()
            .flat_map(|s| s.parts.iter())
            .filter(|p| p.table == table)
            .map(|p| (p.year, shown.of(p), self.root.join(&p.file)))
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

    /// The name each part's unit is read by: its spelling's shown name, and its province in
    /// brackets when units of that name are stored for several provinces.
    fn shown_units(&self) -> units::Shown {
        units::Shown::new(
            self.manifest.sources.iter().flat_map(|s| s.parts.iter()),
            &self.manifest.units,
        )
    }

    /// The units of a table's parts as scans read them: name shown, year, province and register
    /// key, one entry per part.
    pub fn stored_units(&self, table: &str) -> Vec<StoredUnit> {
        let shown = self.shown_units();
        self.manifest
            .sources
            .iter()
            .flat_map(|s| s.parts.iter())
            .filter(|p| p.table == table)
            .map(|p| StoredUnit {
                unit: shown.of(p),
                year: p.year,
                province: p.province.clone(),
                key: p.unit_key.clone(),
                rows: p.rows,
            })
            .collect()
    }

    /// The name a stored part's unit is read by (see [`Store::scan_table`]).
    pub fn shown_unit(&self, part: &Part) -> String {
        self.shown_units().of(part)
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
        let shown = self.shown_units();
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
            // A part's unit is one unit: its province beside it, and its name qualified when
            // units of that name are stored for several provinces or codes.
            if let Some(province) = &part.province {
                let mut columns = vec![lit(province.clone()).alias(c::PROVINCE)];
                columns.extend(
                    lf.collect_schema()
                        .map_err(|e| self.parquet_err(e))?
                        .iter_names()
                        .filter(|n| n.as_str() != c::PROVINCE)
                        .map(|n| col(n.clone())),
                );
                lf = lf.select(columns);
            }
            if shown.qualified(part) {
                lf = lf.with_column(lit(shown.of(part)).alias(c::UNIT));
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
}
