//! An .xlsb that calamine refuses, read the way Excel reads it.
//!
//! calamine finds a binary workbook's sheets through `xl/_rels/workbook.bin.rels` under exactly
//! that name, resolves each sheet's target by joining it to `xl/`, and knows worksheets, chart
//! sheets and dialog sheets only. Real files break each of these: the relationships part under a
//! name of another case (calamine then indexes an empty map and panics, "no entry found for
//! key"), a macro sheet (`xl/macrosheets/`, refused as "Unrecognized BoundSheet8:dt"), a part
//! whose name is not UTF-8 and whose target is percent-encoded ("File not found"). Excel opens
//! all of them. When calamine refuses an .xlsb, a copy is written in memory with the workbook at
//! `xl/workbook.bin`, its relationships at `xl/_rels/workbook.bin.rels`, each worksheet at
//! `xl/worksheets/sheetN.bin` (found by its relationship, any case, absolute or relative, its
//! name compared as bytes), and the sheets that are not worksheets (macro, dialog, chart) or
//! whose part is missing left out of the workbook's list; the import says what was left out and
//! why ([`RepairKind::SkippedSheet`]), and which parts were found under another name.

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use super::limits::Limits;
use super::repair::{Repair, RepairKind, Repaired, SkippedKind, zip_of};
use crate::error::ImportError;

/// A part's name as a key: lower case, `/` separators, no leading `/`.
fn key(name: &[u8]) -> Vec<u8> {
    let mut k: Vec<u8> = name
        .iter()
        .map(|b| {
            if *b == b'\\' {
                b'/'
            } else {
                b.to_ascii_lowercase()
            }
        })
        .collect();
    while k.first() == Some(&b'/') {
        k.remove(0);
    }
    k
}

/// A relationship target as the part name it points to: percent-decoded, resolved against the
/// folder of the part that holds the relationships (`base`, e.g. `xl`), `..` and `.` folded.
fn resolve(base: &[u8], target: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(target.len());
    let raw = target.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (raw[i], raw.get(i + 1).copied(), raw.get(i + 2).copied()) {
            (b'%', Some(a), Some(b)) if hex(a).is_some() && hex(b).is_some() => {
                bytes.push((hex(a).unwrap_or(0) * 16 + hex(b).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                bytes.push(b);
                i += 1;
            }
        }
    }
    let absolute = bytes.first().is_some_and(|b| *b == b'/' || *b == b'\\');
    let mut segments: Vec<&[u8]> = if absolute {
        Vec::new()
    } else {
        base.split(|b| *b == b'/')
            .filter(|s| !s.is_empty())
            .collect()
    };
    for segment in bytes.split(|b| *b == b'/' || *b == b'\\') {
        match segment {
            b"" | b"." => {}
            b".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join(&b'/')
}

/// A relationship: its type (the last segment of the URI) and the part it points to.
struct Rel {
    kind: String,
    part: Vec<u8>,
}

/// The relationships of a `.rels` part, by id.
fn relationships(xml: &[u8], base: &[u8]) -> HashMap<String, Rel> {
    let mut out = HashMap::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e))
                if e.local_name().as_ref() == "Relationship" =>
            {
                let mut id = None;
                let mut kind = String::new();
                let mut target = None;
                for a in e.attributes().flatten() {
                    let value = a.value.to_string();
                    match a.key.local_name().as_ref() {
                        "Id" => id = Some(value),
                        "Type" => kind = value.rsplit('/').next().unwrap_or("").to_owned(),
                        "Target" => target = Some(value),
                        _ => {}
                    }
                }
                if let (Some(id), Some(target)) = (id, target) {
                    let part = resolve(base, &target);
                    out.insert(id, Rel { kind, part });
                }
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// One BIFF12 record: its type, and the bytes of its header and body.
struct Record<'a> {
    typ: u16,
    whole: &'a [u8],
    body: &'a [u8],
}

/// The records of a binary part, in order; stops at a truncated record.
fn records(data: &[u8]) -> Vec<Record<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < data.len() {
        let start = at;
        let Some(&b) = data.get(at) else { break };
        at += 1;
        let mut typ = u16::from(b & 0x7F);
        if b & 0x80 != 0 {
            let Some(&b2) = data.get(at) else { break };
            at += 1;
            typ += u16::from(b2 & 0x7F) << 7;
        }
        let mut len = 0usize;
        for i in 0..4 {
            let Some(&b) = data.get(at) else { return out };
            at += 1;
            len += usize::from(b & 0x7F) << (7 * i);
            if b & 0x80 == 0 {
                break;
            }
        }
        let Some(body) = data.get(at..at + len) else {
            break;
        };
        at += len;
        out.push(Record {
            typ,
            whole: &data[start..at],
            body,
        });
    }
    out
}

/// A record written whole (type and size as variable-length integers).
fn write_record(out: &mut Vec<u8>, typ: u16, body: &[u8]) {
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

/// An XLWideString at `at`: the text and where it ends.
fn wide_at(body: &[u8], at: usize) -> Option<(String, usize)> {
    let count = u32::from_le_bytes(body.get(at..at + 4)?.try_into().ok()?) as usize;
    let end = at + 4 + count.checked_mul(2)?;
    let units: Vec<u16> = body
        .get(at + 4..end)?
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    Some((String::from_utf16_lossy(&units), end))
}

fn wide(s: &str) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    for u in units {
        out.extend(u.to_le_bytes());
    }
    out
}

/// What a relationship's type makes of a sheet: kept (a worksheet) or left out, and why.
fn sheet_kind(rel: &Rel) -> Option<SkippedKind> {
    let folder = |name: &[u8]| {
        name.split(|b| *b == b'/')
            .rev()
            .nth(1)
            .map(<[u8]>::to_ascii_lowercase)
    };
    let kind = rel.kind.to_ascii_lowercase();
    let in_folder = folder(&rel.part);
    match (kind.as_str(), in_folder.as_deref()) {
        ("worksheet", _) => None,
        (k, _) if k.contains("macrosheet") => Some(SkippedKind::Macro),
        ("dialogsheet", _) => Some(SkippedKind::Dialog),
        ("chartsheet", _) => Some(SkippedKind::Chart),
        (_, Some(b"macrosheets")) => Some(SkippedKind::Macro),
        (_, Some(b"dialogsheets")) => Some(SkippedKind::Dialog),
        (_, Some(b"chartsheets")) => Some(SkippedKind::Chart),
        _ => None,
    }
}

/// Whether a part of the container has a name that is not UTF-8 (calamine opens such a
/// workbook, then cannot find the part by its target).
pub(crate) fn names_not_utf8(path: &Path) -> Result<bool, ImportError> {
    let file = std::fs::File::open(path).map_err(|source| ImportError::Io {
        path: path.to_owned(),
        source,
    })?;
    let zip =
        zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| ImportError::Damaged {
            path: path.to_owned(),
            detail: e.to_string(),
        })?;
    Ok(zip
        .file_names_raw()
        .any(|n| std::str::from_utf8(n).is_err()))
}

/// A normalised copy of an .xlsb (see the module's documentation) and what was done; `None` when
/// nothing needed doing (the workbook's trouble lies elsewhere).
pub(crate) fn normalized(path: &Path, limits: &Limits) -> Result<Option<Repaired>, ImportError> {
    let damaged = |detail: String| ImportError::Damaged {
        path: path.to_owned(),
        detail,
    };
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_owned(),
        source,
    })?;
    let mut zip = zip::ZipArchive::new(Cursor::new(&bytes)).map_err(|e| damaged(e.to_string()))?;
    let mut parts: Vec<(Vec<u8>, Vec<u8>)> = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| damaged(e.to_string()))?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name_raw().to_vec();
        let mut data = Vec::new();
        (&mut entry)
            .take(limits.max_part_bytes)
            .read_to_end(&mut data)
            .map_err(|e| damaged(format!("{}: {e}", String::from_utf8_lossy(&name))))?;
        parts.push((name, data));
    }
    let find = |name: &[u8]| {
        let k = key(name);
        parts.iter().position(|(n, _)| key(n) == k)
    };
    let shown = |name: &[u8]| String::from_utf8_lossy(name).into_owned();
    let mut repairs = Vec::new();

    // The workbook part, from the package's relationships.
    let workbook = find(b"_rels/.rels")
        .map(|i| relationships(&parts[i].1, b""))
        .and_then(|rels| {
            rels.into_values()
                .find(|r| r.kind == "officeDocument")
                .map(|r| r.part)
        })
        .unwrap_or_else(|| b"xl/workbook.bin".to_vec());
    let Some(wb) = find(&workbook) else {
        return Ok(None);
    };
    let (dir, file) = match workbook.iter().rposition(|b| *b == b'/') {
        Some(at) => (workbook[..at].to_vec(), workbook[at + 1..].to_vec()),
        None => (Vec::new(), workbook.clone()),
    };
    let mut rels_name = dir.clone();
    if !rels_name.is_empty() {
        rels_name.push(b'/');
    }
    rels_name.extend_from_slice(b"_rels/");
    rels_name.extend_from_slice(&file);
    rels_name.extend_from_slice(b".rels");
    let Some(rels_at) = find(&rels_name) else {
        return Ok(None);
    };
    if parts[rels_at].0 != b"xl/_rels/workbook.bin.rels" || parts[wb].0 != b"xl/workbook.bin" {
        repairs.push(Repair {
            part: shown(&parts[rels_at].0),
            kind: RepairKind::PartsRenamed,
        });
    }
    let rels = relationships(&parts[rels_at].1, &dir);

    // The sheets: worksheets kept under canonical names, the others left out and named.
    let mut out_book = Vec::new();
    let mut out_rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut sheets: Vec<(String, usize)> = Vec::new();
    for rec in records(&parts[wb].1) {
        if rec.typ != 0x9C {
            out_book.extend_from_slice(rec.whole);
            continue;
        }
        // BrtBundleSh: state, tab id, relationship id, name.
        let parsed = wide_at(rec.body, 8)
            .and_then(|(id, end)| wide_at(rec.body, end).map(|(name, _)| (id, name)));
        let Some((id, name)) = parsed else {
            out_book.extend_from_slice(rec.whole);
            continue;
        };
        let found = rels.get(&id).and_then(|r| find(&r.part).map(|at| (r, at)));
        let skipped = match found {
            None => Some((SkippedKind::NoPart, id.clone())),
            Some((rel, at)) => sheet_kind(rel).map(|k| (k, shown(&parts[at].0))),
        };
        if let Some((what, part)) = skipped {
            repairs.push(Repair {
                part,
                kind: RepairKind::SkippedSheet { sheet: name, what },
            });
            continue;
        }
        let Some((_, at)) = found else { continue };
        if std::str::from_utf8(&parts[at].0).is_err() {
            repairs.push(Repair {
                part: shown(&parts[at].0),
                kind: RepairKind::PartName,
            });
        }
        sheets.push((name.clone(), at));
        let n = sheets.len();
        let mut body = rec.body[..8].to_vec();
        body.extend(wide(&format!("rId{n}")));
        body.extend(wide(&name));
        write_record(&mut out_book, 0x9C, &body);
        out_rels.push_str(&format!(
            r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.bin"/>"#
        ));
    }
    out_rels.push_str("</Relationships>");
    if repairs.is_empty() {
        return Ok(None);
    }

    // The copy: the package, the workbook and its relationships, the worksheets, the shared
    // strings and styles where calamine looks for them.
    let mut named: Vec<(String, &[u8])> = Vec::new();
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>"#;
    if let Some(i) = find(b"[Content_Types].xml") {
        named.push(("[Content_Types].xml".to_owned(), &parts[i].1));
    }
    named.push(("_rels/.rels".to_owned(), root_rels.as_bytes()));
    named.push(("xl/workbook.bin".to_owned(), &out_book));
    named.push(("xl/_rels/workbook.bin.rels".to_owned(), out_rels.as_bytes()));
    for (n, (_, at)) in sheets.iter().enumerate() {
        named.push((format!("xl/worksheets/sheet{}.bin", n + 1), &parts[*at].1));
    }
    for rel in rels.values() {
        let canonical = match rel.kind.as_str() {
            "sharedStrings" => "xl/sharedStrings.bin",
            "styles" => "xl/styles.bin",
            _ => continue,
        };
        if let Some(at) = find(&rel.part) {
            named.push((canonical.to_owned(), &parts[at].1));
        }
    }
    let named: Vec<(&str, &[u8])> = named.iter().map(|(n, d)| (n.as_str(), *d)).collect();
    let copy = zip_of(&named).map_err(|e| damaged(e.to_string()))?;
    Ok(Some((copy, repairs)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_relative_absolute_and_percent_encoded() {
        assert_eq!(
            resolve(b"xl", "worksheets/sheet1.bin"),
            b"xl/worksheets/sheet1.bin"
        );
        assert_eq!(
            resolve(b"xl", "/xl/worksheets/sheet1.bin"),
            b"xl/worksheets/sheet1.bin"
        );
        assert_eq!(
            resolve(b"xl", "../xl/./worksheets/s.bin"),
            b"xl/worksheets/s.bin"
        );
        assert_eq!(
            resolve(b"xl", "worksheets/ba%D2ng1.bin"),
            b"xl/worksheets/ba\xd2ng1.bin"
        );
        assert_eq!(
            key(b"\\XL\\Worksheets\\Sheet1.BIN"),
            b"xl/worksheets/sheet1.bin"
        );
    }

    #[test]
    fn records_round_trip() {
        let mut data = Vec::new();
        write_record(&mut data, 0x83, &[]);
        write_record(&mut data, 0x9C, &[7u8; 200]);
        write_record(&mut data, 0x05, &[1, 2, 3]);
        let recs = records(&data);
        let got: Vec<(u16, usize)> = recs.iter().map(|r| (r.typ, r.body.len())).collect();
        assert_eq!(got, [(0x83, 0), (0x9C, 200), (0x05, 3)]);
        // A truncated record ends the list.
        assert_eq!(records(&data[..data.len() - 1]).len(), 2);
    }
}
