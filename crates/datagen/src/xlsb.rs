//! Excel binary workbooks (.xlsb) written record by record ([MS-XLSB]), in the shapes real files
//! take that readers trip on: a macro sheet and a dialog sheet beside the worksheets (SheetJS's
//! `BlankSheetTypes.xlsb`), the workbook's relationships under a name of another case (the
//! "no entry found for key" of Apache POI's `Simple.xlsb`), and a worksheet part whose name is
//! not UTF-8 (SheetJS's `wtf_path.xlsb`). No Rust crate writes .xlsb; this writes what Excel
//! writes for cells of text and numbers, and nothing more.

use std::io::{Cursor, Write};
use std::path::Path;

use crate::Error;
use crate::sheet::{Cell, SheetSpec};

/// What a sheet of the workbook is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetPart {
    Worksheet,
    /// An Excel 4.0 macro sheet (`xl/macrosheets/`).
    Macrosheet,
    /// An Excel 5.0 dialog sheet (`xl/dialogsheets/`).
    Dialogsheet,
}

impl SheetPart {
    fn folder(self) -> &'static str {
        match self {
            SheetPart::Worksheet => "worksheets",
            SheetPart::Macrosheet => "macrosheets",
            SheetPart::Dialogsheet => "dialogsheets",
        }
    }

    fn rel_type(self) -> &'static str {
        match self {
            SheetPart::Worksheet => {
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
            }
            SheetPart::Macrosheet => {
                "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet"
            }
            SheetPart::Dialogsheet => {
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/dialogsheet"
            }
        }
    }
}

/// How the container is laid out.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The workbook's relationships part, if not `xl/_rels/workbook.bin.rels`.
    pub rels_name: Option<String>,
    /// The raw bytes of the first worksheet's part name, if not `xl/worksheets/sheet1.bin`
    /// (written with the zip's UTF-8 flag set, as the writer of the original did).
    pub first_sheet_name: Option<Vec<u8>>,
}

fn record(out: &mut Vec<u8>, typ: u16, body: &[u8]) {
    if typ < 0x80 {
        out.push(typ as u8);
    } else {
        out.push((typ & 0x7F) as u8 | 0x80);
        out.push((typ >> 7) as u8);
    }
    let mut len = body.len();
    loop {
        let byte = (len & 0x7F) as u8;
        len >>= 7;
        if len == 0 {
            out.push(byte);
            break;
        }
        out.push(byte | 0x80);
    }
    out.extend_from_slice(body);
}

fn wide(s: &str) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    for u in units {
        out.extend(u.to_le_bytes());
    }
    out
}

fn workbook_bin(sheets: &[(&str, SheetPart)]) -> Vec<u8> {
    let mut out = Vec::new();
    record(&mut out, 0x83, &[]); // BrtBeginBook
    record(&mut out, 0x8F, &[]); // BrtBeginBundleShs
    for (i, (name, _)) in sheets.iter().enumerate() {
        let mut body = 0u32.to_le_bytes().to_vec(); // visible
        body.extend((i as u32 + 1).to_le_bytes()); // tab id
        body.extend(wide(&format!("rId{}", i + 1)));
        body.extend(wide(name));
        record(&mut out, 0x9C, &body); // BrtBundleSh
    }
    record(&mut out, 0x90, &[]); // BrtEndBundleShs
    record(&mut out, 0x84, &[]); // BrtEndBook
    out
}

fn sheet_bin(spec: &SheetSpec) -> Vec<u8> {
    let mut cells: Vec<&(u32, u16, Cell)> = spec.cells.iter().collect();
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    let last_row = cells.iter().map(|(r, _, _)| *r).max().unwrap_or(0);
    let last_col = cells
        .iter()
        .map(|(_, c, _)| u32::from(*c))
        .max()
        .unwrap_or(0);
    let mut out = Vec::new();
    record(&mut out, 0x81, &[]); // BrtBeginSheet
    let mut dim = Vec::new();
    for v in [0, last_row, 0, last_col] {
        dim.extend(v.to_le_bytes());
    }
    record(&mut out, 0x94, &dim); // BrtWsDim
    record(&mut out, 0x91, &[]); // BrtBeginSheetData
    let mut row = None;
    for (r, c, cell) in cells {
        if row != Some(*r) {
            let mut hdr = r.to_le_bytes().to_vec();
            hdr.extend([0u8; 13]);
            record(&mut out, 0x00, &hdr); // BrtRowHdr
            row = Some(*r);
        }
        let mut body = u32::from(*c).to_le_bytes().to_vec();
        body.extend(0u32.to_le_bytes()); // style
        match cell {
            Cell::Num(x) => {
                body.extend(x.to_le_bytes());
                record(&mut out, 0x05, &body); // BrtCellReal
            }
            Cell::Text(s) => {
                body.extend(wide(s));
                record(&mut out, 0x06, &body); // BrtCellSt
            }
            Cell::Date(y, m, d) => {
                body.extend(wide(&format!("{d:02}/{m:02}/{y:04}")));
                record(&mut out, 0x06, &body);
            }
        }
    }
    record(&mut out, 0x92, &[]); // BrtEndSheetData
    record(&mut out, 0x82, &[]); // BrtEndSheet
    out
}

/// Writes `sheets` (each with what it is) as an .xlsb laid out as `layout` says.
pub fn write_xlsb(
    path: &Path,
    sheets: &[(SheetSpec, SheetPart)],
    layout: &Layout,
) -> Result<(), Error> {
    let names: Vec<(&str, SheetPart)> = sheets.iter().map(|(s, p)| (s.name.as_str(), *p)).collect();
    let part_name = |i: usize, part: SheetPart| -> Vec<u8> {
        match (&layout.first_sheet_name, i) {
            (Some(raw), 0) => raw.clone(),
            _ => format!("xl/{}/sheet{}.bin", part.folder(), i + 1).into_bytes(),
        }
    };
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (i, (_, part)) in names.iter().enumerate() {
        // A target as a URI: bytes outside ASCII percent-encoded.
        let raw = part_name(i, *part);
        let target: String = raw[3..]
            .iter()
            .map(|b| {
                if b.is_ascii_graphic() {
                    (*b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="{}" Target="{target}"/>"#,
            i + 1,
            part.rel_type()
        ));
    }
    rels.push_str("</Relationships>");
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#;
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>"#;
    let mut parts: Vec<(Vec<u8>, Vec<u8>)> = vec![
        (b"[Content_Types].xml".to_vec(), content_types.into()),
        (b"_rels/.rels".to_vec(), root_rels.into()),
        (b"xl/workbook.bin".to_vec(), workbook_bin(&names)),
        (
            layout
                .rels_name
                .clone()
                .unwrap_or_else(|| "xl/_rels/workbook.bin.rels".to_owned())
                .into_bytes(),
            rels.into_bytes(),
        ),
    ];
    for (i, (spec, part)) in sheets.iter().enumerate() {
        parts.push((part_name(i, *part), sheet_bin(spec)));
    }
    std::fs::write(path, zip_with_raw_names(&parts)?)?;
    Ok(())
}

/// A zip of deflated parts whose names are written as the bytes given (flagged UTF-8, as
/// writers that assume so do), built by hand: the zip writer accepts only `str` names.
fn zip_with_raw_names(parts: &[(Vec<u8>, Vec<u8>)]) -> Result<Vec<u8>, Error> {
    let mut out: Vec<u8> = Vec::new();
    let mut central: Vec<u8> = Vec::new();
    for (name, data) in parts {
        let (deflated, crc) = crate::hostile::deflated(data)?;
        let offset = u32::try_from(out.len())?;
        let header = |sig: u32, central_dir: bool| -> Vec<u8> {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central_dir {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0x0800u16.to_le_bytes()); // flags: names in UTF-8
            h.extend(8u16.to_le_bytes()); // deflate
            h.extend(0u16.to_le_bytes());
            h.extend(0x21u16.to_le_bytes());
            h.extend(crc.to_le_bytes());
            h.extend((deflated.len() as u32).to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central_dir {
                h.extend([0u8; 6]); // comment length, disk, internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name);
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&deflated);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = u32::try_from(out.len())?;
    let n = u16::try_from(parts.len())?;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(n.to_le_bytes());
    out.extend(n.to_le_bytes());
    out.extend(u32::try_from(central.len())?.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    let mut cursor = Cursor::new(Vec::new());
    cursor.write_all(&out)?;
    Ok(cursor.into_inner())
}
