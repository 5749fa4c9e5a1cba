//! Writes of stored objects: one at a time per key, and the ETags they leave behind.
//!
//! The s3s-fs store writes an object's data, attributes and ETag in three steps, so two
//! writes of one key at once could leave the data of one with the ETag or content type of
//! the other, and a read between the steps could see such a mix. Writes of a key (put,
//! copy, multipart completion, delete) therefore wait for each other and for reads of the
//! key under way; reads wait only for a write; other keys wait for nothing.
//!
//! Each write's ETag is remembered so that a listing need not read every object's
//! metadata back. An ETag read back is remembered only when no write of the key was in
//! progress or started while it was read.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use s3s::dto::ETag;
use tokio::sync::{OwnedRwLockReadGuard, OwnedRwLockWriteGuard, RwLock};

#[derive(Default)]
struct Entry {
    e_tag: Option<ETag>,
    /// The number of the latest write started on the key.
    last_write: u64,
    /// Written by the write in progress, read by the reads of the object under way.
    turn: Arc<RwLock<()>>,
}

#[derive(Default)]
struct Objects {
    /// Entries are kept once made (by a write, a read or a listing): a missing entry, or
    /// one with `last_write` 0, means "never written since start".
    entries: HashMap<(String, String), Entry>,
    /// Writes started so far, on any key.
    writes: u64,
}

#[derive(Default)]
pub struct Writes {
    objects: Mutex<Objects>,
}

/// A write of one key in progress: other writes and reads of the key wait until it is
/// dropped. It ends as failed unless [`Write::succeeded`] said otherwise, so a request
/// cancelled mid-way is accounted for.
pub struct Write {
    writes: Arc<Writes>,
    object: (String, String),
    e_tag: Option<ETag>,
    _turn: OwnedRwLockWriteGuard<()>,
}

impl Write {
    pub fn succeeded(&mut self, e_tag: Option<ETag>) {
        self.e_tag = e_tag;
    }
}

impl Drop for Write {
    fn drop(&mut self) {
        let mut objects = self.writes.lock();
        if let Some(entry) = objects.entries.get_mut(&self.object) {
            entry.e_tag = self.e_tag.take();
        }
    }
}

/// What a listing knows of an object's ETag.
#[derive(Debug, PartialEq)]
pub enum Known {
    ETag(ETag),
    /// Not known: read it from the store, then give it to [`Writes::learn`] with this.
    Unknown(Option<u64>),
}

impl Writes {
    fn lock(&self) -> MutexGuard<'_, Objects> {
        self.objects.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn turn_of(&self, object: &(String, String)) -> Arc<RwLock<()>> {
        let mut objects = self.lock();
        Arc::clone(&objects.entries.entry(object.clone()).or_default().turn)
    }

    /// Waits until no write of `bucket/key` is under way; none starts while the returned
    /// guard lives.
    pub async fn read(&self, bucket: &str, key: &str) -> OwnedRwLockReadGuard<()> {
        let object = (bucket.to_string(), key.to_string());
        self.turn_of(&object).read_owned().await
    }

    /// Waits for the key's turn, then starts a write of `bucket/key`.
    pub async fn begin(self: &Arc<Self>, bucket: &str, key: &str) -> Write {
        let object = (bucket.to_string(), key.to_string());
        let turn = self.turn_of(&object).write_owned().await;
        let mut objects = self.lock();
        objects.writes += 1;
        let number = objects.writes;
        let entry = objects.entries.entry(object.clone()).or_default();
        entry.last_write = number;
        entry.e_tag = None;
        drop(objects);
        Write {
            writes: Arc::clone(self),
            object,
            e_tag: None,
            _turn: turn,
        }
    }

    /// Starts writes of several keys of one bucket, taking their turns in key order so
    /// that two batches of the same keys cannot wait for each other.
    pub async fn begin_all<'k>(
        self: &Arc<Self>,
        bucket: &str,
        keys: impl IntoIterator<Item = &'k str>,
    ) -> Vec<Write> {
        let keys: std::collections::BTreeSet<&str> = keys.into_iter().collect();
        let mut writes = Vec::with_capacity(keys.len());
        for key in keys {
            writes.push(self.begin(bucket, key).await);
        }
        writes
    }

    pub fn known(&self, bucket: &str, key: &str) -> Known {
        let objects = self.lock();
        match objects.entries.get(&(bucket.to_string(), key.to_string())) {
            Some(Entry {
                e_tag: Some(e_tag), ..
            }) => Known::ETag(e_tag.clone()),
            Some(entry) if entry.turn.try_read().is_err() => Known::Unknown(None),
            _ => Known::Unknown(Some(objects.writes)),
        }
    }

    /// Remembers an ETag read from the store, unless a write of the key was in progress
    /// when [`Writes::known`] answered (`None`) or has started since.
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
    use futures::FutureExt as _;

    use super::*;

    fn tag(s: &str) -> ETag {
        ETag::Strong(s.to_string())
    }

    fn begin(writes: &Arc<Writes>, key: &str) -> Write {
        writes
            .begin("b", key)
            .now_or_never()
            .expect("its turn at once")
    }

    #[test]
    fn a_write_is_remembered_and_a_failed_one_forgets() {
        let writes = Arc::new(Writes::default());
        assert_eq!(writes.known("b", "k"), Known::Unknown(Some(0)));
        begin(&writes, "k").succeeded(Some(tag("one")));
        assert_eq!(writes.known("b", "k"), Known::ETag(tag("one")));
        drop(begin(&writes, "k"));
        assert_eq!(writes.known("b", "k"), Known::Unknown(Some(2)));
        assert_eq!(writes.known("b", "other"), Known::Unknown(Some(2)));
    }

    #[test]
    fn writes_of_one_key_take_turns_and_other_keys_do_not_wait() {
        let writes = Arc::new(Writes::default());
        let first = begin(&writes, "k");
        let mut second = Box::pin(writes.begin("b", "k"));
        assert!(
            (&mut second).now_or_never().is_none(),
            "waits for the first"
        );
        drop(begin(&writes, "other"));
        assert_eq!(writes.known("b", "k"), Known::Unknown(None));
        drop(first);
        let mut second = second.now_or_never().expect("its turn now");
        second.succeeded(Some(tag("second")));
        drop(second);
        assert_eq!(writes.known("b", "k"), Known::ETag(tag("second")));
    }

    #[test]
    fn reads_wait_for_a_write_and_writes_for_reads_but_reads_not_for_each_other() {
        let writes = Arc::new(Writes::default());
        let first = writes.read("b", "k").now_or_never().expect("no write");
        let second = writes.read("b", "k").now_or_never().expect("reads share");
        let mut write = Box::pin(writes.begin("b", "k"));
        assert!((&mut write).now_or_never().is_none(), "waits for the reads");
        drop((first, second));
        let write = write.now_or_never().expect("its turn now");
        let mut read = Box::pin(writes.read("b", "k"));
        assert!((&mut read).now_or_never().is_none(), "waits for the write");
        drop(write);
        assert!(read.now_or_never().is_some());
    }

    #[test]
    fn batches_take_each_key_once_in_order() {
        let writes = Arc::new(Writes::default());
        let batch = writes
            .begin_all("b", ["z", "a", "z"])
            .now_or_never()
            .expect("no key waits for itself");
        let keys: Vec<&str> = batch.iter().map(|w| w.object.1.as_str()).collect();
        assert_eq!(keys, ["a", "z"]);
    }

    #[test]
    fn a_read_overlapped_by_a_write_is_not_learned() {
        let writes = Arc::new(Writes::default());
        let Known::Unknown(since) = writes.known("b", "k") else {
            panic!("unknown at first");
        };
        // A write starts and fails while the metadata is being read.
        drop(begin(&writes, "k"));
        writes.learn("b", "k", since, tag("stale"));
        assert!(matches!(writes.known("b", "k"), Known::Unknown(_)));

        // A write of another key does not matter.
        let Known::Unknown(since) = writes.known("b", "k") else {
            panic!("still unknown");
        };
        begin(&writes, "other").succeeded(Some(tag("x")));
        writes.learn("b", "k", since, tag("read"));
        assert_eq!(writes.known("b", "k"), Known::ETag(tag("read")));

        // A read that began during a write is never learned.
        let write = begin(&writes, "k");
        let Known::Unknown(since) = writes.known("b", "k") else {
            panic!("unknown while written");
        };
        drop(write);
        writes.learn("b", "k", since, tag("mid-write"));
        assert!(matches!(writes.known("b", "k"), Known::Unknown(_)));
    }

    /// One step of a random interleaving of writes and listings on two keys.
    #[derive(Debug, Clone)]
    enum Step {
        /// A write of a key begins (when no write of it is in progress: it would wait).
        Begin(usize),
        /// The store moves the write's new file into place.
        Rename(usize),
        /// The write ends; it succeeded if it was renamed, else it failed.
        End(usize),
        /// The write fails, renamed or not (a rename may precede a failure).
        Fail(usize),
        StartListing(usize),
        /// A listing reads the metadata of its key (`i` picks the listing).
        ReadMetadata(usize),
        Learn(usize),
    }

    fn step() -> impl proptest::strategy::Strategy<Value = Step> {
        use proptest::prelude::*;
        prop_oneof![
            (0..2usize).prop_map(Step::Begin),
            (0..2usize).prop_map(Step::Rename),
            (0..2usize).prop_map(Step::End),
            (0..2usize).prop_map(Step::Fail),
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
            let writes = Arc::new(Writes::default());
            let mut stored: [Option<String>; 2] = [None, None];
            // The write in progress of each key: (its ETag, renamed, the write).
            let mut writing: [Option<(String, bool, Write)>; 2] = [None, None];
            // (key, since, what was read)
            let mut listings: Vec<(usize, Option<u64>, Option<String>)> = Vec::new();
            for (n, step) in steps.into_iter().enumerate() {
                match step {
                    Step::Begin(k) => {
                        if writing[k].is_none() {
                            writing[k] = Some((format!("w{n}"), false, begin(&writes, keys[k])));
                        }
                    }
                    Step::Rename(k) => {
                        if let Some((e_tag, renamed, _)) = &mut writing[k] {
                            *renamed = true;
                            stored[k] = Some(e_tag.clone());
                        }
                    }
                    Step::End(k) => {
                        if let Some((e_tag, true, mut write)) = writing[k].take() {
                            write.succeeded(Some(tag(&e_tag)));
                        }
                    }
                    Step::Fail(k) => {
                        writing[k] = None;
                    }
                    Step::StartListing(k) => {
                        if let Known::Unknown(since) = writes.known("b", keys[k]) {
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
                            writes.learn("b", keys[k], since, tag(&read));
                        }
                    }
                }
                for (k, key) in keys.iter().enumerate() {
                    if let Known::ETag(e_tag) = writes.known("b", key) {
                        proptest::prop_assert_eq!(Some(e_tag), stored[k].as_deref().map(tag));
                    }
                }
            }
        }
    }
}
