//! The object store behind the local endpoint: the s3s-fs store (objects are plain
//! files written through a temporary file and a rename), with listings completed the
//! way S3 answers them. s3s-fs leaves the ETag and storage class out of ListObjects,
//! and clients such as the Amplify JS client read the ETag there. Writes go through
//! `super::writes`: one at a time per key, and remembered so that listings seldom need
//! to read metadata back.

use std::path::Path;

use futures::StreamExt as _;
use s3s::dto::*;
use s3s::{S3, S3Request, S3Response, S3Result};

use super::writes::{Known, Writes};

/// How many objects of one listing page are looked up at once.
const LOOKUPS_AT_ONCE: usize = 16;

pub struct Store {
    files: s3s_fs::FileSystem,
    writes: Writes,
}

impl Store {
    pub fn open(data: &Path) -> anyhow::Result<Self> {
        let files = s3s_fs::FileSystem::new(data)
            .map_err(|e| anyhow::anyhow!("cannot use {}: {e:?}", data.display()))?;
        Ok(Self {
            files,
            writes: Writes::default(),
        })
    }

    /// Fills in the ETag (as HeadObject reports it: MD5, or `<md5>-<parts>` after a
    /// multipart upload) and the storage class of every listed object.
    async fn complete(&self, bucket: &str, contents: &mut Option<Vec<Object>>) {
        let Some(objects) = contents.as_mut() else {
            return;
        };
        let mut lookups = Vec::new();
        for (index, object) in objects.iter_mut().enumerate() {
            object.storage_class = Some(ObjectStorageClass::from_static(
                ObjectStorageClass::STANDARD,
            ));
            let key = object.key.clone().unwrap_or_default();
            match self.writes.known(bucket, &key) {
                Known::ETag(e_tag) => object.e_tag = Some(e_tag),
                Known::Unknown(since) => lookups.push((index, key, since)),
            }
        }
        let heads = futures::stream::iter(lookups)
            .map(|(index, key, since)| async move {
                let input = HeadObjectInput {
                    bucket: bucket.to_string(),
                    key,
                    ..Default::default()
                };
                let key = input.key.clone();
                let head = self.files.head_object(internal_request(input)).await;
                (index, key, since, head)
            })
            .buffered(LOOKUPS_AT_ONCE)
            .collect::<Vec<_>>()
            .await;
        for (index, key, since, head) in heads {
            // An object deleted since the listing was read keeps no ETag rather than
            // failing the whole page.
            if let Some(e_tag) = head.ok().and_then(|head| head.output.e_tag) {
                self.writes.learn(bucket, &key, since, e_tag.clone());
                objects[index].e_tag = Some(e_tag);
            }
        }
    }
}

/// A request the store makes of itself, already authorized by the listing it serves.
fn internal_request<T>(input: T) -> S3Request<T> {
    S3Request {
        input,
        method: hyper::Method::HEAD,
        uri: hyper::Uri::from_static("/"),
        headers: Default::default(),
        extensions: Default::default(),
        credentials: None,
        region: None,
        service: None,
        trailing_headers: None,
    }
}

/// Implements `S3` for `Store`: the listed operations go to the s3s-fs store unchanged,
/// the items after them are ours.
macro_rules! store_operations {
    ($($operation:ident($input:ident) -> $output:ident;)* { $($ours:tt)* }) => {
        #[async_trait::async_trait]
        impl S3 for Store {
            $(
                async fn $operation(
                    &self,
                    req: S3Request<$input>,
                ) -> S3Result<S3Response<$output>> {
                    self.files.$operation(req).await
                }
            )*
            $($ours)*
        }
    };
}

store_operations! {
    abort_multipart_upload(AbortMultipartUploadInput) -> AbortMultipartUploadOutput;
    create_bucket(CreateBucketInput) -> CreateBucketOutput;
    create_multipart_upload(CreateMultipartUploadInput) -> CreateMultipartUploadOutput;
    delete_bucket(DeleteBucketInput) -> DeleteBucketOutput;
    get_bucket_location(GetBucketLocationInput) -> GetBucketLocationOutput;
    get_object(GetObjectInput) -> GetObjectOutput;
    head_bucket(HeadBucketInput) -> HeadBucketOutput;
    head_object(HeadObjectInput) -> HeadObjectOutput;
    list_buckets(ListBucketsInput) -> ListBucketsOutput;
    list_parts(ListPartsInput) -> ListPartsOutput;
    upload_part(UploadPartInput) -> UploadPartOutput;
    upload_part_copy(UploadPartCopyInput) -> UploadPartCopyOutput;
    {
        async fn put_object(
            &self,
            req: S3Request<PutObjectInput>,
        ) -> S3Result<S3Response<PutObjectOutput>> {
            let mut write = self.writes.begin(&req.input.bucket, &req.input.key).await;
            let response = self.files.put_object(req).await?;
            write.succeeded(response.output.e_tag.clone());
            Ok(response)
        }

        async fn complete_multipart_upload(
            &self,
            req: S3Request<CompleteMultipartUploadInput>,
        ) -> S3Result<S3Response<CompleteMultipartUploadOutput>> {
            let mut write = self.writes.begin(&req.input.bucket, &req.input.key).await;
            let response = self.files.complete_multipart_upload(req).await?;
            write.succeeded(response.output.e_tag.clone());
            Ok(response)
        }

        async fn copy_object(
            &self,
            req: S3Request<CopyObjectInput>,
        ) -> S3Result<S3Response<CopyObjectOutput>> {
            let mut write = self.writes.begin(&req.input.bucket, &req.input.key).await;
            let response = self.files.copy_object(req).await?;
            let result = response.output.copy_object_result.as_ref();
            write.succeeded(result.and_then(|r| r.e_tag.clone()));
            Ok(response)
        }

        async fn delete_object(
            &self,
            req: S3Request<DeleteObjectInput>,
        ) -> S3Result<S3Response<DeleteObjectOutput>> {
            let _write = self.writes.begin(&req.input.bucket, &req.input.key).await;
            self.files.delete_object(req).await
        }

        async fn delete_objects(
            &self,
            req: S3Request<DeleteObjectsInput>,
        ) -> S3Result<S3Response<DeleteObjectsOutput>> {
            let keys = req.input.delete.objects.iter().map(|o| o.key.as_str());
            let _writes = self.writes.begin_all(&req.input.bucket, keys).await;
            self.files.delete_objects(req).await
        }

        async fn list_objects_v2(
            &self,
            req: S3Request<ListObjectsV2Input>,
        ) -> S3Result<S3Response<ListObjectsV2Output>> {
            let bucket = req.input.bucket.clone();
            let mut response = self.files.list_objects_v2(req).await?;
            self.complete(&bucket, &mut response.output.contents).await;
            Ok(response)
        }

        async fn list_objects(
            &self,
            req: S3Request<ListObjectsInput>,
        ) -> S3Result<S3Response<ListObjectsOutput>> {
            let bucket = req.input.bucket.clone();
            let mut response = self.files.list_objects(req).await?;
            self.complete(&bucket, &mut response.output.contents).await;
            Ok(response)
        }
    }
}
