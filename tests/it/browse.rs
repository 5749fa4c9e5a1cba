//! `ampx-rs browse`: the page and its API on 127.0.0.1, checked with plain HTTP (the
//! guard, "view as", object bodies, hostile keys) and driven in headless Chromium
//! against the local sandbox and against moto; results are checked with `ampx-rs ls`.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::common::{ampx, repo, stderr, stdout};
use crate::local::LocalSandbox;

/// A running `ampx-rs browse --no-open --json`.
struct Browse {
    child: Child,
    url: String,
    port: u16,
    /// `name=value` of the session cookie, once [`Browse::sign_in`] got it.
    cookie: String,
    /// The secret the page sends in `x-ampx-secret`.
    secret: String,
}

impl Browse {
    /// Starts `browse` and signs in as the page does (for tests that call its API).
    /// `env`: what the command sees besides the test's own environment.
    fn start(dir: &Path, args: &[&str], env: &[(&str, &str)], remove: &[&str]) -> Browse {
        let mut browse = Browse::launch(dir, args, env, remove);
        browse.sign_in();
        browse
    }

    /// Starts `browse` and leaves its one-time code to a browser.
    fn launch(dir: &Path, args: &[&str], env: &[(&str, &str)], remove: &[&str]) -> Browse {
        let mut command = Command::new(assert_cmd::cargo::cargo_bin("ampx-rs"));
        command
            .current_dir(dir)
            .args(["browse", "--no-open", "--json"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for name in remove {
            command.env_remove(name);
        }
        command.envs(env.iter().copied());
        let mut child = command.spawn().expect("spawn");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("first line");
        let answer: serde_json::Value = serde_json::from_str(&first)
            .unwrap_or_else(|e| panic!("browse printed {first:?}: {e}"));
        let url = answer["url"].as_str().expect("url").to_string();
        let port = url
            .strip_prefix("http://127.0.0.1:")
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse().ok())
            .expect("a loopback URL with a port");
        Browse {
            child,
            url,
            port,
            cookie: String::new(),
            secret: String::new(),
        }
    }

    /// Exchanges the address's one-time code for the session, as the page does: the
    /// cookie, and the secret the page sends in a header.
    fn sign_in(&mut self) {
        let code = self
            .url
            .split_once("#code=")
            .expect("a code in the fragment")
            .1;
        let body = serde_json::json!({ "code": code }).to_string();
        let origin = self.origin();
        let headers = [
            ("Origin", origin.as_str()),
            ("Content-Type", "application/json"),
        ];
        let reply = self.raw("POST", "/api/exchange", &headers, body.as_bytes());
        assert_eq!(reply.status, 200, "{}", reply.text());
        let cookie = reply.header("set-cookie").expect("a cookie");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
            "{cookie}"
        );
        self.cookie = cookie.split(';').next().expect("name=value").to_string();
        self.secret = reply.json()["secret"]
            .as_str()
            .expect("a secret")
            .to_string();
        assert!(
            !cookie.contains(&self.secret),
            "the secret never rides in a cookie"
        );
        let again = self.raw("POST", "/api/exchange", &headers, body.as_bytes());
        assert_eq!(again.status, 401, "a code signs in once: {}", again.text());
    }

    fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// A request with exactly these headers (and `Host` unless one is given).
    fn raw(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        let mut request = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("host")) {
            request.push_str(&format!("Host: {}\r\n", self.host()));
        }
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        stream.write_all(request.as_bytes()).expect("write");
        stream.write_all(body).expect("write body");
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).expect("read");
        Reply::parse(&answer)
    }

    /// A request as the page sends it: the cookie and the secret, and for changes its
    /// own `Origin`.
    fn call(&self, method: &str, path: &str, body: &[u8]) -> Reply {
        let origin = self.origin();
        let mut headers = vec![
            ("Cookie", self.cookie.as_str()),
            ("x-ampx-secret", self.secret.as_str()),
        ];
        if method != "GET" {
            headers.push(("Origin", origin.as_str()));
        }
        if method == "POST" {
            headers.push(("Content-Type", "application/json"));
        }
        self.raw(method, path, &headers, body)
    }

    fn post(&self, path: &str, body: serde_json::Value) -> Reply {
        self.call("POST", path, body.to_string().as_bytes())
    }
}

impl Drop for Browse {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete head");
        let head = String::from_utf8_lossy(&raw[..end]);
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let mut body = raw[end + 4..].to_vec();
        if headers
            .iter()
            .any(|(n, v)| n == "transfer-encoding" && v == "chunked")
        {
            body = unchunk(&body);
        }
        Reply {
            status,
            headers,
            body,
        }
    }

    fn header(&self, name: &str) -> Option<String> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {} {}", self.status, self.text()))
    }
}

fn unchunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = body
            .windows(2)
            .position(|w| w == b"\r\n")
            .expect("chunk size");
        let size = usize::from_str_radix(std::str::from_utf8(&body[..line_end]).expect("hex"), 16)
            .expect("hex size");
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&body[line_end + 2..line_end + 2 + size]);
        body = &body[line_end + 4 + size..];
    }
}

/// A query string value.
fn q(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// The keys `ampx-rs ls -r --json` lists under a prefix.
fn listed(out: &std::process::Output) -> Vec<String> {
    assert!(out.status.success(), "{}", stderr(out));
    let mut keys: Vec<String> = stdout(out)
        .lines()
        .map(|l| {
            let row: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            row["key"].as_str().expect("key").to_string()
        })
        .collect();
    keys.sort();
    keys
}

const NO_AWS: [&str; 3] = [
    "AWS_ENDPOINT_URL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
];
const NO_AWS_FILES: [(&str, &str); 2] = [
    ("AWS_CONFIG_FILE", "/dev/null"),
    ("AWS_SHARED_CREDENTIALS_FILE", "/dev/null"),
];

#[cfg(unix)]
#[test]
fn the_page_is_kept_to_its_owner_and_app_users_to_their_rules() {
    let sandbox = LocalSandbox::start("team-drive");
    let b = Browse::start(sandbox.root(), &["--local"], &NO_AWS_FILES, &NO_AWS);
    let ls = || listed(&sandbox.run(&["ls", "-r", "--json", "s3://amplifyTeamDrive/"]));

    // The page itself holds no secret; the API needs the cookie and the page's secret
    // (the cookie alone, which another port's server may receive, opens nothing).
    // A foreign Host, a foreign or missing Origin: refused.
    assert_eq!(b.raw("GET", "/api/session", &[], b"").status, 401);
    let cookie = [("Cookie", b.cookie.as_str())];
    assert_eq!(b.raw("GET", "/api/session", &cookie, b"").status, 401);
    let with_secret = [cookie[0], ("x-ampx-secret", b.secret.as_str())];
    assert_eq!(
        b.raw("GET", "/api/session", &with_secret[1..], b"").status,
        401
    );
    let page = b.raw("GET", "/", &[], b"");
    assert_eq!(page.status, 200);
    let policy = page.header("content-security-policy").expect("a CSP");
    assert!(
        policy.contains("script-src 'self'") && policy.contains("default-src 'none'"),
        "{policy}"
    );
    assert_eq!(page.header("x-frame-options").as_deref(), Some("DENY"));
    for host in [
        format!("evil.example:{}", b.port),
        format!("127.0.0.1:{}", b.port + 1),
        "127.0.0.1".to_string(),
    ] {
        let reply = b.raw(
            "GET",
            "/api/session",
            &[("Host", &host), cookie[0], with_secret[1]],
            b"",
        );
        assert_eq!(reply.status, 421, "Host {host}: {}", reply.text());
    }
    let localhost = format!("localhost:{}", b.port);
    assert_eq!(
        b.raw(
            "GET",
            "/api/session",
            &[("Host", &localhost), cookie[0], with_secret[1]],
            b""
        )
        .status,
        200
    );
    let folder =
        serde_json::json!({"bucket": "amplifyTeamDrive", "prefix": "picture-submissions/made"});
    let body = folder.to_string();
    for origin in [None, Some("http://evil.example"), Some("null")] {
        let mut headers = vec![cookie[0], with_secret[1]];
        headers.extend(origin.map(|o| ("Origin", o)));
        headers.push(("Content-Type", "application/json"));
        let reply = b.raw("POST", "/api/folder", &headers, body.as_bytes());
        assert_eq!(reply.status, 403, "Origin {origin:?}: {}", reply.text());
    }
    assert!(ls().is_empty(), "a refused request wrote something");
    let made = b.post("/api/folder", folder);
    assert_eq!(made.status, 200, "{}", made.text());
    assert_eq!(ls(), ["picture-submissions/made/"]);

    // The session names the buckets and who the page may view as.
    let session = b.call("GET", "/api/session", b"").json();
    assert_eq!(session["buckets"][0]["name"], "amplifyTeamDrive");
    assert_eq!(session["local"], true);
    assert_eq!(
        session["view_as"],
        serde_json::json!(["guest", "authenticated"])
    );

    // View as a guest: refused by the server, not only hidden by the page.
    let put = |key: &str, who: Option<&str>, body: &[u8]| {
        let who = who.map_or(String::new(), |w| format!("&as={}", q(w)));
        b.call(
            "PUT",
            &format!("/api/object?bucket=amplifyTeamDrive&key={}{who}", q(key)),
            body,
        )
    };
    let denied = put("top.txt", Some("guest"), b"guest at the top");
    assert_eq!(denied.status, 403, "{}", denied.text());
    assert_eq!(denied.json()["error"], "AccessDenied");
    let owned = "profile-pictures/us-east-1:00000000-0000-4000-8000-00000000000e/me.png";
    assert_eq!(
        put(
            owned,
            Some("authenticated:us-east-1:00000000-0000-4000-8000-0000000000ff"),
            b"x"
        )
        .status,
        403
    );
    assert_eq!(
        put(
            owned,
            Some("authenticated:us-east-1:00000000-0000-4000-8000-00000000000e"),
            b"x"
        )
        .status,
        200
    );
    let allowed = put(
        "picture-submissions/guest.txt",
        Some("guest"),
        b"hi from a guest",
    );
    assert_eq!(allowed.status, 200, "{}", allowed.text());
    let delete_as_guest = b.post(
        "/api/delete",
        serde_json::json!({"bucket": "amplifyTeamDrive", "key": "picture-submissions/guest.txt", "as": "guest"}),
    );
    assert_eq!(delete_as_guest.status, 403, "{}", delete_as_guest.text());
    let listing = b
        .call(
            "GET",
            "/api/list?bucket=amplifyTeamDrive&prefix=picture-submissions%2F&as=guest",
            b"",
        )
        .json();
    assert_eq!(
        listing["may"],
        serde_json::json!({"get": true, "list": true, "write": true, "delete": false})
    );
    assert_eq!(
        b.call(
            "GET",
            "/api/list?bucket=amplifyTeamDrive&prefix=&as=guest",
            b""
        )
        .status,
        403
    );
    // An upload outside every access path is made, with cp's warning.
    let outside = put("top.txt", None, b"the owner may");
    assert!(
        outside.json()["warning"]
            .as_str()
            .is_some_and(|w| w.contains("outside every access path")),
        "{}",
        outside.text()
    );

    // Object bodies are downloads, never pages: markup, SVG, and images only inline.
    let markup = "picture-submissions/<script>alert(1)</script>.html";
    assert_eq!(put(markup, None, b"<script>alert(1)</script>").status, 200);
    for extra in ["", "&inline=true"] {
        let got = b.call(
            "GET",
            &format!(
                "/api/object?bucket=amplifyTeamDrive&key={}{extra}",
                q(markup)
            ),
            b"",
        );
        assert_eq!(got.status, 200);
        assert_eq!(got.body, b"<script>alert(1)</script>");
        assert_eq!(
            got.header("content-type").as_deref(),
            Some("application/octet-stream")
        );
        assert_eq!(
            got.header("x-content-type-options").as_deref(),
            Some("nosniff")
        );
        let disposition = got.header("content-disposition").expect("disposition");
        assert_eq!(disposition, "attachment; filename*=UTF-8''script%3E%2Ehtml");
        assert!(
            got.header("content-security-policy")
                .is_some_and(|p| p.starts_with("sandbox"))
        );
    }
    let image = b.call(
        "GET",
        &format!(
            "/api/object?bucket=amplifyTeamDrive&key={}&inline=true",
            q(owned)
        ),
        b"",
    );
    assert_eq!(image.header("content-type").as_deref(), Some("image/png"));
    assert!(
        image
            .header("content-disposition")
            .is_some_and(|d| d.starts_with("inline;"))
    );

    // Keys S3 accepts are listed, fetched, moved and deleted literally.
    let odd = "picture-submissions/../a\nb\u{7f} é";
    assert_eq!(put(odd, None, b"odd").status, 200);
    let long = format!("picture-submissions/{}", "k".repeat(1024 - 20));
    assert_eq!(put(&long, None, b"long").status, 200);
    assert_eq!(put(&format!("{long}k"), None, b"too long").status, 400);
    let page = b
        .call(
            "GET",
            "/api/list?bucket=amplifyTeamDrive&prefix=picture-submissions%2F",
            b"",
        )
        .json();
    let keys: Vec<&str> = page["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .map(|o| o["key"].as_str().expect("key"))
        .collect();
    assert!(keys.contains(&long.as_str()), "{keys:?}");
    // A `/` inside a key makes a folder of what is before it, as S3 lists it.
    assert_eq!(
        page["prefixes"],
        serde_json::json!([
            "picture-submissions/../",
            "picture-submissions/<script>alert(1)</",
            "picture-submissions/made/"
        ])
    );
    let inside = b
        .call(
            "GET",
            &format!(
                "/api/list?bucket=amplifyTeamDrive&prefix={}",
                q("picture-submissions/../")
            ),
            b"",
        )
        .json();
    assert_eq!(inside["objects"][0]["key"], odd);
    let moved = b.post(
        "/api/move",
        serde_json::json!({"bucket": "amplifyTeamDrive", "from": odd, "to": "picture-submissions/plain.txt"}),
    );
    assert_eq!(moved.status, 200, "{}", moved.text());
    let gone = b.post(
        "/api/delete",
        serde_json::json!({"bucket": "amplifyTeamDrive", "key": long}),
    );
    assert_eq!(gone.status, 200);

    // A folder is deleted only with the count the user confirmed, and only that folder.
    put("picture-submissions-old/keep.txt", None, b"sibling");
    let count = b
        .call(
            "GET",
            "/api/count?bucket=amplifyTeamDrive&prefix=picture-submissions",
            b"",
        )
        .json();
    let n = count["objects"].as_u64().expect("count");
    let stale = b.post(
        "/api/delete",
        serde_json::json!({"bucket": "amplifyTeamDrive", "prefix": "picture-submissions", "expected": n - 1}),
    );
    assert_eq!(stale.status, 409, "{}", stale.text());
    let whole_bucket = b.post(
        "/api/delete",
        serde_json::json!({"bucket": "amplifyTeamDrive", "prefix": "", "expected": 0}),
    );
    assert_eq!(whole_bucket.status, 400);
    let deleted = b.post(
        "/api/delete",
        serde_json::json!({"bucket": "amplifyTeamDrive", "prefix": "picture-submissions", "expected": n}),
    );
    assert_eq!(deleted.status, 200, "{}", deleted.text());
    assert_eq!(deleted.json()["deleted"].as_u64(), Some(n));
    assert_eq!(ls(), ["picture-submissions-old/keep.txt", owned, "top.txt"]);

    // Presigned links work without the page.
    let link = b.post(
        "/api/presign",
        serde_json::json!({"bucket": "amplifyTeamDrive", "key": "top.txt", "expires_in": 60}),
    );
    let url = link.json()["url"].as_str().expect("url").to_string();
    let fetched = ureq::get(&url)
        .call()
        .expect("presigned GET")
        .into_body()
        .read_to_vec()
        .expect("body");
    assert_eq!(fetched, b"the owner may");

    // The access panel: who may do what where.
    let access = b
        .call(
            "GET",
            "/api/access?bucket=amplifyTeamDrive&path=profile-pictures%2Fus-east-1%3A00000000-0000-4000-8000-00000000000e%2F",
            b"",
        )
        .json();
    assert_eq!(
        access["rows"],
        serde_json::json!([
            {"who": "guest", "actions": ["get", "list"]},
            {"who": "authenticated", "actions": []},
            {"who": "owner", "actions": ["get", "list", "write", "delete"]},
        ])
    );

    // Ctrl-C stops it cleanly.
    let mut b = b;
    Command::new("kill")
        .args(["-INT", &b.child.id().to_string()])
        .status()
        .expect("kill");
    let status = b.child.wait().expect("wait");
    assert!(status.success(), "{status}");
}

/// Runs tests/web/browse.mjs against a running page; returns what it saw.
fn drive_the_page(url: &str, project: &Path) -> serde_json::Value {
    let chromium = crate::common::required_env("AMPX_TEST_CHROMIUM");
    let mut command = Command::new("node");
    command
        .arg(repo().join("tests/web/browse.mjs"))
        .arg(url)
        .arg(repo().join("tests/fixtures/browse"))
        .env("CHROMIUM", chromium)
        .env("AMPX_BIN", assert_cmd::cargo::cargo_bin("ampx-rs"))
        .env("AMPX_PROJECT", project);
    if let Ok(dir) = std::env::var("AMPX_BROWSE_SCREENSHOTS") {
        command.arg(dir);
    }
    let out = command.output().expect("node runs");
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)))
}

const HOSTILE: &str = "picture-submissions/<img src=x onerror=alert(1)>";

/// What the page flow must have seen and left, on any backend.
fn check_the_flow(seen: &serde_json::Value, keys_after: &[String], local: bool) {
    let s = |v: &[&str]| serde_json::json!(v);
    assert_eq!(
        seen["addressHoldsCode"], false,
        "the one-time code stays in the address bar"
    );
    assert_eq!(seen["topLevel"], s(&["picture-submissions/"]));
    assert_eq!(
        seen["crumbs"],
        s(&["amplifyTeamDrive", "picture-submissions"])
    );
    assert_eq!(
        seen["afterUploads"],
        s(&[
            "picture-submissions/album/",
            "picture-submissions/drafts/",
            HOSTILE,
            "picture-submissions/data.json",
            "picture-submissions/drop-1.txt",
            "picture-submissions/drop-2.txt",
            "picture-submissions/notes.txt",
            "picture-submissions/pixel.png",
        ])
    );
    assert_eq!(seen["uploads"], 7);
    assert_eq!(
        seen["inAlbum"],
        s(&[
            "picture-submissions/album/x.txt",
            "picture-submissions/album/y.txt"
        ])
    );
    assert_eq!(
        seen["backTo"],
        s(&["amplifyTeamDrive", "picture-submissions"])
    );
    assert_eq!(seen["afterReload"], seen["backTo"]);
    assert_eq!(seen["imageWidth"], 1);
    assert!(
        seen["jsonPreview"]
            .as_str()
            .is_some_and(|t| t.contains("\"items\": [")),
        "{}",
        seen["jsonPreview"]
    );
    assert_eq!(
        seen["afterMoves"],
        s(&[
            "picture-submissions/album/",
            "picture-submissions/drafts/",
            HOSTILE,
            "picture-submissions/drop-1.txt",
            "picture-submissions/drop-2.txt",
            "picture-submissions/pixel.png",
            "picture-submissions/renamed.txt",
        ])
    );
    assert_eq!(seen["filtered"], s(&["picture-submissions/pixel.png"]));
    assert_eq!(
        seen["downloaded"],
        serde_json::json!({"name": "renamed.txt", "body": "notes from the page\n"})
    );
    assert_eq!(seen["link"]["body"], "notes from the page\n");
    assert!(
        seen["link"]["says"]
            .as_str()
            .is_some_and(|t| t.starts_with("Anyone with this link can download the file until ")),
        "{}",
        seen["link"]
    );
    assert_eq!(
        seen["deleteQuestion"],
        "Delete 3 objects under s3://amplifyTeamDrive/picture-submissions/album/?"
    );
    assert!(
        !seen["afterDelete"].to_string().contains("album"),
        "{}",
        seen["afterDelete"]
    );
    assert_eq!(seen["hostileShown"], "<img src=x onerror=alert(1)>");
    assert_eq!(seen["injectedImages"], 0);
    assert_eq!(
        seen["guestInSubmissions"],
        serde_json::json!({"upload": true, "Delete": false, "Download": true, "Rename": false})
    );
    assert_eq!(seen["guestAtTop"]["upload"], false);
    assert!(
        seen["guestAtTop"]["status"]
            .as_str()
            .is_some_and(|t| t.starts_with("AccessDenied")),
        "{}",
        seen["guestAtTop"]
    );
    assert_eq!(seen["alerts"], s(&[]));
    assert_eq!(seen["errors"], s(&[]));
    let mut expected = vec![
        HOSTILE,
        "picture-submissions/drafts/",
        "picture-submissions/drop-1.txt",
        "picture-submissions/drop-2.txt",
        "picture-submissions/from-cli.txt",
        "picture-submissions/pixel.png",
        "picture-submissions/renamed.txt",
    ];
    // Only the local sandbox's page follows changes by itself.
    assert_eq!(seen["followedCp"].as_bool(), local.then_some(true));
    if !local {
        expected.retain(|k| !k.ends_with("from-cli.txt"));
    }
    assert_eq!(keys_after, expected);
}

#[cfg(unix)]
#[test]
#[ignore = "needs the headless Chromium that tests/run.sh sets up"]
fn the_page_in_chromium_against_the_local_sandbox() {
    let sandbox = LocalSandbox::start("team-drive");
    let hostile = sandbox.root().join("hostile.txt");
    std::fs::write(&hostile, "markup in a key").expect("write");
    let cp = sandbox.run(&[
        "cp",
        hostile.to_str().expect("utf-8"),
        &format!("s3://amplifyTeamDrive/{HOSTILE}"),
    ]);
    assert!(cp.status.success(), "{}", stderr(&cp));
    let b = Browse::launch(sandbox.root(), &["--local"], &NO_AWS_FILES, &NO_AWS);
    let seen = drive_the_page(&b.url, sandbox.root());
    let keys = listed(&sandbox.run(&["ls", "-r", "--json", "s3://amplifyTeamDrive/"]));
    check_the_flow(&seen, &keys, true);
}

#[cfg(unix)]
#[test]
#[ignore = "needs moto and the headless Chromium that tests/run.sh sets up"]
fn the_page_in_chromium_against_moto() {
    let emulator = crate::common::emulator();
    let bucket = emulator.bucket("browse");
    emulator.put(&bucket, HOSTILE, b"markup in a key");
    let dir = moto_project(&bucket);
    let b = Browse::launch(dir.path(), &[], &[], &[]);
    let seen = drive_the_page(&b.url, dir.path());
    let out = ampx(dir.path())
        .args(["ls", "-r", "--json", "s3://amplifyTeamDrive/"])
        .output()
        .expect("ls");
    check_the_flow(&seen, &listed(&out), false);
}

/// r23: what another server on 127.0.0.1 receives from the browser opens nothing: the
/// session cookie reaches it (cookies ignore ports), but replayed it is refused, that
/// server's page cannot read the API or the page's secret, and the printed address signs
/// one browser in, once.
#[cfg(unix)]
#[test]
#[ignore = "needs the headless Chromium that tests/run.sh sets up"]
fn a_cookie_replayed_from_another_port_opens_nothing() {
    let sandbox = LocalSandbox::start("team-drive");
    std::fs::write(sandbox.root().join("a.txt"), b"a").expect("write");
    let cp = sandbox.run(&["cp", "a.txt", "s3://amplifyTeamDrive/picture-submissions/"]);
    assert!(cp.status.success(), "{}", stderr(&cp));
    let b = Browse::launch(sandbox.root(), &["--local"], &NO_AWS_FILES, &NO_AWS);
    let out = Command::new("node")
        .arg(repo().join("tests/web/replay.mjs"))
        .arg(&b.url)
        .env(
            "CHROMIUM",
            crate::common::required_env("AMPX_TEST_CHROMIUM"),
        )
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}\n{}", stdout(&out), stderr(&out));
    let seen: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(seen["addressHoldsCode"], false, "{seen}");
    assert!(
        seen["secondUse"]
            .as_str()
            .is_some_and(|s| s.contains("used already")),
        "{seen}"
    );
    assert_eq!(seen["strangerListed"], 0, "{seen}");
    assert_eq!(
        seen["cookieReachedOtherPort"], true,
        "the threat is real: {seen}"
    );
    assert_eq!(seen["replayStatus"], 401, "{seen}");
    assert_eq!(seen["replayListStatus"], 401, "{seen}");
    assert!(
        seen["fromOtherPage"]
            .as_str()
            .is_some_and(|s| s.starts_with("refused")),
        "{seen}"
    );
    assert_eq!(
        seen["otherPageReadsSecret"],
        serde_json::Value::Null,
        "{seen}"
    );
    assert!(
        seen["ownerStillListed"].as_u64().is_some_and(|n| n > 0),
        "{seen}"
    );
}

#[cfg(unix)]
#[test]
fn browse_says_how_to_start_the_local_sandbox() {
    let refused_with_the_way_out = |dir: &Path, code: i32| {
        let out = ampx(dir)
            .args(["browse", "--local", "--no-open"])
            .env_remove("AWS_ENDPOINT_URL")
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(code), "{}", stderr(&out));
        let said = stderr(&out);
        assert!(said.contains("ampx-rs sandbox --local"), "{said}");
    };
    let dir = tempfile::tempdir().expect("dir");
    crate::common::copy_definition("team-drive", dir.path());
    refused_with_the_way_out(dir.path(), 2);
    // Outputs of a local sandbox that is not running: exit 1, with the same way out.
    let root = LocalSandbox::start("team-drive").stop();
    refused_with_the_way_out(root.path(), 1);
}

/// A project of `examples/team-drive` whose outputs name `bucket` on the emulator.
fn moto_project(bucket: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    crate::common::copy_definition("team-drive", dir.path());
    crate::files::outputs_for(dir.path(), bucket);
    dir
}

#[cfg(unix)]
#[test]
#[ignore = "needs moto, which tests/run.sh starts"]
fn big_uploads_go_in_parts_and_an_abandoned_one_leaves_nothing() {
    let emulator = crate::common::emulator();
    let bucket = emulator.bucket("browse-big");
    let dir = moto_project(&bucket);
    let b = Browse::start(dir.path(), &[], &[], &[]);
    let data = crate::common::data(20 * 1024 * 1024);
    let path = |key: &str| format!("/api/object?bucket=amplifyTeamDrive&key={}", q(key));
    let whole = b.call("PUT", &path("picture-submissions/big.bin"), &data);
    assert_eq!(whole.status, 200, "{}", whole.text());
    assert!(emulator.get(&bucket, "picture-submissions/big.bin") == Some(data.clone()));

    // A browser that goes away halfway: once parts were sent, close the connection.
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", b.port)).expect("connect");
    let head = format!(
        "PUT {} HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\nx-ampx-secret: {}\r\nOrigin: {}\r\nContent-Length: {}\r\n\r\n",
        path("picture-submissions/cut.bin"),
        b.host(),
        b.cookie,
        b.secret,
        b.origin(),
        data.len()
    );
    stream.write_all(head.as_bytes()).expect("head");
    stream
        .write_all(&data[..12 * 1024 * 1024])
        .expect("part of the body");
    let within_20s = |done: &dyn Fn() -> bool, what: &str| {
        let waited = std::time::Instant::now();
        while !done() {
            assert!(waited.elapsed().as_secs() < 20, "{what}");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    };
    within_20s(
        &|| emulator.open_uploads(&bucket) > 0,
        "no multipart upload was started",
    );
    drop(stream);
    within_20s(
        &|| emulator.open_uploads(&bucket) == 0,
        "the abandoned upload stayed open",
    );
    assert_eq!(emulator.keys(&bucket), ["picture-submissions/big.bin"]);
}

#[cfg(unix)]
#[test]
fn the_default_bucket_comes_first_unless_another_is_asked_for() {
    let sandbox = LocalSandbox::start("two-buckets");
    let names = |args: &[&str]| {
        let b = Browse::start(sandbox.root(), args, &NO_AWS_FILES, &NO_AWS);
        let session = b.call("GET", "/api/session", b"").json();
        session["buckets"]
            .as_array()
            .expect("buckets")
            .iter()
            .map(|bucket| bucket["name"].as_str().expect("name").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&["--local"]), ["firstBucket", "secondBucket"]);
    assert_eq!(
        names(&["--local", "--bucket", "secondBucket"]),
        ["secondBucket", "firstBucket"]
    );
    // A bucket the outputs do not name: exit 2, with the names it has.
    let out = sandbox.run(&["browse", "--local", "--no-open", "--bucket", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("firstBucket"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
#[ignore = "needs moto, which tests/run.sh starts"]
fn outside_a_project_the_page_browses_but_has_no_access_view() {
    let emulator = crate::common::emulator();
    let bucket = emulator.bucket("browse-no-project");
    emulator.put(&bucket, "picture-submissions/a.txt", b"a");
    let dir = tempfile::tempdir().expect("dir");
    crate::files::outputs_for(dir.path(), &bucket);
    let b = Browse::start(dir.path(), &[], &[], &[]);
    let session = b.call("GET", "/api/session", b"").json();
    assert_eq!(session["local"], false);
    assert_eq!(session["view_as"], serde_json::json!([]));
    let listing = b
        .call(
            "GET",
            "/api/list?bucket=amplifyTeamDrive&prefix=picture-submissions%2F",
            b"",
        )
        .json();
    assert_eq!(listing["objects"][0]["key"], "picture-submissions/a.txt");
    let access = b
        .call("GET", "/api/access?bucket=amplifyTeamDrive&path=", b"")
        .json();
    assert_eq!(access["available"], false, "{access}");
    // Nothing to decide "view as" with: refused, never answered as the developer.
    let as_guest = b.call(
        "GET",
        "/api/list?bucket=amplifyTeamDrive&prefix=picture-submissions%2F&as=guest",
        b"",
    );
    assert_eq!(as_guest.status, 400, "{}", as_guest.text());
    // The page names buckets by friendly name only, not even by a configured physical one.
    let other = b.call("GET", &format!("/api/list?bucket={bucket}&prefix="), b"");
    assert_eq!(other.status, 400, "{}", other.text());
}

/// On the local sandbox, "view as" offers the user pool's users by name, acting with
/// their own identity id; the Mail view lists the codes the pool sent.
#[cfg(unix)]
#[test]
fn browse_views_as_local_users_and_shows_mail_and_denials() {
    let sandbox = LocalSandbox::start("team-drive");
    let added = sandbox.run(&[
        "sandbox",
        "users",
        "add",
        "alice@example.com",
        "--password",
        "Passw0rd!",
    ]);
    assert!(added.status.success(), "{}", stderr(&added));
    let listed = sandbox.run(&["sandbox", "users", "list", "--json"]);
    let alice: serde_json::Value =
        serde_json::from_str(stdout(&listed).lines().next().expect("a user")).expect("json");
    let identity = alice["identity_id"].as_str().expect("id").to_string();
    // A sign-up through the user pool sends a code.
    let signed_up = ureq::post(&format!("http://127.0.0.1:{}/", sandbox.port()))
        .header("x-amz-target", "AWSCognitoIdentityProviderService.SignUp")
        .send(r#"{"ClientId":"ampxlocalclient00000000000","Username":"bob@example.com","Password":"Passw0rd!"}"#);
    assert!(signed_up.is_ok());
    sandbox.wait_for("sign up code for bob@example.com", 1);

    let b = Browse::start(sandbox.root(), &["--local"], &NO_AWS_FILES, &NO_AWS);
    let session = b.call("GET", "/api/session", b"").json();
    let view_as = session["view_as"].as_array().expect("view_as");
    assert!(
        view_as.contains(&serde_json::json!("user:alice@example.com")),
        "{session}"
    );
    assert!(
        view_as.contains(&serde_json::json!("user:bob@example.com")),
        "{session}"
    );
    let put = |key: &str| {
        b.call(
            "PUT",
            &format!(
                "/api/object?bucket=amplifyTeamDrive&key={}&as={}",
                q(key),
                q("user:alice@example.com")
            ),
            b"x",
        )
    };
    let own = put(&format!("profile-pictures/{identity}/a.txt"));
    assert_eq!(own.status, 200, "{}", own.text());
    let other = put("profile-pictures/us-east-1:00000000-0000-4000-8000-00000000000e/a.txt");
    assert_eq!(other.status, 403, "{}", other.text());
    // The refusal says why, as the sandbox's terminal would.
    let message = other.json()["message"]
        .as_str()
        .expect("message")
        .to_string();
    assert!(
        message.starts_with(&format!(
            "denied: alice@example.com (authenticated:{identity}) may not write"
        )) && message.contains("lets each user write only in their own folder"),
        "{message}"
    );
    let nobody = b.call(
        "GET",
        &format!(
            "/api/list?bucket=amplifyTeamDrive&prefix=&as={}",
            q("user:nobody@example.com")
        ),
        b"",
    );
    assert_eq!(nobody.status, 400, "{}", nobody.text());
    assert!(
        nobody.text().contains("no user 'nobody@example.com'"),
        "{}",
        nobody.text()
    );

    // Denials the sandbox itself explained are listed too.
    let (runtime, client) = crate::local::local_client(&sandbox, "ampx:guest");
    let refused = runtime.block_on(
        client
            .delete_object()
            .bucket("local-amplifyteamdrive")
            .key("picture-submissions/x")
            .send(),
    );
    assert!(refused.is_err());
    sandbox.wait_for("[Sandbox] denied: guest may not delete", 1);
    let denials = b.call("GET", "/api/denials", b"").json();
    assert!(
        denials["denials"][0]["text"]
            .as_str()
            .is_some_and(|t| t.starts_with("denied: guest may not delete 'picture-submissions/x'")),
        "{denials}"
    );

    let mail = b.call("GET", "/api/mail", b"").json();
    let first = &mail["mail"][0];
    assert_eq!(
        (first["to"].as_str(), first["purpose"].as_str()),
        (Some("bob@example.com"), Some("sign up"))
    );
    assert!(sandbox.log().contains(&format!(
        "sign up code for bob@example.com: {}",
        first["code"].as_str().expect("code")
    )));
}

/// On the deployed sandbox, "view as" acts through its identity pool: a guest's
/// download is signed with the guest credentials the pool gave, not the developer's.
#[cfg(unix)]
#[test]
#[ignore = "needs moto, which tests/run.sh starts"]
fn view_as_on_the_cloud_acts_through_the_deployed_identity_pool() {
    let emulator = crate::common::emulator();
    let dir = tempfile::tempdir().expect("dir");
    crate::common::copy_definition("social-room", dir.path());
    let id = format!("viewas{}", std::process::id());
    let deployed = ampx(dir.path())
        .args(["sandbox", "--once", "--identifier", &id])
        .output()
        .expect("runs");
    assert!(deployed.status.success(), "{}", stderr(&deployed));
    let outputs: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("amplify_outputs.json")).expect("outputs"),
    )
    .expect("json");
    let bucket = outputs["storage"]["bucket_name"]
        .as_str()
        .expect("bucket")
        .to_string();
    emulator.put(&bucket, "room/a.txt", b"hello");
    let (proxy, seen) = crate::common::recording_proxy(&emulator.endpoint);
    let b = Browse::start(
        dir.path(),
        &[],
        &[("AWS_ENDPOINT_URL", proxy.as_str())],
        &[],
    );
    let download = b.call(
        "GET",
        "/api/object?bucket=gen2-multi-cursor-demo-app&key=room%2Fa.txt&as=guest",
        b"",
    );
    assert_eq!(download.status, 200, "{}", download.text());
    assert_eq!(download.body, b"hello");
    let sent = String::from_utf8_lossy(&seen.lock().expect("lock")).into_owned();
    let head_start = sent
        .find(&format!("GET /{bucket}/room/a.txt"))
        .expect("the download went through the proxy");
    let head =
        &sent[head_start..head_start + sent[head_start..].find("\r\n\r\n").expect("end of head")];
    assert!(
        head.contains("Credential=") && !head.contains("Credential=test/"),
        "{head}"
    );
    assert!(
        sent.contains("AWSCognitoIdentityService.GetCredentialsForIdentity"),
        "{sent}"
    );
    let cleanup = ampx(dir.path())
        .args(["sandbox", "delete", "--yes", "--identifier", &id])
        .output()
        .expect("runs");
    assert!(cleanup.status.success(), "{}", stderr(&cleanup));
}
