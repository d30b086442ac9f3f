//! The requests of the pages and the API, built once: each the request its command builds from
//! the same flags (`View` holds them), with the command's defaults.

use anyhow::Result;
use cchc_query::dossiers::{CalendarChoice, LogRequest, verdict};
use cchc_query::procedures::{StatsRequest, level};
use cchc_query::survey::{IndexRequest, Weights};
use cchc_query::{Query, Scope};
use polars::prelude::DataFrame;

use super::html::View;

impl View {
    /// The year and unit asked for.
    pub fn scope(&self) -> Scope {
        Scope::of(self.year, self.unit.as_deref())
    }
}

/// `scorecard gaps [--year] [--unit] [--level]`.
pub fn gaps(query: &Query<'_>, view: &View) -> Result<DataFrame> {
    let level = if view.level.as_deref() == Some(super::params::LEVEL_FIELD) {
        cchc_analysis::scorecard::Level::Field
    } else {
        cchc_analysis::scorecard::Level::Leaf
    };
    Ok(query.gaps(&view.scope(), level)?)
}

/// `scorecard trend [--year] [--unit]`.
pub fn trend(query: &Query<'_>, view: &View) -> Result<DataFrame> {
    Ok(query.trend(&view.scope())?)
}

/// `survey index [--by] [--year] [--unit]`, unweighted, Holm-adjusted (the command's defaults).
pub fn survey_index(query: &Query<'_>, view: &View) -> Result<DataFrame> {
    let request = IndexRequest {
        by: query.survey_by(view.by.as_deref().unwrap_or("overall"))?,
        scope: view.scope(),
        weights: Weights::None,
        adjust: cchc_analysis::stats::Adjust::Holm,
    };
    Ok(query.survey_index(&request)?)
}

/// `survey distribution [--by] [--year] [--unit]`.
pub fn survey_distribution(query: &Query<'_>, view: &View) -> Result<DataFrame> {
    let by = query.survey_by(view.by.as_deref().unwrap_or("overall"))?;
    Ok(query.survey_distribution(&by, &view.scope())?)
}

/// `procedures simplify [--year] [--unit]` with the default rules: the proposals a candidate a
/// row, reasons as codes.
pub fn simplify(query: &Query<'_>, view: &View) -> Result<DataFrame> {
    let simplified = query.simplify(&cchc_query::procedures::SimplifyRequest {
        rules: cchc_query::procedures::rules(None, None)?,
        scope: view.scope(),
    })?;
    Ok(simplified.frame)
}

/// `procedures stats [--by] [--year] [--unit]` with the default postal target.
pub fn procedure_stats(query: &Query<'_>, view: &View) -> Result<DataFrame> {
    let request = StatsRequest {
        level: level(view.by.as_deref().unwrap_or("procedure"))?,
        scope: view.scope(),
        postal_target: cchc_analysis::procedures::POSTAL_TARGET,
        online_target: None,
    };
    Ok(query.procedure_stats(&request)?.frame)
}

/// `dossiers stats [--year] [--unit]`: by year, on the default calendar, cchc's verdict.
pub fn dossier_stats(query: &Query<'_>, view: &View) -> Result<DataFrame> {
    let log = query.dossier_log(&LogRequest {
        scope: view.scope(),
        calendar: CalendarChoice {
            hours: None,
            province: None,
        },
    })?;
    let options = cchc_analysis::dossiers::Options {
        period: cchc_analysis::dossiers::Period::Year,
        as_of: None,
        verdict: verdict("cchc")?,
    };
    Ok(query.dossier_statistics(&log, &options)?.frame)
}

/// `units show NAME [--province] [--as-of]`.
pub fn unit_view(view: &View) -> Result<cchc_query::units::UnitView> {
    let as_of = match view.as_of.as_deref() {
        Some(day) => Some(
            cchc_calendar::Day::parse_iso(day.trim())
                .ok_or_else(|| anyhow::anyhow!("\"{day}\": yyyy-mm-dd"))?,
        ),
        None => None,
    };
    Ok(cchc_query::units::show(&cchc_query::units::ShowRequest {
        name: view.name.clone().unwrap_or_default(),
        province: view.province.clone(),
        as_of,
    })?)
}
