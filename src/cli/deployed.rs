//! `access check --deployed`: every cell of the access table tried against the deployed
//! sandbox as its app users (a guest, a signed-in test user in its own folder and
//! elsewhere, a test user per group), with probe objects made and removed under each
//! access path, and every answer compared with `access::decide`. A disagreement means
//! the deployed IAM does not say what the definition says: a change not deployed yet, a
//! left-out CDK grant, an edit in the console.

use std::path::Path;

use serde_json::json;

use super::exit::Exit;
use super::printer::Printer;
use crate::access::{Caller, Request, decide};
use crate::aws::app_users::{AppUser, acting_as};
use crate::aws::s3::S3;
use crate::aws::{Aws, AwsSettings};
use crate::buckets::{Catalog, DeployedAuth, find_outputs};
use crate::error::UsageError;
use crate::model::{Action, ENTITY_ID_TOKEN};
use crate::project::Definition;

/// An identity whose folder no test user owns.
const SOMEONE_ELSE: &str = "us-east-1:00000000-0000-4000-8000-0000000000ee";

/// One principal of the access table, as a user of the deployed sandbox.
struct Tried {
    label: String,
    aws: Aws,
    caller: Caller,
    /// Acts in its own `{entity_id}` folder (the owner column).
    own_folder: bool,
}

/// One disagreement, or one check that could not be made.
struct Finding {
    bucket: String,
    path: String,
    principal: String,
    action: Action,
    expected: bool,
    /// `None`: the request failed for another reason than AccessDenied.
    actual: Option<bool>,
    detail: String,
}

pub(super) async fn run(
    definition: &Definition,
    root: &Path,
    cwd: &Path,
    as_json: bool,
    printer: Printer,
) -> anyhow::Result<Exit> {
    let outputs = find_outputs(None, cwd).ok_or_else(|| {
        UsageError::new("no amplify_outputs.json: there is no deployed sandbox to try")
            .hint("deploy it with `ampx-rs sandbox`")
    })?;
    let catalog = Catalog::load(&outputs)?;
    if catalog.local_endpoint.is_some() {
        return Err(UsageError::new("--deployed tries the cloud sandbox, and these outputs are the local sandbox's")
            .hint("the local sandbox decides with access::decide itself; run `ampx-rs sandbox --once` for cloud outputs")
            .into());
    }
    let auth = catalog.auth.clone().ok_or_else(|| {
        UsageError::new("the outputs name no deployed user pool and identity pool")
            .hint("deploy a backend with defineAuth")
    })?;
    let developer = Aws::load(&AwsSettings {
        profile: None,
        region: Some(auth.region.clone()),
    })
    .await?;
    let principals = principals(definition, &developer, &auth, root, printer).await?;
    let (mut checks, mut findings) = (0usize, Vec::new());
    for storage in &definition.backend.storages {
        let Some(bucket) = catalog.buckets.iter().find(|b| b.name == storage.name) else {
            continue;
        };
        let owner_s3 = S3::new(&developer, &bucket.region);
        for path in storage.access.iter().flatten() {
            for tried in &principals {
                if tried.own_folder && !path.path.contains(ENTITY_ID_TOKEN) {
                    continue;
                }
                let folder = match (&tried.caller, tried.own_folder) {
                    (
                        Caller::Authenticated {
                            identity_id: Some(id),
                        },
                        true,
                    ) => id.clone(),
                    _ => SOMEONE_ELSE.to_string(),
                };
                let stem = path
                    .path
                    .trim_end_matches('*')
                    .replace(ENTITY_ID_TOKEN, &folder);
                let s3 = S3::new(&tried.aws, &bucket.region);
                for action in Action::ALL {
                    let probe = format!(
                        "{stem}ampx-probe-{}.txt",
                        crate::local::cognito::users::new_uuid()
                    );
                    let request = if action == Action::List {
                        Request::list(stem.clone())
                    } else {
                        Request::new(action, probe.clone())
                    };
                    // The object any action but a write or a listing needs, made by
                    // the developer.
                    if !matches!(action, Action::Write | Action::List) {
                        owner_s3
                            .try_request(&bucket.bucket_name, &Request::write(probe.clone()))
                            .await?;
                    }
                    let expected = decide(storage, &tried.caller, &request).allowed;
                    let answer = s3.try_request(&bucket.bucket_name, &request).await;
                    // Whatever the answer, no probe stays.
                    let _ = owner_s3.delete(&bucket.bucket_name, &probe).await;
                    checks += 1;
                    let (actual, detail) = match answer {
                        Ok(allowed) => (Some(allowed), String::new()),
                        Err(e) => (None, e.to_string()),
                    };
                    if actual != Some(expected) {
                        findings.push(Finding {
                            bucket: storage.name.clone(),
                            path: path.path.clone(),
                            principal: tried.label.clone(),
                            action,
                            expected,
                            actual,
                            detail,
                        });
                    }
                }
            }
        }
    }
    report(definition, checks, &findings, as_json, printer);
    Ok(Exit::unless_failed(!findings.is_empty()))
}

/// The access table's columns as users of the deployed sandbox.
async fn principals(
    definition: &Definition,
    developer: &Aws,
    auth: &DeployedAuth,
    root: &Path,
    printer: Printer,
) -> anyhow::Result<Vec<Tried>> {
    let signed_in = Caller::Authenticated { identity_id: None };
    let mut callers = vec![("guest".to_string(), Caller::Guest)];
    let auth_definition = definition.backend.auth.as_ref();
    if auth_definition.is_some_and(|a| a.reference.is_some()) {
        // `app_users::refuse_in_referenced_pool` says why for `--as`.
        printer.note(format_args!(
            "the user pool is referenced (referenceAuth): only guests are tried, since ampx-rs makes no test users in a pool it did not create"
        ));
    } else {
        callers.push(("authenticated".to_string(), signed_in));
        for group in auth_definition.iter().flat_map(|a| &a.groups) {
            callers.push((
                format!("group:{group}"),
                Caller::Group {
                    name: group.clone(),
                    identity_id: None,
                },
            ));
        }
    }
    let mut tried = Vec::new();
    for (label, caller) in callers {
        let aws = acting_as(developer, auth, &AppUser::for_role(&caller), root).await?;
        let caller = with_identity(&caller, aws.identity_id.clone());
        if matches!(caller, Caller::Authenticated { .. }) {
            tried.push(Tried {
                label: "owner".into(),
                aws: aws.clone(),
                caller: caller.clone(),
                own_folder: true,
            });
        }
        tried.push(Tried {
            label,
            aws,
            caller,
            own_folder: false,
        });
    }
    Ok(tried)
}

fn with_identity(caller: &Caller, identity_id: Option<String>) -> Caller {
    match caller {
        Caller::Guest => Caller::Guest,
        Caller::Authenticated { .. } => Caller::Authenticated { identity_id },
        Caller::Group { name, .. } => Caller::Group {
            name: name.clone(),
            identity_id,
        },
    }
}

fn verdict(allowed: bool) -> &'static str {
    if allowed { "allows" } else { "denies" }
}

fn report(
    definition: &Definition,
    checks: usize,
    findings: &[Finding],
    as_json: bool,
    printer: Printer,
) {
    for f in findings {
        if as_json {
            printer.out(json!({
                "bucket": f.bucket, "path": f.path, "principal": f.principal, "action": f.action.as_str(),
                "definition": verdict(f.expected), "deployed": f.actual.map(verdict), "detail": f.detail,
            }));
            continue;
        }
        let deployed = match f.actual {
            Some(allowed) => format!("the deployed sandbox {} it", verdict(allowed)),
            None => format!("the request failed: {}", f.detail),
        };
        printer.out(format_args!(
            "disagree: {} {} on '{}' in {}: the definition {} it, {deployed}",
            f.principal,
            f.action,
            f.path,
            f.bucket,
            verdict(f.expected)
        ));
    }
    if as_json {
        return;
    }
    printer.out(format_args!(
        "{} of {checks} checks agree with the definition",
        checks - findings.len()
    ));
    if !findings.is_empty() {
        let causes: Vec<&str> = definition
            .backend
            .left_out
            .iter()
            .filter(|item| item.touches_access)
            .map(|item| item.what.as_str())
            .collect();
        printer.note(match causes.is_empty() {
            true => "likely causes: rules changed since the last deploy (run `ampx-rs sandbox --once`), or policies edited outside the definition".to_string(),
            false => format!(
                "likely causes: left-out parts that change access and are not deployed by ampx-rs ({}), rules changed since the last deploy, or policies edited outside the definition",
                causes.join("; ")
            ),
        });
    }
}
