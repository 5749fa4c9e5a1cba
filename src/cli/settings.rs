//! The flags every command accepts, in one room: `cli/files.rs` (what the file commands
//! share) and `cli/printer.rs` (where lines go) both read them, and neither the other.

use std::path::PathBuf;

/// Flags every command accepts.
#[derive(Debug, Clone, Default, clap::Args)]
pub(super) struct GlobalArgs {
    /// Use this AWS profile from ~/.aws/config
    #[arg(
        long,
        global = true,
        value_name = "NAME",
        env = "AWS_PROFILE",
        hide_env = true
    )]
    pub profile: Option<String>,

    /// AWS region for buckets the outputs file does not place
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,

    /// Read bucket names from this amplify_outputs.json instead of the nearest one
    #[arg(long, global = true, value_name = "FILE", env = "AMPX_OUTPUTS")]
    pub outputs: Option<PathBuf>,

    /// Print only errors (no per-object lines, summaries or progress)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Explain what is resolved and sent (bucket, region, endpoint); `--debug`, as
    /// `npx ampx` spells it, is the same
    #[arg(long, visible_alias = "debug", global = true, conflicts_with = "quiet")]
    pub verbose: bool,
}

/// The local sandbox's region: `--region`, `AWS_REGION`, `AWS_DEFAULT_REGION`, else
/// us-east-1 (it never needs AWS configuration).
pub(super) fn local_region(global: &GlobalArgs) -> String {
    global
        .region
        .clone()
        .or_else(|| std::env::var("AWS_REGION").ok())
        .or_else(|| std::env::var("AWS_DEFAULT_REGION").ok())
        .unwrap_or_else(|| "us-east-1".into())
}
