//! `ampx-rs access`: who may do what, offline, from the definition alone.

use std::path::Path;

use serde_json::json;

use super::exit::Exit;
use super::files::Who;
use super::printer::Printer;
use crate::access::{self, Caller, Decision, Request, decide};
use crate::buckets::S3Uri;
use crate::error::UsageError;
use crate::model::{Action, ENTITY_ID_TOKEN, Storage};
use crate::project::Project;
use crate::project::{self, Definition};

/// Explain who may do what in the buckets, offline, from the definition
///
/// Answers from the storage rules of defineStorage. Left-out parts that change access
/// (CDK grants in backend.ts, allow.resource) are listed on stderr, not applied.
#[derive(Debug, clap::Args)]
pub(super) struct AccessArgs {
    #[command(subcommand)]
    what: AccessCommand,
}

#[derive(Debug, clap::Subcommand)]
enum AccessCommand {
    /// May WHO do ACTION on s3://NAME/KEY? Prints the verdict and the rule that decided;
    /// exits 0 when allowed, 1 when denied, 2 on an error (like `test`)
    ///
    /// With --deployed, tries every cell of the access table against the deployed cloud
    /// sandbox instead, as its app users (a guest and test users from its identity
    /// pool, with probe objects it makes and removes), and reports each answer that
    /// disagrees with the definition
    Check {
        /// user:EMAIL (a user of the local user pool), guest,
        /// authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]
        #[arg(long = "as", value_name = "WHO", required_unless_present = "deployed")]
        who: Option<Who>,
        /// get, list, write, delete, or read (get and list)
        #[arg(value_parser = action_words(), required_unless_present = "deployed")]
        action: Option<String>,
        /// s3://NAME/KEY, NAME being a friendly name from the definition (for list: the prefix)
        #[arg(value_name = "S3URI", required_unless_present = "deployed")]
        uri: Option<S3Uri>,
        /// Try the whole access table against the deployed sandbox as its app users
        #[arg(long, conflicts_with_all = ["who", "action", "uri"])]
        deployed: bool,
        /// Print one JSON line per action: {who, action, uri, allowed, reason} (with
        /// --deployed: one per disagreement)
        #[arg(long)]
        json: bool,
    },
    /// Why may (or may not) WHO do ACTION on s3://NAME/KEY? The path rule that
    /// decides, the trap it is, and the smallest change to the definition that allows it
    ///
    /// Give the request as ACTION S3URI, or paste what the browser or SDK printed with
    /// --error: a console line such as `PUT https://<bucket>.s3.<region>.amazonaws.com/<key>
    /// 403 (Forbidden)`, an error message or a URL (`--error -` reads it from stdin). A
    /// presigned URL of the local sandbox names its caller; otherwise pass --as. Exits 0
    /// when allowed, 1 when denied, 2 on an error.
    Why {
        /// user:EMAIL (a user of the local user pool), guest,
        /// authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]
        #[arg(long = "as", value_name = "WHO")]
        who: Option<Who>,
        /// get, list, write, delete, or read (get and list)
        #[arg(value_parser = action_words(), required_unless_present = "error")]
        action: Option<String>,
        /// s3://NAME/KEY, NAME being a friendly name from the definition (for list: the prefix)
        #[arg(value_name = "S3URI", required_unless_present = "error")]
        uri: Option<S3Uri>,
        /// The text of a denied request, as the browser console, an SDK or the CLI printed it
        #[arg(long, value_name = "TEXT", conflicts_with_all = ["action", "uri"])]
        error: Option<String>,
        /// Print one JSON line per action: {who, action, uri, allowed, explanation}
        #[arg(long)]
        json: bool,
    },
    /// Who gains and who loses access between a git revision and the working files
    ///
    /// Prints one row per principal × access path × action that changes (`- guest loses
    /// write on 'photos/*'`), for code review and CI. Exits 0 when nothing changes, 1
    /// when something does, 2 on an error.
    Diff {
        /// The revision to compare with
        #[arg(value_name = "GIT-REV", default_value = "HEAD")]
        revision: String,
        /// Print JSON Lines: {bucket, path, principal, action, change: gained|lost}
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

/// ACTION: the words a definition's `.to([...])` takes.
fn action_words() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(Action::words())
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

pub(super) fn run(args: &AccessArgs, printer: Printer, cwd: &Path) -> anyhow::Result<Exit> {
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
            deployed,
        } => match (who, action, uri) {
            (Some(who), Some(action), Some(uri)) if !deployed => {
                let (who, _) = resolve_who(who, &project.root, cwd)?;
                check(&definition, (&who, action, uri), *json, printer)
            }
            _ => super::files::block_on(super::deployed::run(
                &definition,
                &project.root,
                cwd,
                *json,
                printer,
            )),
        },
        AccessCommand::Why {
            who,
            action,
            uri,
            error,
            json,
        } => {
            let asked = match (error, action, uri) {
                (Some(text), ..) => {
                    from_pasted(&definition, &project.root, cwd, who.as_ref(), text)?
                }
                (None, Some(action), Some(uri)) => {
                    let who = who.as_ref().ok_or_else(|| {
                        UsageError::new("say who asks with --as WHO")
                            .hint("e.g. --as guest or --as user:alice@example.com")
                    })?;
                    Asked {
                        who: resolve_who(who, &project.root, cwd)?,
                        requests: requests_for(action, &uri.key),
                        uri: uri.clone(),
                    }
                }
                _ => unreachable!("clap requires ACTION and S3URI without --error"),
            };
            why(&definition, &asked, *json, printer)
        }
        AccessCommand::Diff { revision, json } => {
            let before = super::revision::backend_at(&project.root, revision)?;
            let changes = access::diff::diff(&before, &definition.backend);
            print_changes(&changes, *json, printer);
            Ok(Exit::unless_failed(!changes.is_empty()))
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
    (who, action, uri): (&Caller, &str, &S3Uri),
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
    let requests = requests_for(action, &uri.key);
    let mut all_allowed = true;
    for request in &requests {
        let name = request.action.as_str();
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

/// The requests an ACTION stands for (`read` is a get and a listing).
fn requests_for(action: &str, key: &str) -> Vec<Request> {
    // clap took only the words `Action::named` knows.
    Action::named(action)
        .unwrap_or_default()
        .into_iter()
        .map(|a| Request::new(a, key))
        .collect()
}

/// The caller `--as` names, and how to call them in sentences (a local user by login).
fn resolve_who(who: &Who, root: &Path, cwd: &Path) -> anyhow::Result<(Caller, String)> {
    let region = std::env::var("AWS_REGION").unwrap_or_else(|_| "us-east-1".into());
    let caller = who.caller(root, cwd, &region)?;
    let label = crate::local::cognito::label(root, &caller);
    Ok((caller, label))
}

/// A request to explain: who, what, and where.
struct Asked {
    who: (Caller, String),
    requests: Vec<Request>,
    uri: S3Uri,
}

/// The request a pasted error or URL names.
fn from_pasted(
    definition: &Definition,
    root: &Path,
    cwd: &Path,
    who: Option<&Who>,
    text: &str,
) -> anyhow::Result<Asked> {
    let text = match text {
        "-" => std::io::read_to_string(std::io::stdin())?,
        text => text.to_string(),
    };
    let pasted = crate::pasted::parse(&text).ok_or_else(|| {
        UsageError::new("the text names no S3 request").hint(
            "paste the browser console line or the error with its URL, e.g. \
             'PUT https://<bucket>.s3.<region>.amazonaws.com/<key> 403 (Forbidden)'; or give ACTION s3://NAME/KEY",
        )
    })?;
    let name = friendly_name(definition, cwd, &pasted.bucket)?;
    let requests = match &pasted.request {
        Some(request) => vec![request.clone()],
        None => {
            return Err(UsageError::new(
                "the text does not say what was asked (GET, PUT, DELETE or a listing)",
            )
            .hint(format!("give it as ACTION s3://{name}/{}", pasted.key))
            .into());
        }
    };
    let who = match (who, &pasted.access_key) {
        (Some(who), _) => resolve_who(who, root, cwd)?,
        (None, Some(key)) => match crate::local::credentials::caller_of(key) {
            Some(Ok(caller)) => {
                let label = crate::local::cognito::label(root, &caller);
                (caller, label)
            }
            _ => {
                return Err(UsageError::new(
                    "the URL was signed by the developer, who may do everything",
                )
                .into());
            }
        },
        (None, None) => {
            return Err(UsageError::new("say who asked with --as WHO")
                .hint("e.g. --as guest or --as user:alice@example.com")
                .into());
        }
    };
    let key = match requests[0].action {
        Action::List => requests[0].target.clone(),
        _ => pasted.key.clone(),
    };
    let uri: S3Uri = format!("s3://{name}/{key}").parse()?;
    Ok(Asked { who, requests, uri })
}

/// The definition's name of a bucket a URL names: a configured bucket of the outputs,
/// a local sandbox bucket, or the name itself.
fn friendly_name(definition: &Definition, cwd: &Path, bucket: &str) -> Result<String, UsageError> {
    let storages = &definition.backend.storages;
    if let Some(s) = storages
        .iter()
        .find(|s| s.name == bucket || crate::local::bucket_name(&s.name) == bucket)
    {
        return Ok(s.name.clone());
    }
    let catalog = crate::buckets::find_outputs(None, cwd)
        .and_then(|p| crate::buckets::Catalog::load(&p).ok());
    catalog
        .and_then(|c| c.buckets.into_iter().find(|b| b.bucket_name == bucket).map(|b| b.name))
        .ok_or_else(|| {
            let names: Vec<&str> = storages.iter().map(|s| s.name.as_str()).collect();
            UsageError::new(format!("bucket '{bucket}' is not one of this backend's"))
                .hint(format!("its storages are {}; run inside the project whose amplify_outputs.json names it", names.join(", ")))
        })
}

/// Rows of who gains and who loses, under their bucket's name.
fn print_changes(changes: &[access::diff::Change], as_json: bool, printer: Printer) {
    if as_json {
        for c in changes {
            printer.out(json!({
                "bucket": c.bucket, "path": c.path, "principal": c.principal,
                "action": c.action.as_str(), "change": if c.gained { "gained" } else { "lost" },
            }));
        }
        return;
    }
    if changes.is_empty() {
        printer.out("no access changes");
    }
    let mut bucket = None;
    for change in changes.iter() {
        if bucket != Some(&change.bucket) {
            printer.out(&change.bucket);
            bucket = Some(&change.bucket);
        }
        printer.out(format_args!("  {}", access::diff::render(change)));
    }
}

/// `access why`: one explanation per request.
fn why(
    definition: &Definition,
    asked: &Asked,
    as_json: bool,
    printer: Printer,
) -> anyhow::Result<Exit> {
    let storage = storage(definition, &asked.uri.bucket)?;
    let (caller, label) = &asked.who;
    let mut all_allowed = true;
    for request in &asked.requests {
        let why = access::why::explain(storage, caller, request);
        all_allowed &= why.allowed;
        let text = access::why::render(&why, label, request, &definition.sources);
        if as_json {
            printer.out(json!({
                "who": label,
                "action": request.action.as_str(),
                "uri": asked.uri.to_string(),
                "allowed": why.allowed,
                "explanation": text,
            }));
        } else {
            printer.out(text);
        }
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
