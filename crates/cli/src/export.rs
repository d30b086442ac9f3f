//! The simplification proposal as an .xlsx appendix, in the shape of the seed plan's appendix:
//! title lines, a two-row header with a band over the year's figures, one row per procedure
//! (STT, procedure, current figures, reason, proposal, cost), a total row, and the summary.
//!
//! Text from the data (names, fields, reasons) is written as text, never as a formula; text
//! that a spreadsheet would take for a formula when edited ("=…", "+…", "-…", "@…") carries
//! Excel's quote prefix, so the cell shows exactly what the data says and stays text.

use std::path::Path;

use anyhow::{Context, Result};
use cchc_analysis::procedures::Proposal;
use cchc_model::Lang;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use crate::words::{self, Words};

use crate::words::phrases as ph;
use cchc_report::sheet_name;
pub use cchc_report::xlsx::looks_like_formula;
use cchc_report::xlsx::{print_setup, row_height};

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    text_quoted: Format,
    int: Format,
    days: Format,
    pct: Format,
    money: Format,
    total: Format,
    total_money: Format,
    note: Format,
}

fn formats() -> Formats {
    let cell = || {
        Format::new()
            .set_border(FormatBorder::Thin)
            .set_font_name("Times New Roman")
            .set_font_size(12)
            .set_align(FormatAlign::VerticalCenter)
    };
    Formats {
        title: Format::new()
            .set_bold()
            .set_font_name("Times New Roman")
            .set_font_size(13)
            .set_align(FormatAlign::Center),
        header: cell()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center),
        text: cell().set_text_wrap(),
        text_quoted: cell().set_text_wrap().set_quote_prefix(),
        int: cell().set_num_format("#,##0"),
        days: cell().set_num_format("0.0"),
        pct: cell().set_num_format("0.0%"),
        money: cell().set_num_format("#,##0"),
        total: cell().set_bold(),
        total_money: cell().set_bold().set_num_format("#,##0"),
        note: Format::new()
            .set_italic()
            .set_font_name("Times New Roman")
            .set_font_size(11),
    }
}

/// Writes a text cell: as text, with the quote prefix where it would read as a formula.
fn text(ws: &mut Worksheet, row: u32, col: u16, value: &str, f: &Formats) -> Result<()> {
    let format = if looks_like_formula(value) {
        &f.text_quoted
    } else {
        &f.text
    };
    ws.write_string_with_format(row, col, value, format)?;
    Ok(())
}

fn number(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    format: &Format,
) -> Result<()> {
    match value {
        Some(x) => ws.write_number_with_format(row, col, x, format)?,
        None => ws.write_blank(row, col, format)?,
    };
    Ok(())
}

/// Column widths, in characters.
const WIDTHS: [f64; 13] = [
    6.0, 14.0, 42.0, 18.0, 11.0, 9.0, 11.0, 12.0, 11.0, 36.0, 34.0, 16.0, 16.0,
];

fn write_sheet(ws: &mut Worksheet, p: &Proposal, lang: Lang, f: &Formats) -> Result<()> {
    let (before, band, figures, after) = crate::words::appendix_headers(lang, p.year);
    let ncols = (before.len() + figures.len() + after.len()) as u16;
    let last = ncols - 1;
    let title = crate::words::appendix_title(&p.unit, p.year, lang);
    for (r, line) in title.iter().enumerate() {
        ws.merge_range(r as u32, 0, r as u32, last, line, &f.title)?;
    }
    // Two header rows: single headers merged down, the band over the figures.
    let (h1, h2) = (4u32, 5u32);
    let mut col = 0u16;
    for h in &before {
        ws.merge_range(h1, col, h2, col, h, &f.header)?;
        col += 1;
    }
    ws.merge_range(
        h1,
        col,
        h1,
        col + figures.len() as u16 - 1,
        &band,
        &f.header,
    )?;
    for h in &figures {
        ws.write_string_with_format(h2, col, *h, &f.header)?;
        col += 1;
    }
    for h in &after {
        ws.merge_range(h1, col, h2, col, h, &f.header)?;
        col += 1;
    }
    // The column-number row, as real appendices have it.
    for c in 0..ncols {
        ws.write_string_with_format(h2 + 1, c, format!("({})", c + 1), &f.header)?;
    }
    let mut row = h2 + 2;
    for cand in &p.candidates {
        let proc = &cand.procedure;
        ws.write_number_with_format(row, 0, cand.rank as f64, &f.int)?;
        text(ws, row, 1, &proc.code, f)?;
        text(ws, row, 2, proc.name.as_deref().unwrap_or(""), f)?;
        text(ws, row, 3, proc.field.as_deref().unwrap_or(""), f)?;
        number(ws, row, 4, proc.received_total().map(|n| n as f64), &f.int)?;
        number(ws, row, 5, proc.late_rate(), &f.pct)?;
        number(ws, row, 6, proc.legal_days, &f.days)?;
        number(ws, row, 7, proc.actual_days, &f.days)?;
        number(ws, row, 8, proc.components.map(|n| n as f64), &f.int)?;
        let reasons: Vec<String> = cand.reasons.iter().map(|r| r.words(lang)).collect();
        let proposals: Vec<String> = cand
            .reasons
            .iter()
            .map(|r| words::proposal(r, lang))
            .collect();
        let (reasons, proposals) = (reasons.join("; "), proposals.join("; "));
        text(ws, row, 9, &reasons, f)?;
        text(ws, row, 10, &proposals, f)?;
        // Tall enough for the longest wrapped text (a fixed height lets it run over the next row).
        ws.set_row_height(
            row,
            row_height([
                (proc.code.as_str(), WIDTHS[1]),
                (proc.name.as_deref().unwrap_or(""), WIDTHS[2]),
                (proc.field.as_deref().unwrap_or(""), WIDTHS[3]),
                (reasons.as_str(), WIDTHS[9]),
                (proposals.as_str(), WIDTHS[10]),
            ]),
        )?;
        number(ws, row, 11, cand.cost_before, &f.money)?;
        number(ws, row, 12, Some(cand.estimated_saving), &f.money)?;
        row += 1;
    }
    let total_label = lang.say(ph::TOTAL);
    ws.merge_range(row, 0, row, 10, total_label, &f.total)?;
    let before_total: f64 = p.candidates.iter().filter_map(|c| c.cost_before).sum();
    ws.write_number_with_format(row, 11, before_total, &f.total_money)?;
    ws.write_number_with_format(row, 12, p.total_saving(), &f.total_money)?;
    row += 2;
    ws.write_string_with_format(row, 0, words::summary(p, lang), &f.note)?;
    row += 1;
    ws.write_string_with_format(
        row,
        0,
        lang.say(ph::COSTS_FOLLOW_THE_STANDARD_COST_MODEL),
        &f.note,
    )?;
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_row_height(h2, 48)?;
    ws.set_freeze_panes(h2 + 2, 3)?;
    // A4 landscape, fit to width, the header rows and the column numbers on every page.
    print_setup(ws, h2 + 1, lang)?;
    Ok(())
}

/// Writes one sheet per proposal (unit and year) to `path`.
pub fn write_proposal(path: &Path, proposals: &[Proposal], lang: Lang) -> Result<()> {
    let mut wb = Workbook::new();
    let f = formats();
    let mut taken: Vec<String> = Vec::new();
    for p in proposals {
        let name = sheet_name(&format!("{} {}", p.year, p.unit), &taken);
        taken.push(name.clone());
        let ws = wb.add_worksheet();
        ws.set_name(&name)?;
        write_sheet(ws, p, lang, &f)?;
    }
    if proposals.is_empty() {
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, lang.say(ph::NO_PROCEDURE_IS_PROPOSED))?;
    }
    wb.save(path)
        .with_context(|| format!("{}", path.display()))?;
    Ok(())
}
