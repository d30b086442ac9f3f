//! The join of a period's statistics (`procedures`) with the registry (`procedure_registry`):
//! the registry entry of the same year, else the latest earlier one, else the earliest later one
//! (registries change rarely and are often filed once). A registry procedure without statistics
//! is kept, as unknown, never as zero.

use std::collections::{BTreeMap, HashMap};

use cchc_model::columns as c;
use cchc_model::frame::{optional_floats as floats, optional_ints as ints, optional_texts as strs};
use polars::prelude::*;

use super::Procedure;

/// A registry entry as read from the `procedure_registry` frame.
#[derive(Debug, Clone)]
struct Entry {
    year: i32,
    name: Option<String>,
    field: Option<String>,
    legal_days: Option<f64>,
    fee: Option<f64>,
    online_level: Option<String>,
    components: Option<i64>,
}

/// The registry entry for a period: same year, else the latest earlier, else the earliest later.
fn entry_for(entries: &[Entry], year: i32) -> Option<&Entry> {
    entries
        .iter()
        .filter(|e| e.year <= year)
        .max_by_key(|e| e.year)
        .or_else(|| entries.iter().min_by_key(|e| e.year))
}

/// Joins the statistics (`procedures` table) with the registry (`procedure_registry`): one
/// [`Procedure`] per unit, code and year of the statistics, plus one per registry entry of a year
/// for which that unit has statistics but not for that code (no statistics: `has_stats` false),
/// and one per registry entry of a unit and year without any statistics.
pub fn join(stats: &DataFrame, registry: &DataFrame) -> PolarsResult<Vec<Procedure>> {
    let mut book: HashMap<(String, String), Vec<Entry>> = HashMap::new();
    {
        let years = ints(registry, c::YEAR)?;
        let units = strs(registry, c::UNIT)?;
        let codes = strs(registry, c::CODE)?;
        let names = strs(registry, c::NAME)?;
        let fields = strs(registry, c::FIELD)?;
        let legal = floats(registry, c::LEGAL_DAYS)?;
        let fee = floats(registry, c::FEE)?;
        let level = strs(registry, c::ONLINE_LEVEL)?;
        let comps = ints(registry, c::COMPONENTS)?;
        for i in 0..registry.height() {
            let (Some(year), Some(unit), Some(code)) = (years[i], &units[i], &codes[i]) else {
                continue;
            };
            book.entry((unit.clone(), code.clone()))
                .or_default()
                .push(Entry {
                    year: year as i32,
                    name: names[i].clone(),
                    field: fields[i].clone(),
                    legal_days: legal[i],
                    fee: fee[i],
                    online_level: level[i].clone(),
                    components: comps[i],
                });
        }
    }
    let mut out = Vec::new();
    let mut with_stats: BTreeMap<(String, i32), Vec<String>> = BTreeMap::new();
    let years = ints(stats, c::YEAR)?;
    let units = strs(stats, c::UNIT)?;
    let codes = strs(stats, c::CODE)?;
    let names = strs(stats, c::NAME)?;
    let fields = strs(stats, c::FIELD)?;
    let counts: Vec<Vec<Option<i64>>> = cchc_model::schema::PROCEDURE_COUNTS
        .iter()
        .map(|n| ints(stats, n))
        .collect::<PolarsResult<_>>()?;
    let actual = floats(stats, c::ACTUAL_DAYS)?;
    let p90 = floats(stats, c::P90_DAYS)?;
    let origin = match stats.column(c::ORIGIN) {
        Ok(_) => strs(stats, c::ORIGIN)?,
        Err(_) => vec![None; stats.height()],
    };
    for i in 0..stats.height() {
        let (Some(year), Some(unit), Some(code)) = (years[i], &units[i], &codes[i]) else {
            continue;
        };
        let year = year as i32;
        let entry = book
            .get(&(unit.clone(), code.clone()))
            .and_then(|e| entry_for(e, year));
        let n = |k: usize| counts[k][i];
        out.push(Procedure {
            year,
            unit: unit.clone(),
            code: code.clone(),
            name: names[i]
                .clone()
                .or_else(|| entry.and_then(|e| e.name.clone())),
            field: fields[i]
                .clone()
                .or_else(|| entry.and_then(|e| e.field.clone())),
            legal_days: entry.and_then(|e| e.legal_days),
            fee: entry.and_then(|e| e.fee),
            online_level: entry.and_then(|e| e.online_level.clone()),
            components: entry.and_then(|e| e.components),
            has_stats: true,
            received: n(0),
            received_online: n(1),
            received_direct: n(2),
            received_postal: n(3),
            carried_over: n(4),
            resolved: n(5),
            resolved_early: n(6),
            resolved_on_time: n(7),
            resolved_late: n(8),
            pending: n(9),
            pending_in_time: n(10),
            pending_overdue: n(11),
            actual_days: actual[i],
            p90_days: p90[i],
            origin: origin[i].clone(),
        });
        with_stats
            .entry((unit.clone(), year))
            .or_default()
            .push(code.clone());
    }
    // Registry procedures without statistics: in every year the unit has statistics, and in the
    // registry's own years when the unit has none at all.
    let mut registry_only: Vec<Procedure> = Vec::new();
    for ((unit, code), entries) in &book {
        let stat_years: Vec<i32> = with_stats
            .keys()
            .filter(|(u, _)| u == unit)
            .map(|(_, y)| *y)
            .collect();
        let years: Vec<i32> = if stat_years.is_empty() {
            let mut ys: Vec<i32> = entries.iter().map(|e| e.year).collect();
            ys.sort_unstable();
            ys.dedup();
            ys
        } else {
            stat_years
        };
        for year in years {
            if with_stats
                .get(&(unit.clone(), year))
                .is_some_and(|codes| codes.contains(code))
            {
                continue;
            }
            let Some(e) = entry_for(entries, year) else {
                continue;
            };
            registry_only.push(Procedure {
                year,
                unit: unit.clone(),
                code: code.clone(),
                name: e.name.clone(),
                field: e.field.clone(),
                legal_days: e.legal_days,
                fee: e.fee,
                online_level: e.online_level.clone(),
                components: e.components,
                ..Procedure::default()
            });
        }
    }
    out.extend(registry_only);
    out.sort_by(|a, b| (a.year, &a.unit, &a.code).cmp(&(b.year, &b.unit, &b.code)));
    Ok(out)
}
