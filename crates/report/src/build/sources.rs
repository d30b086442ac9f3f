//! Sections VI and VII: the sources imported and the definitions of the figures.

use cchc_model::columns as c;

use crate::model::*;

use super::frames::*;
use super::inputs::*;
use super::writer::*;
use crate::words::phrases as ph;

pub(super) fn sources(w: &W, inputs: &Inputs, sheets: &mut Sheets) -> Section {
    let warnings: u64 = inputs.sources.iter().map(|s| s.warnings).sum();
    let rejected: u64 = inputs.sources.iter().map(|s| s.rejected).sum();
    let rows = inputs
        .sources
        .iter()
        .map(|s| {
            vec![
                text(&s.file),
                text(kind_words(&s.kind, w)),
                text(
                    s.years
                        .iter()
                        .map(i32::to_string)
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                text(s.units.join("; ")),
                text(&s.sha256),
                Cell::Num(s.read as f64),
                Cell::Num(s.imported as f64),
                Cell::Num(s.structure as f64),
                Cell::Num(s.rejected as f64),
                Cell::Num(s.warnings as f64),
            ]
        })
        .collect();
    Section {
        kind: SectionKind::Sources,
        title: w.say(ph::SOURCES).to_owned(),
        blocks: vec![
            Block::Paragraph(crate::words::sources_opening(
                inputs.sources.len(),
                rejected,
                warnings,
                w.lang,
            )),
            Block::Table(Table {
                sheet: sheets.name(w.say(ph::SOURCES_2)),
                title: w.say(ph::IMPORTED_FILES).to_owned(),
                columns: vec![
                    w.named(ph::FILE, Kind::Text, 26.0),
                    w.col(c::KIND, Kind::Text, 10.0),
                    w.col(c::YEARS, Kind::Text, 9.0),
                    w.col(c::UNITS, Kind::Text, 18.0),
                    w.col(c::SHA256, Kind::Text, 34.0),
                    w.col(c::ROWS_READ, Kind::Int, 8.0),
                    w.col(c::IMPORTED, Kind::Int, 8.0),
                    w.col(c::STRUCTURE, Kind::Int, 8.0),
                    w.col(c::REJECTED, Kind::Int, 8.0),
                    w.named(ph::WARNINGS, Kind::Int, 8.0),
                ],
                rows,
                highlights: vec![Highlight::Above {
                    col: 8,
                    threshold: 0.0,
                }],
            }),
        ],
    }
}

/// A table kind in words ("scorecard" → "bảng điểm").
pub(super) fn kind_words<'a>(kind: &'a str, w: &W) -> &'a str {
    match kind {
        "scorecard" => w.say(ph::SCORECARD),
        "survey" => w.say(ph::SURVEY),
        "procedures" => w.say(ph::PROCEDURES_2),
        other => other,
    }
}

pub(super) fn definitions(w: &W, procedures: Option<&Procedures>) -> Section {
    let mut lines: Vec<String> = crate::words::DEFINITIONS
        .iter()
        .map(|p| w.say(*p).to_owned())
        .collect();
    if let Some(p) = procedures {
        lines.extend(p.definitions.iter().cloned());
        lines.push(
            w.say(ph::ESTIMATED_SAVING_ESTIMATED_COMPLIANCE_COST_HOURS)
                .to_owned(),
        );
    }
    Section {
        kind: SectionKind::Definitions,
        title: w.say(ph::DEFINITIONS).to_owned(),
        blocks: lines.into_iter().map(Block::Paragraph).collect(),
    }
}
