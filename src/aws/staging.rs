//! The template staging bucket: where a template too large to send inline waits for
//! CloudFormation to read it (`TemplateURL`). One per account and region, created on
//! demand (private, encrypted, TLS only), emptied after each change set and removed by
//! `sandbox delete` when nothing is left in it. Every request names the account as the
//! bucket's expected owner: a bucket of that name created first by someone else (bucket
//! sniping) is refused, never written to.

use aws_sdk_s3::error::ProvideErrorMetadata;
use aws_sdk_s3::types::{
    BucketLocationConstraint, CreateBucketConfiguration, PublicAccessBlockConfiguration,
    ServerSideEncryption, ServerSideEncryptionByDefault, ServerSideEncryptionConfiguration,
    ServerSideEncryptionRule,
};
use sha2::Digest as _;

use super::Aws;
use crate::parts::hex;

#[derive(Debug)]
pub struct Staging {
    s3: aws_sdk_s3::Client,
    sts: aws_sdk_sts::Client,
    region: String,
    /// The credentials' account, asked once.
    account: tokio::sync::OnceCell<String>,
    /// Whether requests go over TLS: not to a local emulator on `http://`, where a
    /// TLS-only policy would refuse our own uploads.
    tls: bool,
}

fn sdk_error<E, R>(what: &str, err: aws_sdk_s3::error::SdkError<E, R>) -> anyhow::Error
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    anyhow::anyhow!("{what}: {}", super::sdk_message(&err))
}

impl Staging {
    pub fn new(aws: &Aws, s3: aws_sdk_s3::Client, region: &str) -> Staging {
        let config = aws_sdk_sts::config::Builder::from(aws.sdk_config())
            .region(aws_config::Region::new(region.to_string()))
            .build();
        Staging {
            s3,
            sts: aws_sdk_sts::Client::from_conf(config),
            region: region.to_string(),
            account: tokio::sync::OnceCell::new(),
            tls: !aws
                .sdk_config()
                .endpoint_url()
                .is_some_and(|url| url.starts_with("http://")),
        }
    }

    /// The account of the credentials: the staging bucket's expected owner.
    async fn account(&self) -> anyhow::Result<&str> {
        let account = self
            .account
            .get_or_try_init(|| async {
                let identity = self.sts.get_caller_identity().send().await.map_err(|e| {
                    sdk_error("cannot tell the AWS account (sts:GetCallerIdentity)", e)
                })?;
                match identity.account() {
                    Some(account) if !account.is_empty() => Ok(account.to_string()),
                    _ => Err(anyhow::anyhow!("sts:GetCallerIdentity named no account")),
                }
            })
            .await?;
        Ok(account)
    }

    /// `ampx-rs-staging-<account>-<region>`: bucket names are global, so the account
    /// makes it ours; with the account, which every request names as the owner.
    async fn bucket(&self) -> anyhow::Result<(String, &str)> {
        let account = self.account().await?;
        Ok((
            format!("ampx-rs-staging-{account}-{}", self.region),
            account,
        ))
    }

    /// Creates the bucket unless it exists: no public access, SSE-S3, and a policy
    /// that refuses every request not made over TLS (left out for an `http://`
    /// emulator endpoint).
    async fn ensure(&self, bucket: &str, owner: &str) -> anyhow::Result<()> {
        let head = self
            .s3
            .head_bucket()
            .bucket(bucket)
            .expected_bucket_owner(owner);
        if head.send().await.is_ok() {
            return Ok(());
        }
        let mut create = self.s3.create_bucket().bucket(bucket);
        if self.region != "us-east-1" {
            create = create.create_bucket_configuration(
                CreateBucketConfiguration::builder()
                    .location_constraint(BucketLocationConstraint::from(self.region.as_str()))
                    .build(),
            );
        }
        match create.send().await {
            Ok(_) => {}
            Err(e) if e.code() == Some("BucketAlreadyOwnedByYou") => {}
            Err(e) => {
                return Err(sdk_error(
                    &format!("cannot create the staging bucket {bucket}"),
                    e,
                ));
            }
        }
        self.s3
            .put_public_access_block()
            .bucket(bucket)
            .expected_bucket_owner(owner)
            .public_access_block_configuration(
                PublicAccessBlockConfiguration::builder()
                    .block_public_acls(true)
                    .block_public_policy(true)
                    .ignore_public_acls(true)
                    .restrict_public_buckets(true)
                    .build(),
            )
            .send()
            .await
            .map_err(|e| sdk_error("cannot block public access to the staging bucket", e))?;
        let sse = ServerSideEncryptionByDefault::builder()
            .sse_algorithm(ServerSideEncryption::Aes256)
            .build()
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let rules = ServerSideEncryptionConfiguration::builder()
            .rules(
                ServerSideEncryptionRule::builder()
                    .apply_server_side_encryption_by_default(sse)
                    .build(),
            )
            .build()
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        self.s3
            .put_bucket_encryption()
            .bucket(bucket)
            .expected_bucket_owner(owner)
            .server_side_encryption_configuration(rules)
            .send()
            .await
            .map_err(|e| sdk_error("cannot encrypt the staging bucket", e))?;
        if self.tls {
            self.s3
                .put_bucket_policy()
                .bucket(bucket)
                .expected_bucket_owner(owner)
                .policy(tls_only_policy(bucket).to_string())
                .send()
                .await
                .map_err(|e| sdk_error("cannot set the staging bucket's TLS-only policy", e))?;
        }
        Ok(())
    }

    /// Uploads `body` under the stack's folder; the URL CloudFormation reads it from.
    pub async fn stage(&self, stack: &str, body: &str) -> anyhow::Result<String> {
        let (bucket, owner) = self.bucket().await?;
        self.ensure(&bucket, owner).await?;
        let hash = hex(&sha2::Sha256::digest(body.as_bytes()));
        let key = format!("{stack}/{hash}.json");
        let put = || {
            self.s3
                .put_object()
                .bucket(&bucket)
                .expected_bucket_owner(owner)
                .key(&key)
                .content_type("application/json")
                .body(body.as_bytes().to_vec().into())
                .send()
        };
        match put().await {
            Ok(_) => {}
            // Another sandbox's delete removed the empty bucket in between: once more.
            Err(e) if e.code() == Some("NoSuchBucket") => {
                self.ensure(&bucket, owner).await?;
                put()
                    .await
                    .map_err(|e| sdk_error("cannot stage the template", e))?;
            }
            Err(e) => return Err(sdk_error("cannot stage the template", e)),
        }
        Ok(format!(
            "https://{bucket}.s3.{}.amazonaws.com/{key}",
            self.region
        ))
    }

    /// Deletes a staged template (best effort: a leftover is removed with the bucket).
    pub async fn unstage(&self, url: &str) {
        let (Some((bucket, key)), Ok(owner)) = (bucket_and_key(url), self.account().await) else {
            return;
        };
        let delete = self.s3.delete_object().bucket(bucket).key(key);
        let _ = delete.expected_bucket_owner(owner).send().await;
    }

    /// Deletes the staging bucket if it exists and holds nothing.
    pub async fn remove_if_empty(&self) -> bool {
        let Ok((bucket, owner)) = self.bucket().await else {
            return false;
        };
        let Ok(listing) = self
            .s3
            .list_objects_v2()
            .bucket(&bucket)
            .expected_bucket_owner(owner)
            .max_keys(1)
            .send()
            .await
        else {
            return false;
        };
        if listing.key_count().unwrap_or(0) > 0 {
            return false;
        }
        let delete = self.s3.delete_bucket().bucket(&bucket);
        delete.expected_bucket_owner(owner).send().await.is_ok()
    }
}

/// Denies every request to the bucket that is not made over TLS.
fn tls_only_policy(bucket: &str) -> serde_json::Value {
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "TlsOnly",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [format!("arn:aws:s3:::{bucket}"), format!("arn:aws:s3:::{bucket}/*")],
            "Condition": { "Bool": { "aws:SecureTransport": "false" } }
        }]
    })
}

/// The bucket and key of a URL made by [`Staging::stage`].
fn bucket_and_key(url: &str) -> Option<(&str, &str)> {
    let rest = url.strip_prefix("https://")?;
    let (host, key) = rest.split_once('/')?;
    let bucket = host.split_once(".s3.")?.0;
    Some((bucket, key))
}

#[cfg(test)]
mod tests {
    use super::{bucket_and_key, tls_only_policy};

    #[test]
    fn staged_urls_name_their_bucket_and_key() {
        assert_eq!(
            bucket_and_key(
                "https://ampx-rs-staging-1-eu-west-1.s3.eu-west-1.amazonaws.com/stack/ab.json"
            ),
            Some(("ampx-rs-staging-1-eu-west-1", "stack/ab.json"))
        );
        assert_eq!(bucket_and_key("http://x/y"), None);
        let policy = tls_only_policy("b");
        assert_eq!(
            policy["Statement"][0]["Condition"]["Bool"]["aws:SecureTransport"],
            "false"
        );
    }
}
