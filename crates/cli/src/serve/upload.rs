//! `/import`: the upload form, and the import of what it sends. Each uploaded file is written
//! under a name of cchc's own (`upload-N.xlsx` in a fresh random folder inside the store's
//! `.uploads/`), never under the name the browser gave, which is only shown; then the files are
//! read and stored as `cchc import` reads and stores them (nothing stored if one cannot be read),
//! one upload at a time, and the folder is removed.

use std::path::{Path, PathBuf};

use anyhow::Result;
use axum::extract::multipart::MultipartError;
use axum::extract::{Multipart, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Html;
use cchc_import::ImportOptions;
use cchc_model::Lang;
use cchc_store::{Added, Store};

use super::Shared;
use super::html::{Failure, View, esc, page, text_table};
use super::params as p;
use crate::front::ingest::{self, StoredFile};
use crate::words::Words;
use crate::words::web as w;
use cchc_model::TableKind;

type Page = Result<Html<String>, Failure>;

/// The extensions an upload keeps (the importer tells most formats from the bytes; a CSV needs
/// its extension); any other is stored as `.bin`.
const EXTENSIONS: [&str; 8] = ["xlsx", "xlsm", "xls", "xlsb", "ods", "csv", "tsv", "txt"];

/// `GET /import`: the form.
pub async fn form(State(app): State<Shared>, RawQuery(q): RawQuery) -> Page {
    let view = View::of(q.as_deref(), &app)?;
    let body = form_html(&view, &app);
    Ok(page(
        &view,
        "/import",
        view.lang.say(w::IMPORT_HEADING),
        &body,
    ))
}

fn form_html(view: &View, app: &super::App) -> String {
    let lang = view.lang;
    let action = view.link("/import", &[("csrf", &app.csrf)]);
    let kinds: String = [
        ("", lang.say(w::KIND_AUTO).to_owned()),
        (
            TableKind::Scorecard.as_str(),
            TableKind::Scorecard.words(lang),
        ),
        (TableKind::Survey.as_str(), TableKind::Survey.words(lang)),
        (
            TableKind::Procedures.as_str(),
            TableKind::Procedures.words(lang),
        ),
        (
            TableKind::Dossiers.as_str(),
            TableKind::Dossiers.words(lang),
        ),
    ]
    .iter()
    .map(|(v, name)| format!("<option value=\"{v}\">{}</option>", esc(name)))
    .collect();
    format!(
        "<section><p>{help}</p>\
         <form method=\"post\" action=\"{action}\" enctype=\"multipart/form-data\" class=\"inline\" \
         data-progress>\
         <label>{files}<input type=\"file\" name=\"files\" multiple required \
         accept=\".xlsx,.xlsm,.xls,.xlsb,.ods,.csv\"></label>\
         <label>{kind}<select name=\"kind\">{kinds}</select></label>\
         <label>{province}<input name=\"province\" placeholder=\"Đồng Nai\"></label>\
         <label>{year}<input name=\"year\" inputmode=\"numeric\" size=\"6\" placeholder=\"2025\"></label>\
         <label>{unit}<input name=\"unit\" placeholder=\"Sở Tư pháp\"></label>\
         <label>{period}<input name=\"period\" placeholder=\"1/7/2025..31/12/2025\"></label>\
         <button type=\"submit\" name=\"action\" value=\"import\">{import}</button>\
         <button type=\"submit\" name=\"action\" value=\"inspect\" class=\"second\">{inspect}</button>\
         <div class=\"progress\" hidden data-sending=\"{sending}\" data-reading=\"{reading}\" \
         data-failed=\"{failed}\"><progress></progress><span></span></div>\
         </form><p class=\"muted\">{limit}: {mb} MB</p></section>",
        help = esc(lang.say(w::IMPORT_HELP)),
        action = esc(&action),
        files = esc(lang.say(w::FILES)),
        kind = esc(lang.say(w::KIND_LABEL)),
        province = esc(lang.say(w::PROVINCE_LABEL)),
        year = esc(lang.say(w::YEAR_LABEL)),
        unit = esc(lang.say(w::UNIT_LABEL)),
        period = esc(lang.say(w::PERIOD_LABEL)),
        import = esc(lang.say(w::IMPORT_BUTTON)),
        inspect = esc(lang.say(w::INSPECT_BUTTON)),
        limit = esc(lang.say(w::UPLOAD_LIMIT)),
        sending = esc(lang.say(w::SENDING)),
        reading = esc(lang.say(w::READING)),
        failed = esc(lang.say(w::SEND_FAILED)),
        mb = app.max_upload / (1024 * 1024),
    )
}

/// What a form sent: the files (where cchc wrote them, and the name the browser gave), the kind,
/// the province and whether to inspect only.
struct Sent {
    folder: PathBuf,
    files: Vec<(PathBuf, String)>,
    kind: Option<String>,
    province: Option<String>,
    /// The year, unit and period the analyst gave for files that do not say them.
    year: Option<String>,
    unit: Option<String>,
    period: Option<String>,
    inspect: bool,
}

impl Sent {
    /// How to read the files: the year and unit the analyst gave, as `--year` and `--unit`.
    fn options(&self) -> Result<ImportOptions> {
        let year = match self.year.as_deref() {
            Some(y) => Some(
                y.parse::<i32>()
                    .map_err(|_| anyhow::anyhow!("--year \"{y}\""))?,
            ),
            None => None,
        };
        Ok(ImportOptions {
            year,
            unit: self.unit.clone(),
            ..ImportOptions::default()
        })
    }
}

impl Drop for Sent {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// The name the browser gave, as shown: its last component, without control characters.
fn shown_name(given: &str) -> String {
    let last = given.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).collect();
    if clean.trim().is_empty() {
        "upload".to_owned()
    } else {
        clean
    }
}

/// The extension cchc writes an upload under.
fn extension(given: &str) -> &'static str {
    let ext = given
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    EXTENSIONS
        .iter()
        .find(|e| **e == ext)
        .copied()
        .unwrap_or("bin")
}

fn too_large(err: &MultipartError, lang: Lang) -> Failure {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            lang.say(w::TOO_LARGE).to_owned(),
            lang,
        )
    } else {
        Failure::new(StatusCode::BAD_REQUEST, err.body_text(), lang)
    }
}

/// Reads the form, writing each file under cchc's own name as it arrives.
async fn receive_form(
    app: &super::App,
    mut multipart: Multipart,
    lang: Lang,
) -> Result<Sent, Failure> {
    use tokio::io::AsyncWriteExt;
    let folder = app.store.join(".uploads").join(super::random_token());
    let io =
        |e: std::io::Error| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string(), lang);
    tokio::fs::create_dir_all(&folder).await.map_err(io)?;
    let mut sent = Sent {
        folder,
        files: Vec::new(),
        kind: None,
        province: None,
        year: None,
        unit: None,
        period: None,
        inspect: false,
    };
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| too_large(&e, lang))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        let given = field.file_name().map(str::to_owned);
        match name.as_str() {
            p::FILES if given.as_deref().is_some_and(|g| !g.is_empty()) => {
                let given = given.unwrap_or_default();
                let n = sent.files.len() + 1;
                let path = sent
                    .folder
                    .join(format!("upload-{n}.{}", extension(&given)));
                let mut file = tokio::fs::File::create(&path).await.map_err(io)?;
                while let Some(chunk) = field.chunk().await.map_err(|e| too_large(&e, lang))? {
                    file.write_all(&chunk).await.map_err(io)?;
                }
                file.flush().await.map_err(io)?;
                sent.files.push((path, shown_name(&given)));
            }
            p::KIND | p::PROVINCE | p::YEAR | p::UNIT | p::PERIOD | p::ACTION => {
                let text = field.text().await.map_err(|e| too_large(&e, lang))?;
                let text = text.trim().to_owned();
                match name.as_str() {
                    p::KIND if !text.is_empty() => sent.kind = Some(text),
                    p::PROVINCE if !text.is_empty() => sent.province = Some(text),
                    p::YEAR if !text.is_empty() => sent.year = Some(text),
                    p::UNIT if !text.is_empty() => sent.unit = Some(text),
                    p::PERIOD if !text.is_empty() => sent.period = Some(text),
                    p::ACTION => sent.inspect = text == p::INSPECT,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Ok(sent)
}

/// `POST /import?csrf=…`: imports (or inspects) what the form sent.
pub async fn receive(
    State(app): State<Shared>,
    RawQuery(q): RawQuery,
    multipart: Multipart,
) -> Page {
    let view = View::of(q.as_deref(), &app)?;
    let lang = view.lang;
    let again = |f: Failure| f.back_to("/import", w::TRY_AGAIN);
    let sent = receive_form(&app, multipart, lang).await.map_err(again)?;
    if sent.files.is_empty() {
        return Err(again(Failure::new(
            StatusCode::BAD_REQUEST,
            lang.say(w::NO_FILE_CHOSEN).to_owned(),
            lang,
        )));
    }
    // One import at a time: a second upload waits here for the first to be stored.
    let _writer = if sent.inspect {
        None
    } else {
        Some(app.writer.lock().await)
    };
    let global = view.global(&app);
    let store = app.store.clone();
    let done = tokio::task::spawn_blocking(move || -> Result<String, String> {
        let shown = |text: String| {
            sent.files.iter().fold(text, |t, (path, name)| {
                t.replace(&path.display().to_string(), name)
                    .replace(&file_name(path), name)
            })
        };
        let body = if sent.inspect {
            inspect(&sent, lang)
        } else {
            import(&sent, &store, &global)
        };
        body.map_err(|e| shown(crate::words::error(&e, lang)))
            .map(shown)
    })
    .await
    .map_err(|e| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string(), lang))?;
    let body = match done {
        Ok(body) => body,
        Err(message) => {
            return Err(again(Failure::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("{message} {}", lang.say(w::NOTHING_STORED)),
                lang,
            )));
        }
    };
    let title = if body.contains("data-inspect") {
        lang.say(w::INSPECT_RESULT)
    } else {
        lang.say(w::IMPORT_RESULT)
    };
    Ok(page(
        &view,
        "/import",
        title,
        &(body + &form_html(&view, &app)),
    ))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The import: every file read first, then stored; what was read and stored, as HTML.
fn import(sent: &Sent, store: &Path, global: &crate::Global) -> Result<String> {
    let lang = global.lang();
    let kind = sent.kind.as_deref().and_then(cchc_import::parse_kind);
    let paths: Vec<PathBuf> = sent.files.iter().map(|(p, _)| p.clone()).collect();
    let opts = sent.options()?;
    let period = sent
        .period
        .as_deref()
        .map(cchc_query::units::parse_period)
        .transpose()?;
    let mut store = Store::open_for_write(store)?;
    let mut read = ingest::read_all(&paths, kind, &opts, global, &store)?;
    // The store keeps the name the analyst knows the file by, not cchc's own.
    for ((file, _, _), (_, name)) in read.iter_mut().zip(&sent.files) {
        file.source.path = PathBuf::from(name);
        file.source.file_name.clone_from(name);
    }
    let stored = ingest::store_all(&mut store, read, sent.province.as_deref(), period, lang)?;
    Ok(stored.iter().map(|s| stored_html(s, lang)).collect())
}

/// One file stored: its counts per sheet with year, unit, province and period, what the store
/// did, the register's notes, warnings, and the rejected rows with their cells.
fn stored_html(s: &StoredFile, lang: Lang) -> String {
    let file = &s.file;
    let status = match &s.added {
        Added::AlreadyImported { imported_at } => {
            format!("{} ({imported_at})", lang.say(w::ALREADY))
        }
        Added::Stored { parts, replaced } => {
            let rows: u64 = parts.iter().map(|p| p.rows).sum();
            let mut text = format!("{} {rows}", lang.say(w::STORED));
            for (file_name, year, unit) in replaced {
                text.push_str(&format!(
                    "; {} \"{unit}\" {year} ({file_name})",
                    lang.say(crate::words::phrases::REPLACED_THE_ROWS_OF)
                ));
            }
            text
        }
    };
    let counts = file.counts();
    let mut out = format!(
        "<section class=\"{}\"><h2>{}</h2><p>{} · {}</p>",
        if s.has_problems() { "error" } else { "ok" },
        esc(&file.source.file_name),
        esc(&w::file_counts(
            counts.read,
            counts.imported,
            counts.structure,
            counts.rejected,
            lang
        )),
        esc(&status),
    );
    let rows: Vec<Vec<String>> = file
        .sheets
        .iter()
        .map(|sheet| {
            let c = &sheet.counts;
            vec![
                sheet.sheet.clone(),
                c.read.to_string(),
                c.imported.to_string(),
                c.structure.to_string(),
                c.rejected.to_string(),
                sheet
                    .years
                    .iter()
                    .map(|y| y.value.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                sheet
                    .unit
                    .as_ref()
                    .map(|u| u.value.clone())
                    .unwrap_or_default(),
                s.province.clone().unwrap_or_default(),
                sheet
                    .period
                    .map(|(a, b)| format!("{a}–{b}"))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    out.push_str(&text_table(
        &[
            lang.say(w::COL_SHEET),
            lang.say(w::COL_READ),
            lang.say(w::COL_IMPORTED),
            lang.say(w::COL_STRUCTURE),
            lang.say(w::COL_REJECTED),
            lang.say(w::COL_YEARS),
            lang.say(w::UNIT),
            lang.say(w::COL_PROVINCE),
            lang.say(w::COL_PERIOD),
        ],
        &rows,
    ));
    let warnings: Vec<String> = file
        .repairs
        .iter()
        .map(|r| r.words(lang))
        .chain(s.notes.iter().cloned())
        .chain(file.warnings().map(|w| w.words(lang)))
        .collect();
    if !warnings.is_empty() {
        out.push_str(&format!("<h3>{}</h3><ul>", esc(lang.say(w::WARNINGS))));
        for line in &warnings {
            out.push_str(&format!("<li class=\"warn\">{}</li>", esc(line)));
        }
        out.push_str("</ul>");
    }
    let rejected: Vec<Vec<String>> = file
        .rejections()
        .map(|r| {
            vec![
                r.cell.sheet.clone(),
                format!(
                    "{}{}",
                    cchc_model::column_letters(r.cell.col),
                    u64::from(r.cell.row) + 1
                ),
                r.reason.words(lang),
                r.row_text.clone(),
            ]
        })
        .collect();
    if !rejected.is_empty() {
        out.push_str(&format!("<h3>{}</h3>", esc(lang.say(w::REJECTED_ROWS))));
        out.push_str(&text_table(
            &[
                lang.say(w::COL_SHEET),
                lang.say(w::COL_CELL),
                lang.say(w::COL_REASON),
                lang.say(w::COL_ROW),
            ],
            &rejected,
        ));
    }
    out.push_str("</section>");
    out
}

/// What `cchc inspect` shows of each file, stored nowhere: the kind, each sheet's columns and the
/// field each maps to, year, unit and how every row would be counted.
fn inspect(sent: &Sent, lang: Lang) -> Result<String> {
    let mut out = String::from("<div data-inspect>");
    for (path, name) in &sent.files {
        let inspection = cchc_import::inspect(path, &sent.options()?)?;
        let kind = inspection
            .kind
            .map(|k| k.words(lang))
            .unwrap_or_else(|| lang.say(crate::words::phrases::NOT_RECOGNISED).to_owned());
        out.push_str(&format!(
            "<section><h2>{}</h2><p>{}: {}</p>",
            esc(name),
            esc(lang.say(w::COL_KIND)),
            esc(&kind)
        ));
        match &inspection.result {
            Ok(imported) => {
                for sheet in &imported.sheets {
                    let columns: Vec<Vec<String>> = sheet
                        .columns
                        .iter()
                        .map(|m| {
                            vec![
                                cchc_model::column_letters(m.col),
                                m.header.clone(),
                                m.field.as_ref().map(|f| f.words(lang)).unwrap_or_default(),
                            ]
                        })
                        .collect();
                    let c = &sheet.counts;
                    out.push_str(&format!(
                        "<h3>{}</h3><p>{}</p>",
                        esc(&sheet.sheet),
                        esc(&w::file_counts(
                            c.read,
                            c.imported,
                            c.structure,
                            c.rejected,
                            lang
                        ))
                    ));
                    out.push_str(&text_table(
                        &[
                            lang.say(w::COL_COLUMN),
                            lang.say(w::COL_HEADER),
                            lang.say(w::COL_FIELD),
                        ],
                        &columns,
                    ));
                }
            }
            Err(e) => out.push_str(&format!("<p class=\"warn\">{}</p>", esc(&e.words(lang)))),
        }
        out.push_str("</section>");
    }
    out.push_str("</div>");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_s_file_name_is_shown_never_a_path() {
        assert_eq!(shown_name("../../x.xlsx"), "x.xlsx");
        assert_eq!(shown_name("C:\\Users\\a\\bao cao.xlsx"), "bao cao.xlsx");
        assert_eq!(shown_name(""), "upload");
        assert_eq!(extension("../../x.XLSX"), "xlsx");
        assert_eq!(extension("evil.sh"), "bin");
        assert_eq!(extension("noext"), "bin");
    }
}
