//! The names of the store's tables (one directory each): defined here once, referred to
//! everywhere else.

/// Scorecard items of every unit and year.
pub const SCORECARD: &str = "scorecard";
/// One row per survey respondent and question.
pub const SURVEY_ANSWERS: &str = "survey_answers";
/// One row per survey respondent and attribute (gender, age group, …).
pub const SURVEY_RESPONDENTS: &str = "survey_respondents";
/// Dossier statistics of a period, per procedure.
pub const PROCEDURES: &str = "procedures";
/// What the procedure registry says of each procedure (time limit, fee, online level).
pub const PROCEDURE_REGISTRY: &str = "procedure_registry";
/// One row per dossier of a dossier log (sổ theo dõi hồ sơ).
pub const DOSSIERS: &str = "dossiers";

/// Whether the rows of a table from several files of one unit and year add up (a dossier log
/// split by period or by office), rather than a newer file replacing the older one (a
/// scorecard, a survey or a report sent again). A code found in two files of a log is kept once
/// by the analyses, the row with the latest date.
pub fn accumulates(table: &str) -> bool {
    table == DOSSIERS
}
/// Rows refused by imports, with their reasons and cells.
pub const REJECTS: &str = "rejects";
/// The working-day calendar in use, for other engines: one row per day of the years it covers
/// (written with a dossier log, and by `cchc calendar --into-store`).
pub const CALENDAR: &str = "calendar";
/// The unit register, exported for other engines (`cchc units export`): one row per unit.
pub const UNIT_REGISTER: &str = "unit_register";
/// The unit register's edges, exported for other engines: predecessor, successor, date, edge.
pub const UNIT_EDGES: &str = "unit_edges";
