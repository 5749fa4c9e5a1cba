//! `ampx-rs rm`: delete one object, or every object under a prefix.

use std::path::Path;

use super::exit::Exit;
use super::files::{ActingAs, FilesContext, block_on, confirm};
use super::jobs;
use super::printer::{Printer, shown};
use super::settings::GlobalArgs;
use crate::buckets::S3Uri;
use crate::error::UsageError;
use crate::filters::Filters;
use crate::transfer_plan::folder_prefix;

/// Delete one object, or with --recursive every object under a prefix
///
/// `rm -r s3://NAME/photos` deletes `photos/…` and never `photos-old/…`. A recursive
/// delete asks for confirmation on a terminal and needs --yes without one.
#[derive(Debug, clap::Args)]
pub(super) struct RmArgs {
    #[command(flatten)]
    pub acting: ActingAs,

    /// s3://NAME/KEY, or s3://NAME/PREFIX with --recursive
    #[arg(value_name = "S3URI")]
    pub uri: S3Uri,

    /// Delete every object under the prefix (treated as a folder)
    #[arg(short, long)]
    pub recursive: bool,

    /// Delete only what matches this glob (relative to the prefix; later filters win)
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,

    /// Keep what matches this glob (relative to the prefix; later filters win)
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,

    /// Show what would be deleted, delete nothing
    #[arg(long)]
    pub dryrun: bool,

    /// Do not ask for confirmation
    #[arg(short, long)]
    pub yes: bool,

    /// One JSON line per object, {"action": "delete", "target", "dryrun"}, instead of text
    #[arg(long)]
    pub json: bool,
}

/// What `rm` refuses before it sends anything.
fn check_args(args: &RmArgs) -> Result<(), UsageError> {
    if !args.recursive && (!args.include.is_empty() || !args.exclude.is_empty()) {
        return Err(UsageError::new("--include and --exclude need --recursive"));
    }
    if !args.recursive && (args.uri.key.is_empty() || args.uri.key.ends_with('/')) {
        return Err(UsageError::new(format!("{} names no object", args.uri))
            .hint("pass --recursive to delete everything under a prefix"));
    }
    Ok(())
}

pub(super) fn run(
    args: &RmArgs,
    filters: Filters,
    global: &GlobalArgs,
    cwd: &Path,
) -> anyhow::Result<Exit> {
    check_args(args)?;
    block_on(async move {
        let ctx = FilesContext::new(global, args.acting.who.as_ref(), cwd).await?;
        let (resolved, s3) = ctx.bucket(&args.uri)?;
        // --json: one line per object before acting, as `sync --json` prints deletes.
        let json_line = |target: &str| {
            ctx.printer.out(serde_json::json!({
                "action": "delete",
                "target": target,
                "dryrun": args.dryrun,
            }));
        };
        if !args.recursive {
            let line = format!("delete: {}", shown(&args.uri.to_string()));
            if args.json {
                json_line(&args.uri.to_string());
            }
            if args.dryrun {
                if !args.json {
                    ctx.printer.line(false, format!("(dryrun) {line}"));
                }
                return Ok(Exit::Done);
            }
            s3.delete(&resolved.bucket, &args.uri.key)
                .await
                .map_err(|e| ctx.explain(&args.uri, e))?;
            if !args.json {
                ctx.printer.line(false, &line);
            }
            return Ok(Exit::Done);
        }
        let prefix = folder_prefix(&args.uri.key);
        let keys: Vec<String> = s3
            .list_all(&resolved.bucket, &prefix)
            .await
            .map_err(|e| ctx.explain(&args.uri, e))?
            .into_iter()
            .map(|o| o.key)
            .filter(|k| filters.includes(&k[prefix.len()..]))
            .collect();
        let name = |key: &str| args.uri.with_key(key).to_string();
        if args.dryrun && keys.is_empty() {
            ctx.printer
                .note(format_args!("nothing matched {}", shown(&name(&prefix))));
            return Ok(Exit::Done);
        }
        if args.dryrun {
            for key in &keys {
                match args.json {
                    true => json_line(&name(key)),
                    false => ctx
                        .printer
                        .line(false, format!("(dryrun) delete: {}", shown(&name(key)))),
                }
            }
            return Ok(Exit::Done);
        }
        if keys.is_empty() {
            ctx.printer.note(format_args!(
                "nothing to delete under {}",
                args.uri.with_key(&prefix)
            ));
            return Ok(Exit::Done);
        }
        let question = format!(
            "Delete {} object{} under {}?",
            keys.len(),
            if keys.len() == 1 { "" } else { "s" },
            shown(&name(&prefix))
        );
        if !confirm(&question, args.yes)? {
            ctx.printer.note(format_args!("nothing deleted"));
            return Ok(Exit::Failed);
        }
        if args.json {
            keys.iter().for_each(|key| json_line(&name(key)));
        }
        // With --json the lines above said what is deleted; stdout carries no more.
        let lines = Printer {
            quiet: ctx.printer.quiet || args.json,
            ..ctx.printer
        };
        let failed = jobs::delete_objects(&lines, &s3, &resolved.bucket, &keys, name).await?;
        for (key, why) in &failed {
            ctx.printer
                .warn(format_args!("delete failed: {}: {why}", shown(&name(key))));
        }
        if failed.is_empty() {
            Ok(Exit::Done)
        } else {
            ctx.printer.warn(format_args!(
                "error: {} of {} objects could not be deleted",
                failed.len(),
                keys.len()
            ));
            Ok(Exit::Failed)
        }
    })
}
