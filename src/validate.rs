//! Amplify's own rules for a backend, with Amplify's error names and wording
//! (`@aws-amplify/backend-storage` path validation, access-definition uniqueness,
//! resource names, default bucket, auth references). Every problem is collected.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::model::{AccessPath, Backend, ENTITY_ID_TOKEN, PrefixIndex, Principal, Storage};
use crate::source::Sources;

const AUTH_DOCS: &str = "https://docs.amplify.aws/gen2/build-a-backend/auth/set-up-auth/";

/// All problems of a backend, each pointing at the place closest to its fix.
pub fn validate(backend: &Backend, sources: &Sources) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    if backend.storages.is_empty() && backend.auth.is_none() {
        errors.push(
            Diagnostic::new(
                "EmptyBackendError",
                "`defineBackend` has no storage or auth resources",
                backend.span,
            )
            .hint("pass the results of `defineStorage` and `defineAuth` to `defineBackend`"),
        );
    }
    let mut names = HashSet::new();
    for storage in &backend.storages {
        check_location(storage, sources, &mut errors);
        check_resource_name(&storage.name, storage, &mut errors);
        if !names.insert(storage.name.as_str()) {
            errors.push(
                Diagnostic::new(
                    "DuplicateStorageNameError",
                    format!("More than one storage resource is named [{}].", storage.name),
                    storage.name_span,
                )
                .hint("Give every `defineStorage` call a different `name`; it is the bucket's friendly name."),
            );
        }
        if let Some(paths) = &storage.access {
            check_paths(paths, &mut errors);
            check_rules(paths, backend, &mut errors);
        }
    }
    check_default(backend, &mut errors);
    check_groups(backend, &mut errors);
    errors
}

/// Cognito's rule for a group name (`GroupName`: 1 to 128 letters, marks, symbols,
/// numbers or punctuation — no spaces or other whitespace). Amplify passes names through,
/// so the deploy itself would fail; caught here before anything is sent.
fn check_groups(backend: &Backend, errors: &mut Vec<Diagnostic>) {
    let Some(auth) = &backend.auth else { return };
    for group in &auth.groups {
        let valid = !group.is_empty()
            && group.chars().count() <= 128
            && !group.chars().any(|c| c.is_whitespace() || c.is_control());
        if !valid {
            errors.push(
                Diagnostic::new(
                    "InvalidGroupNameError",
                    format!("Group name [{group}] is not a valid Cognito user pool group name."),
                    auth.span,
                )
                .hint("Use 1 to 128 characters without spaces (letters, digits and punctuation such as - _ . are fine)."),
            );
        }
    }
}

fn check_location(storage: &Storage, sources: &Sources, errors: &mut Vec<Diagnostic>) {
    let rel = &sources.get(storage.span.file).rel;
    let stem = rel.rsplit_once('.').map_or(rel.as_str(), |(stem, _)| stem);
    if !(stem == "amplify/storage/resource" || stem.ends_with("/amplify/storage/resource")) {
        errors.push(
            Diagnostic::new(
                "StorageLocationError",
                "Amplify Storage must be defined in amplify/storage/resource.ts",
                storage.span,
            )
            .hint("Move this `defineStorage` call to amplify/storage/resource.ts and import it from there."),
        );
    }
}

fn check_resource_name(name: &str, storage: &Storage, errors: &mut Vec<Diagnostic>) {
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ' '));
    if !valid {
        errors.push(
            Diagnostic::new(
                "InvalidResourceNameError",
                format!("Resource name contains invalid characters, found {name}"),
                storage.name_span,
            )
            .hint(
                "Update name to use only alphanumeric characters, dashes, underscores and spaces. \
                 The name should also start with an alphabetic character",
            ),
        );
    }
}

fn check_default(backend: &Backend, errors: &mut Vec<Diagnostic>) {
    if backend.storages.len() < 2 {
        return;
    }
    let defaults: Vec<&Storage> = backend
        .storages
        .iter()
        .filter(|s| s.is_default.is_some())
        .collect();
    if defaults.is_empty() {
        for storage in &backend.storages {
            errors.push(
                Diagnostic::new("NoDefaultStorageError", "No default storage set in the Amplify project.", storage.span)
                    .hint("Add `isDefault: true` to one of the `defineStorage` calls in your Amplify project."),
            );
        }
    }
    for extra in defaults.iter().skip(1) {
        errors.push(
            Diagnostic::new(
                "MultipleDefaultStorageError",
                "More than one default storage set in the Amplify project.",
                extra.is_default.unwrap_or(extra.span),
            )
            .hint(
                "Remove `isDefault: true` from all `defineStorage` calls except for one in your Amplify project.",
            ),
        );
    }
}

/// The first problem of one access path, as Amplify's `validateStoragePath` finds it;
/// `all` indexes every path of the bucket (Amplify's `getPrefixes` looks in it).
pub fn path_error(
    path: &str,
    all: &PrefixIndex<'_>,
) -> Option<(String, Option<String>, &'static str)> {
    const FORMAT: &str = "Update all paths to match the format requirements.";
    if path.starts_with('/') {
        return Some((
            format!("Storage access paths must not start with \"/\". Found [{path}]."),
            None,
            FORMAT,
        ));
    }
    if !path.ends_with("/*") {
        return Some((
            format!("Storage access paths must end with \"/*\". Found [{path}]."),
            None,
            FORMAT,
        ));
    }
    if path.contains("//") {
        return Some((
            format!("Path cannot contain \"//\". Found [{path}]."),
            None,
            FORMAT,
        ));
    }
    if path.find('*').is_some_and(|i| i < path.len() - 1) {
        return Some((
            format!("Wildcards are only allowed as the final part of a path. Found [{path}]."),
            None,
            "Remove all wildcards that are not the final part of the path.",
        ));
    }
    let prefixes = all.prefixes_of(path);
    const ONE_PREFIX: &str = "Update the storage access paths such that any given path has at most one other path that is a prefix.";
    if prefixes.len() > 1 {
        return Some((
            format!(
                "For any given path, only one other path can be a prefix of it. Found [{path}] which has prefixes [{}].",
                prefixes.join(", ")
            ),
            None,
            ONE_PREFIX,
        ));
    }
    if !path.contains(ENTITY_ID_TOKEN) {
        return None;
    }
    if !prefixes.is_empty() {
        return Some((
            format!(
                "A path cannot be a prefix of another path that contains the {ENTITY_ID_TOKEN} token."
            ),
            Some(format!(
                "Found [{path}] which has prefixes [{}].",
                prefixes.join(", ")
            )),
            ONE_PREFIX,
        ));
    }
    let parts: Vec<&str> = path.split(ENTITY_ID_TOKEN).collect();
    if parts.len() > 2 {
        return Some((
            format!("The {ENTITY_ID_TOKEN} token can only appear once in a path. Found [{path}]"),
            None,
            "Remove all but one occurrence of the {entity_id} token",
        ));
    }
    let (before, after) = (parts[0], parts[1]);
    if after != "/*" {
        return Some((
            format!(
                "The {ENTITY_ID_TOKEN} token must be the path part right before the ending wildcard. Found [{path}]."
            ),
            None,
            "Update the path such that the owner token is the last path part before the ending wildcard. For example: \"foo/bar/{entity_id}/*.",
        ));
    }
    if before.is_empty() {
        return Some((
            format!("The {ENTITY_ID_TOKEN} token must not be the first path part. Found [{path}]."),
            None,
            "Add an additional prefix to the path. For example: \"foo/{entity_id}/*.",
        ));
    }
    if !before.ends_with('/') {
        return Some((
            format!(
                "A path part that includes the {ENTITY_ID_TOKEN} token cannot include any other characters. Found [{path}]."
            ),
            None,
            "Remove all other characters from the path part with the {entity_id} token. For example: \"foo/{entity_id}/*\"",
        ));
    }
    None
}

fn check_paths(paths: &[AccessPath], errors: &mut Vec<Diagnostic>) {
    let all = PrefixIndex::new(paths.iter().map(|p| p.path.as_str()));
    for p in paths {
        if let Some((message, details, hint)) = path_error(&p.path, &all) {
            let mut d =
                Diagnostic::new("InvalidStorageAccessPathError", message, p.span).hint(hint);
            if let Some(details) = details {
                d = d.details(details);
            }
            errors.push(d);
        }
    }
}

fn check_rules(paths: &[AccessPath], backend: &Backend, errors: &mut Vec<Diagnostic>) {
    for p in paths {
        let mut seen = HashSet::new();
        for rule in &p.rules {
            if !seen.insert(&rule.principal) {
                let (message, resolution) = match &rule.principal {
                    Principal::Guest => (
                        "Entity access definition for guest users specified multiple times.".to_string(),
                        "Combine all access definitions for guest users on a single path into one access rule.".to_string(),
                    ),
                    Principal::Authenticated => (
                        "Entity access definition for authenticated users specified multiple times.".to_string(),
                        "Combine all access definitions for authenticated users on a single path into one access rule."
                            .to_string(),
                    ),
                    Principal::Group(g) => (
                        format!("Group access definition for {g} specified multiple times."),
                        format!("Combine all access definitions for {g} on a single path into one access rule."),
                    ),
                    Principal::Owner => (
                        "Entity access definition for identity specified multiple times.".to_string(),
                        "Combine all access definitions for identity on a single path into one access rule.".to_string(),
                    ),
                };
                errors.push(
                    Diagnostic::new(
                        "InvalidStorageAccessDefinitionError",
                        message,
                        rule.principal_span,
                    )
                    .hint(resolution),
                );
            }
            if rule.actions.is_empty() {
                errors.push(
                    Diagnostic::new("EmptyPolicyFault", "At least one permission must be specified", rule.span)
                        .hint("List at least one of 'read', 'get', 'list', 'write', 'delete' in `.to([...])`."),
                );
            }
            check_auth_reference(rule.principal.clone(), rule.principal_span, backend, errors);
        }
    }
}

fn check_auth_reference(
    principal: Principal,
    span: crate::model::Span,
    backend: &Backend,
    errors: &mut Vec<Diagnostic>,
) {
    match (&backend.auth, &principal) {
        (None, _) => {
            let role = match &principal {
                Principal::Guest => "unauthenticatedUserIamRole".to_string(),
                Principal::Authenticated | Principal::Owner => "authenticatedUserIamRole".to_string(),
                Principal::Group(g) => g.clone(),
            };
            errors.push(
                Diagnostic::new(
                    "MissingAuthError",
                    format!(
                        "Cannot specify auth access for {role} users without defining auth. See {AUTH_DOCS} for more information."
                    ),
                    span,
                )
                .hint("Add `defineAuth` in amplify/auth/resource.ts and pass it to `defineBackend`."),
            );
        }
        (Some(auth), Principal::Group(g)) if !auth.groups.contains(g) => errors.push(
            Diagnostic::new("InvalidResourceAccessConfigError", format!("No auth IAM role found for \"{g}\"."), span)
                .hint("If you are trying to configure UserPool group access, ensure that the group name is specified correctly."),
        ),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::path_error;
    use crate::model::PrefixIndex;

    fn err(path: &str, all: &[&str]) -> String {
        path_error(path, &PrefixIndex::new(all.iter().copied()))
            .map(|(m, _, _)| m)
            .unwrap_or_default()
    }

    #[test]
    fn amplify_bad_paths_give_amplify_messages() {
        let cases = [
            (
                "/foo/*",
                "Storage access paths must not start with \"/\". Found [/foo/*].",
            ),
            (
                "foo",
                "Storage access paths must end with \"/*\". Found [foo].",
            ),
            (
                "foo//bar/*",
                "Path cannot contain \"//\". Found [foo//bar/*].",
            ),
            (
                "fo*o/*",
                "Wildcards are only allowed as the final part of a path. Found [fo*o/*].",
            ),
            (
                "{entity_id}/*",
                "The {entity_id} token must not be the first path part. Found [{entity_id}/*].",
            ),
            (
                "a/{entity_id}/b/*",
                "The {entity_id} token must be the path part right before the ending wildcard. Found [a/{entity_id}/b/*].",
            ),
            (
                "a/x{entity_id}/*",
                "A path part that includes the {entity_id} token cannot include any other characters. Found [a/x{entity_id}/*].",
            ),
            (
                "a/{entity_id}/{entity_id}/*",
                "The {entity_id} token can only appear once in a path. Found [a/{entity_id}/{entity_id}/*]",
            ),
            ("*", "Storage access paths must end with \"/*\". Found [*]."),
            (
                "/*",
                "Storage access paths must not start with \"/\". Found [/*].",
            ),
        ];
        for (path, message) in cases {
            assert_eq!(err(path, &[path]), message, "{path}");
        }
    }

    #[test]
    fn prefix_rules() {
        let all = ["foo/*", "foo/bar/*", "foo/bar/baz/*"];
        assert_eq!(err("foo/*", &all), "");
        assert_eq!(err("foo/bar/*", &all), "");
        assert_eq!(
            err("foo/bar/baz/*", &all),
            "For any given path, only one other path can be a prefix of it. Found [foo/bar/baz/*] which has prefixes [foo/*, foo/bar/*]."
        );
        let all = ["media/*", "media/{entity_id}/*"];
        let index = PrefixIndex::new(all);
        let (m, details, _) = path_error("media/{entity_id}/*", &index).unwrap();
        assert_eq!(
            m,
            "A path cannot be a prefix of another path that contains the {entity_id} token."
        );
        assert_eq!(
            details.unwrap(),
            "Found [media/{entity_id}/*] which has prefixes [media/*]."
        );
        // `fo/*` is not a prefix of `foo/x/*`: the slash is part of the test.
        assert_eq!(err("foo/{entity_id}/*", &["fo/*", "foo/{entity_id}/*"]), "");
    }

    #[test]
    fn good_paths_pass() {
        for path in [
            "a/*",
            "a/b/*",
            "a/{entity_id}/*",
            "a b/ü/*",
            "profile-pictures/{entity_id}/*",
        ] {
            assert_eq!(err(path, &[path]), "", "{path}");
        }
    }
}
