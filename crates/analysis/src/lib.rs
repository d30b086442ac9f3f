//! The analyses: pure functions from canonical frames to result frames, all lazy.
//!
//! Scorecards ([`scorecard`]): where points were lost ([`scorecard::gaps`], a Pareto ranking),
//! roll-ups from leaves to fields ([`scorecard::field_totals`]) and totals per unit and year with
//! year-over-year change and rank among units ([`scorecard::trend`]). Ratios are fractions (0–1);
//! percentages exist only on display. Surveys ([`survey`]): the SIPAS-style satisfaction index per
//! question, element, unit, attribute or overall, with Wilson intervals and year-over-year tests
//! ([`stats`]), and the distribution of the five levels. Procedures ([`procedures`]): service ratios
//! of dossier statistics per procedure, field, unit and year, and the ranked, reasoned list of
//! procedures to simplify with estimated compliance-cost savings.
//!
//! Architecture invariant: `analysis` never opens a file and knows nothing of Excel, the store's
//! layout, charts or the command line. Its inputs and outputs are polars frames with the column
//! names of `cchc_model::columns`.

pub mod dossiers;
mod group;
pub mod procedures;
pub mod scorecard;
pub mod stats;
pub mod survey;
mod tally;
