//! The pages: the overview of the store, and the tables and charts of each kind for the year and
//! unit asked for (the figures of the API's requests, `figures`).

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Html;
use cchc_model::columns as c;
use cchc_model::{Lang, TableKind, tables};
use cchc_query::Query;
use cchc_query::chart::{ChartKind, ChartRequest};
use cchc_query::scope::distinct_years;
use polars::prelude::*;

use super::api::blocking;
use super::html::{Failure, View, chart, chooser, esc, frame_table, page, text_table};
use super::{Shared, figures};
use crate::words::Words;
use crate::words::web as w;

type Page = Result<Html<String>, Failure>;

/// A section with a heading.
fn section(heading: &str, body: &str) -> String {
    format!("<section><h2>{}</h2>{body}</section>", esc(heading))
}

/// The sentence for a kind the store does not hold, with the way to import it.
fn nothing(view: &View) -> String {
    format!(
        "<section><p>{}</p><p><a href=\"{}\">{}</a></p></section>",
        esc(view.lang.say(w::NOTHING_OF_KIND)),
        esc(&view.link("/import", &[])),
        esc(view.lang.say(w::NEXT_IMPORT))
    )
}

/// A chart of the query layer for the view's year and unit.
fn drawn(query: &Query<'_>, kind: ChartKind, scope: cchc_query::Scope, lang: Lang) -> String {
    let request = ChartRequest {
        kind,
        scope,
        level: cchc_analysis::scorecard::Level::Leaf,
    };
    match query.chart(&request) {
        Ok(made) => chart(&made.data, lang),
        Err(_) => String::new(),
    }
}

/// `GET /`: what the store holds (kinds × units × years), the files with their counts, what to
/// do next.
pub async fn overview(State(app): State<Shared>, RawQuery(q): RawQuery) -> Page {
    let (body, view) = blocking(&app, q, |query, view| {
        let lang = view.lang;
        let store = query.store();
        if store.sources().is_empty() {
            return Ok(format!(
                "<section class=\"ok\"><p>{}</p><p><a href=\"{}\">{}</a></p></section>",
                esc(lang.say(w::STORE_EMPTY)),
                esc(&view.link("/import", &[])),
                esc(lang.say(w::NEXT_IMPORT))
            ));
        }
        // Each kind the store holds (by its page), with its units and years.
        let mut holds: BTreeMap<&str, (TableKind, BTreeSet<String>, BTreeSet<i32>)> =
            BTreeMap::new();
        for source in store.sources() {
            let entry = holds
                .entry(kind_path(source.kind))
                .or_insert_with(|| (source.kind, BTreeSet::new(), BTreeSet::new()));
            for part in &source.parts {
                entry.1.insert(part.unit.clone());
                entry.2.insert(part.year);
            }
        }
        let held: Vec<Vec<String>> = holds
            .values()
            .map(|(kind, units, years)| {
                vec![
                    kind.words(lang),
                    units.iter().cloned().collect::<Vec<_>>().join("; "),
                    years
                        .iter()
                        .map(i32::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect();
        let files: Vec<Vec<String>> = store
            .sources()
            .iter()
            .map(|s| {
                vec![
                    s.file_name.clone(),
                    s.kind.words(lang),
                    s.counts.read.to_string(),
                    s.counts.imported.to_string(),
                    s.counts.structure.to_string(),
                    s.counts.rejected.to_string(),
                    s.imported_at.clone(),
                ]
            })
            .collect();
        let next: String = holds
            .iter()
            .map(|(path, (kind, _, _))| {
                format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    esc(&view.link(path, &[])),
                    esc(&kind.words(lang))
                )
            })
            .chain([
                format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    esc(&view.link("/import", &[])),
                    esc(lang.say(w::NEXT_IMPORT))
                ),
                format!(
                    "<li><a href=\"{}\">{}</a></li>",
                    esc(&view.link("/report", &[])),
                    esc(lang.say(w::NEXT_REPORT))
                ),
            ])
            .collect();
        Ok([
            section(
                lang.say(w::HOLDS),
                &text_table(
                    &[
                        lang.say(w::COL_KIND),
                        lang.say(w::COL_UNITS),
                        lang.say(w::COL_YEARS),
                    ],
                    &held,
                ),
            ),
            section(
                lang.say(w::SOURCES),
                &text_table(
                    &[
                        lang.say(w::COL_FILE),
                        lang.say(w::COL_KIND),
                        lang.say(w::COL_READ),
                        lang.say(w::COL_IMPORTED),
                        lang.say(w::COL_STRUCTURE),
                        lang.say(w::COL_REJECTED),
                        lang.say(w::COL_IMPORTED_AT),
                    ],
                    &files,
                ),
            ),
            section(lang.say(w::NEXT), &format!("<ul>{next}</ul>")),
        ]
        .concat())
    })
    .await?;
    Ok(page(&view, "/", view.lang.say(w::NAV_OVERVIEW), &body))
}

/// The page of a kind of table.
fn kind_path(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Scorecard => "/scorecards",
        TableKind::Survey => "/surveys",
        TableKind::Procedures => "/procedures",
        TableKind::Dossiers => "/dossiers",
    }
}

/// `GET /scorecards`: the year's headline (points achieved and lost), the points lost by
/// criterion with their Pareto chart, and the totals over the years.
pub async fn scorecards(State(app): State<Shared>, RawQuery(q): RawQuery) -> Page {
    let (body, view) = blocking(&app, q, |query, view| {
        let (years, units) = query.shown_units(&[tables::SCORECARD]);
        if units.is_empty() {
            return Ok(nothing(view));
        }
        let lang = view.lang;
        let trend = figures::trend(query, view)?;
        let mut body = chooser(view, "/scorecards", &years, &units);
        // One unit and year for the headline and the Pareto: the one asked for, else the only
        // unit and its latest year.
        let unit = view
            .unit
            .clone()
            .or_else(|| (units.len() == 1).then(|| units[0].clone()));
        if let Some(unit) = &unit {
            let own = trend
                .clone()
                .lazy()
                .filter(col(c::UNIT).eq(lit(unit.clone())))
                .filter(col(c::SCORE_TOTAL).is_not_null())
                .collect()?;
            let year = view
                .year
                .or_else(|| distinct_years(&own).ok()?.last().copied());
            if let Some(year) = year {
                let row = own
                    .lazy()
                    .filter(col(c::YEAR).eq(lit(year)))
                    .select([col(c::SCORE_TOTAL), col(c::MAX_TOTAL)])
                    .collect()?;
                if row.height() == 1 {
                    let score = row.column(c::SCORE_TOTAL)?.f64()?.get(0);
                    let max = row.column(c::MAX_TOTAL)?.f64()?.get(0);
                    if let (Some(score), Some(max)) = (score, max) {
                        body.push_str(&format!(
                            "<section class=\"ok\"><p class=\"headline\">{}</p></section>",
                            esc(&w::score_headline(unit, year, score, max, lang))
                        ));
                    }
                }
                let scope = cchc_query::Scope::of(Some(year), Some(unit));
                let gaps = figures::gaps(
                    query,
                    &View {
                        year: Some(year),
                        unit: Some(unit.clone()),
                        ..view.clone()
                    },
                )?;
                let shown = gaps.select(crate::output::GAPS_SHOWN)?;
                body.push_str(&section(
                    &format!("{} — {unit} {year}", lang.say(w::GAPS)),
                    &(drawn(query, ChartKind::Pareto, scope, lang) + &frame_table(&shown, lang)),
                ));
            }
        }
        let chart_scope = cchc_query::Scope::of(None, view.unit.as_deref());
        body.push_str(&section(
            lang.say(w::TREND),
            &(drawn(query, ChartKind::Trend, chart_scope, lang) + &frame_table(&trend, lang)),
        ));
        Ok(body)
    })
    .await?;
    Ok(page(
        &view,
        "/scorecards",
        view.lang.say(w::NAV_SCORECARDS),
        &body,
    ))
}

/// `GET /surveys`: the index overall and by element, the Likert chart of the unit.
pub async fn surveys(State(app): State<Shared>, RawQuery(q): RawQuery) -> Page {
    let (body, view) = blocking(&app, q, |query, view| {
        let (years, units) = query.shown_units(&[TableKind::Survey.table_name()]);
        if units.is_empty() {
            return Ok(nothing(view));
        }
        let lang = view.lang;
        let overall = figures::survey_index(
            query,
            &View {
                by: None,
                ..view.clone()
            },
        )?;
        let by_element = figures::survey_index(
            query,
            &View {
                by: Some(super::params::BY_ELEMENT.to_owned()),
                ..view.clone()
            },
        )?;
        let mut body = chooser(view, "/surveys", &years, &units);
        body.push_str(&section(
            lang.say(w::INDEX_OVERALL),
            &frame_table(&overall, lang),
        ));
        let unit = view
            .unit
            .clone()
            .or_else(|| (units.len() == 1).then(|| units[0].clone()));
        let likert = match &unit {
            Some(u) => drawn(
                query,
                ChartKind::Likert,
                cchc_query::Scope::of(view.year, Some(u)),
                lang,
            ),
            None => String::new(),
        };
        body.push_str(&section(
            lang.say(w::INDEX),
            &(likert + &frame_table(&by_element, lang)),
        ));
        Ok(body)
    })
    .await?;
    Ok(page(
        &view,
        "/surveys",
        view.lang.say(w::NAV_SURVEYS),
        &body,
    ))
}

/// `GET /procedures`: the statistics by unit, the on-time chart and the proposals.
pub async fn procedures(State(app): State<Shared>, RawQuery(q): RawQuery) -> Page {
    let (body, view) = blocking(&app, q, |query, view| {
        let (years, units) = query.shown_units(&[
            tables::PROCEDURES,
            tables::PROCEDURE_REGISTRY,
            tables::DOSSIERS,
        ]);
        if units.is_empty() {
            return Ok(nothing(view));
        }
        let lang = view.lang;
        let by_unit = figures::procedure_stats(
            query,
            &View {
                by: Some(super::params::UNIT.to_owned()),
                ..view.clone()
            },
        )?;
        let mut body = chooser(view, "/procedures", &years, &units);
        let on_time = drawn(query, ChartKind::OnTime, view.scope(), lang);
        body.push_str(&section(
            lang.say(w::PROCEDURE_STATS),
            &(on_time + &frame_table(&by_unit, lang)),
        ));
        let simplified = query.simplify(&cchc_query::procedures::SimplifyRequest {
            rules: cchc_query::procedures::rules(None, None)?,
            scope: view.scope(),
        })?;
        let proposals = crate::words::with_reasons_in_words(
            simplified.frame.clone(),
            &simplified.proposals,
            lang,
        )?;
        let keep: Vec<&str> = [c::UNIT, c::PROVINCE, c::YEAR]
            .into_iter()
            .filter(|n| proposals.column(n).is_ok())
            .chain(crate::output::PROPOSALS_SHOWN)
            .collect();
        body.push_str(&section(
            lang.say(w::PROPOSALS),
            &frame_table(&proposals.select(keep)?, lang),
        ));
        Ok(body)
    })
    .await?;
    Ok(page(
        &view,
        "/procedures",
        view.lang.say(w::NAV_PROCEDURES),
        &body,
    ))
}

/// `GET /dossiers`: the statistics of the logs by year, unit and procedure.
pub async fn dossiers(State(app): State<Shared>, RawQuery(q): RawQuery) -> Page {
    let (body, view) = blocking(&app, q, |query, view| {
        let (years, units) = query.shown_units(&[tables::DOSSIERS]);
        if units.is_empty() {
            return Ok(nothing(view));
        }
        let lang = view.lang;
        let stats = figures::dossier_stats(query, view)?;
        let mut body = chooser(view, "/dossiers", &years, &units);
        body.push_str(&section(
            lang.say(w::DOSSIER_STATS),
            &frame_table(&stats, lang),
        ));
        Ok(body)
    })
    .await?;
    Ok(page(
        &view,
        "/dossiers",
        view.lang.say(w::NAV_DOSSIERS),
        &body,
    ))
}

/// `GET /units`: a unit looked up in the register (name, province, day), and the units the store
/// holds with their province and register key.
pub async fn units(State(app): State<Shared>, RawQuery(q): RawQuery) -> Page {
    let (body, view) = blocking(&app, q, |query, view| {
        let lang = view.lang;
        let value = |v: &Option<String>| esc(v.as_deref().unwrap_or_default());
        let mut body = format!(
            "<section><h2>{}</h2><form class=\"inline\" method=\"get\" action=\"/units\">{}{}\
             <label>{}<input name=\"name\" value=\"{}\" required></label>\
             <label>{}<input name=\"province\" value=\"{}\"></label>\
             <label>{}<input name=\"as_of\" value=\"{}\" placeholder=\"2025-01-01\"></label>\
             <button type=\"submit\">{}</button></form>",
            esc(lang.say(w::UNITS_HEADING)),
            if lang == Lang::En {
                "<input type=\"hidden\" name=\"lang\" value=\"en\">"
            } else {
                ""
            },
            if view.map == crate::MapArg::Reported {
                "<input type=\"hidden\" name=\"map\" value=\"reported\">"
            } else {
                ""
            },
            esc(lang.say(w::NAME)),
            value(&view.name),
            esc(lang.say(w::COL_PROVINCE)),
            value(&view.province),
            esc(lang.say(w::AS_OF)),
            value(&view.as_of),
            esc(lang.say(w::SHOW)),
        );
        if view.name.is_some() {
            match figures::unit_view(view) {
                Ok(unit) => {
                    let lines = crate::words::unit_lines(&unit, lang);
                    body.push_str(&format!("<pre>{}</pre>", esc(&lines.join("\n"))));
                }
                Err(err) => body.push_str(&format!(
                    "<p class=\"warn\">{}</p>",
                    esc(&crate::words::error(&err, lang))
                )),
            }
        }
        body.push_str("</section>");
        let mut rows: Vec<Vec<String>> = Vec::new();
        for kind in [
            TableKind::Scorecard,
            TableKind::Survey,
            TableKind::Procedures,
            TableKind::Dossiers,
        ] {
            for u in query.store().stored_units(kind.table_name()) {
                rows.push(vec![
                    u.unit,
                    u.province.unwrap_or_default(),
                    u.year.to_string(),
                    kind.words(lang),
                    u.key.unwrap_or_default(),
                ]);
            }
        }
        rows.sort();
        rows.dedup();
        if !rows.is_empty() {
            body.push_str(&section(
                lang.say(w::STORED_UNITS),
                &text_table(
                    &[
                        lang.say(w::UNIT),
                        lang.say(w::COL_PROVINCE),
                        lang.say(w::YEAR),
                        lang.say(w::COL_KIND),
                        "key",
                    ],
                    &rows,
                ),
            ));
        }
        Ok(body)
    })
    .await?;
    Ok(page(&view, "/units", view.lang.say(w::NAV_UNITS), &body))
}

/// Any other path.
pub async fn not_found(State(app): State<Shared>, RawQuery(q): RawQuery) -> Failure {
    let lang = super::html::lang_of(q.as_deref(), app.lang);
    Failure::new(
        StatusCode::NOT_FOUND,
        lang.say(w::NOT_FOUND).to_owned(),
        lang,
    )
}
