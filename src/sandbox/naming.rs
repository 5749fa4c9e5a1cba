//! Sandbox identifiers and stack names, computed exactly as `ampx` computes them
//! (`backend_identifier_conversions.ts`), so both tools agree on which stack is whose.

use sha2::{Digest, Sha512};

use crate::error::UsageError;

/// `--identifier`, checked as `ampx` checks it.
pub fn check_identifier(identifier: &str) -> Result<(), UsageError> {
    let ok = (1..=15).contains(&identifier.len())
        && identifier
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(
            UsageError::new(format!("Invalid --identifier provided: {identifier}")).hint(
                "Use an identifier that matches [a-zA-Z0-9-] and is less than 15 characters.",
            ),
        )
    }
}

/// The default identifier: the name of the user running the process (as `ampx` takes
/// it from the system), from the environment or else from `id -un`.
pub fn default_identifier() -> Result<String, UsageError> {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .or_else(|| {
            let out = std::process::Command::new("id").arg("-un").output().ok()?;
            let name = String::from_utf8(out.stdout).ok()?.trim().to_string();
            (out.status.success() && !name.is_empty()).then_some(name)
        })
        .ok_or_else(|| {
            UsageError::new("cannot tell who is running ampx-rs (USER is not set)")
                .hint("pass --identifier NAME")
        })
}

fn alphanumeric(s: &str) -> String {
    s.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// `amplify-<namespace>-<name>-sandbox-<hash>`: at most 128 characters, the hash over the
/// raw namespace and name.
pub fn stack_name(namespace: &str, name: &str) -> String {
    backend_stack_name(namespace, name, "sandbox")
}

/// The stack of an Amplify Hosting branch deployment: `amplify-<appId>-<branch>-branch-<hash>`.
pub fn branch_stack_name(app_id: &str, branch: &str) -> String {
    backend_stack_name(app_id, branch, "branch")
}

/// `amplify-<namespace>-<name>-<kind>-<hash>`, as Amplify's `toStackName` makes it.
fn backend_stack_name(namespace: &str, name: &str, kind: &str) -> String {
    const LIMIT: usize = 128;
    let digest = Sha512::new()
        .chain_update(namespace.as_bytes())
        .chain_update(name.as_bytes())
        .finalize();
    let hash = crate::parts::hex(&digest[..5]);
    let name: String = alphanumeric(name).chars().take(50).collect();
    let namespace_max = LIMIT - "amplify".len() - kind.len() - name.len() - 4 - 10;
    let namespace: String = alphanumeric(namespace)
        .chars()
        .take(namespace_max.saturating_sub(1))
        .collect();
    format!("amplify-{namespace}-{name}-{kind}-{hash}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amplify_test_vectors() {
        assert_eq!(
            stack_name(
                "reasonableName",
                "InsanelyLongUserNameProvidedByCustomerDoNotKnowWhatCustomersAreThinkingWhenChoosingThisGreatBigName"
            ),
            "amplify-reasonableName-InsanelyLongUserNameProvidedByCustomerDoNotKnowWha-sandbox-25ed708259"
        );
        let long_ns = "InsanelyLongNamespaceProvidedByCustomerDoNotKnowWhatCustomersAreThinkingWhenChoosingThisGreatBigNamespace";
        // Amplify's vector for a long namespace (its hash input is not published, so
        // only the truncation is compared).
        let name = stack_name(long_ns, "userName");
        assert!(name.starts_with(
            "amplify-InsanelyLongNamespaceProvidedByCustomerDoNotKnowWhatCustomersAreThinkingWhenChoosingThisGre-userName-sandbox-"
        ));
        assert_eq!(name.len(), 127);
        assert_eq!(
            stack_name("team-drive", "root"),
            stack_name("team-drive", "root")
        );
        assert!(stack_name("my.app", "dev_1").starts_with("amplify-myapp-dev1-sandbox-"));
        // Amplify's own vector for a branch deployment.
        assert_eq!(
            branch_stack_name(
                "t-_e.s,@ t--T@,,  !@#$%^&*(){}:\":<>?/|\\[]   H/I. .S",
                "t-_h.i,@ ng1-&&%2@@3-   _"
            ),
            "amplify-testTHIS-thing123-branch-70899a9dd1"
        );
    }

    #[test]
    fn identifiers_follow_ampx_rules() {
        for ok in ["alice", "dev-2", "a", "ABCDEFGHIJKLMNO"] {
            assert!(check_identifier(ok).is_ok(), "{ok}");
        }
        for bad in ["", "has space", "under_score", "ABCDEFGHIJKLMNOP", "ü"] {
            let err = check_identifier(bad).expect_err(bad);
            assert_eq!(err.message, format!("Invalid --identifier provided: {bad}"));
        }
    }
}
