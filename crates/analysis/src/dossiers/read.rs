//! A stored log read as dossiers: their stamps, one per code, and the legal limits of the registry.

use std::collections::HashMap;
use std::sync::Arc;

use cchc_calendar::{Day, Limit, LimitUnit, Moment};
use cchc_model::columns as c;
use cchc_model::stamp::{self, Precision, Stamp};
use polars::prelude::*;

pub(super) use cchc_model::frame::optional_texts as strs;

/// A dossier as the analyses read it.
#[derive(Debug, Clone)]
pub(super) struct Dossier {
    pub(super) unit: Arc<str>,
    pub(super) code: Box<str>,
    pub(super) procedure: Option<Arc<str>>,
    pub(super) name: Option<Arc<str>>,
    pub(super) field: Option<Arc<str>>,
    pub(super) channel: Option<Arc<str>>,
    pub(super) status: Option<Arc<str>>,
    pub(super) received: Moment,
    pub(super) due_written: Option<Moment>,
    pub(super) extended_to: Option<Moment>,
    pub(super) result: Option<Moment>,
    pub(super) supplement: Option<(Day, Day)>,
    /// The latest date the row holds: which of two rows of one code wins.
    pub(super) status_at: Moment,
    /// The row of the frame it was read from (its dates as written are there).
    pub(super) row: usize,
}

/// The stored columns the analyses read (the lineage is left in the store).
pub const COLUMNS: [&str; 17] = [
    c::UNIT,
    c::DOSSIER_CODE,
    c::CODE,
    c::NAME,
    c::FIELD,
    c::CHANNEL,
    c::DOSSIER_STATUS,
    c::SUBMITTED_AT,
    c::RECEIVED_AT,
    c::DUE_WRITTEN,
    c::EXTENDED_TO,
    c::RESOLVED_AT,
    c::RETURNED_AT,
    c::SUPPLEMENT_FROM,
    c::SUPPLEMENT_TO,
    c::DATE_PRECISION,
    c::SOURCE_SHA256,
];

/// A stored stamp as the calendar's moment (to the minute: due times are counted in working
/// minutes; the seconds matter only where two stamps are compared as written).
pub(super) fn moment(s: Stamp) -> Moment {
    Moment::new(Day(s.days() as i32), s.minute_of_day())
}

/// The date columns of a stored log as stamps ([`cchc_model::stamp`]): each column's
/// milliseconds and the packed precisions, read row by row or at a row, never copied whole.
pub(super) struct Stamps {
    /// Milliseconds of each date column, in the order of `c::DOSSIER_DATES` (`None` when the
    /// log lacks the column).
    millis: Vec<Option<Int64Chunked>>,
    precision: Option<Int32Chunked>,
}

impl Stamps {
    pub(super) fn of(df: &DataFrame) -> PolarsResult<Stamps> {
        let millis = c::DOSSIER_DATES
            .iter()
            .map(|name| match df.column(name) {
                Ok(col) => Ok(Some(col.datetime()?.physical().clone())),
                Err(_) => Ok(None),
            })
            .collect::<PolarsResult<_>>()?;
        let precision = match df.column(c::DATE_PRECISION) {
            Ok(col) => Some(col.i32()?.clone()),
            Err(_) => None,
        };
        Ok(Stamps { millis, precision })
    }

    fn stamp(k: usize, millis: Option<i64>, bits: Option<i32>) -> Option<Stamp> {
        Some(Stamp {
            millis: millis?,
            precision: stamp::unpack(bits.unwrap_or(0) as u16, k)?,
        })
    }

    /// Date column `k`, row by row (as many rows as the frame; `None` where empty).
    pub(super) fn column(
        &self,
        k: usize,
        height: usize,
    ) -> Box<dyn Iterator<Item = Option<Stamp>> + '_> {
        let (Some(millis), Some(bits)) = (&self.millis[k], &self.precision) else {
            return Box::new(std::iter::repeat_n(None, height));
        };
        Box::new(
            millis
                .iter()
                .zip(bits.iter())
                .map(move |(ms, b)| Stamps::stamp(k, ms, b)),
        )
    }

    /// Date column `k` at one row.
    pub(super) fn at(&self, k: usize, row: usize) -> Option<Stamp> {
        let millis = self.millis[k].as_ref()?.get(row);
        Stamps::stamp(k, millis, self.precision.as_ref()?.get(row))
    }
}

/// The date a dossier code embeds (`<unit>-<yyMMdd>-<sequence>`), if it does.
pub fn code_date(code: &str) -> Option<Day> {
    let mut parts = code.rsplit('-');
    parts.next()?;
    let date = parts.next()?;
    if date.len() != 6 || !date.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Day::from_ymd(
        2000 + date[0..2].parse::<i32>().ok()?,
        date[2..4].parse().ok()?,
        date[4..6].parse().ok()?,
    )
}

/// The dossiers of a stored log, one per code (the row with the latest date wins), and how many
/// rows were dropped as repeats of a code from another file.
/// The dossiers, the rows dropped as repeats, and the (code, unit) whose completion equals the
/// written due time to the minute.
pub(super) type Read = (Vec<Dossier>, usize, Vec<(String, String)>);

/// The text of a column row by row, without a string per row (nulls when the column is absent).
pub(super) fn texts<'a>(
    df: &'a DataFrame,
    name: &str,
) -> PolarsResult<Box<dyn Iterator<Item = Option<&'a str>> + 'a>> {
    match df.column(name) {
        Ok(col) => Ok(Box::new(col.str()?.iter())),
        Err(_) => Ok(Box::new(std::iter::repeat_n(None, df.height()))),
    }
}

/// One shared copy of each distinct value of a low-cardinality column (units, procedures,
/// statuses), so a million dossiers hold pointers, not strings.
#[derive(Default)]
pub(super) struct Interner(HashMap<Box<str>, Arc<str>>);

impl Interner {
    fn get(&mut self, s: Option<&str>) -> Option<Arc<str>> {
        let s = s?;
        if let Some(v) = self.0.get(s) {
            return Some(v.clone());
        }
        let v: Arc<str> = Arc::from(s);
        self.0.insert(s.into(), v.clone());
        Some(v)
    }
}

pub(super) fn dossiers(df: &DataFrame) -> PolarsResult<Read> {
    let mut unit = texts(df, c::UNIT)?;
    let mut code = texts(df, c::DOSSIER_CODE)?;
    let mut procedure = texts(df, c::CODE)?;
    let mut name = texts(df, c::NAME)?;
    let mut field = texts(df, c::FIELD)?;
    let mut channel = texts(df, c::CHANNEL)?;
    let mut status = texts(df, c::DOSSIER_STATUS)?;
    let dates = Stamps::of(df)?;
    // Which of two rows of one code with the same latest date wins: the file whose sha256 sorts
    // first (a rule the SQL views can follow; the scan's order is not theirs to see).
    let sources = match df.column(c::SOURCE_SHA256) {
        Ok(col) => Some(col.str()?.clone()),
        Err(_) => None,
    };
    // In the order of the stored date columns (`c::DOSSIER_DATES`).
    let height = df.height();
    let [
        _submitted,
        mut received,
        mut due,
        mut extended,
        mut resolved,
        mut returned,
        mut sup_from,
        mut sup_to,
    ] = std::array::from_fn(|k| dates.column(k, height));
    let mut shared = [(); 6].map(|()| Interner::default());
    // Codes as keys (`code_key`): no second copy of every code in memory.
    let mut by_code: HashMap<u128, usize, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(df.height(), foldhash::fast::RandomState::default());
    let mut out: Vec<Dossier> = Vec::with_capacity(df.height());
    let mut exact_resets: Vec<(String, String)> = Vec::new();
    let mut repeats = 0;
    for row in 0..df.height() {
        let (u, cd, pr, nm, fl, ch, st) = (
            unit.next().flatten(),
            code.next().flatten(),
            procedure.next().flatten(),
            name.next().flatten(),
            field.next().flatten(),
            channel.next().flatten(),
            status.next().flatten(),
        );
        let (rc, du, ex, rs, rt, sf, stt) = (
            received.next().flatten(),
            due.next().flatten(),
            extended.next().flatten(),
            resolved.next().flatten(),
            returned.next().flatten(),
            sup_from.next().flatten(),
            sup_to.next().flatten(),
        );
        let (Some(code), Some(received)) = (cd, rc.map(moment)) else {
            continue;
        };
        let m = |v: Option<Stamp>| v.map(moment);
        let result = m(rs).or_else(|| m(rt));
        let supplement = match (m(sf), m(stt)) {
            (Some(a), Some(b)) => Some((a.day, b.day)),
            _ => None,
        };
        let status_at = [
            m(rt),
            m(rs),
            m(ex),
            supplement.map(|s| Moment::new(s.1, 0)),
            Some(received),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(received);
        // The result written as the due time itself, as written: to the same precision, at a
        // time of day (a reset overwrites the result with the due time).
        if let (Some(r), Some(d)) = (rs, du)
            && r.precision != Precision::Day
            && r == d
        {
            exact_resets.push((code.to_owned(), u.unwrap_or_default().to_owned()));
        }
        let [su, sp, sn, sf_, sc, ss] = &mut shared;
        let d = Dossier {
            unit: su.get(u).unwrap_or_else(|| Arc::from("")),
            code: code.into(),
            procedure: sp.get(pr),
            name: sn.get(nm),
            field: sf_.get(fl),
            channel: sc.get(ch),
            status: ss.get(st),
            received,
            due_written: m(du),
            extended_to: m(ex),
            result,
            supplement,
            status_at,
            row,
        };
        let k = cchc_model::text::code_key(code);
        match by_code.get(&k) {
            Some(&at) => {
                repeats += 1;
                let kept = &out[at];
                let first_file = || {
                    sources
                        .as_ref()
                        .is_some_and(|s| s.get(row) < s.get(kept.row))
                };
                if d.status_at > kept.status_at || (d.status_at == kept.status_at && first_file()) {
                    out[at] = d;
                }
            }
            None => {
                by_code.insert(k, out.len());
                out.push(d);
            }
        }
    }
    Ok((out, repeats, exact_resets))
}

/// The legal limits of procedures, by code, from the registry frame (the latest year's when a
/// code has several): `legal_amount` in `legal_unit`, or `legal_days` as working days for
/// registries stored before units were.
pub fn limits(registry: &DataFrame) -> PolarsResult<HashMap<String, Limit>> {
    let codes = strs(registry, c::CODE)?;
    let units = strs(registry, c::LEGAL_UNIT)?;
    let f64s = |name: &str| -> PolarsResult<Vec<Option<f64>>> {
        match registry.column(name) {
            Ok(col) => Ok(col.cast(&DataType::Float64)?.f64()?.iter().collect()),
            Err(_) => Ok(vec![None; registry.height()]),
        }
    };
    let (amounts, days) = (f64s(c::LEGAL_AMOUNT)?, f64s(c::LEGAL_DAYS)?);
    let years: Vec<Option<i32>> = registry.column(c::YEAR)?.i32()?.iter().collect();
    let mut out: HashMap<String, (i32, Limit)> = HashMap::new();
    for i in 0..registry.height() {
        let Some(code) = &codes[i] else { continue };
        let limit = match (
            amounts[i],
            units[i].as_deref().and_then(LimitUnit::from_code),
        ) {
            (Some(a), Some(u)) => Limit::new(a, u),
            _ => match days[i] {
                Some(d) => Limit::new(d, LimitUnit::WorkingDays),
                None => continue,
            },
        };
        let year = years[i].unwrap_or(0);
        if out.get(code).is_none_or(|(y, _)| year >= *y) {
            out.insert(code.clone(), (year, limit));
        }
    }
    Ok(out.into_iter().map(|(k, (_, l))| (k, l)).collect())
}
