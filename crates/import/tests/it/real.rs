//! Workbooks made by others (`../shared/real/`, beside the repository; CI fails when it is
//! missing): the national portal's procedure lists, read as registries with every row accounted
//! for, checked against the same cells read by calamine.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};
use cchc_import::{ImportOptions, import_file};
use cchc_model::TableKind;
use polars::prelude::*;
use unicode_normalization::UnicodeNormalization;

use super::strs;

fn real(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/real")
        .join(name);
    assert!(
        path.exists(),
        "{} is missing: the real workbooks live in ../shared/real beside the repository",
        path.display()
    );
    path
}

/// The text cells of one column of a sheet, below the header row (one-based row, text).
fn column_cells(path: &Path, col: usize, from_row: usize) -> Vec<(usize, String)> {
    let mut wb = open_workbook_auto(path).expect("open");
    let name = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&name).expect("sheet");
    let (r0, _) = range.start().expect("start");
    range
        .rows()
        .enumerate()
        .map(|(i, row)| (i + r0 as usize + 1, row))
        .filter(|(r, _)| *r >= from_row)
        .map(|(r, row)| match row.get(col) {
            Some(Data::String(s)) => (r, s.clone()),
            _ => (r, String::new()),
        })
        .collect()
}

fn registry_of(name: &str) -> (cchc_import::Imported, DataFrame) {
    let opts = ImportOptions {
        year: Some(2025),
        unit: Some("Bộ Công an".into()),
        ..ImportOptions::default()
    };
    let imported = import_file(&real(name), None, &opts).expect("imports");
    assert_eq!(imported.kind, TableKind::Procedures);
    let registry = imported
        .extra
        .iter()
        .find(|(t, _)| t == cchc_model::tables::PROCEDURE_REGISTRY)
        .map(|(_, df)| df.clone())
        .expect("a registry frame");
    (imported, registry)
}

#[test]
fn the_portal_lists_import_as_registries_with_every_row_accounted_for() {
    for (name, rows) in [
        ("danh-sach-tthc-BoCongAn.xlsx", 341),
        ("danh-sach-tthc-BoTuPhap.xlsx", 273),
        ("toa-an-nhan-dan.xlsx", 5),
    ] {
        let (imported, registry) = registry_of(name);
        let codes = column_cells(&real(name), 0, 3);
        let counts = imported.counts();
        // The motto/title line and the header are structure; every coded row is imported.
        assert_eq!(
            (
                counts.read,
                counts.imported,
                counts.structure,
                counts.rejected
            ),
            (rows, codes.len() as u64, 2, 0),
            "{name}"
        );
        let stored: Vec<Option<String>> = strs(&registry, "code");
        let expected: Vec<Option<String>> = codes.iter().map(|(_, c)| Some(c.clone())).collect();
        assert_eq!(stored, expected, "{name}");
        assert!(
            strs(&registry, "issuer").iter().all(|i| i
                .as_deref()
                .is_some_and(|i| i.starts_with("Bộ") || i.starts_with("Tòa"))),
            "{name}"
        );
    }
}

#[test]
fn decomposed_field_names_are_stored_composed_and_group_as_one() {
    let name = "danh-sach-tthc-BoCongAn.xlsx";
    let raw = column_cells(&real(name), 4, 3);
    let decomposed: Vec<usize> = raw
        .iter()
        .enumerate()
        .filter(|(_, (_, s))| s.nfc().collect::<String>() != *s)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(decomposed.len(), 31, "the README's count of NFD cells");
    let (_, registry) = registry_of(name);
    let fields: Vec<String> = strs(&registry, "field").into_iter().flatten().collect();
    assert_eq!(fields.len(), raw.len());
    assert!(fields.iter().all(|f| f.nfc().collect::<String>() == *f));
    // The name as an analyst types it (composed, in this source file) finds every one of them.
    let typed = "Cấp, quản lý căn cước";
    assert!(typed.nfc().eq(typed.chars()), "the literal is NFC");
    assert_ne!(raw[decomposed[0]].1, typed, "the raw cell is not");
    let rows: Vec<usize> = (0..fields.len()).filter(|i| fields[*i] == typed).collect();
    assert_eq!(rows, decomposed);
    // Grouped, there are as many fields as composed names in the file.
    let mut nfc: Vec<String> = raw.iter().map(|(_, s)| s.nfc().collect()).collect();
    let mut stored = fields.clone();
    for v in [&mut nfc, &mut stored] {
        v.sort();
        v.dedup();
    }
    assert_eq!(stored, nfc);
}

#[test]
fn implementing_agencies_are_a_list_split_on_line_breaks() {
    let name = "toa-an-nhan-dan.xlsx";
    let raw = column_cells(&real(name), 3, 3);
    let (_, registry) = registry_of(name);
    let agencies = registry
        .column("agencies")
        .expect("agencies")
        .list()
        .expect("list")
        .clone();
    assert_eq!(agencies.len(), raw.len());
    for (i, (row, text)) in raw.iter().enumerate() {
        let expected: Vec<String> = text
            .lines()
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        assert!(expected.len() >= 2, "row {row}: {text:?}");
        let got: Vec<String> = agencies
            .get_as_series(i)
            .expect("a list")
            .str()
            .expect("str")
            .iter()
            .map(|s| s.expect("no null item").to_owned())
            .collect();
        assert_eq!(got, expected, "row {row}");
    }
}
