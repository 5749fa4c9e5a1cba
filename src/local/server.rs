//! The local endpoint: S3 (s3s over `super::store`) behind local credentials and
//! `crate::access`, and Cognito (`super::cognito`) on the same port.

use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::task::{Context, Poll};

use hyper::body::{Bytes, Frame, Incoming, SizeHint};
use hyper::http::{HeaderValue, Method, Uri};
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use s3s::Body;
use s3s::service::S3ServiceBuilder;

use super::State;
use super::cognito::Cognito;
use super::credentials::Secrets;
use super::policy::{LocalAccess, LocalAuth};
use super::store::Store;

/// Amplify's bucket CORS rule (GET, HEAD, PUT, POST, DELETE; any header; these exposed
/// headers; max age 3000), answered for browsers the way S3 answers it — but only to
/// pages of this machine (see [`Origins`]), not Amplify's any origin: a page on the web
/// that a browser lets reach 127.0.0.1 must not read or change local data.
fn cors_methods() -> HeaderValue {
    header_list(crate::model::AMPLIFY_CORS.methods)
}

fn cors_exposed() -> HeaderValue {
    header_list(crate::model::AMPLIFY_CORS.exposed_headers)
}

/// `a, b, c`, as a header lists values.
fn header_list(values: &[&str]) -> HeaderValue {
    HeaderValue::from_str(&values.join(", ")).expect("header names are visible ASCII")
}

/// The page origins the local sandbox answers: loopback ones (`localhost`, `127.0.0.1`,
/// `[::1]`, any port, http or https) and those given with `--allow-origin`.
#[derive(Debug, Clone, Default)]
pub struct Origins {
    pub extra: Vec<String>,
}

impl Origins {
    pub fn allows(&self, origin: &str) -> bool {
        let origin = origin.trim_end_matches('/');
        if self
            .extra
            .iter()
            .any(|o| o.trim_end_matches('/').eq_ignore_ascii_case(origin))
        {
            return true;
        }
        let Some(rest) = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"))
        else {
            return false;
        };
        let host = match rest.strip_prefix("[::1]") {
            Some(port) => return port.is_empty() || is_port(port),
            None => rest,
        };
        let (name, port) = host.split_once(':').map_or((host, ""), |(n, p)| (n, p));
        let port_ok = port.is_empty() || port.bytes().all(|b| b.is_ascii_digit());
        port_ok && (name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1")
    }
}

fn is_port(text: &str) -> bool {
    text.strip_prefix(':')
        .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn preflight(origin: HeaderValue, request_headers: Option<HeaderValue>) -> s3s::HttpResponse {
    let mut response = hyper::Response::new(Body::empty());
    let headers = response.headers_mut();
    headers.insert("access-control-allow-origin", origin);
    headers.insert("vary", HeaderValue::from_static("Origin"));
    headers.insert("access-control-allow-methods", cors_methods());
    headers.insert(
        "access-control-allow-headers",
        request_headers.unwrap_or_else(|| HeaderValue::from_static("*")),
    );
    headers.insert("access-control-expose-headers", cors_exposed());
    headers.insert(
        "access-control-max-age",
        HeaderValue::from(crate::model::AMPLIFY_CORS.max_age),
    );
    response
}

/// The answer to a request from a page of an origin the sandbox does not serve: S3's
/// 403 for a CORS request it does not allow, with no CORS headers.
/// An S3 error answer made before the request reaches the service.
fn refusal(status: hyper::StatusCode, code: &str, message: &str) -> s3s::HttpResponse {
    let mut response = hyper::Response::new(Body::from(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code>\
         <Message>{message}</Message></Error>"
    )));
    *response.status_mut() = status;
    response
}

fn refused_origin() -> s3s::HttpResponse {
    refusal(
        hyper::StatusCode::FORBIDDEN,
        "AccessForbidden",
        "CORSResponse: This CORS request is not allowed. The local sandbox answers \
         pages of localhost and of --allow-origin only.",
    )
}

/// A `Content-MD5` on a request with a body (PUT, POST) that is not the base64 of 16
/// bytes (empty, short, garbage) is S3's `InvalidDigest`, told apart from a well-formed
/// one that does not match the body (`BadDigest`, which the store checks).
fn refused_digest(request: &hyper::Request<Incoming>) -> Option<s3s::HttpResponse> {
    if !matches!(*request.method(), Method::PUT | Method::POST) {
        return None;
    }
    let md5 = request.headers().get("content-md5")?;
    let decoded = data_encoding::BASE64.decode(md5.as_bytes()).ok();
    if decoded.is_some_and(|d| d.len() == 16) {
        return None;
    }
    Some(refusal(
        hyper::StatusCode::BAD_REQUEST,
        "InvalidDigest",
        "The Content-MD5 you specified was invalid.",
    ))
}

/// The longest a presigned URL may be valid for, in seconds, as in S3: 7 days.
const MAX_PRESIGNED_SECONDS: u64 = 604_800;

/// A presigned URL whose `X-Amz-Expires` S3 would refuse (over 7 days, or not a
/// positive number of seconds) gets S3's refusal here too, so a link that works
/// locally works in the cloud.
fn refused_presign(uri: &Uri) -> Option<s3s::HttpResponse> {
    let expires = uri
        .query()?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| name.eq_ignore_ascii_case("X-Amz-Expires"))?
        .1;
    let valid = expires
        .parse::<u64>()
        .is_ok_and(|secs| (1..=MAX_PRESIGNED_SECONDS).contains(&secs));
    if valid {
        return None;
    }
    Some(refusal(
        hyper::StatusCode::FORBIDDEN,
        "AccessDenied",
        &format!(
            "X-Amz-Expires must be a number of seconds from 1 to {MAX_PRESIGNED_SECONDS} \
             (7 days); this URL says {expires}"
        ),
    ))
}

/// Is this a `GetObjectAttributes` request (`GET /<bucket>/<key>?attributes`)?
fn asks_attributes(request: &hyper::Request<Incoming>) -> bool {
    request.method() == Method::GET
        && request.uri().query().is_some_and(|query| {
            query
                .split('&')
                .any(|pair| pair == "attributes" || pair.starts_with("attributes="))
        })
}

/// `GetObjectAttributes` is the one S3 answer whose XML gives the ETag without its
/// quotes; the S3 library quotes every ETag, so the quotes come off here.
fn unquote_attributes_etag(response: &mut s3s::HttpResponse) {
    let Some(xml) = response
        .body()
        .bytes()
        .filter(|_| response.status().is_success())
    else {
        return;
    };
    let text = String::from_utf8_lossy(&xml);
    let (Some(open), Some(close)) = (text.find("<ETag>"), text.find("</ETag>")) else {
        return;
    };
    let inner = &text[open + "<ETag>".len()..close];
    let bare = ["&quot;", "\""]
        .iter()
        .find_map(|q| inner.strip_prefix(q).and_then(|v| v.strip_suffix(q)))
        .unwrap_or(inner);
    let body = format!("{}<ETag>{bare}{}", &text[..open], &text[close..]);
    response
        .headers_mut()
        .insert("content-length", HeaderValue::from(body.len()));
    *response.body_mut() = Body::from(body);
}

/// Every answer carries a request id, as S3's do (`x-amz-request-id`, `x-amz-id-2`),
/// and an error's XML names the same id in `<RequestId>`, where SDKs and support
/// threads look for it.
fn with_request_id(response: &mut s3s::HttpResponse) {
    let mut id = [0u8; 8];
    if getrandom::fill(&mut id).is_err() {
        return;
    }
    let id = crate::parts::hex(&id).to_uppercase();
    if let Ok(value) = HeaderValue::from_str(&id) {
        response
            .headers_mut()
            .insert("x-amz-request-id", value.clone());
        response.headers_mut().insert("x-amz-id-2", value);
    }
    let is_error = response.status().is_client_error() || response.status().is_server_error();
    let Some(xml) = response.body().bytes().filter(|_| is_error) else {
        return;
    };
    let text = String::from_utf8_lossy(&xml);
    if text.contains("<RequestId>") {
        return;
    }
    if let Some(at) = text.rfind("</Error>") {
        let body = format!("{}<RequestId>{id}</RequestId>{}", &text[..at], &text[at..]);
        response
            .headers_mut()
            .insert("content-length", HeaderValue::from(body.len()));
        *response.body_mut() = Body::from(body);
    }
}

/// A request body the service has not started reading can be taken back: a request whose
/// signature did not match is checked again in its other form without being buffered
/// (signatures cover headers, never the body itself, so they are checked before it is read).
struct Reclaimable {
    unread: Arc<Mutex<Option<Incoming>>>,
    reading: Option<Incoming>,
    size: SizeHint,
}

impl Reclaimable {
    fn new(body: Incoming) -> (Self, Arc<Mutex<Option<Incoming>>>) {
        let size = hyper::body::Body::size_hint(&body);
        let unread = Arc::new(Mutex::new(Some(body)));
        let reclaimable = Self {
            unread: Arc::clone(&unread),
            reading: None,
            size,
        };
        (reclaimable, unread)
    }
}

impl hyper::body::Body for Reclaimable {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        let this = self.get_mut();
        if this.reading.is_none() {
            this.reading = this.unread.lock().ok().and_then(|mut unread| unread.take());
        }
        match &mut this.reading {
            Some(body) => Pin::new(body).poll_frame(cx),
            None => Poll::Ready(None),
        }
    }

    fn size_hint(&self) -> SizeHint {
        self.size
    }
}

/// The same request in the virtual-hosted form it was signed in before a fetch rewrite
/// or dev proxy sent it here: `/<bucket>/<key>` on this host becomes `/<key>` on
/// `<bucket>.<aws_domain>`.
fn virtual_hosted(
    parts: &hyper::http::request::Parts,
    aws_domain: &str,
) -> Option<hyper::http::request::Parts> {
    let path = parts.uri.path().strip_prefix('/')?;
    let (bucket, key) = path.split_once('/').unwrap_or((path, ""));
    if bucket.is_empty() {
        return None;
    }
    let mut rewritten = parts.clone();
    let query = parts
        .uri
        .query()
        .map(|q| format!("?{q}"))
        .unwrap_or_default();
    rewritten.uri = format!("/{key}{query}").parse().ok()?;
    rewritten.headers.insert(
        "host",
        HeaderValue::from_str(&format!("{bucket}.{aws_domain}")).ok()?,
    );
    Some(rewritten)
}

/// Calls the service, and returns the request body too if the service answered without
/// reading it.
async fn call_keeping_body(
    service: &s3s::service::S3Service,
    parts: hyper::http::request::Parts,
    body: Incoming,
) -> Result<(s3s::HttpResponse, Option<Incoming>), s3s::HttpError> {
    let (body, unread) = Reclaimable::new(body);
    let response = service
        .call(hyper::Request::from_parts(parts, Body::http_body(body)))
        .await?;
    let unread = unread.lock().ok().and_then(|mut unread| unread.take());
    Ok((response, unread))
}

/// Request bodies read and dropped after an error answer, at most (see [`drain`]).
const DRAINED_AT_MOST: usize = 64 * 1024 * 1024;

/// Reads and drops a request body that an error answer left unread, so that a client
/// still sending it gets the answer rather than a reset connection.
async fn drain(mut body: Incoming) {
    use http_body_util::BodyExt as _;
    let mut left = DRAINED_AT_MOST;
    while let Some(Ok(frame)) = body.frame().await {
        let read = frame.data_ref().map_or(0, |data| data.len());
        left = left.saturating_sub(read);
        if left == 0 {
            break;
        }
    }
}

/// Checks a request as received and, when its signature does not match, as the
/// virtual-hosted AWS request it was signed as.
async fn call_either_form(
    service: &s3s::service::S3Service,
    request: hyper::Request<Incoming>,
    aws_domain: &str,
) -> Result<s3s::HttpResponse, s3s::HttpError> {
    let (parts, body) = request.into_parts();
    // A client that waits for `100 Continue` sends no body unless it is read.
    let sends_body_anyway = parts.headers.get(hyper::header::EXPECT).is_none();
    let rewritten = virtual_hosted(&parts, aws_domain);
    let (mut response, mut unread) = call_keeping_body(service, parts, body).await?;
    if response.status() == hyper::StatusCode::FORBIDDEN {
        let (head, mut answer) = response.into_parts();
        let answer = answer
            .store_all_limited(64 * 1024)
            .await
            .unwrap_or_default();
        let mismatch = String::from_utf8_lossy(&answer).contains("SignatureDoesNotMatch");
        response = hyper::Response::from_parts(head, Body::from(answer));
        if let (true, Some(rewritten)) = (mismatch, rewritten)
            && let Some(body) = unread.take()
        {
            (response, unread) = call_keeping_body(service, rewritten, body).await?;
        }
    }
    if let Some(body) = unread.filter(|_| sends_body_anyway && !response.status().is_success()) {
        drain(body).await;
    }
    Ok(response)
}

/// Takes `127.0.0.1:port`, before the sandbox writes anything.
pub async fn bind(port: u16) -> anyhow::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "cannot listen on 127.0.0.1:{port}: {e} (is another sandbox running? try --port)"
            )
        })
}

/// What the endpoint needs besides its store: the region it answers for, the local
/// secret, the page origins it answers, and its Cognito services.
pub struct Endpoint {
    pub region: String,
    pub secrets: Secrets,
    pub origins: Origins,
    pub cognito: Arc<Cognito>,
    /// Where denials are explained (`None`: not at all).
    pub denials: Option<Arc<super::denials::Denials>>,
}

/// Serves `store` on `listener` (see [`bind`]) until `shutdown` completes.
pub async fn serve(
    store: Store,
    listener: tokio::net::TcpListener,
    endpoint: Endpoint,
    state: Arc<RwLock<State>>,
    shutdown: impl std::future::Future<Output = ()>,
) -> anyhow::Result<()> {
    let Endpoint {
        region,
        secrets,
        origins,
        cognito,
        denials,
    } = endpoint;
    let region = region.as_str();
    let mut builder = S3ServiceBuilder::new(store);
    builder.set_auth(LocalAuth { secrets });
    builder.set_access(LocalAccess { state, denials });
    // Requests rewritten from `<bucket>.s3.<region>.amazonaws.com` are checked in that form.
    let aws_domain = format!("s3.{region}.amazonaws.com");
    if let Ok(domains) = s3s::host::MultiDomain::new([aws_domain.as_str()]) {
        builder.set_host(domains);
    }
    let origins = Arc::new(origins);
    let service = builder.build();
    let http = ConnBuilder::new(TokioExecutor::new());
    tokio::pin!(shutdown);
    loop {
        let (socket, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(_) => continue,
            },
            () = &mut shutdown => return Ok(()),
        };
        let _ = socket.set_nodelay(true);
        let service = service.clone();
        let aws_domain = aws_domain.clone();
        let origins = Arc::clone(&origins);
        let cognito = Arc::clone(&cognito);
        // Accept requests signed for the AWS host name they were rewritten from; for
        // browsers, answer CORS preflights and mark responses to cross-origin requests.
        let handle = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            // A page of another origin gets no CORS answer, so its browser reads nothing.
            let origin = request
                .headers()
                .get("origin")
                .filter(|o| o.to_str().is_ok_and(|o| origins.allows(o)))
                .cloned();
            let foreign = request.headers().contains_key("origin") && origin.is_none();
            let asked = request
                .headers()
                .get("access-control-request-headers")
                .cloned();
            let is_preflight = request.method() == Method::OPTIONS
                && request
                    .headers()
                    .contains_key("access-control-request-method");
            let service = service.clone();
            let aws_domain = aws_domain.clone();
            let cognito = Arc::clone(&cognito);
            async move {
                if is_preflight {
                    return Ok::<_, s3s::HttpError>(match origin {
                        Some(origin) => preflight(origin, asked),
                        None => refused_origin(),
                    });
                }
                if foreign {
                    return Ok(refused_origin());
                }
                if let Some(refused) =
                    refused_presign(request.uri()).or_else(|| refused_digest(&request))
                {
                    return Ok(refused);
                }
                let mut response = if cognito.serves(&request) {
                    cognito.answer(request).await
                } else {
                    let attributes = asks_attributes(&request);
                    let mut response = call_either_form(&service, request, &aws_domain).await?;
                    if attributes {
                        unquote_attributes_etag(&mut response);
                    }
                    with_request_id(&mut response);
                    response
                };
                if let Some(origin) = origin {
                    let headers = response.headers_mut();
                    headers.insert("access-control-allow-origin", origin);
                    headers.insert("vary", HeaderValue::from_static("Origin"));
                    headers.insert("access-control-expose-headers", cors_exposed());
                }
                Ok(response)
            }
        });
        let conn = http
            .serve_connection(TokioIo::new(socket), handle)
            .into_owned();
        tokio::spawn(async move {
            let _ = conn.await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pages_of_this_machine_and_allowed_origins_are_answered() {
        let origins = Origins {
            extra: vec!["https://dev.example.com".into()],
        };
        for allowed in [
            "http://localhost:5173",
            "http://localhost",
            "https://LOCALHOST:3000",
            "http://127.0.0.1:8080",
            "http://[::1]:5173",
            "http://[::1]",
            "https://dev.example.com",
            "https://dev.example.com/",
        ] {
            assert!(origins.allows(allowed), "{allowed}");
        }
        for refused in [
            "https://evil.example",
            "http://localhost.evil.example",
            "http://127.0.0.1.evil.example:80",
            "http://localhost:80@evil.example",
            "http://[::1].evil",
            "null",
            "file://",
            "http://127.0.0.2",
            "https://dev.example.com.evil",
        ] {
            assert!(!origins.allows(refused), "{refused}");
        }
    }
}
