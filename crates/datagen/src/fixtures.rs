//! Test fixtures: small workbooks named for what they exercise (listed in `tests/data/README.md`).

use crate::scorecards;
use crate::sheet::{Cell, SheetSpec, n, t};

/// NFD text, as some Mac and web exports write Vietnamese.
fn nfd(s: &str) -> String {
    // Decompose the letters these headers use; enough to exercise folding without a dependency.
    s.chars()
        .flat_map(|c| match c {
            'ể' => vec!['e', '\u{302}', '\u{309}'],
            'ố' => vec!['o', '\u{302}', '\u{301}'],
            'ộ' => vec!['o', '\u{323}', '\u{302}'],
            'í' => vec!['i', '\u{301}'],
            'ự' => vec!['u', '\u{31b}', '\u{323}'],
            'á' => vec!['a', '\u{301}'],
            'ẩ' => vec!['a', '\u{302}', '\u{309}'],
            'ị' => vec!['i', '\u{323}'],
            'đ' => vec!['đ'],
            other => vec![other],
        })
        .collect()
}

/// A scorecard with every kind of trouble, and known answers (see the e2e tests):
/// 24 rows read, 7 imported, 11 structure, 6 rejected; one parent and one total that do not add
/// up, one score above its maximum, NFD headers, text numbers, "-" for none.
pub fn scorecard_messy() -> SheetSpec {
    let mut s = SheetSpec::new("Năm 2023");
    s.set(0, 0, t("BẢNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH"));
    s.set(1, 0, t("Đơn vị: Sở Công Thương"));
    s.row(
        3,
        [
            "STT",
            "Nội dung tiêu chí",
            "Điểm tối đa",
            "Điểm tự đánh giá",
            "Điểm thẩm định",
            "Ghi chú",
        ]
        .iter()
        .map(|h| Some(t(&nfd(h))))
        .collect(),
    );
    s.row(4, (1..=6).map(|i| Some(n(f64::from(i)))).collect());
    let row =
        |code: &str, name: &str, max: Option<Cell>, own: Option<Cell>, appraised: Option<Cell>| {
            vec![Some(t(code)), Some(t(name)), max, own, appraised]
        };
    s.row(
        5,
        row(
            "1",
            "Công tác chỉ đạo, điều hành",
            Some(t("6")),
            Some(t("5,5")),
            Some(n(5.0)),
        ),
    );
    s.row(
        6,
        row(
            "1.1",
            "Kế hoạch cải cách hành chính",
            Some(t("2")),
            Some(n(2.0)),
            Some(n(2.0)),
        ),
    );
    s.row(
        7,
        row(
            "1.2",
            "Kiểm tra cải cách hành chính",
            Some(n(4.0)),
            Some(t("3,5")),
            Some(n(3.0)),
        ),
    );
    s.row(
        9,
        vec![None, Some(t("Lĩnh vực cải cách thủ tục hành chính"))],
    );
    s.row(
        10,
        row(
            "2",
            "Cải cách thủ tục hành chính",
            Some(n(10.0)),
            Some(n(8.0)),
            Some(n(9.0)),
        ),
    );
    s.row(
        11,
        row(
            "2.1",
            "Công khai thủ tục",
            Some(n(4.0)),
            Some(t("-")),
            Some(t("3,5")),
        ),
    );
    s.row(
        12,
        row(
            "2.2",
            "Giải quyết hồ sơ đúng hạn",
            Some(n(6.0)),
            Some(n(5.0)),
            Some(n(4.0)),
        ),
    );
    s.row(
        13,
        row(
            "2.3",
            "Rà soát thủ tục",
            Some(n(2.0)),
            Some(t("x")),
            Some(n(1.0)),
        ),
    );
    s.row(
        14,
        row(
            "2.4",
            "Số hóa hồ sơ",
            Some(Cell::Date(2023, 1, 5)),
            Some(n(1.0)),
            Some(n(1.0)),
        ),
    );
    s.row(
        15,
        row(
            "2.5",
            "Tiếp nhận qua bưu chính",
            None,
            Some(n(1.0)),
            Some(n(1.0)),
        ),
    );
    s.row(
        16,
        row(
            "2.6",
            "Trả kết quả trực tuyến",
            Some(n(3.0)),
            Some(n(2.0)),
            Some(n(-1.0)),
        ),
    );
    s.row(
        17,
        row(
            "2.2",
            "Giải quyết hồ sơ đúng hạn (dòng lặp)",
            Some(n(1.0)),
            Some(n(1.0)),
            Some(n(1.0)),
        ),
    );
    s.row(
        18,
        row(
            "3",
            "Sáng kiến cải cách",
            Some(n(2.0)),
            Some(n(2.0)),
            Some(n(2.5)),
        ),
    );
    s.row(
        19,
        vec![
            None,
            Some(t("Dòng không có mã số")),
            Some(n(1.0)),
            Some(n(1.0)),
            Some(n(1.0)),
        ],
    );
    s.row(
        20,
        vec![
            Some(t("Tổng cộng")),
            None,
            Some(n(18.0)),
            Some(n(16.0)),
            Some(n(17.0)),
        ],
    );
    s.set(22, 0, t("Người lập biểu"));
    s.set(23, 0, t("Nguyễn Văn A"));
    s
}

/// A workbook of prose with no table in it.
pub fn no_table() -> SheetSpec {
    let mut s = SheetSpec::new("Báo cáo");
    s.set(0, 0, t("BÁO CÁO TÌNH HÌNH THỰC HIỆN CÔNG TÁC NĂM 2023"));
    s.set(2, 0, t("Trong năm, đơn vị đã triển khai nhiều nhiệm vụ."));
    s.set(3, 0, t("Kết quả cụ thể như sau."));
    s
}

/// The seed appendix, used for the .ods fixture (no merge records in that format).
pub fn seed_appendix() -> SheetSpec {
    scorecards::seed_appendix()
}

/// The bytes of a CFB (OLE) container under an .xlsx name: how password-protected workbooks arrive.
pub fn encrypted_like() -> Vec<u8> {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    bytes
}

/// A survey with one sheet per year ("2022", "2023"), ten respondents each, six questions
/// "Câu 1" … "Câu 6" whose elements come only from a separate codebook file. Answers are known:
/// respondent i, question q → level (i + q) % 5 + 1 in 2022 (24 of 60 satisfied) and
/// min((i + q) % 5 + 2, 5) in 2023 (36 of 60 satisfied).
pub fn survey_sheet_per_year() -> Vec<SheetSpec> {
    [2022, 2023]
        .iter()
        .map(|&year| {
            let mut s = SheetSpec::new(&year.to_string());
            s.set(0, 0, t("PHIẾU KHẢO SÁT SỰ HÀI LÒNG"));
            s.set(1, 0, t("Đơn vị: Sở Xây dựng"));
            let mut header = vec![Some(t("STT")), Some(t("Giới tính"))];
            header.extend((1..=6).map(|q| Some(t(&format!("Câu {q}")))));
            s.row(3, header);
            for i in 0..10u32 {
                let mut cells = vec![
                    Some(n(f64::from(i + 1))),
                    Some(t(if i % 2 == 0 { "Nam" } else { "Nữ" })),
                ];
                for q in 0..6u32 {
                    let level = if year == 2022 {
                        (i + q) % 5 + 1
                    } else {
                        ((i + q) % 5 + 2).min(5)
                    };
                    cells.push(Some(n(f64::from(level))));
                }
                s.row(4 + i, cells);
            }
            s
        })
        .collect()
}

/// The codebook file for [`survey_sheet_per_year`]: Câu 1–2 → Tiếp cận dịch vụ, 3–4 → Công chức
/// trực tiếp giải quyết, 5–6 → Kết quả dịch vụ.
pub fn survey_codebook() -> SheetSpec {
    let mut s = SheetSpec::new("Bảng mã");
    s.row(
        0,
        vec![
            Some(t("Mã câu hỏi")),
            Some(t("Yếu tố")),
            Some(t("Nội dung")),
        ],
    );
    let elements = [
        "Tiếp cận dịch vụ",
        "Công chức trực tiếp giải quyết",
        "Kết quả dịch vụ",
    ];
    for q in 1..=6u32 {
        let element = elements[((q - 1) / 2) as usize];
        s.row(
            q,
            vec![
                Some(t(&format!("Câu {q}"))),
                Some(t(element)),
                Some(t(&format!("Nội dung câu {q}"))),
            ],
        );
    }
    s
}

/// A survey whose years and units come from columns: four respondents, two years, two units,
/// labels in odd case and spacing, a blank and an invalid answer.
pub fn survey_year_column() -> SheetSpec {
    let mut s = SheetSpec::new("Tổng hợp");
    s.row(
        0,
        ["Năm", "Đơn vị", "Độ tuổi", "Câu 1.1", "Câu 2.1"]
            .iter()
            .map(|h| Some(t(h)))
            .collect(),
    );
    s.row(
        1,
        vec![
            Some(n(2022.0)),
            Some(t("Sở Tư pháp")),
            Some(t("25-40")),
            Some(t("HÀI  LÒNG")),
            Some(n(2.0)),
        ],
    );
    s.row(
        2,
        vec![
            Some(n(2022.0)),
            Some(t("Sở Y tế")),
            Some(t("41-60")),
            Some(t("rất hài lòng")),
            None,
        ],
    );
    s.row(
        3,
        vec![
            Some(n(2023.0)),
            Some(t("Sở Tư pháp")),
            Some(t("25-40")),
            Some(n(5.0)),
            Some(t("7")),
        ],
    );
    s.row(
        4,
        vec![
            Some(n(2023.0)),
            Some(t("Sở Y tế")),
            Some(t("Trên 60")),
            Some(t("Không hài lòng")),
            Some(n(4.0)),
        ],
    );
    s
}

/// The rows of [`procedures_messy`], shared with `tests/data/make_xls.py` (which writes the same
/// table as .xls): STT, code, name, legal time, online level, received {total, online, in
/// person, postal}, resolved {total, early, on time, late}, actual days. `None` is an empty cell.
pub const PROCEDURES_MESSY: [[Option<&str>; 14]; 8] = {
    const fn s(v: &'static str) -> Option<&'static str> {
        Some(v)
    }
    [
        [
            s("1"),
            s("1.000101"),
            s("Đăng ký tổ chức hội chợ, triển lãm thương mại"),
            s("10 ngày làm việc"),
            s("Toàn trình"),
            s("100"),
            s("40"),
            s("50"),
            s("10"),
            s("98"),
            s("60"),
            s("30"),
            s("8"),
            s("3,5"),
        ],
        [
            s("2"),
            s("1.000102"),
            s("Thay đổi nội dung đăng ký hội chợ"),
            s("5"),
            s("Một phần"),
            s("30"),
            s("3"),
            s("27"),
            s("-"),
            s("31"),
            s("10"),
            s("20"),
            s("0"),
            s("4"),
        ],
        [
            s("3"),
            s("1.00012"),
            s("Mã sai: thiếu một chữ số"),
            s("5"),
            None,
            s("4"),
            s("1"),
            s("3"),
            s("-"),
            s("4"),
            s("4"),
            s("-"),
            s("-"),
            s("2"),
        ],
        [
            s("4"),
            s("1.000104"),
            s("Số hồ sơ ghi bằng chữ"),
            s("5"),
            None,
            s("nhiều"),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        [
            s("5"),
            s("1.000101"),
            s("Trùng mã với dòng đầu"),
            s("5"),
            None,
            s("1"),
            s("1"),
            s("-"),
            s("-"),
            s("1"),
            s("1"),
            s("-"),
            s("-"),
            s("1"),
        ],
        [
            s("6"),
            None,
            s("Thiếu mã thủ tục"),
            s("5"),
            None,
            s("7"),
            s("-"),
            s("7"),
            s("-"),
            s("7"),
            s("7"),
            s("-"),
            s("-"),
            s("1"),
        ],
        [
            s("II"),
            None,
            s("Lĩnh vực Quản lý cạnh tranh"),
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
        [
            s("7"),
            s("1.000105"),
            s("=HYPERLINK(\"http://example.com\",\"Bấm vào đây\")"),
            s("15"),
            None,
            s("-"),
            s("-"),
            s("-"),
            s("-"),
            s("-"),
            s("-"),
            s("-"),
            s("-"),
            None,
        ],
    ]
};

/// A procedure statistics sheet with every kind of row a real report mixes in: a two-row
/// header with merged bands, a column-number row, a section with a subtotal, an invalid code, a
/// count written in words, a duplicate code, a row without a code, a row whose parts do not add up
/// to its total, a procedure name that a spreadsheet would take for a formula, a total row that
/// does not match, and a signature.
pub fn procedures_messy() -> SheetSpec {
    let mut s = SheetSpec::new("Năm 2024");
    s.set(
        0,
        0,
        t("BÁO CÁO KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH NĂM 2024"),
    );
    s.set(1, 0, t("Đơn vị: Sở Công Thương"));
    let singles = [
        (0u16, "STT"),
        (1, "Mã TTHC"),
        (2, "Tên thủ tục hành chính"),
        (3, "Thời hạn giải quyết"),
        (4, "Mức độ DVC trực tuyến"),
        (13, "Thời gian thực tế bình quân (ngày)"),
    ];
    for (c, h) in singles {
        s.set(3, c, t(h));
        s.merge(3, c, 4, c);
    }
    s.set(3, 5, t("Số hồ sơ tiếp nhận"));
    s.merge(3, 5, 3, 8);
    s.set(3, 9, t("Kết quả giải quyết"));
    s.merge(3, 9, 3, 12);
    for (i, h) in ["Tổng số", "Trực tuyến", "Trực tiếp", "Bưu chính công ích"]
        .iter()
        .enumerate()
    {
        s.set(4, 5 + i as u16, t(h));
    }
    for (i, h) in ["Tổng số", "Trước hạn", "Đúng hạn", "Trễ hạn"]
        .iter()
        .enumerate()
    {
        s.set(4, 9 + i as u16, t(h));
    }
    for c in 0..14u16 {
        s.set(5, c, t(&format!("({})", c + 1)));
    }
    s.row(
        6,
        vec![
            Some(t("I")),
            None,
            Some(t("Lĩnh vực Xúc tiến thương mại")),
            None,
            None,
            Some(n(130.0)),
            None,
            None,
            None,
            Some(n(129.0)),
        ],
    );
    let cell = |v: &str| -> Cell {
        // Whole numbers as numbers, the rest as the text an office typed.
        match v.parse::<f64>() {
            Ok(x) if !v.contains('.') => n(x),
            _ => t(v),
        }
    };
    let mut row = 7;
    for values in PROCEDURES_MESSY {
        if values[0] == Some("II") {
            s.row(
                row,
                vec![Some(t("II")), None, Some(t(values[2].unwrap_or_default()))],
            );
        } else {
            s.row(
                row,
                values
                    .iter()
                    .enumerate()
                    .map(|(c, v)| v.map(|v| if c == 1 || c == 2 { t(v) } else { cell(v) }))
                    .collect(),
            );
        }
        row += 1;
    }
    row += 1;
    s.set(row, 2, t("Tổng cộng"));
    s.set(row, 5, n(999.0));
    s.set(row + 2, 9, t("GIÁM ĐỐC"));
    s
}

/// The national public service portal's procedure list ("Danh sách TTHC"), as it exports it: the
/// national motto and the title in one merged multi-line cell, the header
/// `Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực`, every cell text, agencies
/// one per line, a field typed once composed and once decomposed (NFD). Known answers: 9 rows =
/// 5 imported + 2 structure (title, header) + 2 rejected (a blank code, a code "1.01502" too
/// short); 3 fields once NFC-normalised; the third procedure has three agencies.
pub fn procedures_portal_list() -> SheetSpec {
    let mut s = SheetSpec::new("Danh sách TTHC");
    s.set(
        0,
        0,
        t("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập – Tự do – Hạnh phúc\n\nDANH SÁCH THỦ TỤC HÀNH CHÍNH"),
    );
    s.merge(0, 0, 0, 4);
    s.row(
        1,
        [
            "Mã số",
            "Tên",
            "Cơ quan ban hành",
            "Cơ quan thực hiện",
            "Lĩnh vực",
        ]
        .iter()
        .map(|h| Some(t(h)))
        .collect(),
    );
    let rows: [[&str; 5]; 7] = [
        [
            "1.001234",
            "Cấp giấy phép kinh doanh dịch vụ bảo vệ",
            "Bộ Công an",
            "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
            "Quản lý ngành nghề kinh doanh có điều kiện",
        ],
        [
            "1.001235",
            "Cấp lại giấy phép kinh doanh dịch vụ bảo vệ",
            "Bộ Công an",
            "Công an cấp tỉnh",
            "Quản lý ngành nghề kinh doanh có điều kiện",
        ],
        [
            "2.000111",
            "Cấp thẻ căn cước",
            "Bộ Công an",
            "Công an cấp xã\nCông an cấp huyện\nCông an cấp tỉnh",
            "Cấp, quản lý căn cước",
        ],
        [
            "2.000112",
            "Cấp đổi thẻ căn cước",
            "Bộ Công an",
            "Công an cấp xã; Công an cấp tỉnh",
            "NFD:Cấp, quản lý căn cước",
        ],
        [
            "",
            "Thủ tục không có mã",
            "Bộ Công an",
            "Công an cấp xã",
            "Cấp, quản lý căn cước",
        ],
        [
            "1.01502",
            "Thủ tục có mã sai",
            "Bộ Công an",
            "Công an cấp xã",
            "Cấp, quản lý căn cước",
        ],
        [
            "3.000164",
            "Khai báo tạm trú cho người nước ngoài",
            "Bộ Công an",
            "",
            "Quản lý xuất nhập cảnh",
        ],
    ];
    for (i, values) in rows.iter().enumerate() {
        s.row(
            2 + i as u32,
            values
                .iter()
                .map(|v| match v.strip_prefix("NFD:") {
                    Some(text) => Some(t(&unicode_nfd(text))),
                    None if v.is_empty() => None,
                    None => Some(t(v)),
                })
                .collect(),
        );
    }
    s
}

/// Every letter decomposed (NFD), as the portal writes some cells.
fn unicode_nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}

/// Dossier statistics with a flat header (no "Số hồ sơ tiếp nhận" band over the channels:
/// `Tổng số hồ sơ tiếp nhận | Trực tuyến | Trực tiếp | Qua dịch vụ BCCI`) and the unit in capitals
/// after a dash at the end of the title ("… NĂM 2024 - SỞ TÀI CHÍNH") under the agency block
/// ("UBND TỈNH BẮC NINH" over "SỞ TÀI CHÍNH"). Known answers: 3 procedures of "Sở Tài chính",
/// 2024; received 40 + 25 + 10 = 75, online 20 + 5 + 0, postal 8 + 5 + 2 = 15.
pub fn procedures_flat_channels() -> SheetSpec {
    let mut s = SheetSpec::new("Sheet1");
    s.set(0, 0, t("UBND TỈNH BẮC NINH"));
    s.set(1, 0, t("SỞ TÀI CHÍNH"));
    s.set(
        3,
        0,
        t("BÁO CÁO TÌNH HÌNH GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH NĂM 2024 - SỞ TÀI CHÍNH"),
    );
    s.row(
        5,
        [
            "STT",
            "Mã TTHC",
            "Tên thủ tục hành chính",
            "Tổng số hồ sơ tiếp nhận",
            "Trực tuyến",
            "Trực tiếp",
            "Qua dịch vụ BCCI",
            "Đúng hạn",
            "Trễ hạn",
        ]
        .iter()
        .map(|h| Some(t(h)))
        .collect(),
    );
    let rows: [(&str, &str, [f64; 6]); 3] = [
        ("1.000001", "Cấp phép A", [40.0, 20.0, 12.0, 8.0, 38.0, 2.0]),
        ("1.000002", "Cấp phép B", [25.0, 5.0, 15.0, 5.0, 25.0, 0.0]),
        ("1.000003", "Cấp phép C", [10.0, 0.0, 8.0, 2.0, 9.0, 1.0]),
    ];
    for (i, (code, name, figures)) in rows.iter().enumerate() {
        let mut cells = vec![Some(n(i as f64 + 1.0)), Some(t(code)), Some(t(name))];
        cells.extend(figures.iter().map(|x| Some(n(*x))));
        s.row(6 + i as u32, cells);
    }
    s.set(9, 2, t("Tổng cộng"));
    for (c, x) in [75.0, 25.0, 35.0, 15.0, 72.0, 3.0].iter().enumerate() {
        s.set(9, 3 + c as u16, n(*x));
    }
    s
}

/// A survey exported by a form tool (Google Forms, Microsoft Forms, a province's own software):
/// a timestamp column ("Dấu thời gian") in three forms (text, text with the weekday, a real
/// date), personal columns (email, full name, phone, CCCD, and a "Liên hệ" column of emails
/// known only by its content), attributes, questions numbered "1. …" on an agreement scale
/// whose middle is "Phân vân" or "Không ý kiến", an unnumbered question on a quality scale
/// (found by its content), and free text. Known answers: 13 rows = 11 imported + 1 structure
/// (the header) + 1 rejected (a timestamp that is no date, at A11); one invalid answer ("Hài
/// lòng" in an agreement question, at I6). No year or unit is named but by the timestamps
/// (2024): the unit comes from `--unit`.
pub fn survey_form_export() -> SheetSpec {
    let mut s = SheetSpec::new("Câu trả lời biểu mẫu 1");
    s.row(0, FORM_HEADER.iter().map(|h| Some(t(h))).collect());
    for (i, r) in FORM_ROWS.iter().enumerate() {
        let mut cells: Vec<Option<Cell>> = Vec::new();
        // A real date for every third respondent, as a form tool's own export writes it.
        cells.push(Some(if i % 3 == 2 {
            n(45_494.0 + i as f64 / 10.0)
        } else {
            t(r[0])
        }));
        for v in &r[1..] {
            cells.push((!v.is_empty()).then(|| t(v)));
        }
        s.row(1 + i as u32, cells);
    }
    s
}

/// The form export's header.
pub const FORM_HEADER: [&str; 13] = [
    "Dấu thời gian",
    "Địa chỉ email",
    "Họ và tên",
    "Số điện thoại",
    "Số CCCD",
    "Giới tính",
    "Độ tuổi",
    "1. Thủ tục hành chính được niêm yết công khai, đầy đủ",
    "2. Công chức tiếp nhận hồ sơ có thái độ lịch sự, tận tình",
    "3. Hồ sơ được giải quyết đúng hẹn",
    "Anh/Chị đánh giá chất lượng phục vụ chung của cơ quan",
    "Liên hệ",
    "Ý kiến khác",
];

/// The form export's respondents (the first cell is replaced by a real date for every third).
pub const FORM_ROWS: [[&str; 13]; 12] = [
    [
        "21/07/2024 19:08:55",
        "nguyen.van.an@gmail.com",
        "Nguyễn Văn An",
        "0912345678",
        "001203004567",
        "Nam",
        "Từ 25 đến 34",
        "Hoàn toàn đồng ý",
        "Đồng ý",
        "Đồng ý",
        "Tốt",
        "an.nv@gmail.com",
        "Cần thêm chỗ ngồi",
    ],
    [
        "Chủ Nhật, 21-07-2024 , 19:20:01",
        "tran.thi.binh@yahoo.com",
        "Trần Thị Bình",
        "0987654321",
        "034185002233",
        "Nữ",
        "Từ 35 đến 44",
        "Đồng ý",
        "Phân vân",
        "Đồng ý",
        "Rất tốt",
        "binh.tt@yahoo.com",
        "",
    ],
    [
        "22/07/2024 08:01:10",
        "le.van.cuong@gmail.com",
        "Lê Văn Cường",
        "0903111222",
        "001099007788",
        "Nam",
        "Từ 45 đến 54",
        "Đồng ý",
        "Không đồng ý",
        "Phân vân",
        "Trung bình",
        "cuong.lv@gmail.com",
        "",
    ],
    [
        "22/07/2024 09:15:42",
        "pham.thi.dung@gmail.com",
        "Phạm Thị Dung",
        "0944555666",
        "022190001122",
        "Nữ",
        "Từ 25 đến 34",
        "Không ý kiến",
        "Đồng ý",
        "Hoàn toàn đồng ý",
        "Tốt",
        "dung.pt@gmail.com",
        "Rất hài lòng",
    ],
    [
        "22/07/2024 10:30:00",
        "hoang.van.em@gmail.com",
        "Hoàng Văn Em",
        "0977888999",
        "001088004455",
        "Nam",
        "Từ 55 trở lên",
        "Hoàn toàn không đồng ý",
        "Hài lòng",
        "Không đồng ý",
        "Kém",
        "em.hv@gmail.com",
        "",
    ],
    [
        "Thứ Hai, 22-07-2024 , 14:02:33",
        "vu.thi.giang@gmail.com",
        "Vũ Thị Giang",
        "0911222333",
        "036195003344",
        "Nữ",
        "Từ 18 đến 24",
        "Đồng ý",
        "Đồng ý",
        "Đồng ý",
        "Tốt",
        "giang.vt@gmail.com",
        "",
    ],
    [
        "23/07/2024 07:45:12",
        "do.van.hai@gmail.com",
        "Đỗ Văn Hải",
        "0933444555",
        "001091006677",
        "Nam",
        "Từ 35 đến 44",
        "Bình thường",
        "Hoàn toàn đồng ý",
        "Đồng ý",
        "Rất tốt",
        "hai.dv@gmail.com",
        "Nhanh gọn",
    ],
    [
        "23/07/2024 11:11:11",
        "ngo.thi.lan@gmail.com",
        "Ngô Thị Lan",
        "0966777888",
        "027192008899",
        "Nữ",
        "Từ 25 đến 34",
        "Đồng ý",
        "Đồng ý",
        "Không đồng ý",
        "Trung bình",
        "lan.nt@gmail.com",
        "",
    ],
    [
        "23/07/2024 16:40:05",
        "bui.van.minh@gmail.com",
        "Bùi Văn Minh",
        "0922333444",
        "001087001234",
        "Nam",
        "Từ 45 đến 54",
        "Phân vân",
        "Đồng ý",
        "Đồng ý",
        "Tốt",
        "minh.bv@gmail.com",
        "",
    ],
    [
        "không rõ",
        "mai.thi.quynh@gmail.com",
        "Mai Thị Quỳnh",
        "0914000111",
        "001196009876",
        "Nữ",
        "Từ 25 đến 34",
        "Đồng ý",
        "Đồng ý",
        "Đồng ý",
        "Tốt",
        "quynh.mt@gmail.com",
        "",
    ],
    [
        "24/07/2024 10:10:10",
        "ly.van.phuc@gmail.com",
        "Lý Văn Phúc",
        "0988999000",
        "001093002345",
        "Nam",
        "Từ 18 đến 24",
        "Đồng ý",
        "Không đồng ý",
        "Đồng ý",
        "Tốt",
        "phuc.lv@gmail.com",
        "",
    ],
    [
        "24/07/2024 09:00:00",
        "dang.thi.nga@gmail.com",
        "Đặng Thị Nga",
        "0955666777",
        "030194005566",
        "Nữ",
        "Từ 35 đến 44",
        "Hoàn toàn đồng ý",
        "Hoàn toàn đồng ý",
        "",
        "Rất tốt",
        "nga.dt@gmail.com",
        "",
    ],
];

/// The fields of the wide PAR INDEX look-alike, with their maxima (stated in the headers).
pub const WIDE_FIELDS: [(&str, f64); 4] = [
    ("Công tác chỉ đạo, điều hành", 9.0),
    ("Cải cách thể chế", 8.0),
    ("Cải cách thủ tục hành chính", 12.0),
    ("Cải cách tổ chức bộ máy", 7.0),
];

/// A department's row in the wide look-alike: its name as written, its scores, its stated rank.
pub type WideUnit = (&'static str, [f64; 4], u32);

/// The departments' scores per year in the wide look-alike: (unit as written that year, scores,
/// stated rank). 2023 has a tie (ranks 2, 2) and one stated rank that its total contradicts
/// ("Sở Tài chính" says 3, its total places it 4).
pub const WIDE_ROWS: [(i32, &[WideUnit]); 2] = [
    (
        2022,
        &[
            ("SỞ Y TẾ", [7.5, 6.0, 10.0, 5.5], 2),
            ("Sở Tư pháp", [8.0, 7.0, 11.0, 6.0], 1),
            ("Sở Tài chính", [6.0, 5.5, 9.0, 5.0], 3),
            ("Sở Nội vụ", [5.0, 5.0, 8.5, 4.5], 4),
        ],
    ),
    (
        2023,
        &[
            ("Sở Y tế", [8.0, 6.5, 10.5, 6.0], 2),
            ("Sở Tư pháp", [8.5, 7.0, 11.0, 5.5], 1),
            ("Sở Tài chính", [7.0, 6.0, 9.5, 5.0], 3),
            ("Sở  Nội vụ", [8.0, 6.5, 11.0, 5.5], 2),
        ],
    ),
];

/// Published PAR INDEX results in the wide layout, one sheet per year: the agency block of the
/// publisher ("UBND TỈNH BẮC NINH" over "SỞ NỘI VỤ"), a title, `STT | Tên đơn vị | <field> (tối
/// đa N) … | Tổng điểm | Chỉ số (%) | Xếp hạng`, one row per department (a unit in capitals one
/// year and normal case the next, a stray space), an average row and a signature block.
/// Known answers per sheet: 11 rows = 4 imported + 7 structure (3 title lines, the header, the
/// average row, a blank row, the signature); the publisher is "Sở Nội vụ", not a unit.
pub fn scorecard_wide() -> Vec<SheetSpec> {
    WIDE_ROWS
        .iter()
        .map(|(year, rows)| {
            let mut s = SheetSpec::new(&format!("Năm {year}"));
            s.set(0, 0, t("UBND TỈNH BẮC NINH"));
            s.set(1, 0, t("SỞ NỘI VỤ"));
            s.set(
                2,
                0,
                t(&format!(
                    "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year} CỦA CÁC SỞ, BAN, NGÀNH"
                )),
            );
            let mut header = vec![Some(t("STT")), Some(t("Tên đơn vị"))];
            header.extend(
                WIDE_FIELDS
                    .iter()
                    .map(|(name, max)| Some(t(&format!("{name} (tối đa {max})")))),
            );
            header.extend(["Tổng điểm", "Chỉ số (%)", "Xếp hạng"].map(|h| Some(t(h))));
            s.row(3, header);
            let max_total: f64 = WIDE_FIELDS.iter().map(|(_, m)| m).sum();
            for (i, (unit, scores, rank)) in rows.iter().enumerate() {
                let total: f64 = scores.iter().sum();
                let mut cells = vec![Some(n(i as f64 + 1.0)), Some(t(unit))];
                cells.extend(scores.iter().map(|x| Some(n(*x))));
                cells.push(Some(n(total)));
                cells.push(Some(n((total / max_total * 10_000.0).round() / 100.0)));
                cells.push(Some(n(f64::from(*rank))));
                s.row(4 + i as u32, cells);
            }
            let k = rows.len() as u32;
            let mut average = vec![None, Some(t("Trung bình"))];
            for f in 0..4 {
                let mean = rows.iter().map(|r| r.1[f]).sum::<f64>() / rows.len() as f64;
                average.push(Some(n(mean)));
            }
            s.row(4 + k, average);
            s.set(6 + k, 6, t("GIÁM ĐỐC"));
            s
        })
        .collect()
}
