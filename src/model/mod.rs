//! The typed model of an Amplify backend, as evaluated from its definition files.
//!
//! Every value that a check may complain about keeps the [`Span`] it came from, so
//! errors point at the place closest to their fix.

use std::fmt;

pub mod ids;

pub use crate::source::Span;

/// What `defineBackend({...})` was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Backend {
    pub storages: Vec<Storage>,
    pub auth: Option<Auth>,
    /// The `defineBackend` call.
    pub span: Span,
}

impl Backend {
    /// The default bucket: the only one, or the one marked `isDefault`.
    pub fn default_storage(&self) -> Option<&Storage> {
        match self.storages.as_slice() {
            [only] => Some(only),
            all => all.iter().find(|s| s.is_default.is_some()),
        }
    }
}

/// One `defineStorage({...})`.
#[derive(Debug, Clone, PartialEq)]
pub struct Storage {
    pub name: String,
    pub name_span: Span,
    /// `isDefault: true`, with the span of that property.
    pub is_default: Option<Span>,
    pub versioned: bool,
    /// `None` when the definition has no `access` property.
    pub access: Option<Vec<AccessPath>>,
    /// The `defineStorage` call.
    pub span: Span,
}

impl Storage {
    /// The bucket's CloudFormation logical id, as Amplify's construct gets it.
    pub fn logical_id(&self) -> String {
        ids::unique_id(&[&self.name, "Bucket", "Resource"])
    }
}

/// One key of the `access` object and its rules, in definition order.
#[derive(Debug, Clone, PartialEq)]
pub struct AccessPath {
    pub path: String,
    pub span: Span,
    pub rules: Vec<AccessRule>,
}

/// One `allow.<who>.to([...])`. `allow.groups([a, b])` yields one rule per group.
#[derive(Debug, Clone, PartialEq)]
pub struct AccessRule {
    pub principal: Principal,
    /// Expanded (`read` = `get` + `list`) and de-duplicated, in first-seen order.
    pub actions: Vec<Action>,
    /// The whole rule expression.
    pub span: Span,
    /// The part naming the principal (`allow.groups([...])` for groups).
    pub principal_span: Span,
}

/// Who a rule grants access to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Principal {
    Guest,
    Authenticated,
    Group(String),
    /// `allow.entity('identity')`: the owner of the `{entity_id}` path segment.
    Owner,
}

impl Principal {
    /// Amplify's `uniqueDefinitionId`, also the key used in outputs `paths`.
    pub fn outputs_key(&self) -> String {
        match self {
            Principal::Guest => "guest".into(),
            Principal::Authenticated => "authenticated".into(),
            Principal::Group(g) => format!("groups{g}"),
            Principal::Owner => "entityidentity".into(),
        }
    }
}

impl fmt::Display for Principal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Principal::Guest => f.write_str("guest"),
            Principal::Authenticated => f.write_str("authenticated"),
            Principal::Group(g) => write!(f, "group:{g}"),
            Principal::Owner => f.write_str("owner"),
        }
    }
}

/// An object action as Amplify names it (`read` is expanded before it gets here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Get,
    List,
    Write,
    Delete,
}

impl Action {
    pub const ALL: [Action; 4] = [Action::Get, Action::List, Action::Write, Action::Delete];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Get => "get",
            Action::List => "list",
            Action::Write => "write",
            Action::Delete => "delete",
        }
    }

    /// The one S3 IAM action Amplify maps this action to.
    pub fn iam_action(self) -> &'static str {
        match self {
            Action::Get => "s3:GetObject",
            Action::List => "s3:ListBucket",
            Action::Write => "s3:PutObject",
            Action::Delete => "s3:DeleteObject",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One `defineAuth({...})`.
#[derive(Debug, Clone, PartialEq)]
pub struct Auth {
    pub email: bool,
    pub phone: bool,
    /// Group names in definition order (their precedence is their index).
    pub groups: Vec<String>,
    pub span: Span,
}

impl Auth {
    /// Cognito attribute names users sign in with, in Amplify's order.
    pub fn username_attributes(&self) -> Vec<&'static str> {
        let mut attrs = Vec::new();
        if self.email {
            attrs.push("email");
        }
        if self.phone {
            attrs.push("phone_number");
        }
        attrs
    }
}

/// `[{ "<group>": { "precedence": <index> } }]`, as Amplify lists user-pool groups:
/// a group's precedence is its index in the definition.
pub fn group_precedences(groups: &[String]) -> serde_json::Value {
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| serde_json::json!({ g: { "precedence": i } }))
        .collect()
}

/// The placeholder Amplify substitutes for `{entity_id}` in owner policies.
pub const IDENTITY_VARIABLE: &str = "${cognito-identity.amazonaws.com:sub}";

/// The access-path token for the owner's identity id.
pub const ENTITY_ID_TOKEN: &str = "{entity_id}";

/// Whether `path` starts with `pattern` once the `*`s are taken out of `pattern`:
/// Amplify's `path.startsWith(pattern.replaceAll('*', ''))`, without building a string
/// for each of the pairs the path checks compare (thousands of paths make millions).
pub fn starts_with_unstarred(path: &str, pattern: &str) -> bool {
    let mut rest = path.bytes();
    pattern
        .bytes()
        .filter(|&b| b != b'*')
        .all(|b| rest.next() == Some(b))
}
