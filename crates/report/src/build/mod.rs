//! From the analyses' result frames to the [`Document`]: which sections can be filled, their key
//! figures, tables and charts, and the plan of the next year.
//!
//! The frames are those the command line computes for its own commands (`scorecard gaps`,
//! `scorecard trend`, `survey index`, `survey distribution`, `procedures stats`, `procedures
//! simplify`), already limited to the report's units; the year is chosen here. A table kind the
//! store lacks, or lacks for the year, leaves its sections out and says so in `missing`: never an
//! empty chart.

mod charts;
mod frames;
mod inputs;
mod plan;
mod points;
mod procedures;
mod satisfaction;
mod sources;
mod summary;
mod trends;
mod writer;

use crate::ReportError;
use crate::model::*;

use self::frames::*;
pub use self::inputs::*;
use self::plan::*;
use self::points::*;
use self::procedures::*;
use self::satisfaction::*;
use self::sources::*;
use self::summary::*;
use self::trends::*;
pub use self::writer::sheet_name;
use self::writer::*;

/// Builds the document from the inputs.
pub fn build(inputs: &Inputs) -> Result<Document, ReportError> {
    let w = W { lang: inputs.lang };
    let year = inputs.year;
    let mut sheets = Sheets(Vec::new());
    let mut sections = Vec::new();
    let mut missing = Vec::new();

    let scorecards = match usable(
        &w,
        inputs.scorecards.as_ref(),
        |s| Ok(of(&s.gaps, Some(year), None)?.height() > 0),
        year,
        crate::words::Part::Scorecards,
        &mut missing,
    )? {
        Some(s) => Some((s, of(&s.gaps, Some(year), None)?)),
        None => None,
    };
    let surveys = usable(
        &w,
        inputs.surveys.as_ref(),
        |s| Ok(of(&s.overall, Some(year), None)?.height() > 0),
        year,
        crate::words::Part::Surveys,
        &mut missing,
    )?;
    let procedures = usable(
        &w,
        inputs.procedures.as_ref(),
        |p| Ok(of(&p.by_unit, Some(year), None)?.height() > 0),
        year,
        crate::words::Part::Procedures,
        &mut missing,
    )?;

    sections.push(summary(
        &w,
        inputs,
        scorecards.as_ref().map(|(s, _)| *s),
        surveys,
        procedures,
        &missing,
        &mut sheets,
    )?);
    if let Some((s, gaps)) = &scorecards {
        sections.push(points_lost(&w, inputs, gaps, &mut sheets)?);
        sections.push(trends(&w, inputs, s, &mut sheets)?);
    }
    if let Some(s) = surveys {
        sections.push(satisfaction(&w, inputs, s, &mut sheets)?);
    }
    if let Some(p) = procedures {
        sections.push(procedures_section(&w, inputs, p, &mut sheets)?);
    }
    sections.push(sources(&w, inputs, &mut sheets));
    sections.push(definitions(&w, procedures));

    let plan = plan(&w, inputs, scorecards.as_ref(), procedures)?;
    let title = crate::words::title(year, w.lang);
    let subtitle = if inputs.chosen {
        inputs.units.join("; ")
    } else {
        crate::words::every_unit(&inputs.units, w.lang)
    };
    Ok(Document {
        lang: w.lang,
        year,
        units: inputs.units.clone(),
        title,
        subtitle,
        sections,
        missing,
        plan,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let a = sheet_name("2024 Sở Kế hoạch và Đầu tư tỉnh Đồng Nai", &[]);
        assert_eq!(a.chars().count(), 31);
        let b = sheet_name(
            "2024 Sở Kế hoạch và Đầu tư tỉnh Đồng Nai",
            std::slice::from_ref(&a),
        );
        assert_ne!(a, b);
        assert!(b.ends_with(" (2)") && b.chars().count() <= 31);
        assert_eq!(sheet_name("2024 A/B", &[]), "2024 A B");
    }

    #[test]
    fn units_are_shortened_to_their_initials_for_sheet_names() {
        assert_eq!(short_unit("Sở Tư pháp"), "Sở TP");
        assert_eq!(short_unit("Sở Kế hoạch và Đầu tư"), "Sở KHVĐT");
        assert_eq!(short_unit("UBND huyện Long Thành"), "UBND huyện LT");
        assert_eq!(short_unit("Sở"), "Sở");
    }
}
