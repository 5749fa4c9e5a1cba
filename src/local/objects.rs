//! How the local store keeps an object on disk: one file holding the body, then the
//! object's head (key, ETag, checksums, content type, user metadata) as JSON, then the
//! head's length and a magic number. The file is written under a temporary name and
//! renamed into place, so an object's data and all its metadata become visible in one
//! step, and a server killed at any moment leaves each object as one whole version.
//!
//! Files are named by the SHA-256 of the key, so every key S3 accepts — up to 1024
//! bytes, `.`/`..`/empty segments, control characters — maps to its own file, and no
//! key can name a file outside its bucket's folder.

use std::collections::BTreeMap;
use std::io::{self, Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

/// The last bytes of every object file.
const MAGIC: &[u8; 8] = b"AMPXOBJ1";
/// Head length (u32, little endian) and magic.
const TRAILER: u64 = 4 + MAGIC.len() as u64;

/// Everything S3 keeps about an object besides its body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Head {
    pub key: String,
    /// The ETag without quotes: the body's MD5, or `<md5 of part md5s>-<parts>`.
    pub e_tag: String,
    /// Milliseconds since the Unix epoch.
    pub last_modified: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_encoding: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_disposition: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_control: Option<String>,
    /// The `Expires` header given at upload, as an HTTP date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
    /// The version's id in a versioned bucket; `None` for S3's `null` version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version_id: Option<String>,
    /// A delete marker of a versioned bucket (an empty object standing for a delete).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub delete_marker: bool,
    /// The object's tags (`x-amz-tagging`, PutObjectTagging).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// The sizes of the parts of an object made by a multipart upload, in order
    /// (GetObject and HeadObject with `partNumber` serve one of them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<u64>,
    /// Each part's checksum (with the upload's algorithm), for reads by `partNumber`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub part_checksums: Vec<String>,
    /// `COMPOSITE` for a multipart object's checksum of its parts' checksums; else the
    /// checksums are of the whole body (`FULL_OBJECT`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checksum_type: Option<String>,
    /// `x-amz-checksum-*` values by algorithm name (`crc32`, `sha256`, …), base64.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub checksums: BTreeMap<String, String>,
}

/// An object's head and where its body ends.
#[derive(Debug, Clone)]
pub(super) struct Stored {
    pub head: Head,
    pub size: u64,
}

/// The file of `key` in a bucket's `objects` folder: two levels of the key's SHA-256.
pub(super) fn file_of(objects: &Path, key: &str) -> PathBuf {
    let hash = hex(&Sha256::digest(key.as_bytes()));
    objects.join(&hash[..2]).join(&hash)
}

pub(super) use crate::parts::hex;

/// Appends the head and trailer after a body of `size` bytes already in `file`.
pub(super) fn finish(file: &mut std::fs::File, head: &Head) -> io::Result<()> {
    let json = serde_json::to_vec(head)?;
    let length = u32::try_from(json.len()).map_err(io::Error::other)?;
    file.write_all(&json)?;
    file.write_all(&length.to_le_bytes())?;
    file.write_all(MAGIC)?;
    Ok(())
}

/// Reads the head of an open object file; the body is its first `size` bytes.
pub(super) fn read(file: &mut std::fs::File) -> io::Result<Stored> {
    let total = file.metadata()?.len();
    let invalid = || io::Error::new(io::ErrorKind::InvalidData, "not an object file");
    if total < TRAILER {
        return Err(invalid());
    }
    let mut trailer = [0u8; TRAILER as usize];
    file.seek(SeekFrom::Start(total - TRAILER))?;
    file.read_exact(&mut trailer)?;
    if &trailer[4..] != MAGIC {
        return Err(invalid());
    }
    let length = u64::from(u32::from_le_bytes([
        trailer[0], trailer[1], trailer[2], trailer[3],
    ]));
    let size = total.checked_sub(TRAILER + length).ok_or_else(invalid)?;
    let mut json = vec![0u8; length as usize];
    file.seek(SeekFrom::Start(size))?;
    file.read_exact(&mut json)?;
    let head = serde_json::from_slice(&json).map_err(|_| invalid())?;
    Ok(Stored { head, size })
}

/// Opens and reads the object file at `path`; `None` when there is none.
pub(super) fn open(path: &Path) -> io::Result<Option<(std::fs::File, Stored)>> {
    match std::fs::File::open(path) {
        Ok(mut file) => {
            let stored = read(&mut file)?;
            Ok(Some((file, stored)))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Every object file under `objects`, read back (for the index at start-up). Files
/// that are not whole objects are skipped: none are left by our own writes, which
/// rename only finished files into place.
pub(super) fn scan(objects: &Path) -> Vec<Stored> {
    let mut found = Vec::new();
    let Ok(shards) = std::fs::read_dir(objects) else {
        return found;
    };
    for shard in shards.flatten() {
        let Ok(files) = std::fs::read_dir(shard.path()) else {
            continue;
        };
        for file in files.flatten() {
            if let Ok(Some((_, stored))) = open(&file.path()) {
                found.push(stored);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_written_after_a_body_reads_back() {
        let dir = tempfile::tempdir().expect("dir");
        let path = file_of(dir.path(), "photos/../a\u{1}b");
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        let head = Head {
            key: "photos/../a\u{1}b".into(),
            e_tag: "abc".into(),
            last_modified: 42,
            content_type: Some("image/png".into()),
            checksums: [("crc32".to_string(), "AAAA".to_string())].into(),
            ..Head::default()
        };
        let mut file = std::fs::File::create(&path).expect("create");
        file.write_all(b"body bytes").expect("body");
        finish(&mut file, &head).expect("finish");
        drop(file);
        let (_, stored) = open(&path).expect("read").expect("exists");
        assert_eq!(stored.head, head);
        assert_eq!(stored.size, 10);
        assert_eq!(scan(dir.path()).len(), 1);
        assert!(open(&dir.path().join("none")).expect("read").is_none());
    }

    #[test]
    fn keys_map_to_distinct_files_inside_the_folder() {
        let objects = Path::new("/data/b/objects");
        let keys = [
            "a",
            "a/",
            "/a",
            "a//b",
            "a/b",
            "..",
            "../x",
            &"k".repeat(1024),
        ];
        let files: std::collections::BTreeSet<PathBuf> =
            keys.iter().map(|k| file_of(objects, k)).collect();
        assert_eq!(files.len(), keys.len());
        assert!(files.iter().all(|f| f.starts_with(objects)));
    }

    #[test]
    fn a_truncated_file_is_not_an_object() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("x");
        std::fs::write(&path, b"short").expect("write");
        assert!(open(&path).is_err());
        std::fs::write(&path, b"0123456789abAMPXOBJ1").expect("write");
        assert!(open(&path).is_err());
    }
}
