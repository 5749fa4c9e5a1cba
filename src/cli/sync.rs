//! `ampx-rs sync`: make DST hold what SRC holds, as `aws s3 sync` does — copying only
//! what is missing or out of date, and with `--delete` removing what SRC lacks.

use std::path::Path;

use serde_json::json;

use super::exit::Exit;
use super::files::{ActingAs, FilesContext, TransferFlags, block_on, listed};
use super::jobs::{self, Job, Side};
use super::printer::{Printer, shown};
use super::settings::GlobalArgs;
use crate::aws::transfer::TransferConfig;
use crate::error::UsageError;
use crate::filters::Filters;
use crate::transfer_plan::{self, Ask, Compare, Endpoint, Item, Listed, Location, folder_prefix};

/// Sync a folder or key prefix to another
///
/// Copies every file of SRC that is missing at DST, has another size, or changed after
/// its copy at DST (local↔S3 and S3↔S3; friendly bucket names). Nothing else is sent:
/// with nothing changed, a sync only lists. Downloaded files take the object's time, so
/// the next sync compares the server's clock with itself.
#[derive(Debug, clap::Args)]
pub(super) struct SyncArgs {
    #[command(flatten)]
    pub acting: ActingAs,

    /// What to sync from: a local folder or s3://NAME/PREFIX
    #[arg(value_name = "SRC")]
    pub src: String,

    /// What to sync to: a local folder or s3://NAME/PREFIX
    #[arg(value_name = "DST")]
    pub dst: String,

    /// Delete what DST holds and SRC does not (never outside DST's folder, never what
    /// --exclude leaves out)
    #[arg(long)]
    pub delete: bool,

    /// Compare sizes only, not times
    #[arg(long, conflicts_with_all = ["exact_timestamps", "checksum"])]
    pub size_only: bool,

    /// Compare contents: a file of the same size is copied when its ETag differs (MD5,
    /// or for files sent in parts the multipart ETag computed locally), whatever its time
    #[arg(long, conflicts_with = "exact_timestamps")]
    pub checksum: bool,

    /// Downloads: copy when the times differ at all, not only when SRC is newer
    #[arg(long)]
    pub exact_timestamps: bool,

    /// After syncing, keep watching the local SRC folder and sync again whenever files
    /// change (for seeding a sandbox's buckets); Ctrl-C stops
    #[arg(long, conflicts_with = "dryrun")]
    pub watch: bool,

    #[command(flatten)]
    pub flags: TransferFlags,
}

pub(super) fn run(
    args: &SyncArgs,
    filters: Filters,
    global: &GlobalArgs,
    cwd: &Path,
) -> anyhow::Result<Exit> {
    let src = Location::parse(&args.src)?;
    let dst = Location::parse(&args.dst)?;
    match (&src, &dst) {
        (Location::Std, _) | (_, Location::Std) => {
            return Err(
                UsageError::new("sync works on folders and prefixes; `-` is for cp").into(),
            );
        }
        (Location::Local(_), Location::Local(_)) => {
            return Err(UsageError::new("sync needs an s3:// URI as SRC or DST")
                .hint("to sync local folders use rsync")
                .into());
        }
        (Location::Remote(_), _) if args.watch => {
            return Err(
                UsageError::new("--watch watches a local folder: SRC must be one")
                    .hint("e.g. ampx-rs sync --watch ./test-files s3://NAME/seed")
                    .into(),
            );
        }
        (Location::Local(path), _) if !path.is_dir() => {
            return Err(UsageError::new(format!("{} is not a folder", args.src))
                .hint("sync copies folders; use cp for one file")
                .into());
        }
        _ => {}
    }
    let compare = if args.checksum {
        Compare::Checksum {
            part_size: TransferConfig::default().part_size,
        }
    } else if args.size_only {
        Compare::SizeOnly
    } else if args.exact_timestamps {
        Compare::ExactTimestamps
    } else {
        Compare::SizeAndTime
    };
    block_on(async move {
        let ctx = FilesContext::new(global, args.acting.who.as_ref(), cwd).await?;
        let engine = jobs::engine(&args.flags);
        // Watching starts before the first sync, so nothing saved meanwhile is missed.
        let watching = match (&src, args.watch) {
            (Location::Local(dir), true) => Some((dir, crate::watch::start(dir)?)),
            _ => None,
        };
        let syncing = Syncing {
            ctx: &ctx,
            engine: &engine,
            args,
            filters: &filters,
            compare,
        };
        let exit = jobs::interruptible(&ctx, &engine, syncing.once(&src, &dst)).await?;
        match (watching, exit) {
            (Some((dir, (_watcher, events))), Exit::Done | Exit::Failed) => {
                syncing.watch(dir, events, &dst).await
            }
            _ => Ok(exit),
        }
    })
}

/// One `sync` command's settings, for the first sync and every one `--watch` makes.
#[derive(Clone, Copy)]
struct Syncing<'a> {
    ctx: &'a FilesContext,
    engine: &'a crate::aws::transfer::Engine,
    args: &'a SyncArgs,
    filters: &'a Filters,
    compare: Compare,
}

impl Syncing<'_> {
    /// `--watch`: syncs again after each burst of changes under `dir`, until Ctrl-C or
    /// SIGTERM, which abort what is in flight (nothing partial is kept) and end with 0.
    async fn watch(
        &self,
        dir: &Path,
        mut events: tokio::sync::mpsc::UnboundedReceiver<Vec<std::path::PathBuf>>,
        dst: &Location,
    ) -> anyhow::Result<Exit> {
        let src = Location::Local(dir.to_path_buf());
        let stop = super::files::interrupted();
        tokio::pin!(stop);
        self.ctx.printer.note(format_args!(
            "watching {} for changes (Ctrl-C stops)",
            self.args.src
        ));
        loop {
            tokio::select! {
                batch = events.recv() => {
                    let Some(paths) = batch else { return Ok(Exit::Done) };
                    // Our own temporary files are not changes worth a sync.
                    let relevant = paths.iter().any(|p| {
                        !p.file_name()
                            .is_some_and(|n| crate::destination::is_temporary(&n.to_string_lossy()))
                    });
                    if !relevant {
                        continue;
                    }
                    crate::watch::settle(&mut events).await;
                    let work = self.once(&src, dst);
                    tokio::select! {
                        result = work => { result?; }
                        _ = &mut stop => return Ok(self.stopped().await),
                    }
                }
                _ = &mut stop => return Ok(self.stopped().await),
            }
        }
    }

    async fn stopped(&self) -> Exit {
        let aborted = jobs::abort_in_flight(self.engine).await;
        self.ctx
            .printer
            .note(format_args!("stopped watching{aborted}"));
        Exit::Done
    }

    /// One sync of SRC to DST.
    async fn once(&self, src: &Location, dst: &Location) -> anyhow::Result<Exit> {
        let Syncing {
            ctx,
            engine,
            args,
            filters,
            compare,
        } = *self;
        let src_side = jobs::side(ctx, src)?;
        let dst_side = jobs::side(ctx, dst)?;
        let ask = Ask {
            src: &args.src,
            dst: &args.dst,
            recursive: true,
            filters,
        };
        let source = jobs::plan(ctx, &ask, src, dst, src_side.as_ref()).await?;
        let present = present_at(ctx, dst, dst_side.as_ref(), filters).await?;
        let plan = ask.sync(source, present, compare, args.delete, dst);
        let skipped = plan.skipped.len();
        jobs::warn_unreachable(ctx, dst_side.as_ref(), &plan.copy);
        let verb = jobs::verb(src, dst);
        if args.flags.dryrun || args.flags.json {
            report(ctx, args, verb, &plan.copy, &plan.delete);
        }
        if args.flags.dryrun {
            return Ok(jobs::exit_for(&ctx.printer, skipped, 0, plan.copy.len()));
        }
        jobs::remove_abandoned_downloads(ctx, &ask, dst);
        let job = Job::from_flags(verb, &args.flags, false);
        // With --json the lines above already said what is done; stdout carries no more.
        let lines = Printer {
            quiet: ctx.printer.quiet || args.flags.json,
            ..ctx.printer
        };
        let ran = jobs::run(
            ctx,
            engine,
            &job,
            plan.copy,
            src_side.as_ref(),
            dst_side.as_ref(),
        )
        .await?;
        let failed_deletes = delete(ctx, &lines, dst, dst_side.as_ref(), &plan.delete).await?;
        Ok(jobs::exit_for(
            &ctx.printer,
            skipped,
            ran.failed + failed_deletes,
            ran.done + plan.delete.len(),
        ))
    }
}

/// What DST holds, named below it: the objects under its folder, or the files under a
/// local folder (none when it does not exist yet).
async fn present_at(
    ctx: &FilesContext,
    dst: &Location,
    dst_side: Option<&Side>,
    filters: &Filters,
) -> anyhow::Result<Vec<Listed>> {
    match (dst, dst_side) {
        (Location::Remote(to), Some((uri, (resolved, s3)))) => {
            let prefix = folder_prefix(&to.key);
            let objects = s3
                .list_all(&resolved.bucket, &prefix)
                .await
                .map_err(|e| ctx.explain(uri, e))?;
            Ok(objects
                .into_iter()
                .map(listed)
                .filter_map(|mut object| {
                    let rel = object.key.strip_prefix(&prefix)?.to_string();
                    // Folder markers are not files; keep them off the delete list.
                    (!rel.is_empty() && !rel.ends_with('/')).then(|| {
                        object.key = rel;
                        object
                    })
                })
                .collect())
        }
        (Location::Local(path), _) if path.is_dir() => {
            let (files, skipped) = transfer_plan::walk(path, filters);
            for warning in &skipped {
                ctx.printer.warn(warning);
            }
            Ok(files.into_iter().map(|(_, listed)| listed).collect())
        }
        _ => Ok(Vec::new()),
    }
}

/// The actions as lines: `(dryrun) upload: A to B` as `aws s3` prints them, or JSON.
fn report(
    ctx: &FilesContext,
    args: &SyncArgs,
    verb: &str,
    copy: &[Item],
    delete: &[(Endpoint, String)],
) {
    let dryrun = args.flags.dryrun;
    if !args.flags.json {
        jobs::print_dryrun(&ctx.printer, verb, copy);
        for (_, name) in delete {
            ctx.printer
                .line(false, format_args!("(dryrun) delete: {}", shown(name)));
        }
        return;
    }
    jobs::print_json(&ctx.printer, verb, copy, dryrun);
    for (_, name) in delete {
        ctx.printer
            .out(json!({ "action": "delete", "target": name, "dryrun": dryrun }));
    }
}

/// `--delete`: removes what the plan lists; returns how many could not be removed. A
/// local file is removed only when it lies inside DST (`keys::removable`).
async fn delete(
    ctx: &FilesContext,
    lines: &Printer,
    dst: &Location,
    dst_side: Option<&Side>,
    doomed: &[(Endpoint, String)],
) -> anyhow::Result<usize> {
    let mut failed = 0;
    let keys: Vec<String> = doomed
        .iter()
        .filter_map(|(e, _)| match e {
            Endpoint::Object(key) => Some(key.clone()),
            Endpoint::File(_) => None,
        })
        .collect();
    if let (false, Some((uri, (resolved, s3)))) = (keys.is_empty(), dst_side) {
        let name = |key: &str| uri.with_key(key).to_string();
        let errors = jobs::delete_objects(lines, s3, &resolved.bucket, &keys, name).await?;
        for (key, why) in &errors {
            ctx.printer
                .warn(format_args!("delete failed: {}: {why}", shown(&name(key))));
        }
        failed += errors.len();
    }
    for (endpoint, name) in doomed {
        let (Endpoint::File(path), Location::Local(root)) = (endpoint, dst) else {
            continue;
        };
        let name = shown(name);
        if let Err(why) = crate::keys::removable(root, path) {
            ctx.printer
                .warn(format_args!("delete refused: {name}: {why}"));
            failed += 1;
            continue;
        }
        match std::fs::remove_file(path) {
            Ok(()) => lines.line(false, format_args!("delete: {name}")),
            Err(e) => {
                ctx.printer.warn(format_args!("delete failed: {name}: {e}"));
                failed += 1;
            }
        }
    }
    Ok(failed)
}
