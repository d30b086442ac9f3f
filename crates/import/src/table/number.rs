//! Numbers as Vietnamese offices type them, beside real numbers in the same column.
//!
//! Accepted: real numbers; text with a comma decimal ("33,5"); a dot decimal ("1.00", from PDF or
//! English-locale sheets); dots or spaces as thousands separators ("1.234,5", "1 234"); a trailing
//! percent ("48,6%" → 0.486); a leading minus or a parenthesised negative; "-", "–" and "—" for none.
//! A lone dot followed by exactly three digits ("1.000") follows the Vietnamese convention and is
//! read as thousands; the caller is told so it can warn.

/// The result of reading one numeric cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Parsed {
    /// A number.
    Number(f64),
    /// A number read with a dot as thousands separator ("1.000" → 1000), worth a warning.
    AmbiguousThousands(f64),
    /// Nothing: a blank cell or a dash meaning none.
    None,
}

/// Reads a text cell as a number; `None` (the `Option`) when it is not a number in any accepted
/// style: "33,5" is 33.5, "1.234,5" is 1234.5, "48,6%" is 0.486, "-" is none, "x" is not a number
/// (the test `the_documented_styles_read_as_documented` holds these).
pub(crate) fn parse_vn_number(raw: &str) -> Option<Parsed> {
    let s = raw.trim().trim_matches('\u{a0}');
    if s.is_empty() || matches!(s, "-" | "–" | "—" | "--") {
        return Some(Parsed::None);
    }
    let (s, negative_paren) = match s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (inner.trim(), true),
        None => (s, false),
    };
    let (s, percent) = match s.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (s, false),
    };
    let (s, negative_sign) = match s.strip_prefix(['-', '−', '–']) {
        Some(rest) => (rest.trim_start(), true),
        None => (s.strip_prefix('+').unwrap_or(s), false),
    };
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}'))
    {
        return None;
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) || !s.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let compact: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}')).collect();
    if compact.len() != s.len() && !groups_of_three(s, &[' ', '\u{a0}']) {
        return None;
    }
    let dots = compact.matches('.').count();
    let commas = compact.matches(',').count();
    let mut ambiguous = false;
    let normalized = match (dots, commas) {
        (0, 0) => compact,
        // "33,5": comma decimal; "1,234,567": comma thousands (English style) when groups of three.
        (0, 1) => compact.replace(',', "."),
        (0, _) if groups_of_three(&compact, &[',']) => compact.replace(',', ""),
        (1, 0) => {
            let after = compact.len() - compact.find('.').unwrap_or(0) - 1;
            if after == 3 {
                ambiguous = true;
                compact.replace('.', "")
            } else {
                compact
            }
        }
        (_, 0) if groups_of_three(&compact, &['.']) => compact.replace('.', ""),
        // "1.234,5": dots group thousands, the comma is the decimal.
        (_, 1)
            if compact.rfind(',') > compact.rfind('.')
                && groups_of_three(int_part(&compact, ','), &['.']) =>
        {
            compact.replace('.', "").replace(',', ".")
        }
        // "1,234.5": English style.
        (1, _)
            if compact.rfind('.') > compact.rfind(',')
                && groups_of_three(int_part(&compact, '.'), &[',']) =>
        {
            compact.replace(',', "")
        }
        _ => return None,
    };
    let mut value: f64 = normalized.parse().ok()?;
    if percent {
        value /= 100.0;
    }
    if negative_paren != negative_sign && (negative_paren || negative_sign) {
        value = -value;
    }
    Some(if ambiguous {
        Parsed::AmbiguousThousands(value)
    } else {
        Parsed::Number(value)
    })
}

fn int_part(s: &str, decimal: char) -> &str {
    match s.rfind(decimal) {
        Some(i) => &s[..i],
        None => s,
    }
}

/// Whether `s` is digits in groups of three after a first group of one to three, split by `seps`.
fn groups_of_three(s: &str, seps: &[char]) -> bool {
    let groups: Vec<&str> = s.split(|c| seps.contains(&c)).collect();
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_styles_read_as_documented() {
        assert_eq!(parse_vn_number("33,5"), Some(Parsed::Number(33.5)));
        assert_eq!(parse_vn_number("1.234,5"), Some(Parsed::Number(1234.5)));
        assert_eq!(parse_vn_number("48,6%"), Some(Parsed::Number(0.486)));
        assert_eq!(parse_vn_number("-"), Some(Parsed::None));
        assert_eq!(parse_vn_number("x"), None);
    }

    fn num(s: &str) -> f64 {
        match parse_vn_number(s) {
            Some(Parsed::Number(x)) | Some(Parsed::AmbiguousThousands(x)) => x,
            other => panic!("{s:?} gave {other:?}"),
        }
    }

    #[test]
    fn reads_the_seed_styles() {
        assert_eq!(num("1.00"), 1.0);
        assert_eq!(num("0.50"), 0.5);
        assert_eq!(num("33,5"), 33.5);
        assert_eq!(num("28,61"), 28.61);
        assert_eq!(num("30,44"), 30.44);
        assert_eq!(num("0"), 0.0);
    }

    #[test]
    fn reads_thousands_percent_and_negatives() {
        assert_eq!(num("1.234,5"), 1234.5);
        assert_eq!(num("268.763"), 268763.0);
        assert_eq!(num("1.234.567"), 1234567.0);
        assert_eq!(num("1,234,567"), 1234567.0);
        assert_eq!(num("1,234.5"), 1234.5);
        assert_eq!(num("1 234"), 1234.0);
        assert!((num("48,6%") - 0.486).abs() < 1e-12);
        assert!((num("11.3%") - 0.113).abs() < 1e-12);
        assert_eq!(num("-2,5"), -2.5);
        assert_eq!(num("(2,5)"), -2.5);
        assert_eq!(num(" 7 "), 7.0);
    }

    #[test]
    fn dashes_and_blanks_mean_none() {
        for s in ["", "-", "–", "—", "  "] {
            assert_eq!(parse_vn_number(s), Some(Parsed::None), "{s:?}");
        }
    }

    #[test]
    fn one_dot_and_three_digits_is_flagged_as_thousands() {
        assert_eq!(
            parse_vn_number("1.000"),
            Some(Parsed::AmbiguousThousands(1000.0))
        );
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for s in [
            "x", "?", "1,2,3", "1.2.3", "12a", "1..2", ",5", "5,", "1.23,4.5", "đạt", "1 23",
        ] {
            assert_eq!(parse_vn_number(s), None, "{s:?}");
        }
    }
}
