//! End-to-end tests: the real `cchc` binary on real workbooks, checked against figures read from
//! the same workbooks independently (calamine, not the importer) or printed in the seed plan.

mod calendar;
mod corpus;
mod dossiers;
mod engines;
mod fuzz;
mod house;
mod notebooks;
mod r_survey;
mod real;
mod report;
mod serve;
mod units;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader, open_workbook_auto};
use serde_json::Value;

// The language checks, shared with the presentation module's own tests.
#[path = "../../crates/cli/src/words/check.rs"]
mod check;
use check::{english_words, own_words, vietnamese_words};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `cchc` binary that cargo built for this test run.
fn cchc_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_cchc"))
}

/// What a run said on stderr.
fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn run(store: &Path, args: &[&str]) -> Output {
    Command::new(cchc_bin())
        .arg("--store")
        .arg(store)
        .args(args)
        .current_dir(root())
        .output()
        .expect("cchc runs")
}

fn ok(store: &Path, args: &[&str]) -> String {
    let out = run(store, args);
    assert!(
        out.status.success(),
        "cchc {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf8")
}

/// Imports every bundled workbook (`datasets/*.xlsx`, in name order) into `store`.
fn import_datasets(store: &Path) {
    let mut files: Vec<String> = std::fs::read_dir(root().join("datasets"))
        .expect("datasets")
        .flatten()
        .map(|e| e.path().display().to_string())
        .filter(|p| p.ends_with(".xlsx"))
        .collect();
    files.sort();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    ok(store, &args);
}

/// A store in `dir/store` holding a generated procedure registry and a log of `rows` dossiers
/// received in 2025, both imported as an office imports them.
fn log_store(dir: &Path, rows: u32) -> PathBuf {
    use cchc_datagen::dossiers::{LogSpec, write_log_csv, write_registry_xlsx};
    let spec = LogSpec::new(rows, 2025);
    let log = dir.join("so_theo_doi_2025.csv");
    write_log_csv(&log, &spec).expect("the log");
    let registry = dir.join("danh_muc_tthc_2025.xlsx");
    write_registry_xlsx(&registry, &spec).expect("the registry");
    let store = dir.join("store");
    ok(&store, &["import", registry.to_str().expect("a path")]);
    ok(
        &store,
        &["import", "dossiers", log.to_str().expect("a path")],
    );
    store
}

fn json(store: &Path, args: &[&str]) -> Vec<Value> {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str::<Value>(&ok(store, &all))
        .expect("json")
        .as_array()
        .expect("array")
        .clone()
}

fn num(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or_else(|| panic!("{key} in {v}"))
}

/// The value of column `col` on the first row whose column `label_col` starts with `label`,
/// read straight from the workbook.
fn cell_on_row(path: &Path, sheet: &str, label_col: usize, label: &str, col: usize) -> f64 {
    let mut wb = open_workbook_auto(path).expect("open");
    let range = wb.worksheet_range(sheet).expect("sheet");
    for row in range.rows() {
        if let Some(Data::String(s)) = row.get(label_col)
            && s.starts_with(label)
        {
            return match row.get(col) {
                Some(Data::Float(x)) => *x,
                Some(Data::Int(i)) => *i as f64,
                other => panic!("{other:?}"),
            };
        }
    }
    panic!("no row {label} in {sheet}")
}

#[test]
fn seed_appendix_gives_the_plan_s_figures_through_the_binary() {
    let store = tempfile::tempdir().expect("tmp");
    let out = ok(
        store.path(),
        &["import", "datasets/seed_appendix_2021.xlsx"],
    );
    assert!(
        out.contains("15 dòng = 7 nhập + 8 cấu trúc + 0 bị loại"),
        "{out}"
    );
    let gaps = json(store.path(), &["scorecard", "gaps"]);
    assert_eq!(gaps.len(), 7);
    let total = |key: &str| gaps.iter().map(|g| num(g, key)).sum::<f64>();
    assert!((total("max_score") - 39.5).abs() < 1e-9);
    assert!((total("score") - 30.44).abs() < 1e-9);
    assert!((total("points_lost") - 9.06).abs() < 1e-9);
    assert_eq!(gaps[0]["rank"], 1);
    assert!(
        gaps[0]["criterion"]
            .as_str()
            .expect("name")
            .starts_with("Sự hài lòng")
    );
    assert!((num(&gaps[0], "points_lost") - 4.89).abs() < 1e-9);
    assert!((num(&gaps[0], "attainment") - 28.61 / 33.5).abs() < 1e-9);
    assert_eq!(gaps[1]["rank"], 2);
    assert!(
        gaps[1]["criterion"]
            .as_str()
            .expect("name")
            .contains("80% - 100%")
    );
    assert!((num(&gaps[6], "cumulative_share") - 1.0).abs() < 1e-9);
    assert!(
        gaps.iter()
            .all(|g| g["year"] == 2021 && g["unit"] == "Sở Kế hoạch và Đầu tư")
    );
}

#[test]
fn hierarchical_trend_totals_equal_the_appraised_total_rows_of_each_year() {
    let store = tempfile::tempdir().expect("tmp");
    let file = root().join("datasets/scorecard_so_tu_phap_2021_2024.xlsx");
    ok(store.path(), &["import", file.to_str().expect("path")]);
    let trend = json(store.path(), &["scorecard", "trend"]);
    assert_eq!(trend.len(), 4);
    for row in &trend {
        let year = row["year"].as_i64().expect("year");
        let sheet = year.to_string();
        // Column C is the maximum, E the appraised score on the "Tổng cộng" row.
        let stated_max = cell_on_row(&file, &sheet, 1, "Tổng cộng", 2);
        let stated_score = cell_on_row(&file, &sheet, 1, "Tổng cộng", 4);
        assert!((num(row, "max_total") - stated_max).abs() < 1e-9, "{year}");
        assert!(
            (num(row, "score_total") - stated_score).abs() < 1e-9,
            "{year}: {row}"
        );
    }
    assert!(trend[0]["delta"].is_null());
    let d = num(&trend[1], "delta");
    assert!((d - (num(&trend[1], "score_total") - num(&trend[0], "score_total"))).abs() < 1e-9);
}

#[test]
fn files_per_year_and_year_bands_trend_like_their_total_rows() {
    let store = tempfile::tempdir().expect("tmp");
    let mut args = vec!["import".to_owned()];
    for y in 2021..=2024 {
        args.push(format!("datasets/scorecard_so_y_te_{y}.xlsx"));
    }
    args.push("datasets/scorecard_huyen_long_thanh_2021_2024.xlsx".into());
    ok(
        store.path(),
        &args.iter().map(String::as_str).collect::<Vec<_>>(),
    );
    let trend = json(store.path(), &["scorecard", "trend"]);
    assert_eq!(trend.len(), 8);
    for row in trend.iter().filter(|r| r["unit"] == "Sở Y tế") {
        let year = row["year"].as_i64().expect("year");
        let file = root().join(format!("datasets/scorecard_so_y_te_{year}.xlsx"));
        let stated = cell_on_row(&file, "Chỉ số CCHC", 0, "TỔNG CỘNG", 4);
        assert!((num(row, "score_total") - stated).abs() < 1e-9, "{year}");
    }
    let bands = root().join("datasets/scorecard_huyen_long_thanh_2021_2024.xlsx");
    for (k, row) in trend
        .iter()
        .filter(|r| r["unit"] == "UBND huyện Long Thành")
        .enumerate()
    {
        // Year k's appraised column is 4 + 2k on the "Tổng cộng" row.
        let stated = cell_on_row(&bands, "Tổng hợp", 1, "Tổng cộng", 4 + 2 * k);
        assert!((num(row, "score_total") - stated).abs() < 1e-9, "{row}");
    }
    // A department and a district are ranked in their own blocks: each is first every year.
    for year in 2021..=2024 {
        let mut ranks: Vec<(String, i64)> = trend
            .iter()
            .filter(|r| r["year"] == year)
            .map(|r| {
                (
                    r["peer_group"].as_str().expect("peer group").to_owned(),
                    r["rank"].as_i64().expect("rank"),
                )
            })
            .collect();
        ranks.sort_unstable();
        assert_eq!(
            ranks,
            [("departments".to_owned(), 1), ("districts".to_owned(), 1)],
            "{year}"
        );
    }
}

#[test]
fn a_bad_file_is_refused_with_exit_2_and_the_store_is_untouched() {
    let store = tempfile::tempdir().expect("tmp");
    ok(
        store.path(),
        &["import", "datasets/seed_appendix_2021.xlsx"],
    );
    let manifest = std::fs::read(store.path().join("manifest.json")).expect("manifest");
    for bad in [
        "empty.xlsx",
        "truncated.xlsx",
        "not_a_spreadsheet.xlsx",
        "password_protected.xlsx",
        "no_table.xlsx",
    ] {
        let path = format!("tests/data/{bad}");
        // A good file beside the bad one is not stored either.
        let out = run(
            store.path(),
            &["import", "datasets/scorecard_so_y_te_2021.xlsx", &path],
        );
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with("lỗi: ") && err.contains(bad),
            "{bad}: {err}"
        );
        assert_eq!(
            std::fs::read(store.path().join("manifest.json")).expect("manifest"),
            manifest,
            "{bad}"
        );
        // The good file's rows were written while it was read; none of them is left behind.
        let mut stack = vec![store.path().to_owned()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("dir").flatten() {
                let p = entry.path();
                let name = p.file_name().expect("name").to_string_lossy().into_owned();
                assert!(
                    !name.starts_with(".tmp-"),
                    "{bad}: {} left behind",
                    p.display()
                );
                if p.is_dir() {
                    stack.push(p);
                }
            }
        }
        let parts = std::fs::read_dir(store.path().join("scorecard/year=2021"))
            .expect("dir")
            .count();
        assert_eq!(parts, 1, "{bad}: only the first import's part");
    }
    let out = run(
        store.path(),
        &["--lang", "en", "import", "tests/data/empty.xlsx"],
    );
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("error: tests/data/empty.xlsx: the file is empty")
    );
}

#[test]
fn importing_the_same_file_twice_adds_nothing() {
    let store = tempfile::tempdir().expect("tmp");
    ok(
        store.path(),
        &["import", "datasets/seed_appendix_2021.xlsx"],
    );
    let again = ok(
        store.path(),
        &["import", "datasets/seed_appendix_2021.xlsx"],
    );
    assert!(again.contains("đã nhập tệp này trước đó"), "{again}");
    assert_eq!(json(store.path(), &["scorecard", "gaps"]).len(), 7);
}

#[test]
fn strict_import_exits_1_and_rejected_rows_can_be_listed() {
    let store = tempfile::tempdir().expect("tmp");
    let out = run(
        store.path(),
        &["import", "--strict", "tests/data/scorecard_messy_rows.xlsx"],
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("24 dòng = 7 nhập + 11 cấu trúc + 6 bị loại"),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .contains("'Năm 2023'!D14: cột \"Điểm tự đánh giá\" có giá trị \"x\" không phải là số"),
        "{stderr}"
    );
    assert!(stderr.contains("nhưng cộng các dòng được 15"), "{stderr}");
    let rejects = json(store.path(), &["rejects"]);
    assert_eq!(rejects.len(), 6);
    assert_eq!(rejects[0]["cell"], "'Năm 2023'!D14");
    let csv = ok(
        store.path(),
        &["--lang", "en", "rejects", "--format", "csv"],
    );
    // The store keeps each reason as data; the listing puts it in the chosen language.
    assert_eq!(
        csv.lines().next(),
        Some("kind,source_file,cell,reason_code,reason,row_text")
    );
    assert_eq!(csv.lines().count(), 7);
    assert!(
        csv.contains("holds \"\"x\"\", which is not a number"),
        "{csv}"
    );
    assert!(
        rejects[0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("không phải là số")),
        "{rejects:?}"
    );
    // Without --strict the same problems do not fail the import.
    let other = tempfile::tempdir().expect("tmp");
    assert_eq!(
        run(
            other.path(),
            &["import", "tests/data/scorecard_messy_rows.xlsx"]
        )
        .status
        .code(),
        Some(0)
    );
}

#[test]
fn csv_output_has_the_contract_columns() {
    let store = tempfile::tempdir().expect("tmp");
    ok(
        store.path(),
        &["import", "datasets/seed_appendix_2021.xlsx"],
    );
    let csv = ok(store.path(), &["scorecard", "gaps", "--format", "csv"]);
    let header = csv.lines().next().expect("header");
    assert!(header.starts_with(
        "year,unit,code,criterion,max_score,score,attainment,points_lost,share_of_loss,cumulative_share,rank"
    ));
    let trend = ok(store.path(), &["scorecard", "trend", "--format", "csv"]);
    assert!(trend.starts_with(
        "unit,year,max_total,score_total,attainment,delta,pct_change,rank,rank_change"
    ));
}

#[test]
fn inspect_shows_the_mapping_and_why() {
    let out = ok(
        Path::new("unused-store"),
        &["inspect", "datasets/seed_appendix_2021.xlsx"],
    );
    assert!(out.contains("NĂM 2021 / Điểm chuẩn"), "{out}");
    assert!(out.contains("→ max_score (2021)"), "{out}");
    // Sources are words of the chosen language; the unit, read from the workbook, is quoted.
    assert!(
        out.contains("Năm: 2021 (dải tiêu đề cột \"NĂM 2021\")"),
        "{out}"
    );
    assert!(
        out.contains("Đơn vị: \"Sở Kế hoạch và Đầu tư\" (tiêu đề bảng)"),
        "{out}"
    );
    let en = ok(
        Path::new("unused-store"),
        &[
            "--lang",
            "en",
            "inspect",
            "datasets/seed_appendix_2021.xlsx",
        ],
    );
    assert!(
        en.contains("Year: 2021 (the header band \"NĂM 2021\")"),
        "{en}"
    );
    assert!(
        en.contains("Unit: \"Sở Kế hoạch và Đầu tư\" (the title)"),
        "{en}"
    );
    assert!(
        !Path::new("unused-store").exists(),
        "inspect writes nothing"
    );
}

/// The Ministry of Finance's budget workbooks (.xls, 2011-2013) carry a stray cell at B65535, one
/// row above the last the format allows. BIFF's grid bounds what it costs, so the workbook is read:
/// `inspect` explains it (exit 0), `import` keeps every row and names the cell in a warning.
#[test]
fn an_xls_stray_cell_at_the_format_s_edge_is_read_and_named_not_refused() {
    let store = tempfile::tempdir().expect("tmp");
    let file = "tests/data/scorecard_stray_b65535.xls";
    let out = run(store.path(), &["--lang", "en", "inspect", file]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(!stdout.contains("Would not import"), "{stdout}");
    assert!(stdout.contains("B65535"), "{stdout}");
    assert!(stdout.contains("65519 empty rows"), "{stdout}");
    // Every row of the grid accounted for: the blank rows above the stray cell are structure,
    // the stray cell's own row is read (a lone text: a section heading).
    assert!(
        stdout.contains("Rows: 65535 = 7 imported + 65528 structure"),
        "{stdout}"
    );

    let out = run(store.path(), &["import", file]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("65535 dòng = 7 nhập + 65528 cấu trúc + 0 bị loại"),
        "{stdout}"
    );
    assert!(stderr.contains("'Phụ lục'!B65535: ô nằm cách"), "{stderr}");
    let gaps = json(store.path(), &["scorecard", "gaps"]);
    assert_eq!(gaps.len(), 7);
    let lost: f64 = gaps.iter().map(|g| num(g, "points_lost")).sum();
    assert!((lost - 9.06).abs() < 1e-9, "{lost}");
}

/// .xlsb files of the shapes calamine refuses (a macro sheet and a dialog sheet beside the
/// worksheet, the relationships under a name of another case, a worksheet part whose name is not
/// UTF-8) read as Excel reads them: the seed's figures, and the import says what it left out and
/// what it found elsewhere.
#[test]
fn xlsb_workbooks_calamine_refuses_are_read_with_what_was_left_out_said() {
    for (file, said) in [
        (
            "scorecard_macro_sheet.xlsb",
            "sheet \"Macro1\" (xl/macrosheets/sheet2.bin) not read: an Excel 4.0 macro sheet",
        ),
        (
            "scorecard_rels_case.xlsb",
            "is in part \"xl/_rels/Workbook.bin.rels\", not under the usual name",
        ),
        (
            "scorecard_part_name.xlsb",
            "is not UTF-8: found by its bytes",
        ),
    ] {
        let store = tempfile::tempdir().expect("tmp");
        let path = format!("tests/data/{file}");
        let out = run(store.path(), &["--lang", "en", "import", &path]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{file}: {stdout}{stderr}");
        assert!(
            stdout.contains("15 rows = 7 imported + 8 structure + 0 rejected"),
            "{file}: {stdout}"
        );
        assert!(
            stdout.contains(said) || stderr.contains(said),
            "{file}: {stdout}{stderr}"
        );
        let gaps = json(store.path(), &["scorecard", "gaps"]);
        let lost: f64 = gaps.iter().map(|g| num(g, "points_lost")).sum();
        assert!((lost - 9.06).abs() < 1e-9, "{file}: {lost}");
    }
    let out = ok(
        Path::new("unused-store"),
        &["inspect", "tests/data/scorecard_macro_sheet.xlsb"],
    );
    assert!(
        out.contains("bỏ qua trang \"Dialog1\" (xl/dialogsheets/sheet3.bin): là trang hộp thoại"),
        "{out}"
    );
}

/// The heights of an SVG's filled rectangles of one colour, left to right, leaving out those
/// narrower than `min_width` pixels (a legend's swatch).
fn svg_bars(svg: &str, fill: &str, min_width: f64) -> Vec<f64> {
    let attr = |tag: &str, name: &str| -> Option<f64> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[at..].split('"').next()?.parse().ok()
    };
    let mut bars: Vec<(f64, f64)> = svg
        .split("<rect ")
        .skip(1)
        .map(|rest| format!(" {}", rest.split('>').next().unwrap_or("")))
        .filter(|tag| tag.contains(&format!("fill=\"{fill}\"")))
        .filter_map(|tag| {
            Some((
                attr(&tag, "x")?,
                attr(&tag, "width")?,
                attr(&tag, "height")?,
            ))
        })
        .filter(|(_, width, _)| *width >= min_width)
        .map(|(x, _, height)| (x, height))
        .collect();
    bars.sort_by(|a, b| a.0.total_cmp(&b.0));
    bars.into_iter().map(|(_, h)| h).collect()
}

#[test]
fn charts_are_written_as_svg_with_vietnamese_titles_and_as_png() {
    let store = tempfile::tempdir().expect("tmp");
    ok(
        store.path(),
        &[
            "import",
            "datasets/seed_appendix_2021.xlsx",
            "datasets/scorecard_so_tu_phap_2021_2024.xlsx",
        ],
    );
    let svg = store.path().join("pareto.svg");
    ok(
        store.path(),
        &[
            "chart",
            "pareto",
            "--unit",
            "Sở Kế hoạch và Đầu tư",
            "--out",
            svg.to_str().expect("p"),
        ],
    );
    let text = std::fs::read_to_string(&svg).expect("svg");
    assert!(text.contains("Điểm bị mất theo tiêu chí — Sở Kế hoạch và Đầu tư, năm 2021"));
    assert!(text.contains("6  Sự hài lòng của tổ chức"));
    // What is drawn: one bar per criterion, in rank order, each as tall as its points lost
    // (within a pixel of the scale the tallest sets).
    let bars = svg_bars(&text, "#1F77B4", 100.0);
    let gaps = json(
        store.path(),
        &["scorecard", "gaps", "--unit", "Sở Kế hoạch và Đầu tư"],
    );
    let lost: Vec<f64> = gaps.iter().map(|g| num(g, "points_lost")).collect();
    assert_eq!(bars.len(), lost.len(), "{bars:?}");
    let scale = bars[0] / lost[0];
    for (height, points) in bars.iter().zip(&lost) {
        assert!(
            (height - points * scale).abs() <= 1.0,
            "{bars:?} vs {lost:?}"
        );
    }
    let out = run(store.path(), &["chart", "pareto", "--out", "x.svg"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "two units: the analyst must choose"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("--unit"));
    let png = store.path().join("trend.png");
    ok(
        store.path(),
        &["chart", "trend", "--out", png.to_str().expect("p")],
    );
    let png_bytes = std::fs::read(&png).expect("png");
    assert_eq!(&png_bytes[..4], b"\x89PNG");
    // The same chart as SVG draws a line per unit with a point per year.
    let trend_svg = store.path().join("trend.svg");
    ok(
        store.path(),
        &["chart", "trend", "--out", trend_svg.to_str().expect("p")],
    );
    let trend = json(store.path(), &["scorecard", "trend"]);
    let drawn = std::fs::read_to_string(&trend_svg).expect("svg");
    let points = drawn.matches("<circle ").count();
    assert!(
        points >= trend.len(),
        "{points} points for {} rows",
        trend.len()
    );
    let en = store.path().join("fields.svg");
    ok(
        store.path(),
        &[
            "--lang",
            "en",
            "chart",
            "field-years",
            "--unit",
            "Sở Tư pháp",
            "--out",
            en.to_str().expect("p"),
        ],
    );
    assert!(
        std::fs::read_to_string(&en)
            .expect("svg")
            .contains("Attainment by field — Sở Tư pháp, 2021–2024")
    );
}

#[test]
fn demo_imports_the_datasets_and_writes_tables_and_charts() {
    let out_dir = tempfile::tempdir().expect("tmp");
    let out = Command::new(cchc_bin())
        .args(["demo", "--out"])
        .arg(out_dir.path())
        .current_dir(root())
        .output()
        .expect("demo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Sự hài lòng"), "{stdout}");
    for name in [
        "pareto_kh925_2021",
        "trend_units",
        "trend_so_tai_chinh",
        "field_years_so_y_te",
        "pareto_fields_so_tu_phap",
        "survey_likert_so_y_te",
        "survey_element_trend_so_tu_phap",
        "survey_element_years_so_tu_phap",
        "procedures_late_so_tai_chinh",
        "procedures_time_so_tu_phap",
        "procedures_channels_so_tai_chinh",
        "procedures_on_time",
    ] {
        // Each chart as a person meets it: a PNG of the chart's size, and its SVG twin with a
        // title and marks drawn in the series colours (bars, lines or points), not an empty frame.
        let png = std::fs::read(out_dir.path().join("charts").join(format!("{name}.png")))
            .unwrap_or_else(|e| panic!("{name}.png: {e}"));
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{name}");
        let (width, height) = (
            u32::from_be_bytes(png[16..20].try_into().expect("width")),
            u32::from_be_bytes(png[20..24].try_into().expect("height")),
        );
        assert!(width >= 800 && height >= 400, "{name}: {width}×{height}");
        let svg =
            std::fs::read_to_string(out_dir.path().join("charts").join(format!("{name}.svg")))
                .unwrap_or_else(|e| panic!("{name}.svg: {e}"));
        // Marks in a colour (not white, black or a grey of the frame and grid).
        let marks = ["fill=\"#", "stroke=\"#"]
            .iter()
            .flat_map(|attr| svg.match_indices(attr).map(move |(at, _)| at + attr.len()))
            .filter(|&at| {
                let hex = &svg[at..(at + 6).min(svg.len())];
                let (r, g, b) = (&hex[0..2], &hex[2..4], &hex[4..6]);
                !(r == g && g == b)
            })
            .count();
        assert!(marks >= 3, "{name}: {marks} marks drawn");
        assert!(svg.contains("<text"), "{name}: no text");
    }
    // The Pareto of the seed plan: one bar per criterion, as tall as its points lost.
    let pareto =
        std::fs::read_to_string(out_dir.path().join("charts/pareto_kh925_2021.svg")).expect("svg");
    let bars = svg_bars(&pareto, "#1F77B4", 100.0);
    let store = out_dir.path().join("store");
    let seed = json(
        &store,
        &[
            "scorecard",
            "gaps",
            "--unit",
            "Sở Kế hoạch và Đầu tư",
            "--year",
            "2021",
        ],
    );
    let lost: Vec<f64> = seed.iter().map(|g| num(g, "points_lost")).collect();
    assert_eq!(bars.len(), lost.len(), "{bars:?} {lost:?}");
    for (height, points) in bars.iter().zip(&lost) {
        assert!(
            (height - points * bars[0] / lost[0]).abs() <= 1.0,
            "{bars:?} vs {lost:?}"
        );
    }
    // The successor's chart: the seed's unit as its predecessor, the break of 1/3/2025 between.
    let chain =
        std::fs::read_to_string(out_dir.path().join("charts/trend_so_tai_chinh.svg")).expect("svg");
    for words in [
        "Sở Kế hoạch và Đầu tư",
        "Sở Tài chính",
        "Sắp xếp đơn vị 01/03/2025",
        "77,1",
        "86,2",
    ] {
        assert!(chain.contains(words), "{words} not in the chain's chart");
    }
    let trend =
        std::fs::read_to_string(out_dir.path().join("tables/scorecard_trend.csv")).expect("csv");
    assert_eq!(
        trend.lines().count(),
        1 + 3 * 4 + 1,
        "three synthetic units over four years, and the new Sở Tài chính's 2025"
    );
    // The 2025 report of the Sở Tài chính that continues the seed's department tells the story
    // back to the seed's 2021: the predecessor's own score, its line ending at the break.
    let story =
        std::fs::read_to_string(out_dir.path().join("report/bao-cao-2025-so-tai-chinh.html"))
            .expect("the successor's report");
    assert!(
        story.contains(
            "Sở Tài chính tiếp nối công việc của: Sở Kế hoạch và Đầu tư (Đồng Nai) (từ 01/03/2025)"
        ),
        "the story"
    );
    assert!(story.contains("2021 — Sở Kế hoạch và Đầu tư (Đồng Nai)"));
    assert!(
        story.contains("30,44") && story.contains("39,50"),
        "its own 2021 scores"
    );
    assert!(
        story.contains("Sắp xếp đơn vị 01/03/2025"),
        "the break line's label"
    );
    // Procedures: every unit's proposal states whether it meets the 20% target, and the appendix
    // is written.
    assert!(stdout.contains("mục tiêu 20,0%"), "{stdout}");
    let proposal = std::fs::read_to_string(out_dir.path().join("tables/procedures_simplify.csv"))
        .expect("csv");
    // CSV and JSON carry reason codes and figures, not prose.
    assert!(proposal.starts_with(
        "year,unit,rank,code,name,field,reason_codes,proposed_legal_days,proposed_components,"
    ));
    // The appendix, read back: one sheet per unit, its rows the proposals `procedures simplify`
    // prints, in rank order, with their codes and estimated savings.
    let proposals = json(&store, &["procedures", "simplify"]);
    let mut book = open_workbook_auto(
        out_dir
            .path()
            .join("tables/procedures_simplify_appendix.xlsx"),
    )
    .expect("appendix");
    let mut read_back: Vec<(String, i64, String, f64)> = Vec::new();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).expect("sheet");
        for row in range.rows() {
            let rank = match row.first() {
                Some(Data::Int(i)) => *i,
                Some(Data::Float(x)) => *x as i64,
                _ => continue,
            };
            let Some(Data::String(code)) = row.get(1) else {
                continue;
            };
            let saving = match row.get(12) {
                Some(Data::Float(x)) => *x,
                Some(Data::Int(i)) => *i as f64,
                other => panic!("{sheet} {code}: saving {other:?}"),
            };
            read_back.push((sheet.clone(), rank, code.clone(), saving));
        }
    }
    assert_eq!(read_back.len(), proposals.len(), "{read_back:?}");
    for (row, p) in read_back.iter().zip(&proposals) {
        let sheet = format!("{} {}", p["year"], p["unit"].as_str().expect("unit"));
        assert_eq!(row.0, sheet);
        assert_eq!(row.1, p["rank"].as_i64().expect("rank"));
        assert_eq!(row.2, p["code"].as_str().expect("code"));
        assert!(
            (row.3 - num(p, "estimated_saving")).abs() < 0.5,
            "{row:?} {p}"
        );
    }
    // A second run rebuilds the store rather than adding to it.
    let again = Command::new(cchc_bin())
        .args(["demo", "--out"])
        .arg(out_dir.path())
        .current_dir(root())
        .output()
        .expect("demo");
    assert!(again.status.success());
    assert!(!String::from_utf8_lossy(&again.stdout).contains("đã nhập tệp này trước đó"));
}

#[test]
fn committed_datasets_and_fixtures_are_what_the_generator_writes() {
    // The generator is deterministic (fixed document dates), so the bytes must match: a change
    // to the generator without regenerating (cargo run -p cchc-datagen -- datasets|fixtures) fails.
    let tmp = tempfile::tempdir().expect("tmp");
    let datasets = cchc_datagen::write_datasets(&tmp.path().join("datasets")).expect("datasets");
    let fixtures = cchc_datagen::write_fixtures(&tmp.path().join("fixtures")).expect("fixtures");
    assert_eq!(datasets.len(), 17);
    for (written, dir) in [(datasets, "datasets"), (fixtures, "tests/data")] {
        for new in written {
            let committed = root().join(dir).join(new.file_name().expect("name"));
            let same =
                std::fs::read(&new).expect("new") == std::fs::read(&committed).expect("committed");
            assert!(
                same,
                "{} differs from what cchc-datagen writes",
                committed.display()
            );
        }
    }
}

#[test]
fn a_reader_that_closes_the_pipe_early_is_not_an_error() {
    use std::io::Read;
    let store = tempfile::tempdir().expect("tmp");
    import_datasets(store.path());
    // Over 100 KB of JSON: more than a pipe buffers, so the writer meets the closed pipe.
    let mut child = Command::new(cchc_bin())
        .arg("--store")
        .arg(store.path())
        .args(["scorecard", "gaps", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut head = [0u8; 64];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut head)
        .expect("read");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn json_objects_keep_the_column_order_of_the_contract() {
    let store = tempfile::tempdir().expect("tmp");
    ok(
        store.path(),
        &["import", "datasets/seed_appendix_2021.xlsx"],
    );
    let text = ok(store.path(), &["scorecard", "gaps", "--format", "json"]);
    // Every object's keys, in order, are the contract's columns (the CSV header's order).
    let rows = serde_json::from_str::<Value>(&text).expect("json");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 7);
    let header = ok(store.path(), &["scorecard", "gaps", "--format", "csv"]);
    let columns: Vec<&str> = header.lines().next().expect("header").split(',').collect();
    assert_eq!(
        columns,
        [
            "year",
            "unit",
            "code",
            "criterion",
            "max_score",
            "score",
            "attainment",
            "points_lost",
            "share_of_loss",
            "cumulative_share",
            "rank",
            "self_score",
            "self_minus_appraised"
        ]
    );
    for row in rows {
        let keys: Vec<&str> = row
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, columns, "{row}");
    }
}

/// Counts straight from a survey workbook, without the importer: per unit, (valid, satisfied,
/// invalid) over all questions or over the questions of one element (`prefix` "1." …).
fn survey_counts(
    path: &Path,
    prefix: Option<&str>,
) -> std::collections::BTreeMap<String, (u32, u32, u32)> {
    let mut wb = open_workbook_auto(path).expect("open");
    let range = wb.worksheet_range("Phiếu khảo sát").expect("sheet");
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let header_row = rows
        .iter()
        .position(|r| matches!(r.first(), Some(Data::String(s)) if s == "STT"))
        .expect("header");
    let header = &rows[header_row];
    let questions: Vec<usize> = (0..header.len())
        .filter(|&c| match &header[c] {
            Data::String(s) => {
                s.starts_with("Câu ") && prefix.is_none_or(|p| s[5..].starts_with(p))
            }
            _ => false,
        })
        .collect();
    let labels = [
        "Rất không hài lòng",
        "Không hài lòng",
        "Bình thường",
        "Hài lòng",
        "Rất hài lòng",
    ];
    let mut out = std::collections::BTreeMap::new();
    for row in &rows[header_row + 1..] {
        let Some(Data::String(unit)) = row.get(1) else {
            continue;
        };
        let entry = out.entry(unit.clone()).or_insert((0u32, 0u32, 0u32));
        for &q in &questions {
            let level = match row.get(q) {
                Some(Data::Float(x)) if (1.0..=5.0).contains(x) && x.fract() == 0.0 => {
                    Some(*x as usize)
                }
                Some(Data::String(s)) => labels.iter().position(|l| l == s).map(|i| i + 1),
                Some(Data::Empty) | None => {
                    continue;
                }
                _ => None,
            };
            match level {
                Some(l) => {
                    entry.0 += 1;
                    if l >= 4 {
                        entry.1 += 1;
                    }
                }
                None => entry.2 += 1,
            }
        }
    }
    out
}

/// The standard normal CDF by Simpson's rule on the density: a method independent of the erfc
/// approximation the analysis uses.
fn normal_cdf(z: f64) -> f64 {
    let (a, n) = (-12.0, 20_000);
    let h = (z - a) / n as f64;
    let pdf = |x: f64| (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let mut sum = pdf(a) + pdf(z);
    for i in 1..n {
        sum += pdf(a + i as f64 * h) * if i % 2 == 1 { 4.0 } else { 2.0 };
    }
    sum * h / 3.0
}

#[test]
fn survey_indexes_equal_counts_made_directly_from_the_workbooks() {
    let store = tempfile::tempdir().expect("tmp");
    let out = ok(
        store.path(),
        &[
            "import",
            "datasets/survey_sipas_2023.xlsx",
            "datasets/survey_sipas_2024.xlsx",
        ],
    );
    let direct23 = survey_counts(&root().join("datasets/survey_sipas_2023.xlsx"), None);
    let direct24 = survey_counts(&root().join("datasets/survey_sipas_2024.xlsx"), None);
    // Invalid answers are counted, not lost: the summary line says how many.
    let invalid23: u32 = direct23.values().map(|v| v.2).sum();
    assert!(invalid23 > 0);
    assert!(
        out.contains(&format!("· {invalid23} câu trả lời không hợp lệ")),
        "{out}"
    );
    let rejects = json(store.path(), &["rejects"]);
    let invalid24: u32 = direct24.values().map(|v| v.2).sum();
    assert_eq!(rejects.len() as u32, invalid23 + invalid24);
    assert!(rejects.iter().all(|r| r["reason_code"] == "invalid_answer"));

    let index = json(store.path(), &["survey", "index"]);
    assert_eq!(index.len(), 4, "two units, two years");
    for row in &index {
        let unit = row["unit"].as_str().expect("unit");
        let (valid, satisfied, _) = if row["year"] == 2023 {
            direct23[unit]
        } else {
            direct24[unit]
        };
        assert_eq!(
            row["valid_answers"].as_u64(),
            Some(u64::from(valid)),
            "{row}"
        );
        assert_eq!(
            row["satisfied"].as_u64(),
            Some(u64::from(satisfied)),
            "{row}"
        );
        assert!((num(row, "index") - f64::from(satisfied) / f64::from(valid)).abs() < 1e-12);
        assert!(num(row, "ci_low") < num(row, "index") && num(row, "index") < num(row, "ci_high"));
        assert_eq!(row["small_group"], false);
        if row["year"] == 2024 {
            let (v0, s0, _) = direct23[unit];
            let (p0, p1) = (
                f64::from(s0) / f64::from(v0),
                f64::from(satisfied) / f64::from(valid),
            );
            assert!((num(row, "delta") - (p1 - p0)).abs() < 1e-12);
            // The change of two independent clustered estimates (the SEs themselves are checked
            // against R's survey package in `r_survey`).
            let before = index
                .iter()
                .find(|r| r["unit"] == unit && r["year"] == 2023)
                .expect("2023");
            let se = (num(before, "se").powi(2) + num(row, "se").powi(2)).sqrt();
            let p = 2.0 * (1.0 - normal_cdf(((p1 - p0) / se).abs()));
            assert!((num(row, "p_value") - p).abs() < 1e-6, "{row} vs {p}");
            // One group per unit (overall): nothing to adjust.
            assert_eq!(row["p_adjusted"], row["p_value"]);
            assert_eq!(row["significant"], p < 0.05);
        } else {
            assert!(row["delta"].is_null() && row["p_value"].is_null());
        }
    }

    // Element 1 (questions 1.x) from the same workbook.
    let e1 = survey_counts(&root().join("datasets/survey_sipas_2024.xlsx"), Some("1."));
    let by_element = json(
        store.path(),
        &["survey", "index", "--by", "element", "--year", "2024"],
    );
    for (unit, (valid, satisfied, _)) in e1 {
        let row = by_element
            .iter()
            .find(|r| r["unit"] == unit.as_str() && r["group"] == "Tiếp cận dịch vụ")
            .expect("element row");
        assert_eq!(row["valid_answers"].as_u64(), Some(u64::from(valid)));
        assert_eq!(row["satisfied"].as_u64(), Some(u64::from(satisfied)));
    }
    // The overall index pools answers; it is not the mean of the element indexes.
    let overall24 = index
        .iter()
        .find(|r| r["year"] == 2024 && r["unit"] == "Sở Y tế")
        .expect("row");
    let elements: Vec<f64> = by_element
        .iter()
        .filter(|r| r["unit"] == "Sở Y tế")
        .map(|r| num(r, "index"))
        .collect();
    assert_eq!(elements.len(), 5);
    let mean = elements.iter().sum::<f64>() / 5.0;
    assert!((num(overall24, "index") - mean).abs() > 1e-9);
}

#[test]
fn survey_groups_by_attribute_and_charts_the_elements() {
    let store = tempfile::tempdir().expect("tmp");
    ok(
        store.path(),
        &[
            "import",
            "datasets/survey_sipas_2022.xlsx",
            "datasets/survey_sipas_2023.xlsx",
        ],
    );
    let by_gender = json(
        store.path(),
        &["survey", "index", "--by", "gioi tinh", "--unit", "Sở Y tế"],
    );
    let groups: Vec<&str> = by_gender
        .iter()
        .map(|r| r["group"].as_str().expect("g"))
        .collect();
    assert!(
        groups.contains(&"Nam") && groups.contains(&"Nữ"),
        "{groups:?}"
    );
    let respondents: u64 = by_gender
        .iter()
        .filter(|r| r["year"] == 2023)
        .map(|r| r["respondents"].as_u64().expect("n"))
        .sum();
    assert_eq!(respondents, 120);
    let bad = run(store.path(), &["survey", "index", "--by", "chiều cao"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("\"Giới tính\""));
    let dist = json(store.path(), &["survey", "distribution", "--by", "element"]);
    for row in &dist {
        let shares: f64 = (1..=5).map(|l| num(row, &format!("share_{l}"))).sum();
        assert!((shares - 1.0).abs() < 1e-9);
    }
    let svg = store.path().join("likert.svg");
    ok(
        store.path(),
        &[
            "chart",
            "likert",
            "--unit",
            "Sở Y tế",
            "--out",
            svg.to_str().expect("p"),
        ],
    );
    let text = std::fs::read_to_string(&svg).expect("svg");
    assert!(text.contains("Mức độ hài lòng theo yếu tố — Sở Y tế, 2022–2023"));
    assert!(text.contains("Tiếp cận dịch vụ — 2023"));
}

#[test]
fn small_survey_groups_are_flagged_and_the_codebook_file_names_elements() {
    let store = tempfile::tempdir().expect("tmp");
    ok(
        store.path(),
        &[
            "import",
            "tests/data/survey_sheet_per_year.xlsx",
            "--codebook",
            "tests/data/survey_codebook.xlsx",
        ],
    );
    let overall = json(store.path(), &["survey", "index"]);
    assert_eq!(overall.len(), 2);
    assert!((num(&overall[0], "index") - 0.4).abs() < 1e-12);
    assert!((num(&overall[1], "index") - 0.6).abs() < 1e-12);
    assert!(
        overall
            .iter()
            .all(|r| r["small_group"] == true && r["respondents"] == 10)
    );
    let by_element = json(
        store.path(),
        &["survey", "index", "--by", "element", "--year", "2023"],
    );
    let groups: Vec<&str> = by_element
        .iter()
        .map(|r| r["group"].as_str().expect("g"))
        .collect();
    // In questionnaire order (Câu 1–2, 3–4, 5–6), not alphabetical.
    assert_eq!(
        groups,
        [
            "Tiếp cận dịch vụ",
            "Công chức trực tiếp giải quyết",
            "Kết quả dịch vụ"
        ]
    );
}

#[test]
fn a_wrong_import_can_be_listed_and_removed() {
    let store = tempfile::tempdir().expect("tmp");
    ok(
        store.path(),
        &[
            "import",
            "datasets/seed_appendix_2021.xlsx",
            "tests/data/scorecard_messy_rows.xlsx",
        ],
    );
    let list = json(store.path(), &["store", "list"]);
    assert_eq!(list.len(), 2);
    assert_eq!(list[1]["source_file"], "scorecard_messy_rows.xlsx");
    assert_eq!(
        (list[1]["rows_read"].as_u64(), list[1]["rejected"].as_u64()),
        (Some(24), Some(6))
    );
    let out = ok(
        store.path(),
        &["store", "remove", "scorecard_messy_rows.xlsx"],
    );
    assert!(out.contains("đã gỡ scorecard_messy_rows.xlsx"), "{out}");
    assert_eq!(json(store.path(), &["store", "list"]).len(), 1);
    assert!(json(store.path(), &["rejects"]).is_empty());
    let units: Vec<Value> = json(store.path(), &["scorecard", "trend"])
        .iter()
        .map(|r| r["unit"].clone())
        .collect();
    assert_eq!(units, ["Sở Kế hoạch và Đầu tư"]);
    assert_eq!(
        run(
            store.path(),
            &["store", "remove", "scorecard_messy_rows.xlsx"]
        )
        .status
        .code(),
        Some(2)
    );
}

/// A count cell as the statistics workbooks hold it: a number, "1.234" with a thousands dot, or
/// "-" for none.
fn count_of(d: Option<&Data>) -> f64 {
    match d {
        Some(Data::Float(x)) => *x,
        Some(Data::Int(i)) => *i as f64,
        Some(Data::String(s)) if s.trim() == "-" => 0.0,
        Some(Data::String(s)) => s.replace('.', "").parse().expect("count"),
        _ => 0.0,
    }
}

fn is_code(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 2 && parts[0].len() == 1 && parts[1].len() == 6
}

#[test]
fn procedure_rates_equal_sums_made_directly_from_the_workbooks() {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = tmp.path().join("store");
    let files: Vec<String> = std::fs::read_dir(root().join("datasets"))
        .expect("datasets")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            name.starts_with("procedures_")
                .then(|| format!("datasets/{name}"))
        })
        .collect();
    assert_eq!(files.len(), 5);
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    ok(&store, &args);

    // Direct sums over the procedure rows of the 2024 statistics of Sở Kế hoạch và Đầu tư:
    // received D, online E, postal G, resolved I, early J, on time K, late L.
    let path = root().join("datasets/procedures_stats_so_khdt_2024.xlsx");
    let mut wb = open_workbook_auto(&path).expect("open");
    let range = wb.worksheet_range("Năm 2024").expect("sheet");
    let mut sums = [0.0f64; 12];
    let mut procedures = 0;
    for row in range.rows() {
        let Some(Data::String(code)) = row.get(1) else {
            continue;
        };
        if !is_code(code) {
            continue;
        }
        procedures += 1;
        for (k, sum) in sums.iter_mut().enumerate() {
            *sum += count_of(row.get(3 + k));
        }
    }
    assert_eq!(procedures, 30);
    // Under the latest map the seed's department is read as the Sở Tài chính it went into on
    // 1/3/2025 (its rows named as reported in combined_from); as reported, under its own name.
    let rows = json(
        &store,
        &["procedures", "stats", "--by", "unit", "--year", "2024"],
    );
    let khdt = rows
        .iter()
        .find(|r| r["unit"] == "Sở Tài chính")
        .expect("unit row");
    assert_eq!(
        khdt["combined_from"],
        serde_json::json!(["Sở Kế hoạch và Đầu tư"])
    );
    let reported = json(
        &store,
        &[
            "--map",
            "reported",
            "procedures",
            "stats",
            "--by",
            "unit",
            "--year",
            "2024",
        ],
    );
    let as_reported = reported
        .iter()
        .find(|r| r["unit"] == "Sở Kế hoạch và Đầu tư")
        .expect("unit row as reported");
    for figure in ["procedures", "received", "online_share", "on_time_rate"] {
        assert_eq!(khdt[figure], as_reported[figure], "{figure}");
    }
    assert_eq!(num(khdt, "procedures"), 30.0);
    assert_eq!(num(khdt, "received"), sums[0]);
    assert!((num(khdt, "online_share") - sums[1] / sums[0]).abs() < 1e-12);
    assert!((num(khdt, "postal_share") - sums[3] / sums[0]).abs() < 1e-12);
    assert_eq!(num(khdt, "resolved"), sums[5]);
    assert!((num(khdt, "on_time_rate") - (sums[6] + sums[7]) / sums[5]).abs() < 1e-12);
    assert!((num(khdt, "late_rate") - sums[8] / sums[5]).abs() < 1e-12);
    // The synthetic postal share stays under the 20% target: the flag says so.
    assert_eq!(khdt["postal_target_met"], false);
    // An online target, when given, is checked against the same share.
    let online = sums[1] / sums[0];
    for target in ["0.5", "0.6"] {
        let rows = json(
            &store,
            &[
                "procedures",
                "stats",
                "--by",
                "unit",
                "--year",
                "2024",
                "--online-target",
                target,
            ],
        );
        let row = rows
            .iter()
            .find(|r| r["unit"] == "Sở Tài chính")
            .expect("unit row");
        let t: f64 = target.parse().expect("target");
        assert_eq!(row["online_target_met"], online >= t, "{target}: {online}");
    }

    // The proposal, and the same proposal exported as the plan's appendix and read back.
    let export = tmp.path().join("de_xuat.xlsx");
    let proposal = json(
        &store,
        &[
            "procedures",
            "simplify",
            "--export",
            export.to_str().expect("utf8"),
        ],
    );
    assert!(!proposal.is_empty());
    let mut wb = open_workbook_auto(&export).expect("exported workbook opens");
    let sheets = wb.sheet_names().to_vec();
    assert_eq!(sheets, ["2024 Sở Tài chính", "2024 Sở Tư pháp"]);
    for sheet in &sheets {
        let unit = sheet.trim_start_matches("2024 ");
        let expected: Vec<&Value> = proposal.iter().filter(|r| r["unit"] == unit).collect();
        let range = wb.worksheet_range(sheet).expect("sheet");
        let text = |r: usize, c: usize| match range.get((r, c)) {
            Some(Data::String(s)) => s.clone(),
            other => format!("{other:?}"),
        };
        assert_eq!(text(4, 4), "SỐ LIỆU NĂM 2024");
        assert_eq!(text(5, 4), "Số hồ sơ tiếp nhận");
        for (i, row) in expected.iter().enumerate() {
            let r = 7 + i;
            assert_eq!(range.get((r, 0)), Some(&Data::Float(num(row, "rank"))));
            assert_eq!(text(r, 1), row["code"].as_str().expect("code"));
            // The appendix states one proposal per reason code, in words; a time limit cut
            // states the proposed limit.
            let codes = row["reason_codes"].as_str().expect("reason codes");
            let words = text(r, 10);
            assert_eq!(
                words.split("; ").count(),
                codes.split(';').count(),
                "{words} for {codes}"
            );
            if let Some(days) = row["proposed_legal_days"].as_f64() {
                assert!(
                    words.contains(&format!("xuống {days} ngày")),
                    "{words}: {days}"
                );
            }
            assert_eq!(
                range.get((r, 12)),
                Some(&Data::Float(num(row, "estimated_saving")))
            );
        }
        let total_row = 7 + expected.len();
        assert_eq!(text(total_row, 0), "Tổng cộng");
        let saving: f64 = expected.iter().map(|r| num(r, "estimated_saving")).sum();
        assert_eq!(range.get((total_row, 12)), Some(&Data::Float(saving)));
    }
}

#[test]
fn a_procedure_name_that_looks_like_a_formula_is_exported_as_text() {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = tmp.path().join("store");
    let out = run(&store, &["import", "tests/data/procedures_messy.xlsx"]);
    assert!(out.status.success());
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("19 dòng = 3 nhập + 12 cấu trúc + 4 bị loại"),
        "{said}"
    );
    let export = tmp.path().join("de_xuat.xlsx");
    let rows = json(
        &store,
        &[
            "procedures",
            "simplify",
            "--export",
            export.to_str().expect("utf8"),
        ],
    );
    let name = "=HYPERLINK(\"http://example.com\",\"Bấm vào đây\")";
    assert!(rows.iter().any(|r| r["name"] == name), "{rows:?}");
    let mut wb = open_workbook_auto(&export).expect("open");
    let sheet = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&sheet).expect("sheet");
    let at = range
        .cells()
        .find(|(_, _, d)| **d == Data::String(name.to_owned()))
        .map(|(r, c, _)| (r, c))
        .expect("the name is a text cell with exactly the data's text");
    let formulas = wb.worksheet_formula(&sheet).expect("formulas");
    assert!(
        formulas.cells().all(|(_, _, f)| f.is_empty()),
        "no cell of the export is a formula (found one near {at:?})"
    );
    // And the cell carries Excel's quote prefix, so editing it keeps it text.
    let file = std::fs::File::open(&export).expect("open");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut styles = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/styles.xml").expect("styles"),
        &mut styles,
    )
    .expect("read");
    assert!(styles.contains("quotePrefix=\"1\""), "{styles}");
}

#[test]
fn hostile_workbooks_get_clear_errors_and_leave_the_store_untouched() {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = tmp.path().join("store");
    let out = run(&store, &["import", "tests/data/zip_bomb.xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("zip_bomb.xlsx")
            && err.contains("xl/sharedStrings.xml")
            && err.contains("zip bomb"),
        "{err}"
    );

    let mut sheet = cchc_datagen::scorecards::seed_appendix();
    sheet.set(1_048_575, 16_383, cchc_datagen::sheet::t("x"));
    let stray = tmp.path().join("stray.xlsx");
    cchc_datagen::sheet::write_xlsx(&stray, &[sheet]).expect("written");
    let out = run(
        &store,
        &["--lang", "en", "import", stray.to_str().expect("utf8")],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("stray.xlsx")
            && err.contains("XFD1048576")
            && err.contains("1048560 empty rows"),
        "{err}"
    );
    // Regression (found by the fuzzer): shared strings declaring ten billion strings made the
    // spreadsheet library reserve 240 GB and abort.
    let out = run(
        &store,
        &[
            "--lang",
            "en",
            "import",
            "tests/data/lying_string_count.xlsx",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("lying_string_count.xlsx") && err.contains("9999999999 strings"),
        "{err}"
    );
    // One shared string of a megabyte in 12,000 cells (the shape of Apache POI's
    // poc-shared-strings.xlsx): every kind reads it as text and finds no table in it, each
    // cell's text read once per use, not expanded per cell (model::text::fold reads a bounded
    // head: its own test counts that). Inspect explains it.
    for kind in ["scorecard", "survey", "procedures", "dossiers"] {
        let out = run(
            &store,
            &[
                "--lang",
                "en",
                "import",
                kind,
                "tests/data/huge_shared_string.xlsx",
            ],
        );
        assert_eq!(out.status.code(), Some(2), "{kind}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("huge_shared_string.xlsx"), "{kind}: {err}");
    }
    let out = run(
        &store,
        &[
            "--lang",
            "en",
            "inspect",
            "tests/data/huge_shared_string.xlsx",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Would not import"),
        "{out:?}"
    );
    assert!(!store.join("manifest.json").exists(), "nothing stored");
}

/// Runs the views of `views/` (the engine's scans, then the shared metrics) in one engine over a
/// store, through `tests/engines/views.py`; each asked view's rows. `None` (a note on stderr)
/// when the engine's Python package is missing outside CI.
#[allow(clippy::print_stderr)] // says why a check was skipped on a machine without the engine
fn engine_views(engine: &str, store: &Path, views: &[&str]) -> Option<Vec<Vec<Value>>> {
    let out = Command::new("python3")
        .arg(root().join("tests/engines/views.py"))
        .env("CCHC_BIN", cchc_bin())
        .arg(engine)
        .arg(store)
        .args(views)
        .output()
        .expect("python3 runs");
    let err = String::from_utf8_lossy(&out.stderr);
    if !out.status.success()
        && err.contains("ModuleNotFoundError")
        && std::env::var_os("CI").is_none()
    {
        eprintln!("views not checked in {engine}: pip install -r tests/engines/requirements.txt");
        return None;
    }
    assert!(out.status.success(), "{engine}: {err}");
    let parsed: Vec<Vec<Value>> = serde_json::from_slice(&out.stdout).expect("json");
    Some(parsed)
}

/// Every row of `ours` has a row in `theirs` with the same key and the same figures.
fn same_rows(view: &str, ours: &[Value], theirs: &[Value], key: &[&str], figures: &[&str]) {
    assert_eq!(ours.len(), theirs.len(), "{view}: row count");
    assert!(!ours.is_empty(), "{view}: no rows");
    for row in ours {
        let other = theirs
            .iter()
            .find(|t| {
                key.iter()
                    .all(|k| match (t[*k].as_f64(), row[*k].as_f64()) {
                        (Some(a), Some(b)) => a == b,
                        _ => t[*k] == row[*k],
                    })
            })
            .unwrap_or_else(|| panic!("{view}: no row for {row}"));
        for f in figures {
            match (row[*f].as_f64(), other[*f].as_f64()) {
                (Some(a), Some(b)) => assert!(
                    (a - b).abs() <= 1e-9 * a.abs().max(1.0),
                    "{view} {f}: cchc {a}, views {b} ({row})"
                ),
                (a, b) => assert_eq!(a, b, "{view} {f}: {row} vs {other}"),
            }
        }
    }
}

#[test]
fn views_agree_with_the_analysis_crate_in_duckdb_datafusion_and_spark() {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = tmp.path().join("store");
    import_datasets(&store);
    let views = [
        "scorecard_gaps",
        "scorecard_trend",
        "survey_index_overall",
        "survey_index_by_element",
        "procedure_stats_by_unit",
    ];
    for engine in ["duckdb", "datafusion", "spark"] {
        let Some(sql) = engine_views(engine, &store, &views) else {
            continue;
        };
        compare_views(&store, &sql);
    }
}

#[test]
fn views_run_on_a_store_of_any_tables_in_duckdb_datafusion_and_spark() {
    // A commune's store: its procedure registry and its dossier log, nothing else.
    let tmp = tempfile::tempdir().expect("tmp");
    let store = log_store(tmp.path(), 800);
    let script = ok(&store, &["views", "duckdb"]);
    assert!(
        script.contains("-- scorecard_gaps: left out, it needs the scorecard table"),
        "{script}"
    );
    assert!(
        !script.contains("/scorecard/"),
        "no scan of a table the store lacks"
    );
    let registry_rows = json(&store, &["store", "list"])
        .iter()
        .find(|s| s.to_string().contains("danh_muc_tthc_2025.xlsx"))
        .map(|s| s.to_string())
        .unwrap_or_default();
    assert!(!registry_rows.is_empty(), "the registry is listed");
    // The import wrote the calendar the log is computed on; the register goes in on request.
    ok(&store, &["units", "export"]);
    let script = ok(&store, &["views", "spark"]);
    for view in ["calendar", "unit_register", "unit_edges"] {
        assert!(
            script.contains(&format!("TEMPORARY VIEW {view} USING")),
            "{script}"
        );
    }
    let cal = cchc_calendar::Calendar::vietnam();
    let first = cchc_calendar::Day::from_ymd(2025, 1, 1).unwrap();
    let last = cchc_calendar::Day::from_ymd(2025, 12, 31).unwrap();
    let working_2025 = i64::from(
        cal.working_days_between(first, last).unwrap()
            + i32::from(cal.is_working_day(first).unwrap()),
    );
    for engine in ["duckdb", "datafusion", "spark"] {
        let Some(rows) = engine_views(
            engine,
            &store,
            &[
                "dossiers",
                "procedure_registry",
                "calendar",
                "unit_register",
            ],
        ) else {
            continue;
        };
        assert_eq!(rows[0].len(), 800, "{engine}: every dossier");
        assert!(
            rows[0].iter().all(|r| r["year"].as_i64() == Some(2025)),
            "{engine}: the year partition as a number"
        );
        assert!(!rows[1].is_empty(), "{engine}: the registry");
        // Every day of 2025, its working days those of cchc's calendar, numbered one by one.
        let days: Vec<&Value> = rows[2]
            .iter()
            .filter(|r| r["year"].as_i64() == Some(2025))
            .collect();
        assert_eq!(days.len(), 365, "{engine}");
        let working: Vec<i64> = days
            .iter()
            .filter(|r| r["working_day"].as_bool() == Some(true))
            .map(|r| r["working_ordinal"].as_i64().unwrap())
            .collect();
        assert_eq!(working.len() as i64, working_2025, "{engine}");
        assert!(
            working.windows(2).all(|w| w[1] == w[0] + 1),
            "{engine}: ordinals"
        );
        assert!(
            rows[3]
                .iter()
                .any(|r| r["name"] == "Sở Tài chính" || r["unit"] == "Sở Tài chính"),
            "{engine}: the register"
        );
    }
}

#[test]
#[allow(clippy::print_stderr)] // says why the job was not run on a machine without Spark
fn spark_submit_runs_the_views_of_a_store_and_writes_them_as_parquet() {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = tmp.path().join("store");
    import_datasets(&store);
    // And a department's dossier log with its registry, for the dossier statistics.
    {
        use cchc_datagen::dossiers::{LogSpec, write_log_csv, write_registry_xlsx};
        let spec = LogSpec::new(600, 2025);
        let log = tmp.path().join("so_theo_doi_2025.csv");
        write_log_csv(&log, &spec).expect("the log");
        let registry = tmp.path().join("danh_muc_tthc_2025.xlsx");
        write_registry_xlsx(&registry, &spec).expect("the registry");
        ok(&store, &["import", registry.to_str().expect("a path")]);
        ok(
            &store,
            &["import", "dossiers", log.to_str().expect("a path")],
        );
    }
    let sql = tmp.path().join("views.sql");
    ok(&store, &["views", "spark", "--out", sql.to_str().unwrap()]);
    let out = tmp.path().join("metrics");
    let job = Command::new("spark-submit")
        .args(["--master", "local[2]"])
        .arg(root().join("spark/cchc_views.py"))
        .arg("--sql")
        .arg(&sql)
        .args([
            "--view",
            "procedure_stats_by_unit",
            "--view",
            "scorecard_trend",
            "--view",
            "dossier_stats",
        ])
        .arg("--out")
        .arg(&out)
        .output();
    let job = match job {
        Ok(job) => job,
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("spark-submit not run ({e}): pip install -r tests/engines/requirements.txt");
            return;
        }
        Err(e) => panic!("spark-submit: {e}"),
    };
    assert!(
        job.status.success(),
        "{}",
        String::from_utf8_lossy(&job.stderr)
    );
    // What the job wrote, read back by DuckDB: cchc's roll-up by unit, row for row. The view
    // reads the office reports only; cchc also rolls up the figures of a log for a unit and year
    // no report covers (the justice department's 2025 here), so that row is cchc's alone.
    let ours: Vec<Value> = json(
        &store,
        &["--map", "reported", "procedures", "stats", "--by", "unit"],
    )
    .into_iter()
    .filter(|r| !(r["unit"] == "Sở Tư pháp" && r["year"] == 2025))
    .collect();
    let received: i64 = ours
        .iter()
        .map(|r| r["received"].as_i64().unwrap_or(0))
        .sum();
    // One row of DuckDB's answer over a view the job wrote, as Python prints the tuple.
    let duckdb_row = |sums: &str, view: &str| -> String {
        let read = Command::new("python3")
            .arg("-c")
            .arg(format!(
                "import duckdb; print(duckdb.connect().execute(\"SELECT count(*), {sums} FROM read_parquet('{}/{view}/*.parquet')\").fetchone())",
                out.display()
            ))
            .output()
            .expect("python3 runs");
        assert!(
            read.status.success(),
            "{}",
            String::from_utf8_lossy(&read.stderr)
        );
        String::from_utf8_lossy(&read.stdout).trim().to_owned()
    };
    assert_eq!(
        duckdb_row("sum(received)", "procedure_stats_by_unit"),
        format!("({}, {received})", ours.len())
    );
    assert!(
        out.join("scorecard_trend/_SUCCESS").exists(),
        "the trend written"
    );
    // The dossier statistics: cchc's rows, the same dossiers received, resolved and late.
    let ours = json(
        &store,
        &["--map", "reported", "dossiers", "stats", "--period", "year"],
    );
    let sum = |f: &str| -> i64 { ours.iter().map(|r| r[f].as_i64().unwrap_or(0)).sum() };
    assert_eq!(
        duckdb_row(
            "sum(received), sum(resolved), sum(resolved_late)",
            "dossier_stats"
        ),
        format!(
            "({}, {}, {}, {})",
            ours.len(),
            sum("received"),
            sum("resolved"),
            sum("resolved_late")
        )
    );
    assert_eq!(sum("received"), 600);
}

/// The views of one engine against `cchc … --format json`.
fn compare_views(store: &Path, sql: &[Vec<Value>]) {
    same_rows(
        "scorecard_gaps",
        &json(store, &["scorecard", "gaps"]),
        &sql[0],
        &["year", "unit", "code"],
        &["points_lost", "share_of_loss", "cumulative_share", "rank"],
    );
    same_rows(
        "scorecard_trend",
        &json(store, &["scorecard", "trend"]),
        &sql[1],
        &["unit", "year"],
        &["max_total", "score_total", "attainment", "delta", "rank"],
    );
    let figures = ["respondents", "valid_answers", "satisfied", "index"];
    same_rows(
        "survey_index_overall",
        &json(store, &["survey", "index"]),
        &sql[2],
        &["year", "unit"],
        &figures,
    );
    same_rows(
        "survey_index_by_element",
        &json(store, &["survey", "index", "--by", "element"]),
        &sql[3],
        &["year", "unit", "group"],
        &figures,
    );
    same_rows(
        "procedure_stats_by_unit",
        // The views read units as the files wrote them: cchc's figures under the same map.
        &json(
            store,
            &["--map", "reported", "procedures", "stats", "--by", "unit"],
        ),
        &sql[4],
        &["year", "unit"],
        &[
            "procedures",
            "received",
            "online_share",
            "postal_share",
            "resolved",
            "on_time_rate",
            "late_rate",
        ],
    );
}

#[test]
fn the_language_checks_see_what_they_should() {
    let out = "lỗi: sheet \"Phụ lục\" › 'Năm 2023'!D14 Đơn vị\n│ Năm ┆ Unit │\n╞══╡\n│ Sở Y tế ┆ x │\n└──┘";
    let own = own_words(out);
    assert_eq!(vietnamese_words(&own), ["lỗi", "Đơn", "vị", "Năm"]);
    assert_eq!(english_words(&own), ["sheet", "Unit"]);
    assert!(english_words("--year need_to_handle cchc_import").is_empty());
}

#[test]
fn each_language_speaks_only_its_own_words_outside_quotes() {
    let mut files: Vec<String> = Vec::new();
    for dir in ["datasets", "tests/data"] {
        let mut names: Vec<String> = std::fs::read_dir(root().join(dir))
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".xlsx") || n.ends_with(".xls") || n.ends_with(".ods"))
            .map(|n| format!("{dir}/{n}"))
            .collect();
        names.sort();
        files.extend(names);
    }
    assert!(files.len() > 20, "{files:?}");
    let commands: Vec<Vec<&str>> = vec![
        vec!["inspect", "datasets/seed_appendix_2021.xlsx"],
        vec!["inspect", "tests/data/survey_codebook.xlsx"],
        vec!["inspect", "tests/data/procedures_messy.xlsx"],
        vec!["scorecard", "gaps"],
        vec!["scorecard", "trend"],
        vec!["survey", "index"],
        vec!["survey", "index", "--by", "element"],
        vec!["procedures", "stats", "--by", "unit"],
        vec!["procedures", "simplify"],
        vec!["rejects"],
        vec!["store", "list"],
    ];
    let mut problems = Vec::new();
    for (lang, foreign) in [
        ("en", vietnamese_words as fn(&str) -> Vec<String>),
        ("vi", english_words),
    ] {
        let store = tempfile::tempdir().expect("tmp");
        let mut runs: Vec<Vec<&str>> = files.iter().map(|f| vec!["import", f.as_str()]).collect();
        runs.extend(commands.iter().cloned());
        for args in runs {
            let mut all = vec!["--lang", lang];
            all.extend(&args);
            let out = run(store.path(), &all);
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            let found = foreign(&own_words(&text));
            if !found.is_empty() {
                problems.push(format!(
                    "--lang {lang} {args:?} says {found:?} outside quotes:\n{text}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn unit_flags_match_without_accents_case_or_extra_spaces_in_every_command() {
    let store = tempfile::tempdir().expect("tmp");
    for file in [
        "datasets/seed_appendix_2021.xlsx",
        "datasets/survey_sipas_2024.xlsx",
        "datasets/procedures_so_tu_phap_2022_2024.xlsx",
    ] {
        ok(store.path(), &["import", file]);
    }
    let units = |args: &[&str]| -> Vec<String> {
        let rows = json(store.path(), args);
        assert!(!rows.is_empty(), "{args:?}: no rows");
        let mut units: Vec<String> = rows
            .iter()
            .map(|r| r["unit"].as_str().expect("unit").to_owned())
            .collect();
        units.dedup();
        units
    };
    let seed = ["scorecard", "gaps", "--unit", "so ke hoach  va dau tu"];
    assert_eq!(units(&seed), ["Sở Kế hoạch và Đầu tư"]);
    let trend = ["scorecard", "trend", "--unit", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ"];
    assert_eq!(units(&trend), ["Sở Kế hoạch và Đầu tư"]);
    let survey = ["survey", "index", "--by", "element", "--unit", "so tu phap"];
    assert_eq!(units(&survey), ["Sở Tư pháp"]);
    let stats = [
        "procedures",
        "stats",
        "--by",
        "unit",
        "--unit",
        "sở tư pháp",
    ];
    assert_eq!(units(&stats), ["Sở Tư pháp"]);
    let simplify = ["procedures", "simplify", "--unit", "So Tu Phap"];
    assert_eq!(units(&simplify), ["Sở Tư pháp"]);
    let chart = store.path().join("pareto.svg");
    ok(
        store.path(),
        &[
            "chart",
            "pareto",
            "--unit",
            "so ke hoach va dau tu",
            "--out",
            chart.to_str().expect("utf8"),
        ],
    );
    let svg = std::fs::read_to_string(&chart).expect("chart written");
    assert!(
        svg.contains("Sở Kế hoạch và Đầu tư"),
        "the chart names the stored unit"
    );
}

/// The sorted lines of a command's CSV output over a store.
fn csv_lines(store: &Path, args: &[&str]) -> Vec<String> {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--format", "csv"]);
    let mut lines: Vec<String> = ok(store, &all).lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

#[test]
fn legacy_encoded_workbooks_give_the_results_of_their_unicode_twins() {
    // A TCVN3 scorecard (.Vn fonts, capitals from the H fonts, the remedy column in Unicode).
    let (tcvn3, twin) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    let out = ok(
        tcvn3.path(),
        &["import", "tests/data/scorecard_seed_appendix_tcvn3.xls"],
    );
    assert!(
        out.contains("đã chuyển mã TCVN3 → Unicode: cột A (5 ô), B (8 ô)"),
        "{out}"
    );
    ok(
        twin.path(),
        &["import", "tests/data/scorecard_seed_appendix.xls"],
    );
    for args in [
        vec!["scorecard", "gaps"],
        vec!["scorecard", "gaps", "--level", "field"],
    ] {
        assert_eq!(
            csv_lines(tcvn3.path(), &args),
            csv_lines(twin.path(), &args),
            "{args:?}"
        );
    }
    // A VNI survey (every cell VNI-Times), answers as labels.
    let (vni, twin) = (
        tempfile::tempdir().expect("tmp"),
        tempfile::tempdir().expect("tmp"),
    );
    let out = ok(
        vni.path(),
        &[
            "--lang",
            "en",
            "import",
            "tests/data/survey_year_column_vni.xlsx",
        ],
    );
    assert!(out.contains("converted from VNI to Unicode"), "{out}");
    ok(
        twin.path(),
        &["import", "tests/data/survey_year_column.xlsx"],
    );
    for by in ["overall", "element", "question", "unit", "Độ tuổi"] {
        let args = ["survey", "index", "--by", by];
        assert_eq!(
            csv_lines(vni.path(), &args),
            csv_lines(twin.path(), &args),
            "{by}"
        );
    }
    // --encoding unicode reads the bytes as they are: the TCVN3 header is not found.
    let raw = tempfile::tempdir().expect("tmp");
    let refused = run(
        raw.path(),
        &[
            "import",
            "--encoding",
            "unicode",
            "tests/data/scorecard_seed_appendix_tcvn3.xls",
        ],
    );
    assert_eq!(refused.status.code(), Some(2));
    // --encoding vni on a Unicode workbook forces a reading: nothing there is VNI, nothing changes.
    let forced = tempfile::tempdir().expect("tmp");
    let out = ok(
        forced.path(),
        &[
            "import",
            "--encoding",
            "vni",
            "datasets/seed_appendix_2021.xlsx",
        ],
    );
    assert!(out.contains("7 nhập"), "{out}");
}
