//! The npm packages from `dist/npm-pack.sh`: installed offline from the two tarballs
//! into a copy of an example project, on a PATH with no Rust toolchain, `npx ampx-rs`
//! runs the native binary.

use std::path::Path;
use std::process::Command;

use crate::common::{copy_definition, repo, stderr, stdout};

#[cfg(unix)]
#[test]
#[ignore = "needs the Node.js and npm that tests/run.sh checks for"]
fn the_npm_packages_install_offline_and_run_without_rust() {
    let node = crate::common::required_env("AMPX_TEST_NODE");
    let node_dir = Path::new(&node)
        .parent()
        .expect("node's folder")
        .to_path_buf();
    let out = tempfile::tempdir().expect("dir");
    let packed = Command::new("bash")
        .arg(repo().join("dist/npm-pack.sh"))
        .arg(out.path())
        .env("AMPX_NPM_BINARY", assert_cmd::cargo::cargo_bin("ampx-rs"))
        .output()
        .expect("npm-pack.sh runs");
    assert!(packed.status.success(), "{}", stderr(&packed));
    let tarballs: Vec<String> = stdout(&packed).lines().map(str::to_string).collect();
    assert_eq!(tarballs.len(), 2, "{tarballs:?}");
    assert!(
        tarballs[0].ends_with("/ampx-rs-0.1.0.tgz") && tarballs[1].contains("/ampx-rs-linux-"),
        "{tarballs:?}"
    );

    let project = tempfile::tempdir().expect("dir");
    copy_definition("team-drive", project.path());
    let home = tempfile::tempdir().expect("dir");
    // Only Node's folder and the system's: no cargo, rustc or ~/.cargo/bin.
    let path = format!("{}:/usr/bin:/bin", node_dir.display());
    let run = |program: &str, args: &[&str]| {
        Command::new(program)
            .current_dir(project.path())
            .args(args)
            .env_clear()
            .env("PATH", &path)
            .env("HOME", home.path())
            .output()
            .expect("runs")
    };
    let no_rust = run("bash", &["-c", "command -v cargo || command -v rustc"]);
    assert!(
        !no_rust.status.success(),
        "a Rust toolchain is on PATH: {}",
        stdout(&no_rust)
    );
    let mut install = vec![
        "install",
        "--offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
    ];
    install.extend(tarballs.iter().rev().map(String::as_str));
    let installed = run(&node_dir.join("npm").to_string_lossy(), &install);
    assert!(installed.status.success(), "{}", stderr(&installed));
    let npx = node_dir.join("npx").to_string_lossy().into_owned();
    let synth = run(&npx, &["ampx-rs", "synth", "--out", "stack.json"]);
    assert!(synth.status.success(), "{}", stderr(&synth));
    assert!(project.path().join("stack.json").is_file());
    let local = run(&npx, &["ampx-rs", "sandbox", "--local", "--once"]);
    assert!(local.status.success(), "{}", stderr(&local));
    let outputs =
        std::fs::read_to_string(project.path().join("amplify_outputs.json")).expect("outputs");
    assert!(outputs.contains("ampx_local_endpoint"), "{outputs}");
    // Exit codes come through the launcher.
    let bad = run(
        &npx,
        &[
            "ampx-rs",
            "access",
            "check",
            "--as",
            "guest",
            "delete",
            "s3://amplifyTeamDrive/picture-submissions/a",
        ],
    );
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));
}
