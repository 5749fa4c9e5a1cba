//! The object file a PUT is about to replace, kept aside (as a hard link) until the PUT
//! has succeeded. s3s-fs moves the new file into place before it checks the body against
//! `Content-MD5` and the `x-amz-checksum-*` values, so a PUT it then rejects would
//! otherwise have replaced the object anyway.

use std::path::{Path, PathBuf};

/// Names of kept files in the data folder (outside every bucket, so never listed).
const PREFIX: &str = ".ampx-previous-";

#[derive(Debug)]
pub enum Previous {
    /// The object existed: `aside` is a second name for its file.
    Kept { aside: PathBuf, object: PathBuf },
    /// There was no object under the key.
    Absent { object: PathBuf },
    /// A key the store cannot hold as a plain path, or a file that could not be linked:
    /// nothing to undo with.
    Unprotected,
}

impl Previous {
    /// Keeps the file of `bucket/key` under `data` aside, as the `n`th kept file.
    pub fn keep(data: &Path, bucket: &str, key: &str, n: u64) -> Previous {
        let plain = |name: &str| name.split('/').all(|s| !matches!(s, "" | "." | ".."));
        if !plain(bucket) || !plain(key) {
            return Previous::Unprotected;
        }
        let object = data.join(bucket).join(key);
        if !object.is_file() {
            return Previous::Absent { object };
        }
        let aside = data.join(format!("{PREFIX}{n}"));
        match std::fs::hard_link(&object, &aside) {
            Ok(()) => Previous::Kept { aside, object },
            Err(_) => Previous::Unprotected,
        }
    }

    /// The write succeeded: the previous file goes.
    pub fn discard(self) {
        if let Previous::Kept { aside, .. } = self {
            let _ = std::fs::remove_file(aside);
        }
    }

    /// The write failed: the previous file comes back (or a new one goes).
    pub fn restore(self) {
        match self {
            Previous::Kept { aside, object } => {
                let _ = std::fs::rename(aside, object);
            }
            Previous::Absent { object } => {
                let _ = std::fs::remove_file(object);
            }
            Previous::Unprotected => {}
        }
    }
}

/// Removes files kept by a server that stopped mid-write (the objects themselves are
/// whole either way).
pub fn clear_leftovers(data: &Path) {
    let Ok(entries) = std::fs::read_dir(data) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(PREFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|_| "absent".to_string())
    }

    /// What s3s-fs does on a PUT: a new file renamed over the object.
    fn replace(object: &Path, text: &str) {
        let new = object.with_extension("new");
        std::fs::write(&new, text).expect("write");
        std::fs::rename(new, object).expect("rename");
    }

    #[test]
    fn a_failed_write_gets_the_previous_object_back() {
        let data = tempfile::tempdir().expect("dir");
        let object = data.path().join("b").join("photos").join("a.jpg");
        std::fs::create_dir_all(object.parent().expect("parent")).expect("dirs");
        std::fs::write(&object, "old").expect("write");

        let previous = Previous::keep(data.path(), "b", "photos/a.jpg", 1);
        replace(&object, "rejected");
        previous.restore();
        assert_eq!(read(&object), "old");

        let previous = Previous::keep(data.path(), "b", "photos/a.jpg", 2);
        replace(&object, "accepted");
        previous.discard();
        assert_eq!(read(&object), "accepted");
        let names: Vec<_> = std::fs::read_dir(data.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["b"], "nothing kept once done");
    }

    #[test]
    fn a_failed_first_write_leaves_no_object() {
        let data = tempfile::tempdir().expect("dir");
        std::fs::create_dir_all(data.path().join("b")).expect("dirs");
        let object = data.path().join("b").join("new.txt");
        let previous = Previous::keep(data.path(), "b", "new.txt", 1);
        replace(&object, "rejected");
        previous.restore();
        assert_eq!(read(&object), "absent");
    }

    #[test]
    fn keys_that_are_not_plain_paths_are_left_alone() {
        let data = tempfile::tempdir().expect("dir");
        for key in ["../escape", "a//b", "/abs", "a/./b", "dir/"] {
            assert!(
                matches!(
                    Previous::keep(data.path(), "b", key, 1),
                    Previous::Unprotected
                ),
                "{key}"
            );
        }
    }

    #[test]
    fn leftovers_of_a_stopped_server_are_cleared() {
        let data = tempfile::tempdir().expect("dir");
        std::fs::write(data.path().join(format!("{PREFIX}7")), "x").expect("write");
        std::fs::create_dir(data.path().join("bucket")).expect("dir");
        clear_leftovers(data.path());
        let names: Vec<_> = std::fs::read_dir(data.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["bucket"]);
    }
}
