//! The local user pool and signed-in identities, over HTTP as any Cognito client calls
//! them: Cognito's errors, SRP sign-in, tokens that expire, refresh and are revoked,
//! identity ids that survive restarts, and S3 requests signed with a user's credentials
//! decided as `access::decide` decides them.

use std::path::Path;

use ampx_rs::access::{Caller, Request, decide};
use ampx_rs::model::Action;
use ampx_rs::srp;
use data_encoding::{BASE64, BASE64URL_NOPAD};
use serde_json::{Value, json};

use crate::common::{copy_definition, stderr, stdout};
use crate::local::LocalSandbox;

const CLIENT: &str = "ampxlocalclient00000000000";
const POOL: &str = "us-east-1_ampxlocal";
const IDENTITY_POOL: &str = "us-east-1:00000000-0000-4000-8000-00000000a11f";
const PASSWORD: &str = "Passw0rd!";

/// Cognito's error: its `__type` and `message`.
type Failure = (String, String);

/// A Cognito client of one local sandbox, speaking JSON 1.1 as the SDKs do.
struct Cognito {
    url: String,
    agent: ureq::Agent,
}

impl Cognito {
    fn of(sandbox: &LocalSandbox) -> Cognito {
        Cognito {
            url: format!("http://127.0.0.1:{}", sandbox.port()),
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .into(),
        }
    }

    fn call(&self, target: &str, body: Value) -> Result<Value, Failure> {
        let mut response = self
            .agent
            .post(&format!("{}/", self.url))
            .header("x-amz-target", target)
            .header("content-type", "application/x-amz-json-1.1")
            .send(body.to_string())
            .expect("request");
        let status = response.status().as_u16();
        let header = response
            .headers()
            .get("x-amzn-errortype")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let value: Value =
            serde_json::from_slice(&response.body_mut().read_to_vec().expect("body"))
                .expect("json");
        if status == 200 {
            return Ok(value);
        }
        assert_eq!(status, 400, "{value}");
        let kind = value["__type"].as_str().expect("__type").to_string();
        assert_eq!(
            header,
            Some(format!("{kind}:")),
            "x-amzn-errortype names the error"
        );
        Err((
            kind,
            value["message"].as_str().expect("message").to_string(),
        ))
    }

    fn idp(&self, op: &str, body: Value) -> Result<Value, Failure> {
        self.call(&format!("AWSCognitoIdentityProviderService.{op}"), body)
    }

    fn identity(&self, op: &str, body: Value) -> Result<Value, Failure> {
        self.call(&format!("AWSCognitoIdentityService.{op}"), body)
    }

    fn sign_up(&self, email: &str, password: &str) -> Result<Value, Failure> {
        self.idp(
            "SignUp",
            json!({ "ClientId": CLIENT, "Username": email, "Password": password,
                    "UserAttributes": [{ "Name": "email", "Value": email }] }),
        )
    }

    /// USER_SRP_AUTH, as Amplify's client signs in, computed with the client half of
    /// the SRP module (the server uses the other formula for S).
    fn sign_in(&self, login: &str, password: &str) -> Result<Value, Failure> {
        let (a, big_a) = srp::client::start();
        let challenge = self.idp(
            "InitiateAuth",
            json!({ "AuthFlow": "USER_SRP_AUTH", "ClientId": CLIENT,
                    "AuthParameters": { "USERNAME": login, "SRP_A": big_a.to_str_radix(16) } }),
        )?;
        assert_eq!(challenge["ChallengeName"], "PASSWORD_VERIFIER");
        let p = &challenge["ChallengeParameters"];
        let number = |name: &str| srp::parse_hex(p[name].as_str().expect(name)).expect("hex");
        let user_id = p["USER_ID_FOR_SRP"].as_str().expect("user id");
        let key = srp::client::key(
            &a,
            &big_a,
            &number("SRP_B"),
            "ampxlocal",
            user_id,
            password,
            &number("SALT"),
        );
        let block = p["SECRET_BLOCK"].as_str().expect("block");
        let timestamp = "Sun Dec 6 12:00:00 UTC 2026";
        let signature = srp::claim_signature(
            &key,
            "ampxlocal",
            user_id,
            &BASE64.decode(block.as_bytes()).expect("b64"),
            timestamp,
        );
        let answer = json!({ "ChallengeName": "PASSWORD_VERIFIER", "ClientId": CLIENT,
            "ChallengeResponses": { "USERNAME": user_id, "PASSWORD_CLAIM_SECRET_BLOCK": block,
                "TIMESTAMP": timestamp, "PASSWORD_CLAIM_SIGNATURE": BASE64.encode(&signature) } });
        let result = self.idp("RespondToAuthChallenge", answer.clone());
        if result.is_ok() {
            // A secret block answers once.
            assert_eq!(
                self.idp("RespondToAuthChallenge", answer).map(|_| ()),
                Err(incorrect())
            );
        }
        result
    }

    /// `{AccessKeyId, SecretKey}` and the identity id of a signed-in user.
    fn credentials(&self, id_token: &str) -> (String, Value) {
        let logins = json!({ format!("cognito-idp.us-east-1.amazonaws.com/{POOL}"): id_token });
        let id = self
            .identity(
                "GetId",
                json!({ "IdentityPoolId": IDENTITY_POOL, "Logins": logins }),
            )
            .expect("GetId");
        let identity = id["IdentityId"].as_str().expect("id").to_string();
        let creds = self
            .identity(
                "GetCredentialsForIdentity",
                json!({ "IdentityId": identity, "Logins": logins }),
            )
            .expect("credentials");
        (identity, creds["Credentials"].clone())
    }
}

fn failure(kind: &str, message: &str) -> Failure {
    (kind.to_string(), message.to_string())
}

fn incorrect() -> Failure {
    failure("NotAuthorizedException", "Incorrect username or password.")
}

/// The code the sandbox printed for `to`, the latest one.
fn code_for(sandbox: &LocalSandbox, to: &str) -> String {
    let log = sandbox.log();
    let line = log
        .lines()
        .rev()
        .find(|l| l.contains(&format!("code for {to}: ")))
        .unwrap_or_else(|| panic!("no code for {to} in\n{log}"));
    line.rsplit(": ").next().expect("code").trim().to_string()
}

/// The claims of a JWT, after checking its RS256 signature against the JWKS the
/// token's issuer publishes (as any verifier finds it).
fn verified_claims(token: &str) -> Value {
    use aws_lc_rs::signature::{RSA_PKCS1_2048_8192_SHA256, RsaPublicKeyComponents};
    let part = |i: usize| {
        BASE64URL_NOPAD
            .decode(token.split('.').nth(i).expect("part").as_bytes())
            .expect("b64url")
    };
    let header: Value = serde_json::from_slice(&part(0)).expect("header");
    let claims: Value = serde_json::from_slice(&part(1)).expect("claims");
    let jwks_url = format!(
        "{}/.well-known/jwks.json",
        claims["iss"].as_str().expect("iss")
    );
    let mut response = ureq::get(&jwks_url).call().expect("jwks");
    let jwks: Value =
        serde_json::from_slice(&response.body_mut().read_to_vec().expect("body")).expect("json");
    let key = jwks["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .find(|k| k["kid"] == header["kid"])
        .expect("the token's key is published");
    let b64 = |name: &str| {
        BASE64URL_NOPAD
            .decode(key[name].as_str().expect(name).as_bytes())
            .expect("b64url")
    };
    let signed = &token[..token.rfind('.').expect("dot")];
    RsaPublicKeyComponents {
        n: b64("n"),
        e: b64("e"),
    }
    .verify(&RSA_PKCS1_2048_8192_SHA256, signed.as_bytes(), &part(2))
    .expect("the signature holds");
    assert_eq!(header["alg"], "RS256");
    claims
}

fn sandbox_of(example: &str, flags: &[&str]) -> LocalSandbox {
    let dir = tempfile::tempdir().expect("dir");
    copy_definition(example, dir.path());
    LocalSandbox::start_with(dir, flags)
}

/// Every file the local sandbox keeps, as text.
fn stored_text(root: &Path) -> String {
    walkdir::WalkDir::new(root.join(".amplify/local"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| String::from_utf8_lossy(&std::fs::read(e.path()).expect("read")).into_owned())
        .collect()
}

#[cfg(unix)]
#[test]
fn sign_up_confirm_and_sign_in_with_cognitos_errors() {
    let sandbox = sandbox_of("team-drive", &[]);
    let pool = Cognito::of(&sandbox);
    let email = "alice@example.com";
    let sign_up = |login: &str, password: &str, attributes: Value| {
        pool.idp("SignUp", json!({ "ClientId": CLIENT, "Username": login, "Password": password, "UserAttributes": attributes }))
    };
    assert_eq!(
        pool.idp(
            "SignUp",
            json!({ "ClientId": "nope", "Username": email, "Password": PASSWORD })
        )
        .map(|_| ()),
        Err(failure(
            "ResourceNotFoundException",
            "User pool client nope does not exist."
        ))
    );
    assert_eq!(
        sign_up("alice", PASSWORD, json!([])).map(|_| ()),
        Err(failure(
            "InvalidParameterException",
            "Username should be an email."
        ))
    );
    for (password, problem) in [
        ("Pa1!", "Password not long enough"),
        ("PASSW0RD!", "Password must have lowercase characters"),
        ("passw0rd!", "Password must have uppercase characters"),
        ("Password!", "Password must have numeric characters"),
        ("Passw0rdd", "Password must have symbol characters"),
    ] {
        assert_eq!(
            sign_up(email, password, json!([])).map(|_| ()),
            Err(failure(
                "InvalidPasswordException",
                &format!("Password did not conform with policy: {problem}")
            ))
        );
    }
    assert_eq!(
        sign_up(
            email,
            PASSWORD,
            json!([{ "Name": "custom:team", "Value": "red" }])
        )
        .map(|_| ()),
        Err(failure(
            "InvalidParameterException",
            "Attributes did not conform to the schema: custom:team: Attribute does not exist in the schema.\n"
        ))
    );
    let signed_up = pool.sign_up(email, PASSWORD).expect("sign up");
    assert_eq!(signed_up["UserConfirmed"], false);
    assert_eq!(
        signed_up["CodeDeliveryDetails"],
        json!({ "AttributeName": "email", "DeliveryMedium": "EMAIL", "Destination": "a***@e***" })
    );
    assert_eq!(
        pool.sign_up("ALICE@example.com", PASSWORD).map(|_| ()),
        Err(failure(
            "UsernameExistsException",
            "An account with the given email already exists."
        ))
    );
    // The code is printed in the sandbox's terminal and kept for browse.
    sandbox.wait_for("sign up code for alice@example.com", 1);
    let code = code_for(&sandbox, email);
    let mail =
        std::fs::read_to_string(sandbox.root().join(".amplify/local/mail.jsonl")).expect("mail");
    assert!(mail.contains(&format!("\"code\":\"{code}\"")), "{mail}");
    let password_auth = |login: &str, password: &str| {
        pool.idp(
            "InitiateAuth",
            json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT, "AuthParameters": { "USERNAME": login, "PASSWORD": password } }),
        )
    };
    assert_eq!(
        password_auth(email, PASSWORD).map(|_| ()),
        Err(failure(
            "UserNotConfirmedException",
            "User is not confirmed."
        ))
    );
    let wrong = if code == "000000" { "000001" } else { "000000" };
    let confirm = |code: &str| {
        pool.idp(
            "ConfirmSignUp",
            json!({ "ClientId": CLIENT, "Username": email, "ConfirmationCode": code }),
        )
    };
    assert_eq!(
        confirm(wrong).map(|_| ()),
        Err(failure(
            "CodeMismatchException",
            "Invalid verification code provided, please try again."
        ))
    );
    confirm(&code).expect("confirmed");
    assert_eq!(
        confirm(&code).map(|_| ()),
        Err(failure(
            "NotAuthorizedException",
            "User cannot be confirmed. Current status is CONFIRMED"
        ))
    );

    assert_eq!(
        pool.sign_in(email, "Passw0rd?").map(|_| ()),
        Err(incorrect())
    );
    assert_eq!(
        pool.sign_in("nobody@example.com", PASSWORD).map(|_| ()),
        Err(incorrect())
    );
    assert_eq!(
        password_auth(email, "Passw0rd?").map(|_| ()),
        Err(incorrect())
    );
    let tokens = pool.sign_in(email, PASSWORD).expect("signed in")["AuthenticationResult"].clone();
    assert_eq!(tokens["TokenType"], "Bearer");
    assert_eq!(tokens["ExpiresIn"], 3600);
    let id = verified_claims(tokens["IdToken"].as_str().expect("id token"));
    let access = verified_claims(tokens["AccessToken"].as_str().expect("access token"));
    assert_eq!(
        id["iss"],
        format!("http://127.0.0.1:{}/{POOL}", sandbox.port())
    );
    assert_eq!(
        (id["token_use"].as_str(), access["token_use"].as_str()),
        (Some("id"), Some("access"))
    );
    assert_eq!(
        (&id["email"], &id["email_verified"], &id["aud"]),
        (&json!(email), &json!(true), &json!(CLIENT))
    );
    assert_eq!(
        (&access["client_id"], &access["scope"]),
        (&json!(CLIENT), &json!("aws.cognito.signin.user.admin"))
    );
    assert_eq!(id["sub"], signed_up["UserSub"]);
    assert_eq!(id["origin_jti"], access["origin_jti"]);
    assert_eq!(
        id["exp"].as_u64().expect("exp") - id["iat"].as_u64().expect("iat"),
        3600
    );

    let access_token = tokens["AccessToken"].clone();
    let user = pool
        .idp("GetUser", json!({ "AccessToken": access_token }))
        .expect("user");
    let attributes = user["UserAttributes"].as_array().expect("attributes");
    assert_eq!(attributes[0], json!({ "Name": "sub", "Value": id["sub"] }));
    assert!(attributes.contains(&json!({ "Name": "email", "Value": email })));
    assert_eq!(
        pool.idp("GetUser", json!({ "AccessToken": "x.y.z" }))
            .map(|_| ()),
        Err(failure("NotAuthorizedException", "Invalid Access Token"))
    );
    assert_eq!(
        pool.idp("ListUsers", json!({}))
            .map(|_| ())
            .map_err(|e| e.0),
        Err("UnknownOperationException".to_string())
    );

    // Password changes and resets.
    assert_eq!(
        pool.idp("ChangePassword", json!({ "AccessToken": access_token, "PreviousPassword": "Wr0ng!pass", "ProposedPassword": "Newpassw0rd!" }))
            .map(|_| ()),
        Err(incorrect())
    );
    pool.idp("ChangePassword", json!({ "AccessToken": access_token, "PreviousPassword": PASSWORD, "ProposedPassword": "Changed0!" }))
        .expect("changed");
    assert_eq!(pool.sign_in(email, PASSWORD).map(|_| ()), Err(incorrect()));
    pool.sign_in(email, "Changed0!")
        .expect("the new password works");
    let reset = pool
        .idp(
            "ForgotPassword",
            json!({ "ClientId": CLIENT, "Username": email }),
        )
        .expect("forgot");
    assert_eq!(reset["CodeDeliveryDetails"]["DeliveryMedium"], "EMAIL");
    sandbox.wait_for("password reset code for alice@example.com", 1);
    let reset_code = code_for(&sandbox, email);
    let confirm_reset = |code: &str, password: &str| {
        pool.idp("ConfirmForgotPassword", json!({ "ClientId": CLIENT, "Username": email, "ConfirmationCode": code, "Password": password }))
    };
    assert_eq!(
        confirm_reset(&reset_code, "weak")
            .map(|_| ())
            .map_err(|e| e.0),
        Err("InvalidPasswordException".into())
    );
    let wrong = if reset_code == "000000" {
        "000001"
    } else {
        "000000"
    };
    assert_eq!(
        confirm_reset(wrong, "Reset0pass!")
            .map(|_| ())
            .map_err(|e| e.0),
        Err("CodeMismatchException".into())
    );
    confirm_reset(&reset_code, "Reset0pass!").expect("reset");
    pool.sign_in(email, "Reset0pass!")
        .expect("the reset password works");
    // An unknown user gets a plausible answer, as with PreventUserExistenceErrors.
    pool.idp(
        "ForgotPassword",
        json!({ "ClientId": CLIENT, "Username": "nobody@example.com" }),
    )
    .expect("no hint");

    // No password is stored anywhere.
    let stored = stored_text(sandbox.root());
    for password in [PASSWORD, "Changed0!", "Reset0pass!"] {
        assert!(!stored.contains(password), "{password} is stored");
    }
    pool.idp("DeleteUser", json!({ "AccessToken": pool.sign_in(email, "Reset0pass!").expect("in")["AuthenticationResult"]["AccessToken"] }))
        .expect("deleted");
    assert_eq!(
        pool.sign_in(email, "Reset0pass!").map(|_| ()),
        Err(incorrect())
    );
    sandbox.stop();
}

#[cfg(unix)]
#[test]
fn tokens_expire_refresh_and_are_revoked() {
    let sandbox = sandbox_of("team-drive", &["--auto-confirm", "--token-lifetime", "5"]);
    let pool = Cognito::of(&sandbox);
    let signed_up = pool.sign_up("bob@example.com", PASSWORD).expect("sign up");
    assert_eq!(signed_up["UserConfirmed"], true);
    assert!(signed_up.get("CodeDeliveryDetails").is_none());
    let first =
        pool.sign_in("bob@example.com", PASSWORD).expect("in")["AuthenticationResult"].clone();
    assert_eq!(first["ExpiresIn"], 5);
    let refresh_token = first["RefreshToken"]
        .as_str()
        .expect("refresh token")
        .to_string();
    let refresh = |token: &str| {
        pool.idp("InitiateAuth", json!({ "AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": CLIENT, "AuthParameters": { "REFRESH_TOKEN": token } }))
    };
    std::thread::sleep(std::time::Duration::from_secs(6));
    assert_eq!(
        pool.idp("GetUser", json!({ "AccessToken": first["AccessToken"] }))
            .map(|_| ()),
        Err(failure(
            "NotAuthorizedException",
            "Access Token has expired"
        ))
    );
    let logins = json!({ format!("cognito-idp.us-east-1.amazonaws.com/{POOL}"): first["IdToken"] });
    assert_eq!(
        pool.identity(
            "GetId",
            json!({ "IdentityPoolId": IDENTITY_POOL, "Logins": logins })
        )
        .map(|_| ()),
        Err(failure(
            "NotAuthorizedException",
            "Invalid login token. Token expired."
        ))
    );
    // A refresh gives new tokens, without a new refresh token, as Cognito's does.
    let renewed = refresh(&refresh_token).expect("refreshed")["AuthenticationResult"].clone();
    assert!(renewed.get("RefreshToken").is_none());
    pool.idp("GetUser", json!({ "AccessToken": renewed["AccessToken"] }))
        .expect("the new access token works");
    let by_new_api = pool
        .idp(
            "GetTokensFromRefreshToken",
            json!({ "ClientId": CLIENT, "RefreshToken": refresh_token }),
        )
        .expect("GetTokensFromRefreshToken");
    assert!(by_new_api["AuthenticationResult"]["IdToken"].is_string());
    // Revoking the refresh token ends its session: the token and its access tokens.
    pool.idp(
        "RevokeToken",
        json!({ "ClientId": CLIENT, "Token": refresh_token }),
    )
    .expect("revoked");
    assert_eq!(
        refresh(&refresh_token).map(|_| ()),
        Err(failure(
            "NotAuthorizedException",
            "Refresh Token has been revoked"
        ))
    );
    assert_eq!(
        pool.idp("GetUser", json!({ "AccessToken": renewed["AccessToken"] }))
            .map(|_| ()),
        Err(failure(
            "NotAuthorizedException",
            "Access Token has been revoked"
        ))
    );
    assert_eq!(
        refresh("not-a-token").map(|_| ()),
        Err(failure("NotAuthorizedException", "Invalid Refresh Token"))
    );
    // Global sign-out ends every session of the user.
    let (one, two) = (
        pool.sign_in("bob@example.com", PASSWORD).expect("in"),
        pool.sign_in("bob@example.com", PASSWORD).expect("in"),
    );
    pool.idp(
        "GlobalSignOut",
        json!({ "AccessToken": one["AuthenticationResult"]["AccessToken"] }),
    )
    .expect("out");
    for session in [one, two] {
        let token = session["AuthenticationResult"]["RefreshToken"]
            .as_str()
            .expect("refresh")
            .to_string();
        assert_eq!(
            refresh(&token).map(|_| ()),
            Err(failure(
                "NotAuthorizedException",
                "Refresh Token has been revoked"
            ))
        );
    }
    sandbox.stop();
}

#[cfg(unix)]
#[test]
fn users_act_as_themselves_with_stable_identity_ids() {
    let sandbox = sandbox_of("social-room", &[]);
    for args in [
        vec![
            "sandbox",
            "users",
            "add",
            "bob@example.com",
            "--password",
            PASSWORD,
            "--group",
            "admin",
        ],
        vec![
            "sandbox",
            "users",
            "add",
            "alice@example.com",
            "--password",
            PASSWORD,
            "--attribute",
            "name=Alice",
        ],
    ] {
        let out = sandbox.run(&args);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let refused = sandbox.run(&[
        "sandbox",
        "users",
        "add",
        "carol@example.com",
        "--password",
        PASSWORD,
        "--group",
        "editors",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("the definition has no group 'editors'")
            && stderr(&refused).contains("its groups are: admin"),
        "{}",
        stderr(&refused)
    );
    let weak = sandbox.run(&[
        "sandbox",
        "users",
        "add",
        "carol@example.com",
        "--password",
        "weak",
    ]);
    assert_eq!(weak.status.code(), Some(2));
    assert!(
        stderr(&weak).contains("Password did not conform with policy: Password not long enough"),
        "{}",
        stderr(&weak)
    );

    let listed = sandbox.run(&["sandbox", "users", "list", "--json"]);
    let listed: Vec<Value> = stdout(&listed)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(listed.len(), 2);
    let listed_id = |login: &str| {
        listed.iter().find(|u| u["login"] == login).expect(login)["identity_id"]
            .as_str()
            .expect("id")
            .to_string()
    };

    let pool = Cognito::of(&sandbox);
    let bob =
        pool.sign_in("bob@example.com", PASSWORD).expect("bob")["AuthenticationResult"].clone();
    let bob_claims = verified_claims(bob["IdToken"].as_str().expect("id"));
    assert_eq!(bob_claims["cognito:groups"], json!(["admin"]));
    assert_eq!(
        bob_claims["cognito:preferred_role"],
        "arn:aws:iam::000000000000:role/ampx-local-adminGroupRole"
    );
    let (bob_id, bob_creds) = pool.credentials(bob["IdToken"].as_str().expect("id"));
    assert_eq!(bob_id, listed_id("bob@example.com"));
    assert_eq!(
        bob_creds["AccessKeyId"],
        format!("ampx:group:admin:{bob_id}")
    );
    let again =
        pool.sign_in("bob@example.com", PASSWORD).expect("again")["AuthenticationResult"].clone();
    assert_eq!(
        pool.credentials(again["IdToken"].as_str().expect("id")).0,
        bob_id,
        "the same identity on every sign-in"
    );
    let alice =
        pool.sign_in("alice@example.com", PASSWORD).expect("alice")["AuthenticationResult"].clone();
    let (alice_id, alice_creds) = pool.credentials(alice["IdToken"].as_str().expect("id"));
    assert_eq!(
        alice_creds["AccessKeyId"],
        format!("ampx:authenticated:{alice_id}")
    );
    assert_eq!(
        verified_claims(alice["IdToken"].as_str().expect("id"))["name"],
        "Alice"
    );
    // Someone else's identity with your token, or a user's identity as a guest: refused.
    let bob_logins =
        json!({ format!("cognito-idp.us-east-1.amazonaws.com/{POOL}"): bob["IdToken"] });
    assert_eq!(
        pool.identity(
            "GetCredentialsForIdentity",
            json!({ "IdentityId": alice_id, "Logins": bob_logins })
        )
        .map(|_| ()),
        Err(failure(
            "NotAuthorizedException",
            "Logins don't match. Please include at least one valid login for this identity or identity pool."
        ))
    );
    assert_eq!(
        pool.identity(
            "GetCredentialsForIdentity",
            json!({ "IdentityId": alice_id })
        )
        .map(|_| ()),
        Err(failure(
            "NotAuthorizedException",
            "Unauthenticated access is not supported for this identity."
        ))
    );

    // S3 requests signed with those credentials: only the admin may list the room.
    let list_room = |creds: &Value| {
        let client = user_client(&sandbox, creds);
        client
            .1
            .block_on(
                client
                    .0
                    .list_objects_v2()
                    .bucket("local-gen2-multi-cursor-demo-app")
                    .prefix("room/")
                    .send(),
            )
            .map(|_| ())
            .map_err(|e| e.into_service_error_code())
    };
    list_room(&bob_creds).expect("admins list the room");
    assert_eq!(
        list_room(&alice_creds),
        Err(Some("AccessDenied".to_string())),
        "users do not"
    );

    // The shell acts as them too.
    std::fs::write(sandbox.root().join("hello.txt"), "hi").expect("write");
    let as_bob = sandbox.run(&[
        "ls",
        "--as",
        "user:bob@example.com",
        "s3://gen2-multi-cursor-demo-app/room/",
    ]);
    assert!(as_bob.status.success(), "{}", stderr(&as_bob));
    let as_alice = sandbox.run(&[
        "ls",
        "--as",
        "user:alice@example.com",
        "s3://gen2-multi-cursor-demo-app/room/",
    ]);
    assert_eq!(as_alice.status.code(), Some(1), "{}", stderr(&as_alice));
    let unknown = sandbox.run(&[
        "ls",
        "--as",
        "user:nobody@example.com",
        "s3://gen2-multi-cursor-demo-app/room/",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("no user 'nobody@example.com'")
            && stderr(&unknown).contains("bob@example.com"),
        "{}",
        stderr(&unknown)
    );
    let check = sandbox.run(&[
        "access",
        "check",
        "--as",
        "user:bob@example.com",
        "list",
        "s3://gen2-multi-cursor-demo-app/room/",
    ]);
    assert!(check.status.success(), "{}", stdout(&check));
    let env = sandbox.run(&["sandbox", "env", "--local", "--as", "user:bob@example.com"]);
    assert!(
        stdout(&env).contains(&format!("AWS_ACCESS_KEY_ID='ampx:group:admin:{bob_id}'")),
        "{}",
        stdout(&env)
    );
    // Group changes apply at the next sign-in.
    let out = sandbox.run(&[
        "sandbox",
        "users",
        "group",
        "remove",
        "bob@example.com",
        "admin",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let demoted =
        pool.sign_in("bob@example.com", PASSWORD).expect("bob")["AuthenticationResult"].clone();
    assert_eq!(
        pool.credentials(demoted["IdToken"].as_str().expect("id")).1["AccessKeyId"],
        format!("ampx:authenticated:{bob_id}")
    );

    // After a restart: the same key, so the same tokens work and give the same identity.
    let dir = sandbox.stop();
    let sandbox = LocalSandbox::start_in(dir);
    let pool = Cognito::of(&sandbox);
    assert_eq!(
        pool.credentials(alice["IdToken"].as_str().expect("id")).0,
        alice_id
    );
    let out = sandbox.run(&["sandbox", "users", "remove", "alice@example.com"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        pool.sign_in("alice@example.com", PASSWORD).map(|_| ()),
        Err(incorrect())
    );
    sandbox.stop();
}

/// An S3 client of the local sandbox with a user's credentials from the identity pool.
fn user_client(
    sandbox: &LocalSandbox,
    creds: &Value,
) -> (aws_sdk_s3::Client, tokio::runtime::Runtime) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let credentials = aws_credential_types::Credentials::new(
        creds["AccessKeyId"].as_str().expect("key"),
        creds["SecretKey"].as_str().expect("secret"),
        creds["SessionToken"].as_str().map(str::to_string),
        None,
        "identity pool",
    );
    let config = runtime.block_on(
        aws_config::defaults(aws_config::BehaviorVersion::latest())
            .endpoint_url(format!("http://127.0.0.1:{}", sandbox.port()))
            .region(aws_config::Region::new("us-east-1"))
            .credentials_provider(credentials)
            .load(),
    );
    let client = aws_sdk_s3::Client::from_conf(
        aws_sdk_s3::config::Builder::from(&config)
            .force_path_style(true)
            .build(),
    );
    (client, runtime)
}

#[cfg(unix)]
#[test]
fn a_kill_during_sign_ups_leaves_only_whole_users() {
    let sandbox = sandbox_of("team-drive", &["--auto-confirm"]);
    let url = format!("http://127.0.0.1:{}/", sandbox.port());
    let signers: Vec<_> = (0..4)
        .map(|t| {
            let url = url.clone();
            std::thread::spawn(move || {
                for i in 0..200 {
                    let body = json!({ "ClientId": CLIENT, "Username": format!("u{t}-{i}@example.com"), "Password": PASSWORD });
                    let sent = ureq::post(&url)
                        .header("x-amz-target", "AWSCognitoIdentityProviderService.SignUp")
                        .send(body.to_string());
                    if sent.is_err() {
                        return;
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let dir = sandbox.kill();
    for signer in signers {
        signer.join().expect("thread");
    }
    let users = dir.path().join(".amplify/local/users");
    let files: Vec<_> = std::fs::read_dir(&users)
        .expect("users")
        .map(|e| e.expect("entry").path())
        .collect();
    assert!(!files.is_empty(), "some sign-ups landed before the kill");
    for file in &files {
        let name = file
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".json") {
            let record: Value = serde_json::from_slice(&std::fs::read(file).expect("read"))
                .expect("a whole record");
            assert!(record["verifier"].is_string(), "{name}");
        } else {
            // At most an unnamed temporary file, which no listing reads.
            assert!(name.starts_with(".tmp"), "{name}");
        }
    }
    let sandbox = LocalSandbox::start_in(dir);
    let listed = sandbox.run(&["sandbox", "users", "list", "--json"]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let whole = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
        .count();
    assert_eq!(stdout(&listed).lines().count(), whole);
    sandbox.stop();
}

/// Random rules, users in random groups signed in through SRP and the identity pool,
/// and random S3 requests signed with their credentials: the server answers as
/// `access::decide` decides for the role those credentials carry.
#[cfg(unix)]
#[test]
fn the_server_agrees_with_decide_for_signed_in_users() {
    use crate::common::strategies::{ID1, ID2, request, storage};
    use proptest::strategy::{Strategy, ValueTree};
    let dir = crate::common::team_drive_with_auth("groups: ['admin', 'editors']");
    // Random rules take access away from objects the cases made: apply them anyway.
    let sandbox = LocalSandbox::start_with(dir, &["--yes"]);
    let (seed, mut runner) = crate::common::seeded_runner("users in random groups");
    let groups = proptest::sample::subsequence(vec!["editors", "admin"], 0..=2).prop_shuffle();
    let pool = Cognito::of(&sandbox);
    let users: Vec<(Caller, String, Value)> = (0..3)
        .map(|n| {
            let mine = groups.new_tree(&mut runner).expect("groups").current();
            let login = format!("user{n}@example.com");
            let mut args = vec![
                "sandbox",
                "users",
                "add",
                login.as_str(),
                "--password",
                PASSWORD,
            ];
            for group in &mine {
                args.extend(["--group", group]);
            }
            let out = sandbox.run(&args);
            assert!(out.status.success(), "{}", stderr(&out));
            let tokens =
                pool.sign_in(&login, PASSWORD).expect("signed in")["AuthenticationResult"].clone();
            let (identity, creds) = pool.credentials(tokens["IdToken"].as_str().expect("id"));
            // The role of the group of highest precedence (first in the definition).
            let caller = match ["admin", "editors"].iter().find(|g| mine.contains(g)) {
                Some(name) => Caller::Group {
                    name: name.to_string(),
                    identity_id: Some(identity.clone()),
                },
                None => Caller::Authenticated {
                    identity_id: Some(identity.clone()),
                },
            };
            assert_eq!(
                creds["AccessKeyId"],
                format!("ampx:{caller}"),
                "AMPX_SEED={seed}: groups {mine:?}"
            );
            (caller, identity, creds)
        })
        .collect();
    let clients: Vec<_> = users
        .iter()
        .map(|(_, _, creds)| user_client(&sandbox, creds))
        .collect();
    let (owner, owner_runtime) = {
        let env = sandbox.run(&["sandbox", "env", "--local"]);
        let value = |name: &str| {
            stdout(&env)
                .lines()
                .find_map(|l| l.strip_prefix(&format!("export {name}=")))
                .expect(name)
                .trim_matches('\'')
                .to_string()
        };
        user_client(
            &sandbox,
            &json!({ "AccessKeyId": value("AWS_ACCESS_KEY_ID"), "SecretKey": value("AWS_SECRET_ACCESS_KEY") }),
        )
    };
    let bucket = "local-amplifyteamdrive";
    for case in 0..24 {
        let storage = storage().new_tree(&mut runner).expect("storage").current();
        std::fs::write(
            sandbox.root().join("amplify/storage/resource.ts"),
            crate::local::render_storage(&storage),
        )
        .expect("write");
        sandbox.wait_for("Local buckets updated", case + 1);
        for (n, (caller, identity, _)) in users.iter().enumerate() {
            let other = &users[(n + 1) % users.len()].1;
            let requests = proptest::collection::vec(request(&storage), 4)
                .new_tree(&mut runner)
                .expect("requests")
                .current();
            let (client, runtime) = &clients[n];
            for request in requests {
                // The user's own identity id where rules say {entity_id}, or another's.
                let mine = |key: &str| key.replace(ID1, identity).replace(ID2, other);
                let target = mine(&request.target);
                let request = match request.action {
                    Action::List => Request::list(target),
                    action => Request::new(action, crate::local::object_key(&target)),
                };
                if let Request {
                    action: Action::Get,
                    target: key,
                } = &request
                {
                    owner_runtime
                        .block_on(
                            owner
                                .put_object()
                                .bucket(bucket)
                                .key(key)
                                .body(b"x".to_vec().into())
                                .send(),
                        )
                        .expect("seeded");
                }
                let answer = runtime.block_on(async {
                    match &request {
                        Request {
                            action: Action::Get,
                            target: key,
                        } => client
                            .get_object()
                            .bucket(bucket)
                            .key(key)
                            .send()
                            .await
                            .map(|_| ())
                            .map_err(|e| e.into_service_error_code()),
                        Request {
                            action: Action::Write,
                            target: key,
                        } => client
                            .put_object()
                            .bucket(bucket)
                            .key(key)
                            .body(b"y".to_vec().into())
                            .send()
                            .await
                            .map(|_| ())
                            .map_err(|e| e.into_service_error_code()),
                        Request {
                            action: Action::Delete,
                            target: key,
                        } => client
                            .delete_object()
                            .bucket(bucket)
                            .key(key)
                            .send()
                            .await
                            .map(|_| ())
                            .map_err(|e| e.into_service_error_code()),
                        Request {
                            action: Action::List,
                            target: prefix,
                        } => client
                            .list_objects_v2()
                            .bucket(bucket)
                            .prefix(prefix)
                            .send()
                            .await
                            .map(|_| ())
                            .map_err(|e| e.into_service_error_code()),
                    }
                });
                let expected = decide(&storage, caller, &request).allowed;
                let agrees = match &answer {
                    Ok(()) => expected,
                    Err(code) => !expected && code.as_deref() == Some("AccessDenied"),
                };
                assert!(
                    agrees,
                    "AMPX_SEED={seed} case {case}: {request:?} as {caller} should be {} (got {answer:?}) with\n{}",
                    if expected { "allowed" } else { "denied" },
                    crate::local::render_storage(&storage)
                );
            }
        }
    }
    sandbox.stop();
}

/// The error code of an SDK error.
trait ErrorCode {
    fn into_service_error_code(self) -> Option<String>;
}

impl<E: aws_sdk_s3::error::ProvideErrorMetadata, R> ErrorCode
    for aws_sdk_s3::error::SdkError<E, R>
{
    fn into_service_error_code(self) -> Option<String> {
        self.as_service_error()
            .and_then(|e| e.code())
            .map(str::to_string)
    }
}

/// Runs tests/web/auth.mjs: Amplify's `<Authenticator>` in headless Chromium signs
/// `email` up or in, then the app reports what it may do.
fn authenticator(sandbox: &LocalSandbox, scenario: &str, email: &str) -> Value {
    let out = std::process::Command::new("node")
        .arg(crate::common::repo().join("tests/web/auth.mjs"))
        .arg(sandbox.root().join("amplify_outputs.json"))
        .args([scenario, email, PASSWORD])
        .env(
            "CHROMIUM",
            crate::common::required_env("AMPX_TEST_CHROMIUM"),
        )
        .output()
        .expect("node runs");
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out))
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&out), stderr(&out)))
}

/// The identity id `users list` gives a user.
fn listed_identity(sandbox: &LocalSandbox, login: &str) -> String {
    let out = sandbox.run(&["sandbox", "users", "list", "--json"]);
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("json"))
        .find(|u| u["login"] == login)
        .unwrap_or_else(|| panic!("{login} is not listed"))["identity_id"]
        .as_str()
        .expect("id")
        .to_string()
}

fn denied() -> Value {
    json!({ "error": "AccessDenied", "message": "Access Denied" })
}

/// A guest after signing out: a guest identity and the guest key.
fn assert_guest(session: &Value) {
    assert_eq!(session["signedIn"], false, "{session}");
    assert_eq!(session["accessKey"], "ampx:guest", "{session}");
}

/// Sign-up through the Authenticator's own form, with the code the sandbox printed;
/// then the new user's folder is theirs alone, and signing out makes them a guest.
#[cfg(unix)]
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn the_authenticator_signs_up_an_owner_offline() {
    let sandbox = sandbox_of("team-drive", &[]);
    let seen = authenticator(&sandbox, "sign-up", "alice@example.com");
    sandbox.wait_for("sign up code for alice@example.com", 1);
    let identity = listed_identity(&sandbox, "alice@example.com");
    assert_eq!(
        seen["signedIn"],
        json!({ "identityId": identity, "signedIn": true, "groups": [], "accessKey": format!("ampx:authenticated:{identity}") })
    );
    assert_eq!(
        seen["uploadOwn"],
        json!({ "ok": format!("profile-pictures/{identity}/me.txt") })
    );
    assert_eq!(seen["uploadToSomeoneElse"], denied());
    assert_eq!(seen["listSubmissions"], json!({ "ok": [] }));
    assert_eq!(
        seen["refresh"],
        json!({ "ok": true }),
        "forced refresh gives new tokens"
    );
    assert_eq!(seen["signOut"], json!({ "ok": "signed out" }));
    assert_guest(&seen["afterSignOut"]);
    assert_ne!(seen["afterSignOut"]["identityId"], json!(identity));
    // The owner's file landed where the rules put it.
    let listed = sandbox.run(&[
        "ls",
        "--recursive",
        "s3://amplifyTeamDrive/profile-pictures/",
    ]);
    assert!(
        stdout(&listed).contains(&format!("profile-pictures/{identity}/me.txt")),
        "{}",
        stdout(&listed)
    );
    sandbox.stop();
}

/// A user of group admin, added from the shell, signs in through the Authenticator and
/// reaches what only admins may (listing the room).
#[cfg(unix)]
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn the_authenticator_signs_in_an_admin() {
    let sandbox = sandbox_of("social-room", &[]);
    for (login, group) in [
        ("admin@example.com", Some("admin")),
        ("member@example.com", None),
    ] {
        let mut args = vec!["sandbox", "users", "add", login, "--password", PASSWORD];
        args.extend(group.iter().flat_map(|g| ["--group", *g]));
        let out = sandbox.run(&args);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let admin = authenticator(&sandbox, "sign-in", "admin@example.com");
    let identity = listed_identity(&sandbox, "admin@example.com");
    assert_eq!(admin["signedIn"]["groups"], json!(["admin"]));
    assert_eq!(
        admin["signedIn"]["accessKey"],
        format!("ampx:group:admin:{identity}")
    );
    assert_eq!(admin["listRoom"], json!({ "ok": [] }));
    let member = authenticator(&sandbox, "sign-in", "member@example.com");
    assert_eq!(member["signedIn"]["groups"], json!([]));
    assert_eq!(member["listRoom"], denied());
    assert_guest(&admin["afterSignOut"]);
    sandbox.stop();
}

/// TOTP MFA turned on in the definition: the first sign-in sets it up with the secret
/// the page shows, the next one asks for a code; both with codes computed from it.
#[cfg(unix)]
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn the_authenticator_signs_in_with_totp_mfa() {
    let dir = crate::common::team_drive_with_auth("multifactor: { mode: 'REQUIRED', totp: true }");
    let sandbox = LocalSandbox::start_in(dir);
    let out = sandbox.run(&[
        "sandbox",
        "users",
        "add",
        "tess@example.com",
        "--password",
        PASSWORD,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let seen = authenticator(&sandbox, "totp", "tess@example.com");
    let identity = listed_identity(&sandbox, "tess@example.com");
    assert_eq!(seen["signedIn"]["identityId"], identity);
    assert_eq!(
        seen["signedInAgain"]["identityId"], identity,
        "the same identity after signing in again"
    );
    assert_eq!(seen["signedInAgain"]["signedIn"], true);
    // Without the code, the password alone no longer signs in.
    let pool = Cognito::of(&sandbox);
    let challenge = pool
        .idp("InitiateAuth", json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT, "AuthParameters": { "USERNAME": "tess@example.com", "PASSWORD": PASSWORD } }))
        .expect("challenge");
    assert_eq!(challenge["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    assert_eq!(
        pool.idp("RespondToAuthChallenge", json!({ "ChallengeName": "SOFTWARE_TOKEN_MFA", "ClientId": CLIENT, "Session": challenge["Session"],
            "ChallengeResponses": { "USERNAME": "tess@example.com", "SOFTWARE_TOKEN_MFA_CODE": "000000" } }))
        .map(|_| ()),
        Err(failure("CodeMismatchException", "Invalid code received for user"))
    );
    sandbox.stop();
}

/// The AWS CLI's own `cognito-idp` and `cognito-identity` clients (botocore's JSON
/// protocol and error parsing) sign up, confirm, sign in and get credentials.
#[cfg(unix)]
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn the_aws_clis_cognito_clients_work_unchanged() {
    let sandbox = sandbox_of("team-drive", &[]);
    let endpoint = format!("http://127.0.0.1:{}", sandbox.port());
    let aws = |args: &[&str]| {
        let out = std::process::Command::new(crate::common::required_env("AMPX_TEST_AWS_CLI"))
            .args(args)
            .args([
                "--endpoint-url",
                &endpoint,
                "--region",
                "us-east-1",
                "--output",
                "json",
            ])
            .output()
            .expect("aws runs");
        (out.status.code(), stdout(&out), stderr(&out))
    };
    let email = "cli@example.com";
    let (code, out, err) = aws(&[
        "cognito-idp",
        "sign-up",
        "--client-id",
        CLIENT,
        "--username",
        email,
        "--password",
        PASSWORD,
    ]);
    assert_eq!(code, Some(0), "{err}");
    let signed_up: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(signed_up["UserConfirmed"], false);
    let (code, _, err) = aws(&[
        "cognito-idp",
        "sign-up",
        "--client-id",
        CLIENT,
        "--username",
        email,
        "--password",
        PASSWORD,
    ]);
    assert_ne!(code, Some(0));
    assert!(
        err.contains("(UsernameExistsException)")
            && err.contains("An account with the given email already exists."),
        "{err}"
    );
    sandbox.wait_for("sign up code for cli@example.com", 1);
    let (code, _, err) = aws(&[
        "cognito-idp",
        "confirm-sign-up",
        "--client-id",
        CLIENT,
        "--username",
        email,
        "--confirmation-code",
        &code_for(&sandbox, email),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = aws(&[
        "cognito-idp",
        "initiate-auth",
        "--client-id",
        CLIENT,
        "--auth-flow",
        "USER_PASSWORD_AUTH",
        "--auth-parameters",
        &format!("USERNAME={email},PASSWORD=Wrong0pass!"),
    ]);
    assert_ne!(code, Some(0));
    assert!(
        err.contains("(NotAuthorizedException)") && err.contains("Incorrect username or password."),
        "{err}"
    );
    let (code, out, err) = aws(&[
        "cognito-idp",
        "initiate-auth",
        "--client-id",
        CLIENT,
        "--auth-flow",
        "USER_PASSWORD_AUTH",
        "--auth-parameters",
        &format!("USERNAME={email},PASSWORD={PASSWORD}"),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let tokens: Value = serde_json::from_str(&out).expect("json");
    let id_token = tokens["AuthenticationResult"]["IdToken"]
        .as_str()
        .expect("id token");
    let (code, out, err) = aws(&[
        "cognito-idp",
        "get-user",
        "--access-token",
        tokens["AuthenticationResult"]["AccessToken"]
            .as_str()
            .expect("access"),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains(email), "{out}");
    let logins = format!("cognito-idp.us-east-1.amazonaws.com/{POOL}={id_token}");
    let (code, out, err) = aws(&[
        "cognito-identity",
        "get-id",
        "--identity-pool-id",
        IDENTITY_POOL,
        "--logins",
        &logins,
    ]);
    assert_eq!(code, Some(0), "{err}");
    let identity = serde_json::from_str::<Value>(&out).expect("json")["IdentityId"]
        .as_str()
        .expect("id")
        .to_string();
    let (code, out, err) = aws(&[
        "cognito-identity",
        "get-credentials-for-identity",
        "--identity-id",
        &identity,
        "--logins",
        &logins,
    ]);
    assert_eq!(code, Some(0), "{err}");
    let creds: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        creds["Credentials"]["AccessKeyId"],
        format!("ampx:authenticated:{identity}")
    );
    sandbox.stop();
}

/// With tokens that live 5 seconds, Amplify's client refreshes them by itself when the
/// app uses storage after they expired: no new sign-in, new tokens, the request works.
#[cfg(unix)]
#[test]
#[ignore = "needs the local servers that tests/run.sh starts"]
fn the_client_refreshes_expired_tokens_without_a_new_sign_in() {
    let sandbox = sandbox_of("team-drive", &["--token-lifetime", "5"]);
    let out = sandbox.run(&[
        "sandbox",
        "users",
        "add",
        "eve@example.com",
        "--password",
        PASSWORD,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let seen = authenticator(&sandbox, "expiry", "eve@example.com");
    assert_eq!(seen["afterExpiry"], json!({ "ok": [] }));
    assert_eq!(seen["refreshedByItself"], true);
    assert_eq!(seen["signedIn"]["signedIn"], true);
    sandbox.stop();
}

/// Optional MFA as a user turns it on: TOTP set up with an access token, then email
/// codes; and an email change verified with its code.
#[cfg(unix)]
#[test]
fn users_turn_on_mfa_and_verify_a_new_email() {
    use ampx_rs::local::cognito::totp;
    let dir = crate::common::team_drive_with_auth(
        "multifactor: { mode: 'OPTIONAL', totp: true, email: true }",
    );
    let sandbox = LocalSandbox::start_with(dir, &["--auto-confirm"]);
    let pool = Cognito::of(&sandbox);
    let email = "mia@example.com";
    pool.sign_up(email, PASSWORD).expect("sign up");
    let sign_in = || {
        pool.idp(
            "InitiateAuth",
            json!({ "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": CLIENT, "AuthParameters": { "USERNAME": email, "PASSWORD": PASSWORD } }),
        )
    };
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_secs()
    };
    // Optional MFA that the user has not set up: tokens at once.
    let access = sign_in().expect("in")["AuthenticationResult"]["AccessToken"].clone();
    let secret = pool
        .idp("AssociateSoftwareToken", json!({ "AccessToken": access }))
        .expect("associate")["SecretCode"]
        .as_str()
        .expect("secret")
        .to_string();
    assert_eq!(secret.len(), 32);
    let code = totp::code_at(&secret, now()).expect("code");
    let wrong = if code == "000000" { "000001" } else { "000000" };
    assert_eq!(
        pool.idp(
            "VerifySoftwareToken",
            json!({ "AccessToken": access, "UserCode": wrong })
        )
        .map(|_| ()),
        Err(failure(
            "EnableSoftwareTokenMFAException",
            "Code mismatch and fail enable Software Token MFA"
        ))
    );
    assert_eq!(
        pool.idp(
            "VerifySoftwareToken",
            json!({ "AccessToken": access, "UserCode": code })
        )
        .expect("verified")["Status"],
        "SUCCESS"
    );
    pool.idp("SetUserMFAPreference", json!({ "AccessToken": access, "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }))
        .expect("preferred");
    let user = pool
        .idp("GetUser", json!({ "AccessToken": access }))
        .expect("user");
    assert_eq!(
        (&user["UserMFASettingList"], &user["PreferredMfaSetting"]),
        (&json!(["SOFTWARE_TOKEN_MFA"]), &json!("SOFTWARE_TOKEN_MFA"))
    );
    let challenge = sign_in().expect("challenge");
    assert_eq!(challenge["ChallengeName"], "SOFTWARE_TOKEN_MFA");
    let answer = |name: &str, session: &Value, responses: Value| {
        pool.idp("RespondToAuthChallenge", json!({ "ChallengeName": name, "ClientId": CLIENT, "Session": session, "ChallengeResponses": responses }))
    };
    let signed_in = answer(
        "SOFTWARE_TOKEN_MFA",
        &challenge["Session"],
        json!({ "USERNAME": email, "SOFTWARE_TOKEN_MFA_CODE": totp::code_at(&secret, now()).expect("code") }),
    )
    .expect("signed in");
    let access = signed_in["AuthenticationResult"]["AccessToken"].clone();
    // A session is for its own step only.
    assert_eq!(
        answer(
            "EMAIL_OTP",
            &challenge["Session"],
            json!({ "USERNAME": email, "EMAIL_OTP_CODE": "123456" })
        )
        .map(|_| ()),
        Err(failure(
            "NotAuthorizedException",
            "Invalid session for the user, session is expired."
        ))
    );

    // Email codes instead.
    pool.idp(
        "SetUserMFAPreference",
        json!({ "AccessToken": access, "SoftwareTokenMfaSettings": { "Enabled": false, "PreferredMfa": false }, "EmailMfaSettings": { "Enabled": true, "PreferredMfa": true } }),
    )
    .expect("email preferred");
    let challenge = sign_in().expect("challenge");
    assert_eq!(challenge["ChallengeName"], "EMAIL_OTP");
    assert_eq!(
        challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"],
        "m***@e***"
    );
    sandbox.wait_for("sign-in code for mia@example.com", 1);
    assert_eq!(
        answer(
            "EMAIL_OTP",
            &challenge["Session"],
            json!({ "USERNAME": email, "EMAIL_OTP_CODE": "12345x" })
        )
        .map(|_| ()),
        Err(failure(
            "CodeMismatchException",
            "Invalid code or auth state for the user."
        ))
    );
    let challenge = sign_in().expect("challenge");
    sandbox.wait_for("sign-in code for mia@example.com", 2);
    let signed_in = answer(
        "EMAIL_OTP",
        &challenge["Session"],
        json!({ "USERNAME": email, "EMAIL_OTP_CODE": code_for(&sandbox, email) }),
    )
    .expect("signed in");
    let access = signed_in["AuthenticationResult"]["AccessToken"].clone();

    // A new email is unverified until its code is given.
    let changed = pool
        .idp("UpdateUserAttributes", json!({ "AccessToken": access, "UserAttributes": [{ "Name": "email", "Value": "mia@example.org" }] }))
        .expect("updated");
    assert_eq!(
        changed["CodeDeliveryDetailsList"][0]["Destination"],
        "m***@e***"
    );
    let attribute = |name: &str| {
        let user = pool
            .idp("GetUser", json!({ "AccessToken": access }))
            .expect("user");
        user["UserAttributes"]
            .as_array()
            .expect("list")
            .iter()
            .find(|a| a["Name"] == name)
            .map(|a| a["Value"].clone())
    };
    assert_eq!(attribute("email_verified"), Some(json!("false")));
    sandbox.wait_for("email verification code for mia@example.org", 1);
    assert_eq!(
        pool.idp(
            "VerifyUserAttribute",
            json!({ "AccessToken": access, "AttributeName": "email", "Code": "12345x" })
        )
        .map(|_| ()),
        Err(failure(
            "CodeMismatchException",
            "Invalid verification code provided, please try again."
        ))
    );
    pool.idp("VerifyUserAttribute", json!({ "AccessToken": access, "AttributeName": "email", "Code": code_for(&sandbox, "mia@example.org") }))
        .expect("verified");
    assert_eq!(attribute("email_verified"), Some(json!("true")));
    assert_eq!(attribute("email"), Some(json!("mia@example.org")));
    sandbox.stop();
}

/// The AWS SDK's own cognito-idp client, driven by the SRP sign-in that `--as` uses
/// against the deployed sandbox, signs in to the local pool (which serves no
/// AdminInitiateAuth, so only SRP can succeed).
#[cfg(unix)]
#[test]
fn the_sdks_cognito_client_signs_in_with_srp() {
    use ampx_rs::aws::Aws;
    use ampx_rs::aws::app_users::sign_in;
    use ampx_rs::buckets::DeployedAuth;
    let sandbox = sandbox_of("team-drive", &[]);
    let out = sandbox.run(&[
        "sandbox",
        "users",
        "add",
        "sdk@example.com",
        "--password",
        PASSWORD,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let auth = DeployedAuth {
        region: "us-east-1".into(),
        user_pool_id: POOL.into(),
        client_id: CLIENT.into(),
        identity_pool_id: IDENTITY_POOL.into(),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let endpoint = format!("http://127.0.0.1:{}", sandbox.port());
    let (token, wrong) = runtime.block_on(async {
        let aws = Aws::local(&endpoint, "us-east-1", "any", "any").await;
        (
            sign_in(&aws, &auth, "sdk@example.com", PASSWORD).await,
            sign_in(&aws, &auth, "sdk@example.com", "Wr0ng-password").await,
        )
    });
    let claims = verified_claims(&token.expect("SRP sign-in through the SDK"));
    assert_eq!(claims["email"], "sdk@example.com");
    assert!(wrong.is_err(), "a wrong password signs no one in");
    sandbox.stop();
}
