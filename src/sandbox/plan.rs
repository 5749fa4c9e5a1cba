//! What to do with the stack as it stands: pure decisions, tested for every
//! CloudFormation state (DESIGN.md §Sandbox; docs/sandbox.md lists them for users).

/// The tag that marks a stack as made by ampx-rs (its value is our version).
pub const MANAGED_TAG: &str = "ampx-rs:managed";

/// A stack of the sandbox's name, as DescribeStacks shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub status: String,
    pub tags: Vec<(String, String)>,
}

impl Existing {
    pub fn tag(&self, key: &str) -> Option<&str> {
        self.tags
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn ours(&self) -> bool {
        self.tag(MANAGED_TAG).is_some()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// No stack: create one with a CREATE change set.
    Create,
    /// Ours and stable, with another template: an UPDATE change set.
    Update,
    /// Ours, stable and deployed from this very template: send nothing.
    UpToDate,
    /// A stack ampx-rs did not create (`ampx`/CDK): never touched.
    Foreign,
    /// An operation is running: wait for it, then decide again.
    Wait,
    /// A create that never ran or rolled back: delete it, then create.
    Recreate,
    /// `UPDATE_ROLLBACK_FAILED`: continue the rollback, then decide again.
    ContinueRollback,
    /// Left failed without rollback (Express mode): roll back, then decide again.
    Rollback,
    /// `DELETE_FAILED`: empty its buckets and delete it again, then create.
    RetryDelete,
    /// A status this version does not know: wait a while (with backoff), then decide again.
    Unknown,
}

/// How often the deploy loop may act on a stack that is not yet deployable (wait,
/// recreate, roll back, delete again) before it gives up and names the recovery.
pub const MAX_RECOVERIES: u32 = 5;

/// What a person does when ampx-rs cannot recover a stack from `status` by itself.
pub fn manual_recovery(stack: &str, status: &str) -> String {
    match status {
        "DELETE_FAILED" => format!(
            "delete it in the CloudFormation console (choosing to retain the resources that fail), \
             or `aws cloudformation delete-stack --stack-name {stack} --deletion-mode FORCE_DELETE_STACK`"
        ),
        "UPDATE_ROLLBACK_FAILED" => format!(
            "fix the resource its events name, then `aws cloudformation continue-update-rollback \
             --stack-name {stack}` (add --resources-to-skip for a resource that cannot be fixed)"
        ),
        s if s.ends_with("_IN_PROGRESS") => format!(
            "wait until `aws cloudformation describe-stacks --stack-name {stack}` shows a final \
             status, then run ampx-rs again"
        ),
        _ => format!(
            "read its events (`aws cloudformation describe-stack-events --stack-name {stack}`), \
             then delete it with `aws cloudformation delete-stack --stack-name {stack}`"
        ),
    }
}

/// Is the stack settled, so it can be updated (and its template compared)?
pub fn is_stable(status: &str) -> bool {
    matches!(
        status,
        "CREATE_COMPLETE"
            | "UPDATE_COMPLETE"
            | "UPDATE_ROLLBACK_COMPLETE"
            | "IMPORT_COMPLETE"
            | "IMPORT_ROLLBACK_COMPLETE"
    )
}

/// The next step for a sandbox stack, given the hash the deployed template records
/// (read from the stack's template) and the hash of the template to deploy.
pub fn next_step(
    existing: Option<&Existing>,
    deployed_hash: Option<&str>,
    template_hash: &str,
) -> Step {
    let Some(stack) = existing else {
        return Step::Create;
    };
    if !stack.ours() {
        return Step::Foreign;
    }
    match stack.status.as_str() {
        "REVIEW_IN_PROGRESS" | "ROLLBACK_COMPLETE" | "ROLLBACK_FAILED" => Step::Recreate,
        "DELETE_COMPLETE" => Step::Create,
        "DELETE_FAILED" => Step::RetryDelete,
        "UPDATE_ROLLBACK_FAILED" => Step::ContinueRollback,
        "CREATE_FAILED" | "UPDATE_FAILED" | "IMPORT_ROLLBACK_FAILED" => Step::Rollback,
        s if s.ends_with("_IN_PROGRESS") => Step::Wait,
        status if is_stable(status) => {
            if deployed_hash == Some(template_hash) {
                Step::UpToDate
            } else {
                Step::Update
            }
        }
        _ => Step::Unknown,
    }
}

/// One change of a change set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub action: String,
    pub logical_id: String,
    pub physical_id: Option<String>,
    pub resource_type: String,
    /// `True` or `Conditional` replacement of a modified resource.
    pub replaces: bool,
}

impl Change {
    /// Does this change delete the resource (removed, or replaced by a new one)?
    pub fn deletes(&self) -> bool {
        self.action == "Remove" || (self.action == "Modify" && self.replaces)
    }

    /// Resources whose deletion loses user data.
    pub fn holds_data(&self) -> bool {
        matches!(
            self.resource_type.as_str(),
            "AWS::S3::Bucket" | "AWS::Cognito::UserPool"
        )
    }
}

/// Changes that delete a resource that may hold data (buckets, user pools), to check
/// and confirm before executing.
pub fn data_deletions(changes: &[Change]) -> Vec<&Change> {
    changes
        .iter()
        .filter(|c| c.deletes() && c.holds_data())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stack(status: &str, ours: bool) -> Existing {
        let tags = if ours {
            vec![(MANAGED_TAG.to_string(), "0.1.0".to_string())]
        } else {
            vec![("created-by".to_string(), "amplify".to_string())]
        };
        Existing {
            status: status.to_string(),
            tags,
        }
    }

    #[test]
    fn every_state_has_a_step() {
        let cases = [
            ("CREATE_COMPLETE", Some("h"), Step::UpToDate),
            ("CREATE_COMPLETE", Some("old"), Step::Update),
            ("UPDATE_COMPLETE", None, Step::Update),
            ("UPDATE_ROLLBACK_COMPLETE", Some("h"), Step::UpToDate),
            ("IMPORT_COMPLETE", Some("x"), Step::Update),
            ("CREATE_IN_PROGRESS", Some("h"), Step::Wait),
            ("UPDATE_IN_PROGRESS", Some("h"), Step::Wait),
            ("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", Some("h"), Step::Wait),
            ("UPDATE_ROLLBACK_IN_PROGRESS", Some("h"), Step::Wait),
            (
                "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS",
                Some("h"),
                Step::Wait,
            ),
            ("ROLLBACK_IN_PROGRESS", None, Step::Wait),
            ("DELETE_IN_PROGRESS", None, Step::Wait),
            ("REVIEW_IN_PROGRESS", None, Step::Recreate),
            ("ROLLBACK_COMPLETE", None, Step::Recreate),
            ("ROLLBACK_FAILED", None, Step::Recreate),
            ("DELETE_FAILED", None, Step::RetryDelete),
            ("DELETE_COMPLETE", None, Step::Create),
            ("UPDATE_ROLLBACK_FAILED", Some("h"), Step::ContinueRollback),
            ("CREATE_FAILED", None, Step::Rollback),
            ("UPDATE_FAILED", Some("h"), Step::Rollback),
            ("IMPORT_ROLLBACK_FAILED", None, Step::Rollback),
            ("SOMETHING_NEW", Some("h"), Step::Unknown),
        ];
        for (status, hash, step) in cases {
            assert_eq!(
                next_step(Some(&stack(status, true)), hash, "h"),
                step,
                "{status}"
            );
        }
        assert_eq!(next_step(None, None, "h"), Step::Create);
    }

    #[test]
    fn stacks_we_did_not_make_are_never_touched() {
        for status in [
            "CREATE_COMPLETE",
            "UPDATE_FAILED",
            "ROLLBACK_COMPLETE",
            "DELETE_FAILED",
            "REVIEW_IN_PROGRESS",
        ] {
            assert_eq!(
                next_step(Some(&stack(status, false)), Some("h"), "h"),
                Step::Foreign,
                "{status}"
            );
        }
    }

    #[test]
    fn removals_and_replacements_of_buckets_and_pools_need_a_look() {
        let change = |action: &str, kind: &str, replaces: bool| Change {
            action: action.into(),
            logical_id: "X".into(),
            physical_id: None,
            resource_type: kind.into(),
            replaces,
        };
        let changes = [
            change("Remove", "AWS::S3::Bucket", false),
            change("Modify", "AWS::S3::Bucket", true),
            change("Modify", "AWS::S3::Bucket", false),
            change("Add", "AWS::S3::Bucket", false),
            change("Remove", "AWS::IAM::Policy", false),
            change("Modify", "AWS::Cognito::UserPool", true),
        ];
        let flagged: Vec<usize> = data_deletions(&changes)
            .iter()
            .map(|c| {
                changes
                    .iter()
                    .position(|x| std::ptr::eq(x, *c))
                    .expect("in list")
            })
            .collect();
        assert_eq!(flagged, [0, 1, 5]);
    }
}
