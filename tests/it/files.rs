//! The file commands (`cp`, `ls`, `rm`, `presign`) as the built binary, against the
//! S3 emulator the test runner starts on 127.0.0.1.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{ampx, data, emulator, stderr, stdout};

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

/// An amplify_outputs.json naming `bucket` as `amplifyTeamDrive` with team-drive's paths.
pub(crate) fn outputs_for(dir: &Path, bucket: &str) {
    let outputs = serde_json::json!({
        "storage": {
            "aws_region": "us-east-1",
            "bucket_name": bucket,
            "buckets": [{
                "name": "amplifyTeamDrive",
                "bucket_name": bucket,
                "aws_region": "us-east-1",
                "paths": {
                    "profile-pictures/*": { "guest": ["get", "list"] },
                    "profile-pictures/${cognito-identity.amazonaws.com:sub}/*": { "entityidentity": ["get", "list", "write", "delete"] },
                    "picture-submissions/*": { "authenticated": ["get", "list", "write"], "guest": ["get", "list", "write"] }
                }
            }]
        },
        "version": "1.5"
    });
    std::fs::write(
        dir.join("amplify_outputs.json"),
        serde_json::to_string_pretty(&outputs).expect("json"),
    )
    .expect("write");
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn round_trips_small_multipart_empty_and_odd_names() {
    let emu = emulator();
    let bucket = emu.bucket("round-trips");
    let dir = tempfile::tempdir().expect("dir");
    let files: [(&str, Vec<u8>); 4] = [
        ("small.txt", b"hello, bucket\n".to_vec()),
        ("big.bin", data(20 * 1024 * 1024 + 12_345)),
        ("empty", Vec::new()),
        ("ünï cödé with spaces.jpg", data(3000)),
    ];
    for (name, bytes) in &files {
        write(&dir.path().join(name), bytes);
        // In parts: to a server on this machine, files go whole below 1 GiB by default.
        let out = ampx(dir.path())
            .args(["cp", "--multipart-threshold", "8MiB", name])
            .arg(format!("s3://{bucket}/in/"))
            .output()
            .expect("runs");
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert_eq!(
            stdout(&out),
            format!("upload: {name} to s3://{bucket}/in/{name}\n")
        );
        assert_eq!(
            emu.get(&bucket, &format!("in/{name}")).as_deref(),
            Some(bytes.as_slice()),
            "{name}"
        );
    }
    assert_eq!(emu.open_uploads(&bucket), 0);
    for (name, bytes) in &files {
        let target = dir.path().join("back").join(name);
        let out = ampx(dir.path())
            .args(["cp", &format!("s3://{bucket}/in/{name}"), "back/"])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert_eq!(
            &std::fs::read(&target).expect("downloaded"),
            bytes,
            "{name}"
        );
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("back"))
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".ampx-part"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files are left");
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn standard_input_and_output_stream() {
    let emu = emulator();
    let bucket = emu.bucket("streams");
    let dir = tempfile::tempdir().expect("dir");
    for (key, bytes) in [
        ("small.bin", data(1000)),
        ("large.bin", data(12 * 1024 * 1024)),
    ] {
        let out = ampx(dir.path())
            .args(["cp", "-", &format!("s3://{bucket}/{key}")])
            .write_stdin(bytes.clone())
            .output()
            .expect("runs");
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(emu.get(&bucket, key).as_deref(), Some(bytes.as_slice()));
        let out = ampx(dir.path())
            .args(["cp", &format!("s3://{bucket}/{key}"), "-"])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(out.stdout, bytes, "object data alone is on stdout");
        assert!(stderr(&out).contains(&format!("download: s3://{bucket}/{key} to -")));
    }
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn recursive_copies_follow_filters_in_order() {
    let emu = emulator();
    let bucket = emu.bucket("recursive");
    let dir = tempfile::tempdir().expect("dir");
    for f in [
        "photos/a.jpg",
        "photos/b.png",
        "photos/deep/c.jpg",
        "photos/deep/skip.jpg",
        "notes.txt",
    ] {
        write(&dir.path().join("site").join(f), f.as_bytes());
    }
    let out = ampx(dir.path())
        .args(["cp", "-r", "site", &format!("s3://{bucket}/up")])
        .args([
            "--exclude",
            "*",
            "--include",
            "*.jpg",
            "--exclude",
            "*skip*",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        emu.keys(&bucket),
        ["up/photos/a.jpg", "up/photos/deep/c.jpg"]
    );
    let mut lines: Vec<&str> = std::str::from_utf8(&out.stdout)
        .expect("utf8")
        .lines()
        .collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            format!("upload: site/photos/a.jpg to s3://{bucket}/up/photos/a.jpg"),
            format!("upload: site/photos/deep/c.jpg to s3://{bucket}/up/photos/deep/c.jpg"),
        ]
    );

    // Dry runs print and change nothing.
    let out = ampx(dir.path())
        .args([
            "cp",
            "-r",
            "site",
            &format!("s3://{bucket}/dry/"),
            "--dryrun",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(
        stdout(&out)
            .lines()
            .filter(|l| l.starts_with("(dryrun) upload: "))
            .count(),
        5
    );
    assert_eq!(emu.keys(&bucket).len(), 2);

    // Down again, and S3 to S3 (server-side).
    let out = ampx(dir.path())
        .args(["cp", "--recursive", &format!("s3://{bucket}/up"), "down"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(dir.path().join("down/photos/deep/c.jpg")).expect("file"),
        b"photos/deep/c.jpg"
    );
    let other = emu.bucket("recursive-copy");
    let out = ampx(dir.path())
        .args([
            "cp",
            "-r",
            &format!("s3://{bucket}/up/photos/"),
            &format!("s3://{other}/copied/"),
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(emu.keys(&other), ["copied/a.jpg", "copied/deep/c.jpg"]);
    assert!(stdout(&out).contains(&format!(
        "copy: s3://{bucket}/up/photos/a.jpg to s3://{other}/copied/a.jpg"
    )));
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn ls_pages_through_more_than_a_thousand_keys() {
    let emu = emulator();
    let bucket = emu.bucket("ls-paging");
    emu.put_many(&bucket, (0..1100).map(|i| format!("many/{i:05}.txt")), b"x");
    emu.put(&bucket, "top.txt", b"12345");
    let dir = tempfile::tempdir().expect("dir");
    let out = ampx(dir.path())
        .args([
            "ls",
            "--recursive",
            "--summarize",
            &format!("s3://{bucket}"),
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text.lines().filter(|l| l.ends_with(".txt")).count(), 1101);
    assert!(
        text.ends_with("\nTotal Objects: 1101\n   Total Size: 1105 Bytes\n"),
        "{}",
        &text[text.len() - 80..]
    );

    let out = ampx(dir.path())
        .args(["ls", &format!("s3://{bucket}/")])
        .output()
        .expect("runs");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "                           PRE many/");
    assert!(lines[1].ends_with("          5 top.txt"), "{}", lines[1]);
    assert_eq!(lines.len(), 2);

    let out = ampx(dir.path())
        .args(["ls", "--json", "-r", &format!("s3://{bucket}/many/")])
        .output()
        .expect("runs");
    let rows: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(rows.len(), 1100);
    assert_eq!(rows[0]["key"], "many/00000.txt");
    assert_eq!(rows[0]["size"], 1);
    assert!(
        rows[0]["last_modified"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn rm_recursive_never_leaves_its_prefix() {
    let emu = emulator();
    let bucket = emu.bucket("rm-prefix");
    for key in [
        "photos/a.jpg",
        "photos/b/c.jpg",
        "photos/keep.png",
        "photos-old/a.jpg",
        "photos",
        "other/x",
    ] {
        emu.put(&bucket, key, b"1");
    }
    let dir = tempfile::tempdir().expect("dir");
    // Without a terminal a recursive delete needs --yes, and deletes nothing.
    let out = ampx(dir.path())
        .args(["rm", "-r", &format!("s3://{bucket}/photos")])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("hint: pass --yes"));
    assert_eq!(emu.keys(&bucket).len(), 6);

    let out = ampx(dir.path())
        .args([
            "rm",
            "-r",
            &format!("s3://{bucket}/photos"),
            "--exclude",
            "*.png",
            "--dryrun",
        ])
        .output()
        .expect("runs");
    assert_eq!(
        stdout(&out),
        format!(
            "(dryrun) delete: s3://{bucket}/photos/a.jpg\n(dryrun) delete: s3://{bucket}/photos/b/c.jpg\n"
        )
    );
    let out = ampx(dir.path())
        .args([
            "rm",
            "-r",
            &format!("s3://{bucket}/photos"),
            "--exclude",
            "*.png",
            "--yes",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        emu.keys(&bucket),
        ["other/x", "photos", "photos-old/a.jpg", "photos/keep.png"]
    );

    let out = ampx(dir.path())
        .args(["rm", &format!("s3://{bucket}/photos")])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(stdout(&out), format!("delete: s3://{bucket}/photos\n"));
    assert_eq!(
        emu.keys(&bucket),
        ["other/x", "photos-old/a.jpg", "photos/keep.png"]
    );
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn rm_deletes_in_batches_of_a_thousand() {
    let emu = emulator();
    let bucket = emu.bucket("rm-batches");
    emu.put_many(&bucket, (0..2500).map(|i| format!("d/{i}")), b"");
    let dir = tempfile::tempdir().expect("dir");
    let out = ampx(dir.path())
        .args(["rm", "-r", "-y", "-q", &format!("s3://{bucket}/d/")])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "", "quiet prints nothing");
    assert!(emu.keys(&bucket).is_empty());
}

fn http_get(url: &str) -> (u16, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent.get(url).call().expect("request");
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_vec().expect("body"))
}

fn http_put(url: &str, content_type: Option<&str>, body: &[u8]) -> u16 {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = agent.put(url);
    if let Some(t) = content_type {
        request = request.header("content-type", t);
    }
    request.send(body).expect("request").status().as_u16()
}

fn presign(dir: &Path, args: &[&str]) -> String {
    let out = ampx(dir).arg("presign").args(args).output().expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let url = stdout(&out);
    assert_eq!(url.lines().count(), 1, "only the URL is printed");
    url.trim().to_string()
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn presigned_urls_work_over_http() {
    let emu = emulator();
    let bucket = emu.bucket("presign");
    emu.put(&bucket, "docs/report.pdf", b"%PDF-1.7");
    let dir = tempfile::tempdir().expect("dir");
    let url = presign(dir.path(), &[&format!("s3://{bucket}/docs/report.pdf")]);
    assert!(url.contains("X-Amz-Expires=3600"), "{url}");
    assert_eq!(http_get(&url), (200, b"%PDF-1.7".to_vec()));

    let url = presign(
        dir.path(),
        &[
            "--method",
            "put",
            "--content-type",
            "image/png",
            "--expires-in",
            "600",
            &format!("s3://{bucket}/up/pic.png"),
        ],
    );
    assert!(
        url.contains("X-Amz-Expires=600") && url.contains("content-type"),
        "{url}"
    );
    assert_eq!(http_put(&url, Some("image/png"), b"PNG!"), 200);
    assert_eq!(
        emu.get(&bucket, "up/pic.png").as_deref(),
        Some(&b"PNG!"[..])
    );
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn presign_expiry_bounds() {
    let emu = emulator();
    let bucket = emu.bucket("presign-bounds");
    let dir = tempfile::tempdir().expect("dir");
    for bad in ["0", "604801", "-5", "soon"] {
        let out = ampx(dir.path())
            .args(["presign", "--expires-in", bad, &format!("s3://{bucket}/a")])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert_eq!(stdout(&out), "");
    }
    let url = presign(
        dir.path(),
        &["--expires-in", "604800", &format!("s3://{bucket}/a")],
    );
    assert!(url.contains("X-Amz-Expires=604800"));
    let out = ampx(dir.path())
        .args([
            "presign",
            "--content-type",
            "text/plain",
            &format!("s3://{bucket}/a"),
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(2),
        "content type belongs to PUT URLs"
    );
}

/// Presigned URLs checked by a server that verifies signatures (s3s-fs), when the test
/// runner started one.
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn presigned_urls_pass_signature_checks() {
    let endpoint = crate::common::required_env("AMPX_TEST_SIGNING_ENDPOINT");
    let emu = crate::common::Emulator::at(&endpoint);
    let bucket = emu.bucket("signed");
    emu.put(&bucket, "a.txt", b"signed body");
    let dir = tempfile::tempdir().expect("dir");
    let with_endpoint = |args: &[&str]| {
        let out = ampx(dir.path())
            .env("AWS_ENDPOINT_URL", &endpoint)
            .arg("presign")
            .args(args)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out).trim().to_string()
    };
    let url = with_endpoint(&[&format!("s3://{bucket}/a.txt")]);
    assert_eq!(http_get(&url), (200, b"signed body".to_vec()));
    let tampered = url.replace("a.txt", "b.txt");
    assert_eq!(
        http_get(&tampered).0,
        403,
        "the server does check signatures"
    );
    let url = with_endpoint(&["--method", "put", &format!("s3://{bucket}/new.txt")]);
    assert_eq!(http_put(&url, None, b"via presigned PUT"), 200);
    assert_eq!(
        emu.get(&bucket, "new.txt").as_deref(),
        Some(&b"via presigned PUT"[..])
    );
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn friendly_names_resolve_through_the_outputs_file() {
    let emu = emulator();
    let bucket = emu.bucket("names");
    let dir = tempfile::tempdir().expect("dir");
    outputs_for(dir.path(), &bucket);
    write(&dir.path().join("a.jpg"), b"jpeg");
    let sub = dir.path().join("deep/er");
    std::fs::create_dir_all(&sub).expect("mkdir");
    // Found by walking up from a subfolder; the line shows the name as written.
    let out = ampx(&sub)
        .args([
            "cp",
            "../../a.jpg",
            "s3://amplifyTeamDrive/picture-submissions/",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "upload: ../../a.jpg to s3://amplifyTeamDrive/picture-submissions/a.jpg\n"
    );
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    assert_eq!(emu.keys(&bucket), ["picture-submissions/a.jpg"]);

    // A write outside every access path is allowed, with a warning.
    let out = ampx(dir.path())
        .args(["cp", "a.jpg", "s3://amplifyTeamDrive/elsewhere/a.jpg"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(
        stderr(&out).starts_with("warning: s3://amplifyTeamDrive/elsewhere/a.jpg is outside every access path of amplifyTeamDrive"),
        "{}",
        stderr(&out)
    );
    // Paths are shown as the definition and `access table` write them.
    assert!(
        stderr(&out).contains("profile-pictures/{entity_id}/*"),
        "{}",
        stderr(&out)
    );
    let buckets = ampx(dir.path()).arg("ls").output().expect("runs");
    assert!(
        stdout(&buckets)
            .contains("    profile-pictures/{entity_id}/*  owner: get,list,write,delete\n"),
        "{}",
        stdout(&buckets)
    );

    // An unknown friendly name lists the configured ones: exit 2.
    let out = ampx(dir.path())
        .args(["ls", "s3://amplifyTeamDrve/"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: unknown bucket 'amplifyTeamDrve': it is not a configured friendly name nor a valid S3 bucket name\nhint: configured buckets: amplifyTeamDrive ({bucket})\n"
        )
    );
    // A physical bucket that does not exist: exit 1, same list.
    let out = ampx(dir.path())
        .args(["ls", "s3://no-such-bucket-here/"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("bucket 'no-such-bucket-here' does not exist"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains(&format!("amplifyTeamDrive ({bucket})")));

    // ls with no argument lists the configured buckets from the file alone.
    let out = ampx(dir.path()).arg("ls").output().expect("runs");
    assert!(out.status.success());
    assert!(
        stdout(&out).starts_with(&format!(
            "amplifyTeamDrive (default)  {bucket}  us-east-1\n"
        )),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains(
        "    picture-submissions/*  authenticated: get,list,write; guest: get,list,write\n"
    ));

    // --outputs and AMPX_OUTPUTS point elsewhere.
    let other = tempfile::tempdir().expect("dir");
    let out = ampx(other.path())
        .arg("--outputs")
        .arg(dir.path().join("amplify_outputs.json"))
        .args(["ls", "s3://amplifyTeamDrive/picture-submissions/"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).ends_with(" a.jpg\n"));
    let out = ampx(other.path())
        .env("AMPX_OUTPUTS", dir.path().join("amplify_outputs.json"))
        .args(["ls", "--json"])
        .output()
        .expect("runs");
    let row: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("json");
    assert_eq!(row["name"], "amplifyTeamDrive");
    assert_eq!(row["default"], true);
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn missing_objects_and_bad_input_fail_clearly() {
    let emu = emulator();
    let bucket = emu.bucket("failures");
    let dir = tempfile::tempdir().expect("dir");
    let out = ampx(dir.path())
        .args(["cp", &format!("s3://{bucket}/nothing"), "x"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("x").exists());
    let out = ampx(dir.path())
        .args(["cp", "no-such-file", &format!("s3://{bucket}/")])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = ampx(dir.path())
        .args(["cp", "a", "b"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("needs an s3:// URI"));
    std::fs::create_dir_all(dir.path().join("folder")).expect("mkdir");
    let out = ampx(dir.path())
        .args(["cp", "folder", &format!("s3://{bucket}/")])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("hint: pass --recursive"));
}

/// A TCP proxy in front of the emulator that cuts every response after `limit` bytes.
fn cutting_proxy(upstream: &str, limit: usize) -> String {
    let upstream = upstream.trim_start_matches("http://").to_string();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let upstream = upstream.clone();
            std::thread::spawn(move || {
                use std::io::{Read, Write};
                let Ok(server) = std::net::TcpStream::connect(&upstream) else {
                    return;
                };
                let (mut c_read, mut s_write) = (
                    client.try_clone().expect("clone"),
                    server.try_clone().expect("clone"),
                );
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut c_read, &mut s_write);
                });
                let (mut s_read, mut c_write) = (server, client);
                let mut sent = 0;
                let mut buf = [0u8; 16 * 1024];
                while let Ok(n) = s_read.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    let n = n.min(limit - sent);
                    if c_write.write_all(&buf[..n]).is_err() {
                        break;
                    }
                    sent += n;
                    if sent >= limit {
                        break;
                    }
                }
                let _ = c_write.shutdown(std::net::Shutdown::Both);
            });
        }
    });
    format!("http://{addr}")
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn a_broken_download_leaves_no_file() {
    let emu = emulator();
    let bucket = emu.bucket("broken-download");
    emu.put(&bucket, "big.bin", &data(3 * 1024 * 1024));
    emu.put(&bucket, "huge.bin", &data(20 * 1024 * 1024));
    let proxy = cutting_proxy(&emu.endpoint, 200_000);
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("huge.bin"), b"previous contents").expect("write");
    for key in ["big.bin", "huge.bin"] {
        let out = ampx(dir.path())
            .env("AWS_ENDPOINT_URL", &proxy)
            .env("AWS_MAX_ATTEMPTS", "1")
            .args(["cp", &format!("s3://{bucket}/{key}"), key])
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{key}: {}", stderr(&out));
    }
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["huge.bin"], "no partial or temporary file appears");
    assert_eq!(
        std::fs::read(dir.path().join("huge.bin")).expect("read"),
        b"previous contents"
    );
}

#[cfg(unix)]
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn an_interrupted_upload_leaves_no_parts() {
    let emu = emulator();
    // Ctrl-C, and SIGTERM as `timeout` and CI runners send it (r13).
    for (signal, code) in [("-INT", 130), ("-TERM", 143)] {
        let bucket = emu.bucket("interrupted-upload");
        let binary = assert_cmd::cargo::cargo_bin("ampx-rs");
        let mut child = Command::new(binary)
            .args(["cp", "-", &format!("s3://{bucket}/stream.bin")])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdin = child.stdin.take().expect("stdin");
        // Enough for a multipart upload with a part sent, then the input stalls.
        std::io::Write::write_all(&mut stdin, &data(20 * 1024 * 1024)).expect("write");
        let deadline = Instant::now() + Duration::from_secs(30);
        while emu.open_uploads(&bucket) == 0 {
            assert!(Instant::now() < deadline, "the upload started");
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(300));
        let pid = child.id().to_string();
        Command::new("kill")
            .args([signal, &pid])
            .status()
            .expect("kill");
        let out = child.wait_with_output().expect("wait");
        drop(stdin); // held open until now: the upload was waiting for more input
        assert_eq!(out.status.code(), Some(code), "{signal}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("multipart upload(s) aborted"),
            "{signal}: {}",
            stderr(&out)
        );
        assert_eq!(
            emu.open_uploads(&bucket),
            0,
            "{signal}: no orphaned parts remain"
        );
        assert!(
            emu.keys(&bucket).is_empty(),
            "{signal}: no half object is visible"
        );
    }
}

/// Every file under `root`, as paths relative to it.
fn files_under(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            e.path()
                .strip_prefix(root)
                .expect("under root")
                .to_string_lossy()
                .to_string()
        })
        .collect();
    files.sort();
    files
}

/// r13: keys that climb out of or jump past the destination are skipped, never written.
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn r13_hostile_keys_never_become_paths_outside_the_destination() {
    let emu = emulator();
    let bucket = emu.bucket("hostile-keys");
    for key in [
        "photos/ok.txt",
        "photos/../../escaped",
        "photos//abs/escaped",
        "photos/./dot",
        "photos/a/..",
        "photos/sub/fine.txt",
    ] {
        emu.put(&bucket, key, key.as_bytes());
    }
    let dir = tempfile::tempdir().expect("dir");
    let work = dir.path().join("work");
    std::fs::create_dir_all(&work).expect("mkdir");
    let out = ampx(&work)
        .args(["cp", "-r", &format!("s3://{bucket}/photos/"), "dest"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        files_under(dir.path()),
        ["work/dest/ok.txt", "work/dest/sub/fine.txt"]
    );
    let mut warnings: Vec<&str> = std::str::from_utf8(&out.stderr)
        .expect("utf8")
        .lines()
        .filter(|l| l.starts_with("warning: ") || l.starts_with("error: "))
        .collect();
    warnings.sort();
    assert_eq!(
        warnings,
        [
            "error: 4 skipped (see the warnings above)".to_string(),
            format!(
                "warning: skipping s3://{bucket}/photos/../../escaped: it refers to a parent folder (`..`); its key cannot be a file under dest"
            ),
            format!(
                "warning: skipping s3://{bucket}/photos/./dot: it has a `.` segment; its key cannot be a file under dest"
            ),
            format!(
                "warning: skipping s3://{bucket}/photos//abs/escaped: it has an empty segment (a leading `/` or `//`); its key cannot be a file under dest"
            ),
            format!(
                "warning: skipping s3://{bucket}/photos/a/..: it refers to a parent folder (`..`); its key cannot be a file under dest"
            ),
        ]
    );

    // One object into a folder: its last segment would be the file name.
    let out = ampx(&work)
        .args(["cp", &format!("s3://{bucket}/photos/a/.."), "dest/"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // Named explicitly, the file is the one the user gave.
    let out = ampx(&work)
        .args(["cp", &format!("s3://{bucket}/photos/a/.."), "named.txt"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(work.join("named.txt")).expect("read"),
        b"photos/a/.."
    );
    // A dry run warns the same way and exits 1 too.
    let out = ampx(&work)
        .args([
            "cp",
            "-r",
            "--dryrun",
            &format!("s3://{bucket}/photos/"),
            "dry",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
}

/// r13: a download to a device is written into it, and a symlink stays a symlink.
#[cfg(unix)]
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn r13_downloads_write_devices_in_place_and_follow_symlinks() {
    let emu = emulator();
    let bucket = emu.bucket("download-targets");
    emu.put(&bucket, "small.txt", b"small");
    emu.put(&bucket, "large.bin", &data(9 * 1024 * 1024));
    let dir = tempfile::tempdir().expect("dir");
    for key in ["small.txt", "large.bin"] {
        let out = ampx(dir.path())
            .args(["cp", &format!("s3://{bucket}/{key}"), "/dev/null"])
            .output()
            .expect("runs");
        assert!(out.status.success(), "{key}: {}", stderr(&out));
        let meta = std::fs::symlink_metadata("/dev/null").expect("meta");
        assert!(!meta.is_file(), "/dev/null is still a device after {key}");
    }
    std::fs::write(dir.path().join("real.bin"), b"old").expect("write");
    std::os::unix::fs::symlink("real.bin", dir.path().join("link.bin")).expect("symlink");
    let out = ampx(dir.path())
        .args(["cp", &format!("s3://{bucket}/large.bin"), "link.bin"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let link = std::fs::symlink_metadata(dir.path().join("link.bin")).expect("meta");
    assert!(link.file_type().is_symlink(), "the link is kept");
    assert_eq!(
        std::fs::read(dir.path().join("real.bin")).expect("read"),
        data(9 * 1024 * 1024)
    );
    assert_eq!(files_under(dir.path()), ["link.bin", "real.bin"]);
}

/// r13: a FIFO is read to its end (not uploaded as an empty object); a dangling symlink
/// or a killed download's temporary file in a folder does not stop or join a `cp -r`.
#[cfg(unix)]
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn r13_uploads_read_fifos_and_skip_what_is_not_data() {
    let emu = emulator();
    let bucket = emu.bucket("upload-sources");
    let dir = tempfile::tempdir().expect("dir");
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, data(100_000)).expect("write fifo"))
    };
    let out = ampx(dir.path())
        .args(["cp", "pipe", &format!("s3://{bucket}/from-pipe.bin")])
        .output()
        .expect("runs");
    writer.join().expect("writer");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(emu.get(&bucket, "from-pipe.bin"), Some(data(100_000)));

    let site = dir.path().join("site");
    write(&site.join("a.txt"), b"a");
    write(&site.join(".a.txt.x1y2z3.ampx-part"), b"half");
    std::os::unix::fs::symlink("missing.txt", site.join("dangling.txt")).expect("symlink");
    let out = ampx(dir.path())
        .args(["cp", "-r", "site", &format!("s3://{bucket}/site/")])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("dangling.txt"), "{}", stderr(&out));
    assert_eq!(emu.keys(&bucket), ["from-pipe.bin", "site/a.txt"]);
}
