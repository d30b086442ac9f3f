//! Satisfaction surveys (SIPAS style) into the long `survey_answers` table and the
//! `survey_respondents` attribute table.
//!
//! One row per respondent: attribute columns (giới tính, độ tuổi, nghề nghiệp, đơn vị, thủ tục đã
//! thực hiện — whatever the sheet has), then one column per question ("Câu 1.2. …"). Answers are
//! 1–5 or the five labels in any case, accents or spacing; a blank is "not answered"; anything else
//! is an invalid answer, refused with its cell while the rest of the respondent is kept. Questions
//! map to elements (yếu tố) through a codebook sheet (Mã câu hỏi | Yếu tố | Nội dung), else through
//! the question number ("Câu 1.2" → element 1) and the five built-in SIPAS elements.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::ControlFlow;
use std::sync::Arc;

use cchc_model::columns as c;
use cchc_model::{
    CellRef, Coded, RejectReason, Rejection, RowOutcome, Rows, RowsColumn, StructureKind,
};
use polars::prelude::{Column, IdxSize, Int32Chunked, IntoColumn, NewChunkedArray, PlHashMap};

use crate::context;
use crate::layout::{self, FieldSpec};
use crate::reader::{Row, Value, Workbook};
use crate::text::{clean, fold};
use crate::{ColumnMapping, ImportError, ImportOptions, SheetReport, Sink, SourceFile};

/// Where each column's cell sits in a row's cells, for the columns a sheet reads: a survey row
/// is looked up some thirty times, and a binary search per lookup cost more than the rest of the
/// row's handling.
struct ColumnIndex {
    /// Per column: the generation that set it and the cell's position.
    slots: Vec<(u32, u32)>,
    generation: u32,
}

/// A row's cells, looked up by column through a [`ColumnIndex`].
struct IndexedRow<'a> {
    row: &'a Row,
    slots: &'a [(u32, u32)],
    generation: u32,
}

impl ColumnIndex {
    fn new(width: usize) -> Self {
        ColumnIndex {
            slots: vec![(0, 0); width],
            generation: 0,
        }
    }

    /// Indexes a row's cells (columns beyond the width are never asked for).
    fn index<'a>(&'a mut self, row: &'a Row) -> IndexedRow<'a> {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            // Wrapped: no slot may look current.
            self.slots.fill((0, 0));
            self.generation = 1;
        }
        for (i, (col, _)) in row.cells.iter().enumerate() {
            if let Some(slot) = self.slots.get_mut(*col as usize) {
                *slot = (self.generation, i as u32);
            }
        }
        IndexedRow {
            row,
            slots: &self.slots,
            generation: self.generation,
        }
    }
}

impl<'a> IndexedRow<'a> {
    fn get(&self, col: u32) -> Option<&'a Value> {
        match self.slots.get(col as usize) {
            Some((g, i)) if *g == self.generation => self.row.cells.get(*i as usize).map(|c| &c.1),
            _ => None,
        }
    }
}

/// The five SIPAS elements (yếu tố), in the order of the question numbers.
pub const SIPAS_ELEMENTS: [&str; 5] = [
    "Tiếp cận dịch vụ",
    "Thủ tục hành chính",
    "Công chức trực tiếp giải quyết",
    "Kết quả dịch vụ",
    "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
];

/// Folded answer labels and their levels.
const LABELS: [(&str, i32); 5] = [
    ("rat khong hai long", 1),
    ("khong hai long", 2),
    ("binh thuong", 3),
    ("hai long", 4),
    ("rat hai long", 5),
];

/// Header vocabulary of surveys (folded). Any other header is a respondent attribute.
pub const FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: "respondent_no",
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
        field: "attribute",
        synonyms: &[
            "gioi tinh",
            "do tuoi",
            "nghe nghiep",
            "thu tuc da thuc hien",
            "trinh do",
        ],
    },
];

/// The code of a question header: "Câu 1.2. Nội dung" → "1.2"; "Câu 3: …" → "3".
pub fn question_code(header: &str) -> Option<String> {
    let key = fold(header);
    let rest = key.strip_prefix("cau")?.trim_start();
    let code: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let code = code.trim_end_matches('.').to_owned();
    (!code.is_empty() && code.starts_with(|c: char| c.is_ascii_digit())).then_some(code)
}

/// One answer cell, read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// A level from 1 (rất không hài lòng) to 5 (rất hài lòng).
    Level(i32),
    /// Not answered.
    Blank,
    /// Neither 1–5 nor one of the five labels.
    Invalid,
}

/// Reads an answer cell: a number 1–5, its text, or one of the five labels.
pub fn parse_answer(value: Option<&Value>) -> Answer {
    match value {
        None => Answer::Blank,
        Some(Value::Number(x)) if x.fract() == 0.0 && (1.0..=5.0).contains(x) => {
            Answer::Level(*x as i32)
        }
        Some(Value::Text(s)) => {
            let key = fold(s);
            let key = key.trim_end_matches('.');
            if let Ok(n) = key.parse::<i32>()
                && (1..=5).contains(&n)
            {
                return Answer::Level(n);
            }
            LABELS
                .iter()
                .find(|(label, _)| *label == key)
                .map_or(Answer::Invalid, |(_, level)| Answer::Level(*level))
        }
        Some(_) => Answer::Invalid,
    }
}

/// A question column.
#[derive(Debug, Clone)]
struct QuestionColumn {
    col: u32,
    code: String,
}

/// The codebook: question code → element name.
pub type Codebook = HashMap<String, String>;

/// Reads a codebook sheet (Mã câu hỏi | Yếu tố | …) if the workbook has one.
fn read_codebook(wb: &mut Workbook) -> Result<Option<(String, Codebook)>, ImportError> {
    for sheet in wb.sheet_names().to_vec() {
        let mut rows = Vec::new();
        wb.rows(&sheet, |row| {
            rows.push(row);
            if rows.len() > 2000 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })?;
        let Some(header_pos) = rows.iter().take(layout::HEAD_ROWS).position(|r| {
            let keys: Vec<String> = r.cells.iter().map(|(_, v)| fold(&v.as_text())).collect();
            keys.iter()
                .any(|k| k.starts_with("ma cau hoi") || k == "ma cau")
                && keys.iter().any(|k| k.starts_with("yeu to"))
        }) else {
            continue;
        };
        let header = &rows[header_pos];
        let col_of = |pred: &dyn Fn(&str) -> bool| {
            header
                .cells
                .iter()
                .find(|(_, v)| pred(&fold(&v.as_text())))
                .map(|(c, _)| *c)
        };
        let (Some(code_col), Some(element_col)) = (
            col_of(&|k| k.starts_with("ma cau")),
            col_of(&|k| k.starts_with("yeu to")),
        ) else {
            continue;
        };
        let mut book = Codebook::new();
        for row in &rows[header_pos + 1..] {
            let (Some(code), Some(element)) = (row.get(code_col), row.get(element_col)) else {
                continue;
            };
            let code_text = code.as_text();
            let code =
                question_code(&code_text).or_else(|| question_code(&format!("cau {code_text}")));
            if let Some(code) = code {
                book.insert(code, clean(&element.as_text()));
            }
        }
        if !book.is_empty() {
            return Ok(Some((sheet, book)));
        }
    }
    Ok(None)
}

/// The element of a question: from the codebook, else its first number → a SIPAS element.
fn element_of(code: &str, book: Option<&Codebook>) -> String {
    if let Some(e) = book.and_then(|b| b.get(code)) {
        return e.clone();
    }
    let first: usize = code
        .split('.')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    match SIPAS_ELEMENTS.get(first.wrapping_sub(1)) {
        Some(name) => (*name).to_owned(),
        None => format!("Yếu tố {first}"),
    }
}

/// A text column kept as indices into its distinct values until the frame is built: a survey
/// repeats a handful of units, questions and labels millions of times, and one allocation per
/// value would cost more than everything else the import does.
#[derive(Default, Clone)]
struct Interned {
    values: Vec<String>,
    lookup: PlHashMap<String, IdxSize>,
    /// One code per row, or one per run of rows (see `runs`).
    rows: Vec<IdxSize>,
    /// Empty, or how many rows each code of `rows` covers (`Interned::run`).
    runs: Vec<u32>,
}

impl Interned {
    /// The index of a value, added if new.
    fn id(&mut self, v: &str) -> IdxSize {
        if let Some(i) = self.lookup.get(v) {
            return *i;
        }
        let i = self.values.len() as IdxSize;
        self.values.push(v.to_owned());
        self.lookup.insert(v.to_owned(), i);
        i
    }

    /// A value known to be new (a respondent key): no lookup.
    fn fresh(&mut self, v: String) -> IdxSize {
        let i = self.values.len() as IdxSize;
        self.values.push(v);
        i
    }

    fn push(&mut self, v: &str) {
        let i = self.id(v);
        self.rows.push(i);
    }

    /// The rows so far as a coded column, leaving the column empty. With `forget`, the
    /// distinct values go too: for a column whose values never repeat across batches
    /// (respondents).
    fn take_coded(&mut self, name: &str, forget: bool) -> RowsColumn {
        let values = if forget {
            self.lookup.clear();
            std::mem::take(&mut self.values)
        } else {
            self.values.clone()
        };
        RowsColumn::Coded(Coded {
            name: name.into(),
            values,
            codes: refill(&mut self.rows),
            runs: refill(&mut self.runs),
        })
    }

    /// A code standing for `n` consecutive rows. A column takes either runs or single rows.
    fn run(&mut self, id: IdxSize, n: usize) {
        self.rows.push(id);
        self.runs.push(n as u32);
    }
}

/// A batch column's values, leaving room for as many in the next batch (no regrowth by
/// doubling, batch after batch).
fn refill<T>(v: &mut Vec<T>) -> Vec<T> {
    let room = v.len();
    std::mem::replace(v, Vec::with_capacity(room))
}

#[derive(Default, Clone)]
struct Answers {
    /// Per respondent, as are `row` and `runs` (and the runs of unit, respondent, lineage).
    year: Vec<i32>,
    unit: Interned,
    respondent: Interned,
    question: Interned,
    element: Interned,
    /// Per answer: the level 1–5, 0 when not answered.
    answer: Vec<i32>,
    status: Interned,
    source_sha256: Interned,
    source_file: Interned,
    sheet: Interned,
    row: Vec<i32>,
    /// How many answers each respondent has.
    runs: Vec<u32>,
}

#[derive(Default, Clone)]
struct Attributes {
    year: Vec<i32>,
    unit: Interned,
    respondent: Interned,
    attribute: Interned,
    value: Interned,
}

/// The rows of one year and unit in a batch.
#[derive(Default, Clone)]
struct Part {
    answers: Answers,
    attributes: Attributes,
}

/// The rows read since the last flush, kept apart by year and unit so that each goes to its
/// store part without being gathered out of a mixed batch. The values every row of a sheet
/// shares (questions, elements, statuses, lineage, attribute names) are registered in all
/// parts alike, through [`Batch::register`], so that their codes are the same in every part.
#[derive(Default)]
struct Batch {
    /// An empty part holding the shared registrations; new parts start as a copy of it.
    template: Part,
    parts: Vec<Part>,
    /// Part of each unit, per year.
    index: Vec<(i32, PlHashMap<String, usize>)>,
    /// Answers held in all parts.
    answers: usize,
}

impl Batch {
    /// Registers a shared value in every part; its code.
    fn register(&mut self, f: impl Fn(&mut Part) -> IdxSize) -> IdxSize {
        let id = f(&mut self.template);
        for part in &mut self.parts {
            let same = f(part);
            debug_assert_eq!(same, id, "shared codes diverged");
        }
        id
    }

    /// The part of a year and unit.
    fn part(&mut self, year: i32, unit: &str) -> &mut Part {
        let y = match self.index.iter().position(|(y, _)| *y == year) {
            Some(y) => y,
            None => {
                self.index.push((year, PlHashMap::default()));
                self.index.len() - 1
            }
        };
        let units = &mut self.index[y].1;
        let at = match units.get(unit) {
            Some(at) => *at,
            None => {
                self.parts.push(self.template.clone());
                units.insert(unit.to_owned(), self.parts.len() - 1);
                self.parts.len() - 1
            }
        };
        &mut self.parts[at]
    }

    /// Sends every part to the sink and starts afresh.
    fn flush(&mut self, sink: &mut Sink<'_>) -> Result<(), Flush> {
        for part in &mut self.parts {
            flush(&mut part.answers, &mut part.attributes, sink)?;
        }
        self.parts.clear();
        self.index.clear();
        self.answers = 0;
        Ok(())
    }
}

/// Answers are sent to the sink in batches of about this many rows, whole respondents at a time.
const BATCH_ANSWERS: usize = 1 << 19;

/// Why a batch could not be sent.
enum Flush {
    Frame(polars::prelude::PolarsError),
    Sink(String),
}

/// Sends the answers and attributes gathered so far to the sink, as `survey_answers` and
/// `survey_respondents` frames, and empties them (respondent keys are forgotten: a respondent's
/// answers never span two batches).
fn flush(
    answers: &mut Answers,
    attributes: &mut Attributes,
    sink: &mut Sink<'_>,
) -> Result<(), Flush> {
    if answers.year.is_empty() && attributes.year.is_empty() {
        return Ok(());
    }
    let a = answers;
    let plain = |name: &str, values: Vec<i32>| RowsColumn::Plain(Column::new(name.into(), values));
    let runs = refill(&mut a.runs);
    let answers = refill(&mut a.answer);
    let answer = Int32Chunked::from_iter_options(
        c::ANSWER.into(),
        answers.iter().map(|x| (*x != 0).then_some(*x)),
    );
    drop(answers);
    let rows = Rows::new(vec![
        RowsColumn::Runs {
            column: Column::new(c::YEAR.into(), refill(&mut a.year)),
            runs: runs.clone(),
        },
        a.unit.take_coded(c::UNIT, false),
        a.respondent.take_coded(c::RESPONDENT, true),
        a.question.take_coded(c::QUESTION, false),
        a.element.take_coded(c::ELEMENT, false),
        RowsColumn::Plain(answer.into_column()),
        a.status.take_coded(c::STATUS, false),
        a.source_sha256.take_coded(c::SOURCE_SHA256, false),
        a.source_file.take_coded(c::SOURCE_FILE, false),
        a.sheet.take_coded(c::SHEET, false),
        RowsColumn::Runs {
            column: Column::new(c::ROW.into(), refill(&mut a.row)),
            runs,
        },
    ])
    .map_err(Flush::Frame)?;
    sink("survey_answers", rows).map_err(Flush::Sink)?;
    let t = attributes;
    let rows = Rows::new(vec![
        plain(c::YEAR, refill(&mut t.year)),
        t.unit.take_coded(c::UNIT, false),
        t.respondent.take_coded(c::RESPONDENT, true),
        t.attribute.take_coded(c::ATTRIBUTE, false),
        t.value.take_coded(c::VALUE, false),
    ])
    .map_err(Flush::Frame)?;
    sink("survey_respondents", rows).map_err(Flush::Sink)
}

/// Imports the survey sheets of an open workbook, sending the rows to `sink` in batches.
pub(crate) fn import_workbook(
    wb: &mut Workbook,
    source: &SourceFile,
    opts: &ImportOptions,
    sink: &mut Sink<'_>,
) -> Result<Vec<SheetReport>, ImportError> {
    let path = wb.path().to_owned();
    let codebook = match read_codebook(wb)? {
        Some(own) => Some(own),
        None => match &opts.codebook {
            Some(file) => {
                let mut other = Workbook::open(file)?;
                match read_codebook(&mut other)? {
                    // The sheet belongs to another file: no sheet of this one is skipped for it.
                    Some((_, book)) => Some((String::new(), book)),
                    None => {
                        return Err(ImportError::NoTable {
                            path: file.clone(),
                            sheet: None,
                        });
                    }
                }
            }
            None => None,
        },
    };
    let sheets = crate::sheets_to_read(wb, opts)?;
    let mut batch = Batch::default();
    let mut reports = Vec::new();
    for sheet in sheets {
        if codebook.as_ref().is_some_and(|(name, _)| *name == sheet) {
            reports.push(SheetReport::skipped(
                &sheet,
                "codebook (Mã câu hỏi | Yếu tố)",
            ));
            continue;
        }
        let book = codebook.as_ref().map(|(_, b)| b);
        let report = import_sheet(wb, &sheet, source, opts, book, &mut batch, sink)?;
        reports.push(report);
    }
    crate::require_table(&reports, &path, opts)?;
    let damaged = |e: polars::prelude::PolarsError| ImportError::Damaged {
        path: path.clone(),
        detail: e.to_string(),
    };
    batch.flush(sink).map_err(|detail| match detail {
        Flush::Frame(e) => damaged(e),
        Flush::Sink(detail) => ImportError::Sink {
            path: path.clone(),
            detail,
        },
    })?;
    Ok(reports)
}

#[allow(clippy::too_many_arguments)]
fn import_sheet(
    wb: &mut Workbook,
    sheet: &str,
    source: &SourceFile,
    opts: &ImportOptions,
    book: Option<&Codebook>,
    batch: &mut Batch,
    sink: &mut Sink<'_>,
) -> Result<SheetReport, ImportError> {
    let path = wb.path().to_owned();
    let forced_header = opts
        .profile
        .as_ref()
        .and_then(|p| p.header_rows_zero_based());
    let mut head: Vec<Row> = Vec::new();
    wb.rows(sheet, |row| {
        head.push(row);
        if head.len() >= layout::HEAD_ROWS {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })?;
    // Merge records sit at the end of an .xlsx sheet, so reading them costs a second pass over
    // the whole sheet: a survey of a million rows pays it only when the header may need them
    // (no header found without them, or a text-only row under it that may be a sub-header).
    let plain = layout::detect(&head, &[], FIELDS, forced_header.as_deref());
    let sub_header_possible = plain.as_ref().is_none_or(|t| {
        head.iter()
            .find(|r| r.index >= t.body_start())
            .is_some_and(|r| r.cells.iter().all(|(_, v)| matches!(v, Value::Text(_))))
    });
    let merges = if sub_header_possible {
        wb.merges(sheet)?
    } else {
        Vec::new()
    };
    let table = if merges.is_empty() {
        plain
    } else {
        layout::detect(&head, &merges, FIELDS, forced_header.as_deref())
    };
    let Some(table) = table else {
        return Ok(SheetReport::skipped(sheet, "no survey header found"));
    };
    let mut report = SheetReport::new(sheet);
    let mut questions: Vec<QuestionColumn> = Vec::new();
    let mut attribute_cols: Vec<(u32, String)> = Vec::new();
    let (mut unit_col, mut year_col) = (None, None);
    for header in &table.columns {
        let label = header.label();
        let leaf = header.path.last().cloned().unwrap_or_default();
        let field = if let Some(code) = question_code(&leaf) {
            questions.push(QuestionColumn {
                col: header.col,
                code: code.clone(),
            });
            format!("question {code} ({})", element_of(&code, book))
        } else {
            match layout::best_field(&header.leaf_key(), FIELDS).map(|f| f.field) {
                Some(c::UNIT) => {
                    unit_col = Some(header.col);
                    c::UNIT.to_owned()
                }
                Some(c::YEAR) => {
                    year_col = Some(header.col);
                    c::YEAR.to_owned()
                }
                // The form number: the respondent is keyed by sheet and row instead.
                Some("respondent_no") => "respondent_no".to_owned(),
                _ => {
                    attribute_cols.push((header.col, clean(&leaf)));
                    format!("attribute \"{}\"", clean(&leaf))
                }
            }
        };
        report.columns.push(ColumnMapping {
            col: header.col,
            header: label,
            field: Some(field),
            year: None,
        });
    }
    if questions.is_empty() {
        return Ok(SheetReport::skipped(
            sheet,
            "no question columns (\"Câu 1.1 …\")",
        ));
    }
    let (years, unit) = context::sheet_year_and_unit(
        &table,
        opts,
        year_col.is_some(),
        unit_col.is_some(),
        &path,
        sheet,
    )?;
    report.layout = Some(table.clone());
    report.years = years.clone();
    report.unit = unit.clone();

    let sha12: String = source.sha256.chars().take(12).collect();
    let respondent_prefix = format!("{sha12}:{sheet}:");
    // Ids of the values every answer of this sheet repeats, looked up once.
    let question_ids: Vec<IdxSize> = questions
        .iter()
        .map(|q| batch.register(|p| p.answers.question.id(&q.code)))
        .collect();
    let element_ids: Vec<IdxSize> = questions
        .iter()
        .map(|q| {
            let element = element_of(&q.code, book);
            batch.register(|p| p.answers.element.id(&element))
        })
        .collect();
    let status_ids = [
        batch.register(|p| p.answers.status.id("valid")),
        batch.register(|p| p.answers.status.id("blank")),
        batch.register(|p| p.answers.status.id("invalid")),
    ];
    let lineage_ids = (
        batch.register(|p| p.answers.source_sha256.id(&source.sha256)),
        batch.register(|p| p.answers.source_file.id(&source.file_name)),
        batch.register(|p| p.answers.sheet.id(sheet)),
    );
    let attribute_ids: Vec<IdxSize> = attribute_cols
        .iter()
        .map(|(_, name)| batch.register(|p| p.attributes.attribute.id(name)))
        .collect();
    // Answers written as text repeat a few labels: each text is read once.
    let mut parsed: PlHashMap<usize, (Arc<str>, Answer)> = PlHashMap::default();
    let mut preamble = layout::Preamble::new(&table);
    let batch_size = if opts.batch_rows == 0 {
        BATCH_ANSWERS
    } else {
        opts.batch_rows
    };
    let width = questions
        .iter()
        .map(|q| q.col)
        .chain(attribute_cols.iter().map(|(col, _)| *col))
        .chain(unit_col)
        .chain(year_col)
        .max()
        .map_or(0, |c| c as usize + 1);
    let mut columns = ColumnIndex::new(width);
    let mut signature = false;
    let mut respondents_seen = 0u64;
    // Rows other than imported ones, in order (imported rows are only counted: a million of
    // them need no list).
    let mut outcomes: Vec<RowOutcome> = Vec::new();
    let mut imported_rows = 0u64;
    let mut error: Option<ImportError> = None;
    wb.rows(sheet, |row| {
        let above = preamble.step(row.index, |_| {
            outcomes.push(RowOutcome::Structure(StructureKind::Blank))
        });
        if let Some(kind) = above {
            outcomes.push(RowOutcome::Structure(kind));
            return ControlFlow::Continue(());
        }
        if signature || (respondents_seen > 0 && layout::is_signature_start(&row)) {
            signature = true;
            outcomes.push(RowOutcome::Structure(StructureKind::Signature));
            return ControlFlow::Continue(());
        }
        if let Some((_, Value::Text(first))) = row.cells.first()
            && layout::is_total_label(first)
        {
            outcomes.push(RowOutcome::Structure(StructureKind::Total));
            return ControlFlow::Continue(());
        }
        let cells = columns.index(&row);
        let has_answers = questions.iter().any(|q| cells.get(q.col).is_some());
        let has_attributes = attribute_cols
            .iter()
            .any(|(col, _)| cells.get(*col).is_some());
        if !has_answers && !has_attributes {
            outcomes.push(RowOutcome::Structure(StructureKind::Section));
            return ControlFlow::Continue(());
        }
        let row_year = match year_col.and_then(|col| cells.get(col)) {
            Some(v) => match v.as_text().trim().parse::<i32>() {
                Ok(y) => y,
                Err(_) => {
                    let col = year_col.unwrap_or(0);
                    outcomes.push(RowOutcome::Rejected(Rejection {
                        cell: CellRef::new(sheet, row.index, col),
                        reason: RejectReason::NotANumber {
                            column: "Năm".into(),
                            value: v.as_text(),
                        },
                        row_text: row.text(),
                    }));
                    return ControlFlow::Continue(());
                }
            },
            None => match years.first() {
                Some(y) => y.value,
                None => {
                    error = Some(ImportError::NoYear {
                        path: path.clone(),
                        sheet: sheet.to_owned(),
                    });
                    return ControlFlow::Break(());
                }
            },
        };
        let row_unit: Cow<'_, str> = match (unit_col.and_then(|col| cells.get(col)), &unit) {
            (Some(Value::Text(t)), _) => Cow::Borrowed(&**t),
            (Some(v), _) => Cow::Owned(v.as_text()),
            (None, Some(u)) => Cow::Borrowed(u.value.as_str()),
            (None, None) => {
                let col = unit_col.unwrap_or(0);
                outcomes.push(RowOutcome::Rejected(Rejection {
                    cell: CellRef::new(sheet, row.index, col),
                    reason: RejectReason::Missing {
                        column: "Đơn vị".into(),
                    },
                    row_text: row.text(),
                }));
                return ControlFlow::Continue(());
            }
        };
        respondents_seen += 1;
        let mut respondent = String::with_capacity(respondent_prefix.len() + 8);
        respondent.push_str(&respondent_prefix);
        let _ = write!(respondent, "{}", row.index + 1);
        let n = questions.len();
        batch.answers += n;
        let Part {
            answers,
            attributes,
        } = batch.part(row_year, &row_unit);
        let answer_unit = answers.unit.id(&row_unit);
        let attribute_unit = attributes.unit.id(&row_unit);
        let answer_respondent = answers.respondent.fresh(respondent.clone());
        let attribute_respondent = attributes.respondent.fresh(respondent);
        for ((col, _), attribute) in attribute_cols.iter().zip(&attribute_ids) {
            if let Some(v) = cells.get(*col) {
                attributes.year.push(row_year);
                attributes.unit.rows.push(attribute_unit);
                attributes.respondent.rows.push(attribute_respondent);
                attributes.attribute.rows.push(*attribute);
                match v {
                    Value::Text(s) => attributes.value.push(s),
                    other => attributes.value.push(&other.as_text()),
                }
            }
        }
        for q in &questions {
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
            let (answer, status) = match answer {
                Answer::Level(level) => (Some(level), status_ids[0]),
                Answer::Blank => (None, status_ids[1]),
                Answer::Invalid => {
                    report.rejections.push(Rejection {
                        cell: CellRef::new(sheet, row.index, q.col),
                        reason: RejectReason::InvalidAnswer {
                            question: q.code.clone(),
                            value: value.map(Value::as_text).unwrap_or_default(),
                        },
                        row_text: row.text(),
                    });
                    (None, status_ids[2])
                }
            };
            answers.answer.push(answer.unwrap_or(0));
            answers.status.rows.push(status);
        }
        // What every answer of the row repeats, at once.
        answers.year.push(row_year);
        answers.row.push(row.index as i32 + 1);
        answers.runs.push(n as u32);
        answers.unit.run(answer_unit, n);
        answers.respondent.run(answer_respondent, n);
        answers.question.rows.extend_from_slice(&question_ids);
        answers.element.rows.extend_from_slice(&element_ids);
        answers.source_sha256.run(lineage_ids.0, n);
        answers.source_file.run(lineage_ids.1, n);
        answers.sheet.run(lineage_ids.2, n);
        imported_rows += 1;
        if batch.answers >= batch_size
            && let Err(e) = batch.flush(sink)
        {
            error = Some(match e {
                Flush::Frame(e) => ImportError::Damaged {
                    path: path.clone(),
                    detail: e.to_string(),
                },
                Flush::Sink(detail) => ImportError::Sink {
                    path: path.clone(),
                    detail,
                },
            });
            return ControlFlow::Break(());
        }
        ControlFlow::Continue(())
    })?;
    if let Some(e) = error {
        return Err(e);
    }
    report.counts.read += imported_rows;
    report.counts.imported += imported_rows;
    for outcome in &outcomes {
        report.counts.count(outcome);
        match outcome {
            RowOutcome::Structure(kind) => *report.structure.entry(*kind).or_default() += 1,
            RowOutcome::Rejected(r) => report.rejections.push(r.clone()),
            RowOutcome::Imported => {}
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_index_finds_this_rows_cells_only() {
        let row = |cells: Vec<(u32, f64)>| Row {
            index: 0,
            cells: cells
                .into_iter()
                .map(|(c, x)| (c, Value::Number(x)))
                .collect(),
        };
        let mut columns = ColumnIndex::new(4);
        let first = row(vec![(0, 1.0), (2, 3.0), (5, 6.0)]);
        let cells = columns.index(&first);
        assert_eq!(cells.get(2), Some(&Value::Number(3.0)));
        assert_eq!(cells.get(0), Some(&Value::Number(1.0)));
        assert_eq!(cells.get(1), None);
        assert_eq!(cells.get(5), None); // beyond the columns the sheet reads
        // The next row does not see the previous row's cells.
        let second = row(vec![(1, 2.0)]);
        let cells = columns.index(&second);
        assert_eq!(cells.get(2), None);
        assert_eq!(cells.get(1), Some(&Value::Number(2.0)));
    }

    #[test]
    fn question_codes_come_from_headers() {
        assert_eq!(
            question_code("Câu 1.2. Nơi ngồi chờ").as_deref(),
            Some("1.2")
        );
        assert_eq!(question_code("CÂU 3: Thái độ").as_deref(), Some("3"));
        assert_eq!(question_code("Câu hỏi khác"), None);
        assert_eq!(question_code("Giới tính"), None);
    }

    #[test]
    fn answers_are_levels_or_labels_in_any_case_and_accent() {
        let text = |s: &str| Value::Text(s.into());
        assert_eq!(parse_answer(Some(&Value::Number(4.0))), Answer::Level(4));
        assert_eq!(parse_answer(Some(&text("Rất hài lòng"))), Answer::Level(5));
        assert_eq!(
            parse_answer(Some(&text("RAT  KHONG HAI LONG"))),
            Answer::Level(1)
        );
        assert_eq!(parse_answer(Some(&text("bình thường"))), Answer::Level(3));
        assert_eq!(parse_answer(Some(&text("2"))), Answer::Level(2));
        assert_eq!(parse_answer(None), Answer::Blank);
        for bad in ["6", "x", "?", "0", "Hài lòng lắm"] {
            assert_eq!(parse_answer(Some(&text(bad))), Answer::Invalid, "{bad}");
        }
        assert_eq!(parse_answer(Some(&Value::Number(4.5))), Answer::Invalid);
    }

    #[test]
    fn elements_come_from_the_codebook_or_the_question_number() {
        let mut book = Codebook::new();
        book.insert("1.1".into(), "Tiếp cận".into());
        assert_eq!(element_of("1.1", Some(&book)), "Tiếp cận");
        assert_eq!(
            element_of("3.2", Some(&book)),
            "Công chức trực tiếp giải quyết"
        );
        assert_eq!(element_of("7.1", None), "Yếu tố 7");
    }
}
