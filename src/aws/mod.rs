//! Everything that talks to AWS: configuration (credentials, region, endpoint) and the
//! S3 transfer engine. The only module that imports `aws_sdk_*`.

pub mod app_users;
pub mod cloudformation;
mod http;
pub mod s3;
pub mod staging;
pub mod transfer;

use std::time::SystemTime;

use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::ProvideCredentials as _;

use crate::error::UsageError;

/// Where the AWS settings come from, as the user gave them.
#[derive(Debug, Clone, Default)]
pub struct AwsSettings {
    pub profile: Option<String>,
    pub region: Option<String>,
}

/// A loaded AWS configuration with checked credentials.
#[derive(Debug, Clone)]
pub struct Aws {
    config: SdkConfig,
    /// When the credentials expire (temporary credentials only).
    pub credentials_expiry: Option<SystemTime>,
    /// The identity id of an app user these credentials act as (`--as` in the cloud).
    pub identity_id: Option<String>,
}

impl Aws {
    /// Loads the standard chain (environment, profile, SSO, credential process) and
    /// checks that credentials resolve, so a missing or misspelled profile is one clear
    /// error instead of a failed request later.
    pub async fn load(settings: &AwsSettings) -> Result<Aws, UsageError> {
        let mut loader = aws_config::defaults(BehaviorVersion::latest());
        if let Some(profile) = &settings.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = &settings.region {
            loader = loader.region(Region::new(region.clone()));
        }
        let config = loader.load().await;
        // The SDK reads these when it builds each client and fails on the first request.
        for (name, endpoint) in [
            (
                "AWS_ENDPOINT_URL_S3",
                std::env::var("AWS_ENDPOINT_URL_S3").ok(),
            ),
            ("AWS_ENDPOINT_URL", std::env::var("AWS_ENDPOINT_URL").ok()),
            (
                "the endpoint_url",
                config.endpoint_url().map(str::to_string),
            ),
        ] {
            if let Some(endpoint) = endpoint.filter(|e| !e.is_empty()) {
                check_endpoint(name, &endpoint)?;
            }
        }
        let provider = config.credentials_provider().ok_or_else(no_credentials)?;
        let credentials = provider.provide_credentials().await.map_err(|_| match &settings.profile {
            Some(p) => UsageError::new(format!("cannot load AWS credentials for profile '{p}'"))
                .hint("check the profile name and its credentials in ~/.aws/config and ~/.aws/credentials"),
            None => no_credentials(),
        })?;
        Ok(Aws {
            config,
            credentials_expiry: credentials.expiry(),
            identity_id: None,
        })
    }

    /// Configuration for the local sandbox: its endpoint, the region its outputs name,
    /// and a local access key (the owner's, or one acting as an app user).
    pub async fn local(endpoint: &str, region: &str, access_key: &str, secret: &str) -> Aws {
        let credentials = aws_credential_types::Credentials::new(
            access_key,
            secret,
            None,
            None,
            "ampx-rs local sandbox",
        );
        let config = aws_config::defaults(BehaviorVersion::latest())
            .endpoint_url(endpoint)
            .region(Region::new(region.to_string()))
            .credentials_provider(credentials)
            .load()
            .await;
        Aws {
            config,
            credentials_expiry: None,
            identity_id: None,
        }
    }

    /// The same configuration with other credentials: an app user's, from the deployed
    /// identity pool (`identity_id` names whose they are).
    pub fn with_credentials(
        &self,
        credentials: aws_credential_types::Credentials,
        identity_id: String,
    ) -> Aws {
        let config = self
            .config
            .to_builder()
            .credentials_provider(
                aws_credential_types::provider::SharedCredentialsProvider::new(credentials),
            )
            .build();
        Aws {
            config,
            credentials_expiry: None,
            identity_id: Some(identity_id),
        }
    }

    /// The configured region, if any.
    pub fn region(&self) -> Option<&str> {
        self.config.region().map(|r| r.as_ref())
    }

    /// `region`, else the configured region, else a usage error.
    pub fn region_or_configured(&self, region: Option<&str>) -> Result<String, UsageError> {
        region.or(self.region()).map(str::to_string).ok_or_else(|| {
            UsageError::new("no AWS region is configured").hint(
                "pass --region, set AWS_REGION, or set `region` for your profile in ~/.aws/config",
            )
        })
    }

    pub fn sdk_config(&self) -> &SdkConfig {
        &self.config
    }

    /// The custom endpoint S3 requests go to (`AWS_ENDPOINT_URL_S3`, else
    /// `AWS_ENDPOINT_URL` or the local sandbox's), as the SDK picks it; `None` for AWS.
    pub fn s3_endpoint(&self) -> Option<String> {
        std::env::var("AWS_ENDPOINT_URL_S3")
            .ok()
            .filter(|url| !url.is_empty())
            .or_else(|| self.config.endpoint_url().map(str::to_string))
    }
}

/// An endpoint from the environment or a profile (`AWS_ENDPOINT_URL`, `endpoint_url`)
/// is `http://` or `https://` with a host and a valid port: a typo is one line here,
/// not an SDK error dump on the first request.
fn check_endpoint(name: &str, endpoint: &str) -> Result<(), UsageError> {
    let authority = endpoint
        .strip_prefix("https://")
        .or_else(|| endpoint.strip_prefix("http://"))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
    let host_and_port = |authority: &str| {
        let (host, port) = match authority.strip_prefix('[') {
            Some(v6) => {
                let (host, rest) = v6.split_once(']')?;
                match rest {
                    "" => (host, None),
                    _ => (host, Some(rest.strip_prefix(':')?)),
                }
            }
            None => match authority.rsplit_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            },
        };
        let port_ok = port.is_none_or(|p| p.parse::<u16>().is_ok_and(|p| p > 0));
        let host_ok = !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._:".contains(&b));
        Some(port_ok && host_ok)
    };
    if authority.and_then(host_and_port) == Some(true) {
        return Ok(());
    }
    Err(UsageError::new(format!(
        "{name} '{}' is not an http:// or https:// address with a host and port",
        endpoint.escape_debug()
    ))
    .hint("e.g. AWS_ENDPOINT_URL=http://127.0.0.1:4566, or unset it to use AWS"))
}

/// An SDK error in one line: the service's `code: message`, else what failed.
pub fn sdk_message<E, R>(err: &aws_smithy_runtime_api::client::result::SdkError<E, R>) -> String
where
    E: aws_smithy_types::error::metadata::ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    use aws_smithy_types::error::metadata::ProvideErrorMetadata as _;
    match (err.code(), err.message()) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code.to_string(),
        _ => aws_smithy_types::error::display::DisplayErrorContext(err).to_string(),
    }
}

fn no_credentials() -> UsageError {
    UsageError::new("no AWS credentials found").hint(
        "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile NAME, or run `aws configure` / `aws sso login`",
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn endpoints_are_checked_before_any_request() {
        for good in [
            "http://127.0.0.1:4566",
            "https://s3.example.com",
            "http://[::1]:20005",
            "http://localhost:1/",
            "https://minio.internal:9000/path",
        ] {
            assert!(
                super::check_endpoint("AWS_ENDPOINT_URL", good).is_ok(),
                "{good}"
            );
        }
        for bad in [
            "not a url",
            "ftp://x",
            "http://127.0.0.1:99999",
            "http://:4566",
            "http://",
            "127.0.0.1:4566",
            "http://a b:1",
            "http://[::1",
            "http://user@host:1",
        ] {
            assert!(
                super::check_endpoint("AWS_ENDPOINT_URL", bad).is_err(),
                "{bad}"
            );
        }
    }
}
