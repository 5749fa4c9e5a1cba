//! Who may do what in a bucket: Amplify's policy plan (which role gets which Allow and
//! Deny prefixes per action) and the one decision function built on it.
//!
//! The template renders the plan as IAM policies; [`decide`] evaluates the plan the
//! way IAM evaluates those policies, so both always agree.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use crate::model::{
    AccessRule, Action, Backend, ENTITY_ID_TOKEN, IDENTITY_VARIABLE, PrefixIndex, Principal, Span,
    Storage,
};

/// The IAM role a request is made with.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// The identity pool's unauthenticated role (guests).
    Unauthenticated,
    /// The identity pool's authenticated role (signed-in users and owners).
    Authenticated,
    /// A user-pool group's role.
    Group(String),
}

impl Role {
    fn of(principal: &Principal) -> Role {
        match principal {
            Principal::Guest => Role::Unauthenticated,
            Principal::Authenticated | Principal::Owner => Role::Authenticated,
            Principal::Group(g) => Role::Group(g.clone()),
        }
    }
}

/// Where a grant or a deny comes from: the access path and, for grants, the rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    pub path: String,
    pub path_span: Span,
    pub rule: Option<(Principal, Span)>,
}

/// One resource prefix (`photos/*`, `private/${cognito-identity.amazonaws.com:sub}/*`).
#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    pub prefix: String,
    pub origin: Origin,
}

/// Allow and Deny prefixes of one action for one role, in Amplify's order.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionGrants {
    pub action: Action,
    pub allow: Vec<Grant>,
    pub deny: Vec<Grant>,
}

/// Everything one role may do in one bucket; becomes one `AWS::IAM::Policy`.
#[derive(Debug, Clone, PartialEq)]
pub struct RolePolicy {
    pub role: Role,
    pub actions: Vec<ActionGrants>,
}

/// `{entity_id}` replaced as Amplify's `placeholderSubstitution` does.
fn substitute(path: &str, with: &str) -> String {
    let prefix = path.replace(crate::model::ENTITY_ID_TOKEN, with);
    match prefix.strip_suffix("/*/*") {
        Some(stem) => format!("{stem}/*"),
        None => prefix,
    }
}

/// The prefix a rule's grants are keyed by (also the key of outputs `paths`).
pub fn rule_prefix(path: &str, rule: &AccessRule) -> String {
    let with = if rule.principal == Principal::Owner {
        IDENTITY_VARIABLE
    } else {
        "*"
    };
    substitute(path, with)
}

/// Outputs `paths` of one bucket: substituted prefix → `{ guest | authenticated |
/// groups<Name> | entityidentity: [actions] }`, in definition order.
pub fn output_paths(storage: &Storage) -> Map<String, Value> {
    let mut paths = Map::new();
    for path in storage.access.iter().flatten() {
        for rule in &path.rules {
            let entry = paths
                .entry(rule_prefix(&path.path, rule))
                .or_insert_with(|| Value::Object(Map::new()));
            let actions: Vec<&str> = rule.actions.iter().map(|a| a.as_str()).collect();
            if let Value::Object(map) = entry {
                map.insert(rule.principal.outputs_key(), json!(actions));
            }
        }
    }
    paths
}

/// The per-role policy plan of one bucket, exactly as Amplify's storage access
/// orchestrator builds it: grants per (role, action), Denies on sub-paths that a
/// parent's grant would otherwise leak into, and redundant sub-path grants dropped.
#[allow(
    clippy::too_many_lines,
    reason = "Amplify's orchestrator in one piece, to compare with its source; split pending (issue 25)"
)]
pub fn plan(storage: &Storage) -> Vec<RolePolicy> {
    let Some(paths) = &storage.access else {
        return Vec::new();
    };
    let mut policies: Vec<RolePolicy> = Vec::new();
    // Every prefix any rule touches, with the (role, action) pairs allowed on it.
    struct PrefixUsers {
        prefix: String,
        users: Vec<(Role, Action)>,
        origin: Origin,
    }
    let mut prefix_users: Vec<PrefixUsers> = Vec::new();
    // Lookups by key beside the ordered lists above, so thousands of paths stay linear.
    let mut user_index: HashMap<String, usize> = HashMap::new();
    let mut granted: HashSet<(Role, Action, String)> = HashSet::new();
    for path in paths {
        for rule in &path.rules {
            let role = Role::of(&rule.principal);
            let prefix = rule_prefix(&path.path, rule);
            let origin = Origin {
                path: path.path.clone(),
                path_span: path.span,
                rule: Some((rule.principal.clone(), rule.span)),
            };
            let index = match policies.iter().position(|p| p.role == role) {
                Some(i) => i,
                None => {
                    policies.push(RolePolicy {
                        role: role.clone(),
                        actions: Vec::new(),
                    });
                    policies.len() - 1
                }
            };
            for &action in &rule.actions {
                let actions = &mut policies[index].actions;
                let grants = match actions.iter().position(|a| a.action == action) {
                    Some(i) => &mut actions[i],
                    None => {
                        actions.push(ActionGrants {
                            action,
                            allow: Vec::new(),
                            deny: Vec::new(),
                        });
                        actions.last_mut().expect("just pushed")
                    }
                };
                if granted.insert((role.clone(), action, prefix.clone())) {
                    grants.allow.push(Grant {
                        prefix: prefix.clone(),
                        origin: origin.clone(),
                    });
                }
                match user_index.get(&prefix) {
                    Some(&i) => prefix_users[i].users.push((role.clone(), action)),
                    None => {
                        user_index.insert(prefix.clone(), prefix_users.len());
                        prefix_users.push(PrefixUsers {
                            prefix: prefix.clone(),
                            users: vec![(role.clone(), action)],
                            origin: origin.clone(),
                        });
                    }
                }
            }
        }
    }

    // Deny by default: a grant on a parent does not reach a sub-path with rules of its own.
    let all = PrefixIndex::new(prefix_users.iter().map(|p| p.prefix.as_str()));
    let mut denied: HashSet<(Role, Action, String)> = HashSet::new();
    for PrefixUsers {
        prefix: child,
        origin: child_origin,
        ..
    } in &prefix_users
    {
        let Some(parent) = all.first_prefix_of(child) else {
            continue;
        };
        // The owner variant of the same access path is not a sub-path.
        if parent == child.replace(&format!("{IDENTITY_VARIABLE}/"), "") {
            continue;
        }
        let parent_users = &prefix_users[user_index[parent]].users;
        for (role, action) in parent_users {
            let policy = policies
                .iter_mut()
                .find(|p| &p.role == role)
                .expect("role has a policy");
            let grants = policy
                .actions
                .iter_mut()
                .find(|a| a.action == *action)
                .expect("action has grants");
            let key = (role.clone(), *action, child.clone());
            if !granted.contains(&key) && denied.insert(key) {
                grants.deny.push(Grant {
                    prefix: child.clone(),
                    origin: Origin {
                        rule: None,
                        ..child_origin.clone()
                    },
                });
            }
        }
    }

    // A grant on `foo/*` already covers `foo/bar/*` (and since prefixes nest, a grant
    // with any parent in the list has its topmost one there too).
    for policy in &mut policies {
        for grants in &mut policy.actions {
            let covered: HashSet<String> = {
                let index = PrefixIndex::new(grants.allow.iter().map(|g| g.prefix.as_str()));
                grants
                    .allow
                    .iter()
                    .filter(|g| index.first_prefix_of(&g.prefix).is_some())
                    .map(|g| g.prefix.clone())
                    .collect()
            };
            grants.allow.retain(|g| !covered.contains(&g.prefix));
        }
    }
    policies
}

/// Who is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    Guest,
    /// A signed-in user in no group; `identity_id` is their Cognito identity id.
    Authenticated {
        identity_id: Option<String>,
    },
    /// A signed-in user whose token maps them to this group's role.
    Group {
        name: String,
        identity_id: Option<String>,
    },
}

impl Caller {
    pub fn role(&self) -> Role {
        match self {
            Caller::Guest => Role::Unauthenticated,
            Caller::Authenticated { .. } => Role::Authenticated,
            Caller::Group { name, .. } => Role::Group(name.clone()),
        }
    }

    fn identity_id(&self) -> Option<&str> {
        match self {
            Caller::Guest => None,
            Caller::Authenticated { identity_id } | Caller::Group { identity_id, .. } => {
                identity_id.as_deref()
            }
        }
    }
}

/// `--as WHO` and local access keys: `guest`, `authenticated[:IDENTITY_ID]` or
/// `group:NAME[:IDENTITY_ID]` (a group name holds no `:`; an identity id may).
impl std::str::FromStr for Caller {
    type Err = String;

    fn from_str(who: &str) -> Result<Caller, String> {
        let (kind, rest) = who
            .split_once(':')
            .map_or((who, None), |(k, r)| (k, Some(r)));
        let id = |id: Option<&str>| match id.filter(|i| !i.is_empty()) {
            None => Ok(None),
            Some(id) if is_identity_id(id) => Ok(Some(id.to_string())),
            Some(id) => Err(format!(
                "'{}' is not a Cognito identity id (REGION:UUID, e.g. \
                 us-east-1:0a1b2c3d-0000-4000-8000-000000000000)",
                id.escape_debug()
            )),
        };
        match (kind, rest) {
            ("guest", None) => Ok(Caller::Guest),
            ("authenticated", rest) => Ok(Caller::Authenticated {
                identity_id: id(rest)?,
            }),
            ("group", Some(rest)) => {
                let (name, rest) = rest
                    .split_once(':')
                    .map_or((rest, None), |(n, i)| (n, Some(i)));
                if name.is_empty() {
                    return Err("a group needs a name: group:NAME".into());
                }
                Ok(Caller::Group {
                    name: name.to_string(),
                    identity_id: id(rest)?,
                })
            }
            _ => Err(
                "expected guest, authenticated[:IDENTITY_ID] or group:NAME[:IDENTITY_ID]".into(),
            ),
        }
    }
}

/// Cognito's identity id shape, `REGION:UUID` in lowercase hex. Nothing else is taken
/// for one: the id is put into IAM's `${cognito-identity.amazonaws.com:sub}`, where a
/// `*` or `?` would act as every owner at once.
pub fn is_identity_id(id: &str) -> bool {
    let Some((region, uuid)) = id.split_once(':') else {
        return false;
    };
    let region_ok = region.split('-').count() >= 3
        && region.split('-').all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    let groups: Vec<&str> = uuid.split('-').collect();
    let uuid_ok = groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups.iter().all(|g| {
            g.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        });
    region_ok && uuid_ok
}

/// The form [`Caller::from_str`](std::str::FromStr) reads.
impl std::fmt::Display for Caller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Caller::Guest => f.write_str("guest"),
            Caller::Authenticated { identity_id } => {
                f.write_str("authenticated")?;
                identity_id.iter().try_for_each(|id| write!(f, ":{id}"))
            }
            Caller::Group { name, identity_id } => {
                write!(f, "group:{name}")?;
                identity_id.iter().try_for_each(|id| write!(f, ":{id}"))
            }
        }
    }
}

/// What is asked: an action on an object key, or for [`Action::List`] a listing of a
/// prefix (empty: the whole bucket).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub action: Action,
    /// The object key, or the listed prefix.
    pub target: String,
}

impl Request {
    pub fn new(action: Action, target: impl Into<String>) -> Request {
        Request {
            action,
            target: target.into(),
        }
    }

    pub fn get(key: impl Into<String>) -> Request {
        Request::new(Action::Get, key)
    }

    pub fn write(key: impl Into<String>) -> Request {
        Request::new(Action::Write, key)
    }

    pub fn delete(key: impl Into<String>) -> Request {
        Request::new(Action::Delete, key)
    }

    pub fn list(prefix: impl Into<String>) -> Request {
        Request::new(Action::List, prefix)
    }
}

/// The answer, with the grant or deny that decided it (`None`: nothing grants it).
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub allowed: bool,
    pub decided_by: Option<Grant>,
}

/// May `caller` make `request` in `storage`? Evaluated as IAM evaluates the policies
/// Amplify generates: an explicit Deny wins, then any Allow, else denied.
pub fn decide(storage: &Storage, caller: &Caller, request: &Request) -> Decision {
    decide_in(&plan(storage), caller, request)
}

/// [`decide`] on a plan computed once.
pub fn decide_in(plans: &[RolePolicy], caller: &Caller, request: &Request) -> Decision {
    let role = caller.role();
    let action = request.action;
    let Some(grants) = plans
        .iter()
        .find(|p| p.role == role)
        .and_then(|p| p.actions.iter().find(|a| a.action == action))
    else {
        return Decision {
            allowed: false,
            decided_by: None,
        };
    };
    let matches = |g: &&Grant| {
        grant_matches(
            &g.prefix,
            action,
            request.target.as_str(),
            caller.identity_id(),
        )
    };
    if let Some(deny) = grants.deny.iter().find(matches) {
        return Decision {
            allowed: false,
            decided_by: Some(deny.clone()),
        };
    }
    match grants.allow.iter().find(matches) {
        Some(allow) => Decision {
            allowed: true,
            decided_by: Some(allow.clone()),
        },
        None => Decision {
            allowed: false,
            decided_by: None,
        },
    }
}

/// Does an access path (`photos/*`, `profile-pictures/{entity_id}/*`) cover a key or
/// prefix? `{entity_id}` stands for any one non-empty folder name.
pub fn path_covers(path: &str, target: &str) -> bool {
    let stem = path.trim_end_matches('*');
    match stem.split_once(ENTITY_ID_TOKEN) {
        None => target.starts_with(stem),
        Some((before, after)) => target
            .strip_prefix(before)
            .and_then(|rest| rest.split_once('/'))
            .is_some_and(|(id, rest)| !id.is_empty() && format!("/{rest}").starts_with(after)),
    }
}

/// Does one policy prefix cover the request target? Objects match the resource
/// `arn:…:bucket/<prefix>`; listings match `s3:prefix` StringLike `[<prefix>, <prefix minus *>]`.
fn grant_matches(prefix: &str, action: Action, target: &str, identity_id: Option<&str>) -> bool {
    let pattern = if prefix.contains(IDENTITY_VARIABLE) {
        match identity_id {
            Some(id) => prefix.replace(IDENTITY_VARIABLE, id),
            None => return false,
        }
    } else {
        prefix.to_string()
    };
    if action == Action::List {
        let bare = pattern.strip_suffix('*').unwrap_or(&pattern);
        !target.is_empty() && (iam_like(&pattern, target) || iam_like(bare, target))
    } else {
        iam_like(&pattern, target)
    }
}

/// IAM `StringLike` / resource matching: `*` any run of characters, `?` one character.
pub fn iam_like(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        // A `*` in the pattern is always a wildcard, even where the text has a `*` too.
        if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

pub mod diff;
#[cfg(test)]
mod tests;
pub mod why;

/// One bucket of the access table: who may do what on each access path, decided by
/// [`decide`] on a sample key of the path (and a listing of its prefix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketTable {
    pub bucket: String,
    /// Column labels: `guest`, `authenticated`, `owner`, then `group:NAME` per group.
    pub principals: Vec<String>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub path: String,
    /// One cell per principal: the actions allowed, or `None` where the principal does
    /// not apply (the owner on a path without `{entity_id}`).
    pub cells: Vec<Option<Vec<Action>>>,
}

/// The access table of every bucket (or only the one named `only`).
pub fn table(backend: &Backend, only: Option<&str>) -> Vec<BucketTable> {
    // A caller's own folder and somebody else's: the owner acts in its own, everyone
    // else is checked against another user's.
    const OWNER: &str = "us-east-1:00000000-0000-0000-0000-000000000001";
    const OTHER: &str = SOMEONE_ELSE;
    let user = |id: &str| Caller::Authenticated {
        identity_id: Some(id.into()),
    };
    let mut principals: Vec<(String, Caller, &str)> = vec![
        ("guest".into(), Caller::Guest, OTHER),
        ("authenticated".into(), user(OTHER), OWNER),
        ("owner".into(), user(OWNER), OWNER),
    ];
    for group in backend.auth.iter().flat_map(|a| &a.groups) {
        let caller = Caller::Group {
            name: group.clone(),
            identity_id: Some(OTHER.into()),
        };
        principals.push((format!("group:{group}"), caller, OWNER));
    }
    backend
        .storages
        .iter()
        .filter(|s| only.is_none_or(|n| n == s.name))
        .map(|storage| BucketTable {
            bucket: storage.name.clone(),
            principals: principals.iter().map(|(label, ..)| label.clone()).collect(),
            rows: storage
                .access
                .iter()
                .flatten()
                .map(|path| TableRow {
                    path: path.path.clone(),
                    cells: principals
                        .iter()
                        .map(|(label, caller, folder)| {
                            let owner_only = label == "owner";
                            (!owner_only || path.path.contains(ENTITY_ID_TOKEN))
                                .then(|| actions_on(storage, &path.path, caller, folder))
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// The actions `caller` may take on a sample key of `path` (and on its prefix, for
/// listings), with `{entity_id}` standing for `identity`.
fn actions_on(storage: &Storage, path: &str, caller: &Caller, identity: &str) -> Vec<Action> {
    let prefix = path
        .trim_end_matches('*')
        .replace(ENTITY_ID_TOKEN, identity);
    actions_at(storage, caller, &Place::Folder(&prefix))
}

/// Where the file browser asks who may do what: a folder (a key prefix ending in `/`,
/// or empty for the bucket's top) or one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place<'a> {
    Folder(&'a str),
    Object(&'a str),
}

impl Place<'_> {
    /// The key object actions are decided on (a new file, for a folder) and the prefix
    /// a listing of its folder names.
    fn key_and_folder(&self) -> (String, &str) {
        match *self {
            Place::Folder(prefix) => (format!("{prefix}example.txt"), prefix),
            Place::Object(key) => (key.to_string(), key.rfind('/').map_or("", |i| &key[..=i])),
        }
    }
}

/// The actions `caller` may take at `place`, each decided by [`decide`].
pub fn actions_at(storage: &Storage, caller: &Caller, place: &Place<'_>) -> Vec<Action> {
    let (key, folder) = place.key_and_folder();
    Action::ALL
        .into_iter()
        .filter(|action| {
            let target = if *action == Action::List {
                folder.to_string()
            } else {
                key.clone()
            };
            decide(storage, caller, &Request::new(*action, target)).allowed
        })
        .collect()
}

/// The identity whose own folder `prefix` is in, when an `{entity_id}` path covers it:
/// `profile-pictures/us-east-1:abc/` → `us-east-1:abc`.
pub fn owner_in(storage: &Storage, prefix: &str) -> Option<String> {
    storage.access.iter().flatten().find_map(|path| {
        let (before, _) = path.path.split_once(ENTITY_ID_TOKEN)?;
        let (id, _) = prefix.strip_prefix(before)?.split_once('/')?;
        (!id.is_empty()).then(|| id.to_string())
    })
}

/// Who may do what at `place`: guest, a signed-in user (not the owner), each group of
/// `groups`, and the owner when `place` is in somebody's own folder. Labelled as the
/// access table labels its columns.
pub fn who_may(
    storage: &Storage,
    groups: &[String],
    place: &Place<'_>,
) -> Vec<(String, Vec<Action>)> {
    let folder = place.key_and_folder().1.to_string();
    let owner = owner_in(storage, &folder);
    let someone_else = Some(SOMEONE_ELSE.to_string());
    let mut callers = vec![
        ("guest".to_string(), Caller::Guest),
        (
            "authenticated".to_string(),
            Caller::Authenticated {
                identity_id: someone_else.clone(),
            },
        ),
    ];
    callers.extend(groups.iter().map(|name| {
        let caller = Caller::Group {
            name: name.clone(),
            identity_id: someone_else.clone(),
        };
        (format!("group:{name}"), caller)
    }));
    if let Some(id) = owner {
        callers.push((
            "owner".to_string(),
            Caller::Authenticated {
                identity_id: Some(id),
            },
        ));
    }
    callers
        .into_iter()
        .map(|(label, caller)| (label, actions_at(storage, &caller, place)))
        .collect()
}

/// An identity that owns no folder a user is looking at.
const SOMEONE_ELSE: &str = "us-east-1:00000000-0000-0000-0000-000000000002";
