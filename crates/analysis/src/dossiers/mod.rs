//! Dossier logs: each dossier's legal due date on Vietnam's working-day calendar, cchc's verdict
//! beside the office's, the period statistics in the official shape (Biểu 06a: received by
//! channel and carried over; resolved early, on time, late; pending in time, overdue), processing
//! time distributions, and the audit of what a log should not show.
//!
//! The rules (see `cchc_calendar::due` for the due date):
//! - a supplement request stops the clock: the due date moves by the working days between the
//!   request and the supplement (when the log has both dates);
//! - verdicts compare calendar dates: a result dated before the due date is early, on it on
//!   time, after it late; a dossier without a result is pending in time or overdue at the end of
//!   the period, or at `as_of` when that is earlier;
//! - the office's verdict applies the same rule to the due date it wrote (or its extension);
//! - withdrawn, stopped and refused dossiers are received but never resolved; a result dated
//!   before the receipt is kept as received and left out of resolved and of processing times;
//! - the same dossier code in two files keeps the row with the latest date, to the minute
//!   (counted); on a tie, the row of the file whose sha256 sorts first.

mod audit;
mod judge;
mod read;
mod reconcile;
mod stats;
mod types;

pub use self::audit::audit;
pub use self::judge::judged;
pub use self::read::{COLUMNS, code_date, limits};
pub use self::reconcile::reconcile;
pub use self::stats::{FIGURES, as_procedures, statistics};
pub use self::types::*;

#[cfg(test)]
mod tests {
    use super::read::strs;
    use super::*;
    use cchc_calendar::Calendar;
    use cchc_model::columns as c;
    use cchc_model::stamp::{Precision, Stamp};
    use polars::prelude::*;

    /// A stamp from `yyyy-mm-dd[ HH:MM[:SS]]`, at the precision written.
    fn stamp_of(s: &str) -> Option<Stamp> {
        if s.len() == 19 {
            let base = Stamp::parse_stored_text(&s[..16])?;
            let secs: i64 = s[17..].parse().ok()?;
            return Some(Stamp {
                millis: base.millis + secs * 1000,
                precision: Precision::Second,
            });
        }
        Stamp::parse_stored_text(s)
    }

    fn log(rows: &[[&str; 8]]) -> DataFrame {
        // unit, dossier code, procedure, status, received, due written, resolved, channel
        let col = |i: usize, name: &str| {
            Column::new(
                name.into(),
                rows.iter()
                    .map(|r| (!r[i].is_empty()).then(|| r[i].to_owned()))
                    .collect::<Vec<_>>(),
            )
        };
        let mut precision = vec![0i32; rows.len()];
        let mut dates = |i: usize, name: &str| {
            let k = c::DOSSIER_DATES.iter().position(|d| *d == name).unwrap();
            let stamps: Vec<Option<Stamp>> = rows.iter().map(|r| stamp_of(r[i])).collect();
            for (bits, s) in precision.iter_mut().zip(&stamps) {
                *bits |= i32::from(s.map_or(0, |s| s.precision.code())) << (2 * k);
            }
            Int64Chunked::from_iter_options(name.into(), stamps.iter().map(|s| s.map(|s| s.millis)))
                .into_datetime(TimeUnit::Milliseconds, None)
                .into_series()
                .into_column()
        };
        let received = dates(4, c::RECEIVED_AT);
        let due = dates(5, c::DUE_WRITTEN);
        let resolved = dates(6, c::RESOLVED_AT);
        DataFrame::new_infer_height(vec![
            col(0, c::UNIT),
            col(1, c::DOSSIER_CODE),
            col(2, c::CODE),
            col(3, c::DOSSIER_STATUS),
            received,
            due,
            resolved,
            col(7, c::CHANNEL),
            Column::new(c::DATE_PRECISION.into(), precision),
        ])
        .unwrap()
    }

    fn registry() -> DataFrame {
        df!(
            c::YEAR => [2026i32, 2026],
            c::CODE => ["1.000001", "1.000002"],
            c::LEGAL_AMOUNT => [3.0, 0.0],
            c::LEGAL_UNIT => ["working_days", "same_day"]
        )
        .unwrap()
    }

    #[test]
    fn verdicts_compare_dates_on_the_calendar_and_the_audit_spares_the_legal_case() {
        let cal = Calendar::vietnam();
        let l = log(&[
            // Thu 5/3/2026 + 3 working days = Tue 10/3: resolved Mon 9/3 → early.
            [
                "S",
                "X-260305-0001",
                "1.000001",
                "returned",
                "2026-03-05 09:00",
                "2026-03-10",
                "2026-03-09 10:00",
                "online",
            ],
            // Resolved on the due date → on time.
            [
                "S",
                "X-260305-0002",
                "1.000001",
                "returned",
                "2026-03-05 09:00",
                "2026-03-10",
                "2026-03-10 16:00",
                "direct",
            ],
            // Resolved after → late; its code says 6/3 (a mismatch).
            [
                "S",
                "X-260306-0003",
                "1.000001",
                "returned",
                "2026-03-05 09:00",
                "2026-03-10",
                "2026-03-11 08:00",
                "postal",
            ],
            // Same day, received at 15:30 on Friday 6/3: due Monday 9/3, written so: not flagged.
            [
                "S",
                "X-260306-0004",
                "1.000002",
                "returned",
                "2026-03-06 15:30",
                "2026-03-09",
                "2026-03-09 09:00",
                "direct",
            ],
            // Written due date later than the legal one (Tue 10/3) without an extension.
            [
                "S",
                "X-260305-0005",
                "1.000001",
                "processing",
                "2026-03-05 09:00",
                "2026-03-13",
                "",
                "online",
            ],
            // Withdrawn with a result.
            [
                "S",
                "X-260305-0006",
                "1.000001",
                "withdrawn",
                "2026-03-05 09:00",
                "2026-03-10",
                "2026-03-09",
                "online",
            ],
        ]);
        let judged = judged(&l, Some(&registry()), &cal).unwrap();
        let texts = |df: &DataFrame, name: &str| -> Vec<String> {
            strs(df, name)
                .unwrap()
                .into_iter()
                .map(Option::unwrap_or_default)
                .collect()
        };
        let verdicts = texts(&judged, c::VERDICT);
        assert_eq!(
            verdicts,
            [
                "early",
                "on_time",
                "late",
                "on_time",
                "pending",
                "not_counted"
            ]
        );
        let audit = audit(&l, Some(&registry()), &cal).unwrap();
        let flags: Vec<(String, String)> = texts(&audit, c::DOSSIER_CODE)
            .into_iter()
            .zip(texts(&audit, c::REASON_CODE))
            .collect();
        let flags: Vec<(&str, &str)> = flags
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(
            flags,
            [
                ("X-260305-0005", "due_later_than_legal"),
                ("X-260305-0006", "withdrawn_with_result"),
                ("X-260306-0003", "code_date_mismatch"),
            ]
        );
        let opts = Options {
            period: Period::Year,
            as_of: None,
            verdict: VerdictOf::Cchc,
        };
        let (stats, repeats) = statistics(&l, Some(&registry()), &cal, &opts).unwrap();
        assert_eq!(repeats, 0);
        let sum = |name: &str| stats.column(name).unwrap().i64().unwrap().sum().unwrap();
        assert_eq!(sum(c::RECEIVED), 6);
        assert_eq!(sum(c::RESOLVED), 4);
        assert_eq!(
            (
                sum(c::RESOLVED_EARLY),
                sum(c::RESOLVED_ON_TIME),
                sum(c::RESOLVED_LATE)
            ),
            (1, 2, 1)
        );
        assert_eq!(sum(c::PENDING_OVERDUE), 1, "judged at the end of 2026");
        assert_eq!(
            (
                sum(c::RECEIVED_ONLINE),
                sum(c::RECEIVED_DIRECT),
                sum(c::RECEIVED_POSTAL)
            ),
            (3, 2, 1)
        );
    }

    /// A result overwritten with the due time is the same stamp as written; a result seconds
    /// after the due time, or written to another precision, is not.
    #[test]
    fn an_overdue_reset_is_an_exact_stamp_not_one_that_agrees_to_the_minute() {
        let cal = Calendar::vietnam();
        let row = |n: usize, due: &'static str, resolved: &'static str| -> [String; 8] {
            [
                "T".into(),
                format!("X-260305-{n:04}"),
                "1.000001".into(),
                "returned".into(),
                "2026-03-05 09:00:00".into(),
                due.into(),
                resolved.into(),
                "online".into(),
            ]
        };
        let mut rows: Vec<[String; 8]> = (1..=5)
            .map(|n| row(n, "2026-03-10 11:28:00", "2026-03-10 11:28:00"))
            .collect();
        // Resolved 40 seconds after the due time: to the minute they agree, as written they do not.
        rows.push(row(6, "2026-03-10 11:28:00", "2026-03-10 11:28:40"));
        rows.push(row(7, "2026-03-10 16:59:00", "2026-03-10 16:59:59"));
        // Due written to the minute, result to the second at :00: not the same writing.
        rows.push(row(8, "2026-03-10 11:28", "2026-03-10 11:28:00"));
        let refs: Vec<[&str; 8]> = rows
            .iter()
            .map(|r| r.each_ref().map(String::as_str))
            .collect();
        let audit = audit(&log(&refs), Some(&registry()), &cal).unwrap();
        let texts = |name: &str| -> Vec<String> {
            audit
                .column(name)
                .unwrap()
                .str()
                .unwrap()
                .iter()
                .map(|s| s.unwrap_or_default().to_owned())
                .collect()
        };
        let resets: Vec<String> = texts(c::DOSSIER_CODE)
            .into_iter()
            .zip(texts(c::REASON_CODE))
            .filter(|(_, r)| r == "overdue_reset")
            .map(|(code, _)| code)
            .collect();
        assert_eq!(
            resets,
            (1..=5)
                .map(|n| format!("X-260305-{n:04}"))
                .collect::<Vec<_>>()
        );
        // The audit shows the dates as written, seconds included.
        assert!(
            texts(c::RESOLVED_AT)
                .iter()
                .all(|t| t == "2026-03-10 11:28:00")
        );
        assert!(
            texts(c::RECEIVED_AT)
                .iter()
                .all(|t| t == "2026-03-05 09:00:00")
        );
        // The seconds decide no verdict: all eight are on time, judged by the day.
        let opts = Options {
            period: Period::Year,
            as_of: None,
            verdict: VerdictOf::Office,
        };
        let (stats, _) = statistics(&log(&refs), Some(&registry()), &cal, &opts).unwrap();
        let sum = |name: &str| stats.column(name).unwrap().i64().unwrap().sum().unwrap();
        assert_eq!(sum(c::RESOLVED_ON_TIME), 8);
    }

    /// Every dossier counts in the period it was received in, not only those of the log's
    /// first period (a dossier of March once fell out of the monthly table, and one of 2026 out
    /// of a log that began in 2025).
    #[test]
    fn dossiers_after_the_first_period_are_counted_in_their_own() {
        let cal = Calendar::vietnam();
        let row = |code: &'static str, received: &'static str, resolved: &'static str| {
            [
                "S", code, "1.000001", "returned", received, "", resolved, "online",
            ]
        };
        let l = log(&[
            row("X-250110-0001", "2025-01-10 09:00", "2025-01-14 10:00"),
            row("X-250310-0002", "2025-03-10 09:00", "2025-03-12 10:00"),
            // Received in December, resolved in January: carried over into 2026.
            row("X-251230-0003", "2025-12-30 09:00", "2026-01-05 10:00"),
            row("X-260105-0004", "2026-01-05 09:00", ""),
        ]);
        let figures = |period: Period| -> Vec<(String, i64, i64, i64)> {
            let opts = Options {
                period,
                as_of: None,
                verdict: VerdictOf::Cchc,
            };
            let (stats, _) = statistics(&l, Some(&registry()), &cal, &opts).unwrap();
            let ints = |name: &str| -> Vec<i64> {
                stats
                    .column(name)
                    .unwrap()
                    .i64()
                    .unwrap()
                    .iter()
                    .flatten()
                    .collect()
            };
            let periods = strs(&stats, c::PERIOD).unwrap();
            let (received, carried, resolved) =
                (ints(c::RECEIVED), ints(c::CARRIED_OVER), ints(c::RESOLVED));
            periods
                .into_iter()
                .enumerate()
                .filter(|(i, _)| received[*i] + carried[*i] + resolved[*i] > 0)
                .map(|(i, p)| (p.unwrap_or_default(), received[i], carried[i], resolved[i]))
                .collect()
        };
        let p = |s: &str, a, b, r| (s.to_owned(), a, b, r);
        assert_eq!(
            figures(Period::Year),
            [p("2025", 3, 0, 2), p("2026", 1, 1, 1)]
        );
        assert_eq!(
            figures(Period::Month),
            [
                p("2025-01", 1, 0, 1),
                p("2025-03", 1, 0, 1),
                p("2025-12", 1, 0, 0),
                p("2026-01", 1, 1, 1),
            ]
        );
    }
}
