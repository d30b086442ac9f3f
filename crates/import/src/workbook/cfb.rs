//! An .xls (an OLE2 compound file holding a BIFF workbook stream) checked before calamine reads it.
//!
//! calamine follows the file's sector chains as they are written: a directory chain that loops
//! makes it read forever, a stream that declares terabytes makes it allocate them, and a
//! DIMENSIONS record or a cell far away sizes the grid it allocates for a sheet. A file of a few
//! kilobytes could so abort the process. This pass reads the compound file's structure the way
//! calamine does (header, DIFAT, FAT, directory, mini stream, the streams calamine reads), refusing
//! a chain that loops or leaves the file and a stream larger than the file; then it walks the
//! workbook stream's records and applies the format's bounds (65,536 rows, 256 columns) and the
//! import's limit of non-empty cells to each sheet's DIMENSIONS and cell records (a stray cell far
//! below the rest is bounded by the grid: the row reader keeps it as a warning).
//! The file is read once, into memory (an .xls is small: the format bounds it), and the same bytes
//! go to calamine.
//!
//! Structure from [MS-CFB] (Compound File Binary File Format) and [MS-XLS] (BIFF8 records: BOF
//! 0x0809, EOF 0x000A, DIMENSIONS 0x0200, and the cell records calamine reads).

use std::collections::HashMap;
use std::path::Path;

use super::limits::Limits;
use crate::cell::legacy::{LegacyFont, legacy_font};
use crate::error::{ImportError, Oversize};

/// Sector ids at and above this one are markers, not sectors.
const RESERVED: u32 = 0xFFFF_FFFA;
/// Marks a FAT sector listed in the DIFAT that is a DIFAT sector itself.
const DIFSECT: u32 = 0xFFFF_FFFC;
/// The end of a sector chain.
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
/// Streams below this size live in the mini stream, in 64-byte mini sectors.
const MINI_CUTOFF: usize = 4096;
/// BIFF8's grid: 65,536 rows of 256 columns.
const BIFF_ROWS: u64 = 65_536;
const BIFF_COLS: u64 = 256;
/// The streams calamine reads.
const STREAMS: [&str; 4] = [
    "Workbook",
    "Book",
    "\u{5}SummaryInformation",
    "\u{5}DocumentSummaryInformation",
];

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    b.get(at..at + 8).map(|s| {
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        u64::from_le_bytes(a)
    })
}

/// Why a compound file is refused: a damaged-file detail, encryption, or a limit.
enum Refusal {
    Damaged(String),
    Encrypted,
    TooLarge { sheet: String, what: Oversize },
}

type Checked<T> = Result<T, Refusal>;

fn damaged<T>(why: impl Into<String>) -> Checked<T> {
    Err(Refusal::Damaged(why.into()))
}

/// The sectors of a compound file, as calamine addresses them: sector `id` starts at
/// `first + id × size` — after the header in the file (`first` = one sector: the header takes
/// one sector's place), at 0 in the mini stream.
struct Sectors<'a> {
    bytes: &'a [u8],
    size: usize,
    first: usize,
    /// The highest id calamine accepts (`file length / sector size`).
    max_id: u32,
}

impl<'a> Sectors<'a> {
    fn get(&self, id: u32) -> Checked<&'a [u8]> {
        if id > self.max_id {
            return damaged(format!("sector {id} lies beyond the end of the file"));
        }
        let start = self.first + id as usize * self.size;
        let end = (start + self.size).min(self.bytes.len());
        Ok(self.bytes.get(start..end).unwrap_or_default())
    }

    /// The sectors of a chain, in order, until `len` bytes are covered or the chain ends; a
    /// chain that loops, leaves the allocation table or the file is refused.
    fn chain(&self, start: u32, table: &[u32], len: usize, what: &str) -> Checked<Vec<u32>> {
        let mut seen = vec![false; table.len()];
        let mut ids = Vec::new();
        let mut covered = 0usize;
        let mut id = start;
        while id != END_OF_CHAIN && covered < len {
            let Some(slot) = seen.get_mut(id as usize) else {
                return damaged(format!(
                    "the {what} chain points to sector {id}, outside the allocation table"
                ));
            };
            if *slot {
                return damaged(format!("the {what} chain loops back to sector {id}"));
            }
            *slot = true;
            covered += self.get(id)?.len().max(1);
            ids.push(id);
            id = table[id as usize];
        }
        Ok(ids)
    }

    /// The bytes of a chain, `len` at most.
    fn read(&self, ids: &[u32], len: usize) -> Checked<Vec<u8>> {
        let mut out = Vec::with_capacity(len.min(self.bytes.len()));
        for id in ids {
            let sector = self.get(*id)?;
            let take = sector.len().min(len - out.len());
            out.extend_from_slice(&sector[..take]);
        }
        Ok(out)
    }
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// A directory entry: its name, first sector and length.
struct Entry {
    name: String,
    start: u32,
    len: u64,
}

/// The workbook stream of a compound file, its structure checked as calamine will read it.
fn workbook_stream(bytes: &[u8]) -> Checked<Vec<u8>> {
    if bytes.len() < 512 {
        return damaged("the file is shorter than its header");
    }
    let size = match u16_at(bytes, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        other => return damaged(format!("sector shift {other:?} (expected 9 or 12)")),
    };
    if bytes.len() < size {
        return damaged("the file is shorter than its header");
    }
    let sectors = Sectors {
        bytes,
        size,
        first: size,
        max_id: u32::try_from(bytes.len() / size).unwrap_or(u32::MAX),
    };
    let field = |at| u32_at(bytes, at).unwrap_or(0);
    let (dir_start, mini_fat_start, mini_fat_len, difat_start) =
        (field(48), field(60), field(64) as usize, field(68));

    // The DIFAT: 109 ids in the header, then a chain of DIFAT sectors (each ending with the next).
    let mut difat: Vec<u32> = u32s(&bytes[76..512]).collect();
    let mut id = difat_start;
    let mut hops = 0u64;
    while id < RESERVED {
        hops += 1;
        if hops > u64::from(sectors.max_id) + 1 {
            return damaged("the DIFAT chain loops");
        }
        difat.extend(u32s(sectors.get(id)?));
        id = difat.pop().unwrap_or(END_OF_CHAIN);
    }
    let mut fat: Vec<u32> = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        fat.extend(u32s(sectors.get(id)?));
    }

    let dir_ids = sectors.chain(dir_start, &fat, usize::MAX, "directory")?;
    let dir = sectors.read(&dir_ids, usize::MAX)?;
    let entries: Vec<Entry> = dir
        .chunks_exact(128)
        .map(|e| {
            let units: Vec<u16> = e[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|u| *u != 0)
                .collect();
            Entry {
                name: String::from_utf16_lossy(&units),
                start: u32_at(e, 116).unwrap_or(END_OF_CHAIN),
                len: if size == 512 {
                    u64::from(u32_at(e, 120).unwrap_or(0))
                } else {
                    u64_at(e, 120).unwrap_or(0)
                },
            }
        })
        .collect();
    let Some(root) = entries.first() else {
        return damaged("the directory is empty");
    };
    // An encrypted .xlsx is a compound file holding the encrypted package.
    if entries
        .iter()
        .any(|e| e.name.eq_ignore_ascii_case("EncryptedPackage"))
    {
        return Err(Refusal::Encrypted);
    }
    let file_len = bytes.len() as u64;
    let (mini_fat, mini) = if mini_fat_len > 0 {
        if root.len > file_len || mini_fat_len.saturating_mul(size) > bytes.len() {
            return damaged("the mini stream is larger than the file");
        }
        let ids = sectors.chain(root.start, &fat, root.len as usize, "mini stream")?;
        let mini = sectors.read(&ids, root.len as usize)?;
        let table_len = mini_fat_len * size;
        let ids = sectors.chain(mini_fat_start, &fat, table_len, "mini allocation table")?;
        let mini_fat: Vec<u32> = u32s(&sectors.read(&ids, table_len)?).collect();
        (mini_fat, mini)
    } else {
        (Vec::new(), Vec::new())
    };
    let mini_sectors = Sectors {
        bytes: &mini,
        size: 64,
        first: 0,
        max_id: sectors.max_id.saturating_mul(8),
    };

    let mut workbook = None;
    for name in STREAMS {
        let Some(entry) = entries.iter().find(|e| e.name.eq_ignore_ascii_case(name)) else {
            continue;
        };
        if entry.len > file_len {
            return damaged(format!(
                "the stream \"{}\" declares {} bytes in a file of {file_len}",
                entry.name, entry.len
            ));
        }
        let len = entry.len as usize;
        let (store, table, what) = if len < MINI_CUTOFF {
            (&mini_sectors, &mini_fat, "mini stream")
        } else {
            (&sectors, &fat, "stream")
        };
        let ids = store.chain(entry.start, table, len, what)?;
        let data = store.read(&ids, len)?;
        if workbook.is_none() && (name == "Workbook" || name == "Book") {
            workbook = Some(data);
        }
    }
    workbook.map_or_else(|| damaged("no workbook stream"), Ok)
}

/// Record types whose first four bytes are the cell's row and column (calamine keeps these).
const CELL_RECORDS: [u16; 9] = [
    0x0203, // NUMBER
    0x0204, // LABEL
    0x00D6, // RSTRING
    0x0205, // BOOLERR
    0x027E, // RK
    0x00FD, // LABELSST
    0x00BD, // MULRK
    0x0006, // FORMULA
    0x0201, // BLANK (not kept, but bounded all the same)
];

/// One sheet's cells, as the records place them: how many.
#[derive(Default)]
struct SheetCells {
    cells: u64,
}

/// The cells of each sheet set in a legacy (TCVN3 or VNI) font, by (row, column).
pub(crate) type LegacyCells = HashMap<String, HashMap<(u32, u32), LegacyFont>>;

/// A short string of a BIFF record whose length byte is at `at`: BIFF8 follows it with a flags
/// byte and Latin-1 or UTF-16LE text; earlier versions with 8-bit text.
fn short_string(data: &[u8], at: usize) -> Option<String> {
    let cch = usize::from(*data.get(at)?);
    let text = at + 2;
    match data.get(at + 1) {
        Some(flags) if flags & 1 == 1 && data.len() >= text + 2 * cch => {
            let units: Vec<u16> = data[text..text + 2 * cch]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            Some(String::from_utf16_lossy(&units))
        }
        Some(flags) if flags & 1 == 0 && data.len() >= text + cch => Some(
            data[text..text + cch]
                .iter()
                .map(|b| char::from(*b))
                .collect(),
        ),
        _ => Some(
            data.get(at + 1..at + 1 + cch)?
                .iter()
                .map(|b| char::from(*b))
                .collect(),
        ),
    }
}

/// Checks a DIMENSIONS record as calamine will size the sheet from it: rows within the grid
/// and the limits, not running backwards; columns within the grid.
fn check_dimensions(data: &[u8], sheet: String, limits: &Limits) -> Checked<()> {
    let at16 = |at| u64::from(u16_at(data, at).unwrap_or(0));
    let at32 = |at| u64::from(u32_at(data, at).unwrap_or(0));
    let (rf, rl, cf, cl) = match data.len() {
        10 => (at16(0), at16(2), at16(4), at16(6)),
        14 | 16 => (at32(0), at32(4), at16(8), at16(10)),
        _ => return Ok(()),
    };
    // As calamine reads it: the first column reset when out of range; an empty sheet.
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    if rl < 1 || cl < 1 {
        return Ok(());
    }
    let max_rows = BIFF_ROWS.min(u64::from(limits.max_rows));
    if rl < rf + 1 {
        // calamine would size the sheet from a negative row count.
        return damaged(format!(
            "sheet '{sheet}': the dimensions record runs from row {} back to row {rl}",
            rf + 1
        ));
    }
    let what = if rl > max_rows {
        Oversize::Row {
            row: rl,
            max: max_rows as u32,
        }
    } else if cl - cf > BIFF_COLS {
        Oversize::Column {
            col: cl,
            max: BIFF_COLS as u32,
        }
    } else {
        return Ok(());
    };
    Err(Refusal::TooLarge { sheet, what })
}

/// What the walk over the records knows so far.
struct Walk<'a> {
    limits: &'a Limits,
    /// Substreams seen (the globals are the first).
    sheet: usize,
    /// Sheet names, from the BoundSheet records of the globals.
    names: Vec<String>,
    /// Fonts and cell formats (XF) of the globals, as their legacy fonts.
    fonts: Vec<Option<LegacyFont>>,
    xf_fonts: Vec<Option<LegacyFont>>,
    /// The cells set in a legacy font.
    legacy: LegacyCells,
    /// The cells of the sheet being walked.
    current: Option<SheetCells>,
}

impl Walk<'_> {
    /// The current sheet's name: substreams follow the globals in the order the BoundSheet
    /// records list them.
    fn sheet_name(&self) -> String {
        self.sheet
            .checked_sub(2)
            .and_then(|i| self.names.get(i))
            .cloned()
            .unwrap_or_else(|| format!("#{}", self.sheet.saturating_sub(1)))
    }

    /// A sheet's substream is over. A cell far below the rest is not refused here: BIFF's grid
    /// (65,536 × 256) bounds what calamine allocates for it, and real workbooks carry such cells
    /// (a stray mark at row 65,535): the row reader keeps it as a warning.
    fn end_sheet(&mut self) -> Checked<()> {
        self.current = None;
        Ok(())
    }

    /// A cell record: inside the grid, within the cell limit, and noted when its font is legacy.
    fn cell(&mut self, typ: u16, data: &[u8]) -> Checked<()> {
        let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) else {
            return Ok(());
        };
        let multiple = typ == 0x00BD; // MULRK: several cells, the last column at the end
        let last_col = if multiple {
            u16_at(data, data.len().saturating_sub(2)).unwrap_or(col)
        } else {
            col
        };
        if u64::from(col.max(last_col)) >= BIFF_COLS {
            return Err(Refusal::TooLarge {
                sheet: self.sheet_name(),
                what: Oversize::Column {
                    col: u64::from(col.max(last_col)) + 1,
                    max: BIFF_COLS as u32,
                },
            });
        }
        let font = u16_at(data, 4)
            .and_then(|xf| self.xf_fonts.get(usize::from(xf)))
            .copied()
            .flatten();
        if let Some(font) = font.filter(|_| !multiple) {
            let name = self.sheet_name();
            self.legacy
                .entry(name)
                .or_default()
                .insert((u32::from(row), u32::from(col)), font);
        }
        if let Some(cells) = self.current.as_mut() {
            cells.cells += 1;
            if let Err(what) = self.limits.check_cells(cells.cells) {
                return Err(Refusal::TooLarge {
                    sheet: self.sheet_name(),
                    what,
                });
            }
        }
        Ok(())
    }
}

/// Walks the workbook stream's records: each sheet's DIMENSIONS within the format's grid and
/// the import's limits, every cell inside the grid, and no cell far below the rest.
fn check_records(stream: &[u8], limits: &Limits) -> Checked<LegacyCells> {
    let mut walk = Walk {
        limits,
        sheet: 0,
        names: Vec::new(),
        fonts: Vec::new(),
        xf_fonts: Vec::new(),
        legacy: LegacyCells::new(),
        current: None,
    };
    let mut pos = 0usize;
    while pos + 4 <= stream.len() {
        let typ = u16_at(stream, pos).unwrap_or(0);
        let len = usize::from(u16_at(stream, pos + 2).unwrap_or(0));
        let Some(data) = stream.get(pos + 4..pos + 4 + len) else {
            break; // calamine reports the truncated record
        };
        pos += 4 + len;
        match typ {
            // BOF: the globals first, then one substream per sheet.
            0x0809 => {
                walk.end_sheet()?;
                walk.sheet += 1;
                walk.current = Some(SheetCells::default());
            }
            // FilePass: what follows is encrypted; calamine says so.
            0x002F => return Ok(walk.legacy),
            // Font: its name, after 14 bytes.
            0x0031 => {
                let font = short_string(data, 14).as_deref().and_then(legacy_font);
                walk.fonts.push(font);
            }
            // XF: its font (index 4 does not exist: BIFF skips it).
            0x00E0 => {
                let ifnt = usize::from(u16_at(data, 0).unwrap_or(0));
                let index = if ifnt >= 4 { ifnt - 1 } else { ifnt };
                walk.xf_fonts.push(walk.fonts.get(index).copied().flatten());
            }
            0x0085 => walk.names.extend(short_string(data, 6)),
            0x0200 => check_dimensions(data, walk.sheet_name(), limits)?,
            t if CELL_RECORDS.contains(&t) => walk.cell(t, data)?,
            _ => {}
        }
    }
    walk.end_sheet()?;
    Ok(walk.legacy)
}

/// Reads an .xls file and checks it (see the module's documentation); its bytes, for calamine,
/// and the cells set in a legacy font.
pub(crate) fn check_xls(
    path: &Path,
    limits: &Limits,
) -> Result<(Vec<u8>, LegacyCells), ImportError> {
    let len = std::fs::metadata(path)
        .map_err(|source| ImportError::Io {
            path: path.to_owned(),
            source,
        })?
        .len();
    if len > limits.max_part_bytes {
        return Err(ImportError::Inflated {
            path: path.to_owned(),
            entry: "Workbook".to_owned(),
            size: len,
            limit: limits.max_part_bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_owned(),
        source,
    })?;
    let checked = workbook_stream(&bytes).and_then(|stream| check_records(&stream, limits));
    match checked {
        Ok(legacy) => Ok((bytes, legacy)),
        Err(Refusal::Damaged(detail)) => Err(ImportError::Damaged {
            path: path.to_owned(),
            detail,
        }),
        Err(Refusal::Encrypted) => Err(ImportError::Encrypted {
            path: path.to_owned(),
        }),
        Err(Refusal::TooLarge { sheet, what }) => Err(ImportError::TooLarge {
            path: path.to_owned(),
            sheet,
            what,
        }),
    }
}
