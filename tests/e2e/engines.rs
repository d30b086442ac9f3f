//! The store as other engines read it, with their ordinary hive-partitioned readers: DuckDB
//! (`read_parquet(…, hive_partitioning = true)`), polars (`scan_parquet(…,
//! hive_partitioning=True)`), pyarrow (`dataset(…, partitioning="hive")`), DataFusion
//! (`register_parquet` with `year` as a partition column) and Spark (`spark.read.parquet`). Each
//! must find every table's rows and years and the sums `cchc` reports, and a dossier log's
//! receipt times as timestamps to the second, as its CSV wrote them. `.ci/run` installs the
//! Python packages (and Java for Spark); run locally, a missing package is reported and the
//! engine skipped unless `CI` is set.

use std::collections::BTreeMap;
use std::process::Command;

use serde_json::Value;

use super::{import_datasets, json, ok, root};

/// The receipt times a generated log's CSV writes (`dd/mm/yyyy HH:MM:SS`), as ISO text.
fn receipts_in_csv(log: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(log).expect("log");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().expect("header").split(';').collect();
    let at = header
        .iter()
        .position(|h| *h == "Ngày tiếp nhận")
        .expect("receipt column");
    lines
        .map(|line| {
            let cell = line.split(';').nth(at).expect("cell");
            let (date, time) = cell.split_once(' ').expect("date and time");
            let mut dmy = date.split('/');
            let (d, m, y) = (dmy.next(), dmy.next(), dmy.next());
            format!(
                "{}-{}-{} {time}",
                y.expect("y"),
                m.expect("m"),
                d.expect("d")
            )
        })
        .collect()
}

/// What cchc itself says of the store: per table, the rows and years its manifest records, and
/// the sums its analyses print; for the dossier log, what its CSV wrote.
fn cchc_figures(
    store: &std::path::Path,
    receipts: &[String],
) -> BTreeMap<String, BTreeMap<String, Value>> {
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
    // The procedures table holds the offices' reports; the figures cchc computes from the
    // dossier log (2026, no office report) are not in it.
    let stats: Vec<Value> = json(store, &["procedures", "stats", "--by", "unit"])
        .into_iter()
        .filter(|r| r["year"] != 2026)
        .collect();
    out.get_mut("procedures")
        .expect("procedures")
        .insert("received".into(), sum(&stats, "received").into());
    let dossiers = out.get_mut("dossiers").expect("dossiers");
    dossiers.insert("timestamps".into(), receipts.len().into());
    let with_seconds = receipts.iter().filter(|r| !r.ends_with(":00")).count();
    dossiers.insert("with_seconds".into(), with_seconds.into());
    let latest = receipts.iter().max().expect("receipts").clone();
    dossiers.insert("received_latest".into(), latest.into());
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
    // A dossier log written to the second, as a one-stop system exports it (a year the bundled
    // procedure statistics do not cover, so the log replaces no office report in their sums).
    let dir = tempfile::tempdir().expect("tmp");
    let log = dir.path().join("so_theo_doi_2026.csv");
    let spec = cchc_datagen::dossiers::LogSpec::new(400, 2026);
    cchc_datagen::dossiers::write_log_csv(&log, &spec).expect("log");
    ok(
        store.path(),
        &["import", "dossiers", log.to_str().expect("utf8")],
    );
    let receipts = receipts_in_csv(&log);
    assert_eq!(receipts.len(), 400);
    assert!(receipts.iter().any(|r| !r.ends_with(":00")), "{receipts:?}");
    let ours = cchc_figures(store.path(), &receipts);
    assert_eq!(ours.len(), 6, "{ours:?}");
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
