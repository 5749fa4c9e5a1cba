//! Command-line interface: clap definitions (one file per command), settings
//! resolution and everything that talks to the terminal.

mod completions;
pub mod reference;
mod synth;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// A fast, Node-free sandbox and S3 file commands for AWS Amplify Gen 2 storage.
///
/// Run inside an Amplify Gen 2 project (the folder with amplify/backend.ts, or below it).
#[derive(Debug, Parser)]
#[command(
    name = "ampx-rs",
    version,
    disable_version_flag = true,
    propagate_version = true
)]
pub struct Cli {
    /// Print version
    #[arg(short = 'V', long = "version", action = clap::ArgAction::Version)]
    version: Option<bool>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Synth(synth::SynthArgs),
    Completions(completions::CompletionsArgs),
}

/// Parses the command line and runs the command.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    let cwd = std::env::current_dir()?;
    match cli.command {
        Command::Synth(args) => synth::run(&args, &cwd),
        Command::Completions(args) => completions::run(&args),
    }
}

/// The clap command tree (for completions and the generated reference).
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}
