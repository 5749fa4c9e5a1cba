//! `ampx-rs access check` and `access table` on the example projects (offline).

use crate::common::{ampx, repo, stderr, stdout};

fn in_example(name: &str, args: &[&str]) -> std::process::Output {
    ampx(&repo().join("examples").join(name))
        .arg("access")
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn check_answers_like_test_with_the_deciding_rule() {
    let out = in_example(
        "team-drive",
        &[
            "check",
            "--as",
            "guest",
            "write",
            "s3://amplifyTeamDrive/picture-submissions/a.jpg",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "allowed: guest may write s3://amplifyTeamDrive/picture-submissions/a.jpg — by the guest rule on 'picture-submissions/*' (amplify/storage/resource.ts:12:7)\n"
    );
    let out = in_example(
        "team-drive",
        &[
            "check",
            "--as",
            "guest",
            "write",
            "s3://amplifyTeamDrive/profile-pictures/someone/a.jpg",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "denied: guest may not write s3://amplifyTeamDrive/profile-pictures/someone/a.jpg — no rule grants it\n"
    );
    let id = "us-east-1:0a1b2c3d-0000-4000-8000-000000000000";
    let out = in_example(
        "team-drive",
        &[
            "check",
            "--as",
            &format!("authenticated:{id}"),
            "read",
            &format!("s3://amplifyTeamDrive/profile-pictures/{id}/"),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out).lines().count(), 2, "read is get and list");
    let out = in_example(
        "social-room",
        &[
            "check",
            "--as",
            "group:admin",
            "list",
            "s3://gen2-multi-cursor-demo-app/room/",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let out = in_example(
        "social-room",
        &[
            "check",
            "--as",
            "authenticated",
            "list",
            "s3://gen2-multi-cursor-demo-app/room/",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "signed-in users outside the group cannot list"
    );
}

#[test]
fn check_errors_exit_2() {
    for args in [
        vec!["check", "--as", "wizard", "get", "s3://amplifyTeamDrive/a"],
        vec![
            "check",
            "--as",
            "group:ghosts",
            "get",
            "s3://amplifyTeamDrive/a",
        ],
        vec!["check", "--as", "guest", "get", "s3://nope/a"],
    ] {
        let out = in_example("team-drive", &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    let out = in_example(
        "team-drive",
        &["check", "--as", "guest", "get", "s3://nope/a"],
    );
    assert!(stderr(&out).contains("hint: storage names: amplifyTeamDrive"));
}

#[test]
fn check_prints_json_lines_for_scripts() {
    let uri = "s3://amplifyTeamDrive/picture-submissions/a.jpg";
    let out = in_example(
        "team-drive",
        &["check", "--json", "--as", "guest", "read", uri],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2, "get and list");
    assert_eq!(lines[0]["action"], "get");
    assert_eq!(lines[1]["action"], "list");
    assert!(
        lines
            .iter()
            .all(|l| l["allowed"] == true && l["who"] == "guest")
    );
    assert!(
        lines[0]["reason"]
            .as_str()
            .is_some_and(|r| r.contains("picture-submissions/*"))
    );
    let denied = in_example(
        "team-drive",
        &["check", "--json", "--as", "guest", "delete", uri],
    );
    assert_eq!(denied.status.code(), Some(1));
    let line: serde_json::Value = serde_json::from_str(stdout(&denied).trim()).expect("JSON");
    assert_eq!(line["allowed"], false);
}

#[test]
fn table_shows_the_whole_policy() {
    let out = in_example("team-drive", &["table"]);
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "amplifyTeamDrive\n\
         \x20 path                            guest           authenticated   owner\n\
         \x20 profile-pictures/{entity_id}/*  get,list        -               get,list,write,delete\n\
         \x20 picture-submissions/*           get,list,write  get,list,write  ·\n\
         \x20 (- no access; · does not apply: owner on a path without {entity_id})\n"
    );
    let out = in_example("two-buckets", &["table", "firstBucket"]);
    assert_eq!(
        stdout(&out),
        "firstBucket\n  no access rules: no app user can reach this bucket\n"
    );
    let out = in_example("social-room", &["table", "--json"]);
    let rows: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[2],
        serde_json::json!({ "bucket": "gen2-multi-cursor-demo-app", "path": "room/*", "principal": "group:admin", "actions": ["get", "list", "write", "delete"] })
    );
}

/// Errors, warnings and hints are coloured on a terminal only: not when piped, not with
/// NO_COLOR; CLICOLOR_FORCE keeps the colour in a pipe.
#[cfg(unix)]
#[test]
fn colour_is_for_terminals_and_off_with_no_color() {
    const ESC: &str = "\u{1b}[";
    let dir = crate::common::repo().join("examples/team-drive");
    let bin = assert_cmd::cargo::cargo_bin("ampx-rs");
    let args = ["access", "check", "--as", "guest", "get", "s3://nope/a.txt"];
    let piped = std::process::Command::new(&bin)
        .current_dir(&dir)
        .args(args)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR")
        .output()
        .expect("runs");
    assert_eq!(piped.status.code(), Some(2));
    let text = String::from_utf8_lossy(&piped.stderr).into_owned();
    assert!(
        text.contains("error: the definition has no storage named 'nope'") && !text.contains(ESC),
        "{text:?}"
    );
    let forced = std::process::Command::new(&bin)
        .current_dir(&dir)
        .args(args)
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&forced.stderr).into_owned();
    assert!(
        text.contains(&format!("{ESC}1m{ESC}31merror:{ESC}0m the definition"))
            && text.contains(&format!("{ESC}1m{ESC}36mhint:")),
        "{text:?}"
    );
    // On a terminal (a pseudo-terminal from `script`): coloured, unless NO_COLOR.
    let on_tty = |no_color: bool| {
        let command = format!("{} {}", bin.display(), args.join(" "));
        let mut script = std::process::Command::new("script");
        script
            .current_dir(&dir)
            .args(["-qec", &command, "/dev/null"])
            .env_remove("CLICOLOR_FORCE");
        if no_color {
            script.env("NO_COLOR", "1");
        } else {
            script.env_remove("NO_COLOR");
        }
        String::from_utf8_lossy(&script.output().expect("script runs").stdout).into_owned()
    };
    let coloured = on_tty(false);
    assert!(
        coloured.contains(&format!("{ESC}31merror:")),
        "{coloured:?}"
    );
    let plain = on_tty(true);
    assert!(
        plain.contains("error: the definition has no storage named 'nope'") && !plain.contains(ESC),
        "{plain:?}"
    );
}
