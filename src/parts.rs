//! How an object is split into parts, and the ETag S3 gives it: what uploads use and
//! what `sync --checksum` recomputes locally to compare contents without a download.

use std::io::Read as _;
use std::path::Path;

use md5::{Digest, Md5};

pub const MIB: u64 = 1024 * 1024;
/// S3 allows at most this many parts in one multipart upload.
pub const MAX_PARTS: u64 = 10_000;

/// The part size for an object of `size` bytes: `preferred`, or the smallest whole
/// MiB that keeps the upload within 10,000 parts.
pub fn part_size_for(size: u64, preferred: u64) -> u64 {
    let needed = size.div_ceil(MAX_PARTS).div_ceil(MIB) * MIB;
    preferred.max(needed)
}

/// `(offset, length)` of each part.
pub fn part_ranges(size: u64, part_size: u64) -> Vec<(u64, u64)> {
    (0..size.div_ceil(part_size))
        .map(|i| {
            let offset = i * part_size;
            (offset, part_size.min(size - offset))
        })
        .collect()
}

/// Lower-case hexadecimal of a digest, as ETags, hashes and secrets are written.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The ETag S3 gives the file at `path` when it is uploaded as ampx-rs uploads it: the
/// MD5 of the body in one `PutObject`, else (`in_parts`) the MD5 of the MD5s of its
/// parts of `part_size` (grown as uploads grow it) and `-N`.
pub fn etag_of_file(path: &Path, in_parts: bool, part_size: u64) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    let mut buffer = vec![0u8; 1024 * 1024];
    let mut md5_of = |len: u64| -> std::io::Result<[u8; 16]> {
        let mut hasher = Md5::new();
        let mut left = len;
        while left > 0 {
            let chunk = left.min(buffer.len() as u64) as usize;
            file.read_exact(&mut buffer[..chunk])?;
            hasher.update(&buffer[..chunk]);
            left -= chunk as u64;
        }
        Ok(hasher.finalize().into())
    };
    if !in_parts {
        return Ok(hex(&md5_of(size)?));
    }
    let parts = part_ranges(size, part_size_for(size, part_size));
    let mut whole = Md5::new();
    for (_, len) in &parts {
        whole.update(md5_of(*len)?);
    }
    Ok(format!("{}-{}", hex(&whole.finalize()), parts.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etags_are_what_s3_computes() {
        let dir = tempfile::tempdir().expect("dir");
        let small = dir.path().join("small");
        std::fs::write(&small, b"hello").expect("write");
        // MD5("hello")
        assert_eq!(
            etag_of_file(&small, false, 8 * MIB).expect("etag"),
            "5d41402abc4b2a76b9719d911017c592"
        );
        // 9 MiB in 8 MiB parts: MD5(MD5(first 8 MiB) ‖ MD5(last 1 MiB)) and "-2".
        let body: Vec<u8> = (0..9 * MIB).map(|i| (i % 251) as u8).collect();
        let two = dir.path().join("two");
        std::fs::write(&two, &body).expect("write");
        let split = (8 * MIB) as usize;
        let first: [u8; 16] = Md5::digest(&body[..split]).into();
        let last: [u8; 16] = Md5::digest(&body[split..]).into();
        let whole = Md5::digest([first, last].concat());
        let expected = super::hex(&whole);
        assert_eq!(
            etag_of_file(&two, true, 8 * MIB).expect("etag"),
            format!("{expected}-2")
        );
        // The same file in one PutObject: the MD5 of the whole.
        assert_eq!(
            etag_of_file(&two, false, 8 * MIB).expect("etag"),
            super::hex(&Md5::digest(&body))
        );
        // One part: MD5(MD5(body)) and "-1".
        assert_eq!(
            etag_of_file(&small, true, 8 * MIB).expect("etag"),
            format!("{}-1", super::hex(&Md5::digest(Md5::digest(b"hello"))))
        );
    }
}
