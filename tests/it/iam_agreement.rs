//! One truth: for random definitions and requests, `access::decide` agrees with an
//! evaluation of the IAM policies the template deploys (a small IAM evaluator written
//! here, independent of the product: Allow/Deny, `*` and `?` wildcards, `s3:prefix`
//! StringLike, the identity policy variable).

use crate::common::strategies::{caller, request, storage};
use ampx_rs::access::{Caller, Request, decide};
use ampx_rs::model::{Action, Auth, Backend, ReferencedAuth, Span};
use proptest::prelude::*;
use serde_json::Value;

const SUB: &str = "${cognito-identity.amazonaws.com:sub}";
const BUCKET_ARN: &str = "arn:aws:s3:::bkt";

/// IAM wildcard match, written plainly: `*` any run, `?` one character.
fn wildcard(pattern: &[char], text: &[char]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some(('*', rest)) => (0..=text.len()).any(|i| wildcard(rest, &text[i..])),
        Some(('?', rest)) => !text.is_empty() && wildcard(rest, &text[1..]),
        Some((c, rest)) => text.first() == Some(c) && wildcard(rest, &text[1..]),
    }
}

fn matches(pattern: &str, text: &str) -> bool {
    wildcard(
        &pattern.chars().collect::<Vec<_>>(),
        &text.chars().collect::<Vec<_>>(),
    )
}

/// A template value as a string, with the bucket ARN and the caller's identity filled in.
fn resolve(value: &Value, identity: Option<&str>) -> Option<String> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Object(o) if o.contains_key("Fn::GetAtt") => BUCKET_ARN.to_string(),
        Value::Object(o) if o.contains_key("Fn::Join") => o["Fn::Join"][1]
            .as_array()?
            .iter()
            .map(|part| resolve(part, identity))
            .collect::<Option<String>>()?,
        _ => return None,
    };
    if text.contains(SUB) {
        return identity.map(|id| text.replace(SUB, id));
    }
    Some(text)
}

fn list(value: &Value) -> Vec<Value> {
    match value {
        Value::Array(a) => a.clone(),
        other => vec![other.clone()],
    }
}

/// IAM's answer for a caller's role, from the synthesized template alone.
pub(crate) fn iam_allows(
    template: &Value,
    role: Option<&str>,
    identity: Option<&str>,
    request: &Request,
) -> bool {
    let Some(role) = role else { return false };
    let (action, resource, prefix) = match request {
        Request {
            action: Action::Get,
            target: k,
        } => ("s3:GetObject", format!("{BUCKET_ARN}/{k}"), None),
        Request {
            action: Action::Write,
            target: k,
        } => ("s3:PutObject", format!("{BUCKET_ARN}/{k}"), None),
        Request {
            action: Action::Delete,
            target: k,
        } => ("s3:DeleteObject", format!("{BUCKET_ARN}/{k}"), None),
        Request {
            action: Action::List,
            target: p,
        } => ("s3:ListBucket", BUCKET_ARN.to_string(), Some(p.clone())),
    };
    let mut allowed = false;
    for policy in template["Resources"]
        .as_object()
        .expect("resources")
        .values()
    {
        if policy["Type"] != "AWS::IAM::Policy"
            || !policy["Properties"]["Roles"]
                .as_array()
                .expect("roles")
                .iter()
                .any(|r| r["Ref"] == role || r == role)
        {
            continue;
        }
        for statement in policy["Properties"]["PolicyDocument"]["Statement"]
            .as_array()
            .expect("statements")
        {
            if !list(&statement["Action"]).iter().any(|a| a == action) {
                continue;
            }
            let resource_ok = list(&statement["Resource"])
                .iter()
                .filter_map(|r| resolve(r, identity))
                .any(|pattern| matches(&pattern, &resource));
            if !resource_ok {
                continue;
            }
            let condition_ok = match statement.get("Condition") {
                None => true,
                Some(condition) => {
                    let patterns = list(&condition["StringLike"]["s3:prefix"]);
                    match &prefix {
                        Some(p) if !p.is_empty() => patterns
                            .iter()
                            .filter_map(|v| resolve(v, identity))
                            .any(|pattern| matches(&pattern, p)),
                        _ => false,
                    }
                }
            };
            if !condition_ok {
                continue;
            }
            if statement["Effect"] == "Deny" {
                return false;
            }
            allowed = true;
        }
    }
    allowed
}

pub(crate) fn role_of(caller: &Caller) -> Option<String> {
    let id = |parts: &[&str]| ampx_rs::model::ids::unique_id(parts);
    match caller {
        Caller::Guest => Some(id(&["amplifyAuth", "unauthenticatedUserRole", "Resource"])),
        Caller::Authenticated { .. } => {
            Some(id(&["amplifyAuth", "authenticatedUserRole", "Resource"]))
        }
        Caller::Group { name, .. } if name != "ghost" => Some(id(&[
            "amplifyAuth",
            &format!("{name}GroupRole"),
            "Resource",
        ])),
        Caller::Group { .. } => None,
    }
}

pub(crate) fn identity_of(caller: &Caller) -> Option<&str> {
    match caller {
        Caller::Guest => None,
        Caller::Authenticated { identity_id } | Caller::Group { identity_id, .. } => {
            identity_id.as_deref()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn access_decisions_equal_iam_on_the_deployed_policies(
        (storage, caller, request) in (storage(), caller()).prop_flat_map(|(s, c)| {
            let requests = request(&s);
            (Just(s), Just(c), requests)
        })
    ) {
        let backend = Backend {
            storages: vec![storage.clone()],
            auth: Some(Auth { email: true, phone: false, groups: vec!["admin".into(), "editors".into()], span: Span::default(), options: Default::default(), reference: None }),
            span: Span::default(),
            left_out: Vec::new(),
        };
        let template = ampx_rs::template::synthesize(&backend, &ampx_rs::outputs::Summary::of(&backend));
        let iam = iam_allows(&template, role_of(&caller).as_deref(), identity_of(&caller), &request);
        let ours = decide(&storage, &caller, &request).allowed;
        prop_assert_eq!(ours, iam, "paths {:?}", storage.access.as_ref().map(|a| a.iter().map(|p| (&p.path, p.rules.iter().map(|r| (&r.principal, &r.actions)).collect::<Vec<_>>())).collect::<Vec<_>>()));
    }
}

/// The role names `referenceAuth` gives for the callers of [`role_of`].
fn referenced_role_of(caller: &Caller) -> Option<String> {
    match caller {
        Caller::Guest => Some("app-guest".into()),
        Caller::Authenticated { .. } => Some("app-signed-in".into()),
        Caller::Group { name, .. } if name != "ghost" => Some(format!("{name}-members")),
        Caller::Group { .. } => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// The same agreement when the roles exist already (`referenceAuth`): the
    /// policies are attached to them by name, statement for statement.
    #[test]
    fn access_decisions_equal_iam_on_referenced_roles(
        (storage, caller, request) in (storage(), caller()).prop_flat_map(|(s, c)| {
            let requests = request(&s);
            (Just(s), Just(c), requests)
        })
    ) {
        let groups: Vec<String> = vec!["admin".into(), "editors".into()];
        let arn = |name: &str| format!("arn:aws:iam::123456789012:role/apps/{name}");
        let reference = ReferencedAuth {
            user_pool_id: "us-east-1_Pool".into(),
            user_pool_client_id: "client".into(),
            identity_pool_id: "us-east-1:ids".into(),
            auth_role_arn: arn("app-signed-in"),
            unauth_role_arn: arn("app-guest"),
            group_role_arns: groups.iter().map(|g| arn(&format!("{g}-members"))).collect(),
        };
        let backend = Backend {
            storages: vec![storage.clone()],
            auth: Some(Auth { email: true, phone: false, groups, span: Span::default(), options: Default::default(), reference: Some(reference) }),
            span: Span::default(),
            left_out: Vec::new(),
        };
        let template = ampx_rs::template::synthesize(&backend, &ampx_rs::outputs::Summary::of(&backend));
        let iam = iam_allows(&template, referenced_role_of(&caller).as_deref(), identity_of(&caller), &request);
        let ours = decide(&storage, &caller, &request).allowed;
        prop_assert_eq!(ours, iam);
    }
}

/// The first JSON null in a value, by its path: CloudFormation refuses any null
/// ("'null' values are not allowed in templates").
fn null_in(value: &serde_json::Value, path: &str) -> Option<String> {
    match value {
        serde_json::Value::Null => Some(path.to_string()),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| null_in(v, &format!("{path}[{i}]"))),
        serde_json::Value::Object(map) => map
            .iter()
            .find_map(|(k, v)| null_in(v, &format!("{path}.{k}"))),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// r12: no template holds a null, whatever the buckets, access and auth.
    #[test]
    fn templates_never_hold_a_null(
        storages in proptest::collection::vec(storage(), 1..4),
        with_auth in proptest::bool::ANY,
    ) {
        let storages = storages
            .into_iter()
            .enumerate()
            .map(|(i, mut s)| {
                s.name = format!("bucket{i}");
                s
            })
            .collect();
        let backend = Backend {
            storages,
            auth: with_auth.then(|| Auth { email: true, phone: false, groups: vec!["admin".into()], span: Span::default(), options: Default::default(), reference: None }),
            span: Span::default(),
            left_out: Vec::new(),
        };
        let template = ampx_rs::template::synthesize(&backend, &ampx_rs::outputs::Summary::of(&backend));
        prop_assert_eq!(null_in(&template, "$"), None);
    }
}

#[test]
fn the_examples_templates_hold_no_null() {
    for example in ["team-drive", "social-room", "two-buckets"] {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(example);
        let definition = ampx_rs::project::load(&root, &root).expect("loads");
        let template = definition.template();
        assert_eq!(null_in(template, "$"), None, "{example}");
    }
}

#[test]
fn the_evaluator_itself_knows_allow_deny_and_prefixes() {
    assert!(matches("a/*", "a/b/c"));
    assert!(!matches("a/*", "b/a"));
    assert!(matches("a?c", "abc"));
    assert!(matches("", ""));
    assert!(!matches("a", ""));
}
