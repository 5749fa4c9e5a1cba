//! `ampx-rs cp`: copy files to, from and between buckets, as `aws s3 cp` does.

use std::path::Path;

use futures::StreamExt as _;

use super::exit::Exit;
use super::files::{ActingAs, FilesContext, GlobalArgs, block_on, interrupted};
use super::printer::Printer;
use super::progress::TransferView;
use crate::aws::s3::{S3, S3Error};
use crate::aws::transfer::{Engine, Target, TransferConfig, TransferError};
use crate::buckets::{Resolved, S3Uri};
use crate::error::UsageError;
use crate::filters::Filters;
use crate::transfer_plan::{Ask, Endpoint, Item, Location, folder_prefix};

/// Copy files to, from or between buckets
///
/// SRC and DST are local paths, `-` (standard input or output) or s3://NAME/KEY, where
/// NAME is a bucket's friendly name from amplify_outputs.json or a physical bucket.
/// Large files move in parts, several at once; a failed or interrupted download never
/// leaves a partial file under the final name, and an interrupted upload leaves no parts.
#[derive(Debug, clap::Args)]
pub struct CpArgs {
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

    /// Copy only what matches this glob (relative to SRC; later filters win)
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Skip what matches this glob (relative to SRC; later filters win)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Show what would be copied, copy nothing
    #[arg(long)]
    pub dryrun: bool,

    /// Requests in flight at once
    #[arg(long, value_name = "N", default_value_t = TransferConfig::default().concurrency as u16,
          value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub concurrency: u16,

    /// Content-Type of uploaded objects (default: guessed from the file extension)
    #[arg(long, value_name = "TYPE")]
    pub content_type: Option<String>,

    /// Do not show the progress bar
    #[arg(long)]
    pub no_progress: bool,
}

fn content_type_for(args: &CpArgs, path: &Path) -> Option<String> {
    args.content_type
        .clone()
        .or_else(|| mime_guess::from_path(path).first_raw().map(str::to_string))
}

pub fn run(
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
        let engine = Engine::new(TransferConfig {
            concurrency: usize::from(args.concurrency),
            ..TransferConfig::default()
        });
        let work = copy(&ctx, &engine, args, &filters, src, dst);
        tokio::select! {
            result = work => result,
            code = interrupted() => {
                let aborted = engine.abort_pending().await;
                ctx.printer.warn(format_args!(
                    "interrupted: nothing partial was kept{}",
                    if aborted > 0 { format!(" ({aborted} multipart upload(s) aborted)") } else { String::new() }
                ));
                Ok(Exit::Interrupted(code))
            }
        }
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
            let view = TransferView::new(0, 1, show_progress(ctx, args));
            if args.dryrun {
                ctx.printer.line(
                    false,
                    format!("(dryrun) upload: - to {}", to.with_key(&key)),
                );
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
                    args.content_type.as_deref(),
                    &view,
                )
                .await
                .map_err(|e| explain(ctx, &to, e))?;
            view.object_done(1);
            ctx.printer
                .line(false, format!("upload: - to {}", to.with_key(&key)));
            Ok(Exit::Done)
        }
        (Location::Remote(from), Location::Std) => {
            let (resolved, s3) = ctx.bucket(&from)?;
            if args.dryrun {
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

fn show_progress(ctx: &FilesContext, args: &CpArgs) -> bool {
    !(ctx.printer.quiet || args.no_progress)
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
    let src_remote = match &src {
        Location::Remote(uri) => Some((uri.clone(), ctx.bucket(uri)?)),
        _ => None,
    };
    let dst_remote = match &dst {
        Location::Remote(uri) => Some((uri.clone(), ctx.bucket(uri)?)),
        _ => None,
    };
    let (items, skipped) = plan(ctx, args, filters, &src, &dst, src_remote.as_ref()).await?;
    if let Some((uri, (resolved, _))) = &dst_remote {
        let keys: Vec<String> = items
            .iter()
            .filter_map(|i| match &i.to {
                Endpoint::Object(k) => Some(k.clone()),
                Endpoint::File(_) => None,
            })
            .collect();
        ctx.warn_unreachable(resolved, uri, &keys);
    }
    let verb = match (&src, &dst) {
        (Location::Local(_), _) => "upload",
        (_, Location::Local(_)) => "download",
        _ => "copy",
    };
    if args.dryrun {
        for item in &items {
            ctx.printer.line(
                false,
                format!("(dryrun) {verb}: {} to {}", item.from_name, item.to_name),
            );
        }
        return Ok(exit_for(&ctx.printer, skipped, 0, items.len()));
    }
    let total_bytes = items.iter().map(|i| i.size).sum();
    let total = items.len() as u64;
    let view = TransferView::new(total_bytes, total, show_progress(ctx, args));
    let view = &view;
    let src_s3 = src_remote
        .as_ref()
        .map(|(_, (r, s3))| (r.bucket.clone(), s3.clone()));
    let dst_s3 = dst_remote
        .as_ref()
        .map(|(_, (r, s3))| (r.bucket.clone(), s3.clone()));
    let results: Vec<(Item, Result<(), TransferError>)> = futures::stream::iter(items)
        .map(|item| {
            let src_s3 = src_s3.clone();
            let dst_s3 = dst_s3.clone();
            async move {
                let result =
                    move_one(engine, args, &item, src_s3.as_ref(), dst_s3.as_ref(), view).await;
                if result.is_ok() {
                    view.object_done(total);
                    if !ctx.printer.quiet {
                        view.line(
                            false,
                            &format!("{verb}: {} to {}", item.from_name, item.to_name),
                        );
                    }
                }
                (item, result)
            }
        })
        .buffer_unordered(usize::from(args.concurrency))
        .collect()
        .await;
    let summary = view.finish();
    let failures: Vec<_> = results
        .iter()
        .filter_map(|(i, r)| r.as_ref().err().map(|e| (i, e)))
        .collect();
    for (item, err) in &failures {
        ctx.printer.warn(format_args!(
            "{verb} failed: {} to {}: {err}",
            item.from_name, item.to_name
        ));
    }
    ctx.printer.note(format_args!("Completed {summary}"));
    if failures.is_empty() {
        return Ok(exit_for(&ctx.printer, skipped, 0, results.len()));
    }
    // A missing bucket or an endpoint that does not answer fails every object the same
    // way: say it once, with the hint.
    if let Some((_, TransferError::S3(e))) = failures.first()
        && (e.is("NoSuchBucket") || e.unreachable)
    {
        let uri = match (&src_remote, &dst_remote) {
            (Some((u, _)), _) if matches!(dst, Location::Local(_)) => u.clone(),
            (_, Some((u, _))) => u.clone(),
            (Some((u, _)), None) => u.clone(),
            (None, None) => unreachable!("cp always has an S3 side"),
        };
        return Err(ctx.explain(&uri, e.clone()));
    }
    Ok(exit_for(
        &ctx.printer,
        skipped,
        failures.len(),
        results.len(),
    ))
}

/// Exit 1, with one line saying why, when any object failed or was skipped.
fn exit_for(printer: &Printer, skipped: usize, failed: usize, done: usize) -> Exit {
    if skipped == 0 && failed == 0 {
        return Exit::Done;
    }
    if failed > 0 {
        printer.warn(format_args!("error: {failed} of {done} objects failed"));
    }
    if skipped > 0 {
        printer.warn(format_args!(
            "error: {skipped} skipped (see the warnings above)"
        ));
    }
    Exit::Failed
}

async fn move_one(
    engine: &Engine,
    args: &CpArgs,
    item: &Item,
    src: Option<&(String, S3)>,
    dst: Option<&(String, S3)>,
    view: &TransferView,
) -> Result<(), TransferError> {
    match (&item.from, &item.to, src, dst) {
        (Endpoint::File(path), Endpoint::Object(key), _, Some((bucket, s3))) => {
            let content_type = content_type_for(args, path);
            let to = Target { s3, bucket, key };
            engine
                .upload_file(path, item.size, to, content_type.as_deref(), view)
                .await
        }
        (Endpoint::Object(key), Endpoint::File(path), Some((bucket, s3)), _) => {
            let from = Target { s3, bucket, key };
            engine.download_file(from, item.size, path, view).await
        }
        (
            Endpoint::Object(from),
            Endpoint::Object(key),
            Some((src_bucket, _)),
            Some((bucket, s3)),
        ) => {
            let to = Target { s3, bucket, key };
            engine.copy(src_bucket, from, item.size, to, view).await
        }
        _ => unreachable!("planned items always pair a side with its bucket"),
    }
}

/// Lists what SRC means and pairs each object with its destination (see
/// `transfer_plan`); skipped entries are warned about here.
async fn plan(
    ctx: &FilesContext,
    args: &CpArgs,
    filters: &Filters,
    src: &Location,
    dst: &Location,
    src_remote: Option<&(S3Uri, (Resolved, S3))>,
) -> anyhow::Result<(Vec<Item>, usize)> {
    let ask = Ask {
        src: &args.src,
        dst: &args.dst,
        recursive: args.recursive,
        filters,
    };
    let plan = match src {
        Location::Local(path) => ask.from_local(path, dst)?,
        Location::Remote(from) => {
            let (uri, (resolved, s3)) = src_remote.expect("remote source is resolved");
            let explain = |e| ctx.explain(uri, e);
            if args.recursive {
                let prefix = folder_prefix(&from.key);
                let objects = s3
                    .list_all(&resolved.bucket, &prefix)
                    .await
                    .map_err(explain)?;
                ask.from_listing(from, objects.into_iter().map(|o| (o.key, o.size)), dst)
            } else {
                let Some(info) = s3
                    .head(&resolved.bucket, &from.key)
                    .await
                    .map_err(explain)?
                else {
                    if !s3.bucket_exists(&resolved.bucket).await.map_err(explain)? {
                        return Err(ctx.explain(uri, S3Error::no_such_bucket()));
                    }
                    anyhow::bail!(
                        "{} does not exist (use --recursive to copy a prefix)",
                        args.src
                    );
                };
                ask.from_object(from, info.size, dst)
            }
        }
        Location::Std => unreachable!("streams are handled before planning"),
    };
    for warning in &plan.skipped {
        ctx.printer.warn(warning);
    }
    Ok((plan.items, plan.skipped.len()))
}
