//! `defineAuth({...})`: every option that maps to Cognito, read as Amplify's auth
//! construct reads it (`@aws-amplify/auth-construct`); options that need functions or
//! secrets are left out by name.

use super::eval::{Eval, Evaluator, Placeholder, Property, Value, wrong_type};
use super::strings::number_text;
use crate::diagnostic::Diagnostic;
use crate::model::{
    ACCOUNT_RECOVERY, Auth, CustomAttribute, EmailSender, Invitation, LeftOutKind, Multifactor,
    ReferencedAuth, UserAttribute, role_name,
};
use crate::source::Span;

/// The placeholder Cognito replaces with a code, in every message Amplify builds.
const CODE: &str = "{####}";
const USERNAME: &str = "{username}";

/// CDK's `StandardAttributes` keys and the Cognito names they become.
const STANDARD_ATTRIBUTES: &[(&str, &str)] = &[
    ("address", "address"),
    ("birthdate", "birthdate"),
    ("email", "email"),
    ("emailVerified", "email_verified"),
    ("familyName", "family_name"),
    ("gender", "gender"),
    ("givenName", "given_name"),
    ("locale", "locale"),
    ("middleName", "middle_name"),
    ("fullname", "name"),
    ("nickname", "nickname"),
    ("phoneNumber", "phone_number"),
    ("phoneNumberVerified", "phone_number_verified"),
    ("profilePicture", "picture"),
    ("preferredUsername", "preferred_username"),
    ("profilePage", "profile"),
    ("timezone", "zoneinfo"),
    ("lastUpdateTime", "updated_at"),
    ("website", "website"),
];

const AUTH_OPTIONS: &str = "loginWith, userAttributes, multifactor, accountRecovery, senders, groups, \
                            name, triggers, access";

/// `referenceAuth`'s properties that name an existing resource, all required.
const REFERENCE_IDS: &[&str] = &[
    "userPoolId",
    "identityPoolId",
    "userPoolClientId",
    "authRoleArn",
    "unauthRoleArn",
];

impl Evaluator {
    /// Reads `referenceAuth`'s properties: existing ids and role ARNs, each checked
    /// for its shape, since a wrong one fails only minutes into a deploy.
    pub(super) fn reference_auth(&mut self, props: Vec<Property>, span: Span) -> Auth {
        let mut reference = ReferencedAuth::default();
        let mut groups = Vec::new();
        let mut seen = Vec::new();
        for (key, key_span, value, value_span) in props {
            if key == "access" {
                self.leave_out_auth_access(key_span);
                continue;
            }
            let value = match value {
                Ok(v) => v,
                Err(d) => {
                    seen.push(key);
                    self.errors.push(d);
                    continue;
                }
            };
            let result = match key.as_str() {
                "groups" => self.group_roles(value, value_span).map(|pairs| {
                    for (group, arn) in pairs {
                        groups.push(group);
                        reference.group_role_arns.push(arn);
                    }
                }),
                "userPoolId" => string(value, value_span).map(|v| reference.user_pool_id = v),
                "identityPoolId" => {
                    string(value, value_span).map(|v| reference.identity_pool_id = v)
                }
                "userPoolClientId" => {
                    string(value, value_span).map(|v| reference.user_pool_client_id = v)
                }
                "authRoleArn" => role_arn(value, value_span).map(|v| reference.auth_role_arn = v),
                "unauthRoleArn" => {
                    role_arn(value, value_span).map(|v| reference.unauth_role_arn = v)
                }
                other => Err(Diagnostic::new(
                    "UnsupportedPropertyError",
                    format!("`referenceAuth` has no property `{other}`"),
                    key_span,
                )
                .hint(format!(
                    "`referenceAuth` takes {}, groups and access",
                    REFERENCE_IDS.join(", ")
                ))),
            };
            if let Err(d) = result {
                self.errors.push(d);
            }
            seen.push(key);
        }
        let missing: Vec<&str> = REFERENCE_IDS
            .iter()
            .copied()
            .filter(|id| !seen.iter().any(|k| k == id))
            .collect();
        if !missing.is_empty() {
            self.errors.push(
                Diagnostic::new(
                    "InvalidValueError",
                    format!("`referenceAuth` needs {}", missing.join(", ")),
                    span,
                )
                .hint("give the ids of the existing user pool, its app client and identity pool, and the ARNs of its two roles"),
            );
        }
        Auth {
            // The referenced pool's sign-in is not read from the cloud; email is
            // Amplify's default and what the local sandbox's pool signs in with.
            email: true,
            groups,
            span,
            reference: Some(reference),
            ..Auth::default()
        }
    }

    /// `access` of `defineAuth` or `referenceAuth`: functions' grants on the user pool,
    /// Amplify's to deploy.
    fn leave_out_auth_access(&mut self, key_span: Span) {
        self.leave_out(
            LeftOutKind::AuthAccess,
            "access: functions allowed to act on the user pool",
            key_span,
            true,
        );
    }

    /// `groups: { ADMINS: 'arn:aws:iam::…:role/…' }`, in definition order.
    fn group_roles(&mut self, value: Value, span: Span) -> Eval<Vec<(String, String)>> {
        let Value::Object(entries) = value else {
            return Err(wrong_type(
                "an object of group names and role ARNs",
                &value,
                span,
            ));
        };
        entries
            .into_iter()
            .map(|(group, _, arn, arn_span)| Ok((group, role_arn(arn, arn_span)?)))
            .collect()
    }

    /// Reads `defineAuth`'s properties. Always gives an auth, so that a problem in one
    /// option is one error and never a `MissingAuthError` on every storage rule.
    pub(super) fn auth(&mut self, props: Vec<Property>, span: Span) -> Auth {
        let mut auth = Auth {
            span,
            ..Auth::default()
        };
        let mut login = None;
        for (key, key_span, value, value_span) in props {
            match key.as_str() {
                "triggers" => {
                    self.leave_out_each(
                        LeftOutKind::AuthTrigger,
                        "triggers",
                        value,
                        key_span,
                        false,
                    );
                    continue;
                }
                "access" => {
                    self.leave_out_auth_access(key_span);
                    continue;
                }
                _ => {}
            }
            let value = match value {
                Ok(v) => v,
                Err(d) => {
                    login = login.or((key == "loginWith").then_some(key_span));
                    self.errors.push(d);
                    continue;
                }
            };
            let result = match key.as_str() {
                "loginWith" => {
                    login = Some(key_span);
                    self.login_with(&mut auth, value, value_span)
                }
                "groups" => self
                    .strings(value, value_span, "an array of group names")
                    .map(|g| auth.groups = g),
                "name" => string(value, value_span).map(|n| auth.options.name = Some(n)),
                "userAttributes" => self.user_attributes(&mut auth, value, value_span),
                "multifactor" => self.multifactor(&mut auth, value, value_span),
                "accountRecovery" => match value {
                    Value::Str(s) if ACCOUNT_RECOVERY.contains(&s.as_str()) => {
                        auth.options.account_recovery = Some(s);
                        Ok(())
                    }
                    other => Err(invalid_choice(
                        "accountRecovery",
                        &other,
                        value_span,
                        ACCOUNT_RECOVERY,
                    )),
                },
                "senders" => self.senders(&mut auth, value, value_span),
                other => Err(Diagnostic::new(
                    "UnsupportedPropertyError",
                    format!("`defineAuth` has no property `{other}`"),
                    key_span,
                )
                .hint(format!("`defineAuth` takes {AUTH_OPTIONS}"))),
            };
            if let Err(d) = result {
                self.errors.push(d);
            }
        }
        if !auth.email && !auth.phone {
            if login.is_none() || self.errors.is_empty() {
                self.errors.push(
                    Diagnostic::new(
                        "InvalidValueError",
                        "At least one of email or phone must be enabled.",
                        login.unwrap_or(span),
                    )
                    .hint("`defineAuth` needs `loginWith: { email: true }` or `{ phone: true }`"),
                );
            }
            // Read as email sign-in, so storage rules are checked against an auth.
            auth.email = true;
        }
        if let Some(mfa) = &auth.options.multifactor
            && auth.phone
            && mfa.mode != "OFF"
            && !mfa.sms
        {
            self.errors.push(Diagnostic::new(
                "InvalidValueError",
                "Invalid MFA settings. SMS must be enabled in multiFactor if loginWith phone is enabled",
                span,
            ));
        }
        auth
    }

    fn login_with(&mut self, auth: &mut Auth, value: Value, span: Span) -> Eval<()> {
        let Value::Object(methods) = value else {
            return Err(wrong_type("an object", &value, span));
        };
        for (method, method_span, value, _) in methods {
            let result = match (method.as_str(), value) {
                ("email", Value::Bool(b)) => {
                    auth.email = b;
                    Ok(())
                }
                ("phone", Value::Bool(b)) => {
                    auth.phone = b;
                    Ok(())
                }
                ("email", Value::Object(settings)) => {
                    auth.email = true;
                    self.email_settings(auth, settings)
                }
                ("phone", Value::Object(settings)) => {
                    auth.phone = true;
                    self.phone_settings(auth, settings)
                }
                ("externalProviders", value) => {
                    let providers = match value {
                        Value::Object(entries) => entries
                            .iter()
                            .map(|(k, ..)| k.as_str())
                            .filter(|k| !matches!(*k, "callbackUrls" | "logoutUrls" | "domainPrefix" | "scopes"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        _ => String::new(),
                    };
                    self.leave_out(
                        LeftOutKind::ExternalProviders,
                        format!("loginWith.externalProviders: {providers}"),
                        method_span,
                        false,
                    );
                    Ok(())
                }
                ("webAuthn", _) => {
                    self.leave_out(LeftOutKind::AuthOption, "loginWith.webAuthn (passkeys)", method_span, false);
                    Ok(())
                }
                (other, v) => Err(Diagnostic::new(
                    "UnsupportedPropertyError",
                    format!("`loginWith.{other}` ({}) is not a sign-in method", v.describe()),
                    method_span,
                )
                .hint("use `loginWith: { email: true }` or `{ phone: true }`, or their settings objects")),
            };
            if let Err(d) = result {
                self.errors.push(d);
            }
        }
        Ok(())
    }

    /// `loginWith.email: { verificationEmailStyle, verificationEmailSubject,
    /// verificationEmailBody, userInvitation }`.
    fn email_settings(
        &mut self,
        auth: &mut Auth,
        settings: Vec<(String, Span, Value, Span)>,
    ) -> Eval<()> {
        let style = settings
            .iter()
            .find(|(k, ..)| k == "verificationEmailStyle");
        let link = match style {
            None => false,
            Some((_, _, Value::Str(s), _)) if s == "CODE" => false,
            Some((_, _, Value::Str(s), _)) if s == "LINK" => true,
            Some((_, _, other, span)) => {
                return Err(invalid_choice(
                    "verificationEmailStyle",
                    other,
                    *span,
                    &["CODE", "LINK"],
                ));
            }
        };
        auth.options.email_verification.link = link;
        for (key, key_span, value, value_span) in settings {
            match key.as_str() {
                "verificationEmailStyle" => {}
                "verificationEmailSubject" => {
                    auth.options.email_verification.subject = Some(string(value, value_span)?)
                }
                "verificationEmailBody" if link => {
                    auth.options.email_verification.body = self.coded_message(value, value_span, Placeholder::Link, ("loginWith.email.verificationEmailBody", "Invalid email settings. Property 'verificationEmailBody' must utilize the 'link' parameter at least once as a placeholder for the verification link."))?;
                }
                "verificationEmailBody" => {
                    auth.options.email_verification.body = self.coded_message(value, value_span, Placeholder::Fixed(CODE), ("loginWith.email.verificationEmailBody", "Invalid email settings. Property 'verificationEmailBody' must utilize the 'code' parameter at least once as a placeholder for the verification code."))?;
                }
                "userInvitation" => {
                    auth.options.invitation = Some(self.invitation(value, value_span)?)
                }
                "otpLogin" => self.leave_out(
                    LeftOutKind::AuthOption,
                    "loginWith.email.otpLogin (passwordless sign-in)",
                    key_span,
                    false,
                ),
                other => return Err(unknown_setting("loginWith.email", other, key_span)),
            }
        }
        Ok(())
    }

    /// `loginWith.phone: { verificationMessage }`.
    fn phone_settings(
        &mut self,
        auth: &mut Auth,
        settings: Vec<(String, Span, Value, Span)>,
    ) -> Eval<()> {
        for (key, key_span, value, value_span) in settings {
            match key.as_str() {
                "verificationMessage" => {
                    auth.options.sms_verification_message = self.coded_message(value, value_span, Placeholder::Fixed(CODE), ("loginWith.phone.verificationMessage", "Invalid phone settings. Property 'verificationMessage' must utilize the 'code' parameter at least once as a placeholder for the verification code."))?;
                }
                "otpLogin" => self.leave_out(
                    LeftOutKind::AuthOption,
                    "loginWith.phone.otpLogin (passwordless sign-in)",
                    key_span,
                    false,
                ),
                other => return Err(unknown_setting("loginWith.phone", other, key_span)),
            }
        }
        Ok(())
    }

    /// `userInvitation: { emailSubject, emailBody(username, code), smsMessage(username, code) }`.
    fn invitation(&mut self, value: Value, span: Span) -> Eval<Invitation> {
        let Value::Object(entries) = value else {
            return Err(wrong_type("an object", &value, span));
        };
        let mut invitation = Invitation::default();
        let args = || {
            vec![
                Value::Placeholder(Placeholder::Fixed(USERNAME)),
                Value::Placeholder(Placeholder::Fixed(CODE)),
            ]
        };
        for (key, key_span, value, value_span) in entries {
            match key.as_str() {
                "emailSubject" => invitation.email_subject = Some(string(value, value_span)?),
                "emailBody" => {
                    invitation.email_body =
                        self.message(value, value_span, args(), "userInvitation.emailBody")?
                }
                "smsMessage" => {
                    invitation.sms_message =
                        self.message(value, value_span, args(), "userInvitation.smsMessage")?
                }
                other => return Err(unknown_setting("userInvitation", other, key_span)),
            }
        }
        Ok(invitation)
    }

    /// `userAttributes: { givenName: { required, mutable }, 'custom:x': { dataType, ... } }`.
    fn user_attributes(&mut self, auth: &mut Auth, value: Value, span: Span) -> Eval<()> {
        let Value::Object(entries) = value else {
            return Err(wrong_type("an object of user attributes", &value, span));
        };
        for (key, key_span, value, value_span) in entries {
            let Value::Object(settings) = value else {
                self.errors
                    .push(wrong_type("an object", &value, value_span));
                continue;
            };
            let get = |name: &str| {
                settings
                    .iter()
                    .find(|(k, ..)| k == name)
                    .map(|(_, _, v, s)| (v.clone(), *s))
            };
            let flag = |name: &str, default: bool| match get(name) {
                None => Ok(default),
                Some((Value::Bool(b), _)) => Ok(b),
                Some((other, s)) => Err(wrong_type("`true` or `false`", &other, s)),
            };
            let attribute = if let Some(name) = key.strip_prefix("custom:") {
                let data_type = match get("dataType") {
                    Some((Value::Str(t), _))
                        if ["String", "Number", "DateTime", "Boolean"].contains(&t.as_str()) =>
                    {
                        t
                    }
                    Some((other, s)) => {
                        self.errors.push(invalid_choice(
                            "dataType",
                            &other,
                            s,
                            &["String", "Number", "DateTime", "Boolean"],
                        ));
                        continue;
                    }
                    None => {
                        self.errors.push(Diagnostic::new(
                            "InvalidValueError",
                            format!("custom attribute `{key}` needs a `dataType`"),
                            value_span,
                        ));
                        continue;
                    }
                };
                let (min_key, max_key) = if data_type == "Number" {
                    ("min", "max")
                } else {
                    ("minLen", "maxLen")
                };
                let bound = |name: &str| match get(name) {
                    None => Ok(None),
                    Some((Value::Num(n), _)) => Ok(Some(number_text(n))),
                    Some((other, s)) => Err(wrong_type("a number", &other, s)),
                };
                let custom = CustomAttribute {
                    data_type,
                    min: bound(min_key)?,
                    max: bound(max_key)?,
                };
                UserAttribute {
                    name: name.to_string(),
                    custom: Some(custom),
                    required: false,
                    mutable: flag("mutable", true)?,
                }
            } else {
                let Some((_, cognito)) = STANDARD_ATTRIBUTES.iter().find(|(k, _)| *k == key) else {
                    self.errors.push(
                        Diagnostic::new(
                            "InvalidValueError",
                            format!("`{key}` is not a standard user attribute"),
                            key_span,
                        )
                        .hint(format!(
                            "use one of {}, or a custom attribute named `custom:{key}`",
                            STANDARD_ATTRIBUTES
                                .iter()
                                .map(|(k, _)| *k)
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    );
                    continue;
                };
                UserAttribute {
                    name: cognito.to_string(),
                    custom: None,
                    required: flag("required", false)?,
                    mutable: flag("mutable", true)?,
                }
            };
            auth.options.user_attributes.push(attribute);
        }
        Ok(())
    }

    /// `multifactor: { mode, sms, totp, email }`.
    fn multifactor(&mut self, auth: &mut Auth, value: Value, span: Span) -> Eval<()> {
        let Value::Object(entries) = value else {
            return Err(wrong_type("an object", &value, span));
        };
        let mut mfa = Multifactor {
            mode: String::new(),
            sms: false,
            totp: false,
            email: false,
            sms_message: None,
        };
        for (key, key_span, value, value_span) in entries {
            match (key.as_str(), value) {
                ("mode", Value::Str(m))
                    if ["OFF", "OPTIONAL", "REQUIRED"].contains(&m.as_str()) =>
                {
                    mfa.mode = m
                }
                ("mode", other) => {
                    return Err(invalid_choice(
                        "mode",
                        &other,
                        value_span,
                        &["OFF", "OPTIONAL", "REQUIRED"],
                    ));
                }
                ("sms", Value::Bool(b)) => mfa.sms = b,
                ("sms", Value::Object(settings)) => {
                    mfa.sms = true;
                    if let Some((_, _, message, message_span)) =
                        settings.into_iter().find(|(k, ..)| k == "smsMessage")
                    {
                        mfa.sms_message = self.coded_message(message, message_span, Placeholder::Fixed(CODE), ("multifactor.sms.smsMessage", "Invalid MFA settings. Property 'smsMessage' must utilize the 'code' parameter at least once as a placeholder for the verification code."))?;
                    }
                }
                ("totp", Value::Bool(b)) => mfa.totp = b,
                ("email", Value::Bool(b)) => mfa.email = b,
                ("sms" | "totp" | "email", other) => {
                    return Err(wrong_type("`true` or `false`", &other, value_span));
                }
                (other, _) => return Err(unknown_setting("multifactor", other, key_span)),
            }
        }
        if mfa.mode.is_empty() {
            return Err(Diagnostic::new(
                "InvalidValueError",
                "`multifactor` needs a `mode`: 'OFF', 'OPTIONAL' or 'REQUIRED'",
                span,
            ));
        }
        auth.options.multifactor = Some(mfa);
        Ok(())
    }

    /// `senders: { email: { fromEmail, fromName, replyTo } }` (SES); custom senders
    /// (`handler`) and SMS settings need functions or roles and are left out.
    fn senders(&mut self, auth: &mut Auth, value: Value, span: Span) -> Eval<()> {
        let Value::Object(entries) = value else {
            return Err(wrong_type("an object", &value, span));
        };
        for (key, key_span, value, value_span) in entries {
            let Value::Object(settings) = value else {
                return Err(wrong_type("an object", &value, value_span));
            };
            let has = |name: &str| settings.iter().any(|(k, ..)| k == name);
            if key != "email" || has("handler") {
                self.leave_out(
                    LeftOutKind::AuthOption,
                    format!("senders.{key}"),
                    key_span,
                    false,
                );
                continue;
            }
            let mut from_email = None;
            let mut sender = EmailSender {
                from_email: String::new(),
                from_name: None,
                reply_to: None,
            };
            for (name, name_span, value, value_span) in settings {
                match name.as_str() {
                    "fromEmail" => from_email = Some(string(value, value_span)?),
                    "fromName" => sender.from_name = Some(string(value, value_span)?),
                    "replyTo" => sender.reply_to = Some(string(value, value_span)?),
                    other => return Err(unknown_setting("senders.email", other, name_span)),
                }
            }
            let Some(from_email) = from_email else {
                return Err(Diagnostic::new(
                    "InvalidValueError",
                    "`senders.email` needs `fromEmail`, an address SES has verified",
                    key_span,
                ));
            };
            sender.from_email = from_email;
            auth.options.email_sender = Some(sender);
        }
        Ok(())
    }

    /// A message callback called with one placeholder function, which the message must
    /// use (Amplify's check, with Amplify's `error` when it does not).
    fn coded_message(
        &mut self,
        value: Value,
        span: Span,
        placeholder: Placeholder,
        (name, error): (&str, &str),
    ) -> Eval<Option<String>> {
        let Some(text) = self.message(value, span, vec![Value::Placeholder(placeholder)], name)?
        else {
            return Ok(None);
        };
        let needle = match placeholder {
            Placeholder::Fixed(text) => text,
            Placeholder::Link => "{##",
        };
        if !text.contains(needle) {
            return Err(amplify_error(error, span));
        }
        Ok(Some(text))
    }

    /// A message callback (`(createCode) => \`Your code is ${createCode()}\``) called
    /// with Amplify's placeholder functions; the text it returns. A callback that runs
    /// code ampx-rs does not evaluate (an `if`, `new Date()`) is left out by `name`:
    /// Cognito's default message is deployed, which changes no access (`None`).
    fn message(
        &mut self,
        value: Value,
        span: Span,
        args: Vec<Value>,
        name: &str,
    ) -> Eval<Option<String>> {
        // A function whose body runs code (an `if`, a loop) is not even a function here.
        if matches!(value, Value::Opaque { .. }) {
            self.leave_out_message(name, span);
            return Ok(None);
        }
        let Value::Arrow(arrow, scope) = value else {
            return Err(wrong_type(
                "a function that returns the message",
                &value,
                span,
            ));
        };
        match self.apply(&arrow, &scope, args) {
            Ok(Value::Str(s)) => Ok(Some(s)),
            Ok(Value::Opaque { .. } | Value::External { .. }) => {
                self.leave_out_message(name, span);
                Ok(None)
            }
            Err(e) if e.id == "UnsupportedExpressionError" => {
                self.leave_out_message(name, span);
                Ok(None)
            }
            Ok(other) => Err(wrong_type("a string", &other, arrow.body.span())),
            Err(e) => Err(e),
        }
    }

    fn leave_out_message(&mut self, name: &str, span: Span) {
        self.leave_out(
            LeftOutKind::AuthOption,
            format!("{name} (a message that runs code: the default message is deployed)"),
            span,
            false,
        );
    }

    fn strings(&mut self, value: Value, span: Span, expected: &str) -> Eval<Vec<String>> {
        let Value::Array(items) = value else {
            return Err(wrong_type(expected, &value, span));
        };
        let mut out = Vec::new();
        for (item, item_span) in items {
            match item {
                Value::Str(s) => out.push(s),
                other => self.errors.push(wrong_type("a string", &other, item_span)),
            }
        }
        Ok(out)
    }
}

fn string(value: Value, span: Span) -> Eval<String> {
    match value {
        Value::Str(s) => Ok(s),
        other => Err(wrong_type("a string", &other, span)),
    }
}

/// A string that is an IAM role ARN.
fn role_arn(value: Value, span: Span) -> Eval<String> {
    let arn = string(value, span)?;
    if role_name(&arn).is_none() {
        return Err(Diagnostic::new(
            "InvalidValueError",
            format!("'{arn}' is not an IAM role ARN"),
            span,
        )
        .hint("a role ARN reads arn:aws:iam::123456789012:role/NAME"));
    }
    Ok(arn)
}

fn invalid_choice(property: &str, found: &Value, span: Span, choices: &[&str]) -> Diagnostic {
    let found = match found {
        Value::Str(s) => format!("'{s}'"),
        other => return wrong_type("a string", other, span),
    };
    Diagnostic::new(
        "InvalidValueError",
        format!("{found} is not a value of `{property}`"),
        span,
    )
    .hint(format!("use one of '{}'", choices.join("', '")))
}

fn unknown_setting(parent: &str, key: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        "UnsupportedPropertyError",
        format!("`{parent}` has no setting `{key}`"),
        span,
    )
    .hint("see Amplify's defineAuth reference; docs/definition.md lists what ampx-rs reads")
}

/// An error Amplify's auth construct throws at synth, with its wording.
fn amplify_error(message: &str, span: Span) -> Diagnostic {
    Diagnostic::new("InvalidAuthSettingsError", message, span)
        .hint("call the placeholder function Amplify passes (`createCode()`, `createLink()`) in the message")
}
