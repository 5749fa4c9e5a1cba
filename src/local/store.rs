//! The object store behind the local endpoint: the s3s-fs store (objects are plain
//! files written through a temporary file and a rename), with listings completed the
//! way S3 answers them. s3s-fs leaves the ETag and storage class out of ListObjects,
//! and clients such as the Amplify JS client read the ETag there. Writes go through
//! `super::writes`: one at a time per key, and remembered so that listings seldom need
//! to read metadata back. Multipart uploads in progress are listed from
//! `super::uploads`.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, ready};

use futures::{Stream, StreamExt as _};
use hyper::body::Bytes;
use s3s::StdError;
use s3s::dto::*;
use s3s::stream::{ByteStream, RemainingLength};
use s3s::{S3, S3ErrorCode, S3Request, S3Response, S3Result, s3_error};

use super::previous::{self, Previous};
use super::uploads::Uploads;
use super::writes::{Known, Write, Writes};

/// How many objects of one listing page are looked up at once.
const LOOKUPS_AT_ONCE: usize = 16;

pub struct Store {
    files: s3s_fs::FileSystem,
    data: PathBuf,
    writes: Arc<Writes>,
    uploads: Uploads,
    /// Numbers the files kept aside by PUTs in progress.
    kept: AtomicU64,
}

impl Store {
    pub fn open(data: &Path) -> anyhow::Result<Self> {
        let files = s3s_fs::FileSystem::new(data)
            .map_err(|e| anyhow::anyhow!("cannot use {}: {e:?}", data.display()))?;
        let data = data.canonicalize()?;
        previous::clear_leftovers(&data);
        Ok(Self {
            files,
            uploads: Uploads::open(&data),
            data,
            writes: Arc::default(),
            kept: AtomicU64::new(0),
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

    /// Drops a completed or aborted upload from the record, and one the store no longer
    /// knows (so it is not listed either).
    fn end_upload<T>(&self, upload_id: &str, response: &S3Result<T>) {
        let ended = match response {
            Ok(_) => true,
            Err(error) => *error.code() == S3ErrorCode::NoSuchUpload,
        };
        if ended {
            self.uploads.ended(upload_id);
        }
    }
}

/// What a PUT holds while s3s-fs moves its file into place and records it.
struct Turn {
    write: Write,
    previous: Previous,
}

/// A request body that, once it has all arrived, waits for its key's [`Turn`] and leaves
/// it in the returned slot before it reports its end.
struct TurnAtEnd {
    body: StreamingBlob,
    body_ended: bool,
    take_turn: Option<Pin<Box<dyn Future<Output = Turn> + Send + Sync>>>,
    turn: Arc<Mutex<Option<Turn>>>,
}

impl TurnAtEnd {
    fn new(
        body: StreamingBlob,
        take_turn: impl Future<Output = Turn> + Send + Sync + 'static,
    ) -> (Self, Arc<Mutex<Option<Turn>>>) {
        let turn = Arc::default();
        let body = TurnAtEnd {
            body,
            body_ended: false,
            take_turn: Some(Box::pin(take_turn)),
            turn: Arc::clone(&turn),
        };
        (body, turn)
    }
}

impl Stream for TurnAtEnd {
    type Item = Result<Bytes, StdError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if !this.body_ended {
            match ready!(this.body.poll_next_unpin(cx)) {
                None => this.body_ended = true,
                item => return Poll::Ready(item),
            }
        }
        if let Some(take_turn) = this.take_turn.as_mut() {
            let turn = ready!(take_turn.as_mut().poll(cx));
            this.take_turn = None;
            if let Ok(mut slot) = this.turn.lock() {
                *slot = Some(turn);
            }
        }
        Poll::Ready(None)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.body.size_hint()
    }
}

impl ByteStream for TurnAtEnd {
    fn remaining_length(&self) -> RemainingLength {
        self.body.remaining_length()
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
    create_bucket(CreateBucketInput) -> CreateBucketOutput;
    delete_bucket(DeleteBucketInput) -> DeleteBucketOutput;
    get_bucket_location(GetBucketLocationInput) -> GetBucketLocationOutput;
    head_bucket(HeadBucketInput) -> HeadBucketOutput;
    list_buckets(ListBucketsInput) -> ListBucketsOutput;
    list_parts(ListPartsInput) -> ListPartsOutput;
    upload_part(UploadPartInput) -> UploadPartOutput;
    upload_part_copy(UploadPartCopyInput) -> UploadPartCopyOutput;
    {
        async fn put_object(
            &self,
            mut req: S3Request<PutObjectInput>,
        ) -> S3Result<S3Response<PutObjectOutput>> {
            let (bucket, key) = (req.input.bucket.clone(), req.input.key.clone());
            // The body streams in while other writes of the key go on; the key's turn is
            // taken once it has all arrived, before s3s-fs moves the object into place.
            let (upfront, slot) = match req.input.body.take() {
                Some(body) => {
                    let writes = Arc::clone(&self.writes);
                    let data = self.data.clone();
                    let n = self.kept.fetch_add(1, Ordering::Relaxed);
                    let take_turn = async move {
                        let write = writes.begin(&bucket, &key).await;
                        let previous = Previous::keep(&data, &bucket, &key, n);
                        Turn { write, previous }
                    };
                    let (body, slot) = TurnAtEnd::new(body, take_turn);
                    req.input.body = Some(StreamingBlob::new(body));
                    (None, Some(slot))
                }
                None => {
                    let write = self.writes.begin(&bucket, &key).await;
                    let previous = Previous::Unprotected;
                    (Some(Turn { write, previous }), None)
                }
            };
            let response = self.files.put_object(req).await;
            if let Some(mut turn) = upfront.or_else(|| slot?.lock().ok()?.take()) {
                match &response {
                    Ok(put) => {
                        turn.write.succeeded(put.output.e_tag.clone());
                        turn.previous.discard();
                    }
                    Err(_) => turn.previous.restore(),
                }
            }
            response
        }

        async fn complete_multipart_upload(
            &self,
            req: S3Request<CompleteMultipartUploadInput>,
        ) -> S3Result<S3Response<CompleteMultipartUploadOutput>> {
            let upload_id = req.input.upload_id.clone();
            let mut write = self.writes.begin(&req.input.bucket, &req.input.key).await;
            let response = self.files.complete_multipart_upload(req).await;
            self.end_upload(&upload_id, &response);
            let response = response?;
            write.succeeded(response.output.e_tag.clone());
            Ok(response)
        }

        async fn create_multipart_upload(
            &self,
            req: S3Request<CreateMultipartUploadInput>,
        ) -> S3Result<S3Response<CreateMultipartUploadOutput>> {
            let (bucket, key) = (req.input.bucket.clone(), req.input.key.clone());
            let response = self.files.create_multipart_upload(req).await?;
            if let Some(upload_id) = &response.output.upload_id {
                self.uploads.started(&bucket, &key, upload_id);
            }
            Ok(response)
        }

        async fn abort_multipart_upload(
            &self,
            req: S3Request<AbortMultipartUploadInput>,
        ) -> S3Result<S3Response<AbortMultipartUploadOutput>> {
            let upload_id = req.input.upload_id.clone();
            let response = self.files.abort_multipart_upload(req).await;
            self.end_upload(&upload_id, &response);
            response
        }

        async fn get_object(
            &self,
            req: S3Request<GetObjectInput>,
        ) -> S3Result<S3Response<GetObjectOutput>> {
            // The object's file is open once this returns: its body is that version.
            let _reading = self.writes.read(&req.input.bucket, &req.input.key).await;
            self.files.get_object(req).await
        }

        async fn head_object(
            &self,
            req: S3Request<HeadObjectInput>,
        ) -> S3Result<S3Response<HeadObjectOutput>> {
            let _reading = self.writes.read(&req.input.bucket, &req.input.key).await;
            self.files.head_object(req).await
        }

        async fn list_multipart_uploads(
            &self,
            req: S3Request<ListMultipartUploadsInput>,
        ) -> S3Result<S3Response<ListMultipartUploadsOutput>> {
            if !self.data.join(&req.input.bucket).is_dir() {
                return Err(s3_error!(NoSuchBucket));
            }
            Ok(S3Response::new(self.uploads.list(&req.input)))
        }

        async fn copy_object(
            &self,
            req: S3Request<CopyObjectInput>,
        ) -> S3Result<S3Response<CopyObjectOutput>> {
            let target = (req.input.bucket.clone(), req.input.key.clone());
            let source = match &req.input.copy_source {
                CopySource::Bucket { bucket, key, .. } => (bucket.to_string(), key.to_string()),
                // Access points and outposts are not served here; s3s-fs refuses them.
                _ => target.clone(),
            };
            // Both keys' turns, taken in key order as batch deletes take theirs, so that
            // no two requests can each hold what the other waits for.
            let (_reading, mut write) = if source == target {
                (None, self.writes.begin(&target.0, &target.1).await)
            } else if source < target {
                let reading = self.writes.read(&source.0, &source.1).await;
                (Some(reading), self.writes.begin(&target.0, &target.1).await)
            } else {
                let write = self.writes.begin(&target.0, &target.1).await;
                (Some(self.writes.read(&source.0, &source.1).await), write)
            };
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

#[cfg(test)]
mod tests {
    use futures::FutureExt as _;

    use super::*;

    /// One chunk of body; polling it after its end fails the test.
    struct OneChunk(Option<Bytes>, bool);

    impl Stream for OneChunk {
        type Item = Result<Bytes, StdError>;

        fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Self::Item>> {
            assert!(!self.1, "body polled after its end");
            let chunk = self.0.take();
            self.1 = chunk.is_none();
            Poll::Ready(chunk.map(Ok))
        }
    }

    impl ByteStream for OneChunk {}

    #[test]
    fn an_upload_takes_its_turn_after_its_body_and_only_then() {
        let writes = Arc::new(Writes::default());
        let other = writes.begin("b", "k").now_or_never().expect("free");
        let chunk = OneChunk(Some(Bytes::from_static(b"data")), false);
        let take_turn = {
            let writes = Arc::clone(&writes);
            async move {
                let write = writes.begin("b", "k").await;
                let previous = Previous::Unprotected;
                Turn { write, previous }
            }
        };
        let (mut body, turn) = TurnAtEnd::new(StreamingBlob::new(chunk), take_turn);
        // The body arrives while another write of the key is in progress.
        let first = body.next().now_or_never().expect("ready").expect("a chunk");
        assert_eq!(first.expect("data"), Bytes::from_static(b"data"));
        // Its end waits for the key's turn.
        assert!(body.next().now_or_never().is_none());
        assert!(turn.lock().expect("lock").is_none());
        drop(other);
        assert!(matches!(body.next().now_or_never(), Some(None)));
        assert!(turn.lock().expect("lock").is_some(), "holds the turn");
        assert!(matches!(body.next().now_or_never(), Some(None)));
    }
}
