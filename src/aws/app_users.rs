//! The deployed sandbox tried as its app users. A guest gets credentials from the
//! deployed identity pool as the app does (`GetId`, `GetCredentialsForIdentity`, no
//! developer credentials involved); a signed-in user, a group member or `user:EMAIL` is
//! a test user that ampx-rs makes in the deployed user pool (`AdminCreateUser` with a
//! random password kept in `.amplify/test-users.json`, mode 0600), signs in as the app
//! signs in (SRP; `AdminInitiateAuth` where an emulator lacks SRP) and trades the id
//! token for credentials. S3 then answers with the deployed IAM policies.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use aws_sdk_cognitoidentity as identity;
use aws_sdk_cognitoidentityprovider as idp;
use data_encoding::BASE64;
use serde::{Deserialize, Serialize};

use super::Aws;
use crate::access::Caller;
use crate::buckets::DeployedAuth;
use crate::error::UsageError;
use crate::srp;

/// Who a request is made as, in the deployed sandbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppUser {
    Guest,
    /// A test user, by login, in these groups.
    TestUser {
        login: String,
        groups: Vec<String>,
    },
}

impl AppUser {
    /// The test user standing for a role: one per role, by a name that says so.
    pub fn for_role(caller: &Caller) -> AppUser {
        match caller {
            Caller::Guest => AppUser::Guest,
            Caller::Authenticated { .. } => AppUser::TestUser {
                login: "ampx-test-authenticated@example.com".into(),
                groups: Vec::new(),
            },
            Caller::Group { name, .. } => AppUser::TestUser {
                login: format!("ampx-test-group-{}@example.com", name.to_lowercase()),
                groups: vec![name.clone()],
            },
        }
    }
}

/// Test users are made only in a user pool the backend created: `referenceAuth`'s pool
/// belongs to another app, whose users ampx-rs does not add to.
pub fn refuse_in_referenced_pool(
    auth: Option<&crate::model::Auth>,
    user: &AppUser,
) -> Result<(), UsageError> {
    let referenced = auth.is_some_and(|a| a.reference.is_some());
    if referenced && matches!(user, AppUser::TestUser { .. }) {
        return Err(UsageError::new(
            "this backend's user pool is referenced (referenceAuth), and ampx-rs makes no test users in a pool it did not create",
        )
        .hint("try `--as guest` here, or any user with `ampx-rs sandbox --local`"));
    }
    Ok(())
}

/// A test user ampx-rs made, with the password it signs in with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct TestUser {
    user_pool_id: String,
    login: String,
    password: String,
}

fn test_users_file(root: &Path) -> PathBuf {
    root.join(".amplify").join("test-users.json")
}

fn read_test_users(root: &Path) -> Vec<TestUser> {
    std::fs::read(test_users_file(root))
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Writes the list in one step, readable by the owner only (it holds passwords).
fn write_test_users(root: &Path, users: &[TestUser]) -> anyhow::Result<()> {
    let path = test_users_file(root);
    let dir = path.parent().expect("a file in .amplify");
    std::fs::create_dir_all(dir)?;
    let mut file = tempfile::NamedTempFile::new_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    file.write_all(&serde_json::to_vec_pretty(users)?)?;
    file.persist(&path).map_err(|e| e.error)?;
    Ok(())
}

fn idp_client(aws: &Aws, region: &str) -> idp::Client {
    let config = idp::config::Builder::from(aws.sdk_config())
        .region(aws_config::Region::new(region.to_string()))
        .build();
    idp::Client::from_conf(config)
}

fn identity_client(aws: &Aws, region: &str) -> identity::Client {
    let config = identity::config::Builder::from(aws.sdk_config())
        .region(aws_config::Region::new(region.to_string()))
        .build();
    identity::Client::from_conf(config)
}

/// A password the pool's policy takes: upper and lower case, digits and symbols.
fn new_password() -> String {
    let mut bytes = [0u8; 18];
    getrandom::fill(&mut bytes).expect("the OS gives random bytes");
    format!(
        "Ampx-{}-9z",
        BASE64.encode(&bytes).replace(['+', '/', '='], "x")
    )
}

/// `aws` acting as `user` in the deployed sandbox: its credentials come from the
/// deployed identity pool.
pub async fn acting_as(
    aws: &Aws,
    auth: &DeployedAuth,
    user: &AppUser,
    root: &Path,
) -> anyhow::Result<Aws> {
    let logins = match user {
        AppUser::Guest => HashMap::new(),
        AppUser::TestUser { login, groups } => {
            let password = ensure_test_user(aws, auth, login, groups, root).await?;
            let id_token = sign_in(aws, auth, login, &password).await?;
            HashMap::from([(auth.provider(), id_token)])
        }
    };
    let pool = identity_client(aws, &auth.region);
    let id = pool
        .get_id()
        .identity_pool_id(&auth.identity_pool_id)
        .set_logins(Some(logins.clone()))
        .send()
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "the deployed identity pool gave no identity: {}",
                super::sdk_message(&e)
            )
        })?;
    let identity_id = id.identity_id().unwrap_or_default().to_string();
    let answer = pool
        .get_credentials_for_identity()
        .identity_id(&identity_id)
        .set_logins(Some(logins))
        .send()
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "the deployed identity pool gave no credentials: {}",
                super::sdk_message(&e)
            )
        })?;
    let credentials = answer
        .credentials()
        .ok_or_else(|| anyhow::anyhow!("the deployed identity pool gave no credentials"))?;
    let credentials = aws_credential_types::Credentials::new(
        credentials.access_key_id().unwrap_or_default(),
        credentials.secret_key().unwrap_or_default(),
        credentials.session_token().map(str::to_string),
        None,
        "ampx-rs deployed identity pool",
    );
    Ok(aws.with_credentials(credentials, identity_id))
}

/// The password of a test user, made in the pool the first time.
async fn ensure_test_user(
    aws: &Aws,
    auth: &DeployedAuth,
    login: &str,
    groups: &[String],
    root: &Path,
) -> anyhow::Result<String> {
    let mut users = read_test_users(root);
    if let Some(user) = users
        .iter()
        .find(|u| u.user_pool_id == auth.user_pool_id && u.login == login)
    {
        return Ok(user.password.clone());
    }
    let client = idp_client(aws, &auth.region);
    let password = new_password();
    let email = idp::types::AttributeType::builder()
        .name("email")
        .value(login)
        .build()?;
    let verified = idp::types::AttributeType::builder()
        .name("email_verified")
        .value("true")
        .build()?;
    client
        .admin_create_user()
        .user_pool_id(&auth.user_pool_id)
        .username(login)
        .user_attributes(email)
        .user_attributes(verified)
        .message_action(idp::types::MessageActionType::Suppress)
        .temporary_password(&password)
        .send()
        .await
        .map_err(|e| {
            let message = super::sdk_message(&e);
            match message.contains("UsernameExists") || message.contains("already exists") {
                true => UsageError::new(format!("{login} is a user of the deployed pool that ampx-rs did not make, so it cannot sign in as them"))
                    .hint("act as a test user instead: --as authenticated, or --as user:<a new address>")
                    .into(),
                false => anyhow::anyhow!("cannot make test user {login} in {}: {message}", auth.user_pool_id),
            }
        })?;
    client
        .admin_set_user_password()
        .user_pool_id(&auth.user_pool_id)
        .username(login)
        .password(&password)
        .permanent(true)
        .send()
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "cannot set the password of test user {login}: {}",
                super::sdk_message(&e)
            )
        })?;
    for group in groups {
        client
            .admin_add_user_to_group()
            .user_pool_id(&auth.user_pool_id)
            .username(login)
            .group_name(group)
            .send()
            .await
            .map_err(|e| {
                anyhow::anyhow!(
                    "cannot put test user {login} in group {group}: {}",
                    super::sdk_message(&e)
                )
            })?;
    }
    users.push(TestUser {
        user_pool_id: auth.user_pool_id.clone(),
        login: login.to_string(),
        password: password.clone(),
    });
    write_test_users(root, &users)?;
    Ok(password)
}

/// Signs in as the app does (SRP) and returns the id token; falls back to
/// `AdminInitiateAuth` where the pool answers SRP without a usable challenge.
pub async fn sign_in(
    aws: &Aws,
    auth: &DeployedAuth,
    login: &str,
    password: &str,
) -> anyhow::Result<String> {
    let client = idp_client(aws, &auth.region);
    if let Ok(Some(token)) = sign_in_with_srp(&client, auth, login, password).await {
        return Ok(token);
    }
    let answer = client
        .admin_initiate_auth()
        .user_pool_id(&auth.user_pool_id)
        .client_id(&auth.client_id)
        .auth_flow(idp::types::AuthFlowType::AdminUserPasswordAuth)
        .auth_parameters("USERNAME", login)
        .auth_parameters("PASSWORD", password)
        .send()
        .await
        .map_err(|e| {
            anyhow::anyhow!(
                "test user {login} cannot sign in: {}",
                super::sdk_message(&e)
            )
        })?;
    answer
        .authentication_result()
        .and_then(|r| r.id_token())
        .map(str::to_string)
        .ok_or_else(|| anyhow::anyhow!("test user {login} signed in without an id token"))
}

async fn sign_in_with_srp(
    client: &idp::Client,
    auth: &DeployedAuth,
    login: &str,
    password: &str,
) -> anyhow::Result<Option<String>> {
    let pool_name = auth
        .user_pool_id
        .split_once('_')
        .map_or(auth.user_pool_id.as_str(), |(_, name)| name);
    let (a, big_a) = srp::client::start();
    let challenge = client
        .initiate_auth()
        .client_id(&auth.client_id)
        .auth_flow(idp::types::AuthFlowType::UserSrpAuth)
        .auth_parameters("USERNAME", login)
        .auth_parameters("SRP_A", big_a.to_str_radix(16))
        .send()
        .await?;
    let p = challenge
        .challenge_parameters()
        .cloned()
        .unwrap_or_default();
    let number = |name: &str| p.get(name).and_then(|v| srp::parse_hex(v));
    let (Some(salt), Some(big_b), Some(block), Some(user_id)) = (
        number("SALT"),
        number("SRP_B"),
        p.get("SECRET_BLOCK"),
        p.get("USER_ID_FOR_SRP"),
    ) else {
        return Ok(None);
    };
    let key = srp::client::key(&a, &big_a, &big_b, pool_name, user_id, password, &salt);
    let timestamp = srp_timestamp(jiff::Timestamp::now());
    let signature = srp::claim_signature(
        &key,
        pool_name,
        user_id,
        &BASE64.decode(block.as_bytes())?,
        &timestamp,
    );
    let answer = client
        .respond_to_auth_challenge()
        .client_id(&auth.client_id)
        .challenge_name(idp::types::ChallengeNameType::PasswordVerifier)
        .challenge_responses("USERNAME", user_id)
        .challenge_responses("PASSWORD_CLAIM_SECRET_BLOCK", block)
        .challenge_responses("TIMESTAMP", timestamp)
        .challenge_responses("PASSWORD_CLAIM_SIGNATURE", BASE64.encode(&signature))
        .send()
        .await?;
    Ok(answer
        .authentication_result()
        .and_then(|r| r.id_token())
        .map(str::to_string))
}

/// The `TIMESTAMP` of an SRP proof, as Cognito wants it: `Sun Dec 6 09:05:07 UTC 2026`.
fn srp_timestamp(now: jiff::Timestamp) -> String {
    now.strftime("%a %b %-d %H:%M:%S UTC %Y").to_string()
}

/// Deletes the test users ampx-rs made in `user_pool_id`; how many it deleted.
pub async fn delete_test_users(
    aws: &Aws,
    region: &str,
    user_pool_id: &str,
    root: &Path,
) -> anyhow::Result<usize> {
    let users = read_test_users(root);
    let (ours, others): (Vec<TestUser>, Vec<TestUser>) = users
        .into_iter()
        .partition(|u| u.user_pool_id == user_pool_id);
    let client = idp_client(aws, region);
    for user in &ours {
        // Gone already (the pool deleted, or by hand) is as good as deleted.
        let _ = client
            .admin_delete_user()
            .user_pool_id(user_pool_id)
            .username(&user.login)
            .send()
            .await;
    }
    if !ours.is_empty() {
        write_test_users(root, &others)?;
    }
    Ok(ours.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_has_its_own_test_user_and_passwords_meet_the_policy() {
        assert_eq!(AppUser::for_role(&Caller::Guest), AppUser::Guest);
        let admin = AppUser::for_role(&Caller::Group {
            name: "Admin".into(),
            identity_id: None,
        });
        assert_eq!(
            admin,
            AppUser::TestUser {
                login: "ampx-test-group-admin@example.com".into(),
                groups: vec!["Admin".into()]
            }
        );
        for _ in 0..20 {
            assert!(crate::local::cognito::check_password(&new_password()).is_ok());
        }
        let outputs = serde_json::json!({ "auth": { "aws_region": "eu-west-1", "user_pool_id": "eu-west-1_abc", "user_pool_client_id": "c", "identity_pool_id": "eu-west-1:x" } });
        let auth = DeployedAuth::from_outputs(&outputs).expect("auth");
        assert_eq!(
            auth.provider(),
            "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc"
        );
        assert_eq!(DeployedAuth::from_outputs(&serde_json::json!({})), None);
    }

    #[test]
    fn srp_timestamps_are_written_as_cognito_reads_them() {
        let at: jiff::Timestamp = "2026-12-06T09:05:07Z".parse().expect("time");
        assert_eq!(srp_timestamp(at), "Sun Dec 6 09:05:07 UTC 2026");
        let at: jiff::Timestamp = "2027-01-15T23:59:59Z".parse().expect("time");
        assert_eq!(srp_timestamp(at), "Fri Jan 15 23:59:59 UTC 2027");
    }

    #[test]
    fn the_test_users_file_is_the_owners_only() {
        let root = tempfile::tempdir().expect("dir");
        let user = TestUser {
            user_pool_id: "p".into(),
            login: "a@example.com".into(),
            password: "Pw-1x".into(),
        };
        write_test_users(root.path(), std::slice::from_ref(&user)).expect("write");
        assert_eq!(read_test_users(root.path()), [user]);
        crate::test_support::assert_private(&test_users_file(root.path()));
    }
}
