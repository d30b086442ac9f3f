//! `cchc report` through the real binary, looked at as people meet it: headless Chromium prints
//! the HTML page to PDF, LibreOffice opens the workbook and the Word draft and converts them, and
//! poppler (`pdfinfo`, `pdftotext`, `pdffonts`) reads the PDFs back — page size, page count,
//! printed figures, embedded fonts. The workbook is also read back with calamine and its chart
//! parts are checked for the ranges they draw. `.ci/run` installs chromium, poppler-utils and
//! LibreOffice (calc and writer) from Debian; without them these tests fail, saying so.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto};
use serde_json::Value;

use super::{import_datasets, json, num, ok, root, run};

fn tool(name: &str) -> Command {
    let found = std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|d| d.join(name).is_file()))
        .unwrap_or(false);
    assert!(
        found,
        "{name} is needed: apt-get install --no-install-recommends chromium poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui fonts-liberation2 (.ci/run does)"
    );
    Command::new(name)
}

fn checked(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Prints an HTML page to PDF with headless Chromium, as a person would with "Print to PDF".
fn chromium_pdf(html: &Path, pdf: &Path, profile: &Path) {
    checked(
        tool("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", html.display())),
    );
    assert!(pdf.is_file(), "Chromium wrote no {}", pdf.display());
}

/// Converts a workbook or document to PDF with LibreOffice; returns the PDF's path.
fn soffice_pdf(file: &Path, out: &Path) -> PathBuf {
    checked(
        tool("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                out.join("lo-profile").display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(out)
            .arg(file),
    );
    let pdf = out.join(file.with_extension("pdf").file_name().expect("name"));
    assert!(
        pdf.is_file(),
        "LibreOffice could not convert {}",
        file.display()
    );
    pdf
}

/// (pages, the "Page size" line) of a PDF.
fn pdfinfo(pdf: &Path) -> (u32, String) {
    let info = checked(tool("pdfinfo").arg(pdf));
    let field = |name: &str| {
        info.lines()
            .find(|l| l.starts_with(name))
            .map(|l| l[name.len()..].trim().to_owned())
            .unwrap_or_else(|| panic!("{name} in {info}"))
    };
    (field("Pages:").parse().expect("pages"), field("Page size:"))
}

fn pdftext(pdf: &Path) -> String {
    checked(tool("pdftotext").arg(pdf).arg("-"))
}

/// Text without white space: a phrase wrapped inside a narrow table cell is found whole.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every font of the PDF is embedded (the `emb` column of `pdffonts`).
fn assert_fonts_embedded(pdf: &Path) {
    let fonts = checked(tool("pdffonts").arg(pdf));
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts in {}", pdf.display());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type [type…] encoding emb sub uni object ID: emb is the fifth field from the end.
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
    }
}

/// A fraction as the report prints it in Vietnamese: "79,1%".
fn pct_vi(x: f64) -> String {
    format!("{:.1}%", x * 100.0).replace('.', ",")
}

fn find<'a>(rows: &'a [Value], unit: &str, year: i64) -> &'a Value {
    rows.iter()
        .find(|r| r["unit"] == unit && r["year"].as_i64() == Some(year))
        .unwrap_or_else(|| panic!("{unit} {year} in {rows:?}"))
}

#[test]
#[allow(clippy::print_stderr)] // says why the layout was not checked on a machine without Playwright
fn the_years_report_prints_on_a4_with_its_figures_and_its_workbook_draws_native_charts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    import_datasets(&store);
    let out = dir.path().join("report");
    // 2024: the last year every bundled unit reported (2025 holds the new Sở Tài chính only).
    let printed = ok(
        &store,
        &[
            "report",
            "--year",
            "2024",
            "--out",
            out.to_str().expect("utf8"),
        ],
    );
    let (html, xlsx, docx) = (
        out.join("bao-cao-2024.html"),
        out.join("bao-cao-2024.xlsx"),
        out.join("ke-hoach-2025.docx"),
    );
    for f in [&html, &xlsx, &docx] {
        assert!(f.is_file(), "{} not written", f.display());
        assert!(printed.contains(&f.display().to_string()), "{printed}");
    }

    // The page stands alone: no script, nothing fetched, charts inline, under 3 MB.
    let page = std::fs::read_to_string(&html).expect("html");
    assert!(page.len() < 3 << 20, "{} bytes", page.len());
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"));
    assert!(!page.contains("<script") && !page.contains("<img") && !page.contains("url("));
    let outside = page
        .match_indices("http")
        .filter(|(i, _)| !page[*i..].starts_with("http://www.w3.org/2000/svg"))
        .count();
    assert_eq!(outside, 0, "the page refers to the network");
    assert!(page.matches("<svg").count() >= 10, "charts inline");
    // Every imported file with its sha256.
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(store.join("manifest.json")).expect("manifest"),
    )
    .expect("json");
    for source in manifest["sources"].as_array().expect("sources") {
        let sha = source["sha256"].as_str().expect("sha");
        assert!(page.contains(sha), "{sha} of {}", source["file_name"]);
    }

    // Printed by Chromium: A4, a sensible length, fonts embedded, the key figures as numbers.
    let pdf = dir.path().join("report.pdf");
    chromium_pdf(&html, &pdf, &dir.path().join("chromium"));
    let (pages, size) = pdfinfo(&pdf);
    assert!(size.ends_with("(A4)") && size.starts_with("59"), "{size}");
    assert!((3..=40).contains(&pages), "{pages} pages");
    assert_fonts_embedded(&pdf);
    let text = pdftext(&pdf);
    let index = json(&store, &["survey", "index", "--year", "2024"]);
    let sotp = find(&index, "Sở Tư pháp", 2024);
    let satisfaction = pct_vi(num(sotp, "index"));
    assert!(text.contains(&satisfaction), "satisfaction {satisfaction}");
    let rates = json(
        &store,
        &["procedures", "stats", "--by", "unit", "--year", "2024"],
    );
    // Under the latest map the seed unit's procedures are read as those of the Sở Tài chính it
    // went into on 1/3/2025.
    let on_time = pct_vi(num(find(&rates, "Sở Tài chính", 2024), "on_time_rate"));
    assert!(text.contains(&on_time), "on-time rate {on_time}");
    let trend = json(&store, &["scorecard", "trend", "--year", "2024"]);
    let total = format!(
        "{:.2}",
        num(find(&trend, "Sở Tư pháp", 2024), "score_total")
    )
    .replace('.', ",");
    assert!(text.contains(&total), "PAR index {total}");
    for heading in [
        "TÓM TẮT",
        "ĐIỂM BỊ MẤT",
        "XU HƯỚNG",
        "SỰ HÀI LÒNG",
        "THỦ TỤC HÀNH CHÍNH",
        "NGUỒN SỐ LIỆU",
        "ĐỊNH NGHĨA",
    ] {
        assert!(text.contains(heading), "section {heading}");
    }
    assert!(text.contains(&format!("1 / {pages}")), "page numbers");

    // The workbook read back: sheets, values, and native charts drawn from the sheets' ranges.
    let mut wb = open_workbook_auto(&xlsx).expect("xlsx");
    let sheets = wb.sheet_names();
    for name in ["Tóm tắt", "Xu hướng", "Nguồn", "Ghi chú", "Điểm mất Sở TP"] {
        assert!(
            sheets.iter().any(|s| s == name),
            "sheet {name} in {sheets:?}"
        );
    }
    let summary = wb.worksheet_range("Tóm tắt").expect("summary");
    let row = summary
        .rows()
        .find(|r| r.first() == Some(&Data::String("Sở Tư pháp".into())))
        .expect("Sở Tư pháp in the summary");
    assert_eq!(
        row[1],
        Data::Float(num(find(&trend, "Sở Tư pháp", 2024), "score_total"))
    );
    let pareto = wb.worksheet_range("Điểm mất Sở TP").expect("pareto sheet");
    // Title, header, then one row per criterion that lost points.
    let last = pareto
        .rows()
        .skip(2)
        .take_while(|r| !matches!(r.first(), None | Some(Data::Empty)))
        .count()
        + 2;
    assert!(last > 5, "{last}");
    let charts = chart_parts(&xlsx);
    // Every chart of the page is a native chart of the workbook, with the same title.
    let figures = page.matches("<figure>").count();
    assert!(figures >= 10, "{figures} figures");
    assert_eq!(
        charts.len(),
        figures,
        "a native chart for every figure of the page"
    );
    for x in &charts {
        let title: String = x
            .split("<a:t>")
            .skip(1)
            .filter_map(|t| t.split("</a:t>").next())
            .next()
            .unwrap_or_default()
            .to_owned();
        assert!(!title.is_empty(), "a chart without its title");
        let escaped = title.replace('&', "&amp;");
        assert!(
            page.contains(&escaped),
            "{title} is not a figure of the page"
        );
    }
    assert!(
        charts.iter().any(|x| x.contains("<c:scatterChart>")),
        "the dossiers × late rate scatter"
    );
    let pareto_chart = charts
        .iter()
        .find(|x| x.contains(&format!("'Điểm mất Sở TP'!$E$3:$E${last}")))
        .expect("a chart of the points lost");
    assert!(pareto_chart.contains(&format!("'Điểm mất Sở TP'!$G$3:$G${last}")));
    assert!(pareto_chart.contains("<c:barChart>") && pareto_chart.contains("<c:lineChart>"));
    assert!(
        charts
            .iter()
            .any(|x| x.contains("'Xu hướng'!$B$3:$B$6") && x.contains("<c:lineChart>")),
        "the trend as lines"
    );
    assert!(
        charts
            .iter()
            .any(|x| x.contains("<c:grouping val=\"percentStacked\"/>")),
        "the Likert bars"
    );
    assert!(
        charts
            .iter()
            .any(|x| x.contains("'Kênh Sở TP'!$E$3") && x.contains("<c:lineChart>")),
        "channels with the postal target"
    );

    // Laid out in Chromium as it prints: no table wider than the text, no header word, code or
    // number running past its cell (the simplification table once printed "Hạng" over "Mã",
    // codes into names and savings past the page's edge).
    let layout = Command::new("python3")
        .arg(root().join("tests/browser/page_layout.py"))
        .arg(&html)
        .output()
        .expect("python3 runs");
    let err = String::from_utf8_lossy(&layout.stderr);
    if err.contains("ModuleNotFoundError") && std::env::var_os("CI").is_none() {
        eprintln!("page layout not checked: pip install -r tests/engines/requirements.txt");
    } else {
        assert!(layout.status.success(), "{err}");
        let problems: Vec<String> = serde_json::from_slice(&layout.stdout).expect("json");
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    // LibreOffice opens the workbook and prints it on A4 landscape.
    let lo = dir.path().join("lo");
    let xlsx_pdf = soffice_pdf(&xlsx, &lo);
    let (xlsx_pages, size) = pdfinfo(&xlsx_pdf);
    assert!(size.ends_with("(A4)") && size.starts_with("841"), "{size}");
    assert!(xlsx_pages >= 5, "{xlsx_pages}");
    let xlsx_text = pdftext(&xlsx_pdf);
    assert!(xlsx_text.contains("Các chỉ số chính năm 2024"));
    assert!(xlsx_text.contains("Trang 1/"), "page numbers in the footer");

    // And the plan's Word draft on A4 portrait.
    let docx_pdf = soffice_pdf(&docx, &lo);
    let (_, size) = pdfinfo(&docx_pdf);
    assert!(size.ends_with("(A4)") && size.starts_with("595"), "{size}");
    let plan = pdftext(&docx_pdf);
    for part in [
        "KẾ HOẠCH",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "II. NỘI DUNG",
        "III. TỔ CHỨC THỰC HIỆN",
        "PHỤ LỤC II",
    ] {
        assert!(plan.contains(part), "{part} in the plan");
    }
}

/// One part of a zip package, as text.
fn zip_part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    let mut s = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).expect("part"), &mut s).expect("read");
    s
}

/// The XML of every chart part of a workbook.
fn chart_parts(xlsx: &Path) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::fs::File::open(xlsx).expect("open")).expect("zip");
    let names: Vec<String> = zip
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .filter(|n| n.starts_with("xl/charts/chart") && n.ends_with(".xml"))
        .collect();
    names.iter().map(|n| zip_part(xlsx, n)).collect()
}

#[test]
fn the_seed_units_report_and_plan_carry_its_2021_figures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    import_datasets(&store);
    let out = dir.path().join("report");
    ok(
        &store,
        &[
            "report",
            "--year",
            "2021",
            "--unit",
            "so ke hoach va dau tu",
            "--out",
            out.to_str().expect("utf8"),
        ],
    );
    let html = out.join("bao-cao-2021-so-ke-hoach-va-dau-tu.html");
    let docx = out.join("ke-hoach-2022-so-ke-hoach-va-dau-tu.docx");
    let pdf = dir.path().join("seed.pdf");
    chromium_pdf(&html, &pdf, &dir.path().join("chromium"));
    let text = pdftext(&pdf);
    // The seed plan's appendix: 30,44 of 39,5 points, 9,06 lost.
    assert!(text.contains("30,44"), "total");
    assert!(text.contains("9,06"), "points lost");
    // 2021 has no survey and no dossier statistics: said, not drawn.
    assert!(text.contains("không có phiếu khảo sát năm 2021"));
    assert!(text.contains("không có thống kê hồ sơ năm 2021"));
    assert!(!text.contains("SỰ HÀI LÒNG"));

    // The appendix's header as the seed has it, in the document…
    let xml = zip_part(&docx, "word/document.xml");
    for part in [
        "STT",
        "TÊN TIÊU CHÍ",
        "NĂM 2021",
        "Điểm chuẩn",
        "Điểm đạt được",
        "Lý do",
        "GIẢI PHÁP KHẮC PHỤC TRONG NĂM 2022",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
    ] {
        assert!(xml.contains(part), "{part} in the plan");
    }
    // Its two header rows repeat at the top of every page the table runs over.
    assert_eq!(xml.matches("<w:tblHeader />").count(), 2);
    // …and as LibreOffice prints it (narrow cells wrap their words, hence no white space).
    let plan = pdftext(&soffice_pdf(&docx, &dir.path().join("lo")));
    let flat = squeezed(&plan);
    for part in [
        "TÊN TIÊU CHÍ",
        "NĂM 2021",
        "GIẢI PHÁP KHẮC PHỤC",
        "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
    ] {
        assert!(flat.contains(&squeezed(part)), "{part} in the printed plan");
    }
    assert!(
        plan.contains("39,5") && plan.contains("30,44"),
        "the appendix total"
    );
    // The seed's own reason for the postal criterion, carried from the workbook.
    assert!(plan.contains("11,3%"), "the reason of criterion 5");
    // Largest loss first: criterion 6 (4,89 points) is the first task.
    let first_task = plan.find("1. Tiêu chí 6").expect("task 1 is criterion 6");
    assert!(first_task < plan.find("2. Tiêu chí 7").expect("task 2 is criterion 7"));
}

#[test]
fn a_store_with_only_surveys_reports_only_what_it_can() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let surveys: Vec<String> = (2022..=2024)
        .map(|y| {
            root()
                .join(format!("datasets/survey_sipas_{y}.xlsx"))
                .display()
                .to_string()
        })
        .collect();
    let mut args = vec!["import"];
    args.extend(surveys.iter().map(String::as_str));
    ok(&store, &args);
    let out = dir.path().join("report");
    ok(
        &store,
        &[
            "report",
            "--formats",
            "html,xlsx",
            "--out",
            out.to_str().expect("utf8"),
        ],
    );
    assert!(
        !out.join("ke-hoach-2025.docx").exists(),
        "only the formats asked"
    );
    let page = std::fs::read_to_string(out.join("bao-cao-2024.html")).expect("html");
    assert!(page.contains("kho chưa có bảng điểm Chỉ số CCHC"));
    assert!(page.contains("kho chưa có thống kê hồ sơ"));
    assert!(page.contains("Sự hài lòng của người dân, tổ chức"));
    assert!(!page.contains("Điểm bị mất theo tiêu chí"));
    // Every figure holds a drawn chart.
    for figure in page.split("<figure>").skip(1) {
        let svg = &figure[..figure.find("</figure>").expect("closed")];
        assert!(
            svg.contains("<svg") && svg.matches("<text").count() > 5,
            "an empty chart"
        );
    }
    let wb = open_workbook_auto(out.join("bao-cao-2024.xlsx")).expect("xlsx");
    assert!(!wb.sheet_names().iter().any(|s| s.starts_with("Điểm mất")));

    // In English on request: the page's own words, the data's as they are.
    let en = dir.path().join("en");
    ok(
        &store,
        &[
            "--lang",
            "en",
            "report",
            "--formats",
            "html",
            "--out",
            en.to_str().expect("utf8"),
        ],
    );
    let page = std::fs::read_to_string(en.join("bao-cao-2024.html")).expect("html");
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for words in [
        "Administrative reform report, 2024",
        "Satisfaction of citizens and organisations",
        "the store holds no PAR index scorecard",
        "Definitions",
    ] {
        assert!(page.contains(words), "{words}");
    }
    assert!(!page.contains("Chỉ số hài lòng theo yếu tố năm"));
}

#[test]
fn bad_requests_exit_2_with_a_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty");
    let out = dir.path().join("report");
    let o = out.to_str().expect("utf8");
    let r = run(&empty, &["report", "--out", o]);
    assert_eq!(r.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&r.stderr).contains("trống"));

    let store = dir.path().join("store");
    import_datasets(&store);
    let r = run(&store, &["report", "--unit", "Sở Không Có", "--out", o]);
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("\"Sở Không Có\"") && err.contains("\"Sở Tư pháp\""),
        "{err}"
    );

    let r = run(
        &store,
        &["--lang", "en", "report", "--year", "2019", "--out", o],
    );
    assert_eq!(r.status.code(), Some(2));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("2019") && err.contains("2021, 2022, 2023, 2024"),
        "{err}"
    );
    assert!(!out.exists(), "nothing written");
}
