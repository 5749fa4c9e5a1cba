//! Missing or misspelled AWS settings are one line and a hint, exit 2 — before any
//! request is sent.

use crate::common::{ampx, repo, stderr};

fn without_aws(dir: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = ampx(dir);
    for var in [
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_REGION",
        "AWS_DEFAULT_REGION",
        "AWS_ENDPOINT_URL",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_EC2_METADATA_DISABLED", "true");
    cmd
}

#[test]
fn a_misspelled_profile_is_an_error_not_a_fallback() {
    let dir = tempfile::tempdir().expect("dir");
    let out = without_aws(dir.path())
        .args(["--profile", "nosuch", "ls", "s3://some-bucket/"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot load AWS credentials for profile 'nosuch'\nhint: check the profile name and its credentials in ~/.aws/config and ~/.aws/credentials\n"
    );
}

#[test]
fn missing_credentials_and_region_are_explained() {
    let dir = tempfile::tempdir().expect("dir");
    let out = without_aws(dir.path())
        .args(["ls", "s3://some-bucket/"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: no AWS credentials found\nhint: "),
        "{}",
        stderr(&out)
    );
    let out = without_aws(&repo().join("examples/team-drive"))
        .env("AWS_ACCESS_KEY_ID", "x")
        .env("AWS_SECRET_ACCESS_KEY", "y")
        .args(["sandbox", "--once", "--identifier", "me"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: no AWS region is configured\nhint: pass --region, set AWS_REGION, or set `region` for your profile in ~/.aws/config\n"
    );
    let out = without_aws(&repo().join("examples/team-drive"))
        .args(["sandbox", "--once", "--identifier", "not_valid!"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("Invalid --identifier provided: not_valid!"));
}
