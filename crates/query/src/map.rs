//! The unit map a query reads under (`--map latest|reported`): units as the files wrote them, or
//! each unit as it stands on the latest map of the 2025 reorganisation.
//!
//! Under `latest`, the rows of additive tables (survey answers and respondents, procedure
//! statistics and registries, dossier logs) of a unit that went wholly into another are read as
//! that successor's — so every count, share and index computed from them combines the
//! predecessors — and each such row keeps the unit as reported (`reported_unit`). A unit that
//! was divided among several (a partial edge) or ended with no successor (a district) is left as
//! reported and named in [`MapNotice`]: its figures are never split by a guess. Scores are not
//! additive: the scorecard is never relabelled; `scorecard trend` shows a successor's
//! predecessors beside it instead.

use std::collections::{BTreeMap, BTreeSet};

use cchc_model::columns as c;
use cchc_model::{TableKind, tables};
use cchc_store::StoredUnit;
use cchc_units::{Latest, Register};
use polars::prelude::*;

use crate::{Query, Result};

/// Which map of units a query reads under.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum UnitMap {
    /// Each unit as it stands on the latest map; predecessors' additive figures combined.
    #[default]
    Latest,
    /// Units as the files wrote them.
    Reported,
}

/// A unit left as reported under the latest map, and why.
#[derive(Debug, Clone, PartialEq)]
pub enum MapNotice {
    /// Divided among several units (a partial edge): its figures are not split.
    Divided { unit: String, into: Vec<String> },
    /// Ended with no successor in the register (a district).
    Ended { unit: String },
}

/// Where each stored unit goes on the latest map: by the name scans show it under (and its
/// province), the successor's name and province.
#[derive(Debug, Clone, Default)]
pub(crate) struct Relabel {
    /// (shown name, province) → (successor's name, successor's province).
    to: BTreeMap<(String, Option<String>), (String, Option<String>)>,
    /// Units left as reported.
    notices: Vec<MapNotice>,
}

/// Whether the rows of a table add up across units (and so may be combined).
pub(crate) fn additive(table: &str) -> bool {
    table == TableKind::Survey.table_name()
        || table == TableKind::Procedures.table_name()
        || table == TableKind::Dossiers.table_name()
        || table == tables::SURVEY_RESPONDENTS
        || table == tables::PROCEDURE_REGISTRY
}

impl Relabel {
    /// The latest map of the units stored.
    pub(crate) fn of(units: &[StoredUnit]) -> Relabel {
        let mut out = Relabel::default();
        // A store whose units the import did not identify has nothing to relabel: the register
        // is not even parsed.
        if units.iter().all(|u| u.key.is_none()) {
            return out;
        }
        let r = Register::get();
        let province_name = |key: Option<&str>| -> Option<String> {
            key.and_then(|k| r.unit(k)).map(|p| p.name.clone())
        };
        for u in units {
            let Some(key) = &u.key else { continue };
            let target = match r.latest(key) {
                Latest::Standing(x) | Latest::Became(x) => x,
                Latest::Divided(into) => {
                    let notice = MapNotice::Divided {
                        unit: u.unit.clone(),
                        into: into.iter().map(|x| x.name.clone()).collect(),
                    };
                    if !out.notices.contains(&notice) {
                        out.notices.push(notice);
                    }
                    continue;
                }
                Latest::Ended(_) => {
                    let notice = MapNotice::Ended {
                        unit: u.unit.clone(),
                    };
                    if !out.notices.contains(&notice) {
                        out.notices.push(notice);
                    }
                    continue;
                }
                Latest::Unknown => continue,
            };
            out.to.insert(
                (u.unit.clone(), u.province.clone()),
                (
                    target.name.clone(),
                    province_name(target.province.as_deref()).or(u.province.clone()),
                ),
            );
        }
        // Two successors of one name in two provinces are read with their province.
        let mut provinces: BTreeMap<String, BTreeSet<Option<String>>> = BTreeMap::new();
        for (name, province) in out.to.values() {
            provinces
                .entry(name.clone())
                .or_default()
                .insert(province.clone());
        }
        for (name, province) in out.to.values_mut() {
            if provinces.get(name.as_str()).is_some_and(|ps| ps.len() > 1)
                && let Some(p) = province
            {
                *name = format!("{name} ({p})");
            }
        }
        // A unit that keeps its name needs no relabelling.
        out.to.retain(|(from, _), (to, _)| from != to);
        out
    }

    /// Reads the rows of `lf` (with `unit` and, when known, `province` columns) under the latest
    /// map, each keeping its unit as reported in `reported_unit`.
    pub(crate) fn apply(&self, mut lf: LazyFrame) -> Result<LazyFrame> {
        let schema = lf.collect_schema()?;
        let has_province = schema.contains(c::PROVINCE);
        let mut unit = col(c::UNIT);
        let mut province = if has_province {
            col(c::PROVINCE)
        } else {
            lit(NULL).cast(DataType::String)
        };
        for ((from, from_province), (to, to_province)) in &self.to {
            let mut hit = col(c::UNIT).eq(lit(from.clone()));
            if has_province && let Some(p) = from_province {
                hit = hit.and(col(c::PROVINCE).eq(lit(p.clone())));
            }
            unit = when(hit.clone()).then(lit(to.clone())).otherwise(unit);
            if let Some(p) = to_province {
                province = when(hit).then(lit(p.clone())).otherwise(province);
            }
        }
        let mut columns = vec![col(c::UNIT).alias(c::REPORTED_UNIT), unit.alias(c::UNIT)];
        if has_province {
            columns.push(province.alias(c::PROVINCE));
        }
        Ok(lf.with_columns(columns))
    }

    /// The reported units combined into each (unit, year) on the latest map, where they are
    /// other than the unit itself (units relabelled, and units kept as reported, which combine
    /// nothing, are left out).
    pub(crate) fn combined(&self, units: &[StoredUnit]) -> BTreeMap<(String, i32), Vec<String>> {
        if self.to.is_empty() {
            return BTreeMap::new();
        }
        let mut out: BTreeMap<(String, i32), BTreeSet<String>> = BTreeMap::new();
        for u in units {
            let to = self
                .to
                .get(&(u.unit.clone(), u.province.clone()))
                .map_or(u.unit.clone(), |(name, _)| name.clone());
            out.entry((to, u.year)).or_default().insert(u.unit.clone());
        }
        out.into_iter()
            .filter(|((to, _), from)| !(from.len() == 1 && from.contains(to)))
            .map(|(k, v)| (k, v.into_iter().collect()))
            .collect()
    }

    /// The name a unit shown as `unit` is read under (a part's unit, whatever its province:
    /// shown names of two provinces' units already differ).
    pub(crate) fn renamed(&self, unit: &str) -> Option<&str> {
        self.to
            .iter()
            .find(|((from, _), _)| from == unit)
            .map(|(_, (to, _))| to.as_str())
    }

    /// Units left as reported.
    pub(crate) fn notices(&self) -> &[MapNotice] {
        &self.notices
    }

    /// Whether anything is relabelled.
    pub(crate) fn is_empty(&self) -> bool {
        self.to.is_empty()
    }
}

impl Query<'_> {
    /// The scope a request means under the query's map: a unit asked for by the name it was
    /// reported under is, on the latest map, the unit it went into ("Sở Kế hoạch và Đầu tư" of
    /// 2024 is read as the Sở Tài chính it became).
    pub fn scope_on_map(&self, scope: &crate::Scope, tables: &[&str]) -> crate::Scope {
        let mut scope = scope.clone();
        if self.map() != UnitMap::Latest {
            return scope;
        }
        if let Some(asked) = scope.unit.clone() {
            for table in tables.iter().filter(|t| additive(t)) {
                let relabel = self.relabel(table);
                let found = relabel
                    .to
                    .iter()
                    .find(|((from, _), _)| crate::unit_matches(&asked, from))
                    .map(|(_, (to, _))| to.clone());
                if let Some(to) = found {
                    scope.unit = Some(to);
                    break;
                }
            }
        }
        scope
    }

    /// The latest map of a table's stored units.
    pub(crate) fn relabel(&self, table: &str) -> Relabel {
        Relabel::of(&self.store().stored_units(table))
    }

    /// The years and units the rows of `tables` are shown under on the query's map, sorted: the
    /// units as stored, on the latest map each additive table's unit as the one it went into.
    /// What a front end offers to choose from, read from the manifest (no table scanned).
    pub fn shown_units(&self, tables: &[&str]) -> (Vec<i32>, Vec<String>) {
        let (mut years, mut units) = (BTreeSet::new(), BTreeSet::new());
        for table in tables {
            let stored = self.store().stored_units(table);
            let relabel = match self.map() {
                UnitMap::Latest if additive(table) => Relabel::of(&stored),
                _ => Relabel::default(),
            };
            for u in stored {
                years.insert(u.year);
                let shown = relabel
                    .to
                    .get(&(u.unit.clone(), u.province.clone()))
                    .map_or(u.unit, |(to, _)| to.clone());
                units.insert(shown);
            }
        }
        (years.into_iter().collect(), units.into_iter().collect())
    }

    /// The units of a table left as reported under the latest map (divided, or ended with no
    /// successor); none under `reported`.
    pub fn map_notices(&self, table: &str) -> Vec<MapNotice> {
        match self.map() {
            UnitMap::Latest if additive(table) => self.relabel(table).notices().to_vec(),
            _ => Vec::new(),
        }
    }

    /// Adds `province` to a frame with a `unit` column but none, each unit's province as the
    /// store holds it (under the latest map, its successor's province); nothing when no stored
    /// unit of the tables has a province.
    pub fn with_province(&self, df: DataFrame, tables: &[&str]) -> Result<DataFrame> {
        if !df.schema().contains(c::UNIT) || df.schema().contains(c::PROVINCE) {
            return Ok(df);
        }
        let mut of: BTreeMap<String, String> = BTreeMap::new();
        for table in tables {
            let units = self.store().stored_units(table);
            let relabel = match self.map() {
                UnitMap::Latest if additive(table) => Relabel::of(&units),
                _ => Relabel::default(),
            };
            for u in &units {
                let Some(province) = &u.province else {
                    continue;
                };
                match relabel.to.get(&(u.unit.clone(), u.province.clone())) {
                    Some((to, Some(to_province))) => {
                        of.insert(to.clone(), to_province.clone());
                    }
                    _ => {
                        of.insert(u.unit.clone(), province.clone());
                    }
                }
            }
        }
        if of.is_empty() {
            return Ok(df);
        }
        let values: Vec<Option<String>> = df
            .column(c::UNIT)?
            .str()?
            .iter()
            .map(|u| u.and_then(|u| of.get(u).cloned()))
            .collect();
        let mut df = df;
        df.with_column(Column::new(c::PROVINCE.into(), values))?;
        Ok(df)
    }

    /// Adds `combined_from` to a frame with `unit` (and `year`) columns: the units as reported
    /// that each row's unit combines under the latest map, as a JSON list (null where the row is
    /// the unit's own). Nothing is added under `reported`, or when nothing was combined.
    pub fn with_combined_from(&self, df: DataFrame, tables: &[&str]) -> Result<DataFrame> {
        if self.map() != UnitMap::Latest || !df.schema().contains(c::UNIT) {
            return Ok(df);
        }
        let mut combined: BTreeMap<(String, i32), Vec<String>> = BTreeMap::new();
        for table in tables.iter().filter(|t| additive(t)) {
            let units = self.store().stored_units(table);
            for (key, from) in Relabel::of(&units).combined(&units) {
                let list = combined.entry(key).or_default();
                list.extend(from);
                list.sort();
                list.dedup();
            }
        }
        if combined.is_empty() {
            return Ok(df);
        }
        let unit_col = df.column(c::UNIT)?.str()?.clone();
        let years: Option<Vec<Option<i32>>> = match df.column(c::YEAR) {
            Ok(y) => Some(y.i32()?.iter().collect()),
            Err(_) => None,
        };
        let values: Vec<Option<String>> = unit_col
            .iter()
            .enumerate()
            .map(|(i, unit)| {
                let unit = unit?;
                let from: BTreeSet<&String> = match &years {
                    Some(ys) => combined
                        .get(&(unit.to_owned(), ys[i]?))
                        .into_iter()
                        .flatten()
                        .collect(),
                    None => combined
                        .iter()
                        .filter(|((u, _), _)| u == unit)
                        .flat_map(|(_, v)| v)
                        .collect(),
                };
                (!from.is_empty()).then(|| serde_json::to_string(&from).expect("a list of names"))
            })
            .collect();
        let mut df = df;
        df.with_column(Column::new(c::COMBINED_FROM.into(), values))?;
        Ok(df)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(unit: &str, year: i32, key: &str) -> StoredUnit {
        StoredUnit {
            unit: unit.to_owned(),
            year,
            province: Some("Đồng Nai".to_owned()),
            key: Some(key.to_owned()),
            rows: 1,
        }
    }

    #[test]
    fn whole_predecessors_are_relabelled_divided_and_ended_ones_are_named_and_kept() {
        let r = Register::get();
        // An old commune whose parts went to several new ones.
        let divided = r
            .units()
            .iter()
            .find(|u| {
                u.province.as_deref() == Some("p:75")
                    && r.successors(&u.key)
                        .filter(|e| e.kind == cchc_units::EdgeKind::Partial)
                        .count()
                        > 1
            })
            .expect("a divided commune of old Đồng Nai");
        let units = [
            stored("UBND phường Hố Nai", 2024, "x:26002"),
            stored(&divided.name, 2024, &divided.key),
            stored("UBND huyện Long Thành", 2024, "h:740"),
            stored("Phường Hố Nai", 2025, "x:26005@2025-07-01"),
        ];
        let relabel = Relabel::of(&units);
        assert_eq!(
            relabel.renamed("UBND phường Hố Nai"),
            Some("Phường Long Bình")
        );
        // The new Phường Hố Nai keeps its name: nothing to relabel.
        assert_eq!(relabel.renamed("Phường Hố Nai"), None);
        assert_eq!(relabel.renamed(&divided.name), None);
        assert!(
            relabel
                .notices()
                .iter()
                .any(|n| matches!(n, MapNotice::Divided { unit, into } if *unit == divided.name && into.len() > 1)),
            "{:?}",
            relabel.notices()
        );
        assert!(relabel.notices().contains(&MapNotice::Ended {
            unit: "UBND huyện Long Thành".to_owned()
        }));
        let combined = relabel.combined(&units);
        assert_eq!(
            combined.get(&("Phường Long Bình".to_owned(), 2024)),
            Some(&vec!["UBND phường Hố Nai".to_owned()])
        );
        assert_eq!(combined.len(), 1, "{combined:?}");
    }
}
