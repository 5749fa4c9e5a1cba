//! The CloudFormation deploy engine: change sets with the inline template, waits with
//! events, rollbacks, deletes, and reading what a stack deployed.

use std::time::{Duration, Instant};

use aws_sdk_cloudformation::error::ProvideErrorMetadata;
use aws_sdk_cloudformation::types::{
    ChangeSetType, DeploymentConfig, DeploymentConfigMode, Replacement, Tag,
};
use aws_smithy_types::error::display::DisplayErrorContext;

use super::Aws;
use crate::sandbox::plan::{Change, Existing};
use crate::sandbox::{ChangeSet, Event, Resource, StackApi, TemplateSource};

/// A CloudFormation error, read once from the code and message AWS sent, so callers
/// match on what happened rather than on text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CfnError {
    /// DescribeStacks or GetTemplate on a stack that does not exist (AWS says so with
    /// a `ValidationError` whose message is "Stack with id … does not exist").
    #[error("{0}")]
    StackNotFound(String),
    /// A change set CloudFormation could not compute, with its reason.
    #[error("the change set failed: {0}")]
    ChangeSetFailed(String),
    /// The deployed template could not be read back.
    #[error("the deployed template is not JSON: {0}")]
    UnreadableTemplate(String),
    /// Any other refusal, as AWS wrote it (`code: message`), or a transport failure.
    #[error("{0}")]
    Other(String),
}

fn cfn_error<E, R>(err: aws_sdk_cloudformation::error::SdkError<E, R>) -> CfnError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    match (err.code(), err.message()) {
        (Some("ValidationError"), Some(msg)) if msg.contains("does not exist") => {
            CfnError::StackNotFound(msg.to_string())
        }
        (Some(code), Some(msg)) => CfnError::Other(format!("{code}: {msg}")),
        _ => CfnError::Other(DisplayErrorContext(&err).to_string()),
    }
}

/// How often to ask for progress.
const POLL: Duration = Duration::from_millis(500);

/// The sandbox's view of the cloud: CloudFormation for the stack, S3 for its buckets.
pub struct CloudStack {
    client: aws_sdk_cloudformation::Client,
    pub s3: super::s3::S3,
    staging: super::staging::Staging,
}

impl CloudStack {
    pub fn new(aws: &Aws, region: &str) -> CloudStack {
        let config = aws_sdk_cloudformation::config::Builder::from(aws.sdk_config())
            .region(aws_config::Region::new(region.to_string()))
            .build();
        let s3 = super::s3::S3::new(aws, region);
        CloudStack {
            client: aws_sdk_cloudformation::Client::from_conf(config),
            staging: super::staging::Staging::new(aws, s3.client.clone(), region),
            s3,
        }
    }

    /// Last update time and status reason, for `sandbox status`.
    pub async fn details(
        &self,
        name: &str,
    ) -> anyhow::Result<Option<(Option<i64>, Option<String>)>> {
        match self.client.describe_stacks().stack_name(name).send().await {
            Ok(out) => Ok(out.stacks().first().map(|s| {
                (
                    s.last_updated_time()
                        .or(s.creation_time())
                        .map(|t| t.secs()),
                    s.stack_status_reason().map(str::to_string),
                )
            })),
            Err(err) => match cfn_error(err) {
                CfnError::StackNotFound(_) => Ok(None),
                other => Err(other.into()),
            },
        }
    }

    /// Ids of the events already there, so a wait reports only new ones.
    async fn seen_events(&self, name: &str) -> Vec<String> {
        self.events(name)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.id)
            .collect()
    }

    async fn events(&self, name: &str) -> Result<Vec<Event>, CfnError> {
        let out = self
            .client
            .describe_stack_events()
            .stack_name(name)
            .send()
            .await
            .map_err(cfn_error)?;
        Ok(out
            .stack_events()
            .iter()
            .map(|e| Event {
                id: e.event_id().unwrap_or_default().to_string(),
                logical_id: e.logical_resource_id().unwrap_or_default().to_string(),
                resource_type: e.resource_type().unwrap_or_default().to_string(),
                status: e
                    .resource_status()
                    .map(|s| s.as_str().to_string())
                    .unwrap_or_default(),
                reason: e.resource_status_reason().map(str::to_string),
            })
            .collect())
    }

    /// Polls until the stack leaves `*_IN_PROGRESS`, reporting each new event (oldest
    /// first); returns the final status (`None`: the stack is gone) and the first
    /// failure event.
    async fn wait_for(
        &self,
        name: &str,
        mut seen: Vec<String>,
        on_event: &mut (dyn FnMut(&Event) + Send),
    ) -> anyhow::Result<(Option<String>, Option<Event>)> {
        let started = Instant::now();
        let mut first_failure = None;
        loop {
            if let Ok(mut events) = self.events(name).await {
                events.reverse();
                for e in events {
                    if seen.contains(&e.id) {
                        continue;
                    }
                    seen.push(e.id.clone());
                    if first_failure.is_none() && e.status.ends_with("_FAILED") {
                        first_failure = Some(e.clone());
                    }
                    on_event(&e);
                }
            }
            let status = self.describe(name).await?.map(|s| s.status);
            match &status {
                Some(s) if s.ends_with("_IN_PROGRESS") => {}
                _ => return Ok((status, first_failure)),
            }
            // Fast at first (emulators and small stacks finish quickly), then calmer.
            let pause = if started.elapsed() < Duration::from_secs(5) {
                POLL / 5
            } else {
                POLL * 4
            };
            tokio::time::sleep(pause).await;
        }
    }
}

/// CloudFormation's ways of saying a change set has nothing to do.
pub fn is_no_change(reason: &str) -> bool {
    reason.contains("didn't contain changes")
        || reason.contains("No updates are to be performed")
        || reason.contains("does not contain changes")
}

impl StackApi for CloudStack {
    async fn describe(&self, name: &str) -> anyhow::Result<Option<Existing>> {
        match self.client.describe_stacks().stack_name(name).send().await {
            Ok(out) => Ok(out.stacks().first().map(|s| Existing {
                status: s
                    .stack_status()
                    .map(|st| st.as_str().to_string())
                    .unwrap_or_default(),
                tags: s
                    .tags()
                    .iter()
                    .map(|t| {
                        (
                            t.key().unwrap_or_default().to_string(),
                            t.value().unwrap_or_default().to_string(),
                        )
                    })
                    .collect(),
            })),
            Err(err) => match cfn_error(err) {
                CfnError::StackNotFound(_) => Ok(None),
                other => Err(other.into()),
            },
        }
    }

    async fn template(&self, name: &str) -> anyhow::Result<serde_json::Value> {
        let out = self
            .client
            .get_template()
            .stack_name(name)
            .send()
            .await
            .map_err(cfn_error)?;
        Ok(serde_json::from_str(out.template_body().unwrap_or("{}"))
            .map_err(|e| CfnError::UnreadableTemplate(e.to_string()))?)
    }

    async fn stage(&self, stack: &str, body: &str) -> anyhow::Result<String> {
        self.staging.stage(stack, body).await
    }

    async fn unstage(&self, url: &str) {
        self.staging.unstage(url).await
    }

    async fn remove_staging(&self) -> bool {
        self.staging.remove_if_empty().await
    }

    async fn change_set(
        &self,
        name: &str,
        template: &TemplateSource<'_>,
        tags: &[(String, String)],
        create: bool,
        express: bool,
    ) -> anyhow::Result<ChangeSet> {
        let change_set_name = format!(
            "ampx-rs-{}",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis())
                .unwrap_or(0)
        );
        let mut request = self
            .client
            .create_change_set()
            .stack_name(name)
            .change_set_name(&change_set_name)
            .change_set_type(if create {
                ChangeSetType::Create
            } else {
                ChangeSetType::Update
            })
            .set_template_body(match template {
                TemplateSource::Body(body) => Some(body.to_string()),
                TemplateSource::Staged(_) => None,
            })
            .set_template_url(match template {
                TemplateSource::Staged(url) => Some(url.clone()),
                TemplateSource::Body(_) => None,
            })
            .capabilities(aws_sdk_cloudformation::types::Capability::CapabilityIam)
            .set_tags(Some(
                tags.iter()
                    .map(|(k, v)| Tag::builder().key(k).value(v).build())
                    .collect(),
            ));
        if express {
            request = request.deployment_config(
                DeploymentConfig::builder()
                    .mode(DeploymentConfigMode::Express)
                    .build(),
            );
        }
        let created = request.send().await.map_err(cfn_error)?;
        let id = created.id().unwrap_or(&change_set_name).to_string();
        loop {
            let out = self
                .client
                .describe_change_set()
                .stack_name(name)
                .change_set_name(&id)
                .send()
                .await
                .map_err(cfn_error)?;
            let status = out.status().map(|s| s.as_str()).unwrap_or_default();
            match status {
                "CREATE_COMPLETE" => {
                    let changes: Vec<Change> = out
                        .changes()
                        .iter()
                        .filter_map(|c| c.resource_change())
                        .map(|r| Change {
                            action: r
                                .action()
                                .map(|a| a.as_str().to_string())
                                .unwrap_or_default(),
                            logical_id: r.logical_resource_id().unwrap_or_default().to_string(),
                            physical_id: r.physical_resource_id().map(str::to_string),
                            resource_type: r.resource_type().unwrap_or_default().to_string(),
                            replaces: matches!(
                                r.replacement(),
                                Some(Replacement::True | Replacement::Conditional)
                            ),
                        })
                        .collect();
                    // A computed change set is executable even without resource
                    // changes: CloudFormation makes one when only Outputs or Metadata
                    // change (a new default bucket), and refuses one (FAILED, below)
                    // when nothing does.
                    return Ok(ChangeSet::Ready { id, changes });
                }
                "FAILED" => {
                    let reason = out.status_reason().unwrap_or_default().to_string();
                    self.delete_change_set(name, &id).await;
                    if is_no_change(&reason) {
                        return Ok(ChangeSet::NoChanges);
                    }
                    return Err(CfnError::ChangeSetFailed(reason).into());
                }
                _ => tokio::time::sleep(POLL / 2).await,
            }
        }
    }

    async fn delete_change_set(&self, name: &str, id: &str) {
        let _ = self
            .client
            .delete_change_set()
            .stack_name(name)
            .change_set_name(id)
            .send()
            .await;
    }

    async fn execute(&self, name: &str, id: &str) -> anyhow::Result<()> {
        self.client
            .execute_change_set()
            .stack_name(name)
            .change_set_name(id)
            .send()
            .await
            .map_err(cfn_error)?;
        Ok(())
    }

    async fn delete_stack(&self, name: &str) -> anyhow::Result<()> {
        self.client
            .delete_stack()
            .stack_name(name)
            .send()
            .await
            .map_err(cfn_error)?;
        Ok(())
    }

    async fn rollback(&self, name: &str) -> anyhow::Result<()> {
        self.client
            .rollback_stack()
            .stack_name(name)
            .send()
            .await
            .map_err(cfn_error)?;
        Ok(())
    }

    async fn continue_rollback(&self, name: &str) -> anyhow::Result<()> {
        self.client
            .continue_update_rollback()
            .stack_name(name)
            .send()
            .await
            .map_err(cfn_error)?;
        Ok(())
    }

    async fn wait(
        &self,
        stack: &str,
        ui: &dyn crate::sandbox::Ui,
    ) -> anyhow::Result<(Option<String>, Option<Event>)> {
        let seen = self.seen_events(stack).await;
        self.wait_for(stack, seen, &mut |e| ui.event(e)).await
    }

    async fn resources(&self, name: &str) -> anyhow::Result<Vec<Resource>> {
        let out = self
            .client
            .describe_stack_resources()
            .stack_name(name)
            .send()
            .await
            .map_err(cfn_error)?;
        Ok(out
            .stack_resources()
            .iter()
            .filter_map(|r| {
                Some(Resource {
                    logical_id: r.logical_resource_id()?.to_string(),
                    physical_id: r.physical_resource_id()?.to_string(),
                    resource_type: r.resource_type().unwrap_or_default().to_string(),
                })
            })
            .collect())
    }

    async fn bucket_holds_objects(&self, bucket: &str) -> bool {
        self.s3.holds_objects(bucket).await.unwrap_or(true)
    }

    async fn count_objects(&self, bucket: &str, path: &str, limit: usize) -> Option<usize> {
        // List from the path's fixed start; an `{entity_id}` folder is matched per key.
        let prefix = path.split(['*', '{']).next().unwrap_or_default();
        let (mut count, mut token) = (0, None);
        loop {
            let (page, next) = self.s3.list_page(bucket, prefix, None, token).await.ok()?;
            count += page
                .objects
                .iter()
                .filter(|o| crate::access::path_covers(path, &o.key))
                .count();
            if count >= limit || next.is_none() {
                return Some(count.min(limit));
            }
            token = next;
        }
    }

    async fn empty_bucket(&self, bucket: &str, ui: &dyn crate::sandbox::Ui) -> anyhow::Result<u64> {
        if !self.s3.bucket_exists(bucket).await? {
            return Ok(0);
        }
        Ok(self
            .s3
            .empty(bucket, &mut |n| {
                ui.say(&format!("emptying {bucket}: {n} object versions deleted"))
            })
            .await?)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_change_answers_are_recognized() {
        for reason in [
            "The submitted information didn't contain changes. Submit different information to create a change set.",
            "No updates are to be performed.",
        ] {
            assert!(super::is_no_change(reason), "{reason}");
        }
        assert!(!super::is_no_change(
            "Template format error: unsupported structure"
        ));
    }
}
