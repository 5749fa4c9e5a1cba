use serde_json::{Value, json};

use super::*;
use crate::test_support::example;

fn deployed(buckets: &[(&str, &str)], auth: bool) -> Deployed {
    Deployed {
        region: "eu-west-1".into(),
        buckets: buckets
            .iter()
            .map(|(f, p)| (f.to_string(), p.to_string()))
            .collect(),
        auth: auth.then(|| DeployedAuth {
            user_pool_id: "eu-west-1_AbCdEf123".into(),
            user_pool_client_id: "3n4b5c6d7e8f9g0h1i2j3k4l5m".into(),
            identity_pool_id: "eu-west-1:0b0c0d0e-0000-4000-8000-000000000000".into(),
        }),
    }
}

fn team_drive(version: OutputsVersion) -> Value {
    build(
        &Summary::of(&example("team-drive").backend),
        &deployed(&[("amplifyTeamDrive", "amplify-team-drive-bucket-1")], true),
        version,
    )
}

#[test]
fn team_drive_1_5_is_what_amplify_writes() {
    let expected = r#"{
  "auth": {
    "user_pool_id": "eu-west-1_AbCdEf123",
    "aws_region": "eu-west-1",
    "user_pool_client_id": "3n4b5c6d7e8f9g0h1i2j3k4l5m",
    "identity_pool_id": "eu-west-1:0b0c0d0e-0000-4000-8000-000000000000",
    "mfa_methods": [],
    "standard_required_attributes": [
      "email"
    ],
    "username_attributes": [
      "email"
    ],
    "user_verification_types": [
      "email"
    ],
    "groups": [],
    "mfa_configuration": "NONE",
    "password_policy": {
      "min_length": 8,
      "require_lowercase": true,
      "require_numbers": true,
      "require_symbols": true,
      "require_uppercase": true
    },
    "unauthenticated_identities_enabled": true
  },
  "storage": {
    "aws_region": "eu-west-1",
    "bucket_name": "amplify-team-drive-bucket-1",
    "buckets": [
      {
        "name": "amplifyTeamDrive",
        "bucket_name": "amplify-team-drive-bucket-1",
        "aws_region": "eu-west-1",
        "paths": {
          "profile-pictures/*": {
            "guest": [
              "get",
              "list"
            ]
          },
          "profile-pictures/${cognito-identity.amazonaws.com:sub}/*": {
            "entityidentity": [
              "get",
              "list",
              "write",
              "delete"
            ]
          },
          "picture-submissions/*": {
            "authenticated": [
              "get",
              "list",
              "write"
            ],
            "guest": [
              "get",
              "list",
              "write"
            ]
          }
        }
      }
    ]
  },
  "version": "1.5"
}"#;
    assert_eq!(
        render(
            &team_drive(OutputsVersion::V1_5),
            OutputsFormat::Json,
            OutputsVersion::V1_5
        ),
        expected
    );
}

#[test]
fn versions_add_what_their_schema_added() {
    let v1 = team_drive(OutputsVersion::V1);
    assert_eq!(
        v1["storage"],
        json!({ "aws_region": "eu-west-1", "bucket_name": "amplify-team-drive-bucket-1" })
    );
    assert_eq!(v1["version"], "1");
    let v1_1 = team_drive(OutputsVersion::V1_1);
    assert!(v1_1["storage"]["buckets"][0].get("paths").is_none());
    let v1_2 = team_drive(OutputsVersion::V1_2);
    assert!(v1_2["storage"]["buckets"][0].get("paths").is_some());
    assert!(v1_2["auth"].get("groups").is_none());
    assert!(
        team_drive(OutputsVersion::V1_3)["auth"]
            .get("groups")
            .is_some()
    );
    // Version 0 is built as 1.5, then converted when rendered.
    assert_eq!(
        team_drive(OutputsVersion::V0),
        team_drive(OutputsVersion::V1_5)
    );
    for v in OutputsVersion::ALL
        .into_iter()
        .filter(|v| *v != OutputsVersion::V0)
    {
        assert_eq!(team_drive(v)["version"], v.as_str());
        let outputs = team_drive(v);
        let keys: Vec<&String> = outputs.as_object().expect("object").keys().collect();
        assert_eq!(keys, ["auth", "storage", "version"], "{v}");
    }
}

#[test]
fn versions_1_4_and_1_5_validate_against_the_official_schemas() {
    for name in ["team-drive", "social-room", "two-buckets"] {
        let backend = example(name).backend;
        let buckets: Vec<(&str, &str)> = backend
            .storages
            .iter()
            .map(|s| (s.name.as_str(), "bkt-x"))
            .collect();
        for version in [OutputsVersion::V1_4, OutputsVersion::V1_5] {
            let outputs = build(&Summary::of(&backend), &deployed(&buckets, true), version);
            check(&outputs, version).unwrap_or_else(|e| panic!("{name} {version}: {e}"));
        }
    }
}

#[test]
fn the_schema_check_rejects_a_broken_file() {
    let mut outputs = team_drive(OutputsVersion::V1_5);
    outputs["storage"]["buckets"][0]["bucket_name"] = json!(42);
    outputs["unexpected"] = json!(true);
    let err = check(&outputs, OutputsVersion::V1_5).expect_err("invalid");
    assert!(err.contains("schema"), "{err}");
}

#[test]
fn two_buckets_default_and_paths() {
    let out = build(
        &Summary::of(&example("two-buckets").backend),
        &deployed(
            &[("firstBucket", "b-first"), ("secondBucket", "b-second")],
            true,
        ),
        OutputsVersion::V1_5,
    );
    assert_eq!(out["storage"]["bucket_name"], "b-first");
    assert!(out["storage"]["buckets"][0].get("paths").is_none());
    assert_eq!(
        out["storage"]["buckets"][1]["paths"],
        json!({ "private/${cognito-identity.amazonaws.com:sub}/*": { "entityidentity": ["get", "list", "write", "delete"] } })
    );
}

#[test]
fn social_room_groups_and_dart() {
    let out = build(
        &Summary::of(&example("social-room").backend),
        &deployed(&[("gen2-multi-cursor-demo-app", "b")], true),
        OutputsVersion::V1_5,
    );
    assert_eq!(
        out["auth"]["groups"],
        json!([{ "admin": { "precedence": 0 } }])
    );
    assert_eq!(
        out["storage"]["buckets"][0]["paths"]["room/*"],
        json!({ "guest": ["get"], "authenticated": ["get", "write", "delete"], "groupsadmin": ["get", "list", "write", "delete"] })
    );
    let dart = render(&out, OutputsFormat::Dart, OutputsVersion::V1_5);
    assert!(dart.starts_with("const amplifyConfig = r'''{\n  \"auth\""));
    assert!(dart.ends_with("}''';"));
}

#[test]
fn versions_parse_and_print() {
    for v in OutputsVersion::ALL {
        assert_eq!(v.as_str().parse::<OutputsVersion>().expect("parses"), v);
    }
    assert_eq!("0".parse::<OutputsVersion>().ok(), Some(OutputsVersion::V0));
    assert!("2".parse::<OutputsVersion>().is_err());
    // Formats and the files Amplify names for them.
    assert_eq!(
        OutputsFormat::Ts.file_name(OutputsVersion::V0),
        "amplifyconfiguration.ts"
    );
    assert_eq!(
        OutputsFormat::JsonMobile.file_name(OutputsVersion::V0),
        "amplifyconfiguration.json"
    );
    assert_eq!(
        OutputsFormat::Dart.file_name(OutputsVersion::V1_2),
        "amplify_outputs.dart"
    );
    assert!(
        OutputsFormat::Mjs
            .check_version(OutputsVersion::V1_5)
            .is_err()
    );
    assert!(OutputsFormat::Mjs.check_version(OutputsVersion::V0).is_ok());
    assert!(
        OutputsFormat::Dart
            .check_version(OutputsVersion::V1)
            .is_ok()
    );
    assert_eq!(OutputsVersion::default(), OutputsVersion::V1_5);
}

#[test]
fn atomic_write_replaces_the_whole_file() {
    let dir = tempfile::tempdir().expect("dir");
    let first = write_atomic(
        dir.path(),
        (OutputsFormat::Json, OutputsVersion::V1_5),
        "{\n  \"version\": \"1.5\"\n}",
    )
    .expect("write");
    assert_eq!(first, dir.path().join("amplify_outputs.json"));
    write_atomic(
        dir.path(),
        (OutputsFormat::Json, OutputsVersion::V1_5),
        "new",
    )
    .expect("write");
    assert_eq!(std::fs::read_to_string(&first).expect("read"), "new");
    let names: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(names.len(), 1, "no temporary file is left behind");
    assert_eq!(
        render(&placeholder(), OutputsFormat::Json, OutputsVersion::V1_5),
        "{\n  \"version\": \"1.5\"\n}"
    );
}
