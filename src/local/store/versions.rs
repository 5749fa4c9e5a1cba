//! Versioned buckets, as S3 keeps them. A bucket's state (`Enabled`, `Suspended`, or
//! never set) is the file `versioning` in its folder. The current version of a key stays
//! where every object is (`objects/…`, in the index); older versions and delete markers
//! are files in `versions/<hash of the key>/<time>-<version id>`, newest last by name,
//! each a whole object file whose head names its version (a delete marker is an empty
//! object marked as one). A version is archived by a rename, under the index's lock, so a
//! reader sees the old current version or the new one, never neither.

use std::io;
use std::path::PathBuf;

use s3s::dto::*;
use s3s::{S3Result, s3_error};

use super::{Entry, Store, disk, now_millis, objects};

/// Turns versioning on for a bucket the definition declares `versioned: true`, as the
/// deployed bucket's `VersioningConfiguration` does (S3 can only suspend it after).
pub(crate) fn enable(bucket_dir: &std::path::Path) -> io::Result<()> {
    let file = bucket_dir.join("versioning");
    if std::fs::read_to_string(&file).is_ok_and(|s| s.trim() == "Enabled") {
        return Ok(());
    }
    std::fs::write(file, "Enabled")
}

/// What a bucket's versioning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Versioning {
    Enabled,
    Suspended,
}

/// The id S3 gives a version written while versioning is off or suspended.
pub(super) const NULL: &str = "null";

/// One version of a key that is not the current one (or a delete marker).
pub(super) struct Noncurrent {
    pub(super) file: PathBuf,
    pub(super) stored: objects::Stored,
}

impl Noncurrent {
    pub(super) fn version_id(&self) -> &str {
        self.stored.head.version_id.as_deref().unwrap_or(NULL)
    }
}

/// A new version id, unique in the store.
pub(super) fn new_version_id() -> String {
    super::multipart::unique_id()
}

impl Store {
    /// The bucket's versioning; `None` when it was never turned on.
    pub(super) fn versioning(&self, bucket: &str) -> Option<Versioning> {
        let dir = self.bucket_dir(bucket).ok()?;
        match std::fs::read_to_string(dir.join("versioning")).ok()?.trim() {
            "Enabled" => Some(Versioning::Enabled),
            "Suspended" => Some(Versioning::Suspended),
            _ => None,
        }
    }

    pub(super) fn set_versioning(&self, bucket: &str, status: &str) -> S3Result<()> {
        let dir = self.bucket_dir(bucket)?;
        if status != "Enabled" && status != "Suspended" {
            return Err(s3_error!(
                MalformedXML,
                "The versioning status must be Enabled or Suspended"
            ));
        }
        let temp = self.temporary()?;
        std::fs::write(temp.path(), status)
            .map_err(disk("cannot write the bucket's versioning"))?;
        temp.persist(dir.join("versioning"))
            .map_err(|e| disk("cannot write the bucket's versioning")(e.error))?;
        Ok(())
    }

    fn versions_dir(&self, bucket: &str, key: &str) -> S3Result<PathBuf> {
        let file = objects::file_of(&self.bucket_dir(bucket)?.join("versions"), key);
        Ok(file)
    }

    /// The older versions and delete markers of `key`, newest first.
    pub(super) fn noncurrent(&self, bucket: &str, key: &str) -> S3Result<Vec<Noncurrent>> {
        let dir = self.versions_dir(bucket, key)?;
        let mut names: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(disk("cannot list the versions")(e)),
        };
        names.sort();
        names.reverse();
        let mut found = Vec::new();
        for file in names {
            if let Some((_, stored)) =
                objects::open(&file).map_err(disk("cannot read a version"))?
            {
                found.push(Noncurrent { file, stored });
            }
        }
        Ok(found)
    }

    /// Every key of the bucket that has older versions or delete markers.
    pub(super) fn keys_with_versions(&self, bucket: &str) -> S3Result<Vec<String>> {
        let root = self.bucket_dir(bucket)?.join("versions");
        let mut keys = std::collections::BTreeSet::new();
        for entry in walkdir::WalkDir::new(&root).min_depth(3).max_depth(3) {
            let Ok(entry) = entry else { continue };
            if let Ok(Some((_, stored))) = objects::open(entry.path()) {
                keys.insert(stored.head.key);
            }
        }
        Ok(keys.into_iter().collect())
    }

    /// Moves the current version of `key` (if any) among the older ones, keeping its
    /// id; a `null` current version is dropped instead when `keep_null` is false (a
    /// suspended bucket replaces its null version). Call with the index's write lock.
    pub(super) fn archive_current(&self, bucket: &str, key: &str, keep_null: bool) -> S3Result<()> {
        let current = self.object_file(bucket, key)?;
        let Some((_, stored)) = objects::open(&current).map_err(disk("cannot read the object"))?
        else {
            return Ok(());
        };
        let id = stored.head.version_id.clone();
        if id.is_none() && !keep_null {
            return std::fs::remove_file(&current).map_err(disk("cannot replace the object"));
        }
        self.drop_null_versions(bucket, key, id.is_none())?;
        self.put_noncurrent(bucket, key, &current, id.as_deref().unwrap_or(NULL))
    }

    /// Removes the older `null` version of `key`, which a new null version replaces.
    pub(super) fn drop_null_versions(&self, bucket: &str, key: &str, really: bool) -> S3Result<()> {
        if !really {
            return Ok(());
        }
        for old in self.noncurrent(bucket, key)? {
            if old.version_id() == NULL {
                std::fs::remove_file(&old.file).map_err(disk("cannot replace a version"))?;
            }
        }
        Ok(())
    }

    /// Renames `file` among the older versions of `key` under id `id`.
    fn put_noncurrent(
        &self,
        bucket: &str,
        key: &str,
        file: &std::path::Path,
        id: &str,
    ) -> S3Result<()> {
        let dir = self.versions_dir(bucket, key)?;
        std::fs::create_dir_all(&dir).map_err(disk("cannot create a folder"))?;
        let target = dir.join(format!("{:016}-{id}", now_millis_unique()));
        std::fs::rename(file, target).map_err(disk("cannot keep the older version"))
    }

    /// Adds a delete marker as the newest version of `key`; returns its id.
    pub(super) fn add_delete_marker(
        &self,
        bucket: &str,
        key: &str,
        id: Option<String>,
    ) -> S3Result<String> {
        let mut temp = self.temporary()?;
        let head = objects::Head {
            key: key.to_string(),
            last_modified: now_millis(),
            version_id: id.clone(),
            delete_marker: true,
            ..Default::default()
        };
        objects::finish(temp.as_file_mut(), &head).map_err(disk("cannot write a delete marker"))?;
        let (_, path) = temp.into_parts();
        let shown = id.unwrap_or_else(|| NULL.to_string());
        self.put_noncurrent(bucket, key, &path, &shown)?;
        Ok(shown)
    }

    /// Removes version `id` of `key`: the current one (and the newest older version that
    /// is an object becomes current, as in S3) or an older one or a delete marker.
    /// Returns whether it was a delete marker (false for a version that is not there).
    pub(super) fn delete_version(&self, bucket: &str, key: &str, id: &str) -> S3Result<bool> {
        let current = self.object_file(bucket, key)?;
        let mut index = self.write_index();
        let was_marker = match objects::open(&current).map_err(disk("cannot read the object"))? {
            Some((_, stored)) if stored.head.version_id.as_deref().unwrap_or(NULL) == id => {
                std::fs::remove_file(&current).map_err(disk("cannot delete the version"))?;
                if let Some(objects) = index.get_mut(bucket) {
                    objects.remove(key);
                }
                false
            }
            _ => {
                // Deleting a version that is not there succeeds, as in S3 (a retry, or
                // two clients deleting the same version, both see success).
                let Some(old) = self
                    .noncurrent(bucket, key)?
                    .into_iter()
                    .find(|v| v.version_id() == id)
                else {
                    return Ok(false);
                };
                match std::fs::remove_file(&old.file) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => {
                        return Err(disk("cannot delete the version")(e));
                    }
                    _ => old.stored.head.delete_marker,
                }
            }
        };
        // With no current version left, the newest older one is current again, unless
        // it is a delete marker (then the key reads as deleted, as in S3).
        if !current.exists()
            && let Some(newest) = self.noncurrent(bucket, key)?.into_iter().next()
            && !newest.stored.head.delete_marker
        {
            if let Some(parent) = current.parent() {
                std::fs::create_dir_all(parent).map_err(disk("cannot create a folder"))?;
            }
            std::fs::rename(&newest.file, &current).map_err(disk("cannot restore a version"))?;
            index
                .entry(bucket.to_string())
                .or_default()
                .insert(key.to_string(), Entry::of(&newest.stored));
        }
        Ok(was_marker)
    }

    /// Version `id` of `key`, open; `NoSuchVersion` when there is none, S3's 405 for a
    /// delete marker.
    pub(super) fn open_version(
        &self,
        bucket: &str,
        key: &str,
        id: &str,
    ) -> S3Result<(std::fs::File, objects::Stored)> {
        let current = self.object_file(bucket, key)?;
        if let Some((file, stored)) =
            objects::open(&current).map_err(disk("cannot read the object"))?
            && stored.head.version_id.as_deref().unwrap_or(NULL) == id
        {
            return Ok((file, stored));
        }
        let Some(old) = self
            .noncurrent(bucket, key)?
            .into_iter()
            .find(|v| v.version_id() == id)
        else {
            return Err(s3_error!(
                NoSuchVersion,
                "The specified version does not exist."
            ));
        };
        if old.stored.head.delete_marker {
            return Err(s3_error!(
                MethodNotAllowed,
                "The specified method is not allowed against this resource."
            ));
        }
        let (file, stored) = objects::open(&old.file)
            .map_err(disk("cannot read the version"))?
            .ok_or_else(|| s3_error!(NoSuchVersion))?;
        Ok((file, stored))
    }
}

/// Milliseconds now, strictly increasing within this process, so version files sort
/// in the order they were made.
fn now_millis_unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static LAST: AtomicU64 = AtomicU64::new(0);
    let now = now_millis();
    let mut last = LAST.load(Ordering::Relaxed);
    loop {
        let next = now.max(last + 1);
        match LAST.compare_exchange(last, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return next,
            Err(seen) => last = seen,
        }
    }
}

/// The entries of a versions listing for one key, newest first: the current version
/// (latest) then the older ones, delete markers apart.
pub(super) fn listed(
    key: &str,
    current: Option<&Entry>,
    current_id: Option<&str>,
    older: &[Noncurrent],
    encode: &impl Fn(&str) -> String,
) -> (Vec<ObjectVersion>, Vec<DeleteMarkerEntry>) {
    let mut versions = Vec::new();
    let mut markers = Vec::new();
    let mut latest = true;
    if let Some(entry) = current {
        let id = current_id.unwrap_or(NULL);
        versions.push(object_version(encode(key), entry, id, true));
        latest = false;
    }
    for old in older {
        let head = &old.stored.head;
        if head.delete_marker {
            markers.push(DeleteMarkerEntry {
                is_latest: Some(latest),
                key: Some(encode(key)),
                last_modified: Some(super::timestamp(head.last_modified)),
                version_id: Some(old.version_id().to_string()),
                owner: Some(super::listing::local_owner()),
            });
        } else {
            let entry = Entry::of(&old.stored);
            versions.push(object_version(
                encode(key),
                &entry,
                old.version_id(),
                latest,
            ));
        }
        latest = false;
    }
    (versions, markers)
}

/// One version as ListObjectVersions lists it.
pub(super) fn object_version(key: String, entry: &Entry, id: &str, latest: bool) -> ObjectVersion {
    ObjectVersion {
        e_tag: Some(ETag::Strong(entry.e_tag.clone())),
        is_latest: Some(latest),
        key: Some(key),
        last_modified: Some(super::timestamp(entry.last_modified)),
        size: Some(i64::try_from(entry.size).unwrap_or(i64::MAX)),
        storage_class: Some(ObjectVersionStorageClass::from_static(
            ObjectVersionStorageClass::STANDARD,
        )),
        version_id: Some(id.to_string()),
        // S3 lists each version's owner, whether or not it was asked.
        owner: Some(super::listing::local_owner()),
        ..Default::default()
    }
}
