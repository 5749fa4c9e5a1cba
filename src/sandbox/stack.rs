//! The deploy port: what the sandbox engine needs from CloudFormation and S3, in the
//! engine's own types. `aws::cloudformation::CloudStack` implements it for the cloud,
//! `tests.rs` with a scripted fake.

use super::Ui;
use super::plan::{Change, Existing};

/// A stack event, for progress lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: String,
    pub logical_id: String,
    pub resource_type: String,
    pub status: String,
    pub reason: Option<String>,
}

/// What a change set request came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeSet {
    /// CloudFormation found nothing to change.
    NoChanges,
    Ready {
        id: String,
        changes: Vec<Change>,
    },
}

/// Where a change set's template comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateSource<'a> {
    /// Inline (`TemplateBody`), up to 51,200 bytes.
    Body(&'a str),
    /// An S3 URL the template was staged at (`TemplateURL`), up to 1 MB.
    Staged(String),
}

/// One resource of a deployed stack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resource {
    pub logical_id: String,
    pub physical_id: String,
    pub resource_type: String,
}

/// What a deploy needs from CloudFormation and S3; the cloud implements it in
/// `aws::cloudformation::CloudStack`, tests with a scripted fake.
#[allow(async_fn_in_trait)]
pub trait StackApi {
    async fn describe(&self, stack: &str) -> anyhow::Result<Option<Existing>>;
    /// The deployed template.
    async fn template(&self, stack: &str) -> anyhow::Result<serde_json::Value>;
    /// The hash the deployed template records for itself.
    async fn deployed_hash(&self, stack: &str) -> Option<String> {
        let template = self.template(stack).await.ok()?;
        crate::template::recorded_hash(&template).map(str::to_string)
    }
    /// Puts a template too large to send inline into the staging bucket (created on
    /// demand: private, encrypted, TLS only); its URL.
    async fn stage(&self, stack: &str, body: &str) -> anyhow::Result<String>;
    /// Removes a staged template once CloudFormation has read it.
    async fn unstage(&self, url: &str);
    /// Removes the staging bucket when no staged template is left in it (none is
    /// between deploys); `true` when it was removed.
    async fn remove_staging(&self) -> bool;
    async fn change_set(
        &self,
        stack: &str,
        template: &TemplateSource<'_>,
        tags: &[(String, String)],
        create: bool,
        express: bool,
    ) -> anyhow::Result<ChangeSet>;
    async fn delete_change_set(&self, stack: &str, id: &str);
    async fn execute(&self, stack: &str, id: &str) -> anyhow::Result<()>;
    async fn delete_stack(&self, stack: &str) -> anyhow::Result<()>;
    async fn rollback(&self, stack: &str) -> anyhow::Result<()>;
    async fn continue_rollback(&self, stack: &str) -> anyhow::Result<()>;
    /// Follows the stack until it leaves `*_IN_PROGRESS`: its final status (`None`:
    /// gone) and the first failure event.
    async fn wait(
        &self,
        stack: &str,
        ui: &dyn Ui,
    ) -> anyhow::Result<(Option<String>, Option<Event>)>;
    async fn resources(&self, stack: &str) -> anyhow::Result<Vec<Resource>>;
    /// Does the bucket hold any object version? (`true` when that cannot be told.)
    async fn bucket_holds_objects(&self, bucket: &str) -> bool;
    /// How many objects an access path covers in the bucket, counting up to `limit`
    /// (`None` when they cannot be counted).
    async fn count_objects(&self, bucket: &str, path: &str, limit: usize) -> Option<usize>;
    /// Deletes every version in the bucket (if it exists); returns how many.
    async fn empty_bucket(&self, bucket: &str, ui: &dyn Ui) -> anyhow::Result<u64>;
}
