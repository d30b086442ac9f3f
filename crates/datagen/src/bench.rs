//! Large survey workbooks for the import benchmark (`bench/run.py`): one row per respondent,
//! 30 columns (8 attributes, 22 questions), title lines above the header, Vietnamese labels beside
//! numbers, blanks, a few invalid answers, and a codebook sheet — the layout of the bundled surveys
//! at the size of a province's year. Deterministic: the same rows on every run.

use std::path::Path;

use rust_xlsxwriter::{Workbook, XlsxError};

use crate::scorecards::Lcg;
use crate::surveys::{AGES, GENDERS, LABELS, OCCUPATIONS, QUESTIONS};

const UNITS: [&str; 4] = [
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Kế hoạch và Đầu tư",
    "UBND huyện Long Thành",
];
const PROCEDURES: [&str; 6] = [
    "Cấp phiếu lý lịch tư pháp",
    "Chứng thực bản sao",
    "Cấp giấy phép hành nghề",
    "Đăng ký khai sinh",
    "Đăng ký thành lập doanh nghiệp",
    "Cấp giấy phép xây dựng",
];
const CHANNELS: [&str; 3] = ["Trực tiếp", "Trực tuyến", "Bưu chính công ích"];

/// Seven units, for the many-unit variant: respondents of every unit interleaved row by row.
const MANY_UNITS: [&str; 7] = [
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Kế hoạch và Đầu tư",
    "UBND huyện Long Thành",
    "Sở Tài chính",
    "Sở Xây dựng",
    "UBND thành phố Biên Hòa",
];

/// How a benchmark survey is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Shared strings, four units (rust_xlsxwriter's usual writer, as Excel writes).
    Shared,
    /// Inline strings (`t="inlineStr"`), seven units interleaved: how streaming writers
    /// (openpyxl's write-only mode, Apache POI's SXSSF) export large tables.
    Inline,
}

/// Writes a survey of `rows` respondents to `path`.
pub fn survey(rows: u32, path: &Path) -> Result<(), XlsxError> {
    survey_of(rows, path, &UNITS, 2024, 2024)
}

/// Writes a survey of `rows` respondents to `path` in the given variant.
pub fn survey_variant(rows: u32, path: &Path, variant: Variant) -> Result<(), XlsxError> {
    match variant {
        Variant::Shared => survey(rows, path),
        Variant::Inline => write_survey(rows, path, &MANY_UNITS, 2024, 2024, true),
    }
}

/// Writes a survey of `rows` respondents of `units` in `year` to `path`, its rows drawn from
/// `seed`.
pub fn survey_of(
    rows: u32,
    path: &Path,
    units: &[&str],
    year: i32,
    seed: u64,
) -> Result<(), XlsxError> {
    write_survey(rows, path, units, year, seed, false)
}

fn write_survey(
    rows: u32,
    path: &Path,
    units: &[&str],
    year: i32,
    seed: u64,
    inline: bool,
) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    // The constant-memory writer streams rows and writes text as inline strings.
    let ws = if inline {
        wb.add_worksheet_with_constant_memory()?
    } else {
        wb.add_worksheet()
    };
    ws.set_name("Phiếu khảo sát")?;
    ws.write_string(
        0,
        0,
        format!("KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC NĂM {year}"),
    )?;
    ws.write_string(
        1,
        0,
        "(Dữ liệu mô phỏng cho đo hiệu năng — synthetic benchmark data)",
    )?;
    let attributes = [
        "STT",
        "Đơn vị",
        "Giới tính",
        "Độ tuổi",
        "Nghề nghiệp",
        "Thủ tục đã thực hiện",
        "Hình thức nộp hồ sơ",
        "Số lần đi lại",
    ];
    for (c, h) in attributes.iter().enumerate() {
        ws.write_string(3, c as u16, *h)?;
    }
    for (q, (code, _, text)) in QUESTIONS.iter().enumerate() {
        ws.write_string(
            3,
            (attributes.len() + q) as u16,
            format!("Câu {code}. {text}"),
        )?;
    }
    let mut rng = Lcg::new(seed);
    let pick = |rng: &mut Lcg, n: usize| ((rng.next_f64() * n as f64) as usize).min(n - 1);
    for i in 0..rows {
        let r = 4 + i;
        ws.write_number(r, 0, f64::from(i + 1))?;
        let unit = pick(&mut rng, units.len());
        ws.write_string(r, 1, units[unit])?;
        ws.write_string(r, 2, GENDERS[pick(&mut rng, 2)])?;
        ws.write_string(r, 3, AGES[pick(&mut rng, 4)])?;
        ws.write_string(r, 4, OCCUPATIONS[pick(&mut rng, 5)])?;
        ws.write_string(r, 5, PROCEDURES[pick(&mut rng, 6)])?;
        ws.write_string(r, 6, CHANNELS[pick(&mut rng, 3)])?;
        ws.write_number(r, 7, (1 + pick(&mut rng, 3)) as f64)?;
        let p = 0.70 + 0.04 * (unit % 4) as f64 + (rng.next_f64() - 0.5) * 0.2;
        for q in 0..QUESTIONS.len() {
            let col = (attributes.len() + q) as u16;
            let level = if rng.next_f64() < p {
                if rng.next_f64() < 0.35 { 5 } else { 4 }
            } else {
                1 + pick(&mut rng, 3)
            };
            let roll = rng.next_f64();
            if roll < 0.03 {
                continue; // not answered
            } else if roll < 0.032 {
                ws.write_string(r, col, ["x", "6", "?"][q % 3])?;
            } else if roll < 0.25 {
                ws.write_string(r, col, LABELS[level - 1])?;
            } else {
                ws.write_number(r, col, level as f64)?;
            }
        }
    }
    let book = wb.add_worksheet();
    book.set_name("Mã câu hỏi")?;
    book.write_string(0, 0, "Mã câu hỏi")?;
    book.write_string(0, 1, "Yếu tố")?;
    book.write_string(0, 2, "Nội dung")?;
    for (i, (code, element, text)) in QUESTIONS.iter().enumerate() {
        let r = 1 + i as u32;
        book.write_string(r, 0, *code)?;
        book.write_string(r, 1, crate::surveys::ELEMENTS[element - 1])?;
        book.write_string(r, 2, *text)?;
    }
    wb.save(path)
}

/// The 34 provincial-level units of the 2025 administrative map (Nghị quyết 202/2025/QH15).
pub const PROVINCES_2025: [&str; 34] = [
    "Hà Nội",
    "Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
    "Tuyên Quang",
    "Lào Cai",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Hải Phòng",
    "Ninh Bình",
    "Quảng Trị",
    "Đà Nẵng",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Hồ Chí Minh",
    "Đồng Nai",
    "Tây Ninh",
    "Cần Thơ",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
];

/// A national-size set of workbooks for the engines' benchmark (`bench/national.py`): for each
/// of the 34 provinces, a survey of `respondents` respondents (22 answers each) of its four
/// departments, and the dossier statistics of two departments for the five years 2021–2025
/// (one workbook per department, a sheet per year). Returns the files written.
pub fn national(dir: &Path, respondents: u32) -> Result<Vec<std::path::PathBuf>, crate::Error> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (i, province) in PROVINCES_2025.iter().enumerate() {
        let units: Vec<String> = UNITS
            .iter()
            .map(|u| match u.strip_prefix("UBND huyện ") {
                Some(_) => format!("UBND {province}"),
                None => format!("{u} {province}"),
            })
            .collect();
        let names: Vec<&str> = units.iter().map(String::as_str).collect();
        let path = dir.join(format!("khao_sat_{:02}.xlsx", i + 1));
        survey_of(respondents, &path, &names, 2025, 7_000 + i as u64)?;
        written.push(path);
        for (k, (unit, fields, procs, seed)) in crate::procedures::units().iter().enumerate() {
            let unit = format!("{unit} {province}");
            let sheets: Vec<crate::sheet::SheetSpec> = (2021..=2025)
                .map(|year| {
                    crate::procedures::statistics(
                        &unit,
                        fields,
                        procs,
                        seed + i as u64,
                        year,
                        true,
                        false,
                    )
                })
                .collect();
            let path = dir.join(format!("thu_tuc_{:02}_{k}.xlsx", i + 1));
            crate::sheet::write_xlsx(&path, &sheets)?;
            written.push(path);
        }
    }
    Ok(written)
}

/// A national set of dossier logs for the engines' benchmark (`bench/national_dossiers.py`): for
/// each of the 34 provinces, the justice department's log of `year` (its own unit name and
/// dossier codes, its own pace: receipts, supplements, extensions, late and pending dossiers
/// drawn from its own seed) and the registry of the national procedures it serves. The provinces
/// share `rows` by size: Hà Nội and Hồ Chí Minh three shares, the others one to two. Written two
/// provinces at a time. Returns the files written (registries first).
pub fn national_logs(
    dir: &Path,
    rows: u64,
    year: i32,
) -> Result<Vec<std::path::PathBuf>, crate::Error> {
    use crate::dossiers::{LogSpec, write_log_csv, write_registry_xlsx};
    std::fs::create_dir_all(dir)?;
    let weight = |i: usize, p: &str| match p {
        "Hà Nội" | "Hồ Chí Minh" => 3.0,
        _ => 1.0 + (i % 3) as f64 * 0.5,
    };
    let total: f64 = PROVINCES_2025
        .iter()
        .enumerate()
        .map(|(i, p)| weight(i, p))
        .sum();
    let mut specs: Vec<(usize, LogSpec)> = Vec::new();
    let mut given = 0u64;
    for (i, province) in PROVINCES_2025.iter().enumerate() {
        let share = if i + 1 == PROVINCES_2025.len() {
            rows - given
        } else {
            (rows as f64 * weight(i, province) / total).round() as u64
        };
        given += share;
        let spec = LogSpec {
            unit: format!("Sở Tư pháp {province}"),
            unit_code: format!("000.00.17.P{:02}", i + 1),
            seed: 30_000 + i as u64,
            ..LogSpec::new(u32::try_from(share).unwrap_or(u32::MAX), year)
        };
        specs.push((i, spec));
    }
    let mut written = Vec::new();
    for (i, spec) in &specs {
        let registry = dir.join(format!("danh_muc_{:02}_{year}.xlsx", i + 1));
        write_registry_xlsx(&registry, spec)?;
        written.push(registry);
    }
    let logs: Vec<std::path::PathBuf> = specs
        .iter()
        .map(|(i, _)| dir.join(format!("so_theo_doi_{:02}_{year}.csv", i + 1)))
        .collect();
    let halves = specs.len().div_ceil(2);
    std::thread::scope(|scope| -> Result<(), crate::Error> {
        let jobs: Vec<_> = specs
            .chunks(halves)
            .zip(logs.chunks(halves))
            .map(|(specs, logs)| {
                scope.spawn(move || -> std::io::Result<()> {
                    for ((_, spec), log) in specs.iter().zip(logs) {
                        write_log_csv(log, spec)?;
                    }
                    Ok(())
                })
            })
            .collect();
        for job in jobs {
            job.join().expect("a generator thread")?;
        }
        Ok(())
    })?;
    written.extend(logs);
    Ok(written)
}
