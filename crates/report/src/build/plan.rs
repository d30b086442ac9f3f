//! The plan of the next year (the Word draft).

use cchc_model::columns as c;
use polars::prelude::*;

use crate::ReportError;
use crate::model::*;

use super::frames::*;
use super::inputs::*;
use super::procedures::proposal_table;
use super::writer::*;

pub(super) fn plan(
    w: &W,
    inputs: &Inputs,
    scorecards: Option<&(&Scorecards, DataFrame)>,
    procedures: Option<&Procedures>,
) -> Result<Plan, ReportError> {
    let mut tasks = Vec::new();
    if let Some((s, gaps)) = scorecards {
        let notes = &s.notes;
        let (n_units, n_codes, n_reason, n_remedy) = (
            strs(notes, c::UNIT)?,
            strs(notes, c::CODE)?,
            strs(notes, c::REASON)?,
            strs(notes, c::REMEDY)?,
        );
        let units = strs(gaps, c::UNIT)?;
        let codes = strs(gaps, c::CODE)?;
        let names = strs(gaps, c::CRITERION)?;
        let max = floats(gaps, c::MAX_SCORE)?;
        let score = floats(gaps, c::SCORE)?;
        let lost = floats(gaps, c::POINTS_LOST)?;
        for i in 0..gaps.height() {
            let Some(l) = lost[i].filter(|l| *l > 0.0) else {
                continue;
            };
            let note =
                (0..notes.height()).find(|&j| n_units[j] == units[i] && n_codes[j] == codes[i]);
            tasks.push(Task {
                unit: units[i].clone(),
                code: codes[i].clone(),
                criterion: names[i].clone(),
                max_score: max[i].unwrap_or(0.0),
                score: score[i].unwrap_or(0.0),
                points_lost: l,
                reason: note.map(|j| n_reason[j].clone()).unwrap_or_default(),
                remedy: note.map(|j| n_remedy[j].clone()).unwrap_or_default(),
            });
        }
        // Largest loss first; units in the report's order when losses tie.
        let order = |u: &str| {
            inputs
                .units
                .iter()
                .position(|x| x == u)
                .unwrap_or(usize::MAX)
        };
        tasks.sort_by(|a, b| {
            b.points_lost
                .total_cmp(&a.points_lost)
                .then(order(&a.unit).cmp(&order(&b.unit)))
        });
    }
    let procedures = match procedures {
        Some(p) if p.proposals.height() > 0 => {
            Some(proposal_table(w, &p.proposals, String::new())?)
        }
        _ => None,
    };
    Ok(Plan {
        year: inputs.year + 1,
        tasks,
        procedures,
    })
}
