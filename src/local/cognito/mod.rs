//! Cognito on the local sandbox's port, as Amplify's client and the AWS SDKs call it:
//! a user pool (`POST /` with `X-Amz-Target: AWSCognitoIdentityProviderService.*`), an
//! identity pool (`AWSCognitoIdentityService.*`), both JSON 1.1 with Cognito's error
//! shapes, and the pool's JWKS at `/<userPoolId>/.well-known/jwks.json`.

pub mod identity;
pub mod notices;
pub mod tokens;
pub mod totp;
mod user_pool;
pub mod users;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};

use http_body_util::BodyExt as _;
use hyper::body::Incoming;
use hyper::http::{HeaderValue, Method, StatusCode};
use s3s::Body;
use serde_json::{Value, json};

pub use notices::Notice;
pub use user_pool::{check_password, password_record};

use super::State;
use super::credentials::Secrets;
use crate::outputs::DeployedAuth;
use users::Users;

/// The user pool's name part (after `<region>_`), which SRP hashes into every proof.
pub const POOL_NAME: &str = "ampxlocal";

/// The local user pool, app client and identity pool ids the local outputs name.
pub fn ids(region: &str) -> DeployedAuth {
    DeployedAuth {
        user_pool_id: format!("{region}_{POOL_NAME}"),
        user_pool_client_id: "ampxlocalclient00000000000".into(),
        identity_pool_id: format!("{region}:00000000-0000-4000-8000-00000000a11f"),
    }
}

/// How the local user pool behaves where a flag decides.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Lifetime of id and access tokens, in seconds (Amplify's client: one hour).
    pub token_seconds: u64,
    /// Confirm sign-ups without a code (`--auto-confirm`).
    pub auto_confirm: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            token_seconds: 3600,
            auto_confirm: false,
        }
    }
}

/// A Cognito error, answered as Cognito answers it: 400 with `__type` and `message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: &'static str,
    pub message: String,
}

pub fn error(kind: &'static str, message: impl Into<String>) -> Error {
    Error {
        kind,
        message: message.into(),
    }
}

/// An SRP sign-in between its two steps, keyed by the secret block sent to the client.
struct Pending {
    sub: String,
    b: num_bigint::BigUint,
    big_b: num_bigint::BigUint,
    client_public: num_bigint::BigUint,
    expires: u64,
}

/// Both Cognito services of one local sandbox.
pub struct Cognito {
    region: String,
    ids: DeployedAuth,
    /// `iss` of the tokens: this server's address and the pool id, so that
    /// `<iss>/.well-known/jwks.json` finds the key as it does on Cognito.
    issuer: String,
    state: Arc<RwLock<State>>,
    users: Users,
    key: tokens::SigningKey,
    secrets: Secrets,
    settings: Settings,
    notices: notices::Notices,
    pending: Mutex<HashMap<String, Pending>>,
    /// Read-modify-write of user records, one at a time.
    writing: tokio::sync::Mutex<()>,
}

impl Cognito {
    /// `local_dir` is `.amplify/local`, where users and the signing key live.
    pub fn open(
        local_dir: &Path,
        endpoint: &str,
        region: &str,
        state: Arc<RwLock<State>>,
        secrets: Secrets,
        settings: Settings,
        notices: tokio::sync::mpsc::UnboundedSender<Notice>,
    ) -> std::io::Result<Cognito> {
        let ids = ids(region);
        Ok(Cognito {
            region: region.to_string(),
            issuer: format!("{}/{}", endpoint.trim_end_matches('/'), ids.user_pool_id),
            ids,
            state,
            users: Users::new(local_dir),
            key: tokens::SigningKey::load_or_create(local_dir)?,
            secrets,
            settings,
            notices: notices::Notices::new(local_dir, notices),
            pending: Mutex::new(HashMap::new()),
            writing: tokio::sync::Mutex::new(()),
        })
    }

    /// Whether this request is for Cognito rather than S3.
    pub fn serves(&self, request: &hyper::Request<Incoming>) -> bool {
        let path = request.uri().path();
        if request.method() == Method::GET {
            return path == self.jwks_path();
        }
        request.method() == Method::POST
            && path == "/"
            && target(request).is_some_and(|t| {
                t.starts_with("AWSCognitoIdentityProviderService.")
                    || t.starts_with("AWSCognitoIdentityService.")
            })
    }

    fn jwks_path(&self) -> String {
        format!("/{}/.well-known/jwks.json", self.ids.user_pool_id)
    }

    /// Answers a request [`Cognito::serves`].
    pub async fn answer(&self, request: hyper::Request<Incoming>) -> s3s::HttpResponse {
        if request.method() == Method::GET {
            return respond(
                StatusCode::OK,
                "application/json",
                self.key.jwks().to_string(),
                None,
            );
        }
        let target = target(&request).unwrap_or_default().to_string();
        let body = match http_body_util::Limited::new(request.into_body(), 256 * 1024)
            .collect()
            .await
        {
            Ok(body) => body.to_bytes(),
            Err(_) => {
                return failure(&error(
                    "InvalidParameterException",
                    "The request is too large or was cut off.",
                ));
            }
        };
        let input: Value = match serde_json::from_slice(&body) {
            Ok(value @ Value::Object(_)) => value,
            _ => {
                return failure(&error(
                    "SerializationException",
                    "The request body is not a JSON object.",
                ));
            }
        };
        let result = match target.split_once('.') {
            Some(("AWSCognitoIdentityProviderService", op)) => self.user_pool(op, &input).await,
            Some((_, op)) => self.identity(op, &input).await,
            None => Err(error("UnknownOperationException", "")),
        };
        match result {
            Ok(output) => respond(
                StatusCode::OK,
                "application/x-amz-json-1.1",
                output.to_string(),
                None,
            ),
            Err(e) => failure(&e),
        }
    }

    /// The definition's auth, if it has one.
    fn auth(&self) -> Result<crate::model::Auth, Error> {
        self.state
            .read()
            .ok()
            .and_then(|state| state.auth.clone())
            .ok_or_else(|| {
                error(
                    "ResourceNotFoundException",
                    "The definition has no defineAuth: the local sandbox has no user pool.",
                )
            })
    }
}

fn target(request: &hyper::Request<Incoming>) -> Option<&str> {
    request.headers().get("x-amz-target")?.to_str().ok()
}

fn respond(
    status: StatusCode,
    content_type: &'static str,
    body: String,
    kind: Option<&str>,
) -> s3s::HttpResponse {
    let mut response = hyper::Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert("content-type", HeaderValue::from_static(content_type));
    if let Some(value) = kind.and_then(|k| HeaderValue::from_str(&format!("{k}:")).ok()) {
        headers.insert("x-amzn-errortype", value);
    }
    response
}

fn failure(e: &Error) -> s3s::HttpResponse {
    let body = json!({ "__type": e.kind, "message": e.message }).to_string();
    respond(
        StatusCode::BAD_REQUEST,
        "application/x-amz-json-1.1",
        body,
        Some(e.kind),
    )
}

/// A required string of a request, or Cognito's validation error naming it.
fn required<'a>(input: &'a Value, name: &str) -> Result<&'a str, Error> {
    input[name].as_str().filter(|s| !s.is_empty()).ok_or_else(|| {
        let mut field = name.to_string();
        if let Some(first) = field.get_mut(..1) {
            first.make_ascii_lowercase();
        }
        error(
            "InvalidParameterException",
            format!("1 validation error detected: Value at '{field}' failed to satisfy constraint: Member must not be null"),
        )
    })
}

/// Who `--as user:LOGIN` acts as: the role and identity id that user's sign-in would
/// get from the local sandbox of the project at `root` (in `region`).
pub fn user_caller(
    root: &Path,
    region: &str,
    login: &str,
    defined_groups: &[String],
) -> anyhow::Result<crate::access::Caller> {
    let local = super::local_dir(root);
    let users = Users::new(&local);
    let Some(user) = users.find(login)? else {
        let known: Vec<String> = users
            .list()?
            .iter()
            .map(|u| u.display_name().to_string())
            .collect();
        let hint = match known.is_empty() {
            true => {
                "add one with `ampx-rs sandbox users add EMAIL`, or sign up in the app".to_string()
            }
            false => format!("the local users are: {}", known.join(", ")),
        };
        return Err(crate::error::UsageError::new(format!(
            "the local user pool has no user '{}'",
            crate::shown::shown(login)
        ))
        .hint(hint)
        .into());
    };
    let secrets = Secrets::load_or_create(root)?;
    let identity = identity::identity_id_for(&secrets, region, &user.sub);
    Ok(identity::caller_for(&user, defined_groups, &identity))
}

/// How a caller is named to the developer: a local user by login and role
/// (`alice@example.com (authenticated:us-east-1:…)`), anyone else by role.
pub fn label(root: &Path, caller: &crate::access::Caller) -> String {
    match login_of(root, caller) {
        Some(login) => format!("{login} ({caller})"),
        None => caller.to_string(),
    }
}

/// The login of the local user a caller's identity id belongs to, if any.
fn login_of(root: &Path, caller: &crate::access::Caller) -> Option<String> {
    let identity = match caller {
        crate::access::Caller::Guest => return None,
        crate::access::Caller::Authenticated { identity_id }
        | crate::access::Caller::Group { identity_id, .. } => identity_id.as_deref()?,
    };
    let region = identity.split_once(':')?.0;
    let secrets = Secrets::load(root).ok()??;
    let users = Users::new(&super::local_dir(root)).list().ok()?;
    users
        .into_iter()
        .find(|u| identity::identity_id_for(&secrets, region, &u.sub) == identity)
        .map(|u| u.display_name().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_users_are_named_by_login() {
        let root = tempfile::tempdir().expect("dir");
        let secrets = Secrets::load_or_create(root.path()).expect("secret");
        let users = Users::new(&crate::local::local_dir(root.path()));
        let (salt, verifier) = password_record("s", "Passw0rd!");
        let sub = users::new_uuid();
        users
            .save(&users::User::new(
                sub.clone(),
                users::Status::Confirmed,
                [("email".to_string(), "alice@example.com".to_string())].into(),
                (salt, verifier),
            ))
            .expect("save");
        let identity = identity::identity_id_for(&secrets, "us-east-1", &sub);
        let caller = crate::access::Caller::Authenticated {
            identity_id: Some(identity.clone()),
        };
        assert_eq!(
            label(root.path(), &caller),
            format!("alice@example.com (authenticated:{identity})")
        );
        assert_eq!(label(root.path(), &crate::access::Caller::Guest), "guest");
    }
}
