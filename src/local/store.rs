//! The object store behind the local endpoint. Every object is one file (see
//! `super::objects`) named by the hash of its key, so each key S3 accepts is stored and
//! listed literally, and a write becomes visible in one rename: a GET sees one whole
//! version, two racing PUTs leave one whole object, and a server killed mid-write leaves
//! the previous version. Listings come from an in-memory index of every bucket, built
//! from the files at start-up and updated with each rename, so they never walk the disk.
//!
//! Layout of the data folder: `buckets/<bucket>/objects/<hash…>` (objects),
//! `buckets/<bucket>/uploads/<upload id>/` (multipart uploads in progress: `upload.json`
//! and one file per part, in the object format), `tmp/` (files being written, cleared
//! at start-up), and the record of uploads (`super::uploads`).

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::{Stream, StreamExt as _};
use hyper::body::Bytes;
use md5::{Digest as _, Md5};
use s3s::checksum::ChecksumHasher;
use s3s::dto::*;
use s3s::stream::{ByteStream, RemainingLength};
use s3s::{S3, S3Error, S3ErrorCode, S3Request, S3Response, S3Result, s3_error};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncRead, AsyncSeekExt as _, AsyncWriteExt as _, ReadBuf};

use super::objects::{self, Head, Stored};
use super::uploads::Uploads;

mod acl;
mod checksums;
mod conditions;
mod listing;
mod multipart;
mod tagging;
pub(super) mod versions;

use checksums::{
    asked_for_checksums, checksum_map, checksum_of, checksum_type_of, composite, hasher_for,
    merge_hasher, sent_checksums, verify,
};
use conditions::{ReadConditions, check_read_conditions, check_write_conditions, http_date};
use listing::{
    Page, encoder, given_delimiter, key_of_token, list_page, page_size, token_of, with_owner,
};
use multipart::{
    attribute_parts, check_part_number, multipart_e_tag, parse_copy_range, part_checksum,
    part_range, parts_count, read_parts, unique_id,
};
use versions::{NULL, Versioning, new_version_id};

use crate::buckets::MAX_KEY_BYTES as MAX_KEY;
/// The smallest part S3 accepts in a multipart upload, but for the last.
const MIN_PART: u64 = 5 * 1024 * 1024;
/// Bytes read from an object file per chunk of a response body.
const CHUNK: usize = 256 * 1024;
/// S3's page size for listings.
const MAX_PAGE: usize = 1000;

/// What a listing needs of an object, kept in memory.
#[derive(Debug, Clone)]
struct Entry {
    size: u64,
    e_tag: String,
    last_modified: u64,
}

impl Entry {
    fn of(stored: &Stored) -> Entry {
        Entry {
            size: stored.size,
            e_tag: stored.head.e_tag.clone(),
            last_modified: stored.head.last_modified,
        }
    }
}

/// A multipart upload's settings, given when it was created.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct UploadInfo {
    key: String,
    head: Head,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    checksum_algorithm: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    checksum_type: Option<String>,
    /// Who created it: only they may add parts, complete, abort or list it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
}

pub struct Store {
    root: PathBuf,
    /// Uploads completed since start, by id: a retried CompleteMultipartUpload (every
    /// SDK retries one whose answer was lost) gets S3's 200 with the same ETag, not
    /// NoSuchUpload for an object that exists.
    completed: std::sync::Mutex<HashMap<String, (String, String, Head)>>,
    /// Objects of every bucket, by key. Renames into place and index updates happen
    /// under its write lock, so the index always names the file's current version.
    index: Arc<RwLock<HashMap<String, BTreeMap<String, Entry>>>>,
    uploads: Uploads,
}

fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn timestamp(millis: u64) -> Timestamp {
    Timestamp::from(UNIX_EPOCH + Duration::from_millis(millis))
}

/// A failure of the disk, as S3 would report its own: a 500 that says what failed,
/// and a line in the server's log.
fn disk(context: &str) -> impl FnOnce(io::Error) -> S3Error + '_ {
    move |e| {
        log(context, &e);
        s3_error!(InternalError, "{context}: {e}")
    }
}

/// A line in the server's log (its stderr): a disk failure the developer should see.
#[allow(clippy::print_stderr, reason = "the local server's own log")]
fn log(context: &str, e: &io::Error) {
    eprintln!("local sandbox: {context}: {e}");
}

/// The record of open multipart uploads could not be saved: the request still
/// succeeds (only ListMultipartUploads reads the record), and the log says why.
fn unrecorded(result: io::Result<()>) {
    if let Err(e) = result {
        log("cannot record multipart uploads", &e);
    }
}

fn check_key(key: &str) -> S3Result<()> {
    if key.is_empty() {
        return Err(s3_error!(InvalidArgument, "the key is empty"));
    }
    if key.len() > MAX_KEY {
        return Err(s3_error!(
            KeyTooLongError,
            "Your key is too long (at most {MAX_KEY} bytes)"
        ));
    }
    Ok(())
}

/// The keys of every local bucket, as the server sees them.
#[derive(Clone)]
pub struct Keys(Arc<RwLock<HashMap<String, BTreeMap<String, Entry>>>>);

impl Keys {
    /// How many keys of `bucket` satisfy `matches`, counting up to `limit`.
    pub fn count(&self, bucket: &str, matches: impl Fn(&str) -> bool, limit: usize) -> usize {
        let index = self.0.read().unwrap_or_else(|e| e.into_inner());
        index.get(bucket).map_or(0, |keys| {
            keys.keys().filter(|k| matches(k)).take(limit).count()
        })
    }
}

impl Store {
    pub fn open(data: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(data.join("buckets"))?;
        let tmp = data.join("tmp");
        // Files being written when a server stopped: never renamed, so never objects.
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp)?;
        let mut index = HashMap::new();
        for bucket in std::fs::read_dir(data.join("buckets"))?.flatten() {
            let name = bucket.file_name().to_string_lossy().to_string();
            let objects: BTreeMap<String, Entry> = objects::scan(&bucket.path().join("objects"))
                .into_iter()
                .map(|stored| (stored.head.key.clone(), Entry::of(&stored)))
                .collect();
            index.insert(name, objects);
        }
        Ok(Self {
            uploads: Uploads::open(data),
            completed: Default::default(),
            root: data.to_path_buf(),
            index: Arc::new(RwLock::new(index)),
        })
    }

    /// A handle on the live index of keys, for counts outside the S3 handlers.
    pub fn keys(&self) -> Keys {
        Keys(Arc::clone(&self.index))
    }

    /// The folder of a bucket that exists; `NoSuchBucket` otherwise.
    fn bucket_dir(&self, bucket: &str) -> S3Result<PathBuf> {
        let dir = bucket_path(&self.root, bucket);
        if crate::buckets::is_valid_bucket_name(bucket) && dir.is_dir() {
            Ok(dir)
        } else {
            Err(s3_error!(NoSuchBucket))
        }
    }

    fn object_file(&self, bucket: &str, key: &str) -> S3Result<PathBuf> {
        Ok(objects::file_of(
            &self.bucket_dir(bucket)?.join("objects"),
            key,
        ))
    }

    fn read_index(
        &self,
    ) -> std::sync::RwLockReadGuard<'_, HashMap<String, BTreeMap<String, Entry>>> {
        self.index.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write_index(
        &self,
    ) -> std::sync::RwLockWriteGuard<'_, HashMap<String, BTreeMap<String, Entry>>> {
        self.index.write().unwrap_or_else(|e| e.into_inner())
    }

    /// A new file in `tmp/`, removed unless it is renamed into place.
    fn temporary(&self) -> S3Result<tempfile::NamedTempFile> {
        tempfile::Builder::new()
            .suffix(".part")
            .tempfile_in(self.root.join("tmp"))
            .map_err(disk("cannot create a temporary file"))
    }

    /// Makes a finished file the object of `bucket/key`, in one rename.
    fn commit(&self, bucket: &str, file: tempfile::TempPath, stored: &Stored) -> S3Result<()> {
        self.commit_version(bucket, file, stored, None)
    }

    /// [`Store::commit`] for a new version: in a versioned bucket the current version
    /// is kept among the older ones first (a suspended bucket replaces its null one).
    fn commit_version(
        &self,
        bucket: &str,
        file: tempfile::TempPath,
        stored: &Stored,
        versioning: Option<Versioning>,
    ) -> S3Result<()> {
        let path = self.object_file(bucket, &stored.head.key)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(disk("cannot create a folder"))?;
        }
        let mut index = self.write_index();
        match versioning {
            Some(Versioning::Enabled) => self.archive_current(bucket, &stored.head.key, true)?,
            Some(Versioning::Suspended) => {
                self.archive_current(bucket, &stored.head.key, false)?;
                self.drop_null_versions(bucket, &stored.head.key, true)?;
            }
            None => {}
        }
        file.persist(&path)
            .map_err(|e| disk("cannot store the object")(e.error))?;
        index
            .entry(bucket.to_string())
            .or_default()
            .insert(stored.head.key.clone(), Entry::of(stored));
        Ok(())
    }

    fn remove(&self, bucket: &str, key: &str) -> S3Result<()> {
        let path = self.object_file(bucket, key)?;
        let mut index = self.write_index();
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(disk("cannot delete the object")(e)),
        }
        if let Some(objects) = index.get_mut(bucket) {
            objects.remove(key);
        }
        Ok(())
    }

    /// The object of `bucket/key`, open: its body is that version, whatever is written
    /// after.
    async fn load(&self, bucket: &str, key: &str) -> S3Result<(std::fs::File, Stored)> {
        let path = self.object_file(bucket, key)?;
        let found = tokio::task::spawn_blocking(move || objects::open(&path))
            .await
            .map_err(|e| s3_error!(InternalError, "{e}"))?
            .map_err(disk("cannot read the object"))?;
        match found {
            Some(found) => Ok(found),
            None => Err(self.no_such_key(bucket, key)),
        }
    }

    /// The current version of `key`, or version `id` of it.
    async fn open_source(
        &self,
        bucket: &str,
        key: &str,
        id: Option<&str>,
    ) -> S3Result<(std::fs::File, Stored)> {
        match id {
            Some(id) => self.open_version(bucket, key, id),
            None => self.load(bucket, key).await,
        }
    }

    /// S3's 404 for a key with no current version, saying (`x-amz-delete-marker`)
    /// whether a delete marker is its latest version, and naming the marker.
    fn no_such_key(&self, bucket: &str, key: &str) -> S3Error {
        let mut error = s3_error!(NoSuchKey, "The specified key does not exist.");
        let marker = self
            .noncurrent(bucket, key)
            .ok()
            .and_then(|older| older.into_iter().next())
            .filter(|newest| newest.stored.head.delete_marker);
        let mut headers = hyper::HeaderMap::new();
        let value = if marker.is_some() { "true" } else { "false" };
        headers.insert(
            "x-amz-delete-marker",
            hyper::header::HeaderValue::from_static(value),
        );
        if let Some(id) = marker
            .as_ref()
            .and_then(|m| hyper::header::HeaderValue::from_str(m.version_id()).ok())
        {
            headers.insert("x-amz-version-id", id);
        }
        error.set_headers(headers);
        error
    }

    fn upload_dir(&self, bucket: &str, upload_id: &str) -> S3Result<PathBuf> {
        let valid = !upload_id.is_empty() && upload_id.bytes().all(|b| b.is_ascii_alphanumeric());
        let dir = self.bucket_dir(bucket)?.join("uploads").join(upload_id);
        if valid && dir.is_dir() {
            Ok(dir)
        } else {
            Err(s3_error!(NoSuchUpload))
        }
    }

    /// An upload's settings, for the caller who created it.
    fn upload_info<T>(
        &self,
        req: &S3Request<T>,
        bucket: &str,
        key: &str,
        upload_id: &str,
    ) -> S3Result<(PathBuf, UploadInfo)> {
        let dir = self.upload_dir(bucket, upload_id)?;
        let info: UploadInfo = std::fs::read(dir.join("upload.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or_else(|| s3_error!(NoSuchUpload))?;
        if info.key != key {
            return Err(s3_error!(NoSuchUpload));
        }
        let caller = req.credentials.as_ref().map(|c| c.access_key.clone());
        if info.owner.is_some() && info.owner != caller && !is_owner(caller.as_deref()) {
            return Err(s3_error!(
                AccessDenied,
                "the upload was started by another caller"
            ));
        }
        Ok((dir, info))
    }

    /// One page of a bucket's listing, from the index (see [`list_page`]).
    fn page(
        &self,
        bucket: &str,
        prefix: &str,
        delimiter: Option<&str>,
        after: Option<&str>,
        max: usize,
    ) -> Page {
        let index = self.read_index();
        let empty = BTreeMap::new();
        let objects = index.get(bucket).unwrap_or(&empty);
        list_page(objects, prefix, delimiter, after, max)
    }

    /// One page of a listing request, its bucket checked and `prefix` and `max-keys`
    /// read as S3 reads them; with the prefix and page size the answer echoes.
    fn listing(
        &self,
        bucket: &str,
        prefix: Option<&str>,
        delimiter: Option<&str>,
        after: Option<&str>,
        max_keys: Option<i32>,
    ) -> S3Result<(String, usize, Page)> {
        self.bucket_dir(bucket)?;
        let prefix = prefix.unwrap_or_default().to_string();
        let max = page_size(max_keys);
        let page = self.page(bucket, &prefix, delimiter, after, max);
        Ok((prefix, max, page))
    }

    fn bucket_is_empty(&self, bucket: &str) -> bool {
        self.read_index().get(bucket).is_none_or(BTreeMap::is_empty)
    }
}

/// The folder of a bucket under the data folder (bucket names are valid file names).
pub(super) fn bucket_path(data: &Path, bucket: &str) -> PathBuf {
    data.join("buckets").join(bucket)
}

fn is_owner(access_key: Option<&str>) -> bool {
    access_key == Some(super::credentials::OWNER_ACCESS_KEY)
}

/// A body received into a temporary file, with what was computed over it.
struct Received {
    file: tempfile::NamedTempFile,
    size: u64,
    md5: String,
    checksums: Checksum,
}

impl Store {
    /// Streams `body` into a temporary file, computing its MD5 and `hasher`'s checksums.
    async fn receive(
        &self,
        body: Option<StreamingBlob>,
        mut hasher: ChecksumHasher,
    ) -> S3Result<Received> {
        let mut body = body.ok_or_else(|| s3_error!(IncompleteBody))?;
        let temp = self.temporary()?;
        let mut writer = tokio::io::BufWriter::with_capacity(
            CHUNK,
            tokio::fs::File::from_std(temp.as_file().try_clone().map_err(disk("cannot write"))?),
        );
        let mut md5 = Md5::new();
        let mut size = 0u64;
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|e| s3_error!(IncompleteBody, "the body broke off: {e}"))?;
            md5.update(&chunk);
            hasher.update(&chunk);
            size += chunk.len() as u64;
            writer
                .write_all(&chunk)
                .await
                .map_err(disk("cannot write the body"))?;
        }
        writer
            .flush()
            .await
            .map_err(disk("cannot write the body"))?;
        Ok(Received {
            file: temp,
            size,
            md5: objects::hex(&md5.finalize()),
            checksums: hasher.finalize(),
        })
    }

    /// Copies `range` of an object's body into a temporary file, computing its MD5 and
    /// `hasher`'s checksums.
    async fn copy_range(
        &self,
        mut source: std::fs::File,
        range: std::ops::Range<u64>,
        mut hasher: ChecksumHasher,
    ) -> S3Result<Received> {
        let temp = self.temporary()?;
        let mut target = temp.as_file().try_clone().map_err(disk("cannot write"))?;
        tokio::task::spawn_blocking(move || -> io::Result<Received> {
            use std::io::{Read as _, Seek as _, Write as _};
            source.seek(io::SeekFrom::Start(range.start))?;
            let mut left = range.end - range.start;
            let mut md5 = Md5::new();
            let mut buf = vec![0u8; CHUNK];
            while left > 0 {
                let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
                let n = source.read(&mut buf[..want])?;
                if n == 0 {
                    return Err(io::ErrorKind::UnexpectedEof.into());
                }
                md5.update(&buf[..n]);
                hasher.update(&buf[..n]);
                target.write_all(&buf[..n])?;
                left -= n as u64;
            }
            Ok(Received {
                file: temp,
                size: range.end - range.start,
                md5: objects::hex(&md5.finalize()),
                checksums: hasher.finalize(),
            })
        })
        .await
        .map_err(|e| s3_error!(InternalError, "{e}"))?
        .map_err(disk("cannot copy the object"))
    }

    /// Appends the head to a received body and renames it into place.
    /// In a versioned bucket the new object is a new version (`null` while suspended).
    fn store(&self, bucket: &str, received: Received, mut head: Head) -> S3Result<Stored> {
        let versioning = self.versioning(bucket);
        head.version_id = match versioning {
            Some(Versioning::Enabled) => Some(new_version_id()),
            _ => None,
        };
        let Received { file, size, .. } = received;
        let (mut file, path) = file.into_parts();
        objects::finish(&mut file, &head).map_err(disk("cannot write the object"))?;
        drop(file);
        let stored = Stored { head, size };
        self.commit_version(bucket, path, &stored, versioning)?;
        Ok(stored)
    }

    /// ListObjectVersions of a versioned bucket: every key under the prefix with its
    /// current version, older versions and delete markers; pages end between keys.
    fn list_all_versions(
        &self,
        input: ListObjectVersionsInput,
    ) -> S3Result<ListObjectVersionsOutput> {
        let bucket = input.bucket.clone();
        let prefix = input.prefix.clone().unwrap_or_default();
        let max = page_size(input.max_keys);
        let delimiter = given_delimiter(input.delimiter.as_deref()).map(str::to_string);
        let after = input.key_marker.clone().filter(|m| !m.is_empty());
        let current: BTreeMap<String, Entry> = self
            .read_index()
            .get(&bucket)
            .map(|objects| {
                objects
                    .range(prefix.clone()..)
                    .take_while(|(k, _)| k.starts_with(&prefix))
                    .map(|(k, e)| (k.clone(), e.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let mut keys: std::collections::BTreeSet<String> = current.keys().cloned().collect();
        keys.extend(
            self.keys_with_versions(&bucket)?
                .into_iter()
                .filter(|k| k.starts_with(&prefix)),
        );
        let encode = encoder(input.encoding_type.as_ref());
        let (mut versions, mut markers, mut prefixes) = (Vec::new(), Vec::new(), Vec::new());
        let (mut count, mut truncated, mut last) = (0usize, false, None::<String>);
        for key in keys
            .iter()
            .filter(|k| after.as_ref().is_none_or(|a| *k > a))
        {
            if let Some(d) = &delimiter
                && let Some(at) = key[prefix.len()..].find(d.as_str())
            {
                let common = key[..prefix.len() + at + d.len()].to_string();
                if prefixes.last() != Some(&common) {
                    if count >= max {
                        truncated = true;
                        break;
                    }
                    prefixes.push(common.clone());
                    count += 1;
                    last = Some(common);
                }
                continue;
            }
            if count >= max {
                truncated = true;
                break;
            }
            let current_id = match current.get(key) {
                Some(_) => self.load_head(&bucket, key)?.and_then(|h| h.version_id),
                None => None,
            };
            let older = self.noncurrent(&bucket, key)?;
            let (v, m) = versions::listed(
                key,
                current.get(key),
                current_id.as_deref(),
                &older,
                &encode,
            );
            count += v.len() + m.len();
            versions.extend(v);
            markers.extend(m);
            last = Some(key.clone());
        }
        Ok(ListObjectVersionsOutput {
            name: Some(bucket),
            prefix: Some(encode(&prefix)),
            delimiter: delimiter.as_deref().map(&encode),
            key_marker: Some(after.as_deref().map(&encode).unwrap_or_default()),
            version_id_marker: Some(input.version_id_marker.unwrap_or_default()),
            encoding_type: input.encoding_type,
            max_keys: Some(max as i32),
            is_truncated: Some(truncated),
            next_key_marker: last.as_deref().filter(|_| truncated).map(&encode),
            common_prefixes: Some(
                prefixes
                    .iter()
                    .map(|p| CommonPrefix {
                        prefix: Some(encode(p)),
                    })
                    .collect(),
            ),
            versions: Some(versions),
            delete_markers: Some(markers),
            ..Default::default()
        })
    }

    /// The head of the current version of `key`, if there is one.
    fn load_head(&self, bucket: &str, key: &str) -> S3Result<Option<Head>> {
        let path = self.object_file(bucket, key)?;
        Ok(objects::open(&path)
            .map_err(disk("cannot read the object"))?
            .map(|(_, stored)| stored.head))
    }

    /// Deletes `key` (or one version of it) as S3 does: in a versioned bucket a delete
    /// without a version id keeps the current version and adds a delete marker. Returns
    /// the version id to answer with and whether it is (or was) a delete marker.
    fn delete_one(
        &self,
        bucket: &str,
        key: &str,
        version: Option<&str>,
    ) -> S3Result<(Option<String>, bool)> {
        if let Some(id) = version {
            let marker = self.delete_version(bucket, key, id)?;
            return Ok((Some(id.to_string()), marker));
        }
        let Some(versioning) = self.versioning(bucket) else {
            self.remove(bucket, key)?;
            return Ok((None, false));
        };
        {
            let mut index = self.write_index();
            match versioning {
                Versioning::Enabled => self.archive_current(bucket, key, true)?,
                Versioning::Suspended => self.archive_current(bucket, key, false)?,
            }
            if let Some(objects) = index.get_mut(bucket) {
                objects.remove(key);
            }
        }
        let id = match versioning {
            Versioning::Enabled => Some(new_version_id()),
            Versioning::Suspended => {
                self.drop_null_versions(bucket, key, true)?;
                None
            }
        };
        Ok((Some(self.add_delete_marker(bucket, key, id)?), true))
    }

    /// The version id S3 names in answers: only for a versioned bucket, `null` for a
    /// version written while versioning was off or suspended.
    fn answered_version(&self, bucket: &str, head: &Head) -> Option<String> {
        self.versioning(bucket)
            .map(|_| head.version_id.clone().unwrap_or_else(|| NULL.to_string()))
    }
}

/// An output struct of S3's with the given fields, the five checksum fields (named
/// alike in every output that carries them) from a `Checksum`, and defaults for the rest.
macro_rules! with_checksums {
    ($output:ident { $($field:ident: $value:expr),* $(,)? }, $checksums:expr) => {{
        let checksums: Checksum = $checksums;
        // Some outputs (Part) have no fields beyond these.
        #[allow(clippy::needless_update)]
        let output = $output {
            $($field: $value,)*
            checksum_crc32: checksums.checksum_crc32,
            checksum_crc32c: checksums.checksum_crc32c,
            checksum_sha1: checksums.checksum_sha1,
            checksum_sha256: checksums.checksum_sha256,
            checksum_crc64nvme: checksums.checksum_crc64nvme,
            ..Default::default()
        };
        output
    }};
}

/// What CompleteMultipartUpload answers for the object it made, the first time and on
/// a retry: its ETag, version id (only where versioning is on) and checksums.
fn completed_answer(bucket: String, key: String, head: &Head) -> CompleteMultipartUploadOutput {
    with_checksums!(
        CompleteMultipartUploadOutput {
            bucket: Some(bucket),
            key: Some(key),
            e_tag: Some(ETag::Strong(head.e_tag.clone())),
            version_id: head.version_id.clone(),
            checksum_type: checksum_type_of(head),
        },
        checksum_of(&head.checksums)
    )
}

/// The `x-amz-checksum-*` headers of a PutObject or UploadPart input (named alike).
macro_rules! announced_checksums {
    ($input:expr) => {
        Checksum {
            checksum_crc32: $input.checksum_crc32.clone(),
            checksum_crc32c: $input.checksum_crc32c.clone(),
            checksum_sha1: $input.checksum_sha1.clone(),
            checksum_sha256: $input.checksum_sha256.clone(),
            checksum_crc64nvme: $input.checksum_crc64nvme.clone(),
            ..Default::default()
        }
    };
}

/// GetObject's and HeadObject's answer: the given fields and the object's head as S3
/// returns it (a missing content type is S3's `binary/octet-stream`).
macro_rules! object_answer {
    ($output:ident { $($field:ident: $value:expr),* $(,)? }, $head:expr, $checksums:expr) => {{
        let head: Head = $head;
        with_checksums!($output {
            $($field: $value,)*
            accept_ranges: Some("bytes".into()),
            last_modified: Some(timestamp(head.last_modified)),
            e_tag: Some(ETag::Strong(head.e_tag)),
            content_type: Some(head.content_type.unwrap_or_else(|| "binary/octet-stream".into())),
            content_encoding: head.content_encoding,
            content_disposition: head.content_disposition,
            content_language: head.content_language,
            cache_control: head.cache_control,
            expires: head.expires.as_deref().and_then(|e| Timestamp::parse(TimestampFormat::HttpDate, e).ok()),
            metadata: (!head.metadata.is_empty()).then(|| head.metadata.into_iter().collect()),
        }, $checksums)
    }};
}

/// The head S3 keeps from the headers of a PUT, of a copy that replaces metadata or of
/// an upload's creation (their inputs name these fields alike); the ETag comes later.
macro_rules! head_from {
    ($input:expr) => {
        Head {
            key: $input.key.to_string(),
            e_tag: String::new(),
            last_modified: now_millis(),
            content_type: $input.content_type,
            content_encoding: stored_encoding($input.content_encoding),
            content_disposition: $input.content_disposition,
            content_language: $input.content_language,
            cache_control: $input.cache_control,
            expires: $input.expires.as_ref().and_then(http_date),
            metadata: $input.metadata.unwrap_or_default().into_iter().collect(),
            version_id: None,
            delete_marker: false,
            tags: BTreeMap::new(),
            parts: Vec::new(),
            part_checksums: Vec::new(),
            checksum_type: None,
            checksums: BTreeMap::new(),
        }
    };
}

/// The `Content-Encoding` S3 keeps: `aws-chunked` names how the request's body was
/// framed (SigV4 streaming), not the object, so S3 drops it from the list.
fn stored_encoding(given: Option<String>) -> Option<String> {
    let kept: Vec<&str> = given
        .as_deref()?
        .split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty() && !e.eq_ignore_ascii_case("aws-chunked"))
        .collect();
    (!kept.is_empty()).then(|| kept.join(", "))
}

/// A response body read from an object file: `left` bytes from where it is.
struct FileBody {
    file: tokio::fs::File,
    left: u64,
}

impl Stream for FileBody {
    type Item = Result<Bytes, s3s::StdError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.left == 0 {
            return Poll::Ready(None);
        }
        let want = CHUNK.min(usize::try_from(this.left).unwrap_or(CHUNK));
        let mut buf = vec![0u8; want];
        let mut read = ReadBuf::new(&mut buf);
        match Pin::new(&mut this.file).poll_read(cx, &mut read) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(e)) => {
                this.left = 0;
                Poll::Ready(Some(Err(Box::new(e))))
            }
            Poll::Ready(Ok(())) => {
                let n = read.filled().len();
                if n == 0 {
                    this.left = 0;
                    let eof = io::Error::from(io::ErrorKind::UnexpectedEof);
                    return Poll::Ready(Some(Err(Box::new(eof))));
                }
                this.left -= n as u64;
                buf.truncate(n);
                Poll::Ready(Some(Ok(Bytes::from(buf))))
            }
        }
    }
}

impl ByteStream for FileBody {
    fn remaining_length(&self) -> RemainingLength {
        let left = usize::try_from(self.left).unwrap_or(usize::MAX);
        RemainingLength::new_exact(left)
    }
}

#[allow(
    clippy::too_many_lines,
    reason = "one S3 handler is long (it follows the S3 operation's steps); the handlers are to move into rooms of their own (issue 25)"
)]
#[async_trait::async_trait]
impl S3 for Store {
    async fn create_bucket(
        &self,
        req: S3Request<CreateBucketInput>,
    ) -> S3Result<S3Response<CreateBucketOutput>> {
        let bucket = &req.input.bucket;
        if !crate::buckets::is_valid_bucket_name(bucket) {
            return Err(s3_error!(InvalidBucketName));
        }
        let dir = bucket_path(&self.root, bucket);
        // As S3 answers in us-east-1 (the local sandbox's usual region): creating a
        // bucket you already own succeeds and changes nothing.
        if dir.is_dir() {
            return Ok(S3Response::new(CreateBucketOutput::default()));
        }
        std::fs::create_dir_all(dir.join("objects")).map_err(disk("cannot create the bucket"))?;
        self.write_index().entry(bucket.clone()).or_default();
        Ok(S3Response::new(CreateBucketOutput::default()))
    }

    async fn delete_bucket(
        &self,
        req: S3Request<DeleteBucketInput>,
    ) -> S3Result<S3Response<DeleteBucketOutput>> {
        let dir = self.bucket_dir(&req.input.bucket)?;
        let has_versions = !self.keys_with_versions(&req.input.bucket)?.is_empty();
        if !self.bucket_is_empty(&req.input.bucket) || has_versions {
            return Err(s3_error!(BucketNotEmpty));
        }
        std::fs::remove_dir_all(dir).map_err(disk("cannot delete the bucket"))?;
        self.write_index().remove(&req.input.bucket);
        Ok(S3Response::new(DeleteBucketOutput::default()))
    }

    async fn head_bucket(
        &self,
        req: S3Request<HeadBucketInput>,
    ) -> S3Result<S3Response<HeadBucketOutput>> {
        self.bucket_dir(&req.input.bucket)?;
        Ok(S3Response::new(HeadBucketOutput::default()))
    }

    async fn get_bucket_location(
        &self,
        req: S3Request<GetBucketLocationInput>,
    ) -> S3Result<S3Response<GetBucketLocationOutput>> {
        self.bucket_dir(&req.input.bucket)?;
        Ok(S3Response::new(GetBucketLocationOutput::default()))
    }

    /// The buckets, by name, a page at a time (`MaxBuckets`, `ContinuationToken`,
    /// `Prefix`), with their owner, as S3 lists them.
    async fn list_buckets(
        &self,
        req: S3Request<ListBucketsInput>,
    ) -> S3Result<S3Response<ListBucketsOutput>> {
        let input = req.input;
        let mut buckets = Vec::new();
        let entries =
            std::fs::read_dir(self.root.join("buckets")).map_err(disk("cannot list buckets"))?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if !crate::buckets::is_valid_bucket_name(&name)
                || !name.starts_with(input.prefix.as_deref().unwrap_or(""))
                || input
                    .continuation_token
                    .as_ref()
                    .is_some_and(|after| name <= *after)
            {
                continue;
            }
            let created = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .map(Timestamp::from);
            buckets.push(Bucket {
                name: Some(name),
                creation_date: created,
                ..Default::default()
            });
        }
        buckets.sort_by(|a, b| a.name.cmp(&b.name));
        let max = usize::try_from(input.max_buckets.unwrap_or(10_000)).unwrap_or(0);
        // The token is the last name listed: bucket names need no escaping.
        let continuation_token = match max.checked_sub(1) {
            Some(last) if buckets.len() > max => buckets[last].name.clone(),
            _ => None,
        };
        buckets.truncate(max);
        Ok(S3Response::new(ListBucketsOutput {
            buckets: Some(buckets),
            continuation_token,
            owner: Some(listing::local_owner()),
            prefix: input.prefix,
        }))
    }

    async fn put_object(
        &self,
        req: S3Request<PutObjectInput>,
    ) -> S3Result<S3Response<PutObjectOutput>> {
        check_key(&req.input.key)?;
        let bucket = req.input.bucket.clone();
        self.bucket_dir(&bucket)?;
        let current = self
            .read_index()
            .get(&bucket)
            .and_then(|o| o.get(&req.input.key))
            .cloned();
        check_write_conditions(
            current.as_ref(),
            req.input.if_match.as_ref(),
            req.input.if_none_match.as_ref(),
        )?;
        let tags = tagging::from_optional_header(req.input.tagging.as_deref())?;
        let announced = announced_checksums!(req.input);
        let hasher = hasher_for(
            req.input.checksum_algorithm.as_ref().map(|a| a.as_str()),
            &announced,
        )?;
        let mut req = req;
        let body = req.input.body.take();
        let received = self.receive(body, hasher).await?;
        let sent = sent_checksums(&req, announced)?;
        verify(
            req.input.content_md5.as_deref(),
            &received.md5,
            &sent,
            &received.checksums,
        )?;
        let input = req.input;
        let mut head = head_from!(input);
        head.e_tag = received.md5.clone();
        head.tags = tags;
        head.checksums = checksum_map(&received.checksums);
        let checksums = received.checksums.clone();
        let stored = self.store(&bucket, received, head)?;
        Ok(S3Response::new(with_checksums!(
            PutObjectOutput {
                version_id: stored.head.version_id.clone(),
                e_tag: Some(ETag::Strong(stored.head.e_tag)),
            },
            checksums
        )))
    }

    async fn get_object(
        &self,
        req: S3Request<GetObjectInput>,
    ) -> S3Result<S3Response<GetObjectOutput>> {
        let input = req.input;
        let (file, stored) = self
            .open_source(&input.bucket, &input.key, input.version_id.as_deref())
            .await?;
        let version_id = self.answered_version(&input.bucket, &stored.head);
        let Stored { head, size } = stored;
        check_read_conditions(
            &head,
            &ReadConditions {
                if_match: input.if_match.as_ref(),
                if_none_match: input.if_none_match.as_ref(),
                if_modified_since: input.if_modified_since.as_ref(),
                if_unmodified_since: input.if_unmodified_since.as_ref(),
            },
        )?;
        let parts_count = parts_count(&head);
        let tag_count = i32::try_from(head.tags.len()).ok().filter(|n| *n > 0);
        let range = match (&input.range, input.part_number) {
            (Some(_), Some(_)) => {
                return Err(s3_error!(
                    InvalidRequest,
                    "Cannot specify both Range header and partNumber query parameter"
                ));
            }
            (Some(range), None) => Some(range.check(size).map_err(|_| s3_error!(InvalidRange))?),
            (None, Some(number)) => Some(part_range(&head, size, number)?),
            (None, None) => None,
        };
        let content_range = range
            .as_ref()
            .map(|r| format!("bytes {}-{}/{size}", r.start, r.end.max(r.start + 1) - 1));
        let range = range.unwrap_or(0..size);
        let whole = range.end - range.start == size;
        let mut file = tokio::fs::File::from_std(file);
        file.seek(io::SeekFrom::Start(range.start))
            .await
            .map_err(disk("cannot read the object"))?;
        let body = FileBody {
            file,
            left: range.end - range.start,
        };
        // S3 returns checksums only of the whole object, and only when asked
        // (`x-amz-checksum-mode: ENABLED`, which the SDKs send to validate them).
        // A part read by number answers that part's checksum.
        let asked = asked_for_checksums(input.checksum_mode.as_ref());
        let checksums = match (asked, input.part_number) {
            (true, Some(number)) => part_checksum(&head, number),
            (true, None) if whole => checksum_of(&head.checksums),
            _ => Checksum::default(),
        };
        let checksum_type = checksum_type_of(&head).filter(|_| asked);
        Ok(S3Response::new(object_answer!(
            GetObjectOutput {
                checksum_type: checksum_type,
                body: Some(StreamingBlob::new(body)),
                content_length: Some(i64::try_from(range.end - range.start).unwrap_or(i64::MAX)),
                content_range: content_range,
                parts_count: parts_count.filter(|_| input.part_number.is_some()),
                tag_count: tag_count,
                version_id: version_id,
            },
            head,
            checksums
        )))
    }

    async fn head_object(
        &self,
        req: S3Request<HeadObjectInput>,
    ) -> S3Result<S3Response<HeadObjectOutput>> {
        let input = req.input;
        let (_, Stored { head, size }) = self
            .open_source(&input.bucket, &input.key, input.version_id.as_deref())
            .await?;
        let version_id = self.answered_version(&input.bucket, &head);
        check_read_conditions(
            &head,
            &ReadConditions {
                if_match: input.if_match.as_ref(),
                if_none_match: input.if_none_match.as_ref(),
                if_modified_since: input.if_modified_since.as_ref(),
                if_unmodified_since: input.if_unmodified_since.as_ref(),
            },
        )?;
        let asked = asked_for_checksums(input.checksum_mode.as_ref());
        let checksums = match (asked, input.part_number) {
            (true, Some(number)) => part_checksum(&head, number),
            (true, None) => checksum_of(&head.checksums),
            _ => Checksum::default(),
        };
        let checksum_type = checksum_type_of(&head).filter(|_| asked);
        let parts_count = parts_count(&head).filter(|_| input.part_number.is_some());
        let length = match input.part_number {
            Some(number) => {
                let range = part_range(&head, size, number)?;
                range.end - range.start
            }
            None => size,
        };
        let tags = head.tags.len();
        let mut response = S3Response::new(object_answer!(
            HeadObjectOutput {
                content_length: Some(i64::try_from(length).unwrap_or(i64::MAX)),
                parts_count: parts_count,
                version_id: version_id,
                checksum_type: checksum_type,
            },
            head,
            checksums
        ));
        // S3 names the tag count on HEAD too; the S3 library's output has no field for it.
        if tags > 0 {
            response.headers.insert(
                "x-amz-tagging-count",
                hyper::header::HeaderValue::from(tags),
            );
        }
        Ok(response)
    }

    async fn delete_object(
        &self,
        req: S3Request<DeleteObjectInput>,
    ) -> S3Result<S3Response<DeleteObjectOutput>> {
        let input = req.input;
        check_key(&input.key)?;
        let (version_id, marker) =
            self.delete_one(&input.bucket, &input.key, input.version_id.as_deref())?;
        Ok(S3Response::new(DeleteObjectOutput {
            version_id,
            delete_marker: marker.then_some(true),
            ..Default::default()
        }))
    }

    async fn delete_objects(
        &self,
        req: S3Request<DeleteObjectsInput>,
    ) -> S3Result<S3Response<DeleteObjectsOutput>> {
        let input = req.input;
        self.bucket_dir(&input.bucket)?;
        if input.delete.objects.len() > MAX_PAGE {
            return Err(s3_error!(
                MalformedXML,
                "The XML you provided was not well-formed or did not validate against our published schema (at most 1000 keys per request)"
            ));
        }
        let quiet = input.delete.quiet.unwrap_or(false);
        let mut deleted = Vec::new();
        let mut errors = Vec::new();
        for object in input.delete.objects {
            let done = check_key(&object.key).and_then(|()| {
                self.delete_one(&input.bucket, &object.key, object.version_id.as_deref())
            });
            match done {
                Ok(_) if quiet => {}
                Ok((version_id, marker)) => deleted.push(DeletedObject {
                    key: Some(object.key),
                    version_id: object.version_id.clone().or(version_id.clone()),
                    delete_marker: marker.then_some(true),
                    delete_marker_version_id: version_id
                        .filter(|_| marker && object.version_id.is_none()),
                }),
                Err(e) => errors.push(Error {
                    key: Some(object.key),
                    code: Some(e.code().as_str().to_string()),
                    message: e.message().map(str::to_string),
                    ..Default::default()
                }),
            }
        }
        Ok(S3Response::new(DeleteObjectsOutput {
            deleted: Some(deleted),
            errors: Some(errors),
            ..Default::default()
        }))
    }

    async fn copy_object(
        &self,
        req: S3Request<CopyObjectInput>,
    ) -> S3Result<S3Response<CopyObjectOutput>> {
        let input = req.input;
        check_key(&input.key)?;
        self.bucket_dir(&input.bucket)?;
        let CopySource::Bucket {
            bucket: from_bucket,
            key: from_key,
            version_id: from_version,
        } = &input.copy_source
        else {
            return Err(s3_error!(
                NotImplemented,
                "the local sandbox copies from buckets only"
            ));
        };
        let (file, source) = self
            .open_source(from_bucket, from_key, from_version.as_deref())
            .await?;
        let source_version = self.answered_version(from_bucket, &source.head);
        // The source's conditions: where a read answers 304, a copy fails with 412.
        let conditions = ReadConditions {
            if_match: input.copy_source_if_match.as_ref(),
            if_none_match: input.copy_source_if_none_match.as_ref(),
            if_modified_since: input.copy_source_if_modified_since.as_ref(),
            if_unmodified_since: input.copy_source_if_unmodified_since.as_ref(),
        };
        check_read_conditions(&source.head, &conditions).map_err(|e| match e.code() {
            S3ErrorCode::NotModified => s3_error!(
                PreconditionFailed,
                "At least one of the pre-conditions you specified did not hold"
            ),
            _ => e,
        })?;
        let replace = input
            .metadata_directive
            .as_ref()
            .is_some_and(|d| d.as_str() == MetadataDirective::REPLACE);
        if !replace
            && from_bucket.as_ref() == input.bucket.as_str()
            && from_key.as_ref() == input.key.as_str()
        {
            return Err(s3_error!(
                InvalidRequest,
                "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."
            ));
        }
        let algorithms: Vec<&str> = source.head.checksums.keys().map(String::as_str).collect();
        let mut hasher = hasher_for(
            input.checksum_algorithm.as_ref().map(|a| a.as_str()),
            &Checksum::default(),
        )?;
        for algorithm in algorithms {
            hasher = merge_hasher(hasher, algorithm)?;
        }
        let received = self.copy_range(file, 0..source.size, hasher).await?;
        let mut head = if replace {
            head_from!(input)
        } else {
            Head {
                key: input.key.clone(),
                last_modified: now_millis(),
                ..source.head.clone()
            }
        };
        head.e_tag = received.md5.clone();
        // A copy is one object written whole, whatever parts its source had.
        head.parts.clear();
        // Tags follow the source unless the copy replaces them (`x-amz-tagging-directive`).
        let replace_tags = input
            .tagging_directive
            .as_ref()
            .is_some_and(|d| d.as_str() == TaggingDirective::REPLACE);
        head.tags = match replace_tags {
            true => tagging::from_optional_header(input.tagging.as_deref())?,
            false => source.head.tags.clone(),
        };
        head.checksums = checksum_map(&received.checksums);
        let checksums = received.checksums.clone();
        let stored = self.store(&input.bucket, received, head)?;
        Ok(S3Response::new(CopyObjectOutput {
            version_id: stored.head.version_id.clone(),
            copy_source_version_id: source_version,
            copy_object_result: Some(with_checksums!(
                CopyObjectResult {
                    e_tag: Some(ETag::Strong(stored.head.e_tag)),
                    last_modified: Some(timestamp(stored.head.last_modified)),
                },
                checksums
            )),
            ..Default::default()
        }))
    }

    async fn list_objects_v2(
        &self,
        req: S3Request<ListObjectsV2Input>,
    ) -> S3Result<S3Response<ListObjectsV2Output>> {
        let input = req.input;
        let after = match (&input.continuation_token, &input.start_after) {
            (Some(token), _) => Some(key_of_token(token)?),
            (None, Some(start)) => Some(start.clone()),
            (None, None) => None,
        };
        let (prefix, max, page) = self.listing(
            &input.bucket,
            input.prefix.as_deref(),
            input.delimiter.as_deref(),
            after.as_deref(),
            input.max_keys,
        )?;
        let encode = encoder(input.encoding_type.as_ref());
        let key_count = page.objects.len() + page.prefixes.len();
        Ok(S3Response::new(ListObjectsV2Output {
            name: Some(input.bucket),
            prefix: Some(encode(&prefix)),
            delimiter: given_delimiter(input.delimiter.as_deref()).map(&encode),
            start_after: input.start_after.as_deref().map(&encode),
            encoding_type: input.encoding_type,
            max_keys: Some(max as i32),
            key_count: Some(key_count as i32),
            continuation_token: input.continuation_token,
            is_truncated: Some(page.truncated),
            next_continuation_token: page
                .last
                .as_deref()
                .filter(|_| page.truncated)
                .map(token_of),
            common_prefixes: Some(page.common_prefixes(&encode)),
            contents: Some(with_owner(
                page.contents(&encode),
                input.fetch_owner == Some(true),
            )),
            ..Default::default()
        }))
    }

    async fn list_objects(
        &self,
        req: S3Request<ListObjectsInput>,
    ) -> S3Result<S3Response<ListObjectsOutput>> {
        let input = req.input;
        let (prefix, max, page) = self.listing(
            &input.bucket,
            input.prefix.as_deref(),
            input.delimiter.as_deref(),
            input.marker.as_deref().filter(|m| !m.is_empty()),
            input.max_keys,
        )?;
        let encode = encoder(input.encoding_type.as_ref());
        // In version 1 S3 encodes the marker but not the prefix it echoes, and always
        // names the marker, empty when none was given (clients decode exactly these).
        Ok(S3Response::new(ListObjectsOutput {
            name: Some(input.bucket),
            prefix: Some(prefix.clone()),
            delimiter: given_delimiter(input.delimiter.as_deref()).map(&encode),
            marker: Some(input.marker.as_deref().map(&encode).unwrap_or_default()),
            encoding_type: input.encoding_type,
            max_keys: Some(max as i32),
            is_truncated: Some(page.truncated),
            next_marker: page.last.as_deref().filter(|_| page.truncated).map(&encode),
            common_prefixes: Some(page.common_prefixes(&encode)),
            contents: Some(with_owner(page.contents(&encode), true)),
            ..Default::default()
        }))
    }

    /// The attributes asked for: ETag, checksum (with its type), parts (a page of them,
    /// each with its size and checksum), storage class and size.
    async fn get_object_attributes(
        &self,
        req: S3Request<GetObjectAttributesInput>,
    ) -> S3Result<S3Response<GetObjectAttributesOutput>> {
        let input = req.input;
        let (_, Stored { head, size }) = self
            .open_source(&input.bucket, &input.key, input.version_id.as_deref())
            .await?;
        // One header lists them; a client may or may not put a space after each comma.
        let asked = |name: &str| {
            input
                .object_attributes
                .iter()
                .flat_map(|a| a.as_str().split(','))
                .any(|a| a.trim().eq_ignore_ascii_case(name))
        };
        let version_id = self.answered_version(&input.bucket, &head);
        let checksum =
            (asked(ObjectAttributes::CHECKSUM) && !head.checksums.is_empty()).then(|| {
                let sums = checksum_of(&head.checksums);
                Checksum {
                    checksum_type: checksum_type_of(&head),
                    ..sums
                }
            });
        let object_parts = (asked(ObjectAttributes::OBJECT_PARTS) && !head.parts.is_empty())
            .then(|| attribute_parts(&head, input.part_number_marker, input.max_parts));
        Ok(S3Response::new(GetObjectAttributesOutput {
            e_tag: asked(ObjectAttributes::ETAG).then(|| ETag::Strong(head.e_tag.clone())),
            checksum,
            object_parts,
            storage_class: asked(ObjectAttributes::STORAGE_CLASS)
                .then(|| StorageClass::from_static(StorageClass::STANDARD)),
            object_size: asked(ObjectAttributes::OBJECT_SIZE)
                .then(|| i64::try_from(size).unwrap_or(i64::MAX)),
            last_modified: Some(timestamp(head.last_modified)),
            version_id,
            ..Default::default()
        }))
    }

    async fn put_bucket_versioning(
        &self,
        req: S3Request<PutBucketVersioningInput>,
    ) -> S3Result<S3Response<PutBucketVersioningOutput>> {
        let status = req
            .input
            .versioning_configuration
            .status
            .map(|s| s.as_str().to_string())
            .unwrap_or_default();
        self.set_versioning(&req.input.bucket, &status)?;
        Ok(S3Response::new(PutBucketVersioningOutput::default()))
    }

    async fn get_bucket_versioning(
        &self,
        req: S3Request<GetBucketVersioningInput>,
    ) -> S3Result<S3Response<GetBucketVersioningOutput>> {
        self.bucket_dir(&req.input.bucket)?;
        let status = self.versioning(&req.input.bucket).map(|v| {
            BucketVersioningStatus::from_static(match v {
                Versioning::Enabled => BucketVersioningStatus::ENABLED,
                Versioning::Suspended => BucketVersioningStatus::SUSPENDED,
            })
        });
        Ok(S3Response::new(GetBucketVersioningOutput {
            status,
            ..Default::default()
        }))
    }

    /// An unversioned bucket lists each object as its one version, `null`, the
    /// latest; a versioned one every version and delete marker, newest first per key.
    async fn list_object_versions(
        &self,
        req: S3Request<ListObjectVersionsInput>,
    ) -> S3Result<S3Response<ListObjectVersionsOutput>> {
        let input = req.input;
        if self.versioning(&input.bucket).is_some()
            || !self.keys_with_versions(&input.bucket)?.is_empty()
        {
            return self.list_all_versions(input).map(S3Response::new);
        }
        let (prefix, max, page) = self.listing(
            &input.bucket,
            input.prefix.as_deref(),
            input.delimiter.as_deref(),
            input.key_marker.as_deref().filter(|m| !m.is_empty()),
            input.max_keys,
        )?;
        let encode = encoder(input.encoding_type.as_ref());
        let versions = page
            .objects
            .iter()
            .map(|(key, entry)| versions::object_version(encode(key), entry, NULL, true))
            .collect();
        let next = page.last.as_deref().filter(|_| page.truncated);
        Ok(S3Response::new(ListObjectVersionsOutput {
            name: Some(input.bucket),
            prefix: Some(encode(&prefix)),
            delimiter: input.delimiter.as_deref().map(&encode),
            key_marker: Some(input.key_marker.as_deref().map(&encode).unwrap_or_default()),
            version_id_marker: Some(input.version_id_marker.unwrap_or_default()),
            encoding_type: input.encoding_type,
            max_keys: Some(max as i32),
            is_truncated: Some(page.truncated),
            next_key_marker: next.map(&encode),
            next_version_id_marker: next.map(|_| "null".to_string()),
            common_prefixes: Some(page.common_prefixes(&encode)),
            versions: Some(versions),
            ..Default::default()
        }))
    }

    async fn put_object_tagging(
        &self,
        req: S3Request<PutObjectTaggingInput>,
    ) -> S3Result<S3Response<PutObjectTaggingOutput>> {
        let input = req.input;
        let tags = tagging::from_set(&input.tagging.tag_set, false)?;
        self.retag(&input.bucket, &input.key, tags).await?;
        Ok(S3Response::new(PutObjectTaggingOutput::default()))
    }

    async fn get_object_tagging(
        &self,
        req: S3Request<GetObjectTaggingInput>,
    ) -> S3Result<S3Response<GetObjectTaggingOutput>> {
        let (_, stored) = self.load(&req.input.bucket, &req.input.key).await?;
        Ok(S3Response::new(GetObjectTaggingOutput {
            tag_set: tagging::tag_set(&stored.head.tags),
            ..Default::default()
        }))
    }

    async fn delete_object_tagging(
        &self,
        req: S3Request<DeleteObjectTaggingInput>,
    ) -> S3Result<S3Response<DeleteObjectTaggingOutput>> {
        let input = req.input;
        self.retag(&input.bucket, &input.key, Default::default())
            .await?;
        Ok(S3Response::new(DeleteObjectTaggingOutput::default()))
    }

    async fn put_bucket_tagging(
        &self,
        req: S3Request<PutBucketTaggingInput>,
    ) -> S3Result<S3Response<PutBucketTaggingOutput>> {
        let tags = tagging::from_set(&req.input.tagging.tag_set, true)?;
        self.set_bucket_tags(&req.input.bucket, Some(&tags))?;
        Ok(S3Response::new(PutBucketTaggingOutput::default()))
    }

    async fn get_bucket_tagging(
        &self,
        req: S3Request<GetBucketTaggingInput>,
    ) -> S3Result<S3Response<GetBucketTaggingOutput>> {
        let tags = self.bucket_tags(&req.input.bucket)?;
        Ok(S3Response::new(GetBucketTaggingOutput {
            tag_set: tagging::tag_set(&tags),
        }))
    }

    async fn delete_bucket_tagging(
        &self,
        req: S3Request<DeleteBucketTaggingInput>,
    ) -> S3Result<S3Response<DeleteBucketTaggingOutput>> {
        self.set_bucket_tags(&req.input.bucket, None)?;
        Ok(S3Response::new(DeleteBucketTaggingOutput::default()))
    }

    async fn get_object_acl(
        &self,
        req: S3Request<GetObjectAclInput>,
    ) -> S3Result<S3Response<GetObjectAclOutput>> {
        let input = req.input;
        self.open_source(&input.bucket, &input.key, input.version_id.as_deref())
            .await?;
        let (owner, grants) = acl::owner_only();
        Ok(S3Response::new(GetObjectAclOutput {
            owner,
            grants,
            ..Default::default()
        }))
    }

    async fn put_object_acl(
        &self,
        req: S3Request<PutObjectAclInput>,
    ) -> S3Result<S3Response<PutObjectAclOutput>> {
        let input = req.input;
        self.open_source(&input.bucket, &input.key, input.version_id.as_deref())
            .await?;
        acl::check_put(
            input.acl.as_ref().map(ObjectCannedACL::as_str),
            input.access_control_policy.as_ref(),
        )?;
        Ok(S3Response::new(PutObjectAclOutput::default()))
    }

    async fn get_bucket_acl(
        &self,
        req: S3Request<GetBucketAclInput>,
    ) -> S3Result<S3Response<GetBucketAclOutput>> {
        self.bucket_dir(&req.input.bucket)?;
        let (owner, grants) = acl::owner_only();
        Ok(S3Response::new(GetBucketAclOutput { owner, grants }))
    }

    async fn put_bucket_acl(
        &self,
        req: S3Request<PutBucketAclInput>,
    ) -> S3Result<S3Response<PutBucketAclOutput>> {
        let input = req.input;
        self.bucket_dir(&input.bucket)?;
        acl::check_put(
            input.acl.as_ref().map(BucketCannedACL::as_str),
            input.access_control_policy.as_ref(),
        )?;
        Ok(S3Response::new(PutBucketAclOutput::default()))
    }

    async fn create_multipart_upload(
        &self,
        req: S3Request<CreateMultipartUploadInput>,
    ) -> S3Result<S3Response<CreateMultipartUploadOutput>> {
        check_key(&req.input.key)?;
        let dir = self.bucket_dir(&req.input.bucket)?.join("uploads");
        let owner = req.credentials.as_ref().map(|c| c.access_key.clone());
        let input = req.input;
        let tags = tagging::from_optional_header(input.tagging.as_deref())?;
        let info = UploadInfo {
            key: input.key.clone(),
            head: Head {
                tags,
                ..head_from!(input)
            },
            checksum_algorithm: input
                .checksum_algorithm
                .as_ref()
                .map(|a| a.as_str().to_string()),
            checksum_type: input.checksum_type.as_ref().map(|t| t.as_str().to_string()),
            owner,
        };
        let id = unique_id();
        // Written whole before it is visible: a folder renamed into place.
        let staging = self.root.join("tmp").join(format!("upload-{id}"));
        let json = serde_json::to_vec(&info).map_err(|e| s3_error!(InternalError, "{e}"))?;
        std::fs::create_dir_all(&staging)
            .and_then(|()| std::fs::write(staging.join("upload.json"), json))
            .and_then(|()| std::fs::create_dir_all(&dir))
            .and_then(|()| std::fs::rename(&staging, dir.join(&id)))
            .map_err(disk("cannot start the upload"))?;
        unrecorded(self.uploads.started(&input.bucket, &input.key, &id));
        Ok(S3Response::new(CreateMultipartUploadOutput {
            bucket: Some(input.bucket),
            key: Some(input.key),
            upload_id: Some(id),
            checksum_algorithm: input.checksum_algorithm,
            checksum_type: input.checksum_type,
            ..Default::default()
        }))
    }

    async fn upload_part(
        &self,
        mut req: S3Request<UploadPartInput>,
    ) -> S3Result<S3Response<UploadPartOutput>> {
        let (bucket, key, id, number) = (
            req.input.bucket.clone(),
            req.input.key.clone(),
            req.input.upload_id.clone(),
            req.input.part_number,
        );
        check_part_number(number)?;
        let (dir, _) = self.upload_info(&req, &bucket, &key, &id)?;
        let announced = announced_checksums!(req.input);
        let hasher = hasher_for(
            req.input.checksum_algorithm.as_ref().map(|a| a.as_str()),
            &announced,
        )?;
        let body = req.input.body.take();
        let received = self.receive(body, hasher).await?;
        let sent = sent_checksums(&req, announced)?;
        verify(
            req.input.content_md5.as_deref(),
            &received.md5,
            &sent,
            &received.checksums,
        )?;
        let checksums = received.checksums.clone();
        let e_tag = received.md5.clone();
        self.store_part(&dir, number, received)?;
        Ok(S3Response::new(with_checksums!(
            UploadPartOutput {
                e_tag: Some(ETag::Strong(e_tag)),
            },
            checksums
        )))
    }

    async fn upload_part_copy(
        &self,
        req: S3Request<UploadPartCopyInput>,
    ) -> S3Result<S3Response<UploadPartCopyOutput>> {
        let (bucket, key, id, number) = (
            req.input.bucket.clone(),
            req.input.key.clone(),
            req.input.upload_id.clone(),
            req.input.part_number,
        );
        check_part_number(number)?;
        let (dir, _) = self.upload_info(&req, &bucket, &key, &id)?;
        let CopySource::Bucket {
            bucket: from_bucket,
            key: from_key,
            version_id: from_version,
        } = &req.input.copy_source
        else {
            return Err(s3_error!(
                NotImplemented,
                "the local sandbox copies from buckets only"
            ));
        };
        let (file, source) = self
            .open_source(from_bucket, from_key, from_version.as_deref())
            .await?;
        let range = match &req.input.copy_source_range {
            Some(range) => parse_copy_range(range, source.size)?,
            None => 0..source.size,
        };
        let received = self
            .copy_range(file, range, ChecksumHasher::default())
            .await?;
        let e_tag = received.md5.clone();
        self.store_part(&dir, number, received)?;
        Ok(S3Response::new(UploadPartCopyOutput {
            copy_part_result: Some(CopyPartResult {
                e_tag: Some(ETag::Strong(e_tag)),
                last_modified: Some(timestamp(now_millis())),
                ..Default::default()
            }),
            ..Default::default()
        }))
    }

    async fn list_parts(
        &self,
        req: S3Request<ListPartsInput>,
    ) -> S3Result<S3Response<ListPartsOutput>> {
        let (dir, info) = self.upload_info(
            &req,
            &req.input.bucket,
            &req.input.key,
            &req.input.upload_id,
        )?;
        let after = req.input.part_number_marker.unwrap_or(0);
        let max = usize::try_from(req.input.max_parts.unwrap_or(1000))
            .unwrap_or(0)
            .min(1000);
        let parts = read_parts(&dir).map_err(disk("cannot read the upload"))?;
        let listed: Vec<&(i32, Stored)> = parts.iter().filter(|(n, _)| *n > after).collect();
        let truncated = listed.len() > max;
        let listed: Vec<&(i32, Stored)> = listed.into_iter().take(max).collect();
        let input = req.input;
        Ok(S3Response::new(ListPartsOutput {
            bucket: Some(input.bucket),
            key: Some(input.key),
            upload_id: Some(input.upload_id),
            part_number_marker: input.part_number_marker,
            max_parts: Some(max as i32),
            is_truncated: Some(truncated),
            next_part_number_marker: listed.last().map(|(n, _)| *n).filter(|_| truncated),
            checksum_algorithm: info.checksum_algorithm.map(ChecksumAlgorithm::from),
            storage_class: Some(StorageClass::from_static(StorageClass::STANDARD)),
            parts: Some(
                listed
                    .into_iter()
                    .map(|(n, stored)| {
                        let checksums = checksum_of(&stored.head.checksums);
                        with_checksums!(
                            Part {
                                part_number: Some(*n),
                                e_tag: Some(ETag::Strong(stored.head.e_tag.clone())),
                                size: Some(i64::try_from(stored.size).unwrap_or(i64::MAX)),
                                last_modified: Some(timestamp(stored.head.last_modified)),
                            },
                            checksums
                        )
                    })
                    .collect(),
            ),
            ..Default::default()
        }))
    }

    async fn complete_multipart_upload(
        &self,
        req: S3Request<CompleteMultipartUploadInput>,
    ) -> S3Result<S3Response<CompleteMultipartUploadOutput>> {
        let (bucket, key, id) = (
            req.input.bucket.clone(),
            req.input.key.clone(),
            req.input.upload_id.clone(),
        );
        let (dir, info) = match self.upload_info(&req, &bucket, &key, &id) {
            Ok(found) => found,
            Err(e) if *e.code() == S3ErrorCode::NoSuchUpload => {
                let completed = self.completed.lock().unwrap_or_else(|e| e.into_inner());
                // A retry gets the first answer again, checksums included.
                return match completed.get(&id) {
                    Some((b, k, head)) if *b == bucket && *k == key => {
                        Ok(S3Response::new(completed_answer(bucket, key, head)))
                    }
                    _ => Err(e),
                };
            }
            Err(e) => return Err(e),
        };
        let current = self
            .read_index()
            .get(&bucket)
            .and_then(|o| o.get(&key))
            .cloned();
        check_write_conditions(
            current.as_ref(),
            req.input.if_match.as_ref(),
            req.input.if_none_match.as_ref(),
        )?;
        let asked: Vec<CompletedPart> = req
            .input
            .multipart_upload
            .and_then(|m| m.parts)
            .unwrap_or_default();
        if asked.is_empty() {
            return Err(s3_error!(
                MalformedXML,
                "The XML you provided was not well-formed or did not validate against our published schema"
            ));
        }
        let stored_parts: BTreeMap<i32, Stored> = read_parts(&dir)
            .map_err(disk("cannot read the upload"))?
            .into_iter()
            .collect();
        let mut chosen = Vec::new();
        let mut previous = 0;
        for (i, part) in asked.iter().enumerate() {
            let number = part.part_number.unwrap_or(0);
            if number <= previous {
                return Err(s3_error!(
                    InvalidPartOrder,
                    "The list of parts was not in ascending order. The parts list must be specified in order by part number."
                ));
            }
            previous = number;
            let stored = stored_parts.get(&number).filter(|s| {
                part.e_tag
                    .as_ref()
                    .is_none_or(|e| e.value() == s.head.e_tag)
            });
            let Some(stored) = stored else {
                return Err(s3_error!(
                    InvalidPart,
                    "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."
                ));
            };
            if i + 1 < asked.len() && stored.size < MIN_PART {
                return Err(s3_error!(
                    EntityTooSmall,
                    "Your proposed upload is smaller than the minimum allowed object size."
                ));
            }
            chosen.push((number, stored.clone()));
        }
        // A full-object checksum is computed over the whole body; composite checksums
        // (of part checksums) are not kept, as S3 returns those only on request.
        let full_object = info.checksum_type.as_deref() == Some(ChecksumType::FULL_OBJECT)
            || info.checksum_algorithm.as_deref() == Some("CRC64NVME");
        let hasher = match info.checksum_algorithm.as_deref() {
            Some(algorithm) if full_object => hasher_for(Some(algorithm), &Checksum::default())?,
            _ => ChecksumHasher::default(),
        };
        let received = self.concatenate(&dir, &chosen, hasher).await?;
        let e_tag = multipart_e_tag(
            &chosen
                .iter()
                .map(|(_, s)| s.head.e_tag.clone())
                .collect::<Vec<_>>(),
        );
        let mut head = Head {
            last_modified: now_millis(),
            e_tag: e_tag.clone(),
            parts: chosen.iter().map(|(_, s)| s.size).collect(),
            ..info.head
        };
        head.checksums = checksum_map(&received.checksums);
        // Otherwise S3 keeps a composite checksum: of the parts' checksums.
        if let Some(algorithm) = info.checksum_algorithm.as_deref().filter(|_| !full_object) {
            let sums: Vec<Option<String>> = chosen
                .iter()
                .map(|(_, part)| part.head.checksums.get(algorithm).cloned())
                .collect();
            if let Some(value) = composite(algorithm, &sums)? {
                let sent = checksum_map(&announced_checksums!(req.input));
                if sent.get(algorithm).is_some_and(|given| {
                    *given != value && !value.starts_with(&format!("{given}-"))
                }) {
                    return Err(s3_error!(
                        BadDigest,
                        "The {algorithm} you specified did not match the calculated checksum."
                    ));
                }
                head.checksums.insert(algorithm.to_string(), value);
                head.part_checksums = sums.into_iter().flatten().collect();
                head.checksum_type = Some(ChecksumType::COMPOSITE.to_string());
            }
        } else if let Some(algorithm) = info.checksum_algorithm.as_deref() {
            head.checksum_type = Some(ChecksumType::FULL_OBJECT.to_string());
            // A part read by number still answers that part's own checksum.
            head.part_checksums = chosen
                .iter()
                .map(|(_, part)| part.head.checksums.get(algorithm).cloned())
                .collect::<Option<Vec<_>>>()
                .unwrap_or_default();
        }
        let stored = self.store(&bucket, received, head)?;
        let _ = std::fs::remove_dir_all(&dir);
        unrecorded(self.uploads.ended(&id));
        let mut completed = self.completed.lock().unwrap_or_else(|e| e.into_inner());
        // A retry comes within minutes; a long-running sandbox need not keep them all.
        if completed.len() >= 10_000 {
            completed.clear();
        }
        completed.insert(id, (bucket.clone(), key.clone(), stored.head.clone()));
        drop(completed);
        Ok(S3Response::new(completed_answer(bucket, key, &stored.head)))
    }

    async fn abort_multipart_upload(
        &self,
        req: S3Request<AbortMultipartUploadInput>,
    ) -> S3Result<S3Response<AbortMultipartUploadOutput>> {
        let result = self.upload_info(
            &req,
            &req.input.bucket,
            &req.input.key,
            &req.input.upload_id,
        );
        match result {
            Ok((dir, _)) => {
                std::fs::remove_dir_all(&dir).map_err(disk("cannot abort the upload"))?;
                unrecorded(self.uploads.ended(&req.input.upload_id));
                Ok(S3Response::new(AbortMultipartUploadOutput::default()))
            }
            Err(e) => {
                if *e.code() == S3ErrorCode::NoSuchUpload {
                    unrecorded(self.uploads.ended(&req.input.upload_id));
                }
                Err(e)
            }
        }
    }

    async fn list_multipart_uploads(
        &self,
        req: S3Request<ListMultipartUploadsInput>,
    ) -> S3Result<S3Response<ListMultipartUploadsOutput>> {
        self.bucket_dir(&req.input.bucket)?;
        Ok(S3Response::new(self.uploads.list(&req.input)))
    }
}

impl Store {
    fn store_part(&self, dir: &Path, number: i32, received: Received) -> S3Result<()> {
        let head = Head {
            key: number.to_string(),
            e_tag: received.md5.clone(),
            last_modified: now_millis(),
            checksums: checksum_map(&received.checksums),
            ..Head::default()
        };
        let (mut file, path) = received.file.into_parts();
        objects::finish(&mut file, &head).map_err(disk("cannot write the part"))?;
        drop(file);
        path.persist(dir.join(format!("part-{number:05}")))
            .map_err(|e| disk("cannot store the part")(e.error))?;
        Ok(())
    }

    /// Joins the chosen parts' bodies into one temporary file.
    async fn concatenate(
        &self,
        dir: &Path,
        parts: &[(i32, Stored)],
        mut hasher: ChecksumHasher,
    ) -> S3Result<Received> {
        let temp = self.temporary()?;
        let mut target = temp.as_file().try_clone().map_err(disk("cannot write"))?;
        let files: Vec<(PathBuf, u64)> = parts
            .iter()
            .map(|(n, s)| (dir.join(format!("part-{n:05}")), s.size))
            .collect();
        tokio::task::spawn_blocking(move || -> io::Result<Received> {
            use std::io::{Read as _, Write as _};
            let mut buf = vec![0u8; CHUNK];
            let mut size = 0;
            for (path, length) in files {
                let mut part = std::fs::File::open(path)?.take(length);
                loop {
                    let n = part.read(&mut buf)?;
                    if n == 0 {
                        break;
                    }
                    hasher.update(&buf[..n]);
                    target.write_all(&buf[..n])?;
                    size += n as u64;
                }
            }
            Ok(Received {
                file: temp,
                size,
                md5: String::new(),
                checksums: hasher.finalize(),
            })
        })
        .await
        .map_err(|e| s3_error!(InternalError, "{e}"))?
        .map_err(disk("cannot join the parts"))
    }
}

#[cfg(test)]
mod tests {
    use super::checksums::base64_decode;
    use super::listing::url_encode;
    use super::*;

    fn index(keys: &[&str]) -> BTreeMap<String, Entry> {
        keys.iter()
            .map(|k| {
                (
                    k.to_string(),
                    Entry {
                        size: 1,
                        e_tag: "e".into(),
                        last_modified: 0,
                    },
                )
            })
            .collect()
    }

    fn names(page: &Page) -> (Vec<&str>, Vec<&str>) {
        (
            page.objects.iter().map(|(k, _)| k.as_str()).collect(),
            page.prefixes.iter().map(String::as_str).collect(),
        )
    }

    #[test]
    fn listings_fold_prefixes_and_page_like_s3() {
        let objects = index(&["a/1", "a/2", "a/b/3", "a0", "b", "photos/x", "photos-old/y"]);
        let page = list_page(&objects, "", Some("/"), None, 1000);
        assert_eq!(
            names(&page),
            (vec!["a0", "b"], vec!["a/", "photos-old/", "photos/"])
        );
        let page = list_page(&objects, "a/", Some("/"), None, 1000);
        assert_eq!(names(&page), (vec!["a/1", "a/2"], vec!["a/b/"]));
        let page = list_page(&objects, "photos/", None, None, 1000);
        assert_eq!(names(&page), (vec!["photos/x"], vec![]));
        // Pages of two, resumed after the last entry (a common prefix passes its keys).
        let first = list_page(&objects, "", Some("/"), None, 2);
        assert_eq!(names(&first), (vec!["a0"], vec!["a/"]));
        assert!(first.truncated);
        let second = list_page(&objects, "", Some("/"), first.last.as_deref(), 2);
        assert_eq!(names(&second), (vec!["b"], vec!["photos-old/"]));
        let third = list_page(&objects, "", Some("/"), second.last.as_deref(), 2);
        assert_eq!(names(&third), (vec![], vec!["photos/"]));
        assert!(!third.truncated);
    }

    #[test]
    fn keys_that_look_like_paths_are_listed_literally() {
        let objects = index(&["a//b", "/lead", "a/../x", "a/./y", "ctl\u{1}"]);
        let page = list_page(&objects, "", None, None, 1000);
        assert_eq!(
            names(&page).0,
            vec!["/lead", "a/../x", "a/./y", "a//b", "ctl\u{1}"]
        );
        let page = list_page(&objects, "a/", Some("/"), None, 1000);
        assert_eq!(names(&page), (vec![], vec!["a/../", "a/./", "a//"]));
    }

    #[test]
    fn tokens_and_encodings_round_trip() {
        for key in ["a", "ünï/cödé", "ctl\u{1}\u{7f}", ""] {
            assert_eq!(key_of_token(&token_of(key)).expect("token"), key);
        }
        assert!(key_of_token("zz").is_err());
        assert_eq!(url_encode("a b/ü\u{1}"), "a%20b/%C3%BC%01");
        assert_eq!(base64_decode("aGVsbG8="), Some(b"hello".to_vec()));
        // The MD5 of the part MD5s, and the number of parts.
        let e_tag = multipart_e_tag(&[
            objects::hex(&Md5::digest(b"a")),
            objects::hex(&Md5::digest(b"b")),
        ]);
        assert!(e_tag.ends_with("-2"), "{e_tag}");
    }
}
