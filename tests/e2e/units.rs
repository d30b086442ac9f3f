//! `cchc units`: the register through the binary — a department's chain across 1/3/2025 and
//! 1/7/2025, a commune whose name moved to another unit, the errors that name what to give.

use serde_json::Value;

use super::{cchc_bin, stderr_of};

fn units(args: &[&str]) -> std::process::Output {
    std::process::Command::new(cchc_bin())
        .arg("units")
        .args(args)
        .output()
        .expect("cchc runs")
}

#[test]
fn the_new_sở_tài_chính_of_đồng_nai_names_its_four_predecessors() {
    let out = units(&[
        "show",
        "Sở Tài chính",
        "--province",
        "Đồng Nai",
        "--format",
        "json",
    ]);
    // --format is global: given after the subcommand it is still read.
    assert!(out.status.success(), "{}", stderr_of(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["unit"], "Sở Tài chính");
    assert_eq!(v["province"], "Đồng Nai");
    assert_eq!(v["kind"], "department");
    assert_eq!(v["peer_group"], "departments");
    assert_eq!(v["valid_from"], "2025-07-01");
    assert_eq!(v["valid_to"], Value::Null);
    let preds = v["predecessors"].as_array().unwrap();
    let mut on_1_march: Vec<(String, String)> = preds
        .iter()
        .filter(|p| p["date"] == "2025-03-01")
        .map(|p| {
            assert_eq!(p["edge"], "full");
            (
                p["unit"].as_str().unwrap().to_owned(),
                p["province"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    on_1_march.sort();
    assert_eq!(
        on_1_march,
        [
            ("Sở Kế hoạch và Đầu tư".to_owned(), "Bình Phước".to_owned()),
            ("Sở Kế hoạch và Đầu tư".to_owned(), "Đồng Nai".to_owned()),
            ("Sở Tài chính".to_owned(), "Bình Phước".to_owned()),
            ("Sở Tài chính".to_owned(), "Đồng Nai".to_owned()),
        ]
    );
    // The two departments of 1/3/2025–30/6/2025 that joined on 1/7/2025.
    let direct: Vec<&Value> = preds.iter().filter(|p| p["depth"] == 1).collect();
    assert_eq!(direct.len(), 2);
    assert!(direct.iter().all(|p| p["date"] == "2025-07-01"));
}

#[test]
fn phường_hố_nai_is_two_units_told_apart_by_the_day() {
    let show = |day: &str| {
        let out = units(&[
            "show",
            "UBND phường Hố Nai",
            "--province",
            "Đồng Nai",
            "--as-of",
            day,
            "--format",
            "json",
        ]);
        assert!(out.status.success(), "{}", stderr_of(&out));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let old = show("2025-06-30");
    assert_eq!(
        (old["code"].as_str(), old["valid_to"].as_str()),
        (Some("26002"), Some("2025-06-30"))
    );
    assert_eq!(old["successors"][0]["unit"], "Phường Long Bình");
    let new = show("2025-07-01");
    assert_eq!(new["code"], "26005");
    let mut preds: Vec<&str> = new["predecessors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["unit"].as_str().unwrap())
        .collect();
    preds.sort();
    assert_eq!(preds, ["Phường Tân Hòa", "Xã Hố Nai 3"]);
    // In words, both languages.
    let out = units(&["show", "Phường Hố Nai", "--province", "Đồng Nai"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Đơn vị trước:") && text.contains("\"Xã Hố Nai 3\""),
        "{text}"
    );
    let out = std::process::Command::new(cchc_bin())
        .args([
            "--lang",
            "en",
            "units",
            "show",
            "Phường Hố Nai",
            "--province",
            "Đồng Nai",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Predecessors:") && text.contains("(whole)"),
        "{text}"
    );
}

#[test]
fn an_unknown_province_or_an_ended_one_gets_the_provinces_of_the_day() {
    let out = units(&["list", "--province", "Sài Gòn", "--as-of", "2025-09-01"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("\"Sài Gòn\"") && err.contains("34"), "{err}");
    assert!(
        err.contains("\"Đồng Nai\"") && !err.contains("\"Bình Phước\""),
        "{err}"
    );
    let out = units(&["show", "Tỉnh Bình Phước", "--as-of", "2025-09-01"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("34"), "{}", stderr_of(&out));
    // A name several units carry, asked without the day: each candidate is named.
    let out = units(&[
        "show",
        "Sở Tài chính",
        "--province",
        "Đồng Nai",
        "--as-of",
        "2025-03-01",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = units(&["show", "Phường Long Bình"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    for candidate in [
        "26020, \"Đồng Nai\"",
        "26833, \"Hồ Chí Minh\"",
        "31473, \"Cần Thơ\"",
    ] {
        assert!(err.contains(candidate), "{err}");
    }
}

#[test]
fn the_register_lists_and_exports_for_other_engines() {
    let out = units(&[
        "list",
        "--kind",
        "province",
        "--as-of",
        "2025-07-01",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let rows: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 34);
    let tay_ninh = rows.iter().find(|r| r["unit"] == "Tây Ninh").unwrap();
    assert_eq!(tay_ninh["code"], "80");
    let out = units(&[
        "list",
        "--kind",
        "commune",
        "--province",
        "Đồng Nai",
        "--as-of",
        "2025-07-01",
        "--format",
        "csv",
    ]);
    assert!(out.status.success());
    let communes = String::from_utf8_lossy(&out.stdout).lines().count() - 1;
    assert!(communes > 90, "{communes}");
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(cchc_bin())
        .args(["--store"])
        .arg(dir.path())
        .args(["units", "export"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    for name in ["unit_register", "unit_edges"] {
        let path = dir.path().join("exports").join(format!("{name}.parquet"));
        assert!(
            std::fs::metadata(&path).unwrap().len() > 10_000,
            "{}",
            path.display()
        );
    }
}

#[test]
fn two_provinces_results_with_the_same_department_names_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    let data = super::root().join("tests/data");
    let mut said = String::new();
    for file in [
        "scorecard_wide_dong_nai_2024.xlsx",
        "scorecard_wide_binh_phuoc_2024.xlsx",
    ] {
        let out = super::run(store, &["import", data.join(file).to_str().unwrap()]);
        assert!(out.status.success(), "{}", stderr_of(&out));
        said.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    // Each file's province read from its agency block; nothing replaced.
    assert!(
        said.contains("tỉnh \"Đồng Nai\"") && said.contains("tỉnh \"Bình Phước\""),
        "{said}"
    );
    assert!(!said.contains("thay thế"), "{said}");
    let trend = super::json(store, &["scorecard", "trend"]);
    assert_eq!(trend.len(), 12, "every unit-year of both provinces kept");
    // Each unit ranked among its own province's, as each decision wrote it.
    let rank = |unit: &str| {
        trend
            .iter()
            .find(|r| r["unit"] == unit)
            .map(|r| {
                (
                    r["province"].as_str().unwrap().to_owned(),
                    r["rank"].as_i64().unwrap(),
                )
            })
            .unwrap_or_else(|| panic!("{unit}: {trend:?}"))
    };
    assert_eq!(rank("Sở Tài chính (Đồng Nai)"), ("Đồng Nai".to_owned(), 1));
    assert_eq!(
        rank("Sở Tài chính (Bình Phước)"),
        ("Bình Phước".to_owned(), 4)
    );
    assert_eq!(rank("Sở Y tế (Bình Phước)"), ("Bình Phước".to_owned(), 1));
    let lost = |unit: &str| {
        super::json(
            store,
            &["scorecard", "gaps", "--unit", unit, "--level", "field"],
        )
        .iter()
        .map(|r| r["points_lost"].as_f64().unwrap())
        .sum::<f64>()
    };
    // 36 points at most; Đồng Nai's Sở Tài chính scored 32.5, Bình Phước's 26.5.
    assert!((lost("Sở Tài chính (Đồng Nai)") - 3.5).abs() < 1e-9);
    assert!((lost("Sở Tài chính (Bình Phước)") - 9.5).abs() < 1e-9);
}

#[test]
fn a_province_no_register_knows_is_refused_before_anything_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let file = super::root().join("tests/data/scorecard_wide_dong_nai_2024.xlsx");
    let out = super::run(
        dir.path(),
        &["import", "--province", "Sài Gòn", file.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    // The provinces of the file's year, 2024: the 63 old ones.
    assert!(
        err.contains("\"Sài Gòn\"") && err.contains("63") && err.contains("\"Bình Phước\""),
        "{err}"
    );
    let listed = super::run(dir.path(), &["store", "list", "--format", "json"]);
    let rows: Vec<Value> = serde_json::from_slice(&listed.stdout).unwrap_or_default();
    assert!(rows.is_empty(), "{rows:?}");
    // Given, a province the title contradicts is refused too, naming both.
    let out = super::run(
        dir.path(),
        &[
            "import",
            "--province",
            "tỉnh bình phước",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(
        err.contains("\"Bình Phước\"") && err.contains("\"Đồng Nai\""),
        "{err}"
    );
    // Given as the title has it, in any spelling, it is the file's province.
    let out = super::run(
        dir.path(),
        &[
            "import",
            "--province",
            "TỈNH ĐỒNG NAI",
            file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("tỉnh \"Đồng Nai\""));
}

#[test]
fn a_results_table_in_blocks_is_ranked_block_by_block_as_its_decision_writes() {
    let dir = tempfile::tempdir().unwrap();
    let file = super::root().join("tests/data/scorecard_wide_blocks.xlsx");
    let out = super::run(dir.path(), &["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    // The two block headings are structure, not rows missing their scores; no written rank is
    // called wrong.
    assert!(
        said.contains("16 dòng = 7 nhập + 9 cấu trúc + 0 bị loại"),
        "{said}"
    );
    let err = stderr_of(&out);
    assert!(!err.contains("hạng"), "{err}");
    let trend = super::json(dir.path(), &["scorecard", "trend"]);
    let row = |unit: &str| {
        trend
            .iter()
            .find(|r| r["unit"] == unit)
            .unwrap_or_else(|| panic!("{unit}"))
    };
    for (unit, group, rank) in [
        ("Sở Tư pháp", "departments", 1),
        ("Sở Nội vụ", "departments", 4),
        ("UBND huyện Long Thành", "districts", 1),
        ("UBND thành phố Biên Hòa", "districts", 2),
        ("UBND huyện Trảng Bom", "districts", 3),
    ] {
        assert_eq!(row(unit)["peer_group"], group, "{unit}");
        assert_eq!(row(unit)["rank"], rank, "{unit}");
    }
}
