//! The rows a procedure import emits, gathered into the `procedures` (statistics of a period)
//! and `procedure_registry` (what the registry says) frames.

use std::collections::BTreeMap;

use cchc_model::columns as c;
use polars::prelude::{Column, DataFrame};

use super::fields::COUNT_FIELDS;
use crate::table::SourceFile;

/// One procedure row, parsed.
#[derive(Debug, Clone, Default)]
pub(super) struct Figures {
    pub(super) counts: BTreeMap<&'static str, Option<i64>>,
    pub(super) actual_days: Option<f64>,
}

impl Figures {
    pub(super) fn has_numbers(&self) -> bool {
        self.counts.values().any(Option::is_some) || self.actual_days.is_some()
    }

    pub(super) fn get(&self, field: &str) -> Option<i64> {
        self.counts.get(field).copied().flatten()
    }
}

/// Statistics that a section or total row states, to be checked against its rows.
#[derive(Debug, Clone)]
pub(super) struct StatedRow {
    pub(super) row: u32,
    pub(super) figures: Figures,
}

/// What a procedure row names: its year, unit, code, name and field.
pub(super) struct Record {
    pub(super) year: i32,
    pub(super) unit: String,
    pub(super) code: String,
    pub(super) name: Option<String>,
    pub(super) field: Option<String>,
}

/// What the registry says of a procedure.
pub(super) struct Attributes {
    /// The legal time limit with its unit.
    pub(super) limit: Option<cchc_calendar::Limit>,
    pub(super) fee: Option<f64>,
    pub(super) online_level: Option<&'static str>,
    pub(super) components: Option<i64>,
    pub(super) issuer: Option<String>,
    pub(super) agencies: Option<Vec<String>>,
}

/// Working hours in a day, for a limit in hours as working days (Quyết định 188/1999/QĐ-TTg).
const HOURS_PER_DAY: f64 = 8.0;

/// Where a row came from: (file, sheet, zero-based row).
pub(super) type At<'a> = (&'a SourceFile, &'a str, u32);

#[derive(Debug, Default)]
pub(super) struct Registry {
    pub(super) year: Vec<i32>,
    pub(super) unit: Vec<String>,
    pub(super) code: Vec<String>,
    pub(super) name: Vec<Option<String>>,
    pub(super) field: Vec<Option<String>>,
    pub(super) legal_days: Vec<Option<f64>>,
    pub(super) legal_amount: Vec<Option<f64>>,
    pub(super) legal_unit: Vec<Option<&'static str>>,
    pub(super) fee: Vec<Option<f64>>,
    pub(super) online_level: Vec<Option<&'static str>>,
    pub(super) components: Vec<Option<i64>>,
    pub(super) issuer: Vec<Option<String>>,
    pub(super) agencies: Vec<Option<Vec<String>>>,
    pub(super) lineage: Lineage,
}

#[derive(Debug, Default)]
pub(super) struct Stats {
    pub(super) year: Vec<i32>,
    pub(super) unit: Vec<String>,
    pub(super) code: Vec<String>,
    pub(super) name: Vec<Option<String>>,
    pub(super) field: Vec<Option<String>>,
    pub(super) counts: Vec<Vec<Option<i64>>>,
    pub(super) actual_days: Vec<Option<f64>>,
    pub(super) lineage: Lineage,
}

#[derive(Debug, Default)]
pub(super) struct Lineage {
    pub(super) sha: Vec<String>,
    pub(super) file: Vec<String>,
    pub(super) sheet: Vec<String>,
    pub(super) row: Vec<i32>,
}

impl Registry {
    pub(super) fn push(&mut self, r: &Record, a: &Attributes, (source, sheet, row): At<'_>) {
        self.year.push(r.year);
        self.unit.push(r.unit.clone());
        self.code.push(r.code.clone());
        self.name.push(r.name.clone());
        self.field.push(r.field.clone());
        self.legal_days
            .push(a.limit.map(|l| l.working_days(HOURS_PER_DAY)));
        self.legal_amount.push(a.limit.map(|l| l.amount));
        self.legal_unit.push(a.limit.map(|l| l.unit.code()));
        self.fee.push(a.fee);
        self.online_level.push(a.online_level);
        self.components.push(a.components);
        self.issuer.push(a.issuer.clone());
        self.agencies.push(a.agencies.clone());
        self.lineage.push(source, sheet, row);
    }
}

impl Stats {
    pub(super) fn push(&mut self, r: Record, figures: &Figures, (source, sheet, row): At<'_>) {
        self.year.push(r.year);
        self.unit.push(r.unit);
        self.code.push(r.code);
        self.name.push(r.name);
        self.field.push(r.field);
        for (i, f) in COUNT_FIELDS.iter().enumerate() {
            self.counts[i].push(figures.get(f));
        }
        self.actual_days.push(figures.actual_days);
        self.lineage.push(source, sheet, row);
    }
}

impl Lineage {
    pub(super) fn push(&mut self, source: &SourceFile, sheet: &str, row: u32) {
        self.sha.push(source.sha256.clone());
        self.file.push(source.file_name.clone());
        self.sheet.push(sheet.to_owned());
        self.row.push(row as i32 + 1);
    }

    pub(super) fn columns(self) -> [Column; 4] {
        [
            Column::new(c::SOURCE_SHA256.into(), self.sha),
            Column::new(c::SOURCE_FILE.into(), self.file),
            Column::new(c::SHEET.into(), self.sheet),
            Column::new(c::ROW.into(), self.row),
        ]
    }
}

/// The columns that name a procedure row in both frames: year, unit, code, name, field.
fn key_columns(
    year: Vec<i32>,
    unit: Vec<String>,
    code: Vec<String>,
    name: Vec<Option<String>>,
    field: Vec<Option<String>>,
) -> Vec<Column> {
    vec![
        Column::new(c::YEAR.into(), year),
        Column::new(c::UNIT.into(), unit),
        Column::new(c::CODE.into(), code),
        Column::new(c::NAME.into(), name),
        Column::new(c::FIELD.into(), field),
    ]
}

impl Stats {
    /// The `procedures` frame: statistics of a period.
    pub(super) fn into_frame(self) -> polars::prelude::PolarsResult<DataFrame> {
        let mut cols = key_columns(self.year, self.unit, self.code, self.name, self.field);
        for (name, values) in COUNT_FIELDS.iter().zip(self.counts) {
            cols.push(Column::new((*name).into(), values));
        }
        cols.push(Column::new(c::ACTUAL_DAYS.into(), self.actual_days));
        cols.extend(self.lineage.columns());
        DataFrame::new_infer_height(cols)
    }
}

impl Registry {
    /// The `procedure_registry` frame: what the registry says.
    pub(super) fn into_frame(self) -> polars::prelude::PolarsResult<DataFrame> {
        let online_level: Vec<Option<String>> = self
            .online_level
            .iter()
            .map(|l| l.map(str::to_owned))
            .collect();
        let mut cols = key_columns(self.year, self.unit, self.code, self.name, self.field);
        cols.extend([
            Column::new(c::LEGAL_DAYS.into(), self.legal_days),
            Column::new(c::LEGAL_AMOUNT.into(), self.legal_amount),
            Column::new(
                c::LEGAL_UNIT.into(),
                self.legal_unit
                    .iter()
                    .map(|u| u.map(str::to_owned))
                    .collect::<Vec<_>>(),
            ),
            Column::new(c::FEE.into(), self.fee),
            Column::new(c::ONLINE_LEVEL.into(), online_level),
            Column::new(c::COMPONENTS.into(), self.components),
            Column::new(c::ISSUER.into(), self.issuer),
            agencies_column(self.agencies)?,
        ]);
        cols.extend(self.lineage.columns());
        DataFrame::new_infer_height(cols)
    }
}

/// The agencies as a list column (null where the sheet has no such column).
fn agencies_column(agencies: Vec<Option<Vec<String>>>) -> polars::prelude::PolarsResult<Column> {
    use polars::prelude::{DataType, IntoColumn, IntoSeries, ListChunked, NamedFrom, Series};
    let lists: ListChunked = agencies
        .into_iter()
        .map(|a| a.map(|names| Series::new("".into(), names)))
        .collect();
    let series = lists
        .into_series()
        .with_name(c::AGENCIES.into())
        .cast(&DataType::List(Box::new(DataType::String)))?;
    Ok(series.into_column())
}
