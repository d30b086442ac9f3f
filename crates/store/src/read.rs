//! Reading a part back one row group at a time as [`Rows`], its text columns still coded.
//!
//! The importer hands text to the store as codes into distinct values, and the store writes those
//! codes as each row group's Parquet dictionary (`part.rs`). Reading them back through polars
//! would decode every row's string (a 16-byte view each, 22 million of them for a million
//! respondents) only for the analysis to hash them back into groups. Here a text column whose
//! pages are all dictionary-encoded comes back as [`Coded`]: the row group's dictionary and one
//! key per row, never a string per row. Anything else (numbers, a column written by another
//! tool with plain pages, a null) is decoded by polars as usual and comes as a plain column.

use std::fs;
use std::io::{Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use cchc_model::{Coded, Rows, RowsColumn};
use polars::prelude::{IntoColumn, PolarsError, PolarsResult, Series, polars_err};
use polars_arrow::array::{Array, DictionaryArray, Utf8ViewArray};
use polars_arrow::datatypes::{ArrowDataType, DTYPE_CATEGORICAL_NEW, Field, IntegerType, Metadata};
use polars_buffer::Buffer;
use polars_parquet::read::{
    BasicDecompressor, ColumnChunkMetadata, FileMetadata, PageReader, column_iter_to_arrays,
    infer_schema, read_metadata,
};

use crate::StoreError;

/// Reads the Parquet file at `path` one row group at a time, with the `columns` it has (in the
/// order asked), and calls `send` with each; `send` returns false to stop. Returns whether every
/// row group was sent.
pub(crate) fn read_row_groups(
    path: &Path,
    columns: &[&str],
    send: &mut dyn FnMut(Rows) -> bool,
) -> Result<bool, StoreError> {
    let err = |e: PolarsError| StoreError::Parquet {
        path: path.to_owned(),
        detail: e.to_string(),
    };
    let io = |source: std::io::Error| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = fs::File::open(path).map_err(io)?;
    let metadata = read_metadata(&mut file).map_err(err)?;
    let schema = infer_schema(&metadata).map_err(err)?;
    let fields: Vec<&Field> = columns.iter().filter_map(|c| schema.get(c)).collect();
    for group in 0..metadata.row_groups.len() {
        if metadata.row_groups[group].num_rows() == 0 {
            continue;
        }
        let mut out = Vec::with_capacity(fields.len());
        for field in &fields {
            let chunks = column_chunks(&mut file, &metadata, group, &field.name).map_err(io)?;
            out.push(read_column(field, &chunks).map_err(err)?);
        }
        let rows = Rows::new(out).map_err(err)?;
        if !send(rows) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The bytes of a column's chunks in one row group, each with its metadata.
fn column_chunks<'m>(
    file: &mut fs::File,
    metadata: &'m FileMetadata,
    group: usize,
    name: &str,
) -> std::io::Result<Vec<(&'m ColumnChunkMetadata, Buffer<u8>)>> {
    let Some(chunks) = metadata.row_groups[group].columns_under_root_iter(name) else {
        return Ok(Vec::new());
    };
    chunks
        .map(|meta| {
            let range = meta.byte_range();
            let len = usize::try_from(range.end - range.start).map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, "column chunk too large")
            })?;
            file.seek(SeekFrom::Start(range.start))?;
            let mut bytes = Vec::new();
            bytes
                .try_reserve_exact(len)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::OutOfMemory, e))?;
            file.by_ref().take(len as u64).read_to_end(&mut bytes)?;
            if bytes.len() != len {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::UnexpectedEof,
                    "column chunk cut short",
                ));
            }
            Ok((meta, Buffer::from(bytes)))
        })
        .collect()
}

/// One column of one row group: coded when it is text held wholly in its dictionary, without
/// nulls; otherwise decoded by polars.
fn read_column(
    field: &Field,
    chunks: &[(&ColumnChunkMetadata, Buffer<u8>)],
) -> PolarsResult<RowsColumn> {
    if matches!(field.dtype, ArrowDataType::Utf8View)
        && let Ok(coded) = read_coded(field, chunks)
    {
        return Ok(RowsColumn::Coded(coded));
    }
    let arrays = decode(field.clone(), chunks)?;
    let series = Series::try_from((field, arrays))?;
    Ok(RowsColumn::Plain(series.into_column()))
}

/// A text column as the row group's dictionary and its keys, or an error when a page is not
/// dictionary-encoded or a row is null.
fn read_coded(field: &Field, chunks: &[(&ColumnChunkMetadata, Buffer<u8>)]) -> PolarsResult<Coded> {
    // Marked as polars marks its categoricals, polars-parquet decodes the keys alone.
    let metadata: Metadata = [(DTYPE_CATEGORICAL_NEW.into(), "".into())]
        .into_iter()
        .collect();
    let as_keys = Field::new(
        field.name.clone(),
        ArrowDataType::Dictionary(
            IntegerType::UInt32,
            Box::new(ArrowDataType::Utf8View),
            false,
        ),
        true,
    )
    .with_metadata(metadata);
    let arrays = decode(as_keys, chunks)?;
    let mut values = Vec::new();
    let mut codes = Vec::new();
    for array in &arrays {
        let dictionary = array
            .as_any()
            .downcast_ref::<DictionaryArray<u32>>()
            .ok_or_else(|| polars_err!(ComputeError: "{}: not a dictionary", field.name))?;
        if dictionary.null_count() > 0 {
            return Err(polars_err!(ComputeError: "{}: nulls", field.name));
        }
        let words = dictionary
            .values()
            .as_any()
            .downcast_ref::<Utf8ViewArray>()
            .ok_or_else(|| polars_err!(ComputeError: "{}: not text", field.name))?;
        let offset = u32::try_from(values.len())
            .map_err(|_| polars_err!(ComputeError: "{}: too many values", field.name))?;
        for word in words.iter() {
            values.push(word.unwrap_or_default().to_owned());
        }
        let limit = values.len() as u32;
        for key in dictionary.keys().values().iter() {
            let code = key + offset;
            if code >= limit {
                return Err(polars_err!(OutOfBounds: "{}: key {key}", field.name));
            }
            codes.push(code);
        }
    }
    Ok(Coded {
        name: field.name.clone(),
        values,
        codes,
        runs: Vec::new(),
    })
}

/// Decodes a column's chunks as `field` says.
fn decode(
    field: Field,
    chunks: &[(&ColumnChunkMetadata, Buffer<u8>)],
) -> PolarsResult<Vec<Box<dyn Array>>> {
    let (pages, types): (Vec<_>, Vec<_>) = chunks
        .iter()
        .map(|(meta, bytes)| {
            let pages = PageReader::new(Cursor::new(bytes.clone()), meta, Vec::new(), usize::MAX);
            (
                BasicDecompressor::new(pages, Vec::new()),
                &meta.descriptor().descriptor.primitive_type,
            )
        })
        .unzip();
    Ok(column_iter_to_arrays(pages, types, field, None)?.0)
}
