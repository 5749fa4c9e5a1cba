//! What keeps the page to its owner on a shared machine.
//!
//! - The printed address holds a one-time code (in the fragment, which the browser never
//!   sends): the page exchanges it once for the session, so a code read from the
//!   opener's command line is worthless by the time anyone else tries it.
//! - The session is two secrets: an HttpOnly cookie and a header secret that the page
//!   holds (sessionStorage, which only this origin — this port — can read) and sends
//!   with every API request. Cookies ignore ports, so another server on 127.0.0.1 may
//!   receive the cookie; alone it opens nothing.
//! - Object URLs the browser loads itself (images, downloads) cannot carry a header:
//!   the page signs them with the header secret (HMAC-SHA256, valid a few minutes).
//! - The `Host` and `Origin` it serves are checked on every request, and the answers
//!   carry headers that keep object bodies and other sites out of the page's origin.

use std::sync::Mutex;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::{Json, body::Bytes};
use hmac::{Hmac, Mac as _};
use sha2::Sha256;

/// The header the page sends its secret in.
pub(super) const SECRET_HEADER: &str = "x-ampx-secret";

/// What the guard checks requests against.
#[derive(Debug)]
pub(super) struct Guard {
    pub port: u16,
    /// The one-time code of the printed address; `None` once exchanged.
    code: Mutex<Option<String>>,
    /// The session cookie's value.
    session: String,
    /// What the page sends in [`SECRET_HEADER`] and signs object URLs with.
    secret: String,
}

/// The page's own scripts, styles and API only; images from the API (thumbnails) and
/// `blob:` (previews); no frames, no plugins, no inline code.
pub(super) const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// For object bodies: whatever they hold runs nothing, even opened on their own.
pub(super) const OBJECT_POLICY: &str = "sandbox; default-src 'none'; img-src 'self'";

/// The files of the page itself: they hold no secret, so they are served to anyone who
/// reaches this port by its own name (the page then signs in with its code).
const PAGE_FILES: [&str; 3] = ["/", "/app.js", "/style.css"];

/// Why a request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refusal {
    /// `Host` is not the loopback address and port served (DNS rebinding).
    ForeignHost,
    /// Not both the session cookie and the page's secret (or a valid signature).
    NoSession,
    /// A request that changes something without this page's `Origin`.
    ForeignOrigin,
}

impl Refusal {
    fn response(self) -> Response {
        let (status, text) = match self {
            Refusal::ForeignHost => (
                StatusCode::MISDIRECTED_REQUEST,
                "refused: this server answers only to its own loopback address",
            ),
            Refusal::NoSession => (
                StatusCode::UNAUTHORIZED,
                "refused: open the address that `ampx-rs browse` printed (it signs the page in once)",
            ),
            Refusal::ForeignOrigin => (
                StatusCode::FORBIDDEN,
                "refused: changes are accepted only from the page itself",
            ),
        };
        (status, text).into_response()
    }
}

/// What to do with a request before any handler sees it.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Verdict {
    Pass,
    Refuse(Refusal),
}

impl Guard {
    pub(super) fn new(port: u16, code: String, session: String, secret: String) -> Guard {
        Guard {
            port,
            code: Mutex::new(Some(code)),
            session,
            secret,
        }
    }

    /// The session cookie's name: per port, though cookies do not tell ports apart
    /// (which is why the cookie alone opens nothing).
    fn cookie_name(&self) -> String {
        format!("ampx_browse_{}", self.port)
    }

    fn own_host(&self, host: &str) -> bool {
        host == format!("127.0.0.1:{}", self.port) || host == format!("localhost:{}", self.port)
    }

    /// Decides on a request from its method, path, query and headers alone;
    /// `now` is in seconds since the Unix epoch (signed URLs expire).
    pub(super) fn check(
        &self,
        method: &Method,
        path: &str,
        query: Option<&str>,
        headers: &HeaderMap,
        now: u64,
    ) -> Verdict {
        let text = |name| {
            headers
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
        };
        if !text(header::HOST).is_some_and(|h| self.own_host(h)) {
            return Verdict::Refuse(Refusal::ForeignHost);
        }
        let safe = matches!(*method, Method::GET | Method::HEAD);
        let origin_ok = text(header::ORIGIN).is_some_and(|o| {
            o.strip_prefix("http://")
                .is_some_and(|host| self.own_host(host))
        });
        if !safe && !origin_ok {
            return Verdict::Refuse(Refusal::ForeignOrigin);
        }
        if (safe && PAGE_FILES.contains(&path)) || path == EXCHANGE_PATH {
            return Verdict::Pass;
        }
        let cookie_ok = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .any(|(name, value)| name == self.cookie_name() && same(value, &self.session));
        let secret_ok = headers
            .get(SECRET_HEADER)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|s| same(s, &self.secret));
        let signed_ok =
            safe && path == "/api/object" && query.is_some_and(|q| self.signed(path, q, now));
        match cookie_ok && (secret_ok || signed_ok) {
            true => Verdict::Pass,
            false => Verdict::Refuse(Refusal::NoSession),
        }
    }

    /// A URL the page signed: `…&exp=SECONDS&sig=HEX` last, `sig` the HMAC-SHA256 with
    /// the page's secret of `GET PATH?QUERY` up to `&sig=`, and `exp` not past.
    fn signed(&self, path: &str, query: &str, now: u64) -> bool {
        let Some((signed, sig)) = query.rsplit_once("&sig=") else {
            return false;
        };
        let expires = signed
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(name, _)| *name == "exp")
            .and_then(|(_, v)| v.parse::<u64>().ok());
        if !expires.is_some_and(|exp| exp >= now && exp <= now + MAX_SIGNED_SECONDS) {
            return false;
        }
        same(sig, &sign(&self.secret, &format!("GET {path}?{signed}")))
    }

    /// Exchanges the one-time code for the session: once, then never again.
    fn exchange(&self, code: &str) -> bool {
        let mut slot = self.code.lock().unwrap_or_else(|e| e.into_inner());
        match slot.as_deref() {
            Some(expected) if same(code, expected) => {
                *slot = None;
                true
            }
            _ => false,
        }
    }
}

/// Where the page exchanges its code.
pub(super) const EXCHANGE_PATH: &str = "/api/exchange";

/// The longest a signed URL is valid for, whatever the page asks.
const MAX_SIGNED_SECONDS: u64 = 600;

/// HMAC-SHA256 of `message` with `key`, as lowercase hex (what the page's Web Crypto
/// computes).
fn sign(key: &str, message: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("any key length");
    mac.update(message.as_bytes());
    crate::parts::hex(&mac.finalize().into_bytes())
}

/// Compares secrets in time that does not depend on where they differ.
fn same(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// `POST /api/exchange {"code": …}`: the page's one-time code for the session cookie
/// and the header secret (in the body, for the page alone).
pub(super) async fn exchange(State(guard): State<std::sync::Arc<Guard>>, body: Bytes) -> Response {
    let code = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| v["code"].as_str().map(str::to_string))
        .unwrap_or_default();
    if !guard.exchange(&code) {
        let message = "this address was used already (it signs one page in, once): run `ampx-rs browse` again for a new one";
        return (
            StatusCode::UNAUTHORIZED,
            Json(serde_json::json!({ "error": "CodeUsed", "message": message })),
        )
            .into_response();
    }
    let cookie = format!(
        "{}={}; HttpOnly; SameSite=Strict; Path=/",
        guard.cookie_name(),
        guard.session
    );
    let mut response = Json(serde_json::json!({ "secret": guard.secret })).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// The middleware: refuses, or passes on and adds the page's security headers.
pub(super) async fn guard(
    State(guard): State<std::sync::Arc<Guard>>,
    request: Request,
    next: Next,
) -> Response {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let verdict = guard.check(
        request.method(),
        request.uri().path(),
        request.uri().query(),
        request.headers(),
        now,
    );
    let mut response = match verdict {
        Verdict::Refuse(refusal) => refusal.response(),
        Verdict::Pass => next.run(request).await,
    };
    let headers = response.headers_mut();
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(PAGE_POLICY));
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-store"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_800_000_000;

    fn guard() -> Guard {
        Guard::new(4000, "c0d3".into(), "s3ss10n".into(), "s3cr3t".into())
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).expect("header"));
        }
        map
    }

    const HOST: (&str, &str) = ("host", "127.0.0.1:4000");
    const COOKIE: (&str, &str) = ("cookie", "other=1; ampx_browse_4000=s3ss10n");
    const SECRET: (&str, &str) = (SECRET_HEADER, "s3cr3t");
    const ORIGIN: (&str, &str) = ("origin", "http://127.0.0.1:4000");

    fn get(g: &Guard, path: &str, query: Option<&str>, h: &[(&'static str, &str)]) -> Verdict {
        g.check(&Method::GET, path, query, &headers(h), NOW)
    }

    #[test]
    fn only_its_own_host_is_served() {
        let g = guard();
        for host in ["127.0.0.1:4000", "localhost:4000"] {
            let h = [("host", host), COOKIE, SECRET];
            assert_eq!(get(&g, "/api/session", None, &h), Verdict::Pass, "{host}");
        }
        for host in [
            "evil.example:4000",
            "127.0.0.1:4001",
            "127.0.0.1",
            "0.0.0.0:4000",
        ] {
            for path in ["/", "/api/session"] {
                let h = [("host", host), COOKIE, SECRET];
                assert_eq!(
                    get(&g, path, None, &h),
                    Verdict::Refuse(Refusal::ForeignHost),
                    "{host}{path}"
                );
            }
        }
        assert_eq!(
            get(&g, "/", None, &[COOKIE]),
            Verdict::Refuse(Refusal::ForeignHost)
        );
    }

    #[test]
    fn the_api_needs_the_cookie_and_the_pages_secret() {
        let g = guard();
        for page in PAGE_FILES {
            assert_eq!(get(&g, page, None, &[HOST]), Verdict::Pass, "{page}");
        }
        assert_eq!(
            get(&g, "/api/session", None, &[HOST, COOKIE, SECRET]),
            Verdict::Pass
        );
        for h in [
            &[HOST][..],
            &[HOST, COOKIE],
            &[HOST, SECRET],
            &[HOST, COOKIE, (SECRET_HEADER, "s3cr3")],
            &[HOST, ("cookie", "ampx_browse_4001=s3ss10n"), SECRET],
            &[HOST, ("cookie", "ampx_browse_4000=s3cr3t"), SECRET],
        ] {
            assert_eq!(
                get(&g, "/api/session", None, h),
                Verdict::Refuse(Refusal::NoSession),
                "{h:?}"
            );
        }
    }

    #[test]
    fn the_code_is_exchanged_once() {
        let g = guard();
        assert!(!g.exchange("c0d"));
        assert!(!g.exchange(""));
        assert!(g.exchange("c0d3"));
        assert!(!g.exchange("c0d3"), "a used code is worthless");
    }

    #[test]
    fn signed_object_urls_need_the_cookie_and_a_fresh_signature() {
        let g = guard();
        let signed = |query: &str| {
            let sig = sign("s3cr3t", &format!("GET /api/object?{query}"));
            format!("{query}&sig={sig}")
        };
        let fresh = signed(&format!("bucket=b&key=a.jpg&exp={}", NOW + 60));
        assert_eq!(
            get(&g, "/api/object", Some(&fresh), &[HOST, COOKIE]),
            Verdict::Pass
        );
        let refused = [
            (fresh.clone(), vec![HOST]),
            (fresh.replace("a.jpg", "b.jpg"), vec![HOST, COOKIE]),
            (
                signed(&format!("bucket=b&key=a.jpg&exp={}", NOW - 1)),
                vec![HOST, COOKIE],
            ),
            (
                signed(&format!("bucket=b&key=a.jpg&exp={}", NOW + 3600)),
                vec![HOST, COOKIE],
            ),
            (signed("bucket=b&key=a.jpg"), vec![HOST, COOKIE]),
            (
                "bucket=b&key=a.jpg&exp=1&sig=00".to_string(),
                vec![HOST, COOKIE],
            ),
        ];
        for (query, h) in refused {
            assert_eq!(
                get(&g, "/api/object", Some(&query), &h),
                Verdict::Refuse(Refusal::NoSession),
                "{query} {h:?}"
            );
        }
        // A signature is for reading that object only.
        assert_eq!(
            get(&g, "/api/list", Some(&fresh), &[HOST, COOKIE]),
            Verdict::Refuse(Refusal::NoSession)
        );
    }

    #[test]
    fn changes_need_the_pages_own_origin() {
        let g = guard();
        for method in [Method::POST, Method::PUT, Method::DELETE] {
            let good = headers(&[HOST, COOKIE, SECRET, ORIGIN]);
            assert_eq!(
                g.check(&method, "/api/folder", None, &good, NOW),
                Verdict::Pass
            );
            for origin in [
                "http://evil.example",
                "http://127.0.0.1:4001",
                "https://127.0.0.1:4000",
                "null",
            ] {
                let h = headers(&[HOST, COOKIE, SECRET, ("origin", origin)]);
                for path in ["/api/folder", EXCHANGE_PATH] {
                    assert_eq!(
                        g.check(&method, path, None, &h, NOW),
                        Verdict::Refuse(Refusal::ForeignOrigin),
                        "{method} {path} {origin}"
                    );
                }
            }
            let none = headers(&[HOST, COOKIE, SECRET]);
            assert_eq!(
                g.check(&method, "/api/folder", None, &none, NOW),
                Verdict::Refuse(Refusal::ForeignOrigin)
            );
        }
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("ab", "abc"));
        assert!(!same("", "abc"));
    }
}
