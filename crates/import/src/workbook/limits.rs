//! The safety limits against hostile files, and the one place each is checked: a zip
//! container's declared sizes before any parser inflates it ([`check_zip`]), and every cell of
//! every format as it is grouped into rows ([`RowGrouper`]: rows, columns, cells, and the gap of
//! empty rows before a stray cell). The .ods pre-check ([`super::ods`]) applies the same limits
//! to a sheet before calamine reads it densely.

use std::fs::File;
use std::io::{BufReader, Read};
use std::ops::ControlFlow;
use std::path::Path;

use crate::cell::{Row, Value};
use crate::error::{ImportError, Oversize};

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

impl Limits {
    /// Whether a cell in zero-based row `row` is allowed.
    pub(crate) fn check_row(&self, row: u64) -> Result<(), Oversize> {
        if row >= u64::from(self.max_rows) {
            return Err(Oversize::Row {
                row: row + 1,
                max: self.max_rows,
            });
        }
        Ok(())
    }

    /// Whether a cell in zero-based column `col` is allowed.
    pub(crate) fn check_col(&self, col: u64) -> Result<(), Oversize> {
        if col >= u64::from(self.max_cols) {
            return Err(Oversize::Column {
                col: col + 1,
                max: self.max_cols,
            });
        }
        Ok(())
    }

    /// Whether `cells` non-empty cells are allowed in one sheet.
    pub(crate) fn check_cells(&self, cells: u64) -> Result<(), Oversize> {
        if cells > self.max_cells {
            return Err(Oversize::Cells {
                max: self.max_cells,
            });
        }
        Ok(())
    }

    /// Whether a cell after `gap` empty rows is a stray cell.
    pub(crate) fn is_stray(&self, gap: u64) -> bool {
        gap > u64::from(self.max_blank_rows)
    }
}

/// Parts this small are never refused for their compression ratio.
const RATIO_FLOOR: u64 = 16 << 20;

/// Checks a zip container before a parser inflates it, from the sizes its directory declares: in
/// all, for each part read whole (shared strings, styles, an .ods content: parsers keep those in
/// memory), and the compression ratio of each large part. The zip reader itself refuses a part
/// that inflates beyond its declared size, so sizes that lie end as a damaged file, not as memory.
/// Worksheets are streamed cell by cell, where the row, gap and cell limits bound them.
/// The `uniqueCount` a shared-strings part's `<sst>` element declares, from its first bytes.
fn declared_strings(head: &[u8]) -> Option<u64> {
    let at = memchr::memmem::find(head, b"uniqueCount=\"")? + b"uniqueCount=\"".len();
    let digits: Vec<u8> = head[at..]
        .iter()
        .copied()
        .take_while(u8::is_ascii_digit)
        .collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

/// What a zip container holds, told from its parts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ZipParts {
    /// An .xlsb: its workbook part is `xl/workbook.bin`.
    pub(crate) xlsb: bool,
    /// An OpenDocument spreadsheet: `content.xml` and no `xl/` workbook, whatever the file's name.
    pub(crate) ods: bool,
    /// An OpenDocument file encrypted with a password (its manifest holds encryption data).
    pub(crate) encrypted: bool,
}

/// Checks a zip container's declared sizes (see above) and tells what it holds.
pub(crate) fn check_zip(path: &Path, limits: &Limits) -> Result<ZipParts, ImportError> {
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
    let (mut binary, mut content, mut xl, mut manifest) = (false, false, false, false);
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(damaged)?;
        let name = entry.name().map_err(damaged)?.into_owned();
        binary |= name.eq_ignore_ascii_case("xl/workbook.bin");
        xl |= name.eq_ignore_ascii_case("xl/workbook.xml")
            || name.eq_ignore_ascii_case("xl/workbook.bin");
        content |= name == "content.xml";
        manifest |= name == "META-INF/manifest.xml";
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
    // calamine reserves room for the number of shared strings the part declares before reading
    // one: a count no part of that size could hold is refused, not allocated.
    if let Ok(entry) = zip.by_name("xl/sharedStrings.xml") {
        let size = entry.size();
        let mut head = Vec::new();
        let _ = std::io::Read::take(entry, 4096).read_to_end(&mut head);
        if let Some(count) = declared_strings(&head)
            && count > size / 4
            && count.saturating_mul(24) > 256 << 20
        {
            return Err(ImportError::Damaged {
                path: path.to_owned(),
                detail: format!(
                    "the shared strings declare {count} strings in a part of {size} bytes"
                ),
            });
        }
    }
    // The manifest is small (one line per part): read it only when an OpenDocument file is there.
    let mut encrypted = false;
    if content && manifest {
        let mut text = String::new();
        if let Ok(entry) = zip.by_name("META-INF/manifest.xml")
            && entry.size() < 1 << 20
        {
            let _ = std::io::Read::take(entry, 1 << 20).read_to_string(&mut text);
        }
        encrypted = text.contains("encryption-data");
    }
    Ok(ZipParts {
        xlsb: binary,
        ods: content && !xl,
        encrypted,
    })
}

/// Gathers cells that arrive in row-major order into rows, enforcing the limits.
pub(crate) struct RowGrouper<'a> {
    path: &'a Path,
    sheet: &'a str,
    limits: Limits,
    current: Row,
    cells_seen: u64,
    /// The last row that had content, if any.
    last_row: Option<u32>,
    /// Where a format's grid bounds the sheet (.xls: 65,536 × 256), a stray cell costs no
    /// unbounded memory: it is kept, and noted here (row, column, empty rows above it), instead
    /// of refusing the sheet.
    strays: Option<Vec<Stray>>,
}

/// A cell far below the rest of its sheet, kept where the format's grid bounds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stray {
    /// Zero-based row and column.
    pub(crate) row: u32,
    pub(crate) col: u32,
    /// Empty rows above it.
    pub(crate) gap: u64,
}

impl<'a> RowGrouper<'a> {
    pub(crate) fn new(path: &'a Path, sheet: &'a str, limits: Limits) -> Self {
        RowGrouper {
            path,
            sheet,
            limits,
            current: Row::default(),
            cells_seen: 0,
            last_row: None,
            strays: None,
        }
    }

    /// Keeps stray cells (noted, see [`RowGrouper::strays`]) instead of refusing them: for a
    /// format whose grid bounds the sheet.
    pub(crate) fn keep_strays(mut self) -> Self {
        self.strays = Some(Vec::new());
        self
    }

    /// The stray cells kept so far.
    pub(crate) fn strays(&mut self) -> Vec<Stray> {
        self.strays.take().unwrap_or_default()
    }

    pub(crate) fn push<F>(
        &mut self,
        row: u32,
        col: u32,
        value: Value,
        on_row: &mut F,
    ) -> Result<ControlFlow<()>, ImportError>
    where
        F: FnMut(&mut Row) -> ControlFlow<()>,
    {
        self.cells_seen += 1;
        let checked = self
            .limits
            .check_row(u64::from(row))
            .and_then(|()| self.limits.check_col(u64::from(col)))
            .and_then(|()| self.limits.check_cells(self.cells_seen));
        if let Err(what) = checked {
            return Err(ImportError::TooLarge {
                path: self.path.to_owned(),
                sheet: self.sheet.to_owned(),
                what,
            });
        }
        let gap = match self.last_row {
            Some(last) => row.saturating_sub(last).saturating_sub(1),
            None => row,
        };
        if self.limits.is_stray(u64::from(gap)) {
            if let Some(strays) = &mut self.strays {
                strays.push(Stray {
                    row,
                    col,
                    gap: u64::from(gap),
                });
            } else {
                return Err(ImportError::StrayCell {
                    path: self.path.to_owned(),
                    sheet: self.sheet.to_owned(),
                    cell: format!("{}{}", cchc_model::column_letters(col), u64::from(row) + 1),
                    gap: u64::from(gap),
                });
            }
        }
        self.last_row = Some(row);
        let mut flow = ControlFlow::Continue(());
        if row != self.current.index && !self.current.cells.is_empty() {
            // The row is lent, then emptied for the next (its room kept: no allocation per row
            // unless the reader keeps the cells).
            flow = on_row(&mut self.current);
            self.current.cells.clear();
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

    pub(crate) fn finish<F>(&mut self, on_row: &mut F)
    where
        F: FnMut(&mut Row) -> ControlFlow<()>,
    {
        if !self.current.cells.is_empty() {
            let _ = on_row(&mut self.current);
            self.current.cells.clear();
        }
    }
}
