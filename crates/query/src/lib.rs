//! The one query layer: every figure a front end shows — the command line's tables, the charts,
//! the report, the web app — is asked for here, with a typed request, and comes back as typed
//! results or frames, plus what the analyst should be told (where figures come from, what was left
//! out) as data. Nothing here writes words for people: the front ends render results and
//! [`QueryError`]s in their own catalogues.
//!
//! Every table is read through [`Query::scan`] or [`Query::scan_imported`]: the one place where a
//! choice that applies to all queries (the unit map of the 2025 reorganisation) is honoured.
//!
//! By subject: the scope of a request, years and units ([`scope`]); scorecards ([`scorecard`]);
//! surveys ([`survey`]); procedures ([`procedures`]); dossier logs ([`dossiers`]); what a chart
//! draws ([`chart`]); what the report is made of ([`report`]); the unit register ([`units`]).

pub mod chart;
pub mod dossiers;
mod error;
pub mod procedures;
pub mod report;
pub mod scope;
pub mod scorecard;
pub mod survey;
pub mod units;

use cchc_model::TableKind;
use cchc_store::Store;
use polars::prelude::LazyFrame;

pub use error::{Choice, QueryError, WeightProblem};
pub use scope::{Scope, unit_matches};

/// The result of a query.
pub type Result<T, E = QueryError> = std::result::Result<T, E>;

/// Queries over one store.
#[derive(Clone, Copy)]
pub struct Query<'s> {
    store: &'s Store,
}

impl<'s> Query<'s> {
    /// Queries over `store`.
    pub fn new(store: &'s Store) -> Query<'s> {
        Query { store }
    }

    /// The store queried.
    pub fn store(&self) -> &'s Store {
        self.store
    }

    /// The stored rows of a kind of table, if any were imported.
    pub fn scan(&self, kind: TableKind) -> Result<Option<LazyFrame>> {
        Ok(self.store.scan(kind)?)
    }

    /// The stored rows of a kind of table, or [`cchc_store::StoreError::NothingImported`].
    pub fn scan_imported(&self, kind: TableKind) -> Result<LazyFrame> {
        Ok(self.store.scan_imported(kind)?)
    }

    /// A stored table by name (the procedure registry, the survey's respondents), if present.
    pub fn scan_table(&self, table: &str) -> Result<Option<LazyFrame>> {
        Ok(self.store.scan_table(table)?)
    }
}
