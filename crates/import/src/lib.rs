//! Reads the workbooks analysts really have into canonical polars frames, losing no row.
//!
//! The crate is built in layers, each using only those below it:
//! - `kind/` — one folder per kind of table (scorecard, survey, procedures): its header
//!   vocabulary, how a header maps, how a row is classified; kind detection;
//! - `table/` — finding the table under the title lines, header flattening, Vietnamese text and
//!   numbers, mapping profiles, the one year/unit resolver and the one sheet driver;
//! - `workbook/` — format sniffing, the safety limits, the fast .xlsx scanner, the calamine
//!   adapters, the .ods pre-check, panic containment;
//! - `cell` and `error` — values and rows; why a file cannot be read.
//!
//! Entry points: [`import_file`], [`import_file_into`] and [`inspect`]. Every row of a sheet ends
//! as imported, structure (title, header, section, total, blank, signature) or rejected with a
//! reason and a cell; diagnostics are typed values ([`cchc_model::Rejection`],
//! [`cchc_model::Warning`], [`ImportError`]) that the CLI renders in Vietnamese or English.
//!
//! Architecture invariant: `import` knows nothing of the store, the analyses or charts. It returns
//! a frame and a report per sheet; bad rows are data in the report, and `Err` is kept for files
//! that cannot be read at all.
//!
//! ```
//! use cchc_import::{import_file, ImportOptions};
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../datasets/seed_appendix_2021.xlsx");
//! let imported = import_file(std::path::Path::new(path), None, &ImportOptions::default())?;
//! let counts = imported.counts();
//! assert_eq!(counts.imported, 7);
//! assert!(counts.adds_up());
//! # Ok::<(), cchc_import::ImportError>(())
//! ```

#![deny(unreachable_pub)]

mod cell;
mod error;
mod kind;
mod table;
mod workbook;

use std::io::Read;
use std::path::Path;

use cchc_model::{Rejection, RowCounts, Rows, TableKind, Warning};
use polars::prelude::DataFrame;
use sha2::{Digest, Sha256};

pub use cchc_model::legacy::Legacy;
pub use cell::legacy::{Decoded, Encoding};
pub use error::{Conflict, ImportError, Origin, Oversize, ProfileProblem, Quantity};
pub use kind::sketch::{KindFit, SheetSketch, SketchColumn};
pub use table::context::Sourced;
pub use table::layout::{HeaderColumn, TableLayout};
pub use table::personal::PersonalKind;
pub use table::profile::Profile;
pub use table::text::fold;
pub use table::{
    ColumnMapping, ColumnRole, ImportOptions, SheetNote, SheetReport, Sink, SinkError, SkipReason,
    SourceFile,
};
pub use workbook::{Format, Limits, Repair, RepairKind, SkippedKind, install_quiet_panic_hook};

use workbook::Workbook;

/// The result of importing one file.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The kind of table.
    pub kind: TableKind,
    /// The file.
    pub source: SourceFile,
    /// One report per sheet read.
    pub sheets: Vec<SheetReport>,
    /// The canonical frame of the kind's main table (schema: [`cchc_model::schema`]).
    pub frame: DataFrame,
    /// Further tables, by name (a survey's `survey_respondents`).
    pub extra: Vec<(String, DataFrame)>,
    /// Parts of the container read differently from what their headers say (UTF-16 XML, a
    /// wrong checksum), as LibreOffice reads them.
    pub repairs: Vec<Repair>,
}

impl Imported {
    /// The tally over all sheets.
    pub fn counts(&self) -> RowCounts {
        let mut total = RowCounts::default();
        for s in &self.sheets {
            total.add(&s.counts);
        }
        total
    }

    /// Cell-level rejections (invalid survey answers): their rows were still imported.
    pub fn invalid_cells(&self) -> u64 {
        self.rejections()
            .filter(|r| r.reason.is_cell_only())
            .count() as u64
    }

    /// Every rejection, in sheet order.
    pub fn rejections(&self) -> impl Iterator<Item = &Rejection> {
        self.sheets.iter().flat_map(|s| s.rejections.iter())
    }

    /// Every warning, in sheet order.
    pub fn warnings(&self) -> impl Iterator<Item = &Warning> {
        self.sheets.iter().flat_map(|s| s.warnings.iter())
    }
}

/// Hashes a file's bytes (sha256, hex), streaming.
pub fn sha256_file(path: &Path) -> Result<String, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf).map_err(io)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn open(path: &Path, opts: &ImportOptions) -> Result<(Workbook, SourceFile), ImportError> {
    let mut wb = Workbook::open_with(path, opts.limits)?;
    wb.set_encoding(opts.encoding);
    let source = SourceFile {
        path: path.to_owned(),
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        sha256: sha256_file(path)?,
        format: wb.format(),
    };
    Ok((wb, source))
}

/// Reads a kind's command-line name ("scorecard", "khảo sát", …).
pub fn parse_kind(name: &str) -> Option<TableKind> {
    kind::parse_kind(name)
}

/// Whether a text is a procedure code: the national `1.001234`, optionally extended by a
/// provincial system (`1.001234.000.00.00.H35`).
pub fn is_procedure_code(code: &str) -> bool {
    kind::is_procedure_code(code)
}

/// Imports one file, keeping its rows in memory. `kind` is detected from the headers when `None`.
pub fn import_file(
    path: &Path,
    kind: Option<TableKind>,
    opts: &ImportOptions,
) -> Result<Imported, ImportError> {
    let mut batches: Vec<(String, DataFrame)> = Vec::new();
    let mut collect = |table: &str, rows: Rows| -> Result<(), SinkError> {
        let frame = rows.into_frame()?;
        match batches.iter_mut().find(|(t, _)| t == table) {
            Some((_, all)) => Ok(all.vstack_mut(&frame).map(|_| ())?),
            None => {
                batches.push((table.to_owned(), frame));
                Ok(())
            }
        }
    };
    let mut imported = import_file_into(path, kind, opts, &mut collect)?;
    let tables = imported.kind.tables();
    let mut take = |table: &str| -> DataFrame {
        let mut frame = batches
            .iter()
            .position(|(t, _)| t == table)
            .map(|i| batches.swap_remove(i).1)
            .unwrap_or_default();
        frame.rechunk_mut();
        frame
    };
    imported.frame = take(tables[0]);
    imported.extra = tables[1..]
        .iter()
        .map(|t| ((*t).to_owned(), take(t)))
        .collect();
    Ok(imported)
}

/// Imports one file, sending its rows to `sink` as they are read (a large survey in batches of
/// about 262,000 answers), so that memory follows a batch, not the file. The returned
/// [`Imported`] carries the reports; its frames are empty.
pub fn import_file_into(
    path: &Path,
    kind: Option<TableKind>,
    opts: &ImportOptions,
    sink: &mut Sink<'_>,
) -> Result<Imported, ImportError> {
    let (mut wb, source) = open(path, opts)?;
    let kind = match kind.or_else(|| {
        opts.profile
            .as_ref()
            .and_then(|p| p.kind.as_deref())
            .and_then(kind::parse_kind)
    }) {
        Some(k) => k,
        None => match kind::detect_kind(&mut wb)? {
            Some(k) => k,
            None => {
                // Best effort: a sheet the sketch cannot read leaves the kind unsuggested.
                let sketches = kind::sketch::sketch(&mut wb).unwrap_or_default();
                let likely = kind::sketch::likely_kind(&sketches);
                return Err(ImportError::UnknownKind {
                    path: path.to_owned(),
                    likely,
                });
            }
        },
    };
    let import = kind::registered(kind)
        .ok_or_else(|| ImportError::UnknownKind {
            path: path.to_owned(),
            likely: None,
        })?
        .import;
    let sheets = import(&mut wb, &source, opts, sink)?;
    Ok(Imported {
        kind,
        source,
        sheets,
        frame: DataFrame::empty(),
        extra: Vec::new(),
        repairs: wb.repairs().to_vec(),
    })
}

/// What `cchc inspect` shows: the workbook's sheets, its kind, and what an import would do.
#[derive(Debug)]
pub struct Inspection {
    /// The file.
    pub source: SourceFile,
    /// All sheet names.
    pub sheet_names: Vec<String>,
    /// Detected kind, if any.
    pub kind: Option<TableKind>,
    /// The import that would happen, or why it would fail.
    pub result: Result<Imported, ImportError>,
    /// When the import would fail: what each sheet looks like and what each kind misses.
    pub sketches: Vec<SheetSketch>,
    /// When no kind was told: the one most likely meant.
    pub likely: Option<TableKind>,
}

/// Inspects a file: the same detection and classification as an import, with nothing written.
pub fn inspect(path: &Path, opts: &ImportOptions) -> Result<Inspection, ImportError> {
    let (mut wb, source) = open(path, opts)?;
    let kind = kind::detect_kind(&mut wb)?;
    let sheet_names = wb.sheet_names().to_vec();
    let result = import_file(path, kind, opts);
    let sketches = if result.is_err() {
        // Best effort, as the error itself is what matters.
        kind::sketch::sketch(&mut wb).unwrap_or_default()
    } else {
        Vec::new()
    };
    let likely = kind.or_else(|| kind::sketch::likely_kind(&sketches));
    Ok(Inspection {
        source,
        sheet_names,
        kind,
        result,
        sketches,
        likely,
    })
}
