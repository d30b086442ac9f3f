//! The register against its sources (`../shared/units-2025/`) and the facts of DOMAIN.md.

use std::collections::{BTreeMap, BTreeSet};

use cchc_calendar::Day;
use cchc_units::{EdgeKind, Identified, Kind, Latest, Register, Unresolved};

fn day(s: &str) -> Day {
    Day::parse_iso(s).unwrap()
}

fn shared(rel: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/units-2025")
        .join(rel)
}

/// The unit a name identifies, which must stand during the period.
fn standing<'r>(found: Result<Identified<'r>, Unresolved>) -> &'r cchc_units::Unit {
    match found {
        Ok(Identified::Unit(u)) => u,
        other => panic!("{other:?}"),
    }
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
    let old = standing(r.identify(
        "UBND phường Hố Nai",
        &old_dong_nai.name,
        day("2025-01-01"),
        day("2025-06-30"),
    ));
    assert_eq!(old.code.as_deref(), Some("26002"));
    let succ: Vec<&str> = r.successors(&old.key).map(|e| e.to.as_str()).collect();
    assert_eq!(succ, ["x:26020@2025-07-01"]);
    assert_eq!(r.unit(succ[0]).unwrap().name, "Phường Long Bình");
    // From 1/7/2025: the new Phường Hố Nai (26005) = old Tân Hòa + Xã Hố Nai 3.
    let new = standing(r.identify(
        "P. Hố Nai",
        &new_dong_nai.name,
        day("2025-07-01"),
        day("2025-12-31"),
    ));
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
    match r.identify(
        "Phường Hố Nai 9",
        &new_dong_nai.name,
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
    let tai_chinh = standing(r.identify(
        "Sở Tài chính",
        &dong_nai.name,
        day("2025-07-01"),
        day("2025-12-31"),
    ));
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
    let khdt = standing(r.identify(
        "Sở KH&ĐT",
        &r.province("Đồng Nai", day("2021-01-01")).unwrap().name,
        day("2021-01-01"),
        day("2021-12-31"),
    ));
    assert_eq!(khdt.valid_to, Some(day("2025-02-28")));
    assert!(r.successors(&khdt.key).all(|e| e.kind == EdgeKind::Full));
    // An unchanged province's Sở Tư pháp is one unit throughout.
    let ha_noi = r.province("Hà Nội", day("2025-07-01")).unwrap();
    let tu_phap = standing(r.identify(
        "Sở Tư pháp",
        &ha_noi.name,
        day("2021-01-01"),
        day("2026-12-31"),
    ));
    assert_eq!((tu_phap.valid_from, tu_phap.valid_to), (None, None));
}

#[test]
fn a_unit_named_in_a_file_is_identified_by_its_province_and_period() {
    let r = Register::get();
    let key = |name: &str, province: &str, from: &str, to: &str| match r.identify(
        name,
        province,
        day(from),
        day(to),
    ) {
        Ok(Identified::Unit(u)) => u.key.clone(),
        other => panic!("{name} {from}..{to}: {other:?}"),
    };
    // The two Phường Hố Nai, told apart by the period.
    assert_eq!(
        key("UBND phường Hố Nai", "Đồng Nai", "2024-01-01", "2024-12-31"),
        "x:26002"
    );
    assert_eq!(
        key("P. Hố Nai", "Tỉnh Đồng Nai", "2025-01-01", "2025-06-30"),
        "x:26002"
    );
    assert_eq!(
        key("Phường Hố Nai", "Đồng Nai", "2025-07-01", "2025-12-31"),
        "x:26005@2025-07-01"
    );
    // A whole-year 2025 report: the unit standing on its last day.
    assert_eq!(
        key("Phường Hố Nai", "Đồng Nai", "2025-01-01", "2025-12-31"),
        "x:26005@2025-07-01"
    );
    // A department of old Bình Phước in 2024.
    assert_eq!(
        key(
            "Sở Kế hoạch và Đầu tư",
            "Bình Phước",
            "2024-01-01",
            "2024-12-31"
        ),
        "d:ke_hoach_dau_tu@p:70"
    );
    // Two Xã Thanh Sơn in old Đồng Nai: ambiguous, unless the district is written.
    match r.identify(
        "Xã Thanh Sơn",
        "Đồng Nai",
        day("2024-01-01"),
        day("2024-12-31"),
    ) {
        Err(Unresolved::Ambiguous { candidates, .. }) => {
            assert_eq!(candidates, ["x:26143", "x:26209"])
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        key(
            "Xã Thanh Sơn, huyện Tân Phú",
            "Đồng Nai",
            "2024-01-01",
            "2024-12-31"
        ),
        "x:26143"
    );
    // An H2 2025 report by a unit that ended on 28/2/2025: its successor is named.
    match r.identify(
        "Sở Kế hoạch và Đầu tư",
        "Đồng Nai",
        day("2025-07-01"),
        day("2025-12-31"),
    ) {
        Ok(Identified::Ended { unit, successors }) => {
            assert_eq!(unit.key, "d:ke_hoach_dau_tu@p:75");
            let names: Vec<&str> = successors.iter().map(|u| u.name.as_str()).collect();
            assert_eq!(names, ["Sở Tài chính"]);
        }
        other => panic!("{other:?}"),
    }
    // A unit the register does not know: the nearest names of the province.
    match r.identify(
        "Trung tâm Phục vụ hành chính công",
        "Đồng Nai",
        day("2024-01-01"),
        day("2024-12-31"),
    ) {
        Err(Unresolved::Unknown { nearest, .. }) => assert!(!nearest.is_empty()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_unit_on_the_latest_map_is_where_its_whole_went_or_the_units_it_was_divided_among() {
    let r = Register::get();
    // Sở Kế hoạch và Đầu tư of old Đồng Nai: into Sở Tài chính on 1/3/2025, into the new
    // province's Sở Tài chính on 1/7/2025.
    match r.latest("d:ke_hoach_dau_tu@p:75") {
        Latest::Became(u) => {
            assert_eq!(u.name, "Sở Tài chính");
            assert_eq!(u.province.as_deref(), Some("p:75@2025-07-01"));
        }
        other => panic!("{other:?}"),
    }
    // The old Phường Hố Nai went wholly into the new Phường Long Bình.
    match r.latest("x:26002") {
        Latest::Became(u) => assert_eq!(u.name, "Phường Long Bình"),
        other => panic!("{other:?}"),
    }
    // The new Phường Hố Nai stands.
    assert!(matches!(
        r.latest("x:26005@2025-07-01"),
        Latest::Standing(_)
    ));
    // A district ended on 30/6/2025 (its communes went on, each on its own edge).
    assert!(matches!(r.latest("h:731"), Latest::Ended(u) if u.name == "Thành phố Biên Hòa"));
    // An old commune divided among new ones (a partial edge).
    let divided = r
        .units()
        .iter()
        .find(|u| {
            u.kind == Kind::Commune
                && r.successors(&u.key)
                    .filter(|e| e.kind == EdgeKind::Partial)
                    .count()
                    > 1
        })
        .expect("a divided commune");
    match r.latest(&divided.key) {
        Latest::Divided(units) => assert!(units.len() > 1),
        other => panic!("{other:?}"),
    }
    assert_eq!(r.latest("x:nope"), Latest::Unknown);
}
