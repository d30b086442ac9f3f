//! Parts written by earlier versions of cchc, read as the current ones are.
//!
//! Dossier logs stored before date-times were timestamps hold their dates as text
//! (`yyyy-mm-dd` or `yyyy-mm-dd HH:MM`, seconds already dropped). Such a part is read into
//! timestamps with the precision its text shows ([`cchc_model::stamp`]), so that one table may
//! hold parts of both ages; [`crate::Store::text_date_parts`] tells how many there are, so that
//! the user can be told once to import those logs again to keep their seconds.

use cchc_model::columns as c;
use cchc_model::stamp::{Stamp, pack};
use polars::prelude::*;

/// Whether a part's schema holds its dossier dates as text.
pub(crate) fn has_text_dates(schema: &Schema) -> bool {
    matches!(schema.get(c::RECEIVED_AT), Some(DataType::String))
}

/// The part's dossier dates as timestamps and their precisions packed, from their text.
pub(crate) fn dates_from_text(mut df: DataFrame) -> PolarsResult<DataFrame> {
    let height = df.height();
    let mut precisions = vec![[None; 8]; height];
    for (k, name) in c::DOSSIER_DATES.iter().enumerate() {
        let stamps: Vec<Option<Stamp>> = match df.column(name) {
            Ok(column) if column.dtype() == &DataType::String => column
                .str()?
                .iter()
                .map(|s| s.and_then(Stamp::parse_stored_text))
                .collect(),
            Ok(_) => continue,
            Err(_) => vec![None; height],
        };
        for (row, stamp) in stamps.iter().enumerate() {
            precisions[row][k] = stamp.map(|s| s.precision);
        }
        let millis = Int64Chunked::from_iter_options(
            (*name).into(),
            stamps.into_iter().map(|s| s.map(|s| s.millis)),
        )
        .into_datetime(TimeUnit::Milliseconds, None);
        df.with_column(millis.into_series().into_column())?;
    }
    let packed: Vec<i32> = precisions.into_iter().map(|p| i32::from(pack(p))).collect();
    df.with_column(Column::new(c::DATE_PRECISION.into(), packed))?;
    Ok(df)
}
