//! Dossier logs: the period statistics on Vietnam's working-day calendar, the audit of what a log
//! should not show, the reconciliation with the office's report, each dossier judged.

use std::path::{Path, PathBuf};

use cchc_analysis::dossiers::{self, Options, Period, VerdictOf};
use cchc_calendar::{Calendar, Day, Hours};
use cchc_model::columns as c;
use cchc_model::{TableKind, tables};
use polars::prelude::*;

use crate::{Query, QueryError, Result, Scope};

/// The calendar a request is judged on: the committed table with the default working hours, or
/// a province's from a TOML file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarChoice {
    /// A working-hours file.
    pub hours: Option<PathBuf>,
    /// The province's section in it.
    pub province: Option<String>,
}

impl CalendarChoice {
    /// The calendar.
    pub fn load(&self) -> Result<Calendar> {
        calendar(self.hours.as_deref(), self.province.as_deref())
    }
}

/// The calendar of a working-hours file (or the default hours) and a province's section in it.
pub fn calendar(hours: Option<&Path>, province: Option<&str>) -> Result<Calendar> {
    let hours = match hours {
        None => Hours::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| QueryError::File {
                path: path.to_owned(),
                detail: e.to_string(),
            })?;
            Hours::from_toml(&text, province).map_err(|source| QueryError::Hours {
                path: path.to_owned(),
                source,
            })?
        }
    };
    Ok(Calendar::with_hours(hours)?)
}

/// Reads `--verdict`: whose verdict, cchc's (legal due dates) or the office's (written ones).
pub fn verdict(asked: &str) -> Result<VerdictOf> {
    match asked {
        "cchc" => Ok(VerdictOf::Cchc),
        "office" => Ok(VerdictOf::Office),
        other => Err(QueryError::Verdict(other.to_owned())),
    }
}

/// Reads `--as-of`, a `yyyy-mm-dd` date.
pub fn as_of(asked: &str) -> Result<Day> {
    Day::parse_iso(asked).ok_or_else(|| QueryError::AsOf(asked.to_owned()))
}

/// A request over the dossier log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogRequest {
    /// Dossiers received this year, of this unit.
    pub scope: Scope,
    /// The calendar.
    pub calendar: CalendarChoice,
}

/// The dossiers a request reads.
pub struct Log {
    /// The log's rows in scope (the columns the analyses read).
    pub log: DataFrame,
    /// The procedure registry, when imported (the time limits).
    pub registry: Option<DataFrame>,
    /// The calendar.
    pub calendar: Calendar,
    /// Parts of the log written by a version that stored dates as text (read to the minute);
    /// a front end suggests importing again to keep the seconds.
    pub text_date_parts: usize,
}

/// The period statistics of a log.
pub struct Statistics {
    /// One row per period, unit and procedure.
    pub frame: DataFrame,
    /// Rows that repeated a dossier code across files (the latest kept).
    pub repeats: usize,
    /// Groups with no time limit in the registry.
    pub without_limit: usize,
}

/// The audit of a log.
pub struct Audit {
    /// One row per flag (`reason_code` says which).
    pub frame: DataFrame,
    /// The dossiers audited.
    pub dossiers: usize,
}

/// The log's figures beside the office's report.
pub struct Reconciled {
    /// One row per figure.
    pub frame: DataFrame,
    /// Figures that differ or exist on one side only.
    pub differ: usize,
    /// Figures compared.
    pub compared: usize,
}

impl Query<'_> {
    /// The log in scope, the registry and the calendar; [`QueryError::NoDossier`] when nothing
    /// matches the scope.
    pub fn dossier_log(&self, request: &LogRequest) -> Result<Log> {
        let calendar = request.calendar.load()?;
        let log = self.scan_imported(TableKind::Dossiers)?;
        let text_date_parts = self.store().text_date_parts()?;
        let log = self
            .scope_on_map(&request.scope, &[tables::DOSSIERS])
            .apply(log)?
            .select(dossiers::COLUMNS.map(col))
            .collect()?;
        if log.height() == 0 {
            return Err(QueryError::NoDossier);
        }
        let registry = match self.scan_table(tables::PROCEDURE_REGISTRY)? {
            Some(r) => Some(r.collect()?),
            None => None,
        };
        Ok(Log {
            log,
            registry,
            calendar,
            text_date_parts,
        })
    }
}

impl Query<'_> {
    /// The statistics of a log by period, each row with its unit's province and, on the latest
    /// map, the units as reported it combines (`combined_from`).
    pub fn dossier_statistics(&self, log: &Log, options: &Options) -> Result<Statistics> {
        let mut stats = log.statistics(options)?;
        stats.frame = self.with_province(stats.frame, &[tables::DOSSIERS])?;
        stats.frame = self.with_combined_from(stats.frame, &[tables::DOSSIERS])?;
        Ok(stats)
    }
}

impl Log {
    /// The statistics by period.
    pub fn statistics(&self, options: &Options) -> Result<Statistics> {
        let (frame, repeats) =
            dossiers::statistics(&self.log, self.registry.as_ref(), &self.calendar, options)?;
        let without_limit = frame.column(c::LEGAL_DAYS)?.null_count();
        Ok(Statistics {
            frame,
            repeats,
            without_limit,
        })
    }

    /// The flagged dossiers.
    pub fn audit(&self) -> Result<Audit> {
        Ok(Audit {
            frame: dossiers::audit(&self.log, self.registry.as_ref(), &self.calendar)?,
            dossiers: self.log.height(),
        })
    }

    /// Each dossier with its legal due date and both verdicts.
    pub fn judged(&self) -> Result<DataFrame> {
        Ok(dossiers::judged(
            &self.log,
            self.registry.as_ref(),
            &self.calendar,
        )?)
    }

    /// The yearly figures of the log beside the office's report of the same scope, only the
    /// figures that differ when asked.
    pub fn reconcile(
        &self,
        query: &Query<'_>,
        scope: &Scope,
        differences: bool,
    ) -> Result<Reconciled> {
        let opts = Options {
            period: Period::Year,
            as_of: None,
            verdict: VerdictOf::Cchc,
        };
        let yearly = self.statistics(&opts)?.frame;
        let from_log = dossiers::as_procedures(&yearly)?;
        let Some(office) = query.scan(TableKind::Procedures)? else {
            return Err(QueryError::NoOfficeReport);
        };
        let office = scope.apply(office)?.collect()?;
        let mut frame = dossiers::reconcile(&from_log, &office)?;
        let differ = frame
            .column(c::DIFFERENCE)?
            .i64()?
            .iter()
            .filter(|d| d.is_none_or(|d| d != 0))
            .count();
        let compared = frame.height();
        if differences {
            let mask = frame
                .column(c::DIFFERENCE)?
                .i64()?
                .not_equal(0)
                .fill_null_with_values(true)?;
            frame = frame.filter(&mask)?;
        }
        Ok(Reconciled {
            frame,
            differ,
            compared,
        })
    }
}

impl Query<'_> {
    /// How many dossier codes the store's logs hold in more than one file (the analyses keep each
    /// once, the row with the latest date); 0 without logs.
    pub fn repeated_dossier_codes(&self) -> Result<usize> {
        let Some(log) = self.scan(TableKind::Dossiers)? else {
            return Ok(0);
        };
        // The importer refuses a code repeated within one file, so a code met twice in the store
        // is in two files. Codes by key (`code_key`, as the importer and the analyses keep them),
        // each with how often it was met (up to two): no copy of the codes is kept.
        let df = log.select([col(c::DOSSIER_CODE)]).collect()?;
        let mut met: std::collections::HashMap<u128, u8> =
            std::collections::HashMap::with_capacity(df.height());
        let mut repeated = 0usize;
        for code in df.column(c::DOSSIER_CODE)?.str()?.iter().flatten() {
            let n = met.entry(cchc_model::text::code_key(code)).or_insert(0);
            *n = n.saturating_add(1);
            if *n == 2 {
                repeated += 1;
            }
        }
        Ok(repeated)
    }
}
