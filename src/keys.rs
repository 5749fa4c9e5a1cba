//! A key is data, never a path: which local path an object key may become when it is
//! downloaded under a folder. S3 accepts any key, and anyone allowed to write a prefix
//! can choose one such as `photos/../../.bashrc`, so a download follows the key only
//! while every segment names a file or folder inside the destination.

use std::path::{Component, Path, PathBuf};

/// Why a key cannot become a file under the destination folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UnsafeKey {
    #[error("it refers to a parent folder (`..`)")]
    Parent,
    #[error("it has a `.` segment")]
    Current,
    #[error("it has an empty segment (a leading `/` or `//`)")]
    Empty,
    #[error("it ends with `/`, so it names a folder, not a file")]
    Folder,
    #[error("it contains a NUL byte or a path separator of this system")]
    Separator,
}

/// The relative local path of `rel` (a key with the source prefix removed), or why it
/// would leave the destination or could not be a file there.
pub fn local_path(rel: &str) -> Result<PathBuf, UnsafeKey> {
    if rel.is_empty() {
        return Err(UnsafeKey::Empty);
    }
    let segments: Vec<&str> = rel.split('/').collect();
    let last = segments.len() - 1;
    let mut path = PathBuf::new();
    for (index, segment) in segments.into_iter().enumerate() {
        check_segment(segment).map_err(|e| match e {
            UnsafeKey::Empty if index == last => UnsafeKey::Folder,
            other => other,
        })?;
        path.push(segment);
    }
    Ok(path)
}

/// Whether the file at `path`, found below `root`, may be removed without touching
/// anything outside `root`: its path below `root` has only ordinary segments and the
/// folder holding it, symlinks resolved, lies inside `root` (the file itself may be a
/// link: removing a link removes only the link). `sync --delete` and `mv` ask this
/// right before each removal, so a key such as `..\\x` or a symlinked folder inside
/// DST can never lead a removal out of it.
pub fn removable(root: &Path, path: &Path) -> Result<(), Outside> {
    let below = path.strip_prefix(root).map_err(|_| Outside)?;
    if below.as_os_str().is_empty()
        || !below
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    {
        return Err(Outside);
    }
    let root = canonical(root)?;
    let folder = canonical(path.parent().ok_or(Outside)?)?;
    if folder.starts_with(&root) {
        Ok(())
    } else {
        Err(Outside)
    }
}

/// `path` with every symlink resolved (the working folder for an empty path).
fn canonical(path: &Path) -> Result<PathBuf, Outside> {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    path.canonicalize().map_err(|_| Outside)
}

/// Why a local file is not removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("it is not inside the folder (a `..` segment, or reached through a symlink)")]
pub struct Outside;

/// The one segment a single download names (`cp s3://b/a/photo.jpg ./`), checked the
/// same way.
pub fn file_name(key: &str) -> Result<&str, UnsafeKey> {
    let name = key.rsplit('/').next().unwrap_or(key);
    check_segment(name).map_err(|e| match e {
        UnsafeKey::Empty => UnsafeKey::Folder,
        other => other,
    })?;
    Ok(name)
}

fn check_segment(segment: &str) -> Result<(), UnsafeKey> {
    match segment {
        "" => Err(UnsafeKey::Empty),
        "." => Err(UnsafeKey::Current),
        ".." => Err(UnsafeKey::Parent),
        s if s.contains('\0') || s.chars().any(|c| c != '/' && std::path::is_separator(c)) => {
            Err(UnsafeKey::Separator)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Component, Path};

    use proptest::prelude::*;

    use super::*;

    #[test]
    fn ordinary_keys_become_nested_files() {
        for (key, path) in [
            ("a.txt", "a.txt"),
            ("photos/2024/a.jpg", "photos/2024/a.jpg"),
            ("..a/b..", "..a/b.."),
            (".hidden/...", ".hidden/..."),
            ("ünï cödé/x y", "ünï cödé/x y"),
            ("a\\b", "a\\b"),
        ] {
            assert_eq!(local_path(key), Ok(PathBuf::from(path)), "{key}");
        }
    }

    #[test]
    fn keys_that_would_leave_or_cannot_be_files_are_refused() {
        for (key, why) in [
            ("../x", UnsafeKey::Parent),
            ("photos/../../x", UnsafeKey::Parent),
            ("a/..", UnsafeKey::Parent),
            ("..", UnsafeKey::Parent),
            ("/etc/passwd", UnsafeKey::Empty),
            ("photos//abs/path", UnsafeKey::Empty),
            ("", UnsafeKey::Empty),
            ("./x", UnsafeKey::Current),
            ("a/./b", UnsafeKey::Current),
            ("dir/", UnsafeKey::Folder),
            ("a\0b", UnsafeKey::Separator),
        ] {
            assert_eq!(local_path(key), Err(why), "{key:?}");
        }
        assert_eq!(file_name("a/.."), Err(UnsafeKey::Parent));
        assert_eq!(file_name("a/"), Err(UnsafeKey::Folder));
        assert_eq!(file_name("a/b.jpg"), Ok("b.jpg"));
        assert_eq!(file_name("b.jpg"), Ok("b.jpg"));
    }

    #[cfg(unix)]
    #[test]
    fn only_files_inside_the_folder_are_removable() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path().join("dst");
        std::fs::create_dir_all(root.join("sub")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("outside")).expect("mkdir");
        std::os::unix::fs::symlink("../outside", root.join("out")).expect("symlink");
        std::os::unix::fs::symlink("../outside", root.join("sub/link")).expect("symlink");
        for inside in ["a.txt", "sub/a.txt", "..\\..\\x", "\\x", "sub/link"] {
            assert_eq!(removable(&root, &root.join(inside)), Ok(()), "{inside}");
        }
        for outside in ["../x", "sub/../../x", "out/x", "sub/link/x", ""] {
            assert_eq!(
                removable(&root, &root.join(outside)),
                Err(Outside),
                "{outside}"
            );
        }
        assert_eq!(removable(&root, &dir.path().join("x")), Err(Outside));
    }

    fn key_strategy() -> impl Strategy<Value = String> {
        let segment = prop_oneof![
            Just(String::new()),
            Just(".".to_string()),
            Just("..".to_string()),
            "[a-z.]{1,4}",
            "\\PC{1,6}",
            any::<String>(),
        ];
        prop::collection::vec(segment, 1..6).prop_map(|s| s.join("/"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whatever the key, an accepted path is relative and only descends.
        #[test]
        fn an_accepted_key_never_leaves_the_destination(key in key_strategy()) {
            if let Ok(path) = local_path(&key) {
                prop_assert!(path.is_relative());
                prop_assert!(path.components().all(|c| matches!(c, Component::Normal(_))));
                let joined = Path::new("/dest").join(&path);
                prop_assert!(joined.starts_with("/dest"));
                prop_assert_eq!(path.components().count(), key.split('/').count());
            }
        }
    }
}
