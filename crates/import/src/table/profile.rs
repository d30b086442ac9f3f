//! Mapping profiles: a TOML file that tells the importer what detection could not.
//!
//! ```toml
//! kind = "scorecard"          # optional: scorecard
//! sheet = "Phụ lục"           # optional: only this sheet
//! header_rows = [5, 6]        # optional: one-based header rows
//! year = 2021                 # optional
//! unit = "Sở Tư pháp"         # optional
//! [columns]                   # optional: field = column letter
//! code = "A"
//! criterion = "B"
//! max_score = "C"
//! score = "D"
//! [max_scores]                # optional, wide tables: column letter or header = maximum
//! D = 10
//! "Công khai, minh bạch" = 10
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{ImportError, ProfileProblem};

/// A parsed mapping profile.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The kind of table, when detection cannot tell.
    pub kind: Option<String>,
    /// The only sheet to read.
    pub sheet: Option<String>,
    /// One-based header rows.
    pub header_rows: Option<Vec<u32>>,
    /// Year of the data.
    pub year: Option<i32>,
    /// Unit of the data.
    pub unit: Option<String>,
    /// Field name → column letter ("C") or a header text to match exactly after folding.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Wide tables: the maximum of a field the header does not state, by column letter ("D")
    /// or header text (matched after folding).
    #[serde(default)]
    pub max_scores: BTreeMap<String, f64>,
}

impl Profile {
    /// The maximum the profile gives a column, by its letters or its header text.
    pub(crate) fn max_score_of(&self, col: u32, header: &str) -> Option<f64> {
        let letters = cchc_model::column_letters(col);
        let key = super::text::fold(header);
        self.max_scores
            .iter()
            .find(|(name, _)| **name == letters || super::text::fold(name) == key)
            .map(|(_, max)| *max)
    }
}

impl Profile {
    /// Reads a profile file.
    pub fn load(path: &Path) -> Result<Profile, ImportError> {
        let text = std::fs::read_to_string(path).map_err(|source| ImportError::Io {
            path: path.to_owned(),
            source,
        })?;
        Profile::parse(&text).map_err(|problem| ImportError::Profile {
            path: path.to_owned(),
            problem,
        })
    }

    /// Parses a profile's text.
    pub fn parse(text: &str) -> Result<Profile, ProfileProblem> {
        let profile: Profile =
            toml::from_str(text).map_err(|e| ProfileProblem::Syntax(e.to_string()))?;
        if let Some(rows) = &profile.header_rows
            && rows.contains(&0)
        {
            return Err(ProfileProblem::RowZero);
        }
        Ok(profile)
    }

    /// Zero-based header rows.
    pub fn header_rows_zero_based(&self) -> Option<Vec<u32>> {
        self.header_rows
            .as_ref()
            .map(|rows| rows.iter().map(|r| r - 1).collect())
    }
}

/// The columns a profile names, as (column index → canonical field): a column is given by its
/// letters ("C") or its header text; `field_of` maps the profile's field names to the importer's.
pub(crate) fn forced_columns(
    profile: Option<&Profile>,
    table: &super::layout::TableLayout,
    path: &Path,
    field_of: impl Fn(&str) -> Option<&'static str>,
) -> Result<std::collections::HashMap<u32, &'static str>, ImportError> {
    let mut forced = std::collections::HashMap::new();
    let Some(profile) = profile else {
        return Ok(forced);
    };
    for (name, letters) in &profile.columns {
        let field = field_of(name).ok_or_else(|| ImportError::Profile {
            path: path.to_owned(),
            problem: ProfileProblem::UnknownField(name.clone()),
        })?;
        let col = column_index(letters)
            .or_else(|| {
                table
                    .columns
                    .iter()
                    .find(|h| super::text::fold(&h.label()) == super::text::fold(letters))
                    .map(|h| h.col)
            })
            .ok_or_else(|| ImportError::Profile {
                path: path.to_owned(),
                problem: ProfileProblem::NoColumn {
                    field: name.clone(),
                    column: letters.clone(),
                },
            })?;
        forced.insert(col, field);
    }
    Ok(forced)
}

/// Reads a column letter ("C", "AA") as a zero-based index.
pub(crate) fn column_index(letters: &str) -> Option<u32> {
    let letters = letters.trim();
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let n = letters
        .to_ascii_uppercase()
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1));
    Some(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_profile_and_converts_rows_and_letters() {
        let p = Profile::parse("header_rows = [5, 6]\nyear = 2021\n[columns]\nmax_score = \"C\"\n")
            .expect("valid");
        assert_eq!(p.header_rows_zero_based(), Some(vec![4, 5]));
        assert_eq!(p.columns.get("max_score").map(String::as_str), Some("C"));
        assert_eq!(column_index("C"), Some(2));
        assert_eq!(column_index("aa"), Some(26));
        assert_eq!(column_index("XFD"), Some(16383));
        assert_eq!(column_index("1"), None);
    }

    #[test]
    fn refuses_unknown_keys_and_row_zero() {
        assert!(Profile::parse("colums = {}").is_err());
        assert!(Profile::parse("header_rows = [0]").is_err());
    }
}
