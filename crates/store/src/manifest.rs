//! The manifest: the list of sources and the parts each wrote, saved as JSON.

use std::fs;
use std::io::Write;
use std::path::Path;

use cchc_model::{RowCounts, TableKind};
use serde::{Deserialize, Serialize};

use crate::StoreError;

/// The store's table of contents.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// Format version.
    pub version: u32,
    /// Imported sources, oldest first.
    pub sources: Vec<SourceEntry>,
    /// The analyst's units file (`--units`), kept once given: canonical names and aliases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<UnitName>,
}

/// One imported file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SourceEntry {
    /// sha256 of its bytes.
    pub sha256: String,
    /// Path as given at import.
    pub path: String,
    /// File name.
    pub file_name: String,
    /// Kind of table.
    pub kind: TableKind,
    /// Sheets read.
    pub sheets: Vec<String>,
    /// When it was imported (UTC, RFC 3339).
    pub imported_at: String,
    /// Rows read, imported, structure, rejected.
    pub counts: RowCounts,
    /// Warnings raised while reading it (0 in manifests written before they were kept).
    #[serde(default)]
    pub warnings: u64,
    /// Parquet parts holding its rows.
    pub parts: Vec<Part>,
    /// Parquet file holding its refused rows.
    pub rejects_file: Option<String>,
}

/// One Parquet file: the rows of one source, table, year and unit.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Part {
    /// Table name.
    pub table: String,
    /// Year.
    pub year: i32,
    /// Unit.
    pub unit: String,
    /// The unit's province, when the import knew it (older manifests: none). Same-named units of
    /// two provinces are two units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// The unit's key in the register of units, when the import identified it (`x:26002`,
    /// `d:tai_chinh@2025-03-01@p:75`): two units of one name on two sides of a change are two
    /// units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_key: Option<String>,
    /// The unit's code in the register (communes, districts), which tells two same-named units
    /// apart where they meet in one store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_code: Option<String>,
    /// The days the rows cover when not the whole year (a half-year report): first and last,
    /// ISO 8601. Parts of one unit and year with periods that do not overlap add up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<[String; 2]>,
    /// Rows in the file.
    pub rows: u64,
    /// Path relative to the store root.
    pub file: String,
}

impl Manifest {
    /// Reads a manifest; a missing file is an empty manifest.
    pub fn load(path: &Path) -> Result<Manifest, StoreError> {
        match fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map_err(|e| StoreError::Manifest {
                path: path.to_owned(),
                detail: e.to_string(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest {
                version: 1,
                sources: Vec::new(),
                units: Vec::new(),
            }),
            Err(source) => Err(StoreError::Io {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Writes the manifest atomically: a temporary file, synced, then renamed over the old one.
    pub fn save(&self, path: &Path) -> Result<(), StoreError> {
        let tmp = path.with_extension(format!("json.tmp-{}", std::process::id()));
        let io = |source| StoreError::Io {
            path: path.to_owned(),
            source,
        };
        let text = serde_json::to_string_pretty(self).map_err(|e| StoreError::Manifest {
            path: path.to_owned(),
            detail: e.to_string(),
        })?;
        let mut f = fs::File::create(&tmp).map_err(io)?;
        f.write_all(text.as_bytes()).map_err(io)?;
        f.sync_all().map_err(io)?;
        fs::rename(&tmp, path).map_err(io)
    }
}

/// The current time in UTC as RFC 3339, without a date library.
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format_utc(secs)
}

fn format_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (year, month, day) = cchc_calendar::day::Day(days as i32).ymd();
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_times() {
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_utc(1_764_115_200), "2025-11-26T00:00:00Z");
        assert_eq!(format_utc(951_782_400 + 3_661), "2000-02-29T01:01:01Z");
    }
}

/// A unit's canonical name and the other names it goes by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitName {
    /// The name shown.
    pub name: String,
    /// Other spellings and abbreviations.
    #[serde(default)]
    pub aliases: Vec<String>,
}
