//! `ampx-rs cp`: copy files to, from and between buckets, as `aws s3 cp` does.

use std::path::Path;

use super::exit::Exit;
use super::files::{ActingAs, FilesContext, TransferFlags, block_on};
use super::jobs::{self, Job};
use super::progress::TransferView;
use super::settings::GlobalArgs;
use crate::aws::transfer::{Engine, Target, TransferError};
use crate::buckets::S3Uri;
use crate::error::UsageError;
use crate::filters::Filters;
use crate::transfer_plan::{Ask, Location};

/// Copy files to, from or between buckets
///
/// SRC and DST are local paths, `-` (standard input or output) or s3://NAME/KEY, where
/// NAME is a bucket's friendly name from amplify_outputs.json or a physical bucket.
/// Large files move in parts, several at once; a failed or interrupted download never
/// leaves a partial file under the final name, and an interrupted upload leaves no parts.
#[derive(Debug, clap::Args)]
pub(super) struct CpArgs {
    #[command(flatten)]
    pub acting: ActingAs,

    /// What to copy: a local path, `-` or s3://NAME/KEY
    #[arg(value_name = "SRC")]
    pub src: String,

    /// Where to: a local path, `-` or s3://NAME/KEY (a trailing `/` means a folder)
    #[arg(value_name = "DST")]
    pub dst: String,

    /// Copy a whole folder or key prefix
    #[arg(short, long)]
    pub recursive: bool,

    #[command(flatten)]
    pub flags: TransferFlags,
}

pub(super) fn run(
    args: &CpArgs,
    filters: Filters,
    global: &GlobalArgs,
    cwd: &Path,
) -> anyhow::Result<Exit> {
    let src = Location::parse(&args.src)?;
    let dst = Location::parse(&args.dst)?;
    match (&src, &dst) {
        (Location::Local(_) | Location::Std, Location::Local(_) | Location::Std) => {
            return Err(UsageError::new("cp needs an s3:// URI as SRC or DST")
                .hint("to copy local files use your shell's cp")
                .into());
        }
        (_, Location::Std) if args.flags.json => {
            return Err(UsageError::new(
                "--json and `-` as DST would both write to stdout; the object's bytes go there",
            )
            .into());
        }
        (Location::Std, _) | (_, Location::Std) if args.recursive => {
            return Err(UsageError::new(
                "`-` streams one object; it cannot be used with --recursive",
            )
            .into());
        }
        _ => {}
    }
    block_on(async move {
        let ctx = FilesContext::new(global, args.acting.who.as_ref(), cwd).await?;
        let engine = jobs::engine(&args.flags);
        let work = copy(&ctx, &engine, args, &filters, src, dst);
        jobs::interruptible(&ctx, &engine, work).await
    })
}

async fn copy(
    ctx: &FilesContext,
    engine: &Engine,
    args: &CpArgs,
    filters: &Filters,
    src: Location,
    dst: Location,
) -> anyhow::Result<Exit> {
    match (src, dst) {
        (Location::Std, Location::Remote(to)) => {
            let (resolved, s3) = ctx.bucket(&to)?;
            let key = if to.key.is_empty() || to.key.ends_with('/') {
                return Err(UsageError::new(
                    "streaming from `-` needs a full key, e.g. s3://NAME/file.bin",
                )
                .into());
            } else {
                to.key.clone()
            };
            ctx.warn_unreachable(&resolved, &to, std::slice::from_ref(&key));
            let view = TransferView::new(
                0,
                1,
                !(ctx.printer.quiet || args.flags.no_progress || args.flags.json),
            );
            let name = to.with_key(&key).to_string();
            if args.flags.json {
                ctx.printer.out(serde_json::json!({
                    "action": "upload", "from": "-", "to": name, "size": null, "dryrun": args.flags.dryrun,
                }));
            }
            if args.flags.dryrun {
                if !args.flags.json {
                    ctx.printer
                        .line(false, format!("(dryrun) upload: - to {name}"));
                }
                return Ok(Exit::Done);
            }
            let target = Target {
                s3: &s3,
                bucket: &resolved.bucket,
                key: &key,
            };
            engine
                .upload_reader(
                    tokio::io::stdin(),
                    target,
                    args.flags.content_type.as_deref(),
                    &view,
                )
                .await
                .map_err(|e| explain(ctx, &to, e))?;
            view.object_done(1);
            if !args.flags.json {
                ctx.printer.line(false, format!("upload: - to {name}"));
            }
            Ok(Exit::Done)
        }
        (Location::Remote(from), Location::Std) => {
            let (resolved, s3) = ctx.bucket(&from)?;
            if args.flags.dryrun {
                ctx.printer
                    .line(true, format!("(dryrun) download: {from} to -"));
                return Ok(Exit::Done);
            }
            let view = TransferView::new(0, 1, false);
            let target = Target {
                s3: &s3,
                bucket: &resolved.bucket,
                key: &from.key,
            };
            engine
                .download_to(
                    target,
                    tokio::io::stdout(),
                    "cannot write to standard output",
                    &view,
                )
                .await
                .map_err(|e| explain(ctx, &from, e))?;
            // Object data is on stdout, so the line goes to stderr.
            ctx.printer.line(true, format!("download: {from} to -"));
            Ok(Exit::Done)
        }
        (src, dst) => transfer_items(ctx, engine, args, filters, src, dst).await,
    }
}

fn explain(ctx: &FilesContext, uri: &S3Uri, e: TransferError) -> anyhow::Error {
    match e {
        TransferError::S3(s3) => ctx.explain(uri, s3),
        other => other.into(),
    }
}

/// Plans every object of a local↔S3 or S3↔S3 copy, then runs them concurrently.
async fn transfer_items(
    ctx: &FilesContext,
    engine: &Engine,
    args: &CpArgs,
    filters: &Filters,
    src: Location,
    dst: Location,
) -> anyhow::Result<Exit> {
    let ask = Ask {
        src: &args.src,
        dst: &args.dst,
        recursive: args.recursive,
        filters,
    };
    let job = Job::from_flags(jobs::verb(&src, &dst), &args.flags, false);
    jobs::plan_and_run(ctx, engine, &job, &ask, args.flags.dryrun, &src, &dst).await
}
