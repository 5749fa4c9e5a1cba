//! `ampx-rs access`: who may do what, offline, from the definition alone.

use std::path::Path;

use serde_json::json;

use super::exit::Exit;
use crate::access::{Caller, Decision, Request, decide};
use crate::buckets::S3Uri;
use crate::error::UsageError;
use crate::model::{ENTITY_ID_TOKEN, Storage};
use crate::project::Project;
use crate::project::{self, Definition};

/// Explain who may do what in the buckets, offline, from the definition
#[derive(Debug, clap::Args)]
pub struct AccessArgs {
    #[command(subcommand)]
    what: AccessCommand,
}

#[derive(Debug, clap::Subcommand)]
enum AccessCommand {
    /// May WHO do ACTION on s3://NAME/KEY? Prints the verdict and the rule that decided;
    /// exits 0 when allowed, 1 when denied, 2 on an error (like `test`)
    Check {
        /// guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]
        #[arg(long = "as", value_name = "WHO")]
        who: Caller,
        /// get, list, write, delete, or read (get and list)
        #[arg(value_enum)]
        action: CheckAction,
        /// s3://NAME/KEY, NAME being a friendly name from the definition (for list: the prefix)
        #[arg(value_name = "S3URI")]
        uri: S3Uri,
    },
    /// The matrix of access paths × principals × actions, as IAM will enforce it
    Table {
        /// Only this bucket (friendly name)
        #[arg(value_name = "NAME")]
        name: Option<String>,
        /// Print JSON Lines: {bucket, path, principal, actions}
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CheckAction {
    Get,
    List,
    Write,
    Delete,
    Read,
}

fn storage<'a>(definition: &'a Definition, name: &str) -> Result<&'a Storage, UsageError> {
    definition
        .backend
        .storages
        .iter()
        .find(|s| s.name == name)
        .ok_or_else(|| {
            let names: Vec<&str> = definition
                .backend
                .storages
                .iter()
                .map(|s| s.name.as_str())
                .collect();
            UsageError::new(format!("the definition has no storage named '{name}'"))
                .hint(format!("storage names: {}", names.join(", ")))
        })
}

pub fn run(args: &AccessArgs, cwd: &Path) -> anyhow::Result<Exit> {
    let project = Project::discover(cwd)?;
    let definition = project::load(&project.root, cwd)?;
    match &args.what {
        AccessCommand::Check { who, action, uri } => check(&definition, who, *action, uri),
        AccessCommand::Table { name, json } => table(&definition, name.as_deref(), *json),
    }
}

fn explain(definition: &Definition, decision: &Decision) -> String {
    match &decision.decided_by {
        Some(grant) => {
            let at = definition.sources.location(grant.origin.path_span);
            match &grant.origin.rule {
                Some((principal, span)) if decision.allowed => format!(
                    "by the {principal} rule on '{}' ({})",
                    grant.origin.path,
                    definition.sources.location(*span)
                ),
                _ => format!(
                    "'{}' ({at}) has rules of its own, which replace those of its parent path here",
                    grant.origin.path
                ),
            }
        }
        None => "no rule grants it".into(),
    }
}

fn check(
    definition: &Definition,
    who: &Caller,
    action: CheckAction,
    uri: &S3Uri,
) -> anyhow::Result<Exit> {
    let storage = storage(definition, &uri.bucket)?;
    if let Caller::Group { name, .. } = who
        && !definition
            .backend
            .auth
            .as_ref()
            .is_some_and(|a| a.groups.contains(name))
    {
        return Err(UsageError::new(format!("the definition has no group '{name}'")).into());
    }
    let key = uri.key.clone();
    let requests: Vec<(&str, Request)> = match action {
        CheckAction::Get => vec![("get", Request::Get(key))],
        CheckAction::List => vec![("list", Request::List(key))],
        CheckAction::Write => vec![("write", Request::Write(key))],
        CheckAction::Delete => vec![("delete", Request::Delete(key))],
        CheckAction::Read => vec![
            ("get", Request::Get(key.clone())),
            ("list", Request::List(key)),
        ],
    };
    let mut all_allowed = true;
    for (name, request) in &requests {
        let decision = decide(storage, who, request);
        all_allowed &= decision.allowed;
        println!(
            "{}: {who} may{} {name} {uri} — {}",
            if decision.allowed {
                "allowed"
            } else {
                "denied"
            },
            if decision.allowed { "" } else { " not" },
            explain(definition, &decision)
        );
    }
    let owner_path = storage
        .access
        .iter()
        .flatten()
        .any(|p| p.path.contains(ENTITY_ID_TOKEN));
    if !all_allowed && owner_path && matches!(who, Caller::Authenticated { identity_id: None }) {
        eprintln!(
            "hint: owner paths need the caller's identity id: --as authenticated:<IDENTITY_ID>"
        );
    }
    Ok(Exit::unless_failed(!all_allowed))
}

/// Effective actions of `caller` on one access path, decided by the same function IAM's
/// policies come from, on a sample key and the path's prefix.
fn actions_on(storage: &Storage, path: &str, caller: &Caller, identity: &str) -> Vec<&'static str> {
    let prefix = path
        .trim_end_matches('*')
        .replace(ENTITY_ID_TOKEN, identity);
    let key = format!("{prefix}example.txt");
    let requests = [
        ("get", Request::Get(key.clone())),
        ("list", Request::List(prefix)),
        ("write", Request::Write(key.clone())),
        ("delete", Request::Delete(key)),
    ];
    requests
        .into_iter()
        .filter(|(_, r)| decide(storage, caller, r).allowed)
        .map(|(name, _)| name)
        .collect()
}

fn table(definition: &Definition, only: Option<&str>, as_json: bool) -> anyhow::Result<Exit> {
    if let Some(name) = only {
        storage(definition, name)?;
    }
    const OWNER: &str = "us-east-1:00000000-0000-0000-0000-000000000001";
    const OTHER: &str = "us-east-1:00000000-0000-0000-0000-000000000002";
    let groups = definition
        .backend
        .auth
        .as_ref()
        .map(|a| a.groups.clone())
        .unwrap_or_default();
    let mut principals: Vec<(String, Caller, &str)> = vec![
        ("guest".into(), Caller::Guest, OTHER),
        (
            "authenticated".into(),
            Caller::Authenticated {
                identity_id: Some(OTHER.into()),
            },
            OWNER,
        ),
        (
            "owner".into(),
            Caller::Authenticated {
                identity_id: Some(OWNER.into()),
            },
            OWNER,
        ),
    ];
    for g in &groups {
        principals.push((
            format!("group:{g}"),
            Caller::Group {
                name: g.clone(),
                identity_id: Some(OTHER.into()),
            },
            OWNER,
        ));
    }
    for storage in definition
        .backend
        .storages
        .iter()
        .filter(|s| only.is_none_or(|n| n == s.name))
    {
        let paths: Vec<&str> = storage
            .access
            .iter()
            .flatten()
            .map(|p| p.path.as_str())
            .collect();
        let rows: Vec<(&str, Vec<String>)> = paths
            .iter()
            .map(|path| {
                let cells = principals
                    .iter()
                    .map(|(label, caller, folder)| {
                        if label == "owner" && !path.contains(ENTITY_ID_TOKEN) {
                            return "·".to_string();
                        }
                        let actions = actions_on(storage, path, caller, folder);
                        if actions.is_empty() {
                            "-".to_string()
                        } else {
                            actions.join(",")
                        }
                    })
                    .collect();
                (*path, cells)
            })
            .collect();
        if as_json {
            for (path, cells) in &rows {
                for ((label, ..), cell) in principals.iter().zip(cells) {
                    if cell == "·" {
                        continue;
                    }
                    let actions: Vec<&str> = if cell == "-" {
                        Vec::new()
                    } else {
                        cell.split(',').collect()
                    };
                    println!(
                        "{}",
                        json!({ "bucket": storage.name, "path": path, "principal": label, "actions": actions })
                    );
                }
            }
            continue;
        }
        println!("{}", storage.name);
        if rows.is_empty() {
            println!("  no access rules: no app user can reach this bucket");
            continue;
        }
        let mut widths: Vec<usize> = std::iter::once(
            "path"
                .len()
                .max(paths.iter().map(|p| p.len()).max().unwrap_or(0)),
        )
        .chain(principals.iter().map(|(l, ..)| l.len()))
        .collect();
        for (_, cells) in &rows {
            for (i, c) in cells.iter().enumerate() {
                widths[i + 1] = widths[i + 1].max(c.chars().count());
            }
        }
        let header: Vec<String> = std::iter::once("path".to_string())
            .chain(principals.iter().map(|(l, ..)| l.clone()))
            .collect();
        let print = |cells: &[String]| {
            let line: Vec<String> = cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect();
            println!("  {}", line.join("  ").trim_end());
        };
        print(&header);
        for (path, cells) in &rows {
            let mut line = vec![path.to_string()];
            line.extend(cells.iter().cloned());
            print(&line);
        }
    }
    Ok(Exit::Done)
}
