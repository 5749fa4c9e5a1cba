//! `sync` and `mv` as the built binary against the S3 emulator the test runner starts.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{ampx, emulator, recording_proxy, stderr, stdout};

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

/// The request lines (`PUT /bucket/key HTTP/1.1`) a recording proxy saw.
fn request_lines(seen: &std::sync::Mutex<Vec<u8>>) -> Vec<String> {
    String::from_utf8_lossy(&seen.lock().expect("lock"))
        .lines()
        .filter(|l| l.ends_with(" HTTP/1.1"))
        .map(str::to_string)
        .collect()
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn sync_uploads_what_changed_and_nothing_when_nothing_did() {
    let emu = emulator();
    let bucket = emu.bucket("sync-up");
    let dir = tempfile::tempdir().expect("dir");
    let site = dir.path().join("site");
    for (name, body) in [
        ("index.html", "<h1>hi</h1>"),
        ("a.css", "a{}"),
        ("img/b.png", "png"),
    ] {
        write(&site.join(name), body.as_bytes());
    }
    let to = format!("s3://{bucket}/www");
    let out = ampx(dir.path())
        .args(["sync", "site", &to])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let mut lines: Vec<String> = stdout(&out).lines().map(str::to_string).collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            format!("upload: site/a.css to {to}/a.css"),
            format!("upload: site/img/b.png to {to}/img/b.png"),
            format!("upload: site/index.html to {to}/index.html"),
        ]
    );
    assert_eq!(
        emu.get(&bucket, "www/img/b.png").as_deref(),
        Some(&b"png"[..])
    );

    // Nothing changed: only listings reach the server.
    let (proxy, seen) = recording_proxy(&emu.endpoint);
    let out = ampx(dir.path())
        .env("AWS_ENDPOINT_URL", &proxy)
        .args(["sync", "site", &to])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "nothing to copy");
    let requests = request_lines(&seen);
    assert!(!requests.is_empty());
    assert!(
        requests
            .iter()
            .all(|r| r.starts_with("GET ") && r.contains("list-type=2")),
        "only listings: {requests:?}"
    );

    // One file grows: only it is sent.
    write(&site.join("a.css"), b"a{color:red}");
    let out = ampx(dir.path())
        .args(["sync", "site", &to])
        .output()
        .expect("runs");
    assert_eq!(stdout(&out), format!("upload: site/a.css to {to}/a.css\n"));

    // --dryrun and --json say what would be done, and do nothing.
    write(&site.join("new.txt"), b"new");
    let out = ampx(dir.path())
        .args(["sync", "site", &to, "--dryrun", "--json"])
        .output()
        .expect("runs");
    let line: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("one JSON line");
    assert_eq!(line["action"], "upload");
    assert_eq!(line["to"], format!("{to}/new.txt"));
    assert_eq!(line["dryrun"], true);
    assert_eq!(emu.get(&bucket, "www/new.txt"), None);
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn sync_delete_stays_inside_its_prefix_and_spares_excluded_files() {
    let emu = emulator();
    let bucket = emu.bucket("sync-delete");
    for key in [
        "photos/keep.jpg",
        "photos/gone.jpg",
        "photos/notes.txt",
        "photos-old/x.jpg",
    ] {
        emu.put(&bucket, key, b"old");
    }
    let dir = tempfile::tempdir().expect("dir");
    let keep = dir.path().join("photos/keep.jpg");
    write(&keep, b"old");
    // Older than the object, whatever second the clock has turned to since the put.
    std::fs::File::options()
        .write(true)
        .open(&keep)
        .and_then(|f| f.set_modified(std::time::UNIX_EPOCH + Duration::from_secs(1_000_000_000)))
        .expect("mtime");
    let out = ampx(dir.path())
        .args([
            "sync",
            "photos",
            &format!("s3://{bucket}/photos"),
            "--delete",
            "--exclude",
            "*.txt",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        format!("delete: s3://{bucket}/photos/gone.jpg\n")
    );
    assert_eq!(
        emu.keys(&bucket),
        ["photos-old/x.jpg", "photos/keep.jpg", "photos/notes.txt"],
        "the sibling prefix and the excluded file stay"
    );

    // Downloading with --delete removes local files the bucket lacks.
    let local = dir.path().join("mirror");
    write(&local.join("stale.txt"), b"stale");
    let out = ampx(dir.path())
        .args([
            "sync",
            &format!("s3://{bucket}/photos/"),
            "mirror",
            "--delete",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(local.join("keep.jpg").is_file());
    assert!(!local.join("stale.txt").exists());
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn a_download_takes_the_object_time_so_a_second_sync_copies_nothing() {
    let emu = emulator();
    let bucket = emu.bucket("sync-down");
    emu.put(&bucket, "d/a.txt", b"aaa");
    emu.put(&bucket, "d/sub/b.txt", b"bb");
    let dir = tempfile::tempdir().expect("dir");
    let from = format!("s3://{bucket}/d");
    let out = ampx(dir.path())
        .args(["sync", &from, "out"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(dir.path().join("out/sub/b.txt")).expect("file"),
        b"bb"
    );
    // A local clock far ahead or behind does not matter: the file has the server's time.
    let listed = ampx(dir.path())
        .args(["ls", &format!("{from}/"), "--json"])
        .output()
        .expect("runs");
    let object: serde_json::Value = stdout(&listed)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v["key"] == "d/a.txt")
        .expect("listed");
    let server_time: jiff::Timestamp = object["last_modified"]
        .as_str()
        .expect("time")
        .parse()
        .expect("RFC 3339");
    let local_time = std::fs::metadata(dir.path().join("out/a.txt"))
        .and_then(|m| m.modified())
        .expect("mtime");
    let local_secs = local_time
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs() as i64;
    assert_eq!(local_secs, server_time.as_second());
    let out = ampx(dir.path())
        .args(["sync", &from, "out"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "nothing copied the second time");

    // S3 to S3, server-side.
    let out = ampx(dir.path())
        .args(["sync", &from, &format!("s3://{bucket}/copy")])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        emu.get(&bucket, "copy/sub/b.txt").as_deref(),
        Some(&b"bb"[..])
    );
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn an_interrupted_sync_is_completed_by_a_rerun() {
    let emu = emulator();
    let bucket = emu.bucket("sync-resume");
    let dir = tempfile::tempdir().expect("dir");
    for i in 0..400 {
        write(
            &dir.path().join(format!("many/f{i:03}.txt")),
            format!("{i}").as_bytes(),
        );
    }
    let to = format!("s3://{bucket}/m");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("ampx-rs"))
        .current_dir(dir.path())
        .args(["sync", "many", &to, "--concurrency", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(30);
    while emu.keys(&bucket).is_empty() {
        assert!(Instant::now() < deadline, "the sync started");
        std::thread::sleep(Duration::from_millis(20));
    }
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    let interrupted = child.wait().expect("wait");
    assert_eq!(interrupted.code(), Some(130));
    // A request already sent when the signal came may still be stored by the server
    // after the client is gone: count once the bucket holds still.
    let mut partway = emu.keys(&bucket).len();
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = emu.keys(&bucket).len();
        if now == partway {
            break;
        }
        partway = now;
    }
    assert!(partway < 400, "interrupted part way ({partway})");
    let out = ampx(dir.path())
        .args(["sync", "many", &to])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().count(),
        400 - partway,
        "the rerun sends only the rest"
    );
    assert_eq!(emu.keys(&bucket).len(), 400);
    assert_eq!(emu.open_uploads(&bucket), 0);
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn mv_deletes_each_source_only_after_its_copy() {
    let emu = emulator();
    let bucket = emu.bucket("mv");
    let dir = tempfile::tempdir().expect("dir");
    write(&dir.path().join("up/a.txt"), b"a");
    write(&dir.path().join("up/b/c.txt"), b"c");
    let out = ampx(dir.path())
        .args(["mv", "-r", "up", &format!("s3://{bucket}/in")])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(&format!("move: up/a.txt to s3://{bucket}/in/a.txt")));
    assert!(!dir.path().join("up/a.txt").exists() && !dir.path().join("up/b/c.txt").exists());
    assert_eq!(emu.keys(&bucket), ["in/a.txt", "in/b/c.txt"]);

    // Between buckets' prefixes, on the server; then down to a file.
    let out = ampx(dir.path())
        .args([
            "mv",
            "-r",
            &format!("s3://{bucket}/in/b"),
            &format!("s3://{bucket}/moved"),
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(emu.keys(&bucket), ["in/a.txt", "moved/c.txt"]);
    let out = ampx(dir.path())
        .args(["mv", &format!("s3://{bucket}/in/a.txt"), "back.txt"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(dir.path().join("back.txt")).expect("file"),
        b"a"
    );
    assert_eq!(emu.keys(&bucket), ["moved/c.txt"]);

    // However the sides are spelled, an object is never moved onto itself (it would be
    // copied in place, then deleted): a folder into itself is refused.
    for (from, to) in [("moved", "moved/"), ("moved/", "moved")] {
        let out = ampx(dir.path())
            .args([
                "mv",
                "-r",
                &format!("s3://{bucket}/{from}"),
                &format!("s3://{bucket}/{to}"),
            ])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("into itself"), "{}", stderr(&out));
        assert_eq!(emu.keys(&bucket), ["moved/c.txt"], "nothing moved or lost");
    }

    // A copy that fails leaves its source.
    write(&dir.path().join("stay.txt"), b"s");
    let out = ampx(dir.path())
        .args(["mv", "stay.txt", "s3://no-such-bucket-for-mv/x"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(dir.path().join("stay.txt").is_file(), "the source stays");
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn sync_checksum_finds_an_edit_that_sizes_and_times_miss() {
    let emu = emulator();
    let bucket = emu.bucket("sync-checksum");
    let dir = tempfile::tempdir().expect("dir");
    let site = dir.path().join("site");
    write(&site.join("small.txt"), b"hello");
    // Sent in parts: the local ETag must be the multipart one the server computed.
    write(
        &site.join("big.bin"),
        &crate::common::data(9 * 1024 * 1024 + 3),
    );
    let to = format!("s3://{bucket}/c");
    let out = ampx(dir.path())
        .args(["sync", "--multipart-threshold", "8MiB", "site", &to])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    // Without the threshold the file would go whole: each object's own ETag says how
    // the local file is hashed.
    let out = ampx(dir.path())
        .args(["sync", "--checksum", "site", &to])
        .output()
        .expect("runs");
    assert_eq!(
        stdout(&out),
        "",
        "same contents, nothing copied: {}",
        stderr(&out)
    );

    // Same size, and an old time: only --checksum sees the edit.
    let edited = site.join("small.txt");
    std::fs::write(&edited, b"jello").expect("write");
    let old = std::time::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&edited)
        .and_then(|f| f.set_modified(old))
        .expect("mtime");
    let out = ampx(dir.path())
        .args(["sync", "site", &to])
        .output()
        .expect("runs");
    assert_eq!(stdout(&out), "", "a time comparison misses it");
    let out = ampx(dir.path())
        .args(["sync", "--checksum", "site", &to])
        .output()
        .expect("runs");
    assert_eq!(
        stdout(&out),
        format!("upload: site/small.txt to {to}/small.txt\n")
    );
    assert_eq!(
        emu.get(&bucket, "c/small.txt").as_deref(),
        Some(&b"jello"[..])
    );
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn sync_watch_sends_each_save_and_stops_cleanly() {
    let emu = emulator();
    let bucket = emu.bucket("sync-watch");
    let dir = tempfile::tempdir().expect("dir");
    write(&dir.path().join("seed/first.txt"), b"1");
    let child = Command::new(assert_cmd::cargo::cargo_bin("ampx-rs"))
        .current_dir(dir.path())
        .args(["sync", "--watch", "seed", &format!("s3://{bucket}/seed")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let wait_for = |key: &str, body: &[u8]| {
        let deadline = Instant::now() + Duration::from_secs(20);
        while emu.get(&bucket, key).as_deref() != Some(body) {
            assert!(Instant::now() < deadline, "{key} arrived");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for("seed/first.txt", b"1");
    write(&dir.path().join("seed/later/second.txt"), b"2");
    wait_for("seed/later/second.txt", b"2");
    std::fs::write(dir.path().join("seed/first.txt"), b"one").expect("write");
    wait_for("seed/first.txt", b"one");
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("stopped watching"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        stdout(&out)
            .lines()
            .filter(|l| l.starts_with("upload: "))
            .count(),
        3,
        "each save sent once: {}",
        stdout(&out)
    );
}

/// `--json` on cp, mv, rm and presign: JSON Lines that parse and name each object once,
/// and no text on stdout.
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn json_lines_name_each_object_once() {
    let emu = emulator();
    let bucket = emu.bucket("json-lines");
    let dir = tempfile::tempdir().expect("dir");
    write(&dir.path().join("up/a.txt"), b"a");
    write(&dir.path().join("up/b/c.txt"), b"cc");
    let lines = |args: &[&str]| -> Vec<serde_json::Value> {
        let out = ampx(dir.path()).args(args).output().expect("runs");
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
            .collect()
    };
    let to = format!("s3://{bucket}/j");
    let copied = lines(&["cp", "-r", "--json", "up", &to]);
    let targets: Vec<&str> = copied.iter().filter_map(|l| l["to"].as_str()).collect();
    assert_eq!(targets, [format!("{to}/a.txt"), format!("{to}/b/c.txt")]);
    assert!(
        copied
            .iter()
            .all(|l| l["action"] == "upload" && l["dryrun"] == false)
    );
    assert_eq!(copied[1]["size"], 2);
    let moved = lines(&["mv", "-r", "--json", &to, &format!("s3://{bucket}/k")]);
    assert_eq!(moved.len(), 2);
    assert!(moved.iter().all(|l| l["action"] == "move"));
    assert_eq!(emu.keys(&bucket), ["k/a.txt", "k/b/c.txt"]);
    let planned = lines(&[
        "rm",
        "-r",
        "--json",
        "--dryrun",
        &format!("s3://{bucket}/k"),
    ]);
    assert_eq!(planned.len(), 2);
    assert!(
        planned
            .iter()
            .all(|l| l["action"] == "delete" && l["dryrun"] == true)
    );
    let deleted = lines(&["rm", "-r", "--json", "--yes", &format!("s3://{bucket}/k")]);
    let targets: Vec<&str> = deleted
        .iter()
        .filter_map(|l| l["target"].as_str())
        .collect();
    assert_eq!(
        targets,
        [
            format!("s3://{bucket}/k/a.txt"),
            format!("s3://{bucket}/k/b/c.txt")
        ]
    );
    assert!(emu.keys(&bucket).is_empty());
    emu.put(&bucket, "p.txt", b"p");
    let signed = lines(&[
        "presign",
        "--json",
        "--expires-in",
        "60",
        &format!("s3://{bucket}/p.txt"),
    ]);
    assert_eq!(signed.len(), 1);
    assert!(
        signed[0]["url"]
            .as_str()
            .is_some_and(|u| u.contains("X-Amz-Expires=60"))
    );
    assert_eq!(signed[0]["method"], "GET");
    assert!(signed[0]["expires_at"].is_string());
    // stdout cannot carry both JSON and an object's bytes.
    let out = ampx(dir.path())
        .args(["cp", "--json", &format!("s3://{bucket}/p.txt"), "-"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}
