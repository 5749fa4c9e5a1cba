//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The built binary, run in `dir`.
pub fn ampx(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("ampx-rs").expect("binary is built");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("AMPX_OUTPUTS");
    cmd
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Compares `actual` with the checked-in file; `AMPX_UPDATE_GENERATED=1` rewrites it.
pub fn assert_matches_file(path: &Path, actual: &str) {
    if std::env::var_os("AMPX_UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, actual).expect("write");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        expected == actual,
        "{} is stale; run `AMPX_UPDATE_GENERATED=1 cargo test` and review the diff.\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}
