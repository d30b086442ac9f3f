//! Where the year and the unit of a table come from, and what happens when sources disagree.
//!
//! Strong sources: a flag (or the profile), a column, a band header over the score columns, the sheet
//! name. Weak sources, used only when no strong source speaks: the title lines (only when they name
//! one year), the file name. Two sources that disagree are an error naming both.

use std::path::Path;

use crate::layout::TableLayout;
use crate::text::{clean, fold, years_in};
use crate::{ImportError, ImportOptions};

/// A value and the source it came from, for `inspect` and error messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Where it came from: "--year", "sheet name \"2021\"", "title", …
    pub source: String,
}

impl<T> Sourced<T> {
    /// A value with its source.
    pub fn new(value: T, source: impl Into<String>) -> Self {
        Sourced {
            value,
            source: source.into(),
        }
    }
}

/// The one year a text names, if it names exactly one.
pub fn single_year(text: &str) -> Option<i32> {
    match years_in(text).as_slice() {
        [y] => Some(*y),
        _ => None,
    }
}

/// The one year the title lines name, if they name exactly one.
pub fn title_year(title: &[String]) -> Option<i32> {
    single_year(&title.join(" "))
}

/// The year in a file's name, if it names exactly one ("chi_so_cchc_2022.xlsx").
pub fn file_year(path: &Path) -> Option<i32> {
    path.file_stem()
        .and_then(|s| s.to_str())
        .and_then(single_year)
}

/// A unit named in the title lines: "Đơn vị: Sở Tư pháp", or "… của Sở Kế hoạch và Đầu tư)".
pub fn title_unit(title: &[String]) -> Option<String> {
    let mut found: Vec<String> = Vec::new();
    for line in title {
        let line = clean(line);
        let key = fold(&line);
        for prefix in ["don vi:", "don vi :", "co quan:", "ten don vi:"] {
            if key.starts_with(prefix) {
                let rest: String = line.chars().skip(prefix.chars().count()).collect();
                push_unit(&mut found, rest);
            }
        }
        if let Some(pos) = key.find(" cua ") {
            let after_key = &key[pos + 5..];
            const AGENCIES: [&str; 10] = [
                "so ",
                "uy ban",
                "ubnd",
                "ban ",
                "van phong",
                "thanh tra",
                "huyen ",
                "thi xa",
                "thanh pho",
                "phong ",
            ];
            if AGENCIES.iter().any(|a| after_key.starts_with(a)) {
                // `fold` keeps one char per letter, so char offsets in `key` map onto `line`.
                let start = key[..pos + 5].chars().count();
                let rest: String = line.chars().skip(start).collect();
                push_unit(&mut found, rest);
            }
        }
    }
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

fn push_unit(found: &mut Vec<String>, raw: String) {
    let unit = raw
        .trim()
        .trim_end_matches([')', '.', ';', ':'])
        .trim()
        .to_owned();
    if !unit.is_empty() && !found.iter().any(|u| fold(u) == fold(&unit)) {
        found.push(unit);
    }
}

/// Chooses among candidate values: strong ones must agree; weak ones are used only without strong
/// ones, and must agree too.
pub fn resolve<T: PartialEq + Clone + std::fmt::Display>(
    what: &'static str,
    strong: &[Sourced<T>],
    weak: &[Sourced<T>],
    path: &Path,
    sheet: &str,
    same: impl Fn(&T, &T) -> bool,
) -> Result<Option<Sourced<T>>, ImportError> {
    for pool in [strong, weak] {
        if let Some(first) = pool.first() {
            if let Some(other) = pool.iter().find(|c| !same(&c.value, &first.value)) {
                return Err(ImportError::Conflict(Box::new(crate::Conflict {
                    path: path.to_owned(),
                    sheet: sheet.to_owned(),
                    what,
                    first: first.value.to_string(),
                    first_source: first.source.clone(),
                    second: other.value.to_string(),
                    second_source: other.source.clone(),
                })));
            }
            return Ok(Some(first.clone()));
        }
    }
    Ok(None)
}

/// The year(s) and unit of a sheet with their sources.
pub type YearsAndUnit = (Vec<Sourced<i32>>, Option<Sourced<String>>);

/// The year and unit of a sheet from the flags, the sheet name, the title and the file name
/// (strong sources must agree; weak ones count only alone). A sheet with a year or unit column
/// may have none: its rows then give them.
pub fn sheet_year_and_unit(
    table: &TableLayout,
    opts: &ImportOptions,
    has_year_col: bool,
    has_unit_col: bool,
    path: &Path,
    sheet: &str,
) -> Result<YearsAndUnit, ImportError> {
    let flag_year = opts.year.map(|y| Sourced::new(y, "--year"));
    let strong: Vec<Sourced<i32>> = flag_year
        .into_iter()
        .chain(single_year(sheet).map(|y| Sourced::new(y, format!("sheet name \"{sheet}\""))))
        .collect();
    let weak: Vec<Sourced<i32>> = title_year(&table.title_text)
        .map(|y| Sourced::new(y, "title"))
        .into_iter()
        .chain(file_year(path).map(|y| Sourced::new(y, "file name")))
        .collect();
    let year = resolve("year", &strong, &weak, path, sheet, |a, b| a == b)?;
    if year.is_none() && !has_year_col {
        return Err(ImportError::NoYear {
            path: path.to_owned(),
            sheet: sheet.to_owned(),
        });
    }
    let units: Vec<Sourced<String>> = opts
        .unit
        .clone()
        .map(|u| Sourced::new(u, "--unit"))
        .into_iter()
        .chain(title_unit(&table.title_text).map(|u| Sourced::new(u, "title")))
        .collect();
    let unit = resolve("unit", &units, &[], path, sheet, |a, b| fold(a) == fold(b))?;
    if unit.is_none() && !has_unit_col {
        return Err(ImportError::NoUnit {
            path: path.to_owned(),
            sheet: sheet.to_owned(),
        });
    }
    Ok((year.into_iter().collect(), unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_title_names_its_unit_but_not_one_year() {
        let title = vec![
            "Phụ lục".to_owned(),
            "NHỮNG NHIỆM VỤ, NỘI DUNG CẢI CÁCH HÀNH CHÍNH CHƢA HOÀN THÀNH TRONG NĂM 2021".to_owned(),
            "(Kèm theo Kế hoạch số: 925/KH-SKHĐT ngày 12 tháng 4 năm 2022 của Sở Kế hoạch và Đầu tư)".to_owned(),
        ];
        assert_eq!(title_unit(&title).as_deref(), Some("Sở Kế hoạch và Đầu tư"));
        assert_eq!(title_year(&title), None);
    }

    #[test]
    fn unit_lines_and_file_years() {
        assert_eq!(
            title_unit(&["ĐƠN VỊ: Sở Tư pháp".to_owned()]).as_deref(),
            Some("Sở Tư pháp")
        );
        assert_eq!(file_year(Path::new("/x/chi_so_cchc_2022.xlsx")), Some(2022));
        assert_eq!(file_year(Path::new("/x/2021_2022.xlsx")), None);
    }

    #[test]
    fn disagreeing_strong_sources_are_an_error() {
        let strong = [
            Sourced::new(2021, "--year"),
            Sourced::new(2022, "sheet name"),
        ];
        let err = resolve("year", &strong, &[], Path::new("f.xlsx"), "S", |a, b| {
            a == b
        })
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("2021 from --year but 2022 from sheet name"),
            "{err}"
        );
        let weak = [Sourced::new(2020, "file name")];
        let ok = resolve(
            "year",
            &strong[..1],
            &weak,
            Path::new("f.xlsx"),
            "S",
            |a, b| a == b,
        )
        .expect("agree");
        assert_eq!(ok.map(|s| s.value), Some(2021));
    }
}
