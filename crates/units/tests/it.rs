//! The register against its sources (`../shared/units-2025/`) and the facts of DOMAIN.md.

use std::collections::{BTreeMap, BTreeSet};

use cchc_calendar::Day;
use cchc_units::{EdgeKind, Kind, Register, Unresolved};

fn day(s: &str) -> Day {
    Day::parse_iso(s).unwrap()
}

fn shared(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/units-2025")
        .join(rel)
}

#[test]
fn the_provinces_are_63_until_30_june_2025_and_34_from_1_july() {
    let r = Register::get();
    let on = |d: &str| {
        r.units()
            .iter()
            .filter(|u| u.kind == Kind::Province && u.valid_on(day(d)))
            .count()
    };
    assert_eq!(on("2024-12-31"), 63);
    assert_eq!(on("2025-06-30"), 63);
    assert_eq!(on("2025-07-01"), 34);
    // Tây Ninh keeps old Long An's code (80); old Tây Ninh was 72.
    let tay_ninh = r.province("Tây Ninh", day("2025-07-01")).unwrap();
    assert_eq!(tay_ninh.code.as_deref(), Some("80"));
    let preds: BTreeSet<&str> = r
        .predecessors(&tay_ninh.key)
        .map(|e| e.from.as_str())
        .collect();
    assert_eq!(preds, BTreeSet::from(["p:72", "p:80"]));
    assert_eq!(
        r.province("TỈNH TÂY NINH", day("2024-06-01"))
            .unwrap()
            .code
            .as_deref(),
        Some("72")
    );
    // Bình Phước ended on 30/6/2025: an error names the 34 provinces of the day.
    match r.province("Bình Phước", day("2025-09-01")) {
        Err(Unresolved::Province { valid, .. }) => assert_eq!(valid.len(), 34),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_new_commune_has_the_predecessors_the_source_gives() {
    let text = std::fs::read_to_string(shared("dvhcvn/merges.json")).expect("../shared/units-2025");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let r = Register::get();
    let mut communes = 0;
    for province in json["data"].as_array().unwrap() {
        for c in province["level2s"].as_array().unwrap() {
            communes += 1;
            let key = format!("x:{}@2025-07-01", c["level2_id"].as_str().unwrap());
            let unit = r.unit(&key).unwrap_or_else(|| panic!("{key}"));
            assert_eq!(unit.name, c["name"].as_str().unwrap());
            let want: BTreeMap<String, &str> = c["merges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    let id = m["old_id"].as_str().unwrap();
                    let prefix = if id.len() == 3 { "h" } else { "x" };
                    (format!("{prefix}:{id}"), m["type"].as_str().unwrap())
                })
                .collect();
            let got: BTreeMap<String, &str> = r
                .predecessors(&key)
                .map(|e| (e.from.clone(), e.kind.code()))
                .collect();
            assert_eq!(got, want, "{key}");
        }
    }
    assert_eq!(communes, 3321);
    let new_communes = r
        .units()
        .iter()
        .filter(|u| u.kind == Kind::Commune && u.valid_on(day("2025-07-01")))
        .count();
    assert_eq!(new_communes, 3321);
}

#[test]
fn a_name_valid_on_two_sides_of_the_change_resolves_by_the_period() {
    let r = Register::get();
    let old_dong_nai = r.province("Đồng Nai", day("2024-01-01")).unwrap();
    let new_dong_nai = r.province("Đồng Nai", day("2025-07-01")).unwrap();
    assert_ne!(old_dong_nai.key, new_dong_nai.key);
    // 2024 and the first half of 2025: the old Phường Hố Nai (26002), into the new Long Bình.
    let old = r
        .resolve(
            "UBND phường Hố Nai",
            Some(old_dong_nai),
            day("2025-01-01"),
            day("2025-06-30"),
        )
        .unwrap();
    assert_eq!(old.code.as_deref(), Some("26002"));
    let succ: Vec<&str> = r.successors(&old.key).map(|e| e.to.as_str()).collect();
    assert_eq!(succ, ["x:26020@2025-07-01"]);
    assert_eq!(r.unit(succ[0]).unwrap().name, "Phường Long Bình");
    // From 1/7/2025: the new Phường Hố Nai (26005) = old Tân Hòa + Xã Hố Nai 3.
    let new = r
        .resolve(
            "P. Hố Nai",
            Some(new_dong_nai),
            day("2025-07-01"),
            day("2025-12-31"),
        )
        .unwrap();
    assert_eq!(new.key, "x:26005@2025-07-01");
    let names: BTreeSet<String> = r
        .predecessors(&new.key)
        .map(|e| r.unit(&e.from).unwrap().name.clone())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(["Phường Tân Hòa".to_owned(), "Xã Hố Nai 3".to_owned()])
    );
    // A name no unit has: the nearest names.
    match r.resolve(
        "Phường Hố Nai 9",
        Some(new_dong_nai),
        day("2025-07-01"),
        day("2025-12-31"),
    ) {
        Err(Unresolved::Unknown { nearest, .. }) => {
            assert!(nearest.contains(&"Phường Hố Nai".to_owned()), "{nearest:?}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_new_sở_tài_chính_of_đồng_nai_continues_four_departments() {
    let r = Register::get();
    let dong_nai = r.province("Đồng Nai", day("2025-07-01")).unwrap();
    let tai_chinh = r
        .resolve(
            "Sở Tài chính",
            Some(dong_nai),
            day("2025-07-01"),
            day("2025-12-31"),
        )
        .unwrap();
    let ancestry = r.ancestry(&tai_chinh.key);
    let origins: BTreeSet<(String, String, String)> = ancestry
        .iter()
        .filter(|(e, _)| e.date == day("2025-03-01"))
        .map(|(e, _)| {
            let u = r.unit(&e.from).unwrap();
            let p = r.unit(u.province.as_deref().unwrap()).unwrap();
            (u.name.clone(), p.name.clone(), e.kind.code().to_owned())
        })
        .collect();
    let want: BTreeSet<(String, String, String)> = [
        ("Sở Kế hoạch và Đầu tư", "Bình Phước"),
        ("Sở Kế hoạch và Đầu tư", "Đồng Nai"),
        ("Sở Tài chính", "Bình Phước"),
        ("Sở Tài chính", "Đồng Nai"),
    ]
    .iter()
    .map(|(u, p)| (u.to_string(), p.to_string(), "full".to_owned()))
    .collect();
    assert_eq!(origins, want);
    // The seed's department ended on 28/2/2025, in both old provinces.
    let khdt = r
        .resolve(
            "Sở KH&ĐT",
            Some(r.province("Đồng Nai", day("2021-01-01")).unwrap()),
            day("2021-01-01"),
            day("2021-12-31"),
        )
        .unwrap();
    assert_eq!(khdt.valid_to, Some(day("2025-02-28")));
    assert!(r.successors(&khdt.key).all(|e| e.kind == EdgeKind::Full));
    // An unchanged province's Sở Tư pháp is one unit throughout.
    let ha_noi = r.province("Hà Nội", day("2025-07-01")).unwrap();
    let tu_phap = r
        .resolve(
            "Sở Tư pháp",
            Some(ha_noi),
            day("2021-01-01"),
            day("2026-12-31"),
        )
        .unwrap();
    assert_eq!((tu_phap.valid_from, tu_phap.valid_to), (None, None));
}
