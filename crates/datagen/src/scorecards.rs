//! Scorecard workbooks: the seed plan's appendix with its real 2021 figures, and synthetic
//! multi-year, multi-unit scorecards in the three layouts offices use for years.

use crate::sheet::{Cell, SheetSpec, n, t};

/// One criterion of the seed appendix: name, max, achieved (as the plan prints them), reason, remedy.
pub struct SeedCriterion {
    /// Tên tiêu chí.
    pub name: &'static str,
    /// Điểm chuẩn as printed.
    pub max: Cell,
    /// Điểm đạt được as printed.
    pub score: Cell,
    /// Lý do.
    pub reason: &'static str,
    /// Giải pháp khắc phục trong năm 2022.
    pub remedy: &'static str,
}

/// The seed appendix (plan 925/KH-SKHĐT, 12 April 2022): seven criteria, 2021, max 39.5, achieved 30.44.
pub fn seed_criteria() -> Vec<SeedCriterion> {
    vec![
        SeedCriterion {
            name: "Thực hiện các nhiệm vụ được UBND Tỉnh, Chủ tịch UBND Tỉnh giao trên phần mềm giao việc.",
            max: t("1.00"),
            score: t("0.50"),
            reason: "Có 01 nhiệm vụ trễ hạn.",
            remedy: "- Năm 2022 đã có 01 nhiệm vụ trễ hạn (đã bị trừ 0.5 điểm).\n- Chủ động thực hiện nhiệm vụ, đảm bảo không có nhiệm vụ không hoàn thành.",
        },
        SeedCriterion {
            name: "100% công chức, viên chức chưa lập hồ sơ công việc.",
            max: t("0.50"),
            score: n(0.0),
            reason: "Công chức, viên chức của Sở chưa lập hồ sơ công việc.",
            remedy: "Tổ chức cho 100% công chức, viên chức lập hồ sơ công việc theo quy định.",
        },
        SeedCriterion {
            name: "Thực hiện tinh giản biên chế theo quy định.",
            max: t("0.50"),
            score: n(0.0),
            reason: "Không có trường hợp thực hiện tinh giản biên chế theo quy định.",
            remedy: "Thực hiện tinh giản biên chế theo quy định (nếu có đối tượng thuộc các trường hợp phải tinh giản biên chế).",
        },
        SeedCriterion {
            name: "Thực hiện kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức.",
            max: t("1.00"),
            score: t("0.83"),
            reason: "Chưa hoàn thành 02 chỉ tiêu: đào tạo trung cấp lý luận chính trị và bồi dưỡng ngạch kế toán viên.",
            remedy: "Chủ động và kịp thời đăng ký cho công chức, viên chức tham dự các lớp đào tạo, bồi dưỡng theo quy định.",
        },
        SeedCriterion {
            name: "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận qua dịch vụ bưu chính công ích.",
            max: t("1.00"),
            score: t("0.50"),
            reason: "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận qua dịch vụ bưu chính công ích chỉ đạt 11,3% so với quy định là 20%.",
            remedy: "Tiếp tục đẩy mạnh việc hướng dẫn, hỗ trợ người dân, doanh nghiệp thực hiện dịch vụ bưu chính công ích trong giải quyết thủ tục hành chính.",
        },
        SeedCriterion {
            name: "Sự hài lòng của tổ chức, người dân, doanh nghiệp đối với hoạt động của Sở.",
            max: t("33,5"),
            score: t("28,61"),
            reason: "Do sự đánh giá của các đối tượng được khảo sát (đại biểu HĐND Tỉnh; cán bộ, công chức UBND cấp huyện; người dân, doanh nghiệp thực hiện thủ tục hành chính).",
            remedy: "Công chức, viên chức nêu cao tinh thần trách nhiệm để kịp thời tham mưu đề xuất Lãnh đạo Sở những giải pháp thực hiện hiệu quả chức năng, nhiệm vụ; tiếp tục nâng cao sự hài lòng của tổ chức, người dân, doanh nghiệp đối với hoạt động của Sở.",
        },
        SeedCriterion {
            name: "Hoàn thành từ 80% - 100% kế hoạch cải cách hành chính.",
            max: n(2.0),
            score: n(0.0),
            reason: "Năm 2021, Sở đã ban hành và tổ chức thực hiện hoàn thành 100% nhiệm vụ được xác định trong kế hoạch cải cách hành chính năm 2021; báo cáo, chấm điểm theo quy định, nhưng Tổ chấm điểm của Tỉnh chấm không đạt.",
            remedy: "- Tổ chức thực hiện đảm bảo hoàn thành 100% nhiệm vụ được xác định tại Kế hoạch số 07/KH-SKHĐT ngày 04/01/2022 của Sở về cải cách hành chính năm 2022.\n- Kiến nghị Tổ chấm điểm cho các cơ quan, đơn vị được giải trình đối với những tiêu chí không đạt.",
        },
    ]
}

/// The seed appendix in its original layout: title lines (with the PDF's `ƣ`), a two-row header
/// with the "NĂM 2021" band merged over three columns, seven criteria, the total row "Tổng".
pub fn seed_appendix() -> SheetSpec {
    let mut s = SheetSpec::new("Phụ lục");
    s.set(0, 0, t("Phụ lục")).merge(0, 0, 0, 5);
    s.set(
        1,
        0,
        t("NHỮNG NHIỆM VỤ, NỘI DUNG CẢI CÁCH HÀNH CHÍNH CHƢA HOÀN THÀNH"),
    )
    .merge(1, 0, 1, 5);
    s.set(
        2,
        0,
        t("HOẶC HOÀN THÀNH NHƢNG KẾT QUẢ CHƢA CAO SO VỚI YÊU CẦU TRONG NĂM 2021"),
    )
    .merge(2, 0, 2, 5);
    s.set(3, 0, t("(Kèm theo Kế hoạch số: 925/KH-SKHĐT ngày 12  tháng 4 năm 2022 của Sở Kế hoạch và Đầu tư)"))
        .merge(3, 0, 3, 5);
    s.set(5, 0, t("STT")).merge(5, 0, 6, 0);
    s.set(5, 1, t("TÊN TIÊU CHÍ")).merge(5, 1, 6, 1);
    s.set(5, 2, t("NĂM 2021")).merge(5, 2, 5, 4);
    s.set(5, 5, t("GIẢI PHÁP KHẮC PHỤC\nTRONG NĂM 2022"))
        .merge(5, 5, 6, 5);
    s.row(
        6,
        vec![
            None,
            None,
            Some(t("Điểm\nchuẩn")),
            Some(t("Điểm đạt\nđƣợc")),
            Some(t("Lý do")),
        ],
    );
    s.bold_rows = vec![5, 6, 14];
    for (i, c) in seed_criteria().into_iter().enumerate() {
        let r = 7 + i as u32;
        s.row(
            r,
            vec![
                Some(n(i as f64 + 1.0)),
                Some(t(c.name)),
                Some(c.max),
                Some(c.score),
                Some(t(c.reason)),
                Some(t(c.remedy)),
            ],
        );
    }
    s.set(14, 0, t("Tổng")).merge(14, 0, 14, 1);
    s.set(14, 2, t("39,5")).set(14, 3, t("30,44"));
    s
}

/// A node of the synthetic PAR index tree: dotted code, name, max (leaves only; parents sum).
pub struct Node {
    /// Dotted code: `1`, `1.1`, `1.1.1`.
    pub code: &'static str,
    /// Name.
    pub name: &'static str,
    /// Maximum score of a leaf; 0 for parents, whose maximum is the sum of their children.
    pub max: f64,
}

/// A department-level index modelled on the 2022 provincial PAR INDEX: 8 fields, 100 points.
pub const TREE: &[Node] = &[
    Node {
        code: "1",
        name: "Công tác chỉ đạo, điều hành cải cách hành chính",
        max: 0.0,
    },
    Node {
        code: "1.1",
        name: "Kế hoạch cải cách hành chính năm",
        max: 0.0,
    },
    Node {
        code: "1.1.1",
        name: "Ban hành kế hoạch kịp thời",
        max: 1.0,
    },
    Node {
        code: "1.1.2",
        name: "Mức độ hoàn thành kế hoạch",
        max: 2.0,
    },
    Node {
        code: "1.2",
        name: "Công tác tuyên truyền cải cách hành chính",
        max: 2.0,
    },
    Node {
        code: "1.3",
        name: "Kiểm tra công tác cải cách hành chính",
        max: 2.0,
    },
    Node {
        code: "1.4",
        name: "Sáng kiến trong cải cách hành chính",
        max: 3.0,
    },
    Node {
        code: "2",
        name: "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật",
        max: 0.0,
    },
    Node {
        code: "2.1",
        name: "Theo dõi thi hành pháp luật",
        max: 3.0,
    },
    Node {
        code: "2.2",
        name: "Rà soát, hệ thống hóa văn bản",
        max: 0.0,
    },
    Node {
        code: "2.2.1",
        name: "Thực hiện rà soát định kỳ",
        max: 2.0,
    },
    Node {
        code: "2.2.2",
        name: "Xử lý kết quả rà soát",
        max: 3.0,
    },
    Node {
        code: "3",
        name: "Cải cách thủ tục hành chính",
        max: 0.0,
    },
    Node {
        code: "3.1",
        name: "Công khai thủ tục hành chính",
        max: 3.0,
    },
    Node {
        code: "3.2",
        name: "Giải quyết hồ sơ thủ tục hành chính",
        max: 0.0,
    },
    Node {
        code: "3.2.1",
        name: "Tỷ lệ hồ sơ giải quyết đúng hạn",
        max: 4.0,
    },
    Node {
        code: "3.2.2",
        name: "Tỷ lệ hồ sơ tiếp nhận qua dịch vụ bưu chính công ích",
        max: 2.0,
    },
    Node {
        code: "3.3",
        name: "Rà soát, đơn giản hóa thủ tục hành chính",
        max: 5.0,
    },
    Node {
        code: "4",
        name: "Cải cách tổ chức bộ máy hành chính nhà nước",
        max: 0.0,
    },
    Node {
        code: "4.1",
        name: "Sắp xếp tổ chức bộ máy",
        max: 4.0,
    },
    Node {
        code: "4.2",
        name: "Quản lý biên chế",
        max: 4.0,
    },
    Node {
        code: "5",
        name: "Cải cách chế độ công vụ",
        max: 0.0,
    },
    Node {
        code: "5.1",
        name: "Vị trí việc làm và cơ cấu ngạch công chức",
        max: 4.0,
    },
    Node {
        code: "5.2",
        name: "Đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
        max: 3.0,
    },
    Node {
        code: "5.3",
        name: "Kỷ luật, kỷ cương hành chính",
        max: 3.0,
    },
    Node {
        code: "6",
        name: "Cải cách tài chính công",
        max: 0.0,
    },
    Node {
        code: "6.1",
        name: "Quản lý, sử dụng ngân sách",
        max: 3.0,
    },
    Node {
        code: "6.2",
        name: "Thực hiện cơ chế tự chủ tài chính",
        max: 3.0,
    },
    Node {
        code: "7",
        name: "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
        max: 0.0,
    },
    Node {
        code: "7.1",
        name: "Cung cấp dịch vụ công trực tuyến",
        max: 0.0,
    },
    Node {
        code: "7.1.1",
        name: "Tỷ lệ thủ tục cung cấp trực tuyến toàn trình",
        max: 3.0,
    },
    Node {
        code: "7.1.2",
        name: "Tỷ lệ hồ sơ nộp trực tuyến",
        max: 3.0,
    },
    Node {
        code: "7.2",
        name: "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        max: 4.0,
    },
    Node {
        code: "7.3",
        name: "Hệ thống quản lý văn bản và điều hành",
        max: 4.0,
    },
    Node {
        code: "8",
        name: "Tác động của cải cách hành chính",
        max: 0.0,
    },
    Node {
        code: "8.1",
        name: "Sự hài lòng của người dân, tổ chức",
        max: 20.0,
    },
    Node {
        code: "8.2",
        name: "Tác động đến phát triển kinh tế - xã hội",
        max: 10.0,
    },
];

/// Deterministic pseudo-random numbers (a 64-bit LCG): the same datasets on every machine.
pub struct Lcg(u64);

impl Lcg {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Lcg(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407))
    }

    /// A float in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Scores of one unit and year: per node, (max, self-assessed, appraised), parents summed.
pub struct YearScores {
    /// Year.
    pub year: i32,
    /// Per node of [`TREE`], in order.
    pub values: Vec<(f64, f64, f64)>,
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn is_parent(i: usize) -> bool {
    TREE.get(i + 1)
        .is_some_and(|next| next.code.starts_with(&format!("{}.", TREE[i].code)))
}

/// Synthetic scores for a unit: attainment starts at `base` and improves by `trend` a year, with noise.
pub fn unit_scores(seed: u64, base: f64, trend: f64, years: &[i32]) -> Vec<YearScores> {
    let mut rng = Lcg::new(seed);
    years
        .iter()
        .enumerate()
        .map(|(k, &year)| {
            let mut values: Vec<(f64, f64, f64)> = TREE
                .iter()
                .enumerate()
                .map(|(i, node)| {
                    if is_parent(i) {
                        return (0.0, 0.0, 0.0);
                    }
                    let level =
                        (base + trend * k as f64 + (rng.next_f64() - 0.5) * 0.3).clamp(0.35, 1.0);
                    let appraised = round2((node.max * level * 4.0).round() / 4.0);
                    let optimism = if rng.next_f64() < 0.4 {
                        0.25_f64.min(node.max - appraised)
                    } else {
                        0.0
                    };
                    (node.max, round2(appraised + optimism.max(0.0)), appraised)
                })
                .collect();
            for i in (0..TREE.len()).rev() {
                if is_parent(i) {
                    let prefix = format!("{}.", TREE[i].code);
                    let depth = TREE[i].code.matches('.').count() + 1;
                    let mut sum = (0.0, 0.0, 0.0);
                    for (j, node) in TREE.iter().enumerate() {
                        if node.code.starts_with(&prefix) && node.code.matches('.').count() == depth
                        {
                            sum.0 += values[j].0;
                            sum.1 += values[j].1;
                            sum.2 += values[j].2;
                        }
                    }
                    values[i] = (round2(sum.0), round2(sum.1), round2(sum.2));
                }
            }
            YearScores { year, values }
        })
        .collect()
}

/// Sum over top-level fields: (max, self, appraised).
pub fn totals(scores: &YearScores) -> (f64, f64, f64) {
    let mut sum = (0.0, 0.0, 0.0);
    for (i, node) in TREE.iter().enumerate() {
        if !node.code.contains('.') {
            sum.0 += scores.values[i].0;
            sum.1 += scores.values[i].1;
            sum.2 += scores.values[i].2;
        }
    }
    (round2(sum.0), round2(sum.1), round2(sum.2))
}

/// Vietnamese text number with a comma decimal: 12.5 → "12,5".
pub fn vn(x: f64) -> String {
    let s = format!("{}", round2(x));
    s.replace('.', ",")
}

/// Layout A: one sheet per year, dotted codes, a column-number row, "Tổng cộng", a signature block.
pub fn sheet_per_year(unit: &str, scores: &[YearScores]) -> Vec<SheetSpec> {
    scores
        .iter()
        .map(|ys| {
            let mut s = SheetSpec::new(&ys.year.to_string());
            s.set(0, 0, t("UBND TỈNH"))
                .set(1, 0, t(&unit.to_uppercase()));
            s.set(
                3,
                0,
                t("BẢNG TỔNG HỢP KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH"),
            )
            .merge(3, 0, 3, 5);
            s.set(4, 0, t(&format!("Đơn vị: {unit}"))).merge(4, 0, 4, 5);
            s.row(
                6,
                [
                    "STT",
                    "Lĩnh vực, tiêu chí, tiêu chí thành phần",
                    "Điểm tối đa",
                    "Điểm tự đánh giá",
                    "Điểm thẩm định",
                    "Ghi chú",
                ]
                .iter()
                .map(|h| Some(t(h)))
                .collect(),
            );
            s.row(7, (1..=6).map(|i| Some(t(&format!("({i})")))).collect());
            s.bold_rows = vec![6, 7];
            let mut r = 8;
            for (i, node) in TREE.iter().enumerate() {
                let (max, own, appraised) = ys.values[i];
                // Offices type some figures as text with a comma decimal.
                let fig = |x: f64| {
                    if (x * 4.0).fract() != 0.0 || i % 3 == 0 {
                        t(&vn(x))
                    } else {
                        n(x)
                    }
                };
                s.row(
                    r,
                    vec![
                        Some(t(node.code)),
                        Some(t(node.name)),
                        Some(fig(max)),
                        Some(fig(own)),
                        Some(fig(appraised)),
                        None,
                    ],
                );
                if !node.code.contains('.') {
                    s.bold_rows.push(r);
                }
                r += 1;
            }
            let (max, own, appraised) = totals(ys);
            s.row(
                r,
                vec![
                    None,
                    Some(t("Tổng cộng")),
                    Some(n(max)),
                    Some(n(own)),
                    Some(n(appraised)),
                ],
            );
            s.bold_rows.push(r);
            s.set(r + 2, 0, t("Nơi nhận:")).set(r + 2, 4, t("GIÁM ĐỐC"));
            s.set(r + 3, 0, t("- Sở Nội vụ;"));
            s.set(r + 4, 0, t("- Lưu: VT."));
            s
        })
        .collect()
}

fn roman(k: usize) -> &'static str {
    ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
        .get(k)
        .copied()
        .unwrap_or("X")
}

/// Layout B: one file per year, codes I / 1 / a, the year in the title, a "KẾT QUẢ" band over
/// self-assessed and appraised scores.
pub fn file_per_year(unit: &str, ys: &YearScores) -> SheetSpec {
    let mut s = SheetSpec::new("Chỉ số CCHC");
    s.set(
        0,
        0,
        t(&format!(
            "KẾT QUẢ TỰ ĐÁNH GIÁ, THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {}",
            ys.year
        )),
    )
    .merge(0, 0, 0, 5);
    s.set(1, 0, t(&format!("Đơn vị: {unit}"))).merge(1, 0, 1, 5);
    s.set(3, 0, t("TT")).merge(3, 0, 4, 0);
    s.set(3, 1, t("Tiêu chí")).merge(3, 1, 4, 1);
    s.set(3, 2, t("Điểm tối đa")).merge(3, 2, 4, 2);
    s.set(3, 3, t("KẾT QUẢ")).merge(3, 3, 3, 4);
    s.set(4, 3, t("Tự đánh giá")).set(4, 4, t("Thẩm định"));
    s.set(3, 5, t("Ghi chú")).merge(3, 5, 4, 5);
    s.bold_rows = vec![3, 4];
    let mut r = 5;
    let mut field = 0;
    for (i, node) in TREE.iter().enumerate() {
        let parts: Vec<&str> = node.code.split('.').collect();
        let code = match parts.len() {
            1 => {
                field += 1;
                roman(field - 1).to_owned()
            }
            2 => parts[1].to_owned(),
            _ => format!(
                "{})",
                (b'a' + parts[2].parse::<u8>().unwrap_or(1) - 1) as char
            ),
        };
        let (max, own, appraised) = ys.values[i];
        s.row(
            r,
            vec![
                Some(t(&code)),
                Some(t(node.name)),
                Some(n(max)),
                Some(n(own)),
                Some(n(appraised)),
            ],
        );
        r += 1;
    }
    let (max, own, appraised) = totals(ys);
    s.set(r, 0, t("TỔNG CỘNG")).merge(r, 0, r, 1);
    s.row(
        r,
        vec![None, None, Some(n(max)), Some(n(own)), Some(n(appraised))],
    );
    s.set(r + 2, 3, t(&format!("Ngày 15 tháng 1 năm {}", ys.year + 1)));
    s.set(r + 3, 3, t("THỦ TRƯỞNG ĐƠN VỊ"));
    s
}

/// Layout C: side-by-side year bands "NĂM 2021 {Tự đánh giá, Thẩm định}" sharing one max column.
pub fn years_side_by_side(unit: &str, scores: &[YearScores]) -> SheetSpec {
    let mut s = SheetSpec::new("Tổng hợp");
    s.set(
        0,
        0,
        t("THEO DÕI KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH QUA CÁC NĂM"),
    )
    .merge(0, 0, 0, 9);
    s.set(1, 0, t(&format!("Đơn vị: {unit}"))).merge(1, 0, 1, 9);
    s.set(3, 0, t("STT")).merge(3, 0, 4, 0);
    s.set(3, 1, t("Tiêu chí")).merge(3, 1, 4, 1);
    s.set(3, 2, t("Điểm tối đa")).merge(3, 2, 4, 2);
    for (k, ys) in scores.iter().enumerate() {
        let col = 3 + 2 * k as u16;
        s.set(3, col, t(&format!("NĂM {}", ys.year)))
            .merge(3, col, 3, col + 1);
        s.set(4, col, t("Tự đánh giá"))
            .set(4, col + 1, t("Thẩm định"));
    }
    s.bold_rows = vec![3, 4];
    let mut r = 5;
    for (i, node) in TREE.iter().enumerate() {
        let mut cells = vec![
            Some(t(node.code)),
            Some(t(node.name)),
            Some(n(scores[0].values[i].0)),
        ];
        for ys in scores {
            cells.push(Some(n(ys.values[i].1)));
            cells.push(Some(n(ys.values[i].2)));
        }
        s.row(r, cells);
        r += 1;
    }
    let mut cells = vec![None, Some(t("Tổng cộng")), Some(n(totals(&scores[0]).0))];
    for ys in scores {
        let (_, own, appraised) = totals(ys);
        cells.push(Some(n(own)));
        cells.push(Some(n(appraised)));
    }
    s.row(r, cells);
    s
}

/// The synthetic units: (unit, seed, base attainment, yearly trend).
pub const UNITS: [(&str, u64, f64, f64); 3] = [
    ("Sở Tư pháp", 11, 0.78, 0.035),
    ("Sở Y tế", 23, 0.72, 0.05),
    ("UBND huyện Long Thành", 37, 0.84, 0.01),
];

/// The synthetic years.
pub const YEARS: [i32; 4] = [2021, 2022, 2023, 2024];
