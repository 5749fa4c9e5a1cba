//! `ampx-rs access`: who may do what, offline, from the definition alone.

use std::path::Path;

use serde_json::json;

use super::exit::Exit;
use super::files::Who;
use super::printer::Printer;
use crate::access::{self, Caller, Decision, Request, decide};
use crate::buckets::S3Uri;
use crate::error::UsageError;
use crate::model::{ENTITY_ID_TOKEN, Storage};
use crate::project::Project;
use crate::project::{self, Definition};

/// Explain who may do what in the buckets, offline, from the definition
///
/// Answers from the storage rules of defineStorage. Left-out parts that change access
/// (CDK grants in backend.ts, allow.resource) are listed on stderr, not applied.
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
        /// user:EMAIL (a user of the local user pool), guest,
        /// authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]
        #[arg(long = "as", value_name = "WHO")]
        who: Who,
        /// get, list, write, delete, or read (get and list)
        #[arg(value_enum)]
        action: CheckAction,
        /// s3://NAME/KEY, NAME being a friendly name from the definition (for list: the prefix)
        #[arg(value_name = "S3URI")]
        uri: S3Uri,
        /// Print one JSON line per action: {who, action, uri, allowed, reason}
        #[arg(long)]
        json: bool,
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

pub fn run(args: &AccessArgs, printer: Printer, cwd: &Path) -> anyhow::Result<Exit> {
    let project = Project::discover(cwd)?;
    let definition = project::load(&project.root, cwd)?;
    super::left_out::print(&definition, "checks", printer);
    printer.detail(format_args!(
        "read {} definition files under {}",
        definition.sources.iter().count(),
        project.root.display()
    ));
    match &args.what {
        AccessCommand::Check {
            who,
            action,
            uri,
            json,
        } => {
            let region = std::env::var("AWS_REGION").unwrap_or_else(|_| "us-east-1".into());
            let who = who.caller(&project.root, cwd, &region)?;
            check(&definition, (&who, *action, uri), *json, printer)
        }
        AccessCommand::Table { name, json } => table(&definition, name.as_deref(), *json, printer),
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
    (who, action, uri): (&Caller, CheckAction, &S3Uri),
    as_json: bool,
    printer: Printer,
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
        if as_json {
            printer.out(json!({
                "who": who.to_string(),
                "action": name,
                "uri": uri.to_string(),
                "allowed": decision.allowed,
                "reason": explain(definition, &decision),
            }));
            continue;
        }
        printer.out(format_args!(
            "{}: {who} may{} {name} {uri} — {}",
            if decision.allowed {
                "allowed"
            } else {
                "denied"
            },
            if decision.allowed { "" } else { " not" },
            explain(definition, &decision)
        ));
    }
    let owner_path = storage
        .access
        .iter()
        .flatten()
        .any(|p| p.path.contains(ENTITY_ID_TOKEN));
    if !all_allowed && owner_path && matches!(who, Caller::Authenticated { identity_id: None }) {
        printer.note(
            "hint: owner paths need the caller's identity id: --as authenticated:<IDENTITY_ID>",
        );
    }
    Ok(Exit::unless_failed(!all_allowed))
}

/// What the table's marks mean, printed under each bucket's table.
const TABLE_LEGEND: &str = "(- no access; · does not apply: owner on a path without {entity_id})";

fn table(
    definition: &Definition,
    only: Option<&str>,
    as_json: bool,
    printer: Printer,
) -> anyhow::Result<Exit> {
    if let Some(name) = only {
        storage(definition, name)?;
    }
    for bucket in access::table(&definition.backend, only) {
        if as_json {
            for row in &bucket.rows {
                for (principal, cell) in bucket.principals.iter().zip(&row.cells) {
                    let Some(actions) = cell else { continue };
                    let actions: Vec<&str> = actions.iter().map(|a| a.as_str()).collect();
                    printer.out(json!({ "bucket": bucket.bucket, "path": row.path, "principal": principal, "actions": actions }));
                }
            }
            continue;
        }
        printer.out(&bucket.bucket);
        if bucket.rows.is_empty() {
            printer.out("  no access rules: no app user can reach this bucket");
            continue;
        }
        let text_rows: Vec<Vec<String>> = bucket
            .rows
            .iter()
            .map(|row| {
                std::iter::once(row.path.clone())
                    .chain(row.cells.iter().map(|cell| {
                        match cell {
                            None => "·".to_string(),
                            Some(actions) if actions.is_empty() => "-".to_string(),
                            Some(actions) => actions
                                .iter()
                                .map(|a| a.as_str())
                                .collect::<Vec<_>>()
                                .join(","),
                        }
                    }))
                    .collect()
            })
            .collect();
        let header: Vec<String> = std::iter::once("path".to_string())
            .chain(bucket.principals.iter().cloned())
            .collect();
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for cells in &text_rows {
            for (width, cell) in widths.iter_mut().zip(cells) {
                *width = (*width).max(cell.chars().count());
            }
        }
        for cells in std::iter::once(&header).chain(&text_rows) {
            let line: Vec<String> = cells
                .iter()
                .zip(&widths)
                .map(|(c, w)| format!("{c:<w$}"))
                .collect();
            printer.out(format_args!("  {}", line.join("  ").trim_end()));
        }
        printer.out(format_args!("  {TABLE_LEGEND}"));
    }
    Ok(Exit::Done)
}
