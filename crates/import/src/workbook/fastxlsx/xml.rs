//! The byte-level XML reading the fast scanner needs: a cell's start tag and value, attributes,
//! entities and Excel's `_xHHHH_` escapes, shared-string items, and which number formats are
//! dates. No general XML parser: what these functions do not recognise, they return `None` for,
//! and the scanner falls back to calamine.

use std::sync::LazyLock;

use memchr::memmem;

pub(super) static CELL_END: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new(b"</c>"));
static V_OPEN: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(b"<v>"));

/// A cell's `r`, `t` and `s` attributes, raw.
pub(super) type CellAttrs<'a> = (Option<&'a [u8]>, Option<&'a [u8]>, Option<&'a [u8]>);

/// The `r`, `t` and `s` attributes of a cell's start tag, scanned once, as raw bytes.
pub(super) fn cell_attrs(tag: &[u8]) -> CellAttrs<'_> {
    let (mut r, mut t, mut s) = (None, None, None);
    let mut i = 2; // after "<c"
    while i < tag.len() {
        // Name: up to '='.
        while i < tag.len() && matches!(tag[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        let name_start = i;
        while i < tag.len() && tag[i] != b'=' && tag[i] != b'>' && tag[i] != b'/' {
            i += 1;
        }
        if i + 1 >= tag.len() || tag[i] != b'=' {
            break;
        }
        let name = &tag[name_start..i];
        let quote = tag[i + 1];
        if quote != b'"' && quote != b'\'' {
            break;
        }
        let Some(len) = memchr::memchr(quote, &tag[i + 2..]) else {
            break;
        };
        let value = &tag[i + 2..i + 2 + len];
        match name {
            b"r" => r = Some(value),
            b"t" => t = Some(value),
            b"s" => s = Some(value),
            _ => {}
        }
        i += 2 + len + 1;
    }
    (r, t, s)
}

/// A whole number of up to 15 digits (exact as an f64), the usual number cell.
pub(super) fn parse_whole(bytes: &[u8]) -> Option<u64> {
    if bytes.is_empty() || bytes.len() > 15 {
        return None;
    }
    let mut n: u64 = 0;
    for b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(b - b'0');
    }
    Some(n)
}

/// The usual cell, `<c r="B5" s="1" t="s"><v>12</v></c>`, `<c r="B5" s="1"/>` or
/// `<c r="B5" t="inlineStr"><is><t>Hài lòng</t></is></c>`, read in one pass: its attributes, the
/// text of its `<v>` or its inline `<t>` (`None` when self-closing) and its length in bytes. `None` for any other form, or when the buffer ends inside the cell: the general path
/// reads it.
pub(super) fn simple_cell(rest: &[u8]) -> Option<(CellAttrs<'_>, Option<&[u8]>, usize)> {
    let (mut r, mut t, mut s) = (None, None, None);
    let mut i = 2; // after "<c"
    loop {
        while matches!(rest.get(i)?, b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        match rest.get(i)? {
            b'>' => break,
            b'/' => {
                return (rest.get(i + 1)? == &b'>').then_some(((r, t, s), None, i + 2));
            }
            _ => {}
        }
        let name_start = i;
        while !matches!(rest.get(i)?, b'=' | b'>' | b'/' | b' ') {
            i += 1;
        }
        if rest[i] != b'=' || rest.get(i + 1)? != &b'"' {
            return None;
        }
        let name = &rest[name_start..i];
        let value_start = i + 2;
        let mut j = value_start;
        while rest.get(j)? != &b'"' {
            j += 1;
        }
        let value = &rest[value_start..j];
        match name {
            b"r" => r = Some(value),
            b"t" => t = Some(value),
            b"s" => s = Some(value),
            _ => {}
        }
        i = j + 1;
    }
    // `>` at i: the body must be `<v>…</v></c>`, or an inline string's `<is><t>…</t></is></c>`
    // (whose text is returned in place of the value).
    if rest.get(i + 1..i + 8) == Some(b"<is><t>") {
        let t_start = i + 8;
        let mut k = t_start;
        while rest.get(k)? != &b'<' {
            k += 1;
        }
        if rest.get(k..k + 13)? != b"</t></is></c>" {
            return None;
        }
        return Some(((r, t, s), Some(&rest[t_start..k]), k + 13));
    }
    let v_start = i + 4;
    if rest.get(i + 1..v_start)? != b"<v>" {
        return None;
    }
    let mut k = v_start;
    while rest.get(k)? != &b'<' {
        k += 1;
    }
    if rest.get(k..k + 8)? != b"</v></c>" {
        return None;
    }
    Some(((r, t, s), Some(&rest[v_start..k]), k + 8))
}

/// An index or count of up to 10 digits.
pub(super) fn parse_u(bytes: &[u8]) -> Option<usize> {
    if bytes.len() > 10 {
        return None;
    }
    parse_whole(bytes).and_then(|n| usize::try_from(n).ok())
}

/// The value of attribute `name` in a tag's bytes (`<sheet name="A" r:id="rId1"/>`), unescaped.
pub(super) fn attr(tag: &[u8], name: &[u8]) -> Option<String> {
    let mut from = 0;
    while let Some(i) = memmem::find(&tag[from..], name) {
        let at = from + i;
        let before_ok = at > 0 && matches!(tag[at - 1], b' ' | b'\t' | b'\n' | b'\r');
        let rest = &tag[at + name.len()..];
        if before_ok && rest.first() == Some(&b'=') {
            let quote = *rest.get(1)?;
            if quote != b'"' && quote != b'\'' {
                return None;
            }
            let end = memchr::memchr(quote, &rest[2..])?;
            return Some(unescape(&rest[2..2 + end]));
        }
        from = at + name.len();
    }
    None
}

/// XML entities and Excel's `_xHHHH_` escapes decoded.
pub(super) fn unescape(raw: &[u8]) -> String {
    let s = String::from_utf8_lossy(raw);
    if !s.contains('&') && !s.contains("_x") {
        return s.into_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest: &str = &s;
    while let Some(i) = rest.find(['&', '_']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('&') {
            let Some(end) = rest.find(';') else {
                out.push_str(rest);
                return out;
            };
            let entity = &rest[1..end];
            let decoded = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => entity
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            match decoded {
                Some(c) => {
                    out.push(c);
                    rest = &rest[end + 1..];
                }
                None => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        } else {
            // `_xHHHH_`: a character Excel escaped (a control character, or "_x" itself).
            let code = rest
                .get(2..6)
                .filter(|_| rest.starts_with("_x") && rest.as_bytes().get(6) == Some(&b'_'))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32);
            match code {
                Some(c) => {
                    out.push(c);
                    rest = &rest[7..];
                }
                None => {
                    out.push('_');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// Each `<tag .../>` or `<tag ...>` start tag named `name` in `xml`, as bytes.
pub(super) fn tags<'a>(xml: &'a [u8], name: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        loop {
            let i = memmem::find(&xml[from..], name)?;
            let at = from + i;
            from = at + name.len();
            let next = *xml.get(from)?;
            if at > 0
                && xml[at - 1] == b'<'
                && matches!(next, b' ' | b'/' | b'>' | b'\t' | b'\n' | b'\r')
            {
                let end = memchr::memchr(b'>', &xml[from..])?;
                let tag = &xml[at - 1..from + end + 1];
                from += end + 1;
                return Some(tag);
            }
        }
    })
}

/// The text of the `<t>` runs of one `<si>` or `<is>` item, phonetic runs (`<rPh>`) left out.
pub(super) fn item_text(item: &[u8]) -> String {
    let mut out = String::new();
    let mut from = 0;
    while let Some(i) = memmem::find(&item[from..], b"<t") {
        let at = from + i;
        let after = item.get(at + 2).copied();
        if !matches!(after, Some(b'>' | b' ' | b'/')) {
            from = at + 2;
            continue;
        }
        let Some(open_end) = memchr::memchr(b'>', &item[at..]).map(|e| at + e) else {
            break;
        };
        if item[open_end - 1] == b'/' {
            from = open_end + 1;
            continue;
        }
        let Some(close) = memmem::find(&item[open_end..], b"</t>").map(|c| open_end + c) else {
            break;
        };
        // Skip runs inside a phonetic block.
        let in_phonetic = memmem::rfind(&item[..at], b"<rPh")
            .is_some_and(|p| memmem::find(&item[p..at], b"</rPh>").is_none());
        if !in_phonetic {
            out.push_str(&unescape(&item[open_end + 1..close]));
        }
        from = close + 4;
    }
    out
}

/// Whether a number format code shows a date or time.
pub(super) fn is_date_format(code: &str) -> bool {
    let lower = code.to_ascii_lowercase();
    if lower == "general" || lower == "@" {
        return false;
    }
    let mut quoted = false;
    let mut bracket = false;
    let mut escaped = false;
    for c in lower.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'd' | 'm' | 'y' | 'h' | 's' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

pub(super) fn is_builtin_date(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58)
}

/// The zero-based index of a `<row>` tag: its `r`, else the row after the previous one.
pub(super) fn row_index(tag: &[u8], previous: u32, first: bool) -> u32 {
    match attr(tag, b"r").and_then(|r| r.parse::<u32>().ok()) {
        Some(r) if r >= 1 => r - 1,
        _ if first => 0,
        _ => previous + 1,
    }
}

/// "B5" → (row 4, column 1).
pub(super) fn cell_position(r: &[u8]) -> Option<(u32, u32)> {
    let letters = r.iter().take_while(|b| b.is_ascii_uppercase()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col: u32 = 0;
    for b in &r[..letters] {
        col = col * 26 + u32::from(b - b'A' + 1);
    }
    let row = u32::try_from(parse_u(&r[letters..])?).ok()?;
    (row >= 1).then(|| (row - 1, col - 1))
}

/// The text between `<v>` and `</v>` in a cell body.
pub(super) fn v_text(body: &[u8]) -> Option<&[u8]> {
    let open = V_OPEN.find(body)? + 3;
    // The value's text holds no '<' (it would be escaped): the next one closes it.
    let close = memchr::memchr(b'<', &body[open..])? + open;
    Some(&body[open..close])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_cells_are_read_in_one_pass_and_others_left_to_the_general_path() {
        let xml = br#"<c r="B5" s="1" t="s"><v>12</v></c><c r="C5">"#;
        let ((r, t, s), v, len) = simple_cell(xml).expect("simple");
        assert_eq!(
            (r, t, s, v),
            (
                Some(&b"B5"[..]),
                Some(&b"s"[..]),
                Some(&b"1"[..]),
                Some(&b"12"[..])
            )
        );
        assert_eq!(&xml[len..len + 2], b"<c");
        let inline = br#"<c r="C7" t="inlineStr"><is><t>H&#224;i l&#242;ng</t></is></c><c"#;
        let ((r, t, _), text, len) = simple_cell(inline).expect("inline");
        assert_eq!(
            (r, t, text),
            (
                Some(&b"C7"[..]),
                Some(&b"inlineStr"[..]),
                Some(&b"H&#224;i l&#242;ng"[..])
            )
        );
        assert_eq!(&inline[len..], b"<c");
        let empty = br#"<c r="A1" s="3"/><c"#;
        let ((r, _, _), v, len) = simple_cell(empty).expect("self-closing");
        assert_eq!((r, v, len), (Some(&b"A1"[..]), None, 17));
        // Forms the general path reads: formulas, rich or spaced inline strings, single quotes,
        // a buffer that ends inside the cell.
        for other in [
            &br#"<c r="A1"><f>SUM(B1)</f><v>3</v></c>"#[..],
            br#"<c r="A1" t="inlineStr"><is><r><t>x</t></r></is></c>"#,
            br#"<c r="A1" t="inlineStr"><is><t xml:space="preserve"> x</t></is></c>"#,
            br#"<c r="A1" t="inlineStr"><is><t>x</t></is></"#,
            br#"<c r='A1'><v>3</v></c>"#,
            br#"<c r="A1"><v>3</v></"#,
            br#"<c r="A1"><v>3"#,
        ] {
            assert!(
                simple_cell(other).is_none(),
                "{}",
                String::from_utf8_lossy(other)
            );
        }
        assert_eq!(parse_whole(b"123456789012345"), Some(123_456_789_012_345));
        assert_eq!(parse_whole(b"1234567890123456"), None);
        assert_eq!(parse_whole(b"1.5"), None);
        assert_eq!(parse_whole(b""), None);
    }

    #[test]
    fn entities_and_excel_escapes_are_decoded() {
        assert_eq!(
            unescape(b"a &amp; b &lt;c&gt; &#x1EA1; &#273;"),
            "a & b <c> ạ đ"
        );
        assert_eq!(unescape(b"line_x000D_end _x_"), "line\rend _x_");
    }

    #[test]
    fn date_formats_are_told_from_number_formats() {
        assert!(is_date_format("dd/mm/yyyy"));
        assert!(is_date_format("[$-409]d-mmm-yy;@"));
        assert!(!is_date_format("#,##0.00"));
        assert!(!is_date_format("0.0%"));
        assert!(!is_date_format("\"ngày\" 0"));
        assert!(!is_date_format("[Red]0.0"));
    }

    #[test]
    fn cell_references_and_rich_text() {
        assert_eq!(cell_position(b"A1"), Some((0, 0)));
        assert_eq!(cell_position(b"XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_position(b"1A"), None);
        assert_eq!(
            cell_attrs(b"<c r=\"B5\" s=\"3\" t=\"s\">"),
            (Some(&b"B5"[..]), Some(&b"s"[..]), Some(&b"3"[..]))
        );
        let item = "<si><r><t>Sở </t></r><r><rPr/><t xml:space=\"preserve\">Tư pháp</t></r><rPh><t>x</t></rPh></si>";
        assert_eq!(item_text(item.as_bytes()), "Sở Tư pháp");
    }
}
