//! Authorization of local S3 requests by the one access decision (`crate::access`).
//!
//! Local credentials say who is calling: the owner key (the developer: full access, used
//! by the file commands by default) or `ampx:<who>` keys, where `<who>` is `guest`,
//! `authenticated[:IDENTITY_ID]` or `group:NAME[:IDENTITY_ID]`.

use std::sync::{Arc, RwLock};

use s3s::access::{S3Access, S3AccessContext};
use s3s::auth::{S3Auth, SecretKey};
use s3s::dto::{
    CopyObjectInput, CopySource, DeleteObjectsInput, ListObjectsInput, ListObjectsV2Input,
    UploadPartCopyInput,
};
use s3s::path::S3Path;
use s3s::{S3Request, S3Result, s3_error};

use super::State;
use super::credentials::{OWNER_ACCESS_KEY, Secrets, USER_KEY_PREFIX, caller_of};
use super::denials::Denials;
use crate::access::{Request, decide_in};
use crate::model::Action;

/// Checks signatures with the secret derived for each local key.
pub struct LocalAuth {
    pub secrets: Secrets,
}

#[async_trait::async_trait]
impl S3Auth for LocalAuth {
    async fn get_secret_key(&self, access_key: &str) -> S3Result<SecretKey> {
        if access_key == OWNER_ACCESS_KEY || access_key.starts_with(USER_KEY_PREFIX) {
            Ok(SecretKey::from(self.secrets.secret_for(access_key)))
        } else {
            Err(s3_error!(
                InvalidAccessKeyId,
                "not a key of this local sandbox"
            ))
        }
    }
}

/// How `access::decide` sees a request an app user may make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decided {
    /// As this action on the request's key.
    OnKey(Action),
    /// By the operation's own inputs (listed prefix, deleted keys, copy source).
    ByInput,
}

/// Every S3 operation an app user may send, with the IAM action that AWS's service
/// authorization reference names for it. Amplify's policies grant only s3:GetObject,
/// s3:PutObject, s3:DeleteObject and s3:ListBucket (with an s3:prefix condition), so
/// any other operation — AbortMultipartUpload (s3:AbortMultipartUpload), ListParts
/// (s3:ListMultipartUploadParts), ListMultipartUploads, HeadBucket (s3:ListBucket with
/// no s3:prefix), bucket administration — is denied to users in the cloud, and here.
const USER_OPERATIONS: &[(&str, &str, Decided)] = &[
    ("GetObject", "s3:GetObject", Decided::OnKey(Action::Get)),
    ("HeadObject", "s3:GetObject", Decided::OnKey(Action::Get)),
    ("PutObject", "s3:PutObject", Decided::OnKey(Action::Write)),
    (
        "CreateMultipartUpload",
        "s3:PutObject",
        Decided::OnKey(Action::Write),
    ),
    ("UploadPart", "s3:PutObject", Decided::OnKey(Action::Write)),
    (
        "CompleteMultipartUpload",
        "s3:PutObject",
        Decided::OnKey(Action::Write),
    ),
    ("CopyObject", "s3:GetObject s3:PutObject", Decided::ByInput),
    (
        "UploadPartCopy",
        "s3:GetObject s3:PutObject",
        Decided::ByInput,
    ),
    (
        "DeleteObject",
        "s3:DeleteObject",
        Decided::OnKey(Action::Delete),
    ),
    ("DeleteObjects", "s3:DeleteObject", Decided::ByInput),
    ("ListObjects", "s3:ListBucket", Decided::ByInput),
    ("ListObjectsV2", "s3:ListBucket", Decided::ByInput),
];

fn user_operation(op: &str) -> Option<(&'static str, Decided)> {
    USER_OPERATIONS
        .iter()
        .find(|(name, ..)| *name == op)
        .map(|(_, action, decided)| (*action, *decided))
}

/// Decides every request as IAM would decide it for the caller's role, and explains
/// each denial in the sandbox's terminal (unless `denials` is `None`: `--quiet`).
pub struct LocalAccess {
    pub state: Arc<RwLock<State>>,
    pub denials: Option<Arc<Denials>>,
}

impl LocalAccess {
    fn allow(&self, access_key: Option<&str>, bucket: &str, requests: &[Request]) -> S3Result<()> {
        let Some(access_key) = access_key else {
            return Err(s3_error!(AccessDenied, "requests must be signed"));
        };
        let Some(caller) = caller_of(access_key) else {
            return Ok(());
        };
        let caller = caller.map_err(|e| s3_error!(InvalidAccessKeyId, "{e}"))?;
        let state = self.state.read().map_err(|_| s3_error!(InternalError))?;
        let Some(plan) = state.plan(bucket) else {
            return Err(s3_error!(AccessDenied));
        };
        for request in requests {
            if !decide_in(plan, &caller, request).allowed {
                if let Some(denials) = &self.denials {
                    denials.report(|| {
                        let label = denials.label(&caller);
                        state
                            .explain_denial(bucket, &caller, &label, request)
                            .unwrap_or_else(|| format!("denied: {label} in {bucket}"))
                    });
                }
                return Err(s3_error!(AccessDenied, "Access Denied"));
            }
        }
        Ok(())
    }
}

impl LocalAccess {
    /// A copy reads its source (s3:GetObject) and writes its target (s3:PutObject).
    fn allow_copy(
        &self,
        access_key: Option<&str>,
        source: &CopySource,
        bucket: &str,
        key: &str,
    ) -> S3Result<()> {
        if let CopySource::Bucket {
            bucket: from_bucket,
            key: from_key,
            ..
        } = source
        {
            self.allow(
                access_key,
                from_bucket,
                &[Request::get(from_key.to_string())],
            )?;
        }
        self.allow(access_key, bucket, &[Request::write(key.to_string())])
    }
}

fn key_of<T>(req: &S3Request<T>) -> Option<&str> {
    req.credentials.as_ref().map(|c| c.access_key.as_str())
}

#[async_trait::async_trait]
impl S3Access for LocalAccess {
    async fn check(&self, cx: &mut S3AccessContext<'_>) -> S3Result<()> {
        let access_key = cx.credentials().map(|c| c.access_key.clone());
        let Some(access_key) = access_key else {
            return Err(s3_error!(AccessDenied, "requests must be signed"));
        };
        if caller_of(&access_key).is_none() {
            return Ok(());
        }
        // Object operations are decided here as the IAM action AWS names for them.
        let op = cx.s3_op().name();
        let (bucket, key) = match cx.s3_path() {
            S3Path::Object { bucket, key } => (bucket.to_string(), key.to_string()),
            S3Path::Bucket { bucket } => (bucket.to_string(), String::new()),
            S3Path::Root => return Err(s3_error!(AccessDenied)),
        };
        let request = match user_operation(op) {
            Some((_, Decided::OnKey(action))) => Request::new(action, key),
            // Decided in their own methods below, where their inputs are known.
            Some((_, Decided::ByInput)) => return Ok(()),
            None => {
                if let (Some(denials), Some(Ok(caller))) = (&self.denials, caller_of(&access_key)) {
                    denials.report(|| {
                        format!(
                            "denied: {} may not {op} in {bucket}: Amplify's policies grant app users only \
                             s3:GetObject, s3:PutObject, s3:DeleteObject and s3:ListBucket",
                            denials.label(&caller)
                        )
                    });
                }
                return Err(s3_error!(
                    AccessDenied,
                    "{op} needs an IAM action that Amplify's policies do not grant to app users"
                ));
            }
        };
        self.allow(Some(&access_key), &bucket, &[request])
    }

    async fn list_objects_v2(&self, req: &mut S3Request<ListObjectsV2Input>) -> S3Result<()> {
        let prefix = req.input.prefix.clone().unwrap_or_default();
        self.allow(key_of(req), &req.input.bucket, &[Request::list(prefix)])
    }

    async fn list_objects(&self, req: &mut S3Request<ListObjectsInput>) -> S3Result<()> {
        let prefix = req.input.prefix.clone().unwrap_or_default();
        self.allow(key_of(req), &req.input.bucket, &[Request::list(prefix)])
    }

    async fn delete_objects(&self, req: &mut S3Request<DeleteObjectsInput>) -> S3Result<()> {
        let requests: Vec<Request> = req
            .input
            .delete
            .objects
            .iter()
            .map(|o| Request::delete(o.key.clone()))
            .collect();
        self.allow(key_of(req), &req.input.bucket, &requests)
    }

    async fn upload_part_copy(&self, req: &mut S3Request<UploadPartCopyInput>) -> S3Result<()> {
        let input = &req.input;
        self.allow_copy(key_of(req), &input.copy_source, &input.bucket, &input.key)
    }

    async fn copy_object(&self, req: &mut S3Request<CopyObjectInput>) -> S3Result<()> {
        let input = &req.input;
        self.allow_copy(key_of(req), &input.copy_source, &input.bucket, &input.key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_may_send_only_what_amplifys_actions_grant() {
        let granted = [
            "s3:GetObject",
            "s3:PutObject",
            "s3:DeleteObject",
            "s3:ListBucket",
        ];
        for (op, actions, decided) in USER_OPERATIONS {
            for action in actions.split(' ') {
                assert!(granted.contains(&action), "{op}: {action}");
            }
            // One action on the request's key is decided as that action.
            let on_key = Action::ALL
                .into_iter()
                .find(|a| a.iam_action() == *actions && *a != Action::List);
            let expected = match on_key {
                Some(action) if !op.ends_with('s') => Decided::OnKey(action),
                _ => Decided::ByInput,
            };
            assert_eq!(*decided, expected, "{op}");
        }
        for op in [
            "AbortMultipartUpload",
            "ListParts",
            "ListMultipartUploads",
            "HeadBucket",
            "CreateBucket",
            "DeleteBucket",
            "ListBuckets",
        ] {
            assert_eq!(user_operation(op), None, "{op} is the owner's");
        }
    }
}
