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
mod procedures;
#[cfg(test)]
mod tests;

use cchc_model::Lang;

pub use import::{conversions, origin};
pub use procedures::{procedure_definitions, proposal, summary, with_reasons_in_words};

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
    if let Some(e) = err.downcast_ref::<cchc_plot::PlotError>() {
        return e.words(lang);
    }
    format!("{err:#}")
}
