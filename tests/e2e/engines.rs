//! The store as other engines read it, with their ordinary hive-partitioned readers: DuckDB
//! (`read_parquet(…, hive_partitioning = true)`), polars (`scan_parquet(…,
//! hive_partitioning=True)`), pyarrow (`dataset(…, partitioning="hive")`), DataFusion
//! (`register_parquet` with `year` as a partition column) and Spark (`spark.read.parquet`). Each
//! must find every table's rows and years and the sums `cchc` reports. `.ci/run` installs the
//! Python packages (and Java for Spark); run locally, a missing package is reported and the
//! engine skipped unless `CI` is set.

use std::collections::BTreeMap;
use std::process::Command;

use serde_json::Value;

use super::{import_datasets, json, root};

/// What cchc itself says of the store: per table, the rows and years its manifest records, and
/// the sums its analyses print.
fn cchc_figures(store: &std::path::Path) -> BTreeMap<String, BTreeMap<String, Value>> {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(store.join("manifest.json")).expect("manifest"),
    )
    .expect("json");
    let mut out: BTreeMap<String, BTreeMap<String, Value>> = BTreeMap::new();
    for source in manifest["sources"].as_array().expect("sources") {
        for part in source["parts"].as_array().expect("parts") {
            let table = out
                .entry(part["table"].as_str().expect("table").to_owned())
                .or_default();
            let rows = table.get("rows").and_then(Value::as_u64).unwrap_or(0);
            table.insert(
                "rows".into(),
                (rows + part["rows"].as_u64().expect("rows")).into(),
            );
            let mut years: Vec<i64> = table
                .get("years")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_i64).collect())
                .unwrap_or_default();
            years.push(part["year"].as_i64().expect("year"));
            years.sort_unstable();
            years.dedup();
            table.insert("years".into(), years.into());
        }
    }
    let sum = |rows: &[Value], key: &str| rows.iter().filter_map(|r| r[key].as_f64()).sum::<f64>();
    let trend = json(store, &["scorecard", "trend"]);
    out.get_mut("scorecard")
        .expect("scorecard")
        .insert("leaf_score".into(), sum(&trend, "score_total").into());
    let index = json(store, &["survey", "index"]);
    let answers = out.get_mut("survey_answers").expect("answers");
    answers.insert("valid_answers".into(), sum(&index, "valid_answers").into());
    answers.insert("satisfied".into(), sum(&index, "satisfied").into());
    let stats = json(store, &["procedures", "stats", "--by", "unit"]);
    out.get_mut("procedures")
        .expect("procedures")
        .insert("received".into(), sum(&stats, "received").into());
    out
}

#[allow(clippy::print_stderr)] // says why an engine was skipped on a machine without it
fn read_with(store: &std::path::Path, engine: &str) -> Option<Value> {
    let out = Command::new("python3")
        .arg(root().join("tests/engines/read_store.py"))
        .arg(store)
        .arg(engine)
        .output()
        .expect("python3 runs");
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains("ModuleNotFoundError") && std::env::var_os("CI").is_none() {
            eprintln!(
                "{engine} not checked (pip install -r tests/engines/requirements.txt): {err}"
            );
            return None;
        }
        panic!("{engine} could not read the store: {err}");
    }
    let parsed: Value = serde_json::from_slice(&out.stdout).expect("json");
    Some(parsed[engine].clone())
}

fn same(engine: &str, theirs: &Value, ours: &BTreeMap<String, BTreeMap<String, Value>>) {
    for (table, figures) in ours {
        for (key, want) in figures {
            let got = &theirs[table][key];
            let equal = match (got.as_f64(), want.as_f64()) {
                (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0),
                _ => got == want,
            };
            assert!(equal, "{engine}: {table}.{key} = {got}, cchc says {want}");
        }
    }
}

#[test]
fn every_engine_reads_the_store_as_cchc_reports_it() {
    let store = tempfile::tempdir().expect("tmp");
    import_datasets(store.path());
    let ours = cchc_figures(store.path());
    assert_eq!(ours.len(), 5, "{ours:?}");
    let mut read = 0;
    for engine in ["duckdb", "polars", "pyarrow", "datafusion", "spark"] {
        if let Some(theirs) = read_with(store.path(), engine) {
            same(engine, &theirs, &ours);
            read += 1;
        }
    }
    if std::env::var_os("CI").is_some() {
        assert_eq!(read, 5);
    }
}
