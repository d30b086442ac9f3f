//! Vietnamese text in the 8-bit encodings that came before Unicode, turned into Unicode (NFC).
//!
//! Workbooks made in the 1990s and 2000s — and templates copied from them — keep Vietnamese in
//! TCVN3 (the "ABC" code, fonts `.VnTime`, `.VnArial`, …; the capitals live in the fonts whose
//! name ends in "H", `.VnTimeH`) or in VNI (fonts `VNI-Times`, …). Excel shows such text right
//! only with those fonts; every other program sees "Bé Tµi chÝnh" for "Bộ Tài chính". A cell is
//! decoded when its font says so *and* its content agrees: the decoded text consists of valid
//! Vietnamese syllables and the raw text is not already valid Vietnamese (a `.VnTime` font holding
//! Unicode text, as later templates do, stays as it is). When both readings are valid (TCVN3 "sè"
//! is "số", but "sè" is also a well-formed syllable), the cells of the same sheet and encoding
//! decide: the reading most of them took.
//!
//! The code tables and the syllable check are `cchc_model::legacy`'s.

use std::collections::BTreeMap;

use cchc_model::legacy::{
    Legacy, decode_tcvn3, decode_vni, reads_as_vietnamese, vietnamese_reading,
};
use unicode_normalization::UnicodeNormalization;

use super::{Value, clean};

/// How text cells are read (`--encoding`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Encoding {
    /// Fonts and content decide, cell by cell (the default).
    #[default]
    Auto,
    /// Nothing is converted.
    Unicode,
    /// Every text cell is read as TCVN3, whatever its font.
    Tcvn3,
    /// Every text cell is read as VNI, whatever its font.
    Vni,
}

/// Cells of one column converted from a legacy encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// Zero-based column.
    pub col: u32,
    /// The encoding they were converted from.
    pub encoding: Legacy,
    /// How many cells.
    pub cells: u64,
}

/// The decoding of one sheet's text cells, and what it converted.
#[derive(Debug)]
pub(crate) struct SheetDecoding {
    decoder: Decoder,
    /// Whether any cell can be converted without a font (a forced encoding).
    forced: bool,
    counts: BTreeMap<(u32, Legacy), u64>,
}

impl SheetDecoding {
    pub(crate) fn new(encoding: Encoding) -> SheetDecoding {
        let choice = match encoding {
            Encoding::Auto => None,
            Encoding::Unicode => Some(None),
            Encoding::Tcvn3 => Some(Some(Legacy::Tcvn3)),
            Encoding::Vni => Some(Some(Legacy::Vni)),
        };
        SheetDecoding {
            decoder: Decoder::new(choice),
            forced: matches!(encoding, Encoding::Tcvn3 | Encoding::Vni),
            counts: BTreeMap::new(),
        }
    }

    /// Whether a cell without a legacy font may be converted (a forced encoding).
    pub(crate) fn forced(&self) -> bool {
        self.forced
    }

    /// A cell's value, converted when it is legacy text.
    pub(crate) fn apply(&mut self, col: u32, value: Value, font: Option<LegacyFont>) -> Value {
        if font.is_none() && !self.forced {
            return value;
        }
        if let Value::Text(text) = &value
            && let Some((unicode, encoding)) = self.decoder.decode(text, font)
        {
            *self.counts.entry((col, encoding)).or_default() += 1;
            return Value::Text(clean(&unicode).into());
        }
        value
    }

    /// What was converted, column by column.
    pub(crate) fn conversions(&self) -> Vec<Decoded> {
        self.counts
            .iter()
            .map(|((col, encoding), cells)| Decoded {
                col: *col,
                encoding: *encoding,
                cells: *cells,
            })
            .collect()
    }
}

/// What a font says of its text: its legacy encoding, and whether it shows every letter as a
/// capital (the TCVN3 "H" fonts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LegacyFont {
    pub(crate) encoding: Legacy,
    pub(crate) capitals: bool,
}

/// The legacy encoding a font name implies, if any: `.Vn…` is TCVN3 (capitals when the name ends
/// in "H"), `VNI-…` is VNI.
pub(crate) fn legacy_font(name: &str) -> Option<LegacyFont> {
    let name = name.trim();
    let lower = name.to_ascii_lowercase();
    if lower.starts_with(".vn") {
        Some(LegacyFont {
            encoding: Legacy::Tcvn3,
            capitals: name.ends_with('H'),
        })
    } else if lower.starts_with("vni-") || lower.starts_with("vni ") {
        Some(LegacyFont {
            encoding: Legacy::Vni,
            capitals: false,
        })
    } else {
        None
    }
}

/// Decodes the texts of one sheet: remembers, per encoding, which reading the clear cases took,
/// so that a cell both readings make sense of follows its neighbours.
#[derive(Debug, Default)]
pub(crate) struct Decoder {
    /// `--encoding tcvn3|vni`: every text cell read in that encoding, whatever its font.
    forced: Option<Legacy>,
    /// `--encoding unicode`: nothing decoded.
    off: bool,
    /// Per encoding (TCVN3, VNI): cells that were clearly legacy, and clearly Unicode.
    votes: [(u32, u32); 2],
}

impl Decoder {
    /// A decoder: `Some(None)` turns decoding off, `Some(Some(e))` forces `e`, `None` lets fonts
    /// and content decide.
    pub(crate) fn new(choice: Option<Option<Legacy>>) -> Decoder {
        Decoder {
            forced: choice.flatten(),
            off: matches!(choice, Some(None)),
            votes: [(0, 0); 2],
        }
    }

    /// The Unicode text of a cell whose font is `font`, when it is legacy text; `None` to keep
    /// the text as it is.
    pub(crate) fn decode(
        &mut self,
        text: &str,
        font: Option<LegacyFont>,
    ) -> Option<(String, Legacy)> {
        if self.off {
            return None;
        }
        let font = match (self.forced, font) {
            (Some(encoding), font) => LegacyFont {
                encoding,
                capitals: font.is_some_and(|f| f.capitals && f.encoding == encoding),
            },
            (None, Some(font)) => font,
            (None, None) => return None,
        };
        // The "H" fonts show every letter as a capital, plain ASCII too.
        let capitalised = |t: &str| {
            (font.capitals && t.chars().any(char::is_lowercase))
                .then(|| (t.to_uppercase(), font.encoding))
        };
        if text.is_ascii() {
            return capitalised(text);
        }
        let slot = font.encoding as usize;
        let decoded = match font.encoding {
            Legacy::Tcvn3 => decode_tcvn3(text),
            Legacy::Vni => decode_vni(text),
        };
        let Some(decoded) = decoded else {
            // Characters no 8-bit file holds: the text is Unicode already.
            self.votes[slot].1 += 1;
            return None;
        };
        if decoded == text {
            // Letters that read the same either way ("lý do"): no evidence either way.
            return capitalised(text);
        }
        let keep = if self.forced.is_some() {
            true
        } else {
            let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
            let legacy_ok = match vietnamese_reading(&decoded) {
                Some(valid) => valid,
                // Only abbreviations: legacy when symbols of the raw text became letters ("NS§P").
                None => letters(&decoded) > letters(text),
            };
            let unicode_ok = reads_as_vietnamese(text);
            match (legacy_ok, unicode_ok) {
                (true, false) => {
                    self.votes[slot].0 += 1;
                    true
                }
                (false, true) => {
                    self.votes[slot].1 += 1;
                    false
                }
                (true, true) => self.votes[slot].0 > self.votes[slot].1,
                (false, false) => false,
            }
        };
        if !keep {
            return None;
        }
        let text: String = if font.capitals {
            decoded.to_uppercase().nfc().collect()
        } else {
            decoded.nfc().collect()
        };
        Some((text, font.encoding))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_and_content_decide_together() {
        let tcvn = legacy_font(".VnTime");
        let mut d = Decoder::new(None);
        assert_eq!(
            d.decode("Bé Tµi chÝnh", tcvn).map(|(t, _)| t).as_deref(),
            Some("Bộ Tài chính")
        );
        // Both readings valid: the sheet's clear cases decide (here, one TCVN3 cell).
        assert_eq!(d.decode("sè", tcvn).map(|(t, _)| t).as_deref(), Some("số"));
        // Unicode in a .Vn font (later templates): kept, and then "sè" is kept too.
        let mut unicode = Decoder::new(None);
        assert_eq!(unicode.decode("Bộ Tài chính", tcvn), None);
        assert_eq!(unicode.decode("Tài chính", tcvn), None);
        assert_eq!(unicode.decode("sè", tcvn), None);
        // Capitals from the "H" fonts.
        let capitals = legacy_font(".VnArialH");
        assert_eq!(
            d.decode("tæng thu", capitals).map(|(t, _)| t).as_deref(),
            Some("TỔNG THU")
        );
        // No legacy font: nothing decoded unless forced; off means off.
        assert_eq!(d.decode("Bé Tµi chÝnh", None), None);
        let mut forced = Decoder::new(Some(Some(Legacy::Tcvn3)));
        assert!(forced.decode("Bé Tµi chÝnh", None).is_some());
        let mut off = Decoder::new(Some(None));
        assert_eq!(off.decode("Bé Tµi chÝnh", tcvn), None);
    }
}
