//! Cognito user pool, client, identity pool, roles and groups, configured as
//! Amplify's `defineAuth` configures them for email or phone sign-in.

use serde_json::{Map, Value, json};

use super::tags;
use crate::model::Auth;
use crate::model::ids::unique_id;

const AUTH: &str = "amplifyAuth";
const VERIFICATION_MESSAGE: &str = "The verification code to your new account is {####}";

/// Logical ids of the auth resources other parts of the template refer to.
pub struct AuthIds {
    pub user_pool: String,
    pub client: String,
    pub identity_pool: String,
    pub authenticated_role: String,
    pub unauthenticated_role: String,
}

impl AuthIds {
    pub fn new() -> Self {
        Self {
            user_pool: unique_id(&[AUTH, "UserPool", "Resource"]),
            client: unique_id(&[AUTH, "UserPoolAppClient", "Resource"]),
            identity_pool: unique_id(&[AUTH, "IdentityPool"]),
            authenticated_role: unique_id(&[AUTH, "authenticatedUserRole", "Resource"]),
            unauthenticated_role: unique_id(&[AUTH, "unauthenticatedUserRole", "Resource"]),
        }
    }

    pub fn group_role(group: &str) -> String {
        unique_id(&[AUTH, &format!("{group}GroupRole"), "Resource"])
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

/// Adds every auth resource to `resources`.
pub fn add_resources(auth: &Auth, resources: &mut Map<String, Value>) {
    let ids = AuthIds::new();
    let attributes = auth.username_attributes();
    let schema: Vec<Value> = attributes
        .iter()
        .map(|a| json!({ "Mutable": true, "Name": a, "Required": true }))
        .collect();
    let recovery = if auth.email {
        "verified_email"
    } else {
        "verified_phone_number"
    };
    let mut pool = json!({
        "AccountRecoverySetting": { "RecoveryMechanisms": [{ "Name": recovery, "Priority": 1 }] },
        "AdminCreateUserConfig": { "AllowAdminCreateUserOnly": false },
        "AutoVerifiedAttributes": attributes,
        "EmailVerificationMessage": VERIFICATION_MESSAGE,
        "EmailVerificationSubject": "Verify your new account",
        "Policies": { "PasswordPolicy": {
            "MinimumLength": 8, "RequireLowercase": true, "RequireNumbers": true,
            "RequireSymbols": true, "RequireUppercase": true
        } },
        "Schema": schema,
        "SmsVerificationMessage": VERIFICATION_MESSAGE,
        "UserAttributeUpdateSettings": { "AttributesRequireVerificationBeforeUpdate": attributes },
        "UserPoolTags": tags::map(AUTH),
        "UsernameAttributes": attributes,
        "UsernameConfiguration": { "CaseSensitive": false },
        "VerificationMessageTemplate": {
            "DefaultEmailOption": "CONFIRM_WITH_CODE",
            "EmailMessage": VERIFICATION_MESSAGE,
            "EmailSubject": "Verify your new account",
            "SmsMessage": VERIFICATION_MESSAGE
        }
    });
    if auth.phone {
        // Cognito sends SMS codes through SNS with a role it assumes.
        let sms_role = unique_id(&[AUTH, "UserPool", "smsRole", "Resource"]);
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
        pool["SmsConfiguration"] = json!({
            "ExternalId": sms_role,
            "SnsCallerArn": { "Fn::GetAtt": [sms_role, "Arn"] },
            "SnsRegion": { "Ref": "AWS::Region" }
        });
    }
    resources.insert(
        ids.user_pool.clone(),
        resource("AWS::Cognito::UserPool", pool),
    );
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
                "CognitoIdentityProviders": [{ "ClientId": { "Ref": ids.client }, "ProviderName": provider_name(&ids) }],
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
    resources.insert(unique_id(&[AUTH, "IdentityPoolRoleAttachment"]), attachment);
    for (precedence, group) in auth.groups.iter().enumerate() {
        let role = AuthIds::group_role(group);
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
            unique_id(&[AUTH, &format!("{group}Group")]),
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

/// Amplify's auth stack outputs (read back by `ampx generate outputs` and by us).
pub fn add_outputs(auth: &Auth, outputs: &mut Map<String, Value>) -> Vec<&'static str> {
    let ids = AuthIds::new();
    let attributes = serde_json::to_string(&auth.username_attributes()).unwrap_or_default();
    let groups = crate::model::group_precedences(&auth.groups);
    let entries: Vec<(&'static str, Value)> = vec![
        ("userPoolId", json!({ "Ref": ids.user_pool })),
        ("webClientId", json!({ "Ref": ids.client })),
        ("identityPoolId", json!({ "Ref": ids.identity_pool })),
        ("authRegion", json!({ "Ref": "AWS::Region" })),
        ("allowUnauthenticatedIdentities", json!("true")),
        ("signupAttributes", json!(attributes)),
        ("usernameAttributes", json!(attributes)),
        ("verificationMechanisms", json!(attributes)),
        ("passwordPolicyMinLength", json!("8")),
        (
            "passwordPolicyRequirements",
            json!(
                "[\"REQUIRES_NUMBERS\",\"REQUIRES_LOWERCASE\",\"REQUIRES_UPPERCASE\",\"REQUIRES_SYMBOLS\"]"
            ),
        ),
        ("mfaConfiguration", json!("OFF")),
        ("mfaTypes", json!("[]")),
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
