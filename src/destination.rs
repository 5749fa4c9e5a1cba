//! Writing a file the user named. A regular file (or a path that does not exist yet) is
//! replaced whole through a temporary file beside it and a rename, so readers see the
//! old content or the new, never half of it. A symlink is followed to the file it names,
//! so the link stays a link. Anything else — a device such as `/dev/null`, a FIFO, a
//! terminal — is written in place: renaming over it would replace the device itself.

use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

/// Where and how a file is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Create or replace this regular file through a temporary file beside it.
    Replace(PathBuf),
    /// Write into this existing file that is not a regular one, as it is.
    InPlace(PathBuf),
}

/// How many symlinks are followed before giving up, as the kernel does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// Follows symlinks from `path` and says how its final target is written.
pub fn resolve(path: &Path) -> io::Result<Destination> {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(parent) => parent.join(target),
                    None => target,
                };
            }
            Ok(meta) if meta.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "it is a folder",
                ));
            }
            Ok(meta) if meta.is_file() => return Ok(Destination::Replace(path)),
            Ok(_) => return Ok(Destination::InPlace(path)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Destination::Replace(path));
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// A temporary file beside `path` (`.<name>.XXXXXX.ampx-part`), with the mode an
/// existing file at `path` has, or else the one a new file gets (0666 less the umask).
pub fn temporary_beside(path: &Path) -> io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(PART_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        // The mode is given to open(2), so the kernel applies the umask to it.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(dir)?;
    if let Ok(existing) = std::fs::metadata(path) {
        temp.as_file().set_permissions(existing.permissions())?;
    }
    // Held while the file is written, so [`remove_abandoned`] tells a file in use by
    // another run from one a killed run left behind.
    temp.as_file().try_lock().map_err(io::Error::other)?;
    Ok(temp)
}

/// Removes the temporary files that killed runs left in `dir` (and below it, to
/// `depth` levels): those no running process holds locked. Returns how many went.
/// Symlinks are not followed.
pub fn remove_abandoned(dir: &Path, depth: usize) -> usize {
    walkdir::WalkDir::new(dir)
        .max_depth(depth)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && is_temporary(&e.file_name().to_string_lossy()))
        .filter(|e| {
            let unused = std::fs::File::open(e.path()).is_ok_and(|f| f.try_lock().is_ok());
            unused && std::fs::remove_file(e.path()).is_ok()
        })
        .count()
}

/// The suffix of temporary files, which uploads of a folder leave out.
pub const PART_SUFFIX: &str = ".ampx-part";

/// Whether a file name is one of our temporary files (left behind by a killed process).
pub fn is_temporary(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(PART_SUFFIX)
}

/// Writes `contents` to `path`: replaced whole and synced when it is a regular file,
/// in place otherwise.
pub fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    match resolve(path)? {
        Destination::InPlace(target) => std::fs::OpenOptions::new()
            .write(true)
            .open(target)?
            .write_all(contents),
        Destination::Replace(target) => {
            let mut temp = temporary_beside(&target)?;
            temp.write_all(contents)?;
            temp.as_file().sync_all()?;
            temp.persist(&target).map_err(|e| e.error)?;
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_or_regular_file_is_replaced_and_a_symlink_followed() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("a.json");
        assert_eq!(
            resolve(&file).expect("new"),
            Destination::Replace(file.clone())
        );
        write(&file, b"one").expect("write");
        write(&file, b"two").expect("write");
        assert_eq!(std::fs::read(&file).expect("read"), b"two");

        #[cfg(unix)]
        {
            let link = dir.path().join("link.json");
            std::os::unix::fs::symlink("a.json", &link).expect("symlink");
            write(&link, b"three").expect("write through the link");
            assert!(
                std::fs::symlink_metadata(&link)
                    .expect("meta")
                    .file_type()
                    .is_symlink()
            );
            assert_eq!(std::fs::read(&file).expect("read"), b"three");
            // A dangling link creates the file it names.
            let dangling = dir.path().join("dangling");
            std::os::unix::fs::symlink("made.txt", &dangling).expect("symlink");
            write(&dangling, b"made").expect("write");
            assert_eq!(
                std::fs::read(dir.path().join("made.txt")).expect("read"),
                b"made"
            );
            // A loop is an error, not a hang.
            let a = dir.path().join("loop-a");
            std::os::unix::fs::symlink("loop-b", &a).expect("symlink");
            std::os::unix::fs::symlink("loop-a", dir.path().join("loop-b")).expect("symlink");
            assert!(write(&a, b"x").is_err());
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| is_temporary(&e.file_name().to_string_lossy()))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn only_abandoned_temporary_files_are_removed() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::create_dir_all(dir.path().join("deep")).expect("mkdir");
        let in_use = temporary_beside(&dir.path().join("busy.txt")).expect("temp");
        let abandoned = temporary_beside(&dir.path().join("deep/killed.txt"))
            .expect("temp")
            .into_temp_path()
            .keep()
            .expect("kept, as a killed run leaves it");
        std::fs::write(dir.path().join(".look-alike.txt"), b"mine").expect("write");
        std::fs::write(dir.path().join("deep/keep.ampx-part"), b"mine").expect("write");
        assert_eq!(remove_abandoned(dir.path(), 1), 0, "not below the depth");
        assert_eq!(remove_abandoned(dir.path(), 2), 1);
        assert!(!abandoned.exists());
        assert!(in_use.path().exists(), "a file another run writes stays");
        assert!(dir.path().join(".look-alike.txt").exists());
        assert!(dir.path().join("deep/keep.ampx-part").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_in_place_and_a_folder_refused() {
        assert_eq!(
            resolve(Path::new("/dev/null")).expect("resolve"),
            Destination::InPlace(PathBuf::from("/dev/null"))
        );
        write(Path::new("/dev/null"), b"discarded").expect("write");
        let meta = std::fs::symlink_metadata("/dev/null").expect("meta");
        assert!(!meta.is_file(), "/dev/null is still a device");
        let dir = tempfile::tempdir().expect("dir");
        assert!(write(dir.path(), b"x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("script.sh");
        std::fs::write(&file, b"old").expect("write");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        write(&file, b"new").expect("write");
        let mode = std::fs::metadata(&file).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o755);
        // A new file gets the mode any file the user creates gets (0666 less the umask).
        let usual = dir.path().join("usual.txt");
        std::fs::File::create(&usual).expect("create");
        let fresh = dir.path().join("fresh.txt");
        write(&fresh, b"x").expect("write");
        let mode_of = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode_of(&fresh), mode_of(&usual));
    }
}
