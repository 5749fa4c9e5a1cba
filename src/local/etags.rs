//! The ETags of stored objects, remembered from the writes this server made so that a
//! listing need not read each object's metadata back.
//!
//! An ETag is remembered only when it is certainly the stored object's: from a write
//! that no other write of the same key overlapped, or from a metadata read that no
//! write of the key overlapped. Anything else is forgotten and read again when listed.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use s3s::dto::ETag;

#[derive(Default)]
struct Entry {
    e_tag: Option<ETag>,
    /// The number of the latest write started on the key.
    last_write: u64,
    in_flight: u32,
    /// Another write started while one was in flight: none of them may be remembered.
    contended: bool,
}

#[derive(Default)]
struct Objects {
    /// Entries are kept once made: a missing entry means "never written since start".
    entries: HashMap<(String, String), Entry>,
    /// Writes started so far, on any key.
    writes: u64,
}

#[derive(Default)]
pub struct ETags {
    objects: Mutex<Objects>,
}

/// A write of one key in progress. It ends when dropped, as failed unless
/// [`Write::succeeded`] said otherwise, so a request cancelled mid-way is accounted for.
pub struct Write<'a> {
    etags: &'a ETags,
    object: (String, String),
    number: u64,
    e_tag: Option<ETag>,
}

impl Write<'_> {
    pub fn succeeded(&mut self, e_tag: Option<ETag>) {
        self.e_tag = e_tag;
    }
}

impl Drop for Write<'_> {
    fn drop(&mut self) {
        let mut objects = self.etags.lock();
        let entry = objects.entries.entry(self.object.clone()).or_default();
        entry.in_flight -= 1;
        entry.e_tag = if !entry.contended && entry.last_write == self.number {
            self.e_tag.take()
        } else {
            None
        };
        if entry.in_flight == 0 {
            entry.contended = false;
        }
    }
}

/// What a listing knows of an object's ETag.
#[derive(Debug, PartialEq)]
pub enum Known {
    ETag(ETag),
    /// Not known: read it from the store, then give it to [`ETags::learn`] with this.
    Unknown(Option<u64>),
}

impl ETags {
    fn lock(&self) -> MutexGuard<'_, Objects> {
        self.objects.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts a write (put, copy, multipart completion or delete) of `bucket/key`.
    pub fn write(&self, bucket: &str, key: &str) -> Write<'_> {
        let object = (bucket.to_string(), key.to_string());
        let mut objects = self.lock();
        objects.writes += 1;
        let number = objects.writes;
        let entry = objects.entries.entry(object.clone()).or_default();
        entry.contended |= entry.in_flight > 0;
        entry.in_flight += 1;
        entry.last_write = number;
        entry.e_tag = None;
        Write {
            etags: self,
            object,
            number,
            e_tag: None,
        }
    }

    pub fn known(&self, bucket: &str, key: &str) -> Known {
        let objects = self.lock();
        match objects.entries.get(&(bucket.to_string(), key.to_string())) {
            Some(Entry {
                e_tag: Some(e_tag), ..
            }) => Known::ETag(e_tag.clone()),
            Some(entry) if entry.in_flight > 0 => Known::Unknown(None),
            _ => Known::Unknown(Some(objects.writes)),
        }
    }

    /// Remembers an ETag read from the store, unless a write of the key was in flight
    /// when [`ETags::known`] answered (`None`) or has started since.
    pub fn learn(&self, bucket: &str, key: &str, since: Option<u64>, e_tag: ETag) {
        let Some(since) = since else {
            return;
        };
        let mut objects = self.lock();
        let entry = objects
            .entries
            .entry((bucket.to_string(), key.to_string()))
            .or_default();
        if entry.last_write <= since {
            entry.e_tag = Some(e_tag);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> ETag {
        ETag::Strong(s.to_string())
    }

    #[test]
    fn a_lone_write_is_remembered_and_a_failed_one_forgets() {
        let etags = ETags::default();
        assert_eq!(etags.known("b", "k"), Known::Unknown(Some(0)));
        etags.write("b", "k").succeeded(Some(tag("one")));
        assert_eq!(etags.known("b", "k"), Known::ETag(tag("one")));
        drop(etags.write("b", "k"));
        assert_eq!(etags.known("b", "k"), Known::Unknown(Some(2)));
        assert_eq!(etags.known("b", "other"), Known::Unknown(Some(2)));
    }

    #[test]
    fn overlapping_writes_are_not_remembered_in_any_order() {
        for first_ends_first in [true, false] {
            let etags = ETags::default();
            let mut first = etags.write("b", "k");
            let mut second = etags.write("b", "k");
            assert_eq!(etags.known("b", "k"), Known::Unknown(None));
            first.succeeded(Some(tag("first")));
            second.succeeded(Some(tag("second")));
            if first_ends_first {
                drop(first);
                drop(second);
            } else {
                drop(second);
                drop(first);
            }
            assert_eq!(etags.known("b", "k"), Known::Unknown(Some(2)));
            // Once the key is quiet again, a lone write is remembered.
            etags.write("b", "k").succeeded(Some(tag("third")));
            assert_eq!(etags.known("b", "k"), Known::ETag(tag("third")));
        }
    }

    #[test]
    fn a_read_overlapped_by_a_write_is_not_learned() {
        let etags = ETags::default();
        let Known::Unknown(since) = etags.known("b", "k") else {
            panic!("unknown at first");
        };
        // A write starts and ends while the metadata is being read.
        drop(etags.write("b", "k"));
        etags.learn("b", "k", since, tag("stale"));
        assert!(matches!(etags.known("b", "k"), Known::Unknown(_)));

        // A write on another key does not matter.
        let Known::Unknown(since) = etags.known("b", "k") else {
            panic!("still unknown");
        };
        etags.write("b", "other").succeeded(Some(tag("x")));
        etags.learn("b", "k", since, tag("read"));
        assert_eq!(etags.known("b", "k"), Known::ETag(tag("read")));

        // A read that began during a write is never learned.
        let write = etags.write("b", "k");
        let Known::Unknown(since) = etags.known("b", "k") else {
            panic!("unknown while written");
        };
        drop(write);
        etags.learn("b", "k", since, tag("mid-write"));
        assert!(matches!(etags.known("b", "k"), Known::Unknown(_)));
    }

    /// One step of a random interleaving of writes and listings on two keys.
    #[derive(Debug, Clone)]
    enum Step {
        StartWrite(usize),
        /// The store renames a pending write's file into place (`i` picks the write).
        Rename(usize),
        /// A write ends; it succeeded if it was renamed, else it failed.
        EndWrite(usize),
        /// A write ends with an error, renamed or not (a rename may precede a failure).
        FailWrite(usize),
        StartListing(usize),
        /// A listing reads the metadata of its key (`i` picks the listing).
        ReadMetadata(usize),
        Learn(usize),
    }

    fn step() -> impl proptest::strategy::Strategy<Value = Step> {
        use proptest::prelude::*;
        prop_oneof![
            (0..2usize).prop_map(Step::StartWrite),
            (0..2usize).prop_map(Step::Rename),
            (0..2usize).prop_map(Step::EndWrite),
            (0..2usize).prop_map(Step::FailWrite),
            (0..2usize).prop_map(Step::StartListing),
            (0..2usize).prop_map(Step::ReadMetadata),
            (0..2usize).prop_map(Step::Learn),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// Whatever the interleaving, a remembered ETag is the stored object's.
        #[test]
        fn a_remembered_etag_is_always_the_stored_ones(
            steps in proptest::collection::vec(step(), 1..60)
        ) {
            let keys = ["a", "b"];
            let etags = ETags::default();
            let mut stored: [Option<String>; 2] = [None, None];
            // (key, its ETag, renamed, the write)
            let mut writes: Vec<(usize, String, bool, Write<'_>)> = Vec::new();
            // (key, since, what was read)
            let mut listings: Vec<(usize, Option<u64>, Option<String>)> = Vec::new();
            for (n, step) in steps.into_iter().enumerate() {
                match step {
                    Step::StartWrite(k) => {
                        writes.push((k, format!("w{n}"), false, etags.write("b", keys[k])));
                    }
                    Step::Rename(i) => {
                        if let Some((k, e_tag, renamed @ false, _)) = writes.get_mut(i) {
                            *renamed = true;
                            stored[*k] = Some(e_tag.clone());
                        }
                    }
                    Step::EndWrite(i) => {
                        if i < writes.len() {
                            let (_, e_tag, renamed, mut write) = writes.remove(i);
                            if renamed {
                                write.succeeded(Some(tag(&e_tag)));
                            }
                        }
                    }
                    Step::FailWrite(i) => {
                        if i < writes.len() {
                            writes.remove(i);
                        }
                    }
                    Step::StartListing(k) => {
                        if let Known::Unknown(since) = etags.known("b", keys[k]) {
                            listings.push((k, since, None));
                        }
                    }
                    Step::ReadMetadata(i) => {
                        if let Some((k, _, read)) = listings.get_mut(i) {
                            *read = stored[*k].clone();
                        }
                    }
                    Step::Learn(i) => {
                        if i < listings.len()
                            && let (k, since, Some(read)) = listings.remove(i)
                        {
                            etags.learn("b", keys[k], since, tag(&read));
                        }
                    }
                }
                for (k, key) in keys.iter().enumerate() {
                    if let Known::ETag(e_tag) = etags.known("b", key) {
                        proptest::prop_assert_eq!(Some(e_tag), stored[k].as_deref().map(tag));
                    }
                }
            }
        }
    }
}
