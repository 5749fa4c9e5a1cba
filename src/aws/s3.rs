//! A small S3 client: listing, metadata, batch deletes and presigned URLs. Transfers
//! live in [`super::transfer`].

use std::time::Duration;

use aws_sdk_s3::config::{RequestChecksumCalculation, ResponseChecksumValidation};
use aws_sdk_s3::error::ProvideErrorMetadata;
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::types::{Delete, ObjectIdentifier};
use aws_smithy_types::error::display::DisplayErrorContext;

use super::Aws;

/// One object as a listing shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectInfo {
    pub key: String,
    pub size: u64,
    /// Seconds since the Unix epoch.
    pub last_modified: Option<i64>,
    pub etag: Option<String>,
    pub storage_class: Option<String>,
}

/// One page of a delimited listing.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub prefixes: Vec<String>,
    pub objects: Vec<ObjectInfo>,
}

/// An S3 error with its code (`NoSuchBucket`, `AccessDenied`, …) when S3 sent one.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct S3Error {
    pub code: Option<String>,
    pub message: String,
    /// The endpoint could not be reached at all (nothing listens there, DNS failed).
    pub unreachable: bool,
}

impl S3Error {
    pub fn from_sdk<E>(
        err: aws_sdk_s3::error::SdkError<E, aws_sdk_s3::config::http::HttpResponse>,
    ) -> S3Error
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
    {
        // Nothing answered: say that in one line, without the SDK's debug dump.
        if let aws_sdk_s3::error::SdkError::DispatchFailure(failure) = &err
            && (failure.is_io() || failure.is_timeout())
        {
            let mut cause: &dyn std::error::Error = &err;
            while let Some(next) = cause.source() {
                cause = next;
            }
            return S3Error {
                code: None,
                message: format!("cannot connect to the S3 endpoint: {cause}"),
                unreachable: true,
            };
        }
        // A HEAD answer has no body, so S3's error code is known only by its status.
        let code = err.code().map(str::to_string).or_else(|| {
            let status = err.raw_response()?.status().as_u16();
            match status {
                403 => Some("AccessDenied".to_string()),
                404 => Some("NotFound".to_string()),
                412 => Some("PreconditionFailed".to_string()),
                _ => None,
            }
        });
        let message = match (&code, err.message()) {
            (Some(code), Some(msg)) => format!("{code}: {msg}"),
            (Some(code), None) => code.clone(),
            _ => DisplayErrorContext(&err).to_string(),
        };
        S3Error {
            code,
            message,
            unreachable: false,
        }
    }

    /// A request that could not even be built.
    fn local(e: impl std::fmt::Display) -> S3Error {
        S3Error {
            code: None,
            message: e.to_string(),
            unreachable: false,
        }
    }

    pub fn no_such_bucket() -> S3Error {
        S3Error {
            code: Some("NoSuchBucket".into()),
            message: "NoSuchBucket: The specified bucket does not exist".into(),
            unreachable: false,
        }
    }

    pub fn is(&self, code: &str) -> bool {
        self.code.as_deref() == Some(code)
    }
}

/// An S3 client for one region.
#[derive(Debug, Clone)]
pub struct S3 {
    pub(super) client: aws_sdk_s3::Client,
    /// The endpoint is on this machine (`127.0.0.1`, `::1`, `localhost`).
    pub(super) loopback: bool,
}

impl S3 {
    pub fn new(aws: &Aws, region: &str) -> S3 {
        let endpoint = aws.s3_endpoint();
        let mut config = aws_sdk_s3::config::Builder::from(aws.sdk_config())
            .region(aws_config::Region::new(region.to_string()))
            .force_path_style(endpoint.is_some())
            // Checksums only where S3 requires them: S3-compatible servers and older
            // emulators reject the newer default trailers, and they cost CPU.
            .request_checksum_calculation(RequestChecksumCalculation::WhenRequired)
            .response_checksum_validation(ResponseChecksumValidation::WhenRequired);
        let uri = endpoint
            .as_deref()
            .and_then(|e| e.parse::<hyper::Uri>().ok());
        if uri.as_ref().and_then(|u| u.scheme_str()) == Some("http") {
            config = config.http_client(super::http::plain_http_client());
        }
        S3 {
            client: aws_sdk_s3::Client::from_conf(config.build()),
            loopback: uri.as_ref().and_then(|u| u.host()).is_some_and(is_loopback),
        }
    }

    /// Makes one access request as this client's caller, with a small probe body for a
    /// write: `Ok(true)` when S3 allows it, `Ok(false)` when it answers AccessDenied.
    pub async fn try_request(
        &self,
        bucket: &str,
        request: &crate::access::Request,
    ) -> Result<bool, S3Error> {
        use crate::model::Action;
        let key = request.target.as_str();
        let answer = match request.action {
            Action::Get => self
                .client
                .get_object()
                .bucket(bucket)
                .key(key)
                .send()
                .await
                .map(|_| ())
                .map_err(S3Error::from_sdk),
            Action::Write => self
                .client
                .put_object()
                .bucket(bucket)
                .key(key)
                .body(b"ampx-rs access probe".to_vec().into())
                .send()
                .await
                .map(|_| ())
                .map_err(S3Error::from_sdk),
            Action::Delete => self
                .client
                .delete_object()
                .bucket(bucket)
                .key(key)
                .send()
                .await
                .map(|_| ())
                .map_err(S3Error::from_sdk),
            Action::List => self
                .client
                .list_objects_v2()
                .bucket(bucket)
                .prefix(key)
                .max_keys(1)
                .send()
                .await
                .map(|_| ())
                .map_err(S3Error::from_sdk),
        };
        match answer {
            Ok(()) => Ok(true),
            Err(e) if e.is("AccessDenied") => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Metadata of one object; `None` when it does not exist.
    pub async fn head(&self, bucket: &str, key: &str) -> Result<Option<ObjectInfo>, S3Error> {
        match self
            .client
            .head_object()
            .bucket(bucket)
            .key(key)
            .send()
            .await
        {
            Ok(out) => Ok(Some(ObjectInfo {
                key: key.to_string(),
                size: out.content_length().unwrap_or(0).max(0) as u64,
                last_modified: out.last_modified().map(|t| t.secs()),
                etag: out.e_tag().map(str::to_string),
                storage_class: out.storage_class().map(|s| s.as_str().to_string()),
            })),
            Err(err) => {
                let not_found = err.as_service_error().is_some_and(|e| e.is_not_found());
                let e = S3Error::from_sdk(err);
                if not_found || e.is("NotFound") || e.is("NoSuchKey") {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }

    /// Does the bucket exist (and may we see it)?
    pub async fn bucket_exists(&self, bucket: &str) -> Result<bool, S3Error> {
        match self.client.head_bucket().bucket(bucket).send().await {
            Ok(_) => Ok(true),
            Err(err) => {
                let not_found = err.as_service_error().is_some_and(|e| e.is_not_found());
                let e = S3Error::from_sdk(err);
                if not_found || e.is("NotFound") || e.is("NoSuchBucket") {
                    Ok(false)
                } else {
                    Err(e)
                }
            }
        }
    }

    /// One page of `ListObjectsV2`, following `token`.
    pub async fn list_page(
        &self,
        bucket: &str,
        prefix: &str,
        delimiter: Option<&str>,
        token: Option<String>,
    ) -> Result<(Listing, Option<String>), S3Error> {
        let out = self
            .client
            .list_objects_v2()
            .bucket(bucket)
            .prefix(prefix)
            .set_delimiter(delimiter.map(str::to_string))
            .set_continuation_token(token)
            // Keys may hold characters XML 1.0 cannot carry; S3 encodes them on request.
            .encoding_type(aws_sdk_s3::types::EncodingType::Url)
            .send()
            .await
            .map_err(S3Error::from_sdk)?;
        let encoded = out.encoding_type() == Some(&aws_sdk_s3::types::EncodingType::Url);
        let key = |k: &str| {
            if encoded {
                listed_key(k)
            } else {
                k.to_string()
            }
        };
        let listing = Listing {
            prefixes: out
                .common_prefixes()
                .iter()
                .filter_map(|p| p.prefix().map(key))
                .collect(),
            objects: out
                .contents()
                .iter()
                .map(|o| ObjectInfo {
                    key: key(o.key().unwrap_or_default()),
                    size: o.size().unwrap_or(0).max(0) as u64,
                    last_modified: o.last_modified().map(|t| t.secs()),
                    etag: o.e_tag().map(str::to_string),
                    storage_class: o.storage_class().map(|s| s.as_str().to_string()),
                })
                .collect(),
        };
        let next = out
            .is_truncated()
            .unwrap_or(false)
            .then(|| out.next_continuation_token().map(str::to_string))
            .flatten();
        Ok((listing, next))
    }

    /// Every object under `prefix` (pagination is invisible).
    pub async fn list_all(&self, bucket: &str, prefix: &str) -> Result<Vec<ObjectInfo>, S3Error> {
        let mut all = Vec::new();
        let mut token = None;
        loop {
            let (page, next) = self.list_page(bucket, prefix, None, token).await?;
            all.extend(page.objects);
            match next {
                Some(t) => token = Some(t),
                None => return Ok(all),
            }
        }
    }

    /// Deletes up to 1000 keys in one request; returns the keys that failed, with why.
    pub async fn delete_batch(
        &self,
        bucket: &str,
        keys: &[String],
    ) -> Result<Vec<(String, String)>, S3Error> {
        let objects = keys
            .iter()
            .map(|k| ObjectIdentifier::builder().key(k).build())
            .collect::<Result<Vec<_>, _>>()
            .map_err(S3Error::local)?;
        self.delete_objects(bucket, objects).await
    }

    /// One `DeleteObjects` request; the objects that failed, with why.
    async fn delete_objects(
        &self,
        bucket: &str,
        objects: Vec<ObjectIdentifier>,
    ) -> Result<Vec<(String, String)>, S3Error> {
        let delete = Delete::builder()
            .set_objects(Some(objects))
            .quiet(true)
            .build()
            .map_err(S3Error::local)?;
        let out = self
            .client
            .delete_objects()
            .bucket(bucket)
            .delete(delete)
            .send()
            .await
            .map_err(S3Error::from_sdk)?;
        Ok(out
            .errors()
            .iter()
            .map(|e| {
                let why = match (e.code(), e.message()) {
                    (Some(c), Some(m)) => format!("{c}: {m}"),
                    (Some(c), None) => c.to_string(),
                    (None, m) => m.unwrap_or("unknown error").to_string(),
                };
                (e.key().unwrap_or_default().to_string(), why)
            })
            .collect())
    }

    /// Does the bucket hold anything (any object version or delete marker)?
    pub async fn holds_objects(&self, bucket: &str) -> Result<bool, S3Error> {
        let out = self
            .client
            .list_object_versions()
            .bucket(bucket)
            .max_keys(1)
            .send()
            .await
            .map_err(S3Error::from_sdk)?;
        Ok(!out.versions().is_empty() || !out.delete_markers().is_empty())
    }

    /// Deletes every object version and delete marker, 1000 at a time, so the bucket
    /// can be deleted. Returns how many were deleted; `on_batch` hears the running total.
    pub async fn empty(
        &self,
        bucket: &str,
        on_batch: &mut (dyn FnMut(u64) + Send),
    ) -> Result<u64, S3Error> {
        let mut deleted = 0;
        loop {
            let out = self
                .client
                .list_object_versions()
                .bucket(bucket)
                .max_keys(1000)
                .encoding_type(aws_sdk_s3::types::EncodingType::Url)
                .send()
                .await
                .map_err(S3Error::from_sdk)?;
            // Decoded only when the answer says it is encoded (emulators may ignore it).
            let encoded = out.encoding_type() == Some(&aws_sdk_s3::types::EncodingType::Url);
            let versions = out
                .versions()
                .iter()
                .map(|v| (v.key(), v.version_id()))
                .chain(
                    out.delete_markers()
                        .iter()
                        .map(|m| (m.key(), m.version_id())),
                );
            let objects = versions
                .filter_map(|(key, version)| {
                    let key = key?;
                    ObjectIdentifier::builder()
                        .key(if encoded {
                            listed_key(key)
                        } else {
                            key.to_string()
                        })
                        .set_version_id(version.filter(|v| *v != "null").map(str::to_string))
                        .build()
                        .ok()
                })
                .collect::<Vec<_>>();
            if objects.is_empty() {
                return Ok(deleted);
            }
            let n = objects.len() as u64;
            if let Some((key, why)) = self
                .delete_objects(bucket, objects)
                .await?
                .into_iter()
                .next()
            {
                return Err(S3Error::local(format!("cannot delete {key}: {why}")));
            }
            deleted += n;
            on_batch(deleted);
        }
    }

    pub async fn delete(&self, bucket: &str, key: &str) -> Result<(), S3Error> {
        self.client
            .delete_object()
            .bucket(bucket)
            .key(key)
            .send()
            .await
            .map(|_| ())
            .map_err(S3Error::from_sdk)
    }

    /// A presigned GET or PUT URL (PUT URLs sign `content_type` when given).
    pub async fn presign(
        &self,
        bucket: &str,
        key: &str,
        put: bool,
        content_type: Option<&str>,
        expires_in: Duration,
    ) -> Result<String, S3Error> {
        let config = PresigningConfig::expires_in(expires_in).map_err(S3Error::local)?;
        if put {
            self.client
                .put_object()
                .bucket(bucket)
                .key(key)
                .set_content_type(content_type.map(str::to_string))
                .presigned(config)
                .await
                .map(|r| r.uri().to_string())
                .map_err(S3Error::from_sdk)
        } else {
            self.client
                .get_object()
                .bucket(bucket)
                .key(key)
                .presigned(config)
                .await
                .map(|r| r.uri().to_string())
                .map_err(S3Error::from_sdk)
        }
    }
}

/// A key of an `encoding-type=url` listing, decoded as S3 encodes it (`+` for a space).
pub fn listed_key(encoded: &str) -> String {
    let spaced = encoded.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8_lossy()
        .into_owned()
}

/// `127.0.0.1` (or any 127/8 address), `[::1]` or `localhost`.
fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::is_loopback;

    #[test]
    fn loopback_hosts_are_this_machine_only() {
        for host in ["127.0.0.1", "127.3.2.1", "[::1]", "localhost", "LOCALHOST"] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "10.0.0.1",
            "[::2]",
            "localhost.example.com",
            "s3.amazonaws.com",
            "",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
    }
}
