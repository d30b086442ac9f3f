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

/// One row of `procedures stats --by unit` for a unit and year.
fn stats_row<'a>(rows: &'a [Value], unit: &str, year: i64) -> &'a Value {
    rows.iter()
        .find(|r| r["unit"] == unit && r["year"].as_i64() == Some(year))
        .unwrap_or_else(|| panic!("{unit} {year}: {rows:#?}"))
}

#[test]
fn commune_statistics_around_the_two_phường_hố_nai_add_up_on_either_map() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    let data = super::root().join("tests/data");
    let files: Vec<String> = [
        "commune_stats_ho_nai_2024.xlsx",
        "commune_stats_ho_nai_2025_h1.xlsx",
        "commune_stats_tan_hoa_2025_h1.xlsx",
        "commune_stats_ho_nai_2025_h2.xlsx",
        "commune_stats_tan_hoa_2025_h2.xlsx",
    ]
    .iter()
    .map(|f| data.join(f).display().to_string())
    .collect();
    // The old communes' reports name their city, not their province: the analyst gives it.
    let mut args = vec!["import", "procedures", "--province", "Đồng Nai"];
    args.extend(files.iter().map(String::as_str));
    let out = super::run(store, &args);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        !said.contains("thay thế"),
        "two halves never replace each other: {said}"
    );
    // A second-half report by a commune that ended on 30/6/2025: kept, its successor named.
    let warned = stderr_of(&out);
    assert!(
        warned.contains("commune_stats_tan_hoa_2025_h2.xlsx")
            && warned.contains("\"UBND phường Tân Hòa\" đã kết thúc ngày 30/06/2025")
            && warned.contains("\"Phường Hố Nai\""),
        "{warned}"
    );
    // Each unit is stored with its register key: the period tells the two Phường Hố Nai apart.
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(store.join("manifest.json")).unwrap())
            .unwrap();
    let keys: std::collections::BTreeSet<(String, String)> = manifest["sources"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["parts"].as_array().unwrap().iter())
        .map(|p| {
            (
                p["unit_key"].as_str().unwrap().to_owned(),
                p["period"].to_string(),
            )
        })
        .collect();
    let want: std::collections::BTreeSet<(String, String)> = [
        ("x:26002", "null"),
        ("x:26002", "[\"2025-01-01\",\"2025-06-30\"]"),
        ("x:26005", "[\"2025-01-01\",\"2025-06-30\"]"),
        ("x:26005", "[\"2025-07-01\",\"2025-12-31\"]"),
        ("x:26005@2025-07-01", "[\"2025-07-01\",\"2025-12-31\"]"),
    ]
    .iter()
    .map(|(k, p)| (k.to_string(), p.to_string()))
    .collect();
    assert_eq!(keys, want);

    // As reported: the two Phường Hố Nai under their codes, each half of a commune added.
    let reported = super::json(
        store,
        &["--map", "reported", "procedures", "stats", "--by", "unit"],
    );
    assert_eq!(reported.len(), 4, "{reported:#?}");
    let received = |rows: &[Value], unit: &str, year: i64| {
        stats_row(rows, unit, year)["received"].as_i64().unwrap()
    };
    assert_eq!(received(&reported, "UBND phường Hố Nai (26002)", 2024), 100);
    assert_eq!(received(&reported, "UBND phường Hố Nai (26002)", 2025), 50);
    assert_eq!(received(&reported, "UBND phường Hố Nai (26005)", 2025), 105);
    // Tân Hòa's two halves: 25 + 3 dossiers, its two procedures counted once.
    let tan_hoa = stats_row(&reported, "UBND phường Tân Hòa", 2025);
    assert_eq!(tan_hoa["received"].as_i64(), Some(28));
    assert_eq!(tan_hoa["procedures"].as_i64(), Some(2));
    // Dossiers pending past their due date are counted on the year's last day (the second half's
    // 1, not 5 + 1); those carried over on its first (the first half's 2): 28 + 2 to handle,
    // 1 late + 1 overdue of them.
    assert_eq!(tan_hoa["pending_overdue"].as_i64(), Some(1));
    assert_eq!(tan_hoa["need_to_handle"].as_i64(), Some(30));
    assert!((tan_hoa["late_or_overdue_rate"].as_f64().unwrap() - 2.0 / 30.0).abs() < 1e-12);
    assert!(reported.iter().all(|r| r.get("combined_from").is_none()));

    // On the latest map (the default): the old Phường Hố Nai is read as the Phường Long Bình it
    // went into; the new Phường Hố Nai combines old Tân Hòa's two halves with its own second
    // half. Worked by hand: received 105 + 25 + 3 = 133; online 75 + 15 + 1 = 91; resolved on
    // time 100 + 24 + 3 = 127 of 133.
    let latest = super::json(store, &["procedures", "stats", "--by", "unit"]);
    assert_eq!(latest.len(), 3, "{latest:#?}");
    let long_binh = stats_row(&latest, "Phường Long Bình", 2024);
    assert_eq!(long_binh["received"].as_i64(), Some(100));
    assert_eq!(
        long_binh["combined_from"],
        serde_json::json!(["UBND phường Hố Nai (26002)"])
    );
    assert_eq!(received(&latest, "Phường Long Bình", 2025), 50);
    let ho_nai = stats_row(&latest, "Phường Hố Nai", 2025);
    assert_eq!(ho_nai["received"].as_i64(), Some(133));
    assert_eq!(ho_nai["procedures"].as_i64(), Some(2));
    assert!((ho_nai["online_share"].as_f64().unwrap() - 91.0 / 133.0).abs() < 1e-12);
    assert!((ho_nai["on_time_rate"].as_f64().unwrap() - 127.0 / 133.0).abs() < 1e-12);
    // Pending past due on 31/12/2025: the new commune's 7 and old Tân Hòa's stray second half's
    // 1 (not Tân Hòa's 5 of 30/6, which the second half carried over); carried over into 2025:
    // Tân Hòa's 2 of 1/1/2025, not the 5 the new commune took over on 1/7. Late or overdue:
    // (1 + 5 + 0 late) + 8 overdue of 133 + 2 to handle.
    assert_eq!(ho_nai["pending_overdue"].as_i64(), Some(8));
    assert_eq!(ho_nai["need_to_handle"].as_i64(), Some(135));
    assert!((ho_nai["late_or_overdue_rate"].as_f64().unwrap() - 14.0 / 135.0).abs() < 1e-12);
    assert_eq!(
        ho_nai["combined_from"],
        serde_json::json!(["UBND phường Hố Nai (26005)", "UBND phường Tân Hòa"])
    );
}

#[test]
fn an_ambiguous_commune_or_a_bad_period_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = super::root().join("tests/data/commune_stats_thanh_son_2024.xlsx");
    let file = file.to_str().unwrap();
    // Two Xã Thanh Sơn in old Đồng Nai: the error names both, with their districts and codes.
    let out = super::run(&store, &["import", "procedures", file]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = stderr_of(&out);
    assert!(
        err.contains("commune_stats_thanh_son_2024.xlsx")
            && err.contains("26143")
            && err.contains("26209")
            && err.contains("Huyện Tân Phú")
            && err.contains("hãy ghi rõ huyện sau tên"),
        "{err}"
    );
    assert!(!store.join("manifest.json").exists(), "nothing stored");
    // A period that is not FROM..TO.
    let out = super::run(&store, &["import", "--period", "2025", file]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr_of(&out).contains("--period \"2025\""),
        "{}",
        stderr_of(&out)
    );
    assert!(!store.join("manifest.json").exists(), "nothing stored");
}

#[test]
fn a_successors_trend_shows_its_predecessors_own_scores_on_the_latest_map() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    let root = super::root();
    let seed = root.join("datasets/seed_appendix_2021.xlsx");
    let new = root.join("tests/data/scorecard_so_tai_chinh_2025.xlsx");
    let out = super::run(
        store,
        &[
            "import",
            "--province",
            "Đồng Nai",
            seed.to_str().unwrap(),
            new.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let trend = super::json(store, &["scorecard", "trend"]);
    let row = |unit: &str, year: i64| {
        trend
            .iter()
            .find(|r| r["unit"] == unit && r["year"].as_i64() == Some(year))
            .unwrap_or_else(|| panic!("{unit} {year}: {trend:#?}"))
    };
    // 2021: the Sở Tài chính of today did not exist; its predecessor's own figures beside it,
    // never added or averaged into its own.
    let before = row("Sở Tài chính", 2021);
    assert!(before["score_total"].is_null());
    assert_eq!(before["peer_group"], "departments");
    let preds = before["predecessors"].as_array().expect("predecessors");
    assert_eq!(preds.len(), 1);
    assert_eq!(preds[0]["unit"], "Sở Kế hoạch và Đầu tư");
    assert_eq!(preds[0]["province"], "Đồng Nai");
    assert_eq!(preds[0]["score_total"].as_f64(), Some(30.44));
    assert_eq!(preds[0]["max_total"].as_f64(), Some(39.5));
    // Its own year and the predecessor's own row are as imported.
    assert!(row("Sở Tài chính", 2025)["predecessors"].is_null());
    assert_eq!(
        row("Sở Tài chính", 2025)["score_total"].as_f64(),
        Some(86.25)
    );
    assert_eq!(
        row("Sở Kế hoạch và Đầu tư", 2021)["score_total"].as_f64(),
        Some(30.44)
    );
    // As reported: the two units, nothing more.
    let reported = super::json(store, &["--map", "reported", "scorecard", "trend"]);
    assert_eq!(reported.len(), 2, "{reported:#?}");
    assert!(reported.iter().all(|r| r.get("predecessors").is_none()));
}

#[test]
fn surveys_of_two_merged_departments_are_pooled_on_the_latest_map() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path();
    let file = super::root().join("tests/data/survey_merged_departments_2024.xlsx");
    let out = super::run(
        store,
        &["import", "--province", "Đồng Nai", file.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let by_unit = ["survey", "index", "--by", "unit"];
    let mut reported_args = vec!["--map", "reported"];
    reported_args.extend(by_unit);
    let reported = super::json(store, &reported_args);
    assert_eq!(reported.len(), 2, "{reported:#?}");
    let sum = |field: &str| -> i64 { reported.iter().map(|r| r[field].as_i64().unwrap()).sum() };
    // Both went into Sở Tài chính on 1/3/2025: on the latest map one unit, its index computed
    // over the pooled respondents (not an average of the two indexes).
    let latest = super::json(store, &by_unit);
    assert_eq!(latest.len(), 1, "{latest:#?}");
    let pooled = &latest[0];
    assert_eq!(pooled["unit"], "Sở Tài chính");
    assert_eq!(pooled["respondents"].as_i64(), Some(sum("respondents")));
    assert_eq!(pooled["valid_answers"].as_i64(), Some(sum("valid_answers")));
    assert_eq!(pooled["satisfied"].as_i64(), Some(sum("satisfied")));
    let index = sum("satisfied") as f64 / sum("valid_answers") as f64;
    assert!((pooled["index"].as_f64().unwrap() - index).abs() < 1e-12);
    assert_eq!(
        pooled["combined_from"],
        serde_json::json!(["Sở Kế hoạch và Đầu tư", "Sở Tài chính"])
    );
    // Asked for by its old name, the seed's department is the unit it went into.
    let asked = super::json(
        store,
        &[
            "survey",
            "index",
            "--by",
            "unit",
            "--unit",
            "Sở Kế hoạch và Đầu tư",
        ],
    );
    assert_eq!(asked.len(), 1);
    assert_eq!(asked[0]["unit"], "Sở Tài chính");
}

#[test]
fn dossier_logs_of_two_merged_departments_are_combined_on_the_latest_map() {
    use cchc_datagen::dossiers::{LogSpec, write_log_csv};
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let mut files = Vec::new();
    for (unit, code, seed) in [
        ("Sở Kế hoạch và Đầu tư", "000.00.12.H19", 7),
        ("Sở Tài chính", "000.00.13.H19", 8),
    ] {
        let spec = LogSpec {
            unit: unit.into(),
            unit_code: code.into(),
            seed,
            ..LogSpec::new(300, 2024)
        };
        let path = dir.path().join(format!("log_{seed}.csv"));
        write_log_csv(&path, &spec).unwrap();
        files.push(path.display().to_string());
    }
    let mut args = vec!["import", "dossiers", "--province", "Đồng Nai"];
    args.extend(files.iter().map(String::as_str));
    let out = super::run(&store, &args);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let reported = super::json(&store, &["--map", "reported", "dossiers", "stats"]);
    let latest = super::json(&store, &["dossiers", "stats"]);
    let total = |rows: &[Value], unit: Option<&str>| -> i64 {
        rows.iter()
            .filter(|r| unit.is_none_or(|u| r["unit"] == u))
            .map(|r| r["received"].as_i64().unwrap())
            .sum()
    };
    assert!(total(&reported, Some("Sở Kế hoạch và Đầu tư")) > 0);
    assert!(total(&reported, Some("Sở Tài chính")) > 0);
    // Every dossier of both, counted once, under the unit they went into.
    let units = |rows: &[Value]| -> Vec<String> {
        let mut u: Vec<String> = rows
            .iter()
            .map(|r| format!("{} {}", r["unit"], r["period"]))
            .collect();
        u.dedup();
        u
    };
    assert_eq!(
        total(&latest, Some("Sở Tài chính")),
        total(&reported, None),
        "{:?} / {:?}",
        units(&reported),
        units(&latest)
    );
    assert!(latest.iter().all(|r| r["unit"] == "Sở Tài chính"));
    assert!(latest.iter().all(|r| r["province"] == "Đồng Nai"));
    assert!(latest.iter().all(
        |r| r["combined_from"] == serde_json::json!(["Sở Kế hoạch và Đầu tư", "Sở Tài chính"])
    ));
}

#[test]
fn inspect_shows_the_province_and_the_period_an_import_would_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let data = super::root().join("tests/data");
    let h1 = data.join("commune_stats_ho_nai_2025_h1.xlsx");
    let h2 = data.join("commune_stats_ho_nai_2025_h2.xlsx");
    let stdout = |out: &std::process::Output| String::from_utf8_lossy(&out.stdout).into_owned();
    // The second half names its province and its half in the title.
    let out = super::run(&store, &["inspect", h2.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let said = stdout(&out);
    assert!(said.contains("Tỉnh: \"Đồng Nai\" (tiêu đề bảng)"), "{said}");
    assert!(
        said.contains("Kỳ: 01/07/2025–31/12/2025 (tiêu đề bảng)"),
        "{said}"
    );
    // The first half names its city, not its province: none is shown until the analyst gives it.
    let out = super::run(&store, &["inspect", h1.to_str().unwrap()]);
    let said = stdout(&out);
    assert!(!said.contains("Tỉnh:"), "{said}");
    assert!(
        said.contains("Kỳ: 01/01/2025–30/06/2025 (tiêu đề bảng)"),
        "{said}"
    );
    let out = super::run(
        &store,
        &[
            "--lang",
            "en",
            "inspect",
            "--province",
            "dong nai",
            "--period",
            "1/1/2025..31/3/2025",
            h1.to_str().unwrap(),
        ],
    );
    let said = stdout(&out);
    assert!(
        said.contains("Province: \"Đồng Nai\" (--province)"),
        "{said}"
    );
    assert!(
        said.contains("Period: 01/01/2025–31/03/2025 (--period)"),
        "{said}"
    );
    // A province of no period of the file, or a period that is not FROM..TO: exit 2, as the
    // import refuses them, nothing printed on stdout.
    for bad in [["--province", "Hà Tây"], ["--period", "2025-07-01"]] {
        let mut args = vec!["inspect"];
        args.extend(bad);
        args.push(h2.to_str().unwrap());
        let out = super::run(&store, &args);
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {out:?}");
        assert!(stdout(&out).is_empty(), "{bad:?}: {}", stdout(&out));
    }
    assert!(!store.exists(), "inspect writes nothing");
}
