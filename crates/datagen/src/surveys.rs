//! Satisfaction-survey workbooks (SIPAS style), synthetic: one row per respondent, attributes,
//! then one column per question; answers as 1–5 or as the five labels, blanks for "not answered",
//! and a few invalid answers as real forms have; a codebook sheet maps questions to elements.

use crate::scorecards::Lcg;
use crate::sheet::{Cell, SheetSpec, n, t};

/// The five SIPAS elements (yếu tố), in order.
pub const ELEMENTS: [&str; 5] = [
    "Tiếp cận dịch vụ",
    "Thủ tục hành chính",
    "Công chức trực tiếp giải quyết",
    "Kết quả dịch vụ",
    "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
];

/// The 22 questions: (code, element number 1–5, text).
pub const QUESTIONS: [(&str, usize, &str); 22] = [
    ("1.1", 1, "Nơi ngồi chờ có đủ chỗ ngồi"),
    ("1.2", 1, "Trang thiết bị phục vụ đầy đủ"),
    ("1.3", 1, "Trang thiết bị dễ sử dụng"),
    ("1.4", 1, "Dịch vụ công trực tuyến dễ truy cập"),
    ("2.1", 2, "Thủ tục được niêm yết công khai đầy đủ"),
    ("2.2", 2, "Thành phần hồ sơ đúng quy định"),
    ("2.3", 2, "Phí, lệ phí đúng quy định"),
    ("2.4", 2, "Thời hạn giải quyết đúng quy định"),
    ("3.1", 3, "Công chức có thái độ giao tiếp lịch sự"),
    ("3.2", 3, "Công chức chú ý lắng nghe"),
    ("3.3", 3, "Công chức hướng dẫn tận tình"),
    ("3.4", 3, "Công chức hướng dẫn dễ hiểu"),
    ("3.5", 3, "Công chức tuân thủ quy định"),
    ("4.1", 4, "Kết quả đúng quy định"),
    ("4.2", 4, "Kết quả có thông tin đầy đủ"),
    ("4.3", 4, "Kết quả có thông tin chính xác"),
    ("4.4", 4, "Nhận kết quả đúng hẹn"),
    ("4.5", 4, "Không phải đi lại nhiều lần"),
    ("5.1", 5, "Có bố trí hình thức góp ý"),
    ("5.2", 5, "Dễ dàng thực hiện góp ý"),
    ("5.3", 5, "Góp ý được tiếp nhận, xử lý tích cực"),
    ("5.4", 5, "Được thông báo kết quả xử lý kịp thời"),
];

/// The five answer labels, from 1 (rất không hài lòng) to 5 (rất hài lòng).
pub const LABELS: [&str; 5] = [
    "Rất không hài lòng",
    "Không hài lòng",
    "Bình thường",
    "Hài lòng",
    "Rất hài lòng",
];

/// Synthetic attribute values.
pub const GENDERS: [&str; 2] = ["Nam", "Nữ"];
/// Synthetic attribute values.
pub const AGES: [&str; 4] = ["Dưới 25", "25-40", "41-60", "Trên 60"];
/// Synthetic attribute values.
pub const OCCUPATIONS: [&str; 5] = [
    "Cán bộ, công chức",
    "Kinh doanh",
    "Công nhân",
    "Nông dân",
    "Khác",
];
const PROCEDURES: [&str; 4] = [
    "Cấp phiếu lý lịch tư pháp",
    "Chứng thực bản sao",
    "Cấp giấy phép hành nghề",
    "Đăng ký khai sinh",
];

/// The synthetic survey units: (unit, base probability of satisfaction, yearly trend).
pub const SURVEY_UNITS: [(&str, f64, f64); 2] =
    [("Sở Tư pháp", 0.74, 0.04), ("Sở Y tế", 0.70, 0.02)];
/// The synthetic survey years.
pub const SURVEY_YEARS: [i32; 3] = [2022, 2023, 2024];
/// Respondents per unit and year.
pub const RESPONDENTS: usize = 120;

/// One survey year: a "Phiếu khảo sát" sheet (both units, a unit column) and a codebook sheet.
pub fn survey_year(year: i32) -> Vec<SheetSpec> {
    survey_of(year, &SURVEY_UNITS, RESPONDENTS)
}

/// A survey year of some units: (unit, base probability of satisfaction, yearly trend), with
/// `respondents` each.
pub fn survey_of(year: i32, units: &[(&str, f64, f64)], respondents: usize) -> Vec<SheetSpec> {
    let mut rng = Lcg::new(1000 + year as u64);
    let mut s = SheetSpec::new("Phiếu khảo sát");
    s.set(
        0,
        0,
        t(&format!(
            "KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC NĂM {year}"
        )),
    );
    s.set(
        1,
        0,
        t("(Dữ liệu tổng hợp, mô phỏng — không phải số liệu thật)"),
    );
    let mut header: Vec<Option<Cell>> = [
        "STT",
        "Đơn vị",
        "Giới tính",
        "Độ tuổi",
        "Nghề nghiệp",
        "Thủ tục đã thực hiện",
    ]
    .iter()
    .map(|h| Some(t(h)))
    .collect();
    for (code, _, text) in QUESTIONS {
        header.push(Some(t(&format!("Câu {code}. {text}"))));
    }
    s.row(3, header);
    s.bold_rows = vec![3];
    let mut r = 4;
    let k = (year - SURVEY_YEARS[0]) as f64;
    for &(unit, base, trend) in units {
        for i in 0..respondents {
            let pick = |rng: &mut Lcg, n: usize| ((rng.next_f64() * n as f64) as usize).min(n - 1);
            let mut cells = vec![
                Some(n((r - 3) as f64)),
                Some(t(unit)),
                Some(t(GENDERS[pick(&mut rng, 2)])),
                Some(t(AGES[pick(&mut rng, 4)])),
                Some(t(OCCUPATIONS[pick(&mut rng, 5)])),
                Some(t(PROCEDURES[pick(&mut rng, 4)])),
            ];
            let person = (rng.next_f64() - 0.5) * 0.2;
            for (q, (_, element, _)) in QUESTIONS.iter().enumerate() {
                let p = (base + trend * k + person - 0.03 * (*element as f64 - 3.0).abs())
                    .clamp(0.05, 0.98);
                let u = rng.next_f64();
                let level = if u < p {
                    if rng.next_f64() < 0.35 { 5 } else { 4 }
                } else if rng.next_f64() < 0.6 {
                    3
                } else if rng.next_f64() < 0.7 {
                    2
                } else {
                    1
                };
                let roll = rng.next_f64();
                let cell = if roll < 0.03 {
                    None // not answered
                } else if roll < 0.035 {
                    Some(t(["x", "6", "?"][(i + q) % 3])) // an invalid answer
                } else if roll < 0.25 {
                    Some(t(LABELS[level - 1])) // a label instead of a number
                } else {
                    Some(n(level as f64))
                };
                cells.push(cell);
            }
            s.row(r, cells);
            r += 1;
        }
    }
    s.set(r + 1, 0, t("Người tổng hợp"));
    vec![s, codebook()]
}

/// The codebook sheet: Mã câu hỏi | Yếu tố | Nội dung.
pub fn codebook() -> SheetSpec {
    let mut s = SheetSpec::new("Mã câu hỏi");
    s.row(
        0,
        vec![
            Some(t("Mã câu hỏi")),
            Some(t("Yếu tố")),
            Some(t("Nội dung")),
        ],
    );
    for (i, (code, element, text)) in QUESTIONS.iter().enumerate() {
        s.row(
            i as u32 + 1,
            vec![
                Some(t(&format!("Câu {code}"))),
                Some(t(ELEMENTS[element - 1])),
                Some(t(text)),
            ],
        );
    }
    s
}

/// Published national SIPAS values (DOMAIN.md), as CSV text with a source column.
pub fn national_sipas_csv() -> String {
    let rows = [
        (
            2018,
            "82.99",
            "https://vietnamnet.vn/en/politics/public-administration-reform-index-2019-to-be-released-on-may-19-641956.html",
            "",
        ),
        (
            2021,
            "87.16",
            "https://en.vietnamplus.vn/satisfaction-of-administrative-services-improves/284704.vnp",
            "source wording ambiguous",
        ),
        (
            2022,
            "80.08",
            "https://en.vietnamplus.vn/satisfaction-of-administrative-services-improves/284704.vnp",
            "",
        ),
        (
            2023,
            "82.66",
            "https://en.vietnamplus.vn/satisfaction-of-administrative-services-improves/284704.vnp",
            "provinces 75.03–90.61; elements 83.00, 83.02, 83.12, 83.03, 82.27; sample over 39,700",
        ),
    ];
    let mut out = String::from("year,scope,sipas_percent,source,note\n");
    for (year, value, source, note) in rows {
        out.push_str(&format!("{year},national,{value},{source},\"{note}\"\n"));
    }
    out
}
