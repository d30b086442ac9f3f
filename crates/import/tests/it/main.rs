//! Integration tests of the importers on real workbooks: the bundled datasets, the fixtures of
//! `tests/data/`, and workbooks written on the fly by `cchc-datagen`.

mod layers;
mod real;

use std::path::{Path, PathBuf};

use cchc_datagen::sheet::{SheetSpec, n, t, write_xlsx};
use cchc_import::{
    ImportError, ImportOptions, Imported, Limits, Origin, Profile, Quantity, import_file,
};
use cchc_model::{RejectReason, TableKind, WarningKind};
use polars::prelude::*;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn dataset(name: &str) -> PathBuf {
    root().join("datasets").join(name)
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/data").join(name)
}

fn import(path: &Path, opts: &ImportOptions) -> Imported {
    import_file(path, None, opts).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The import contract's counts: (read, imported, structure, rejected).
fn check_counts(imported: &Imported, expected: (u64, u64, u64, u64)) {
    let c = imported.counts();
    assert_eq!(
        (c.read, c.imported, c.structure, c.rejected),
        expected,
        "{}",
        imported.source.file_name
    );
    assert!(c.adds_up());
}

fn f64s(df: &DataFrame, name: &str) -> Vec<Option<f64>> {
    df.column(name)
        .expect(name)
        .f64()
        .expect("f64")
        .iter()
        .collect()
}

fn strs(df: &DataFrame, name: &str) -> Vec<Option<String>> {
    df.column(name)
        .expect(name)
        .str()
        .expect("str")
        .iter()
        .map(|s| s.map(str::to_owned))
        .collect()
}

fn sum(df: &DataFrame, name: &str) -> f64 {
    f64s(df, name).into_iter().flatten().sum()
}

fn leaves(df: &DataFrame) -> DataFrame {
    df.clone()
        .lazy()
        .filter(col("is_leaf"))
        .collect()
        .expect("leaves")
}

#[test]
fn seed_appendix_reads_the_same_from_xlsx_xls_and_ods() {
    let paths = [
        dataset("seed_appendix_2021.xlsx"),
        fixture("scorecard_seed_appendix.xls"),
        fixture("scorecard_seed_appendix.ods"),
    ];
    for path in paths {
        let imported = import(&path, &ImportOptions::default());
        assert_eq!(imported.kind, TableKind::Scorecard);
        check_counts(&imported, (15, 7, 8, 0));
        assert_eq!(
            imported.warnings().count(),
            0,
            "{}: {:?}",
            path.display(),
            imported.warnings().collect::<Vec<_>>()
        );
        let df = &imported.frame;
        assert_eq!(
            strs(df, "code"),
            (1..=7).map(|i| Some(i.to_string())).collect::<Vec<_>>()
        );
        assert!(
            (sum(df, "max_score") - 39.5).abs() < 1e-9,
            "{}",
            path.display()
        );
        assert!(
            (sum(df, "score") - 30.44).abs() < 1e-9,
            "{}",
            path.display()
        );
        assert_eq!(f64s(df, "max_score")[5], Some(33.5));
        assert_eq!(f64s(df, "score")[5], Some(28.61));
        let years: Vec<Option<i32>> = df
            .column("year")
            .expect("year")
            .i32()
            .expect("i32")
            .iter()
            .collect();
        assert!(years.iter().all(|y| *y == Some(2021)));
        assert!(
            strs(df, "unit")
                .iter()
                .all(|u| u.as_deref() == Some("Sở Kế hoạch và Đầu tư"))
        );
        // Lineage: the satisfaction criterion sits on Excel row 13 of sheet "Phụ lục".
        assert_eq!(strs(df, "sheet")[5].as_deref(), Some("Phụ lục"));
        let rows: Vec<Option<i32>> = df
            .column("row")
            .expect("row")
            .i32()
            .expect("i32")
            .iter()
            .collect();
        assert_eq!(rows[5], Some(13));
    }
}

#[test]
fn messy_rows_are_imported_structure_or_rejected_with_their_cell() {
    let imported = import(
        &fixture("scorecard_messy_rows.xlsx"),
        &ImportOptions::default(),
    );
    check_counts(&imported, (24, 7, 11, 6));
    let rejected: Vec<(String, &RejectReason)> = imported
        .rejections()
        .map(|r| (r.cell.to_string(), &r.reason))
        .collect();
    let cells: Vec<&str> = rejected.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        cells,
        [
            "'Năm 2023'!D14",
            "'Năm 2023'!C15",
            "'Năm 2023'!C16",
            "'Năm 2023'!E17",
            "'Năm 2023'!A18",
            "'Năm 2023'!A20"
        ]
    );
    assert!(matches!(rejected[0].1, RejectReason::NotANumber { value, .. } if value == "x"));
    assert!(
        matches!(rejected[1].1, RejectReason::NotANumber { value, .. } if value == "05/01/2023")
    );
    assert!(matches!(rejected[2].1, RejectReason::Missing { column } if column == "Điểm tối đa"));
    assert!(matches!(rejected[3].1, RejectReason::Negative { value, .. } if *value == -1.0));
    assert!(matches!(rejected[4].1, RejectReason::DuplicateCode { code, .. } if code == "2.2"));
    assert!(matches!(rejected[5].1, RejectReason::Missing { column } if column == "STT"));

    let warnings: Vec<&WarningKind> = imported.warnings().map(|w| &w.kind).collect();
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(warnings.contains(&&WarningKind::ParentMismatch {
        code: "2".into(),
        column: "Điểm thẩm định".into(),
        stated: 9.0,
        children: 7.5
    }));
    assert!(warnings.contains(&&WarningKind::ScoreAboveMax {
        code: "3".into(),
        score: 2.5,
        max_score: 2.0
    }));
    assert!(warnings.contains(&&WarningKind::TotalMismatch {
        column: "Điểm thẩm định".into(),
        stated: 17.0,
        computed: 15.0
    }));

    // NFD headers matched; "3,5" and "-" read; the self-assessed score kept beside the appraised one.
    let df = &imported.frame;
    let codes = strs(df, "code");
    let at = |code: &str| {
        codes
            .iter()
            .position(|c| c.as_deref() == Some(code))
            .expect(code)
    };
    assert_eq!(f64s(df, "appraised_score")[at("2.1")], Some(3.5));
    assert_eq!(f64s(df, "self_score")[at("2.1")], None);
    assert_eq!(f64s(df, "self_score")[at("1")], Some(5.5));
    assert_eq!(strs(df, "unit")[0].as_deref(), Some("Sở Công Thương"));
}

#[test]
fn dotted_hierarchy_one_sheet_per_year_sums_leaves_only() {
    let imported = import(
        &dataset("scorecard_so_tu_phap_2021_2024.xlsx"),
        &ImportOptions::default(),
    );
    assert_eq!(imported.sheets.len(), 4);
    check_counts(&imported, (200, 148, 52, 0));
    assert_eq!(imported.warnings().count(), 0);
    let df = &imported.frame;
    for year in [2021, 2022, 2023, 2024] {
        let one = df
            .clone()
            .lazy()
            .filter(col("year").eq(lit(year)))
            .collect()
            .expect("year");
        assert_eq!(one.height(), 37);
        let l = leaves(&one);
        assert_eq!(l.height(), 25);
        assert!((sum(&l, "max_score") - 100.0).abs() < 1e-9);
        // Summing every row would count the subtotals again.
        assert!(sum(&one, "max_score") > 200.0);
    }
    let codes = strs(df, "code");
    let parents = strs(df, "parent_code");
    let fields = strs(df, "field_code");
    let at = codes
        .iter()
        .position(|c| c.as_deref() == Some("7.1.2"))
        .expect("7.1.2");
    assert_eq!(parents[at].as_deref(), Some("7.1"));
    assert_eq!(fields[at].as_deref(), Some("7"));
}

#[test]
fn roman_codes_one_file_per_year_take_the_year_from_the_title() {
    let imported = import(
        &dataset("scorecard_so_y_te_2023.xlsx"),
        &ImportOptions::default(),
    );
    check_counts(&imported, (46, 37, 9, 0));
    let sheet = &imported.sheets[0];
    assert_eq!(
        sheet
            .years
            .iter()
            .map(|y| (y.value, y.source.clone()))
            .collect::<Vec<_>>(),
        [(2023, Origin::Title)]
    );
    let df = &imported.frame;
    let codes = strs(df, "code");
    let parents = strs(df, "parent_code");
    let at = |code: &str| {
        codes
            .iter()
            .position(|c| c.as_deref() == Some(code))
            .unwrap_or_else(|| panic!("{code} in {codes:?}"))
    };
    assert_eq!(parents[at("I.1.a")].as_deref(), Some("I.1"));
    assert_eq!(parents[at("I.1")].as_deref(), Some("I"));
    assert_eq!(parents[at("VIII.2")].as_deref(), Some("VIII"));
    assert_eq!(leaves(df).height(), 25);
    assert!((sum(&leaves(df), "max_score") - 100.0).abs() < 1e-9);
}

#[test]
fn side_by_side_year_bands_become_one_record_per_year() {
    let imported = import(
        &dataset("scorecard_huyen_long_thanh_2021_2024.xlsx"),
        &ImportOptions::default(),
    );
    check_counts(&imported, (43, 37, 6, 0));
    let df = &imported.frame;
    assert_eq!(df.height(), 37 * 4);
    let years: Vec<i32> = imported.sheets[0].years.iter().map(|y| y.value).collect();
    assert_eq!(years, [2021, 2022, 2023, 2024]);
    for year in years {
        let l = leaves(
            &df.clone()
                .lazy()
                .filter(col("year").eq(lit(year)))
                .collect()
                .expect("year"),
        );
        assert_eq!(l.height(), 25);
        // The one "Điểm tối đa" column serves every year.
        assert!((sum(&l, "max_score") - 100.0).abs() < 1e-9);
        assert!(f64s(&l, "self_score").iter().all(Option::is_some));
    }
}

#[test]
fn a_year_flag_that_contradicts_the_header_band_is_an_error() {
    let opts = ImportOptions {
        year: Some(2022),
        ..ImportOptions::default()
    };
    let err = import_file(&dataset("seed_appendix_2021.xlsx"), None, &opts).unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(&err, ImportError::Conflict(c) if c.what == Quantity::Year),
        "{text}"
    );
    assert!(
        text.contains("\"2022\" from --year") && text.contains("2021"),
        "{text}"
    );
}

#[test]
fn a_unit_flag_that_contradicts_the_title_is_an_error() {
    let opts = ImportOptions {
        unit: Some("Sở Tài chính".into()),
        ..ImportOptions::default()
    };
    let err = import_file(&fixture("scorecard_messy_rows.xlsx"), None, &opts).unwrap_err();
    assert!(
        matches!(&err, ImportError::Conflict(c) if c.what == Quantity::Unit),
        "{err}"
    );
    let same = ImportOptions {
        unit: Some("sở công thương".into()),
        ..ImportOptions::default()
    };
    assert!(import_file(&fixture("scorecard_messy_rows.xlsx"), None, &same).is_ok());
}

fn bare_scorecard(dir: &Path, name: &str, title: Option<&str>) -> PathBuf {
    let mut s = SheetSpec::new("Sheet1");
    let top = if let Some(title) = title {
        s.set(0, 0, t(title));
        2
    } else {
        0
    };
    s.row(
        top,
        vec![
            Some(t("TT")),
            Some(t("Tiêu chí")),
            Some(t("Điểm tối đa")),
            Some(t("Điểm đạt được")),
        ],
    );
    s.row(
        top + 1,
        vec![
            Some(t("1")),
            Some(t("Công khai thủ tục")),
            Some(n(2.0)),
            Some(t("1,5")),
        ],
    );
    s.row(
        top + 2,
        vec![
            Some(t("2")),
            Some(t("Giải quyết đúng hạn")),
            Some(n(3.0)),
            Some(n(3.0)),
        ],
    );
    let path = dir.join(name);
    write_xlsx(&path, &[s]).expect("written");
    path
}

#[test]
fn without_a_unit_or_a_year_the_analyst_is_told_which_flag_to_pass() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = bare_scorecard(dir.path(), "bang_diem.xlsx", None);
    let err = import_file(&path, None, &ImportOptions::default()).unwrap_err();
    assert!(matches!(err, ImportError::NoYear { .. }), "{err}");
    assert!(err.to_string().contains("--year"));
    let opts = ImportOptions {
        year: Some(2024),
        ..ImportOptions::default()
    };
    let err = import_file(&path, None, &opts).unwrap_err();
    assert!(matches!(err, ImportError::NoUnit { .. }), "{err}");
    let opts = ImportOptions {
        year: Some(2024),
        unit: Some("Sở Xây dựng".into()),
        ..ImportOptions::default()
    };
    let imported = import(&path, &opts);
    check_counts(&imported, (3, 2, 1, 0));
    assert!((sum(&imported.frame, "score") - 4.5).abs() < 1e-9);
}

#[test]
fn the_file_name_gives_the_year_when_nothing_else_does() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = bare_scorecard(
        dir.path(),
        "bang_diem_2023.xlsx",
        Some("Đơn vị: Sở Xây dựng"),
    );
    let imported = import(&path, &ImportOptions::default());
    assert_eq!(imported.sheets[0].years[0].value, 2023);
    assert_eq!(imported.sheets[0].years[0].source, Origin::FileName);
}

#[test]
fn a_profile_names_header_rows_and_columns_detection_would_miss() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = SheetSpec::new("Sheet1");
    s.row(
        0,
        vec![
            Some(t("Số")),
            Some(t("Nội dung đánh giá")),
            Some(t("Tối đa")),
            Some(t("Được chấm")),
        ],
    );
    s.row(
        1,
        vec![
            Some(t("1")),
            Some(t("Công khai thủ tục")),
            Some(n(2.0)),
            Some(n(1.0)),
        ],
    );
    let path = dir.path().join("khac_thuong.xlsx");
    write_xlsx(&path, &[s]).expect("written");
    let profile = Profile::parse(
        "kind = \"scorecard\"\nheader_rows = [1]\nyear = 2024\nunit = \"Sở Xây dựng\"\n[columns]\ncode = \"A\"\ncriterion = \"B\"\nmax_score = \"C\"\nscore = \"D\"\n",
    )
    .expect("profile");
    let opts = ImportOptions {
        profile: Some(profile),
        ..ImportOptions::default()
    };
    let imported = import(&path, &opts);
    check_counts(&imported, (2, 1, 1, 0));
    assert_eq!(f64s(&imported.frame, "score"), [Some(1.0)]);

    let bad = Profile::parse("[columns]\nscroe = \"D\"\n").expect("parses");
    let opts = ImportOptions {
        profile: Some(bad),
        ..ImportOptions::default()
    };
    let err = import_file(&path, Some(TableKind::Scorecard), &opts).unwrap_err();
    assert!(matches!(err, ImportError::Profile { .. }), "{err}");
}

#[test]
fn unreadable_files_are_errors_that_name_the_file() {
    type IsExpected = fn(&ImportError) -> bool;
    let cases: [(&str, IsExpected); 5] = [
        ("empty.xlsx", |e| matches!(e, ImportError::Empty { .. })),
        ("not_a_spreadsheet.xlsx", |e| {
            matches!(e, ImportError::NotASpreadsheet { .. })
        }),
        ("truncated.xlsx", |e| {
            matches!(e, ImportError::Damaged { .. })
        }),
        ("password_protected.xlsx", |e| {
            matches!(e, ImportError::Encrypted { .. })
        }),
        ("no_table.xlsx", |e| {
            matches!(e, ImportError::UnknownKind { .. })
        }),
    ];
    for (name, is_expected) in cases {
        let err = import_file(&fixture(name), None, &ImportOptions::default()).unwrap_err();
        assert!(is_expected(&err), "{name}: {err}");
        assert!(err.to_string().contains(name), "{name}: {err}");
    }
    let err = import_file(
        &fixture("no_table.xlsx"),
        Some(TableKind::Scorecard),
        &ImportOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::NoTable { .. }), "{err}");
}

#[test]
fn a_stray_cell_at_xfd1048576_is_refused_with_its_address() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = cchc_datagen::scorecards::seed_appendix();
    s.set(1_048_575, 16_383, t("x"));
    let path = dir.path().join("stray.xlsx");
    write_xlsx(&path, &[s]).expect("written");
    let err = import_file(&path, None, &ImportOptions::default()).unwrap_err();
    let ImportError::StrayCell { cell, gap, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(cell, "XFD1048576");
    assert_eq!(*gap, 1_048_575 - 15);
    assert!(err.to_string().contains("XFD1048576"), "{err}");

    // A note a few rows under the table is not a stray cell.
    let mut s = cchc_datagen::scorecards::seed_appendix();
    s.set(60, 1, t("Ghi chú: số liệu đã rà soát"));
    let near = dir.path().join("near.xlsx");
    write_xlsx(&near, &[s]).expect("written");
    let imported = import(&near, &ImportOptions::default());
    assert_eq!(imported.counts().imported, 7);
    assert!(imported.counts().adds_up());

    // The row limit still applies before the gap is measured.
    let mut s = cchc_datagen::scorecards::seed_appendix();
    s.set(1_048_575, 16_383, t("x"));
    write_xlsx(&path, &[s]).expect("written");
    let tight = ImportOptions {
        limits: Limits {
            max_rows: 100_000,
            ..Limits::default()
        },
        ..ImportOptions::default()
    };
    let err = import_file(&path, None, &tight).unwrap_err();
    assert!(matches!(err, ImportError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("row 1048576"), "{err}");
}

#[test]
fn zip_bombs_are_refused_before_anything_is_inflated() {
    let dir = tempfile::tempdir().expect("tmp");
    use cchc_datagen::hostile::{deflated, raw_parts, write_zip};
    let seed = dataset("seed_appendix_2021.xlsx");
    // The committed fixture: the classic bomb below, written by cchc-datagen.
    let err = import_file(&fixture("zip_bomb.xlsx"), None, &ImportOptions::default()).unwrap_err();
    assert!(matches!(err, ImportError::Compressed { .. }), "{err}");
    // The hand-written container reads like the original when nothing is changed.
    let same = dir.path().join("same.xlsx");
    write_zip(
        &same,
        &raw_parts(&std::fs::read(&seed).expect("seed")).expect("parts"),
    )
    .expect("zip");
    assert_eq!(
        import(&same, &ImportOptions::default()).counts().imported,
        7
    );

    // A classic bomb: the shared strings declare about 4 GB from 20 KB of data.
    let mut parts = raw_parts(&std::fs::read(&seed).expect("seed")).expect("parts");
    let strings = parts
        .iter_mut()
        .find(|p| p.name == "xl/sharedStrings.xml")
        .expect("shared strings");
    let (data, crc) = deflated(&vec![b' '; 20 << 20]).expect("deflate");
    strings.data = data;
    strings.crc = crc;
    strings.declared = 4_000_000_000;
    let bomb = dir.path().join("bomb.xlsx");
    write_zip(&bomb, &parts).expect("zip");
    let err = import_file(&bomb, None, &ImportOptions::default()).unwrap_err();
    let ImportError::Compressed { entry, ratio, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(entry, "xl/sharedStrings.xml");
    assert!(*ratio > 100_000, "{ratio}");

    // Sizes that lie: the header declares 2,000 bytes, the data inflates to 20 MiB. The zip
    // reader stops at the declared size: a damaged file, never 20 MiB in memory.
    let strings = parts
        .iter_mut()
        .find(|p| p.name == "xl/sharedStrings.xml")
        .expect("shared strings");
    strings.declared = 2_000;
    let liar = dir.path().join("liar.xlsx");
    write_zip(&liar, &parts).expect("zip");
    let err = import_file(&liar, None, &ImportOptions::default()).unwrap_err();
    assert!(matches!(err, ImportError::Damaged { .. }), "{err}");
    assert!(err.to_string().contains("declared"), "{err}");

    // A part read whole that declares more than allowed.
    let small = ImportOptions {
        limits: Limits {
            max_part_bytes: 100,
            ..Limits::default()
        },
        ..ImportOptions::default()
    };
    let err = import_file(&same, None, &small).unwrap_err();
    let ImportError::Inflated { size, limit, .. } = &err else {
        panic!("{err}");
    };
    assert!(*size > 100 && *limit == 100, "{err}");

    // A workbook whose parts declare more than the total allowed.
    let tight = ImportOptions {
        limits: Limits {
            max_inflated_bytes: 4_000,
            ..Limits::default()
        },
        ..ImportOptions::default()
    };
    let err = import_file(&same, None, &tight).unwrap_err();
    assert!(matches!(err, ImportError::Inflated { .. }), "{err}");
}

/// Flips bytes of real workbooks, deterministically, and asks only that every import ends in Ok or
/// Err: a damaged file must never abort the process.
#[test]
fn damaged_bytes_never_panic() {
    let dir = tempfile::tempdir().expect("tmp");
    let sources = [
        dataset("seed_appendix_2021.xlsx"),
        fixture("scorecard_seed_appendix.xls"),
        fixture("scorecard_seed_appendix.ods"),
    ];
    let mut rng = cchc_datagen::scorecards::Lcg::new(2022);
    let mut outcomes = (0, 0);
    for source in sources {
        let original = std::fs::read(&source).expect("read");
        let ext = source.extension().and_then(|e| e.to_str()).expect("ext");
        for case in 0..150 {
            let mut bytes = original.clone();
            for _ in 0..=(case % 8) {
                let at = (rng.next_f64() * bytes.len() as f64) as usize % bytes.len();
                bytes[at] = (rng.next_f64() * 256.0) as u8;
            }
            let path = dir.path().join(format!("case{case}.{ext}"));
            std::fs::write(&path, &bytes).expect("write");
            let result =
                std::panic::catch_unwind(|| import_file(&path, None, &ImportOptions::default()));
            match result {
                Ok(Ok(imported)) => {
                    assert!(
                        imported.counts().adds_up(),
                        "{} case {case}",
                        source.display()
                    );
                    outcomes.0 += 1;
                }
                Ok(Err(_)) => outcomes.1 += 1,
                Err(_) => panic!("{} case {case}: the importer panicked", source.display()),
            }
        }
    }
    assert_eq!(outcomes.0 + outcomes.1, 450);
}

fn answers_of(imported: &Imported) -> Vec<(i32, String, String, Option<i32>, String)> {
    let df = &imported.frame;
    let years: Vec<Option<i32>> = df
        .column("year")
        .expect("y")
        .i32()
        .expect("i32")
        .iter()
        .collect();
    let units = strs(df, "unit");
    let elements = strs(df, "element");
    let answers: Vec<Option<i32>> = df
        .column("answer")
        .expect("a")
        .i32()
        .expect("i32")
        .iter()
        .collect();
    let status = strs(df, "status");
    (0..df.height())
        .map(|i| {
            (
                years[i].unwrap_or(0),
                units[i].clone().unwrap_or_default(),
                elements[i].clone().unwrap_or_default(),
                answers[i],
                status[i].clone().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn survey_sheets_per_year_take_elements_from_a_codebook_file() {
    let opts = ImportOptions {
        codebook: Some(fixture("survey_codebook.xlsx")),
        ..ImportOptions::default()
    };
    let imported = import(&fixture("survey_sheet_per_year.xlsx"), &opts);
    assert_eq!(imported.kind, TableKind::Survey);
    check_counts(&imported, (28, 20, 8, 0));
    let rows = answers_of(&imported);
    assert_eq!(rows.len(), 2 * 10 * 6);
    for (year, expected) in [(2022, 24), (2023, 36)] {
        let satisfied = rows
            .iter()
            .filter(|r| r.0 == year && r.3.is_some_and(|a| a >= 4))
            .count();
        assert_eq!(satisfied, expected, "{year}");
    }
    assert!(rows.iter().all(|r| r.1 == "Sở Xây dựng"));
    let fifth: Vec<&str> = rows
        .iter()
        .filter(|r| r.2 == "Kết quả dịch vụ")
        .map(|r| r.2.as_str())
        .collect();
    assert_eq!(
        fifth.len(),
        2 * 10 * 2,
        "questions 5 and 6 by the codebook file"
    );
    // Without the file, "Câu 5" falls back to SIPAS element 5.
    let plain = import(
        &fixture("survey_sheet_per_year.xlsx"),
        &ImportOptions::default(),
    );
    assert!(
        answers_of(&plain)
            .iter()
            .any(|r| r.2 == "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị")
    );
    // Respondent attributes are kept long: one row per respondent and attribute.
    let (name, attrs) = &imported.extra[0];
    assert_eq!(name, "survey_respondents");
    assert_eq!(attrs.height(), 20);
}

#[test]
fn survey_years_and_units_from_columns_with_labels_blanks_and_invalid_answers() {
    let imported = import(
        &fixture("survey_year_column.xlsx"),
        &ImportOptions::default(),
    );
    check_counts(&imported, (5, 4, 1, 0));
    let rows = answers_of(&imported);
    let get = |year: i32, unit: &str| -> Vec<(Option<i32>, String)> {
        rows.iter()
            .filter(|r| r.0 == year && r.1 == unit)
            .map(|r| (r.3, r.4.clone()))
            .collect()
    };
    assert_eq!(
        get(2022, "Sở Tư pháp"),
        [(Some(4), "valid".into()), (Some(2), "valid".into())]
    );
    assert_eq!(
        get(2022, "Sở Y tế"),
        [(Some(5), "valid".into()), (None, "blank".into())]
    );
    assert_eq!(
        get(2023, "Sở Tư pháp"),
        [(Some(5), "valid".into()), (None, "invalid".into())]
    );
    let rejected: Vec<String> = imported.rejections().map(|r| r.cell.to_string()).collect();
    assert_eq!(rejected, ["'Tổng hợp'!E4"]);
    assert_eq!(imported.invalid_cells(), 1);
}

#[test]
fn procedure_rows_are_imported_structure_or_rejected_with_their_cells_in_xlsx_and_xls() {
    for file in ["procedures_messy.xlsx", "procedures_messy.xls"] {
        let imported = import(&fixture(file), &ImportOptions::default());
        assert_eq!(imported.kind, TableKind::Procedures);
        check_counts(&imported, (19, 3, 12, 4));
        let rejected: Vec<(String, &RejectReason)> = imported
            .rejections()
            .map(|r| (r.cell.to_string(), &r.reason))
            .collect();
        assert!(
            matches!(rejected[0], (ref c, RejectReason::InvalidCode { value, .. }) if c == "'Năm 2024'!B10" && value == "1.00012"),
            "{file}: {rejected:?}"
        );
        assert!(
            matches!(rejected[1], (ref c, RejectReason::NotACount { value, .. }) if c == "'Năm 2024'!F11" && value == "nhiều")
        );
        assert!(
            matches!(rejected[2], (ref c, RejectReason::DuplicateCode { code, .. }) if c == "'Năm 2024'!B12" && code == "1.000101")
        );
        assert!(
            matches!(rejected[3], (ref c, RejectReason::Missing { .. }) if c == "'Năm 2024'!B13")
        );
        let warnings: Vec<(String, &WarningKind)> = imported
            .warnings()
            .map(|w| {
                (
                    w.cell.as_ref().map(|c| c.to_string()).unwrap_or_default(),
                    &w.kind,
                )
            })
            .collect();
        assert!(
            matches!(warnings[0], (ref c, WarningKind::PartsMismatch { stated, parts, .. }) if c == "'Năm 2024'!J9" && *stated == 31.0 && *parts == 30.0),
            "{warnings:?}"
        );
        assert!(
            matches!(warnings[1], (ref c, WarningKind::TotalMismatch { stated, computed, .. }) if c == "'Năm 2024'!F17" && *stated == 999.0 && *computed == 130.0)
        );
        assert_eq!(
            warnings.len(),
            2,
            "the section subtotal agrees with its rows"
        );

        let stats = &imported.frame;
        let registry = &imported.extra[0].1;
        assert_eq!(imported.extra[0].0, "procedure_registry");
        let strs = |df: &DataFrame, name: &str| -> Vec<Option<String>> {
            df.column(name)
                .unwrap()
                .str()
                .unwrap()
                .iter()
                .map(|s| s.map(str::to_owned))
                .collect()
        };
        let ints = |df: &DataFrame, name: &str| -> Vec<Option<i64>> {
            df.column(name).unwrap().i64().unwrap().iter().collect()
        };
        assert_eq!(
            strs(stats, "code"),
            [
                Some("1.000101".into()),
                Some("1.000102".into()),
                Some("1.000105".into())
            ]
        );
        assert_eq!(
            strs(stats, "field"),
            [
                Some("Xúc tiến thương mại".into()),
                Some("Xúc tiến thương mại".into()),
                Some("Quản lý cạnh tranh".into())
            ]
        );
        assert_eq!(ints(stats, "received"), [Some(100), Some(30), Some(0)]);
        // "-" is none (0); a column the row leaves blank stays unknown.
        assert_eq!(ints(stats, "received_postal"), [Some(10), Some(0), Some(0)]);
        assert_eq!(f64s(stats, "actual_days"), [Some(3.5), Some(4.0), None]);
        assert_eq!(
            f64s(registry, "legal_days"),
            [Some(10.0), Some(5.0), Some(15.0)]
        );
        // "10 ngày làm việc" and bare numbers are working days.
        assert_eq!(
            strs(registry, "legal_unit"),
            [
                Some("working_days".into()),
                Some("working_days".into()),
                Some("working_days".into())
            ]
        );
        assert_eq!(
            strs(registry, "online_level"),
            [Some("full".into()), Some("partial".into()), None]
        );
        assert_eq!(stats.schema().len(), cchc_model::schema::procedures().len());
    }
}

#[test]
fn a_section_subtotal_that_does_not_add_up_is_reported_with_both_numbers() {
    let imported = import(
        &dataset("procedures_stats_so_khdt_2023.xlsx"),
        &ImportOptions::default(),
    );
    check_counts(&imported, (48, 30, 18, 0));
    let warnings: Vec<&WarningKind> = imported.warnings().map(|w| &w.kind).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let WarningKind::TotalMismatch {
        stated, computed, ..
    } = warnings[0]
    else {
        panic!("{warnings:?}");
    };
    assert_eq!(stated - computed, 12.0);
    // The registry file and the statistics files of other years add up.
    for name in [
        "procedures_stats_so_khdt_2022.xlsx",
        "procedures_registry_so_khdt_2024.xlsx",
        "procedures_so_tu_phap_2022_2024.xlsx",
    ] {
        let imported = import(&dataset(name), &ImportOptions::default());
        assert!(imported.counts().adds_up());
        assert_eq!(imported.warnings().count(), 0, "{name}");
        assert_eq!(imported.counts().rejected, 0, "{name}");
    }
}

/// Every .xlsx the project ships, read by the fast sheet scanner and by calamine: the same rows,
/// cell for cell.
#[test]
fn a_survey_streamed_in_small_batches_gives_the_same_rows() {
    let path = dataset("survey_sipas_2024.xlsx");
    let whole = import(&path, &ImportOptions::default());
    let small = ImportOptions {
        batch_rows: 500,
        ..ImportOptions::default()
    };
    let mut batches: Vec<(String, usize)> = Vec::new();
    let mut sink = |table: &str, rows: cchc_model::Rows| -> Result<(), cchc_import::SinkError> {
        batches.push((table.to_owned(), rows.height()));
        Ok(())
    };
    let streamed = cchc_import::import_file_into(&path, None, &small, &mut sink).expect("import");
    assert_eq!(streamed.counts(), whole.counts());
    let answers: Vec<usize> = batches
        .iter()
        .filter(|(t, _)| t == "survey_answers")
        .map(|(_, n)| *n)
        .collect();
    assert!(answers.len() > 5, "{answers:?}");
    assert_eq!(answers.iter().sum::<usize>(), whole.frame.height());
    // Whole respondents per batch: 22 answers each.
    assert!(answers.iter().all(|n| n % 22 == 0), "{answers:?}");
    // Collected from small batches, the frame is the one read in one go.
    let again = import(&path, &small);
    assert!(again.frame.equals_missing(&whole.frame));
    assert!(again.extra[0].1.equals_missing(&whole.extra[0].1));
}

/// An .ods file of one sheet "S" with the given `<table:table-row>` elements.
fn write_ods(path: &Path, rows: &str) {
    use std::io::Write;
    let content = format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content "#,
            r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
            r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#,
            r#"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">"#,
            r#"<office:body><office:spreadsheet><table:table table:name="S">"#,
            "{}",
            "</table:table></office:spreadsheet></office:body></office:document-content>"
        ),
        rows
    );
    let file = std::fs::File::create(path).expect("create");
    let mut zip = ::zip::ZipWriter::new(file);
    let stored = ::zip::write::SimpleFileOptions::default()
        .compression_method(::zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("mimetype");
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("write");
    zip.start_file("content.xml", ::zip::write::SimpleFileOptions::default())
        .expect("content");
    zip.write_all(content.as_bytes()).expect("write");
    zip.start_file(
        "META-INF/manifest.xml",
        ::zip::write::SimpleFileOptions::default(),
    )
    .expect("manifest");
    zip.write_all(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest "#,
            r#"xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">"#,
            r#"<manifest:file-entry manifest:full-path="/" "#,
            r#"manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#,
            r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#,
            "</manifest:manifest>"
        )
        .as_bytes(),
    )
    .expect("write");
    zip.finish().expect("finish");
}

fn ods_cell(v: &str) -> String {
    format!(
        r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
    )
}

fn ods_opts() -> ImportOptions {
    ImportOptions {
        year: Some(2024),
        unit: Some("X".into()),
        ..ImportOptions::default()
    }
}

#[test]
fn an_ods_with_a_stray_cell_far_away_is_refused_with_its_address_before_calamine_reads_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("stray.ods");
    let rows = [
        format!(
            "<table:table-row>{}{}</table:table-row>",
            ods_cell("Tên tiêu chí"),
            ods_cell("Điểm tối đa")
        ),
        r#"<table:table-row table:number-rows-repeated="1048570"><table:table-cell/></table:table-row>"#.to_owned(),
        format!(
            r#"<table:table-row><table:table-cell table:number-columns-repeated="16383"/>{}</table:table-row>"#,
            ods_cell("x")
        ),
    ];
    write_ods(&path, &rows.concat());
    let err = import_file(&path, Some(TableKind::Scorecard), &ods_opts()).unwrap_err();
    let ImportError::StrayCell { cell, gap, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!((cell.as_str(), *gap), ("XFD1048572", 1_048_570), "{err}");
}

#[test]
fn an_ods_row_with_content_repeated_a_million_times_is_too_large() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("repeated.ods");
    let rows = format!(
        r#"<table:table-row>{}{}</table:table-row><table:table-row table:number-rows-repeated="2000000">{}</table:table-row>"#,
        ods_cell("Tên tiêu chí"),
        ods_cell("Điểm tối đa"),
        ods_cell("x")
    );
    write_ods(&path, &rows);
    let err = import_file(&path, Some(TableKind::Scorecard), &ods_opts()).unwrap_err();
    assert!(matches!(err, ImportError::TooLarge { .. }), "{err}");
    assert!(
        err.to_string().contains("beyond the 1048576 rows allowed"),
        "{err}"
    );
}

#[test]
fn an_ods_with_a_million_empty_rows_after_the_table_imports_its_rows() {
    // LibreOffice ends a sheet with its empty rows and columns repeated up to the sheet's size.
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("trailing.ods");
    let number = |x: f64| {
        format!(
            r#"<table:table-cell office:value-type="float" office:value="{x}"><text:p>{x}</text:p></table:table-cell>"#
        )
    };
    let rows = [
        format!(
            "<table:table-row>{}{}{}</table:table-row>",
            ods_cell("Tên tiêu chí"),
            ods_cell("Điểm tối đa"),
            ods_cell("Điểm đạt")
        ),
        format!(
            "<table:table-row>{}{}{}</table:table-row>",
            ods_cell("Công tác chỉ đạo, điều hành"),
            number(10.0),
            number(8.5)
        ),
        r#"<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#.to_owned(),
    ];
    write_ods(&path, &rows.concat());
    let imported = import_file(&path, Some(TableKind::Scorecard), &ods_opts()).expect("import");
    assert_eq!(imported.counts().imported, 1, "{:?}", imported.counts());
    assert_eq!(imported.frame.height(), 1);
}

#[test]
fn a_survey_of_many_units_reaches_the_sink_one_unit_per_batch_with_every_row() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("bench.xlsx");
    cchc_datagen::bench::survey(3000, &path).expect("generate");
    let small = ImportOptions {
        batch_rows: 5000,
        ..ImportOptions::default()
    };
    let mut batches: Vec<(String, DataFrame)> = Vec::new();
    let mut sink = |table: &str, rows: cchc_model::Rows| -> Result<(), cchc_import::SinkError> {
        batches.push((
            table.to_owned(),
            rows.into_frame().map_err(|e| e.to_string())?,
        ));
        Ok(())
    };
    let streamed = cchc_import::import_file_into(&path, None, &small, &mut sink).expect("import");
    assert_eq!(streamed.counts().imported, 3000);
    // Each batch holds one year and one unit, so that the store writes it without a gather.
    let units_in = |f: &DataFrame| f.column("unit").unwrap().n_unique().unwrap();
    let answers: Vec<&DataFrame> = batches
        .iter()
        .filter(|(t, _)| t == "survey_answers")
        .map(|(_, f)| f)
        .collect();
    assert!(answers.len() > 3, "{} batches", answers.len());
    assert!(answers.iter().all(|f| units_in(f) == 1));
    let distinct_units: std::collections::BTreeSet<String> = answers
        .iter()
        .map(|f| {
            f.column("unit")
                .unwrap()
                .str()
                .unwrap()
                .get(0)
                .unwrap()
                .to_owned()
        })
        .collect();
    assert!(distinct_units.len() > 1, "{distinct_units:?}");
    // The same rows as one whole import, in another order.
    let whole = import(&path, &ImportOptions::default());
    let key = [col("sheet"), col("row"), col("question")];
    let sort = |f: DataFrame| {
        f.lazy()
            .sort_by_exprs(key.clone(), SortMultipleOptions::default())
            .collect()
            .expect("sort")
    };
    let mut together = answers[0].clone();
    for f in &answers[1..] {
        together.vstack_mut(f).expect("stack");
    }
    assert_eq!(together.height(), whole.frame.height());
    assert!(sort(together).equals_missing(&sort(whole.frame.clone())));
}

/// A workbook of one kind that names no year and no unit anywhere (sheet, title, file name).
fn bare_workbook(dir: &Path, kind: TableKind) -> PathBuf {
    let mut s = SheetSpec::new("Sheet1");
    let rows: Vec<Vec<Option<cchc_datagen::sheet::Cell>>> = match kind {
        TableKind::Scorecard => {
            return bare_scorecard(dir, "bang_diem.xlsx", None);
        }
        TableKind::Survey => vec![
            vec![
                Some(t("STT")),
                Some(t("Giới tính")),
                Some(t("Câu 1.1. Nơi đón tiếp")),
                Some(t("Câu 2.1. Thủ tục được niêm yết")),
            ],
            vec![Some(n(1.0)), Some(t("Nữ")), Some(n(4.0)), Some(n(5.0))],
            vec![
                Some(n(2.0)),
                Some(t("Nam")),
                Some(n(3.0)),
                Some(t("Hài lòng")),
            ],
        ],
        TableKind::Procedures => vec![
            vec![
                Some(t("STT")),
                Some(t("Mã TTHC")),
                Some(t("Tên thủ tục hành chính")),
                Some(t("Thời hạn giải quyết")),
            ],
            vec![
                Some(n(1.0)),
                Some(t("1.001234")),
                Some(t("Cấp giấy phép xây dựng")),
                Some(t("15 ngày làm việc")),
            ],
            vec![
                Some(n(2.0)),
                Some(t("1.004567")),
                Some(t("Thẩm định dự án")),
                Some(n(20.0)),
            ],
        ],
        // A log's rows carry their year (the receipt date's): only the unit can be missing.
        TableKind::Dossiers => vec![
            vec![Some(t("Mã hồ sơ")), Some(t("Ngày tiếp nhận"))],
            vec![Some(t("H56-240305-0001")), Some(t("05/03/2024 08:00"))],
        ],
    };
    for (i, row) in rows.into_iter().enumerate() {
        s.row(i as u32, row);
    }
    let path = dir.join(format!("{}.xlsx", kind.as_str()));
    write_xlsx(&path, &[s]).expect("written");
    path
}

#[test]
fn a_profiles_year_and_unit_hold_for_every_kind() {
    let dir = tempfile::tempdir().expect("tmp");
    for kind in [
        TableKind::Scorecard,
        TableKind::Survey,
        TableKind::Procedures,
    ] {
        let path = bare_workbook(dir.path(), kind);
        let err = import_file(&path, Some(kind), &ImportOptions::default()).unwrap_err();
        assert!(matches!(err, ImportError::NoYear { .. }), "{kind}: {err}");
        let profile = Profile {
            year: Some(2024),
            unit: Some("Sở Xây dựng".into()),
            ..Profile::default()
        };
        let opts = ImportOptions {
            profile: Some(profile),
            ..ImportOptions::default()
        };
        let imported = import_file(&path, Some(kind), &opts).expect("imported");
        assert!(imported.counts().adds_up(), "{kind}");
        assert_eq!(imported.counts().imported, 2, "{kind}");
        let sheet = &imported.sheets[0];
        assert_eq!(
            (sheet.years[0].value, &sheet.years[0].source),
            (2024, &Origin::Profile),
            "{kind}"
        );
        let unit = sheet.unit.as_ref().expect("unit");
        assert_eq!(
            (unit.value.as_str(), &unit.source),
            ("Sở Xây dựng", &Origin::Profile)
        );
        let frames = std::iter::once(&imported.frame).chain(imported.extra.iter().map(|(_, f)| f));
        let mut rows = 0;
        for frame in frames.filter(|f| f.height() > 0) {
            rows += frame.height();
            let years = frame.column("year").expect("year").i32().expect("i32");
            assert!(years.iter().all(|y| y == Some(2024)), "{kind}");
            let units = strs(frame, "unit");
            assert!(
                units.iter().all(|u| u.as_deref() == Some("Sở Xây dựng")),
                "{kind}"
            );
        }
        assert!(rows >= 2, "{kind}: {rows} rows");
    }
}

/// Regression: a total row whose figures could not be read (a cell that is not a number) made
/// the total check index a figure that was never read, and the import panicked (found by a
/// mutation fuzzer: `corpus/cchc-mutations/scorecard_messy_rows-mutated-panic.xlsx`).
#[test]
fn a_total_row_with_an_unreadable_figure_is_structure_not_a_panic() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = SheetSpec::new("2023");
    s.set(0, 0, t("Đơn vị: Sở Xây dựng"));
    s.row(
        2,
        vec![
            Some(t("TT")),
            Some(t("Tiêu chí")),
            Some(t("Điểm tối đa")),
            Some(t("Điểm đạt được")),
        ],
    );
    s.row(
        3,
        vec![
            Some(t("1")),
            Some(t("Công khai")),
            Some(n(2.0)),
            Some(n(1.5)),
        ],
    );
    s.row(
        4,
        vec![None, Some(t("Tổng cộng")), Some(t("x")), Some(n(1.5))],
    );
    let path = dir.path().join("tong_hong.xlsx");
    write_xlsx(&path, &[s]).expect("written");
    let imported = import(&path, &ImportOptions::default());
    check_counts(&imported, (5, 1, 4, 0));
    assert_eq!(
        imported.sheets[0]
            .structure
            .get(&cchc_model::StructureKind::Total),
        Some(&1)
    );
}

#[test]
fn two_timestamp_columns_are_explained_not_guessed() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = SheetSpec::new("Form");
    s.row(
        0,
        [
            "Dấu thời gian",
            "Timestamp",
            "Giới tính",
            "1. Thủ tục công khai",
        ]
        .iter()
        .map(|h| Some(t(h)))
        .collect(),
    );
    for i in 0..3 {
        s.row(
            1 + i,
            vec![
                Some(t("21/07/2024 19:08:55")),
                Some(t("2024-07-21T19:08:55")),
                Some(t("Nữ")),
                Some(t("Đồng ý")),
            ],
        );
    }
    let path = dir.path().join("two_timestamps.xlsx");
    write_xlsx(&path, &[s]).expect("written");
    let opts = ImportOptions {
        unit: Some("Sở Tư pháp".into()),
        ..ImportOptions::default()
    };
    let err = import_file(&path, Some(TableKind::Survey), &opts).unwrap_err();
    match err {
        ImportError::AmbiguousColumn {
            field,
            first,
            second,
            ..
        } => {
            assert_eq!(field, "timestamp");
            assert_eq!((first.as_str(), second.as_str()), ("A", "B"));
        }
        other => panic!("{other}"),
    }
}
