//! What a sheet looks like when no kind reads it: its title lines, its header and a few values of
//! each column, and for each kind the fields it found and the ones it misses. `inspect` prints it
//! so that an analyst learns what to change (or what a profile must name) instead of a bare "no
//! table".

use std::ops::ControlFlow;

use cchc_model::TableKind;
use cchc_model::columns as c;

use super::{KINDS, dossiers, procedures, scorecard, survey};
use crate::cell::{Row, Value};
use crate::error::ImportError;
use crate::table::layout::{self, FieldSpec, HEAD_ROWS, TableLayout};
use crate::table::personal::{self, PersonalKind};
use crate::workbook::Workbook;

/// Values shown per column.
const SAMPLES: usize = 3;

/// One column as seen: its letter index, header and first values.
#[derive(Debug, Clone, PartialEq)]
pub struct SketchColumn {
    /// Zero-based column.
    pub col: u32,
    /// The header text (a merged band and its sub-header joined by " / ").
    pub header: String,
    /// The first values under the header, as text (none for personal data).
    pub samples: Vec<String>,
    /// The personal data the column holds, if any: its values are not shown.
    pub personal: Option<PersonalKind>,
}

/// How well one kind reads a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct KindFit {
    /// The kind.
    pub kind: TableKind,
    /// The fields it recognised among the headers.
    pub found: Vec<&'static str>,
    /// What it needs and did not find; each entry is one field or a choice among several.
    pub missing: Vec<Vec<&'static str>>,
}

/// One sheet as seen.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetSketch {
    /// The sheet's name.
    pub sheet: String,
    /// The text of the lines above the header.
    pub title_lines: Vec<String>,
    /// Zero-based header rows (empty when no header was found).
    pub header_rows: Vec<u32>,
    /// The columns under the header.
    pub columns: Vec<SketchColumn>,
    /// Each kind's fit, the best first.
    pub fits: Vec<KindFit>,
}

/// What each kind needs: every inner list is one need, met by any of its fields.
fn needs(kind: TableKind) -> &'static [&'static [&'static str]] {
    match kind {
        TableKind::Scorecard => &[
            &[c::CRITERION],
            &[c::MAX_SCORE],
            &[c::SCORE, c::SELF_SCORE, c::APPRAISED_SCORE],
        ],
        TableKind::Survey => &[&[c::QUESTION]],
        TableKind::Procedures => &[
            &[c::CODE],
            &[
                c::LEGAL_DAYS,
                c::AGENCIES,
                c::RECEIVED,
                c::RESOLVED,
                c::FEE,
                c::ONLINE_LEVEL,
            ],
        ],
        TableKind::Dossiers => &[&[c::DOSSIER_CODE], &[c::RECEIVED_AT]],
    }
}

fn fields_of(kind: TableKind) -> &'static [FieldSpec] {
    match kind {
        TableKind::Scorecard => scorecard::FIELDS,
        TableKind::Survey => survey::FIELDS,
        TableKind::Procedures => procedures::FIELDS,
        TableKind::Dossiers => dossiers::FIELDS,
    }
}

/// The fields a kind finds among a layout's headers.
fn found(kind: TableKind, table: &TableLayout) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for header in &table.columns {
        let field = match kind {
            TableKind::Survey
                if survey::question_code(header.path.last().map_or("", |s| s)).is_some() =>
            {
                Some(c::QUESTION)
            }
            TableKind::Procedures => procedures::field_of(header),
            _ => layout::best_field(&header.leaf_key(), fields_of(kind)).map(|f| f.field),
        };
        if let Some(f) = field
            && !out.contains(&f)
        {
            out.push(f);
        }
    }
    out
}

/// The first row that looks like a header when no kind's words find one: the first row with
/// at least two text cells and no number, among the first rows.
fn plain_header(head: &[Row]) -> Option<TableLayout> {
    let row = head
        .iter()
        .find(|r| r.cells.len() >= 2 && r.cells.iter().all(|(_, v)| matches!(v, Value::Text(_))))?;
    let title_rows: Vec<&Row> = head.iter().take_while(|r| r.index < row.index).collect();
    Some(TableLayout {
        title_rows: title_rows.iter().map(|r| r.index).collect(),
        title_text: title_rows.iter().map(|r| r.text()).collect(),
        header_rows: vec![row.index],
        column_number_row: None,
        columns: row
            .cells
            .iter()
            .map(|(col, v)| layout::HeaderColumn {
                col: *col,
                path: vec![v.as_text()],
            })
            .collect(),
    })
}

/// Sketches every sheet of a workbook.
pub(crate) fn sketch(wb: &mut Workbook) -> Result<Vec<SheetSketch>, ImportError> {
    let mut out = Vec::new();
    for sheet in wb.sheet_names().to_vec() {
        let mut head: Vec<Row> = Vec::new();
        wb.rows(&sheet, |row| {
            head.push(row);
            if head.len() >= HEAD_ROWS + SAMPLES + 2 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })?;
        let merges = wb.merges(&sheet)?;
        // The layout of the kind that maps most columns, else the first all-text row.
        let layouts: Vec<(TableKind, TableLayout)> = KINDS
            .iter()
            .filter_map(|k| {
                layout::detect(&head, &merges, fields_of(k.kind), None).map(|l| (k.kind, l))
            })
            .collect();
        let table = layouts
            .iter()
            .max_by_key(|(kind, l)| found(*kind, l).len())
            .map(|(_, l)| l.clone())
            .or_else(|| plain_header(&head));
        let Some(table) = table else {
            out.push(SheetSketch {
                sheet,
                title_lines: head.iter().take(5).map(Row::text).collect(),
                header_rows: Vec::new(),
                columns: Vec::new(),
                fits: Vec::new(),
            });
            continue;
        };
        let body: Vec<&Row> = head
            .iter()
            .filter(|r| r.index >= table.body_start())
            .filter(|r| !layout::is_column_number_row(r))
            .collect();
        let columns = table
            .columns
            .iter()
            .map(|h| {
                let values: Vec<&Value> = body.iter().filter_map(|r| r.get(h.col)).collect();
                // Personal data is named, never shown.
                let personal = personal::by_header(&h.label())
                    .or_else(|| personal::by_content(values.iter().copied()));
                SketchColumn {
                    col: h.col,
                    header: h.label(),
                    samples: match personal {
                        Some(_) => Vec::new(),
                        None => values.iter().map(|v| v.as_text()).take(SAMPLES).collect(),
                    },
                    personal,
                }
            })
            .collect();
        let mut fits: Vec<KindFit> = KINDS
            .iter()
            .map(|k| {
                let found = found(k.kind, &table);
                let missing = needs(k.kind)
                    .iter()
                    .filter(|need| !need.iter().any(|f| found.contains(f)))
                    .map(|need| need.to_vec())
                    .collect();
                KindFit {
                    kind: k.kind,
                    found,
                    missing,
                }
            })
            .collect();
        fits.sort_by_key(|f| (f.missing.len(), std::cmp::Reverse(f.found.len())));
        out.push(SheetSketch {
            sheet,
            title_lines: table.title_text.clone(),
            header_rows: table.header_rows.clone(),
            columns,
            fits,
        });
    }
    Ok(out)
}

/// The kind most likely meant: the one meeting the most of its needs on some sheet (then the
/// one finding the most fields); `None` when no kind meets any.
pub(crate) fn likely_kind(sketches: &[SheetSketch]) -> Option<TableKind> {
    sketches
        .iter()
        .flat_map(|s| s.fits.iter())
        .map(|f| (needs(f.kind).len() - f.missing.len(), f.found.len(), f.kind))
        .filter(|(met, _, _)| *met > 0)
        .max_by_key(|(met, found, _)| (*met, *found))
        .map(|(_, _, kind)| kind)
}
