//! Procedure registries and dossier statistics, synthetic (marked as such in every title), in the
//! layouts one-stop offices produce: title lines, a two-row header with merged bands ("Số hồ sơ
//! tiếp nhận" over the channels, "Kết quả giải quyết" over early / on time / late), a
//! column-number row, field section rows carrying subtotals, "-" for none, numbers typed as text
//! with Vietnamese thousands dots, a total row, and a signature block. The registry comes as its
//! own file for one unit, and inside the statistics sheet for the other.
//!
//! The figures are drawn from a fixed-seed generator so the files are byte-for-byte the same on
//! every run. Procedure names are real procedure titles; the codes are made up in the national
//! format and do not identify real procedures.

use crate::scorecards::Lcg;
use crate::sheet::{Cell, SheetSpec, n, t};

/// A marker every title carries: these figures are not real.
pub const SYNTHETIC: &str = "(DỮ LIỆU MÔ PHỎNG — synthetic data for the cchc demo)";

/// Years of statistics.
pub const YEARS: [i32; 3] = [2022, 2023, 2024];

/// A procedure of the synthetic registry.
#[derive(Debug, Clone, Copy)]
pub struct Proc {
    pub code: &'static str,
    pub name: &'static str,
    /// Index into the unit's fields.
    pub field: usize,
    pub legal_days: f64,
    pub fee: f64,
    /// "Toàn trình", "Một phần" or "" (not online).
    pub level: &'static str,
    pub components: u32,
    /// Dossiers a year (0 = none at all).
    pub volume: u32,
    /// Actual time as a share of the legal limit.
    pub pace: f64,
    /// Share resolved late.
    pub late: f64,
}

#[allow(clippy::too_many_arguments)] // a table row, read in order
const fn p(
    code: &'static str,
    name: &'static str,
    field: usize,
    legal_days: f64,
    fee: f64,
    level: &'static str,
    components: u32,
    volume: u32,
    pace: f64,
    late: f64,
) -> Proc {
    Proc {
        code,
        name,
        field,
        legal_days,
        fee,
        level,
        components,
        volume,
        pace,
        late,
    }
}

/// Sở Kế hoạch và Đầu tư: fields and procedures.
pub const KHDT_FIELDS: [&str; 4] = [
    "Thành lập và hoạt động của doanh nghiệp",
    "Đầu tư tại Việt Nam",
    "Thành lập và hoạt động của hợp tác xã",
    "Đấu thầu",
];

/// The procedures of Sở Kế hoạch và Đầu tư.
#[rustfmt::skip]
pub const KHDT: [Proc; 30] = [
    p("1.005001", "Đăng ký thành lập doanh nghiệp tư nhân", 0, 3.0, 50000.0, "Toàn trình", 4, 420, 0.55, 0.01),
    p("1.005002", "Đăng ký thành lập công ty TNHH một thành viên", 0, 3.0, 50000.0, "Toàn trình", 5, 980, 0.6, 0.02),
    p("1.005003", "Đăng ký thành lập công ty TNHH hai thành viên trở lên", 0, 3.0, 50000.0, "Toàn trình", 6, 610, 0.6, 0.02),
    p("1.005004", "Đăng ký thành lập công ty cổ phần", 0, 3.0, 50000.0, "Toàn trình", 7, 540, 0.65, 0.03),
    p("1.005005", "Đăng ký thay đổi địa chỉ trụ sở chính", 0, 3.0, 50000.0, "Toàn trình", 3, 760, 0.5, 0.01),
    p("1.005006", "Đăng ký thay đổi người đại diện theo pháp luật", 0, 3.0, 50000.0, "Toàn trình", 4, 520, 0.5, 0.08),
    p("1.005007", "Thông báo tạm ngừng kinh doanh", 0, 3.0, 0.0, "Toàn trình", 2, 690, 0.4, 0.0),
    p("1.005008", "Giải thể doanh nghiệp", 0, 5.0, 0.0, "Một phần", 6, 310, 0.9, 0.11),
    p("1.005009", "Đăng ký thành lập chi nhánh, văn phòng đại diện", 0, 3.0, 50000.0, "Toàn trình", 4, 380, 0.6, 0.02),
    p("1.005010", "Cấp lại Giấy chứng nhận đăng ký doanh nghiệp bị mất", 0, 3.0, 50000.0, "Một phần", 2, 45, 0.5, 0.0),
    p("1.005011", "Chuyển đổi doanh nghiệp tư nhân thành công ty", 0, 3.0, 50000.0, "Một phần", 8, 22, 0.7, 0.05),
    p("2.001101", "Cấp Giấy chứng nhận đăng ký đầu tư (dự án không thuộc diện chấp thuận chủ trương)", 1, 15.0, 0.0, "Một phần", 9, 64, 0.3, 0.0),
    p("2.001102", "Điều chỉnh Giấy chứng nhận đăng ký đầu tư", 1, 10.0, 0.0, "Một phần", 7, 120, 0.35, 0.04),
    p("2.001103", "Chấp thuận chủ trương đầu tư của UBND cấp tỉnh", 1, 35.0, 0.0, "Một phần", 10, 38, 0.85, 0.16),
    p("2.001104", "Điều chỉnh văn bản chấp thuận chủ trương đầu tư", 1, 25.0, 0.0, "Một phần", 8, 26, 0.9, 0.12),
    p("2.001105", "Chấm dứt hoạt động dự án đầu tư", 1, 15.0, 0.0, "Một phần", 5, 14, 0.6, 0.0),
    p("2.001106", "Cấp lại Giấy chứng nhận đăng ký đầu tư", 1, 5.0, 0.0, "", 3, 6, 0.6, 0.0),
    p("2.001107", "Giãn tiến độ đầu tư", 1, 15.0, 0.0, "Một phần", 6, 11, 0.4, 0.0),
    p("2.001108", "Chuyển nhượng dự án đầu tư", 1, 15.0, 0.0, "Một phần", 9, 9, 0.8, 0.0),
    p("2.001109", "Cung cấp thông tin về dự án đầu tư", 1, 5.0, 0.0, "", 1, 0, 0.0, 0.0),
    p("3.000201", "Đăng ký thành lập hợp tác xã", 2, 5.0, 100000.0, "Một phần", 6, 48, 0.45, 0.0),
    p("3.000202", "Đăng ký thay đổi nội dung đăng ký hợp tác xã", 2, 5.0, 100000.0, "Một phần", 4, 36, 0.4, 0.03),
    p("3.000203", "Đăng ký thành lập chi nhánh hợp tác xã", 2, 5.0, 100000.0, "Một phần", 4, 0, 0.0, 0.0),
    p("3.000204", "Giải thể tự nguyện hợp tác xã", 2, 5.0, 0.0, "", 5, 7, 0.8, 0.0),
    p("3.000205", "Cấp lại giấy chứng nhận đăng ký hợp tác xã", 2, 5.0, 0.0, "", 2, 0, 0.0, 0.0),
    p("3.000206", "Thông báo thay đổi nội dung đăng ký liên hiệp hợp tác xã", 2, 5.0, 0.0, "", 3, 0, 0.0, 0.0),
    p("1.009901", "Thẩm định kế hoạch lựa chọn nhà thầu", 3, 20.0, 0.0, "", 6, 86, 0.55, 0.07),
    p("1.009902", "Thẩm định hồ sơ mời thầu", 3, 20.0, 0.0, "", 5, 44, 0.45, 0.0),
    p("1.009903", "Giải quyết kiến nghị về lựa chọn nhà thầu", 3, 20.0, 0.0, "", 4, 3, 0.9, 0.0),
    p("1.009904", "Thẩm định kết quả lựa chọn nhà đầu tư", 3, 20.0, 0.0, "", 7, 0, 0.0, 0.0),
];

/// Sở Tư pháp: fields and procedures.
pub const TP_FIELDS: [&str; 3] = ["Lý lịch tư pháp", "Công chứng", "Luật sư"];

/// The procedures of Sở Tư pháp.
#[rustfmt::skip]
pub const TP: [Proc; 12] = [
    p("2.002001", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam", 0, 10.0, 200000.0, "Toàn trình", 3, 2400, 0.7, 0.03),
    p("2.002002", "Cấp Phiếu lý lịch tư pháp cho người nước ngoài", 0, 15.0, 200000.0, "Toàn trình", 3, 140, 0.8, 0.06),
    p("2.002003", "Cấp Phiếu lý lịch tư pháp cho cơ quan nhà nước", 0, 10.0, 0.0, "Một phần", 2, 310, 0.6, 0.0),
    p("2.002101", "Đăng ký hoạt động văn phòng công chứng", 1, 10.0, 1000000.0, "Một phần", 5, 12, 0.8, 0.0),
    p("2.002102", "Thay đổi nội dung đăng ký hoạt động văn phòng công chứng", 1, 10.0, 500000.0, "Một phần", 4, 18, 0.5, 0.0),
    p("2.002103", "Bổ nhiệm công chứng viên", 1, 20.0, 500000.0, "", 6, 24, 0.95, 0.09),
    p("2.002104", "Chuyển nhượng văn phòng công chứng", 1, 20.0, 0.0, "", 7, 0, 0.0, 0.0),
    p("2.002105", "Hợp nhất văn phòng công chứng", 1, 20.0, 0.0, "", 8, 0, 0.0, 0.0),
    p("2.002201", "Đăng ký hoạt động của tổ chức hành nghề luật sư", 2, 10.0, 100000.0, "Một phần", 4, 21, 0.6, 0.0),
    p("2.002202", "Cấp Giấy đăng ký hành nghề luật sư với tư cách cá nhân", 2, 7.0, 100000.0, "Một phần", 3, 9, 0.4, 0.0),
    p("2.002203", "Thay đổi người đại diện theo pháp luật của văn phòng luật sư", 2, 10.0, 50000.0, "Một phần", 3, 15, 0.3, 0.0),
    p("2.002204", "Đăng ký hoạt động chi nhánh của tổ chức hành nghề luật sư", 2, 10.0, 100000.0, "", 4, 2, 0.5, 0.0),
];

/// Synthetic units: (unit, fields, procedures, seed).
pub fn units() -> [(&'static str, &'static [&'static str], &'static [Proc], u64); 2] {
    [
        ("Sở Kế hoạch và Đầu tư", &KHDT_FIELDS, &KHDT, 4242),
        ("Sở Tư pháp", &TP_FIELDS, &TP, 77),
    ]
}

/// The figures of one procedure in one year.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    pub received: u32,
    pub online: u32,
    pub direct: u32,
    pub postal: u32,
    pub carried_over: u32,
    pub early: u32,
    pub on_time: u32,
    pub late: u32,
    pub pending_in_time: u32,
    pub pending_overdue: u32,
    pub actual_days: f64,
}

impl Figures {
    pub fn resolved(&self) -> u32 {
        self.early + self.on_time + self.late
    }

    pub fn pending(&self) -> u32 {
        self.pending_in_time + self.pending_overdue
    }
}

/// The figures of each procedure of a unit in a year (same order as the procedures).
pub fn figures(procs: &[Proc], seed: u64, year: i32) -> Vec<Figures> {
    let mut rng = Lcg::new(seed * 1000 + year as u64);
    let step = (year - YEARS[0]) as f64; // 0, 1, 2: online and postal grow, late falls
    procs
        .iter()
        .map(|p| {
            let jitter = 0.85 + 0.3 * rng.next_f64();
            let received = (p.volume as f64 * jitter * (1.0 + 0.08 * step)).round() as u32;
            if received == 0 {
                return Figures::default();
            }
            let online_share = match p.level {
                "Toàn trình" => 0.35 + 0.12 * step + 0.1 * rng.next_f64(),
                "Một phần" => 0.08 + 0.06 * step + 0.08 * rng.next_f64(),
                _ => 0.0,
            }
            .min(0.95);
            let postal_share = (0.05 + 0.035 * step + 0.04 * rng.next_f64()).min(0.3);
            let online = (received as f64 * online_share).round() as u32;
            let postal = ((received - online) as f64 * postal_share).round() as u32;
            let direct = received - online - postal;
            let carried_over = (received as f64 * 0.04 * rng.next_f64()).round() as u32;
            let pending = (received as f64 * 0.05 * rng.next_f64()).round() as u32;
            let resolved = received + carried_over - pending;
            let late_share = (p.late * (1.0 - 0.15 * step) * (0.8 + 0.4 * rng.next_f64())).max(0.0);
            let late = (resolved as f64 * late_share).round() as u32;
            let early = ((resolved - late) as f64 * (0.5 + 0.3 * rng.next_f64())).round() as u32;
            let on_time = resolved - late - early;
            let pending_overdue = (pending as f64 * p.late * 2.0).round() as u32;
            let actual = p.legal_days * p.pace * (0.9 + 0.2 * rng.next_f64());
            Figures {
                received,
                online,
                direct,
                postal,
                carried_over,
                early,
                on_time,
                late,
                pending_in_time: pending - pending_overdue,
                pending_overdue,
                actual_days: (actual * 10.0).round() / 10.0,
            }
        })
        .collect()
}

/// A count as offices type it: "-" for none, some as text with a thousands dot, the rest numbers.
fn count(x: u32, as_text: bool) -> Cell {
    if x == 0 {
        t("-")
    } else if as_text && x >= 1000 {
        t(&format!("{}.{:03}", x / 1000, x % 1000))
    } else {
        n(x as f64)
    }
}

fn roman(i: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI"][i]
}

/// The registry of a unit as its own workbook sheet ("Danh mục TTHC").
pub fn registry(unit: &str, fields: &[&str], procs: &[Proc], year: i32) -> SheetSpec {
    let mut s = SheetSpec::new("Danh mục TTHC");
    s.set(0, 0, t("UBND TỈNH ĐỒNG NAI"));
    s.set(1, 0, t(&unit.to_uppercase()));
    s.set(3, 0, t(&format!("DANH MỤC THỦ TỤC HÀNH CHÍNH NĂM {year}")));
    s.set(4, 0, t(&format!("Đơn vị: {unit}")));
    s.set(5, 0, t(SYNTHETIC));
    s.merge(3, 0, 3, 7).merge(5, 0, 5, 7);
    let header = [
        "STT",
        "Mã TTHC",
        "Tên thủ tục hành chính",
        "Thời hạn giải quyết",
        "Phí, lệ phí",
        "Mức độ DVC trực tuyến",
        "Số thành phần hồ sơ",
        "Ghi chú",
    ];
    for (c, h) in header.iter().enumerate() {
        s.set(6, c as u16, t(h));
    }
    s.bold_rows.push(6);
    let mut row = 7;
    for (fi, field) in fields.iter().enumerate() {
        s.row(
            row,
            vec![
                Some(t(roman(fi))),
                None,
                Some(t(&format!("Lĩnh vực {field}"))),
            ],
        );
        s.bold_rows.push(row);
        row += 1;
        for (k, p) in procs.iter().filter(|p| p.field == fi).enumerate() {
            let days = if k % 3 == 0 {
                t(&format!("{:02} ngày làm việc", p.legal_days as u32))
            } else {
                n(p.legal_days)
            };
            let fee = if p.fee == 0.0 {
                t("Không")
            } else if k % 2 == 0 {
                t(&format!("{} đồng", fmt_thousands(p.fee as u64)))
            } else {
                n(p.fee)
            };
            s.row(
                row,
                vec![
                    Some(n((k + 1) as f64)),
                    Some(t(p.code)),
                    Some(t(p.name)),
                    Some(days),
                    Some(fee),
                    (!p.level.is_empty()).then(|| t(p.level)),
                    Some(n(p.components as f64)),
                ],
            );
            row += 1;
        }
    }
    row += 1;
    s.set(row, 5, t("GIÁM ĐỐC"));
    s.set(row + 1, 5, t("(Đã ký)"));
    s
}

fn fmt_thousands(x: u64) -> String {
    let d = x.to_string();
    let mut out = String::new();
    for (i, ch) in d.chars().enumerate() {
        if i > 0 && (d.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// The dossier statistics of a unit and year. With `with_registry`, the legal time limit and the
/// online level sit in the same sheet (the combined layout); `mismatch` makes one section
/// subtotal disagree with its rows, as real reports do.
pub fn statistics(
    unit: &str,
    fields: &[&str],
    procs: &[Proc],
    seed: u64,
    year: i32,
    with_registry: bool,
    mismatch: bool,
) -> SheetSpec {
    let figs = figures(procs, seed, year);
    let mut s = SheetSpec::new(&format!("Năm {year}"));
    s.set(0, 0, t("UBND TỈNH ĐỒNG NAI"));
    s.set(1, 0, t(&unit.to_uppercase()));
    s.set(
        3,
        0,
        t(&format!(
            "BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH NĂM {year}"
        )),
    );
    s.set(4, 0, t(&format!("(Kèm theo Báo cáo của {unit})")));
    s.set(5, 0, t(SYNTHETIC));
    let mut cols: Vec<&str> = vec!["STT", "Mã TTHC", "Tên thủ tục hành chính"];
    if with_registry {
        cols.extend(["Thời hạn giải quyết (ngày)", "Mức độ DVC trực tuyến"]);
    }
    let first_band = cols.len() as u16;
    let last = first_band + 12;
    for r in [3u32, 4, 5] {
        s.merge(r, 0, r, last);
    }
    let (h1, h2) = (7u32, 8u32);
    for (c, h) in cols.iter().enumerate() {
        s.set(h1, c as u16, t(h));
        s.merge(h1, c as u16, h2, c as u16);
    }
    let b = first_band;
    s.set(h1, b, t("Số hồ sơ tiếp nhận"));
    s.merge(h1, b, h1, b + 3);
    for (i, h) in ["Tổng số", "Trực tuyến", "Trực tiếp", "Qua BCCI"]
        .iter()
        .enumerate()
    {
        s.set(h2, b + i as u16, t(h));
    }
    s.set(h1, b + 4, t("Tồn kỳ trước"));
    s.merge(h1, b + 4, h2, b + 4);
    s.set(h1, b + 5, t("Kết quả giải quyết"));
    s.merge(h1, b + 5, h1, b + 8);
    for (i, h) in ["Tổng số", "Trước hạn", "Đúng hạn", "Trễ hạn"]
        .iter()
        .enumerate()
    {
        s.set(h2, b + 5 + i as u16, t(h));
    }
    s.set(h1, b + 9, t("Đang giải quyết"));
    s.merge(h1, b + 9, h1, b + 10);
    for (i, h) in ["Trong hạn", "Quá hạn"].iter().enumerate() {
        s.set(h2, b + 9 + i as u16, t(h));
    }
    s.set(
        h1,
        b + 11,
        t("Thời gian giải quyết thực tế bình quân (ngày)"),
    );
    s.merge(h1, b + 11, h2, b + 11);
    s.set(h1, b + 12, t("Ghi chú"));
    s.merge(h1, b + 12, h2, b + 12);
    s.bold_rows.extend([h1, h2]);
    for c in 0..=last {
        s.set(h2 + 1, c, t(&format!("({})", c + 1)));
    }
    let numbers = |f: &Figures| -> [u32; 11] {
        [
            f.received,
            f.online,
            f.direct,
            f.postal,
            f.carried_over,
            f.resolved(),
            f.early,
            f.on_time,
            f.late,
            f.pending_in_time,
            f.pending_overdue,
        ]
    };
    let mut row = h2 + 2;
    let mut grand = [0u32; 11];
    for (fi, field) in fields.iter().enumerate() {
        let mut sub = [0u32; 11];
        for (_, f) in procs.iter().zip(&figs).filter(|(p, _)| p.field == fi) {
            for (k, v) in numbers(f).iter().enumerate() {
                sub[k] += v;
            }
        }
        if mismatch && fi == 0 {
            sub[0] += 12; // a stated subtotal that does not add up, as in real reports
        }
        s.set(row, 0, t(roman(fi)));
        s.set(row, 2, t(&format!("Lĩnh vực {field}")));
        for (k, v) in sub.iter().enumerate() {
            s.set(row, b + k as u16, count(*v, false));
        }
        s.bold_rows.push(row);
        row += 1;
        for (k, (p, f)) in procs
            .iter()
            .zip(&figs)
            .filter(|(p, _)| p.field == fi)
            .enumerate()
        {
            let mut cells = vec![Some(n((k + 1) as f64)), Some(t(p.code)), Some(t(p.name))];
            if with_registry {
                cells.push(Some(n(p.legal_days)));
                cells.push((!p.level.is_empty()).then(|| t(p.level)));
            }
            s.row(row, cells);
            for (j, v) in numbers(f).iter().enumerate() {
                s.set(row, b + j as u16, count(*v, j == 0 && k % 2 == 1));
            }
            if f.received > 0 || f.carried_over > 0 {
                s.set(row, b + 11, n(f.actual_days));
            }
            row += 1;
            for (j, v) in numbers(f).iter().enumerate() {
                grand[j] += v;
            }
        }
    }
    s.set(row, 2, t("Tổng cộng"));
    for (k, v) in grand.iter().enumerate() {
        s.set(row, b + k as u16, count(*v, false));
    }
    s.bold_rows.push(row);
    row += 2;
    s.set(row, 2, t("Nơi nhận:"));
    s.set(row, b + 6, t("GIÁM ĐỐC"));
    s.set(row + 1, 2, t("- Văn phòng UBND tỉnh;"));
    s.set(row + 1, b + 6, t("(Đã ký)"));
    s
}
