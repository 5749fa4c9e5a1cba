//! Denials explained: the local sandbox's terminal line for each refused request, and
//! `access why` giving the same text for the pasted error.

use crate::common::{copy_definition, stderr, stdout};
use crate::local::LocalSandbox;

const ALICE_PASSWORD: &str = "Passw0rd!";

/// The explanation lines the sandbox printed so far.
fn explained(sandbox: &LocalSandbox) -> Vec<String> {
    sandbox
        .log()
        .lines()
        .filter_map(|l| {
            l.split_once("[Sandbox] denied: ")
                .map(|(_, rest)| format!("denied: {rest}"))
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn each_denial_is_explained_with_the_rule_and_the_fix() {
    let sandbox = LocalSandbox::start("team-drive");
    std::fs::write(sandbox.root().join("a.txt"), "a").expect("write");
    let someone = "profile-pictures/us-east-1:00000000-0000-4000-8000-00000000000e/a.txt";
    let out = sandbox.run(&[
        "cp",
        "--as",
        "guest",
        "a.txt",
        &format!("s3://amplifyTeamDrive/{someone}"),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    sandbox.wait_for("[Sandbox] denied: ", 1);
    let expected = format!(
        "denied: guest may not write '{someone}' in amplifyTeamDrive: no rule lets guest write there; \
         'profile-pictures/{{entity_id}}/*' (amplify/storage/resource.ts:6:5) grants guest read; owner read, write, delete; \
         fix: make it allow.guest.to(['read', 'write']) on 'profile-pictures/{{entity_id}}/*' (amplify/storage/resource.ts:7:7)"
    );
    assert_eq!(explained(&sandbox), std::slice::from_ref(&expected));
    // The same text from the error the client printed, pasted into `access why`.
    let pasted = format!(
        "PUT http://127.0.0.1:{}/local-amplifyteamdrive/{someone}?x-id=PutObject 403 (Forbidden)",
        sandbox.port()
    );
    let why = sandbox.run(&["access", "why", "--as", "guest", "--error", &pasted]);
    assert_eq!(why.status.code(), Some(1), "{}", stderr(&why));
    assert_eq!(stdout(&why).trim_end(), expected);

    // A user of the local pool is named by login; the owner trap has its own words.
    let added = sandbox.run(&[
        "sandbox",
        "users",
        "add",
        "alice@example.com",
        "--password",
        ALICE_PASSWORD,
    ]);
    assert!(added.status.success(), "{}", stderr(&added));
    let out = sandbox.run(&[
        "cp",
        "--as",
        "user:alice@example.com",
        "a.txt",
        &format!("s3://amplifyTeamDrive/{someone}"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    sandbox.wait_for("[Sandbox] denied: ", 2);
    let line = explained(&sandbox).pop().expect("a line");
    assert!(
        line.starts_with("denied: alice@example.com (authenticated:us-east-1:")
            && line.contains("lets each user write only in their own folder, and 'us-east-1:00000000-0000-4000-8000-00000000000e' is not alice@example.com"),
        "{line}"
    );
    let why = sandbox.run(&[
        "access",
        "why",
        "--as",
        "user:alice@example.com",
        "write",
        &format!("s3://amplifyTeamDrive/{someone}"),
    ]);
    assert_eq!(stdout(&why).trim_end(), line);

    // Listing the bucket's top: the listing trap, and where to list instead.
    let out = sandbox.run(&["ls", "--as", "guest", "s3://amplifyTeamDrive/"]);
    assert_eq!(out.status.code(), Some(1));
    sandbox.wait_for("[Sandbox] denied: ", 3);
    let line = explained(&sandbox).pop().expect("a line");
    assert!(
        line.contains("listing is decided on the prefix asked for")
            && line.ends_with("list 'picture-submissions/' instead"),
        "{line}"
    );
    sandbox.stop();
}

#[cfg(unix)]
#[test]
fn a_flood_of_denials_is_throttled_and_quiet_keeps_them_off() {
    let sandbox = LocalSandbox::start("team-drive");
    let (runtime, client) = crate::local::local_client(&sandbox, "ampx:guest");
    runtime.block_on(async {
        for i in 0..40 {
            let denied = client
                .delete_object()
                .bucket("local-amplifyteamdrive")
                .key(format!("picture-submissions/{i}"))
                .send()
                .await;
            assert!(denied.is_err());
        }
    });
    std::thread::sleep(std::time::Duration::from_millis(1200));
    let denied = client_denied_once(&runtime, &client);
    assert!(denied);
    sandbox.wait_for("more denials not shown", 1);
    let lines = explained(&sandbox);
    assert!(lines.len() <= 10, "{} lines for 41 denials", lines.len());
    sandbox.stop();

    let dir = tempfile::tempdir().expect("dir");
    copy_definition("team-drive", dir.path());
    let quiet = LocalSandbox::start_with(dir, &["--quiet"]);
    std::fs::write(quiet.root().join("a.txt"), "a").expect("write");
    let out = quiet.run(&[
        "cp",
        "--as",
        "guest",
        "a.txt",
        "s3://amplifyTeamDrive/elsewhere/a.txt",
    ]);
    assert_eq!(out.status.code(), Some(1));
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(explained(&quiet).is_empty(), "{}", quiet.log());
    quiet.stop();
}

fn client_denied_once(runtime: &tokio::runtime::Runtime, client: &aws_sdk_s3::Client) -> bool {
    runtime
        .block_on(
            client
                .delete_object()
                .bucket("local-amplifyteamdrive")
                .key("picture-submissions/last")
                .send(),
        )
        .is_err()
}

/// Renaming a path in a running sandbox's definition prints who gains and who loses,
/// with the objects under each path, and waits for confirmation before taking access
/// away from objects that exist (`--yes` applies it).
#[cfg(unix)]
#[test]
fn a_rule_change_shows_who_gains_and_loses_before_it_applies() {
    let sandbox = LocalSandbox::start("team-drive");
    std::fs::write(sandbox.root().join("a.txt"), "a").expect("write");
    for key in ["one.txt", "two.txt", "sub/three.txt"] {
        let out = sandbox.run(&[
            "cp",
            "a.txt",
            &format!("s3://amplifyTeamDrive/picture-submissions/{key}"),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let resource = sandbox.root().join("amplify/storage/resource.ts");
    let text = std::fs::read_to_string(&resource).expect("read");
    std::fs::write(
        &resource,
        text.replace("'picture-submissions/*'", "'submissions/*'"),
    )
    .expect("write");
    sandbox.wait_for("[Sandbox] Not applied", 1);
    let log = sandbox.log();
    for line in [
        "[Sandbox] Access changes in amplifyTeamDrive:",
        "[Sandbox]   - guest loses write on 'picture-submissions/*' (3 objects there)",
        "[Sandbox]   - authenticated loses get on 'picture-submissions/*' (3 objects there)",
        "[Sandbox]   + guest gains write on 'submissions/*'",
        "[Sandbox] Not applied: the new rules take access away from objects that exist. Confirm on a terminal, or restart with --yes.",
    ] {
        assert!(log.contains(line), "{line}\n{log}");
    }
    // The old rules still apply.
    let out = sandbox.run(&[
        "cp",
        "--as",
        "guest",
        "a.txt",
        "s3://amplifyTeamDrive/picture-submissions/four.txt",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // A restart without --yes refuses too, and changes nothing; with --yes it applies.
    let dir = sandbox.stop();
    let refused = crate::common::ampx(dir.path())
        .args(["sandbox", "--local", "--once"])
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused)
            .contains("- guest loses write on 'picture-submissions/*' (4 objects there)"),
        "{}",
        stderr(&refused)
    );
    let sandbox = LocalSandbox::start_with(dir, &["--yes"]);
    assert!(
        sandbox
            .log()
            .contains("+ guest gains write on 'submissions/*'"),
        "{}",
        sandbox.log()
    );
    let out = sandbox.run(&[
        "cp",
        "--as",
        "guest",
        "a.txt",
        "s3://amplifyTeamDrive/picture-submissions/five.txt",
    ]);
    assert_eq!(out.status.code(), Some(1), "the new rules apply");
    // A change that only gives access applies at once.
    let text = std::fs::read_to_string(&resource).expect("read");
    std::fs::write(
        &resource,
        text.replace(
            "allow.guest.to(['read', 'write'])",
            "allow.guest.to(['read', 'write', 'delete'])",
        ),
    )
    .expect("write");
    sandbox.wait_for("Local buckets updated", 1);
    assert!(
        sandbox
            .log()
            .contains("+ guest gains delete on 'submissions/*'"),
        "{}",
        sandbox.log()
    );
    sandbox.stop();
}

/// `access diff` between a git revision and the working files, for review and CI.
#[cfg(unix)]
#[test]
fn access_diff_compares_with_a_git_revision() {
    let dir = tempfile::tempdir().expect("dir");
    copy_definition("team-drive", dir.path());
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .current_dir(dir.path())
            .args(["-c", "user.email=dev@example.com", "-c", "user.name=dev"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(out.status.success(), "{}", stderr(&out));
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "first"]);
    let diff = |args: &[&str]| {
        crate::common::ampx(dir.path())
            .args(["access", "diff"])
            .args(args)
            .output()
            .expect("runs")
    };
    let same = diff(&[]);
    assert_eq!(same.status.code(), Some(0), "{}", stderr(&same));
    assert_eq!(stdout(&same), "no access changes\n");
    let resource = dir.path().join("amplify/storage/resource.ts");
    let text = std::fs::read_to_string(&resource).expect("read");
    std::fs::write(
        &resource,
        text.replace(
            "allow.guest.to(['read', 'write'])",
            "allow.guest.to(['read'])",
        ),
    )
    .expect("write");
    let changed = diff(&["HEAD"]);
    assert_eq!(changed.status.code(), Some(1), "{}", stderr(&changed));
    assert_eq!(
        stdout(&changed),
        "amplifyTeamDrive\n  - guest loses write on 'picture-submissions/*'\n"
    );
    let json = diff(&["--json"]);
    assert_eq!(
        stdout(&json).trim(),
        r#"{"bucket":"amplifyTeamDrive","path":"picture-submissions/*","principal":"guest","action":"write","change":"lost"}"#
    );
    let unknown = diff(&["no-such-branch"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("'no-such-branch' is not a commit of this repository"),
        "{}",
        stderr(&unknown)
    );
}
