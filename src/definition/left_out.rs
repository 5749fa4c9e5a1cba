//! Naming what ampx-rs reads past: a short form of a statement in the definition's
//! own words, and whether it changes who may do what.

use super::syntax::{Elem, Expr, Prop};

/// Longest summary shown for one left-out item.
const MAX_SUMMARY: usize = 80;
/// Bracketed text up to this length is kept; longer becomes `...`.
const MAX_KEPT_GROUP: usize = 24;

/// Identifiers (or their prefixes, ending in `*`) whose presence means the code grants,
/// denies or opens access: IAM grants and policies, bucket policies, CORS, the auth
/// roles and identity pool, public access settings.
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
    "Role",
    "CfnRole",
    "assumeRolePolicy",
    "assumeRolePolicyDocument",
    "authenticatedUserIamRole",
    "unauthenticatedUserIamRole",
    "cfnIdentityPool",
    "cfnIdentityPoolRoleAttachment",
    "roleMappings",
    "allowUnauthenticatedIdentities",
    "role",
];

/// The statement in a line: whitespace collapsed, a trailing `;` dropped, long
/// bracketed parts shown as `(...)`, `{...}` or `[...]`.
pub fn summarize(code: &str) -> String {
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

/// Whether code changes who may do what, judged by the identifiers it names.
pub fn touches_access(code: &str) -> bool {
    code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .filter(|word| !word.is_empty())
        .any(|word| {
            ACCESS_WORDS
                .iter()
                .any(|pattern| match pattern.strip_suffix('*') {
                    // `grantRead`, `grantPut`: the prefix then a capital, not `granted`.
                    Some(prefix) => {
                        word == prefix
                            || (word.starts_with(prefix)
                                && word[prefix.len()..]
                                    .starts_with(|c: char| c.is_ascii_uppercase()))
                    }
                    None => word == *pattern,
                })
        })
}

/// Whether an expression is plain data or a function (running it does nothing).
pub fn is_literal(expr: &Expr) -> bool {
    match expr {
        Expr::Str(..) | Expr::Num(..) | Expr::Bool(..) | Expr::Undefined(_) | Expr::Arrow(_) => {
            true
        }
        Expr::Template(_, exprs, _) => exprs.iter().all(is_literal),
        Expr::Array(elems, _) => elems.iter().all(|e| match e {
            Elem::Value(e) => is_literal(e),
            Elem::Spread(..) => false,
        }),
        Expr::Object(props, _) => props.iter().all(|p| match p {
            Prop::KeyValue { value, .. } => is_literal(value),
            _ => false,
        }),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{summarize, touches_access};

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
    fn access_is_judged_by_the_names_the_code_uses() {
        for code in [
            "backend.storage.resources.bucket.grantReadWrite(role)",
            "cfnBucket.corsConfiguration = {}",
            "backend.auth.resources.authenticatedUserIamRole.addToPrincipalPolicy(new PolicyStatement({}))",
            "new Policy(stack, 'p', {})",
            "backend.auth.resources.groups['ADMINS'].role.attachInlinePolicy(p)",
            "bucket.addCorsRule({})",
        ] {
            assert!(touches_access(code), "{code}");
        }
        for code in [
            "backend.addOutput({ custom: {} })",
            "Tags.of(backend.stack).add('env', 'dev')",
            "const { cfnUserPool } = backend.auth.resources.cfnResources",
            "cfnUserPool.deletionProtection = 'ACTIVE'",
            "backend.data.resources.cfnResources.cfnGraphqlApi.xrayEnabled = true",
            "const granted = 1",
        ] {
            assert!(!touches_access(code), "{code}");
        }
    }
}
