//! The register of administrative units: who a unit is, beyond the words in a cell.
//!
//! Every unit has a key, a name and the spellings offices use, a kind, a peer group (the block a
//! province ranks it in), a province, a code where one exists, the days it was valid, and its
//! predecessors and successors with each edge's date and kind (full: the whole unit; partial: a
//! part of it). The register covers the 2025 reorganisation: the 63 old and 34 new provinces, the
//! old districts, the old and new communes with their edges (built from public sources by
//! `data/build.py`, which names them; see `data/README.md`), and the departments and ministries,
//! typed, merged on 1/3/2025 and, in the merged provinces, again on 1/7/2025.
//!
//! Keys follow the statistics offices' practice (DOMAIN.md): a unit is its code and the day it
//! began, never its name or its code alone — `p:75` is old Đồng Nai, `p:75@2025-07-01` the new
//! one; `x:26005` is old Phường Tân Hòa, `x:26005@2025-07-01` the new Phường Hố Nai. A department
//! is its type and its province: `d:tai_chinh@2025-03-01@p:75` is the Sở Tài chính of old Đồng Nai
//! from 1/3/2025.
//!
//! The register is parsed once, on first use ([`Register::get`]), from files compiled into the
//! binary.
//!
//! Architecture invariant: the register knows nothing of files, frames or the store; it answers
//! who a unit is on a day.

mod load;
mod names;

use std::collections::HashMap;

use cchc_calendar::Day;

pub use names::name_key;

/// What kind of unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A province or centrally governed city (tỉnh, thành phố).
    Province,
    /// A district (quận, huyện, thị xã, thành phố thuộc tỉnh), until 30/6/2025.
    District,
    /// A commune (xã, phường, thị trấn, đặc khu).
    Commune,
    /// A provincial department or agency (sở, ban, ngành).
    Department,
    /// A ministry or government agency.
    Ministry,
}

impl Kind {
    /// The code of the kind in tables and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Province => "province",
            Kind::District => "district",
            Kind::Commune => "commune",
            Kind::Department => "department",
            Kind::Ministry => "ministry",
        }
    }
}

pub use cchc_model::PeerGroup;

/// An edge between a unit and its successor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// The whole predecessor went into the successor.
    Full,
    /// A part of the predecessor went into the successor (the rest elsewhere).
    Partial,
}

impl EdgeKind {
    /// The code of the edge in tables and JSON.
    pub fn code(self) -> &'static str {
        match self {
            EdgeKind::Full => "full",
            EdgeKind::Partial => "partial",
        }
    }
}

/// A unit of the register.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Its key: code (or type) and the day it began.
    pub key: String,
    /// Its code, where one exists (provinces, districts, communes: text, leading zeros kept).
    pub code: Option<String>,
    /// Its name in running text ("Sở Tài chính", "Phường Hố Nai", "Đồng Nai").
    pub name: String,
    /// Other spellings offices use ("Sở KH&ĐT").
    pub aliases: Vec<String>,
    /// Its kind.
    pub kind: Kind,
    /// The kind as the name says it ("phường", "huyện", "thành phố"…), when the name says one.
    pub subkind: Option<String>,
    /// Its peer group.
    pub peer_group: PeerGroup,
    /// Its province's key (none for a province or a ministry).
    pub province: Option<String>,
    /// Its district's key (old communes).
    pub district: Option<String>,
    /// The first day it was valid (none: before the register's horizon).
    pub valid_from: Option<Day>,
    /// The last day it was valid (none: still valid).
    pub valid_to: Option<Day>,
    /// Its population, where the merger map publishes one (the new communes).
    pub population: Option<u64>,
}

impl Unit {
    /// Whether the unit was valid on a day.
    pub fn valid_on(&self, day: Day) -> bool {
        self.valid_from.is_none_or(|f| f <= day) && self.valid_to.is_none_or(|t| day <= t)
    }

    /// Whether the unit was valid on some day of a period.
    pub fn valid_during(&self, from: Day, to: Day) -> bool {
        self.valid_from.is_none_or(|f| f <= to) && self.valid_to.is_none_or(|t| from <= t)
    }
}

/// An edge of the register: `from` went (wholly or partly) into `to` on `date`.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// The predecessor's key.
    pub from: String,
    /// The successor's key.
    pub to: String,
    /// The day the successor began.
    pub date: Day,
    /// Full or partial.
    pub kind: EdgeKind,
}

/// Who a unit named in a file is ([`Register::identify`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Identified<'r> {
    /// The unit standing during the file's period.
    Unit(&'r Unit),
    /// The unit of that name had ended before the period: it, and the units that took it over.
    Ended {
        unit: &'r Unit,
        successors: Vec<&'r Unit>,
    },
}

/// Where a unit stands on the latest map ([`Register::latest`]).
#[derive(Debug, Clone, PartialEq)]
pub enum Latest<'r> {
    /// It still stands.
    Standing(&'r Unit),
    /// It went wholly into this unit (through one change or several).
    Became(&'r Unit),
    /// It, or a unit it went into, was divided among these.
    Divided(Vec<&'r Unit>),
    /// It (or the unit it went into) ended with no successor in the register: a district,
    /// abolished on 1/7/2025 while its communes went on.
    Ended(&'r Unit),
    /// Not a key of the register.
    Unknown,
}

/// The register.
#[derive(Debug)]
pub struct Register {
    units: Vec<Unit>,
    edges: Vec<Edge>,
    by_key: HashMap<String, usize>,
    /// Edge indexes by successor, by predecessor.
    into: HashMap<String, Vec<usize>>,
    out_of: HashMap<String, Vec<usize>>,
    /// Unit indexes by [`name_key`] of their name and aliases.
    by_name: HashMap<String, Vec<usize>>,
}

/// Why a name does not resolve to one unit.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Unresolved {
    /// No province of that name on that day: the valid names.
    #[error("unknown province {asked}")]
    Province { asked: String, valid: Vec<String> },
    /// No unit of that name: the nearest names.
    #[error("unknown unit {asked}")]
    Unknown { asked: String, nearest: Vec<String> },
    /// Several units of that name: their keys.
    #[error("ambiguous unit {asked}")]
    Ambiguous {
        asked: String,
        candidates: Vec<String>,
    },
}

impl Register {
    /// The register, parsed on first use.
    pub fn get() -> &'static Register {
        static REGISTER: std::sync::OnceLock<Register> = std::sync::OnceLock::new();
        REGISTER.get_or_init(load::load)
    }

    /// Every unit.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Every edge.
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// A unit by key.
    pub fn unit(&self, key: &str) -> Option<&Unit> {
        self.by_key.get(key).map(|&i| &self.units[i])
    }

    /// The edges into a unit (its predecessors).
    pub fn predecessors(&self, key: &str) -> impl Iterator<Item = &Edge> {
        self.into
            .get(key)
            .into_iter()
            .flatten()
            .map(|&i| &self.edges[i])
    }

    /// The edges out of a unit (its successors).
    pub fn successors(&self, key: &str) -> impl Iterator<Item = &Edge> {
        self.out_of
            .get(key)
            .into_iter()
            .flatten()
            .map(|&i| &self.edges[i])
    }

    /// Every predecessor of a unit, back to the register's horizon, as a tree in pre-order:
    /// (edge, depth), each direct predecessor followed by its own.
    pub fn ancestry(&self, key: &str) -> Vec<(&Edge, usize)> {
        let mut out = Vec::new();
        self.walk(key, 1, true, &mut out);
        out
    }

    /// Every successor of a unit, up to today, as a tree in pre-order: (edge, depth).
    pub fn descendants(&self, key: &str) -> Vec<(&Edge, usize)> {
        let mut out = Vec::new();
        self.walk(key, 1, false, &mut out);
        out
    }

    fn walk<'a>(&'a self, key: &str, depth: usize, back: bool, out: &mut Vec<(&'a Edge, usize)>) {
        let mut next: Vec<&Edge> = if back {
            self.predecessors(key).collect()
        } else {
            self.successors(key).collect()
        };
        next.sort_by(|a, b| {
            let (ka, kb) = if back {
                (&a.from, &b.from)
            } else {
                (&a.to, &b.to)
            };
            ka.cmp(kb)
        });
        for e in next {
            let other = if back { &e.from } else { &e.to };
            if out
                .iter()
                .any(|(seen, _)| (if back { &seen.from } else { &seen.to }) == other)
            {
                continue;
            }
            out.push((e, depth));
            self.walk(other, depth + 1, back, out);
        }
    }

    /// The provinces whose name has this key, on a day or (without one) at any time.
    pub fn provinces_named(&self, name: &str, on: Option<Day>) -> Vec<&Unit> {
        let key = names::province_key(name);
        self.units
            .iter()
            .filter(|u| u.kind == Kind::Province && on.is_none_or(|d| u.valid_on(d)))
            .filter(|u| names::province_key(&u.name) == key)
            .collect()
    }

    /// The units of a name (or an alias) in any of some provinces (none: ministries and
    /// provinces), on a day or (without one) still valid.
    pub fn named(&self, name: &str, provinces: &[&Unit], on: Option<Day>) -> Vec<&Unit> {
        let in_scope = |u: &Unit| {
            if provinces.is_empty() {
                u.kind == Kind::Ministry || u.kind == Kind::Province
            } else {
                provinces
                    .iter()
                    .any(|p| u.province.as_deref() == Some(p.key.as_str()) || u.key == p.key)
            }
        };
        self.by_name
            .get(&name_key(name))
            .into_iter()
            .flatten()
            .map(|&i| &self.units[i])
            .filter(|u| in_scope(u))
            .filter(|u| match on {
                Some(d) => u.valid_on(d),
                None => u.valid_to.is_none(),
            })
            .collect()
    }

    /// The units of a name (or an alias) in any province, on a day or (without one) still valid.
    pub fn named_anywhere(&self, name: &str, on: Option<Day>) -> Vec<&Unit> {
        self.by_name
            .get(&name_key(name))
            .into_iter()
            .flatten()
            .map(|&i| &self.units[i])
            .filter(|u| match on {
                Some(d) => u.valid_on(d),
                None => u.valid_to.is_none(),
            })
            .collect()
    }

    /// The province of that name valid on a day ("Đồng Nai", "Tỉnh Đồng Nai", "TỈNH ĐỒNG NAI",
    /// "TP. Hồ Chí Minh").
    pub fn province(&self, name: &str, on: Day) -> Result<&Unit, Unresolved> {
        let key = names::province_key(name);
        let found: Vec<&Unit> = self
            .units
            .iter()
            .filter(|u| u.kind == Kind::Province && u.valid_on(on))
            .filter(|u| names::province_key(&u.name) == key)
            .collect();
        match found.as_slice() {
            [one] => Ok(one),
            _ => {
                let mut valid: Vec<String> = self
                    .units
                    .iter()
                    .filter(|u| u.kind == Kind::Province && u.valid_on(on))
                    .map(|u| u.name.clone())
                    .collect();
                valid.sort();
                Err(Unresolved::Province {
                    asked: name.to_owned(),
                    valid,
                })
            }
        }
    }

    /// Who a unit named in a file is: the unit of that name (or alias) in a province — in any of
    /// the province's versions, old or new — during the file's period. A name valid on two sides
    /// of a change resolves by the period; when several units of the name were valid during it
    /// (a whole-year 2025 report), the one standing on its last day, else the one that lasted
    /// longest. A name whose unit had ended before the period is [`Identified::Ended`], with the
    /// units that took it over; a name no unit has is [`Unresolved::Unknown`] with the nearest
    /// names; two units of the name standing together is [`Unresolved::Ambiguous`].
    pub fn identify(
        &self,
        name: &str,
        province: &str,
        from: Day,
        to: Day,
    ) -> Result<Identified<'_>, Unresolved> {
        let provinces = self.provinces_named(province, None);
        let key = name_key(name);
        let of_name: Vec<&Unit> = self
            .by_name
            .get(&key)
            .into_iter()
            .flatten()
            .map(|&i| &self.units[i])
            .filter(|u| {
                provinces
                    .iter()
                    .any(|p| u.province.as_deref() == Some(p.key.as_str()))
            })
            .collect();
        let during: Vec<&Unit> = of_name
            .iter()
            .copied()
            .filter(|u| u.valid_during(from, to))
            .collect();
        if during.is_empty() {
            // Ended before the period: the last of that name to stand.
            let ended = of_name
                .iter()
                .copied()
                .filter(|u| u.valid_to.is_some_and(|t| t < from))
                .max_by_key(|u| u.valid_to);
            return match ended {
                Some(unit) => Ok(Identified::Ended {
                    unit,
                    successors: self
                        .successors(&unit.key)
                        .filter_map(|e| self.unit(&e.to))
                        .collect(),
                }),
                None => Err(Unresolved::Unknown {
                    asked: name.to_owned(),
                    nearest: provinces
                        .iter()
                        .flat_map(|p| self.nearest(&key, Some(p)))
                        .fold(Vec::new(), |mut out, n| {
                            if !out.contains(&n) && out.len() < 5 {
                                out.push(n);
                            }
                            out
                        }),
                }),
            };
        }
        // A district written after the name ("Xã Thanh Sơn, huyện Tân Phú") tells two communes
        // of one name apart.
        let during = match names::district_key(name) {
            Some(district) if during.len() > 1 => during
                .into_iter()
                .filter(|u| {
                    u.district
                        .as_deref()
                        .and_then(|d| self.unit(d))
                        .is_some_and(|d| name_key(&d.name) == district)
                })
                .collect(),
            _ => during,
        };
        let standing: Vec<&Unit> = during.iter().copied().filter(|u| u.valid_on(to)).collect();
        let chosen: Vec<&Unit> = if standing.is_empty() {
            let last = during.iter().map(|u| u.valid_to).max().flatten();
            during.into_iter().filter(|u| u.valid_to == last).collect()
        } else {
            standing
        };
        match chosen.as_slice() {
            [one] => Ok(Identified::Unit(one)),
            many => Err(Unresolved::Ambiguous {
                asked: name.to_owned(),
                candidates: many.iter().map(|u| u.key.clone()).collect(),
            }),
        }
    }

    /// Where a unit stands on the latest map: itself when it still stands, the unit it went
    /// into wholly (following every full edge), or, when it (or a unit after it) was divided,
    /// the units its parts went into.
    pub fn latest(&self, key: &str) -> Latest<'_> {
        let mut at = key.to_owned();
        // Every edge goes forward in time: the walk ends.
        loop {
            let out: Vec<&Edge> = self.successors(&at).collect();
            match out.as_slice() {
                [] => {
                    return match self.unit(&at) {
                        Some(u) if u.valid_to.is_some() => Latest::Ended(u),
                        Some(u) if at == key => Latest::Standing(u),
                        Some(u) => Latest::Became(u),
                        None => Latest::Unknown,
                    };
                }
                [one] if one.kind == EdgeKind::Full => at = one.to.clone(),
                many => {
                    return Latest::Divided(many.iter().filter_map(|e| self.unit(&e.to)).collect());
                }
            }
        }
    }

    /// The names nearest a name key in a province (by shared words), at most five.
    fn nearest(&self, key: &str, province: Option<&Unit>) -> Vec<String> {
        let words: Vec<&str> = key.split(' ').collect();
        let mut scored: Vec<(usize, &str)> = self
            .units
            .iter()
            .filter(|u| match province {
                Some(p) => u.province.as_deref() == Some(p.key.as_str()),
                None => u.kind == Kind::Ministry,
            })
            .map(|u| {
                let k = name_key(&u.name);
                let shared = k.split(' ').filter(|w| words.contains(w)).count();
                (shared, u.name.as_str())
            })
            .filter(|(shared, _)| *shared > 0)
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, name) in scored {
            if !out.iter().any(|n| n == name) {
                out.push(name.to_owned());
            }
            if out.len() == 5 {
                break;
            }
        }
        out
    }
}
