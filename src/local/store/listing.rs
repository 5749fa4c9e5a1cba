//! Listings from the in-memory index: a page of keys and common prefixes after a
//! marker, S3's page size and continuation tokens, keys URL-encoded when asked, and
//! the owner every local object has.

use std::collections::BTreeMap;
use std::ops::Bound;

use s3s::dto::*;
use s3s::{S3Result, s3_error};

use super::{Entry, MAX_PAGE, objects, timestamp};

/// One page of a listing from the index: objects and common prefixes, in key order,
/// after `after` (exclusive), at most `max` of them together.
pub(super) struct Page {
    pub(super) objects: Vec<(String, Entry)>,
    pub(super) prefixes: Vec<String>,
    pub(super) truncated: bool,
    /// The last key or common prefix listed.
    pub(super) last: Option<String>,
}

impl Page {
    /// The listed objects as S3 returns them, keys as the client asked (`encode`).
    pub(super) fn contents(&self, encode: &impl Fn(&str) -> String) -> Vec<Object> {
        self.objects
            .iter()
            .map(|(key, entry)| object_of(encode(key), entry))
            .collect()
    }

    pub(super) fn common_prefixes(&self, encode: &impl Fn(&str) -> String) -> Vec<CommonPrefix> {
        self.prefixes
            .iter()
            .map(|p| CommonPrefix {
                prefix: Some(encode(p)),
            })
            .collect()
    }
}

pub(super) fn list_page(
    objects: &BTreeMap<String, Entry>,
    prefix: &str,
    delimiter: Option<&str>,
    after: Option<&str>,
    max: usize,
) -> Page {
    let mut page = Page {
        objects: Vec::new(),
        prefixes: Vec::new(),
        truncated: false,
        last: None,
    };
    let delimiter = delimiter.filter(|d| !d.is_empty());
    // S3 answers `max-keys=0` with nothing, and nothing cut off.
    if max == 0 {
        return page;
    }
    // A marker that is a common prefix passes over the keys under it too.
    let folded_marker = after.filter(|a| {
        delimiter.is_some_and(|d| a.starts_with(prefix) && a[prefix.len()..].contains(d))
            && delimiter.is_some_and(|d| a.ends_with(d))
    });
    let start = match after {
        Some(after) if after >= prefix => Bound::Excluded(after.to_string()),
        _ => Bound::Included(prefix.to_string()),
    };
    for (key, entry) in objects.range((start, Bound::Unbounded)) {
        if !key.starts_with(prefix) {
            break;
        }
        if folded_marker.is_some_and(|m| key.starts_with(m)) {
            continue;
        }
        let folded = delimiter.and_then(|d| {
            let rest = &key[prefix.len()..];
            rest.find(d)
                .map(|at| format!("{prefix}{}", &rest[..at + d.len()]))
        });
        if let Some(common) = &folded
            && page.prefixes.last() == Some(common)
        {
            continue;
        }
        if page.objects.len() + page.prefixes.len() == max {
            page.truncated = true;
            break;
        }
        match folded {
            Some(common) => {
                page.last = Some(common.clone());
                page.prefixes.push(common);
            }
            None => {
                page.last = Some(key.clone());
                page.objects.push((key.clone(), entry.clone()));
            }
        }
    }
    page
}

/// What `encoding-type=url` encodes in a key, as S3 does: everything but unreserved
/// characters and `/` (a space becomes `%20`, which decoders read as `+` too).
pub(super) const URL_ENCODED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'/');

pub(super) fn url_encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, URL_ENCODED).to_string()
}

/// Keys in a listing as the client asked for them: literal, or URL-encoded. Keys with
/// characters XML 1.0 cannot carry (most control characters) are always encoded in
/// `encoding-type=url` listings; literal listings escape them (see `s3s`).
pub(super) fn encoder(encoding: Option<&EncodingType>) -> impl Fn(&str) -> String + use<> {
    let url = encoding.is_some_and(|e| e.as_str() == EncodingType::URL);
    move |text: &str| {
        if url {
            url_encode(text)
        } else {
            text.to_string()
        }
    }
}

pub(super) fn object_of(key: String, entry: &Entry) -> Object {
    Object {
        key: Some(key),
        e_tag: Some(ETag::Strong(entry.e_tag.clone())),
        last_modified: Some(timestamp(entry.last_modified)),
        size: Some(i64::try_from(entry.size).unwrap_or(i64::MAX)),
        storage_class: Some(ObjectStorageClass::from_static(
            ObjectStorageClass::STANDARD,
        )),
        ..Default::default()
    }
}

/// The delimiter a listing echoes: none for an empty one, as S3 answers.
pub(super) fn given_delimiter(delimiter: Option<&str>) -> Option<&str> {
    delimiter.filter(|d| !d.is_empty())
}

/// Listed objects with their owner, as version 1 always and version 2 with
/// `fetch-owner=true` list them: every local object belongs to the sandbox's owner.
pub(super) fn with_owner(mut objects: Vec<Object>, owner: bool) -> Vec<Object> {
    if owner {
        for object in &mut objects {
            object.owner = Some(local_owner());
        }
    }
    objects
}

/// The one owner of everything in the local store.
pub(super) fn local_owner() -> Owner {
    Owner {
        id: Some(crate::local::credentials::OWNER_ACCESS_KEY.to_string()),
        display_name: Some("local-sandbox-owner".to_string()),
    }
}

/// A continuation token: the last key listed, in a form that survives XML and URLs.
pub(super) fn token_of(last: &str) -> String {
    objects::hex(last.as_bytes())
}

pub(super) fn key_of_token(token: &str) -> S3Result<String> {
    let bytes = (0..token.len())
        .step_by(2)
        .map(|i| {
            token
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(|| {
            s3_error!(
                InvalidArgument,
                "The continuation token provided is incorrect"
            )
        })?;
    String::from_utf8(bytes).map_err(|_| {
        s3_error!(
            InvalidArgument,
            "The continuation token provided is incorrect"
        )
    })
}

pub(super) fn page_size(max_keys: Option<i32>) -> usize {
    usize::try_from(max_keys.unwrap_or(1000))
        .unwrap_or(0)
        .min(MAX_PAGE)
}
