use super::*;

fn d(y: i32, m: u32, dd: u32) -> Day {
    Day::from_ymd(y, m, dd).unwrap()
}

fn at(day: Day, h: u16, m: u16) -> Moment {
    Moment::new(day, h * 60 + m)
}

#[test]
fn the_table_covers_2020_to_2027_and_its_lunar_days_are_computed_ones() {
    let cal = Calendar::vietnam();
    let (first, last) = cal.years();
    assert_eq!(first, 2020);
    assert!(last >= 2027, "the table must reach next year, ends {last}");
    for year in first..=last {
        let tet: Vec<_> = cal
            .entries()
            .iter()
            .filter(|e| e.date.year() == year && e.name.contains("(mùng 1)"))
            .collect();
        assert_eq!(tet.len(), 1, "one first day of Tết in {year}");
        assert_eq!(tet[0].date, lunar::tet(year), "Tết {year}");
        let hung: Vec<_> = cal
            .entries()
            .iter()
            .filter(|e| e.date.year() == year && e.name.starts_with("Giỗ Tổ"))
            .collect();
        assert_eq!(hung.len(), 1, "one Giỗ Tổ in {year}");
        assert_eq!(hung[0].date, lunar::hung_kings(year), "Giỗ Tổ {year}");
        // The Tết days named by their lunar day are those lunar days.
        for e in cal.entries().iter().filter(|e| e.date.year() == year) {
            let l = lunar::to_lunar(e.date);
            for (label, day, month) in [
                ("mùng 2", 2, 1),
                ("mùng 3", 3, 1),
                ("mùng 4", 4, 1),
                ("mùng 5", 5, 1),
                ("28 tháng Chạp", 28, 12),
                ("29 tháng Chạp", 29, 12),
                ("30 tháng Chạp", 30, 12),
            ] {
                if e.name.contains(label) {
                    assert_eq!((l.day, l.month), (day, month), "{} {}", e.date, e.name);
                }
            }
        }
        // Every fixed holiday is in the table.
        for (m, dd) in [(1, 1), (4, 30), (5, 1), (9, 2)] {
            let e = cal.entry(d(year, m, dd)).expect("a fixed holiday");
            assert_eq!(e.kind, DayKind::Holiday, "{}", e.date);
        }
    }
}

#[test]
fn working_days_follow_the_swaps_and_refuse_years_not_covered() {
    let cal = Calendar::vietnam();
    // 2024: Monday 29/4 off, Saturday 4/5 worked (2450/VPCP-KGVX).
    assert!(!cal.is_working_day(d(2024, 4, 29)).unwrap());
    assert!(cal.is_working_day(d(2024, 5, 4)).unwrap());
    assert!(!cal.is_working_day(d(2024, 5, 5)).unwrap());
    // 2026: Friday 2/1 off, Saturday 10/1 worked (12729/VPCP-KGVX).
    assert!(!cal.is_working_day(d(2026, 1, 2)).unwrap());
    assert!(cal.is_working_day(d(2026, 1, 10)).unwrap());
    // Tết 2026: Monday 16/2 to Friday 20/2 off.
    assert_eq!(
        cal.next_working_day(d(2026, 2, 13)).unwrap(),
        d(2026, 2, 23)
    );
    assert_eq!(
        cal.working_days_between(d(2026, 2, 13), d(2026, 2, 23))
            .unwrap(),
        1
    );
    assert_eq!(
        cal.working_days_between(d(2026, 2, 23), d(2026, 2, 13))
            .unwrap(),
        -1
    );
    let err = cal.is_working_day(d(2019, 12, 31)).unwrap_err();
    assert_eq!(
        err,
        CalendarError::NotCovered {
            year: 2019,
            first: 2020,
            last: cal.years().1
        }
    );
    assert!(cal.add_working_days(d(2027, 12, 30), 5).is_err());
}

#[test]
fn due_dates_in_each_unit() {
    let cal = Calendar::vietnam();
    let wd = |n| Limit::new(n, LimitUnit::WorkingDays);
    // Received Friday 9/1/2026: 3 working days → Sat 10/1 (make-up), Mon 12, Tue 13.
    assert_eq!(
        cal.due(at(d(2026, 1, 9), 9, 0), wd(3.0)).unwrap(),
        d(2026, 1, 13)
    );
    // Across Tết 2026: received Thursday 12/2, 2 working days → Fri 13/2, Mon 23/2.
    assert_eq!(
        cal.due(at(d(2026, 2, 12), 9, 0), wd(2.0)).unwrap(),
        d(2026, 2, 23)
    );
    // Calendar days: 10 days from Wed 7/1/2026 end Sat 17/1 → Monday 19/1 (Art. 148).
    let days10 = Limit::new(10.0, LimitUnit::CalendarDays);
    assert_eq!(
        cal.due(at(d(2026, 1, 7), 9, 0), days10).unwrap(),
        d(2026, 1, 19)
    );
    // Same day: before the 15:00 cut-off the same day, after it the next working day.
    let same = Limit::new(0.0, LimitUnit::SameDay);
    assert_eq!(
        cal.due(at(d(2026, 3, 5), 14, 59), same).unwrap(),
        d(2026, 3, 5)
    );
    assert_eq!(
        cal.due(at(d(2026, 3, 6), 15, 0), same).unwrap(),
        d(2026, 3, 9)
    );
    // Working hours: 4 hours from Thursday 16:00 → 1.5 h that day, 2.5 h on Friday.
    let hours4 = Limit::new(4.0, LimitUnit::WorkingHours);
    assert_eq!(
        cal.due(at(d(2026, 3, 5), 16, 0), hours4).unwrap(),
        d(2026, 3, 6)
    );
    assert_eq!(
        cal.due(at(d(2026, 3, 5), 7, 0), hours4).unwrap(),
        d(2026, 3, 5)
    );
    // Half a working day from 14:00 Friday: 3.5 h on Friday, 0.5 h on Monday.
    assert_eq!(
        cal.due(at(d(2026, 3, 6), 14, 0), wd(0.5)).unwrap(),
        d(2026, 3, 9)
    );
    // A supplement request from Mon 9/3 to Thu 12/3 pauses 3 working days.
    let due = d(2026, 3, 16);
    let moved = cal
        .extend(due, LimitUnit::WorkingDays, d(2026, 3, 9), d(2026, 3, 12))
        .unwrap();
    assert_eq!(moved, d(2026, 3, 19));
}

#[test]
fn hours_come_from_the_province_section_over_the_default() {
    let text = r#"
[default]
same_day_cutoff = "16:00"
[province."Hà Nội"]
morning = "08:00-12:00"
afternoon = "13:00-17:00"
"#;
    let hn = Hours::from_toml(text, Some("hà nội")).unwrap();
    assert_eq!(
        hn.morning,
        Span {
            start: 480,
            end: 720
        }
    );
    assert_eq!(hn.same_day_cutoff, 960);
    assert_eq!(hn.minutes_per_day(), 480);
    let other = Hours::from_toml(text, Some("Huế")).unwrap();
    assert_eq!(
        other.morning,
        Span {
            start: 450,
            end: 690
        }
    );
    let bad = Hours::from_toml("[default]\nmorning = \"11:30-07:30\"", None).unwrap_err();
    assert!(bad.to_string().contains("ends before it starts"), "{bad}");
    assert!(Hours::from_toml("[default]\ncutoff = \"15:00\"", None).is_err());
    // Pending days (the 2027 Tết days not yet decided) count as days off unless told otherwise.
    let cal = Calendar::vietnam();
    assert!(!cal.is_working_day(d(2027, 2, 8)).unwrap());
    let open = Hours::from_toml("[default]\npending_days_off = false", None).unwrap();
    let cal = Calendar::with_hours(open).unwrap();
    assert!(cal.is_working_day(d(2027, 2, 8)).unwrap());
}

#[test]
fn a_damaged_table_is_an_error_naming_its_line() {
    let csv = "date,kind,name,basis,decision\n2026-01-10,swap_off,x,y,z\n";
    let err = Calendar::from_table(csv, Hours::default()).unwrap_err();
    assert!(matches!(err, CalendarError::Table { line: 2, .. }), "{err}");
    let csv = "date,kind,name,basis,decision\n2026-01-02,holiday,x,y\n";
    assert!(Calendar::from_table(csv, Hours::default()).is_err());
}
