//! One name per unit: the spellings a store holds ("SỞ Y TẾ", "Sở Y tế", "Sở  Y tế") read as one
//! unit, matched by [`fold`] (accents, case and white space), and shown in the spelling most of
//! its rows carry among those not written in capitals (a unit seen only in capitals gets its
//! running-text spelling, [`unit_spelling`]). An analyst's units file adds aliases that no
//! folding finds ("Sở KH&ĐT" for "Sở Kế hoạch và Đầu tư").

use std::collections::BTreeMap;

use cchc_model::text::{fold, is_capitals, unit_spelling};

use crate::manifest::{Part, UnitName};

/// The key a spelling is matched by: the units file's canonical name for an alias, else the
/// folded spelling.
fn key_of(spelling: &str, book: &BTreeMap<String, String>) -> String {
    let key = fold(spelling);
    book.get(&key).map(|name| fold(name)).unwrap_or(key)
}

/// Maps every stored spelling of a unit to the one name shown for it (only the spellings that
/// change appear).
pub(crate) fn renames<'a>(
    parts: impl Iterator<Item = &'a Part>,
    names: &[UnitName],
) -> BTreeMap<String, String> {
    let mut book: BTreeMap<String, String> = BTreeMap::new();
    for n in names {
        for spelling in n.aliases.iter().chain(std::iter::once(&n.name)) {
            book.insert(fold(spelling), n.name.clone());
        }
    }
    // Rows per spelling, per key.
    let mut seen: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    for part in parts {
        *seen
            .entry(key_of(&part.unit, &book))
            .or_default()
            .entry(part.unit.clone())
            .or_default() += part.rows.max(1);
    }
    let mut out = BTreeMap::new();
    for (key, spellings) in &seen {
        let chosen = match names.iter().find(|n| fold(&n.name) == *key) {
            Some(n) => n.name.clone(),
            None => {
                let best = |capitals: bool| {
                    spellings
                        .iter()
                        .filter(|(s, _)| is_capitals(s) == capitals)
                        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                        .map(|(s, _)| s.split_whitespace().collect::<Vec<_>>().join(" "))
                };
                best(false)
                    .or_else(|| best(true).map(|s| unit_spelling(&s)))
                    .unwrap_or_default()
            }
        };
        for spelling in spellings.keys() {
            if *spelling != chosen {
                out.insert(spelling.clone(), chosen.clone());
            }
        }
    }
    out
}

/// Whether two parts' provinces may be the same: equal, or one of them unknown (a part stored
/// before provinces were kept, or from a file that names none).
pub(crate) fn same_province(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => fold(a) == fold(b),
        _ => true,
    }
}

/// Whether two parts' register keys may be the same unit: equal, or one of them unknown.
pub(crate) fn same_key(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Whether two parts' periods share a day (a part without one covers its whole year). ISO dates
/// compare as text.
pub(crate) fn periods_overlap(a: Option<&[String; 2]>, b: Option<&[String; 2]>) -> bool {
    match (a, b) {
        (Some([a_from, a_to]), Some([b_from, b_to])) => a_from <= b_to && b_from <= a_to,
        _ => true,
    }
}

/// The name each part's unit is read by: the shown name of its spelling ([`renames`]), and its
/// province in brackets when units of that shown name are stored for two provinces or more
/// ("Sở Tài chính (Đồng Nai)", "Sở Tài chính (Bình Phước)"), so that no analysis adds two
/// provinces' units together.
pub(crate) struct Shown {
    renames: BTreeMap<String, String>,
    several: std::collections::BTreeSet<String>,
    /// (name, province) shown for units of two codes or more: read with their code.
    coded: std::collections::BTreeSet<(String, String)>,
}

impl Shown {
    pub(crate) fn new<'a>(
        parts: impl Iterator<Item = &'a Part> + Clone,
        names: &[UnitName],
    ) -> Shown {
        let renames = renames(parts.clone(), names);
        let mut provinces: BTreeMap<String, std::collections::BTreeSet<String>> = BTreeMap::new();
        let mut codes: BTreeMap<(String, String), std::collections::BTreeSet<String>> =
            BTreeMap::new();
        for p in parts {
            if let Some(code) = &p.unit_code {
                let name = renames.get(&p.unit).unwrap_or(&p.unit);
                codes
                    .entry((fold(name), fold(p.province.as_deref().unwrap_or(""))))
                    .or_default()
                    .insert(code.clone());
            }
            if let Some(province) = &p.province {
                let name = renames.get(&p.unit).unwrap_or(&p.unit);
                provinces
                    .entry(fold(name))
                    .or_default()
                    .insert(fold(province));
            }
        }
        let several = provinces
            .into_iter()
            .filter(|(_, ps)| ps.len() > 1)
            .map(|(name, _)| name)
            .collect();
        let coded = codes
            .into_iter()
            .filter(|(_, cs)| cs.len() > 1)
            .map(|(key, _)| key)
            .collect();
        Shown {
            renames,
            several,
            coded,
        }
    }

    fn name<'p>(&'p self, part: &'p Part) -> &'p str {
        self.renames.get(&part.unit).unwrap_or(&part.unit)
    }

    /// Whether the part's unit is read with its province.
    fn with_province(&self, part: &Part) -> bool {
        part.province.is_some() && self.several.contains(&fold(self.name(part)))
    }

    /// Whether the part's unit is read with its code: units of its name and province with
    /// other codes are stored (the old and the new Phường Hố Nai).
    fn with_code(&self, part: &Part) -> bool {
        part.unit_code.is_some()
            && self.coded.contains(&(
                fold(self.name(part)),
                fold(part.province.as_deref().unwrap_or("")),
            ))
    }

    /// Whether the part's unit is read under a qualified name.
    pub(crate) fn qualified(&self, part: &Part) -> bool {
        self.with_province(part) || self.with_code(part)
    }

    /// The name the part's unit is read by: its shown name, then in brackets its province when
    /// units of that name are stored for several provinces, and its code when units of that
    /// name and province have several codes ("Phường Hố Nai (26002)").
    pub(crate) fn of(&self, part: &Part) -> String {
        let mut qualifiers: Vec<&str> = Vec::new();
        if self.with_province(part)
            && let Some(province) = &part.province
        {
            qualifiers.push(province);
        }
        if self.with_code(part)
            && let Some(code) = &part.unit_code
        {
            qualifiers.push(code);
        }
        if qualifiers.is_empty() {
            self.name(part).to_owned()
        } else {
            format!("{} ({})", self.name(part), qualifiers.join(", "))
        }
    }
}

/// Whether two stored spellings name the same unit.
pub(crate) fn same_unit(a: &str, b: &str, names: &[UnitName]) -> bool {
    let mut book = BTreeMap::new();
    for n in names {
        for spelling in n.aliases.iter().chain(std::iter::once(&n.name)) {
            book.insert(fold(spelling), n.name.clone());
        }
    }
    key_of(a, &book) == key_of(b, &book)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(unit: &str, rows: u64) -> Part {
        Part {
            table: "scorecard".into(),
            year: 2022,
            unit: unit.into(),
            province: None,
            unit_key: None,
            unit_code: None,
            period: None,
            rows,
            file: String::new(),
        }
    }

    #[test]
    fn spellings_fold_to_the_most_frequent_proper_one() {
        let parts = [
            part("SỞ Y TẾ", 50),
            part("Sở Y tế", 10),
            part("Sở  y Tế", 5),
            part("SỞ TÀI CHÍNH", 7),
        ];
        let r = renames(parts.iter(), &[]);
        assert_eq!(r.get("SỞ Y TẾ").map(String::as_str), Some("Sở Y tế"));
        assert_eq!(r.get("Sở  y Tế").map(String::as_str), Some("Sở Y tế"));
        assert_eq!(r.get("Sở Y tế"), None, "already the name shown");
        assert_eq!(
            r.get("SỞ TÀI CHÍNH").map(String::as_str),
            Some("Sở Tài chính")
        );
    }

    #[test]
    fn a_units_file_joins_aliases_and_names_the_unit() {
        let names = [UnitName {
            name: "Sở Kế hoạch và Đầu tư".into(),
            aliases: vec!["Sở KH&ĐT".into(), "Sở Kế hoạch - Đầu tư".into()],
        }];
        let parts = [part("SỞ KH&ĐT", 3), part("Sở Kế hoạch - Đầu tư", 9)];
        let r = renames(parts.iter(), &names);
        assert_eq!(r.len(), 2);
        assert!(r.values().all(|v| v == "Sở Kế hoạch và Đầu tư"));
        assert!(same_unit("Sở KH&ĐT", "sở kế hoạch và đầu tư", &names));
        assert!(!same_unit("Sở KH&ĐT", "Sở Y tế", &names));
    }
}
