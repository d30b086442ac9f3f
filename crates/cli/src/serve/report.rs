//! `/report`: the year's report built from the store (the page, the workbook and the Word draft,
//! as `cchc report` writes them) and offered as downloads. The files are written in a fresh
//! random folder inside the store's `.reports/`; a download names that folder's identifier and a
//! file's number, never a path.

use std::path::PathBuf;

use axum::body::Body;
use axum::extract::{Path as UrlPath, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use cchc_query::report::ReportRequest;
use cchc_report::Format;

use super::Shared;
use super::api::blocking;
use super::html::{Failure, View, esc, page};
use crate::words::web as w;

type Page = Result<Html<String>, Failure>;

/// The form: the year (default the latest in the store).
fn form_html(view: &View, app: &super::App, years: &[i32]) -> String {
    let lang = view.lang;
    let options: String = years
        .iter()
        .rev()
        .map(|y| format!("<option>{y}</option>"))
        .collect();
    format!(
        "<section><p>{help}</p><form class=\"inline\" method=\"post\" action=\"{action}\">\
         <label>{year}<select name=\"year\">{options}</select></label>\
         <button type=\"submit\">{button}</button></form></section>",
        help = esc(lang.say(w::REPORT_HELP)),
        action = esc(&view.link("/report", &[("csrf", &app.csrf)])),
        year = esc(lang.say(w::YEAR)),
        button = esc(lang.say(w::REPORT_BUTTON)),
    )
}

/// The years the store holds.
fn years(query: &cchc_query::Query<'_>) -> Vec<i32> {
    let mut years: Vec<i32> = query
        .store()
        .sources()
        .iter()
        .flat_map(|s| s.parts.iter().map(|p| p.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// `GET /report`.
pub async fn form(State(app): State<Shared>, RawQuery(q): RawQuery) -> Page {
    let (years, view) = blocking(&app, q, |query, _| Ok(years(query))).await?;
    let body = if years.is_empty() {
        format!(
            "<section><p>{}</p></section>",
            esc(view.lang.say(w::STORE_EMPTY))
        )
    } else {
        form_html(&view, &app, &years)
    };
    Ok(page(
        &view,
        "/report",
        view.lang.say(w::REPORT_HEADING),
        &body,
    ))
}

/// `POST /report?csrf=…` with `year`: writes the report, lists its downloads.
pub async fn build(
    State(app): State<Shared>,
    RawQuery(q): RawQuery,
    axum::Form(form): axum::Form<std::collections::HashMap<String, String>>,
) -> Page {
    let year = form
        .get(super::params::YEAR)
        .and_then(|y| y.trim().parse::<i32>().ok());
    let id = super::random_token();
    let folder = app.store.join(".reports").join(&id);
    let app_for = app.clone();
    let ((written, years), view) = blocking(&app, q, move |query, view| {
        let global = view.global(&app_for);
        let request = ReportRequest {
            year,
            units: Vec::new(),
        };
        let written = crate::front::publish::write(
            query,
            &global,
            &request,
            &folder,
            &[Format::Html, Format::Xlsx, Format::Docx],
        )?;
        Ok((written, years(query)))
    })
    .await?;
    let lang = view.lang;
    let links: String = written
        .iter()
        .enumerate()
        .map(|(i, path)| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!(
                "<li><a href=\"/report/download/{id}/{i}\" download>{}</a></li>",
                esc(&name)
            )
        })
        .collect();
    app.reports
        .lock()
        .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string(), lang))?
        .insert(id, written);
    let body = format!(
        "<section class=\"ok\"><h2>{}</h2><ul>{links}</ul></section>{}",
        esc(lang.say(w::DOWNLOADS)),
        form_html(&view, &app, &years)
    );
    Ok(page(&view, "/report", lang.say(w::REPORT_WRITTEN), &body))
}

/// `GET /report/download/{id}/{index}`: one of the files a build wrote.
pub async fn download(
    State(app): State<Shared>,
    RawQuery(q): RawQuery,
    UrlPath((id, index)): UrlPath<(String, usize)>,
) -> Result<Response, Failure> {
    let lang = super::html::lang_of(q.as_deref(), app.lang);
    let missing = || {
        Failure::new(
            StatusCode::NOT_FOUND,
            lang.say(w::NO_DOWNLOAD).to_owned(),
            lang,
        )
    };
    let path: PathBuf = app
        .reports
        .lock()
        .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string(), lang))?
        .get(&id)
        .and_then(|files| files.get(index))
        .cloned()
        .ok_or_else(missing)?;
    let bytes = tokio::fs::read(&path).await.map_err(|_| missing())?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let kind = match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("xlsx") => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    };
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"");
    Ok((
        [
            (header::CONTENT_TYPE, kind.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        Body::from(bytes),
    )
        .into_response())
}
