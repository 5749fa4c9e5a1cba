//! `ampx-rs synth` on the example projects and on invalid definitions.

use crate::common::{ampx, assert_matches_file, repo, stderr, stdout};
use serde_json::Value;

#[test]
fn synth_prints_a_template_for_every_example() {
    for example in ["team-drive", "social-room", "two-buckets"] {
        let out = ampx(&repo().join("examples").join(example))
            .arg("synth")
            .output()
            .expect("runs");
        assert!(out.status.success(), "{example}: {}", stderr(&out));
        assert_eq!(
            stderr(&out),
            "",
            "{example}: nothing but the template is printed"
        );
        let template: Value = serde_json::from_str(&stdout(&out)).expect("stdout is JSON");
        assert!(
            template["Resources"]
                .as_object()
                .is_some_and(|r| !r.is_empty())
        );
    }
}

/// The templates of the examples and the real-world-shaped fixtures, pinned byte for
/// byte: a change that would redeploy every sandbox shows as a reviewed diff of
/// tests/fixtures/templates.
#[test]
fn synthesized_templates_are_pinned() {
    let projects = ["team-drive", "social-room", "two-buckets"]
        .map(|name| (name, repo().join("examples").join(name)))
        .into_iter()
        .chain(
            [
                "data-and-functions",
                "cdk-grants",
                "auth-options",
                "export-default",
                "large",
                "reference-auth",
            ]
            .map(|name| (name, repo().join("tests/fixtures/real").join(name))),
        );
    for (name, dir) in projects {
        let out = ampx(&dir).arg("synth").output().expect("runs");
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let pinned = repo()
            .join("tests/fixtures/templates")
            .join(format!("{name}.json"));
        assert_matches_file(&pinned, &stdout(&out));
    }
}

#[test]
fn synth_finds_the_project_from_a_subfolder() {
    let dir = repo().join("examples/team-drive/amplify/storage");
    let from_sub = ampx(&dir).arg("synth").output().expect("runs");
    let from_root = ampx(&repo().join("examples/team-drive"))
        .arg("synth")
        .output()
        .expect("runs");
    assert!(from_sub.status.success());
    assert_eq!(from_sub.stdout, from_root.stdout);
}

#[test]
fn synth_out_writes_the_file() {
    let dir = tempfile::tempdir().expect("dir");
    let out_file = dir.path().join("template.json");
    let out = ampx(&repo().join("examples/two-buckets"))
        .args(["synth", "--out"])
        .arg(&out_file)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).starts_with("Template written: "),
        "{}",
        stderr(&out)
    );
    let template: Value =
        serde_json::from_str(&std::fs::read_to_string(&out_file).expect("file")).expect("JSON");
    assert!(template["Resources"]["firstBucketB40A1E24"].is_object());
}

#[test]
fn outside_a_project_is_a_usage_error_with_a_hint() {
    let dir = tempfile::tempdir().expect("dir");
    let out = ampx(dir.path()).arg("synth").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("error: no Amplify project found"), "{err}");
    assert!(err.contains("\nhint: "), "{err}");
}

/// Every invalid fixture exits 2 and prints exactly its checked-in diagnostics.
#[test]
fn invalid_definitions_show_located_errors() {
    let fixtures = repo().join("tests/fixtures/invalid");
    let mut names: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    assert!(names.len() >= 8);
    for dir in names {
        let out = ampx(&dir).arg("synth").output().expect("runs");
        assert_eq!(out.status.code(), Some(2), "{}", dir.display());
        assert_eq!(
            stdout(&out),
            "",
            "{}: no template on failure",
            dir.display()
        );
        assert_matches_file(&dir.join("expected.stderr"), &stderr(&out));
    }
}

/// r13: `--out` writes into a device in place and through a symlink to its target.
#[cfg(unix)]
#[test]
fn r13_synth_out_never_replaces_a_device_or_a_symlink() {
    let project = repo().join("examples/team-drive");
    let out = ampx(&project)
        .args(["synth", "--out", "/dev/null"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let meta = std::fs::symlink_metadata("/dev/null").expect("meta");
    assert!(!meta.is_file(), "/dev/null is still a device");

    let dir = tempfile::tempdir().expect("dir");
    std::os::unix::fs::symlink("template.json", dir.path().join("link.json")).expect("symlink");
    let out = ampx(&project)
        .args(["synth", "--out"])
        .arg(dir.path().join("link.json"))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(dir.path().join("link.json"))
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(dir.path().join("template.json")).expect("target");
    assert!(serde_json::from_str::<Value>(&written).is_ok());
}

/// Real-world-shaped backends (data, functions, CDK code in backend.ts, every auth
/// option) synthesize, and every part ampx-rs leaves out is named at its line.
#[test]
fn real_backends_synthesize_and_name_what_is_left_out() {
    let fixtures = repo().join("tests/fixtures/real");
    let expected: &[(&str, &[&str])] = &[
        (
            "data-and-functions",
            &[
                "ampx-rs synthesizes auth and 1 bucket (photos); 7 parts of this backend are left out:",
                "  amplify/backend.ts:11           data             data: defineData(...)",
                "  amplify/storage/resource.ts:13  function access  allow.resource(resize).to(['read', 'write'])  (touches access)",
            ],
        ),
        (
            "cdk-grants",
            &["  amplify/backend.ts:19  backend code  s3Bucket.grantRead(...)  (touches access)"],
        ),
        (
            "auth-options",
            &["  amplify/auth/resource.ts:51  auth trigger      triggers.postConfirmation"],
        ),
        (
            "export-default",
            &["  amplify/backend.ts:10  backend code  new Bucket(...)"],
        ),
        (
            "reference-auth",
            &[
                "ampx-rs synthesizes referenceAuth and 1 bucket (sharedDrive); 2 parts of this backend are left out:",
                "  amplify/auth/resource.ts:14  auth access  access: functions allowed to act on the user pool  (touches access)",
            ],
        ),
    ];
    for (name, lines) in expected {
        let out = ampx(&fixtures.join(name))
            .arg("synth")
            .output()
            .expect("runs");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{name}: {err}");
        let template: Value = serde_json::from_slice(&out.stdout).expect("a template");
        assert!(
            template["Resources"]
                .as_object()
                .is_some_and(|r| !r.is_empty())
        );
        for line in *lines {
            assert!(
                err.lines().any(|l| l == *line),
                "{name}: no line {line:?} in\n{err}"
            );
        }
        assert!(err.contains("`npx ampx sandbox`"), "{err}");
    }
}

/// The cloud sandbox stops before any AWS call when left-out code changes access;
/// `--without-left-out` passes that check (and then needs AWS like any deploy).
#[test]
fn the_cloud_sandbox_refuses_left_out_access_unless_told() {
    let dir = tempfile::tempdir().expect("dir");
    crate::common::copy_dir(&repo().join("tests/fixtures/real/cdk-grants"), dir.path());
    let sandbox = |extra: &[&str]| {
        ampx(dir.path())
            .args(["sandbox", "--once", "--identifier", "t"])
            .args(extra)
            .env_remove("AWS_REGION")
            .env_remove("AWS_DEFAULT_REGION")
            .env("AWS_CONFIG_FILE", dir.path().join("no-config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                dir.path().join("no-credentials"),
            )
            .output()
            .expect("runs")
    };
    let out = sandbox(&[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.matches("[LeftOutAccessError]").count(), 3, "{err}");
    assert!(err.contains("pass --without-left-out"), "{err}");
    assert!(
        !dir.path().join("amplify_outputs.json").exists(),
        "nothing written"
    );
    let out = sandbox(&["--without-left-out"]);
    let err = stderr(&out);
    assert!(!err.contains("LeftOutAccessError"), "{err}");
}
