//! A frame's column as a plain vector, the way the analyses, charts and report read result
//! frames: defined once here. A required column that is missing is an error; an optional one
//! (a column older stores lack) reads as all empty.

use polars::prelude::*;

/// A text column, nulls as empty text; other types are shown as text.
pub fn texts(df: &DataFrame, name: &str) -> PolarsResult<Vec<String>> {
    Ok(df
        .column(name)?
        .cast(&DataType::String)?
        .str()?
        .iter()
        .map(|s| s.unwrap_or_default().to_owned())
        .collect())
}

/// A number column as floats.
pub fn floats(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    Ok(df
        .column(name)?
        .cast(&DataType::Float64)?
        .f64()?
        .iter()
        .collect())
}

/// A number column as integers.
pub fn ints(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<i64>>> {
    Ok(df
        .column(name)?
        .cast(&DataType::Int64)?
        .i64()?
        .iter()
        .collect())
}

/// The years of a frame (its `year` column, or any integer column).
pub fn years(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<i32>>> {
    Ok(df
        .column(name)?
        .cast(&DataType::Int32)?
        .i32()?
        .iter()
        .collect())
}

/// A text column that may be missing: nulls (and every row, when it is) as `None`.
pub fn optional_texts(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<String>>> {
    match df.column(name) {
        Ok(col) => Ok(col.str()?.iter().map(|s| s.map(str::to_owned)).collect()),
        Err(_) => Ok(vec![None; df.height()]),
    }
}

/// An integer column that may be missing.
pub fn optional_ints(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<i64>>> {
    match df.column(name) {
        Ok(_) => ints(df, name),
        Err(_) => Ok(vec![None; df.height()]),
    }
}

/// A number column that may be missing.
pub fn optional_floats(df: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    match df.column(name) {
        Ok(_) => floats(df, name),
        Err(_) => Ok(vec![None; df.height()]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_read_as_vectors_and_optional_ones_may_be_missing() {
        let df = df!("unit" => [Some("Sở Y tế"), None], "n" => [Some(1i32), None]).unwrap();
        assert_eq!(texts(&df, "unit").unwrap(), ["Sở Y tế", ""]);
        assert_eq!(texts(&df, "n").unwrap(), ["1", ""]);
        assert_eq!(floats(&df, "n").unwrap(), [Some(1.0), None]);
        assert_eq!(ints(&df, "n").unwrap(), [Some(1), None]);
        assert_eq!(years(&df, "n").unwrap(), [Some(1), None]);
        assert!(texts(&df, "absent").is_err());
        assert_eq!(optional_texts(&df, "absent").unwrap(), [None, None]);
        assert_eq!(optional_ints(&df, "absent").unwrap(), [None, None]);
        assert_eq!(optional_floats(&df, "n").unwrap(), [Some(1.0), None]);
    }
}
