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
