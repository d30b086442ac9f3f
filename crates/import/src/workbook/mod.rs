//! Opening workbooks and streaming their sheets row by row: the reading layer of `import`.
//!
//! The format is told from the file's first bytes, not its name (zip → .xlsx or .ods, CFB → .xls,
//! or an encrypted .xlsx). A zip container is checked against the [`Limits`] before any parser
//! inflates it. `.xlsx` sheets go through the fast scanner ([`fastxlsx`]) on a thread of their own,
//! or calamine's cell reader when the scanner declines, cell by cell, never a dense range; `.xls`
//! and `.ods` through calamine's range reader ([`calamine`]), after the .ods pre-check ([`ods`]).
//! Every cell passes the one limit check ([`limits`]); parser panics are contained ([`contain`]).
//!
//! Architecture invariant: this layer knows files and formats, not tables: it delivers
//! [`crate::cell::Row`]s and merged regions, and names no table or table kind.

mod beside;
mod calamine;
mod cfb;
mod contain;
mod csv;
mod fastxlsx;
mod limits;
mod ods;
mod repair;
mod xlsb;

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use ::calamine::{Ods, Reader, Xls, Xlsb, Xlsx};

use self::calamine::{Calamine, Source, dense_range_error};
use self::cfb::LegacyCells;
use self::contain::contain;
use self::fastxlsx::{Fallback, FastXlsx, scan_beside};
use self::limits::{RowGrouper, Stray, check_zip};
use crate::cell::legacy::{Decoded, Encoding, SheetDecoding};
use crate::cell::{Merge, Row};
use crate::error::ImportError;

pub use self::contain::install_quiet_panic_hook;
pub use self::limits::Limits;
pub use self::repair::{Repair, RepairKind, SkippedKind};

/// The file formats cchc reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML workbook.
    Xlsx,
    /// Excel binary workbook.
    Xlsb,
    /// Excel 97–2003 workbook.
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
    /// Comma- or semicolon-separated text, UTF-8: one sheet named after the file.
    Csv,
}

/// An open workbook.
pub(crate) struct Workbook {
    path: PathBuf,
    format: Format,
    sheets: Vec<String>,
    /// The calamine reader (`None` for a CSV file, read by [`csv`]).
    inner: Option<Calamine>,
    limits: Limits,
    /// The fast .xlsx sheet scanner, when the workbook is laid out as it expects.
    fast: Option<FastXlsx>,
    /// Sheets the fast scanner handed back to calamine.
    fallbacks: usize,
    /// How text cells are read (`--encoding`).
    encoding: Encoding,
    /// .xls: the cells of each sheet set in a legacy font (read from the file's FONT and XF
    /// records: calamine does not expose fonts).
    legacy_cells: LegacyCells,
    /// What the last reading of each sheet converted from a legacy encoding.
    decoded: HashMap<String, Vec<Decoded>>,
    /// Parts of the container read differently from what their headers say.
    repairs: Vec<Repair>,
    /// .xls: the stray cells the last reading of each sheet kept.
    strays: HashMap<String, Vec<Stray>>,
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

impl Workbook {
    /// Opens a workbook, telling its format from its first bytes, with the default limits.
    pub(crate) fn open(path: &Path) -> Result<Workbook, ImportError> {
        Workbook::open_with(path, Limits::default())
    }

    /// Opens a workbook under `limits`: a zip container is checked against them before any
    /// parser inflates it.
    pub(crate) fn open_with(path: &Path, limits: Limits) -> Result<Workbook, ImportError> {
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
        let opened = if head.starts_with(ZIP_MAGIC) {
            open_zip(path, &limits)?
        } else if head[..read].starts_with(CFB_MAGIC) {
            if matches!(ext.as_deref(), Some("xlsx" | "xlsm")) {
                return Err(ImportError::Encrypted {
                    path: path.to_owned(),
                });
            }
            open_cfb(path, &limits)?
        } else if ext.as_deref() == Some("csv") && csv::looks_like_text(&head[..read]) {
            let sheet = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "csv".to_owned());
            return Ok(Workbook {
                path: path.to_owned(),
                format: Format::Csv,
                sheets: vec![sheet],
                inner: None,
                // A CSV has no grid to allocate: its rows are streamed, never held whole.
                limits: Limits {
                    max_rows: u32::MAX - 1,
                    max_cells: u64::MAX,
                    ..limits
                },
                fast: None,
                fallbacks: 0,
                encoding: Encoding::Auto,
                legacy_cells: LegacyCells::new(),
                decoded: HashMap::new(),
                repairs: Vec::new(),
                strays: HashMap::new(),
            });
        } else {
            return Err(ImportError::NotASpreadsheet {
                path: path.to_owned(),
            });
        };
        let Opened {
            format,
            inner,
            legacy_cells,
            repairs,
        } = opened;
        let sheets = inner.sheet_names();
        // The fast scanner reads the file itself: not a repaired copy.
        let fast = match format {
            Format::Xlsx if repairs.is_empty() => FastXlsx::open(path, &sheets),
            _ => None,
        };
        Ok(Workbook {
            path: path.to_owned(),
            format,
            sheets,
            inner: Some(inner),
            limits,
            fast,
            fallbacks: 0,
            encoding: Encoding::Auto,
            legacy_cells,
            decoded: HashMap::new(),
            repairs,
            strays: HashMap::new(),
        })
    }

    /// Turns the fast .xlsx sheet scanner off (calamine reads every sheet) or back on when the
    /// workbook allows it. For tests that compare the two.
    #[cfg(test)]
    pub(crate) fn set_fast(&mut self, on: bool) {
        if !on {
            self.fast = None;
        } else if self.fast.is_none() && self.format == Format::Xlsx {
            self.fast = FastXlsx::open(&self.path, &self.sheets);
        }
    }

    /// Whether sheets are read by the fast scanner.
    #[cfg(test)]
    pub(crate) fn is_fast(&self) -> bool {
        self.fast.is_some()
    }

    /// How many sheets the fast scanner handed back to calamine so far.
    #[cfg(test)]
    pub(crate) fn fallbacks(&self) -> usize {
        self.fallbacks
    }

    /// Sets how text cells are read (`--encoding`).
    pub(crate) fn set_encoding(&mut self, encoding: Encoding) {
        self.encoding = encoding;
    }

    /// What the last reading of `sheet` converted from a legacy encoding, column by column.
    pub(crate) fn decoded(&self, sheet: &str) -> Vec<Decoded> {
        self.decoded.get(sheet).cloned().unwrap_or_default()
    }

    /// The cells far below the rest of `sheet` that its last reading kept (.xls only: elsewhere
    /// such a cell is refused).
    pub(crate) fn strays(&self, sheet: &str) -> &[Stray] {
        self.strays.get(sheet).map_or(&[], Vec::as_slice)
    }

    /// Parts of the container read differently from what their headers say.
    pub(crate) fn repairs(&self) -> &[Repair] {
        &self.repairs
    }

    /// The file's path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The detected format.
    pub(crate) fn format(&self) -> Format {
        self.format
    }

    /// Sheet names in workbook order.
    pub(crate) fn sheet_names(&self) -> &[String] {
        &self.sheets
    }

    /// Merged regions of a sheet (empty where the format does not record them).
    pub(crate) fn merges(&mut self, sheet: &str) -> Result<Vec<Merge>, ImportError> {
        let path = self.path.clone();
        contain(&path, || self.merges_unguarded(sheet))
    }

    fn merges_unguarded(&mut self, sheet: &str) -> Result<Vec<Merge>, ImportError> {
        match &mut self.inner {
            Some(inner) => inner.merges(sheet, &self.path),
            None => Ok(Vec::new()),
        }
    }

    /// Streams the sheet's non-empty rows in order to `on_row`, which may stop early with `Break`.
    ///
    /// Empty rows are not delivered: the caller sees gaps in [`Row::index`].
    pub(crate) fn rows<F>(&mut self, sheet: &str, mut on_row: F) -> Result<(), ImportError>
    where
        F: FnMut(Row) -> ControlFlow<()>,
    {
        self.rows_lent(sheet, |row| on_row(std::mem::take(row)))
    }

    /// [`Workbook::rows`] for a reader that keeps nothing of a row: each row is lent, and its
    /// room is used again for a later row (the streamed read of a large sheet allocates no row).
    /// A reader may still take what it lends.
    pub(crate) fn rows_lent<F>(&mut self, sheet: &str, on_row: F) -> Result<(), ImportError>
    where
        F: FnMut(&mut Row) -> ControlFlow<()>,
    {
        let path = self.path.clone();
        contain(&path, || self.rows_unguarded(sheet, on_row))
    }

    fn rows_unguarded<F>(&mut self, sheet: &str, mut on_row: F) -> Result<(), ImportError>
    where
        F: FnMut(&mut Row) -> ControlFlow<()>,
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
        if self.format == Format::Xls {
            // BIFF's grid bounds what a far cell costs: kept and noted, not refused.
            grouper = grouper.keep_strays();
        }
        let mut decoding = SheetDecoding::new(self.encoding);
        let result = self.read_sheet(sheet, &path, &mut grouper, &mut decoding, &mut on_row);
        self.decoded
            .insert(sheet.to_owned(), decoding.conversions());
        self.strays.insert(sheet.to_owned(), grouper.strays());
        result
    }

    fn read_sheet<F>(
        &mut self,
        sheet: &str,
        path: &Path,
        grouper: &mut RowGrouper<'_>,
        decoding: &mut SheetDecoding,
        on_row: &mut F,
    ) -> Result<(), ImportError>
    where
        F: FnMut(&mut Row) -> ControlFlow<()>,
    {
        if let Some(fast) = &mut self.fast {
            let (result, delivered) = scan_beside(fast, sheet, path, self.limits, decoding, on_row);
            match result {
                Ok(Ok(())) => return Ok(()),
                Ok(Err(e)) => return Err(e),
                // Nothing delivered yet: calamine reads the sheet instead.
                Err(_) if !delivered => self.fallbacks += 1,
                Err(Fallback(why)) => {
                    return Err(ImportError::Damaged {
                        path: path.to_owned(),
                        detail: why,
                    });
                }
            }
        }
        let fonts = self.legacy_cells.get(sheet);
        match &mut self.inner {
            Some(inner) => inner.rows(sheet, path, grouper, decoding, fonts, on_row),
            None => csv::rows(path, sheet, self.limits, on_row),
        }
    }
}

/// A workbook opened by calamine, and what was learnt while opening it.
struct Opened {
    format: Format,
    inner: Calamine,
    /// .xls: the cells set in a legacy font.
    legacy_cells: LegacyCells,
    /// Parts read from a repaired copy.
    repairs: Vec<Repair>,
}

impl Opened {
    fn new(format: Format, inner: Calamine) -> Opened {
        Opened {
            format,
            inner,
            legacy_cells: LegacyCells::new(),
            repairs: Vec::new(),
        }
    }
}

/// The file, for calamine.
fn file_source(path: &Path) -> Result<Source, ImportError> {
    File::open(path)
        .map(|f| Source::File(BufReader::new(f)))
        .map_err(|source| ImportError::Io {
            path: path.to_owned(),
            source,
        })
}

/// The error of calamine's opening of a workbook: a sheet whose cells span too large a range is
/// too large (calamine reads every sheet of an .ods when it opens it), anything else damaged.
fn refused(path: &Path, detail: String) -> ImportError {
    dense_range_error(path, "*", detail)
}

/// Opens a workbook with calamine from the file, else from a repaired copy in memory (what
/// LibreOffice reads; see [`repair`]); `Ok(Err(_))` with calamine's first error when neither
/// opens.
fn from_file_or_repaired<R, E: std::fmt::Display>(
    path: &Path,
    limits: &Limits,
    opendocument: bool,
    open: impl Fn(Source) -> Result<R, E>,
) -> Result<Result<(R, Vec<Repair>), String>, ImportError> {
    let first = match open(file_source(path)?) {
        Ok(reader) => return Ok(Ok((reader, Vec::new()))),
        Err(e) => e.to_string(),
    };
    Ok(match repair::repaired_zip(path, limits, opendocument)? {
        Some((bytes, repairs)) => match open(Source::Memory(std::io::Cursor::new(bytes))) {
            Ok(reader) => Ok((reader, repairs)),
            Err(_) => Err(first),
        },
        None => Err(first),
    })
}

/// A zip container: .xlsb, .ods or .xlsx, told from its parts.
fn open_zip(path: &Path, limits: &Limits) -> Result<Opened, ImportError> {
    let parts = check_zip(path, limits)?;
    if parts.encrypted {
        return Err(ImportError::Encrypted {
            path: path.to_owned(),
        });
    }
    if parts.xlsb {
        // .xlsb: sheets are read cell by cell, under the same limits as .xlsx. What calamine
        // refuses (a macro sheet, relationships under another name, a part name not in UTF-8;
        // its panics included) is read from a normalised copy.
        let opened = if xlsb::names_not_utf8(path)? {
            // calamine opens it, then cannot find the sheet's part by its decoded name.
            Err(refused(path, "a part name that is not UTF-8".to_owned()))
        } else {
            contain(path, || {
                Xlsb::new(file_source(path)?).map_err(|e| refused(path, e.to_string()))
            })
        };
        let first = match opened {
            Ok(xlsb) => return Ok(Opened::new(Format::Xlsb, Calamine::Xlsb(Box::new(xlsb)))),
            Err(e) => e,
        };
        let Some((bytes, repairs)) = xlsb::normalized(path, limits)? else {
            return Err(first);
        };
        let again = contain(path, || {
            Xlsb::new(Source::Memory(std::io::Cursor::new(bytes)))
                .map_err(|e| refused(path, e.to_string()))
        });
        return match again {
            Ok(xlsb) => Ok(Opened {
                repairs,
                ..Opened::new(Format::Xlsb, Calamine::Xlsb(Box::new(xlsb)))
            }),
            Err(_) => Err(first),
        };
    }
    if parts.ods {
        ods::check_ods(path, limits)?;
        // Indented content or a missing mimetype entry are read from a repaired copy.
        let (ods, repairs) =
            from_file_or_repaired(path, limits, true, Ods::new)?.map_err(|e| refused(path, e))?;
        return Ok(Opened {
            repairs,
            ..Opened::new(Format::Ods, Calamine::Ods(Box::new(ods)))
        });
    }
    // UTF-16 parts or a wrong checksum are read from a repaired copy.
    let xlsx_error = match from_file_or_repaired(path, limits, false, Xlsx::new)? {
        Ok((x, repairs)) => {
            return Ok(Opened {
                repairs,
                ..Opened::new(Format::Xlsx, Calamine::Xlsx(Box::new(x)))
            });
        }
        Err(e) => e,
    };
    // A zip that is not a workbook, but may be an .ods under another name.
    let ods = ods::check_ods(path, limits)
        .and_then(|()| Ods::new(file_source(path)?).map_err(|e| refused(path, e.to_string())));
    match ods {
        Ok(ods) => Ok(Opened::new(Format::Ods, Calamine::Ods(Box::new(ods)))),
        Err(e @ (ImportError::StrayCell { .. } | ImportError::TooLarge { .. })) => Err(e),
        Err(_) => Err(refused(path, xlsx_error)),
    }
}

/// A compound file: an .xls, checked before calamine reads it from memory.
fn open_cfb(path: &Path, limits: &Limits) -> Result<Opened, ImportError> {
    let (bytes, legacy_cells) = cfb::check_xls(path, limits)?;
    match Xls::new(Source::Memory(std::io::Cursor::new(bytes))) {
        Ok(x) => Ok(Opened {
            legacy_cells,
            ..Opened::new(Format::Xls, Calamine::Xls(Box::new(x)))
        }),
        Err(e) => {
            let detail = e.to_string();
            if detail.to_ascii_lowercase().contains("password") || detail.contains("Encrypt") {
                return Err(ImportError::Encrypted {
                    path: path.to_owned(),
                });
            }
            Err(refused(path, detail))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::repair::RepairKind;
    use cchc_model::legacy::Legacy;

    #[test]
    fn the_fast_xlsx_scanner_reads_every_cell_as_calamine_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files: Vec<std::path::PathBuf> = Vec::new();
        for dir in [root.join("datasets"), root.join("tests/data")] {
            for entry in std::fs::read_dir(dir).expect("dir") {
                let path = entry.expect("entry").path();
                if path.extension().is_some_and(|e| e == "xlsx") {
                    files.push(path);
                }
            }
        }
        // Workbooks written on the fly with what the bundled ones lack: dates, booleans, a formula,
        // entities, a cell far to the right.
        let dir = tempfile::tempdir().expect("tmp");
        let mut spec = cchc_datagen::sheet::SheetSpec::new("Kiểm tra");
        spec.set(0, 0, cchc_datagen::sheet::t("A & B <c> \"ngoặc\""));
        spec.set(0, 3, cchc_datagen::sheet::n(-1.5e-7));
        spec.set(1, 0, cchc_datagen::sheet::Cell::Date(2023, 1, 5));
        spec.set(2, 200, cchc_datagen::sheet::t("xa"));
        let extra = dir.path().join("extra.xlsx");
        cchc_datagen::sheet::write_xlsx(&extra, &[spec]).expect("written");
        files.push(extra);
        // A streaming writer's export: every text an inline string (the same labels on every
        // row, read once and then from the sheet's cache), units interleaved.
        let inline = dir.path().join("inline.xlsx");
        cchc_datagen::bench::survey_variant(300, &inline, cchc_datagen::bench::Variant::Inline)
            .expect("written");
        files.push(inline);
        // Inline strings in the forms the one-pass read leaves to the general path: rich-text
        // runs, a preserved space, an entity, an empty string.
        let odd = dir.path().join("inline_odd.xlsx");
        write_inline_odd(&odd);
        files.push(odd);
        let mut compared = 0;
        for path in files {
            let Ok(mut fast) = Workbook::open(&path) else {
                continue; // the damaged fixtures
            };
            if !fast.is_fast() {
                continue;
            }
            let mut slow = Workbook::open(&path).expect("open");
            slow.set_fast(false);
            // The cells as stored: calamine's readers know no fonts, so none is converted.
            fast.set_encoding(Encoding::Unicode);
            slow.set_encoding(Encoding::Unicode);
            for sheet in fast.sheet_names().to_vec() {
                let mut a = Vec::new();
                let mut b = Vec::new();
                let ra = fast.rows(&sheet, |r| {
                    a.push(r);
                    std::ops::ControlFlow::Continue(())
                });
                let rb = slow.rows(&sheet, |r| {
                    b.push(r);
                    std::ops::ControlFlow::Continue(())
                });
                assert_eq!(ra.is_ok(), rb.is_ok(), "{}: {sheet}", path.display());
                assert_eq!(a, b, "{}: {sheet}", path.display());
                // Lent rows, their room used again batch after batch, read the same.
                let mut lent = Vec::new();
                let rl = fast.rows_lent(&sheet, |r| {
                    lent.push(r.clone());
                    std::ops::ControlFlow::Continue(())
                });
                assert_eq!(rl.is_ok(), ra.is_ok(), "{}: {sheet}", path.display());
                assert_eq!(lent, a, "{}: {sheet} (lent)", path.display());
                compared += a.len();
            }
            assert_eq!(fast.fallbacks(), 0, "{}", path.display());
        }
        assert!(compared > 1000, "{compared} rows compared");
    }

    /// A workbook whose sheet holds inline strings as other writers write them.
    fn write_inline_odd(path: &std::path::Path) {
        use std::io::Write;
        let sheet = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>Mức độ</t></is></c><c r="B1" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve">Rất </t></r><r><t>hài lòng</t></r></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve"> Hài lòng </t></is></c><c r="B2" t="inlineStr"><is><t>A &amp; B</t></is></c><c r="C2" t="inlineStr"><is><t></t></is></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>Mức độ</t></is></c><c r="B3" t="inlineStr"><is><r><rPr><b/></rPr><t xml:space="preserve">Rất </t></r><r><t>hài lòng</t></r></is></c><c r="C3" s="0" t="inlineStr"><is><t>A &amp; B</t></is></c></row>
</sheetData></worksheet>"#;
        let parts: [(&str, &str); 5] = [
            (
                "[Content_Types].xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
            (
                "_rels/.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/workbook.xml",
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Phiếu" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
            ),
            ("xl/worksheets/sheet1.xml", sheet),
        ];
        let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
        for (name, text) in parts {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .expect("part");
            zip.write_all(text.as_bytes()).expect("write");
        }
        zip.finish().expect("zip");
    }

    #[test]
    fn xlsb_workbooks_are_read_cell_for_cell_as_calamine_reads_them() {
        let corpus =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let mut files = Vec::new();
        for dir in ["calamine", "xlrd"] {
            for entry in std::fs::read_dir(corpus.join(dir))
                .expect("corpus")
                .flatten()
            {
                if entry.path().extension().is_some_and(|e| e == "xlsb") {
                    files.push(entry.path());
                }
            }
        }
        files.sort();
        let mut compared = 0;
        for path in files {
            let Ok(mut ours) = Workbook::open(&path) else {
                continue; // the password-protected one
            };
            assert_eq!(ours.format(), Format::Xlsb, "{}", path.display());
            let mut theirs: ::calamine::Xlsb<_> =
                ::calamine::open_workbook(&path).expect("calamine");
            for sheet in ours.sheet_names().to_vec() {
                let mut cells = Vec::new();
                let read = ours.rows(&sheet, |row| {
                    cells.extend(row.cells.into_iter().map(|(c, v)| (row.index, c, v)));
                    std::ops::ControlFlow::Continue(())
                });
                let Ok(range) = theirs.worksheet_range(&sheet) else {
                    assert!(read.is_err(), "{}: {sheet}", path.display());
                    continue;
                };
                read.expect("read");
                let (r0, c0) = range.start().unwrap_or((0, 0));
                let expected: Vec<(u32, u32, crate::cell::Value)> = range
                    .used_cells()
                    .filter_map(|(r, c, d)| {
                        calamine::from_data(d).map(|v| (r0 + r as u32, c0 + c as u32, v))
                    })
                    .collect();
                assert_eq!(cells, expected, "{}: {sheet}", path.display());
                compared += cells.len();
            }
        }
        assert!(compared > 50, "{compared} cells compared");
    }

    /// Every text cell of a sheet, as (row, column, text in lower case).
    fn texts(wb: &mut Workbook, sheet: &str) -> Vec<(u32, u32, String)> {
        let mut out = Vec::new();
        wb.rows(sheet, |row| {
            for (c, v) in row.cells {
                if let crate::cell::Value::Text(t) = v {
                    out.push((row.index, c, t.to_lowercase()));
                }
            }
            std::ops::ControlFlow::Continue(())
        })
        .expect("rows");
        out
    }

    fn real(name: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/real")
            .join(name)
    }

    #[test]
    fn a_tcvn3_sheet_reads_as_its_unicode_twin_cell_for_cell() {
        let mut wb = Workbook::open(&real("Budget_Plan_2003.xls")).expect("open");
        let decoded = texts(&mut wb, "Sheet1");
        let conversions = wb.decoded("Sheet1");
        let twin = texts(&mut wb, "Sheet1 (2)");
        assert!(decoded.len() > 100, "{} text cells", decoded.len());
        let differ: Vec<String> = decoded
            .iter()
            .zip(&twin)
            .filter(|(a, b)| a != b)
            .map(|(a, b)| format!("{a:?} != {b:?}"))
            .collect();
        assert!(
            differ.is_empty(),
            "{} cells differ:\n{}",
            differ.len(),
            differ.join("\n")
        );
        assert_eq!(decoded.len(), twin.len());
        let cells: u64 = conversions.iter().map(|d| d.cells).sum();
        assert!(cells > 50, "{conversions:?}");
        assert!(conversions.iter().all(|d| d.encoding == Legacy::Tcvn3));
        // The twin is Unicode already: nothing converted.
        assert!(wb.decoded("Sheet1 (2)").is_empty());
        // --encoding unicode leaves the TCVN3 text as it is.
        let mut off = Workbook::open(&real("Budget_Plan_2003.xls")).expect("open");
        off.set_encoding(Encoding::Unicode);
        assert!(
            texts(&mut off, "Sheet1")
                .iter()
                .any(|(_, _, t)| t.contains("tµi"))
        );
    }

    #[test]
    fn unicode_text_in_a_legacy_font_stays_as_it_is() {
        let path = real("Budget_Plan_2007.xls");
        let mut auto = Workbook::open(&path).expect("open");
        let mut off = Workbook::open(&path).expect("open");
        off.set_encoding(Encoding::Unicode);
        let mut compared = 0;
        for sheet in auto.sheet_names().to_vec() {
            let (a, b) = (texts(&mut auto, &sheet), texts(&mut off, &sheet));
            assert_eq!(a, b, "{sheet}");
            assert!(
                auto.decoded(&sheet).is_empty(),
                "{sheet}: {:?}",
                auto.decoded(&sheet)
            );
            compared += a.len();
        }
        assert!(compared > 20, "{compared} cells");
    }

    #[test]
    fn workbooks_with_utf16_parts_are_read_and_say_they_were_repaired() {
        let corpus =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let mut wb =
            Workbook::open(&corpus.join("roo/Pfand_from_windows_phone.xlsx")).expect("open");
        assert!(wb.repairs().iter().all(|r| r.kind == RepairKind::Utf16));
        assert!(!wb.repairs().is_empty());
        let cells = texts(&mut wb, "Blatt1");
        assert!(cells.iter().any(|(_, _, t)| t == "summe"), "{cells:?}");
    }

    #[test]
    fn indented_opendocument_is_read_as_libreoffice_reads_it() {
        let corpus =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let mut wb =
            Workbook::open(&corpus.join("PhpSpreadsheet/RepeatedDataCells.ods")).expect("open");
        assert!(
            wb.repairs()
                .iter()
                .any(|r| r.kind == RepairKind::Indentation)
        );
        let first_row: Vec<(u32, String)> = texts(&mut wb, "Sheet1")
            .into_iter()
            .filter(|(r, _, _)| *r == 0)
            .map(|(_, c, t)| (c, t))
            .collect();
        // As LibreOffice shows it: TestA,,,,TestE,,TestG,SameValue,SameValue,SameValue,TestK
        let expected = [
            (0, "testa"),
            (4, "teste"),
            (6, "testg"),
            (7, "samevalue"),
            (8, "samevalue"),
            (9, "samevalue"),
            (10, "testk"),
        ];
        let expected: Vec<(u32, String)> = expected
            .iter()
            .map(|(c, t)| (*c, (*t).to_owned()))
            .collect();
        assert_eq!(first_row, expected);
    }
}
