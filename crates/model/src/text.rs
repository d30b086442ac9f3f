//! Vietnamese text keys shared by every crate: [`fold`], the comparison key of headers, labels
//! and units, and the spelling of a unit as people write it ([`unit_spelling`]).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Repairs letters that PDF extraction and old fonts mangle, before normalisation.
pub fn repair(c: char) -> char {
    match c {
        'ƣ' => 'ư',
        'Ƣ' => 'Ư',
        _ => c,
    }
}

/// How much of a text [`fold`] reads: the first 4 KiB. Every text a key is compared for — a
/// header, a label, a unit's name, a status, an answer on a scale — is far shorter; a cell of
/// megabytes (a shared string built to be repeated in thousands of cells) costs no more per
/// cell than one of 4 KiB, so reading a sheet stays linear in its size, not in the text it
/// repeats.
pub const FOLD_MAX_BYTES: usize = 4096;

/// The first [`FOLD_MAX_BYTES`] of a text (cut at a character boundary).
pub fn head(s: &str) -> &str {
    if s.len() <= FOLD_MAX_BYTES {
        return s;
    }
    let mut end = FOLD_MAX_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A file-name-safe slug of a name: its [`fold`], runs of anything but ASCII letters and digits
/// made one `_`.
///
/// ```
/// use cchc_model::text::slug;
/// assert_eq!(slug("Sở Tư pháp"), "so_tu_phap");
/// assert_eq!(slug("  UBND (xã) A  "), "ubnd_xa_a");
/// ```
pub fn slug(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::new();
    for ch in folded.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_owned()
}

/// The comparison key: accents stripped, `đ` → `d`, lower case, white space collapsed; of the
/// text's first [`FOLD_MAX_BYTES`].
///
/// ```
/// use cchc_model::text::fold;
/// assert_eq!(fold("ĐIỂM ĐẠT ĐƢỢC"), "diem dat duoc");
/// // NFD input (combining marks) folds the same as NFC.
/// assert_eq!(fold("Tie\u{302}\u{301}u chi\u{301}"), "tieu chi");
/// // A megabyte of text is read no further than its head.
/// assert_eq!(fold(&"A".repeat(1 << 20)).len(), 4096);
/// ```
pub fn fold(s: &str) -> String {
    let s = head(s);
    if s.is_ascii() {
        return fold_ascii(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars().map(repair).nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// [`fold`] of an ASCII text: nothing to decompose or repair.
fn fold_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    out
}

/// Whether a text is written in capitals (it has letters and none of them is lower case).
pub fn is_capitals(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Words that open an agency's name; the word after them starts its distinguishing name with a
/// capital ("Sở Tài chính", "Ban Quản lý…").
const AGENCY_TYPES: &[&str] = &[
    "sở",
    "ban",
    "văn phòng",
    "thanh tra",
    "cục",
    "chi cục",
    "trung tâm",
    "phòng",
    "bộ",
    "tòa án",
    "viện",
];

/// Words after which every word is part of a place's name ("huyện Yên Phong").
const PLACE_LEVELS: &[&str] = &[
    "tỉnh",
    "huyện",
    "quận",
    "thị xã",
    "thành phố",
    "xã",
    "phường",
    "thị trấn",
];

/// Abbreviations kept in capitals.
const ACRONYMS: &[&str] = &[
    "ubnd", "hđnd", "tp", "tx", "tthc", "cchc", "kh&đt", "lđtb&xh",
];

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The spelling of a unit written in capitals as an official document spells it in running
/// text (Nghị định 30/2020/NĐ-CP, Phụ lục II): the first word and the first word of the name
/// after the agency type capitalised, the words of a place's name capitalised, abbreviations
/// kept; other words in lower case. Text not in capitals is returned unchanged, its white space
/// collapsed.
///
/// ```
/// use cchc_model::text::unit_spelling;
/// assert_eq!(unit_spelling("SỞ TÀI CHÍNH"), "Sở Tài chính");
/// assert_eq!(unit_spelling("SỞ KẾ HOẠCH VÀ ĐẦU TƯ"), "Sở Kế hoạch và Đầu tư");
/// assert_eq!(unit_spelling("UBND HUYỆN YÊN PHONG"), "UBND huyện Yên Phong");
/// assert_eq!(unit_spelling("Sở  Y tế "), "Sở Y tế");
/// ```
pub fn unit_spelling(unit: &str) -> String {
    let words: Vec<&str> = unit.split_whitespace().collect();
    if !is_capitals(unit) {
        return words.join(" ");
    }
    let lower: Vec<String> = words
        .iter()
        .map(|w| w.nfc().collect::<String>().to_lowercase())
        .collect();
    let mut out: Vec<String> = Vec::with_capacity(lower.len());
    let mut capital_next = true;
    let mut in_place = false;
    let mut i = 0;
    while i < lower.len() {
        let word = &lower[i];
        // A two-word agency type or place level ("văn phòng", "thành phố").
        let pair = lower.get(i + 1).map(|next| format!("{word} {next}"));
        let (span, phrase) = match &pair {
            Some(p) if AGENCY_TYPES.contains(&p.as_str()) || PLACE_LEVELS.contains(&p.as_str()) => {
                (2, p.clone())
            }
            _ => (1, word.clone()),
        };
        let is_type = AGENCY_TYPES.contains(&phrase.as_str());
        // "xã hội" (society) is not a commune.
        let is_place = PLACE_LEVELS.contains(&phrase.as_str())
            && !(phrase == "xã" && lower.get(i + 1).is_some_and(|n| n == "hội"));
        for (k, w) in lower[i..i + span].iter().enumerate() {
            let text = if ACRONYMS.contains(&w.as_str()) {
                w.to_uppercase()
            } else if is_place && !out.is_empty() {
                // A place level stays lower case after the agency ("Thanh tra tỉnh").
                w.clone()
            } else if (k == 0 && (capital_next || in_place)) || (k > 0 && in_place) {
                capitalise(w)
            } else {
                w.clone()
            };
            out.push(text);
        }
        capital_next = is_type && out.len() == span
            || matches!(phrase.as_str(), "và" | "-" | "–")
            || (is_type && i == 0);
        if is_place {
            in_place = true;
            capital_next = false;
        } else if in_place && (is_type || ACRONYMS.contains(&phrase.as_str())) {
            in_place = false;
        }
        i += span;
    }
    out.join(" ")
}

/// A dossier code's key where millions are kept to find repeats: two independent 64-bit hashes,
/// so no string is kept per dossier. Two codes sharing a key is a chance of about n² / 2¹²⁹
/// (below 10⁻²⁵ for five million dossiers).
pub fn code_key(code: &str) -> u128 {
    use std::hash::BuildHasher;
    let a = foldhash::quality::FixedState::with_seed(0x9e37_79b9_7f4a_7c15).hash_one(code);
    let b = foldhash::quality::FixedState::with_seed(0xc2b2_ae3d_27d4_eb4f).hash_one(code);
    (u128::from(a) << 64) | u128::from(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_reads_a_bounded_head_and_ascii_folds_as_unicode_does() {
        // The work per cell is bounded: a megabyte folds to a key of at most 4 KiB.
        let huge = "Xin chào ".repeat(200_000);
        assert!(fold(&huge).len() <= FOLD_MAX_BYTES);
        assert!(fold(&"AB ".repeat(1 << 19)).len() <= FOLD_MAX_BYTES);
        // A cut never splits a character.
        let accented = format!("{}Đ", "a".repeat(FOLD_MAX_BYTES - 1));
        assert_eq!(head(&accented).len(), FOLD_MAX_BYTES - 1);
        // The ASCII path gives what the general one gives.
        for s in [
            "  TEN\tTIEU \n CHI ",
            "Tong cong",
            "\u{b}x\u{b}y",
            "",
            "   ",
        ] {
            let general: String = {
                let mut out = String::new();
                let mut pending = false;
                for c in s.chars() {
                    if c.is_whitespace() {
                        pending = !out.is_empty();
                        continue;
                    }
                    if pending {
                        out.push(' ');
                        pending = false;
                    }
                    out.extend(c.to_lowercase());
                }
                out
            };
            assert_eq!(fold(s), general, "{s:?}");
        }
    }

    #[test]
    fn units_in_capitals_are_spelled_as_in_running_text() {
        for (caps, spelled) in [
            ("SỞ TÀI CHÍNH", "Sở Tài chính"),
            ("SỞ Y TẾ", "Sở Y tế"),
            ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
            (
                "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
                "Sở Lao động - Thương binh và Xã hội",
            ),
            ("UBND HUYỆN YÊN PHONG", "UBND huyện Yên Phong"),
            (
                "ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
                "Ủy ban nhân dân tỉnh Bắc Ninh",
            ),
            ("VĂN PHÒNG UBND TỈNH", "Văn phòng UBND tỉnh"),
            (
                "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP",
                "Ban Quản lý các khu công nghiệp",
            ),
            ("THANH TRA TỈNH", "Thanh tra tỉnh"),
        ] {
            assert_eq!(unit_spelling(caps), spelled, "{caps}");
            assert_eq!(fold(caps), fold(spelled));
        }
        assert_eq!(unit_spelling("Sở Tư  pháp"), "Sở Tư pháp");
    }
}
