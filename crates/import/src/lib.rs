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
//!
//! # How it works
//!
//! calamine (and a fast scanner for .xlsx sheets) → canonical frames. `import_file_into` sends rows
//! to a sink as they are read (a survey in batches of whole respondents), as `model::Rows`: columns
//! of equal length, text columns the importer already holds as codes into their distinct values
//! handed over as `Coded` (never materialised as strings), and values that repeat over consecutive
//! rows as runs (`Coded::runs`, `RowsColumn::Runs`: a survey's year, unit, respondent, row number and
//! lineage are held once per respondent, not once per answer); `import_file` collects them into
//! frames. The crate is four layers; **nothing imports upward** (a test, `tests/it/layers.rs`,
//! scans every module for `crate::` paths — `use` lines, inline paths, doc links — and `super::`
//! chains that name a higher layer):
//!
//! ```text
//!  lib.rs (the API: import_file, import_file_into, inspect, re-exports)
//!    └─ kind/       one folder per table kind + the registry (KINDS) and kind detection
//!         └─ table/     the table in a sheet: layout, text, numbers, profiles, the year/unit
//!                       resolver, the sheet driver, the report types
//!              └─ workbook/  files and formats: sniffing, limits, fast .xlsx scanner, calamine
//!                            adapters, .ods pre-check, panic containment
//!                   └─ cell, error   values and rows; why a file cannot be read
//! ```
//!
//! - `cell`: `Value`, `Row`, `Merge`; `clean` (the display form of a cell's text: NFC, `ƣ` → `ư`,
//!   white space collapsed); `cell/legacy`: TCVN3 and VNI text converted as cells are read
//!   (`SheetDecoding`: a cell is converted when its font is a `.Vn…`/`VNI-…` font and the content
//!   agrees — the converted text is made of Vietnamese syllables and the raw text is not; ambiguous
//!   cells follow the sheet's clear ones; `--encoding` forces or turns it off). The code tables and
//!   the syllable check are `model::legacy` (datagen writes its legacy fixtures with them).
//! - `error`: `ImportError` and the typed details it carries (`Oversize`, `Conflict` with its
//!   `Origin`s, `ProfileProblem`). No words for people: the CLI renders them.
//! - `workbook/`: `Workbook` opens a file, telling the format from its first bytes (zip → xlsx or
//!   ods, CFB → xls, or an encrypted xlsx) and streams rows. `limits`: `Limits`, `check_zip` (a zip
//!   container's declared sizes and ratios, before any parser inflates it) and the one limit check
//!   every reader passes each cell through (`RowGrouper`: rows, columns, cells, the gap of empty rows
//!   before a stray cell; it lends each row to the reader and then empties it, keeping its room).
//!   `Workbook::rows_lent` streams rows that way (the sheet driver's streamed read: no row is
//!   allocated per row); `Workbook::rows` hands each over for readers that keep rows. `fastxlsx`:
//!   the fast sheet scanner — the sheet XML inflated on a background thread and scanned with memchr
//!   on another (`scan_beside`, batches of 256 rows over a bounded channel, sent back emptied to be
//!   filled again, so cells are neither allocated per row nor freed on another thread) while the
//!   importer classifies rows on the calling thread; inline strings
//!   (`t="inlineStr"`, as streaming writers export) are read in the one-pass cell read when their
//!   body is one `<t>`, and each distinct one of a sheet is cleaned once (`InlineStrings`, bounded); its byte-level XML
//!   reading (a cell's tag and value, attributes, entities, shared-string items, date formats) is
//!   `fastxlsx/xml`; anything unexpected hands the sheet to calamine before a row is delivered (a
//!   test reads every shipped workbook both ways). `csv`: a CSV file as a one-sheet workbook (UTF-8, `,` `;` or tab told
//!   from the first line, quoted fields, streamed; no row limit, every cell still through the limit
//!   check; a 16-entry cache per column cleans a repeated value once and shares it, and turns itself
//!   off for columns whose values rarely repeat). `calamine`: the adapters — .xlsx and .xlsb cell by cell (the scanner declines .xlsb); .xls
//!   and .ods through one dense-range branch. `cfb`: an .xls is read into memory and checked before
//!   calamine sees it — the compound file's sector chains (no loop, nothing past the file), stream
//!   sizes (never larger than the file), each sheet's DIMENSIONS and cell records (inside BIFF's
//!   65,536 × 256 grid, no stray cell); the same pass reads the FONT and XF records, so the cells set
//!   in a legacy font are known. A zip's kind is told from its parts (`xl/workbook.bin` → .xlsb,
//!   `content.xml` → .ods, an encrypted .ods's manifest → "password-protected"), not its name, and a
//!   shared-strings count no part of its size could hold is refused before calamine reserves room
//!   for it. `repair`: when calamine refuses an .xlsx or .ods that LibreOffice reads (XML parts in UTF-16,
//!   a part whose checksum or size is wrong; an indented `content.xml` or a missing `mimetype`
//!   entry), a copy is rewritten in memory (parts inflated from their
//!   data under the limits, UTF-16 converted) and read instead; `Imported::repairs` says which parts
//!   and how. `xlsb`: the same for an .xlsb calamine refuses (a macro sheet, the relationships under
//!   another name, a part name not in UTF-8): a copy with canonical part names, the sheets that are
//!   not worksheets left out and named. `ods`: streams `content.xml` (quick-xml) under the same limits
//!   with repeats expanded arithmetically, so a stray cell is refused before calamine allocates a
//!   grid. `contain`: a parser panic becomes a "damaged file" error.
//! - `table/`: `layout` finds the table under the title lines and flattens merged multi-row headers
//!   into paths ("NĂM 2021 / Điểm đạt được"), and recognises column-number rows, total labels and
//!   signature blocks; `text` (`fold` from `model::text`, the key of every header comparison; years), `number`
//!   (Vietnamese numbers), `profile` (TOML mapping profiles), `context` (the **one year/unit
//!   resolver** for every kind: the flag or the profile and the sheet name are strong, the title and
//!   the file name weak; header bands name their years; flag/profile and title must agree on the
//!   unit; a title names its unit on a "Đơn vị:" line, in "của …", after a dash at its end, or in
//!   the agency block — the first cell of each line, "UBND TỈNH …" over "SỞ …"; sources are typed
//!   `Origin`s), `driver` (the **one sheet driver**: reads the first rows —
//!   all of them for `Reading::Whole` kinds, merges only when the header may need them for
//!   `Reading::Streamed` ones — finds the table, lets the kind map the header, resolves year and
//!   unit, follows the rows: blank and preamble rows are structure, every body row goes to the
//!   kind's `classify`, rows a kind settles late go to its `finish_sheet`, and every outcome is
//!   tallied). The kind plugs in through the `SheetKind` trait. The report types live here
//!   (`ImportOptions`, `SourceFile`, `SheetReport`, `ColumnMapping` with a typed `ColumnRole`,
//!   `SkipReason`, `Sink`).
//! - `kind/`: `dossiers/` (dossier logs: one row per dossier, streamed in batches of 65,536 rows
//!   appended to string builders; dates, statuses and channels in `cells`, dates parsed without
//!   allocating; the codes seen in a file kept as 128-bit hashes), `scorecard/` (fields and year bands; items; the hierarchy of codes `1.1.1` or `I` /
//!   `1` / `a`, settled and checked against parents and totals; records), `survey/` (question codes
//!   and answers, the codebook; `Batch` keeps rows apart by year and unit and holds text columns as
//!   codes, `Interned`, a unit's or attribute's cell text found by its address after the first
//!   time, `TextIds`; a per-sheet column index), `procedures/` (header bands and fields; cells:
//!   codes, counts, days, fees, online levels; frames: the `procedures` statistics and the
//!   `procedure_registry`, with the portal list's issuer and agencies). `KINDS` registers each kind
//!   with its names, header hints and import function: a new kind is one folder and one line there.
//!   `scorecard/wide` reads published results in the wide layout (one row per unit, one column
//!   per field) when no sheet reads as one unit's criteria: maxima from headers or the profile,
//!   column parents inferred from sums (a column equal to the sum of the next ones on every row),
//!   totals and competition ranks checked. `survey/plan` reads a survey's header: questions by
//!   number or by content with their scale (`model::Scale`), elements, the timestamp, personal
//!   columns left out (`table/personal`: by header, and emails, phones and ID numbers by content).
//!   `kind/sketch` is what `inspect` shows when no kind reads a sheet: the layout that most fields of
//!   any kind find (else the first all-text row), each column's header and first values, and per
//!   kind the fields found and the needs missing (`needs`); the kind meeting most needs is the one
//!   an unknown-kind error suggests.
//! - `SheetCtx` carries the first rows under the header (`samples`, for kinds that tell columns by
//!   their content) and the columns hidden from messages (`hidden`: personal data; a refused row's
//!   text is `SheetCtx::row_text`, without them).
//! - Text cells keep their line breaks as `\n` between cleaned lines (`cell::text_value`);
//!   `Value::as_text` gives them on one line and `Value::lines` line by line (a list of agencies).

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
