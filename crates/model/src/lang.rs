//! The language of user-facing text: Vietnamese by default, English on request.

use serde::{Deserialize, Serialize};

/// A language for labels, messages and charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Tiếng Việt, the default.
    #[default]
    Vi,
    /// English.
    En,
}

/// A phrase of a catalogue in both languages: a label, a heading, a short sentence with nothing
/// to fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    /// Vietnamese.
    pub vi: &'static str,
    /// English.
    pub en: &'static str,
}

impl Lang {
    /// The phrase in this language.
    pub fn say(self, phrase: Phrase) -> &'static str {
        match self {
            Lang::Vi => phrase.vi,
            Lang::En => phrase.en,
        }
    }

    /// Chooses between the Vietnamese and the English form of a text (for the catalogues).
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}
