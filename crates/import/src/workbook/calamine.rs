//! The calamine adapters: how each format's reader delivers cells and merged regions. `.xlsx`
//! sheets come through calamine's cell reader, cell by cell, when the fast scanner declines them;
//! `.xls` and `.ods` through its dense range reader (one branch for both), after the .ods
//! pre-check has bounded the sheet.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Cursor, Read, Seek};
use std::ops::ControlFlow;
use std::path::Path;

use calamine::{Data, DataRef, Ods, Reader, SheetType, Xls, Xlsb, Xlsx};

use super::limits::RowGrouper;
use crate::cell::legacy::{LegacyFont, SheetDecoding};
use crate::cell::{Merge, Row, Value, excel_date, text_value};
use crate::error::{ImportError, Oversize};

/// Where calamine reads a workbook from: the file, or a repaired copy in memory.
pub(crate) enum Source {
    File(BufReader<File>),
    Memory(Cursor<Vec<u8>>),
}

impl Read for Source {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Source::File(f) => f.read(buf),
            Source::Memory(m) => m.read(buf),
        }
    }
}

impl Seek for Source {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        match self {
            Source::File(f) => f.seek(pos),
            Source::Memory(m) => m.seek(pos),
        }
    }
}

/// A workbook opened by calamine.
pub(crate) enum Calamine {
    Xlsx(Box<Xlsx<Source>>),
    Xlsb(Box<Xlsb<Source>>),
    /// Read from memory: the .xls check read the file already.
    Xls(Box<Xls<Source>>),
    Ods(Box<Ods<Source>>),
}

impl Calamine {
    /// The names of the worksheets, in workbook order: chart, dialog and macro sheets hold no
    /// cells to read (calamine fails on some of them), so they are not listed.
    pub(crate) fn sheet_names(&self) -> Vec<String> {
        let sheets = match self {
            Calamine::Xlsx(x) => x.sheets_metadata(),
            Calamine::Xlsb(x) => x.sheets_metadata(),
            Calamine::Xls(x) => x.sheets_metadata(),
            Calamine::Ods(x) => x.sheets_metadata(),
        };
        sheets
            .iter()
            .filter(|s| s.typ == SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect()
    }

    /// Merged regions of a sheet (empty for .ods, whose reader does not record them).
    pub(crate) fn merges(&mut self, sheet: &str, path: &Path) -> Result<Vec<Merge>, ImportError> {
        let damaged = |detail: String| ImportError::Damaged {
            path: path.to_owned(),
            detail,
        };
        let dims = match self {
            Calamine::Xlsx(x) => x
                .merge_cells_by_sheet_name(sheet)
                .map_err(|e| damaged(e.to_string()))?,
            Calamine::Xls(x) => x
                .merge_cells_by_sheet_name(sheet)
                .map_err(|e| damaged(e.to_string()))?,
            // calamine reads no merge records from these formats.
            Calamine::Ods(_) | Calamine::Xlsb(_) => Vec::new(),
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

    /// Streams a sheet's cells through `grouper` into rows for `on_row`, text in a legacy font
    /// (`fonts`, where the format tells them) converted by `decoding`.
    pub(crate) fn rows<F>(
        &mut self,
        sheet: &str,
        path: &Path,
        grouper: &mut RowGrouper<'_>,
        decoding: &mut SheetDecoding,
        fonts: Option<&HashMap<(u32, u32), LegacyFont>>,
        on_row: &mut F,
    ) -> Result<(), ImportError>
    where
        F: FnMut(&mut Row) -> ControlFlow<()>,
    {
        let damaged = |detail: String| ImportError::Damaged {
            path: path.to_owned(),
            detail,
        };
        // The two cell readers are different types with the same methods.
        macro_rules! stream {
            ($reader:expr) => {{
                let mut cells = $reader
                    .worksheet_cells_reader(sheet)
                    .map_err(|e| damaged(e.to_string()))?;
                let mut shared = SharedTexts::default();
                let next = || {
                    cells
                        .next_cell()
                        .map(|c| c.map(|c| (c.get_position(), shared.value(c.get_value()))))
                        .map_err(|e| e.to_string())
                };
                if stream_cells(next, path, grouper, decoding, on_row)?.is_break() {
                    return Ok(());
                }
            }};
        }
        match self {
            Calamine::Xlsx(x) => stream!(x),
            Calamine::Xlsb(x) => stream!(x),
            Calamine::Xls(x) => {
                let cells = Cells { decoding, fonts };
                if dense_rows(x.as_mut(), sheet, path, grouper, cells, on_row)?.is_break() {
                    return Ok(());
                }
            }
            Calamine::Ods(x) => {
                let cells = Cells {
                    decoding,
                    fonts: None,
                };
                if dense_rows(x.as_mut(), sheet, path, grouper, cells, on_row)?.is_break() {
                    return Ok(());
                }
            }
        }
        grouper.finish(on_row);
        Ok(())
    }
}

/// A sheet read cell by cell (calamine's cell readers of .xlsx and .xlsb), grouped into rows.
fn stream_cells<N, F>(
    mut next: N,
    path: &Path,
    grouper: &mut RowGrouper<'_>,
    decoding: &mut SheetDecoding,
    on_row: &mut F,
) -> Result<ControlFlow<()>, ImportError>
where
    N: FnMut() -> Result<Option<((u32, u32), Option<Value>)>, String>,
    F: FnMut(&mut Row) -> ControlFlow<()>,
{
    while let Some(((row, col), value)) = next().map_err(|detail| ImportError::Damaged {
        path: path.to_owned(),
        detail,
    })? {
        let Some(value) = value else { continue };
        let value = decoding.apply(col, value, None);
        if grouper.push(row, col, value, on_row)?.is_break() {
            return Ok(ControlFlow::Break(()));
        }
    }
    Ok(ControlFlow::Continue(()))
}

/// A sheet read through calamine's dense range, then streamed like any other.
/// The decoding of a sheet's text, and the cells the format says are in a legacy font.
struct Cells<'a> {
    decoding: &'a mut SheetDecoding,
    fonts: Option<&'a HashMap<(u32, u32), LegacyFont>>,
}

fn dense_rows<RS, R, F>(
    reader: &mut R,
    sheet: &str,
    path: &Path,
    grouper: &mut RowGrouper<'_>,
    cells: Cells<'_>,
    on_row: &mut F,
) -> Result<ControlFlow<()>, ImportError>
where
    RS: Read + Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
    F: FnMut(&mut Row) -> ControlFlow<()>,
{
    let range = reader
        .worksheet_range(sheet)
        .map_err(|e| dense_range_error(path, sheet, e.to_string()))?;
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (r, c, data) in range.used_cells() {
        let Some(value) = from_data(data) else {
            continue;
        };
        let (row, col) = (r0 + r as u32, c0 + c as u32);
        let font = cells.fonts.and_then(|f| f.get(&(row, col))).copied();
        let value = cells.decoding.apply(col, value, font);
        if grouper.push(row, col, value, on_row)?.is_break() {
            return Ok(ControlFlow::Break(()));
        }
    }
    Ok(ControlFlow::Continue(()))
}

/// An error of calamine's range reader: a sheet whose cells would span more than calamine
/// allocates (a stray cell far from the table) is too large, not damaged.
pub(crate) fn dense_range_error(path: &Path, sheet: &str, detail: String) -> ImportError {
    if detail.contains("Cell limit exceeded") {
        ImportError::TooLarge {
            path: path.to_owned(),
            sheet: sheet.to_owned(),
            what: Oversize::Range { detail },
        }
    } else {
        ImportError::Damaged {
            path: path.to_owned(),
            detail,
        }
    }
}

/// The shared strings of a sheet read by calamine's cell readers, each cleaned once: calamine
/// lends a cell's shared string from its table, so the text's address names it, and every cell
/// that repeats it gets the same cleaned text (one allocation, not one per cell: a megabyte
/// string in 12,000 cells is cleaned once). Bounded: past 4,096 distinct strings, the rest are
/// cleaned per cell as before.
#[derive(Default)]
struct SharedTexts {
    cleaned: HashMap<(usize, usize), Option<Value>>,
    /// How many cleanings were done (for the test that counts work).
    #[cfg(test)]
    cleanings: usize,
}

impl SharedTexts {
    const MAX: usize = 4096;

    fn value(&mut self, d: &DataRef<'_>) -> Option<Value> {
        let DataRef::SharedString(s) = d else {
            return from_data_ref(d);
        };
        let key = (s.as_ptr() as usize, s.len());
        if let Some(v) = self.cleaned.get(&key) {
            return v.clone();
        }
        #[cfg(test)]
        {
            self.cleanings += 1;
        }
        let v = text_value(s);
        if self.cleaned.len() < Self::MAX {
            self.cleaned.insert(key, v.clone());
        }
        v
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

pub(super) fn from_data(d: &Data) -> Option<Value> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// One shared string of a megabyte in 12,000 cells (the shape of Apache POI's
    /// poc-shared-strings.xlsx) is cleaned once, and every cell holds that one copy.
    #[test]
    fn a_shared_string_is_cleaned_once_however_many_cells_repeat_it() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/data/huge_shared_string.xlsx");
        let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("opens");
        let mut cells = book.worksheet_cells_reader("Sheet1").expect("sheet");
        let mut shared = SharedTexts::default();
        let mut first: Option<std::sync::Arc<str>> = None;
        let mut texts = 0;
        while let Some(cell) = cells.next_cell().expect("cell") {
            let Some(Value::Text(text)) = shared.value(cell.get_value()) else {
                panic!("a text cell");
            };
            match &first {
                Some(f) => assert!(std::sync::Arc::ptr_eq(f, &text)),
                None => first = Some(text),
            }
            texts += 1;
        }
        assert_eq!(texts, 12_000);
        assert_eq!(shared.cleanings, 1);
        assert!(first.is_some_and(|t| t.len() > 1_000_000));
    }
}
