//! Scorecards of the administrative-reform index (Chỉ số CCHC) into the canonical `scorecard` frame.
//!
//! Two layouts are read. The appendix style of the seed plan: `STT | Tên tiêu chí | NĂM 2021
//! {Điểm chuẩn, Điểm đạt được, Lý do} | Giải pháp khắc phục`, then a total row. The full hierarchical
//! scorecard: codes `1`, `1.1`, `1.1.1` (or `I`, `1`, `a`) for lĩnh vực → tiêu chí → tiêu chí thành
//! phần, with Điểm tối đa, Điểm tự đánh giá, Điểm thẩm định, Ghi chú; parent rows carry subtotals.
//! Years come one sheet per year, one file per year, or as side-by-side year bands.
//!
//! Only leaves are ever summed: parent rows and total rows are checked against their children and
//! reported when they disagree, never added in.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use cchc_model::columns as c;
use cchc_model::{
    CellRef, RejectReason, Rejection, RowOutcome, StructureKind, Warning, WarningKind,
};
use polars::prelude::{Column, DataFrame};

use crate::context::{self, Sourced};
use crate::layout::{self, FieldSpec, HeaderColumn, TableLayout};
use crate::number::{Parsed, parse_vn_number};
use crate::reader::{Row, Value, Workbook};
use crate::text::{fold, strip_years};
use crate::{ColumnMapping, ImportError, ImportOptions, SheetReport, SourceFile};

/// Header vocabulary of scorecards (folded).
pub const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: c::CODE,
        synonyms: &[
            "stt",
            "tt",
            "so tt",
            "so thu tu",
            "ma",
            "ma so",
            "ma tieu chi",
        ],
    },
    FieldSpec {
        field: c::CRITERION,
        synonyms: &[
            "ten tieu chi",
            "tieu chi",
            "noi dung",
            "noi dung tieu chi",
            "linh vuc, tieu chi",
            "ten linh vuc, tieu chi",
            "linh vuc/tieu chi",
            "linh vuc, tieu chi, tieu chi thanh phan",
            "chi tieu",
        ],
    },
    FieldSpec {
        field: c::MAX_SCORE,
        synonyms: &[
            "diem chuan",
            "diem toi da",
            "thang diem",
            "diem tieu chuan",
            "diem theo quy dinh",
            "toi da",
        ],
    },
    FieldSpec {
        field: c::SELF_SCORE,
        synonyms: &[
            "diem tu danh gia",
            "tu danh gia",
            "diem tu cham",
            "tu cham diem",
            "tu cham",
        ],
    },
    FieldSpec {
        field: c::APPRAISED_SCORE,
        synonyms: &[
            "diem tham dinh",
            "tham dinh",
            "diem hoi dong tham dinh",
            "diem sau tham dinh",
            "ket qua tham dinh",
        ],
    },
    FieldSpec {
        field: ACHIEVED,
        synonyms: &["diem dat duoc", "diem dat", "ket qua dat duoc", "diem so"],
    },
    FieldSpec {
        field: c::REASON,
        synonyms: &[
            "ly do",
            "nguyen nhan",
            "ly do tru diem",
            "ly do bi tru diem",
        ],
    },
    FieldSpec {
        field: c::REMEDY,
        synonyms: &[
            "giai phap",
            "giai phap khac phuc",
            "bien phap",
            "bien phap khac phuc",
        ],
    },
    FieldSpec {
        field: c::NOTE,
        synonyms: &["ghi chu"],
    },
    FieldSpec {
        field: c::UNIT,
        synonyms: &["don vi", "co quan", "ten don vi", "ten co quan"],
    },
    FieldSpec {
        field: c::YEAR,
        synonyms: &["nam"],
    },
];

/// The achieved score (điểm đạt được): the score that counts when there is no appraised score.
pub const ACHIEVED: &str = "achieved_score";

const SCORE_FIELDS: [&str; 4] = [c::MAX_SCORE, c::SELF_SCORE, c::APPRAISED_SCORE, ACHIEVED];
const TEXT_FIELDS: [&str; 3] = [c::REASON, c::REMEDY, c::NOTE];
/// Subtotals within this distance of the sum of their children are taken to agree.
const TOLERANCE: f64 = 0.005;

/// Columns of one year group: a band "NĂM 2021" over its score columns, or the whole table.
#[derive(Debug, Clone, Default)]
struct Group {
    year: Option<i32>,
    cols: BTreeMap<&'static str, u32>,
}

/// The mapped columns of one sheet.
#[derive(Debug, Clone)]
struct Mapping {
    code: Option<u32>,
    criterion: u32,
    unit: Option<u32>,
    year: Option<u32>,
    groups: Vec<Group>,
    uses_self_score: bool,
    columns: Vec<ColumnMapping>,
}

fn field_of(col: &HeaderColumn, forced: &HashMap<u32, &'static str>) -> Option<&'static str> {
    if let Some(f) = forced.get(&col.col) {
        return Some(f);
    }
    let leaf = col.leaf_key();
    let whole = strip_years(&fold(&col.path.join(" ")));
    layout::best_field(&leaf, FIELDS)
        .or_else(|| layout::best_field(&whole, FIELDS))
        .map(|s| s.field)
}

/// The field names a profile may use, with their canonical static names.
fn profile_field(name: &str) -> Option<&'static str> {
    FIELDS
        .iter()
        .map(|f| f.field)
        .find(|f| *f == name)
        .or(match name {
            "score" | "achieved" => Some(ACHIEVED),
            _ => None,
        })
}

fn map_columns(
    table: &TableLayout,
    opts: &ImportOptions,
    path: &Path,
    sheet: &str,
) -> Result<Mapping, ImportError> {
    let forced = crate::profile::forced_columns(opts.profile.as_ref(), table, path, profile_field)?;
    let mut columns = Vec::new();
    let mut shared = Group::default();
    let mut banded: BTreeMap<i32, Group> = BTreeMap::new();
    let mut singles: BTreeMap<&'static str, u32> = BTreeMap::new();
    let letter = |col: u32| cchc_model::column_letters(col);
    let ambiguous = |field: &str, a: u32, b: u32| ImportError::AmbiguousColumn {
        path: path.to_owned(),
        sheet: sheet.to_owned(),
        field: field.to_owned(),
        first: letter(a),
        second: letter(b),
    };
    for header in &table.columns {
        let field = field_of(header, &forced);
        let year = header.years().last().copied();
        columns.push(ColumnMapping {
            col: header.col,
            header: header.label(),
            field: field.map(str::to_owned),
            year,
        });
        let Some(field) = field else { continue };
        let is_grouped = SCORE_FIELDS.contains(&field) || TEXT_FIELDS.contains(&field);
        if !is_grouped {
            if let Some(prev) = singles.insert(field, header.col) {
                return Err(ambiguous(field, prev, header.col));
            }
            continue;
        }
        let group = match year {
            Some(y) if SCORE_FIELDS.contains(&field) => banded.entry(y).or_insert_with(|| Group {
                year: Some(y),
                ..Group::default()
            }),
            Some(y) if banded.contains_key(&y) => banded.entry(y).or_default(),
            _ => &mut shared,
        };
        if let Some(prev) = group.cols.insert(field, header.col) {
            return Err(ambiguous(field, prev, header.col));
        }
    }
    let criterion = *singles
        .get(c::CRITERION)
        .ok_or_else(|| ImportError::MissingColumn {
            path: path.to_owned(),
            sheet: sheet.to_owned(),
            field: "criterion".to_owned(),
            expected: "Tên tiêu chí".to_owned(),
        })?;
    // Year-banded groups inherit the columns they lack from the shared ones (one "Điểm tối đa" for all years).
    let groups: Vec<Group> = if banded.is_empty() {
        vec![shared]
    } else {
        banded
            .into_values()
            .map(|mut g| {
                for (field, col) in &shared.cols {
                    g.cols.entry(field).or_insert(*col);
                }
                g
            })
            .collect()
    };
    let mut uses_self_score = false;
    for group in &groups {
        let missing = |field: &str, expected: &str| ImportError::MissingColumn {
            path: path.to_owned(),
            sheet: sheet.to_owned(),
            field: match group.year {
                Some(y) => format!("{field} ({y})"),
                None => field.to_owned(),
            },
            expected: expected.to_owned(),
        };
        if !group.cols.contains_key(c::MAX_SCORE) {
            return Err(missing("max_score", "Điểm tối đa"));
        }
        let has_counted =
            group.cols.contains_key(c::APPRAISED_SCORE) || group.cols.contains_key(ACHIEVED);
        if !has_counted {
            if group.cols.contains_key(c::SELF_SCORE) {
                uses_self_score = true;
            } else {
                return Err(missing("score", "Điểm đạt được"));
            }
        }
    }
    Ok(Mapping {
        code: singles.get(c::CODE).copied(),
        criterion,
        unit: singles.get(c::UNIT).copied(),
        year: singles.get(c::YEAR).copied(),
        groups,
        uses_self_score,
        columns,
    })
}

/// The figures of one row in one year group.
#[derive(Debug, Clone, Default)]
struct Figures {
    max: Option<f64>,
    self_score: Option<f64>,
    appraised: Option<f64>,
    achieved: Option<f64>,
    reason: Option<String>,
    remedy: Option<String>,
    note: Option<String>,
}

impl Figures {
    fn score(&self) -> Option<f64> {
        self.appraised.or(self.achieved).or(self.self_score)
    }

    fn has_numbers(&self) -> bool {
        self.max.is_some()
            || self.self_score.is_some()
            || self.appraised.is_some()
            || self.achieved.is_some()
    }
}

/// A body row that describes an item, before the hierarchy is known.
#[derive(Debug, Clone)]
struct Item {
    row: u32,
    token: Option<String>,
    name: Option<String>,
    year_cell: Option<i32>,
    unit_cell: Option<String>,
    /// One entry per group (same order as `Mapping::groups`); `None` where the group is empty.
    figures: Vec<Option<Figures>>,
    text: String,
    // Resolved later.
    code: String,
    parent: Option<usize>,
    level: i32,
    is_leaf: bool,
}

/// A total row and what it states per group.
#[derive(Debug, Clone)]
struct TotalRow {
    row: u32,
    items_before: usize,
    figures: Vec<Option<Figures>>,
}

/// Reads a numeric cell: `Ok(None)` when empty or "-", a rejection when it is not a number.
fn numeric(
    row: &Row,
    col: u32,
    field: &str,
    header: &str,
    sheet: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Option<f64>, Rejection> {
    let at = CellRef::new(sheet, row.index, col);
    let reject = |reason| Rejection {
        cell: at.clone(),
        reason,
        row_text: row.text(),
    };
    let Some(value) = row.get(col) else {
        return Ok(None);
    };
    let x = match value {
        Value::Number(x) => *x,
        Value::Text(s) => match parse_vn_number(s) {
            Some(Parsed::Number(x)) => x,
            Some(Parsed::AmbiguousThousands(x)) => {
                warnings.push(Warning {
                    cell: Some(at.clone()),
                    kind: WarningKind::AmbiguousThousands {
                        value: s.to_string(),
                    },
                });
                x
            }
            Some(Parsed::None) => return Ok(None),
            None => {
                return Err(reject(RejectReason::NotANumber {
                    column: header.to_owned(),
                    value: s.to_string(),
                }));
            }
        },
        other => {
            return Err(reject(RejectReason::NotANumber {
                column: header.to_owned(),
                value: other.as_text(),
            }));
        }
    };
    if !x.is_finite() {
        return Err(reject(RejectReason::NotANumber {
            column: header.to_owned(),
            value: value.as_text(),
        }));
    }
    if x < 0.0 && field != c::NOTE {
        return Err(reject(RejectReason::Negative {
            column: header.to_owned(),
            value: x,
        }));
    }
    Ok(Some(x))
}

fn text_at(row: &Row, col: Option<u32>) -> Option<String> {
    col.and_then(|c| row.get(c))
        .map(Value::as_text)
        .filter(|s| !s.is_empty())
}

/// Imports the scorecard sheets of an open workbook.
pub(crate) fn import_workbook(
    wb: &mut Workbook,
    source: &SourceFile,
    opts: &ImportOptions,
) -> Result<(Vec<SheetReport>, DataFrame), ImportError> {
    let path = wb.path().to_owned();
    let sheets = crate::sheets_to_read(wb, opts)?;
    let mut reports = Vec::new();
    let mut out = Records::default();
    for sheet in sheets {
        let report = import_sheet(wb, &sheet, source, opts, &mut out)?;
        reports.push(report);
    }
    crate::require_table(&reports, &path, opts)?;
    let frame = out.into_frame().map_err(|e| ImportError::Damaged {
        path,
        detail: e.to_string(),
    })?;
    Ok((reports, frame))
}

fn import_sheet(
    wb: &mut Workbook,
    sheet: &str,
    source: &SourceFile,
    opts: &ImportOptions,
    out: &mut Records,
) -> Result<SheetReport, ImportError> {
    let path = wb.path().to_owned();
    // All rows of a scorecard are kept: the hierarchy is known only once every code has been seen.
    let (rows, table) = crate::whole_sheet(wb, sheet, opts, FIELDS)?;
    let Some(table) = table else {
        return Ok(SheetReport::skipped(sheet, "no scorecard header found"));
    };
    let mapping = match map_columns(&table, opts, &path, sheet) {
        Ok(m) => m,
        Err(ImportError::MissingColumn { .. }) if !crate::table_chosen(opts) => {
            return Ok(SheetReport::skipped(sheet, "no max score or score column"));
        }
        Err(e) => return Err(e),
    };

    let mut report = SheetReport::new(sheet);
    report.layout = Some(table.clone());
    report.columns = mapping.columns.clone();
    let mut warnings = Vec::new();
    if mapping.uses_self_score {
        warnings.push(Warning {
            cell: None,
            kind: WarningKind::SelfScoreUsed,
        });
    }

    // Year and unit of the sheet (rows may override through a year or unit column).
    let band_years: Vec<i32> = mapping.groups.iter().filter_map(|g| g.year).collect();
    let (years, unit) = resolve_context(&table, &mapping, &band_years, opts, &path, sheet)?;
    report.years = years.clone();
    report.unit = unit.clone();

    // Classify every row from the first non-empty one to the last.
    let header_label = |col: u32| {
        mapping
            .columns
            .iter()
            .find(|m| m.col == col)
            .map(|m| m.header.clone())
            .unwrap_or_default()
    };
    let mut outcomes: Vec<(u32, RowOutcome)> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut totals: Vec<TotalRow> = Vec::new();
    let mut preamble = layout::Preamble::new(&table);
    for row in &rows {
        let shape = preamble.structure(row, !items.is_empty(), |blank| {
            outcomes.push((blank, RowOutcome::Structure(StructureKind::Blank)));
        });
        let structure = |kind| (row.index, RowOutcome::Structure(kind));
        let reject = |col: u32, reason| {
            let cell = CellRef::new(sheet, row.index, col);
            (
                row.index,
                RowOutcome::Rejected(Rejection {
                    cell,
                    reason,
                    row_text: row.text(),
                }),
            )
        };
        if let Some(kind) = shape {
            outcomes.push(structure(kind));
            continue;
        }
        // Parse every group's figures; the first bad cell rejects the row.
        let mut figures = Vec::with_capacity(mapping.groups.len());
        let mut rejection = None;
        'groups: for group in &mapping.groups {
            let mut f = Figures::default();
            for (field, col) in &group.cols {
                if TEXT_FIELDS.contains(field) {
                    let text = text_at(row, Some(*col));
                    match *field {
                        c::REASON => f.reason = text,
                        c::REMEDY => f.remedy = text,
                        _ => f.note = text,
                    }
                    continue;
                }
                match numeric(row, *col, field, &header_label(*col), sheet, &mut warnings) {
                    Ok(None) => {}
                    Ok(Some(x)) => match *field {
                        c::MAX_SCORE => f.max = Some(x),
                        c::SELF_SCORE => f.self_score = Some(x),
                        c::APPRAISED_SCORE => f.appraised = Some(x),
                        _ => f.achieved = Some(x),
                    },
                    Err(r) => {
                        rejection = Some(r);
                        break 'groups;
                    }
                }
            }
            figures.push(f.has_numbers().then_some(f));
        }
        let token = mapping
            .code
            .and_then(|col| row.get(col))
            .map(code_token)
            .filter(|t| !t.is_empty());
        let name = text_at(row, Some(mapping.criterion));
        let label = [mapping.code, Some(mapping.criterion)]
            .into_iter()
            .flatten()
            .filter_map(|col| row.get(col))
            .find_map(|v| match v {
                Value::Text(s) => Some(s.clone()),
                _ => None,
            });
        if label.as_deref().is_some_and(layout::is_total_label)
            && token.as_deref().is_none_or(layout::is_total_label)
        {
            totals.push(TotalRow {
                row: row.index,
                items_before: items.len(),
                figures,
            });
            outcomes.push(structure(StructureKind::Total));
            continue;
        }
        if let Some(r) = rejection {
            outcomes.push((row.index, RowOutcome::Rejected(r)));
            continue;
        }
        let has_numbers = figures.iter().any(Option::is_some);
        if token.is_none() && !has_numbers {
            outcomes.push(structure(StructureKind::Section));
            continue;
        }
        if name.is_none() {
            let first_col = row.cells.first().map(|(c, _)| *c).unwrap_or(0);
            outcomes.push(reject(first_col, RejectReason::NoName));
            continue;
        }
        if let (None, Some(code_col)) = (&token, mapping.code) {
            let column = header_label(code_col);
            outcomes.push(reject(code_col, RejectReason::Missing { column }));
            continue;
        }
        let year_cell = match mapping.year.and_then(|col| row.get(col).map(|v| (col, v))) {
            None => None,
            Some((col, v)) => match v.as_text().trim().parse::<i32>() {
                Ok(y) => Some(y),
                Err(_) => {
                    let reason = RejectReason::NotANumber {
                        column: header_label(col),
                        value: v.as_text(),
                    };
                    outcomes.push(reject(col, reason));
                    continue;
                }
            },
        };
        items.push(Item {
            row: row.index,
            token: token.or_else(|| Some(format!("r{}", row.index + 1))),
            name,
            year_cell,
            unit_cell: text_at(row, mapping.unit),
            figures,
            text: row.text(),
            code: String::new(),
            parent: None,
            level: 1,
            is_leaf: true,
        });
        // Placeholder; the outcome of an item row is settled after the hierarchy is resolved.
        outcomes.push((row.index, RowOutcome::Imported));
    }

    resolve_hierarchy(&mut items);
    let settled = settle_items(&items, &mapping, sheet, &mut warnings);
    for (row, outcome) in settled {
        if let Some(slot) = outcomes.iter_mut().find(|(r, _)| *r == row) {
            slot.1 = outcome;
        }
    }
    check_totals(&items, &totals, &outcomes, &mapping, sheet, &mut warnings);

    // Emit records for imported items.
    let imported_rows: Vec<u32> = outcomes
        .iter()
        .filter(|(_, o)| matches!(o, RowOutcome::Imported))
        .map(|(r, _)| *r)
        .collect();
    for item in items.iter().filter(|i| imported_rows.contains(&i.row)) {
        for (g, group) in mapping.groups.iter().enumerate() {
            let figures = item.figures[g]
                .clone()
                .or_else(|| (!item.is_leaf).then(Figures::default));
            let Some(f) = figures else { continue };
            let year = match (item.year_cell, group.year) {
                (Some(y), _) => y,
                (None, Some(y)) => y,
                (None, None) => match years.first() {
                    Some(y) => y.value,
                    None => {
                        return Err(ImportError::NoYear {
                            path: path.clone(),
                            sheet: sheet.to_owned(),
                        });
                    }
                },
            };
            let unit = match (&item.unit_cell, &unit) {
                (Some(u), _) => u.clone(),
                (None, Some(u)) => u.value.clone(),
                (None, None) => {
                    return Err(ImportError::NoUnit {
                        path: path.clone(),
                        sheet: sheet.to_owned(),
                    });
                }
            };
            let parent_code = item.parent.map(|p| items[p].code.clone());
            let mut root = item;
            while let Some(p) = root.parent {
                root = &items[p];
            }
            out.push(Record {
                year,
                unit,
                code: item.code.clone(),
                parent_code,
                field_code: root.code.clone(),
                level: item.level,
                criterion: item.name.clone().unwrap_or_default(),
                max_score: f.max,
                self_score: f.self_score,
                appraised_score: f.appraised,
                score: f.score(),
                is_leaf: item.is_leaf,
                reason: f.reason,
                remedy: f.remedy,
                note: f.note,
                source_sha256: source.sha256.clone(),
                source_file: source.file_name.clone(),
                sheet: sheet.to_owned(),
                row: item.row as i32 + 1,
            });
        }
    }

    for (_, outcome) in &outcomes {
        report.counts.count(outcome);
        match outcome {
            RowOutcome::Structure(kind) => *report.structure.entry(*kind).or_default() += 1,
            RowOutcome::Rejected(r) => report.rejections.push(r.clone()),
            RowOutcome::Imported => {}
        }
    }
    report.warnings = warnings;
    Ok(report)
}

/// Normalises a code cell: "1." → "1", "a)" → "a", 1.0 → "1".
fn code_token(v: &Value) -> String {
    let s = v.as_text();
    s.trim().trim_end_matches(['.', ')']).trim().to_owned()
}

fn is_roman(t: &str) -> bool {
    !t.is_empty() && t.len() <= 5 && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

fn is_dotted(t: &str) -> bool {
    !t.is_empty()
        && t.split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

fn is_letter(t: &str) -> bool {
    let mut chars = t.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_lowercase() || c == 'đ')
}

/// Gives every item its full code, parent, level and leaf flag.
///
/// Dotted codes (`1.2.3`) name their own parent; under Roman numerals (`I`, `1`, `a`) the parent is
/// the nearest item above at the level above, and codes are made unique by joining them: `II.1.a`.
fn resolve_hierarchy(items: &mut [Item]) {
    let roman_scheme = items
        .iter()
        .any(|i| i.token.as_deref().is_some_and(is_roman));
    let mut stack: Vec<usize> = Vec::new();
    let mut by_code: HashMap<String, usize> = HashMap::new();
    for idx in 0..items.len() {
        let token = items[idx].token.clone().unwrap_or_default();
        let numeric_parent_level = |stack: &Vec<usize>, items: &[Item]| {
            stack
                .iter()
                .rev()
                .find(|&&s| !items[s].token.as_deref().is_some_and(is_letter))
                .map(|&s| items[s].level)
        };
        let level = if roman_scheme && is_roman(&token) {
            1
        } else if is_dotted(&token) {
            let dots = token.matches('.').count() as i32;
            if roman_scheme { 2 + dots } else { 1 + dots }
        } else if is_letter(&token) {
            numeric_parent_level(&stack, items).map_or(1, |l| l + 1)
        } else {
            1
        };
        while let Some(&top) = stack.last() {
            if items[top].level >= level {
                stack.pop();
            } else {
                break;
            }
        }
        let parent = if !roman_scheme && is_dotted(&token) && token.contains('.') {
            let parent_code = &token[..token.rfind('.').unwrap_or(0)];
            by_code
                .get(parent_code)
                .copied()
                .or_else(|| stack.last().copied())
        } else {
            stack.last().copied()
        };
        let code = match parent {
            Some(p) if roman_scheme || !is_dotted(&token) => format!("{}.{}", items[p].code, token),
            _ => token.clone(),
        };
        let item = &mut items[idx];
        item.level = level;
        item.parent = parent;
        item.code = code.clone();
        by_code.entry(code).or_insert(idx);
        stack.push(idx);
    }
    let parents: Vec<usize> = items.iter().filter_map(|i| i.parent).collect();
    for p in parents {
        items[p].is_leaf = false;
    }
}

/// Decides each item row's outcome now that leaves are known, then checks parents' subtotals
/// against the children that were imported.
fn settle_items(
    items: &[Item],
    mapping: &Mapping,
    sheet: &str,
    warnings: &mut Vec<Warning>,
) -> Vec<(u32, RowOutcome)> {
    let mut settled: Vec<(u32, RowOutcome)> = Vec::with_capacity(items.len());
    let mut seen: HashMap<(String, Option<i32>, Option<String>), u32> = HashMap::new();
    for item in items {
        let reject = |cell: CellRef, reason| {
            RowOutcome::Rejected(Rejection {
                cell,
                reason,
                row_text: item.text.clone(),
            })
        };
        let key = (item.code.clone(), item.year_cell, item.unit_cell.clone());
        if let Some(first) = seen.get(&key) {
            let cell = CellRef::new(sheet, item.row, mapping.code.unwrap_or(0));
            let first = CellRef::new(sheet, *first, mapping.code.unwrap_or(0)).to_string();
            settled.push((
                item.row,
                reject(
                    cell,
                    RejectReason::DuplicateCode {
                        code: item.code.clone(),
                        first,
                    },
                ),
            ));
            continue;
        }
        seen.insert(key, item.row);
        if !item.is_leaf {
            settled.push((item.row, RowOutcome::Imported));
            continue;
        }
        if item.figures.iter().all(Option::is_none) {
            // A coded heading with neither figures nor children.
            settled.push((item.row, RowOutcome::Structure(StructureKind::Section)));
            continue;
        }
        let mut outcome = RowOutcome::Imported;
        for (g, group) in mapping.groups.iter().enumerate() {
            let Some(f) = &item.figures[g] else { continue };
            let missing = if f.max.is_none() {
                group.cols.get(c::MAX_SCORE).copied()
            } else if f.score().is_none() {
                score_col(group).copied()
            } else {
                None
            };
            if let Some(col) = missing {
                let header = mapping
                    .columns
                    .iter()
                    .find(|m| m.col == col)
                    .map(|m| m.header.clone())
                    .unwrap_or_default();
                outcome = reject(
                    CellRef::new(sheet, item.row, col),
                    RejectReason::Missing { column: header },
                );
                break;
            }
        }
        settled.push((item.row, outcome));
    }
    let valid: Vec<bool> = settled
        .iter()
        .map(|(_, o)| matches!(o, RowOutcome::Imported))
        .collect();
    for (idx, item) in items.iter().enumerate() {
        if !valid[idx] {
            continue;
        }
        for (g, group) in mapping.groups.iter().enumerate() {
            let Some(stated) = &item.figures[g] else {
                continue;
            };
            if item.is_leaf {
                if let (Some(max), Some(score)) = (stated.max, stated.score())
                    && score > max + TOLERANCE
                {
                    warnings.push(Warning {
                        cell: score_col(group).map(|col| CellRef::new(sheet, item.row, *col)),
                        kind: WarningKind::ScoreAboveMax {
                            code: item.code.clone(),
                            score,
                            max_score: max,
                        },
                    });
                }
                continue;
            }
            for (field, get) in [
                (c::MAX_SCORE, max_of as fn(&Figures) -> Option<f64>),
                (c::SCORE, score_of),
            ] {
                let Some(stated_value) = get(stated) else {
                    continue;
                };
                let sum = subtotal(items, &valid, idx, g, get);
                if (stated_value - sum).abs() > TOLERANCE {
                    let col = if field == c::MAX_SCORE {
                        group.cols.get(c::MAX_SCORE)
                    } else {
                        score_col(group)
                    };
                    warnings.push(Warning {
                        cell: Some(CellRef::new(sheet, item.row, col.copied().unwrap_or(0))),
                        kind: WarningKind::ParentMismatch {
                            code: item.code.clone(),
                            column: header_of(mapping, col.copied(), field),
                            stated: stated_value,
                            children: sum,
                        },
                    });
                }
            }
        }
    }
    settled
}

/// The analyst's header of a column, or the field name when the column is unknown.
fn header_of(mapping: &Mapping, col: Option<u32>, field: &str) -> String {
    col.and_then(|col| mapping.columns.iter().find(|m| m.col == col))
        .map(|m| m.header.clone())
        .unwrap_or_else(|| field.to_owned())
}

fn score_of(f: &Figures) -> Option<f64> {
    f.score()
}

fn max_of(f: &Figures) -> Option<f64> {
    f.max
}

fn score_col(group: &Group) -> Option<&u32> {
    group
        .cols
        .get(c::APPRAISED_SCORE)
        .or(group.cols.get(ACHIEVED))
        .or(group.cols.get(c::SELF_SCORE))
}

/// The sum over an item's imported children in group `g`: a leaf child counts its own figure, a
/// parent child the sum of its own children (stated subtotals are checked, never added).
fn subtotal(
    items: &[Item],
    valid: &[bool],
    parent: usize,
    g: usize,
    get: fn(&Figures) -> Option<f64>,
) -> f64 {
    items
        .iter()
        .enumerate()
        .filter(|(i, child)| child.parent == Some(parent) && valid[*i])
        .map(|(i, child)| {
            if child.is_leaf {
                child.figures[g].as_ref().and_then(get).unwrap_or(0.0)
            } else {
                subtotal(items, valid, i, g, get)
            }
        })
        .sum()
}

fn check_totals(
    items: &[Item],
    totals: &[TotalRow],
    outcomes: &[(u32, RowOutcome)],
    mapping: &Mapping,
    sheet: &str,
    warnings: &mut Vec<Warning>,
) {
    let imported = |row: u32| {
        outcomes
            .iter()
            .any(|(r, o)| *r == row && matches!(o, RowOutcome::Imported))
    };
    let mut from = 0;
    for total in totals {
        for (g, group) in mapping.groups.iter().enumerate() {
            let Some(stated) = &total.figures[g] else {
                continue;
            };
            for (field, get, col) in [
                (
                    c::MAX_SCORE,
                    max_of as fn(&Figures) -> Option<f64>,
                    group.cols.get(c::MAX_SCORE),
                ),
                (c::SCORE, score_of, score_col(group)),
            ] {
                let Some(stated_value) = get(stated) else {
                    continue;
                };
                let leaves = |range: std::ops::Range<usize>| -> f64 {
                    items[range]
                        .iter()
                        .filter(|i| i.is_leaf && imported(i.row))
                        .filter_map(|i| i.figures[g].as_ref().and_then(get))
                        .sum()
                };
                let section = leaves(from..total.items_before);
                let grand = leaves(0..total.items_before);
                if (stated_value - section).abs() > TOLERANCE
                    && (stated_value - grand).abs() > TOLERANCE
                {
                    warnings.push(Warning {
                        cell: Some(CellRef::new(sheet, total.row, col.copied().unwrap_or(0))),
                        kind: WarningKind::TotalMismatch {
                            column: header_of(mapping, col.copied(), field),
                            stated: stated_value,
                            computed: grand,
                        },
                    });
                }
            }
        }
        from = total.items_before;
    }
}

type YearsAndUnit = (Vec<Sourced<i32>>, Option<Sourced<String>>);

fn resolve_context(
    table: &TableLayout,
    mapping: &Mapping,
    band_years: &[i32],
    opts: &ImportOptions,
    path: &Path,
    sheet: &str,
) -> Result<YearsAndUnit, ImportError> {
    let flag_year = opts.year.map(|y| Sourced::new(y, "--year")).or_else(|| {
        opts.profile
            .as_ref()
            .and_then(|p| p.year)
            .map(|y| Sourced::new(y, "profile"))
    });
    let sheet_year =
        context::single_year(sheet).map(|y| Sourced::new(y, format!("sheet name \"{sheet}\"")));
    let years: Vec<Sourced<i32>> = if !band_years.is_empty() {
        for other in flag_year.iter().chain(sheet_year.iter()) {
            if let Some(band) = band_years.iter().find(|b| **b != other.value) {
                return Err(ImportError::Conflict(Box::new(crate::Conflict {
                    path: path.to_owned(),
                    sheet: sheet.to_owned(),
                    what: "year",
                    first: other.value.to_string(),
                    first_source: other.source.clone(),
                    second: band.to_string(),
                    second_source: "a header band".to_owned(),
                })));
            }
        }
        band_years
            .iter()
            .map(|y| Sourced::new(*y, format!("header band \"NĂM {y}\"")))
            .collect()
    } else if mapping.year.is_some() && flag_year.is_none() {
        Vec::new()
    } else {
        let strong: Vec<Sourced<i32>> = flag_year.into_iter().chain(sheet_year).collect();
        let weak: Vec<Sourced<i32>> = context::title_year(&table.title_text)
            .map(|y| Sourced::new(y, "title"))
            .into_iter()
            .chain(context::file_year(path).map(|y| Sourced::new(y, "file name")))
            .collect();
        match context::resolve("year", &strong, &weak, path, sheet, |a, b| a == b)? {
            Some(y) => vec![y],
            None if mapping.year.is_some() => Vec::new(),
            None => {
                return Err(ImportError::NoYear {
                    path: path.to_owned(),
                    sheet: sheet.to_owned(),
                });
            }
        }
    };
    let flag_unit = opts
        .unit
        .clone()
        .map(|u| Sourced::new(u, "--unit"))
        .or_else(|| {
            opts.profile
                .as_ref()
                .and_then(|p| p.unit.clone())
                .map(|u| Sourced::new(u, "profile"))
        });
    let title_unit = context::title_unit(&table.title_text).map(|u| Sourced::new(u, "title"));
    let strong: Vec<Sourced<String>> = flag_unit.into_iter().collect();
    let weak: Vec<Sourced<String>> = title_unit.into_iter().collect();
    let unit = if strong.is_empty() && mapping.unit.is_some() {
        None
    } else {
        let all: Vec<Sourced<String>> = strong.iter().chain(weak.iter()).cloned().collect();
        context::resolve("unit", &all, &[], path, sheet, |a, b| fold(a) == fold(b))?
    };
    if unit.is_none() && mapping.unit.is_none() {
        return Err(ImportError::NoUnit {
            path: path.to_owned(),
            sheet: sheet.to_owned(),
        });
    }
    Ok((years, unit))
}

/// One output record.
#[derive(Debug, Clone)]
struct Record {
    year: i32,
    unit: String,
    code: String,
    parent_code: Option<String>,
    field_code: String,
    level: i32,
    criterion: String,
    max_score: Option<f64>,
    self_score: Option<f64>,
    appraised_score: Option<f64>,
    score: Option<f64>,
    is_leaf: bool,
    reason: Option<String>,
    remedy: Option<String>,
    note: Option<String>,
    source_sha256: String,
    source_file: String,
    sheet: String,
    row: i32,
}

#[derive(Default)]
struct Records(Vec<Record>);

impl Records {
    fn push(&mut self, r: Record) {
        self.0.push(r);
    }

    fn into_frame(self) -> polars::prelude::PolarsResult<DataFrame> {
        let r = &self.0;
        macro_rules! col {
            ($name:expr, $field:ident) => {
                Column::new(
                    $name.into(),
                    r.iter().map(|x| x.$field.clone()).collect::<Vec<_>>(),
                )
            };
        }
        DataFrame::new_infer_height(vec![
            col!(c::YEAR, year),
            col!(c::UNIT, unit),
            col!(c::CODE, code),
            col!(c::PARENT_CODE, parent_code),
            col!(c::FIELD_CODE, field_code),
            col!(c::LEVEL, level),
            col!(c::CRITERION, criterion),
            col!(c::MAX_SCORE, max_score),
            col!(c::SELF_SCORE, self_score),
            col!(c::APPRAISED_SCORE, appraised_score),
            col!(c::SCORE, score),
            col!(c::IS_LEAF, is_leaf),
            col!(c::REASON, reason),
            col!(c::REMEDY, remedy),
            col!(c::NOTE, note),
            col!(c::SOURCE_SHA256, source_sha256),
            col!(c::SOURCE_FILE, source_file),
            col!(c::SHEET, sheet),
            col!(c::ROW, row),
        ])
    }
}
