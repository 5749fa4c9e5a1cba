//! Command-line interface: clap definitions (one file per command), settings
//! resolution and everything that talks to the terminal.

// The one part of the crate that writes to stdout and stderr.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod access;
mod browse;
mod completions;
mod cp;
mod deployed;
mod exit;
mod files;
mod generate;
mod info;
mod jobs;
mod left_out;
mod ls;
mod mv;
pub mod paint;
mod presign;
mod printer;
mod progress;
pub mod reference;
mod revision;
mod rm;
mod sandbox;
mod settings;
mod sync;
mod synth;
mod terminal;
mod users;

use std::process::ExitCode;

use clap::{ArgMatches, FromArgMatches as _, Parser, Subcommand};

use crate::filters::{FilterKind, Filters};
use settings::GlobalArgs;

/// A fast, Node-free sandbox and S3 file commands for AWS Amplify Gen 2 storage.
///
/// Run inside an Amplify Gen 2 project (the folder with amplify/backend.ts, or below it).
/// Exit codes: 0 success, 1 the operation failed, 2 bad usage, input or configuration.
#[derive(Debug, Parser)]
#[command(name = "ampx-rs", version, disable_version_flag = true)]
pub struct Cli {
    /// Print version
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,

    #[command(flatten)]
    global: GlobalArgs,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Sandbox(sandbox::SandboxArgs),
    Synth(synth::SynthArgs),
    Generate(generate::GenerateArgs),
    Cp(cp::CpArgs),
    Mv(mv::MvArgs),
    Sync(sync::SyncArgs),
    Ls(ls::LsArgs),
    Rm(rm::RmArgs),
    Presign(presign::PresignArgs),
    Access(access::AccessArgs),
    Browse(browse::BrowseArgs),
    Info(info::InfoArgs),
    Completions(completions::CompletionsArgs),
}

/// Parses the command line and runs the command.
pub fn run() -> anyhow::Result<ExitCode> {
    run_command().map(ExitCode::from)
}

fn run_command() -> anyhow::Result<exit::Exit> {
    let matches = command().get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let cwd = std::env::current_dir()?;
    let sub = matches.subcommand().map(|(_, m)| m);
    match &cli.command {
        Command::Sandbox(args) => sandbox::run(args, &cli.global, &cwd),
        Command::Synth(args) => synth::run(args, printer::Printer::new(&cli.global), &cwd),
        Command::Generate(args) => generate::run(args, &cli.global, &cwd),
        Command::Cp(args) => cp::run(args, ordered_filters(sub)?, &cli.global, &cwd),
        Command::Mv(args) => mv::run(args, ordered_filters(sub)?, &cli.global, &cwd),
        Command::Sync(args) => sync::run(args, ordered_filters(sub)?, &cli.global, &cwd),
        Command::Ls(args) => ls::run(args, &cli.global, &cwd),
        Command::Rm(args) => rm::run(args, ordered_filters(sub)?, &cli.global, &cwd),
        Command::Presign(args) => presign::run(args, &cli.global, &cwd),
        Command::Access(args) => access::run(args, printer::Printer::new(&cli.global), &cwd),
        Command::Browse(args) => browse::run(args, &cli.global, &cwd),
        Command::Info(args) => info::run(args, &cli.global, &cwd),
        Command::Completions(args) => completions::run(args),
    }
}

/// `--include`/`--exclude` in the order they were given (the last match wins).
fn ordered_filters(matches: Option<&ArgMatches>) -> anyhow::Result<Filters> {
    let mut ordered: Vec<(usize, FilterKind, String)> = Vec::new();
    for (id, kind) in [
        ("include", FilterKind::Include),
        ("exclude", FilterKind::Exclude),
    ] {
        let Some(m) = matches else { continue };
        if let (Some(values), Some(indices)) = (m.get_many::<String>(id), m.indices_of(id)) {
            ordered.extend(indices.zip(values).map(|(i, v)| (i, kind, v.clone())));
        }
    }
    ordered.sort_by_key(|(i, ..)| *i);
    let ordered: Vec<(FilterKind, String)> = ordered.into_iter().map(|(_, k, v)| (k, v)).collect();
    Ok(Filters::new(&ordered)?)
}

/// `--format`/`--outputs-format`: the formats `outputs.rs` writes, listed for help
/// and completions.
fn outputs_format() -> impl clap::builder::TypedValueParser<Value = crate::outputs::OutputsFormat> {
    use clap::builder::TypedValueParser as _;
    let names = crate::outputs::OutputsFormat::ALL.map(|f| f.as_str());
    clap::builder::PossibleValuesParser::new(names)
        .map(|name| name.parse().expect("every listed name is a format"))
}

/// The clap command tree (for completions and the generated reference).
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
