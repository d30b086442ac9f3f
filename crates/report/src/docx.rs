//! The Word draft of the next year's plan, in the shape of the seed plan (925/KH-SKHĐT): the
//! heading block of an administrative document (agency, number and date left to fill), the
//! title, I. Mục đích, yêu cầu; II. Nội dung — one task per criterion that lost points, largest
//! loss first, the responsible office and the deadline left to fill; III. Tổ chức thực hiện; the
//! signature block; and the appendix table exactly as the seed's (STT, TÊN TIÊU CHÍ, NĂM Y: Điểm
//! chuẩn / Điểm đạt được / Lý do, GIẢI PHÁP KHẮC PHỤC TRONG NĂM Y+1), then the procedures proposed
//! for simplification when the store has them. Times New Roman 14 pt (tables 12 pt), A4, margins
//! top and bottom 20 mm, left 30 mm, right 15 mm, page numbers at the foot.

use std::path::Path;

use cchc_model::Lang;
use docx_rs::{
    AlignmentType, Docx, Footer, LineSpacing, PageMargin, PageNum, Paragraph, Run, RunFonts,
    Table as DTable, TableCell, TableLayoutType, TableRow, VMergeType, WidthType,
};

use crate::ReportError;
use crate::model::*;
use crate::words::phrases as ph;

const FONT: &str = "Times New Roman";
/// Sizes in half-points.
const BODY: usize = 28;
const SMALL: usize = 24;
/// A4 in twentieths of a point, and the writing width between the margins (210 − 30 − 15 mm).
const A4: (u32, u32) = (11906, 16838);
const WIDTH: usize = 9355;
/// The height (twips) that marks a table's header rows until [`repeat_headers`] turns it into
/// Word's "repeat as header row" (docx-rs writes no `w:tblHeader`).
const HEADER_MARK: f32 = 7.0;
const HEADER_MARK_XML: &str = r#"<w:trHeight w:val="7" w:hRule="atLeast" />"#;
/// Where a value is left for the analyst to fill.
const BLANK: &str = "……………";

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT)
}

fn run(text: &str, size: usize) -> Run {
    Run::new().add_text(text).size(size).fonts(fonts())
}

fn para(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY))
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(docx_rs::SpecialIndentType::FirstLine(567)),
            None,
            None,
        )
        .line_spacing(LineSpacing::new().after(120))
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, BODY).bold())
        .keep_next(true)
        .indent(
            None,
            Some(docx_rs::SpecialIndentType::FirstLine(567)),
            None,
            None,
        )
        .line_spacing(LineSpacing::new().before(120).after(120))
}

fn centred(text: &str, size: usize, bold: bool, italic: bool) -> Paragraph {
    let mut r = run(text, size);
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    Paragraph::new().add_run(r).align(AlignmentType::Center)
}

fn cell(paragraphs: Vec<Paragraph>, width: usize) -> TableCell {
    paragraphs
        .into_iter()
        .fold(TableCell::new(), TableCell::add_paragraph)
        .width(width, WidthType::Dxa)
}

fn cell_text(text: &str, width: usize, align: AlignmentType, bold: bool) -> TableCell {
    let lines: Vec<Paragraph> = text
        .split('\n')
        .map(|line| {
            let r = run(line, SMALL);
            Paragraph::new()
                .add_run(if bold { r.bold() } else { r })
                .align(align)
        })
        .collect();
    cell(lines, width)
}

/// A score as the seed writes it: "33,5", "28,61", "2".
fn score(x: f64, lang: Lang) -> String {
    cchc_model::labels::fmt_trimmed((x * 100.0).round() / 100.0, lang)
}

/// The heading block: agency and number on the left, the national motto and the date on the right.
fn heading_block(doc: &Document) -> DTable {
    let lang = doc.lang;
    let agency = match doc.units.as_slice() {
        [one] => one.to_uppercase(),
        _ => BLANK.to_owned(),
    };
    let left = vec![
        centred(lang.say(ph::PEOPLE_S_COMMITTEE_OF), SMALL + 2, false, false),
        centred(&agency, SMALL + 2, true, false),
        centred("", SMALL, false, false),
        centred(lang.say(ph::NO_KH), SMALL + 2, false, false),
    ];
    let right = vec![
        centred(
            lang.say(ph::SOCIALIST_REPUBLIC_OF_VIET_NAM),
            SMALL,
            true,
            false,
        ),
        centred(
            lang.say(ph::INDEPENDENCE_FREEDOM_HAPPINESS),
            SMALL + 2,
            true,
            false,
        ),
        centred("", SMALL, false, false),
        centred(lang.say(ph::DATE), SMALL + 2, false, true),
    ];
    DTable::without_borders(vec![TableRow::new(vec![
        cell(left, 3800),
        cell(right, WIDTH - 3800),
    ])])
    .set_grid(vec![3800, WIDTH - 3800])
    .layout(TableLayoutType::Fixed)
}

/// The appendix table of the seed plan: two header rows, one row per criterion, a total.
fn appendix(doc: &Document) -> DTable {
    let lang = doc.lang;
    let year = doc.year;
    let grid = [750, 2500, 900, 900, 2100, 2205];
    let header = |text: &str, i: usize| cell_text(text, grid[i], AlignmentType::Center, true);
    let first = TableRow::new(vec![
        header(lang.say(ph::NO), 0).vertical_merge(VMergeType::Restart),
        header(lang.say(ph::CRITERION), 1).vertical_merge(VMergeType::Restart),
        cell_text(
            &format!("{} {year}", lang.say(ph::YEAR)),
            grid[2] + grid[3] + grid[4],
            AlignmentType::Center,
            true,
        )
        .grid_span(3),
        header(&crate::words::plan::remedy_header(year, lang), 5)
            .vertical_merge(VMergeType::Restart),
    ])
    .cant_split()
    .row_height(HEADER_MARK);
    let second = TableRow::new(vec![
        header("", 0).vertical_merge(VMergeType::Continue),
        header("", 1).vertical_merge(VMergeType::Continue),
        header(lang.say(ph::MAXIMUM), 2),
        header(lang.say(ph::SCORE), 3),
        header(lang.say(ph::REASON), 4),
        header("", 5).vertical_merge(VMergeType::Continue),
    ])
    .cant_split()
    .row_height(HEADER_MARK);
    let mut rows = vec![first, second];
    let several = doc.units.len() > 1;
    let (mut max_total, mut score_total) = (0.0, 0.0);
    for unit in &doc.units {
        let tasks: Vec<&Task> = doc.plan.tasks.iter().filter(|t| &t.unit == unit).collect();
        if tasks.is_empty() {
            continue;
        }
        if several {
            rows.push(TableRow::new(vec![
                cell_text(unit, WIDTH, AlignmentType::Left, true).grid_span(6),
            ]));
        }
        // The seed lists the criteria in their own order, by code.
        let mut tasks = tasks;
        tasks.sort_by_key(|t| natural(&t.code));
        for t in tasks {
            max_total += t.max_score;
            score_total += t.score;
            let or_blank = |s: &str| {
                if s.is_empty() {
                    BLANK.to_owned()
                } else {
                    s.to_owned()
                }
            };
            rows.push(
                TableRow::new(vec![
                    cell_text(&t.code, grid[0], AlignmentType::Center, false),
                    cell_text(&t.criterion, grid[1], AlignmentType::Left, false),
                    cell_text(
                        &score(t.max_score, lang),
                        grid[2],
                        AlignmentType::Center,
                        false,
                    ),
                    cell_text(&score(t.score, lang), grid[3], AlignmentType::Center, false),
                    cell_text(&or_blank(&t.reason), grid[4], AlignmentType::Left, false),
                    cell_text(&or_blank(&t.remedy), grid[5], AlignmentType::Left, false),
                ])
                .cant_split(),
            );
        }
    }
    rows.push(TableRow::new(vec![
        cell_text(
            lang.say(ph::TOTAL),
            grid[0] + grid[1],
            AlignmentType::Center,
            true,
        )
        .grid_span(2),
        cell_text(
            &score(max_total, lang),
            grid[2],
            AlignmentType::Center,
            true,
        ),
        cell_text(
            &score(score_total, lang),
            grid[3],
            AlignmentType::Center,
            true,
        ),
        cell_text("", grid[4], AlignmentType::Left, false),
        cell_text("", grid[5], AlignmentType::Left, false),
    ]));
    DTable::new(rows)
        .set_grid(grid.to_vec())
        .layout(TableLayoutType::Fixed)
}

/// A code's parts as numbers where they are ("1.10" after "1.9").
fn natural(code: &str) -> Vec<(u64, String)> {
    code.split(['.', ' '])
        .map(|p| (p.parse().unwrap_or(u64::MAX), p.to_owned()))
        .collect()
}

/// The procedures proposed for simplification, as a second appendix.
fn procedures(table: &Table, lang: Lang) -> DTable {
    // STT, code, name, reasons, proposal, saving: the columns of the proposal table without
    // the unit and rank (the unit heads its rows when there are several).
    let keep = [2usize, 3, 4, 5, 6];
    let grid = [600usize, 1200, 2700, 2200, 1700, 955];
    let mut header = vec![cell_text(
        lang.say(ph::NO),
        grid[0],
        AlignmentType::Center,
        true,
    )];
    for (k, &i) in keep.iter().enumerate() {
        header.push(cell_text(
            &table.columns[i].header,
            grid[k + 1],
            AlignmentType::Center,
            true,
        ));
    }
    let mut rows = vec![TableRow::new(header).cant_split().row_height(HEADER_MARK)];
    let mut unit = String::new();
    for (n, row) in table.rows.iter().enumerate() {
        if let Cell::Text(u) = &row[0]
            && *u != unit
        {
            {
                unit = u.clone();
                rows.push(TableRow::new(vec![
                    cell_text(u, WIDTH, AlignmentType::Left, true).grid_span(6),
                ]));
            }
        }
        let mut cells = vec![cell_text(
            &(n + 1).to_string(),
            grid[0],
            AlignmentType::Center,
            false,
        )];
        for (k, &i) in keep.iter().enumerate() {
            let align = if table.columns[i].kind == Kind::Text {
                AlignmentType::Left
            } else {
                AlignmentType::Right
            };
            cells.push(cell_text(
                &row[i].display(table.columns[i].kind, lang),
                grid[k + 1],
                align,
                false,
            ));
        }
        rows.push(TableRow::new(cells).cant_split());
    }
    DTable::new(rows)
        .set_grid(grid.to_vec())
        .layout(TableLayoutType::Fixed)
}

/// Writes the plan.
pub fn write(doc: &Document, path: &Path) -> Result<(), ReportError> {
    let lang = doc.lang;
    let (year, next) = (doc.year, doc.plan.year);
    let who = match doc.units.as_slice() {
        [one] => one.clone(),
        _ => lang.say(ph::THE_UNITS).to_owned(),
    };
    let mut docx = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin {
            top: 1134,
            left: 1701,
            bottom: 1134,
            right: 850,
            header: 567,
            footer: 567,
            gutter: 0,
        })
        .default_fonts(fonts())
        .default_size(BODY)
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .add_page_num(PageNum::new())
                    .align(AlignmentType::Center),
            ),
        )
        .add_table(heading_block(doc))
        .add_paragraph(centred("", BODY, false, false))
        .add_paragraph(centred(lang.say(ph::PLAN), BODY, true, false))
        .add_paragraph(centred(
            &crate::words::plan::subtitle(next, lang),
            BODY,
            true,
            false,
        ))
        .add_paragraph(centred("", BODY, false, false))
        .add_paragraph(para(&crate::words::plan::under_decision(year, BLANK, lang)))
        .add_paragraph(para(&crate::words::plan::issued_by(&who, next, lang)))
        .add_paragraph(heading(lang.say(ph::I_PURPOSE_AND_REQUIREMENTS)))
        .add_paragraph(heading(lang.say(ph::N_1_PURPOSE)))
        .add_paragraph(para(&crate::words::plan::purpose(year, next, lang)))
        .add_paragraph(heading(lang.say(ph::N_2_REQUIREMENTS)))
        .add_paragraph(para(&crate::words::plan::requirements(year, lang)))
        .add_paragraph(heading(lang.say(ph::II_TASKS_AND_MEASURES)));
    if doc.plan.tasks.is_empty() {
        docx = docx.add_paragraph(para(&crate::words::plan::no_task(year, lang)));
    }
    let several = doc.units.len() > 1;
    for (i, t) in doc.plan.tasks.iter().enumerate() {
        let unit = if several {
            format!(" — {}", t.unit)
        } else {
            String::new()
        };
        docx = docx
            .add_paragraph(heading(&crate::words::plan::task_heading(
                &crate::words::plan::Task {
                    number: i + 1,
                    code: &t.code,
                    criterion: &t.criterion,
                    unit: &unit,
                    lost: score(t.points_lost, lang),
                    score: score(t.score, lang),
                    max: score(t.max_score, lang),
                },
                lang,
            )))
            .add_paragraph(para(&format!(
                "- {}: {}",
                lang.say(ph::REASON),
                if t.reason.is_empty() {
                    BLANK
                } else {
                    &t.reason
                }
            )))
            .add_paragraph(para(&format!(
                "- {}: {}",
                lang.say(ph::MEASURE),
                if t.remedy.is_empty() {
                    BLANK
                } else {
                    &t.remedy
                }
            )))
            .add_paragraph(para(&crate::words::plan::task_owner(BLANK, lang)));
    }
    if let Some(table) = &doc.plan.procedures {
        let k = doc.plan.tasks.len() + 1;
        docx = docx
            .add_paragraph(heading(&crate::words::plan::simplify_heading(k, lang)))
            .add_paragraph(para(&crate::words::plan::simplify_task(
                table.rows.len(),
                BLANK,
                lang,
            )));
    }
    docx = docx
        .add_paragraph(heading(lang.say(ph::III_IMPLEMENTATION)))
        .add_paragraph(para(&crate::words::plan::implementation(BLANK, lang)))
        .add_paragraph(centred("", BODY, false, false))
        .add_table(
            DTable::without_borders(vec![TableRow::new(vec![
                cell(
                    vec![
                        Paragraph::new().add_run(run(lang.say(ph::TO), SMALL).bold().italic()),
                        Paragraph::new().add_run(run(&format!("- {BLANK};"), 22)),
                        Paragraph::new().add_run(run(lang.say(ph::ARCHIVE), 22)),
                    ],
                    4300,
                ),
                cell(
                    vec![
                        centred(lang.say(ph::HEAD_OF_THE_AGENCY), BODY, true, false),
                        centred(lang.say(ph::SIGNATURE_AND_NAME), BODY, false, true),
                    ],
                    WIDTH - 4300,
                ),
            ])])
            .set_grid(vec![4300, WIDTH - 4300])
            .layout(TableLayoutType::Fixed),
        )
        .add_paragraph(centred(lang.say(ph::APPENDIX), BODY, true, false).page_break_before(true))
        .add_paragraph(centred(
            &crate::words::plan::appendix_title(year, next, lang),
            BODY,
            true,
            false,
        ))
        .add_paragraph(centred(
            lang.say(ph::ATTACHED_TO_PLAN_NO_KH_OF),
            BODY,
            false,
            true,
        ))
        .add_table(appendix(doc));
    if let Some(table) = &doc.plan.procedures {
        docx = docx
            .add_paragraph(
                centred(lang.say(ph::APPENDIX_II), BODY, true, false).page_break_before(true),
            )
            .add_paragraph(centred(
                lang.say(ph::ADMINISTRATIVE_PROCEDURES_PROPOSED_FOR_SIMPLIFICATION),
                BODY,
                true,
                false,
            ))
            .add_paragraph(centred(&table.title, SMALL, false, true))
            .add_table(procedures(table, lang));
    }
    let docx_err = |detail: String| ReportError::Docx {
        path: path.to_owned(),
        detail,
    };
    let mut packed = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut packed)
        .map_err(|e| docx_err(e.to_string()))?;
    let bytes = repeat_headers(packed.get_ref()).map_err(docx_err)?;
    std::fs::write(path, bytes).map_err(|source| ReportError::Io {
        path: path.to_owned(),
        source,
    })
}

/// The package with the marked header rows of its tables repeated at the top of every page.
fn repeat_headers(package: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(package)).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| e.to_string())?;
        if part.is_dir() {
            continue;
        }
        let name = part.name().map_err(|e| e.to_string())?.into_owned();
        let mut data = Vec::new();
        part.read_to_end(&mut data).map_err(|e| e.to_string())?;
        if name == "word/document.xml" {
            let xml = String::from_utf8(data).map_err(|e| e.to_string())?;
            data = xml.replace(HEADER_MARK_XML, "<w:tblHeader />").into_bytes();
        }
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(&data).map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}
