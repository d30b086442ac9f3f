//! Why a file could not be imported. Bad rows are never errors: they are rejections (see
//! [`cchc_model::Rejection`]); an [`ImportError`] means the file or sheet as a whole cannot be read.

use std::path::PathBuf;

use cchc_model::TableKind;

/// Why a sink refused a batch: the receiver's own error (the store's), kept typed so that the
/// front end says it in the analyst's language.
pub type SinkError = Box<dyn std::error::Error + Send + Sync>;

/// A file or sheet that cannot be imported. Every variant names the file, and the sheet where
/// there is one.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be opened or read.
    #[error("{}: cannot read the file: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file has no bytes.
    #[error("{}: the file is empty", path.display())]
    Empty { path: PathBuf },
    /// The bytes are not a workbook of a format cchc reads.
    #[error("{}: not a spreadsheet (expected .xlsx, .xls or .ods)", path.display())]
    NotASpreadsheet { path: PathBuf },
    /// An .xlsx that is an encrypted (password-protected) container.
    #[error("{}: the workbook is password-protected; save an unprotected copy", path.display())]
    Encrypted { path: PathBuf },
    /// The spreadsheet library could not parse the file (truncated or corrupt).
    #[error("{}: the workbook is damaged or truncated: {detail}", path.display())]
    Damaged { path: PathBuf, detail: String },
    /// A sheet asked for does not exist.
    #[error("{}: no sheet named \"{sheet}\" (sheets: {available})", path.display())]
    SheetNotFound {
        path: PathBuf,
        sheet: String,
        available: String,
    },
    /// The workbook has no sheet with a table cchc recognises.
    #[error("{}: no recognisable table{}", path.display(), sheet_suffix(sheet))]
    NoTable {
        path: PathBuf,
        sheet: Option<String>,
    },
    /// The sheet exceeds a safety limit (a far-away stray cell, too many cells).
    #[error("{}, sheet \"{sheet}\": {what}", path.display())]
    TooLarge {
        path: PathBuf,
        sheet: String,
        what: Oversize,
    },
    /// A column the table cannot do without was not found.
    #[error("{}, sheet \"{sheet}\": no column for {field} (expected a header like \"{expected}\")", path.display())]
    MissingColumn {
        path: PathBuf,
        sheet: String,
        field: String,
        expected: String,
    },
    /// Two columns claim the same field.
    #[error("{}, sheet \"{sheet}\": columns {first} and {second} both look like {field}; name one in a profile", path.display())]
    AmbiguousColumn {
        path: PathBuf,
        sheet: String,
        field: String,
        first: String,
        second: String,
    },
    /// No year could be found for the data.
    #[error("{}, sheet \"{sheet}\": no year found in a header, the sheet name, the title or the file name; pass --year", path.display())]
    NoYear { path: PathBuf, sheet: String },
    /// No unit could be found for the data.
    #[error("{}, sheet \"{sheet}\": no unit found in a column or the title; pass --unit", path.display())]
    NoUnit { path: PathBuf, sheet: String },
    /// Two sources disagree on the year or the unit.
    #[error("{0}")]
    Conflict(Box<Conflict>),
    /// The mapping profile could not be read or names something that is not there.
    #[error("{}: mapping profile: {problem}", path.display())]
    Profile {
        path: PathBuf,
        problem: ProfileProblem,
    },
    /// The rows read could not be handed on (the store refused a batch).
    #[error("{}: could not store the rows: {source}", path.display())]
    Sink { path: PathBuf, source: SinkError },
    /// A part of the zip container would inflate beyond the limit (a zip bomb, or a damaged file
    /// whose sizes lie).
    #[error("{}: the part {entry} inflates to {size} bytes, over the limit of {limit}; refused as a possible zip bomb or a damaged file", path.display())]
    Inflated {
        path: PathBuf,
        entry: String,
        size: u64,
        limit: u64,
    },
    /// A part of the zip container is compressed far more than workbooks ever are.
    #[error("{}: the part {entry} is compressed {ratio}:1 (workbooks stay under {limit}:1); refused as a possible zip bomb", path.display())]
    Compressed {
        path: PathBuf,
        entry: String,
        ratio: u64,
        limit: u64,
    },
    /// A cell lies far below the rest of the sheet: a stray cell that would make the sheet huge.
    #[error("{}, sheet \"{sheet}\": a cell at {cell} lies {gap} empty rows below the rest of the sheet; delete the stray cell (Ctrl+End in Excel finds it) and import again", path.display())]
    StrayCell {
        path: PathBuf,
        sheet: String,
        cell: String,
        gap: u64,
    },
    /// The kind of table could not be told from its headers; `likely` is the kind whose fields
    /// the headers come closest to.
    #[error("{}: cannot tell what kind of table this is; name it: cchc import KIND FILE", path.display())]
    UnknownKind {
        path: PathBuf,
        likely: Option<TableKind>,
    },
}

/// A safety limit a sheet went over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Oversize {
    /// A cell lies below the last row allowed (`row` one-based).
    Row { row: u64, max: u32 },
    /// A cell lies right of the last column allowed (`col` one-based).
    Column { col: u64, max: u32 },
    /// The sheet has more non-empty cells than allowed.
    Cells { max: u64 },
    /// calamine's dense reader refused the sheet's range: its cells span too large a range,
    /// probably because of a stray cell far from the table.
    Range { detail: String },
}

impl std::fmt::Display for Oversize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Oversize::Row { row, max } => {
                write!(f, "a cell at row {row} is beyond the {max} rows allowed")
            }
            Oversize::Column { col, max } => {
                write!(
                    f,
                    "a cell at column {col} is beyond the {max} columns allowed"
                )
            }
            Oversize::Cells { max } => write!(f, "more than {max} non-empty cells"),
            Oversize::Range { detail } => write!(
                f,
                "the sheet's cells span too large a range, probably because of a stray cell far from the table ({detail}); delete it (Ctrl+End finds it) and import again"
            ),
        }
    }
}

/// Where a sheet's year or unit came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The command line: `--year` or `--unit`.
    Flag,
    /// The mapping profile's `year` or `unit`.
    Profile,
    /// The sheet's name (quoted as it is).
    SheetName(String),
    /// The title lines above the table.
    Title,
    /// The file's name.
    FileName,
    /// A header band over the figures ("NĂM 2021").
    HeaderBand(i32),
}

/// What a sheet's context is about: its year or its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// The year of the data.
    Year,
    /// The unit (đơn vị) the data describes.
    Unit,
}

/// An origin in English, for [`Conflict`]'s `Display`.
fn origin_en(origin: &Origin, what: Quantity) -> String {
    match (origin, what) {
        (Origin::Flag, Quantity::Year) => "--year".to_owned(),
        (Origin::Flag, Quantity::Unit) => "--unit".to_owned(),
        (Origin::Profile, _) => "the profile".to_owned(),
        (Origin::SheetName(name), _) => format!("the sheet name \"{name}\""),
        (Origin::Title, _) => "the title".to_owned(),
        (Origin::FileName, _) => "the file name".to_owned(),
        (Origin::HeaderBand(y), _) => format!("the header band \"{y}\""),
    }
}

/// What is wrong with a mapping profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileProblem {
    /// The file is not TOML of the profile's shape (the parser's words).
    Syntax(String),
    /// `header_rows` names row 0 (rows are one-based).
    RowZero,
    /// `[columns]` names a field the kind does not have.
    UnknownField(String),
    /// `[columns]` maps a field to a column that is neither letters nor a header of the sheet.
    NoColumn { field: String, column: String },
}

impl std::fmt::Display for ProfileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ProfileProblem::Syntax(detail) => write!(f, "\"{detail}\""),
            ProfileProblem::RowZero => write!(f, "header_rows are one-based: row 0 does not exist"),
            ProfileProblem::UnknownField(name) => write!(f, "unknown field \"{name}\""),
            ProfileProblem::NoColumn { field, column } => {
                write!(f, "field \"{field}\": no column \"{column}\"")
            }
        }
    }
}

/// Two sources that disagree on the year or the unit of a sheet.
#[derive(Debug)]
pub struct Conflict {
    /// The file.
    pub path: PathBuf,
    /// The sheet.
    pub sheet: String,
    /// The year or the unit.
    pub what: Quantity,
    /// The first value.
    pub first: String,
    /// Where the first value came from.
    pub first_source: Origin,
    /// The value that disagrees.
    pub second: String,
    /// Where the disagreeing value came from.
    pub second_source: Origin,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.what {
            Quantity::Year => "year",
            Quantity::Unit => "unit",
        };
        write!(
            f,
            "{}, sheet \"{}\": the {what} is \"{}\" from {} but \"{}\" from {}",
            self.path.display(),
            self.sheet,
            self.first,
            origin_en(&self.first_source, self.what),
            self.second,
            origin_en(&self.second_source, self.what)
        )
    }
}

fn sheet_suffix(sheet: &Option<String>) -> String {
    match sheet {
        Some(s) => format!(" in sheet \"{s}\""),
        None => " in any sheet".to_owned(),
    }
}
