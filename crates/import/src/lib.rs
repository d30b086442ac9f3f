//! Reads the workbooks analysts really have into canonical polars frames, losing no row.
//!
//! The engine ([`reader`], [`layout`], [`text`], [`number`], [`context`]) is shared by every kind of
//! table: it opens `.xlsx`, `.xls` and `.ods` files, streams their rows, finds the table under the
//! title lines, flattens merged multi-row headers, and reads Vietnamese text and numbers. The
//! importers ([`scorecard`]) map the header to canonical fields and classify every row: imported,
//! structure (title, header, section, total, blank, signature) or rejected with a reason and a cell.
//! Entry points: [`import_file`] and [`inspect`].
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

pub mod context;
mod error;
mod fastxlsx;
pub mod layout;
pub mod number;
mod odscheck;
pub mod procedures;
pub mod profile;
pub mod reader;
pub mod scorecard;
pub mod survey;
pub mod text;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use cchc_model::{Rejection, RowCounts, Rows, StructureKind, TableKind, Warning};
use polars::prelude::DataFrame;
use sha2::{Digest, Sha256};

pub use context::Sourced;
pub use error::{Conflict, ImportError};
pub use profile::Profile;
pub use reader::{Format, Limits, Workbook, install_quiet_panic_hook};

/// What the analyst told the importer (flags and profile).
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `--year`.
    pub year: Option<i32>,
    /// `--unit`.
    pub unit: Option<String>,
    /// `--sheet`: only this sheet.
    pub sheet: Option<String>,
    /// `--profile`.
    pub profile: Option<Profile>,
    /// `--codebook`: a workbook whose sheet maps survey questions to elements
    /// (Mã câu hỏi | Yếu tố | Nội dung), used when the survey has no codebook sheet of its own.
    pub codebook: Option<PathBuf>,
    /// Safety limits.
    pub limits: Limits,
    /// Rows per batch sent to the sink by importers that stream (surveys); 0 = the default
    /// (about half a million answers).
    pub batch_rows: usize,
}

/// The identity of a source file: its name, format and content hash.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceFile {
    /// Path as given.
    pub path: PathBuf,
    /// File name without directories.
    pub file_name: String,
    /// sha256 of the bytes, hex: importing the same bytes twice adds nothing.
    pub sha256: String,
    /// Format told from the bytes.
    pub format: Format,
}

/// How a header column was mapped.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMapping {
    /// Zero-based column.
    pub col: u32,
    /// Flattened header text.
    pub header: String,
    /// Canonical field, or `None` when the column is not used.
    pub field: Option<String>,
    /// Year named in the header path.
    pub year: Option<i32>,
}

/// What became of one sheet.
#[derive(Debug, Clone, Default)]
pub struct SheetReport {
    /// Sheet name.
    pub sheet: String,
    /// Why the sheet was passed over, when it was.
    pub skipped: Option<String>,
    /// Where the table was found.
    pub layout: Option<layout::TableLayout>,
    /// Header columns and their fields.
    pub columns: Vec<ColumnMapping>,
    /// Years of the data with their sources (empty when a year column gives them row by row).
    pub years: Vec<Sourced<i32>>,
    /// Unit of the data with its source (`None` when a unit column gives it row by row).
    pub unit: Option<Sourced<String>>,
    /// The import contract's tally.
    pub counts: RowCounts,
    /// Structure rows by kind.
    pub structure: BTreeMap<StructureKind, u64>,
    /// Refused rows.
    pub rejections: Vec<Rejection>,
    /// Warnings.
    pub warnings: Vec<Warning>,
}

impl SheetReport {
    fn new(sheet: &str) -> Self {
        SheetReport {
            sheet: sheet.to_owned(),
            ..SheetReport::default()
        }
    }

    fn skipped(sheet: &str, why: &str) -> Self {
        SheetReport {
            sheet: sheet.to_owned(),
            skipped: Some(why.to_owned()),
            ..SheetReport::default()
        }
    }
}

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
    let wb = Workbook::open_with(path, opts.limits)?;
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

/// The sheets to read: the one named by `--sheet` or the profile, else all.
fn sheets_to_read(wb: &Workbook, opts: &ImportOptions) -> Result<Vec<String>, ImportError> {
    let wanted = opts
        .sheet
        .clone()
        .or_else(|| opts.profile.as_ref().and_then(|p| p.sheet.clone()));
    match wanted {
        Some(name) => match wb
            .sheet_names()
            .iter()
            .find(|s| **s == name || text::fold(s) == text::fold(&name))
        {
            Some(found) => Ok(vec![found.clone()]),
            None => Err(ImportError::SheetNotFound {
                path: wb.path().to_owned(),
                sheet: name,
                available: wb.sheet_names().join(", "),
            }),
        },
        None => Ok(wb.sheet_names().to_vec()),
    }
}

/// A sheet read whole (scorecards and registries are a few thousand rows at most), with the table
/// found under its title lines, if the header has these fields.
fn whole_sheet(
    wb: &mut reader::Workbook,
    sheet: &str,
    opts: &ImportOptions,
    fields: &[layout::FieldSpec],
) -> Result<(Vec<reader::Row>, Option<layout::TableLayout>), ImportError> {
    let merges = wb.merges(sheet)?;
    let mut rows = Vec::new();
    wb.rows(sheet, |row| {
        rows.push(row);
        std::ops::ControlFlow::Continue(())
    })?;
    let forced_header = opts
        .profile
        .as_ref()
        .and_then(|p| p.header_rows_zero_based());
    let head = &rows[..rows.len().min(layout::HEAD_ROWS)];
    let table = layout::detect(head, &merges, fields, forced_header.as_deref());
    Ok((rows, table))
}

/// Whether the user named the sheet or its header rows: a column missing from it is then an
/// error, not a sign of a sheet of another kind to skip.
fn table_chosen(opts: &ImportOptions) -> bool {
    opts.sheet.is_some()
        || opts
            .profile
            .as_ref()
            .and_then(|p| p.header_rows_zero_based())
            .is_some()
}

/// The error for a workbook none of whose sheets held a table of the kind, if that is the case.
fn require_table(
    reports: &[SheetReport],
    path: &Path,
    opts: &ImportOptions,
) -> Result<(), ImportError> {
    if reports.iter().all(|r| r.skipped.is_some()) {
        return Err(ImportError::NoTable {
            path: path.to_owned(),
            sheet: opts.sheet.clone(),
        });
    }
    Ok(())
}

/// Header words that point at each kind of table (folded); a header cell starts with one.
const KIND_HINTS: [(TableKind, &[&str]); 3] = [
    (
        TableKind::Scorecard,
        &[
            "diem chuan",
            "diem toi da",
            "diem dat duoc",
            "diem tu danh gia",
            "diem tham dinh",
            "tu danh gia",
            "tham dinh",
            "ten tieu chi",
            "tieu chi",
        ],
    ),
    (
        TableKind::Survey,
        &[
            "gioi tinh",
            "do tuoi",
            "nghe nghiep",
            "cau ",
            "muc do hai long",
        ],
    ),
    (
        TableKind::Procedures,
        &[
            "ma tthc",
            "ma thu tuc",
            "ten thu tuc",
            "so ho so",
            "tiep nhan",
            "truc tuyen",
            "tre han",
            "dung han",
            "truoc han",
            "thoi han giai quyet",
        ],
    ),
];

/// Tells the kind of table from the header-like rows at the top of each sheet: each kind scores
/// the most cells of one row that start with its header words (body text mentioning "hồ sơ"
/// scores one at most). `None` when no kind reaches two.
pub fn detect_kind(wb: &mut Workbook) -> Result<Option<TableKind>, ImportError> {
    let mut best = [0usize; 3];
    for sheet in wb.sheet_names().to_vec() {
        let mut seen = 0;
        wb.rows(&sheet, |row| {
            let mut hits = [0usize; 3];
            for (_, v) in &row.cells {
                if let reader::Value::Text(s) = v {
                    let key = text::fold(s);
                    for (k, (_, words)) in KIND_HINTS.iter().enumerate() {
                        if words.iter().any(|w| key.starts_with(w)) {
                            hits[k] += 1;
                        }
                    }
                }
            }
            for k in 0..3 {
                best[k] = best[k].max(hits[k]);
            }
            seen += 1;
            if seen >= layout::HEAD_ROWS {
                std::ops::ControlFlow::Break(())
            } else {
                std::ops::ControlFlow::Continue(())
            }
        })?;
    }
    let (k, score) = best
        .iter()
        .enumerate()
        .max_by_key(|(k, n)| (**n, std::cmp::Reverse(*k)))
        .map(|(k, n)| (k, *n))
        .unwrap_or((0, 0));
    Ok((score >= 2).then_some(KIND_HINTS[k].0))
}

/// Where an import sends its rows as it reads them: (table name, a batch of rows). An `Err` stops
/// the import with [`ImportError::Sink`].
pub type Sink<'a> = dyn FnMut(&str, Rows) -> Result<(), String> + 'a;

/// The tables a kind of import writes: its main table first.
fn tables_of(kind: TableKind) -> &'static [&'static str] {
    match kind {
        TableKind::Scorecard => &["scorecard"],
        TableKind::Survey => &["survey_answers", "survey_respondents"],
        TableKind::Procedures => &["procedures", "procedure_registry"],
    }
}

/// Imports one file, keeping its rows in memory. `kind` is detected from the headers when `None`.
pub fn import_file(
    path: &Path,
    kind: Option<TableKind>,
    opts: &ImportOptions,
) -> Result<Imported, ImportError> {
    let mut batches: Vec<(String, DataFrame)> = Vec::new();
    let mut collect = |table: &str, rows: Rows| -> Result<(), String> {
        let frame = rows.into_frame().map_err(|e| e.to_string())?;
        match batches.iter_mut().find(|(t, _)| t == table) {
            Some((_, all)) => all
                .vstack_mut(&frame)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            None => {
                batches.push((table.to_owned(), frame));
                Ok(())
            }
        }
    };
    let mut imported = import_file_into(path, kind, opts, &mut collect)?;
    let tables = tables_of(imported.kind);
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
/// about a million answers), so that memory follows a batch, not the file. The returned
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
            .and_then(parse_kind)
    }) {
        Some(k) => k,
        None => detect_kind(&mut wb)?.ok_or_else(|| ImportError::UnknownKind {
            path: path.to_owned(),
        })?,
    };
    let sink_err = |detail: String| ImportError::Sink {
        path: path.to_owned(),
        detail,
    };
    let tables = tables_of(kind);
    let sheets = match kind {
        TableKind::Scorecard => {
            let (sheets, frame) = scorecard::import_workbook(&mut wb, &source, opts)?;
            sink(tables[0], frame.into()).map_err(sink_err)?;
            sheets
        }
        TableKind::Survey => survey::import_workbook(&mut wb, &source, opts, sink)?,
        TableKind::Procedures => {
            let (sheets, frame, registry) = procedures::import_workbook(&mut wb, &source, opts)?;
            sink(tables[0], frame.into()).map_err(sink_err)?;
            sink(tables[1], registry.into()).map_err(sink_err)?;
            sheets
        }
    };
    Ok(Imported {
        kind,
        source,
        sheets,
        frame: DataFrame::empty(),
        extra: Vec::new(),
    })
}

/// Reads a kind's command-line name.
pub fn parse_kind(name: &str) -> Option<TableKind> {
    match text::fold(name).as_str() {
        "scorecard" | "bang diem" => Some(TableKind::Scorecard),
        "survey" | "khao sat" => Some(TableKind::Survey),
        "procedures" | "thu tuc" => Some(TableKind::Procedures),
        _ => None,
    }
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
}

/// Inspects a file: the same detection and classification as an import, with nothing written.
pub fn inspect(path: &Path, opts: &ImportOptions) -> Result<Inspection, ImportError> {
    let (mut wb, source) = open(path, opts)?;
    let kind = detect_kind(&mut wb)?;
    let sheet_names = wb.sheet_names().to_vec();
    let result = import_file(path, kind, opts);
    Ok(Inspection {
        source,
        sheet_names,
        kind,
        result,
    })
}
