//! `cchc serve` over HTTP: the real binary listening on a free loopback port, every route, every
//! guard and every error page, the API against the commands' own JSON, uploads and downloads.
//! The client is a plain HTTP/1.1 exchange over a socket: what a browser sends, nothing hidden.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use super::{cchc_bin, root};

/// A server run for one test, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    /// The address it printed (with `?token=` when it has one).
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `cchc --store STORE serve --port 0 EXTRA…` and reads the address it prints.
fn serve(store: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(cchc_bin())
        .arg("--store")
        .arg(store)
        .args(["serve", "--port", "0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cchc serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the address line");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_owned();
    let port = url
        .trim_start_matches("http://127.0.0.1:")
        .split(['/', '?'])
        .next()
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {url}"));
    Server { child, port, url }
}

/// An HTTP response: status, headers (lower-case names) and body.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.text()))
    }
}

/// Sends one request; `headers` are added to `Host` (the loopback address unless given).
fn request(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
    let mut head = format!("{method} {path} HTTP/1.1\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        head.push_str(&format!("Host: 127.0.0.1:{}\r\n", server.port));
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    stream.write_all(head.as_bytes()).expect("send");
    // A server may answer (413) before reading a large body: a refused write is not a failure.
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    parse(&raw)
}

fn parse(raw: &[u8]) -> Response {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let mut body = raw[end + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
    {
        body = unchunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn unchunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = data.windows(2).position(|w| w == b"\r\n") else {
            return out;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&data[eol + 2..eol + 2 + size]);
        data = &data[eol + 2 + size + 2..];
    }
}

fn get(server: &Server, path: &str) -> Response {
    request(server, "GET", path, &[], &[])
}

/// The page's token (CSRF), read from the import form as a browser would.
fn csrf(server: &Server) -> String {
    let form = get(server, "/import").text();
    let at = form.find("csrf=").expect("the form carries the token") + 5;
    form[at..at + 32].to_owned()
}

/// A multipart body with files (field `files`, the name the browser gives) and text fields.
fn multipart(files: &[(&str, Vec<u8>)], fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "----cchc-test-boundary-7f3a";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (file_name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn upload(server: &Server, token: &str, files: &[(&str, Vec<u8>)], action: &str) -> Response {
    let (kind, body) = multipart(files, &[("action", action)]);
    request(
        server,
        "POST",
        &format!("/import?csrf={token}"),
        &[("Content-Type", &kind)],
        &body,
    )
}

/// Text as an HTML page writes it.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn dataset(name: &str) -> Vec<u8> {
    std::fs::read(root().join("datasets").join(name)).expect("dataset")
}

fn manifest(store: &Path) -> String {
    std::fs::read_to_string(store.join("manifest.json")).unwrap_or_default()
}

#[test]
fn the_seed_appendix_uploaded_through_the_page_shows_its_points_on_scorecards() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let server = serve(&store, &[]);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
    // An empty store says so and points to the import page.
    let home = get(&server, "/");
    assert_eq!(home.status, 200);
    assert!(
        home.text().contains("Kho chưa có dữ liệu"),
        "{}",
        home.text()
    );
    let token = csrf(&server);
    let done = upload(
        &server,
        &token,
        &[(
            "seed_appendix_2021.xlsx",
            dataset("seed_appendix_2021.xlsx"),
        )],
        "import",
    );
    assert_eq!(done.status, 200, "{}", done.text());
    let said = done.text();
    // What was read, as the command line counts it: every row imported, structure or rejected.
    assert!(said.contains("seed_appendix_2021.xlsx"), "{said}");
    assert!(said.contains("đã lưu 7"), "{said}");
    let scorecards = get(&server, "/scorecards").text();
    assert!(
        scorecards.contains("30,44 điểm đạt trên tối đa 39,5; 9,06 điểm bị mất"),
        "{scorecards}"
    );
    assert!(scorecards.contains("<svg"), "the Pareto chart inline");
    // English on request.
    let english = get(&server, "/scorecards?lang=en").text();
    assert!(
        english.contains("30.44 points achieved of a maximum of 39.5; 9.06 points lost"),
        "{english}"
    );
    // The overview now lists the file with its counts.
    let home = get(&server, "/").text();
    assert!(home.contains("seed_appendix_2021.xlsx"), "{home}");
    // The store is the one the command line reads.
    let stored = super::json(&store, &["scorecard", "trend"]);
    assert_eq!(stored[0]["score_total"], serde_json::json!(30.44));
}

#[test]
fn every_page_and_the_api_give_the_commands_figures() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    super::import_datasets(&store);
    let server = serve(&store, &[]);
    for path in [
        "/",
        "/import",
        "/scorecards",
        "/scorecards?unit=S%E1%BB%9F+Y+t%E1%BA%BF&year=2023",
        "/surveys",
        "/surveys?unit=S%E1%BB%9F+T%C6%B0+ph%C3%A1p",
        "/procedures",
        "/dossiers",
        "/units",
        "/units?name=S%E1%BB%9F+T%C3%A0i+ch%C3%ADnh&province=%C4%90%E1%BB%93ng+Nai",
        "/report",
        "/?lang=en",
        "/procedures?map=reported&lang=en",
    ] {
        let page = get(&server, path);
        assert_eq!(page.status, 200, "{path}: {}", page.text());
        let text = page.text();
        assert!(text.starts_with("<!doctype html>"), "{path}");
        // Nothing from elsewhere, and no script but the pages' own, allowed by its hash.
        assert_eq!(text.matches("<script").count(), 1, "{path}");
        assert!(!text.contains("<script src"), "{path}");
        assert!(!text.contains("src=\"http"), "{path}");
        assert!(!text.contains("href=\"http"), "{path}");
        let policy = page.header("content-security-policy").unwrap_or_default();
        assert!(policy.contains("default-src 'none'"), "{path}: {policy}");
        assert!(policy.contains("script-src 'sha256-"), "{path}: {policy}");
        assert!(
            !policy.contains("unsafe-inline'; script") && !policy.contains("script-src 'unsafe"),
            "{policy}"
        );
        assert_eq!(page.header("x-frame-options"), Some("DENY"), "{path}");
    }
    // The units page names the four predecessors of the new Sở Tài chính.
    let units = get(
        &server,
        "/units?name=S%E1%BB%9F+T%C3%A0i+ch%C3%ADnh&province=%C4%90%E1%BB%93ng+Nai",
    )
    .text();
    assert_eq!(units.matches("01/03/2025").count(), 4, "{units}");
    // The API equals the command's JSON for the same request, on either map.
    for (api, command) in [
        ("/api/scorecard/trend", vec!["scorecard", "trend"]),
        (
            "/api/scorecard/gaps?year=2024&unit=S%E1%BB%9F+Y+t%E1%BA%BF",
            vec!["scorecard", "gaps", "--year", "2024", "--unit", "Sở Y tế"],
        ),
        (
            "/api/survey/index?by=element",
            vec!["survey", "index", "--by", "element"],
        ),
        (
            "/api/procedures/stats?by=unit",
            vec!["procedures", "stats", "--by", "unit"],
        ),
        (
            "/api/survey/distribution?by=element&year=2024",
            vec![
                "survey",
                "distribution",
                "--by",
                "element",
                "--year",
                "2024",
            ],
        ),
        (
            "/api/procedures/simplify?unit=S%E1%BB%9F+T%C6%B0+ph%C3%A1p",
            vec!["procedures", "simplify", "--unit", "Sở Tư pháp"],
        ),
        (
            "/api/procedures/stats?by=unit&map=reported",
            vec!["--map", "reported", "procedures", "stats", "--by", "unit"],
        ),
    ] {
        let served = get(&server, api);
        assert_eq!(served.status, 200, "{api}: {}", served.text());
        let from_command = Value::Array(super::json(&store, &command));
        assert_eq!(served.json(), from_command, "{api}");
        assert!(
            from_command.as_array().is_some_and(|a| !a.is_empty()),
            "{api}"
        );
    }
    let unit = get(
        &server,
        "/api/units/show?name=S%E1%BB%9F+T%C3%A0i+ch%C3%ADnh&province=%C4%90%E1%BB%93ng+Nai",
    )
    .json();
    assert_eq!(unit["predecessors"].as_array().map(Vec::len), Some(6));
    // The sources as the manifest lists them.
    let sources = get(&server, "/api/sources").json();
    assert_eq!(sources.as_array().map(Vec::len), Some(16));
}

#[test]
fn the_guards_refuse_other_hosts_missing_tokens_and_forged_posts() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let server = serve(&store, &[]);
    // DNS rebinding: a page of another name that resolves here is refused.
    let rebound = request(&server, "GET", "/", &[("Host", "evil.example:80")], &[]);
    assert_eq!(rebound.status, 421);
    assert!(
        rebound.text().contains("tên máy khác"),
        "{}",
        rebound.text()
    );
    let named = request(&server, "GET", "/", &[("Host", "localhost")], &[]);
    assert_eq!(named.status, 200);
    // A state-changing request without the page's token, or with another page's origin,
    // changes nothing.
    let (kind, body) = multipart(
        &[(
            "seed_appendix_2021.xlsx",
            dataset("seed_appendix_2021.xlsx"),
        )],
        &[("action", "import")],
    );
    let forged = request(
        &server,
        "POST",
        "/import",
        &[("Content-Type", &kind)],
        &body,
    );
    assert_eq!(forged.status, 403);
    assert!(forged.text().contains("không mang mã của trang"));
    let token = csrf(&server);
    let other_origin = request(
        &server,
        "POST",
        &format!("/import?csrf={token}"),
        &[("Content-Type", &kind), ("Origin", "http://evil.example")],
        &body,
    );
    assert_eq!(other_origin.status, 403);
    let wrong = request(
        &server,
        "POST",
        "/import?csrf=00000000000000000000000000000000",
        &[("Content-Type", &kind)],
        &body,
    );
    assert_eq!(wrong.status, 403);
    let report = request(&server, "POST", "/report", &[], b"year=2021");
    assert_eq!(report.status, 403);
    assert!(!store.join("manifest.json").exists(), "nothing stored");
    // The same upload with the token is taken.
    let taken = request(
        &server,
        "POST",
        &format!("/import?csrf={token}"),
        &[("Content-Type", &kind)],
        &body,
    );
    assert_eq!(taken.status, 200, "{}", taken.text());
    assert!(manifest(&store).contains("seed_appendix_2021.xlsx"));
}

#[test]
fn beyond_loopback_a_token_is_required_and_every_request_carries_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    // Any address but loopback without a token: refused before listening.
    let out = Command::new(cchc_bin())
        .arg("--store")
        .arg(&store)
        .args(["serve", "--host", "0.0.0.0", "--port", "0"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("--token"), "{said}");
    // With a token (on loopback here, so the test needs no network), every request carries it.
    let server = serve(&store, &["--token", "s3cret-token-for-the-test"]);
    assert!(
        server.url.ends_with("?token=s3cret-token-for-the-test"),
        "{}",
        server.url
    );
    assert_eq!(get(&server, "/").status, 401);
    assert_eq!(get(&server, "/api/sources").status, 401);
    assert_eq!(get(&server, "/?token=wrong").status, 401);
    let first = get(&server, "/?token=s3cret-token-for-the-test&lang=en");
    assert_eq!(first.status, 303);
    assert_eq!(first.header("location"), Some("/?lang=en"));
    let cookie = first.header("set-cookie").expect("a cookie").to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_owned();
    let with_cookie = request(&server, "GET", "/", &[("Cookie", &pair)], &[]);
    assert_eq!(with_cookie.status, 200);
    let with_bearer = request(
        &server,
        "GET",
        "/api/sources",
        &[("Authorization", "Bearer s3cret-token-for-the-test")],
        &[],
    );
    assert_eq!(with_bearer.status, 200);
    // A port already taken: exit 2, saying how to choose another.
    let taken = Command::new(cchc_bin())
        .arg("--store")
        .arg(&store)
        .args(["serve", "--port", &server.port.to_string()])
        .output()
        .expect("runs");
    assert_eq!(taken.status.code(), Some(2));
    let said = String::from_utf8_lossy(&taken.stderr);
    assert!(
        said.contains(&server.port.to_string()) && said.contains("--port 0"),
        "{said}"
    );
}

#[test]
fn uploads_never_write_where_their_names_say_and_bad_files_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("nested").join("store");
    let server = serve(&store, &["--max-upload-mb", "1"]);
    let token = csrf(&server);
    // A name that climbs out of the store: shown as its last part, written under cchc's own.
    let climbing = upload(
        &server,
        &token,
        &[("../../x.xlsx", dataset("seed_appendix_2021.xlsx"))],
        "import",
    );
    assert_eq!(climbing.status, 200, "{}", climbing.text());
    assert!(climbing.text().contains("x.xlsx"));
    for outside in [dir.path().join("x.xlsx"), dir.path().join("nested/x.xlsx")] {
        assert!(!outside.exists(), "{} written", outside.display());
    }
    let uploads = store.join(".uploads");
    let left: Vec<PathBuf> = std::fs::read_dir(&uploads)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(
        left.is_empty(),
        "uploads removed after the import: {left:?}"
    );
    let before = manifest(&store);
    // A file that is not a workbook, beside a good one: the same error the command gives, naming
    // the file as the analyst knows it, and nothing of either stored.
    let bad = upload(
        &server,
        &token,
        &[
            ("bao_cao_hong.xlsx", b"this is not a spreadsheet".to_vec()),
            ("survey_sipas_2022.xlsx", dataset("survey_sipas_2022.xlsx")),
        ],
        "import",
    );
    assert_eq!(bad.status, 422, "{}", bad.text());
    let said = bad.text();
    assert!(said.contains("bao_cao_hong.xlsx"), "{said}");
    assert!(
        !said.contains("upload-1"),
        "cchc's own name is not shown: {said}"
    );
    assert!(said.contains("kho giữ nguyên"), "{said}");
    assert_eq!(manifest(&store), before, "the store is untouched");
    // Over the limit: refused with the way to raise it, nothing stored.
    let large = upload(
        &server,
        &token,
        &[("lon.xlsx", vec![b'x'; 2 * 1024 * 1024])],
        "import",
    );
    assert_eq!(large.status, 413, "{}", large.text());
    assert!(large.text().contains("--max-upload-mb"), "{}", large.text());
    assert_eq!(manifest(&store), before);
    // Inspect only: what would be read, nothing stored.
    let inspected = upload(
        &server,
        &token,
        &[("survey_sipas_2022.xlsx", dataset("survey_sipas_2022.xlsx"))],
        "inspect",
    );
    assert_eq!(inspected.status, 200, "{}", inspected.text());
    assert!(
        inspected.text().contains("Kết quả xem trước"),
        "{}",
        inspected.text()
    );
    assert_eq!(manifest(&store), before);
    // The server keeps serving after every failure.
    assert_eq!(get(&server, "/").status, 200);
}

#[test]
fn a_file_with_rejected_rows_shows_each_with_its_sheet_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let server = serve(&store, &[]);
    let token = csrf(&server);
    let file = std::fs::read(root().join("tests/data/scorecard_messy_rows.xlsx"))
        .expect("a fixture with rejected rows");
    let done = upload(&server, &token, &[("diem.xlsx", file)], "import");
    assert_eq!(done.status, 200, "{}", done.text());
    let said = done.text();
    assert!(said.contains("Các dòng bị loại"), "{said}");
    let rejects = super::json(&store, &["rejects"]);
    assert!(!rejects.is_empty());
    for r in &rejects {
        let cell = r["cell"].as_str().unwrap_or_default();
        let address = cell.rsplit('!').next().unwrap_or(cell);
        assert!(
            said.contains(&format!("<td>{address}</td>")),
            "{address} not shown: {said}"
        );
    }
}

#[test]
fn two_uploads_at_once_are_both_stored_one_after_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let server = serve(&store, &[]);
    let token = csrf(&server);
    // An answer read before the imports is not served again after them (answers are kept only
    // while the store does not change).
    assert_eq!(get(&server, "/api/sources").json(), serde_json::json!([]));
    assert_eq!(get(&server, "/api/sources").json(), serde_json::json!([]));
    let server = std::sync::Arc::new(server);
    let handles: Vec<_> = ["survey_sipas_2022.xlsx", "survey_sipas_2023.xlsx"]
        .into_iter()
        .map(|name| {
            let (server, token) = (server.clone(), token.clone());
            std::thread::spawn(move || upload(&server, &token, &[(name, dataset(name))], "import"))
        })
        .collect();
    for h in handles {
        let done = h.join().expect("thread");
        assert_eq!(done.status, 200, "{}", done.text());
    }
    let m = manifest(&store);
    assert!(m.contains("survey_sipas_2022.xlsx") && m.contains("survey_sipas_2023.xlsx"));
    assert!(!store.join(".lock").exists(), "the writer lock is released");
    assert_eq!(
        get(&server, "/api/sources").json().as_array().map(Vec::len),
        Some(2)
    );
}

#[test]
fn the_report_is_built_and_downloaded_and_nothing_else_is() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    super::import_datasets(&store);
    let server = serve(&store, &[]);
    let token = csrf(&server);
    let built = request(
        &server,
        "POST",
        &format!("/report?csrf={token}"),
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"year=2024",
    );
    assert_eq!(built.status, 200, "{}", built.text());
    let page = built.text();
    let links: Vec<&str> = page
        .match_indices("/report/download/")
        .map(|(at, _)| page[at..].split('"').next().unwrap())
        .collect();
    assert_eq!(links.len(), 3, "{page}");
    let mut kinds = Vec::new();
    for link in &links {
        let file = get(&server, link);
        assert_eq!(file.status, 200, "{link}");
        let disposition = file
            .header("content-disposition")
            .unwrap_or_default()
            .to_owned();
        assert!(disposition.starts_with("attachment"), "{disposition}");
        kinds.push(file.header("content-type").unwrap_or_default().to_owned());
        if disposition.contains(".html") {
            assert!(file.text().contains("2024"), "the year's page");
        } else {
            assert_eq!(&file.body[..2], b"PK", "{disposition}: a zip container");
        }
    }
    assert!(
        kinds.iter().any(|k| k.contains("spreadsheetml")),
        "{kinds:?}"
    );
    assert!(
        kinds.iter().any(|k| k.contains("wordprocessingml")),
        "{kinds:?}"
    );
    // Only what was built: another identifier, another number, a path — all not found.
    let id = links[0].split('/').nth(3).unwrap();
    for path in [
        format!("/report/download/{id}/9"),
        "/report/download/00000000000000000000000000000000/0".to_owned(),
        "/report/download/..%2F..%2Fmanifest.json/0".to_owned(),
    ] {
        assert_eq!(get(&server, &path).status, 404, "{path}");
    }
    // A failing request gets an error page, and the server keeps serving.
    let bad = get(&server, "/scorecards?year=abc");
    assert_eq!(bad.status, 400);
    assert!(bad.text().contains("Có lỗi"), "{}", bad.text());
    // A grouping the surveys do not have: the command's error, as JSON.
    let unknown = get(&server, "/api/survey/index?by=Kh%C3%B4ng+c%C3%B3");
    assert_eq!(unknown.status, 400, "{}", unknown.text());
    let said = super::run(&store, &["survey", "index", "--by", "Không có"]);
    assert_eq!(said.status.code(), Some(2));
    assert!(
        super::stderr_of(&said).contains(unknown.json()["error"].as_str().unwrap()),
        "{}",
        unknown.text()
    );
    assert_eq!(get(&server, "/nope").status, 404);
    assert_eq!(get(&server, "/").status, 200);
}

#[test]
#[allow(clippy::print_stderr)] // says why the browser test did not run on a machine without Playwright
fn an_analyst_in_chromium_uploads_reads_downloads_and_nothing_leaves_the_machine() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let server = serve(&store, &[]);
    let shots = dir.path().join("shots");
    let run = Command::new("python3")
        .arg(root().join("tests/browser/serve_app.py"))
        .arg(&server.url)
        .arg(root().join("datasets/seed_appendix_2021.xlsx"))
        .arg(root().join("datasets/survey_sipas_2022.xlsx"))
        .arg(&shots)
        .output()
        .expect("python3 runs");
    let err = String::from_utf8_lossy(&run.stderr);
    if err.contains("ModuleNotFoundError") && std::env::var_os("CI").is_none() {
        eprintln!("browser test not run: pip install -r tests/engines/requirements.txt");
        return;
    }
    assert!(run.status.success(), "{err}");
    let said: Value = serde_json::from_slice(&run.stdout).expect("json");
    let problems = said["problems"].as_array().expect("problems");
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(said["requests"].as_u64().unwrap_or(0) >= 10, "{said}");
    // Every page looked at, a screenshot each at 1366×768.
    for shot in said["shots"].as_array().expect("shots") {
        let png = std::fs::read(shot.as_str().unwrap()).expect("screenshot");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((width, height), (1366, 768));
    }
    // The store holds what the browser uploaded.
    let m = manifest(&store);
    assert!(m.contains("seed_appendix_2021.xlsx") && m.contains("survey_sipas_2022.xlsx"));
    assert!(!m.contains("bao_cao_hong"), "the bad file stored nothing");
}

#[test]
fn pages_are_served_while_an_import_runs() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let survey = dir.path().join("survey_100000.xlsx");
    cchc_datagen::bench::survey_variant(100_000, &survey, cchc_datagen::bench::Variant::Shared)
        .expect("a large survey");
    let server = Arc::new(serve(&store, &[]));
    let token = csrf(&server);
    let done = Arc::new(AtomicBool::new(false));
    let uploading = {
        let (server, done) = (server.clone(), done.clone());
        let bytes = std::fs::read(&survey).unwrap();
        std::thread::spawn(move || {
            let answer = upload(&server, &token, &[("khao_sat.xlsx", bytes)], "import");
            done.store(true, Ordering::SeqCst);
            answer
        })
    };
    // The import holds the store's writer lock while it reads and stores; wait for it to start.
    let lock = store.join(".lock");
    while !lock.exists() && !done.load(Ordering::SeqCst) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(lock.exists(), "the import started before it ended");
    // Meanwhile pages answer, from the store as it was before the import.
    let home = get(&server, "/");
    assert_eq!(home.status, 200);
    assert_eq!(get(&server, "/api/sources").json(), serde_json::json!([]));
    assert!(
        !done.load(Ordering::SeqCst),
        "the pages answered while the import was still running"
    );
    let answer = uploading.join().expect("upload thread");
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert!(answer.text().contains("đã lưu"), "{}", answer.text());
    assert_eq!(
        get(&server, "/api/sources").json().as_array().map(Vec::len),
        Some(1)
    );
}

#[test]
fn a_dossier_log_s_page_and_api_give_the_command_s_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let store = super::log_store(dir.path(), 1_000);
    let server = serve(&store, &[]);
    let from_command = Value::Array(super::json(&store, &["dossiers", "stats"]));
    assert!(from_command.as_array().is_some_and(|a| !a.is_empty()));
    assert_eq!(get(&server, "/api/dossiers/stats").json(), from_command);
    let page = get(
        &server,
        "/dossiers?year=2025&unit=S%E1%BB%9F+T%C6%B0+ph%C3%A1p",
    );
    assert_eq!(page.status, 200, "{}", page.text());
    let text = page.text();
    // Every procedure of the log has its row, with the received count the command gives.
    for row in from_command.as_array().unwrap() {
        let code = row["code"].as_str().unwrap();
        assert!(text.contains(&format!("<td>{code}</td>")), "{code} missing");
    }
    let total: i64 = from_command
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["received"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 1_000, "every dossier of the log received in 2025");
}

#[test]
fn hostile_files_through_the_page_get_the_command_line_s_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let server = serve(&store, &[]);
    let token = csrf(&server);
    for name in [
        "zip_bomb.xlsx",
        "password_protected.xlsx",
        "truncated.xlsx",
        "not_a_spreadsheet.xlsx",
    ] {
        let path = root().join("tests/data").join(name);
        let answer = upload(
            &server,
            &token,
            &[(name, std::fs::read(&path).unwrap())],
            "import",
        );
        assert_eq!(answer.status, 422, "{name}: {}", answer.text());
        // The command line's own words for the same file, which the page repeats.
        let cli = super::run(&store, &["import", path.to_str().unwrap()]);
        assert_eq!(cli.status.code(), Some(2), "{name}");
        let said = super::stderr_of(&cli);
        let reason = said
            .split_once(&format!("{name}: "))
            .map(|(_, r)| r.trim().to_owned())
            .unwrap_or_else(|| panic!("{name}: {said}"));
        let page = answer.text();
        assert!(
            page.contains(&escaped(&reason)),
            "{name}: the page does not say {reason:?}: {page}"
        );
        assert!(
            !store.join("manifest.json").exists(),
            "{name}: nothing stored"
        );
    }
    assert_eq!(get(&server, "/").status, 200, "the server keeps serving");
}

#[test]
fn the_import_form_takes_the_unit_year_and_period_a_file_does_not_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let server = serve(&store, &[]);
    let token = csrf(&server);
    let form = root().join("tests/data/survey_form_export.xlsx");
    let bytes = std::fs::read(&form).unwrap();
    // A form tool's export names no unit: the page says so, as the command line does.
    let without = upload(&server, &token, &[("phieu.xlsx", bytes.clone())], "import");
    assert_eq!(without.status, 422, "{}", without.text());
    assert!(without.text().contains("--unit"), "{}", without.text());
    let send = |fields: &[(&str, &str)], name: &str, bytes: Vec<u8>| {
        let mut all = vec![("action", "import")];
        all.extend_from_slice(fields);
        let (kind, body) = multipart(&[(name, bytes)], &all);
        request(
            &server,
            "POST",
            &format!("/import?csrf={token}"),
            &[("Content-Type", &kind)],
            &body,
        )
    };
    let with = send(&[("unit", "Sở Tư pháp")], "phieu.xlsx", bytes);
    assert_eq!(with.status, 200, "{}", with.text());
    let index = get(&server, "/api/survey/index?by=unit").json();
    assert!(
        index
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["unit"] == "Sở Tư pháp"),
        "{index}"
    );
    // A half-year the analyst gives: stored as the period of the file's units.
    let half = send(
        &[("province", "Đồng Nai"), ("period", "1/1/2025..30/6/2025")],
        "tan_hoa.xlsx",
        std::fs::read(root().join("tests/data/commune_stats_tan_hoa_2025_h1.xlsx")).unwrap(),
    );
    assert_eq!(half.status, 200, "{}", half.text());
    assert!(
        manifest(&store).contains("\"2025-01-01\""),
        "{}",
        manifest(&store)
    );
    // A year that is not a number: refused, nothing more stored.
    let before = manifest(&store);
    let bad = send(
        &[("year", "hai nghìn")],
        "phieu2.xlsx",
        std::fs::read(root().join("datasets/survey_sipas_2023.xlsx")).unwrap(),
    );
    assert_eq!(bad.status, 422, "{}", bad.text());
    assert_eq!(manifest(&store), before);
}
