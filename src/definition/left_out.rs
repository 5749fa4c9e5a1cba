//! Naming what ampx-rs reads past: a short form of a statement in the definition's
//! own words, and whether it changes who may do what.

use super::syntax::{Elem, Expr, Prop};

/// Longest summary shown for one left-out item.
const MAX_SUMMARY: usize = 80;
/// Bracketed text up to this length is kept; longer becomes `...`.
const MAX_KEPT_GROUP: usize = 24;

/// Identifiers (or their prefixes, ending in `*`) of code that grants, denies or opens
/// access: IAM grants and policies, bucket policies, CORS, public access settings.
const ACCESS_WORDS: &[&str] = &[
    "grant*",
    "addToPolicy",
    "addToPrincipalPolicy",
    "addToResourcePolicy",
    "attachInlinePolicy",
    "addManagedPolicy",
    "PolicyStatement",
    "PolicyDocument",
    "ManagedPolicy",
    "Policy",
    "CfnPolicy",
    "BucketPolicy",
    "CfnBucketPolicy",
    "policy",
    "policies",
    "addCorsRule",
    "corsConfiguration",
    "cors",
    "publicReadAccess",
    "blockPublicAccess",
    "publicAccessBlockConfiguration",
    "accessControl",
    "assumeRolePolicy",
    "assumeRolePolicyDocument",
    "roleMappings",
    "allowUnauthenticatedIdentities",
    "role",
    "roleArn",
];

/// The auth resources through which app users get their access: the identity pool
/// and the roles it hands out.
const USER_ACCESS_RESOURCES: &[&str] = &[
    "authenticatedUserIamRole",
    "unauthenticatedUserIamRole",
    "cfnIdentityPool",
    "cfnIdentityPoolRoleAttachment",
    "identityPoolId",
    "groups",
];

/// The identifiers of a piece of code.
fn words(code: &str) -> impl Iterator<Item = &str> {
    code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .filter(|word| !word.is_empty())
}

fn names_any(code: &str, names: &[impl AsRef<str>]) -> bool {
    words(code).any(|w| names.iter().any(|n| n.as_ref() == w))
}

/// Whether code changes who may do what with what ampx-rs deploys: it uses an access
/// construct and names a deployed bucket (`deployed`: `storage` and the names taken
/// from it) or the roles app users get. A grant to a function on a data table does not
/// count: neither is deployed by ampx-rs.
pub(super) fn touches_access(code: &str, deployed: &[String]) -> bool {
    let access = words(code).any(|word| {
        ACCESS_WORDS
            .iter()
            .any(|pattern| match pattern.strip_suffix('*') {
                // `grantRead`, `grantPut`: the prefix then a capital, not `granted`.
                Some(prefix) => {
                    word == prefix
                        || (word.starts_with(prefix)
                            && word[prefix.len()..].starts_with(|c: char| c.is_ascii_uppercase()))
                }
                None => word == *pattern,
            })
    });
    access && (names_any(code, deployed) || names_any(code, USER_ACCESS_RESOURCES))
}

/// The names a declaration (`const a = …`, `const { b } = …`) binds when its value
/// comes from something deployed: they reach it too.
pub(super) fn aliases(code: &str, deployed: &[String]) -> Vec<String> {
    let code = code.trim_start();
    let Some(rest) = ["const ", "let ", "var "]
        .iter()
        .find_map(|k| code.strip_prefix(k))
    else {
        return Vec::new();
    };
    let Some((names, value)) = rest.split_once('=') else {
        return Vec::new();
    };
    if !(names_any(value, deployed) || names_any(value, USER_ACCESS_RESOURCES)) {
        return Vec::new();
    }
    words(names).map(str::to_string).collect()
}

/// The statement in a line: whitespace collapsed, a trailing `;` dropped, long
/// bracketed parts shown as `(...)`, `{...}` or `[...]`.
pub(super) fn summarize(code: &str) -> String {
    let flat = code.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = flat.trim_end_matches(';').trim_end();
    let mut out = String::new();
    let chars: Vec<char> = flat.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(close) = closing(c) {
            let end = matching(&chars, i, c, close);
            let inner: String = chars[i + 1..end.min(chars.len())].iter().collect();
            out.push(c);
            if inner.chars().count() <= MAX_KEPT_GROUP {
                out.push_str(&inner);
            } else {
                out.push_str("...");
            }
            if end < chars.len() {
                out.push(close);
            }
            i = end + 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    if out.chars().count() > MAX_SUMMARY {
        out = out.chars().take(MAX_SUMMARY - 1).collect::<String>() + "…";
    }
    out
}

fn closing(open: char) -> Option<char> {
    match open {
        '(' => Some(')'),
        '{' => Some('}'),
        '[' => Some(']'),
        _ => None,
    }
}

/// The index of the bracket closing the one at `start`, skipping quoted text; the
/// length when it is never closed.
fn matching(chars: &[char], start: usize, open: char, close: char) -> usize {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        match quote {
            Some(_) if c == '\\' => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if c == open => depth += 1,
            None if c == close => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            None => {}
        }
        i += 1;
    }
    chars.len()
}

/// Whether an expression is plain data or a function (running it does nothing).
pub(super) fn is_literal(expr: &Expr) -> bool {
    match expr {
        Expr::Str(..) | Expr::Num(..) | Expr::Bool(..) | Expr::Undefined(_) | Expr::Arrow(_) => {
            true
        }
        Expr::Template(_, exprs, _) => exprs.iter().all(is_literal),
        Expr::Plus(a, b, _) => is_literal(a) && is_literal(b),
        Expr::Array(elems, _) => elems.iter().all(|e| match e {
            Elem::Value(e) => is_literal(e),
            Elem::Spread(..) => false,
        }),
        Expr::Object(props, _) => props.iter().all(|p| match p {
            Prop::KeyValue { value, .. } => is_literal(value),
            Prop::Computed { key, value } => is_literal(key) && is_literal(value),
            _ => false,
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{aliases, summarize, touches_access};

    #[test]
    fn summaries_keep_the_construct_and_shorten_arguments() {
        let cases = [
            (
                "backend.storage.resources.bucket.grantRead(\n  backend.auth.resources.unauthenticatedUserIamRole\n);",
                "backend.storage.resources.bucket.grantRead(...)",
            ),
            (
                "backend.addOutput({ custom: { apiUrl: api.url, region: 'x' } });",
                "backend.addOutput(...)",
            ),
            (
                "Tags.of(backend.stack).add('env', 'dev');",
                "Tags.of(backend.stack).add('env', 'dev')",
            ),
            (
                "const { cfnUserPool } = backend.auth.resources.cfnResources;",
                "const { cfnUserPool } = backend.auth.resources.cfnResources",
            ),
            (
                "cfnBucket.corsConfiguration = { corsRules: [{ allowedOrigins: ['*'] }] };",
                "cfnBucket.corsConfiguration = {...}",
            ),
            ("fn(')(', \"x\")", "fn(')(', \"x\")"),
            ("broken(", "broken("),
        ];
        for (code, expected) in cases {
            assert_eq!(summarize(code), expected, "{code}");
        }
        let long = format!("backend.{}();", "a".repeat(200));
        assert_eq!(summarize(&long).chars().count(), 80);
    }

    #[test]
    fn access_is_judged_by_what_the_code_uses_and_on_what() {
        let deployed = vec![
            "storage".to_string(),
            "s3Bucket".to_string(),
            "cfnBucket".to_string(),
        ];
        for code in [
            "backend.storage.resources.bucket.grantReadWrite(role)",
            "s3Bucket.grantRead(fn)",
            "cfnBucket.corsConfiguration = {}",
            "backend.auth.resources.authenticatedUserIamRole.addToPrincipalPolicy(new PolicyStatement({}))",
            "backend.auth.resources.groups['ADMINS'].role.attachInlinePolicy(p)",
            "backend.auth.resources.unauthenticatedUserIamRole.attachInlinePolicy(new Policy(s, 'p', {}))",
            "new BucketPolicy(stack, 'p', { bucket: s3Bucket })",
        ] {
            assert!(touches_access(code, &deployed), "{code}");
        }
        for code in [
            "backend.addOutput({ custom: {} })",
            "Tags.of(backend.stack).add('env', 'dev')",
            "const { cfnUserPool } = backend.auth.resources.cfnResources",
            "cfnUserPool.deletionProtection = 'ACTIVE'",
            "tables['Todo'].grantReadWriteData(backend.myFn.resources.lambda)",
            "backend.myFn.resources.lambda.addToRolePolicy(new PolicyStatement({}))",
            "const cognitoPolicy = new Policy(stack, 'p', {})",
            "const granted = s3Bucket",
        ] {
            assert!(!touches_access(code, &deployed), "{code}");
        }
    }

    #[test]
    fn names_taken_from_deployed_resources_reach_them_too() {
        let deployed = vec!["storage".to_string()];
        assert_eq!(
            aliases(
                "const s3Bucket = backend.storage.resources.bucket;",
                &deployed
            ),
            ["s3Bucket"]
        );
        assert_eq!(
            aliases(
                "const { cfnBucket, cfnBucketPolicy } = backend.storage.resources.cfnResources",
                &deployed
            ),
            ["cfnBucket", "cfnBucketPolicy"]
        );
        assert_eq!(
            aliases(
                "const role = backend.auth.resources.authenticatedUserIamRole",
                &deployed
            ),
            ["role"]
        );
        assert!(aliases("const tables = backend.data.resources.tables", &deployed).is_empty());
        assert!(aliases("backend.storage.x = 1", &deployed).is_empty());
    }
}
