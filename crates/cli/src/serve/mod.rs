//! `cchc serve`: the analysts' local web app. An HTTP server (axum on tokio) bound to loopback by
//! default, whose pages and JSON API read the same query layer the commands use; nothing here
//! computes a figure. Pages are rendered on the server with the charts inline (SVG), with no
//! script and no resource from elsewhere.
//!
//! By concern: the guards every request passes (`guard`), the page frame and its pieces (`html`),
//! the pages (`pages`), the upload and import (`upload`), the report's build and downloads
//! (`report`), the JSON API (`api`), answers kept while the store does not change (`cache`).

mod api;
mod cache;
mod figures;
mod guard;
mod html;
mod pages;
mod params;
mod report;
mod upload;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::{Result, bail};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use cchc_model::Lang;

use crate::words::web as w;
use crate::{Global, MapArg, Outcome};

/// Arguments of `cchc serve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Địa chỉ lắng nghe; mặc định chỉ máy này (address to listen on; default: this machine only)
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Cổng; 0 chọn một cổng trống (port; 0 picks a free one)
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Mở trình duyệt (open the default browser)
    #[arg(long)]
    pub open: bool,
    /// Mã truy cập mọi yêu cầu phải mang; bắt buộc khi --host không phải máy này
    /// (the token every request must carry; required when --host is not loopback)
    #[arg(long, env = "CCHC_TOKEN")]
    pub token: Option<String>,
    /// Giới hạn mỗi lần tải lên, MB (upload limit in MB)
    #[arg(long, default_value_t = 200)]
    pub max_upload_mb: u64,
}

/// What every request shares.
pub struct App {
    /// The store's directory.
    pub store: PathBuf,
    /// The language of pages that do not ask for one.
    pub lang: Lang,
    /// The unit map of pages that do not ask for one.
    pub map: MapArg,
    /// The access token, when one is required.
    pub token: Option<String>,
    /// The token state-changing requests carry (CSRF), made when the server starts.
    pub csrf: String,
    /// The host names a request may be addressed to (DNS rebinding).
    pub hosts: Vec<String>,
    /// The upload limit in bytes.
    pub max_upload: usize,
    /// One import at a time: a second upload waits for the first.
    pub writer: tokio::sync::Mutex<()>,
    /// The reports written, by the random identifier of their download links.
    pub reports: Mutex<HashMap<String, Vec<PathBuf>>>,
    /// Answers kept while the store does not change.
    pub cache: cache::Cache,
}

/// The shared state of the handlers.
pub type Shared = Arc<App>;

impl App {
    /// The app over `store`, listening on `host`.
    pub fn new(global: &Global, host: &str, token: Option<String>, max_upload_mb: u64) -> App {
        let mut hosts = vec![
            "127.0.0.1".to_owned(),
            "localhost".to_owned(),
            "[::1]".to_owned(),
        ];
        let host = host.trim_matches(['[', ']']);
        let named = if host.contains(':') {
            format!("[{host}]")
        } else {
            host.to_owned()
        };
        if !hosts.contains(&named) {
            hosts.push(named);
        }
        App {
            store: global.store.clone(),
            lang: global.lang(),
            map: global.map,
            token,
            csrf: random_token(),
            hosts,
            max_upload: usize::try_from(max_upload_mb.saturating_mul(1024 * 1024))
                .unwrap_or(usize::MAX),
            writer: tokio::sync::Mutex::new(()),
            reports: Mutex::new(HashMap::new()),
            cache: cache::Cache::default(),
        }
    }
}

/// 128 random bits as hex, from the operating system.
pub fn random_token() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the operating system gives random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `host` is this machine only.
fn is_loopback(host: &str) -> bool {
    let host = host.trim_matches(['[', ']']);
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Every route, behind the guards.
pub fn router(app: Shared) -> Router {
    let limit = app.max_upload;
    Router::new()
        .route("/", get(pages::overview))
        .route("/import", get(upload::form).post(upload::receive))
        .route("/scorecards", get(pages::scorecards))
        .route("/surveys", get(pages::surveys))
        .route("/procedures", get(pages::procedures))
        .route("/dossiers", get(pages::dossiers))
        .route("/units", get(pages::units))
        .route("/report", get(report::form).post(report::build))
        .route("/report/download/{id}/{index}", get(report::download))
        .route("/api/sources", get(api::sources))
        .route("/api/scorecard/gaps", get(api::gaps))
        .route("/api/scorecard/trend", get(api::trend))
        .route("/api/survey/index", get(api::survey_index))
        .route("/api/survey/distribution", get(api::survey_distribution))
        .route("/api/procedures/stats", get(api::procedure_stats))
        .route("/api/procedures/simplify", get(api::simplify))
        .route("/api/dossiers/stats", get(api::dossier_stats))
        .route("/api/units/show", get(api::unit_show))
        .fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            cache::cached,
        ))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            guard::guard,
        ))
        .with_state(app)
}

/// Runs `cchc serve`.
pub fn run(global: &Global, args: Args) -> Result<Outcome> {
    let lang = global.lang();
    if !is_loopback(&args.host) && args.token.is_none() {
        bail!("{}", w::needs_token(&args.host, lang));
    }
    let app = Arc::new(App::new(
        global,
        &args.host,
        args.token.clone(),
        args.max_upload_mb,
    ));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port))
            .await
            .map_err(|e| {
                anyhow::anyhow!(
                    "{}",
                    w::cannot_listen(&args.host, args.port, &e.to_string(), lang)
                )
            })?;
        let bound: SocketAddr = listener.local_addr()?;
        let shown = match bound.ip() {
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        let mut url = format!("http://{shown}:{}/", bound.port());
        if let Some(token) = &args.token {
            url.push_str(&format!("?token={token}"));
        }
        out!("{}", w::listening(&url, lang));
        if args.open
            && std::process::Command::new("xdg-open")
                .arg(&url)
                .spawn()
                .is_err()
        {
            eprintln!("{}", w::no_browser(&url, lang));
        }
        axum::serve(listener, router(app)).await?;
        anyhow::Ok(())
    })?;
    Ok(Outcome::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_is_this_machine_and_nothing_else() {
        for host in ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in ["0.0.0.0", "192.168.1.10", "::", "example.org"] {
            assert!(!is_loopback(host), "{host}");
        }
    }

    #[test]
    fn tokens_are_random_and_long() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 32);
        assert_ne!(a, b);
    }
}
