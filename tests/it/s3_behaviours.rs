//! What S3 clients meet, answered by the local sandbox as S3 answers it (found by
//! ceph's s3-tests, bench/README.md): each test speaks S3 with the AWS SDK as the
//! owner, against the real server.

use aws_sdk_s3::primitives::ByteStream;

use crate::local::{LocalSandbox, OWNER, TEAM_DRIVE, local_client};

fn code<E: aws_sdk_s3::error::ProvideErrorMetadata>(e: &E) -> String {
    e.code().unwrap_or_default().to_string()
}

/// A multipart upload of parts `(number, size)`, each byte `b'a' + number`, with the
/// checksums of `algorithm`, not yet completed: its id, and the parts that complete it.
async fn upload_parts(
    client: &aws_sdk_s3::Client,
    key: &str,
    algorithm: aws_sdk_s3::types::ChecksumAlgorithm,
    checksum_type: Option<aws_sdk_s3::types::ChecksumType>,
    sizes: &[(i32, usize)],
) -> (String, Vec<aws_sdk_s3::types::CompletedPart>) {
    let upload = client
        .create_multipart_upload()
        .bucket(TEAM_DRIVE)
        .key(key)
        .checksum_algorithm(algorithm.clone())
        .set_checksum_type(checksum_type)
        .send()
        .await
        .expect("create");
    let id = upload.upload_id().expect("id").to_string();
    let mut parts = Vec::new();
    for &(n, size) in sizes {
        let fill = b'a' + u8::try_from(n).expect("a small part number");
        let part = client
            .upload_part()
            .bucket(TEAM_DRIVE)
            .key(key)
            .upload_id(&id)
            .part_number(n)
            .checksum_algorithm(algorithm.clone())
            .body(vec![fill; size].into())
            .send()
            .await
            .expect("part");
        parts.push(
            aws_sdk_s3::types::CompletedPart::builder()
                .part_number(n)
                .e_tag(part.e_tag().expect("etag"))
                .set_checksum_sha256(part.checksum_sha256().map(str::to_string))
                .set_checksum_crc32(part.checksum_crc32().map(str::to_string))
                .build(),
        );
    }
    (id, parts)
}

async fn complete(
    client: &aws_sdk_s3::Client,
    key: &str,
    id: &str,
    parts: &[aws_sdk_s3::types::CompletedPart],
) -> Result<
    aws_sdk_s3::operation::complete_multipart_upload::CompleteMultipartUploadOutput,
    aws_sdk_s3::error::SdkError<
        aws_sdk_s3::operation::complete_multipart_upload::CompleteMultipartUploadError,
    >,
> {
    client
        .complete_multipart_upload()
        .bucket(TEAM_DRIVE)
        .key(key)
        .upload_id(id)
        .multipart_upload(
            aws_sdk_s3::types::CompletedMultipartUpload::builder()
                .set_parts(Some(parts.to_vec()))
                .build(),
        )
        .send()
        .await
}

#[cfg(unix)]
#[test]
fn reads_and_copies_honour_every_condition_s3_does() {
    let sandbox = LocalSandbox::start("team-drive");
    let (runtime, client) = local_client(&sandbox, OWNER);
    runtime.block_on(async {
        let put = client
            .put_object()
            .bucket(TEAM_DRIVE)
            .key("c/a.txt")
            .body(ByteStream::from_static(b"a"))
            .expires(aws_sdk_s3::primitives::DateTime::from_secs(2_000_000_000))
            .content_encoding("gzip, aws-chunked")
            .send()
            .await
            .expect("put");
        let e_tag = put.e_tag().expect("etag").to_string();
        let head = client
            .head_object()
            .bucket(TEAM_DRIVE)
            .key("c/a.txt")
            .send()
            .await
            .expect("head");
        assert_eq!(
            head.content_encoding(),
            Some("gzip"),
            "aws-chunked is the request's framing"
        );
        assert_eq!(head.expires_string(), Some("Wed, 18 May 2033 03:33:20 GMT"));
        let past = aws_sdk_s3::primitives::DateTime::from_secs(1_000_000_000);
        let future = aws_sdk_s3::primitives::DateTime::from_secs(4_000_000_000);
        // If-Modified-Since in the future: 304 (HEAD and GET); in the past: the object.
        let unchanged = client
            .get_object()
            .bucket(TEAM_DRIVE)
            .key("c/a.txt")
            .if_modified_since(future)
            .send()
            .await
            .expect_err("not modified");
        let raw = unchanged.raw_response().expect("a response");
        assert_eq!(raw.status().as_u16(), 304);
        assert_eq!(
            raw.headers().get("etag"),
            Some(e_tag.as_str()),
            "a 304 names the ETag"
        );
        assert!(
            client
                .get_object()
                .bucket(TEAM_DRIVE)
                .key("c/a.txt")
                .if_modified_since(past)
                .send()
                .await
                .is_ok()
        );
        // If-Unmodified-Since in the past: 412.
        let failed = client
            .head_object()
            .bucket(TEAM_DRIVE)
            .key("c/a.txt")
            .if_unmodified_since(past)
            .send()
            .await
            .expect_err("modified since");
        assert_eq!(
            failed.raw_response().expect("response").status().as_u16(),
            412
        );
        // A copy's source conditions: a failed one is 412, never a copy.
        let copy = |if_match: &str| {
            client
                .copy_object()
                .bucket(TEAM_DRIVE)
                .key("c/copy.txt")
                .copy_source(format!("{TEAM_DRIVE}/c/a.txt"))
                .copy_source_if_match(if_match)
                .send()
        };
        let refused = copy("\"0000\"").await.expect_err("no match");
        assert_eq!(code(&refused.into_service_error()), "PreconditionFailed");
        copy(&e_tag).await.expect("match");
        let refused = client
            .copy_object()
            .bucket(TEAM_DRIVE)
            .key("c/copy2.txt")
            .copy_source(format!("{TEAM_DRIVE}/c/a.txt"))
            .copy_source_if_none_match(&e_tag)
            .send()
            .await
            .expect_err("matches");
        assert_eq!(code(&refused.into_service_error()), "PreconditionFailed");
        // A conditional write over nothing: S3's 404, not 412.
        let over_nothing = client
            .put_object()
            .bucket(TEAM_DRIVE)
            .key("c/never")
            .if_match("*")
            .body(ByteStream::from_static(b"x"))
            .send()
            .await
            .expect_err("nothing to match");
        assert_eq!(code(&over_nothing.into_service_error()), "NoSuchKey");
        // Checksums come back only when asked for.
        client
            .put_object()
            .bucket(TEAM_DRIVE)
            .key("c/summed")
            .checksum_algorithm(aws_sdk_s3::types::ChecksumAlgorithm::Sha256)
            .body(ByteStream::from_static(b"summed"))
            .send()
            .await
            .expect("put");
        let plain = client
            .head_object()
            .bucket(TEAM_DRIVE)
            .key("c/summed")
            .send()
            .await
            .expect("head");
        assert_eq!(plain.checksum_sha256(), None);
        let asked = client
            .head_object()
            .bucket(TEAM_DRIVE)
            .key("c/summed")
            .checksum_mode(aws_sdk_s3::types::ChecksumMode::Enabled)
            .send()
            .await
            .expect("head");
        assert!(asked.checksum_sha256().is_some());
        // GetObjectAttributes: what was asked for, the checksum with its type.
        let attributes = client
            .get_object_attributes()
            .bucket(TEAM_DRIVE)
            .key("c/summed")
            .object_attributes(aws_sdk_s3::types::ObjectAttributes::Checksum)
            .object_attributes(aws_sdk_s3::types::ObjectAttributes::ObjectSize)
            .send()
            .await
            .expect("attributes");
        assert_eq!(attributes.object_size(), Some(6));
        let checksum = attributes.checksum().expect("a checksum");
        assert_eq!(checksum.checksum_sha256(), asked.checksum_sha256());
        assert_eq!(
            checksum.checksum_type(),
            Some(&aws_sdk_s3::types::ChecksumType::FullObject)
        );
        assert_eq!(attributes.e_tag(), None, "not asked for");
        // Every answer names a request id, errors in their XML too.
        let missing = client
            .get_object()
            .bucket(TEAM_DRIVE)
            .key("c/none")
            .send()
            .await
            .expect_err("404");
        let id = missing
            .raw_response()
            .and_then(|r| r.headers().get("x-amz-request-id"))
            .map(str::to_string);
        assert!(id.as_deref().is_some_and(|i| i.len() == 16), "{id:?}");
        let service = missing.into_service_error();
        assert_eq!(
            aws_sdk_s3::operation::RequestId::request_id(&service),
            id.as_deref()
        );
    });
    drop(runtime);
    sandbox.stop();
}

#[cfg(unix)]
#[test]
fn multipart_objects_answer_by_part_and_a_retried_complete_succeeds() {
    let sandbox = LocalSandbox::start("team-drive");
    let (runtime, client) = local_client(&sandbox, OWNER);
    runtime.block_on(async {
        let key = "m/big.bin";
        let sha256 = aws_sdk_s3::types::ChecksumAlgorithm::Sha256;
        let (id, parts) = upload_parts(
            &client,
            key,
            sha256,
            None,
            &[(1, 5 * 1024 * 1024), (2, 1024)],
        )
        .await;
        let first = complete(&client, key, &id, &parts).await.expect("complete");
        // The SDK retries a complete whose answer was lost: S3 answers 200 again.
        let again = complete(&client, key, &id, &parts)
            .await
            .expect("a retried complete succeeds");
        assert_eq!(first.e_tag(), again.e_tag());
        // With part checksums, S3 keeps a composite one: of the parts' checksums.
        assert!(
            first.checksum_sha256().is_some_and(|c| c.ends_with("-2")),
            "{first:?}"
        );
        assert_eq!(
            first.checksum_type(),
            Some(&aws_sdk_s3::types::ChecksumType::Composite)
        );
        assert_eq!(
            first.checksum_sha256(),
            again.checksum_sha256(),
            "a retry answers the checksum too"
        );
        // GetObjectAttributes lists the parts a page at a time, with their checksums,
        // and gives the ETag without quotes, as S3 does.
        let attributes = client
            .get_object_attributes()
            .bucket(TEAM_DRIVE)
            .key(key)
            .object_attributes(aws_sdk_s3::types::ObjectAttributes::ObjectParts)
            .object_attributes(aws_sdk_s3::types::ObjectAttributes::Etag)
            .max_parts(1)
            .send()
            .await
            .expect("attributes");
        assert_eq!(
            attributes.e_tag(),
            first.e_tag().map(|t| t.trim_matches('"'))
        );
        let page = attributes.object_parts().expect("parts");
        assert_eq!(page.total_parts_count(), Some(2));
        assert_eq!(page.is_truncated(), Some(true));
        assert_eq!(page.next_part_number_marker(), Some("1"));
        let listed = page.parts();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].part_number(), Some(1));
        assert_eq!(listed[0].size(), Some(5 * 1024 * 1024));
        assert_eq!(
            listed[0].checksum_sha256(),
            parts[0].checksum_sha256(),
            "each part with its own checksum"
        );
        let rest = client
            .get_object_attributes()
            .bucket(TEAM_DRIVE)
            .key(key)
            .object_attributes(aws_sdk_s3::types::ObjectAttributes::ObjectParts)
            .part_number_marker("1")
            .send()
            .await
            .expect("attributes");
        let page = rest.object_parts().expect("parts");
        assert_eq!(page.is_truncated(), Some(false));
        assert_eq!(page.parts().len(), 1);
        assert_eq!(page.parts()[0].size(), Some(1024));
        let second = client
            .get_object()
            .bucket(TEAM_DRIVE)
            .key(key)
            .part_number(2)
            .send()
            .await
            .expect("part 2");
        assert_eq!(second.parts_count(), Some(2));
        assert_eq!(second.content_length(), Some(1024));
        let bytes = second.body.collect().await.expect("body").into_bytes();
        assert!(bytes.iter().all(|b| *b == b'c'));
        let beyond = client
            .head_object()
            .bucket(TEAM_DRIVE)
            .key(key)
            .part_number(3)
            .send()
            .await;
        assert_eq!(
            beyond
                .expect_err("no part 3")
                .raw_response()
                .expect("r")
                .status()
                .as_u16(),
            400
        );
        // Over 1000 keys in one DeleteObjects: S3's 400.
        let objects: Vec<_> = (0..1001)
            .map(|i| {
                aws_sdk_s3::types::ObjectIdentifier::builder()
                    .key(format!("d/{i}"))
                    .build()
                    .expect("id")
            })
            .collect();
        let refused = client
            .delete_objects()
            .bucket(TEAM_DRIVE)
            .delete(
                aws_sdk_s3::types::Delete::builder()
                    .set_objects(Some(objects))
                    .build()
                    .expect("delete"),
            )
            .send()
            .await
            .expect_err("too many");
        assert_eq!(code(&refused.into_service_error()), "MalformedXML");
    });
    drop(runtime);
    sandbox.stop();
}

#[cfg(unix)]
#[test]
fn listings_and_presigned_urls_are_shaped_as_s3_shapes_them() {
    let sandbox = LocalSandbox::start("team-drive");
    let (runtime, client) = local_client(&sandbox, OWNER);
    runtime.block_on(async {
        client
            .put_object()
            .bucket(TEAM_DRIVE)
            .key("l/a")
            .body(ByteStream::from_static(b"a"))
            .send()
            .await
            .expect("put");
        let v2 = client
            .list_objects_v2()
            .bucket(TEAM_DRIVE)
            .delimiter("")
            .max_keys(0)
            .send()
            .await
            .expect("list");
        assert_eq!(v2.delimiter(), None, "an empty delimiter is not echoed");
        assert_eq!(
            v2.is_truncated(),
            Some(false),
            "max-keys=0 cuts nothing off"
        );
        let owned = client
            .list_objects_v2()
            .bucket(TEAM_DRIVE)
            .fetch_owner(true)
            .send()
            .await
            .expect("list");
        assert!(owned.contents()[0].owner().is_some());
        let v1 = client
            .list_objects()
            .bucket(TEAM_DRIVE)
            .prefix("\n")
            .send()
            .await
            .expect("list v1");
        assert_eq!(v1.marker(), Some(""), "v1 always names its marker");
        assert_eq!(v1.prefix(), Some("\n"), "v1 echoes its prefix unencoded");
        // A presigned URL valid for over 7 days is refused, as S3 refuses it.
        let config = aws_sdk_s3::presigning::PresigningConfig::expires_in(
            std::time::Duration::from_secs(604_801),
        );
        assert!(config.is_err(), "the SDK refuses it too");
    });
    let url = |expires: &str| {
        let out = sandbox.run(&["presign", "s3://amplifyTeamDrive/l/a"]);
        let url = crate::common::stdout(&out).trim().to_string();
        let at = url.find("X-Amz-Expires=").expect("expires") + "X-Amz-Expires=".len();
        let end = url[at..].find('&').map_or(url.len(), |e| at + e);
        format!("{}{expires}{}", &url[..at], &url[end..])
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    for expires in ["609901", "-7"] {
        let mut answer = agent.get(&url(expires)).call().expect("an answer");
        let body = answer.body_mut().read_to_string().expect("body");
        assert_eq!(answer.status().as_u16(), 403, "{expires}: {body}");
        assert!(
            body.contains("X-Amz-Expires must be"),
            "refused for its expiry: {body}"
        );
    }
    drop(runtime);
    sandbox.stop();
}

#[cfg(unix)]
#[test]
fn objects_and_buckets_keep_their_tags() {
    let sandbox = LocalSandbox::start("team-drive");
    let (runtime, client) = local_client(&sandbox, OWNER);
    runtime.block_on(async {
        let put = client
            .put_object()
            .bucket(TEAM_DRIVE)
            .key("t/a.txt")
            .tagging("team=photos&stage=raw%20files")
            .body(ByteStream::from_static(b"tagged"))
            .send()
            .await
            .expect("put");
        let tags = |set: &[aws_sdk_s3::types::Tag]| {
            let mut pairs: Vec<(String, String)> = set
                .iter()
                .map(|t| (t.key().to_string(), t.value().to_string()))
                .collect();
            pairs.sort();
            pairs
        };
        let got = client
            .get_object_tagging()
            .bucket(TEAM_DRIVE)
            .key("t/a.txt")
            .send()
            .await
            .expect("tags");
        assert_eq!(
            tags(got.tag_set()),
            [
                ("stage".into(), "raw files".into()),
                ("team".into(), "photos".into())
            ]
        );
        let object = client
            .get_object()
            .bucket(TEAM_DRIVE)
            .key("t/a.txt")
            .send()
            .await
            .expect("get");
        assert_eq!(object.tag_count(), Some(2));
        // Retagging keeps the body, the ETag and the time.
        let one = aws_sdk_s3::types::Tag::builder()
            .key("k")
            .value("v")
            .build()
            .expect("tag");
        client
            .put_object_tagging()
            .bucket(TEAM_DRIVE)
            .key("t/a.txt")
            .tagging(
                aws_sdk_s3::types::Tagging::builder()
                    .tag_set(one.clone())
                    .build()
                    .expect("tagging"),
            )
            .send()
            .await
            .expect("retag");
        let head = client
            .head_object()
            .bucket(TEAM_DRIVE)
            .key("t/a.txt")
            .send()
            .await
            .expect("head");
        assert_eq!(head.e_tag(), put.e_tag());
        let body = client
            .get_object()
            .bucket(TEAM_DRIVE)
            .key("t/a.txt")
            .send()
            .await
            .expect("get");
        assert_eq!(
            &body.body.collect().await.expect("body").into_bytes()[..],
            b"tagged"
        );
        // Eleven tags are refused, as S3 refuses them.
        let eleven: Vec<_> = (0..11)
            .map(|i| {
                aws_sdk_s3::types::Tag::builder()
                    .key(format!("k{i}"))
                    .value("v")
                    .build()
                    .expect("tag")
            })
            .collect();
        let refused = client
            .put_object_tagging()
            .bucket(TEAM_DRIVE)
            .key("t/a.txt")
            .tagging(
                aws_sdk_s3::types::Tagging::builder()
                    .set_tag_set(Some(eleven))
                    .build()
                    .expect("tagging"),
            )
            .send()
            .await
            .expect_err("too many");
        assert_eq!(code(&refused.into_service_error()), "InvalidTag");
        client
            .delete_object_tagging()
            .bucket(TEAM_DRIVE)
            .key("t/a.txt")
            .send()
            .await
            .expect("untag");
        let got = client
            .get_object_tagging()
            .bucket(TEAM_DRIVE)
            .key("t/a.txt")
            .send()
            .await
            .expect("tags");
        assert!(got.tag_set().is_empty());
        // A bucket's tags.
        let none = client
            .get_bucket_tagging()
            .bucket(TEAM_DRIVE)
            .send()
            .await
            .expect_err("none yet");
        assert_eq!(code(&none.into_service_error()), "NoSuchTagSet");
        client
            .put_bucket_tagging()
            .bucket(TEAM_DRIVE)
            .tagging(
                aws_sdk_s3::types::Tagging::builder()
                    .tag_set(one)
                    .build()
                    .expect("tagging"),
            )
            .send()
            .await
            .expect("bucket tags");
        let got = client
            .get_bucket_tagging()
            .bucket(TEAM_DRIVE)
            .send()
            .await
            .expect("tags");
        assert_eq!(tags(got.tag_set()), [("k".into(), "v".into())]);
    });
    // App users are refused tagging, as Amplify's policies grant no s3:PutObjectTagging.
    let (guest_runtime, guest) = local_client(&sandbox, "ampx:guest");
    guest_runtime.block_on(async {
        let refused = guest
            .get_object_tagging()
            .bucket(TEAM_DRIVE)
            .key("picture-submissions/x")
            .send()
            .await
            .expect_err("denied");
        assert_eq!(code(&refused.into_service_error()), "AccessDenied");
    });
    drop((runtime, guest_runtime));
    sandbox.stop();
}

/// A bucket defined with `versioned: true` keeps every version, as the deployed bucket
/// does: older versions by id, delete markers, a marker's removal bringing the object
/// back, and a suspended bucket's `null` version.
#[cfg(unix)]
#[test]
fn a_versioned_bucket_keeps_every_version() {
    let dir = tempfile::tempdir().expect("dir");
    crate::common::copy_definition("team-drive", dir.path());
    let storage = dir.path().join("amplify/storage/resource.ts");
    let text = std::fs::read_to_string(&storage).expect("read");
    let versioned = text.replace(
        "name: 'amplifyTeamDrive',",
        "name: 'amplifyTeamDrive',\n  versioned: true,",
    );
    assert_ne!(text, versioned);
    std::fs::write(&storage, versioned).expect("write");
    let sandbox = LocalSandbox::start_in(dir);
    let (runtime, client) = local_client(&sandbox, OWNER);
    runtime.block_on(async {
        let put = |body: &'static [u8]| {
            client
                .put_object()
                .bucket(TEAM_DRIVE)
                .key("v/a.txt")
                .body(ByteStream::from_static(body))
                .send()
        };
        let first = put(b"one")
            .await
            .expect("put")
            .version_id()
            .expect("an id")
            .to_string();
        let second = put(b"two")
            .await
            .expect("put")
            .version_id()
            .expect("an id")
            .to_string();
        assert_ne!(first, second);
        let read = |id: Option<String>| {
            let client = client.clone();
            async move {
                let out = client
                    .get_object()
                    .bucket(TEAM_DRIVE)
                    .key("v/a.txt")
                    .set_version_id(id)
                    .send()
                    .await?;
                let body = out.body.collect().await.expect("body").into_bytes();
                Ok::<_, aws_sdk_s3::error::SdkError<_, _>>(body.to_vec())
            }
        };
        assert_eq!(read(None).await.expect("current"), b"two");
        assert_eq!(read(Some(first.clone())).await.expect("older"), b"one");
        // A delete keeps both versions behind a delete marker.
        let deleted = client
            .delete_object()
            .bucket(TEAM_DRIVE)
            .key("v/a.txt")
            .send()
            .await
            .expect("delete");
        assert_eq!(deleted.delete_marker(), Some(true));
        let marker = deleted.version_id().expect("the marker's id").to_string();
        assert!(read(None).await.is_err(), "no current version");
        let listed = client
            .list_object_versions()
            .bucket(TEAM_DRIVE)
            .prefix("v/")
            .send()
            .await
            .expect("versions");
        assert_eq!(listed.versions().len(), 2);
        assert_eq!(listed.delete_markers().len(), 1);
        assert_eq!(listed.delete_markers()[0].is_latest(), Some(true));
        // Removing the marker brings the newest version back.
        client
            .delete_object()
            .bucket(TEAM_DRIVE)
            .key("v/a.txt")
            .version_id(&marker)
            .send()
            .await
            .expect("remove the marker");
        assert_eq!(read(None).await.expect("back"), b"two");
        // Suspended: a write replaces the null version and names no version id.
        client
            .put_bucket_versioning()
            .bucket(TEAM_DRIVE)
            .versioning_configuration(
                aws_sdk_s3::types::VersioningConfiguration::builder()
                    .status(aws_sdk_s3::types::BucketVersioningStatus::Suspended)
                    .build(),
            )
            .send()
            .await
            .expect("suspend");
        assert_eq!(put(b"three").await.expect("put").version_id(), None);
        assert_eq!(put(b"four").await.expect("put").version_id(), None);
        let listed = client
            .list_object_versions()
            .bucket(TEAM_DRIVE)
            .prefix("v/")
            .send()
            .await
            .expect("versions");
        let ids: Vec<&str> = listed
            .versions()
            .iter()
            .filter_map(|v| v.version_id())
            .collect();
        assert_eq!(
            ids,
            ["null", second.as_str(), first.as_str()],
            "one null version, newest first"
        );
        assert_eq!(read(Some("null".into())).await.expect("null"), b"four");
    });
    drop(runtime);
    sandbox.stop();
}

/// S3 as a bucket made today has it: ACLs owner-only (reading them works, setting one
/// that grants anybody else is refused), bucket listings a page at a time, a malformed
/// Content-MD5 told apart from a wrong one, and each listed version with its owner.
#[cfg(unix)]
#[test]
fn acls_bucket_pages_digests_and_version_owners_are_as_in_s3() {
    let sandbox = LocalSandbox::start("team-drive");
    let (runtime, client) = local_client(&sandbox, OWNER);
    runtime.block_on(async {
        client
            .put_object()
            .bucket(TEAM_DRIVE)
            .key("acl/a.txt")
            .body(ByteStream::from_static(b"a"))
            .send()
            .await
            .expect("put");
        let acl = client
            .get_object_acl()
            .bucket(TEAM_DRIVE)
            .key("acl/a.txt")
            .send()
            .await
            .expect("object acl");
        let owner = acl.owner().and_then(|o| o.id()).expect("owner");
        assert_eq!(acl.grants().len(), 1);
        assert_eq!(acl.grants()[0].grantee().and_then(|g| g.id()), Some(owner));
        assert_eq!(
            acl.grants()[0].permission(),
            Some(&aws_sdk_s3::types::Permission::FullControl)
        );
        let bucket_acl = client
            .get_bucket_acl()
            .bucket(TEAM_DRIVE)
            .send()
            .await
            .expect("bucket acl");
        assert_eq!(bucket_acl.owner().and_then(|o| o.id()), Some(owner));
        client
            .put_object_acl()
            .bucket(TEAM_DRIVE)
            .key("acl/a.txt")
            .acl(aws_sdk_s3::types::ObjectCannedAcl::Private)
            .send()
            .await
            .expect("private changes nothing");
        let public = client
            .put_bucket_acl()
            .bucket(TEAM_DRIVE)
            .acl(aws_sdk_s3::types::BucketCannedAcl::PublicReadWrite)
            .send()
            .await
            .expect_err("public is refused");
        assert_eq!(
            code(&public.into_service_error()),
            "AccessControlListNotSupported"
        );

        for name in ["pages-b", "pages-a"] {
            client
                .create_bucket()
                .bucket(name)
                .send()
                .await
                .expect("bucket");
        }
        let first = client
            .list_buckets()
            .prefix("pages-")
            .max_buckets(1)
            .send()
            .await
            .expect("list");
        let names = |out: &aws_sdk_s3::operation::list_buckets::ListBucketsOutput| -> Vec<String> {
            out.buckets()
                .iter()
                .filter_map(|b| b.name().map(str::to_string))
                .collect()
        };
        assert_eq!(names(&first), ["pages-a"]);
        let token = first.continuation_token().expect("more to come");
        let second = client
            .list_buckets()
            .prefix("pages-")
            .max_buckets(1)
            .continuation_token(token)
            .send()
            .await
            .expect("list");
        assert_eq!(names(&second), ["pages-b"]);
        assert_eq!(second.continuation_token(), None);

        for (md5, expected) in [
            ("", "InvalidDigest"),
            ("YWJyYWNhZGFicmE=", "InvalidDigest"),
            ("rL0Y20xC+Fzt72VPzMSk2A==", "BadDigest"),
        ] {
            let refused = client
                .put_object()
                .bucket(TEAM_DRIVE)
                .key("acl/md5.txt")
                .content_md5(md5)
                .body(ByteStream::from_static(b"bar"))
                .send()
                .await
                .expect_err("a bad digest");
            assert_eq!(code(&refused.into_service_error()), expected, "{md5:?}");
        }

        // A full-object CRC32 upload still answers each part's own checksum by number.
        let (id, parts) = upload_parts(
            &client,
            "acl/full.bin",
            aws_sdk_s3::types::ChecksumAlgorithm::Crc32,
            Some(aws_sdk_s3::types::ChecksumType::FullObject),
            &[(1, 5 * 1024 * 1024), (2, 3)],
        )
        .await;
        complete(&client, "acl/full.bin", &id, &parts)
            .await
            .expect("complete");
        let second = client
            .head_object()
            .bucket(TEAM_DRIVE)
            .key("acl/full.bin")
            .part_number(2)
            .checksum_mode(aws_sdk_s3::types::ChecksumMode::Enabled)
            .send()
            .await
            .expect("part 2");
        assert_eq!(second.checksum_crc32(), parts[1].checksum_crc32());

        let versions = client
            .list_object_versions()
            .bucket(TEAM_DRIVE)
            .prefix("acl/")
            .send()
            .await
            .expect("versions");
        assert!(!versions.versions().is_empty());
        for version in versions.versions() {
            assert_eq!(version.owner().and_then(|o| o.id()), Some(owner));
        }
    });
    drop(runtime);
    sandbox.stop();
}
