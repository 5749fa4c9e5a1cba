//! ampx-rs's template for `examples/team-drive` against the templates Amplify itself
//! synthesized for it (`tests/fixtures/amplify-templates/team-drive`), resource by
//! resource. Every difference is either listed here with its reason or a failure.

use std::path::Path;

use serde_json::{Value, json};

use crate::test_support::TestProject;

/// Resource types Amplify makes and ampx-rs deliberately does not, with why.
const NOT_MADE: &[(&str, &str)] = &[
    (
        "AWS::CloudFormation::Stack",
        "ampx-rs deploys one stack, not a root with nested stacks",
    ),
    ("AWS::CDK::Metadata", "no CDK"),
    (
        "Custom::S3AutoDeleteObjects",
        "ampx-rs empties buckets itself before deleting them",
    ),
    (
        "AWS::Lambda::Function",
        "the auto-delete Lambda, for the same reason",
    ),
    (
        "AWS::SSM::Parameter",
        "the bucket-name parameter only functions read",
    ),
];

/// The auto-delete Lambda's role, which ampx-rs does not make either.
const AUTO_DELETE_ROLE: &str = "CustomS3AutoDeleteObjectsCustomResourceProviderRole3B1BD092";

fn amplify_resources() -> serde_json::Map<String, Value> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/amplify-templates/team-drive");
    let mut all = serde_json::Map::new();
    for file in [
        "root.template.json",
        "auth.nested.template.json",
        "storage.nested.template.json",
    ] {
        let text = std::fs::read_to_string(dir.join(file)).expect("fixture");
        let template: Value = serde_json::from_str(&text).expect("JSON");
        all.extend(
            template["Resources"]
                .as_object()
                .expect("resources")
                .clone(),
        );
    }
    all
}

/// team-drive with the `admin` group Amplify's templates were made with.
fn ours() -> serde_json::Map<String, Value> {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/team-drive/amplify");
    let read = |rel: &str| std::fs::read_to_string(example.join(rel)).expect("example file");
    let auth = read("auth/resource.ts")
        .replace("email: true\n  }", "email: true\n  },\n  groups: ['admin']");
    assert!(
        auth.contains("groups"),
        "the example's auth changed: {auth}"
    );
    let project = TestProject::new()
        .file("amplify/backend.ts", &read("backend.ts"))
        .file("amplify/storage/resource.ts", &read("storage/resource.ts"))
        .file("amplify/auth/resource.ts", &auth);
    let definition = project.load().unwrap_or_else(|d| panic!("{}", d.render()));
    definition.template()["Resources"]
        .as_object()
        .expect("resources")
        .clone()
}

/// Tags ampx-rs writes differently: `created-by` names the tool that made the stack,
/// and CDK's auto-delete marker has no use without the auto-delete Lambda.
fn normalize_tags(properties: &mut Value) {
    for key in ["Tags", "IdentityPoolTags"] {
        if let Some(tags) = properties.get_mut(key).and_then(Value::as_array_mut) {
            tags.retain(|t| t["Key"] != "aws-cdk:auto-delete-objects");
            for tag in tags.iter_mut() {
                if tag["Key"] == "created-by" {
                    tag["Value"] = json!("TOOL");
                }
            }
        }
    }
    if let Some(tags) = properties
        .get_mut("UserPoolTags")
        .and_then(Value::as_object_mut)
    {
        tags.insert("created-by".into(), json!("TOOL"));
    }
    // The auto-delete Lambda's statement in the bucket policy goes with the Lambda.
    if let Some(statements) = properties
        .pointer_mut("/PolicyDocument/Statement")
        .and_then(Value::as_array_mut)
    {
        statements.retain(|s| s["Principal"]["AWS"]["Fn::GetAtt"][0] != AUTO_DELETE_ROLE);
    }
}

#[test]
fn team_drive_matches_amplify_resource_by_resource() {
    let amplify = amplify_resources();
    let ours = ours();
    let mut compared = 0;
    for (id, resource) in &amplify {
        let kind = resource["Type"].as_str().unwrap_or_default();
        if NOT_MADE.iter().any(|(t, _)| *t == kind) || id == AUTO_DELETE_ROLE {
            continue;
        }
        let mut expected = resource["Properties"].clone();
        normalize_tags(&mut expected);
        if kind == "AWS::IAM::Policy" {
            // Amplify names a storage policy after its stack and reaches the role through
            // a nested-stack parameter; ampx-rs names it after the bucket and refers to
            // the role directly. The documents must be equal.
            let same = ours.values().any(|r| {
                r["Type"] == "AWS::IAM::Policy"
                    && r["Properties"]["PolicyDocument"] == expected["PolicyDocument"]
            });
            assert!(same, "no policy of ours has the document of {id}");
            compared += 1;
            continue;
        }
        let mut actual = ours
            .get(id)
            .unwrap_or_else(|| panic!("ampx-rs makes no {id} ({kind})"))["Properties"]
            .clone();
        normalize_tags(&mut actual);
        assert_eq!(actual, expected, "{id} ({kind}) differs from Amplify's");
        compared += 1;
    }
    assert_eq!(
        compared, 12,
        "every resource Amplify makes and ampx-rs should, compared"
    );
    // And nothing of ours that Amplify does not make, but the policies' other names.
    for (id, resource) in &ours {
        assert!(
            amplify.contains_key(id) || resource["Type"] == "AWS::IAM::Policy",
            "ampx-rs makes {id}, which Amplify does not"
        );
    }
}
