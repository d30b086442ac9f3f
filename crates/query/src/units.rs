//! The unit register as the front ends ask for it: the units of a kind and province on a day, one
//! unit with every predecessor and successor, the register as tables for other engines.

use cchc_calendar::Day;
use cchc_model::columns as c;
use cchc_units::{Edge, Kind, Register, Unit, Unresolved};
use polars::prelude::*;

use crate::{QueryError, Result};

/// A request for the units of the register.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListRequest {
    /// Only this kind.
    pub kind: Option<Kind>,
    /// Only the units of the provinces of this name (old and new, unless `as_of` chooses).
    pub province: Option<String>,
    /// Only the units valid on this day.
    pub as_of: Option<Day>,
}

/// A request for one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShowRequest {
    /// The unit's name as an office writes it.
    pub name: String,
    /// Its province (none: a ministry or a province).
    pub province: Option<String>,
    /// The day it is asked of (none: the unit still valid).
    pub as_of: Option<Day>,
}

/// A unit related to another: a predecessor or a successor.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    /// Its name.
    pub unit: String,
    /// Its key.
    pub key: String,
    /// Its province's name.
    pub province: Option<String>,
    /// The last day of its province, when that province has ended (old Đồng Nai: 30/6/2025).
    pub province_until: Option<Day>,
    /// Its code.
    pub code: Option<String>,
    /// The day of the edge.
    pub date: Day,
    /// `full` or `partial`.
    pub edge: &'static str,
    /// 1 for a direct predecessor or successor, 2 for theirs, …
    pub depth: usize,
}

/// One unit as the register knows it.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitView {
    /// Its name.
    pub unit: String,
    /// Its key.
    pub key: String,
    /// Its kind's code.
    pub kind: &'static str,
    /// Its peer group's code.
    pub peer_group: &'static str,
    /// Its province's name.
    pub province: Option<String>,
    /// The last day of its province, when that province has ended.
    pub province_until: Option<Day>,
    /// Its code.
    pub code: Option<String>,
    /// Valid from.
    pub valid_from: Option<Day>,
    /// Valid to.
    pub valid_to: Option<Day>,
    /// Every predecessor, nearest first.
    pub predecessors: Vec<Related>,
    /// Every successor, nearest first.
    pub successors: Vec<Related>,
}

fn province_name(r: &Register, u: &Unit) -> Option<String> {
    match u.kind {
        Kind::Province => Some(u.name.clone()),
        _ => u
            .province
            .as_deref()
            .and_then(|k| r.unit(k))
            .map(|p| p.name.clone()),
    }
}

/// The last day of a unit's province, when it has ended.
fn province_until(r: &Register, u: &Unit) -> Option<Day> {
    match u.kind {
        Kind::Province => u.valid_to,
        _ => u
            .province
            .as_deref()
            .and_then(|k| r.unit(k))
            .and_then(|p| p.valid_to),
    }
}

fn related(r: &Register, edges: Vec<(&Edge, usize)>, predecessors: bool) -> Vec<Related> {
    edges
        .into_iter()
        .filter_map(|(e, depth)| {
            let u = r.unit(if predecessors { &e.from } else { &e.to })?;
            Some(Related {
                unit: u.name.clone(),
                key: u.key.clone(),
                province: province_name(r, u),
                province_until: province_until(r, u),
                code: u.code.clone(),
                date: e.date,
                edge: e.kind.code(),
                depth,
            })
        })
        .collect()
}

fn unresolved(e: Unresolved) -> QueryError {
    QueryError::Unit(e)
}

/// The provinces a request names, or all (an empty list) when it names none.
fn provinces<'r>(r: &'r Register, name: Option<&str>, on: Option<Day>) -> Result<Vec<&'r Unit>> {
    let Some(name) = name else {
        return Ok(Vec::new());
    };
    let found = r.provinces_named(name, on);
    if found.is_empty() {
        let day = on.unwrap_or_else(|| Day::from_ymd(2025, 7, 1).expect("a date"));
        return Err(unresolved(r.province(name, day).err().unwrap_or(
            Unresolved::Unknown {
                asked: name.to_owned(),
                nearest: Vec::new(),
            },
        )));
    }
    Ok(found)
}

/// One unit with its predecessors and successors.
pub fn show(request: &ShowRequest) -> Result<UnitView> {
    let r = Register::get();
    let provinces = provinces(r, request.province.as_deref(), request.as_of)?;
    let mut found = r.named(&request.name, &provinces, request.as_of);
    if found.is_empty() && request.province.is_none() {
        // A commune or department asked without its province: every province's of that name.
        found = r.named_anywhere(&request.name, request.as_of);
    }
    let u = match found.as_slice() {
        [one] => *one,
        [] => {
            let day = request
                .as_of
                .unwrap_or_else(|| Day::from_ymd(2025, 7, 1).expect("a date"));
            let in_province = provinces.iter().find(|p| p.valid_on(day)).copied();
            if request.province.is_none()
                && let Err(e) = r.province(&request.name, day)
                && r.named(&request.name, &[], None).is_empty()
                && !r.provinces_named(&request.name, None).is_empty()
            {
                // A province asked of a day it was not valid: name the day's provinces.
                return Err(unresolved(e));
            }
            return Err(unresolved(
                r.identify(
                    &request.name,
                    in_province.map_or("", |p| p.name.as_str()),
                    day,
                    day,
                )
                .err()
                .unwrap_or(Unresolved::Unknown {
                    asked: request.name.clone(),
                    nearest: Vec::new(),
                }),
            ));
        }
        many => {
            return Err(unresolved(Unresolved::Ambiguous {
                asked: request.name.clone(),
                candidates: many.iter().map(|u| u.key.clone()).collect(),
            }));
        }
    };
    Ok(UnitView {
        unit: u.name.clone(),
        key: u.key.clone(),
        kind: u.kind.code(),
        peer_group: u.peer_group.code(),
        province: province_name(r, u),
        province_until: province_until(r, u),
        code: u.code.clone(),
        valid_from: u.valid_from,
        valid_to: u.valid_to,
        predecessors: related(r, r.ancestry(&u.key), true),
        successors: related(r, r.descendants(&u.key), false),
    })
}

fn iso(d: Option<Day>) -> Option<String> {
    d.map(Day::iso)
}

/// The units of the register a request asks for, as a table.
pub fn list(request: &ListRequest) -> Result<DataFrame> {
    let r = Register::get();
    let provinces = provinces(r, request.province.as_deref(), request.as_of)?;
    let units: Vec<&Unit> = r
        .units()
        .iter()
        .filter(|u| request.kind.is_none_or(|k| u.kind == k))
        .filter(|u| request.as_of.is_none_or(|d| u.valid_on(d)))
        .filter(|u| {
            provinces.is_empty()
                || provinces
                    .iter()
                    .any(|p| u.province.as_deref() == Some(p.key.as_str()) || u.key == p.key)
        })
        .collect();
    units_frame(r, &units)
}

fn units_frame(r: &Register, units: &[&Unit]) -> Result<DataFrame> {
    Ok(df!(
        c::UNIT_KEY => units.iter().map(|u| u.key.clone()).collect::<Vec<_>>(),
        c::UNIT => units.iter().map(|u| u.name.clone()).collect::<Vec<_>>(),
        c::KIND => units.iter().map(|u| u.kind.code()).collect::<Vec<_>>(),
        c::PEER_GROUP => units.iter().map(|u| u.peer_group.code()).collect::<Vec<_>>(),
        c::PROVINCE => units.iter().map(|u| province_name(r, u)).collect::<Vec<_>>(),
        c::PROVINCE_KEY => units.iter().map(|u| u.province.clone()).collect::<Vec<_>>(),
        c::CODE => units.iter().map(|u| u.code.clone()).collect::<Vec<_>>(),
        c::VALID_FROM => units.iter().map(|u| iso(u.valid_from)).collect::<Vec<_>>(),
        c::VALID_TO => units.iter().map(|u| iso(u.valid_to)).collect::<Vec<_>>(),
        c::DISTRICT => units
            .iter()
            .map(|u| u.district.as_deref().and_then(|d| r.unit(d)).map(|d| d.name.clone()))
            .collect::<Vec<_>>(),
        c::POPULATION => units.iter().map(|u| u.population).collect::<Vec<_>>(),
    )?)
}

/// The whole register as two tables, for other engines to join: the units, and the edges.
pub fn export() -> Result<(DataFrame, DataFrame)> {
    let r = Register::get();
    let units: Vec<&Unit> = r.units().iter().collect();
    let edges = r.edges();
    let frame = df!(
        c::FROM_KEY => edges.iter().map(|e| e.from.clone()).collect::<Vec<_>>(),
        c::TO_KEY => edges.iter().map(|e| e.to.clone()).collect::<Vec<_>>(),
        c::DATE => edges.iter().map(|e| e.date.iso()).collect::<Vec<_>>(),
        c::EDGE => edges.iter().map(|e| e.kind.code()).collect::<Vec<_>>(),
    )?;
    Ok((units_frame(r, &units)?, frame))
}

/// The province a file's units belong to, by the register's name for it: `asked` as the file or
/// the analyst writes it, `years` the file's years (any time when none). With `strict` (the
/// analyst gave it), a name no province of those years has is an error listing the provinces of
/// the period's end; else (read from a title, which may name a district's city) it is `None`.
pub fn province_of(asked: &str, years: &[i32], strict: bool) -> Result<Option<String>> {
    let r = Register::get();
    let (from, to) = match (years.iter().min(), years.iter().max()) {
        (Some(a), Some(b)) => (
            Day::from_ymd(*a, 1, 1).expect("a year's first day"),
            Day::from_ymd(*b, 12, 31).expect("a year's last day"),
        ),
        _ => (
            Day::from_ymd(1900, 1, 1).expect("a date"),
            Day::from_ymd(2100, 12, 31).expect("a date"),
        ),
    };
    let found: Vec<&Unit> = r
        .provinces_named(asked, None)
        .into_iter()
        .filter(|p| p.valid_during(from, to))
        .collect();
    match found.first() {
        Some(p) => Ok(Some(p.name.clone())),
        None if strict => {
            let day = if to.year() > 2100 - 1 {
                Day::from_ymd(2025, 7, 1).expect("a date")
            } else {
                to
            };
            Err(unresolved(r.province(asked, day).err().unwrap_or(
                Unresolved::Unknown {
                    asked: asked.to_owned(),
                    nearest: Vec::new(),
                },
            )))
        }
        None => Ok(None),
    }
}

/// The province of a file: the analyst's (`asked`, an error when no province of the file's
/// `years` has that name), or the one its titles name (`titled`, each sheet's) when the register
/// knows it; an error when the analyst's and a title's differ.
pub fn file_province(
    asked: Option<&str>,
    titled: &[String],
    years: &[i32],
) -> Result<Option<String>> {
    let mut written = None;
    for name in titled {
        if let Some(found) = province_of(name, years, false)? {
            written = Some(found);
            break;
        }
    }
    match (asked, written) {
        (Some(asked), written) => {
            let given = province_of(asked, years, true)?.unwrap_or_else(|| asked.to_owned());
            match written {
                Some(w) if cchc_model::text::fold(&w) != cchc_model::text::fold(&given) => {
                    Err(QueryError::ProvinceConflict { given, written: w })
                }
                _ => Ok(Some(given)),
            }
        }
        (None, written) => Ok(written),
    }
}

/// A period `--period FROM..TO`: two dates, ISO ("2025-07-01") or as offices write them
/// ("1/7/2025"), the first not after the second.
pub fn parse_period(text: &str) -> Result<(Day, Day)> {
    let bad = || QueryError::Period(text.to_owned());
    let (from, to) = text.split_once("..").ok_or_else(bad)?;
    let day = |s: &str| -> Option<Day> {
        let s = s.trim();
        Day::parse_iso(s).or_else(|| {
            let parts: Vec<&str> = s.split(['/', '.']).collect();
            match parts.as_slice() {
                [d, m, y] => Day::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?),
                _ => None,
            }
        })
    };
    match (day(from), day(to)) {
        (Some(f), Some(t)) if f <= t => Ok((f, t)),
        _ => Err(bad()),
    }
}

/// The days a file covers: the analyst's `--period`, else the one its titles name (a
/// half-year), else its years whole; `None` when it names no year.
pub fn file_period(
    asked: Option<(Day, Day)>,
    titled: Option<(Day, Day)>,
    years: &[i32],
) -> Option<(Day, Day)> {
    asked.or(titled).or_else(|| {
        Some((
            Day::from_ymd(*years.iter().min()?, 1, 1)?,
            Day::from_ymd(*years.iter().max()?, 12, 31)?,
        ))
    })
}

/// Who the units written in a file are ([`identify_units`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileUnits {
    /// Each unit as written, with its register key and code.
    pub ids: std::collections::BTreeMap<String, cchc_store::UnitId>,
    /// What the analyst should know: units the register does not know, units that had ended.
    pub notes: Vec<UnitNote>,
}

/// Something to tell the analyst about a unit of a file; its rows are kept as written.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitNote {
    /// The register has no unit of that name in the province: the nearest names.
    Unknown { unit: String, nearest: Vec<String> },
    /// The unit had ended before the file's period: its last day and its successors' names.
    Ended {
        unit: String,
        until: Day,
        successors: Vec<String>,
    },
}

/// Identifies the units written in a file of a province, over the file's period, in the
/// register: each by its name, else by the name the analyst's units file gives it. A name that
/// is two units standing together (two communes of one name) is an error asking for the
/// district; nothing is stored then.
pub fn identify_units(
    province: &str,
    written: &[String],
    period: (Day, Day),
    aliases: &[cchc_store::UnitName],
) -> Result<FileUnits> {
    let r = Register::get();
    let mut out = FileUnits::default();
    let canonical = |name: &str| -> Option<&str> {
        let key = cchc_model::text::fold(name);
        aliases
            .iter()
            .find(|u| u.aliases.iter().any(|a| cchc_model::text::fold(a) == key))
            .map(|u| u.name.as_str())
    };
    for name in written {
        let mut found = r.identify(name, province, period.0, period.1);
        if let (Err(Unresolved::Unknown { .. }), Some(alias_of)) = (&found, canonical(name)) {
            found = r.identify(alias_of, province, period.0, period.1);
        }
        let id = |u: &Unit| cchc_store::UnitId {
            key: u.key.clone(),
            code: u.code.clone(),
        };
        match found {
            Ok(cchc_units::Identified::Unit(u)) => {
                out.ids.insert(name.clone(), id(u));
            }
            Ok(cchc_units::Identified::Ended { unit, successors }) => {
                out.ids.insert(name.clone(), id(unit));
                out.notes.push(UnitNote::Ended {
                    unit: name.clone(),
                    until: unit.valid_to.expect("an ended unit has a last day"),
                    successors: successors.iter().map(|s| s.name.clone()).collect(),
                });
            }
            Err(Unresolved::Unknown { nearest, .. }) => out.notes.push(UnitNote::Unknown {
                unit: name.clone(),
                nearest,
            }),
            Err(e) => return Err(unresolved(e)),
        }
    }
    Ok(out)
}
