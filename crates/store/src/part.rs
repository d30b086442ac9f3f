//! Splitting a batch of rows into parts (table, year, unit) and encoding a part as one Parquet
//! row group.
//!
//! Coded text columns ([`Coded`]) are written as the Parquet dictionary they already are: the
//! codes of the part are renumbered densely and written as the dictionary keys, the values they
//! use as the dictionary page. Plain columns go through polars' own encoders. The file's schema
//! says `String` for a coded column, so every reader (polars, DuckDB) sees an ordinary text
//! column; only the writer's work differs. Columns are encoded and compressed in parallel.

use std::collections::HashMap;
use std::sync::LazyLock;

use cchc_model::columns as c;
use cchc_model::rows::expand_runs;
use cchc_model::{Coded, Rows, RowsColumn};
use polars::prelude::{
    ArrowDataType, CompatLevel, IdxSize, PolarsError, PolarsResult, polars_bail, polars_err,
};
use polars_arrow::array::{Array, DictionaryArray, PrimitiveArray, Utf8ViewArray};
use polars_arrow::datatypes::IntegerType;
use polars_parquet::write::{
    CompressedPage, CompressionOptions, Encoding, ParquetType, StatisticsOptions, Version,
    WriteOptions, array_to_columns, compress, get_dtype_encoding,
};
use rayon::prelude::*;

/// The options every page is written with: polars' defaults (zstd, statistics, 1 MiB pages).
pub(crate) fn write_options() -> WriteOptions {
    WriteOptions {
        statistics: StatisticsOptions::default(),
        version: Version::V1,
        compression: CompressionOptions::Zstd(None),
        data_page_size: None,
    }
}

/// The rows of one (year, unit) part of a batch: `None` when the part is the whole batch.
pub(crate) type Split = ((i32, String), Option<Vec<IdxSize>>);

/// Splits a batch by its `year` and `unit` columns; parts sorted by key, rows in batch order.
/// Rows without a year belong to no part (importers never emit them).
pub(crate) fn split(rows: &Rows) -> PolarsResult<Vec<Split>> {
    if rows.height() == 0 {
        return Ok(Vec::new());
    }
    let year_column = match rows.column(c::YEAR) {
        Some(column @ (RowsColumn::Plain(_) | RowsColumn::Runs { .. })) => column,
        _ => polars_bail!(ColumnNotFound: "an i32 column \"{}\"", c::YEAR),
    };
    let Some(unit_column) = rows.column(c::UNIT) else {
        polars_bail!(ColumnNotFound: "\"{}\"", c::UNIT);
    };
    // The usual batch is one year and one unit: no row list, and no run spelled out per row.
    if let (Some(year), Some(unit)) = (uniform_year(year_column)?, uniform_unit(unit_column)?) {
        return Ok(vec![((year, unit), None)]);
    }
    let year_column = year_column.materialized()?;
    let years = year_column.i32()?;
    let plain_names: Vec<String>;
    let unit_values: std::borrow::Cow<'_, polars::prelude::Column>;
    // Each row's unit as an index into `names`.
    let (names, units): (&[String], Units<'_>) = match unit_column {
        RowsColumn::Coded(coded) => (&coded.values, Units::Coded(coded.row_codes())),
        column @ (RowsColumn::Plain(_) | RowsColumn::Runs { .. }) => {
            unit_values = column.materialized()?;
            let mut ids: HashMap<&str, u32> = HashMap::new();
            let mut names = Vec::new();
            let per_row = unit_values
                .str()?
                .iter()
                .map(|u| {
                    u.map(|u| {
                        *ids.entry(u).or_insert_with(|| {
                            names.push(u.to_owned());
                            (names.len() - 1) as u32
                        })
                    })
                })
                .collect();
            plain_names = names;
            (&plain_names, Units::Plain(per_row))
        }
    };
    let years = match years.cont_slice() {
        Ok(dense) => Years::Dense(dense),
        Err(_) => Years::Sparse(years.iter().collect()),
    };
    let key_of = |i: usize| -> Option<(i32, u32)> { Some((years.get(i)?, units.get(i)?)) };
    let name = |u: u32| -> PolarsResult<String> {
        names
            .get(u as usize)
            .cloned()
            .ok_or_else(|| polars_err!(OutOfBounds: "unit code {u} beyond {} units", names.len()))
    };
    // Rows come in runs of one key (a respondent's answers): the last key's group is at hand.
    let mut groups: Vec<((i32, u32), Vec<IdxSize>)> = Vec::new();
    let mut index: HashMap<(i32, u32), usize> = HashMap::new();
    let mut last: Option<((i32, u32), usize)> = None;
    for i in 0..rows.height() {
        let Some(key) = key_of(i) else { continue };
        let g = match last {
            Some((k, g)) if k == key => g,
            _ => *index.entry(key).or_insert_with(|| {
                groups.push((key, Vec::new()));
                groups.len() - 1
            }),
        };
        last = Some((key, g));
        groups[g].1.push(i as IdxSize);
    }
    let mut out = groups
        .into_iter()
        .map(|((year, unit), idx)| Ok(((year, name(unit)?), Some(idx))))
        .collect::<PolarsResult<Vec<Split>>>()?;
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// The year of every row, when all rows have the same one (runs are not expanded).
fn uniform_year(column: &RowsColumn) -> PolarsResult<Option<i32>> {
    let values = match column {
        RowsColumn::Plain(c) | RowsColumn::Runs { column: c, .. } => c.i32()?,
        RowsColumn::Coded(_) => return Ok(None),
    };
    Ok(match values.get(0) {
        Some(first) if values.null_count() == 0 && values.iter().all(|y| y == Some(first)) => {
            Some(first)
        }
        _ => None,
    })
}

/// The unit of every row, when all rows have the same one (runs and codes are not expanded).
fn uniform_unit(column: &RowsColumn) -> PolarsResult<Option<String>> {
    Ok(match column {
        RowsColumn::Coded(coded) => coded
            .uniform()
            .and_then(|u| coded.values.get(u as usize).cloned()),
        RowsColumn::Plain(c) | RowsColumn::Runs { column: c, .. } => {
            let values = c.str()?;
            match values.get(0) {
                Some(first)
                    if values.null_count() == 0 && values.iter().all(|u| u == Some(first)) =>
                {
                    Some(first.to_owned())
                }
                _ => None,
            }
        }
    })
}

/// Each row's year: a column without nulls is read in place.
enum Years<'a> {
    Dense(&'a [i32]),
    Sparse(Vec<Option<i32>>),
}

impl Years<'_> {
    fn get(&self, i: usize) -> Option<i32> {
        match self {
            Years::Dense(y) => y.get(i).copied(),
            Years::Sparse(y) => y.get(i).copied().flatten(),
        }
    }
}

/// Each row's unit as an index into the unit names: a coded column's codes are read in place.
enum Units<'a> {
    Coded(std::borrow::Cow<'a, [u32]>),
    Plain(Vec<Option<u32>>),
}

impl Units<'_> {
    fn get(&self, i: usize) -> Option<u32> {
        match self {
            Units::Coded(u) => u.get(i).copied(),
            Units::Plain(u) => u.get(i).copied().flatten(),
        }
    }
}

/// Encodes and compresses the rows `idx` (all rows when `None`) of a batch as the column chunks
/// of one row group, in the order of `fields` (the file's schema).
pub(crate) fn encode(
    rows: &Rows,
    idx: Option<&[IdxSize]>,
    fields: &[ParquetType],
    skip: Option<&str>,
) -> PolarsResult<Vec<Vec<CompressedPage>>> {
    // The columns written: all but `skip` (the year, which the part's folder holds).
    let written: Vec<&RowsColumn> = rows
        .columns()
        .iter()
        .filter(|c| skip.is_none_or(|s| c.name() != s))
        .collect();
    if fields.len() != written.len() {
        polars_bail!(
            ShapeMismatch: "{} columns for a file of {}", written.len(), fields.len()
        );
    }
    let options = write_options();
    let encode_column = |(column, field): (&&RowsColumn, &ParquetType)| {
        let (array, encodings): (Box<dyn Array>, Vec<Encoding>) = match column {
            RowsColumn::Plain(_) | RowsColumn::Runs { .. } => {
                let col = column.materialized()?;
                let col = match idx {
                    Some(idx) => col.take_slice(idx)?,
                    None => col.into_owned(),
                };
                let series = col.as_materialized_series().rechunk();
                let array = series.to_arrow(0, CompatLevel::newest());
                let encodings = get_dtype_encoding(array.dtype());
                (array, encodings)
            }
            RowsColumn::Coded(coded) => (
                dictionary(coded, idx)?.boxed(),
                vec![Encoding::RleDictionary],
            ),
        };
        let mut chunks = Vec::new();
        for pages in array_to_columns(array, field.clone(), options, &encodings)? {
            let mut compressed = Vec::new();
            for page in pages {
                compressed.push(
                    compress(page?, Vec::new(), options.compression).map_err(PolarsError::from)?,
                );
            }
            chunks.push(compressed);
        }
        Ok(chunks)
    };
    let columns = match &*ENCODERS {
        Some(pool) => pool.install(|| {
            written
                .par_iter()
                .zip(fields)
                .map(encode_column)
                .collect::<PolarsResult<Vec<_>>>()
        }),
        None => written
            .iter()
            .zip(fields)
            .map(encode_column)
            .collect::<PolarsResult<Vec<_>>>(),
    }?;
    Ok(columns.into_iter().flatten().collect())
}

/// Threads of their own for encoding columns. Never the global rayon pool: its workers may be
/// the importers of other files, each waiting for its writer to take a batch, while the writer
/// would wait for a worker (a deadlock as soon as there are as many files as cores). `None`
/// when the threads cannot be started: columns are then encoded one after another.
static ENCODERS: LazyLock<Option<rayon::ThreadPool>> = LazyLock::new(|| {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("cchc-encode-{i}"))
        .build()
        .ok()
});

/// The rows `idx` of a coded column as an Arrow dictionary holding only the values they use,
/// in the order of the column's values.
fn dictionary(coded: &Coded, idx: Option<&[IdxSize]>) -> PolarsResult<DictionaryArray<u32>> {
    const UNSEEN: u32 = u32::MAX;
    // A part picked out of a mixed batch needs a code per row; a whole batch reads its codes (or
    // runs) as they are.
    let row_codes = idx.map(|_| coded.row_codes());
    if let (Some(idx), Some(rows)) = (idx, &row_codes)
        && let Some(bad) = idx.iter().max().filter(|m| **m as usize >= rows.len())
    {
        polars_bail!(OutOfBounds: "row {bad} beyond {} rows", rows.len());
    }
    // Which values the rows use, then their new numbers (a value used by no row is left out:
    // the statistics of the dictionary page are the part's own).
    let mut local = vec![UNSEEN; coded.values.len()];
    let mut mark = |code: u32| -> PolarsResult<()> {
        match local.get_mut(code as usize) {
            Some(slot) => {
                *slot = 0;
                Ok(())
            }
            None => polars_bail!(
                OutOfBounds: "code {code} of column {} beyond its {} values",
                coded.name,
                coded.values.len()
            ),
        }
    };
    match (idx, &row_codes) {
        (Some(idx), Some(rows)) => idx.iter().try_for_each(|i| mark(rows[*i as usize]))?,
        _ => coded.codes.iter().try_for_each(|code| mark(*code))?,
    }
    let mut used: Vec<&str> = Vec::new();
    for (value, slot) in coded.values.iter().zip(local.iter_mut()) {
        if *slot != UNSEEN {
            *slot = used.len() as u32;
            used.push(value);
        }
    }
    let keys: Vec<u32> = match (idx, &row_codes) {
        (Some(idx), Some(rows)) => idx
            .iter()
            .map(|i| local[rows[*i as usize] as usize])
            .collect(),
        // Every value used: the codes are already the keys.
        _ if used.len() == coded.values.len() => coded.row_codes().into_owned(),
        _ if coded.runs.is_empty() => coded.codes.iter().map(|c| local[*c as usize]).collect(),
        _ => expand_runs(coded.codes.iter().map(|c| local[*c as usize]), &coded.runs),
    };
    let values = Utf8ViewArray::from_slice_values(used);
    DictionaryArray::try_new(
        ArrowDataType::Dictionary(
            IntegerType::UInt32,
            Box::new(ArrowDataType::Utf8View),
            false,
        ),
        PrimitiveArray::from_vec(keys),
        values.boxed(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::{Column, DataFrame};

    fn batch() -> Rows {
        Rows::new(vec![
            RowsColumn::Plain(Column::new(c::YEAR.into(), [2024, 2024, 2023, 2024])),
            RowsColumn::Coded(Coded {
                name: c::UNIT.into(),
                values: vec!["Sở A".into(), "Sở B".into()],
                codes: vec![1, 0, 1, 1],
                runs: Vec::new(),
            }),
            RowsColumn::Plain(Column::new(
                "answer".into(),
                [Some(4), None, Some(5), Some(1)],
            )),
        ])
        .unwrap()
    }

    #[test]
    fn batches_split_by_year_and_unit_in_row_order() {
        let parts = split(&batch()).unwrap();
        let keys: Vec<_> = parts.iter().map(|p| p.0.clone()).collect();
        assert_eq!(
            keys,
            [
                (2023, "Sở B".to_owned()),
                (2024, "Sở A".to_owned()),
                (2024, "Sở B".to_owned())
            ]
        );
        assert_eq!(parts[2].1.as_deref(), Some(&[0, 3][..]));
        // A plain unit column splits the same way.
        let plain = Rows::from(batch().into_frame().unwrap());
        let again: Vec<_> = split(&plain).unwrap();
        assert_eq!(again, parts);
    }

    #[test]
    fn a_batch_of_one_part_needs_no_row_list() {
        let frame = DataFrame::new_infer_height(vec![
            Column::new(c::YEAR.into(), [2024, 2024]),
            Column::new(c::UNIT.into(), ["Sở A", "Sở A"]),
        ])
        .unwrap();
        assert_eq!(
            split(&Rows::from(frame)).unwrap(),
            [((2024, "Sở A".to_owned()), None)]
        );
    }

    #[test]
    fn dictionaries_hold_only_the_values_a_part_uses() {
        let rows = batch();
        let Some(RowsColumn::Coded(unit)) = rows.column(c::UNIT) else {
            panic!("unit is coded");
        };
        let dict = dictionary(unit, Some(&[1])).unwrap();
        assert_eq!(dict.keys().values().as_slice(), &[0]);
        let values = dict
            .values()
            .as_any()
            .downcast_ref::<Utf8ViewArray>()
            .unwrap();
        assert_eq!(values.values_iter().collect::<Vec<_>>(), ["Sở A"]);
        let bad = Coded {
            name: "x".into(),
            values: vec!["a".into()],
            codes: vec![0, 7],
            runs: Vec::new(),
        };
        assert!(dictionary(&bad, None).is_err());
    }
}
