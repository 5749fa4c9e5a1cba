//! `ampx-rs synth`: check the definition and print the CloudFormation template.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context as _;

use super::exit::Exit;
use super::printer::Printer;
use crate::project;
use crate::project::Project;

/// Check the backend definition offline and print the CloudFormation template the
/// sandbox deploys
///
/// Reads amplify/backend.ts and the files it imports without running Node, reports
/// every problem with a code frame (exit 2), or prints the template as JSON. Parts of
/// the backend that ampx-rs does not deploy (data, functions, CDK code in backend.ts)
/// are listed on stderr with their file and line.
#[derive(Debug, clap::Args)]
pub(super) struct SynthArgs {
    /// Write the template to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub(super) fn run(args: &SynthArgs, printer: Printer, cwd: &Path) -> anyhow::Result<Exit> {
    let started = Instant::now();
    let project = Project::discover(cwd)?;
    let definition = project::load(&project.root, cwd)?;
    super::left_out::print(&definition, "synthesizes", printer);
    printer.detail(format_args!(
        "read {} definition files under {}",
        definition.sources.iter().count(),
        project.root.display()
    ));
    let template = definition.template();
    let text = serde_json::to_string_pretty(template)? + "\n";
    match &args.out {
        Some(path) => {
            crate::destination::write(path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            let resources = template["Resources"].as_object().map_or(0, |r| r.len());
            printer.note(format_args!(
                "Template written: {} ({resources} resources, {} bytes) in {:.1} ms",
                path.display(),
                text.len(),
                started.elapsed().as_secs_f64() * 1000.0
            ));
        }
        None => {
            use std::io::Write as _;
            std::io::stdout().lock().write_all(text.as_bytes())?;
        }
    }
    Ok(Exit::Done)
}
