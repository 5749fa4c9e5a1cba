//! The deploy engine against a scripted CloudFormation: recovery from every stuck
//! state, failures, "no changes", and data-loss confirmation — what an emulator cannot
//! show.

use std::cell::RefCell;
use std::path::PathBuf;

use super::*;
use crate::report::Reporter;
use crate::sandbox::plan::{Change, Existing};
use crate::test_support::example;
use crate::watch::WatchRules;

/// A stack that moves through states as the engine acts on it.
struct Fake {
    status: RefCell<Option<String>>,
    ours: bool,
    /// The deployed template, and the one the last change set was made of.
    deployed: RefCell<Option<serde_json::Value>>,
    submitted: RefCell<Option<String>>,
    change_set: ChangeSet,
    /// What the stack becomes when the change set executes, and the failure it reports.
    after_execute: (&'static str, Option<Event>),
    holds_objects: bool,
    /// Recovery calls succeed but leave the stack as it was (a resource that cannot
    /// be deleted, a rollback that fails again).
    stuck: bool,
    calls: RefCell<Vec<String>>,
    /// Staged templates by URL, and whether the staging bucket exists.
    staged: RefCell<std::collections::HashMap<String, String>>,
    staging_bucket: RefCell<bool>,
}

impl Fake {
    fn new(status: Option<&str>) -> Fake {
        Fake {
            status: RefCell::new(status.map(str::to_string)),
            ours: true,
            deployed: RefCell::new(None),
            submitted: RefCell::new(None),
            change_set: ChangeSet::Ready {
                id: "cs-1".into(),
                changes: vec![],
            },
            after_execute: ("UPDATE_COMPLETE", None),
            holds_objects: false,
            stuck: false,
            calls: RefCell::new(Vec::new()),
            staged: RefCell::new(Default::default()),
            staging_bucket: RefCell::new(false),
        }
    }

    fn call(&self, what: &str) {
        self.calls.borrow_mut().push(what.to_string());
    }

    fn set(&self, status: Option<&str>) {
        *self.status.borrow_mut() = status.map(str::to_string);
    }

    fn calls(&self) -> Vec<String> {
        self.calls.borrow().clone()
    }
}

impl StackApi for Fake {
    async fn describe(&self, _: &str) -> anyhow::Result<Option<Existing>> {
        self.call("describe");
        Ok(self.status.borrow().as_ref().map(|s| Existing {
            status: s.clone(),
            tags: if self.ours {
                vec![(MANAGED_TAG.to_string(), "test".to_string())]
            } else {
                vec![("created-by".to_string(), "amplify".to_string())]
            },
        }))
    }

    async fn template(&self, _: &str) -> anyhow::Result<serde_json::Value> {
        self.deployed
            .borrow()
            .clone()
            .ok_or_else(|| anyhow::anyhow!("no template deployed"))
    }

    async fn stage(&self, stack: &str, body: &str) -> anyhow::Result<String> {
        self.call("stage");
        *self.staging_bucket.borrow_mut() = true;
        let url = format!("https://staging.s3.us-east-1.amazonaws.com/{stack}/t.json");
        self.staged
            .borrow_mut()
            .insert(url.clone(), body.to_string());
        Ok(url)
    }

    async fn unstage(&self, url: &str) {
        self.call("unstage");
        self.staged.borrow_mut().remove(url);
    }

    async fn remove_staging(&self) -> bool {
        let existed = *self.staging_bucket.borrow() && self.staged.borrow().is_empty();
        if existed {
            self.call("remove_staging");
            *self.staging_bucket.borrow_mut() = false;
        }
        existed
    }

    async fn change_set(
        &self,
        _: &str,
        template: &TemplateSource<'_>,
        _: &[(String, String)],
        create: bool,
        express: bool,
    ) -> anyhow::Result<ChangeSet> {
        self.call(&format!("change_set create={create} express={express}"));
        // What the real service refuses, with its words.
        let template = match template {
            TemplateSource::Body(body) if body.len() > 51_200 => anyhow::bail!(
                "ValidationError: Templates with a size greater than 51,200 bytes must be deployed via an S3 Bucket"
            ),
            TemplateSource::Body(body) => body.to_string(),
            TemplateSource::Staged(url) => match self.staged.borrow().get(url) {
                Some(body) if body.len() > 1_000_000 => {
                    anyhow::bail!("ValidationError: Template may not exceed 1000000 bytes in size.")
                }
                Some(body) => body.clone(),
                None => anyhow::bail!("ValidationError: S3 error: Access Denied"),
            },
        };
        let template = template.as_str();
        let parsed: serde_json::Value = serde_json::from_str(template)?;
        if holds_null(&parsed) {
            anyhow::bail!("ValidationError: [/] 'null' values are not allowed in templates");
        }
        *self.submitted.borrow_mut() = Some(template.to_string());
        Ok(self.change_set.clone())
    }

    async fn delete_change_set(&self, _: &str, _: &str) {
        self.call("delete_change_set");
    }

    async fn execute(&self, _: &str, _: &str) -> anyhow::Result<()> {
        self.call("execute");
        self.set(Some(self.after_execute.0));
        if self.after_execute.0.ends_with("_COMPLETE") && !self.after_execute.0.contains("ROLLBACK")
        {
            let submitted = self.submitted.borrow().clone().unwrap_or_default();
            *self.deployed.borrow_mut() = serde_json::from_str(&submitted).ok();
        }
        Ok(())
    }

    async fn delete_stack(&self, _: &str) -> anyhow::Result<()> {
        self.call("delete_stack");
        if !self.stuck {
            self.set(None);
        }
        Ok(())
    }

    async fn rollback(&self, _: &str) -> anyhow::Result<()> {
        self.call("rollback");
        if self.stuck {
            return Ok(());
        }
        let next = if self.status.borrow().as_deref() == Some("CREATE_FAILED") {
            "ROLLBACK_COMPLETE"
        } else {
            "UPDATE_ROLLBACK_COMPLETE"
        };
        self.set(Some(next));
        Ok(())
    }

    async fn continue_rollback(&self, _: &str) -> anyhow::Result<()> {
        self.call("continue_rollback");
        if !self.stuck {
            self.set(Some("UPDATE_ROLLBACK_COMPLETE"));
        }
        Ok(())
    }

    async fn wait(&self, _: &str, _: &dyn Ui) -> anyhow::Result<(Option<String>, Option<Event>)> {
        self.call("wait");
        let settled = match self.status.borrow().as_deref() {
            Some("UPDATE_IN_PROGRESS") => Some("UPDATE_COMPLETE".to_string()),
            other => other.map(str::to_string),
        };
        *self.status.borrow_mut() = settled.clone();
        Ok((settled, self.after_execute.1.clone()))
    }

    /// The buckets of the deployed template (team-drive's one bucket before a deploy).
    async fn resources(&self, _: &str) -> anyhow::Result<Vec<Resource>> {
        let deployed = self.deployed.borrow().clone();
        let template = deployed.unwrap_or_else(team_drive_template);
        let buckets = template["Resources"].as_object().into_iter().flatten();
        Ok(buckets
            .filter(|(_, r)| r["Type"] == "AWS::S3::Bucket")
            .enumerate()
            .map(|(i, (logical_id, _))| Resource {
                logical_id: logical_id.clone(),
                physical_id: format!("phys-bucket-{}", i + 1),
                resource_type: "AWS::S3::Bucket".into(),
            })
            .collect())
    }

    async fn bucket_holds_objects(&self, _: &str) -> bool {
        self.holds_objects
    }

    async fn count_objects(&self, _: &str, _: &str, _: usize) -> Option<usize> {
        Some(if self.holds_objects { 3 } else { 0 })
    }

    async fn empty_bucket(&self, bucket: &str, _: &dyn Ui) -> anyhow::Result<u64> {
        self.call(&format!("empty {bucket}"));
        Ok(3)
    }
}

fn holds_null(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Null => true,
        serde_json::Value::Array(items) => items.iter().any(holds_null),
        serde_json::Value::Object(map) => map.values().any(holds_null),
        _ => false,
    }
}

/// Records what it was told; answers questions as configured.
struct Recorder {
    answer: Option<bool>,
    said: std::sync::Mutex<Vec<String>>,
}

impl Recorder {
    fn new(answer: Option<bool>) -> Recorder {
        Recorder {
            answer,
            said: std::sync::Mutex::new(Vec::new()),
        }
    }

    fn said(&self) -> String {
        self.said.lock().expect("lock").join("\n")
    }
}

impl Ui for Recorder {
    fn event(&self, _: &Event) {}
}

impl Reporter for Recorder {
    fn say(&self, message: &str) {
        self.said.lock().expect("lock").push(message.to_string());
    }
    fn confirm(&self, question: &str) -> Option<bool> {
        self.said
            .lock()
            .expect("lock")
            .push(format!("asked: {question}"));
        self.answer
    }
}

fn settings(yes: bool) -> Settings {
    Settings {
        identifier: "dev".into(),
        stack: "amplify-app-dev-sandbox-0123456789".into(),
        region: "us-east-1".into(),
        outputs_dir: PathBuf::from("."),
        format: OutputsFormat::Json,
        version: OutputsVersion::V1_5,
        express: false,
        yes,
        access_record: None,
    }
}

fn run(fake: &Fake, yes: bool, ui: &Recorder) -> anyhow::Result<Outcome> {
    let definition = example("team-drive");
    // Paused time: backoff sleeps pass at once, in order.
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("runtime")
        .block_on(deploy(fake, &settings(yes), &definition, ui))
}

fn team_drive_template() -> serde_json::Value {
    example("team-drive").template().clone()
}

#[test]
fn a_new_sandbox_is_created_with_a_create_change_set() {
    let fake = Fake::new(None);
    let fake = Fake {
        after_execute: ("CREATE_COMPLETE", None),
        ..fake
    };
    assert_eq!(
        run(&fake, false, &Recorder::new(None)).expect("deploys"),
        Outcome::Deployed
    );
    assert_eq!(
        fake.calls(),
        [
            "describe",
            "change_set create=true express=false",
            "execute",
            "wait"
        ]
    );
}

#[test]
fn an_unchanged_template_sends_nothing() {
    let fake = Fake {
        deployed: RefCell::new(Some(team_drive_template())),
        ..Fake::new(Some("UPDATE_COMPLETE"))
    };
    assert_eq!(
        run(&fake, false, &Recorder::new(None)).expect("ok"),
        Outcome::Unchanged
    );
    assert_eq!(fake.calls(), ["describe"], "read calls only, no change set");
}

#[test]
fn a_no_changes_answer_is_success() {
    let fake = Fake {
        change_set: ChangeSet::NoChanges,
        ..Fake::new(Some("UPDATE_COMPLETE"))
    };
    assert_eq!(
        run(&fake, false, &Recorder::new(None)).expect("ok"),
        Outcome::Unchanged
    );
    assert!(!fake.calls().contains(&"execute".to_string()));
}

#[test]
fn stuck_states_are_recovered_before_deploying() {
    let cases: [(&str, &[&str]); 6] = [
        (
            "ROLLBACK_COMPLETE",
            &[
                "describe",
                "delete_stack",
                "wait",
                "describe",
                "change_set create=true express=false",
            ],
        ),
        (
            "REVIEW_IN_PROGRESS",
            &[
                "describe",
                "delete_stack",
                "wait",
                "describe",
                "change_set create=true express=false",
            ],
        ),
        (
            "UPDATE_ROLLBACK_FAILED",
            &[
                "describe",
                "continue_rollback",
                "wait",
                "describe",
                "change_set create=false express=false",
            ],
        ),
        (
            "UPDATE_FAILED",
            &[
                "describe",
                "rollback",
                "wait",
                "describe",
                "change_set create=false express=false",
            ],
        ),
        (
            "UPDATE_IN_PROGRESS",
            &[
                "describe",
                "wait",
                "describe",
                "change_set create=false express=false",
            ],
        ),
        (
            "DELETE_FAILED",
            &[
                "describe",
                "empty phys-bucket-1",
                "delete_stack",
                "wait",
                "describe",
                "change_set create=true express=false",
            ],
        ),
    ];
    for (status, expected) in cases {
        let fake = Fake::new(Some(status));
        let outcome = run(&fake, false, &Recorder::new(None)).expect(status);
        assert_eq!(outcome, Outcome::Deployed, "{status}");
        let calls = fake.calls();
        assert_eq!(&calls[..expected.len()], expected, "{status}");
        assert_eq!(&calls[expected.len()..], ["execute", "wait"], "{status}");
    }
}

#[test]
fn a_failed_deploy_names_the_first_failed_resource() {
    let failure = Event {
        id: "e1".into(),
        logical_id: "amplifyTeamDriveBucket28B5C701".into(),
        resource_type: "AWS::S3::Bucket".into(),
        status: "UPDATE_FAILED".into(),
        reason: Some("Bucket name already exists".into()),
    };
    let fake = Fake {
        after_execute: ("UPDATE_ROLLBACK_COMPLETE", Some(failure)),
        ..Fake::new(Some("UPDATE_COMPLETE"))
    };
    let err = run(&fake, false, &Recorder::new(None)).expect_err("fails");
    assert_eq!(
        err.to_string(),
        "deployment failed: stack amplify-app-dev-sandbox-0123456789 is UPDATE_ROLLBACK_COMPLETE; first failure: amplifyTeamDriveBucket28B5C701 (AWS::S3::Bucket) UPDATE_FAILED: Bucket name already exists"
    );
    assert_eq!(crate::error::exit_code(&err), 1);
}

#[test]
fn a_foreign_stack_is_never_touched() {
    let fake = Fake {
        ours: false,
        ..Fake::new(Some("UPDATE_ROLLBACK_FAILED"))
    };
    let err = run(&fake, true, &Recorder::new(Some(true))).expect_err("refused");
    assert!(err.to_string().contains("was not created by ampx-rs"));
    assert_eq!(fake.calls(), ["describe"]);
}

fn removal() -> ChangeSet {
    ChangeSet::Ready {
        id: "cs-9".into(),
        changes: vec![Change {
            action: "Remove".into(),
            logical_id: "oldBucket".into(),
            physical_id: Some("phys-old".into()),
            resource_type: "AWS::S3::Bucket".into(),
            replaces: false,
        }],
    }
}

#[test]
fn deleting_a_full_bucket_needs_a_yes() {
    // Nobody to ask and no --yes: refused, change set deleted, nothing executed.
    let fake = Fake {
        change_set: removal(),
        holds_objects: true,
        ..Fake::new(Some("UPDATE_COMPLETE"))
    };
    let ui = Recorder::new(None);
    let outcome = run(&fake, false, &ui).expect("ok");
    assert_eq!(
        outcome,
        Outcome::Refused("it would delete bucket phys-old and the objects in it".into())
    );
    assert!(fake.calls().contains(&"delete_change_set".to_string()));
    assert!(!fake.calls().contains(&"execute".to_string()));
    assert!(ui.said().contains("removes oldBucket (AWS::S3::Bucket)"));

    // Said no on a terminal: the same.
    let fake = Fake {
        change_set: removal(),
        holds_objects: true,
        ..Fake::new(Some("UPDATE_COMPLETE"))
    };
    assert!(matches!(
        run(&fake, false, &Recorder::new(Some(false))).expect("ok"),
        Outcome::Refused(_)
    ));

    // Said yes, or --yes: the bucket is emptied first, then the change set runs.
    for (yes, answer) in [(false, Some(true)), (true, None)] {
        let fake = Fake {
            change_set: removal(),
            holds_objects: true,
            ..Fake::new(Some("UPDATE_COMPLETE"))
        };
        assert_eq!(
            run(&fake, yes, &Recorder::new(answer)).expect("ok"),
            Outcome::Deployed
        );
        let calls = fake.calls();
        let emptied = calls
            .iter()
            .position(|c| c == "empty phys-old")
            .expect("emptied");
        let executed = calls.iter().position(|c| c == "execute").expect("executed");
        assert!(emptied < executed);
    }

    // An empty bucket goes without asking.
    let fake = Fake {
        change_set: removal(),
        holds_objects: false,
        ..Fake::new(Some("UPDATE_COMPLETE"))
    };
    let ui = Recorder::new(None);
    assert_eq!(run(&fake, false, &ui).expect("ok"), Outcome::Deployed);
    assert!(!ui.said().contains("asked"));
}

#[test]
fn a_recovery_that_fails_again_ends_after_a_bounded_number_of_attempts() {
    for (status, undo, advice) in [
        ("DELETE_FAILED", "delete_stack", "FORCE_DELETE_STACK"),
        (
            "UPDATE_ROLLBACK_FAILED",
            "continue_rollback",
            "continue-update-rollback",
        ),
        ("UPDATE_FAILED", "rollback", "describe-stack-events"),
        ("ROLLBACK_COMPLETE", "delete_stack", "delete-stack"),
    ] {
        let fake = Fake {
            stuck: true,
            ..Fake::new(Some(status))
        };
        let error = run(&fake, true, &Recorder::new(None)).expect_err("gives up");
        let text = crate::error::render(&error);
        assert!(
            text.contains(&format!("is still {status} after 5 attempts")),
            "{text}"
        );
        assert!(text.contains(advice), "{status}: {text}");
        let tries = fake.calls().iter().filter(|c| *c == undo).count();
        assert_eq!(tries, 5, "{status}: {:?}", fake.calls());
        assert!(!fake.calls().iter().any(|c| c.starts_with("change_set")));
    }
}

#[test]
fn an_unknown_status_is_asked_again_with_backoff_then_given_up() {
    let fake = Fake::new(Some("SOMETHING_NEW"));
    let ui = Recorder::new(None);
    let error = run(&fake, true, &ui).expect_err("gives up");
    assert!(
        format!("{error:#}").contains("is still SOMETHING_NEW"),
        "{error:#}"
    );
    let said = ui.said();
    let pauses: Vec<&str> = said
        .lines()
        .filter_map(|l| l.split("asking again in ").nth(1))
        .collect();
    assert_eq!(pauses, ["2 s", "4 s", "8 s", "16 s", "32 s"], "{said}");
    assert_eq!(fake.calls().iter().filter(|c| *c == "describe").count(), 6);
}

/// The watch loop itself against the fake: the first deploy at once, outputs written
/// from the deployed stack, a save that changes the template deploys again, an invalid
/// save keeps the last good stack, and a save that changes nothing deploys nothing.
#[test]
fn the_watch_loop_redeploys_on_save_and_keeps_the_last_good_stack() {
    use crate::test_support::storage_project;
    let project = storage_project(&[], "{ 'a/*': [allow.guest.to(['read'])] }");
    let root = project.root().to_path_buf();
    let storage_file = root.join("amplify/storage/resource.ts");
    let fake = Fake {
        after_execute: ("CREATE_COMPLETE", None),
        ..Fake::new(None)
    };
    let ui = Recorder::new(None);
    let settings = Settings {
        outputs_dir: root.clone(),
        ..settings(false)
    };
    let rules = WatchRules::new(
        &root,
        &root.join("amplify"),
        &root,
        &[],
        &settings.outputs_file(),
    )
    .expect("rules");
    let load = || crate::project::load(&root, &root);
    let watching = |n: usize| {
        ui.said()
            .matches("[Sandbox] Watching for file changes...")
            .count()
            >= n
    };
    let edit = |text: &str| {
        let source = format!(
            "import {{ defineStorage }} from '@aws-amplify/backend';\n\
             export const storage = defineStorage({{ name: 'bkt', access: (allow) => ({text}) }});\n"
        );
        std::fs::write(&storage_file, source).expect("write");
    };
    let ui = &ui;
    let watching = &watching;
    let edit = &edit;
    let script = async move {
        let until = |n| async move {
            let started = std::time::Instant::now();
            while !watching(n) {
                assert!(
                    started.elapsed() < std::time::Duration::from_secs(20),
                    "the loop did not get back to watching ({n}); it said:\n{}",
                    ui.said()
                );
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            }
        };
        until(1).await;
        edit("{ 'a/*': [allow.guest.to(['read', 'write'])] }");
        until(2).await;
        edit("{ 'a/*': [allow.guest.to(['fly'])] }");
        until(3).await;
        edit("{ 'a/*': [allow.guest.to(['read', 'write'])] }");
        until(4).await;
    };
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(watch::run(&fake, &settings, &rules, &load, ui, script))
        .expect("the loop ends cleanly");

    let said = ui.said();
    let executes = fake.calls().iter().filter(|c| *c == "execute").count();
    assert_eq!(executes, 2, "{said}");
    assert!(
        said.contains("Triggered due to a file change: amplify/storage/resource.ts"),
        "{said}"
    );
    assert!(
        said.contains("the last good stack stays deployed"),
        "{said}"
    );
    assert!(
        said.contains("No changes to deploy (same template as the last deploy)"),
        "{said}"
    );
    assert!(said.contains("Stopping the sandbox process"), "{said}");
    let deployed = fake.deployed.borrow().clone().expect("a deployed template");
    let bucket_policy = deployed["Resources"].to_string();
    assert!(
        bucket_policy.contains("s3:PutObject"),
        "the second deploy is live"
    );
    let outputs: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(settings.outputs_file()).expect("outputs written"),
    )
    .expect("JSON");
    assert_eq!(outputs["storage"]["bucket_name"], "phys-bucket-1");
}

#[test]
fn every_example_deploys_through_a_fake_that_refuses_what_cloudformation_refuses() {
    for name in ["team-drive", "social-room", "two-buckets"] {
        let fake = Fake {
            after_execute: ("CREATE_COMPLETE", None),
            ..Fake::new(None)
        };
        let definition = example(name);
        let outcome = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("runtime")
            .block_on(deploy(
                &fake,
                &settings(true),
                &definition,
                &Recorder::new(None),
            ));
        assert_eq!(outcome.expect(name), Outcome::Deployed, "{name}");
    }
    assert!(holds_null(&serde_json::json!({ "a": [1, { "b": null }] })));
    assert!(!holds_null(&serde_json::json!({ "a": [1, { "b": "" }] })));
}

/// A backend of `n` buckets without access rules.
fn many_buckets(n: usize) -> crate::test_support::TestProject {
    let buckets: Vec<String> = (0..n).map(|i| format!("bucket{i:02}")).collect();
    let storage: String = buckets
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let default = if i == 0 { ", isDefault: true" } else { "" };
            format!("export const {b} = defineStorage({{ name: '{b}'{default} }});\n")
        })
        .collect();
    crate::test_support::TestProject::new()
        .file(
            "amplify/backend.ts",
            &format!(
                "import {{ defineBackend }} from '@aws-amplify/backend';\n\
                 import {{ {} }} from './storage/resource';\n\
                 defineBackend({{ {} }});\n",
                buckets.join(", "),
                buckets.join(", ")
            ),
        )
        .file(
            "amplify/storage/resource.ts",
            &format!("import {{ defineStorage }} from '@aws-amplify/backend';\n{storage}"),
        )
}

#[test]
fn a_template_over_the_inline_limit_goes_through_the_staging_bucket() {
    let definition = many_buckets(60).load().expect("a valid backend");
    assert!(definition.template().to_string().len() > 51_200);
    let fake = Fake::new(None);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("runtime");
    let outcome = runtime
        .block_on(deploy(
            &fake,
            &settings(true),
            &definition,
            &Recorder::new(None),
        ))
        .expect("deployed");
    assert_eq!(outcome, Outcome::Deployed);
    let calls = fake.calls();
    let at = |what: &str| {
        calls
            .iter()
            .position(|c| c.starts_with(what))
            .unwrap_or(usize::MAX)
    };
    assert!(
        at("stage") < at("change_set") && at("change_set") < at("unstage"),
        "{calls:?}"
    );
    assert!(at("unstage") < at("execute"), "{calls:?}");
    assert!(fake.staged.borrow().is_empty(), "nothing is left staged");
    // `sandbox delete` removes the bucket, now that nothing needs it.
    runtime
        .block_on(delete(&fake, &settings(true), &Recorder::new(None)))
        .expect("deleted");
    assert!(
        fake.calls().contains(&"remove_staging".to_string()),
        "{:?}",
        fake.calls()
    );
    // Small templates stay inline and never create the bucket.
    let fake = Fake::new(None);
    runtime
        .block_on(deploy(
            &fake,
            &settings(true),
            &example("team-drive"),
            &Recorder::new(None),
        ))
        .expect("deployed");
    assert!(
        !fake.calls().iter().any(|c| c == "stage"),
        "{:?}",
        fake.calls()
    );
}
