//! Object and bucket tags, checked as S3 checks them (at most 10 per object and 50 per
//! bucket, keys up to 128 characters, values up to 256, each key once). An object's
//! tags live in its head: a change writes the object file anew and renames it into
//! place, so the object stays one whole version. A bucket's tags are `tags.json` in
//! its folder.

use std::collections::BTreeMap;
use std::io;

use s3s::dto::{Tag, TagSet};
use s3s::{S3Result, s3_error};

use super::{Store, disk, objects};

/// S3's limits on tags.
const MAX_OBJECT_TAGS: usize = 10;
const MAX_BUCKET_TAGS: usize = 50;
const MAX_KEY_CHARS: usize = 128;
const MAX_VALUE_CHARS: usize = 256;

pub(super) type Tags = BTreeMap<String, String>;

/// The tags of an `x-amz-tagging` header (`k1=v1&k2=v2`, URL-encoded).
fn from_header(header: &str) -> S3Result<Tags> {
    let pairs = header
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let decode = |text: &str| {
                percent_encoding::percent_decode_str(&text.replace('+', " "))
                    .decode_utf8()
                    .map(|s| s.into_owned())
                    .map_err(|_| s3_error!(InvalidArgument, "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates."))
            };
            Ok((decode(key)?, decode(value)?))
        })
        .collect::<S3Result<Vec<_>>>()?;
    checked(pairs, MAX_OBJECT_TAGS)
}

/// The tags of an `x-amz-tagging` header that may be absent (none then).
pub(super) fn from_optional_header(header: Option<&str>) -> S3Result<Tags> {
    header
        .map(from_header)
        .transpose()
        .map(Option::unwrap_or_default)
}

/// The tags of a `Tagging` body, for an object (`bucket`: false) or a bucket.
pub(super) fn from_set(set: &[Tag], bucket: bool) -> S3Result<Tags> {
    let pairs = set
        .iter()
        .map(|t| {
            (
                t.key.clone().unwrap_or_default(),
                t.value.clone().unwrap_or_default(),
            )
        })
        .collect();
    checked(
        pairs,
        if bucket {
            MAX_BUCKET_TAGS
        } else {
            MAX_OBJECT_TAGS
        },
    )
}

fn checked(pairs: Vec<(String, String)>, most: usize) -> S3Result<Tags> {
    if pairs.len() > most {
        return Err(s3_error!(
            InvalidTag,
            "Object tags cannot be greater than {most}"
        ));
    }
    let mut tags = Tags::new();
    for (key, value) in pairs {
        if key.is_empty() || key.chars().count() > MAX_KEY_CHARS {
            return Err(s3_error!(
                InvalidTag,
                "The TagKey you have provided is invalid"
            ));
        }
        if value.chars().count() > MAX_VALUE_CHARS {
            return Err(s3_error!(
                InvalidTag,
                "The TagValue you have provided is invalid"
            ));
        }
        if tags.insert(key, value).is_some() {
            return Err(s3_error!(
                InvalidTag,
                "Cannot provide multiple Tags with the same key"
            ));
        }
    }
    Ok(tags)
}

/// Tags as S3 lists them.
pub(super) fn tag_set(tags: &Tags) -> TagSet {
    tags.iter()
        .map(|(k, v)| Tag {
            key: Some(k.clone()),
            value: Some(v.clone()),
        })
        .collect()
}

impl Store {
    /// Gives `bucket/key` these tags, keeping everything else of the object: its body,
    /// ETag and time. Refused when the object changed meanwhile (S3's 409).
    pub(super) async fn retag(&self, bucket: &str, key: &str, tags: Tags) -> S3Result<()> {
        let (mut from, stored) = self.load(bucket, key).await?;
        let mut temp = self.temporary()?;
        let copied = tokio::task::spawn_blocking(move || -> io::Result<tempfile::NamedTempFile> {
            use std::io::{Read as _, Seek as _};
            from.seek(io::SeekFrom::Start(0))?;
            io::copy(&mut (&mut from).take(stored.size), temp.as_file_mut())?;
            Ok(temp)
        })
        .await
        .map_err(|e| s3_error!(InternalError, "{e}"))?
        .map_err(disk("cannot rewrite the object"))?;
        let mut head = stored.head.clone();
        head.tags = tags;
        let (mut file, path) = copied.into_parts();
        objects::finish(&mut file, &head).map_err(disk("cannot rewrite the object"))?;
        drop(file);
        let unchanged = self
            .read_index()
            .get(bucket)
            .and_then(|o| o.get(key))
            .is_some_and(|e| {
                e.e_tag == stored.head.e_tag && e.last_modified == stored.head.last_modified
            });
        if !unchanged {
            return Err(s3_error!(
                OperationAborted,
                "A conflicting operation changed the object; please try again."
            ));
        }
        self.commit(
            bucket,
            path,
            &objects::Stored {
                head,
                size: stored.size,
            },
        )
    }

    /// The tags of a bucket; S3's `NoSuchTagSet` when it has none.
    pub(super) fn bucket_tags(&self, bucket: &str) -> S3Result<Tags> {
        let file = self.bucket_dir(bucket)?.join("tags.json");
        match std::fs::read(&file) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| s3_error!(InternalError, "cannot read the bucket's tags: {e}")),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Err(s3_error!(NoSuchTagSet, "The TagSet does not exist"))
            }
            Err(e) => Err(disk("cannot read the bucket's tags")(e)),
        }
    }

    /// Sets (or with `None` removes) a bucket's tags, in one rename.
    pub(super) fn set_bucket_tags(&self, bucket: &str, tags: Option<&Tags>) -> S3Result<()> {
        let file = self.bucket_dir(bucket)?.join("tags.json");
        match tags {
            Some(tags) => {
                let json = serde_json::to_vec(tags).map_err(|e| s3_error!(InternalError, "{e}"))?;
                let temp = self.temporary()?;
                std::fs::write(temp.path(), json)
                    .map_err(disk("cannot write the bucket's tags"))?;
                temp.persist(&file)
                    .map_err(|e| disk("cannot write the bucket's tags")(e.error))?;
                Ok(())
            }
            None => match std::fs::remove_file(&file) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    Err(disk("cannot delete the bucket's tags")(e))
                }
                _ => Ok(()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_checked_as_s3_checks_them() {
        let tags = from_header("a=1&b%20c=d%2Fe&empty=").expect("tags");
        assert_eq!(tags["a"], "1");
        assert_eq!(tags["b c"], "d/e");
        assert_eq!(tags["empty"], "");
        let many: String = (0..11).map(|i| format!("k{i}=v&")).collect();
        assert!(from_header(&many).is_err(), "11 tags");
        let ten: String = (0..10).map(|i| format!("k{i}=v&")).collect();
        assert_eq!(from_header(&ten).expect("10 tags").len(), 10);
        assert!(from_header(&format!("{}=v", "k".repeat(129))).is_err());
        assert!(from_header(&format!("{}=v", "k".repeat(128))).is_ok());
        assert!(from_header(&format!("k={}", "v".repeat(257))).is_err());
        assert!(from_header("a=1&a=2").is_err(), "a key once");
        let set = tag_set(&tags);
        assert_eq!(from_set(&set, false).expect("round trip"), tags);
    }
}
