//! Checksums of bodies: which to compute (those a client sent or announced), the ones
//! a client sent in headers or trailers, checking them and Content-MD5 against what was
//! received, and how they are kept in an object's head and returned.

use std::collections::BTreeMap;

use s3s::checksum::ChecksumHasher;
use s3s::dto::*;
use s3s::{S3Request, S3Result, s3_error};

use super::objects;

/// Which checksums to compute for a body: those the client sent or announced.
pub(super) fn hasher_for(algorithm: Option<&str>, sent: &Checksum) -> S3Result<ChecksumHasher> {
    let mut hasher = ChecksumHasher::default();
    let mut want = |name: &str| -> S3Result<()> {
        match name {
            "CRC32" => hasher.crc32 = Some(Default::default()),
            "CRC32C" => hasher.crc32c = Some(Default::default()),
            "SHA1" => hasher.sha1 = Some(Default::default()),
            "SHA256" => hasher.sha256 = Some(Default::default()),
            "CRC64NVME" => hasher.crc64nvme = Some(Default::default()),
            other => {
                return Err(s3_error!(
                    InvalidArgument,
                    "unknown checksum algorithm {other}"
                ));
            }
        }
        Ok(())
    };
    if let Some(algorithm) = algorithm {
        want(algorithm)?;
    }
    for (name, value) in checksum_pairs(sent) {
        if value.is_some() {
            want(name)?;
        }
    }
    Ok(hasher)
}

pub(super) fn checksum_pairs(c: &Checksum) -> [(&'static str, &Option<String>); 5] {
    [
        ("CRC32", &c.checksum_crc32),
        ("CRC32C", &c.checksum_crc32c),
        ("SHA1", &c.checksum_sha1),
        ("SHA256", &c.checksum_sha256),
        ("CRC64NVME", &c.checksum_crc64nvme),
    ]
}

pub(super) fn checksum_map(c: &Checksum) -> BTreeMap<String, String> {
    checksum_pairs(c)
        .into_iter()
        .filter_map(|(name, value)| value.clone().map(|v| (name.to_string(), v)))
        .collect()
}

pub(super) fn checksum_of(map: &BTreeMap<String, String>) -> Checksum {
    let get = |name: &str| map.get(name).cloned();
    Checksum {
        checksum_crc32: get("CRC32"),
        checksum_crc32c: get("CRC32C"),
        checksum_sha1: get("SHA1"),
        checksum_sha256: get("SHA256"),
        checksum_crc64nvme: get("CRC64NVME"),
        ..Default::default()
    }
}

/// The checksums a client sent in headers or, for streamed bodies, trailers.
pub(super) fn sent_checksums<T>(req: &S3Request<T>, mut headers: Checksum) -> S3Result<Checksum> {
    if let Some(trailers) = req.trailing_headers.as_ref().and_then(|t| t.take()) {
        for (name, slot) in [
            ("x-amz-checksum-crc32", &mut headers.checksum_crc32),
            ("x-amz-checksum-crc32c", &mut headers.checksum_crc32c),
            ("x-amz-checksum-sha1", &mut headers.checksum_sha1),
            ("x-amz-checksum-sha256", &mut headers.checksum_sha256),
            ("x-amz-checksum-crc64nvme", &mut headers.checksum_crc64nvme),
        ] {
            if let Some(value) = trailers.get(name) {
                *slot = Some(
                    value
                        .to_str()
                        .map_err(|_| s3_error!(InvalidArgument, "bad {name}"))?
                        .to_string(),
                );
            }
        }
    }
    Ok(headers)
}

/// Compares what the client sent with what was computed over the body.
pub(super) fn verify(
    content_md5: Option<&str>,
    md5: &str,
    sent: &Checksum,
    computed: &Checksum,
) -> S3Result<()> {
    if let Some(content_md5) = content_md5 {
        let decoded = base64_decode(content_md5).ok_or_else(|| s3_error!(InvalidDigest))?;
        if objects::hex(&decoded) != md5 {
            return Err(s3_error!(
                BadDigest,
                "The Content-MD5 you specified did not match what we received."
            ));
        }
    }
    for ((name, sent), (_, computed)) in checksum_pairs(sent)
        .into_iter()
        .zip(checksum_pairs(computed))
    {
        if let Some(sent) = sent
            && Some(sent) != computed.as_ref()
        {
            return Err(s3_error!(
                BadDigest,
                "The {name} you specified did not match the calculated checksum."
            ));
        }
    }
    Ok(())
}

pub(super) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut out = Vec::new();
    for byte in text.trim_end_matches('=').bytes() {
        let value = ALPHABET.iter().position(|&c| c == byte)? as u32;
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    Some(out)
}

pub(super) fn merge_hasher(
    mut hasher: ChecksumHasher,
    algorithm: &str,
) -> S3Result<ChecksumHasher> {
    let extra = hasher_for(Some(algorithm), &Checksum::default())?;
    hasher.crc32 = hasher.crc32.or(extra.crc32);
    hasher.crc32c = hasher.crc32c.or(extra.crc32c);
    hasher.sha1 = hasher.sha1.or(extra.sha1);
    hasher.sha256 = hasher.sha256.or(extra.sha256);
    hasher.crc64nvme = hasher.crc64nvme.or(extra.crc64nvme);
    Ok(hasher)
}

/// Whether a read asked for the object's checksums (`x-amz-checksum-mode: ENABLED`).
pub(super) fn asked_for_checksums(mode: Option<&ChecksumMode>) -> bool {
    mode.is_some_and(|m| m.as_str().eq_ignore_ascii_case(ChecksumMode::ENABLED))
}

/// S3's composite checksum of a multipart object: the checksum of its parts' checksums
/// (their bytes, in order), `-`, and the number of parts; `None` when a part has none.
pub(super) fn composite(
    algorithm: &str,
    part_checksums: &[Option<String>],
) -> S3Result<Option<String>> {
    let mut hasher = hasher_for(Some(algorithm), &Checksum::default())?;
    for sum in part_checksums {
        let Some(bytes) = sum.as_deref().and_then(base64_decode) else {
            return Ok(None);
        };
        hasher.update(&bytes);
    }
    let whole = checksum_map(&hasher.finalize());
    Ok(whole
        .get(algorithm)
        .map(|value| format!("{value}-{}", part_checksums.len())))
}

/// The checksum type S3 names for an object: `COMPOSITE` as kept, else `FULL_OBJECT`
/// when the object has checksums at all.
pub(super) fn checksum_type_of(head: &super::objects::Head) -> Option<ChecksumType> {
    match head.checksum_type.as_deref() {
        Some(kind) => Some(ChecksumType::from(kind.to_string())),
        None if !head.checksums.is_empty() => {
            Some(ChecksumType::from_static(ChecksumType::FULL_OBJECT))
        }
        None => None,
    }
}
