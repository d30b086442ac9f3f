//! Vietnamese text as it arrives in real workbooks: NFC or NFD, PDF-mangled letters, stray spaces.
//!
//! [`fold`] is the key for every header and label comparison: NFC, then marks stripped, `đ` → `d`,
//! the mangled `ƣ` (U+01A3, from PDF extraction) read as `ư`, lower case, runs of white space and
//! line breaks collapsed to one space. The display form of a cell's text is
//! [`crate::cell::clean`]; this module also finds and strips years.

pub use cchc_model::text::fold;

/// Finds four-digit years from 1990 to 2100 standing alone in a text ("NĂM 2021", "2021-2022"),
/// in its first 4 KiB (as [`fold`] reads: no title or header is longer).
pub(crate) fn years_in(s: &str) -> Vec<i32> {
    let bytes = cchc_model::text::head(s).as_bytes();
    let mut years = Vec::new();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let window = &bytes[i..i + 4];
        let before_ok = i == 0 || !bytes[i - 1].is_ascii_digit();
        let after_ok = i + 4 == bytes.len() || !bytes[i + 4].is_ascii_digit();
        if before_ok && after_ok && window.iter().all(u8::is_ascii_digit) {
            let year = window
                .iter()
                .fold(0i32, |acc, d| acc * 10 + i32::from(d - b'0'));
            if (1990..=2100).contains(&year) && !years.contains(&year) {
                years.push(year);
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    years
}

/// Removes year mentions ("năm 2021", "2021") from a folded text, so that "diem dat duoc nam 2021"
/// matches the same header as "diem dat duoc".
pub(crate) fn strip_years(folded: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    for word in folded.split(' ') {
        let trimmed = word.trim_matches(|c: char| !c.is_alphanumeric());
        if !years_in(trimmed).is_empty() && trimmed.len() == 4 {
            if words.last() == Some(&"nam") {
                words.pop();
            }
            continue;
        }
        words.push(word);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn fold_treats_nfc_nfd_and_mangled_letters_alike() {
        let nfc = "Điểm đạt được";
        let nfd: String = nfc.nfd().collect();
        assert_eq!(fold(nfc), "diem dat duoc");
        assert_eq!(fold(&nfd), "diem dat duoc");
        assert_eq!(fold("Điểm đaṭ\nđƣơc̣"), "diem dat duoc");
        assert_eq!(fold("  TÊN   TIÊU CHÍ "), "ten tieu chi");
    }

    #[test]
    fn years_are_found_only_as_whole_numbers() {
        assert_eq!(years_in("NĂM 2021"), vec![2021]);
        assert_eq!(years_in("2021-2022"), vec![2021, 2022]);
        assert_eq!(years_in("925/KH-SKHĐT 120211"), Vec::<i32>::new());
        assert_eq!(years_in("Điểm 1985"), Vec::<i32>::new());
    }

    #[test]
    fn strip_years_removes_the_year_and_its_word() {
        assert_eq!(strip_years("diem dat duoc nam 2021"), "diem dat duoc");
        assert_eq!(
            strip_years("giai phap khac phuc trong nam 2022"),
            "giai phap khac phuc trong"
        );
        assert_eq!(strip_years("diem toi da"), "diem toi da");
    }
}
