//! The identity pool: `GetId` and `GetCredentialsForIdentity`, for guests and for users
//! signed in to the local user pool (a `Logins` map holding their id token). A user's
//! identity id is derived from their `sub` and the local secret, so it is the same on
//! every sign-in and after a restart; their credentials act as the role Cognito's
//! token-based role mapping would choose: the role of their group of highest precedence
//! that has one, else the authenticated role.

use serde_json::{Value, json};

use super::users::{User, now};
use super::{Cognito, Error, error, required};
use crate::access::Caller;
use crate::local::credentials::access_key_for;

impl Cognito {
    pub(super) async fn identity(&self, op: &str, input: &Value) -> Result<Value, Error> {
        let pool = required(input, "IdentityPoolId")
            .or_else(|_| required(input, "IdentityId").map(|_| ""))?;
        if !pool.is_empty() && pool != self.ids.identity_pool_id {
            return Err(error(
                "ResourceNotFoundException",
                format!("IdentityPool '{pool}' not found."),
            ));
        }
        let user = self.logged_in(input)?;
        match op {
            "GetId" => Ok(json!({ "IdentityId": match &user {
                Some(user) => self.identity_id(user),
                None => self.guest_identity_id(),
            } })),
            "GetCredentialsForIdentity" => {
                let asked = required(input, "IdentityId")?;
                let owner = self.user_of_identity(asked)?;
                // A guest identity signed in with a user's login becomes that user's
                // identity (Amplify's client keeps the guest id across a sign-in and
                // takes the id of the answer); another user's identity never does.
                let (identity, caller) = match (&user, owner) {
                    (Some(user), Some(owner)) if owner.sub != user.sub => {
                        return Err(error(
                            "NotAuthorizedException",
                            "Logins don't match. Please include at least one valid login for this identity or identity pool.",
                        ));
                    }
                    (Some(user), _) => {
                        let identity = self.identity_id(user);
                        let caller = self.caller_of(user, &identity);
                        (identity, caller)
                    }
                    (None, Some(_)) => {
                        return Err(error(
                            "NotAuthorizedException",
                            "Unauthenticated access is not supported for this identity.",
                        ));
                    }
                    (None, None) => (asked.to_string(), Caller::Guest),
                };
                let access_key = access_key_for(&caller);
                Ok(json!({
                    "IdentityId": identity,
                    "Credentials": {
                        "AccessKeyId": access_key,
                        "SecretKey": self.secrets.secret_for(&access_key),
                        "SessionToken": "ampx-local",
                        "Expiration": now() + 3600
                    }
                }))
            }
            _ => Err(error(
                "UnknownOperationException",
                format!("The local sandbox's identity pool does not serve {op}."),
            )),
        }
    }

    /// The user whose id token the `Logins` map holds, if it holds one.
    fn logged_in(&self, input: &Value) -> Result<Option<User>, Error> {
        let Some(logins) = input["Logins"].as_object().filter(|l| !l.is_empty()) else {
            return Ok(None);
        };
        // Cognito's provider name, or the token's issuer without its scheme, which is
        // what Amplify's client puts in the map (here, this server's address).
        let provider = format!(
            "cognito-idp.{}.amazonaws.com/{}",
            self.region, self.ids.user_pool_id
        );
        let issuer = self
            .issuer
            .split_once("://")
            .map_or(self.issuer.as_str(), |(_, rest)| rest);
        let invalid = |why: &str| {
            error(
                "NotAuthorizedException",
                format!("Invalid login token. {why}"),
            )
        };
        let token = [provider.as_str(), issuer]
            .iter()
            .find_map(|name| logins.get(*name))
            .and_then(Value::as_str)
            .ok_or_else(|| invalid(&format!("The Logins map names no token of {provider}.")))?;
        let claims = self
            .key
            .verify(token)
            .ok_or_else(|| invalid("The token is not signed by this user pool."))?;
        if claims["token_use"] != "id" || claims["aud"] != self.ids.user_pool_client_id.as_str() {
            return Err(invalid("Not an id token of this app client."));
        }
        if claims["exp"].as_u64().is_none_or(|e| e < now()) {
            return Err(invalid("Token expired."));
        }
        let user = self
            .users
            .find(claims["sub"].as_str().unwrap_or_default())
            .map_err(|e| error("InternalErrorException", e.to_string()))?
            .ok_or_else(|| invalid("The user no longer exists."))?;
        Ok(Some(user))
    }

    /// A user's identity id: `<region>:<uuid>`, the uuid taken from the local secret.
    pub fn identity_id(&self, user: &User) -> String {
        identity_id_for(&self.secrets, &self.region, &user.sub)
    }

    fn guest_identity_id(&self) -> String {
        format!("{}:{}", self.region, super::users::new_uuid())
    }

    fn user_of_identity(&self, identity: &str) -> Result<Option<User>, Error> {
        let users = self
            .users
            .list()
            .map_err(|e| error("InternalErrorException", e.to_string()))?;
        Ok(users.into_iter().find(|u| self.identity_id(u) == identity))
    }

    /// Who a signed-in user acts as.
    fn caller_of(&self, user: &User, identity: &str) -> Caller {
        caller_for(
            user,
            &self.auth().map(|a| a.groups).unwrap_or_default(),
            identity,
        )
    }
}

/// The identity id of the user `sub` in a sandbox with these secrets.
pub fn identity_id_for(
    secrets: &crate::local::credentials::Secrets,
    region: &str,
    sub: &str,
) -> String {
    let hex = secrets.secret_for(&format!("identity:{sub}"));
    format!(
        "{region}:{}-{}-4{}-8{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

/// The role a user's credentials act as: their group of highest precedence (lowest
/// index in the definition) that the definition has, else the authenticated role.
pub fn caller_for(user: &User, defined_groups: &[String], identity: &str) -> Caller {
    let identity_id = Some(identity.to_string());
    match defined_groups.iter().find(|g| user.groups.contains(g)) {
        Some(name) => Caller::Group {
            name: name.clone(),
            identity_id,
        },
        None => Caller::Authenticated { identity_id },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::local::cognito::users::Status;

    fn user_in(groups: &[&str]) -> User {
        User {
            groups: groups.iter().map(|g| g.to_string()).collect(),
            ..User::new(
                "00000000-0000-4000-8000-000000000001".into(),
                Status::Confirmed,
                Default::default(),
                Default::default(),
            )
        }
    }

    #[test]
    fn the_group_of_highest_precedence_with_a_role_decides() {
        let defined = ["admin".to_string(), "editors".to_string()];
        let id = "us-east-1:00000000-0000-4000-8000-000000000abc";
        let group = |name: &str| Caller::Group {
            name: name.into(),
            identity_id: Some(id.into()),
        };
        for (groups, expected) in [
            (
                vec![],
                Caller::Authenticated {
                    identity_id: Some(id.into()),
                },
            ),
            (vec!["editors"], group("editors")),
            (vec!["editors", "admin"], group("admin")),
            (vec!["admin", "editors"], group("admin")),
            // A group the definition does not have has no role.
            (
                vec!["ghost"],
                Caller::Authenticated {
                    identity_id: Some(id.into()),
                },
            ),
            (vec!["ghost", "editors"], group("editors")),
        ] {
            assert_eq!(
                caller_for(&user_in(&groups), &defined, id),
                expected,
                "{groups:?}"
            );
        }
    }

    #[test]
    fn identity_ids_have_cognitos_shape_and_differ_per_user_and_sandbox() {
        let one = tempfile::tempdir().expect("dir");
        let two = tempfile::tempdir().expect("dir");
        let a = crate::local::credentials::Secrets::load_or_create(one.path()).expect("secret");
        let b = crate::local::credentials::Secrets::load_or_create(two.path()).expect("secret");
        let id = identity_id_for(&a, "eu-west-1", "sub-1");
        assert!(crate::access::is_identity_id(&id), "{id}");
        assert!(id.starts_with("eu-west-1:"));
        assert_eq!(id, identity_id_for(&a, "eu-west-1", "sub-1"));
        assert_ne!(id, identity_id_for(&a, "eu-west-1", "sub-2"));
        assert_ne!(id, identity_id_for(&b, "eu-west-1", "sub-1"));
    }
}
