//! Opening workbooks and streaming their sheets row by row.
//!
//! `.xlsx` sheets are read through calamine's cell reader, one cell at a time, so memory follows
//! the cells that exist, never the sheet's declared dimension. `.xls` and `.ods` come through
//! calamine's range reader (their files are small in practice) and are then streamed the same way.
//! The format is told from the file's first bytes, not its name.

use std::fs::File;
use std::io::{BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsx};

use crate::ImportError;
use crate::text;

/// One cell's value, as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A real number (integers included).
    Number(f64),
    /// Text, in its display form (see [`text::clean`]); shared, as a workbook repeats its
    /// shared strings in many cells.
    Text(Arc<str>),
    /// A boolean cell.
    Bool(bool),
    /// A date or time cell, kept as text: a score that Excel turned into a date must not pass as a number.
    Date(String),
    /// An error cell such as `#DIV/0!`.
    Error(String),
}

impl Value {
    /// The value as text, for messages and lineage.
    pub fn as_text(&self) -> String {
        match self {
            Value::Number(x) => cchc_model::diag::fmt_num(*x),
            Value::Text(s) => s.to_string(),
            Value::Date(s) | Value::Error(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
        }
    }
}

/// A row of a sheet: its zero-based index and its non-empty cells in column order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// Zero-based row index.
    pub index: u32,
    /// Non-empty cells as (zero-based column, value), sorted by column.
    pub cells: Vec<(u32, Value)>,
}

impl Row {
    /// The value in column `col`, if the cell is not empty.
    pub fn get(&self, col: u32) -> Option<&Value> {
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| &self.cells[i].1)
    }

    /// The text of the row's cells joined with " | ", for rejections and inspection.
    pub fn text(&self) -> String {
        self.cells
            .iter()
            .map(|(_, v)| v.as_text())
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

/// A merged region, zero-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// First row.
    pub first_row: u32,
    /// First column.
    pub first_col: u32,
    /// Last row.
    pub last_row: u32,
    /// Last column.
    pub last_col: u32,
}

impl Merge {
    /// Whether the region covers the cell.
    pub fn contains(&self, row: u32, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }
}

/// Safety limits against hostile files.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Highest row index accepted (Excel's own limit is 1,048,576 rows).
    pub max_rows: u32,
    /// Highest column count accepted (Excel: 16,384, column XFD).
    pub max_cols: u32,
    /// Most non-empty cells read from one sheet.
    pub max_cells: u64,
    /// Most empty rows between two rows with content (or above the first): a cell further away
    /// is a stray cell, refused rather than turned into a million blank rows.
    pub max_blank_rows: u32,
    /// Most bytes the parts of a zip container (.xlsx, .ods) may declare in all, inflated.
    pub max_inflated_bytes: u64,
    /// Most bytes a part read whole (shared strings, styles, an .ods content) may declare.
    pub max_part_bytes: u64,
    /// Highest compression ratio accepted for a part over 16 MiB inflated.
    pub max_ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_rows: 1_048_576,
            max_cols: 16_384,
            max_cells: 100_000_000,
            max_blank_rows: 10_000,
            max_inflated_bytes: 16 << 30,
            max_part_bytes: 2 << 30,
            max_ratio: 500,
        }
    }
}

/// Parts this small are never refused for their compression ratio.
const RATIO_FLOOR: u64 = 16 << 20;

/// Checks a zip container before a parser inflates it, from the sizes its directory declares: in
/// all, for each part read whole (shared strings, styles, an .ods content: parsers keep those in
/// memory), and the compression ratio of each large part. The zip reader itself refuses a part
/// that inflates beyond its declared size, so sizes that lie end as a damaged file, not as memory.
/// Worksheets are streamed cell by cell, where the row, gap and cell limits bound them.
pub fn check_zip(path: &Path, limits: &Limits) -> Result<(), ImportError> {
    let damaged = |e: zip::result::ZipError| ImportError::Damaged {
        path: path.to_owned(),
        detail: e.to_string(),
    };
    let file = File::open(path).map_err(|source| ImportError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(damaged)?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(damaged)?;
        let name = entry.name().map_err(damaged)?.into_owned();
        let (size, packed) = (entry.size(), entry.compressed_size());
        total = total.saturating_add(size);
        let ratio = size / packed.max(1);
        if size > RATIO_FLOOR && ratio > limits.max_ratio {
            return Err(ImportError::Compressed {
                path: path.to_owned(),
                entry: name,
                ratio,
                limit: limits.max_ratio,
            });
        }
        if total > limits.max_inflated_bytes {
            return Err(ImportError::Inflated {
                path: path.to_owned(),
                entry: name,
                size: total,
                limit: limits.max_inflated_bytes,
            });
        }
        let worksheet = name.starts_with("xl/worksheets/") && !name.contains("_rels");
        if !worksheet && size > limits.max_part_bytes {
            return Err(ImportError::Inflated {
                path: path.to_owned(),
                entry: name,
                size,
                limit: limits.max_part_bytes,
            });
        }
    }
    Ok(())
}

/// The file formats cchc reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML workbook.
    Xlsx,
    /// Excel 97–2003 workbook.
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
}

enum Inner {
    Xlsx(Box<Xlsx<BufReader<File>>>),
    Xls(Box<Xls<BufReader<File>>>),
    Ods(Box<Ods<BufReader<File>>>),
}

/// An open workbook.
pub struct Workbook {
    path: PathBuf,
    format: Format,
    sheets: Vec<String>,
    inner: Inner,
    limits: Limits,
    /// The fast .xlsx sheet scanner, when the workbook is laid out as it expects.
    fast: Option<crate::fastxlsx::FastXlsx>,
    /// Sheets the fast scanner handed back to calamine.
    fallbacks: usize,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl Workbook {
    /// Opens a workbook, telling its format from its first bytes, with the default limits.
    pub fn open(path: &Path) -> Result<Workbook, ImportError> {
        Workbook::open_with(path, Limits::default())
    }

    /// Opens a workbook under `limits`: a zip container is checked against them before any
    /// parser inflates it.
    pub fn open_with(path: &Path, limits: Limits) -> Result<Workbook, ImportError> {
        contain(path, || Workbook::open_unguarded(path, limits))
    }

    fn open_unguarded(path: &Path, limits: Limits) -> Result<Workbook, ImportError> {
        let io = |source| ImportError::Io {
            path: path.to_owned(),
            source,
        };
        let mut file = File::open(path).map_err(io)?;
        let mut head = [0u8; 8];
        let mut read = 0;
        while read < head.len() {
            match file.read(&mut head[read..]).map_err(io)? {
                0 => break,
                n => read += n,
            }
        }
        if read == 0 {
            return Err(ImportError::Empty {
                path: path.to_owned(),
            });
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        // calamine reads every sheet of an .ods when it opens it: its cell limit shows here.
        let damaged = |detail: String| dense_range_error(path, "*", detail);
        let reader = || File::open(path).map(BufReader::new).map_err(io);
        let (format, inner) = if head.starts_with(ZIP_MAGIC) {
            check_zip(path, &limits)?;
            if ext.as_deref() == Some("ods") {
                crate::odscheck::check_ods(path, &limits)?;
                let ods = Ods::new(reader()?).map_err(|e| damaged(e.to_string()))?;
                (Format::Ods, Inner::Ods(Box::new(ods)))
            } else {
                match Xlsx::new(reader()?) {
                    Ok(x) => (Format::Xlsx, Inner::Xlsx(Box::new(x))),
                    // A zip that is not a workbook, but may be an .ods under another name.
                    Err(xlsx_err) => match crate::odscheck::check_ods(path, &limits)
                        .and_then(|()| Ods::new(reader()?).map_err(|e| damaged(e.to_string())))
                    {
                        Ok(ods) => (Format::Ods, Inner::Ods(Box::new(ods))),
                        Err(e @ (ImportError::StrayCell { .. } | ImportError::TooLarge { .. })) => {
                            return Err(e);
                        }
                        Err(_) => return Err(damaged(xlsx_err.to_string())),
                    },
                }
            }
        } else if head[..read].starts_with(CFB_MAGIC) {
            if matches!(ext.as_deref(), Some("xlsx" | "xlsm")) {
                return Err(ImportError::Encrypted {
                    path: path.to_owned(),
                });
            }
            match Xls::new(reader()?) {
                Ok(x) => (Format::Xls, Inner::Xls(Box::new(x))),
                Err(e) => {
                    let detail = e.to_string();
                    if detail.to_ascii_lowercase().contains("password")
                        || detail.contains("Encrypt")
                    {
                        return Err(ImportError::Encrypted {
                            path: path.to_owned(),
                        });
                    }
                    return Err(damaged(detail));
                }
            }
        } else {
            return Err(ImportError::NotASpreadsheet {
                path: path.to_owned(),
            });
        };
        let sheets = match &inner {
            Inner::Xlsx(x) => x.sheet_names(),
            Inner::Xls(x) => x.sheet_names(),
            Inner::Ods(x) => x.sheet_names(),
        };
        let fast = match format {
            Format::Xlsx => crate::fastxlsx::FastXlsx::open(path, &sheets),
            _ => None,
        };
        Ok(Workbook {
            path: path.to_owned(),
            format,
            sheets,
            inner,
            limits,
            fast,
            fallbacks: 0,
        })
    }

    /// Turns the fast .xlsx sheet scanner off (calamine reads every sheet) or back on when the
    /// workbook allows it. For tests that compare the two.
    pub fn set_fast(&mut self, on: bool) {
        if !on {
            self.fast = None;
        } else if self.fast.is_none() && self.format == Format::Xlsx {
            self.fast = crate::fastxlsx::FastXlsx::open(&self.path, &self.sheets);
        }
    }

    /// Whether sheets are read by the fast scanner.
    pub fn is_fast(&self) -> bool {
        self.fast.is_some()
    }

    /// How many sheets the fast scanner handed back to calamine so far.
    pub fn fallbacks(&self) -> usize {
        self.fallbacks
    }

    /// Replaces the safety limits.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The detected format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Sheet names in workbook order.
    pub fn sheet_names(&self) -> &[String] {
        &self.sheets
    }

    /// Merged regions of a sheet (empty where the format does not record them).
    pub fn merges(&mut self, sheet: &str) -> Result<Vec<Merge>, ImportError> {
        let path = self.path.clone();
        contain(&path, || self.merges_unguarded(sheet))
    }

    fn merges_unguarded(&mut self, sheet: &str) -> Result<Vec<Merge>, ImportError> {
        let dims = match &mut self.inner {
            Inner::Xlsx(x) => {
                x.merge_cells_by_sheet_name(sheet)
                    .map_err(|e| ImportError::Damaged {
                        path: self.path.clone(),
                        detail: e.to_string(),
                    })?
            }
            Inner::Xls(x) => {
                x.merge_cells_by_sheet_name(sheet)
                    .map_err(|e| ImportError::Damaged {
                        path: self.path.clone(),
                        detail: e.to_string(),
                    })?
            }
            Inner::Ods(_) => Vec::new(),
        };
        Ok(dims
            .into_iter()
            .map(|d| Merge {
                first_row: d.start.0,
                first_col: d.start.1,
                last_row: d.end.0,
                last_col: d.end.1,
            })
            .collect())
    }

    /// Streams the sheet's non-empty rows in order to `on_row`, which may stop early with `Break`.
    ///
    /// Empty rows are not delivered: the caller sees gaps in [`Row::index`].
    pub fn rows<F>(&mut self, sheet: &str, on_row: F) -> Result<(), ImportError>
    where
        F: FnMut(Row) -> ControlFlow<()>,
    {
        let path = self.path.clone();
        contain(&path, || self.rows_unguarded(sheet, on_row))
    }

    fn rows_unguarded<F>(&mut self, sheet: &str, mut on_row: F) -> Result<(), ImportError>
    where
        F: FnMut(Row) -> ControlFlow<()>,
    {
        if !self.sheets.iter().any(|s| s == sheet) {
            return Err(ImportError::SheetNotFound {
                path: self.path.clone(),
                sheet: sheet.to_owned(),
                available: self.sheets.join(", "),
            });
        }
        let limits = self.limits;
        let path = self.path.clone();
        let mut grouper = RowGrouper::new(&path, sheet, limits);
        let damaged = |e: String| ImportError::Damaged {
            path: path.clone(),
            detail: e,
        };
        if let Some(fast) = &mut self.fast {
            let (result, delivered) = scan_beside(fast, sheet, &path, limits, &mut on_row);
            match result {
                Ok(Ok(())) => return Ok(()),
                Ok(Err(e)) => return Err(e),
                // Nothing delivered yet: calamine reads the sheet instead.
                Err(_) if !delivered => self.fallbacks += 1,
                Err(crate::fastxlsx::Fallback(why)) => return Err(damaged(why)),
            }
        }
        match &mut self.inner {
            Inner::Xlsx(x) => {
                let mut cells = x
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| damaged(e.to_string()))?;
                while let Some(cell) = cells.next_cell().map_err(|e| damaged(e.to_string()))? {
                    let (row, col) = cell.get_position();
                    let Some(value) = from_data_ref(cell.get_value()) else {
                        continue;
                    };
                    if grouper.push(row, col, value, &mut on_row)?.is_break() {
                        return Ok(());
                    }
                }
            }
            Inner::Xls(x) => {
                let range = x
                    .worksheet_range(sheet)
                    .map_err(|e| dense_range_error(&path, sheet, e.to_string()))?;
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, c, data) in range.used_cells() {
                    let Some(value) = from_data(data) else {
                        continue;
                    };
                    if grouper
                        .push(r0 + r as u32, c0 + c as u32, value, &mut on_row)?
                        .is_break()
                    {
                        return Ok(());
                    }
                }
            }
            Inner::Ods(x) => {
                let range = x
                    .worksheet_range(sheet)
                    .map_err(|e| dense_range_error(&path, sheet, e.to_string()))?;
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, c, data) in range.used_cells() {
                    let Some(value) = from_data(data) else {
                        continue;
                    };
                    if grouper
                        .push(r0 + r as u32, c0 + c as u32, value, &mut on_row)?
                        .is_break()
                    {
                        return Ok(());
                    }
                }
            }
        }
        grouper.finish(&mut on_row);
        Ok(())
    }
}

/// An error of calamine's range reader: a sheet whose cells would span more than calamine
/// allocates (a stray cell far from the table) is too large, not damaged.
fn dense_range_error(path: &Path, sheet: &str, detail: String) -> ImportError {
    if detail.contains("Cell limit exceeded") {
        ImportError::TooLarge {
            path: path.to_owned(),
            sheet: sheet.to_owned(),
            detail: format!(
                "the sheet's cells span too large a range, probably because of a stray cell far from the table ({detail}); delete it (Ctrl+End finds it) and import again"
            ),
        }
    } else {
        ImportError::Damaged {
            path: path.to_owned(),
            detail,
        }
    }
}

thread_local! {
    /// Set while a spreadsheet parser runs under [`contain`], so that the quiet hook knows the
    /// panic will be turned into an error.
    static CONTAINED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Rows sent from the scanning thread at a time.
const ROWS_PER_SEND: usize = 256;

/// The fast scanner's outcome, and whether it delivered any cell.
type ScanOutcome = (
    Result<Result<(), ImportError>, crate::fastxlsx::Fallback>,
    bool,
);

/// Scans an .xlsx sheet with the fast scanner on a thread of its own, grouping its cells into
/// rows there, while `on_row` handles the rows on the calling thread (a `Break` stops the scan).
fn scan_beside<F>(
    fast: &mut crate::fastxlsx::FastXlsx,
    sheet: &str,
    path: &Path,
    limits: Limits,
    on_row: &mut F,
) -> ScanOutcome
where
    F: FnMut(Row) -> ControlFlow<()>,
{
    let (rows, received) = std::sync::mpsc::sync_channel::<Vec<Row>>(4);
    std::thread::scope(|scope| {
        let scanner = scope.spawn(move || {
            CONTAINED.with(|c| c.set(true));
            let mut grouper = RowGrouper::new(path, sheet, limits);
            let mut batch: Vec<Row> = Vec::with_capacity(ROWS_PER_SEND);
            let mut send = |row: Row| {
                batch.push(row);
                if batch.len() >= ROWS_PER_SEND {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(ROWS_PER_SEND));
                    if rows.send(full).is_err() {
                        return ControlFlow::Break(()); // the reader stopped
                    }
                }
                ControlFlow::Continue(())
            };
            let mut delivered = false;
            let result = fast.cells(sheet, |row, col, value| {
                delivered = true;
                grouper.push(row, col, value, &mut send)
            });
            if matches!(result, Ok(Ok(()))) {
                grouper.finish(&mut send);
                if !batch.is_empty() {
                    let _ = rows.send(batch);
                }
            }
            (result, delivered)
        });
        'read: for batch in received {
            for row in batch {
                if on_row(row).is_break() {
                    break 'read; // dropping the receiver stops the scanner
                }
            }
        }
        match scanner.join() {
            Ok(outcome) => outcome,
            Err(panic) => std::panic::resume_unwind(panic), // `contain` turns it into an error
        }
    })
}

/// Runs spreadsheet parsing, turning a panic inside the parser (calamine has panicked on
/// malformed .xls files) into a "damaged file" error for this one file.
fn contain<T>(path: &Path, f: impl FnOnce() -> Result<T, ImportError>) -> Result<T, ImportError> {
    let was = CONTAINED.with(|c| c.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CONTAINED.with(|c| c.set(was));
    match result {
        Ok(r) => r,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "the spreadsheet parser failed".to_owned());
            Err(ImportError::Damaged {
                path: path.to_owned(),
                detail: what,
            })
        }
    }
}

/// Installs a panic hook that stays silent for panics [`contain`] turns into errors, and defers
/// to the previous hook for every other panic. For binaries; call once at start.
pub fn install_quiet_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !CONTAINED.with(std::cell::Cell::get) {
            previous(info);
        }
    }));
}

/// Gathers cells that arrive in row-major order into rows, enforcing the limits.
struct RowGrouper<'a> {
    path: &'a Path,
    sheet: &'a str,
    limits: Limits,
    current: Row,
    cells_seen: u64,
    /// The last row that had content, if any.
    last_row: Option<u32>,
}

impl<'a> RowGrouper<'a> {
    fn new(path: &'a Path, sheet: &'a str, limits: Limits) -> Self {
        RowGrouper {
            path,
            sheet,
            limits,
            current: Row::default(),
            cells_seen: 0,
            last_row: None,
        }
    }

    fn push<F>(
        &mut self,
        row: u32,
        col: u32,
        value: Value,
        on_row: &mut F,
    ) -> Result<ControlFlow<()>, ImportError>
    where
        F: FnMut(Row) -> ControlFlow<()>,
    {
        self.cells_seen += 1;
        let too_large = |detail: String| ImportError::TooLarge {
            path: self.path.to_owned(),
            sheet: self.sheet.to_owned(),
            detail,
        };
        if row >= self.limits.max_rows {
            return Err(too_large(format!(
                "a cell at row {} is beyond the {} rows allowed",
                row as u64 + 1,
                self.limits.max_rows
            )));
        }
        if col >= self.limits.max_cols {
            return Err(too_large(format!(
                "a cell at column {} is beyond the {} columns allowed",
                col as u64 + 1,
                self.limits.max_cols
            )));
        }
        if self.cells_seen > self.limits.max_cells {
            return Err(too_large(format!(
                "more than {} non-empty cells",
                self.limits.max_cells
            )));
        }
        let gap = match self.last_row {
            Some(last) => row.saturating_sub(last).saturating_sub(1),
            None => row,
        };
        if gap > self.limits.max_blank_rows {
            return Err(ImportError::StrayCell {
                path: self.path.to_owned(),
                sheet: self.sheet.to_owned(),
                cell: format!("{}{}", cchc_model::column_letters(col), u64::from(row) + 1),
                gap: u64::from(gap),
            });
        }
        self.last_row = Some(row);
        let mut flow = ControlFlow::Continue(());
        if row != self.current.index && !self.current.cells.is_empty() {
            // The next row is likely as wide as this one.
            let width = self.current.cells.len();
            let done = std::mem::replace(
                &mut self.current,
                Row {
                    index: row,
                    cells: Vec::with_capacity(width),
                },
            );
            flow = on_row(done);
        }
        self.current.index = row;
        match self.current.cells.last() {
            Some((last, _)) if *last >= col => {
                // Out-of-order cells within a row: keep the order by column, last value wins.
                match self.current.cells.binary_search_by_key(&col, |(c, _)| *c) {
                    Ok(i) => self.current.cells[i].1 = value,
                    Err(i) => self.current.cells.insert(i, (col, value)),
                }
            }
            _ => self.current.cells.push((col, value)),
        }
        Ok(flow)
    }

    fn finish<F>(&mut self, on_row: &mut F)
    where
        F: FnMut(Row) -> ControlFlow<()>,
    {
        if !self.current.cells.is_empty() {
            let _ = on_row(std::mem::take(&mut self.current));
        }
    }
}

pub(crate) fn text_value(s: &str) -> Option<Value> {
    let cleaned = text::clean(s);
    if cleaned.is_empty() {
        None
    } else {
        Some(Value::Text(cleaned.into()))
    }
}

fn from_data_ref(d: &DataRef<'_>) -> Option<Value> {
    match d {
        DataRef::Int(i) => Some(Value::Number(*i as f64)),
        DataRef::Float(f) => Some(Value::Number(*f)),
        DataRef::String(s) => text_value(s),
        DataRef::SharedString(s) => text_value(s),
        DataRef::Bool(b) => Some(Value::Bool(*b)),
        DataRef::DateTime(dt) => Some(Value::Date(excel_date(dt.as_f64()))),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Some(Value::Date(s.clone())),
        DataRef::Error(e) => Some(Value::Error(e.to_string())),
        DataRef::Empty => None,
    }
}

fn from_data(d: &Data) -> Option<Value> {
    match d {
        Data::Int(i) => Some(Value::Number(*i as f64)),
        Data::Float(f) => Some(Value::Number(*f)),
        Data::String(s) => text_value(s),
        Data::Bool(b) => Some(Value::Bool(*b)),
        Data::DateTime(dt) => Some(Value::Date(excel_date(dt.as_f64()))),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Some(Value::Date(s.clone())),
        Data::Error(e) => Some(Value::Error(e.to_string())),
        Data::Empty => None,
    }
}

/// An Excel date serial (days since 1899-12-30) as `dd/mm/yyyy`, the way Vietnamese sheets show it.
pub(crate) fn excel_date(serial: f64) -> String {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return serial.to_string();
    }
    let (year, month, day) = cchc_model::civil::from_days(serial.floor() as i64 - 25_569);
    format!("{day:02}/{month:02}/{year:04}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_dates_read_as_vietnamese_dates() {
        assert_eq!(excel_date(44931.0), "05/01/2023");
        assert_eq!(excel_date(25569.0), "01/01/1970");
        assert_eq!(excel_date(45351.5), "29/02/2024");
    }

    #[test]
    fn rows_find_cells_by_column_and_join_their_text() {
        let row = Row {
            index: 3,
            cells: vec![(0, Value::Number(1.0)), (2, Value::Text("Tổng".into()))],
        };
        assert_eq!(row.get(2), Some(&Value::Text("Tổng".into())));
        assert_eq!(row.get(1), None);
        assert_eq!(row.text(), "1 | Tổng");
    }
}
