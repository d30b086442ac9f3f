//! Answers to repeated reads, kept while the store does not change: a page or an API answer is
//! computed once per store state (the manifest's size and time of change), and requests for it
//! that arrive while it is computed wait for that one computation instead of starting their own.
//! Only successful `GET`s of the analysis pages and the API are kept; an import, which rewrites
//! the manifest, empties the cache.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::OnceCell;

use super::Shared;

/// A response kept.
#[derive(Clone)]
struct Kept {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
}

/// The store's state a kept answer belongs to.
type Stamp = Option<(u64, SystemTime)>;

/// The answers of one store state, by path and query, each computed once.
type Answers = HashMap<String, Arc<OnceCell<Kept>>>;

/// The kept answers and the store state they belong to.
#[derive(Default)]
pub struct Cache {
    state: Mutex<(Stamp, Answers)>,
}

/// Answers kept at most; beyond, the cache starts again.
const MOST: usize = 512;

/// The paths whose answers are kept.
fn kept_path(path: &str) -> bool {
    matches!(
        path,
        "/scorecards" | "/surveys" | "/procedures" | "/dossiers" | "/units"
    ) || path.starts_with("/api/")
}

fn stamp(store: &Path) -> Stamp {
    let meta = std::fs::metadata(store.join("manifest.json")).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// The middleware.
pub async fn cached(State(app): State<Shared>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET || !kept_path(request.uri().path()) {
        return next.run(request).await;
    }
    let key = request.uri().to_string();
    let now = stamp(&app.store);
    let cell = {
        let mut state = app.cache.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.0 != now || state.1.len() >= MOST {
            *state = (now, HashMap::new());
        }
        state.1.entry(key.clone()).or_default().clone()
    };
    let kept = cell
        .get_or_init(|| async move {
            let response = next.run(request).await;
            let (parts, body) = response.into_parts();
            let body = to_bytes(body, usize::MAX).await.unwrap_or_default();
            Kept {
                status: parts.status,
                headers: parts.headers,
                body,
            }
        })
        .await
        .clone();
    if kept.status != StatusCode::OK {
        // A failure is not kept: the next request tries again.
        let mut state = app.cache.state.lock().unwrap_or_else(|e| e.into_inner());
        state.1.remove(&key);
    }
    let mut response = Response::new(Body::from(kept.body));
    *response.status_mut() = kept.status;
    *response.headers_mut() = kept.headers;
    response
}
