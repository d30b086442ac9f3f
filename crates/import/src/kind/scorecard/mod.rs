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

mod fields;
mod hierarchy;
mod items;
mod records;
mod wide;

use cchc_model::columns as c;
use cchc_model::{RejectReason, RowOutcome, StructureKind, TableKind, Warning, WarningKind};

use self::fields::{Mapping, TEXT_FIELDS, map_columns};
use self::hierarchy::{check_totals, code_token, resolve_hierarchy, settle_items};
use self::items::{Figures, Item, TotalRow, numeric, text_at};
use self::records::{Record, Records};
use crate::cell::{Row, Value};
use crate::error::ImportError;
use crate::table::context::Given;
use crate::table::driver::{
    Classified, Header, Mapped, Reading, SheetCtx, SheetKind, read_sheets, send_frame,
};
use crate::table::layout::{self, FieldSpec, TableLayout};
use crate::table::{ImportOptions, SheetReport, Sink, SourceFile};
use crate::workbook::Workbook;

pub(crate) use self::fields::FIELDS;

/// A scorecard import: the records of every sheet read so far.
#[derive(Default)]
struct Scorecard {
    out: Records,
}

/// One sheet of a scorecard: its mapping, and the item and total rows read so far (all rows of
/// a scorecard are kept: the hierarchy is known only once every code has been seen).
struct Sheet {
    mapping: Mapping,
    items: Vec<Item>,
    totals: Vec<TotalRow>,
}

impl SheetKind for Scorecard {
    type Sheet = Sheet;
    const KIND: TableKind = TableKind::Scorecard;
    const READING: Reading = Reading::Whole;

    fn fields(&self) -> &'static [FieldSpec] {
        FIELDS
    }

    fn map(
        &mut self,
        table: &TableLayout,
        ctx: &mut SheetCtx<'_>,
    ) -> Result<Header<Sheet>, ImportError> {
        let mapping = map_columns(table, ctx)?;
        if mapping.uses_self_score {
            ctx.warnings.push(Warning {
                cell: None,
                kind: WarningKind::SelfScoreUsed,
            });
        }
        let given = Given {
            year_column: mapping.year.is_some(),
            unit_column: mapping.unit.is_some(),
            band_years: mapping.groups.iter().filter_map(|g| g.year).collect(),
        };
        Ok(Header::Mapped(Mapped {
            notes: Vec::new(),
            columns: mapping.columns.clone(),
            given,
            sheet: Sheet {
                mapping,
                items: Vec::new(),
                totals: Vec::new(),
            },
        }))
    }

    fn classify(
        &mut self,
        sheet: &mut Sheet,
        row: &Row,
        ctx: &mut SheetCtx<'_>,
    ) -> Result<Classified, ImportError> {
        let settled = |outcome| Ok(Classified::Row(outcome));
        if let Some(kind) = ctx.body_structure(row, !sheet.items.is_empty()) {
            return settled(RowOutcome::Structure(kind));
        }
        let mapping = &sheet.mapping;
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
                let header = sheet.mapping.header(*col);
                match numeric(row, *col, field, &header, ctx.sheet, &mut ctx.warnings) {
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
            sheet.totals.push(TotalRow {
                row: row.index,
                items_before: sheet.items.len(),
                figures,
            });
            return settled(RowOutcome::Structure(StructureKind::Total));
        }
        if let Some(r) = rejection {
            return settled(RowOutcome::Rejected(r));
        }
        let has_numbers = figures.iter().any(Option::is_some);
        if token.is_none() && !has_numbers {
            return settled(RowOutcome::Structure(StructureKind::Section));
        }
        if name.is_none() {
            let first_col = row.cells.first().map(|(c, _)| *c).unwrap_or(0);
            return settled(ctx.reject(row, first_col, RejectReason::NoName));
        }
        if let (None, Some(code_col)) = (&token, mapping.code) {
            let column = sheet.mapping.header(code_col);
            return settled(ctx.reject(row, code_col, RejectReason::Missing { column }));
        }
        let year_cell = match mapping.year.and_then(|col| row.get(col).map(|v| (col, v))) {
            None => None,
            Some((col, v)) => match v.as_text().trim().parse::<i32>() {
                Ok(y) => Some(y),
                Err(_) => {
                    let reason = RejectReason::NotANumber {
                        column: sheet.mapping.header(col),
                        value: v.as_text(),
                    };
                    return settled(ctx.reject(row, col, reason));
                }
            },
        };
        let unit_cell = text_at(row, mapping.unit);
        sheet.items.push(Item {
            row: row.index,
            token: token.or_else(|| Some(format!("r{}", row.index + 1))),
            name,
            year_cell,
            unit_cell,
            figures,
            text: row.text(),
            code: String::new(),
            parent: None,
            level: 1,
            is_leaf: true,
        });
        // The outcome of an item row is settled once the hierarchy is resolved.
        Ok(Classified::Pending)
    }

    fn finish_sheet(
        &mut self,
        sheet: Sheet,
        ctx: &mut SheetCtx<'_>,
    ) -> Result<Vec<(u32, RowOutcome)>, ImportError> {
        let Sheet {
            mapping,
            mut items,
            totals,
        } = sheet;
        resolve_hierarchy(&mut items);
        let settled = settle_items(&items, &mapping, ctx.sheet, &mut ctx.warnings);
        check_totals(
            &items,
            &totals,
            &settled,
            &mapping,
            ctx.sheet,
            &mut ctx.warnings,
        );
        // Emit records for imported items.
        let imported = |row: u32| {
            settled
                .iter()
                .any(|(r, o)| *r == row && matches!(o, RowOutcome::Imported))
        };
        for item in items.iter().filter(|i| imported(i.row)) {
            for (g, group) in mapping.groups.iter().enumerate() {
                let figures = item
                    .figures
                    .get(g)
                    .cloned()
                    .flatten()
                    .or_else(|| (!item.is_leaf).then(Figures::default));
                let Some(f) = figures else { continue };
                let year = match (item.year_cell, group.year) {
                    (Some(y), _) | (None, Some(y)) => y,
                    (None, None) => ctx.sheet_year()?,
                };
                let unit = match (&item.unit_cell, &ctx.unit) {
                    (Some(u), _) => u.clone(),
                    (None, Some(u)) => u.value.clone(),
                    (None, None) => return Err(ctx.no_unit()),
                };
                let parent_code = item.parent.map(|p| items[p].code.clone());
                let mut root = item;
                while let Some(p) = root.parent {
                    root = &items[p];
                }
                self.out.push(Record {
                    year,
                    unit,
                    peer_group: None,
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
                    source_sha256: ctx.source.sha256.clone(),
                    source_file: ctx.source.file_name.clone(),
                    sheet: ctx.sheet.to_owned(),
                    row: item.row as i32 + 1,
                });
            }
        }
        Ok(settled
            .into_iter()
            .filter(|(_, o)| !matches!(o, RowOutcome::Imported))
            .collect())
    }
}

/// Imports the scorecard sheets of an open workbook into the `scorecard` table.
pub(crate) fn import(
    wb: &mut Workbook,
    source: &SourceFile,
    opts: &ImportOptions,
    sink: &mut Sink<'_>,
) -> Result<Vec<SheetReport>, ImportError> {
    let mut kind = Scorecard::default();
    let itemised = read_sheets(&mut kind, wb, source, opts);
    if itemised
        .as_ref()
        .is_ok_and(|reports| reports.iter().any(|r| r.counts.imported > 0))
    {
        let frame = kind.out.into_frame();
        send_frame(sink, wb.path(), cchc_model::tables::SCORECARD, frame)?;
        return itemised;
    }
    // No sheet reads as one unit's criteria: the wide layout of published results, if it fits.
    let mut wide = wide::Wide::default();
    match read_sheets(&mut wide, wb, source, opts) {
        Ok(reports) if reports.iter().any(|r| r.counts.imported > 0) => {
            let frame = wide.out.into_frame();
            send_frame(sink, wb.path(), cchc_model::tables::SCORECARD, frame)?;
            Ok(reports)
        }
        _ => {
            let reports = itemised?;
            let frame = kind.out.into_frame();
            send_frame(sink, wb.path(), cchc_model::tables::SCORECARD, frame)?;
            Ok(reports)
        }
    }
}
