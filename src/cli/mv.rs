//! `ampx-rs mv`: move files to, from and between buckets, as `aws s3 mv` does — each
//! source is deleted only after its copy succeeded.

use std::path::Path;

use super::exit::Exit;
use super::files::{ActingAs, FilesContext, TransferFlags, block_on};
use super::jobs::{self, Job};
use super::settings::GlobalArgs;
use crate::error::UsageError;
use crate::filters::Filters;
use crate::transfer_plan::{Ask, Location};

/// Move files to, from or between buckets
///
/// Copies each object as `cp` does (between buckets, on the server), then deletes its
/// source — only once that copy is complete. A failed copy leaves its source in place;
/// an interrupted move leaves every source whose copy did not finish.
#[derive(Debug, clap::Args)]
pub(super) struct MvArgs {
    #[command(flatten)]
    pub acting: ActingAs,

    /// What to move: a local path or s3://NAME/KEY
    #[arg(value_name = "SRC")]
    pub src: String,

    /// Where to: a local path or s3://NAME/KEY (a trailing `/` means a folder)
    #[arg(value_name = "DST")]
    pub dst: String,

    /// Move a whole folder or key prefix
    #[arg(short, long)]
    pub recursive: bool,

    #[command(flatten)]
    pub flags: TransferFlags,
}

pub(super) fn run(
    args: &MvArgs,
    filters: Filters,
    global: &GlobalArgs,
    cwd: &Path,
) -> anyhow::Result<Exit> {
    let src = Location::parse(&args.src)?;
    let dst = Location::parse(&args.dst)?;
    match (&src, &dst) {
        (Location::Std, _) | (_, Location::Std) => {
            return Err(UsageError::new("mv moves files and objects; `-` is for cp").into());
        }
        (Location::Local(_), Location::Local(_)) => {
            return Err(UsageError::new("mv needs an s3:// URI as SRC or DST")
                .hint("to move local files use your shell's mv")
                .into());
        }
        _ => {}
    }
    block_on(async move {
        let ctx = FilesContext::new(global, args.acting.who.as_ref(), cwd).await?;
        let engine = jobs::engine(&args.flags);
        let ask = Ask {
            src: &args.src,
            dst: &args.dst,
            recursive: args.recursive,
            filters: &filters,
        };
        let job = Job::from_flags("move", &args.flags, true);
        let work = jobs::plan_and_run(&ctx, &engine, &job, &ask, args.flags.dryrun, &src, &dst);
        jobs::interruptible(&ctx, &engine, work).await
    })
}
