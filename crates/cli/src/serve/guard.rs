//! The guards every request passes, in order: the `Host` it names (DNS rebinding), the access
//! token when one is required, the page's token on every request that changes something (CSRF);
//! and the headers every response carries (a Content-Security-Policy that allows nothing from
//! elsewhere and no script but the pages' own, no framing, no referrer beyond this server (`same-origin`: with
//! `no-referrer` a browser sends `Origin: null` on its own form posts), no caching).

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::Shared;
use super::html::{Failure, lang_of};
use crate::words::web as w;

/// The cookie that carries the access token after the first visit with `?token=`.
const TOKEN_COOKIE: &str = "cchc_token";

/// The header a program sends the page's token in (forms send it as `csrf` in the query).
pub const CSRF_HEADER: &str = "x-cchc-csrf";

/// The policy of every response: styles inline in the page, images inline, forms and the upload
/// to this server, the pages' one script by its hash; nothing else.
fn policy() -> &'static str {
    static POLICY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    POLICY.get_or_init(|| {
        format!(
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {}; \
             connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
            super::html::script_hash()
        )
    })
}

/// The middleware.
pub async fn guard(State(app): State<Shared>, request: Request, next: Next) -> Response {
    let lang = lang_of(request.uri().query(), app.lang);
    let mut response = match check(&app, &request) {
        Ok(None) => next.run(request).await,
        Ok(Some(early)) => early,
        Err((status, message)) => {
            Failure::new(status, lang.say(message).to_owned(), lang).into_response()
        }
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, policy()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    }
    response
}

/// `Ok(None)`: pass; `Ok(Some(r))`: answer with `r` (the redirect that sets the token's cookie);
/// `Err`: refuse with this status and words.
fn check(
    app: &super::App,
    request: &Request,
) -> Result<Option<Response>, (StatusCode, cchc_model::Phrase)> {
    let headers = request.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(host_name)
        .unwrap_or_default();
    if !app.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return Err((StatusCode::MISDIRECTED_REQUEST, w::WRONG_HOST));
    }
    let query = request.uri().query();
    if let Some(token) = &app.token {
        if param(query, "token").is_some_and(|t| same(&t, token)) {
            // The token goes into a cookie and out of the address bar.
            let mut to = request.uri().path().to_owned();
            let rest = without(query, "token");
            if !rest.is_empty() {
                to.push('?');
                to.push_str(&rest);
            }
            let mut response = Redirect::to(&to).into_response();
            let cookie = format!("{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(header::SET_COOKIE, value);
            }
            return Ok(Some(response));
        }
        let carried = cookie(headers, TOKEN_COOKIE).or_else(|| bearer(headers));
        if !carried.is_some_and(|t| same(&t, token)) {
            return Err((StatusCode::UNAUTHORIZED, w::NEED_TOKEN));
        }
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let carried = param(query, "csrf").or_else(|| {
            headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        });
        let origin_ok = headers
            .get(header::ORIGIN)
            .and_then(|o| o.to_str().ok())
            .is_none_or(|origin| {
                origin
                    .strip_prefix("http://")
                    .is_some_and(|rest| app.hosts.iter().any(|h| host_name(rest) == h))
            });
        if !origin_ok || !carried.is_some_and(|t| same(&t, &app.csrf)) {
            return Err((StatusCode::FORBIDDEN, w::BAD_CSRF));
        }
    }
    Ok(None)
}

/// The host of a `Host` header, without its port (`[::1]:8080` → `[::1]`).
fn host_name(value: &str) -> &str {
    if value.starts_with('[') {
        value.find(']').map_or(value, |end| &value[..=end])
    } else {
        value.split(':').next().unwrap_or(value)
    }
}

/// A query parameter's value.
pub fn param(query: Option<&str>, name: &str) -> Option<String> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// The query without one parameter.
fn without(query: Option<&str>, name: &str) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        if k != name {
            out.append_pair(&k, &v);
        }
    }
    out.finish()
}

/// A cookie's value.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// An `Authorization: Bearer` token.
fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned)
}

/// Compares two tokens in a time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_lose_their_port() {
        assert_eq!(host_name("127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(host_name("localhost"), "localhost");
        assert_eq!(host_name("[::1]:8080"), "[::1]");
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }

    #[test]
    fn a_parameter_is_taken_out_of_a_query() {
        assert_eq!(without(Some("token=x&year=2024"), "token"), "year=2024");
        assert_eq!(
            param(Some("unit=S%E1%BB%9F+Y+t%E1%BA%BF"), "unit").as_deref(),
            Some("Sở Y tế")
        );
    }
}
