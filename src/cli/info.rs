//! `ampx-rs info`: what a bug report needs to know about this machine and project, read
//! without any AWS call: version, system, shell, project, sandbox identifier and stack,
//! region and profile with where they come from, endpoint, outputs file, Node and npm.

use std::path::Path;

use serde_json::{Value, json};

use super::exit::Exit;
use super::printer::Printer;
use super::settings::GlobalArgs;
use crate::buckets::{Catalog, find_outputs};
use crate::project::Project;
use crate::sandbox::naming::{default_identifier, stack_name};

/// Show versions, paths and settings for a bug report
///
/// Prints what every bug template asks for: ampx-rs's version, the OS and shell, the
/// project root, the sandbox identifier and stack name, the region and profile and
/// where each comes from, the endpoint, the outputs file, and whether Node.js and npm
/// are installed. Makes no AWS call.
#[derive(Debug, clap::Args)]
pub(super) struct InfoArgs {
    /// Print one JSON object instead of lines
    #[arg(long)]
    pub json: bool,
}

pub(super) fn run(args: &InfoArgs, global: &GlobalArgs, cwd: &Path) -> anyhow::Result<Exit> {
    let printer = Printer::new(global);
    let facts = gather(global, cwd);
    if args.json {
        printer.out(&facts);
        return Ok(Exit::Done);
    }
    let Value::Object(fields) = &facts else {
        unreachable!("gather returns an object")
    };
    let width = fields.keys().map(String::len).max().unwrap_or(0);
    for (name, value) in fields {
        let shown = match value {
            Value::String(s) => s.clone(),
            Value::Null => "-".to_string(),
            other => other.to_string(),
        };
        printer.out(format_args!("{name:width$}  {shown}"));
    }
    Ok(Exit::Done)
}

/// Every fact, in the order printed.
fn gather(global: &GlobalArgs, cwd: &Path) -> Value {
    let project = Project::discover(cwd).ok();
    let identifier = default_identifier().ok();
    let stack = project
        .as_ref()
        .and_then(|p| p.namespace().ok())
        .zip(identifier.as_deref())
        .map(|(namespace, id)| stack_name(&namespace, id));
    let outputs = find_outputs(global.outputs.as_deref(), cwd);
    let local = outputs
        .as_deref()
        .and_then(|p| Catalog::load(p).ok())
        .and_then(|c| c.local_endpoint);
    let (region, region_source) = first_set(&[
        ("--region", global.region.clone()),
        ("AWS_REGION", env("AWS_REGION")),
        ("AWS_DEFAULT_REGION", env("AWS_DEFAULT_REGION")),
    ]);
    let (profile, profile_source) = first_set(&[
        ("--profile", global.profile.clone()),
        ("AWS_PROFILE", env("AWS_PROFILE")),
        ("AWS_DEFAULT_PROFILE", env("AWS_DEFAULT_PROFILE")),
    ]);
    let (endpoint, endpoint_source) = first_set(&[
        ("AWS_ENDPOINT_URL_S3", env("AWS_ENDPOINT_URL_S3")),
        ("AWS_ENDPOINT_URL", env("AWS_ENDPOINT_URL")),
        ("the local sandbox's outputs", local),
    ]);
    json!({
        "version": env!("CARGO_PKG_VERSION"),
        "os": format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        "shell": env("SHELL"),
        "project_root": project.as_ref().map(|p| p.root.display().to_string()),
        "identifier": identifier,
        "stack": stack,
        "region": region.unwrap_or_else(|| "from the profile's config, if any".into()),
        "region_source": region_source,
        "profile": profile.unwrap_or_else(|| "default".into()),
        "profile_source": profile_source,
        "endpoint": endpoint.unwrap_or_else(|| "AWS".into()),
        "endpoint_source": endpoint_source,
        "outputs": outputs.map(|p| p.display().to_string()),
        "node": version_of("node"),
        "npm": version_of("npm"),
    })
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The first value that is set, and where it came from.
fn first_set(sources: &[(&str, Option<String>)]) -> (Option<String>, Option<String>) {
    sources
        .iter()
        .find_map(|(source, value)| value.clone().map(|v| (Some(v), Some(source.to_string()))))
        .unwrap_or((None, None))
}

/// `PROGRAM --version`'s first line; `None` when it is not installed.
fn version_of(program: &str) -> Option<String> {
    let out = std::process::Command::new(program)
        .arg("--version")
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    out.status
        .success()
        .then(|| text.lines().next().unwrap_or_default().trim().to_string())
}
