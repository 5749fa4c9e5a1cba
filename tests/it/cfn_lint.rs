//! AWS's own linter (cfn-lint, with CloudFormation's resource schemas) over every
//! template ampx-rs makes: the examples, the real-world-shaped fixtures and 200 random
//! backends (with the defineAuth options of real apps) (several buckets, with
//! and without access and auth, groups, phone sign-in, long names). Any error fails;
//! warnings are printed by cfn-lint and do not fail.

use ampx_rs::model::{
    Auth, AuthOptions, Backend, CustomAttribute, EmailSender, EmailVerification, Invitation,
    Multifactor, Span, UserAttribute,
};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

use crate::common::strategies::storage;
use crate::common::{ampx, copy_definition, required_env, stderr};

/// The `defineAuth` options of the real apps: none, user attributes (standard and
/// custom), MFA with SMS and TOTP, link verification with invitations, an SES sender.
fn auth_options(kind: u8) -> AuthOptions {
    let attribute =
        |name: &str, custom: Option<(&str, Option<&str>, Option<&str>)>, required| UserAttribute {
            name: name.into(),
            custom: custom.map(|(t, min, max)| CustomAttribute {
                data_type: t.into(),
                min: min.map(Into::into),
                max: max.map(Into::into),
            }),
            required,
            mutable: true,
        };
    match kind {
        1 => AuthOptions {
            user_attributes: vec![
                attribute("given_name", None, true),
                attribute("preferred_username", None, false),
                attribute(
                    "display_name",
                    Some(("String", Some("1"), Some("64"))),
                    false,
                ),
                attribute("age", Some(("Number", None, Some("150"))), false),
                attribute("is_admin", Some(("Boolean", None, None)), false),
                attribute("joined", Some(("DateTime", None, None)), false),
            ],
            ..AuthOptions::default()
        },
        2 => AuthOptions {
            multifactor: Some(Multifactor {
                mode: "OPTIONAL".into(),
                sms: true,
                totp: true,
                email: false,
                sms_message: Some("Your code is {####}".into()),
            }),
            account_recovery: Some("EMAIL_AND_PHONE_WITHOUT_MFA".into()),
            ..AuthOptions::default()
        },
        3 => AuthOptions {
            email_verification: EmailVerification {
                link: true,
                subject: Some("Welcome".into()),
                body: Some("Click {##here##}".into()),
            },
            invitation: Some(Invitation {
                email_subject: Some("Invited".into()),
                email_body: Some("{username} / {####}".into()),
                sms_message: None,
            }),
            ..AuthOptions::default()
        },
        4 => AuthOptions {
            email_sender: Some(EmailSender {
                from_email: "noreply@example.com".into(),
                from_name: Some("Team, Drive".into()),
                reply_to: Some("help@example.com".into()),
            }),
            name: Some("team-drive-users".into()),
            multifactor: Some(Multifactor {
                mode: "REQUIRED".into(),
                sms: true,
                totp: false,
                email: false,
                sms_message: None,
            }),
            ..AuthOptions::default()
        },
        _ => AuthOptions::default(),
    }
}

fn random_backends(count: usize) -> Vec<Backend> {
    let shape = (
        proptest::collection::vec(storage(), 1..5),
        0..4u8,
        proptest::bool::ANY,
        0..48usize,
        0..6u8,
    );
    let mut runner = TestRunner::deterministic();
    (0..count)
        .map(|_| {
            let (storages, sign_in, auth_without_rules, long, options) =
                shape.new_tree(&mut runner).expect("a value").current();
            let storages: Vec<_> = storages
                .into_iter()
                .enumerate()
                .map(|(i, mut s)| {
                    s.name = format!("bucket{i}{}", "x".repeat(long));
                    s.is_default = (i == 0).then(Span::default);
                    s
                })
                .collect();
            // Rules name roles, so any rule needs auth (as validation requires).
            let has_rules = storages.iter().any(|s| s.access.is_some());
            let auth = (has_rules || auth_without_rules).then(|| Auth {
                email: sign_in != 1,
                phone: sign_in >= 1,
                groups: vec!["admin".into(), "editors".into()],
                span: Span::default(),
                options: auth_options(options),
                reference: None,
            });
            Backend {
                storages,
                auth,
                span: Span::default(),
                left_out: Vec::new(),
            }
        })
        .collect()
}

#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn cfn_lint_finds_no_error_in_any_template() {
    let cfn_lint = required_env("AMPX_TEST_CFN_LINT");
    let dir = tempfile::tempdir().expect("dir");
    let mut files = Vec::new();
    for example in ["team-drive", "social-room", "two-buckets"] {
        let project = dir.path().join(example);
        copy_definition(example, &project);
        let file = dir.path().join(format!("{example}.json"));
        let out = ampx(&project)
            .args(["synth", "--out"])
            .arg(&file)
            .output()
            .expect("runs");
        assert!(out.status.success(), "{example}: {}", stderr(&out));
        files.push(file);
    }
    // The pinned templates of the real-world-shaped fixtures (every auth option).
    for name in [
        "data-and-functions",
        "cdk-grants",
        "auth-options",
        "export-default",
        "large",
        "reference-auth",
    ] {
        files.push(
            crate::common::repo()
                .join("tests/fixtures/templates")
                .join(format!("{name}.json")),
        );
    }
    for (i, backend) in random_backends(200).iter().enumerate() {
        let summary = ampx_rs::outputs::Summary::of(backend);
        let template = ampx_rs::template::synthesize(backend, &summary);
        let file = dir.path().join(format!("random-{i:03}.json"));
        std::fs::write(&file, serde_json::to_vec_pretty(&template).expect("json")).expect("write");
        files.push(file);
    }
    let out = std::process::Command::new(&cfn_lint)
        .args(["--format", "parseable", "--"])
        .args(&files)
        .output()
        .expect("cfn-lint runs");
    let report = String::from_utf8_lossy(&out.stdout);
    let errors: Vec<&str> = report
        .lines()
        .filter(|l| {
            l.split(':')
                .nth(5)
                .is_some_and(|rule| rule.starts_with('E'))
        })
        .collect();
    // cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational.
    let code = out.status.code().unwrap_or(1);
    assert!(
        errors.is_empty() && code & 2 == 0 && code & !(2 | 4 | 8) == 0,
        "cfn-lint exit {code} on {} templates:\n{}\n{}",
        files.len(),
        errors.join("\n"),
        String::from_utf8_lossy(&out.stderr)
    );
}
