//! The typed model of an Amplify backend, as evaluated from its definition files.
//!
//! Every value that a check may complain about keeps the [`Span`] it came from, so
//! errors point at the place closest to their fix.

use std::fmt;

pub mod ids;

pub use crate::source::Span;

/// What `defineBackend({...})` was given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Backend {
    pub storages: Vec<Storage>,
    pub auth: Option<Auth>,
    /// The `defineBackend` call.
    pub span: Span,
    /// What the definition holds that ampx-rs reads past and does not deploy.
    pub left_out: Vec<LeftOut>,
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

    /// The actions a word of `allow.*.to([...])` or `access check` stands for: an
    /// action's own name, or `read` (get and list), as Amplify reads it.
    pub fn named(word: &str) -> Option<Vec<Action>> {
        if word == "read" {
            return Some(vec![Action::Get, Action::List]);
        }
        Action::ALL
            .into_iter()
            .find(|a| a.as_str() == word)
            .map(|a| vec![a])
    }

    /// Every word [`Action::named`] takes, `read` last.
    pub fn words() -> impl Iterator<Item = &'static str> {
        Action::ALL.into_iter().map(Action::as_str).chain(["read"])
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
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Auth {
    pub email: bool,
    pub phone: bool,
    /// Group names in definition order (their precedence is their index).
    pub groups: Vec<String>,
    pub span: Span,
    /// Every other option that maps to Cognito; the defaults are Amplify's.
    pub options: AuthOptions,
    /// Set for `referenceAuth`: the user pool, identity pool and roles exist already;
    /// the backend attaches its policies to them and creates no Cognito resource.
    pub reference: Option<ReferencedAuth>,
}

/// The existing resources `referenceAuth({...})` names.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReferencedAuth {
    pub user_pool_id: String,
    pub user_pool_client_id: String,
    pub identity_pool_id: String,
    pub auth_role_arn: String,
    pub unauth_role_arn: String,
    /// Each group's role ARN, in the order of [`Auth::groups`].
    pub group_role_arns: Vec<String>,
}

impl ReferencedAuth {
    /// The role a group's users assume, if `groups` names one for it.
    pub fn group_role_arn<'a>(&'a self, groups: &[String], group: &str) -> Option<&'a str> {
        let index = groups.iter().position(|g| g == group)?;
        self.group_role_arns.get(index).map(String::as_str)
    }
}

/// A role's name from its ARN (`arn:aws:iam::123456789012:role/path/NAME` → `NAME`),
/// as the CDK's `Role.fromRoleArn` names it; `None` for what is not a role ARN.
pub fn role_name(arn: &str) -> Option<&str> {
    let rest = arn.strip_prefix("arn:")?;
    let mut fields = rest.splitn(5, ':');
    let (_partition, service, _region, account, resource) = (
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
    );
    let name = resource.strip_prefix("role/")?.rsplit('/').next()?;
    (service == "iam" && !account.is_empty() && !name.is_empty()).then_some(name)
}

/// The `defineAuth` options beyond sign-in methods and groups, as written. Each is
/// `None` or empty when the definition leaves it out, which gives Amplify's default.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AuthOptions {
    /// `name`: the user pool's name.
    pub name: Option<String>,
    /// `userAttributes`, in definition order.
    pub user_attributes: Vec<UserAttribute>,
    pub multifactor: Option<Multifactor>,
    /// `accountRecovery`: one of [`ACCOUNT_RECOVERY`].
    pub account_recovery: Option<String>,
    /// `loginWith.email` settings.
    pub email_verification: EmailVerification,
    /// `loginWith.phone.verificationMessage`, placeholders filled in.
    pub sms_verification_message: Option<String>,
    /// `loginWith.email.userInvitation`.
    pub invitation: Option<Invitation>,
    /// `senders.email` with `fromEmail` (SES).
    pub email_sender: Option<EmailSender>,
}

/// The `accountRecovery` values Amplify accepts (CDK's `AccountRecovery` names).
pub const ACCOUNT_RECOVERY: &[&str] = &[
    "EMAIL_AND_PHONE_WITHOUT_MFA",
    "PHONE_WITHOUT_MFA_AND_EMAIL",
    "EMAIL_ONLY",
    "PHONE_ONLY_WITHOUT_MFA",
    "NONE",
    "PHONE_AND_EMAIL",
];

/// One `userAttributes` entry: a standard attribute (Cognito's name, `given_name`) or
/// a `custom:` one (the name without the prefix).
#[derive(Debug, Clone, PartialEq)]
pub struct UserAttribute {
    pub name: String,
    pub custom: Option<CustomAttribute>,
    pub required: bool,
    pub mutable: bool,
}

/// A `custom:` attribute's type and constraints, numbers kept as written.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomAttribute {
    /// `String`, `Number`, `DateTime` or `Boolean`.
    pub data_type: String,
    pub min: Option<String>,
    pub max: Option<String>,
}

/// `multifactor: { mode, sms, totp, email }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Multifactor {
    /// `OFF`, `OPTIONAL` or `REQUIRED`.
    pub mode: String,
    pub sms: bool,
    pub totp: bool,
    pub email: bool,
    /// `sms.smsMessage`, placeholders filled in.
    pub sms_message: Option<String>,
}

/// `loginWith.email: { verificationEmailStyle, verificationEmailSubject, verificationEmailBody }`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EmailVerification {
    pub link: bool,
    pub subject: Option<String>,
    pub body: Option<String>,
}

/// `loginWith.email.userInvitation`, placeholders filled in.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Invitation {
    pub email_subject: Option<String>,
    pub email_body: Option<String>,
    pub sms_message: Option<String>,
}

/// `senders.email: { fromEmail, fromName, replyTo }`.
#[derive(Debug, Clone, PartialEq)]
pub struct EmailSender {
    pub from_email: String,
    pub from_name: Option<String>,
    pub reply_to: Option<String>,
}

/// A part of the definition that ampx-rs reads past and does not deploy. It is always
/// named to the user, never dropped silently.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut {
    pub kind: LeftOutKind,
    /// What it is, in the definition's own words (`backend.addOutput(...)`).
    pub what: String,
    pub span: Span,
    /// Whether it changes who may do what: grants, policies, CORS, role overrides,
    /// `allow.resource`.
    pub touches_access: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LeftOutKind {
    /// A `defineBackend` entry built by `defineData`.
    Data,
    /// A `defineBackend` entry built by `defineFunction`.
    Function,
    /// Any other `defineBackend` entry.
    Resource,
    /// A statement of `backend.ts` beside `defineBackend` (CDK code, outputs, overrides).
    BackendCode,
    /// A statement of another definition file that runs code.
    Code,
    AuthTrigger,
    /// `defineAuth({ access })`: functions granted actions on the user pool.
    AuthAccess,
    /// `loginWith.externalProviders` (social, SAML, OIDC sign-in).
    ExternalProviders,
    /// An auth option that needs more than Cognito (custom senders, passwordless).
    AuthOption,
    StorageTrigger,
    /// `allow.resource(fn)` in storage access.
    FunctionAccess,
}

impl LeftOutKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LeftOutKind::Data => "data",
            LeftOutKind::Function => "function",
            LeftOutKind::Resource => "resource",
            LeftOutKind::BackendCode => "backend code",
            LeftOutKind::Code => "code",
            LeftOutKind::AuthTrigger => "auth trigger",
            LeftOutKind::AuthAccess => "auth access",
            LeftOutKind::ExternalProviders => "sign-in provider",
            LeftOutKind::AuthOption => "auth option",
            LeftOutKind::StorageTrigger => "storage trigger",
            LeftOutKind::FunctionAccess => "function access",
        }
    }
}

impl fmt::Display for LeftOutKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Auth {
    /// The user pool's schema as Amplify builds it: email and phone when they sign users
    /// in (required, mutable), then `userAttributes` (a standard attribute given again
    /// replaces the default in its place).
    pub fn schema(&self) -> Vec<UserAttribute> {
        // Amplify spreads the user's attributes over `{ email, phoneNumber }`, so those
        // two keep the first places even when sign-in leaves them unset.
        let default = |name: &str, on: bool| UserAttribute {
            name: name.to_string(),
            custom: None,
            required: on,
            mutable: on,
        };
        let mut slots: Vec<(UserAttribute, bool)> = vec![
            (default("email", self.email), self.email),
            (default("phone_number", self.phone), self.phone),
        ];
        for attribute in &self.options.user_attributes {
            let slot = slots.iter_mut().find(|(a, _)| {
                attribute.custom.is_none() && a.custom.is_none() && a.name == attribute.name
            });
            match slot {
                Some(slot) => *slot = (attribute.clone(), true),
                None => slots.push((attribute.clone(), true)),
            }
        }
        slots
            .into_iter()
            .filter(|(_, on)| *on)
            .map(|(a, _)| a)
            .collect()
    }

    /// `name`, which Amplify's construct ids (and so the logical ids) start with.
    pub fn name_prefix(&self) -> &str {
        self.options.name.as_deref().unwrap_or("")
    }

    /// Required standard attributes, lower-case, as Amplify's `signupAttributes` output.
    pub fn signup_attributes(&self) -> Vec<String> {
        self.schema()
            .into_iter()
            .filter(|a| a.required && a.custom.is_none())
            .map(|a| a.name.to_lowercase())
            .collect()
    }

    /// Cognito's `MfaConfiguration`: `OFF`, `ON` or `OPTIONAL`.
    pub fn mfa_configuration(&self) -> &'static str {
        match self.options.multifactor.as_ref().map(|m| m.mode.as_str()) {
            Some("REQUIRED") => "ON",
            Some("OPTIONAL") => "OPTIONAL",
            _ => "OFF",
        }
    }

    /// Cognito's `EnabledMfas` (CDK: SMS when MFA is on and no factor is named).
    pub fn enabled_mfas(&self) -> Vec<&'static str> {
        let Some(mfa) = &self.options.multifactor else {
            return Vec::new();
        };
        if mfa.mode == "OFF" {
            return Vec::new();
        }
        let mut out = Vec::new();
        if mfa.sms {
            out.push("SMS_MFA");
        }
        if mfa.totp {
            out.push("SOFTWARE_TOKEN_MFA");
        }
        if mfa.email {
            out.push("EMAIL_OTP");
        }
        if out.is_empty() {
            out.push("SMS_MFA");
        }
        out
    }

    /// Amplify's `mfaTypes` output: `SMS`, `TOTP`, `EMAIL`.
    pub fn mfa_types(&self) -> Vec<String> {
        self.enabled_mfas()
            .into_iter()
            .map(|m| match m {
                "SMS_MFA" => "SMS",
                "SOFTWARE_TOKEN_MFA" => "TOTP",
                _ => "EMAIL",
            })
            .map(str::to_string)
            .collect()
    }

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

/// The CORS rule Amplify puts on every bucket it deploys: any origin and header, these
/// methods and exposed headers, cached for `max_age` seconds. The template deploys it
/// and the local sandbox answers browsers by it (for local pages only), from this one
/// definition.
pub struct CorsRule {
    pub methods: &'static [&'static str],
    pub exposed_headers: &'static [&'static str],
    pub max_age: u32,
}

pub const AMPLIFY_CORS: CorsRule = CorsRule {
    methods: &["GET", "HEAD", "PUT", "POST", "DELETE"],
    exposed_headers: &[
        "x-amz-server-side-encryption",
        "x-amz-request-id",
        "x-amz-id-2",
        "ETag",
    ],
    max_age: 3000,
};

/// The placeholder Amplify substitutes for `{entity_id}` in owner policies.
pub const IDENTITY_VARIABLE: &str = "${cognito-identity.amazonaws.com:sub}";

/// The access-path token for the owner's identity id.
pub const ENTITY_ID_TOKEN: &str = "{entity_id}";

/// Finds, among many patterns, those a path starts with once their `*`s are taken out
/// (Amplify's `path.startsWith(p.replaceAll('*', ''))` against every other path), in
/// time that grows with the path's length, not with the number of patterns: the
/// definition check and the access plan ask this of every path, so a scan of all
/// others made them quadratic (4,000 paths took half a second, 36 s in a debug build).
pub struct PrefixIndex<'a> {
    by_unstarred: std::collections::HashMap<String, Vec<(usize, &'a str)>>,
}

impl<'a> PrefixIndex<'a> {
    pub fn new(patterns: impl IntoIterator<Item = &'a str>) -> PrefixIndex<'a> {
        let mut by_unstarred: std::collections::HashMap<String, Vec<(usize, &'a str)>> =
            std::collections::HashMap::new();
        for (index, pattern) in patterns.into_iter().enumerate() {
            by_unstarred
                .entry(pattern.replace('*', ""))
                .or_default()
                .push((index, pattern));
        }
        PrefixIndex { by_unstarred }
    }

    /// The patterns other than `path` itself that `path` starts with (`*`s taken out),
    /// in the order they were given.
    pub fn prefixes_of(&self, path: &str) -> Vec<&'a str> {
        let mut found: Vec<(usize, &'a str)> = (0..=path.len())
            .filter(|&end| path.is_char_boundary(end))
            .filter_map(|end| self.by_unstarred.get(&path[..end]))
            .flatten()
            .filter(|(_, pattern)| *pattern != path)
            .copied()
            .collect();
        found.sort_unstable_by_key(|(index, _)| *index);
        found.into_iter().map(|(_, pattern)| pattern).collect()
    }

    /// The first of [`PrefixIndex::prefixes_of`] (Amplify's `findParent`).
    pub fn first_prefix_of(&self, path: &str) -> Option<&'a str> {
        self.prefixes_of(path).into_iter().next()
    }
}

#[cfg(test)]
mod tests {
    use super::role_name;

    #[test]
    fn role_names_come_from_role_arns_only() {
        for (arn, name) in [
            ("arn:aws:iam::123456789012:role/app-auth", Some("app-auth")),
            (
                "arn:aws:iam::123456789012:role/teams/eu/admins",
                Some("admins"),
            ),
            ("arn:aws-cn:iam::123456789012:role/r", Some("r")),
            ("arn:aws:iam::123456789012:role/", None),
            ("arn:aws:iam::123456789012:user/someone", None),
            ("arn:aws:s3:::bucket", None),
            ("arn:aws:iam:::role/no-account", None),
            ("app-auth", None),
            ("", None),
        ] {
            assert_eq!(role_name(arn), name, "{arn}");
        }
    }
}
