//! The one sheet driver: every table kind's sheets are read the same way.
//!
//! For each sheet: read its first rows and find the table under the title lines (merged regions
//! read when the header may need them), let the kind map the header ([`SheetKind::map`]), resolve
//! the sheet's year and unit ([`super::context::sheet_year_and_unit`]), then follow the rows in
//! order: blank rows and the rows above the body are structure here; every body row goes to the
//! kind ([`SheetKind::classify`]), which imports it, calls it structure or rejects it with a cell;
//! the kind may settle some rows only once the sheet is read ([`SheetKind::finish_sheet`]). The
//! driver tallies every outcome so that the import contract's counts add up.

use std::ops::ControlFlow;
use std::path::Path;

use cchc_model::{
    CellRef, RejectReason, Rejection, RowOutcome, StructureKind, TableKind, Warning, WarningKind,
};

use super::context::{Given, Sourced, sheet_year_and_unit};
use super::layout::{self, FieldSpec, Preamble, TableLayout};
use super::text::fold;
use super::{ColumnMapping, ImportOptions, SheetReport, SkipReason, SourceFile};
use crate::cell::{Merge, Row, Value};
use crate::error::ImportError;
use crate::workbook::Workbook;

/// How a kind reads a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// All rows kept in memory before they are classified (scorecards, registries: a few
    /// thousand rows; their merged regions are always read).
    Whole,
    /// Rows classified as they are read (surveys of a million rows); merged regions are read
    /// (a second pass over an .xlsx sheet) only when the header may need them.
    Streamed,
}

/// A header a kind has mapped: its per-sheet state and what the report shows.
pub(crate) struct Mapped<S> {
    /// The kind's state for this sheet.
    pub sheet: S,
    /// How each header column was read.
    pub columns: Vec<ColumnMapping>,
    /// What the header says of the year and the unit.
    pub given: Given,
    /// What the analyst should know of how the sheet is read.
    pub notes: Vec<super::SheetNote>,
}

/// What a kind made of a sheet's header.
pub(crate) enum Header<S> {
    /// A table of the kind.
    Mapped(Mapped<S>),
    /// Not a table of the kind.
    Skip(SkipReason),
}

/// What a row became, as the kind tells the driver.
pub(crate) enum Classified {
    /// Settled now.
    Row(RowOutcome),
    /// Imported unless [`SheetKind::finish_sheet`] settles it otherwise (a scorecard item whose
    /// place in the hierarchy is known only once every code has been seen).
    Pending,
}

/// The sheet being read, as the driver hands it to the kind.
pub(crate) struct SheetCtx<'a> {
    /// The workbook's path.
    pub path: &'a Path,
    /// The sheet's name.
    pub sheet: &'a str,
    /// The file's identity, for lineage.
    pub source: &'a SourceFile,
    /// The analyst's options.
    pub opts: &'a ImportOptions,
    /// The sheet's years (empty until resolved, or when a column gives them row by row).
    pub years: Vec<Sourced<i32>>,
    /// The sheet's unit (`None` until resolved, or when a column gives it row by row).
    pub unit: Option<Sourced<String>>,
    /// Warnings, in the order they were seen.
    pub warnings: Vec<Warning>,
    /// Cell-level rejections (the row is still imported), in the order they were seen.
    pub cell_rejections: Vec<Rejection>,
    /// The first rows under the header (at most [`layout::HEAD_ROWS`] rows from the top), for a
    /// kind that tells columns by their content.
    pub samples: &'a [Row],
    /// Columns whose values never reach a message (personal data): a refused row's text leaves
    /// them out.
    pub hidden: Vec<u32>,
    signature: bool,
}

impl SheetCtx<'_> {
    /// A row refused at `col`.
    pub(crate) fn reject(&self, row: &Row, col: u32, reason: RejectReason) -> RowOutcome {
        RowOutcome::Rejected(Rejection {
            cell: CellRef::new(self.sheet, row.index, col),
            reason,
            row_text: self.row_text(row),
        })
    }

    /// A row's text for a rejection, without its hidden (personal) columns.
    pub(crate) fn row_text(&self, row: &Row) -> String {
        if self.hidden.is_empty() {
            return row.text();
        }
        row.cells
            .iter()
            .filter(|(c, _)| !self.hidden.contains(c))
            .map(|(_, v)| v.as_text())
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// The signature block: from its first line (once an item has been seen) to the end.
    pub(crate) fn is_signature(&mut self, row: &Row, items_seen: bool) -> bool {
        if self.signature || (items_seen && layout::is_signature_start(row)) {
            self.signature = true;
        }
        self.signature
    }

    /// The signature block, then a column-number row before any item: the body rows every
    /// table-shaped kind treats alike.
    pub(crate) fn body_structure(&mut self, row: &Row, items_seen: bool) -> Option<StructureKind> {
        if self.is_signature(row, items_seen) {
            return Some(StructureKind::Signature);
        }
        if !items_seen && layout::is_column_number_row(row) {
            return Some(StructureKind::ColumnNumbers);
        }
        None
    }

    /// The sheet's year, for a row without a year of its own.
    pub(crate) fn sheet_year(&self) -> Result<i32, ImportError> {
        self.years
            .first()
            .map(|y| y.value)
            .ok_or_else(|| ImportError::NoYear {
                path: self.path.to_owned(),
                sheet: self.sheet.to_owned(),
            })
    }

    /// The error for a row without a unit in a sheet without one.
    pub(crate) fn no_unit(&self) -> ImportError {
        ImportError::NoUnit {
            path: self.path.to_owned(),
            sheet: self.sheet.to_owned(),
        }
    }
}

/// A kind of table, as the driver reads its sheets: its header vocabulary, how a header maps,
/// how a row is classified, how a sheet is finished.
pub(crate) trait SheetKind {
    /// The kind's state for one sheet (its mapped columns, rows awaiting settlement).
    type Sheet;
    /// The kind.
    const KIND: TableKind;
    /// How the kind's sheets are read.
    const READING: Reading;
    /// The header vocabulary the table is found by.
    fn fields(&self) -> &'static [FieldSpec];
    /// Why a sheet is passed over before it is read (a survey's codebook), if it is.
    fn skip_sheet(&self, _sheet: &str) -> Option<SkipReason> {
        None
    }
    /// Maps the header. A [`ImportError::MissingColumn`] passes the sheet over as
    /// [`SkipReason::MissingColumns`] unless the analyst chose the sheet or its header rows.
    fn map(
        &mut self,
        table: &TableLayout,
        ctx: &mut SheetCtx<'_>,
    ) -> Result<Header<Self::Sheet>, ImportError>;
    /// What a body row is.
    fn classify(
        &mut self,
        sheet: &mut Self::Sheet,
        row: &Row,
        ctx: &mut SheetCtx<'_>,
    ) -> Result<Classified, ImportError>;
    /// Settles the pending rows once every row is read: (row index, outcome) for each row that
    /// is not simply imported.
    fn finish_sheet(
        &mut self,
        sheet: Self::Sheet,
        ctx: &mut SheetCtx<'_>,
    ) -> Result<Vec<(u32, RowOutcome)>, ImportError>;
}

/// Hands a kind's finished frame to the sink: a frame that could not be built is a damaged
/// file, a batch the sink refused a sink error.
pub(crate) fn send_frame(
    sink: &mut super::Sink<'_>,
    path: &Path,
    table: &str,
    frame: polars::prelude::PolarsResult<polars::prelude::DataFrame>,
) -> Result<(), ImportError> {
    let frame = frame.map_err(|e| ImportError::Damaged {
        path: path.to_owned(),
        detail: e.to_string(),
    })?;
    sink(table, frame.into()).map_err(|source| ImportError::Sink {
        path: path.to_owned(),
        source,
    })
}

/// The sheets to read: the one named by `--sheet` or the profile, else all.
pub(crate) fn sheets_to_read(
    wb: &Workbook,
    opts: &ImportOptions,
) -> Result<Vec<String>, ImportError> {
    let wanted = opts
        .sheet
        .clone()
        .or_else(|| opts.profile.as_ref().and_then(|p| p.sheet.clone()));
    match wanted {
        Some(name) => match wb
            .sheet_names()
            .iter()
            .find(|s| **s == name || fold(s) == fold(&name))
        {
            Some(found) => Ok(vec![found.clone()]),
            None => Err(ImportError::SheetNotFound {
                path: wb.path().to_owned(),
                sheet: name,
                available: wb.sheet_names().join(", "),
            }),
        },
        None => Ok(wb.sheet_names().to_vec()),
    }
}

/// Whether the user named the sheet or its header rows: a column missing from it is then an
/// error, not a sign of a sheet of another kind to skip.
fn table_chosen(opts: &ImportOptions) -> bool {
    opts.sheet.is_some()
        || opts
            .profile
            .as_ref()
            .and_then(|p| p.header_rows_zero_based())
            .is_some()
}

/// Reads every sheet to read through `kind`; an error when none held a table of the kind.
pub(crate) fn read_sheets<K: SheetKind>(
    kind: &mut K,
    wb: &mut Workbook,
    source: &SourceFile,
    opts: &ImportOptions,
) -> Result<Vec<SheetReport>, ImportError> {
    let mut reports = Vec::new();
    for sheet in sheets_to_read(wb, opts)? {
        let report = match kind.skip_sheet(&sheet) {
            Some(why) => SheetReport::skipped(&sheet, why),
            None => read_sheet(kind, wb, &sheet, source, opts)?,
        };
        reports.push(report);
    }
    if reports.iter().all(|r| r.skipped.is_some()) {
        return Err(ImportError::NoTable {
            path: wb.path().to_owned(),
            sheet: opts.sheet.clone(),
        });
    }
    Ok(reports)
}

/// Where a row went, in sheet order, for every row that is not simply imported.
enum Slot {
    Settled(RowOutcome),
    Pending,
}

/// The table of a sheet: its first rows (all of them when the kind reads whole sheets), the
/// table found in them, and the merged regions read for it.
fn find_table<K: SheetKind>(
    kind: &K,
    wb: &mut Workbook,
    sheet: &str,
    opts: &ImportOptions,
) -> Result<(Vec<Row>, Option<TableLayout>), ImportError> {
    let forced = opts
        .profile
        .as_ref()
        .and_then(|p| p.header_rows_zero_based());
    let forced = forced.as_deref();
    let mut rows: Vec<Row> = Vec::new();
    let whole = K::READING == Reading::Whole;
    wb.rows(sheet, |row| {
        rows.push(row);
        if whole || rows.len() < layout::HEAD_ROWS {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    })?;
    let head = &rows[..rows.len().min(layout::HEAD_ROWS)];
    let head_rows = head.to_vec();
    if whole {
        let merges = wb.merges(sheet)?;
        let table = layout::detect(head, &merges, kind.fields(), forced);
        return Ok((rows, table));
    }
    // Merge records sit at the end of an .xlsx sheet, so reading them costs a second pass over
    // the whole sheet: a survey of a million rows pays it only when the header may need them
    // (no header found without them, or a text-only row under it that may be a sub-header).
    let plain = layout::detect(head, &[], kind.fields(), forced);
    let sub_header_possible = plain.as_ref().is_none_or(|t| {
        head.iter()
            .find(|r| r.index >= t.body_start())
            .is_some_and(|r| r.cells.iter().all(|(_, v)| matches!(v, Value::Text(_))))
    });
    let merges: Vec<Merge> = if sub_header_possible {
        wb.merges(sheet)?
    } else {
        Vec::new()
    };
    let table = if merges.is_empty() {
        plain
    } else {
        layout::detect(head, &merges, kind.fields(), forced)
    };
    Ok((head_rows, table))
}

/// The title lines of a report's table.
fn report_title(report: &SheetReport) -> Vec<String> {
    report
        .layout
        .as_ref()
        .map(|l| l.title_text.clone())
        .unwrap_or_default()
}

/// Reads one sheet through `kind`.
fn read_sheet<K: SheetKind>(
    kind: &mut K,
    wb: &mut Workbook,
    sheet: &str,
    source: &SourceFile,
    opts: &ImportOptions,
) -> Result<SheetReport, ImportError> {
    let path = wb.path().to_owned();
    let (rows, table) = find_table(kind, wb, sheet, opts)?;
    let Some(table) = table else {
        return Ok(SheetReport::skipped(sheet, SkipReason::NoHeader(K::KIND)));
    };
    let mut ctx = SheetCtx {
        path: &path,
        sheet,
        source,
        opts,
        years: Vec::new(),
        unit: None,
        warnings: Vec::new(),
        cell_rejections: Vec::new(),
        samples: &[],
        hidden: Vec::new(),
        signature: false,
    };
    let body_start = table.body_start();
    let head_end = rows.len().min(layout::HEAD_ROWS);
    ctx.samples = match rows[..head_end].iter().position(|r| r.index >= body_start) {
        Some(first) => &rows[first..head_end],
        None => &[],
    };
    let mapped = match kind.map(&table, &mut ctx) {
        Ok(Header::Mapped(m)) => m,
        Ok(Header::Skip(why)) => return Ok(SheetReport::skipped(sheet, why)),
        Err(ImportError::MissingColumn { .. }) if !table_chosen(opts) => {
            return Ok(SheetReport::skipped(
                sheet,
                SkipReason::MissingColumns(K::KIND),
            ));
        }
        Err(e) => return Err(e),
    };
    let (years, unit) = sheet_year_and_unit(&table, opts, &mapped.given, &path, sheet)?;
    ctx.years = years.clone();
    ctx.unit = unit.clone();
    let mut state = mapped.sheet;

    // Rows other than imported ones, in order (imported rows are only counted: a survey's
    // million of them need no list).
    let mut slots: Vec<(u32, Slot)> = Vec::new();
    let mut imported = 0u64;
    let mut error: Option<ImportError> = None;
    let mut preamble = Preamble::new(&table);
    let mut handle = |row: &Row| -> ControlFlow<()> {
        let above = preamble.step(row.index, |blank| {
            slots.push((
                blank,
                Slot::Settled(RowOutcome::Structure(StructureKind::Blank)),
            ));
        });
        if let Some(kind) = above {
            slots.push((row.index, Slot::Settled(RowOutcome::Structure(kind))));
            return ControlFlow::Continue(());
        }
        match kind.classify(&mut state, row, &mut ctx) {
            Ok(Classified::Row(RowOutcome::Imported)) => imported += 1,
            Ok(Classified::Row(outcome)) => slots.push((row.index, Slot::Settled(outcome))),
            Ok(Classified::Pending) => slots.push((row.index, Slot::Pending)),
            Err(e) => {
                error = Some(e);
                return ControlFlow::Break(());
            }
        }
        ControlFlow::Continue(())
    };
    match K::READING {
        Reading::Whole => {
            for row in &rows {
                if handle(row).is_break() {
                    break;
                }
            }
        }
        Reading::Streamed => wb.rows_lent(sheet, |row| handle(row))?,
    }
    if let Some(e) = error {
        return Err(e);
    }
    for (row, outcome) in kind.finish_sheet(state, &mut ctx)? {
        if let Some(slot) = slots
            .iter_mut()
            .find(|(r, s)| *r == row && matches!(s, Slot::Pending))
        {
            slot.1 = Slot::Settled(outcome);
        }
    }

    let mut report = SheetReport::new(sheet);
    report.columns = mapped.columns;
    report.layout = Some(table);
    report.years = years;
    report.unit = unit;
    report.counts.read += imported;
    report.counts.imported += imported;
    report.rejections = std::mem::take(&mut ctx.cell_rejections);
    for (_, slot) in slots {
        let outcome = match slot {
            Slot::Settled(outcome) => outcome,
            Slot::Pending => RowOutcome::Imported,
        };
        report.counts.count(&outcome);
        match outcome {
            RowOutcome::Structure(kind) => *report.structure.entry(kind).or_default() += 1,
            RowOutcome::Rejected(r) => report.rejections.push(r),
            RowOutcome::Imported => {}
        }
    }
    report.warnings = ctx.warnings;
    report.notes = mapped.notes;
    if mapped.given.unit_column {
        report.publisher = super::context::title_unit(&report_title(&report));
    }
    report.province = super::context::title_province(&report_title(&report));
    report.period = super::context::title_period(&report_title(&report));
    report.decoded = wb.decoded(sheet);
    report
        .warnings
        .extend(wb.strays(sheet).iter().map(|stray| Warning {
            cell: Some(CellRef::new(sheet, stray.row, stray.col)),
            kind: WarningKind::StrayCell { gap: stray.gap },
        }));
    Ok(report)
}
