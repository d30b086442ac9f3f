//! Dossier logs through the binary: a registry with limits in each unit, a log as a workbook and
//! the same log as CSV, the statistics and audit computed by hand from the calendar.

use std::path::Path;

use cchc_datagen::sheet::{SheetSpec, n, t, write_xlsx};
use serde_json::Value;

use super::{json, ok, run};

/// The registry: 3 working days, 10 calendar days, same day, 4 working hours.
fn registry(dir: &Path) -> std::path::PathBuf {
    let mut s = SheetSpec::new("Danh mục");
    let rows = [
        [
            "STT",
            "Mã TTHC",
            "Tên thủ tục hành chính",
            "Thời hạn giải quyết",
        ],
        ["1", "1.000001", "Cấp phép A", "03 ngày làm việc"],
        ["2", "1.000002", "Chứng thực B", "Trong ngày"],
        ["3", "1.000003", "Đăng ký C", "10 ngày"],
        ["4", "1.000004", "Xác nhận D", "04 giờ làm việc"],
    ];
    for (i, r) in rows.iter().enumerate() {
        let cells = r
            .iter()
            .enumerate()
            .map(|(j, v)| {
                Some(if i > 0 && j == 0 {
                    n(v.parse().unwrap())
                } else {
                    t(v)
                })
            })
            .collect();
        s.row(i as u32 + 2, cells);
    }
    s.row(
        0,
        vec![Some(t("DANH MỤC THỦ TỤC HÀNH CHÍNH NĂM 2026 - SỞ TƯ PHÁP"))],
    );
    let path = dir.join("danh_muc_2026.xlsx");
    write_xlsx(&path, &[s]).unwrap();
    path
}

const HEADER: [&str; 10] = [
    "Mã hồ sơ",
    "Mã TTHC",
    "Lĩnh vực",
    "Chủ hồ sơ",
    "Kênh",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày gia hạn",
    "Ngày có kết quả",
    "Trạng thái",
];

/// The log, and why each verdict is what it is (cchc's, on the 2026 calendar).
const LOG: [[&str; 10]; 9] = [
    // Thu 5/3 + 3 working days → Tue 10/3; result Mon 9/3: early.
    [
        "T-260305-0001",
        "1.000001",
        "Chứng thực",
        "Nguyễn Văn An",
        "Trực tuyến",
        "05/03/2026 09:00:00",
        "10/03/2026 17:00:00",
        "",
        "09/03/2026 10:00:00",
        "Đã trả kết quả",
    ],
    // Across Tết: Thu 12/2 + 3 → Fri 13/2, Mon 23/2, Tue 24/2; result 24/2: on time.
    [
        "T-260212-0002",
        "1.000001",
        "Chứng thực",
        "Trần Thị Bình",
        "Trực tiếp",
        "12/02/2026 08:00:00",
        "24/02/2026 17:00:00",
        "",
        "24/02/2026 16:00:00",
        "Đã trả kết quả",
    ],
    // Same day received Friday 6/3 at 15:30 → due Monday 9/3 (the legal case: not flagged).
    [
        "T-260306-0003",
        "1.000002",
        "Chứng thực",
        "Lê Văn Cường",
        "Trực tiếp",
        "06/03/2026 15:30:00",
        "09/03/2026 11:00:00",
        "",
        "09/03/2026 09:00:00",
        "Đã trả kết quả",
    ],
    // Same day before the cut-off, result the next day: late.
    [
        "T-260306-0004",
        "1.000002",
        "Chứng thực",
        "Phạm Thị Dung",
        "Bưu chính công ích",
        "06/03/2026 08:00:00",
        "06/03/2026 17:00:00",
        "",
        "09/03/2026 08:00:00",
        "Đã trả kết quả",
    ],
    // 10 calendar days from Wed 7/1 end Sat 17/1 → Mon 19/1; result 19/1: on time.
    [
        "T-260107-0005",
        "1.000003",
        "Hộ tịch",
        "Hoàng Văn Em",
        "Trực tuyến",
        "07/01/2026 10:00:00",
        "19/01/2026 17:00:00",
        "",
        "19/01/2026 11:00:00",
        "Đã trả kết quả",
    ],
    // 4 working hours from Thursday 5/3 16:00 → Friday 6/3; result Friday: on time.
    [
        "T-260305-0006",
        "1.000004",
        "Hộ tịch",
        "Đỗ Thị Giang",
        "Trực tuyến",
        "05/03/2026 16:00:00",
        "06/03/2026 17:00:00",
        "",
        "06/03/2026 10:00:00",
        "Đã trả kết quả",
    ],
    // Written due date later than the legal one (Tue 10/3), no extension; still pending: overdue.
    [
        "T-260305-0007",
        "1.000001",
        "Chứng thực",
        "Vũ Văn Hải",
        "Trực tuyến",
        "05/03/2026 09:00:00",
        "20/03/2026 17:00:00",
        "",
        "",
        "Đang xử lý",
    ],
    // Withdrawn, yet with a result: received, never resolved.
    [
        "T-260305-0008",
        "1.000001",
        "Chứng thực",
        "Bùi Thị Lan",
        "Trực tiếp",
        "05/03/2026 09:00:00",
        "10/03/2026 17:00:00",
        "",
        "09/03/2026 09:00:00",
        "Rút hồ sơ",
    ],
    // The code says 1/3, the receipt 5/3; an extension moves the office's date.
    [
        "T-260301-0009",
        "1.000001",
        "Chứng thực",
        "Ngô Văn Minh",
        "Trực tuyến",
        "05/03/2026 09:00:00",
        "10/03/2026 17:00:00",
        "12/03/2026 17:00:00",
        "11/03/2026 09:00:00",
        "Đã trả kết quả",
    ],
];

fn log_xlsx(dir: &Path) -> std::path::PathBuf {
    let mut s = SheetSpec::new("Sổ theo dõi");
    s.row(0, vec![Some(t("SỔ THEO DÕI HỒ SƠ"))]);
    s.row(1, vec![Some(t("Đơn vị: Sở Tư pháp"))]);
    s.row(3, HEADER.iter().map(|h| Some(t(h))).collect());
    for (i, r) in LOG.iter().enumerate() {
        s.row(
            4 + i as u32,
            r.iter().map(|v| (!v.is_empty()).then(|| t(v))).collect(),
        );
    }
    let path = dir.join("so_theo_doi_2026.xlsx");
    write_xlsx(&path, &[s]).unwrap();
    path
}

fn log_csv(dir: &Path) -> std::path::PathBuf {
    let rows: Vec<Vec<String>> = LOG
        .iter()
        .map(|r| {
            r.iter()
                .map(|v| (*v).to_owned())
                .chain(["Sở Tư pháp".to_owned()])
                .collect()
        })
        .collect();
    let path = dir.join("so_theo_doi_2026.csv");
    semicolon_csv(
        &path,
        &format!("{};Đơn vị tiếp nhận", HEADER.join(";")),
        &rows,
    );
    path
}

fn sum(rows: &[Value], key: &str) -> i64 {
    rows.iter().map(|r| r[key].as_i64().unwrap_or(0)).sum()
}

#[test]
fn a_log_as_workbook_or_csv_gives_the_statistics_and_flags_computed_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    for log in [log_xlsx(dir.path()), log_csv(dir.path())] {
        let store = dir.path().join(format!(
            "store-{}",
            log.extension().unwrap().to_string_lossy()
        ));
        let out = ok(&store, &["import", registry(dir.path()).to_str().unwrap()]);
        let _ = out;
        let out = run(&store, &["import", "dossiers", log.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(said.contains("9 nhập"), "{said}");
        // The applicant's name never reaches the store.
        if log.extension().is_some_and(|e| e == "xlsx") {
            // inspect tells the kind from the headers and, where nothing else names the year,
            // reads it from each dossier's receipt date.
            let yearless = log.with_file_name("so_theo_doi.xlsx");
            std::fs::copy(&log, &yearless).unwrap();
            let seen = ok(&store, &["inspect", yearless.to_str().unwrap()]);
            assert!(seen.contains("sổ theo dõi hồ sơ"), "{seen}");
            assert!(
                seen.contains("theo ngày tiếp nhận của từng hồ sơ"),
                "{seen}"
            );
            assert!(
                seen.contains("dữ liệu cá nhân (họ tên): không lưu"),
                "{seen}"
            );
        }
        let stored = json(&store, &["dossiers", "list"]);
        assert!(
            !serde_json::to_string(&stored)
                .unwrap()
                .contains("Nguyễn Văn An")
        );
        let verdicts: Vec<&str> = stored
            .iter()
            .map(|r| r["verdict"].as_str().unwrap())
            .collect();
        assert_eq!(
            verdicts,
            [
                "early",
                "on_time",
                "on_time",
                "late",
                "on_time",
                "on_time",
                "pending",
                "not_counted",
                "late"
            ],
            "{log:?}"
        );
        let stats = json(&store, &["dossiers", "stats"]);
        assert_eq!(sum(&stats, "received"), 9);
        assert_eq!(
            (
                sum(&stats, "received_online"),
                sum(&stats, "received_direct"),
                sum(&stats, "received_postal")
            ),
            (5, 3, 1)
        );
        assert_eq!(sum(&stats, "resolved"), 7);
        assert_eq!(
            (
                sum(&stats, "resolved_early"),
                sum(&stats, "resolved_on_time"),
                sum(&stats, "resolved_late")
            ),
            (1, 4, 2)
        );
        assert_eq!(
            (
                sum(&stats, "pending_in_time"),
                sum(&stats, "pending_overdue")
            ),
            (0, 1)
        );
        // The office's verdict: the written (or extended) dates — early: 1st (10/3 vs 9/3) and
        // 9th (extended to 12/3, result 11/3); on time: 2nd, 3rd, 5th, 6th; late: 4th.
        let office = json(&store, &["dossiers", "stats", "--verdict", "office"]);
        assert_eq!(
            (
                sum(&office, "resolved_early"),
                sum(&office, "resolved_on_time"),
                sum(&office, "resolved_late")
            ),
            (2, 4, 1)
        );
        let audit = json(&store, &["dossiers", "audit"]);
        let flags: Vec<(&str, &str)> = audit
            .iter()
            .map(|r| {
                (
                    r["dossier_code"].as_str().unwrap(),
                    r["reason_code"].as_str().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            flags,
            [
                ("T-260305-0007", "due_later_than_legal"),
                ("T-260305-0008", "withdrawn_with_result"),
                ("T-260301-0009", "code_date_mismatch"),
            ],
            "{log:?}"
        );
    }
}

#[allow(clippy::print_stderr)] // says why the check was skipped on a machine without DuckDB
fn duckdb_stats(log: &Path, limits: &Path, year: i32) -> Option<Vec<Value>> {
    let out = std::process::Command::new("python3")
        .arg(super::root().join("tests/engines/dossier_stats.py"))
        .arg(log)
        .arg(super::root().join("crates/calendar/data/ngay-nghi.csv"))
        .arg(limits)
        .arg(year.to_string())
        .output()
        .expect("python3 runs");
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains("ModuleNotFoundError") && std::env::var_os("CI").is_none() {
            eprintln!("DuckDB not checked (pip install -r tests/engines/requirements.txt)");
            return None;
        }
        panic!("dossier_stats.py failed: {err}");
    }
    Some(
        serde_json::from_slice::<Value>(&out.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .clone(),
    )
}

#[test]
fn a_generated_log_gives_the_statistics_duckdb_computes_and_the_audit_finds_what_was_planted() {
    use cchc_datagen::dossiers::{LogSpec, PROCEDURES, write_log_csv, write_registry_xlsx};
    let dir = tempfile::tempdir().unwrap();
    let spec = LogSpec::new(3_000, 2025);
    let log = dir.path().join("so_theo_doi_2025.csv");
    let planted = write_log_csv(&log, &spec).unwrap();
    let registry = dir.path().join("danh_muc_tthc_2025.xlsx");
    write_registry_xlsx(&registry, &spec).unwrap();
    let mut limits = String::from("code,amount,unit\n");
    for p in &PROCEDURES {
        limits.push_str(&format!("{},{},{}\n", p.code, p.limit.0, p.limit.1.code()));
    }
    let limits_csv = dir.path().join("limits.csv");
    std::fs::write(&limits_csv, limits).unwrap();
    let store = dir.path().join("store");
    ok(&store, &["import", registry.to_str().unwrap()]);
    ok(&store, &["import", "dossiers", log.to_str().unwrap()]);

    // The audit finds every planted manipulation and nothing else (the same-day dossiers
    // received after 15:00 and due the next working day, the extensions, the supplements and
    // the honest withdrawals are legal).
    let audit = json(&store, &["dossiers", "audit"]);
    let flagged = |reason: &str| -> Vec<String> {
        let mut v: Vec<String> = audit
            .iter()
            .filter(|r| r["reason_code"] == reason)
            .map(|r| r["dossier_code"].as_str().unwrap().to_owned())
            .collect();
        v.sort();
        v
    };
    let sorted = |v: &[String]| {
        let mut v = v.to_vec();
        v.sort();
        v
    };
    assert!(planted.overdue_reset.len() >= 5, "{planted:?}");
    assert_eq!(flagged("overdue_reset"), sorted(&planted.overdue_reset));
    // Dossiers resolved seconds after their due time (17:00:00 due, 17:00:01-59 done): more than
    // a unit needs to be suspected had the seconds been dropped, and none of them flagged.
    assert!(planted.seconds_after_due.len() >= 5, "{planted:?}");
    let codes: Vec<&str> = audit
        .iter()
        .map(|r| r["dossier_code"].as_str().unwrap())
        .collect();
    for code in &planted.seconds_after_due {
        assert!(!codes.contains(&code.as_str()), "{code} flagged");
    }
    // The audit shows the times as the log wrote them, to the second.
    assert!(
        audit
            .iter()
            .filter(|r| r["reason_code"] == "overdue_reset")
            .all(|r| r["resolved_at"].as_str().unwrap().ends_with(" 17:00:00")),
        "{audit:?}"
    );
    assert_eq!(
        flagged("due_later_than_legal"),
        sorted(&planted.due_later_than_legal)
    );
    assert_eq!(
        flagged("withdrawn_with_result"),
        sorted(&planted.withdrawn_with_result)
    );
    assert_eq!(
        flagged("result_before_receipt"),
        sorted(&planted.result_before_receipt)
    );
    assert_eq!(
        flagged("code_date_mismatch"),
        sorted(&planted.code_date_mismatch)
    );
    let total = planted.overdue_reset.len()
        + planted.due_later_than_legal.len()
        + planted.withdrawn_with_result.len()
        + planted.result_before_receipt.len()
        + planted.code_date_mismatch.len();
    assert_eq!(audit.len(), total);

    // The statistics equal DuckDB's, computed from the CSV and the calendar table alone.
    let ours = json(&store, &["dossiers", "stats"]);
    assert_eq!(sum(&ours, "received"), 3_000);
    let Some(theirs) = duckdb_stats(&log, &limits_csv, 2025) else {
        return;
    };
    assert_eq!(ours.len(), theirs.len());
    for t in &theirs {
        let code = t["code"].as_str().unwrap();
        let o = ours
            .iter()
            .find(|r| r["code"] == code)
            .unwrap_or_else(|| panic!("{code}"));
        for key in [
            "received",
            "received_online",
            "received_direct",
            "received_postal",
            "resolved",
            "resolved_early",
            "resolved_on_time",
            "resolved_late",
            "pending_in_time",
            "pending_overdue",
        ] {
            assert_eq!(o[key].as_i64(), t[key].as_i64(), "{code} {key}");
        }
        for key in ["median_days", "p90_days", "max_days", "over_limit_share"] {
            let (a, b) = (o[key].as_f64().unwrap(), t[key].as_f64().unwrap());
            assert!((a - b).abs() < 1e-9, "{code} {key}: {a} vs {b}");
        }
    }
    assert!(
        sum(&ours, "resolved_late") > 0
            && sum(&ours, "pending_overdue") + sum(&ours, "pending_in_time") > 0
    );
}

#[test]
fn the_logs_figures_are_read_before_the_office_report_and_reconcile_sets_them_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let store = super::log_store(dir.path(), 1_000);
    let ours = json(&store, &["dossiers", "stats"]);

    // The office's report of the same year: the same counts, but every late dossier reported on
    // time (systems that draw the line elsewhere).
    let mut s = SheetSpec::new("Bieu 06a");
    s.row(
        0,
        vec![Some(t("TÌNH HÌNH GIẢI QUYẾT HỒ SƠ NĂM 2025 - SỞ TƯ PHÁP"))],
    );
    let header = [
        "STT",
        "Mã TTHC",
        "Tên thủ tục",
        "Tổng số hồ sơ tiếp nhận",
        "Tiếp nhận trực tuyến",
        "Tiếp nhận trực tiếp",
        "BCCI",
        "Đã giải quyết",
        "Trước hạn",
        "Đúng hạn",
        "Trễ hạn",
    ];
    s.row(2, header.iter().map(|h| Some(t(h))).collect());
    for (i, r) in ours.iter().enumerate() {
        let v = |k: &str| r[k].as_i64().unwrap() as f64;
        s.row(
            3 + i as u32,
            vec![
                Some(n(i as f64 + 1.0)),
                Some(t(r["code"].as_str().unwrap())),
                Some(t(r["name"].as_str().unwrap())),
                Some(n(v("received"))),
                Some(n(v("received_online"))),
                Some(n(v("received_direct"))),
                Some(n(v("received_postal"))),
                Some(n(v("resolved"))),
                Some(n(v("resolved_early"))),
                Some(n(v("resolved_on_time") + v("resolved_late"))),
                Some(n(0.0)),
            ],
        );
    }
    let office = dir.path().join("bao_cao_2025.xlsx");
    write_xlsx(&office, &[s]).unwrap();
    ok(&store, &["import", office.to_str().unwrap()]);

    // reconcile: only on time and late differ, by the late dossiers.
    let table = json(&store, &["dossiers", "reconcile", "--differences"]);
    let late: i64 = sum(&ours, "resolved_late");
    assert!(late > 0);
    let differing: Vec<&str> = table
        .iter()
        .map(|r| r["figure"].as_str().unwrap())
        .collect();
    assert!(
        differing
            .iter()
            .all(|f| *f == "resolved_on_time" || *f == "resolved_late"),
        "{differing:?}"
    );
    let diff = |figure: &str| -> i64 {
        table
            .iter()
            .filter(|r| r["figure"] == figure)
            .map(|r| r["difference"].as_i64().unwrap())
            .sum()
    };
    assert_eq!(diff("resolved_late"), late);
    assert_eq!(diff("resolved_on_time"), -late);
    for r in &table {
        let (a, b) = (
            r["from_log"].as_i64().unwrap(),
            r["from_office"].as_i64().unwrap(),
        );
        assert_eq!(a - b, r["difference"].as_i64().unwrap());
    }

    // The procedure analyses read the log's figures for this unit and year, and say so.
    let out = run(&store, &["procedures", "stats", "--format", "json"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("sổ theo dõi hồ sơ") && said.contains("\"Sở Tư pháp\" 2025"),
        "{said}"
    );
    let stats: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let late_rate: f64 = stats.iter().filter_map(|r| r["late_rate"].as_f64()).sum();
    assert!(
        late_rate > 0.0,
        "the office's report says none late; the log does"
    );
    assert_eq!(
        stats
            .iter()
            .map(|r| r["received"].as_i64().unwrap())
            .sum::<i64>(),
        1_000
    );
    assert!(stats.iter().all(|r| r["origin"] == "log"), "{stats:?}");
    assert!(stats.iter().all(|r| r["p90_days"].as_f64().is_some()));
    // The report says where the figures come from.
    let out_dir = dir.path().join("report");
    let out_arg = out_dir.to_str().unwrap();
    ok(
        &store,
        &[
            "report",
            "--year",
            "2025",
            "--formats",
            "html",
            "--out",
            out_arg,
        ],
    );
    let page = std::fs::read_to_string(out_dir.join("bao-cao-2025.html")).unwrap();
    assert!(
        page.contains("Số liệu của Sở Tư pháp 2025 do cchc tính từ sổ theo dõi hồ sơ"),
        "the report names the log as the source"
    );
    let out = run(&store, &["procedures", "simplify", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_files_of_one_log_add_up_and_a_code_in_two_keeps_its_latest_row() {
    let dir = tempfile::tempdir().unwrap();
    let header =
        "Mã hồ sơ;Mã TTHC;Đơn vị tiếp nhận;Kênh;Ngày tiếp nhận;Ngày có kết quả;Trạng thái\n";
    // The first quarter's export: X still in process.
    let q1 = dir.path().join("so_theo_doi_q1.csv");
    std::fs::write(
        &q1,
        format!(
            "{header}X-260302-0001;1.000001;Sở Tư pháp;Trực tuyến;02/03/2026 09:00;;Đang xử lý\nX-260303-0002;1.000001;Sở Tư pháp;Trực tiếp;03/03/2026 09:00;04/03/2026 10:00;Đã trả kết quả\n"
        ),
    )
    .unwrap();
    // The next export repeats X, now resolved, and adds a third dossier.
    let q2 = dir.path().join("so_theo_doi_q2.csv");
    std::fs::write(
        &q2,
        format!(
            "{header}X-260302-0001;1.000001;Sở Tư pháp;Trực tuyến;02/03/2026 09:00;05/03/2026 15:00;Đã trả kết quả\nX-260401-0003;1.000001;Sở Tư pháp;Trực tiếp;01/04/2026 09:00;02/04/2026 10:00;Đã trả kết quả\n"
        ),
    )
    .unwrap();
    let store = dir.path().join("store");
    let out = run(&store, &["import", "dossiers", q1.to_str().unwrap()]);
    assert!(out.status.success());
    let out = run(&store, &["import", "dossiers", q2.to_str().unwrap()]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        !printed.contains("thay thế"),
        "a log's second file replaced the first: {printed}"
    );
    assert!(said.contains("1 mã hồ sơ có trong hơn một tệp"), "{said}");
    let stats = json(&store, &["dossiers", "stats"]);
    assert_eq!(sum(&stats, "received"), 3);
    // X counts as resolved: its latest row has the result.
    assert_eq!(sum(&stats, "resolved"), 3);
    assert_eq!(
        sum(&stats, "pending_in_time") + sum(&stats, "pending_overdue"),
        0
    );
}

/// A semicolon CSV with a BOM, as one-stop systems export, from its header and rows.
fn semicolon_csv(path: &Path, header: &str, rows: &[Vec<String>]) {
    let mut text = format!("\u{feff}{header}\n");
    for r in rows {
        text.push_str(&r.join(";"));
        text.push('\n');
    }
    std::fs::write(path, text).expect("csv");
}

/// The dossier rows of the supplementary log for "Sở Nội vụ" (20 columns, as the generated logs):
/// code, procedure, name, channel, received, result, status, supplement from, supplement to.
#[allow(clippy::type_complexity)]
const NOI_VU: [(&str, &str, &str, &str, &str, &str, &str, &str, &str); 13] = [
    // 4 working hours from Fri 13/2/2026 16:00: 90 minutes that day, the rest after Tết (16–20/2
    // off) on Mon 23/2; result 23/2: on time.
    (
        "N-260213-0001",
        "1.900001",
        "Xác nhận A",
        "Trực tuyến",
        "13/02/2026 16:00:00",
        "23/02/2026 10:00:00",
        "Đã trả kết quả",
        "",
        "",
    ),
    // 0.5 working day (240 minutes) from Mon 9/3 14:00: 210 that day → Tue 10/3: on time.
    (
        "N-260309-0002",
        "1.900002",
        "Xác nhận B",
        "Trực tiếp",
        "09/03/2026 14:00:00",
        "10/03/2026 09:00:00",
        "Đã trả kết quả",
        "",
        "",
    ),
    // The same from 08:00: 450 minutes left that day → due 9/3; result 10/3: late.
    (
        "N-260309-0003",
        "1.900002",
        "Xác nhận B",
        "Trực tiếp",
        "09/03/2026 08:00:00",
        "10/03/2026 09:00:00",
        "Đã trả kết quả",
        "",
        "",
    ),
    // Same day on the worked Saturday 10/1/2026 after 15:00 → Mon 12/1: on time.
    (
        "N-260110-0004",
        "1.900003",
        "Chứng thực C",
        "Trực tiếp",
        "10/01/2026 15:10:00",
        "12/01/2026 08:00:00",
        "Đã trả kết quả",
        "",
        "",
    ),
    // Same day on that Saturday before 15:00, done the same day: on time.
    (
        "N-260110-0005",
        "1.900003",
        "Chứng thực C",
        "Trực tiếp",
        "10/01/2026 09:00:00",
        "10/01/2026 16:00:00",
        "Đã trả kết quả",
        "",
        "",
    ),
    // Same day, received online on the swapped day off Fri 2/1/2026 → Mon 5/1: on time.
    (
        "N-260102-0006",
        "1.900003",
        "Chứng thực C",
        "Trực tuyến",
        "02/01/2026 09:00:00",
        "05/01/2026 09:00:00",
        "Đã trả kết quả",
        "",
        "",
    ),
    // 10 calendar days from Tue 10/2 end on 20/2 (Tết) → Mon 23/2; a supplement 11/2 → 13/2
    // adds 2 days → Wed 25/2; result 26/2: late.
    (
        "N-260210-0007",
        "1.900004",
        "Đăng ký D",
        "Bưu chính công ích",
        "10/02/2026 09:00:00",
        "26/02/2026 09:00:00",
        "Đã trả kết quả",
        "11/02/2026 09:00:00",
        "13/02/2026 09:00:00",
    ),
    // 3 working days from Tue 30/12/2025: 31/12, 5/1, 6/1 (1/1 and 2/1 off) → due 6/1; result
    // 5/1: pending in time at the end of 2025, carried over and early in 2026.
    (
        "N-251230-0008",
        "1.900005",
        "Cấp phép E",
        "Trực tiếp",
        "30/12/2025 10:00:00",
        "05/01/2026 09:00:00",
        "Đã trả kết quả",
        "",
        "",
    ),
    // From Wed 31/12/2025, never resolved: due 7/1/2026; in time at the end of 2025, overdue at
    // the end of 2026.
    (
        "N-251231-0009",
        "1.900005",
        "Cấp phép E",
        "Trực tiếp",
        "31/12/2025 08:00:00",
        "",
        "Đang xử lý",
        "",
        "",
    ),
    // A result dated before receipt: received, never resolved.
    (
        "N-260302-0010",
        "1.900005",
        "Cấp phép E",
        "Trực tiếp",
        "02/03/2026 09:00:00",
        "27/02/2026 09:00:00",
        "Đã trả kết quả",
        "",
        "",
    ),
    // Refused: received, never resolved.
    (
        "N-260303-0011",
        "1.900005",
        "Cấp phép E",
        "Trực tiếp",
        "03/03/2026 09:00:00",
        "",
        "Không được tiếp nhận",
        "",
        "",
    ),
    // A supplement back before it was asked for moves nothing: due Thu 12/3, result 12/3: on time.
    (
        "N-260309-0012",
        "1.900005",
        "Cấp phép E",
        "Trực tiếp",
        "09/03/2026 09:00:00",
        "12/03/2026 09:00:00",
        "Đã trả kết quả",
        "10/03/2026 09:00:00",
        "09/03/2026 09:00:00",
    ),
    // Wed 4/3 + 3 → Mon 9/3; paused from Thu 5/3 to Mon 9/3 (2 working days) → Wed 11/3: on time.
    (
        "N-260304-0013",
        "1.900005",
        "Cấp phép E",
        "Trực tiếp",
        "04/03/2026 09:00:00",
        "11/03/2026 09:00:00",
        "Đã trả kết quả",
        "05/03/2026 09:00:00",
        "09/03/2026 09:00:00",
    ),
];

/// The portable SQL view `dossier_stats` (views/metrics.sql) gives `cchc dossiers stats`, figure
/// by figure, in DuckDB, DataFusion and Spark, on a store of two years of a generated log (Tết,
/// swapped days, same day after 15:00, supplements, extensions, pending at the year's end), a
/// file that repeats codes of it (later results, a tie, an older row), and a unit whose dossiers
/// each test one rule by hand (working hours, half a day, a worked Saturday, calendar days across
/// Tết, a result before receipt, a refusal, a supplement back before it was asked for).
#[test]
fn the_dossier_stats_view_equals_cchc_in_duckdb_datafusion_and_spark() {
    use cchc_datagen::dossiers::{LogSpec, write_log_csv, write_registry_xlsx};
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let store = dir.join("store");
    let mut logs = Vec::new();
    for (year, rows) in [(2025, 3000), (2026, 1200)] {
        let spec = LogSpec::new(rows, year);
        let log = dir.join(format!("so_theo_doi_{year}.csv"));
        write_log_csv(&log, &spec).expect("log");
        let registry = dir.join(format!("danh_muc_tthc_{year}.xlsx"));
        write_registry_xlsx(&registry, &spec).expect("registry");
        ok(&store, &["import", registry.to_str().unwrap()]);
        logs.push(log);
    }
    // The supplementary registry: limits in working hours, half a day, same day, calendar days,
    // working days.
    let mut s = SheetSpec::new("Danh mục");
    s.row(
        0,
        vec![Some(t("DANH MỤC THỦ TỤC HÀNH CHÍNH NĂM 2026 - SỞ NỘI VỤ"))],
    );
    let limits = [
        ("1.900001", "Xác nhận A", "04 giờ làm việc"),
        ("1.900002", "Xác nhận B", "0,5 ngày làm việc"),
        ("1.900003", "Chứng thực C", "Trong ngày"),
        ("1.900004", "Đăng ký D", "10 ngày"),
        ("1.900005", "Cấp phép E", "03 ngày làm việc"),
    ];
    s.row(
        2,
        [
            "STT",
            "Mã TTHC",
            "Tên thủ tục hành chính",
            "Thời hạn giải quyết",
        ]
        .iter()
        .map(|h| Some(t(h)))
        .collect(),
    );
    for (i, (code, name, limit)) in limits.iter().enumerate() {
        s.row(
            3 + i as u32,
            vec![
                Some(n(i as f64 + 1.0)),
                Some(t(code)),
                Some(t(name)),
                Some(t(limit)),
            ],
        );
    }
    let registry = dir.join("danh_muc_so_noi_vu_2026.xlsx");
    write_xlsx(&registry, &[s]).expect("registry");
    ok(&store, &["import", registry.to_str().unwrap()]);
    // The supplementary log: codes of the 2025 log again (pending ones with a result in 2026, a
    // resolved one with only its channel changed, one with an older state), and Sở Nội vụ's rows.
    let text = std::fs::read_to_string(&logs[0]).expect("log");
    let mut lines = text.trim_start_matches('\u{feff}').lines();
    let header = lines.next().expect("header").to_owned();
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(';').map(str::to_owned).collect())
        .collect();
    assert!(
        rows.iter().all(|r| r.len() == 20),
        "20 columns, no ; inside"
    );
    let mut extra: Vec<Vec<String>> = Vec::new();
    let pending: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[17].is_empty() && r[19] == "Đang xử lý")
        .take(5)
        .collect();
    assert_eq!(pending.len(), 5, "the 2025 log ends with dossiers pending");
    for r in pending {
        let mut r = r.clone();
        r[17] = "06/01/2026 09:15:00".into();
        r[18] = "06/01/2026 10:00:00".into();
        r[19] = "Đã trả kết quả".into();
        extra.push(r);
    }
    let resolved: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| !r[17].is_empty() && r[19] == "Đã trả kết quả")
        .take(2)
        .collect();
    // The same dates, another channel: a tie, decided by the files' sha256.
    let mut tie = resolved[0].clone();
    tie[6] = if tie[6] == "Trực tuyến" {
        "Trực tiếp"
    } else {
        "Trực tuyến"
    }
    .into();
    extra.push(tie);
    // An older state of a resolved dossier: the log's later row wins.
    let mut older = resolved[1].clone();
    older[17].clear();
    older[18].clear();
    older[19] = "Đang xử lý".into();
    extra.push(older);
    for (code, procedure, name, channel, received, result, status, from, to) in NOI_VU {
        let mut r = vec![String::new(); 20];
        r[1] = code.into();
        r[2] = procedure.into();
        r[3] = name.into();
        r[4] = "Nội vụ".into();
        r[5] = "Sở Nội vụ".into();
        r[6] = channel.into();
        r[12] = received.into();
        r[15] = from.into();
        r[16] = to.into();
        r[17] = result.into();
        r[19] = status.into();
        extra.push(r);
    }
    let supplement = dir.join("so_theo_doi_bo_sung.csv");
    semicolon_csv(&supplement, &header, &extra);
    let mut args = vec!["import", "dossiers"];
    let paths: Vec<String> = logs
        .iter()
        .chain([&supplement])
        .map(|p| p.to_str().unwrap().to_owned())
        .collect();
    args.extend(paths.iter().map(String::as_str));
    ok(&store, &args);

    let stats_out = run(
        &store,
        &["dossiers", "stats", "--map", "reported", "--format", "json"],
    );
    assert!(stats_out.status.success());
    let said = String::from_utf8_lossy(&stats_out.stderr);
    assert!(said.contains("7 dòng trùng mã"), "{said}");
    let cchc: Vec<Value> = serde_json::from_slice::<Value>(&stats_out.stdout)
        .expect("json")
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let mut r = r.clone();
            let year: i64 = r["period"]
                .as_str()
                .expect("period")
                .parse()
                .expect("a year");
            r["year"] = Value::from(year);
            r
        })
        .collect();
    // The rules worked by hand, on cchc's side first.
    let row = |code: &str, year: i64| -> &Value {
        cchc.iter()
            .find(|r| r["code"] == code && r["year"] == year && r["unit"] == "Sở Nội vụ")
            .unwrap_or_else(|| panic!("{code} {year}"))
    };
    let figures = |r: &Value| -> [i64; 8] {
        [
            "received",
            "carried_over",
            "resolved",
            "resolved_early",
            "resolved_on_time",
            "resolved_late",
            "pending_in_time",
            "pending_overdue",
        ]
        .map(|f| r[f].as_i64().unwrap_or_else(|| panic!("{f} in {r}")))
    };
    assert_eq!(figures(row("1.900001", 2026)), [1, 0, 1, 0, 1, 0, 0, 0]);
    assert_eq!(figures(row("1.900002", 2026)), [2, 0, 2, 0, 1, 1, 0, 0]);
    assert_eq!(figures(row("1.900003", 2026)), [3, 0, 3, 0, 3, 0, 0, 0]);
    assert_eq!(figures(row("1.900004", 2026)), [1, 0, 1, 0, 0, 1, 0, 0]);
    assert_eq!(figures(row("1.900005", 2025)), [2, 0, 0, 0, 0, 0, 2, 0]);
    assert_eq!(figures(row("1.900005", 2026)), [4, 2, 3, 1, 2, 0, 0, 1]);
    // The 2025 dossiers resolved in 2026 are carried over into it.
    let carried: i64 = cchc
        .iter()
        .filter(|r| r["unit"] == "Sở Tư pháp" && r["year"] == 2026)
        .map(|r| r["carried_over"].as_i64().unwrap())
        .sum();
    assert!(carried > 5, "{carried}");

    let key = ["unit", "field", "code", "name", "year"];
    // The figures of the official table (`schema::DOSSIER_FIGURES`), then the times.
    let figures: Vec<&str> = cchc_model::schema::DOSSIER_FIGURES
        .into_iter()
        .chain([
            "legal_days",
            "actual_days",
            "median_days",
            "p90_days",
            "max_days",
            "over_limit_share",
        ])
        .collect();
    for engine in ["duckdb", "datafusion", "spark"] {
        let Some(views) = super::engine_views(engine, &store, &["dossier_stats"]) else {
            continue;
        };
        super::same_rows(
            &format!("{engine} dossier_stats"),
            &cchc,
            &views[0],
            &key,
            &figures,
        );
    }
}
