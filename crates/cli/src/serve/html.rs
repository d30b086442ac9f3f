//! The page frame and its pieces: what a request asks for (`View`), the layout with its
//! navigation, language and map switches, tables of result frames, inline charts, and the error
//! page. Every text from a workbook or a request is escaped.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use cchc_model::Lang;
use polars::prelude::DataFrame;

use super::App;
use super::guard::param;
use super::params as p;
use crate::words::web as w;
use crate::{Global, MapArg};

/// What a page or API request asks for: language, unit map, year, unit, grouping, and the units
/// page's search.
#[derive(Debug, Clone)]
pub struct View {
    pub lang: Lang,
    pub map: MapArg,
    pub year: Option<i32>,
    pub unit: Option<String>,
    pub by: Option<String>,
    pub name: Option<String>,
    pub province: Option<String>,
    pub as_of: Option<String>,
    pub level: Option<String>,
}

/// The language a query asks for (`lang=en`), else `default`.
pub fn lang_of(query: Option<&str>, default: Lang) -> Lang {
    match param(query, "lang").as_deref() {
        Some("en") => Lang::En,
        Some("vi") => Lang::Vi,
        _ => default,
    }
}

impl View {
    /// The view a query string asks for; an empty field is no choice.
    pub fn of(query: Option<&str>, app: &App) -> Result<View, Failure> {
        let lang = lang_of(query, app.lang);
        let text = |name: &str| param(query, name).filter(|v| !v.trim().is_empty());
        let year = match text(p::YEAR) {
            Some(y) => Some(y.trim().parse::<i32>().map_err(|_| {
                Failure::new(
                    StatusCode::BAD_REQUEST,
                    format!("{}: \"{y}\"", lang.say(w::YEAR)),
                    lang,
                )
            })?),
            None => None,
        };
        let map = match text("map").as_deref() {
            Some("reported") => MapArg::Reported,
            Some("latest") => MapArg::Latest,
            _ => app.map,
        };
        Ok(View {
            lang,
            map,
            year,
            unit: text(p::UNIT),
            by: text(p::BY),
            name: text(p::NAME),
            province: text(p::PROVINCE),
            as_of: text(p::AS_OF),
            level: text(p::LEVEL),
        })
    }

    /// The command line's flags this view stands for: the same store, language and map.
    pub fn global(&self, app: &App) -> Global {
        Global {
            store: app.store.clone(),
            lang: if self.lang == Lang::En {
                crate::LangArg::En
            } else {
                crate::LangArg::Vi
            },
            format: crate::output::OutputFormat::Json,
            quiet: true,
            map: self.map,
        }
    }

    /// A link to `path` keeping the language and map, with `pairs` added.
    pub fn link(&self, path: &str, pairs: &[(&str, &str)]) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if self.lang == Lang::En {
            query.append_pair("lang", "en");
        }
        if self.map == MapArg::Reported {
            query.append_pair("map", "reported");
        }
        for (k, v) in pairs {
            query.append_pair(k, v);
        }
        let query = query.finish();
        if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        }
    }

    /// This page's own link with one parameter changed (the language or map switch).
    fn switched(&self, path: &str, lang: Lang, map: MapArg) -> String {
        let view = View {
            lang,
            map,
            ..self.clone()
        };
        let year = self.year.map(|y| y.to_string());
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if let Some(y) = &year {
            pairs.push((p::YEAR, y));
        }
        if let Some(u) = &self.unit {
            pairs.push((p::UNIT, u));
        }
        if let Some(b) = &self.by {
            pairs.push((p::BY, b));
        }
        view.link(path, &pairs)
    }
}

/// Escapes text for HTML content and double-quoted attribute values (the report's escaping).
pub fn esc(text: &str) -> String {
    cchc_report::escape(text)
}

/// The pages of the navigation: path and name.
const NAV: [(&str, cchc_model::Phrase); 8] = [
    ("/", w::NAV_OVERVIEW),
    ("/import", w::NAV_IMPORT),
    ("/scorecards", w::NAV_SCORECARDS),
    ("/surveys", w::NAV_SURVEYS),
    ("/procedures", w::NAV_PROCEDURES),
    ("/dossiers", w::NAV_DOSSIERS),
    ("/units", w::NAV_UNITS),
    ("/report", w::NAV_REPORT),
];

/// The stylesheet, inline: system fonts, nothing fetched.
const STYLE: &str = r#"
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,"Segoe UI","Noto Sans","DejaVu Sans",Arial,sans-serif;color:#1d2733;background:#f5f7fa}
header{background:#12355b;color:#fff;padding:.5rem 1.25rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
header a{color:#fff;text-decoration:none;padding:.25rem .5rem;border-radius:4px}
header a.on{background:#2b5d8f}
header .brand{font-weight:700;margin-right:.5rem}
header .switch{margin-left:auto;font-size:.9rem}
header .switch a{padding:.15rem .35rem;border:1px solid #6f8fb3}
header .switch a.on{background:#fff;color:#12355b}
main{max-width:1200px;margin:0 auto;padding:1rem 1.25rem 3rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
section{background:#fff;border:1px solid #dde3ea;border-radius:6px;padding:.75rem 1rem;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #e3e8ee;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f6;font-weight:600}
td{white-space:nowrap}
td.w{white-space:normal;min-width:16rem}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto}
figure{margin:.5rem 0}
figure svg{width:100%;height:auto;max-width:880px}
form.inline{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end}
.progress{flex-basis:100%;display:flex;gap:.75rem;align-items:center}
.progress[hidden]{display:none}
.progress progress{width:22rem;height:1.1rem}
label{display:flex;flex-direction:column;font-size:.85rem;gap:.2rem}
input,select,button{font:inherit;padding:.3rem .45rem}
button{background:#12355b;color:#fff;border:0;border-radius:4px;padding:.4rem .9rem;cursor:pointer}
button.second{background:#5b6b7d}
button:disabled{opacity:.5;cursor:wait}
.headline{font-size:1.15rem;font-weight:600;color:#12355b}
.error{border-left:4px solid #b3261e;background:#fdecea}
.ok{border-left:4px solid #2e7d32}
.warn{color:#8a4b00}
.muted{color:#5b6b7d;font-size:.9rem}
@media print{header,form{display:none}body{background:#fff}section{border:0}}
"#;

/// The one script of the pages: a form marked `data-progress` (the import) sends its files with
/// the bar below it filled as they go up, then says the files are being read, then shows the
/// answer. Without it the form posts as any form does. Allowed by its hash ([`script_hash`]),
/// nothing else runs.
pub const SCRIPT: &str = r#"for (const f of document.querySelectorAll('form[data-progress]')) {
  f.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = new FormData(f);
    if (e.submitter && e.submitter.name) data.append(e.submitter.name, e.submitter.value);
    const box = f.querySelector('.progress');
    const bar = box.querySelector('progress');
    const note = box.querySelector('span');
    box.hidden = false;
    for (const b of f.querySelectorAll('button')) b.disabled = true;
    const x = new XMLHttpRequest();
    x.open('POST', f.getAttribute('action'));
    x.upload.onprogress = (ev) => {
      if (ev.lengthComputable) {
        bar.max = ev.total;
        bar.value = ev.loaded;
        note.textContent = box.dataset.sending + ' ' + Math.round(100 * ev.loaded / ev.total) + '%';
      }
    };
    x.upload.onload = () => { bar.removeAttribute('value'); note.textContent = box.dataset.reading; };
    x.onload = () => { document.open(); document.write(x.responseText); document.close(); };
    x.onerror = () => { note.textContent = box.dataset.failed; };
    x.send(data);
  });
}"#;

/// `'sha256-…'` of [`SCRIPT`], for the Content-Security-Policy.
pub fn script_hash() -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(SCRIPT.as_bytes());
    format!("'sha256-{}'", base64(&digest))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A whole page: the navigation with `path` marked, the language and map switches, `title` and
/// `body`.
pub fn page(view: &View, path: &str, title: &str, body: &str) -> Html<String> {
    let lang = view.lang;
    let nav: String = NAV
        .iter()
        .map(|(href, name)| {
            let on = if *href == path { " class=\"on\"" } else { "" };
            format!(
                "<a href=\"{}\"{on}>{}</a>",
                esc(&view.link(href, &[])),
                esc(lang.say(*name))
            )
        })
        .collect();
    let other = if lang == Lang::En { Lang::Vi } else { Lang::En };
    let map_link = |map: MapArg, name: cchc_model::Phrase| {
        let on = if view.map == map { " class=\"on\"" } else { "" };
        format!(
            "<a href=\"{}\"{on}>{}</a>",
            esc(&view.switched(path, lang, map)),
            esc(lang.say(name))
        )
    };
    let switch = format!(
        "<span class=\"switch\">{}: {} {} · <a href=\"{}\" lang=\"{}\">{}</a></span>",
        esc(lang.say(w::MAP)),
        map_link(MapArg::Latest, w::MAP_LATEST),
        map_link(MapArg::Reported, w::MAP_REPORTED),
        esc(&view.switched(path, other, view.map)),
        if other == Lang::En { "en" } else { "vi" },
        esc(w::other_language(lang)),
    );
    Html(format!(
        "<!doctype html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · cchc</title><style>{STYLE}</style></head>\
         <body><header><span class=\"brand\" title=\"{app}\">cchc</span>{nav}{switch}</header>\
         <main><h1>{title}</h1>\n{body}\n</main><script>{SCRIPT}</script></body></html>\n",
        code = if lang == Lang::En { "en" } else { "vi" },
        title = esc(title),
        app = esc(lang.say(w::APP)),
    ))
}

/// A result frame as an HTML table, in the words and number formats of the terminal's table.
pub fn frame_table(df: &DataFrame, lang: Lang) -> String {
    let shown = crate::output::shown(df, lang);
    let mut out = String::from("<div class=\"scroll\"><table><thead><tr>");
    for h in &shown.headers {
        out.push_str(&format!("<th>{}</th>", esc(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &shown.rows {
        out.push_str("<tr>");
        for (text, number) in row {
            out.push_str(&cell(text, *number));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

/// A cell: a number aligned right, a long text free to wrap, any other on one line.
fn cell(text: &str, number: bool) -> String {
    let class = if number {
        " class=\"n\""
    } else if text.chars().count() > 40 {
        " class=\"w\""
    } else {
        ""
    };
    format!("<td{class}>{}</td>", esc(text))
}

/// A table of text rows under `headers`.
pub fn text_table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("<div class=\"scroll\"><table><thead><tr>");
    for h in headers {
        out.push_str(&format!("<th>{}</th>", esc(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for text in row {
            let numeric = !text.is_empty()
                && text
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' '));
            out.push_str(&cell(text, numeric));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

/// A chart inline, or nothing when it cannot be drawn (too little data).
pub fn chart(data: &cchc_query::chart::ChartData, lang: Lang) -> String {
    match crate::front::charts::svg(data, lang) {
        Ok(svg) => format!("<figure>{svg}</figure>"),
        Err(_) => String::new(),
    }
}

/// The year and unit chooser of an analysis page, sending to `path`.
pub fn chooser(view: &View, path: &str, years: &[i32], units: &[String]) -> String {
    let lang = view.lang;
    let mut out = format!(
        "<form class=\"inline\" method=\"get\" action=\"{}\">",
        esc(path)
    );
    if lang == Lang::En {
        out.push_str("<input type=\"hidden\" name=\"lang\" value=\"en\">");
    }
    if view.map == MapArg::Reported {
        out.push_str("<input type=\"hidden\" name=\"map\" value=\"reported\">");
    }
    out.push_str(&format!(
        "<label>{}<select name=\"year\"><option value=\"\">{}</option>",
        esc(lang.say(w::YEAR)),
        esc(lang.say(w::EVERY))
    ));
    for y in years {
        let on = if view.year == Some(*y) {
            " selected"
        } else {
            ""
        };
        out.push_str(&format!("<option{on}>{y}</option>"));
    }
    out.push_str(&format!(
        "</select></label><label>{}<select name=\"unit\"><option value=\"\">{}</option>",
        esc(lang.say(w::UNIT)),
        esc(lang.say(w::EVERY))
    ));
    for u in units {
        let on = if view.unit.as_deref() == Some(u.as_str()) {
            " selected"
        } else {
            ""
        };
        out.push_str(&format!("<option{on}>{}</option>", esc(u)));
    }
    out.push_str(&format!(
        "</select></label><button type=\"submit\">{}</button></form>",
        esc(lang.say(w::SHOW))
    ));
    out
}

/// A request that failed: its status and what to tell the analyst.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    pub message: String,
    pub lang: Lang,
    /// Where to go from the error page: a page and its name (else the overview).
    pub back: Option<(&'static str, cchc_model::Phrase)>,
}

impl Failure {
    pub fn new(status: StatusCode, message: String, lang: Lang) -> Failure {
        Failure {
            status,
            message,
            lang,
            back: None,
        }
    }

    /// The same failure, its page leading back to `path` (the form to try again).
    pub fn back_to(self, path: &'static str, name: cchc_model::Phrase) -> Failure {
        Failure {
            back: Some((path, name)),
            ..self
        }
    }

    /// An error of the libraries below, in the analyst's words: the request asked for something
    /// the store cannot give (a unit or year it does not hold, a file it cannot read).
    pub fn of(err: &anyhow::Error, lang: Lang) -> Failure {
        Failure::new(
            StatusCode::BAD_REQUEST,
            crate::words::error(err, lang),
            lang,
        )
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let lang = self.lang;
        let view = View {
            lang,
            map: MapArg::Latest,
            year: None,
            unit: None,
            by: None,
            name: None,
            province: None,
            as_of: None,
            level: None,
        };
        let (path, name) = self.back.unwrap_or(("/", w::BACK));
        let body = format!(
            "<section class=\"error\"><p>{}</p><p><a href=\"{}\">{}</a></p></section>",
            esc(&self.message),
            esc(&view.link(path, &[])),
            esc(lang.say(name))
        );
        (self.status, page(&view, "", lang.say(w::ERROR), &body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_the_standard_one() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn text_from_a_workbook_is_escaped() {
        assert_eq!(
            esc("<script>alert(1)</script> & \"q\""),
            "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
