//! Satisfaction surveys (SIPAS style) into the long `survey_answers` table and the
//! `survey_respondents` attribute table.
//!
//! One row per respondent: attribute columns (giới tính, độ tuổi, nghề nghiệp, đơn vị, thủ tục đã
//! thực hiện — whatever the sheet has), then one column per question ("Câu 1.2. …"). Answers are
//! 1–5 or the five labels in any case, accents or spacing; a blank is "not answered"; anything else
//! is an invalid answer, refused with its cell while the rest of the respondent is kept. Questions
//! map to elements (yếu tố) through a codebook sheet (Mã câu hỏi | Yếu tố | Nội dung), else through
//! the question number ("Câu 1.2" → element 1) and the five built-in SIPAS elements.

mod answers;
mod batch;
mod index;
mod plan;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::Arc;

use cchc_model::columns as c;
use cchc_model::{CellRef, RejectReason, Rejection, RowOutcome, StructureKind, TableKind};
use polars::prelude::{IdxSize, PlHashMap};

pub(crate) use self::answers::question_code;
use self::answers::{Answer, Codebook, in_scale, parse_answer, read_codebook};
use self::batch::{Answers, BATCH_ANSWERS, Batch, Part};
use self::index::{ColumnIndex, IndexedRow};
use self::plan::{QuestionColumn, timestamp_year};
use crate::cell::{Row, Value};
use crate::error::ImportError;
use crate::table::context::Given;
use crate::table::driver::{Classified, Header, Mapped, Reading, SheetCtx, SheetKind, read_sheets};
use crate::table::layout::{self, FieldSpec, TableLayout};
use crate::table::{ImportOptions, SheetReport, Sink, SkipReason, SourceFile};
use crate::workbook::Workbook;

/// The form-number column (số phiếu): not stored; a respondent is keyed by sheet and row.
const RESPONDENT_NO: &str = "respondent_no";
/// A form tool's timestamp column ("Dấu thời gian"): not stored; a row's year when nothing
/// stronger names it.
const TIMESTAMP: &str = "timestamp";
/// Personal columns: listed so that a form tool's header is found; `table::personal` reads them.
const PERSONAL: &str = "personal";

/// Header vocabulary of surveys (folded). Any other header is a respondent attribute.
pub(crate) const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: RESPONDENT_NO,
        synonyms: &["stt", "tt", "so phieu", "ma phieu", "phieu so"],
    },
    FieldSpec {
        field: c::UNIT,
        synonyms: &["don vi", "co quan", "ten don vi", "don vi giai quyet"],
    },
    FieldSpec {
        field: c::YEAR,
        synonyms: &["nam"],
    },
    FieldSpec {
        field: c::QUESTION,
        synonyms: &["cau"],
    },
    FieldSpec {
        field: TIMESTAMP,
        synonyms: &[
            "dau thoi gian",
            "timestamp",
            "thoi gian gui",
            "thoi gian nop",
            "thoi diem gui",
            "thoi gian tra loi",
            "thoi gian khao sat",
            "ngay gio",
        ],
    },
    FieldSpec {
        field: PERSONAL,
        synonyms: &[
            "email",
            "dia chi email",
            "ho va ten",
            "ho ten",
            "so dien thoai",
            "dien thoai",
            "cccd",
            "cmnd",
            "so cccd",
            "ngay sinh",
        ],
    },
    FieldSpec {
        field: "attribute",
        synonyms: &[
            "gioi tinh",
            "do tuoi",
            "nghe nghiep",
            "thu tuc da thuc hien",
            "trinh do",
            "y kien khac",
            "gop y",
            "kien nghi",
        ],
    },
];

/// A survey import: the batch being filled, the sink it goes to, and the codebook.
struct Survey<'a, 'b> {
    batch: Batch,
    sink: &'a mut Sink<'b>,
    /// The codebook and the sheet it came from ("" when it came from another workbook).
    codebook: Option<(String, Codebook)>,
    /// Answers per batch sent to the sink.
    batch_size: usize,
}

impl Survey<'_, '_> {
    fn flush(&mut self, ctx: &SheetCtx<'_>) -> Result<(), ImportError> {
        self.batch.flush(self.sink).map_err(|e| e.error(ctx.path))
    }
}

/// One sheet of a survey: its question and attribute columns, the codes of the values every
/// answer of the sheet repeats (looked up once), and the respondents read so far.
struct Sheet {
    questions: Vec<QuestionColumn>,
    attribute_cols: Vec<(u32, String)>,
    unit_col: Option<(u32, String)>,
    year_col: Option<(u32, String)>,
    timestamp_col: Option<(u32, String)>,
    question_ids: Vec<IdxSize>,
    element_ids: Vec<IdxSize>,
    scale_ids: Vec<IdxSize>,
    /// valid, blank, invalid.
    status_ids: [IdxSize; 3],
    /// source_sha256, source_file, sheet.
    lineage_ids: [IdxSize; 3],
    attribute_ids: Vec<IdxSize>,
    /// Answers written as text repeat a few labels: each text is read once.
    parsed: PlHashMap<usize, (Arc<str>, Answer)>,
    columns: ColumnIndex,
    respondents_seen: u64,
    respondent_prefix: String,
}

impl SheetKind for Survey<'_, '_> {
    type Sheet = Sheet;
    const KIND: TableKind = TableKind::Survey;
    const READING: Reading = Reading::Streamed;

    fn fields(&self) -> &'static [FieldSpec] {
        FIELDS
    }

    fn skip_sheet(&self, sheet: &str) -> Option<SkipReason> {
        self.codebook
            .as_ref()
            .is_some_and(|(name, _)| name == sheet)
            .then_some(SkipReason::Codebook)
    }

    fn map(
        &mut self,
        table: &TableLayout,
        ctx: &mut SheetCtx<'_>,
    ) -> Result<Header<Sheet>, ImportError> {
        let book = self.codebook.as_ref().map(|(_, b)| b);
        let plan = plan::plan(table, ctx, book)?;
        ctx.hidden = plan.hidden.clone();
        let plan::Plan {
            questions,
            attribute_cols,
            unit_col,
            year_col,
            timestamp_col,
            columns,
            notes,
            ..
        } = plan;
        if questions.is_empty() {
            return Ok(Header::Skip(SkipReason::NoQuestions));
        }
        let batch = &mut self.batch;
        let question_ids = questions
            .iter()
            .map(|q| batch.register(|p| p.answers.question.id(&q.code)))
            .collect();
        let element_ids = questions
            .iter()
            .map(|q| batch.register(|p| p.answers.element.id(&q.element)))
            .collect();
        let scale_ids = questions
            .iter()
            .map(|q| batch.register(|p| p.answers.scale.id(q.scale.as_str())))
            .collect();
        let status_ids = [
            batch.register(|p| p.answers.status.id("valid")),
            batch.register(|p| p.answers.status.id("blank")),
            batch.register(|p| p.answers.status.id("invalid")),
        ];
        let (source, sheet) = (ctx.source, ctx.sheet);
        let lineage_ids = [
            batch.register(|p| p.answers.source_sha256.id(&source.sha256)),
            batch.register(|p| p.answers.source_file.id(&source.file_name)),
            batch.register(|p| p.answers.sheet.id(sheet)),
        ];
        let attribute_ids = attribute_cols
            .iter()
            .map(|(_, name)| batch.register(|p| p.attributes.attribute.id(name)))
            .collect();
        let width = questions
            .iter()
            .map(|q| q.col)
            .chain(attribute_cols.iter().map(|(col, _)| *col))
            .chain(unit_col.as_ref().map(|(col, _)| *col))
            .chain(year_col.as_ref().map(|(col, _)| *col))
            .chain(timestamp_col.as_ref().map(|(col, _)| *col))
            .max()
            .map_or(0, |c| c as usize + 1);
        let sha12: String = source.sha256.chars().take(12).collect();
        Ok(Header::Mapped(Mapped {
            columns,
            given: Given {
                year_column: year_col.is_some() || timestamp_col.is_some(),
                unit_column: unit_col.is_some(),
                band_years: Vec::new(),
            },
            notes,
            sheet: Sheet {
                questions,
                attribute_cols,
                unit_col,
                year_col,
                timestamp_col,
                question_ids,
                element_ids,
                scale_ids,
                status_ids,
                lineage_ids,
                attribute_ids,
                parsed: PlHashMap::default(),
                columns: ColumnIndex::new(width),
                respondents_seen: 0,
                respondent_prefix: format!("{sha12}:{sheet}:"),
            },
        }))
    }

    fn classify(
        &mut self,
        sheet: &mut Sheet,
        row: &Row,
        ctx: &mut SheetCtx<'_>,
    ) -> Result<Classified, ImportError> {
        let structure = |kind| Ok(Classified::Row(RowOutcome::Structure(kind)));
        if ctx.is_signature(row, sheet.respondents_seen > 0) {
            return structure(StructureKind::Signature);
        }
        if let Some((_, Value::Text(first))) = row.cells.first()
            && layout::is_total_label(first)
        {
            return structure(StructureKind::Total);
        }
        let cells = sheet.columns.index(row);
        let has_answers = sheet.questions.iter().any(|q| cells.get(q.col).is_some());
        let has_attributes = sheet
            .attribute_cols
            .iter()
            .any(|(col, _)| cells.get(*col).is_some());
        if !has_answers && !has_attributes {
            return structure(StructureKind::Section);
        }
        let row_year = match sheet
            .year_col
            .as_ref()
            .and_then(|(col, h)| cells.get(*col).map(|v| (*col, h, v)))
        {
            Some((col, header, v)) => match v.as_text().trim().parse::<i32>() {
                Ok(y) => y,
                Err(_) => {
                    let reason = RejectReason::NotANumber {
                        column: header.clone(),
                        value: v.as_text(),
                    };
                    return Ok(Classified::Row(ctx.reject(row, col, reason)));
                }
            },
            None => match (ctx.years.first(), &sheet.timestamp_col) {
                (Some(y), _) => y.value,
                // A form tool's timestamp names the year when nothing stronger does.
                (None, Some((col, header))) => {
                    match cells.get(*col).map(|v| (v, timestamp_year(v))) {
                        Some((_, Some(year))) => year,
                        found => {
                            let reason = match found {
                                Some((v, _)) => RejectReason::NotADate {
                                    column: header.clone(),
                                    value: v.as_text(),
                                },
                                None => RejectReason::Missing {
                                    column: header.clone(),
                                },
                            };
                            return Ok(Classified::Row(ctx.reject(row, *col, reason)));
                        }
                    }
                }
                (None, None) => ctx.sheet_year()?,
            },
        };
        let unit_cell = sheet.unit_col.as_ref().and_then(|(col, _)| cells.get(*col));
        let row_unit: Cow<'_, str> = match (unit_cell, &ctx.unit) {
            (Some(Value::Text(t)), _) => Cow::Borrowed(&**t),
            (Some(v), _) => Cow::Owned(v.as_text()),
            (None, Some(u)) => Cow::Owned(u.value.clone()),
            (None, None) => {
                let (col, column) = sheet.unit_col.clone().unwrap_or_default();
                let reason = RejectReason::Missing { column };
                return Ok(Classified::Row(ctx.reject(row, col, reason)));
            }
        };
        sheet.respondents_seen += 1;
        let mut respondent = String::with_capacity(sheet.respondent_prefix.len() + 8);
        respondent.push_str(&sheet.respondent_prefix);
        let _ = write!(respondent, "{}", row.index + 1);
        let n = sheet.questions.len();
        self.batch.answers += n;
        // A unit read from a cell is found by its text's address after the first time.
        let unit_text = match unit_cell {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        };
        let Part {
            answers,
            attributes,
        } = match unit_text {
            Some(t) => self.batch.part_of(row_year, t),
            None => self.batch.part(row_year, &row_unit),
        };
        let (answer_unit, attribute_unit) = match unit_text {
            Some(t) => (answers.unit.id_of(t), attributes.unit.id_of(t)),
            None => (answers.unit.id(&row_unit), attributes.unit.id(&row_unit)),
        };
        let answer_respondent = answers.respondent.fresh(respondent.clone());
        let attribute_respondent = attributes.respondent.fresh(respondent);
        for ((col, _), attribute) in sheet.attribute_cols.iter().zip(&sheet.attribute_ids) {
            if let Some(v) = cells.get(*col) {
                attributes.year.push(row_year);
                attributes.unit.rows.push(attribute_unit);
                attributes.respondent.rows.push(attribute_respondent);
                attributes.attribute.rows.push(*attribute);
                let value = match v {
                    Value::Text(s) => attributes.value.id_of(s),
                    other => attributes.value.id(&other.as_text()),
                };
                attributes.value.rows.push(value);
            }
        }
        read_answers(
            &sheet.questions,
            &mut sheet.parsed,
            sheet.status_ids,
            &cells,
            row,
            ctx,
            answers,
        );
        // What every answer of the row repeats, at once.
        answers.year.push(row_year);
        answers.row.push(row.index as i32 + 1);
        answers.runs.push(n as u32);
        answers.unit.run(answer_unit, n);
        answers.respondent.run(answer_respondent, n);
        answers.question.rows.extend_from_slice(&sheet.question_ids);
        answers.element.rows.extend_from_slice(&sheet.element_ids);
        answers.scale.rows.extend_from_slice(&sheet.scale_ids);
        answers.source_sha256.run(sheet.lineage_ids[0], n);
        answers.source_file.run(sheet.lineage_ids[1], n);
        answers.sheet.run(sheet.lineage_ids[2], n);
        if self.batch.answers >= self.batch_size {
            self.flush(ctx)?;
        }
        Ok(Classified::Row(RowOutcome::Imported))
    }

    fn finish_sheet(
        &mut self,
        _sheet: Sheet,
        _ctx: &mut SheetCtx<'_>,
    ) -> Result<Vec<(u32, RowOutcome)>, ImportError> {
        Ok(Vec::new())
    }
}

/// Reads a respondent's answers into `answers`: a level 1–5 with status valid, blank, or an
/// invalid answer refused with its cell (the rest of the respondent is kept).
fn read_answers(
    questions: &[QuestionColumn],
    parsed: &mut PlHashMap<usize, (Arc<str>, Answer)>,
    status_ids: [IdxSize; 3],
    cells: &IndexedRow<'_>,
    row: &Row,
    ctx: &mut SheetCtx<'_>,
    answers: &mut Answers,
) {
    for q in questions {
        let value = cells.get(q.col);
        let answer = match value {
            // Keyed by the text's address: a shared string is one allocation for all its
            // cells, and the cache keeps each text it holds alive, so an address is never
            // reused for another text while cached.
            Some(Value::Text(s)) => match parsed.get(&(s.as_ptr() as usize)) {
                Some((_, a)) => *a,
                None => {
                    let a = parse_answer(value);
                    if parsed.len() < 10_000 {
                        parsed.insert(s.as_ptr() as usize, (s.clone(), a));
                    }
                    a
                }
            },
            _ => parse_answer(value),
        };
        let (answer, status) = match in_scale(answer, q.scale) {
            Answer::Level(level, _) => (level, status_ids[0]),
            Answer::Blank => (0, status_ids[1]),
            Answer::Invalid => {
                ctx.cell_rejections.push(Rejection {
                    cell: CellRef::new(ctx.sheet, row.index, q.col),
                    reason: RejectReason::InvalidAnswer {
                        question: q.code.clone(),
                        value: value.map(Value::as_text).unwrap_or_default(),
                        scale: Some(q.scale),
                    },
                    row_text: ctx.row_text(row),
                });
                (0, status_ids[2])
            }
        };
        answers.answer.push(answer);
        answers.status.rows.push(status);
    }
}

/// The codebook: the workbook's own sheet, else the `--codebook` workbook's.
fn codebook(
    wb: &mut Workbook,
    opts: &ImportOptions,
) -> Result<Option<(String, Codebook)>, ImportError> {
    if let Some(own) = read_codebook(wb)? {
        return Ok(Some(own));
    }
    let Some(file) = &opts.codebook else {
        return Ok(None);
    };
    let mut other = Workbook::open(file)?;
    match read_codebook(&mut other)? {
        // The sheet belongs to another file: no sheet of this one is skipped for it.
        Some((_, book)) => Ok(Some((String::new(), book))),
        None => Err(ImportError::NoTable {
            path: file.clone(),
            sheet: None,
        }),
    }
}

/// Imports the survey sheets of an open workbook, sending the rows to `sink` in batches of
/// whole respondents: `survey_answers` (one row per respondent and question) and
/// `survey_respondents` (one row per respondent and attribute).
pub(crate) fn import(
    wb: &mut Workbook,
    source: &SourceFile,
    opts: &ImportOptions,
    sink: &mut Sink<'_>,
) -> Result<Vec<SheetReport>, ImportError> {
    let mut kind = Survey {
        batch: Batch::default(),
        sink,
        codebook: codebook(wb, opts)?,
        batch_size: if opts.batch_rows == 0 {
            BATCH_ANSWERS
        } else {
            opts.batch_rows
        },
    };
    let reports = read_sheets(&mut kind, wb, source, opts)?;
    kind.batch
        .flush(kind.sink)
        .map_err(|e| e.error(wb.path()))?;
    Ok(reports)
}
