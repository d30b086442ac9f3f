//! The printable page: one self-contained HTML file — inline CSS, charts as inline SVG, no
//! script, nothing fetched — laid out for A4 by the rules for administrative documents (Nghị định
//! 30/2020/NĐ-CP: a Times New Roman-compatible serif at 13–14 pt; margins top and bottom 20–25 mm,
//! left 30–35 mm, right 15–20 mm; page numbers). A chart is never split across pages and tables
//! repeat their header row on every page.

use cchc_model::Lang;

use crate::escape;
use crate::model::*;
use crate::words::phrases as ph;

/// The serif fonts, first the one the rules name, then metric-compatible ones that cover
/// Vietnamese (Liberation Serif 2, Tinos), then any serif.
const SERIF: &str = "\"Times New Roman\", \"Liberation Serif\", Tinos, \"DejaVu Serif\", serif";

const CSS: &str = r#"
@page {
  size: A4;
  margin: 22mm 18mm 22mm 32mm;
  @bottom-center { content: counter(page) " / " counter(pages); font: 11pt SERIF; }
}
*, *::before, *::after { box-sizing: border-box; }
html { font-family: SERIF; font-size: 13pt; line-height: 1.35; color: #000; }
body { max-width: 170mm; margin: 0 auto; padding: 8mm 0; }
@media print { body { max-width: none; padding: 0; } }
h1 { font-size: 17pt; text-align: center; text-transform: uppercase; margin: 0 0 4pt; }
.subtitle { text-align: center; font-style: italic; margin: 0 0 14pt; }
h2 { font-size: 14pt; text-transform: uppercase; margin: 18pt 0 6pt; break-after: avoid; }
h2.new-page { break-before: page; }
h3 { font-size: 13pt; margin: 12pt 0 4pt; break-after: avoid; }
p { margin: 0 0 6pt; text-align: justify; text-indent: 10mm; }
p.note { font-size: 11pt; font-style: italic; text-indent: 0; break-before: avoid; }
nav ol { margin: 0 0 10pt; }
.figures { display: flex; flex-wrap: wrap; gap: 6pt; margin: 4pt 0 8pt; break-inside: avoid; }
.figure { flex: 1 1 45mm; border: 0.6pt solid #777; padding: 4pt 6pt; break-inside: avoid; }
.figure .label { font-size: 11pt; }
.figure .value { font-size: 16pt; font-weight: bold; }
.figure .detail { font-size: 10.5pt; }
figure { margin: 6pt 0 10pt; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 11pt; font-style: italic; text-align: center; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 10.5pt; margin: 4pt 0 10pt; }
caption { font-weight: bold; text-align: left; padding-bottom: 3pt; caption-side: top; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.6pt solid #444; padding: 2pt 4pt; vertical-align: top; }
th { background: #e8e8e8; font-weight: bold; text-align: center; }
td.n { text-align: right; white-space: nowrap; }
td.flag { background: #f4cccc; }
td.bar { background-repeat: no-repeat; }
td.code { overflow-wrap: anywhere; font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 8pt; }
.missing { border-left: 3pt solid #b45f06; padding-left: 6pt; }
"#;

fn css() -> String {
    CSS.replace("SERIF", SERIF)
}

/// The SVG with its fixed size removed, so that it takes the page's width (its viewBox keeps
/// its proportions).
fn fluid(svg: &str) -> String {
    let Some(end) = svg.find('>') else {
        return svg.to_owned();
    };
    let (head, rest) = svg.split_at(end);
    let mut head = head.to_owned();
    for attr in ["width", "height"] {
        if let Some(i) = head.find(&format!(" {attr}=\"")) {
            let value_start = i + attr.len() + 3;
            if let Some(len) = head[value_start..].find('"') {
                head.replace_range(i..value_start + len + 1, "");
            }
        }
    }
    format!("{head} role=\"img\"{rest}")
}

/// The text width of a page (A4, 210 mm, less the 32 mm and 18 mm margins), in millimetres.
const TEXT_WIDTH_MM: f64 = 160.0;
/// A table's font size, in points, when its columns fit.
const TABLE_PT: f64 = 10.5;
/// The smallest a table's font is made so that its columns fit.
const TABLE_MIN_PT: f64 = 7.5;
/// The width of a character of the table's serif, as a share of the font size (digits and
/// average letters are half an em; bold headers and capitals a little more).
const CHAR_EM: f64 = 0.56;
/// A cell's left and right padding and borders, in characters.
const CELL_PAD: f64 = 1.6;

fn chars(s: &str) -> f64 {
    s.chars().count() as f64
}

/// How wide a column must be, in characters: its header's longest word, and each cell's
/// longest word (a number or a code is one word: it never wraps).
fn column_need(t: &Table, i: usize, lang: Lang) -> f64 {
    let col = &t.columns[i];
    let longest = |s: &str| s.split_whitespace().map(chars).fold(0.0, f64::max);
    let header = longest(&col.header);
    let cells = t
        .rows
        .iter()
        .filter_map(|r| r.get(i))
        .map(|cell| {
            let shown = cell.display(col.kind, lang);
            match cell {
                // Long unbroken strings (a sha256, a file name) may break anywhere: in lines of
                // 16 characters at most (the small monospace of the "code" cells).
                Cell::Text(s) if s.len() > 24 && !s.contains(' ') => chars(s).min(16.0) * 0.8,
                Cell::Text(_) => longest(&shown),
                _ => chars(&shown),
            }
        })
        .fold(0.0, f64::max);
    header.max(cells) + CELL_PAD
}

/// A table's font size (points) and each column's width (percent of the text width): every
/// column at least as wide as its longest word (at a smaller font when the table needs it), the
/// room left shared out as the columns' preferred widths ask.
pub(crate) fn column_widths(t: &Table, lang: Lang) -> (f64, Vec<f64>) {
    let need: Vec<f64> = (0..t.columns.len())
        .map(|i| column_need(t, i, lang))
        .collect();
    let prefer: Vec<f64> = t
        .columns
        .iter()
        .zip(&need)
        .map(|(c, n)| c.width.max(*n))
        .collect();
    let capacity = |pt: f64| TEXT_WIDTH_MM / (pt * CHAR_EM * 25.4 / 72.0);
    let total_need: f64 = need.iter().sum();
    let pt = if total_need <= capacity(TABLE_PT) {
        TABLE_PT
    } else {
        (TABLE_PT * capacity(TABLE_PT) / total_need).max(TABLE_MIN_PT)
    };
    let room = capacity(pt);
    let total_prefer: f64 = prefer.iter().sum();
    let widths: Vec<f64> = if total_prefer <= room {
        prefer.clone()
    } else {
        let extra = (room - total_need).max(0.0);
        let wanted: f64 = prefer.iter().zip(&need).map(|(p, n)| p - n).sum();
        need.iter()
            .zip(&prefer)
            .map(|(n, p)| {
                if wanted > 0.0 {
                    n + extra * (p - n) / wanted
                } else {
                    *n
                }
            })
            .collect()
    };
    let sum: f64 = widths.iter().sum::<f64>().max(1.0);
    (pt, widths.iter().map(|w| w / sum * 100.0).collect())
}

fn table(out: &mut String, t: &Table, lang: Lang) {
    let (pt, widths) = column_widths(t, lang);
    if pt < TABLE_PT {
        out.push_str(&format!(
            "<table style=\"font-size: {pt:.1}pt\">\n<caption>"
        ));
    } else {
        out.push_str("<table>\n<caption>");
    }
    out.push_str(&escape(&t.title));
    out.push_str("</caption>\n<colgroup>");
    for w in &widths {
        out.push_str(&format!("<col style=\"width: {w:.1}%\">"));
    }
    out.push_str("</colgroup>\n<thead><tr>");
    for col in &t.columns {
        out.push_str("<th>");
        out.push_str(&escape(&col.header));
        out.push_str("</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let bar_max: Vec<f64> = (0..t.columns.len())
        .map(|i| {
            t.rows
                .iter()
                .filter_map(|r| match r.get(i) {
                    Some(Cell::Num(x)) => Some(*x),
                    _ => None,
                })
                .fold(0.0, f64::max)
        })
        .collect();
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, (cell, col)) in row.iter().zip(&t.columns).enumerate() {
            let mut classes = Vec::new();
            let mut style = String::new();
            if col.kind != Kind::Text {
                classes.push("n");
            }
            // Long unbroken strings (a sha256, a file name) may break anywhere.
            if let Cell::Text(s) = cell
                && s.len() > 24
                && !s.contains(' ')
            {
                classes.push("code");
            }
            if let Cell::Num(x) = cell {
                for h in &t.highlights {
                    match *h {
                        Highlight::Above { col, threshold } if col == i && *x > threshold => {
                            classes.push("flag")
                        }
                        Highlight::Below { col, threshold } if col == i && *x < threshold => {
                            classes.push("flag")
                        }
                        Highlight::Bars { col } if col == i && bar_max[i] > 0.0 => {
                            let w = (x / bar_max[i] * 100.0).clamp(0.0, 100.0);
                            classes.push("bar");
                            style = format!(
                                " style=\"background-image: linear-gradient(to right, #9fc5e8 {w:.0}%, transparent {w:.0}%)\""
                            );
                        }
                        _ => {}
                    }
                }
            }
            out.push_str("<td");
            if !classes.is_empty() {
                out.push_str(&format!(" class=\"{}\"", classes.join(" ")));
            }
            out.push_str(&style);
            out.push('>');
            out.push_str(&escape(&cell.display(col.kind, lang)));
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Renders the document as one HTML page.
pub fn render(doc: &Document) -> String {
    let lang = doc.lang;
    let mut out = String::with_capacity(1 << 20);
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        lang.say(ph::EN),
        escape(&doc.title),
        css()
    ));
    out.push_str(&format!("<h1>{}</h1>\n", escape(&doc.title)));
    out.push_str(&format!(
        "<p class=\"subtitle\">{}</p>\n",
        escape(&doc.subtitle)
    ));
    out.push_str(&format!("<nav><h3>{}</h3><ol>\n", lang.say(ph::CONTENTS)));
    for (i, s) in doc.sections.iter().enumerate() {
        out.push_str(&format!(
            "<li><a href=\"#s{}\">{}</a></li>\n",
            i + 1,
            escape(&s.title)
        ));
    }
    out.push_str("</ol></nav>\n");
    if !doc.missing.is_empty() {
        out.push_str(&format!(
            "<div class=\"missing\"><p class=\"note\">{}</p><ul>\n",
            lang.say(ph::SECTIONS_LEFT_OUT_FOR_WANT_OF)
        ));
        for m in &doc.missing {
            out.push_str(&format!("<li>{}</li>\n", escape(m)));
        }
        out.push_str("</ul></div>\n");
    }
    for (i, section) in doc.sections.iter().enumerate() {
        let class = if i == 0 { "" } else { " class=\"new-page\"" };
        out.push_str(&format!(
            "<section id=\"s{}\">\n<h2{class}>{}. {}</h2>\n",
            i + 1,
            roman(i + 1),
            escape(&section.title)
        ));
        for block in &section.blocks {
            match block {
                Block::Heading(h) => out.push_str(&format!("<h3>{}</h3>\n", escape(h))),
                Block::Paragraph(p) => out.push_str(&format!("<p>{}</p>\n", escape(p))),
                Block::Note(p) => out.push_str(&format!("<p class=\"note\">{}</p>\n", escape(p))),
                Block::Figures(figures) => {
                    out.push_str("<div class=\"figures\">\n");
                    for f in figures {
                        out.push_str(&format!(
                            "<div class=\"figure\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"detail\">{}</div></div>\n",
                            escape(&f.label),
                            escape(&f.value),
                            escape(&f.detail)
                        ));
                    }
                    out.push_str("</div>\n");
                }
                Block::Table(t) => table(&mut out, t, lang),
                Block::Data(_) => {}
                Block::Chart(chart) => {
                    out.push_str("<figure>\n");
                    out.push_str(&fluid(&chart.svg));
                    out.push_str(&format!(
                        "\n<figcaption>{}</figcaption>\n</figure>\n",
                        escape(&chart.title)
                    ));
                }
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

/// Section numbers as administrative documents write them: I, II, III…
pub fn roman(n: usize) -> String {
    const TABLE: [(usize, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svgs_lose_their_fixed_size_but_keep_their_view_box() {
        let svg =
            "<svg width=\"1600\" height=\"970\" viewBox=\"0 0 1600 970\" xmlns=\"x\"><rect/></svg>";
        let out = fluid(svg);
        assert!(!out.contains("width=\"1600\""), "{out}");
        assert!(!out.contains(" height=\"970\""), "{out}");
        assert!(out.contains("viewBox=\"0 0 1600 970\""));
        assert!(out.ends_with("<rect/></svg>"));
    }

    #[test]
    fn sections_are_numbered_in_roman() {
        assert_eq!(
            (1..=8).map(roman).collect::<Vec<_>>(),
            ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
        );
    }
}
