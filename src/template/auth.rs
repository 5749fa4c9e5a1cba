//! Cognito user pool, client, identity pool, roles and groups, configured as
//! Amplify's `defineAuth` configures them for email or phone sign-in.

use serde_json::{Map, Value, json};

use super::tags;
use crate::model::ids::unique_id;
use crate::model::{Auth, EmailSender};

const AUTH: &str = "amplifyAuth";
const VERIFICATION_MESSAGE: &str = "The verification code to your new account is {####}";
const VERIFICATION_SUBJECT: &str = "Verify your new account";
const VERIFICATION_LINK_MESSAGE: &str = "Verify your account by clicking on {##Verify Email##}";

/// Logical ids of the auth resources other parts of the template refer to.
pub(super) struct AuthIds {
    pub user_pool: String,
    pub client: String,
    pub identity_pool: String,
    pub authenticated_role: String,
    pub unauthenticated_role: String,
}

impl AuthIds {
    /// Amplify's construct ids start with `defineAuth`'s `name` (empty without one), so
    /// the logical ids carry it too.
    pub(super) fn new(name: &str) -> Self {
        Self {
            user_pool: unique_id(&[AUTH, &format!("{name}UserPool"), "Resource"]),
            client: unique_id(&[AUTH, &format!("{name}UserPoolAppClient"), "Resource"]),
            identity_pool: unique_id(&[AUTH, &format!("{name}IdentityPool")]),
            authenticated_role: unique_id(&[
                AUTH,
                &format!("{name}authenticatedUserRole"),
                "Resource",
            ]),
            unauthenticated_role: unique_id(&[
                AUTH,
                &format!("{name}unauthenticatedUserRole"),
                "Resource",
            ]),
        }
    }

    pub(super) fn group_role(name: &str, group: &str) -> String {
        unique_id(&[AUTH, &format!("{name}{group}GroupRole"), "Resource"])
    }
}

fn resource(kind: &str, properties: Value) -> Value {
    json!({
        "Type": kind,
        "Properties": properties,
        "UpdateReplacePolicy": "Delete",
        "DeletionPolicy": "Delete",
    })
}

/// The trust policy that lets Cognito identities of one kind assume a role.
fn cognito_trust(identity_pool: &str, amr: &str) -> Value {
    json!({
        "Statement": [{
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
                "StringEquals": { "cognito-identity.amazonaws.com:aud": { "Ref": identity_pool } },
                "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": amr }
            },
            "Effect": "Allow",
            "Principal": { "Federated": "cognito-identity.amazonaws.com" }
        }],
        "Version": "2012-10-17"
    })
}

fn provider_name(ids: &AuthIds) -> Value {
    json!({ "Fn::Join": ["", ["cognito-idp.", { "Ref": "AWS::Region" }, ".amazonaws.com/", { "Ref": ids.user_pool }]] })
}

/// The user pool's schema entries, as CDK writes standard and custom attributes.
fn schema(auth: &Auth) -> Vec<Value> {
    auth.schema()
        .iter()
        .map(|a| match &a.custom {
            None => json!({ "Mutable": a.mutable, "Name": a.name, "Required": a.required }),
            Some(custom) => {
                let mut entry = json!({ "AttributeDataType": custom.data_type, "Mutable": a.mutable, "Name": a.name });
                let bounds = |min: &str, max: &str| {
                    let mut b = Map::new();
                    if let Some(v) = &custom.min {
                        b.insert(min.into(), json!(v));
                    }
                    if let Some(v) = &custom.max {
                        b.insert(max.into(), json!(v));
                    }
                    Value::Object(b)
                };
                match custom.data_type.as_str() {
                    "String" => entry["StringAttributeConstraints"] = bounds("MinLength", "MaxLength"),
                    "Number" => entry["NumberAttributeConstraints"] = bounds("MinValue", "MaxValue"),
                    _ => {}
                }
                entry
            }
        })
        .collect()
}

/// CDK's `AccountRecovery` mechanisms; `None` for `PHONE_AND_EMAIL`, which leaves
/// Cognito's own default.
fn recovery_mechanisms(auth: &Auth) -> Option<Value> {
    let default = if auth.email {
        "EMAIL_ONLY"
    } else {
        "PHONE_ONLY_WITHOUT_MFA"
    };
    let setting = auth.options.account_recovery.as_deref().unwrap_or(default);
    let names: &[&str] = match setting {
        "EMAIL_AND_PHONE_WITHOUT_MFA" => &["verified_email", "verified_phone_number"],
        "PHONE_WITHOUT_MFA_AND_EMAIL" => &["verified_phone_number", "verified_email"],
        "EMAIL_ONLY" => &["verified_email"],
        "PHONE_ONLY_WITHOUT_MFA" => &["verified_phone_number"],
        "NONE" => &["admin_only"],
        _ => return None,
    };
    let mechanisms: Vec<Value> = names
        .iter()
        .enumerate()
        .map(|(i, name)| json!({ "Name": name, "Priority": i + 1 }))
        .collect();
    Some(json!({ "RecoveryMechanisms": mechanisms }))
}

/// SES sending as CDK's `UserPoolEmail.withSES` writes it, in the stack's region.
fn email_configuration(sender: &EmailSender) -> Value {
    let from = match &sender.from_name {
        // RFC 5322: a display name with specials is quoted.
        Some(name) if name.contains(|c: char| "()<>@,;:\\\".[]".contains(c)) => {
            format!(
                "\"{}\" <{}>",
                name.replace('\\', "\\\\").replace('"', "\\\""),
                sender.from_email
            )
        }
        Some(name) => format!("{name} <{}>", sender.from_email),
        None => sender.from_email.clone(),
    };
    let mut config = json!({
        "EmailSendingAccount": "DEVELOPER",
        "From": from,
        "SourceArn": { "Fn::Join": ["", [
            "arn:", { "Ref": "AWS::Partition" }, ":ses:", { "Ref": "AWS::Region" }, ":",
            { "Ref": "AWS::AccountId" }, format!(":identity/{}", sender.from_email)
        ]] }
    });
    if let Some(reply_to) = &sender.reply_to {
        config["ReplyToEmailAddress"] = json!(reply_to);
    }
    config
}

/// The role Cognito assumes to send SMS codes through SNS (added to `resources`), and
/// the pool's `SmsConfiguration` naming it.
fn sms_configuration(name: &str, resources: &mut Map<String, Value>) -> Value {
    let sms_role = unique_id(&[AUTH, &format!("{name}UserPool"), "smsRole", "Resource"]);
    resources.insert(
        sms_role.clone(),
        resource(
            "AWS::IAM::Role",
            json!({
                "AssumeRolePolicyDocument": {
                    "Statement": [{
                        "Action": "sts:AssumeRole",
                        "Condition": { "StringEquals": { "sts:ExternalId": sms_role } },
                        "Effect": "Allow",
                        "Principal": { "Service": "cognito-idp.amazonaws.com" }
                    }],
                    "Version": "2012-10-17"
                },
                "Policies": [{
                    "PolicyDocument": {
                        "Statement": [{ "Action": "sns:Publish", "Effect": "Allow", "Resource": "*" }],
                        "Version": "2012-10-17"
                    },
                    "PolicyName": "sns-publish"
                }],
                "Tags": tags::list(AUTH)
            }),
        ),
    );
    // Amplify leaves `SnsRegion` unset: Cognito then uses its own region.
    json!({
        "ExternalId": sms_role,
        "SnsCallerArn": { "Fn::GetAtt": [sms_role, "Arn"] }
    })
}

/// The app client, the identity pool, its authenticated and guest roles and the role
/// mapping, as Amplify's auth construct makes them.
fn add_identity_pool(ids: &AuthIds, name: &str, resources: &mut Map<String, Value>) {
    resources.insert(
        ids.client.clone(),
        resource(
            "AWS::Cognito::UserPoolClient",
            json!({
                "AllowedOAuthFlows": ["code"],
                "AllowedOAuthFlowsUserPoolClient": true,
                "AllowedOAuthScopes": ["profile", "phone", "email", "openid", "aws.cognito.signin.user.admin"],
                "CallbackURLs": ["https://example.com"],
                "ExplicitAuthFlows": ["ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                "PreventUserExistenceErrors": "ENABLED",
                "SupportedIdentityProviders": ["COGNITO"],
                "UserPoolId": { "Ref": ids.user_pool }
            }),
        ),
    );
    resources.insert(
        ids.identity_pool.clone(),
        resource(
            "AWS::Cognito::IdentityPool",
            json!({
                "AllowUnauthenticatedIdentities": true,
                "CognitoIdentityProviders": [{ "ClientId": { "Ref": ids.client }, "ProviderName": provider_name(ids) }],
                "IdentityPoolTags": tags::list(AUTH),
                "SupportedLoginProviders": {}
            }),
        ),
    );
    for (id, amr) in [
        (&ids.authenticated_role, "authenticated"),
        (&ids.unauthenticated_role, "unauthenticated"),
    ] {
        resources.insert(
            id.clone(),
            resource(
                "AWS::IAM::Role",
                json!({ "AssumeRolePolicyDocument": cognito_trust(&ids.identity_pool, amr), "Tags": tags::list(AUTH) }),
            ),
        );
    }
    let mut attachment = resource(
        "AWS::Cognito::IdentityPoolRoleAttachment",
        json!({
            "IdentityPoolId": { "Ref": ids.identity_pool },
            "RoleMappings": { "UserPoolWebClientRoleMapping": {
                "AmbiguousRoleResolution": "AuthenticatedRole",
                "IdentityProvider": { "Fn::Join": ["", [
                    "cognito-idp.", { "Ref": "AWS::Region" }, ".amazonaws.com/",
                    { "Ref": ids.user_pool }, ":", { "Ref": ids.client }
                ]] },
                "Type": "Token"
            } },
            "Roles": {
                "unauthenticated": { "Fn::GetAtt": [ids.unauthenticated_role, "Arn"] },
                "authenticated": { "Fn::GetAtt": [ids.authenticated_role, "Arn"] }
            }
        }),
    );
    attachment["DependsOn"] = json!([ids.identity_pool, ids.client]);
    resources.insert(
        unique_id(&[AUTH, &format!("{name}IdentityPoolRoleAttachment")]),
        attachment,
    );
}

/// One role and one `UserPoolGroup` per group, precedence in definition order.
fn add_groups(auth: &Auth, ids: &AuthIds, name: &str, resources: &mut Map<String, Value>) {
    for (precedence, group) in auth.groups.iter().enumerate() {
        let role = AuthIds::group_role(name, group);
        resources.insert(
            role.clone(),
            resource(
                "AWS::IAM::Role",
                json!({
                    "AssumeRolePolicyDocument": cognito_trust(&ids.identity_pool, "authenticated"),
                    "Tags": tags::list(AUTH)
                }),
            ),
        );
        resources.insert(
            unique_id(&[AUTH, &format!("{name}{group}Group")]),
            resource(
                "AWS::Cognito::UserPoolGroup",
                json!({
                    "GroupName": group,
                    "Precedence": precedence,
                    "RoleArn": { "Fn::GetAtt": [role, "Arn"] },
                    "UserPoolId": { "Ref": ids.user_pool }
                }),
            ),
        );
    }
}

/// Adds every auth resource to `resources`.
pub(super) fn add_resources(auth: &Auth, resources: &mut Map<String, Value>) {
    let name = auth.name_prefix();
    let ids = AuthIds::new(name);
    let options = &auth.options;
    let attributes = auth.username_attributes();
    let verification = &options.email_verification;
    let subject = verification
        .subject
        .as_deref()
        .unwrap_or(VERIFICATION_SUBJECT);
    let sms_message = options
        .sms_verification_message
        .as_deref()
        .unwrap_or(VERIFICATION_MESSAGE);
    let template = if verification.link {
        json!({
            "DefaultEmailOption": "CONFIRM_WITH_LINK",
            "EmailMessageByLink": verification.body.as_deref().unwrap_or(VERIFICATION_LINK_MESSAGE),
            "EmailSubjectByLink": subject,
            "SmsMessage": sms_message
        })
    } else {
        json!({
            "DefaultEmailOption": "CONFIRM_WITH_CODE",
            "EmailMessage": verification.body.as_deref().unwrap_or(VERIFICATION_MESSAGE),
            "EmailSubject": subject,
            "SmsMessage": sms_message
        })
    };
    let mut admin = json!({ "AllowAdminCreateUserOnly": false });
    if let Some(invitation) = &options.invitation {
        let mut message = Map::new();
        for (key, value) in [
            ("EmailMessage", &invitation.email_body),
            ("EmailSubject", &invitation.email_subject),
            ("SMSMessage", &invitation.sms_message),
        ] {
            if let Some(value) = value {
                message.insert(key.into(), json!(value));
            }
        }
        admin["InviteMessageTemplate"] = Value::Object(message);
    }
    let mut pool = json!({
        "AdminCreateUserConfig": admin,
        "AutoVerifiedAttributes": attributes,
        "Policies": { "PasswordPolicy": {
            "MinimumLength": 8, "RequireLowercase": true, "RequireNumbers": true,
            "RequireSymbols": true, "RequireUppercase": true
        } },
        "Schema": schema(auth),
        "SmsVerificationMessage": sms_message,
        "UserAttributeUpdateSettings": { "AttributesRequireVerificationBeforeUpdate": attributes },
        "UserPoolTags": tags::map(AUTH),
        "UsernameAttributes": attributes,
        "UsernameConfiguration": { "CaseSensitive": false },
        "VerificationMessageTemplate": template
    });
    if let Some(recovery) = recovery_mechanisms(auth) {
        pool["AccountRecoverySetting"] = recovery;
    }
    if !verification.link {
        pool["EmailVerificationMessage"] = template["EmailMessage"].clone();
        pool["EmailVerificationSubject"] = json!(subject);
    }
    if let Some(mfa) = &options.multifactor {
        pool["MfaConfiguration"] = json!(auth.mfa_configuration());
        let enabled = auth.enabled_mfas();
        if !enabled.is_empty() {
            pool["EnabledMfas"] = json!(enabled);
        }
        if let Some(message) = &mfa.sms_message {
            pool["SmsAuthenticationMessage"] = json!(message);
        }
    }
    if let Some(sender) = &options.email_sender {
        pool["EmailConfiguration"] = email_configuration(sender);
    }
    if let Some(name) = &options.name {
        pool["UserPoolName"] = json!(name);
    }
    if auth.phone || auth.enabled_mfas().contains(&"SMS_MFA") {
        pool["SmsConfiguration"] = sms_configuration(name, resources);
    }
    if let Value::Object(properties) = &mut pool {
        // One order however the options were written, so equal pools hash alike.
        properties.sort_keys();
    }
    resources.insert(
        ids.user_pool.clone(),
        resource("AWS::Cognito::UserPool", pool),
    );
    add_identity_pool(&ids, name, resources);
    add_groups(auth, &ids, name, resources);
}

/// Amplify's auth stack outputs (read back by `ampx generate outputs` and by us).
pub(super) fn add_outputs(auth: &Auth, outputs: &mut Map<String, Value>) -> Vec<&'static str> {
    let ids = AuthIds::new(auth.name_prefix());
    // A referenced pool's ids are known; the template's own are filled in by CloudFormation.
    let [user_pool, client, identity_pool] = match &auth.reference {
        Some(r) => [
            json!(r.user_pool_id),
            json!(r.user_pool_client_id),
            json!(r.identity_pool_id),
        ],
        None => [
            json!({ "Ref": ids.user_pool }),
            json!({ "Ref": ids.client }),
            json!({ "Ref": ids.identity_pool }),
        ],
    };
    let attributes = serde_json::to_string(&auth.username_attributes()).unwrap_or_default();
    let signup = serde_json::to_string(&auth.signup_attributes()).unwrap_or_default();
    let mfa_types = serde_json::to_string(&auth.mfa_types()).unwrap_or_default();
    let groups = crate::model::group_precedences(&auth.groups);
    let entries: Vec<(&'static str, Value)> = vec![
        ("userPoolId", user_pool),
        ("webClientId", client),
        ("identityPoolId", identity_pool),
        ("authRegion", json!({ "Ref": "AWS::Region" })),
        ("allowUnauthenticatedIdentities", json!("true")),
        ("signupAttributes", json!(signup)),
        ("usernameAttributes", json!(attributes)),
        ("verificationMechanisms", json!(attributes)),
        ("passwordPolicyMinLength", json!("8")),
        (
            "passwordPolicyRequirements",
            json!(
                "[\"REQUIRES_NUMBERS\",\"REQUIRES_LOWERCASE\",\"REQUIRES_UPPERCASE\",\"REQUIRES_SYMBOLS\"]"
            ),
        ),
        ("mfaConfiguration", json!(auth.mfa_configuration())),
        ("mfaTypes", json!(mfa_types)),
        (
            "groups",
            json!(serde_json::to_string(&groups).unwrap_or_default()),
        ),
    ];
    entries
        .into_iter()
        .map(|(key, value)| {
            outputs.insert(key.to_string(), json!({ "Value": value }));
            key
        })
        .collect()
}
