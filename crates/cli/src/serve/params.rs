//! The names of the pages' query parameters and form fields (a request's words, not columns,
//! though several are spelled as the columns they choose).

/// The year asked for.
pub const YEAR: &str = "year";
/// The unit asked for.
pub const UNIT: &str = "unit";
/// The grouping (`survey index --by`, `procedures stats --by`).
pub const BY: &str = "by";
/// A unit's name to look up in the register.
pub const NAME: &str = "name";
/// A province.
pub const PROVINCE: &str = "province";
/// The day a unit is looked up on.
pub const AS_OF: &str = "as_of";
/// The level of `scorecard gaps`.
pub const LEVEL: &str = "level";
/// The level of `scorecard gaps` by field.
pub const LEVEL_FIELD: &str = "field";
/// The period of an upload's data when not a whole year, `FROM..TO`.
pub const PERIOD: &str = "period";
/// The upload form's files.
pub const FILES: &str = "files";
/// The upload form's kind of table.
pub const KIND: &str = "kind";
/// The upload form's button: import or inspect.
pub const ACTION: &str = "action";
/// The inspect button's value.
pub const INSPECT: &str = "inspect";
/// The survey index by element.
pub const BY_ELEMENT: &str = "element";
