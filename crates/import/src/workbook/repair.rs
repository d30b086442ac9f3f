//! A container that calamine refuses but LibreOffice reads, read the way LibreOffice does.
//!
//! Flaws met in real files: XML parts written in UTF-16 (some phone apps, some exporters), a part
//! whose stored checksum or size does not match its data, and (OpenDocument) an indented
//! `content.xml` or a missing `mimetype` entry. When calamine cannot open the workbook, a copy is
//! made in memory with every XML part in UTF-8 and every part inflated from its data (never beyond
//! the limits: the part's compressed size times the allowed ratio, and the largest part read
//! whole), and for an OpenDocument file the line breaks between elements removed and the
//! `mimetype` entry added; the import then says which parts were repaired and how.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use super::limits::Limits;
use crate::error::ImportError;

/// What was wrong with a part of the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepairKind {
    /// The XML was UTF-16: converted to UTF-8 (nothing lost).
    Utf16,
    /// The stored checksum or size did not match the data: the data was read as it is.
    Checksum,
    /// The XML was indented (line breaks between elements, which calamine's OpenDocument reader
    /// refuses): the line breaks and indentation between elements were removed (no text lost).
    Indentation,
    /// An OpenDocument file without its `mimetype` entry: the entry was added.
    Mimetype,
    /// An .xlsb's workbook or its relationships under another name than calamine looks for
    /// (another case, another folder): read from there.
    PartsRenamed,
    /// An .xlsb part whose name is not UTF-8: found by its bytes.
    PartName,
    /// A sheet of the workbook's list that is not read (`part` names its part, or the missing
    /// relationship's id).
    SkippedSheet { sheet: String, what: SkippedKind },
}

/// Why a sheet of the workbook's list is not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkippedKind {
    /// An Excel 4.0 macro sheet: formulas for macros, no table.
    Macro,
    /// An Excel 5.0 dialog sheet: a form, no table.
    Dialog,
    /// A chart sheet: a chart, no cells.
    Chart,
    /// The workbook lists it, but the part it points to is not in the file.
    NoPart,
}

/// A part of the container read differently from what its headers say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// The part ("xl/workbook.xml").
    pub part: String,
    /// What was done.
    pub kind: RepairKind,
}

/// The XML of a UTF-16 part as UTF-8, its declaration saying so; `None` when not UTF-16.
fn utf16_to_utf8(data: &[u8]) -> Option<Vec<u8>> {
    let (big_endian, body) = match data {
        [0xFE, 0xFF, rest @ ..] => (true, rest),
        [0xFF, 0xFE, rest @ ..] => (false, rest),
        [0x00, b'<', ..] => (true, data),
        [b'<', 0x00, ..] => (false, data),
        _ => return None,
    };
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|c| {
            if big_endian {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        })
        .collect();
    let text = String::from_utf16_lossy(&units);
    let text = text
        .replacen("encoding=\"UTF-16\"", "encoding=\"UTF-8\"", 1)
        .replacen("encoding=\"utf-16\"", "encoding=\"UTF-8\"", 1);
    Some(text.into_bytes())
}

/// XML without the line breaks and indentation between elements: white space between a `>` and
/// the next `<` is dropped when it holds a line break (indentation, never a space inside text);
/// `None` when there is none.
fn without_indentation(xml: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(xml.len());
    let mut changed = false;
    let mut i = 0;
    while i < xml.len() {
        let b = xml[i];
        out.push(b);
        i += 1;
        if b == b'>' {
            let run = xml[i..]
                .iter()
                .take_while(|c| c.is_ascii_whitespace())
                .count();
            let breaks = xml[i..i + run].contains(&b'\n');
            if run > 0 && breaks && xml.get(i + run) == Some(&b'<') {
                i += run;
                changed = true;
            }
        }
    }
    changed.then_some(out)
}

/// Inflates a part's stored bytes, at most `cap` bytes of output.
fn inflate(raw: &[u8], method_stored: bool, cap: u64) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    if method_stored {
        out.extend_from_slice(&raw[..raw.len().min(cap as usize)]);
    } else {
        flate2::read::DeflateDecoder::new(raw)
            .take(cap)
            .read_to_end(&mut out)?;
    }
    Ok(out)
}

/// A container's bytes rewritten in memory, and what was repaired.
pub(crate) type Repaired = (Vec<u8>, Vec<Repair>);

/// A repaired copy of the container, and the repairs; `None` when nothing needed repair (the
/// workbook's trouble lies elsewhere).
pub(crate) fn repaired_zip(
    path: &Path,
    limits: &Limits,
    opendocument: bool,
) -> Result<Option<Repaired>, ImportError> {
    let damaged = |detail: String| ImportError::Damaged {
        path: path.to_owned(),
        detail,
    };
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).map_err(|e| damaged(e.to_string()))?;
    let mut parts: Vec<(String, Vec<u8>)> = Vec::with_capacity(zip.len());
    let mut repairs = Vec::new();
    for i in 0..zip.len() {
        let (name, data) = {
            let mut entry = zip.by_index(i).map_err(|e| damaged(e.to_string()))?;
            let name = entry
                .name()
                .map_err(|e| damaged(e.to_string()))?
                .into_owned();
            if entry.is_dir() {
                continue;
            }
            let mut data = Vec::new();
            let read = (&mut entry)
                .take(limits.max_part_bytes)
                .read_to_end(&mut data);
            (name, read.ok().map(|_| data))
        };
        let data = match data {
            Some(data) => data,
            None => {
                // The zip reader refused the part (checksum, size): read its data as it is.
                let mut raw_entry = zip.by_index_raw(i).map_err(|e| damaged(e.to_string()))?;
                let stored = raw_entry.compression() == zip::CompressionMethod::Stored;
                let cap = raw_entry
                    .compressed_size()
                    .saturating_mul(limits.max_ratio)
                    .min(limits.max_part_bytes);
                let mut raw = Vec::new();
                raw_entry
                    .read_to_end(&mut raw)
                    .map_err(|e| damaged(e.to_string()))?;
                repairs.push(Repair {
                    part: name.clone(),
                    kind: RepairKind::Checksum,
                });
                inflate(&raw, stored, cap).map_err(|e| damaged(format!("{name}: {e}")))?
            }
        };
        let is_xml = name.ends_with(".xml") || name.ends_with(".rels");
        let mut data = match is_xml.then(|| utf16_to_utf8(&data)).flatten() {
            Some(utf8) => {
                repairs.push(Repair {
                    part: name.clone(),
                    kind: RepairKind::Utf16,
                });
                utf8
            }
            None => data,
        };
        if opendocument
            && name == "content.xml"
            && let Some(tidy) = without_indentation(&data)
        {
            repairs.push(Repair {
                part: name.clone(),
                kind: RepairKind::Indentation,
            });
            data = tidy;
        }
        parts.push((name, data));
    }
    if opendocument && !parts.iter().any(|(name, _)| name == "mimetype") {
        repairs.push(Repair {
            part: "mimetype".to_owned(),
            kind: RepairKind::Mimetype,
        });
        parts.insert(
            0,
            (
                "mimetype".to_owned(),
                b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
            ),
        );
    }
    if repairs.is_empty() {
        return Ok(None);
    }
    let parts: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(name, data)| (name.as_str(), data.as_slice()))
        .collect();
    let copy = zip_of(&parts).map_err(|e| damaged(e.to_string()))?;
    Ok(Some((copy, repairs)))
}

/// A zip container of `parts` in memory, deflated (OpenDocument's `mimetype` entry stored, as
/// the format asks).
pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> zip::result::ZipResult<Vec<u8>> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        let options = if *name == "mimetype" {
            stored
        } else {
            deflated
        };
        out.start_file(*name, options)?;
        out.write_all(data)?;
    }
    Ok(out.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_between_elements_goes_and_text_stays() {
        let xml = b"<row>\n  <cell><p>A B</p></cell>\n  <cell><p> </p></cell></row>";
        let tidy = without_indentation(xml).expect("changed");
        assert_eq!(
            tidy,
            b"<row><cell><p>A B</p></cell><cell><p> </p></cell></row>"
        );
        assert_eq!(
            without_indentation(b"<a><b>x</b> <c/></a>"),
            None,
            "a plain space stays"
        );
    }

    #[test]
    fn utf16_xml_becomes_utf8_and_says_so() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>Sở</a>";
        let mut le = vec![0xFF, 0xFE];
        le.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(xml.encode_utf16().flat_map(u16::to_be_bytes));
        let expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>Sở</a>";
        assert_eq!(utf16_to_utf8(&le).as_deref(), Some(expected.as_bytes()));
        assert_eq!(utf16_to_utf8(&be).as_deref(), Some(expected.as_bytes()));
        assert_eq!(utf16_to_utf8(b"<a/>"), None);
    }

    #[test]
    fn corpus_containers_with_utf16_parts_or_a_wrong_checksum_are_repaired() {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
        let limits = Limits::default();
        for (file, kind) in [
            ("PhpSpreadsheet/utf16be.xlsx", RepairKind::Utf16),
            ("roo/Pfand_from_windows_phone.xlsx", RepairKind::Utf16),
            ("calamine/issue252.xlsx", RepairKind::Checksum),
        ] {
            let (_, repairs) = repaired_zip(&corpus.join(file), &limits, false)
                .expect("readable")
                .expect("repaired");
            assert!(
                repairs.iter().any(|r| r.kind == kind),
                "{file}: {repairs:?}"
            );
        }
        // A sound workbook needs no repair.
        let sound =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../datasets/seed_appendix_2021.xlsx");
        assert_eq!(
            repaired_zip(&sound, &limits, false).expect("readable"),
            None
        );
        for (file, kind) in [
            (
                "PhpSpreadsheet/RepeatedDataCells.ods",
                RepairKind::Indentation,
            ),
            ("PhpSpreadsheet/nomimetype.ods", RepairKind::Mimetype),
        ] {
            let (_, repairs) = repaired_zip(&corpus.join(file), &limits, true)
                .expect("readable")
                .expect("repaired");
            assert!(
                repairs.iter().any(|r| r.kind == kind),
                "{file}: {repairs:?}"
            );
        }
    }
}
