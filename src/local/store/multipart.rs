//! Multipart uploads and parts: upload ids, the multipart ETag, an upload folder's
//! parts, part numbers and the byte range of one part of an object, and
//! `x-amz-copy-source-range`.

use std::io;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use md5::{Digest as _, Md5};
use s3s::{S3Result, s3_error};

use super::objects::{self, Head, Stored};

/// An id unique in this store, 32 hex characters: upload ids and version ids.
pub(super) fn unique_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let seed = format!(
        "{}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    );
    objects::hex(&sha2::Sha256::digest(seed.as_bytes())[..16])
}

/// The ETag of a multipart object: the MD5 of the parts' MD5s, and their number.
pub(super) fn multipart_e_tag(part_md5s: &[String]) -> String {
    let mut md5 = Md5::new();
    for part in part_md5s {
        let bytes: Vec<u8> = (0..part.len())
            .step_by(2)
            .filter_map(|i| {
                part.get(i..i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            })
            .collect();
        md5.update(&bytes);
    }
    format!("{}-{}", objects::hex(&md5.finalize()), part_md5s.len())
}

/// The parts of an upload folder, by number.
pub(super) fn read_parts(dir: &Path) -> io::Result<Vec<(i32, Stored)>> {
    let mut parts = Vec::new();
    for entry in std::fs::read_dir(dir)?.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(number) = name
            .strip_prefix("part-")
            .and_then(|n| n.parse::<i32>().ok())
        else {
            continue;
        };
        if let Some((_, stored)) = objects::open(&entry.path())? {
            parts.push((number, stored));
        }
    }
    parts.sort_by_key(|(n, _)| *n);
    Ok(parts)
}

pub(super) fn check_part_number(number: i32) -> S3Result<()> {
    if (1..=10_000).contains(&number) {
        Ok(())
    } else {
        Err(s3_error!(
            InvalidArgument,
            "Part number must be an integer between 1 and 10000, inclusive"
        ))
    }
}

/// How many parts an object was uploaded in: `None` for one uploaded whole.
pub(super) fn parts_count(head: &Head) -> Option<i32> {
    (!head.parts.is_empty()).then(|| i32::try_from(head.parts.len()).unwrap_or(i32::MAX))
}

/// The bytes of part `number` (from 1) of an object; an object uploaded whole is its
/// own part 1. Beyond the last part: S3's `InvalidPart`.
pub(super) fn part_range(head: &Head, size: u64, number: i32) -> S3Result<std::ops::Range<u64>> {
    let invalid = || s3_error!(InvalidPart, "The requested partnumber is not satisfiable");
    let index = usize::try_from(number)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .ok_or_else(invalid)?;
    if head.parts.is_empty() {
        return if index == 0 {
            Ok(0..size)
        } else {
            Err(invalid())
        };
    }
    let start: u64 = head.parts.iter().take(index).sum();
    let length = *head.parts.get(index).ok_or_else(invalid)?;
    Ok(start..start + length)
}

pub(super) fn parse_copy_range(range: &str, size: u64) -> S3Result<std::ops::Range<u64>> {
    let bad = || {
        s3_error!(
            InvalidArgument,
            "The x-amz-copy-source-range value must be of the form bytes=first-last"
        )
    };
    let (first, last) = range
        .strip_prefix("bytes=")
        .and_then(|r| r.split_once('-'))
        .ok_or_else(bad)?;
    let first: u64 = first.parse().map_err(|_| bad())?;
    let last: u64 = last.parse().map_err(|_| bad())?;
    if first > last || last >= size {
        return Err(s3_error!(InvalidRange));
    }
    Ok(first..last + 1)
}

/// The checksum of part `number` of a multipart object, as a read of that part answers
/// it (none for an object uploaded whole or without part checksums).
pub(super) fn part_checksum(head: &Head, number: i32) -> s3s::dto::Checksum {
    let part = usize::try_from(number)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| head.part_checksums.get(i));
    let algorithm = head.checksums.keys().next();
    match (part, algorithm) {
        (Some(value), Some(algorithm)) => super::checksums::checksum_of(
            &[(algorithm.clone(), value.clone())].into_iter().collect(),
        ),
        _ => s3s::dto::Checksum::default(),
    }
}

/// A page of a multipart object's parts, as `GetObjectAttributes` lists them: those
/// after `marker`, at most `max` (S3's default 1,000), each with its size and checksum.
pub(super) fn attribute_parts(
    head: &Head,
    marker: Option<i32>,
    max: Option<i32>,
) -> s3s::dto::GetObjectAttributesParts {
    let after = usize::try_from(marker.unwrap_or(0)).unwrap_or(0);
    let max_parts = max.unwrap_or(1000).max(0);
    let page: Vec<s3s::dto::ObjectPart> = head
        .parts
        .iter()
        .enumerate()
        .skip(after)
        .take(usize::try_from(max_parts).unwrap_or(0))
        .map(|(i, size)| {
            let number = i32::try_from(i + 1).unwrap_or(i32::MAX);
            let sums = part_checksum(head, number);
            s3s::dto::ObjectPart {
                part_number: Some(number),
                size: Some(i64::try_from(*size).unwrap_or(i64::MAX)),
                checksum_crc32: sums.checksum_crc32,
                checksum_crc32c: sums.checksum_crc32c,
                checksum_crc64nvme: sums.checksum_crc64nvme,
                checksum_sha1: sums.checksum_sha1,
                checksum_sha256: sums.checksum_sha256,
            }
        })
        .collect();
    let last = page.last().and_then(|p| p.part_number);
    let truncated = after + page.len() < head.parts.len();
    s3s::dto::GetObjectAttributesParts {
        total_parts_count: parts_count(head),
        part_number_marker: Some(marker.unwrap_or(0)),
        next_part_number_marker: last,
        max_parts: Some(max_parts),
        is_truncated: Some(truncated),
        parts: Some(page),
    }
}
