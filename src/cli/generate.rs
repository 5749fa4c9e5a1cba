//! `ampx-rs generate outputs`: amplify_outputs.json from a deployed stack.

use std::path::{Path, PathBuf};

use super::exit::Exit;
use super::files::block_on;
use super::printer::Printer;
use super::settings::GlobalArgs;
use super::terminal::TerminalUi;
use crate::aws::{Aws, AwsSettings};
use crate::error::UsageError;
use crate::outputs::{self, OutputsFormat, OutputsVersion};
use crate::project::Project;
use crate::sandbox::naming::{branch_stack_name, default_identifier, stack_name};

/// Generate files from a deployed backend
#[derive(Debug, clap::Args)]
pub(super) struct GenerateArgs {
    #[command(subcommand)]
    what: GenerateWhat,
}

#[derive(Debug, clap::Subcommand)]
enum GenerateWhat {
    Outputs(OutputsArgs),
}

/// Write amplify_outputs from a deployed stack (not from the local files)
///
/// Without --stack: this project's sandbox for the default identifier, as `ampx` does.
#[derive(Debug, clap::Args)]
struct OutputsArgs {
    /// A stack name that contains an Amplify backend deployed by ampx-rs
    #[arg(long, value_name = "NAME", conflicts_with_all = ["app_id", "branch"])]
    stack: Option<String>,

    /// The Amplify app of a branch deployment (with --branch): its stack is
    /// amplify-<APP_ID>-<BRANCH>-branch-<hash>, as Amplify names it
    #[arg(long, value_name = "APP_ID", requires = "branch")]
    app_id: Option<String>,

    /// The git branch of that deployment (with --app-id)
    #[arg(long, value_name = "NAME", requires = "app_id")]
    branch: Option<String>,

    /// Directory to write to (default: the project root, else the current directory)
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,

    /// File format: json, dart; mjs, ts, json-mobile with --outputs-version 0
    #[arg(long, value_parser = super::outputs_format(), default_value_t = OutputsFormat::Json)]
    format: OutputsFormat,

    /// Version of amplify_outputs.json (1, 1.1, 1.2, 1.3, 1.4, 1.5), or 0 for the legacy
    /// amplifyconfiguration (with the mjs, ts and json-mobile formats)
    #[arg(long, value_name = "V", default_value_t = OutputsVersion::V1_5)]
    outputs_version: OutputsVersion,
}

fn valid_stack_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && (2..=128).contains(&name.len())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-')
}

pub(super) fn run(args: &GenerateArgs, global: &GlobalArgs, cwd: &Path) -> anyhow::Result<Exit> {
    let GenerateWhat::Outputs(args) = &args.what;
    args.format.check_version(args.outputs_version)?;
    let project = Project::discover(cwd).ok();
    let stack = match &args.stack {
        Some(name) if !valid_stack_name(name) => {
            return Err(
                UsageError::new(format!("Invalid --stack name provided: {name}"))
                    .hint("Check the value of the stack name provided and try again.")
                    .into(),
            );
        }
        Some(name) => name.clone(),
        None if args.app_id.is_some() => branch_stack_name(
            args.app_id.as_deref().unwrap_or_default(),
            args.branch.as_deref().unwrap_or_default(),
        ),
        None => {
            let project = project.as_ref().ok_or_else(|| {
                UsageError::new("no Amplify project here to find the sandbox of")
                    .hint("pass --stack NAME")
            })?;
            stack_name(&project.namespace()?, &default_identifier()?)
        }
    };
    let dir = match (&args.out_dir, &project) {
        (Some(d), _) => cwd.join(d),
        (None, Some(p)) => p.root.clone(),
        (None, None) => cwd.to_path_buf(),
    };
    block_on(async move {
        let aws = Aws::load(&AwsSettings {
            profile: global.profile.clone(),
            region: global.region.clone(),
        })
        .await?;
        let region = aws.region_or_configured(None)?;
        Printer::new(global).detail(format_args!("reading stack {stack} in {region}"));
        let value = crate::sandbox::outputs_of_stack(
            &crate::aws::cloudformation::CloudStack::new(&aws, &region),
            &region,
            &stack,
            args.outputs_version,
            &TerminalUi::new(Printer::new(global)),
        )
        .await?;
        let text = outputs::render(&value, args.format, args.outputs_version);
        let file = outputs::write_atomic(&dir, (args.format, args.outputs_version), &text)?;
        Printer::new(global).note(format_args!("File written: {}", file.display()));
        Ok(Exit::Done)
    })
}
