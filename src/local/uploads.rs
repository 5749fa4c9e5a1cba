//! Multipart uploads in progress, for ListMultipartUploads.
//! An upload is recorded when this server creates it and dropped when it is completed or
//! aborted; the record lives in the data folder (outside every bucket), so it survives
//! restarts.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use s3s::dto::{
    CommonPrefix, ListMultipartUploadsInput, ListMultipartUploadsOutput, MultipartUpload,
    StorageClass, Timestamp,
};
use serde::{Deserialize, Serialize};

const FILE: &str = ".ampx-uploads.json";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Upload {
    bucket: String,
    key: String,
    upload_id: String,
    /// Milliseconds since the Unix epoch.
    initiated: u64,
}

pub(super) struct Uploads {
    file: PathBuf,
    uploads: Mutex<Vec<Upload>>,
}

impl Uploads {
    /// The uploads recorded in `data`; none if the record is missing or unreadable.
    pub(super) fn open(data: &Path) -> Uploads {
        let file = data.join(FILE);
        let uploads = std::fs::read(&file)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Uploads {
            file,
            uploads: Mutex::new(uploads),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Upload>> {
        self.uploads.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Writes the record through a temporary file and a rename, so it is never half.
    fn save(&self, uploads: &[Upload]) -> std::io::Result<()> {
        let temporary = self.file.with_extension("json.part");
        serde_json::to_vec(uploads)
            .map_err(std::io::Error::other)
            .and_then(|bytes| std::fs::write(&temporary, bytes))
            .and_then(|()| std::fs::rename(&temporary, &self.file))
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", self.file.display())))
    }

    /// Records a new upload. An error leaves it out of the saved record only: the
    /// upload itself still works, and the caller reports the error.
    pub(super) fn started(&self, bucket: &str, key: &str, upload_id: &str) -> std::io::Result<()> {
        let initiated = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let mut uploads = self.lock();
        uploads.push(Upload {
            bucket: bucket.to_string(),
            key: key.to_string(),
            upload_id: upload_id.to_string(),
            initiated,
        });
        self.save(&uploads)
    }

    pub(super) fn ended(&self, upload_id: &str) -> std::io::Result<()> {
        let mut uploads = self.lock();
        let before = uploads.len();
        uploads.retain(|u| u.upload_id != upload_id);
        if uploads.len() == before {
            return Ok(());
        }
        self.save(&uploads)
    }

    /// Answers ListMultipartUploads as S3 does: by key, then by initiation; `prefix`,
    /// `delimiter` (common prefixes count toward `max_uploads`), `key_marker` and
    /// `upload_id_marker`.
    pub(super) fn list(&self, input: &ListMultipartUploadsInput) -> ListMultipartUploadsOutput {
        let prefix = input.prefix.as_deref().unwrap_or("");
        let max = usize::try_from(input.max_uploads.unwrap_or(1000).clamp(0, 1000)).unwrap_or(0);
        let mut uploads: Vec<Upload> = self
            .lock()
            .iter()
            .filter(|u| u.bucket == input.bucket && u.key.starts_with(prefix))
            .cloned()
            .collect();
        uploads.sort_by(|a, b| (&a.key, a.initiated).cmp(&(&b.key, b.initiated)));
        if let Some(key_marker) = input.key_marker.as_deref().filter(|m| !m.is_empty()) {
            let after_marker = match input.upload_id_marker.as_deref() {
                Some(id) => uploads
                    .iter()
                    .position(|u| u.key == key_marker && u.upload_id == id)
                    .map(|i| i + 1),
                None => None,
            };
            uploads = match after_marker {
                Some(start) => uploads.split_off(start),
                // A marker that is a common prefix also passes over the keys under it.
                None => {
                    let folded_marker = input
                        .delimiter
                        .as_deref()
                        .is_some_and(|d| key_marker.ends_with(d));
                    uploads
                        .into_iter()
                        .filter(|u| u.key.as_str() > key_marker)
                        .filter(|u| !(folded_marker && u.key.starts_with(key_marker)))
                        .collect()
                }
            };
        }

        let mut listed = Vec::new();
        let mut common_prefixes: Vec<String> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut next_key_marker = None;
        let mut next_upload_id_marker = None;
        let mut is_truncated = false;
        for upload in uploads {
            let folded = input.delimiter.as_deref().and_then(|delimiter| {
                let rest = &upload.key[prefix.len()..];
                rest.find(delimiter)
                    .map(|at| format!("{prefix}{}", &rest[..at + delimiter.len()]))
            });
            if folded.as_ref().is_some_and(|p| seen.contains(p)) {
                continue;
            }
            if listed.len() + common_prefixes.len() == max {
                is_truncated = true;
                break;
            }
            match folded {
                Some(common) => {
                    next_key_marker = Some(common.clone());
                    next_upload_id_marker = None;
                    seen.insert(common.clone());
                    common_prefixes.push(common);
                }
                None => {
                    next_key_marker = Some(upload.key.clone());
                    next_upload_id_marker = Some(upload.upload_id.clone());
                    listed.push(MultipartUpload {
                        key: Some(upload.key),
                        upload_id: Some(upload.upload_id),
                        initiated: Some(Timestamp::from(
                            UNIX_EPOCH + Duration::from_millis(upload.initiated),
                        )),
                        storage_class: Some(StorageClass::from_static(StorageClass::STANDARD)),
                        ..Default::default()
                    });
                }
            }
        }
        ListMultipartUploadsOutput {
            bucket: Some(input.bucket.clone()),
            prefix: input.prefix.clone(),
            delimiter: input.delimiter.clone(),
            key_marker: input.key_marker.clone(),
            upload_id_marker: input.upload_id_marker.clone(),
            max_uploads: Some(max as i32),
            is_truncated: Some(is_truncated),
            next_key_marker: next_key_marker.filter(|_| is_truncated),
            next_upload_id_marker: next_upload_id_marker.filter(|_| is_truncated),
            uploads: Some(listed),
            common_prefixes: Some(
                common_prefixes
                    .into_iter()
                    .map(|prefix| CommonPrefix {
                        prefix: Some(prefix),
                    })
                    .collect(),
            ),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(bucket: &str) -> ListMultipartUploadsInput {
        ListMultipartUploadsInput {
            bucket: bucket.to_string(),
            ..Default::default()
        }
    }

    fn keys(output: &ListMultipartUploadsOutput) -> Vec<String> {
        let uploads = output.uploads.iter().flatten();
        let prefixes = output.common_prefixes.iter().flatten();
        uploads
            .map(|u| u.key.clone().unwrap_or_default())
            .chain(prefixes.map(|p| format!("{}(prefix)", p.prefix.clone().unwrap_or_default())))
            .collect()
    }

    fn with(uploads: &[(&str, &str)]) -> (tempfile::TempDir, Uploads) {
        let data = tempfile::tempdir().expect("dir");
        let record = Uploads::open(data.path());
        for (key, id) in uploads {
            record.started("b", key, id).expect("recorded");
        }
        (data, record)
    }

    #[test]
    fn uploads_are_listed_by_key_and_survive_a_restart_until_they_end() {
        let (data, record) = with(&[("z", "1"), ("a", "2"), ("m", "3")]);
        record.started("other", "a", "4").expect("recorded");
        assert_eq!(keys(&record.list(&input("b"))), ["a", "m", "z"]);
        record.ended("3").expect("recorded");
        let reopened = Uploads::open(data.path());
        assert_eq!(keys(&reopened.list(&input("b"))), ["a", "z"]);
        assert_eq!(keys(&reopened.list(&input("other"))), ["a"]);
    }

    #[test]
    fn pages_follow_the_markers() {
        let (_data, record) = with(&[("a", "1"), ("a", "2"), ("b", "3"), ("c", "4")]);
        let mut request = input("b");
        request.max_uploads = Some(2);
        let mut seen = Vec::new();
        loop {
            let page = record.list(&request);
            seen.extend(
                page.uploads
                    .iter()
                    .flatten()
                    .map(|u| u.upload_id.clone().unwrap_or_default()),
            );
            if page.is_truncated != Some(true) {
                break;
            }
            request.key_marker = page.next_key_marker;
            request.upload_id_marker = page.next_upload_id_marker;
        }
        assert_eq!(seen, ["1", "2", "3", "4"]);

        // A key marker alone starts after every upload of that key.
        let mut request = input("b");
        request.key_marker = Some("a".to_string());
        assert_eq!(keys(&record.list(&request)), ["b", "c"]);
    }

    #[test]
    fn a_delimiter_folds_keys_into_common_prefixes() {
        let (_data, record) = with(&[
            ("photos/2024/a.jpg", "1"),
            ("photos/2024/b.jpg", "2"),
            ("photos/c.jpg", "3"),
            ("videos/d.mp4", "4"),
        ]);
        let mut request = input("b");
        request.prefix = Some("photos/".to_string());
        request.delimiter = Some("/".to_string());
        assert_eq!(
            keys(&record.list(&request)),
            ["photos/c.jpg", "photos/2024/(prefix)"]
        );
        request.max_uploads = Some(1);
        let page = record.list(&request);
        assert_eq!(keys(&page), ["photos/2024/(prefix)"]);
        assert_eq!(page.next_key_marker.as_deref(), Some("photos/2024/"));
        request.key_marker = page.next_key_marker;
        assert_eq!(keys(&record.list(&request)), ["photos/c.jpg"]);
    }
}
