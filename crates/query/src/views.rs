//! The SQL of `views/` for one store: each engine's scans (`views/duckdb.sql`,
//! `views/datafusion.sql`, `views/spark.sql`) for the tables the store holds, then the metrics of
//! `views/metrics.sql` whose views can be made from them. A table the store lacks gets no view
//! (every engine fails on a scan of files that do not exist), and a metric that needs it is left
//! out with a comment saying which table it needs. The store's directory replaces the templates'
//! `cchc-data`.

use std::collections::BTreeSet;
use std::path::Path;

/// The engines the scans are written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    DuckDb,
    DataFusion,
    Spark,
}

const DUCKDB: &str = include_str!("../../../views/duckdb.sql");
const DATAFUSION: &str = include_str!("../../../views/datafusion.sql");
const SPARK: &str = include_str!("../../../views/spark.sql");
const METRICS: &str = include_str!("../../../views/metrics.sql");

impl Engine {
    fn scans(self) -> &'static str {
        match self {
            Engine::DuckDb => DUCKDB,
            Engine::DataFusion => DATAFUSION,
            Engine::Spark => SPARK,
        }
    }

    /// The engine's name as people write it.
    pub fn name(self) -> &'static str {
        match self {
            Engine::DuckDb => "DuckDB",
            Engine::DataFusion => "DataFusion",
            Engine::Spark => "Spark SQL",
        }
    }
}

/// A statement of a template, without its comments.
struct Statement {
    sql: String,
}

/// The statements of a template (split on `;`, comments dropped).
fn statements(text: &str) -> Vec<Statement> {
    let without: String = text
        .lines()
        .map(|l| match l.find("--") {
            Some(at) => &l[..at],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    without
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Statement { sql: s.to_owned() })
        .collect()
}

/// The table a scan reads (`'cchc-data/scorecard…'` → `scorecard`, `'cchc-data/exports/
/// calendar.parquet'` → `calendar`).
fn scanned_table(sql: &str) -> Option<&str> {
    let at = sql.find("'cchc-data/")? + "'cchc-data/".len();
    let rest = &sql[at..];
    let rest = rest.strip_prefix("exports/").unwrap_or(rest);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The view a statement creates (`CREATE OR REPLACE VIEW name AS …`, `CREATE EXTERNAL TABLE
/// name …`, `… TEMPORARY VIEW name …`).
fn created(sql: &str) -> Option<&str> {
    let words: Vec<&str> = sql.split_whitespace().collect();
    let at = words
        .iter()
        .position(|w| w.eq_ignore_ascii_case("VIEW") || w.eq_ignore_ascii_case("TABLE"))?;
    words.get(at + 1).copied()
}

/// Whether `sql` names `name` as a whole identifier.
fn names(sql: &str, name: &str) -> bool {
    sql.match_indices(name).any(|(at, _)| {
        let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
        let before = sql[..at].chars().next_back().is_none_or(|c| !ident(c));
        let after = sql[at + name.len()..]
            .chars()
            .next()
            .is_none_or(|c| !ident(c));
        before && after
    })
}

/// The script for `engine` over `store`: its tables, and the exports written beside them (the
/// calendar, the unit register and its edges), by the store's absolute directory.
pub fn store_script(engine: Engine, store: &cchc_store::Store) -> std::io::Result<String> {
    let mut tables: BTreeSet<String> = store
        .sources()
        .iter()
        .flat_map(|s| s.parts.iter().map(|p| p.table.clone()))
        .collect();
    for export in [
        cchc_model::tables::CALENDAR,
        cchc_model::tables::UNIT_REGISTER,
        cchc_model::tables::UNIT_EDGES,
    ] {
        let file = store
            .root()
            .join("exports")
            .join(format!("{export}.parquet"));
        if file.exists() {
            tables.insert(export.to_owned());
        }
    }
    Ok(script(engine, &std::path::absolute(store.root())?, &tables))
}

/// The script for `engine` over the store at `root` holding `tables`.
pub fn script(engine: Engine, root: &Path, tables: &BTreeSet<String>) -> String {
    let dir = root.display().to_string().replace('\'', "''");
    let mut out = format!(
        "-- cchc views for {} over the store {} (written by `cchc views`): a view for each table\n\
         -- the store holds, then the metrics of views/metrics.sql that can be made from them.\n\n",
        engine.name(),
        root.display()
    );
    // The views left out, with the table each misses.
    let mut missing: Vec<(String, String)> = Vec::new();
    for statement in statements(engine.scans()) {
        let Some(table) = scanned_table(&statement.sql) else {
            // A statement over a scan (DataFusion's typed view over its external table).
            let needs = missing.iter().find(|(view, _)| names(&statement.sql, view));
            match (needs, created(&statement.sql)) {
                (Some((_, table)), Some(view)) => missing.push((view.to_owned(), table.clone())),
                _ => {
                    out.push_str(&statement.sql);
                    out.push_str(";\n\n");
                }
            }
            continue;
        };
        let view = created(&statement.sql).unwrap_or(table).to_owned();
        if tables.contains(table) {
            out.push_str(&statement.sql.replace("'cchc-data/", &format!("'{dir}/")));
            out.push_str(";\n\n");
        } else {
            out.push_str(&format!(
                "-- {view}: no view, the store holds no {table} table\n\n"
            ));
            missing.push((view, table.to_owned()));
        }
    }
    for statement in statements(METRICS) {
        let Some(view) = created(&statement.sql).map(str::to_owned) else {
            continue;
        };
        if let Some((_, table)) = missing.iter().find(|(m, _)| names(&statement.sql, m)) {
            let table = table.clone();
            out.push_str(&format!(
                "-- {view}: left out, it needs the {table} table, which the store does not hold\n\n"
            ));
            missing.push((view, table));
            continue;
        }
        let sql = match engine {
            Engine::Spark => statement.sql.replacen(
                "CREATE OR REPLACE VIEW",
                "CREATE OR REPLACE TEMPORARY VIEW",
                1,
            ),
            _ => statement.sql.clone(),
        };
        out.push_str(&sql);
        out.push_str(";\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held(tables: &[&str]) -> BTreeSet<String> {
        tables.iter().map(|t| (*t).to_owned()).collect()
    }

    #[test]
    fn a_store_of_every_table_gets_every_view() {
        for engine in [Engine::DuckDb, Engine::DataFusion, Engine::Spark] {
            let sql = script(
                engine,
                Path::new("/data/kho"),
                &held(&[
                    "scorecard",
                    "survey_answers",
                    "procedures",
                    "procedure_registry",
                ]),
            );
            assert!(!sql.contains("'cchc-data/"), "{sql}");
            assert!(sql.contains("'/data/kho/scorecard"), "{sql}");
            for view in [
                "scorecard_gaps",
                "scorecard_trend",
                "survey_index_overall",
                "procedure_stats_by_unit",
            ] {
                assert!(
                    sql.contains(&format!("VIEW {view} AS")),
                    "{engine:?} {view}"
                );
                assert!(!sql.contains(&format!("-- {view}:")), "{engine:?} {view}");
            }
        }
    }

    #[test]
    fn a_missing_table_makes_no_view_and_its_metrics_are_left_out_with_a_comment() {
        for engine in [Engine::DuckDb, Engine::DataFusion, Engine::Spark] {
            let sql = script(engine, Path::new("/kho"), &held(&["procedures"]));
            assert!(!sql.contains("/kho/scorecard"), "{engine:?}: {sql}");
            assert!(!sql.contains("/kho/survey_answers"), "{engine:?}");
            assert!(sql.contains("-- scorecard_gaps: left out, it needs the scorecard table"));
            assert!(
                sql.contains("-- survey_index_by_element: left out"),
                "{sql}"
            );
            assert!(
                sql.contains("VIEW procedure_stats_by_unit AS"),
                "{engine:?}: {sql}"
            );
        }
    }

    #[test]
    fn the_dossier_statistics_need_the_log_the_registry_and_the_calendar() {
        let full = held(&["dossiers", "procedure_registry", "calendar"]);
        for engine in [Engine::DuckDb, Engine::DataFusion, Engine::Spark] {
            let sql = script(engine, Path::new("/kho"), &full);
            assert!(sql.contains("VIEW dossier_stats AS"), "{engine:?}");
            for lacking in ["procedure_registry", "calendar"] {
                let mut some = full.clone();
                some.remove(lacking);
                let sql = script(engine, Path::new("/kho"), &some);
                assert!(
                    !sql.contains("VIEW dossier_stats AS"),
                    "{engine:?} {lacking}"
                );
                assert!(
                    sql.contains(&format!(
                        "-- dossier_stats: left out, it needs the {lacking} table"
                    )),
                    "{engine:?}: {sql}"
                );
            }
        }
    }

    #[test]
    fn spark_s_metrics_are_temporary_views() {
        let sql = script(Engine::Spark, Path::new("/kho"), &held(&["scorecard"]));
        assert!(sql.contains("CREATE OR REPLACE TEMPORARY VIEW scorecard_gaps AS"));
        assert!(!sql.contains("CREATE OR REPLACE VIEW"));
    }

    #[test]
    fn a_quote_in_the_store_s_path_is_doubled() {
        let sql = script(
            Engine::DuckDb,
            Path::new("/kho/O'Neil"),
            &held(&["scorecard"]),
        );
        assert!(sql.contains("'/kho/O''Neil/scorecard/"), "{sql}");
    }
}
