//! `amplify_outputs.json`: built from the model and the deployed physical ids for
//! every schema version Amplify writes (1 … 1.5), checked, and written atomically.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde_json::{Map, Value, json};

use crate::access;
use crate::model::{self, Backend};

/// The key in the outputs `custom` section naming the local sandbox's endpoint: files
/// commands send requests there instead of AWS.
pub const LOCAL_ENDPOINT_KEY: &str = "ampx_local_endpoint";

/// Schema versions of `amplify_outputs.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum OutputsVersion {
    /// The legacy `amplifyconfiguration` (`--outputs-version 0`), converted from 1.5.
    V0,
    V1,
    V1_1,
    V1_2,
    V1_3,
    V1_4,
    #[default]
    V1_5,
}

impl OutputsVersion {
    pub const ALL: [OutputsVersion; 7] = [
        Self::V0,
        Self::V1,
        Self::V1_1,
        Self::V1_2,
        Self::V1_3,
        Self::V1_4,
        Self::V1_5,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::V0 => "0",
            Self::V1 => "1",
            Self::V1_1 => "1.1",
            Self::V1_2 => "1.2",
            Self::V1_3 => "1.3",
            Self::V1_4 => "1.4",
            Self::V1_5 => "1.5",
        }
    }

    /// The official schema, for the versions Amplify's own files validate against
    /// (version 0 is converted from 1.5, which is what is checked).
    fn schema(self) -> Option<&'static str> {
        match self {
            Self::V1_4 => Some(include_str!("../schemas/schema_v1.4.json")),
            Self::V0 | Self::V1_5 => Some(include_str!("../schemas/schema_v1.5.json")),
            _ => None,
        }
    }

    /// The unified version built: version 0 is converted from 1.5.
    fn unified(self) -> OutputsVersion {
        match self {
            Self::V0 => Self::V1_5,
            other => other,
        }
    }
}

impl fmt::Display for OutputsVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, thiserror::Error)]
#[error("unsupported outputs version '{0}' (supported: 0, 1, 1.1, 1.2, 1.3, 1.4, 1.5)")]
pub struct UnknownVersion(String);

impl FromStr for OutputsVersion {
    type Err = UnknownVersion;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|v| v.as_str() == s)
            .ok_or_else(|| UnknownVersion(s.to_string()))
    }
}

/// File formats Amplify writes: `json` and `dart` for every version, and `mjs`, `ts` and
/// `json-mobile` for the legacy version 0 only (as `npx ampx` does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputsFormat {
    #[default]
    Json,
    Dart,
    Mjs,
    Ts,
    JsonMobile,
}

impl OutputsFormat {
    pub const ALL: [OutputsFormat; 5] = [
        Self::Json,
        Self::Dart,
        Self::Mjs,
        Self::Ts,
        Self::JsonMobile,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Dart => "dart",
            Self::Mjs => "mjs",
            Self::Ts => "ts",
            Self::JsonMobile => "json-mobile",
        }
    }

    /// The file Amplify writes: `amplify_outputs.<ext>`, or for version 0
    /// `amplifyconfiguration.<ext>` (`json-mobile` is a `.json` too).
    pub fn file_name(self, version: OutputsVersion) -> String {
        let base = match version {
            OutputsVersion::V0 => "amplifyconfiguration",
            _ => "amplify_outputs",
        };
        let extension = match self {
            Self::JsonMobile => "json",
            other => other.as_str(),
        };
        format!("{base}.{extension}")
    }

    /// Whether Amplify writes this format for `version`.
    pub fn check_version(self, version: OutputsVersion) -> Result<(), crate::error::UsageError> {
        if version == OutputsVersion::V0 || matches!(self, Self::Json | Self::Dart) {
            return Ok(());
        }
        Err(crate::error::UsageError::new(format!(
            "--outputs-format {self} is written for the legacy outputs only (`npx ampx` fails with \
             \"Unsupported client config format {self} for client config\" for version {version})"
        ))
        .hint(
            "add --outputs-version 0 for amplifyconfiguration.{mjs,ts,json}, or use json or dart",
        ))
    }
}

impl fmt::Display for OutputsFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OutputsFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| {
                format!(
                    "unsupported outputs format '{s}' (supported: json, dart, mjs, ts, json-mobile)"
                )
            })
    }
}

/// The physical ids a deployment produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deployed {
    pub region: String,
    /// Physical bucket name for each friendly name.
    pub buckets: Vec<(String, String)>,
    pub auth: Option<DeployedAuth>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DeployedAuth {
    pub user_pool_id: String,
    pub user_pool_client_id: String,
    pub identity_pool_id: String,
}

/// What `amplify_outputs.json` needs from a backend besides deployed ids. The template
/// records it in its metadata, so outputs can be rebuilt from a deployed stack alone.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Summary {
    pub buckets: Vec<BucketSummary>,
    /// Absent without `defineAuth` (CloudFormation refuses a null anywhere).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthSummary>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BucketSummary {
    pub name: String,
    pub logical_id: String,
    pub is_default: bool,
    /// Absent for a bucket without `access` (CloudFormation refuses a null anywhere).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paths: Option<Map<String, Value>>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AuthSummary {
    pub username_attributes: Vec<String>,
    pub groups: Vec<String>,
    /// Required standard attributes, when `userAttributes` makes them differ from the
    /// sign-in attributes (absent otherwise, so older templates read the same).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signup_attributes: Option<Vec<String>>,
    /// Cognito's `MfaConfiguration` when it is not `OFF`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_configuration: Option<String>,
    /// `SMS`, `TOTP`, `EMAIL`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mfa_methods: Vec<String>,
    /// `referenceAuth`'s ids: the stack holds no Cognito resource to read them from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referenced: Option<DeployedAuth>,
}

impl Summary {
    pub fn of(backend: &Backend) -> Summary {
        let default = backend.default_storage().map(|s| s.name.clone());
        Summary {
            buckets: backend
                .storages
                .iter()
                .map(|s| BucketSummary {
                    name: s.name.clone(),
                    logical_id: s.logical_id(),
                    is_default: default.as_deref() == Some(s.name.as_str()),
                    paths: s.access.as_ref().map(|_| access::output_paths(s)),
                })
                .collect(),
            auth: backend.auth.as_ref().map(|a| {
                let username_attributes: Vec<String> = a
                    .username_attributes()
                    .iter()
                    .map(|s| s.to_string())
                    .collect();
                let signup = a.signup_attributes();
                AuthSummary {
                    signup_attributes: (signup != username_attributes).then_some(signup),
                    username_attributes,
                    groups: a.groups.clone(),
                    mfa_configuration: Some(a.mfa_configuration().to_string())
                        .filter(|m| m != "OFF"),
                    mfa_methods: a.mfa_types(),
                    referenced: a.reference.as_ref().map(|r| DeployedAuth {
                        user_pool_id: r.user_pool_id.clone(),
                        user_pool_client_id: r.user_pool_client_id.clone(),
                        identity_pool_id: r.identity_pool_id.clone(),
                    }),
                }
            }),
        }
    }
}

fn physical<'a>(deployed: &'a Deployed, name: &str) -> &'a str {
    deployed
        .buckets
        .iter()
        .find(|(friendly, _)| friendly == name)
        .map_or("", |(_, physical)| physical.as_str())
}

/// `amplify_outputs.json` content, keys in Amplify's order.
pub fn build(summary: &Summary, deployed: &Deployed, version: OutputsVersion) -> Value {
    let version = version.unified();
    let mut out = Map::new();
    if let (Some(auth), Some(ids)) = (&summary.auth, &deployed.auth) {
        let attributes = &auth.username_attributes;
        let mut a = Map::new();
        a.insert("user_pool_id".into(), json!(ids.user_pool_id));
        a.insert("aws_region".into(), json!(deployed.region));
        a.insert("user_pool_client_id".into(), json!(ids.user_pool_client_id));
        a.insert("identity_pool_id".into(), json!(ids.identity_pool_id));
        a.insert("mfa_methods".into(), json!(auth.mfa_methods));
        let required = auth.signup_attributes.as_ref().unwrap_or(attributes);
        a.insert("standard_required_attributes".into(), json!(required));
        a.insert("username_attributes".into(), json!(attributes));
        a.insert("user_verification_types".into(), json!(attributes));
        if version >= OutputsVersion::V1_3 {
            a.insert("groups".into(), model::group_precedences(&auth.groups));
        }
        // Amplify's client config names Cognito's `ON` `REQUIRED` and `OFF` `NONE`.
        let mfa = match auth.mfa_configuration.as_deref() {
            Some("ON") => "REQUIRED",
            Some("OPTIONAL") => "OPTIONAL",
            _ => "NONE",
        };
        a.insert("mfa_configuration".into(), json!(mfa));
        a.insert(
            "password_policy".into(),
            json!({
                "min_length": 8,
                "require_lowercase": true,
                "require_numbers": true,
                "require_symbols": true,
                "require_uppercase": true
            }),
        );
        a.insert("unauthenticated_identities_enabled".into(), json!(true));
        out.insert("auth".into(), Value::Object(a));
    }
    if let Some(default) = summary.buckets.iter().find(|b| b.is_default) {
        let mut s = Map::new();
        s.insert("aws_region".into(), json!(deployed.region));
        s.insert(
            "bucket_name".into(),
            json!(physical(deployed, &default.name)),
        );
        if version >= OutputsVersion::V1_1 {
            let buckets: Vec<Value> = summary
                .buckets
                .iter()
                .map(|bucket| {
                    let mut b = Map::new();
                    b.insert("name".into(), json!(bucket.name));
                    b.insert(
                        "bucket_name".into(),
                        json!(physical(deployed, &bucket.name)),
                    );
                    b.insert("aws_region".into(), json!(deployed.region));
                    if version >= OutputsVersion::V1_2
                        && let Some(paths) = &bucket.paths
                    {
                        b.insert("paths".into(), Value::Object(paths.clone()));
                    }
                    Value::Object(b)
                })
                .collect();
            s.insert("buckets".into(), json!(buckets));
        }
        out.insert("storage".into(), Value::Object(s));
    }
    out.insert("version".into(), json!(version.as_str()));
    Value::Object(out)
}

/// Checks outputs against the official schema of their version (1.4 and 1.5;
/// Amplify's own files for older versions do not validate against theirs).
pub fn check(outputs: &Value, version: OutputsVersion) -> Result<(), String> {
    let Some(schema) = version.schema() else {
        return Ok(());
    };
    let schema: Value = serde_json::from_str(schema).map_err(|e| format!("bundled schema: {e}"))?;
    let validator =
        jsonschema::draft202012::new(&schema).map_err(|e| format!("bundled schema: {e}"))?;
    let problems: Vec<String> = validator
        .iter_errors(outputs)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the outputs do not match the amplify_outputs.json {version} schema: {}",
            problems.join("; ")
        ))
    }
}

/// File content: `JSON.stringify(outputs, null, 2)` (no trailing newline), or Dart.
pub fn render(outputs: &Value, format: OutputsFormat, version: OutputsVersion) -> String {
    let pretty = |value: &Value| serde_json::to_string_pretty(value).unwrap_or_default();
    if version != OutputsVersion::V0 {
        let json = pretty(outputs);
        return match format {
            OutputsFormat::Dart => format!("const amplifyConfig = r'''{json}''';"),
            _ => json,
        };
    }
    // Version 0, as Amplify's legacy formatter writes it.
    let config = legacy::legacy(outputs);
    match format {
        OutputsFormat::Json => pretty(&config),
        OutputsFormat::JsonMobile => pretty(&legacy::mobile(&config)),
        OutputsFormat::Mjs | OutputsFormat::Ts => {
            format!(
                "const amplifyConfig = {}\nexport default amplifyConfig;\n",
                pretty(&config)
            )
        }
        OutputsFormat::Dart => format!(
            "const amplifyConfig = r'''{}''';\n\nconst amplifyconfig = amplifyConfig;",
            pretty(&legacy::mobile(&config))
        ),
    }
}

/// The placeholder Amplify writes before the first deploy so front-end builds work.
pub fn placeholder() -> Value {
    json!({ "version": "1.5" })
}

/// Writes `contents` to `dir/<file name>` through a temporary file and a rename, so
/// readers see the old file or the new one, never a half-written one (a symlink there is
/// followed, see `crate::destination`).
pub fn write_atomic(
    dir: &Path,
    (format, version): (OutputsFormat, OutputsVersion),
    contents: &str,
) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let target = dir.join(format.file_name(version));
    crate::destination::write(&target, contents.as_bytes())?;
    Ok(target)
}

mod legacy;

#[cfg(test)]
mod tests;
