//! Scorecards: where points were lost (gaps), totals by field, and how totals move from year to
//! year (trend).

use cchc_analysis::scorecard;
pub use cchc_analysis::scorecard::Level;
use cchc_model::TableKind;
use cchc_model::columns as c;
use polars::prelude::*;

use crate::{Query, Result, Scope};

impl Query<'_> {
    /// The stored scorecard rows, or [`cchc_store::StoreError::NothingImported`].
    pub fn scorecard_rows(&self) -> Result<LazyFrame> {
        self.scan_imported(TableKind::Scorecard)
    }

    /// Points lost at `level`, of the scope's year and unit.
    pub fn gaps(&self, scope: &Scope, level: Level) -> Result<DataFrame> {
        let rows = scope.apply(self.scorecard_rows()?)?;
        Ok(scorecard::gaps(rows, level)?.collect()?)
    }

    /// Totals by year and unit with change and rank; the scope is applied after the computation
    /// (changes compare with the year before, ranks are among every unit).
    pub fn trend(&self, scope: &Scope) -> Result<DataFrame> {
        let rows = self.scorecard_rows()?;
        Ok(scope.apply(scorecard::trend(rows)?)?.collect()?)
    }

    /// Totals by year and unit of every unit but one (the seed's appendix, whose seven criteria
    /// are not a whole scorecard and whose total is not comparable).
    pub fn trend_without(&self, unit: &str) -> Result<DataFrame> {
        let rows = self.scorecard_rows()?.filter(col(c::UNIT).neq(lit(unit)));
        Ok(scorecard::trend(rows)?.collect()?)
    }

    /// Attainment by field, year and unit.
    pub fn field_totals(&self) -> Result<DataFrame> {
        Ok(scorecard::field_totals(self.scorecard_rows()?).collect()?)
    }

    /// The reasons and remedies written beside the criteria of a year (unit, code, reason,
    /// remedy).
    pub fn scorecard_notes(&self, year: i32) -> Result<DataFrame> {
        Ok(self
            .scorecard_rows()?
            .filter(col(c::YEAR).eq(lit(year)))
            .select([col(c::UNIT), col(c::CODE), col(c::REASON), col(c::REMEDY)])
            .collect()?)
    }
}
