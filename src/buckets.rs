//! The buckets a project knows by friendly name (from `amplify_outputs.json`), `s3://`
//! URIs, and how a URI's bucket name resolves to a physical bucket and region.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde_json::{Map, Value};

use crate::error::UsageError;
use crate::model::IDENTITY_VARIABLE;

/// `s3://NAME[/KEY]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct S3Uri {
    pub bucket: String,
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum S3UriError {
    #[error("expected an s3://BUCKET/KEY URI")]
    NotS3,
    #[error("the URI names no bucket")]
    NoBucket,
}

impl FromStr for S3Uri {
    type Err = S3UriError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let rest = s.strip_prefix("s3://").ok_or(S3UriError::NotS3)?;
        let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err(S3UriError::NoBucket);
        }
        Ok(S3Uri {
            bucket: bucket.to_string(),
            key: key.to_string(),
        })
    }
}

impl fmt::Display for S3Uri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "s3://{}/{}", self.bucket, self.key)
    }
}

impl S3Uri {
    /// The same bucket with another key.
    pub fn with_key(&self, key: impl Into<String>) -> S3Uri {
        S3Uri {
            bucket: self.bucket.clone(),
            key: key.into(),
        }
    }
}

/// S3's limit on the length of an object key, in bytes.
pub const MAX_KEY_BYTES: usize = 1024;

/// Is `name` a valid S3 bucket name (general purpose buckets)?
pub fn is_valid_bucket_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    (3..=63).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-'))
        && bytes[0].is_ascii_alphanumeric()
        && bytes[bytes.len() - 1].is_ascii_alphanumeric()
        && !name.contains("..")
        && !name.split('.').all(|part| part.parse::<u8>().is_ok())
}

/// A bucket configured in `amplify_outputs.json`.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfiguredBucket {
    pub name: String,
    pub bucket_name: String,
    pub region: String,
    pub is_default: bool,
    /// Access paths and who may do what, as the outputs give them.
    pub paths: Option<Map<String, Value>>,
}

/// The deployed auth resources, as `amplify_outputs.json` names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployedAuth {
    pub region: String,
    pub user_pool_id: String,
    pub client_id: String,
    pub identity_pool_id: String,
}

impl DeployedAuth {
    /// The `auth` section of an outputs file, if it names all four.
    pub fn from_outputs(outputs: &Value) -> Option<DeployedAuth> {
        let auth = &outputs["auth"];
        let text = |name: &str| auth[name].as_str().map(str::to_string);
        Some(DeployedAuth {
            region: text("aws_region")?,
            user_pool_id: text("user_pool_id")?,
            client_id: text("user_pool_client_id")?,
            identity_pool_id: text("identity_pool_id")?,
        })
    }

    /// The `Logins` key of the user pool's id tokens.
    pub fn provider(&self) -> String {
        format!(
            "cognito-idp.{}.amazonaws.com/{}",
            self.region, self.user_pool_id
        )
    }
}

/// What an outputs file says about storage (and the auth it is reached through).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalog {
    /// The file it came from (`None`: no outputs file was found).
    pub source: Option<PathBuf>,
    pub buckets: Vec<ConfiguredBucket>,
    /// The local sandbox's endpoint, when the outputs were written by `sandbox --local`.
    pub local_endpoint: Option<String>,
    /// The deployed user pool, app client and identity pool, when the outputs name them.
    pub auth: Option<DeployedAuth>,
}

/// The outputs file to use: `explicit` (`--outputs` / `AMPX_OUTPUTS`), else the
/// nearest `amplify_outputs.json` at or above `cwd`.
pub fn find_outputs(explicit: Option<&Path>, cwd: &Path) -> Option<PathBuf> {
    match explicit {
        Some(path) => Some(cwd.join(path)),
        None => cwd
            .ancestors()
            .map(|dir| dir.join("amplify_outputs.json"))
            .find(|p| p.is_file()),
    }
}

/// "an array", "a string", … for a message about a JSON value of the wrong kind.
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The local sandbox's endpoint, only when it is `http://` on this machine (127.0.0.1,
/// ::1 or localhost): the file commands sign their requests to it with the local
/// owner's key, which no other host may receive.
pub fn loopback_endpoint(endpoint: &str) -> Result<String, &'static str> {
    let rest = endpoint
        .strip_prefix("http://")
        .ok_or("not an http:// address on this machine")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        Some((host, port)) if port.parse::<u16>().is_ok() => host,
        _ => authority,
    };
    if authority.contains('@') {
        return Err("an address with credentials in it");
    }
    match host {
        "127.0.0.1" | "localhost" | "[::1]" => Ok(endpoint.to_string()),
        _ => Err("not on this machine (127.0.0.1, ::1 or localhost)"),
    }
}

impl Catalog {
    /// Reads the storage section of an outputs file (any version).
    pub fn load(path: &Path) -> Result<Catalog, UsageError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| UsageError::new(format!("cannot read {}: {e}", path.display())))?;
        const REGENERATE: &str =
            "regenerate it with `ampx-rs sandbox --once` or `ampx-rs generate outputs`";
        // Editors on some systems save a byte-order mark; JSON has none, so it is skipped.
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let outputs: Value = serde_json::from_str(text).map_err(|e| {
            UsageError::new(format!("{} is not valid JSON: {e}", path.display())).hint(REGENERATE)
        })?;
        if !outputs.is_object() {
            return Err(UsageError::new(format!(
                "{} holds {}, not the JSON object an outputs file is",
                path.display(),
                json_kind(&outputs)
            ))
            .hint(REGENERATE));
        }
        let local_endpoint = match outputs["custom"][crate::outputs::LOCAL_ENDPOINT_KEY].as_str() {
            Some(endpoint) => Some(loopback_endpoint(endpoint).map_err(|why| {
                UsageError::new(format!(
                    "{}: custom.{} is {endpoint:?}, {why}; nothing was sent to it",
                    path.display(),
                    crate::outputs::LOCAL_ENDPOINT_KEY
                ))
                .hint("the local sandbox serves on 127.0.0.1 only; `ampx-rs sandbox --local` rewrites the file")
            })?),
            None => None,
        };
        Ok(Catalog {
            source: Some(path.to_path_buf()),
            buckets: Self::from_outputs(&outputs),
            local_endpoint,
            auth: DeployedAuth::from_outputs(&outputs),
        })
    }

    pub fn from_outputs(outputs: &Value) -> Vec<ConfiguredBucket> {
        let storage = &outputs["storage"];
        let default_name = storage["bucket_name"].as_str().unwrap_or_default();
        let default_region = storage["aws_region"].as_str().unwrap_or_default();
        match storage["buckets"].as_array() {
            Some(list) => list
                .iter()
                .filter_map(|b| {
                    let bucket_name = b["bucket_name"].as_str()?.to_string();
                    Some(ConfiguredBucket {
                        name: b["name"].as_str()?.to_string(),
                        is_default: bucket_name == default_name,
                        region: b["aws_region"]
                            .as_str()
                            .unwrap_or(default_region)
                            .to_string(),
                        paths: b["paths"].as_object().cloned(),
                        bucket_name,
                    })
                })
                .collect(),
            // Version 1 outputs name only the default bucket.
            None if !default_name.is_empty() => vec![ConfiguredBucket {
                name: default_name.to_string(),
                bucket_name: default_name.to_string(),
                region: default_region.to_string(),
                is_default: true,
                paths: None,
            }],
            None => Vec::new(),
        }
    }

    /// `name` as a friendly name, if configured.
    pub fn friendly(&self, name: &str) -> Option<&ConfiguredBucket> {
        self.buckets.iter().find(|b| b.name == name)
    }

    /// One line per configured bucket, for hints.
    pub fn known_names(&self) -> String {
        if self.buckets.is_empty() {
            return match &self.source {
                Some(p) => format!("{} configures no buckets", p.display()),
                None => "no amplify_outputs.json was found; run `ampx-rs sandbox` (or `ampx-rs sandbox --local`, no AWS account needed) or pass --outputs FILE".into(),
            };
        }
        let names: Vec<String> = self
            .buckets
            .iter()
            .map(|b| format!("{} ({})", b.name, b.bucket_name))
            .collect();
        format!("configured buckets: {}", names.join(", "))
    }

    /// Resolves a URI's bucket name: a friendly name first, else a physical bucket.
    pub fn resolve(&self, name: &str) -> Result<Resolved, UsageError> {
        if let Some(b) = self.friendly(name) {
            return Ok(Resolved {
                bucket: b.bucket_name.clone(),
                region: Some(b.region.clone()).filter(|r| !r.is_empty()),
                configured: Some(b.clone()),
            });
        }
        if let Some(b) = self.buckets.iter().find(|b| b.bucket_name == name) {
            return Ok(Resolved {
                bucket: name.to_string(),
                region: Some(b.region.clone()).filter(|r| !r.is_empty()),
                configured: Some(b.clone()),
            });
        }
        if is_valid_bucket_name(name) {
            return Ok(Resolved {
                bucket: name.to_string(),
                region: None,
                configured: None,
            });
        }
        Err(UsageError::new(format!("unknown bucket '{name}': it is not a configured friendly name nor a valid S3 bucket name"))
            .hint(self.known_names()))
    }
}

/// A bucket to talk to.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub bucket: String,
    /// The region the outputs give (`None`: use the configured region).
    pub region: Option<String>,
    pub configured: Option<ConfiguredBucket>,
}

impl Resolved {
    /// For a write: the access paths of this bucket when `key` is outside all of them
    /// (no app user could ever reach it); `None` when it is inside one or the bucket
    /// has no paths.
    pub fn unreachable_write(&self, key: &str) -> Option<Vec<String>> {
        let paths = self.configured.as_ref()?.paths.as_ref()?;
        let reachable = paths.keys().any(|p| path_covers(p, key));
        (!reachable).then(|| paths.keys().map(|p| definition_form(p)).collect())
    }
}

/// Does an outputs access path (`photos/*`, `private/${…:sub}/*`) cover `key`? The
/// identity placeholder matches exactly one non-empty path segment, as `{entity_id}`
/// does in the definition.
pub fn path_covers(path: &str, key: &str) -> bool {
    crate::access::path_covers(&definition_form(path), key)
}

/// An outputs access path as the definition writes it: Amplify's
/// `${cognito-identity.amazonaws.com:sub}` is `{entity_id}` again.
pub fn definition_form(path: &str) -> String {
    path.replace(IDENTITY_VARIABLE, crate::model::ENTITY_ID_TOKEN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_a_loopback_http_endpoint_is_the_local_sandbox() {
        for good in [
            "http://127.0.0.1:20005",
            "http://localhost:1",
            "http://[::1]:20005",
            "http://127.0.0.1",
        ] {
            assert_eq!(loopback_endpoint(good).as_deref(), Ok(good), "{good}");
        }
        for bad in [
            "https://127.0.0.1:20005",
            "http://evil.example:20005",
            "http://127.0.0.1.evil.example:1",
            "http://127.0.0.1:1@evil.example",
            "http://evil.example/127.0.0.1",
            "http://10.0.0.1:20005",
            "127.0.0.1:20005",
            "",
        ] {
            assert!(loopback_endpoint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_outputs_file_is_read_with_a_bom_and_refused_when_not_an_object() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("amplify_outputs.json");
        let outputs =
            json!({"version": "1.4", "storage": {"bucket_name": "b", "aws_region": "us-east-1"}});
        std::fs::write(&file, format!("\u{feff}{outputs}")).expect("write");
        assert!(Catalog::load(&file).is_ok());
        std::fs::write(&file, "[1, 2]").expect("write");
        let err = Catalog::load(&file).expect_err("an array");
        assert!(
            err.to_string()
                .contains("holds an array, not the JSON object"),
            "{err}"
        );
        let evil = json!({"version": "1.4", "custom": {"ampx_local_endpoint": "http://evil.example:20005"}});
        std::fs::write(&file, evil.to_string()).expect("write");
        let err = Catalog::load(&file).expect_err("not loopback");
        assert!(err.to_string().contains("nothing was sent to it"), "{err}");
    }

    #[test]
    fn uris_parse_and_print() {
        let u: S3Uri = "s3://amplifyTeamDrive/picture-submissions/a b.jpg"
            .parse()
            .expect("uri");
        assert_eq!(u.bucket, "amplifyTeamDrive");
        assert_eq!(u.key, "picture-submissions/a b.jpg");
        assert_eq!(
            u.to_string(),
            "s3://amplifyTeamDrive/picture-submissions/a b.jpg"
        );
        assert_eq!("s3://b".parse::<S3Uri>().expect("uri").key, "");
        assert_eq!("s3://".parse::<S3Uri>(), Err(S3UriError::NoBucket));
        assert_eq!("./a.txt".parse::<S3Uri>(), Err(S3UriError::NotS3));
    }

    #[test]
    fn bucket_name_rules() {
        for ok in [
            "abc",
            "my-bucket.v2",
            "amplify-team-drive-amplifyteamdrivebucket28b5-abcdefghijkl",
            "a1b",
        ] {
            assert!(is_valid_bucket_name(ok), "{ok}");
        }
        for bad in [
            "ab",
            "amplifyTeamDrive",
            "-abc",
            "abc-",
            "a..b",
            "192.168.1.1",
            "a_b",
            &"a".repeat(64),
        ] {
            assert!(!is_valid_bucket_name(bad), "{bad}");
        }
    }

    fn catalog() -> Catalog {
        Catalog {
            source: Some("amplify_outputs.json".into()),
            local_endpoint: None,
            auth: None,
            buckets: Catalog::from_outputs(&json!({
                "storage": {
                    "aws_region": "eu-west-1",
                    "bucket_name": "phys-drive",
                    "buckets": [
                        { "name": "amplifyTeamDrive", "bucket_name": "phys-drive", "aws_region": "eu-west-1",
                          "paths": { "profile-pictures/*": { "guest": ["get", "list"] },
                                     "profile-pictures/${cognito-identity.amazonaws.com:sub}/*": { "entityidentity": ["get"] } } },
                        { "name": "other", "bucket_name": "phys-other", "aws_region": "us-west-2" }
                    ]
                },
                "version": "1.5"
            })),
        }
    }

    #[test]
    fn names_resolve_friendly_first_then_physical() {
        let c = catalog();
        let r = c.resolve("amplifyTeamDrive").expect("friendly");
        assert_eq!(
            (r.bucket.as_str(), r.region.as_deref()),
            ("phys-drive", Some("eu-west-1"))
        );
        assert!(c.buckets[0].is_default && !c.buckets[1].is_default);
        let r = c
            .resolve("phys-other")
            .expect("physical of a configured bucket");
        assert_eq!(r.region.as_deref(), Some("us-west-2"));
        let r = c.resolve("some-other-bucket").expect("physical");
        assert_eq!((r.bucket.as_str(), r.region), ("some-other-bucket", None));
        let err = c.resolve("amplifyTeamDrivee").expect_err("unknown");
        assert_eq!(
            err.hint.as_deref(),
            Some("configured buckets: amplifyTeamDrive (phys-drive), other (phys-other)")
        );
    }

    #[test]
    fn version_1_outputs_have_only_the_default_bucket() {
        let b = Catalog::from_outputs(
            &json!({ "storage": { "aws_region": "us-east-1", "bucket_name": "b1" }, "version": "1" }),
        );
        assert_eq!(b.len(), 1);
        assert!(b[0].is_default);
    }

    #[test]
    fn access_paths_cover_keys() {
        let s = IDENTITY_VARIABLE;
        let cases = [
            ("photos/*", "photos/a.jpg", true),
            ("photos/*", "photos/", true),
            ("photos/*", "photos", false),
            ("photos/*", "photos-old/a", false),
            (
                &format!("private/{s}/*") as &str,
                "private/us-east-1:abc/a.jpg",
                true,
            ),
            (
                &format!("private/{s}/*"),
                "private/us-east-1:abc/deep/a.jpg",
                true,
            ),
            (&format!("private/{s}/*"), "private/a.jpg", false),
            (&format!("private/{s}/*"), "private//a.jpg", false),
        ];
        for (path, key, expected) in cases {
            assert_eq!(path_covers(path, key), expected, "{path} {key}");
        }
        let c = catalog();
        let r = c.resolve("amplifyTeamDrive").expect("friendly");
        assert!(r.unreachable_write("profile-pictures/x.jpg").is_none());
        assert_eq!(
            r.unreachable_write("elsewhere/x.jpg")
                .expect("outside")
                .len(),
            2
        );
        assert!(
            c.resolve("other")
                .expect("friendly")
                .unreachable_write("x")
                .is_none()
        );
    }
}
