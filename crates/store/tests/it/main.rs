//! Store behaviour on a real directory: idempotent re-import, replacement by unit and year,
//! the writer lock, kept rejections.

use std::path::Path;

use cchc_model::{CellRef, Coded, RejectReason, Rejection, RowCounts, Rows, RowsColumn, TableKind};
use cchc_store::{Added, Batch, Store, StoreError};
use polars::prelude::*;

fn frame(year: i32, unit: &str, scores: &[f64]) -> DataFrame {
    let n = scores.len();
    df!(
        "year" => vec![year; n],
        "unit" => vec![unit; n],
        "code" => (1..=n).map(|i| i.to_string()).collect::<Vec<_>>(),
        "score" => scores.to_vec(),
    )
    .expect("frame")
}

fn batch<'a>(
    sha: &'a str,
    path: &'a Path,
    frame: DataFrame,
    rejections: Vec<Rejection>,
) -> Batch<'a> {
    Batch {
        source: cchc_store::Source {
            kind: TableKind::Scorecard,
            sha256: sha,
            path,
            sheets: vec!["Sheet1".into()],
            counts: RowCounts {
                read: 5,
                imported: frame.height() as u64,
                structure: 1,
                rejected: rejections.len() as u64,
            },
            rejections,
            warnings: 1,
            province: None,
            units: Default::default(),
            period: None,
        },
        frame,
        extra: Vec::new(),
    }
}

fn stored_scores(store: &Store) -> Vec<f64> {
    let df = store
        .scan(TableKind::Scorecard)
        .expect("scan")
        .expect("rows")
        .collect()
        .expect("collect");
    let mut v: Vec<f64> = df
        .column("score")
        .expect("score")
        .f64()
        .expect("f64")
        .iter()
        .flatten()
        .collect();
    v.sort_by(f64::total_cmp);
    v
}

#[test]
fn the_same_bytes_twice_add_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = Path::new("a.xlsx");
    let mut store = Store::open_for_write(dir.path()).expect("open");
    assert!(matches!(
        store
            .add(batch(
                "aaaa",
                path,
                frame(2021, "Sở A", &[1.0, 2.0]),
                vec![]
            ))
            .expect("add"),
        Added::Stored { .. }
    ));
    let again = store
        .add(batch(
            "aaaa",
            path,
            frame(2021, "Sở A", &[1.0, 2.0]),
            vec![],
        ))
        .expect("add");
    assert!(matches!(again, Added::AlreadyImported { .. }));
    assert_eq!(store.sources().len(), 1);
    assert_eq!(
        Store::open(dir.path()).expect("reopen").sources()[0].warnings,
        1,
        "the manifest keeps the count of warnings"
    );
    assert_eq!(stored_scores(&store), [1.0, 2.0]);
    assert!(
        dir.path().join("scorecard/year=2021").is_dir(),
        "hive partition by year"
    );
}

#[test]
fn a_corrected_file_replaces_the_rows_of_its_unit_and_year_only() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::open_for_write(dir.path()).expect("open");
    let mut both = frame(2021, "Sở A", &[1.0]);
    both.vstack_mut(&frame(2022, "Sở A", &[2.0]))
        .expect("stack");
    store
        .add(batch("old1", Path::new("old.xlsx"), both, vec![]))
        .expect("add");
    let added = store
        .add(batch(
            "new2",
            Path::new("fixed.xlsx"),
            frame(2021, "Sở A", &[10.0]),
            vec![],
        ))
        .expect("add");
    match added {
        Added::Stored { replaced, .. } => {
            assert_eq!(replaced, [("old.xlsx".to_owned(), 2021, "Sở A".to_owned())])
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(stored_scores(&store), [2.0, 10.0]);
    drop(store);
    // A reader sees the same after reopening: the manifest is the truth.
    let reopened = Store::open(dir.path()).expect("open");
    assert_eq!(stored_scores(&reopened), [2.0, 10.0]);
    let parquet_files = walk(dir.path())
        .into_iter()
        .filter(|p| p.ends_with(".parquet"))
        .count();
    assert_eq!(parquet_files, 2, "the replaced part was removed");
}

/// A survey source of one sheet "S", without rejections.
fn survey_source<'a>(sha256: &'a str, file: &'a str) -> cchc_store::Source<'a> {
    cchc_store::Source {
        kind: TableKind::Survey,
        sha256,
        path: Path::new(file),
        sheets: vec!["S".into()],
        counts: Default::default(),
        rejections: Vec::new(),
        warnings: 0,
        province: None,
        units: Default::default(),
        period: None,
    }
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out
}

#[test]
fn one_writer_at_a_time_and_stale_locks_are_taken_over() {
    let dir = tempfile::tempdir().expect("tmp");
    let first = Store::open_for_write(dir.path()).expect("open");
    let second = Store::open_for_write(dir.path());
    assert!(matches!(second, Err(StoreError::Locked { .. })));
    drop(first);
    assert!(!dir.path().join(".lock").exists(), "lock released on drop");
    std::fs::write(dir.path().join(".lock"), "999999999").expect("stale lock");
    assert!(
        Store::open_for_write(dir.path()).is_ok(),
        "a dead writer's lock does not block forever"
    );
}

#[test]
fn rejected_rows_are_kept_with_cell_and_reason() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::open_for_write(dir.path()).expect("open");
    let rejection = Rejection {
        cell: CellRef::new("Năm 2023", 13, 3),
        reason: RejectReason::NotANumber {
            column: "Điểm tự đánh giá".into(),
            value: "x".into(),
        },
        row_text: "2.3 | Rà soát | 2 | x | 1".into(),
    };
    store
        .add(batch(
            "rrrr",
            Path::new("messy.xlsx"),
            frame(2023, "Sở B", &[1.0]),
            vec![rejection],
        ))
        .expect("add");
    let df = store
        .rejects()
        .expect("scan")
        .expect("rows")
        .collect()
        .expect("collect");
    assert_eq!(df.height(), 1);
    let get = |name: &str| {
        df.column(name)
            .expect(name)
            .str()
            .expect("str")
            .get(0)
            .map(str::to_owned)
    };
    assert_eq!(get("cell").as_deref(), Some("'Năm 2023'!D14"));
    assert_eq!(get("reason_code").as_deref(), Some("not_a_number"));
    assert_eq!(get("source_file").as_deref(), Some("messy.xlsx"));
    // The reason is kept as data (the command line puts it in words), not as prose.
    let rejection = get("rejection").expect("rejection");
    let reason: cchc_model::RejectReason = serde_json::from_str(&rejection).expect("json");
    assert!(
        matches!(reason, cchc_model::RejectReason::NotANumber { ref value, .. } if value == "x"),
        "{rejection}"
    );
    assert_eq!(get("reason_vi"), None, "no prose is stored");
}

#[test]
fn rejects_written_by_an_older_version_keep_their_words() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::open_for_write(dir.path()).expect("open");
    let rejection = Rejection {
        cell: CellRef::new("S", 3, 2),
        reason: RejectReason::NoName,
        row_text: "x".into(),
    };
    store
        .add(batch(
            "oooo",
            Path::new("old.xlsx"),
            frame(2022, "Sở C", &[1.0]),
            vec![rejection],
        ))
        .expect("add");
    // The rejects file as versions before this one wrote it: the reason in words, no data.
    let file = store.sources()[0]
        .rejects_file
        .clone()
        .expect("rejects file");
    let mut old = df![
        "kind" => ["scorecard"],
        "year" => [2022i32],
        "source_sha256" => ["oooo"],
        "source_file" => ["old.xlsx"],
        "cell" => ["S!C4"],
        "reason_code" => ["no_name"],
        "reason_vi" => ["dòng có số liệu nhưng không có tên tiêu chí"],
        "reason_en" => ["the row has figures but no criterion name"],
        "row_text" => ["x"],
    ]
    .expect("frame");
    let out = std::fs::File::create(dir.path().join(&file)).expect("create");
    ParquetWriter::new(out).finish(&mut old).expect("write");
    let df = store
        .rejects()
        .expect("scan")
        .expect("rows")
        .collect()
        .expect("collect");
    let get = |name: &str| {
        df.column(name)
            .expect(name)
            .str()
            .expect("str")
            .get(0)
            .map(str::to_owned)
    };
    assert_eq!(get("reason_code").as_deref(), Some("no_name"));
    assert_eq!(get("rejection"), None);
    assert_eq!(
        get("reason_en").as_deref(),
        Some("the row has figures but no criterion name")
    );
}

#[test]
fn a_damaged_manifest_is_an_error_not_an_empty_store() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("manifest.json"), "{ not json").expect("write");
    assert!(matches!(
        Store::open(dir.path()),
        Err(StoreError::Manifest { .. })
    ));
    assert!(matches!(
        Store::open_for_write(dir.path()),
        Err(StoreError::Manifest { .. })
    ));
    assert!(!dir.path().join(".lock").exists());
}

#[test]
fn a_source_can_be_removed_with_its_parts_and_rejections() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::open_for_write(dir.path()).expect("open");
    let rejection = Rejection {
        cell: CellRef::new("S", 3, 1),
        reason: RejectReason::NoName,
        row_text: String::new(),
    };
    store
        .add(batch(
            "aaaa1111bbbb",
            Path::new("wrong.xlsx"),
            frame(2021, "Sở A", &[1.0]),
            vec![rejection],
        ))
        .expect("add");
    store
        .add(batch(
            "cccc2222dddd",
            Path::new("right.xlsx"),
            frame(2022, "Sở A", &[2.0]),
            vec![],
        ))
        .expect("add");
    assert_eq!(store.remove("nothing.xlsx").expect("remove"), None);
    let removed = store.remove("wrong.xlsx").expect("remove").expect("found");
    assert_eq!(removed.sha256, "aaaa1111bbbb");
    assert_eq!(stored_scores(&store), [2.0]);
    assert!(store.rejects().expect("scan").is_none());
    assert_eq!(
        walk(dir.path())
            .iter()
            .filter(|p| p.ends_with(".parquet"))
            .count(),
        1
    );
    // By sha256 prefix, too.
    assert!(store.remove("cccc2222").expect("remove").is_some());
    assert!(store.scan(TableKind::Scorecard).expect("scan").is_none());
}

#[test]
fn rows_written_in_batches_land_in_one_part_and_uncommitted_rows_leave_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("store");
    let mut store = Store::open_for_write(&root).expect("open");
    let frame = |n: i32| {
        df![
            "year" => vec![2024i32; 3],
            "unit" => vec!["Sở A"; 3],
            "value" => vec![n, n + 1, n + 2],
        ]
        .expect("frame")
    };
    // Not committed: the temporary files go with the Pending.
    {
        let mut pending = store.begin();
        pending.write("t", frame(0).into()).expect("write");
    }
    let leftovers: Vec<_> = walk(&root);
    assert!(
        leftovers.iter().all(|p| !p.contains(".tmp-")),
        "{leftovers:?}"
    );

    let mut pending = store.begin();
    for n in [0, 10, 20] {
        pending.write("t", frame(n).into()).expect("write");
    }
    let added = store
        .commit(pending, survey_source(&"ab".repeat(32), "x.xlsx"))
        .expect("commit");
    let cchc_store::Added::Stored { parts, .. } = added else {
        panic!("{added:?}");
    };
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0].rows, 9);
    let rows = store
        .scan_table("t")
        .expect("scan")
        .expect("rows")
        .collect()
        .expect("collect");
    let values: Vec<i32> = rows
        .column("value")
        .unwrap()
        .i32()
        .unwrap()
        .iter()
        .flatten()
        .collect();
    assert_eq!(values, [0, 1, 2, 10, 11, 12, 20, 21, 22]);
}

#[test]
fn coded_text_columns_are_stored_as_ordinary_text_split_by_year_and_unit() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("store");
    let mut store = Store::open_for_write(&root).expect("open");
    let coded = |name: &str, values: &[&str], codes: &[u32]| {
        RowsColumn::Coded(Coded {
            name: name.into(),
            values: values.iter().map(|v| (*v).to_owned()).collect(),
            codes: codes.to_vec(),
            runs: Vec::new(),
        })
    };
    // Two batches, two years, two units; the second batch numbers its values differently and
    // carries a value no row uses.
    let first = Rows::new(vec![
        RowsColumn::Plain(Column::new("year".into(), [2023, 2024, 2024, 2023])),
        coded("unit", &["Sở A", "Sở B"], &[0, 1, 0, 0]),
        coded("question", &["1.1", "1.2", "2.1"], &[2, 0, 1, 2]),
        RowsColumn::Plain(Column::new(
            "answer".into(),
            [Some(5), None, Some(3), Some(4)],
        )),
    ])
    .expect("rows");
    let second = Rows::new(vec![
        RowsColumn::Plain(Column::new("year".into(), [2024, 2024])),
        coded("unit", &["không dùng", "Sở B"], &[1, 1]),
        coded("question", &["9.9", "1.1"], &[1, 1]),
        RowsColumn::Plain(Column::new("answer".into(), [Some(1), Some(2)])),
    ])
    .expect("rows");
    let expected = concat(
        [
            first.clone().into_frame().expect("frame").lazy(),
            second.clone().into_frame().expect("frame").lazy(),
        ],
        UnionArgs::default(),
    )
    .expect("concat")
    .collect()
    .expect("collect");
    let mut pending = store.begin();
    pending.write("t", first).expect("write");
    pending.write("t", second).expect("write");
    let added = store
        .commit(pending, survey_source(&"cd".repeat(32), "y.xlsx"))
        .expect("commit");
    let Added::Stored { parts, .. } = added else {
        panic!("{added:?}");
    };
    let mut keys: Vec<_> = parts
        .iter()
        .map(|p| (p.year, p.unit.clone(), p.rows))
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            (2023, "Sở A".to_owned(), 2),
            (2024, "Sở A".to_owned(), 1),
            (2024, "Sở B".to_owned(), 3)
        ]
    );
    let sort = |f: DataFrame| {
        f.lazy()
            .select([col("year"), col("unit"), col("question"), col("answer")])
            .sort_by_exprs(
                [col("year"), col("unit"), col("question"), col("answer")],
                SortMultipleOptions::default().with_nulls_last(true),
            )
            .collect()
            .expect("sort")
    };
    let stored = store
        .scan_table("t")
        .expect("scan")
        .expect("rows")
        .collect()
        .expect("collect");
    assert_eq!(
        stored.column("question").unwrap().dtype(),
        &DataType::String
    );
    assert!(sort(stored).equals_missing(&sort(expected)));
}

#[test]
fn a_batch_the_writer_refuses_fails_the_commit_and_leaves_no_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("store");
    let mut store = Store::open_for_write(&root).expect("open");
    let good = df!["year" => [2024i32], "unit" => ["Sở A"], "value" => [1i32]].expect("frame");
    let no_year = df!["unit" => ["Sở A"], "value" => [2i32]].expect("frame");
    let mut pending = store.begin();
    pending.write("t", good.into()).expect("queued");
    // Queued, then refused on the writer thread: the error comes back at the latest on commit.
    let queued = pending.write("t", no_year.into());
    let committed = store.commit(pending, survey_source(&"ef".repeat(32), "z.xlsx"));
    let error = queued.err().or(committed.err()).expect("an error");
    assert!(error.to_string().contains("year"), "{error}");
    assert!(store.sources().is_empty());
    let files = walk(&root);
    assert!(files.iter().all(|p| !p.contains(".parquet")), "{files:?}");
}

#[test]
fn many_sources_written_at_once_from_rayon_workers_all_finish() {
    // The CLI imports files on rayon's workers; each waits for its writer thread when its queue
    // is full. The writers must never need those same workers (they did: a deadlock). Every
    // source then commits, and the reopened store holds all of them, row for row.
    use rayon::prelude::*;
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("store");
    let mut store = Store::open_for_write(&root).expect("open");
    let pendings: Vec<(i32, cchc_store::Pending)> = (0..64)
        .into_par_iter()
        .map(|n: i32| {
            let mut pending = store.begin();
            for k in 0..6 {
                let frame = df![
                    "year" => vec![2024i32; 500],
                    "unit" => vec![format!("Sở {n}-{}", k % 3); 500],
                    "value" => vec![n; 500],
                ]
                .expect("frame");
                pending.write("t", frame.into()).expect("write");
            }
            (n, pending)
        })
        .collect();
    assert_eq!(pendings.len(), 64);
    for (n, pending) in pendings {
        // Every sha256 begins with the same 12 characters, which name a source's parts: each
        // still keeps its own files (a rename once replaced the others' parts).
        let sha = format!("{n:064x}");
        let file = format!("f{n}.xlsx");
        let added = store
            .commit(pending, survey_source(&sha, &file))
            .expect("commit");
        assert!(matches!(added, Added::Stored { .. }), "{added:?}");
    }
    drop(store);
    let store = Store::open(&root).expect("reopen");
    assert_eq!(store.sources().len(), 64);
    let rows = store
        .scan_table("t")
        .expect("scan")
        .expect("rows")
        .collect()
        .expect("collect");
    assert_eq!(rows.height(), 64 * 6 * 500);
    let sum: i64 = rows
        .column("value")
        .expect("value")
        .i32()
        .expect("i32")
        .iter()
        .flatten()
        .map(i64::from)
        .sum();
    assert_eq!(sum, 6 * 500 * (0..64).sum::<i64>());
    let units = rows
        .column("unit")
        .expect("unit")
        .n_unique()
        .expect("unique");
    assert_eq!(units, 64 * 3);
}

#[test]
fn coded_runs_are_stored_as_the_rows_they_stand_for() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("store");
    let mut store = Store::open_for_write(&root).expect("open");
    let runs = |name: &str, values: &[&str], codes: &[u32], runs: &[u32]| {
        RowsColumn::Coded(Coded {
            name: name.into(),
            values: values.iter().map(|v| (*v).to_owned()).collect(),
            codes: codes.to_vec(),
            runs: runs.to_vec(),
        })
    };
    // A mixed batch (two units: split with a row list) and a batch of one unit (written whole).
    let mixed = Rows::new(vec![
        RowsColumn::Runs {
            column: Column::new("year".into(), [2024, 2023]),
            runs: vec![3, 1],
        },
        runs("unit", &["Sở A", "Sở B"], &[0, 1], &[3, 1]),
        runs("respondent", &["r1", "r2", "r3"], &[0, 1, 2], &[2, 1, 1]),
        RowsColumn::Plain(Column::new("answer".into(), [1, 2, 3, 4])),
    ])
    .expect("rows");
    let whole = Rows::new(vec![
        RowsColumn::Runs {
            column: Column::new("year".into(), [2025, 2025]),
            runs: vec![2, 1],
        },
        runs("unit", &["Sở C"], &[0, 0], &[2, 1]),
        runs("respondent", &["r4", "r5"], &[1, 0], &[1, 2]),
        RowsColumn::Plain(Column::new("answer".into(), [5, 6, 7])),
    ])
    .expect("rows");
    let expected = concat(
        [
            mixed.clone().into_frame().expect("frame").lazy(),
            whole.clone().into_frame().expect("frame").lazy(),
        ],
        UnionArgs::default(),
    )
    .expect("concat")
    .sort(["answer"], SortMultipleOptions::default())
    .collect()
    .expect("collect");
    let mut pending = store.begin();
    pending.write("t", mixed).expect("write");
    pending.write("t", whole).expect("write");
    store
        .commit(pending, survey_source(&"12".repeat(32), "r.xlsx"))
        .expect("commit");
    let stored = store
        .scan_table("t")
        .expect("scan")
        .expect("rows")
        .select([col("year"), col("unit"), col("respondent"), col("answer")])
        .sort(["answer"], SortMultipleOptions::default())
        .collect()
        .expect("collect");
    assert!(stored.equals_missing(&expected), "{stored}\n{expected}");
    let respondents: Vec<_> = stored
        .column("respondent")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .flatten()
        .collect();
    assert_eq!(respondents, ["r1", "r1", "r2", "r3", "r5", "r4", "r4"]);
}

#[test]
fn the_year_is_in_the_folder_only_and_older_parts_with_the_column_still_read() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = Store::open_for_write(dir.path()).expect("store");
    let file = dir.path().join("a.xlsx");
    store
        .add(batch(
            "aaa",
            &file,
            frame(2024, "Sở A", &[1.0, 2.0]),
            Vec::new(),
        ))
        .expect("add");
    store
        .add(batch("bbb", &file, frame(2023, "Sở B", &[3.0]), Vec::new()))
        .expect("add");
    // The files hold no year: it is in their folder, as every engine's hive read expects.
    let parts: Vec<String> = store
        .sources()
        .iter()
        .flat_map(|s| s.parts.iter().map(|p| p.file.clone()))
        .collect();
    assert_eq!(parts.len(), 2);
    for part in &parts {
        assert!(part.contains("/year=202"), "{part}");
        let df = ParquetReader::new(std::fs::File::open(dir.path().join(part)).expect("open"))
            .finish()
            .expect("read");
        assert!(
            df.column("year").is_err(),
            "{part}: {:?}",
            df.get_column_names()
        );
    }
    // An older part that carries the column, as stores written before did: read once, as is.
    let old = dir.path().join(&parts[1]);
    let mut legacy = frame(2023, "Sở B", &[3.0]);
    ParquetWriter::new(std::fs::File::create(&old).expect("create"))
        .finish(&mut legacy)
        .expect("write");
    let df = store
        .scan(TableKind::Scorecard)
        .expect("scan")
        .expect("rows")
        .sort(["year"], SortMultipleOptions::default())
        .collect()
        .expect("collect");
    let years: Vec<Option<i32>> = df
        .column("year")
        .expect("year")
        .i32()
        .expect("i32")
        .iter()
        .collect();
    assert_eq!(years, [Some(2023), Some(2024), Some(2024)]);
    assert_eq!(
        df.get_column_names()
            .iter()
            .filter(|n| n.as_str() == "year")
            .count(),
        1
    );
}

#[test]
fn batches_come_back_a_row_group_at_a_time_with_dictionary_text_still_coded() {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("store");
    let mut store = Store::open_for_write(&root).expect("open");
    let coded = |values: &[&str], codes: &[u32]| {
        RowsColumn::Coded(Coded {
            name: "question".into(),
            values: values.iter().map(|v| (*v).to_owned()).collect(),
            codes: codes.to_vec(),
            runs: Vec::new(),
        })
    };
    let batch = |question: RowsColumn, note: &[Option<&str>], answer: &[Option<i32>]| {
        let n = answer.len();
        Rows::new(vec![
            RowsColumn::Plain(Column::new("year".into(), vec![2024; n])),
            RowsColumn::Plain(Column::new("unit".into(), vec!["Sở A"; n])),
            question,
            RowsColumn::Plain(Column::new("note".into(), note)),
            RowsColumn::Plain(Column::new("answer".into(), answer)),
        ])
        .expect("rows")
    };
    // Two writes of one unit and year: one part of two row groups. The note is written by
    // polars from plain text, a null in the first row group; the question from the importer's
    // codes.
    let first = batch(
        coded(&["1.1", "1.2", "không dùng"], &[0, 1, 1]),
        &[Some("a"), None, Some("b")],
        &[Some(5), None, Some(3)],
    );
    let second = batch(
        coded(&["2.1", "1.1"], &[1, 0]),
        &[Some("c"), Some("c")],
        &[Some(1), Some(2)],
    );
    let mut pending = store.begin();
    pending.write("t", first).expect("write");
    pending.write("t", second).expect("write");
    store
        .commit(pending, survey_source(&"ab".repeat(32), "b.xlsx"))
        .expect("commit");
    let mut seen = Vec::new();
    store
        .for_each_batch(
            "t",
            &["answer", "question", "absent", "note"],
            &mut |year, unit, rows| {
                let names: Vec<&str> = rows.columns().iter().map(|c| c.name().as_str()).collect();
                assert_eq!(names, ["answer", "question", "note"]);
                let Some(RowsColumn::Coded(question)) = rows.column("question") else {
                    panic!("the question should come coded: {rows:?}");
                };
                // Only the values the row group uses, as the writer kept them.
                assert!(!question.values.iter().any(|v| v == "không dùng"));
                // A row group whose text has a null comes plain; without, coded too.
                let plain = matches!(rows.column("note"), Some(RowsColumn::Plain(_)));
                assert_eq!(plain, seen.is_empty(), "{:?}", rows.column("note"));
                seen.push((year, unit.to_owned(), rows.into_frame()?));
                Ok(())
            },
        )
        .expect("batches");
    assert_eq!(seen.len(), 2, "one batch per row group");
    assert!(seen.iter().all(|(y, u, _)| *y == 2024 && u == "Sở A"));
    let text = |f: &DataFrame, name: &str| -> Vec<Option<String>> {
        let s = f.column(name).unwrap().str().unwrap().clone();
        s.iter().map(|v| v.map(str::to_owned)).collect()
    };
    let some = |v: &[&str]| v.iter().map(|s| Some((*s).to_owned())).collect::<Vec<_>>();
    assert_eq!(text(&seen[0].2, "question"), some(&["1.1", "1.2", "1.2"]));
    assert_eq!(text(&seen[1].2, "question"), some(&["1.1", "2.1"]));
    assert_eq!(
        text(&seen[0].2, "note"),
        [Some("a".to_owned()), None, Some("b".to_owned())]
    );
    let answers: Vec<Option<i32>> = seen[0]
        .2
        .column("answer")
        .unwrap()
        .i32()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(answers, [Some(5), None, Some(3)]);
}

/// A dossier log stored before dates were timestamps (text to the minute) and one stored after
/// (timestamps with their precision) read as one table of timestamps; the old part is counted so
/// the user can be told to import it again.
#[test]
fn dossier_dates_stored_as_text_by_an_older_version_read_as_timestamps() {
    use cchc_model::columns as c;
    use cchc_model::stamp::{Precision, Stamp, pack, unpack};
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().join("store");
    let mut store = Store::open_for_write(&root).expect("open");
    let dossier_batch = |sha: &'static str, path: &'static Path, frame: DataFrame| {
        let mut b = batch(sha, path, frame, Vec::new());
        b.source.kind = TableKind::Dossiers;
        b
    };
    let old = df!(
        c::YEAR => [2025i32, 2025],
        c::UNIT => ["Sở Tài chính", "Sở Tài chính"],
        c::DOSSIER_CODE => ["A-250207-0001", "A-250207-0002"],
        c::RECEIVED_AT => ["2025-02-07 11:28", "2025-02-07"],
        c::RESOLVED_AT => [Some("2025-02-10 16:05"), None],
    )
    .expect("frame");
    store
        .add(dossier_batch("a1", Path::new("old.csv"), old))
        .expect("old part");
    let new_stamp = Stamp::new(
        2025,
        3,
        3,
        Some((8 * 3600 + 30 * 60 + 15, Precision::Second)),
    )
    .expect("stamp");
    let received = Int64Chunked::from_iter_options(
        c::RECEIVED_AT.into(),
        [Some(new_stamp.millis)].into_iter(),
    )
    .into_datetime(TimeUnit::Milliseconds, None)
    .into_series()
    .into_column();
    let resolved =
        Int64Chunked::from_iter_options(c::RESOLVED_AT.into(), [None::<i64>].into_iter())
            .into_datetime(TimeUnit::Milliseconds, None)
            .into_series()
            .into_column();
    let bits = i32::from(pack([None, Some(Precision::Second)]));
    let new = DataFrame::new_infer_height(vec![
        Column::new(c::YEAR.into(), [2025i32]),
        Column::new(c::UNIT.into(), ["Sở Tài chính"]),
        Column::new(c::DOSSIER_CODE.into(), ["A-250303-0001"]),
        received,
        resolved,
        Column::new(c::DATE_PRECISION.into(), [bits]),
    ])
    .expect("frame");
    store
        .add(dossier_batch("b2", Path::new("new.csv"), new))
        .expect("new part");
    drop(store);

    let store = Store::open(&root).expect("reopen");
    assert_eq!(store.text_date_parts().expect("parts"), 1);
    let df = store
        .scan(TableKind::Dossiers)
        .expect("scan")
        .expect("rows")
        .sort([c::DOSSIER_CODE], SortMultipleOptions::default())
        .collect()
        .expect("collect");
    let received = df.column(c::RECEIVED_AT).expect("received");
    assert!(matches!(
        received.dtype(),
        DataType::Datetime(TimeUnit::Milliseconds, None)
    ));
    let millis: Vec<Option<i64>> = received
        .datetime()
        .expect("datetime")
        .physical()
        .iter()
        .collect();
    let precision: Vec<i32> = df
        .column(c::DATE_PRECISION)
        .expect("precision")
        .i32()
        .expect("i32")
        .iter()
        .map(|b| b.expect("set"))
        .collect();
    let shown: Vec<String> = millis
        .iter()
        .zip(&precision)
        .map(|(ms, bits)| {
            Stamp {
                millis: ms.expect("received"),
                precision: unpack(*bits as u16, 1).expect("precision"),
            }
            .iso()
        })
        .collect();
    assert_eq!(
        shown,
        ["2025-02-07 11:28", "2025-02-07", "2025-03-03 08:30:15"]
    );
    // The old part's result, to the minute; the empty one, empty.
    let resolved: Vec<Option<i64>> = df
        .column(c::RESOLVED_AT)
        .expect("resolved")
        .datetime()
        .expect("datetime")
        .physical()
        .iter()
        .collect();
    let old_result = Stamp::parse_stored_text("2025-02-10 16:05").expect("stamp");
    assert_eq!(resolved, [Some(old_result.millis), None, None]);
    assert_eq!(unpack(precision[0] as u16, 4), Some(Precision::Minute));
    assert_eq!(unpack(precision[1] as u16, 4), None);
}

#[test]
fn same_named_units_of_two_provinces_are_two_units() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_for_write(dir.path()).unwrap();
    let add = |store: &mut Store, sha: &str, province: Option<&str>, scores: &[f64]| {
        let path = Path::new("ket_qua.xlsx");
        let mut b = batch(sha, path, frame(2024, "Sở Tài chính", scores), Vec::new());
        b.source.province = province.map(str::to_owned);
        store.add(b).unwrap()
    };
    add(&mut store, "aa11", Some("Đồng Nai"), &[1.0, 2.0]);
    // Another province's same-named unit and year: kept beside, not replacing.
    match add(&mut store, "bb22", Some("Bình Phước"), &[3.0, 4.0]) {
        Added::Stored { replaced, .. } => assert!(replaced.is_empty(), "{replaced:?}"),
        other => panic!("{other:?}"),
    }
    // A newer file of the same province replaces its own rows only.
    match add(&mut store, "cc33", Some("ĐỒNG NAI"), &[5.0, 6.0]) {
        Added::Stored { replaced, .. } => assert_eq!(replaced.len(), 1),
        other => panic!("{other:?}"),
    }
    let df = store
        .scan(TableKind::Scorecard)
        .unwrap()
        .unwrap()
        .sort([cchc_model::columns::UNIT], Default::default())
        .collect()
        .unwrap();
    let units: Vec<&str> = df
        .column(cchc_model::columns::UNIT)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .flatten()
        .collect();
    assert_eq!(
        units,
        [
            "Sở Tài chính (Bình Phước)",
            "Sở Tài chính (Bình Phước)",
            "Sở Tài chính (ĐỒNG NAI)",
            "Sở Tài chính (ĐỒNG NAI)"
        ]
    );
    let provinces: Vec<&str> = df
        .column(cchc_model::columns::PROVINCE)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .flatten()
        .collect();
    assert_eq!(
        provinces,
        ["Bình Phước", "Bình Phước", "ĐỒNG NAI", "ĐỒNG NAI"]
    );
    // A file whose province is unknown replaces as before (the stores written before provinces).
    add(&mut store, "dd44", None, &[7.0, 8.0]);
    let rows = store
        .scan(TableKind::Scorecard)
        .unwrap()
        .unwrap()
        .collect()
        .unwrap();
    assert_eq!(
        rows.height(),
        2,
        "both provinces' parts replaced by the unknown one's"
    );
}

#[test]
fn two_units_of_one_name_or_two_halves_of_a_year_never_replace_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_for_write(dir.path()).unwrap();
    let add = |store: &mut Store, sha: &str, key: &str, code: &str, period: [&str; 2]| {
        let path = Path::new("so_lieu.xlsx");
        let mut b = batch(sha, path, frame(2025, "Phường Hố Nai", &[1.0]), Vec::new());
        b.source.province = Some("Đồng Nai".into());
        b.source.units.insert(
            "Phường Hố Nai".into(),
            cchc_store::UnitId {
                key: key.into(),
                code: Some(code.into()),
            },
        );
        b.source.period = Some(period.map(str::to_owned));
        store.add(b).unwrap()
    };
    // The old Phường Hố Nai's first half, then the new one's second half: two units, kept.
    add(
        &mut store,
        "aa11",
        "x:26002",
        "26002",
        ["2025-01-01", "2025-06-30"],
    );
    match add(
        &mut store,
        "bb22",
        "x:26005@2025-07-01",
        "26005",
        ["2025-07-01", "2025-12-31"],
    ) {
        Added::Stored { replaced, .. } => assert!(replaced.is_empty(), "{replaced:?}"),
        other => panic!("{other:?}"),
    }
    // Read under their codes, each with its key in the manifest.
    let units: Vec<String> = store
        .stored_units(TableKind::Scorecard.table_name())
        .into_iter()
        .map(|u| format!("{} {}", u.unit, u.key.unwrap_or_default()))
        .collect();
    assert_eq!(
        units,
        [
            "Phường Hố Nai (26002) x:26002",
            "Phường Hố Nai (26005) x:26005@2025-07-01"
        ]
    );
    // A corrected second half replaces the second half only.
    match add(
        &mut store,
        "cc33",
        "x:26005@2025-07-01",
        "26005",
        ["2025-07-01", "2025-12-31"],
    ) {
        Added::Stored { replaced, .. } => assert_eq!(replaced.len(), 1, "{replaced:?}"),
        other => panic!("{other:?}"),
    }
    let df = store
        .scan(TableKind::Scorecard)
        .unwrap()
        .unwrap()
        .collect()
        .unwrap();
    let mut shown: Vec<&str> = df
        .column(cchc_model::columns::UNIT)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .flatten()
        .collect();
    shown.dedup();
    assert_eq!(shown, ["Phường Hố Nai (26002)", "Phường Hố Nai (26005)"]);
}
