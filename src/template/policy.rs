//! IAM policy documents from a role's policy plan, statement for statement as Amplify
//! writes them (CDK key order, one-element arrays as scalars).

use serde_json::{Map, Value, json};

use crate::access::{ActionGrants, Grant, RolePolicy};
use crate::model::Action;

/// A single value stays a scalar, several become an array (as the CDK renders them).
fn scalar_or_array(mut values: Vec<Value>) -> Value {
    if values.len() == 1 {
        values.remove(0)
    } else {
        Value::Array(values)
    }
}

/// `<bucket arn>/<suffix>`: a plain string for a literal ARN, `Fn::Join` otherwise.
fn object_arn(bucket_arn: &Value, prefix: &str) -> Value {
    match bucket_arn {
        Value::String(arn) => Value::String(format!("{arn}/{prefix}")),
        other => json!({ "Fn::Join": ["", [other, format!("/{prefix}")]] }),
    }
}

fn statement(action: Action, effect: &str, grants: &[Grant], bucket_arn: &Value) -> Value {
    let mut s = Map::new();
    s.insert("Action".into(), json!(action.iam_action()));
    if action == Action::List {
        let prefixes: Vec<Value> = grants
            .iter()
            .flat_map(|g| {
                let bare = g.prefix.strip_suffix('*').unwrap_or(&g.prefix).to_string();
                [json!(g.prefix), json!(bare)]
            })
            .collect();
        s.insert(
            "Condition".into(),
            json!({ "StringLike": { "s3:prefix": prefixes } }),
        );
        s.insert("Effect".into(), json!(effect));
        s.insert("Resource".into(), bucket_arn.clone());
    } else {
        s.insert("Effect".into(), json!(effect));
        let resources = grants
            .iter()
            .map(|g| object_arn(bucket_arn, &g.prefix))
            .collect();
        s.insert("Resource".into(), scalar_or_array(resources));
    }
    Value::Object(s)
}

/// The statements of one role's policy: per action its Allow, then its Deny.
pub fn statements(policy: &RolePolicy, bucket_arn: &Value) -> Vec<Value> {
    policy
        .actions
        .iter()
        .flat_map(
            |ActionGrants {
                 action,
                 allow,
                 deny,
             }| {
                let mut out = Vec::new();
                if !allow.is_empty() {
                    out.push(statement(*action, "Allow", allow, bucket_arn));
                }
                if !deny.is_empty() {
                    out.push(statement(*action, "Deny", deny, bucket_arn));
                }
                out
            },
        )
        .collect()
}

/// A whole policy document.
pub fn document(policy: &RolePolicy, bucket_arn: &Value) -> Value {
    json!({ "Statement": statements(policy, bucket_arn), "Version": "2012-10-17" })
}
