//! Finding and reading the table of a sheet, whatever its kind: the title lines and the header
//! ([`layout`]), Vietnamese text and numbers ([`text`], [`number`]), mapping profiles
//! ([`profile`]), the one year/unit resolver ([`context`]) and the one sheet driver ([`driver`]:
//! read, classify each row through the kind, reject, tally). The types of an import's report live
//! here too, since the driver fills them.
//!
//! Architecture invariant: this layer knows tables, not table kinds: a kind plugs in through
//! [`driver::SheetKind`]; nothing here names a kind's fields.

pub(crate) mod context;
pub(crate) mod driver;
pub(crate) mod layout;
pub(crate) mod number;
pub(crate) mod personal;
pub(crate) mod profile;
pub(crate) mod text;

use std::collections::BTreeMap;
use std::path::PathBuf;

use cchc_model::{Rejection, RowCounts, Rows, StructureKind, TableKind, Warning};

use self::context::Sourced;
use self::layout::TableLayout;
use self::profile::Profile;
use crate::cell::legacy::{Decoded, Encoding};
use crate::workbook::{Format, Limits};

/// What the analyst told the importer (flags and profile).
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `--year`.
    pub year: Option<i32>,
    /// `--unit`.
    pub unit: Option<String>,
    /// `--sheet`: only this sheet.
    pub sheet: Option<String>,
    /// `--profile`.
    pub profile: Option<Profile>,
    /// `--codebook`: a workbook whose sheet maps survey questions to elements
    /// (Mã câu hỏi | Yếu tố | Nội dung), used when the survey has no codebook sheet of its own.
    pub codebook: Option<PathBuf>,
    /// Safety limits.
    pub limits: Limits,
    /// `--encoding`: how text cells are read (TCVN3 and VNI text is converted by default where
    /// the fonts and the content agree).
    pub encoding: Encoding,
    /// Rows per batch sent to the sink by importers that stream (surveys); 0 = the default
    /// (about half a million answers).
    pub batch_rows: usize,
    /// `--keep-personal-data`: store personal columns (names, emails, phone and ID numbers…) as
    /// attributes instead of leaving them out.
    pub keep_personal_data: bool,
}

/// The identity of a source file: its name, format and content hash.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceFile {
    /// Path as given.
    pub path: PathBuf,
    /// File name without directories.
    pub file_name: String,
    /// sha256 of the bytes, hex: importing the same bytes twice adds nothing.
    pub sha256: String,
    /// Format told from the bytes.
    pub format: Format,
}

/// What a column of the header was read as.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnRole {
    /// A canonical field ([`cchc_model::columns`]).
    Field(&'static str),
    /// A survey question, with its element (yếu tố) and the scale of its answers.
    Question {
        /// The question's code ("1.2").
        code: String,
        /// The element it belongs to.
        element: String,
        /// The five-level scale its answers are read on.
        scale: cchc_model::Scale,
    },
    /// A respondent attribute of a survey, named by its header.
    Attribute(String),
    /// Personal data (an email, a phone or ID number, a name, a date of birth, an address), not
    /// stored (`--keep-personal-data` keeps it as an attribute).
    Personal(personal::PersonalKind),
    /// The time a form was sent (a form tool's "Dấu thời gian"): not stored; a row's year when
    /// nothing stronger names it.
    Timestamp,
}

/// How a header column was mapped.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMapping {
    /// Zero-based column.
    pub col: u32,
    /// Flattened header text.
    pub header: String,
    /// What the column was read as, or `None` when the column is not used.
    pub field: Option<ColumnRole>,
    /// Year named in the header path.
    pub year: Option<i32>,
}

/// The analyst's header of column `col` among a sheet's mapped columns.
pub(crate) fn header_at(columns: &[ColumnMapping], col: u32) -> Option<&str> {
    columns
        .iter()
        .find(|m| m.col == col)
        .map(|m| m.header.as_str())
}

/// Why a sheet was passed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// No header of the kind was found in the sheet's first rows.
    NoHeader(TableKind),
    /// A header was found, but without the columns the kind cannot do without (a scorecard's
    /// score, a procedure's code or its figures).
    MissingColumns(TableKind),
    /// A survey header without question columns ("Câu 1.1 …").
    NoQuestions,
    /// The survey's codebook sheet (Mã câu hỏi | Yếu tố), read for the questions' elements.
    Codebook,
}

/// What became of one sheet.
#[derive(Debug, Clone, Default)]
pub struct SheetReport {
    /// Sheet name.
    pub sheet: String,
    /// Why the sheet was passed over, when it was.
    pub skipped: Option<SkipReason>,
    /// Where the table was found.
    pub layout: Option<TableLayout>,
    /// Header columns and their fields.
    pub columns: Vec<ColumnMapping>,
    /// Years of the data with their sources (empty when a year column gives them row by row).
    pub years: Vec<Sourced<i32>>,
    /// Unit of the data with its source (`None` when a unit column gives it row by row).
    pub unit: Option<Sourced<String>>,
    /// The import contract's tally.
    pub counts: RowCounts,
    /// Structure rows by kind.
    pub structure: BTreeMap<StructureKind, u64>,
    /// Refused rows.
    pub rejections: Vec<Rejection>,
    /// Warnings.
    pub warnings: Vec<Warning>,
    /// Columns whose text was converted from a legacy encoding (TCVN3, VNI).
    pub decoded: Vec<Decoded>,
    /// What the analyst should know of how the sheet was read.
    pub notes: Vec<SheetNote>,
    /// Who published a table of many units, as its title names it (its agency block): not a
    /// unit of the data.
    pub publisher: Option<String>,
    /// The province the title names, as written ("Đồng Nai"): the front end resolves it against
    /// its register of units, with the sheet's years.
    pub province: Option<String>,
    /// The period the title names when it is not a whole year (a half-year, "từ ngày … đến
    /// ngày …"): first and last day.
    pub period: Option<(cchc_calendar::Day, cchc_calendar::Day)>,
}

/// Something the analyst should know of how a sheet was read, that is neither a warning nor a
/// rejection.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetNote {
    /// Neither a codebook nor "x.y" numbering groups the questions: each question is its own
    /// element.
    QuestionsAsElements,
}

impl SheetReport {
    pub(crate) fn new(sheet: &str) -> Self {
        SheetReport {
            sheet: sheet.to_owned(),
            ..SheetReport::default()
        }
    }

    pub(crate) fn skipped(sheet: &str, why: SkipReason) -> Self {
        SheetReport {
            sheet: sheet.to_owned(),
            skipped: Some(why),
            ..SheetReport::default()
        }
    }
}

pub use crate::error::SinkError;

/// Where an import sends its rows as it reads them: (table name, a batch of rows). An `Err` stops
/// the import with an `ImportError::Sink`.
pub type Sink<'a> = dyn FnMut(&str, Rows) -> Result<(), SinkError> + 'a;
