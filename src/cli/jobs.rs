//! Runs planned transfers for `cp`, `mv` and `sync`: the engine, several objects at
//! once, progress, one line per object, failures said once, and Ctrl-C/SIGTERM
//! leaving nothing partial.

use std::path::Path;

use futures::StreamExt as _;

use super::exit::Exit;
use super::files::{FilesContext, TransferFlags, interrupted, listed};
use super::printer::{Printer, shown};
use super::progress::TransferView;
use crate::aws::s3::{S3, S3Error};
use crate::aws::transfer::{Engine, Target, TransferConfig, TransferError};
use crate::buckets::{Resolved, S3Uri};
use crate::error::UsageError;
use crate::transfer_plan::{Ask, Endpoint, Item, Location, Plan, folder_prefix};

/// A resolved S3 side of a transfer: the URI as given, its bucket and client.
pub(super) type Side = (S3Uri, (Resolved, S3));

/// How planned items are run.
pub(super) struct Job<'a> {
    /// `upload`, `download`, `copy` or `move`, as `aws s3` prints them.
    pub verb: &'static str,
    pub concurrency: usize,
    /// `--content-type` for uploads (else guessed from the file name).
    pub content_type: Option<&'a str>,
    pub progress: bool,
    /// A line per object done (`upload: A to B`), unless `-q`.
    pub lines: bool,
    /// `--json`: the plan as JSON lines before acting, instead of those lines.
    pub json: bool,
    /// `mv`: each source is deleted once its copy succeeded, never before.
    pub remove_sources: bool,
}

impl<'a> Job<'a> {
    /// A job as `cp` and `mv` run it, from their shared flags.
    pub(super) fn from_flags(
        verb: &'static str,
        flags: &'a TransferFlags,
        remove_sources: bool,
    ) -> Job<'a> {
        Job {
            verb,
            concurrency: usize::from(flags.concurrency),
            content_type: flags.content_type.as_deref(),
            progress: !flags.no_progress && !flags.json,
            lines: !flags.json,
            json: flags.json,
            remove_sources,
        }
    }
}

/// Plans what `ask` means between `src` and `dst` and runs it (or with `dryrun` prints
/// it): the whole of `cp` and `mv` once their arguments are checked.
pub(super) async fn plan_and_run(
    ctx: &FilesContext,
    engine: &Engine,
    job: &Job<'_>,
    ask: &Ask<'_>,
    dryrun: bool,
    src: &Location,
    dst: &Location,
) -> anyhow::Result<Exit> {
    let src_side = side(ctx, src)?;
    let dst_side = side(ctx, dst)?;
    let plan = plan(ctx, ask, src, dst, src_side.as_ref()).await?;
    if job.remove_sources {
        refuse_moving_onto_sources(ask, &plan.items, src_side.as_ref(), dst_side.as_ref())?;
    }
    let skipped = plan.skipped.len();
    if plan.items.is_empty() && skipped == 0 {
        // Silence would read as success with work done; say so, and it is still exit 0.
        ctx.printer
            .note(format_args!("nothing matched {}", shown(ask.src)));
        return Ok(Exit::Done);
    }
    warn_unreachable(ctx, dst_side.as_ref(), &plan.items);
    if job.json {
        print_json(&ctx.printer, job.verb, &plan.items, dryrun);
    }
    if dryrun {
        if !job.json {
            print_dryrun(&ctx.printer, job.verb, &plan.items);
        }
        return Ok(exit_for(&ctx.printer, skipped, 0, plan.items.len()));
    }
    remove_abandoned_downloads(ctx, ask, dst);
    let ran = run(
        ctx,
        engine,
        job,
        plan.items,
        src_side.as_ref(),
        dst_side.as_ref(),
    )
    .await?;
    Ok(exit_for(&ctx.printer, skipped, ran.failed, ran.done))
}

/// A move within one bucket that could lose objects is refused before anything moves:
/// a folder into itself (`mv -r s3://B/p/ s3://B/p/sub/`, as `mv` refuses it for
/// folders), or any object whose destination is another's source (or its own): the
/// copy would overwrite that source before it moved. However the sides are spelled (a
/// friendly and a physical name, `p` and `p/`), the resolved bucket and keys decide.
fn refuse_moving_onto_sources(
    ask: &Ask<'_>,
    items: &[Item],
    src: Option<&Side>,
    dst: Option<&Side>,
) -> Result<(), UsageError> {
    let (Some((from_uri, (from, _))), Some((to_uri, (to, _)))) = (src, dst) else {
        return Ok(());
    };
    if from.bucket != to.bucket {
        return Ok(());
    }
    let (src_prefix, dst_prefix) = (folder_prefix(&from_uri.key), folder_prefix(&to_uri.key));
    if ask.recursive && dst_prefix.starts_with(&src_prefix) {
        return Err(UsageError::new(format!(
            "cannot move {} into itself ({}); nothing was moved",
            ask.src, ask.dst
        ))
        .hint("move it to a prefix outside the one it lives in"));
    }
    let Some(item) = crate::transfer_plan::onto_a_source(items) else {
        return Ok(());
    };
    let what = if item.from == item.to {
        "itself".to_string()
    } else {
        format!("{}, which is itself moved by this command", item.to_name)
    };
    Err(UsageError::new(format!(
        "{} would be moved onto {what}; nothing was moved",
        item.from_name
    ))
    .hint("give DST a key or prefix that no source uses"))
}

/// Removes the temporary files of killed downloads where this one writes: the whole
/// local DST folder for a recursive job, else the folder of the file written.
pub(super) fn remove_abandoned_downloads(ctx: &FilesContext, ask: &Ask<'_>, dst: &Location) {
    let Location::Local(path) = dst else {
        return;
    };
    let (dir, depth) = if ask.recursive {
        (path.as_path(), usize::MAX)
    } else if crate::transfer_plan::local_is_dir(path, ask.dst) {
        (path.as_path(), 1)
    } else {
        match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => (parent, 1),
            _ => (Path::new("."), 1),
        }
    };
    let removed = crate::destination::remove_abandoned(dir, depth);
    if removed > 0 {
        ctx.printer.note(format_args!(
            "removed {removed} unfinished download(s) that a killed run left in {}",
            dir.display()
        ));
    }
}

/// What running a job came to.
pub(super) struct Ran {
    pub done: usize,
    pub failed: usize,
}

/// A transfer engine for `--concurrency` and `--multipart-threshold`.
pub(super) fn engine(flags: &TransferFlags) -> Engine {
    Engine::new(TransferConfig {
        concurrency: usize::from(flags.concurrency),
        multipart_threshold: flags.multipart_threshold,
        ..TransferConfig::default()
    })
}

/// Runs `work`; on Ctrl-C or SIGTERM, aborts the engine's open multipart uploads and
/// exits with the signal's code.
pub(super) async fn interruptible(
    ctx: &FilesContext,
    engine: &Engine,
    work: impl std::future::Future<Output = anyhow::Result<Exit>>,
) -> anyhow::Result<Exit> {
    tokio::select! {
        result = work => result,
        code = interrupted() => {
            let aborted = abort_in_flight(engine).await;
            ctx.printer.warn(format_args!("interrupted: nothing partial was kept{aborted}"));
            Ok(Exit::Interrupted(code))
        }
    }
}

/// Aborts the engine's open multipart uploads; ` (N multipart upload(s) aborted)` when
/// there were any, for the line that says the command stopped.
pub(super) async fn abort_in_flight(engine: &Engine) -> String {
    match engine.abort_pending().await {
        0 => String::new(),
        n => format!(" ({n} multipart upload(s) aborted)"),
    }
}

/// `(dryrun) VERB: FROM to TO` for each item.
pub(super) fn print_dryrun(printer: &Printer, verb: &str, items: &[Item]) {
    for item in items {
        printer.line(
            false,
            format!(
                "(dryrun) {verb}: {} to {}",
                shown(&item.from_name),
                shown(&item.to_name)
            ),
        );
    }
}

/// `--json`: `{"action", "from", "to", "size", "dryrun"}` for each item, one line each.
pub(super) fn print_json(printer: &Printer, verb: &str, items: &[Item], dryrun: bool) {
    for item in items {
        printer.out(serde_json::json!({
            "action": verb,
            "from": item.from_name,
            "to": item.to_name,
            "size": item.size,
            "dryrun": dryrun,
        }));
    }
}

/// The verb `aws s3` prints for a transfer between these sides.
pub(super) fn verb(src: &Location, dst: &Location) -> &'static str {
    match (src, dst) {
        (Location::Local(_), _) => "upload",
        (_, Location::Local(_)) => "download",
        _ => "copy",
    }
}

/// The S3 side of a location, resolved.
pub(super) fn side(ctx: &FilesContext, location: &Location) -> anyhow::Result<Option<Side>> {
    Ok(match location {
        Location::Remote(uri) => Some((uri.clone(), ctx.bucket(uri)?)),
        _ => None,
    })
}

/// Warns when the keys an item list writes are outside every access path.
pub(super) fn warn_unreachable(ctx: &FilesContext, dst: Option<&Side>, items: &[Item]) {
    if let Some((uri, (resolved, _))) = dst {
        let keys: Vec<String> = items
            .iter()
            .filter_map(|i| match &i.to {
                Endpoint::Object(k) => Some(k.clone()),
                Endpoint::File(_) => None,
            })
            .collect();
        ctx.warn_unreachable(resolved, uri, &keys);
    }
}

/// Lists what SRC means and pairs each object with its destination (see
/// `transfer_plan`); skipped entries are warned about here.
pub(super) async fn plan(
    ctx: &FilesContext,
    ask: &Ask<'_>,
    src: &Location,
    dst: &Location,
    src_side: Option<&Side>,
) -> anyhow::Result<Plan> {
    let plan = match src {
        Location::Local(path) => ask.from_local(path, dst)?,
        Location::Remote(from) => {
            let (uri, (resolved, s3)) = src_side.expect("remote source is resolved");
            let explain = |e| ctx.explain(uri, e);
            if ask.recursive {
                let prefix = folder_prefix(&from.key);
                let objects = s3
                    .list_all(&resolved.bucket, &prefix)
                    .await
                    .map_err(explain)?;
                ask.from_listing(from, objects.into_iter().map(listed), dst)
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
                        ask.src
                    );
                };
                ask.from_object(from, &listed(info), dst)
            }
        }
        Location::Std => unreachable!("streams are handled before planning"),
    };
    for warning in &plan.skipped {
        ctx.printer.warn(warning);
    }
    Ok(plan)
}

/// Runs every item, `job.concurrency` at once, and reports each.
pub(super) async fn run(
    ctx: &FilesContext,
    engine: &Engine,
    job: &Job<'_>,
    items: Vec<Item>,
    src: Option<&Side>,
    dst: Option<&Side>,
) -> anyhow::Result<Ran> {
    let total_bytes = items.iter().map(|i| i.size).sum();
    let total = items.len() as u64;
    let view = TransferView::new(total_bytes, total, job.progress && !ctx.printer.quiet);
    let view = &view;
    let src_s3 = src.map(|(_, (r, s3))| (r.bucket.clone(), s3.clone()));
    let dst_s3 = dst.map(|(_, (r, s3))| (r.bucket.clone(), s3.clone()));
    let verb = job.verb;
    let results: Vec<(Item, Result<(), TransferError>)> = futures::stream::iter(items)
        .map(|item| {
            let (src_s3, dst_s3) = (src_s3.clone(), dst_s3.clone());
            async move {
                let mut result =
                    transfer(engine, job, &item, src_s3.as_ref(), dst_s3.as_ref(), view).await;
                if result.is_ok() && job.remove_sources {
                    result = remove_source(&item, src_s3.as_ref()).await;
                }
                if result.is_ok() {
                    view.object_done(total);
                    if job.lines && !ctx.printer.quiet {
                        let (from, to) = (shown(&item.from_name), shown(&item.to_name));
                        view.line(false, &format!("{verb}: {from} to {to}"));
                    }
                }
                (item, result)
            }
        })
        .buffer_unordered(job.concurrency)
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
            shown(&item.from_name),
            shown(&item.to_name)
        ));
    }
    ctx.printer.note(format_args!("Completed {summary}"));
    // A missing bucket or an endpoint that does not answer fails every object the same
    // way: say it once, with the hint.
    if let Some((_, TransferError::S3(e))) = failures.first()
        && (e.is("NoSuchBucket") || e.unreachable)
    {
        let side = dst.or(src).expect("a transfer always has an S3 side");
        return Err(ctx.explain(&side.0, e.clone()));
    }
    Ok(Ran {
        done: results.len(),
        failed: failures.len(),
    })
}

/// Exit 1, with one line saying why, when any object failed or was skipped.
pub(super) fn exit_for(printer: &Printer, skipped: usize, failed: usize, done: usize) -> Exit {
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

async fn transfer(
    engine: &Engine,
    job: &Job<'_>,
    item: &Item,
    src: Option<&(String, S3)>,
    dst: Option<&(String, S3)>,
    view: &TransferView,
) -> Result<(), TransferError> {
    match (&item.from, &item.to, src, dst) {
        (Endpoint::File(path), Endpoint::Object(key), _, Some((bucket, s3))) => {
            let content_type = content_type_for(job, path);
            let to = Target { s3, bucket, key };
            engine
                .upload_file(path, item.size, to, content_type.as_deref(), view)
                .await
        }
        (Endpoint::Object(key), Endpoint::File(path), Some((bucket, s3)), _) => {
            let from = Target { s3, bucket, key };
            engine.download_file(from, item.size, path, view).await?;
            take_source_time(path, item.modified);
            Ok(())
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

/// A downloaded file takes the object's `LastModified`, as `aws s3` does, so `sync`
/// compares the server's clock with itself, never with this machine's.
fn take_source_time(path: &Path, modified: Option<i64>) {
    let Some(secs) = modified.and_then(|s| u64::try_from(s).ok()) else {
        return;
    };
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    // Only a regular file: opening a FIFO to write would wait for a reader.
    if std::fs::metadata(path).is_ok_and(|m| m.is_file())
        && let Ok(file) = std::fs::File::options().write(true).open(path)
    {
        let _ = file.set_modified(time);
    }
}

/// `mv`: the source goes once its copy is complete.
async fn remove_source(item: &Item, src: Option<&(String, S3)>) -> Result<(), TransferError> {
    match (&item.from, src) {
        (Endpoint::File(path), _) => {
            let cannot = |source| TransferError::Io {
                context: format!("copied, but cannot remove {}", path.display()),
                source,
            };
            // The folder the walk started from: `rel` names the file below it.
            let root = path
                .ancestors()
                .nth(item.rel.split('/').count())
                .unwrap_or(Path::new(""));
            crate::keys::removable(root, path).map_err(|why| cannot(std::io::Error::other(why)))?;
            std::fs::remove_file(path).map_err(cannot)
        }
        (Endpoint::Object(key), Some((bucket, s3))) => Ok(s3.delete(bucket, key).await?),
        (Endpoint::Object(_), None) => unreachable!("a remote source has its bucket"),
    }
}

fn content_type_for(job: &Job<'_>, path: &Path) -> Option<String> {
    job.content_type
        .map(str::to_string)
        .or_else(|| mime_guess::from_path(path).first_raw().map(str::to_string))
}

/// S3 deletes at most this many keys per request.
const DELETE_BATCH: usize = 1000;
/// Delete requests in flight at once.
const DELETES_IN_FLIGHT: usize = 8;

/// Deletes `keys` in batches, several at once, printing `delete: NAME` for each one
/// gone (in one write); returns the keys that could not be deleted, with why.
pub(super) async fn delete_objects(
    printer: &Printer,
    s3: &S3,
    bucket: &str,
    keys: &[String],
    name: impl Fn(&str) -> String,
) -> std::io::Result<Vec<(String, String)>> {
    // Batches as indices, not borrowed slices: the future stays `Send` for any caller
    // (the browse server runs it on its worker threads).
    let results: Vec<_> = futures::stream::iter((0..keys.len()).step_by(DELETE_BATCH))
        .map(|start| async move {
            let batch = &keys[start..keys.len().min(start + DELETE_BATCH)];
            (batch, s3.delete_batch(bucket, batch).await)
        })
        .buffer_unordered(DELETES_IN_FLIGHT)
        .collect()
        .await;
    let mut failed: Vec<(String, String)> = Vec::new();
    let mut out = String::new();
    for (batch, result) in results {
        match result {
            Ok(errors) => {
                for key in batch {
                    if !errors.iter().any(|(k, _)| k == key) && !printer.quiet {
                        out.push_str(&format!("delete: {}\n", shown(&name(key))));
                    }
                }
                failed.extend(errors);
            }
            Err(e) => failed.extend(batch.iter().map(|k| (k.clone(), e.message.clone()))),
        }
    }
    printer.out_block(&out)?;
    Ok(failed)
}
