//! Synthetic dossier logs (sổ theo dõi hồ sơ) of one unit and year, with the registry of their
//! procedures, in the shape provincial one-stop-shop systems export: ~20 columns, the applicant's
//! details among them, dates as `dd/MM/yyyy HH:mm:ss`, statuses as texts (CSV) or codes 1–10
//! (workbook). Receipts follow the working days of Vietnam's calendar, busier in the weeks before
//! Tết; a share of dossiers wait for a supplement, some are extended, a few withdrawn, and the
//! last weeks' dossiers are still pending at the year's end. The office's due dates are the legal
//! ones except in the planted manipulations, which [`Planted`] lists by code: completion times
//! overwritten with the due time (an "overdue reset"), due dates written later than the law's,
//! withdrawn dossiers with a result, results dated before receipt, codes whose date is not the
//! receipt's. Every figure is synthetic.

use std::io::{BufWriter, Write};
use std::path::Path;

use cchc_calendar::{Calendar, Day, Limit, LimitUnit, Moment};

use crate::scorecards::Lcg;
use crate::sheet::{SheetSpec, n, t, write_xlsx};

/// A procedure of the generated registry.
pub struct Procedure {
    pub code: &'static str,
    pub name: &'static str,
    pub field: &'static str,
    /// The time limit as the registry writes it.
    pub limit_text: &'static str,
    pub limit: (f64, LimitUnit),
    /// Its share of the dossiers.
    pub weight: f64,
}

/// The registry of the generated logs (real procedure titles; limits in working days, calendar
/// days and same day).
pub const PROCEDURES: [Procedure; 8] = [
    Procedure {
        code: "2.000815",
        name: "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        field: "Chứng thực",
        limit_text: "Trong ngày",
        limit: (0.0, LimitUnit::SameDay),
        weight: 0.30,
    },
    Procedure {
        code: "2.000913",
        name: "Chứng thực chữ ký trong các giấy tờ, văn bản",
        field: "Chứng thực",
        limit_text: "Trong ngày",
        limit: (0.0, LimitUnit::SameDay),
        weight: 0.12,
    },
    Procedure {
        code: "1.001193",
        name: "Thủ tục đăng ký khai sinh",
        field: "Hộ tịch",
        limit_text: "03 ngày làm việc",
        limit: (3.0, LimitUnit::WorkingDays),
        weight: 0.18,
    },
    Procedure {
        code: "1.000894",
        name: "Thủ tục đăng ký kết hôn",
        field: "Hộ tịch",
        limit_text: "05 ngày làm việc",
        limit: (5.0, LimitUnit::WorkingDays),
        weight: 0.08,
    },
    Procedure {
        code: "2.000635",
        name: "Cấp bản sao trích lục hộ tịch",
        field: "Hộ tịch",
        limit_text: "02 ngày làm việc",
        limit: (2.0, LimitUnit::WorkingDays),
        weight: 0.10,
    },
    Procedure {
        code: "2.001263",
        name: "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
        field: "Lý lịch tư pháp",
        limit_text: "10 ngày",
        limit: (10.0, LimitUnit::CalendarDays),
        weight: 0.14,
    },
    Procedure {
        code: "1.008924",
        name: "Đăng ký hoạt động của Văn phòng công chứng",
        field: "Công chứng",
        limit_text: "20 ngày",
        limit: (20.0, LimitUnit::CalendarDays),
        weight: 0.03,
    },
    Procedure {
        code: "2.000908",
        name: "Cấp giấy chứng nhận đăng ký hoạt động của Trung tâm trọng tài",
        field: "Trọng tài thương mại",
        limit_text: "15 ngày làm việc",
        limit: (15.0, LimitUnit::WorkingDays),
        weight: 0.05,
    },
];

/// What a log is made of.
#[derive(Debug, Clone)]
pub struct LogSpec {
    pub rows: u32,
    pub year: i32,
    pub unit: String,
    /// The unit's code in dossier codes (`000.00.17.H56`).
    pub unit_code: String,
    pub seed: u64,
}

impl LogSpec {
    pub fn new(rows: u32, year: i32) -> LogSpec {
        LogSpec {
            rows,
            year,
            unit: "Sở Tư pháp".into(),
            unit_code: "000.00.17.H56".into(),
            seed: 2026,
        }
    }
}

/// The planted manipulations, by dossier code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Planted {
    pub overdue_reset: Vec<String>,
    pub due_later_than_legal: Vec<String>,
    pub withdrawn_with_result: Vec<String>,
    pub result_before_receipt: Vec<String>,
    pub code_date_mismatch: Vec<String>,
    /// Not a manipulation: dossiers resolved on the due day a few seconds after the due time
    /// (`17:00:00` due, `17:00:40` done). To the minute they look like an overdue reset; as
    /// written they are not, and the audit must not flag them.
    pub seconds_after_due: Vec<String>,
}

/// One generated dossier.
struct Row {
    code: String,
    procedure: usize,
    channel: u8,
    submitted: Moment,
    received: Moment,
    due: Moment,
    extended: Option<Moment>,
    supplement: Option<(Moment, Moment)>,
    resolved: Option<Moment>,
    /// The seconds written after the result's minute, when they are not the usual ones.
    resolved_second: Option<u32>,
    returned: Option<Moment>,
    status: u8,
    person: u32,
}

const HEADER: [&str; 20] = [
    "STT",
    "Mã hồ sơ",
    "Mã TTHC",
    "Tên thủ tục hành chính",
    "Lĩnh vực",
    "Đơn vị tiếp nhận",
    "Kênh nộp",
    "Chủ hồ sơ",
    "Địa chỉ",
    "Số điện thoại",
    "Email",
    "Ngày nộp",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày gia hạn",
    "Ngày yêu cầu bổ sung",
    "Ngày nhận bổ sung",
    "Ngày có kết quả",
    "Ngày trả kết quả",
    "Trạng thái",
];

const STATUS: [&str; 10] = [
    "Mới đăng ký",
    "Được tiếp nhận",
    "Không được tiếp nhận",
    "Đang xử lý",
    "Yêu cầu bổ sung",
    "Thực hiện nghĩa vụ tài chính",
    "Rút hồ sơ",
    "Dừng xử lý",
    "Đã xử lý xong",
    "Đã trả kết quả",
];

const CHANNEL: [&str; 3] = ["Trực tiếp", "Trực tuyến", "Bưu chính công ích"];

/// A moment as logs write it, to the second (the seconds a function of the minute, unless given).
fn show(m: Moment) -> String {
    show_at(m, (m.minute as u32 * 7) % 60)
}

fn show_at(m: Moment, second: u32) -> String {
    format!("{m}:{second:02}")
}

/// The generated dossiers.
fn generate(spec: &LogSpec) -> (Vec<Row>, Planted) {
    let cal = Calendar::vietnam();
    let mut rng = Lcg::new(spec.seed);
    let tet = cchc_calendar::lunar::tet(spec.year);
    let first = Day::from_ymd(spec.year, 1, 1).expect("1 January");
    let last = Day::from_ymd(spec.year, 12, 31).expect("31 December");
    // Receipt days: working days, weighted (the three weeks before Tết are busier).
    let mut days: Vec<(Day, f64)> = Vec::new();
    let mut d = first;
    while d <= last {
        if cal.is_working_day(d).unwrap_or(false) {
            let before_tet = d < tet && d.0 >= tet.0 - 21;
            days.push((d, if before_tet { 1.8 } else { 1.0 }));
        }
        d = d.plus(1);
    }
    let total: f64 = days.iter().map(|(_, w)| w).sum();
    let mut cumulative = Vec::with_capacity(days.len());
    let mut acc = 0.0;
    for (day, w) in &days {
        acc += w / total;
        cumulative.push((*day, acc));
    }
    let weights: f64 = PROCEDURES.iter().map(|p| p.weight).sum();
    let mut rows: Vec<Row> = Vec::with_capacity(spec.rows as usize);
    let mut seq: std::collections::HashMap<Day, u32> = std::collections::HashMap::new();
    let mut planted = Planted::default();
    // About one dossier in fifty (at most one in five hundred) carries a manipulation.
    let plant_every = (spec.rows / 50).clamp(1, 500);
    for i in 0..spec.rows {
        let r = rng.next_f64();
        let day = cumulative
            .iter()
            .find(|(_, c)| *c >= r)
            .map_or(last, |(d, _)| *d);
        let minute = 450 + (rng.next_f64() * 570.0) as u16; // 07:30–17:00
        let received = Moment::new(day, minute.min(1019));
        let mut pick = rng.next_f64() * weights;
        let procedure = PROCEDURES
            .iter()
            .position(|p| {
                pick -= p.weight;
                pick <= 0.0
            })
            .unwrap_or(0);
        let p = &PROCEDURES[procedure];
        let limit = Limit::new(p.limit.0, p.limit.1);
        let channel = match rng.next_f64() {
            x if x < 0.45 => 2,
            x if x < 0.9 => 1,
            _ => 3,
        };
        let submitted = if channel == 2 {
            Moment::from_minutes(received.minutes() - (rng.next_f64() * 4000.0) as i64)
        } else {
            received
        };
        let legal = cal
            .due(received, limit)
            .expect("the calendar covers the year");
        let n = seq.entry(day).or_default();
        *n += 1;
        let (y, m, dd) = day.ymd();
        let mut code = format!("{}-{:02}{m:02}{dd:02}-{:04}", spec.unit_code, y % 100, *n);
        // A supplement request for 8%: the clock stops from the request to the supplement.
        let supplement = (rng.next_f64() < 0.08).then(|| {
            let from = cal.add_working_days(day, 1).expect("covered");
            let to = cal
                .add_working_days(from, 2 + (rng.next_f64() * 4.0) as u32)
                .expect("covered");
            (Moment::new(from, 600), Moment::new(to, 900))
        });
        let due_day = match supplement {
            Some((a, b)) => cal
                .extend(legal, limit.unit, a.day, b.day)
                .expect("covered"),
            None => legal,
        };
        // An extension for 2%: written beside the due date, 5 working days later.
        let mut extended = (rng.next_f64() < 0.02)
            .then(|| Moment::new(cal.add_working_days(due_day, 5).expect("covered"), 1020));
        let target = extended.map_or(due_day, |e| e.day);
        // Processing: most before or on the due date, some late.
        let pace = rng.next_f64();
        let result_day = if pace < 0.55 {
            // Early: between receipt and the day before the due date (or on receipt).
            let span = cal.working_days_between(day, target).unwrap_or(0).max(1) as u32;
            let k = (rng.next_f64() * span as f64) as u32;
            let d = cal.add_working_days(day, k).expect("covered");
            if d >= target && target > day { day } else { d }
        } else if pace < 0.90 {
            target
        } else {
            cal.add_working_days(target, 1 + (rng.next_f64() * 6.0) as u32)
                .expect("covered")
        };
        let result_minute = 451 + (rng.next_f64() * 560.0) as u16;
        let result_minute = if result_minute.is_multiple_of(60) {
            result_minute + 1
        } else {
            result_minute
        };
        let mut resolved = Some(Moment::new(result_day, result_minute));
        let mut status = 10u8;
        if result_day > last {
            resolved = None;
            status = if supplement.is_some() { 5 } else { 4 };
        }
        if rng.next_f64() < 0.01 {
            resolved = None;
            status = 7;
        }
        let mut returned = resolved.map(|r| Moment::new(r.day, (r.minute + 30).min(1020)));
        let mut due = Moment::new(due_day, 1020);
        let mut resolved_second = None;
        // Innocent look-alikes of an overdue reset: resolved on the due day, seconds after the
        // due time (more of them than a unit needs to be suspected, had the seconds been lost).
        if i % plant_every == plant_every / 4
            && resolved.is_some()
            && status == 10
            && due.day <= last
        {
            resolved = Some(due);
            resolved_second = Some(1 + i % 59);
            returned = Some(Moment::new(due.day, due.minute + 5));
            planted.seconds_after_due.push(code.clone());
        }
        // The planted manipulations, one kind per dossier, in turn.
        if i % plant_every == plant_every / 2 && resolved.is_some() {
            match (i / plant_every) % 5 {
                0 => {
                    resolved_second = None;
                    // A late dossier's completion overwritten with the due time.
                    let when = due;
                    resolved = Some(when);
                    returned = Some(when);
                    planted.overdue_reset.push(code.clone());
                }
                1 => {
                    // Later than the law's, with no extension recorded.
                    extended = None;
                    due = Moment::new(cal.add_working_days(due_day, 5).expect("covered"), 1020);
                    planted.due_later_than_legal.push(code.clone());
                }
                2 => {
                    status = 7;
                    planted.withdrawn_with_result.push(code.clone());
                }
                3 => {
                    let before = Moment::new(day.plus(-2), 600);
                    resolved = Some(before);
                    returned = Some(before);
                    planted.result_before_receipt.push(code.clone());
                }
                _ => {
                    let earlier = day.plus(-3);
                    let (y, m, dd) = earlier.ymd();
                    // Sequences from 80000 up are never given to a day's own dossiers.
                    let n = 80_000 + planted.code_date_mismatch.len();
                    code = format!("{}-{:02}{m:02}{dd:02}-{n}", spec.unit_code, y % 100);
                    planted.code_date_mismatch.push(code.clone());
                }
            }
        }
        rows.push(Row {
            code,
            procedure,
            channel,
            submitted,
            received,
            due,
            extended,
            supplement,
            resolved,
            resolved_second,
            returned,
            status,
            person: (rng.next_f64() * 1e6) as u32,
        });
    }
    (rows, planted)
}

fn fields(spec: &LogSpec, i: usize, r: &Row, status_as_code: bool) -> [String; 20] {
    let p = &PROCEDURES[r.procedure];
    let opt = |m: Option<Moment>| m.map(show).unwrap_or_default();
    [
        (i + 1).to_string(),
        r.code.clone(),
        p.code.to_owned(),
        p.name.to_owned(),
        p.field.to_owned(),
        spec.unit.to_owned(),
        CHANNEL[r.channel as usize - 1].to_owned(),
        format!("Nguyễn Văn Dân {}", r.person),
        format!("Số {} đường Lê Lợi", r.person % 500),
        format!("09{:08}", r.person),
        format!("dan{}@example.vn", r.person),
        show(r.submitted),
        show(r.received),
        show(r.due),
        opt(r.extended),
        opt(r.supplement.map(|s| s.0)),
        opt(r.supplement.map(|s| s.1)),
        match (r.resolved, r.resolved_second) {
            (Some(m), Some(second)) => show_at(m, second),
            (m, _) => opt(m),
        },
        opt(r.returned),
        if status_as_code {
            r.status.to_string()
        } else {
            STATUS[r.status as usize - 1].to_owned()
        },
    ]
}

/// Writes the log as CSV (UTF-8 with BOM, `;`), statuses as texts; returns what was planted.
pub fn write_log_csv(path: &Path, spec: &LogSpec) -> std::io::Result<Planted> {
    let (rows, planted) = generate(spec);
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    out.write_all("\u{feff}".as_bytes())?;
    writeln!(out, "{}", HEADER.join(";"))?;
    for (i, r) in rows.iter().enumerate() {
        let f = fields(spec, i, r, false);
        let quoted: Vec<String> = f
            .iter()
            .map(|v| {
                if v.contains([';', '"', '\n']) {
                    format!("\"{}\"", v.replace('"', "\"\""))
                } else {
                    v.clone()
                }
            })
            .collect();
        writeln!(out, "{}", quoted.join(";"))?;
    }
    out.flush()?;
    Ok(planted)
}

/// Writes the log as a workbook (a title, the header, statuses as codes 1–10); returns what was
/// planted. For logs under Excel's row limit.
pub fn write_log_xlsx(path: &Path, spec: &LogSpec) -> Result<Planted, crate::Error> {
    let (rows, planted) = generate(spec);
    let mut s = SheetSpec::new("So theo doi");
    s.row(
        0,
        vec![Some(t(&format!(
            "SỔ THEO DÕI HỒ SƠ NĂM {} - {}",
            spec.year,
            spec.unit.to_uppercase()
        )))],
    );
    s.row(2, HEADER.iter().map(|h| Some(t(h))).collect());
    for (i, r) in rows.iter().enumerate() {
        let f = fields(spec, i, r, true);
        let cells = f
            .iter()
            .enumerate()
            .map(|(j, v)| {
                (!v.is_empty()).then(|| match j {
                    0 | 19 => n(v.parse().unwrap_or(0.0)),
                    _ => t(v),
                })
            })
            .collect();
        s.row(3 + i as u32, cells);
    }
    write_xlsx(path, &[s])?;
    Ok(planted)
}

/// Writes the registry of [`PROCEDURES`] for the unit and year.
pub fn write_registry_xlsx(path: &Path, spec: &LogSpec) -> Result<(), crate::Error> {
    let mut s = SheetSpec::new("Danh muc");
    s.row(
        0,
        vec![Some(t(&format!(
            "DANH MỤC THỦ TỤC HÀNH CHÍNH NĂM {} - {}",
            spec.year,
            spec.unit.to_uppercase()
        )))],
    );
    s.row(
        2,
        [
            "STT",
            "Mã TTHC",
            "Tên thủ tục hành chính",
            "Lĩnh vực",
            "Thời hạn giải quyết",
        ]
        .iter()
        .map(|h| Some(t(h)))
        .collect(),
    );
    for (i, p) in PROCEDURES.iter().enumerate() {
        s.row(
            3 + i as u32,
            vec![
                Some(n(i as f64 + 1.0)),
                Some(t(p.code)),
                Some(t(p.name)),
                Some(t(p.field)),
                Some(t(p.limit_text)),
            ],
        );
    }
    write_xlsx(path, &[s])?;
    Ok(())
}
