//! Version 0 of the outputs: the legacy `amplifyconfiguration` that older front-end
//! libraries read, converted from the unified outputs exactly as Amplify's
//! `ClientConfigLegacyConverter` and `ClientConfigMobileConverter` do (for the auth,
//! storage and custom sections ampx-rs writes), so `--outputs-version 0` files are
//! byte-equal to `npx ampx`'s (tests/fixtures/outputs-formats, made by Amplify's
//! `@aws-amplify/client-config`).

use serde_json::{Map, Value, json};

/// The `UserAgent` Amplify's mobile converter writes: its own package and version,
/// those of the generator the fixtures were made with.
const USER_AGENT: &str = "@aws-amplify/client-config/1.11.1";

/// The legacy web configuration of unified outputs (version 1.4 or later).
pub(super) fn legacy(outputs: &Value) -> Value {
    let mut legacy = Map::new();
    let auth = outputs.get("auth");
    let storage = outputs.get("storage");
    if let Some(region) = auth
        .and_then(|a| a.get("aws_region"))
        .or_else(|| storage.and_then(|s| s.get("aws_region")))
    {
        legacy.insert("aws_project_region".into(), region.clone());
    }
    if let Some(auth) = auth {
        for (to, from) in [
            ("aws_user_pools_id", "user_pool_id"),
            ("aws_cognito_region", "aws_region"),
            ("aws_user_pools_web_client_id", "user_pool_client_id"),
            ("aws_cognito_identity_pool_id", "identity_pool_id"),
        ] {
            if let Some(value) = auth.get(from) {
                legacy.insert(to.into(), value.clone());
            }
        }
        if auth["unauthenticated_identities_enabled"] == true {
            legacy.insert("allowUnauthenticatedIdentities".into(), json!("true"));
        }
        if let Some(methods) = auth.get("mfa_methods") {
            legacy.insert("aws_cognito_mfa_types".into(), methods.clone());
        }
        if let Some(mode) = auth["mfa_configuration"].as_str() {
            let legacy_mode = match mode {
                "NONE" => "OFF",
                "REQUIRED" => "ON",
                other => other,
            };
            legacy.insert("aws_cognito_mfa_configuration".into(), json!(legacy_mode));
        }
        for (to, from) in [
            (
                "aws_cognito_signup_attributes",
                "standard_required_attributes",
            ),
            ("aws_cognito_username_attributes", "username_attributes"),
            (
                "aws_cognito_verification_mechanisms",
                "user_verification_types",
            ),
        ] {
            if let Some(list) = auth[from].as_array() {
                let upper: Vec<Value> = list
                    .iter()
                    .map(|v| json!(v.as_str().unwrap_or_default().to_uppercase()))
                    .collect();
                legacy.insert(to.into(), Value::Array(upper));
            }
        }
        if let Some(policy) = auth.get("password_policy") {
            let mut settings = Map::new();
            if let Some(min) = policy
                .get("min_length")
                .filter(|m| m.as_u64().is_some_and(|m| m > 0))
            {
                settings.insert("passwordPolicyMinLength".into(), min.clone());
            }
            let characters: Vec<&str> = [
                ("require_numbers", "REQUIRES_NUMBERS"),
                ("require_lowercase", "REQUIRES_LOWERCASE"),
                ("require_uppercase", "REQUIRES_UPPERCASE"),
                ("require_symbols", "REQUIRES_SYMBOLS"),
            ]
            .into_iter()
            .filter(|(flag, _)| policy[*flag] == true)
            .map(|(_, name)| name)
            .collect();
            settings.insert("passwordPolicyCharacters".into(), json!(characters));
            legacy.insert(
                "aws_cognito_password_protection_settings".into(),
                Value::Object(settings),
            );
        }
    }
    if let Some(storage) = storage {
        for (to, from) in [
            ("aws_user_files_s3_bucket", "bucket_name"),
            ("aws_user_files_s3_bucket_region", "aws_region"),
        ] {
            if let Some(value) = storage.get(from) {
                legacy.insert(to.into(), value.clone());
            }
        }
    }
    if let Some(custom) = outputs.get("custom") {
        legacy.insert("custom".into(), custom.clone());
    }
    Value::Object(legacy)
}

/// The legacy mobile configuration (`json-mobile`, and Dart for version 0).
pub(super) fn mobile(legacy: &Value) -> Value {
    let mut mobile = Map::new();
    mobile.insert("UserAgent".into(), json!(USER_AGENT));
    mobile.insert("Version".into(), json!("1.0"));
    if let Some(pool) = legacy.get("aws_user_pools_id") {
        let or_empty = |key: &str| legacy.get(key).cloned().unwrap_or_else(|| json!([]));
        let protection = &legacy["aws_cognito_password_protection_settings"];
        let mut password = Map::new();
        if let Some(min) = protection.get("passwordPolicyMinLength") {
            password.insert("passwordPolicyMinLength".into(), min.clone());
        }
        password.insert(
            "passwordPolicyCharacters".into(),
            protection
                .get("passwordPolicyCharacters")
                .cloned()
                .unwrap_or_else(|| json!([])),
        );
        let mut default = Map::new();
        default.insert("authenticationFlowType".into(), json!("USER_SRP_AUTH"));
        for (to, from) in [
            ("mfaConfiguration", "aws_cognito_mfa_configuration"),
            ("mfaTypes", "aws_cognito_mfa_types"),
        ] {
            if let Some(value) = legacy.get(from) {
                default.insert(to.into(), value.clone());
            }
        }
        default.insert("passwordProtectionSettings".into(), Value::Object(password));
        default.insert(
            "signupAttributes".into(),
            or_empty("aws_cognito_signup_attributes"),
        );
        default.insert(
            "usernameAttributes".into(),
            or_empty("aws_cognito_username_attributes"),
        );
        default.insert(
            "verificationMechanisms".into(),
            or_empty("aws_cognito_verification_mechanisms"),
        );
        default.insert(
            "socialProviders".into(),
            or_empty("aws_cognito_social_providers"),
        );
        let mut user_pool = Map::new();
        user_pool.insert("PoolId".into(), pool.clone());
        for (to, from) in [
            ("AppClientId", "aws_user_pools_web_client_id"),
            ("Region", "aws_cognito_region"),
        ] {
            if let Some(value) = legacy.get(from) {
                user_pool.insert(to.into(), value.clone());
            }
        }
        let mut identity = Map::new();
        for (to, from) in [
            ("PoolId", "aws_cognito_identity_pool_id"),
            ("Region", "aws_cognito_region"),
        ] {
            if let Some(value) = legacy.get(from) {
                identity.insert(to.into(), value.clone());
            }
        }
        mobile.insert(
            "auth".into(),
            json!({ "plugins": { "awsCognitoAuthPlugin": {
                "UserAgent": USER_AGENT,
                "Version": "1.0",
                "CognitoUserPool": { "Default": user_pool },
                "CredentialsProvider": { "CognitoIdentity": { "Default": identity } },
                "Auth": { "Default": default }
            } } }),
        );
    }
    if let Some(bucket) = legacy.get("aws_user_files_s3_bucket") {
        let mut plugin = Map::new();
        plugin.insert("bucket".into(), bucket.clone());
        if let Some(region) = legacy.get("aws_user_files_s3_bucket_region") {
            plugin.insert("region".into(), region.clone());
        }
        mobile.insert(
            "storage".into(),
            json!({ "plugins": { "awsS3StoragePlugin": plugin } }),
        );
    }
    Value::Object(mobile)
}
