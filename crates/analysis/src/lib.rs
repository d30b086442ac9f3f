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
//!
//! # How it works
//!
//! Pure lazy frame → frame functions. Scorecards: `gaps` (points lost, share, Pareto cumulative share,
//! rank; leaf or field level), `field_totals` (leaves summed to their top-level field), `trend`
//! (totals per unit and year, delta and % change against the year before — empty when that year is
//! missing — rank by attainment and rank change, self-assessed minus appraised). Only leaves are ever
//! summed. Surveys: `index` per year, unit and group (overall, element, question, unit or a respondent
//! attribute joined from `survey_respondents`): respondents, valid answers, satisfied (4–5), index
//! (a ratio of respondent totals, weighted when weights are given), its SE with respondents as
//! clusters (linearised ratio variance, with replacement — R's `svyratio`; `tests/r/svyratio.R` and
//! `tests/e2e/r_survey.rs` check it), the logit-scale 95% interval, deff and effective n, small-group
//! flag under 30, delta and its test against the same group the year before (two independent
//! clustered estimates); `with_adjusted` adds `p_adjusted` (Holm, BH or none) over the groups a
//! table tests; `distribution` of the five levels. Counting is one pass (`tally`): the answers
//! arrive a batch at a time through the `AnswerBatches` trait (the CLI's `StoredAnswers` reads the
//! store's parts a row group at a time with `Store::for_each_batch`, the next one on a thread of
//! its own, text still coded; a `LazyFrame` is split by year and unit), only the columns the
//! grouping needs; since
//! the store keeps a respondent's answers together, each respondent's figures are added to their
//! groups when the next respondent begins — counts, levels, and the sums Σy², Σx², Σxy (Σw²… when
//! weighted) from which the squared residuals follow, exactly without weights. Each distinct text
//! of a batch is looked up once (foldhash maps of small ids; a plain text column is coded first),
//! rows then read integers, and question codes are ordered by a rank kept per code; a respondent
//! is compared as text only where the key changes; an attribute's values are
//! met in the answers' order (the next respondent is the next row of `survey_respondents`, or a few
//! rows on), with a map by id only when that order is not followed. A respondent met again after
//! another began sends the computation to polars (`counts_lazy`, the former lazy pipeline, which a
//! test holds the tally to on every grouping, weighted and not). The intervals and tests are
//! computed on the small aggregated frame (`stats`). Procedures (`procedures/`, split by concern: the procedure and its rates in `mod.rs`, `join`,
//! `rollup` with the service targets, `rules`, `simplify`, `frames`): `join` puts
//! the registry entry of the same or the latest earlier year beside each period's statistics (a
//! registry procedure without statistics is kept, as unknown, never as zero); `stats` and `rollup`
//! compute the rates with their denominators (counts added before dividing); `Rules` (TOML, defaults in
//! `simplify_rules.toml`, compiled in) drive `assess` — five rules with reason codes and the standard
//! cost model — and `simplify` ranks the candidates by saving per unit and year against the target
//! share. The business rules the CLI once held live here, each defined once: `select` and
//! `latest_years` (each unit's latest year with statistics), `POSTAL_TARGET` (0.2), `meets_target`
//! and `with_target_flags`. Results carry numbers and reason codes (`simplify_frame`:
//! `reason_codes`, `proposed_legal_days`, `proposed_components`), never prose. These work on plain structs: registries are thousands of rows, not millions.

pub mod dossiers;
mod group;
pub mod procedures;
pub mod scorecard;
pub mod stats;
pub mod survey;
mod tally;
