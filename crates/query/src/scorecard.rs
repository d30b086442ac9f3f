//! Scorecards: where points were lost (gaps), totals by field, and how totals move from year to
//! year (trend).

use cchc_analysis::scorecard;
pub use cchc_analysis::scorecard::Level;
use cchc_model::TableKind;
use cchc_model::columns as c;
use polars::prelude::*;

use crate::{Query, Result, Scope};

impl Query<'_> {
    /// The stored scorecard rows, or [`cchc_store::StoreError::NothingImported`], each with its
    /// unit's peer group (`peer_group`): the block a results table read it in, else the one its
    /// name says ("UBND huyện …" a district, "Sở …" a department); empty when neither says.
    pub fn scorecard_rows(&self) -> Result<LazyFrame> {
        let mut rows = self.scan_imported(TableKind::Scorecard)?;
        let stored = rows.collect_schema()?.contains(c::PEER_GROUP);
        let units = rows
            .clone()
            .select([col(c::UNIT)])
            .unique(None, UniqueKeepStrategy::First)
            .collect()?;
        let mut named = lit(NULL).cast(DataType::String);
        for unit in units.column(c::UNIT)?.str()?.iter().flatten() {
            // A unit read with its province in brackets is named before them.
            let bare = unit.split(" (").next().unwrap_or(unit);
            if let Some(group) = cchc_model::PeerGroup::of_name(bare) {
                named = when(col(c::UNIT).eq(lit(unit.to_owned())))
                    .then(lit(group.code()))
                    .otherwise(named);
            }
        }
        let group = if stored {
            col(c::PEER_GROUP).fill_null(named)
        } else {
            named
        };
        Ok(rows.with_column(group.alias(c::PEER_GROUP)))
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
