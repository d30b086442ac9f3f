//! The scope of a request — a year, a unit — and the choices a front end offers from the store:
//! a unit named as the analyst types it ("so tu phap" is "Sở Tư pháp"), the only unit or year there
//! is, or the latest year.

use cchc_model::columns as c;
use cchc_model::text::fold;
use polars::prelude::*;

use crate::{Choice, QueryError, Result};

/// The year and unit a request is limited to (none: every one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// Only this year.
    pub year: Option<i32>,
    /// Only this unit, matched by [`unit_matches`].
    pub unit: Option<String>,
}

impl Scope {
    /// Every year and unit.
    pub fn all() -> Scope {
        Scope::default()
    }

    /// One year and one unit, when asked.
    pub fn of(year: Option<i32>, unit: Option<&str>) -> Scope {
        Scope {
            year,
            unit: unit.map(str::to_owned),
        }
    }

    /// Keeps the rows of the scope's year and unit.
    pub fn apply(&self, lf: LazyFrame) -> Result<LazyFrame> {
        filter(lf, self.year, self.unit.as_deref())
    }
}

/// Whether a unit named by the analyst is this stored unit: accents, case and spaces folded, the
/// same way in every query.
pub fn unit_matches(wanted: &str, unit: &str) -> bool {
    fold(wanted) == fold(unit)
}

/// Keeps the rows of one year and one unit (matched by [`unit_matches`]), when asked.
pub fn filter(lf: LazyFrame, year: Option<i32>, unit: Option<&str>) -> Result<LazyFrame> {
    let mut lf = lf;
    if let Some(y) = year {
        lf = lf.filter(col(c::YEAR).eq(lit(y)));
    }
    if let Some(wanted) = unit {
        let units = lf
            .clone()
            .select([col(c::UNIT)])
            .unique(None, UniqueKeepStrategy::First)
            .collect()?;
        let same = units
            .column(c::UNIT)?
            .str()?
            .iter()
            .flatten()
            .filter(|u| unit_matches(wanted, u))
            .fold(lit(false), |any, u| {
                any.or(col(c::UNIT).eq(lit(u.to_owned())))
            });
        lf = lf.filter(same);
    }
    Ok(lf)
}

/// Keeps the rows of these units (exact names, as the store shows them).
pub fn keep_units(df: DataFrame, units: &[String]) -> Result<DataFrame> {
    let any = units
        .iter()
        .fold(lit(false), |any, u| any.or(col(c::UNIT).eq(lit(u.clone()))));
    Ok(df.lazy().filter(any).collect()?)
}

/// The distinct values of a string column, in order of first appearance.
pub fn distinct_strings(df: &DataFrame, name: &str) -> Result<Vec<String>> {
    let mut seen: Vec<String> = Vec::new();
    for v in df.column(name)?.str()?.iter().flatten() {
        if !seen.iter().any(|s| s == v) {
            seen.push(v.to_owned());
        }
    }
    Ok(seen)
}

/// The distinct values of a year column, sorted.
pub fn distinct_years(df: &DataFrame) -> Result<Vec<i32>> {
    let mut years: Vec<i32> = df.column(c::YEAR)?.i32()?.iter().flatten().collect();
    years.sort_unstable();
    years.dedup();
    Ok(years)
}

/// A unit from those available: the one asked for (matched by [`unit_matches`]), else the only
/// one; an error listing them otherwise.
pub fn choose_unit(asked: Option<&str>, available: &[String]) -> Result<String> {
    choose_by(
        asked.map(str::to_owned),
        available,
        Choice::Unit,
        |asked, stored| unit_matches(asked, stored),
    )
}

/// A year from those available (sorted): the one asked for, else the latest.
pub fn choose_year(asked: Option<i32>, available: &[i32]) -> Result<i32> {
    match asked {
        Some(y) => choose_by(Some(y), available, Choice::Year, |a, b| a == b),
        None => available.last().copied().ok_or(QueryError::NoYear),
    }
}

fn choose_by<T: Clone + std::fmt::Display>(
    asked: Option<T>,
    available: &[T],
    what: Choice,
    same: impl Fn(&T, &T) -> bool,
) -> Result<T> {
    let names = || available.iter().map(ToString::to_string).collect();
    match asked {
        Some(v) => match available.iter().find(|a| same(&v, a)) {
            Some(found) => Ok(found.clone()),
            None => Err(QueryError::NotInStore {
                what,
                asked: v.to_string(),
                available: names(),
            }),
        },
        None => match available {
            [one] => Ok(one.clone()),
            [] => Err(QueryError::NoData),
            _ => Err(QueryError::ChooseOne {
                what,
                available: names(),
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_is_chosen_as_the_analyst_types_it_or_is_the_only_one() {
        let units = vec!["Sở Tư pháp".to_owned(), "Sở Y tế".to_owned()];
        assert_eq!(
            choose_unit(Some("so tu phap"), &units).unwrap(),
            "Sở Tư pháp"
        );
        assert!(matches!(
            choose_unit(None, &units),
            Err(QueryError::ChooseOne {
                what: Choice::Unit,
                ..
            })
        ));
        assert!(matches!(
            choose_unit(Some("Sở Xây dựng"), &units),
            Err(QueryError::NotInStore {
                what: Choice::Unit,
                ..
            })
        ));
        assert_eq!(choose_unit(None, &units[..1]).unwrap(), "Sở Tư pháp");
        assert!(matches!(choose_unit(None, &[]), Err(QueryError::NoData)));
        assert_eq!(choose_year(None, &[2023, 2024]).unwrap(), 2024);
        assert_eq!(choose_year(Some(2023), &[2023, 2024]).unwrap(), 2023);
        assert!(matches!(choose_year(None, &[]), Err(QueryError::NoYear)));
        assert!(matches!(
            choose_year(Some(2020), &[2023]),
            Err(QueryError::NotInStore {
                what: Choice::Year,
                ..
            })
        ));
    }
}
