//! `ampx-rs sandbox --local`: the built binary serves the backend on 127.0.0.1 and
//! enforces the access rules; the file commands use it, as the owner or `--as` a user.
//! Needs no AWS account and no emulator.

use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::common::{Log, ampx, copy_definition, repo, stderr, stdout};
use ampx_rs::access::{Caller, Request, decide};
use ampx_rs::model::Action;
use md5::Digest as _;

pub(crate) struct LocalSandbox {
    dir: Option<tempfile::TempDir>,
    child: Child,
    log: Log,
    port: u16,
}

impl LocalSandbox {
    pub(crate) fn start(example: &str) -> LocalSandbox {
        let dir = tempfile::tempdir().expect("dir");
        copy_definition(example, dir.path());
        Self::start_in(dir)
    }

    pub(crate) fn start_in(dir: tempfile::TempDir) -> LocalSandbox {
        Self::start_with(dir, &[])
    }

    /// Started in `dir` with more `sandbox --local` flags.
    pub(crate) fn start_with(dir: tempfile::TempDir, flags: &[&str]) -> LocalSandbox {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .expect("bind")
            .local_addr()
            .expect("addr")
            .port();
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("ampx-rs"))
            .current_dir(dir.path())
            .args(["sandbox", "--local", "--port", &port.to_string()])
            .args(flags)
            .env_remove("AWS_ENDPOINT_URL")
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let log = Log::follow(child.stderr.take().expect("stderr"));
        let sandbox = LocalSandbox {
            dir: Some(dir),
            child,
            log,
            port,
        };
        if flags.contains(&"--quiet") {
            // Quiet says nothing when it is ready: wait for its port instead.
            for _ in 0..100 {
                if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        } else {
            sandbox.wait_for("Watching for file changes", 1);
        }
        sandbox
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.as_ref().expect("running").path()
    }

    pub(crate) fn wait_for(&self, needle: &str, times: usize) {
        self.log.wait_for(needle, times);
    }

    /// The file commands, with no AWS configuration at all.
    pub(crate) fn run(&self, args: &[&str]) -> std::process::Output {
        ampx(self.root())
            .env_remove("AWS_ENDPOINT_URL")
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .args(args)
            .output()
            .expect("runs")
    }

    /// `sandbox env --local [--as WHO]`: the environment any S3 client needs, by name.
    fn env(&self, who: Option<&str>) -> std::collections::BTreeMap<String, String> {
        let mut args = vec!["sandbox", "env", "--local"];
        if let Some(who) = who {
            args.extend(["--as", who]);
        }
        let out = self.run(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(
            text.starts_with("# older AWS CLIs ignore AWS_ENDPOINT_URL: pass it, e.g. aws --endpoint-url 'http://127.0.0.1:"),
            "{text}"
        );
        text.lines()
            .filter(|line| !line.starts_with('#'))
            .map(|line| {
                let (name, value) = line
                    .strip_prefix("export ")
                    .and_then(|l| l.split_once('='))
                    .expect("an export line");
                (name.to_string(), value.trim_matches('\'').to_string())
            })
            .collect()
    }

    /// The secret of a local access key (`ampx-local-owner`, `ampx:<who>`).
    fn secret(&self, access_key: &str) -> String {
        let who = access_key.strip_prefix("ampx:");
        self.env(who)["AWS_SECRET_ACCESS_KEY"].clone()
    }

    /// What the server printed so far.
    pub(crate) fn log(&self) -> String {
        self.log.text()
    }

    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// Kills the server (SIGKILL), as a crash or an OOM kill would, and returns its folder.
    pub(crate) fn kill(mut self) -> tempfile::TempDir {
        self.child.kill().expect("kill");
        self.child.wait().expect("wait");
        self.dir.take().expect("running")
    }

    pub(crate) fn stop(mut self) -> tempfile::TempDir {
        Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .expect("kill");
        let status = self.child.wait().expect("wait");
        assert!(status.success());
        self.dir.take().expect("running")
    }
}

impl Drop for LocalSandbox {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[cfg(unix)]
#[test]
fn file_round_trip_and_a_guest_denial_without_aws() {
    let sandbox = LocalSandbox::start("team-drive");
    let outputs: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(sandbox.root().join("amplify_outputs.json")).expect("file"),
    )
    .expect("json");
    assert_eq!(
        outputs["custom"]["ampx_local_endpoint"],
        format!("http://127.0.0.1:{}", sandbox.port)
    );
    assert_eq!(
        outputs["storage"]["buckets"][0]["bucket_name"],
        "local-amplifyteamdrive"
    );
    std::fs::write(sandbox.root().join("a.jpg"), b"jpeg bytes").expect("write");

    let out = sandbox.run(&["cp", "a.jpg", "s3://amplifyTeamDrive/picture-submissions/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "upload: a.jpg to s3://amplifyTeamDrive/picture-submissions/a.jpg\n"
    );
    let out = sandbox.run(&["ls", "s3://amplifyTeamDrive/picture-submissions/"]);
    assert!(
        stdout(&out).ends_with("         10 a.jpg\n"),
        "{}",
        stdout(&out)
    );
    let out = sandbox.run(&["presign", "s3://amplifyTeamDrive/picture-submissions/a.jpg"]);
    assert_eq!(download(stdout(&out).trim()), b"jpeg bytes");

    // Multipart upload and ranged download through the local server. To a server on
    // this machine a file this size goes in one request unless a threshold is given.
    let big = crate::common::data(20 * 1024 * 1024 + 7);
    std::fs::write(sandbox.root().join("big.bin"), &big).expect("write");
    for flags in [&["--multipart-threshold", "8MiB"][..], &[]] {
        let key = if flags.is_empty() {
            "whole.bin"
        } else {
            "big.bin"
        };
        let to = format!("s3://amplifyTeamDrive/picture-submissions/{key}");
        let out = sandbox.run(&[&["cp"], flags, &["big.bin", &to]].concat());
        assert!(out.status.success(), "{}", stderr(&out));
    }
    assert!(
        sandbox
            .run(&[
                "cp",
                "s3://amplifyTeamDrive/picture-submissions/big.bin",
                "big2.bin"
            ])
            .status
            .success()
    );
    assert_eq!(
        std::fs::read(sandbox.root().join("big2.bin")).expect("read"),
        big
    );
    // Listings carry ETags as S3 computes them: MD5, or MD5 of the part MD5s and the part
    // count after a multipart upload (8 MiB parts). The file sent without a threshold
    // went in one PutObject: its ETag is the MD5 of the whole.
    let out = sandbox.run(&["ls", "--json", "s3://amplifyTeamDrive/picture-submissions/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let etags: std::collections::BTreeMap<String, String> = stdout(&out)
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).expect("json line"))
        .map(|o| {
            (
                o["key"].as_str().unwrap_or_default().to_string(),
                o["etag"].as_str().unwrap_or("none").to_string(),
            )
        })
        .collect();
    let part_md5s: Vec<u8> = big
        .chunks(8 * 1024 * 1024)
        .flat_map(|part| md5::Md5::digest(part).to_vec())
        .collect();
    assert_eq!(
        etags,
        [
            (
                "picture-submissions/a.jpg".to_string(),
                md5_hex(b"jpeg bytes")
            ),
            (
                "picture-submissions/big.bin".to_string(),
                format!("{}-3", md5_hex(&part_md5s))
            ),
            ("picture-submissions/whole.bin".to_string(), md5_hex(&big)),
        ]
        .into_iter()
        .collect()
    );

    // A guest may not write someone's profile picture: S3's AccessDenied, exit 1.
    let out = sandbox.run(&[
        "cp",
        "--as",
        "guest",
        "a.jpg",
        "s3://amplifyTeamDrive/profile-pictures/us-east-1:00000000-0000-4000-8000-000000000abc/a.jpg",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("AccessDenied"), "{}", stderr(&out));
    // But may submit a picture, and list submissions, not the bucket root.
    assert!(
        sandbox
            .run(&[
                "cp",
                "--as",
                "guest",
                "a.jpg",
                "s3://amplifyTeamDrive/picture-submissions/g.jpg"
            ])
            .status
            .success()
    );
    assert!(
        sandbox
            .run(&[
                "ls",
                "--as",
                "guest",
                "s3://amplifyTeamDrive/picture-submissions/"
            ])
            .status
            .success()
    );
    assert_eq!(
        sandbox
            .run(&["ls", "--as", "guest", "s3://amplifyTeamDrive/"])
            .status
            .code(),
        Some(1)
    );
    assert_eq!(
        sandbox
            .run(&[
                "rm",
                "--as",
                "guest",
                "s3://amplifyTeamDrive/picture-submissions/g.jpg"
            ])
            .status
            .code(),
        Some(1)
    );
    // The owner of a profile folder may write in it, nobody else.
    let id = "us-east-1:0a1b2c3d-0000-4000-8000-000000000000";
    let key = format!("s3://amplifyTeamDrive/profile-pictures/{id}/me.jpg");
    assert!(
        sandbox
            .run(&["cp", "--as", &format!("authenticated:{id}"), "a.jpg", &key])
            .status
            .success()
    );
    assert_eq!(
        sandbox
            .run(&[
                "cp",
                "--as",
                "authenticated:us-east-1:00000000-0000-4000-8000-0000000000ff",
                "a.jpg",
                &key
            ])
            .status
            .code(),
        Some(1)
    );
    // --as outside a local sandbox is a usage error.
    let elsewhere = tempfile::tempdir().expect("dir");
    let out = ampx(elsewhere.path())
        .args(["ls", "--as", "guest", "s3://some-bucket/"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    sandbox.stop();
}

/// The hex MD5 of `bytes`: an ETag as S3 computes it for a single-part object.
fn md5_hex(bytes: &[u8]) -> String {
    md5::Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// GETs a (presigned) URL and returns the body, up to 16 MiB.
fn download(url: &str) -> Vec<u8> {
    ureq::get(url)
        .call()
        .expect("get")
        .body_mut()
        .with_config()
        .limit(16 << 20)
        .read_to_vec()
        .expect("body")
}

/// Starts a PUT whose head announces `announced` bytes and sends only `body`: an upload
/// that stalls, or (when the returned connection is dropped) one killed mid-way.
fn start_put(url: &str, announced: usize, body: &[u8]) -> std::net::TcpStream {
    use std::io::Write as _;
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest.split_at(rest.find('/').expect("path"));
    let mut stream = std::net::TcpStream::connect(host).expect("connect");
    write!(
        stream,
        "PUT {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {announced}\r\n\r\n"
    )
    .expect("head");
    stream.write_all(body).expect("part of the body");
    stream
}

/// Closes an upload started by [`start_put`] and returns once the server has dropped it.
fn cut_off(mut stream: std::net::TcpStream) {
    use std::io::Read as _;
    stream
        .shutdown(std::net::Shutdown::Write)
        .expect("shutdown");
    let _ = stream.read_to_end(&mut Vec::new());
}

/// A PUT cut off mid-body leaves no object, or the previous one whole; a stalled one
/// holds nobody up; writers, readers and copies racing on one key only ever see whole
/// objects, each with its own ETag.
#[cfg(unix)]
#[test]
fn killed_and_concurrent_uploads_never_show_partial_objects() {
    let sandbox = LocalSandbox::start("team-drive");
    let presign = |method: &str, key: &str| -> String {
        let uri = format!("s3://amplifyTeamDrive/picture-submissions/{key}");
        let out = sandbox.run(&["presign", "--method", method, &uri]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out).trim().to_string()
    };
    let size = 1 << 20;
    let first = vec![1u8; size];
    ureq::put(&presign("put", "kept.bin"))
        .send(&first[..])
        .expect("put");

    cut_off(start_put(
        &presign("put", "kept.bin"),
        size,
        &vec![2u8; size / 2],
    ));
    cut_off(start_put(
        &presign("put", "never.bin"),
        size,
        &vec![3u8; size / 2],
    ));

    let kept = download(&presign("get", "kept.bin"));
    assert!(kept == first, "the previous object is whole");

    // An upload that stalls mid-body holds up no other write of its key.
    let stalled = start_put(&presign("put", "kept.bin"), size, &vec![4u8; size / 2]);
    let second = vec![5u8; size];
    ureq::Agent::config_builder()
        .timeout_global(Some(std::time::Duration::from_secs(20)))
        .build()
        .new_agent()
        .put(&presign("put", "kept.bin"))
        .send(&second[..])
        .expect("a write while another upload of the key stalls");
    cut_off(stalled);
    assert!(download(&presign("get", "kept.bin")) == second);
    let out = sandbox.run(&["ls", "s3://amplifyTeamDrive/picture-submissions/"]);
    assert!(
        stdout(&out).ends_with(&format!(" {size} kept.bin\n")) && !stdout(&out).contains("never"),
        "{}",
        stdout(&out)
    );

    // Four writers each put their own payload ten times while four readers read it.
    let (put_url, get_url) = (presign("put", "race.bin"), presign("get", "race.bin"));
    ureq::put(&put_url).send(&first[..]).expect("put");
    std::thread::scope(|threads| {
        for writer in 10..14u8 {
            let put_url = &put_url;
            threads.spawn(move || {
                for _ in 0..10 {
                    ureq::put(put_url)
                        .send(&vec![writer; size][..])
                        .expect("concurrent put");
                }
            });
        }
        // Server-side copies of the key being rewritten.
        let sandbox = &sandbox;
        threads.spawn(move || {
            for _ in 0..5 {
                let out = sandbox.run(&[
                    "cp",
                    "s3://amplifyTeamDrive/picture-submissions/race.bin",
                    "s3://amplifyTeamDrive/picture-submissions/race-copy.bin",
                ]);
                assert!(out.status.success(), "{}", stderr(&out));
            }
        });
        for _ in 0..4 {
            let get_url = &get_url;
            threads.spawn(move || {
                for _ in 0..10 {
                    let body = download(get_url);
                    assert_eq!(body.len(), size, "a whole object");
                    assert!(
                        [1, 10, 11, 12, 13].contains(&body[0])
                            && body.iter().all(|b| *b == body[0]),
                        "one writer's payload, not a mix"
                    );
                }
            });
        }
    });
    // The listed ETag is the stored object's, whether remembered from the racing writes
    // or read back from its metadata after a restart.
    let listed_etag = |sandbox: &LocalSandbox, key: &str| -> String {
        let uri = format!("s3://amplifyTeamDrive/picture-submissions/{key}");
        let out = sandbox.run(&["ls", "--json", &uri]);
        let object: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("json");
        object["etag"].as_str().unwrap_or("none").to_string()
    };
    let copy = download(&presign("get", "race-copy.bin"));
    assert!(copy.iter().all(|b| *b == copy[0]), "a copy of one version");
    let md5s = [md5_hex(&download(&get_url)), md5_hex(&copy)];
    assert_eq!(
        md5s,
        ["race.bin", "race-copy.bin"].map(|key| listed_etag(&sandbox, key))
    );
    let sandbox = LocalSandbox::start_in(sandbox.stop());
    assert_eq!(
        md5s,
        ["race.bin", "race-copy.bin"].map(|key| listed_etag(&sandbox, key))
    );
    sandbox.stop();
}

/// A client still sending a large body when the server has already refused it (here a
/// guest writing someone's folder) gets the refusal, not a reset connection.
#[cfg(unix)]
#[test]
fn a_refusal_reaches_a_client_still_sending_its_body() {
    use std::io::{Read as _, Write as _};
    let sandbox = LocalSandbox::start("team-drive");
    let out = sandbox.run(&[
        "presign",
        "--as",
        "guest",
        "--method",
        "put",
        "s3://amplifyTeamDrive/profile-pictures/us-east-1:00000000-0000-4000-8000-000000000abc/big.jpg",
    ]);
    let size = 32 * 1024 * 1024;
    let mut stream = start_put(stdout(&out).trim(), size, &[]);
    let chunk = vec![7u8; 1024 * 1024];
    for _ in 0..size / chunk.len() {
        stream
            .write_all(&chunk)
            .expect("the server reads the whole body");
    }
    // The connection stays open for the next request: read the answer, not to the end.
    let mut answer = String::new();
    let mut buffer = [0u8; 4096];
    while !answer.contains("</Error>") {
        let read = stream.read(&mut buffer).expect("an answer");
        assert!(read > 0, "closed before a whole answer: {answer}");
        answer.push_str(&String::from_utf8_lossy(&buffer[..read]));
    }
    assert!(
        answer.starts_with("HTTP/1.1 403") && answer.contains("AccessDenied"),
        "{answer}"
    );
    sandbox.stop();
}

/// An upload the server rejects for a body that fails its Content-MD5 changes nothing:
/// the previous object stays whole (with its ETag), and a new key stays absent.
#[cfg(unix)]
#[test]
fn a_rejected_upload_changes_nothing() {
    let sandbox = LocalSandbox::start("team-drive");
    std::fs::write(sandbox.root().join("o.txt"), b"original").expect("write");
    let uri = |key: &str| format!("s3://amplifyTeamDrive/picture-submissions/{key}");
    assert!(
        sandbox
            .run(&["cp", "o.txt", &uri("o.txt")])
            .status
            .success()
    );
    for key in ["o.txt", "new.txt"] {
        let out = sandbox.run(&["presign", "--method", "put", &uri(key)]);
        let rejected = ureq::put(stdout(&out).trim())
            // The MD5 of some other body.
            .header("content-md5", "AAAAAAAAAAAAAAAAAAAAAA==")
            .send(&b"replacement"[..]);
        assert!(
            matches!(rejected, Err(ureq::Error::StatusCode(400))),
            "{key}: {rejected:?}"
        );
    }
    let out = sandbox.run(&["cp", &uri("o.txt"), "-"]);
    assert_eq!(stdout(&out), "original");
    let out = sandbox.run(&["ls", "--json", &uri("")]);
    let listed: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|line| serde_json::from_str(line).expect("json"))
        .collect();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["key"], "picture-submissions/o.txt");
    assert_eq!(listed[0]["etag"], md5_hex(b"original"));
    sandbox.stop();
}

/// The server's answers are the decision function's answers (and so the IAM policies').
#[cfg(unix)]
#[test]
fn the_server_decides_as_access_decide_does() {
    let sandbox = LocalSandbox::start("social-room");
    let definition = ampx_rs::project::load(sandbox.root(), sandbox.root()).expect("valid");
    let storage = &definition.backend.storages[0];
    std::fs::write(sandbox.root().join("f.txt"), b"x").expect("write");
    assert!(
        sandbox
            .run(&[
                "cp",
                "f.txt",
                "s3://gen2-multi-cursor-demo-app/room/seed.txt"
            ])
            .status
            .success()
    );
    let callers = [
        ("guest", Caller::Guest),
        (
            "authenticated:us-east-1:00000000-0000-4000-8000-0000000000a1",
            Caller::Authenticated {
                identity_id: Some("us-east-1:00000000-0000-4000-8000-0000000000a1".into()),
            },
        ),
        (
            "group:admin:us-east-1:00000000-0000-4000-8000-0000000000a2",
            Caller::Group {
                name: "admin".into(),
                identity_id: Some("us-east-1:00000000-0000-4000-8000-0000000000a2".into()),
            },
        ),
    ];
    for (who, caller) in &callers {
        for (args, request) in [
            (
                vec![
                    "cp",
                    "f.txt",
                    "s3://gen2-multi-cursor-demo-app/room/new.txt",
                ],
                Request::write("room/new.txt"),
            ),
            (
                vec![
                    "cp",
                    "s3://gen2-multi-cursor-demo-app/room/seed.txt",
                    "out.txt",
                ],
                Request::get("room/seed.txt"),
            ),
            (
                vec!["ls", "s3://gen2-multi-cursor-demo-app/room/"],
                Request::list("room/"),
            ),
            (
                vec!["cp", "f.txt", "s3://gen2-multi-cursor-demo-app/other/x.txt"],
                Request::write("other/x.txt"),
            ),
        ] {
            let mut full = vec![args[0], "--as", who];
            full.extend(&args[1..]);
            let out = sandbox.run(&full);
            let expected = decide(storage, caller, &request).allowed;
            assert_eq!(
                out.status.success(),
                expected,
                "{who} {args:?}: {}",
                stderr(&out)
            );
        }
    }
    sandbox.stop();
}

#[cfg(unix)]
#[test]
fn saves_apply_without_restart_and_data_survives_restarts() {
    let sandbox = LocalSandbox::start("team-drive");
    std::fs::write(sandbox.root().join("a.txt"), b"kept").expect("write");
    assert!(
        sandbox
            .run(&[
                "cp",
                "a.txt",
                "s3://amplifyTeamDrive/picture-submissions/a.txt"
            ])
            .status
            .success()
    );
    assert_eq!(
        sandbox
            .run(&[
                "cp",
                "--as",
                "guest",
                "a.txt",
                "s3://amplifyTeamDrive/news/a.txt"
            ])
            .status
            .code(),
        Some(1)
    );
    let storage = sandbox.root().join("amplify/storage/resource.ts");
    let text = std::fs::read_to_string(&storage).expect("read");
    std::fs::write(
        &storage,
        text.replace(
            "'picture-submissions/*': [",
            "'news/*': [allow.guest.to(['write'])],\n    'picture-submissions/*': [",
        ),
    )
    .expect("write");
    sandbox.wait_for("Local buckets updated", 1);
    assert!(
        sandbox
            .run(&[
                "cp",
                "--as",
                "guest",
                "a.txt",
                "s3://amplifyTeamDrive/news/a.txt"
            ])
            .status
            .success()
    );
    let dir = sandbox.stop();
    let again = LocalSandbox::start_in(dir);
    let out = again.run(&["cp", "s3://amplifyTeamDrive/picture-submissions/a.txt", "-"]);
    assert_eq!(out.stdout, b"kept");
    // The running sandbox holds its data: a delete waits until it is stopped.
    let out = again.run(&["sandbox", "delete", "--local", "--yes"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already running"), "{}", stderr(&out));
    let dir = again.stop();
    let out = ampx(dir.path())
        .args(["sandbox", "delete", "--local"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "no terminal, no --yes");
    let out = ampx(dir.path())
        .args(["sandbox", "delete", "--local", "--yes"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(!dir.path().join(".amplify/local").exists());
    assert!(!dir.path().join("amplify_outputs.json").exists());
}

/// The AWS CLI (PyPI awscli) against the local sandbox, with local credentials: multipart
/// copies both ways, sync, paginated listings, HeadObject, CopyObject, a recursive rm
/// that removes exactly its prefix, uploads in progress, and a guest's AccessDenied.
#[cfg(unix)]
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn the_aws_cli_works_against_the_local_sandbox() {
    let cli = crate::common::required_env("AMPX_TEST_AWS_CLI");
    let sandbox = LocalSandbox::start("team-drive");
    let secrets: std::collections::BTreeMap<&str, String> = ["ampx-local-owner", "ampx:guest"]
        .into_iter()
        .map(|key| (key, sandbox.secret(key)))
        .collect();
    let aws = |access_key: &str, args: &[&str]| -> std::process::Output {
        Command::new(&cli)
            .args(args)
            .current_dir(sandbox.root())
            .env(
                "AWS_ENDPOINT_URL",
                format!("http://127.0.0.1:{}", sandbox.port),
            )
            .env("AWS_ACCESS_KEY_ID", access_key)
            .env("AWS_SECRET_ACCESS_KEY", &secrets[access_key])
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .env_remove("AWS_SESSION_TOKEN")
            .env_remove("AWS_PROFILE")
            .output()
            .expect("aws runs")
    };
    let owner = |args: &[&str]| {
        // `aws s3` prints progress unless told not to; `s3api` takes no such flag.
        let quiet = ["cp", "sync"].contains(&args[1]);
        let args = [
            args,
            if quiet {
                &["--no-progress"][..]
            } else {
                &[][..]
            },
        ]
        .concat();
        let out = aws("ampx-local-owner", &args);
        assert!(out.status.success(), "aws {args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let root = sandbox.root();
    let s3 = "s3://local-amplifyteamdrive/picture-submissions";

    let big = crate::common::data(20 * 1024 * 1024 + 5);
    std::fs::write(root.join("big.bin"), &big).expect("write");
    owner(&["s3", "cp", "big.bin", &format!("{s3}/big.bin")]);
    owner(&["s3", "cp", &format!("{s3}/big.bin"), "back.bin"]);
    assert!(std::fs::read(root.join("back.bin")).expect("read") == big);

    std::fs::create_dir_all(root.join("album/raw")).expect("dirs");
    for i in 0..12 {
        let sub = if i < 3 { "album/raw" } else { "album" };
        std::fs::write(root.join(format!("{sub}/{i}.jpg")), format!("photo {i}")).expect("write");
    }
    let synced = owner(&["s3", "sync", "album", &format!("{s3}/album/")]);
    assert_eq!(
        synced.lines().filter(|l| l.starts_with("upload:")).count(),
        12,
        "{synced}"
    );
    assert_eq!(
        owner(&["s3", "sync", "album", &format!("{s3}/album/")]),
        "",
        "in sync"
    );

    let listed: serde_json::Value = serde_json::from_str(&owner(&[
        "s3api",
        "list-objects-v2",
        "--bucket",
        "local-amplifyteamdrive",
        "--prefix",
        "picture-submissions/album/",
        "--page-size",
        "5",
    ]))
    .expect("json");
    let contents = listed["Contents"].as_array().expect("contents");
    assert_eq!(contents.len(), 12, "{listed}");
    assert!(
        contents
            .iter()
            .all(|o| o["ETag"].as_str().is_some_and(|e| e.len() == 34))
    );

    let head: serde_json::Value = serde_json::from_str(&owner(&[
        "s3api",
        "head-object",
        "--bucket",
        "local-amplifyteamdrive",
        "--key",
        "picture-submissions/big.bin",
    ]))
    .expect("json");
    assert!(
        head["ETag"].as_str().is_some_and(|e| e.ends_with("-3\"")),
        "{head}"
    );
    owner(&[
        "s3api",
        "copy-object",
        "--bucket",
        "local-amplifyteamdrive",
        "--key",
        "picture-submissions/copy.jpg",
        "--copy-source",
        "local-amplifyteamdrive/picture-submissions/album/5.jpg",
    ]);
    owner(&["s3", "cp", &format!("{s3}/copy.jpg"), "copy.jpg"]);
    assert_eq!(
        std::fs::read_to_string(root.join("copy.jpg")).expect("read"),
        "photo 5"
    );

    let removed = owner(&["s3", "rm", "--recursive", &format!("{s3}/album/")]);
    assert_eq!(
        removed.lines().filter(|l| l.starts_with("delete:")).count(),
        12
    );
    let left = owner(&["s3", "ls", "--recursive", "s3://local-amplifyteamdrive/"]);
    let keys: Vec<&str> = left
        .lines()
        .filter_map(|l| l.split_whitespace().nth(3))
        .collect();
    assert_eq!(
        keys,
        [
            "picture-submissions/big.bin",
            "picture-submissions/copy.jpg"
        ]
    );

    // Multipart uploads in progress are listed until they end.
    let upload_ids: Vec<String> = ["u1.bin", "u2.bin"]
        .iter()
        .map(|key| {
            let created: serde_json::Value = serde_json::from_str(&owner(&[
                "s3api",
                "create-multipart-upload",
                "--bucket",
                "local-amplifyteamdrive",
                "--key",
                &format!("picture-submissions/{key}"),
            ]))
            .expect("json");
            created["UploadId"].as_str().expect("id").to_string()
        })
        .collect();
    let in_progress = || -> Vec<String> {
        let listed = owner(&[
            "s3api",
            "list-multipart-uploads",
            "--bucket",
            "local-amplifyteamdrive",
        ]);
        let listed: serde_json::Value = serde_json::from_str(&listed).unwrap_or_default();
        let uploads = listed["Uploads"].as_array().cloned().unwrap_or_default();
        uploads
            .iter()
            .map(|u| u["Key"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        in_progress(),
        ["picture-submissions/u1.bin", "picture-submissions/u2.bin"]
    );
    for (key, id) in ["u1.bin", "u2.bin"].iter().zip(&upload_ids) {
        owner(&[
            "s3api",
            "abort-multipart-upload",
            "--bucket",
            "local-amplifyteamdrive",
            "--key",
            &format!("picture-submissions/{key}"),
            "--upload-id",
            id,
        ]);
    }
    assert!(in_progress().is_empty());

    let denied = aws(
        "ampx:guest",
        &[
            "s3",
            "cp",
            "copy.jpg",
            "s3://local-amplifyteamdrive/profile-pictures/us-east-1:00000000-0000-4000-8000-000000000abc/x.jpg",
        ],
    );
    assert_eq!(denied.status.code(), Some(1));
    assert!(
        stderr(&denied).contains("AccessDenied"),
        "{}",
        stderr(&denied)
    );
    sandbox.stop();
}

/// A web app on Amplify's JS client, in headless Chromium, reaching the local sandbox
/// through the `local-sandbox.js` module exactly as docs/local.md gives it (tests/web).
#[cfg(unix)]
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn amplify_js_in_a_browser_works_with_the_documented_rewrite() {
    let chromium = crate::common::required_env("AMPX_TEST_CHROMIUM");
    let sandbox = LocalSandbox::start("team-drive");
    let out = Command::new("node")
        .arg(repo().join("tests/web/run.mjs"))
        .arg(sandbox.root().join("amplify_outputs.json"))
        .env("CHROMIUM", chromium)
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let seen: serde_json::Value = serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&out), stderr(&out)));
    let md5 = md5_hex(b"hello from the browser");
    assert_eq!(
        seen,
        serde_json::json!({
            "upload": { "ok": "picture-submissions/web.txt" },
            "list": { "ok": [{
                "path": "picture-submissions/web.txt",
                "size": 22,
                "eTag": format!("\"{md5}\""),
            }] },
            "download": { "ok": "hello from the browser" },
            "presignedUrl": { "ok": {
                "host": "local-amplifyteamdrive.s3.us-east-1.amazonaws.com",
                "status": 200,
                "body": "hello from the browser",
            } },
            "multipart": { "ok": { "progress": 6 * 1024 * 1024 + 11, "same": true } },
            "removeAsGuest": { "error": "AccessDenied", "message": "Access Denied" },
            "uploadToSomeoneElse": { "error": "AccessDenied", "message": "Access Denied" },
        }),
        "{}",
        stderr(&out)
    );
    // Each of the app's denials is explained in the sandbox's terminal.
    sandbox.wait_for("[Sandbox] denied: ", 2);
    let log = sandbox.log();
    assert!(
        log.contains("denied: guest may not delete 'picture-submissions/web.txt' in amplifyTeamDrive: no rule lets guest delete there; 'picture-submissions/*' (amplify/storage/resource.ts:10:5)"),
        "{log}"
    );
    assert!(
        log.contains("denied: guest may not write 'profile-pictures/us-east-1:someone/x.txt' in amplifyTeamDrive")
            && log.contains("fix: make it allow.guest.to(['read', 'write']) on 'profile-pictures/{entity_id}/*' (amplify/storage/resource.ts:7:7)"),
        "{log}"
    );
    sandbox.stop();
}

#[cfg(unix)]
#[test]
fn guest_identities_come_from_the_cognito_endpoint() {
    let sandbox = LocalSandbox::start("team-drive");
    let url = format!("http://127.0.0.1:{}/", sandbox.port);
    let post = |target: &str, body: &str| -> serde_json::Value {
        let mut response = ureq::post(&url)
            .header(
                "x-amz-target",
                &format!("AWSCognitoIdentityService.{target}"),
            )
            .header("content-type", "application/x-amz-json-1.1")
            .send(body)
            .expect("request");
        serde_json::from_slice(&response.body_mut().read_to_vec().expect("body")).expect("json")
    };
    let id = post(
        "GetId",
        r#"{"IdentityPoolId":"us-east-1:00000000-0000-4000-8000-00000000a11f"}"#,
    );
    let identity = id["IdentityId"].as_str().expect("id").to_string();
    assert!(identity.starts_with("us-east-1:"), "{identity}");
    let creds = post(
        "GetCredentialsForIdentity",
        &format!(r#"{{"IdentityId":"{identity}"}}"#),
    );
    assert_eq!(creds["IdentityId"], identity);
    assert_eq!(creds["Credentials"]["AccessKeyId"], "ampx:guest");
    // The guest secret is this sandbox's, and says nothing of the owner's.
    let guest_secret = creds["Credentials"]["SecretKey"].as_str().expect("secret");
    assert_eq!(guest_secret, sandbox.secret("ampx:guest"));
    assert_ne!(guest_secret, sandbox.secret("ampx-local-owner"));
    assert_ne!(guest_secret, sandbox.secret("ampx:group:Admins"));
    sandbox.stop();
}

#[cfg(unix)]
#[test]
fn browsers_get_cors_answers() {
    let sandbox = LocalSandbox::start("team-drive");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let url = format!(
        "http://127.0.0.1:{}/local-amplifyteamdrive/picture-submissions/a.jpg",
        sandbox.port
    );
    let response = agent
        .options(&url)
        .header("origin", "http://localhost:5173")
        .header("access-control-request-method", "PUT")
        .header("access-control-request-headers", "authorization,x-amz-date")
        .call()
        .expect("preflight");
    assert_eq!(response.status().as_u16(), 200);
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        header("access-control-allow-origin"),
        "http://localhost:5173"
    );
    assert_eq!(header("vary"), "Origin");
    assert_eq!(
        header("access-control-allow-methods"),
        "GET, HEAD, PUT, POST, DELETE"
    );
    assert_eq!(
        header("access-control-allow-headers"),
        "authorization,x-amz-date"
    );
    assert!(header("access-control-expose-headers").contains("ETag"));
    // An unsigned cross-origin GET is denied, and the browser may read that answer.
    let response = agent
        .get(&url)
        .header("origin", "http://localhost:5173")
        .call()
        .expect("get");
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(
        response
            .headers()
            .get("access-control-allow-origin")
            .and_then(|v| v.to_str().ok()),
        Some("http://localhost:5173")
    );
    // A page of another origin gets no CORS answer and no data, and neither does a
    // signed request it makes (local keys are not secrets a page could not learn).
    for origin in ["https://evil.example", "http://localhost.evil.example"] {
        let response = agent
            .options(&url)
            .header("origin", origin)
            .header("access-control-request-method", "DELETE")
            .call()
            .expect("preflight");
        assert_eq!(response.status().as_u16(), 403, "{origin}");
        assert!(
            response
                .headers()
                .get("access-control-allow-origin")
                .is_none()
        );
    }
    let owner = sandbox.env(None);
    let presigned = sandbox.run(&["presign", "s3://amplifyTeamDrive/picture-submissions/a.jpg"]);
    let response = agent
        .get(stdout(&presigned).trim())
        .header("origin", "https://evil.example")
        .call()
        .expect("get");
    assert_eq!(response.status().as_u16(), 403);
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    assert_eq!(owner["AWS_ACCESS_KEY_ID"], "ampx-local-owner");
    sandbox.stop();
    // --allow-origin adds an origin.
    let dir = tempfile::tempdir().expect("dir");
    copy_definition("team-drive", dir.path());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("ampx-rs"))
        .current_dir(dir.path())
        .args(["sandbox", "--local", "--port", &port.to_string()])
        .args(["--allow-origin", "https://dev.example.com"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let log = Log::follow(child.stderr.take().expect("stderr"));
    log.wait_for("Watching for file changes", 1);
    let response = agent
        .options(&format!("http://127.0.0.1:{port}/local-amplifyteamdrive/x"))
        .header("origin", "https://dev.example.com")
        .header("access-control-request-method", "PUT")
        .call()
        .expect("preflight");
    assert_eq!(response.status().as_u16(), 200);
    let _ = child.kill();
    let _ = child.wait();
}

/// Moves a request the SDK signed for `<bucket>.s3.us-east-1.amazonaws.com` to the local
/// sandbox, path-style, after signing: what a browser fetch rewrite (which adds the page's
/// `Origin`) or a dev proxy does.
#[derive(Debug)]
struct RewriteToLocal {
    port: u16,
    origin: Option<&'static str>,
}

impl aws_sdk_s3::config::Intercept for RewriteToLocal {
    fn name(&self) -> &'static str {
        "RewriteToLocal"
    }

    fn modify_before_transmit(
        &self,
        context: &mut aws_sdk_s3::config::interceptors::BeforeTransmitInterceptorContextMut<'_>,
        _: &aws_sdk_s3::config::RuntimeComponents,
        _: &mut aws_sdk_s3::config::ConfigBag,
    ) -> Result<(), aws_sdk_s3::error::BoxError> {
        let request = context.request_mut();
        let uri: hyper::Uri = request.uri().parse()?;
        let host = uri.host().unwrap_or_default().to_string();
        let bucket = host.split('.').next().unwrap_or_default().to_string();
        let path_and_query = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
        request.set_uri(format!(
            "http://127.0.0.1:{}/{bucket}{path_and_query}",
            self.port
        ))?;
        if let Some(origin) = self.origin {
            request.headers_mut().insert("origin", origin);
        }
        Ok(())
    }
}

#[cfg(unix)]
#[test]
fn requests_signed_for_aws_host_names_are_accepted_after_a_rewrite() {
    let sandbox = LocalSandbox::start("team-drive");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let config = runtime.block_on(
        aws_config::defaults(aws_config::BehaviorVersion::latest())
            // AWS's own endpoint (not AWS_ENDPOINT_URL): the client signs for AWS host names.
            .endpoint_url("https://s3.us-east-1.amazonaws.com")
            .region(aws_config::Region::new("us-east-1"))
            .credentials_provider(aws_credential_types::Credentials::new(
                "ampx:guest",
                sandbox.secret("ampx:guest"),
                None,
                None,
                "test",
            ))
            .load(),
    );
    for (origin, size) in [
        // A browser's fetch rewrite: small bodies, as Amplify sends them.
        (Some("http://localhost:5173"), 16),
        // A dev proxy sends no Origin; the body is larger than anything buffered.
        (None, 20 * 1024 * 1024 + 3),
    ] {
        let s3 = aws_sdk_s3::Client::from_conf(
            aws_sdk_s3::config::Builder::from(&config)
                .request_checksum_calculation(
                    aws_sdk_s3::config::RequestChecksumCalculation::WhenRequired,
                )
                .interceptor(RewriteToLocal {
                    port: sandbox.port,
                    origin,
                })
                .build(),
        );
        let data = crate::common::data(size);
        // The error code S3 answered with, if any.
        let put = |key: &str| -> Result<(), Option<String>> {
            runtime
                .block_on(
                    s3.put_object()
                        .bucket("local-amplifyteamdrive")
                        .key(key)
                        .body(data.clone().into())
                        .send(),
                )
                .map(|_| ())
                .map_err(|e| aws_sdk_s3::error::ProvideErrorMetadata::code(&e).map(str::to_string))
        };
        put("picture-submissions/web.jpg")
            .expect("a guest may submit, signed for the AWS host name");
        let denied = put("profile-pictures/us-east-1:00000000-0000-4000-8000-000000000abc/web.jpg")
            .expect_err("not a guest's folder");
        assert_eq!(denied.as_deref(), Some("AccessDenied"));
        let got = runtime
            .block_on(
                s3.get_object()
                    .bucket("local-amplifyteamdrive")
                    .key("picture-submissions/web.jpg")
                    .send(),
            )
            .expect("get");
        let body = runtime
            .block_on(got.body.collect())
            .expect("body")
            .into_bytes();
        assert!(
            body[..] == data[..],
            "{origin:?}: the object read back differs"
        );
    }
    // A signature that matches neither form is still refused.
    let wrong = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&config)
            .credentials_provider(aws_credential_types::Credentials::new(
                "ampx:guest",
                "not-the-secret",
                None,
                None,
                "test",
            ))
            .interceptor(RewriteToLocal {
                port: sandbox.port,
                origin: None,
            })
            .build(),
    );
    let refused = runtime
        .block_on(
            wrong
                .put_object()
                .bucket("local-amplifyteamdrive")
                .key("picture-submissions/forged.jpg")
                .body(b"x".to_vec().into())
                .send(),
        )
        .expect_err("wrong secret");
    assert_eq!(
        aws_sdk_s3::error::ProvideErrorMetadata::code(&refused),
        Some("SignatureDoesNotMatch")
    );
    sandbox.stop();
}

/// TypeScript for a storage definition drawn by the strategies.
pub(crate) fn render_storage(storage: &ampx_rs::model::Storage) -> String {
    use ampx_rs::model::Principal;
    let mut paths = String::new();
    for path in storage.access.iter().flatten() {
        let rules: Vec<String> = path
            .rules
            .iter()
            .map(|rule| {
                let who = match &rule.principal {
                    Principal::Guest => "allow.guest".to_string(),
                    Principal::Authenticated => "allow.authenticated".to_string(),
                    Principal::Owner => "allow.entity('identity')".to_string(),
                    Principal::Group(g) => format!("allow.groups(['{g}'])"),
                };
                let actions: Vec<String> = rule.actions.iter().map(|a| format!("'{a}'")).collect();
                format!("{who}.to([{}])", actions.join(", "))
            })
            .collect();
        paths.push_str(&format!("    '{}': [{}],\n", path.path, rules.join(", ")));
    }
    format!(
        "import {{ defineStorage }} from '@aws-amplify/backend';\n\nexport const storage = defineStorage({{\n  name: 'amplifyTeamDrive',\n  access: (allow) => ({{\n{paths}  }}),\n}});\n"
    )
}

fn who(caller: &Caller) -> String {
    match caller {
        Caller::Guest => "guest".into(),
        Caller::Authenticated { identity_id } => {
            format!("authenticated:{}", identity_id.as_deref().unwrap_or(""))
        }
        Caller::Group { name, identity_id } => {
            format!("group:{name}:{}", identity_id.as_deref().unwrap_or(""))
        }
    }
}

/// An object key for an object request (never empty, never a folder).
pub(crate) fn object_key(key: &str) -> String {
    let key = key.to_string();
    if key.is_empty() || key.ends_with('/') {
        format!("{key}f.txt")
    } else {
        key
    }
}

/// Random definitions and requests: the running server answers as `access::decide`
/// does (and so as IAM on the deployed policies, tests/iam_agreement.rs).
#[cfg(unix)]
#[test]
fn the_server_agrees_with_decide_on_random_definitions() {
    use proptest::strategy::{Strategy, ValueTree};
    let dir = crate::common::team_drive_with_auth("groups: ['admin', 'editors']");
    // Random rules take access away from objects the cases made: apply them anyway.
    let sandbox = LocalSandbox::start_with(dir, &["--yes"]);
    std::fs::write(sandbox.root().join("f.txt"), b"x").expect("write");
    let strategy = (
        crate::common::strategies::storage(),
        crate::common::strategies::caller(),
    )
        .prop_flat_map(|(s, c)| {
            let requests = proptest::collection::vec(crate::common::strategies::request(&s), 6);
            (
                proptest::strategy::Just(s),
                proptest::strategy::Just(c),
                requests,
            )
        });
    let (seed, mut runner) = crate::common::seeded_runner("random definitions");
    for case in 0..64 {
        let (storage, caller, requests) = strategy.new_tree(&mut runner).expect("case").current();
        std::fs::write(
            sandbox.root().join("amplify/storage/resource.ts"),
            render_storage(&storage),
        )
        .expect("write");
        sandbox.wait_for("Local buckets updated", case + 1);
        let as_who = who(&caller);
        for request in requests {
            let (args, request): (Vec<String>, Request) = match request {
                Request {
                    action: Action::Get,
                    target: k,
                } => {
                    let key = object_key(&k);
                    let seeded =
                        sandbox.run(&["cp", "f.txt", &format!("s3://amplifyTeamDrive/{key}")]);
                    assert!(seeded.status.success(), "{}", stderr(&seeded));
                    (
                        vec![
                            "cp".into(),
                            format!("s3://amplifyTeamDrive/{key}"),
                            "out.txt".into(),
                        ],
                        Request::get(key),
                    )
                }
                Request {
                    action: Action::Write,
                    target: k,
                } => {
                    let key = object_key(&k);
                    (
                        vec![
                            "cp".into(),
                            "f.txt".into(),
                            format!("s3://amplifyTeamDrive/{key}"),
                        ],
                        Request::write(key),
                    )
                }
                Request {
                    action: Action::Delete,
                    target: k,
                } => {
                    let key = object_key(&k);
                    (
                        vec!["rm".into(), format!("s3://amplifyTeamDrive/{key}")],
                        Request::delete(key),
                    )
                }
                Request {
                    action: Action::List,
                    target: p,
                } => (
                    vec!["ls".into(), format!("s3://amplifyTeamDrive/{p}")],
                    Request::list(p),
                ),
            };
            let mut full = vec![args[0].clone(), "--as".into(), as_who.clone()];
            full.extend(args[1..].iter().cloned());
            let full: Vec<&str> = full.iter().map(String::as_str).collect();
            let out = sandbox.run(&full);
            let expected = decide(&storage, &caller, &request).allowed;
            // A denial is S3's AccessDenied and exit 1, nothing else (not a 500, not a
            // bad key): any other failure is a disagreement too.
            let agrees = if expected {
                out.status.success()
            } else {
                out.status.code() == Some(1) && stderr(&out).contains("AccessDenied")
            };
            assert!(
                agrees,
                "AMPX_SEED={seed} case {case}: {full:?} should be {} with\n{}\n{}",
                if expected { "allowed" } else { "denied" },
                render_storage(&storage),
                stderr(&out)
            );
        }
    }
    sandbox.stop();
}

/// An SDK client of the local sandbox, as `access_key` (the owner or `ampx:<who>`).
pub(crate) fn local_client(
    sandbox: &LocalSandbox,
    access_key: &str,
) -> (tokio::runtime::Runtime, aws_sdk_s3::Client) {
    let (port, secret) = (sandbox.port, sandbox.secret(access_key));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let config = runtime.block_on(
        aws_config::defaults(aws_config::BehaviorVersion::latest())
            .endpoint_url(format!("http://127.0.0.1:{port}"))
            .region(aws_config::Region::new("us-east-1"))
            .credentials_provider(aws_credential_types::Credentials::new(
                access_key, secret, None, None, "test",
            ))
            .load(),
    );
    let client = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&config)
            .force_path_style(true)
            .build(),
    );
    (runtime, client)
}

pub(crate) const OWNER: &str = "ampx-local-owner";
pub(crate) const TEAM_DRIVE: &str = "local-amplifyteamdrive";

/// Decodes a key of an `encoding-type=url` listing.
fn url_decode(text: &str) -> String {
    ampx_rs::aws::s3::listed_key(text)
}

/// Every key of a bucket, listed with `encoding-type=url` (as careful clients do for
/// keys XML cannot carry) and decoded.
async fn listed_keys(client: &aws_sdk_s3::Client, bucket: &str, prefix: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut token = None;
    loop {
        let page = client
            .list_objects_v2()
            .bucket(bucket)
            .prefix(prefix)
            .encoding_type(aws_sdk_s3::types::EncodingType::Url)
            .set_continuation_token(token)
            .send()
            .await
            .expect("list");
        keys.extend(
            page.contents()
                .iter()
                .filter_map(|o| o.key())
                .map(url_decode),
        );
        token = page.next_continuation_token().map(str::to_string);
        if token.is_none() {
            return keys;
        }
    }
}

/// Random keys of every shape S3 accepts: any characters but NUL, path-like segments
/// (`.`, `..`, empty, a leading `/`), `*?%+`, control characters, up to 1024 bytes.
fn random_keys(seed: u64, count: usize) -> Vec<String> {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let pieces = [
        "", ".", "..", "a", "photos", "*", "?", "%", "%2e%2e", "+", " ", "\u{1}", "\u{1f}",
        "\u{7f}", "\t", "\r\n", "ü", "日本", "🦀", "&amp;", "<x>", "'\"", "\\",
    ];
    let mut keys = std::collections::BTreeSet::new();
    while keys.len() < count {
        let mut key = String::new();
        let target = match next() % 10 {
            0 => 900 + (next() % 125) as usize,
            1..=3 => (next() % 300) as usize,
            _ => (next() % 40) as usize,
        };
        while key.len() < target.max(1) {
            let piece = match next() % 4 {
                0 => char::from_u32((next() % 0x2_0000) as u32)
                    .filter(|c| *c != '\0')
                    .map(String::from)
                    .unwrap_or_default(),
                _ => pieces[(next() % pieces.len() as u64) as usize].to_string(),
            };
            key.push_str(&piece);
            if next() % 3 == 0 {
                key.push('/');
            }
        }
        while key.len() > 1024 {
            key.pop();
        }
        // The SDK takes a key of only whitespace for a missing one.
        if !key.trim().is_empty() {
            keys.insert(key);
        }
    }
    keys.into_iter().collect()
}

/// Every file under `root` outside `skip`, with its contents.
fn snapshot(root: &Path, skip: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.path().starts_with(skip))
        .map(|e| {
            (
                e.path().to_path_buf(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    files
}

/// r13: 10,000 random keys: each is stored, listed and returned exactly as written, none
/// gets a 500, none names a file outside the store, and a key over 1024 bytes gets S3's
/// `KeyTooLongError`.
#[cfg(unix)]
#[test]
fn r13_every_key_s3_accepts_is_stored_and_listed_literally() {
    use futures::StreamExt as _;
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_nanos() as u64;
    eprintln!("random keys from seed {seed}");
    let sandbox = LocalSandbox::start("team-drive");
    let store = sandbox.root().join(".amplify/local/store");
    let before = snapshot(sandbox.root(), &store);
    let (runtime, client) = local_client(&sandbox, OWNER);
    let keys = random_keys(seed, 10_000);
    runtime.block_on(async {
        let puts: Vec<_> = futures::stream::iter(keys.iter())
            .map(|key| {
                let client = client.clone();
                async move {
                    let put = client
                        .put_object()
                        .bucket(TEAM_DRIVE)
                        .key(key)
                        .body(key.as_bytes().to_vec().into())
                        .send()
                        .await;
                    (
                        key,
                        put.map_err(|e| format!("{:?}", e.into_service_error())),
                    )
                }
            })
            .buffer_unordered(32)
            .collect()
            .await;
        for (key, put) in puts {
            assert!(put.is_ok(), "seed {seed}: {key:?}: {put:?}");
        }
        let mut listed = listed_keys(&client, TEAM_DRIVE, "").await;
        listed.sort();
        assert!(
            listed == keys,
            "seed {seed}: the listing is the keys written"
        );
        let gets: Vec<_> = futures::stream::iter(keys.iter())
            .map(|key| {
                let client = client.clone();
                async move {
                    let got = client.get_object().bucket(TEAM_DRIVE).key(key).send().await;
                    let body = match got {
                        Ok(out) => out.body.collect().await.map(|b| b.to_vec()).ok(),
                        Err(_) => None,
                    };
                    (key, body)
                }
            })
            .buffer_unordered(32)
            .collect()
            .await;
        for (key, body) in gets {
            assert_eq!(
                body.as_deref(),
                Some(key.as_bytes()),
                "seed {seed}: {key:?}"
            );
        }
        let long = "k".repeat(1025);
        let refused = client
            .put_object()
            .bucket(TEAM_DRIVE)
            .key(&long)
            .body(Vec::new().into())
            .send()
            .await
            .expect_err("too long");
        assert_eq!(
            refused.as_service_error().and_then(|e| e.meta().code()),
            Some("KeyTooLongError")
        );
        for batch in keys.chunks(1000) {
            let objects = batch
                .iter()
                .map(|k| {
                    aws_sdk_s3::types::ObjectIdentifier::builder()
                        .key(k)
                        .build()
                        .expect("id")
                })
                .collect();
            let out = client
                .delete_objects()
                .bucket(TEAM_DRIVE)
                .delete(
                    aws_sdk_s3::types::Delete::builder()
                        .set_objects(Some(objects))
                        .quiet(true)
                        .build()
                        .expect("delete"),
                )
                .send()
                .await
                .expect("delete objects");
            assert!(out.errors().is_empty(), "{:?}", out.errors());
        }
        assert!(listed_keys(&client, TEAM_DRIVE, "").await.is_empty());
    });
    // Nothing outside the store was created or changed, and the store holds only its
    // own layout: bucket folders of hashed object files.
    assert!(
        snapshot(sandbox.root(), &store) == before,
        "files outside the store changed"
    );
    for entry in walkdir::WalkDir::new(store.join("buckets")).min_depth(1) {
        let entry = entry.expect("entry");
        let rel = entry.path().strip_prefix(&store).expect("inside");
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().to_string())
            .collect();
        let hashed = |s: &str| s.bytes().all(|b| b.is_ascii_hexdigit());
        let expected = match parts.as_slice() {
            [b, _] | [b, _, _] if b == "buckets" => true,
            [_, _, kind, shard, ..] if kind == "objects" => hashed(shard),
            [_, _, kind, ..] => kind == "uploads",
            _ => false,
        };
        assert!(expected, "unexpected {}", rel.display());
    }
    drop(runtime);
    sandbox.stop();
}

/// r13: a guest may write `picture-submissions/../profile-pictures/<id>/x` (it is under
/// `picture-submissions/*`), and it stays that key: the other user's file is untouched.
#[cfg(unix)]
#[test]
fn r13_dot_dot_keys_cannot_reach_another_users_files() {
    let sandbox = LocalSandbox::start("team-drive");
    let victim = "profile-pictures/us-east-1:victim/photo.jpg";
    std::fs::write(sandbox.root().join("mine.jpg"), b"the victim's photo").expect("write");
    std::fs::write(sandbox.root().join("evil.jpg"), b"evil").expect("write");
    let out = sandbox.run(&["cp", "mine.jpg", &format!("s3://amplifyTeamDrive/{victim}")]);
    assert!(out.status.success(), "{}", stderr(&out));
    for attack in [
        format!("picture-submissions/../{victim}"),
        format!("picture-submissions/%2e%2e/{victim}"),
        format!("picture-submissions//../../{victim}"),
    ] {
        let out = sandbox.run(&[
            "cp",
            "--as",
            "guest",
            "evil.jpg",
            &format!("s3://amplifyTeamDrive/{attack}"),
        ]);
        assert!(out.status.success(), "{attack}: {}", stderr(&out));
    }
    // A presigned URL with an encoded `..` reaches the same literal key.
    let out = sandbox.run(&[
        "presign",
        "--as",
        "guest",
        "--method",
        "put",
        "s3://amplifyTeamDrive/picture-submissions/x",
    ]);
    let url = stdout(&out).trim().replace(
        "/picture-submissions/x?",
        "/picture-submissions/%2E%2E/profile-pictures/us-east-1%3Avictim/photo.jpg?",
    );
    let forged = ureq::put(&url).send(&b"evil"[..]);
    assert!(
        matches!(forged, Err(ureq::Error::StatusCode(403))),
        "the signature covers the path: {forged:?}"
    );
    let out = sandbox.run(&["cp", &format!("s3://amplifyTeamDrive/{victim}"), "-"]);
    assert_eq!(stdout(&out), "the victim's photo");
    let (runtime, client) = local_client(&sandbox, OWNER);
    let mut keys = runtime.block_on(listed_keys(&client, TEAM_DRIVE, ""));
    keys.sort();
    assert_eq!(
        keys,
        [
            "picture-submissions/%2e%2e/profile-pictures/us-east-1:victim/photo.jpg",
            "picture-submissions/../profile-pictures/us-east-1:victim/photo.jpg",
            "picture-submissions//../../profile-pictures/us-east-1:victim/photo.jpg",
            victim,
        ]
    );
    drop(runtime);
    sandbox.stop();
}

/// r13: a multipart upload over an object first uploaded with a checksum does not keep
/// the old checksum, so a GET that validates checksums succeeds.
#[cfg(unix)]
#[test]
fn r13_a_multipart_upload_replaces_the_previous_checksum() {
    let sandbox = LocalSandbox::start("team-drive");
    let (runtime, client) = local_client(&sandbox, OWNER);
    let key = "picture-submissions/big.bin";
    let part = crate::common::data(5 * 1024 * 1024);
    runtime.block_on(async {
        client
            .put_object()
            .bucket(TEAM_DRIVE)
            .key(key)
            .checksum_algorithm(aws_sdk_s3::types::ChecksumAlgorithm::Sha256)
            .body(b"small first version".to_vec().into())
            .send()
            .await
            .expect("put");
        let upload = client
            .create_multipart_upload()
            .bucket(TEAM_DRIVE)
            .key(key)
            .send()
            .await
            .expect("create");
        let id = upload.upload_id().expect("id");
        let mut parts = Vec::new();
        for (n, body) in [(1, part.clone()), (2, b"tail".to_vec())] {
            let out = client
                .upload_part()
                .bucket(TEAM_DRIVE)
                .key(key)
                .upload_id(id)
                .part_number(n)
                .body(body.into())
                .send()
                .await
                .expect("part");
            parts.push(
                aws_sdk_s3::types::CompletedPart::builder()
                    .part_number(n)
                    .e_tag(out.e_tag().expect("etag"))
                    .build(),
            );
        }
        client
            .complete_multipart_upload()
            .bucket(TEAM_DRIVE)
            .key(key)
            .upload_id(id)
            .multipart_upload(
                aws_sdk_s3::types::CompletedMultipartUpload::builder()
                    .set_parts(Some(parts))
                    .build(),
            )
            .send()
            .await
            .expect("complete");
        let got = client
            .get_object()
            .bucket(TEAM_DRIVE)
            .key(key)
            .checksum_mode(aws_sdk_s3::types::ChecksumMode::Enabled)
            .send()
            .await
            .expect("get");
        assert!(got.checksum_sha256().is_none(), "the old checksum is gone");
        assert!(
            got.e_tag().is_some_and(|e| e.ends_with("-2\"")),
            "{:?}",
            got.e_tag()
        );
        let body = got.body.collect().await.expect("validated body").to_vec();
        assert_eq!(body.len(), part.len() + 4);
        // A part smaller than 5 MiB but for the last is refused, as on S3.
        let upload = client
            .create_multipart_upload()
            .bucket(TEAM_DRIVE)
            .key(key)
            .send()
            .await
            .expect("create");
        let id = upload.upload_id().expect("id");
        let mut parts = Vec::new();
        for n in [1, 2] {
            let out = client
                .upload_part()
                .bucket(TEAM_DRIVE)
                .key(key)
                .upload_id(id)
                .part_number(n)
                .body(b"tiny".to_vec().into())
                .send()
                .await
                .expect("part");
            parts.push(
                aws_sdk_s3::types::CompletedPart::builder()
                    .part_number(n)
                    .e_tag(out.e_tag().expect("etag"))
                    .build(),
            );
        }
        let refused = client
            .complete_multipart_upload()
            .bucket(TEAM_DRIVE)
            .key(key)
            .upload_id(id)
            .multipart_upload(
                aws_sdk_s3::types::CompletedMultipartUpload::builder()
                    .set_parts(Some(parts))
                    .build(),
            )
            .send()
            .await
            .expect_err("too small");
        assert_eq!(
            refused.as_service_error().and_then(|e| e.meta().code()),
            Some("EntityTooSmall")
        );
    });
    drop(runtime);
    sandbox.stop();
}

/// r13: killing the server (SIGKILL) during 8 concurrent uploads, 20 times: after each
/// restart every object is one whole version, with its own content type, ETag and
/// checksum (validated by the client).
#[cfg(unix)]
#[test]
fn r13_a_killed_server_leaves_whole_versions() {
    let mut sandbox = LocalSandbox::start("team-drive");
    let size = 512 * 1024;
    for run in 0..20u64 {
        let (runtime, client) = local_client(&sandbox, OWNER);
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let writers: Vec<_> = (0..8u8)
            .map(|writer| {
                let client = client.clone();
                let stop = stop.clone();
                runtime.spawn(async move {
                    let key = format!("picture-submissions/k{}", writer % 4);
                    while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                        let _ = client
                            .put_object()
                            .bucket(TEAM_DRIVE)
                            .key(&key)
                            .content_type(format!("application/x-writer-{writer}"))
                            .checksum_algorithm(aws_sdk_s3::types::ChecksumAlgorithm::Crc32)
                            .body(vec![writer; size].into())
                            .send()
                            .await;
                    }
                })
            })
            .collect();
        std::thread::sleep(std::time::Duration::from_millis(150 + run * 17 % 200));
        let dir = sandbox.kill();
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        runtime.block_on(async {
            for writer in writers {
                let _ = writer.await;
            }
        });
        drop(runtime);
        sandbox = LocalSandbox::start_in(dir);
        let (runtime, client) = local_client(&sandbox, OWNER);
        runtime.block_on(async {
            for k in 0..4 {
                let key = format!("picture-submissions/k{k}");
                let Ok(got) = client
                    .get_object()
                    .bucket(TEAM_DRIVE)
                    .key(&key)
                    .checksum_mode(aws_sdk_s3::types::ChecksumMode::Enabled)
                    .send()
                    .await
                else {
                    continue; // never written before the kill
                };
                let content_type = got.content_type().unwrap_or_default().to_string();
                let e_tag = got
                    .e_tag()
                    .unwrap_or_default()
                    .trim_matches('"')
                    .to_string();
                assert!(
                    got.checksum_crc32().is_some(),
                    "run {run}: {key} keeps its checksum"
                );
                let body = got
                    .body
                    .collect()
                    .await
                    .expect("checksum validates")
                    .to_vec();
                assert_eq!(body.len(), size, "run {run}: {key} is whole");
                let writer = body[0];
                assert!(
                    body.iter().all(|b| *b == writer),
                    "run {run}: {key} is one version"
                );
                assert_eq!(
                    content_type,
                    format!("application/x-writer-{writer}"),
                    "run {run}"
                );
                assert_eq!(e_tag, md5_hex(&body), "run {run}: {key}");
            }
        });
        drop(runtime);
    }
    sandbox.stop();
}

/// r13: a second local sandbox that cannot get the lock or the port writes nothing: the
/// outputs file of the running one stays as it is, and no outputs file appears elsewhere.
#[cfg(unix)]
#[test]
fn r13_a_sandbox_without_its_lock_or_port_writes_nothing() {
    let sandbox = LocalSandbox::start("team-drive");
    let outputs = sandbox.root().join("amplify_outputs.json");
    let before = std::fs::read(&outputs).expect("outputs");
    let other_port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let out = ampx(sandbox.root())
        .args(["sandbox", "--local", "--port", &other_port.to_string()])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("already running"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&outputs).expect("outputs"), before);
    // r23: another identifier would serve the same store with an index of its own.
    let out = ampx(sandbox.root())
        .args(["sandbox", "--local", "--identifier", "two"])
        .args(["--port", &other_port.to_string()])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("already running") && stderr(&out).contains("whatever its"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&outputs).expect("outputs"), before);
    let listening = std::net::TcpListener::bind(("127.0.0.1", other_port));
    assert!(listening.is_ok(), "the second sandbox never listened");

    let elsewhere = tempfile::tempdir().expect("dir");
    copy_definition("team-drive", elsewhere.path());
    let out = ampx(elsewhere.path())
        .args(["sandbox", "--local", "--port", &sandbox.port.to_string()])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot listen"), "{}", stderr(&out));
    assert!(!elsewhere.path().join("amplify_outputs.json").exists());
    assert!(!elsewhere.path().join(".amplify/local/store").exists());
    sandbox.stop();
}

/// r13: app users get what IAM with Amplify's policies gives them: no HeadBucket, no
/// AbortMultipartUpload or ListParts (their IAM actions are not granted), and no adding
/// parts to another caller's upload. A stopped sandbox is named as such.
#[cfg(unix)]
#[test]
fn r13_users_get_only_what_amplifys_policies_grant() {
    let sandbox = LocalSandbox::start("team-drive");
    let (runtime, guest) = local_client(&sandbox, "ampx:guest");
    let (_owner_runtime, owner) = local_client(&sandbox, OWNER);
    let (_other_runtime, other) = local_client(
        &sandbox,
        "ampx:authenticated:us-east-1:00000000-0000-4000-8000-0000000000ff",
    );
    let code = |e: &dyn aws_sdk_s3::error::ProvideErrorMetadata| e.code().map(str::to_string);
    runtime.block_on(async {
        let denied = guest
            .head_bucket()
            .bucket(TEAM_DRIVE)
            .send()
            .await
            .expect_err("head");
        assert_eq!(
            denied.raw_response().map(|r| r.status().as_u16()),
            Some(403)
        );
        let key = "picture-submissions/up.bin";
        let upload = guest
            .create_multipart_upload()
            .bucket(TEAM_DRIVE)
            .key(key)
            .send()
            .await
            .expect("a guest may start an upload under picture-submissions/");
        let id = upload.upload_id().expect("id");
        let abort = guest
            .abort_multipart_upload()
            .bucket(TEAM_DRIVE)
            .key(key)
            .upload_id(id)
            .send()
            .await
            .expect_err("abort");
        assert_eq!(code(&abort).as_deref(), Some("AccessDenied"));
        let parts = guest
            .list_parts()
            .bucket(TEAM_DRIVE)
            .key(key)
            .upload_id(id)
            .send()
            .await
            .expect_err("list parts");
        assert_eq!(code(&parts).as_deref(), Some("AccessDenied"));
        // Another caller may not add to it, even one allowed to write there.
        let refused = other
            .upload_part()
            .bucket(TEAM_DRIVE)
            .key(key)
            .upload_id(id)
            .part_number(1)
            .body(b"x".to_vec().into())
            .send()
            .await
            .expect_err("not theirs");
        assert_eq!(code(&refused).as_deref(), Some("AccessDenied"));
        // The owner may clean up.
        owner
            .abort_multipart_upload()
            .bucket(TEAM_DRIVE)
            .key(key)
            .upload_id(id)
            .send()
            .await
            .expect("the owner aborts");
    });
    drop(runtime);
    let dir = sandbox.stop();
    let out = ampx(dir.path())
        .args(["ls", "s3://amplifyTeamDrive/"])
        .env("AWS_MAX_ATTEMPTS", "1")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: the local sandbox is not running at http://127.0.0.1:"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("hint: start it in the project with `ampx-rs sandbox --local`"));
}

/// r13: keys with characters XML 1.0 cannot carry, `+`, `%` and spaces are listed,
/// downloaded and deleted by the file commands (which ask for URL-encoded listings).
#[cfg(unix)]
#[test]
fn r13_file_commands_handle_keys_xml_cannot_carry() {
    let sandbox = LocalSandbox::start("team-drive");
    let (runtime, owner) = local_client(&sandbox, OWNER);
    let names = ["ctl\u{1}x.txt", "a+b c%2F.txt", "tab\there.txt", "ü.txt"];
    runtime.block_on(async {
        for name in names {
            owner
                .put_object()
                .bucket(TEAM_DRIVE)
                .key(format!("picture-submissions/{name}"))
                .body(name.as_bytes().to_vec().into())
                .send()
                .await
                .expect("put");
        }
    });
    let out = sandbox.run(&["ls", "--json", "s3://amplifyTeamDrive/picture-submissions/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut listed: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json")["key"].to_string())
        .collect();
    listed.sort();
    let mut expected: Vec<String> = names
        .iter()
        .map(|n| serde_json::Value::from(format!("picture-submissions/{n}")).to_string())
        .collect();
    expected.sort();
    assert_eq!(listed, expected);
    let out = sandbox.run(&[
        "cp",
        "-r",
        "s3://amplifyTeamDrive/picture-submissions/",
        "down",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    for name in names {
        let body = std::fs::read(sandbox.root().join("down").join(name)).expect("downloaded");
        assert_eq!(body, name.as_bytes());
    }
    let out = sandbox.run(&[
        "rm",
        "-r",
        "--yes",
        "s3://amplifyTeamDrive/picture-submissions/",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        runtime
            .block_on(listed_keys(&owner, TEAM_DRIVE, ""))
            .is_empty()
    );
    drop(runtime);
    sandbox.stop();
}

/// r13: listings never fail while keys are written and deleted around them.
#[cfg(unix)]
#[test]
fn r13_listings_hold_while_keys_come_and_go() {
    use futures::StreamExt as _;
    let sandbox = LocalSandbox::start("team-drive");
    let (runtime, owner) = local_client(&sandbox, OWNER);
    runtime.block_on(async {
        let churn = (0..4).map(|writer| {
            let owner = owner.clone();
            async move {
                for i in 0..150 {
                    let key = format!("picture-submissions/w{writer}/{}", i % 10);
                    let put = owner
                        .put_object()
                        .bucket(TEAM_DRIVE)
                        .key(&key)
                        .body(vec![writer as u8; 100].into())
                        .send()
                        .await;
                    assert!(put.is_ok(), "{put:?}");
                    if i % 2 == 1 {
                        let delete = owner
                            .delete_object()
                            .bucket(TEAM_DRIVE)
                            .key(&key)
                            .send()
                            .await;
                        assert!(delete.is_ok(), "{delete:?}");
                    }
                }
            }
        });
        let lists = (0..500).map(|_| {
            let owner = owner.clone();
            async move {
                let page = owner
                    .list_objects_v2()
                    .bucket(TEAM_DRIVE)
                    .prefix("picture-submissions/")
                    .send()
                    .await
                    .expect("every listing succeeds");
                for object in page.contents() {
                    assert_eq!(object.size(), Some(100), "{object:?}");
                    assert!(object.e_tag().is_some());
                }
            }
        });
        let mut all: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>> =
            Vec::new();
        all.extend(churn.map(|f| Box::pin(f) as _));
        all.extend(lists.map(|f| Box::pin(f) as _));
        futures::stream::iter(all)
            .buffer_unordered(12)
            .collect::<Vec<()>>()
            .await;
    });
    drop(runtime);
    sandbox.stop();
}

#[test]
fn sync_and_mv_against_the_local_sandbox_follow_the_access_rules() {
    let sandbox = LocalSandbox::start("team-drive");
    let root = sandbox.root().to_path_buf();
    for (name, body) in [("a.jpg", "a"), ("b/c.jpg", "c")] {
        let path = root.join("pics").join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, body).expect("write");
    }
    let to = "s3://amplifyTeamDrive/picture-submissions/batch";
    let out = sandbox.run(&["sync", "--as", "guest", "pics", to]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
    let again = sandbox.run(&["sync", "--as", "guest", "pics", to]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stdout(&again), "", "nothing changed, nothing sent");

    // A guest may not delete: --delete is refused object by object, and says so.
    std::fs::remove_file(root.join("pics/a.jpg")).expect("rm");
    let out = sandbox.run(&["sync", "--as", "guest", "--delete", "pics", to]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("delete failed"), "{}", stderr(&out));

    // The owner (no --as) moves the batch down; the objects are gone after the move.
    let out = sandbox.run(&["mv", "-r", to, "moved/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(root.join("moved/a.jpg")).expect("moved"),
        b"a"
    );
    let listed = sandbox.run(&["ls", "-r", "s3://amplifyTeamDrive/picture-submissions/"]);
    assert_eq!(stdout(&listed), "", "{}", stdout(&listed));
}

/// Every outputs format and `--outputs-version 0` are byte-equal to what Amplify's own
/// generator (`@aws-amplify/client-config`) writes for the same outputs
/// (tests/fixtures/outputs-formats).
#[cfg(unix)]
#[test]
fn every_outputs_format_is_byte_equal_to_amplifys() {
    for example in ["team-drive", "social-room"] {
        let fixtures = repo().join("tests/fixtures/outputs-formats").join(example);
        for (version, format, written, fixture) in [
            ("1.5", "json", "amplify_outputs.json", "v1.5.json"),
            ("1.5", "dart", "amplify_outputs.dart", "v1.5.dart"),
            ("0", "json", "amplifyconfiguration.json", "v0.json"),
            (
                "0",
                "json-mobile",
                "amplifyconfiguration.json",
                "v0.json-mobile",
            ),
            ("0", "mjs", "amplifyconfiguration.mjs", "v0.mjs"),
            ("0", "ts", "amplifyconfiguration.ts", "v0.ts"),
            ("0", "dart", "amplifyconfiguration.dart", "v0.dart"),
        ] {
            let dir = tempfile::tempdir().expect("dir");
            copy_definition(example, dir.path());
            let out = ampx(dir.path())
                .args([
                    "sandbox",
                    "--local",
                    "--once",
                    "--outputs-version",
                    version,
                    "--outputs-format",
                    format,
                ])
                .env_remove("AWS_REGION")
                .env_remove("AWS_DEFAULT_REGION")
                .output()
                .expect("runs");
            assert!(
                out.status.success(),
                "{example} {version} {format}: {}",
                stderr(&out)
            );
            let ours = std::fs::read(dir.path().join(written))
                .unwrap_or_else(|e| panic!("{written}: {e}"));
            let amplifys = std::fs::read(fixtures.join(fixture)).expect("fixture");
            assert!(
                ours == amplifys,
                "{example} {version} {format} differs from Amplify's:\n{}\n---\n{}",
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&amplifys)
            );
        }
    }
    // Formats Amplify writes only for version 0 are refused for the others, as it does.
    let dir = tempfile::tempdir().expect("dir");
    copy_definition("team-drive", dir.path());
    let out = ampx(dir.path())
        .args(["sandbox", "--local", "--once", "--outputs-format", "ts"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Unsupported client config format ts for client config")
            && stderr(&out).contains("--outputs-version 0"),
        "{}",
        stderr(&out)
    );
}

/// `referenceAuth` on the local sandbox: the same rules, served by the local user pool
/// with local ids and the referenced groups.
#[test]
fn a_referenced_auth_is_served_with_local_ids_and_its_groups() {
    let dir = tempfile::tempdir().expect("dir");
    crate::common::copy_dir(
        &crate::common::repo().join("tests/fixtures/real/reference-auth"),
        dir.path(),
    );
    let sandbox = LocalSandbox::start_in(dir);
    let outputs: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(sandbox.root().join("amplify_outputs.json")).expect("file"),
    )
    .expect("json");
    assert_eq!(outputs["auth"]["user_pool_id"], "us-east-1_ampxlocal");
    assert_eq!(
        outputs["auth"]["groups"],
        serde_json::json!([{ "ADMINS": { "precedence": 0 } }])
    );
    for (email, group) in [
        ("admin@example.com", Some("ADMINS")),
        ("ann@example.com", None),
    ] {
        let mut args = vec!["sandbox", "users", "add", email, "--password", "Passw0rd!"];
        args.extend(group.iter().flat_map(|g| ["--group", *g]));
        let out = sandbox.run(&args);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let listed = sandbox.run(&["sandbox", "users", "list", "--json"]);
    let identity_of = |email: &str| -> String {
        stdout(&listed)
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
            .find(|u| u["login"] == email)
            .and_then(|u| u["identity_id"].as_str().map(str::to_string))
            .unwrap_or_else(|| panic!("{email} in {}", stdout(&listed)))
    };
    let (ann, admin_id) = (
        identity_of("ann@example.com"),
        identity_of("admin@example.com"),
    );
    std::fs::write(sandbox.root().join("a.jpg"), b"jpeg").expect("write");
    let out = sandbox.run(&[
        "cp",
        "a.jpg",
        &format!("s3://sharedDrive/profile-pictures/{ann}/a.jpg"),
        "--as",
        "user:ann@example.com",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let admin = sandbox.run(&[
        "ls",
        "-r",
        "s3://sharedDrive/profile-pictures/",
        "--as",
        "user:admin@example.com",
    ]);
    assert!(admin.status.success(), "{}", stderr(&admin));
    assert!(stdout(&admin).contains("a.jpg"), "{}", stdout(&admin));
    // A group member acts with the group's role, as in Amplify: ADMINS only read
    // here, even in their own folder.
    let own = sandbox.run(&[
        "cp",
        "a.jpg",
        &format!("s3://sharedDrive/profile-pictures/{admin_id}/b.jpg"),
        "--as",
        "user:admin@example.com",
    ]);
    assert_eq!(own.status.code(), Some(1), "{}", stderr(&own));
    let refused = sandbox.run(&[
        "rm",
        "s3://sharedDrive/picture-submissions/x.jpg",
        "--as",
        "guest",
    ]);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
}
