//! Dossier logs (sổ theo dõi hồ sơ, Mẫu số 06 of Thông tư 01/2018/TT-VPCP, Mẫu số 07 of Thông
//! tư 03/2025/TT-VPCP) into the canonical `dossiers` table: one row per dossier, with its code,
//! procedure, field, receiving unit, channel, status and dates.
//!
//! Every row with a dossier code and a receipt date is imported (the year is the receipt's); a
//! row without either is rejected with its cell. The same code twice in one file rejects the
//! later row. A date, status or channel that cannot be read refuses that cell only: the row is
//! still imported and counted as received. Personal columns (the applicant's name, address,
//! phone, email) are never read. Rows go to the sink in batches, so a log of millions of rows
//! (CSV, or several workbooks) streams.

mod cells;

use std::borrow::Cow;
use std::collections::HashMap;

use cchc_model::columns as c;
use cchc_model::{CellRef, RejectReason, Rejection, RowOutcome, TableKind, Warning, WarningKind};
use polars::prelude::{
    Column, DataFrame, Int64Chunked, IntoColumn, IntoSeries, NewChunkedArray, StringChunkedBuilder,
    TimeUnit,
};

use crate::cell::{Row, Value};
use crate::error::ImportError;
use crate::table::context::Given;
use crate::table::driver::{
    Classified, Header, Mapped, Reading, SheetCtx, SheetKind, read_sheets, send_frame,
};
use crate::table::layout::{self, FieldSpec, TableLayout};
use crate::table::personal;
use crate::table::{ColumnMapping, ColumnRole, ImportOptions, SheetReport, Sink, SourceFile};
use crate::workbook::Workbook;

/// Rows per batch sent to the sink.
const BATCH_ROWS: usize = 65_536;

/// The header vocabulary of dossier logs, folded.
pub(crate) const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: "stt",
        synonyms: &["stt", "tt", "so tt"],
    },
    FieldSpec {
        field: c::DOSSIER_CODE,
        synonyms: &[
            "ma ho so",
            "so ho so",
            "ma so ho so",
            "ma hs",
            "so bien nhan",
        ],
    },
    FieldSpec {
        field: c::CODE,
        synonyms: &[
            "ma tthc",
            "ma thu tuc",
            "ma thu tuc hanh chinh",
            "ma so tthc",
        ],
    },
    FieldSpec {
        field: c::NAME,
        synonyms: &[
            "ten tthc",
            "ten thu tuc",
            "ten thu tuc hanh chinh",
            "thu tuc hanh chinh",
            "thu tuc",
        ],
    },
    FieldSpec {
        field: c::FIELD,
        synonyms: &["linh vuc", "ten linh vuc"],
    },
    FieldSpec {
        field: c::UNIT,
        synonyms: &[
            "don vi tiep nhan",
            "co quan tiep nhan",
            "co quan chu tri giai quyet",
            "co quan giai quyet",
            "don vi xu ly",
            "don vi",
        ],
    },
    FieldSpec {
        field: c::CHANNEL,
        synonyms: &[
            "kenh",
            "kenh nop",
            "kenh tiep nhan",
            "hinh thuc nop",
            "hinh thuc tiep nhan",
        ],
    },
    FieldSpec {
        field: c::DOSSIER_STATUS,
        synonyms: &["trang thai", "trang thai ho so", "tinh trang"],
    },
    FieldSpec {
        field: c::SUBMITTED_AT,
        synonyms: &["ngay nop", "thoi gian nop", "ngay dang ky"],
    },
    FieldSpec {
        field: c::RECEIVED_AT,
        synonyms: &[
            "ngay tiep nhan",
            "thoi gian tiep nhan",
            "ngay nhan ho so",
            "nhan ho so",
        ],
    },
    FieldSpec {
        field: c::DUE_WRITTEN,
        synonyms: &[
            "ngay hen tra",
            "ngay hen tra ket qua",
            "hen tra ket qua",
            "han xu ly",
            "han giai quyet",
        ],
    },
    FieldSpec {
        field: c::EXTENDED_TO,
        synonyms: &["ngay gia han", "gia han den", "han gia han"],
    },
    FieldSpec {
        field: c::RESOLVED_AT,
        synonyms: &[
            "ngay co ket qua",
            "ngay ket thuc xu ly",
            "ngay xu ly xong",
            "ngay hoan thanh",
            "nhan ket qua",
        ],
    },
    FieldSpec {
        field: c::RETURNED_AT,
        synonyms: &["ngay tra ket qua", "tra ket qua", "ngay tra"],
    },
    FieldSpec {
        field: c::SUPPLEMENT_FROM,
        synonyms: &["ngay yeu cau bo sung", "yeu cau bo sung"],
    },
    FieldSpec {
        field: c::SUPPLEMENT_TO,
        synonyms: &["ngay nhan bo sung", "ngay bo sung", "ngay cong dan bo sung"],
    },
];

/// Personal columns of the logs, folded, beside those `table::personal` knows.
const PERSONAL: &[&str] = &[
    "chu ho so",
    "ten ca nhan, to chuc",
    "ten ca nhan to chuc",
    "ca nhan, to chuc",
    "nguoi nop",
    "nguoi dung ten",
    "dia chi, so dien thoai",
    "so dien thoai",
    "dien thoai",
    "email",
    "dia chi",
    "so cmnd",
    "so cccd",
    "ky nhan",
];

/// The date columns, in the order they are stored.
const DATES: [&str; 8] = c::DOSSIER_DATES;

/// One sheet's columns.
struct Sheet {
    cols: HashMap<&'static str, u32>,
    columns: Vec<ColumnMapping>,
    index: u16,
}

impl Sheet {
    fn get(&self, field: &str) -> Option<u32> {
        self.cols.get(field).copied()
    }

    fn header(&self, col: u32) -> String {
        crate::table::header_at(&self.columns, col)
            .unwrap_or_default()
            .to_owned()
    }
}

/// The text columns of a batch, in the order they are stored (after the year).
const TEXT: [&str; 7] = [
    c::UNIT,
    c::DOSSIER_CODE,
    c::CODE,
    c::NAME,
    c::FIELD,
    c::CHANNEL,
    c::DOSSIER_STATUS,
];
const LINEAGE: [&str; 3] = [c::SOURCE_SHA256, c::SOURCE_FILE, c::SHEET];

/// The rows of a batch, column by column: text appended to string builders (no string per
/// cell), dates as local milliseconds (stored as timestamps) with their precisions packed.
struct Batch {
    year: Vec<i32>,
    text: [StringChunkedBuilder; 7],
    dates: [Vec<Option<i64>>; 8],
    precision: Vec<i32>,
    lineage: [StringChunkedBuilder; 3],
    row: Vec<i32>,
}

impl Batch {
    fn new(capacity: usize) -> Batch {
        let builder = |name: &str| StringChunkedBuilder::new(name.into(), capacity);
        Batch {
            year: Vec::with_capacity(capacity),
            text: TEXT.map(builder),
            dates: DATES.map(|_| Vec::with_capacity(capacity)),
            precision: Vec::with_capacity(capacity),
            lineage: LINEAGE.map(builder),
            row: Vec::with_capacity(capacity),
        }
    }

    fn len(&self) -> usize {
        self.year.len()
    }

    fn into_frame(self) -> polars::prelude::PolarsResult<DataFrame> {
        let mut cols = vec![Column::new(c::YEAR.into(), self.year)];
        let built = |b: StringChunkedBuilder| b.finish().into_series().into_column();
        cols.extend(self.text.into_iter().map(built));
        cols.extend(self.dates.into_iter().zip(DATES).map(|(millis, name)| {
            Int64Chunked::from_iter_options(name.into(), millis.into_iter())
                .into_datetime(TimeUnit::Milliseconds, None)
                .into_series()
                .into_column()
        }));
        cols.push(Column::new(c::DATE_PRECISION.into(), self.precision));
        cols.extend(self.lineage.into_iter().map(built));
        cols.push(Column::new(c::ROW.into(), self.row));
        DataFrame::new_infer_height(cols)
    }
}

/// A dossier-log import: the batch being filled, the codes seen in the file, the sink.
struct Dossiers<'a, 'b> {
    batch: Batch,
    sink: &'a mut Sink<'b>,
    /// Code (as `cchc_model::text::code_key`) → (sheet index, zero-based row) of its first row
    /// in this file.
    seen: HashMap<u128, (u16, u32), foldhash::fast::RandomState>,
    /// The last unit text read and its running-text spelling.
    unit: Option<(String, String)>,
    /// Status and channel texts already read: (field, text, code).
    known: Vec<(String, std::sync::Arc<str>, Option<&'static str>)>,
    sheets: Vec<String>,
    batch_rows: usize,
}

impl Dossiers<'_, '_> {
    fn flush(&mut self, path: &std::path::Path) -> Result<(), ImportError> {
        if self.batch.len() == 0 {
            return Ok(());
        }
        let batch = std::mem::replace(&mut self.batch, Batch::new(self.batch_rows));
        send_frame(
            self.sink,
            path,
            cchc_model::tables::DOSSIERS,
            batch.into_frame(),
        )
    }
}

/// A cell's text (already in its display form: the readers clean it), `None` when blank.
fn text_of(row: &Row, col: Option<u32>) -> Option<Cow<'_, str>> {
    let v = col.and_then(|col| row.get(col))?;
    let text = match v {
        Value::Text(s) => Cow::Borrowed(cells::trimmed(s)),
        other => Cow::Owned(other.as_text().trim().to_owned()),
    };
    (!text.is_empty()).then_some(text)
}

impl SheetKind for Dossiers<'_, '_> {
    type Sheet = Sheet;
    const KIND: TableKind = TableKind::Dossiers;
    const READING: Reading = Reading::Streamed;

    fn fields(&self) -> &'static [FieldSpec] {
        FIELDS
    }

    fn map(
        &mut self,
        table: &TableLayout,
        ctx: &mut SheetCtx<'_>,
    ) -> Result<Header<Sheet>, ImportError> {
        let mut cols = HashMap::new();
        let mut columns = Vec::new();
        let mut hidden = Vec::new();
        for h in &table.columns {
            let key = h.leaf_key();
            let listed = PERSONAL
                .iter()
                .any(|p| key == *p || key.starts_with(&format!("{p} ")));
            let personal = match personal::by_header(&h.label()) {
                Some(kind) => Some(kind),
                None if listed => Some(personal::PersonalKind::Name),
                None => None,
            };
            let field = if personal.is_some() {
                None
            } else {
                layout::best_field(&key, FIELDS).map(|f| f.field)
            };
            if personal.is_some() {
                hidden.push(h.col);
            }
            columns.push(ColumnMapping {
                col: h.col,
                header: h.label(),
                field: match (field, personal) {
                    (_, Some(kind)) => Some(ColumnRole::Personal(kind)),
                    (Some(f), None) => Some(ColumnRole::Field(f)),
                    (None, None) => None,
                },
                year: None,
            });
            if let Some(f) = field
                && let Some(prev) = cols.insert(f, h.col)
            {
                return Err(ImportError::AmbiguousColumn {
                    path: ctx.path.to_owned(),
                    sheet: ctx.sheet.to_owned(),
                    field: f.to_owned(),
                    first: cchc_model::column_letters(prev),
                    second: cchc_model::column_letters(h.col),
                });
            }
        }
        for (field, expected) in [
            (c::DOSSIER_CODE, "Mã hồ sơ"),
            (c::RECEIVED_AT, "Ngày tiếp nhận"),
        ] {
            if !cols.contains_key(field) {
                return Err(ImportError::MissingColumn {
                    path: ctx.path.to_owned(),
                    sheet: ctx.sheet.to_owned(),
                    field: field.to_owned(),
                    expected: expected.to_owned(),
                });
            }
        }
        ctx.hidden = hidden;
        let index = self.sheets.len() as u16;
        self.sheets.push(ctx.sheet.to_owned());
        Ok(Header::Mapped(Mapped {
            notes: Vec::new(),
            columns: columns.clone(),
            given: Given {
                year_column: true,
                unit_column: cols.contains_key(c::UNIT),
                band_years: Vec::new(),
            },
            sheet: Sheet {
                cols,
                columns,
                index,
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
        let code_col = sheet.get(c::DOSSIER_CODE).unwrap_or(0);
        let received_col = sheet.get(c::RECEIVED_AT).unwrap_or(0);
        let code = text_of(row, Some(code_col));
        let received = row.get(received_col).map(|v| (v, cells::moment(v)));
        // A row with a code and a receipt date is a dossier; any other row may be structure (a
        // column-number row, the signature block) before it is refused.
        let (Some(code), Some((_, Some(received)))) = (&code, received) else {
            if let Some(kind) = ctx.body_structure(row, !self.seen.is_empty()) {
                return settled(RowOutcome::Structure(kind));
            }
            let reason = match (&code, received) {
                (None, _) => RejectReason::Missing {
                    column: sheet.header(code_col),
                },
                (Some(_), None) => RejectReason::Missing {
                    column: sheet.header(received_col),
                },
                (Some(_), Some((v, _))) => RejectReason::NotADate {
                    column: sheet.header(received_col),
                    value: v.as_text(),
                },
            };
            let col = if code.is_none() {
                code_col
            } else {
                received_col
            };
            return settled(ctx.reject(row, col, reason));
        };
        // One hash per row: insert, and put the first row back when the code was seen.
        let key = cchc_model::text::code_key(code);
        if let Some((first_sheet, first_row)) = self.seen.insert(key, (sheet.index, row.index)) {
            self.seen.insert(key, (first_sheet, first_row));
            let first = CellRef::new(&self.sheets[first_sheet as usize], first_row, code_col);
            let reason = RejectReason::DuplicateCode {
                code: code.to_string(),
                first: first.to_string(),
            };
            return settled(ctx.reject(row, code_col, reason));
        }
        let unit = match text_of(row, sheet.get(c::UNIT)) {
            Some(u) => match &self.unit {
                Some((raw, spelled)) if raw.as_str() == u.as_ref() => spelled.clone(),
                _ => {
                    let spelled = cchc_model::text::unit_spelling(&u);
                    self.unit = Some((u.to_string(), spelled.clone()));
                    spelled
                }
            },
            None => match &ctx.unit {
                Some(u) => u.value.clone(),
                None => return Err(ctx.no_unit()),
            },
        };
        let mut refuse_cell = |col: u32, reason: RejectReason| {
            ctx.cell_rejections.push(Rejection {
                cell: CellRef::new(ctx.sheet, row.index, col),
                reason,
                row_text: ctx.row_text(row),
            });
        };
        let b = &mut self.batch;
        let mut precision = [None; 8];
        for ((millis, field), written) in b.dates.iter_mut().zip(DATES).zip(&mut precision) {
            if field == c::RECEIVED_AT {
                millis.push(Some(received.millis));
                *written = Some(received.precision);
                continue;
            }
            let Some((col, v)) = sheet
                .get(field)
                .and_then(|col| row.get(col).map(|v| (col, v)))
            else {
                millis.push(None);
                continue;
            };
            match cells::moment(v) {
                Some(stamp) => {
                    millis.push(Some(stamp.millis));
                    *written = Some(stamp.precision);
                }
                None => {
                    millis.push(None);
                    refuse_cell(
                        col,
                        RejectReason::NotADate {
                            column: sheet.header(col),
                            value: v.as_text(),
                        },
                    );
                }
            }
        }
        // A status or channel no system writes is left unknown, with a warning. The few texts a
        // log uses are read once each.
        let known = &mut self.known;
        let mut coded = |field: &str, read: fn(&Value) -> Option<&'static str>| {
            let (col, v) = sheet
                .get(field)
                .and_then(|col| row.get(col).map(|v| (col, v)))?;
            let out = match v {
                Value::Text(t) => match known.iter().find(|(f, k, _)| *f == field && **k == **t) {
                    Some((_, _, out)) => *out,
                    None => {
                        let out = read(v);
                        if known.len() < 64 {
                            known.push((field.to_owned(), t.clone(), out));
                        }
                        out
                    }
                },
                other => read(other),
            };
            if out.is_none() {
                ctx.warnings.push(Warning {
                    cell: Some(CellRef::new(ctx.sheet, row.index, col)),
                    kind: WarningKind::NotRead {
                        column: sheet.header(col),
                        value: v.as_text(),
                    },
                });
            }
            out
        };
        let channel = coded(c::CHANNEL, cells::channel);
        let status = coded(c::DOSSIER_STATUS, cells::status);
        b.precision
            .push(i32::from(cchc_model::stamp::pack(precision)));
        b.year.push(received.year());
        let [
            unit_b,
            code_b,
            procedure_b,
            name_b,
            field_b,
            channel_b,
            status_b,
        ] = &mut b.text;
        unit_b.append_value(&unit);
        code_b.append_value(code.as_ref());
        procedure_b.append_option(text_of(row, sheet.get(c::CODE)));
        name_b.append_option(text_of(row, sheet.get(c::NAME)));
        field_b.append_option(text_of(row, sheet.get(c::FIELD)));
        channel_b.append_option(channel);
        status_b.append_option(status);
        let [sha, file, sheet_name] = &mut b.lineage;
        sha.append_value(&ctx.source.sha256);
        file.append_value(&ctx.source.file_name);
        sheet_name.append_value(ctx.sheet);
        b.row.push(row.index as i32 + 1);
        if self.batch.len() >= self.batch_rows {
            self.flush(ctx.path)?;
        }
        settled(RowOutcome::Imported)
    }

    fn finish_sheet(
        &mut self,
        _sheet: Sheet,
        _ctx: &mut SheetCtx<'_>,
    ) -> Result<Vec<(u32, RowOutcome)>, ImportError> {
        Ok(Vec::new())
    }
}

/// Imports the dossier-log sheets of an open workbook (or CSV file), sending the rows to `sink`
/// in batches.
pub(crate) fn import(
    wb: &mut Workbook,
    source: &SourceFile,
    opts: &ImportOptions,
    sink: &mut Sink<'_>,
) -> Result<Vec<SheetReport>, ImportError> {
    let batch_rows = if opts.batch_rows == 0 {
        BATCH_ROWS
    } else {
        opts.batch_rows
    };
    let mut kind = Dossiers {
        batch: Batch::new(batch_rows),
        sink,
        seen: HashMap::default(),
        unit: None,
        known: Vec::new(),
        sheets: Vec::new(),
        batch_rows,
    };
    let reports = read_sheets(&mut kind, wb, source, opts)?;
    kind.flush(wb.path())?;
    Ok(reports)
}
