//! Amplify's own storage-access code as the oracle for `access::decide`, sharing nothing
//! with `access::plan`: random definitions go to Amplify's StorageAccessOrchestrator (in
//! Node, tests/web/amplify_access.mjs), the IAM statements it attaches to each role are
//! evaluated by this suite's IAM evaluator, and every random request must get the same
//! answer from `decide`.

use ampx_rs::access::{Caller, decide};
use ampx_rs::model::{Principal, Storage};
use proptest::strategy::{Strategy, ValueTree};
use serde_json::{Value, json};

use crate::common::strategies::{caller, request, storage};
use crate::common::{repo, required_env};
use crate::iam_agreement::{iam_allows, identity_of, role_of};

/// A definition as tests/web/amplify_access.mjs reads it.
fn definition(storage: &Storage) -> Value {
    let mut paths = serde_json::Map::new();
    for path in storage.access.iter().flatten() {
        let rules: Vec<Value> = path
            .rules
            .iter()
            .map(|rule| {
                let actions: Vec<&str> = rule.actions.iter().map(|a| a.as_str()).collect();
                match &rule.principal {
                    Principal::Guest => json!({ "who": "guest", "actions": actions }),
                    Principal::Authenticated => {
                        json!({ "who": "authenticated", "actions": actions })
                    }
                    Principal::Owner => json!({ "who": "entity", "actions": actions }),
                    Principal::Group(g) => {
                        json!({ "who": "group", "group": g, "actions": actions })
                    }
                }
            })
            .collect();
        paths.insert(path.path.clone(), Value::Array(rules));
    }
    Value::Object(paths)
}

/// Amplify's policies as template resources, each attached to the role our callers
/// assume, so the IAM evaluator reads them as it reads ours.
fn as_template(policies: &serde_json::Map<String, Value>) -> Value {
    let mut resources = serde_json::Map::new();
    for (acceptor, statements) in policies {
        let caller = match acceptor.as_str() {
            "unauthenticatedUserIamRole" => Caller::Guest,
            "authenticatedUserIamRole" => Caller::Authenticated { identity_id: None },
            group => Caller::Group {
                name: group.to_string(),
                identity_id: None,
            },
        };
        let role = role_of(&caller).expect("a role");
        resources.insert(
            format!("Policy{acceptor}"),
            json!({
                "Type": "AWS::IAM::Policy",
                "Properties": {
                    "Roles": [{ "Ref": role }],
                    "PolicyDocument": { "Statement": statements }
                }
            }),
        );
    }
    json!({ "Resources": resources })
}

#[test]
#[ignore = "needs Node.js and tests/web's packages, which tests/run.sh installs"]
fn decide_agrees_with_amplifys_own_access_code() {
    let node = required_env("AMPX_TEST_NODE");
    let strategy =
        (storage(), proptest::collection::vec(caller(), 4)).prop_flat_map(|(s, callers)| {
            let requests = proptest::collection::vec(request(&s), 8);
            (
                proptest::strategy::Just(s),
                proptest::strategy::Just(callers),
                requests,
            )
        });
    let (seed, mut runner) = crate::common::seeded_runner("random definitions");
    let cases: Vec<_> = (0..256)
        .map(|_| strategy.new_tree(&mut runner).expect("case").current())
        .collect();
    let input: Vec<Value> = cases.iter().map(|(s, _, _)| definition(s)).collect();
    let mut child = std::process::Command::new(&node)
        .arg(repo().join("tests/web/amplify_access.mjs"))
        .current_dir(repo().join("tests/web"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node runs");
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(Value::Array(input).to_string().as_bytes())
            .expect("write");
    }
    let out = child.wait_with_output().expect("node ends");
    assert!(out.status.success(), "the oracle failed (AMPX_SEED={seed})");
    let results: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(results.len(), cases.len());
    let mut accepted = 0;
    let mut decisions = 0;
    for ((storage, callers, requests), result) in cases.iter().zip(&results) {
        let Some(policies) = result["policies"].as_object() else {
            panic!(
                "Amplify refused a definition the generators mean to be valid: {} (AMPX_SEED={seed})",
                result["error"]
            );
        };
        accepted += 1;
        let template = as_template(policies);
        for caller in callers {
            for request in requests {
                let amplify = iam_allows(
                    &template,
                    role_of(caller).as_deref(),
                    identity_of(caller),
                    request,
                );
                let ours = decide(storage, caller, request).allowed;
                assert_eq!(
                    ours,
                    amplify,
                    "{caller} {request:?} on {} (AMPX_SEED={seed})",
                    definition(storage)
                );
                decisions += 1;
            }
        }
    }
    eprintln!("{accepted} definitions, {decisions} decisions agree with Amplify's own code");
    assert!(accepted >= 200);
}
