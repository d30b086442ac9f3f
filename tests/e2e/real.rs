//! Real exports through the binary: the workbooks others made (`../shared/real/`, a failure when
//! missing) and the look-alikes datagen writes into `tests/data/` for each layout.

use std::path::PathBuf;

use super::{json, num, ok, root, run};

fn real(name: &str) -> String {
    let path = root().join("../shared/real").join(name);
    assert!(
        path.exists(),
        "{} is missing: the real workbooks live in ../shared/real beside the repository",
        path.display()
    );
    path.display().to_string()
}

fn fixture(name: &str) -> String {
    let path: PathBuf = root().join("tests/data").join(name);
    path.display().to_string()
}

#[test]
fn the_portal_lists_import_as_registries_once_given_a_year() {
    let store = tempfile::tempdir().expect("tmp");
    // Without a year the analyst is told to give one.
    let out = run(
        store.path(),
        &[
            "import",
            &real("toa-an-nhan-dan.xlsx"),
            "--unit",
            "Tòa án nhân dân",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--year") && err.contains("toa-an-nhan-dan.xlsx"),
        "{err}"
    );
    for (file, unit, line) in [
        (
            "danh-sach-tthc-BoCongAn.xlsx",
            "Bộ Công an",
            "341 dòng = 339 nhập + 2 cấu trúc + 0 bị loại",
        ),
        (
            "danh-sach-tthc-BoTuPhap.xlsx",
            "Bộ Tư pháp",
            "273 dòng = 271 nhập + 2 cấu trúc + 0 bị loại",
        ),
        (
            "toa-an-nhan-dan.xlsx",
            "Tòa án nhân dân",
            "5 dòng = 3 nhập + 2 cấu trúc + 0 bị loại",
        ),
    ] {
        // Detected from the headers: no kind named on the command line.
        let out = ok(
            store.path(),
            &["import", &real(file), "--year", "2025", "--unit", unit],
        );
        assert!(out.contains(line), "{file}: {out}");
    }
    // A registry alone has no rates: the analyst is told why the table is empty.
    let out = run(store.path(), &["--lang", "en", "procedures", "stats"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("procedure registry only"), "{err}");
}

#[test]
fn a_portal_look_alike_rejects_bad_codes_with_their_cells() {
    let store = tempfile::tempdir().expect("tmp");
    let out = run(
        store.path(),
        &[
            "--lang",
            "en",
            "import",
            &fixture("procedures_portal_list.xlsx"),
            "--year",
            "2025",
            "--unit",
            "Bộ Công an",
        ],
    );
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(
        stdout.contains("9 rows = 5 imported + 2 structure + 2 rejected"),
        "{stdout}"
    );
    assert!(stderr.contains("'Danh sách TTHC'!A7"), "{stderr}");
    assert!(
        stderr.contains("'Danh sách TTHC'!A8") && stderr.contains("1.01502"),
        "{stderr}"
    );
}

#[test]
fn flat_channel_headers_give_the_channel_shares() {
    let store = tempfile::tempdir().expect("tmp");
    ok(
        store.path(),
        &[
            "import",
            &fixture("procedures_flat_channels.xlsx"),
            "--unit",
            "Sở Tài chính",
        ],
    );
    let rows = json(store.path(), &["procedures", "stats", "--by", "unit"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    assert_eq!(row["year"], 2024);
    assert_eq!(num(row, "received"), 75.0);
    assert!(
        (num(row, "online_share") - 25.0 / 75.0).abs() < 1e-9,
        "{row}"
    );
    assert!(
        (num(row, "postal_share") - 15.0 / 75.0).abs() < 1e-9,
        "{row}"
    );
}

/// A two-criterion scorecard under the given title lines (one per row), top left.
fn scorecard_under(dir: &std::path::Path, name: &str, title: &[&str], score: f64) -> String {
    use cchc_datagen::sheet::{SheetSpec, n, t, write_xlsx};
    let mut s = SheetSpec::new("Sheet1");
    for (i, line) in title.iter().enumerate() {
        for (c, cell) in line.split(" | ").enumerate() {
            s.set(i as u32, c as u16, t(cell));
        }
    }
    let top = title.len() as u32 + 1;
    s.row(
        top,
        ["TT", "Tiêu chí", "Điểm tối đa", "Điểm đạt được"]
            .iter()
            .map(|h| Some(t(h)))
            .collect(),
    );
    s.row(
        top + 1,
        vec![
            Some(t("1")),
            Some(t("Công khai thủ tục")),
            Some(n(2.0)),
            Some(n(1.5)),
        ],
    );
    s.row(
        top + 2,
        vec![
            Some(t("2")),
            Some(t("Giải quyết đúng hạn")),
            Some(n(3.0)),
            Some(n(score)),
        ],
    );
    let path = dir.join(name);
    write_xlsx(&path, &[s]).expect("written");
    path.display().to_string()
}

#[test]
fn a_unit_written_as_offices_write_it_is_one_unit() {
    let store = tempfile::tempdir().expect("tmp");
    let dir = tempfile::tempdir().expect("tmp");
    let files = [
        // Capitals after a dash at the end of the title.
        scorecard_under(
            dir.path(),
            "a.xlsx",
            &["BẢNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022 - SỞ Y TẾ"],
            2.0,
        ),
        // The agency block of an official document, capitals, beside the national motto.
        scorecard_under(
            dir.path(),
            "b.xlsx",
            &[
                "UBND TỈNH BẮC NINH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "SỞ  Y TẾ | Độc lập - Tự do - Hạnh phúc",
                "BẢNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023",
            ],
            2.5,
        ),
        // Normal case, stray spaces, on a unit line.
        scorecard_under(
            dir.path(),
            "c.xlsx",
            &["BẢNG ĐIỂM NĂM 2024", "Đơn vị:  Sở Y  tế"],
            3.0,
        ),
    ];
    ok(store.path(), &["import", &files[0], &files[1]]);
    // A flag in capitals is kept as typed in the file's parts; the store reads it as the others.
    ok(store.path(), &["import", &files[2], "--unit", "SỞ  Y TẾ"]);
    let trend = json(store.path(), &["scorecard", "trend"]);
    let units: Vec<&str> = trend.iter().filter_map(|r| r["unit"].as_str()).collect();
    assert_eq!(units, ["Sở Y tế"; 3], "{trend:?}");
    let years: Vec<i64> = trend.iter().filter_map(|r| r["year"].as_i64()).collect();
    assert_eq!(years, [2022, 2023, 2024]);
    // The store's list names the unit the same way, whatever each file wrote.
    let sources = json(store.path(), &["store", "list"]);
    assert_eq!(sources.len(), 3);
    assert!(
        sources.iter().all(|s| s["units"] == "Sở Y tế"),
        "{sources:?}"
    );
    // A units file joins an abbreviation no folding finds, and names the unit.
    let units_file = dir.path().join("units.toml");
    std::fs::write(
        &units_file,
        "[[unit]]\nname = \"Sở Y tế\"\naliases = [\"SYT\", \"Sở YT\"]\n",
    )
    .expect("units file");
    let d = scorecard_under(
        dir.path(),
        "d.xlsx",
        &["BẢNG ĐIỂM NĂM 2025", "Đơn vị: Sở YT"],
        3.0,
    );
    ok(
        store.path(),
        &["import", &d, "--units", &units_file.display().to_string()],
    );
    let trend = json(store.path(), &["scorecard", "trend", "--unit", "so y te"]);
    assert_eq!(trend.len(), 4, "{trend:?}");
    assert!(trend.iter().all(|r| r["unit"] == "Sở Y tế"), "{trend:?}");
    // A malformed units file names itself and what is expected.
    std::fs::write(&units_file, "[[unit]]\nnom = 1\n").expect("write");
    let out = run(
        store.path(),
        &["import", &d, "--units", &units_file.display().to_string()],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("units.toml") && err.contains("[[unit]]"),
        "{err}"
    );
}

#[test]
fn inspect_never_gives_up_and_names_the_likely_kind() {
    let store = tempfile::tempdir().expect("tmp");
    // A budget table: no kind reads it; inspect says why, then shows each column's header and
    // first values and what each kind misses, exit 0.
    let out = run(
        store.path(),
        &["--lang", "en", "inspect", &real("Budget_Plan_2007.xls")],
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Would not import: "), "{text}");
    assert!(text.contains("Sheet \"mau so 09\":"), "{text}");
    assert!(
        text.contains("\"TỈNH, THÀNH PHỐ\"") && text.contains("\"MIỀN NÚI PHÍA BẮC\""),
        "{text}"
    );
    assert!(text.contains("missing criterion; max_score"), "{text}");
    // PAPI is told from its headers and shown as a wide table: units and score columns.
    let out = run(
        store.path(),
        &["--lang", "en", "inspect", &real("PAPI_PAPI_2011-2016.xlsx")],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Sheet \"2016_PAPI\":"), "{text}");
    assert!(
        text.contains("\"tentinh_vie\"") && text.contains("→ unit"),
        "{text}"
    );
    assert!(text.contains("→ score_total"), "{text}");
    // Every real workbook is explained with exit 0.
    for file in [
        "Budget_Plan_2003.xls",
        "Budget_Plan_2007.xls",
        "Budget_Plan_2010.xls",
        "danh-sach-tthc-BoCongAn.xlsx",
    ] {
        let out = run(store.path(), &["--lang", "en", "inspect", &real(file)]);
        assert_eq!(out.status.code(), Some(0), "{file}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Sheet \""),
            "{file}"
        );
    }
    // A scorecard without its maximum column: the hint names scorecard, not a guess.
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("no_max.xlsx");
    {
        use cchc_datagen::sheet::{SheetSpec, n, t, write_xlsx};
        let mut s = SheetSpec::new("Sheet1");
        s.row(
            0,
            ["TT", "Tiêu chí", "Điểm tự đánh giá", "Điểm thẩm định"]
                .iter()
                .map(|h| Some(t(h)))
                .collect(),
        );
        s.row(
            1,
            vec![
                Some(t("1")),
                Some(t("Công khai")),
                Some(n(1.0)),
                Some(n(1.0)),
            ],
        );
        write_xlsx(&path, &[s]).expect("written");
    }
    let path = path.display().to_string();
    let out = run(
        store.path(),
        &["--lang", "en", "inspect", &path, "--year", "2024"],
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("missing max_score"), "{text}");
    // The import refuses it and points at inspect.
    let out = run(store.path(), &["--lang", "en", "import", &path]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no recognisable table") && err.contains("\"cchc inspect "),
        "{err}"
    );
}

/// Every text a store holds, decoded: each Parquet file's every column and row group (the pages
/// are compressed, so bytes would hide values), and every other file as text.
fn store_texts(dir: &std::path::Path, out: &mut Vec<String>) {
    use polars::prelude::{DataType, ParquetReader, SerReader};
    for entry in std::fs::read_dir(dir).expect("store dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            store_texts(&path, out);
        } else if path.extension().is_some_and(|e| e == "parquet") {
            let file = std::fs::File::open(&path).expect("open parquet");
            let df = ParquetReader::new(file).finish().expect("parquet decodes");
            for column in df.columns() {
                let text = column.cast(&DataType::String).expect("as text");
                out.extend(text.str().expect("str").iter().flatten().map(str::to_owned));
            }
        } else {
            out.push(String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned());
        }
    }
}

/// The personal values of the form export, read from the workbook by calamine: every cell of
/// its email, name, phone, CCCD and contact columns.
fn personal_values() -> Vec<String> {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut wb =
        open_workbook_auto(root().join("tests/data/survey_form_export.xlsx")).expect("open");
    let range = wb.worksheet_range("Câu trả lời biểu mẫu 1").expect("sheet");
    let mut values = Vec::new();
    for row in range.rows().skip(1) {
        for col in [1usize, 2, 3, 4, 11] {
            if let Some(Data::String(s)) = row.get(col) {
                values.push(s.clone());
            }
        }
    }
    values
}

#[test]
fn a_form_tool_export_imports_its_questions_scales_and_years() {
    let store = tempfile::tempdir().expect("tmp");
    let file = fixture("survey_form_export.xlsx");
    let out = ok(
        store.path(),
        &["--lang", "en", "import", &file, "--unit", "Sở Tư pháp"],
    );
    assert!(
        out.contains("13 rows = 11 imported + 1 structure + 1 rejected"),
        "{out}"
    );
    assert!(
        out.contains("agreement scale (3 questions), quality scale (poor – good) (1 questions)"),
        "{out}"
    );
    assert!(out.contains("each question is its own element"), "{out}");
    let rows = json(store.path(), &["survey", "index", "--by", "question"]);
    assert_eq!(rows.len(), 4, "{rows:?}");
    // Counted straight from the fixture's definition: the respondent whose timestamp is no date
    // is left out, and so is the one "Hài lòng" given to an agreement question.
    use cchc_datagen::fixtures::FORM_ROWS;
    let kept: Vec<&[&str; 13]> = FORM_ROWS.iter().filter(|r| r[0] != "không rõ").collect();
    let positive = ["Đồng ý", "Hoàn toàn đồng ý", "Tốt", "Rất tốt"];
    let valid = [
        "Hoàn toàn đồng ý",
        "Đồng ý",
        "Phân vân",
        "Không đồng ý",
        "Hoàn toàn không đồng ý",
        "Không ý kiến",
        "Bình thường",
        "Rất tốt",
        "Tốt",
        "Trung bình",
        "Kém",
        "Rất kém",
    ];
    for (q, row) in rows.iter().enumerate() {
        let col = 7 + q;
        let answers: Vec<&str> = kept
            .iter()
            .map(|r| r[col])
            .filter(|a| valid.contains(a))
            .collect();
        let satisfied = answers.iter().filter(|a| positive.contains(a)).count();
        assert_eq!(row["year"], 2024, "{row}");
        assert_eq!(num(row, "valid_answers") as usize, answers.len(), "{row}");
        assert_eq!(num(row, "satisfied") as usize, satisfied, "{row}");
        let scale = if q < 3 { "agreement" } else { "quality" };
        assert_eq!(row["scale"], scale, "{row}");
    }
    // The table names the index by its scale, never "satisfaction" for agreement.
    let out = run(
        store.path(),
        &[
            "--lang",
            "en",
            "survey",
            "index",
            "--by",
            "question",
            "--unit",
            "so tu phap",
        ],
    );
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(!table.contains("Satisf"), "{table}");
    let agree = ok(
        store.path(),
        &["survey", "index", "--by", "element", "--format", "csv"],
    );
    assert!(agree.lines().count() == 5, "{agree}");
    // The Likert chart of agreement and quality questions names neither satisfaction nor one
    // scale's levels: it says "rating" and numbers the levels.
    let svg = store.path().join("likert.svg");
    ok(
        store.path(),
        &["chart", "likert", "--out", &svg.display().to_string()],
    );
    let svg = std::fs::read_to_string(&svg).expect("svg");
    assert!(
        svg.contains("Mức đánh giá theo yếu tố") && svg.contains("Mức 5"),
        "{svg}"
    );
    assert!(!svg.contains("hài lòng"), "{svg}");
}

#[test]
fn personal_data_never_reaches_the_store_a_message_or_the_rejects() {
    let personal = personal_values();
    assert!(personal.len() >= 50, "{} personal values", personal.len());
    let file = fixture("survey_form_export.xlsx");
    let leaks = |texts: &[String]| -> Vec<String> {
        personal
            .iter()
            .filter(|p| texts.iter().any(|t| t.contains(p.as_str())))
            .cloned()
            .collect()
    };
    // By default: nothing personal in the store, the import's messages or `cchc rejects`.
    let store = tempfile::tempdir().expect("tmp");
    let import = run(store.path(), &["import", &file, "--unit", "Sở Tư pháp"]);
    assert!(import.status.success());
    let mut seen = vec![
        String::from_utf8_lossy(&import.stdout).into_owned(),
        String::from_utf8_lossy(&import.stderr).into_owned(),
    ];
    for args in [
        vec!["rejects"],
        vec!["rejects", "--format", "json"],
        vec!["inspect", &file, "--unit", "Sở Tư pháp"],
        // Without a unit the import would fail: inspect shows the columns' values, but not these.
        vec!["--lang", "en", "inspect", &file],
    ] {
        let out = run(store.path(), &args);
        seen.push(String::from_utf8_lossy(&out.stdout).into_owned());
        seen.push(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    // The rejected respondent (A11) is listed, without the personal cells of its row.
    assert!(seen.iter().any(|s| s.contains("A11")), "{seen:?}");
    assert!(
        seen.iter()
            .any(|s| s.contains("\"Từ 25 đến 34\"")
                && s.contains("(personal data, not shown: email)")),
        "the sketch shows other values: {seen:?}"
    );
    let mut stored = Vec::new();
    store_texts(store.path(), &mut stored);
    assert!(
        stored.iter().any(|t| t.contains("Cần thêm chỗ ngồi")),
        "free text is kept"
    );
    assert_eq!(leaks(&stored), Vec::<String>::new(), "in the store");
    assert_eq!(leaks(&seen), Vec::<String>::new(), "in a message");
    // With --keep-personal-data they are kept, as attributes: the check above can see them.
    let kept = tempfile::tempdir().expect("tmp");
    ok(
        kept.path(),
        &[
            "import",
            &file,
            "--unit",
            "Sở Tư pháp",
            "--keep-personal-data",
        ],
    );
    let mut stored = Vec::new();
    store_texts(kept.path(), &mut stored);
    assert!(leaks(&stored).len() >= 40, "{} kept", leaks(&stored).len());
}

#[test]
fn wide_results_import_every_unit_and_year_with_ranks_checked() {
    use cchc_datagen::fixtures::{WIDE_FIELDS, WIDE_ROWS};
    let store = tempfile::tempdir().expect("tmp");
    let out = run(
        store.path(),
        &["--lang", "en", "import", &fixture("scorecard_wide.xlsx")],
    );
    assert!(out.status.success());
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(
        stdout
            .matches("11 rows = 4 imported + 7 structure + 0 rejected")
            .count(),
        2,
        "{stdout}"
    );
    // The agency block names the publisher, not a unit.
    assert!(stdout.contains("published by \"Sở Nội vụ\""), "{stdout}");
    // The stated rank its total contradicts is a warning with both figures, at its cell.
    assert!(
        stderr.contains("'Năm 2023'!I7") && stderr.contains("ranked 3 but its total places it 4"),
        "{stderr}"
    );
    // Every unit and year, under one name per unit, with the fixture's totals and maxima.
    let trend = json(store.path(), &["scorecard", "trend"]);
    assert_eq!(trend.len(), 8, "{trend:?}");
    let max_total: f64 = WIDE_FIELDS.iter().map(|(_, m)| m).sum();
    for (year, rows) in WIDE_ROWS {
        for (unit, scores, _) in rows {
            let name: String = cchc_model::text::unit_spelling(unit);
            let row = trend
                .iter()
                .find(|r| r["year"] == year && r["unit"] == name.as_str())
                .unwrap_or_else(|| panic!("{year} {name} in {trend:?}"));
            assert!((num(row, "score_total") - scores.iter().sum::<f64>()).abs() < 1e-9);
            assert!((num(row, "max_total") - max_total).abs() < 1e-9);
        }
    }
    let units: std::collections::BTreeSet<&str> =
        trend.iter().filter_map(|r| r["unit"].as_str()).collect();
    assert_eq!(units.len(), 4, "{units:?}");
    // Gaps by field for one unit: the maxima stated in the headers.
    let gaps = json(
        store.path(),
        &[
            "scorecard",
            "gaps",
            "--level",
            "field",
            "--unit",
            "so y te",
            "--year",
            "2023",
        ],
    );
    assert_eq!(gaps.len(), 4);
    let lost: f64 = gaps.iter().map(|g| num(g, "points_lost")).sum();
    assert!((lost - (36.0 - 31.0)).abs() < 1e-9, "{gaps:?}");
    // The trend chart over every unit and year.
    let png = store.path().join("trend.png");
    ok(
        store.path(),
        &["chart", "trend", "--out", &png.display().to_string()],
    );
    assert!(std::fs::metadata(&png).expect("png").len() > 10_000);
}

#[test]
fn papi_imports_as_wide_scorecards_whose_totals_are_the_published_index() {
    use calamine::{Data, Reader, open_workbook_auto};
    let store = tempfile::tempdir().expect("tmp");
    let file = real("PAPI_PAPI_2011-2016.xlsx");
    let out = ok(
        store.path(),
        &["--lang", "en", "import", "scorecard", &file],
    );
    for year in 2011..=2016 {
        assert!(out.contains(&format!("\"{year}_PAPI\"")), "{out}");
    }
    // 63 provinces a year; 2014 has two without scores, rejected with their cells.
    assert_eq!(
        out.matches("66 rows = 63 imported + 3 structure + 0 rejected")
            .count(),
        5,
        "{out}"
    );
    assert!(
        out.contains("66 rows = 61 imported + 3 structure + 2 rejected"),
        "{out}"
    );
    let trend = json(store.path(), &["scorecard", "trend"]);
    assert_eq!(trend.len(), 63 * 6 - 2);
    // Only the sub-indicators are summed: each province's total is the index PAPI published
    // (column AF, read by calamine).
    let mut wb = open_workbook_auto(&file).expect("open");
    let mut checked = 0;
    for year in 2011..=2016 {
        let range = wb.worksheet_range(&format!("{year}_PAPI")).expect("sheet");
        for row in range.rows().skip(2) {
            let (Some(Data::String(name)), Some(Data::Float(index))) = (row.get(2), row.get(31))
            else {
                continue;
            };
            let Some(ours) = trend
                .iter()
                .find(|r| r["year"] == year && r["unit"] == name.as_str())
            else {
                continue;
            };
            // The published index sums the six dimensions, ours their sub-indicators: each is
            // published to six or seven digits, so the sums agree to 1e-4, not to the last digit.
            assert!(
                (num(ours, "score_total") - index).abs() < 1e-4,
                "{year} {name}: {} vs {index}",
                num(ours, "score_total")
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 63 * 6 - 2);
    // Without maxima the trend chart draws the totals, not an empty attainment axis.
    let svg = store.path().join("papi.svg");
    ok(
        store.path(),
        &[
            "chart",
            "trend",
            "--unit",
            "Hà Nội",
            "--out",
            &svg.display().to_string(),
        ],
    );
    let svg = std::fs::read_to_string(&svg).expect("svg");
    assert!(
        svg.contains("Tổng điểm theo đơn vị, 2011–2016") && svg.contains("36,4"),
        "{svg}"
    );
}
