//! The plan rendered as IAM statements, statement for statement against the worked
//! examples of Amplify's access reference.

use serde_json::{Value, json};

use super::policy;
use crate::access::{Role, plan};
use crate::model::Storage;
use crate::test_support::{example, storage};

const S: &str = "${cognito-identity.amazonaws.com:sub}";

/// Statements of every role's policy with bucket ARN `arn:aws:s3:::bkt`.
fn policies(storage: &Storage) -> Vec<(Role, Vec<Value>)> {
    plan(storage)
        .iter()
        .map(|p| {
            (
                p.role.clone(),
                policy::statements(p, &json!("arn:aws:s3:::bkt")),
            )
        })
        .collect()
}

fn statements_of(storage: &Storage, role: Role) -> Vec<Value> {
    policies(storage)
        .into_iter()
        .find(|(r, _)| *r == role)
        .map(|(_, s)| s)
        .unwrap_or_default()
}

fn parse(lines: &str) -> Vec<Value> {
    lines
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_str(&l.replace("S/", &format!("{S}/"))).expect("fixture JSON"))
        .collect()
}

#[test]
fn reference_3_6_worked_example_without_the_function_rule() {
    let s = storage(
        &["Admins"],
        "{
        'public/*': [
          allow.guest.to(['read']),
          allow.authenticated.to(['read', 'write']),
          allow.groups(['Admins']).to(['read', 'write', 'delete']),
        ],
        'protected/{entity_id}/*': [
          allow.authenticated.to(['read']),
          allow.entity('identity').to(['read', 'write', 'delete']),
          allow.groups(['Admins']).to(['read', 'write', 'delete']),
        ],
      }",
    );
    let auth = parse(
        r#"
        {"Action":"s3:GetObject","Effect":"Allow","Resource":["arn:aws:s3:::bkt/public/*","arn:aws:s3:::bkt/protected/*"]}
        {"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["public/*","public/","protected/*","protected/"]}},"Effect":"Allow","Resource":"arn:aws:s3:::bkt"}
        {"Action":"s3:PutObject","Effect":"Allow","Resource":["arn:aws:s3:::bkt/public/*","arn:aws:s3:::bkt/protected/S/*"]}
        {"Action":"s3:DeleteObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/protected/S/*"}
    "#,
    );
    assert_eq!(statements_of(&s, Role::Authenticated), auth);
    let guest = parse(
        r#"
        {"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/public/*"}
        {"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["public/*","public/"]}},"Effect":"Allow","Resource":"arn:aws:s3:::bkt"}
    "#,
    );
    assert_eq!(statements_of(&s, Role::Unauthenticated), guest);
    let admins = parse(
        r#"
        {"Action":"s3:GetObject","Effect":"Allow","Resource":["arn:aws:s3:::bkt/public/*","arn:aws:s3:::bkt/protected/*"]}
        {"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["public/*","public/","protected/*","protected/"]}},"Effect":"Allow","Resource":"arn:aws:s3:::bkt"}
        {"Action":"s3:PutObject","Effect":"Allow","Resource":["arn:aws:s3:::bkt/public/*","arn:aws:s3:::bkt/protected/*"]}
        {"Action":"s3:DeleteObject","Effect":"Allow","Resource":["arn:aws:s3:::bkt/public/*","arn:aws:s3:::bkt/protected/*"]}
    "#,
    );
    assert_eq!(statements_of(&s, Role::Group("Admins".into())), admins);
}

#[test]
fn reference_3_7_nested_path_denies() {
    let s = storage(
        &["admin"],
        "{ 'media/*': [allow.authenticated.to(['read'])], 'media/admin/*': [allow.groups(['admin']).to(['read', 'write'])] }",
    );
    let auth = parse(
        r#"
        {"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/media/*"}
        {"Action":"s3:GetObject","Effect":"Deny","Resource":"arn:aws:s3:::bkt/media/admin/*"}
        {"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["media/*","media/"]}},"Effect":"Allow","Resource":"arn:aws:s3:::bkt"}
        {"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["media/admin/*","media/admin/"]}},"Effect":"Deny","Resource":"arn:aws:s3:::bkt"}
    "#,
    );
    assert_eq!(statements_of(&s, Role::Authenticated), auth);
    let admin = parse(
        r#"
        {"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/media/admin/*"}
        {"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["media/admin/*","media/admin/"]}},"Effect":"Allow","Resource":"arn:aws:s3:::bkt"}
        {"Action":"s3:PutObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/media/admin/*"}
    "#,
    );
    assert_eq!(statements_of(&s, Role::Group("admin".into())), admin);
}

#[test]
fn reference_3_7_public_protected_private() {
    let s = storage(
        &[],
        "{
        'public/*': [allow.guest.to(['read']), allow.authenticated.to(['read', 'write', 'delete'])],
        'protected/{entity_id}/*': [allow.authenticated.to(['read']), allow.entity('identity').to(['read', 'write', 'delete'])],
        'private/{entity_id}/*': [allow.entity('identity').to(['read', 'write', 'delete'])]
      }",
    );
    let auth = parse(
        r#"
        {"Action":"s3:GetObject","Effect":"Allow","Resource":["arn:aws:s3:::bkt/public/*","arn:aws:s3:::bkt/protected/*","arn:aws:s3:::bkt/private/S/*"]}
        {"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["public/*","public/","protected/*","protected/","private/S/*","private/S/"]}},"Effect":"Allow","Resource":"arn:aws:s3:::bkt"}
        {"Action":"s3:PutObject","Effect":"Allow","Resource":["arn:aws:s3:::bkt/public/*","arn:aws:s3:::bkt/protected/S/*","arn:aws:s3:::bkt/private/S/*"]}
        {"Action":"s3:DeleteObject","Effect":"Allow","Resource":["arn:aws:s3:::bkt/public/*","arn:aws:s3:::bkt/protected/S/*","arn:aws:s3:::bkt/private/S/*"]}
    "#,
    );
    assert_eq!(statements_of(&s, Role::Authenticated), auth);
}

#[test]
fn reference_3_7_same_role_fewer_actions_on_child() {
    let s = storage(
        &[],
        "{ 'foo/*': [allow.authenticated.to(['read', 'write'])], 'foo/bar/*': [allow.authenticated.to(['read'])] }",
    );
    let auth = parse(
        r#"
        {"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/foo/*"}
        {"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["foo/*","foo/"]}},"Effect":"Allow","Resource":"arn:aws:s3:::bkt"}
        {"Action":"s3:PutObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/foo/*"}
        {"Action":"s3:PutObject","Effect":"Deny","Resource":"arn:aws:s3:::bkt/foo/bar/*"}
    "#,
    );
    assert_eq!(statements_of(&s, Role::Authenticated), auth);
}

#[test]
fn reference_3_8_example_apps() {
    let social = &example("social-room").backend.storages[0];
    assert_eq!(
        statements_of(social, Role::Unauthenticated),
        parse(r#"{"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/room/*"}"#)
    );
    assert_eq!(
        statements_of(social, Role::Authenticated),
        parse(
            r#"
            {"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/room/*"}
            {"Action":"s3:PutObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/room/*"}
            {"Action":"s3:DeleteObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/room/*"}
        "#
        )
    );
    assert_eq!(
        statements_of(social, Role::Group("admin".into())),
        parse(
            r#"
            {"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/room/*"}
            {"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["room/*","room/"]}},"Effect":"Allow","Resource":"arn:aws:s3:::bkt"}
            {"Action":"s3:PutObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/room/*"}
            {"Action":"s3:DeleteObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/room/*"}
        "#
        )
    );

    let drive = &example("team-drive").backend.storages[0];
    assert_eq!(
        statements_of(drive, Role::Unauthenticated),
        parse(
            r#"
            {"Action":"s3:GetObject","Effect":"Allow","Resource":["arn:aws:s3:::bkt/profile-pictures/*","arn:aws:s3:::bkt/picture-submissions/*"]}
            {"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["profile-pictures/*","profile-pictures/","picture-submissions/*","picture-submissions/"]}},"Effect":"Allow","Resource":"arn:aws:s3:::bkt"}
            {"Action":"s3:PutObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/picture-submissions/*"}
        "#
        )
    );
    assert_eq!(
        statements_of(drive, Role::Authenticated),
        parse(
            r#"
            {"Action":"s3:GetObject","Effect":"Allow","Resource":["arn:aws:s3:::bkt/profile-pictures/S/*","arn:aws:s3:::bkt/picture-submissions/*"]}
            {"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["profile-pictures/S/*","profile-pictures/S/","picture-submissions/*","picture-submissions/"]}},"Effect":"Allow","Resource":"arn:aws:s3:::bkt"}
            {"Action":"s3:PutObject","Effect":"Allow","Resource":["arn:aws:s3:::bkt/profile-pictures/S/*","arn:aws:s3:::bkt/picture-submissions/*"]}
            {"Action":"s3:DeleteObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/profile-pictures/S/*"}
        "#
        )
    );

    let two = example("two-buckets").backend;
    assert!(plan(&two.storages[0]).is_empty());
    assert_eq!(
        statements_of(&two.storages[1], Role::Authenticated),
        parse(
            r#"
            {"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/private/S/*"}
            {"Action":"s3:ListBucket","Condition":{"StringLike":{"s3:prefix":["private/S/*","private/S/"]}},"Effect":"Allow","Resource":"arn:aws:s3:::bkt"}
            {"Action":"s3:PutObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/private/S/*"}
            {"Action":"s3:DeleteObject","Effect":"Allow","Resource":"arn:aws:s3:::bkt/private/S/*"}
        "#
        )
    );
}
