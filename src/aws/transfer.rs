//! The one transfer engine: uploads, downloads and copies, single-part or multipart,
//! with bounded concurrency and bounded memory.
//!
//! Safety rules: a download is written to a temporary file in the destination folder
//! and renamed only when complete (a device or FIFO is written in place, see
//! `crate::destination`); a multipart upload that fails or is interrupted is
//! aborted, so neither a truncated file nor orphaned parts are left behind.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::types::{CompletedMultipartUpload, CompletedPart};
use aws_smithy_types::byte_stream::Length;
use futures::future::try_join_all;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::Semaphore;

use super::s3::{S3, S3Error};
use crate::destination::{self, Destination};
pub use crate::parts::{MAX_PARTS, MIB, part_ranges, part_size_for};

/// Parts of a streamed upload held in memory at once (streams cannot be re-read, so
/// each part in flight is a buffer): 4 × 8 MiB.
const BUFFERED_PARTS: usize = 4;
/// Parts of one object in flight at once. On the benchmark server 8 moved a 256 MiB
/// file as fast as 64 did, with a third less memory (bench/README.md); the command's
/// `--concurrency` still bounds all requests together.
const PARTS_PER_OBJECT: usize = 8;
/// Objects of this size and above move in parts, as `aws s3` moves them.
const MULTIPART_THRESHOLD: u64 = 8 * MIB;
/// To a server on this machine, files below this size go in one `PutObject`: there is
/// no network latency for parallel parts to hide, and servers that assemble parts
/// (s3s-fs, the local sandbox) write such an object twice. On s3s-fs a 256 MiB file
/// took 0.6-0.8 s this way, as long as curl's single `PUT`, against 1.1-1.5 s in parts
/// (bench/README.md). Above it, parts keep retries and progress in small steps.
const LOOPBACK_SINGLE_PUT: u64 = 1024 * MIB;
/// The largest object one `PutObject` or `CopyObject` may carry.
const MAX_SINGLE_REQUEST: u64 = 5 * 1024 * MIB;

/// Sizes and limits of a transfer.
#[derive(Debug, Clone, Copy)]
pub struct TransferConfig {
    /// Requests in flight at once, across all objects of the command.
    pub concurrency: usize,
    /// Objects at or above this size move in parts (`--multipart-threshold`). `None`:
    /// [`MULTIPART_THRESHOLD`], except uploads to a server on this machine, which go in
    /// one request below [`LOOPBACK_SINGLE_PUT`].
    pub multipart_threshold: Option<u64>,
    /// Preferred part size; grown when an object would need more than 10,000 parts.
    pub part_size: u64,
}

impl Default for TransferConfig {
    fn default() -> Self {
        Self {
            // Chosen from bench/files.sh: small files are bound by request latency.
            concurrency: 64,
            multipart_threshold: None,
            part_size: 8 * MIB,
        }
    }
}

/// Told about bytes as they move; the terminal shows them (or not).
pub trait Progress: Send + Sync {
    fn bytes(&self, n: u64);
}

/// Why an object did not transfer.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error(transparent)]
    S3(#[from] S3Error),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
}

impl TransferError {
    fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> TransferError {
        let context = context.into();
        move |source| TransferError::Io { context, source }
    }
}

/// One object in one bucket, and the client for the bucket's region.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub s3: &'a S3,
    pub bucket: &'a str,
    pub key: &'a str,
}

/// A multipart upload that has started and not yet completed or aborted.
#[derive(Debug, Clone)]
struct PendingUpload {
    s3: S3,
    bucket: String,
    key: String,
    upload_id: String,
}

/// Runs transfers under one request limit and remembers unfinished multipart uploads
/// so an interrupted command can abort them.
#[derive(Debug, Clone)]
pub struct Engine {
    pub config: TransferConfig,
    limiter: Arc<Semaphore>,
    pending: Arc<Mutex<Vec<PendingUpload>>>,
}

impl Engine {
    pub fn new(config: TransferConfig) -> Engine {
        Engine {
            config,
            limiter: Arc::new(Semaphore::new(config.concurrency.max(1))),
            pending: Arc::new(Mutex::new(Vec::new())),
        }
    }

    async fn permit(&self) -> tokio::sync::SemaphorePermit<'_> {
        self.limiter
            .acquire()
            .await
            .expect("the limiter is never closed")
    }

    /// A permit for one part of an object whose parts share `object`
    /// ([`PARTS_PER_OBJECT`] permits), then one of the command's.
    async fn part_permit<'a>(
        &'a self,
        object: &'a Semaphore,
    ) -> (
        tokio::sync::SemaphorePermit<'a>,
        tokio::sync::SemaphorePermit<'a>,
    ) {
        let own = object.acquire().await.expect("never closed");
        (own, self.permit().await)
    }

    /// Files of this size and above are uploaded in parts to `s3`'s endpoint; never
    /// above 5 GiB, which S3 refuses in one request whatever `--multipart-threshold` says.
    fn upload_threshold(&self, s3: &S3) -> u64 {
        let threshold = match self.config.multipart_threshold {
            Some(given) => given,
            None if s3.loopback => LOOPBACK_SINGLE_PUT,
            None => MULTIPART_THRESHOLD,
        };
        threshold.min(MAX_SINGLE_REQUEST)
    }

    /// Aborts every multipart upload still open (after Ctrl-C). Returns how many.
    pub async fn abort_pending(&self) -> usize {
        let pending: Vec<PendingUpload> = std::mem::take(&mut *self.pending.lock().expect("lock"));
        let n = pending.len();
        let aborts = pending.into_iter().map(|p| async move {
            let _ =
                p.s3.client
                    .abort_multipart_upload()
                    .bucket(&p.bucket)
                    .key(&p.key)
                    .upload_id(&p.upload_id)
                    .send()
                    .await;
        });
        futures::future::join_all(aborts).await;
        n
    }

    fn forget(&self, upload_id: &str) {
        self.pending
            .lock()
            .expect("lock")
            .retain(|p| p.upload_id != upload_id);
    }

    /// Uploads a local file.
    pub async fn upload_file(
        &self,
        path: &Path,
        size: u64,
        to: Target<'_>,
        content_type: Option<&str>,
        progress: &dyn Progress,
    ) -> Result<(), TransferError> {
        // A pipe, FIFO or device has no size up front: its bytes are streamed as from `-`.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            let file = tokio::fs::File::open(path)
                .await
                .map_err(TransferError::io(format!("cannot read {}", path.display())))?;
            return self.upload_reader(file, to, content_type, progress).await;
        }
        let Target { s3, bucket, key } = to;
        if size < self.upload_threshold(s3) {
            let _permit = self.permit().await;
            let body = ByteStream::read_from()
                .path(path)
                .build()
                .await
                .map_err(|e| TransferError::Io {
                    context: format!("cannot read {}", path.display()),
                    source: std::io::Error::other(e),
                })?;
            s3.client
                .put_object()
                .bucket(bucket)
                .key(key)
                .content_length(size as i64)
                .set_content_type(content_type.map(str::to_string))
                .body(body)
                .send()
                .await
                .map_err(S3Error::from_sdk)?;
            progress.bytes(size);
            return Ok(());
        }
        let part_size = part_size_for(size, self.config.part_size);
        let upload_id = self.create_multipart(to, content_type).await?;
        let object = Semaphore::new(PARTS_PER_OBJECT);
        let parts =
            part_ranges(size, part_size)
                .into_iter()
                .enumerate()
                .map(|(i, (offset, length))| {
                    let upload_id = upload_id.clone();
                    let object = &object;
                    async move {
                        let _permit = self.part_permit(object).await;
                        // Streamed from the file: memory stays small whatever the part size.
                        let body = ByteStream::read_from()
                            .path(path)
                            .offset(offset)
                            .length(Length::Exact(length))
                            .build()
                            .await
                            .map_err(|e| TransferError::Io {
                                context: format!("cannot read {}", path.display()),
                                source: std::io::Error::other(e),
                            })?;
                        let part = self
                            .upload_part(to, &upload_id, i as i32 + 1, length, body)
                            .await?;
                        progress.bytes(length);
                        Ok::<_, TransferError>(part)
                    }
                });
        let result = try_join_all(parts).await;
        self.finish_multipart(to, &upload_id, result).await
    }

    /// Uploads everything `reader` yields (standard input): one `PutObject` when it
    /// ends within one part, otherwise parts, at most [`BUFFERED_PARTS`] in memory.
    pub async fn upload_reader(
        &self,
        mut reader: impl AsyncRead + Unpin,
        to: Target<'_>,
        content_type: Option<&str>,
        progress: &dyn Progress,
    ) -> Result<(), TransferError> {
        let Target { s3, bucket, key } = to;
        let part_size = self.config.part_size.max(5 * MIB) as usize;
        let first = read_up_to(&mut reader, part_size).await?;
        if first.len() < part_size {
            let _permit = self.permit().await;
            let n = first.len() as u64;
            s3.client
                .put_object()
                .bucket(bucket)
                .key(key)
                .set_content_type(content_type.map(str::to_string))
                .body(ByteStream::from(first))
                .send()
                .await
                .map_err(S3Error::from_sdk)?;
            progress.bytes(n);
            return Ok(());
        }
        let upload_id = self.create_multipart(to, content_type).await?;
        let result = async {
            let mut running = futures::stream::FuturesOrdered::new();
            let mut parts = Vec::new();
            let mut next = Some(first);
            let mut number = 0;
            while let Some(buffer) = next.take() {
                number += 1;
                let n = buffer.len() as u64;
                let permit = self.limiter.clone().acquire_owned().await.expect("open");
                let upload_id = upload_id.clone();
                running.push_back(async move {
                    let part = self
                        .upload_part(to, &upload_id, number, n, ByteStream::from(buffer))
                        .await;
                    drop(permit);
                    progress.bytes(n);
                    part
                });
                // Collect finished parts so buffers are freed as soon as they are sent.
                while running.len() >= BUFFERED_PARTS.min(self.config.concurrency.max(1)) {
                    if let Some(part) = futures::StreamExt::next(&mut running).await {
                        parts.push(part?);
                    }
                }
                let chunk = read_up_to(&mut reader, part_size).await?;
                if !chunk.is_empty() {
                    next = Some(chunk);
                }
            }
            while let Some(part) = futures::StreamExt::next(&mut running).await {
                parts.push(part?);
            }
            Ok(parts)
        }
        .await;
        self.finish_multipart(to, &upload_id, result).await
    }

    async fn create_multipart(
        &self,
        to: Target<'_>,
        content_type: Option<&str>,
    ) -> Result<String, TransferError> {
        let Target { s3, bucket, key } = to;
        let created = {
            let _permit = self.permit().await;
            s3.client
                .create_multipart_upload()
                .bucket(bucket)
                .key(key)
                .set_content_type(content_type.map(str::to_string))
                .send()
                .await
                .map_err(S3Error::from_sdk)?
        };
        let upload_id = created.upload_id().unwrap_or_default().to_string();
        self.pending.lock().expect("lock").push(PendingUpload {
            s3: s3.clone(),
            bucket: bucket.to_string(),
            key: key.to_string(),
            upload_id: upload_id.clone(),
        });
        Ok(upload_id)
    }

    async fn upload_part(
        &self,
        to: Target<'_>,
        upload_id: &str,
        number: i32,
        length: u64,
        body: ByteStream,
    ) -> Result<CompletedPart, TransferError> {
        let Target { s3, bucket, key } = to;
        let out = s3
            .client
            .upload_part()
            .bucket(bucket)
            .key(key)
            .upload_id(upload_id)
            .part_number(number)
            .content_length(length as i64)
            .body(body)
            .send()
            .await
            .map_err(S3Error::from_sdk)?;
        Ok(CompletedPart::builder()
            .part_number(number)
            .set_e_tag(out.e_tag().map(str::to_string))
            .build())
    }

    /// Completes the upload when every part made it, aborts it otherwise.
    async fn finish_multipart(
        &self,
        to: Target<'_>,
        upload_id: &str,
        parts: Result<Vec<CompletedPart>, TransferError>,
    ) -> Result<(), TransferError> {
        let Target { s3, bucket, key } = to;
        let outcome = match parts {
            Ok(parts) => {
                let _permit = self.permit().await;
                s3.client
                    .complete_multipart_upload()
                    .bucket(bucket)
                    .key(key)
                    .upload_id(upload_id)
                    .multipart_upload(
                        CompletedMultipartUpload::builder()
                            .set_parts(Some(parts))
                            .build(),
                    )
                    .send()
                    .await
                    .map(|_| ())
                    .map_err(|e| TransferError::S3(S3Error::from_sdk(e)))
            }
            Err(e) => Err(e),
        };
        if outcome.is_err() {
            let _ = s3
                .client
                .abort_multipart_upload()
                .bucket(bucket)
                .key(key)
                .upload_id(upload_id)
                .send()
                .await;
        }
        self.forget(upload_id);
        outcome
    }

    /// Downloads an object to `dest` through a temporary file in the same folder,
    /// renamed into place only when every byte has arrived.
    pub async fn download_file(
        &self,
        from: Target<'_>,
        size: u64,
        dest: &Path,
        progress: &dyn Progress,
    ) -> Result<(), TransferError> {
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(TransferError::io(format!(
                "cannot create {}",
                dir.display()
            )))?;
        let cannot_write = || format!("cannot write {}", dest.display());
        let dest = match destination::resolve(dest).map_err(TransferError::io(cannot_write()))? {
            // A device, FIFO or terminal takes the bytes in order, where it is.
            Destination::InPlace(target) => {
                let file = tokio::fs::OpenOptions::new()
                    .write(true)
                    .open(&target)
                    .await
                    .map_err(TransferError::io(cannot_write()))?;
                return self
                    .download_to(from, file, &cannot_write(), progress)
                    .await;
            }
            Destination::Replace(target) => target,
        };
        let Target { s3, bucket, key } = from;
        let temp = destination::temporary_beside(&dest).map_err(TransferError::io(format!(
            "cannot write in {}",
            dir.display()
        )))?;
        let file = Arc::new(
            temp.as_file()
                .try_clone()
                .map_err(TransferError::io("cannot open the temporary file"))?,
        );
        // Ranges in parallel cost a loopback server nothing extra, so downloads keep the
        // usual threshold everywhere.
        let threshold = self
            .config
            .multipart_threshold
            .unwrap_or(MULTIPART_THRESHOLD);
        let ranges = if size >= threshold {
            part_ranges(size, part_size_for(size, self.config.part_size))
        } else {
            vec![(0, size)]
        };
        let single = ranges.len() == 1;
        let object = Semaphore::new(PARTS_PER_OBJECT);
        let parts = ranges.into_iter().map(|(offset, length)| {
            let file = Arc::clone(&file);
            let object = &object;
            async move {
                let _permit = self.part_permit(object).await;
                let mut request = s3.client.get_object().bucket(bucket).key(key);
                if !single {
                    request = request.range(format!("bytes={}-{}", offset, offset + length - 1));
                }
                let out = request.send().await.map_err(S3Error::from_sdk)?;
                let mut body = out.body;
                let mut at = offset;
                while let Some(chunk) = body.try_next().await.map_err(|e| TransferError::Io {
                    context: format!("download of {key} broke off"),
                    source: std::io::Error::other(e),
                })? {
                    write_at(&file, &chunk, at)
                        .map_err(TransferError::io("cannot write the temporary file"))?;
                    at += chunk.len() as u64;
                    progress.bytes(chunk.len() as u64);
                }
                Ok::<_, TransferError>(())
            }
        });
        try_join_all(parts).await?;
        // Renamed, not synced: like `aws s3`, durability against power loss is left to
        // the file system (an fsync per file made small downloads 3× slower).
        temp.persist(&dest)
            .map_err(|e| TransferError::io(cannot_write())(e.error))?;
        Ok(())
    }

    /// Streams an object into `writer` (standard output, a device), in order; `failed`
    /// says what a write error means.
    pub async fn download_to(
        &self,
        from: Target<'_>,
        mut writer: impl AsyncWrite + Unpin,
        failed: &str,
        progress: &dyn Progress,
    ) -> Result<(), TransferError> {
        let Target { s3, bucket, key } = from;
        let _permit = self.permit().await;
        let out = s3
            .client
            .get_object()
            .bucket(bucket)
            .key(key)
            .send()
            .await
            .map_err(S3Error::from_sdk)?;
        let mut body = out.body;
        while let Some(chunk) = body.try_next().await.map_err(|e| TransferError::Io {
            context: format!("download of {key} broke off"),
            source: std::io::Error::other(e),
        })? {
            writer
                .write_all(&chunk)
                .await
                .map_err(TransferError::io(failed.to_string()))?;
            progress.bytes(chunk.len() as u64);
        }
        writer
            .flush()
            .await
            .map_err(TransferError::io(failed.to_string()))?;
        Ok(())
    }

    /// Server-side copy: `CopyObject` up to 5 GiB, `UploadPartCopy` above.
    pub async fn copy(
        &self,
        from_bucket: &str,
        from_key: &str,
        size: u64,
        to: Target<'_>,
        progress: &dyn Progress,
    ) -> Result<(), TransferError> {
        let Target { s3, bucket, key } = to;
        let source = format!("{from_bucket}/{}", encode_copy_source_key(from_key));
        if size <= MAX_SINGLE_REQUEST {
            let _permit = self.permit().await;
            s3.client
                .copy_object()
                .copy_source(&source)
                .bucket(bucket)
                .key(key)
                .send()
                .await
                .map_err(S3Error::from_sdk)?;
            progress.bytes(size);
            return Ok(());
        }
        let upload_id = self.create_multipart(to, None).await?;
        let part_size = part_size_for(size, self.config.part_size.max(512 * MIB));
        let object = Semaphore::new(PARTS_PER_OBJECT);
        let parts =
            part_ranges(size, part_size)
                .into_iter()
                .enumerate()
                .map(|(i, (offset, length))| {
                    let source = source.clone();
                    let upload_id = upload_id.clone();
                    let object = &object;
                    async move {
                        let _permit = self.part_permit(object).await;
                        let number = i as i32 + 1;
                        let out = s3
                            .client
                            .upload_part_copy()
                            .bucket(bucket)
                            .key(key)
                            .upload_id(&upload_id)
                            .part_number(number)
                            .copy_source(source)
                            .copy_source_range(format!("bytes={}-{}", offset, offset + length - 1))
                            .send()
                            .await
                            .map_err(S3Error::from_sdk)?;
                        progress.bytes(length);
                        Ok::<_, TransferError>(
                            CompletedPart::builder()
                                .part_number(number)
                                .set_e_tag(
                                    out.copy_part_result()
                                        .and_then(|r| r.e_tag())
                                        .map(str::to_string),
                                )
                                .build(),
                        )
                    }
                });
        let result = try_join_all(parts).await;
        self.finish_multipart(to, &upload_id, result).await
    }
}

/// Reads until `limit` bytes or the end of the input.
async fn read_up_to(
    reader: &mut (impl AsyncRead + Unpin),
    limit: usize,
) -> Result<Vec<u8>, TransferError> {
    let mut buffer = Vec::with_capacity(limit.min(8 * MIB as usize));
    (&mut *reader)
        .take(limit as u64)
        .read_to_end(&mut buffer)
        .await
        .map_err(TransferError::io("cannot read standard input"))?;
    Ok(buffer)
}

#[cfg(unix)]
fn write_at(file: &std::fs::File, data: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, data, offset)
}

/// `x-amz-copy-source` wants the key URL-encoded, with `/` kept.
fn encode_copy_source_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for b in key.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_sizes_stay_under_ten_thousand_parts() {
        assert_eq!(part_size_for(100 * MIB, 8 * MIB), 8 * MIB);
        let huge = 5 * 1024 * 1024 * MIB; // 5 TiB, the largest S3 object
        let size = part_size_for(huge, 8 * MIB);
        assert!(huge.div_ceil(size) <= MAX_PARTS);
        assert_eq!(size % MIB, 0);
        assert_eq!(part_size_for(80_000 * MIB, 8 * MIB), 8 * MIB);
        assert_eq!(part_size_for(80_001 * MIB, 8 * MIB), 9 * MIB);
    }

    #[test]
    fn ranges_cover_the_object_exactly() {
        for (size, part) in [(0, 5), (1, 5), (10, 5), (11, 5), (20 * MIB + 3, 8 * MIB)] {
            let ranges = part_ranges(size, part);
            assert_eq!(ranges.iter().map(|r| r.1).sum::<u64>(), size);
            for w in ranges.windows(2) {
                assert_eq!(w[0].0 + w[0].1, w[1].0);
            }
        }
    }

    #[test]
    fn copy_source_keys_are_encoded() {
        assert_eq!(encode_copy_source_key("a b/ü+.jpg"), "a%20b/%C3%BC%2B.jpg");
    }
}
