//! `ampx-rs presign`: a presigned GET or PUT URL for one object.

use std::path::Path;
use std::time::{Duration, SystemTime};

use super::exit::Exit;
use super::files::{ActingAs, FilesContext, block_on};
use super::settings::GlobalArgs;
use crate::buckets::S3Uri;
use crate::error::UsageError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(super) enum Method {
    Get,
    Put,
}

/// Print a presigned URL that downloads (GET) or uploads (PUT) one object
///
/// Anyone with the URL can use it until it expires; no AWS credentials needed. For
/// example: `curl -T photo.jpg "$(ampx-rs presign --method put s3://NAME/photo.jpg)"`.
#[derive(Debug, clap::Args)]
pub(super) struct PresignArgs {
    #[command(flatten)]
    pub acting: ActingAs,

    /// s3://NAME/KEY
    #[arg(value_name = "S3URI")]
    pub uri: S3Uri,

    /// Seconds the URL stays valid (1 to 604800, i.e. 7 days)
    #[arg(long, value_name = "SECONDS", default_value_t = 3600,
          value_parser = clap::value_parser!(u64).range(1..=604_800))]
    pub expires_in: u64,

    /// GET downloads the object, PUT uploads it
    #[arg(long, value_enum, default_value_t = Method::Get)]
    pub method: Method,

    /// Content-Type signed into a PUT URL (the upload must send the same header)
    #[arg(long, value_name = "TYPE")]
    pub content_type: Option<String>,

    /// Print {"url", "method", "expires_in", "expires_at"} as one JSON line
    #[arg(long)]
    pub json: bool,
}

pub(super) fn run(args: &PresignArgs, global: &GlobalArgs, cwd: &Path) -> anyhow::Result<Exit> {
    if args.uri.key.is_empty() {
        return Err(UsageError::new(format!("{} names no object", args.uri)).into());
    }
    if args.content_type.is_some() && args.method == Method::Get {
        return Err(UsageError::new(
            "--content-type is signed into PUT URLs only; add --method put",
        )
        .into());
    }
    block_on(async move {
        let ctx = FilesContext::new(global, args.acting.who.as_ref(), cwd).await?;
        let (resolved, s3) = ctx.bucket(&args.uri)?;
        let expires_in = Duration::from_secs(args.expires_in);
        if let Some(expiry) = ctx.aws.credentials_expiry {
            let valid_for = expiry.duration_since(SystemTime::now()).unwrap_or_default();
            if valid_for < expires_in {
                ctx.printer.warn(format_args!(
                    "warning: the signing credentials are temporary and expire in {} s; the URL stops working then, not after {} s",
                    valid_for.as_secs(),
                    args.expires_in
                ));
            }
        }
        if args.method == Method::Put {
            let key = std::slice::from_ref(&args.uri.key);
            ctx.warn_unreachable(&resolved, &args.uri, key);
        }
        let url = s3
            .presign(
                &resolved.bucket,
                &args.uri.key,
                args.method == Method::Put,
                args.content_type.as_deref(),
                expires_in,
            )
            .await
            .map_err(|e| ctx.explain(&args.uri, e))?;
        if args.json {
            let expires_at = jiff::Timestamp::now()
                .checked_add(jiff::SignedDuration::from_secs(args.expires_in as i64))
                .map(|t| t.to_string())
                .ok();
            ctx.printer.out(serde_json::json!({
                "url": url,
                "method": if args.method == Method::Put { "PUT" } else { "GET" },
                "expires_in": args.expires_in,
                "expires_at": expires_at,
            }));
        } else {
            ctx.printer.out(url);
        }
        Ok(Exit::Done)
    })
}
