//! The one CloudFormation template a backend deploys as: buckets and their policies,
//! Cognito auth, one IAM policy per (bucket, role), and Amplify-compatible stack
//! outputs and metadata. Deterministic: the same backend gives the same bytes.

mod auth;
pub mod policy;

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::access::{Role, plan};
use crate::model::ids::unique_id;
use crate::model::{Auth, Backend, Storage, role_name};
use crate::outputs::{BucketSummary, Summary};
use auth::AuthIds;

/// The metadata key under which the template records its own hash.
pub const HASH_METADATA_KEY: &str = "AmpxRs";

/// Tags on every taggable resource, as Amplify tags them (with our creator).
mod tags {
    use serde_json::{Value, json};

    fn pairs(friendly_name: &str) -> [(&'static str, String); 3] {
        [
            ("amplify:deployment-type", "sandbox".to_string()),
            ("amplify:friendly-name", friendly_name.to_string()),
            ("created-by", "ampx-rs".to_string()),
        ]
    }

    pub(super) fn list(friendly_name: &str) -> Value {
        Value::Array(
            pairs(friendly_name)
                .into_iter()
                .map(|(k, v)| json!({ "Key": k, "Value": v }))
                .collect(),
        )
    }

    pub(super) fn map(friendly_name: &str) -> Value {
        Value::Object(
            pairs(friendly_name)
                .into_iter()
                .map(|(k, v)| (k.to_string(), json!(v)))
                .collect(),
        )
    }
}

/// A role's name (`authenticatedUserRole`) and how a policy names it: a `Ref` to the
/// role the template creates, whose logical id carries the auth's `name`, or for
/// `referenceAuth` the existing role's own name, as the CDK's `Role.fromRoleArn` gives it.
fn role_ref(role: &Role, auth: Option<&Auth>) -> (String, Value) {
    let name = match role {
        Role::Unauthenticated => "unauthenticatedUserRole".to_string(),
        Role::Authenticated => "authenticatedUserRole".to_string(),
        Role::Group(g) => format!("{g}GroupRole"),
    };
    if let Some(auth) = auth
        && let Some(reference) = &auth.reference
    {
        let arn = match role {
            Role::Unauthenticated => Some(reference.unauth_role_arn.as_str()),
            Role::Authenticated => Some(reference.auth_role_arn.as_str()),
            Role::Group(g) => reference.group_role_arn(&auth.groups, g),
        };
        if let Some(existing) = arn.and_then(role_name) {
            return (name, json!(existing));
        }
    }
    let auth_name = auth.map_or("", Auth::name_prefix);
    let ids = AuthIds::new(auth_name);
    let id = match role {
        Role::Unauthenticated => ids.unauthenticated_role,
        Role::Authenticated => ids.authenticated_role,
        Role::Group(g) => AuthIds::group_role(auth_name, g),
    };
    (name, json!({ "Ref": id }))
}

fn add_storage(storage: &Storage, auth: Option<&Auth>, resources: &mut Map<String, Value>) {
    let bucket = storage.logical_id();
    let arn = json!({ "Fn::GetAtt": [bucket, "Arn"] });
    let cors = &crate::model::AMPLIFY_CORS;
    let mut properties = json!({
        "CorsConfiguration": { "CorsRules": [{
            "AllowedHeaders": ["*"],
            "AllowedMethods": cors.methods,
            "AllowedOrigins": ["*"],
            "ExposedHeaders": cors.exposed_headers,
            "MaxAge": cors.max_age
        }] },
        "Tags": tags::list(&storage.name)
    });
    if storage.versioned {
        properties["VersioningConfiguration"] = json!({ "Status": "Enabled" });
    }
    resources.insert(
        bucket.clone(),
        json!({ "Type": "AWS::S3::Bucket", "Properties": properties, "UpdateReplacePolicy": "Delete", "DeletionPolicy": "Delete" }),
    );
    resources.insert(
        unique_id(&[&storage.name, "Bucket", "Policy", "Resource"]),
        json!({
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {
                "Bucket": { "Ref": bucket },
                "PolicyDocument": {
                    "Statement": [{
                        "Action": "s3:*",
                        "Condition": { "Bool": { "aws:SecureTransport": "false" } },
                        "Effect": "Deny",
                        "Principal": { "AWS": "*" },
                        "Resource": [arn, { "Fn::Join": ["", [arn, "/*"]] }]
                    }],
                    "Version": "2012-10-17"
                }
            },
            "UpdateReplacePolicy": "Delete",
            "DeletionPolicy": "Delete"
        }),
    );
    for role_policy in plan(storage) {
        let (role_name, role) = role_ref(&role_policy.role, auth);
        let id = unique_id(&[&storage.name, "Access", &role_name]);
        resources.insert(
            id.clone(),
            json!({
                "Type": "AWS::IAM::Policy",
                "Properties": {
                    "PolicyDocument": policy::document(&role_policy, &arn),
                    "PolicyName": policy_name(&id),
                    "Roles": [role]
                }
            }),
        );
    }
}

/// IAM allows policy names of 128 characters; a logical id may be longer (its human part
/// runs to 240). Shortened as the CDK shortens names: the start, then the id's hash.
fn policy_name(id: &str) -> String {
    const MAX: usize = 128;
    const HASH: usize = 8;
    if id.len() <= MAX {
        return id.to_string();
    }
    format!("{}{}", &id[..MAX - HASH], &id[id.len() - HASH..])
}

/// `buckets` as Amplify's root stack outputs it: a JSON array of JSON strings, with
/// the physical bucket names and region filled in by CloudFormation.
fn buckets_output(buckets: &[BucketSummary]) -> Value {
    // Markers that JSON escaping leaves intact and no friendly name or path contains.
    const BUCKET: &str = "\u{1}B";
    const REGION: &str = "\u{1}R";
    let inner: Vec<String> = buckets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut entry = Map::new();
            entry.insert("name".into(), json!(s.name));
            entry.insert("bucketName".into(), json!(format!("{BUCKET}{i}{BUCKET}")));
            entry.insert("storageRegion".into(), json!(REGION));
            if let Some(paths) = &s.paths {
                entry.insert("paths".into(), Value::Object(paths.clone()));
            }
            Value::Object(entry).to_string()
        })
        .collect();
    let whole = serde_json::to_string(&inner).unwrap_or_default();
    // Control characters are escaped as \uXXXX, twice over.
    let bucket_marker = "\\\\u0001B";
    let region_marker = "\\\\u0001R";
    let mut parts: Vec<Value> = Vec::new();
    let mut rest = whole.as_str();
    loop {
        let next_bucket = rest.find(bucket_marker);
        let next_region = rest.find(region_marker);
        let (at, is_bucket) = match (next_bucket, next_region) {
            (Some(b), Some(r)) if b < r => (b, true),
            (Some(b), None) => (b, true),
            (_, Some(r)) => (r, false),
            (None, None) => break,
        };
        parts.push(json!(&rest[..at]));
        rest = &rest[at + bucket_marker.len()..];
        if is_bucket {
            let end = rest.find(bucket_marker).unwrap_or(0);
            let index: usize = rest[..end].parse().unwrap_or(0);
            parts.push(json!({ "Ref": buckets[index].logical_id }));
            rest = &rest[end + bucket_marker.len()..];
        } else {
            parts.push(json!({ "Ref": "AWS::Region" }));
        }
    }
    parts.push(json!(rest));
    parts.retain(|p| p.as_str() != Some(""));
    json!({ "Fn::Join": ["", parts] })
}

fn add_storage_outputs(summary: &Summary, outputs: &mut Map<String, Value>) -> Vec<&'static str> {
    let mut keys = vec!["buckets"];
    outputs.insert(
        "buckets".into(),
        json!({ "Value": buckets_output(&summary.buckets) }),
    );
    if let Some(default) = summary.buckets.iter().find(|b| b.is_default) {
        outputs.insert(
            "storageRegion".into(),
            json!({ "Value": { "Ref": "AWS::Region" } }),
        );
        outputs.insert(
            "bucketName".into(),
            json!({ "Value": { "Ref": default.logical_id } }),
        );
        keys.extend(["storageRegion", "bucketName"]);
    }
    keys
}

/// SHA-256 of a template's canonical bytes, without its own hash entry.
pub fn template_hash(template: &Value) -> String {
    match template["Metadata"][HASH_METADATA_KEY].get("templateHash") {
        Some(_) => {
            let mut copy = template.clone();
            if let Some(meta) = copy["Metadata"][HASH_METADATA_KEY].as_object_mut() {
                meta.shift_remove("templateHash");
            }
            digest(&copy)
        }
        None => digest(template),
    }
}

/// The hash a template records for itself.
pub fn recorded_hash(template: &Value) -> Option<&str> {
    template["Metadata"][HASH_METADATA_KEY]["templateHash"].as_str()
}

/// The outputs summary a template records (see [`crate::outputs::Summary`]).
pub fn recorded_summary(template: &Value) -> Option<Summary> {
    serde_json::from_value(template["Metadata"][HASH_METADATA_KEY]["outputs"].clone()).ok()
}

fn digest(value: &Value) -> String {
    let mut hasher = Sha256::new();
    // Serializing straight into the hasher avoids building the whole string.
    let _ = serde_json::to_writer(HashWriter(&mut hasher), value);
    crate::parts::hex(&hasher.finalize())
}

struct HashWriter<'a>(&'a mut Sha256);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// CloudFormation's limits on one template.
pub const MAX_RESOURCES: usize = 500;
pub const MAX_OUTPUTS: usize = 200;
/// The largest template CloudFormation takes inline (`TemplateBody`).
pub const MAX_INLINE_BODY: usize = 51_200;
/// The largest template CloudFormation reads from S3 (`TemplateURL`: 1 MB).
pub const MAX_STAGED_BODY: usize = 1_000_000;

/// IAM's limit on the inline policies of one role, all together, without whitespace.
pub const MAX_ROLE_POLICY_CHARS: usize = 10_240;

/// The size IAM counts for each role's inline policies (one per bucket the role may
/// reach), with the longest bucket ARN CloudFormation can name (63-character names).
pub fn role_policy_chars(backend: &Backend) -> BTreeMap<String, usize> {
    let arn = json!(format!("arn:aws:s3:::{}", "b".repeat(63)));
    let mut sizes = BTreeMap::new();
    for storage in &backend.storages {
        for role_policy in plan(storage) {
            let (role_name, _) = role_ref(&role_policy.role, backend.auth.as_ref());
            let document = policy::document(&role_policy, &arn).to_string();
            *sizes.entry(role_name).or_insert(0) += document.chars().count();
        }
    }
    sizes
}

/// The CloudFormation and IAM limits a backend's template breaks, each said with its
/// figures.
pub fn broken_limits(backend: &Backend, template: &Value) -> Vec<String> {
    let count = |section: &str| template[section].as_object().map_or(0, |m| m.len());
    let mut broken = Vec::new();
    for (section, max) in [("Resources", MAX_RESOURCES), ("Outputs", MAX_OUTPUTS)] {
        let n = count(section);
        if n > max {
            broken.push(format!(
                "The template has {n} {}; CloudFormation allows at most {max} in one stack.",
                section.to_lowercase()
            ));
        }
    }
    for (role, chars) in role_policy_chars(backend) {
        if chars > MAX_ROLE_POLICY_CHARS {
            broken.push(format!(
                "The inline policies of role {role} come to about {chars} characters; IAM allows \
                 at most {MAX_ROLE_POLICY_CHARS} per role (Amplify's own deploy hits the same limit)."
            ));
        }
    }
    broken
}

/// The whole template for a validated backend and its outputs summary
/// ([`Summary::of`] the same backend), which the template records in its metadata.
pub fn synthesize(backend: &Backend, summary: &Summary) -> Value {
    let mut resources = Map::new();
    let mut outputs = Map::new();
    let mut metadata = Map::new();
    outputs.insert("deploymentType".into(), json!({ "Value": "sandbox" }));
    outputs.insert(
        "region".into(),
        json!({ "Value": { "Ref": "AWS::Region" } }),
    );
    metadata.insert(
        "AWS::Amplify::Platform".into(),
        json!({ "version": "1", "stackOutputs": ["deploymentType", "region"] }),
    );
    if let Some(auth) = &backend.auth {
        if auth.reference.is_none() {
            auth::add_resources(auth, &mut resources);
        }
        let keys = auth::add_outputs(auth, &mut outputs);
        metadata.insert(
            "AWS::Amplify::Auth".into(),
            json!({ "version": "1", "stackOutputs": keys }),
        );
    }
    for storage in &backend.storages {
        add_storage(storage, backend.auth.as_ref(), &mut resources);
    }
    if !backend.storages.is_empty() {
        let keys = add_storage_outputs(summary, &mut outputs);
        metadata.insert(
            "AWS::Amplify::Storage".into(),
            json!({ "version": "1", "stackOutputs": keys }),
        );
    }
    let mut template = json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "Amplify Gen 2 backend deployed by ampx-rs",
        "Metadata": metadata,
        "Resources": resources,
        "Outputs": outputs,
    });
    template["Metadata"][HASH_METADATA_KEY] = json!({ "outputs": summary });
    let hash = digest(&template);
    template["Metadata"][HASH_METADATA_KEY]["templateHash"] = json!(hash);
    template
}

#[cfg(test)]
mod amplify_tests;
#[cfg(test)]
mod reference_tests;
#[cfg(test)]
mod tests;
