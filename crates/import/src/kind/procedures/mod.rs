//! Procedure registries and dossier statistics into the canonical `procedure_registry` and
//! `procedures` frames.
//!
//! One row per administrative procedure (thủ tục hành chính): its code (`1.001234`), name, field
//! (lĩnh vực), and either what the registry says of it (legal time limit, fee, online level,
//! dossier components), or the dossiers of a period (received by channel, carried over, resolved
//! early / on time / late, pending, average actual days), or both. Headers are two-row merged
//! bands ("Số hồ sơ tiếp nhận" over "Tổng số | Trực tuyến | Trực tiếp | BCCI"), fields come as a
//! column or as section rows ("I. Lĩnh vực Đầu tư"), a column-number row may follow the header,
//! and total rows close the table or a section.
//!
//! Nothing is fixed silently: a total or a section subtotal that does not equal its rows, or a
//! row whose parts do not add up to its stated total (received vs the channels), is a warning
//! that names both numbers. "-" means none (0); a blank cell means not reported (null).

mod cells;
mod fields;
mod frame;

use std::collections::HashMap;

use cchc_model::columns as c;
use cchc_model::{
    CellRef, PartsOf, RejectReason, RowOutcome, StructureKind, TableKind, Warning, WarningKind,
};

use self::cells::{
    code_text, count_cell, days_cell, fee_cell, is_section_label, online_level, optional,
    section_field,
};
use self::fields::{COUNT_FIELDS, Mapping, STT, agrees, map_columns};
use self::frame::{Figures, Registry, StatedRow, Stats, frames};
use crate::cell::{Row, clean};
use crate::error::ImportError;
use crate::table::context::{Given, single_year};
use crate::table::driver::{Classified, Header, Mapped, Reading, SheetCtx, SheetKind, read_sheets};
use crate::table::layout::{self, FieldSpec, TableLayout};
use crate::table::text::fold;
use crate::table::{ImportOptions, SheetReport, Sink, SourceFile};
use crate::workbook::Workbook;

pub(crate) use self::cells::is_procedure_code;
pub(crate) use self::fields::FIELDS;

/// A procedure import: the statistics and registry rows of every sheet read so far.
struct Procedures {
    registry: Registry,
    stats: Stats,
}

/// One sheet of procedures: its mapping, the current section's field, the codes seen, and the
/// procedure rows imported so far with where the current section and total began.
struct Sheet {
    mapping: Mapping,
    field: Option<String>,
    seen: HashMap<(i32, String, String), CellRef>,
    rows: Vec<Figures>,
    section_from: usize,
    total_from: usize,
    open_section: Option<StatedRow>,
}

impl Sheet {
    /// Checks the figures a total or section row states against the rows it covers (or, for a
    /// total, against `alt`: a total may close a section or the whole table).
    fn check_stated(
        &self,
        stated: &StatedRow,
        rows: &[Figures],
        alt: Option<&[Figures]>,
        ctx: &mut SheetCtx<'_>,
    ) {
        for (field, col) in COUNT_FIELDS
            .iter()
            .filter_map(|f| self.mapping.get(f).map(|c| (*f, c)))
        {
            let Some(value) = stated.figures.get(field) else {
                continue;
            };
            let sum = |rows: &[Figures]| rows.iter().filter_map(|r| r.get(field)).sum::<i64>();
            let computed = sum(rows);
            let agrees_alt = alt.is_some_and(|a| agrees(value as f64, sum(a) as f64));
            if !agrees(value as f64, computed as f64) && !agrees_alt {
                ctx.warnings.push(Warning {
                    cell: Some(CellRef::new(ctx.sheet, stated.row, col)),
                    kind: WarningKind::TotalMismatch {
                        column: self.mapping.header(col),
                        stated: value as f64,
                        computed: computed as f64,
                    },
                });
            }
        }
    }

    /// Closes the open section, checking its stated figures against its rows.
    fn close_section(&mut self, ctx: &mut SheetCtx<'_>) {
        if let Some(open) = self.open_section.take()
            && open.figures.has_numbers()
        {
            self.check_stated(&open, &self.rows[self.section_from..], None, ctx);
        }
    }

    /// A row's parts against its stated totals (received vs the channels, resolved vs early +
    /// on time + late, pending vs in time + overdue).
    fn check_parts(&self, row: &Row, code: &str, figures: &Figures, ctx: &mut SheetCtx<'_>) {
        for (total, parts, parts_of) in [
            (
                c::RECEIVED,
                &[c::RECEIVED_ONLINE, c::RECEIVED_DIRECT, c::RECEIVED_POSTAL][..],
                PartsOf::Channels,
            ),
            (
                c::RESOLVED,
                &[c::RESOLVED_EARLY, c::RESOLVED_ON_TIME, c::RESOLVED_LATE][..],
                PartsOf::Resolution,
            ),
            (
                c::PENDING,
                &[c::PENDING_IN_TIME, c::PENDING_OVERDUE][..],
                PartsOf::Pending,
            ),
        ] {
            let present: Vec<&str> = parts
                .iter()
                .copied()
                .filter(|p| self.mapping.get(p).is_some())
                .collect();
            let (Some(stated), Some(col)) = (figures.get(total), self.mapping.get(total)) else {
                continue;
            };
            if present.len() < 2 || present.iter().any(|p| figures.get(p).is_none()) {
                continue;
            }
            let sum: i64 = present.iter().filter_map(|p| figures.get(p)).sum();
            if !agrees(stated as f64, sum as f64) {
                ctx.warnings.push(Warning {
                    cell: Some(CellRef::new(ctx.sheet, row.index, col)),
                    kind: WarningKind::PartsMismatch {
                        code: code.to_owned(),
                        column: self.mapping.header(col),
                        stated: stated as f64,
                        parts: sum as f64,
                        parts_of,
                    },
                });
            }
        }
    }
}

/// The figures of a row; the first cell that is not a count (or a number of days) is kept as
/// the row's rejection.
fn figures_of(row: &Row, mapping: &Mapping) -> (Figures, Option<(u32, RejectReason)>) {
    let mut figures = Figures::default();
    let mut bad: Option<(u32, RejectReason)> = None;
    for f in COUNT_FIELDS {
        let Some(col) = mapping.get(f) else { continue };
        match count_cell(row.get(col)) {
            Ok(v) => {
                figures.counts.insert(f, v);
            }
            Err(value) => {
                bad.get_or_insert((
                    col,
                    RejectReason::NotACount {
                        column: mapping.header(col),
                        value,
                    },
                ));
            }
        }
    }
    if let Some(col) = mapping.get(c::ACTUAL_DAYS) {
        match days_cell(row.get(col)) {
            Ok(v) => figures.actual_days = v,
            Err(value) => {
                bad.get_or_insert((
                    col,
                    RejectReason::NotANumber {
                        column: mapping.header(col),
                        value,
                    },
                ));
            }
        }
    }
    (figures, bad)
}

/// A row's cell as trimmed display text, `None` when blank.
fn text_of(row: &Row, col: Option<u32>) -> Option<String> {
    col.and_then(|col| row.get(col))
        .map(|v| clean(&v.as_text()).trim().to_owned())
        .filter(|s| !s.is_empty())
}

impl SheetKind for Procedures {
    type Sheet = Sheet;
    const KIND: TableKind = TableKind::Procedures;
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
        Ok(Header::Mapped(Mapped {
            columns: mapping.columns.clone(),
            given: Given {
                year_column: mapping.get(c::YEAR).is_some(),
                unit_column: mapping.get(c::UNIT).is_some(),
                band_years: Vec::new(),
            },
            sheet: Sheet {
                mapping,
                field: None,
                seen: HashMap::new(),
                rows: Vec::new(),
                section_from: 0,
                total_from: 0,
                open_section: None,
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
        if let Some(kind) = ctx.body_structure(row, !sheet.rows.is_empty()) {
            return settled(RowOutcome::Structure(kind));
        }
        let (figures, bad) = figures_of(row, &sheet.mapping);
        let mapping = &sheet.mapping;
        let code_col = mapping.get(c::CODE).unwrap_or(0);
        let code = row.get(code_col).map(code_text).filter(|s| !s.is_empty());
        let name = text_of(row, mapping.get(c::NAME));
        let stt = mapping
            .get(STT)
            .and_then(|col| row.get(col))
            .map(|v| v.as_text().trim().to_owned())
            .filter(|s| !s.is_empty());
        let label = [stt.clone(), code.clone(), name.clone()]
            .into_iter()
            .flatten()
            .find(|s| s.chars().any(char::is_alphabetic));

        if !code.as_deref().is_some_and(is_procedure_code) {
            // Totals: "Tổng cộng", "Cộng".
            if label.as_deref().is_some_and(layout::is_total_label) {
                if bad.is_none() {
                    let stated = StatedRow {
                        row: row.index,
                        figures,
                    };
                    sheet.check_stated(
                        &stated,
                        &sheet.rows[sheet.total_from..],
                        Some(&sheet.rows[sheet.section_from..]),
                        ctx,
                    );
                    sheet.close_section(ctx);
                }
                sheet.total_from = sheet.rows.len();
                sheet.section_from = sheet.rows.len();
                return settled(RowOutcome::Structure(StructureKind::Total));
            }
            // Sections: "I", "I. Lĩnh vực Đầu tư", a name without a code or numbering.
            let stt_is_number = stt
                .as_deref()
                .is_some_and(|s| s.chars().all(|c| c.is_ascii_digit() || c == '.'));
            let looks_like_section = label.as_deref().is_some_and(is_section_label)
                || (code.is_none() && !stt_is_number && !figures.has_numbers());
            if looks_like_section
                && (code.is_none() || code.as_deref().is_some_and(is_section_label))
            {
                sheet.close_section(ctx);
                sheet.section_from = sheet.rows.len();
                let text = [stt.as_deref(), code.as_deref(), name.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                if let Some(f) = section_field(&text) {
                    sheet.field = Some(f);
                }
                if bad.is_none() {
                    sheet.open_section = Some(StatedRow {
                        row: row.index,
                        figures,
                    });
                }
                return settled(RowOutcome::Structure(StructureKind::Section));
            }
            let column = mapping.header(code_col);
            return settled(match code {
                None => ctx.reject(row, code_col, RejectReason::Missing { column }),
                Some(value) => {
                    ctx.reject(row, code_col, RejectReason::InvalidCode { column, value })
                }
            });
        }
        let code = code.unwrap_or_default();
        if let Some((col, reason)) = bad {
            return settled(ctx.reject(row, col, reason));
        }

        // Registry attributes; a cell that cannot be read rejects the row.
        let legal_days = match mapping.get(c::LEGAL_DAYS) {
            None => None,
            Some(col) => match days_cell(row.get(col)) {
                Ok(v) => v,
                Err(value) => {
                    let column = mapping.header(col);
                    return settled(ctx.reject(
                        row,
                        col,
                        RejectReason::NotANumber { column, value },
                    ));
                }
            },
        };
        let components = match mapping.get(c::COMPONENTS) {
            None => None,
            Some(col) => match count_cell(row.get(col)) {
                Ok(v) => v,
                Err(value) => {
                    let column = mapping.header(col);
                    return settled(ctx.reject(
                        row,
                        col,
                        RejectReason::NotACount { column, value },
                    ));
                }
            },
        };
        // Fees and online levels stated as prose are kept as unknown, with a warning.
        let fee = optional(mapping, row, ctx.sheet, c::FEE, fee_cell, &mut ctx.warnings);
        let level = optional(
            mapping,
            row,
            ctx.sheet,
            c::ONLINE_LEVEL,
            online_level,
            &mut ctx.warnings,
        );

        let year = match mapping
            .get(c::YEAR)
            .and_then(|col| row.get(col).map(|v| (col, v)))
        {
            None => ctx.sheet_year()?,
            Some((col, v)) => match single_year(&v.as_text()) {
                Some(y) => y,
                None => {
                    let reason = RejectReason::NotANumber {
                        column: mapping.header(col),
                        value: v.as_text(),
                    };
                    return settled(ctx.reject(row, col, reason));
                }
            },
        };
        let unit = match text_of(row, mapping.get(c::UNIT)) {
            Some(u) => u,
            None => match &ctx.unit {
                Some(u) => u.value.clone(),
                None => return Err(ctx.no_unit()),
            },
        };
        let key = (year, fold(&unit), code.clone());
        if let Some(first) = sheet.seen.get(&key) {
            let reason = RejectReason::DuplicateCode {
                code: code.clone(),
                first: first.to_string(),
            };
            return settled(ctx.reject(row, code_col, reason));
        }
        sheet
            .seen
            .insert(key, CellRef::new(ctx.sheet, row.index, code_col));
        sheet.check_parts(row, &code, &figures, ctx);

        let mapping = &sheet.mapping;
        let field = text_of(row, mapping.get(c::FIELD)).or_else(|| sheet.field.clone());
        if mapping.has_registry() {
            let r = &mut self.registry;
            r.year.push(year);
            r.unit.push(unit.clone());
            r.code.push(code.clone());
            r.name.push(name.clone());
            r.field.push(field.clone());
            r.legal_days.push(legal_days);
            r.fee.push(fee);
            r.online_level.push(level);
            r.components.push(components);
            r.lineage.push(ctx.source, ctx.sheet, row.index);
        }
        if mapping.has_stats() {
            let s = &mut self.stats;
            s.year.push(year);
            s.unit.push(unit);
            s.code.push(code);
            s.name.push(name);
            s.field.push(field);
            for (i, f) in COUNT_FIELDS.iter().enumerate() {
                s.counts[i].push(figures.get(f));
            }
            s.actual_days.push(figures.actual_days);
            s.lineage.push(ctx.source, ctx.sheet, row.index);
        }
        sheet.rows.push(figures);
        settled(RowOutcome::Imported)
    }

    fn finish_sheet(
        &mut self,
        mut sheet: Sheet,
        ctx: &mut SheetCtx<'_>,
    ) -> Result<Vec<(u32, RowOutcome)>, ImportError> {
        sheet.close_section(ctx);
        Ok(Vec::new())
    }
}

/// Imports the procedure sheets of an open workbook into the `procedures` (statistics) and
/// `procedure_registry` tables, each only for the columns the sheets have.
pub(crate) fn import(
    wb: &mut Workbook,
    source: &SourceFile,
    opts: &ImportOptions,
    sink: &mut Sink<'_>,
) -> Result<Vec<SheetReport>, ImportError> {
    let mut kind = Procedures {
        registry: Registry::default(),
        stats: Stats {
            counts: vec![Vec::new(); COUNT_FIELDS.len()],
            ..Stats::default()
        },
    };
    let reports = read_sheets(&mut kind, wb, source, opts)?;
    let path = wb.path();
    let (stats, registry) =
        frames(kind.stats, kind.registry).map_err(|e| ImportError::Damaged {
            path: path.to_owned(),
            detail: e.to_string(),
        })?;
    let sink_err = |detail| ImportError::Sink {
        path: path.to_owned(),
        detail,
    };
    sink(cchc_model::tables::PROCEDURES, stats.into()).map_err(sink_err)?;
    sink(cchc_model::tables::PROCEDURE_REGISTRY, registry.into()).map_err(sink_err)?;
    Ok(reports)
}
