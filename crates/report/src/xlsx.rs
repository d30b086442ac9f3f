//! The workbook: one sheet per table of the document — a title row, an Excel table (header,
//! filters) with number formats and conditional formats, frozen headers — and the main figures
//! as native Excel charts drawn from the sheets' ranges, placed under their tables. A "Ghi chú"
//! sheet holds the notes and definitions. Every sheet prints on A4 landscape, fit to the page's
//! width, its title and header repeated on every page, with row heights that fit wrapped text.

use std::path::Path;

use cchc_model::Lang;
use rust_xlsxwriter::{
    Chart as XChart, ChartFormat, ChartLegendPosition, ChartLine, ChartMarker, ChartMarkerType,
    ChartSolidFill, ChartType, Color, ConditionalFormatDataBar, ConditionalFormatFormula, Format,
    FormatAlign, FormatBorder, Table as XTable, TableColumn, TableStyle, Workbook, Worksheet,
};

use crate::ReportError;
use crate::model::*;
use crate::words::phrases as ph;

/// Row of the title, of the header; data start under the header.
const TITLE_ROW: u32 = 0;
const HEADER_ROW: u32 = 1;
const FIRST_DATA_ROW: u32 = 2;
/// Points per line of 12 pt text, for row heights.
const LINE_HEIGHT: f64 = 15.75;

/// The font of every cell: what the rules for administrative documents name.
pub const FONT: &str = "Times New Roman";

fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(12)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
}

fn num_format(kind: Kind) -> Format {
    match kind {
        Kind::Text => base().set_text_wrap(),
        Kind::Int | Kind::Money => base().set_num_format("#,##0"),
        Kind::Num(0) => base().set_num_format("0"),
        Kind::Num(d) => base().set_num_format(format!("0.{}", "0".repeat(d))),
        Kind::Pct => base().set_num_format("0.0%"),
    }
}

fn header_format() -> Format {
    base()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xE8E8E8))
}

fn title_format() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(13)
        .set_bold()
}

/// Whether a text would start a formula if typed into a cell (such text is written with Excel's
/// quote prefix, so it shows what the data says and stays text).
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Lines a text needs in a column of this width (in characters), counting its line breaks.
fn lines_needed(text: &str, width: f64) -> usize {
    let per_line = (width * 1.05).max(4.0);
    text.split('\n')
        .map(|line| ((line.chars().count() as f64) / per_line).ceil().max(1.0) as usize)
        .sum()
}

/// The height of a row whose cells hold these texts in columns of these widths: tall enough
/// for the longest wrapped text, never shorter than one line.
pub fn row_height<'a>(cells: impl IntoIterator<Item = (&'a str, f64)>) -> f64 {
    let lines = cells
        .into_iter()
        .map(|(text, width)| lines_needed(text, width))
        .max()
        .unwrap_or(1)
        .max(1);
    lines as f64 * LINE_HEIGHT
}

/// Prints the sheet on A4 landscape, fit to the page's width (as many pages down as needed),
/// with rows `0..=repeat_to` repeated at the top of every page and the page number in the footer.
pub fn print_setup(
    ws: &mut Worksheet,
    repeat_to: u32,
    lang: Lang,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, repeat_to)?;
    // Inches: top and bottom 20 mm, left 30 mm, right 15 mm.
    ws.set_margins(0.59, 0.79, 0.79, 0.79, 0.3, 0.3);
    ws.set_footer(crate::words::page_footer(lang));
    Ok(())
}

/// Where a table landed: its sheet and the rows of its data.
struct Placed {
    sheet: String,
    rows: u32,
}

fn write_table(
    ws: &mut Worksheet,
    t: &Table,
    lang: Lang,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    ws.set_name(&t.sheet)?;
    ws.write_string_with_format(TITLE_ROW, 0, &t.title, &title_format())?;
    let formats: Vec<Format> = t.columns.iter().map(|c| num_format(c.kind)).collect();
    for (i, col) in t.columns.iter().enumerate() {
        ws.set_column_width(i as u16, col.width)?;
    }
    // Excel tables need distinct headers.
    let mut headers: Vec<String> = Vec::new();
    for col in &t.columns {
        let mut h = col.header.clone();
        let mut n = 2;
        while headers.iter().any(|x| x.to_lowercase() == h.to_lowercase()) {
            h = format!("{} ({n})", col.header);
            n += 1;
        }
        headers.push(h);
    }
    let last_col = t.columns.len().saturating_sub(1) as u16;
    if t.rows.is_empty() {
        for (i, h) in headers.iter().enumerate() {
            ws.write_string_with_format(HEADER_ROW, i as u16, h, &header_format())?;
        }
    } else {
        let columns: Vec<TableColumn> = headers
            .iter()
            .zip(&formats)
            .map(|(h, f)| {
                TableColumn::new()
                    .set_header(h)
                    .set_header_format(header_format())
                    .set_format(f.clone())
            })
            .collect();
        let table = XTable::new()
            .set_columns(&columns)
            .set_style(TableStyle::Light1);
        ws.add_table(
            HEADER_ROW,
            0,
            HEADER_ROW + t.rows.len() as u32,
            last_col,
            &table,
        )?;
    }
    ws.set_row_height(
        HEADER_ROW,
        row_height(
            headers
                .iter()
                .map(String::as_str)
                .zip(t.columns.iter().map(|c| c.width)),
        ),
    )?;
    for (r, row) in t.rows.iter().enumerate() {
        let r = FIRST_DATA_ROW + r as u32;
        let mut texts = Vec::new();
        for (i, (cell, col)) in row.iter().zip(&t.columns).enumerate() {
            let f = &formats[i];
            match cell {
                Cell::Empty => {
                    ws.write_blank(r, i as u16, f)?;
                }
                Cell::Num(x) => {
                    ws.write_number_with_format(r, i as u16, *x, f)?;
                }
                Cell::Text(s) => {
                    // Text stays text: what would start a formula gets Excel's quote prefix.
                    if looks_like_formula(s) {
                        ws.write_string_with_format(r, i as u16, s, &f.clone().set_quote_prefix())?;
                    } else {
                        ws.write_string_with_format(r, i as u16, s, f)?;
                    }
                    texts.push((s.as_str(), col.width));
                }
            }
        }
        ws.set_row_height(r, row_height(texts))?;
    }
    if !t.rows.is_empty() {
        let last_row = FIRST_DATA_ROW + t.rows.len() as u32 - 1;
        for h in &t.highlights {
            let flag = || {
                Format::new()
                    .set_background_color(Color::RGB(0xF4CCCC))
                    .set_font_color(Color::RGB(0x990000))
            };
            match *h {
                Highlight::Bars { col } => {
                    ws.add_conditional_format(
                        FIRST_DATA_ROW,
                        col as u16,
                        last_row,
                        col as u16,
                        &ConditionalFormatDataBar::new(),
                    )?;
                }
                Highlight::Above { col, threshold } | Highlight::Below { col, threshold } => {
                    // Blank cells are unknown, not zero: only numbers are compared.
                    let first =
                        rust_xlsxwriter::utility::row_col_to_cell(FIRST_DATA_ROW, col as u16);
                    let op = if matches!(h, Highlight::Above { .. }) {
                        ">"
                    } else {
                        "<"
                    };
                    ws.add_conditional_format(
                        FIRST_DATA_ROW,
                        col as u16,
                        last_row,
                        col as u16,
                        &ConditionalFormatFormula::new()
                            .set_rule(
                                format!("=AND(ISNUMBER({first}),{first}{op}{threshold})").as_str(),
                            )
                            .set_format(flag()),
                    )?;
                }
            }
        }
    }
    ws.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    print_setup(ws, HEADER_ROW, lang)?;
    Ok(())
}

/// A chart's height in pixels: a bar a row for the stacked bars, else a fixed height.
fn chart_height(native: &Native, placed: &Placed) -> u32 {
    if native.kind == NativeKind::StackedBars {
        (140 + 22 * placed.rows).clamp(360, 1400)
    } else {
        420
    }
}

/// The native chart of a table's figures.
fn native_chart(native: &Native, placed: &Placed, title: &str) -> XChart {
    let sheet = placed.sheet.as_str();
    let (first, last) = (FIRST_DATA_ROW, FIRST_DATA_ROW + placed.rows.max(1) - 1);
    let cat = native.categories as u16;
    let series = |chart: &mut XChart, col: usize, secondary: bool, marker: bool| {
        let col = col as u16;
        let s = chart
            .add_series()
            .set_categories((sheet, first, cat, last, cat))
            .set_values((sheet, first, col, last, col))
            .set_name((sheet, HEADER_ROW, col))
            .set_secondary_axis(secondary);
        if marker {
            s.set_marker(ChartMarker::new().set_type(ChartMarkerType::Circle));
        }
    };
    let pct = "0%";
    let mut chart = match native.kind {
        NativeKind::ColumnsWithLine => {
            let mut columns = XChart::new(ChartType::Column);
            let mut line = XChart::new(ChartType::Line);
            if let Some((&bars, lines)) = native.series.split_first() {
                series(&mut columns, bars, false, false);
                for &l in lines {
                    series(&mut line, l, true, true);
                }
            }
            columns.combine(&line);
            columns.y2_axis().set_num_format(pct).set_max(1.0);
            columns
        }
        NativeKind::Lines => {
            let mut lines = XChart::new(ChartType::Line);
            for &s in &native.series {
                series(&mut lines, s, false, true);
            }
            lines
        }
        NativeKind::StackedBars => {
            let mut bars = XChart::new(ChartType::BarPercentStacked);
            for &s in &native.series {
                series(&mut bars, s, false, false);
            }
            bars.y_axis().set_reverse();
            bars
        }
        NativeKind::ColumnsWithTarget => {
            let mut columns = XChart::new(ChartType::Column);
            let mut line = XChart::new(ChartType::Line);
            if let Some((&target, bars)) = native.series.split_last() {
                for &b in bars {
                    series(&mut columns, b, false, false);
                }
                series(&mut line, target, false, false);
            }
            columns.combine(&line);
            columns
        }
        NativeKind::Scatter => {
            // As the page draws it: the first series (the proposed procedures) red, the other
            // blue.
            let mut points = XChart::new(ChartType::Scatter);
            for (k, &s) in native.series.iter().enumerate() {
                let colour = if k == 0 { 0xC81E1E } else { 0x1F77B4 };
                let col = s as u16;
                points
                    .add_series()
                    .set_categories((sheet, first, cat, last, cat))
                    .set_values((sheet, first, col, last, col))
                    .set_name((sheet, HEADER_ROW, col))
                    .set_marker(
                        ChartMarker::new()
                            .set_type(ChartMarkerType::Circle)
                            .set_size(7)
                            .set_format(
                                ChartFormat::new()
                                    .set_solid_fill(ChartSolidFill::new().set_color(colour))
                                    .set_border(ChartLine::new().set_color(colour)),
                            ),
                    );
            }
            points
        }
    };
    if native.percent {
        match native.kind {
            NativeKind::StackedBars => chart.x_axis().set_num_format(pct),
            _ => chart.y_axis().set_num_format(pct),
        };
    }
    chart.title().set_name(title);
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart
        .set_width(900)
        .set_height(chart_height(native, placed));
    chart
}

/// Writes the workbook.
pub fn write(doc: &Document, path: &Path) -> Result<(), ReportError> {
    let err = |e: rust_xlsxwriter::XlsxError| ReportError::Xlsx {
        path: path.to_owned(),
        detail: e.to_string(),
    };
    let lang = doc.lang;
    let mut wb = Workbook::new();
    let mut placed: Vec<Placed> = Vec::new();
    for section in &doc.sections {
        for block in &section.blocks {
            if let Block::Table(t) | Block::Data(t) = block {
                let ws = wb.add_worksheet();
                write_table(ws, t, lang).map_err(err)?;
                placed.push(Placed {
                    sheet: t.sheet.clone(),
                    rows: t.rows.len() as u32,
                });
            }
        }
    }
    // Charts go under the table they read, one under another, each from the top of a printed
    // page (a chart is never split between pages).
    let mut next_row: Vec<u32> = placed.iter().map(|p| FIRST_DATA_ROW + p.rows + 2).collect();
    let mut breaks: Vec<Vec<u32>> = vec![Vec::new(); placed.len()];
    for section in &doc.sections {
        for block in &section.blocks {
            let Block::Chart(chart) = block else { continue };
            let Some(native) = &chart.native else {
                continue;
            };
            let Some(i) = placed.iter().position(|p| p.sheet == native.sheet) else {
                continue;
            };
            let xchart = native_chart(native, &placed[i], &chart.title);
            let ws = wb.worksheet_from_name(&native.sheet).map_err(err)?;
            ws.insert_chart(next_row[i], 0, &xchart).map_err(err)?;
            breaks[i].push(next_row[i]);
            next_row[i] += chart_height(native, &placed[i]) / 20 + 2;
        }
    }
    for (p, rows) in placed.iter().zip(&breaks) {
        if !rows.is_empty() {
            let ws = wb.worksheet_from_name(&p.sheet).map_err(err)?;
            ws.set_page_breaks(rows).map_err(err)?;
        }
    }
    notes(wb.add_worksheet(), doc).map_err(err)?;
    wb.save(path).map_err(err)?;
    Ok(())
}

/// The "Ghi chú" sheet: what the report covers, the sections left out, the definitions.
fn notes(ws: &mut Worksheet, doc: &Document) -> Result<(), rust_xlsxwriter::XlsxError> {
    let lang = doc.lang;
    ws.set_name(lang.say(ph::NOTES))?;
    ws.set_column_width(0, 120)?;
    let text = Format::new()
        .set_font_name(FONT)
        .set_font_size(12)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let bold = text.clone().set_bold();
    let title = title_format();
    // (text, format); `None` leaves a blank row.
    let mut lines: Vec<Option<(String, &Format)>> = vec![
        Some((doc.title.clone(), &title)),
        Some((doc.subtitle.clone(), &text)),
        None,
    ];
    if !doc.missing.is_empty() {
        lines.push(Some((
            lang.say(ph::SECTIONS_LEFT_OUT_FOR_WANT_OF_2).to_owned(),
            &bold,
        )));
        lines.extend(doc.missing.iter().map(|m| Some((m.clone(), &text))));
        lines.push(None);
    }
    for section in &doc.sections {
        if !matches!(
            section.kind,
            SectionKind::Definitions | SectionKind::Sources
        ) {
            continue;
        }
        lines.push(Some((section.title.clone(), &bold)));
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) | Block::Note(p) => lines.push(Some((p.clone(), &text))),
                Block::Table(t) | Block::Data(t) => lines.push(Some((
                    crate::words::see_sheet(&t.title, &t.sheet, lang),
                    &text,
                ))),
                _ => {}
            }
        }
        lines.push(None);
    }
    for (row, line) in lines.iter().enumerate() {
        if let Some((s, f)) = line {
            ws.write_string_with_format(row as u32, 0, s, f)?;
            ws.set_row_height(row as u32, row_height([(s.as_str(), 120.0)]))?;
        }
    }
    print_setup(ws, 0, lang)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_told_apart() {
        assert!(looks_like_formula("=HYPERLINK(\"http://x\")"));
        assert!(looks_like_formula("+84 912"));
        assert!(looks_like_formula("@SUM(A1)"));
        assert!(!looks_like_formula("Cấp giấy phép"));
    }

    #[test]
    fn rows_grow_with_their_longest_wrapped_text() {
        assert_eq!(row_height([("ngắn", 10.0)]), LINE_HEIGHT);
        // 100 characters in a 20-character column: five or six lines, not one.
        let tall = row_height([("x".repeat(100).as_str(), 20.0), ("y", 5.0)]);
        assert!(
            (5.0 * LINE_HEIGHT..=6.0 * LINE_HEIGHT).contains(&tall),
            "{tall}"
        );
        // Line breaks count.
        assert_eq!(row_height([("a\nb\nc", 30.0)]), 3.0 * LINE_HEIGHT);
    }
}
