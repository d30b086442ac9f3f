//! The presentation layer: the words of every typed value the libraries return, in Vietnamese
//! (the default) or English. Libraries hand over codes, numbers and the text they read from a
//! workbook; only this module builds sentences for people. Text taken from a workbook — cell
//! values, headers, sheet names, units — and details from the libraries below are always quoted,
//! so they are never mistaken for the message's own words.
//!
//! By subject: import diagnostics ([`diag`]), what `inspect` shows of a sheet ([`import`]),
//! errors ([`errors`]), procedure proposals, reasons and definitions ([`procedures`]).

#[cfg(test)]
mod check;
mod diag;
mod errors;
mod import;
mod notes;
pub mod phrases;
mod procedures;
mod query;
mod sheet;
mod steps;
mod tables;
#[cfg(test)]
mod tests;
mod units;
pub mod web;

use cchc_model::Lang;

pub use import::{conversions, origin, text_dates};
pub use notes::{adjustment_note, audit_flag, audit_note, dossier_stats_note, reconcile_note};
pub use procedures::{
    from_logs, procedure_definitions, proposal, proposal_written, registry_only, stats_definitions,
    summary, with_reasons_in_words,
};
pub use sheet::{diagnostics, reading_notes, repeated_codes, sheet_conversions};
pub use steps::{
    Heading, datasets_missing, demo_heading, demo_store, no_file, report_progress,
    report_progress_document, wrote,
};
pub use tables::{
    appendix_headers, appendix_title, no_source, reason_words, rejects_hint, scale_cell,
    working_days, working_hours, yes_no,
};
pub use units::{peer_group_cell, unit_lines};

/// Renders a typed value in the chosen language.
pub trait Words {
    /// The value's words in `lang`.
    fn words(&self, lang: Lang) -> String;
}

/// The message of an error in the chosen language, for the error types of the libraries; any
/// other error (argument checks of the command line, which already speak the analyst's language)
/// as it is.
pub fn error(err: &anyhow::Error, lang: Lang) -> String {
    if let Some(e) = err.downcast_ref::<cchc_import::ImportError>() {
        return e.words(lang);
    }
    if let Some(e) = err.downcast_ref::<cchc_store::StoreError>() {
        return e.words(lang);
    }
    if let Some(e) = err.downcast_ref::<cchc_query::QueryError>() {
        return e.words(lang);
    }
    if let Some(e) = err.downcast_ref::<cchc_report::ReportError>() {
        return e.words(lang);
    }
    if let Some(e) = err.downcast_ref::<cchc_plot::PlotError>() {
        return e.words(lang);
    }
    if let Some(e) = err.downcast_ref::<cchc_calendar::CalendarError>() {
        return e.words(lang);
    }
    if let Some(cchc_analysis::dossiers::DossierError::Calendar(e)) =
        err.downcast_ref::<cchc_analysis::dossiers::DossierError>()
    {
        return e.words(lang);
    }
    format!("{err:#}")
}

impl Words for cchc_calendar::CalendarError {
    fn words(&self, lang: Lang) -> String {
        use cchc_calendar::CalendarError as E;
        match self {
            E::NotCovered { year, first, last } => match lang {
                Lang::Vi => format!(
                    "lịch ngày làm việc có các năm {first}–{last}, không có năm {year}: cchc không đoán ngày nghỉ của năm chưa có trong bảng (crates/calendar/data/ngay-nghi.csv)"
                ),
                Lang::En => format!(
                    "the working-day calendar covers {first}–{last}, not {year}: cchc does not guess the days off of a year its table lacks (crates/calendar/data/ngay-nghi.csv)"
                ),
            },
            E::Table { line, problem } => match lang {
                Lang::Vi => format!("bảng ngày nghỉ, dòng {line}: {problem}"),
                Lang::En => format!("the table of days off, line {line}: {problem}"),
            },
            E::Hours(problem) => match lang {
                Lang::Vi => format!("tệp giờ làm việc: {problem}"),
                Lang::En => format!("the working-hours file: {problem}"),
            },
        }
    }
}
