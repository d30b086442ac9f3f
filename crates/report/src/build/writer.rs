//! The words of the document in its language (`W`), and sheet names.

use cchc_model::Lang;
use cchc_model::labels::{fmt_number, label};

use crate::model::*;

pub(super) struct W {
    pub(super) lang: Lang,
}

impl W {
    pub(super) fn say(&self, phrase: cchc_model::Phrase) -> &'static str {
        self.lang.say(phrase)
    }
    pub(super) fn num(&self, x: f64, decimals: usize) -> String {
        fmt_number(x, decimals, self.lang)
    }
    /// A maximum as scorecards write it: "100", "39,5".
    pub(super) fn trimmed(&self, x: f64) -> String {
        cchc_model::labels::fmt_trimmed(x, self.lang)
    }
    pub(super) fn pct(&self, x: f64) -> String {
        format!("{}%", self.num(x * 100.0, 1))
    }
    pub(super) fn signed(&self, x: f64, decimals: usize) -> String {
        let s = self.num(x.abs(), decimals);
        if x > 0.0 {
            format!("+{s}")
        } else if x < 0.0 {
            format!("−{s}")
        } else {
            s
        }
    }
    pub(super) fn col(&self, name: &str, kind: Kind, width: f64) -> Col {
        Col {
            header: label(name, self.lang),
            kind,
            width,
        }
    }
    pub(super) fn named(&self, header: cchc_model::Phrase, kind: Kind, width: f64) -> Col {
        Col {
            header: self.say(header).to_owned(),
            kind,
            width,
        }
    }
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the workbook
/// (`taken`, compared without case).
pub fn sheet_name(base: &str, taken: &[String]) -> String {
    let clean: String = base
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'').to_owned();
    let mut name: String = clean.chars().take(31).collect();
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        let suffix = format!(" ({n})");
        name = clean
            .chars()
            .take(31 - suffix.chars().count())
            .collect::<String>()
            + &suffix;
        n += 1;
    }
    name
}

/// The short form of a unit for a sheet name: its initials after the kind of office ("Sở Tư
/// pháp" → "Sở TP", "UBND huyện Long Thành" → "UBND huyện LT").
pub(super) fn short_unit(unit: &str) -> String {
    let words: Vec<&str> = unit.split_whitespace().collect();
    let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
    let head = if words.len() > 2 && lower(words[1]) {
        2
    } else {
        1
    };
    let (kind, name) = words.split_at(head.min(words.len()));
    let initials: String = name
        .iter()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_uppercase)
        .collect();
    if initials.is_empty() {
        kind.join(" ")
    } else {
        format!("{} {initials}", kind.join(" "))
    }
}

/// Hands out unique sheet names.
pub(super) struct Sheets(pub(super) Vec<String>);

impl Sheets {
    pub(super) fn name(&mut self, base: &str) -> String {
        let name = sheet_name(base, &self.0);
        self.0.push(name.clone());
        name
    }
}
