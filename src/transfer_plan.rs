//! What a `cp`, `mv` or `sync` means object by object, before anything is
//! sent: the local walk, the pairing of a remote listing with destinations, the names
//! printed for each object, filters, and the keys that may not become local paths.
//! Listing S3 is the caller's job; this module gets the listing as data, so every rule
//! here is tested without a server.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::buckets::S3Uri;
use crate::error::UsageError;
use crate::filters::Filters;
use crate::{destination, keys};

/// One side of a copy, as written on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Local(PathBuf),
    /// `-`: standard input or output.
    Std,
    Remote(S3Uri),
}

impl Location {
    pub fn parse(arg: &str) -> Result<Location, UsageError> {
        if arg == "-" {
            Ok(Location::Std)
        } else if arg.starts_with("s3://") {
            arg.parse()
                .map(Location::Remote)
                .map_err(|e| UsageError::new(format!("invalid S3 URI '{arg}': {e}")))
        } else {
            Ok(Location::Local(PathBuf::from(arg)))
        }
    }
}

/// One end of one object's transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    File(PathBuf),
    Object(String),
}

/// One object to transfer, with the names printed for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub from: Endpoint,
    pub to: Endpoint,
    pub size: u64,
    /// The source's last change, in seconds since the Unix epoch, when known.
    pub modified: Option<i64>,
    /// The source object's ETag (unquoted); `None` for a local file.
    pub etag: Option<String>,
    /// The name below SRC (and below DST): what `sync` compares.
    pub rel: String,
    pub from_name: String,
    pub to_name: String,
}

/// An object or file as a listing shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub key: String,
    pub size: u64,
    /// Seconds since the Unix epoch.
    pub modified: Option<i64>,
    /// The object's ETag (unquoted); `None` for a local file.
    pub etag: Option<String>,
}

/// Every object of a transfer, and a warning for each entry left out.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub items: Vec<Item>,
    pub skipped: Vec<String>,
}

/// What was asked: SRC and DST as written (their trailing `/` matters), `--recursive`
/// and the `--include`/`--exclude` filters.
pub struct Ask<'a> {
    pub src: &'a str,
    pub dst: &'a str,
    pub recursive: bool,
    pub filters: &'a Filters,
}

/// `folder/` joined with a relative path, as S3 keys join.
pub fn join_key(prefix: &str, rel: &str) -> String {
    if prefix.is_empty() || prefix.ends_with('/') {
        format!("{prefix}{rel}")
    } else {
        format!("{prefix}/{rel}")
    }
}

/// The key prefix a recursive S3 source stands for: `photos` means `photos/`, so
/// `photos-old/` is never included.
pub fn folder_prefix(key: &str) -> String {
    if key.is_empty() || key.ends_with('/') {
        key.to_string()
    } else {
        format!("{key}/")
    }
}

/// Does a local DST name a folder (written with a trailing `/`, or one that exists)?
pub fn local_is_dir(path: &Path, written: &str) -> bool {
    written.ends_with('/') || written.ends_with(std::path::MAIN_SEPARATOR) || path.is_dir()
}

impl Ask<'_> {
    /// Where an object of relative name `rel` goes (`single_name` for a one-object
    /// copy into a folder), and the name printed for it.
    fn destination(&self, dst: &Location, rel: &str, single_name: &str) -> (Endpoint, String) {
        match dst {
            Location::Remote(to) => {
                let key = if self.recursive {
                    join_key(&to.key, rel)
                } else if to.key.is_empty() || to.key.ends_with('/') {
                    format!("{}{single_name}", to.key)
                } else {
                    to.key.clone()
                };
                let name = to.with_key(&key).to_string();
                (Endpoint::Object(key), name)
            }
            Location::Local(path) => {
                let file = if self.recursive {
                    path.join(rel)
                } else if local_is_dir(path, self.dst) {
                    path.join(single_name)
                } else {
                    path.clone()
                };
                let name = file.to_string_lossy().to_string();
                (Endpoint::File(file), name)
            }
            Location::Std => unreachable!("streams are not planned"),
        }
    }

    fn unsafe_key(&self, uri: &str, why: keys::UnsafeKey) -> String {
        format!(
            "warning: skipping {uri}: {why}; its key cannot be a file under {}",
            self.dst
        )
    }

    /// A local file, or with `--recursive` every file under a local folder (sorted,
    /// symlinks followed, temporary files of killed downloads left out).
    pub fn from_local(&self, path: &Path, dst: &Location) -> Result<Plan, UsageError> {
        let meta = std::fs::metadata(path)
            .map_err(|e| UsageError::new(format!("cannot read {}: {e}", self.src)))?;
        let mut plan = Plan::default();
        if !self.recursive {
            if meta.is_dir() {
                return Err(UsageError::new(format!("{} is a folder", self.src))
                    .hint("pass --recursive to copy a whole folder"));
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let (to, to_name) = self.destination(dst, &name, &name);
            plan.items.push(Item {
                from: Endpoint::File(path.to_path_buf()),
                to,
                size: meta.len(),
                modified: modified_secs(&meta),
                etag: None,
                rel: name,
                from_name: self.src.to_string(),
                to_name,
            });
            return Ok(plan);
        }
        if !meta.is_dir() {
            return Err(UsageError::new(format!("{} is not a folder", self.src)));
        }
        let (files, skipped) = walk(path, self.filters);
        plan.skipped = skipped;
        for (file, listed) in files {
            let (to, to_name) = self.destination(dst, &listed.key, &listed.key);
            plan.items.push(Item {
                from: Endpoint::File(file),
                to,
                size: listed.size,
                modified: listed.modified,
                etag: None,
                from_name: join_key(self.src.trim_end_matches('/'), &listed.key),
                rel: listed.key,
                to_name,
            });
        }
        Ok(plan)
    }

    /// One object (a copy without `--recursive`).
    pub fn from_object(&self, from: &S3Uri, object: &Listed, dst: &Location) -> Plan {
        let into_local_folder =
            matches!(dst, Location::Local(path) if local_is_dir(path, self.dst));
        // Into a local folder the key's last segment becomes the file name; a remote
        // or file DST names the target itself.
        let name = match keys::file_name(&from.key) {
            Err(why) if into_local_folder => {
                return Plan {
                    items: Vec::new(),
                    skipped: vec![self.unsafe_key(self.src, why)],
                };
            }
            _ => from.key.rsplit('/').next().unwrap_or_default().to_string(),
        };
        let (to, to_name) = self.destination(dst, &name, &name);
        Plan {
            items: vec![Item {
                from: Endpoint::Object(from.key.clone()),
                to,
                size: object.size,
                modified: object.modified,
                etag: object.etag.clone(),
                rel: name,
                from_name: self.src.to_string(),
                to_name,
            }],
            skipped: Vec::new(),
        }
    }

    /// The objects listed under [`folder_prefix`]`(from.key)`, paired with their
    /// destinations. Folder markers are left out, and a key that cannot become a path
    /// under a local DST is skipped with a warning.
    pub fn from_listing(
        &self,
        from: &S3Uri,
        listed: impl IntoIterator<Item = Listed>,
        dst: &Location,
    ) -> Plan {
        let prefix = folder_prefix(&from.key);
        let to_local = matches!(dst, Location::Local(_));
        let mut plan = Plan::default();
        for Listed {
            key,
            size,
            modified,
            etag,
        } in listed
        {
            let Some(rel) = key.strip_prefix(&prefix) else {
                continue;
            };
            // Zero-byte "folder" markers have no file to become.
            if rel.is_empty() || (rel.ends_with('/') && size == 0) || !self.filters.includes(rel) {
                continue;
            }
            if to_local && let Err(why) = keys::local_path(rel) {
                let shown = from.with_key(&key).to_string();
                plan.skipped.push(self.unsafe_key(&shown, why));
                continue;
            }
            let (to, to_name) = self.destination(dst, rel, rel);
            plan.items.push(Item {
                from: Endpoint::Object(key.clone()),
                to,
                size,
                modified,
                etag,
                rel: rel.to_string(),
                from_name: from.with_key(&key).to_string(),
                to_name,
            });
        }
        plan
    }
}

/// The first item whose destination is the source of an item of the same job (itself
/// included), when both are objects of one bucket: a move would overwrite that source
/// before it moved.
pub fn onto_a_source(items: &[Item]) -> Option<&Item> {
    let sources: std::collections::HashSet<&str> = items
        .iter()
        .filter_map(|i| match &i.from {
            Endpoint::Object(key) => Some(key.as_str()),
            Endpoint::File(_) => None,
        })
        .collect();
    items
        .iter()
        .find(|i| matches!(&i.to, Endpoint::Object(key) if sources.contains(key.as_str())))
}

/// Every file under `root` (sorted, symlinks followed, temporary files of killed
/// downloads left out) that the filters include, named by its path below `root`; and a
/// warning for each entry that cannot be read (the rest is still listed).
pub fn walk(root: &Path, filters: &Filters) -> (Vec<(PathBuf, Listed)>, Vec<String>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let at = e.path().unwrap_or(root).display().to_string();
                skipped.push(format!("warning: skipping {at}: {e}"));
                continue;
            }
        };
        if !entry.file_type().is_file()
            || destination::is_temporary(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        // The path's own components joined with `/`: on Unix `\\` is an ordinary
        // character of a file name, never a separator, in either direction.
        let rel = entry
            .path()
            .strip_prefix(root)
            .unwrap_or(entry.path())
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if !filters.includes(&rel) {
            continue;
        }
        let meta = entry.metadata().ok();
        files.push((
            entry.path().to_path_buf(),
            Listed {
                key: rel,
                size: meta.as_ref().map_or(0, |m| m.len()),
                modified: meta.as_ref().and_then(modified_secs),
                etag: None,
            },
        ));
    }
    (files, skipped)
}

/// A file's modification time in whole seconds (S3's `LastModified` has no finer grain).
pub fn modified_secs(meta: &std::fs::Metadata) -> Option<i64> {
    let since = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    i64::try_from(since.as_secs()).ok()
}

/// How `sync` decides that a file at the destination is out of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Compare {
    /// Its size differs, or the source changed after it (`aws s3 sync`'s default).
    #[default]
    SizeAndTime,
    /// Only its size differs (`--size-only`).
    SizeOnly,
    /// Its size differs or its time is not exactly the source's (`--exact-timestamps`,
    /// for downloads, whose files take the object's time).
    ExactTimestamps,
    /// Its size or its content differs (`--checksum`): ETags compared, a local file's
    /// computed in the form of the object's: the MD5 of the file for a single-part
    /// ETag, of its parts of `part_size` for a multipart one (`…-N`). Whether a file
    /// went up in parts depends on the endpoint (see `Engine`), so the object says.
    Checksum { part_size: u64 },
}

impl Compare {
    fn outdated(self, source: &Item, present: &Listed) -> bool {
        if source.size != present.size {
            return true;
        }
        match (self, source.modified, present.modified) {
            (Compare::SizeOnly, ..) => false,
            (Compare::SizeAndTime, Some(src), Some(dst)) => src > dst,
            (Compare::ExactTimestamps, Some(src), Some(dst)) => src != dst,
            // Without both times, the size is all there is to compare.
            _ => false,
        }
    }

    /// `--checksum`: the ETags differ. `source_file` and `present_file` are the local
    /// files to hash, when a side is local; a file that cannot be read is out of date.
    fn content_differs(
        self,
        source: &Item,
        present: &Listed,
        source_file: Option<&Path>,
        present_file: Option<&Path>,
    ) -> bool {
        let Compare::Checksum { part_size } = self else {
            return false;
        };
        let in_parts = |etag: &Option<String>| etag.as_deref().is_some_and(|e| e.contains('-'));
        let etag = |known: &Option<String>, file: Option<&Path>, like: &Option<String>| match (
            known, file,
        ) {
            (Some(etag), _) => Some(etag.clone()),
            (None, Some(path)) => crate::parts::etag_of_file(path, in_parts(like), part_size).ok(),
            (None, None) => None,
        };
        match (
            etag(&source.etag, source_file, &present.etag),
            etag(&present.etag, present_file, &source.etag),
        ) {
            (Some(a), Some(b)) => a != b,
            _ => true,
        }
    }
}

/// What a `sync` does: the copies, and with `--delete` what goes from the destination.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SyncPlan {
    pub copy: Vec<Item>,
    /// The destination entries no source has (their printed names beside them).
    pub delete: Vec<(Endpoint, String)>,
    pub skipped: Vec<String>,
}

impl Ask<'_> {
    /// Pairs the source plan (made with `recursive`) with what DST already holds
    /// (`present`, named below DST): copies what is missing or out of date, and with
    /// `delete` removes what the source lacks — only entries the filters include, and
    /// only below DST, so `photos` never touches `photos-old/`.
    pub fn sync(
        &self,
        source: Plan,
        present: Vec<Listed>,
        compare: Compare,
        delete: bool,
        dst: &Location,
    ) -> SyncPlan {
        let compare = match (compare, dst) {
            (Compare::ExactTimestamps, Location::Remote(_)) => Compare::SizeAndTime,
            (other, _) => other,
        };
        let present: BTreeMap<String, Listed> = present
            .into_iter()
            .filter(|p| self.filters.includes(&p.key))
            .map(|p| (p.key.clone(), p))
            .collect();
        let present_file = |rel: &str| match dst {
            Location::Local(root) => Some(root.join(rel)),
            _ => None,
        };
        let copy = source
            .items
            .iter()
            .filter(|item| {
                present.get(&item.rel).is_none_or(|there| {
                    let source_file = match &item.from {
                        Endpoint::File(path) => Some(path.as_path()),
                        Endpoint::Object(_) => None,
                    };
                    compare.outdated(item, there)
                        || (item.size == there.size
                            && compare.content_differs(
                                item,
                                there,
                                source_file,
                                present_file(&item.rel).as_deref(),
                            ))
                })
            })
            .cloned()
            .collect();
        let wanted: std::collections::BTreeSet<&str> =
            source.items.iter().map(|i| i.rel.as_str()).collect();
        let delete = if delete {
            present
                .keys()
                .filter(|rel| !wanted.contains(rel.as_str()))
                .map(|rel| self.destination(dst, rel, rel))
                .collect()
        } else {
            Vec::new()
        };
        SyncPlan {
            copy,
            delete,
            skipped: source.skipped,
        }
    }
}

#[cfg(test)]
mod tests;
