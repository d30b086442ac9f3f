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
    code_text, count_cell, days_cell, fee_cell, is_section_label, limit_cell, online_level,
    optional, section_field,
};
use self::fields::{COUNT_FIELDS, Mapping, STT, agrees, map_columns};
use self::frame::{Attributes, Figures, Record, Registry, StatedRow, Stats};
use crate::cell::{Row, clean};
use crate::error::ImportError;
use crate::table::context::{Given, single_year};
use crate::table::driver::{
    Classified, Header, Mapped, Reading, SheetCtx, SheetKind, read_sheets, send_frame,
};
use crate::table::layout::{self, FieldSpec, TableLayout};
use crate::table::text::fold;
use crate::table::{ImportOptions, SheetReport, Sink, SourceFile};
use crate::workbook::Workbook;

pub(crate) use self::cells::is_procedure_code;
pub(crate) use self::fields::{FIELDS, field_of};

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

/// A cell holding a list, one item per line or per ";" (the portal's "Cơ quan thực hiện"), each
/// item cleaned; empty when the cell is blank.
fn list_of(row: &Row, col: u32) -> Vec<String> {
    let Some(v) = row.get(col) else {
        return Vec::new();
    };
    v.lines()
        .iter()
        .flat_map(|line| line.split(';'))
        .map(|item| clean(item).trim().to_owned())
        .filter(|item| !item.is_empty())
        .collect()
}

/// The cells that name a procedure row: its number (STT), code and name.
struct Labels {
    code_col: u32,
    code: Option<String>,
    name: Option<String>,
    stt: Option<String>,
}

impl Labels {
    fn of(row: &Row, mapping: &Mapping) -> Labels {
        let code_col = mapping.get(c::CODE).unwrap_or(0);
        Labels {
            code_col,
            code: row.get(code_col).map(code_text).filter(|s| !s.is_empty()),
            name: text_of(row, mapping.get(c::NAME)),
            stt: mapping
                .get(STT)
                .and_then(|col| row.get(col))
                .map(|v| v.as_text().trim().to_owned())
                .filter(|s| !s.is_empty()),
        }
    }

    /// The first label with letters in it: what tells a total or a section row.
    fn text_label(&self) -> Option<&str> {
        [&self.stt, &self.code, &self.name]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .find(|s| s.chars().any(char::is_alphabetic))
    }
}

impl Sheet {
    /// A row without a valid procedure code: a total ("Tổng cộng", "Cộng"), a section ("I",
    /// "I. Lĩnh vực Đầu tư", a name without a code or numbering), or a rejection.
    fn without_code(
        &mut self,
        row: &Row,
        labels: Labels,
        figures: Figures,
        bad: Option<(u32, RejectReason)>,
        ctx: &mut SheetCtx<'_>,
    ) -> RowOutcome {
        let label = labels.text_label();
        if label.is_some_and(layout::is_total_label) {
            if bad.is_none() {
                let stated = StatedRow {
                    row: row.index,
                    figures,
                };
                self.check_stated(
                    &stated,
                    &self.rows[self.total_from..],
                    Some(&self.rows[self.section_from..]),
                    ctx,
                );
                self.close_section(ctx);
            }
            self.total_from = self.rows.len();
            self.section_from = self.rows.len();
            return RowOutcome::Structure(StructureKind::Total);
        }
        let stt_is_number = labels
            .stt
            .as_deref()
            .is_some_and(|s| s.chars().all(|c| c.is_ascii_digit() || c == '.'));
        let code = labels.code.as_deref();
        // A row that states what a procedure is (its field, issuer or agencies) is a procedure
        // row without its code, never a section heading.
        let describes = [c::FIELD, c::ISSUER, c::AGENCIES]
            .iter()
            .any(|f| text_of(row, self.mapping.get(f)).is_some());
        let looks_like_section = label.is_some_and(is_section_label)
            || (code.is_none() && !stt_is_number && !figures.has_numbers() && !describes);
        if looks_like_section && code.is_none_or(is_section_label) {
            self.close_section(ctx);
            self.section_from = self.rows.len();
            let text = [labels.stt.as_deref(), code, labels.name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(f) = section_field(&text) {
                self.field = Some(f);
            }
            if bad.is_none() {
                self.open_section = Some(StatedRow {
                    row: row.index,
                    figures,
                });
            }
            return RowOutcome::Structure(StructureKind::Section);
        }
        let column = self.mapping.header(labels.code_col);
        let reason = match labels.code {
            None => RejectReason::Missing { column },
            Some(value) => RejectReason::InvalidCode { column, value },
        };
        ctx.reject(row, labels.code_col, reason)
    }

    /// What the registry says of a row's procedure; a time limit or a count of components that
    /// cannot be read rejects the row, a fee or online level stated as prose is left unknown
    /// with a warning.
    fn attributes(&self, row: &Row, ctx: &mut SheetCtx<'_>) -> Result<Attributes, RowOutcome> {
        let mapping = &self.mapping;
        let limit = match mapping.get(c::LEGAL_DAYS) {
            None => None,
            Some(col) => limit_cell(row.get(col)).map_err(|value| {
                let column = mapping.header(col);
                ctx.reject(row, col, RejectReason::NotANumber { column, value })
            })?,
        };
        let components = match mapping.get(c::COMPONENTS) {
            None => None,
            Some(col) => count_cell(row.get(col)).map_err(|value| {
                let column = mapping.header(col);
                ctx.reject(row, col, RejectReason::NotACount { column, value })
            })?,
        };
        let warnings = &mut ctx.warnings;
        Ok(Attributes {
            limit,
            components,
            issuer: text_of(row, mapping.get(c::ISSUER)),
            agencies: mapping.get(c::AGENCIES).map(|col| list_of(row, col)),
            fee: optional(mapping, row, ctx.sheet, c::FEE, fee_cell, warnings),
            online_level: optional(
                mapping,
                row,
                ctx.sheet,
                c::ONLINE_LEVEL,
                online_level,
                warnings,
            ),
        })
    }

    /// A row's year and unit: its cells, else the sheet's. `Ok(Err(_))` rejects the row.
    fn year_and_unit(
        &self,
        row: &Row,
        ctx: &SheetCtx<'_>,
    ) -> Result<Result<(i32, String), RowOutcome>, ImportError> {
        let mapping = &self.mapping;
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
                    return Ok(Err(ctx.reject(row, col, reason)));
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
        Ok(Ok((year, unit)))
    }
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
            notes: Vec::new(),
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
        let labels = Labels::of(row, &sheet.mapping);
        let code = match &labels.code {
            Some(code) if is_procedure_code(code) => code.clone(),
            _ => return settled(sheet.without_code(row, labels, figures, bad, ctx)),
        };
        if let Some((col, reason)) = bad {
            return settled(ctx.reject(row, col, reason));
        }
        let attributes = match sheet.attributes(row, ctx) {
            Ok(a) => a,
            Err(rejected) => return settled(rejected),
        };
        let (year, unit) = match sheet.year_and_unit(row, ctx)? {
            Ok(found) => found,
            Err(rejected) => return settled(rejected),
        };
        let key = (year, fold(&unit), code.clone());
        if let Some(first) = sheet.seen.get(&key) {
            let reason = RejectReason::DuplicateCode {
                code: code.clone(),
                first: first.to_string(),
            };
            return settled(ctx.reject(row, labels.code_col, reason));
        }
        sheet
            .seen
            .insert(key, CellRef::new(ctx.sheet, row.index, labels.code_col));
        sheet.check_parts(row, &code, &figures, ctx);
        let field = text_of(row, sheet.mapping.get(c::FIELD)).or_else(|| sheet.field.clone());
        let record = Record {
            year,
            unit,
            code,
            name: labels.name,
            field,
        };
        let lineage = (ctx.source, ctx.sheet, row.index);
        if sheet.mapping.has_registry() {
            self.registry.push(&record, &attributes, lineage);
        }
        if sheet.mapping.has_stats() {
            self.stats.push(record, &figures, lineage);
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
    let (stats, registry) = (kind.stats.into_frame(), kind.registry.into_frame());
    send_frame(sink, wb.path(), cchc_model::tables::PROCEDURES, stats)?;
    send_frame(
        sink,
        wb.path(),
        cchc_model::tables::PROCEDURE_REGISTRY,
        registry,
    )?;
    Ok(reports)
}
