//! The scorecard's hierarchy: codes `1.2.3` or `I` / `1` / `a` resolved into parents, levels and
//! leaves; each item settled (duplicates, missing figures); parents' subtotals and total rows
//! checked against the leaves below them. Only leaves are ever summed.

use std::collections::HashMap;

use cchc_model::columns as c;
use cchc_model::{
    CellRef, RejectReason, Rejection, RowOutcome, StructureKind, Warning, WarningKind,
};

use super::fields::{ACHIEVED, Group, Mapping, TOLERANCE};
use super::items::{Figures, Item, TotalRow};
use crate::cell::Value;
use crate::table::header_at;

/// Normalises a code cell: "1." → "1", "a)" → "a", 1.0 → "1".
pub(super) fn code_token(v: &Value) -> String {
    let s = v.as_text();
    s.trim().trim_end_matches(['.', ')']).trim().to_owned()
}

pub(super) fn is_roman(t: &str) -> bool {
    !t.is_empty() && t.len() <= 5 && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

pub(super) fn is_dotted(t: &str) -> bool {
    !t.is_empty()
        && t.split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

pub(super) fn is_letter(t: &str) -> bool {
    let mut chars = t.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_lowercase() || c == 'đ')
}

/// Gives every item its full code, parent, level and leaf flag.
///
/// Dotted codes (`1.2.3`) name their own parent; under Roman numerals (`I`, `1`, `a`) the parent is
/// the nearest item above at the level above, and codes are made unique by joining them: `II.1.a`.
pub(super) fn resolve_hierarchy(items: &mut [Item]) {
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
pub(super) fn settle_items(
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
            let Some(Some(f)) = item.figures.get(g) else {
                continue;
            };
            let missing = if f.max.is_none() {
                group.cols.get(c::MAX_SCORE).copied()
            } else if f.score().is_none() {
                score_col(group).copied()
            } else {
                None
            };
            if let Some(col) = missing {
                let header = mapping.header(col);
                outcome = reject(
                    CellRef::new(sheet, item.row, col),
                    RejectReason::Missing { column: header },
                );
                break;
            }
        }
        settled.push((item.row, outcome));
    }
    check_items(items, &settled, mapping, sheet, warnings);
    settled
}

/// Checks the imported items: a leaf's score against its maximum, a parent's stated subtotals
/// against the sum of its imported children.
fn check_items(
    items: &[Item],
    settled: &[(u32, RowOutcome)],
    mapping: &Mapping,
    sheet: &str,
    warnings: &mut Vec<Warning>,
) {
    let valid: Vec<bool> = settled
        .iter()
        .map(|(_, o)| matches!(o, RowOutcome::Imported))
        .collect();
    for (idx, item) in items.iter().enumerate() {
        if !valid[idx] {
            continue;
        }
        for (g, group) in mapping.groups.iter().enumerate() {
            let Some(Some(stated)) = item.figures.get(g) else {
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
}

/// The analyst's header of a column, or the field name when the column is unknown.
pub(super) fn header_of(mapping: &Mapping, col: Option<u32>, field: &str) -> String {
    col.and_then(|col| header_at(&mapping.columns, col))
        .unwrap_or(field)
        .to_owned()
}

pub(super) fn score_of(f: &Figures) -> Option<f64> {
    f.score()
}

pub(super) fn max_of(f: &Figures) -> Option<f64> {
    f.max
}

pub(super) fn score_col(group: &Group) -> Option<&u32> {
    group
        .cols
        .get(c::APPRAISED_SCORE)
        .or(group.cols.get(ACHIEVED))
        .or(group.cols.get(c::SELF_SCORE))
}

/// The sum over an item's imported children in group `g`: a leaf child counts its own figure, a
/// parent child the sum of its own children (stated subtotals are checked, never added).
pub(super) fn subtotal(
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
                child
                    .figures
                    .get(g)
                    .and_then(Option::as_ref)
                    .and_then(get)
                    .unwrap_or(0.0)
            } else {
                subtotal(items, valid, i, g, get)
            }
        })
        .sum()
}

pub(super) fn check_totals(
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
            // A total row refused for a bad cell holds the groups read before it only.
            let Some(Some(stated)) = total.figures.get(g) else {
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
                        .filter_map(|i| i.figures.get(g).and_then(Option::as_ref).and_then(get))
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
