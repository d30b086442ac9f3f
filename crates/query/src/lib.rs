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

pub mod calendar;
pub mod chart;
pub mod dossiers;
mod error;
pub mod map;
pub mod procedures;
pub mod report;
pub mod scope;
pub mod scorecard;
pub mod survey;
pub mod units;
pub mod views;

use cchc_model::TableKind;
use cchc_store::Store;
use polars::prelude::LazyFrame;

pub use error::{Choice, QueryError, WeightProblem};
pub use map::{MapNotice, UnitMap};
pub use scope::{Scope, unit_matches};

/// The result of a query.
pub type Result<T, E = QueryError> = std::result::Result<T, E>;

/// Queries over one store.
#[derive(Clone, Copy)]
pub struct Query<'s> {
    store: &'s Store,
    map: UnitMap,
}

impl<'s> Query<'s> {
    /// Queries over `store`, under the latest map of units.
    pub fn new(store: &'s Store) -> Query<'s> {
        Query {
            store,
            map: UnitMap::default(),
        }
    }

    /// The same queries under another map of units.
    pub fn with_map(self, map: UnitMap) -> Query<'s> {
        Query { map, ..self }
    }

    /// The map of units the queries read under.
    pub fn map(&self) -> UnitMap {
        self.map
    }

    /// The store queried.
    pub fn store(&self) -> &'s Store {
        self.store
    }

    /// The stored rows of a kind of table, if any were imported, under the query's map of
    /// units.
    pub fn scan(&self, kind: TableKind) -> Result<Option<LazyFrame>> {
        self.scan_table(kind.table_name())
    }

    /// The stored rows of a kind of table, or [`cchc_store::StoreError::NothingImported`],
    /// under the query's map of units.
    pub fn scan_imported(&self, kind: TableKind) -> Result<LazyFrame> {
        self.scan(kind)?.ok_or_else(|| {
            cchc_store::StoreError::NothingImported {
                path: self.store.root().to_owned(),
                kind,
            }
            .into()
        })
    }

    /// A stored table by name (the procedure registry, the survey's respondents), if present,
    /// under the query's map of units (see [`map`]).
    pub fn scan_table(&self, table: &str) -> Result<Option<LazyFrame>> {
        let Some(lf) = self.store.scan_table(table)? else {
            return Ok(None);
        };
        if self.map != UnitMap::Latest || !map::additive(table) {
            return Ok(Some(lf));
        }
        let relabel = self.relabel(table);
        if relabel.is_empty() {
            return Ok(Some(lf));
        }
        Ok(Some(relabel.apply(lf)?))
    }
}
