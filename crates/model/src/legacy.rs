//! Vietnamese in the 8-bit encodings that came before Unicode: TCVN3 (TCVN 5712:1993, table VN3,
//! the "ABC" code of the `.Vn…` fonts) and VNI for Windows (the `VNI-…` fonts), read into
//! Unicode and written back, and a check that a text reads as Vietnamese syllables.
//!
//! The tables are written from the published code charts: TCVN3 from TCVN 5712:1993, table VN3
//! (the lower-case letters and the seven upper-case ones the `.Vn` fonts carry; a byte that
//! Windows stores as a Windows-1252 character in 0x80–0x9F is mapped back to its byte first); VNI
//! from VNI Software Company's "VNI for Windows" chart (a base letter followed by a mark character:
//! "Vieät" is "Việt"). Pure text: nothing here knows a workbook or a font.

use unicode_normalization::UnicodeNormalization;

/// A legacy 8-bit encoding of Vietnamese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Legacy {
    /// TCVN 5712:1993 VN3 ("ABC"), the `.Vn…` fonts.
    Tcvn3,
    /// VNI for Windows, the `VNI-…` fonts.
    Vni,
}

/// The byte a character stood for in an 8-bit file: the character itself up to U+00FF, or the
/// Windows-1252 form of bytes 0x80–0x9F.
fn byte_of(c: char) -> Option<u8> {
    if let Ok(b) = u8::try_from(u32::from(c)) {
        return Some(b);
    }
    const CP1252: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8A),
        ('‹', 0x8B),
        ('Œ', 0x8C),
        ('Ž', 0x8E),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9A),
        ('›', 0x9B),
        ('œ', 0x9C),
        ('ž', 0x9E),
        ('Ÿ', 0x9F),
    ];
    CP1252.iter().find(|(ch, _)| *ch == c).map(|(_, b)| *b)
}

/// TCVN3 (VN3): byte → letter, for the bytes that hold Vietnamese letters.
const TCVN3: &[(u8, char)] = &[
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

/// The TCVN3 reading of a text, if every character stands for a byte (lower case: the capitals
/// of the "H" fonts are upper-cased by the caller).
pub fn decode_tcvn3(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        let b = byte_of(c)?;
        match TCVN3.iter().find(|(byte, _)| *byte == b) {
            Some((_, letter)) => out.push(*letter),
            None if b < 0x80 => out.push(char::from(b)),
            // A byte that holds no Vietnamese letter keeps its Latin-1 character: the reading
            // then fails the syllable check.
            None => out.push(c),
        }
    }
    Some(out)
}

/// Combining marks of Unicode, for composing VNI's letter + mark pairs.
const CIRCUMFLEX: char = '\u{302}';
const BREVE: char = '\u{306}';
const ACUTE: char = '\u{301}';
const GRAVE: char = '\u{300}';
const HOOK: char = '\u{309}';
const TILDE: char = '\u{303}';
const DOT: char = '\u{323}';

/// VNI mark characters (lower and upper case): the vowel mark and the tone they add.
const VNI_MARKS: &[(char, char, Option<char>, Option<char>)] = &[
    ('ù', 'Ù', None, Some(ACUTE)),
    ('ø', 'Ø', None, Some(GRAVE)),
    ('û', 'Û', None, Some(HOOK)),
    ('õ', 'Õ', None, Some(TILDE)),
    ('ï', 'Ï', None, Some(DOT)),
    ('â', 'Â', Some(CIRCUMFLEX), None),
    ('á', 'Á', Some(CIRCUMFLEX), Some(ACUTE)),
    ('à', 'À', Some(CIRCUMFLEX), Some(GRAVE)),
    ('å', 'Å', Some(CIRCUMFLEX), Some(HOOK)),
    ('ã', 'Ã', Some(CIRCUMFLEX), Some(TILDE)),
    ('ä', 'Ä', Some(CIRCUMFLEX), Some(DOT)),
    ('ê', 'Ê', Some(BREVE), None),
    ('é', 'É', Some(BREVE), Some(ACUTE)),
    ('è', 'È', Some(BREVE), Some(GRAVE)),
    ('ú', 'Ú', Some(BREVE), Some(HOOK)),
    ('ü', 'Ü', Some(BREVE), Some(TILDE)),
    ('ë', 'Ë', Some(BREVE), Some(DOT)),
];

/// VNI characters that are letters on their own.
const VNI_LETTERS: &[(char, char)] = &[
    ('ô', 'ơ'),
    ('Ô', 'Ơ'),
    ('ö', 'ư'),
    ('Ö', 'Ư'),
    ('ñ', 'đ'),
    ('Ñ', 'Đ'),
    ('í', 'í'),
    ('Í', 'Í'),
    ('ì', 'ì'),
    ('Ì', 'Ì'),
    ('æ', 'ỉ'),
    ('Æ', 'Ỉ'),
    ('ó', 'ĩ'),
    ('Ó', 'Ĩ'),
    ('ò', 'ị'),
    ('Ò', 'Ị'),
    ('î', 'ỵ'),
    ('Î', 'Ỵ'),
];

fn vni_mark(c: char) -> Option<(Option<char>, Option<char>)> {
    VNI_MARKS
        .iter()
        .find(|(lower, upper, _, _)| *lower == c || *upper == c)
        .map(|(_, _, vowel, tone)| (*vowel, *tone))
}

/// The VNI reading of a text: a base letter followed by a mark character composes one letter.
pub fn decode_vni(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.iter().any(|c| byte_of(*c).is_none()) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (base, is_vowel) = match VNI_LETTERS.iter().find(|(v, _)| *v == c) {
            Some((_, letter)) => (*letter, matches!(letter, 'ơ' | 'Ơ' | 'ư' | 'Ư')),
            None => (c, "aeiouyAEIOUY".contains(c)),
        };
        let mut composed = String::from(base);
        if is_vowel && let Some((vowel, tone)) = chars.get(i + 1).and_then(|m| vni_mark(*m)) {
            let lower = base.to_lowercase().next().unwrap_or(base);
            let fits = match vowel {
                Some(CIRCUMFLEX) => matches!(lower, 'a' | 'e' | 'o'),
                Some(_) => lower == 'a',
                None => true,
            };
            if fits {
                composed.extend(vowel);
                composed.extend(tone);
                i += 1;
            }
        }
        out.push_str(&composed);
        i += 1;
    }
    Some(out.nfc().collect())
}

/// Initial consonants of Vietnamese syllables, longest first.
const INITIALS: &[&str] = &[
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x",
];

/// Rhymes (vần) of Vietnamese syllables, tone marks removed.
const RHYMES: &[&str] = &[
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay", "ăc", "ăm",
    "ăn", "ăng", "ăp", "ăt", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", "e", "ec", "em",
    "en", "eng", "eo", "ep", "et", "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu", "i", "ia",
    "ich", "im", "in", "inh", "ip", "it", "iu", "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu",
    "y", "yêm", "yên", "yêt", "yêu", "o", "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh",
    "oao", "oap", "oat", "oay", "oăc", "oăm", "oăn", "oăng", "oăt", "oc", "oe", "oem", "oen",
    "oeo", "oet", "oi", "om", "on", "ong", "oong", "op", "ot", "ô", "ôc", "ôi", "ôm", "ôn", "ông",
    "ôp", "ôt", "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", "u", "ua", "uân", "uâng", "uât", "uây", "uc",
    "uê", "uêch", "uênh", "ui", "um", "un", "ung", "uơ", "uôc", "uôi", "uôm", "uôn", "uông", "uôt",
    "up", "ut", "uy", "uya", "uych", "uyên", "uyêt", "uynh", "uyt", "uyu", "ư", "ưa", "ưc", "ưi",
    "ưm", "ưn", "ưng", "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu", "ưt", "ưu",
];

/// Whether a word (lower case, NFC) is one Vietnamese syllable: an initial, a rhyme, at most one
/// tone mark.
fn is_syllable(word: &str) -> bool {
    let mut tones = 0;
    let mut plain = String::with_capacity(word.len());
    for c in word.nfd() {
        match c {
            ACUTE | GRAVE | HOOK | TILDE | DOT => tones += 1,
            _ => plain.push(c),
        }
    }
    if tones > 1 {
        return false;
    }
    let mut plain: String = plain.nfc().collect();
    // Place names of the highlands write a final "c" as "k": Đắk Lắk, Krông Pắk.
    if plain.ends_with('k') && plain.len() > 1 {
        plain.pop();
        plain.push('c');
    }
    let rhyme_ok = |rest: &str| RHYMES.contains(&rest);
    if rhyme_ok(&plain) {
        return true;
    }
    INITIALS.iter().any(|initial| {
        plain.strip_prefix(initial).is_some_and(|rest| {
            rhyme_ok(rest)
                // "gi" and "qu" lend their vowel: "gì", "quá" are "g"/"q" + "i"/"u"-rhymes.
                || (*initial == "gi" && rest.is_empty())
        })
    })
}

/// Whether a text reads as Vietnamese: `None` when it has no word beyond ASCII with a vowel
/// (plain ASCII — "NSNN", "TW", numbers — and vowelless abbreviations like "QĐ" say nothing),
/// `Some(true)` when every such word is a syllable, `Some(false)` when one is not.
pub fn vietnamese_reading(text: &str) -> Option<bool> {
    let mut marked = 0;
    for word in text.split(|c: char| !c.is_alphabetic()) {
        // Abbreviations ("QĐ", "NSĐP") hold no vowel and no letter beyond ASCII but đ.
        let considered = word
            .chars()
            .any(|c| is_vowel(c) || (!c.is_ascii() && !matches!(c, 'đ' | 'Đ')));
        if word.is_ascii() || !considered {
            continue;
        }
        if !is_syllable(&word.to_lowercase()) {
            return Some(false);
        }
        marked += 1;
    }
    (marked > 0).then_some(true)
}

/// Whether a text reads as Vietnamese: at least one word beyond ASCII, every one a syllable.
pub fn reads_as_vietnamese(text: &str) -> bool {
    vietnamese_reading(text) == Some(true)
}

/// Whether a letter is a vowel, with or without marks.
fn is_vowel(c: char) -> bool {
    c.to_lowercase()
        .flat_map(|l| l.to_string().nfd().next())
        .any(|base| "aeiouy".contains(base))
}

/// Encodes Unicode text in a legacy encoding (TCVN3 lower case as the `.Vn` fonts hold it, or
/// VNI): for writing test workbooks. Letters the encoding lacks stay as they are.
pub fn encode_legacy(text: &str, encoding: Legacy) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.nfc() {
        match encoding {
            Legacy::Tcvn3 => match TCVN3.iter().find(|(_, letter)| *letter == c) {
                Some((b, _)) => out.push(char::from(*b)),
                None => out.push(c),
            },
            Legacy::Vni => {
                if let Some((v, _)) = VNI_LETTERS.iter().find(|(_, letter)| *letter == c) {
                    out.push(*v);
                    continue;
                }
                let parts: Vec<char> = c.to_string().nfd().collect();
                let (base, marks) = (parts[0], &parts[1..]);
                let (mut vowel, mut tone) = (None, None);
                let mut base = base;
                for m in marks {
                    match *m {
                        CIRCUMFLEX | BREVE => vowel = Some(*m),
                        // ơ and ư: the horn makes a letter of its own.
                        '\u{31B}' => {
                            base = match base {
                                'o' => 'ô',
                                'O' => 'Ô',
                                'u' => 'ö',
                                _ => 'Ö',
                            }
                        }
                        t => tone = Some(t),
                    }
                }
                if base == 'i' || base == 'I' || base == 'y' && tone == Some(DOT) {
                    let composed: String = [c].iter().collect();
                    if let Some((v, _)) = VNI_LETTERS.iter().find(|(_, l)| composed.starts_with(*l))
                    {
                        out.push(*v);
                        continue;
                    }
                }
                out.push(base);
                if vowel.is_some() || tone.is_some() {
                    let upper = base.is_uppercase();
                    if let Some((lower, up, _, _)) = VNI_MARKS
                        .iter()
                        .find(|(_, _, v, t)| *v == vowel && *t == tone)
                    {
                        out.push(if upper { *up } else { *lower });
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_reads_as_the_published_chart_says() {
        assert_eq!(
            decode_tcvn3("Bé Tµi chÝnh").as_deref(),
            Some("Bộ Tài chính")
        );
        assert_eq!(
            decode_tcvn3("(KÌm theo QuyÕt ®Þnh sè 757/2003/Q§-BTC").as_deref(),
            Some("(Kèm theo Quyết định số 757/2003/QĐ-BTC")
        );
        // The "ư" on the soft-hyphen code.
        assert_eq!(
            decode_tcvn3("trung \u{ad}¬ng").as_deref(),
            Some("trung ương")
        );
        assert_eq!(decode_tcvn3("Tiếng"), None, "characters no byte holds");
    }

    #[test]
    fn vni_reads_letter_and_mark_pairs() {
        assert_eq!(decode_vni("Vieät Nam").as_deref(), Some("Việt Nam"));
        assert_eq!(
            decode_vni("Thaønh phoá Hoà Chí Minh").as_deref(),
            Some("Thành phố Hồ Chí Minh")
        );
        assert_eq!(decode_vni("ÑAÏI HOÏC").as_deref(), Some("ĐẠI HỌC"));
        assert_eq!(decode_vni("ngöôøi daân").as_deref(), Some("người dân"));
        for text in [
            "Sở Tư pháp",
            "Hài lòng",
            "Rất không hài lòng",
            "NĂM 2021",
            "Đặng Thị Ỵ",
        ] {
            let vni = encode_legacy(text, Legacy::Vni);
            assert_eq!(decode_vni(&vni).as_deref(), Some(text), "{vni}");
            let tcvn = encode_legacy(&text.to_lowercase(), Legacy::Tcvn3);
            assert_eq!(decode_tcvn3(&tcvn), Some(text.to_lowercase()), "{tcvn}");
        }
    }

    #[test]
    fn syllables_are_told_from_garbage() {
        for ok in [
            "bộ", "tài", "chính", "người", "quyết", "giữ", "khuya", "nghiêng", "số",
        ] {
            assert!(is_syllable(ok), "{ok}");
        }
        for bad in ["tµi", "chớnh", "bé́", "tæng", "xyź"] {
            assert!(!is_syllable(bad), "{bad}");
        }
        assert!(reads_as_vietnamese("Bộ Tài chính NSNN 2003"));
        assert!(!reads_as_vietnamese("NSNN 2003"));
        assert_eq!(
            vietnamese_reading("QĐ-BTC NSĐP"),
            None,
            "abbreviations say nothing"
        );
        assert_eq!(
            vietnamese_reading("Quyết định số 757/2003/QĐ-BTC"),
            Some(true)
        );
        assert_eq!(vietnamese_reading("Đắk Lắk"), Some(true));
        assert_eq!(vietnamese_reading("tæng thu"), Some(false));
    }
}
