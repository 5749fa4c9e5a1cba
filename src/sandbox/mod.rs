//! The cloud sandbox: deploy a backend as one per-developer stack, keep
//! `amplify_outputs.json` in step with it, watch for saves, and delete it cleanly.

pub mod naming;
pub mod plan;
mod stack;
pub mod watch;

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::error::UsageError;
use crate::outputs::{self, Deployed, DeployedAuth, OutputsFormat, OutputsVersion};
use crate::project::Definition;
use crate::report::Reporter;
use crate::template;
use plan::{
    MANAGED_TAG, MAX_RECOVERIES, Step, data_deletions, is_stable, manual_recovery, next_step,
};
pub use stack::{ChangeSet, Event, Resource, StackApi, TemplateSource};

#[cfg(test)]
mod tests;

/// Where the sandbox lives and how its outputs are written, resolved once.
#[derive(Debug, Clone)]
pub struct Settings {
    pub identifier: String,
    pub stack: String,
    pub region: String,
    pub outputs_dir: PathBuf,
    pub format: OutputsFormat,
    pub version: OutputsVersion,
    pub express: bool,
    /// `--yes`: go ahead with deletions that lose data.
    pub yes: bool,
    /// Where the access table of the last deploy from here is kept (`None`: access
    /// changes are not shown).
    pub access_record: Option<PathBuf>,
}

impl Settings {
    pub fn outputs_file(&self) -> PathBuf {
        self.outputs_dir.join(self.format.file_name(self.version))
    }
}

/// What the cloud sandbox reports beyond status lines and questions.
pub trait Ui: Reporter {
    /// A stack event while CloudFormation works.
    fn event(&self, event: &Event);
    /// CloudFormation starts working through `changes` resource changes.
    fn deploy_started(&self, _changes: usize) {}
    /// CloudFormation has stopped working (done or failed).
    fn deploy_finished(&self) {}
}

/// A stack that stays undeployable after [`MAX_RECOVERIES`] attempts: exit 1, with what
/// a person does about it.
fn stuck_stack(stack: &str, status: &str) -> crate::error::Failure {
    crate::error::Failure::new(format!(
        "stack {stack} is still {status} after {MAX_RECOVERIES} attempts to recover it; ampx-rs stops here"
    ))
    .hint(manual_recovery(stack, status))
}

/// A stack of our name that ampx-rs did not create: exit 1.
fn foreign_stack(stack: &str) -> crate::error::Failure {
    crate::error::Failure::new(format!(
        "stack {stack} exists but was not created by ampx-rs (it looks like `npx ampx sandbox` made it); ampx-rs never changes or deletes it"
    ))
    .hint("delete it with `npx ampx sandbox delete`, or use another --identifier")
}

/// A deploy that CloudFormation could not complete: exit 1.
#[derive(Debug, thiserror::Error)]
#[error("deployment failed: stack {stack} is {status}{}", failure.as_ref().map(|f| format!("; first failure: {f}")).unwrap_or_default())]
pub struct DeployFailed {
    pub stack: String,
    pub status: String,
    pub failure: Option<String>,
}

/// How a deploy ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Deployed,
    /// The stack already runs this template; nothing was sent.
    Unchanged,
    /// Not deployed because it would destroy data without confirmation.
    Refused(String),
}

/// The tags on our stack: who made it.
fn stack_tags() -> Vec<(String, String)> {
    vec![
        (
            MANAGED_TAG.to_string(),
            env!("CARGO_PKG_VERSION").to_string(),
        ),
        ("amplify:deployment-type".to_string(), "sandbox".to_string()),
    ]
}

/// Brings the stack to the definition's template, whatever state it is in — after
/// showing who gains and who loses access since the last deploy from here, and asking
/// before access to objects that exist is taken away.
pub async fn deploy(
    cfn: &impl StackApi,
    settings: &Settings,
    definition: &Definition,
    ui: &dyn Ui,
) -> anyhow::Result<Outcome> {
    if let Some(record) = &settings.access_record
        && !access_change_confirmed(cfn, settings, record, &definition.backend, ui).await
    {
        return Ok(Outcome::Refused(
            "it takes access away from objects that exist".into(),
        ));
    }
    let outcome = deploy_stack(cfn, settings, definition, ui).await?;
    if let (Some(record), Outcome::Deployed | Outcome::Unchanged) =
        (&settings.access_record, &outcome)
    {
        crate::access::diff::save(record, &crate::access::diff::cells(&definition.backend))?;
    }
    Ok(outcome)
}

/// Prints the access changes since the table recorded at `record` (with the objects
/// under each path, counted in the deployed buckets) and whether to go ahead.
async fn access_change_confirmed(
    cfn: &impl StackApi,
    settings: &Settings,
    record: &std::path::Path,
    after: &crate::model::Backend,
    ui: &dyn Ui,
) -> bool {
    use crate::access::diff;
    let before = diff::load(record);
    let changes = diff::between(&before, &diff::cells(after));
    if before.is_empty() || changes.is_empty() {
        return true;
    }
    // The deployed buckets' names, from the outputs of the last deploy.
    let buckets = std::fs::read(settings.outputs_file())
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .map(|outputs| crate::buckets::Catalog::from_outputs(&outputs))
        .unwrap_or_default();
    let mut counts = Vec::new();
    for change in &changes {
        let count = match buckets.iter().find(|b| b.name == change.bucket) {
            Some(bucket) => {
                cfn.count_objects(&bucket.bucket_name, &change.path, diff::COUNTED_AT_MOST + 1)
                    .await
            }
            None => None,
        };
        counts.push(count);
    }
    let (lines, losing) = diff::report(&changes, &counts);
    for line in &lines {
        ui.say(line);
    }
    losing == 0
        || settings.yes
        || ui.confirm("These rules take access away from objects that exist. Deploy them?")
            == Some(true)
}

/// [`deploy`] itself: the stack brought to the template.
async fn deploy_stack(
    cfn: &impl StackApi,
    settings: &Settings,
    definition: &Definition,
    ui: &dyn Ui,
) -> anyhow::Result<Outcome> {
    let template = definition.template();
    let hash = template::recorded_hash(template)
        .unwrap_or_default()
        .to_string();
    let body = template.to_string();
    if body.len() > template::MAX_STAGED_BODY {
        return Err(UsageError::new(format!(
            "the template is {} bytes; CloudFormation reads at most {} bytes from S3; nothing was sent",
            body.len(),
            template::MAX_STAGED_BODY
        ))
        .hint("deploy fewer buckets per sandbox, or split the backend")
        .into());
    }
    let stack = settings.stack.as_str();
    let mut recoveries = 0;
    loop {
        let existing = cfn.describe(stack).await?;
        // The deployed template records its own hash: one read call tells whether
        // anything changed (stack tags would do on AWS, but emulators keep old tags).
        let deployed_hash = match &existing {
            Some(e) if e.ours() && is_stable(&e.status) => cfn.deployed_hash(stack).await,
            _ => None,
        };
        let step = next_step(existing.as_ref(), deployed_hash.as_deref(), &hash);
        let status = existing
            .as_ref()
            .map(|s| s.status.clone())
            .unwrap_or_default();
        if !matches!(
            step,
            Step::Create | Step::Update | Step::UpToDate | Step::Foreign
        ) {
            recoveries += 1;
            if recoveries > MAX_RECOVERIES {
                return Err(stuck_stack(stack, &status).into());
            }
        }
        match step {
            Step::Foreign => {
                return Err(foreign_stack(stack).into());
            }
            Step::UpToDate => return Ok(Outcome::Unchanged),
            Step::Wait => {
                ui.say(&format!("waiting: stack {stack} is {status}"));
                cfn.wait(stack, ui).await?;
            }
            Step::Unknown => {
                let pause = std::time::Duration::from_secs(1 << recoveries);
                ui.say(&format!(
                    "stack {stack} is {status}, a status ampx-rs does not know: asking again in {} s",
                    pause.as_secs()
                ));
                tokio::time::sleep(pause).await;
            }
            Step::Recreate => {
                ui.say(&format!(
                    "stack {stack} is {status}: deleting it to create it again"
                ));
                cfn.delete_stack(stack).await?;
                cfn.wait(stack, ui).await?;
            }
            Step::RetryDelete => {
                ui.say(&format!(
                    "stack {stack} is {status}: emptying its buckets and deleting it again"
                ));
                empty_buckets(cfn, stack, ui).await?;
                cfn.delete_stack(stack).await?;
                cfn.wait(stack, ui).await?;
            }
            Step::ContinueRollback => {
                ui.say(&format!(
                    "stack {stack} is {status}: continuing the rollback"
                ));
                cfn.continue_rollback(stack).await?;
                cfn.wait(stack, ui).await?;
            }
            Step::Rollback => {
                ui.say(&format!(
                    "stack {stack} is {status} (left without rollback): rolling back"
                ));
                cfn.rollback(stack).await?;
                cfn.wait(stack, ui).await?;
            }
            Step::Create | Step::Update => {
                return run_change_set(cfn, settings, &body, step == Step::Create, ui).await;
            }
        }
    }
}

/// Creates or updates the stack through a change set: shows what it deletes, asks
/// before data is lost, empties the buckets it removes, executes it and follows it.
async fn run_change_set(
    cfn: &impl StackApi,
    settings: &Settings,
    body: &str,
    create: bool,
    ui: &dyn Ui,
) -> anyhow::Result<Outcome> {
    let stack = settings.stack.as_str();
    let started = Instant::now();
    // Above the inline limit the template goes through S3, and is removed
    // from there once CloudFormation has computed the change set.
    let source = if body.len() > template::MAX_INLINE_BODY {
        ui.say(&format!(
            "the template is {} bytes, more than CloudFormation takes inline: staging it in S3",
            body.len()
        ));
        TemplateSource::Staged(cfn.stage(stack, body).await?)
    } else {
        TemplateSource::Body(body)
    };
    let change_set = cfn
        .change_set(stack, &source, &stack_tags(), create, settings.express)
        .await;
    if let TemplateSource::Staged(url) = &source {
        cfn.unstage(url).await;
    }
    let change_set = change_set?;
    let (id, changes) = match change_set {
        ChangeSet::NoChanges => return Ok(Outcome::Unchanged),
        ChangeSet::Ready { id, changes } => (id, changes),
    };
    ui.say(&format!(
        "change set ready in {:.1} s: {} change{}",
        started.elapsed().as_secs_f64(),
        changes.len(),
        if changes.len() == 1 { "" } else { "s" }
    ));
    let (losing, buckets_to_empty) = data_lost(cfn, stack, &changes, ui).await?;
    if !losing.is_empty() && !settings.yes {
        let question = format!("This deploy deletes {}. Continue?", losing.join(", "));
        if ui.confirm(&question) != Some(true) {
            cfn.delete_change_set(stack, &id).await;
            return Ok(Outcome::Refused(format!(
                "it would delete {}",
                losing.join(", ")
            )));
        }
    }
    // CloudFormation cannot delete a bucket with objects in it.
    for bucket in &buckets_to_empty {
        let n = cfn.empty_bucket(bucket, ui).await?;
        if n > 0 {
            ui.say(&format!("emptied bucket {bucket} ({n} object versions)"));
        }
    }
    cfn.execute(stack, &id).await?;
    ui.deploy_started(changes.len());
    let waited = cfn.wait(stack, ui).await;
    ui.deploy_finished();
    let (status, failure) = waited?;
    let status = status.unwrap_or_else(|| "DELETE_COMPLETE".into());
    if status == "CREATE_COMPLETE" || status == "UPDATE_COMPLETE" {
        return Ok(Outcome::Deployed);
    }
    Err(DeployFailed {
        stack: stack.to_string(),
        status,
        failure: failure.map(|e| {
            format!(
                "{} ({}) {}: {}",
                e.logical_id,
                e.resource_type,
                e.status,
                e.reason.unwrap_or_default()
            )
        }),
    }
    .into())
}

/// What a change set's removals and replacements lose (said as they are listed) and
/// the buckets to empty first (CloudFormation cannot delete one with objects).
async fn data_lost(
    cfn: &impl StackApi,
    stack: &str,
    changes: &[plan::Change],
    ui: &dyn Ui,
) -> anyhow::Result<(Vec<String>, Vec<String>)> {
    let deletions = data_deletions(changes);
    // Some change sets (and emulators) leave out physical ids: look them up.
    let resources = if deletions.iter().any(|c| c.physical_id.is_none()) {
        cfn.resources(stack).await?
    } else {
        Vec::new()
    };
    let mut losing = Vec::new();
    let mut buckets_to_empty = Vec::new();
    for change in deletions {
        let what = if change.action == "Remove" {
            "removes"
        } else {
            "replaces"
        };
        ui.warn(&format!(
            "  {what} {} ({})",
            change.logical_id, change.resource_type
        ));
        let physical = change.physical_id.clone().or_else(|| {
            resources
                .iter()
                .find(|r| r.logical_id == change.logical_id)
                .map(|r| r.physical_id.clone())
        });
        match (change.resource_type.as_str(), physical) {
            ("AWS::S3::Bucket", Some(bucket)) => {
                if cfn.bucket_holds_objects(&bucket).await {
                    losing.push(format!("bucket {bucket} and the objects in it"));
                }
                buckets_to_empty.push(bucket);
            }
            ("AWS::S3::Bucket", None) => {}
            (_, _) => losing.push(format!("user pool {} and its users", change.logical_id)),
        }
    }
    Ok((losing, buckets_to_empty))
}

/// Empties every bucket of the stack (all versions and delete markers).
async fn empty_buckets(cfn: &impl StackApi, stack: &str, ui: &dyn Ui) -> anyhow::Result<()> {
    for resource in cfn.resources(stack).await? {
        if resource.resource_type == "AWS::S3::Bucket" {
            let n = cfn.empty_bucket(&resource.physical_id, ui).await?;
            if n > 0 {
                ui.say(&format!(
                    "emptied bucket {} ({n} object versions)",
                    resource.physical_id
                ));
            }
        }
    }
    Ok(())
}

/// `amplify_outputs.json` content for a deployed stack, from its template metadata and
/// its resources alone (no local files), checked against the schema.
pub async fn outputs_of_stack(
    cfn: &impl StackApi,
    region: &str,
    stack: &str,
    version: OutputsVersion,
    ui: &dyn Reporter,
) -> anyhow::Result<serde_json::Value> {
    let Some(existing) = cfn.describe(stack).await? else {
        return Err(UsageError::new(format!("stack {stack} does not exist"))
            .hint("deploy it with `ampx-rs sandbox`, or name another with --stack")
            .into());
    };
    if existing.status.ends_with("_IN_PROGRESS") {
        anyhow::bail!(
            "stack {stack} is {}: re-run this command once the deployment completes",
            existing.status
        );
    }
    let template = cfn.template(stack).await?;
    let summary = template::recorded_summary(&template).ok_or_else(|| {
        anyhow::anyhow!(
            "stack {stack} was not deployed by ampx-rs: its template has no outputs summary"
        )
    })?;
    let resources = cfn.resources(stack).await?;
    let physical = |logical: &str| {
        resources
            .iter()
            .find(|r| r.logical_id == logical)
            .map(|r| r.physical_id.clone())
    };
    // One of each, found by type: their logical ids carry `defineAuth`'s name.
    let of_type = |kind: &str| {
        resources
            .iter()
            .find(|r| r.resource_type == kind)
            .map(|r| r.physical_id.clone())
    };
    let referenced = summary.auth.as_ref().and_then(|a| a.referenced.clone());
    let auth = match (
        of_type("AWS::Cognito::UserPool"),
        of_type("AWS::Cognito::UserPoolClient"),
        of_type("AWS::Cognito::IdentityPool"),
    ) {
        (Some(user_pool_id), Some(user_pool_client_id), Some(identity_pool_id)) => {
            Some(DeployedAuth {
                user_pool_id,
                user_pool_client_id,
                identity_pool_id,
            })
        }
        _ => referenced,
    };
    if summary.auth.is_some() && auth.is_none() {
        ui.warn("warning: the stack reports no Cognito resources (an emulator that ignores them?); the auth section is left out");
    }
    let deployed = Deployed {
        region: region.to_string(),
        buckets: summary
            .buckets
            .iter()
            .filter_map(|b| physical(&b.logical_id).map(|p| (b.name.clone(), p)))
            .collect(),
        auth,
    };
    let value = outputs::build(&summary, &deployed, version);
    outputs::check(&value, version).map_err(|e| anyhow::anyhow!(e))?;
    Ok(value)
}

/// Writes the outputs file of the deployed stack (atomically) and returns its path.
pub async fn write_outputs(
    cfn: &impl StackApi,
    settings: &Settings,
    ui: &dyn Reporter,
) -> anyhow::Result<PathBuf> {
    let value =
        outputs_of_stack(cfn, &settings.region, &settings.stack, settings.version, ui).await?;
    let text = outputs::render(&value, settings.format, settings.version);
    Ok(outputs::write_atomic(
        &settings.outputs_dir,
        (settings.format, settings.version),
        &text,
    )?)
}

/// Writes the `{"version": "1.5"}` placeholder when no outputs file exists yet, as
/// `ampx` does, so front-end builds work before the first deploy.
pub fn ensure_placeholder(settings: &Settings) -> std::io::Result<()> {
    let file = settings.outputs_file();
    if file.exists() {
        return Ok(());
    }
    let text = outputs::render(&outputs::placeholder(), settings.format, settings.version);
    outputs::write_atomic(
        &settings.outputs_dir,
        (settings.format, settings.version),
        &text,
    )
    .map(|_| ())
}

/// Deletes the sandbox: empties its buckets, deletes the stack, removes the outputs file.
pub async fn delete(cfn: &impl StackApi, settings: &Settings, ui: &dyn Ui) -> anyhow::Result<bool> {
    let stack = settings.stack.as_str();
    let existed = match cfn.describe(stack).await? {
        None => false,
        Some(existing) if !existing.ours() => {
            return Err(foreign_stack(stack).into());
        }
        Some(_) => {
            ui.say("[Sandbox] Deleting all the resources in the sandbox environment...");
            empty_buckets(cfn, stack, ui).await?;
            cfn.delete_stack(stack).await?;
            if let (Some(status), _) = cfn.wait(stack, ui).await?
                && status != "DELETE_COMPLETE"
            {
                anyhow::bail!(
                    "deleting stack {stack} ended in {status}; run `ampx-rs sandbox delete` again"
                );
            }
            true
        }
    };
    if cfn.remove_staging().await {
        ui.say("[Sandbox] Removed the template staging bucket (no sandbox of this account and region uses it).");
    }
    let file = settings.outputs_file();
    if file.exists() {
        std::fs::remove_file(&file)?;
    }
    Ok(existed)
}

/// A lock held while a sandbox runs, so two sandboxes with one identifier cannot run in
/// one project at once. Released when dropped (or when the process ends).
pub struct Lock {
    _file: std::fs::File,
}

pub fn lock(root: &Path, identifier: &str) -> Result<Lock, UsageError> {
    take_lock(root, &format!("sandbox-{identifier}"))?.ok_or_else(|| {
        UsageError::new(format!(
            "another sandbox with identifier '{identifier}' is running in this project"
        ))
        .hint("stop it first, or pass another --identifier")
    })
}

/// The lock of the project's local store (`.amplify/local`): one local sandbox serves
/// it at a time, whatever its `--identifier`, since every local sandbox of a project
/// shares that one store and a second server would keep an index of its own.
pub fn lock_local_store(root: &Path) -> Result<Lock, UsageError> {
    take_lock(root, "local-store")?.ok_or_else(|| {
        UsageError::new(
            "a local sandbox is already running in this project (it serves .amplify/local)",
        )
        .hint(
            "every local sandbox of a project serves the same store, whatever its \
             --identifier: use the one that runs, or stop it first",
        )
    })
}

/// Takes `.amplify/ampx-rs/NAME.lock` without waiting; `None` when another process
/// holds it.
fn take_lock(root: &Path, name: &str) -> Result<Option<Lock>, UsageError> {
    let dir = root.join(".amplify").join("ampx-rs");
    std::fs::create_dir_all(&dir)
        .map_err(|e| UsageError::new(format!("cannot create {}: {e}", dir.display())))?;
    let path = dir.join(format!("{name}.lock"));
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| UsageError::new(format!("cannot open {}: {e}", path.display())))?;
    Ok(file.try_lock().ok().map(|()| Lock { _file: file }))
}
