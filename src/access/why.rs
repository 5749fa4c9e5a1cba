//! Why a request is allowed or denied, in the definition's own terms: the access path
//! that covers its key and what it grants to whom, the classic traps by name, and the
//! smallest change to `defineStorage` that would allow it. Built on [`decide`], so the
//! explanation never disagrees with the answer.

use super::{Caller, Role, decide, path_covers as covers};
use crate::access::Request;
use crate::model::{AccessPath, AccessRule, Action, ENTITY_ID_TOKEN, Principal, Storage};
use crate::source::Sources;

/// The explanation of one decision.
#[derive(Debug, Clone, PartialEq)]
pub struct Why<'a> {
    /// The storage's friendly name.
    pub bucket: String,
    pub allowed: bool,
    /// The rule that allowed it, on its access path.
    pub allowed_by: Option<(&'a AccessPath, &'a AccessRule)>,
    /// The innermost access path that covers the key (for a listing: the prefix).
    pub path: Option<&'a AccessPath>,
    pub trap: Option<Trap<'a>>,
    pub fix: Option<Fix<'a>>,
}

/// The mistakes that account for most unexpected denials, by name.
#[derive(Debug, Clone, PartialEq)]
pub enum Trap<'a> {
    /// An owner path (`{entity_id}`), and the key's folder is not the caller's identity.
    NotTheOwner {
        path: &'a AccessPath,
        folder: String,
        identity_id: Option<String>,
    },
    /// A listing outside every prefix the caller may list (amplify-backend#2479).
    ListOutside { allowed: Vec<String> },
    /// A parent's grant that stops at a sub-path with rules of its own.
    SubPathReplaces {
        parent: &'a AccessPath,
        child: &'a AccessPath,
    },
    /// A group member acts with the group's role, which holds only the group's rules.
    GroupRoleOnly { group: String, path: &'a AccessPath },
}

/// The smallest change to the definition that would allow the request.
#[derive(Debug, Clone, PartialEq)]
pub enum Fix<'a> {
    /// Add the action to the caller's rule on this path.
    AddAction {
        path: &'a AccessPath,
        rule: &'a AccessRule,
        action: Action,
    },
    /// Add a rule for the caller to this path.
    AddRule {
        path: &'a AccessPath,
        principal: Principal,
        action: Action,
    },
    /// No access path covers the key: add one.
    AddPath {
        path: String,
        principal: Principal,
        action: Action,
    },
    /// List with a prefix the caller may list instead.
    ListPrefix { prefix: String },
}

/// The principal whose rules a caller's role carries.
fn principal_of(caller: &Caller) -> Principal {
    match caller {
        Caller::Guest => Principal::Guest,
        Caller::Authenticated { .. } => Principal::Authenticated,
        Caller::Group { name, .. } => Principal::Group(name.clone()),
    }
}

/// The folder name an owner path's `{entity_id}` takes in `target`.
fn folder_in(path: &str, target: &str) -> Option<String> {
    let (before, _) = path.split_once(ENTITY_ID_TOKEN)?;
    let (id, _) = target.strip_prefix(before)?.split_once('/')?;
    Some(id.to_string())
}

/// Does a rule of this principal grant `action` on `path`?
fn rule_of<'a>(path: &'a AccessPath, principal: &Principal) -> Option<&'a AccessRule> {
    path.rules.iter().find(|r| &r.principal == principal)
}

fn grants(path: &AccessPath, role: &Role, action: Action) -> bool {
    path.rules
        .iter()
        .any(|r| &Role::of(&r.principal) == role && r.actions.contains(&action))
}

/// Why `caller` may or may not make `request` in `storage`.
pub fn explain<'a>(storage: &'a Storage, caller: &Caller, request: &Request) -> Why<'a> {
    let decision = decide(storage, caller, request);
    let paths: Vec<&AccessPath> = storage.access.iter().flatten().collect();
    let target = request.target.as_str();
    let action = request.action;
    let mut covering: Vec<&AccessPath> = paths
        .iter()
        .copied()
        .filter(|p| covers(&p.path, target))
        .collect();
    covering.sort_by_key(|p| std::cmp::Reverse(p.path.len()));
    let innermost = covering.first().copied();
    let mut why = Why {
        bucket: storage.name.clone(),
        allowed: decision.allowed,
        allowed_by: None,
        path: innermost,
        trap: None,
        fix: None,
    };
    if decision.allowed {
        why.allowed_by = decision.decided_by.as_ref().and_then(|grant| {
            let (principal, _) = grant.origin.rule.as_ref()?;
            let path = paths.iter().find(|p| p.path == grant.origin.path)?;
            Some((*path, rule_of(path, principal)?))
        });
        return why;
    }
    let role = caller.role();
    let principal = principal_of(caller);
    let fix_on = |path: &'a AccessPath| match rule_of(path, &principal) {
        Some(rule) => Fix::AddAction { path, rule, action },
        None => Fix::AddRule {
            path,
            principal: principal.clone(),
            action,
        },
    };
    // A Deny decided it: a parent's grant that a sub-path with rules of its own stops.
    if let Some(deny) = &decision.decided_by
        && let Some(child) = paths.iter().find(|p| p.path == deny.origin.path)
        && let Some(parent) = covering
            .iter()
            .find(|p| p.path != child.path && grants(p, &role, action))
    {
        why.path = Some(child);
        why.trap = Some(Trap::SubPathReplaces { parent, child });
        why.fix = Some(fix_on(child));
        return why;
    }
    let Some(path) = innermost else {
        if action == Action::List {
            let allowed: Vec<String> = paths
                .iter()
                .filter(|p| grants(p, &role, Action::List))
                .map(|p| p.path.trim_end_matches('*').to_string())
                .collect();
            why.fix = allowed
                .iter()
                .find(|a| a.starts_with(target) && !a.contains(ENTITY_ID_TOKEN))
                .or(allowed.first())
                .map(|prefix| Fix::ListPrefix {
                    prefix: prefix.clone(),
                });
            why.trap = Some(Trap::ListOutside { allowed });
        } else {
            let folder = target.rfind('/').map_or("", |i| &target[..=i]);
            why.fix = Some(Fix::AddPath {
                path: format!("{folder}*"),
                principal,
                action,
            });
        }
        return why;
    };
    let owner_grants = path
        .rules
        .iter()
        .any(|r| r.principal == Principal::Owner && r.actions.contains(&action));
    if owner_grants && matches!(caller, Caller::Authenticated { .. }) {
        why.trap = Some(Trap::NotTheOwner {
            path,
            folder: folder_in(&path.path, target).unwrap_or_default(),
            identity_id: caller_identity(caller),
        });
        return why;
    }
    if let Caller::Group { name, .. } = caller
        && grants(path, &Role::Authenticated, action)
    {
        why.trap = Some(Trap::GroupRoleOnly {
            group: name.clone(),
            path,
        });
    }
    why.fix = Some(fix_on(path));
    why
}

fn caller_identity(caller: &Caller) -> Option<String> {
    match caller {
        Caller::Guest => None,
        Caller::Authenticated { identity_id } | Caller::Group { identity_id, .. } => {
            identity_id.clone()
        }
    }
}

/// A rule as it is written: `allow.guest.to(['read', 'write'])`.
pub fn rule_code(principal: &Principal, actions: &[Action]) -> String {
    let who = match principal {
        Principal::Guest => "allow.guest".to_string(),
        Principal::Authenticated => "allow.authenticated".to_string(),
        Principal::Group(g) => format!("allow.groups(['{g}'])"),
        Principal::Owner => "allow.entity('identity')".to_string(),
    };
    format!("{who}.to([{}])", action_words(actions))
}

/// `'read', 'write'`: actions as a rule lists them, with get and list as `read`.
fn action_words(actions: &[Action]) -> String {
    let mut words: Vec<&str> = Vec::new();
    let read = actions.contains(&Action::Get) && actions.contains(&Action::List);
    for action in Action::ALL.iter().filter(|a| actions.contains(a)) {
        match action {
            Action::Get | Action::List if read => {
                if !words.contains(&"read") {
                    words.push("read");
                }
            }
            other => words.push(other.as_str()),
        }
    }
    words
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a path grants to whom: `guest read; authenticated read, write`.
fn grants_text(path: &AccessPath) -> String {
    if path.rules.is_empty() {
        return "nothing to anyone".into();
    }
    path.rules
        .iter()
        .map(|r| {
            let actions = action_words(&r.actions).replace('\'', "");
            format!("{} {actions}", r.principal)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The explanation as one line: the verdict, who and what, why, and the fix. `who`
/// names the caller as the reader knows them (`guest`, `alice@example.com`).
pub fn render(why: &Why<'_>, who: &str, request: &Request, sources: &Sources) -> String {
    let at = |path: &AccessPath| sources.location(path.span);
    let action = request.action.as_str();
    let target = request.target.as_str();
    let bucket = &why.bucket;
    let what = match request.action {
        Action::List if target.is_empty() => format!("list the top of {bucket}"),
        Action::List => format!("list '{target}' in {bucket}"),
        _ => format!("{action} '{target}' in {bucket}"),
    };
    if why.allowed {
        return match why.allowed_by {
            Some((path, rule)) => format!(
                "allowed: {who} may {what}: the {} rule on '{}' ({})",
                rule.principal,
                path.path,
                sources.location(rule.span)
            ),
            None => format!("allowed: {who} may {what}"),
        };
    }
    let reason = match (&why.trap, why.path) {
        (
            Some(Trap::NotTheOwner {
                path,
                folder,
                identity_id,
            }),
            _,
        ) => format!(
            "'{}' ({}) lets each user {action} only in their own folder, and '{folder}' is not {who}'s identity id{}",
            path.path,
            at(path),
            match identity_id {
                Some(id) => format!(" ({id})"),
                None => " (none was given: act as authenticated:<IDENTITY_ID>)".into(),
            }
        ),
        (Some(Trap::ListOutside { allowed }), _) if allowed.is_empty() => {
            format!("no rule lets {who} list anything in this bucket")
        }
        (Some(Trap::ListOutside { allowed }), _) => format!(
            "listing is decided on the prefix asked for, and '{target}' is outside every prefix {who} may list ({}) (amplify-backend#2479)",
            allowed
                .iter()
                .map(|a| format!("'{a}'"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (Some(Trap::SubPathReplaces { parent, child }), _) => format!(
            "'{}' ({}) grants it, but '{}' ({}) has rules of its own, which replace its parent's there",
            parent.path,
            at(parent),
            child.path,
            at(child)
        ),
        (Some(Trap::GroupRoleOnly { group, path }), _) => format!(
            "'{}' ({}) grants authenticated users {action}, but members of group {group} act with the group's role, which holds only allow.groups(['{group}']) rules",
            path.path,
            at(path)
        ),
        (None, Some(path)) => format!(
            "no rule lets {who} {action} there; '{}' ({}) grants {}",
            path.path,
            at(path),
            grants_text(path)
        ),
        (None, None) => format!("no access path covers '{target}'"),
    };
    let fix = fix_text(why.fix.as_ref(), sources);
    format!("denied: {who} may not {what}: {reason}{fix}")
}

/// The fix a denial's line ends with (`; fix: ...`), or nothing.
fn fix_text(fix: Option<&Fix<'_>>, sources: &Sources) -> String {
    match fix {
        Some(Fix::AddAction { path, rule, action }) => {
            let mut actions = rule.actions.clone();
            actions.push(*action);
            format!(
                "; fix: make it {} on '{}' ({})",
                rule_code(&rule.principal, &actions),
                path.path,
                sources.location(rule.span)
            )
        }
        Some(Fix::AddRule {
            path,
            principal,
            action,
        }) => format!(
            "; fix: add {} to '{}' ({})",
            rule_code(principal, &[*action]),
            path.path,
            sources.location(path.span)
        ),
        Some(Fix::AddPath {
            path,
            principal,
            action,
        }) => format!(
            "; fix: add an access path: '{path}': [{}]",
            rule_code(principal, &[*action])
        ),
        Some(Fix::ListPrefix { prefix }) => format!("; list '{prefix}' instead"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
