//! What keeps the page to its owner on a shared machine: a per-run token exchanged for
//! a cookie, the `Host` and `Origin` it serves checked on every request, and headers
//! that keep object bodies and other sites out of the page's origin.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// What the guard checks requests against.
#[derive(Debug, Clone)]
pub struct Guard {
    pub token: String,
    pub port: u16,
}

/// The page's own scripts, styles and API only; images from the API (thumbnails) and
/// `blob:` (previews); no frames, no plugins, no inline code.
pub const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
     frame-ancestors 'none'";

/// For object bodies: whatever they hold runs nothing, even opened on their own.
pub const OBJECT_POLICY: &str = "sandbox; default-src 'none'; img-src 'self'";

/// Why a request is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// `Host` is not the loopback address and port served (DNS rebinding).
    ForeignHost,
    /// No valid session cookie (and no valid token to exchange for one).
    NoToken,
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
            Refusal::NoToken => (
                StatusCode::UNAUTHORIZED,
                "refused: open the URL that `ampx-rs browse` printed (it holds this run's token)",
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
pub enum Verdict {
    Pass,
    /// The URL's token was right: set the cookie and send the browser to `/`.
    SetCookie,
    Refuse(Refusal),
}

impl Guard {
    /// The session cookie's name: per port, as cookies do not tell ports apart.
    fn cookie_name(&self) -> String {
        format!("ampx_browse_{}", self.port)
    }

    fn own_host(&self, host: &str) -> bool {
        host == format!("127.0.0.1:{}", self.port) || host == format!("localhost:{}", self.port)
    }

    /// Decides on a request from its method, path, query and headers alone.
    pub fn check(&self, method: &Method, query: Option<&str>, headers: &HeaderMap) -> Verdict {
        let text = |name| {
            headers
                .get(name)
                .and_then(|v: &HeaderValue| v.to_str().ok())
        };
        if !text(header::HOST).is_some_and(|h| self.own_host(h)) {
            return Verdict::Refuse(Refusal::ForeignHost);
        }
        let cookie_ok = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .any(|(name, value)| name == self.cookie_name() && same(value, &self.token));
        let safe = matches!(*method, Method::GET | Method::HEAD);
        if !cookie_ok {
            let token_ok = query
                .into_iter()
                .flat_map(|q| q.split('&'))
                .filter_map(|pair| pair.split_once('='))
                .any(|(name, value)| name == "token" && same(value, &self.token));
            return if safe && token_ok {
                Verdict::SetCookie
            } else {
                Verdict::Refuse(Refusal::NoToken)
            };
        }
        let origin_ok = text(header::ORIGIN).is_some_and(|o| {
            o.strip_prefix("http://")
                .is_some_and(|host| self.own_host(host))
        });
        if !safe && !origin_ok {
            return Verdict::Refuse(Refusal::ForeignOrigin);
        }
        Verdict::Pass
    }
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

/// The middleware: refuses, exchanges the token, or passes on and adds the page's
/// security headers to the answer.
pub async fn guard(State(guard): State<Guard>, request: Request, next: Next) -> Response {
    let verdict = guard.check(request.method(), request.uri().query(), request.headers());
    let mut response = match verdict {
        Verdict::Refuse(refusal) => refusal.response(),
        Verdict::SetCookie => {
            let cookie = format!(
                "{}={}; HttpOnly; SameSite=Strict; Path=/",
                guard.cookie_name(),
                guard.token
            );
            // The token leaves the address bar (and the history) at once.
            let mut r = (StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response();
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                r.headers_mut().insert(header::SET_COOKIE, value);
            }
            r
        }
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

    fn guard() -> Guard {
        Guard {
            token: "t0k3n".into(),
            port: 4000,
        }
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).expect("header"));
        }
        map
    }

    const COOKIE: (&str, &str) = ("cookie", "other=1; ampx_browse_4000=t0k3n");

    #[test]
    fn only_its_own_host_is_served() {
        let g = guard();
        for host in ["127.0.0.1:4000", "localhost:4000"] {
            let h = headers(&[("host", host), COOKIE]);
            assert_eq!(g.check(&Method::GET, None, &h), Verdict::Pass, "{host}");
        }
        for host in [
            "evil.example:4000",
            "127.0.0.1:4001",
            "127.0.0.1",
            "0.0.0.0:4000",
        ] {
            let h = headers(&[("host", host), COOKIE]);
            assert_eq!(
                g.check(&Method::GET, None, &h),
                Verdict::Refuse(Refusal::ForeignHost),
                "{host}"
            );
        }
        let no_host = headers(&[COOKIE]);
        assert_eq!(
            g.check(&Method::GET, None, &no_host),
            Verdict::Refuse(Refusal::ForeignHost)
        );
    }

    #[test]
    fn the_token_is_exchanged_once_for_a_cookie() {
        let g = guard();
        let h = headers(&[("host", "127.0.0.1:4000")]);
        assert_eq!(
            g.check(&Method::GET, Some("token=t0k3n"), &h),
            Verdict::SetCookie
        );
        for query in [
            None,
            Some("token=t0k3"),
            Some("token=t0k3n2"),
            Some("x=t0k3n"),
        ] {
            assert_eq!(
                g.check(&Method::GET, query, &h),
                Verdict::Refuse(Refusal::NoToken),
                "{query:?}"
            );
        }
        // A token in the URL never stands in for the cookie on a change.
        let origin = headers(&[
            ("host", "127.0.0.1:4000"),
            ("origin", "http://127.0.0.1:4000"),
        ]);
        assert_eq!(
            g.check(&Method::POST, Some("token=t0k3n"), &origin),
            Verdict::Refuse(Refusal::NoToken)
        );
        // Another port's cookie is another session.
        let other = headers(&[
            ("host", "127.0.0.1:4000"),
            ("cookie", "ampx_browse_4001=t0k3n"),
        ]);
        assert_eq!(
            g.check(&Method::GET, None, &other),
            Verdict::Refuse(Refusal::NoToken)
        );
    }

    #[test]
    fn changes_need_the_pages_own_origin() {
        let g = guard();
        for method in [Method::POST, Method::PUT, Method::DELETE] {
            let good = headers(&[
                ("host", "127.0.0.1:4000"),
                COOKIE,
                ("origin", "http://127.0.0.1:4000"),
            ]);
            assert_eq!(g.check(&method, None, &good), Verdict::Pass);
            for origin in [
                "http://evil.example",
                "http://127.0.0.1:4001",
                "https://127.0.0.1:4000",
                "null",
            ] {
                let h = headers(&[("host", "127.0.0.1:4000"), COOKIE, ("origin", origin)]);
                assert_eq!(
                    g.check(&method, None, &h),
                    Verdict::Refuse(Refusal::ForeignOrigin),
                    "{method} {origin}"
                );
            }
            let none = headers(&[("host", "127.0.0.1:4000"), COOKIE]);
            assert_eq!(
                g.check(&method, None, &none),
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
