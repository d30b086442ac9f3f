//! Where the year and the unit of a table come from, and what happens when sources disagree.
//!
//! Strong sources: a flag (or the profile), a column, a band header over the score columns, the sheet
//! name. Weak sources, used only when no strong source speaks: the title lines (only when they name
//! one year), the file name. Two sources that disagree are an error naming both.

use std::path::Path;

use cchc_calendar::Day;
use cchc_model::text::unit_spelling;

use super::ImportOptions;
use super::layout::TableLayout;
use super::text::{fold, years_in};
use crate::cell::clean;
use crate::error::{Conflict, ImportError};
pub(crate) use crate::error::{Origin, Quantity};

/// A value and the source it came from, for `inspect` and error messages.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Where it came from.
    pub source: Origin,
}

impl<T> Sourced<T> {
    /// A value with its source.
    pub fn new(value: T, source: Origin) -> Self {
        Sourced { value, source }
    }
}

/// The one year a text names, if it names exactly one.
pub(crate) fn single_year(text: &str) -> Option<i32> {
    match years_in(text).as_slice() {
        [y] => Some(*y),
        _ => None,
    }
}

/// The one year the title lines name, if they name exactly one.
pub(crate) fn title_year(title: &[String]) -> Option<i32> {
    single_year(&title.join(" "))
}

/// The year in a file's name, if it names exactly one ("chi_so_cchc_2022.xlsx").
pub(crate) fn file_year(path: &Path) -> Option<i32> {
    path.file_stem()
        .and_then(|s| s.to_str())
        .and_then(single_year)
}

/// Words that open the name of an agency (folded), in titles and agency blocks.
const AGENCY_STARTS: [&str; 15] = [
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
    "chi cuc",
    "cuc ",
    "trung tam",
    "bo ",
    "toa an",
];

fn names_agency(key: &str) -> bool {
    AGENCY_STARTS.iter().any(|a| key.starts_with(a))
}

/// The cell texts of a title line (a row's cells, joined by " | ").
fn cells_of(line: &str) -> impl Iterator<Item = String> + '_ {
    line.split(" | ").map(clean).filter(|c| !c.is_empty())
}

/// A unit named in the title lines: "Đơn vị: Sở Tư pháp", "… của Sở Kế hoạch và Đầu tư)", a
/// title ending "… NĂM 2022 - SỞ TÀI CHÍNH", or the agency block at the top left of an official
/// document ("UBND TỈNH …" over "SỞ …": the agency under its parent). A unit written in capitals
/// is given its running-text spelling ("Sở Tài chính"). `None` when the lines name none or
/// several.
pub(crate) fn title_unit(title: &[String]) -> Option<String> {
    let mut found: Vec<String> = Vec::new();
    for line in title {
        for cell in cells_of(line) {
            let key = fold(&cell);
            for prefix in ["don vi:", "don vi :", "co quan:", "ten don vi:"] {
                if key.starts_with(prefix) {
                    let rest: String = cell.chars().skip(prefix.chars().count()).collect();
                    push_unit(&mut found, rest);
                }
            }
            // `fold` keeps one char per letter, so char offsets in `key` map onto `cell`.
            let after = |pos: usize, len: usize| -> String {
                let start = key[..pos + len].chars().count();
                cell.chars().skip(start).collect()
            };
            if let Some(pos) = key.find(" cua ")
                && names_agency(&key[pos + 5..])
            {
                push_unit(&mut found, after(pos, 5));
            }
            let dash = key
                .match_indices(" - ")
                .chain(key.match_indices(" – "))
                .chain(key.match_indices(" — "))
                .map(|(pos, d)| (pos, d.len()))
                .filter(|(pos, len)| names_agency(&key[pos + len..]))
                .min();
            // "SỔ THEO DÕI HỒ SƠ - SỞ TƯ PHÁP": a log (sổ) folds like an agency (sở).
            let is_book = cell.trim_start().to_lowercase().starts_with("sổ");
            if let Some((pos, len)) = dash
                && (is_book || !names_agency(&key))
            {
                push_unit(&mut found, after(pos, len));
            }
        }
    }
    if found.is_empty()
        && let Some(unit) = agency_block(title)
    {
        found.push(unit);
    }
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The period the title lines name when it is not a whole year: "6 THÁNG ĐẦU NĂM 2025 (TỪ
/// 01/01/2025 ĐẾN 30/6/2025)", "6 tháng cuối năm 2025", "từ ngày 01/7/2025 đến ngày 31/12/2025".
/// Written dates win over the half-year's words; `None` when the lines name no period, or
/// several different ones.
pub(crate) fn title_period(title: &[String]) -> Option<(Day, Day)> {
    let mut found: Vec<(Day, Day)> = Vec::new();
    for line in title {
        let key = fold(line);
        let period = dated_period(&key).or_else(|| half_year(&key));
        if let Some(p) = period
            && !found.contains(&p)
        {
            found.push(p);
        }
    }
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// "tu (ngay) d/m/yyyy den (ngay) d/m/yyyy" in a folded line.
fn dated_period(key: &str) -> Option<(Day, Day)> {
    let at = key.find("tu ")?;
    let rest = key[at + 3..].trim_start();
    let rest = rest.strip_prefix("ngay ").unwrap_or(rest);
    let (from, rest) = leading_date(rest)?;
    let rest = rest.trim_start().strip_prefix("den ")?.trim_start();
    let rest = rest.strip_prefix("ngay ").unwrap_or(rest);
    let (to, _) = leading_date(rest)?;
    (from <= to).then_some((from, to))
}

/// A date "d/m/yyyy" (or with dashes or dots) at the start of `text`, and what follows it.
fn leading_date(text: &str) -> Option<(Day, &str)> {
    let end = text
        .find(|ch: char| !(ch.is_ascii_digit() || matches!(ch, '/' | '-' | '.')))
        .unwrap_or(text.len());
    let date = text[..end].trim_end_matches('.');
    let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    let day = Day::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some((day, &text[end..]))
}

/// "6 thang dau nam yyyy" (first half) or "6 thang cuoi nam yyyy" (second half).
fn half_year(key: &str) -> Option<(Day, Day)> {
    for (words, first) in [("6 thang dau nam ", true), ("6 thang cuoi nam ", false)] {
        if let Some(at) = key.find(words) {
            let year: i32 = key[at + words.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok()?;
            return if first {
                Some((Day::from_ymd(year, 1, 1)?, Day::from_ymd(year, 6, 30)?))
            } else {
                Some((Day::from_ymd(year, 7, 1)?, Day::from_ymd(year, 12, 31)?))
            };
        }
    }
    None
}

/// The province the title lines name, as written: the parent of the agency block ("UBND TỈNH
/// ĐỒNG NAI", "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"), a line "TỈNH BÌNH PHƯỚC", or a title
/// ending "… - TỈNH BÌNH PHƯỚC". The text after "tỉnh" or "thành phố", in its running-text
/// spelling; `None` when the lines name none or several. A "thành phố" may be a district's city
/// (UBND THÀNH PHỐ BIÊN HÒA): the front end keeps the name only when its register knows it as a
/// province.
pub(crate) fn title_province(title: &[String]) -> Option<String> {
    let mut found: Vec<String> = Vec::new();
    for line in title {
        for cell in cells_of(line) {
            let key = fold(&cell);
            // `fold` keeps one char per letter, so char offsets in `key` map onto `cell`.
            let after =
                |pos: usize| -> String { cell.chars().skip(key[..pos].chars().count()).collect() };
            let mut starts: Vec<usize> = Vec::new();
            for parent in ["ubnd ", "uy ban nhan dan ", ""] {
                for kind in ["tinh ", "thanh pho "] {
                    let opening = format!("{parent}{kind}");
                    if key.starts_with(&opening) {
                        starts.push(opening.len());
                    }
                }
            }
            for dash in [" - tinh ", " – tinh ", " — tinh "] {
                if let Some(pos) = key.rfind(dash) {
                    starts.push(pos + dash.len());
                }
            }
            if let Some(&start) = starts.iter().max() {
                let name = after(start);
                let name = name
                    .trim()
                    .trim_end_matches(['.', ',', ';', ':', ')'])
                    .trim();
                if !name.is_empty() && name.chars().count() <= 40 {
                    let name = proper_name(name);
                    if !found.iter().any(|f| fold(f) == fold(&name)) {
                        found.push(name);
                    }
                }
            }
        }
    }
    match found.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// A place's name written in capitals, in its running-text spelling: each word capitalised
/// ("ĐỒNG NAI" → "Đồng Nai"); a name in mixed case as written.
fn proper_name(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_owned();
    }
    name.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The agency of the block at the top left of an official document: the first cells of the
/// title lines, "UBND TỈNH …" (or "ỦY BAN NHÂN DÂN …", a ministry) over the agency itself; the
/// parent alone when nothing stands under it.
fn agency_block(title: &[String]) -> Option<String> {
    let firsts: Vec<String> = title.iter().filter_map(|l| cells_of(l).next()).collect();
    let parent = firsts.iter().position(|c| {
        let key = fold(c);
        ["ubnd", "uy ban nhan dan", "bo "]
            .iter()
            .any(|p| key.starts_with(p))
    })?;
    let unit = match firsts.get(parent + 1) {
        Some(next) if names_agency(&fold(next)) => next,
        _ => &firsts[parent],
    };
    Some(unit_spelling(unit))
}

fn push_unit(found: &mut Vec<String>, raw: String) {
    let unit = raw
        .trim()
        .trim_end_matches([')', '.', ';', ':'])
        .trim()
        .to_owned();
    let unit = unit_spelling(&unit);
    if !unit.is_empty() && !found.iter().any(|u| fold(u) == fold(&unit)) {
        found.push(unit);
    }
}

/// Chooses among candidate values: strong ones must agree; weak ones are used only without strong
/// ones, and must agree too.
pub(crate) fn resolve<T: PartialEq + Clone + std::fmt::Display>(
    what: Quantity,
    strong: &[Sourced<T>],
    weak: &[Sourced<T>],
    path: &Path,
    sheet: &str,
    same: impl Fn(&T, &T) -> bool,
) -> Result<Option<Sourced<T>>, ImportError> {
    for pool in [strong, weak] {
        if let Some(first) = pool.first() {
            if let Some(other) = pool.iter().find(|c| !same(&c.value, &first.value)) {
                return Err(conflict(what, first, other, path, sheet));
            }
            return Ok(Some(first.clone()));
        }
    }
    Ok(None)
}

/// What a sheet's header says of its year and unit, besides the title and the names.
#[derive(Debug, Clone, Default)]
pub(crate) struct Given {
    /// The header has a year column: rows give their own year.
    pub year_column: bool,
    /// The header has a unit column: rows give their own unit.
    pub unit_column: bool,
    /// Years named by header bands over the figures ("NĂM 2021 / Điểm đạt được").
    pub band_years: Vec<i32>,
}

fn conflict<T: std::fmt::Display>(
    what: Quantity,
    first: &Sourced<T>,
    second: &Sourced<T>,
    path: &Path,
    sheet: &str,
) -> ImportError {
    ImportError::Conflict(Box::new(Conflict {
        path: path.to_owned(),
        sheet: sheet.to_owned(),
        what,
        first: first.value.to_string(),
        first_source: first.source.clone(),
        second: second.value.to_string(),
        second_source: second.source.clone(),
    }))
}

/// The year(s) and unit of a sheet with their sources.
pub(crate) type YearsAndUnit = (Vec<Sourced<i32>>, Option<Sourced<String>>);

/// The year(s) and unit of a sheet, for every kind of table alike.
///
/// Years: the flag or the profile and the sheet name are strong; the title and the file name are
/// weak (used only when no strong source speaks). Header bands name the years of their columns:
/// a strong source that disagrees with a band is an error. Units: the flag or the profile and the
/// title must agree (accents, case and spaces folded). A sheet without a year (or unit) is an
/// error unless a column gives one row by row; where both speak, a row's cell wins.
pub(crate) fn sheet_year_and_unit(
    table: &TableLayout,
    opts: &ImportOptions,
    given: &Given,
    path: &Path,
    sheet: &str,
) -> Result<YearsAndUnit, ImportError> {
    let profile = opts.profile.as_ref();
    let flag_year = opts
        .year
        .map(|y| Sourced::new(y, Origin::Flag))
        .or_else(|| {
            profile
                .and_then(|p| p.year)
                .map(|y| Sourced::new(y, Origin::Profile))
        });
    let sheet_year = single_year(sheet).map(|y| Sourced::new(y, Origin::SheetName(sheet.into())));
    let strong: Vec<Sourced<i32>> = flag_year.into_iter().chain(sheet_year).collect();
    let years = if given.band_years.is_empty() {
        let weak: Vec<Sourced<i32>> = title_year(&table.title_text)
            .map(|y| Sourced::new(y, Origin::Title))
            .into_iter()
            .chain(file_year(path).map(|y| Sourced::new(y, Origin::FileName)))
            .collect();
        resolve(Quantity::Year, &strong, &weak, path, sheet, |a, b| a == b)?
            .into_iter()
            .collect()
    } else {
        let bands: Vec<Sourced<i32>> = given
            .band_years
            .iter()
            .map(|y| Sourced::new(*y, Origin::HeaderBand(*y)))
            .collect();
        for other in &strong {
            if let Some(band) = bands.iter().find(|b| b.value != other.value) {
                return Err(conflict(Quantity::Year, other, band, path, sheet));
            }
        }
        bands
    };
    if years.is_empty() && !given.year_column {
        return Err(ImportError::NoYear {
            path: path.to_owned(),
            sheet: sheet.to_owned(),
        });
    }
    let units: Vec<Sourced<String>> = opts
        .unit
        .clone()
        .map(|u| Sourced::new(u, Origin::Flag))
        .or_else(|| {
            profile
                .and_then(|p| p.unit.clone())
                .map(|u| Sourced::new(u, Origin::Profile))
        })
        .into_iter()
        // With a unit column, the title names the publisher (the agency block of "Sở Nội vụ"
        // over a table of every department), not a unit.
        .chain(
            title_unit(&table.title_text)
                .filter(|_| !given.unit_column)
                .map(|u| Sourced::new(u, Origin::Title)),
        )
        .collect();
    let unit = resolve(Quantity::Unit, &units, &[], path, sheet, |a, b| {
        fold(a) == fold(b)
    })?;
    if unit.is_none() && !given.unit_column {
        return Err(ImportError::NoUnit {
            path: path.to_owned(),
            sheet: sheet.to_owned(),
        });
    }
    Ok((years, unit))
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
    fn a_half_year_or_a_dated_period_is_read_from_the_title() {
        let day = |s: &str| Day::parse_iso(s).unwrap();
        let lines = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            title_period(&lines(&[
                "UBND TỈNH ĐỒNG NAI",
                "BÁO CÁO KẾT QUẢ GIẢI QUYẾT TTHC 6 THÁNG ĐẦU NĂM 2025 (TỪ 01/01/2025 ĐẾN 30/6/2025)"
            ])),
            Some((day("2025-01-01"), day("2025-06-30")))
        );
        assert_eq!(
            title_period(&lines(&["Số liệu 6 tháng cuối năm 2025"])),
            Some((day("2025-07-01"), day("2025-12-31")))
        );
        assert_eq!(
            title_period(&lines(&[
                "Kỳ báo cáo: từ ngày 01/7/2025 đến ngày 30/9/2025"
            ])),
            Some((day("2025-07-01"), day("2025-09-30")))
        );
        // A whole year names no period; two different periods name none.
        assert_eq!(title_period(&lines(&["BẢNG ĐIỂM NĂM 2024"])), None);
        assert_eq!(
            title_period(&lines(&["6 tháng đầu năm 2025", "6 tháng cuối năm 2025"])),
            None
        );
        // A period that ends before it starts is not one.
        assert_eq!(
            title_period(&lines(&["từ 31/12/2025 đến 01/01/2025"])),
            None
        );
    }

    #[test]
    fn the_province_of_the_agency_block_or_the_title_is_read_as_written() {
        let lines = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            title_province(&lines(&[
                "UBND TỈNH ĐỒNG NAI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "SỞ NỘI VỤ"
            ]))
            .as_deref(),
            Some("Đồng Nai")
        );
        assert_eq!(
            title_province(&lines(&["KẾT QUẢ CHỈ SỐ CCHC NĂM 2024 - TỈNH BÌNH PHƯỚC"])).as_deref(),
            Some("Bình Phước")
        );
        assert_eq!(
            title_province(&lines(&["ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"])).as_deref(),
            Some("Hồ Chí Minh")
        );
        assert_eq!(
            title_province(&lines(&["SỞ TƯ PHÁP", "BẢNG ĐIỂM NĂM 2023"])),
            None
        );
        // Two provinces named: none chosen.
        assert_eq!(
            title_province(&lines(&["UBND TỈNH ĐỒNG NAI", "TỈNH BÌNH PHƯỚC"])),
            None
        );
    }

    #[test]
    fn units_after_a_dash_and_in_the_agency_block_are_found_and_spelled() {
        let lines = |l: &[&str]| l.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            title_unit(&lines(&["BẢNG ĐIỂM CHỈ SỐ CCHC NĂM 2022 - SỞ TÀI CHÍNH"])).as_deref(),
            Some("Sở Tài chính")
        );
        assert_eq!(
            title_unit(&lines(&[
                "UBND TỈNH BẮC NINH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "SỞ Y TẾ | Độc lập - Tự do - Hạnh phúc",
                "BÁO CÁO KẾT QUẢ NĂM 2023",
            ]))
            .as_deref(),
            Some("Sở Y tế")
        );
        // A log (sổ) is not an agency (sở), though both fold to "so".
        assert_eq!(
            title_unit(&["SỔ THEO DÕI HỒ SƠ - SỞ TƯ PHÁP".into()]).as_deref(),
            Some("Sở Tư pháp")
        );
        // A dash inside the unit's own name is not a separator.
        assert_eq!(
            title_unit(&lines(&[
                "KẾT QUẢ NĂM 2022 - SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
            ]))
            .as_deref(),
            Some("Sở Lao động - Thương binh và Xã hội")
        );
        // Two different units named: none is guessed.
        assert_eq!(
            title_unit(&lines(&["Đơn vị: Sở Y tế", "NĂM 2022 - SỞ TÀI CHÍNH"])),
            None
        );
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
            Sourced::new(2021, Origin::Flag),
            Sourced::new(2022, Origin::SheetName("2022".into())),
        ];
        let err = resolve(
            Quantity::Year,
            &strong,
            &[],
            Path::new("f.xlsx"),
            "S",
            |a, b| a == b,
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("\"2021\" from --year but \"2022\" from the sheet name \"2022\""),
            "{err}"
        );
        let weak = [Sourced::new(2020, Origin::FileName)];
        let ok = resolve(
            Quantity::Year,
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
