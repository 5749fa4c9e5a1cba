//! The HTTP client S3 requests take to a plain-HTTP endpoint: the local sandbox, moto,
//! s3s-fs or MinIO on this machine or the local network.
//!
//! The SDK's own client lets each connection's read buffer grow to hyper's default of
//! 408 KiB and offers no setting for it. A server on loopback sends faster than a file
//! takes the bytes, so every connection of a download filled its buffer: 8 parts in
//! flight held 3 MiB of buffers and put a 256 MiB `cp` above s5cmd's memory. This
//! client caps the buffer at 64 KiB, at the same speed (bench/README.md). HTTPS
//! endpoints, AWS itself among them, keep the SDK's client and its TLS.

use std::collections::HashMap;
use std::error::Error as StdError;
use std::sync::Mutex;
use std::time::Duration;

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::retry::ErrorKind;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector as TcpConnector;
use hyper_util::rt::{TokioExecutor, TokioTimer};

/// The most a connection buffers of a response before the body is read on.
const READ_BUFFER: usize = 64 * 1024;
/// As the SDK's client: idle connections are kept this long for the next request.
const POOL_IDLE: Duration = Duration::from_secs(90);

/// A client for `http://` endpoints, to give the S3 client's configuration.
pub(super) fn plain_http_client() -> SharedHttpClient {
    SharedHttpClient::new(PlainHttp::default())
}

/// Connect and read timeouts: the settings a connector is built for.
type Timeouts = (Option<Duration>, Option<Duration>);

/// The SDK asks for a connector on every request: one is kept per timeout settings, so
/// requests share its pool of open connections.
#[derive(Debug, Default)]
struct PlainHttp {
    connectors: Mutex<HashMap<Timeouts, SharedHttpConnector>>,
}

impl HttpClient for PlainHttp {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        let timeouts = (settings.connect_timeout(), settings.read_timeout());
        let mut connectors = self.connectors.lock().expect("never poisoned");
        connectors
            .entry(timeouts)
            .or_insert_with(|| connector(timeouts))
            .clone()
    }
}

fn connector((connect_timeout, read_timeout): Timeouts) -> SharedHttpConnector {
    let mut tcp = TcpConnector::new();
    // Small requests would otherwise wait on Nagle's algorithm, as the SDK's do not.
    tcp.set_nodelay(true);
    tcp.set_connect_timeout(connect_timeout);
    let client = Client::builder(TokioExecutor::new())
        .pool_timer(TokioTimer::new())
        .pool_idle_timeout(POOL_IDLE)
        .http1_max_buf_size(READ_BUFFER)
        .build(tcp);
    SharedHttpConnector::new(PlainHttpConnector {
        client,
        read_timeout,
    })
}

#[derive(Debug, Clone)]
struct PlainHttpConnector {
    client: Client<TcpConnector, SdkBody>,
    read_timeout: Option<Duration>,
}

impl HttpConnector for PlainHttpConnector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let request = match request.try_into_http1x() {
            Ok(request) => request,
            Err(e) => return HttpConnectorFuture::ready(Err(ConnectorError::user(e.into()))),
        };
        let response = self.client.request(request);
        let read_timeout = self.read_timeout;
        HttpConnectorFuture::new(async move {
            let response = match read_timeout {
                Some(limit) => tokio::time::timeout(limit, response)
                    .await
                    .map_err(|e| ConnectorError::timeout(e.into()))?,
                None => response.await,
            }
            .map_err(classify)?;
            HttpResponse::try_from(response.map(SdkBody::from_body_1_x))
                .map_err(|e| ConnectorError::other(e.into(), None))
        })
    }
}

/// Sorts a failed request as the SDK's own client does, so the same failures are
/// retried: a refused or broken connection is I/O, a body the SDK could not give is the
/// caller's, a response cut short is transient.
fn classify(error: hyper_util::client::legacy::Error) -> ConnectorError {
    let hyper = source_of::<hyper::Error>(&error);
    let io = source_of::<std::io::Error>(&error).is_some();
    match hyper {
        Some(e) if e.is_timeout() => ConnectorError::timeout(error.into()),
        Some(e) if e.is_user() => ConnectorError::user(error.into()),
        Some(e) if e.is_closed() || e.is_canceled() || io => ConnectorError::io(error.into()),
        Some(e) if e.is_incomplete_message() => {
            ConnectorError::other(error.into(), Some(ErrorKind::TransientError))
        }
        None if error.is_connect() || io => ConnectorError::io(error.into()),
        _ => ConnectorError::other(error.into(), None),
    }
}

/// The first error of type `E` in `error`'s chain of sources.
fn source_of<'a, E: StdError + 'static>(error: &'a (dyn StdError + 'static)) -> Option<&'a E> {
    std::iter::successors(Some(error), |&e| e.source()).find_map(|e| e.downcast_ref::<E>())
}
