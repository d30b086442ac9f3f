//! A survey's rows on their way to the sink: text columns held as codes into their distinct
//! values (`Interned`), rows kept apart by year and unit (`Batch`), and what every answer of a
//! respondent repeats held once per respondent as runs.

use cchc_model::columns as c;
use cchc_model::{Coded, Rows, RowsColumn, tables};
use polars::prelude::{Column, IdxSize, Int32Chunked, IntoColumn, NewChunkedArray, PlHashMap};

use std::sync::Arc;

use crate::error::ImportError;
use crate::table::Sink;

/// A text column kept as indices into its distinct values until the frame is built: a survey
/// repeats a handful of units, questions and labels millions of times, and one allocation per
/// value would cost more than everything else the import does.
#[derive(Default, Clone)]
pub(super) struct Interned {
    pub(super) values: Vec<String>,
    pub(super) lookup: PlHashMap<String, IdxSize>,
    /// Codes by the address of a cell's text (see [`Interned::id_of`]).
    texts: TextIds,
    /// One code per row, or one per run of rows (see `runs`).
    pub(super) rows: Vec<IdxSize>,
    /// Empty, or how many rows each code of `rows` covers (`Interned::run`).
    pub(super) runs: Vec<u32>,
}

/// Codes by the address of a cell's text: a shared string (or an inline text the scanner has
/// cleaned once) is one allocation for all its cells, so its address finds its code without
/// hashing the text. Each text is kept alive while cached, so an address is never reused for
/// another text meanwhile; the cache stops growing at `TextIds::MAX`.
#[derive(Default, Clone)]
pub(super) struct TextIds {
    ids: PlHashMap<usize, (Arc<str>, IdxSize)>,
}

impl TextIds {
    const MAX: usize = 4096;

    /// The code of `text`, from the cache or from `id` (then cached).
    pub(super) fn get(&mut self, text: &Arc<str>, id: impl FnOnce(&str) -> IdxSize) -> IdxSize {
        let at = text.as_ptr() as usize;
        if let Some((_, i)) = self.ids.get(&at) {
            return *i;
        }
        let i = id(text);
        if self.ids.len() < Self::MAX {
            self.ids.insert(at, (text.clone(), i));
        }
        i
    }
}

impl Interned {
    /// The index of a cell's text, added if new (by its address when seen before).
    pub(super) fn id_of(&mut self, text: &Arc<str>) -> IdxSize {
        let (texts, values, lookup) = (&mut self.texts, &mut self.values, &mut self.lookup);
        texts.get(text, |v| intern(values, lookup, v))
    }

    /// The index of a value, added if new.
    pub(super) fn id(&mut self, v: &str) -> IdxSize {
        intern(&mut self.values, &mut self.lookup, v)
    }

    /// A value known to be new (a respondent key): no lookup.
    pub(super) fn fresh(&mut self, v: String) -> IdxSize {
        let i = self.values.len() as IdxSize;
        self.values.push(v);
        i
    }

    /// The rows so far as a coded column, leaving the column empty. With `forget`, the
    /// distinct values go too: for a column whose values never repeat across batches
    /// (respondents).
    pub(super) fn take_coded(&mut self, name: &str, forget: bool) -> RowsColumn {
        let values = if forget {
            self.lookup.clear();
            self.texts = TextIds::default();
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
    pub(super) fn run(&mut self, id: IdxSize, n: usize) {
        self.rows.push(id);
        self.runs.push(n as u32);
    }
}

/// The part of a unit among a year's `units`, added (as a copy of `template`) if new.
fn place(
    units: &mut PlHashMap<String, usize>,
    parts: &mut Vec<Part>,
    template: &Part,
    unit: &str,
) -> usize {
    match units.get(unit) {
        Some(at) => *at,
        None => {
            parts.push(template.clone());
            units.insert(unit.to_owned(), parts.len() - 1);
            parts.len() - 1
        }
    }
}

/// The index of `v` among `values`, added if new.
fn intern(values: &mut Vec<String>, lookup: &mut PlHashMap<String, IdxSize>, v: &str) -> IdxSize {
    if let Some(i) = lookup.get(v) {
        return *i;
    }
    let i = values.len() as IdxSize;
    values.push(v.to_owned());
    lookup.insert(v.to_owned(), i);
    i
}

/// A batch column's values, leaving room for as many in the next batch (no regrowth by
/// doubling, batch after batch).
pub(super) fn refill<T>(v: &mut Vec<T>) -> Vec<T> {
    let room = v.len();
    std::mem::replace(v, Vec::with_capacity(room))
}

#[derive(Default, Clone)]
pub(super) struct Answers {
    /// Per respondent, as are `row` and `runs` (and the runs of unit, respondent, lineage).
    pub(super) year: Vec<i32>,
    pub(super) unit: Interned,
    pub(super) respondent: Interned,
    pub(super) question: Interned,
    pub(super) element: Interned,
    pub(super) scale: Interned,
    /// Per answer: the level 1–5, 0 when not answered.
    pub(super) answer: Vec<i32>,
    pub(super) status: Interned,
    pub(super) source_sha256: Interned,
    pub(super) source_file: Interned,
    pub(super) sheet: Interned,
    pub(super) row: Vec<i32>,
    /// How many answers each respondent has.
    pub(super) runs: Vec<u32>,
}

#[derive(Default, Clone)]
pub(super) struct Attributes {
    pub(super) year: Vec<i32>,
    pub(super) unit: Interned,
    pub(super) respondent: Interned,
    pub(super) attribute: Interned,
    pub(super) value: Interned,
}

/// The rows of one year and unit in a batch.
#[derive(Default, Clone)]
pub(super) struct Part {
    pub(super) answers: Answers,
    pub(super) attributes: Attributes,
}

/// The rows read since the last flush, kept apart by year and unit so that each goes to its
/// store part without being gathered out of a mixed batch. The values every row of a sheet
/// shares (questions, elements, statuses, lineage, attribute names) are registered in all
/// parts alike, through [`Batch::register`], so that their codes are the same in every part.
#[derive(Default)]
pub(super) struct Batch {
    /// An empty part holding the shared registrations; new parts start as a copy of it.
    pub(super) template: Part,
    pub(super) parts: Vec<Part>,
    /// Part of each unit, per year (also by the address of the unit's text).
    pub(super) index: Vec<(i32, PlHashMap<String, usize>, TextIds)>,
    /// Answers held in all parts.
    pub(super) answers: usize,
}

impl Batch {
    /// Registers a shared value in every part; its code.
    pub(super) fn register(&mut self, f: impl Fn(&mut Part) -> IdxSize) -> IdxSize {
        let id = f(&mut self.template);
        for part in &mut self.parts {
            let same = f(part);
            debug_assert_eq!(same, id, "shared codes diverged");
        }
        id
    }

    /// The part of a year and unit.
    pub(super) fn part(&mut self, year: i32, unit: &str) -> &mut Part {
        self.part_by(year, unit, None)
    }

    /// [`Batch::part`] for a unit read from a cell's text (found by its address when seen).
    pub(super) fn part_of(&mut self, year: i32, unit: &Arc<str>) -> &mut Part {
        self.part_by(year, unit, Some(unit))
    }

    fn part_by(&mut self, year: i32, unit: &str, text: Option<&Arc<str>>) -> &mut Part {
        let y = self.year(year);
        let Batch {
            template,
            parts,
            index,
            ..
        } = self;
        let (_, units, texts) = &mut index[y];
        let at = match text {
            Some(t) => texts.get(t, |u| place(units, parts, template, u) as IdxSize) as usize,
            None => place(units, parts, template, unit),
        };
        &mut parts[at]
    }

    /// The place of a year in `index`, added if new.
    fn year(&mut self, year: i32) -> usize {
        match self.index.iter().position(|(y, _, _)| *y == year) {
            Some(y) => y,
            None => {
                self.index
                    .push((year, PlHashMap::default(), TextIds::default()));
                self.index.len() - 1
            }
        }
    }

    /// Sends every part to the sink and starts afresh.
    pub(super) fn flush(&mut self, sink: &mut Sink<'_>) -> Result<(), Flush> {
        for part in &mut self.parts {
            flush(&mut part.answers, &mut part.attributes, sink)?;
        }
        self.parts.clear();
        self.index.clear();
        self.answers = 0;
        Ok(())
    }
}

/// Answers are sent to the sink in batches of about this many rows, whole respondents at a time
/// (at most three batches are alive: one filled, one waiting, one written; 2^19 had cost 100,000
/// respondents about 8 MB more at their peak, for no speed).
pub(super) const BATCH_ANSWERS: usize = 1 << 18;

/// Why a batch could not be sent.
pub(super) enum Flush {
    Frame(polars::prelude::PolarsError),
    Sink(crate::table::SinkError),
}

impl Flush {
    /// The import error of a workbook whose batch could not be sent.
    pub(super) fn error(self, path: &std::path::Path) -> ImportError {
        match self {
            Flush::Frame(e) => ImportError::Damaged {
                path: path.to_owned(),
                detail: e.to_string(),
            },
            Flush::Sink(source) => ImportError::Sink {
                path: path.to_owned(),
                source,
            },
        }
    }
}

/// Sends the answers and attributes gathered so far to the sink, as `survey_answers` and
/// `survey_respondents` frames, and empties them (respondent keys are forgotten: a respondent's
/// answers never span two batches).
pub(super) fn flush(
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
        a.scale.take_coded(c::SCALE, false),
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
    sink(tables::SURVEY_ANSWERS, rows).map_err(Flush::Sink)?;
    let t = attributes;
    let rows = Rows::new(vec![
        plain(c::YEAR, refill(&mut t.year)),
        t.unit.take_coded(c::UNIT, false),
        t.respondent.take_coded(c::RESPONDENT, true),
        t.attribute.take_coded(c::ATTRIBUTE, false),
        t.value.take_coded(c::VALUE, false),
    ])
    .map_err(Flush::Frame)?;
    sink(tables::SURVEY_RESPONDENTS, rows).map_err(Flush::Sink)
}
