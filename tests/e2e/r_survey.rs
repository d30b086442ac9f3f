//! The survey index checked against R's survey package: `tests/r/svyratio.R` computes, from the
//! per-respondent counts of the stored answers, each group's ratio, its linearised SE with
//! respondents as clusters, the logit interval and the year-over-year p-value; `cchc survey
//! index --format json` must agree to a relative 1e-9, on the bundled surveys, on a generated
//! survey whose respondents answer alike (strong within-person correlation), and weighted.
//! `.ci/run` installs R and the package from Debian; without `Rscript` this test fails, saying so.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use cchc_model::TableKind;
use cchc_model::columns as c;
use polars::prelude::*;
use serde_json::Value;

use super::{json, ok, root};

/// A survey whose respondents answer alike: each has a level around which all ten answers lie.
fn correlated_survey(dir: &Path) -> String {
    use cchc_datagen::sheet::{SheetSpec, n, t, write_xlsx};
    let mut sheets = Vec::new();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for year in [2023, 2024] {
        let mut s = SheetSpec::new(&year.to_string());
        let mut header = vec![Some(t("STT")), Some(t("Đơn vị")), Some(t("Trọng số"))];
        let codes: Vec<String> = (1..=5)
            .flat_map(|e| (1..=2).map(move |q| format!("Câu {e}.{q}")))
            .collect();
        header.extend(codes.iter().map(|h| Some(t(h))));
        s.row(0, header);
        for r in 0..90u32 {
            let unit = if r % 3 == 0 {
                "Sở Thử nghiệm A"
            } else {
                "Sở Thử nghiệm B"
            };
            // The person's level: 1–5, higher in 2024.
            let level = 1 + (next() % 5) as i64 + i64::from(year == 2024 && next() % 3 == 0);
            let weight = 1 + (next() % 3) as i64;
            let mut row = vec![
                Some(n(f64::from(r + 1))),
                Some(t(unit)),
                Some(n(weight as f64)),
            ];
            for _ in &codes {
                let noise = (next() % 3) as i64 - 1;
                let answer = (level + if next() % 4 == 0 { noise } else { 0 }).clamp(1, 5);
                row.push(Some(n(answer as f64)));
            }
            s.row(1 + r, row);
        }
        sheets.push(s);
    }
    let path = dir.join("correlated.xlsx");
    write_xlsx(&path, &sheets).expect("written");
    path.display().to_string()
}

/// Per-respondent counts of the stored answers, by (unit, group, year), with each respondent's
/// weight (1 without `weight_of`): the CSV the R script reads. Keys are `k0`, `k1`, … so that no
/// text goes through R's CSV reader; `keys` maps them back to (unit, group).
fn respondent_counts(
    store: &Path,
    element: bool,
    weights: &BTreeMap<String, f64>,
    csv: &Path,
) -> BTreeMap<String, (String, String)> {
    let answers = cchc_store::Store::open(store)
        .expect("store")
        .scan(TableKind::Survey)
        .expect("scan")
        .expect("answers")
        .filter(col(c::STATUS).eq(lit("valid")))
        .collect()
        .expect("collect");
    let get = |name: &str| -> Vec<String> {
        answers
            .column(name)
            .expect(name)
            .cast(&DataType::String)
            .expect("text")
            .str()
            .expect("str")
            .iter()
            .map(|v| v.unwrap_or_default().to_owned())
            .collect()
    };
    let (years, units, respondents, elements, levels) = (
        get(c::YEAR),
        get(c::UNIT),
        get(c::RESPONDENT),
        get(c::ELEMENT),
        get(c::ANSWER),
    );
    // (unit, group, year, respondent) → (y, x)
    let mut counts: BTreeMap<(String, String, String, String), (u32, u32)> = BTreeMap::new();
    for i in 0..answers.height() {
        let group = if element {
            elements[i].clone()
        } else {
            "overall".to_owned()
        };
        let e = counts
            .entry((
                units[i].clone(),
                group,
                years[i].clone(),
                respondents[i].clone(),
            ))
            .or_default();
        e.0 += u32::from(levels[i].parse::<i32>().expect("level") >= 4);
        e.1 += 1;
    }
    let mut keys: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut text = String::from("key,year,respondent,y,x,w\n");
    for ((unit, group, year, respondent), (y, x)) in &counts {
        let n = keys.len();
        let key = keys
            .entry((unit.clone(), group.clone()))
            .or_insert_with(|| format!("k{n}"))
            .clone();
        let w = weights.get(respondent).copied().unwrap_or(1.0);
        let id = respondent.replace([',', '"'], "_");
        text.push_str(&format!("{key},{year},{id},{y},{x},{w}\n"));
    }
    std::fs::write(csv, text).expect("csv");
    keys.into_iter().map(|(k, v)| (v, k)).collect()
}

/// R's results: (unit, group, year) → (index, se, ci_low, ci_high, p_value).
type RResults = BTreeMap<(String, String, i64), [Option<f64>; 5]>;

fn run_r(input: &Path, keys: &BTreeMap<String, (String, String)>) -> RResults {
    let output = input.with_extension("r.csv");
    let script = root().join("tests/r/svyratio.R");
    let run = Command::new("Rscript")
        .arg(&script)
        .arg(input)
        .arg(&output)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "Rscript is needed ({e}): apt-get install --no-install-recommends r-base-core r-cran-survey"
            )
        });
    assert!(
        run.status.success(),
        "R failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let text = std::fs::read_to_string(&output).expect("R output");
    let mut out = RResults::new();
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').map(|c| c.trim_matches('"')).collect();
        let (unit, group) = keys[cells[0]].clone();
        let year: i64 = cells[1].parse().expect("year");
        let num = |s: &str| (s != "NA").then(|| s.parse::<f64>().expect("number"));
        out.insert(
            (unit, group, year),
            [
                num(cells[2]),
                num(cells[3]),
                num(cells[4]),
                num(cells[5]),
                num(cells[6]),
            ],
        );
    }
    out
}

fn compare(ours: &[Value], theirs: &RResults, what: &str) {
    assert_eq!(ours.len(), theirs.len(), "{what}: {ours:?}");
    let mut tested = 0;
    for row in ours {
        let key = (
            row["unit"].as_str().expect("unit").to_owned(),
            row["group"].as_str().expect("group").to_owned(),
            row["year"].as_i64().expect("year"),
        );
        let r = theirs
            .get(&key)
            .unwrap_or_else(|| panic!("{what}: R has no {key:?}"));
        for (name, theirs) in ["index", "se", "ci_low", "ci_high", "p_value"]
            .iter()
            .zip(r)
        {
            let mine = row[*name].as_f64();
            match (mine, theirs) {
                (Some(a), Some(b)) => {
                    assert!(
                        (a - b).abs() <= 1e-9 * b.abs(),
                        "{what} {key:?} {name}: cchc {a} vs R {b}"
                    );
                    tested += 1;
                }
                (None, None) => {}
                (a, b) => panic!("{what} {key:?} {name}: cchc {a:?} vs R {b:?}"),
            }
        }
    }
    assert!(
        tested >= ours.len() * 4,
        "{what}: {tested} figures compared"
    );
}

#[test]
fn survey_index_agrees_with_r_survey_svyratio() {
    let store = tempfile::tempdir().expect("tmp");
    let dir = tempfile::tempdir().expect("tmp");
    ok(
        store.path(),
        &[
            "import",
            "datasets/survey_sipas_2022.xlsx",
            "datasets/survey_sipas_2023.xlsx",
            "datasets/survey_sipas_2024.xlsx",
            &correlated_survey(dir.path()),
        ],
    );
    for (by, element) in [("overall", false), ("element", true)] {
        let csv = dir.path().join(format!("{by}.csv"));
        let keys = respondent_counts(store.path(), element, &BTreeMap::new(), &csv);
        let theirs = run_r(&csv, &keys);
        let ours = json(store.path(), &["survey", "index", "--by", by]);
        compare(&ours, &theirs, by);
        if by == "element" {
            // Strong within-person correlation shows: a design effect well above 1.
            let correlated: Vec<f64> = ours
                .iter()
                .filter(|r| {
                    r["unit"]
                        .as_str()
                        .is_some_and(|u| u.starts_with("Sở Thử nghiệm"))
                })
                .filter_map(|r| r["deff"].as_f64())
                .collect();
            assert!(!correlated.is_empty());
            assert!(
                correlated.iter().all(|d| *d > 1.3),
                "deff of the correlated survey: {correlated:?}"
            );
            for r in &ours {
                let (se, index, valid) = (
                    r["se"].as_f64().expect("se"),
                    r["index"].as_f64().expect("index"),
                    r["valid_answers"].as_f64().expect("valid"),
                );
                let deff = se * se / (index * (1.0 - index) / valid);
                assert!((r["deff"].as_f64().expect("deff") - deff).abs() <= 1e-9 * deff);
                let eff = r["effective_n"].as_f64().expect("n");
                assert!((eff - valid / deff).abs() <= 1e-9 * eff);
            }
        }
    }
    // Weighted by a numeric respondent attribute ("Trọng số", 1–3) of the generated survey.
    let answers = cchc_store::Store::open(store.path())
        .expect("store")
        .scan_table(cchc_model::tables::SURVEY_RESPONDENTS)
        .expect("scan")
        .expect("respondents")
        .filter(col(c::ATTRIBUTE).eq(lit("Trọng số")))
        .collect()
        .expect("weights");
    let ids = answers
        .column(c::RESPONDENT)
        .expect("r")
        .str()
        .expect("s")
        .clone();
    let values = answers
        .column(c::VALUE)
        .expect("v")
        .str()
        .expect("s")
        .clone();
    let weights: BTreeMap<String, f64> = ids
        .iter()
        .zip(values.iter())
        .filter_map(|(r, v)| Some((r?.to_owned(), v?.parse().ok()?)))
        .collect();
    assert_eq!(weights.len(), 180);
    let weighted_store = tempfile::tempdir().expect("tmp");
    ok(
        weighted_store.path(),
        &["import", &correlated_survey(dir.path())],
    );
    let csv = dir.path().join("weighted.csv");
    let keys = respondent_counts(weighted_store.path(), true, &weights, &csv);
    let theirs = run_r(&csv, &keys);
    let ours = json(
        weighted_store.path(),
        &["survey", "index", "--by", "element", "--weight", "trong so"],
    );
    compare(&ours, &theirs, "weighted");
    // The weights matter: the weighted index differs from the plain one somewhere.
    let plain = json(
        weighted_store.path(),
        &["survey", "index", "--by", "element"],
    );
    assert!(
        plain
            .iter()
            .zip(&ours)
            .any(|(a, b)| a["index"].as_f64() != b["index"].as_f64()),
        "weights changed nothing"
    );
}

#[test]
fn weights_that_cannot_be_used_are_errors_naming_them() {
    let store = tempfile::tempdir().expect("tmp");
    let dir = tempfile::tempdir().expect("tmp");
    ok(store.path(), &["import", &correlated_survey(dir.path())]);
    let file = dir.path().join("weights.csv");
    // A unit missing from the file.
    std::fs::write(&file, "unit,weight\nSở Thử nghiệm A,1200\n").expect("csv");
    let spec = format!("unit={}", file.display());
    let out = super::run(
        store.path(),
        &["--lang", "en", "survey", "index", "--weight-by", &spec],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no weight for the units \"Sở Thử nghiệm B\""),
        "{err}"
    );
    // A zero weight, named with its line.
    std::fs::write(
        &file,
        "unit,weight\nSở Thử nghiệm A,1200\nso thu nghiem b,0\n",
    )
    .expect("csv");
    let out = super::run(
        store.path(),
        &["--lang", "en", "survey", "index", "--weight-by", &spec],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3") && err.contains("positive"), "{err}");
    // Both units weighted (matched as --unit matches): per-unit indexes are unchanged, since a
    // unit's respondents share its weight.
    std::fs::write(
        &file,
        "unit,weight\nSở Thử nghiệm A,1200\nso thu nghiem b,300\n",
    )
    .expect("csv");
    let weighted = json(store.path(), &["survey", "index", "--weight-by", &spec]);
    let plain = json(store.path(), &["survey", "index"]);
    for (a, b) in weighted.iter().zip(&plain) {
        let (x, y) = (
            a["index"].as_f64().expect("i"),
            b["index"].as_f64().expect("i"),
        );
        assert!((x - y).abs() < 1e-12);
        let (x, y) = (a["se"].as_f64().expect("se"), b["se"].as_f64().expect("se"));
        assert!((x - y).abs() < 1e-12 * y);
    }
    // A respondent attribute that is not a number.
    let out = super::run(
        store.path(),
        &[
            "--lang",
            "en",
            "survey",
            "index",
            "--weight",
            "Đơn vị không có",
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("has no weight"), "{err}");
}
