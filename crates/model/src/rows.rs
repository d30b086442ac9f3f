//! Rows on their way from an importer to the store.
//!
//! A large survey repeats a handful of units, questions, elements and lineage values millions of
//! times. An importer that already holds such a column as codes into its distinct values hands it
//! over as a [`Coded`] column: the store writes the codes as the Parquet dictionary directly,
//! instead of materialising every string for the writer to hash back into a dictionary. Anything
//! else travels as a plain polars [`Column`]. [`Rows::into_frame`] gives the ordinary frame, with
//! the coded columns as `String`.

use polars::prelude::{
    Column, DataFrame, DataType, IdxCa, IdxSize, IntoColumn, NamedFrom, PlSmallStr, PolarsResult,
    Schema, Series, polars_bail,
};

/// A text column as codes into its distinct values: row `i` holds `values[codes[i]]`, or, with
/// `runs`, code `i` stands for `runs[i]` consecutive rows (a survey's unit, respondent and
/// lineage repeat over the answers of a respondent: kept once per respondent, a batch needs
/// half the memory).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coded {
    /// The column's name.
    pub name: PlSmallStr,
    /// The distinct values (a value may appear in no row).
    pub values: Vec<String>,
    /// Codes, each an index into `values`: one per row, or one per run.
    pub codes: Vec<u32>,
    /// Empty: one code per row. Otherwise as long as `codes`: how many rows each code covers.
    pub runs: Vec<u32>,
}

impl Coded {
    /// The number of rows.
    pub fn len(&self) -> usize {
        if self.runs.is_empty() {
            self.codes.len()
        } else {
            self.runs.iter().map(|n| *n as usize).sum()
        }
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// One code per row.
    pub fn row_codes(&self) -> std::borrow::Cow<'_, [u32]> {
        if self.runs.is_empty() {
            std::borrow::Cow::Borrowed(&self.codes)
        } else {
            std::borrow::Cow::Owned(expand_runs(self.codes.iter().copied(), &self.runs))
        }
    }

    /// The code of every row, when all rows have the same one.
    pub fn uniform(&self) -> Option<u32> {
        let first = *self.codes.first()?;
        self.codes.iter().all(|c| *c == first).then_some(first)
    }

    /// The column with its strings materialised.
    pub fn to_column(&self) -> PolarsResult<Column> {
        if let Some(bad) = self
            .codes
            .iter()
            .find(|c| **c as usize >= self.values.len())
        {
            polars_bail!(
                OutOfBounds: "code {bad} of column {} beyond its {} values",
                self.name,
                self.values.len()
            );
        }
        let values = Series::new(self.name.clone(), self.values.as_slice());
        let idx = IdxCa::from_vec(self.name.clone(), self.row_codes().into_owned());
        Ok(values.take(&idx)?.into_column())
    }
}

/// One item per row: item `i` repeated `runs[i]` times.
pub fn expand_runs<T: Copy>(items: impl IntoIterator<Item = T>, runs: &[u32]) -> Vec<T> {
    let mut out = Vec::with_capacity(runs.iter().map(|n| *n as usize).sum());
    for (item, n) in items.into_iter().zip(runs) {
        out.extend(std::iter::repeat_n(item, *n as usize));
    }
    out
}

/// One column of [`Rows`].
#[derive(Debug, Clone)]
pub enum RowsColumn {
    /// An ordinary polars column.
    Plain(Column),
    /// A text column as codes (never null).
    Coded(Coded),
    /// An ordinary column with one value per run of rows: value `i` stands for `runs[i]`
    /// consecutive rows (a survey's year and row number repeat over a respondent's answers).
    Runs {
        /// One value per run.
        column: Column,
        /// How many rows each value covers.
        runs: Vec<u32>,
    },
}

impl RowsColumn {
    /// The column's name.
    pub fn name(&self) -> &PlSmallStr {
        match self {
            RowsColumn::Plain(c) | RowsColumn::Runs { column: c, .. } => c.name(),
            RowsColumn::Coded(c) => &c.name,
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        match self {
            RowsColumn::Plain(c) => c.len(),
            RowsColumn::Coded(c) => c.len(),
            RowsColumn::Runs { runs, .. } => runs.iter().map(|n| *n as usize).sum(),
        }
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The polars type of the column once materialised.
    pub fn dtype(&self) -> DataType {
        match self {
            RowsColumn::Plain(c) | RowsColumn::Runs { column: c, .. } => c.dtype().clone(),
            RowsColumn::Coded(_) => DataType::String,
        }
    }

    /// The column with one value per row (runs expanded, codes turned into text).
    pub fn materialized(&self) -> PolarsResult<std::borrow::Cow<'_, Column>> {
        Ok(match self {
            RowsColumn::Plain(c) => std::borrow::Cow::Borrowed(c),
            RowsColumn::Coded(c) => std::borrow::Cow::Owned(c.to_column()?),
            RowsColumn::Runs { column, runs } => {
                if runs.len() != column.len() {
                    polars_bail!(
                        ShapeMismatch: "column {} has {} values and {} runs",
                        column.name(), column.len(), runs.len()
                    );
                }
                let idx = expand_runs(0..runs.len() as IdxSize, runs);
                std::borrow::Cow::Owned(column.take(&IdxCa::from_vec(column.name().clone(), idx))?)
            }
        })
    }
}

/// A batch of rows of one table: columns of equal length, some of them [`Coded`].
#[derive(Debug, Clone, Default)]
pub struct Rows {
    columns: Vec<RowsColumn>,
}

impl Rows {
    /// Rows from columns of equal length and distinct names.
    pub fn new(columns: Vec<RowsColumn>) -> PolarsResult<Rows> {
        for c in &columns {
            match c {
                RowsColumn::Coded(coded)
                    if !coded.runs.is_empty() && coded.runs.len() != coded.codes.len() =>
                {
                    polars_bail!(
                        ShapeMismatch: "column {} has {} codes and {} runs",
                        coded.name, coded.codes.len(), coded.runs.len()
                    );
                }
                RowsColumn::Runs { column, runs } if runs.len() != column.len() => {
                    polars_bail!(
                        ShapeMismatch: "column {} has {} values and {} runs",
                        column.name(), column.len(), runs.len()
                    );
                }
                _ => {}
            }
        }
        if let Some(first) = columns.first() {
            for c in &columns {
                if c.len() != first.len() {
                    polars_bail!(
                        ShapeMismatch: "column {} has {} rows, column {} has {}",
                        c.name(), c.len(), first.name(), first.len()
                    );
                }
            }
        }
        for (i, c) in columns.iter().enumerate() {
            if columns[..i].iter().any(|d| d.name() == c.name()) {
                polars_bail!(Duplicate: "column {} twice", c.name());
            }
        }
        Ok(Rows { columns })
    }

    /// The number of rows.
    pub fn height(&self) -> usize {
        self.columns.first().map_or(0, RowsColumn::len)
    }

    /// The columns.
    pub fn columns(&self) -> &[RowsColumn] {
        &self.columns
    }

    /// A column by name.
    pub fn column(&self, name: &str) -> Option<&RowsColumn> {
        self.columns.iter().find(|c| c.name() == name)
    }

    /// The schema of the materialised frame (coded columns are `String`).
    pub fn schema(&self) -> Schema {
        self.columns
            .iter()
            .map(|c| (c.name().clone(), c.dtype()))
            .collect()
    }

    /// The ordinary frame: coded columns materialised as strings.
    pub fn into_frame(self) -> PolarsResult<DataFrame> {
        let columns = self
            .columns
            .into_iter()
            .map(|c| match c {
                RowsColumn::Plain(c) => Ok(c),
                RowsColumn::Coded(c) => c.to_column(),
                runs @ RowsColumn::Runs { .. } => runs.materialized().map(|c| c.into_owned()),
            })
            .collect::<PolarsResult<Vec<_>>>()?;
        DataFrame::new_infer_height(columns)
    }
}

impl From<DataFrame> for Rows {
    fn from(frame: DataFrame) -> Rows {
        Rows {
            columns: frame
                .into_columns()
                .into_iter()
                .map(RowsColumn::Plain)
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coded(name: &str, values: &[&str], codes: &[u32]) -> RowsColumn {
        RowsColumn::Coded(Coded {
            name: name.into(),
            values: values.iter().map(|v| (*v).to_owned()).collect(),
            codes: codes.to_vec(),
            runs: Vec::new(),
        })
    }

    #[test]
    fn plain_runs_stand_for_consecutive_rows() {
        let rows = Rows::new(vec![
            RowsColumn::Runs {
                column: Column::new("year".into(), [2023, 2024]),
                runs: vec![1, 3],
            },
            RowsColumn::Plain(Column::new("answer".into(), [1, 2, 3, 4])),
        ])
        .unwrap();
        assert_eq!(rows.height(), 4);
        assert_eq!(rows.schema().get("year"), Some(&DataType::Int32));
        let frame = rows.into_frame().unwrap();
        let years: Vec<_> = frame
            .column("year")
            .unwrap()
            .i32()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(years, [Some(2023), Some(2024), Some(2024), Some(2024)]);
        let uneven = Rows::new(vec![RowsColumn::Runs {
            column: Column::new("year".into(), [2023, 2024]),
            runs: vec![1],
        }]);
        assert!(uneven.is_err());
    }

    #[test]
    fn runs_stand_for_consecutive_rows() {
        let runs = RowsColumn::Coded(Coded {
            name: "unit".into(),
            values: vec!["A".into(), "B".into()],
            codes: vec![1, 0],
            runs: vec![2, 3],
        });
        let rows = Rows::new(vec![
            RowsColumn::Plain(Column::new("year".into(), [1, 2, 3, 4, 5])),
            runs,
        ])
        .unwrap();
        assert_eq!(rows.height(), 5);
        let Some(RowsColumn::Coded(unit)) = rows.column("unit") else {
            panic!("coded");
        };
        assert_eq!(&*unit.row_codes(), &[1, 1, 0, 0, 0]);
        assert_eq!(unit.uniform(), None);
        let frame = rows.clone().into_frame().unwrap();
        let units: Vec<_> = frame
            .column("unit")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(
            units,
            [Some("B"), Some("B"), Some("A"), Some("A"), Some("A")]
        );
        // Runs must match the codes one to one, and add up to the other columns' length.
        let uneven = Coded {
            name: "x".into(),
            values: vec!["A".into()],
            codes: vec![0, 0],
            runs: vec![5],
        };
        assert!(Rows::new(vec![RowsColumn::Coded(uneven)]).is_err());
        let short = Coded {
            name: "x".into(),
            values: vec!["A".into()],
            codes: vec![0],
            runs: vec![4],
        };
        assert!(
            Rows::new(vec![
                RowsColumn::Plain(Column::new("year".into(), [1, 2, 3, 4, 5])),
                RowsColumn::Coded(short)
            ])
            .is_err()
        );
    }

    #[test]
    fn coded_columns_materialise_as_their_values() {
        let rows = Rows::new(vec![
            RowsColumn::Plain(Column::new("year".into(), [2024, 2024, 2025])),
            coded("unit", &["Sở A", "Sở B", "unused"], &[1, 0, 1]),
        ])
        .unwrap();
        assert_eq!(rows.height(), 3);
        assert_eq!(rows.schema().get("unit"), Some(&DataType::String));
        let frame = rows.into_frame().unwrap();
        let units: Vec<_> = frame
            .column("unit")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(units, [Some("Sở B"), Some("Sở A"), Some("Sở B")]);
    }

    #[test]
    fn uneven_columns_and_bad_codes_are_errors() {
        let uneven = Rows::new(vec![
            RowsColumn::Plain(Column::new("year".into(), [2024, 2024])),
            coded("unit", &["A"], &[0]),
        ]);
        assert!(uneven.is_err());
        let twice = Rows::new(vec![
            coded("unit", &["A"], &[0]),
            coded("unit", &["A"], &[0]),
        ]);
        assert!(twice.is_err());
        let bad = Rows::new(vec![coded("unit", &["A"], &[0, 3])]).unwrap();
        assert!(bad.into_frame().is_err());
    }

    #[test]
    fn frames_convert_without_change() {
        let frame = DataFrame::new_infer_height(vec![
            Column::new("year".into(), [2024, 2025]),
            Column::new("unit".into(), ["A", "B"]),
        ])
        .unwrap();
        let back = Rows::from(frame.clone()).into_frame().unwrap();
        assert!(back.equals(&frame));
    }
}
