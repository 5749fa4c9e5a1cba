//! The user pool's operations, with Cognito's request fields, answers and errors (as
//! Amplify's pool sets it up: sign-in with email or phone, the default password policy,
//! `PreventUserExistenceErrors`, MFA as the definition says).

use std::collections::BTreeMap;

use data_encoding::{BASE64, BASE64URL_NOPAD};
use serde_json::{Value, json};
use sha2::Digest as _;

use super::users::{Code, Session, Status, Totp, User, new_uuid, now};
use super::{Cognito, Error, POOL_NAME, Pending, error, required, totp};
use crate::model::Auth;
use crate::srp;

/// How long codes and challenge sessions stay valid, in seconds.
const CODE_SECONDS: u64 = 24 * 3600;
const CHALLENGE_SECONDS: u64 = 180;
/// Refresh tokens live 30 days, as on Amplify's app client.
const REFRESH_SECONDS: u64 = 30 * 24 * 3600;

const WRONG_PASSWORD: &str = "Incorrect username or password.";
const WRONG_CODE: &str = "Invalid verification code provided, please try again.";

/// Cognito's standard attributes, which any pool accepts.
const STANDARD_ATTRIBUTES: &[&str] = &[
    "address",
    "birthdate",
    "email",
    "email_verified",
    "family_name",
    "gender",
    "given_name",
    "locale",
    "middle_name",
    "name",
    "nickname",
    "phone_number",
    "phone_number_verified",
    "picture",
    "preferred_username",
    "profile",
    "updated_at",
    "website",
    "zoneinfo",
];

fn incorrect() -> Error {
    error("NotAuthorizedException", WRONG_PASSWORD)
}

/// Amplify's password policy: 8 characters with lower and upper case, a number and a symbol.
pub fn check_password(password: &str) -> Result<(), Error> {
    let problem = if password.chars().count() < 8 {
        "Password not long enough"
    } else if !password.chars().any(|c| c.is_lowercase()) {
        "Password must have lowercase characters"
    } else if !password.chars().any(|c| c.is_uppercase()) {
        "Password must have uppercase characters"
    } else if !password.chars().any(|c| c.is_ascii_digit()) {
        "Password must have numeric characters"
    } else if !password
        .chars()
        .any(|c| c.is_ascii_punctuation() || c == ' ')
    {
        "Password must have symbol characters"
    } else {
        return Ok(());
    };
    Err(error(
        "InvalidPasswordException",
        format!("Password did not conform with policy: {problem}"),
    ))
}

/// A new salt and verifier for `password`, as stored in a user record.
pub fn password_record(username: &str, password: &str) -> (String, String) {
    let salt = srp::random(16);
    let verifier = srp::verifier(POOL_NAME, username, password, &salt);
    (salt.to_str_radix(16), verifier)
}

fn password_matches(user: &User, password: &str) -> bool {
    srp::parse_hex(&user.salt).is_some_and(|salt| {
        srp::verifier(POOL_NAME, &user.username, password, &salt) == user.verifier
    })
}

/// What a code is for, as the terminal and the Mail view say it.
fn shown_purpose(purpose: &str) -> String {
    match purpose.split_once(':') {
        Some(("verify", attribute)) => format!("{} verification", attribute.replace('_', " ")),
        Some(("sign-in", _)) => "sign-in".to_string(),
        _ => purpose.replace('-', " "),
    }
}

/// A six-digit code.
fn new_code() -> String {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).expect("the OS gives random bytes");
    format!("{:06}", u32::from_be_bytes(bytes) % 1_000_000)
}

/// `a***@e***`, as Cognito shows where a code went.
fn masked(value: &str) -> String {
    match value.split_once('@') {
        Some((name, domain)) => format!("{}***@{}***", first(name), first(domain)),
        None => {
            let tail: String = value
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            format!("+*******{tail}")
        }
    }
}

fn first(text: &str) -> &str {
    text.char_indices()
        .nth(1)
        .map_or(text, |(at, _)| &text[..at])
}

fn delivery(attribute: &str, value: &str) -> Value {
    let medium = if attribute == "email" { "EMAIL" } else { "SMS" };
    json!({ "AttributeName": attribute, "DeliveryMedium": medium, "Destination": masked(value) })
}

fn sha256_hex(text: &str) -> String {
    crate::parts::hex(&sha2::Sha256::digest(text.as_bytes()))
}

/// Checks the `ClientId` of a request.
fn check_client(cognito: &Cognito, input: &Value) -> Result<(), Error> {
    let client = required(input, "ClientId")?;
    if client != cognito.ids.user_pool_client_id {
        return Err(error(
            "ResourceNotFoundException",
            format!("User pool client {client} does not exist."),
        ));
    }
    Ok(())
}

/// Attributes as `[{Name, Value}]`, with `sub` first as Cognito lists them.
fn attribute_list(user: &User) -> Value {
    let mut list = vec![json!({ "Name": "sub", "Value": user.sub })];
    list.extend(
        user.attributes
            .iter()
            .map(|(k, v)| json!({ "Name": k, "Value": v })),
    );
    Value::Array(list)
}

/// `[{Name, Value}]` from a request, checked against the definition's schema.
fn attributes_from(auth: &Auth, input: &Value) -> Result<BTreeMap<String, String>, Error> {
    let mut out = BTreeMap::new();
    let schema = auth.schema();
    let mut unknown = String::new();
    for entry in input.as_array().into_iter().flatten() {
        let (Some(name), Some(value)) = (entry["Name"].as_str(), entry["Value"].as_str()) else {
            return Err(error(
                "InvalidParameterException",
                "Each user attribute needs a Name and a Value.",
            ));
        };
        let known = STANDARD_ATTRIBUTES.contains(&name) || schema.iter().any(|a| a.name == name);
        if !known {
            unknown.push_str(&format!(
                "{name}: Attribute does not exist in the schema.\n"
            ));
        }
        out.insert(name.to_string(), value.to_string());
    }
    if !unknown.is_empty() {
        return Err(error(
            "InvalidParameterException",
            format!("Attributes did not conform to the schema: {unknown}"),
        ));
    }
    Ok(out)
}

impl Cognito {
    pub(super) async fn user_pool(&self, op: &str, input: &Value) -> Result<Value, Error> {
        // Every operation reads and writes user records; one at a time keeps them whole.
        let _one_at_a_time = self.writing.lock().await;
        let auth = self.auth()?;
        match op {
            "SignUp" => self.sign_up(&auth, input),
            "ConfirmSignUp" => self.confirm_sign_up(input),
            "ResendConfirmationCode" => self.resend_code(input),
            "InitiateAuth" => self.initiate_auth(&auth, input),
            "RespondToAuthChallenge" => self.respond_to_challenge(&auth, input),
            "GetTokensFromRefreshToken" => {
                check_client(self, input)?;
                self.refresh(required(input, "RefreshToken")?)
            }
            "GetUser" => self.get_user(input),
            "UpdateUserAttributes" => self.update_attributes(&auth, input),
            "GetUserAttributeVerificationCode" => self.attribute_code(input),
            "VerifyUserAttribute" => self.verify_attribute(input),
            "ChangePassword" => self.change_password(input),
            "ForgotPassword" => self.forgot_password(input),
            "ConfirmForgotPassword" => self.confirm_forgot_password(input),
            "GlobalSignOut" => self.global_sign_out(input),
            "RevokeToken" => self.revoke_token(input),
            "DeleteUser" => self.delete_user(input),
            "AssociateSoftwareToken" => self.associate_software_token(input),
            "VerifySoftwareToken" => self.verify_software_token(input),
            "SetUserMFAPreference" => self.set_mfa_preference(input),
            _ => Err(error(
                "UnknownOperationException",
                format!("The local sandbox's user pool does not serve {op}."),
            )),
        }
    }

    fn save(&self, user: &User) -> Result<(), Error> {
        self.users
            .save(user)
            .map_err(|e| error("InternalErrorException", e.to_string()))
    }

    fn find(&self, login: &str) -> Result<Option<User>, Error> {
        self.users
            .find(login)
            .map_err(|e| error("InternalErrorException", e.to_string()))
    }

    /// Sends a fresh code for `purpose` to the user's email or phone.
    fn send_code(
        &self,
        user: &mut User,
        purpose: &str,
        attribute: Option<&str>,
    ) -> Result<Value, Error> {
        let (attribute, to) = match attribute {
            Some(name) => (name, user.attributes.get(name).cloned()),
            None => match user.contact() {
                Some((name, value)) => (name, Some(value.to_string())),
                None => ("email", None),
            },
        };
        let to = to.ok_or_else(|| {
            error(
                "InvalidParameterException",
                format!("The user has no {attribute} to send a code to."),
            )
        })?;
        let code = new_code();
        user.codes.retain(|c| c.purpose != purpose);
        user.codes.push(Code {
            purpose: purpose.to_string(),
            code: code.clone(),
            expires: now() + CODE_SECONDS,
        });
        self.notices.send(&to, &shown_purpose(purpose), &code);
        Ok(delivery(attribute, &to))
    }

    /// Takes the code of `purpose` if `given` is it.
    fn take_code(user: &mut User, purpose: &str, given: &str) -> Result<(), Error> {
        let Some(at) = user.codes.iter().position(|c| c.purpose == purpose) else {
            return Err(error("CodeMismatchException", WRONG_CODE));
        };
        if user.codes[at].expires < now() {
            return Err(error(
                "ExpiredCodeException",
                "Invalid code provided, please request a code again.",
            ));
        }
        if user.codes[at].code != given.trim() {
            return Err(error("CodeMismatchException", WRONG_CODE));
        }
        user.codes.remove(at);
        Ok(())
    }

    fn sign_up(&self, auth: &Auth, input: &Value) -> Result<Value, Error> {
        check_client(self, input)?;
        let login = required(input, "Username")?.trim().to_string();
        let password = required(input, "Password")?;
        let mut attributes = attributes_from(auth, &input["UserAttributes"])?;
        let is_email = login.contains('@');
        let is_phone = login.starts_with('+') && login[1..].bytes().all(|b| b.is_ascii_digit());
        match (auth.email, auth.phone) {
            (true, false) if !is_email => {
                return Err(error(
                    "InvalidParameterException",
                    "Username should be an email.",
                ));
            }
            (false, true) if !is_phone => {
                return Err(error(
                    "InvalidParameterException",
                    "Username should be a phone number.",
                ));
            }
            (true, true) if !is_email && !is_phone => {
                return Err(error(
                    "InvalidParameterException",
                    "Username should be either an email or a phone number.",
                ));
            }
            _ => {}
        }
        let login_attribute = if is_email { "email" } else { "phone_number" };
        attributes
            .entry(login_attribute.to_string())
            .or_insert_with(|| login.clone());
        let missing: String = auth
            .schema()
            .iter()
            .filter(|a| a.required && !attributes.contains_key(&a.name))
            .map(|a| format!("{}: The attribute is required\n", a.name))
            .collect();
        if !missing.is_empty() {
            return Err(error(
                "InvalidParameterException",
                format!("Attributes did not conform to the schema: {missing}"),
            ));
        }
        check_password(password)?;
        if self.find(&login)?.is_some() {
            let which = if is_email { "email" } else { "phone_number" };
            return Err(error(
                "UsernameExistsException",
                format!("An account with the given {which} already exists."),
            ));
        }
        let sub = new_uuid();
        let (salt, verifier) = password_record(&sub, password);
        attributes.remove("sub");
        let mut user = User::new(
            sub.clone(),
            Status::Unconfirmed,
            attributes,
            (salt, verifier),
        );
        if self.settings.auto_confirm {
            user.status = Status::Confirmed;
            user.attributes
                .insert(format!("{login_attribute}_verified"), "true".into());
            self.save(&user)?;
            return Ok(json!({ "UserConfirmed": true, "UserSub": sub }));
        }
        let details = self.send_code(&mut user, "sign-up", Some(login_attribute))?;
        self.save(&user)?;
        Ok(json!({ "UserConfirmed": false, "UserSub": sub, "CodeDeliveryDetails": details }))
    }

    fn confirm_sign_up(&self, input: &Value) -> Result<Value, Error> {
        check_client(self, input)?;
        let code = required(input, "ConfirmationCode")?;
        // With PreventUserExistenceErrors, an unknown user looks like a wrong code.
        let mut user = self
            .find(required(input, "Username")?)?
            .ok_or_else(|| error("CodeMismatchException", WRONG_CODE))?;
        if user.status != Status::Unconfirmed {
            return Err(error(
                "NotAuthorizedException",
                format!(
                    "User cannot be confirmed. Current status is {}",
                    user.status.as_str()
                ),
            ));
        }
        Self::take_code(&mut user, "sign-up", code)?;
        user.status = Status::Confirmed;
        if let Some((attribute, _)) = user.contact() {
            user.attributes
                .insert(format!("{attribute}_verified"), "true".into());
        }
        user.modified = now();
        self.save(&user)?;
        Ok(json!({}))
    }

    fn resend_code(&self, input: &Value) -> Result<Value, Error> {
        check_client(self, input)?;
        let login = required(input, "Username")?;
        let Some(mut user) = self.find(login)? else {
            return Ok(json!({ "CodeDeliveryDetails": delivery("email", login) }));
        };
        if user.status != Status::Unconfirmed {
            return Err(error(
                "InvalidParameterException",
                "User is already confirmed.",
            ));
        }
        let details = self.send_code(&mut user, "sign-up", None)?;
        self.save(&user)?;
        Ok(json!({ "CodeDeliveryDetails": details }))
    }

    fn initiate_auth(&self, auth: &Auth, input: &Value) -> Result<Value, Error> {
        check_client(self, input)?;
        let parameters = &input["AuthParameters"];
        match required(input, "AuthFlow")? {
            "USER_SRP_AUTH" => {
                let login = required(parameters, "USERNAME")?;
                let client_public =
                    srp::parse_hex(required(parameters, "SRP_A")?).ok_or_else(|| {
                        error("InvalidParameterException", "SRP_A is not a hex number.")
                    })?;
                let user = self.find(login)?.ok_or_else(incorrect)?;
                let verifier = srp::parse_hex(&user.verifier).ok_or_else(incorrect)?;
                let b = srp::random(128);
                let big_b = srp::server_public(&verifier, &b);
                let mut block = [0u8; 64];
                getrandom::fill(&mut block).expect("the OS gives random bytes");
                let secret_block = BASE64.encode(&block);
                let mut pending = self
                    .pending
                    .lock()
                    .map_err(|_| error("InternalErrorException", "poisoned"))?;
                pending.retain(|_, p| p.expires > now());
                pending.insert(
                    secret_block.clone(),
                    Pending {
                        sub: user.sub.clone(),
                        b,
                        big_b: big_b.clone(),
                        client_public,
                        expires: now() + CHALLENGE_SECONDS,
                    },
                );
                Ok(json!({
                    "ChallengeName": "PASSWORD_VERIFIER",
                    "ChallengeParameters": {
                        "SALT": user.salt,
                        "SECRET_BLOCK": secret_block,
                        "SRP_B": big_b.to_str_radix(16),
                        "USERNAME": user.username,
                        "USER_ID_FOR_SRP": user.username
                    }
                }))
            }
            "USER_PASSWORD_AUTH" => {
                let user = self
                    .find(required(parameters, "USERNAME")?)?
                    .ok_or_else(incorrect)?;
                if !password_matches(&user, required(parameters, "PASSWORD")?) {
                    return Err(incorrect());
                }
                self.password_proven(auth, user)
            }
            "REFRESH_TOKEN_AUTH" | "REFRESH_TOKEN" => {
                self.refresh(required(parameters, "REFRESH_TOKEN")?)
            }
            "CUSTOM_AUTH" => Err(error(
                "InvalidParameterException",
                "Custom auth lambda trigger is not configured for the user pool.",
            )),
            other => Err(error(
                "InvalidParameterException",
                format!("{other} flow not enabled for this client"),
            )),
        }
    }

    /// After the password: a challenge still to answer, or the tokens.
    fn password_proven(&self, auth: &Auth, mut user: User) -> Result<Value, Error> {
        match user.status {
            Status::Unconfirmed => {
                return Err(error("UserNotConfirmedException", "User is not confirmed."));
            }
            Status::ForceChangePassword => {
                let attributes: BTreeMap<_, _> = user
                    .attributes
                    .iter()
                    .filter(|(k, _)| !k.ends_with("_verified"))
                    .collect();
                return Ok(self.challenge(
                    &user,
                    "NEW_PASSWORD_REQUIRED",
                    json!({
                        "USER_ID_FOR_SRP": user.username,
                        "requiredAttributes": "[]",
                        "userAttributes": serde_json::to_string(&attributes).unwrap_or_default()
                    }),
                ));
            }
            Status::Confirmed => {}
        }
        let enabled = auth.enabled_mfas();
        let totp_ready = user.totp.as_ref().is_some_and(|t| t.verified)
            && enabled.contains(&"SOFTWARE_TOKEN_MFA");
        let wants = user.preferred_mfa.clone();
        let mode = auth.mfa_configuration();
        if totp_ready && (mode == "ON" || wants.as_deref() == Some("SOFTWARE_TOKEN_MFA")) {
            return Ok(self.challenge(
                &user,
                "SOFTWARE_TOKEN_MFA",
                json!({ "USER_ID_FOR_SRP": user.username }),
            ));
        }
        let by_message = |kind: &str| {
            enabled.contains(&kind) && (mode == "ON" || wants.as_deref() == Some(kind))
        };
        for (kind, attribute) in [("EMAIL_OTP", "email"), ("SMS_MFA", "phone_number")] {
            if by_message(kind) && user.attributes.contains_key(attribute) {
                let details =
                    self.send_code(&mut user, &format!("sign-in:{kind}"), Some(attribute))?;
                self.save(&user)?;
                return Ok(self.challenge(
                    &user,
                    kind,
                    json!({
                        "CODE_DELIVERY_DELIVERY_MEDIUM": details["DeliveryMedium"],
                        "CODE_DELIVERY_DESTINATION": details["Destination"],
                        "USER_ID_FOR_SRP": user.username
                    }),
                ));
            }
        }
        if mode == "ON" && enabled.contains(&"SOFTWARE_TOKEN_MFA") {
            return Ok(self.challenge(
                &user,
                "MFA_SETUP",
                json!({ "MFAS_CAN_SETUP": "[\"SOFTWARE_TOKEN_MFA\"]" }),
            ));
        }
        self.sign_in(&mut user)
    }

    fn challenge(&self, user: &User, name: &str, parameters: Value) -> Value {
        json!({ "ChallengeName": name, "ChallengeParameters": parameters, "Session": self.session_for(&user.sub, name) })
    }

    /// A challenge's `Session`: who and which step, until when, under the local secret.
    fn session_for(&self, sub: &str, step: &str) -> String {
        let payload = BASE64URL_NOPAD
            .encode(format!("{sub}|{step}|{}", now() + CHALLENGE_SECONDS).as_bytes());
        let mac = self.secrets.secret_for(&format!("session:{payload}"));
        format!("{payload}.{mac}")
    }

    /// The user a `Session` was given to for `step`.
    fn session_user(&self, session: &str, step: &str) -> Result<User, Error> {
        let invalid = || {
            error(
                "NotAuthorizedException",
                "Invalid session for the user, session is expired.",
            )
        };
        let (payload, mac) = session.split_once('.').ok_or_else(invalid)?;
        if self.secrets.secret_for(&format!("session:{payload}")) != mac {
            return Err(invalid());
        }
        let text = String::from_utf8(
            BASE64URL_NOPAD
                .decode(payload.as_bytes())
                .map_err(|_| invalid())?,
        )
        .map_err(|_| invalid())?;
        let mut fields = text.split('|');
        let (sub, named, expires) = (
            fields.next(),
            fields.next(),
            fields.next().and_then(|e| e.parse::<u64>().ok()),
        );
        if named != Some(step) || expires.is_none_or(|e| e < now()) {
            return Err(invalid());
        }
        self.find(sub.unwrap_or_default())?.ok_or_else(invalid)
    }

    fn respond_to_challenge(&self, auth: &Auth, input: &Value) -> Result<Value, Error> {
        check_client(self, input)?;
        let responses = &input["ChallengeResponses"];
        let session = input["Session"].as_str().unwrap_or_default();
        match required(input, "ChallengeName")? {
            "PASSWORD_VERIFIER" => {
                let block = required(responses, "PASSWORD_CLAIM_SECRET_BLOCK")?;
                let pending = self
                    .pending
                    .lock()
                    .map_err(|_| error("InternalErrorException", "poisoned"))?
                    .remove(block)
                    .filter(|p| p.expires > now())
                    .ok_or_else(incorrect)?;
                let user = self.find(&pending.sub)?.ok_or_else(incorrect)?;
                let verifier = srp::parse_hex(&user.verifier).ok_or_else(incorrect)?;
                let key = srp::server_key(
                    &pending.client_public,
                    &pending.big_b,
                    &pending.b,
                    &verifier,
                )
                .ok_or_else(incorrect)?;
                let block_bytes = BASE64.decode(block.as_bytes()).map_err(|_| incorrect())?;
                let expected = srp::claim_signature(
                    &key,
                    POOL_NAME,
                    &user.username,
                    &block_bytes,
                    required(responses, "TIMESTAMP")?,
                );
                let given = BASE64
                    .decode(required(responses, "PASSWORD_CLAIM_SIGNATURE")?.as_bytes())
                    .map_err(|_| incorrect())?;
                if !constant_time_eq(&expected, &given) {
                    return Err(incorrect());
                }
                self.password_proven(auth, user)
            }
            "NEW_PASSWORD_REQUIRED" => {
                let mut user = self.session_user(session, "NEW_PASSWORD_REQUIRED")?;
                let password = required(responses, "NEW_PASSWORD")?;
                check_password(password)?;
                (user.salt, user.verifier) = password_record(&user.username, password);
                user.status = Status::Confirmed;
                self.save(&user)?;
                self.password_proven(auth, user)
            }
            "SOFTWARE_TOKEN_MFA" => {
                let mut user = self.session_user(session, "SOFTWARE_TOKEN_MFA")?;
                let code = required(responses, "SOFTWARE_TOKEN_MFA_CODE")?;
                let secret = user
                    .totp
                    .as_ref()
                    .map(|t| t.secret.clone())
                    .unwrap_or_default();
                if !totp::accepts(&secret, code, now()) {
                    return Err(error(
                        "CodeMismatchException",
                        "Invalid code received for user",
                    ));
                }
                self.sign_in(&mut user)
            }
            kind @ ("EMAIL_OTP" | "SMS_MFA") => {
                let mut user = self.session_user(session, kind)?;
                let field = if kind == "EMAIL_OTP" {
                    "EMAIL_OTP_CODE"
                } else {
                    "SMS_MFA_CODE"
                };
                Self::take_code(
                    &mut user,
                    &format!("sign-in:{kind}"),
                    required(responses, field)?,
                )
                .map_err(|_| {
                    error(
                        "CodeMismatchException",
                        "Invalid code or auth state for the user.",
                    )
                })?;
                self.sign_in(&mut user)
            }
            "MFA_SETUP" => {
                let mut user = self.session_user(session, "MFA_SETUP_DONE")?;
                self.sign_in(&mut user)
            }
            other => Err(error(
                "InvalidParameterException",
                format!("{other} is not a challenge of this sign-in."),
            )),
        }
    }

    /// Issues tokens in a new session.
    fn sign_in(&self, user: &mut User) -> Result<Value, Error> {
        let session_id = new_uuid();
        let refresh = format!(
            "{}.{}",
            user.sub,
            crate::parts::hex(&srp::random(32).to_bytes_be())
        );
        let auth_time = now();
        user.sessions.retain(|s| s.expires > auth_time);
        user.sessions.push(Session {
            id: session_id.clone(),
            refresh_hash: sha256_hex(&refresh),
            expires: auth_time + REFRESH_SECONDS,
            auth_time,
        });
        user.modified = auth_time;
        self.save(user)?;
        let mut result = self.tokens(user, &session_id, auth_time);
        result["RefreshToken"] = json!(refresh);
        Ok(json!({ "AuthenticationResult": result, "ChallengeParameters": {} }))
    }

    /// New id and access tokens from a refresh token.
    fn refresh(&self, refresh: &str) -> Result<Value, Error> {
        let invalid = || error("NotAuthorizedException", "Invalid Refresh Token");
        let sub = refresh
            .split_once('.')
            .map(|(sub, _)| sub)
            .ok_or_else(invalid)?;
        let user = self.find(sub)?.ok_or_else(invalid)?;
        let hash = sha256_hex(refresh);
        let session = user
            .sessions
            .iter()
            .find(|s| s.refresh_hash == hash)
            .ok_or_else(|| error("NotAuthorizedException", "Refresh Token has been revoked"))?;
        if session.expires < now() {
            return Err(error("NotAuthorizedException", "Refresh Token has expired"));
        }
        Ok(
            json!({ "AuthenticationResult": self.tokens(&user, &session.id, session.auth_time), "ChallengeParameters": {} }),
        )
    }

    /// `{AccessToken, IdToken, ExpiresIn, TokenType}` for one session.
    fn tokens(&self, user: &User, session_id: &str, auth_time: u64) -> Value {
        let issued = now();
        let expires = issued + self.settings.token_seconds;
        let groups = self.groups_by_precedence(user);
        let mut id = json!({
            "sub": user.sub,
            "iss": self.issuer,
            "cognito:username": user.username,
            "origin_jti": session_id,
            "aud": self.ids.user_pool_client_id,
            "event_id": new_uuid(),
            "token_use": "id",
            "auth_time": auth_time,
            "exp": expires,
            "iat": issued,
            "jti": new_uuid()
        });
        for (name, value) in &user.attributes {
            id[name] = match value.as_str() {
                "true" if name.ends_with("_verified") => json!(true),
                "false" if name.ends_with("_verified") => json!(false),
                _ => json!(value),
            };
        }
        let mut access = json!({
            "sub": user.sub,
            "iss": self.issuer,
            "client_id": self.ids.user_pool_client_id,
            "origin_jti": session_id,
            "event_id": new_uuid(),
            "token_use": "access",
            "scope": "aws.cognito.signin.user.admin",
            "auth_time": auth_time,
            "exp": expires,
            "iat": issued,
            "jti": new_uuid(),
            "username": user.username
        });
        if !groups.is_empty() {
            let roles: Vec<String> = groups
                .iter()
                .filter_map(|g| self.group_role_arn(g))
                .collect();
            id["cognito:groups"] = json!(groups);
            access["cognito:groups"] = json!(groups);
            if let Some(first) = roles.first() {
                id["cognito:preferred_role"] = json!(first);
                id["cognito:roles"] = json!(roles);
            }
        }
        json!({
            "AccessToken": self.key.sign(&access),
            "IdToken": self.key.sign(&id),
            "ExpiresIn": self.settings.token_seconds,
            "TokenType": "Bearer"
        })
    }

    /// The user's groups, those with a role in the definition first, by precedence.
    pub(super) fn groups_by_precedence(&self, user: &User) -> Vec<String> {
        let defined = self.auth().map(|a| a.groups).unwrap_or_default();
        let mut groups = user.groups.clone();
        groups.sort_by_key(|g| defined.iter().position(|d| d == g).unwrap_or(usize::MAX));
        groups
    }

    /// The local stand-in for a group's role ARN (only groups of the definition have one).
    fn group_role_arn(&self, group: &str) -> Option<String> {
        let defined = self.auth().map(|a| a.groups).unwrap_or_default();
        defined
            .iter()
            .any(|d| d == group)
            .then(|| format!("arn:aws:iam::000000000000:role/ampx-local-{group}GroupRole"))
    }

    /// The user an access token stands for, if it is valid and its session is alive.
    fn access_user(&self, input: &Value) -> Result<User, Error> {
        let token = required(input, "AccessToken")?;
        let invalid = || error("NotAuthorizedException", "Invalid Access Token");
        let claims = self.key.verify(token).ok_or_else(invalid)?;
        if claims["token_use"] != "access" {
            return Err(invalid());
        }
        if claims["exp"].as_u64().is_none_or(|e| e < now()) {
            return Err(error("NotAuthorizedException", "Access Token has expired"));
        }
        let user = self
            .find(claims["sub"].as_str().unwrap_or_default())?
            .ok_or_else(|| error("UserNotFoundException", "User does not exist."))?;
        let session = claims["origin_jti"].as_str().unwrap_or_default();
        if !user.sessions.iter().any(|s| s.id == session) {
            return Err(error(
                "NotAuthorizedException",
                "Access Token has been revoked",
            ));
        }
        Ok(user)
    }

    fn get_user(&self, input: &Value) -> Result<Value, Error> {
        let user = self.access_user(input)?;
        let mut settings = Vec::new();
        if user.totp.as_ref().is_some_and(|t| t.verified) {
            settings.push("SOFTWARE_TOKEN_MFA".to_string());
        }
        if let Some(preferred) = &user.preferred_mfa
            && !settings.contains(preferred)
        {
            settings.push(preferred.clone());
        }
        let mut answer =
            json!({ "Username": user.username, "UserAttributes": attribute_list(&user) });
        if !settings.is_empty() {
            answer["UserMFASettingList"] = json!(settings);
        }
        if let Some(preferred) = &user.preferred_mfa {
            answer["PreferredMfaSetting"] = json!(preferred);
        }
        Ok(answer)
    }

    fn update_attributes(&self, auth: &Auth, input: &Value) -> Result<Value, Error> {
        let mut user = self.access_user(input)?;
        let changes = attributes_from(auth, &input["UserAttributes"])?;
        let mut deliveries = Vec::new();
        for (name, value) in changes {
            let changed = user.attributes.get(&name) != Some(&value);
            user.attributes.insert(name.clone(), value);
            if changed && (name == "email" || name == "phone_number") {
                user.attributes
                    .insert(format!("{name}_verified"), "false".into());
                deliveries.push(self.send_code(
                    &mut user,
                    &format!("verify:{name}"),
                    Some(&name),
                )?);
            }
        }
        user.modified = now();
        self.save(&user)?;
        Ok(json!({ "CodeDeliveryDetailsList": deliveries }))
    }

    fn attribute_code(&self, input: &Value) -> Result<Value, Error> {
        let mut user = self.access_user(input)?;
        let name = required(input, "AttributeName")?;
        let details = self.send_code(&mut user, &format!("verify:{name}"), Some(name))?;
        self.save(&user)?;
        Ok(json!({ "CodeDeliveryDetails": details }))
    }

    fn verify_attribute(&self, input: &Value) -> Result<Value, Error> {
        let mut user = self.access_user(input)?;
        let name = required(input, "AttributeName")?;
        Self::take_code(
            &mut user,
            &format!("verify:{name}"),
            required(input, "Code")?,
        )?;
        user.attributes
            .insert(format!("{name}_verified"), "true".into());
        self.save(&user)?;
        Ok(json!({}))
    }

    fn change_password(&self, input: &Value) -> Result<Value, Error> {
        let mut user = self.access_user(input)?;
        if !password_matches(&user, required(input, "PreviousPassword")?) {
            return Err(incorrect());
        }
        let proposed = required(input, "ProposedPassword")?;
        check_password(proposed)?;
        (user.salt, user.verifier) = password_record(&user.username, proposed);
        self.save(&user)?;
        Ok(json!({}))
    }

    fn forgot_password(&self, input: &Value) -> Result<Value, Error> {
        check_client(self, input)?;
        let login = required(input, "Username")?;
        let Some(mut user) = self.find(login)? else {
            // PreventUserExistenceErrors: an unknown user gets a plausible answer.
            return Ok(json!({ "CodeDeliveryDetails": delivery("email", login) }));
        };
        let verified = ["email", "phone_number"].iter().find(|a| {
            user.attributes
                .get(&format!("{a}_verified"))
                .is_some_and(|v| v == "true")
        });
        let Some(attribute) = verified else {
            return Err(error(
                "InvalidParameterException",
                "Cannot reset password for the user as there is no registered/verified email or phone_number",
            ));
        };
        let details = self.send_code(&mut user, "password-reset", Some(attribute))?;
        self.save(&user)?;
        Ok(json!({ "CodeDeliveryDetails": details }))
    }

    fn confirm_forgot_password(&self, input: &Value) -> Result<Value, Error> {
        check_client(self, input)?;
        let mut user = self
            .find(required(input, "Username")?)?
            .ok_or_else(|| error("CodeMismatchException", WRONG_CODE))?;
        let password = required(input, "Password")?;
        check_password(password)?;
        Self::take_code(
            &mut user,
            "password-reset",
            required(input, "ConfirmationCode")?,
        )?;
        (user.salt, user.verifier) = password_record(&user.username, password);
        if user.status == Status::ForceChangePassword {
            user.status = Status::Confirmed;
        }
        self.save(&user)?;
        Ok(json!({}))
    }

    fn global_sign_out(&self, input: &Value) -> Result<Value, Error> {
        let mut user = self.access_user(input)?;
        user.sessions.clear();
        self.save(&user)?;
        Ok(json!({}))
    }

    fn revoke_token(&self, input: &Value) -> Result<Value, Error> {
        check_client(self, input)?;
        let token = required(input, "Token")?;
        if let Some((sub, _)) = token.split_once('.')
            && let Some(mut user) = self.find(sub)?
        {
            let hash = sha256_hex(token);
            user.sessions.retain(|s| s.refresh_hash != hash);
            self.save(&user)?;
        }
        Ok(json!({}))
    }

    fn delete_user(&self, input: &Value) -> Result<Value, Error> {
        let user = self.access_user(input)?;
        self.users
            .remove(&user.sub)
            .map_err(|e| error("InternalErrorException", e.to_string()))?;
        Ok(json!({}))
    }

    /// The user of an MFA set-up: by access token, or by the `MFA_SETUP` session.
    fn setup_user(&self, input: &Value) -> Result<(User, bool), Error> {
        match input["Session"].as_str() {
            Some(session) if input["AccessToken"].is_null() => {
                Ok((self.session_user(session, "MFA_SETUP")?, true))
            }
            _ => Ok((self.access_user(input)?, false)),
        }
    }

    fn associate_software_token(&self, input: &Value) -> Result<Value, Error> {
        let (mut user, in_sign_in) = self.setup_user(input)?;
        let secret = totp::new_secret();
        user.totp = Some(Totp {
            secret: secret.clone(),
            verified: false,
        });
        self.save(&user)?;
        let mut answer = json!({ "SecretCode": secret });
        if in_sign_in {
            answer["Session"] = json!(self.session_for(&user.sub, "MFA_SETUP"));
        }
        Ok(answer)
    }

    fn verify_software_token(&self, input: &Value) -> Result<Value, Error> {
        let (mut user, in_sign_in) = self.setup_user(input)?;
        let code = required(input, "UserCode")?;
        let Some(totp) = user
            .totp
            .as_mut()
            .filter(|t| totp::accepts(&t.secret, code, now()))
        else {
            return Err(error(
                "EnableSoftwareTokenMFAException",
                "Code mismatch and fail enable Software Token MFA",
            ));
        };
        totp.verified = true;
        if user.preferred_mfa.is_none() {
            user.preferred_mfa = Some("SOFTWARE_TOKEN_MFA".into());
        }
        self.save(&user)?;
        let mut answer = json!({ "Status": "SUCCESS" });
        if in_sign_in {
            answer["Session"] = json!(self.session_for(&user.sub, "MFA_SETUP_DONE"));
        }
        Ok(answer)
    }

    fn set_mfa_preference(&self, input: &Value) -> Result<Value, Error> {
        let mut user = self.access_user(input)?;
        for (field, kind) in [
            ("SoftwareTokenMfaSettings", "SOFTWARE_TOKEN_MFA"),
            ("SMSMfaSettings", "SMS_MFA"),
            ("EmailMfaSettings", "EMAIL_OTP"),
        ] {
            let settings = &input[field];
            if settings.is_null() {
                continue;
            }
            if kind == "SOFTWARE_TOKEN_MFA"
                && settings["Enabled"] == true
                && !user.totp.as_ref().is_some_and(|t| t.verified)
            {
                return Err(error(
                    "InvalidParameterException",
                    "User has not verified software token mfa",
                ));
            }
            if settings["PreferredMfa"] == true
                || (settings["Enabled"] == true && user.preferred_mfa.is_none())
            {
                user.preferred_mfa = Some(kind.to_string());
            } else if settings["Enabled"] == false && user.preferred_mfa.as_deref() == Some(kind) {
                user.preferred_mfa = None;
            }
        }
        self.save(&user)?;
        Ok(json!({}))
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_follow_amplifys_policy_with_cognitos_messages() {
        for (password, problem) in [
            ("Ab1!", "Password not long enough"),
            ("ABCDEFG1!", "Password must have lowercase characters"),
            ("abcdefg1!", "Password must have uppercase characters"),
            ("Abcdefgh!", "Password must have numeric characters"),
            ("Abcdefgh1", "Password must have symbol characters"),
        ] {
            let e = check_password(password).expect_err(password);
            assert_eq!(e.kind, "InvalidPasswordException");
            assert_eq!(
                e.message,
                format!("Password did not conform with policy: {problem}")
            );
        }
        for good in ["Abcdefg1!", "Pass word 1", "Ünïcode1ß!"] {
            assert!(check_password(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn purposes_are_said_plainly() {
        for (purpose, shown) in [
            ("sign-up", "sign up"),
            ("password-reset", "password reset"),
            ("verify:email", "email verification"),
            ("verify:phone_number", "phone number verification"),
            ("sign-in:EMAIL_OTP", "sign-in"),
        ] {
            assert_eq!(shown_purpose(purpose), shown);
        }
    }

    #[test]
    fn destinations_are_masked_as_cognito_masks_them() {
        assert_eq!(masked("alice@example.com"), "a***@e***");
        assert_eq!(masked("+15555550100"), "+*******0100");
        assert_eq!(masked("@x"), "***@x***");
    }

    #[test]
    fn stored_records_verify_the_password_they_were_made_from() {
        let (salt, verifier) = password_record("user-1", "Passw0rd!");
        let user = User::new(
            "user-1".into(),
            Status::Confirmed,
            BTreeMap::new(),
            (salt, verifier),
        );
        assert!(password_matches(&user, "Passw0rd!"));
        assert!(!password_matches(&user, "passw0rd!"));
        let json = serde_json::to_string(&user).expect("json");
        assert!(!json.contains("Passw0rd"), "no password is stored: {json}");
    }
}
