//! A fast path for `.xlsx` worksheets: the sheet's XML is inflated on one thread and scanned on
//! another, cell by cell, with byte searches rather than a general XML parser.
//!
//! Only what a worksheet's cells need is read: the shared strings (cleaned once, not per cell),
//! which cell styles are dates, and the `<c>` elements of `<sheetData>`. Anything this scanner
//! does not expect (namespace prefixes, a part it cannot find) makes [`FastXlsx::open`] return
//! `None` or [`FastXlsx::cells`] return [`Fallback`], and the reader uses calamine instead, so the
//! fast path never decides what a workbook means on its own. A test reads every bundled workbook
//! both ways and requires the same cells.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, sync_channel};

use memchr::memmem;

use super::limits::{Limits, RowGrouper};
use crate::cell::legacy::{LegacyFont, SheetDecoding, legacy_font};
use crate::cell::{Row, Value, excel_date, text_value};
use crate::error::ImportError;

mod xml;

use xml::{
    CELL_END, attr, cell_attrs, cell_position, is_builtin_date, is_date_format, item_text, parse_u,
    parse_whole, row_index, simple_cell, tags, unescape, v_text,
};

/// The scanner met something it does not handle: read the sheet with calamine instead.
#[derive(Debug)]
pub(crate) struct Fallback(pub String);

/// An .xlsx workbook opened for fast sheet reading.
pub(crate) struct FastXlsx {
    path: PathBuf,
    /// Sheet name → part path inside the zip ("xl/worksheets/sheet1.xml").
    parts: HashMap<String, String>,
    /// Shared strings, cleaned (`None` when empty after cleaning); loaded on first use.
    shared: Option<Vec<Option<Arc<str>>>>,
    shared_part: Option<String>,
    /// For each cell style index, whether its number format is a date.
    date_styles: Vec<bool>,
    /// For each cell style index, the legacy font of its text (empty when no style has one).
    legacy_styles: Vec<Option<LegacyFont>>,
}

fn read_part(zip: &mut zip::ZipArchive<BufReader<File>>, name: &str) -> Option<Vec<u8>> {
    let mut entry = zip.by_name(name).ok()?;
    let mut out = Vec::with_capacity(entry.size().min(1 << 26) as usize);
    entry.read_to_end(&mut out).ok()?;
    Some(out)
}

impl FastXlsx {
    /// Opens the workbook's parts list, sheet map and styles; `None` when the container is not
    /// laid out as this reader expects (calamine then reads it).
    pub(crate) fn open(path: &Path, sheet_names: &[String]) -> Option<FastXlsx> {
        let file = File::open(path).ok()?;
        let mut zip = zip::ZipArchive::new(BufReader::new(file)).ok()?;
        let workbook = read_part(&mut zip, "xl/workbook.xml")?;
        let rels = read_part(&mut zip, "xl/_rels/workbook.xml.rels")?;
        let mut targets: HashMap<String, String> = HashMap::new();
        let mut shared_part = None;
        for tag in tags(&rels, b"Relationship") {
            let (Some(id), Some(target)) = (attr(tag, b"Id"), attr(tag, b"Target")) else {
                continue;
            };
            let part = match target.strip_prefix('/') {
                Some(abs) => abs.to_owned(),
                None => format!("xl/{target}"),
            };
            if attr(tag, b"Type").is_some_and(|t| t.ends_with("/sharedStrings")) {
                shared_part = Some(part.clone());
            }
            targets.insert(id, part);
        }
        let mut parts = HashMap::new();
        for tag in tags(&workbook, b"sheet") {
            let name = attr(tag, b"name")?;
            let id = attr(tag, b"r:id")?;
            parts.insert(name, targets.get(&id)?.clone());
        }
        if sheet_names.iter().any(|n| !parts.contains_key(n)) {
            return None;
        }
        let mut date_styles = Vec::new();
        let mut legacy_styles = Vec::new();
        if let Some(styles) = read_part(&mut zip, "xl/styles.xml") {
            // Each font's name, in order: a `.Vn…` or `VNI-…` font marks legacy text.
            let mut fonts: Vec<Option<LegacyFont>> = Vec::new();
            if let Some(start) = memmem::find(&styles, b"<fonts") {
                let end =
                    memmem::find(&styles[start..], b"</fonts>").map_or(styles.len(), |e| start + e);
                let section = &styles[start..end];
                let mut from = 0;
                while let Some(i) = memmem::find(&section[from..], b"<font") {
                    let at = from + i + 5;
                    if !matches!(section.get(at), Some(b' ' | b'>' | b'/')) {
                        from = at;
                        continue;
                    }
                    let close =
                        memmem::find(&section[at..], b"</font>").map_or(section.len(), |e| at + e);
                    let name = tags(&section[at..close], b"name")
                        .next()
                        .and_then(|t| attr(t, b"val"));
                    fonts.push(name.as_deref().and_then(legacy_font));
                    from = close;
                }
            }
            let mut custom: HashMap<u32, bool> = HashMap::new();
            for tag in tags(&styles, b"numFmt") {
                if let (Some(id), Some(code)) = (attr(tag, b"numFmtId"), attr(tag, b"formatCode"))
                    && let Ok(id) = id.parse::<u32>()
                {
                    custom.insert(id, is_date_format(&code));
                }
            }
            let xfs_start = memmem::find(&styles, b"<cellXfs")?;
            let xfs_end = memmem::find(&styles[xfs_start..], b"</cellXfs>")
                .map_or(styles.len(), |e| xfs_start + e);
            for tag in tags(&styles[xfs_start..xfs_end], b"xf") {
                let id: u32 = attr(tag, b"numFmtId")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                date_styles.push(
                    custom
                        .get(&id)
                        .copied()
                        .unwrap_or_else(|| is_builtin_date(id)),
                );
                let font: usize = attr(tag, b"fontId")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                legacy_styles.push(fonts.get(font).copied().flatten());
            }
        }
        if legacy_styles.iter().all(Option::is_none) {
            legacy_styles.clear();
        }
        Some(FastXlsx {
            path: path.to_owned(),
            parts,
            shared: None,
            shared_part,
            date_styles,
            legacy_styles,
        })
    }

    fn load_shared(&mut self) -> Result<(), Fallback> {
        if self.shared.is_some() {
            return Ok(());
        }
        let mut strings = Vec::new();
        if let Some(part) = &self.shared_part {
            let file = File::open(&self.path).map_err(|e| Fallback(e.to_string()))?;
            let mut zip =
                zip::ZipArchive::new(BufReader::new(file)).map_err(|e| Fallback(e.to_string()))?;
            let xml = read_part(&mut zip, part).ok_or_else(|| Fallback(format!("no {part}")))?;
            if memmem::find(&xml, b":si>").is_some() {
                return Err(Fallback("prefixed shared strings".into()));
            }
            let mut from = 0;
            while let Some(i) = memmem::find(&xml[from..], b"<si") {
                let at = from + i;
                let Some(end) = memmem::find(&xml[at..], b"</si>").map(|e| at + e) else {
                    // `<si/>`: an empty item.
                    strings.push(None);
                    from = at + 3;
                    continue;
                };
                let item = &xml[at..end];
                // A self-closing `<si/>` followed by another item.
                if let Some(self_closing) = memmem::find(item, b"/>")
                    && memchr::memchr(b'>', item) == Some(self_closing + 1)
                {
                    strings.push(None);
                    from = at + self_closing + 2;
                    continue;
                }
                strings.push(text_value(&item_text(item)).map(|v| match v {
                    Value::Text(s) => s,
                    other => other.as_text().into(),
                }));
                from = end + 5;
            }
        }
        self.shared = Some(strings);
        Ok(())
    }

    /// Streams the cells of `sheet` in document order to `on_cell(row, col, value)`; stops when it
    /// returns `Break`.
    pub(crate) fn cells(
        &mut self,
        sheet: &str,
        decoding: &mut SheetDecoding,
        mut on_cell: impl FnMut(u32, u32, Value) -> Result<ControlFlow<()>, ImportError>,
    ) -> Result<Result<(), ImportError>, Fallback> {
        let decode = decoding.forced() || !self.legacy_styles.is_empty();
        self.load_shared()?;
        let part = self
            .parts
            .get(sheet)
            .cloned()
            .ok_or_else(|| Fallback(format!("no part for {sheet}")))?;
        let chunks = inflate_in_background(self.path.clone(), part);
        let shared = self.shared.as_deref().unwrap_or_default();
        let mut scanner = Scanner::new(chunks);
        let mut inline = InlineStrings::default();
        if !scanner.seek_sheet_data()? {
            return Ok(Ok(())); // no cells at all
        }
        let (mut row, mut col): (u32, u32) = (0, 0);
        let mut first_row = true;
        loop {
            // Elements usually follow each other directly: no search needed.
            let next = if scanner.buf.get(scanner.pos) == Some(&b'<') {
                Some(0)
            } else {
                memchr::memchr(b'<', &scanner.buf[scanner.pos..])
            };
            let Some(lt) = next else {
                scanner.pos = scanner.buf.len();
                if !scanner.more().map_err(Fallback)? {
                    return Ok(Ok(()));
                }
                continue;
            };
            scanner.pos += lt;
            // Need a few bytes to tell the element.
            if scanner.buf.len() - scanner.pos < 16 && !scanner.done {
                scanner.more().map_err(Fallback)?;
                continue;
            }
            let rest = &scanner.buf[scanner.pos..];
            if rest.starts_with(b"<row") && matches!(rest.get(4), Some(b' ' | b'>')) {
                let Some(end) = memchr::memchr(b'>', rest) else {
                    if !scanner.more().map_err(Fallback)? {
                        return Ok(Ok(()));
                    }
                    continue;
                };
                row = row_index(&rest[..=end], row, first_row);
                first_row = false;
                col = 0;
                scanner.pos += end + 1;
            } else if rest.starts_with(b"<c") && matches!(rest.get(2), Some(b' ' | b'>' | b'/')) {
                // Attributes, body (`None` when self-closing), `<v>` text when already found,
                // and length: in one pass for the usual cell, else by searching for its ends.
                let ((r_attr, t_attr, s_attr), body, v, len, simple) = match simple_cell(rest) {
                    Some((attrs, v, len)) => (attrs, v, v, len, true),
                    None => {
                        let Some(open_end) = memchr::memchr(b'>', rest) else {
                            if !scanner.more().map_err(Fallback)? {
                                return Ok(Ok(()));
                            }
                            continue;
                        };
                        let tag = &rest[..=open_end];
                        if tag.ends_with(b"/>") {
                            (cell_attrs(tag), None, None, open_end + 1, false)
                        } else {
                            let Some(close) =
                                CELL_END.find(&rest[open_end..]).map(|e| open_end + e)
                            else {
                                if !scanner.more().map_err(Fallback)? {
                                    return Err(Fallback("a cell without its end".into()));
                                }
                                continue;
                            };
                            let body = &rest[open_end + 1..close];
                            (cell_attrs(tag), Some(body), None, close + 4, false)
                        }
                    }
                };
                let (r, c) = match r_attr.and_then(cell_position) {
                    Some(rc) => rc,
                    None => (row, col),
                };
                col = c + 1;
                let style: usize = s_attr.and_then(parse_u).unwrap_or(0);
                let value = match body {
                    Some(body) => {
                        let kind = t_attr.and_then(|t| std::str::from_utf8(t).ok());
                        if kind == Some("inlineStr") {
                            if simple {
                                inline.text(body)
                            } else {
                                inline.value(body)
                            }
                        } else {
                            cell_value(body, v, kind, style, &self.date_styles, shared)
                                .map_err(Fallback)?
                        }
                    }
                    None => None,
                };
                scanner.pos += len;
                if let Some(mut value) = value {
                    if decode {
                        let font = self.legacy_styles.get(style).copied().flatten();
                        value = decoding.apply(c, value, font);
                    }
                    match on_cell(r, c, value) {
                        Ok(ControlFlow::Continue(())) => {}
                        Ok(ControlFlow::Break(())) => return Ok(Ok(())),
                        Err(e) => return Ok(Err(e)),
                    }
                }
            } else if rest.starts_with(b"</sheetData") {
                return Ok(Ok(()));
            } else if rest.starts_with(b"<x:") || rest.starts_with(b"</x:") {
                return Err(Fallback("prefixed worksheet elements".into()));
            } else {
                scanner.pos += 1;
            }
            scanner.compact();
        }
    }
}

/// The inline strings of a sheet already read, by their raw XML: a streaming writer (openpyxl's
/// write-only mode, Apache POI's SXSSF) writes every text inline, the same few answer labels and
/// units on every row, and each distinct one is cleaned once, as a shared string is. Bounded: long
/// texts and texts past the first 65,536 distinct ones are read each time.
#[derive(Default)]
struct InlineStrings {
    seen: HashMap<Box<[u8]>, Option<Arc<str>>>,
}

impl InlineStrings {
    const MAX_ENTRIES: usize = 1 << 16;
    const MAX_BYTES: usize = 512;

    /// The value of an inline string's body (`<is>…</is>`, runs and all).
    fn value(&mut self, body: &[u8]) -> Option<Value> {
        self.cached(body, item_text)
    }

    /// The value of an inline string whose body is one `<t>`, from that text (escaped).
    fn text(&mut self, raw: &[u8]) -> Option<Value> {
        // Raw text holds no '<' and a body starts with one: the two kinds of key never meet.
        self.cached(raw, unescape)
    }

    fn cached(&mut self, raw: &[u8], read: impl Fn(&[u8]) -> String) -> Option<Value> {
        let cacheable = raw.len() <= Self::MAX_BYTES;
        if cacheable && let Some(text) = self.seen.get(raw) {
            return text.clone().map(Value::Text);
        }
        let text = text_value(&read(raw)).map(|v| match v {
            Value::Text(s) => s,
            other => other.as_text().into(),
        });
        if cacheable && self.seen.len() < Self::MAX_ENTRIES {
            self.seen.insert(raw.into(), text.clone());
        }
        text.map(Value::Text)
    }
}

/// A cell's value from its body (between `<c …>` and `</c>`); `v` is the text of its `<v>` when
/// the caller already found it.
fn cell_value(
    body: &[u8],
    v: Option<&[u8]>,
    kind: Option<&str>,
    style: usize,
    date_styles: &[bool],
    shared: &[Option<Arc<str>>],
) -> Result<Option<Value>, String> {
    let v_text = |body| v.or_else(|| v_text(body));
    let text = || v_text(body).map(unescape);
    Ok(match kind {
        Some("s") => {
            let Some(v) = v_text(body) else {
                return Ok(None);
            };
            let i = parse_u(v)
                .or_else(|| {
                    std::str::from_utf8(v)
                        .ok()
                        .and_then(|s| s.trim().parse().ok())
                })
                .ok_or("a shared-string index that is not a number")?;
            let s = shared.get(i).ok_or("a shared-string index out of range")?;
            s.clone().map(Value::Text)
        }
        Some("str") => text().and_then(|s| text_value(&s)),
        Some("inlineStr") => InlineStrings::default().value(body),
        Some("b") => text().map(|s| Value::Bool(s.trim() == "1")),
        Some("e") => text().map(Value::Error),
        Some("d") => text().map(Value::Date),
        Some("n") | None => {
            // A formula whose result was never computed writes an empty value: no value.
            let Some(v) = v_text(body).filter(|v| !v.iter().all(u8::is_ascii_whitespace)) else {
                return Ok(None);
            };
            let x: f64 = match parse_whole(v) {
                Some(n) => n as f64,
                None => {
                    let s = std::str::from_utf8(v).map_err(|e| e.to_string())?;
                    s.trim()
                        .parse()
                        .map_err(|_| format!("a number cell holds {s}"))?
                }
            };
            if date_styles.get(style).copied().unwrap_or(false) {
                Some(Value::Date(excel_date(x)))
            } else {
                Some(Value::Number(x))
            }
        }
        Some(other) => return Err(format!("a cell of type {other}")),
    })
}

/// Inflates a part on its own thread, sending chunks; dropping the receiver stops it.
fn inflate_in_background(path: PathBuf, part: String) -> Receiver<Result<Vec<u8>, String>> {
    let (tx, rx) = sync_channel::<Result<Vec<u8>, String>>(8);
    std::thread::spawn(move || {
        let run = || -> Result<(), String> {
            let file = File::open(&path).map_err(|e| e.to_string())?;
            let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| e.to_string())?;
            let mut entry = zip.by_name(&part).map_err(|e| e.to_string())?;
            loop {
                let mut chunk = vec![0u8; 1 << 18];
                let mut filled = 0;
                while filled < chunk.len() {
                    let n = entry
                        .read(&mut chunk[filled..])
                        .map_err(|e| e.to_string())?;
                    if n == 0 {
                        break;
                    }
                    filled += n;
                }
                if filled == 0 {
                    return Ok(());
                }
                chunk.truncate(filled);
                if tx.send(Ok(chunk)).is_err() {
                    return Ok(()); // the reader stopped early
                }
            }
        };
        if let Err(e) = run() {
            let _ = tx.send(Err(e));
        }
    });
    rx
}

struct Scanner {
    buf: Vec<u8>,
    pos: usize,
    chunks: Receiver<Result<Vec<u8>, String>>,
    done: bool,
}

impl Scanner {
    fn new(chunks: Receiver<Result<Vec<u8>, String>>) -> Scanner {
        Scanner {
            buf: Vec::with_capacity(1 << 20),
            pos: 0,
            chunks,
            done: false,
        }
    }

    /// Moves to the start of the cells (`<sheetData`), refusing prefixed element names; `false`
    /// when the sheet has no cells.
    fn seek_sheet_data(&mut self) -> Result<bool, Fallback> {
        loop {
            if let Some(i) = memmem::find(&self.buf, b"<sheetData") {
                self.pos = i;
                return Ok(true);
            }
            if memmem::find(&self.buf, b":sheetData").is_some() {
                return Err(Fallback("prefixed worksheet elements".into()));
            }
            if !self.more().map_err(Fallback)? {
                return Ok(false);
            }
        }
    }

    /// Appends the next chunk; `false` at the end of the part.
    fn more(&mut self) -> Result<bool, String> {
        if self.done {
            return Ok(false);
        }
        match self.chunks.recv() {
            Ok(Ok(chunk)) => {
                self.compact();
                self.buf.extend_from_slice(&chunk);
                Ok(true)
            }
            Ok(Err(e)) => Err(e),
            Err(_) => {
                self.done = true;
                Ok(false)
            }
        }
    }

    /// Drops the bytes already scanned once they are a large part of the buffer.
    fn compact(&mut self) {
        if self.pos > (1 << 20) && self.pos * 2 > self.buf.len() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
    }
}

/// The fast scanner's outcome, and whether it delivered any cell.
type ScanOutcome = (Result<Result<(), ImportError>, Fallback>, bool);

/// Scans an .xlsx sheet with the fast scanner on a thread of its own, grouping its cells into
/// rows there, while `on_row` handles the rows on the calling thread (a `Break` stops the scan).
pub(crate) fn scan_beside<F>(
    fast: &mut FastXlsx,
    sheet: &str,
    path: &Path,
    limits: Limits,
    decoding: &mut SheetDecoding,
    on_row: &mut F,
) -> ScanOutcome
where
    F: FnMut(&mut Row) -> ControlFlow<()>,
{
    let scan = |grouper: &mut RowGrouper<'_>,
                mut send: &mut dyn FnMut(&mut Row) -> ControlFlow<()>| {
        let mut delivered = false;
        let result = fast.cells(sheet, decoding, |row, col, value| {
            delivered = true;
            grouper.push(row, col, value, &mut send)
        });
        let done = matches!(result, Ok(Ok(())));
        if done {
            grouper.finish(&mut send);
        }
        ((result, delivered), done)
    };
    super::beside::read_beside(path, sheet, limits, scan, on_row)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_formula_never_computed_has_no_value_rather_than_a_damaged_file() {
        // Regression (corpus: PhpSpreadsheet/32readwriteComboChart1.xlsx): `<v></v>` in a number cell.
        let cell = cell_value(b"<f>IF(A1,1,\"\")</f><v></v>", None, None, 0, &[], &[]);
        assert_eq!(cell, Ok(None));
        let cell = cell_value(b"<v>42</v>", None, None, 0, &[], &[]);
        assert_eq!(cell, Ok(Some(Value::Number(42.0))));
    }
}
