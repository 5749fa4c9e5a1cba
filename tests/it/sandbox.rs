//! `ampx-rs sandbox` as the built binary against the CloudFormation and S3 emulator
//! (moto) that the test runner starts on 127.0.0.1.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Emulator, Log, ampx, copy_definition, emulator, stderr};
use serde_json::{Value, json};

/// A copy of an example project in a temp dir, and a unique sandbox identifier.
struct Project {
    dir: tempfile::TempDir,
    id: String,
}

impl Project {
    fn example(name: &str, test: &str) -> Project {
        let dir = tempfile::tempdir().expect("dir");
        copy_definition(name, dir.path());
        Project::in_dir(dir, test)
    }

    /// A copy of a project under tests/fixtures/real.
    fn fixture(name: &str, test: &str) -> Project {
        let dir = tempfile::tempdir().expect("dir");
        crate::common::copy_dir(
            &crate::common::repo().join("tests/fixtures/real").join(name),
            dir.path(),
        );
        Project::in_dir(dir, test)
    }

    fn in_dir(dir: tempfile::TempDir, test: &str) -> Project {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .subsec_nanos();
        let id: String = format!(
            "{}{:x}",
            test.chars()
                .filter(char::is_ascii_alphanumeric)
                .take(6)
                .collect::<String>(),
            nanos
        );
        Project {
            dir,
            id: id.chars().take(15).collect(),
        }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn sandbox(&self, extra: &[&str]) -> std::process::Output {
        ampx(self.root())
            .args(["sandbox", "--identifier", &self.id])
            .args(extra)
            .output()
            .expect("runs")
    }

    fn outputs(&self) -> Value {
        serde_json::from_str(
            &std::fs::read_to_string(self.root().join("amplify_outputs.json"))
                .expect("outputs file"),
        )
        .expect("json")
    }

    fn stack(&self) -> String {
        let out = ampx(self.root())
            .args(["sandbox", "status", "--json", "--identifier", &self.id])
            .output()
            .expect("runs");
        let status: Value = serde_json::from_slice(&out.stdout).expect("json");
        status["stack"].as_str().expect("stack").to_string()
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.root().join(rel);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{rel} contains {from}");
        std::fs::write(&path, text.replace(from, to)).expect("write");
    }
}

fn cfn(emu: &Emulator) -> aws_sdk_cloudformation::Client {
    let config = emu.runtime.block_on(
        aws_config::defaults(aws_config::BehaviorVersion::latest())
            .endpoint_url(&emu.endpoint)
            .region(aws_config::Region::new("us-east-1"))
            .load(),
    );
    aws_sdk_cloudformation::Client::new(&config)
}

fn event_count(emu: &Emulator, stack: &str) -> usize {
    emu.runtime
        .block_on(cfn(emu).describe_stack_events().stack_name(stack).send())
        .map(|o| o.stack_events().len())
        .unwrap_or(0)
}

fn bucket_exists(emu: &Emulator, bucket: &str) -> bool {
    emu.runtime
        .block_on(emu.client.head_bucket().bucket(bucket).send())
        .is_ok()
}

fn buckets_of(outputs: &Value) -> Vec<(String, String)> {
    outputs["storage"]["buckets"]
        .as_array()
        .expect("buckets")
        .iter()
        .map(|b| {
            (
                b["name"].as_str().expect("name").to_string(),
                b["bucket_name"].as_str().expect("bucket").to_string(),
            )
        })
        .collect()
}

/// A call of moto's Cognito user pool API (it checks no signature).
fn cognito(emu: &Emulator, action: &str, body: Value) -> Value {
    let mut response = ureq::post(&emu.endpoint)
        .header(
            "x-amz-target",
            &format!("AWSCognitoIdentityProviderService.{action}"),
        )
        .header("content-type", "application/x-amz-json-1.1")
        .header(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0",
        )
        .send(body.to_string().as_bytes())
        .expect("cognito call");
    serde_json::from_slice(&response.body_mut().read_to_vec().expect("body")).expect("json")
}

/// A call of moto's IAM query API; the XML answer as text.
fn iam(emu: &Emulator, params: &[(&str, &str)]) -> String {
    let mut response = ureq::post(&emu.endpoint)
        .header(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=0",
        )
        .header("content-type", "application/x-www-form-urlencoded")
        .config()
        .http_status_as_error(false)
        .build()
        .send_form(params.iter().copied().chain([("Version", "2010-05-08")]))
        .expect("iam call");
    response.body_mut().read_to_string().expect("body")
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn first_deploy_of_each_example_writes_outputs_whose_buckets_exist() {
    let emu = emulator();
    for example in ["team-drive", "social-room", "two-buckets"] {
        let p = Project::example(example, example);
        let out = p.sandbox(&["--once"]);
        assert!(out.status.success(), "{example}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("Deployment completed"),
            "{}",
            stderr(&out)
        );
        let outputs = p.outputs();
        assert_eq!(outputs["version"], "1.5");
        let buckets = buckets_of(&outputs);
        assert!(!buckets.is_empty());
        for (name, bucket) in &buckets {
            assert!(bucket_exists(&emu, bucket), "{example}: {name} → {bucket}");
        }
        assert_eq!(
            outputs["storage"]["bucket_name"].as_str(),
            Some(buckets[0].1.as_str())
        );
        // The auth section names a user pool and groups that moto's Cognito has.
        if example != "two-buckets" {
            let auth = &outputs["auth"];
            let pool = auth["user_pool_id"].as_str().expect("user pool id");
            assert!(pool.starts_with("us-east-1_"), "{example}: {pool}");
            assert!(
                auth["identity_pool_id"]
                    .as_str()
                    .is_some_and(|i| i.starts_with("us-east-1:"))
            );
            let described = cognito(&emu, "DescribeUserPool", json!({ "UserPoolId": pool }));
            assert_eq!(described["UserPool"]["Id"], pool, "{example}");
            let groups = cognito(&emu, "ListGroups", json!({ "UserPoolId": pool }));
            let names: Vec<&str> = groups["Groups"]
                .as_array()
                .expect("groups")
                .iter()
                .filter_map(|g| g["GroupName"].as_str())
                .collect();
            let expected: Vec<&str> = if example == "social-room" {
                vec!["admin"]
            } else {
                vec![]
            };
            assert_eq!(names, expected, "{example}");
            if example == "social-room" {
                assert_eq!(auth["groups"], json!([{ "admin": { "precedence": 0 } }]));
            }
        }
        let status: Value = {
            let out = ampx(p.root())
                .args(["sandbox", "status", "--json", "--identifier", &p.id])
                .output()
                .expect("runs");
            serde_json::from_slice(&out.stdout).expect("json")
        };
        assert_eq!(status["managed_by_ampx_rs"], true);
        assert!(
            status["stack"]
                .as_str()
                .expect("stack")
                .starts_with(&format!("amplify-{}-", example.replace('-', "")))
        );
    }
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn an_unchanged_run_sends_no_change_set_and_restores_the_outputs() {
    let emu = emulator();
    let p = Project::example("team-drive", "unchanged");
    assert!(p.sandbox(&["--once"]).status.success());
    let stack = p.stack();
    let events = event_count(&emu, &stack);
    let first = std::fs::read(p.root().join("amplify_outputs.json")).expect("file");
    std::fs::remove_file(p.root().join("amplify_outputs.json")).expect("rm");
    let out = p.sandbox(&["--once"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("No changes to deploy"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("change set"), "{}", stderr(&out));
    assert_eq!(
        event_count(&emu, &stack),
        events,
        "nothing was sent to CloudFormation"
    );
    assert_eq!(
        std::fs::read(p.root().join("amplify_outputs.json")).expect("file"),
        first,
        "the file is restored from the stack"
    );
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn an_outputs_only_change_deploys_and_reaches_the_outputs() {
    let p = Project::example("two-buckets", "outputsonly");
    let out = p.sandbox(&["--once"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let buckets = buckets_of(&p.outputs());
    let physical = |name: &str| {
        buckets
            .iter()
            .find(|(friendly, _)| friendly == name)
            .map(|(_, physical)| physical.clone())
            .expect("the bucket is in the outputs")
    };
    assert_eq!(
        p.outputs()["storage"]["bucket_name"],
        physical("firstBucket")
    );

    // Moving `isDefault` changes no resource, only the stack's outputs and metadata.
    let rel = "amplify/storage/resource.ts";
    p.edit(
        rel,
        "  isDefault: true, // identify your default storage bucket (required)\n",
        "",
    );
    p.edit(
        rel,
        "  name: 'secondBucket',",
        "  name: 'secondBucket',\n  isDefault: true,",
    );
    let out = p.sandbox(&["--once"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Deployment completed"),
        "an outputs-only change is deployed: {}",
        stderr(&out)
    );
    assert_eq!(
        p.outputs()["storage"]["bucket_name"],
        physical("secondBucket"),
        "the new default reaches amplify_outputs.json"
    );
    let out = p.sandbox(&["--once"]);
    assert!(
        stderr(&out).contains("No changes to deploy"),
        "{}",
        stderr(&out)
    );
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn adding_a_bucket_deploys_it_and_removing_a_full_one_needs_yes() {
    let emu = emulator();
    let p = Project::example("two-buckets", "addremove");
    assert!(p.sandbox(&["--once"]).status.success());
    p.edit(
        "amplify/storage/resource.ts",
        "export const secondBucket",
        "export const thirdBucket = defineStorage({ name: 'thirdBucket' });\n\nexport const secondBucket",
    );
    p.edit(
        "amplify/backend.ts",
        "secondBucket\n});",
        "secondBucket,\n  thirdBucket\n});",
    );
    p.edit(
        "amplify/backend.ts",
        "import { firstBucket, secondBucket }",
        "import { firstBucket, secondBucket, thirdBucket }",
    );
    let out = p.sandbox(&["--once"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let outputs = p.outputs();
    let buckets = buckets_of(&outputs);
    assert_eq!(
        buckets.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        ["firstBucket", "secondBucket", "thirdBucket"]
    );
    let third = buckets[2].1.clone();
    assert!(bucket_exists(&emu, &third));
    emu.put(&third, "keep/me.txt", b"data");

    // Removing it again would delete an object: without --yes nothing changes.
    p.edit(
        "amplify/backend.ts",
        "secondBucket,\n  thirdBucket\n});",
        "secondBucket\n});",
    );
    let before = std::fs::read(p.root().join("amplify_outputs.json")).expect("file");
    let out = p.sandbox(&["--once"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(&format!("bucket {third} and the objects in it")),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("hint: confirm on a terminal, or pass --yes"));
    assert!(bucket_exists(&emu, &third));
    assert_eq!(
        emu.get(&third, "keep/me.txt").as_deref(),
        Some(&b"data"[..])
    );
    assert_eq!(
        std::fs::read(p.root().join("amplify_outputs.json")).expect("file"),
        before
    );

    // With --yes the bucket is emptied and removed.
    let out = p.sandbox(&["--once", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!bucket_exists(&emu, &third));
    assert_eq!(buckets_of(&p.outputs()).len(), 2);
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn an_invalid_edit_exits_2_and_keeps_the_outputs() {
    let _emu = emulator();
    let p = Project::example("team-drive", "invalid");
    assert!(p.sandbox(&["--once"]).status.success());
    let before = std::fs::read(p.root().join("amplify_outputs.json")).expect("file");
    p.edit(
        "amplify/storage/resource.ts",
        "'picture-submissions/*'",
        "'picture-submissions'",
    );
    let out = p.sandbox(&["--once"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("[InvalidStorageAccessPathError] Storage access paths must end with \"/*\""),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("amplify/storage/resource.ts:10:5"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(p.root().join("amplify_outputs.json")).expect("file"),
        before
    );
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn a_stack_ampx_rs_did_not_create_is_refused() {
    let emu = emulator();
    let p = Project::example("team-drive", "foreign");
    let stack = p.stack();
    let template = r#"{"Resources":{"Topic":{"Type":"AWS::SNS::Topic"}}}"#;
    emu.runtime
        .block_on(
            cfn(&emu)
                .create_stack()
                .stack_name(&stack)
                .template_body(template)
                .tags(
                    aws_sdk_cloudformation::types::Tag::builder()
                        .key("created-by")
                        .value("amplify")
                        .build(),
                )
                .send(),
        )
        .expect("create foreign stack");
    let out = p.sandbox(&["--once"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("was not created by ampx-rs"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("npx ampx sandbox delete"));
    let out = ampx(p.root())
        .args(["sandbox", "delete", "--yes", "--identifier", &p.id])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "delete refuses too");
    let status = emu
        .runtime
        .block_on(cfn(&emu).describe_stacks().stack_name(&stack).send())
        .expect("still there");
    assert_eq!(
        status.stacks()[0].stack_status().map(|s| s.as_str()),
        Some("CREATE_COMPLETE")
    );
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn delete_removes_versioned_non_empty_buckets_and_the_stack() {
    let emu = emulator();
    let p = Project::example("two-buckets", "delete");
    p.edit(
        "amplify/storage/resource.ts",
        "isDefault: true,",
        "isDefault: true,\n  versioned: true,",
    );
    assert!(p.sandbox(&["--once"]).status.success());
    let buckets = buckets_of(&p.outputs());
    let first = buckets[0].1.clone();
    emu.put(&first, "a.txt", b"one");
    emu.put(&first, "a.txt", b"two");
    emu.runtime
        .block_on(
            emu.client
                .delete_object()
                .bucket(&first)
                .key("a.txt")
                .send(),
        )
        .expect("delete marker");
    emu.put(&buckets[1].1, "private/x/y", b"z");
    let stack = p.stack();
    let out = ampx(p.root())
        .args(["sandbox", "delete", "--identifier", &p.id])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "no terminal, no --yes");
    let out = ampx(p.root())
        .args(["sandbox", "delete", "--yes", "--identifier", &p.id])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("Finished deleting"));
    for (_, bucket) in &buckets {
        assert!(!bucket_exists(&emu, bucket), "{bucket} is gone");
    }
    let gone = emu
        .runtime
        .block_on(cfn(&emu).describe_stacks().stack_name(&stack).send());
    assert!(
        gone.is_err()
            || gone.expect("ok").stacks()[0]
                .stack_status()
                .map(|s| s.as_str())
                == Some("DELETE_COMPLETE")
    );
    assert!(
        !p.root().join("amplify_outputs.json").exists(),
        "the outputs file is removed"
    );
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn generate_outputs_reproduces_the_file_from_the_stack() {
    let _emu = emulator();
    let p = Project::example("social-room", "generate");
    assert!(
        p.sandbox(&["--once", "--outputs-version", "1.4"])
            .status
            .success()
    );
    let other = tempfile::tempdir().expect("dir");
    let out = ampx(other.path())
        .args([
            "generate",
            "outputs",
            "--stack",
            &p.stack(),
            "--outputs-version",
            "1.4",
            "--out-dir",
        ])
        .arg(other.path())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(other.path().join("amplify_outputs.json")).expect("generated"),
        std::fs::read(p.root().join("amplify_outputs.json")).expect("sandbox file")
    );
    let out = ampx(other.path())
        .args(["generate", "outputs", "--stack", "1-bad"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Invalid --stack name provided: 1-bad"));
}

#[cfg(unix)]
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn watch_mode_redeploys_on_save_and_coalesces_bursts() {
    let emu = emulator();
    let p = Project::example("team-drive", "watch");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("ampx-rs"))
        .current_dir(p.root())
        .args(["sandbox", "--identifier", &p.id])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let log = Log::follow(child.stderr.take().expect("stderr"));
    log.wait_for("[Sandbox] Watching for file changes...", 1);
    assert_eq!(log.count("Deployment completed"), 1);

    // A save redeploys within seconds.
    let saved = Instant::now();
    p.edit(
        "amplify/storage/resource.ts",
        "'picture-submissions/*'",
        "'submissions/*'",
    );
    log.wait_for("Deployment completed", 2);
    assert!(
        saved.elapsed() < Duration::from_secs(10),
        "redeployed in {:?}",
        saved.elapsed()
    );
    log.wait_for("[Sandbox] Watching for file changes...", 2);
    assert!(p.outputs()["storage"]["buckets"][0]["paths"]["submissions/*"].is_object());

    // An invalid save is reported, and the last good stack stays.
    p.edit(
        "amplify/storage/resource.ts",
        "'submissions/*'",
        "'submissions'",
    );
    log.wait_for("the last good stack stays deployed", 1);
    log.wait_for("[Sandbox] Watching for file changes...", 3);
    assert!(p.outputs()["storage"]["buckets"][0]["paths"]["submissions/*"].is_object());

    // A burst of saves: the first batch deploys and every later save is coalesced into
    // exactly one follow-up deploy (never one deploy per save).
    let deploys = log.count("Deployment completed");
    let triggers = log.count("Triggered due to a file change");
    for i in 0..5 {
        p.edit(
            "amplify/storage/resource.ts",
            [
                "'submissions'",
                "'burst0/*'",
                "'burst1/*'",
                "'burst2/*'",
                "'burst3/*'",
            ][i],
            &format!("'burst{i}/*'"),
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    log.wait_for("Deployment completed", deploys + 1);
    std::thread::sleep(Duration::from_millis(1500));
    let burst_deploys = log.count("Deployment completed") - deploys;
    let text = log.text();
    assert!(
        (1..=2).contains(&burst_deploys),
        "5 saves, {burst_deploys} deploys:\n{text}"
    );
    assert_eq!(
        log.count("Triggered due to a file change"),
        triggers + 1,
        "{text}"
    );
    assert!(
        log.count("Will queue for another deployment") <= 1,
        "{text}"
    );
    assert!(
        p.outputs()["storage"]["buckets"][0]["paths"]["burst4/*"].is_object(),
        "the last save is deployed"
    );

    // Files outside amplify/ never trigger a deploy (nor does the outputs file).
    std::fs::write(p.root().join("notes.md"), "x").expect("write");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        log.count("Triggered due to a file change"),
        triggers + 1,
        "{}",
        log.text()
    );

    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    let status = child.wait().expect("wait");
    assert!(status.success());
    log.wait_for("To delete the sandbox, run ampx-rs sandbox delete", 1);
    let stack = p.stack();
    assert!(
        event_count(&emu, &stack) > 0,
        "Ctrl-C never deletes the sandbox"
    );
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn express_mode_sends_the_deployment_config() {
    let emu = emulator();
    let p = Project::example("two-buckets", "express");
    let (proxy, seen) = crate::common::recording_proxy(&emu.endpoint);
    let out = ampx(p.root())
        .env("AWS_ENDPOINT_URL", &proxy)
        .args(["sandbox", "--once", "--express", "--identifier", &p.id])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let sent = String::from_utf8_lossy(&seen.lock().expect("lock")).to_string();
    assert!(
        sent.contains("Action=CreateChangeSet"),
        "the change set went through the proxy"
    );
    assert!(
        sent.contains("DeploymentConfig.Mode=EXPRESS"),
        "CreateChangeSet carries Express mode"
    );
    let plain = Project::example("two-buckets", "standard");
    let (proxy, seen) = crate::common::recording_proxy(&emu.endpoint);
    let out = ampx(plain.root())
        .env("AWS_ENDPOINT_URL", &proxy)
        .args(["sandbox", "--once", "--identifier", &plain.id])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&seen.lock().expect("lock")).contains("DeploymentConfig"));
}

/// A group added to the definition is created in the user pool by the next deploy, and
/// the outputs list it (moto's Cognito, through tests/moto_launcher.py).
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn a_group_change_reaches_the_user_pool_and_the_outputs() {
    let emu = emulator();
    let p = Project::example("social-room", "groups");
    assert!(p.sandbox(&["--once"]).status.success());
    let auth = p.root().join("amplify/auth/resource.ts");
    let text = std::fs::read_to_string(&auth).expect("read");
    std::fs::write(
        &auth,
        text.replace("groups: ['admin']", "groups: ['admin', 'editors']"),
    )
    .expect("write");
    let out = p.sandbox(&["--once", "--yes"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let outputs = p.outputs();
    assert_eq!(
        outputs["auth"]["groups"],
        json!([{ "admin": { "precedence": 0 } }, { "editors": { "precedence": 1 } }])
    );
    let pool = outputs["auth"]["user_pool_id"].as_str().expect("pool");
    let groups = cognito(&emu, "ListGroups", json!({ "UserPoolId": pool }));
    let mut names: Vec<&str> = groups["Groups"]
        .as_array()
        .expect("groups")
        .iter()
        .filter_map(|g| g["GroupName"].as_str())
        .collect();
    names.sort();
    assert_eq!(names, ["admin", "editors"]);
}

/// A backend of `n` buckets without access rules, in place of the example's storage.
fn with_buckets(p: &Project, n: usize) {
    let names: Vec<String> = (0..n).map(|i| format!("mediaBucket{i:02}")).collect();
    let storage: String = names
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let default = if i == 0 { ", isDefault: true" } else { "" };
            format!("export const {b} = defineStorage({{ name: '{b}'{default} }});\n")
        })
        .collect();
    std::fs::write(
        p.root().join("amplify/storage/resource.ts"),
        format!("import {{ defineStorage }} from '@aws-amplify/backend';\n{storage}"),
    )
    .expect("write");
    std::fs::write(
        p.root().join("amplify/backend.ts"),
        format!(
            "import {{ defineBackend }} from '@aws-amplify/backend';\nimport {{ {0} }} from './storage/resource';\ndefineBackend({{ {0} }});\n",
            names.join(", ")
        ),
    )
    .expect("write");
}

/// Issue 12: a template over the inline limit (41 buckets) deploys through the staging
/// bucket on a moto that refuses inline bodies over 51,200 bytes, as AWS does; the
/// bucket is private, encrypted and TLS-only, holds nothing between deploys, and the
/// last `sandbox delete` removes it.
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn a_41_bucket_backend_deploys_through_the_staging_bucket() {
    let emu = emulator();
    let p = Project::example("two-buckets", "staged");
    with_buckets(&p, 41);
    let template = ampx(p.root()).arg("synth").output().expect("runs");
    let template: Value = serde_json::from_slice(&template.stdout).expect("template");
    let sent = template.to_string().len();
    assert!(sent > 51_200, "{sent} bytes are sent");
    let (proxy, seen) = crate::common::recording_proxy(&emu.endpoint);
    let out = ampx(p.root())
        .env("AWS_ENDPOINT_URL", &proxy)
        .args(["sandbox", "--once", "--identifier", &p.id])
        .output()
        .expect("runs");
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("staging it in S3"), "{err}");
    // Every request to the staging bucket but its creation names the expected owner,
    // so a bucket of that name someone else made first is refused (moto does not check).
    let staging = "ampx-rs-staging-123456789012-us-east-1";
    let recorded = String::from_utf8_lossy(&seen.lock().expect("lock")).to_string();
    // Request lines end in " HTTP/1.1"; a body without a final newline runs into the
    // next request's method, so the method is the end of its word.
    let lines: Vec<(&str, &str)> = recorded
        .split(" HTTP/1.1")
        .filter_map(|segment| {
            let mut words = segment.rsplitn(2, ' ');
            Some((words.next()?, words.next()?))
        })
        .filter(|(path, _)| path.starts_with(&format!("/{staging}")))
        .collect();
    let requests = lines.len();
    let creates = lines
        .iter()
        .filter(|(path, method)| {
            method.ends_with("PUT") && path.trim_end_matches('/') == format!("/{staging}")
        })
        .count();
    let owned = recorded
        .lines()
        .filter(|l| {
            l.trim_end()
                .eq_ignore_ascii_case("x-amz-expected-bucket-owner: 123456789012")
        })
        .count();
    assert!(
        requests >= 6 && creates == 1,
        "{requests} requests, {creates} creates: {lines:?}"
    );
    assert_eq!(
        owned,
        requests - creates,
        "every request but the creation names the owner"
    );
    assert_eq!(buckets_of(&p.outputs()).len(), 41);
    for (_, bucket) in buckets_of(&p.outputs()) {
        assert!(bucket_exists(&emu, &bucket), "{bucket}");
    }
    let s3 = &emu.client;
    let listed = emu
        .runtime
        .block_on(s3.list_objects_v2().bucket(staging).send())
        .expect("the staging bucket exists");
    assert_eq!(listed.key_count(), Some(0), "no template is left staged");
    let block = emu
        .runtime
        .block_on(s3.get_public_access_block().bucket(staging).send())
        .expect("public access block");
    let block = block.public_access_block_configuration().expect("config");
    assert_eq!(
        (block.block_public_acls(), block.restrict_public_buckets()),
        (Some(true), Some(true))
    );
    let encryption = emu
        .runtime
        .block_on(s3.get_bucket_encryption().bucket(staging).send())
        .expect("encryption");
    let rule = &encryption
        .server_side_encryption_configuration()
        .expect("configuration")
        .rules()[0];
    assert_eq!(
        rule.apply_server_side_encryption_by_default()
            .map(|d| d.sse_algorithm().as_str()),
        Some("AES256")
    );
    // The TLS-only policy is left out on this plain-HTTP emulator (it would refuse our
    // own uploads); its document is unit-tested in src/aws/staging.rs.
    let out = ampx(p.root())
        .args(["sandbox", "delete", "--yes", "--identifier", &p.id])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !bucket_exists(&emu, staging),
        "the last sandbox delete removes it"
    );
}

/// `--as` against the deployed sandbox: a guest and a test user get credentials from its
/// identity pool, and the S3 requests are signed with them, never with the developer's
/// (checked at a recording proxy); `access check --deployed` reports every cell moto
/// allows and the definition denies (moto enforces no IAM: the detector's test); and
/// `sandbox delete` removes the test users.
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn the_deployed_sandbox_is_tried_as_its_app_users() {
    let emu = emulator();
    let p = Project::example("social-room", "asusers");
    let out = p.sandbox(&["--once"]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(p.root().join("a.txt"), "hi").expect("write");
    let (proxy, seen) = crate::common::recording_proxy(&emu.endpoint);
    let run = |args: &[&str]| {
        ampx(p.root())
            .env("AWS_ENDPOINT_URL", &proxy)
            .args(args)
            .output()
            .expect("runs")
    };
    let guest = run(&[
        "cp",
        "--as",
        "guest",
        "a.txt",
        "s3://gen2-multi-cursor-demo-app/room/a.txt",
    ]);
    assert!(guest.status.success(), "{}", stderr(&guest));
    assert!(
        stderr(&guest).contains("acting as a guest of the deployed sandbox (identity us-east-1:"),
        "{}",
        stderr(&guest)
    );
    let user = run(&[
        "ls",
        "--as",
        "user:zed@example.com",
        "s3://gen2-multi-cursor-demo-app/room/",
    ]);
    assert!(user.status.success(), "{}", stderr(&user));
    assert!(
        stderr(&user).contains("acting as test user zed@example.com"),
        "{}",
        stderr(&user)
    );
    let member = run(&[
        "ls",
        "--as",
        "group:admin",
        "s3://gen2-multi-cursor-demo-app/room/",
    ]);
    assert!(member.status.success(), "{}", stderr(&member));
    assert!(
        stderr(&member).contains("acting as test user ampx-test-group-admin@example.com"),
        "{}",
        stderr(&member)
    );
    let sent = String::from_utf8_lossy(&seen.lock().expect("lock")).into_owned();
    let bucket = p.outputs()["storage"]["bucket_name"]
        .as_str()
        .expect("bucket")
        .to_string();
    // Each S3 request's head: its request line to the bucket, up to the blank line.
    let s3_heads: Vec<&str> = sent
        .match_indices(&format!(" /{bucket}"))
        .filter_map(|(at, _)| {
            let start = sent[..at].rfind("\r\n").map_or(0, |i| i + 2);
            let end = sent[at..].find("\r\n\r\n").map(|i| at + i)?;
            Some(&sent[start..end])
        })
        .collect();
    assert!(s3_heads.len() >= 3, "{sent}");
    for head in &s3_heads {
        assert!(
            head.contains("AWS4-HMAC-SHA256 Credential="),
            "unsigned:\n{head}"
        );
        assert!(
            !head.contains("Credential=test/"),
            "an S3 request signed with the developer's key:\n{head}"
        );
    }
    assert!(
        sent.contains("AWSCognitoIdentityService.GetCredentialsForIdentity"),
        "{sent}"
    );
    // The test user is in the deployed pool, in its group.
    let pool = p.outputs()["auth"]["user_pool_id"]
        .as_str()
        .expect("pool")
        .to_string();
    let in_group = cognito(
        &emu,
        "ListUsersInGroup",
        json!({ "UserPoolId": pool, "GroupName": "admin" }),
    );
    assert_eq!(
        in_group["Users"][0]["Attributes"][0],
        json!({ "Name": "email", "Value": "ampx-test-group-admin@example.com" }),
        "{in_group}"
    );

    let check = ampx(p.root())
        .args(["access", "check", "--deployed"])
        .output()
        .expect("runs");
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let text = crate::common::stdout(&check);
    let disagreements: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("disagree: "))
        .collect();
    assert_eq!(
        disagreements,
        [
            "disagree: guest list on 'room/*' in gen2-multi-cursor-demo-app: the definition denies it, the deployed sandbox allows it",
            "disagree: guest write on 'room/*' in gen2-multi-cursor-demo-app: the definition denies it, the deployed sandbox allows it",
            "disagree: guest delete on 'room/*' in gen2-multi-cursor-demo-app: the definition denies it, the deployed sandbox allows it",
            "disagree: authenticated list on 'room/*' in gen2-multi-cursor-demo-app: the definition denies it, the deployed sandbox allows it",
        ],
        "{text}"
    );
    assert!(
        text.contains("8 of 12 checks agree with the definition"),
        "{text}"
    );
    // No probe object stays behind.
    assert_eq!(emu.keys(&bucket), ["room/a.txt"]);

    let deleted = ampx(p.root())
        .args(["sandbox", "delete", "--yes", "--identifier", &p.id])
        .output()
        .expect("runs");
    assert!(deleted.status.success(), "{}", stderr(&deleted));
    assert!(
        stderr(&deleted).contains("Deleted 3 test user(s) of --as"),
        "{}",
        stderr(&deleted)
    );
    let users = cognito(&emu, "ListUsers", json!({ "UserPoolId": pool }));
    assert_eq!(users["Users"], json!([]), "{users}");
}

/// The cloud sandbox shows who gains and who loses before a deploy, with the objects in
/// the deployed bucket under each path, and refuses without a terminal or --yes to take
/// access away from objects that exist.
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn a_deploy_shows_who_gains_and_loses_and_asks_before_access_is_lost() {
    let emu = emulator();
    let p = Project::example("social-room", "accdiff");
    let out = p.sandbox(&["--once"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bucket = p.outputs()["storage"]["bucket_name"]
        .as_str()
        .expect("bucket")
        .to_string();
    emu.put(&bucket, "room/a.txt", b"a");
    emu.put(&bucket, "room/b.txt", b"b");
    p.edit(
        "amplify/storage/resource.ts",
        "allow.authenticated.to(['get', 'write', 'delete'])",
        "allow.authenticated.to(['get', 'write'])",
    );
    let refused = p.sandbox(&["--once"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    let text = stderr(&refused);
    assert!(
        text.contains("[Sandbox] Access changes in gen2-multi-cursor-demo-app:"),
        "{text}"
    );
    assert!(
        text.contains("[Sandbox]   - authenticated loses delete on 'room/*' (2 objects there)"),
        "{text}"
    );
    assert!(
        text.contains(
            "not deployed: it takes access away from objects that exist; nothing was changed"
        ),
        "{text}"
    );
    let applied = p.sandbox(&["--once", "--yes"]);
    assert!(applied.status.success(), "{}", stderr(&applied));
    assert!(
        stderr(&applied).contains("Deployment completed"),
        "{}",
        stderr(&applied)
    );
    // A change that only gives access deploys without asking.
    p.edit(
        "amplify/storage/resource.ts",
        "allow.authenticated.to(['get', 'write'])",
        "allow.authenticated.to(['get', 'list', 'write'])",
    );
    let gained = p.sandbox(&["--once"]);
    assert!(gained.status.success(), "{}", stderr(&gained));
    assert!(
        stderr(&gained).contains("+ authenticated gains list on 'room/*'"),
        "{}",
        stderr(&gained)
    );
}

/// `generate outputs --app-id ID --branch NAME` reads the branch deployment's stack,
/// named as Amplify names it.
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn generate_outputs_finds_a_branch_stack_by_app_and_branch() {
    let _emu = emulator();
    let p = Project::example("team-drive", "branch");
    let out = ampx(p.root())
        .args([
            "generate", "outputs", "--app-id", "d1a2b3c4", "--branch", "main",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("stack amplify-d1a2b3c4-main-branch-cd70825dbf does not exist"),
        "{}",
        stderr(&out)
    );
    let lone = ampx(p.root())
        .args(["generate", "outputs", "--app-id", "d1"])
        .output()
        .expect("runs");
    assert_eq!(lone.status.code(), Some(2));
    assert!(stderr(&lone).contains("--branch"), "{}", stderr(&lone));
}

/// `referenceAuth`: the deploy attaches the storage policies to the existing roles,
/// creates no Cognito resource, writes the referenced ids to the outputs, makes no
/// test users in the referenced pool, and `sandbox delete` leaves the roles in place.
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn a_referenced_auth_gets_policies_on_its_roles_and_nothing_else() {
    let emu = emulator();
    let p = Project::fixture("reference-auth", "refauth");
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}"#;
    for (name, path) in [
        ("shared-app-guest", "/"),
        ("shared-app-authenticated", "/"),
        ("shared-app-admins", "/teams/"),
    ] {
        iam(
            &emu,
            &[
                ("Action", "CreateRole"),
                ("RoleName", name),
                ("Path", path),
                ("AssumeRolePolicyDocument", trust),
            ],
        );
    }
    let out = p.sandbox(&["--once"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "left-out auth access needs the flag"
    );
    let out = p.sandbox(&["--once", "--without-left-out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let outputs = p.outputs();
    assert_eq!(outputs["auth"]["user_pool_id"], "us-east-1_Ex1stPo0l");
    assert_eq!(
        outputs["auth"]["user_pool_client_id"],
        "3ke1h8s0ex1st1ngc1ient0000"
    );
    assert_eq!(
        outputs["auth"]["identity_pool_id"],
        "us-east-1:0b6e3a52-8d4e-4f1c-9a7b-2f3c4d5e6f70"
    );
    let bucket = buckets_of(&outputs)[0].1.clone();
    assert!(bucket_exists(&emu, &bucket));
    for role in [
        "shared-app-guest",
        "shared-app-authenticated",
        "shared-app-admins",
    ] {
        let listed = iam(&emu, &[("Action", "ListRolePolicies"), ("RoleName", role)]);
        assert!(
            listed.contains("<member>sharedDriveAccess"),
            "{role} has the storage policy: {listed}"
        );
    }
    let stack = p.stack();
    let resources = emu
        .runtime
        .block_on(
            cfn(&emu)
                .describe_stack_resources()
                .stack_name(&stack)
                .send(),
        )
        .expect("resources");
    let kinds: Vec<&str> = resources
        .stack_resources()
        .iter()
        .filter_map(|r| r.resource_type())
        .collect();
    // No Cognito resource and no role, only the bucket and the policies (other tests
    // make user pools in the same emulator at the same time, so pools are not counted).
    assert!(
        kinds
            .iter()
            .all(|k| !k.starts_with("AWS::Cognito") && *k != "AWS::IAM::Role"),
        "{kinds:?}"
    );
    // No test users in a pool that belongs to another app.
    let out = ampx(p.root())
        .args([
            "ls",
            "s3://sharedDrive/picture-submissions/",
            "--as",
            "authenticated",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("makes no test users in a pool it did not create"),
        "{}",
        stderr(&out)
    );
    let out = ampx(p.root())
        .args(["sandbox", "delete", "--yes", "--identifier", &p.id])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    for role in [
        "shared-app-guest",
        "shared-app-authenticated",
        "shared-app-admins",
    ] {
        let got = iam(&emu, &[("Action", "GetRole"), ("RoleName", role)]);
        assert!(got.contains("<RoleName>"), "{role} is still there: {got}");
        let listed = iam(&emu, &[("Action", "ListRolePolicies"), ("RoleName", role)]);
        assert!(!listed.contains("sharedDriveAccess"), "{role}: {listed}");
    }
}
