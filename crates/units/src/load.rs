//! Parses the register's files (compiled in) and makes the departments of every province.

use std::collections::HashMap;

use cchc_calendar::Day;

use crate::{Edge, EdgeKind, Kind, PeerGroup, Register, Unit, name_key};

const PROVINCES: &str = include_str!("../data/provinces.tsv");
const PROVINCE_EDGES: &str = include_str!("../data/province_edges.tsv");
const DISTRICTS: &str = include_str!("../data/districts.tsv");
const COMMUNES: &str = include_str!("../data/communes.tsv");
const COMMUNE_EDGES: &str = include_str!("../data/commune_edges.tsv");
const DEPARTMENTS: &str = include_str!("../data/departments.tsv");
const DEPARTMENT_EDGES: &str = include_str!("../data/department_edges.tsv");
const MINISTRIES: &str = include_str!("../data/ministries.tsv");
const MINISTRY_EDGES: &str = include_str!("../data/ministry_edges.tsv");

/// The rows of a TSV file under its header, as fields.
fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines().skip(1).map(|l| l.split('\t').collect())
}

fn day(s: &str) -> Option<Day> {
    if s.is_empty() {
        None
    } else {
        Some(Day::parse_iso(s).expect("the register's dates are yyyy-mm-dd"))
    }
}

fn text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

fn edge(r: &[&str]) -> Edge {
    Edge {
        from: r[0].to_owned(),
        to: r[1].to_owned(),
        date: day(r[2]).expect("an edge has a date"),
        kind: match r[3] {
            "full" => EdgeKind::Full,
            _ => EdgeKind::Partial,
        },
    }
}

/// The subkind a name starts with ("phường", "huyện").
fn subkind(name: &str, kinds: &[&str]) -> Option<String> {
    let lower = name.to_lowercase();
    kinds
        .iter()
        .find(|k| lower.starts_with(&format!("{k} ")))
        .map(|k| (*k).to_owned())
}

/// The register.
pub(crate) fn load() -> Register {
    let mut units: Vec<Unit> = Vec::new();
    let mut edges: Vec<Edge> = Vec::new();
    for r in rows(PROVINCES) {
        units.push(Unit {
            key: r[0].to_owned(),
            code: text(r[1]),
            name: r[2].to_owned(),
            aliases: vec![format!(
                "{} {}",
                if r[3] == "tỉnh" {
                    "Tỉnh"
                } else {
                    "Thành phố"
                },
                r[2]
            )],
            kind: Kind::Province,
            subkind: Some(r[3].to_owned()),
            peer_group: PeerGroup::Provinces,
            province: None,
            district: None,
            valid_from: day(r[4]),
            valid_to: day(r[5]),
            population: None,
        });
    }
    edges.extend(rows(PROVINCE_EDGES).map(|r| edge(&r)));
    for r in rows(DISTRICTS) {
        units.push(Unit {
            key: r[0].to_owned(),
            code: text(r[1]),
            name: r[2].to_owned(),
            aliases: Vec::new(),
            kind: Kind::District,
            subkind: Some(r[3].to_owned()),
            peer_group: PeerGroup::Districts,
            province: text(r[4]),
            district: None,
            valid_from: day(r[5]),
            valid_to: day(r[6]),
            population: None,
        });
    }
    for r in rows(COMMUNES) {
        units.push(Unit {
            key: r[0].to_owned(),
            code: text(r[1]),
            name: r[2].to_owned(),
            aliases: Vec::new(),
            kind: Kind::Commune,
            subkind: subkind(r[2], &["phường", "xã", "thị trấn", "đặc khu"]),
            peer_group: PeerGroup::Communes,
            province: text(r[4]),
            district: text(r[5]),
            valid_from: day(r[6]),
            valid_to: day(r[7]),
            population: r[8].replace('.', "").parse().ok(),
        });
    }
    edges.extend(rows(COMMUNE_EDGES).map(|r| edge(&r)));
    for r in rows(MINISTRIES) {
        units.push(Unit {
            key: format!("m:{}", r[0]),
            code: None,
            name: r[1].to_owned(),
            aliases: Vec::new(),
            kind: Kind::Ministry,
            subkind: None,
            peer_group: PeerGroup::Ministries,
            province: None,
            district: None,
            valid_from: day(r[2]),
            valid_to: day(r[3]),
            population: None,
        });
    }
    edges.extend(rows(MINISTRY_EDGES).map(|r| {
        let mut e = edge(&r);
        e.from = format!("m:{}", e.from);
        e.to = format!("m:{}", e.to);
        e
    }));
    departments(&mut units, &mut edges);
    index(units, edges)
}

/// A department type of `departments.tsv`.
struct Type<'a> {
    key: &'a str,
    name: &'a str,
    aliases: Vec<String>,
    from: Option<Day>,
    to: Option<Day>,
}

/// The departments of every province: each type valid while the province is, keyed on the type
/// and the province; the type edges of 1/3/2025 within a province, and on 1/7/2025 each type of
/// a merged province's predecessors into the same type of the new province.
fn departments(units: &mut Vec<Unit>, edges: &mut Vec<Edge>) {
    let types: Vec<Type> = rows(DEPARTMENTS)
        .map(|r| Type {
            key: r[0],
            name: r[1],
            aliases: r[2]
                .split('|')
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect(),
            from: day(r[4]),
            to: day(r[5]),
        })
        .collect();
    let type_edges: Vec<Edge> = rows(DEPARTMENT_EDGES).map(|r| edge(&r)).collect();
    let provinces: Vec<Unit> = units
        .iter()
        .filter(|u| u.kind == Kind::Province)
        .cloned()
        .collect();
    let key = |t: &str, p: &str| format!("d:{t}@{p}");
    let later = |a: Option<Day>, b: Option<Day>| match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let sooner = |a: Option<Day>, b: Option<Day>| match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    for p in &provinces {
        for t in &types {
            let from = later(p.valid_from, t.from);
            let to = sooner(p.valid_to, t.to);
            if let (Some(f), Some(t)) = (from, to)
                && f > t
            {
                continue;
            }
            units.push(Unit {
                key: key(t.key, &p.key),
                code: None,
                name: t.name.to_owned(),
                aliases: t.aliases.clone(),
                kind: Kind::Department,
                subkind: None,
                peer_group: PeerGroup::Departments,
                province: Some(p.key.clone()),
                district: None,
                valid_from: from,
                valid_to: to,
                population: None,
            });
        }
        // The merges of 1/3/2025 in the provinces that were there on that day.
        for e in &type_edges {
            if p.valid_on(e.date) {
                edges.push(Edge {
                    from: key(&e.from, &p.key),
                    to: key(&e.to, &p.key),
                    date: e.date,
                    kind: e.kind,
                });
            }
        }
    }
    // The merges of 1/7/2025: every department of a merged province's predecessors goes into the
    // same type in the new province.
    let province_edges: Vec<Edge> = edges
        .iter()
        .filter(|e| e.from.starts_with("p:"))
        .cloned()
        .collect();
    let departments: std::collections::HashSet<String> = units
        .iter()
        .filter(|u| u.kind == Kind::Department)
        .map(|u| u.key.clone())
        .collect();
    for pe in province_edges {
        for t in &types {
            let (from, to) = (key(t.key, &pe.from), key(t.key, &pe.to));
            if departments.contains(&from) && departments.contains(&to) {
                edges.push(Edge {
                    from,
                    to,
                    date: pe.date,
                    kind: EdgeKind::Full,
                });
            }
        }
    }
}

fn index(units: Vec<Unit>, edges: Vec<Edge>) -> Register {
    let by_key: HashMap<String, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.key.clone(), i))
        .collect();
    let mut into: HashMap<String, Vec<usize>> = HashMap::new();
    let mut out_of: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in edges.iter().enumerate() {
        into.entry(e.to.clone()).or_default().push(i);
        out_of.entry(e.from.clone()).or_default().push(i);
    }
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        let mut keys: Vec<String> = std::iter::once(&u.name)
            .chain(&u.aliases)
            .map(|n| name_key(n))
            .collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            by_name.entry(k).or_default().push(i);
        }
    }
    Register {
        units,
        edges,
        by_key,
        into,
        out_of,
        by_name,
    }
}
