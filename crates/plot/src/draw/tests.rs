use super::*;
use crate::ParetoBar;
use cchc_model::Lang;

fn pareto(n: usize) -> ParetoChart {
    ParetoChart {
        title: "Điểm bị mất theo tiêu chí — Sở Kế hoạch và Đầu tư, năm 2021".to_owned(),
        bars: (0..n)
            .map(|i| ParetoBar {
                code: (i + 1).to_string(),
                name: format!("Tiêu chí số {}", i + 1),
                points_lost: (n - i) as f64,
                cumulative_share: (i + 1) as f64 / n as f64,
            })
            .collect(),
        lang: Lang::Vi,
    }
}

#[test]
fn svg_carries_the_vietnamese_title_and_every_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pareto.svg");
    pareto(7).draw(&path).expect("drawn");
    let svg = std::fs::read_to_string(&path).expect("svg");
    assert!(svg.contains("Điểm bị mất theo tiêu chí — Sở Kế hoạch và Đầu tư, năm 2021"));
    for code in 1..=7 {
        assert!(
            svg.contains(&format!("{code}  Tiêu chí số {code}")),
            "legend line {code}"
        );
    }
    assert!(svg.contains("DejaVu Sans"));
    let page = pareto(7).svg().expect("in memory");
    assert!(page.starts_with("<svg width=\"1100\""), "{}", &page[..60]);
    assert!(page.contains("Điểm bị mất theo tiêu chí — Sở Kế hoạch và Đầu tư, năm 2021"));
}

#[test]
fn long_paretos_sum_the_tail_into_one_bar() {
    let chart = pareto(25);
    let shown = chart.shown();
    assert_eq!(shown.len(), MAX_BARS + 1);
    let tail = &shown[MAX_BARS];
    assert_eq!(tail.1, "Còn lại (5 mục)");
    assert_eq!(tail.2, 5.0 + 4.0 + 3.0 + 2.0 + 1.0);
    assert!((tail.3 - 1.0).abs() < 1e-12);
}

#[test]
fn png_is_written_with_the_embedded_font_and_bars_as_tall_as_their_figures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pareto.png");
    // Points lost 3, 2 and 1.
    pareto(3).draw(&path).expect("drawn");
    let decoder = png::Decoder::new(std::fs::File::open(&path).expect("png"));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let (w, h) = (info.width as usize, info.height as usize);
    let channels = info.line_size / w;
    let pixel = |x: usize, y: usize| {
        let at = y * info.line_size + x * channels;
        (buf[at], buf[at + 1], buf[at + 2])
    };
    // The title, in the embedded font: dark pixels in the top band.
    let title_ink = (0..h / 12)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let (r, g, b) = pixel(x, y);
            u32::from(r) + u32::from(g) + u32::from(b) < 200
        })
        .count();
    assert!(title_ink > 500, "{title_ink} dark pixels in the title band");
    // The bars: runs of columns holding the bar colour; a column's extent is its first to
    // last pixel of that colour (the cumulative line crosses the bars).
    let bar = BAR_COLORS[0];
    let extent = |x: usize| {
        let ys: Vec<usize> = (0..h)
            .filter(|&y| pixel(x, y) == (bar.0, bar.1, bar.2))
            .collect();
        ys.first().map(|top| ys[ys.len() - 1] - top + 1)
    };
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut last = None;
    for x in 0..w {
        if let Some(height) = extent(x) {
            if last != Some(x.wrapping_sub(1)) {
                runs.push(Vec::new());
            }
            runs.last_mut().expect("run").push(height);
            last = Some(x);
        }
    }
    // The legend's swatch is a narrow run; the three bars are the wide ones.
    let mut bars: Vec<usize> = runs
        .iter()
        .filter(|r| r.len() > 30)
        .map(|r| {
            let mut r = r.clone();
            r.sort_unstable();
            r[r.len() / 2]
        })
        .collect();
    assert_eq!(bars.len(), 3, "{runs:?}");
    let one = bars.pop().expect("third") as f64;
    let close = |got: usize, want: f64| ((got as f64 / one) - want).abs() < 0.03;
    assert!(
        close(bars[0], 3.0) && close(bars[1], 2.0),
        "{bars:?} vs {one}"
    );
}

#[test]
fn close_labels_are_spread_and_titles_fit_the_chart() {
    // Three values within a label's height of each other: each label stands at least a
    // gap above the one below, in the values' order, the lowest where it was.
    let at = spread_labels(&[89.0, 89.8, 88.5], 0.2, 1.0);
    assert!((at[2] - 88.7).abs() < 1e-9, "{at:?}");
    assert!(
        at[0] >= at[2] + 1.0 - 1e-9 && at[1] >= at[0] + 1.0 - 1e-9,
        "{at:?}"
    );
    // Values far apart keep their place.
    assert_eq!(spread_labels(&[10.0, 50.0], 0.0, 1.0), vec![10.0, 50.0]);
    // A long title is set smaller so that its width stays within the chart's.
    let long = "Số hồ sơ và tỷ lệ trễ hạn theo thủ tục — Sở Kế hoạch và Đầu tư, 2024 (5 thủ tục không có số liệu)";
    let size = |t: &str| title_style(t, 28.0).font.get_size();
    assert!(size(long) < 28.0);
    let width = size(long) * BOLD_EM * long.chars().count() as f64;
    assert!(width <= f64::from(WIDTH) * 0.92 + 1e-6, "{width}");
    assert!((size("Ngắn") - 28.0).abs() < 1e-9);
}

#[test]
fn short_category_names_stand_under_their_bars() {
    let chart = |names: [&str; 3]| GroupedBars {
        title: "Tỷ lệ hồ sơ theo kênh tiếp nhận".into(),
        categories: names
            .iter()
            .enumerate()
            .map(|(i, n)| ((i + 1).to_string(), (*n).to_owned()))
            .collect(),
        series: vec![("Năm 2024".into(), vec![Some(0.5), Some(0.4), Some(0.1)])],
        y_label: "%".into(),
        target: None,
        lang: Lang::Vi,
    };
    let short = chart(["Trực tuyến", "Trực tiếp", "Bưu chính công ích"]);
    let svg = short.svg().expect("svg");
    assert!(
        svg.contains("Trực tuyến") && svg.contains("Bưu chính công ích"),
        "names under the bars"
    );
    assert!(!svg.contains("1  Trực tuyến"), "no key of codes");
    assert_eq!(short.height(), 760);
    let long = chart([
        "Thành lập và hoạt động của doanh nghiệp",
        "Đầu tư tại Việt Nam",
        "Đấu thầu",
    ]);
    let svg = long.svg().expect("svg");
    assert!(
        svg.contains("1  Thành lập và hoạt động"),
        "a key of codes for long names"
    );
}

#[test]
fn other_extensions_are_refused() {
    let err = pareto(2).draw(Path::new("chart.pdf")).unwrap_err();
    assert!(matches!(err, PlotError::Extension { .. }));
}

#[test]
fn likert_segments_centre_the_neutral_level_on_zero() {
    let chart = LikertChart {
        title: "Mức độ hài lòng".into(),
        scale: Some(cchc_model::Scale::Satisfaction),
        bars: vec![(
            "Tiếp cận dịch vụ — 2024".into(),
            [0.05, 0.10, 0.20, 0.40, 0.25],
        )],
        lang: Lang::Vi,
    };
    let segs = &chart.segments()[0];
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
    assert!(
        close(segs[0].1, -25.0) && close(segs[0].2, -20.0),
        "{segs:?}"
    );
    assert!(
        close(segs[2].1, -10.0) && close(segs[2].2, 10.0),
        "{segs:?}"
    );
    assert!(close(segs[4].1, 50.0) && close(segs[4].2, 75.0), "{segs:?}");
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("likert.svg");
    chart.draw(&path).expect("drawn");
    let svg = std::fs::read_to_string(&path).expect("svg");
    assert!(svg.contains("Tiếp cận dịch vụ — 2024") && svg.contains("Rất hài lòng"));
}

#[test]
fn numbers_follow_the_language() {
    assert_eq!(fmt_num(87.54, 1, Lang::Vi), "87,5");
    assert_eq!(fmt_num(87.54, 1, Lang::En), "87.5");
}
