//! An .xls (an OLE2 compound file holding a BIFF workbook stream) checked before calamine reads it.
//!
//! calamine follows the file's sector chains as they are written: a directory chain that loops
//! makes it read forever, a stream that declares terabytes makes it allocate them, and a
//! DIMENSIONS record or a cell far away sizes the grid it allocates for a sheet. A file of a few
//! kilobytes could so abort the process. This pass reads the compound file's structure the way
//! calamine does (header, DIFAT, FAT, directory, mini stream, the streams calamine reads), refusing
//! a chain that loops or leaves the file and a stream larger than the file; then it walks the
//! workbook stream's records and applies the format's bounds (65,536 rows, 256 columns) and the
//! import's limits (stray cells, non-empty cells) to each sheet's DIMENSIONS and cell records.
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
    TooLarge {
        sheet: String,
        what: Oversize,
    },
    Stray {
        sheet: String,
        cell: String,
        gap: u64,
    },
}

type Checked<T> = Result<T, Refusal>;

fn damaged<T>(why: impl Into<String>) -> Checked<T> {
    Err(Refusal::Damaged(why.into()))
}

/// The sectors of a compound file, as calamine addresses them: sector `id` starts at
/// `(id + 1) × size` (the header takes one sector's place).
struct Sectors<'a> {
    bytes: &'a [u8],
    size: usize,
    /// The highest id calamine accepts (`file length / sector size`).
    max_id: u32,
}

impl<'a> Sectors<'a> {
    fn get(&self, id: u32) -> Checked<&'a [u8]> {
        if id > self.max_id {
            return damaged(format!("sector {id} lies beyond the end of the file"));
        }
        let start = (id as usize + 1) * self.size;
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
        let data = if len < MINI_CUTOFF {
            // Mini sectors count from the mini stream's start, not after a header.
            let ids = mini_chain(&mini_sectors, entry.start, &mini_fat, len)?;
            let mut out = Vec::with_capacity(len);
            for id in ids {
                let start = id as usize * 64;
                let sector = mini
                    .get(start..(start + 64).min(mini.len()))
                    .unwrap_or_default();
                let take = sector.len().min(len - out.len());
                out.extend_from_slice(&sector[..take]);
            }
            out
        } else {
            let ids = sectors.chain(entry.start, &fat, len, "stream")?;
            sectors.read(&ids, len)?
        };
        if workbook.is_none() && (name == "Workbook" || name == "Book") {
            workbook = Some(data);
        }
    }
    workbook.map_or_else(|| damaged("no workbook stream"), Ok)
}

/// A mini-stream chain: the same rules, mini sectors addressed from the mini stream's start.
fn mini_chain(mini: &Sectors<'_>, start: u32, table: &[u32], len: usize) -> Checked<Vec<u32>> {
    let mut seen = vec![false; table.len()];
    let mut ids = Vec::new();
    let mut covered = 0usize;
    let mut id = start;
    while id != END_OF_CHAIN && covered < len {
        if id > mini.max_id {
            return damaged(format!("mini sector {id} lies beyond the mini stream"));
        }
        let Some(slot) = seen.get_mut(id as usize) else {
            return damaged(format!(
                "a mini stream chain points to sector {id}, outside its table"
            ));
        };
        if *slot {
            return damaged(format!("a mini stream chain loops back to sector {id}"));
        }
        *slot = true;
        covered += 64;
        ids.push(id);
        id = table[id as usize];
    }
    Ok(ids)
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

/// One sheet's cells, as the records place them: (row, column) of each, and how many.
#[derive(Default)]
struct SheetCells {
    at: Vec<(u32, u16)>,
    cells: u64,
}

/// The cells of each sheet set in a legacy (TCVN3 or VNI) font, by (row, column).
pub(crate) type LegacyCells = HashMap<String, HashMap<(u32, u32), LegacyFont>>;

/// A FONT record's font name: BIFF8 keeps a length, flags and the text after 14 bytes; BIFF5 a
/// length and 8-bit text.
fn font_name(data: &[u8]) -> Option<String> {
    let cch = usize::from(*data.get(14)?);
    match data.get(15) {
        Some(flags) if data.len() == 16 + cch || data.len() == 16 + 2 * cch => {
            if flags & 1 == 1 {
                let units: Vec<u16> = data
                    .get(16..16 + 2 * cch)?
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect();
                Some(String::from_utf16_lossy(&units))
            } else {
                Some(
                    data.get(16..16 + cch)?
                        .iter()
                        .map(|b| char::from(*b))
                        .collect(),
                )
            }
        }
        _ => Some(
            data.get(15..15 + cch)?
                .iter()
                .map(|b| char::from(*b))
                .collect(),
        ),
    }
}

/// A BoundSheet8 record's sheet name (BIFF8: length, flags, then Latin-1 or UTF-16LE text;
/// earlier versions: length, then 8-bit text).
fn bound_sheet_name(data: &[u8]) -> Option<String> {
    let cch = usize::from(*data.get(6)?);
    match data.get(7) {
        Some(flags) if data.len() >= 8 + cch && (flags & 1 == 0 || data.len() >= 8 + 2 * cch) => {
            if flags & 1 == 1 {
                let units: Vec<u16> = data[8..8 + 2 * cch]
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect();
                Some(String::from_utf16_lossy(&units))
            } else {
                Some(data[8..8 + cch].iter().map(|b| char::from(*b)).collect())
            }
        }
        _ => Some(
            data.get(7..7 + cch)?
                .iter()
                .map(|b| char::from(*b))
                .collect(),
        ),
    }
}

/// Walks the workbook stream's records: each sheet's DIMENSIONS within the format's grid and
/// the import's limits, every cell inside the grid, and no cell far below the rest.
fn check_records(stream: &[u8], limits: &Limits) -> Checked<LegacyCells> {
    let mut pos = 0usize;
    let mut sheet = 0usize;
    let mut names: Vec<String> = Vec::new();
    // Fonts and cell formats (XF) of the globals, and the cells set in a legacy font.
    let mut fonts: Vec<Option<LegacyFont>> = Vec::new();
    let mut xf_fonts: Vec<Option<LegacyFont>> = Vec::new();
    let mut legacy = LegacyCells::new();
    let mut current: Option<SheetCells> = None;
    // Sheet substreams follow the globals in the order the BoundSheet records list them.
    let sheet_name = |names: &[String], n: usize| {
        n.checked_sub(2)
            .and_then(|i| names.get(i))
            .cloned()
            .unwrap_or_else(|| format!("#{}", n.saturating_sub(1)))
    };
    let finish = |cells: SheetCells, name: String| -> Checked<()> {
        let mut at = cells.at;
        at.sort_unstable();
        let mut last: Option<u32> = None;
        for (row, col) in at {
            let gap = match last {
                Some(l) if row == l => continue,
                Some(l) => u64::from(row - l - 1),
                None => u64::from(row),
            };
            if limits.is_stray(gap) {
                let cell = format!(
                    "{}{}",
                    cchc_model::column_letters(u32::from(col)),
                    u64::from(row) + 1
                );
                return Err(Refusal::Stray {
                    sheet: name,
                    cell,
                    gap,
                });
            }
            last = Some(row);
        }
        Ok(())
    };
    while pos + 4 <= stream.len() {
        let typ = u16_at(stream, pos).unwrap_or(0);
        let len = usize::from(u16_at(stream, pos + 2).unwrap_or(0));
        let Some(data) = stream.get(pos + 4..pos + 4 + len) else {
            break; // calamine reports the truncated record
        };
        pos += 4 + len;
        match typ {
            0x0809 => {
                // BOF: the globals first, then one substream per sheet.
                if let Some(cells) = current.take() {
                    finish(cells, sheet_name(&names, sheet))?;
                }
                sheet += 1;
                current = Some(SheetCells::default());
            }
            // FilePass: what follows is encrypted; calamine says so.
            0x002F => return Ok(legacy),
            // Font: its name (BIFF8: after 14 bytes, a length, flags, the text).
            0x0031 => fonts.push(font_name(data).as_deref().and_then(legacy_font)),
            // XF: its font (index 4 does not exist: BIFF skips it).
            0x00E0 => {
                let ifnt = usize::from(u16_at(data, 0).unwrap_or(0));
                let index = if ifnt >= 4 { ifnt - 1 } else { ifnt };
                xf_fonts.push(fonts.get(index).copied().flatten());
            }
            0x0085 => names.extend(bound_sheet_name(data)),
            0x0200 => {
                let (rf, rl, cf, cl) = match len {
                    10 => (
                        u64::from(u16_at(data, 0).unwrap_or(0)),
                        u64::from(u16_at(data, 2).unwrap_or(0)),
                        u64::from(u16_at(data, 4).unwrap_or(0)),
                        u64::from(u16_at(data, 6).unwrap_or(0)),
                    ),
                    14 | 16 => (
                        u64::from(u32_at(data, 0).unwrap_or(0)),
                        u64::from(u32_at(data, 4).unwrap_or(0)),
                        u64::from(u16_at(data, 8).unwrap_or(0)),
                        u64::from(u16_at(data, 10).unwrap_or(0)),
                    ),
                    _ => continue,
                };
                // As calamine reads it: the first column reset when out of range.
                let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                if rl >= 1 && cl >= 1 {
                    let name = sheet_name(&names, sheet);
                    let max_rows = BIFF_ROWS.min(u64::from(limits.max_rows));
                    if rl < rf + 1 {
                        // calamine would size the sheet from a negative row count.
                        return damaged(format!(
                            "sheet '{name}': the dimensions record runs from row {} back to row {rl}",
                            rf + 1
                        ));
                    }
                    if rl > max_rows {
                        return Err(Refusal::TooLarge {
                            sheet: name,
                            what: Oversize::Row {
                                row: rl,
                                max: max_rows as u32,
                            },
                        });
                    }
                    if cl - cf > BIFF_COLS {
                        return Err(Refusal::TooLarge {
                            sheet: name,
                            what: Oversize::Column {
                                col: cl,
                                max: BIFF_COLS as u32,
                            },
                        });
                    }
                }
            }
            t if CELL_RECORDS.contains(&t) => {
                let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) else {
                    continue;
                };
                let last_col = if t == 0x00BD {
                    u16_at(data, len.saturating_sub(2)).unwrap_or(col)
                } else {
                    col
                };
                if u64::from(col.max(last_col)) >= BIFF_COLS {
                    return Err(Refusal::TooLarge {
                        sheet: sheet_name(&names, sheet),
                        what: Oversize::Column {
                            col: u64::from(col.max(last_col)) + 1,
                            max: BIFF_COLS as u32,
                        },
                    });
                }
                if t != 0x00BD
                    && let Some(font) = u16_at(data, 4)
                        .and_then(|xf| xf_fonts.get(usize::from(xf)))
                        .copied()
                        .flatten()
                {
                    legacy
                        .entry(sheet_name(&names, sheet))
                        .or_default()
                        .insert((u32::from(row), u32::from(col)), font);
                }
                if let Some(cells) = current.as_mut() {
                    cells.at.push((u32::from(row), col));
                    cells.cells += 1;
                    if let Err(what) = limits.check_cells(cells.cells) {
                        return Err(Refusal::TooLarge {
                            sheet: sheet_name(&names, sheet),
                            what,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(cells) = current.take() {
        finish(cells, sheet_name(&names, sheet))?;
    }
    Ok(legacy)
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
        Err(Refusal::Stray { sheet, cell, gap }) => Err(ImportError::StrayCell {
            path: path.to_owned(),
            sheet,
            cell,
            gap,
        }),
    }
}
