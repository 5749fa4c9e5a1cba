use proptest::prelude::*;

use crate::model::{Action, Principal};
use crate::test_support::{TestProject, example, storage, storage_project};

const BACKEND: &str = "import { defineBackend } from '@aws-amplify/backend';\n\
                       import { auth } from './auth/resource';\n\
                       import { storage } from './storage/resource';\n\
                       defineBackend({ auth, storage });\n";
const AUTH: &str = "import { defineAuth } from '@aws-amplify/backend';\n\
                    export const auth = defineAuth({ loginWith: { email: true } });\n";

fn project(storage_ts: &str) -> TestProject {
    TestProject::new()
        .file("amplify/backend.ts", BACKEND)
        .file("amplify/auth/resource.ts", AUTH)
        .file("amplify/storage/resource.ts", storage_ts)
}

/// The rendered diagnostics of an invalid project, with the temp dir path removed.
fn errors(p: &TestProject) -> String {
    match p.load() {
        Ok(_) => panic!("expected the definition to be invalid"),
        Err(d) => d.render(),
    }
}

#[test]
fn examples_evaluate() {
    let drive = example("team-drive").backend;
    assert_eq!(drive.storages.len(), 1);
    let s = &drive.storages[0];
    assert_eq!(s.name, "amplifyTeamDrive");
    let paths: Vec<&str> = s
        .access
        .as_ref()
        .expect("access")
        .iter()
        .map(|p| p.path.as_str())
        .collect();
    assert_eq!(
        paths,
        ["profile-pictures/{entity_id}/*", "picture-submissions/*"]
    );
    let first = &s.access.as_ref().expect("access")[0].rules;
    assert_eq!(first[0].principal, Principal::Guest);
    assert_eq!(first[0].actions, [Action::Get, Action::List]);
    assert_eq!(first[1].principal, Principal::Owner);
    assert_eq!(
        first[1].actions,
        [Action::Get, Action::List, Action::Write, Action::Delete]
    );
    assert!(drive.auth.as_ref().expect("auth").email);

    let room = example("social-room").backend;
    assert_eq!(room.auth.expect("auth").groups, ["admin"]);
    let two = example("two-buckets").backend;
    assert_eq!(two.storages.len(), 2);
    assert!(two.storages[0].is_default.is_some());
    assert!(two.storages[0].access.is_none());
}

#[test]
fn the_evaluator_follows_typescript_forms() {
    let p = TestProject::new()
        .file(
            "amplify/backend.ts",
            "import { defineBackend as backend } from '@aws-amplify/backend';\n\
             import type { Foo } from './types';\n\
             import { auth } from './auth/index.js';\n\
             import { files as myFiles } from './storage/resource.js';\n\
             type Unused = string;\n\
             const b = backend({ auth, myFiles } as const);\n",
        )
        .file(
            "amplify/auth/index.ts",
            "export { auth } from './resource';\n",
        )
        .file(
            "amplify/auth/resource.ts",
            "import { defineAuth } from '@aws-amplify/backend';\n\
             const groups = ['admin', 'editors'] as const;\n\
             const auth = defineAuth({ loginWith: { email: true, phone: true }, groups: [...groups] });\n\
             export { auth };\n",
        )
        .file(
            "amplify/storage/resource.ts",
            "import { defineStorage as ds } from \"@aws-amplify/backend\";\n\
             const NAME = `teamFiles`;\n\
             const readers = ['admin'];\n\
             interface Shape { a: string }\n\
             export const files = ds({\n\
               name: NAME,\n\
               isDefault: true,\n\
               versioned: false satisfies boolean,\n\
               access: allow => {\n\
                 const read = ['read'] as const;\n\
                 const editors = allow.groups(['editors']).to(['read', 'write']);\n\
                 return {\n\
                   'docs/*': [allow.groups([...readers]).to([...read]), editors],\n\
                   [`public/*`]: [(allow.guest).to(['get'])],\n\
                 };\n\
               },\n\
             });\n",
        );
    let def = match p.load() {
        Ok(def) => def,
        Err(d) => panic!("{}", d.render()),
    };
    let s = &def.backend.storages[0];
    assert_eq!(s.name, "teamFiles");
    let access = s.access.as_ref().expect("access");
    assert_eq!(access[0].rules.len(), 2);
    assert_eq!(
        access[0].rules[1].principal,
        Principal::Group("editors".into())
    );
    assert_eq!(access[1].path, "public/*");
    let auth = def.backend.auth.expect("auth");
    assert!(auth.email && auth.phone);
    assert_eq!(auth.groups, ["admin", "editors"]);
}

#[test]
fn unsupported_constructs_are_named_at_their_location() {
    let p = project(
        "import { defineStorage } from '@aws-amplify/backend';\n\
         export const storage = defineStorage({\n\
           name: process.env.BUCKET,\n\
         });\n",
    );
    let out = errors(&p);
    assert!(
        out.contains(
            "[UnsupportedExpressionError] `process` (a Node.js global) cannot be evaluated"
        ),
        "{out}"
    );
    assert!(out.contains("amplify/storage/resource.ts:3:7"), "{out}");
    assert!(
        out.contains("3 | name: process.env.BUCKET,\n  |       ^^^^^^^"),
        "{out}"
    );
    assert!(out.contains("hint: "), "{out}");
}

/// Left-out items as `line kind what [access]` lines, for short assertions.
fn left_out_lines(definition: &crate::project::Definition) -> Vec<String> {
    definition
        .backend
        .left_out
        .iter()
        .map(|item| {
            let (line, _) = definition.sources.line_col(item.span);
            let file = &definition.sources.get(item.span.file).rel;
            let access = if item.touches_access { " [access]" } else { "" };
            format!("{file}:{line} {} {}{access}", item.kind, item.what)
        })
        .collect()
}

#[test]
fn function_rules_and_triggers_are_left_out_by_name() {
    let p = project(
        "import { defineStorage, defineFunction } from '@aws-amplify/backend';\n\
         const fn = defineFunction({});\n\
         export const storage = defineStorage({\n\
           name: 'files',\n\
           triggers: { onUpload: fn, onDelete: fn },\n\
           access: (allow) => ({ 'a/*': [allow.resource(fn).to(['read']), allow.guest.to(['read'])] }),\n\
         });\n",
    );
    let definition = p.load().unwrap_or_else(|d| panic!("{}", d.render()));
    assert_eq!(
        left_out_lines(&definition),
        [
            "amplify/storage/resource.ts:5 storage trigger triggers.onUpload",
            "amplify/storage/resource.ts:5 storage trigger triggers.onDelete",
            "amplify/storage/resource.ts:6 function access allow.resource(fn).to(['read']) [access]",
        ]
    );
    let rules = &definition.backend.storages[0]
        .access
        .as_ref()
        .expect("access")[0]
        .rules;
    assert_eq!(
        rules.len(),
        1,
        "the guest rule stays, the function's is left out"
    );
}

#[test]
fn a_real_backend_with_data_functions_and_cdk_code_evaluates() {
    let definition = crate::test_support::real_fixture("data-and-functions");
    assert_eq!(definition.backend.storages[0].name, "photos");
    assert_eq!(
        definition.backend.auth.as_ref().expect("auth").groups,
        ["ADMINS", "EDITORS"]
    );
    assert_eq!(
        left_out_lines(&definition),
        [
            "amplify/backend.ts:11 data data: defineData(...)",
            "amplify/backend.ts:13 function sayHello: defineFunction(...)",
            "amplify/backend.ts:14 function resize: defineFunction(...)",
            "amplify/backend.ts:17 backend code backend.addOutput(...)",
            "amplify/backend.ts:24 backend code Tags.of(backend.stack).add('team', 'photos')",
            "amplify/storage/resource.ts:8 storage trigger triggers.onUpload",
            "amplify/storage/resource.ts:13 function access allow.resource(resize).to(['read', 'write']) [access]",
        ]
    );
}

#[test]
fn cdk_grants_and_overrides_are_left_out_and_flagged() {
    let definition = crate::test_support::real_fixture("cdk-grants");
    let lines = left_out_lines(&definition);
    assert_eq!(
        lines,
        [
            "amplify/backend.ts:8 backend code const s3Bucket = backend.storage.resources.bucket",
            "amplify/backend.ts:9 backend code const { cfnBucket } = backend.storage.resources.cfnResources",
            "amplify/backend.ts:11 backend code cfnBucket.accelerateConfiguration = {...}",
            "amplify/backend.ts:15 backend code cfnBucket.corsConfiguration = {...} [access]",
            "amplify/backend.ts:19 backend code s3Bucket.grantRead(...) [access]",
            "amplify/backend.ts:21 backend code backend.auth.resources.authenticatedUserIamRole.addToPrincipalPolicy(...) [access]",
            "amplify/backend.ts:28 backend code if (process.env.CI) {...}",
        ]
    );
}

#[test]
fn every_auth_option_is_read() {
    let definition = crate::test_support::real_fixture("auth-options");
    let auth = definition.backend.auth.as_ref().expect("auth");
    let options = &auth.options;
    assert_eq!(options.name.as_deref(), Some("team-drive-users"));
    assert_eq!(
        options.email_verification.subject.as_deref(),
        Some("Welcome to Team Drive")
    );
    assert_eq!(
        options.email_verification.body.as_deref(),
        Some("Use this code to confirm your account: {####}")
    );
    let invitation = options.invitation.as_ref().expect("invitation");
    assert_eq!(
        invitation.email_body.as_deref(),
        Some("Sign in as {username} with {####}")
    );
    let schema = auth.schema();
    let names: Vec<&str> = schema.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "email",
            "given_name",
            "preferred_username",
            "display_name",
            "age",
            "is_beta"
        ]
    );
    assert_eq!(auth.signup_attributes(), ["email", "given_name"]);
    let age = &schema[4];
    let custom = age.custom.as_ref().expect("custom");
    assert_eq!(
        (
            custom.data_type.as_str(),
            custom.min.as_deref(),
            custom.max.as_deref()
        ),
        ("Number", Some("0"), Some("150"))
    );
    assert_eq!(auth.mfa_configuration(), "OPTIONAL");
    assert_eq!(auth.enabled_mfas(), ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
    assert_eq!(
        options
            .multifactor
            .as_ref()
            .and_then(|m| m.sms_message.as_deref()),
        Some("Your sign-in code is {####}")
    );
    assert_eq!(
        options.email_sender.as_ref().map(|s| s.from_email.as_str()),
        Some("noreply@example.com")
    );
    assert_eq!(
        left_out_lines(&definition),
        [
            "amplify/auth/resource.ts:18 sign-in provider loginWith.externalProviders: google",
            "amplify/auth/resource.ts:51 auth trigger triggers.postConfirmation",
            "amplify/auth/resource.ts:53 auth access access: functions allowed to act on the user pool [access]",
        ]
    );
}

#[test]
fn default_exports_split_packages_and_undefined_are_accepted() {
    let definition = crate::test_support::real_fixture("export-default");
    assert_eq!(definition.backend.storages[0].name, "events");
    let auth = definition.backend.auth.as_ref().expect("auth");
    assert!(auth.email && !auth.phone);
    assert_eq!(
        left_out_lines(&definition),
        [
            "amplify/backend.ts:9 backend code const customStack = backend.createStack('analytics')",
            "amplify/backend.ts:10 backend code new Bucket(...)",
        ]
    );
    let p = project(
        "import { defineStorage } from '@aws-amplify/backend';\nexport const storage = defineStorage({ name: 'x', access: (allow) => ({ 'a/*': [allow.authenticated.to(['read'])] }) });\n",
    )
    .file(
        "amplify/backend.ts",
        "import { defineBackend } from '@aws-amplify/backend';\nimport { auth } from './auth/resource';\nimport { storage } from './storage/resource';\nexport default defineBackend({ auth, storage });\n",
    );
    let definition = p.load().unwrap_or_else(|d| panic!("{}", d.render()));
    assert!(definition.backend.left_out.is_empty());
}

#[test]
fn explicit_auth_defaults_give_the_same_pool_as_none() {
    let pool = |auth_ts: &str| {
        let p = project("import { defineStorage } from '@aws-amplify/backend';\nexport const storage = defineStorage({ name: 'x' });\n")
            .file("amplify/auth/resource.ts", auth_ts);
        let definition = p.load().unwrap_or_else(|d| panic!("{}", d.render()));
        definition.template()["Resources"].clone()
    };
    let plain = pool(AUTH);
    for explicit in [
        "userAttributes: {}",
        "userAttributes: { email: { required: true, mutable: true } }",
        "accountRecovery: 'EMAIL_ONLY'",
        "multifactor: undefined",
        "groups: []",
    ] {
        let text = format!(
            "import {{ defineAuth }} from '@aws-amplify/backend';\nexport const auth = defineAuth({{ loginWith: {{ email: true }}, {explicit} }});\n"
        );
        assert_eq!(pool(&text), plain, "{explicit}");
    }
    let with_code = "import { defineAuth } from '@aws-amplify/backend';\nexport const auth = defineAuth({ loginWith: { email: { verificationEmailBody: (c) => `The verification code to your new account is ${c()}` } } });\n";
    assert_eq!(pool(with_code), plain, "the default body written out");
}

#[test]
fn one_auth_problem_is_one_error() {
    // An unreadable option must not turn every storage rule into a MissingAuthError.
    let p = storage_project(&[], "{ 'a/*': [allow.authenticated.to(['read'])], 'b/*': [allow.guest.to(['read'])] }")
        .file(
            "amplify/auth/resource.ts",
            "import { defineAuth } from '@aws-amplify/backend';\nexport const auth = defineAuth({ loginWith: { email: true }, accountRecovery: 'SMOKE_SIGNALS' });\n",
        );
    let out = errors(&p);
    assert!(
        out.contains("'SMOKE_SIGNALS' is not a value of `accountRecovery`"),
        "{out}"
    );
    assert!(!out.contains("MissingAuthError"), "{out}");
    assert!(out.ends_with("has 1 problem"), "{out}");
    let p = storage_project(&[], "{ 'a/*': [allow.authenticated.to(['read'])] }").file(
        "amplify/auth/resource.ts",
        "import { defineAuth } from '@aws-amplify/backend';\nexport const auth = defineAuth(settings);\n",
    );
    let out = errors(&p);
    assert!(!out.contains("MissingAuthError"), "{out}");
    assert!(out.ends_with("has 1 problem"), "{out}");
}

#[test]
fn message_callbacks_must_use_their_placeholder() {
    let p = storage_project(&[], "{ 'a/*': [allow.guest.to(['read'])] }").file(
        "amplify/auth/resource.ts",
        "import { defineAuth } from '@aws-amplify/backend';\nexport const auth = defineAuth({ loginWith: { email: { verificationEmailBody: () => 'no code here' } } });\n",
    );
    let out = errors(&p);
    assert!(
        out.contains(
            "Property 'verificationEmailBody' must utilize the 'code' parameter at least once"
        ),
        "{out}"
    );
}

#[test]
fn syntax_errors_have_a_frame() {
    let p = project(
        "import { defineStorage } from '@aws-amplify/backend';\nexport const storage = defineStorage({ name: 'x' ;\n",
    );
    let out = errors(&p);
    assert!(
        out.starts_with("[SyntaxError] Expected `,` or `}` but found `;`"),
        "{out}"
    );
    assert!(out.ends_with("has 1 problem"), "{out}");
    assert!(out.contains("amplify/storage/resource.ts:2:"), "{out}");
}

#[test]
fn missing_imports_and_names_are_reported() {
    let p = TestProject::new().file(
        "amplify/backend.ts",
        "import { defineBackend } from '@aws-amplify/backend';\n\
         import { storage } from './storage/nowhere';\n\
         defineBackend({ storage, other });\n",
    );
    let out = errors(&p);
    assert!(
        out.contains("[UnresolvedImportError] cannot find module './storage/nowhere'"),
        "{out}"
    );
    assert!(out.contains("backend.ts:2:25"), "{out}");
}

#[test]
fn every_problem_of_every_file_at_once() {
    let p = storage_project(
        &[],
        "{ 'foo': [allow.guest.to(['read'])], 'bar/*': [allow.guest.to(['read']), allow.guest.to(['write'])], 'x/*': [allow.groups(['ghosts']).to(['read'])] }",
    );
    let out = errors(&p);
    assert!(out.contains("[InvalidStorageAccessPathError] Storage access paths must end with \"/*\". Found [foo]."), "{out}");
    assert!(out.contains("[InvalidStorageAccessDefinitionError] Entity access definition for guest users specified multiple times."), "{out}");
    assert!(
        out.contains("[InvalidResourceAccessConfigError] No auth IAM role found for \"ghosts\"."),
        "{out}"
    );
    assert!(
        out.ends_with("error: the backend definition has 3 problems"),
        "{out}"
    );
}

#[test]
fn errors_point_where_the_fix_goes() {
    // The duplicate rule is reported at the second rule, the unknown group at its call.
    let p = storage_project(
        &[],
        "{\n    'a/*': [allow.guest.to(['get']),\n            allow.guest.to(['list'])],\n  }",
    );
    let out = errors(&p);
    assert!(out.contains("resource.ts:6:13"), "{out}");
}

#[test]
fn default_bucket_rules() {
    let backend = "import { defineBackend } from '@aws-amplify/backend';\n\
                   import { a, b } from './storage/resource';\n\
                   defineBackend({ a, b });\n";
    let none = TestProject::new().file("amplify/backend.ts", backend).file(
        "amplify/storage/resource.ts",
        "import { defineStorage } from '@aws-amplify/backend';\n\
         export const a = defineStorage({ name: 'a' });\n\
         export const b = defineStorage({ name: 'b' });\n",
    );
    let out = errors(&none);
    assert_eq!(
        out.matches("[NoDefaultStorageError] No default storage set in the Amplify project.")
            .count(),
        2,
        "{out}"
    );
    let both = TestProject::new().file("amplify/backend.ts", backend).file(
        "amplify/storage/resource.ts",
        "import { defineStorage } from '@aws-amplify/backend';\n\
         export const a = defineStorage({ name: 'a', isDefault: true });\n\
         export const b = defineStorage({ name: 'a', isDefault: true });\n",
    );
    let out = errors(&both);
    assert!(out.contains("[MultipleDefaultStorageError] More than one default storage set in the Amplify project."), "{out}");
    assert!(out.contains("resource.ts:3:45"), "{out}");
    assert!(
        out.contains("[DuplicateStorageNameError] More than one storage resource is named [a]."),
        "{out}"
    );
}

#[test]
fn storage_must_live_in_storage_resource_ts() {
    let p = TestProject::new().file(
        "amplify/backend.ts",
        "import { defineBackend, defineStorage } from '@aws-amplify/backend';\n\
             defineBackend({ s: defineStorage({ name: 'inline' }) });\n",
    );
    let out = errors(&p);
    assert!(
        out.contains("Amplify Storage must be defined in amplify/storage/resource.ts"),
        "{out}"
    );
}

#[test]
fn auth_rules_need_auth() {
    let p = TestProject::new()
        .file(
            "amplify/backend.ts",
            "import { defineBackend } from '@aws-amplify/backend';\nimport { storage } from './storage/resource';\ndefineBackend({ storage });\n",
        )
        .file(
            "amplify/storage/resource.ts",
            "import { defineStorage } from '@aws-amplify/backend';\n\
             export const storage = defineStorage({ name: 's', access: (allow) => ({ 'a/*': [allow.guest.to(['read'])] }) });\n",
        );
    let out = errors(&p);
    assert!(
        out.contains(
            "Cannot specify auth access for unauthenticatedUserIamRole users without defining auth."
        ),
        "{out}"
    );
}

#[test]
fn empty_actions_and_bad_names() {
    let p = project(
        "import { defineStorage } from '@aws-amplify/backend';\n\
         export const storage = defineStorage({ name: '1bad!', access: (allow) => ({ 'a/*': [allow.guest.to([])] }) });\n",
    );
    let out = errors(&p);
    assert!(
        out.contains("[EmptyPolicyFault] At least one permission must be specified"),
        "{out}"
    );
    assert!(
        out.contains(
            "[InvalidResourceNameError] Resource name contains invalid characters, found 1bad!"
        ),
        "{out}"
    );
}

#[test]
fn read_expands_and_deduplicates_in_order() {
    let s = storage(
        &[],
        "{ 'a/*': [allow.authenticated.to(['write', 'read', 'get', 'delete'])] }",
    );
    let actions = &s.access.expect("access")[0].rules[0].actions;
    assert_eq!(
        actions,
        &[Action::Write, Action::Get, Action::List, Action::Delete]
    );
}

#[test]
fn reference_cycles_do_not_hang() {
    let p = project(
        "import { defineStorage } from '@aws-amplify/backend';\n\
         const a = b;\nconst b = a;\n\
         export const storage = defineStorage({ name: a });\n",
    );
    let out = errors(&p);
    assert!(out.contains("refers to itself"), "{out}");
}

/// The definition files of the examples and of the real-world-shaped fixtures, three
/// per project: backend, storage, auth.
fn example_sources() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        "examples/team-drive",
        "examples/social-room",
        "examples/two-buckets",
        "tests/fixtures/real/data-and-functions",
        "tests/fixtures/real/cdk-grants",
        "tests/fixtures/real/auth-options",
        "tests/fixtures/real/export-default",
    ]
    .iter()
    .flat_map(|e| {
        [
            "amplify/backend.ts",
            "amplify/storage/resource.ts",
            "amplify/auth/resource.ts",
        ]
        .map(|f| std::fs::read_to_string(root.join(e).join(f)).expect("example file"))
    })
    .collect()
}

/// A mutation of one of the example files: truncated, a byte range replaced, or a
/// token inserted.
fn mutated() -> impl Strategy<Value = (usize, String)> {
    let sources = example_sources();
    let n = sources.len();
    let tokens = prop::sample::select(vec![
        "(",
        ")",
        "{",
        "}",
        "[",
        "]",
        "'",
        "\"",
        "`",
        ",",
        ";",
        "=>",
        "...",
        "allow",
        "defineStorage(",
        "process.env.X",
        "{entity_id}",
        "/*",
        "*",
        "import",
        "export",
        "const",
        "\\",
        "\u{e9}",
        "\n",
        "${x}",
        "undefined",
        "backend.storage.resources.bucket.grantRead(x);",
        "a.model({})",
        "secret('X')",
        "export default ",
        "(c) => `${c()}`",
    ]);
    (
        0..n,
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        tokens,
        0..3u8,
    )
        .prop_map(move |(file, a, b, token, kind)| {
            let text = &sources[file];
            let mut at = a.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = at + b.index(text.len() - at + 1);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let out = match kind {
                0 => text[..at].to_string(),
                1 => format!("{}{}{}", &text[..at], token, &text[end..]),
                _ => format!("{}{}{}", &text[..at], token, &text[at..]),
            };
            (file % 3, out)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Whatever the files say, evaluation ends with a backend or located errors.
    #[test]
    fn mutated_examples_never_panic((slot, text) in mutated()) {
        let rel = ["amplify/backend.ts", "amplify/storage/resource.ts", "amplify/auth/resource.ts"][slot];
        let p = project(
            "import { defineStorage } from '@aws-amplify/backend';\n\
             export const storage = defineStorage({ name: 'x', access: (allow) => ({ 'a/*': [allow.guest.to(['read'])] }) });\n",
        )
        .file(rel, &text);
        if let Err(d) = p.load() {
            prop_assert!(!d.list.is_empty());
            let rendered = d.render();
            prop_assert!(rendered.contains("-->"));
        }
    }
}

/// r13: nesting deep enough to overflow the stack is a located error, not a crash.
#[test]
fn r13_deep_nesting_is_a_located_error() {
    for (open, close) in [("[", "]"), ("(", ")"), ("{ a: ", "}")] {
        let deep = format!(
            "import {{ defineStorage }} from '@aws-amplify/backend';\n\
             export const storage = defineStorage({{ name: 'x', isDefault: {}true{} }});\n",
            open.repeat(5000),
            close.repeat(5000)
        );
        let out = errors(&project(&deep));
        assert!(
            out.starts_with(
                "[NestingTooDeepError] brackets are nested more than 200 levels deep here"
            ),
            "{out}"
        );
        assert!(out.contains("amplify/storage/resource.ts:2:"), "{out}");
    }
    // Brackets in strings and comments do not count.
    let text = format!(
        "const a = '{}'; // {}\n/* {} */ const b = \"{}\";",
        "[".repeat(300),
        "(".repeat(300),
        "{".repeat(300),
        "[".repeat(300)
    );
    assert_eq!(super::syntax::too_deep(&text), None);
    assert_eq!(super::syntax::too_deep(&"[".repeat(201)), Some(200));
}

/// r23: chains without brackets (`?:`, `!`, `=>`, `new`, `a.b.…`, `A<B<…>>`) as deep
/// as a file allows are located errors where the rules use them, and read past where
/// nothing does: never a stack overflow.
#[test]
fn r23_deep_chains_without_brackets_never_overflow() {
    let chains = [
        "a ? 'read' : ".repeat(30_000) + "'read'",
        "!".repeat(70_000) + "a",
        "a => ".repeat(20_000) + "'read'",
        "new ".repeat(50_000) + "A",
        "a".to_string() + &".b".repeat(100_000),
        "- ".repeat(70_000) + "1",
    ];
    for chain in &chains {
        let used = format!(
            "import {{ defineStorage }} from '@aws-amplify/backend';\n\
             export const storage = defineStorage({{ name: 'x', isDefault: true, access: (allow) => ({{\n\
             'a/*': [allow.guest.to([{chain}])] }}) }});\n"
        );
        let out = errors(&project(&used));
        assert!(
            out.contains("amplify/storage/resource.ts:3:"),
            "{}",
            &out[..200]
        );
        let unused = format!(
            "import {{ defineStorage }} from '@aws-amplify/backend';\n\
             const unused = {chain};\n\
             export const storage = defineStorage({{ name: 'x', isDefault: true }});\n"
        );
        assert!(project(&unused).load().is_ok());
    }
    let types = format!(
        "import {{ defineStorage }} from '@aws-amplify/backend';\n\
         type T = {}B{};\n\
         export const storage = defineStorage({{ name: 'x', isDefault: true }});\n",
        "A<".repeat(30_000),
        ">".repeat(30_000)
    );
    assert!(project(&types).load().is_ok());
    let huge = format!(
        "import {{ defineStorage }} from '@aws-amplify/backend';\n// {}\n",
        "x".repeat(super::syntax::MAX_FILE_BYTES)
    );
    assert!(errors(&project(&huge)).starts_with("[FileTooLargeError]"));
}

/// A wrong action and a wrong path in one `defineStorage` are both reported at once, and
/// a rule whose actions are all wrong adds no second error for being empty.
#[test]
fn a_wrong_action_does_not_hide_a_wrong_path() {
    let p = storage_project(
        &[],
        "{\n    'photos': [allow.guest.to(['read'])],\n    'a/*': [allow.guest.to(['read', 'wrte'])],\n    'b/*': [allow.guest.to(['nope'])],\n  }",
    );
    let out = errors(&p);
    assert!(out.contains("Found [photos]"), "{out}");
    assert!(out.contains("'wrte' is not a storage action"), "{out}");
    assert!(out.contains("'nope' is not a storage action"), "{out}");
    assert!(!out.contains("EmptyPolicyFault"), "{out}");
    assert!(out.contains("3 problems"), "{out}");
}

/// r13: Latin-1 bytes in a comment are replaced, not fatal; the file is still read.
#[test]
fn r13_invalid_utf8_in_a_comment_is_not_fatal() {
    let p = project(
        "import { defineStorage } from '@aws-amplify/backend';\n\
         export const storage = defineStorage({ name: 'files', isDefault: true });\n",
    );
    let path = p.root().join("amplify/storage/resource.ts");
    let mut bytes = b"// Caf\xe9 photos (Latin-1)\n".to_vec();
    bytes.extend(std::fs::read(&path).expect("read"));
    std::fs::write(&path, bytes).expect("write");
    let backend = p.load().expect("loads").backend;
    assert_eq!(backend.storages[0].name, "files");
}

#[test]
fn group_names_cognito_refuses_are_definition_errors() {
    for bad in ["team admins", "tab\there", &"g".repeat(129)] {
        let p = storage_project(&[bad], "{ 'a/*': [allow.authenticated.to(['read'])] }");
        let out = errors(&p);
        assert!(out.contains("[InvalidGroupNameError]"), "{bad}: {out}");
        assert!(
            out.contains("auth/resource.ts:2:"),
            "{bad}: located at defineAuth: {out}"
        );
    }
    for good in ["admin", "ADMINS", "team-admins_2.0", "équipe"] {
        let p = storage_project(&[good], "{ 'a/*': [allow.authenticated.to(['read'])] }");
        assert!(p.load().is_ok(), "{good}");
    }
}

/// Statements real backend.ts files hold beside `defineBackend`, each with whether it
/// runs code (and so must be named as left out) and whether it touches access.
const BACKEND_STATEMENTS: &[(&str, bool, bool)] = &[
    ("backend.addOutput({ custom: { a: 1 } });", true, false),
    ("Tags.of(backend.stack).add('k', 'v');", true, false),
    (
        "backend.storage.resources.bucket.grantRead(backend.auth.resources.unauthenticatedUserIamRole);",
        true,
        true,
    ),
    (
        "backend.storage.resources.cfnResources.cfnBucket.corsConfiguration = { corsRules: [] };",
        true,
        true,
    ),
    (
        "backend.auth.resources.authenticatedUserIamRole.addToPrincipalPolicy(new PolicyStatement({}));",
        true,
        true,
    ),
    ("const stack = backend.createStack('custom');", true, false),
    ("new Bucket(backend.stack, 'Extra');", true, false),
    (
        "if (process.env.CI) { backend.addOutput({}); }",
        true,
        false,
    ),
    ("for (const x of [1]) { console.log(x); }", true, false),
    ("let counter = 0;", true, false),
    (
        "const { cfnUserPool } = backend.auth.resources.cfnResources;",
        true,
        false,
    ),
    ("cfnUserPool.deletionProtection = 'ACTIVE';", true, false),
    ("const greeting = 'hello';", false, false),
    ("const settings = { a: [1, 2], b: `x` };", false, false),
    ("function helper() { return 1; }", false, false),
    ("type Alias = string;", false, false),
    ("import { Stack } from 'aws-cdk-lib';", false, false),
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Nothing is dropped silently: every statement of backend.ts that runs code is
    /// named as left out, at its line, and flagged when it touches access; the rest
    /// (literals, declarations, imports, types) is not, and storage is read as ever.
    #[test]
    fn every_statement_that_runs_code_is_named(picks in prop::collection::vec(0..BACKEND_STATEMENTS.len(), 0..12)) {
        let mut text = String::from(
            "import { defineBackend } from '@aws-amplify/backend';\n\
             import { auth } from './auth/resource';\n\
             import { storage } from './storage/resource';\n\
             const backend = defineBackend({ auth, storage });\n",
        );
        let mut expected = Vec::new();
        for (i, &pick) in picks.iter().enumerate() {
            let (code, runs, touches) = BACKEND_STATEMENTS[pick];
            // Names declared twice would be a TypeScript error: number each line's.
            let code = code
                .replace("stack ", &format!("stack{i} "))
                .replace("counter", &format!("counter{i}"))
                .replace("greeting", &format!("greeting{i}"))
                .replace("settings", &format!("settings{i}"))
                .replace("helper", &format!("helper{i}"))
                .replace("Alias", &format!("Alias{i}"))
                .replace("{ cfnUserPool }", &format!("{{ cfnUserPool: pool{i} }}"));
            text.push_str(&code);
            text.push('\n');
            if runs {
                expected.push((5 + i, touches));
            }
        }
        let p = project("import { defineStorage } from '@aws-amplify/backend';\nexport const storage = defineStorage({ name: 'x', access: (allow) => ({ 'a/*': [allow.guest.to(['read'])] }) });\n")
            .file("amplify/backend.ts", &text);
        let definition = p.load().unwrap_or_else(|d| panic!("{}\n{text}", d.render()));
        let found: Vec<(usize, bool)> = definition
            .backend
            .left_out
            .iter()
            .map(|item| (definition.sources.line_col(item.span).0, item.touches_access))
            .collect();
        prop_assert_eq!(found, expected, "{}", text);
        prop_assert_eq!(definition.backend.storages.len(), 1);
    }
}

/// The entry is found as Amplify's `BackendLocator` finds it: `backend.js`, `.mjs`,
/// `.cjs`, then `.ts`; a JavaScript file imports the JavaScript file it names.
#[test]
fn a_javascript_backend_is_read_first_as_amplify_reads_it() {
    let storage_js = |name: &str| {
        format!(
            "import {{ defineStorage }} from '@aws-amplify/backend';\n\
             export const storage = defineStorage({{ name: '{name}', access: (allow) => ({{ 'photos/*': [allow.guest.to(['read'])] }}) }});\n"
        )
    };
    let js_backend = "import { defineBackend } from '@aws-amplify/backend';\n\
                      import { auth } from './auth/resource.js';\n\
                      import { storage } from './storage/resource.js';\n\
                      defineBackend({ auth, storage });\n";
    // A compiled copy beside the TypeScript sources: the JavaScript is what deploys.
    let p = TestProject::new()
        .file("amplify/backend.ts", BACKEND)
        .file("amplify/auth/resource.ts", AUTH)
        .file("amplify/storage/resource.ts", &storage_js("fromTs"))
        .file("amplify/backend.js", js_backend)
        .file("amplify/auth/resource.js", AUTH)
        .file("amplify/storage/resource.js", &storage_js("fromJs"));
    let definition = p.load().expect("valid");
    assert_eq!(definition.backend.storages[0].name, "fromJs");
    assert!(
        definition
            .entry_note()
            .is_some_and(|n| n.contains("reading amplify/backend.js, not amplify/backend.ts")),
        "{:?}",
        definition.entry_note()
    );
    // A JavaScript-only project (no TypeScript at all), found from a folder below it.
    let js_only = TestProject::new()
        .file("amplify/backend.mjs", js_backend)
        .file("amplify/auth/resource.js", AUTH)
        .file("amplify/storage/resource.js", &storage_js("onlyJs"));
    let found =
        crate::project::Project::discover(&js_only.root().join("amplify/storage")).expect("found");
    assert_eq!(found.root, js_only.root());
    let definition = js_only.load().expect("valid");
    assert_eq!(definition.backend.storages[0].name, "onlyJs");
    assert_eq!(definition.entry_note(), None);
    // TypeScript alone: as before, and no note.
    let ts = project(&storage_js("fromTs"));
    assert_eq!(ts.load().expect("valid").entry_note(), None);
}

/// Computed keys and member access on `const` objects and arrays, with `+` and
/// template literals, evaluate like any other `const` (real apps write paths so).
#[test]
fn computed_keys_from_const_objects_and_arrays_evaluate() {
    let p = TestProject::new()
        .file("amplify/backend.ts", BACKEND)
        .file("amplify/auth/resource.ts", AUTH)
        .file("amplify/storage/dirs.ts", "export const IMPORT_DIRS = { IN_DIR: 'imports/in/', OUT_DIR: 'imports/out/' } as const;\nexport const SHARED = ['shared/', 'archive/'];\n")
        .file(
            "amplify/storage/resource.ts",
            "import { defineStorage } from '@aws-amplify/backend';\n\
             import { IMPORT_DIRS, SHARED } from './dirs';\n\
             const MEDIA = 'media';\n\
             export const storage = defineStorage({\n\
               name: 'files',\n\
               access: (allow) => ({\n\
                 [IMPORT_DIRS.IN_DIR + '*']: [allow.authenticated.to(['read', 'write'])],\n\
                 [`${IMPORT_DIRS['OUT_DIR']}*`]: [allow.guest.to(['read'])],\n\
                 [SHARED[1] + '*']: [allow.groups(['admin']).to(['read'])],\n\
                 [MEDIA + '/{entity_id}/*']: [allow.entity('identity').to(['read', 'write', 'delete'])],\n\
               }),\n\
             });\n",
        )
        .file(
            "amplify/auth/resource.ts",
            "import { defineAuth } from '@aws-amplify/backend';\nexport const auth = defineAuth({ loginWith: { email: true }, groups: ['admin'] });\n",
        );
    let definition = p.load().unwrap_or_else(|d| panic!("{}", d.render()));
    let paths: Vec<(String, Vec<Principal>)> = definition.backend.storages[0]
        .access
        .iter()
        .flatten()
        .map(|a| {
            (
                a.path.clone(),
                a.rules.iter().map(|r| r.principal.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(
        paths,
        [
            ("imports/in/*".to_string(), vec![Principal::Authenticated]),
            ("imports/out/*".to_string(), vec![Principal::Guest]),
            (
                "archive/*".to_string(),
                vec![Principal::Group("admin".into())]
            ),
            ("media/{entity_id}/*".to_string(), vec![Principal::Owner]),
        ]
    );
    // A key only known when the app runs is refused, with where it is.
    let runtime = project(
        "import { defineStorage } from '@aws-amplify/backend';\n\
         export const storage = defineStorage({ name: 'f', access: (allow) => ({ [process.env.DIR + '*']: [allow.guest.to(['read'])] }) });\n",
    );
    let text = errors(&runtime);
    assert!(text.contains("amplify/storage/resource.ts:2:"), "{text}");
}

/// Messages: pure string methods evaluate; a callback that runs code (an `if`,
/// `new Date()`) is left out by name and the default message deployed, since a message
/// changes no access.
#[test]
fn messages_use_string_methods_or_are_left_out_by_name() {
    let with_auth = |auth: &str| {
        TestProject::new()
            .file("amplify/backend.ts", BACKEND)
            .file("amplify/auth/resource.ts", auth)
            .file(
                "amplify/storage/resource.ts",
                "import { defineStorage } from '@aws-amplify/backend';\nexport const storage = defineStorage({ name: 's' });\n",
            )
    };
    let evaluated = with_auth(
        "import { defineAuth } from '@aws-amplify/backend';\n\
         const APP = '  Photo Share  ';\n\
         export const auth = defineAuth({ loginWith: { email: {\n\
           verificationEmailSubject: `Welcome to ${APP.trim()}`.padEnd(22, '!'),\n\
           verificationEmailBody: (code) => `Code: ${code()}`.toUpperCase().replace('CODE', 'Your code') + ' — ' + APP.trim().slice(0, 5),\n\
         } } });\n",
    )
    .load()
    .unwrap_or_else(|d| panic!("{}", d.render()));
    let options = &evaluated.backend.auth.as_ref().expect("auth").options;
    assert_eq!(
        options.email_verification.subject.as_deref(),
        Some("Welcome to Photo Share")
    );
    assert_eq!(
        options.email_verification.body.as_deref(),
        Some("Your code: {####} — Photo")
    );
    assert!(evaluated.backend.left_out.is_empty());

    let left_out = with_auth(
        "import { defineAuth } from '@aws-amplify/backend';\n\
         export const auth = defineAuth({ loginWith: { email: {\n\
           verificationEmailBody: (code) => {\n\
             const year = new Date().getFullYear();\n\
             if (year > 2000) { return `${code()} (c) ${year}`; }\n\
             return code();\n\
           },\n\
         } } });\n",
    )
    .load()
    .unwrap_or_else(|d| panic!("{}", d.render()));
    assert_eq!(
        left_out
            .backend
            .auth
            .as_ref()
            .expect("auth")
            .options
            .email_verification
            .body,
        None
    );
    let item = &left_out.backend.left_out[0];
    assert!(
        item.what
            .starts_with("loginWith.email.verificationEmailBody (a message that runs code"),
        "{item:?}"
    );
    assert!(!item.touches_access);
}

const REFERENCE_STORAGE: &str = "import { defineStorage } from '@aws-amplify/backend';\n\
    export const storage = defineStorage({ name: 'shared', access: (allow) => ({\n\
      'team/*': [allow.groups(['ADMINS']).to(['read', 'write'])],\n\
      'public/*': [allow.guest.to(['read'])],\n\
    }) });\n";

fn reference_project(auth_ts: &str) -> TestProject {
    TestProject::new()
        .file("amplify/backend.ts", BACKEND)
        .file("amplify/auth/resource.ts", auth_ts)
        .file("amplify/storage/resource.ts", REFERENCE_STORAGE)
}

/// `referenceAuth` names existing resources: its ids and roles are read, its groups
/// are the groups storage rules may name, and `access` is left out by name.
#[test]
fn reference_auth_reads_existing_ids_roles_and_groups() {
    let p = reference_project(
        "import { referenceAuth } from '@aws-amplify/backend';\n\
         const ACCOUNT = '123456789012';\n\
         export const auth = referenceAuth({\n\
           userPoolId: 'us-east-1_AbC',\n\
           identityPoolId: 'us-east-1:1111-2222',\n\
           userPoolClientId: 'client1',\n\
           authRoleArn: `arn:aws:iam::${ACCOUNT}:role/app-auth`,\n\
           unauthRoleArn: 'arn:aws:iam::' + ACCOUNT + ':role/app-unauth',\n\
           groups: { ADMINS: 'arn:aws:iam::123456789012:role/teams/app-admins', VIEWERS: 'arn:aws:iam::123456789012:role/app-viewers' },\n\
           access: (allow) => [allow.resource(fn).to(['addUserToGroup'])],\n\
         });\n",
    );
    let definition = p.load().expect("valid");
    let auth = definition.backend.auth.as_ref().expect("auth");
    assert_eq!(auth.groups, ["ADMINS", "VIEWERS"]);
    assert!(auth.email, "the local pool signs in by email");
    let reference = auth.reference.as_ref().expect("referenced");
    assert_eq!(reference.user_pool_id, "us-east-1_AbC");
    assert_eq!(reference.identity_pool_id, "us-east-1:1111-2222");
    assert_eq!(reference.user_pool_client_id, "client1");
    assert_eq!(
        reference.auth_role_arn,
        "arn:aws:iam::123456789012:role/app-auth"
    );
    assert_eq!(
        reference.unauth_role_arn,
        "arn:aws:iam::123456789012:role/app-unauth"
    );
    assert_eq!(
        reference.group_role_arn(&auth.groups, "VIEWERS"),
        Some("arn:aws:iam::123456789012:role/app-viewers")
    );
    assert_eq!(reference.group_role_arn(&auth.groups, "nobody"), None);
    let left_out: Vec<_> = definition
        .backend
        .left_out
        .iter()
        .map(|l| l.what.as_str())
        .collect();
    assert!(
        left_out
            .iter()
            .any(|w| w.contains("functions allowed to act on the user pool")),
        "{left_out:?}"
    );
}

#[test]
fn reference_auth_errors_are_located_and_say_what_to_give() {
    let p = reference_project(
        "import { referenceAuth } from '@aws-amplify/backend';\n\
         export const auth = referenceAuth({\n\
           userPoolId: 'us-east-1_AbC',\n\
           authRoleArn: '',\n\
           unauthRoleArn: 'arn:aws:s3:::a-bucket',\n\
           groups: { ADMINS: 42 },\n\
           colour: 'blue',\n\
         });\n",
    );
    let out = errors(&p);
    assert!(
        out.contains("`referenceAuth` needs identityPoolId, userPoolClientId"),
        "{out}"
    );
    assert!(out.contains("'' is not an IAM role ARN"), "{out}");
    assert!(
        out.contains("'arn:aws:s3:::a-bucket' is not an IAM role ARN"),
        "{out}"
    );
    assert!(out.contains("arn:aws:iam::123456789012:role/NAME"), "{out}");
    assert!(out.contains("amplify/auth/resource.ts:4:"), "{out}");
    assert!(
        out.contains("`referenceAuth` has no property `colour`"),
        "{out}"
    );
    assert!(out.contains("expected a string, found a number"), "{out}");
}

#[test]
fn a_rule_for_a_group_the_reference_does_not_name_is_refused() {
    let p = reference_project(
        "import { referenceAuth } from '@aws-amplify/backend';\n\
         export const auth = referenceAuth({\n\
           userPoolId: 'p', identityPoolId: 'i', userPoolClientId: 'c',\n\
           authRoleArn: 'arn:aws:iam::123456789012:role/a',\n\
           unauthRoleArn: 'arn:aws:iam::123456789012:role/u',\n\
         });\n",
    );
    let out = errors(&p);
    assert!(
        out.contains("[InvalidResourceAccessConfigError] No auth IAM role found for \"ADMINS\"."),
        "{out}"
    );
}
