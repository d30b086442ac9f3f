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

    /// Points lost at `level`, of the scope's year and unit, each row with its unit's province
    /// when the store knows it.
    pub fn gaps(&self, scope: &Scope, level: Level) -> Result<DataFrame> {
        let rows = scope.apply(self.scorecard_rows()?)?;
        let gaps = scorecard::gaps(rows, level)?.collect()?;
        self.with_province(gaps, &[TableKind::Scorecard.table_name()])
    }

    /// Totals by year and unit with change and rank; the scope is applied after the computation
    /// (changes compare with the year before, ranks are among every unit).
    ///
    /// Under the latest map, a unit that continues others (the Sở Tài chính that took over the
    /// Sở Kế hoạch và Đầu tư on 1/3/2025) gains a row for each year before it began in which its
    /// predecessors were scored: its own figures empty, `predecessors` naming each with its
    /// province and its own figures (scores are not added or averaged across units). The
    /// predecessors' rows stay as they are.
    pub fn trend(&self, scope: &Scope) -> Result<DataFrame> {
        let rows = self.scorecard_rows()?;
        let all = scorecard::trend(rows)?.collect()?;
        let all = match self.map() {
            crate::UnitMap::Latest => self.with_predecessors(all)?,
            crate::UnitMap::Reported => all,
        };
        Ok(scope.apply(all.lazy())?.collect()?)
    }

    /// Adds the successors' rows of the years their predecessors were scored (see
    /// [`Query::trend`]).
    fn with_predecessors(&self, trend: DataFrame) -> Result<DataFrame> {
        use std::collections::BTreeMap;
        let stored = self.store().stored_units(cchc_model::tables::SCORECARD);
        if stored.iter().all(|u| u.key.is_none()) {
            return Ok(trend);
        }
        let r = cchc_units::Register::get();
        // Successor key → its shown name and province, when the store holds its own rows.
        let mut standing: BTreeMap<&str, (&str, Option<&str>)> = BTreeMap::new();
        for u in &stored {
            if let Some(k) = &u.key {
                standing.insert(k, (&u.unit, u.province.as_deref()));
            }
        }
        // Successor name → (its province, the names of its predecessors); predecessor name →
        // the first day its work was another unit's.
        let mut successors: BTreeMap<String, (Option<String>, Vec<String>)> = BTreeMap::new();
        let mut changed: BTreeMap<String, String> = BTreeMap::new();
        for u in &stored {
            let Some(k) = &u.key else { continue };
            let cchc_units::Latest::Became(to) = r.latest(k) else {
                continue;
            };
            let Some((name, province)) = standing.get(to.key.as_str()) else {
                continue;
            };
            if *name == u.unit {
                continue; // the same name on both sides: one series already
            }
            let entry = successors
                .entry((*name).to_owned())
                .or_insert_with(|| (province.map(str::to_owned), Vec::new()));
            if !entry.1.contains(&u.unit) {
                entry.1.push(u.unit.clone());
            }
            if let Some(until) = r.unit(k).and_then(|x| x.valid_to) {
                changed.insert(u.unit.clone(), until.plus(1).iso());
            }
        }
        if successors.is_empty() {
            return Ok(trend);
        }
        let units = trend.column(c::UNIT)?.str()?.clone();
        let years = trend.column(c::YEAR)?.i32()?.clone();
        let figure = |name: &str, i: usize| -> Result<serde_json::Value> {
            Ok(match trend.column(name) {
                Ok(col) => match col.get(i)? {
                    AnyValue::Float64(x) => serde_json::json!(x),
                    AnyValue::Int32(x) => serde_json::json!(x),
                    AnyValue::UInt32(x) => serde_json::json!(x),
                    AnyValue::Int64(x) => serde_json::json!(x),
                    AnyValue::UInt64(x) => serde_json::json!(x),
                    AnyValue::String(x) => serde_json::json!(x),
                    _ => serde_json::Value::Null,
                },
                Err(_) => serde_json::Value::Null,
            })
        };
        let has_province = trend.schema().contains(c::PROVINCE);
        let groups = trend
            .column(c::PEER_GROUP)
            .ok()
            .map(|g| g.str().cloned())
            .transpose()?;
        // A successor's peer group, from its own rows.
        let group_of = |unit: &str| -> Option<String> {
            let groups = groups.as_ref()?;
            (0..trend.height())
                .find(|&i| units.get(i) == Some(unit) && groups.get(i).is_some())
                .and_then(|i| groups.get(i).map(str::to_owned))
        };
        let mut add_group: Vec<Option<String>> = Vec::new();
        let mut add_unit = Vec::new();
        let mut add_year = Vec::new();
        let mut add_province: Vec<Option<String>> = Vec::new();
        let mut add_preds = Vec::new();
        for (successor, (province, preds)) in &successors {
            let own: Vec<i32> = (0..trend.height())
                .filter(|&i| units.get(i) == Some(successor.as_str()))
                .filter_map(|i| years.get(i))
                .collect();
            let mut by_year: BTreeMap<i32, Vec<serde_json::Value>> = BTreeMap::new();
            for i in 0..trend.height() {
                let (Some(unit), Some(year)) = (units.get(i), years.get(i)) else {
                    continue;
                };
                if !preds.iter().any(|p| p == unit) || own.contains(&year) {
                    continue;
                }
                let mut item = serde_json::Map::new();
                item.insert(c::UNIT.into(), unit.into());
                item.insert(c::PROVINCE.into(), figure(c::PROVINCE, i)?);
                for name in [c::SCORE_TOTAL, c::MAX_TOTAL, c::ATTAINMENT, c::RANK] {
                    item.insert(name.into(), figure(name, i)?);
                }
                item.insert(
                    c::CHANGED.into(),
                    changed
                        .get(unit)
                        .cloned()
                        .map_or(serde_json::Value::Null, Into::into),
                );
                by_year.entry(year).or_default().push(item.into());
            }
            for (year, items) in by_year {
                add_unit.push(successor.clone());
                add_year.push(year);
                add_province.push(province.clone());
                add_group.push(group_of(successor));
                add_preds.push(serde_json::Value::Array(items).to_string());
            }
        }
        let mut columns = vec![
            Column::new(c::UNIT.into(), add_unit),
            Column::new(c::YEAR.into(), add_year),
            Column::new(c::PREDECESSORS.into(), add_preds),
        ];
        if has_province {
            columns.push(Column::new(c::PROVINCE.into(), add_province));
        }
        if groups.is_some() {
            columns.push(Column::new(c::PEER_GROUP.into(), add_group));
        }
        let added = DataFrame::new_infer_height(columns)?;
        let union = UnionArgs {
            diagonal: true,
            ..UnionArgs::default()
        };
        Ok(concat([trend.lazy(), added.lazy()], union)?
            .sort([c::UNIT, c::YEAR], SortMultipleOptions::default())
            .collect()?)
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
