//! The result frames of the simplification: numbers and reason codes, no words (the command
//! line adds the proposals and reasons in the analyst's language for a table or a workbook).

use cchc_model::columns as c;
use polars::prelude::*;

use super::simplify::{Candidate, Proposal, Reason};

/// The `procedures simplify` table of several proposals.
pub fn simplify_frame(proposals: &[Proposal]) -> PolarsResult<DataFrame> {
    let rows: Vec<(&Proposal, &Candidate)> = proposals
        .iter()
        .flat_map(|p| p.candidates.iter().map(move |c| (p, c)))
        .collect();
    macro_rules! col {
        ($name:expr, $f:expr) => {
            Column::new(
                $name.into(),
                rows.iter().map(|(p, c)| $f(p, c)).collect::<Vec<_>>(),
            )
        };
    }
    type P = Proposal;
    type C = Candidate;
    DataFrame::new_infer_height(vec![
        col!(c::YEAR, |p: &&P, _c: &&C| p.year),
        col!(c::UNIT, |p: &&P, _c: &&C| p.unit.clone()),
        col!(c::RANK, |_p: &&P, c: &&C| c.rank as u32),
        col!(c::CODE, |_p: &&P, c: &&C| c.procedure.code.clone()),
        col!(c::NAME, |_p: &&P, c: &&C| c.procedure.name.clone()),
        col!(c::FIELD, |_p: &&P, c: &&C| c.procedure.field.clone()),
        col!(c::REASON_CODES, |_p: &&P, c: &&C| c
            .reasons
            .iter()
            .map(Reason::code)
            .collect::<Vec<_>>()
            .join(";")),
        col!(c::PROPOSED_LEGAL_DAYS, |_p: &&P, c: &&C| c
            .reasons
            .iter()
            .find_map(Reason::proposed_days)),
        col!(c::PROPOSED_COMPONENTS, |_p: &&P, c: &&C| c
            .reasons
            .iter()
            .find_map(Reason::proposed_components)),
        col!(c::RECEIVED, |_p: &&P, c: &&C| c.procedure.received_total()),
        col!(c::LATE_RATE, |_p: &&P, c: &&C| c.procedure.late_rate()),
        col!(c::LEGAL_DAYS, |_p: &&P, c: &&C| c.procedure.legal_days),
        col!(c::ACTUAL_DAYS, |_p: &&P, c: &&C| c.procedure.actual_days),
        col!(c::COST_BEFORE, |_p: &&P, c: &&C| c.cost_before),
        col!(c::ESTIMATED_SAVING, |_p: &&P, c: &&C| c.estimated_saving),
        col!(c::CUMULATIVE_SHARE_OF_PROCEDURES, |p: &&P, c: &&C| c.rank
            as f64
            / p.procedures.max(1) as f64),
    ])
}
