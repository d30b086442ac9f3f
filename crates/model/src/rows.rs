//! Rows on their way from an importer to the store.
//!
//! A large survey repeats a handful of units, questions, elements and lineage values millions of
//! times. An importer that already holds such a column as codes into its distinct values hands it
//! over as a [`Coded`] column: the store writes the codes as the Parquet dictionary directly,
//! instead of materialising every string for the writer to hash back into a dictionary. Anything
//! else travels as a plain polars [`Column`]. [`Rows::into_frame`] gives the ordinary frame, with
//! the coded columns as `String`.

use polars::prelude::{
    Column, DataFrame, DataType, IdxCa, IntoColumn, NamedFrom, PlSmallStr, PolarsResult, Schema,
    Series, polars_bail,
};

/// A text column as codes into its distinct values: row `i` holds `values[codes[i]]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coded {
    /// The column's name.
    pub name: PlSmallStr,
    /// The distinct values (a value may appear in no row).
    pub values: Vec<String>,
    /// One code per row, each an index into `values`.
    pub codes: Vec<u32>,
}

impl Coded {
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
        let idx = IdxCa::from_vec(self.name.clone(), self.codes.clone());
        Ok(values.take(&idx)?.into_column())
    }
}

/// One column of [`Rows`].
#[derive(Debug, Clone)]
pub enum RowsColumn {
    /// An ordinary polars column.
    Plain(Column),
    /// A text column as codes (never null).
    Coded(Coded),
}

impl RowsColumn {
    /// The column's name.
    pub fn name(&self) -> &PlSmallStr {
        match self {
            RowsColumn::Plain(c) => c.name(),
            RowsColumn::Coded(c) => &c.name,
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        match self {
            RowsColumn::Plain(c) => c.len(),
            RowsColumn::Coded(c) => c.codes.len(),
        }
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The polars type of the column once materialised.
    pub fn dtype(&self) -> DataType {
        match self {
            RowsColumn::Plain(c) => c.dtype().clone(),
            RowsColumn::Coded(_) => DataType::String,
        }
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
        })
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
