//! One pass over the survey answers, a batch at a time, into the figures of every group: the
//! counts, the five levels, and the per-respondent sums that the clustered precision needs.
//!
//! The store keeps a respondent's answers together (the importer writes them row after row, and
//! a part holds one source, year and unit), so a respondent's figures are complete when the next
//! respondent begins: they are added to their groups then, and nothing per respondent is kept.
//! Only the columns a grouping needs are read. Text comes coded (the store hands back each row
//! group's dictionary and a key per row; a plain column is coded here): each distinct text of a
//! batch is looked up once, rows read integers, and groups are small integers. A respondent met again after another began (rows not
//! kept together) is refused with [`NotTogether`], and the caller computes the figures with
//! polars instead.
//!
//! The squared residuals Σ(wᵢ(yᵢ − R xᵢ))² come from the sums Σw²y², Σw²xy, Σw²x²; without
//! weights these are integers and the residuals are computed exactly (an index with no variance
//! has none, not a rounding error's worth).

use std::hash::BuildHasher;

use std::borrow::Cow;

use cchc_model::columns as c;
use cchc_model::{Rows, RowsColumn, Scale};
use polars::prelude::*;

use crate::group::{By, MIXED};

/// A hash map with a fast hasher (the keys are the store's own text, not an adversary's).
pub(crate) type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type Set<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// The answers are not kept together by respondent: the one-pass tally cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotTogether;

/// Answers a batch at a time, each batch of one year and one unit with a respondent's rows
/// together (the store's parts, read one row group at a time).
pub trait AnswerBatches {
    /// Calls `each(year, unit, batch)` for every batch, in order. A batch holds the `columns`
    /// asked for that the data has (older stores have no `scale`); text may come coded (the
    /// store hands back each row group's dictionary and keys) or plain.
    fn for_each_batch(
        &self,
        columns: &[&str],
        each: &mut dyn FnMut(i32, &str, Rows) -> PolarsResult<()>,
    ) -> PolarsResult<()>;

    /// The whole of the answers as one scan (for figures the one-pass tally cannot give).
    fn lazy(&self) -> PolarsResult<LazyFrame>;
}

/// A frame (tests, small stores): its rows of each year and unit, in their order.
impl AnswerBatches for LazyFrame {
    fn for_each_batch(
        &self,
        columns: &[&str],
        each: &mut dyn FnMut(i32, &str, Rows) -> PolarsResult<()>,
    ) -> PolarsResult<()> {
        let mut lf = self.clone();
        let schema = lf.collect_schema()?;
        let mut wanted = vec![col(c::YEAR), col(c::UNIT)];
        wanted.extend(
            columns
                .iter()
                .filter(|n| schema.contains(n))
                .map(|n| col(*n)),
        );
        let frame = lf.select(wanted).collect()?;
        for part in frame.partition_by_stable([c::YEAR, c::UNIT], true)? {
            let year = part.column(c::YEAR)?.cast(&DataType::Int32)?;
            let Some(year) = year.i32()?.get(0) else {
                continue;
            };
            let unit = part
                .column(c::UNIT)?
                .str()?
                .get(0)
                .unwrap_or_default()
                .to_owned();
            each(year, &unit, Rows::from(part))?;
        }
        Ok(())
    }

    fn lazy(&self) -> PolarsResult<LazyFrame> {
        Ok(self.clone())
    }
}

/// Names to small integers, in order of first appearance.
#[derive(Default)]
struct Names {
    ids: Map<String, u32>,
    names: Vec<String>,
}

impl Names {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(id) = self.ids.get(name) {
            return *id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(name.to_owned(), id);
        self.names.push(name.to_owned());
        id
    }
}

/// Names to small integers, with each name's place in text order (question codes: a group is
/// ordered by its smallest), so that rows compare integers, not text.
#[derive(Default)]
struct Ranked {
    names: Names,
    rank: Vec<u32>,
}

impl Ranked {
    fn id(&mut self, name: &str) -> u32 {
        let before = self.names.names.len();
        let id = self.names.id(name);
        if self.names.names.len() != before {
            // A new name: the places of all (few) names are counted again.
            let mut order: Vec<u32> = (0..self.names.names.len() as u32).collect();
            let names = &self.names.names;
            order.sort_unstable_by(|a, b| names[*a as usize].cmp(&names[*b as usize]));
            self.rank = vec![0; order.len()];
            for (place, id) in order.into_iter().enumerate() {
                self.rank[id as usize] = place as u32;
            }
        }
        id
    }

    /// The one of two ids whose name comes first.
    fn first(&self, a: u32, b: u32) -> u32 {
        if self.rank[b as usize] < self.rank[a as usize] {
            b
        } else {
            a
        }
    }
}

/// A text column of a batch as its distinct values and a code per row (the store's coded
/// columns as they come; a plain column is coded here).
struct Texts<'a> {
    values: Vec<Option<&'a str>>,
    codes: Cow<'a, [u32]>,
}

impl<'a> Texts<'a> {
    /// The column `name` of `batch`, or `None` when the batch lacks it.
    fn of(batch: &'a Rows, name: &str) -> PolarsResult<Option<Texts<'a>>> {
        Ok(match batch.column(name) {
            None => None,
            Some(RowsColumn::Coded(coded)) => Some(Texts {
                values: coded.values.iter().map(|v| Some(v.as_str())).collect(),
                codes: coded.row_codes(),
            }),
            Some(RowsColumn::Plain(column)) => Some(Texts::code(column.str()?, None)),
            Some(RowsColumn::Runs { column, runs }) => Some(Texts::code(column.str()?, Some(runs))),
        })
    }

    /// The column `name` of `batch`, which it must have.
    fn needed(batch: &'a Rows, name: &str) -> PolarsResult<Texts<'a>> {
        Texts::of(batch, name)?.ok_or_else(|| polars_err!(ColumnNotFound: "{}", name))
    }

    /// Codes a plain text column (each value's runs of rows, when given).
    fn code(text: &'a StringChunked, runs: Option<&[u32]>) -> Texts<'a> {
        let mut ids: Map<Option<&'a str>, u32> = Map::default();
        let mut values = Vec::new();
        let codes: Vec<u32> = text
            .iter()
            .map(|v| {
                *ids.entry(v).or_insert_with(|| {
                    values.push(v);
                    values.len() as u32 - 1
                })
            })
            .collect();
        let codes = match runs {
            Some(runs) => cchc_model::rows::expand_runs(codes, runs),
            None => codes,
        };
        Texts {
            values,
            codes: Cow::Owned(codes),
        }
    }

    /// Each value through `f` (once per distinct value, not per row).
    fn map<T>(&self, mut f: impl FnMut(Option<&'a str>) -> T) -> Vec<T> {
        self.values.iter().map(|v| f(*v)).collect()
    }
}

/// One respondent's figures in one group.
#[derive(Clone, Copy)]
struct Mine {
    group: u32,
    y: u64,
    x: u64,
    levels: [u64; 5],
    scale: u32,
    mixed: bool,
    /// The smallest question code of the group (for elements and questions).
    order: Option<u32>,
}

/// A group's figures: (year, unit, group).
#[derive(Default, Clone)]
struct Group {
    respondents: u64,
    valid: u64,
    satisfied: u64,
    levels: [u64; 5],
    // Unweighted sums of squares, exact.
    yy: u128,
    xx: u128,
    xy: u128,
    // Weighted sums (respondents without a weight are left out of them, as a null is).
    wy: f64,
    wx: f64,
    wwyy: f64,
    wwxx: f64,
    wwxy: f64,
    scale: Option<u32>,
    mixed: bool,
    order: Option<u32>,
}

/// Each respondent's value of an attribute (its group id), met in the order of the answers: the
/// store keeps both tables in the import's order, so the next respondent is usually the next row
/// (or a few rows on, past respondents without valid answers); a map by id is built only when
/// the order is not followed.
struct Attribute {
    who: StringChunked,
    values: Vec<u32>,
    next: usize,
    by_id: Option<Map<Box<str>, u32>>,
}

impl Attribute {
    /// How far ahead a respondent is looked for before the map is used.
    const LOOKAHEAD: usize = 8;

    fn get(&mut self, respondent: &str) -> Option<u32> {
        for i in self.next..(self.next + Self::LOOKAHEAD).min(self.values.len()) {
            if self.who.get(i) == Some(respondent) {
                self.next = i + 1;
                return Some(self.values[i]);
            }
        }
        let (who, values) = (&self.who, &self.values);
        let by_id = self.by_id.get_or_insert_with(|| {
            who.iter()
                .zip(values)
                .filter_map(|(r, v)| Some((Box::from(r?), *v)))
                .collect()
        });
        by_id.get(respondent).copied()
    }
}

/// What a group is taken from.
enum Grouping {
    One,
    Unit,
    Column(&'static str),
    Attribute(Attribute),
}

/// The one-pass tally.
pub(crate) struct Tally {
    /// Whether respondents are told apart (the index needs them; counting levels does not,
    /// unless groups are respondents' attributes).
    per_respondent: bool,
    grouping: Grouping,
    weights: Option<Map<String, f64>>,
    groups: Names,
    units: Names,
    scales: Names,
    questions: Ranked,
    totals: Map<(i32, u32, u32), Group>,
    /// The respondents already tallied, by a hash of their id (a collision only sends the
    /// figures to the slower path).
    seen: Set<u64>,
    hasher: foldhash::fast::RandomState,
    current: Vec<Mine>,
    current_respondent: Option<String>,
    current_key: (i32, u32),
    current_weight: Option<f64>,
    current_group: Option<u32>,
}

impl Tally {
    /// A tally grouped `by`; `attribute` holds each respondent's value of the attribute grouped
    /// by, `weights` each respondent's weight.
    pub(crate) fn new(
        by: &By,
        per_respondent: bool,
        attribute: Option<DataFrame>,
        weights: Option<Map<String, f64>>,
    ) -> PolarsResult<Tally> {
        let mut groups = Names::default();
        let grouping = match by {
            By::Overall => {
                groups.id("overall");
                Grouping::One
            }
            By::Unit => Grouping::Unit,
            By::Element => Grouping::Column(c::ELEMENT),
            By::Question => Grouping::Column(c::QUESTION),
            By::Attribute(_) => {
                let frame = match attribute {
                    Some(frame) => frame
                        .lazy()
                        .filter(
                            col(c::RESPONDENT)
                                .is_not_null()
                                .and(col(c::VALUE).is_not_null()),
                        )
                        .collect()?,
                    None => DataFrame::empty_with_schema(&cchc_model::schema::survey_respondents())
                        .select([c::RESPONDENT, c::VALUE])?,
                };
                let who = frame.column(c::RESPONDENT)?.str()?.rechunk().into_owned();
                let mut values = Vec::with_capacity(frame.height());
                let (mut last, mut last_id): (Option<&str>, u32) = (None, 0);
                for v in frame.column(c::VALUE)?.str()?.iter().flatten() {
                    if last != Some(v) {
                        last_id = groups.id(v);
                        last = Some(v);
                    }
                    values.push(last_id);
                }
                Grouping::Attribute(Attribute {
                    who,
                    values,
                    next: 0,
                    by_id: None,
                })
            }
        };
        Ok(Tally {
            per_respondent: per_respondent || matches!(by, By::Attribute(_)),
            grouping,
            weights,
            groups,
            units: Names::default(),
            scales: Names::default(),
            questions: Ranked::default(),
            totals: Map::default(),
            seen: Set::default(),
            hasher: foldhash::fast::RandomState::default(),
            current: Vec::new(),
            current_respondent: None,
            current_key: (0, 0),
            current_weight: None,
            current_group: None,
        })
    }

    /// The columns a batch must hold.
    pub(crate) fn columns(&self, by: &By) -> Vec<&'static str> {
        let mut columns = vec![c::ANSWER, c::STATUS, c::SCALE];
        if self.per_respondent {
            columns.push(c::RESPONDENT);
        }
        match by {
            By::Element => columns.extend([c::ELEMENT, c::QUESTION]),
            By::Question => columns.push(c::QUESTION),
            _ => {}
        }
        columns
    }

    fn flush(&mut self) {
        let (year, unit) = self.current_key;
        let weight = self.current_weight;
        for mine in self.current.drain(..) {
            let g = self.totals.entry((year, unit, mine.group)).or_default();
            g.respondents += 1;
            g.valid += mine.x;
            g.satisfied += mine.y;
            for (total, n) in g.levels.iter_mut().zip(mine.levels) {
                *total += n;
            }
            let (y, x) = (u128::from(mine.y), u128::from(mine.x));
            g.yy += y * y;
            g.xx += x * x;
            g.xy += x * y;
            if let Some(w) = weight {
                let (y, x) = (mine.y as f64, mine.x as f64);
                g.wy += w * y;
                g.wx += w * x;
                g.wwyy += w * w * y * y;
                g.wwxx += w * w * x * x;
                g.wwxy += w * w * x * y;
            }
            match g.scale {
                None => g.scale = Some(mine.scale),
                Some(s) if s != mine.scale => g.mixed = true,
                Some(_) => {}
            }
            g.mixed |= mine.mixed;
            if let Some(mo) = mine.order {
                g.order = Some(match g.order {
                    Some(o) => self.questions.first(o, mo),
                    None => mo,
                });
            }
        }
    }

    /// Adds a batch of one year and unit.
    pub(crate) fn add(
        &mut self,
        year: i32,
        unit: &str,
        batch: &Rows,
    ) -> PolarsResult<Result<(), NotTogether>> {
        let unit_id = self.units.id(unit);
        let respondents = if self.per_respondent {
            Some(Texts::needed(batch, c::RESPONDENT)?)
        } else {
            None
        };
        let status = Texts::needed(batch, c::STATUS)?;
        let answers = batch
            .column(c::ANSWER)
            .ok_or_else(|| polars_err!(ColumnNotFound: "{}", c::ANSWER))?
            .materialized()?
            .cast(&DataType::Int32)?;
        let answers = answers.i32()?;
        let default_scale = self.scales.id(Scale::Satisfaction.as_str());
        let unit_group = match self.grouping {
            Grouping::Unit => Some(self.groups.id(unit)),
            Grouping::One => Some(0),
            _ => None,
        };
        // Each distinct text of the batch is looked up once; rows then read integers.
        let valid = status.map(|s| s == Some("valid"));
        let scales = match Texts::of(batch, c::SCALE)? {
            Some(t) => {
                let ids = t.map(|s| s.map_or(default_scale, |s| self.scales.id(s)));
                Some((t.codes, ids))
            }
            None => None,
        };
        let groups = match self.grouping {
            Grouping::Column(name) => match Texts::of(batch, name)? {
                Some(t) => {
                    let ids = t.map(|g| g.map(|g| self.groups.id(g)));
                    Some((t.codes, ids))
                }
                None => None,
            },
            _ => None,
        };
        let questions = match Texts::of(batch, c::QUESTION)? {
            Some(t) => {
                let ids = t.map(|q| q.map(|q| self.questions.id(q)));
                Some((t.codes, ids))
            }
            None => None,
        };
        let mut last_respondent_code = None;
        for (row, answer) in answers.iter().enumerate() {
            if !valid[status.codes[row] as usize] {
                continue;
            }
            match &respondents {
                None => {
                    // Counting answers only: a batch is one tally.
                    if self.current_key != (year, unit_id) || self.current_group != unit_group {
                        self.flush();
                        self.current_key = (year, unit_id);
                        self.current_weight = Some(1.0);
                        self.current_group = unit_group;
                    }
                }
                Some(who) => {
                    let code = who.codes[row];
                    if last_respondent_code != Some(code) {
                        let Some(respondent) = who.values[code as usize] else {
                            continue;
                        };
                        last_respondent_code = Some(code);
                        if self.current_respondent.as_deref() != Some(respondent)
                            || self.current_key != (year, unit_id)
                        {
                            self.flush();
                            if !self.seen.insert(self.hasher.hash_one(respondent)) {
                                return Ok(Err(NotTogether));
                            }
                            self.current_respondent = Some(respondent.to_owned());
                            self.current_key = (year, unit_id);
                            self.current_weight = match &self.weights {
                                Some(w) => w.get(respondent).copied(),
                                None => Some(1.0),
                            };
                            self.current_group = match &mut self.grouping {
                                Grouping::Attribute(values) => values.get(respondent),
                                _ => unit_group,
                            };
                        }
                    }
                }
            }
            let group = match (&self.grouping, &groups) {
                (Grouping::Column(_), Some((codes, ids))) => match ids[codes[row] as usize] {
                    Some(g) => g,
                    None => continue,
                },
                (Grouping::Column(_), None) => continue,
                _ => match self.current_group {
                    Some(g) => g,
                    None => continue, // no value of the attribute: not in any group
                },
            };
            let scale_id = match &scales {
                Some((codes, ids)) => ids[codes[row] as usize],
                None => default_scale,
            };
            let order = match &questions {
                Some((codes, ids)) => ids[codes[row] as usize],
                None => None,
            };
            let k = match self.current.iter().position(|m| m.group == group) {
                Some(k) => k,
                None => {
                    self.current.push(Mine {
                        group,
                        y: 0,
                        x: 0,
                        levels: [0; 5],
                        scale: scale_id,
                        mixed: false,
                        order,
                    });
                    self.current.len() - 1
                }
            };
            let mine = &mut self.current[k];
            if mine.scale != scale_id {
                mine.mixed = true;
            }
            if let (Some(new), Some(old)) = (order, mine.order)
                && new != old
            {
                mine.order = Some(self.questions.first(old, new));
            }
            if let Some(a) = answer {
                mine.x += 1;
                if a >= 4 {
                    mine.y += 1;
                }
                if (1..=5).contains(&a) {
                    mine.levels[(a - 1) as usize] += 1;
                }
            }
        }
        Ok(Ok(()))
    }

    /// The figures of every group: year, unit, group, scale, respondents, valid_answers,
    /// satisfied, the order key, level_1 … level_5, and wy, wx, ss for the precision.
    pub(crate) fn finish(mut self, order: &str) -> PolarsResult<DataFrame> {
        self.flush();
        let weighted = self.weights.is_some();
        let mut keys: Vec<&(i32, u32, u32)> = self.totals.keys().collect();
        keys.sort_unstable();
        let n = keys.len();
        let mut year = Vec::with_capacity(n);
        let mut unit = Vec::with_capacity(n);
        let mut group = Vec::with_capacity(n);
        let mut scale = Vec::with_capacity(n);
        let mut respondents = Vec::with_capacity(n);
        let mut valid = Vec::with_capacity(n);
        let mut satisfied = Vec::with_capacity(n);
        let mut orders = Vec::with_capacity(n);
        let mut levels: [Vec<u32>; 5] = Default::default();
        let (mut wy, mut wx, mut ss) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for key in keys {
            let g = &self.totals[key];
            year.push(key.0);
            unit.push(self.units.names[key.1 as usize].as_str());
            group.push(self.groups.names[key.2 as usize].as_str());
            scale.push(match (g.mixed, g.scale) {
                (false, Some(s)) => self.scales.names[s as usize].as_str(),
                _ => MIXED,
            });
            respondents.push(g.respondents as u32);
            valid.push(g.valid as u32);
            satisfied.push(g.satisfied as u32);
            orders.push(
                g.order
                    .map(|o| self.questions.names.names[o as usize].as_str())
                    .unwrap_or(self.groups.names[key.2 as usize].as_str()),
            );
            for (l, v) in levels.iter_mut().zip(g.levels) {
                l.push(v as u32);
            }
            if weighted {
                let r = g.wy / g.wx;
                wy.push(g.wy);
                wx.push(g.wx);
                ss.push((g.wwyy - 2.0 * r * g.wwxy + r * r * g.wwxx).max(0.0));
            } else {
                // Σ(y − R x)² with R = Y/X, exactly: (Syy·X² − 2·Y·X·Sxy + Y²·Sxx) / X².
                let (y, x) = (u128::from(g.satisfied), u128::from(g.valid));
                wy.push(g.satisfied as f64);
                wx.push(g.valid as f64);
                let num = (g.yy * x * x + y * y * g.xx) as i128 - (2 * y * x * g.xy) as i128;
                ss.push(if x == 0 {
                    0.0
                } else {
                    num.max(0) as f64 / (x * x) as f64
                });
            }
        }
        let mut columns = vec![
            Column::new(c::YEAR.into(), year),
            Column::new(c::UNIT.into(), unit),
            Column::new(c::GROUP.into(), group),
            Column::new(c::SCALE.into(), scale),
            Column::new(c::RESPONDENTS.into(), respondents),
            Column::new(c::VALID_ANSWERS.into(), valid),
            Column::new(c::SATISFIED.into(), satisfied),
            Column::new(order.into(), orders),
        ];
        for (name, l) in c::LEVELS.iter().zip(levels) {
            columns.push(Column::new((*name).into(), l));
        }
        columns.push(Column::new("wy".into(), wy));
        columns.push(Column::new("wx".into(), wx));
        columns.push(Column::new("ss".into(), ss));
        DataFrame::new(n, columns)
    }
}
