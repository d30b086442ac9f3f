//! The report of cchc: the year's analysis as one document model ([`Document`]), rendered three
//! ways — a printable, self-contained HTML page ([`html`]), an Excel workbook with native charts
//! ([`xlsx`]) and a Word draft of the next year's remediation plan in the shape of the seed plan
//! ([`docx`]).
//!
//! [`build`] makes the document from the result frames the analyses return (the command line
//! reads them from the store and hands them over in [`Inputs`]); each renderer only lays out what
//! the document says, so the three files tell the same figures.
//!
//! Architecture invariant: `report` knows nothing of the store, the importers or the command line.
//! Like `plot`, it writes its own words (section titles, captions, definitions) in the chosen
//! language; the words of typed diagnostics and procedure reasons come in from the command line.
//!
//! # How it works
//!
//! The year's report as one document model (`model`: `Document` → `Section` → `Block`: headings,
//! paragraphs, key figures, `Table`s whose cells stay numbers with a column `Kind`, `Chart`s with
//! their SVG and, for the main figures, a `Native` description of the workbook chart over the
//! table's sheet; `Plan`: the next year's tasks and appendix). `build` makes it from the result
//! frames the command line computes (`Inputs`: scorecard gaps and trend, survey index and
//! distribution, procedure roll-ups and proposals with their reasons in words, the manifest's
//! sources), choosing what the year has and listing what is missing. Three renderers read it:
//! `html` (one self-contained page, inline SVG from `plot`, print CSS for A4), `xlsx`
//! (rust_xlsxwriter: a sheet per table, Excel tables, number and conditional formats, native charts
//! under their tables with a page break before each, A4 landscape fit to width with repeated
//! headers and row heights that fit wrapped text — `print_setup` and `row_height` also serve the CLI's
//! appendix) and `docx` (docx-rs: the seed plan's shape, Times New Roman, A4).

mod build;
pub mod docx;
pub mod html;
pub mod model;
mod words;
pub mod xlsx;

use std::path::{Path, PathBuf};

pub use build::{Inputs, Procedures, Scorecards, SourceLine, Surveys, build, sheet_name};
pub use model::*;

/// What can go wrong while making a report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// A result frame lacks a column or has an unexpected type.
    #[error("report input: {0}")]
    Frame(#[from] polars::prelude::PolarsError),
    /// A chart could not be drawn.
    #[error("report chart: {0}")]
    Plot(#[from] cchc_plot::PlotError),
    /// The workbook could not be written.
    #[error("{}: cannot write the workbook: {detail}", path.display())]
    Xlsx { path: PathBuf, detail: String },
    /// The Word document could not be written.
    #[error("{}: cannot write the document: {detail}", path.display())]
    Docx { path: PathBuf, detail: String },
    /// A file could not be written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The three renderings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The printable page.
    Html,
    /// The workbook.
    Xlsx,
    /// The plan's Word draft.
    Docx,
}

impl Format {
    /// Every format, in the order they are written.
    pub const ALL: [Format; 3] = [Format::Html, Format::Xlsx, Format::Docx];

    /// The file name: `bao-cao-<year>.html`, `bao-cao-<year>.xlsx`, `ke-hoach-<year+1>.docx`, with
    /// `-<suffix>` (a unit's slug) when one unit is reported on.
    pub fn file_name(self, year: i32, suffix: Option<&str>) -> String {
        let (stem, year, ext) = match self {
            Format::Html => ("bao-cao", year, "html"),
            Format::Xlsx => ("bao-cao", year, "xlsx"),
            Format::Docx => ("ke-hoach", year + 1, "docx"),
        };
        match suffix {
            Some(s) => format!("{stem}-{year}-{s}.{ext}"),
            None => format!("{stem}-{year}.{ext}"),
        }
    }

    /// Writes the document in this format.
    pub fn write(self, doc: &Document, path: &Path) -> Result<(), ReportError> {
        match self {
            Format::Html => {
                let page = html::render(doc);
                std::fs::write(path, page).map_err(|source| ReportError::Io {
                    path: path.to_owned(),
                    source,
                })
            }
            Format::Xlsx => xlsx::write(doc, path),
            Format::Docx => docx::write(doc, path),
        }
    }
}

/// Escapes text for HTML and XML (double-quoted attributes included).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(ch),
        }
    }
    out
}
