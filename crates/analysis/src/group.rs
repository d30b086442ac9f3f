//! How survey answers are grouped, shared by the survey analyses and the one-pass tally under
//! them (neither module reaches into the other for it).

/// How answers are grouped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum By {
    /// One group per unit and year.
    Overall,
    /// One group per element (yếu tố).
    Element,
    /// One group per question.
    Question,
    /// Units side by side (the group is the unit).
    Unit,
    /// One group per value of a respondent attribute ("Giới tính").
    Attribute(String),
}

/// The `scale` value of a group whose answers are on more than one scale.
pub const MIXED: &str = "mixed";
