use serde_json::{Value, json};

use super::*;
use crate::test_support::{TestProject, example};

fn synth(name: &str) -> Value {
    example(name).template().clone()
}

fn resources_of_type<'a>(template: &'a Value, kind: &str) -> Vec<(&'a String, &'a Value)> {
    template["Resources"]
        .as_object()
        .expect("resources")
        .iter()
        .filter(|(_, r)| r["Type"] == kind)
        .collect()
}

#[test]
fn same_backend_same_bytes() {
    for name in ["team-drive", "social-room", "two-buckets"] {
        assert_eq!(synth(name).to_string(), synth(name).to_string(), "{name}");
    }
}

#[test]
fn far_below_the_inline_template_limit() {
    for name in ["team-drive", "social-room", "two-buckets"] {
        let compact = synth(name).to_string();
        assert!(
            compact.len() < 51_200 / 3,
            "{name}: {} bytes",
            compact.len()
        );
    }
}

#[test]
fn no_cdk_machinery() {
    for name in ["team-drive", "social-room", "two-buckets"] {
        let t = synth(name);
        assert!(
            t.get("Parameters").is_none(),
            "{name}: no bootstrap parameter"
        );
        for (id, r) in t["Resources"].as_object().expect("resources") {
            let kind = r["Type"].as_str().expect("type");
            assert!(
                !matches!(
                    kind,
                    "AWS::CloudFormation::Stack" | "AWS::Lambda::Function" | "AWS::CDK::Metadata"
                ) && !kind.starts_with("Custom::"),
                "{name}: {id} is {kind}"
            );
        }
    }
}

#[test]
fn buckets_are_configured_as_amplify_configures_them() {
    let t = synth("team-drive");
    let bucket = &t["Resources"]["amplifyTeamDriveBucket28B5C701"];
    assert_eq!(bucket["Type"], "AWS::S3::Bucket");
    assert_eq!(bucket["DeletionPolicy"], "Delete");
    assert_eq!(
        bucket["Properties"]["CorsConfiguration"],
        json!({ "CorsRules": [{
            "AllowedHeaders": ["*"],
            "AllowedMethods": ["GET", "HEAD", "PUT", "POST", "DELETE"],
            "AllowedOrigins": ["*"],
            "ExposedHeaders": ["x-amz-server-side-encryption", "x-amz-request-id", "x-amz-id-2", "ETag"],
            "MaxAge": 3000
        }] })
    );
    assert!(
        bucket["Properties"]
            .get("VersioningConfiguration")
            .is_none()
    );
    assert!(
        bucket["Properties"]["Tags"]
            .as_array()
            .expect("tags")
            .contains(&json!({ "Key": "amplify:friendly-name", "Value": "amplifyTeamDrive" }))
    );
    let policy = &t["Resources"]["amplifyTeamDriveBucketPolicy20828FCE"];
    assert_eq!(
        policy["Properties"]["Bucket"],
        json!({ "Ref": "amplifyTeamDriveBucket28B5C701" })
    );
    let statement = &policy["Properties"]["PolicyDocument"]["Statement"][0];
    assert_eq!(statement["Effect"], "Deny");
    assert_eq!(
        statement["Condition"],
        json!({ "Bool": { "aws:SecureTransport": "false" } })
    );
}

#[test]
fn versioned_buckets_enable_versioning() {
    let project = TestProject::new()
        .file(
            "amplify/backend.ts",
            "import { defineBackend } from '@aws-amplify/backend';\nimport { s } from './storage/resource';\ndefineBackend({ s });\n",
        )
        .file(
            "amplify/storage/resource.ts",
            "import { defineStorage } from '@aws-amplify/backend';\nexport const s = defineStorage({ name: 'docs', versioned: true });\n",
        );
    let t = project.load().expect("valid").template().clone();
    let (_, bucket) = resources_of_type(&t, "AWS::S3::Bucket")[0];
    assert_eq!(
        bucket["Properties"]["VersioningConfiguration"],
        json!({ "Status": "Enabled" })
    );
    assert!(resources_of_type(&t, "AWS::Cognito::UserPool").is_empty());
    assert!(resources_of_type(&t, "AWS::IAM::Policy").is_empty());
}

#[test]
fn auth_resources_match_amplify_properties() {
    let t = synth("social-room");
    let pool = &t["Resources"]["amplifyAuthUserPool4BA7F805"]["Properties"];
    assert_eq!(pool["UsernameAttributes"], json!(["email"]));
    assert_eq!(pool["AutoVerifiedAttributes"], json!(["email"]));
    assert_eq!(
        pool["Policies"]["PasswordPolicy"],
        json!({ "MinimumLength": 8, "RequireLowercase": true, "RequireNumbers": true, "RequireSymbols": true, "RequireUppercase": true })
    );
    let client = &t["Resources"]["amplifyAuthUserPoolAppClient2626C6F8"]["Properties"];
    assert_eq!(
        client["ExplicitAuthFlows"],
        json!([
            "ALLOW_CUSTOM_AUTH",
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH"
        ])
    );
    let identity = &t["Resources"]["amplifyAuthIdentityPool3FDE84CC"]["Properties"];
    assert_eq!(identity["AllowUnauthenticatedIdentities"], true);
    let auth_role = &t["Resources"]["amplifyAuthauthenticatedUserRoleD8DA3689"]["Properties"];
    assert_eq!(
        auth_role["AssumeRolePolicyDocument"]["Statement"][0]["Condition"]["ForAnyValue:StringLike"],
        json!({ "cognito-identity.amazonaws.com:amr": "authenticated" })
    );
    let group = &t["Resources"]["amplifyAuthadminGroupBF1343DA"];
    assert_eq!(group["Type"], "AWS::Cognito::UserPoolGroup");
    assert_eq!(group["Properties"]["Precedence"], 0);
    assert_eq!(
        group["Properties"]["RoleArn"],
        json!({ "Fn::GetAtt": ["amplifyAuthadminGroupRole7DCAC20D", "Arn"] })
    );
    let attachment = &t["Resources"]["amplifyAuthIdentityPoolRoleAttachment045F17C8"]["Properties"];
    assert_eq!(
        attachment["RoleMappings"]["UserPoolWebClientRoleMapping"]["Type"],
        "Token"
    );
    assert_eq!(
        t["Outputs"]["groups"]["Value"],
        "[{\"admin\":{\"precedence\":0}}]"
    );
}

#[test]
fn one_policy_per_bucket_and_role_attached_to_that_role() {
    let t = synth("social-room");
    let policies = resources_of_type(&t, "AWS::IAM::Policy");
    let roles: Vec<&Value> = policies
        .iter()
        .map(|(_, p)| &p["Properties"]["Roles"][0]["Ref"])
        .collect();
    assert_eq!(
        roles,
        vec![
            &json!("amplifyAuthunauthenticatedUserRole2B524D9E"),
            &json!("amplifyAuthauthenticatedUserRoleD8DA3689"),
            &json!("amplifyAuthadminGroupRole7DCAC20D"),
        ]
    );
}

#[test]
fn outputs_match_amplify_root_stack_outputs() {
    let t = synth("team-drive");
    // Amplify's own root template for this example builds `buckets` exactly so.
    let expected = json!({ "Fn::Join": ["", [
        "[\"{\\\"name\\\":\\\"amplifyTeamDrive\\\",\\\"bucketName\\\":\\\"",
        { "Ref": "amplifyTeamDriveBucket28B5C701" },
        "\\\",\\\"storageRegion\\\":\\\"",
        { "Ref": "AWS::Region" },
        "\\\",\\\"paths\\\":{\\\"profile-pictures/*\\\":{\\\"guest\\\":[\\\"get\\\",\\\"list\\\"]},\\\"profile-pictures/${cognito-identity.amazonaws.com:sub}/*\\\":{\\\"entityidentity\\\":[\\\"get\\\",\\\"list\\\",\\\"write\\\",\\\"delete\\\"]},\\\"picture-submissions/*\\\":{\\\"authenticated\\\":[\\\"get\\\",\\\"list\\\",\\\"write\\\"],\\\"guest\\\":[\\\"get\\\",\\\"list\\\",\\\"write\\\"]}}}\"]"
    ]] });
    assert_eq!(t["Outputs"]["buckets"]["Value"], expected);
    assert_eq!(
        t["Outputs"]["bucketName"]["Value"],
        json!({ "Ref": "amplifyTeamDriveBucket28B5C701" })
    );
    assert_eq!(
        t["Metadata"]["AWS::Amplify::Storage"],
        json!({ "version": "1", "stackOutputs": ["buckets", "storageRegion", "bucketName"] })
    );
    let two = synth("two-buckets");
    assert_eq!(
        two["Outputs"]["bucketName"]["Value"],
        json!({ "Ref": "firstBucketB40A1E24" })
    );
}

#[test]
fn the_hash_covers_everything_but_itself() {
    let t = synth("team-drive");
    let recorded = t["Metadata"][HASH_METADATA_KEY]["templateHash"]
        .as_str()
        .expect("hash");
    assert_eq!(recorded, template_hash(&t));
    assert_ne!(recorded, template_hash(&synth("social-room")));
}

#[test]
fn policy_names_fit_iam_and_stay_distinct() {
    assert_eq!(policy_name("short"), "short");
    let long = "a".repeat(230) + "ABCDEF12";
    let other = "a".repeat(230) + "12ABCDEF";
    assert_eq!(policy_name(&long).len(), 128);
    assert!(policy_name(&long).ends_with("ABCDEF12"), "the hash stays");
    assert_ne!(policy_name(&long), policy_name(&other));

    let name = "b".repeat(100);
    let project = TestProject::new()
        .file(
            "amplify/backend.ts",
            "import { defineBackend } from '@aws-amplify/backend';\n\
             import { auth } from './auth/resource';\n\
             import { storage } from './storage/resource';\n\
             defineBackend({ auth, storage });\n",
        )
        .file(
            "amplify/auth/resource.ts",
            &format!(
                "import {{ defineAuth }} from '@aws-amplify/backend';\n\
                 export const auth = defineAuth({{ loginWith: {{ email: true }}, groups: ['{}'] }});\n",
                "g".repeat(90)
            ),
        )
        .file(
            "amplify/storage/resource.ts",
            &format!(
                "import {{ defineStorage }} from '@aws-amplify/backend';\n\
                 export const storage = defineStorage({{ name: '{name}', access: (allow) => ({{ 'a/*': [allow.groups(['{}']).to(['read'])] }}) }});\n",
                "g".repeat(90)
            ),
        );
    let template = project.load().expect("valid").template().clone();
    for (_, policy) in resources_of_type(&template, "AWS::IAM::Policy") {
        let name = policy["Properties"]["PolicyName"].as_str().expect("a name");
        assert!(name.len() <= 128, "{name}");
    }
}

#[test]
fn limits_are_counted_per_section() {
    let resources: serde_json::Map<String, Value> =
        (0..501).map(|i| (format!("R{i}"), json!({}))).collect();
    let outputs: serde_json::Map<String, Value> =
        (0..200).map(|i| (format!("O{i}"), json!({}))).collect();
    let backend = example("two-buckets").backend;
    let broken = broken_limits(
        &backend,
        &json!({ "Resources": resources, "Outputs": outputs }),
    );
    assert_eq!(
        broken,
        ["The template has 501 resources; CloudFormation allows at most 500 in one stack."]
    );
    for name in ["team-drive", "social-room", "two-buckets"] {
        let backend = example(name).backend;
        assert!(broken_limits(&backend, &synth(name)).is_empty(), "{name}");
    }
}

#[test]
fn a_role_whose_inline_policies_exceed_iam_s_limit_is_named() {
    // Rich rules on many buckets: every bucket adds a policy to the guest role.
    let access = "{ 'a/*': [allow.guest.to(['read', 'write', 'delete'])], \
                  'a/b/*': [allow.guest.to(['read'])], 'c/{entity_id}/*': [allow.entity('identity').to(['read', 'write', 'delete']), allow.guest.to(['read'])] }";
    let names: Vec<String> = (0..30).map(|i| format!("b{i:02}")).collect();
    let storage: String = names
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let default = if i == 0 { ", isDefault: true" } else { "" };
            format!("export const {b} = defineStorage({{ name: '{b}'{default}, access: (allow) => ({access}) }});\n")
        })
        .collect();
    let project = TestProject::new()
        .file(
            "amplify/backend.ts",
            &format!(
                "import {{ defineBackend }} from '@aws-amplify/backend';\n\
                 import {{ auth }} from './auth/resource';\n\
                 import {{ {} }} from './storage/resource';\n\
                 defineBackend({{ auth, {} }});\n",
                names.join(", "),
                names.join(", ")
            ),
        )
        .file(
            "amplify/auth/resource.ts",
            "import { defineAuth } from '@aws-amplify/backend';\n\
             export const auth = defineAuth({ loginWith: { email: true } });\n",
        )
        .file(
            "amplify/storage/resource.ts",
            &format!("import {{ defineStorage }} from '@aws-amplify/backend';\n{storage}"),
        );
    let out = project.load().expect_err("over the limit").render();
    assert!(out.contains("[TemplateLimitError]"), "{out}");
    assert!(out.contains("role unauthenticatedUserRole"), "{out}");
    assert!(out.contains("at most 10240 per role"), "{out}");
    let team = role_policy_chars(&example("team-drive").backend);
    assert!(
        team.values().all(|&n| n < MAX_ROLE_POLICY_CHARS),
        "{team:?}"
    );
}

/// `referenceAuth`: the policies go to the existing roles by name (as the CDK's
/// `Role.fromRoleArn` names them), no Cognito or IAM role is created, and the outputs
/// carry the referenced ids.
#[test]
fn referenced_auth_attaches_policies_to_existing_roles_and_creates_no_cognito() {
    let definition = crate::test_support::real_fixture("reference-auth");
    let t = definition.template();
    let kinds: Vec<&str> = t["Resources"]
        .as_object()
        .expect("resources")
        .values()
        .map(|r| r["Type"].as_str().expect("type"))
        .collect();
    assert!(
        kinds
            .iter()
            .all(|k| !k.starts_with("AWS::Cognito") && *k != "AWS::IAM::Role"),
        "{kinds:?}"
    );
    let roles: Vec<&Value> = resources_of_type(t, "AWS::IAM::Policy")
        .iter()
        .map(|(_, p)| &p["Properties"]["Roles"])
        .collect();
    assert_eq!(
        roles,
        [
            &json!(["shared-app-guest"]),
            &json!(["shared-app-admins"]),
            &json!(["shared-app-authenticated"]),
        ]
    );
    assert_eq!(t["Outputs"]["userPoolId"]["Value"], "us-east-1_Ex1stPo0l");
    assert_eq!(
        t["Outputs"]["webClientId"]["Value"],
        "3ke1h8s0ex1st1ngc1ient0000"
    );
    assert_eq!(
        t["Outputs"]["identityPoolId"]["Value"],
        "us-east-1:0b6e3a52-8d4e-4f1c-9a7b-2f3c4d5e6f70"
    );
    assert_eq!(
        t["Outputs"]["authRegion"]["Value"],
        json!({ "Ref": "AWS::Region" })
    );
    // The statements are those of the same rules over a pool the backend creates.
    let created = synth("team-drive");
    let documents = |t: &Value| -> Vec<Value> {
        resources_of_type(t, "AWS::IAM::Policy")
            .iter()
            .filter(|(_, p)| {
                !p["Properties"]["PolicyName"]
                    .as_str()
                    .is_some_and(|n| n.contains("ADMINS"))
            })
            .map(|(_, p)| {
                p["Properties"]["PolicyDocument"]
                    .to_string()
                    .replace("sharedDriveBucketFC7917B5", "B")
                    .replace("amplifyTeamDriveBucket28B5C701", "B")
            })
            .map(|s| serde_json::from_str(&s).expect("json"))
            .collect()
    };
    assert_eq!(documents(t), documents(&created));
}
