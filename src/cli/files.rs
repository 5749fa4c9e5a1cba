//! What the file commands share: global settings resolved once, bucket resolution,
//! the S3 client for a bucket's region, per-object lines and confirmation prompts.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use super::printer::Printer;
use super::settings::GlobalArgs;
use crate::access::Caller;
use crate::aws::s3::{ObjectInfo, S3, S3Error};
use crate::aws::transfer::TransferConfig;
use crate::aws::{Aws, AwsSettings};
use crate::buckets::{Catalog, Resolved, S3Uri, find_outputs};
use crate::error::{Failure, UsageError};
use crate::transfer_plan::Listed;

/// Completes on Ctrl-C or SIGTERM (what `timeout`, CI runners and `kill` send), with the
/// exit code a shell gives a process ended by that signal (130, 143).
pub(super) async fn interrupted() -> u8 {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            return tokio::select! {
                _ = tokio::signal::ctrl_c() => 130,
                _ = term.recv() => 143,
            };
        }
    }
    let _ = tokio::signal::ctrl_c().await;
    130
}

/// The secret of the local sandbox the outputs point at: in the project of the outputs
/// file, else in the project of the current folder.
fn local_secret(
    outputs: Option<&Path>,
    cwd: &Path,
) -> anyhow::Result<(crate::local::credentials::Secrets, PathBuf)> {
    use crate::local::credentials::find;
    let project_of_outputs = outputs.and_then(Path::parent).unwrap_or(cwd);
    let found = match find(project_of_outputs)? {
        Some(secrets) => Some(secrets),
        None => find(cwd)?,
    };
    found.ok_or_else(|| {
        UsageError::new("the outputs point at a local sandbox, but its secret is not found")
            .hint("run the file command inside the project, after `ampx-rs sandbox --local` started there")
            .into()
    })
}

/// An object as the transfer plan reads listings.
pub(super) fn listed(object: ObjectInfo) -> Listed {
    Listed {
        key: object.key,
        size: object.size,
        modified: object.last_modified,
        etag: object.etag.map(|e| e.trim_matches('"').to_string()),
    }
}

/// The flags `cp`, `mv` and `sync` share.
#[derive(Debug, Clone, clap::Args)]
pub(super) struct TransferFlags {
    /// Copy only what matches this glob (relative to SRC; later filters win)
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Skip what matches this glob (relative to SRC; later filters win)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Show what would be done, do nothing
    #[arg(long)]
    pub dryrun: bool,

    /// Requests in flight at once
    #[arg(long, value_name = "N", default_value_t = TransferConfig::default().concurrency as u16,
          value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub concurrency: u16,

    /// Move files of this size and above in parts of 8 MiB, e.g. 64MiB [default: 8MiB,
    /// or 1GiB for uploads to a server on this machine, which take one request]
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub multipart_threshold: Option<u64>,

    /// Content-Type of uploaded objects, e.g. image/jpeg (default: guessed from the file
    /// extension)
    #[arg(long, value_name = "TYPE", value_parser = parse_content_type)]
    pub content_type: Option<String>,

    /// Do not show the progress bar
    #[arg(long)]
    pub no_progress: bool,

    /// One JSON line per object instead of text, before acting: {"action", "from", "to",
    /// "size", "dryrun"} (and for sync --delete {"action": "delete", "target", "dryrun"})
    #[arg(long)]
    pub json: bool,
}

/// A size as `aws s3` settings write it: bytes, or a number with KiB/MiB/GiB (KB, MB
/// and GB mean the same, as in `aws s3`'s `multipart_threshold`).
/// `--content-type`: a media type `type/subtype` (parameters such as `; charset=utf-8`
/// allowed) in visible ASCII, since it is sent as a header as it is.
pub(super) fn parse_content_type(text: &str) -> Result<String, String> {
    let essence = text.split(';').next().unwrap_or_default().trim();
    let token = |t: &str| {
        !t.is_empty()
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    let valid = text.bytes().all(|b| b == b' ' || b.is_ascii_graphic())
        && essence
            .split_once('/')
            .is_some_and(|(kind, sub)| token(kind) && token(sub));
    match valid {
        true => Ok(text.to_string()),
        false => Err(format!(
            "'{}' is not a media type such as image/jpeg or text/plain; charset=utf-8",
            text.escape_debug()
        )),
    }
}

pub(super) fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => {
            return Err(format!(
                "'{text}' is not a size; write it as 8MiB, 1GiB or bytes"
            ));
        }
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .filter(|&n| n > 0)
        .ok_or_else(|| {
            format!("'{text}' is not a size above zero; write it as 8MiB, 1GiB or bytes")
        })
}

/// `--as WHO` of the file commands.
#[derive(Debug, Clone, clap::Args)]
pub(super) struct ActingAs {
    /// Act as an app user: user:EMAIL, guest, authenticated[:IDENTITY_ID] or
    /// group:NAME[:IDENTITY_ID]. On the local sandbox, a user of its user pool or a
    /// role; on the deployed sandbox, a guest or a test user of its user pool, with
    /// credentials from its identity pool (see docs/access.md)
    #[arg(long = "as", value_name = "WHO")]
    pub who: Option<Who>,
}

/// `--as WHO`: a role of the app, or a user of the local user pool (`user:LOGIN`).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Who {
    Role(Caller),
    User(String),
}

impl std::str::FromStr for Who {
    type Err = String;

    fn from_str(text: &str) -> Result<Who, String> {
        match text.strip_prefix("user:") {
            Some("") => Err("a user needs a login: user:EMAIL".into()),
            Some(login) => Ok(Who::User(login.to_string())),
            None => text.parse().map(Who::Role).map_err(|e| {
                format!("{e}; WHO is user:EMAIL, guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]")
            }),
        }
    }
}

impl Who {
    /// The role this acts as: a local user's is looked up in the project at `root`,
    /// with their identity id in `region` and their group of highest precedence.
    pub(super) fn caller(&self, root: &Path, cwd: &Path, region: &str) -> anyhow::Result<Caller> {
        match self {
            Who::Role(caller) => Ok(caller.clone()),
            Who::User(login) => {
                let groups = crate::project::load(root, cwd)
                    .ok()
                    .and_then(|d| d.backend.auth.map(|a| a.groups))
                    .unwrap_or_default();
                crate::local::cognito::user_caller(root, region, login, &groups)
            }
        }
    }
}

/// The developer's configuration acting as an app user of the deployed sandbox, with
/// credentials from its identity pool (`crate::aws::app_users`).
async fn deployed_app_user(
    developer: &Aws,
    catalog: &Catalog,
    who: &Who,
    outputs: Option<&Path>,
    cwd: &Path,
    printer: Printer,
) -> anyhow::Result<Aws> {
    use crate::aws::app_users::{AppUser, acting_as, refuse_in_referenced_pool};
    let auth = catalog.auth.as_ref().ok_or_else(|| {
        UsageError::new("--as needs an app user, and these outputs name no deployed user pool")
            .hint("deploy a backend with defineAuth (`ampx-rs sandbox`), or start `ampx-rs sandbox --local`")
    })?;
    let user = match who {
        Who::Role(caller) => AppUser::for_role(caller),
        Who::User(login) => AppUser::TestUser {
            login: login.clone(),
            groups: Vec::new(),
        },
    };
    // Test users are kept in the project (where `sandbox delete` finds them).
    let root = crate::project::Project::discover(cwd)
        .or_else(|_| {
            crate::project::Project::discover(outputs.and_then(Path::parent).unwrap_or(cwd))
        })
        .map_or_else(|_| cwd.to_path_buf(), |p| p.root);
    let definition = crate::project::load(&root, cwd).ok();
    refuse_in_referenced_pool(
        definition.as_ref().and_then(|d| d.backend.auth.as_ref()),
        &user,
    )?;
    let aws = acting_as(developer, auth, &user, &root).await?;
    let as_whom = match &user {
        AppUser::Guest => "a guest".to_string(),
        AppUser::TestUser { login, .. } => format!("test user {login}"),
    };
    printer.note(format_args!(
        "acting as {as_whom} of the deployed sandbox (identity {}), with credentials from its identity pool",
        aws.identity_id.as_deref().unwrap_or("?")
    ));
    Ok(aws)
}

/// Settings for a file command, resolved once from flags, environment and files.
pub(super) struct FilesContext {
    pub catalog: Catalog,
    pub aws: Aws,
    pub printer: Printer,
}

impl FilesContext {
    /// `acting_as`: `--as WHO`, which acts as an app user against the local sandbox.
    pub(super) async fn new(
        global: &GlobalArgs,
        acting_as: Option<&Who>,
        cwd: &Path,
    ) -> anyhow::Result<FilesContext> {
        let outputs = find_outputs(global.outputs.as_deref(), cwd);
        let catalog = match &outputs {
            Some(path) => Catalog::load(path)?,
            None => Catalog::default(),
        };
        let aws = match (&catalog.local_endpoint, acting_as) {
            (Some(endpoint), who) => {
                let region = catalog
                    .buckets
                    .first()
                    .map_or("us-east-1", |b| b.region.as_str());
                let (secrets, root) = local_secret(outputs.as_deref(), cwd)?;
                let who = who.map(|w| w.caller(&root, cwd, region)).transpose()?;
                let who = who.as_ref();
                let key = match who {
                    Some(who) => crate::local::credentials::access_key_for(who),
                    None => crate::local::credentials::OWNER_ACCESS_KEY.to_string(),
                };
                let secret = secrets.secret_for(&key);
                Printer::new(global).detail(format_args!(
                    "using the local sandbox at {endpoint} as {}",
                    who.map_or("its owner".to_string(), Caller::to_string)
                ));
                Aws::local(endpoint, region, &key, &secret).await
            }
            (None, Some(who)) => {
                let developer = Aws::load(&AwsSettings {
                    profile: global.profile.clone(),
                    region: global.region.clone(),
                })
                .await?;
                deployed_app_user(
                    &developer,
                    &catalog,
                    who,
                    outputs.as_deref(),
                    cwd,
                    Printer::new(global),
                )
                .await?
            }
            (None, None) => {
                Aws::load(&AwsSettings {
                    profile: global.profile.clone(),
                    region: global.region.clone(),
                })
                .await?
            }
        };
        Ok(FilesContext {
            catalog,
            aws,
            printer: Printer::new(global),
        })
    }

    /// The bucket a URI names, and a client for its region.
    pub(super) fn bucket(&self, uri: &S3Uri) -> Result<(Resolved, S3), UsageError> {
        let resolved = self.catalog.resolve(&uri.bucket)?;
        let region = self.aws.region_or_configured(resolved.region.as_deref())?;
        self.printer.detail(format_args!(
            "s3://{} is bucket {} in {region}{}",
            uri.bucket,
            resolved.bucket,
            match &self.catalog.source {
                Some(p) if resolved.configured.is_some() => format!(" (from {})", p.display()),
                _ => String::new(),
            }
        ));
        Ok((resolved.clone(), S3::new(&self.aws, &region)))
    }

    /// Warns when written keys are outside every access path of the bucket.
    pub(super) fn warn_unreachable(&self, resolved: &Resolved, uri: &S3Uri, keys: &[String]) {
        let outside: Vec<&String> = keys
            .iter()
            .filter(|k| resolved.unreachable_write(k).is_some())
            .collect();
        let Some(first) = outside.first() else {
            return;
        };
        let paths = resolved
            .unreachable_write(first)
            .unwrap_or_default()
            .join(", ");
        let what = if outside.len() == 1 {
            uri.with_key(first.as_str()).to_string()
        } else {
            format!(
                "{} objects (e.g. {})",
                outside.len(),
                uri.with_key(first.as_str())
            )
        };
        self.printer.warn(format_args!(
            "warning: {}",
            outside_every_path(&what, &uri.bucket, &paths)
        ));
    }

    /// Turns "the bucket does not exist" into a failure that lists the known buckets.
    pub(super) fn explain(&self, uri: &S3Uri, err: S3Error) -> anyhow::Error {
        if err.is("NoSuchBucket") {
            return Failure::new(format!("bucket '{}' does not exist", uri.bucket))
                .hint(self.catalog.known_names())
                .into();
        }
        if err.unreachable
            && let Some(endpoint) = &self.catalog.local_endpoint
        {
            return Failure::new(format!(
                "the local sandbox is not running at {endpoint} (amplify_outputs.json points there)"
            ))
            .hint("start it in the project with `ampx-rs sandbox --local`, or write cloud outputs with `ampx-rs sandbox --once` or `ampx-rs generate outputs`")
            .into();
        }
        anyhow::Error::new(err)
    }
}

/// What `cp` and the browser say of a write no app user can reach.
pub(super) fn outside_every_path(what: &str, bucket: &str, paths: &str) -> String {
    format!("{what} is outside every access path of {bucket} ({paths}); no app user can reach it")
}

/// Asks on a terminal (default no); without one, `--yes` is required.
pub(super) fn confirm(question: &str, yes: bool) -> anyhow::Result<bool> {
    if yes {
        return Ok(true);
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(UsageError::new(
            "refusing to delete without confirmation: standard input is not a terminal",
        )
        .hint("pass --yes to delete without asking, or --dryrun to see what would be deleted")
        .into());
    }
    Ok(dialoguer::Confirm::new()
        .with_prompt(question)
        .default(false)
        .interact()?)
}

/// Runs a file command on a multi-threaded runtime (only file commands need one).
pub(super) fn block_on<T>(
    future: impl std::future::Future<Output = anyhow::Result<T>>,
) -> anyhow::Result<T> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let result = runtime.block_on(future);
    // A read of standard input may still be blocked in a worker thread: don't wait for it.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    result
}

#[cfg(test)]
mod tests {
    use super::{parse_content_type, parse_size};

    #[test]
    fn content_types_are_media_types_sent_as_they_are() {
        for good in [
            "image/jpeg",
            "text/plain; charset=utf-8",
            "application/vnd.api+json",
        ] {
            assert_eq!(parse_content_type(good).as_deref(), Ok(good));
        }
        for bad in [
            "bad type",
            "text/plain\r\nX-Evil: 1",
            "text",
            "/plain",
            "tëxt/plain",
            "",
        ] {
            assert!(parse_content_type(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn sizes_read_as_aws_s3_settings_write_them() {
        for (text, bytes) in [
            ("8388608", 8 << 20),
            ("8MiB", 8 << 20),
            ("8MB", 8 << 20),
            ("8 mb", 8 << 20),
            ("64M", 64 << 20),
            ("1GiB", 1 << 30),
            ("512KiB", 512 << 10),
            ("1b", 1),
        ] {
            assert_eq!(parse_size(text), Ok(bytes), "{text}");
        }
        for text in [
            "",
            "0",
            "0MiB",
            "MiB",
            "8TB",
            "-1",
            "1.5GiB",
            "99999999999999GiB",
        ] {
            assert!(parse_size(text).is_err(), "{text}");
        }
    }
}
