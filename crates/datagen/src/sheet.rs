//! A small description of a sheet as offices lay it out, written as .xlsx (rust_xlsxwriter) or
//! .ods (hand-written OpenDocument XML, which records no merges: the layout a reader must infer).

use std::io::Write;
use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};

/// One cell's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, written as a string cell.
    Text(String),
    /// A real number.
    Num(f64),
    /// A date cell (what Excel makes of "1.5" typed in some locales).
    Date(u16, u8, u8),
}

/// Text cell shorthand.
pub fn t(s: &str) -> Cell {
    Cell::Text(s.to_owned())
}

/// Number cell shorthand.
pub fn n(x: f64) -> Cell {
    Cell::Num(x)
}

/// A sheet: cells by zero-based (row, col), merged ranges, column widths.
#[derive(Debug, Clone, Default)]
pub struct SheetSpec {
    /// Sheet name.
    pub name: String,
    /// Cells.
    pub cells: Vec<(u32, u16, Cell)>,
    /// Merged ranges (first_row, first_col, last_row, last_col); the text sits in the first cell.
    pub merges: Vec<(u32, u16, u32, u16)>,
    /// Rows written in bold (headers, totals).
    pub bold_rows: Vec<u32>,
    /// The font of every cell (default: the writer's).
    pub font: Option<String>,
}

impl SheetSpec {
    /// The same sheet with its text in a legacy encoding (TCVN3, VNI) and set in `font`, as
    /// workbooks made before Unicode hold it.
    pub fn in_legacy_encoding(mut self, encoding: cchc_model::legacy::Legacy, font: &str) -> Self {
        for (_, _, cell) in &mut self.cells {
            if let Cell::Text(s) = cell {
                *s = cchc_model::legacy::encode_legacy(s, encoding);
            }
        }
        self.font = Some(font.to_owned());
        self
    }

    /// An empty sheet.
    pub fn new(name: &str) -> Self {
        SheetSpec {
            name: name.to_owned(),
            ..SheetSpec::default()
        }
    }

    /// Sets a cell.
    pub fn set(&mut self, row: u32, col: u16, cell: Cell) -> &mut Self {
        self.cells.push((row, col, cell));
        self
    }

    /// Writes a row of cells from column 0, skipping `None`.
    pub fn row(&mut self, row: u32, cells: Vec<Option<Cell>>) -> &mut Self {
        for (col, cell) in cells.into_iter().enumerate() {
            if let Some(cell) = cell {
                self.cells.push((row, col as u16, cell));
            }
        }
        self
    }

    /// Merges a range; its text is the cell at its first row and column.
    pub fn merge(
        &mut self,
        first_row: u32,
        first_col: u16,
        last_row: u32,
        last_col: u16,
    ) -> &mut Self {
        self.merges.push((first_row, first_col, last_row, last_col));
        self
    }
}

/// Writes sheets as an .xlsx workbook.
pub fn write_xlsx(path: &Path, sheets: &[SheetSpec]) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let props = rust_xlsxwriter::DocProperties::new()
        .set_creation_datetime(&ExcelDateTime::from_ymd(2024, 1, 1)?)
        .set_author("cchc-datagen");
    wb.set_properties(&props);
    let plain = Format::new().set_text_wrap().set_border(FormatBorder::Thin);
    let bold = plain
        .clone()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let date = plain.clone().set_num_format("dd/mm/yyyy");
    for spec in sheets {
        let with_font = |f: &Format| match &spec.font {
            Some(name) => f.clone().set_font_name(name),
            None => f.clone(),
        };
        let (plain, bold, date) = (with_font(&plain), with_font(&bold), with_font(&date));
        let ws = wb.add_worksheet();
        ws.set_name(&spec.name)?;
        ws.set_column_width(0, 6)?;
        ws.set_column_width(1, 48)?;
        for col in 2..12 {
            ws.set_column_width(col, 14)?;
        }
        let format_for = |row: u32| {
            if spec.bold_rows.contains(&row) {
                &bold
            } else {
                &plain
            }
        };
        for &(r0, c0, r1, c1) in &spec.merges {
            let text = spec
                .cells
                .iter()
                .find(|(r, c, _)| *r == r0 && *c == c0)
                .map(|(_, _, cell)| cell);
            let text = match text {
                Some(Cell::Text(s)) => s.clone(),
                Some(Cell::Num(x)) => x.to_string(),
                _ => String::new(),
            };
            ws.merge_range(r0, c0, r1, c1, &text, format_for(r0))?;
        }
        for (row, col, cell) in &spec.cells {
            if spec
                .merges
                .iter()
                .any(|&(r0, c0, _, _)| r0 == *row && c0 == *col)
            {
                continue;
            }
            match cell {
                Cell::Text(s) => ws.write_string_with_format(*row, *col, s, format_for(*row))?,
                Cell::Num(x) => ws.write_number_with_format(*row, *col, *x, format_for(*row))?,
                Cell::Date(y, m, d) => ws.write_datetime_with_format(
                    *row,
                    *col,
                    ExcelDateTime::from_ymd(*y, *m, *d)?,
                    &date,
                )?,
            };
        }
    }
    wb.save(path)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Writes sheets as an OpenDocument spreadsheet. Merges are written as spans, which readers that
/// do not report merges (calamine) see only as an empty neighbour.
pub fn write_ods(path: &Path, sheets: &[SheetSpec]) -> std::io::Result<()> {
    let mut content = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
        r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#,
        r#"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">"#,
        r#"<office:body><office:spreadsheet>"#
    ));
    for spec in sheets {
        content.push_str(&format!(
            r#"<table:table table:name="{}">"#,
            xml_escape(&spec.name)
        ));
        let max_row = spec.cells.iter().map(|(r, _, _)| *r).max().unwrap_or(0);
        for row in 0..=max_row {
            content.push_str("<table:table-row>");
            let mut cells: Vec<&(u32, u16, Cell)> =
                spec.cells.iter().filter(|(r, _, _)| *r == row).collect();
            cells.sort_by_key(|(_, c, _)| *c);
            let mut next_col = 0u16;
            for (_, col, cell) in cells {
                if *col > next_col {
                    content.push_str(&format!(
                        r#"<table:table-cell table:number-columns-repeated="{}"/>"#,
                        col - next_col
                    ));
                }
                match cell {
                    Cell::Text(s) => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                        xml_escape(s)
                    )),
                    Cell::Num(x) => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="float" office:value="{x}"><text:p>{x}</text:p></table:table-cell>"#
                    )),
                    Cell::Date(y, m, d) => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="date" office:date-value="{y:04}-{m:02}-{d:02}"><text:p>{d:02}/{m:02}/{y}</text:p></table:table-cell>"#
                    )),
                }
                next_col = col + 1;
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let manifest = concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">"#,
        r#"<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#,
        r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#,
        r#"</manifest:manifest>"#
    );
    let file = std::fs::File::create(path)?;
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored)
        .map_err(std::io::Error::other)?;
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    zip.start_file("META-INF/manifest.xml", deflated)
        .map_err(std::io::Error::other)?;
    zip.write_all(manifest.as_bytes())?;
    zip.start_file("content.xml", deflated)
        .map_err(std::io::Error::other)?;
    zip.write_all(content.as_bytes())?;
    zip.finish().map_err(std::io::Error::other)?;
    Ok(())
}
