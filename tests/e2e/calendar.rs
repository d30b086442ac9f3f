//! `cchc calendar`: the committed table of days off, printed by the binary, cross-checked with
//! Python's `holidays` package (tests/engines/holidays_vn.py) for every year both cover.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

use super::{json, root, run};

/// Days the table and `holidays` are known to disagree on, with why. Anything else that differs
/// fails the test.
const KNOWN_DIFFERENCES: [(&str, &str); 1] = [(
    "2026-01-02",
    "the civil service's swap of Friday 2/1 for Saturday 10/1 (12729/VPCP-KGVX): holidays lists \
     the public holidays of the Labour Code, not the yearly swaps, except a few (2024, 2025, \
     31/8/2026)",
)];

#[allow(clippy::print_stderr)] // says why the check was skipped on a machine without holidays
fn python_holidays(years: &[i32]) -> Option<BTreeMap<String, String>> {
    let out = Command::new("python3")
        .arg(root().join("tests/engines/holidays_vn.py"))
        .args(years.iter().map(ToString::to_string))
        .output()
        .expect("python3 runs");
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains("ModuleNotFoundError") && std::env::var_os("CI").is_none() {
            eprintln!("holidays not checked (pip install -r tests/engines/requirements.txt)");
            return None;
        }
        panic!("holidays_vn.py failed: {err}");
    }
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    Some(
        v["days"]
            .as_object()
            .expect("days")
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
            .collect(),
    )
}

fn weekday_of(iso: &str) -> usize {
    // Zeller-free: days from a known Monday (2020-01-06).
    let parts: Vec<i64> = iso.split('-').map(|p| p.parse().unwrap()).collect();
    let (y, m, d) = (parts[0], parts[1], parts[2]);
    let a = (14 - m) / 12;
    let (yy, mm) = (y + 4800 - a, m + 12 * a - 3);
    let jdn = d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045;
    (jdn % 7) as usize // 0 = Monday
}

#[test]
fn the_calendar_agrees_with_python_holidays_on_every_weekday_off_2020_to_2027() {
    let store = tempfile::tempdir().unwrap();
    let rows = json(store.path(), &["calendar"]);
    let years: BTreeSet<i32> = rows
        .iter()
        .map(|r| r["date"].as_str().unwrap()[..4].parse().unwrap())
        .collect();
    assert_eq!(years.first(), Some(&2020));
    assert!(years.last().copied().unwrap() >= 2027, "{years:?}");
    let years: Vec<i32> = years.into_iter().collect();
    let Some(theirs) = python_holidays(&years) else {
        return;
    };
    // Weekdays off in cchc's calendar.
    let ours: BTreeSet<String> = rows
        .iter()
        .filter(|r| r["working_day"] == Value::Bool(false))
        .map(|r| r["date"].as_str().unwrap().to_owned())
        .filter(|d| weekday_of(d) < 5)
        .collect();
    let theirs_off: BTreeSet<String> = theirs
        .keys()
        .filter(|d| weekday_of(d) < 5)
        .cloned()
        .collect();
    let known: BTreeSet<String> = KNOWN_DIFFERENCES
        .iter()
        .map(|(d, _)| d.to_string())
        .collect();
    let differ: BTreeSet<String> = ours.symmetric_difference(&theirs_off).cloned().collect();
    assert_eq!(
        differ,
        known,
        "weekdays off that differ from holidays (ours only: {:?}; theirs only: {:?})",
        ours.difference(&theirs_off).collect::<Vec<_>>(),
        theirs_off.difference(&ours).collect::<Vec<_>>()
    );
    // Make-up Saturdays are working days in ours and never a holiday in theirs.
    let makeup: Vec<&Value> = rows.iter().filter(|r| r["day_kind"] == "makeup").collect();
    assert!(makeup.len() >= 4, "{makeup:?}");
    for r in makeup {
        assert_eq!(r["working_day"], Value::Bool(true));
        assert_eq!(weekday_of(r["date"].as_str().unwrap()), 5);
        assert!(!theirs.contains_key(r["date"].as_str().unwrap()));
    }
    // Tết and Giỗ Tổ: the first lunar day of the year and 10/3 fall on the same days.
    for r in &rows {
        let name = r["day_name"].as_str().unwrap();
        let date = r["date"].as_str().unwrap();
        if name.contains("(mùng 1)") {
            assert_eq!(r["lunar_date"], "01/01", "{date}");
            assert_eq!(
                theirs.get(date).map(String::as_str),
                Some("Lunar New Year"),
                "{date}"
            );
        }
        if name.starts_with("Giỗ Tổ") {
            assert_eq!(r["lunar_date"], "10/03", "{date}");
            assert!(
                theirs
                    .get(date)
                    .is_some_and(|n| n.starts_with("Hung Kings")),
                "{date}"
            );
        }
    }
}

#[test]
fn a_year_the_table_lacks_is_refused_and_the_hours_come_from_a_province_file() {
    let store = tempfile::tempdir().unwrap();
    let out = run(store.path(), &["calendar", "--year", "2019"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2020–20") && err.contains("2019"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let hours = dir.path().join("gio.toml");
    std::fs::write(
        &hours,
        "[province.\"Đà Nẵng\"]\nmorning = \"07:30-11:30\"\nafternoon = \"13:30-17:00\"\nsame_day_cutoff = \"16:00\"\n",
    )
    .unwrap();
    let out = run(
        store.path(),
        &[
            "calendar",
            "--year",
            "2025",
            "--hours",
            hours.to_str().unwrap(),
            "--province",
            "Đà Nẵng",
        ],
    );
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("13:30–17:00") && err.contains("16:00"),
        "{err}"
    );
    // 261 weekdays, 12 of them off, one make-up Saturday (26/4): counted by hand from the table.
    assert!(err.contains("Năm 2025: 250 ngày làm việc"), "{err}");
}
