//! ACLs as S3 has them on a bucket made today (Object Ownership "bucket owner
//! enforced"): the owner holds FULL_CONTROL of everything, and the only ACLs a request
//! may set are the ones that say so (`private`, `bucket-owner-full-control`). Access
//! itself is decided by the definition's rules, never by an ACL.

use s3s::dto::{AccessControlPolicy, Grant, Grantee, Grants, Owner, Permission, Type};
use s3s::{S3Result, s3_error};

use super::listing::local_owner;

/// The owner, and its one grant: what `GetObjectAcl` and `GetBucketAcl` answer.
pub(super) fn owner_only() -> (Option<Owner>, Option<Grants>) {
    let owner = local_owner();
    let grant = Grant {
        grantee: Some(Grantee {
            display_name: owner.display_name.clone(),
            email_address: None,
            id: owner.id.clone(),
            type_: Type::from_static(Type::CANONICAL_USER),
            uri: None,
        }),
        permission: Some(Permission::from_static(Permission::FULL_CONTROL)),
    };
    (Some(owner), Some(vec![grant]))
}

/// A `PutObjectAcl`/`PutBucketAcl` is taken only when it changes nothing: a canned
/// `private` or `bucket-owner-full-control`, or a policy granting the owner alone.
pub(super) fn check_put(
    canned: Option<&str>,
    policy: Option<&AccessControlPolicy>,
) -> S3Result<()> {
    let owner_id = local_owner().id;
    let owner_alone = policy.is_none_or(|p| {
        p.grants.iter().flatten().all(|g| {
            g.grantee.as_ref().is_some_and(|who| who.id == owner_id)
                && g.permission.as_ref().map(Permission::as_str) == Some(Permission::FULL_CONTROL)
        })
    });
    let canned_ok = canned.is_none_or(|acl| matches!(acl, "private" | "bucket-owner-full-control"));
    if canned_ok && owner_alone {
        Ok(())
    } else {
        Err(s3_error!(
            AccessControlListNotSupported,
            "The bucket does not allow ACLs"
        ))
    }
}
