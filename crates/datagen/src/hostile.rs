//! Hostile workbooks for tests: zip containers written by hand, so that their headers may declare
//! sizes the data does not have (the zip bomb and its cousins).

use std::io::{Cursor, Read, Write};
use std::path::Path;

use crate::Error;

/// One part of a zip container, as stored.
#[derive(Debug, Clone)]
pub struct Part {
    /// Name in the container ("xl/sharedStrings.xml").
    pub name: String,
    /// 0 stored, 8 deflate.
    pub method: u16,
    /// CRC-32 of the inflated data.
    pub crc: u32,
    /// The bytes as stored (compressed).
    pub data: Vec<u8>,
    /// The inflated size the headers declare.
    pub declared: u32,
}

/// The parts of a zip container, raw (compressed bytes as stored).
pub fn raw_parts(bytes: &[u8]) -> Result<Vec<Part>, Error> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))?;
    let mut parts = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index_raw(i)?;
        let mut data = Vec::new();
        entry.read_to_end(&mut data)?;
        parts.push(Part {
            name: entry.name()?.into_owned(),
            method: match entry.compression() {
                zip::CompressionMethod::Stored => 0,
                _ => 8,
            },
            crc: entry.crc32(),
            data,
            declared: u32::try_from(entry.size())?,
        });
    }
    Ok(parts)
}

/// Deflates `content` as a zip writer would; returns the raw stream and its CRC-32.
pub fn deflated(content: &[u8]) -> Result<(Vec<u8>, u32), Error> {
    let mut buf = Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("x", opts)?;
        w.write_all(content)?;
        w.finish()?;
    }
    let part = raw_parts(&buf.into_inner())?.remove(0);
    Ok((part.data, part.crc))
}

/// Writes a zip container by hand: local headers, data, central directory, end record.
pub fn write_zip(path: &Path, parts: &[Part]) -> Result<(), Error> {
    let mut out: Vec<u8> = Vec::new();
    let mut central: Vec<u8> = Vec::new();
    for p in parts {
        let offset = u32::try_from(out.len())?;
        let header = |sig: u32, central_dir: bool| -> Vec<u8> {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central_dir {
                h.extend(20u16.to_le_bytes()); // version made by
            }
            h.extend(20u16.to_le_bytes()); // version needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(p.method.to_le_bytes());
            h.extend(0u16.to_le_bytes()); // time
            h.extend(0x21u16.to_le_bytes()); // date: 1980-01-01
            h.extend(p.crc.to_le_bytes());
            h.extend((p.data.len() as u32).to_le_bytes());
            h.extend(p.declared.to_le_bytes());
            h.extend((p.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra field length
            if central_dir {
                h.extend(0u16.to_le_bytes()); // comment length
                h.extend(0u16.to_le_bytes()); // disk
                h.extend(0u16.to_le_bytes()); // internal attributes
                h.extend(0u32.to_le_bytes()); // external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(p.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&p.data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = u32::try_from(out.len())?;
    let n = u16::try_from(parts.len())?;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes()); // end of central directory
    out.extend(0u16.to_le_bytes()); // this disk
    out.extend(0u16.to_le_bytes()); // disk with the directory
    out.extend(n.to_le_bytes()); // entries on this disk
    out.extend(n.to_le_bytes()); // entries in all
    out.extend(u32::try_from(central.len())?.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes()); // comment length
    std::fs::write(path, out)?;
    Ok(())
}

/// A zip bomb in workbook clothing: `workbook` (an .xlsx's bytes) whose shared strings are
/// replaced by 20 MiB of spaces, deflated to about 20 KB, with headers that declare 4 GB.
pub fn zip_bomb(workbook: &[u8], out: &Path) -> Result<(), Error> {
    let mut parts = raw_parts(workbook)?;
    let strings = parts
        .iter_mut()
        .find(|p| p.name == "xl/sharedStrings.xml")
        .ok_or("no shared strings in the workbook")?;
    let (data, crc) = deflated(&vec![b' '; 20 << 20])?;
    strings.data = data;
    strings.crc = crc;
    strings.declared = 4_000_000_000;
    write_zip(out, &parts)
}

/// A workbook whose shared strings declare ten billion strings in a part of a few hundred bytes:
/// readers that reserve room for the declared count first ask for hundreds of gigabytes.
pub fn lying_string_count(workbook: &[u8], out: &Path) -> Result<(), Error> {
    let mut xml = String::new();
    zip::ZipArchive::new(Cursor::new(workbook))?
        .by_name("xl/sharedStrings.xml")?
        .read_to_string(&mut xml)?;
    let key = "uniqueCount=\"";
    let start = xml.find(key).ok_or("no uniqueCount")? + key.len();
    let end = start + xml[start..].find('"').ok_or("no end of uniqueCount")?;
    xml.replace_range(start..end, "9999999999");
    let mut parts = raw_parts(workbook)?;
    let strings = parts
        .iter_mut()
        .find(|p| p.name == "xl/sharedStrings.xml")
        .ok_or("no shared strings in the workbook")?;
    let (data, crc) = deflated(xml.as_bytes())?;
    strings.data = data;
    strings.crc = crc;
    strings.declared = u32::try_from(xml.len())?;
    write_zip(out, &parts)
}

/// A shared-strings table built to blow up readers that expand a text per cell, in the shape of
/// Apache POI's `poc-shared-strings.xlsx`: one string of about a megabyte, referenced by every
/// one of 12,000 cells (1,200 rows × 10 columns), deflated to a few tens of kilobytes. A reader
/// that folds or copies the text per cell handles 12 GB.
pub fn repeated_huge_string(out: &Path) -> Result<(), Error> {
    const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    let huge = format!("{} ", "A".repeat(1000)).repeat(1000);
    let mut sheet =
        format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>"#);
    for r in 1..=1200 {
        sheet.push_str(&format!(r#"<row r="{r}">"#));
        for c in b'A'..=b'J' {
            sheet.push_str(&format!(r#"<c r="{}{r}" t="s"><v>0</v></c>"#, c as char));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let parts: [(&str, String); 6] = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#
            .to_owned(),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/sharedStrings.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}" count="12000" uniqueCount="1"><si><t>{huge}</t></si></sst>"#
            ),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut buf = Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        for (name, content) in parts {
            w.start_file(name, opts)?;
            w.write_all(content.as_bytes())?;
        }
        w.finish()?;
    }
    std::fs::write(out, buf.into_inner())?;
    Ok(())
}
