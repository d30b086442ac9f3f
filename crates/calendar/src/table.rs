//! The committed table of days off: `date,kind,name,basis,decision`, `#` lines are comments.

use crate::CalendarError;
use crate::day::Day;
use serde::Serialize;

/// What a dated entry of the table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A holiday of the Labour Code.
    Holiday,
    /// A day off in place of a holiday on a weekly rest day, or given with the Tết holiday.
    Observed,
    /// A working day swapped to a day off.
    SwapOff,
    /// A Saturday worked in exchange for a swapped day.
    Makeup,
    /// A day off expected but not yet decided.
    Pending,
}

impl DayKind {
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Observed => "observed",
            DayKind::SwapOff => "swap_off",
            DayKind::Makeup => "makeup",
            DayKind::Pending => "pending",
        }
    }

    fn from_code(s: &str) -> Option<DayKind> {
        [
            DayKind::Holiday,
            DayKind::Observed,
            DayKind::SwapOff,
            DayKind::Makeup,
            DayKind::Pending,
        ]
        .into_iter()
        .find(|k| k.code() == s)
    }
}

/// One dated row of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub date: Day,
    pub kind: DayKind,
    /// The day's name, in Vietnamese.
    pub name: String,
    /// The article of law behind it.
    pub basis: String,
    /// The yearly decision that fixed it: `-` where the law alone does, `không tìm thấy` where
    /// its number could not be found, `chưa có` where none is issued yet.
    pub decision: String,
}

pub(crate) fn parse(csv: &str) -> Result<Vec<Entry>, CalendarError> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut header = false;
    for (i, line) in csv.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let problem = |p: String| CalendarError::Table {
            line: line_no,
            problem: p,
        };
        if !header {
            if line != "date,kind,name,basis,decision" {
                return Err(problem(format!("expected the header, found \"{line}\"")));
            }
            header = true;
            continue;
        }
        let fields: Vec<&str> = line.split(',').collect();
        let [date, kind, name, basis, decision] = fields[..] else {
            return Err(problem(format!("{} fields, 5 expected", fields.len())));
        };
        let date = Day::parse_iso(date).ok_or_else(|| problem(format!("bad date \"{date}\"")))?;
        let kind =
            DayKind::from_code(kind).ok_or_else(|| problem(format!("bad kind \"{kind}\"")))?;
        if kind == DayKind::Makeup && !date.is_weekend() {
            return Err(problem(format!(
                "{date} is a make-up day but not a weekend day"
            )));
        }
        if matches!(kind, DayKind::Observed | DayKind::SwapOff) && date.is_weekend() {
            return Err(problem(format!("{date} is given off but is a weekend day")));
        }
        if let Some(last) = entries.last()
            && last.date >= date
        {
            return Err(problem(format!("{date} is out of order or repeated")));
        }
        if name.is_empty() || basis.is_empty() || decision.is_empty() {
            return Err(problem(
                "a name, a basis and a decision are required".into(),
            ));
        }
        entries.push(Entry {
            date,
            kind,
            name: name.to_owned(),
            basis: basis.to_owned(),
            decision: decision.to_owned(),
        });
    }
    if entries.is_empty() {
        return Err(CalendarError::Table {
            line: 0,
            problem: "no entries".into(),
        });
    }
    Ok(entries)
}
