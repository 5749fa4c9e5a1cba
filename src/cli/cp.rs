//! `ampx-rs cp`: copy files to, from and between buckets, as `aws s3 cp` does.

use std::path::{Path, PathBuf};

use futures::StreamExt as _;

use super::exit::Exit;
use super::files::{ActingAs, FilesContext, GlobalArgs, block_on, interrupted};
use super::progress::TransferView;
use crate::aws::s3::{S3, S3Error};
use crate::aws::transfer::{Engine, Target, TransferConfig, TransferError};
use crate::buckets::{Resolved, S3Uri};
use crate::error::UsageError;
use crate::filters::Filters;
use crate::{destination, keys};

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

/// One side of a copy.
#[derive(Debug, Clone)]
enum Location {
    Local(PathBuf),
    Std,
    Remote(S3Uri),
}

fn location(arg: &str) -> Result<Location, UsageError> {
    if arg == "-" {
        Ok(Location::Std)
    } else if arg.starts_with("s3://") {
        arg.parse()
            .map(Location::Remote)
            .map_err(|e| UsageError::new(format!("invalid S3 URI '{arg}': {e}")))
    } else {
        Ok(Location::Local(PathBuf::from(arg)))
    }
}

/// One object to move, with the names printed for it.
#[derive(Debug, Clone)]
struct Item {
    from: Endpoint,
    to: Endpoint,
    size: u64,
    from_name: String,
    to_name: String,
}

#[derive(Debug, Clone)]
enum Endpoint {
    File(PathBuf),
    Object(String),
}

/// `folder/` joined with a relative path, as S3 keys join.
fn join_key(prefix: &str, rel: &str) -> String {
    if prefix.is_empty() || prefix.ends_with('/') {
        format!("{prefix}{rel}")
    } else {
        format!("{prefix}/{rel}")
    }
}

/// The key prefix a recursive S3 source stands for: `photos` means `photos/`, so
/// `photos-old/` is never included.
pub fn folder_prefix(key: &str) -> String {
    if key.is_empty() || key.ends_with('/') {
        key.to_string()
    } else {
        format!("{key}/")
    }
}

fn local_is_dir(path: &Path, written: &str) -> bool {
    written.ends_with('/') || written.ends_with(std::path::MAIN_SEPARATOR) || path.is_dir()
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
    let src = location(&args.src)?;
    let dst = location(&args.dst)?;
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
                eprintln!(
                    "interrupted: nothing partial was kept{}",
                    if aborted > 0 { format!(" ({aborted} multipart upload(s) aborted)") } else { String::new() }
                );
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
            warn_unreachable(&resolved, &to, std::slice::from_ref(&key));
            let view = TransferView::new(0, 1, show_progress(ctx, args));
            if args.dryrun {
                ctx.line(
                    false,
                    &format!("(dryrun) upload: - to {}", to.with_key(&key)),
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
            ctx.line(false, &format!("upload: - to {}", to.with_key(&key)));
            Ok(Exit::Done)
        }
        (Location::Remote(from), Location::Std) => {
            let (resolved, s3) = ctx.bucket(&from)?;
            if args.dryrun {
                ctx.line(true, &format!("(dryrun) download: {from} to -"));
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
            ctx.line(true, &format!("download: {from} to -"));
            Ok(Exit::Done)
        }
        (src, dst) => transfer_items(ctx, engine, args, filters, src, dst).await,
    }
}

fn show_progress(ctx: &FilesContext, args: &CpArgs) -> bool {
    !(ctx.quiet || args.no_progress)
}

fn explain(ctx: &FilesContext, uri: &S3Uri, e: TransferError) -> anyhow::Error {
    match e {
        TransferError::S3(s3) => ctx.explain(uri, s3),
        other => other.into(),
    }
}

/// Warns when written keys are outside every access path of the bucket.
fn warn_unreachable(resolved: &Resolved, uri: &S3Uri, keys: &[String]) {
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
    eprintln!(
        "warning: {what} is outside every access path of {} ({paths}); no app user can reach it",
        uri.bucket
    );
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
        warn_unreachable(resolved, uri, &keys);
    }
    let verb = match (&src, &dst) {
        (Location::Local(_), _) => "upload",
        (_, Location::Local(_)) => "download",
        _ => "copy",
    };
    if args.dryrun {
        for item in &items {
            ctx.line(
                false,
                &format!("(dryrun) {verb}: {} to {}", item.from_name, item.to_name),
            );
        }
        return Ok(exit_for(skipped, 0, items.len()));
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
                    if !ctx.quiet {
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
        eprintln!(
            "{verb} failed: {} to {}: {err}",
            item.from_name, item.to_name
        );
    }
    if !ctx.quiet {
        eprintln!("Completed {summary}");
    }
    if failures.is_empty() {
        return Ok(exit_for(skipped, 0, results.len()));
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
    Ok(exit_for(skipped, failures.len(), results.len()))
}

/// Exit 1, with one line saying why, when any object failed or was skipped.
fn exit_for(skipped: usize, failed: usize, done: usize) -> Exit {
    if skipped == 0 && failed == 0 {
        return Exit::Done;
    }
    if failed > 0 {
        eprintln!("error: {failed} of {done} objects failed");
    }
    if skipped > 0 {
        eprintln!("error: {skipped} skipped (see the warnings above)");
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

/// Lists what SRC means and pairs each object with its destination. Objects whose key
/// cannot become a file under a local destination, and local entries that cannot be
/// read, are skipped with a warning; their number is returned beside the items.
async fn plan(
    ctx: &FilesContext,
    args: &CpArgs,
    filters: &Filters,
    src: &Location,
    dst: &Location,
    src_remote: Option<&(S3Uri, (Resolved, S3))>,
) -> anyhow::Result<(Vec<Item>, usize)> {
    let to_local = matches!(dst, Location::Local(_));
    let to_local_dir = matches!(dst, Location::Local(path) if local_is_dir(path, &args.dst));
    let skip = |uri: &str, why: keys::UnsafeKey| {
        eprintln!(
            "warning: skipping {uri}: {why}; its key cannot be a file under {}",
            args.dst
        );
    };
    let mut skipped = 0;
    let dst_name = |rel: &str, single_name: &str| -> (Endpoint, String) {
        match dst {
            Location::Remote(to) => {
                let key = if args.recursive {
                    join_key(&to.key, rel)
                } else if to.key.is_empty() || to.key.ends_with('/') {
                    format!("{}{single_name}", to.key)
                } else {
                    to.key.clone()
                };
                let name = to.with_key(&key).to_string();
                (Endpoint::Object(key), name)
            }
            Location::Local(path) => {
                let written = args.dst.as_str();
                let file = if args.recursive {
                    path.join(rel)
                } else if local_is_dir(path, written) {
                    path.join(single_name)
                } else {
                    path.clone()
                };
                let name = file.to_string_lossy().to_string();
                (Endpoint::File(file), name)
            }
            Location::Std => unreachable!("streams are handled before planning"),
        }
    };
    let mut items = Vec::new();
    match src {
        Location::Local(path) => {
            let meta = std::fs::metadata(path)
                .map_err(|e| UsageError::new(format!("cannot read {}: {e}", args.src)))?;
            if !args.recursive {
                if meta.is_dir() {
                    return Err(UsageError::new(format!("{} is a folder", args.src))
                        .hint("pass --recursive to copy a whole folder")
                        .into());
                }
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default();
                let (to, to_name) = dst_name(&name, &name);
                items.push(Item {
                    from: Endpoint::File(path.clone()),
                    to,
                    size: meta.len(),
                    from_name: args.src.clone(),
                    to_name,
                });
            } else {
                if !meta.is_dir() {
                    return Err(UsageError::new(format!("{} is not a folder", args.src)).into());
                }
                let mut files = Vec::new();
                for entry in walkdir::WalkDir::new(path)
                    .follow_links(true)
                    .sort_by_file_name()
                {
                    // One unreadable entry (a dangling symlink, a folder without
                    // permission) is skipped and reported; the rest is still copied.
                    let entry = match entry {
                        Ok(entry) => entry,
                        Err(e) => {
                            eprintln!(
                                "warning: skipping {}: {e}",
                                e.path().unwrap_or(path).display()
                            );
                            skipped += 1;
                            continue;
                        }
                    };
                    // Temporary files of a download that was killed are not data.
                    if !entry.file_type().is_file()
                        || destination::is_temporary(&entry.file_name().to_string_lossy())
                    {
                        continue;
                    }
                    let rel = entry
                        .path()
                        .strip_prefix(path)
                        .unwrap_or(entry.path())
                        .to_string_lossy()
                        .replace('\\', "/");
                    if !filters.includes(&rel) {
                        continue;
                    }
                    let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                    files.push((entry.path().to_path_buf(), rel, size));
                }
                for (file, rel, size) in files {
                    let (to, to_name) = dst_name(&rel, &rel);
                    items.push(Item {
                        from: Endpoint::File(file),
                        to,
                        size,
                        from_name: join_key(args.src.trim_end_matches('/'), &rel),
                        to_name,
                    });
                }
            }
        }
        Location::Remote(from) => {
            let (uri, (resolved, s3)) = src_remote.expect("remote source is resolved");
            if !args.recursive {
                let info = s3
                    .head(&resolved.bucket, &from.key)
                    .await
                    .map_err(|e| ctx.explain(uri, e))?;
                let Some(info) = info else {
                    if !s3
                        .bucket_exists(&resolved.bucket)
                        .await
                        .map_err(|e| ctx.explain(uri, e))?
                    {
                        return Err(ctx.explain(uri, S3Error::no_such_bucket()));
                    }
                    anyhow::bail!(
                        "{} does not exist (use --recursive to copy a prefix)",
                        args.src
                    );
                };
                // Into a local folder the key's last segment becomes the file name;
                // a remote or file DST names the target itself.
                let name = match keys::file_name(&from.key) {
                    Err(why) if to_local_dir => {
                        skip(&args.src, why);
                        return Ok((Vec::new(), 1));
                    }
                    _ => from.key.rsplit('/').next().unwrap_or_default().to_string(),
                };
                let (to, to_name) = dst_name(&name, &name);
                items.push(Item {
                    from: Endpoint::Object(from.key.clone()),
                    to,
                    size: info.size,
                    from_name: args.src.clone(),
                    to_name,
                });
            } else {
                let prefix = folder_prefix(&from.key);
                let objects = s3
                    .list_all(&resolved.bucket, &prefix)
                    .await
                    .map_err(|e| ctx.explain(uri, e))?;
                for object in objects {
                    let rel = object.key[prefix.len()..].to_string();
                    // Zero-byte "folder" markers have no file to become.
                    if rel.is_empty()
                        || (rel.ends_with('/') && object.size == 0)
                        || !filters.includes(&rel)
                    {
                        continue;
                    }
                    if to_local && let Err(why) = keys::local_path(&rel) {
                        skip(&from.with_key(&object.key).to_string(), why);
                        skipped += 1;
                        continue;
                    }
                    let (to, to_name) = dst_name(&rel, &rel);
                    items.push(Item {
                        from: Endpoint::Object(object.key.clone()),
                        to,
                        size: object.size,
                        from_name: from.with_key(&object.key).to_string(),
                        to_name,
                    });
                }
            }
        }
        Location::Std => unreachable!("streams are handled before planning"),
    }
    Ok((items, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_join_like_folders() {
        assert_eq!(join_key("", "a/b.txt"), "a/b.txt");
        assert_eq!(join_key("p", "a.txt"), "p/a.txt");
        assert_eq!(join_key("p/", "a.txt"), "p/a.txt");
        assert_eq!(folder_prefix("photos"), "photos/");
        assert_eq!(folder_prefix("photos/"), "photos/");
        assert_eq!(folder_prefix(""), "");
    }
}
