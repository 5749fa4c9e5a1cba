//! Helpers shared by the integration tests.

pub(crate) mod strategies;

use std::path::{Path, PathBuf};
use std::process::Output;

/// The repository root.
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The built binary, run in `dir`.
pub(crate) fn ampx(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("ampx-rs").expect("binary is built");
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("AMPX_OUTPUTS");
    cmd
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Compares `actual` with the checked-in file; `AMPX_UPDATE_GENERATED=1` rewrites it.
pub(crate) fn assert_matches_file(path: &Path, actual: &str) {
    if std::env::var_os("AMPX_UPDATE_GENERATED").is_some() {
        // In CI a snapshot is checked, never rewritten (which would always pass).
        assert!(
            std::env::var_os("CI").is_none(),
            "AMPX_UPDATE_GENERATED is refused when CI is set"
        );
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

/// A local S3 emulator the test runner started (moto), reached through the standard
/// `AWS_ENDPOINT_URL`.
pub(crate) struct Emulator {
    pub endpoint: String,
    pub client: aws_sdk_s3::Client,
    pub runtime: tokio::runtime::Runtime,
}

/// The emulator of tests/run.sh. Tests that need one are `#[ignore]`d, so a plain
/// `cargo test` lists them as not run; tests/run.sh runs them, and a missing server is
/// then a failure, never a silent pass.
pub(crate) fn emulator() -> Emulator {
    Emulator::at(&required_env("AWS_ENDPOINT_URL"))
}

/// A variable that tests/run.sh sets for the servers and tools it starts.
/// A test runner for random cases with a fresh seed each run (`AMPX_SEED=<seed>`
/// repeats one); the seed is printed, so every failure can be replayed.
pub(crate) fn seeded_runner(what: &str) -> (u64, proptest::test_runner::TestRunner) {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let seed: u64 = std::env::var("AMPX_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .expect("clock")
                .as_nanos() as u64
        });
    eprintln!("{what} from AMPX_SEED={seed}");
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes);
    (seed, TestRunner::new_with_rng(Config::default(), rng))
}

pub(crate) fn required_env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is unset: this test needs the servers and tools that `bash tests/run.sh` sets up")
    })
}

impl Emulator {
    pub(crate) fn at(endpoint: &str) -> Emulator {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let config = runtime.block_on(
            aws_config::defaults(aws_config::BehaviorVersion::latest())
                .endpoint_url(endpoint)
                .region(aws_config::Region::new("us-east-1"))
                .load(),
        );
        let s3_config = aws_sdk_s3::config::Builder::from(&config)
            .force_path_style(true)
            .build();
        Emulator {
            endpoint: endpoint.to_string(),
            client: aws_sdk_s3::Client::from_conf(s3_config),
            runtime,
        }
    }

    /// A new empty bucket named after the test.
    pub(crate) fn bucket(&self, test: &str) -> String {
        let unique = format!(
            "{}-{}-{}",
            test.replace('_', "-"),
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .expect("clock")
                .subsec_nanos()
        );
        let name: String = unique
            .chars()
            .take(63)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string();
        self.runtime
            .block_on(self.client.create_bucket().bucket(&name).send())
            .expect("create bucket");
        name
    }

    pub(crate) fn put(&self, bucket: &str, key: &str, body: &[u8]) {
        self.runtime
            .block_on(
                self.client
                    .put_object()
                    .bucket(bucket)
                    .key(key)
                    .body(body.to_vec().into())
                    .send(),
            )
            .expect("put");
    }

    /// Puts many small objects, a bounded number at a time (the emulator's listener
    /// has a small backlog).
    pub(crate) fn put_many(&self, bucket: &str, keys: impl Iterator<Item = String>, body: &[u8]) {
        use futures::StreamExt as _;
        self.runtime.block_on(async {
            let results: Vec<_> = futures::stream::iter(keys)
                .map(|key| {
                    self.client
                        .put_object()
                        .bucket(bucket)
                        .key(key)
                        .body(body.to_vec().into())
                        .send()
                })
                .buffer_unordered(16)
                .collect()
                .await;
            for r in results {
                r.expect("put");
            }
        });
    }

    pub(crate) fn get(&self, bucket: &str, key: &str) -> Option<Vec<u8>> {
        self.runtime.block_on(async {
            let out = self
                .client
                .get_object()
                .bucket(bucket)
                .key(key)
                .send()
                .await
                .ok()?;
            Some(out.body.collect().await.ok()?.into_bytes().to_vec())
        })
    }

    pub(crate) fn keys(&self, bucket: &str) -> Vec<String> {
        self.runtime.block_on(async {
            let mut keys = Vec::new();
            let mut pages = self
                .client
                .list_objects_v2()
                .bucket(bucket)
                .into_paginator()
                .send();
            while let Some(page) = pages.next().await {
                keys.extend(
                    page.expect("list")
                        .contents()
                        .iter()
                        .filter_map(|o| o.key().map(str::to_string)),
                );
            }
            keys.sort();
            keys
        })
    }

    pub(crate) fn open_uploads(&self, bucket: &str) -> usize {
        self.runtime.block_on(async {
            self.client
                .list_multipart_uploads()
                .bucket(bucket)
                .send()
                .await
                .expect("list uploads")
                .uploads()
                .len()
        })
    }
}

/// Bytes that are not all alike, so offsets matter.
pub(crate) fn data(len: usize) -> Vec<u8> {
    let mut state: u32 = 0x9e37_79b9;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect()
}

/// A TCP proxy in front of `upstream` that keeps a copy of every request byte.
pub(crate) fn recording_proxy(
    upstream: &str,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<u8>>>) {
    use std::io::{Read, Write};
    let upstream = upstream.trim_start_matches("http://").to_string();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = seen.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = std::net::TcpStream::connect(&upstream) else {
                return;
            };
            let record = record.clone();
            let (mut c_read, mut s_write) = (
                client.try_clone().expect("clone"),
                server.try_clone().expect("clone"),
            );
            std::thread::spawn(move || {
                let mut buf = [0u8; 16 * 1024];
                while let Ok(n) = c_read.read(&mut buf) {
                    if n == 0 || s_write.write_all(&buf[..n]).is_err() {
                        break;
                    }
                    record.lock().expect("lock").extend_from_slice(&buf[..n]);
                }
            });
            let (mut s_read, mut c_write) = (server, client);
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut s_read, &mut c_write);
            });
        }
    });
    (format!("http://{addr}"), seen)
}

/// The team-drive example with `defineAuth({ loginWith: { email: true }, <options> })`
/// in place of its auth, in a temporary folder.
pub(crate) fn team_drive_with_auth(options: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    copy_definition("team-drive", dir.path());
    std::fs::write(
        dir.path().join("amplify/auth/resource.ts"),
        format!("import {{ defineAuth }} from '@aws-amplify/backend';\nexport const auth = defineAuth({{ loginWith: {{ email: true }}, {options} }});\n"),
    )
    .expect("write");
    dir
}

/// Copies an example's definition (`amplify/` and `package.json`) into `to`, and nothing
/// a quick start may have left beside it (outputs, `.amplify/`, `node_modules`).
pub(crate) fn copy_definition(example: &str, to: &Path) {
    let from = repo().join("examples").join(example);
    std::fs::create_dir_all(to.join("amplify")).expect("mkdir");
    copy_dir(&from.join("amplify"), &to.join("amplify"));
    std::fs::copy(from.join("package.json"), to.join("package.json")).expect("package.json");
}

/// Copies a folder tree.
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A child process's stderr, read in the background so a test can wait for lines.
#[derive(Clone)]
pub(crate) struct Log {
    text: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Log {
    pub(crate) fn follow(mut stream: impl std::io::Read + Send + 'static) -> Log {
        let text = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let sink = text.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = stream.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .expect("lock")
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Log { text }
    }

    pub(crate) fn text(&self) -> String {
        self.text.lock().expect("lock").clone()
    }

    pub(crate) fn count(&self, needle: &str) -> usize {
        self.text.lock().expect("lock").matches(needle).count()
    }

    /// Waits (at most 30 s) until `needle` has appeared `times` times.
    pub(crate) fn wait_for(&self, needle: &str, times: usize) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        while self.count(needle) < times {
            assert!(
                std::time::Instant::now() < deadline,
                "waited for {times}× {needle:?}; log:\n{}",
                self.text()
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
}
