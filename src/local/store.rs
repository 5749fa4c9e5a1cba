//! The object store behind the local endpoint: the s3s-fs store (objects are plain
//! files written through a temporary file and a rename), with listings completed the
//! way S3 answers them. s3s-fs leaves the ETag and storage class out of ListObjects,
//! and clients such as `aws s3 sync` and the Amplify JS client read the ETag there.

use std::path::Path;

use futures::StreamExt as _;
use s3s::dto::*;
use s3s::{S3, S3Request, S3Response, S3Result};

/// How many objects of one listing page are looked up at once.
const LOOKUPS_AT_ONCE: usize = 16;

pub struct Store {
    files: s3s_fs::FileSystem,
}

impl Store {
    pub fn open(data: &Path) -> anyhow::Result<Self> {
        let files = s3s_fs::FileSystem::new(data)
            .map_err(|e| anyhow::anyhow!("cannot use {}: {e:?}", data.display()))?;
        Ok(Self { files })
    }

    /// Fills in the ETag (as HeadObject reports it: MD5, or `<md5>-<parts>` after a
    /// multipart upload) and the storage class of every listed object.
    async fn complete(&self, bucket: &str, contents: &mut Option<Vec<Object>>) {
        let Some(objects) = contents.as_mut() else {
            return;
        };
        let lookups: Vec<_> = objects
            .iter()
            .map(|object| HeadObjectInput {
                bucket: bucket.to_string(),
                key: object.key.clone().unwrap_or_default(),
                ..Default::default()
            })
            .collect();
        let heads = futures::stream::iter(lookups)
            .map(|input| self.files.head_object(internal_request(input)))
            .buffered(LOOKUPS_AT_ONCE)
            .collect::<Vec<_>>()
            .await;
        for (object, head) in objects.iter_mut().zip(heads) {
            // An object deleted since the listing was read keeps no ETag rather than
            // failing the whole page.
            object.e_tag = head.ok().and_then(|head| head.output.e_tag);
            object.storage_class = Some(ObjectStorageClass::from_static(
                ObjectStorageClass::STANDARD,
            ));
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
    complete_multipart_upload(CompleteMultipartUploadInput) -> CompleteMultipartUploadOutput;
    copy_object(CopyObjectInput) -> CopyObjectOutput;
    create_bucket(CreateBucketInput) -> CreateBucketOutput;
    create_multipart_upload(CreateMultipartUploadInput) -> CreateMultipartUploadOutput;
    delete_bucket(DeleteBucketInput) -> DeleteBucketOutput;
    delete_object(DeleteObjectInput) -> DeleteObjectOutput;
    delete_objects(DeleteObjectsInput) -> DeleteObjectsOutput;
    get_bucket_location(GetBucketLocationInput) -> GetBucketLocationOutput;
    get_object(GetObjectInput) -> GetObjectOutput;
    head_bucket(HeadBucketInput) -> HeadBucketOutput;
    head_object(HeadObjectInput) -> HeadObjectOutput;
    list_buckets(ListBucketsInput) -> ListBucketsOutput;
    list_parts(ListPartsInput) -> ListPartsOutput;
    put_object(PutObjectInput) -> PutObjectOutput;
    upload_part(UploadPartInput) -> UploadPartOutput;
    upload_part_copy(UploadPartCopyInput) -> UploadPartCopyOutput;
    {
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
