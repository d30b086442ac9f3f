//! The JSON API under `/api/`: the query layer's results as the command line's `--format json`
//! writes them (same requests, same rows, same column names), for the pages' own use and other
//! tools. An error is `{"error": "…"}` in the request's language, with the status of the page.

use anyhow::Result;
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use cchc_query::Query;
use cchc_store::Store;
use polars::prelude::DataFrame;
use serde_json::{Value, json};

use super::Shared;
use super::figures;
use super::html::{Failure, View};

/// An API error: its status and words, as JSON.
pub struct ApiFailure(Failure);

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        (self.0.status, Json(json!({ "error": self.0.message }))).into_response()
    }
}

impl From<Failure> for ApiFailure {
    fn from(f: Failure) -> ApiFailure {
        ApiFailure(f)
    }
}

type Answer = Result<Json<Value>, ApiFailure>;

/// Runs `make` over the store off the async threads: the view the query string asks for, the
/// query over the store under its map.
pub async fn blocking<T: Send + 'static>(
    app: &Shared,
    query: Option<String>,
    make: impl FnOnce(&Query<'_>, &View) -> Result<T> + Send + 'static,
) -> Result<(T, View), Failure> {
    let view = View::of(query.as_deref(), app)?;
    let lang = view.lang;
    let app = app.clone();
    let answer = tokio::task::spawn_blocking(move || -> Result<(T, View)> {
        let global = view.global(&app);
        let store = Store::open(&app.store)?;
        let made = make(&global.query(&store), &view)?;
        Ok((made, view))
    })
    .await;
    match answer {
        Ok(Ok(made)) => Ok(made),
        Ok(Err(err)) => Err(Failure::of(&err, lang)),
        Err(join) => Err(Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            join.to_string(),
            lang,
        )),
    }
}

/// A frame's rows as JSON.
async fn rows(
    app: Shared,
    query: Option<String>,
    figures: fn(&Query<'_>, &View) -> Result<DataFrame>,
) -> Answer {
    let (frame, _) = blocking(&app, query, figures).await?;
    Ok(Json(Value::Array(crate::output::json_rows(&frame))))
}

/// `GET /api/scorecard/gaps?year&unit&level`.
pub async fn gaps(State(app): State<Shared>, RawQuery(q): RawQuery) -> Answer {
    rows(app, q, figures::gaps).await
}

/// `GET /api/scorecard/trend?year&unit`.
pub async fn trend(State(app): State<Shared>, RawQuery(q): RawQuery) -> Answer {
    rows(app, q, figures::trend).await
}

/// `GET /api/survey/index?by&year&unit`.
pub async fn survey_index(State(app): State<Shared>, RawQuery(q): RawQuery) -> Answer {
    rows(app, q, figures::survey_index).await
}

/// `GET /api/survey/distribution?by&year&unit`.
pub async fn survey_distribution(State(app): State<Shared>, RawQuery(q): RawQuery) -> Answer {
    rows(app, q, figures::survey_distribution).await
}

/// `GET /api/procedures/simplify?year&unit`.
pub async fn simplify(State(app): State<Shared>, RawQuery(q): RawQuery) -> Answer {
    rows(app, q, figures::simplify).await
}

/// `GET /api/procedures/stats?by&year&unit`.
pub async fn procedure_stats(State(app): State<Shared>, RawQuery(q): RawQuery) -> Answer {
    rows(app, q, figures::procedure_stats).await
}

/// `GET /api/dossiers/stats?year&unit`.
pub async fn dossier_stats(State(app): State<Shared>, RawQuery(q): RawQuery) -> Answer {
    rows(app, q, figures::dossier_stats).await
}

/// `GET /api/sources`: the files imported, as the manifest lists them.
pub async fn sources(State(app): State<Shared>, RawQuery(q): RawQuery) -> Answer {
    let (sources, _) = blocking(&app, q, |q, _| {
        Ok(serde_json::to_value(q.store().sources())?)
    })
    .await?;
    Ok(Json(sources))
}

/// `GET /api/units/show?name&province&as_of`: `cchc units show … --format json`.
pub async fn unit_show(State(app): State<Shared>, RawQuery(q): RawQuery) -> Answer {
    let (unit, _) = blocking(&app, q, |_, v| {
        let view = figures::unit_view(v)?;
        Ok(crate::output::unit_json(&view))
    })
    .await?;
    Ok(Json(unit))
}
