//! Where the cells of an .ods lie, found before calamine reads it.
//!
//! calamine reads every sheet of an .ods into a dense grid when it opens the file, so a cell far
//! below or to the right of the rest (a stray cell, a row repeated a million times with content)
//! would make it allocate rows × columns cells before any of cchc's checks run. This pass streams
//! `content.xml` once, expanding `number-rows-repeated` / `number-columns-repeated` arithmetically
//! (nothing is allocated per repeated cell), and applies the same limits as the row reader: the
//! gap between rows with content, the highest row and column, the number of non-empty cells.
//! Empty rows and cells, however many, cost nothing (LibreOffice writes a million of them after
//! the last row).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::limits::Limits;
use crate::error::{ImportError, Oversize};

/// Checks an .ods file's sheets against `limits`. A file without `content.xml` passes: the
/// parser reports what is wrong with it.
pub(crate) fn check_ods(path: &Path, limits: &Limits) -> Result<(), ImportError> {
    let damaged = |detail: String| ImportError::Damaged {
        path: path.to_owned(),
        detail,
    };
    let file = File::open(path).map_err(|source| ImportError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| damaged(e.to_string()))?;
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut scan = Scan::new(path, limits);
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| damaged(format!("content.xml: {e}")))?;
        match event {
            Event::Start(e) => scan.start(&e, false)?,
            Event::Empty(e) => scan.start(&e, true)?,
            Event::End(e) => scan.end(e.local_name().as_ref())?,
            Event::Text(t) if scan.in_cell && !t.trim().is_empty() => {
                scan.cell_has_content = true;
            }
            Event::CData(_) | Event::GeneralRef(_) if scan.in_cell => {
                scan.cell_has_content = true;
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// The position reached in the sheet being read.
struct Scan<'a> {
    path: &'a Path,
    limits: &'a Limits,
    sheet: String,
    /// Index of the current row (its first copy when repeated).
    row: u64,
    row_repeat: u64,
    /// Column of the next cell of the current row.
    col: u64,
    /// First column with content in the current row.
    row_content_col: Option<u64>,
    /// The last row with content in this sheet.
    last_content_row: Option<u64>,
    cells: u64,
    in_cell: bool,
    cell_col: u64,
    cell_repeat: u64,
    cell_has_content: bool,
}

/// An attribute's value by local name (`table:number-rows-repeated` → `number-rows-repeated`).
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.into_owned())
}

fn repeat(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1)
}

impl<'a> Scan<'a> {
    fn new(path: &'a Path, limits: &'a Limits) -> Self {
        Scan {
            path,
            limits,
            sheet: String::new(),
            row: 0,
            row_repeat: 1,
            col: 0,
            row_content_col: None,
            last_content_row: None,
            cells: 0,
            in_cell: false,
            cell_col: 0,
            cell_repeat: 1,
            cell_has_content: false,
        }
    }

    fn too_large(&self, what: Oversize) -> ImportError {
        ImportError::TooLarge {
            path: self.path.to_owned(),
            sheet: self.sheet.clone(),
            what,
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) -> Result<(), ImportError> {
        match e.local_name().as_ref() {
            "table" => {
                self.sheet = attr(e, "name").unwrap_or_default();
                self.row = 0;
                self.last_content_row = None;
                self.cells = 0;
            }
            "table-row" => {
                self.row_repeat = repeat(e, "number-rows-repeated");
                self.col = 0;
                self.row_content_col = None;
                if empty {
                    self.row += self.row_repeat;
                }
            }
            "table-cell" | "covered-table-cell" => {
                self.cell_col = self.col;
                self.cell_repeat = repeat(e, "number-columns-repeated");
                self.cell_has_content = attr(e, "value-type").is_some();
                self.in_cell = !empty;
                if empty {
                    self.end_cell()?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), ImportError> {
        match name {
            "table-cell" | "covered-table-cell" => {
                self.in_cell = false;
                self.end_cell()
            }
            "table-row" => self.end_row(),
            _ => Ok(()),
        }
    }

    fn end_cell(&mut self) -> Result<(), ImportError> {
        if self.cell_has_content {
            let last_col = self.cell_col + self.cell_repeat - 1;
            self.limits
                .check_col(last_col)
                .map_err(|what| self.too_large(what))?;
            self.row_content_col.get_or_insert(self.cell_col);
            self.cells = self
                .cells
                .saturating_add(self.cell_repeat.saturating_mul(self.row_repeat));
            self.limits
                .check_cells(self.cells)
                .map_err(|what| self.too_large(what))?;
        }
        self.col = self.col.saturating_add(self.cell_repeat);
        self.cell_has_content = false;
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), ImportError> {
        if let Some(col) = self.row_content_col {
            let gap = match self.last_content_row {
                Some(last) => self.row - last - 1,
                None => self.row,
            };
            if self.limits.is_stray(gap) {
                return Err(ImportError::StrayCell {
                    path: self.path.to_owned(),
                    sheet: self.sheet.clone(),
                    cell: format!(
                        "{}{}",
                        cchc_model::column_letters(u32::try_from(col).unwrap_or(u32::MAX)),
                        self.row + 1
                    ),
                    gap,
                });
            }
            let last = self.row + self.row_repeat - 1;
            self.limits
                .check_row(last)
                .map_err(|what| self.too_large(what))?;
            self.last_content_row = Some(last);
        }
        self.row = self.row.saturating_add(self.row_repeat);
        self.row_repeat = 1;
        Ok(())
    }
}
