//! Nothing escapes, nothing is lost: keys that look like paths never lead a download, a
//! `sync --delete` or an `mv` out of its folder, and a move never overwrites one of its
//! own sources. Each scenario runs against moto and against the local sandbox.

use std::path::Path;
use std::process::Output;

use crate::common::{ampx, emulator, stderr, stdout};
use crate::local::LocalSandbox;

/// Where a scenario runs: a folder to work in, an `s3://` prefix of its own, and the
/// binary with the settings of that server. `upload_as` are the flags uploads use (a
/// guest on the local sandbox: anyone who may write a prefix can choose its keys).
struct Place<'a> {
    work: &'a Path,
    base: String,
    upload_as: &'a [&'a str],
    run: &'a dyn Fn(&[&str]) -> Output,
}

impl Place<'_> {
    fn ok(&self, args: &[&str]) -> String {
        let out = (self.run)(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    }

    fn upload(&self, key: &str, body: &[u8]) {
        let file = self.work.join("upload.tmp");
        std::fs::write(&file, body).expect("write");
        let uri = format!("{}/{key}", self.base);
        let mut args = vec!["cp"];
        args.extend(self.upload_as);
        args.extend(["upload.tmp", uri.as_str()]);
        self.ok(&args);
        std::fs::remove_file(file).expect("rm");
    }
}

/// A key `sd/..\..\precious.txt` (and one whose rest starts with `\`) downloads as one
/// file whose name holds backslashes, and the next `sync --delete` removes that file,
/// never `DST/../../precious.txt`; a local file named `a\b.txt` uploads as that key.
fn backslash_keys_stay_names(place: &Place<'_>) {
    let work = place.work;
    let precious = work.join("a/precious.txt");
    std::fs::create_dir_all(work.join("a/b/dst")).expect("mkdir");
    std::fs::write(&precious, b"mine").expect("write");
    std::fs::write(work.join("rooted.txt"), b"mine too").expect("write");
    let src = format!("{}/sd", place.base);
    place.upload("sd/..\\..\\precious.txt", b"theirs");
    place.upload("sd/\\rooted.txt", b"theirs");
    place.upload("sd/ok.txt", b"ok");
    place.ok(&["sync", &src, "a/b/dst"]);
    let dst = work.join("a/b/dst");
    assert_eq!(
        std::fs::read(dst.join("..\\..\\precious.txt")).expect("one file"),
        b"theirs"
    );
    // On Unix `\\` is no separator: this is a file in DST (clippy reads it as Windows).
    #[allow(clippy::join_absolute_paths)]
    let rooted = dst.join("\\rooted.txt");
    assert!(rooted.is_file());
    assert_eq!(
        place.ok(&["sync", &src, "a/b/dst"]),
        "",
        "a second sync is a no-op"
    );

    // The objects go; --delete removes the two files inside DST and nothing else.
    for key in ["sd/..\\..\\precious.txt", "sd/\\rooted.txt"] {
        place.ok(&["rm", &format!("{}/{key}", place.base)]);
    }
    let deleted = place.ok(&["sync", "--delete", &src, "a/b/dst"]);
    assert_eq!(deleted.lines().count(), 2, "{deleted}");
    assert_eq!(std::fs::read(&precious).expect("kept"), b"mine");
    assert_eq!(
        std::fs::read(work.join("rooted.txt")).expect("kept"),
        b"mine too"
    );
    assert!(dst.join("ok.txt").is_file());
    assert!(!dst.join("..\\..\\precious.txt").exists());

    // Up: `\` is part of the name, never a separator.
    std::fs::create_dir_all(work.join("up")).expect("mkdir");
    std::fs::write(work.join("up/a\\b.txt"), b"x").expect("write");
    let to = format!("{}/up", place.base);
    let sent = place.ok(&["sync", "up", &to]);
    assert!(sent.contains(&format!("{to}/a\\b.txt")), "{sent}");
    let listed = place.ok(&["ls", "-r", &format!("{to}/")]);
    assert!(listed.contains("a\\b.txt"), "{listed}");
    assert!(!listed.contains("up/a/b.txt"), "{listed}");
}

/// A symlink inside DST that leads out of it is never followed by a removal.
#[cfg(unix)]
fn sync_delete_never_removes_through_a_symlink(place: &Place<'_>) {
    let work = place.work;
    std::fs::create_dir_all(work.join("outside")).expect("mkdir");
    std::fs::write(work.join("outside/keep.txt"), b"keep").expect("write");
    std::fs::create_dir_all(work.join("linked")).expect("mkdir");
    std::os::unix::fs::symlink("../outside", work.join("linked/out")).expect("symlink");
    place.upload("ln/one.txt", b"1");
    let out = (place.run)(&["sync", "--delete", &format!("{}/ln", place.base), "linked"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("delete refused") && stderr(&out).contains("symlink"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(work.join("outside/keep.txt")).expect("kept"),
        b"keep"
    );
    assert!(work.join("linked/one.txt").is_file());
}

/// `mv -r s3://B/mvt/ s3://B/mvt/sub/` would overwrite `mvt/sub/a.txt` with `mvt/a.txt`
/// before moving it: refused, and so is any move whose destination is another source.
fn a_move_never_overwrites_its_own_sources(place: &Place<'_>) {
    place.upload("mvt/a.txt", b"top");
    place.upload("mvt/sub/a.txt", b"nested");
    let base = &place.base;
    for (from, to) in [("mvt/", "mvt/sub/"), ("mvt", "mvt/sub"), ("mvt/", "mvt")] {
        let out = (place.run)(&[
            "mv",
            "-r",
            &format!("{base}/{from}"),
            &format!("{base}/{to}"),
        ]);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{from} -> {to}: {}",
            stderr(&out)
        );
        assert!(stderr(&out).contains("into itself"), "{}", stderr(&out));
    }
    let listed = place.ok(&["ls", "-r", &format!("{base}/mvt/")]);
    assert_eq!(listed.lines().count(), 2, "nothing moved or lost: {listed}");
    assert_eq!(
        place.ok(&["cp", &format!("{base}/mvt/sub/a.txt"), "-"]),
        "nested"
    );

    // Up one level: mv2/x/x/a.txt would land on mv2/x/a.txt, itself a source.
    place.upload("mv2/x/a.txt", b"inner");
    place.upload("mv2/x/x/a.txt", b"innermost");
    let (inner, outer) = (format!("{base}/mv2/x/"), format!("{base}/mv2/"));
    let out = (place.run)(&["mv", "-r", &inner, &outer]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("itself moved by this command"),
        "{}",
        stderr(&out)
    );
    assert_eq!(place.ok(&["cp", &format!("{inner}a.txt"), "-"]), "inner");
    // Without the collision, up one level is an ordinary move.
    place.ok(&["rm", &format!("{inner}x/a.txt")]);
    place.ok(&["mv", "-r", &inner, &outer]);
    assert_eq!(place.ok(&["cp", &format!("{outer}a.txt"), "-"]), "inner");
}

fn on_moto(scenario: fn(&Place<'_>)) {
    let emu = emulator();
    let bucket = emu.bucket("escapes");
    let dir = tempfile::tempdir().expect("dir");
    let run = |args: &[&str]| ampx(dir.path()).args(args).output().expect("runs");
    scenario(&Place {
        work: dir.path(),
        base: format!("s3://{bucket}"),
        upload_as: &[],
        run: &run,
    });
}

fn on_local_sandbox(scenario: fn(&Place<'_>)) {
    let sandbox = LocalSandbox::start("team-drive");
    let run = |args: &[&str]| sandbox.run(args);
    scenario(&Place {
        work: sandbox.root(),
        base: "s3://amplifyTeamDrive/picture-submissions".into(),
        upload_as: &["--as", "guest"],
        run: &run,
    });
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn backslash_keys_stay_names_on_moto() {
    on_moto(backslash_keys_stay_names);
}

#[cfg(unix)]
#[test]
fn backslash_keys_stay_names_on_the_local_sandbox() {
    on_local_sandbox(backslash_keys_stay_names);
}

#[cfg(unix)]
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn sync_delete_never_removes_through_a_symlink_on_moto() {
    on_moto(sync_delete_never_removes_through_a_symlink);
}

#[cfg(unix)]
#[test]
fn sync_delete_never_removes_through_a_symlink_on_the_local_sandbox() {
    on_local_sandbox(sync_delete_never_removes_through_a_symlink);
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn a_move_never_overwrites_its_own_sources_on_moto() {
    on_moto(a_move_never_overwrites_its_own_sources);
}

#[cfg(unix)]
#[test]
fn a_move_never_overwrites_its_own_sources_on_the_local_sandbox() {
    on_local_sandbox(a_move_never_overwrites_its_own_sources);
}

/// Every file and folder under `root` but those below `skip` (the DSTs and the local
/// store), with the contents of files.
fn outside(root: &Path, skip: &[&Path]) -> Vec<(std::path::PathBuf, Option<Vec<u8>>)> {
    let mut entries: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| !skip.iter().any(|s| e.path().starts_with(s)))
        .filter_map(Result::ok)
        .map(|e| {
            let body = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap_or_default());
            (e.path().to_path_buf(), body)
        })
        .collect();
    entries.sort();
    entries
}

/// Random keys from an alphabet of path-like pieces: `\`, `/`, `.`, `..`, empty
/// segments, control characters and multi-byte UTF-8.
fn path_like_keys() -> impl proptest::strategy::Strategy<Value = Vec<String>> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        Just("\\"),
        Just("/"),
        Just("."),
        Just(".."),
        Just("a"),
        Just("b"),
        Just("é"),
        Just("日本"),
        Just("\u{1}"),
        Just("\t"),
        Just("\n"),
        Just("\u{7f}"),
        Just(" "),
    ];
    let key = prop::collection::vec(piece, 1..8).prop_map(|pieces| pieces.concat());
    prop::collection::btree_set(key, 1..10)
        .prop_map(|keys| keys.into_iter().filter(|k| !k.trim().is_empty()).collect())
}

/// r23: whatever the keys, `cp -r`, `sync` and `sync --delete` from S3 into a folder
/// never create, change or remove a path outside DST, and a second `sync` sends
/// nothing. Against the local sandbox, which stores every key S3 accepts.
#[cfg(unix)]
#[test]
fn random_path_like_keys_never_leave_the_destination() {
    use proptest::strategy::{Strategy as _, ValueTree as _};
    let sandbox = LocalSandbox::start("team-drive");
    let root = sandbox.root().to_path_buf();
    let store = root.join(".amplify/local/store");
    std::fs::create_dir_all(root.join("work/a/b")).expect("mkdir");
    std::fs::write(root.join("work/a/precious.txt"), b"mine").expect("write");
    std::fs::write(root.join("work/precious.txt"), b"mine").expect("write");
    let (runtime, client) = crate::local::local_client(&sandbox, crate::local::OWNER);
    let bucket = crate::local::TEAM_DRIVE;
    let (seed, mut runner) = crate::common::seeded_runner("path-like keys");
    for case in 0..12 {
        let keys = path_like_keys()
            .new_tree(&mut runner)
            .expect("keys")
            .current();
        let prefix = format!("picture-submissions/p{case}/");
        runtime.block_on(async {
            for key in &keys {
                client
                    .put_object()
                    .bucket(bucket)
                    .key(format!("{prefix}{key}"))
                    .body(key.as_bytes().to_vec().into())
                    .send()
                    .await
                    .expect("put");
            }
        });
        let src = format!("s3://amplifyTeamDrive/{prefix}");
        let (copied, synced) = (
            root.join(format!("work/a/b/cp{case}")),
            root.join(format!("work/a/b/sync{case}")),
        );
        let before = outside(&root, &[&store, &copied, &synced]);
        let rel = |p: &Path| {
            p.strip_prefix(&root)
                .expect("below")
                .to_str()
                .expect("utf-8")
                .to_string()
        };
        let context = format!("seed {seed}, case {case}, keys {keys:?}");
        let out = sandbox.run(&["cp", "-r", &src, &rel(&copied)]);
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{context}: {}",
            stderr(&out)
        );
        let out = sandbox.run(&["sync", &src, &rel(&synced)]);
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{context}: {}",
            stderr(&out)
        );
        let again = sandbox.run(&["sync", &src, &rel(&synced)]);
        assert_eq!(stdout(&again), "", "{context}: a second sync sends nothing");
        // Half the objects go; --delete removes only their files, inside DST.
        runtime.block_on(async {
            for key in keys.iter().step_by(2) {
                client
                    .delete_object()
                    .bucket(bucket)
                    .key(format!("{prefix}{key}"))
                    .send()
                    .await
                    .expect("delete");
            }
        });
        let out = sandbox.run(&["sync", "--delete", &src, &rel(&synced)]);
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{context}: {}",
            stderr(&out)
        );
        assert!(
            outside(&root, &[&store, &copied, &synced]) == before,
            "{context}: something outside DST changed"
        );
        // What is left in DST is exactly the remaining keys that can be files there.
        let left: std::collections::BTreeSet<String> = walkdir::WalkDir::new(&synced)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&synced)
                    .expect("below")
                    .components()
                    .map(|c| c.as_os_str().to_str().expect("utf-8").to_string())
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .collect();
        for file in &left {
            let kept = keys.iter().skip(1).step_by(2).any(|k| k == file);
            assert!(
                kept,
                "{context}: {file:?} should have been deleted or never made"
            );
        }
    }
    drop(runtime);
    sandbox.stop();
}

/// r23: an identity id is Cognito's `REGION:UUID` or refused: `*` would be substituted
/// into IAM's `${cognito-identity.amazonaws.com:sub}` and act as every owner.
#[cfg(unix)]
#[test]
fn only_cognito_shaped_identity_ids_are_taken() {
    let sandbox = LocalSandbox::start("team-drive");
    std::fs::write(sandbox.root().join("a.txt"), b"a").expect("write");
    let owned = "s3://amplifyTeamDrive/profile-pictures/us-east-1:00000000-0000-4000-8000-000000000001/a.txt";
    for who in [
        "authenticated:*",
        "authenticated:us-east-1:*",
        "group:admin:?",
    ] {
        let out = sandbox.run(&["cp", "--as", who, "a.txt", owned]);
        assert_eq!(out.status.code(), Some(2), "{who}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("not a Cognito identity id"),
            "{}",
            stderr(&out)
        );
        let out = sandbox.run(&["sandbox", "env", "--local", "--as", who]);
        assert_eq!(out.status.code(), Some(2), "{who}: {}", stderr(&out));
    }
    let listed = sandbox.run(&["ls", "-r", "s3://amplifyTeamDrive/profile-pictures/"]);
    assert_eq!(stdout(&listed), "", "nothing was written");
    sandbox.stop();
}

/// r23: `--port 0` lets the system choose, and the outputs, the banner and the file
/// commands use the port bound, never 0.
#[cfg(unix)]
#[test]
fn port_zero_advertises_the_bound_port() {
    let dir = tempfile::tempdir().expect("dir");
    crate::common::copy_definition("team-drive", dir.path());
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ampx-rs"))
        .current_dir(dir.path())
        .args(["sandbox", "--local", "--port", "0"])
        .env("AWS_CONFIG_FILE", "/dev/null")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let log = crate::common::Log::follow(child.stderr.take().expect("stderr"));
    log.wait_for("Watching for file changes", 1);
    let outputs: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("amplify_outputs.json")).expect("outputs"),
    )
    .expect("json");
    let endpoint = outputs["custom"]["ampx_local_endpoint"]
        .as_str()
        .expect("endpoint");
    let port: u16 = endpoint
        .rsplit(':')
        .next()
        .expect("port")
        .parse()
        .expect("number");
    assert_ne!(port, 0, "{endpoint}");
    assert!(
        log.text().contains(&format!("serving on {endpoint}")),
        "{}",
        log.text()
    );
    let out = ampx(dir.path())
        .env_remove("AWS_ENDPOINT_URL")
        .args(["ls", "s3://amplifyTeamDrive/"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let _ = child.kill();
    let _ = child.wait();
    let once = ampx(dir.path())
        .args(["sandbox", "--local", "--once", "--port", "0"])
        .output()
        .expect("runs");
    assert_eq!(once.status.code(), Some(2), "{}", stderr(&once));
}

/// r23: the temporary file of a killed download is removed by the next run over its
/// folder; one that a running download holds (locked) stays.
#[cfg(unix)]
#[test]
fn a_killed_downloads_temporary_file_is_removed_by_the_next_run() {
    let sandbox = LocalSandbox::start("team-drive");
    let root = sandbox.root();
    std::fs::write(root.join("a.txt"), b"a").expect("write");
    let src = "s3://amplifyTeamDrive/picture-submissions/k/";
    let out = sandbox.run(&["cp", "a.txt", src]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::create_dir_all(root.join("down/deep")).expect("mkdir");
    let left = root.join("down/deep/.a.txt.Xy12Ab.ampx-part");
    let busy = root.join("down/.b.txt.Zz99Qq.ampx-part");
    std::fs::write(&left, b"half").expect("write");
    std::fs::write(&busy, b"being written").expect("write");
    let held = std::fs::File::open(&busy).expect("open");
    held.try_lock()
        .expect("lock, as a running download holds it");
    let out = sandbox.run(&["sync", src, "down"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("removed 1 unfinished download(s)"),
        "{}",
        stderr(&out)
    );
    assert!(!left.exists());
    assert!(busy.exists(), "a download in progress keeps its file");
    drop(held);
    let out = sandbox.run(&["cp", &format!("{src}a.txt"), "down/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        !busy.exists(),
        "released, it is removed by the next run there"
    );
}

/// r23: control characters in keys reach the terminal escaped in every human line
/// (`ls`, `cp`'s lines, `rm`), and exactly in `--json`.
#[cfg(unix)]
#[test]
fn control_characters_in_keys_are_escaped_for_the_terminal() {
    let sandbox = LocalSandbox::start("team-drive");
    let (runtime, client) = crate::local::local_client(&sandbox, crate::local::OWNER);
    let key = "picture-submissions/ctl/\u{1b}[31mred\nfake line\r\u{7}.txt";
    runtime.block_on(async {
        client
            .put_object()
            .bucket(crate::local::TEAM_DRIVE)
            .key(key)
            .body(b"x".to_vec().into())
            .send()
            .await
            .expect("put");
    });
    let escaped = "\\u{1b}[31mred\\u{a}fake line\\u{d}\\u{7}.txt";
    let human = [
        sandbox.run(&["ls", "-r", "s3://amplifyTeamDrive/picture-submissions/ctl/"]),
        sandbox.run(&[
            "cp",
            "-r",
            "s3://amplifyTeamDrive/picture-submissions/ctl/",
            "down/",
        ]),
        sandbox.run(&[
            "rm",
            "-r",
            "--dryrun",
            "s3://amplifyTeamDrive/picture-submissions/ctl/",
        ]),
    ];
    for out in &human {
        let (text, err) = (stdout(out), stderr(out));
        assert!(out.status.success(), "{err}");
        assert!(text.contains(escaped), "{text:?}");
        assert!(!text.contains('\u{1b}') && !text.contains('\r') && !err.contains('\u{1b}'));
        assert_eq!(text.lines().count(), 1, "one line per object: {text:?}");
    }
    let json = sandbox.run(&[
        "ls",
        "--json",
        "-r",
        "s3://amplifyTeamDrive/picture-submissions/ctl/",
    ]);
    let row: serde_json::Value = serde_json::from_str(stdout(&json).trim()).expect("one JSON line");
    assert_eq!(row["key"], key, "--json keeps the exact key");
    drop(runtime);
    sandbox.stop();
}

/// A `--dryrun` or a recursive command that matches nothing says so (exit 0) instead of
/// printing nothing, which reads as work done.
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn a_command_that_matches_nothing_says_so() {
    let emu = emulator();
    let bucket = emu.bucket("nothing");
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir_all(dir.path().join("empty")).expect("mkdir");
    for args in [
        vec!["cp", "-r", "--dryrun", "empty", "s3://BUCKET/x/"],
        vec!["cp", "-r", "s3://BUCKET/none/", "down/"],
        vec!["mv", "-r", "s3://BUCKET/none/", "s3://BUCKET/else/"],
        vec!["rm", "-r", "--dryrun", "s3://BUCKET/none/"],
    ] {
        let args: Vec<String> = args.iter().map(|a| a.replace("BUCKET", &bucket)).collect();
        let out = ampx(dir.path()).args(&args).output().expect("runs");
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("nothing matched"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(stdout(&out), "", "{args:?}");
    }
}
