//! `ampx-rs browse`: the buckets as a web page on this machine — the Amplify console's
//! Storage tab, for the cloud and the local sandbox, with who may do what beside the
//! files. The page's API is a thin layer over the file commands' code (`api.rs`); the
//! guard keeps it to its owner (`guard.rs`); the page is embedded (`page/`).

mod api;
mod guard;

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde_json::json;

use super::exit::Exit;
use super::files::{FilesContext, block_on, interrupted};
use super::settings::GlobalArgs;
use crate::buckets::{Catalog, S3Uri, find_outputs};
use crate::error::UsageError;
use crate::project::{self, Project};

/// Browse and manage the buckets in a web page on this machine
///
/// Serves a page on 127.0.0.1 over the buckets of amplify_outputs.json: folders, upload
/// (files and folders, by drag and drop), download, preview, rename and move, delete,
/// presigned links — and who may read, write and delete each folder, with a "view as"
/// switch (guest, signed-in user, group) that applies the app's access rules. Uses your
/// AWS credentials as `cp` does, or the local sandbox with --local. The page's address
/// holds a one-time code that signs one page in; only this machine's loopback address
/// is served. Stop with Ctrl-C.
#[derive(Debug, clap::Args)]
pub(super) struct BrowseArgs {
    /// Browse the local sandbox (start it first with `ampx-rs sandbox --local`)
    #[arg(long)]
    pub local: bool,

    /// Open this bucket (friendly name) first
    #[arg(long, value_name = "NAME")]
    pub bucket: Option<String>,

    /// Serve on this port of 127.0.0.1 (0: a free one)
    #[arg(long, value_name = "PORT", default_value_t = 0)]
    pub port: u16,

    /// Do not open the page in the default browser
    #[arg(long)]
    pub no_open: bool,

    /// Print {"url": …} as one JSON line instead of the sentence
    #[arg(long)]
    pub json: bool,
}

pub(super) fn run(args: &BrowseArgs, global: &GlobalArgs, cwd: &Path) -> anyhow::Result<Exit> {
    // The server prints no line per object: the page shows what happened.
    let quiet = GlobalArgs {
        quiet: true,
        ..global.clone()
    };
    let catalog = match find_outputs(global.outputs.as_deref(), cwd) {
        Some(path) => Catalog::load(&path)?,
        None => Catalog::default(),
    };
    check_catalog(args, &catalog)?;
    block_on(async move {
        let owner = FilesContext::new(&quiet, None, cwd).await?;
        let catalog = &owner.catalog;
        reachable(&owner).await?;
        let backend = match Project::discover(cwd) {
            Ok(project) => match project::load(&project.root, cwd) {
                Ok(definition) => Some((definition.backend, definition.sources)),
                Err(problems) => {
                    owner.printer.warn(format_args!(
                        "warning: the definition has {} problem(s) (see `ampx-rs synth`); the access panel and \"view as\" are off",
                        problems.list.len()
                    ));
                    None
                }
            },
            Err(_) => None,
        };
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", args.port))
            .await
            .map_err(|e| {
                UsageError::new(format!("cannot serve on 127.0.0.1:{}: {e}", args.port))
                    .hint("pass --port 0 to take a free port")
            })?;
        let port = listener.local_addr()?.port();
        // The address holds a one-time code in its fragment (never sent to a server, and
        // worthless once the page has exchanged it), not the session itself.
        let code = new_token()?;
        let guard = Arc::new(guard::Guard::new(
            port,
            code.clone(),
            new_token()?,
            new_token()?,
        ));
        let url = format!("http://127.0.0.1:{port}/#code={code}");
        let what = match &catalog.local_endpoint {
            Some(endpoint) => format!("the local sandbox ({endpoint})"),
            None => "the cloud buckets".to_string(),
        };
        if args.json {
            owner.printer.out(json!({ "url": url }));
        } else {
            owner.printer.out(format_args!("Browsing {what} at {url}"));
        }
        if !args.no_open && !open_in_browser(&url) {
            eprintln!("Open the address above in a browser (no display to open it on).");
        }
        eprintln!("Press Ctrl-C to stop.");
        let browser = api::Browser::new(
            owner,
            quiet,
            cwd.to_path_buf(),
            backend,
            args.bucket.clone(),
        );
        let state = Arc::new(browser);
        let app = router(state.clone(), guard);
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                interrupted().await;
            })
            .await?;
        state.engine.abort_pending().await;
        eprintln!("Stopped.");
        Ok(Exit::Done)
    })
}

/// What the outputs file must say before anything is asked of AWS.
fn check_catalog(args: &BrowseArgs, catalog: &Catalog) -> Result<(), UsageError> {
    if args.local && catalog.local_endpoint.is_none() {
        let what = match &catalog.source {
            Some(path) => format!("{} is not the local sandbox's", path.display()),
            None => "no amplify_outputs.json was found".to_string(),
        };
        return Err(UsageError::new(format!("{what}: no local sandbox to browse"))
            .hint("start it in the project with `ampx-rs sandbox --local`, then run `ampx-rs browse --local` again"));
    }
    if catalog.buckets.is_empty() {
        return Err(UsageError::new("no buckets to browse").hint(catalog.known_names()));
    }
    if let Some(name) = &args.bucket
        && catalog.friendly(name).is_none()
    {
        return Err(UsageError::new(format!("unknown bucket '{name}'")).hint(catalog.known_names()));
    }
    Ok(())
}

/// Fails now, with the way out, when the first bucket cannot be reached (a local
/// sandbox that is not running, a deleted bucket, missing credentials).
async fn reachable(owner: &FilesContext) -> anyhow::Result<()> {
    let first = &owner.catalog.buckets[0];
    let uri = S3Uri {
        bucket: first.name.clone(),
        key: String::new(),
    };
    let (resolved, s3) = owner.bucket(&uri)?;
    match s3.bucket_exists(&resolved.bucket).await {
        Ok(true) => Ok(()),
        Ok(false) => Err(owner.explain(&uri, crate::aws::s3::S3Error::no_such_bucket())),
        Err(e) => Err(owner.explain(&uri, e)),
    }
}

/// 256 random bits, as hex: the page's one-time code and the session's secrets.
fn new_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness for a token: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Opens `url` with the desktop's own opener; `false` where there is none (no display).
fn open_in_browser(url: &str) -> bool {
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else if std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
    {
        ("xdg-open", &[])
    } else {
        return false;
    };
    std::process::Command::new(program)
        .args(args)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_ok()
}

fn router(state: Arc<api::Browser>, guard: Arc<guard::Guard>) -> Router {
    let asset = |content_type: &'static str, body: &'static str| {
        get(move || async move { ([(header::CONTENT_TYPE, content_type)], body).into_response() })
    };
    Router::new()
        .route(
            "/",
            asset("text/html; charset=utf-8", include_str!("page/index.html")),
        )
        .route(
            "/app.js",
            asset(
                "text/javascript; charset=utf-8",
                include_str!("page/app.js"),
            ),
        )
        .route(
            "/style.css",
            asset("text/css; charset=utf-8", include_str!("page/style.css")),
        )
        .route("/api/session", get(api::session))
        .route("/api/list", get(api::list))
        .route("/api/object", get(api::download).put(api::upload))
        .route("/api/folder", post(api::create_folder))
        .route("/api/count", get(api::count))
        .route("/api/delete", post(api::delete))
        .route("/api/move", post(api::move_objects))
        .route("/api/presign", post(api::presign))
        .route("/api/access", get(api::who_may))
        .route("/api/mail", get(api::mail))
        .route("/api/denials", get(api::denials))
        .with_state(state)
        .merge(
            Router::new()
                .route(guard::EXCHANGE_PATH, post(guard::exchange))
                .with_state(guard.clone()),
        )
        .layer(axum::middleware::from_fn_with_state(guard, guard::guard))
}
