//! CSV files as a one-sheet workbook (dossier logs past Excel's row limit come as CSV): UTF-8
//! with or without a byte-order mark, fields separated by `,`, `;` or a tab (told from the first
//! line, outside quotes), quoted fields with `""` for a quote and line breaks inside. Every cell
//! is text, cleaned like a workbook's; the kind reads numbers and dates from it. Streamed: the
//! file is never held whole, and every cell passes the one limit check of [`RowGrouper`].

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::ops::ControlFlow;
use std::path::Path;

use super::limits::{Limits, RowGrouper};
use crate::cell::{Row, Value, text_value};
use crate::error::ImportError;

/// The most bytes one field may hold: a field that never closes its quote is refused before it
/// swallows the file.
const MAX_FIELD_BYTES: usize = 1 << 20;

/// Whether the first bytes look like text (no NUL, valid UTF-8 up to a cut character).
pub(super) fn looks_like_text(head: &[u8]) -> bool {
    if head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    }
}

/// The field separator: the one of `,`, `;` and tab that the first line holds most of, outside
/// quotes (`,` when none).
fn separator(first_line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in first_line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let seps = [b',', b';', b'\t'];
    let best = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    if counts[best] == 0 { b',' } else { seps[best] }
}

/// Streams a CSV file's rows to `on_row`: read, split and cleaned on a thread of its own while
/// the calling thread handles the rows ([`super::beside`]).
pub(super) fn rows<F>(
    path: &Path,
    sheet: &str,
    limits: Limits,
    on_row: &mut F,
) -> Result<(), ImportError>
where
    F: FnMut(&mut Row) -> ControlFlow<()>,
{
    let read = |grouper: &mut RowGrouper<'_>,
                mut send: &mut dyn FnMut(&mut Row) -> ControlFlow<()>| {
        let result = read_rows(path, grouper, &mut send);
        let read_whole = result.is_ok();
        (result, read_whole)
    };
    super::beside::read_beside(path, sheet, limits, read, on_row)
}

/// The last distinct texts of one column, cleaned once and shared: a log repeats its units,
/// procedures, fields, channels and statuses on every row. A column whose values rarely repeat
/// (codes, dates, names) stops being looked up.
#[derive(Default)]
struct ColumnCache {
    entries: Vec<(Box<[u8]>, Value)>,
    next: usize,
    lookups: u32,
    hits: u32,
    off: bool,
}

impl ColumnCache {
    const SIZE: usize = 16;

    fn get(&mut self, raw: &[u8]) -> Option<Value> {
        if self.off {
            return None;
        }
        self.lookups += 1;
        if let Some((_, v)) = self.entries.iter().find(|(k, _)| **k == *raw) {
            self.hits += 1;
            return Some(v.clone());
        }
        // After a thousand rows, a column that hits less than half the time is not cached.
        if self.lookups >= 1000 && self.hits * 2 < self.lookups {
            self.off = true;
            self.entries = Vec::new();
        }
        None
    }

    fn put(&mut self, raw: &[u8], value: &Value) {
        if self.off {
            return;
        }
        if self.entries.len() < Self::SIZE {
            self.entries.push((raw.into(), value.clone()));
        } else {
            self.entries[self.next] = (raw.into(), value.clone());
            self.next = (self.next + 1) % Self::SIZE;
        }
    }
}

/// Reads the file's rows through `grouper` to `on_row`, on the calling thread.
fn read_rows<F>(
    path: &Path,
    grouper: &mut RowGrouper<'_>,
    on_row: &mut F,
) -> Result<(), ImportError>
where
    F: FnMut(&mut Row) -> ControlFlow<()>,
{
    let io = |source| ImportError::Io {
        path: path.to_owned(),
        source,
    };
    let damaged = |detail: String| ImportError::Damaged {
        path: path.to_owned(),
        detail,
    };
    let mut reader = BufReader::with_capacity(1 << 20, File::open(path).map_err(io)?);
    let mut line: Vec<u8> = Vec::with_capacity(4096);
    let mut field: Vec<u8> = Vec::with_capacity(256);
    let mut sep = None;
    let mut row: u32 = 0;
    let mut col: u32 = 0;
    let mut quoted = false;
    let mut first = true;
    let mut caches: Vec<ColumnCache> = Vec::new();
    loop {
        line.clear();
        let n = reader.read_until(b'\n', &mut line).map_err(io)?;
        if n == 0 {
            break;
        }
        let mut bytes: &[u8] = &line;
        if first {
            bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            first = false;
        }
        let sep = *sep.get_or_insert_with(|| separator(bytes));
        // A line's end outside quotes ends the row; inside quotes it is part of the field. The
        // bytes between the ones that matter are copied a run at a time.
        let mut i = 0;
        while i < bytes.len() {
            if quoted {
                match memchr::memchr(b'"', &bytes[i..]) {
                    None => {
                        field.extend_from_slice(&bytes[i..]);
                        i = bytes.len();
                    }
                    Some(k) => {
                        field.extend_from_slice(&bytes[i..i + k]);
                        let at = i + k;
                        if bytes.get(at + 1) == Some(&b'"') {
                            field.push(b'"');
                            i = at + 2;
                        } else {
                            quoted = false;
                            i = at + 1;
                        }
                    }
                }
                continue;
            }
            let rest = &bytes[i..];
            let k = memchr::memchr3(sep, b'"', b'\r', rest).unwrap_or(rest.len());
            // The run, without the line's own end (a line holds one `\n`, its last byte).
            let run = &rest[..k];
            field.extend_from_slice(run.strip_suffix(b"\n").unwrap_or(run));
            let at = i + k;
            i = at + 1;
            match bytes.get(at) {
                Some(&b'"') if field.iter().all(u8::is_ascii_whitespace) => {
                    field.clear();
                    quoted = true;
                }
                Some(&b'"') => field.push(b'"'),
                Some(&b) if b == sep => {
                    if emit(&mut field, (row, col), &mut caches, grouper, on_row, path)?.is_break()
                    {
                        return Ok(());
                    }
                    col += 1;
                }
                // A `\r` outside quotes is skipped (before `\n`, or stray).
                _ => {}
            }
        }
        if field.len() > MAX_FIELD_BYTES {
            return Err(damaged(format!(
                "a field from row {} holds more than {MAX_FIELD_BYTES} bytes (an unclosed quote?)",
                row + 1
            )));
        }
        if !quoted {
            if emit(&mut field, (row, col), &mut caches, grouper, on_row, path)?.is_break() {
                return Ok(());
            }
            row = row
                .checked_add(1)
                .ok_or_else(|| damaged("too many rows".into()))?;
            col = 0;
        }
    }
    if quoted {
        return Err(damaged(format!(
            "a quoted field opened in row {} is never closed",
            row + 1
        )));
    }
    grouper.finish(on_row);
    Ok(())
}

fn emit<F>(
    field: &mut Vec<u8>,
    (row, col): (u32, u32),
    caches: &mut Vec<ColumnCache>,
    grouper: &mut RowGrouper<'_>,
    on_row: &mut F,
    path: &Path,
) -> Result<ControlFlow<()>, ImportError>
where
    F: FnMut(&mut Row) -> ControlFlow<()>,
{
    if field.is_empty() {
        return Ok(ControlFlow::Continue(()));
    }
    let at = col as usize;
    if at < 256 && caches.len() <= at {
        caches.resize_with(at + 1, ColumnCache::default);
    }
    if let Some(value) = caches.get_mut(at).and_then(|c| c.get(field)) {
        field.clear();
        return grouper.push(row, col, value, on_row);
    }
    let text = std::str::from_utf8(field).map_err(|e| ImportError::Damaged {
        path: path.to_owned(),
        detail: format!(
            "row {}, column {}: not UTF-8 text (byte {}); save the file as CSV UTF-8",
            row + 1,
            cchc_model::column_letters(col),
            e.valid_up_to() + 1
        ),
    })?;
    let flow = match text_value(text) {
        Some(value) => {
            if let Some(cache) = caches.get_mut(at) {
                cache.put(field, &value);
            }
            grouper.push(row, col, value, on_row)?
        }
        None => ControlFlow::Continue(()),
    };
    field.clear();
    Ok(flow)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &[u8]) -> Result<Vec<Vec<(u32, String)>>, ImportError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.csv");
        std::fs::write(&path, text).unwrap();
        let mut out = Vec::new();
        let mut on_row = |r: &mut Row| {
            out.push(
                std::mem::take(&mut r.cells)
                    .into_iter()
                    .map(|(c, v)| {
                        let Value::Text(t) = v else { panic!() };
                        (c, t.to_string())
                    })
                    .collect(),
            );
            ControlFlow::Continue(())
        };
        rows(&path, "log", Limits::default(), &mut on_row)?;
        Ok(out)
    }

    #[test]
    fn separators_quotes_and_a_byte_order_mark() {
        let rows = read(b"\xEF\xBB\xBFM\xC3\xA3 h\xE1\xBB\x93 s\xC6\xA1;Ng\xC3\xA0y\r\nA-1;\"01/02/2024; 08:00\"\r\n\r\nA-2;\"say \"\"hi\"\"\nthere\"\n").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0], vec![(0, "Mã hồ sơ".into()), (1, "Ngày".into())]);
        assert_eq!(rows[1][1], (1, "01/02/2024; 08:00".into()));
        assert_eq!(rows[2][1], (1, "say \"hi\"\nthere".into()));
        // A quote inside an unquoted field is a character; a stray \r outside quotes is dropped;
        // spaces before a quote open it.
        let inner = read(b"x;y;z\r\nsay \"hi\";a\rb;  \"q;r\"\r\n").unwrap();
        assert_eq!(
            inner[1],
            vec![
                (0, "say \"hi\"".into()),
                (1, "ab".into()),
                (2, "q;r".into())
            ]
        );
        let commas = read(b"a,b,,d\n1,2,3,4\n").unwrap();
        assert_eq!(
            commas[0],
            vec![(0, "a".into()), (1, "b".into()), (3, "d".into())]
        );
    }

    #[test]
    fn a_repeated_value_is_cleaned_once_and_read_alike_every_time() {
        let mut text = b"unit;code\n".to_vec();
        for i in 0..3000 {
            text.extend_from_slice(format!("  Sở  Tư pháp ;A-{i}\n").as_bytes());
        }
        let rows = read(&text).unwrap();
        assert_eq!(rows.len(), 3001);
        assert!(
            rows[1..]
                .iter()
                .all(|r| r[0] == (0, "Sở Tư pháp".to_owned()))
        );
        assert_eq!(rows[2999][1], (1, "A-2998".to_owned()));
    }

    #[test]
    fn broken_files_are_errors_that_say_where() {
        let err = read(b"a,b\n1,\"never closed\n2,3\n").unwrap_err();
        assert!(
            err.to_string().contains("never closed") || format!("{err:?}").contains("never closed"),
            "{err:?}"
        );
        let err = read(b"a,b\n1,\xFF\xFE\n").unwrap_err();
        assert!(format!("{err:?}").contains("UTF-8"), "{err:?}");
        assert!(looks_like_text(b"a;b\n1;2"));
        assert!(!looks_like_text(b"PK\x03\x04\x00"));
    }
}
