//! `npx ampx`'s surface that scripts and bug reports use: `info`, `--debug`, and the
//! function-log flags, which are accepted with a note.

use crate::common::{ampx, copy_definition, stderr, stdout};

#[test]
fn info_tells_what_a_bug_report_needs_without_aws() {
    let dir = tempfile::tempdir().expect("dir");
    copy_definition("team-drive", dir.path());
    let out = ampx(dir.path())
        .args(["info", "--json"])
        .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .env("AWS_REGION", "eu-west-1")
        .env("USER", "alice")
        .env_remove("AWS_PROFILE")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let info: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
    let root = std::path::PathBuf::from(info["project_root"].as_str().expect("a root"));
    assert_eq!(
        root.canonicalize().expect("exists"),
        dir.path().canonicalize().expect("exists")
    );
    assert_eq!(info["identifier"], "alice");
    assert!(
        info["stack"]
            .as_str()
            .is_some_and(|s| s.starts_with("amplify-") && s.contains("-alice-sandbox-")),
        "{info}"
    );
    assert_eq!(info["region"], "eu-west-1");
    assert_eq!(info["region_source"], "AWS_REGION");
    assert_eq!(info["endpoint"], "http://127.0.0.1:9");
    assert_eq!(info["endpoint_source"], "AWS_ENDPOINT_URL");
    assert_eq!(info["outputs"], serde_json::Value::Null);
    for tool in ["node", "npm"] {
        assert!(
            info.get(tool).is_some(),
            "{tool} is named, installed or not"
        );
    }
    let text = ampx(dir.path()).arg("info").output().expect("runs");
    assert!(text.status.success(), "{}", stderr(&text));
    assert!(
        stdout(&text)
            .lines()
            .any(|l| l.starts_with("project_root ")),
        "{}",
        stdout(&text)
    );
}

#[test]
fn debug_is_verbose_as_npx_ampx_spells_it() {
    let dir = tempfile::tempdir().expect("dir");
    copy_definition("team-drive", dir.path());
    let run = |flag: &str| {
        ampx(dir.path())
            .args([flag, "synth"])
            .output()
            .expect("runs")
    };
    let (debug, verbose) = (run("--debug"), run("--verbose"));
    assert!(debug.status.success(), "{}", stderr(&debug));
    assert_eq!(stderr(&debug), stderr(&verbose));
    assert!(
        stderr(&debug).contains("definition files"),
        "{}",
        stderr(&debug)
    );
}

#[test]
fn function_log_flags_are_accepted_with_a_note() {
    let dir = tempfile::tempdir().expect("dir");
    copy_definition("team-drive", dir.path());
    let out = ampx(dir.path())
        .args(["sandbox", "--local", "--once", "--stream-function-logs"])
        .args(["--logs-filter", "resize", "--logs-out-file", "logs.txt"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Functions' logs are not streamed by ampx-rs"),
        "{}",
        stderr(&out)
    );
    assert!(dir.path().join("amplify_outputs.json").is_file());
    assert!(!dir.path().join("logs.txt").exists());
}
