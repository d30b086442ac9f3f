//! The options, verdicts, flags and errors of the dossier analyses.

use cchc_calendar::{CalendarError, Day};
use polars::prelude::*;

/// How statistics are grouped in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Year,
    Quarter,
    Month,
}

impl Period {
    /// The period of a day: `2024`, `2024-Q1`, `2024-03`.
    pub fn of(self, day: Day) -> String {
        let (y, m, _) = day.ymd();
        match self {
            Period::Year => format!("{y}"),
            Period::Quarter => format!("{y}-Q{}", (m - 1) / 3 + 1),
            Period::Month => format!("{y}-{m:02}"),
        }
    }

    /// The first and last day of the period holding `day`.
    pub(super) fn bounds(self, day: Day) -> (Day, Day) {
        let (y, m, _) = day.ymd();
        let (m0, m1) = match self {
            Period::Year => (1, 12),
            Period::Quarter => {
                let q = (m - 1) / 3;
                (q * 3 + 1, q * 3 + 3)
            }
            Period::Month => (m, m),
        };
        let first = Day::from_ymd(y, m0, 1).expect("a first day");
        let last =
            Day::from_ymd(y, m1, cchc_calendar::day::days_in_month(y, m1)).expect("a last day");
        (first, last)
    }
}

/// Which verdict the statistics follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictOf {
    Cchc,
    Office,
}

/// Options of the analyses.
#[derive(Debug, Clone)]
pub struct Options {
    pub period: Period,
    /// Pending dossiers are judged at the end of each period or at this day, whichever is first.
    pub as_of: Option<Day>,
    pub verdict: VerdictOf,
}

/// A verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Early,
    OnTime,
    Late,
    /// No result yet: judged at a date.
    Pending,
    /// Received but never to be resolved (withdrawn, stopped, refused) or with a result dated
    /// before its receipt.
    NotCounted,
    /// No legal limit known for its procedure (cchc), or no written due date (office).
    Unknown,
}

impl Verdict {
    pub fn code(self) -> &'static str {
        match self {
            Verdict::Early => "early",
            Verdict::OnTime => "on_time",
            Verdict::Late => "late",
            Verdict::Pending => "pending",
            Verdict::NotCounted => "not_counted",
            Verdict::Unknown => "unknown",
        }
    }
}

/// Why a dossier is flagged by the audit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Flag {
    /// Its completion time equals its written due time, as in many of its unit's dossiers (an
    /// "overdue reset" that overwrote the completion with the due time).
    OverdueReset,
    /// The written due date is later than the legal one, without an extension.
    DueLaterThanLegal,
    /// Withdrawn or stopped, yet carrying a result.
    WithdrawnWithResult,
    /// A result dated before the receipt.
    ResultBeforeReceipt,
    /// The date its code embeds differs from its receipt date.
    CodeDateMismatch,
}

impl Flag {
    pub fn code(self) -> &'static str {
        match self {
            Flag::OverdueReset => "overdue_reset",
            Flag::DueLaterThanLegal => "due_later_than_legal",
            Flag::WithdrawnWithResult => "withdrawn_with_result",
            Flag::ResultBeforeReceipt => "result_before_receipt",
            Flag::CodeDateMismatch => "code_date_mismatch",
        }
    }
}

/// Errors of the analyses.
#[derive(Debug, thiserror::Error)]
pub enum DossierError {
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error(transparent)]
    Polars(#[from] PolarsError),
}
