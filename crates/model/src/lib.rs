//! The shared vocabulary of cchc: what every other crate agrees on.
//!
//! It owns the kinds of table ([`TableKind`]), the canonical column names and polars schemas
//! ([`columns`], [`schema`]), cell addresses ([`CellRef`], printed `Sheet1!D12`), how each source row
//! ended ([`RowOutcome`], [`RowCounts`]), import diagnostics ([`Rejection`], [`Warning`]) and the
//! language of user-facing text ([`Lang`]; the words themselves are the command line's).
//!
//! Architecture invariant: `model` knows nothing of files, Excel, charts or the command line. It is
//! plain data that the importers produce and the store, analyses, charts and CLI consume.

pub mod cell;
pub mod columns;
pub mod diag;
pub mod frame;
pub mod labels;
pub mod lang;
pub mod legacy;
pub mod peer;
pub mod rows;
pub mod scale;
pub mod schema;
pub mod stamp;
pub mod tables;
pub mod text;

pub use cell::{CellRef, column_letters};
pub use diag::{
    PartsOf, RejectReason, Rejection, RowCounts, RowOutcome, StructureKind, Warning, WarningKind,
};
pub use lang::{Lang, Phrase};
pub use peer::PeerGroup;
pub use rows::{Coded, Rows, RowsColumn};
pub use scale::Scale;

use serde::{Deserialize, Serialize};

/// The kinds of workbook cchc imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    /// Administrative-reform score table (Chỉ số CCHC): criteria with max and achieved scores.
    Scorecard,
    /// Satisfaction survey (SIPAS style): one row per respondent.
    Survey,
    /// Procedure registry and dossier statistics (thủ tục hành chính).
    Procedures,
    /// Dossier logs (sổ theo dõi hồ sơ): one row per dossier.
    Dossiers,
}

impl TableKind {
    /// The store table (directory) that holds rows of this kind: its main table.
    pub fn table_name(self) -> &'static str {
        self.tables()[0]
    }

    /// Every store table an import of this kind writes, its main table first.
    pub fn tables(self) -> &'static [&'static str] {
        match self {
            TableKind::Scorecard => &[tables::SCORECARD],
            TableKind::Survey => &[tables::SURVEY_ANSWERS, tables::SURVEY_RESPONDENTS],
            TableKind::Procedures => &[tables::PROCEDURES, tables::PROCEDURE_REGISTRY],
            TableKind::Dossiers => &[tables::DOSSIERS],
        }
    }

    /// The name used on the command line and in the manifest.
    pub fn as_str(self) -> &'static str {
        match self {
            TableKind::Scorecard => "scorecard",
            TableKind::Survey => "survey",
            TableKind::Procedures => "procedures",
            TableKind::Dossiers => "dossiers",
        }
    }
}

impl std::fmt::Display for TableKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
