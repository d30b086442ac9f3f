//! Tests of the procedure analyses, with hand-computed answers.

use super::*;
use cchc_model::columns as c;
use polars::prelude::*;

fn base() -> Procedure {
    Procedure {
        year: 2024,
        unit: "Sở A".into(),
        code: "1.000001".into(),
        name: Some("Thủ tục".into()),
        has_stats: true,
        ..Procedure::default()
    }
}

/// Rules with every rule off and a cost model with round inputs.
fn only(enable: &str) -> Rules {
    let mut text = String::new();
    for rule in [
        "no_dossiers",
        "time_slack",
        "late",
        "low_online",
        "many_components",
    ] {
        text += &format!("[rules.{rule}]\nenabled = {}\n", rule == enable);
    }
    text += "[cost]\nincome_per_hour = 10000\nhours_per_component = 1.0\ncost_per_component = 1000\nvisits_in_person = 2\nhours_per_visit = 1.5\ntravel_cost_per_visit = 5000\nhours_per_waiting_day = 0.5\nlate_followup_hours = 3.0\n";
    Rules::parse(&text).unwrap()
}

#[test]
fn rates_name_their_denominators_and_never_divide_by_zero() {
    let p = Procedure {
        received: Some(200),
        received_online: Some(90),
        received_direct: Some(80),
        received_postal: Some(30),
        carried_over: Some(10),
        resolved_early: Some(100),
        resolved_on_time: Some(70),
        resolved_late: Some(20),
        pending_overdue: Some(5),
        legal_days: Some(10.0),
        actual_days: Some(4.0),
        ..base()
    };
    assert_eq!(p.online_share(), Some(0.45));
    assert_eq!(p.direct_share(), Some(0.4));
    assert_eq!(p.postal_share(), Some(0.15));
    // No stated total resolved: early + on time + late = 190.
    assert_eq!(p.resolved_total(), Some(190));
    assert_eq!(p.on_time_rate(), Some(170.0 / 190.0));
    assert_eq!(p.late_rate(), Some(20.0 / 190.0));
    assert_eq!(p.need_to_handle(), Some(210));
    assert_eq!(p.late_or_overdue_rate(), Some(25.0 / 210.0));
    assert_eq!(p.time_ratio(), Some(0.4));
    let none = Procedure {
        received: Some(0),
        ..base()
    };
    assert_eq!(none.online_share(), None);
    assert_eq!(none.on_time_rate(), None);
    assert_eq!(none.time_ratio(), None);
    // Without a stated total, the channels stated make the received total.
    let channels = Procedure {
        received_online: Some(3),
        received_direct: Some(4),
        ..base()
    };
    assert_eq!(channels.received_total(), Some(7));
}

#[test]
fn rollups_add_counts_before_dividing() {
    let a = Procedure {
        field: Some("F".into()),
        received: Some(100),
        received_online: Some(10),
        received_postal: Some(30),
        resolved: Some(100),
        resolved_early: Some(50),
        resolved_on_time: Some(40),
        resolved_late: Some(10),
        legal_days: Some(10.0),
        actual_days: Some(5.0),
        online_level: Some("full".into()),
        ..base()
    };
    let b = Procedure {
        code: "1.000002".into(),
        field: Some("F".into()),
        received: Some(300),
        received_online: Some(0),
        received_postal: Some(30),
        resolved: Some(300),
        resolved_early: Some(300),
        resolved_on_time: Some(0),
        resolved_late: Some(0),
        legal_days: Some(20.0),
        actual_days: Some(2.0),
        online_level: Some("partial".into()),
        ..base()
    };
    let df = rollup(&[a, b], Level::Field).unwrap();
    let get = |name: &str| df.column(name).unwrap().f64().unwrap().get(0).unwrap();
    assert_eq!(get("online_share"), 10.0 / 400.0);
    assert_eq!(get("postal_share"), 60.0 / 400.0);
    // (90 + 300) / 400, not the mean of 0.9 and 1.0.
    assert_eq!(get("on_time_rate"), 390.0 / 400.0);
    assert_eq!(get("late_rate"), 10.0 / 400.0);
    // Weighted by resolved: (100×5 + 300×2) / (100×10 + 300×20).
    assert_eq!(get("time_ratio"), 1100.0 / 7000.0);
    assert_eq!(get("legal_days"), 7000.0 / 400.0);
    // One of two online procedures received an online dossier; one of two is toàn trình.
    assert_eq!(get("online_uptake"), 0.5);
    assert_eq!(get("full_online_procedures"), 0.5);
    let n = df.column("procedures").unwrap().i64().unwrap().get(0);
    assert_eq!(n, Some(2));
}

#[test]
fn no_dossiers_proposes_abolition_only_when_zero_is_stated() {
    let rules = only("no_dossiers");
    let zero = Procedure {
        received: Some(0),
        ..base()
    };
    let (reasons, saving) = assess(&zero, &rules);
    assert_eq!(reasons.len(), 1);
    assert_eq!(reasons[0].code(), "no_dossiers");
    assert_eq!(saving, 0.0);
    // Unknown volume is not zero volume; a dossier carried over is still work.
    assert!(assess(&base(), &rules).0.is_empty());
    let carried = Procedure {
        received: Some(0),
        carried_over: Some(1),
        ..base()
    };
    assert!(assess(&carried, &rules).0.is_empty());
    let registry_only = Procedure {
        has_stats: false,
        ..zero.clone()
    };
    assert!(assess(&registry_only, &rules).0.is_empty());
}

#[test]
fn time_slack_proposes_a_shorter_limit_and_prices_the_days_saved() {
    let rules = only("time_slack");
    let p = Procedure {
        received: Some(100),
        resolved: Some(100),
        legal_days: Some(15.0),
        actual_days: Some(4.2),
        ..base()
    };
    let (reasons, saving) = assess(&p, &rules);
    // ceil(4.2 × 1.2) = 6 days; 100 dossiers × 9 days × 0.5 h × 10,000 VND.
    assert_eq!(
        reasons,
        vec![Reason::TimeSlack {
            actual_days: 4.2,
            legal_days: 15.0,
            proposed_days: 6.0,
            p90_days: None,
        }]
    );
    assert_eq!(saving, 4_500_000.0);
    assert_eq!(reasons[0].proposed_days(), Some(6.0));
    // Above the 50% threshold, or with too few dossiers: no proposal.
    let slow = Procedure {
        actual_days: Some(8.0),
        ..p.clone()
    };
    assert!(assess(&slow, &rules).0.is_empty());
    // From a dossier log, the 90th percentile is the measure: a mean of 4.2 days over a p90 of
    // 9 is a 9-day practice (60% of the limit: no proposal), a p90 of 5 proposes ceil(5 × 1.2).
    let skewed = Procedure {
        p90_days: Some(9.0),
        ..p.clone()
    };
    assert!(assess(&skewed, &rules).0.is_empty());
    let logged = Procedure {
        p90_days: Some(5.0),
        ..p.clone()
    };
    assert_eq!(assess(&logged, &rules).0[0].proposed_days(), Some(6.0));
    let logged = Procedure {
        p90_days: Some(4.0),
        ..p.clone()
    };
    assert_eq!(assess(&logged, &rules).0[0].proposed_days(), Some(5.0));
    let rare = Procedure {
        resolved: Some(9),
        ..p
    };
    assert!(assess(&rare, &rules).0.is_empty());
}

#[test]
fn late_and_low_online_and_many_components_follow_their_thresholds() {
    let late = only("late");
    let p = Procedure {
        received: Some(100),
        resolved: Some(100),
        resolved_late: Some(5),
        ..base()
    };
    let (reasons, saving) = assess(&p, &late);
    assert_eq!(reasons[0].code(), "late");
    assert_eq!(saving, 5.0 * 3.0 * 10000.0);
    let fewer = Procedure {
        resolved_late: Some(4),
        ..p.clone()
    };
    assert!(assess(&fewer, &late).0.is_empty());

    let online = only("low_online");
    let q = Procedure {
        received: Some(100),
        received_online: Some(10),
        received_direct: Some(90),
        online_level: Some("partial".into()),
        ..base()
    };
    let (reasons, saving) = assess(&q, &online);
    assert_eq!(reasons[0].code(), "low_online");
    // 20 dossiers move online (30% − 10%), each saving 2 trips × (1.5 h × 10,000 + 5,000).
    assert!((saving - 20.0 * 2.0 * 20000.0).abs() < 1e-6, "{saving}");
    let not_online = Procedure {
        online_level: Some("none".into()),
        ..q.clone()
    };
    assert!(assess(&not_online, &online).0.is_empty());

    let comps = only("many_components");
    let r = Procedure {
        received: Some(10),
        components: Some(10),
        ..base()
    };
    let (reasons, saving) = assess(&r, &comps);
    assert_eq!(
        reasons,
        vec![Reason::ManyComponents {
            components: 10,
            proposed: 7
        }]
    );
    // 10 dossiers × 3 components × (1 h × 10,000 + 1,000).
    assert_eq!(saving, 330_000.0);
    let few = Procedure {
        components: Some(7),
        ..r
    };
    assert!(assess(&few, &comps).0.is_empty());
}

#[test]
fn proposals_rank_by_saving_and_say_whether_the_target_is_met() {
    let rules = only("late");
    let mk = |code: &str, late: i64| Procedure {
        code: code.into(),
        received: Some(100),
        resolved: Some(100),
        resolved_late: Some(late),
        ..base()
    };
    let procs = vec![
        mk("1.000001", 6),
        mk("1.000002", 20),
        mk("1.000003", 0),
        mk("1.000004", 0),
        mk("1.000005", 0),
        mk("1.000006", 0),
        mk("1.000007", 0),
        mk("1.000008", 0),
        mk("1.000009", 0),
        mk("1.000010", 0),
    ];
    let props = simplify(&procs, &rules);
    assert_eq!(props.len(), 1);
    let p = &props[0];
    assert_eq!(p.procedures, 10);
    let codes: Vec<&str> = p
        .candidates
        .iter()
        .map(|c| c.procedure.code.as_str())
        .collect();
    assert_eq!(codes, ["1.000002", "1.000001"]);
    assert_eq!(p.needed(), 2);
    assert!(p.target_met());
    let stricter = Proposal {
        target_share: 0.3,
        ..p.clone()
    };
    assert_eq!(stricter.needed(), 3);
    assert!(!stricter.target_met());
    let df = simplify_frame(&props).unwrap();
    let cum = df
        .column("cumulative_share_of_procedures")
        .unwrap()
        .f64()
        .unwrap();
    assert_eq!(cum.get(1), Some(0.2));
}

#[test]
fn rules_files_override_only_what_they_name_and_refuse_unknown_keys() {
    let r = Rules::parse("target_share = 0.25\n[rules.late]\nmin_late_rate = 0.1\n").unwrap();
    assert_eq!(r.target_share, 0.25);
    assert_eq!(r.rules.late.min_late_rate, 0.1);
    assert_eq!(
        r.rules.late.min_resolved,
        Rules::default().rules.late.min_resolved
    );
    assert!(Rules::parse("[rules.late]\nmin_late_rat = 0.1\n").is_err());
    assert!(Rules::parse("target_share = 2\n").is_err());
}

#[test]
fn the_registry_of_the_same_or_an_earlier_year_is_joined() {
    let stats = df![
        c::YEAR => [2023i32, 2024],
        c::UNIT => ["Sở A", "Sở A"],
        c::CODE => ["1.000001", "1.000001"],
        c::RECEIVED => [Some(5i64), Some(0)],
    ]
    .unwrap();
    let registry = df![
        c::YEAR => [2022i32, 2024, 2024],
        c::UNIT => ["Sở A", "Sở A", "Sở A"],
        c::CODE => ["1.000001", "1.000001", "1.000002"],
        c::LEGAL_DAYS => [Some(10.0), Some(7.0), Some(3.0)],
    ]
    .unwrap();
    let procs = join(&stats, &registry).unwrap();
    let find = |year: i32, code: &str| {
        procs
            .iter()
            .find(|p| p.year == year && p.code == code)
            .cloned()
    };
    assert_eq!(find(2023, "1.000001").unwrap().legal_days, Some(10.0));
    assert_eq!(find(2024, "1.000001").unwrap().legal_days, Some(7.0));
    // A registry procedure without statistics in a year with statistics: known, not zero.
    let quiet = find(2024, "1.000002").unwrap();
    assert!(!quiet.has_stats);
    assert_eq!(quiet.received, None);
    assert_eq!(procs.len(), 4);
}
